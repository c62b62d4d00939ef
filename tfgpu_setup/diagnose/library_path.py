"""LD_LIBRARY_PATH as a paste prints it, and what its order means for NVIDIA's pip wheels.

The loader searches LD_LIBRARY_PATH's folders in order, before the RUNPATH TensorFlow's build
uses to find NVIDIA's wheels. A folder holding CUDA's or conda's libraries ahead of a wheel's
own folder (site-packages/nvidia/cudnn/lib) lends the loader that folder's copy of a soname the
wheel ships too: the wheel is installed, and shadowed (tensorflow/docs#2251). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PRINTED = re.compile(
    r"(?:echo[ \t]+\"?\$\{?LD_LIBRARY_PATH\}?\"?|printenv[ \t]+LD_LIBRARY_PATH)[^\n]{0,40}\n"
    r"(?P<value>[^\n$]{1,2000})",
    re.MULTILINE,
)
"""'echo $LD_LIBRARY_PATH' (or printenv's) and the line it printed."""
LIBRARY_FOLDER = re.compile(
    r"cuda[\w.-]{0,20}/(?:lib64|lib|targets/[\w-]{1,40}/lib)/?$|/envs?/[^/]{1,80}/lib/?$"
    r"|/(?:ana|mini)conda3/lib/?$|/(?:miniforge3|mambaforge)/lib/?$"
    r"|^/usr/lib/(?:x86_64|aarch64)-linux-gnu/?$"
)
"""A folder on LD_LIBRARY_PATH that holds CUDA's, a conda environment's or the system's
libraries."""


def printed_library_path(text: str) -> str:
    """The value the paste's 'echo $LD_LIBRARY_PATH' printed; empty where it printed none."""
    found = _PRINTED.search(text)
    return found["value"].strip() if found else ""


@dataclass(frozen=True)
class WheelOnPath:
    """Where LD_LIBRARY_PATH lists one of NVIDIA's wheel folders."""

    folder: str
    """The wheel's own folder (site-packages/nvidia/<wheel>/lib)."""
    ahead: str | None
    """The first folder of CUDA's, conda's or the system's libraries listed before it; None
    where the wheel's folder comes first, so its own copy is what loads."""


def wheel_on_path(path: str, wheel: str) -> WheelOnPath | None:
    """Where LD_LIBRARY_PATH lists NVIDIA's wheel folder for this wheel ('cudnn'), and what it
    lists before it; None where it does not list that folder."""
    folders = [f for f in path.split(":") if f.strip()]
    own = re.compile(rf"/site-packages/nvidia/{re.escape(wheel)}/lib/?$")
    at = next((i for i, f in enumerate(folders) if own.search(f)), None)
    if at is None:
        return None
    return WheelOnPath(
        folders[at], next((f for f in folders[:at] if LIBRARY_FOLDER.search(f)), None)
    )


_LDCONFIG_ROW = re.compile(
    r"^[ \t]*(?P<soname>lib[\w+-]{1,40}\.so(?:\.\d{1,3})*) \([^)\n]{1,60}\) => "
    r"(?P<path>/[^\s]{1,300})[ \t]*$",
    re.MULTILINE,
)
"""A row of 'ldconfig -p': the soname, its flags, the file the loader's cache names."""


def copies_listed(text: str, library: str) -> tuple[str, ...]:
    """The files 'ldconfig -p' lists for one soname of this library ('libcudnn') in two or more
    folders: two copies on the loader's path, the first of which loads (() where the listing
    shows one, or none)."""
    by_soname: dict[str, dict[str, str]] = {}
    for row in _LDCONFIG_ROW.finditer(text):
        if not row["soname"].startswith(f"{library}.so"):
            continue
        folder = row["path"].rsplit("/", 1)[0]
        by_soname.setdefault(row["soname"], {}).setdefault(folder, row["path"])
    return next((tuple(paths.values()) for paths in by_soname.values() if len(paths) >= 2), ())
