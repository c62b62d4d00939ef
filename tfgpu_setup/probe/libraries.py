"""Shared libraries by file name: the loader cache (`ldconfig -p`) and versioned files in folders.

A library's version is in its file name: libcudart.so.12.2.140 is 12.2.140, and the soname
libcudart.so.12 names only the major. Probes never open the libraries themselves.
"""

from __future__ import annotations

import contextlib
import posixpath
import weakref
from dataclasses import dataclass
from typing import Any

from ..facts import Note
from ..host import Host
from . import reading

LDCONFIG_TIMEOUT_S = 3.0
LDCONFIG_FALLBACKS = ("/sbin/ldconfig", "/usr/sbin/ldconfig")


@dataclass(frozen=True)
class LibraryFile:
    path: str
    suffix: str
    """What follows '.so.' in the file name: '12.2.140', '12', '11.0'."""

    @property
    def release(self) -> tuple[int, ...]:
        return _numbers(self.suffix)


_READ: weakref.WeakKeyDictionary[Any, tuple[tuple[tuple[str, str], ...], str | None]] = (
    weakref.WeakKeyDictionary()
)
"""One `ldconfig -p` per host object: CUDA, cuDNN and libcuda probes all read the same cache."""


def loader_cache(host: Host, source: str) -> tuple[tuple[tuple[str, str], ...], Note | None]:
    """(name, path) pairs from `ldconfig -p`, or () and a note saying why there are none."""
    if not reading.is_linux(host):
        return (), None
    try:
        entries, problem = _READ[host]
    except (KeyError, TypeError):
        entries, problem = _read_loader_cache(host)
        with contextlib.suppress(TypeError):  # a host that cannot be weakly referenced
            _READ[host] = (entries, problem)
    return entries, Note(source, problem) if problem else None


def _read_loader_cache(host: Host) -> tuple[tuple[tuple[str, str], ...], str | None]:
    program = host.which("ldconfig") or next(
        (path for path in LDCONFIG_FALLBACKS if reading.exists(host, path)), None
    )
    if program is None:
        return (), "ldconfig not found; the loader cache was not read"
    result = host.run([program, "-p"], timeout=LDCONFIG_TIMEOUT_S)
    if not result.ok:
        return (), f"loader cache not read: {result.describe_failure()}"
    return parse_ldconfig(result.stdout), None


def parse_ldconfig(text: str) -> tuple[tuple[str, str], ...]:
    """Lines look like '\\tlibcudart.so.12 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/...'."""
    entries = []
    for line in text.splitlines():
        left, arrow, path = line.partition(" => ")
        if not arrow:
            continue
        name = left.strip().split(" (", 1)[0].strip()
        if name and path.strip():
            entries.append((name, path.strip()))
    return tuple(entries)


def soname_suffix(filename: str, stem: str) -> str | None:
    """'12.2.140' for ('libcudart.so.12.2.140', 'libcudart.so'); None for other libraries."""
    prefix = stem + "."
    if not filename.startswith(prefix):
        return None
    suffix = filename[len(prefix) :]
    return suffix if _numbers(suffix) else None


def versioned_files(host: Host, folder: str, stem: str) -> tuple[LibraryFile, ...]:
    """The most precisely versioned file of each major found in `folder`
    (libcudnn.so.8.9.7 rather than its links libcudnn.so.8 and libcudnn.so)."""
    best: dict[int, LibraryFile] = {}
    for path in reading.glob(host, f"{folder.rstrip('/')}/{stem}.*"):
        suffix = soname_suffix(posixpath.basename(path), stem)
        if suffix is None:
            continue
        found = LibraryFile(path, suffix)
        current = best.get(found.release[0])
        if current is None or len(found.release) > len(current.release):
            best[found.release[0]] = found
    return tuple(best[major] for major in sorted(best))


def library_folders(entries: tuple[tuple[str, str], ...], stem: str) -> tuple[str, ...]:
    """Folders holding `stem` in the loader cache, in cache order."""
    folders: dict[str, None] = {}
    for name, path in entries:
        if soname_suffix(name, stem) is not None:
            folders.setdefault(posixpath.dirname(path))
    return tuple(folders)


def _numbers(suffix: str) -> tuple[int, ...]:
    parts = suffix.split(".")
    if not all(part.isascii() and part.isdigit() for part in parts):
        return ()
    return tuple(int(part) for part in parts)
