"""One apply or rollback at a time per environment: an flock on a file keyed by the env.

The lock is not in the venv, because the venv may not exist yet and is moved aside during a
transaction, and not beside it, where it would litter the folder and, in a folder others can
write to, could be a planted link: it is in the user's private state folder (user_state.py),
opened with O_NOFOLLOW and never truncated through a name. The kernel drops an flock when its
holder dies, SIGKILL included, so a stale lock file never blocks anyone; the pid written in it
is only for the message. Commands apply starts inherit the lock (pass_fds) and die with apply
(install.py): the next apply cannot start restoring the env while an installer still writes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExitCode, UserError
from .safe_files import open_private
from .user_state import env_work_dir

DEFAULT_TIMEOUT_S = 5.0
_POLL_S = 0.05


def lock_path(venv: Path) -> Path:
    return env_work_dir(venv) / "lock"


@dataclass(frozen=True)
class HeldLock:
    path: Path
    fd: int
    """Pass to the commands apply starts so that they hold the lock as long as they run."""


@contextmanager
def env_lock(venv: Path, timeout: float = DEFAULT_TIMEOUT_S) -> Iterator[HeldLock]:
    """Hold the environment's lock for the block; wait up to `timeout` seconds for it."""
    import fcntl  # POSIX only; imported here so the rest of the tool still imports on Windows

    path = lock_path(venv)
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"{venv} is being changed by another tfgpu-setup (pid {_holder(fd)}, "
                        f"lock {path}); wait for it to finish and run this again",
                        ExitCode.LOCKED,
                    ) from None
                time.sleep(_POLL_S)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield HeldLock(path, fd)
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    text = os.pread(fd, 64, 0).decode("ascii", errors="replace").strip()
    if not text.isdigit():
        return "unknown"
    try:
        os.kill(int(text), 0)
    except ProcessLookupError:
        return f"{text}, which has exited; a command it started (pip, uv) still runs"
    except PermissionError:
        pass
    return text
