"""What an apply did, kept in the env (`<venv>/tfgpu-setup/journal.json`), and the no-op check.

The journal is written last, atomically: an env whose journal names a transaction is an env
that transaction completed (transaction.py relies on this after a crash).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from ..plan import Plan
from ..serde import DecodeError, from_jsonable, to_jsonable
from .safe_files import write_atomically
from .venv import installed, python_in

SCHEMA = "tfgpu-setup/journal"
SCHEMA_VERSION = 1


def state_dir(venv: Path) -> Path:
    return venv / "tfgpu-setup"


def journal_path(venv: Path) -> Path:
    return state_dir(venv) / "journal.json"


def verify_record_path(venv: Path) -> Path:
    return state_dir(venv) / "verify.json"


def build_identity(plan: Plan) -> dict[str, Any]:
    """What apply would build from the plan, and nothing else.

    A live plan also carries findings and decisions about the env's current state
    ('tensorflow-not-installed' before an apply, something else after), which would make the
    same setup look like a new plan on every run.
    """
    return {
        "tensorflow": plan.tensorflow,
        "python": plan.python,
        "packages": sorted(
            f"{canonicalize_name(p.name)}=={_normal(p.version)}" for p in plan.packages
        ),
        "remove": sorted({canonicalize_name(n) for n in plan.remove}),
        "activate": to_jsonable(plan.activate),
        "venv": os.path.abspath(os.path.expanduser(plan.venv)),
    }


def plan_digest(plan: Plan) -> str:
    canonical = json.dumps(build_identity(plan), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Journal:
    transaction: str
    plan: dict[str, Any]
    plan_digest: str
    installer: str | None
    packages: tuple[str, ...]
    """Every distribution in the env after the apply, as name==version."""
    files: dict[str, str]
    """Files the apply wrote (path relative to the env -> sha256)."""
    started: str
    finished: str
    schema: str = SCHEMA
    schema_version: int = SCHEMA_VERSION

    def load_plan(self) -> Plan:
        return Plan.from_json(json.dumps(self.plan), origin="journal")


def write_journal(venv: Path, journal: Journal) -> Path:
    path = journal_path(venv)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(to_jsonable(journal), indent=2) + "\n").encode())
    return path


def record_verify(venv: Path, transaction: str, document: dict[str, Any]) -> None:
    """Keep verify's result for the env as this transaction left it (a no-op apply reuses it)."""
    state_dir(venv).mkdir(parents=True, exist_ok=True)
    record = {"transaction": transaction, "recorded": now(), "verify": document}
    write_atomically(verify_record_path(venv), (json.dumps(record, indent=2) + "\n").encode())


def recorded_verify(venv: Path, transaction: str) -> tuple[str, dict[str, Any]] | None:
    """(when, the verify document) recorded for the env as `transaction` left it, if any."""
    try:
        data = json.loads(verify_record_path(venv).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("transaction") != transaction:
        return None
    document, when = data.get("verify"), data.get("recorded")
    return (when, document) if isinstance(document, dict) and isinstance(when, str) else None


def read_journal(venv: Path) -> Journal | None:
    """The env's journal, or None when it has none or it cannot be read."""
    try:
        data = json.loads(journal_path(venv).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return None
        return from_jsonable(Journal, data)
    except (OSError, ValueError, DecodeError):
        return None


def package_pins(venv: Path) -> tuple[str, ...]:
    return tuple(f"{name}=={version}" for name, version in sorted(installed(venv).items()))


def file_hashes(venv: Path, paths: list[Path]) -> dict[str, str]:
    return {p.relative_to(venv).as_posix(): sha256_of(p) for p in paths}


@dataclass(frozen=True)
class AppliedCheck:
    applied: bool
    reasons: tuple[str, ...] = field(default=())
    """Why not, when not: for --verbose and the tests."""


def check_applied(plan: Plan, venv: Path) -> AppliedCheck:
    """Is this plan already carried out in this env, exactly? Reads files only (no subprocess)."""
    journal = read_journal(venv)
    if journal is None:
        return AppliedCheck(False, ("no journal",))
    reasons: list[str] = []
    if journal.plan_digest != plan_digest(plan):
        reasons.append("the env was set up from a different plan")
    if not python_in(venv).exists():
        reasons.append(f"{python_in(venv)} is missing")
    for name, digest in journal.files.items():
        path = venv / name
        if not path.is_file():
            reasons.append(f"{path} is missing")
        elif sha256_of(path) != digest:
            reasons.append(f"{path} was changed")
    have = installed(venv)
    for package in plan.packages:
        found = have.get(canonicalize_name(package.name))
        if found is None or not _same_version(found, package.version):
            reasons.append(
                f"{package.requirement} is not installed" + (f" ({found} is)" if found else "")
            )
    for name in plan.remove:
        if canonicalize_name(name) in have:
            reasons.append(f"{name} is installed and conflicts")
    return AppliedCheck(not reasons, tuple(reasons))


def _normal(version: str) -> str:
    try:
        return str(Version(version))
    except InvalidVersion:
        return version


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b
