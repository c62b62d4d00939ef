"""Where apply builds: next to a project, through the user's own link, never beside a ':'."""

from __future__ import annotations

import os
from pathlib import Path

from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    make_plan,
    private_state,
    shared_wheelhouse,
    sidecars,
)

from tfgpu_setup.apply.apply import apply_plan, rollback
from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.apply.run import run_in_env

PINS = [("tfgpu-demo-alpha", "1.0")]


def test_an_env_made_in_a_project_folder_leaves_only_itself_there(
    tmp_path: Path, wheels: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "mine"\nversion = "1"\n')

    apply_plan(
        make_plan(project / ".venv-tf", PINS, python=find_python(11)), **installer_args(wheels)
    )

    # virtualenv 21 would point a .venv redirect file at the new env (PEP 832).
    assert sorted(p.name for p in project.iterdir()) == [".venv-tf", "pyproject.toml"]


def test_an_env_whose_parent_folders_do_not_exist_yet_is_made_with_them(
    tmp_path: Path, wheels: Path
) -> None:
    venv = tmp_path / "not" / "there" / "yet" / "tf-env"
    plan = make_plan(venv, PINS, python=find_python(11))
    apply_plan(plan, **installer_args(wheels))
    assert check_applied(plan, venv).applied


def test_an_env_reached_through_the_users_own_link_is_applied_in_the_real_folder(
    tmp_path: Path, wheels: Path
) -> None:
    real = tmp_path / "disk" / "tf-env"
    real.parent.mkdir()
    link = tmp_path / "tf-env"
    plan = make_plan(real, PINS, python=find_python(11))
    apply_plan(plan, **installer_args(wheels))
    link.symlink_to(real)
    via_link = make_plan(link, [("tfgpu-demo-alpha", "2.0")], python=find_python(11))

    apply_plan(via_link, **installer_args(wheels))

    assert link.is_symlink() and os.readlink(link) == str(real), "the link itself stays a link"
    assert check_applied(via_link, real).applied
    assert (real.parent / "tf-env.tfgpu-previous").is_dir(), "the kept env is beside the real one"
    assert run_in_env(link, ["python", "-c", "import tfgpu_demo_alpha"]) == 0
    assert rollback(link).rolled_back and link.is_symlink()
    assert sidecars(real) == []
