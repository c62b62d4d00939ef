"""CUDA's 'invalid device function' on a GPU the build has kernels for.

The error means the loaded CUDA code holds no kernel the GPU can run. That is either a GPU the
build was not compiled for, or a CUDA runtime other than the build's (a renamed or linked
libcudart of another version: lightvector/KataGo#325, CUDA 10.2 under a build for 10.0). Where
every release the log fits runs on the GPU (its kernels or PTX), only the runtime is left, and a
CUDA version mismatch the facts show is the cause.
"""

from __future__ import annotations

import dataclasses

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import TfRelease
from .logs import LogMatch
from .published import release_span
from .weigh import contradicted

INVALID_DEVICE_FUNCTION = "invalid-device-function"


def invalid_function_on_a_served_gpu(
    findings: tuple[Finding, ...],
    facts: Facts,
    matches: tuple[LogMatch, ...],
    releases: tuple[TfRelease, ...],
) -> tuple[Finding, ...]:
    if not releases or not any(m.signature.name == INVALID_DEVICE_FUNCTION for m in matches):
        return findings
    if not (facts.knows("gpus") and facts.gpus):
        return findings
    capabilities = {g.compute_capability for g in facts.gpus}
    if None in capabilities or not any(f.id == "cuda-version-mismatch" for f in findings):
        return findings
    served = sorted(c for c in capabilities if c is not None)
    if any(query.cc_support(r, cc) == "unsupported" for r in releases for cc in served):
        return findings
    span = release_span(releases)
    built_for = (
        f"TensorFlow {span} has kernels for compute capability {', '.join(served)} (its own or"
        " PTX the driver compiles)"
    )
    findings = contradicted(
        findings,
        frozenset({"compute-capability-unsupported"}),
        f"but {built_for}: the CUDA runtime it loaded is the likelier reason",
    )
    because = (
        f"the GPU could not run a kernel (invalid device function), although {built_for}:"
        " a CUDA runtime other than the build's does that"
    )
    return tuple(
        dataclasses.replace(f, severity=Severity.ERROR, evidence=(because, *f.evidence))
        if f.id == "cuda-version-mismatch"
        else f
        for f in findings
    )
