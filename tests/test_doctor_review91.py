"""The doctor and the planner on review 91's threads and on attacks against review 90's
readings: TensorFlow.js's CPU binding, a runtime loaded twice, Apple's conda package under an
Intel conda, a damaged CPU notice, the C library's archive name, a working GPU watched in the
wrong graph; Keras newer than TensorFlow, a pin the log's own build contradicts, NVML's
mismatch reported by the container hook or after a host upgrade, libcuda.so's link off WSL,
desktop noise, misspellings in Poetry's and mamba's words, an import refused read access,
Python's own circular-import words, TensorFlow 2.0's tensorflow_core, the runtime API's
watchdog, COLAB_GPU=1, consequences of no GPU at all, JAX's own fallback; and plans for WSL 2's
data-centre boards, Windows-numbered R470, the nearest release for a GPU, cuDNN 7's DLL, --os
given twice, and 1.x on a CUDA 9 driver.

Logs marked with a thread's URL are that thread's paste, verbatim (long lines split here only to
fit the source); those marked 'composed' are written in the tools' own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, plan_document

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document
plan = plan_document


def test_tfjs_nodes_cpu_binding_that_did_not_load_is_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tfjs/issues/2619 (a CPU without AVX)
    log = (
        "internal/modules/cjs/loader.js:807\n"
        "  return process.dlopen(module, path.toNamespacedPath(filename));\n"
        "                 ^\n\n"
        "Error: The specified module could not be found.\n"
        "\\\\?\\c:\\wamp64\\www\\test\\node_modules\\@tensorflow\\tfjs-node\\lib\\napi-v4\\"
        "tfjs_binding.node\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert errors(document) == ["tensorflow-not-installed"]
    assert "AVX" in document["findings"][0]["fix"]


def test_a_runtime_registered_twice_is_two_copies_of_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/models/issues/4405
    log = (
        "F tensorflow/core/common_runtime/device_factory.cc:78] Duplicate registration of device"
        " factory for type XLA_CPU with the same priority 50\n"
    )
    assert errors(run(tmp_path, capsys, log)) == ["multiple-tensorflow-distributions"]


# https://github.com/https-deeplearning-ai/machine-learning-engineering-for-production-public/
# issues/70 (mlep#70: an Intel conda on an M1)
INTEL_CONDA = (
    "PackagesNotFoundError: The following packages are not available from current channels:\n"
    " - tensorflow-deps\n\n"
    "Current channels:\n"
    "  - https://conda.anaconda.org/apple/osx-64\n"
    "  - https://conda.anaconda.org/apple/noarch\n"
)


def test_apples_conda_package_missing_names_the_conda_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    intel = run(tmp_path, capsys, INTEL_CONDA, "--os", "macos")["findings"][0]
    assert intel["id"] == "platform-unsupported" and "Miniforge" in intel["fix"]
    # composed: the same refusal without its channel list (conda env create's words)
    log = "Solving environment: failed\n\nResolvePackageNotFound: \n  - tensorflow-deps\n"
    channel = run(tmp_path, capsys, log, "--os", "macos")["findings"][0]
    assert channel["id"] == "tensorflow-not-installed" and "-c apple" in channel["fix"]


def test_a_cpu_notice_whose_words_a_console_damaged_is_still_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/vanhuyz/CycleGAN-TensorFlow/issues/39
    log = (
        "2017-09-06 16:39:42.586351: I C:\\tf_jenkins\\home\\workspace\\nightly-win\\M\\windows"
        "\\PY\\36\\tensorflow\\core\\platform\\cpu_feature_guard.cc:137] Your CPU supports"
        " insructions that this TensorFlow binary was not compiled to use: AVX\n"
    )
    assert ids(run(tmp_path, capsys, log, "--os", "windows")) == ["benign-log-noise"]


def test_the_c_librarys_archive_names_its_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/59016
    log = (
        "<Error>\n<Code>NoSuchKey</Code>\n<Message>The specified key does not exist.</Message>\n"
        "<Details>No such object: tensorflow/libtensorflow/libtensorflow-gpu-windows-x86_64-"
        "2.11.0.zip</Details>\n</Error>\n"
    )
    assert errors(run(tmp_path, capsys, log, "--os", "windows")) == [
        "windows-native-gpu-unsupported"
    ]


def test_a_gpu_found_with_nothing_failing_tells_windows_users_which_graph_to_watch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: TensorFlow 2.2's device listing on Windows, nothing after it (Mask_RCNN#2163:
    # the reporter's own fix was Task Manager's 'Cuda' graph)
    log = (
        "2020-05-01 10:00:00.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1555]"
        " Found device 0 with properties: \n"
        "pciBusID: 0000:01:00.0 name: GeForce RTX 2070 computeCapability: 7.5\n"
    )
    verdict = run(tmp_path, capsys, log, "--os", "windows")["verdict"]
    assert "no line after it says anything failed" in verdict and "'Cuda'" in verdict


def test_a_keras_newer_than_tensorflow_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: keras 2.6's initializers under TensorFlow 2.4
    log = (
        "    LOCAL.GENERATED_WITH_V2 = tf.__internal__.tf2.enabled()\n"
        "AttributeError: module 'tensorflow.compat.v2' has no attribute '__internal__'\n"
    )
    first = run(tmp_path, capsys, log, "--tf", "2.4.1")["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and "keras==2.4.3" in first["fix"]


def test_a_cudnn_pin_is_not_named_for_a_release_the_logs_build_contradicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: 2.15 stated, the message of a build made with cuDNN 9.3
    log = (
        "2024-11-04 10:14:40.873012: E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:"
        "522] Loaded runtime CuDNN library: 8.9.4 but source was compiled with: 9.3.0.  CuDNN"
        " library needs to have matching major version and equal or higher minor version.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.15")
    fix = next(f["fix"] for f in document["findings"] if f["id"] == "cudnn-version-mismatch")
    assert "nvidia-cudnn-cu12==8.9" not in fix


@pytest.mark.parametrize(
    "log",
    [
        # composed: the container hook's NVML, on the host
        "nvidia-container-cli: initialization error: nvml error: driver/library version"
        " mismatch: unknown.\n",
        # composed: the host's packages upgraded under a running module
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.154.05  Thu Dec 28 15:37:48 UTC"
        " 2023\n",
    ],
)
def test_nvmls_mismatch_from_the_host_leads_with_the_hosts_reboot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    first = run(tmp_path, capsys, log, "--os", "linux", "--container")["findings"][0]
    assert first["id"] == "driver-library-mismatch"
    assert first["fix"].startswith("The NVIDIA driver was upgraded")


def test_cudnn_asking_for_libcuda_so_off_wsl_is_the_drivers_missing_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: cuDNN's loader on native Linux
    log = (
        "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared"
        " object file: No such file or directory\n"
    )
    linux = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert linux["id"] == "no-nvidia-driver" and "ln -s libcuda.so.1 libcuda.so" in linux["fix"]
    assert ids(run(tmp_path, capsys, log, "--os", "wsl2"))[0] == "wsl-libcuda-missing"


def test_a_desktops_noise_is_no_unknown_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: GTK's module message before a training run
    log = 'Gtk-Message: 14:02:11.208: Failed to load module "canberra-gtk-module"\nEpoch 1/5\n'
    assert "does not know" not in run(tmp_path, capsys, log, "--os", "linux")["verdict"]


@pytest.mark.parametrize(
    ("log", "meant"),
    [
        # composed: Poetry's, libmamba's and Poetry's solver's words, and pip's for a short word
        ("Could not find a matching version of package tensorfow\n", "'tensorflow'"),
        (
            "└─ tensorfow-gpu does not exist (perhaps a typo or a missing channel).\n",
            "'tensorflow-gpu'",
        ),
        (
            "Because tf-project depends on tensorfow (^2.15.0) which doesn't match any versions,"
            " version solving failed.\n",
            "'tensorflow'",
        ),
        ("ERROR: No matching distribution found for tensorflow-gpy==2.10.1\n", "'tensorflow-gpu'"),
    ],
)
def test_a_misspelling_is_read_in_other_installers_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, meant: str
) -> None:
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and f"misspelling of {meant}" in first["title"]


def test_an_import_refused_read_access_is_no_failed_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: importlib reading a TensorFlow its user may not read
    log = (
        '  File "<frozen importlib._bootstrap_external>", line 1073, in get_data\n'
        "PermissionError: [Errno 13] Permission denied: '/usr/local/lib/python3.10/dist-packages/"
        "tensorflow/__init__.py'\n"
    )
    assert "tensorflow-not-installed" not in ids(run(tmp_path, capsys, log, "--os", "linux"))


def test_a_users_module_half_imported_in_pythons_words_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: Python 3.11's circular-import message for the user's keras.py
    log = (
        "ImportError: cannot import name 'layers' from partially initialized module 'keras' (most"
        " likely due to a circular import) (/home/lena/proj/keras.py)\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "wrong-python-environment" and "Rename your keras.py" in first["fix"]


def test_1x_code_under_tensorflow_2_0s_tree_and_under_a_stated_1x(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: TensorFlow 2.0 and 2.1 name their API tree tensorflow_core
    log = (
        "AttributeError: module 'tensorflow_core._api.v2.train' has no attribute 'AdamOptimizer'\n"
    )
    assert ids(run(tmp_path, capsys, log))[0] == "dependency-version-mismatch"
    stated = run(tmp_path, capsys, log, "--tf", "1.15.0")["findings"][0]
    assert stated["id"] == "wrong-python-environment"


def test_the_runtime_apis_watchdog_is_the_watchdog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: CuPy's runtime error
    log = (
        "cupy_backends.cuda.api.runtime.CUDARuntimeError: cudaErrorLaunchTimeout: the launch"
        " timed out and was terminated\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert ids(document) == ["gpu-kernel-failed"] and "TdrDelay" in document["findings"][0]["fix"]


NO_DEVICE = (
    "2024-03-02 10:11:45.330213: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:"
    "282] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
)


def test_colab_gpu_1_is_a_gpu_runtime(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = run(tmp_path, capsys, NO_DEVICE, "--env", "COLAB_GPU=1")
    assert "no-nvidia-gpu" not in errors(document)


def test_virtual_devices_on_no_gpu_at_all_are_its_consequence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: a session's virtual devices where CUDA found none
    log = NO_DEVICE + (
        "tensorflow.python.framework.errors_impl.UnknownError: Not enough GPUs to create virtual"
        " devices. num_gpus_to_use: 0 #virtual_devices: 2\n"
    )
    assert "device-config-after-init" not in errors(run(tmp_path, capsys, log, "--os", "linux"))


def test_jaxs_own_missing_cuda_jaxlib_keeps_its_reinstall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: JAX's CPU-only jaxlib beside TensorFlow's cuInit failure
    log = NO_DEVICE + (
        "An NVIDIA GPU may be present on this machine, but a CUDA-enabled jaxlib is not"
        " installed. Falling back to cpu.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    jax = next(f for f in document["findings"] if f["id"] == "benign-log-noise")
    assert "jax[cuda12]" in jax["fix"]


def test_a_jax_paste_of_jaxlibs_copy_makes_no_claim_about_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: jaxlib's copy of TensorFlow's loader, under import jax
    log = (
        ">>> import jax\n>>> jax.devices()\n"
        "2021-09-02 14:40:19.772105: W external/org_tensorflow/tensorflow/stream_executor/"
        "platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudart.so.11.0';"
        " dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert "jaxlib's" in document["verdict"] and errors(document) == []


def test_a_data_centre_board_under_wsl2_is_assumed_in_wddm_mode(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # https://github.com/microsoft/WSL/issues/9952 (an H100 under WSL 2)
    document = plan(capsys, '--os wsl2 --gpu "NVIDIA H100 PCIe"')
    assert any("WDDM" in a["assumed"] for a in document["assumptions"])


def test_a_windows_numbered_r470_keeps_the_kepler_driver_for_ptxas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # https://github.com/arutar/FrankenDriver/issues/30 (K80s beside an RTX 2080 Ti), WSL 2
    document = plan(
        capsys, '--os wsl2 --gpu "Tesla K80" --gpu "GeForce RTX 2080 Ti" --driver 474.44'
    )
    ptxas = next(f for f in document["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["fix"].startswith("Keep this driver")


def test_a_release_too_old_for_the_gpu_names_the_nearest_that_runs_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # https://github.com/talmolab/sleap/issues/454 (2.3 pinned, an RTX 3080)
    document = plan(capsys, '--os linux --gpu "GeForce RTX 3080" --tf 2.3')
    kernels = next(f for f in document["findings"] if f["id"] == "compute-capability-unsupported")
    assert kernels["fix"].startswith("TensorFlow 2.4.4 is the nearest release")


def test_windows_cudnn_is_looked_for_by_the_releases_dll(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, "--os windows --tf 2.1 --python 3.7")
    confirms = " ".join(a["confirm"] for a in document["assumptions"])
    assert "cudnn64_7.dll" in confirms and "cudnn64_8.dll" not in confirms


def test_os_given_twice_is_refused_unless_it_is_wsl2_and_its_distribution(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--no-probe", "--os", "windows", "--os", "linux"]) == 2
    assert "given twice" in capsys.readouterr().err
    document = plan(capsys, '--os wsl2 --os "Ubuntu 22.04"')
    assert not any(a["fact"] in ("os", "glibc") for a in document["assumptions"])


def test_the_nearest_release_for_a_python_says_when_it_runs_on_the_cpu_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, "--os windows --tf 2.10 --python 3.11")
    python = next(f for f in document["findings"] if f["id"] == "python-unsupported")
    assert "runs on the CPU only" in python["fix"]


def test_1x_on_a_cuda_9_driver_is_sent_to_a_driver_update_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--no-probe", "--cuda-driver", "9.2", "--tf", "1.15"]) == 3
    assert "update the driver to one for CUDA 10.0" in capsys.readouterr().err


def test_another_projects_wheel_for_another_system_is_the_wrong_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/fold/issues/25 (its Linux wheel on a Mac)
    log = (
        "tensorflow_fold-0.0.1-py3-none-linux_x86_64.whl is not a supported wheel on this"
        " platform.\n"
    )
    first = run(tmp_path, capsys, log, "--os", "macos")["findings"][0]
    assert (
        first["id"] == "platform-unsupported" and "Linux wheel of tensorflow-fold" in first["title"]
    )
