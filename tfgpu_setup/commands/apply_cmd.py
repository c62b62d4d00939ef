"""tfgpu-setup apply, rollback, run and kernel."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from .. import ui
from ..apply.apply import PHASE_PREFIX, apply_plan, rollback
from ..apply.install import Installer
from ..documents import read_document
from ..errors import ExitCode, UserError
from ..matrix.load import matrix_in_use
from ..plan import PLAN_DOCUMENT, Plan
from ..planning import PlanOptions, plan_once
from ..results import Applied, ApplyNotConfirmed, KernelInstalled, KernelRemoved, RolledBack
from ..venvtarget import resolve_venv
from ..verify.outcome import VerifyOutcome
from ..verifying import record_outcome, recorded_outcome, run_verify, settled


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
    return ui.confirm_apply(plan)


def run(opts: ApplyOptions, environ: Mapping[str, str]) -> Applied | ApplyNotConfirmed:
    plan = load_plan(opts, environ)
    if not _confirmed(plan, opts):
        return ApplyNotConfirmed(plan, asked=sys.stdin.isatty() and not opts.as_json)
    with ui.status(f"applying the plan to {plan.venv}") as update:

        def progress(line: str) -> None:
            if line.startswith(PHASE_PREFIX):
                ui.progress_line(line[len(PHASE_PREFIX) :])
            elif line.strip():
                update(line.strip()[:100])

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
    return Applied(result, verify, recorded)


def run_rollback(venv_arg: str | None, environ: Mapping[str, str]) -> RolledBack:
    return RolledBack(rollback(resolve_venv(venv_arg, environ)))


def run_command(venv_arg: str | None, argv: list[str], environ: Mapping[str, str]) -> int:
    from ..apply.run import run_in_env

    return run_in_env(settled(resolve_venv(venv_arg, environ)), argv)


def install_kernel(
    venv_arg: str | None, name: str | None, environ: Mapping[str, str]
) -> KernelInstalled:
    from ..apply.kernel import install_kernel as install

    return KernelInstalled(install(settled(resolve_venv(venv_arg, environ)), name))


def uninstall_kernel(
    venv_arg: str | None, name: str | None, environ: Mapping[str, str]
) -> KernelRemoved:
    from ..apply.kernel import uninstall_kernel as uninstall

    return KernelRemoved(uninstall(resolve_venv(venv_arg, environ), name))
