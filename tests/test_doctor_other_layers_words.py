"""The doctor on the words of the layers around TensorFlow: the kernel module's and NVML's, conda's,
nvidia-smi's under WSL 2, TensorFlow Java's on Windows, a CJK input method's punctuation; and the
planner's driver floor under WSL 2 and its NVIDIA findings on a Mac. Review 85's threads: each
log is the thread's paste, verbatim as the review quoted it; the cause is what the thread
settled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from doctor_support import doctor_document, ids

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def plan(capsys: pytest.CaptureFixture[str], *flags: str) -> dict:
    main(["plan", "--no-probe", *flags, "--json"])
    return json.loads(capsys.readouterr().out)


# https://github.com/mattshma/bigdata/issues/105: the kernel's message from its second line on
MODULE_VERSION_TAIL = (
    "[    2.618780] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  375.39  Tue Jan 31 20:47:00"
    " PST 2017 (using threaded interrupts)\n"
    "NVRM: this kernel module has the version 375.39.  Please\n"
    "NVRM: make sure that this kernel module and all NVIDIA driver\n"
    "NVRM: components have the same version.\n"
)
# https://github.com/NVIDIA/nvidia-docker/issues/584: nvidia-smi after a partial 'yum update'
NVML_FUNCTION_NOT_FOUND = "$ nvidia-smi\nFailed to initialize NVML: Function Not Found\n"
# https://github.com/talmolab/sleap/issues/705: a GPU environment file created on an Intel Mac
CONDA_CUDA_UNRESOLVED = (
    "$ conda env create -f environment.yml -n sleap\n"
    "Collecting package metadata (repodata.json): done\n"
    "Solving environment: failed\n"
    "\n"
    "ResolvePackageNotFound: \n"
    "  - cudatoolkit=11.3.1\n"
    "  - nvidia::cuda-nvcc=11.3\n"
    "  - cudnn=8.2.1\n"
)
# https://github.com/microsoft/WSL/issues/13027: nvidia-smi in WSL 2, the index before the bus
DEVICE_HANDLE_UNREACHABLE = (
    "Unable to determine the device handle for GPU0: 0000:C1:00.0: Unknown Error\n"
    "Unable to determine the device handle for GPU1: 0000:E1:00.0: Unknown Error\n"
    "No devices were found\n"
)
# https://github.com/stardist/stardist-imagej/issues/2: Fiji's TensorFlow Java on a Xeon X5660
JNI_DLL_INIT_FAILED = (
    "[Wed Mar 18 11:45:37 CET 2020] [WARNING] [] Could not load native TF library TF 1.14.0 CPU"
    " C:\\Users\\Laurent\\Documents\\fiji-win64\\Fiji.app\\lib\\win64\\tensorflow_jni.dll: A"
    " dynamic link library (DLL) initialization routine failed\n"
)
# https://github.com/iperov/DeepFaceLab/issues/210: typed through a Chinese input method
CUDNN_HANDLE_FULL_WIDTH_COLON = "Could not create cudnn handle\uff1aCUDNN_STATUS_INTERNAL_ERROR.\n"
# https://www.kabuku.co.jp/developers/tensorflow_source_build: TensorFlow 1.8's import notice
CPU_GUARD_OF_1_8 = (
    "2018-05-01 17:28:49.354524: I tensorflow/core/platform/cpu_feature_guard.cc:140] Your CPU"
    " supports instructions that this TensorFlow binary was not compiled to use: AVX2 FMA\n"
)


def test_the_kernel_modules_mismatch_read_from_its_second_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, MODULE_VERSION_TAIL, "--os", "linux")
    top = doc["findings"][0]
    assert top["id"] == "driver-library-mismatch" and "375.39" in top["title"]


def test_nvml_function_not_found_is_driver_components_of_two_releases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NVML_FUNCTION_NOT_FOUND, "--os", "linux")
    top = doc["findings"][0]
    assert top["id"] == "driver-library-mismatch" and "libnvidia-ml" in top["fix"]
    # nvidia-smi -q's field values of the same words are no failure
    field = run(tmp_path, capsys, "    Serial Number                     : [Function Not Found]\n")
    assert "driver-library-mismatch" not in ids(field)


def test_conda_without_cuda_packages_for_a_mac_installed_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CONDA_CUDA_UNRESOLVED, "--os", "macos", "--gpu", "none")
    top = doc["findings"][0]
    assert top["id"] == "tensorflow-not-installed" and top["severity"] == "error"
    assert "Remove the CUDA packages" in top["fix"] and "macOS" in top["title"]
    linux = run(tmp_path, capsys, CONDA_CUDA_UNRESOLVED, "--os", "linux")
    assert linux["findings"][0]["id"] == "tensorflow-not-installed"
    assert "channel" in linux["findings"][0]["fix"]
    assert "may be using one" not in linux["verdict"]


def test_a_gpu_the_driver_cannot_reach_is_named_before_no_devices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, DEVICE_HANDLE_UNREACHABLE, "--os", "wsl2", "--driver", "572.61")
    top = doc["findings"][0]
    assert top["id"] == "no-nvidia-gpu" and "0000:C1:00.0" in top["title"]
    assert "TCC" in top["fix"]


def test_the_question_to_ask_tensorflow_1_x_is_one_it_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = run(tmp_path, capsys, CPU_GUARD_OF_1_8, "--tf", "1.8.0")
    assert "device_lib.list_local_devices()" in old["verdict"]
    assert "tf.config.list_physical_devices" not in old["verdict"]
    new = run(tmp_path, capsys, CPU_GUARD_OF_1_8, "--tf", "2.15.0")
    assert "tf.config.list_physical_devices" in new["verdict"]


def test_a_macs_metal_plan_has_no_nvidia_wheel_finding(capsys: pytest.CaptureFixture[str]) -> None:
    # tensorflow#63854: an M3 Pro with Python 3.11 and TensorFlow 2.16.1
    mac = plan(capsys, "--os", "macos", "--arch", "arm64", "--python", "3.11", "--tf", "2.16.1")
    assert "pip-cuda-libs-not-on-path" not in [f["id"] for f in mac["findings"]]
    linux = plan(capsys, "--os", "linux", "--python", "3.11", "--tf", "2.16.1", "--gpu", "RTX 3090")
    assert "pip-cuda-libs-not-on-path" in [f["id"] for f in linux["findings"]]


def test_under_wsl_2_a_wheel_sets_driver_floor_is_r470(capsys: pytest.CaptureFixture[str]) -> None:
    # 2.11's CUDA 11 wheels need 452.39 natively; WSL 2 ran CUDA only from R470
    doc = plan(
        capsys,
        "--os",
        "wsl2",
        "--python",
        "3.10",
        "--tf",
        "2.11",
        "--driver",
        "456.71",
        "--gpu",
        "NVIDIA GeForce RTX 3070",
    )
    driver = next(f for f in doc["findings"] if f["id"] == "driver-too-old")
    assert "471.11" in driver["fix"] and "452.39" not in driver["fix"]


def test_tensorflow_javas_library_failing_to_initialise_is_the_cpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, JNI_DLL_INIT_FAILED, "--os", "windows", "--tf", "1.14.0")
    assert doc["findings"][0]["id"] == "cpu-lacks-avx"


def test_a_full_width_colon_still_reads_as_the_line_tensorflow_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDNN_HANDLE_FULL_WIDTH_COLON, "--tf", "1.12.0")
    assert doc["findings"][0]["id"] == "gpu-out-of-memory"
    assert "CUDNN_STATUS_INTERNAL_ERROR" in doc["findings"][0]["title"]
