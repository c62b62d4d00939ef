"""Where plan and doctor get their facts: live probe, a facts file, or --no-probe, then what-if."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .documents import decode_text, read_document_bytes
from .facts import FACTS_DOCUMENT, IGNORED_FIELDS_NOTE, Facts
from .host import RealHost
from .matrix.model import Matrix
from .whatif import Overrides, apply_overrides, baseline_facts

ENV_OVERRIDES = {
    "TFGPU_OVERRIDE_DRIVER": "driver",
    "TFGPU_OVERRIDE_GPU": "gpus",
    "CONDA_OVERRIDE_CUDA": "cuda_driver",
}

_CUDA_XY = re.compile(r"[1-9]\d?\.\d{1,2}")
"""A CUDA version as CONDA_OVERRIDE_CUDA gives the driver's: 12.2."""

FLAG_NAMES = {"pythons": "--python", "gpus": "--gpu", "env": "--env"}


@dataclass(frozen=True)
class FactsInput:
    no_probe: bool = False
    facts_file: str | None = None
    target_env: str | None = None
    flags: dict[str, object] = field(default_factory=dict)
    """What-if flags given on the command line, by Overrides field name."""
    unknown_gpu_names_allowed: bool = False


def read_facts_bytes(path: str) -> bytes:
    return read_document_bytes(path, "--facts", FACTS_DOCUMENT)


def decode_facts(raw: bytes, origin: str) -> Facts:
    text = decode_text(raw, f"--facts {origin}", FACTS_DOCUMENT)
    facts = Facts.from_json(text, origin=origin)
    for note in facts.notes:
        if note.source == IGNORED_FIELDS_NOTE.source and note.message.startswith(
            IGNORED_FIELDS_NOTE.message
        ):
            # a misspelt key ('gpu' for 'gpus') leaves that fact unknown: say so, once
            logging.getLogger(__name__).warning("%s: %s", origin, note.message)
    return facts


def read_facts_file(path: str) -> Facts:
    return decode_facts(read_facts_bytes(path), path)


def overrides_from(
    flags: Mapping[str, object],
    environ: Mapping[str, str],
    no_probe: bool,
    unknown_gpu_names_allowed: bool = False,
) -> Overrides:
    """Flags win over environment variables; each value remembers where it came from."""
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    stated_env = flags.get("env")
    stated_env = stated_env if isinstance(stated_env, dict) else {}
    for var, name in ENV_OVERRIDES.items():
        # '--env CONDA_OVERRIDE_CUDA=11.2' states the variable for the machine planned for
        raw = stated_env.get(var) or environ.get(var)
        if raw:
            values[name] = (
                tuple(v.strip() for v in raw.split(";") if v.strip())
                if name == "gpus"
                else raw.strip()
            )
            sources[name] = f"{'flag --env' if stated_env.get(var) else 'environment'} {var}"
    for name, value in flags.items():
        if value is None or value == () or value == {}:
            continue
        values[name] = value
        sources[name] = f"flag {FLAG_NAMES.get(name, '--' + name.replace('_', '-'))}"
    if sources.get("cuda_driver", "").endswith(" CONDA_OVERRIDE_CUDA") and (
        sources.get("driver", "").startswith("flag")
        or not _CUDA_XY.fullmatch(str(values["cuda_driver"]))
    ):
        # the driver named on the command line beats conda's variable for what it supports;
        # and conda reads '0' (or any non-version) as no CUDA to solve for, not a driver's CUDA
        del values["cuda_driver"], sources["cuda_driver"]
    return Overrides(
        no_probe=no_probe,
        sources=sources,
        unknown_gpu_names_allowed=unknown_gpu_names_allowed,
        **values,  # type: ignore[arg-type]
    )


def gather_facts(inp: FactsInput, matrix: Matrix, environ: Mapping[str, str]) -> Facts:
    if inp.facts_file:
        base = read_facts_file(inp.facts_file)  # with --no-probe too: the file is no probe
    elif inp.no_probe:
        base = baseline_facts()
    else:
        from .probe.collect import probe  # only when probing: --no-probe and --facts start faster

        base = probe(RealHost(environ), inp.target_env)
    overrides = overrides_from(inp.flags, environ, inp.no_probe, inp.unknown_gpu_names_allowed)
    return apply_overrides(base, overrides, matrix)
