"""TensorFlow listing no GPU beside a driver shown working: the CUDA libraries between them are
the likely cause, a warning to confirm, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# huggingface/community-events#118 (verbatim): TensorFlow 2.11 lists no GPU where nvidia-smi
# answers and PyTorch uses the GPU; the CUDA libraries were missing.
EMPTY_BESIDE_A_DRIVER = (
    "NVIDIA-SMI 515.65.01    \n"
    "Driver Version: 515.65.01    \n"
    "CUDA Version: 11.7\n"
    "TensorFlow: 2.11.0\n"
    "\n"
    'tf.config.list_logical_devices("GPU")\n'
    "\n"
    "[]\n"
    "\n"
    "import torch\n"
    "torch.cuda.is_available()\n"
    "\n"
    "True\n"
)


def _first(doc: dict) -> tuple[str, str] | None:
    return (doc["findings"][0]["id"], doc["findings"][0]["severity"]) if doc["findings"] else None


def test_an_empty_gpu_list_beside_a_working_driver_names_the_cuda_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = doctor(tmp_path, capsys, EMPTY_BESIDE_A_DRIVER, "--tf", "2.11.0")
    assert _first(doc) == ("cuda-libs-not-found", "warning")
    found = doc["findings"][0]
    # the versions this release loads, and how to see the loader's own lines
    assert "CUDA 11.2" in found["fix"] and "cuDNN 8.1" in found["fix"]
    assert "TF_CPP_MIN_LOG_LEVEL=0" in found["fix"]
    assert any("515.65.01" in e for e in found["evidence"])
    assert doc["gpu_used"] != "yes"


def test_a_release_whose_libraries_come_from_pip_is_told_to_install_them_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = EMPTY_BESIDE_A_DRIVER.replace("515.65.01", "535.104.05").replace("11.7", "12.2")
    doc = doctor(tmp_path, capsys, log, "--tf", "2.15.0", "--os", "linux")
    assert _first(doc) == ("cuda-libs-not-found", "warning")
    assert "tensorflow[and-cuda]==2.15" in doc["findings"][0]["fix"]


def test_the_question_asked_dates_the_release_when_none_is_stated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tf.config.list_logical_devices is public from 2.1, whose 'tensorflow' has GPU support;
    2.0 asked through tf.config.experimental, and its 'tensorflow' was CPU-only."""
    log = EMPTY_BESIDE_A_DRIVER.replace("TensorFlow: 2.11.0\n", "")
    assert _first(doctor(tmp_path, capsys, log)) == ("cuda-libs-not-found", "warning")
    older = log.replace("tf.config.list_logical", "tf.config.experimental.list_logical")
    assert _first(doctor(tmp_path, capsys, older)) is None


def test_without_the_driver_shown_working_nothing_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = 'tf.config.list_physical_devices("GPU")\n[]\n'
    assert _first(doctor(tmp_path, capsys, log, "--tf", "2.11.0")) is None
    # a driver stated names it, except under WSL 2, where the stated driver is Windows's and
    # WSL's own libcuda may be what is missing
    stated = doctor(tmp_path, capsys, log, "--tf", "2.11.0", "--driver", "515.65.01")
    assert _first(stated) == ("cuda-libs-not-found", "warning")
    wsl = doctor(tmp_path, capsys, log, "--tf", "2.11.0", "--driver", "515.65.01", "--os", "wsl2")
    assert "cuda-libs-not-found" not in {f["id"] for f in wsl["findings"]}


def test_a_container_or_a_cpu_build_is_not_read_as_missing_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # in a container the driver seen may be the host's: the GPU may not have been passed in
    contained = doctor(tmp_path, capsys, EMPTY_BESIDE_A_DRIVER, "--tf", "2.11.0", "--container")
    assert "cuda-libs-not-found" not in {f["id"] for f in contained["findings"]}
    # a build without CUDA says so, and that is the cause instead (written)
    cpu = EMPTY_BESIDE_A_DRIVER + "tf.test.is_built_with_cuda()\nFalse\n"
    assert _first(doctor(tmp_path, capsys, cpu, "--tf", "2.11.0"))[0] == "cpu-only-tensorflow"


def test_2_16_1_keeps_its_own_defect_as_the_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2.16.1's wheel does not find its pip libraries without LD_LIBRARY_PATH: the defect
    names the same layer more precisely."""
    log = EMPTY_BESIDE_A_DRIVER.replace("515.65.01", "550.54.14").replace("11.7", "12.4")
    doc = doctor(tmp_path, capsys, log, "--tf", "2.16.1", "--os", "linux")
    assert doc["findings"][0]["id"] == "pip-cuda-libs-not-on-path"


@pytest.mark.parametrize(
    "log",
    [
        # another device type's empty list, or XLA_GPU's (empty from 2.4 with a GPU at work)
        EMPTY_BESIDE_A_DRIVER.replace('("GPU")', '("TPU")'),
        EMPTY_BESIDE_A_DRIVER.replace('("GPU")', '("XLA_GPU")'),
        # an empty list that answers another question (written)
        EMPTY_BESIDE_A_DRIVER.replace('tf.config.list_logical_devices("GPU")', "model.losses"),
        # the GPU hidden on purpose (written)
        "CUDA_VISIBLE_DEVICES=1 python train.py\n" + EMPTY_BESIDE_A_DRIVER,
        "tf.config.set_visible_devices([], 'GPU')\n" + EMPTY_BESIDE_A_DRIVER,
    ],
)
def test_only_tensorflow_answering_for_its_gpus_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    doc = doctor(tmp_path, capsys, log, "--tf", "2.11.0")
    assert "cuda-libs-not-found" not in {f["id"] for f in doc["findings"]}


def test_a_driver_only_stated_is_called_installed_not_working(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = 'tf.config.list_physical_devices("GPU")\n[]\n'
    doc = doctor(tmp_path, capsys, log, "--tf", "2.11.0", "--driver", "515.65.01")
    assert doc["findings"][0]["title"].endswith("an NVIDIA driver is installed")


def test_an_nvidia_gpu_stated_without_its_driver_points_at_the_libraries_to_confirm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The question as most reports put it: a named GPU, a release, and TensorFlow's empty
    list. The driver is not shown either way, so the warning says how to check it."""
    log = ">>> import tensorflow as tf\n>>> tf.config.list_physical_devices('GPU')\n[]\n"
    doc = doctor(tmp_path, capsys, log, "--tf", "2.10", "--os", "windows", "--gpu", "RTX 3060")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-libs-not-found", "warning")
    assert "nvidia-smi" in first["title"] and "CUDA 11.2" in first["fix"]
    # under WSL 2 the GPU named is Windows's: WSL's own libcuda may be what is missing
    wsl = doctor(tmp_path, capsys, log, "--tf", "2.10", "--os", "wsl2", "--gpu", "RTX 3060")
    assert "cuda-libs-not-found" not in {f["id"] for f in wsl["findings"]}


# tensorflow/tensorflow#85006 (verbatim): tf.config.list_physical_devices() answering with the CPU
# alone, on native Windows with TensorFlow 2.16 (no GPU build there).
CPU_ONLY_PHYSICAL = "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]\n"
# device_lib.list_local_devices() in the shape TensorFlow prints it, with XLA's CPU device and no
# GPU entry (written from TensorFlow's printed form, not a recorded paste).
CPU_ONLY_LOCAL = (
    ">>> print(device_lib.list_local_devices())\n"
    '[name: "/device:CPU:0"\n'
    'device_type: "CPU"\n'
    "memory_limit: 268435456\n"
    "locality {\n"
    "}\n"
    "incarnation: 4424705237382345123\n"
    ', name: "/device:XLA_CPU:0"\n'
    'device_type: "XLA_CPU"\n'
    "memory_limit: 17179869184\n"
    "locality {\n"
    "}\n"
    "incarnation: 1234\n"
    'physical_device_desc: "device: XLA_CPU device"\n'
    "]\n"
)


@pytest.mark.parametrize("log", [CPU_ONLY_PHYSICAL, CPU_ONLY_LOCAL])
def test_a_whole_device_list_without_a_gpu_is_tensorflow_saying_it_has_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    doc = doctor(tmp_path, capsys, log)
    assert doc["gpu_used"] == "no"
    # with an NVIDIA GPU named, the libraries between it and TensorFlow are the reading
    doc = doctor(tmp_path, capsys, log, "--gpu", "RTX 3060", "--tf", "2.10", "--os", "linux")
    assert _first(doc) == ("cuda-libs-not-found", "warning")


def test_a_device_list_with_a_gpu_or_one_asked_for_the_cpu_alone_is_not_a_no(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_gpu = CPU_ONLY_LOCAL.replace("XLA_CPU", "GPU")
    assert doctor(tmp_path, capsys, with_gpu)["gpu_used"] == "yes"
    asked_for_cpu = "tf.config.list_physical_devices('CPU')\n" + CPU_ONLY_PHYSICAL
    assert doctor(tmp_path, capsys, asked_for_cpu)["gpu_used"] == "unknown"
    # TensorFlow's start-up lines between a 'python -c' question and its answer
    started = (
        "$ python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('CPU'))\"\n"
        "I tensorflow/core/util/port.cc:113] oneDNN custom operations are on.\n"
        "I tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is"
        " optimized to use available CPU instructions in performance-critical operations.\n"
        "To enable the following instructions: AVX2 FMA, in other operations, rebuild"
        " TensorFlow with the appropriate compiler flags.\n"
        "W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38] TF-TRT Warning: Could not find"
        " TensorRT\n"
    ) + CPU_ONLY_PHYSICAL
    assert doctor(tmp_path, capsys, started)["gpu_used"] == "unknown"
    hidden = "tf.config.set_visible_devices([], 'GPU')\n" + CPU_ONLY_PHYSICAL
    assert doctor(tmp_path, capsys, hidden)["gpu_used"] == "unknown"
    # the nearest question decides: one for every device, after an earlier one for the CPU
    both = asked_for_cpu + "tf.config.list_physical_devices()\n" + CPU_ONLY_PHYSICAL
    assert doctor(tmp_path, capsys, both)["gpu_used"] == "no"


def test_a_build_answer_printed_under_a_users_label_is_a_cpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the form tensorflow/tensorflow#68236 and #62080 pasted from their own prints
    log = "TensorFlow version: 2.15.0\nIs TensorFlow built with CUDA?: False\n"
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert _first(doc) == ("cpu-only-tensorflow", "error")
    assert doc["gpu_used"] == "no"
    # another library's build printed the same way says nothing of TensorFlow's
    torch = "Torch built with CUDA: False\nTensorFlow version: 2.15.0\n"
    assert _first(doctor(tmp_path, capsys, torch, "--os", "linux")) != (
        "cpu-only-tensorflow",
        "error",
    )
