"""A second apply of the same plan is a no-op: nothing copied, nothing installed, verify reused.

A plan's identity is what apply would build from it (TensorFlow, Python, the pins, what to
remove, the activate spec, the env), not its findings or decisions: those describe the env as it
was when the plan was made, and change once the env is applied.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    make_plan,
    private_state,
    shared_wheelhouse,
    sidecars,
    tree_fingerprint,
)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode
from tfgpu_setup.findings import Finding, Severity
from tfgpu_setup.plan import Decision, Package

PINS = [("tfgpu-demo-alpha", "1.0")]


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def _finding(finding_id: str) -> Finding:
    return Finding(
        id=finding_id,
        severity=Severity.WARNING,
        title="about the env as it was",
        evidence=(),
        fix="",
        source="test",
    )


def test_findings_and_decisions_about_the_env_do_not_make_it_a_new_plan(
    tmp_path: Path, wheels: Path
) -> None:
    venv = tmp_path / "env"
    before_apply = dataclasses.replace(
        make_plan(venv, PINS, python=find_python(11)),
        findings=(_finding("tensorflow-not-installed"),),
        decisions=(Decision("venv", "create", "no environment there", "detection"),),
    )
    apply_plan(before_apply, **installer_args(wheels))
    fingerprint = tree_fingerprint(venv)
    # Planned again after the apply: the same build, other words about the env.
    after_apply = dataclasses.replace(
        before_apply,
        findings=(_finding("cuda-libs-not-found"),),
        decisions=(Decision("venv", "reuse", "Python 3.11 matches", "detection"),),
        packages=tuple(dataclasses.replace(p, reason="other words") for p in before_apply.packages),
    )

    again = apply_plan(after_apply, **installer_args(wheels))

    assert again.noop, check_applied(after_apply, venv).reasons
    assert tree_fingerprint(venv) == fingerprint
    assert again.previous is None and sidecars(venv) == [], "nothing was copied"


def test_a_different_build_is_not_a_no_op(tmp_path: Path, wheels: Path) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, PINS, python=find_python(11))
    apply_plan(plan, **installer_args(wheels))
    other_pin = dataclasses.replace(plan, packages=(Package("tfgpu-demo-alpha", "2.0", "x"),))
    other_vars = dataclasses.replace(
        plan, activate=dataclasses.replace(plan.activate, cuda_visible_devices="1")
    )
    for changed in (other_pin, other_vars):
        assert not check_applied(changed, venv).applied


def test_the_second_apply_says_no_op_and_reuses_the_recorded_verify_unless_asked(
    tmp_path: Path, wheels: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, PINS, python=find_python(11))
    apply_plan(plan, **installer_args(wheels))
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(plan.to_json())
    apply_cli = ["apply", "--yes", "--plan", str(plan_file)]

    assert main([*apply_cli, "--json"]) == ExitCode.OK
    first = json.loads(capsys.readouterr().out)
    assert first["noop"] and first["verify"]["status"] == "tf-broken"  # no TensorFlow in it
    assert first["verify_recorded"] is None, "nothing recorded yet: verify ran"

    assert main([*apply_cli, "--json"]) == ExitCode.OK
    second = json.loads(capsys.readouterr().out)
    assert second["noop"] and second["verify_recorded"] is not None
    assert second["verify"] == first["verify"]

    assert main(apply_cli) == ExitCode.OK
    shown = capsys.readouterr().out
    assert "no-op" in shown and "nothing was changed" in shown
    assert "verify result recorded" in shown and "tf-broken" in shown

    assert main([*apply_cli, "--verify", "--json"]) == ExitCode.OK
    forced = json.loads(capsys.readouterr().out)
    assert forced["noop"] and forced["verify_recorded"] is None


def test_a_recorded_verify_is_not_reused_once_the_env_changed(
    tmp_path: Path, wheels: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, PINS, python=find_python(11))
    apply_plan(plan, **installer_args(wheels))
    assert main(["verify", "--venv", str(venv), "--json"]) == ExitCode.TF_BROKEN
    capsys.readouterr()
    changed = make_plan(venv, [("tfgpu-demo-alpha", "2.0")], python=find_python(11))
    apply_plan(changed, **installer_args(wheels))
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(changed.to_json())

    assert main(["apply", "--yes", "--plan", str(plan_file), "--json"]) == ExitCode.OK
    document = json.loads(capsys.readouterr().out)

    assert document["noop"] and document["verify_recorded"] is None
