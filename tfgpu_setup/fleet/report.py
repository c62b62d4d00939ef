"""Build the fleet report from host records (pure): groups by machine type, outliers, totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..facts import Facts
from ..serde import to_jsonable
from .folder import HostRecord

SCHEMA = "tfgpu-setup/fleet-report"
SCHEMA_VERSION = 1
UNKNOWN = "unknown"
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class HostLine:
    """One host, reduced to what the report shows."""

    host: str
    machine_type: str
    gpu: str
    driver: str
    cuda: str
    verdict: str
    """The plan's: gpu, cpu, none, or unknown when it was not planned."""
    tensorflow: str
    finding: str
    """The plan's most important finding, 'id: title', or '' when there is none."""
    fix: str
    applied: str
    """changed, unchanged, skipped, failed, not run, unreadable."""
    verify: str
    """gpu, cpu-only, tf-broken, no-env, failed, not run, unreadable."""
    problem: str
    """Why a stage failed on this host, '' when none did."""

    def configuration(self) -> tuple[str, ...]:
        return (
            self.driver,
            self.cuda,
            self.verdict,
            self.tensorflow,
            self.finding,
            self.applied,
            self.verify,
        )


COLUMNS = ("driver", "cuda", "verdict", "tensorflow", "finding", "applied", "verify")


@dataclass(frozen=True)
class Row:
    """Hosts of one machine type that share one configuration."""

    hosts: tuple[str, ...]
    gpu: str
    driver: str
    cuda: str
    verdict: str
    tensorflow: str
    finding: str
    fix: str
    applied: str
    verify: str


@dataclass(frozen=True)
class Group:
    machine_type: str
    hosts: int
    rows: tuple[Row, ...]
    """The most common configuration first."""


@dataclass(frozen=True)
class Outlier:
    host: str
    machine_type: str
    differs: tuple[str, ...]
    """'verdict: cpu (group: gpu)', one per column that differs from the group's usual one."""
    problem: str


@dataclass(frozen=True)
class FleetReport:
    groups: tuple[Group, ...]
    outliers: tuple[Outlier, ...]
    totals: dict[str, Any]
    hosts: tuple[HostLine, ...]

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, **data}


def machine_type(facts: Facts | None) -> str:
    if facts is None:
        return "no facts"
    names = Counter(g.name for g in facts.gpus)
    gpus = ", ".join(f"{n}x {name}" for name, n in sorted(names.items())) or (
        "no GPU" if facts.knows("gpus") else "GPUs unknown"
    )
    return f"{facts.platform.os} {facts.platform.arch}, {gpus}"


def host_line(record: HostRecord) -> HostLine:
    facts, plan = record.facts, record.plan
    top = plan.findings[0] if plan and plan.findings else None
    return HostLine(
        host=record.host,
        machine_type=machine_type(facts),
        gpu=_gpus(facts),
        driver=_driver(facts),
        cuda=_cuda(facts),
        verdict=plan.verdict if plan else UNKNOWN,
        tensorflow=(plan.tensorflow or "none") if plan else UNKNOWN,
        finding=f"{top.id}: {top.title}" if top else "",
        fix=top.fix if top else "",
        applied=UNREADABLE if _unreadable(record, "apply") else _applied(record.apply),
        verify=UNREADABLE if _unreadable(record, "verify") else _verified(record.verify),
        problem=_problem(record),
    )


def _driver(facts: Facts | None) -> str:
    """The driver's version; none where it is known absent, unknown where nobody said."""
    if facts is None or not facts.knows("driver"):
        return UNKNOWN
    return facts.driver.version or "none"


def _cuda(facts: Facts | None) -> str:
    """The highest CUDA the driver supports; none without a driver, unknown when unsaid."""
    if facts is None:
        return UNKNOWN
    if facts.driver.version is None and facts.driver.reason:
        return "none"
    return facts.driver.cuda_version or UNKNOWN


def _gpus(facts: Facts | None) -> str:
    if facts is None or not facts.knows("gpus"):
        return UNKNOWN
    if not facts.gpus:
        return "none"
    names = Counter(g.name for g in facts.gpus)
    parts = []
    for name, n in sorted(names.items()):
        cc = next((g.compute_capability for g in facts.gpus if g.name == name), None)
        parts.append(f"{n}x {name} (CC {cc or '?'})")
    return ", ".join(parts)


def _is_error(document: dict[str, Any] | None) -> bool:
    return document is not None and document.get("schema") == "tfgpu-setup/error"


def _applied(document: dict[str, Any] | None) -> str:
    if document is None:
        return "not run"
    if _is_error(document):
        return "failed"
    if not document.get("applied"):
        return "skipped"
    return "unchanged" if document.get("noop") else "changed"


def _verified(document: dict[str, Any] | None) -> str:
    if document is None:
        return "not run"
    if _is_error(document):
        return "failed"
    return str(document.get("status") or UNKNOWN)


def _unreadable(record: HostRecord, stage: str) -> bool:
    return any(s == stage for s, _ in record.unreadable)


def _problem(record: HostRecord) -> str:
    if record.unreadable:
        return "; ".join(f"{stage}: {error}" for stage, error in record.unreadable)
    for stage, document in (("apply", record.apply), ("verify", record.verify)):
        if _is_error(document):
            assert document is not None
            return f"{stage}: {document.get('error')}"
    if record.error is not None:
        return f"{record.error.get('stage', 'run')}: {record.error.get('error')}"
    if record.apply is not None and not record.apply.get("applied"):
        return f"apply: {record.apply.get('reason')}"
    verify, plan = record.verify, record.plan
    if verify and plan and plan.verdict == "gpu" and verify.get("status") != "gpu":
        return f"verify: planned for the GPU, but {verify.get('reason')}"
    return ""


def build_report(records: list[HostRecord]) -> FleetReport:
    lines = [host_line(r) for r in records]
    by_type: dict[str, list[HostLine]] = {}
    for line in lines:
        by_type.setdefault(line.machine_type, []).append(line)
    groups: list[Group] = []
    outliers: list[Outlier] = []
    for name in sorted(by_type, key=lambda n: (-len(by_type[n]), n)):
        members = by_type[name]
        configs = Counter(m.configuration() for m in members)
        ordered = sorted(configs, key=lambda c: (-configs[c], c))
        rows = tuple(_row([m for m in members if m.configuration() == c]) for c in ordered)
        groups.append(Group(name, len(members), rows))
        # what the group usually looks like, from hosts whose files could all be read
        readable = [c for c in ordered if UNREADABLE not in c]
        usual = dict(zip(COLUMNS, (readable or ordered)[0], strict=True))
        for m in members:
            mine = dict(zip(COLUMNS, m.configuration(), strict=True))
            differs = tuple(
                f"{col}: {mine[col] or '-'} (group: {usual[col] or '-'})"
                for col in COLUMNS
                if mine[col] != usual[col]
            )
            if differs or m.problem:
                outliers.append(Outlier(m.host, name, differs, m.problem))
    unreadable = sum(len(r.unreadable) for r in records)
    totals = _totals(lines, len(groups), unreadable)
    return FleetReport(tuple(groups), tuple(outliers), totals, tuple(lines))


def _row(members: list[HostLine]) -> Row:
    first = members[0]
    return Row(
        hosts=tuple(m.host for m in members),
        gpu=first.gpu,
        driver=first.driver,
        cuda=first.cuda,
        verdict=first.verdict,
        tensorflow=first.tensorflow,
        finding=first.finding,
        fix=first.fix,
        applied=first.applied,
        verify=first.verify,
    )


def _totals(lines: list[HostLine], machine_types: int, unreadable: int) -> dict[str, Any]:
    return {
        "hosts": len(lines),
        "machine_types": machine_types,
        "verdict": dict(sorted(Counter(line.verdict for line in lines).items())),
        "applied": dict(sorted(Counter(line.applied for line in lines).items())),
        "verify": dict(sorted(Counter(line.verify for line in lines).items())),
        "problems": sum(1 for line in lines if line.problem),
        "unreadable": unreadable,
    }
