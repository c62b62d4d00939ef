"""Plan: what apply will do and why, as plain data that round-trips through JSON."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from packaging.version import InvalidVersion, Version

from .activation import (
    ACTIVATE_SCRIPTS,
    SYMBOLIC_BASE,
    WINDOWS_SYMBOLIC_BASE,
    VenvLayout,
    activation_changes,
    is_windows_path,
)
from .documents import DocumentKind, decode_document, parse_json
from .errors import ExitCode, UserError
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

# PEP 508 names: https://packaging.python.org/en/latest/specifications/name-normalization/
_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", re.ASCII)
_WINDOWS_DRIVE = re.compile(r"[A-Za-z]:[\\/]")

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
    """Folders prepended to LD_LIBRARY_PATH, in order: relative ones are inside the env."""
    path: tuple[str, ...] = ()
    """Folders prepended to PATH (ptxas), in order: relative ones are inside the env."""
    xla_flags: str | None = None
    """XLA_FLAGS as set, when the plan needs other flags than the CUDA data folder."""
    xla_cuda_data_dir: str | None = None
    """Where XLA finds ptxas' libdevice (--xla_gpu_cuda_data_dir): relative is inside the env."""
    extra: dict[str, str] = field(default_factory=dict)
    """Other variables the chosen release needs, by name."""

    def library_dirs(self, windows: bool = False) -> tuple[str, ...]:
        """The LD_LIBRARY_PATH folders, absolute."""
        layout = VenvLayout(self.venv, windows)
        return tuple(layout.inside(d) for d in self.ld_library_path)

    def bin_dirs(self, windows: bool = False) -> tuple[str, ...]:
        """The PATH folders the plan adds, absolute."""
        layout = VenvLayout(self.venv, windows)
        return tuple(layout.inside(d) for d in self.path)

    def xla_value(self, windows: bool = False) -> str | None:
        """The XLA_FLAGS value activation sets, or None when it leaves XLA_FLAGS alone."""
        parts = [self.xla_flags] if self.xla_flags else []
        if self.xla_cuda_data_dir:
            folder = VenvLayout(self.venv, windows).inside(self.xla_cuda_data_dir)
            parts.append(f"--xla_gpu_cuda_data_dir={xla_flag_value(folder)}")
        return " ".join(parts) if parts else None

    def changes(self, base: Mapping[str, str], windows: bool = False) -> dict[str, str]:
        """Every variable activation sets, with its final value given the environment `base`."""
        return activation_changes(self, base, windows)

    def variables(self) -> dict[str, str]:
        """What the activate script sets, as the displayed plan shows it ($VAR: the user's;
        %VAR% and Scripts\\ for an env on native Windows)."""
        windows = is_windows_path(self.venv)
        shown = self.changes(WINDOWS_SYMBOLIC_BASE if windows else SYMBOLIC_BASE, windows)
        shown.pop("VIRTUAL_ENV")
        return shown


def xla_flag_value(value: str) -> str:
    """A flag's value as XLA's parser reads it back (parse_flags_from_env.cc): it splits
    XLA_FLAGS at whitespace unless the value is quoted; single quotes take it literally (a
    Windows path's backslashes too), double quotes escape with a backslash."""
    if not any(c in " \t\r\n'\"" for c in value):
        return value
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
    """Where the matrix came from ('shipped' or a refreshed folder) and its refresh date."""
    assumptions: tuple[Assumption, ...] = ()
    """What the plan took for granted because nobody stated it: confirm each before applying."""
    schema: str = SCHEMA
    schema_version: int = SCHEMA_VERSION

    @property
    def requirements(self) -> tuple[str, ...]:
        return tuple(p.requirement for p in self.packages)

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        data["requirements"] = list(self.requirements)
        if data.get("activate"):
            del data["activate"]["venv"]  # the plan's venv: stored once
        data["environment"] = self.activate.variables() if self.activate else {}
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_jsonable(), indent=2)

    @classmethod
    def from_json(cls, text: str, origin: str = "plan") -> Plan:
        """The plan in `text`, every field checked: a plan file is input from elsewhere."""
        return cls.from_jsonable(parse_json(text, origin, PLAN_DOCUMENT), origin)

    @classmethod
    def from_jsonable(cls, data: Any, origin: str = "plan") -> Plan:
        """The plan in a decoded document, every field checked; its steps derived again."""
        _activate_in_venv(data, origin)
        if isinstance(data, dict):
            data = {**data, "steps": []}
        plan = with_steps(decode_document(cls, data, origin, PLAN_DOCUMENT))
        problem = plan_problem(plan)
        if problem:
            raise UserError(
                f"{origin}: {problem}; make a new plan with '{PLAN_DOCUMENT.make_one}'",
                ExitCode.INPUT,
            )
        return plan


def _activate_in_venv(data: Any, origin: str) -> None:
    """The activate spec works on the plan's own venv: older plans also named it there."""
    if not isinstance(data, dict) or not isinstance(data.get("activate"), dict):
        return
    activate = data["activate"]
    named = activate.get("venv", data.get("venv"))
    if named != data.get("venv"):
        raise UserError(
            f"{origin}: activate.venv {named!r} is not the plan's venv {data.get('venv')!r}; "
            f"make a new plan with '{PLAN_DOCUMENT.make_one}'",
            ExitCode.INPUT,
        )
    data["activate"] = {**activate, "venv": data.get("venv")}


def plan_problem(plan: Plan) -> str | None:
    """The first field of `plan` that apply must not act on, described; None when all are fine.

    Package names and versions become installer arguments, paths become shell values and the
    interpreter is run: each must be exactly what its field says, nothing that could be read as
    an option, a URL or a second value.
    """
    for i, package in enumerate(plan.packages):
        problem = _pin_problem(package.name, package.version)
        if problem:
            return f"packages[{i}]: {problem}"
    for i, name in enumerate(plan.remove):
        if not _is_name(name):
            return f"remove[{i}]: {name!r} is not a package name (PEP 508)"
    for what, version in (("tensorflow", plan.tensorflow), ("python", plan.python)):
        if version is not None and not _is_version(version):
            return f"{what}: {version!r} is not a version"
    if plan.python is not None and len(Version(plan.python).release) != 2:
        return f"python: {plan.python!r} is not an X.Y version"
    for what, path in (("venv", plan.venv), ("python_path", plan.python_path)):
        if path is not None:
            problem = _path_problem(path)
            if problem:
                return f"{what}: {path!r} {problem}"
    if plan.python_path is not None and not (
        os.path.isabs(plan.python_path) or _WINDOWS_DRIVE.match(plan.python_path)
    ):
        return f"python_path: {plan.python_path!r} is not an absolute path"
    if plan.activate is not None:
        problem = _path_problem(plan.activate.venv)
        if problem:
            return f"activate.venv: {plan.activate.venv!r} {problem}"
    return None


def _is_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None


def _is_version(text: str) -> bool:
    try:
        Version(text)
    except InvalidVersion:
        return False
    return text.strip() == text


def _pin_problem(name: str, version: str) -> str | None:
    if not _is_name(name):
        return f"{name!r} is not a package name (PEP 508)"
    if not _is_version(version):
        return f"{name}: {version!r} is not an exact version"
    return None


def _path_problem(path: str) -> str | None:
    if not path:
        return "is empty"
    # A plan may be made for another machine: a Windows path keeps its drive's ':' and may not
    # hold ';', its PATH separator; any other path may not hold ':'.
    windows = _WINDOWS_DRIVE.match(path) is not None
    rest, separator = (path[2:], ";") if windows else (path, ":")
    for bad, called in (("\0", "a NUL byte"), ("\n", "a newline"), (separator, f"'{separator}'")):
        if bad in rest:
            return f"contains {called} (PATH and LD_LIBRARY_PATH entries would split)"
    return None


def with_steps(plan: Plan) -> Plan:
    """The plan with the steps apply will take, derived from its fields (a plan file's steps
    are never read: they are derived again, so the env is named in the document once)."""
    if plan.tensorflow is None:
        return plan
    layout = VenvLayout(plan.venv, windows=is_windows_path(plan.venv))
    steps = [
        Step(
            "create-venv",
            f"create or reuse the virtualenv {plan.venv} with Python {plan.python}",
            (plan.venv, plan.python_path or f"python{plan.python}"),
        )
    ]
    if plan.remove:
        steps.append(
            Step(
                "uninstall",
                "remove conflicting TensorFlow distributions: " + ", ".join(plan.remove),
                plan.remove,
            )
        )
    steps.append(
        Step("install", f"install {len(plan.packages)} pinned packages", plan.requirements)
    )
    steps.append(
        Step(
            "write-activate",
            "write the activate scripts",
            tuple(layout.script(name) for name in ACTIVATE_SCRIPTS),
        )
    )
    steps.append(
        Step(
            "verify",
            "run the GPU placement smoke test in the new environment",
            ("tfgpu-setup", "verify", "--venv", plan.venv),
        )
    )
    return dataclasses.replace(plan, steps=tuple(steps))
