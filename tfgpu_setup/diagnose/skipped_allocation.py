"""An allocation its caller gave up on, not work out of memory.

cuDNN's autotuner asks the GPU allocator for a scratch area to check convolutions for
out-of-bounds writes (the redzone). Where none is free, the allocator logs its 'ran out of
memory' record and its dump, and the caller says it skipped the check ('This is benign'): the
work goes on (review 97, composed from gpu_utils.cc's wording). Pure: matches and text in,
matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch, line_start

_SKIPPED = re.compile(
    r"Failed to allocate memory for convolution redzone checking; skipping this check"
)
_DUMP_LINE = re.compile(
    r"bfc_allocator\.cc:\d|^[ \t]*(?:Current allocation summary follows|If the cause is memory"
    r" fragmentation|Stats:|Limit:|InUse:|MaxInUse:|NumAllocs:|MaxAllocSize:|Reserved:"
    r"|PeakReserved:|LargestFreeBlock:|\*{4,}|[*_]{8,})|^[ \t]*\r?$"
)
"""A line of the allocator's record and dump of its chunks (some pasted without a prefix)."""
_WORK_FAILED = re.compile(r"OOM when allocating tensor|ResourceExhaustedError|RESOURCE_EXHAUSTED")


def without_allocations_skipped(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less the out-of-memory records of an allocation whose caller then said it
    skipped what the memory was for, where nothing after them shows work failing for memory."""
    skips = [text.count("\n", 0, s.start()) + 1 for s in _SKIPPED.finditer(text)]
    if not skips:
        return matches
    lines = text.split("\n")
    dropped: set[int] = set()
    for skip in skips:
        first = skip - 1
        while first > 1 and _DUMP_LINE.search(lines[first - 2]):
            first -= 1
        if _WORK_FAILED.search(text, line_start(text, first)):
            continue
        dropped.update(range(first, skip))
    return tuple(
        m
        for m in matches
        if not (m.signature.finding_id == "gpu-out-of-memory" and m.line_number in dropped)
    )
