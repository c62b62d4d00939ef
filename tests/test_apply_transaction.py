"""apply_plan on real virtualenvs with real pip and uv: results, no-op, failures, rollback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    is_applied,
    make_plan,
    offline,
    pip_offline,
    private_state,
    shared_wheelhouse,
    sidecars,
    tree_fingerprint,
    uv_or_skip,
)

from tfgpu_setup.apply import apply as apply_mod
from tfgpu_setup.apply import venv as venv_mod
from tfgpu_setup.apply.apply import PHASE_PREFIX, apply_plan, rollback
from tfgpu_setup.apply.install import InstallError
from tfgpu_setup.apply.journal import check_applied, read_journal
from tfgpu_setup.apply.transaction import backup_path, previous_path
from tfgpu_setup.apply.venv import installed, interpreter_version
from tfgpu_setup.errors import ExitCode, UserError

REPO = Path(__file__).resolve().parents[1]
OLD = [("tfgpu-demo-alpha", "1.0"), ("tfgpu-demo-conflict", "1.0")]
NEW = [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-beta", "1.0")]


@pytest.fixture
def py311() -> str:
    return find_python(11)


def _uv_only(wheels: Path) -> dict[str, Any]:
    uv_or_skip()
    return {"installer": "uv", "index_args": [*offline(wheels), "--no-cache"]}


def _pip(wheels: Path) -> dict[str, Any]:
    return {"installer": "pip", "index_args": pip_offline(wheels)}


def test_fresh_apply_creates_env_installs_pins_writes_scripts_and_journal(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)
    lines: list[str] = []

    result = apply_plan(plan, progress=lines.append, **_pip(wheels))

    assert not result.noop
    assert str(interpreter_version(venv)).startswith("3.11")
    have = installed(venv)
    assert have["tfgpu-demo-alpha"] == "1.0" and have["tfgpu-demo-conflict"] == "1.0"
    assert {p.name for p in result.activate_scripts} == {"activate-tfgpu", "activate-tfgpu.fish"}
    assert all(p.is_file() and p.parent == venv / "bin" for p in result.activate_scripts)
    journal = read_journal(venv)
    assert journal is not None
    assert journal.installer == "pip"
    assert "tfgpu-demo-alpha==1.0" in journal.packages
    assert set(journal.files) == {f"bin/{p.name}" for p in result.activate_scripts}
    assert result.install_log == venv / "tfgpu-setup" / "install.log"
    assert "Successfully installed" in result.install_log.read_text()
    assert [s.action for s in result.steps] == [
        "create-venv",
        "install",
        "write-activate",
        "verify",
    ]
    assert [s.status for s in result.steps] == ["done", "done", "done", "deferred"]
    assert any(line.startswith(PHASE_PREFIX + "install") for line in lines)
    assert any("Successfully installed" in line for line in lines)  # installer output streamed
    assert result.previous is None and sidecars(venv) == []
    json.dumps(result.to_jsonable())  # the lead's --json renderer can print it


def test_second_apply_of_the_same_plan_is_a_fast_no_op(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)
    apply_plan(plan, **installer_args(wheels))
    before = tree_fingerprint(venv)

    started = time.monotonic()
    result = apply_plan(plan, **installer_args(wheels))
    in_process = time.monotonic() - started

    assert result.noop
    assert all(s.status == "skipped" for s in result.steps)
    assert tree_fingerprint(venv) == before
    assert in_process < 2.0
    # The whole command as a user runs it: a new interpreter, imports, lock, check.
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(plan.to_json())
    code = (
        "import sys; from pathlib import Path; from tfgpu_setup.plan import Plan; "
        "from tfgpu_setup.apply.apply import apply_plan; "
        "r = apply_plan(Plan.from_json(Path(sys.argv[1]).read_text())); "
        "sys.exit(0 if r.noop else 1)"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code, str(plan_file)], cwd=REPO, timeout=60)
    assert done.returncode == 0
    assert time.monotonic() - started < 2.0


def test_a_changed_activate_script_makes_apply_redo_and_restore_it(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)
    first = apply_plan(plan, **installer_args(wheels))
    script = first.activate_scripts[0]
    original = script.read_bytes()
    script.write_text("echo tampered\n")

    assert check_applied(plan, venv).reasons == (f"{script} was changed",)
    again = apply_plan(plan, **installer_args(wheels))

    assert not again.noop
    assert script.read_bytes() == original


@pytest.mark.parametrize("tool", ["pip", "uv"])
def test_failing_install_leaves_the_old_env_byte_identical_and_names_the_package(
    tmp_path: Path, wheels: Path, py311: str, tool: str
) -> None:
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    before = tree_fingerprint(venv)
    # The uninstall step really changes the env before the install fails.
    bad = make_plan(
        venv,
        [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-missing", "9.9")],
        python=py311,
        remove=["tfgpu-demo-conflict"],
    )

    with pytest.raises(InstallError) as caught:
        apply_plan(bad, **(_pip(wheels) if tool == "pip" else _uv_only(wheels)))

    error = caught.value
    assert error.code == ExitCode.APPLY_FAILED
    assert error.kind == "no-matching-distribution"
    assert error.packages == ("tfgpu-demo-missing==9.9",)
    assert "tfgpu-demo-missing" in error.message and "Python 3.11" in error.message
    assert error.log.is_file() and str(error.log) in error.message
    assert "tfgpu-demo-missing" in error.log.read_text()
    assert tree_fingerprint(venv) == before
    assert sidecars(venv) == []
    assert not previous_path(venv).exists()


def test_conflicting_pins_are_reported_as_a_conflict_and_a_fresh_env_is_removed(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(
        venv, [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-needs-alpha1", "1.0")], python=py311
    )

    with pytest.raises(InstallError) as caught:
        apply_plan(plan, **_pip(wheels))

    assert caught.value.kind == "conflict"
    assert any("conflict" in line for line in caught.value.lines)
    assert not venv.exists()
    assert sidecars(venv) == []


def test_unreachable_index_is_reported_as_a_network_failure(tmp_path: Path, py311: str) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, [("tfgpu-demo-alpha", "1.0")], python=py311)
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    # pip names the network error only in its retry warning, so allow one retry.
    unreachable = [
        "--index-url",
        "http://127.0.0.1:9/simple",
        "--retries",
        "1",
        "--timeout",
        "2",
        "--no-cache-dir",
    ]

    with pytest.raises(InstallError) as caught:
        apply_plan(plan, installer="pip", index_args=unreachable)

    assert caught.value.kind == "network"
    assert "could not be reached" in caught.value.message
    assert not venv.exists()


def _raise_on(predicate: Callable[[str], bool]) -> Callable[[str], None]:
    def progress(line: str) -> None:
        if predicate(line):
            raise KeyboardInterrupt

    return progress


def _interrupt_copy_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.copytree
    seen: list[str] = []

    def ignore_then_interrupt(directory: str, names: list[str]) -> list[str]:
        seen.append(directory)
        if len(seen) > 5:
            raise KeyboardInterrupt
        return []

    def copytree(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
        if not args:  # the top call; copytree recurses with everything positional
            kwargs["ignore"] = ignore_then_interrupt
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(shutil, "copytree", copytree)


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
    real = getattr(module, name)

    def then_interrupt(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, then_interrupt)


@pytest.mark.parametrize(
    "point",
    [
        "during-backup",
        "after-uninstall",
        "during-pip-install",
        "after-scripts",
        "after-recreate",
    ],
)
def test_ctrl_c_at_any_point_leaves_the_old_env_intact(
    tmp_path: Path, wheels: Path, py311: str, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    venv = tmp_path / "env"
    old_plan = make_plan(venv, OLD, python=py311)
    apply_plan(old_plan, **installer_args(wheels))
    before = tree_fingerprint(venv)
    new_plan = make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"])
    progress: Callable[[str], None] | None = None
    recreate = False
    if point == "during-backup":
        _interrupt_copy_midway(monkeypatch)
    elif point == "after-uninstall":
        progress = _raise_on(lambda line: line.startswith(PHASE_PREFIX + "install"))
    elif point == "during-pip-install":
        # Ctrl-C as pip starts writing files: pip is killed mid-install.
        progress = _raise_on(lambda line: line.startswith("Installing collected packages"))
    elif point == "after-scripts":
        _interrupt_after(monkeypatch, apply_mod, "write_activate_scripts")
    else:
        _interrupt_after(monkeypatch, venv_mod, "create")
        recreate = True

    with pytest.raises(KeyboardInterrupt):
        apply_plan(new_plan, progress=progress, recreate=recreate, **_pip(wheels))

    assert tree_fingerprint(venv) == before
    assert sidecars(venv) == []
    assert check_applied(old_plan, venv).applied


def _signal_after(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, signum: int) -> None:
    real = getattr(module, name)

    def then_signal(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        os.kill(os.getpid(), signum)  # a real signal, delivered to this process now
        return result

    monkeypatch.setattr(module, name, then_signal)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("after", ["write_journal", "commit"])
def test_a_signal_once_the_journal_is_written_reports_success_and_leaves_no_discard(
    tmp_path: Path,
    wheels: Path,
    py311: str,
    monkeypatch: pytest.MonkeyPatch,
    signum: int,
    after: str,
) -> None:
    venv = tmp_path / "env"
    handler_before = signal.getsignal(signal.SIGINT)  # SIG_IGN when run in the background
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    apply_plan(make_plan(venv, OLD[:1], python=py311), **installer_args(wheels))  # a previous
    new_plan = make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"])
    _signal_after(monkeypatch, apply_mod, after, signum)

    result = apply_plan(new_plan, **_pip(wheels))

    assert result.late_signal == signum and not result.noop
    assert check_applied(new_plan, venv).applied
    assert sidecars(venv) == [], "no marker, backup or discard left"
    assert previous_path(venv).is_dir()
    assert signal.getsignal(signal.SIGINT) is handler_before, "the handler is restored"


def test_an_error_after_the_journal_keeps_the_finished_env_and_the_next_command_commits_it(
    tmp_path: Path, wheels: Path, py311: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    new_plan = make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"])
    _interrupt_after(monkeypatch, apply_mod, "write_journal")

    with pytest.raises(KeyboardInterrupt):
        apply_plan(new_plan, **_pip(wheels))
    monkeypatch.undo()

    assert is_applied(new_plan, venv), "the journal was written: the change is complete"
    again = apply_plan(new_plan, **_pip(wheels))
    assert again.noop and again.recovered and "its result is kept" in again.recovered
    assert sidecars(venv) == []


def test_refuses_a_path_that_is_not_a_virtualenv_and_touches_nothing(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "train.py").write_text("print('mine')\n")

    for recreate in (False, True):
        with pytest.raises(UserError) as caught:
            apply_plan(
                make_plan(folder, OLD, python=py311), recreate=recreate, **installer_args(wheels)
            )
        assert caught.value.code == ExitCode.NO_TARGET_ENV
        assert "not a virtualenv" in caught.value.message

    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert (folder / "train.py").read_text() == "print('mine')\n"


def test_mismatched_interpreter_is_refused_without_recreate_and_rebuilt_with_it(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    py310 = find_python(10)
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py310, python_minor="3.10"), **installer_args(wheels))
    before = tree_fingerprint(venv)
    plan311 = make_plan(venv, OLD, python=py311)

    with pytest.raises(UserError) as caught:
        apply_plan(plan311, **installer_args(wheels))
    assert "Python 3.10" in caught.value.message and "--recreate" in caught.value.message
    assert tree_fingerprint(venv) == before

    result = apply_plan(plan311, recreate=True, **installer_args(wheels))
    assert str(interpreter_version(venv)).startswith("3.11")
    assert result.steps[0].detail.startswith("created with Python 3.11")
    assert result.previous is not None
    assert tree_fingerprint(result.previous) == before


def test_same_interpreter_is_reused_in_place(tmp_path: Path, wheels: Path, py311: str) -> None:
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    python_before = (venv / "pyvenv.cfg").read_text()

    result = apply_plan(
        make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"]), **installer_args(wheels)
    )

    assert result.steps[0].detail.startswith("reused")
    assert (venv / "pyvenv.cfg").read_text() == python_before
    have = installed(venv)
    assert have["tfgpu-demo-alpha"] == "2.0" and "tfgpu-demo-conflict" not in have
    assert [s.status for s in result.steps][:2] == ["done", "done"]


def test_rollback_swaps_back_the_env_from_before_the_last_apply(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    old_plan = make_plan(venv, OLD, python=py311)
    new_plan = make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"])
    with pytest.raises(UserError) as nothing:
        rollback(venv)
    assert nothing.value.code == ExitCode.NO_TARGET_ENV and "nothing to roll back" in str(
        nothing.value
    )
    assert list(tmp_path.iterdir()) == [], "a refused rollback creates nothing"

    apply_plan(old_plan, **installer_args(wheels))
    assert not rollback(venv).rolled_back  # a fresh env has nothing before it
    old = tree_fingerprint(venv)
    apply_plan(new_plan, **installer_args(wheels))
    new = tree_fingerprint(venv)

    back = rollback(venv)
    assert back.rolled_back and "TensorFlow 2.21.0" in back.message
    assert tree_fingerprint(venv) == old and is_applied(old_plan, venv)
    assert back.now_previous == previous_path(venv)

    forward = rollback(venv)
    assert forward.rolled_back
    assert tree_fingerprint(venv) == new and is_applied(new_plan, venv)
    assert sidecars(venv) == []


def test_a_backup_left_without_its_marker_is_deleted_and_the_env_kept(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)
    apply_plan(plan, **installer_args(wheels))
    before = tree_fingerprint(venv)
    # What a copy cut short by a kill leaves: part of a backup, no marker.
    partial = backup_path(venv)
    shutil.copytree(venv / "bin", partial / "bin", symlinks=True)

    result = apply_plan(plan, **installer_args(wheels))

    assert result.noop and not partial.exists()
    assert tree_fingerprint(venv) == before


def test_auto_installer_uses_uv_when_found_else_pip(
    tmp_path: Path, wheels: Path, py311: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tfgpu_setup.apply import install

    assert install.choose_installer("pip").name == "pip"
    if install.find_uv() is None:
        pytest.skip("uv is not installed here")
    assert install.choose_installer("auto").name == "uv"
    monkeypatch.setattr(install, "find_uv", lambda: None)
    assert install.choose_installer("auto").name == "pip"
    with pytest.raises(UserError) as caught:
        install.choose_installer("uv")
    assert caught.value.code == ExitCode.USAGE


def test_without_uv_anywhere_the_apply_tests_install_with_pip(
    tmp_path: Path, wheels: Path, py311: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tfgpu_setup.apply import install

    monkeypatch.setattr(install, "find_uv", lambda: None)
    chosen = installer_args(wheels)
    assert chosen["installer"] == "pip"

    result = apply_plan(make_plan(tmp_path / "env", OLD, python=py311), **chosen)

    assert result.installer == "pip" and not result.noop


def test_a_plan_without_variables_removes_the_scripts_an_earlier_plan_wrote(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    first = apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    assert all(p.exists() for p in first.activate_scripts)

    second = apply_plan(
        make_plan(venv, OLD, python=py311, with_activate=False), **installer_args(wheels)
    )

    assert second.activate_scripts == ()
    assert not any(p.exists() for p in first.activate_scripts)
    assert second.steps[2].status == "skipped" and "removed" in second.steps[2].detail
