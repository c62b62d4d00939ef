"""apply, rollback, run and kernel through the command line: confirmation, errors, exit codes."""

from __future__ import annotations

import io
import json
import sys

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

WHAT_IF = [
    "--no-probe",
    "--os",
    "linux",
    "--python",
    "3.11",
    "--driver",
    "535.104.05",
    "--gpu",
    "NVIDIA A10",
]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a tty, as in CI or a pipe


def test_without_a_terminal_and_without_yes_it_shows_the_plan_and_changes_nothing(tmp_path, capsys):
    venv = tmp_path / "env"
    code = main(["apply", *WHAT_IF, "--venv", str(venv)])
    out = capsys.readouterr().out
    assert code == ExitCode.NOT_CONFIRMED
    assert "tensorflow==2.21.0" in out and "--yes" in out
    assert not venv.exists() and list(tmp_path.iterdir()) == []


def test_unconfirmed_apply_under_json_returns_the_plan(tmp_path, capsys):
    code = main(["apply", *WHAT_IF, "--venv", str(tmp_path / "env"), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == ExitCode.NOT_CONFIRMED
    assert doc["applied"] is False and doc["plan"]["tensorflow"] == "2.21.0"


def test_a_plan_file_that_is_not_a_plan_is_an_input_error(tmp_path, capsys):
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps({"schema": "something-else"}))
    code = main(["apply", "--yes", "--plan", str(bad)])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT
    assert "plan.json" in err and "tfgpu-setup plan --json" in err


def test_a_plan_with_nothing_to_install_is_refused_before_touching_anything(tmp_path, capsys):
    plan_file = tmp_path / "plan.json"
    assert (
        main(
            [
                "plan",
                "--json",
                "--no-probe",
                "--os",
                "linux",
                "--python",
                "3.14",
                "--venv",
                str(tmp_path / "env"),
            ]
        )
        == ExitCode.NO_TENSORFLOW
    )
    plan_file.write_text(capsys.readouterr().out)
    code = main(["apply", "--yes", "--plan", str(plan_file)])
    assert code == ExitCode.NO_TENSORFLOW
    assert not (tmp_path / "env").exists()


def test_run_in_an_env_not_set_up_by_tfgpu_setup_says_so(tmp_path, capsys):
    code = main(["run", "--venv", str(tmp_path / "nothing"), "--", "python", "-V"])
    err = capsys.readouterr().err
    assert code == ExitCode.NO_TARGET_ENV
    assert "tfgpu-setup apply" in err


def test_kernel_install_for_a_missing_env_is_no_target_env(tmp_path, capsys):
    code = main(["kernel", "install", "--venv", str(tmp_path / "nothing")])
    assert code == ExitCode.NO_TARGET_ENV


def test_rollback_with_nothing_to_roll_back_says_so(tmp_path, capsys):
    import virtualenv

    venv = tmp_path / "env"
    virtualenv.cli_run(["--no-seed", "-q", str(venv)])
    code = main(["rollback", "--venv", str(venv), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    assert doc["rolled_back"] is False and doc["message"]


def test_verify_without_an_env_is_no_target_env(tmp_path, capsys):
    code = main(["verify", "--venv", str(tmp_path / "missing"), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == ExitCode.NO_TARGET_ENV
    assert doc["status"] == "no-env" and "does not exist" in doc["reason"]
    assert doc["reason"].startswith("nothing applied yet: run 'tfgpu-setup apply'")


def test_verify_before_any_apply_says_so_rather_than_testing_the_tools_own_env(
    tmp_path, capsys, monkeypatch
):
    # The tool installed with 'pip install .' into an activated venv: that venv is active,
    # has no TensorFlow, and is not the target.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)
    code = main(["verify"])
    out = capsys.readouterr().out
    assert code == ExitCode.NO_TARGET_ENV
    assert "nothing applied yet: run 'tfgpu-setup apply'" in out
    assert "tf-broken" not in out and not (tmp_path / ".venv-tf").exists()


def test_verify_of_a_bare_virtualenv_apply_never_touched_says_nothing_applied(tmp_path, capsys):
    import virtualenv

    venv = tmp_path / "env"
    virtualenv.cli_run(["--no-seed", "-q", str(venv)])
    code = main(["verify", "--venv", str(venv)])
    assert code == ExitCode.NO_TARGET_ENV
    assert "nothing applied yet" in capsys.readouterr().out


def test_rollback_of_a_path_with_nothing_there_is_exit_13_and_creates_nothing(tmp_path, capsys):
    code = main(["rollback", "--venv", str(tmp_path / "DOES-NOT-EXIST")])
    err = capsys.readouterr().err
    assert code == ExitCode.NO_TARGET_ENV and "nothing to roll back" in err
    assert list(tmp_path.iterdir()) == []


def test_kernel_uninstall_of_an_unknown_kernel_is_an_input_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    code = main(["kernel", "uninstall", "--venv", str(tmp_path / "env"), "--name", "nope"])
    assert code == ExitCode.INPUT and "no kernel named 'nope'" in capsys.readouterr().err
