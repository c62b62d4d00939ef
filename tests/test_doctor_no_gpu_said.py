"""What the doctor says where TensorFlow itself says it has no GPU, where a script's own words
only look like TensorFlow's, and where a custom op, not TensorFlow, is what failed to load."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# https://github.com/jyh2986/Active-Shift-TF/issues/1 (verbatim): a GPU-only op with no device to
# run on; TensorFlow lists the devices it registered, and no GPU is among them.
NO_GPU_REGISTERED = (
    "InvalidArgumentError (see above for traceback): No OpKernel was registered to support Op"
    " 'ActiveShift2DOp' with these attrs.  Registered devices: [CPU], Registered kernels:\n"
    "  device='GPU'; T in [DT_DOUBLE]\n"
    "  device='GPU'; T in [DT_FLOAT]\n"
)


def test_tensorflow_listing_its_devices_without_a_gpu_answers_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = doctor(tmp_path, capsys, NO_GPU_REGISTERED)
    assert doc["gpu_used"] == "no"
    assert "Registered devices: [CPU]" in doc["verdict"]
    assert "CUDA_VISIBLE_DEVICES" in doc["verdict"]
    assert "tensorflow-gpu" in doc["verdict"]  # TF 1.x's CPU-only 'tensorflow' gives it too
    assert "may be using one" not in doc["verdict"]


def test_a_tf1_session_error_is_read_as_the_failure_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF 1.x's session puts '(see above for traceback)' between the error's class and its
    message: that is an exception, not a line without a failure (written)."""
    log = (
        "InvalidArgumentError (see above for traceback): Shape must be rank 1 but is rank 2 for"
        " 'split' (op: 'SplitV') with input shapes: [?,4], [2,3], [].\n"
    )
    verdict = doctor(tmp_path, capsys, log)["verdict"]
    assert "Shape must be rank 1" in verdict
    assert "may be using one" not in verdict


def test_a_script_echoing_its_own_gpu_option_is_not_tensorflow_seeing_a_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """stylegan2-ada#32 (verbatim head): the training script prints its options before
    TensorFlow has looked, then its CUDA plugin fails to compile."""
    log = (
        "> Training length:   25000 kimg\n"
        "> Resolution:        1024\n"
        "> Number of GPUs:    1\n"
        ">\n"
        '> Setting up TensorFlow plugin "fused_bias_act.cu": Compiling... Failed!\n'
    )
    assert doctor(tmp_path, capsys, log)["gpu_used"] != "yes"
    # TensorFlow's own count, as its guide prints it, still shows a GPU
    counted = doctor(tmp_path, capsys, "Num GPUs Available:  1\n")
    assert counted["gpu_used"] == "yes"


# https://github.com/ShiQiu0419/BAAF-Net/issues/13 (verbatim, path shortened): the user's own
# PointNet++ op, compiled with another CUDA than TensorFlow's; the maintainer's fix was to point
# the build script at the right CUDA and recompile.
OWN_OP = (
    "tensorflow.python.framework.errors_impl.NotFoundError: /home/logic/Desktop/BAAF-Net/utils/"
    "sampling/tf_sampling_so.so: undefined symbol: __cudaPushCallConfiguration\n"
)
# https://github.com/tensorflow/addons/issues/990 (verbatim): an installed add-on's op on
# tensorflow-cpu.
INSTALLED_ADDON = (
    "tensorflow.python.framework.errors_impl.NotFoundError: /usr/local/lib/python3.7/"
    "site-packages/tensorflow_addons/custom_ops/activations/_activation_ops.so: undefined"
    " symbol: __cudaPushCallConfiguration\n"
)


def test_a_users_own_cuda_op_missing_cuda_runtime_symbols_is_not_a_cpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = doctor(tmp_path, capsys, OWN_OP)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-version-mismatch", "warning")
    assert "tf_sampling_so.so" in first["title"] and "nvcc" in first["fix"]
    assert "cpu-only-tensorflow" not in {f["id"] for f in doc["findings"]}
    # an installed add-on's op library needs TensorFlow's CUDA build, which carries them
    addon = doctor(tmp_path, capsys, INSTALLED_ADDON)["findings"][0]
    assert (addon["id"], addon["severity"]) == ("cpu-only-tensorflow", "error")


def test_without_a_gpu_the_cuda_version_decides_nothing_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlowTTS#578 (verbatim lines): a machine with no graphics card; the CUDA release
    this TensorFlow looks for is no error there."""
    log = (
        "2021-05-28 10:43:11.222119: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:59] Could not load dynamic library 'libcudart.so.10.1'; dlerror:"
        " libcudart.so.10.1: cannot open shared object file: No such file or directory\n"
        "2021-05-28 10:43:14.456815: E tensorflow/stream_executor/cuda/cuda_driver.cc:314]"
        " failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
    )
    doc = doctor(tmp_path, capsys, log, "--gpu", "none", "--tf", "2.3")
    errors = [f["id"] for f in doc["findings"] if f["severity"] == "error"]
    assert errors == ["no-nvidia-gpu"]


def test_a_bare_native_runtime_failure_names_the_usual_causes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """spleeter#351 (verbatim): the whole paste is TensorFlow's import message; the thread's
    cause was a CPU without AVX."""
    log = "I have an error:\n_Failed to load the native TensorFlow runtime._\n"
    verdict = doctor(tmp_path, capsys, log)["verdict"]
    assert "AVX" in verdict and "Visual C++" in verdict


def test_the_metal_plugins_gpu_in_the_device_set_is_a_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#58988 (verbatim lines): tensorflow-metal's GPU is in the session's devices;
    what failed was XLA, which has no Metal platform. 'macOS has no CUDA: install
    tensorflow-metal' is not the answer there."""
    log = (
        "2022-12-23 01:31:15.756543: I tensorflow/core/grappler/optimizers/"
        "custom_graph_optimizer_registry.cc:114] Plugin optimizer for device_type GPU is"
        " enabled.\n"
        "2022-12-23 01:31:17.330784: W tensorflow/core/framework/op_kernel.cc:1830]"
        " OP_REQUIRES failed at xla_ops.cc:418 : NOT_FOUND: could not find registered platform"
        " with id: 0x12ff97980\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "macos", "--tf", "2.11.0")
    assert doc["gpu_used"] == "yes"
    assert "macos-no-cuda" not in [f["id"] for f in doc["findings"] if f["severity"] == "error"]
    # the training stopped there: failed work on the Apple GPU (exit 12), whose fix is the
    # legacy optimizer or XLA off, as #58988 settled (review 66, macOS D10, D11)
    first = doc["findings"][0]
    assert "Metal" in first["title"] and "legacy" in first["fix"]
    path = tmp_path / "metal.log"
    path.write_text(log, encoding="utf-8")
    code = main(["doctor", "--log", str(path), "--no-probe", "--os", "macos", "--json"])
    capsys.readouterr()
    assert code == 12


def test_tensorflows_own_library_is_not_called_a_custom_op(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "OSError: /usr/local/lib/libtensorflow_cc.so.2: undefined symbol:"
        " __cudaPushCallConfiguration\n"
    )
    titles = [f["title"] for f in doctor(tmp_path, capsys, log)["findings"]]
    assert not any("custom op" in t for t in titles)


def _tf1_session_start(then: str) -> str:
    """TensorFlow 1.0 to 1.5's notice as a session starts, then what the program printed
    (the shape of Kyubyong/bytenet_translation#2, whose 'tensorflow' was the CPU-only one)."""
    notices = "".join(
        f"2017-06-14 19:57:14.6589{n}: W tensorflow/core/platform/cpu_feature_guard.cc:45] The"
        f" TensorFlow library wasn't compiled to use {isa} instructions, but these are available"
        " on your machine and could speed up CPU computations.\n"
        for n, isa in enumerate(("SSE4.2", "AVX", "FMA"))
    )
    return "CUDA_VISIBLE_DEVICES=0 python train.py\nGraph loaded\n" + notices + then


def test_a_tf1_session_that_went_on_without_a_gpu_line_reads_as_a_cpu_only_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = doctor(tmp_path, capsys, _tf1_session_start("  0%|      | 4/4906 [00:48<17:47:06]\n"))
    first = ran["findings"][0]
    assert (first["id"], first["severity"]) == ("cpu-only-tensorflow", "warning")
    # a GPU build writes its device right after the notice: then the notice is only noise
    gpu = _tf1_session_start(
        "2017-06-14 19:57:14.8: I tensorflow/core/common_runtime/gpu/gpu_device.cc:887] Found"
        " device 0 with properties:\nname: GeForce GTX 1080\nEpoch 1/10\n"
    )
    assert "cpu-only-tensorflow" not in {f["id"] for f in doctor(tmp_path, capsys, gpu)["findings"]}
    # the paste stopping at the notices, or the run failing after them, says nothing of a build
    for then in ("", "Traceback (most recent call last):\nValueError: bad shape\n"):
        doc = doctor(tmp_path, capsys, _tf1_session_start(then))
        assert "cpu-only-tensorflow" not in {f["id"] for f in doc["findings"]}


def test_a_tf1_session_start_says_nothing_of_the_build_where_its_gpu_lines_may_be_hidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF_CPP_MIN_LOG_LEVEL=1 hides TensorFlow 1.x's INFO lines, every GPU line among them, and
    keeps the notice (a WARNING); a program that names its GPU device used one; macOS has no
    CUDA build to have chosen instead."""
    run = "Epoch 1/10\n60000/60000 [====] - 12s - loss: 0.2934\n"
    cases = [
        (_tf1_session_start(run).replace("python train.py", "TF_CPP_MIN_LOG_LEVEL=1 python"), ()),
        (_tf1_session_start(run), ("--env", "TF_CPP_MIN_LOG_LEVEL=1")),
        (_tf1_session_start("['/job:localhost/replica:0/task:0/device:GPU:0']\n" + run), ()),
        (_tf1_session_start(run), ("--os", "macos")),
    ]
    for log, flags in cases:
        doc = doctor(tmp_path, capsys, log, *flags)
        assert "cpu-only-tensorflow" not in {f["id"] for f in doc["findings"]}, flags
    # a program's own words that name TensorFlow are still the program's
    hello = _tf1_session_start("b'Hello, TensorFlow!'\n")
    assert doctor(tmp_path, capsys, hello)["findings"][0]["id"] == "cpu-only-tensorflow"


def test_a_windows_prompt_that_started_tensorflow_outranks_a_stated_linux(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--os linux stated, and the paste is PowerShell starting Python, whose TensorFlow 2.13
    lists no GPU: native Windows has no GPU build from 2.11, as the same log reads without
    the flag (review 63, C21)."""
    log = (
        'PS C:\\Users\\ana\\proj> python -c "import tensorflow as tf; print(tf.__version__);'
        " print(tf.config.list_physical_devices('GPU'))\"\n"
        "2.13.0\n[]\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--python", "3.11")
    assert doc["findings"][0]["id"] == "windows-native-gpu-unsupported"
    assert any("judged by the log" in n["message"] for n in doc["facts"]["notes"])
    # a Windows prompt that only opened a session elsewhere says nothing of TensorFlow's OS
    remote = log.replace(
        "PS C:\\Users\\ana\\proj> python -c", "PS C:\\Users\\ana> ssh box\n$ python -c"
    )
    doc = doctor(tmp_path, capsys, remote, "--os", "linux", "--python", "3.11")
    assert "windows-native-gpu-unsupported" not in [f["id"] for f in doc["findings"][:1]]


def test_a_tf1_device_mapping_of_cpu_devices_only_is_no_gpu_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF 1.14's log_device_placement lists XLA's CPU device and nothing else, with no CUDA
    line at all: the CPU-only package, as 'no known devices' reads (review 63, tf1-era c26;
    the records' wording as TF 1.14's direct_session.cc and service.cc print them)."""
    log = (
        "2019-08-21 09:13:52.689567: I tensorflow/compiler/xla/service/service.cc:175]"
        "   StreamExecutor device (0): <undefined>, <undefined>\n"
        "Device mapping:\n"
        "/job:localhost/replica:0/task:0/device:XLA_CPU:0 -> device: XLA_CPU device\n"
        "\n"
    )
    first = doctor(tmp_path, capsys, log, "--tf", "1.14.0")["findings"][0]
    assert (first["id"], first["severity"]) == ("cpu-only-tensorflow", "warning")
    gpu = log.replace(
        "XLA_CPU device\n",
        "XLA_CPU device\n/job:localhost/replica:0/task:0/device:GPU:0 -> device: 0, name:"
        " GeForce GTX 1050 Ti, pci bus id: 0000:01:00.0, compute capability: 6.1\n",
    )
    assert doctor(tmp_path, capsys, gpu, "--tf", "1.14.0")["gpu_used"] == "yes"
