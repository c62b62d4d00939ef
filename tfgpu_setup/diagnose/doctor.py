"""The doctor's diagnosis: facts, the verify result and log lines -> ranked findings and a verdict.

Pure: everything arrives as data. The planner's rules judge the facts, the log catalogue judges
TensorFlow's own words, and the verify result says what really ran; one finding per id remains,
root causes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from packaging.version import InvalidVersion, Version

from ..errors import ExitCode, UserError
from ..facts import Facts
from ..findings import Finding, Severity, merge
from ..matrix import query
from ..matrix.model import Matrix
from ..planner import Request, make_plan
from ..verify.outcome import VerifyOutcome
from .logs import diagnose_log

GpuUse = Literal["yes", "no", "unknown"]
NEXT_STEPS = (
    "run 'nvidia-smi' and check it lists your GPU and a driver version",
    "rerun your script with TF_CPP_MIN_LOG_LEVEL=0 TF_CPP_MAX_VLOG_LEVEL=3 and pass the log: "
    "'tfgpu-setup doctor --log run.log'",
    "on the machine itself, run 'tfgpu-setup probe --json > host.json' and add '--facts host.json'",
)
VERIFY_SOURCE = "tfgpu-setup verify (smoke test in the target environment)"


@dataclass(frozen=True)
class Diagnosis:
    gpu_used: GpuUse
    verdict: str
    findings: tuple[Finding, ...]
    next_steps: tuple[str, ...]
    """What evidence would confirm the cause, when the evidence is thin."""
    tf_broken: bool = False

    @property
    def exit_code(self) -> ExitCode:
        if self.gpu_used == "yes":
            return ExitCode.OK
        return ExitCode.TF_BROKEN if self.tf_broken else ExitCode.CPU_ONLY


def installed_tensorflow(facts: Facts | None) -> str | None:
    env = facts.target_env if facts else None
    if env is None:
        return None
    return next((d.version for d in env.tensorflow), None)


def facts_findings(facts: Facts, matrix: Matrix, venv: str) -> tuple[Finding, ...]:
    """The planner's rules over the facts, judged for the TensorFlow actually installed."""
    installed = installed_tensorflow(facts)
    spec = None
    if installed:
        try:
            if query.release(matrix, str(Version(installed))) is not None:
                spec = f"=={installed}"
        except InvalidVersion:
            spec = None
    try:
        return make_plan(facts, matrix, Request(tf=spec, venv=venv)).findings
    except UserError:
        return make_plan(facts, matrix, Request(venv=venv)).findings


DRIVER_GUIDE = "https://docs.nvidia.com/datacenter/tesla/driver-installation-guide/index.html"
NO_DRIVER_ERRORS = ("cannot open shared object file", "No such file")


def verify_findings(outcome: VerifyOutcome) -> tuple[Finding, ...]:
    """What verify proves by itself: TensorFlow missing, or the driver library absent."""
    found: list[Finding] = []
    report = outcome.smoke.report if outcome.smoke else None
    imported = report.tf_import if report is not None else None
    message = (imported.message or "") if imported else ""
    if "No module named" in message and "tensorflow" in message:
        found.append(
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"TensorFlow is not installed in {outcome.venv}",
                (f"import tensorflow: {message}",),
                "'tfgpu-setup apply' installs the planned release into this environment.",
                VERIFY_SOURCE,
            )
        )
    layers = outcome.layers.report if outcome.layers else None
    driver = layers.driver if layers else None
    if (
        driver is not None
        and not driver.loaded
        and any(e in (driver.error or "") for e in NO_DRIVER_ERRORS)
    ):
        found.append(
            Finding(
                "no-nvidia-driver",
                Severity.ERROR,
                "The NVIDIA driver's library libcuda.so.1 cannot be loaded: no driver is "
                "installed (or, in a container, none was passed in)",
                (f"libcuda.so.1: {driver.error}",),
                "Install the NVIDIA driver and check it with 'nvidia-smi'; in a container, "
                "start it with '--gpus all'. If this machine has no NVIDIA GPU, TensorFlow can "
                "only use the CPU.",
                DRIVER_GUIDE,
            )
        )
    return tuple(found)


def diagnose(
    matrix: Matrix,
    facts: Facts | None,
    venv: str,
    verify: VerifyOutcome | None = None,
    log: str | None = None,
) -> Diagnosis:
    tf_version = installed_tensorflow(facts)
    if verify is not None and verify.smoke and verify.smoke.report:
        tf_version = verify.smoke.report.tensorflow_version or tf_version
    logged = diagnose_log(log or "", tf_version)
    if verify is not None and verify.smoke is not None:
        logged_from_verify = diagnose_log(verify.smoke.stderr, tf_version)
        log_findings = merge(logged.findings, logged_from_verify.findings)
        gpu_seen = logged.gpu_seen or logged_from_verify.gpu_seen
    else:
        log_findings, gpu_seen = logged.findings, logged.gpu_seen
    findings = merge(
        verify_findings(verify) if verify else (),
        facts_findings(facts, matrix, venv) if facts else (),
        log_findings,
    )
    if verify is not None and verify.status == "gpu":
        findings = tuple(f for f in findings if f.severity != Severity.ERROR)
        return Diagnosis("yes", f"TensorFlow uses the GPU: {verify.reason}", findings, ())
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if not errors and gpu_seen:
        return Diagnosis(
            "yes", "TensorFlow uses the GPU: the log shows a GPU device was created", findings, ()
        )
    broken = verify is not None and verify.status == "tf-broken"
    if errors:
        top = errors[0]
        verdict = (
            f"TensorFlow is not using the GPU because {_lower_first(top.title)}; fix: {top.fix}"
        )
        thin = facts is None and verify is None and len(logged.matches) < 2
        return Diagnosis("no", verdict, findings, NEXT_STEPS if thin else (), broken)
    if broken and verify is not None:
        return Diagnosis(
            "no", f"TensorFlow does not work here: {verify.reason}", findings, NEXT_STEPS[1:2], True
        )
    warnings = [f for f in findings if f.severity == Severity.WARNING]
    if warnings:
        verdict = (
            "The cause is not certain; the most likely one is that "
            f"{_lower_first(warnings[0].title)} (fix: {warnings[0].fix})"
        )
    else:
        verdict = (
            "Not enough evidence to name the cause. Most likely TensorFlow did not find a "
            "usable driver or CUDA libraries; the steps below confirm which."
        )
    return Diagnosis("unknown", verdict, findings, NEXT_STEPS)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
