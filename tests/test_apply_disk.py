"""Read-only folders and a full disk: one line naming the path, exit 21, the env as it was.

A full disk is a real small tmpfs and a read-only folder a real read-only bind mount (both need
root) or, for other users, a folder without write permission (root ignores that). Tests that
cannot make either here are skipped with the reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    IS_ROOT,
    find_python,
    installer_args,
    is_applied,
    make_plan,
    mount,
    private_state,
    read_only,
    shared_wheelhouse,
    sidecars,
    tree_fingerprint,
)

from tfgpu_setup.apply import transaction
from tfgpu_setup.apply.apply import apply_plan, rollback
from tfgpu_setup.apply.transaction import previous_path
from tfgpu_setup.errors import ExitCode, UserError

OLD = [("tfgpu-demo-alpha", "1.0")]
NEW = [("tfgpu-demo-alpha", "2.0"), ("tfgpu-demo-beta", "1.0")]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    if not IS_ROOT or not mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)):
        pytest.skip("a small tmpfs needs root (mount -t tmpfs)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Write a file that leaves about `leave` bytes free on disk."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with (disk / "filler").open("wb") as f:
        f.truncate(0)
        remaining = max(free - leave, 0)
        block = b"\0" * (1 << 20)
        while remaining > 0:
            try:
                f.write(block[: min(remaining, len(block))])
                f.flush()
            except OSError:
                break
            remaining -= len(block)


def test_apply_and_rollback_into_a_read_only_folder_are_one_line_exit_21(
    tmp_path: Path, wheels: Path
) -> None:
    parent = tmp_path / "projects"
    parent.mkdir()
    venv = parent / "env"
    apply_plan(make_plan(venv, OLD, python=find_python(11)), **installer_args(wheels))
    apply_plan(make_plan(venv, NEW, python=find_python(11)), **installer_args(wheels))
    before = tree_fingerprint(parent)

    with read_only(parent):
        for attempt in (
            lambda: apply_plan(
                make_plan(venv, OLD, python=find_python(11)), **installer_args(wheels)
            ),
            lambda: rollback(venv),
            lambda: apply_plan(
                make_plan(parent / "fresh", OLD, python=find_python(11)), **installer_args(wheels)
            ),
        ):
            with pytest.raises(UserError) as caught:
                attempt()
            assert caught.value.code == ExitCode.APPLY_FAILED, caught.value.message
            assert "\n" not in caught.value.message and len(caught.value.message) < 400
            assert str(parent) in caught.value.message

    assert tree_fingerprint(parent) == before


def test_a_disk_that_fills_during_the_backup_copy_is_one_line_exit_21_and_the_env_is_kept(
    small_disk: Path, wheels: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = small_disk / "env"
    old_plan = make_plan(venv, OLD, python=find_python(11))
    apply_plan(old_plan, **installer_args(wheels))
    before = tree_fingerprint(venv)
    check = transaction._check_space_for_copy

    def check_then_fill(env: Path) -> None:
        check(env)  # there was room; something else fills the disk before the copy is done
        _fill(small_disk, leave=256 * 1024)

    monkeypatch.setattr(transaction, "_check_space_for_copy", check_then_fill)

    with pytest.raises(UserError) as caught:
        apply_plan(make_plan(venv, NEW, python=find_python(11)), **installer_args(wheels))

    message = caught.value.message
    assert caught.value.code == ExitCode.APPLY_FAILED
    assert "\n" not in message and len(message) < 600, message
    assert "No space left on device" in message and "--no-backup" in message
    assert tree_fingerprint(venv) == before and is_applied(old_plan, venv)
    assert sidecars(venv) == []


def test_too_little_space_for_the_backup_is_refused_before_anything_changes(
    small_disk: Path, wheels: Path
) -> None:
    venv = small_disk / "env"
    old_plan = make_plan(venv, OLD, python=find_python(11))
    apply_plan(old_plan, **installer_args(wheels))
    before = tree_fingerprint(venv)
    _fill(small_disk, leave=1024 * 1024)

    with pytest.raises(UserError) as caught:
        apply_plan(make_plan(venv, NEW, python=find_python(11)), **installer_args(wheels))

    assert caught.value.code == ExitCode.APPLY_FAILED
    assert "not enough free space" in caught.value.message
    assert "--no-backup" in caught.value.message
    assert tree_fingerprint(venv) == before and sidecars(venv) == []


def test_no_backup_changes_the_env_in_place_and_keeps_nothing_for_rollback(
    tmp_path: Path, wheels: Path
) -> None:
    venv = tmp_path / "env"
    apply_plan(make_plan(venv, OLD, python=find_python(11)), **installer_args(wheels))
    new_plan = make_plan(venv, NEW, python=find_python(11))
    lines: list[str] = []

    result = apply_plan(new_plan, backup=False, progress=lines.append, **installer_args(wheels))

    assert is_applied(new_plan, venv) and result.previous is None
    assert not previous_path(venv).exists() and sidecars(venv) == []
    assert any("--no-backup" in line for line in lines)
