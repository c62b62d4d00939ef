"""Pinned host memory running out on a Jetson, whose GPU shares the system's memory.

There TensorFlow's default reservation of most of the GPU's memory takes the same RAM the
pinned (page-locked) host buffers need, so memory growth, which does nothing for a discrete
GPU's pinned buffers, is the fix (review 95: a TX2 whose 'failed to alloc ... bytes on host:
CUDA_ERROR_UNKNOWN' went with allow_growth).

On a discrete GPU a small pinned buffer refused (a few KB), or refused with CUDA_ERROR_UNKNOWN
rather than CUDA_ERROR_OUT_OF_MEMORY, is no machine out of RAM either: the driver could not map it
beside TensorFlow's reservation of nearly all the GPU's memory, and memory growth mended it
(review 97: tensorflow-deeplab-v3-plus#8, 2304 bytes under TensorFlow 1.x's Session).
"""

from __future__ import annotations

import dataclasses
import re

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
_LARGE_ONLY = " For a large request, memory growth settings do not change this."
TEGRA_HOST_CODE = "bytes on host: CUDA_ERROR_UNKNOWN"
GROWTH_FIRST = (
    "CUDA could not lock even this host buffer: most often TensorFlow's default reservation of"
    " nearly all the GPU's memory left the driver no room to map it. Enable memory growth"
    " (TF_FORCE_GPU_ALLOW_GROWTH=true, or tf.config.experimental.set_memory_growth; TF 1.x:"
    " config.gpu_options.allow_growth = True) or cap TensorFlow's share"
    " (per_process_gpu_memory_fraction). If it persists: "
)
_PINNED_SIZE = re.compile(
    r"failed to alloc (\d{1,20}) bytes on host|could not allocate pinned host memory of size:"
    r" (\d{1,20})"
)
SMALL_REQUEST = 1 << 20
"""Bytes: a pinned request below this is no batch's buffer that ran the host out of RAM."""


_GROWTH_ON = re.compile(
    # (on a line that runs: not a comment, not a traceback's frame)
    r"^(?![ \t>]{0,12}(?:#|-{2,}>|File \"))[^\n#]{0,300}?(?:TF_FORCE_GPU_ALLOW_GROWTH=['\"]?true"
    r"|allow_growth\s*=\s*True|set_memory_growth\([^)\n]{0,80}True)",
    re.IGNORECASE | re.MULTILINE,
)
"""Memory growth already set in the paste: the reservation it prevents is no explanation."""
_HOST_KILLED = re.compile(
    r"\bOut of memory: Kill(?:ed)? process\b|\binvoked oom-killer\b|^[ \t]*Killed[ \t]*$", re.M
)
"""The kernel's out-of-memory killer, or the shell's word for it: the host's RAM ran out."""


def _small_or_unknown(text: str) -> bool:
    """Every pinned request the log shows refused is small, or, where it shows no size, CUDA
    answered CUDA_ERROR_UNKNOWN (not CUDA_ERROR_OUT_OF_MEMORY)."""
    if _GROWTH_ON.search(text) or _HOST_KILLED.search(text):
        return False  # (review 98: growth already on; the kernel killed it for the host's RAM)
    sizes = [int(a or b) for a, b in _PINNED_SIZE.findall(text)]
    if sizes:
        # (a request of tens of GB refused is the host's RAM, whatever CUDA answered: review 98)
        return max(sizes) < SMALL_REQUEST
    return TEGRA_HOST_CODE in text


def pinned_memory_fix(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts, text: str, jetson: str
) -> tuple[Finding, ...]:
    """The pinned-memory finding's fix for a Jetson (one shown), or with both branches on an
    aarch64 machine whose driver answered with Tegra's CUDA_ERROR_UNKNOWN; memory growth first
    for a small request or CUDA_ERROR_UNKNOWN elsewhere."""
    pinned = next((f for f in findings if f.title.startswith(PINNED_TITLE_START)), None)
    if pinned is None:
        return findings
    arm = facts.knows("arch") and facts.platform.arch in ("aarch64", "arm64")
    if jetson:
        fix = JETSON_FIX
    elif arm and TEGRA_HOST_CODE in text:
        fix = f"{JETSON_FIX} On a discrete GPU instead: {pinned.fix}"
    elif _small_or_unknown(text):
        rest = pinned.fix.removesuffix(_LARGE_ONLY)
        fix = GROWTH_FIRST + rest[:1].lower() + rest[1:]
    else:
        return findings
    return tuple(dataclasses.replace(f, fix=fix) if f is pinned else f for f in findings)
