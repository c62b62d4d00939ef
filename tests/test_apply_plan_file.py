"""'apply --plan FILE': a plan file is input from elsewhere; every field is checked first.

Each case takes a real plan (made by 'tfgpu-setup plan --json'), changes one field the way a
hostile or broken file would, and proves apply refuses it with exit 3, one line naming the
field, and nothing created.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    make_plan,
    private_state,
    shared_wheelhouse,
)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

WHAT_IF = ["--no-probe", "--os", "linux", "--python", "3.11", "--driver", "535.104.05"]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _real_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(
        ["plan", "--json", *WHAT_IF, "--gpu", "NVIDIA A10", "--venv", str(tmp_path / "env")]
    )
    assert code == ExitCode.OK
    plan: dict[str, Any] = json.loads(capsys.readouterr().out)
    return plan


def _evil_script(tmp_path: Path) -> str:
    evil = tmp_path / "evil.sh"
    evil.write_text(f"#!/bin/sh\ntouch {tmp_path / 'pwned'}\n")
    evil.chmod(0o755)
    return str(evil)


def _python_folder(tmp_path: Path) -> str:
    folder = tmp_path / "bin" / "python3"
    folder.mkdir(parents=True)
    return str(folder)


CASES: dict[str, tuple[str, Any]] = {
    "option-as-package": ("packages.0.name", "--index-url=http://127.0.0.1:9/simple#"),
    "url-as-package": ("packages.0.name", "evil @ http://127.0.0.1:9/evil.whl"),
    "marker-in-version": ("packages.0.version", "2.21.0; os_name == 'posix'"),
    "range-as-version": ("packages.0.version", ">=0"),
    "option-in-version": ("packages.0.version", "2.21.0 --pre"),
    "option-to-remove": ("remove", ["-r/etc/passwd"]),
    "python-not-a-version": ("python", "abc"),
    "python-not-x-y": ("python", "3"),
    "colon-in-venv": ("venv", "/tmp/a:b/env"),
    "newline-in-venv": ("venv", "/tmp/a\nb"),
    "missing-interpreter": ("python_path", "/x/evil.sh"),
    "relative-interpreter": ("python_path", "python3.11"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_plan_file_field_that_does_not_validate_is_refused_with_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    plan = _real_plan(tmp_path, capsys)
    field, value = CASES[case]
    _set(plan, field, value)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))

    code = main(["apply", "--yes", "--plan", str(plan_file)])
    err = capsys.readouterr().err

    assert code == ExitCode.INPUT, err
    assert err.strip().count("\n") == 0, f"one line, got: {err}"
    assert field.split(".")[0] in err and "plan.json" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"], "nothing created"


@pytest.mark.parametrize("make", [_evil_script, _python_folder])
def test_python_path_must_be_an_interpreter_file_and_is_never_run_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any
) -> None:
    plan = _real_plan(tmp_path, capsys)
    plan["python"] = None  # apply would ask the interpreter for its version: it must not run
    plan["python_path"] = make(tmp_path)
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))

    code = main(["apply", "--yes", "--plan", str(plan_file)])
    err = capsys.readouterr().err

    assert code == ExitCode.INPUT and "python_path" in err and "not an existing Python" in err
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "env").exists()


def test_the_displayed_plan_names_the_interpreter_apply_will_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _real_plan(tmp_path, capsys)
    python = find_python(11)
    plan["python_path"] = python
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))

    code = main(["apply", "--plan", str(plan_file)])  # no terminal, no --yes: shown only

    assert code == ExitCode.NOT_CONFIRMED
    assert f"interpreter that builds the env: {python}" in capsys.readouterr().out


def test_the_installer_gets_the_pins_after_a_double_dash(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    venv = tmp_path / "env"
    result = apply_plan(
        make_plan(venv, [("tfgpu-demo-alpha", "1.0")], python=find_python(11)),
        **installer_args(shared_wheelhouse(tmp_path_factory)),
    )
    assert result.install_log is not None
    command = next(ln for ln in result.install_log.read_text().splitlines() if ln.startswith("$"))
    assert command.endswith(" -- tfgpu-demo-alpha==1.0")


def test_a_venv_path_with_a_colon_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    venv = tmp_path / "a:b" / "env"
    from tfgpu_setup.errors import UserError

    with pytest.raises(UserError) as caught:
        apply_plan(make_plan(venv, [("tfgpu-demo-alpha", "1.0")], python=find_python(11)))
    assert caught.value.code == ExitCode.INPUT and "':'" in caught.value.message
    assert not os.path.lexists(tmp_path / "a:b")


def _set(document: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    node: Any = document
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
