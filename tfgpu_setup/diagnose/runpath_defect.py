"""A release whose wheel reaches only the CUDA runtime's nvidia wheel, at work in a log.

TensorFlow 2.16.1's libtensorflow_framework.so.2 lists nvidia/cuda_runtime/lib in its RUNPATH
and nothing else of the nvidia wheels (readelf on the wheel; tensorflow#63362). With
'tensorflow[and-cuda]' installed it so loads libcudart and fails on every other CUDA library:
a log where those fail and libcudart does not shows the wheels there and the defect at work,
not libraries to install."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

from ..findings import Finding, Severity
from ..matrix.model import Defect
from ..versions import specifier
from .logs import LogMatch
from .sources import quoted

LOAD_FAILURES = frozenset({"dlopen-cuda-library", "dlopen-cudnn"})
RUNPATH_DEFECT = "pip-libs-need-ld-library-path"
FIRST_WITH_WHEELS = Version("2.14")
"""The first release with NVIDIA wheels ([and-cuda]) to find: earlier ones search none."""
READ_AS_THE_DEFECT = frozenset({"cuda-libs-not-found", "cudnn-not-found"})


def runtime_found_the_rest_not(
    findings: tuple[Finding, ...],
    matches: tuple[LogMatch, ...],
    defects: tuple[Defect, ...],
    release: str | None,
) -> tuple[Finding, ...]:
    """The defect as the cause, first and an error, where the release has it and the log's
    failed libraries are CUDA's and cuDNN's but not libcudart."""
    defect = _runpath_defect(defects, release)
    failed = [m for m in matches if m.signature.name in LOAD_FAILURES]
    if defect is None or not failed:
        return findings
    if any("cudart" in m.line or "cuda drivers" in m.line for m in matches):
        return findings  # the runtime's wheel is missing too: libraries to install
    cause = Finding(
        "pip-cuda-libs-not-on-path",
        Severity.ERROR,
        f"TensorFlow {release} loaded the CUDA runtime from its nvidia wheel but none of the"
        " other CUDA libraries: its wheel does not search the other nvidia wheels (a known"
        " defect of the release)",
        (
            *(quoted(m.line) for m in failed[:2]),
            "libcudart is not among the failures: it loads from nvidia/cuda_runtime, the one"
            " nvidia folder this release's RUNPATH names, so the wheels are installed",
        ),
        defect.workaround,
        defect.source,
    )
    rest = tuple(f for f in findings if f.id != cause.id and f.id not in READ_AS_THE_DEFECT)
    return (cause, *rest)


def _runpath_defect(defects: tuple[Defect, ...], release: str | None) -> Defect | None:
    if release is None:
        return None
    try:
        version = Version(release)
    except InvalidVersion:
        return None
    if version < FIRST_WITH_WHEELS:
        return None
    return next(
        (
            d
            for d in defects
            if d.kind == RUNPATH_DEFECT and specifier(d.affects).contains(version, prereleases=True)
        ),
        None,
    )
