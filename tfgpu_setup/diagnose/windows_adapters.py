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
    # (wmic run from cmd ends its rows with '\r\r\n', and may leave a blank row between them)
    r"\r*\n(?:[ \t]*\r*\n){0,2}[ \t]*Name[ \t]*\r*\n(?:[ \t]*-{4,}[ \t]*\r*\n)?"
    r"(?P<rows>(?:[^\n]{0,160}\n){1,16})",
    re.IGNORECASE,
)
_NVIDIA = re.compile(r"NVIDIA|GeForce|Quadro|Tesla|\bRTX\b|\bGTX\b|TITAN", re.IGNORECASE)
_NOT_AN_ADAPTER = re.compile(r"^[A-Za-z]:\\|^PS |>|\$ ")
"""A prompt or a path: the list ended."""
_WITHOUT_ITS_DRIVER = re.compile(
    r"Microsoft Basic Display Adapter|Standard VGA Graphics Adapter|Video Controller"
    r"|Microsoft Basic Render Driver",
    re.IGNORECASE,
)
"""Windows' names for a display adapter whose own driver is not installed: often the NVIDIA GPU
of a fresh installation."""
_VIRTUAL = re.compile(
    r"Hyper-V|VMware|VirtualBox|QXL|Google Compute|Amazon|Parallels|Red Hat VirtIO",
    re.IGNORECASE,
)
"""A hypervisor's adapter: the machine is a VM, where a GPU passed through need not be a display
adapter, so the list says nothing of one."""
_ADD_ON_DISPLAY = re.compile(
    r"Remote Display|Parsec|Indirect Display|Virtual Display|DameWare|spacedesk|DisplayLink"
    r"|Citrix|Meta Virtual Monitor|Oculus",
    re.IGNORECASE,
)
"""Display drivers software adds on a physical machine (remote desktops, streaming, USB and
virtual monitors): no GPU of their own, and no sign of a VM (review 96)."""
SOURCE = "https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-videocontroller"
DRIVER_DOWNLOADS = "https://www.nvidia.com/Download/index.aspx"


def no_nvidia_adapter_listed(text: str) -> list[Finding]:
    listing = _ADAPTERS.search(text)
    if listing is None:
        return []
    names = [n for n in _adapter_names(listing["rows"]) if not _ADD_ON_DISPLAY.search(n)]
    if not names or any(_NVIDIA.search(n) for n in names) or any(_VIRTUAL.search(n) for n in names):
        return []
    header = quoted(listing.group(0).splitlines()[0])
    if generic := next((n for n in names if _WITHOUT_ITS_DRIVER.search(n)), None):
        return [
            Finding(
                "no-nvidia-driver",
                Severity.WARNING,
                f"Windows lists a display adapter without its own driver ({generic}): often an"
                " NVIDIA GPU whose driver is not installed",
                (header, *(quoted(n) for n in names[:3])),
                "In Device Manager, that adapter's Properties > Details > Hardware Ids: VEN_10DE"
                " is NVIDIA. Then install NVIDIA's driver for the GPU (NVIDIA's download page or"
                " the laptop maker's), restart, and check that 'nvidia-smi' lists it.",
                DRIVER_DOWNLOADS,
            )
        ]
    return [
        Finding(
            "no-nvidia-gpu",
            Severity.ERROR,
            f"Windows lists its display adapters ({', '.join(names)[:160]}) and none is an"
            " NVIDIA GPU: this machine has none for CUDA to use",
            (header, *(quoted(n) for n in names[:3])),
            "No NVIDIA driver or CUDA install helps without an NVIDIA GPU: TensorFlow runs on"
            " the CPU here. For Intel or AMD graphics on Windows, TensorFlow 2.10 with Microsoft's"
            " tensorflow-directml-plugin is the GPU route; otherwise use a machine or cloud"
            " instance with an NVIDIA GPU.",
            SOURCE,
        )
    ]


def _adapter_names(rows: str) -> list[str]:
    """The rows up to a prompt, a path or two blank lines in a row."""
    names: list[str] = []
    blank = 0
    for line in rows.splitlines():
        row = line.strip(" \t\r")
        if not row:
            blank += 1
            if blank >= 2 and names:
                break
            continue
        if _NOT_AN_ADAPTER.search(row):
            break
        blank = 0
        names.append(row)
    return names[:8]
