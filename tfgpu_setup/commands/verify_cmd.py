"""tfgpu-setup verify."""

from __future__ import annotations

from collections.abc import Mapping

from ..findings import Finding, Severity
from ..results import VerifyResult
from ..venvtarget import resolve_venv
from ..verify.outcome import VerifyOutcome
from ..verifying import nothing_applied, record_if_applied, settled, verify_settled


def _findings(outcome: VerifyOutcome) -> tuple[Finding, ...]:
    """When the GPU was not used: what the smoke test and TensorFlow's own log lines say."""
    if outcome.status in ("gpu", "no-env"):
        return ()
    from ..diagnose.doctor import diagnose
    from ..matrix.load import matrix_in_use

    diagnosis = diagnose(matrix_in_use(), None, outcome.venv, outcome)
    return tuple(f for f in diagnosis.findings if f.severity != Severity.INFO)


def run(venv_arg: str | None, environ: Mapping[str, str]) -> VerifyResult:
    venv = settled(resolve_venv(venv_arg, environ))
    unapplied = nothing_applied(venv)
    if unapplied:
        outcome = VerifyOutcome("no-env", unapplied, str(venv))
    else:
        outcome = verify_settled(venv, environ)
        record_if_applied(outcome)
    return VerifyResult(outcome, _findings(outcome))
