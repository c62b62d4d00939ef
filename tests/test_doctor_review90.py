"""The doctor and the planner on review 90's threads: a Keras of another TensorFlow release, the
cuDNN wheel a known release pins, the driver's own words (NVML's mismatch from another tool,
nouveau's kernel lines, a module that found no GPU, CUDA's 'no device' alone), WSL 2's
unversioned libcuda.so, TensorFlow's copy inside jaxlib, installs that failed in older pip's or
conda's words, names that are packages of their own, 1.x code on 2.x (and 2.x imported where
1.x was meant), the display's watchdog, a hosted notebook without a GPU, NCCL and virtual
devices, and plans that waited on a driver while another Python would do.

Logs marked with a thread's URL are that thread's paste, verbatim (long lines split here only to
fit the source); those marked 'composed' are written in the tools' own words, for a case no
thread showed alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, plan_document

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document
plan = plan_document


# https://github.com/keras-team/tf-keras/issues/676
KERAS_OF_ANOTHER_RELEASE = (
    "AttributeError: module 'tensorflow._api.v2.compat.v2.__internal__' has no attribute"
    " 'register_load_context_function'. Did you mean: 'register_call_context_function'?\n"
)
# https://github.com/katanemo/plano/issues/231 (the message alone, as a wrapper printed it)
KERAS_MESSAGE_ALONE = (
    "module 'tensorflow._api.v2.compat.v2.__internal__' has no attribute"
    " 'register_load_context_function'\n"
)


@pytest.mark.parametrize("log", [KERAS_OF_ANOTHER_RELEASE, KERAS_MESSAGE_ALONE])
def test_a_keras_of_another_release_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    first = run(tmp_path, capsys, log, "--tf", "2.18")["findings"][0]
    assert (first["id"], first["severity"]) == ("dependency-version-mismatch", "error")
    assert "tf_keras" in first["fix"] and "register_load_context_function" in first["title"]


# https://github.com/tensorflow/tensorflow/issues/62626
CUDNN_OLDER_THAN_THE_BUILD = (
    "2023-12-12 16:48:40.306928: E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:447]"
    " Loaded runtime CuDNN library: 8.8.0 but source was compiled with: 8.9.4.  CuDNN library"
    " needs to have matching major version and equal or higher minor version. If using a binary"
    " install, upgrade your CuDNN library.\n"
)


def test_a_cudnn_fix_names_the_wheel_the_known_release_pins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = run(tmp_path, capsys, CUDNN_OLDER_THAN_THE_BUILD, "--os", "linux", "--tf", "2.15.1")
    fix = next(f["fix"] for f in known["findings"] if f["id"] == "cudnn-version-mismatch")
    assert 'pip install "nvidia-cudnn-cu12==8.9' in fix and "nvidia-cudnn-cu1x" not in fix
    # the log alone narrows the release to a range: no one release's pin to name
    guessed = run(tmp_path, capsys, CUDNN_OLDER_THAN_THE_BUILD, "--os", "linux")
    fix = next(f["fix"] for f in guessed["findings"] if f["id"] == "cudnn-version-mismatch")
    assert "nvidia-cudnn-cu1x" in fix


# https://github.com/Syllo/nvtop/issues/95
NVTOP_MISMATCH = "Impossible to initialize nvidia nvml : Driver/library version mismatch\n"
# https://github.com/negativo17/nvidia-driver/issues/73
NOUVEAU_BOUND = (
    "[    5.435274] nouveau 0000:01:00.0: enabling device (0000 -> 0003)\n"
    "[    5.436312] nouveau 0000:01:00.0: NVIDIA GM204 (124020a1)\n"
    "[    5.603461] nouveau 0000:01:00.0: bios: version 84.04.1f.00.6f\n"
    "[    5.871440] nouveau 0000:01:00.0: DRM: VRAM: 4096 MiB\n"
)
# https://github.com/jtriley/StarCluster/issues/67
MODULE_FOUND_NO_GPU = (
    "FATAL: Error inserting nvidia (/lib/modules/2.6.18-194.11.3.el5/kernel/drivers/video/"
    "nvidia.ko): No such device\n"
    "NVIDIA: failed to load the NVIDIA kernel module.\n"
    "Failed to allocate an RM client\n"
)
# https://github.com/DetectionTeamUCAS/R2CNN_Faster-RCNN_Tensorflow/issues/28
NO_DEVICE_ALONE = "no CUDA-capable device is detected\n"


@pytest.mark.parametrize(
    ("log", "expected", "severity", "words"),
    [
        (NVTOP_MISMATCH, "driver-library-mismatch", "error", "reboot"),
        (NOUVEAU_BOUND, "no-nvidia-driver", "error", "blacklist nouveau"),
        (MODULE_FOUND_NO_GPU, "no-nvidia-driver", "error", "lspci"),
        (NO_DEVICE_ALONE, "cuda-visible-devices-hides-gpus", "warning", "CUDA_VISIBLE_DEVICES"),
    ],
)
def test_the_drivers_own_words_name_the_cause(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    expected: str,
    severity: str,
    words: str,
) -> None:
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (first["id"], first["severity"]) == (expected, severity)
    assert words in first["fix"]


def test_a_failure_no_reading_knows_is_not_called_a_log_that_may_be_healthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: a kernel module's words this doctor has no reading for
    log = "NVRM: loading NVIDIA UNIX x86_64 Kernel Module\nnvidia-uvm: failed to initialize\n"
    verdict = run(tmp_path, capsys, log, "--os", "linux")["verdict"]
    assert "may be using one" not in verdict and "nvidia-uvm: failed to initialize" in verdict


# https://github.com/microsoft/WSL/issues/8587
WSL_UNVERSIONED_LIBCUDA = (
    ">>> cdll.LoadLibrary('libcuda.so.1')\n"
    "<CDLL 'libcuda.so.1', handle 562f22ae4160 at 0x7f74fb662c10>\n"
    ">>> cdll.LoadLibrary('libcuda.so')\n"
    "Traceback (most recent call last):\n"
    '  File "<stdin>", line 1, in <module>\n'
    '  File "/home/piotr/miniconda3/lib/python3.9/ctypes/__init__.py", line 460, in'
    " LoadLibrary\n"
    "    return self._dlltype(name)\n"
    "OSError: libcuda.so: cannot open shared object file: No such file or directory\n"
)
# https://github.com/pytorch/pytorch/issues/85773
CUDNN_WITHOUT_WSL_LIBCUDA = (
    "torch.cuda.is_available()=True\n"
    "matrix multiply works\n"
    "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared"
    " object file: No such file or directory\n"
    "Please make sure libcudnn_cnn_infer.so.8 is in your library path!\n"
    "Aborted\n"
)


def test_wsl2s_unversioned_libcuda_is_the_loader_path_not_the_windows_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, WSL_UNVERSIONED_LIBCUDA, "--os", "wsl2")["findings"][0]
    assert first["id"] == "wsl-libcuda-missing"
    assert "loader path, not the Windows driver" in first["title"]
    assert first["fix"].startswith("export LD_LIBRARY_PATH=/usr/lib/wsl/lib")


def test_cudnns_second_line_is_the_same_failure_as_its_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CUDNN_WITHOUT_WSL_LIBCUDA, "--os", "wsl2")
    assert errors(document) == ["wsl-libcuda-missing"]


# https://github.com/jax-ml/jax/issues/5361 (jaxlib's copy of TensorFlow's code; GPU worked)
JAXLIB_NUMA = (
    "E external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:927] could"
    " not open file to read NUMA node: /sys/bus/pci/devices/0000:01:00.0/numa_node\n"
    "Your kernel may have been built without NUMA support.\n"
)


def test_another_programs_copy_of_tensorflow_names_no_pip_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, JAXLIB_NUMA, "--os", "wsl2", "--cuda-toolkit", "10.2")
    assert errors(document) == [] and ids(document) == ["benign-log-noise"]


# composed: pip 9's traceback through its own files (the header and frames as pip 9 printed)
PIP9_TRACEBACK = (
    "Exception:\n"
    "Traceback (most recent call last):\n"
    '  File "/usr/lib/python3/dist-packages/pip/basecommand.py", line 215, in main\n'
    "    status = self.run(options, args)\n"
    '  File "/usr/lib/python3/dist-packages/pip/wheel.py", line 247, in move_wheel_files\n'
    "    shutil.copyfileobj(source, dest)\n"
    '  File "/usr/lib/python3.6/shutil.py", line 82, in copyfileobj\n'
    "    fdst.write(buf)\n"
)
# composed: conda's own lines when its package cache fills
CONDA_DISK_FULL = (
    "CondaError: Failed to write to"
    " /home/ana/miniconda3/pkgs/cudatoolkit-11.2.2-hbe64b41_10.conda\n"
    "  errno: 28\n"
)


@pytest.mark.parametrize(
    ("log", "words"),
    [
        (PIP9_TRACEBACK + "OSError: [Errno 28] No space left on device\n", "--no-cache-dir"),
        (CONDA_DISK_FULL, "conda clean --all"),
        (
            PIP9_TRACEBACK + "IOError: [Errno 13] Permission denied: '/usr/local/lib/python2.7/"
            "dist-packages/tensorflow_gpu-1.4.0.dist-info/METADATA'\n",
            "virtual environment you own",
        ),
        (
            "ERROR: Could not install packages due to an OSError: [WinError 5] Access is denied:"
            " 'c:\\\\program files\\\\python310\\\\lib\\\\site-packages\\\\tensorflow\\\\python\\\\"
            "_pywrap_tensorflow_internal.pyd'\n",
            "virtual environment you own",
        ),
    ],
)
def test_an_install_that_failed_in_older_words_names_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, words: str
) -> None:
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (first["id"], first["severity"]) == ("tensorflow-not-installed", "error")
    assert words in first["fix"]


def test_a_training_run_that_filled_the_disk_is_no_failed_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: a checkpoint write, no pip in sight
    log = (
        '  File "/home/u/train.py", line 40, in <module>\n'
        "    model.save('ckpt')\n"
        "OSError: [Errno 28] No space left on device\n"
    )
    assert "tensorflow-not-installed" not in ids(run(tmp_path, capsys, log, "--os", "linux"))


@pytest.mark.parametrize(
    "log",
    [
        # composed: real packages of their own, near TensorFlow's names
        "PackagesNotFoundError: The following packages are not available from current channels:"
        "\n\n  - tensorflow-gnn\n",
        "ERROR: No matching distribution found for tensorflow-tpu==2.17.0\n",
        "ERROR: No matching distribution found for tb-nightly~=2.16.0.a\n",
    ],
)
def test_a_package_of_its_own_is_no_misspelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert all("misspelling" not in f["title"] for f in document["findings"])


def test_uv_refusing_a_misspelt_name_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: uv's resolver in its own words
    log = (
        "  × No solution found when resolving dependencies:\n"
        "  ╰─▶ Because tensorfow was not found in the package registry and you require"
        " tensorfow[and-cuda], we can conclude that your requirements are unsatisfiable.\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert "misspelling of 'tensorflow'" in first["title"]


def test_another_cpus_wheel_names_the_package_published_for_this_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: pip's refusal of an Intel Mac's wheel on Apple silicon
    log = (
        "ERROR: tensorflow-2.12.0-cp310-cp310-macosx_10_15_x86_64.whl is not a supported wheel"
        " on this platform.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "macos", "--arch", "arm64")
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "'pip install tensorflow-macos==2.12.0'" in first["fix"]


def test_the_and_cuda_extra_refused_on_a_mac_is_the_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: pip 24's refusal of [and-cuda]'s pins on an M1
    log = (
        "ERROR: Could not find a version that satisfies the requirement"
        ' nvidia-cublas-cu12==12.3.4.1; extra == "and-cuda" (from tensorflow[and-cuda]) (from'
        " versions: 0.0.1.dev5)\n"
        "ERROR: No matching distribution found for nvidia-cublas-cu12==12.3.4.1;"
        ' extra == "and-cuda"\n'
    )
    document = run(tmp_path, capsys, log, "--os", "macos")
    assert errors(document) == ["macos-no-cuda"]
    assert "without the [and-cuda] extra" in document["findings"][0]["fix"]


def test_a_users_keras_py_reentered_while_tensorflow_starts_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: a script named keras.py, imported back by TensorFlow's own 'import keras'
    log = (
        "Traceback (most recent call last):\n"
        '  File "/home/lena/proj/keras.py", line 1, in <module>\n'
        "    import tensorflow as tf\n"
        '  File "/home/lena/venv/lib/python3.10/site-packages/tensorflow/__init__.py", line 48,'
        " in <module>\n"
        "    from tensorflow.python.keras import models\n"
        '  File "/home/lena/proj/keras.py", line 3, in <module>\n'
        "    print(tf.config.list_physical_devices('GPU'))\n"
        "AttributeError: partially initialized module 'tensorflow' has no attribute 'config'"
        " (most likely due to a circular import)\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "wrong-python-environment"
    assert first["fix"].startswith("Rename your keras.py")


# composed: the 1.x name missing, as Python words it
SESSION_MISSING = (
    '  File "train.py", line 12, in <module>\n'
    "    sess = tf.Session(config=config)\n"
    "AttributeError: module 'tensorflow' has no attribute 'Session'\n"
)


def test_a_1x_name_missing_under_a_stated_1x_is_another_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    under_1x = run(tmp_path, capsys, SESSION_MISSING, "--os", "linux", "--tf", "1.15.0")
    assert under_1x["findings"][0]["id"] == "wrong-python-environment"
    under_2x = run(tmp_path, capsys, SESSION_MISSING, "--os", "linux", "--tf", "2.3")
    assert under_2x["findings"][0]["id"] == "dependency-version-mismatch"


def test_1x_code_stopping_in_a_tensorflow_2_submodule_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: tf.train's optimizer under TensorFlow 2's API tree
    log = "AttributeError: module 'tensorflow._api.v2.train' has no attribute 'AdamOptimizer'\n"
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert "tf.compat.v1.train.AdamOptimizer" in first["fix"]


def test_the_display_watchdog_alone_is_named_on_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # composed: the driver API's status and text, pasted alone
    log = "CUDA_ERROR_LAUNCH_TIMEOUT: the launch timed out and was terminated\n"
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert ids(document) == ["gpu-kernel-failed"]
    assert "TdrDelay" in document["findings"][0]["fix"]


# composed: Colab's CPU runtime, as TensorFlow 2.15 logs it
NO_DEVICE_IN_A_NOTEBOOK = (
    "2024-03-02 10:11:45.330213: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:"
    "282] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
)


def test_a_hosted_notebook_without_a_gpu_leads_over_a_hidden_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hosted = run(tmp_path, capsys, NO_DEVICE_IN_A_NOTEBOOK, "--env", "COLAB_GPU=0")
    assert errors(hosted) == ["no-nvidia-gpu"]
    hidden = run(
        tmp_path,
        capsys,
        NO_DEVICE_IN_A_NOTEBOOK,
        "--env",
        "COLAB_GPU=0",
        "--env",
        "CUDA_VISIBLE_DEVICES=-1",
    )
    assert ids(hidden)[0] == "cuda-visible-devices-hides-gpus"


# https://github.com/tensorflow/tensorflow/issues/21470
NCCL_OP_NOT_REGISTERED = (
    "> tensorflow.python.framework.errors_impl.InvalidArgumentError: Op type not registered"
    " 'NcclAllReduce' in binary running on DESKTOP-K1BEKCL. Make sure the Op and Kernel are"
    " registered in the binary running in this process.\n"
)
# https://github.com/tensorflow/tensorflow/issues/57641
ORDINALS_UNEVEN = (
    "# Raises Error: tensorflow.python.framework.errors_impl.InvalidArgumentError: \n"
    "# Device ordinals must be set for all virtual devices or none. But the device_ordinal is"
    " specified for 1 while previous devices didn't have any set.\n"
)
# https://github.com/tensorflow/addons/issues/1171
TOO_FEW_GPUS = (
    "tensorflow.python.framework.errors_impl.UnknownError: Not enough GPUs to create virtual"
    " devices. num_gpus_to_use: 1 #virtual_devices: 2\n"
)


def test_the_missing_nccl_op_in_1x_words_leads_over_a_stated_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--tf", "1.9.0", "--cuda-toolkit", "9.2", "--cudnn", "7.1.4")
    document = run(tmp_path, capsys, NCCL_OP_NOT_REGISTERED, *flags)
    assert errors(document) == ["op-without-gpu-kernel"]
    assert "HierarchicalCopyAllReduce" in document["findings"][0]["fix"]


@pytest.mark.parametrize("log", [ORDINALS_UNEVEN, TOO_FEW_GPUS])
def test_a_virtual_device_configuration_that_does_not_fit_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    first = run(tmp_path, capsys, log, "--tf", "2.10")["findings"][0]
    assert (first["id"], first["severity"]) == ("device-config-after-init", "error")
    assert "set_logical_device_configuration" in first["fix"]


def test_jax_falling_back_to_the_cpu_after_cuinit_failed_asks_for_no_reinstall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/gbionics/jaxsim/issues/50
    log = (
        "> 2023-10-04 12:33:47.594219: E external/xla/xla/stream_executor/cuda/cuda_driver.cc:"
        "268] failed call to cuInit: CUDA_ERROR_UNKNOWN: unknown error\n"
        "No GPU/TPU found, falling back to CPU. (Set TF_CPP_MIN_LOG_LEVEL=0 and rerun for more"
        " info.)\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert errors(document) == ["no-nvidia-driver"]
    jax = next(f for f in document["findings"] if f["id"] == "benign-log-noise")
    assert "jax[cuda" not in jax["fix"] and "Nothing to reinstall" in jax["fix"]


def test_a_plan_waiting_on_the_driver_names_the_python_that_runs_on_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # review 90, plan: an A100 on R470 with Python 3.12
    document = plan(capsys, '--os linux --python 3.12 --gpu "A100-SXM4-40GB" --driver 470.82.01')
    old = next(f for f in document["findings"] if f["id"] == "driver-too-old")
    assert "TensorFlow 2.14.1 runs its GPU build on it with Python 3.11" in old["fix"]
    assert "runs on the CPU" not in old["fix"]


def test_a_pinned_release_without_kernels_for_the_gpu_leads_with_the_gpu(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # review 90, plan (DeepLabCut#3084): 2.13 asked for an RTX 5070 under Python 3.12
    document = plan(capsys, '--os linux --python 3.12 --gpu "GeForce RTX 5070" --tf 2.13')
    assert errors(document) == ["compute-capability-unsupported"]
    python = next(f for f in document["findings"] if f["id"] == "python-unsupported")
    assert "run on the CPU only" in python["title"]


def test_a_release_and_python_that_do_not_fit_name_the_release_for_that_python(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/99639: 2.19 asked under Python 3.13
    document = plan(capsys, "--os linux --python 3.13 --tf 2.19")
    python = next(f for f in document["findings"] if f["id"] == "python-unsupported")
    assert "TensorFlow 2.20.0 is the release nearest 2.19" in python["fix"]


def test_a_1x_release_asked_on_an_old_driver_is_not_sent_to_ngc(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tfgpu_setup.cli import main

    assert main(["plan", "--no-probe", "--cuda-driver", "10.0", "--tf", "1.15"]) == 3
    err = capsys.readouterr().err
    assert "'tensorflow-gpu~=1.15'" in err and "CUDA 10.0 and cuDNN 7.6" in err
    assert "use NVIDIA's NGC" not in err


def test_nvmls_mismatch_inside_a_container_leads_with_the_images_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/BIOP/biop-desktop/issues/27 (an image that carried a driver's libraries)
    log = (
        "Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 570.86\n"
    )
    inside = run(tmp_path, capsys, log, "--os", "linux", "--container")["findings"][0]
    assert inside["fix"].startswith("In a container, an image that carries driver libraries")
    outside = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert outside["fix"].startswith("The NVIDIA driver was upgraded")


def test_an_older_release_for_an_old_gpu_names_the_one_its_driver_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # review 89 left it: a K80 on R410 asked for 2.16 was sent to 2.11, which needs R450
    document = plan(capsys, '--os linux --gpu "Tesla K80" --driver 410.72 --python 3.7 --tf 2.16')
    kernels = next(f for f in document["findings"] if f["id"] == "compute-capability-unsupported")
    assert "needs a newer driver than 410.72" in kernels["fix"]
    assert "TensorFlow 2.0.4 runs its GPU build" in kernels["fix"]
