"""The doctor on review 106's cases (tests/fixtures/review106/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review106", name)


@pytest.mark.parametrize("flags", [(), ("--os", "macos"), ("--os", "linux")])
def test_an_op_without_a_gpu_kernel_is_named_and_the_gpu_counts_as_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    """TF 2's eager placer lists a GPU among the devices but not among the op's types: the GPU
    works (on Metal as on CUDA), the op has no kernel for it."""
    document = run(tmp_path, capsys, log_of("metal-op-without-gpu-kernel"), *flags)
    assert ids(document)[:1] == ["op-without-gpu-kernel"]
    assert document["gpu_used"] == "yes"
    assert "macos-no-cuda" not in ids(document)
    assert errors(document) == []


@pytest.mark.parametrize(
    ("name", "flags", "first"),
    [
        (
            "container-without-gpu-cvd-empty",
            ("--os", "linux", "--container", "--env", "CUDA_VISIBLE_DEVICES="),
            "no-nvidia-gpu",
        ),
        (
            "no-driver-cvd-empty",
            ("--os", "linux", "--env", "CUDA_VISIBLE_DEVICES="),
            "no-nvidia-gpu",
        ),
        (
            "no-driver-cvd-empty",
            (
                "--os",
                "linux",
                "--gpu",
                "NVIDIA GeForce RTX 3060",
                "--env",
                "CUDA_VISIBLE_DEVICES=-1",
            ),
            "no-nvidia-driver",
        ),
    ],
)
def test_a_stated_hiding_value_does_not_explain_a_driver_library_missing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first: str,
) -> None:
    """libcuda.so.1 not found, cuInit's 303, no /proc/driver/nvidia: no value of
    CUDA_VISIBLE_DEVICES does that, so the stated one is no error and not the cause."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert ids(document)[:1] == [first]
    assert "cuda-visible-devices-hides-gpus" not in errors(document)
    assert "cuda-visible-devices-hides-gpus" in ids(document)


def test_a_stated_hiding_value_beside_a_gpu_at_work_is_only_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--env", "CUDA_VISIBLE_DEVICES=-1")
    document = run(tmp_path, capsys, log_of("gpu-at-work-cvd-minus-one"), *flags)
    assert document["gpu_used"] == "yes"
    hidden = [f for f in document["findings"] if f["id"] == "cuda-visible-devices-hides-gpus"]
    assert [f["severity"] for f in hidden] == ["info"]
