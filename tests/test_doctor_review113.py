"""The doctor on review 113's cases (tests/fixtures/review113/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review113", name)


def test_a_kernel_that_failed_on_the_gpu_outranks_a_stated_toolkit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = ("--os", "linux", "--tf", "2.4.1", "--gpu", "NVIDIA RTX A2000 12GB")
    document = run(
        tmp_path, capsys, log_of("cubin-no-binary-for-gpu"), *stated, "--cuda-toolkit", "12.1"
    )
    assert errors(document) == ["compute-capability-unsupported"]


@pytest.mark.parametrize(
    ("name", "stated"),
    [
        ("illegal-instruction-in-prose", ("--os", "linux", "--gpu", "none")),
        ("illegal-instruction-error-tf240", ("--os", "linux", "--tf", "2.4", "--python", "3.8")),
        ("illegal-instruction-quoted-tf240", ("--os", "linux", "--tf", "2.4", "--python", "3.7")),
    ],
)
def test_an_illegal_instruction_in_the_reporters_words_names_the_cpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stated: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *stated)
    assert ids(document)[0] == "cpu-lacks-avx"


def test_the_2_4_0_wheels_crash_names_their_avx2_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("illegal-instruction-error-tf240"), "--os", "linux")
    assert "AVX2" in document["findings"][0]["title"]


def test_a_driver_below_the_minor_version_floor_is_too_old_for_the_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = ("--os", "linux", "--tf", "2.5", "--driver", "450.51.05")
    document = run(tmp_path, capsys, log_of("runtime-refuses-driver-below-floor"), *stated)
    first = document["findings"][0]
    assert first["id"] == "driver-too-old" and first["severity"] == "error"
    assert "not the fix" not in first["fix"]


@pytest.mark.parametrize("name", ["works-in-terminal-not-jupyter", "works-in-terminal-not-pycharm"])
def test_an_import_that_works_from_another_launcher_is_the_wrong_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert errors(document) == ["wrong-python-environment"]


def test_a_cudnn_wheel_first_on_the_path_is_the_cudnn_that_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cudnn-wheel-first-on-path"), "--tf", "2.15")
    assert "ld-library-path-shadows" not in ids(document)
    assert errors(document)[:1] == ["cudnn-version-mismatch"]


def test_another_modules_version_printed_alone_first_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("numpy-version-version-before-tf"), "--os", "windows")
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]


def test_a_case_sensitive_grep_of_lspci_shows_nothing_of_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("lspci-case-sensitive-grep"))
    assert document["findings"][0]["id"] == "no-nvidia-driver"
    assert "no-nvidia-gpu" not in errors(document)
