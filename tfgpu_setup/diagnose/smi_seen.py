"""nvidia-smi's own table, printed after a shell said it found no nvidia-smi, outranks it.

A script calling nvidia-smi by a path it does not have ('/usr/bin/nvidia-smi' under WSL 2, where
it lives in /usr/lib/wsl/lib), or a shell without it on PATH, says nothing about the driver when
nvidia-smi then prints its table: the driver is there (review 49). A table printed before the
'not found' is an earlier state (a driver since removed, yesterday's runtime, Windows before
WSL 1), so it outranks nothing (review 50). A Jetson has no nvidia-smi before JetPack 6 at
all: there its absence says nothing about the driver either. Pure: matches and text in, matches
out.
"""

from __future__ import annotations

import re

from .logfacts import TEGRA
from .logs import LogMatch

_SMI_TABLE = re.compile(
    r"NVIDIA-SMI \d{2,3}\.\d{1,3}[\d.]{0,8}\s{1,40}Driver Version: ?\d{2,3}\.", re.MULTILINE
)
"""nvidia-smi's header: its own version, then the driver's."""
_SMI_MISSING = "nvidia-smi-missing"


def without_smi_missing_before_its_table(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less each shell's 'nvidia-smi not found' that nvidia-smi's table follows,
    and all of them on a Jetson."""
    if not any(m.signature.name == _SMI_MISSING for m in matches):
        return matches
    if TEGRA.search(text):
        return tuple(m for m in matches if m.signature.name != _SMI_MISSING)
    tables = [text.count("\n", 0, found.start()) + 1 for found in _SMI_TABLE.finditer(text)]
    if not tables:
        return matches
    last_table = max(tables)
    return tuple(
        m for m in matches if m.signature.name != _SMI_MISSING or m.line_number > last_table
    )
