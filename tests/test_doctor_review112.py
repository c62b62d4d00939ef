"""The doctor on review 112's cases (tests/fixtures/review112/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review112", name)


def test_each_finding_is_listed_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = run(tmp_path, capsys, log_of("rtx3080-ptx-jit-tf23"), "--os", "linux", "--tf", "2.3")
    listed = ids(document)
    assert listed[0] == "compute-capability-ptx-jit"
    assert len(listed) == len(set(listed))
    assert not errors(document)


@pytest.mark.parametrize("name", ["imports-in-cmd-not-jupyter", "site-packages-on-pythonpath"])
def test_tensorflow_installed_for_another_python_is_the_wrong_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "windows")
    assert errors(document)[:1] == ["wrong-python-environment"]


@pytest.mark.parametrize(
    "name", ["cuda-lib64-ahead-of-cudnn-wheel", "conda-lib-ahead-of-cudnn-wheel"]
)
def test_a_cudnn_wheel_behind_another_folder_on_the_path_is_shadowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux", "--tf", "2.12")
    first = document["findings"][0]
    assert first["id"] == "ld-library-path-shadows" and first["severity"] == "error"
    assert "site-packages/nvidia/cudnn/lib" in first["fix"]


def test_two_cudnn_copies_in_the_loaders_cache_make_the_stated_one_shadowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.5", "--cuda-toolkit", "11.2", "--cudnn", "8.1.0")
    document = run(tmp_path, capsys, log_of("ldconfig-lists-two-cudnn"), *flags)
    assert errors(document)[:1] == ["ld-library-path-shadows"]


def test_a_cudnn_mismatch_with_no_other_copy_shown_stays_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("cudnn-mismatch-no-path"), "--os", "linux", "--tf", "2.12"
    )
    assert errors(document)[:1] == ["cudnn-version-mismatch"]


@pytest.mark.parametrize(
    "name",
    [
        "darknet-under-home-nvidia",
        "darknet-in-tensorflow-named-project",
        "darknet-cudart-101-after-gpu",
        "own-library-from-keras-callback",
    ],
)
def test_another_librarys_ctypes_load_neither_fails_nor_dates_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert document["gpu_used"] == "yes"
    assert not errors(document)
    assert "compute-capability-ptx-jit" not in ids(document)


def test_tensorflows_own_ctypes_load_is_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("tensorflow-self-check-ctypes"))
    assert errors(document)[:1] == ["cuda-version-mismatch"]


@pytest.mark.parametrize(
    "name", ["rosetta-platform-10-16", "rosetta-sw-vers-10-16", "rosetta-brand-string-sysctl"]
)
def test_macos_10_16_and_a_sysctl_apple_brand_keep_the_rosetta_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "cpu-lacks-avx" and "Rosetta" in first["title"]


def test_a_mac_of_macos_10_13_keeps_the_cpus_own_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("core2duo-macos-10-13"), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "cpu-lacks-avx" and "Rosetta" not in first["title"]


def test_wsls_kernel_asked_from_a_windows_prompt_leaves_the_system_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-uname-at-cmd-prompt"))
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]


def test_tensorflows_version_is_the_one_printed_in_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("numpy-version-before-tf"), "--os", "windows")
    first = document["findings"][0]
    assert first["id"] == "windows-native-gpu-unsupported" and first["severity"] == "error"


def test_lspci_listing_no_nvidia_device_means_no_gpu_not_no_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("lspci-lists-no-nvidia"), "--os", "linux", "--tf", "2.12"
    )
    assert errors(document) == ["no-nvidia-gpu"]


def test_a_container_shell_that_started_python_is_the_process_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("tf-image-shell-without-gpus"), "--os", "linux", "--tf", "2.3"
    )
    assert errors(document)[:1] == ["container-gpu-not-exposed"]


def test_an_images_own_libcuda_over_a_host_driver_that_runs_the_release_is_the_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("image-carries-newer-libcuda"), "--os", "linux", "--tf", "2.13"
    )
    assert errors(document)[:1] == ["driver-library-mismatch"]
    assert "driver-too-old" not in errors(document)
