"""Change an env so that any failure, Ctrl-C or a kill leaves it as it was, or fully changed.

A virtualenv cannot be built elsewhere and moved into place: its scripts and pyvenv.cfg embed
its absolute path. So, as pipx does, the env is backed up beside itself, changed in place, and
restored from the backup on failure. Files beside `<venv>` (never inside it):

  .tfgpu-transaction  marker (JSON): a transaction is open; written atomically
  .tfgpu-backup       the env as it was before the transaction
  .tfgpu-previous     the env before the last successful apply, for rollback
  .tfgpu-discard      something being deleted

Invariant: while the marker exists, a backup that exists is complete. A copied backup gets the
marker after the copy; a moved one (--recreate) before the rename. A backup without a marker is
a copy cut short, and the env itself was not touched yet. The journal, written last inside the
env, names the transaction: an env whose journal names the open transaction is complete, so
recovery keeps it; any other state is rolled back.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ExitCode, UserError
from ..serde import DecodeError, from_jsonable, to_jsonable
from .journal import now, read_journal

Mode = Literal["fresh", "copy", "move"]
"""fresh: no env before; copy: change the env in place, backup copied; move: env replaced."""


def sidecar(venv: Path, suffix: str) -> Path:
    return venv.with_name(f"{venv.name}.tfgpu-{suffix}")


def backup_path(venv: Path) -> Path:
    return sidecar(venv, "backup")


def previous_path(venv: Path) -> Path:
    return sidecar(venv, "previous")


def marker_path(venv: Path) -> Path:
    return sidecar(venv, "transaction")


def discard_path(venv: Path) -> Path:
    return sidecar(venv, "discard")


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
    path = marker_path(venv)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(to_jsonable(marker)), encoding="utf-8")
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _read_marker(venv: Path) -> Marker | None:
    path = marker_path(venv)
    if not path.exists():
        return None
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
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


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
        try:
            shutil.copytree(venv, backup, symlinks=True)
        except BaseException:
            _purge(backup)
            raise
        _write_marker(venv, marker)
    elif mode == "move":
        _write_marker(venv, marker)
        os.rename(venv, backup)
    else:
        _write_marker(venv, marker)
    return Transaction(venv, marker)


def abort(txn: Transaction) -> None:
    """Put the env back as it was before `begin`."""
    venv, backup = txn.venv, backup_path(txn.venv)
    if txn.marker.mode == "fresh":
        if os.path.lexists(venv):
            _purge(discard_path(venv))
            os.rename(venv, discard_path(venv))
    elif backup.exists():
        if os.path.lexists(venv):
            _purge(discard_path(venv))
            os.rename(venv, discard_path(venv))
        os.rename(backup, venv)
    _remove_marker(venv)
    _purge(discard_path(venv))


def commit(txn: Transaction) -> None:
    """Keep the change; the env as it was becomes `.tfgpu-previous` (for rollback)."""
    venv, backup, previous = txn.venv, backup_path(txn.venv), previous_path(txn.venv)
    discard = discard_path(venv)
    if os.path.lexists(previous):
        _purge(discard)
        os.rename(previous, discard)
    if txn.marker.mode != "fresh" and backup.exists():
        os.rename(backup, previous)
    _remove_marker(venv)
    _purge(discard)


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
        journal = read_journal(venv) if os.path.lexists(venv) else None
        completed = journal is not None and journal.transaction == marker.transaction
        who = f"an apply (pid {marker.pid}, started {marker.started}) was interrupted"
        if completed:
            commit(txn)
            note = f"{who} after it had finished; its result is kept"
        elif marker.mode == "fresh" or backup.exists():
            abort(txn)
            note = f"{who}; {venv} was restored to how it was before it"
        else:
            _remove_marker(venv)  # it died before touching the env
    else:
        note = _recover_rollback(venv)
    _purge(discard_path(venv))
    return note


def swap_previous(venv: Path) -> None:
    """Rollback: `.tfgpu-previous` becomes the env and the env becomes `.tfgpu-previous`.

    Three renames under a 'rollback' marker; recovery undoes or finishes a cut-short swap.
    """
    backup, previous = backup_path(venv), previous_path(venv)
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
