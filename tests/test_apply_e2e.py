"""End to end: apply a plan for real TensorFlow from PyPI, then use the env as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from apply_support import find_python, make_plan, private_state  # noqa: F401 (autouse)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.plan import ActivateSpec
from tfgpu_setup.process import run

TENSORFLOW = "2.21.0"


@pytest.mark.e2e
def test_apply_real_tensorflow_then_source_the_activate_script_and_import_it(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "tf env"
    spec = ActivateSpec(venv=str(venv), extra={"TF_CPP_MIN_LOG_LEVEL": "1"})
    plan = make_plan(venv, [("tensorflow", TENSORFLOW)], python=find_python(11), activate=spec)

    result = apply_plan(plan, installer="pip", install_timeout=1800)
    assert not result.noop

    script = venv / "bin" / "activate-tfgpu"
    assert script in result.activate_scripts
    session = (
        '. "$1" && python -c "import os, sys, tensorflow as tf; '
        "print(tf.__version__); print(sys.prefix); print(os.environ['TF_CPP_MIN_LOG_LEVEL'])\""
    )
    shown = run(["bash", "-c", session, "bash", str(script)], timeout=300)
    assert shown.ok, shown.stdout + shown.stderr
    assert shown.stdout.split("\n")[:3] == [TENSORFLOW, str(venv), "1"]

    # How fast the no-op is, is measured by benchmarks/bench.py, never here.
    again = apply_plan(plan, installer="pip")
    assert again.noop and again.previous is None
