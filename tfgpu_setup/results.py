"""What each command returns: a typed result. One renderer (output.py) turns any of them into
the versioned JSON document and into the human output; commands never print their result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import ExitCode
from .serde import to_jsonable

if TYPE_CHECKING:
    from .apply.apply import ApplyResult, RollbackResult
    from .apply.kernel import InstalledKernel
    from .diagnose.doctor import Diagnosis
    from .facts import Facts
    from .findings import Finding
    from .fleet.report import FleetReport
    from .matrix.refresh import RefreshResult
    from .plan import Plan
    from .planning import HostPlan, UnreadableFacts
    from .verify.outcome import VerifyOutcome

VERDICT_CODES = {"gpu": ExitCode.OK, "cpu": ExitCode.CPU_ONLY, "none": ExitCode.NO_TENSORFLOW}


@dataclass(frozen=True)
class ProbeResult:
    schema: ClassVar[str] = "tfgpu-setup/facts"
    facts: Facts
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        return self.facts.to_jsonable()


@dataclass(frozen=True)
class PlanResult:
    schema: ClassVar[str] = "tfgpu-setup/plan"
    plan: Plan

    @property
    def exit_code(self) -> ExitCode:
        return VERDICT_CODES[self.plan.verdict]

    def body(self) -> dict[str, Any]:
        return self.plan.to_jsonable()


@dataclass(frozen=True)
class FleetPlanResult:
    schema: ClassVar[str] = "tfgpu-setup/plan-fleet"
    hosts: tuple[HostPlan, ...]
    unreadable: tuple[UnreadableFacts, ...] = ()

    @property
    def exit_code(self) -> ExitCode:
        """The first unreadable file's error code: the plans of the rest are still given."""
        return self.unreadable[0].code if self.unreadable else ExitCode.OK

    def distinct(self) -> dict[str, Plan]:
        out: dict[str, Plan] = {}
        for host in self.hosts:
            out.setdefault(host.plan_id, host.plan)
        return out

    def body(self) -> dict[str, Any]:
        rows = [
            {
                "facts": h.facts,
                "host": h.facts.removesuffix(".json"),
                "venv": h.plan.venv,
                "verdict": h.plan.verdict,
                "tensorflow": h.plan.tensorflow,
                "findings": [f.id for f in h.plan.findings],
                "plan": h.plan_id,
            }
            for h in self.hosts
        ]
        distinct = {plan_id: plan.to_jsonable() for plan_id, plan in self.distinct().items()}
        unreadable = [
            {"facts": u.facts, "host": u.facts.removesuffix(".json"), "error": u.error}
            for u in self.unreadable
        ]
        return {"plans": rows, "distinct_plans": distinct, "unreadable": unreadable}


@dataclass(frozen=True)
class ApplyNotConfirmed:
    schema: ClassVar[str] = "tfgpu-setup/apply"
    plan: Plan
    asked: bool
    """A terminal asked and the answer was no (else there was nobody to ask)."""
    exit_code: ClassVar[ExitCode] = ExitCode.NOT_CONFIRMED

    def body(self) -> dict[str, Any]:
        return {
            "applied": False,
            "reason": "not confirmed: pass --yes to apply without a question",
            "plan": self.plan.to_jsonable(),
        }


@dataclass(frozen=True)
class Applied:
    schema: ClassVar[str] = "tfgpu-setup/apply"
    result: ApplyResult
    verify: VerifyOutcome | None
    verify_recorded: str | None
    """When the verify result shown was recorded (a no-op apply shows it again)."""
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        return {
            "applied": True,
            **self.result.to_jsonable(),
            "verify": self.verify.to_jsonable() if self.verify else None,
            "verify_recorded": self.verify_recorded,
        }


@dataclass(frozen=True)
class RolledBack:
    schema: ClassVar[str] = "tfgpu-setup/rollback"
    result: RollbackResult
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        r = self.result
        return {
            "venv": str(r.venv),
            "rolled_back": r.rolled_back,
            "message": r.message,
            "now_previous": str(r.now_previous) if r.now_previous else None,
        }


@dataclass(frozen=True)
class KernelInstalled:
    schema: ClassVar[str] = "tfgpu-setup/kernel"
    kernel: InstalledKernel
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        k = self.kernel
        return {"name": k.name, "path": str(k.path), "spec": k.spec, "notes": list(k.notes)}


@dataclass(frozen=True)
class KernelRemoved:
    schema: ClassVar[str] = "tfgpu-setup/kernel"
    removed: Path
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        return {"removed": str(self.removed)}


@dataclass(frozen=True)
class VerifyResult:
    schema: ClassVar[str] = "tfgpu-setup/verify"
    outcome: VerifyOutcome
    findings: tuple[Finding, ...]
    """When the GPU was not used: what the smoke test and TensorFlow's log lines say."""

    @property
    def exit_code(self) -> ExitCode:
        return self.outcome.exit_code

    def body(self) -> dict[str, Any]:
        return self.outcome.to_jsonable()


@dataclass(frozen=True)
class DoctorResult:
    schema: ClassVar[str] = "tfgpu-setup/doctor"
    diagnosis: Diagnosis
    verify: VerifyOutcome | None
    facts: Facts | None
    report: str | None

    @property
    def exit_code(self) -> ExitCode:
        return self.diagnosis.exit_code

    def body(self) -> dict[str, Any]:
        d = self.diagnosis
        return {
            "gpu_used": d.gpu_used,
            "verdict": d.verdict,
            "findings": to_jsonable(d.findings),
            "next_steps": list(d.next_steps),
            "verify": self.verify.to_jsonable() if self.verify else None,
            "facts": self.facts.to_jsonable() if self.facts else None,
            "report": self.report,
        }


@dataclass(frozen=True)
class MatrixShown:
    schema: ClassVar[str] = "tfgpu-setup/matrix-show"
    origin: str
    refreshed: str
    rows: tuple[dict[str, Any], ...]
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        return {"origin": self.origin, "refreshed": self.refreshed, "releases": list(self.rows)}


@dataclass(frozen=True)
class MatrixChecked:
    schema: ClassVar[str] = "tfgpu-setup/matrix-check"
    check: dict[str, Any]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.check["valid"] else ExitCode.MATRIX

    def body(self) -> dict[str, Any]:
        return dict(self.check)


@dataclass(frozen=True)
class MatrixRefreshed:
    schema: ClassVar[str] = "tfgpu-setup/matrix-refresh"
    result: RefreshResult
    exit_code: ClassVar[ExitCode] = ExitCode.OK

    def body(self) -> dict[str, Any]:
        return self.result.as_json()


@dataclass(frozen=True)
class FleetReported:
    schema: ClassVar[str] = "tfgpu-setup/fleet-report"
    report: FleetReport
    markdown: str

    @property
    def exit_code(self) -> ExitCode:
        """Files that could not be read: the report of the rest is given, and scripts see it."""
        return ExitCode.INPUT if self.report.totals.get("unreadable") else ExitCode.OK

    def body(self) -> dict[str, Any]:
        return self.report.to_jsonable()


Result = (
    ProbeResult
    | PlanResult
    | FleetPlanResult
    | ApplyNotConfirmed
    | Applied
    | RolledBack
    | KernelInstalled
    | KernelRemoved
    | VerifyResult
    | DoctorResult
    | MatrixShown
    | MatrixChecked
    | MatrixRefreshed
    | FleetReported
)
