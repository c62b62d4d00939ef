"""The sizes an out-of-memory record gives, weighed against the device it failed on.

TensorFlow's allocator prints its fragmentation hint (TF_GPU_ALLOCATOR=cuda_malloc_async) under
every failure since about 2.11, so the hint alone is no evidence of fragmentation: where the
request is at least half of what the device (or its allocator's limit) has, no allocator fits
it, and the work's size is the fix. Where the program split its GPU into logical devices, the
limit it gave them is (review 95).
"""

from __future__ import annotations

import dataclasses
import re

from ..findings import Finding
from .device_records import DEVICE_CREATED, FAILED_ALLOCATION
from .memory_asked import memory_limit_of, split_logical_devices
from .signatures.runtime import GPU_MEMORY_FIX, GPU_MEMORY_RAN_OUT

HINT_LEAD = "TensorFlow itself suggests its asynchronous allocator"
DUMP_TITLE_START = "TensorFlow's allocator dumped its memory map"
_LIMIT = re.compile(r"^[^\n]{0,120}?\bLimit:\s{1,40}(?P<bytes>\d{4,15})[ \t]*$", re.MULTILINE)
_UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}
TOO_LARGE_SHARE = 0.5


def sized_out_of_memory(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The first out-of-memory finding whose fix starts from TensorFlow's hint (or from the
    generic steps, beside logical devices), with the fix the sizes call for."""
    first = next((f for f in findings if f.id == "gpu-out-of-memory"), None)
    if first is None:
        return findings
    request = next((r for r in FAILED_ALLOCATION.finditer(text) if r["size"]), None)
    fix = None
    if request is not None:
        asked = float(request["size"]) * _UNITS.get(request["unit"], 1)
        capacity = _capacity(text, request)
        # (the failing allocator's own device split from a physical GPU, or a limit the code
        # sets: review 96, a split on another GPU says nothing of this one)
        logical = request["gpu"] in split_logical_devices(text) or memory_limit_of(
            text, _device_mb(text, request)
        )
        if logical and capacity:
            fix = (
                f"The program's own memory limit is the limit: its GPU device has"
                f" {capacity >> 20} MB, and one allocation asks"
                f" {request['size']}{request['unit']}. Raise memory_limit in"
                " tf.config.set_logical_device_configuration (or make fewer logical devices per"
                " GPU, or raise per_process_gpu_memory_fraction); memory growth cannot be set"
                " beside logical devices."
                + (
                    " A request larger than the card itself fits under no limit: reduce the"
                    " batch size or the input size (attention's memory grows with the square of"
                    " the sequence)."
                    if asked > capacity
                    else ""
                )
            )
        elif (
            capacity
            and asked >= TOO_LARGE_SHARE * capacity
            and first.fix.startswith((HINT_LEAD, GPU_MEMORY_FIX[:40]))
        ):
            fix = (
                f"The failed request ({request['size']}{request['unit']}) is"
                f" {round(100 * asked / capacity)}% of the {capacity >> 20} MB TensorFlow's GPU"
                " device has: no allocator setting fits it. Reduce the batch size or the input"
                " size (sequence length, image size; attention's memory grows with the square of"
                " the sequence), or use mixed precision. Where the device got far less than the"
                " card has, something else holds the rest (nvidia-smi lists it)."
            )
    if fix is None:
        return findings
    # (the allocator's dump, where it leads, says nothing the request's own record does not)
    title = GPU_MEMORY_RAN_OUT if first.title.startswith(DUMP_TITLE_START) else first.title
    return tuple(
        dataclasses.replace(f, fix=fix, title=title) if f is first else f for f in findings
    )


def _device_mb(text: str, request: re.Match[str]) -> int | None:
    """The memory TensorFlow's failing device got, as it created it (None where not shown)."""
    devices = {d["index"]: int(d["mb"]) for d in DEVICE_CREATED.finditer(text)}
    return devices.get(request["gpu"])


def _capacity(text: str, request: re.Match[str]) -> int:
    """Bytes the failing allocator had: its dump's Limit after the request, else the device's
    memory as TensorFlow created it; 0 where the paste shows neither."""
    limit = _LIMIT.search(text, request.end())
    if limit is not None:
        return int(limit["bytes"])
    devices = {d["index"]: int(d["mb"]) for d in DEVICE_CREATED.finditer(text)}
    mb = devices.get(request["gpu"])
    return mb << 20 if mb else 0
