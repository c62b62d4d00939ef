"""The doctor on review 97's cases and the earlier reviews' items it took up. Logs are composed
in the tools' own words (tests/fixtures/review97/README.md), or excerpts of the threads named."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document
COMPOSED = Path(__file__).parent / "fixtures" / "review97"


def composed(name: str) -> str:
    return (COMPOSED / f"{name}.log").read_text(encoding="utf-8")


GPU_LISTED = (
    "$ python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
    "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
)


@pytest.mark.parametrize(
    "hiding",
    [
        "$ CUDA_VISIBLE_DEVICES=-1 python export_tflite.py model/mnist.keras\n",
        "$ export CUDA_VISIBLE_DEVICES=-1\n$ python export_tflite.py model/mnist.keras\n",
        'PS C:\\work> $env:CUDA_VISIBLE_DEVICES="-1"\nPS C:\\work> python export_tflite.py\n',
    ],
)
def test_a_later_run_hidden_by_its_own_command_leaves_the_gpu_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hiding: str
) -> None:
    """Training on the GPU, then an export the user ran with CUDA_VISIBLE_DEVICES=-1 on its own
    command line: CUDA finding no device there is the setting doing what was asked."""
    log = composed("b51-train-then-cpu-export").replace(
        "$ CUDA_VISIBLE_DEVICES=-1 python export_tflite.py model/mnist.keras\n", hiding
    )
    document = run(tmp_path, capsys, log, "--tf", "2.17")
    assert document["gpu_used"] == "yes" and document["exit"] == 0
    assert errors(document) == []
    note = next(f for f in document["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert note["severity"] == "info" and "CUDA_VISIBLE_DEVICES" in " ".join(note["evidence"])


def test_a_run_hidden_with_no_gpu_run_before_it_is_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hidden run alone, or followed by a run that did not hide the GPU and still found
    none: the setting (or whatever hides it then) is what is asked about."""
    log = composed("b51-train-then-cpu-export")
    alone = log[log.index("$ CUDA_VISIBLE_DEVICES=-1") :]
    assert errors(run(tmp_path, capsys, alone, "--tf", "2.17")) == [
        "cuda-visible-devices-hides-gpus"
    ]
    cuinit = next(line for line in log.splitlines() if "cuInit" in line)
    later = f"{log}$ python train.py --resume\n{cuinit}\n"
    document = run(tmp_path, capsys, later, "--tf", "2.17")
    assert document["gpu_used"] == "no"
    assert errors(document) == ["cuda-visible-devices-hides-gpus"]


def test_an_empty_list_from_a_run_told_to_hide_the_gpu_is_no_lost_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's '[]' under a command that set CUDA_VISIBLE_DEVICES empty is what it asked
    for, not a later environment without the GPU."""
    log = GPU_LISTED + GPU_LISTED.replace("$ python", '$ CUDA_VISIBLE_DEVICES="" python').replace(
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]", "[]"
    )
    document = run(tmp_path, capsys, log, "--tf", "2.17")
    assert document["gpu_used"] == "yes" and errors(document) == []
    assert "wrong-python-environment" not in [f["id"] for f in document["findings"]]


@pytest.mark.parametrize(
    ("built", "have", "first", "installed"),
    [
        ("0xe", "0xd", "1.20", "NumPy 1.16 to 1.19"),
        ("0x10", "0xf", "1.23", "NumPy 1.22"),
        ("a", "9", "1.10", "NumPy 1.8 to 1.9"),
    ],
)
def test_numpy_named_by_its_c_api_number(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    built: str,
    have: str,
    first: str,
    installed: str,
) -> None:
    """NumPy's import check prints C API numbers: the fix names the NumPy release that number
    needs (a community build compiled against a newer NumPy than its metadata allows needs
    exactly that: review 96's lakshayg/tensorflow-build#9, 0xe under 2.4.1's numpy~=1.19.2)."""
    log = (
        f"RuntimeError: module compiled against API version {built} but this version of numpy"
        f" is {have}\n"
        "ImportError: numpy.core.multiarray failed to import\n"
    )
    first_finding = run(tmp_path, capsys, log, "--tf", "2.4.1")["findings"][0]
    assert first_finding["id"] == "dependency-version-mismatch"
    assert installed in first_finding["title"]
    assert f'numpy>={first}"' in first_finding["fix"]


def test_numpys_abi_number_of_a_numpy_1_build_under_numpy_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ABI 0x1000009 (every NumPy 1.x) built, 0x2000000 (NumPy 2) installed: NumPy is newer than
    the module's build, not older."""
    log = (
        "RuntimeError: module compiled against ABI version 0x1000009 but this version of numpy"
        " is 0x2000000\n"
    )
    first = run(tmp_path, capsys, log, "--tf", "2.15")["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert "NumPy 2 is installed" in first["title"] and "numpy<2" in first["fix"]


PINNED = (
    "W ./tensorflow/core/common_runtime/gpu/pool_allocator.h:195] could not allocate pinned host"
    " memory of size: {size}\n"
    "E tensorflow/stream_executor/cuda/cuda_driver.cc:967] failed to alloc {size} bytes on host:"
    " {code}\n"
)


@pytest.mark.parametrize(
    ("size", "code", "growth_first"),
    [
        ("2304", "CUDA_ERROR_UNKNOWN", True),  # tensorflow-deeplab-v3-plus#8
        ("2304", "CUDA_ERROR_OUT_OF_MEMORY", True),
        ("4294967296", "CUDA_ERROR_OUT_OF_MEMORY", False),  # unsupervised_detection#15
    ],
)
def test_a_small_pinned_buffer_refused_is_the_gpus_reservation(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    size: str,
    code: str,
    growth_first: bool,
) -> None:
    """A few KB of pinned host memory refused (or refused with CUDA_ERROR_UNKNOWN) is no host
    out of RAM: TensorFlow's reservation of the GPU's memory left the driver no room, and
    memory growth mends it. A 4 GiB buffer refused is the host's RAM."""
    log = PINNED.format(size=size, code=code)
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("CUDA could not lock") is growth_first
    assert ("allow_growth" in first["fix"]) is growth_first


def test_rocms_allocator_refusing_device_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ROCm/tensorflow-upstream#82: tensorflow-rocm's allocator refused by HIP right after its
    device was created (another process held the memory): out of memory, named with rocm-smi."""
    log = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1189] Created TensorFlow device"
        " (/job:localhost/replica:0/task:0/device:GPU:0 with 7524 MB memory) -> physical GPU"
        " (device: 0, name: Vega 10 XL/XT [Radeon RX Vega 56/64], pci bus id: 0000:03:00.0)\n"
        "E tensorflow/stream_executor/rocm/rocm_driver.cc:601] failed to allocate 7.35G"
        " (7889485824 bytes) from device: hipError_t(1002)\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "rocm-smi" in first["fix"]


def test_a_manylinux_wheel_refused_on_alpine_is_musl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip on musl never accepts a manylinux tag: the wheel file refused after Alpine's
    os-release is the C library, not an odd build of the Python that ran pip."""
    first = run(tmp_path, capsys, composed("musl-alpine-wheel"))["findings"][0]
    assert first["id"] == "glibc-too-old" and "musl" in first["title"]


@pytest.mark.parametrize(
    ("log", "flags"),
    [
        (composed("h5py-2037"), ("--os", "windows", "--python", "3.9.7")),
        (
            '  File "/opt/conda/lib/python3.9/site-packages/h5py/__init__.py", line 33, in'
            " <module>\n"
            "ImportError: /opt/conda/lib/python3.9/site-packages/h5py/defs.cpython-39-x86_64-linux"
            "-gnu.so: undefined symbol: H5Pset_fapl_ros3\n",
            ("--os", "linux"),
        ),
    ],
)
def test_h5py_built_for_another_hdf5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, flags: tuple[str, ...]
) -> None:
    """h5py's compiled module refused by the HDF5 it loaded (Windows' missing procedure under
    h5py's frames, Linux's undefined H5 symbol) is h5py and HDF5 of two builds, named as such:
    not a platform note about TensorFlow on Windows (review 96: h5py#2037)."""
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and first["severity"] == "error"
    assert "h5py" in first["title"] and "hdf5" in first["fix"]


@pytest.mark.parametrize(
    "refusal",
    [
        # tensorflow#30191 (pip 19)
        "ERROR: Cannot uninstall 'wrapt'. It is a distutils installed project and thus we cannot"
        " accurately determine which files belong to it which would lead to only a partial"
        " uninstall.\n",
        # pip 23 and newer
        "error: uninstall-distutils-installed-package\n\n× Cannot uninstall wrapt 1.10.11\n"
        "╰─> It is a distutils installed project and thus we cannot accurately determine which"
        " files belong to it which would lead to only a partial uninstall.\n",
    ],
)
def test_pip_stopped_by_a_package_it_cannot_uninstall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], refusal: str
) -> None:
    """pip aborting on Anaconda's distutils-installed wrapt installed nothing after it: the
    install failed, and the fix installs over that package or into a new environment."""
    log = (
        "Installing collected packages: wrapt, tensorflow\n"
        "  Found existing installation: wrapt 1.10.11\n"
    )
    first = run(tmp_path, capsys, log + refusal)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and first["severity"] == "error"
    assert "--ignore-installed wrapt" in first["fix"]
    installed = "Successfully installed tensorflow-2.15.0 wrapt-1.14.1\n"
    later = run(
        tmp_path,
        capsys,
        log + refusal + "$ pip install --ignore-installed wrapt tensorflow\n" + installed,
    )
    assert "tensorflow-not-installed" not in errors(later)


def test_ml_dtypes_newer_than_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ml_dtypes#101: ml_dtypes 0.3.0 removed a type 2.14's import reads: the ml_dtypes is the
    one to mend, not NumPy."""
    log = (
        "AttributeError: module 'ml_dtypes' has no attribute 'float8_e4m3b11'. Did you mean:"
        " 'float8_e4m3fn'?\n"
        '  File "/.venv/lib/python3.10/site-packages/tensorflow/python/framework/dtypes.py",'
        " line 39, in <module>\n"
        "    _np_float8_e5m2 = pywrap_ml_dtypes.float8_e5m2()\n"
        "TypeError: Unable to convert function return value to a Python type! The signature was\n"
        "        () -> handle\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and "ml_dtypes" in first["title"]
    assert "ml-dtypes" in first["fix"]


@pytest.mark.parametrize(
    ("flags", "command"),
    [
        (("--tf", "2.9.1"), 'pip install "keras~=2.9.0"'),
        ((), 'pip install "keras~=2.9.0"'),  # the release pip list shows
    ],
)
def test_the_keras_pair_names_the_release_that_ran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], command: str
) -> None:
    """A standalone Keras of another release failing at import: where the TensorFlow release is
    known, the fix is the command for its Keras, not the X.Y template."""
    first = run(tmp_path, capsys, composed("b03-dtensor-tf29-keras210"), *flags)["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert command in first["fix"] and "X.Y" not in first["fix"]


def test_xla_failing_on_a_ptxas_older_than_required(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'XLA requires ptxas version 11.8 or higher' on an sm_86 GPU is the old toolkit first on
    PATH; Blackwell's CUDA 12.8 is no part of that fix."""
    document = run(tmp_path, capsys, composed("c24-old-ptxas-on-path"), "--tf", "2.16")
    first = document["findings"][0]
    assert first["id"] == "xla-toolchain-missing" and first["severity"] == "error"
    assert "older than this TensorFlow requires" in first["fix"]
    assert "sm_120" not in first["fix"]


def test_no_older_release_offered_where_none_has_kernels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A compute capability 3.0 GPU: no PyPI build has its kernels, so the fix does not also
    send the user to an older release."""
    log = composed("c17-gtx760-cc30")
    first = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.1")["findings"][0]
    assert first["id"] == "compute-capability-unsupported"
    assert "Install an older TensorFlow" not in first["fix"]


def test_an_allocation_its_caller_skipped_is_no_out_of_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The allocator's 'ran out of memory' record and dump, then the redzone checker skipping
    its check: the work went on, so nothing ran out; the same record followed by the step's
    ResourceExhaustedError is the work's."""
    log = composed("b30-redzone-allocation-skipped")
    document = run(tmp_path, capsys, log, "--tf", "2.6")
    assert document["gpu_used"] == "yes"
    assert "gpu-out-of-memory" not in [f["id"] for f in document["findings"]]
    failed = log.replace(
        "Epoch 2/50",
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError:  OOM when allocating"
        " tensor with shape[256,64,112,112] and type float on"
        " /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc\nEpoch 2/50",
    )
    assert run(tmp_path, capsys, failed, "--tf", "2.6")["findings"][0]["id"] == (
        "gpu-out-of-memory"
    )


def test_a_gpu_device_made_is_no_cpu_only_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NVIDIA's Jetson build at work: no 'if it is the PyPI wheel' note with a fix that
    downgrades it, and its version printed on a line of its own is read, not joined to the
    record above it."""
    flags = ("--os", "linux", "--arch", "aarch64", "--gpu", "Jetson Xavier NX")
    document = run(tmp_path, capsys, composed("b15-jetson-xavier"), *flags)
    assert document["gpu_used"] == "yes" and document["exit"] == 0
    assert "cpu-only-tensorflow" not in [f["id"] for f in document["findings"]]


def test_a_terminal_activation_does_not_mend_a_notebook_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The notebook's kernel could not import TensorFlow; activating an environment in a
    terminal changes the terminal's Python, not the kernel's: the question stands."""
    document = run(
        tmp_path, capsys, composed("l1-notebook-then-terminal-activate"), "--os", "linux"
    )
    assert document["gpu_used"] == "no" and document["exit"] == 10
    assert errors(document) == ["wrong-python-environment"]


def test_conda_activate_name_at_a_cmd_prompt_mends_the_earlier_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """conda's Windows form 'activate NAME' (the prompt turning from (base) to (tf210)) is an
    activation: the run after it used the GPU, the one before it is superseded."""
    log = composed("l2-anaconda-prompt-bare-activate")
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.10")
    assert document["gpu_used"] == "yes" and errors(document) == []
    bare = log.replace("(base) C:\\Users\\amir>activate tf210", "(base) C:\\Users\\amir>cls")
    assert run(tmp_path, capsys, bare, "--os", "windows", "--tf", "2.10")["gpu_used"] == "yes"


def test_a_one_liner_importing_another_package_after_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'-c "import tensorflow as tf; import cv2"': OpenCV's NumPy 2 failure is not TensorFlow's
    own import failing (exit 12 is for work that failed on the GPU stack)."""
    log = composed("l4-dash-c-tf-then-cv2")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.18.0")
    assert document["findings"][0]["id"] == "dependency-version-mismatch"
    assert document["exit"] == 10


BATCH = "Reduce the batch size"
HELD = "Stop process"
VARIABLES = "a smaller batch does not help"


@pytest.mark.parametrize(
    ("name", "tf", "expected"),
    [
        ("e01-gaussiannoise-layer-line", "2.13", BATCH),  # made and called on one line
        ("e02-tfvariable-own-init", "2.15", VARIABLES),  # a variable of the random tensor
        ("e03-memlimit-other-gpu", "2.15", BATCH),  # the limit is GPU:1's
        ("e05-smi-holder-is-tf-itself", "2.15", "Reduce the batch size"),
        ("e06b-smi-csv-holder-same-bus", "2.15", "Stop process 3391"),
        ("e06-smi-csv-holder-other-bus", "2.15", "Reduce the batch size"),
        ("c19t-last-lines-smi-holder", "", "Stop process 21877"),
    ],
)
def test_out_of_memory_read_by_what_the_paste_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, tf: str, expected: str
) -> None:
    """Review 97's attacks on the out-of-memory readings: Keras's word that a layer's call
    raised it outranks the layer made on the same line; a variable made of the random tensor is
    no batch; a limit on another GPU is not the failing one's; nvidia-smi's row for TensorFlow's
    own run (it got most of the card) is no other holder; the compute-apps CSV is read with its
    bus; the allocator dump's pool stands in for a device record cut from the paste."""
    flags = ("--os", "linux", *(("--tf", tf) if tf else ()))
    first = run(tmp_path, capsys, composed(name), *flags)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert expected in first["fix"]
    if not expected.startswith(HELD):
        assert HELD not in first["fix"] and "Raise memory_limit" not in first["fix"]


def test_a_request_larger_than_the_card_under_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 37.5 GiB request under a 23000 MB limit on a 24 GB card: raising the limit cannot fit
    it, and the fix says so."""
    log = composed("e04-memlimit-near-full-huge-request")
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.15")["findings"][0]
    assert "fits under no limit" in first["fix"] and BATCH.lower() in first["fix"].lower()


def test_poetrys_missing_file_for_a_stated_python_the_release_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Poetry's installer finding no file of tensorflow 2.15.0 in a Python 3.12 environment:
    that release has no cp312 wheel; the environment's Python is what to change."""
    log = composed("m2-poetry-arm-mac-215-py312")
    flags = ("--os", "macos", "--arch", "arm64", "--python", "3.12")
    first = run(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "python-unsupported" and "Python 3.12" in first["title"]
    assert "poetry env use 3.11" in first["fix"]
    served = run(tmp_path, capsys, log, "--os", "macos", "--arch", "arm64", "--python", "3.11")
    assert "poetry env use" not in served["findings"][0]["fix"]


def test_the_free_threaded_build_is_the_one_that_ran_not_one_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 3.13t that 'uv python list' shows is not the interpreter uv refused for cp313; the
    launcher's 'py -3.13t' is."""
    listed = run(tmp_path, capsys, composed("i1-uv-list-shows-313t-standard-venv"), "--os", "linux")
    assert listed["findings"][0]["id"] == "python-unsupported"
    assert "free-threaded" not in listed["findings"][0]["title"]
    launched = run(tmp_path, capsys, composed("i2-py-launcher-313t"), "--os", "windows")
    assert "free-threaded build (3.13t)" in launched["findings"][0]["title"]


@pytest.mark.parametrize(
    ("name", "flags", "command"),
    [
        ("a06-poetry-never", (), 'poetry add "tensorflow==2.16.1"'),
        ("a07-uv-never", (), 'uv pip install "tensorflow[and-cuda]==2.16.1"'),
        ("a03-andcuda-windows-2160", ("--os", "windows"), 'pip install "tensorflow==2.16.1"'),
    ],
)
def test_a_release_never_published_named_in_each_installers_words(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    command: str,
) -> None:
    """Poetry's 'doesn't match any versions' and uv's 'there is no version of' are pip's
    missing release in other words; on native Windows the pin drops [and-cuda], whose NVIDIA
    wheels are Linux's, and says where the GPU is."""
    first = run(tmp_path, capsys, composed(name), *flags)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "never published" in first["title"]
    assert command in first["fix"]
    assert ("WSL 2" in first["fix"]) is ("windows" in flags)


def test_rays_own_reading_names_the_fix_for_its_trials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ray sets CUDA_VISIBLE_DEVICES per trial: where its status shows the trials given none of
    its GPUs, the fix asks Ray for one, not 'unset the variable'."""
    first = run(tmp_path, capsys, composed("f06-ray-tune-trials-cpu-driver-gpu"), "--os", "linux")
    first = first["findings"][0]
    assert first["id"] == "cuda-visible-devices-hides-gpus" and first["severity"] == "error"
    assert "with_resources" in first["fix"] and "Unset it" not in first["fix"]


def test_an_import_failure_an_activation_mended_is_not_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's native runtime failed in conda's base; after 'conda activate tf1' 1.15.0
    imports, and keras 2.4 beside it is what fails: that pair is the answer."""
    first = run(tmp_path, capsys, composed("b07-keras22-native-earlier-env"), "--os", "windows")
    first = first["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and first["severity"] == "error"
    assert "keras==2.3.1" in first["fix"]


def test_the_codes_own_cuda_visible_devices_outranks_the_shells_stated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cell sets CUDA_VISIBLE_DEVICES to -1 before TensorFlow starts: that is the value its
    process ran with, whatever the shell's (stated 0)."""
    log = composed("c10-notebook-sets-cvd")
    first = run(tmp_path, capsys, log, "--env", "CUDA_VISIBLE_DEVICES=0")["findings"][0]
    assert first["id"] == "cuda-visible-devices-hides-gpus" and first["severity"] == "error"


@pytest.mark.parametrize(
    ("name", "flags", "title", "fix"),
    [
        (
            "d1-mac-client-remote-linux",
            (),
            "not installed or not configured on the host",
            "nvidia-ctk",
        ),
        (
            "d2-windows-client-remote-linux",
            (),
            "not installed or not configured on the host",
            "nvidia-ctk",
        ),
        (
            "d3-linux-context-ls-desktop",
            ("--os", "linux"),
            "Docker Desktop for Linux",
            "docker context use default",
        ),
        (
            "d4-linux-desktop-then-default",
            ("--os", "linux"),
            "repository is not set up",
            "apt-get update",
        ),
    ],
)
def test_the_docker_engine_the_containers_ran_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    title: str,
    fix: str,
) -> None:
    """The context in force and the server block say where containers run, not the prompt the
    CLI ran at: a remote Linux engine takes the toolkit on its host; Docker Desktop for Linux is
    read from 'docker context ls' too; a later 'docker context use default' supersedes it, and
    apt finding no toolkit package is NVIDIA's repository missing."""
    first = run(tmp_path, capsys, composed(name), *flags)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert title in first["title"] and fix in first["fix"]


def test_a_conversion_that_stopped_leads_with_what_stopped_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'wsl --set-version Ubuntu 2' refused for the Virtual Machine Platform: the fix enables it
    first; running the conversion again alone fails the same way."""
    first = run(tmp_path, capsys, composed("v1-conversion-vmp-error"))["findings"][0]
    assert first["id"] == "wsl-libcuda-missing"
    assert first["fix"].startswith("The conversion stopped because the Virtual Machine Platform")


def test_a_plain_wsl_after_another_distribution_opens_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'wsl -d Ubuntu-22.04' holds for its session; after 'exit', a plain 'wsl' opens the WSL 1
    default again, which is where the run failed."""
    first = run(tmp_path, capsys, composed("v4-opened-other-then-default"))["findings"][0]
    assert first["id"] == "wsl-libcuda-missing" and "WSL 1" in first["title"]


def test_the_drivers_jit_known_to_miscompile_survives_the_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XLA's fallback line says it is fine 'so long as you don't see a warning below about an
    out-of-date driver': where that warning follows, it is kept beside the GPU at work."""
    log = composed("x3-tf115-fallback-old-driver")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "1.15")
    assert document["gpu_used"] == "yes"
    jit = next(f for f in document["findings"] if f["id"] == "driver-too-old")
    assert jit["severity"] == "warning" and "396.20.0," in jit["title"]
    assert "xla_gpu_cuda_data_dir" in jit["fix"]


def test_uvs_provenance_names_the_package_that_asked_for_the_stub(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """uv's '`tensorflow-gpu` (v2.12.0) was included because `tsfedl` (v1.0.0) depends on' names
    the parent, and the fix is uv's own --no-deps."""
    first = run(tmp_path, capsys, composed("i5-uv-stub-from-parent"))["findings"][0]
    assert first["id"] == "tensorflow-not-installed"
    assert "'uv pip install --no-deps tsfedl'" in first["fix"]


def test_condas_conflict_list_names_the_python_to_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """t81_558_deep_learning#84: conda lists the Pythons its tensorflow was built for
    ('python[version='2.7.*|3.7.*|3.6.*|3.5.*']'); the fix names the newest, copy-paste ready."""
    first = run(tmp_path, capsys, composed("t81_558-pr84"), "--os", "macos")["findings"][0]
    assert first["id"] == "python-unsupported"
    assert "conda create -n tf python=3.7 tensorflow" in first["fix"]


def test_a_nightly_pairs_with_the_keras_nightly_of_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tf-nightly beside a keras-nightly of another day: the fix reinstalls the nightly pair,
    not a release's keras."""
    first = run(tmp_path, capsys, composed("b06-metric-nightly-pair"), "--os", "linux")
    first = first["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert "tf-nightly keras-nightly" in first["fix"] and "keras~=" not in first["fix"]
