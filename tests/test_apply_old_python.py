"""An interpreter virtualenv no longer seeds (21.5+ ships no pip for Python 3.8 and older):
apply still builds the env the plan asks for, with the interpreter's own pip."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    make_plan,
    private_state,
    shared_wheelhouse,
)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.apply.venv import python_in, seeder_refused

base_embed = pytest.importorskip("virtualenv.seed.embed.base_embed")

# virtualenv 21.15's own words (seed/embed/base_embed.py, BaseEmbed.cannot_seed) for Python 3.8.
REFUSAL = (
    "the bundled seeder no longer ships pip/setuptools for Python 3.8; the oldest supported target"
    " is Python 3.9 - pass --no-seed for an empty environment, use a seeder that provides Python"
    " 3.8 wheels, or install an older virtualenv release"
)


@pytest.fixture
def seeder_floor_above_this_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """This machine's virtualenv, as if its bundled wheels had moved past the interpreter we
    have (there is no Python 3.8 here): virtualenv's own check then refuses it."""
    if not hasattr(base_embed.BaseEmbed, "cannot_seed"):
        pytest.skip("this virtualenv seeds every Python it runs")
    monkeypatch.setattr(base_embed, "OLDEST_SUPPORTED", (3, 99))
    monkeypatch.setattr(base_embed, "MIN", "3.99")


def test_virtualenvs_refusal_to_seed_is_told_from_an_interpreter_it_cannot_use() -> None:
    assert seeder_refused(REFUSAL)
    unusable = "failed to find interpreter for Builtin discover of python_spec='3.7'"
    assert not seeder_refused(unusable)


def test_an_interpreter_virtualenv_will_not_seed_gets_its_own_pip_and_the_plans_packages(
    tmp_path: Path, wheels: Path, seeder_floor_above_this_python: None
) -> None:
    venv = tmp_path / "tf-env"
    plan = make_plan(venv, [("tfgpu-demo-alpha", "1.0")], python=find_python(11))

    apply_plan(plan, **installer_args(wheels))

    assert check_applied(plan, venv).applied
    pip = subprocess.run(
        [str(python_in(venv)), "-m", "pip", "--version"], capture_output=True, text=True
    )
    assert pip.returncode == 0, pip.stderr
    assert str(venv) in pip.stdout
