"""The doctor on review 108's cases (tests/fixtures/review108/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review108", name)


def test_wheels_installed_with_the_extra_and_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The paste installs tensorflow[and-cuda] (Poetry here), then TensorFlow cannot dlopen its
    GPU libraries: the wheels are there, the loader does not find them."""
    flags = ("--os", "linux", "--tf", "2.18", "--python", "3.12")
    document = run(tmp_path, capsys, log_of("poetry-and-cuda-cannot-dlopen"), *flags)
    assert errors(document)[:1] == ["pip-cuda-libs-not-on-path"]
    assert "LD_LIBRARY_PATH" in document["findings"][0]["fix"]


def test_the_extra_installed_for_a_release_without_it_is_not_read_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before 2.14 there is no [and-cuda] extra: nothing came with the install."""
    flags = ("--os", "linux", "--tf", "2.12")
    document = run(tmp_path, capsys, log_of("poetry-and-cuda-cannot-dlopen"), *flags)
    assert "pip-cuda-libs-not-on-path" not in errors(document)[:1]
