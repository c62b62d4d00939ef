"""The display adapters Windows lists, pasted: none of them NVIDIA's is a machine without one.

'wmic path win32_VideoController get name' (and PowerShell's Win32_VideoController query) list
every display adapter Windows knows, a disabled one too (its driver missing or stopped). Where the
list is there and names no NVIDIA GPU, no driver install can help: the machine has none (an Intel
or AMD laptop), and the nvcuda.dll TensorFlow could not load is the consequence.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

_ADAPTERS = re.compile(
    r"(?:wmic(?:\.exe)? path win32_VideoController get name[^\n]{0,40}"
    r"|Win32_VideoController[^\n]{0,80}?(?:Select(?:-Object)?|\|)[^\n]{0,40}Name[^\n]{0,20})"
    r"\r?\n(?:[ \t]*\r?\n){0,2}[ \t]*Name[ \t]*\r?\n(?:[ \t]*-{4,}[ \t]*\r?\n)?"
    r"(?P<names>(?:[ \t]*[^\s\n][^\n]{0,120}\r?\n){1,8})",
    re.IGNORECASE,
)
_NVIDIA = re.compile(r"NVIDIA|GeForce|Quadro|Tesla|\bRTX\b|\bGTX\b|TITAN", re.IGNORECASE)
_NOT_AN_ADAPTER = re.compile(r"^[A-Za-z]:\\|^PS |>|\$ ")
"""A prompt or a path: the list ended."""
SOURCE = "https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-videocontroller"


def no_nvidia_adapter_listed(text: str) -> list[Finding]:
    listing = _ADAPTERS.search(text)
    if listing is None:
        return []
    names = []
    for line in listing["names"].splitlines():
        if not line.strip() or _NOT_AN_ADAPTER.search(line.strip()):
            break
        names.append(line.strip())
    if not names or any(_NVIDIA.search(n) for n in names):
        return []
    return [
        Finding(
            "no-nvidia-gpu",
            Severity.ERROR,
            f"Windows lists its display adapters ({', '.join(names)[:160]}) and none is an"
            " NVIDIA GPU: this machine has none for CUDA to use",
            (quoted(listing.group(0).splitlines()[0]), *(quoted(n) for n in names[:3])),
            "No NVIDIA driver or CUDA install helps without an NVIDIA GPU: TensorFlow runs on"
            " the CPU here. For Intel or AMD graphics on Windows, TensorFlow 2.10 with Microsoft's"
            " tensorflow-directml-plugin is the GPU route; otherwise use a machine or cloud"
            " instance with an NVIDIA GPU.",
            SOURCE,
        )
    ]
