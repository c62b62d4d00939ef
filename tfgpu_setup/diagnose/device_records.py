"""TensorFlow's records of the GPU devices it made and of the allocation that failed on one,
read by the memory readings (memory_asked, oom_sizes, empty_process_table)."""

from __future__ import annotations

import re

DEVICE_CREATED = re.compile(
    # 2.5 on: 'Created device /job:.../device:GPU:1 with 1024 MB memory:  -> device: 0, name:';
    # before: 'Created TensorFlow device (/job:.../device:GPU:1 with 1024 MB memory) ->
    # physical GPU (device: 0, name: ...'
    r"/(?:device:GPU|gpu):(?P<index>\d{1,3}) with (?P<mb>\d{1,7}) MB memory\)?:?\s{0,4}->"
    r"\s{0,4}(?:physical GPU \()?device: (?P<physical>\d{1,3}),"
)
"""A GPU device TensorFlow made: its index, the memory it got (MB), the physical GPU (CUDA's
ordinal) under it."""
FAILED_ALLOCATION = re.compile(
    r"\(GPU_(?P<gpu>\d{1,2})_bfc\) ran out of memory(?: trying to allocate"
    r" (?P<size>[\d.]{1,12})\s?(?P<unit>[KMGT]?i?B))?"
)
"""The allocator of TensorFlow's GPU device N giving up, with the request's size where shown."""
