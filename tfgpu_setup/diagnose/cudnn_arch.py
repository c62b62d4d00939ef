"""cuDNN refusing the GPU's architecture (CUDNN_STATUS_ARCH_MISMATCH) where the cuDNN loaded is
older than the GPU: the library, not the TensorFlow build, lacks its kernels, and the release
itself runs there with a newer cuDNN (2.21 on Blackwell with cuDNN 9.7 and newer). Pure: data
in, data out."""

from __future__ import annotations

from collections.abc import Sequence

from ..facts import Gpu
from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import newer_gpu_wheel_set
from ..versions import parsed
from .logs import LogMatch
from .sources import quoted

_CUDNN_REFUSED = ("CUDNN_STATUS_ARCH_MISMATCH", "CUDNN_STATUS_NOT_SUPPORTED_ARCH_MISMATCH")


def cudnn_older_than_the_gpu(
    findings: tuple[Finding, ...],
    gpus: Sequence[Gpu],
    cudnn_loaded: str | None,
    matches: Sequence[LogMatch],
    release: TfRelease | None,
    matrix: Matrix,
) -> tuple[Finding, ...]:
    """The compute-capability finding of a cuDNN architecture refusal becomes the cuDNN's own
    where the loaded cuDNN is older than the wheels the matrix pins for this GPU under this
    release; the memory reading of the same failed handle goes (the status names the cause)."""
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name == "no-kernel-image" and m.groups.get("what") in _CUDNN_REFUSED
        ),
        None,
    )
    if refusal is None or cudnn_loaded is None or release is None:
        return findings
    newest = max(
        (g for g in gpus if g.compute_capability),
        key=lambda g: parsed(g.compute_capability or "0"),
        default=None,
    )
    wheels = (
        newer_gpu_wheel_set(matrix, release, newest.compute_capability)
        if newest is not None and newest.compute_capability
        else None
    )
    if newest is None or wheels is None or parsed(cudnn_loaded) >= parsed(wheels.cudnn):
        return findings
    cudnn_pin = next((p for p in wheels.pins if p.startswith("nvidia-cudnn")), "nvidia-cudnn")
    mismatch = Finding(
        "cudnn-version-mismatch",
        Severity.ERROR,
        f"The cuDNN loaded ({cudnn_loaded}) has no kernels for the {newest.name} (compute"
        f" capability {newest.compute_capability}): cuDNN {wheels.cudnn} or newer has them",
        (quoted(refusal.line), f"cuDNN loaded: {cudnn_loaded}"),
        f"Install NVIDIA's CUDA {wheels.cuda} / cuDNN {wheels.cudnn} wheels, which TensorFlow"
        f" {release.version}'s [and-cuda] extra admits ({cudnn_pin}, with the rest of the set"
        " 'tfgpu-setup plan' pins), and take an older system cuDNN off the loader path.",
        "https://docs.nvidia.com/deeplearning/cudnn/latest/reference/support-matrix.html",
    )
    # the readings of the refusal's own line (no kernels in the build, memory taken) go
    line = refusal.line.strip()[:60]
    return (
        mismatch,
        *(
            f
            for f in findings
            if f.id != "cudnn-version-mismatch"
            and not (
                f.id in ("compute-capability-unsupported", "gpu-out-of-memory")
                and any(line in e for e in f.evidence)
            )
        ),
    )
