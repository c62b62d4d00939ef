"""A GPU newer than the CUDA a release was built with, at work in the log: PTX JIT at start-up.

The planner does not choose such a release for such a GPU (tensorflow#42958: CUDA 10's cuBLAS and
cuDNN have no code for Ampere). A log where TensorFlow created the device and nothing failed after
it shows the other half of that story: TensorFlow's own PTX was JIT-compiled and work started,
slowly (DeepLabCut#944). What the log shows is the slow start; the library failure is what to
watch for. A log that stops before the device, with the GPU found or its libraries loaded and
nothing failed, is the same start still compiling: creating the device is the step that takes
minutes (tensorflow#45635, #48069: RTX 30 cards under 2.1, slow, then working)."""

from __future__ import annotations

import dataclasses

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import LIBRARIES_PREDATE_GPU_SOURCE, arch_defect
from .device_evidence import DRIVER_FOUND_A_GPU
from .logs import LogMatch
from .signatures.model import BENIGN

UNSUPPORTED = "compute-capability-unsupported"


CREATED = "but the log shows the GPU device created and nothing failing on it after"
STARTING = (
    "but the log shows TensorFlow starting on the GPU (found, or its CUDA libraries loaded) and"
    " nothing failing, and stops before the device is created: the step the JIT makes slow"
)


def jit_at_start(
    findings: tuple[Finding, ...],
    facts: Facts,
    release: TfRelease | None,
    matrix: Matrix,
    shown: str = CREATED,
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
    return tuple(_as_jit(f, release, shown) if f.id == UNSUPPORTED else f for f in findings)


def _as_jit(finding: Finding, release: TfRelease, shown: str) -> Finding:
    ran = "it ran after" if shown == CREATED else "it runs only after"
    return dataclasses.replace(
        finding,
        id="compute-capability-ptx-jit",
        severity=Severity.WARNING,
        title=(
            f"TensorFlow {release.version} has no native kernels for this GPU: {ran}"
            " JIT-compiling its PTX, which makes the start slow"
        ),
        evidence=(*finding.evidence, shown),
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


STARTED_ON_THE_GPU = DRIVER_FOUND_A_GPU | {"library-loaded"}
"""Lines of TensorFlow starting on a GPU: its CUDA libraries opened, the driver listing it."""


def stalled_in_the_jit(
    findings: tuple[Finding, ...],
    facts: Facts,
    release: TfRelease | None,
    matrix: Matrix,
    matches: tuple[LogMatch, ...],
) -> tuple[Finding, ...]:
    """A log that stops before the device, where TensorFlow started on a GPU newer than its
    build (found it, or loaded its libraries) and no line failed: the JIT is still compiling
    (the caller: no device seen, no GPU answered absent). Only where the facts' 'no kernels'
    is the one error: anything else named stands."""
    if not any(m.signature.name in STARTED_ON_THE_GPU for m in matches):
        return findings
    if any(m.signature.finding_id not in (None, BENIGN) for m in matches):
        return findings
    errors = {f.id for f in findings if f.severity is Severity.ERROR}
    if errors != {UNSUPPORTED} or findings[0].id != UNSUPPORTED:
        return findings
    return jit_at_start(findings, facts, release, matrix, STARTING)
