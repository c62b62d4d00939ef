"""Command-line value checks: a malformed flag value is a usage error (exit 2) naming the flag.

Each function is an argparse `type=`: it returns the value unchanged or raises
ArgumentTypeError, which argparse reports as 'argument --driver: ...'. Only the shape is
checked here; whether a well-formed value exists (a TensorFlow release, a GPU name) is the
planner's question and an input error (exit 3).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

_DRIVER = re.compile(r"[0-9]{2,4}(\.[0-9]{1,3}){1,2}", re.ASCII)
_PYTHON = re.compile(r"[0-9]\.[0-9]{1,2}(\.[0-9]{1,3})?", re.ASCII)
_GLIBC = re.compile(r"[0-9]{1,2}\.[0-9]{1,3}", re.ASCII)
_CUDA = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2}(\.[0-9]{1,4})?)?", re.ASCII)
_CUDNN = re.compile(r"[0-9]{1,2}(\.[0-9]{1,3}){0,3}", re.ASCII)
_GPU_INDEX = re.compile(r"[0-9]{1,4}", re.ASCII)
_GPU_UUID = re.compile(r"(GPU|MIG)-[0-9A-Za-z/-]{1,80}", re.ASCII)
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}", re.ASCII)
MAX_SPEC_CHARS = 64


NONE = "none"
"""What a what-if flag says to state that the thing is not there (--driver none)."""


def _shaped(
    pattern: re.Pattern[str], example: str, absent_allowed: bool = False
) -> Callable[[str], str]:
    def check(value: str) -> str:
        if absent_allowed and value.strip().lower() == NONE:
            return NONE
        if pattern.fullmatch(value) is None:
            also = " or 'none'" if absent_allowed else ""
            raise argparse.ArgumentTypeError(
                f"{value!r} is malformed; expected e.g. {example}{also}"
            )
        return value

    return check


driver_version = _shaped(
    _DRIVER,
    "535.104.05 (Linux) or 572.16 (Windows/WSL2), the full version nvidia-smi prints",
    True,
)
python_version = _shaped(_PYTHON, "3.11 or 3.11.9")
glibc_version = _shaped(_GLIBC, "2.35")
cuda_version = _shaped(_CUDA, "12.2")
cuda_toolkit_version = _shaped(_CUDA, "12.2", True)
cudnn_version = _shaped(_CUDNN, "8.9.7", True)


def tf_spec(value: str) -> str:
    """A release ('2.17', '2.17.1') or a specifier ('>=2.15,<2.18')."""
    if value.isascii() and 0 < len(value) <= MAX_SPEC_CHARS:
        try:
            Version(value)
            return value
        except InvalidVersion:
            pass
        try:
            if len(SpecifierSet(value)) > 0:
                return value
        except InvalidSpecifier:
            pass
    raise argparse.ArgumentTypeError(
        f"{value!r} is neither a version nor a specifier; expected e.g. 2.17 or '>=2.15,<2.18'"
    )


def gpu_selection(value: str) -> str:
    """'0,1' or GPU-/MIG- UUIDs, comma-separated, for CUDA_VISIBLE_DEVICES."""
    items = [item.strip() for item in value.split(",")]
    for item in items:
        if not (_GPU_INDEX.fullmatch(item) or _GPU_UUID.fullmatch(item)):
            raise argparse.ArgumentTypeError(
                f"{item!r} is neither a GPU index nor a GPU-/MIG- UUID; expected e.g. 0,1 "
                "or a UUID from 'nvidia-smi -L'"
            )
    return value


def env_pair(value: str) -> str:
    name, sep, _ = value.partition("=")
    if not sep or _ENV_NAME.fullmatch(name) is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not NAME=VALUE; expected e.g. CUDA_VISIBLE_DEVICES=0"
        )
    return value
