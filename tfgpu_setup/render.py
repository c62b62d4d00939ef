"""All human output in one place (rich). Commands return data; this module shows it."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .facts import Facts
from .findings import Finding, Severity
from .plan import Plan

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _dim(text: str) -> str:
    return f"[dim]{escape(text)}[/dim]"


def _value(value: object, missing: str = "not found") -> str:
    return escape(str(value)) if value not in (None, "") else f"[red]{missing}[/red]"


def show_facts(console: Console, facts: Facts) -> None:
    p = facts.platform
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    extras = []
    if p.wsl:
        extras.append("WSL2")
    if p.container:
        extras.append("container")
    table.add_row(
        "Platform",
        f"{escape(p.os)} {escape(p.arch)}"
        + (f", {escape(p.distro)}" if p.distro else "")
        + (f", glibc {escape(p.glibc)}" if p.glibc else "")
        + (f" [yellow]({', '.join(extras)})[/yellow]" if extras else "")
        + f"  {_dim(p.kernel or '')}",
    )
    pythons = ", ".join(dict.fromkeys(py.version for py in facts.pythons)) or None
    table.add_row("Pythons", _value(pythons))
    d = facts.driver
    driver = _value(d.version)
    if d.version:
        driver += f" (CUDA ≤ {escape(d.cuda_version or '?')})"
        if d.windows_numbering:
            driver += " [yellow]Windows driver numbering[/yellow]"
        if d.mismatch:
            driver += (
                f" [bold red]mismatch: kernel module {escape(d.kernel_module_version or '?')}"
                f", library {escape(d.library_version or '?')}[/bold red]"
            )
    driver += "  " + _dim(f"from {d.source}" + (f": {d.reason}" if d.reason else ""))
    table.add_row("Driver", driver)
    if facts.gpus:
        for g in facts.gpus:
            mem = f", {g.memory_total_mib} MiB" if g.memory_total_mib else ""
            cc = f"CC {g.compute_capability}" if g.compute_capability else "CC unknown"
            mig = f", MIG {g.mig_mode}" if g.mig_mode else ""
            table.add_row(
                f"GPU {g.index}",
                f"{escape(g.name)} ({cc}{mem}{mig})  " + _dim(f"{g.uuid or ''} from {g.source}"),
            )
            for m in g.mig_devices:
                table.add_row("", f"  MIG {m.index}: {escape(m.name or '')} {_dim(m.uuid or '')}")
    else:
        table.add_row("GPUs", f"[red]none[/red]  {_dim(facts.gpus_reason or '')}")
    cuda = "; ".join(f"{c.version or '?'} ({c.kind}: {c.path})" for c in facts.cuda)
    table.add_row("CUDA", _value(cuda or None, "no toolkit or runtime found"))
    cudnn = "; ".join(f"{c.version or '?'} ({c.kind}: {c.path})" for c in facts.cudnn)
    table.add_row("cuDNN", _value(cudnn or None, "not found"))
    env = facts.target_env
    if env is None:
        table.add_row("Target env", _dim("none (no --env and no active virtualenv)"))
    else:
        tf = ", ".join(f"{t.name} {t.version}" for t in env.tensorflow) or "no TensorFlow"
        build = ""
        if env.tf_build:
            b = env.tf_build
            build = (
                f" (CUDA {b.cuda_version}, cuDNN {b.cudnn_version})"
                if b.is_cuda_build
                else " (CPU-only build)"
            )
        table.add_row(
            "Target env",
            f"{escape(env.path)}: {escape(tf)}{escape(build)}, "
            f"{len(env.nvidia_wheels)} NVIDIA wheels"
            + (f"  [red]{escape(env.reason)}[/red]" if env.reason else ""),
        )
    for name, value in facts.env.items():
        if name in ("PATH",) or value is None:
            continue
        table.add_row(name, escape(repr(value)) if value == "" else escape(value))
    console.print(table)
    for note in facts.notes:
        console.print(_dim(f"note: {note.source}: {note.message}"))


def show_findings(console: Console, findings: Iterable[Finding]) -> None:
    for f in findings:
        style = SEVERITY_STYLE[f.severity]
        console.print(
            f"[{style}]{f.severity.value}[/{style}] [bold]{escape(f.id)}[/bold]: {escape(f.title)}"
        )
        for line in f.evidence:
            console.print(f"    {_dim(line)}")
        console.print(f"    fix: {escape(f.fix)}")
        if f.source:
            console.print(f"    {_dim('source: ' + f.source)}")


VERDICT_TEXT = {
    "gpu": "[bold green]TensorFlow {tf} will use the GPU[/bold green]",
    "cpu": "[bold yellow]Only a CPU setup is possible here: TensorFlow {tf} on the CPU"
    "[/bold yellow]",
    "none": "[bold red]No TensorFlow can be installed here as asked[/bold red]",
}


def show_plan(console: Console, plan: Plan) -> None:
    console.print(VERDICT_TEXT[plan.verdict].format(tf=escape(plan.tensorflow or "")))
    if plan.python:
        console.print(f"Python {escape(plan.python)} in {escape(plan.venv)}")
    if plan.python_path:
        console.print(f"interpreter that builds the env: {escape(plan.python_path)}")
    if plan.findings:
        console.print()
        show_findings(console, plan.findings)
    if plan.assumptions:
        console.print()
        console.print("[bold]Assumed[/bold] (not stated: confirm before applying)")
        for a in plan.assumptions:
            console.print(f"  {escape(a.assumed)}  {_dim('confirm: ' + a.confirm)}")
    console.print()
    console.print("[bold]Decisions[/bold]")
    for d in plan.decisions:
        console.print(
            f"  {escape(d.subject)}: {escape(d.outcome)}: {escape(d.reason)} "
            + _dim(f"[{d.source}]")
        )
    if plan.packages:
        console.print()
        console.print("[bold]Packages[/bold]")
        for p in plan.packages:
            console.print(f"  {escape(p.requirement)}  {_dim(p.reason)}")
    if plan.activate:
        variables = plan.activate.variables()
        if variables:
            console.print()
            console.print("[bold]Activate script sets[/bold]")
            for name, value in variables.items():
                console.print(f"  {name}={escape(value)}")
    if plan.steps:
        console.print()
        console.print("[bold]Steps[/bold] (what 'tfgpu-setup apply' will do)")
        for i, step in enumerate(plan.steps, 1):
            console.print(f"  {i}. {escape(step.description)}")
