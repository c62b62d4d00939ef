"""nvidia-smi's own output, printed after a shell said it found no nvidia-smi, outranks it.

A script calling nvidia-smi by a path it does not have ('/usr/bin/nvidia-smi' under WSL 2, where
it lives in /usr/lib/wsl/lib), or a shell without it on PATH, says nothing about the driver when
nvidia-smi then prints its table (or its list of GPUs, or the kernel module's version file
shows the driver loaded): the driver is there (review 49, review 120). A table printed before the
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
_DRIVER_AT_WORK = re.compile(
    # 'nvidia-smi -L' run by its full path, and the loaded kernel module's own version file
    r"^[ \t]*GPU \d{1,2}: [^\n]{1,120} \(UUID: GPU-"
    r"|^[ \t]*NVRM version: NVIDIA UNIX [\w-]{1,20} Kernel Module[ \t]+\d{2,4}\.\d"
    # the loaded module's version in sysfs, and lsmod's row for the module itself
    r"|/sys/module/nvidia/version[ \t]*\r?\n[ \t]*\d{2,4}\.\d"
    r"|^nvidia[ \t]+\d{4,9}[ \t]+\d",
    re.MULTILINE,
)
"""What only a working driver prints: nvidia-smi's list of GPUs, the module's version file."""
_WINDOWS_PROMPT = re.compile(r"^[ \t]*(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>", re.MULTILINE)
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
    tables = sorted(
        text.count("\n", 0, found.start()) + 1
        for pattern in (SMI_HEADER, _DRIVER_AT_WORK)
        for found in pattern.finditer(text)
    )

    def outranked(missing: LogMatch) -> bool:
        later = [t for t in tables if t > missing.line_number]
        if not later:
            return False
        between = "\n".join(lines[missing.line_number : later[0] - 1])
        # (from a Windows prompt, the next Windows prompt is the same machine's: review 120)
        on_windows = _WINDOWS_PROMPT.search(
            "\n".join(lines[max(missing.line_number - 2, 0) : missing.line_number])
        )
        return not any(
            not (on_windows and _WINDOWS_PROMPT.match(moved.group(0)))
            for moved in ANOTHER_MACHINE.finditer(between)
        )

    return tuple(m for m in matches if m.signature.name not in _SMI_MISSING or not outranked(m))
