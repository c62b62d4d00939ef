"""Change an env so that any failure, Ctrl-C or a kill leaves it as it was, or fully changed.

A virtualenv cannot be built elsewhere and moved into place: its scripts and pyvenv.cfg embed
its absolute path. So, as pipx does, the env is backed up beside itself, changed in place, and
restored from the backup on failure. Files beside `<venv>` (never inside it):

  .tfgpu-transaction  marker (JSON): a transaction is open; written atomically
  .tfgpu-backup       the env as it was before the transaction
  .tfgpu-previous     the env before the last successful apply, for rollback
  .tfgpu-discard-*    something being deleted (a unique name each time)

Invariant: while the marker exists, a backup that exists is complete. A copied backup gets the
marker after the copy; a moved one (--recreate) before the rename. A backup without a marker is
a copy cut short, and the env itself was not touched yet. The journal, written last inside the
env, names the transaction: an env whose journal names the open transaction is complete, so
recovery keeps it; any other state is rolled back. With --no-backup (mode "unprotected") there
is nothing to restore: a failure leaves the env as the failure left it, and says so.

The folder beside the env may be writable by others: nothing is written through a name there
(the marker is replaced atomically, discards get fresh names), and a marker or a kept env that
is not a real file or folder owned by this user is refused rather than trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ExitCode, UserError
from ..serde import DecodeError, from_jsonable, to_jsonable
from .journal import now, read_journal
from .safe_files import is_ours, write_atomically

Mode = Literal["fresh", "copy", "move", "unprotected"]
"""fresh: no env before; copy: change the env in place, backup copied; move: env replaced;
unprotected: change the env in place with no backup (--no-backup)."""

SPACE_MARGIN = 1.1
"""A backup copy needs the env's size and a tenth more free (metadata, the installer's work)."""


def sidecar(venv: Path, suffix: str) -> Path:
    return venv.with_name(f"{venv.name}.tfgpu-{suffix}")


def backup_path(venv: Path) -> Path:
    return sidecar(venv, "backup")


def previous_path(venv: Path) -> Path:
    return sidecar(venv, "previous")


def marker_path(venv: Path) -> Path:
    return sidecar(venv, "transaction")


def discard_prefix(venv: Path) -> str:
    return f"{venv.name}.tfgpu-discard-"


@dataclass(frozen=True)
class Marker:
    kind: Literal["apply", "rollback"]
    transaction: str
    mode: Mode
    pid: int
    started: str


@dataclass(frozen=True)
class Transaction:
    venv: Path
    marker: Marker

    @property
    def id(self) -> str:
        return self.marker.transaction


def new_transaction_id() -> str:
    return uuid.uuid4().hex


def _write_marker(venv: Path, marker: Marker) -> None:
    write_atomically(marker_path(venv), json.dumps(to_jsonable(marker)).encode(), 0o600)


def has_marker(venv: Path) -> bool:
    return os.path.lexists(marker_path(venv))


def _read_marker(venv: Path) -> Marker | None:
    path = marker_path(venv)
    if not os.path.lexists(path):
        return None
    if not is_ours(path, stat.S_IFREG):
        raise UserError(
            f"{path} is not a file of yours (a link, or another user's): tfgpu-setup will not "
            f"act on it; if no apply of yours is running, delete it and run this again",
            ExitCode.APPLY_FAILED,
        )
    try:
        return from_jsonable(Marker, json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, DecodeError):
        raise UserError(
            f"{path} is unreadable, so tfgpu-setup cannot tell which of {venv} and "
            f"{backup_path(venv)} is complete; keep the one you want at {venv}, then delete "
            f"{path} and {backup_path(venv)}",
            ExitCode.APPLY_FAILED,
        ) from None


def _remove_marker(venv: Path) -> None:
    marker_path(venv).unlink(missing_ok=True)


def _purge(path: Path) -> None:
    """Delete path; a link is removed, never followed."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _discard(path: Path) -> None:
    """Move `path` out of the way under a fresh unique name, then delete it.

    A fixed name could be a link someone planted; a name made by mkdtemp cannot be. A kill
    while deleting leaves `<venv>.tfgpu-discard-*`, which the next recovery deletes.
    """
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_dir():
        path.unlink()
        return
    fresh = Path(tempfile.mkdtemp(prefix=discard_prefix(path), dir=path.parent))
    os.rename(path, fresh)  # a folder may replace an empty folder
    shutil.rmtree(fresh)


def _purge_discards(venv: Path) -> None:
    for leftover in venv.parent.glob(glob_escape(discard_prefix(venv)) + "*"):
        if is_ours(leftover, stat.S_IFDIR):
            shutil.rmtree(leftover)


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _check_kept(path: Path, what: str) -> None:
    """A backup or previous env we are about to move into place must be our own folder."""
    if os.path.lexists(path) and not is_ours(path, stat.S_IFDIR):
        raise UserError(
            f"{path} ({what}) is not a folder of yours (a link, or another user's): "
            "tfgpu-setup will not move it into place; delete it and run this again",
            ExitCode.APPLY_FAILED,
        )


def env_size(venv: Path) -> int:
    """Bytes of the regular files under venv (links not followed)."""
    total = 0
    for dirpath, _dirnames, filenames in os.walk(venv):
        for name in filenames:
            try:
                info = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                total += info.st_size
    return total


def _gigabytes(size: float) -> str:
    return f"{size / 1e9:.1f} GB"


def _check_space_for_copy(venv: Path) -> None:
    needed = env_size(venv) * SPACE_MARGIN
    free = shutil.disk_usage(venv.parent).free
    if free < needed:
        raise UserError(
            f"not enough free space to back up {venv} before changing it: it needs about "
            f"{_gigabytes(needed)}, {_gigabytes(free)} is free on {venv.parent}; free some "
            "space, or apply with --no-backup (a failure then leaves the env half-changed "
            "and rollback has nothing to return to)",
            ExitCode.APPLY_FAILED,
        )


def _copy_backup(venv: Path, backup: Path) -> None:
    try:
        shutil.copytree(venv, backup, symlinks=True)
    except shutil.Error as exc:
        # copytree gathers every failed file into one list; the first says why.
        errors = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
        first = str(errors[0][2]) if errors and len(errors[0]) > 2 else str(exc)[:200]
        raise UserError(
            f"cannot back up {venv} to {backup}: {first} ({len(errors)} files failed); "
            "free some space or apply with --no-backup",
            ExitCode.APPLY_FAILED,
        ) from None
    except OSError as exc:
        raise UserError(
            f"cannot back up {venv} to {backup}: {exc.strerror or exc}; "
            "free some space or apply with --no-backup",
            ExitCode.APPLY_FAILED,
        ) from None


@contextmanager
def transaction(venv: Path, mode: Mode) -> Iterator[Transaction]:
    """Back up, yield, then keep the change (block finished) or restore (anything raised)."""
    txn = begin(venv, mode)
    try:
        yield txn
    except BaseException:
        abort(txn)
        raise
    commit(txn)


def begin(venv: Path, mode: Mode) -> Transaction:
    marker = Marker("apply", new_transaction_id(), mode, os.getpid(), now())
    backup = backup_path(venv)
    if mode == "copy":
        _purge(backup)
        _check_space_for_copy(venv)
        try:
            _copy_backup(venv, backup)
        except BaseException:
            _purge(backup)
            raise
        _write_marker(venv, marker)
    elif mode == "move":
        _purge(backup)
        _write_marker(venv, marker)
        os.rename(venv, backup)
    else:
        _write_marker(venv, marker)
    return Transaction(venv, marker)


def abort(txn: Transaction) -> None:
    """Put the env back as it was before `begin`."""
    venv, backup = txn.venv, backup_path(txn.venv)
    if txn.marker.mode == "fresh":
        _discard(venv)
    elif txn.marker.mode != "unprotected" and backup.exists():
        _check_kept(backup, "the backup of the env")
        _discard(venv)
        os.rename(backup, venv)
    _remove_marker(venv)


def is_complete(txn: Transaction) -> bool:
    """The env's journal names this transaction: the change is done and must be kept."""
    journal = read_journal(txn.venv) if os.path.lexists(txn.venv) else None
    return journal is not None and journal.transaction == txn.id


def commit(txn: Transaction) -> None:
    """Keep the change; the env as it was becomes `.tfgpu-previous` (for rollback)."""
    venv, backup, previous = txn.venv, backup_path(txn.venv), previous_path(txn.venv)
    if txn.marker.mode in ("copy", "move") and backup.exists():
        _discard(previous)
        os.rename(backup, previous)
    _remove_marker(venv)


def recover(venv: Path) -> str | None:
    """Finish or undo what a killed apply or rollback left; say what was done (None: nothing).

    Call with the env's lock held.
    """
    marker = _read_marker(venv)
    backup = backup_path(venv)
    note: str | None = None
    if marker is None:
        if os.path.lexists(backup):
            _purge(backup)  # a copy cut short: the env was not touched yet
    elif marker.kind == "apply":
        txn = Transaction(venv, marker)
        completed = is_complete(txn)
        who = f"an apply (pid {marker.pid}, started {marker.started}) was interrupted"
        if completed:
            commit(txn)
            note = f"{who} after it had finished; its result is kept"
        elif marker.mode == "unprotected":
            _remove_marker(venv)
            note = (
                f"{who}; it ran with --no-backup, so {venv} may be half-changed: "
                "apply again to finish it"
            )
        elif marker.mode == "fresh" or backup.exists():
            abort(txn)
            note = f"{who}; {venv} was restored to how it was before it"
        else:
            _remove_marker(venv)  # it died before touching the env
    else:
        note = _recover_rollback(venv)
    _purge_discards(venv)
    return note


def swap_previous(venv: Path) -> None:
    """Rollback: `.tfgpu-previous` becomes the env and the env becomes `.tfgpu-previous`.

    Three renames under a 'rollback' marker; recovery undoes or finishes a cut-short swap.
    """
    backup, previous = backup_path(venv), previous_path(venv)
    _check_kept(previous, "the env kept for rollback")
    _write_marker(venv, Marker("rollback", new_transaction_id(), "move", os.getpid(), now()))
    try:
        had_current = os.path.lexists(venv)
        if had_current:
            os.rename(venv, backup)
        os.rename(previous, venv)
        if had_current:
            os.rename(backup, previous)
    except BaseException:
        _recover_rollback(venv)
        raise
    _remove_marker(venv)


def _recover_rollback(venv: Path) -> str:
    backup, previous = backup_path(venv), previous_path(venv)
    _check_kept(backup, "the env being swapped by rollback")
    if backup.exists() and not os.path.lexists(venv):
        os.rename(backup, venv)
        note = f"an interrupted rollback was undone; {venv} is as it was before it"
    elif backup.exists() and not os.path.lexists(previous):
        os.rename(backup, previous)
        note = "an interrupted rollback was finished"
    elif backup.exists():
        raise UserError(
            f"{venv}, {backup} and {previous} all exist after an interrupted "
            f"rollback; keep the env you want at {venv} and delete {backup}",
            ExitCode.APPLY_FAILED,
        )
    else:
        note = "an interrupted rollback had finished"
    _remove_marker(venv)
    return note
