"""Lines other libraries write beside TensorFlow: what they say about TensorFlow's GPU."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")


@pytest.mark.parametrize(
    "line",
    [
        # NVIDIA-Merlin/NVTabular#967 (verbatim)
        "MemoryError: std::bad_alloc: CUDA error at: /usr/include/rmm/mr/device/"
        "cuda_memory_resource.hpp:69: cudaErrorMemoryAllocation out of memory",
        # NVIDIA-Merlin/NVTabular#1400 (verbatim, cut where the paste was)
        "MemoryError: std::bad_alloc: CUDA error at: ../include/rmm/mr/device/cuda_memory_r",
        # NVIDIA-Merlin/models#436 (verbatim)
        "`std::bad_alloc: out_of_memory: CUDA error`",
    ],
)
def test_rapids_allocator_running_out_beside_tensorflow_is_gpu_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """The maintainers' answer in each thread: TensorFlow took most of the GPU when it started,
    so cap its share."""
    first = doctor(tmp_path, capsys, line + "\n")["findings"][0]
    assert (first["id"], first["severity"]) == ("gpu-out-of-memory", "warning")
    assert "TF_FORCE_GPU_ALLOW_GROWTH" in first["fix"]


# DeepLabCut#2115 (verbatim lines): only TensorRT's libraries missing, the dlerror printing an
# LD_LIBRARY_PATH with a CUDA 10.0 folder, TensorFlow 2.10's loader at work.
TENSORRT_BESIDE_A_CUDA_10_FOLDER = (
    "2023-02-20 11:35:53.200200: W tensorflow/stream_executor/platform/default/dso_loader.cc:64]"
    " Could not load dynamic library 'libnvinfer.so.7'; dlerror: libnvinfer.so.7: cannot open"
    " shared object file: No such file or directory; LD_LIBRARY_PATH:"
    " /usr/local/cuda-10.0/lib64:/usr/local/cuda-10.0/extras/CUPTI/lib64:/$\n"
    "2023-02-20 11:35:53.200276: W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38] TF-TRT"
    " Warning: Cannot dlopen some TensorRT libraries. If you would like to use Nvidia GPU with"
    " TensorRT, please make sure the missing libraries mentioned above are installed properly.\n"
)


def test_a_cuda_folder_on_the_path_is_not_the_cuda_tensorflow_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's loader ran and no CUDA library failed: the CUDA it opened is another one
    than the folder the path names, so the release-against-folder mismatch is only a note."""
    doc = doctor(tmp_path, capsys, TENSORRT_BESIDE_A_CUDA_10_FOLDER)
    assert not [f for f in doc["findings"] if f["severity"] != "info"]
    # with the CUDA runtime failing too, the folder's version is what the loader found
    failing = TENSORRT_BESIDE_A_CUDA_10_FOLDER + (
        "2023-02-20 11:35:53.100000: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcudart.so.11.0'; dlerror:"
        " libcudart.so.11.0: cannot open shared object file: No such file or directory;"
        " LD_LIBRARY_PATH: /usr/local/cuda-10.0/lib64\n"
    )
    first = doctor(tmp_path, capsys, failing)["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-version-mismatch", "error")


def test_the_profilers_cupti_failures_are_harmless_for_gpu_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A profiler that cannot trace through CUPTI loses the profile, not the GPU (lines from
    a TensorFlow MNIST run whose steps go on after them, TF 1.14)."""
    log = (
        "2019-07-22 01:04:15.406075: W tensorflow/core/profiler/lib/profiler_session.cc:182]"
        " Encountered error while starting profiler: Unavailable: CUPTI error:"
        " CUPTI_ERROR_NOT_INITIALIZED\n"
        "2019-07-22 01:04:15.417671: E tensorflow/core/platform/default/device_tracer.cc:68]"
        " CUPTI error: CUPTI_ERROR_INVALID_PARAMETER\n"
        "Accuracy at step 700: 0.9616\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert [(f["id"], f["severity"]) for f in doc["findings"]] == [("benign-log-noise", "info")]
    privileges = log.replace("CUPTI_ERROR_NOT_INITIALIZED", "CUPTI_ERROR_INSUFFICIENT_PRIVILEGES")
    fix = doctor(tmp_path, capsys, privileges)["findings"][0]["fix"]
    assert "NVreg_RestrictProfilingToAdminUsers=0" in fix
    # (review 58) the title names the code the line has, and no driver call it does not
    tracer = (
        "2023-06-01 09:12:44.059702: E tensorflow/compiler/xla/backends/profiler/gpu/"
        "cupti_tracer.cc:1730] function cupti_interface_->EnableCallback( 0 , subscriber_,"
        " CUPTI_CB_DOMAIN_DRIVER_API, cbid)failed with error CUPTI_ERROR_INSUFFICIENT_PRIVILEGES\n"
    )
    title = doctor(tmp_path, capsys, tracer)["findings"][0]["title"]
    assert "(CUPTI_ERROR_INSUFFICIENT_PRIVILEGES)" in title and "cuInit" not in title


def test_another_cuda_error_through_rapids_allocator_is_not_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RMM throws its bad_alloc for any CUDA error of an allocation: only the out-of-memory
    code is memory (written, in RMM's wording; review 30)."""
    log = (
        "MemoryError: std::bad_alloc: CUDA error at: /opt/conda/include/rmm/mr/device/"
        "cuda_memory_resource.hpp:70: cudaErrorInvalidDevice invalid device ordinal\n"
    )
    found = doctor(tmp_path, capsys, log)["findings"]
    assert "gpu-out-of-memory" not in {f["id"] for f in found}


def test_a_crash_after_a_cupti_error_is_still_the_failure_the_verdict_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The profiler's CUPTI note does not hide the crash under it, nor read a fatal check on a
    CUPTI status as harmless (written, in TensorFlow's wording; review 30)."""
    log = (
        "2020-05-06 10:00:00.000000: E tensorflow/core/profiler/internal/gpu/cupti_tracer.cc:1430]"
        " function cupti_interface_->EnableCallback( 0 , subscriber_, CUPTI_CB_DOMAIN_DRIVER_API,"
        " cbid)failed with error CUPTI_ERROR_INVALID_PARAMETER\n"
        "Segmentation fault (core dumped)\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert "Segmentation fault (core dumped)" in doc["verdict"]
    fatal = (
        "2020-05-06 10:00:00.000000: F tensorflow/core/profiler/internal/gpu/cupti_tracer.cc:1513]"
        " Check failed: status == CUPTI_SUCCESS (CUPTI_ERROR_NOT_INITIALIZED)\n"
    )
    found = doctor(tmp_path, capsys, fatal, "--os", "linux")["findings"]
    assert "benign-log-noise" not in {f["id"] for f in found}


def test_a_cuda_folder_beside_tensorflow_saying_it_has_no_gpu_stays_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's own count of 0 GPUs leaves the CUDA it found in question (review 30)."""
    log = TENSORRT_BESIDE_A_CUDA_10_FOLDER + "Num GPUs Available:  0\n"
    doc = doctor(tmp_path, capsys, log, "--tf", "2.10.1", "--os", "linux")
    assert doc["gpu_used"] == "no"
    assert ("cuda-version-mismatch", "error") in [(f["id"], f["severity"]) for f in doc["findings"]]


def test_directml_and_metal_lines_are_not_described_as_cuda_or_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # microsoft/tensorflow-directml#409's loader lines (DirectML's DLLs, no CUDA), and
    # tensorflow-metal's NUMA line on a Mac (tensorflow#51986)
    directml = (
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:99] Successfully opened"
        " dynamic library dxgi.dll\n"
        "I tensorflow/core/common_runtime/dml/dml_device_cache.cc:250] DirectML device"
        " enumeration: found 1 compatible adapters.\n"
    )
    titles = [f["title"] for f in doctor(tmp_path, capsys, directml)["findings"]]
    assert titles and not any("CUDA" in t for t in titles)
    metal = (
        "I tensorflow/core/common_runtime/pluggable_device/pluggable_device_factory.cc:305]"
        " Could not identify NUMA node of platform GPU ID 0, defaulting to 0. Your kernel may not"
        " have been built with NUMA support.\n"
    )
    numa = doctor(tmp_path, capsys, metal, "--os", "macos")["findings"]
    assert numa and "macOS" in numa[0]["title"]


def test_ldd_listing_cuda_libraries_not_found_is_read_as_the_loader_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ ldd /usr/bin/tensorflow_model_server\n"
        "\tlinux-vdso.so.1 =>  (0x00007ffe0e1b7000)\n"
        "\tlibcublas.so.10 => not found\n"
        "\tlibcuda.so.1 => /usr/local/nvidia/lib64/libcuda.so.1 (0x00007f9701ff3000)\n"
        "\tlibcudnn.so.7 => not found\n"
        "\tlibcudart.so.10.0 => not found\n"
    )
    found = {f["id"] for f in doctor(tmp_path, capsys, log)["findings"]}
    assert found & {"cuda-libs-not-found", "cuda-version-mismatch"}
    assert found & {"cudnn-not-found", "cudnn-version-mismatch"}


def test_ldd_of_another_library_says_nothing_about_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorRT is optional: its library missing cuDNN is not TensorFlow's loader failing
    log = (
        "$ ldd /usr/lib/x86_64-linux-gnu/libnvinfer.so.7\n"
        "\tlibcudnn.so.8 => not found\n"
        "\tlibcublas.so.11 => not found\n"
    )
    found = {f["id"] for f in doctor(tmp_path, capsys, log)["findings"]}
    assert not found & {"cudnn-not-found", "cuda-libs-not-found", "cuda-version-mismatch"}


def test_ldd_of_a_library_in_a_folder_named_tensorflow_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ ldd ~/miniconda3/envs/tensorflow/lib/python3.10/site-packages/torch/lib/"
        "libtorch_cuda.so\n"
        "\tlibcudnn.so.8 => not found\n"
    )
    found = {f["id"] for f in doctor(tmp_path, capsys, log)["findings"]}
    assert not found & {"cudnn-not-found", "cudnn-version-mismatch"}


def test_a_cudnn_wheel_pytorch_pinned_is_not_replaced_by_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """torch 2.4.0 pins nvidia-cudnn-cu12==9.1.0.70 and TensorFlow 2.17.0's [and-cuda]
    ==8.9.7.29 (both wheels' METADATA): reinstalling TensorFlow's would break PyTorch, so the
    fix is an environment of its own (review 64, D16; the dlopen line as TF 2.17 logs it)."""
    listing = (
        "$ pip list\n"
        "nvidia-cudnn-cu12             9.1.0.70\n"
        "tensorflow                    2.17.0\n"
        "{torch}"
        "2024-08-20 10:01:14.344810: I external/local_tsl/tsl/platform/default/dso_loader.cc:70]"
        " Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open"
        " shared object file: No such file or directory\n"
    )
    flags = ("--os", "linux", "--python", "3.11", "--tf", "2.17.0")
    shared = listing.format(torch="torch                         2.4.0\n")
    first = doctor(tmp_path, capsys, shared, *flags)["findings"][0]
    assert first["id"] == "cudnn-version-mismatch"
    assert "torch 2.4.0" in first["fix"] and "environment of its own" in first["fix"]
    assert "Simplest" not in first["fix"]
    alone = doctor(tmp_path, capsys, listing.format(torch=""), *flags)["findings"][0]
    assert "tensorflow[and-cuda]==2.17.0" in alone["fix"] and "torch" not in alone["fix"]


# the report Hugging Face's issue template asks for ('transformers-cli env'), as in
# huggingface/transformers#36410; its '(False)' is TensorFlow's own list_physical_devices('GPU')
TRANSFORMERS_ENV = (
    "- `transformers` version: 4.46.2\n"
    "- Platform: Linux-5.15.0-122-generic-x86_64-with-glibc2.35\n"
    "- Python version: 3.11.10\n"
    "- PyTorch version (GPU?): 2.5.1+cu124 (True)\n"
    "- Tensorflow version (GPU?): 2.18.0 ({answer})\n"
    "- Using GPU in script?: yes\n"
    "- GPU type: NVIDIA GeForce RTX 4090\n"
)


def test_transformers_env_saying_tensorflow_has_no_gpu_is_tensorflows_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow 2.18.0 '(False)' beside a driver: its CUDA libraries are the likely cause, and
    the report's platform line and GPU type are the machine's (review 67, tf-adjacent a16)."""
    log = TRANSFORMERS_ENV.replace("{answer}", "False")
    doc = doctor(tmp_path, capsys, log, "--driver", "550.127.05")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-libs-not-found", "warning")
    assert "2.18.0" in first["title"] and "tensorflow[and-cuda]==2.18.0" in first["fix"]
    steps = " ".join(doc["next_steps"])
    assert "--os" not in steps and "--gpu" not in steps
    # '(True)': TensorFlow lists its GPU
    works = doctor(tmp_path, capsys, TRANSFORMERS_ENV.replace("{answer}", "True"))
    assert not any(f["severity"] == "error" for f in works["findings"])


def test_tensorflow_ios_own_numbering_is_what_the_fix_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow-io is numbered 0.N, and its table ends at TensorFlow 2.17: a fix saying it
    follows TensorFlow's X.Y sends a 2.18 user after a release that does not exist (review 67,
    tf-adjacent a3; tensorflow/io#2104)."""
    log = (
        "NotImplementedError: unable to open file: libtensorflow_io.so, from paths:"
        " ['/usr/local/lib/python3.11/dist-packages/tensorflow_io/python/ops/libtensorflow_io.so']"
        "\ncaused by: ['/usr/local/lib/python3.11/dist-packages/tensorflow_io/python/ops/"
        "libtensorflow_io.so: undefined symbol: _ZNK10tensorflow4data11DatasetBase8FinalizeEPNS_"
        "15OpKernelContextE']\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--tf", "2.18.0")["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert "tensorflow-io is numbered 0.N" in first["fix"] and "2.17" in first["fix"]


def test_tensorflow_lite_on_its_cpu_delegate_is_no_cuda_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .tflite model run by TensorFlow Lite's interpreter on a desktop with an RTX 3060: its
    GPU delegate is Android's and iOS's, so the CUDA libraries are not the missing piece
    (review 67, tf-adjacent a21)."""
    log = (
        "$ python detect.py --model efficientdet_lite0.tflite\n"
        "INFO: Created TensorFlow Lite XNNPACK delegate for CPU.\n"
        "Inference time: 41.2 ms\n"
    )
    flags = ("--os", "linux", "--gpu", "NVIDIA GeForce RTX 3060", "--driver", "535.104.05")
    first = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "cpu-only-tensorflow" and "TensorFlow Lite" in first["title"]
    assert "Android" in first["fix"]


def test_a_cudnn_another_framework_pins_names_that_framework_in_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'pip install torch==2.3.1' put nvidia-cudnn-cu12 8.9.2.26 under TensorFlow 2.18: the fix
    names torch's pin and gives TensorFlow its own environment, not TensorFlow's pin over
    torch's (review 67, tf-adjacent a4; PyPI's torch 2.3.1 requires that cuDNN exactly)."""
    log = (
        "Successfully installed nvidia-cudnn-cu12-8.9.2.26 torch-2.3.1 triton-2.3.1\n"
        'tensorflow 2.18.0 requires nvidia-cudnn-cu12==9.3.0.75; extra == "and-cuda", but you'
        " have nvidia-cudnn-cu12 8.9.2.26 which is incompatible.\n"
        "I0000 00:00:1737366065.905112   21455 gpu_device.cc:2022] Created device"
        " /job:localhost/replica:0/task:0/device:GPU:0 with 21458 MB memory:  -> device: 0,"
        " name: NVIDIA GeForce RTX 4090, pci bus id: 0000:01:00.0, compute capability: 8.9\n"
        "E0000 00:00:1737366068.112760   21511 cuda_dnn.cc:522] Loaded runtime CuDNN library:"
        " 8.9.2 but source was compiled with: 9.3.0.  CuDNN library needs to have matching major"
        " version and equal or higher minor version.\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "cudnn-version-mismatch"
    assert "torch 2.3.1 pins nvidia-cudnn-cu12 8.9.2.26" in first["fix"]
    assert "environment of its own" in first["fix"]


def test_of_jaxs_packages_the_cuda_plugin_is_named_as_pinning_cudnn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip lists JAX's PJRT part first; its CUDA plugin is what requires the cuDNN wheel, so the
    fix names that one (review 67 re-check, tf-adjacent a5)."""
    log = (
        "Successfully installed jax-0.4.30 jax-cuda12-pjrt-0.4.30 jax-cuda12-plugin-0.4.30"
        " jaxlib-0.4.30 nvidia-cudnn-cu12-9.1.0.70\n"
        "E0000 00:00:1737366068.112760   21511 cuda_dnn.cc:522] Loaded runtime CuDNN library:"
        " 9.1.0 but source was compiled with: 9.3.0.  CuDNN library needs to have matching major"
        " version and equal or higher minor version.\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--tf", "2.18.0")["findings"][0]
    assert "jax-cuda12-plugin 0.4.30 pins" in first["fix"]


def test_keras_set_to_another_backend_is_why_tensorflows_gpu_runs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """KERAS_BACKEND=jax stated, and JAX falling back to the CPU: Keras 3 runs the model on JAX,
    so the layer to name is the backend, not TensorFlow's CUDA (review 67, tf-adjacent a9; the
    plan says so too, p5)."""
    log = (
        "WARNING:jax._src.xla_bridge:An NVIDIA GPU may be present on this machine, but a"
        " CUDA-enabled jaxlib is not installed. Falling back to cpu.\n"
    )
    flags = ("--os", "linux", "--env", "KERAS_BACKEND=jax")
    first = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "keras-backend-not-tensorflow" and "jax[cuda12]" in first["fix"]
    # KERAS_BACKEND=tensorflow is TensorFlow's own
    plain = doctor(tmp_path, capsys, log, "--os", "linux", "--env", "KERAS_BACKEND=tensorflow")
    assert "keras-backend-not-tensorflow" not in {f["id"] for f in plain["findings"]}
