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
    # its --query-gpu CSV ('0, GeForce GTX 1080 Ti, 11020 MiB, 11178 MiB': used, then total)
    r"|^[ \t]*\d{1,2}, [^,\n]{1,80}, (?P<csv_used>\d{1,7}) MiB,"
    r" (?P<csv_total>\d{3,7}) MiB[ \t]*\r?$"
    # TensorFlow 1.x's own reading of the device ('totalMemory: 10.92GiB freeMemory: 157.56MiB')
    r"|totalMemory: (?P<tf_total>\d{1,4}(?:\.\d{1,3})?)GiB freeMemory: "
    r"(?P<tf_free>\d{1,5}(?:\.\d{1,3})?)(?P<tf_unit>[MG])iB",
    re.M,
)
FULL_SHARE = 0.95
"""The share of a GPU's memory in use that leaves a CUDA context (a few hundred MiB) no room."""


def context_refused_on_a_full_gpu(text: str) -> list[Finding]:
    refused = _CONTEXT_REFUSED_BARE.search(text)
    if refused is None:
        return []
    full = next(
        (
            reading
            for m in _SMI_MEMORY_USED.finditer(text, 0, refused.start())
            if (reading := _used_of_total(m)) and reading[0] >= FULL_SHARE * reading[1]
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
                f"{full[0]:.0f}MiB of {full[1]:.0f}MiB in use",
                quoted(refused.group(0)),
            ),
            "Find what holds the memory in nvidia-smi's processes table (another TensorFlow,"
            " a notebook kernel left running) and stop it, or run on an idle GPU"
            " (CUDA_VISIBLE_DEVICES set to its index).",
            "https://github.com/tensorflow/tensorflow/issues/14475",
        )
    ]


def _used_of_total(reading: re.Match[str]) -> tuple[float, float] | None:
    """MiB in use and MiB in all, whichever way the reading gave them."""
    if reading["used"]:
        return float(reading["used"]), float(reading["total"])
    if reading["csv_used"]:
        return float(reading["csv_used"]), float(reading["csv_total"])
    total = float(reading["tf_total"]) * 1024
    free = float(reading["tf_free"]) * (1024 if reading["tf_unit"] == "G" else 1)
    return (total - free, total) if total > 0 else None
