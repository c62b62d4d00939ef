"""XLA on a GPU newer than the CUDA the release was built with.

XLA compiles for the GPU it runs on through PTX of the ISA its own CUDA knew: a GPU whose
architecture came with a later CUDA (Blackwell's compute capability 12.0 with CUDA 12.8, under
TensorFlow 2.21's CUDA 12.5) is no target it can write for, so installing ptxas does not make
jit_compile work there (tensorflow#111958)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..findings import Finding
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..versions import parsed

XLA_BEHIND_SOURCE = "https://github.com/tensorflow/tensorflow/issues/111958"


def xla_behind_the_gpu(
    findings: tuple[Finding, ...],
    release: TfRelease | None,
    ccs: Sequence[str],
    matrix: Matrix,
) -> tuple[Finding, ...]:
    """The toolchain finding's fix, where the GPU is newer than the release's CUDA: ptxas alone
    would not do, XLA's compiles are what to leave off."""
    if release is None or release.cuda is None:
        return findings
    newer = next(
        (
            cc
            for cc in ccs
            if (first := query.first_cuda_with_code_for(matrix, cc)) is not None
            and parsed(release.cuda) < parsed(first)
        ),
        None,
    )
    if newer is None:
        return findings
    fix = (
        f"Installing ptxas does not make XLA work on this GPU: TensorFlow {release.version}'s XLA"
        f" writes PTX for CUDA {release.cuda}, which predates compute capability {newer}. Leave"
        " XLA's compiles off: jit_compile=False in model.compile (Keras 3's default 'auto'"
        " compiles model.fit with XLA) and no @tf.function(jit_compile=True); TensorFlow's own"
        " kernels still run on the GPU."
    )
    return tuple(
        dataclasses.replace(f, fix=fix, source=XLA_BEHIND_SOURCE)
        if f.id == "xla-toolchain-missing"
        else f
        for f in findings
    )


BUILT_WITH_TOOLKIT = (
    "of a CUDA toolkit of the version this TensorFlow was built with (it holds ptxas, ptxas.exe"
    " on Windows)"
)


def ptxas_for_the_gpu(
    findings: tuple[Finding, ...],
    release: TfRelease | None,
    ccs: Sequence[str],
    matrix: Matrix,
) -> tuple[Finding, ...]:
    """The toolkit the ptxas fix names, where the GPU came after the CUDA the release was built
    with: XLA compiles for the GPU's own compute capability, which only a ptxas of the CUDA
    that first targets it knows (review 98: an RTX 3080, sm_86, under 2.4's CUDA 11.0)."""
    if release is None or release.cuda is None:
        return findings
    for cc in ccs:
        first = query.first_cuda_naming(matrix, cc)
        if first is None or parsed(first) <= parsed(release.cuda):
            continue
        named = (
            f"of a CUDA toolkit {first} or newer (it holds ptxas; {first} is the first CUDA to"
            f" target compute capability {cc}, which XLA compiles for, and this TensorFlow's own"
            f" {release.cuda} does not; no newer than the driver supports)"
        )
        return tuple(
            dataclasses.replace(f, fix=f.fix.replace(BUILT_WITH_TOOLKIT, named))
            if f.id == "xla-toolchain-missing"
            else f
            for f in findings
        )
    return findings
