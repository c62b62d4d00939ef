"""The doctor on review 95's cases. Logs are composed in the tools' own words, or copied from a
review case where its wording is the point."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document
COMPOSED = Path(__file__).parent / "fixtures" / "review95"


def composed(name: str) -> str:
    return (COMPOSED / f"{name}.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("log", "flags", "pinned"),
    [
        (  # tensorflow#59967: tensorflow-intel 2.10.1's cp39 wheel was missing for a while
            "(tf39) C:\\Users\\p>pip install tensorflow-intel==2.10.1\n"
            "ERROR: Could not find a version that satisfies the requirement"
            " tensorflow-intel==2.10.1 (from versions: 0.0.1, 2.10.0rc0, 2.10.0, 2.11.0rc0,"
            " 2.11.0, 2.12.0rc0)\n"
            "ERROR: No matching distribution found for tensorflow-intel==2.10.1\n",
            ("--os", "windows", "--python", "3.9", "--tf", "2.10.1"),
            "tensorflow-intel==2.10.0",
        ),
        (  # tensorflow#59731: the aarch64 package of 2.12.0rc0 had a cp311 wheel only
            "Collecting tensorflow==2.12.0rc0\n"
            "  Downloading tensorflow-2.12.0rc0-cp310-cp310-manylinux_2_17_aarch64"
            ".manylinux2014_aarch64.whl (2.0 kB)\n"
            "ERROR: Could not find a version that satisfies the requirement"
            ' tensorflow-cpu-aws==2.12.0-rc0; platform_system == "Linux" and (platform_machine'
            ' == "arm64" or platform_machine == "aarch64") (from tensorflow) (from versions:'
            " 2.9.1, 2.10.0, 2.10.1, 2.11.0rc0, 2.11.0)\n",
            ("--os", "linux", "--arch", "aarch64", "--python", "3.10", "--tf", "2.12.0rc0"),
            "tensorflow==2.11.0",
        ),
    ],
)
def test_one_release_without_a_file_for_a_served_python_is_not_the_python(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    flags: tuple[str, ...],
    pinned: str,
) -> None:
    """pip listing the package's releases around the one asked for (or fetching the
    'tensorflow' wheel of that release for this Python) shows the Python is served: the one
    release lacks its file, and the fix pins a neighbour rather than another Python."""
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and first["severity"] == "error"
    assert pinned in first["fix"]


def test_a_python_only_older_releases_serve_is_still_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.8 sees tensorflow up to 2.13: asked for 2.14, the Python is the cause."""
    log = (
        "$ pip install tensorflow==2.14.0\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow==2.14.0"
        " (from versions: 2.12.0, 2.12.1, 2.13.0rc0, 2.13.0, 2.13.1)\n"
        "ERROR: No matching distribution found for tensorflow==2.14.0\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--python", "3.8")["findings"][0]
    assert first["id"] == "python-unsupported"


@pytest.mark.parametrize(
    ("log", "flags", "said"),
    [
        (  # tensorflow#56077: protobuf 4.21's upb backend under TensorFlow 2.9's generated code
            "Traceback (most recent call last):\n"
            '  File "/venv/lib/python3.10/site-packages/tensorflow/core/framework/'
            'tensor_shape_pb2.py", line 36, in <module>\n'
            "    _descriptor.FieldDescriptor(\n"
            '  File "/venv/lib/python3.10/site-packages/google/protobuf/descriptor.py", line'
            " 560, in __new__\n"
            "    _message.Message._CheckCalledFromGeneratedFile()\n"
            "AttributeError: module 'google._upb._message' has no attribute 'Message'. Did you"
            " mean: 'CMessage'?\n",
            ("--os", "linux", "--python", "3.10", "--tf", "2.9"),
            "protobuf<=3.20.3",
        ),
        (  # tensorflow#94030: protobuf 6.30 dropped GetPrototype
            ">>> import tensorflow as tf\n"
            "AttributeError: 'MessageFactory' object has no attribute 'GetPrototype'\n",
            (),
            "protobuf<6",
        ),
        (  # keras-team/keras#14149: Keras 2.4.3 beside TensorFlow 1.13.1
            "ImportError: Keras requires TensorFlow 2.2 or higher. Install TensorFlow via `pip"
            " install tensorflow`\n",
            ("--tf", "1.13.1"),
            "keras==2.2.4",
        ),
        (  # keras-team/keras#19390: pip's check after installing Keras 3 beside 2.13
            "ERROR: pip's dependency resolver does not currently take into account all the"
            " packages that are installed. This behaviour is the source of the following"
            " dependency conflicts.\n"
            "tensorflow 2.13.1 requires keras<2.14,>=2.13.1, but you have keras 3.1.1 which is"
            " incompatible.\n",
            (),
            "keras<2.14,>=2.13.1",
        ),
    ],
)
def test_a_dependency_of_another_release_in_the_words_each_tool_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, flags: tuple[str, ...], said: str
) -> None:
    """protobuf's upb backend and its 6.x API, standalone Keras's own refusal, and pip's
    conflict line for Keras 3: each names the package to pin, not 'not enough evidence'."""
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and first["severity"] == "error"
    assert said in first["fix"]


def test_tf_trt_running_a_segment_natively_is_the_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow/tensorrt#200: TF-TRT's engine op runs on a GPU device only; a segment it
    did not convert runs with TensorFlow's kernels there. Nothing in the setup to fix."""
    log = (
        "2020-04-20 10:01:02.123456: W tensorflow/compiler/tf2tensorrt/kernels/"
        "trt_engine_op.cc:593] Engine creation for TRTEngineOp_2 failed. The native segment will"
        " be used instead. Reason: Unimplemented: Transpose too large:10437228\n"
    )
    document = run(tmp_path, capsys, log, "--tf", "2.2")
    assert document["gpu_used"] == "yes"
    assert not [f for f in document["findings"] if f["severity"] == "error"]


def test_tensorrts_cudnn_that_cannot_start_beside_tensorflow_is_memory_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#53730: TensorRT's own cuDNN could not start after TensorFlow took the GPU's
    memory; memory growth let the engines build. A stated CUDA 11.1 under a 2.7 built with
    11.2 ran the GPU, so it is no error."""
    log = (
        "W tensorflow/compiler/tf2tensorrt/kernels/trt_engine_op.cc:797] TF-TRT Warning: Engine"
        " retrieval for input shapes: [[1,64,64,64]] failed. Running native segment for"
        " StatefulPartitionedCall/conv2d_1/TRTEngineOp_0_31\n"
        "E tensorflow/compiler/tf2tensorrt/utils/trt_logger.cc:40] DefaultLogger safeContext.cpp"
        " (124) - Cudnn Error in initializeCommonContext: 1 (Could not initialize cudnn, please"
        " check cudnn installation.)\n"
        "W tensorflow/compiler/tf2tensorrt/kernels/trt_engine_op.cc:945] TF-TRT Warning: Engine"
        " creation for StatefulPartitionedCall/conv2d_2/TRTEngineOp_0_46 failed. The native"
        " segment will be used instead. Reason: INTERNAL: Failed to build TensorRT engine\n"
    )
    document = run(
        tmp_path, capsys, log, "--os", "linux", "--tf", "2.7.0", "--cuda-toolkit", "11.1"
    )
    first = document["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "memory_growth" in first["fix"]
    assert document["gpu_used"] == "yes"
    assert not [f for f in document["findings"] if f["severity"] == "error"]


def test_nccls_communicator_lines_show_the_gpus_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NCCL builds rings and channels only between the CUDA devices it was given."""
    log = (
        "Epoch 1/10\n"
        "node1:2345:2401 [0] NCCL INFO comm 0x7f3a2c001000 rank 0 nranks 2 cudaDev 0 busId"
        " 1000 - Init COMPLETE\n"
        "node1:2345:2401 [0] NCCL INFO Channel 00/02 :    0   1\n"
        "node1:2345:2401 [0] NCCL INFO Connected all rings\n"
        "200/200 [==============================] - 14s 52ms/step - loss: 0.3120\n"
    )
    assert run(tmp_path, capsys, log)["gpu_used"] == "yes"


def test_a_request_beyond_the_device_is_the_works_size_not_fragmentation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow prints its allocator hint under every out-of-memory: asked for 48 GiB on a
    22 GB device, no allocator fits it, and the fix starts from the work's size."""
    first = run(tmp_path, capsys, composed("hint-alloc-larger-than-gpu"))["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("The failed request (48.00GiB)")


def test_an_out_of_memory_on_the_programs_logical_gpu_names_its_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, composed("logical-limit-too-small-oom"))["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "memory_limit" in first["fix"]


@pytest.mark.parametrize("name", ["logical-small-on-physical-1", "logical-tf1-wording"])
def test_logical_gpus_on_any_physical_one_in_either_wording_are_the_programs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Two TensorFlow GPUs on physical GPU 1, or TF 2.4's '-> physical GPU (device: 0'
    wording: the program's virtual devices, not memory other processes hold."""
    document = run(tmp_path, capsys, composed(name))
    assert document["gpu_used"] == "yes"
    assert not [f for f in document["findings"] if f["id"] == "gpu-out-of-memory"]


@pytest.mark.parametrize("name", ["smi-process-is-tf-itself", "smi-holder-on-other-gpu"])
def test_a_process_is_blamed_only_when_it_holds_memory_on_the_failing_gpu_beyond_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """TensorFlow's own row (its device plus its CUDA context), and a job on another GPU than
    the allocator that failed, are not what to stop."""
    first = run(tmp_path, capsys, composed(name))["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "Stop process" not in first["fix"]


def test_wsl2s_nvidia_smi_lists_no_process_whatever_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = composed("smi-empty-wsl2-training-elsewhere")
    findings = run(tmp_path, capsys, log, "--os", "wsl2")["findings"]
    assert not [f for f in findings if f["id"] == "gpu-out-of-memory"]


def test_memory_held_before_a_device_that_got_only_the_rest_is_still_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """nvidia-smi showed 20 GB of 24 held with no process; TensorFlow's device then got 3.5 GB:
    the memory in use was not its own."""
    log = composed("smi-empty-host-device-small")
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "fuser" in first["fix"]


def test_pips_moved_aside_package_refused_on_linux_is_ownership(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """POSIX removes files a process holds open: '[Errno 13]' inside '~umpy' is who owns it."""
    first = run(tmp_path, capsys, composed("pip-tilde-linux-root-owned"))["findings"][0]
    assert "running Python" not in first["title"] and "owner" in first["fix"]


@pytest.mark.parametrize(
    ("name", "not_wanted"),
    [
        ("adapters-basic-display", "no-nvidia-gpu"),
        ("adapters-cloud-vm", "no-nvidia-gpu"),
        ("adapters-wmic-crcrlf", "no-nvidia-gpu"),
        ("adapters-wmic-blank-rows", "no-nvidia-gpu"),
    ],
)
def test_display_adapters_without_a_named_gpu_or_in_a_vm_are_no_proof_of_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, not_wanted: str
) -> None:
    """Windows' 'Microsoft Basic Display Adapter' is a GPU without its driver; a VM's adapter
    says nothing of a GPU passed through; wmic's rows are read through cmd's '\\r\\r\\n'
    and blank rows (where they name the NVIDIA GPU)."""
    findings = run(tmp_path, capsys, composed(name))["findings"]
    assert not [f for f in findings if f["id"] == not_wanted]
    assert findings[0]["id"] == "no-nvidia-driver"


def test_xlas_compile_status_without_ptxas_is_the_failure_not_a_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 95 (composed c18): 'FAILED_PRECONDITION: Couldn't get ptxas/nvlink version
    string' is XLA's compile failing, which stops the jit-compiled step (exit 12)."""
    log = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886] Created device"
        " /job:localhost/replica:0/task:0/device:GPU:0 with 9621 MB memory:  -> device: 0, name:"
        " NVIDIA GeForce RTX 2080 Ti, pci bus id: 0000:02:00.0, compute capability: 7.5\n"
        "W tensorflow/core/framework/op_kernel.cc:1827] INTERNAL: FAILED_PRECONDITION: Couldn't"
        " get ptxas/nvlink version string: INTERNAL: Couldn't invoke ptxas --version\n"
        "tensorflow.python.framework.errors_impl.InternalError: Graph execution error:\n"
    )
    document = run(tmp_path, capsys, log, "--tf", "2.15")
    first = document["findings"][0]
    assert first["id"] == "xla-toolchain-missing" and first["severity"] == "error"
    assert document["exit"] == 12


def test_tensorflows_bfloat16_refused_by_numpy_through_pybind11_is_the_numpy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, composed("numpy2-bfloat16-typeerror"), "--tf", "2.15")[
        "findings"
    ][0]
    assert first["id"] == "dependency-version-mismatch" and "numpy<2" in first["fix"]


def test_a_1x_cpu_packages_import_failure_leads_over_which_package_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which variant is installed matters once it imports: the import failure comes first."""
    log = composed("tf1-cpu-package-gpu-stated")
    flags = ("--os", "windows", "--tf", "1.13.1", "--cuda-toolkit", "none")
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] != "cpu-only-tensorflow"


def test_a_windows_python_through_wsls_mount_is_the_script_run_outside_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = composed("wsl2-which-python-mnt-c")
    first = run(tmp_path, capsys, log, "--os", "wsl2")["findings"][0]
    assert first["id"] == "wrong-python-environment" and "/mnt/c/" in first["title"]


def test_dev_dxg_missing_inside_a_container_started_without_the_gpu_is_the_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Docker passes /dev/dxg in only with --gpus, and WSL 2 never has /proc/driver/nvidia:
    neither says anything of Windows or of a host without a driver."""
    log = composed("dxg-inside-container")
    first = run(tmp_path, capsys, log, "--os", "wsl2", "--container")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("docker-desktop-gpus-given", "WSL 2 based engine"),
        ("docker-desktop-from-wsl-shell", "WSL 2 based engine"),
        ("docker-desktop-on-linux", "docker context use default"),
    ],
)
def test_docker_desktop_is_told_apart_by_what_its_daemon_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    """Docker Desktop on Windows (from PowerShell, or 'docker info' in a WSL shell) gets its
    GPU through its WSL 2 engine; Docker Desktop for Linux's VM gets none: Docker Engine is the
    route there."""
    first = run(tmp_path, capsys, composed(name))["findings"][0]
    assert said in first["fix"] and "lspci" not in first["fix"]


@pytest.mark.parametrize(
    ("name", "first_id"),
    [
        ("wsl1-other-distro-cudnn", "cudnn-not-found"),
        ("wsl1-converted-then-cudnn", "cudnn-not-found"),
        ("wsl1-german-listing", "wsl-libcuda-missing"),
    ],
)
def test_wsl_l_v_is_read_for_the_distribution_that_ran_and_its_last_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first_id: str
) -> None:
    """The '*' row is what plain 'wsl' opens: a run in another distribution opened with
    'wsl -d NAME' (listed as VERSION 2), or the default converted later in the paste, is not
    WSL 1's; the default under WSL 1 and entered still is, in any language."""
    assert run(tmp_path, capsys, composed(name))["findings"][0]["id"] == first_id


@pytest.mark.parametrize(
    ("name", "batch_is_the_fix"),
    [("tuner-next-trial-random-op", False), ("dropout-random-op-custom-loop", True)],
)
def test_a_random_ops_oom_is_read_by_the_frames_that_ran_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, batch_is_the_fix: bool
) -> None:
    """An initializer's frames (a tuner building its next trial's model, after an earlier
    trial's epochs) create variables; a dropout layer's call in a custom loop, with no Epoch
    line, is batch-sized."""
    first = run(tmp_path, capsys, composed(name))["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("Reduce the batch size") is batch_is_the_fix


@pytest.mark.parametrize(
    ("name", "first_id"),
    [
        # PowerShell's own suggestion: nvidia-smi is there, in the NVSMI folder it ran in
        ("ps-nvsmi-current-location", "cudnn-not-found"),
        # a macOS wheel on a machine whose paths are Linux's home folders
        ("wheel-macos-file-on-linux", "platform-unsupported"),
        # ldd shows glibc 2.12 under a manylinux_2_17 wheel
        ("wheel-old-glibc-centos6", "glibc-too-old"),
        # CPython's free-threaded build (cp313t) has no TensorFlow wheel
        ("py313t-free-threaded", "python-unsupported"),
        # mamba 1.x's one-line libsolv problem: tensorflow-deps needs Python < 3.11
        ("mamba1-tfdeps-python", "python-unsupported"),
    ],
)
def test_review_95s_attacks_on_install_and_tool_readings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first_id: str
) -> None:
    first = run(tmp_path, capsys, composed(name))["findings"][0]
    assert first["id"] == first_id
    if name == "py313t-free-threaded":
        assert "free-threaded" in first["title"]
    if name == "mamba1-tfdeps-python":
        assert "<3.11" in first["title"]


def test_a_1x_release_asked_on_apple_silicon_has_no_wheel_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """review 95 (attack): no 1.x release has an arm64 macOS wheel: 'runs on a Mac's CPU'
    holds only for an Intel Mac (or Rosetta 2)."""
    code = main(["plan", "--no-probe", "--os", "macos", "--arch", "arm64", "--tf", "1.15"])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT and "no 1.x release has a wheel for Apple silicon" in err


@pytest.mark.parametrize(
    ("flags", "growth_first"),
    [(("--os", "linux", "--arch", "aarch64"), True), (("--os", "linux"), False)],
)
def test_pinned_host_memory_on_a_jetson_is_mended_by_memory_growth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], growth_first: bool
) -> None:
    """review 95 (pages): a Jetson's GPU shares the system's memory, and its driver answers a
    failed host allocation with CUDA_ERROR_UNKNOWN: TensorFlow's reservation starves the pinned
    buffers, so memory growth is the fix there; a discrete GPU's fix stays."""
    log = (
        "W ./tensorflow/core/common_runtime/gpu/pool_allocator.h:195] could not allocate pinned"
        " host memory of size: 267264.\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:967] failed to alloc 240640 bytes on"
        " host: CUDA_ERROR_UNKNOWN.\n"
    )
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("On a Jetson") is growth_first


def test_a_windows_run_before_the_one_inside_wsl_is_superseded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Windows python.exe first, then 'wsl' and a run whose TensorFlow misses libcudnn.so.8:
    the later run, inside WSL, is the state asked about."""
    log = composed("wsl2-earlier-windows-attempt")
    first = run(tmp_path, capsys, log, "--os", "wsl2")["findings"][0]
    assert first["id"] == "cudnn-not-found"


def test_a_stated_release_whose_tensorflow_package_only_requires_the_platforms_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#61477: on Apple silicon 2.13's 'tensorflow' holds no module and requires
    tensorflow-macos, which Poetry left out: that package, before another interpreter."""
    log = "ModuleNotFoundError: No module named 'tensorflow'\n"
    flags = ("--os", "macos", "--arch", "arm64", "--python", "3.11", "--tf", "2.13.0")
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "tensorflow-not-installed"
    assert "tensorflow-macos==2.13.0" in first["fix"]


def test_poetrys_missing_candidate_is_read_against_the_version_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """temporian#387: 2.12.0 was published for Apple silicon as tensorflow-macos only."""
    log = (
        "  RuntimeError\n\n"
        "  Unable to find installation candidates for tensorflow (2.12.0)\n\n"
        "  at /opt/homebrew/Cellar/poetry/1.7.1/libexec/lib/python3.12/site-packages/poetry/"
        "installation/chooser.py:73 in choose_for\n"
    )
    flags = ("--os", "macos", "--arch", "arm64", "--python", "3.11")
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "platform-unsupported" and "tensorflow-macos==2.12.0" in first["fix"]


def test_a_notebook_without_tensorflow_beside_a_terminal_that_uses_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 95 (composed c11): the notebook's sys.executable (/usr/bin/python3) cannot import
    TensorFlow; the terminal's venv then lists the GPU. Two interpreters: the failing one is
    the question, whatever the order."""
    document = run(tmp_path, capsys, composed("c11-jupyter-kernel-216"))
    assert document["findings"][0]["id"] == "wrong-python-environment"
    assert document["gpu_used"] == "no"


def test_a_wheel_whose_abi_tag_its_python_never_had_is_misnamed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96 (install): 'cp38m' is no ABI of CPython 3.8 ('m' ended with 3.8): the file is
    misnamed, not the Python another build, nor pip too old."""
    log = (
        "ERROR: tensorflow-2.3.0-cp38-cp38m-linux_aarch64.whl is not a supported wheel on this"
        " platform.\n"
    )
    flags = ("--os", "linux", "--arch", "aarch64", "--python", "3.8")
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "misnamed" in first["title"]


def test_the_tensorflow_gpu_stub_asked_for_by_another_package_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96 (install): 'Collecting tensorflow-gpu (from tsfedl)': installing tensorflow
    beside it does not stop tsfedl asking for the stub again."""
    log = (
        "Collecting tensorflow-gpu (from tsfedl)\n"
        "  Downloading tensorflow-gpu-2.12.0.tar.gz (2.6 kB)\n"
        "  error: subprocess-exited-with-error\n"
        "error: metadata-generation-failed\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "--no-deps tsfedl" in first["fix"]


def test_an_import_typed_alone_at_the_prompt_makes_the_next_failure_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96 (install): NumPy's API line right under '>>> import tensorflow' is TensorFlow's
    import failing (exit 12), though the paste kept no frame of it."""
    log = (
        ">>> import tensorflow\n"
        "RuntimeError: module compiled against API version 0xc but this version of numpy is"
        " 0xa\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert document["findings"][0]["id"] == "dependency-version-mismatch"
    assert document["exit"] == 12


def test_asm_compilers_own_ptxas_warning_in_a_training_run_is_the_fallback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96: asm_compiler's 'Couldn't get ptxas version : FAILED_PRECONDITION: ...' and the
    redzone allocator's are warnings after which the driver compiles the PTX: training goes on,
    so no error and exit 0."""
    document = run(tmp_path, capsys, composed("a2-ptxas-benign-asm-warning"))
    assert document["exit"] == 0
    assert not [f for f in document["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        # pip's own lines show tensorflow-macos installed beside tensorflow: one install
        ("a2-mac-shim-installed", ("--os", "macos", "--arch", "arm64", "--tf", "2.13.0")),
        # a Jetson's TensorFlow is NVIDIA's JetPack build, not PyPI's tensorflow-cpu-aws
        (
            "a2-jetson-no-module",
            ("--os", "linux", "--arch", "aarch64", "--gpu", "Jetson AGX Orin", "--tf", "2.12.0"),
        ),
    ],
)
def test_the_platform_package_is_not_named_where_the_paste_or_the_gpu_rules_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    findings = run(tmp_path, capsys, composed(name), *flags)["findings"]
    assert findings[0]["id"] == "wrong-python-environment"
    assert not [f for f in findings if f["id"] == "multiple-tensorflow-distributions"]


def test_an_environment_activated_after_the_failure_mends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96: one shell, a failure, 'source .../activate', then a run on the GPU: the
    activation mended it; the GPU run is the state."""
    assert run(tmp_path, capsys, composed("a2-earlier-fail-then-activate-oom"))["gpu_used"] == "yes"


def test_a_remote_desktops_display_driver_is_no_sign_of_a_vm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96: Parsec's virtual display beside an Intel GPU is software on a physical PC."""
    log = composed("a2-adapters-parsec-intel")
    assert run(tmp_path, capsys, log, "--os", "windows")["findings"][0]["id"] == "no-nvidia-gpu"


@pytest.mark.parametrize(
    ("name", "flags", "first_id", "said"),
    [
        # tensorflow-intel's 0.0.1 placeholder heads every Windows list: no sign of a served 3.11
        (
            "mu-intel-py311-placeholder",
            ("--os", "windows", "--python", "3.11"),
            "python-unsupported",
            "3.7 to 3.10",
        ),
        # 2.16.0 was never published: the pin keeps [and-cuda] and takes the series' release
        (
            "mu-never-released-2160",
            ("--os", "linux", "--python", "3.11"),
            "tensorflow-not-installed",
            "tensorflow[and-cuda]==2.16.1",
        ),
        # Keras's refusal after TensorFlow's own import failed only reports that failure
        (
            "dep-keras22-after-dll-failure",
            ("--os", "windows", "--tf", "2.3.0"),
            "windows-vc-runtime-missing",
            "Visual C++",
        ),
        # under 2.18 the old generated code is another package's: no protobuf downgrade
        (
            "dep-descriptors-tf218-od",
            ("--os", "linux", "--python", "3.11", "--tf", "2.18.0"),
            "dependency-version-mismatch",
            "Regenerate",
        ),
        # a notebook's numbered context lines between the frame and pybind11's TypeError
        (
            "dep-bfloat16-jupyter-frames",
            ("--os", "linux", "--tf", "2.13.1"),
            "dependency-version-mismatch",
            "numpy<2",
        ),
        # nvidia-smi numbers GPUs by bus, TensorFlow by CUDA's ordinal: matched by bus id
        (
            "oom-smi-cvd-remapped-index",
            ("--os", "linux", "--tf", "2.15"),
            "gpu-out-of-memory",
            "Stop process 188310",
        ),
        # one logical device capped by the program's own memory_limit
        (
            "oom-single-logical-device-capped",
            ("--os", "linux", "--tf", "2.15"),
            "gpu-out-of-memory",
            "memory_limit",
        ),
        # the program's own function adding noise to a batch-sized tensor
        (
            "rnd-noise-eval-loop-user-op",
            ("--os", "linux", "--tf", "2.13"),
            "gpu-out-of-memory",
            "Reduce the batch size",
        ),
        # the next fold's model built after an earlier fold's epochs: its variables
        (
            "rnd-kfold-next-model-filtered-frames",
            ("--os", "linux", "--tf", "2.14"),
            "gpu-out-of-memory",
            "a smaller batch does not help",
        ),
        # Keras 3's initializers run the stateless random ops
        (
            "rnd-keras3-stateless-initializer",
            ("--tf", "2.16"),
            "gpu-out-of-memory",
            "a smaller batch does not help",
        ),
    ],
)
def test_review_96s_attacks_on_review_95s_readings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first_id: str,
    said: str,
) -> None:
    first = run(tmp_path, capsys, composed(name), *flags)["findings"][0]
    assert first["id"] == first_id and said in first["fix"] + first["title"]


def test_a_split_on_another_gpu_is_not_the_failing_devices_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = composed("oom-logical-split-other-gpu-fails")
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.15")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "memory_limit" not in first["fix"]


@pytest.mark.parametrize(
    "log",
    [
        "tensorflow.python.framework.errors_impl.AlreadyExistsError: Another metric with the"
        " same name already exists.\n",
        "ImportError: cannot import name 'dtensor' from 'tensorflow.compat.v2.experimental'\n",
    ],
)
def test_a_keras_of_a_newer_release_failing_at_import_is_the_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    """review 96 (composed): keras 2.7 beside TensorFlow 2.6 registers its metrics twice;
    keras 2.10's dtensor import is missing under 2.8."""
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and "keras~=X.Y.0" in first["fix"]


def test_a_request_beyond_the_device_is_sized_where_the_allocators_dump_leads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96 (composed c23): the whole dump pasted, 36 GiB asked of a 22 GB device."""
    first = run(tmp_path, capsys, composed("c23-oom-large-216"))["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["fix"].startswith("The failed request")


def test_cublas_tf32_note_is_a_matmul_on_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 96 (benign b41): cuBLAS prints it only when it runs a TF32 GEMM on a GPU."""
    assert run(tmp_path, capsys, composed("b41-tf32-only"))["gpu_used"] == "yes"


@pytest.mark.parametrize(
    ("name", "flags", "first_id", "said"),
    [
        # Docker Desktop's context is 'desktop-linux' on Windows too: the client's OS/Arch tells
        ("a2-docker-desktop-windows-context", (), "container-gpu-not-exposed", "WSL 2 based"),
        ("a2-docker-desktop-mac", ("--os", "macos"), "macos-no-cuda", "Docker on macOS"),
        # a conversion that asked for a kernel update did not happen
        ("a2-wsl-conversion-failed", (), "wsl-libcuda-missing", "WSL 1"),
        # 'wsl -s NAME' made a VERSION 2 distribution the one plain 'wsl' opens
        ("a2-wsl-set-default", (), "cudnn-not-found", "libcudnn"),
        # mamba 1.x names conda packages name-version-build: 'tensorflow-2.12.0-...'
        ("a2-mamba1-python-abi-line", (), "python-unsupported", "python_abi"),
        # PowerShell 7 quotes the name in its 'current location' suggestion
        ("a2-ps7-suggestion", (), "cudnn-not-found", "cudnn64_8.dll"),
        # uv's ABI hint for a free-threaded Python
        ("a2-freethreaded-uv", (), "python-unsupported", "free-threaded"),
        # cmd.exe's prompt runs into its command
        (
            "a2-two-pythons-windows-notebook",
            ("--os", "windows"),
            "wrong-python-environment",
            "Two Pythons",
        ),
    ],
)
def test_review_96s_second_attack_on_review_95s_readings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first_id: str,
    said: str,
) -> None:
    first = run(tmp_path, capsys, composed(name), *flags)["findings"][0]
    assert first["id"] == first_id and said in first["title"] + first["fix"]
