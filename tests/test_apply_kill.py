"""A real apply process, SIGKILLed at several points, then applied again; two applies at once.

Each apply runs in its own Python process started like the CLI would be. Its progress hook (the
one the CLI renders) stops it at a named phase; the slow sdist stops it inside pip's install.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    SLOW_RELEASE,
    SLOW_STARTED,
    find_python,
    installer_args,
    make_plan,
    pip_offline,
    private_state,
    shared_wheelhouse,
    sidecars,
    tree_fingerprint,
)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.apply.lock import lock_path
from tfgpu_setup.apply.transaction import previous_path
from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.plan import Plan

REPO = Path(__file__).resolve().parents[1]
OLD = [("tfgpu-demo-alpha", "1.0"), ("tfgpu-demo-conflict", "1.0")]
NEW = [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-slow", "1.0")]

APPLY_SCRIPT = """
import json, sys, time
from pathlib import Path
from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.plan import Plan

plan_file, hold_at, reached, index_args, recreate = sys.argv[1:6]

def progress(line):
    if hold_at and line.startswith("==> " + hold_at):
        Path(reached).write_text(line)
        time.sleep(600)

apply_plan(Plan.from_json(Path(plan_file).read_text()), installer="pip", progress=progress,
           index_args=json.loads(index_args), recreate=recreate == "1", lock_timeout=60)
"""


@pytest.fixture
def py311() -> str:
    return find_python(11)


def _applied(plan: Plan, venv: Path) -> bool:
    return check_applied(plan, venv).applied


def start_apply(
    plan: Plan,
    tmp: Path,
    wheels: Path,
    *,
    hold_at: str = "",
    recreate: bool = False,
    block_build: bool = False,
) -> subprocess.Popen[bytes]:
    plan_file = tmp / "plan.json"
    plan_file.write_text(plan.to_json())
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if block_build:
        env[SLOW_STARTED] = str(tmp / "build-started")
        env[SLOW_RELEASE] = str(tmp / "build-release")
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            APPLY_SCRIPT,
            str(plan_file),
            hold_at,
            str(tmp / "reached"),
            json.dumps(pip_offline(wheels)),
            "1" if recreate else "0",
        ],
        cwd=REPO,
        env=env,
    )


def applied_old_env(venv: Path, wheels: Path, python: str) -> tuple[dict[str, str], Plan, Plan]:
    """The OLD env applied at `venv`: its fingerprint, its plan, and the plan replacing it."""
    old_plan = make_plan(venv, OLD, python=python)
    apply_plan(old_plan, **installer_args(wheels))
    new_plan = make_plan(venv, NEW, python=python, remove=["tfgpu-demo-conflict"])
    return tree_fingerprint(venv), old_plan, new_plan


def wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, f"apply exited ({proc.returncode}) before {path.name}"
        assert time.monotonic() < deadline, f"{path.name} did not appear"
        time.sleep(0.05)


def kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.parametrize(
    ("hold_at", "recreate"),
    [
        ("write-activate", False),
        ("journal", False),
        ("verify", True),
    ],
    ids=["in-place-after-install", "in-place-after-scripts", "recreate-after-scripts"],
)
def test_killed_before_the_journal_the_next_apply_restores_the_old_env(
    tmp_path: Path, wheels: Path, py311: str, hold_at: str, recreate: bool
) -> None:
    venv = tmp_path / "env"
    before, old_plan, new_plan = applied_old_env(venv, wheels, py311)

    proc = start_apply(new_plan, tmp_path, wheels, hold_at=hold_at, recreate=recreate)
    wait_for(tmp_path / "reached", proc)
    kill(proc)
    assert tree_fingerprint(venv) != before  # the kill really left a changed env behind

    again = apply_plan(old_plan, installer="pip", index_args=pip_offline(wheels))

    assert again.recovered is not None and "restored" in again.recovered
    assert again.noop
    assert tree_fingerprint(venv) == before
    assert sidecars(venv) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_terminated_apply_restores_the_old_env_itself_before_exiting(
    tmp_path: Path, wheels: Path, py311: str, signum: int
) -> None:
    venv = tmp_path / "env"
    before, _old_plan, new_plan = applied_old_env(venv, wheels, py311)

    proc = start_apply(new_plan, tmp_path, wheels, hold_at="journal")
    wait_for(tmp_path / "reached", proc)
    proc.send_signal(signum)

    assert proc.wait(timeout=60) == 128 + signum
    assert tree_fingerprint(venv) == before  # restored by the dying apply, not by a later one
    assert sidecars(venv) == []


def test_killed_after_the_journal_the_next_apply_keeps_the_new_env(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    before, _old_plan, new_plan = applied_old_env(venv, wheels, py311)

    proc = start_apply(new_plan, tmp_path, wheels, hold_at="committed")
    wait_for(tmp_path / "reached", proc)
    kill(proc)

    again = apply_plan(new_plan, installer="pip", index_args=pip_offline(wheels))

    assert again.recovered is not None and "its result is kept" in again.recovered
    assert again.noop and _applied(new_plan, venv)
    assert tree_fingerprint(previous_path(venv)) == before  # rollback still has the old env
    assert sidecars(venv) == []


def test_killed_while_creating_a_fresh_env_the_next_apply_starts_over(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)

    proc = start_apply(plan, tmp_path, wheels, hold_at="write-activate")
    wait_for(tmp_path / "reached", proc)
    kill(proc)
    assert venv.exists()  # half made

    result = apply_plan(plan, installer="pip", index_args=pip_offline(wheels))

    assert result.recovered is not None and not result.noop
    assert _applied(plan, venv)
    assert sidecars(venv) == [] and not previous_path(venv).exists()


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie (nobody may reap orphans in a container)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _gone(pid: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _command(name: str, venv: Path, tmp: Path) -> list[str]:
    return {
        "run": ["run", "--venv", str(venv), "--", "python", "-c", "print('ran')"],
        "verify": ["verify", "--venv", str(venv)],
        "kernel": ["kernel", "install", "--venv", str(venv), "--name", "k"],
    }[name]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("command", ["run", "verify", "kernel"])
def test_killed_during_install_the_installer_dies_too_and_the_next_command_restores_first(
    tmp_path: Path,
    wheels: Path,
    py311: str,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    venv = tmp_path / "env"
    before, _old_plan, new_plan = applied_old_env(venv, wheels, py311)

    proc = start_apply(new_plan, tmp_path, wheels, block_build=True)
    wait_for(tmp_path / "build-started", proc)  # uninstall done; pip's build backend waits
    backend = int((tmp_path / "build-started").read_text())
    kill(proc)

    # The installer's whole process group (pip and the build backend it started) dies with
    # apply: nothing goes on writing into the env the next command restores.
    assert _gone(backend), "the build backend outlived the killed apply"
    assert tree_fingerprint(venv) != before, "the kill left a half-changed env"

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    code = main(_command(command, venv, tmp_path))
    err = capsys.readouterr().err

    assert "recovered" in err and "restored" in err, err
    after = tree_fingerprint(venv)
    after.pop("tfgpu-setup/verify.json", None)  # verify records its result
    assert after == before
    assert sidecars(venv) == []
    expected = {"run": ExitCode.OK, "verify": ExitCode.TF_BROKEN, "kernel": ExitCode.NO_TARGET_ENV}
    assert code == expected[command]


def test_a_command_that_reads_the_env_refuses_while_an_apply_changes_it(
    tmp_path: Path, wheels: Path, py311: str, capsys: pytest.CaptureFixture[str]
) -> None:
    venv = tmp_path / "env"
    _before, _old_plan, new_plan = applied_old_env(venv, wheels, py311)
    proc = start_apply(new_plan, tmp_path, wheels, block_build=True)
    try:
        wait_for(tmp_path / "build-started", proc)
        code = main(["run", "--venv", str(venv), "--", "python", "-c", "print('ran')"])
        err = capsys.readouterr().err
    finally:
        (tmp_path / "build-release").write_text("")
        assert proc.wait(timeout=120) == 0
    assert code == ExitCode.LOCKED
    assert "being changed by another tfgpu-setup" in err and "ran" not in err


def test_a_second_apply_gets_locked_while_the_first_runs(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    old_plan = make_plan(venv, OLD, python=py311)
    new_plan = make_plan(venv, NEW, python=py311)
    proc = start_apply(new_plan, tmp_path, wheels, block_build=True)
    try:
        wait_for(tmp_path / "build-started", proc)

        started = time.monotonic()
        with pytest.raises(UserError) as caught:
            apply_plan(old_plan, installer="pip", index_args=pip_offline(wheels), lock_timeout=1.0)
        waited = time.monotonic() - started

        assert caught.value.code == ExitCode.LOCKED
        assert str(lock_path(venv)) in caught.value.message
        assert f"pid {proc.pid}" in caught.value.message
        assert waited >= 1.0, "it waited for the lock before giving up"
    finally:
        (tmp_path / "build-release").write_text("")
        assert proc.wait(timeout=120) == 0
    assert _applied(new_plan, venv)


def test_a_second_apply_waits_for_the_first_then_runs(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    old_plan = make_plan(venv, OLD, python=py311)
    new_plan = make_plan(venv, NEW, python=py311)
    proc = start_apply(new_plan, tmp_path, wheels, block_build=True)
    wait_for(tmp_path / "build-started", proc)
    release = threading.Timer(1.0, (tmp_path / "build-release").write_text, args=("",))
    release.start()

    result = apply_plan(old_plan, installer="pip", index_args=pip_offline(wheels), lock_timeout=120)

    release.join()
    assert proc.wait(timeout=60) == 0
    assert _applied(old_plan, venv)
    # The first apply finished before the second started: its env is the one kept for rollback.
    assert result.previous is not None and _applied(new_plan, result.previous)
