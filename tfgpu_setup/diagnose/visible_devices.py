"""CUDA_VISIBLE_DEVICES as the log shows it changing: a setting that hid the GPUs and that the
same paste then undoes (unset, set to GPUs, or echoed again with GPUs) is not why what follows
failed. Pure: matches and text in, matches out."""

from __future__ import annotations

import re

from .logs import LogMatch, line_start

HIDES_GPUS = "cuda-visible-devices-hides-gpus"
_SHOWN_AGAIN = re.compile(
    r"\bunset[ \t]+CUDA_VISIBLE_DEVICES\b|\bdel[ \t]+os\.environ\[['\"]CUDA_VISIBLE_DEVICES"
    r"|\bpop\(['\"]CUDA_VISIBLE_DEVICES"
    # set to GPUs: indices, or the UUIDs 'nvidia-smi -L' prints
    r"|CUDA_VISIBLE_DEVICES(?:['\"]?\]?[ \t]*=|['\"]?:)[ \t]*['\"]?(?:\d|GPU-|MIG-)"
    # asked for and answered with GPUs on the next line
    r"|CUDA_VISIBLE_DEVICES\b[^\n]{0,40}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?['\"]?"
    r"(?:\d{1,2}(?:,\d{1,2}){0,15}|(?:GPU|MIG)-[\w/-]{1,80})['\"]?[ \t]*\r?$",
    re.MULTILINE,
)


def without_hiding_undone_later(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each line hiding the GPUs that a later line of the paste undoes."""
    hiding = [m for m in matches if m.signature.finding_id == HIDES_GPUS]
    if not hiding:
        return matches
    undone = {
        id(m)
        for m in hiding
        if _SHOWN_AGAIN.search(text, line_start(text, m.line_number + 1)) is not None
    }
    return tuple(m for m in matches if id(m) not in undone)
