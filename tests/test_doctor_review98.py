"""The doctor on review 98's cases. Logs are the real threads' pastes
(tests/fixtures/review98/README.md), or composed in the tools' own words where said."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review98", name)


@pytest.mark.parametrize(
    ("name", "flags", "title"),
    [
        ("megnet-11", (), "The protobuf library loaded (3.6.1)"),
        (
            "cpm-tf-20",
            ("--os", "linux", "--arch", "aarch64"),
            "The protobuf library loaded (2.6.1)",
        ),
        ("tensorflow-282", ("--os", "macos"), "imports symbol_database"),
    ],
)
def test_protobuf_of_another_version_than_tensorflows_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    title: str,
) -> None:
    """protobuf's C++ runtime check aborting the load ('This program requires version 3.7.0 of
    the Protocol Buffer runtime library, but the installed version is 3.6.1'), and TensorFlow's
    generated _pb2 code importing a name an older protobuf lacks, are the protobuf to mend: not
    'no failure named', not a platform note."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    first = document["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and first["severity"] == "error"
    assert title in first["title"] and document["gpu_used"] == "no"


def test_a_macos_11_wheel_the_install_needs_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """apple/tensorflow_macos#89: the installer's macOS 11 NumPy wheel refused by the pip that
    ran it: the install stopped, and the fix is that pip (or the Python's macOS version)."""
    document = run(
        tmp_path, capsys, log_of("tensorflow_macos-89"), "--os", "macos", "--arch", "arm64"
    )
    first = document["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and first["severity"] == "error"
    assert "pip" in first["fix"] and "SYSTEM_VERSION_COMPAT=0" in first["fix"]


def test_a_commented_out_assignment_hides_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'# os.environ["CUDA_VISIBLE_DEVICES"] = "-1"   # uncomment to force CPU' is not run."""
    log = log_of("c02-commented-cvd-driver-not-loaded")
    document = run(tmp_path, capsys, log, "--os", "linux", "--env", "CUDA_VISIBLE_DEVICES=0")
    assert "cuda-visible-devices-hides-gpus" not in [f["id"] for f in document["findings"]]


def test_condas_range_form_python_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'python[version='>=3.6,<3.7.0a0|...|>=3.8,<3.9.0a0']': the newest is 3.8 (read to the
    closing quote, an exclusive upper bound not counted)."""
    first = run(tmp_path, capsys, log_of("x01-conda-python-range-spec"), "--os", "linux")
    assert "python=3.8 " in first["findings"][0]["fix"]


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("lr02-pyenv-activate", ("--os", "linux")),
        ("lr03-powershell-Activate-ps1", ("--os", "windows", "--tf", "2.10")),
    ],
)
def test_other_activations_mend_the_earlier_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    """pyenv's 'pyenv activate NAME' and venv's 'Activate.ps1' (as venv writes it, capitalised)
    are activations: the run after them used the GPU."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "yes" and document["exit"] == 0


def test_a_memory_limit_written_as_an_expression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'memory_limit=1024 * 4' is a limit the paste shows without a plain number: the program's
    own limit, read for its 4096 MB device."""
    log = log_of("o02-memlimit-expression")
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.15")["findings"][0]
    assert first["fix"].startswith("The program's own memory limit is the limit")


@pytest.mark.parametrize(
    ("name", "flags", "expected"),
    [
        ("r1-rocm-hip-error-outofmemory-name", ("--os", "linux"), "rocm-smi"),
        ("h5a-macos-symbol-not-found-h5", ("--os", "macos"), "h5py"),
        (
            "h5d-hdf5-library-version-mismatch-abort",
            ("--os", "linux"),
            "HDF5_DISABLE_VERSION_CHECK",
        ),
        ("d1-ml-dtypes-older-than-tf", ("--os", "linux"), "pip install -U ml-dtypes"),
    ],
)
def test_the_same_facts_in_other_wordings(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    expected: str,
) -> None:
    """TensorFlow's own HIP_ERROR_OutOfMemory, macOS 12's hex dlopen flags, HDF5's own version
    check, an ml_dtypes older (not newer) than the release: each read as its cause."""
    first = run(tmp_path, capsys, log_of(name), *flags)["findings"][0]
    assert first["id"] in ("gpu-out-of-memory", "dependency-version-mismatch")
    assert expected in first["fix"]


def test_a_huge_pinned_buffer_refused_is_the_hosts_ram_whatever_cuda_answered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """32 GiB of pinned memory refused with CUDA_ERROR_UNKNOWN on a discrete GPU: the host's
    RAM; memory growth does not lead."""
    log = log_of("p4-huge-pinned-unknown-discrete")
    first = run(tmp_path, capsys, log, "--os", "linux", "--arch", "x86_64")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and not first["fix"].startswith("CUDA could not")


@pytest.mark.parametrize(
    "name",
    ["w01-set-default-then-plain", "w03-conversion-succeeded", "w05-d-with-command-then-plain"],
)
def test_a_run_in_a_wsl_2_distribution_the_paste_opened_is_wsl_2s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """The paste opens a distribution it shows as WSL 2 from a Windows prompt: libcuda.so.1
    missing there is the Windows driver's WSL support, not a Linux driver to install."""
    first = run(tmp_path, capsys, log_of(name))["findings"][0]
    assert first["id"] == "wsl-libcuda-missing" and "WSL2" in first["title"]
    assert "install the driver (check with nvidia-smi)" not in first["fix"]


@pytest.mark.parametrize(
    ("name", "repository"),
    [
        ("dk01-docker-host-ssh-env", False),
        ("dk04-dnf-no-match-toolkit", True),
        ("dk05-apt-missing-then-repo-added", False),
        ("dk06-apt-nvidia-docker2", True),
    ],
)
def test_dockers_engine_and_the_toolkits_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, repository: bool
) -> None:
    """DOCKER_HOST=ssh:// is a remote Linux engine (the toolkit goes on that host, not Docker
    Desktop's settings); dnf's 'Unable to find a match' and apt's for nvidia-docker2 are the
    repository missing; a toolkit the paste then shows set up is no missing repository."""
    first = run(tmp_path, capsys, log_of(name))["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert ("repository is not set up" in first["title"]) is repository
    assert "Docker Desktop" not in first["title"]


def test_lspci_naming_an_nvidia_gpu_is_a_gpu_without_its_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lspci's 'VGA compatible controller: NVIDIA Corporation TU106 [GeForce RTX 2060]' shows
    the GPU: TensorFlow finding no libcuda is its driver missing, not a machine without one."""
    document = run(tmp_path, capsys, log_of("c01-lspci-no-driver"))
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-driver" and first["severity"] == "error"


def test_poetrys_own_proposed_range_replaces_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Poetry prints the project range that fits ('>=3.9,<3.12' for TensorFlow 2.13); the fix
    names it instead of an example range that still admits 3.12."""
    first = run(tmp_path, capsys, log_of("c26-poetry-range-hint"))["findings"][0]
    assert first["id"] == "python-unsupported"
    assert "python = '>=3.9,<3.12'" in first["fix"] and "<3.13" not in first["fix"]


def test_the_cudnn_a_working_build_loaded_is_no_shadow_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow 2.10 at work with the cuDNN 8.1 it was built for, a cuDNN 8.6 stated as
    installed: the copy first on the path is the right one, so a note, not a fix to move it."""
    flags = ("--os", "windows", "--tf", "2.10", "--python", "3.9", "--cuda-toolkit", "11.8")
    document = run(tmp_path, capsys, log_of("b03-win-tf210-at-work"), *flags, "--cudnn", "8.6.0")
    assert document["gpu_used"] == "yes"
    shadow = next(f for f in document["findings"] if f["id"] == "ld-library-path-shadows")
    assert shadow["severity"] == "info" and shadow["fix"].startswith("Nothing to do")


def test_the_ptxas_to_install_targets_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow 2.4 (CUDA 11.0) on an RTX 3080 (8.6): CUDA 11.0's ptxas does not know sm_86;
    the toolkit to put on PATH is 11.1 or newer."""
    log = log_of("b13-tf24-ptxas-on-rtx3080")
    flags = ("--os", "linux", "--tf", "2.4", "--gpu", "GeForce RTX 3080")
    document = run(tmp_path, capsys, log, *flags)
    ptxas = next(f for f in document["findings"] if f["id"] == "xla-toolchain-missing")
    assert "CUDA toolkit 11.1 or newer" in ptxas["fix"]
    assert document["gpu_used"] == "yes" and document["exit"] == 0


def test_a_gpu_build_in_an_environment_the_paste_left_is_another_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After 'conda activate proj' the environment that answers has tensorflow-cpu: the GPU the
    earlier environment's build made says nothing of it."""
    document = run(tmp_path, capsys, log_of("c1-gpu-env-then-cpu-build-env"), "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "cpu-only-tensorflow" and first["severity"] == "error"


def test_a_prefix_hides_the_gpu_for_its_own_command_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without prompts, a bare 'python ...' line is the next command: the hiding prefix of the
    export before it does not explain the resumed training finding no GPU."""
    document = run(tmp_path, capsys, log_of("h4-no-prompts-prefix-then-train"), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert document["findings"][0]["severity"] == "error"


def test_the_older_numpy_python_imports_leads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip shows NumPy 1.24.3, Python imports the OS's 1.17.4: that copy is what to remove."""
    first = run(tmp_path, capsys, log_of("n1-apt-numpy-shadows-pip"), "--os", "linux")
    first = first["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert first["fix"].startswith("pip's NumPy is 1.24.3, but Python imports NumPy 1.17.4")


def test_uvs_musllinux_refusal_is_musl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No release ever had a musllinux wheel: no pin helps; a glibc image does."""
    first = run(tmp_path, capsys, log_of("m2-uv-musllinux-tag"))["findings"][0]
    assert first["id"] == "glibc-too-old" and "musl" in first["title"]


def test_memory_growth_already_on_is_not_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command sets TF_FORCE_GPU_ALLOW_GROWTH=true and the kernel killed the process for
    the host's RAM: the small pinned buffer refused is the host's, not the GPU's reservation."""
    first = run(tmp_path, capsys, log_of("p1-growth-already-on-small-pinned"), "--os", "linux")
    first = first["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and not first["fix"].startswith("CUDA could not")


def test_a_linux_numbered_driver_stated_for_wsl_2_is_to_confirm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """WSL 2's nvidia-smi shows the Windows driver's number (572.16): a three-part Linux number
    stated for it is another driver's, or read elsewhere; the plan still plans, and says so."""
    from doctor_support import plan_document

    linux = plan_document(capsys, "--os wsl2 --driver 535.104.05 --gpu 'RTX 3080' --python 3.11")
    note = next(f for f in linux["findings"] if f["id"] == "wsl-linux-driver-installed")
    assert note["severity"] == "warning" and linux["verdict"] == "gpu"
    windows = plan_document(capsys, "--os wsl2 --driver 572.16 --gpu 'RTX 3080' --python 3.11")
    assert "wsl-linux-driver-installed" not in [f["id"] for f in windows["findings"]]


def test_poetry_finding_no_windows_file_of_the_gcs_filesystem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow-io-gcs-filesystem has no Windows wheel since 0.32.0: Poetry's missing
    candidate for it is that package, pinned below 0.32; not the project's Python range."""
    log = log_of("p02-poetry-gcs-filesystem-windows")
    document = run(tmp_path, capsys, log, "--os", "windows", "--python", "3.11")
    gcs = next(f for f in document["findings"] if f["id"] == "tensorflow-not-installed")
    assert gcs["severity"] == "error" and "tensorflow-io-gcs-filesystem<0.32" in gcs["fix"]
    assert "python-unsupported" not in [f["id"] for f in document["findings"]]


def test_a_layers_first_call_building_its_weights(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Keras says the layer's call raised it, but the tensor that did not fit is [200000,
    100000] beside inputs of batch 32: the kernel its first call builds, where a smaller batch
    does not help."""
    first = run(tmp_path, capsys, log_of("o01-dense-first-call-kernel"), "--os", "linux")
    first = first["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "a smaller batch does not help" in first["fix"]
