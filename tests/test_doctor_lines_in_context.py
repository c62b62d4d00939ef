"""The doctor reading a line with what surrounds it: a traceback of TensorFlow's own issue
script, a cuDNN failure whose device line the paste left out, a stub found through the
LD_LIBRARY_PATH stated, conda's refusal under WSL 2, two runs in one paste, two pip commands,
a library of a cuDNN known installed. Each log line is verbatim from the thread cited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")


run = doctor_document
"""The doctor's JSON for the log, nothing probed, with its exit code under 'exit'."""


# https://github.com/tensorflow/tensorflow/issues/53229 (verbatim): the output of
# tools/tf_env_collect.sh, whose /tmp/check_tf.py calls tf.Session() under TensorFlow 2.3
ENV_COLLECT = (
    "Collecting system information...\n"
    "Traceback (most recent call last):\n"
    '  File "/tmp/check_os.py", line 17, in <module>\n'
    "    platform.linux_distribution(),\n"
    "AttributeError: module 'platform' has no attribute 'linux_distribution'\n"
    "2021-11-29 11:17:14.503225: I tensorflow/stream_executor/platform/default/dso_loader.cc:48]"
    " Successfully opened dynamic library libcudart.so.10.1\n"
    "Traceback (most recent call last):\n"
    '  File "/tmp/check_tf.py", line 5, in <module>\n'
    "    with tf.Session() as sess:\n"
    "AttributeError: module 'tensorflow' has no attribute 'Session'\n"
    "bazel: command not found\n"
)
STATED_53229 = ("--os", "linux", "--python", "3.8.12", "--tf", "2.3.0")


def test_tensorflows_own_issue_script_failing_is_not_the_users_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, ENV_COLLECT, *STATED_53229)
    assert "dependency-version-mismatch" not in ids(doc)
    assert errors(doc) == [] and doc["exit"] == ExitCode.CPU_ONLY
    assert "tf.Session" not in doc["verdict"] and "Session'" not in doc["verdict"]
    # the failure the issue's title names still leads, alone among the errors
    title_line = (
        "2021-11-29 11:17:15.102938: E tensorflow/stream_executor/cuda/cuda_driver.cc:313] failed"
        " call to cuInit: CUDA_ERROR_UNKNOWN: unknown error\n"
    )
    doc = run(tmp_path, capsys, ENV_COLLECT + title_line, *STATED_53229)
    assert errors(doc) == ["no-nvidia-driver"]


def test_the_same_call_in_the_users_own_script_is_still_tensorflow_1_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = ENV_COLLECT.replace("/tmp/check_tf.py", "/home/me/train.py")
    assert ids(run(tmp_path, capsys, own, *STATED_53229))[0] == "dependency-version-mismatch"


def test_cudnn_that_could_not_start_reached_the_gpu_even_without_its_device_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/CSBDeep/CSBDeep/issues/36 (verbatim): the op's error alone
    log = (
        "(0) Unknown: Failed to get convolution algorithm. This is probably because cuDNN failed"
        " to initialize, so try looking to see if a warning log message was printed above."
        " [[{{node down_level_0_no_0_1/convolution}}]].\n"
    )
    doc = run(tmp_path, capsys, log, "--cuda-toolkit", "10.1", "--cudnn", "7.6.3")
    assert ids(doc)[0] == "gpu-out-of-memory"
    assert doc["verdict"].startswith("TensorFlow reached the GPU, but cuDNN could not start")
    assert "not using the GPU because" not in doc["verdict"]


# https://github.com/talmolab/sleap/issues/1806: cuDNN's loader, after TensorFlow loaded cuDNN
# for the first epoch; the line as its title gives it, without the library it lacked
CUDNN_PART_MISSING = (
    "Epoch 1/200\n"
    "2024-06-12 14:44:39.039477: I tensorflow/stream_executor/cuda/cuda_dnn.cc:366] Loaded cuDNN"
    " version 8201\n"
    "Could not load library libcudnn_cnn_infer.so.8\n"
)


def test_cudnns_bare_load_failure_is_work_that_failed_on_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CUDNN_PART_MISSING, "--os", "linux")
    assert errors(doc) == ["cudnn-not-found"]
    assert "libcudnn_cnn_infer.so.8" in doc["findings"][0]["title"]
    assert doc["exit"] == ExitCode.TF_BROKEN
    # the full line names the library it lacked: that reading stays, and only it
    full = CUDNN_PART_MISSING.replace(
        "libcudnn_cnn_infer.so.8\n",
        "libcudnn_cnn_infer.so.8. Error: libnvrtc.so: cannot open shared object file: No such"
        " file or directory\nPlease make sure libcudnn_cnn_infer.so.8 is in your library path!\n",
    )
    assert ids(run(tmp_path, capsys, full, "--os", "linux")) == ["cuda-libs-not-found"]


# https://github.com/tensorflow/tensorflow/issues/41748 (its title's line) in TensorFlow's
# devel-gpu image, whose LD_LIBRARY_PATH the reporter stated with the stubs folder first
STUB_ANSWERED = (
    "Tensorflow build from source doesn't see GPUs gets \" failed call to cuInit: UNKNOWN ERROR"
    ' (-1)"\n'
)


def test_stubs_first_on_the_stated_path_are_found_whatever_the_container_mounted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stubs = "LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs:/usr/local/cuda/lib64"
    doc = run(tmp_path, capsys, STUB_ANSWERED, "--os", "linux", "--container", "--env", stubs)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("ld-library-path-shadows", "error")
    assert "no driver was mounted" not in " ".join(first["evidence"])
    # without the stubs stated, the stub answering alone in a container is the container's
    doc = run(tmp_path, capsys, STUB_ANSWERED, "--os", "linux", "--container")
    assert doc["findings"][0]["id"] == "container-gpu-not-exposed"


# https://openillumi.com/?p=115952 (a Stack Overflow question retold): 'nvidia-smi -q' in WSL 2
# answering, and conda refusing TensorFlow 2.10's CUDA build
CONDA_REFUSAL_IN_WSL = (
    "==============NVSMI LOG==============\n"
    "Timestamp : Sat Dec 17 23:22:43 2022\n"
    "Driver Version : 527.56\n"
    "CUDA Version : 12.0\n"
    "Attached GPUs : 1\n"
    "\n"
    "Could not solve for environment specs\n"
    "Encountered problems while solving:\n"
    "- nothing provides __cuda needed by tensorflow-2.10.0-cuda112py310he87a039_0\n"
)


def test_condas_refusal_under_wsl_is_condas_not_the_windows_side_of_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, CONDA_REFUSAL_IN_WSL, "--os", "wsl2", "--python", "3.10")
    assert "wsl-libcuda-missing" not in ids(doc)
    assert ids(doc)[0] == "no-nvidia-driver"
    evidence = " ".join(doc["findings"][0]["evidence"])
    assert "CONDA_OVERRIDE_CUDA=12.0" in evidence
    assert "\n" not in evidence  # nvidia-smi -q's two lines quoted as one


def test_the_driver_listing_a_gpu_to_tensorflow_is_read_as_the_driver_finding_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/smallcorgi/Faster-RCNN_TF/issues/330 (verbatim excerpt): TF 1.x lists
    # two K80s and the paste stops before any device was created
    log = (
        "2019-01-21 : I tensorflow/core/common_runtime/gpu/gpu_device.cc:1105] Found device 0 with"
        " properties: \n"
        "name: Tesla K80 major: 3 minor: 7 memoryClockRate(GHz): 0.8235\n"
        "pciBusID: 0000:08:00.0\n"
        "totalMemory: 11.17GiB freeMemory: 11.10GiB\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux")
    assert "The driver found a GPU" in doc["verdict"]
    assert "do not say whether this TensorFlow found one" not in doc["verdict"]
    assert doc["exit"] == ExitCode.CPU_ONLY  # no device shown at work yet


def test_the_nightly_gpu_stub_is_not_installed_and_its_version_is_no_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/60594 (verbatim)
    log = (
        "Collecting tf-nightly-gpu\n"
        "  Downloading tf-nightly-gpu-2.12.0.tar.gz (2.6 kB)\n"
        "  Preparing metadata (setup.py) ... error\n"
        "  error: subprocess-exited-with-error\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux", "--python", "3.10", "--cuda-toolkit", "12.1")
    assert ids(doc) == ["tensorflow-not-installed"]
    assert "'tf-nightly'" in doc["findings"][0]["fix"]


# https://github.com/jupyter/notebook/issues/6886 (verbatim): the terminal's run lists the GPU,
# the notebook's (Windows' jupyter started from WSL) an empty list
TWO_RUNS = (
    "The verification command \n"
    " python3 -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\" \n"
    "returns \n"
    "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
    "\n"
    "Launch jupyter notebook.exe from the same command line environment\n"
    "Same Python code from a notebook cell\n"
    "import tensorflow as tf; \n"
    "print(tf.config.list_physical_devices('GPU'))\n"
    "\n"
    "return and empty list []\n"
)


def test_a_second_run_listing_no_gpu_points_at_its_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, TWO_RUNS)
    assert doc["gpu_used"] != "yes" and doc["exit"] == ExitCode.CPU_ONLY
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("wrong-python-environment", "warning")
    assert "sys.executable" in first["fix"]
    # the question asked once, answered by the GPU: that run stands
    once = TWO_RUNS.split("\n\nLaunch")[0] + "\n"
    assert run(tmp_path, capsys, once)["gpu_used"] == "yes"


# https://github.com/keras-team/keras/issues/6997 (verbatim): the order that left the CPU build
TWO_INSTALLS = "```\nsudo pip install tensorflow-gpu\nsudo pip install tensorflow\n```\n"


def test_two_pip_commands_installing_two_distributions_leave_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, TWO_INSTALLS, "--os", "linux", "--tf", "1.1.0")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("multiple-tensorflow-distributions", "warning")
    assert first["evidence"] == ["sudo pip install tensorflow-gpu", "sudo pip install tensorflow"]
    # one uninstalled between them leaves one
    swapped = TWO_INSTALLS.replace(
        "sudo pip install tensorflow\n",
        "sudo pip uninstall tensorflow-gpu\nsudo pip install tensorflow\n",
    )
    assert "multiple-tensorflow-distributions" not in ids(
        run(tmp_path, capsys, swapped, "--os", "linux", "--tf", "1.1.0")
    )


def test_a_library_of_the_cudnn_known_installed_is_one_the_loader_does_not_find(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/mind/wheels/issues/20 (verbatim): the import fails on libcudnn.so.7
    # beside cuDNN 7.0.5, which the reporter's 'ls' shows; the maintainer's fix was ldconfig
    log = "ImportError: libcudnn.so.7: cannot open shared object file: No such file or directory\n"
    doc = run(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "9.1", "--cudnn", "7.0.5")
    first = doc["findings"][0]
    assert first["id"] == "cudnn-not-found"
    assert "is installed, but the loader does not find its libcudnn.so.7" in first["title"]
    assert "ldconfig" in first["fix"] and not first["fix"].startswith("Install")
    # an import that fails on a CUDA library is a release before 1.14: none of the table's
    # 2.x releases is judged for it
    assert not any("TensorFlow 2." in f["title"] for f in doc["findings"])


def test_two_distributions_listed_step_back_behind_the_cudnn_the_gpu_build_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/23715 (verbatim excerpt): an old cuDNN
    # first on the path, and a pip list with two TensorFlow distributions
    log = (
        "Loaded runtime CuDNN library: 7.1.2 but source was compiled with: 7.3.1.  CuDNN library"
        " major and minor version needs to match or have higher minor version in case of CuDNN"
        " 7.0 or later version.\n"
        "\n"
        " tf-nightly-gpu  1.13.0.dev20181110\n"
        "\n"
        " tensorflow-gpu  1.12.0rc2\n"
    )
    doc = run(tmp_path, capsys, log, "--cudnn", "7.4.1")
    assert doc["findings"][0]["id"] == "ld-library-path-shadows"
    both = next(f for f in doc["findings"] if f["id"] == "multiple-tensorflow-distributions")
    assert both["severity"] == "warning"


def test_an_export_a_stray_backslash_broke_is_why_the_library_is_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/20271 (verbatim excerpt): NVIDIA's
    # two-line export put on one line, its backslash kept
    log = (
        "    ImportError: libcudnn.so.7: cannot open shared object file: No such file or"
        " directory\n"
        "\n"
        "Also, I have added the following path in my .bashrc file:\n"
        "\n"
        "    export PATH=/usr/local/cuda-9.0/bin${PATH:+:${PATH}}\n"
        "    export LD_LIBRARY_PATH=/usr/local/cuda-9.0/lib64"
        "\\${LD_LIBRARY_PATH:+:${LD_LIBRARY_PATH}}\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "9.0")["findings"][0]
    assert first["id"] == "cudnn-not-found"
    assert "stray backslash" in first["title"]
    assert "export LD_LIBRARY_PATH=/usr/local/cuda-9.0/lib64${LD_LIBRARY_PATH:+" in first["fix"]
    # the export written right says nothing against the folder
    right = log.replace("lib64\\${", "lib64${")
    first = run(tmp_path, capsys, right, "--os", "linux", "--cuda-toolkit", "9.0")["findings"][0]
    assert "stray backslash" not in first["title"]


def test_windows_ptxas_not_started_beside_a_working_gpu_is_a_warning_with_a_path_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/52112 (verbatim): TensorFlow 2.6 on
    # Windows, cuDNN loaded, then subprocess.cc failing to start ptxas.exe (error 2: not found)
    log = (
        "2021-09-23 23:36:12.332220: I tensorflow/stream_executor/cuda/cuda_dnn.cc:369] Loaded"
        " cuDNN version 8204\n"
        "2021-09-23 23:36:12.941230: E tensorflow/core/platform/windows/subprocess.cc:287] Call to"
        " CreateProcess failed. Error code: 2\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "windows", "--python", "3.9", "--tf", "2.6")
    assert doc["gpu_used"] == "yes" and doc["exit"] == ExitCode.OK
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("xla-toolchain-missing", "warning")
    assert "PATH" in first["fix"] and "tensorflow[and-cuda]" not in first["fix"]


def test_in_a_container_the_gpu_shown_sends_the_user_to_the_containers_access_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/DeepLabCut/DeepLabCut/issues/1724: the nvidia-smi table the reporter
    # posted, from deeplabcut-docker, and nothing of TensorFlow's
    log = (
        "| NVIDIA-SMI 510.47.03    Driver Version: 510.47.03    CUDA Version: 11.6     |\n"
        "|-------------------------------+----------------------+----------------------+\n"
        "|   0  Tesla M40 24GB      Off  | 00000000:01:00.0 Off |                    0 |\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux", "--container")
    assert "started with the GPU" in doc["verdict"] and doc["exit"] == ExitCode.CPU_ONLY
    outside = run(tmp_path, capsys, log, "--os", "linux", "--no-container")
    assert "started with the GPU" not in outside["verdict"]


def test_a_windows_driver_older_than_cuda_in_wsl_is_an_error_whatever_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/microsoft/WSL/issues/5848 (verbatim): a Windows update put back a
    # driver without CUDA for WSL 2
    log = " NVIDIA-SMI 451.67       Driver Version: 451.67       CUDA Version: 11.0\n"
    doc = run(tmp_path, capsys, log, "--os", "wsl2")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("driver-too-old", "error")
    assert doc["verdict"].startswith("TensorFlow is not using the GPU because")


def test_cudnn_that_could_not_start_and_then_aborted_is_a_crash_without_the_device_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/14111 (verbatim)
    log = (
        "2017-10-30 17:55:23.525428: E tensorflow/stream_executor/cuda/cuda_dnn.cc:371] could not"
        " create cudnn handle: CUDNN_STATUS_INTERNAL_ERROR\n"
        "2017-10-30 17:55:23.525452: E tensorflow/stream_executor/cuda/cuda_dnn.cc:338] could not"
        " destroy cudnn handle: CUDNN_STATUS_BAD_PARAM\n"
        "2017-10-30 17:55:23.525458: F tensorflow/core/kernels/conv_ops.cc:672] Check failed:"
        " stream->parent()->GetConvolveAlgorithms("
        " conv_parameters.ShouldIncludeWinogradNonfusedAlgo<T>(), &algorithms) \n"
        "Aborted (core dumped)\n"
    )
    doc = run(tmp_path, capsys, log)
    assert doc["findings"][0]["id"] == "gpu-out-of-memory"
    assert doc["exit"] == ExitCode.TF_BROKEN
    assert doc["verdict"].startswith("TensorFlow reached the GPU")


def test_nvidia_wheels_on_the_path_in_a_container_are_the_cuda_not_the_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/jupyter/docker-stacks/issues/2100 (verbatim, the path shortened to two
    # of its wheel folders): CUDA 11 wheels under a TensorFlow that loads CUDA 12
    log = (
        "2024-03-15 02:38:23.246671: I external/local_tsl/tsl/platform/default/dso_loader.cc:70]"
        " Could not load dynamic library 'libcudart.so.12'; dlerror: libcudart.so.12: cannot open"
        " shared object file: No such file or directory; LD_LIBRARY_PATH:"
        " /opt/conda/lib/python3.11/site-packages/nvidia/cublas/lib/:"
        "/opt/conda/lib/python3.11/site-packages/nvidia/cuda_runtime/lib/\n"
    )
    first = run(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "cuda-version-mismatch"
    assert "wheel" in first["title"] and "image" not in first["title"]


def test_no_kernel_image_names_the_release_that_has_kernels_for_this_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tensorflow#42467: 2.3's build skipped sm_50, which 2.4 and later carry again (a log
    # composed from that thread's lines)
    log = (
        "2020-08-10 15:13:48.510000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1402]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 3001 MB"
        " memory) -> physical GPU (device: 0, name: Quadro M2000M, pci bus id: 0000:01:00.0,"
        " compute capability: 5.0)\n"
        "2020-08-10 15:13:50.105836: F .\\tensorflow/core/kernels/conv_2d_gpu.h:710] Non-OK-status:"
        " GpuLaunchKernel( SwapDimension1And2InTensor3UsingTiles<T, NumThreads, TileLongSide,"
        " TileShortSide>, total_tiles_count, NumThreads, 0, d.stream(), input, input_dims,"
        " output) status: Internal: no kernel image is available for execution on the device\n"
    )
    stated = ("--os", "windows", "--python", "3.8", "--tf", "2.3.0", "--driver", "451.67")
    first = run(tmp_path, capsys, log, *stated)["findings"][0]
    assert first["id"] == "compute-capability-unsupported"
    # the nearest release with its kernels first (sleap#454, review 91), then the newest here
    assert first["fix"].startswith("TensorFlow 2.4.4 is the nearest release that supports")
    assert "the newest is 2.10.1" in first["fix"]


def test_ngcs_no_driver_banner_under_wsl_is_not_told_to_add_the_gpu_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/NVIDIA/nvidia-container-toolkit/issues/271 (verbatim excerpt)
    log = (
        "docker run --gpus all -it --shm-size=1g --ulimit memlock=-1 --ulimit stack=67108864"
        " nvcr.io/nvidia/tensorflow:20.03-tf2-py3\n"
        "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
        "   Use 'nvidia-docker run' to start this container; see\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "wsl2", "--container")
    banner = next(f for f in doc["findings"] if f["id"] == "container-gpu-not-exposed")
    assert banner["severity"] == "info"
    assert "without access" not in banner["title"] and "Nothing to do" in banner["fix"]


def test_tensorflows_fatal_check_after_the_device_came_up_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/4769 (verbatim excerpt, a PBS job)
    log = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:839] Creating TensorFlow device"
        " (/gpu:0) -> (device: 0, name: Tesla K40t, pci bus id: 0000:82:00.0)\n"
        "F tensorflow/core/common_runtime/gpu/gpu_device.cc:170] Check failed: err == cudaSuccess"
        " (71 vs. 0)\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux")
    assert doc["exit"] == ExitCode.TF_BROKEN
    assert "crashed on a fatal check" in doc["verdict"]


def test_a_pre_release_stated_is_named_as_stated_not_as_a_patch_nobody_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/34723: 2.1.0rc0 on Windows, CUDA 10.0
    log = "Could not load dynamic library 'cudart64_101.dll'; dlerror: cudart64_101.dll not found\n"
    stated = ("--os", "windows", "--python", "3.7", "--tf", "2.1.0rc0", "--cuda-toolkit", "10.0")
    doc = run(tmp_path, capsys, log, *stated)
    said = " ".join(" ".join([f["title"], *f["evidence"], f["fix"]]) for f in doc["findings"])
    assert "TensorFlow 2.1.0rc0" in said and "2.1.4" not in said


def test_a_toolkits_targets_folder_searched_is_its_lib64_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/ArjunaCluster/ArjunaUsers/issues/9 (verbatim): the compute node's
    # LD_LIBRARY_PATH names CUDA 10.1's targets folder, and libcudart.so.10.1 is not there
    log = (
        "2021-07-19 11:09:28.539350: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:59] Could not load dynamic library 'libcudart.so.10.1'; dlerror:"
        " libcudart.so.10.1: cannot open shared object file: No such file or directory;"
        " LD_LIBRARY_PATH: /opt/ohpc/pub/compiler/gcc/5.4.0/lib64:"
        "/usr/local/cuda-10.1/targets/x86_64-linux/lib:/home/azeeshan/install/libxc-3.0.0/lib::4\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.3.0")["findings"][0]
    assert first["id"] == "cuda-libs-not-found"
    assert "which the loader searched" in first["fix"]
    assert "export LD_LIBRARY_PATH=/usr/local/cuda-10.1/lib64" not in first["fix"]


def test_anacondas_own_gpu_build_is_not_judged_by_the_pip_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/ContinuumIO/anaconda-issues/issues/12566 (verbatim excerpt): Anaconda's
    # 2.4.1, built with CUDA 10.1 and cuDNN 7.6 (AnacondaRecipes/tensorflow_recipes)
    log = (
        "- TensorFlow version: 2.4.1       \n"
        "- Tensorflow-base: 2.4.1          \n"
        "- Tensorflow-gpu: 2.4.1                \n"
        "- Python version: 3.8.8\n"
        "- CUDA/cuDNN version: 10.1.168/7.6.5 (installed from Anaconda)\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux")
    assert not {"cuda-version-mismatch", "cudnn-version-mismatch"} & set(errors(doc))
    # the same list without conda's tensorflow-base is pip's build, which the table judges
    pip = log.replace("- Tensorflow-base: 2.4.1          \n", "")
    assert "cuda-version-mismatch" in errors(run(tmp_path, capsys, pip, "--os", "linux"))


def test_cudnn_failing_on_a_gpu_newer_than_its_cuda_is_the_missing_kernels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tensorflow#46093: an RTX 3080 under 2.3 (CUDA 10.1, cuDNN 7.6); lines as TensorFlow 2.3
    # prints them
    log = (
        "2020-12-15 15:14:24.112204: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1402]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 8581 MB"
        " memory) -> physical GPU (device: 0, name: GeForce RTX 3080, pci bus id: 0000:01:00.0,"
        " compute capability: 8.6)\n"
        "2020-12-15 15:14:31.550012: E tensorflow/stream_executor/cuda/cuda_dnn.cc:318] Could not"
        " create cudnn handle: CUDNN_STATUS_INTERNAL_ERROR\n"
    )
    doc = run(tmp_path, capsys, log, "--tf", "2.3")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("compute-capability-unsupported", "error")
    assert doc["exit"] == ExitCode.TF_BROKEN
    # on a GPU whose cuDNN the build's CUDA knows (a Turing card), the same line is memory
    turing = log.replace("GeForce RTX 3080", "GeForce RTX 2080").replace("8.6)", "7.5)")
    assert run(tmp_path, capsys, turing, "--tf", "2.3")["findings"][0]["id"] == "gpu-out-of-memory"


def test_a_compiler_modules_libstdcxx_first_on_the_path_is_named_with_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/30856 (verbatim): a CentOS 6 cluster's
    # gcc module ahead of conda's newer libstdc++
    log = (
        "Import error ImportError: /opt/gnu/gcc/lib64/libstdc++.so.6: version `GLIBCXX_3.4.21'"
        " not found (required by /home/atanteck/anaconda3/lib/python3.7/site-packages/tensorflow/"
        "python/_pywrap_tensorflow_internal.so). Indicated file is there at the path.\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "linux", "--tf", "1.14.0", "--python", "3.7")
    first = doc["findings"][0]
    assert "/opt/gnu/gcc/lib64" in first["title"] and "module" in first["fix"]
    assert doc["exit"] == ExitCode.TF_BROKEN


def test_ipythons_frame_in_tensorflows_native_loader_is_an_import_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/microsoft/vscode-python/issues/7929 (verbatim excerpt): the page took
    # '<module>' for markup, so the frame's line ends at 'in'
    log = (
        "    ImportError                               Traceback (most recent call last)\n"
        "    D:\\Files\\Programs\\DeepLearning\\dlenv\\lib\\site-packages\\tensorflow\\python\\"
        "pywrap_tensorflow.py in \n"
        "        57 \n"
        "    ---> 58   from tensorflow.python.pywrap_tensorflow_internal import *\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "windows")
    assert doc["exit"] == ExitCode.TF_BROKEN
    assert "failed to import" in doc["verdict"]
    # SWIG's module names a release before 2.2: no warning about 2.11's Windows builds
    assert "windows-native-gpu-unsupported" not in ids(doc)


def test_the_kernel_modules_version_file_names_the_module_not_the_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/illinois-scicomp/machine-shop-maintenance/issues/70 (verbatim excerpt)
    log = (
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  520.56.06  Thu Oct  6 21:38:55 UTC 2022\n"
    )
    driver = run(tmp_path, capsys, log, "--os", "linux")["facts"]["driver"]
    assert driver["kernel_module_version"] == "520.56.06"
    assert driver["library_version"] is None


def test_a_jetsons_cuda_mismatch_is_mended_by_jetpacks_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/AastaNV/TRT_object_detection/issues/25: JetPack 4.2's wheel (CUDA 10.0)
    # on a Nano with JetPack 4.4 (CUDA 10.2)
    log = (
        "ImportError: libcublas.so.10.0: cannot open shared object file: No such file or"
        " directory\n"
    )
    stated = ("--gpu", "Jetson Nano", "--cuda-toolkit", "10.2", "--tf", "1.13.1")
    first = run(tmp_path, capsys, log, *stated)["findings"][0]
    assert first["id"] == "cuda-version-mismatch"
    assert "JetPack" in first["fix"] and "beside the other" not in first["fix"]


# https://github.com/tensorflow/tensorflow/issues/50541 (the loader's line, as the same user
# posted it in #36792): an Intel iMac with a Radeon Pro 5700 XT
METAL_MISMATCH = (
    "tensorflow.python.framework.errors_impl.NotFoundError: dlopen(/Users/me/miniforge3/lib/"
    "python3.8/site-packages/tensorflow-plugins/libmetal_plugin.dylib, 6): Symbol not found:"
    " _TF_AssignUpdateVariable\n"
)


def test_a_metal_plug_in_mismatch_on_an_intel_mac_gets_the_last_intel_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = ("--os", "macos", "--python", "3.8", "--gpu", "AMD Radeon Pro 5700 XT")
    first = run(tmp_path, capsys, METAL_MISMATCH, *stated)["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert "tensorflow==2.13.1 tensorflow-metal==1.0.0" in first["fix"]
    # on Apple silicon the newest pair stays
    apple = ("--os", "macos", "--arch", "arm64", "--python", "3.11")
    first = run(tmp_path, capsys, METAL_MISMATCH, *apple)["findings"][0]
    assert "On an Intel Mac" not in first["fix"] and "tensorflow-metal==1.2.0" in first["fix"]


def test_a_macos_cuda_build_that_cannot_load_libcudart_did_not_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/6370 (verbatim)
    log = (
        "ImportError: dlopen(/Library/Frameworks/Python.framework/Versions/3.5/lib/python3.5/"
        "site-packages/tensorflow/python/_pywrap_tensorflow.so, 10): Library not loaded:"
        " @rpath/libcudart.8.0.dylib\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "macos", "--cuda-toolkit", "7.5")
    assert doc["exit"] == ExitCode.TF_BROKEN


def test_an_arm64_wheel_refused_on_apple_silicon_is_a_python_under_rosetta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/apple/tensorflow_macos/issues/48 (verbatim)
    log = (
        "ERROR: numpy-1.18.5-cp38-cp38-macosx_11_0_arm64.whl is not a supported wheel on this"
        " platform.\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "macos", "--gpu", "Apple M1")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("python-unsupported", "error")
    assert "arm64" in first["fix"]
    assert "macos-no-cuda" not in errors(doc)


def test_a_doctor_without_a_log_does_not_speak_of_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["doctor", "--no-probe", "--os", "linux", "--gpu", "NVIDIA GeForce RTX 3060", "--json"])
    verdict = json.loads(capsys.readouterr().out)["verdict"]
    assert "lines recognised" not in verdict and "no log was given" in verdict


def test_a_container_runtime_too_old_for_the_images_requirement_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/serving/issues/1299: the CLI's message verbatim, the daemon's
    # wrapper around it shortened to "..."
    log = (
        "docker: Error response from daemon: OCI runtime create failed: ... stderr:"
        " nvidia-container-cli: requirement error: invalid expression: unknown.\n"
    )
    first = run(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert "NVIDIA_DISABLE_REQUIRE=1" in first["fix"]


def test_tensorflows_fatal_record_from_a_header_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/42055 (verbatim, cut as pasted)
    log = (
        "2020-08-04 19:56:09.327468: F .\\tensorflow/core/kernels/random_op_gpu.h:232]"
        " Non-OK-status: GpuLaunchKernel(FillPhiloxRandomKernelLaunch<Distribution>, num_blocks,"
        " block_size, 0, d.stream(), gen, data, size, dist) status: Intern\n"
    )
    doc = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.2.0", "--python", "3.8")
    assert doc["exit"] == ExitCode.TF_BROKEN


def test_tf_keras_asked_for_and_missing_is_named_with_its_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/serengil/deepface/issues/1323 (verbatim)
    log = (
        "ValueError: You have tensorflow 2.17.0 and this requires tf-keras package. Please run"
        " `pip install tf-keras` or downgrade your tensorflow\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--python", "3.12")["findings"][0]
    assert (first["id"], first["severity"]) == ("dependency-version-mismatch", "error")
    assert "pip install tf_keras" in first["fix"]
