"""Readings of TensorFlow ignoring a GPU for its compute capability: a floor no PyPI build ever
had (a custom build for newer GPUs only), and XLA finding no supported device beside a GPU the
facts show the release has no kernels for. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses

from ..findings import Finding
from ..matrix.model import Matrix
from ..planner.evaluate import lowest_kernel
from ..versions import parsed
from .logs import LogMatch
from .weigh import contradicted, noted

_FLOOR_SIGNATURES = frozenset({"min-compute-capability", "min-compute-capability-unnamed"})


def floor_no_pypi_build_has(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...], matrix: Matrix
) -> tuple[Finding, ...]:
    """TensorFlow ignoring a GPU below a minimum compute capability that no PyPI build ever
    had (tensorflow#23385: 'The minimum required Cuda capability is 7.0' in a Docker image's
    build, for a GTX 1070): that build was made for newer GPUs only, so the fix is PyPI's build
    of the same release, not an older release."""
    refused = next((m for m in matches if m.signature.name in _FLOOR_SIGNATURES), None)
    if refused is None:
        return findings
    floors = [f for r in matrix.tensorflow.releases if (f := lowest_kernel(r)) is not None]
    if not floors:
        return findings
    highest = max(floors, key=parsed)
    minimum, cc = refused.groups.get("min_cc", ""), refused.groups.get("cc", "")
    try:
        above = parsed(minimum) > parsed(highest)
    except ValueError:
        return findings
    if not above:
        return findings
    fix = (
        f"No PyPI build of TensorFlow needs more than compute capability {highest}: this one"
        f" was built for {minimum} and newer GPUs only"
        " (a Docker image's, a community wheel or a source build with"
        f" TF_CUDA_COMPUTE_CAPABILITIES={minimum}). Install PyPI's TensorFlow of the same"
        " release ('tfgpu-setup plan' pins it), or build it with"
        f" TF_CUDA_COMPUTE_CAPABILITIES including {cc}."
    )
    return tuple(
        dataclasses.replace(f, fix=fix) if f.id == "compute-capability-unsupported" else f
        for f in findings
    )


XLA_NO_SUPPORTED_DEVICE = "xla-no-cuda-devices"


def unsupported_gpu_behind_xla(
    log_findings: tuple[Finding, ...], judged: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """XLA's 'no supported devices found for platform CUDA' beside a GPU the facts show this
    release has no kernels for: TensorFlow ignored that GPU, and XLA counts none supported, so
    the GPU's compute capability, not a hidden GPU, is the likelier reading (deezer/spleeter#310:
    a Quadro K420, compute capability 3.0)."""
    if not any(f.id == "compute-capability-unsupported" for f in judged):
        return log_findings
    hiding = {
        m.signature.name
        for m in matches
        if m.signature.finding_id == "cuda-visible-devices-hides-gpus"
    }
    if hiding != {XLA_NO_SUPPORTED_DEVICE}:
        return log_findings
    return noted(
        contradicted(log_findings, frozenset({"cuda-visible-devices-hides-gpus"}), ""),
        lambda f: f.id == "cuda-visible-devices-hides-gpus",
        "but the GPU stated has no kernels in this release: XLA finds no supported device when"
        " TensorFlow ignores the only GPU for its compute capability",
    )
