"""tfgpu-setup apply | rollback | run | kernel install."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape
from rich.prompt import Confirm

from ..apply.apply import PHASE_PREFIX, ApplyResult, apply_plan, rollback
from ..apply.install import Installer
from ..documents import read_document
from ..errors import ExitCode
from ..outcome import Outcome
from ..plan import PLAN_DOCUMENT, Plan
from ..render import show_plan
from ..verify.outcome import VerifyOutcome
from .matrix_cmd import current_matrix
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
    as_json: bool = False


def load_plan(opts: ApplyOptions, environ: Mapping[str, str]) -> Plan:
    if opts.plan_file:
        text = read_document(opts.plan_file, "--plan", PLAN_DOCUMENT)
        return Plan.from_json(text, origin=opts.plan_file)
    return plan_once(opts.plan_options, current_matrix(), environ)


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
            plan, recreate=opts.recreate, installer=opts.installer, progress=progress
        )
    verify: VerifyOutcome | None = None
    if opts.verify:
        verify = run_verify(str(result.venv), environ)
    document = {
        "schema": "tfgpu-setup/apply",
        "schema_version": 1,
        "applied": True,
        **result.to_jsonable(),
        "verify": verify.to_jsonable() if verify else None,
    }
    return Outcome(document, lambda console: _show_applied(console, result, verify))


def _show_applied(console: Console, result: ApplyResult, verify: VerifyOutcome | None) -> None:
    if result.recovered:
        console.print(f"[yellow]recovered:[/yellow] {escape(result.recovered)}")
    if result.noop:
        console.print(
            f"{escape(str(result.venv))} already matches the plan: nothing to do "
            f"({result.seconds:.2f} s)"
        )
    else:
        for step in result.steps:
            console.print(
                f"  {step.status:<8} {escape(step.description)}  "
                f"[dim]{escape(step.detail)} {step.seconds:.1f} s[/dim]"
            )
        console.print(f"[green]applied[/green] in {result.seconds:.1f} s with {result.installer}")
    if verify is not None:
        console.print()
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


def run_command(venv_arg: str | None, argv: list[str], environ: Mapping[str, str]) -> int:
    from ..apply.run import run_in_env

    return run_in_env(resolve_venv(venv_arg, environ), argv)


def install_kernel(venv_arg: str | None, name: str | None, environ: Mapping[str, str]) -> Outcome:
    from ..apply.kernel import install_kernel as install

    installed = install(resolve_venv(venv_arg, environ), name)
    document = {
        "schema": "tfgpu-setup/kernel",
        "schema_version": 1,
        "name": installed.name,
        "path": str(installed.path),
        "spec": installed.spec,
        "notes": list(installed.notes),
    }

    def show(console: Console) -> None:
        console.print(f"kernel '{escape(installed.name)}' written to {escape(str(installed.path))}")
        for note in installed.notes:
            console.print(f"[yellow]note:[/yellow] {escape(note)}")

    return Outcome(document, show)
