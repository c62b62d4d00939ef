"""All human output in one place (rich). Commands return data; this module shows it."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .facts import JUDGED_BY_THE_LOG, Facts
from .findings import Finding, Severity
from .plan import Plan
from .planner.jetson import JETPACK_SOURCE
from .results import (
    Applied,
    ApplyNotConfirmed,
    DoctorResult,
    FleetPlanResult,
    FleetReported,
    KernelInstalled,
    KernelRemoved,
    MatrixChecked,
    MatrixRefreshed,
    MatrixShown,
    PlanResult,
    ProbeResult,
    RolledBack,
    VerifyResult,
)
from .verify.outcome import VerifyOutcome

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
        + (f", glibc {escape(p.glibc)}" if p.glibc else ", musl (no glibc)" if p.musl else "")
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
    elif facts.gpus_absent():
        table.add_row("GPUs", f"[red]none[/red]  {_dim(facts.gpus_reason or '')}")
    else:
        # without a working driver nothing lists a GPU: an empty list says nothing either way
        table.add_row(
            "GPUs",
            "[yellow]none listed[/yellow]  "
            + _dim(
                "no working driver to list them (lspci, from pciutils, would show one on the bus)"
                + (f"; {facts.gpus_reason}" if facts.gpus_reason else "")
            ),
        )
    cuda = "; ".join(f"{c.version or '?'} ({c.kind}: {c.path})" for c in facts.cuda)
    table.add_row("CUDA", _value(cuda or None, "no toolkit or runtime found"))
    cudnn = "; ".join(f"{c.version or '?'} ({c.kind}: {c.path})" for c in facts.cudnn)
    table.add_row("cuDNN", _value(cudnn or None, "not found"))
    env = facts.target_env
    if env is None:
        table.add_row("Target env", _dim("none (no --target-env and no active virtualenv)"))
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
    verdict = VERDICT_TEXT[plan.verdict]
    if plan.verdict == "cpu" and any(a.fact == "gpus" for a in plan.assumptions):
        # nothing showed this machine cannot use a GPU: none was named
        verdict = "[bold yellow]A CPU setup, as no GPU was stated: TensorFlow {tf} on the CPU[/]"
    console.print(verdict.format(tf=escape(plan.tensorflow or "")))
    errors = [f for f in plan.findings if f.severity is Severity.ERROR]
    if plan.verdict != "gpu" and errors and errors[0].source == JETPACK_SOURCE:
        # the PyPI releases planned from have no CUDA on a Jetson: NVIDIA's own build does
        console.print(
            "[bold yellow]from PyPI; NVIDIA's TensorFlow for JetPack uses this Jetson's GPU"
            " (below)[/]"
        )
    if plan.verdict == "gpu" and any(f.id == "cuda-visible-devices-hides-gpus" for f in errors):
        console.print("[bold yellow]once CUDA_VISIBLE_DEVICES shows it (see below)[/bold yellow]")
    elif plan.verdict == "gpu" and errors:
        # what stands in the way lies outside the environment the plan builds (a reboot, a
        # variable, a folder on the loader path): the GPU comes once it is mended
        which = "error below is" if len(errors) == 1 else "errors below are"
        console.print(f"[bold yellow]once the {which} mended[/bold yellow]")
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


# ---------------------------------------------------------------------------------------------
# Each command's result, as a person reads it (output.show picks the function by result type).


def show_probe(console: Console, result: ProbeResult) -> None:
    show_facts(console, result.facts)


def show_plan_result(console: Console, result: PlanResult) -> None:
    show_plan(console, result.plan)


def show_fleet_plan(console: Console, result: FleetPlanResult) -> None:
    for h in result.hosts:
        findings = ", ".join(f.id for f in h.plan.findings)
        console.print(f"{escape(h.facts)}: {h.plan.verdict} {h.plan.tensorflow or '-'} {findings}")
    verdicts = [h.plan.verdict for h in result.hosts]
    counts = {v: verdicts.count(v) for v in ("gpu", "cpu", "none")}
    distinct = len(result.distinct())
    for u in result.unreadable:
        console.print(f"[red]{escape(u.facts)}: not planned:[/red] {escape(u.error)}")
    unreadable = f", {len(result.unreadable)} unreadable" if result.unreadable else ""
    console.print(
        f"{len(result.hosts)} hosts: {counts['gpu']} gpu, {counts['cpu']} cpu, "
        f"{counts['none']} none ({distinct} distinct plan{'' if distinct == 1 else 's'})"
        f"{unreadable}"
    )


def show_not_confirmed(console: Console, result: ApplyNotConfirmed) -> None:
    if result.asked:
        console.print("nothing changed")
        return
    show_plan(console, result.plan)
    console.print(
        "\n[yellow]not applied:[/yellow] no terminal to confirm on; rerun with --yes to apply "
        "this plan"
    )


def show_applied(console: Console, applied: Applied) -> None:
    result, verify = applied.result, applied.verify
    if result.recovered:
        console.print(f"[yellow]recovered:[/yellow] {escape(result.recovered)}")
    if result.noop:
        console.print(
            f"no-op: {escape(str(result.venv))} already matches the plan; nothing was "
            f"changed ({result.seconds:.2f} s)"
        )
    else:
        for step in result.steps:
            console.print(
                f"  {step.status:<8} {escape(step.description)}  "
                f"[dim]{escape(step.detail)} {step.seconds:.1f} s[/dim]"
            )
        console.print(f"[green]applied[/green] in {result.seconds:.1f} s with {result.installer}")
    if result.late_signal is not None:
        console.print(
            f"[yellow]{escape(signal.Signals(result.late_signal).name)} came while the change "
            "was being committed: the apply completed; the smoke test was not started[/yellow]"
        )
    if verify is not None:
        console.print()
        if applied.verify_recorded:
            console.print(
                f"[dim]verify result recorded {escape(applied.verify_recorded)} for this env, "
                "unchanged since ('apply --verify' or 'tfgpu-setup verify' runs it again)[/dim]"
            )
        show_verify(console, verify)
    script = next((p for p in result.activate_scripts if not str(p).endswith(".fish")), None)
    if script:
        console.print(f"\nactivate it with:  source {escape(str(script))}")


def show_rolled_back(console: Console, result: RolledBack) -> None:
    console.print(escape(result.result.message))


def show_kernel_installed(console: Console, result: KernelInstalled) -> None:
    kernel = result.kernel
    console.print(
        f"kernel '{escape(kernel.name)}' written to {escape(str(kernel.path))} "
        "(Jupyter's per-user kernels folder; $JUPYTER_DATA_DIR moves it)"
    )
    for note in kernel.notes:
        console.print(f"[yellow]note:[/yellow] {escape(note)}")
    console.print(f"remove it with:  tfgpu-setup kernel uninstall --name {kernel.name}")


def show_kernel_removed(console: Console, result: KernelRemoved) -> None:
    console.print(f"removed {escape(str(result.removed))}")


VERIFY_STYLE = {
    "gpu": "bold green",
    "cpu-only": "bold yellow",
    "tf-broken": "bold red",
    "no-env": "bold red",
}


def show_verify(console: Console, outcome: VerifyOutcome) -> None:
    layers = outcome.layers.report if outcome.layers else None
    if layers is not None:
        for name, layer in (
            ("driver (libcuda)", layers.driver),
            ("CUDA runtime", layers.runtime),
            ("cuDNN", layers.cudnn),
            ("cuBLAS", layers.cublas),
        ):
            state = (
                f"[green]{escape(layer.version or 'loaded')}[/green] from "
                f"{escape(layer.path or '?')}"
                if layer.loaded and not layer.error
                else f"[red]{escape(layer.error or 'not loaded')}[/red]"
            )
            console.print(f"  {name:<17} {state}")
    report = outcome.smoke.report if outcome.smoke else None
    if report is not None:
        for check in report.checks:
            timing = ""
            if check.first_call_s is not None:
                timing = f" first {check.first_call_s * 1000:.0f} ms"
                if check.steady_call_s is not None:
                    timing += f", steady {check.steady_call_s * 1000:.2f} ms"
            detail = check.result_device or check.reason or check.error or ""
            style = {"passed": "green", "failed": "red"}.get(check.status, "yellow")
            console.print(
                f"  {escape(check.name):<22} {escape(check.device):<8} "
                f"[{style}]{check.status}[/{style}]{timing}  [dim]{escape(detail)}[/dim]"
            )
    style = VERIFY_STYLE[outcome.status]
    console.print(f"[{style}]{outcome.status}[/{style}]: {escape(outcome.reason)}")


def show_verify_result(console: Console, result: VerifyResult) -> None:
    show_verify(console, result.outcome)
    if result.findings:
        console.print()
        show_findings(console, result.findings)
        console.print("\n[dim]'tfgpu-setup doctor' adds what the machine's facts say[/dim]")


def show_doctor(console: Console, result: DoctorResult) -> None:
    diagnosis = result.diagnosis
    style = {"yes": "bold green", "no": "bold red", "unknown": "bold yellow"}[diagnosis.gpu_used]
    console.print(f"[{style}]{escape(diagnosis.verdict)}[/{style}]")
    if result.verify is not None:
        console.print()
        show_verify(console, result.verify)
    if diagnosis.findings:
        console.print()
        show_findings(console, diagnosis.findings)
    notes = diagnosis.facts.notes if diagnosis.facts is not None else ()
    overruled = [n.message for n in notes if n.message.endswith(JUDGED_BY_THE_LOG)]
    if overruled:
        console.print()
        console.print("[bold]The log's own measurement outranks what was stated[/bold]")
        for message in overruled:
            console.print(f"  - {escape(message)}")
    if diagnosis.next_steps:
        console.print()
        console.print("[bold]To confirm[/bold]")
        for step in diagnosis.next_steps:
            console.print(f"  - {escape(step)}")
    if result.report:
        console.print(f"\nreport written to {escape(result.report)}")


MATRIX_COLUMNS = (
    "tensorflow",
    "python",
    "cuda",
    "cudnn",
    "compute_capabilities",
    "gpu_platforms",
    "nvidia_pins",
)


def show_matrix(console: Console, result: MatrixShown) -> None:
    rows = result.rows
    columns = [c for c in MATRIX_COLUMNS if c in rows[0]] or list(rows[0])
    table = Table(
        title=f"TensorFlow GPU compatibility ({escape(result.origin)}, refreshed "
        f"{escape(result.refreshed)})",
        title_justify="left",
    )
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(escape(str(row.get(c, ""))) for c in columns))
    console.print(table)


def show_matrix_check(console: Console, result: MatrixChecked) -> None:
    from .matrix.show import STALE_AFTER_DAYS

    check = result.check
    verdict = (
        "[green]valid[/green]"
        if check["valid"]
        else f"[red]invalid: {escape(str(check['error']))}[/red]"
    )
    console.print(f"matrix in use: {escape(str(check['origin']))}: {verdict}")
    for note in check["notes"]:
        console.print(f"  [yellow]note:[/yellow] {escape(note)}")
    refreshed = check["refreshed"]
    console.print("refreshed: " + ", ".join(f"{name} {day}" for name, day in refreshed.items()))
    age = check["age_days"]
    if age is not None:
        console.print(f"age: {age} days (the oldest file)")
    console.print(f"newest TensorFlow release: {check['newest_release']}")
    counts = check["counts"]
    console.print(
        "holds: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    )
    if check["stale"]:
        console.print(
            f"[yellow]older than {STALE_AFTER_DAYS} days:[/yellow] run 'tfgpu-setup "
            "matrix refresh' to pick up new TensorFlow releases"
        )


def show_matrix_refresh(console: Console, refreshed: MatrixRefreshed) -> None:
    result = refreshed.result
    if result.unchanged:
        console.print(
            f"matrix is up to date ({result.release_count} releases); wrote "
            f"{escape(str(result.path))}"
        )
    else:
        for line in result.diff:
            console.print(escape(line))
        console.print(f"wrote {escape(str(result.path))} ({result.release_count} releases)")
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")


def show_fleet_report(console: Console, result: FleetReported) -> None:
    console.print(
        result.markdown, markup=False, highlight=False, emoji=False, soft_wrap=True, end=""
    )


RENDERERS: dict[type, Callable[[Console, Any], None]] = {
    ProbeResult: show_probe,
    PlanResult: show_plan_result,
    FleetPlanResult: show_fleet_plan,
    ApplyNotConfirmed: show_not_confirmed,
    Applied: show_applied,
    RolledBack: show_rolled_back,
    KernelInstalled: show_kernel_installed,
    KernelRemoved: show_kernel_removed,
    VerifyResult: show_verify_result,
    DoctorResult: show_doctor,
    MatrixShown: show_matrix,
    MatrixChecked: show_matrix_check,
    MatrixRefreshed: show_matrix_refresh,
    FleetReported: show_fleet_report,
}
"""Every result type's human output: one table, so a new command cannot forget to render."""
