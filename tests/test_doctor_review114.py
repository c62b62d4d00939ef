"""The doctor on review 114's cases (tests/fixtures/review114/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review114", name)


def test_an_add_ons_plugins_the_loader_refused_are_its_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("tfio-plugins-undefined-symbol"), "--python", "3.12")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and first["severity"] == "warning"
    assert "tensorflow-io" in first["fix"]


def test_refused_plugins_beside_a_gpu_at_work_stay_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = (
        "2024-05-02 10:00:01.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1928]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22282 MB memory:"
        "  -> device: 0, name: NVIDIA GeForce RTX 4090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.9\n"
    )
    log = log_of("tfio-plugins-undefined-symbol") + device
    document = run(tmp_path, capsys, log, "--python", "3.12")
    assert document["gpu_used"] == "yes"
    assert ids(document) == ["benign-log-noise"]


def test_a_retyped_windows_ptx_note_is_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = ("--os", "windows", "--tf", "2.3", "--gpu", "GeForce RTX 2070")
    document = run(tmp_path, capsys, log_of("windows-ptx-note-retyped"), *stated)
    assert document["gpu_used"] == "yes"
    assert ids(document) == ["benign-log-noise"]


def test_pytorchs_missing_kernels_beside_tensorflows_gpu_are_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = ("--tf", "2.13", "--gpu", "8.6")
    document = run(tmp_path, capsys, log_of("torch-no-kernel-beside-tf"), *stated)
    assert document["gpu_used"] == "yes"
    assert errors(document) == []


def test_an_empty_lspci_under_wsl_is_no_evidence_of_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-lspci-empty"), "--os", "wsl2", "--tf", "2.11")
    assert ids(document)[0] == "wsl-libcuda-missing"
    assert "no-nvidia-gpu" not in errors(document)
    # the same empty listing on native Linux still says no NVIDIA GPU
    native = run(tmp_path, capsys, log_of("wsl-lspci-empty"), "--os", "linux", "--tf", "2.11")
    assert ids(native)[0] == "no-nvidia-gpu"
