"""Pinned host memory running out on a Jetson, whose GPU shares the system's memory.

There TensorFlow's default reservation of most of the GPU's memory takes the same RAM the
pinned (page-locked) host buffers need, so memory growth, which does nothing for a discrete
GPU's pinned buffers, is the fix (review 95: a TX2 whose 'failed to alloc ... bytes on host:
CUDA_ERROR_UNKNOWN' went with allow_growth).
"""

from __future__ import annotations

import dataclasses

from ..facts import Facts
from ..findings import Finding
from .logfacts import LogFacts

PINNED_TITLE_START = "Pinned (page-locked) host memory ran out"
JETSON_FIX = (
    "On a Jetson the GPU and the CPU share one memory: TensorFlow's default reservation of"
    " GPU memory leaves pinned host buffers none. Enable memory growth"
    " (TF_FORCE_GPU_ALLOW_GROWTH=true, or tf.config.experimental.set_memory_growth; TF 1.x:"
    " config.gpu_options.allow_growth = True) or cap TensorFlow's share"
    " (per_process_gpu_memory_fraction, a logical device's memory_limit), and keep batches and"
    " prefetch buffers small; 'tegrastats' shows the RAM in use."
)
TEGRA_HOST_CODE = "bytes on host: CUDA_ERROR_UNKNOWN"


def pinned_memory_on_a_jetson(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts, text: str, jetson: str
) -> tuple[Finding, ...]:
    """The pinned-memory finding's fix for a Jetson (one shown), or with both branches on an
    aarch64 machine whose driver answered with Tegra's CUDA_ERROR_UNKNOWN."""
    pinned = next((f for f in findings if f.title.startswith(PINNED_TITLE_START)), None)
    if pinned is None:
        return findings
    arm = facts.knows("arch") and facts.platform.arch in ("aarch64", "arm64")
    if jetson:
        fix = JETSON_FIX
    elif arm and TEGRA_HOST_CODE in text:
        fix = f"{JETSON_FIX} On a discrete GPU instead: {pinned.fix}"
    else:
        return findings
    return tuple(dataclasses.replace(f, fix=fix) if f is pinned else f for f in findings)
