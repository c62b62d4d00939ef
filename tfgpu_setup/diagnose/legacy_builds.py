"""An installed TensorFlow older than the matrix's rows (1.x), judged by what it was built with.

Such a release has nothing left to plan with, but the CUDA, cuDNN and driver it needs are
known from TensorFlow's tested build configurations: a 1.15 beside CUDA 11 only, or beside a
driver older than CUDA 10.0's floor, is named as the matrix's releases are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..doc_urls import TF_TESTED
from ..errors import UserError
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import LegacyBuild, Matrix
from ..planner.evaluate import is_windows_driver
from ..planner.rules import behind_a_gpu_without_kernels, built_with_other
from ..versions import LibraryKind, parsed, serves_build, xy
from .wanted import Wanted


def legacy_findings(
    facts: Facts,
    matrix: Matrix,
    version: str,
    runtimes_opened: Sequence[Wanted] = (),
    libraries_failed: bool = False,
) -> tuple[Finding, ...]:
    """runtimes_opened: the CUDA runtimes the log shows TensorFlow opened. One of another major
    than the release's tested build says it is another build of it (NVIDIA's nvidia-tensorflow
    1.15 loads CUDA 11 or 12, NVIDIA/tensorflow#83; a community or source build), whose needs
    the table does not know. libraries_failed: the log shows a CUDA library (or, on Windows,
    the DLLs TensorFlow's module links) failing to load: a GPU build, so a CUDA or cuDNN known
    absent is why."""
    build = query.legacy_build(matrix, version)
    if build is None or (facts.knows("os") and facts.platform.os == "macos"):
        # PyPI's macOS builds have had no CUDA since 1.2: a CUDA one there is a community or
        # source build, whose CUDA the table does not know.
        return ()
    if any(str(w.major) != build.cuda.split(".")[0] for w in runtimes_opened):
        return ()
    absent = _absent(facts, build, version) if libraries_failed else ()
    return (*absent, *_judged(facts, matrix, build, version))


def _judged(facts: Facts, matrix: Matrix, build: LegacyBuild, version: str) -> tuple[Finding, ...]:
    newer_gpu = _gpu_newer_than_cuda(facts, matrix, build, version)
    mismatches = (
        *_mismatch(facts, build, version, "cuda"),
        *_mismatch(facts, build, version, "cudnn"),
    )
    if newer_gpu:
        # the build's CUDA, installed, would not run this GPU either (tensorflow#44200: 1.14
        # beside an RTX 3090): the GPU's generation comes first, the mismatch after it
        mismatches = tuple(behind_a_gpu_without_kernels(m, version) for m in mismatches)
    return (
        *_gpu_below_the_binaries(facts, build, version),
        *mismatches,
        *_driver_too_old(facts, matrix, build, version),
        *newer_gpu,
        *_python_without_a_wheel(facts, build, version),
    )


def _gpu_below_the_binaries(facts: Facts, build: LegacyBuild, version: str) -> tuple[Finding, ...]:
    """Every GPU known below the lowest compute capability the release's binaries run on: its
    GPU device is ignored ('The minimum required Cuda capability is 3.5')."""
    if build.min_cc is None or not facts.knows("gpus") or not facts.gpus:
        return ()
    ccs = [g.compute_capability for g in facts.gpus]
    if not all(ccs) or not all(parsed(cc) < parsed(build.min_cc) for cc in ccs if cc):
        return ()
    gpu = facts.gpus[0]
    source = build.min_cc_source or build.source
    named = (
        gpu.name
        if "compute capability" in gpu.name
        else f"{gpu.name} (compute capability {gpu.compute_capability})"
    )
    return (
        Finding(
            "compute-capability-unsupported",
            Severity.ERROR,
            f"The {named} is below the {build.min_cc} TensorFlow {version}'s PyPI binaries need:"
            " it ignores the GPU",
            (
                f"GPU: {named}",
                f"TensorFlow {version}: compute capability {build.min_cc} or higher ({source})",
            ),
            f"Run on a GPU of compute capability {build.min_cc} or higher, or build TensorFlow"
            " from source for this GPU (TF_CUDA_COMPUTE_CAPABILITIES); on this GPU, TensorFlow"
            " runs on the CPU.",
            source.split(" ")[0],
        ),
    )


def _python_without_a_wheel(facts: Facts, build: LegacyBuild, version: str) -> tuple[Finding, ...]:
    """Every Python known newer than the release's tested ones: PyPI has no wheel of it for
    them, so the TensorFlow that runs is another Python's or another build."""
    if not build.python or not facts.knows("pythons") or not facts.pythons:
        return ()
    newest = max(build.python, key=parsed)
    stated = sorted({xy(p.version) for p in facts.pythons}, key=parsed)
    if not all(parsed(p) > parsed(newest) for p in stated):
        return ()
    return (
        Finding(
            "python-unsupported",
            Severity.WARNING,
            f"TensorFlow {version} has no PyPI wheel for the Python stated: the TensorFlow"
            " installed runs under another Python, or is another build (a Linux"
            " distribution's, conda's)",
            (
                f"TensorFlow {version}: Python {', '.join(build.python)} ({build.source})",
                f"Python {', '.join(stated)}",
            ),
            "Check which Python runs it ('python -c \"import sys, tensorflow as tf;"
            f" print(sys.executable, tf.__version__, tf.__file__)\"'); TensorFlow {version}'s"
            f" PyPI wheels are for Python {newest} and older. To install it, create the"
            f" environment with Python {newest} (or move the code to TensorFlow 2 through"
            " tf.compat.v1: 'tfgpu-setup plan' picks a release).",
            TF_TESTED,
        ),
    )


def _gpu_newer_than_cuda(
    facts: Facts, matrix: Matrix, build: LegacyBuild, version: str
) -> tuple[Finding, ...]:
    """A GPU whose architecture came after the CUDA this release was built with (an RTX 30
    series under TensorFlow 1.15's CUDA 10.0): no kernel of the build, nor its cuBLAS and
    cuDNN, was made for it, and runs fail or give NaNs (DeepLabCut#1245, stylegan2-ada#61)."""
    if not facts.knows("gpus"):
        return ()
    for gpu in facts.gpus:
        if not gpu.compute_capability:
            continue
        arch = query.arch_for_cc(matrix, gpu.compute_capability)
        first = query.first_cuda_with_code_for(matrix, gpu.compute_capability)
        if arch is None or first is None or parsed(first) <= parsed(build.cuda):
            continue
        return (
            Finding(
                "compute-capability-unsupported",
                Severity.ERROR,
                f"TensorFlow {version} was built with CUDA {build.cuda}, older than the"
                f" {gpu.name} (compute capability {gpu.compute_capability}, {arch.name}), which"
                f" CUDA supports from {first}",
                (
                    f"GPU {gpu.name}, compute capability {gpu.compute_capability}",
                    f"TensorFlow {version}: CUDA {build.cuda} ({build.source_of('cuda')})",
                    f"{arch.name}: CUDA {first} or newer ({arch.source})",
                ),
                f"Use a TensorFlow built with CUDA {first} or newer ('tfgpu-setup plan'"
                " picks one; TensorFlow 1.x code runs on 2.x through tf.compat.v1), or NVIDIA's"
                " NGC TensorFlow 1.15 container, built for newer GPUs.",
                arch.source,
            ),
        )
    return ()


def _mismatch(
    facts: Facts, build: LegacyBuild, version: str, kind: LibraryKind
) -> tuple[Finding, ...]:
    if not facts.knows(kind):
        return ()
    built = build.cuda if kind == "cuda" else build.cudnn
    found = sorted({i.version for i in facts.installs(kind) if i.version})
    if not found or any(serves_build(built, v, kind) for v in found):
        return ()
    return (built_with_other(version, kind, built, found, f" ({build.source_of(kind)})"),)


def _absent(facts: Facts, build: LegacyBuild, version: str) -> tuple[Finding, ...]:
    """The CUDA (else the cuDNN) the release loads from the system, known not installed."""
    kinds: tuple[tuple[LibraryKind, str, str], ...] = (
        ("cuda", "CUDA", "cuda-libs-not-found"),
        ("cudnn", "cuDNN", "cudnn-not-found"),
    )
    for kind, what, finding_id in kinds:
        if not facts.knows(kind) or facts.installs(kind):
            continue
        return (
            Finding(
                finding_id,
                Severity.ERROR,
                f"TensorFlow {version} loads CUDA {build.cuda} and cuDNN {build.cudnn} from the"
                f" system, and no {what} is installed",
                (
                    f"TensorFlow {version}: CUDA {build.cuda}, cuDNN {build.cudnn}"
                    f" ({build.source_of('cuda')})",
                    f"{what}: none installed (stated or probed)",
                ),
                f"Install CUDA {build.cuda} and cuDNN {build.cudnn} (the release loads those"
                " versions by name; before 1.13 the exact cuDNN minor) and put their library"
                " folders on the loader path (Windows: CUDA's bin and cuDNN's bin on PATH; Linux:"
                " LD_LIBRARY_PATH), or use a TensorFlow 2 release ('tfgpu-setup plan' picks one;"
                " 1.x code runs there through tf.compat.v1).",
                TF_TESTED,
            ),
        )
    return ()


def _driver_too_old(
    facts: Facts, matrix: Matrix, build: LegacyBuild, version: str
) -> tuple[Finding, ...]:
    driver = facts.driver.version if facts.knows("driver") else None
    if driver is None:
        return ()
    try:
        needed = query.driver_requirement(matrix, build.cuda, is_windows_driver(facts))
    except UserError:  # a CUDA the driver table does not reach
        return ()
    floor, floor_source = needed.floor, needed.floor_source
    if query.compare_driver_versions(driver, floor) >= 0:
        return ()
    return (
        Finding(
            "driver-too-old",
            Severity.ERROR,
            f"The NVIDIA driver is too old for TensorFlow {version} (built with CUDA {build.cuda})",
            (f"driver {driver}", f"CUDA {build.cuda} needs driver ≥ {floor} ({floor_source})"),
            f"Update the NVIDIA driver to ≥ {floor}, then reboot.",
            floor_source,
        ),
    )


EXACT_MINOR_BEFORE = "1.13"
"""TensorFlow before 1.13 checked cuDNN's compatibility version: only the minor it was built with
loads ('Loaded runtime CuDNN library: 7102 (compatibility version 7100) but source was compiled
with 7005 (compatibility version 7000)')."""
_LIBRARY_IDS = frozenset(
    {"cudnn-not-found", "cudnn-version-mismatch", "cuda-libs-not-found", "cuda-version-mismatch"}
)


def with_legacy_build(
    findings: tuple[Finding, ...], build: LegacyBuild | None, version: str | None
) -> tuple[Finding, ...]:
    """Library findings under a stated 1.x say what it was built with; before 1.13, that only
    the exact cuDNN minor loads ('install cuDNN 7' alone leads to the next refusal)."""
    if build is None or version is None:
        return findings
    built = (
        f"TensorFlow {version} was built with CUDA {build.cuda} and cuDNN {build.cudnn}"
        f" ({build.source_of('cuda')})"
    )
    exact = parsed(version) < parsed(EXACT_MINOR_BEFORE)
    note = (
        f" TensorFlow {version} loads only the exact cuDNN minor it was built with (before 1.13"
        " the check compares minors): its 'Loaded runtime CuDNN library ... but source was"
        " compiled with' line names it; a newer minor is refused too."
        if exact
        else ""
    )
    return tuple(
        dataclasses.replace(
            f,
            evidence=f.evidence
            if any("built with CUDA" in e for e in f.evidence)
            else (*f.evidence, built),
            fix=f.fix + note if f.id.startswith("cudnn") and note not in f.fix else f.fix,
        )
        if f.id in _LIBRARY_IDS
        else f
        for f in findings
    )
