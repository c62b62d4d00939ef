"""Data for `tfgpu-setup matrix show` and `matrix check` (the CLI renders it)."""

from __future__ import annotations

import typing
from datetime import date
from typing import Any

from packaging.version import Version

from tfgpu_setup.errors import UserError
from tfgpu_setup.matrix import query
from tfgpu_setup.matrix.load import DRIVERS_FILE, GPUS_FILE, TENSORFLOW_FILE
from tfgpu_setup.matrix.model import Matrix, PlatformKey, TfRelease
from tfgpu_setup.matrix.validate import (
    check_cross,
    check_drivers,
    check_gpus,
    check_tensorflow,
    kernel_arch,
)

PLATFORM_ORDER: tuple[str, ...] = typing.get_args(PlatformKey)
STALE_AFTER_DAYS = 90
"""TensorFlow releases every few months: past this, 'matrix check' suggests a refresh."""


def matrix_rows(matrix: Matrix, tf: str | None) -> list[dict[str, str]]:
    """One row per release, newest first; `tf` selects as --tf does ('2.17', '>=2.15')."""
    if tf is None:
        releases = sorted(
            matrix.tensorflow.releases, key=lambda r: Version(r.version), reverse=True
        )
    else:
        releases = query.releases_matching(matrix, tf)
    return [_row(r) for r in releases]


def check_matrix(matrix: Matrix, today: date) -> dict[str, Any]:
    """Whether the matrix is valid, where it came from, how old it is, and what it holds."""
    error = None
    try:
        check_tensorflow(matrix.tensorflow, TENSORFLOW_FILE, today)
        check_drivers(matrix.drivers, DRIVERS_FILE, today)
        check_gpus(matrix.gpus, GPUS_FILE, today)
        check_cross(matrix.tensorflow, matrix.drivers, TENSORFLOW_FILE, DRIVERS_FILE)
    except UserError as exc:
        error = exc.message
    refreshed = {
        "tensorflow": matrix.tensorflow.refreshed,
        "cuda-drivers": matrix.drivers.refreshed,
        "gpus": matrix.gpus.refreshed,
    }
    dates = [d for d in (_date(value) for value in refreshed.values()) if d is not None]
    oldest = min(dates, default=None)
    newest = max(matrix.tensorflow.releases, key=lambda r: Version(r.version), default=None)
    age = None if oldest is None else (today - oldest).days
    return {
        "valid": error is None,
        "error": error,
        "origin": matrix.origin,
        "notes": list(matrix.notes),
        "refreshed": refreshed,
        "age_days": age,
        "stale": age is not None and age > STALE_AFTER_DAYS,
        "newest_release": None if newest is None else newest.version,
        "counts": {
            "releases": len(matrix.tensorflow.releases),
            "defects": len(matrix.tensorflow.defects),
            "toolkits": len(matrix.drivers.toolkits),
            "minor_compat": len(matrix.drivers.minor_compat),
            "gpu_patterns": len(matrix.gpus.patterns),
            "architectures": len(matrix.gpus.architectures),
        },
    }


def python_range(versions: tuple[str, ...]) -> str:
    """('2.7', '3.5', '3.6', '3.7') -> '2.7, 3.5-3.7'."""
    parsed = sorted(Version(v) for v in versions)
    runs: list[list[Version]] = []
    for version in parsed:
        last = runs[-1][-1] if runs else None
        if last is not None and (last.major, last.minor + 1) == (version.major, version.minor):
            runs[-1].append(version)
        else:
            runs.append([version])
    return (
        ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs) or "none"
    )


def _row(release: TfRelease) -> dict[str, str]:
    cuda = "none" if release.cuda is None else release.cuda
    if release.cuda_build is not None:
        cuda += f" (built with {release.cuda_build})"
    gpu_platforms = [k for k in PLATFORM_ORDER if (p := release.platforms.get(k)) and p.gpu]
    return {
        "TF": release.version,
        "Python": python_range(release.python),
        "CUDA": cuda,
        "cuDNN": release.cudnn or "none",
        "CC": _kernels(release),
        "GPU platforms": ", ".join(gpu_platforms) or "none",
        "pins": ", ".join(release.nvidia_pins) or "none",
    }


def _kernels(release: TfRelease) -> str:
    sass = [_cc(name, "sm_") for name in release.sass]
    ptx = [_cc(name, "compute_") for name in release.ptx]
    if not sass and not ptx:
        return "unknown"
    text = ", ".join(sass)
    if ptx:
        text += (" " if text else "") + "+PTX " + ", ".join(ptx)
    return text


def _cc(name: str, prefix: str) -> str:
    arch = kernel_arch(name, prefix)
    return name if arch is None else f"{arch // 10}.{arch % 10}"


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
