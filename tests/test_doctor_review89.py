"""The doctor and the planner on review 89's threads: installs that never happened (pip told
to use a virtualenv, a Python outside a package's range, a full disk, no rights, a misspelt
name, a platform name with no wheel here, an old pip or a --platform flag), a module that is not
TensorFlow (the user's tensorflow.py, an estimator of another release), NVIDIA's container hook
and Singularity's --nv in their own words, Windows loading a DLL of another version, a kernel
fault pasted alone, and machines the planner read too loosely (a Jetson TK1, an NVIDIA GPU on a
Mac, a Kepler's last driver branch, a pinned release out for two reasons).

Logs marked with a thread's URL are that thread's paste, verbatim (long lines split here only
to fit the source); those marked 'composed' are written in pip's, conda's, the runtime's or
TensorFlow's own words, for a case no thread showed alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, plan_document

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


plan = plan_document


# https://github.com/tensorflow/tensorflow/issues/161
REQUIRES_A_VIRTUALENV = (
    "Johans-MacBook-Pro:~ johanbjorck$ pip install"
    " https://storage.googleapis.com/tensorflow/mac/tensorflow-0.5.0-py2-none-any.whl\n"
    "Could not find an activated virtualenv (required).\n"
)
# https://github.com/deezer/spleeter/issues/489
REQUIRES_ANOTHER_PYTHON = (
    "ERROR: Package 'spleeter' requires a different Python: 3.8.2 not in '>=3.6, <3.8'\n"
)
# composed: pip 20.3+'s OSError, as pip words it
DISK_FULL = (
    "Collecting tensorflow[and-cuda]==2.15.0\n"
    "  Downloading tensorflow-2.15.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
    " (475.2 MB)\n"
    "ERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n"
)
# composed
PERMISSION_DENIED = (
    "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied:"
    " '/usr/local/lib/python3.8/dist-packages/tensorflow'\n"
    "Consider using the `--user` option or check the permissions.\n"
)
# https://github.com/abinit/abipy/issues/235
MISSPELT = (
    "PackagesNotFoundError: The following packages are not available from current channels:\n"
    "\n"
    "  - tenserflow\n"
)
# https://github.com/ASLP-lab/Facial-Animation (review 89, install: tensorflow-cpu on an M1)
CPU_NAME_ON_APPLE_SILICON = (
    "ERROR: Could not find a version that satisfies the requirement tensorflow-cpu (from"
    " versions: none)\n"
    "ERROR: No matching distribution found for tensorflow-cpu\n"
)
# composed: pip 9 refusing a manylinux2010 wheel
OLD_PIP_WHEEL = (
    "$ pip install tensorflow-2.1.0-cp37-cp37m-manylinux2010_x86_64.whl\n"
    "tensorflow-2.1.0-cp37-cp37m-manylinux2010_x86_64.whl is not a supported wheel on this"
    " platform.\n"
    "You are using pip version 9.0.1, however version 20.0.2 is available.\n"
)
# composed: a new pip told to fetch manylinux1 wheels for another machine
MANYLINUX1_ASKED = (
    "$ python3.7 -m pip --version\n"
    "pip 21.3.1 from /usr/local/lib/python3.7/site-packages/pip (python 3.7)\n"
    "$ python3.7 -m pip download --only-binary=:all: --platform manylinux1_x86_64"
    " --python-version 37 -d wheels tensorflow==2.4.1\n"
    "ERROR: Could not find a version that satisfies the requirement tensorflow==2.4.1 (from"
    " versions: 1.13.1, 1.14.0, 2.0.0a0, 2.0.0b0, 2.0.0b1)\n"
    "ERROR: No matching distribution found for tensorflow==2.4.1\n"
)
# composed
AARCH64_WHEEL = (
    "ERROR: tensorflow-2.15.0-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl is"
    " not a supported wheel on this platform.\n"
)
# composed: conda's classic solver through cudatoolkit, with the driver's CUDA below
CONDA_CUDA_TOO_OLD = (
    "UnsatisfiableError: The following specifications were found to be incompatible with your"
    " system:\n"
    "\n"
    "  - feature:/linux-64::__cuda==11.0=0\n"
    "  - tensorflow==2.11.0=cuda112py310he87a039_0 -> cudatoolkit[version='>=11.2,<12'] ->"
    " __cuda[version='>=11.2']\n"
    "\n"
    "Your installed version is: 11.0\n"
)
# composed: Poetry's lock from a Mac, installed on Linux
METAL_BY_POETRY = (
    "  - Installing tensorflow-metal (1.1.0)\n"
    "\n"
    "  RuntimeError\n"
    "\n"
    "  Unable to find installation candidates for tensorflow-metal (1.1.0)\n"
)
# composed: NVIDIA's index asked from a Mac
NVIDIA_INDEX_ON_A_MAC = (
    "$ pip install --extra-index-url https://pypi.nvidia.com nvidia-tensorflow[horovod]\n"
    "Looking in indexes: https://pypi.org/simple, https://pypi.nvidia.com\n"
    "ERROR: Could not find a version that satisfies the requirement nvidia-tensorflow[horovod]"
    " (from versions: none)\n"
    "ERROR: No matching distribution found for nvidia-tensorflow[horovod]\n"
)

# https://github.com/tensorflow/tensorflow/issues/40819
ESTIMATOR_OF_ANOTHER_RELEASE = "AttributeError: module 'tensorflow' has no attribute 'compat'\n"
# https://github.com/tensorflow/tensorflow/issues/28213
NO_KERAS = "AttributeError: module 'tensorflow' has no attribute 'keras'\n"
# composed: 'import tensorflow.keras' from a folder holding tensorflow.py
NOT_A_PACKAGE = (
    "ModuleNotFoundError: No module named 'tensorflow.python'; 'tensorflow' is not a package\n"
)
# composed: IPython 8's frames
IPYTHON_FRAME = (
    "File ~/gpu_test/tensorflow.py:2\n"
    "      1 import tensorflow as tf\n"
    "----> 2 print(tf.config.list_physical_devices('GPU'))\n"
    "\n"
    "AttributeError: partially initialized module 'tensorflow' has no attribute 'config' (most"
    " likely due to a circular import)\n"
)
# composed: an AWS Lambda layer's TensorFlow 2 running TF 1.x code
LAMBDA_LAYER = (
    "/opt/python/tensorflow/__init__.py\n"
    "[ERROR] AttributeError: module 'tensorflow' has no attribute 'Session'\n"
)

# https://github.com/kubeflow/kubeflow/issues/3094 (the table inside the notebook pod)
SMI_WITHOUT_CUDA_IN_A_POD = (
    "+-----------------------------------------------------------------------------+\n"
    "| NVIDIA-SMI 415.27       Driver Version: 415.27       CUDA Version: N/A      |\n"
    "|-------------------------------+----------------------+----------------------+\n"
    "|   0  GeForce RTX 208...  Off  | 00000000:02:00.0 Off |                  N/A |\n"
)
# https://github.com/tensorflow/tensorflow/issues/2039
UNVERSIONED_CUDNN = (
    "I tensorflow/stream_executor/dso_loader.cc:99] Couldn't open CUDA library libcudnn.so."
    " LD_LIBRARY_PATH: /usr/local/nvidia/lib:/usr/local/nvidia/lib64\n"
    "I tensorflow/stream_executor/cuda/cuda_dnn.cc:1562] Unable to load cuDNN DSO\n"
)
_HOOK = (
    "error running hook #0: error running hook: exit status 1, stdout: , stderr:"
    " Auto-detected mode as 'legacy'\n"
)
# composed: config.toml naming Ubuntu's ldconfig on a Debian host (nvidia-docker#587's fix)
LDCONFIG_MISSING = (
    _HOOK + "nvidia-container-cli: ldcache error: open failed: /sbin/ldconfig.real: no such file"
    " or directory: unknown.\n"
)
# composed: a device path given as NVIDIA_VISIBLE_DEVICES
DEVICE_PATH_ASKED = _HOOK + "nvidia-container-cli: device error: /dev/nvidia0: unknown device\n"
# composed
SINGULARITY_WITHOUT_NVML = (
    "$ singularity exec --nv tensorflow_2.11.0-gpu.sif nvidia-smi\n"
    "NVIDIA-SMI couldn't find libnvidia-ml.so library in your system. Please make sure that the"
    " NVIDIA Display Driver is properly installed and present in your system.\n"
)
# https://github.com/NVIDIA/nvidia-docker/issues/179
EMPTY_PROCESS_TABLE = (
    "+-----------------------------------------------------------------------------+\n"
    "| Processes:                                                       GPU Memory |\n"
    "|  GPU       PID  Type  Process name                               Usage      |\n"
    "|=============================================================================|\n"
    "+-----------------------------------------------------------------------------+\n"
)
_DEVICE = (
    "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616] Created device"
    " /job:localhost/replica:0/task:0/device:GPU:0 with 3994 MB memory:  -> device: 0, name:"
    " NVIDIA GeForce RTX 2060, pci bus id: 0000:01:00.0, compute capability: 7.5\n"
)
# composed: Compose stopping a training container it was asked to stop
COMPOSE_STOP = (
    "trainer-1  | " + _DEVICE + "trainer-1  | Epoch 1/50\n"
    "^CGracefully stopping... (press Ctrl+C again to force)\n"
    " ✔ Container proj-trainer-1  Stopped                                        10.3s\n"
    "trainer-1 exited with code 137\n"
)
# composed: VS Code's notebook after the kernel died
VSCODE_KERNEL_CRASHED = (
    _DEVICE + "Epoch 1/10\n"
    "The Kernel crashed while executing code in the current cell or a previous cell. \n"
)
# https://github.com/CorentinJ/Real-Time-Voice-Cloning/issues/170
PROCEDURE_NOT_FOUND = (
    '  File "C:\\Users\\Vee\\AppData\\Local\\Programs\\Python\\Python37\\lib\\imp.py", line'
    " 342, in load_dynamic\n"
    "    return _load(spec)\n"
    "ImportError: DLL load failed: The specified procedure could not be found.\n"
)
# https://github.com/iperov/DeepFaceLab/issues/5198
BARE_KERNEL_FAULT = "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered\n"
# https://github.com/google/deepvariant/issues/820
NO_DEVICE = (
    "2024-05-12 21:43:29.067332: E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:"
    "267] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
)


@pytest.mark.parametrize(
    ("log", "flags", "words"),
    [
        (REQUIRES_A_VIRTUALENV, ("--os", "macos"), "PIP_REQUIRE_VIRTUALENV"),
        (DISK_FULL, ("--os", "linux"), "--no-cache-dir"),
        (PERMISSION_DENIED, ("--os", "linux"), "virtual environment you own"),
        (MISSPELT, (), "'pip install tensorflow'"),
    ],
)
def test_an_install_that_never_happened_names_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, flags: tuple[str, ...], words: str
) -> None:
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert (first["id"], first["severity"]) == ("tensorflow-not-installed", "error")
    assert words in first["fix"]


def test_a_package_refused_for_its_python_range_names_the_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, REQUIRES_ANOTHER_PYTHON, "--os", "linux")["findings"][0]
    assert (first["id"], first["severity"]) == ("python-unsupported", "error")
    assert "spleeter" in first["title"] and "3.8.2" in first["title"]
    assert ">=3.6, <3.8" in first["fix"]


def test_a_real_tensorflow_name_is_no_misspelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = "ERROR: No matching distribution found for tensorflow-gpu\n"
    assert "misspelling" not in run(tmp_path, capsys, refused)["findings"][0]["title"]


def test_a_name_without_wheels_on_apple_silicon_names_the_one_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CPU_NAME_ON_APPLE_SILICON, "--os", "macos", "--arch", "arm64")
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "Install 'tensorflow' instead" in first["fix"]


def test_a_wheel_pip_is_too_old_for_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, OLD_PIP_WHEEL, "--os", "linux", "--python", "3.7")["findings"][0]
    assert "older than 19.0" in first["title"]
    assert "--upgrade pip" in first["fix"]


def test_a_list_ending_at_2_0_0b1_under_a_platform_flag_is_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, MANYLINUX1_ASKED, "--os", "linux")["findings"][0]
    assert "--platform" in first["title"]
    assert "manylinux2014_x86_64" in first["fix"]


def test_another_cpus_wheel_of_a_release_published_here_is_the_wrong_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, AARCH64_WHEEL, "--os", "linux", "--arch", "x86_64", "--python", "3.11"
    )
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert "tensorflow==2.15.0" in first["fix"]


def test_condas_cuda_chain_with_the_drivers_version_is_a_driver_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CONDA_CUDA_TOO_OLD, "--os", "linux")
    assert ids(document)[0] == "driver-too-old"
    assert "no-nvidia-driver" not in errors(document)


def test_apples_plugin_refused_by_poetry_off_a_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, METAL_BY_POETRY, "--os", "linux")["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "sys_platform == 'darwin'" in first["fix"]


def test_nvidias_packages_refused_on_a_mac_are_the_macs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, NVIDIA_INDEX_ON_A_MAC, "--os", "macos")
    assert errors(document)[:1] == ["macos-no-cuda"]
    assert "python-unsupported" not in ids(document)


@pytest.mark.parametrize(
    ("log", "flags", "cause"),
    [
        (ESTIMATOR_OF_ANOTHER_RELEASE, ("--tf", "2.0.0"), "dependency-version-mismatch"),
        (NO_KERAS, ("--tf", "2.0.0a0", "--os", "macos"), "wrong-python-environment"),
        (NOT_A_PACKAGE, (), "wrong-python-environment"),
        (IPYTHON_FRAME, ("--os", "linux"), "wrong-python-environment"),
    ],
)
def test_a_module_that_is_not_tensorflow_is_named_before_the_platform(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    flags: tuple[str, ...],
    cause: str,
) -> None:
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert (first["id"], first["severity"]) == (cause, "error")
    assert "tf.__file__" in first["fix"]


def test_a_name_of_tensorflow_1_missing_from_a_layers_tensorflow_is_tf1_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, LAMBDA_LAYER, "--os", "linux")["findings"][0]
    assert "tf.compat.v1" in first["title"]
    # tf.config before 1.14 is that old release's own question, not a broken import
    old = run(tmp_path, capsys, "AttributeError: module 'tensorflow' has no attribute 'config'\n")
    assert "wrong-python-environment" not in ids(old)


def test_nvidia_smi_in_a_pod_without_cuda_is_the_compute_capability_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, SMI_WITHOUT_CUDA_IN_A_POD, "--container", "--tf", "1.13.1")
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert "NVIDIA_DRIVER_CAPABILITIES=compute,utility" in first["fix"]
    assert "--gpus all" not in first["fix"]


def test_the_unversioned_cudnn_name_leads_with_its_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, UNVERSIONED_CUDNN, "--container")["findings"][0]
    assert first["id"] == "cudnn-not-found"
    assert first["fix"].startswith("libcudnn.so is the unversioned name")


@pytest.mark.parametrize(
    ("log", "flags", "words"),
    [
        (LDCONFIG_MISSING, ("--os", "linux"), '"@/sbin/ldconfig" on Debian'),
        (DEVICE_PATH_ASKED, ("--os", "linux"), "nvidia-smi -L"),
        (SINGULARITY_WITHOUT_NVML, ("--os", "linux", "--container"), "nvliblist.conf"),
    ],
)
def test_a_container_left_without_the_gpu_gets_the_fix_of_its_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, flags: tuple[str, ...], words: str
) -> None:
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert words in first["fix"]


def test_an_empty_process_table_in_a_container_is_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inside = run(tmp_path, capsys, EMPTY_PROCESS_TABLE, "--container")
    assert ids(inside)[0] == "benign-log-noise"
    assert "Task Manager" not in inside["verdict"]
    # on a host it says nothing of its own
    assert "benign-log-noise" not in ids(
        run(tmp_path, capsys, EMPTY_PROCESS_TABLE, "--os", "linux")
    )


def test_a_container_the_engine_was_asked_to_stop_was_not_out_of_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stopped = run(tmp_path, capsys, COMPOSE_STOP, "--os", "linux", "--container")
    assert "gpu-out-of-memory" not in ids(stopped)
    # with no stop asked for, the same status is the kernel's out-of-memory killer
    unasked = "trainer-1  | " + _DEVICE + "trainer-1 exited with code 137\n"
    assert "gpu-out-of-memory" in ids(run(tmp_path, capsys, unasked, "--os", "linux"))


def test_a_notebook_kernel_vs_code_says_crashed_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, capsys, VSCODE_KERNEL_CRASHED, "--os", "linux")["exit"] == 12


def test_a_dll_of_another_version_is_no_missing_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, PROCEDURE_NOT_FOUND, "--os", "windows")["findings"][0]
    assert first["id"] == "cuda-version-mismatch"
    assert "where cudart64_*.dll" in first["fix"]
    # from 2.1 TensorFlow links no CUDA at import: Microsoft's runtime first
    later = run(tmp_path, capsys, PROCEDURE_NOT_FOUND, "--os", "windows", "--tf", "2.3")
    assert ids(later)[0] == "windows-vc-runtime-missing"


def test_a_kernel_fault_pasted_alone_on_windows_is_the_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, BARE_KERNEL_FAULT, "--os", "windows", "--gpu", "GTX 1050 Ti")
    assert ids(document)[0] == "gpu-kernel-failed"
    assert "windows-native-gpu-unsupported" not in ids(document)
    # PyTorch's words for the same status are PyTorch's
    torch = "RuntimeError: CUDA error: an illegal memory access was encountered\n"
    assert "gpu-kernel-failed" not in ids(run(tmp_path, capsys, torch, "--os", "linux"))


def test_no_device_beside_another_makers_gpu_hides_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, NO_DEVICE, "--os", "linux", "--gpu", "Vega 20")
    hidden = [f for f in document["findings"] if f["id"] == "cuda-visible-devices-hides-gpus"]
    assert ids(document)[0] == "no-nvidia-gpu"
    assert all(f["severity"] == "info" for f in hidden)


def test_a_jetson_tk1_is_32_bit_arm(capsys: pytest.CaptureFixture[str]) -> None:
    document = plan(capsys, "--gpu 'Jetson TK1'")
    assert document["findings"][0]["id"] == "platform-unsupported"
    assert "armv7l" in document["findings"][0]["title"]
    assert plan(capsys, "--gpu 'Jetson Nano'")["verdict"] != "none"


def test_an_nvidia_gpu_on_macos_is_an_intel_macs(capsys: pytest.CaptureFixture[str]) -> None:
    document = plan(capsys, "--os macos --gpu 'NVIDIA GeForce GT 750M'")
    first = document["findings"][0]
    assert first["id"] == "macos-no-cuda"
    assert "Apple silicon" not in first["fix"]
    assert "compute-capability-unsupported" not in [f["id"] for f in document["findings"]]


def test_a_kepler_drivers_assumption_carries_its_last_branch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, "--os linux --gpu 'Tesla K80' --python 3.10")
    driver = next(a for a in document["assumptions"] if a["fact"] == "driver")
    assert "of branch R470 or older" in driver["assumed"]


def test_a_pinned_release_out_for_two_reasons_names_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(
        capsys,
        "--os linux --python 3.8 --gpu 'NVIDIA GeForce RTX 2080 SUPER' --driver 470.182.03"
        " --tf 2.16",
    )
    assert {"python-unsupported", "driver-too-old"} <= set(errors(document))


def test_ptxas_advice_for_a_kepler_past_its_branch_goes_back_to_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, "--os linux --gpu 'Tesla K80' --driver 510.47.03")
    ptxas = next(f for f in document["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["fix"].startswith("Use the R470 branch")
    assert "Update the driver to one supporting" not in ptxas["fix"]


def test_a_wsl_plan_names_the_windows_its_driver_needs(capsys: pytest.CaptureFixture[str]) -> None:
    document = plan(capsys, "--os wsl2 --gpu 'RTX 3060'")
    driver = next(a for a in document["assumptions"] if a["fact"] == "driver")
    assert "Windows (10 21H2 or 11)" in driver["assumed"]
    assert "wsl --update" in driver["assumed"]


# https://github.com/minimaxir/textgenrnn/issues/239
RNN_ON_COLAB = "UnknownError:    Fail to find the dnn implementation.\n\t [[{{node CudnnRNN}}]]\n"


def test_colab_stated_by_its_variable_reads_as_colab(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, RNN_ON_COLAB, "--env", "COLAB_GPU=1")
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("cudnn-version-mismatch", "error")
    assert "Colab" in first["title"]


# https://github.com/tensorflow/tensorflow/issues/26234 (its first lines)
DEVICE_QUERY = (
    "Detected 2 CUDA Capable device(s)\n"
    "\n"
    'Device 0: "GeForce RTX 2080 Ti"\n'
    "  CUDA Driver Version / Runtime Version          10.1 / 9.0\n"
    "  CUDA Capability Major/Minor version number:    7.5\n"
    "  Total amount of global memory:                 11264 MBytes (11811160064 bytes)\n"
)


def test_cudas_device_query_names_the_gpu_and_its_compute_capability(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpus = run(tmp_path, capsys, DEVICE_QUERY, "--os", "windows")["facts"]["gpus"]
    assert [(g["name"], g["compute_capability"]) for g in gpus] == [("GeForce RTX 2080 Ti", "7.5")]


def test_colabs_own_upgrade_is_named_beside_a_tensorflow_installed_over_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, RNN_ON_COLAB, "--env", "COLAB_GPU=1")["findings"][0]
    # googlecolab/colabtools#3011: the preinstalled TensorFlow was the one that failed
    assert "where the preinstalled one is what fails" in first["fix"]
    assert "%tensorflow_version" in first["fix"]
