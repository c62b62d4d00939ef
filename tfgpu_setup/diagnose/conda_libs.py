"""A conda environment's lib folder on LD_LIBRARY_PATH, beside NVIDIA's pip wheels.

TensorFlow's install guide of 2021 (and many tutorials since) had users put $CONDA_PREFIX/lib
on LD_LIBRARY_PATH for conda's cudatoolkit and cudnn. The loader searches LD_LIBRARY_PATH before
the RUNPATH that finds NVIDIA's wheels, so a conda cuDNN 8.1 there (libcudnn.so.8) loads in
place of the 8.9 wheel of the same soname (tensorflow/docs#2251). Whatever fix installs the
wheels must take that folder off the path too. Pure: data in, data out.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, with_context

_CONDA_LIB = re.compile(
    r"(?:^|:)(?P<folder>(?:\$CONDA_PREFIX|/[^:\s]{0,200}?/(?:envs/[\w.-]{1,60}|(?:ana|mini)conda3"
    r"|miniforge3|mambaforge))/lib)/?(?=:|$)"
)
"""A conda environment's (or base installation's) own lib folder, as an entry of the path."""
_CONDA_CUDA_LISTED = re.compile(
    r"^[> \t]*(?:cudatoolkit|cudnn|cuda-cudart)[ \t]{2,40}\d", re.MULTILINE
)
"""'conda list' rows of conda's CUDA or cuDNN packages."""

FIXED_BY_WHEELS = frozenset(
    {
        "cuda-libs-not-found",
        "cudnn-not-found",
        "cuda-version-mismatch",
        "cudnn-version-mismatch",
        "pip-cuda-libs-not-on-path",
    }
)
"""Findings whose fix may install NVIDIA's wheels for the release ('tensorflow[and-cuda]')."""


def conda_lib_on_the_path(
    findings: tuple[Finding, ...], facts: Facts, text: str, printed_path: str
) -> tuple[Finding, ...]:
    """The fixes that install the wheels, with the conda lib folder on LD_LIBRARY_PATH taken
    off it, where the log lists conda's CUDA or cuDNN packages (printed_path: the
    LD_LIBRARY_PATH the paste printed)."""
    if not _CONDA_CUDA_LISTED.search(text) or any(
        # (the path's order is already the cause named, and conda's copy may be the right one)
        f.id == "ld-library-path-shadows"
        for f in findings
    ):
        return findings
    values = [facts.env.get("LD_LIBRARY_PATH") or "", printed_path]
    folder = next(
        (found["folder"] for value in values if (found := _CONDA_LIB.search(value.strip()))),
        None,
    )
    # (a fix that installs the release's CUDA some other way may want conda's folder there)
    wheels = frozenset(f.id for f in findings if f.id in FIXED_BY_WHEELS and "[and-cuda]" in f.fix)
    if folder is None or not wheels:
        return findings
    return with_context(
        findings,
        wheels,
        f"LD_LIBRARY_PATH holds {folder}, where conda's CUDA and cuDNN packages are",
        f" Then take {folder} off LD_LIBRARY_PATH ('conda env config vars unset"
        " LD_LIBRARY_PATH', or remove conda's cudatoolkit and cudnn): the loader searches it"
        " before the wheels, so conda's older libraries of the same names would load first.",
    )
