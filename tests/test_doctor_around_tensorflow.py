"""The doctor on what surrounds TensorFlow: the launcher that never started it (a host without
nvidia-docker, a device plugin without NVML), pip's own words (an empty list of versions, a Python
without pip, NumPy 2 beside a NumPy 1 build, a dependency pulling CPU-only 'tensorflow'), a custom
op library's missing CUDA, and logs that stop while a GPU newer than the build JIT-compiles.

Each log is a thread's paste, verbatim, as review 84 quoted it (long lines are split here only to
fit the source; the text is unchanged); the cause is what the thread settled."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids

from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


# https://github.com/idealo/image-quality-assessment/issues/8
NVIDIA_DOCKER_MISSING = (
    "Login Succeeded\n"
    "Using default tag: latest\n"
    "latest: Pulling from idealo/nima-gpu\n"
    "Digest: sha256:8503017ed9427fa63d321911e620c01bb897d9bfd5494be4af1ea8b3e6d9b"
    "b7f\n"
    "Status: Image is up to date for idealo/nima-gpu:latest\n"
    "gpu-aesthetic-config.json                                                  "
    "                            100%  480    11.5KB/s   00:00\n"
    "labels_train.json                                                          "
    "                            100%  392KB   1.3MB/s   00:00\n"
    "sudo: nvidia-docker: command not found\n"
    "exit status 1\n"
)

# https://github.com/NVIDIA/k8s-device-plugin/issues/23
DEVICE_PLUGIN_NO_NVML = (
    "loading NVML\nFailed to start nvml with error:  could not load NVML library\n"
)

# https://github.com/tensorflow/tensorflow/issues/48069
TRT_LOADED_ON_AN_RTX_3090 = (
    "2021-03-25 07:39:11.387959: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:44] Successfully opened dynamic library libnvinfer.so.6\n"
    "2021-03-25 07:39:11.388827: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:44] Successfully opened dynamic library libnvinfer_plugin.so.6\n"
)

# https://github.com/tensorflow/tensorflow/issues/22043
POWER_BUILD_AT_WORK = (
    "2018-09-04 08:32:04.920181: I tensorflow/core/common_runtime/gpu/gpu_device."
    "cc:1484] Adding visible gpu devices: 0, 1, 2, 3\n"
)

# https://github.com/tensorflow/io/issues/2109
NO_GCS_WHEEL_AT_ALL = (
    "Defaulting to user installation because normal site-packages is not"
    " writeable\n"
    "ERROR: Could not find a version that satisfies the requirement"
    " tensorflow-io-gcs-filesystem (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow-io-gcs-filesystem\n"
)

# https://github.com/tensorflow/tensorflow/issues/79370
PYTHON_WITHOUT_PIP = "/usr/bin/python3: No module named pip\n"

# https://github.com/hacksider/Deep-Live-Cam/issues/485
NUMPY_2_CONFLICT = (
    "ERROR: pip's dependency resolver does not currently take into account all"
    " the packages that are installed. This behaviour is the source of the"
    " following dependency conflicts.\n"
    "tensorflow-intel 2.12.1 requires numpy<=1.24.3,>=1.22, but you have numpy"
    " 2.1.0 which is incompatible.\n"
    "numba 0.60.0 requires numpy<2.1,>=1.22, but you have numpy 2.1.0 which is"
    " incompatible.\n"
)

# https://github.com/googlecolab/colabtools/issues/3015
DNN_NOT_FOUND_IN_COLAB = (
    '    File "/usr/local/lib/python3.7/dist-packages/keras/engine/functional.py"'
    ", line 459, in call\n"
    "      len(tf.nest.flatten(self._input_layers))):\n"
    '    File "/usr/local/lib/python3.7/dist-packages/keras/engine/functional.py"'
    ", line 596, in _run_internal_graph\n"
    "      for x in self.outputs:\n"
    '    File "/usr/local/lib/python3.7/dist-packages/keras/utils/traceback_utils'
    '.py", line 64, in error_handler\n'
    "      return fn(*args, **kwargs)\n"
    '    File "/usr/local/lib/python3.7/dist-packages/keras/engine/base_layer.py"'
    ", line 1014, in __call__\n"
    "      # This special casing currently takes the form of:\n"
    '    File "/usr/local/lib/python3.7/dist-packages/keras/utils/traceback_utils'
    '.py", line 92, in error_handler\n'
    "      return fn(*args, **kwargs)\n"
    '    File "/usr/local/lib/python3.7/dist-packages/keras/layers/convolutional/'
    'base_conv.py", line 250, in call\n'
    '    File "/usr/local/lib/python3.7/dist-packages/keras/layers/convolutional/'
    'base_conv.py", line 232, in convolution_op\n'
    "Node: 'cnn4_2/Conv1D00-f128-ks20/Conv1D'\n"
    "DNN library is not found.\n"
    "\t [[{{node cnn4_2/Conv1D00-f128-ks20/Conv1D}}]]"
    " [Op:__inference_train_function_2933]\n"
)

# https://github.com/google/prettytensor/issues/40
PULLED_BY_PRETTYTENSOR = (
    "\t(tf-gpu) magnus@torpedo:~/development/TensorFlow-Tutorials$ pip install"
    " prettytensor\n"
    "\tCollecting prettytensor\n"
    "\t  Downloading prettytensor-0.7.1-py3-none-any.whl (273kB)\n"
    "\t    100% |████████████████████████████████| 276kB 1.1MB/s \n"
    "\tCollecting enum34>=1.0.0 (from prettytensor)\n"
    "\t  Downloading enum34-1.1.6-py3-none-any.whl\n"
    "\tRequirement already satisfied: six>=1.10.0 in"
    " /home/magnus/anaconda3/envs/tf-gpu/lib/python3.5/site-packages (from"
    " prettytensor)\n"
    "\tCollecting tensorflow>=0.12.0rc0 (from prettytensor)\n"
    "\t  Using cached tensorflow-0.12.0rc1-cp35-cp35m-manylinux1_x86_64.whl\n"
    "\tRequirement already satisfied: numpy>=1.11.0 in"
    " /home/magnus/anaconda3/envs/tf-gpu/lib/python3.5/site-packages (from"
    " tensorflow>=0.12.0rc0->prettytensor)\n"
    "\tRequirement already satisfied: protobuf==3.1.0 in"
    " /home/magnus/anaconda3/envs/tf-gpu/lib/python3.5/site-packages (from"
    " tensorflow>=0.12.0rc0->prettytensor)\n"
    "\tRequirement already satisfied: wheel>=0.26 in"
    " /home/magnus/anaconda3/envs/tf-gpu/lib/python3.5/site-packages (from"
    " tensorflow>=0.12.0rc0->prettytensor)\n"
)

# https://github.com/ChenyangLEI/automatic-video-colorization/issues/6
CUSTOM_OP_WANTS_CUDA_8 = (
    "Traceback (most recent call last):\n"
    '  File "main_whole.py", line 11, in <module>\n'
    "    import flow_warp as flow_warp_op\n"
    '  File "/home/qianming/code/Fully-Automatic-Video-Colorization/flow_warp.py"'
    ", line 4, in <module>\n"
    '    tf.resource_loader.get_path_to_datafile("./lib/flow_warp.so"))\n'
    '  File "/home/qianming/anaconda3/envs/torch/lib/python3.6/site-packages/tens'
    'orflow/python/framework/load_library.py", line 61, in load_op_library\n'
    "    lib_handle = py_tf.TF_LoadLibrary(library_filename)\n"
    "tensorflow.python.framework.errors_impl.NotFoundError: libcudart.so.8.0:"
    " cannot open shared object file: No such file or directory\n"
)

# https://github.com/system76/cuda/issues/17
CUSOLVER_10_AND_CUDNN_8 = (
    "Could not load dynamic library 'libcusolver.so.10'; dlerror:"
    " libcusolver.so.10: cannot open shared object file: No such file or"
    " directory; LD_LIBRARY_PATH: /usr/lib/cuda-11.2/lib\n"
    "\n"
    "Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8:"
    " cannot open shared object file: No such file or directory;"
    " LD_LIBRARY_PATH: /usr/lib/cuda/lib64\n"
)

# https://github.com/tensorflow/tensorflow/issues/59849
CUINIT_303_WITHOUT_GPU = (
    "W tensorflow/stream_executor/cuda/cuda_driver.cc:269] failed call to"
    " cuInit: UNKNOWN ERROR (303)\n"
)


def test_a_host_without_nvidia_docker_is_the_container_tooling_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NVIDIA_DOCKER_MISSING)
    top = doc["findings"][0]
    assert top["id"] == "container-gpu-not-exposed" and top["severity"] == "error"
    assert "NVIDIA Container Toolkit" in top["fix"] and "--gpus all" in top["fix"]
    assert "may be using one" not in doc["verdict"]


def test_the_device_plugin_without_nvml_is_the_nodes_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, DEVICE_PLUGIN_NO_NVML, "--container")
    top = doc["findings"][0]
    assert top["id"] == "container-gpu-not-exposed"
    assert "default runtime" in top["fix"] and top["fix"].startswith("On the GPU nodes")


def test_a_log_that_stops_while_a_newer_gpu_jit_compiles_is_the_slow_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.1.0", "--gpu", "GeForce RTX 3090", "--container")
    doc = run(tmp_path, capsys, TRT_LOADED_ON_AN_RTX_3090, *flags)
    top = doc["findings"][0]
    assert top["id"] == "compute-capability-ptx-jit" and top["severity"] == "warning"
    assert errors(doc) == []
    # the release that removes the JIT is still named
    assert "plan --tf" in top["fix"]


def test_the_same_gpu_with_cublas_failing_stays_without_kernels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = TRT_LOADED_ON_AN_RTX_3090 + (
        # TensorFlow's wording (cuda_blas.cc) of the failure that follows on such a GPU
        "2021-03-25 07:40:02.118311: E tensorflow/stream_executor/cuda/cuda_blas.cc:238]"
        " failed to create cublas handle: CUBLAS_STATUS_NOT_INITIALIZED\n"
    )
    flags = ("--os", "linux", "--tf", "2.1.0", "--gpu", "GeForce RTX 3090")
    doc = run(tmp_path, capsys, failing, *flags)
    assert "compute-capability-ptx-jit" not in ids(doc)


def test_a_source_build_at_work_on_ppc64le_is_not_told_to_change_its_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--arch", "ppc64le", "--tf", "1.10", "--python", "3.5")
    doc = run(tmp_path, capsys, POWER_BUILD_AT_WORK, *flags, "--gpu", "Tesla P100-SXM2-16GB")
    assert doc["gpu_used"] == "yes" and doc["exit"] == ExitCode.OK
    assert "platform-unsupported" not in ids(doc)


def test_an_empty_list_of_versions_has_nothing_to_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NO_GCS_WHEEL_AT_ALL, "--python", "3.13")
    top = doc["findings"][0]
    assert top["id"] == "python-unsupported"
    assert "no version of tensorflow-io-gcs-filesystem to pin" in top["fix"]
    assert "Pin a version" not in top["fix"]


def test_a_list_with_versions_still_gets_the_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = NO_GCS_WHEEL_AT_ALL.replace("(from versions: none)", "(from versions: 0.31.0)")
    doc = run(tmp_path, capsys, listed, "--os", "windows")
    assert any(f["fix"].startswith("Pin a version") for f in doc["findings"])


def test_a_python_without_pip_installed_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, PYTHON_WITHOUT_PIP, "--os", "wsl2")
    top = doc["findings"][0]
    assert top["id"] == "tensorflow-not-installed" and top["severity"] == "error"
    assert "/usr/bin/python3" in top["title"] and "venv" in top["fix"]


def test_numpy_2_beside_a_numpy_1_build_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NUMPY_2_CONFLICT, "--gpu", "Intel Arc A770")
    top = doc["findings"][0]
    assert top["id"] == "dependency-version-mismatch"
    assert "tensorflow-intel 2.12.1" in top["title"] and "numpy<2" in top["fix"]


def test_numpy_2_beside_another_package_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numba_only = "".join(NUMPY_2_CONFLICT.splitlines(keepends=True)[::2])
    doc = run(tmp_path, capsys, numba_only, "--os", "linux")
    assert "dependency-version-mismatch" not in ids(doc)


def test_cudnn_failing_at_work_clears_a_stated_nvcc_minor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--tf", "2.9.1", "--driver", "460.32.03", "--cuda-toolkit", "11.1")
    doc = run(tmp_path, capsys, DNN_NOT_FOUND_IN_COLAB, *flags)
    assert errors(doc) == ["cudnn-version-mismatch"]
    assert "cuda-version-mismatch" in ids(doc)  # a warning to look at, not a second cause


def test_a_dependency_pulling_cpu_only_tensorflow_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, PULLED_BY_PRETTYTENSOR)
    top = doc["findings"][0]
    assert top["id"] == "cpu-only-tensorflow" and "prettytensor" in top["title"]
    assert "--no-deps" in top["fix"]


def test_a_dependency_pulling_tensorflow_2_with_its_gpu_support_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = PULLED_BY_PRETTYTENSOR.replace(
        "tensorflow-0.12.0rc1-cp35-cp35m", "tensorflow-2.4.1-cp38-cp38"
    )
    doc = run(tmp_path, capsys, newer)
    assert "cpu-only-tensorflow" not in ids(doc)


def test_a_custom_op_librarys_missing_cuda_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUSTOM_OP_WANTS_CUDA_8, "--tf", "1.14.0")
    top = doc["findings"][0]
    assert top["id"] == "addon-tensorflow-mismatch"
    assert "flow_warp.py" in top["title"] and "libcudart.so.8.0" in top["title"]
    assert "cuda-libs-not-found" not in ids(doc)


def test_tensorflows_own_import_failing_on_the_same_library_stays_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = (
        # TensorFlow 1.x's own import wording (pywrap_tensorflow.py)
        "ImportError: libcudart.so.8.0: cannot open shared object file: No such file or"
        " directory\n"
        "Failed to load the native TensorFlow runtime.\n"
    )
    doc = run(tmp_path, capsys, own)
    assert "addon-tensorflow-mismatch" not in ids(doc)
    assert doc["findings"][0]["id"] in ("cuda-libs-not-found", "cuda-version-mismatch")


def test_sonames_that_pin_one_release_name_its_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUSOLVER_10_AND_CUDNN_8, "--os", "linux", "--cuda-toolkit", "11.2")
    top = doc["findings"][0]
    assert top["id"] == "cuda-version-mismatch"
    assert "CUDA 11.0" in top["title"] and "10.1 to 11.0" not in top["fix"]


def test_a_driver_note_on_a_machine_without_a_gpu_installs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUINIT_303_WITHOUT_GPU, "--tf", "2.11", "--gpu", "none")
    assert doc["findings"][0]["id"] == "no-nvidia-gpu"
    driver = next(f for f in doc["findings"] if f["id"] == "no-nvidia-driver")
    assert driver["severity"] == "info" and "Install" not in driver["fix"]


# https://github.com/gitter-lab/nn4dms/issues/4 (the lines of the failure, verbatim)
BATCHED_GEMM_ON_AN_A6000 = (
    "tensorflow.python.framework.errors_impl.InternalError: 2 root error(s) found.\n"
    "  (0) Internal: Blas xGEMMBatched launch failed : a.shape=[128,102,102],"
    " b.shape=[128,102,128], m=102, n=128, k=102, batch_size=128\n"
    "         [[{{node MatMul_2}}]]\n"
)


def test_cublas_failing_on_a_gpu_newer_than_the_build_is_not_a_second_memory_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--gpu", "RTX A6000", "--tf", "1.14", "--cuda-toolkit", "10.0")
    doc = run(tmp_path, capsys, BATCHED_GEMM_ON_AN_A6000, *flags)
    assert errors(doc) == ["compute-capability-unsupported"]
    # on a GPU the build supports, the same line stays what it most often is: memory
    supported = run(tmp_path, capsys, BATCHED_GEMM_ON_AN_A6000, "--gpu", "GTX 1080", "--tf", "1.14")
    assert "gpu-out-of-memory" in errors(supported)
