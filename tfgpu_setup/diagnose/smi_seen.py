"""nvidia-smi's own table, printed after a shell said it found no nvidia-smi, outranks it.

A script calling nvidia-smi by a path it does not have ('/usr/bin/nvidia-smi' under WSL 2, where
it lives in /usr/lib/wsl/lib), or a shell without it on PATH, says nothing about the driver when
nvidia-smi then prints its table: the driver is there (review 49). A table printed before the
'not found' is an earlier state (a driver since removed, yesterday's runtime, Windows before
WSL 1), so it outranks nothing (review 50); nor does one another shell printed (a PowerShell
prompt, ssh, wsl, docker between the two: review 51). A Jetson, shown by its own output, has no
nvidia-smi before JetPack 6 at all: there its absence says nothing about the driver either.
Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logfacts import TEGRA_DEVICE_LINE, TEGRA_MACHINE_FILES
from .logs import LogMatch
from .machine_seen import ANOTHER_MACHINE, SMI_HEADER

_SMI_MISSING = frozenset({"nvidia-smi-missing", "nvidia-smi-missing-any-language"})
_IN_THE_CURRENT_FOLDER = re.compile(
    # (PowerShell 7 quotes the name)
    r"The command [\"']?nvidia-smi(?:\.exe)?[\"']? was not found, but does exist in the current"
    r" location"
)
_JETSON_OUTPUT = re.compile(
    # the machine's own output (its files, TensorFlow's device line, the release file's line of
    # a JetPack before 6), not a Jetson named in prose
    rf"{TEGRA_MACHINE_FILES}|{TEGRA_DEVICE_LINE}|^# R(?:2\d|3[0-5]) \(release\)",
    re.MULTILINE,
)


def without_smi_missing_before_its_table(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less each shell's 'nvidia-smi not found' that nvidia-smi's table follows,
    and all of them on a Jetson."""
    if not any(m.signature.name in _SMI_MISSING for m in matches):
        return matches
    if _JETSON_OUTPUT.search(text) or _IN_THE_CURRENT_FOLDER.search(text):
        # (PowerShell's own suggestion says the program is there, in the folder it ran in:
        # the NVSMI folder of older drivers; it only does not run programs from there)
        return tuple(m for m in matches if m.signature.name not in _SMI_MISSING)
    lines = text.split("\n")
    tables = [text.count("\n", 0, found.start()) + 1 for found in SMI_HEADER.finditer(text)]

    def outranked(missing: LogMatch) -> bool:
        later = [t for t in tables if t > missing.line_number]
        if not later:
            return False
        between = "\n".join(lines[missing.line_number : later[0] - 1])
        return ANOTHER_MACHINE.search(between) is None

    return tuple(m for m in matches if m.signature.name not in _SMI_MISSING or not outranked(m))
