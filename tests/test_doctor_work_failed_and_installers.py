"""The doctor on review 87's threads: GPU work that failed in words the doctor read too narrowly
(a cuBLAS handle without the device line, GEMV on a dimension in the millions, the display's
watchdog, XLA's libdevice pasted without its prefix, a GEMM on a GPU newer than the build, a
crash that zsh, fish, CPython or an IDE reports), installers' own refusals (a one-OS name, a
wheel for another Python, conda's chain ending in another Python, nvidia-pyindex off Linux), the
container hook's newer 'detection error', and the question to ask a release that lacks it.

Logs marked with a thread's URL are that thread's paste, verbatim (long lines split here only
to fit the source); those marked 'composed' are written in the tool's or TensorFlow's own words
(their source files named), for a case no thread showed alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids

from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document

# https://developer.aliyun.com/article/994278 (the device line pasted away)
CUBLAS_HANDLE = (
    "2021-08-10 16:38:04.917501: E tensorflow/stream_executor/cuda/cuda_blas.cc:226] failed to"
    " create cublas handle: CUBLAS_STATUS_NOT_INITIALIZED\n"
    "2021-08-10 16:38:04.960048: E tensorflow/stream_executor/cuda/cuda_blas.cc:226] failed to"
    " create cublas handle: CUBLAS_STATUS_NOT_INITIALIZED\n"
    "2021-08-10 16:38:04.992389: W tensorflow/stream_executor/stream.cc:1455] attempting to"
    " perform BLAS operation using StreamExecutor without BLAS support\n"
)

# https://github.com/tensorflow/tensorflow/issues/54463
GEMV_TOO_LARGE = (
    "tensorflow.python.framework.errors_impl.InternalError: Blas xGEMV launch failed :"
    " a.shape=[1,1638400,3], b.shape=[1,3,1], m=1638400, n=1, k=3 [Op:MatMul]\n"
)

# https://github.com/hkust-vgd/pointwise/issues/9
LAUNCH_TIMEOUT = (
    "2018-11-06 11:32:27.452152: E tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:706]"
    " failed to record completion event; therefore, failed to create inter-stream dependency\n"
    "2018-11-06 11:32:27.452268: E tensorflow/stream_executor/cuda/cuda_event.cc:48] Error"
    " polling for event status: failed to query event: CUDA_ERROR_LAUNCH_TIMEOUT: the launch"
    " timed out and was terminated\n"
    "2018-11-06 11:32:27.452292: F tensorflow/core/common_runtime/gpu/gpu_event_mgr.cc:274]"
    " Unexpected Event status: 1\n"
)

# https://github.com/tensorflow/models/issues/10673 (native Windows, TensorFlow's XLA)
LIBDEVICE_UNPREFIXED = "Instructions for updating:\n" + (
    "error: Can't find libdevice directory ${CUDA_DIR}/nvvm/libdevice\n" * 3
)

# composed: an RTX 3080 under 2.3's CUDA 10.1 (gpu_device.cc's device line, then the GEMM's
# InternalError from cuda_blas.cc), as tensorflow#46093 shows for cuDNN
GEMM_ON_A_NEWER_GPU = (
    "2020-11-02 19:40:55.380112: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1402]"
    " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 8581 MB"
    " memory) -> physical GPU (device: 0, name: GeForce RTX 3080, pci bus id: 0000:0a:00.0,"
    " compute capability: 8.6)\n"
    "tensorflow.python.framework.errors_impl.InternalError:  Blas GEMM launch failed :"
    " a.shape=(32, 784), b.shape=(784, 128), m=32, n=128, k=784\n"
)

DEVICE_CREATED = (
    "2021-07-14 22:03:51.227801: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1418]"
    " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 6611 MB"
    " memory) -> physical GPU (device: 0, name: NVIDIA GeForce RTX 3070, pci bus id:"
    " 0000:01:00.0, compute capability: 8.6)\n"
    "2021-07-14 22:03:53.601944: I tensorflow/stream_executor/platform/default/dso_loader.cc:53]"
    " Successfully opened dynamic library libcudnn.so.8\n"
)


def test_a_cublas_handle_that_failed_shows_the_gpu_was_reached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorFlow creates cuBLAS's handle only on a GPU device's stream, as it does cuDNN's
    document = run(tmp_path, capsys, CUBLAS_HANDLE, "--os", "linux", "--python", "3.9")
    assert ids(document)[0] == "gpu-out-of-memory"
    assert document["verdict"].startswith("TensorFlow reached the GPU, but cuBLAS")


def test_gemv_on_a_dimension_in_the_millions_is_cublas_not_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, GEMV_TOO_LARGE, "--os", "linux", "--tf", "2.8.0")
    assert errors(document) == ["gpu-kernel-failed"]
    assert "m=1638400" in document["findings"][0]["title"]
    assert "Split the product" in document["findings"][0]["fix"]
    assert document["verdict"].startswith("TensorFlow reached the GPU, but cuBLAS")


def test_gemv_of_an_ordinary_size_stays_the_memory_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ordinary = GEMV_TOO_LARGE.replace("1638400", "16384")
    assert ids(run(tmp_path, capsys, ordinary, "--os", "linux"))[0] == "gpu-out-of-memory"


def test_a_kernel_the_displays_watchdog_ended_says_so_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, LAUNCH_TIMEOUT)
    top = document["findings"][0]
    assert top["id"] == "gpu-kernel-failed"
    assert "watchdog" in top["title"]
    assert top["fix"].startswith("The GPU also drives a display")


def test_libdevice_pasted_without_its_prefix_is_a_cuda_build_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # only a CUDA build's XLA looks for libdevice: not a 2.11+ build on native Windows
    document = run(tmp_path, capsys, LIBDEVICE_UNPREFIXED, "--os", "windows")
    assert ids(document)[0] == "xla-toolchain-missing"
    assert "windows-native-gpu-unsupported" not in ids(document)
    assert document["findings"][0]["fix"].startswith("Set XLA_FLAGS=--xla_gpu_cuda_data_dir")


def test_a_gemm_that_fails_on_a_gpu_newer_than_the_build_is_its_missing_kernels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, GEMM_ON_A_NEWER_GPU, "--os", "linux", "--tf", "2.3.1")
    assert ids(document)[0] == "compute-capability-unsupported"
    assert document["exit"] == ExitCode.TF_BROKEN


@pytest.mark.parametrize(
    "notice",
    [
        # zsh's and fish's own words
        "zsh: segmentation fault (core dumped)  python train.py",
        "fish: Job 1, 'python train.py' terminated by signal SIGSEGV (Address boundary error)",
        # CPython's faulthandler (python -X faulthandler), and PyCharm's exit code on Windows
        "Fatal Python error: Segmentation fault",
        "Process finished with exit code -1073741819 (0xC0000005)",
    ],
)
def test_a_crash_after_the_gpu_in_other_shells_words_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], notice: str
) -> None:
    # composed: the device lines (gpu_device.cc, dso_loader.cc), then each tool's notice
    document = run(tmp_path, capsys, DEVICE_CREATED + notice + "\n", "--os", "linux")
    assert "the process crashed" in document["verdict"]
    assert document["exit"] == ExitCode.TF_BROKEN


def test_the_oom_killers_kill_stays_no_crash_of_the_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, DEVICE_CREATED + "zsh: killed     python train.py\n")
    assert "crashed" not in document["verdict"]


# https://github.com/romilbert/samformer/issues/2
MACOS_NAME_REFUSED = (
    "ERROR: Could not find a version that satisfies the requirement tensorflow-macos==2.13.0"
    " (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow-macos==2.13.0\n"
)


@pytest.mark.parametrize("flags", [("--os", "linux"), ("--os", "windows")])
def test_a_name_published_for_one_os_is_the_cause_off_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, MACOS_NAME_REFUSED, *flags)
    assert errors(document)[0] == "platform-unsupported"
    assert "Install 'tensorflow==2.13.0' instead" in document["findings"][0]["fix"]
    assert "python-unsupported" not in errors(document)


def test_on_a_mac_the_same_refusal_is_still_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, MACOS_NAME_REFUSED, "--os", "macos", "--python", "3.12")
    assert ids(document)[0] == "python-unsupported"


# https://github.com/hplgit/doconce/issues/175 (the settling comment's own run)
CONDA_CHAIN_TO_ANOTHER_PYTHON = (
    "$ conda create -n test python=3.7 tensorflow\n"
    "Solving environment: failed\n"
    "\n"
    "UnsatisfiableError: The following specifications were found to be in conflict:\n"
    "  - python=3.7\n"
    "  - tensorflow -> protobuf==3.0.0b2 -> python=2.7 -> readline=6.2\n"
    "  - tensorflow -> protobuf==3.0.0b2 -> python=2.7 -> sqlite=3.13\n"
    'Use "conda info <package>" to see the dependencies for each package.\n'
)


def test_condas_chain_from_tensorflow_to_another_python_is_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CONDA_CHAIN_TO_ANOTHER_PYTHON, "--python", "3.7")
    assert errors(document) == ["python-unsupported"]


# https://github.com/NVIDIA/tensorflow/issues/10
NVIDIA_PYINDEX_ON_WINDOWS = (
    "(base) d:\\tools\\Anaconda3>pip install nvidia-pyindex\n"
    "Collecting nvidia-pyindex\n"
    "    Traceback (most recent call last):\n"
    '        raise OSError("Your operating system is not supported by "\n'
    "    OSError: Your operating system is not supported by `nvidia-pyindex`: win32.\n"
    "    Only Linux systems are supported.\n"
)


def test_nvidia_pyindex_refusing_windows_is_the_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, NVIDIA_PYINDEX_ON_WINDOWS)
    assert errors(document) == ["platform-unsupported"]
    assert "WSL2" in document["findings"][0]["fix"]


@pytest.mark.parametrize(
    ("log", "command"),
    [
        # https://github.com/Qengineering/TensorFlow-JetsonNano/issues/2
        (
            "ERROR: tensorflow-2.3.1-cp36-cp36m-linux_aarch64.whl is not a supported wheel on this"
            " platform.\n",
            "'python3.6 -m pip install tensorflow-2.3.1-cp36-cp36m-linux_aarch64.whl'",
        ),
        # https://github.com/tensorflow/tensorflow/issues/7887
        (
            "C:\\>pip install --upgrade C:\\Temp\\tensorflow-1.0.0rc2-cp35-cp35m-win_amd64.whl\n"
            "tensorflow-1.0.0rc2-cp35-cp35m-win_amd64.whl is not a supported wheel on this"
            " platform.\n",
            "'py -3.5 -m pip install tensorflow-1.0.0rc2-cp35-cp35m-win_amd64.whl'",
        ),
    ],
)
def test_a_refused_wheel_names_the_python_whose_pip_installs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, command: str
) -> None:
    document = run(tmp_path, capsys, log)
    top = document["findings"][0]
    assert top["id"] == "python-unsupported"
    assert command in top["fix"]


@pytest.mark.parametrize(
    ("log", "finding_id"),
    [
        # https://github.com/pop-os/pop/issues/888
        (
            "nvidia-container-cli: detection error: driver error: failed to process request\n",
            "no-nvidia-driver",
        ),
        # https://github.com/NVIDIA/nvidia-docker/issues/1348 (the hook's line, unescaped)
        ("nvidia-container-cli: detection error: nvml error: unknown error\n", "no-nvidia-driver"),
        # https://github.com/NVIDIA/nvidia-container-toolkit/issues/293
        (
            "docker: Error response from daemon: OCI runtime create failed: container_linux.go:"
            "367: starting containvidia-container-cli: detection error: nvml error: function"
            " not found: unknown.\n",
            "driver-too-old",
        ),
    ],
)
def test_the_container_hooks_detection_stage_is_read_as_its_initialization_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, finding_id: str
) -> None:
    document = run(tmp_path, capsys, log)
    assert errors(document)[0] == finding_id
    assert document["gpu_used"] == "no"


@pytest.mark.parametrize(
    "log",
    [
        # composed: the AttributeError of a 2.0 (no config.list_physical_devices) and of a 1.13
        # (no tf.config), as Python words them
        "AttributeError: module 'tensorflow_core._api.v2.config' has no attribute"
        " 'list_physical_devices'\n",
        "AttributeError: module 'tensorflow' has no attribute 'config'\n",
    ],
)
def test_a_release_without_the_question_is_asked_in_device_libs_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    document = run(tmp_path, capsys, ">>> import tensorflow as tf\n" + log)
    assert "device_lib.list_local_devices()" in document["verdict"]


# composed: TensorFlow 1.14's records (dso_loader.cc, gpu_device.cc) of a CUDA build missing
# cuDNN, for a user who names the release as 'tensorflow 1.14.0' (1.14's CPU-only name)
CUDA_BUILD_WITHOUT_CUDNN = (
    "2019-08-21 17:30:12.441702: I tensorflow/stream_executor/platform/default/dso_loader.cc:42]"
    " Successfully opened dynamic library libcuda.so.1\n"
    "2019-08-21 17:30:12.470115: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1640] Found"
    " device 0 with properties: \n"
    "name: GeForce GTX 1080 Ti major: 6 minor: 1 memoryClockRate(GHz): 1.582\n"
    "2019-08-21 17:30:12.471012: W tensorflow/stream_executor/platform/default/dso_loader.cc:53]"
    " Could not dlopen library 'libcudnn.so.7'; dlerror: libcudnn.so.7: cannot open shared object"
    " file: No such file or directory\n"
    "2019-08-21 17:30:12.471040: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1663] Cannot"
    " dlopen some GPU libraries. Skipping registering GPU devices...\n"
)


def test_a_cuda_build_at_work_outranks_a_cpu_only_distribution_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CUDA_BUILD_WITHOUT_CUDNN, "--tf", "tensorflow 1.14.0")
    assert errors(document) == ["cudnn-not-found"]
    stated = next(f for f in document["findings"] if f["id"] == "cpu-only-tensorflow")
    assert stated["severity"] == "warning"


def test_a_cpu_only_distribution_named_beside_a_log_without_cuda_stays_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty_list = ">>> tf.config.list_physical_devices('GPU')\n[]\n"
    document = run(tmp_path, capsys, empty_list, "--tf", "tensorflow-cpu 2.15.0")
    assert errors(document)[0] == "cpu-only-tensorflow"


# composed: pip's retry warning (urllib3's words), then the install and TensorFlow's own records
RETRIED_THEN_INSTALLED = (
    '(venv) $ pip install "tensorflow[and-cuda]==2.15.1"\n'
    "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after"
    " connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='pypi.org', port=443):"
    " Read timed out. (read timeout=15)\")': /simple/tensorflow/\n"
    "Collecting tensorflow[and-cuda]==2.15.1\n"
    "Successfully installed nvidia-cudnn-cu12-8.9.4.25 tensorflow-2.15.1\n"
)


def test_pips_retry_on_a_network_that_came_back_is_not_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, RETRIED_THEN_INSTALLED, "--os", "linux")
    assert "tensorflow-not-installed" not in ids(document)
    failed = RETRIED_THEN_INSTALLED.split("Collecting")[0]
    assert errors(run(tmp_path, capsys, failed, "--os", "linux")) == ["tensorflow-not-installed"]


def test_a_download_the_network_cut_is_read_from_pips_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: the last line of pip's traceback (urllib3's exception) for a download cut
    log = (
        "pip._vendor.urllib3.exceptions.ReadTimeoutError:"
        " HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert errors(document) == ["tensorflow-not-installed"]
    assert "--timeout 300" in document["findings"][0]["fix"]
