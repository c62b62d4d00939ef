"""nvidia-smi's own table outranks a shell saying it found no nvidia-smi.

A script calling nvidia-smi by a path it does not have ('/usr/bin/nvidia-smi' under WSL 2, where
it lives in /usr/lib/wsl/lib), or a second shell without it on PATH, says nothing about the
driver when the same paste shows nvidia-smi printing its table: the driver is there (review 49).
Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch

_SMI_TABLE = re.compile(r"NVIDIA-SMI \d{2,3}\.\d{1,3}[\d.]{0,8}\s{1,40}Driver Version: ?\d{2,3}\.")
"""nvidia-smi's header: its own version, then the driver's."""
_SMI_MISSING = "nvidia-smi-missing"


def without_smi_missing_beside_its_table(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less the shell's 'nvidia-smi not found' where nvidia-smi's table shows."""
    if not any(m.signature.name == _SMI_MISSING for m in matches):
        return matches
    if not _SMI_TABLE.search(text):
        return matches
    return tuple(m for m in matches if m.signature.name != _SMI_MISSING)
