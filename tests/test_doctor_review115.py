"""The doctor on review 115's cases (tests/fixtures/review115/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review115", name)


def test_xlas_platform_lines_after_a_missing_cuda_runtime_show_no_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("xla-platform-after-cudart-missing"), "--tf", "2.1")
    assert document["gpu_used"] == "no"
    assert errors(document)[0] in ("cuda-version-mismatch", "cuda-libs-not-found")


def test_addons_custom_ops_of_another_build_alone_are_its_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("addons-custom-ops-other-build"), "--tf", "2.2")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and first["severity"] == "warning"


def test_an_op_library_wanting_another_framework_library_is_the_add_ons_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("addons-op-wants-framework-library"), "--tf", "2.0")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert "libtensorflow_framework.so" in first["title"]


def test_a_driver_known_installed_turns_a_missing_libcuda_into_a_path_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("libcuda-missing-driver-installed")
    document = run(tmp_path, capsys, log, "--os", "linux", "--driver", "430.34")
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-driver"
    assert "ldconfig -p | grep libcuda" in first["fix"]
    assert "install the driver (check" not in first["fix"]
    # without a driver known, nothing says it is installed
    unknown = run(tmp_path, capsys, log, "--os", "linux")["findings"]
    assert not any("The driver is installed" in f["fix"] for f in unknown)


def test_a_native_kernel_outranks_wsl_named_in_prose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("native-kernel-beside-prose-wsl2"))
    assert ids(document)[0] == "no-nvidia-gpu"
    assert "wsl-libcuda-missing" not in ids(document)
