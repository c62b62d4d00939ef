"""Read a fleet folder: what each host's probe, plan, apply and verify left there.

    DIR/facts/HOST.json     'tfgpu-setup probe --json' of each host
    DIR/plan-fleet.json     'tfgpu-setup plan --facts DIR/facts --json' (planned here when absent)
    DIR/apply/HOST.json     'tfgpu-setup apply --json' of each host (or its error document)
    DIR/verify/HOST.json    'tfgpu-setup verify --json' of each host (or its error document)
    DIR/errors/HOST.json    a stage that failed before any of those could say why

Every part but facts/ is optional: a folder of facts alone gives a planning report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExitCode, UserError
from ..facts import Facts
from ..outcome import ERROR_SCHEMA
from ..output import SCHEMA_VERSION
from ..plan import Plan
from ..serde import shown

PLAN_FLEET_SCHEMA = "tfgpu-setup/plan-fleet"
STAGES = ("apply", "verify", "errors")


@dataclass(frozen=True)
class HostRecord:
    host: str
    facts: Facts | None
    plan: Plan | None
    apply: dict[str, Any] | None
    """apply's JSON document: applied, noop, ... or a tfgpu-setup/error document."""
    verify: dict[str, Any] | None
    """verify's JSON document: status, reason, ... or a tfgpu-setup/error document."""
    error: dict[str, Any] | None
    """{'stage': ..., 'error': ...} for a stage that failed before apply or verify ran."""
    unreadable: tuple[tuple[str, str], ...] = ()
    """(stage, error) for each of this host's files that could not be read, 'facts' or one of
    STAGES: the rest of the fleet is still reported."""


def read_fleet(folder: Path, environ: Mapping[str, str]) -> list[HostRecord]:
    facts_dir = folder / "facts"
    if not facts_dir.is_dir():
        raise UserError(
            f"{folder}: no facts/ folder in it; a fleet folder holds facts/HOST.json from "
            "'tfgpu-setup probe --json' (the Ansible playbook writes one)",
            ExitCode.INPUT,
        )
    plans = _plans(folder, environ)
    unreadable: dict[str, list[tuple[str, str]]] = {}
    facts = _all_facts(facts_dir, unreadable)
    documents = {stage: _documents(folder, stage, unreadable) for stage in STAGES}
    names = sorted(set(facts).union(plans, unreadable, *documents.values()))
    return [
        HostRecord(
            host=name,
            facts=facts.get(name),
            plan=plans.get(name),
            apply=documents["apply"].get(name),
            verify=documents["verify"].get(name),
            error=documents["errors"].get(name),
            unreadable=tuple(unreadable.get(name, ())),
        )
        for name in names
    ]


def _all_facts(facts_dir: Path, unreadable: dict[str, list[tuple[str, str]]]) -> dict[str, Facts]:
    from ..factsource import read_facts_file

    out: dict[str, Facts] = {}
    for path in sorted(facts_dir.glob("*.json")):
        try:
            out[path.stem] = read_facts_file(str(path))
        except UserError as error:
            unreadable.setdefault(path.stem, []).append(("facts", error.message))
    return out


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(
            f"{path}: cannot read it as JSON ({exc}); rerun the playbook, or delete the file",
            ExitCode.INPUT,
        ) from None


def _documents(
    folder: Path, stage: str, unreadable: dict[str, list[tuple[str, str]]]
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    stage_dir = folder / stage
    for path in sorted(stage_dir.glob("*.json")) if stage_dir.is_dir() else ():
        try:
            document = _load_json(path)
            if not isinstance(document, dict):
                raise UserError(f"{path}: expected a JSON object", ExitCode.INPUT)
            _check_schema(path, stage, document)
        except UserError as error:
            unreadable.setdefault(path.stem, []).append((stage, error.message))
            continue
        out[path.stem] = document
    return out


STAGE_SCHEMAS = {
    "apply": ("tfgpu-setup/apply", ERROR_SCHEMA),
    "verify": ("tfgpu-setup/verify", ERROR_SCHEMA),
}
"""What each stage's file may be: the command's own document, or its error document. The
errors/ folder holds what the playbook wrote itself ({'stage': ..., 'error': ...})."""


def _check_schema(path: Path, stage: str, document: dict[str, Any]) -> None:
    """A stage file of another kind (a facts file in verify/) or of a newer schema than this
    tool reads is unreadable, not a result whose status is unknown."""
    allowed = STAGE_SCHEMAS.get(stage)
    if allowed is None:
        return
    schema, version = document.get("schema"), document.get("schema_version")
    if schema not in allowed:
        raise UserError(
            f"{path}: not a {' or '.join(allowed)} document (schema {shown(schema)}); write it"
            f" with 'tfgpu-setup {stage} --json'",
            ExitCode.INPUT,
        )
    if type(version) is not int or not 1 <= version <= SCHEMA_VERSION:
        raise UserError(
            f"{path}: schema_version {shown(version)} is not one this tool reads (up to"
            f" {SCHEMA_VERSION}); upgrade tfgpu-setup, or rerun '{stage}' with this one",
            ExitCode.INPUT,
        )


def _plans(folder: Path, environ: Mapping[str, str]) -> dict[str, Plan]:
    path = folder / "plan-fleet.json"
    if not path.exists():
        return _plan_now(folder / "facts", environ)
    document = _load_json(path)
    if not isinstance(document, dict) or document.get("schema") != PLAN_FLEET_SCHEMA:
        raise UserError(
            f"{path}: not a {PLAN_FLEET_SCHEMA} document; write it with "
            "'tfgpu-setup plan --facts DIR/facts --json'",
            ExitCode.INPUT,
        )
    distinct = document.get("distinct_plans")
    if not isinstance(distinct, dict):
        raise UserError(
            f"{path}: it has no distinct_plans (written by an older tfgpu-setup); delete it "
            "and the report plans the facts itself",
            ExitCode.INPUT,
        )
    decoded = {
        pid: Plan.from_jsonable(data, f"{path} plan {pid}") for pid, data in distinct.items()
    }
    out: dict[str, Plan] = {}
    for row in document.get("plans", []):
        plan = decoded.get(row.get("plan")) if isinstance(row, dict) else None
        if plan is None:
            raise UserError(f"{path}: a row names no known plan: {row!r}", ExitCode.INPUT)
        out[str(row["host"])] = plan
    return out


def _plan_now(facts_dir: Path, environ: Mapping[str, str]) -> dict[str, Plan]:
    from ..factsource import FactsInput
    from ..matrix.load import matrix_in_use
    from ..planning import PlanOptions, plan_folder

    if not any(facts_dir.glob("*.json")):
        return {}
    options = PlanOptions(facts=FactsInput(facts_file=str(facts_dir)))
    planned = plan_folder(options, matrix_in_use(), environ)  # (the unreadable: read_fleet's)
    return {h.facts.removesuffix(".json"): h.plan for h in planned.hosts}
