"""CUDA's context refused on a GPU whose memory nvidia-smi shows all but taken.

TensorFlow 1.x logs 'failed call to cuDevicePrimaryCtxRetain' when the driver cannot create
its context on the GPU; the error code after it is what says why, and pastes (an issue's
title, a cut line) often lose it. Beside nvidia-smi's table showing the GPU's memory all but
used, the context had no memory to start in (tensorflow#14475). Pure: text in, findings out.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

_CONTEXT_REFUSED_BARE = re.compile(
    r"failed call to cuDevicePrimaryCtxRetain(?![:\w]?[ \t]*CUDA_ERROR_)[^\n]{0,40}$", re.M
)
"""The context refused, the driver's error code not kept (a code is read by its signature)."""
_SMI_MEMORY_USED = re.compile(
    r"\|[ \t]{0,40}(?P<used>\d{1,7})MiB / {0,3}(?P<total>\d{3,7})MiB[ \t]{0,40}\|"
)
FULL_SHARE = 0.95
"""The share of a GPU's memory in use that leaves a CUDA context (a few hundred MiB) no room."""


def context_refused_on_a_full_gpu(text: str) -> list[Finding]:
    refused = _CONTEXT_REFUSED_BARE.search(text)
    if refused is None:
        return []
    full = next(
        (
            m
            for m in _SMI_MEMORY_USED.finditer(text, 0, refused.start())
            if int(m["used"]) >= FULL_SHARE * int(m["total"])
        ),
        None,
    )
    if full is None:
        return []
    return [
        Finding(
            "gpu-out-of-memory",
            Severity.ERROR,
            "CUDA could not create its context on the GPU, whose memory was all but taken",
            (
                f"nvidia-smi: {full['used']}MiB of {full['total']}MiB in use",
                quoted(refused.group(0)),
            ),
            "Find what holds the memory in nvidia-smi's processes table (another TensorFlow,"
            " a notebook kernel left running) and stop it, or run on an idle GPU"
            " (CUDA_VISIBLE_DEVICES set to its index).",
            "https://github.com/tensorflow/tensorflow/issues/14475",
        )
    ]
