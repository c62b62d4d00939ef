"""The doctor on review 104's cases (tests/fixtures/review104/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review104", name)


def ids(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"]]


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("label-then-instead-unfenced", "cudnn-not-found"),
        ("template-empty-expected", "cudnn-not-found"),
        ("unclosed-expected-fence", "cuda-libs-not-found"),
    ],
)
def test_the_users_own_output_is_read_beside_an_expectation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert errors(document) == [first]


def test_a_label_that_turns_to_what_happened_introduces_the_real_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("expected-none-but-got"), "--os", "linux")
    assert document["gpu_used"] == "yes"
    assert errors(document) == []


def test_head_of_a_file_a_job_still_writes_is_not_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("head-of-a-running-job"), "--os", "linux")
    assert errors(document)[:1] == ["cudnn-not-found"]


def test_one_finding_per_id_where_two_readings_name_the_other_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("two-installs-terminal-then-notebook"), "--os", "linux")
    assert ids(document).count("wrong-python-environment") == 1
    assert errors(document) == ["wrong-python-environment"]


@pytest.mark.parametrize("name", ["module-load-mended", "notebook-kernel-switched"])
def test_an_environment_changed_before_the_gpu_run_mends_the_earlier_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "yes"
    assert [f for f in document["findings"] if f["severity"] != "info"] == []


def test_the_host_ssh_led_to_is_the_one_asked_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("laptop-then-ssh-gpu-node"))
    assert document["gpu_used"] == "yes"
    assert ids(document) == ["benign-log-noise"]


def test_the_version_the_import_printed_settles_pips_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("windows-pip-list-two-versions-printed")
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]


def test_cuinits_no_device_shows_libcuda_loaded_beside_a_stated_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("container-bare-cuinit-no-device")
    flags = ("--container", "--env", "CUDA_VISIBLE_DEVICES=1")
    document = run(tmp_path, capsys, log, *flags)
    assert errors(document) == ["cuda-visible-devices-hides-gpus"]
