"""Running verify in a target env, and keeping its result for the next no-op apply.

Shared by the verify, apply and doctor commands (commands do not import each other).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from . import ui
from .venvtarget import activated_overrides, resolve_venv
from .verify.outcome import VerifyOutcome
from .verify.runner import verify_env

NOTHING_APPLIED = "nothing applied yet: run 'tfgpu-setup apply'"


def settled(venv: Path) -> Path:
    """The env, after finishing or undoing an apply or rollback that was killed (said on
    stderr): whatever reads the env must not see it half-changed."""
    from .apply.apply import settle

    recovered = settle(venv)
    if recovered:
        ui.note("recovered", recovered)
    return venv


def run_verify(venv_arg: str | None, environ: Mapping[str, str]) -> VerifyOutcome:
    return verify_settled(settled(resolve_venv(venv_arg, environ)), environ)


def verify_settled(venv: Path, environ: Mapping[str, str]) -> VerifyOutcome:
    """The smoke test in an env no killed apply is still changing (see settled)."""
    overrides, lib_dirs = activated_overrides(venv, environ)
    with ui.status(f"running the smoke test in {venv} (imports TensorFlow)"):
        return verify_env(venv, overrides, lib_dirs)


def nothing_applied(venv: Path) -> str | None:
    """Why there is nothing to verify yet, when apply never ran on the env.

    An env tfgpu-setup did not make is still verified as it stands when it has TensorFlow.
    """
    from .apply.journal import read_journal
    from .apply.venv import installed, state_of

    state = state_of(venv)
    if state == "absent":
        return f"{NOTHING_APPLIED} ({venv} does not exist; --venv names another env)"
    if state != "virtualenv" or read_journal(venv) is not None:
        return None  # not a virtualenv: verify says so; applied: verify it
    if not any(name.startswith(("tensorflow", "tf-nightly")) for name in installed(venv)):
        return f"{NOTHING_APPLIED} ({venv} has no TensorFlow and was not set up by tfgpu-setup)"
    return None


def recorded_outcome(venv: Path, transaction: str) -> tuple[str, VerifyOutcome] | None:
    """The verify result recorded for the env as `transaction` left it, if still readable."""
    from .apply.journal import recorded_verify
    from .serde import DecodeError, from_jsonable

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
    from .apply.journal import record_verify

    if outcome.status == "no-env":
        return
    with contextlib.suppress(OSError):
        record_verify(venv, transaction, outcome.to_jsonable())


def record_if_applied(outcome: VerifyOutcome) -> None:
    """Keep the result in an env tfgpu-setup applied: a no-op apply shows it again."""
    from .apply.journal import read_journal

    venv = Path(outcome.venv)
    journal = read_journal(venv) if outcome.status != "no-env" else None
    if journal is not None:
        record_outcome(venv, journal.transaction, outcome)
