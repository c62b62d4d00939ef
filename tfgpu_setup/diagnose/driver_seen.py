"""The driver seen finding a GPU, against the shell's other lines about the driver.

TensorFlow lists a GPU's properties (or its NUMA node) only once the driver enumerated it, and
nvidia-smi lists a GPU only through a working driver (under WSL 2, through /usr/lib/wsl/lib).
Another program's line about the driver in the same paste (`ls` finding no /usr/lib/wsl/lib
on a Linux machine, `modprobe` finding no module inside WSL 2, apt refused or later purged a
Linux driver there) then says nothing of why TensorFlow has no GPU (review 100). Pure: findings
in, findings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..findings import Finding
from .device_evidence import DRIVER_FOUND_A_GPU
from .logs import LogMatch
from .signatures.driver import CUDNN_NEEDS_LIBCUDA_SOURCE
from .sources import quoted
from .weigh import demoted, noted

_SMI_LISTED = re.compile(
    # 'nvidia-smi -L' ('GPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-...)'), or its table's row
    # ('|   0  NVIDIA GeForce RTX 3090     Off | 00000000:01:00.0  On |')
    r"^[> \t]*GPU \d{1,2}: [A-Za-z][^\n(]{2,60}? \(UUID: GPU-"
    r"|^\|\s{1,4}\d{1,2}\s+[A-Za-z][^|\n]{2,40}?\s+(?:On|Off)\s+\|\s+[0-9A-Fa-f]{4,8}:",
    re.MULTILINE,
)
_SHELL_DRIVER_READINGS = frozenset({"wsl-libcuda-missing", "wsl-linux-driver-installed"})
"""Driver findings read from the shell's lines (ls, modprobe, apt), not from TensorFlow's."""
_TENSORFLOWS_RECORD = ("tensorflow/", "external/local_xla/", "xla/stream_executor/")


def driver_found_a_gpu(matches: Sequence[LogMatch], text: str) -> str:
    """The line showing the driver found a GPU: TensorFlow's own, or nvidia-smi's ('' where
    there is none)."""
    own = next(
        (
            m.line
            for m in matches
            if m.signature.name in DRIVER_FOUND_A_GPU
            and any(p in m.line for p in _TENSORFLOWS_RECORD)
        ),
        "",
    )
    listed = _SMI_LISTED.search(text) if not own else None
    return own or (listed.group(0).strip() if listed else "")


def shell_driver_readings_refuted(
    findings: tuple[Finding, ...], matches: Sequence[LogMatch], text: str
) -> tuple[Finding, ...]:
    """The driver findings read from the shell's lines, as notes, where TensorFlow or
    nvidia-smi shows the driver found a GPU."""
    found = driver_found_a_gpu(matches, text)
    if not found:
        return findings
    because = "but the driver found a GPU: " + quoted(found)[:200]

    titles = {
        f.title
        for f in findings
        if f.id in _SHELL_DRIVER_READINGS
        and not any(p in e for e in f.evidence for p in _TENSORFLOWS_RECORD)
        # (cuDNN's own words at work, after the driver found the GPU by necessity: review 120)
        and f.source != CUDNN_NEEDS_LIBCUDA_SOURCE
    }

    def refuted(f: Finding) -> bool:
        return f.title in titles

    return noted(demoted(findings, refuted, because), refuted)


_SHELL_DRIVER_LINES = frozenset({"wsl-lib-folder-missing", "nvidia-module-not-loadable"})
"""The shell's own lines about the driver: ls finding no /usr/lib/wsl/lib, modprobe finding no
module (nvidia-smi's own lines are its reading, not these)."""


def without_shell_driver_lines(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less the shell's lines saying the driver is missing (ls, modprobe), where
    TensorFlow or nvidia-smi shows the driver found a GPU: set aside before TensorFlow's own
    failure is read, which they would otherwise explain away (review 101: modprobe inside WSL 2
    hid the libraries TensorFlow could not load)."""
    if not driver_found_a_gpu(matches, text):
        return matches
    return tuple(m for m in matches if m.signature.name not in _SHELL_DRIVER_LINES)
