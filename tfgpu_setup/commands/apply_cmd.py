"""tfgpu-setup apply | rollback | run | kernel install | kernel uninstall."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.prompt import Confirm

from ..apply.apply import PHASE_PREFIX, ApplyResult, apply_plan, rollback
from ..apply.install import Installer
from ..documents import read_document
from ..errors import ExitCode, UserError
from ..matrix.load import matrix_in_use
from ..outcome import Outcome
from ..plan import PLAN_DOCUMENT, Plan
from ..render import show_plan
from ..verify.outcome import VerifyOutcome
from .plan_cmd import PlanOptions, plan_once
from .target import resolve_venv
from .verify_cmd import run_verify, show_verify


@dataclass(frozen=True)
class ApplyOptions:
    plan_file: str | None
    plan_options: PlanOptions
    yes: bool = False
    recreate: bool = False
    installer: Installer = "auto"
    verify: bool = True
    reverify: bool = False
    """Run the smoke test even when the apply was a no-op (else its recorded result is shown)."""
    backup: bool = True
    as_json: bool = False


def load_plan(opts: ApplyOptions, environ: Mapping[str, str]) -> Plan:
    if opts.plan_file:
        text = read_document(opts.plan_file, "--plan", PLAN_DOCUMENT)
        plan = Plan.from_json(text, origin=opts.plan_file)
        _check_interpreter(plan, opts.plan_file)
        return plan
    return plan_once(opts.plan_options, matrix_in_use(), environ)


def _check_interpreter(plan: Plan, origin: str) -> None:
    """A plan file's python_path is run by apply: it must be a Python interpreter file."""
    path = plan.python_path
    if path is None:
        return
    name = os.path.basename(path)
    looks_like_python = re.fullmatch(r"python(\d+(\.\d+)?)?(\.exe)?", name) is not None
    if not (looks_like_python and os.path.isfile(path) and os.access(path, os.X_OK)):
        raise UserError(
            f"{origin}: python_path {path!r} is not an existing Python interpreter "
            "(a file named python, python3 or python3.X that can be run); make a new plan with "
            "'tfgpu-setup plan --json'",
            ExitCode.INPUT,
        )


def _confirmed(plan: Plan, opts: ApplyOptions) -> bool:
    if opts.yes:
        return True
    if opts.as_json or not sys.stdin.isatty():
        return False
    console = Console(highlight=False)
    show_plan(console, plan)
    console.print()
    return Confirm.ask(f"Apply this plan to {escape(plan.venv)}?", default=False)


def run(opts: ApplyOptions, environ: Mapping[str, str]) -> Outcome:
    plan = load_plan(opts, environ)
    if not _confirmed(plan, opts):
        document = {
            "schema": "tfgpu-setup/apply",
            "schema_version": 1,
            "applied": False,
            "reason": "not confirmed: pass --yes to apply without a question",
            "plan": plan.to_jsonable(),
        }

        def show_unconfirmed(console: Console) -> None:
            if sys.stdin.isatty():
                console.print("nothing changed")
                return
            show_plan(console, plan)
            console.print(
                "\n[yellow]not applied:[/yellow] no terminal to confirm on; rerun with "
                "--yes to apply this plan"
            )

        return Outcome(document, show_unconfirmed, ExitCode.NOT_CONFIRMED)
    status_console = Console(stderr=True, highlight=False)
    with status_console.status(f"applying the plan to {plan.venv}") as status:

        def progress(line: str) -> None:
            if line.startswith(PHASE_PREFIX):
                status_console.print(escape(line[len(PHASE_PREFIX) :]))
            elif line.strip():
                status.update(escape(line.strip()[:100]))

        result = apply_plan(
            plan,
            recreate=opts.recreate,
            installer=opts.installer,
            progress=progress,
            backup=opts.backup,
        )
    verify: VerifyOutcome | None = None
    recorded: str | None = None
    if result.late_signal is not None:
        pass  # the user asked to stop: the apply is done, the smoke test is not started
    elif result.noop and opts.verify and not opts.reverify:
        found = recorded_outcome(result.venv, result.transaction)
        if found is not None:
            recorded, verify = found
    if verify is None and opts.verify and result.late_signal is None:
        verify = run_verify(str(result.venv), environ)
        record_outcome(result.venv, result.transaction, verify)
    document = {
        "schema": "tfgpu-setup/apply",
        "schema_version": 1,
        "applied": True,
        **result.to_jsonable(),
        "verify": verify.to_jsonable() if verify else None,
        "verify_recorded": recorded,
    }
    return Outcome(document, lambda console: _show_applied(console, result, verify, recorded))


def recorded_outcome(venv: Path, transaction: str) -> tuple[str, VerifyOutcome] | None:
    """The verify result recorded for the env as `transaction` left it, if still readable."""
    from ..apply.journal import recorded_verify
    from ..serde import DecodeError, from_jsonable

    found = recorded_verify(venv, transaction)
    if found is None:
        return None
    when, document = found
    document = {k: v for k, v in document.items() if k != "exit_code"}
    try:
        return when, from_jsonable(VerifyOutcome, document)
    except DecodeError:
        return None


def record_outcome(venv: Path, transaction: str, outcome: VerifyOutcome) -> None:
    """Keep verify's result in the env, for the next no-op apply (best effort)."""
    from ..apply.journal import record_verify

    if outcome.status == "no-env":
        return
    with contextlib.suppress(OSError):
        record_verify(venv, transaction, outcome.to_jsonable())


def _show_applied(
    console: Console, result: ApplyResult, verify: VerifyOutcome | None, recorded: str | None
) -> None:
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
        if recorded:
            console.print(
                f"[dim]verify result recorded {escape(recorded)} for this env, unchanged since "
                "('apply --verify' or 'tfgpu-setup verify' runs it again)[/dim]"
            )
        show_verify(console, verify)
    script = next((p for p in result.activate_scripts if not str(p).endswith(".fish")), None)
    if script:
        console.print(f"\nactivate it with:  source {escape(str(script))}")


def run_rollback(venv_arg: str | None, environ: Mapping[str, str]) -> Outcome:
    result = rollback(resolve_venv(venv_arg, environ))
    document = {
        "schema": "tfgpu-setup/rollback",
        "schema_version": 1,
        "venv": str(result.venv),
        "rolled_back": result.rolled_back,
        "message": result.message,
        "now_previous": str(result.now_previous) if result.now_previous else None,
    }
    return Outcome(document, lambda console: console.print(escape(result.message)))


def _settled(venv: Path) -> Path:
    """The env, after recovering from an apply or rollback that was killed (said on stderr)."""
    from ..apply.apply import settle

    recovered = settle(venv)
    if recovered:
        Console(stderr=True, highlight=False).print(
            f"[yellow]recovered:[/yellow] {escape(recovered)}"
        )
    return venv


def run_command(venv_arg: str | None, argv: list[str], environ: Mapping[str, str]) -> int:
    from ..apply.run import run_in_env

    return run_in_env(_settled(resolve_venv(venv_arg, environ)), argv)


def install_kernel(venv_arg: str | None, name: str | None, environ: Mapping[str, str]) -> Outcome:
    from ..apply.kernel import install_kernel as install

    installed = install(_settled(resolve_venv(venv_arg, environ)), name)
    document = {
        "schema": "tfgpu-setup/kernel",
        "schema_version": 1,
        "name": installed.name,
        "path": str(installed.path),
        "spec": installed.spec,
        "notes": list(installed.notes),
    }

    def show(console: Console) -> None:
        console.print(
            f"kernel '{escape(installed.name)}' written to {escape(str(installed.path))} "
            "(Jupyter's per-user kernels folder; $JUPYTER_DATA_DIR moves it)"
        )
        for note in installed.notes:
            console.print(f"[yellow]note:[/yellow] {escape(note)}")
        console.print(f"remove it with:  tfgpu-setup kernel uninstall --name {installed.name}")

    return Outcome(document, show)


def uninstall_kernel(venv_arg: str | None, name: str | None, environ: Mapping[str, str]) -> Outcome:
    from ..apply.kernel import uninstall_kernel as uninstall

    removed = uninstall(resolve_venv(venv_arg, environ), name)
    document = {"schema": "tfgpu-setup/kernel", "schema_version": 1, "removed": str(removed)}
    return Outcome(document, lambda console: console.print(f"removed {escape(str(removed))}"))
