"""tfgpu-setup plan."""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExitCode, UserError
from ..matrix.load import matrix_in_use
from ..matrix.model import Matrix
from ..outcome import Outcome
from ..plan import Plan

if TYPE_CHECKING:
    from rich.console import Console
from ..planner import Request, make_plan
from ..planner.request import DEFAULT_VENV
from ..planner.whatif import apply_overrides
from .facts_input import FactsInput, gather_facts, overrides_from, read_facts_file

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


def build_request(opts: PlanOptions) -> Request:
    venv = os.path.abspath(opts.venv or DEFAULT_VENV)
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
    return make_plan(facts, matrix, request)


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


def _plan_folder(opts: PlanOptions, matrix: Matrix, environ: Mapping[str, str]) -> Outcome:
    """Plan every facts file in a folder: probe a fleet everywhere, plan it here."""
    request = build_request(opts)
    overrides = overrides_from(opts.facts.flags, environ, no_probe=False)
    plans: list[tuple[str, Plan]] = []
    folder = Path(opts.facts.facts_file or ".")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserError(
            f"--facts {folder}: the folder holds no *.json facts files; write them with "
            "'tfgpu-setup probe --json > HOST.json' on each machine",
            ExitCode.INPUT,
        )
    for path in files:
        facts = apply_overrides(read_facts_file(str(path)), overrides, matrix)
        plans.append((path.name, make_plan(facts, matrix, request)))
    rows = [
        {
            "facts": name,
            "verdict": plan.verdict,
            "tensorflow": plan.tensorflow,
            "findings": [f.id for f in plan.findings],
        }
        for name, plan in plans
    ]
    document = {"schema": "tfgpu-setup/plan-fleet", "schema_version": 1, "plans": rows}

    def show(console: Console) -> None:
        from rich.markup import escape

        for name, plan in plans:
            findings = ", ".join(f.id for f in plan.findings)
            console.print(f"{escape(name)}: {plan.verdict} {plan.tensorflow or '-'} {findings}")
        counts = {v: sum(1 for _, p in plans if p.verdict == v) for v in ("gpu", "cpu", "none")}
        console.print(
            f"{len(rows)} hosts: {counts['gpu']} gpu, {counts['cpu']} cpu, {counts['none']} none"
        )

    return Outcome(document, show)
