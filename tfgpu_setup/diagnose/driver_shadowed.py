"""CUDA saying the driver is older than its runtime where the known driver runs that runtime.

'CUDA driver version is insufficient for CUDA runtime version' compares the runtime with the
driver library the process loaded. Where the installed driver (stated, probed, or nvidia-smi's
header in the paste) supports the CUDA the runtime is, that library is not the installed
driver's: an older copy comes first on the search path (a stale nvcuda.dll beside the program
or in a toolkit's bin folder, a libcuda.so.1 in a toolkit's or container image's folder on
LD_LIBRARY_PATH), or the process was not given the driver (a container started without the
GPU), or the driver install is broken. Updating the driver, the usual fix, is then no fix
(tensorflow#41401: driver 451.48, CUDA 11.0, beside TensorFlow 2.2's CUDA 10.1).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding
from ..matrix.model import Matrix, TfRelease
from ..matrix.query import compare_driver_versions, driver_cuda_runs, min_driver_for_cuda
from .logfacts import LogFacts
from .logs import LogMatch

SOURCE = "https://github.com/NVIDIA/nvidia-docker/issues/400"
"""The runtime's refusal with a driver new enough: a container not given the driver (fixed by
'--gpus all'), and, as apache/mxnet#3486 found, a driver reinstalled clean."""

REFUSED = "driver-insufficient"
"""The signature of the runtime's refusal (and of TF 1.x cuDNN's pre-R340 one, not read here)."""


def _runtime_cuda(log: LogFacts, release: TfRelease | None) -> str | None:
    """The CUDA of the runtime that refused the driver: the one the log shows opened, else the
    one the release was built with."""
    opened = next(iter(log.runtimes_opened), None)
    built = release.cuda if release is not None else None
    if opened is not None and opened.minor is None:
        # (every CUDA 11.x runtime is libcudart.so.11.0, every 12.x libcudart.so.12: the name
        # gives the major only, the release its minor; review 113, 2.5's CUDA 11.2)
        same = built is not None and built.split(".")[0] == str(opened.major)
        return built if same else f"{opened.major}.0"
    if opened is not None:
        return f"{opened.major}.{opened.minor}"
    return built


def _fix(facts: Facts) -> str:
    windows = facts.knows("os") and facts.platform.os == "windows"
    if windows:
        where = (
            "run 'where nvcuda.dll' in the shell that runs TensorFlow and remove any copy"
            " outside C:\\Windows\\System32 (beside python.exe or the program, in a CUDA"
            " toolkit's bin folder)"
        )
    else:
        where = (
            "look for other copies of libcuda.so.1 ('ldconfig -p | grep libcuda', and each"
            " LD_LIBRARY_PATH folder: a toolkit's compat or stubs folder, a container image's"
            " cuda-compat) and take them off the search path; in a container, start it with"
            " '--gpus all' (without the driver's library CUDA reads the driver as too old)"
        )
    return (
        f"Updating the driver is not the fix: {where}; if there is none, reinstall the NVIDIA"
        " driver (a clean install) and reboot, so that its own library is the one loaded."
    )


def driver_library_not_the_installed_one(
    findings: tuple[Finding, ...],
    facts: Facts,
    matches: Sequence[LogMatch],
    log: LogFacts,
    release: TfRelease | None,
    matrix: Matrix | None = None,
) -> tuple[Finding, ...]:
    """The runtime's 'driver too old' reading, where the known driver runs that runtime's CUDA,
    says the process loaded another driver library; other findings are left as they are."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name == REFUSED and not m.groups.get("what", "").startswith("cudnn")
        ),
        None,
    )
    runtime = _runtime_cuda(log, release)
    if driver_cuda is None or refusal is None or runtime is None:
        return findings
    if not driver_cuda_runs(driver_cuda, runtime):
        return findings
    windows = facts.driver.windows_numbering
    if (
        matrix is not None
        and facts.driver.version
        and compare_driver_versions(
            facts.driver.version, min_driver_for_cuda(matrix, runtime, windows)[0]
        )
        < 0
    ):
        # (minor-version compatibility has a floor: CUDA 11.x needs 450.80.02, so the 11.0
        # driver 450.51.05 runs no 11.2 runtime; review 113)
        return findings
    quoted_line = refusal.line.strip()[:120]
    return tuple(
        dataclasses.replace(
            f,
            title=(
                "CUDA found the driver older than its runtime, but the driver installed"
                f" ({facts.driver.version or '?'}, CUDA ≤ {driver_cuda}) runs CUDA {runtime}:"
                " the process loaded another, older driver library"
            ),
            evidence=(
                *f.evidence,
                f"driver {facts.driver.version or '?'} supports CUDA {driver_cuda}"
                f" ({facts.driver.source})",
                f"the CUDA runtime is {runtime}",
            ),
            fix=_fix(facts),
            source=SOURCE,
        )
        if f.id == "driver-too-old" and any(quoted_line in e for e in f.evidence)
        else f
        for f in findings
    )
