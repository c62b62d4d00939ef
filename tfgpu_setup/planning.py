"""Planning as the commands ask for it: a request built from flags, facts gathered, and the
planner's answer, for one machine or a folder of facts files (a fleet)."""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .activation import is_windows_path
from .errors import ExitCode, RequestError, UserError
from .facts import Facts
from .factsource import (
    FactsInput,
    decode_facts,
    gather_facts,
    overrides_from,
    read_facts_bytes,
)
from .flags import OS_GLIBC, OS_NAMES_MUSL
from .matrix.model import Matrix
from .plan import Plan
from .planner import Request, make_plan
from .planner.request import DEFAULT_VENV
from .versions import xy
from .whatif import apply_overrides

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
    if getattr(args, OS_NAMES_MUSL, False):
        flags[OS_NAMES_MUSL] = True  # an Overrides field of the same name
    if getattr(args, OS_GLIBC, None):
        flags[OS_GLIBC] = getattr(args, OS_GLIBC)  # an Overrides field of the same name
    pythons = flags["pythons"]
    # the interpreter asked for is its X.Y: 'python --version' prints 3.10.12, releases list 3.10
    preferred = xy(pythons[0]) if isinstance(pythons, tuple) and len(pythons) == 1 else None
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
    # a Windows path names an env on a Windows machine planned from here: kept as it is
    windows = opts.venv is not None and is_windows_path(opts.venv)
    venv = opts.venv if windows and opts.venv else os.path.abspath(opts.venv or DEFAULT_VENV)
    separator = ";" if windows else os.pathsep
    for bad, called in ((separator, f"'{separator}'"), ("\n", "a newline")):
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
    if not (facts_input.no_probe or facts_input.facts_file):
        # a plan for this machine: apply would refuse a path that is no virtualenv, so say so now
        from .apply.venv import refuse_if_foreign

        refuse_if_foreign(Path(request.venv))
    if facts_input.target_env is None and Path(request.venv).exists():
        # Probe the env the plan targets, so TensorFlow distributions already there that
        # conflict with the plan are seen and removed first.
        facts_input = dataclasses.replace(facts_input, target_env=request.venv)
    facts = gather_facts(facts_input, matrix, environ)
    if facts_input.facts_file:
        # another machine's facts: its env is the one it was probed for, as in a folder
        request = _host_request(request, opts, facts)
    return plan_for_flags(facts, matrix, request)


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


@dataclass(frozen=True)
class UnreadableFacts:
    """A facts file in the folder that could not be read or decoded, or planned as asked (a
    --gpus selection the host lacks): its host gets no plan, and the others still do."""

    facts: str
    """The facts file's name in the folder."""
    error: str
    """The one-line error, naming the file and the fix."""
    code: ExitCode


@dataclass(frozen=True)
class FolderPlans:
    hosts: tuple[HostPlan, ...]
    unreadable: tuple[UnreadableFacts, ...]


def plan_folder(opts: PlanOptions, matrix: Matrix, environ: Mapping[str, str]) -> FolderPlans:
    """Plan every facts file in a folder; identical documents are decoded and planned once.
    A file that cannot be read is set aside with its error: one truncated probe output must not
    hide every other host's plan.

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
    unreadable: list[UnreadableFacts] = []
    for path in files:
        try:
            raw = read_facts_bytes(str(path))
            facts = None if raw in by_document else decode_facts(raw, str(path))
        except UserError as error:
            unreadable.append(UnreadableFacts(path.name, error.message, error.code))
            continue
        if facts is not None:
            try:
                facts = apply_overrides(facts, overrides, matrix)
                plan = plan_for_flags(facts, matrix, _host_request(request, opts, facts))
            except UserError as error:
                # a request this host cannot take (--gpus 2 where it has one GPU) costs only
                # this host, as an unreadable file does
                unreadable.append(
                    UnreadableFacts(path.name, f"{path}: {error.message}", error.code)
                )
                continue
            by_document[raw] = (plan, plan_id_of(plan))
        hosts.append(HostPlan(path.name, *by_document[raw]))
    return FolderPlans(tuple(hosts), tuple(unreadable))


def _host_request(request: Request, opts: PlanOptions, facts: Facts) -> Request:
    if opts.venv or facts.target_env is None:
        return request
    sources = {**request.sources, "venv": "facts target_env ('probe --env')"}
    return dataclasses.replace(request, venv=facts.target_env.path, sources=sources)
