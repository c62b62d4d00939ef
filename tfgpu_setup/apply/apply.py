"""apply_plan: carry out a Plan's steps on its virtualenv as one transaction; and rollback."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from packaging.utils import canonicalize_name
from packaging.version import Version

from ..errors import ExitCode, UserError
from ..plan import Plan, Step, StepAction
from ..serde import to_jsonable
from . import install as installer_mod
from . import venv as venv_mod
from .activate import write_activate_scripts
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
from .transaction import (
    Mode,
    marker_path,
    previous_path,
    recover,
    sidecar,
    swap_previous,
    transaction,
)

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


def install_log_beside(venv: Path) -> Path:
    """During an apply the log is kept beside the env, so that it survives a restore."""
    return sidecar(venv, "install.log")


def apply_plan(
    plan: Plan,
    *,
    recreate: bool = False,
    installer: installer_mod.Installer = "auto",
    progress: Progress | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT_S,
    index_args: Sequence[str] = (),
    install_timeout: float = installer_mod.INSTALL_TIMEOUT_S,
) -> ApplyResult:
    """Make plan.venv match the plan, or leave it as it was (UserError, Ctrl-C, or a kill).

    `index_args` go to the installer as they are (e.g. --index-url, or --no-index --find-links
    DIR for an offline wheelhouse).
    """
    started = time.monotonic()
    say = progress or (lambda _line: None)
    venv = Path(plan.venv).expanduser().absolute()
    if not plan.steps:
        raise UserError(
            "the plan has nothing to apply (it chose no TensorFlow release); see its findings",
            ExitCode.NO_TENSORFLOW,
        )
    if not marker_path(venv).exists():
        # Refused before taking the lock, so not even a lock file is left beside it. (With a
        # marker, a killed apply may have left a half-made env there: recovery comes first.)
        venv_mod.refuse_if_foreign(venv)
    with env_lock(venv, lock_timeout) as lock, _terminate_as_exit():
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
            )
        wanted = venv_mod.wanted_python(plan.python, plan.python_path)
        decision = venv_mod.decide(venv, wanted, recreate=recreate)
        run = _Run(
            plan, venv, decision, wanted, installer, index_args, install_timeout, say, lock.fd
        )
        mode = _MODES[decision.action]
        if decision.action == "reuse":
            say(PHASE_PREFIX + f"backing up {venv} (restored if anything fails)")
        with transaction(venv, mode) as txn:
            for step in plan.steps:
                run.step(step)
            say(PHASE_PREFIX + "journal: recording what was done")
            run.finish(txn.id)
            say(PHASE_PREFIX + "committed: the journal is written, the new env is complete")
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
        )


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
        self.log_path = install_log_beside(venv)
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
        with self.log_path.open("a", encoding="utf-8") as log:
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
        with self.log_path.open("a", encoding="utf-8") as log:
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
            shutil.move(self.log_path, self.final_log)
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


def rollback(venv: Path, *, lock_timeout: float = DEFAULT_TIMEOUT_S) -> RollbackResult:
    """Swap the env with the one kept from before the last apply; again to undo."""
    venv = venv.expanduser().absolute()
    with env_lock(venv, lock_timeout):
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
