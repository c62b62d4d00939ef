"""The doctor on review 105's cases (tests/fixtures/review105/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review105", name)


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


def test_a_job_still_writing_its_file_is_not_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.11")
    document = run(tmp_path, capsys, log_of("cat-of-a-job-still-running"), *flags)
    assert errors(document)[:1] == ["cudnn-not-found"]


def test_a_post_release_row_is_the_release_the_import_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("pip-post1-printed-release-old-driver"), "--os", "linux"
    )
    assert errors(document)[:1] == ["driver-too-old"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("gpu-job-fails-then-login-recheck", "cudnn-version-mismatch"),
        ("server-fails-then-head-of-a-script", "cudnn-not-found"),
    ],
)
def test_another_hosts_later_lines_do_not_hide_the_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    """A login node's re-check after the GPU node's job, a laptop's look at the script: the
    failing run's host stays the one read."""
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert errors(document)[:1] == [first]


def test_after_a_module_load_the_runs_own_failure_is_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("module-load-python-then-cudnn-missing")
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert errors(document)[:1] == ["cudnn-not-found"]
    assert "tensorflow-not-installed" not in errors(document)
