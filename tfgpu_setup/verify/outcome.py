"""Reduce a smoke result to one verify status, its reason, and its exit code (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ExitCode
from ..serde import to_jsonable
from .results import Check, CudaLayers, SmokeResult

VerifyStatus = Literal["gpu", "cpu-only", "tf-broken", "no-env"]

EXIT_CODES: dict[VerifyStatus, ExitCode] = {
    "gpu": ExitCode.OK,
    "cpu-only": ExitCode.CPU_ONLY,
    "tf-broken": ExitCode.TF_BROKEN,
    "no-env": ExitCode.NO_TARGET_ENV,
}


@dataclass(frozen=True)
class VerifyOutcome:
    status: VerifyStatus
    reason: str
    """One line: what was proven, or what stopped the proof."""
    venv: str
    python: str | None = None
    layers: CudaLayers | None = None
    smoke: SmokeResult | None = None

    @property
    def exit_code(self) -> ExitCode:
        return EXIT_CODES[self.status]

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        data["exit_code"] = int(self.exit_code)
        return data


def _describe(check: Check) -> str:
    return f"{check.name} on {check.device}: {check.error}"


def classify_smoke(smoke: SmokeResult) -> tuple[VerifyStatus, str]:
    """'gpu' only when every check passed on every visible GPU; a skipped check never counts."""
    if smoke.report is None:
        message = smoke.failure.message if smoke.failure else "no report"
        return "tf-broken", f"the smoke test did not finish: {message}"
    report = smoke.report
    if report.status == "import-failed":
        imported = report.tf_import
        what = f"{imported.exception}: {imported.message}" if imported else "unknown error"
        return "tf-broken", f"import tensorflow failed: {what}"
    if report.status == "script-error":
        return "tf-broken", f"the smoke test stopped: {report.error}"
    cpu_failed = [c for c in report.checks_on("CPU") if c.status != "passed"]
    if cpu_failed:
        return "tf-broken", "TensorFlow fails on the CPU: " + _describe(cpu_failed[0])
    gpu_checks = report.checks_on("GPU")
    gpu_failed = [c for c in gpu_checks if c.status == "failed"]
    if gpu_failed:
        return "tf-broken", (
            f"TensorFlow sees {len(report.gpus)} GPU(s) but {len(gpu_failed)} GPU check(s) "
            f"failed, first {_describe(gpu_failed[0])}"
        )
    passed = [c for c in gpu_checks if c.status == "passed"]
    if report.gpus and len(passed) == len(gpu_checks):
        names = ", ".join(g.device_name or g.name for g in report.gpus)
        checks = ", ".join(dict.fromkeys(c.name for c in passed))
        return "gpu", f"TensorFlow {report.tensorflow_version} ran {checks} on {names}"
    skipped = next((c for c in gpu_checks if c.status == "skipped"), None)
    why = skipped.reason if skipped and skipped.reason else "no GPU check ran"
    return "cpu-only", f"TensorFlow {report.tensorflow_version} runs on the CPU only: {why}"
