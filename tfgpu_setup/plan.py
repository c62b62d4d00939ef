"""Plan: what apply will do and why, as plain data that round-trips through JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .documents import DocumentKind, decode_document, parse_json
from .findings import Finding
from .serde import to_jsonable

SCHEMA = "tfgpu-setup/plan"
SCHEMA_VERSION = 1

PLAN_DOCUMENT = DocumentKind(
    SCHEMA,
    SCHEMA_VERSION,
    "plan",
    "tfgpu-setup plan --json > plan.json",
    derived=("requirements", "environment"),
)

Verdict = Literal["gpu", "cpu", "none"]
StepAction = Literal[
    "create-venv", "reuse-venv", "uninstall", "install", "write-activate", "verify"
]


@dataclass(frozen=True)
class Decision:
    subject: str
    """What was decided: 'tensorflow', 'python', 'tensorflow 2.21.0', 'venv', ..."""
    outcome: str
    """'chosen', 'rejected', 'kept', ..."""
    reason: str
    source: str
    """Where the rule or the value came from: a URL, 'flag --tf', 'facts', 'detection'."""


@dataclass(frozen=True)
class Assumption:
    """A fact nobody stated, assumed so that a plan can be made, and how to confirm it."""

    fact: str
    """A name from facts.FACT_NAMES."""
    assumed: str
    confirm: str


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    reason: str

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


@dataclass(frozen=True)
class ActivateSpec:
    """What the activate script sets; apply renders it for each shell from shell/."""

    venv: str
    cuda_visible_devices: str | None = None
    """None keeps whatever the user has (set, empty or unset)."""
    ld_library_path: tuple[str, ...] = ()
    """Absolute folders prepended to LD_LIBRARY_PATH, in order."""
    path: tuple[str, ...] = ()
    """Absolute folders prepended to PATH (ptxas), in order."""
    xla_flags: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    """Other variables the chosen release needs, by name."""

    def variables(self) -> dict[str, str]:
        """The variables as the script's user sees them set (lists shown ':'-joined)."""
        out: dict[str, str] = {}
        if self.cuda_visible_devices is not None:
            out["CUDA_VISIBLE_DEVICES"] = self.cuda_visible_devices
        if self.ld_library_path:
            out["LD_LIBRARY_PATH"] = ":".join(self.ld_library_path) + ":$LD_LIBRARY_PATH"
        if self.path:
            out["PATH"] = ":".join(self.path) + ":$PATH"
        if self.xla_flags is not None:
            out["XLA_FLAGS"] = self.xla_flags
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Step:
    action: StepAction
    description: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    verdict: Verdict
    tensorflow: str | None
    python: str | None
    """X.Y of the target environment's interpreter."""
    python_path: str | None
    venv: str
    packages: tuple[Package, ...]
    remove: tuple[str, ...]
    activate: ActivateSpec | None
    findings: tuple[Finding, ...]
    decisions: tuple[Decision, ...]
    steps: tuple[Step, ...]
    matrix: str
    assumptions: tuple[Assumption, ...] = ()
    """What the plan took for granted because nobody stated it: confirm each before applying."""
    """Where the matrix came from ('shipped' or a refreshed folder) and its refresh date."""
    schema: str = SCHEMA
    schema_version: int = SCHEMA_VERSION

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(p.requirement for p in self.packages)

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        data["requirements"] = list(self.requirements)
        data["environment"] = self.activate.variables() if self.activate else {}
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_jsonable(), indent=2)

    @classmethod
    def from_json(cls, text: str, origin: str = "plan") -> Plan:
        data = parse_json(text, origin, PLAN_DOCUMENT)
        return decode_document(cls, data, origin, PLAN_DOCUMENT)
