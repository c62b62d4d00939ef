"""Where libcuda.so.1 (the driver's user-space library, which TensorFlow dlopens) lives.

On WSL2 it must come from the Windows driver under /usr/lib/wsl/lib; a copy elsewhere means a
Linux driver was installed inside WSL2 and shadows it.
"""

from __future__ import annotations

from ..facts import Note
from ..host import Host
from . import reading
from .libraries import loader_cache

WSL_LIBCUDA = "/usr/lib/wsl/lib/libcuda.so.1"


def probe_libcuda(host: Host) -> tuple[tuple[str, ...], tuple[Note, ...]]:
    found: list[str] = []
    if reading.exists(host, WSL_LIBCUDA):
        found.append(WSL_LIBCUDA)
    entries, note = loader_cache(host, "libcuda")
    found.extend(
        path for name, path in entries if name.startswith("libcuda.so") and path not in found
    )
    return tuple(found), (note,) if note else ()
