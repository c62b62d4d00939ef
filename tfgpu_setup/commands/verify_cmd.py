"""tfgpu-setup verify."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..findings import Finding, Severity
from ..outcome import Outcome
from ..render import show_findings
from ..verify.outcome import VerifyOutcome
from ..verify.runner import verify_env
from .target import activated_overrides, resolve_venv

STATUS_STYLE = {
    "gpu": "bold green",
    "cpu-only": "bold yellow",
    "tf-broken": "bold red",
    "no-env": "bold red",
}


NOTHING_APPLIED = "nothing applied yet: run 'tfgpu-setup apply'"


def _settle(venv: Path, console: Console) -> None:
    """Finish or undo an apply that was killed before reading the env (said on stderr)."""
    from ..apply.apply import settle

    recovered = settle(venv)
    if recovered:
        console.print(f"[yellow]recovered:[/yellow] {escape(recovered)}")


def run_verify(venv_arg: str | None, environ: Mapping[str, str]) -> VerifyOutcome:
    venv = resolve_venv(venv_arg, environ)
    console = Console(stderr=True, highlight=False)
    _settle(venv, console)
    overrides, lib_dirs = activated_overrides(venv, environ)
    with console.status(f"running the smoke test in {venv} (imports TensorFlow)"):
        return verify_env(venv, overrides, lib_dirs)


def _nothing_applied(venv: Path) -> str | None:
    """Why there is nothing to verify yet, when apply never ran on the env.

    An env tfgpu-setup did not make is still verified as it stands when it has TensorFlow.
    """
    from ..apply.journal import read_journal
    from ..apply.venv import installed, state_of

    state = state_of(venv)
    if state == "absent":
        return f"{NOTHING_APPLIED} ({venv} does not exist; --venv names another env)"
    if state != "virtualenv" or read_journal(venv) is not None:
        return None  # not a virtualenv: verify says so; applied: verify it
    if not any(name.startswith(("tensorflow", "tf-nightly")) for name in installed(venv)):
        return f"{NOTHING_APPLIED} ({venv} has no TensorFlow and was not set up by tfgpu-setup)"
    return None


def record_if_applied(outcome: VerifyOutcome) -> None:
    """Keep the result in an env tfgpu-setup applied: a no-op apply shows it again."""
    from ..apply.journal import read_journal
    from .apply_cmd import record_outcome

    venv = Path(outcome.venv)
    journal = read_journal(venv) if outcome.status != "no-env" else None
    if journal is not None:
        record_outcome(venv, journal.transaction, outcome)


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
    style = STATUS_STYLE[outcome.status]
    console.print(f"[{style}]{outcome.status}[/{style}]: {escape(outcome.reason)}")


def _findings(outcome: VerifyOutcome) -> tuple[Finding, ...]:
    """When the GPU was not used: what the smoke test and TensorFlow's own log lines say."""
    if outcome.status in ("gpu", "no-env"):
        return ()
    from ..diagnose.doctor import diagnose
    from .matrix_cmd import current_matrix

    diagnosis = diagnose(current_matrix(), None, outcome.venv, outcome)
    return tuple(f for f in diagnosis.findings if f.severity != Severity.INFO)


def run(venv_arg: str | None, environ: Mapping[str, str]) -> Outcome:
    venv = resolve_venv(venv_arg, environ)
    _settle(venv, Console(stderr=True, highlight=False))
    unapplied = _nothing_applied(venv)
    if unapplied:
        outcome = VerifyOutcome("no-env", unapplied, str(venv))
    else:
        outcome = run_verify(str(venv), environ)
        record_if_applied(outcome)
    document = {"schema": "tfgpu-setup/verify", "schema_version": 1, **outcome.to_jsonable()}

    findings = _findings(outcome)

    def show(console: Console) -> None:
        show_verify(console, outcome)
        if findings:
            console.print()
            show_findings(console, findings)
            console.print("\n[dim]'tfgpu-setup doctor' adds what the machine's facts say[/dim]")

    return Outcome(document, show, outcome.exit_code)
