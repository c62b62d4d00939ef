"""The doctor on review 109's cases (tests/fixtures/review109/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review109", name)


def test_a_kernel_quoted_in_prose_is_not_this_machines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-kernel-quoted-from-readme"), "--os", "linux")
    assert errors(document)[:1] == ["no-nvidia-driver"]


@pytest.mark.parametrize(
    "name",
    [
        "homebrew-arm64-pip-pinned",
        "pip-debug-arm64-tags-pinned",
        "conda-info-osx-arm64-pinned",
    ],
)
def test_apple_silicon_shown_by_homebrew_pips_tags_or_conda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """TensorFlow 2.4.0 has no wheel for Apple silicon at all: not a Python to change."""
    document = run(tmp_path, capsys, log_of(name), "--os", "macos")
    assert errors(document)[:1] == ["platform-unsupported"]
    assert "Apple silicon" in document["findings"][0]["title"]


def test_a_packages_own_op_missing_tensorflow_symbols(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("package-op-undefined-tf-symbol"), "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and "x_ops.so" in first["title"]


def test_pip_show_in_another_environment_leaves_the_stated_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """conda's base answered pip show; the run was in the 2.10 environment stated."""
    flags = ("--os", "windows", "--tf", "2.10")
    document = run(tmp_path, capsys, log_of("pip-show-in-base-run-in-env"), *flags)
    assert ids(document)[:1] == ["cudnn-not-found"]
    assert "windows-native-gpu-unsupported" not in errors(document)
