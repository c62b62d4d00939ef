"""The doctor on reports whose lines mean something else than they first say: a driver refusal
beside a driver that is new enough, a process that aborted after its GPU started, a release only
guessed, conda's and DirectML's own routes, pastes marked up by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")


run = doctor_document
"""The doctor's JSON for the log, nothing probed, with its exit code under 'exit'."""


def first(document: dict) -> dict:
    return document["findings"][0]


def texts(document: dict) -> str:
    return "\n".join(" ".join([f["title"], *f["evidence"], f["fix"]]) for f in document["findings"])


# https://github.com/tensorflow/tensorflow/issues/41401 (verbatim excerpt): TensorFlow 2.2
# (CUDA 10.1) beside driver 451.48, whose nvidia-smi header the same paste shows
REFUSED_BESIDE_A_NEW_DRIVER = (
    "RuntimeError: cudaGetDevice() failed. Status: CUDA driver version is insufficient for CUDA"
    " runtime version\n"
    "\n"
    "+-----------------------------------------------------------------------------+\n"
    "| NVIDIA-SMI 451.48       Driver Version: 451.48       CUDA Version: 11.0     |\n"
    "|-------------------------------+----------------------+----------------------+\n"
)


def test_a_driver_refusal_beside_a_new_enough_driver_is_no_advice_to_update_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, REFUSED_BESIDE_A_NEW_DRIVER, "--os", "windows", "--tf", "2.2.0")
    top = first(doc)
    assert top["id"] == "driver-too-old" and top["severity"] == "error"
    assert "another, older driver library" in top["title"]
    assert "Updating the driver is not the fix" in top["fix"]
    assert "where nvcuda.dll" in top["fix"]  # the Windows search, not Linux's ldconfig
    assert any("supports CUDA 11.0" in e for e in top["evidence"])


def test_a_driver_refusal_beside_an_old_driver_still_says_update_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # driver 410 supports CUDA 10.0 at most; TensorFlow 2.2 loads CUDA 10.1
    doc = run(
        tmp_path,
        capsys,
        REFUSED_BESIDE_A_NEW_DRIVER.splitlines()[0] + "\n",
        "--os",
        "linux",
        "--tf",
        "2.2.0",
        "--driver",
        "410.48",
    )
    top = first(doc)
    assert top["id"] == "driver-too-old"
    assert top["fix"].startswith("Update the NVIDIA driver")


# https://github.com/tensorflow/tensorflow/issues/33319 (verbatim): the reporter's Markdown set
# the loader line and each 'pip list' row in underscores, with notes after them
MARKED_UP_PIP_LIST = (
    "_tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
    " library '**cudart64_100.dll**'; dlerror: **cudart64_100.dll** not found_\n"
    "\n"
    "`> pip list | grep tensorflow`\n"
    "\n"
    "_tensorflow 1.14.0_                     ## installed via Anaconda3 Navigator\n"
    "_tensorflow-gpu 2.0.0_                ## version 1.14.0 shown in Anaconda3 Navigator\n"
    "_tensorflow-estimator 2.0.0_       ## version 1.14.0 shown in Anaconda3 Navigator\n"
)


def test_pip_list_rows_set_in_italics_still_show_two_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, MARKED_UP_PIP_LIST, "--os", "windows", "--cuda-toolkit", "10.1")
    ids = [f["id"] for f in doc["findings"]]
    assert ids[0] == "multiple-tensorflow-distributions"
    assert "cuda-version-mismatch" in ids


# https://github.com/hill-a/stable-baselines/issues/928 (verbatim): a CUDA 10.0 runtime missing
# on Windows; TensorFlow 1.13 to 2.0 load cudart64_100.dll
CUDART_100_MISSING = (
    "2020-07-08 09:36:11.879771: W tensorflow/stream_executor/platform/default/dso_loader.cc:55]"
    " Could not load dynamic library 'cudart64_100.dll'; dlerror: cudart64_100.dll not found\n"
)


def test_a_release_only_guessed_is_named_by_its_series_never_a_patch_nobody_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDART_100_MISSING, "--os", "windows", "--cuda-toolkit", "10.1")
    said = texts(doc)
    assert "TensorFlow 2.0 " in said
    assert "2.0.4" not in said


def test_a_release_stated_keeps_its_own_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(
        tmp_path,
        capsys,
        CUDART_100_MISSING,
        "--os",
        "windows",
        "--cuda-toolkit",
        "10.1",
        "--tf",
        "2.0.0",
    )
    assert "TensorFlow 2.0.0" in texts(doc)


def test_a_cuda_runtime_unknown_is_not_presumed_installed_in_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDART_100_MISSING, "--os", "windows", "--tf", "1.15")
    top = first(doc)
    assert top["id"] == "cuda-version-mismatch"
    assert "beside the other one" not in top["fix"]
    assert "put its bin folder on PATH" in top["fix"]


# https://github.com/tensorflow/tensorflow/issues/34354 (verbatim excerpt): TensorFlow 2.0
# beside CUDA 10.1 on Windows fails at its first op
CUDART_STUB_ON_WINDOWS = (
    "tensorflow.python.framework.errors_impl.InternalError: cudaGetDevice() failed. Status:"
    " cudaGetErrorString symbol not found.\n"
)


def test_a_cuda_mismatch_on_windows_is_mended_on_path_not_ld_library_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(
        tmp_path,
        capsys,
        CUDART_STUB_ON_WINDOWS,
        "--os",
        "windows",
        "--tf",
        "2.0.0",
        "--cuda-toolkit",
        "10.1",
    )
    top = first(doc)
    assert top["id"] == "cuda-version-mismatch"
    assert "LD_LIBRARY_PATH" not in top["fix"]
    assert "bin folder on PATH" in top["fix"]


# https://github.com/tensorflow/tensorflow/issues/36111 (verbatim): a stray double quote
STRAY_QUOTE = (
    "Could not load dynamic library \"'cudart64_101.dll'; dlerror: cudart64_101.dll\n not found\"\n"
)


def test_a_loader_line_with_a_stray_double_quote_is_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, STRAY_QUOTE, "--os", "windows", "--tf", "2.1.0")
    assert first(doc)["id"] == "cuda-libs-not-found"


# https://github.com/tensorflow/tensorflow/issues/50096 (verbatim): TensorFlow 2.5 compiling for
# a P100 with CUDA 9.1's ptxas first on PATH
OLD_PTXAS = (
    "W tensorflow/stream_executor/gpu/asm_compiler.cc:99] *** WARNING *** You are using ptxas"
    " 9.1.121, which is older than 9.2.88. ptxas 9.x before 9.2.88 is known to miscompile XLA"
    " code, leading to incorrect results or invalid-address errors.\n"
)


def test_an_old_ptxas_warning_shows_the_gpu_at_work_and_an_old_toolkit_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, OLD_PTXAS, "--os", "linux", "--tf", "2.5", "--cuda-toolkit", "9.1")
    assert doc["gpu_used"] == "yes" and doc["exit"] == ExitCode.OK
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    top = first(doc)
    assert top["id"] == "xla-toolchain-missing"
    # 2.5 has no [and-cuda] extra and looks in no wheel for ptxas
    assert "and-cuda" not in top["fix"] and "first on PATH" in top["fix"]


# https://github.com/nanoporetech/medaka/issues/236 (verbatim excerpt): the device is created,
# cuDNN cannot start, and TensorFlow's CHECK aborts the process
ABORTED_AFTER_THE_DEVICE = (
    "2020-12-23 20:09:13.295503: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1402]"
    " Created TensorFlow device (/device:GPU:0 with 7225 MB memory) -> physical GPU (device: 0,"
    " name: GeForce RTX 2080, pci bus id: 0000:02:00.0, compute capability: 7.5)\n"
    "2020-12-23 20:09:14.497776: E tensorflow/stream_executor/cuda/cuda_dnn.cc:328] Could not"
    " create cudnn handle: CUDNN_STATUS_NOT_INITIALIZED\n"
    "2020-12-23 20:09:14.497855: E tensorflow/stream_executor/cuda/cuda_dnn.cc:336] Possibly"
    " insufficient driver version: 418.87.0\n"
    "2020-12-23 20:09:14.497879: F tensorflow/core/kernels/cudnn_rnn_ops.cc:1643] Check failed:"
    " stream->parent()->GetRnnAlgorithms(&algorithms)\n"
)


def test_cudnn_that_could_not_start_and_then_aborted_the_process_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, ABORTED_AFTER_THE_DEVICE, "--tf", "2.2.0")
    assert doc["gpu_used"] == "yes"
    assert doc["exit"] == ExitCode.TF_BROKEN


def test_cudnn_that_could_not_start_without_an_abort_stays_gpu_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = "".join(ABORTED_AFTER_THE_DEVICE.splitlines(keepends=True)[:3])
    doc = run(tmp_path, capsys, log, "--tf", "2.2.0")
    assert doc["gpu_used"] == "yes" and doc["exit"] == ExitCode.OK


# https://github.com/deezer/spleeter/issues/302 (verbatim): TensorFlow's CHECK in its CUDA code
CHECK_FAILED_IN_CUDA = (
    "tensorflow/stream_executor/cuda/cuda_driver.cc:404] Check failed: CUDA_SUCCESS =="
    " cuDevicePrimaryCtxGetState(device, &former_primary_context_flags,"
    " &former_primary_context_is_active) (0 vs. 303)\n"
)


def test_a_failed_check_in_tensorflows_cuda_code_is_a_crash_not_a_gpu_that_may_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CHECK_FAILED_IN_CUDA, "--os", "windows")
    assert doc["exit"] == ExitCode.TF_BROKEN
    assert "may be using one" not in doc["verdict"]
    assert "cuDevicePrimaryCtxGetState" in doc["verdict"]


# https://github.com/jupyter/docker-stacks/issues/1616: conda-forge's CPU build in a 'conda list'
CONDA_FORGE_CPU_ROWS = (
    "tensorflow                2.7.0           cpu_py39h4655687_0    conda-forge\n"
    "tensorflow-base           2.7.0           cpu_py39hf4995fd_0    conda-forge\n"
)


def test_conda_forges_cpu_build_is_replaced_with_conda_forges_cuda_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CONDA_FORGE_CPU_ROWS, "--os", "linux", "--python", "3.9")
    top = first(doc)
    assert top["id"] == "cpu-only-tensorflow"
    assert "tensorflow=*=cuda*" in top["fix"] and "CONDA_OVERRIDE_CUDA" in top["fix"]


def test_anacondas_mkl_build_is_replaced_with_its_gpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "tensorflow                2.2.0           mkl_py37h6e9ce2d_0\n"
    doc = run(tmp_path, capsys, rows, "--os", "linux")
    top = first(doc)
    assert top["id"] == "cpu-only-tensorflow"
    assert "conda install tensorflow-gpu" in top["fix"]


# https://github.com/NVIDIA/tensorflow/issues/73 (verbatim excerpt)
NVIDIA_PIN_MISSING = (
    "ERROR: Could not find a version that satisfies the requirement nvidia-nccl-cu11~=2.15 (from"
    " nvidia-tensorflow) (from versions: 0.0.1.dev5, 2.13.4, 2.14.3, 2021.10.26, 2021.11.16,"
    " 2022.3.30, 2022.3.31, 2022.5.19)\n"
    "ERROR: No matching distribution found for nvidia-nccl-cu11~=2.15\n"
)


def test_a_pinned_nvidia_library_missing_from_the_index_means_nothing_was_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NVIDIA_PIN_MISSING, "--os", "linux", "--python", "3.8")
    top = first(doc)
    assert top["id"] == "tensorflow-not-installed" and top["severity"] == "error"
    assert "nvidia-nccl-cu11~=2.15" in top["title"] and "nvidia-tensorflow" in top["fix"]


# https://github.com/microsoft/tensorflow-directml/issues/398 and microsoft/DirectML#329
DIRECTML_FOUND_NONE = (
    "tensorflow-cpu==2.10.0\n"
    "I've tried everything. But still `DirectML device enumeration: found 0 compatible"
    " adapters.`\n"
)


def test_directml_finding_no_adapter_is_not_told_to_install_a_cuda_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, DIRECTML_FOUND_NONE, "--os", "windows", "--tf", "2.10")
    ids = [f["id"] for f in doc["findings"]]
    assert "cpu-only-tensorflow" not in ids
    assert first(doc)["id"] == "no-nvidia-gpu"
    assert "DirectML" in first(doc)["title"]


# https://github.com/microsoft/DirectML/issues/22 (verbatim)
DIRECTML_WITHOUT_D3D12 = (
    "Testing DirectML with recent WSL2 (2 days ago insider build) I am getting an ImportError:"
    " libd3d12.so: cannot open shared object file: No such file or directory\n"
)


def test_directml_without_wsls_d3d12_library_is_wsl_without_the_drivers_gpu_support(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, DIRECTML_WITHOUT_D3D12, "--os", "wsl2")
    top = first(doc)
    assert top["id"] == "wsl-libcuda-missing" and "/usr/lib/wsl/lib" in top["fix"]


# https://github.com/tensorflow/tensorflow/issues/13442 (verbatim): TensorFlow 1.x's Windows
# self-check raising ImportError at import
NVCUDA_SELF_CHECK = (
    "Could not find 'nvcuda.dll'. TensorFlow requires that this DLL be installed in a directory"
    " that is named in your %PATH% environment variable. Typically it is installed in"
    " 'C:\\Windows\\System32'. If it is not present, ensure that you have a CUDA-capable GPU"
    " with the correct driver installed.\n"
)
# https://github.com/NVIDIA/nvidia-docker/issues/828 (verbatim): a 1.x GPU build in a container
LIBCUDA_IMPORT = (
    "ImportError: libcuda.so.1: cannot open shared object file: No such file or directory\n"
)


@pytest.mark.parametrize(
    ("log", "flags"),
    [
        (NVCUDA_SELF_CHECK, ("--os", "windows")),
        (LIBCUDA_IMPORT, ("--os", "linux", "--container")),
        (DIRECTML_WITHOUT_D3D12, ("--os", "wsl2")),
    ],
    ids=["nvcuda-self-check", "libcuda-import", "directml-d3d12"],
)
def test_a_driver_library_missing_at_import_means_tensorflow_did_not_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, flags: tuple[str, ...]
) -> None:
    doc = run(tmp_path, capsys, log, *flags)
    assert doc["exit"] == ExitCode.TF_BROKEN


# https://github.com/tensorflow/tensorflow/issues/26429 (verbatim excerpt): Jupyter cannot
# import TensorFlow on a CPU-only instance
NOT_IN_JUPYTER = (
    "Getting a diff issue: its not finding this in jupyter :ModuleNotFoundError:\n"
    "No module named 'tensorflow'\n"
)


def test_an_import_that_failed_comes_before_a_machine_stated_to_have_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NOT_IN_JUPYTER, "--os", "linux", "--gpu", "none")
    assert first(doc)["id"] == "tensorflow-not-installed"
    no_gpu = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert no_gpu["severity"] == "warning"


# https://github.com/tensorflow/tensorflow/issues/1359 (verbatim excerpt): TensorFlow 0.7 had
# opened a cuDNN that lacks the v2 function it calls
CUDNN_V2_FUNCTION_MISSING = (
    "I tensorflow/stream_executor/dso_loader.cc:105] successfully opened CUDA library libcudnn.so"
    " locally\n"
    "F tensorflow/stream_executor/cuda/cuda_dnn.cc:220] could not find"
    " cudnnConvolutionBackwardData_v2 in cudnn DSO\n"
)


def test_a_cudnn_function_missing_from_the_cudnn_opened_is_another_cudnn_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDNN_V2_FUNCTION_MISSING, "--os", "linux")
    assert first(doc)["id"] == "cudnn-version-mismatch"
    assert doc["exit"] == ExitCode.TF_BROKEN  # the fatal record aborted it


# https://github.com/jupyter/docker-stacks/issues/2288 (verbatim): an RTX 5090 in an image of a
# TensorFlow nobody named
SKIPPED_REGISTERING = (
    "gpu_device.cc:2340] Cannot dlopen some GPU libraries. Please make sure the missing libraries"
    " mentioned above are installed properly if you would like to use GPU. Follow the guide at"
    " https://www.tensorflow.org/install/gpu for how to download and setup the required"
    " libraries for your platform.\n"
    "Skipping registering GPU devices...\n"
)


def test_a_gpu_older_releases_have_no_kernels_for_is_named_when_the_release_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--gpu", "NVIDIA GeForce RTX 5090", "--container")
    doc = run(tmp_path, capsys, SKIPPED_REGISTERING, *flags)
    kernels = next(f for f in doc["findings"] if f["id"] == "compute-capability-unsupported")
    assert kernels["severity"] == "info"  # it rests on a release nobody named
    assert kernels["title"].startswith("If the TensorFlow here is 2.20 or older")
    # named, the release that runs it has nothing to say about its kernels
    newest = run(tmp_path, capsys, SKIPPED_REGISTERING, *flags, "--tf", "2.21")
    assert "compute-capability-unsupported" not in [f["id"] for f in newest["findings"]]


# https://github.com/spyder-ide/spyder/issues/8407 (verbatim): a script's own labels
LABELLED_ANSWER = (
    " x = tf.random_uniform([3, 3])\n"
    'print("Is there a GPU available: "),\n'
    "print(tf.test.is_gpu_available())\n"
    'print("Is the Tensor on GPU #0:  "),\n'
    "print(x.device.endswith('GPU:0'))\n"
    "Is there a GPU available: \n"
    "False\n"
    "Is the Tensor on GPU #0:  \n"
    "False\n"
)


def test_a_scripts_labelled_false_for_gpu_available_is_tensorflow_saying_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, LABELLED_ANSWER, "--gpu", "GeForce GTX 1060")
    assert doc["gpu_used"] == "no"
    torch = run(tmp_path, capsys, "Torch GPU available: False\n")
    assert torch["gpu_used"] == "unknown"


# TensorFlow's device line for a P100 (its own wording), where the user stated an A100
P100_FOUND = (
    "2021-04-12 10:11:12.345678: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1720] Found"
    " device 0 with properties: \n"
    "pciBusID: 0000:00:04.0 name: Tesla P100-PCIE-16GB computeCapability: 6.0\n"
)


def test_the_text_says_which_statement_the_logs_measurement_set_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "run.log"
    path.write_text(P100_FOUND, encoding="utf-8")
    main(["doctor", "--log", str(path), "--no-probe", "--gpu", "NVIDIA A100", "--tf", "2.4.0"])
    out = capsys.readouterr().out
    assert "outranks what was stated" in out
    assert "NVIDIA A100" in out and "Tesla P100-PCIE-16GB" in out


# https://github.com/vanvalenlab/deepcell-tf/issues/572 (verbatim end): an IDE's word for the
# crash, beside a stated Windows cuDNN 8.3.0 (zlibwapi.dll: k2-fsa/sherpa-onnx#2579)
FAIL_FAST_EXIT = "Process finished with exit code -1073740791 (0xC0000409)\n"


def test_windows_fail_fast_beside_cudnn_8_3_names_zlibwapi(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--cuda-toolkit", "11.5")
    doc = run(tmp_path, capsys, FAIL_FAST_EXIT, *flags, "--cudnn", "8.3.0")
    zlib = next(f for f in doc["findings"] if f["id"] == "cudnn-not-found")
    assert zlib["severity"] == "warning" and "zlibwapi.dll" in zlib["fix"]
    # cuDNN 8.2 needs no zlib: the crash is then not read as its absence
    older = run(tmp_path, capsys, FAIL_FAST_EXIT, *flags, "--cudnn", "8.2.1")
    assert "cudnn-not-found" not in [f["id"] for f in older["findings"]]


# https://github.com/tensorflow/tensorflow/issues/6933 (verbatim, rejoined): TensorFlow 1.0's
# Windows build aborting on a driver too old for its CUDA 8.0
WINDOWS_FATAL_RECORD = (
    ">>> sess = tf.Session()\n"
    "F c:\\tf_jenkins\\home\\workspace\\release-win\\device\\gpu\\os\\windows\\tensorflow\\stre"
    "am_executor\\cuda\\cuda_driver.cc:94] Check failed: s.ok() could not find cuDevice"
    "PrimaryCtxSetFlags in libcuda DSO; dlerror: cuDevicePrimaryCtxSetFlags not found\n"
)


def test_a_fatal_record_with_a_windows_build_path_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, WINDOWS_FATAL_RECORD, "--os", "windows")
    assert doc["exit"] == ExitCode.TF_BROKEN


# https://github.com/tensorflow/tensorflow/issues/57103 (verbatim lines): 2.9.1 on Windows
CUDART_110_WITH_VERSION = (
    "2022-08-11 14:21:29.345331: W tensorflow/stream_executor/platform/default/dso_loader.cc:64]"
    " Could not load dynamic library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found\n"
    "TensorFlow version: 2.9.1\n"
)


def test_a_known_release_fills_in_condas_cuda_and_cudnn_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDART_110_WITH_VERSION, "--os", "windows", "--python", "3.10")
    top = first(doc)
    assert top["id"] == "cuda-libs-not-found"
    assert "cudatoolkit=11.2 cudnn=8.1" in top["fix"] and "X.Y" not in top["fix"]


# https://github.com/tensorflow/models/issues/10581 (verbatim, cut): an image's placeholder
# libcuda on a host whose own kernel has no NVIDIA module
PLACEHOLDER_ON_A_HOST_WITHOUT_DRIVER = (
    "2022-04-07 08:33:44.741349: W tensorflow/stream_executor/platform/default/dso_loader.cc:64]"
    " Could not load dynamic library 'libcuda.so.1'; dlerror: /usr/lib/x86_64-linux-gnu/"
    "libcuda.so.1: file too short; LD_LIBRARY_PATH: /usr/local/nvidia/lib:/usr/local/nvidia/lib64\n"
    "2022-04-07 08:33:44.741373: W tensorflow/stream_executor/cuda/cuda_driver.cc:269] failed"
    " call to cuInit: UNKNOWN ERROR (303)\n"
    "2022-04-07 08:33:44.741388: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156]"
    " kernel driver does not appear to be running on this host (legacy-popos-20.04):"
    " /proc/driver/nvidia/version does not exist\n"
)


def test_a_host_without_a_driver_comes_before_passing_the_gpu_into_its_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, PLACEHOLDER_ON_A_HOST_WITHOUT_DRIVER, "--os", "linux")
    assert first(doc)["id"] == "no-nvidia-gpu"
    container = next(f for f in doc["findings"] if f["id"] == "container-gpu-not-exposed")
    assert container["severity"] == "warning"


def test_a_gpu_newer_than_a_1x_builds_cuda_comes_before_that_cudas_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tensorflow#44200: 1.14 beside an RTX 3090 and CUDA 11.1; CUDA 10.0 would not run it
    flags = ("--os", "linux", "--tf", "1.14.0", "--gpu", "GeForce RTX 3090")
    doc = run(tmp_path, capsys, "", *flags, "--cuda-toolkit", "11.1")
    assert first(doc)["id"] == "compute-capability-unsupported"
    mismatch = next(f for f in doc["findings"] if f["id"] == "cuda-version-mismatch")
    assert mismatch["severity"] == "warning"


# https://github.com/tensorflow/tensorflow/issues/11640 (verbatim): a traced run without CUPTI
CUPTI_FATAL = (
    "2017-07-20 11:55:43.203810: F ./tensorflow/stream_executor/lib/statusor.h:205] Non-OK-status:"
    " status_ status: Failed precondition: could not dlopen DSO: libcupti.so.8.0; dlerror:"
    " libcupti.so.8.0: cannot open shared object file: No such file or directory\n"
)


def test_cupti_is_sent_to_the_toolkits_cupti_folder_not_its_library_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(
        tmp_path, capsys, CUPTI_FATAL, "--os", "linux", "--tf", "1.2.1", "--cuda-toolkit", "8.0"
    )
    top = first(doc)
    assert top["id"] == "cuda-libs-not-found" and "extras/CUPTI/lib64" in top["fix"]
    assert "cuda-8.0/lib64:" not in top["fix"]


# https://github.com/conda-forge/tensorflow-feedstock/issues/222 (verbatim excerpt): the solve
# failed in an image build, and the same paste's 'conda info' on the host lists __cuda
NO_CUDA_IN_THE_BUILD = (
    "13:39:18  LibMambaUnsatisfiableError: Encountered problems while solving:\n"
    "13:39:18    - nothing provides __cuda needed by tensorflow-2.7.0-cuda102py310hcf4adbc_0\n"
    "\n"
    "$ conda info\n"
    "       virtual packages : __cuda=11.4=0\n"
    "                          __linux=5.4.0=0\n"
)


def test_no_cuda_in_a_solve_beside_a_conda_that_lists_one_is_conda_override_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NO_CUDA_IN_THE_BUILD, "--os", "linux")
    refusal = next(f for f in doc["findings"] if f["id"] == "no-nvidia-driver")
    assert refusal["severity"] == "warning"
    assert any("CONDA_OVERRIDE_CUDA=11.4" in e for e in refusal["evidence"])


# https://github.com/microsoft/WSL/issues/5455 (verbatim): tensorflow-directml under a WSL 2
# without GPU support
DXCORE_FAILED = (
    "2020-06-20 16:32:45.432744: F tensorflow/core/common_runtime/dml/dml_adapter_impl.cc:123]"
    " Check failed: (((HRESULT)((DXCoreCreateAdapterFactory(__uuidof(**(&adapter_factory)),"
    " IID_PPV_ARGS_Helper(&adapter_factory))))) >= 0) == true (0 vs. 1)\n"
)


def test_directml_without_dxcore_is_wsl_without_gpu_support_whatever_the_gpus_maker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, DXCORE_FAILED, "--os", "wsl2", "--gpu", "AMD Radeon RX 580")
    top = first(doc)
    assert top["id"] == "wsl-libcuda-missing" and "/dev/dxg" in top["fix"]
    # DirectML runs on an AMD GPU: its maker is no error on that route
    maker = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert maker["severity"] == "info"
    assert doc["exit"] == ExitCode.TF_BROKEN


# https://github.com/tensorflow/tensorflow/issues/47615 (verbatim line): a nightly of March 2021
NIGHTLY_CUDART = (
    "2021-03-07 06:41:09.619717: W tensorflow/stream_executor/platform/default/dso_loader.cc:60]"
    " Could not load dynamic library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found\n"
)


def test_a_nightly_is_named_by_the_series_it_is_judged_as_never_a_later_patch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--tf", "tf-nightly-2.5.0.dev20210306", "--cuda-toolkit", "11.2")
    doc = run(tmp_path, capsys, NIGHTLY_CUDART, *flags)
    assert "2.5.3" not in texts(doc)  # released months after this nightly


def test_no_release_without_kernels_is_suggested_where_the_log_shows_the_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorFlow's device line (its wording, as medaka#236 has it) for an RTX 3090, which
    # releases before 2.4 have no kernels for: the one that wrote this line had them
    device = (
        ABORTED_AFTER_THE_DEVICE.splitlines(keepends=True)[0]
        .replace("GeForce RTX 2080", "GeForce RTX 3090")
        .replace("compute capability: 7.5", "compute capability: 8.6")
    )
    doc = run(tmp_path, capsys, device, "--gpu", "GeForce RTX 3090")
    assert doc["gpu_used"] == "yes"
    assert "compute-capability-unsupported" not in [f["id"] for f in doc["findings"]]


# NVIDIA/nvidia-docker#1352 (Docker's own words): no NVIDIA Container Toolkit on the host
NO_TOOLKIT = (
    "Status: Downloaded newer image for tensorflow/tensorflow:latest-gpu\n"
    'docker: Error response from daemon: could not select device driver "" with capabilities:'
    " [[gpu]].\n"
)


def test_no_kernels_note_where_no_gpu_reaches_tensorflow_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(
        tmp_path, capsys, NO_TOOLKIT, "--os", "linux", "--driver", "550.120", "--gpu", "RTX 3090"
    )
    assert first(doc)["id"] == "container-gpu-not-exposed"
    assert "compute-capability-unsupported" not in [f["id"] for f in doc["findings"]]


def test_condas_refusal_alone_in_a_container_is_not_a_container_started_without_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # conda-forge/tensorflow-feedstock#222: a CI image build; nothing else about the GPU
    solve = "".join(NO_CUDA_IN_THE_BUILD.splitlines(keepends=True)[:2])
    doc = run(tmp_path, capsys, solve, "--os", "linux", "--container")
    top = first(doc)
    assert top["id"] == "no-nvidia-driver" and "CONDA_OVERRIDE_CUDA" in top["fix"]
    assert "container-gpu-not-exposed" not in [f["id"] for f in doc["findings"]]
