"""Writes that never follow a link someone planted, and the checks that go with them.

An env often sits in a folder others can write to (a shared project folder, /tmp). Anything we
write there is either a fresh file with a unique name (O_EXCL, as mkstemp makes it) moved into
place with os.replace, which replaces a link at the target instead of writing through it, or is
opened with O_NOFOLLOW. What we read back to decide something (a transaction marker, a kept env)
must be ours: a real file or folder owned by the user running the tool.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def write_atomically(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Put `data` at `target` whole or not at all; a link at `target` is replaced, not followed."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)  # mkstemp creates 0600 whatever the umask
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def open_private(path: Path, flags: int) -> int:
    """os.open with O_NOFOLLOW and mode 0600: a link at `path` is an error, never a target."""
    return os.open(path, flags | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)


def is_ours(path: Path, kind: int) -> bool:
    """`path` is a real file (kind=stat.S_IFREG) or folder (stat.S_IFDIR) that we own."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_IFMT(info.st_mode) == kind and owner_ok


def private_dir(path: Path) -> Path:
    """Create `path` (mode 0700, parents too) or check the existing one is our own real folder."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not is_ours(path, stat.S_IFDIR):
        raise PermissionError(
            f"{path} is not a folder owned by this user (a link, or someone else's)"
        )
    return path
