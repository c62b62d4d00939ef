"""Links planted where apply, rollback and the journal write: never written through.

The env's folder may be writable by others (/tmp, a project folder a group writes to). Each
test plants a symbolic link at a name tfgpu-setup writes (or once wrote) and proves that the
file or folder the link points to is byte-for-byte untouched after apply, rollback and recovery.
"""

from __future__ import annotations

import json
import os
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

from tfgpu_setup.apply.apply import apply_plan, rollback
from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.apply.transaction import marker_path
from tfgpu_setup.errors import ExitCode, UserError

OLD = [("tfgpu-demo-alpha", "1.0"), ("tfgpu-demo-conflict", "1.0")]
NEW = [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-beta", "1.0")]

BESIDE = [
    ".tfgpu-lock",
    ".tfgpu-transaction.tmp",
    ".tfgpu-backup",
    ".tfgpu-previous",
    ".tfgpu-discard",
    ".tfgpu-install.log",
]
"""Names beside the env that apply and rollback write or wrote in earlier versions."""
INSIDE = ["tfgpu-setup/journal.json.tmp", "tfgpu-setup/install.log", "tfgpu-setup/verify.json"]


@pytest.fixture
def py311() -> str:
    return find_python(11)


def _victims(root: Path) -> tuple[Path, Path]:
    victim = root / "victim.txt"
    victim.write_text("precious\n")
    folder = root / "victim-dir"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine\n")
    return victim, folder


@pytest.mark.parametrize("name", BESIDE + INSIDE)
@pytest.mark.parametrize("target", ["file", "folder"])
def test_a_link_planted_where_apply_and_rollback_write_is_never_written_through(
    tmp_path: Path, wheels: Path, py311: str, name: str, target: str
) -> None:
    victim, victim_dir = _victims(tmp_path)
    victims_before = (victim.read_bytes(), tree_fingerprint(victim_dir))
    venv = tmp_path / "group-writable" / "env"
    venv.parent.mkdir()
    old_plan = make_plan(venv, OLD, python=py311)
    apply_plan(old_plan, **installer_args(wheels))
    planted = venv.parent / (venv.name + name) if name in BESIDE else venv / name
    planted.unlink(missing_ok=True)
    planted.symlink_to(victim if target == "file" else victim_dir)

    new_plan = make_plan(venv, NEW, python=py311, remove=["tfgpu-demo-conflict"])
    apply_plan(new_plan, **installer_args(wheels))
    assert check_applied(new_plan, venv).applied
    assert rollback(venv).rolled_back
    assert check_applied(old_plan, venv).applied
    assert rollback(venv).rolled_back

    assert (victim.read_bytes(), tree_fingerprint(victim_dir)) == victims_before
    assert not venv.parent.joinpath(venv.name + ".tfgpu-transaction").exists()


def test_a_planted_transaction_marker_link_is_refused_and_nothing_is_touched(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    victim, _ = _victims(tmp_path)
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    env_before = tree_fingerprint(venv)
    marker_path(venv).symlink_to(victim)

    for attempt in (
        lambda: apply_plan(make_plan(venv, NEW, python=py311), **installer_args(wheels)),
        lambda: rollback(venv),
    ):
        with pytest.raises(UserError) as caught:
            attempt()
        assert caught.value.code == ExitCode.APPLY_FAILED
        assert "not a file of yours" in caught.value.message

    assert victim.read_text() == "precious\n"
    assert tree_fingerprint(venv) == env_before
    assert marker_path(venv).is_symlink(), "left for the user to look at"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_marker_another_user_planted_cannot_make_recovery_delete_the_env(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, OLD, python=py311)
    apply_plan(plan, **installer_args(wheels))
    env_before = tree_fingerprint(venv)
    # A well-formed marker saying "a fresh env was being made": recovery would delete the env.
    forged = {"kind": "apply", "transaction": "x", "mode": "fresh", "pid": 1, "started": "now"}
    marker_path(venv).write_text(json.dumps(forged))
    os.chown(marker_path(venv), 65534, 65534)  # nobody's

    with pytest.raises(UserError) as caught:
        apply_plan(make_plan(venv, NEW, python=py311), **installer_args(wheels))

    assert caught.value.code == ExitCode.APPLY_FAILED
    assert tree_fingerprint(venv) == env_before


def test_a_planted_previous_env_link_cannot_become_the_env(
    tmp_path: Path, wheels: Path, py311: str
) -> None:
    _, victim_dir = _victims(tmp_path)
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=py311), **installer_args(wheels))
    env_before = tree_fingerprint(venv)
    venv.with_name("env.tfgpu-previous").symlink_to(victim_dir)

    with pytest.raises(UserError) as caught:
        rollback(venv)

    assert caught.value.code == ExitCode.APPLY_FAILED and "not a folder of yours" in str(
        caught.value
    )
    assert venv.is_dir() and not venv.is_symlink()
    assert tree_fingerprint(venv) == env_before
    assert sidecars(venv) == []
