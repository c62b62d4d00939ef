"""apply_plan: carry out a Plan's steps on its virtualenv as one transaction; and rollback."""

from __future__ import annotations

import os
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from packaging.utils import canonicalize_name
from packaging.version import Version

from ..errors import ExitCode, UserError
from ..plan import Plan, Step, StepAction
from ..serde import to_jsonable
from . import install as installer_mod
from . import venv as venv_mod
from .activate import render_posix, write_activate_scripts
from .journal import (
    Journal,
    check_applied,
    file_hashes,
    journal_path,
    now,
    package_pins,
    plan_digest,
    read_journal,
    state_dir,
    write_journal,
)
from .lock import DEFAULT_TIMEOUT_S, env_lock
from .safe_files import is_ours, open_private, write_atomically
from .transaction import (
    Mode,
    abort,
    begin,
    commit,
    has_marker,
    is_complete,
    previous_path,
    recover,
    swap_previous,
)
from .user_state import env_work_dir

Progress = Callable[[str], None]
StepStatus = Literal["done", "skipped", "deferred"]

PHASE_PREFIX = "==> "
"""Progress lines that start a phase begin with this; other lines are installer output."""

_MODES: dict[str, Mode] = {"create": "fresh", "reuse": "copy", "recreate": "move"}


@dataclass(frozen=True)
class StepOutcome:
    action: StepAction
    description: str
    status: StepStatus
    detail: str
    seconds: float


@dataclass(frozen=True)
class ApplyResult:
    venv: Path
    noop: bool
    """True when the env already matched the plan exactly and nothing was changed."""
    steps: tuple[StepOutcome, ...]
    activate_scripts: tuple[Path, ...]
    journal: Path
    install_log: Path | None
    previous: Path | None
    """Where the env as it was before this apply is kept (rollback brings it back)."""
    installer: str | None
    recovered: str | None
    """What was done about an earlier apply that was killed, if anything."""
    seconds: float
    transaction: str
    """The transaction that made the env as it is now (the journal's)."""
    late_signal: int | None = None
    """A signal (Ctrl-C, SIGTERM, SIGHUP) that came while the change was being committed: the
    apply finished anyway; the caller should stop after reporting it."""

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        for key in ("venv", "journal", "install_log", "previous"):
            data[key] = None if data[key] is None else str(data[key])
        data["activate_scripts"] = [str(p) for p in self.activate_scripts]
        return data


@dataclass(frozen=True)
class RollbackResult:
    venv: Path
    rolled_back: bool
    message: str
    now_previous: Path | None
    """Where the env that was replaced is kept (rollback again returns to it)."""
    recovered: str | None = None


def _make_parent(venv: Path) -> None:
    """The folder the env goes in, created like virtualenv does (its markers live there too)."""
    try:
        venv.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"cannot create {venv.parent} for the env: {exc.strerror or exc}",
            ExitCode.APPLY_FAILED,
        ) from None


def target_path(venv_arg: str | Path) -> Path:
    """The env's absolute path; a link to a folder, if the link is the user's own, is followed
    (so every rename happens on the real env and not on the link)."""
    venv = Path(venv_arg).expanduser().absolute()
    text = str(venv)
    separator = os.pathsep  # ':' here; ';' on Windows, where a drive's ':' is fine
    for bad, called in ((separator, f"'{separator}'"), ("\n", "a newline")):
        if bad in text:
            raise UserError(
                f"the env path {text!r} contains {called}: its folders could not be put on "
                "PATH or LD_LIBRARY_PATH; choose another path with --venv",
                ExitCode.INPUT,
            )
    if venv.is_symlink() and venv.is_dir():
        if not is_ours(venv, stat.S_IFLNK):
            raise UserError(
                f"{venv} is a link that another user owns: tfgpu-setup follows only your own "
                "links to an env; name the env's real folder with --venv",
                ExitCode.NO_TARGET_ENV,
            )
        return Path(os.path.realpath(venv))
    return venv


def apply_plan(
    plan: Plan,
    *,
    recreate: bool = False,
    installer: installer_mod.Installer = "auto",
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT_S,
    index_args: Sequence[str] = (),
    install_timeout: float = installer_mod.INSTALL_TIMEOUT_S,
    backup: bool = True,
) -> ApplyResult:
    """Make plan.venv match the plan, or leave it as it was (UserError, Ctrl-C, or a kill).

    `index_args` go to the installer as they are (e.g. --index-url, or --no-index --find-links
    DIR for an offline wheelhouse). `backup=False` changes an existing env without copying it
    first: cheaper, but a failure cannot be undone.
    """
    started = time.monotonic()
    say = progress or (lambda _line: None)
    venv = target_path(plan.venv)
    if not plan.steps:
        raise UserError(
            "the plan has nothing to apply (it chose no TensorFlow release); see its findings",
            ExitCode.NO_TENSORFLOW,
        )
    if plan.activate is not None:
        render_posix(plan.activate)  # a value no script could carry: refused before any change
    _make_parent(venv)
    if not has_marker(venv):
        # Refused before taking the lock. (With a marker, a killed apply may have left a
        # half-made env there: recovery comes first.)
        venv_mod.refuse_if_foreign(venv)
    try:
        with env_lock(venv, lock_timeout) as lock, _terminate_as_exit():
            return _apply_locked(
                plan,
                venv,
                lock.fd,
                recreate,
                installer,
                say,
                index_args,
                install_timeout,
                backup,
                started,
            )
    except OSError as exc:
        raise UserError(_cannot_write(exc, venv), ExitCode.APPLY_FAILED) from None


def _cannot_write(exc: OSError, venv: Path) -> str:
    where = exc.filename or venv
    return f"cannot change {venv}: {where}: {exc.strerror or exc}"


def _apply_locked(
    plan: Plan,
    venv: Path,
    lock_fd: int,
    recreate: bool,
    installer: installer_mod.Installer,
    say: Progress,
    index_args: Sequence[str],
    install_timeout: float,
    backup: bool,
    started: float,
) -> ApplyResult:
    recovered = recover(venv)
    if recovered:
        say(PHASE_PREFIX + recovered)
    if not recreate and check_applied(plan, venv).applied:
        journal = read_journal(venv)
        assert journal is not None
        return ApplyResult(
            venv=venv,
            noop=True,
            steps=tuple(
                StepOutcome(s.action, s.description, "skipped", "already done", 0.0)
                for s in plan.steps
            ),
            activate_scripts=tuple(venv / p for p in journal.files),
            journal=journal_path(venv),
            install_log=None,
            previous=_existing(previous_path(venv)),
            installer=journal.installer,
            recovered=recovered,
            seconds=time.monotonic() - started,
            transaction=journal.transaction,
        )
    wanted = venv_mod.wanted_python(plan.python, plan.python_path)
    decision = venv_mod.decide(venv, wanted, recreate=recreate)
    run = _Run(plan, venv, decision, wanted, installer, index_args, install_timeout, say, lock_fd)
    mode = _MODES[decision.action]
    if mode == "copy" and not backup:
        mode = "unprotected"
        say(PHASE_PREFIX + f"--no-backup: changing {venv} in place; a failure cannot be undone")
    elif mode == "copy":
        say(PHASE_PREFIX + f"backing up {venv} (restored if anything fails)")
    txn = begin(venv, mode)
    late_signals: list[int] = []
    try:
        for step in plan.steps:
            run.step(step)
        say(PHASE_PREFIX + "journal: recording what was done")
        # From the journal on, the change is kept whatever happens: a signal now is noted and
        # reported with the result instead of cutting the commit short.
        with _signals_deferred(late_signals):
            run.finish(txn.id)
            say(PHASE_PREFIX + "committed: the journal is written, the new env is complete")
            commit(txn)  # cleanup: the backup becomes the env kept for rollback
    except BaseException:
        if is_complete(txn):
            raise  # the marker stays: the next command keeps the finished env (recover)
        if mode == "unprotected":
            say(PHASE_PREFIX + f"{venv} is left as the failure left it (--no-backup)")
        abort(txn)
        raise
    return ApplyResult(
        venv=venv,
        noop=False,
        steps=tuple(run.outcomes),
        activate_scripts=tuple(run.scripts),
        journal=journal_path(venv),
        install_log=run.final_log,
        previous=_existing(previous_path(venv)),
        installer=run.tool.name if run.tool else None,
        recovered=recovered,
        seconds=time.monotonic() - started,
        transaction=txn.id,
        late_signal=late_signals[0] if late_signals else None,
    )


@contextmanager
def _signals_deferred(received: list[int]) -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP are recorded in `received` instead of acted on."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def note(signum: int, _frame: object) -> None:
        received.append(signum)

    watched = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    saved = {sig: signal.signal(sig, note) for sig in watched}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, `timeout`, `docker stop`) end Python without
    unwinding; turned into SystemExit they unwind through the transaction, which restores."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def exit_now(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    saved = {sig: signal.signal(sig, exit_now) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def _existing(path: Path) -> Path | None:
    return path if path.exists() else None


def _open_log(path: Path) -> TextIO:
    fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    return os.fdopen(fd, "a", encoding="utf-8", errors="replace")


class _Run:
    """The state of one apply while its steps run inside the transaction."""

    def __init__(
        self,
        plan: Plan,
        venv: Path,
        decision: venv_mod.VenvDecision,
        wanted: Version,
        installer: installer_mod.Installer,
        index_args: Sequence[str],
        install_timeout: float,
        say: Progress,
        lock_fd: int,
    ) -> None:
        self.plan, self.venv, self.decision, self.wanted = plan, venv, decision, wanted
        self.requested_installer = installer
        self.index_args = tuple(index_args)
        self.install_timeout = install_timeout
        self.say = say
        self.lock_fd = lock_fd
        self.started = now()
        self.outcomes: list[StepOutcome] = []
        self.scripts: list[Path] = []
        self.tool: installer_mod.InstallerTool | None = None
        self.venv_ready = False
        previous_journal = read_journal(venv) if decision.action == "reuse" else None
        self.old_scripts = tuple(previous_journal.files) if previous_journal else ()
        self.log_path = env_work_dir(venv) / "install.log"
        self.final_log: Path | None = None
        self.log_path.unlink(missing_ok=True)

    def step(self, step: Step) -> None:
        self.say(f"{PHASE_PREFIX}{step.action}: {step.description}")
        t0 = time.monotonic()
        status, detail = self._do(step)
        self.outcomes.append(
            StepOutcome(step.action, step.description, status, detail, time.monotonic() - t0)
        )

    def _do(self, step: Step) -> tuple[StepStatus, str]:
        if step.action in ("create-venv", "reuse-venv"):
            return "done", self._ensure_venv()
        if step.action == "verify":
            return "deferred", "run 'tfgpu-setup verify' on the env (apply does not verify)"
        notes = [] if self.venv_ready else [self._ensure_venv()]
        if step.action == "uninstall":
            return self._uninstall(notes)
        if step.action == "install":
            return self._install(notes)
        return self._write_activate(notes)

    def _ensure_venv(self) -> str:
        if self.venv_ready:
            return "already prepared"
        self.venv_ready = True
        if self.decision.action == "reuse":
            return f"reused: {self.decision.reason}"
        interpreter = self.plan.python_path or f"python{self.plan.python}"
        venv_mod.create(self.venv, interpreter)
        got = venv_mod.interpreter_version(self.venv)
        if got is None or not venv_mod.same_minor(got, self.wanted):
            raise UserError(
                f"{interpreter} made a Python {got} env, the plan needs Python {self.wanted}",
                ExitCode.APPLY_FAILED,
            )
        return f"created with Python {got} ({interpreter})"

    def _installer(self) -> installer_mod.InstallerTool:
        if self.tool is None:
            self.tool = installer_mod.choose_installer(self.requested_installer)
        return self.tool

    def _uninstall(self, notes: list[str]) -> tuple[StepStatus, str]:
        have = venv_mod.installed(self.venv)
        present = [n for n in self.plan.remove if canonicalize_name(n) in have]
        if not present:
            return "skipped", "; ".join([*notes, "none of them is installed"])
        tool = self._installer()
        with _open_log(self.log_path) as log:
            result = installer_mod.uninstall(
                self.venv, present, tool=tool, log=log, progress=self.say, pass_fds=(self.lock_fd,)
            )
        if not result.ok:
            raise UserError(
                f"uninstalling {', '.join(present)} failed: {result.failure}; "
                f"full log: {self.log_path}",
                ExitCode.APPLY_FAILED,
            )
        return "done", "; ".join([*notes, f"removed {', '.join(present)} with {tool.name}"])

    def _install(self, notes: list[str]) -> tuple[StepStatus, str]:
        tool = self._installer()
        with _open_log(self.log_path) as log:
            installer_mod.install(
                self.venv,
                self.plan.requirements,
                tool=tool,
                index_args=self.index_args,
                log=log,
                log_path=self.log_path,
                progress=self.say,
                python=str(self.wanted),
                timeout=self.install_timeout,
                pass_fds=(self.lock_fd,),
            )
        return "done", "; ".join([*notes, f"{len(self.plan.requirements)} pins with {tool.name}"])

    def _write_activate(self, notes: list[str]) -> tuple[StepStatus, str]:
        spec = self.plan.activate
        if spec is None:
            # An env reused from an earlier plan keeps its scripts: remove them, or sourcing
            # one would set that plan's variables.
            stale = [self.venv / name for name in self.old_scripts]
            for path in stale:
                path.unlink(missing_ok=True)
            gone = f"; removed {', '.join(p.name for p in stale)}" if stale else ""
            return "skipped", "; ".join([*notes, "the plan sets no variables" + gone])
        self.scripts = list(write_activate_scripts(spec, venv_mod.bin_dir(self.venv)))
        return "done", "; ".join([*notes, ", ".join(p.name for p in self.scripts)])

    def finish(self, transaction_id: str) -> None:
        """Move the install log into the env and write the journal: the commit point."""
        if not self.venv_ready:
            self._ensure_venv()
        if self.log_path.exists():
            self.final_log = state_dir(self.venv) / "install.log"
            self.final_log.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.final_log, self.log_path.read_bytes())
            self.log_path.unlink()
        write_journal(
            self.venv,
            Journal(
                transaction=transaction_id,
                plan=self.plan.to_jsonable(),
                plan_digest=plan_digest(self.plan),
                installer=self.tool.name if self.tool else None,
                packages=package_pins(self.venv),
                files=file_hashes(self.venv, self.scripts),
                started=self.started,
                finished=now(),
            ),
        )


def settle(venv: Path) -> str | None:
    """Before a command reads the env (run, verify, kernel): finish or undo an apply or rollback
    that was killed, so that nothing uses a half-changed env; say what was done.

    An apply still running holds the lock: that is refused (exit 22), not waited for.
    """
    if not has_marker(venv) and not has_marker(Path(os.path.realpath(venv))):
        return None
    venv = target_path(venv)
    try:
        with env_lock(venv, timeout=0.0):
            return recover(venv)
    except OSError as exc:
        raise UserError(_cannot_write(exc, venv), ExitCode.APPLY_FAILED) from None


def rollback(venv: Path, *, lock_timeout: float = DEFAULT_TIMEOUT_S) -> RollbackResult:
    """Swap the env with the one kept from before the last apply; again to undo."""
    venv = target_path(venv)
    if not (os.path.lexists(venv) or has_marker(venv) or os.path.lexists(previous_path(venv))):
        raise UserError(
            f"{venv} does not exist and no earlier env is kept for it: nothing to roll back "
            "(name the env with --venv)",
            ExitCode.NO_TARGET_ENV,
        )
    try:
        with env_lock(venv, lock_timeout):
            return _rollback_locked(venv)
    except OSError as exc:
        raise UserError(_cannot_write(exc, venv), ExitCode.APPLY_FAILED) from None


def _rollback_locked(venv: Path) -> RollbackResult:
    recovered = recover(venv)
    previous = previous_path(venv)
    if not previous.exists():
        return RollbackResult(
            venv,
            False,
            f"nothing to roll back: no earlier environment is "
            f"kept for {venv} (only a successful apply that replaced or "
            "changed an env keeps one)",
            None,
            recovered,
        )
    had_current = os.path.lexists(venv)
    swap_previous(venv)
    journal = read_journal(venv)
    what = (
        f"TensorFlow {journal.load_plan().tensorflow}, applied {journal.finished}"
        if journal
        else "an env tfgpu-setup had not set up"
    )
    message = f"{venv} is back to its state before the last apply ({what})"
    if had_current:
        message += f"; the replaced env is kept at {previous}: rollback again to return to it"
    return RollbackResult(venv, True, message, previous if had_current else None, recovered)
