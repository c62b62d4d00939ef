"""A paste of several runs in order: a later run that could not import TensorFlow is the state
the user asks about, whatever an earlier run used."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# TensorFlow 2.15 listing a GPU (the lines as tensorflow#62075 shows them; times written)
GPU_RUN = (
    "$ python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
    "2024-06-18 12:40:55.240937: E external/local_xla/xla/stream_executor/cuda/"
    "cuda_dnn.cc:9261] Unable to register cuDNN factory: Attempting to register factory for"
    " plugin cuDNN when one has already been registered\n"
    "2024-06-18 12:40:56.851339: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_executor.cc:901] successful NUMA node read from SysFS had negative value (-1), but"
    " there must be at least one NUMA node, so returning NUMA node zero\n"
    "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
)
# NumPy 2.0's own message for a module built against NumPy 1 (numpy/_core/_multiarray_umath)
NUMPY_2_IMPORT = (
    "A module that was compiled using NumPy 1.x cannot be run in\n"
    "NumPy 2.0.0 as it may crash. To support both 1.x and 2.x\n"
    "versions of NumPy, modules must be compiled with NumPy 2.0.\n"
    "Some module may need to rebuild instead e.g. with 'pybind11>=2.12'.\n"
    "Traceback (most recent call last):\n"
    '  File "/home/ada/venv/lib/python3.11/site-packages/tensorflow/__init__.py", line 40,'
    " in <module>\n"
    "AttributeError: _ARRAY_API not found\n"
    "ImportError: numpy.core._multiarray_umath failed to import\n"
)


def _exit_code(tmp_path: Path, log: str) -> int:
    path = tmp_path / "runs.log"
    path.write_text(log, encoding="utf-8")
    return main(["doctor", "--log", str(path), "--no-probe", "--os", "linux", "--json"])


def test_numpy_2_installed_after_a_working_run_is_tensorflow_broken_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'pip install -U numpy' between two runs: the last one cannot import TensorFlow (review
    63, a34)."""
    log = GPU_RUN + "$ pip install -U numpy\nSuccessfully installed numpy-2.0.0\n"
    log += GPU_RUN.splitlines()[0] + "\n" + NUMPY_2_IMPORT
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("dependency-version-mismatch", "error")
    assert doc["gpu_used"] != "yes"
    assert any("earlier run" in e for e in first["evidence"])
    assert _exit_code(tmp_path, log) == 12
    capsys.readouterr()


def test_an_illegal_instruction_on_another_machine_after_a_working_run_is_the_state_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The environment copied to an older machine: its Python dies on an illegal instruction
    at the import (review 63, a39)."""
    log = (
        GPU_RUN
        + "ada@workstation:~/proj$ rsync -a .venv oldbox:proj/\n"
        + "ada@oldbox:~/proj$ .venv/bin/python -c 'import tensorflow'\n"
        + "Illegal instruction (core dumped)\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert doc["findings"][0]["id"] == "cpu-lacks-avx"
    assert doc["gpu_used"] != "yes"
    assert _exit_code(tmp_path, log) == 12
    capsys.readouterr()


def test_a_crash_in_the_same_run_after_the_gpu_is_not_a_later_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No command typed between the GPU's line and the crash: the run that used the GPU is the
    one that died, so the GPU was used."""
    log = GPU_RUN + "Illegal instruction (core dumped)\n"
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert doc["gpu_used"] == "yes"
    assert not any("earlier run" in e for f in doc["findings"] for e in f["evidence"])


# A parent that created the GPU's device, then its forked worker (TF 2.10's wording; the
# reading as tensorflow#57877 and NVIDIA's forum describe a child forked after cuInit)
PARENT_THEN_WORKER = (
    "2022-11-02 16:20:01.114211: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616]"
    " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22290 MB memory:  ->"
    " device: 0, name: NVIDIA A10G, pci bus id: 0000:00:1e.0, compute capability: 8.6\n"
    "{between}"
    "2022-11-02 16:20:04.502337: E tensorflow/stream_executor/cuda/cuda_driver.cc:265] failed"
    " call to cuInit: CUDA_ERROR_NOT_INITIALIZED: initialization error\n"
    "worker: []\n"
)


def test_cuinit_not_initialized_after_a_device_in_the_same_run_is_a_forked_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A child forked after its parent's cuInit gets NOT_INITIALIZED from its own cuInit: the
    fix is the spawn start method, not the driver (review 64, D19)."""
    same_run = PARENT_THEN_WORKER.format(between="parent: [PhysicalDevice(...)]\n")
    first = doctor(tmp_path, capsys, same_run, "--os", "linux")["findings"][0]
    assert first["id"] == "device-config-after-init" and "spawn" in first["fix"]
    # typed again after the device: another run, whose cuInit failing is the driver's
    rerun = PARENT_THEN_WORKER.format(between="$ sudo apt upgrade\n$ python train.py\n")
    first = doctor(tmp_path, capsys, rerun, "--os", "linux")["findings"][0]
    assert first["id"] != "device-config-after-init"


def test_numpy_2_refusing_another_module_after_tensorflow_imported_is_not_tensorflow_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow 2.18 (built for NumPy 2) imported, then 'import cv2' failed on NumPy 2: the
    message is NumPy's for any module, and the traceback runs through OpenCV, not TensorFlow
    (review 64, C29: exit 10, not 12)."""
    log = (
        "2025-02-11 08:30:12.551820: I tensorflow/core/util/port.cc:153] oneDNN custom operations"
        " are on.\n"
        + NUMPY_2_IMPORT.replace(
            '  File "/home/ada/venv/lib/python3.11/site-packages/tensorflow/__init__.py", line 40,'
            " in <module>\n",
            '  File "/home/jo/det/.venv/lib/python3.11/site-packages/cv2/__init__.py", line 181,'
            " in <module>\n",
        )
    )
    assert _exit_code(tmp_path, log) != 12
    capsys.readouterr()


def test_a_later_run_listing_no_gpu_is_the_state_asked_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """keras-team/keras#19255: TensorFlow 2.15 in one environment lists the GPU, then 2.16.0rc0
    in another, at a later prompt, answers '[ ]' (the reply in italics): the later run has no
    GPU, so not 'uses the GPU' (review 69, Keras and models K2d)."""
    log = (
        "TF version = 2.15.0 keras version = 2.15.0\n"
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
        "\n"
        "but when I run the same code in keras 3.05 I get\n"
        "\n"
        "*>>> tf.__version__  =   '2.16.0-rc0'   keras.__version__  = '3.0.5'*\n"
        ">>> *tf.config.list_physical_devices('GPU')*\n"
        "*[ ]*\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--driver", "550.54.14")
    assert doc["gpu_used"] != "yes"
    assert doc["findings"][0]["id"] == "cuda-libs-not-found"
    # the empty list first, the GPU in the later run: that run's GPU stands
    reversed_runs = (
        ">>> tf.config.list_physical_devices('GPU')\n[]\n"
        ">>> tf.config.list_physical_devices('GPU')\n"
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
    )
    assert doctor(tmp_path, capsys, reversed_runs, "--os", "linux")["gpu_used"] == "yes"
