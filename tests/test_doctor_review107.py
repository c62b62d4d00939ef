"""The doctor on review 107's cases (tests/fixtures/review107/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review107", name)


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("addon-undefined-symbol-cut", ("--tf", "2.3")),
        ("addon-ops-not-found-windows", ("--os", "windows", "--tf", "2.1")),
    ],
)
def test_an_add_ons_op_library_refused_without_a_symbol_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    """A cut 'undefined symbol' line, or Windows' '<library> not found': the add-on's release
    against this TensorFlow's."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert ids(document)[:1] == ["addon-tensorflow-mismatch"]


def test_directml_without_xla_is_no_harmless_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("directml-without-xla"), "--tf", "2.11")
    first = document["findings"][0]
    assert first["id"] == "xla-toolchain-missing"
    assert first["severity"] != "info" and "jit_compile=False" in first["fix"]
    assert document["gpu_used"] == "yes"


@pytest.mark.parametrize("arch", [(), ("--arch", "arm64")])
def test_pip_seeing_no_tensorflow_for_a_served_python_on_a_mac_is_apple_silicon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arch: tuple[str, ...]
) -> None:
    """Python 3.8 had Intel-Mac wheels long before Apple silicon shipped: a Mac whose pip sees
    none runs an arm64 Python, which 'tensorflow' serves only from 2.13, on macOS 12 and later."""
    flags = ("--os", "macos", "--python", "3.8", *arch)
    document = run(tmp_path, capsys, log_of("apple-silicon-pip-none"), *flags)
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "macOS 12" in first["title"] and "Apple silicon" in first["title"]


def test_a_python_intel_macs_got_wheels_for_only_later_keeps_the_python_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.9's first Intel-Mac wheels came after Apple silicon shipped: a paste from before
    them is as likely (tensorflow#44416), so the chip is not named."""
    flags = ("--os", "macos", "--python", "3.9")
    document = run(tmp_path, capsys, log_of("apple-silicon-pip-none"), *flags)
    assert ids(document)[:1] == ["python-unsupported"]


def test_docker_without_a_gpu_runtime_on_a_host_without_nvidia_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No toolkit gives a container the GPU a host does not have: the missing GPU leads."""
    log = log_of("docker-no-gpu-runtime-intel-laptop")
    document = run(tmp_path, capsys, log, "--os", "linux", "--gpu", "none")
    assert errors(document)[:1] == ["no-nvidia-gpu"]
    assert "container-gpu-not-exposed" not in errors(document)
    unstated = run(tmp_path, capsys, log, "--os", "linux")
    assert ids(unstated)[:1] == ["container-gpu-not-exposed"]


def test_grappler_cost_warning_is_harmless_and_shows_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("predictcost-on-a100"))
    assert ids(document)[:1] == ["benign-log-noise"]
    assert errors(document) == []
    assert document["gpu_used"] == "yes"


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("eager-placer-no-gpu-listed", ("--os", "linux", "--tf", "2.12")),
        ("colocation-no-gpu-listed", ("--os", "linux", "--tf", "1.15")),
    ],
)
def test_the_placers_device_list_without_a_gpu_says_none_was_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "no"
    assert ids(document)[:1] != ["benign-log-noise"]


def test_xlas_cuda_device_after_skipped_gpus_is_no_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF 2.0 to 2.3 start XLA's CUDA service after skipping their GPUs: the missing libraries
    stay the cause."""
    flags = ("--os", "linux", "--tf", "2.2", "--gpu", "GeForce RTX 2070")
    document = run(tmp_path, capsys, log_of("xla-cuda-after-skipping-gpus"), *flags)
    assert document["gpu_used"] != "yes"
    assert errors(document)[:1] == ["cuda-libs-not-found"]


def test_directmls_device_refusing_an_op_is_an_op_without_its_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--tf", "1.15")
    document = run(tmp_path, capsys, log_of("directml-op-without-dml-kernel"), *flags)
    assert ids(document)[:1] == ["op-without-gpu-kernel"]
    assert document["gpu_used"] == "yes"
