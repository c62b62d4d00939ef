"""The doctor on review 88's threads: a CUDA build named that ran an op on the CPU, TensorFlow
1.x's silent start, NVIDIA's container hook failing in words it read too narrowly (device
rules, enroot's hook, the device plugin's list, the driver's timeout, nvidia-smi without its
library), cuBLAS that would not launch, crashes that runners report, pip's refusal of a wheel for
another system, conda's and pip's network failures, and a file of the user's named tensorflow.

Logs marked with a thread's URL are that thread's paste, verbatim (long lines split here only
to fit the source); those marked 'composed' are written in the tool's, the runner's or
TensorFlow's own words, for a case no thread showed alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids

from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document

# https://github.com/deepfakes/faceswap/issues/1071
NCHW_ON_CPU = (
    "tensorflow.python.framework.errors_impl.InvalidArgumentError:  Default MaxPoolingOp only"
    " supports NHWC on device type CPU\n"
)

# https://github.com/deepfakes/faceswap-playground/issues/22
SILENT_1X_START = (
    "> Training data directory: /Volumes/HDD/faceswap/model\n"
    "> 2018-01-31 03:37:14.842407: I tensorflow/core/platform/cpu_feature_guard.cc:137] Your CPU"
    " supports instructions that this TensorFlow binary was not compiled to use: SSE4.2 AVX AVX2"
    " FMA\n"
    "> Starting, this may take a while...\n"
    '> press "q" to stop training and save model\n'
)

# https://github.com/GoogleCloudPlatform/python-runtime/issues/227
_EVERY_RELEASE = (
    "0.12.1, 1.0.0, 1.0.1, 1.1.0rc0, 1.1.0rc1, 1.1.0rc2, 1.1.0, 1.2.0rc0, 1.2.0rc1, 1.2.0rc2,"
    " 1.2.0, 1.2.1, 1.3.0rc0, 1.3.0rc1, 1.3.0rc2, 1.3.0, 1.4.0rc0, 1.4.0rc1, 1.4.0, 1.4.1,"
    " 1.5.0rc0, 1.5.0rc1, 1.5.0, 1.5.1, 1.6.0rc0, 1.6.0rc1, 1.6.0, 1.7.0rc0, 1.7.0rc1, 1.7.0,"
    " 1.7.1, 1.8.0rc0, 1.8.0rc1, 1.8.0, 1.9.0rc0, 1.9.0rc1, 1.9.0rc2, 1.9.0, 1.10.0rc0,"
    " 1.10.0rc1, 1.10.0, 1.10.1, 1.11.0rc0, 1.11.0rc1, 1.11.0rc2, 1.11.0, 1.12.0rc0, 1.12.0rc1,"
    " 1.12.0rc2, 1.12.0, 1.12.2, 1.12.3, 1.13.0rc0, 1.13.0rc1, 1.13.0rc2, 1.13.1, 1.13.2,"
    " 1.14.0rc0, 1.14.0rc1, 1.14.0, 2.0.0a0, 2.0.0b0, 2.0.0b1"
)
OLD_PIP_LONG_LIST = (
    "Collecting tensorflow<3,>=1.15 (from tfx)\n"
    "  Could not find a version that satisfies the requirement tensorflow<3,>=1.15 (from tfx)"
    f" (from versions: {_EVERY_RELEASE})\n"
    "No matching distribution found for tensorflow<3,>=1.15 (from tfx)\n"
    "You are using pip version 9.0.3, however version 19.3.1 is available.\n"
)

# https://github.com/GeekAlexis/FastMOT/issues/214
JETSON_PIN = (
    "ERROR: Could not find a version that satisfies the requirement tensorflow==1.15.5+nv21.7"
    " (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow==1.15.5+nv21.7\n"
)

_HOOK = (
    "error running hook #0: error running hook: exit status 1, stdout: , stderr:"
    " nvidia-container-cli: "
)
# https://github.com/NVIDIA/libnvidia-container/issues/151
DEVICE_RULES_ATTACH = (
    "ctr: OCI runtime create failed: container_linux.go:380: starting container process caused:"
    f" {_HOOK}mount error: failed to add device rules: unable to replace original device"
    " filters program with new one: failed to call BPF_PROG_ATTACH (BPF_CGROUP_DEVICE,"
    " BPF_F_ALLOW_MULTI): can't attach program: invalid argument: unknown\n"
)
# https://github.com/NVIDIA/nvidia-container-toolkit/issues/1093 (Slurm's pyxis running enroot)
ENROOT_CGROUPS = (
    "[2025-05-19T09:38:16.462] [1848523.0] error: pyxis: printing enroot log file:\n"
    "[2025-05-19T09:38:16.462] [1848523.0] error: pyxis:     nvidia-container-cli: mount error:"
    " failed to add device rules: unable to find any existing device filters attached to the"
    " cgroup: bpf_prog_query(BPF_CGROUP_DEVICE) failed: operation not permitted\n"
    "[2025-05-19T09:38:16.462] [1848523.0] error: pyxis:     [ERROR]"
    " /etc/enroot/hooks.d/98-nvidia.sh exited with return code 1\n"
)
# composed: the same hook failing under a rootless Docker (libnvidia-container#154's words)
ROOTLESS_CGROUPS = (
    f"docker: Error response from daemon: {_HOOK}mount error: failed to add device rules:"
    " unable to find any existing device filters attached to the cgroup:"
    " bpf_prog_query(BPF_CGROUP_DEVICE) failed: operation not permitted: unknown.\n"
)
# https://github.com/NVIDIA/nvidia-container-toolkit/issues/108
VOLUME_MOUNT_LIST = (
    "Sep 08 08:58:07 REDACTED k3s[8174]:         nvidia-container-cli: device error:"
    " /var/run/nvidia-container-devices: unknown device: unknown\n"
)
# https://github.com/NVIDIA/nvidia-container-toolkit/issues/202
RPC_TIMEOUT = (
    "docker: Error response from daemon: failed to create shim task: OCI runtime create failed:"
    f" runc create failed: unable to start container process: {_HOOK}Auto-detected mode as"
    " 'legacy'\n"
    "nvidia-container-cli: initialization error: driver rpc error: timed out: unknown.\n"
)
# https://github.com/NVIDIA/nvidia-container-runtime/issues/75 (nvidia-smi inside a container)
SMI_WITHOUT_NVML = (
    "NVIDIA-SMI couldn't find libnvidia-ml.so library in your system. Please make sure that the"
    " NVIDIA Display Driver is properly installed and present in your system.\n"
    "Please also try adding directory that contains libnvidia-ml.so to your system PATH.\n"
)

# https://github.com/mattshma/bigdata/issues/99
GEMV_LAUNCH = (
    "tensorflow.python.framework.errors_impl.InternalError: Blas GEMV launch failed:  m=2, n=100\n"
)

_DEVICE = (
    "2022-11-07 17:03:12.448201: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616] Created"
    " device /job:localhost/replica:0/task:0/device:GPU:0 with 5450 MB memory:  -> device: 0,"
    " name: NVIDIA GeForce RTX 2060, pci bus id: 0000:01:00.0, compute capability: 7.5\n"
    "Epoch 1/50\n"
    "2022-11-07 17:03:15.901133: I tensorflow/stream_executor/cuda/cuda_dnn.cc:384] Loaded cuDNN"
    " version 8100\n"
)
# composed: each runner's own notice of a process that crashed (CPython's faulthandler on
# Windows, VS Code's Code Runner, Docker Compose, Jupyter)
RUNNERS_CRASHED = {
    "faulthandler": "Windows fatal exception: access violation\n\nCurrent thread 0x00003c1c"
    " (most recent call first):\n",
    "code runner": "[Done] exited with code=3221225477 in 41.207 seconds\n",
    "compose": "trainer-1 exited with code 139\n",
    "jupyter": "Kernel Restarting\nThe kernel for train.ipynb appears to have died. It will"
    " restart automatically.\n",
}
# composed: PyCharm's notice of a process SIGKILL ended
PYCHARM_KILLED = "\nProcess finished with exit code 137 (interrupted by signal 9: SIGKILL)\n"

# composed: the watchdog's failure, then TensorFlow's own abort on it (cuda_driver.cc's and
# device_event_mgr.cc's records)
WATCHDOG_THEN_ABORT = _DEVICE + (
    "2023-02-18 22:41:27.118342: E tensorflow/stream_executor/cuda/cuda_driver.cc:1163] failed"
    " to synchronize the stop event: CUDA_ERROR_LAUNCH_TIMEOUT: the launch timed out and was"
    " terminated\n"
    "2023-02-18 22:41:27.118633: F tensorflow/core/common_runtime/device/device_event_mgr.cc:221]"
    " Unexpected Event status: 1\n"
)

# https://github.com/tensorflow/tensorflow/issues/1990 and #7552
LINUX_WHEEL = (
    "tensorflow-0.8.0rc0-py3-none-linux_x86_64.whl is not a supported wheel on this platform.\n"
)
RENAMED_WHEEL = (
    "tensorflow_gpu-1.0.0-cp35-cp35m-win_x86_64.whl is not a supported wheel on this platform.\n"
)

# composed: pip's refusal of Apple's plugin on Linux (pip's own words)
METAL_ON_LINUX = (
    "ERROR: Could not find a version that satisfies the requirement tensorflow-metal (from"
    " versions: none)\n"
    "ERROR: No matching distribution found for tensorflow-metal\n"
)

# composed: conda 4.6's conflict list for a pinned request
CONDA_PINNED_CHAIN = (
    "UnsatisfiableError: The following specifications were found to be in conflict:\n"
    "  - python=3.7\n"
    "  - tensorflow-gpu==1.12.0 -> tensorflow-gpu-base==1.12.0 -> python=3.6\n"
)

# composed: conda 4.5's list where the chain passes through the environment's own Python and
# the conflict is the cudatoolkit asked for
CONDA_CHAIN_THROUGH_ENV_PYTHON = (
    "UnsatisfiableError: The following specifications were found to be in conflict:\n"
    "  - cudatoolkit=10.0\n"
    "  - python=3.6\n"
    "  - tensorflow-gpu=1.9 -> tensorflow-base==1.9.0 -> cudatoolkit=9.0\n"
    "  - tensorflow-gpu=1.9 -> tensorflow-base==1.9.0 -> python=3.6 -> openssl=1.0.2\n"
)

# composed: pip 20.3's one-line network failure, and conda's
PIP_READ_TIMED_OUT = (
    "ERROR: Could not install packages due to an OSError:"
    " HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Read timed out.\n"
)
CONDA_HTTP_000 = (
    "CondaHTTPError: HTTP 000 CONNECTION FAILED for url"
    " <https://conda.anaconda.org/conda-forge/linux-64/current_repodata.json>\n"
)

# https://github.com/AppDaemon/appdaemon/issues/1824 (a Home Assistant add-on on Alpine)
MUSL_INDEX = (
    "Looking in links: https://wheels.home-assistant.io/musllinux/\n"
    "ERROR: Could not find a version that satisfies the requirement tensorflow (from versions:"
    " none)\n"
    "ERROR: No matching distribution found for tensorflow\n"
)
# composed: nvidia-pyindex's setup.py refusing a Mac (its words, as NVIDIA/tensorflow#10 shows
# them for Windows)
PYINDEX_ON_A_MAC = (
    "OSError: Your operating system is not supported by `nvidia-pyindex`: darwin.\n"
    "Only Linux systems are supported.\n"
)

# composed: a user's own script named tensorflow.py importing itself (CPython's words)
OWN_TENSORFLOW_PY = (
    "Traceback (most recent call last):\n"
    '  File "/home/ana/gpu_test/tensorflow.py", line 1, in <module>\n'
    "    import tensorflow as tf\n"
    '  File "/home/ana/gpu_test/tensorflow.py", line 2, in <module>\n'
    "    print(tf.config.list_physical_devices('GPU'))\n"
    "AttributeError: partially initialized module 'tensorflow' has no attribute 'config' (most"
    " likely due to a circular import)\n"
)
# composed: the same missing attribute in a real install's traceback
INSTALLED_NO_CONFIG = (
    '  File "/home/ana/.venv/lib/python3.6/site-packages/tensorflow/__init__.py", line 24, in'
    " <module>\n"
    "AttributeError: module 'tensorflow' has no attribute 'config'\n"
)


def test_a_cuda_build_named_that_ran_an_op_on_the_cpu_found_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stated = run(tmp_path, capsys, NCHW_ON_CPU, "--os", "linux", "--tf", "tensorflow-gpu 2.2.0")
    assert ids(stated)[0] == "cuda-libs-not-found"
    assert "cpu-only-tensorflow" not in ids(stated)
    # no build named: the CPU-only reading stays
    bare = run(tmp_path, capsys, NCHW_ON_CPU, "--os", "linux")
    assert ids(bare)[0] == "cpu-only-tensorflow"


def test_a_1x_session_that_went_on_without_a_cuda_line_is_a_cpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, SILENT_1X_START)
    assert ids(document)[0] == "cpu-only-tensorflow"
    assert "benign-log-noise" not in ids(document)[:1]
    # 2.x prints the notice after its GPU lines: a paste from there on says nothing of CUDA
    later = SILENT_1X_START.replace("cpu_feature_guard.cc:137", "cpu_feature_guard.cc:142")
    assert "cpu-only-tensorflow" not in ids(run(tmp_path, capsys, later))


def test_pips_whole_list_up_to_2_0_0b1_is_an_old_pip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, OLD_PIP_LONG_LIST, "--container")
    assert "older than 19.0" in document["findings"][0]["title"]
    assert "--upgrade pip" in document["findings"][0]["fix"]


def test_a_jetson_stated_runs_linux(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = run(
        tmp_path,
        capsys,
        JETSON_PIN,
        "--python",
        "3.6",
        "--gpu",
        "Jetson Xavier NX",
        "--tf",
        "1.15.5",
    )
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "Linux on aarch64" in first["title"]


@pytest.mark.parametrize(
    ("log", "words"),
    [
        (DEVICE_RULES_ATTACH, "1.8.1"),
        (ENROOT_CGROUPS, "1.17.6"),
        (ROOTLESS_CGROUPS, "no-cgroups = true"),
        (VOLUME_MOUNT_LIST, "accept-nvidia-visible-devices-as-volume-mounts"),
    ],
)
def test_the_container_hooks_failures_each_get_their_own_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, words: str
) -> None:
    document = run(tmp_path, capsys, log, "--os", "linux", "--container")
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert words in first["fix"]


def test_the_hook_of_the_rootless_engine_is_not_enrooted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, ROOTLESS_CGROUPS, "--os", "linux", "--container")
    assert "1.17.6" not in document["findings"][0]["fix"]


def test_a_driver_that_does_not_answer_the_hook_needs_persistence_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, RPC_TIMEOUT, "--os", "linux")
    assert errors(document)[:1] == ["no-nvidia-driver"]
    assert "nvidia-smi -pm 1" in document["findings"][0]["fix"]
    assert document["exit"] == ExitCode.CPU_ONLY


def test_nvidia_smi_without_its_library_in_a_container_was_given_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, SMI_WITHOUT_NVML, "--os", "linux", "--container")
    first = document["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert first["title"].startswith("The container was asked for the GPU")
    # ldconfig first, with each distribution's own value
    assert first["fix"].index("ldconfig") < first["fix"].index("no-cgroups")
    assert "'@/sbin/ldconfig' on Debian" in first["fix"]
    assert "ldconfig.real' on Debian" not in first["fix"]


def test_cublas_that_would_not_launch_reached_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, GEMV_LAUNCH, "--container")
    assert document["verdict"].startswith("TensorFlow reached the GPU, but cuBLAS")


@pytest.mark.parametrize("runner", sorted(RUNNERS_CRASHED))
def test_a_crash_a_runner_reports_after_the_gpu_lines_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], runner: str
) -> None:
    document = run(tmp_path, capsys, _DEVICE + RUNNERS_CRASHED[runner], "--os", "linux")
    assert "the process crashed" in document["verdict"]
    assert document["exit"] == ExitCode.TF_BROKEN


def test_a_process_sigkill_ended_is_the_hosts_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, _DEVICE + PYCHARM_KILLED, "--os", "linux")
    assert any("host's memory" in f["title"] for f in document["findings"])


def test_tensorflows_abort_after_the_work_failed_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, WATCHDOG_THEN_ABORT, "--os", "windows", "--tf", "2.10.0")
    assert "TensorFlow aborted on it" in document["verdict"]
    assert document["exit"] == ExitCode.TF_BROKEN


def test_a_wheel_for_another_system_is_the_wrong_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linux = run(tmp_path, capsys, LINUX_WHEEL, "--os", "windows", "--python", "3.5")
    assert linux["findings"][0]["id"] == "platform-unsupported"
    assert "a Linux wheel, and this machine runs Windows" in linux["findings"][0]["title"]
    renamed = run(tmp_path, capsys, RENAMED_WHEEL, "--os", "windows", "--python", "3.5")
    assert "win_x86_64" in renamed["findings"][0]["title"]
    assert "'pip install tensorflow-gpu==1.0.0'" in renamed["findings"][0]["fix"]
    # the system unknown: nothing to compare the tag with
    assert "platform-unsupported" not in ids(run(tmp_path, capsys, LINUX_WHEEL))


def test_apples_gpu_plugin_refused_off_macos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, METAL_ON_LINUX, "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "Drop 'tensorflow-metal'" in first["fix"]


def test_condas_chain_from_a_pinned_request_names_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CONDA_PINNED_CHAIN, "--os", "windows")
    assert errors(document)[:1] == ["python-unsupported"]
    assert "tensorflow-gpu" in document["findings"][0]["title"]


def test_condas_chain_through_the_environments_own_python_names_no_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, CONDA_CHAIN_THROUGH_ENV_PYTHON, "--os", "linux")
    assert "python-unsupported" not in errors(document)


@pytest.mark.parametrize("log", [PIP_READ_TIMED_OUT, CONDA_HTTP_000])
def test_an_installer_that_could_not_reach_its_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    document = run(tmp_path, capsys, log, "--os", "linux")
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("tensorflow-not-installed", "error")
    assert "could not reach" in first["title"]


def test_a_file_of_the_users_named_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, OWN_TENSORFLOW_PY, "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "wrong-python-environment"
    assert "/home/ana/gpu_test/tensorflow.py" in first["title"]
    # the installed package's own frame is no such file
    installed = run(tmp_path, capsys, INSTALLED_NO_CONFIG, "--os", "linux")
    assert "wrong-python-environment" not in ids(installed)


def test_pip_on_musl_shows_it_in_its_own_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, MUSL_INDEX, "--container")
    assert errors(document)[:1] == ["glibc-too-old"]
    assert "musl" in document["findings"][0]["title"]


def test_nvidias_index_refused_on_a_mac_points_at_metal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, PYINDEX_ON_A_MAC, "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "macos-no-cuda"
    assert "tensorflow-metal" in first["fix"] and "WSL2" not in first["fix"]
