"""tfgpu-setup plan."""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExitCode, RequestError, UserError
from ..facts import Facts
from ..matrix.load import matrix_in_use
from ..matrix.model import Matrix
from ..outcome import Outcome
from ..plan import Plan

if TYPE_CHECKING:
    from rich.console import Console
from ..planner import Request, make_plan
from ..planner.request import DEFAULT_VENV
from ..whatif import apply_overrides
from .facts_input import (
    FactsInput,
    decode_facts,
    gather_facts,
    overrides_from,
    read_facts_bytes,
)

VERDICT_CODES = {"gpu": ExitCode.OK, "cpu": ExitCode.CPU_ONLY, "none": ExitCode.NO_TENSORFLOW}
WHATIF_FIELDS = (
    "os",
    "arch",
    "pythons",
    "glibc",
    "driver",
    "cuda_driver",
    "gpus",
    "cuda_toolkit",
    "cudnn",
    "container",
)


@dataclass(frozen=True)
class PlanOptions:
    facts: FactsInput
    tf: str | None = None
    venv: str | None = None
    gpus: str | None = None
    python: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


def parse_env_pairs(pairs: list[str] | None) -> dict[str, str]:
    env: dict[str, str] = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UserError(
                f"--env {pair!r}: expected NAME=VALUE, e.g. CUDA_VISIBLE_DEVICES=0", ExitCode.USAGE
            )
        env[name] = value
    return env


def options_from_args(args: argparse.Namespace) -> PlanOptions:
    flags: dict[str, object] = {name: getattr(args, name, None) for name in WHATIF_FIELDS}
    if flags["pythons"]:
        flags["pythons"] = tuple(flags["pythons"])  # type: ignore[arg-type]
    if flags["gpus"]:
        flags["gpus"] = tuple(flags["gpus"])  # type: ignore[arg-type]
    flags["env"] = parse_env_pairs(getattr(args, "env_pairs", None))
    pythons = flags["pythons"]
    preferred = pythons[0] if isinstance(pythons, tuple) and len(pythons) == 1 else None
    return PlanOptions(
        facts=FactsInput(
            no_probe=args.no_probe,
            facts_file=args.facts,
            target_env=getattr(args, "target_env", None),
            flags=flags,
        ),
        tf=getattr(args, "tf", None),
        venv=args.venv,
        gpus=getattr(args, "select_gpus", None),
        python=preferred,
        sources={"venv": "flag --venv"} if args.venv else {},
    )


REQUEST_FLAGS = {"tf": "--tf", "gpus": "--gpus", "python": "--python"}


def plan_for_flags(facts: Facts, matrix: Matrix, request: Request) -> Plan:
    """make_plan, with a request error worded as the flag the user typed."""
    try:
        return make_plan(facts, matrix, request)
    except RequestError as exc:
        flag = REQUEST_FLAGS.get(exc.setting, exc.setting)
        raise UserError(f"{flag} {exc.detail}", exc.code) from None


def build_request(opts: PlanOptions) -> Request:
    venv = os.path.abspath(opts.venv or DEFAULT_VENV)
    for bad, called in ((os.pathsep, f"'{os.pathsep}'"), ("\n", "a newline")):
        if bad in venv:
            raise UserError(
                f"--venv {venv!r} contains {called}: its folders could not be put on PATH or "
                "LD_LIBRARY_PATH; choose another path",
                ExitCode.USAGE,
            )
    return Request(
        tf=opts.tf, venv=venv, gpus=opts.gpus, python=opts.python, sources=dict(opts.sources)
    )


def plan_once(opts: PlanOptions, matrix: Matrix, environ: Mapping[str, str]) -> Plan:
    request = build_request(opts)
    facts_input = opts.facts
    if facts_input.target_env is None and Path(request.venv).exists():
        # Probe the env the plan targets, so TensorFlow distributions already there that
        # conflict with the plan are seen and removed first.
        facts_input = dataclasses.replace(facts_input, target_env=request.venv)
    facts = gather_facts(facts_input, matrix, environ)
    return plan_for_flags(facts, matrix, request)


def run(opts: PlanOptions, environ: Mapping[str, str]) -> Outcome:
    matrix = matrix_in_use()
    if opts.facts.facts_file and Path(opts.facts.facts_file).is_dir():
        return _plan_folder(opts, matrix, environ)
    plan = plan_once(opts, matrix, environ)
    return Outcome(
        plan.to_jsonable(), lambda console: _show(console, plan), VERDICT_CODES[plan.verdict]
    )


def _show(console: Console, plan: Plan) -> None:
    from ..render import show_plan  # rich loads only for human output

    show_plan(console, plan)


@dataclass(frozen=True)
class HostPlan:
    facts: str
    """The facts file's name in the folder."""
    plan: Plan
    plan_id: str
    """Hosts with the same id get the very same plan."""


def plan_id_of(plan: Plan) -> str:
    # A frozen dataclass's repr spells out every field: equal text, equal plan. It is four
    # times cheaper than the JSON document, which is then made once per distinct plan.
    return hashlib.sha256(repr(plan).encode()).hexdigest()[:16]


def plan_folder(opts: PlanOptions, matrix: Matrix, environ: Mapping[str, str]) -> list[HostPlan]:
    """Plan every facts file in a folder; identical documents are decoded and planned once.

    Each host's plan targets --venv if given, else the env its facts were probed for
    ('probe --env PATH'), else the default: one fleet can keep its envs in different places.
    """
    folder = Path(opts.facts.facts_file or ".")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserError(
            f"--facts {folder}: the folder holds no *.json facts files; write them with "
            "'tfgpu-setup probe --json > HOST.json' on each machine",
            ExitCode.INPUT,
        )
    request = build_request(opts)
    overrides = overrides_from(opts.facts.flags, environ, no_probe=False)
    # planning is pure: the same document, overrides and request always give the same plan
    by_document: dict[bytes, tuple[Plan, str]] = {}
    hosts: list[HostPlan] = []
    for path in files:
        raw = read_facts_bytes(str(path))
        known = by_document.get(raw)
        if known is None:
            facts = apply_overrides(decode_facts(raw, str(path)), overrides, matrix)
            plan = plan_for_flags(facts, matrix, _host_request(request, opts, facts))
            known = by_document[raw] = (plan, plan_id_of(plan))
        hosts.append(HostPlan(path.name, *known))
    return hosts


def _host_request(request: Request, opts: PlanOptions, facts: Facts) -> Request:
    if opts.venv or facts.target_env is None:
        return request
    sources = {**request.sources, "venv": "facts target_env ('probe --env')"}
    return dataclasses.replace(request, venv=facts.target_env.path, sources=sources)


def _plan_folder(opts: PlanOptions, matrix: Matrix, environ: Mapping[str, str]) -> Outcome:
    """Plan every facts file in a folder: probe a fleet everywhere, plan it here."""
    hosts = plan_folder(opts, matrix, environ)
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
        for h in hosts
    ]
    distinct: dict[str, dict[str, Any]] = {}
    for h in hosts:
        if h.plan_id not in distinct:
            distinct[h.plan_id] = h.plan.to_jsonable()
    document = {
        "schema": "tfgpu-setup/plan-fleet",
        "schema_version": 1,
        "plans": rows,
        "distinct_plans": distinct,
    }

    def show(console: Console) -> None:
        from rich.markup import escape

        for h in hosts:
            findings = ", ".join(f.id for f in h.plan.findings)
            console.print(
                f"{escape(h.facts)}: {h.plan.verdict} {h.plan.tensorflow or '-'} {findings}"
            )
        counts = {v: sum(1 for h in hosts if h.plan.verdict == v) for v in ("gpu", "cpu", "none")}
        console.print(
            f"{len(rows)} hosts: {counts['gpu']} gpu, {counts['cpu']} cpu, {counts['none']} none"
            f" ({len(distinct)} distinct plan{'' if len(distinct) == 1 else 's'})"
        )

    return Outcome(document, show)
