"""A GPU newer than the CUDA a release was built with, at work in the log: PTX JIT at start-up.

The planner does not choose such a release for such a GPU (tensorflow#42958: CUDA 10's cuBLAS and
cuDNN have no code for Ampere). A log where TensorFlow created the device and nothing failed after
it shows the other half of that story: TensorFlow's own PTX was JIT-compiled and work started,
slowly (DeepLabCut#944). What the log shows is the slow start; the library failure is what to
watch for."""

from __future__ import annotations

import dataclasses

from ..facts import Facts
from ..findings import Finding
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import LIBRARIES_PREDATE_GPU_SOURCE, arch_defect

UNSUPPORTED = "compute-capability-unsupported"


def jit_at_start(
    findings: tuple[Finding, ...], facts: Facts, release: TfRelease | None, matrix: Matrix
) -> tuple[Finding, ...]:
    """The facts-judged 'no kernels for this GPU' as the slow start it is, where every GPU known
    can JIT-compile the release's PTX and the log shows the device at work with nothing failed
    after it (the caller's condition). Not where a known defect keeps that JIT from working
    (Blackwell before 2.21)."""
    if release is None or not facts.knows("gpus") or not facts.gpus:
        return findings
    ccs = [g.compute_capability for g in facts.gpus]
    if not all(
        cc and query.cc_support(release, cc) == "ptx-jit" and not arch_defect(release, cc, matrix)
        for cc in ccs
    ):
        return findings
    return tuple(_as_jit(f, release) if f.id == UNSUPPORTED else f for f in findings)


def _as_jit(finding: Finding, release: TfRelease) -> Finding:
    return dataclasses.replace(
        finding,
        id="compute-capability-ptx-jit",
        title=(
            f"TensorFlow {release.version} has no native kernels for this GPU: it ran after"
            " JIT-compiling its PTX, which makes the start slow"
        ),
        evidence=(
            *finding.evidence,
            "but the log shows the GPU device created and nothing failing on it after",
        ),
        fix=(
            "Expect a long first start; keep the JIT cache (CUDA_CACHE_MAXSIZE=4294967296) so"
            f" later starts are fast. If cuBLAS or cuDNN work then fails on the GPU, the release is"
            f" too old for it: {finding.fix}"
        ),
        source=LIBRARIES_PREDATE_GPU_SOURCE,
    )


def no_jit_below_the_ptx(
    findings: tuple[Finding, ...], facts: Facts, release: TfRelease | None
) -> tuple[Finding, ...]:
    """TensorFlow prints 'jit-compiled from PTX' for any GPU without native kernels, also one
    older than every PTX the build carries (a GTX 980 under 2.17's compute_90): PTX compiles
    only for its own or a newer compute capability, so no JIT is coming there, and the slow
    start it warns of is not the story."""
    if release is None or not facts.knows("gpus") or not facts.gpus:
        return findings
    ccs = [g.compute_capability for g in facts.gpus]
    if not all(cc and query.cc_support(release, cc) == "unsupported" for cc in ccs):
        return findings
    return tuple(f for f in findings if f.id != "compute-capability-ptx-jit")
