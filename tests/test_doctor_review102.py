"""The doctor on review 102's cases (tests/fixtures/review102/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review102", name)


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    "name",
    [
        "ci-train-then-cpu-tests",
        "oom-then-smaller-batch",
        "help-rows-quote-errors",
        "tpu-list-empty",
        "repl-tpu-list-empty",
        "listdir-empty",
    ],
)
def test_a_paste_where_the_gpu_works_keeps_that_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A later CPU-only step, a rerun that fits in memory, --help rows quoting errors, an
    empty answer to another question: none of them is TensorFlow failing on the GPU."""
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "yes"
    assert all(f["severity"] == "info" for f in document["findings"])


def test_a_wheel_for_another_python_is_its_own_cause_beside_an_old_glibc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--glibc", "2.12", "--python", "3.11")
    document = run(tmp_path, capsys, log_of("old-glibc-other-python-wheel"), *flags)
    assert set(errors(document)) == {"python-unsupported", "glibc-too-old"}


def test_an_install_that_changed_nothing_mends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("install-already-satisfied"))
    assert errors(document)[0] == "no-nvidia-driver"
