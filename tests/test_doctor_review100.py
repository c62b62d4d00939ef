"""The doctor on review 100's cases (tests/fixtures/review100/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review100", name)


def ids(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"]]


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


def test_the_driver_failing_under_jaxlib_is_the_machines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cuInit failing in jaxlib's copy of TensorFlow's code is the driver every program on the
    machine meets: not set aside as JAX's, and JAX's own reinstall is not the fix."""
    document = run(tmp_path, capsys, log_of("alphafold-nondocker-13"), "--os", "linux")
    assert errors(document) == ["no-nvidia-driver"]
    assert "jaxlib's, not TensorFlow's" not in document["verdict"]


def test_a_container_without_the_driver_under_jaxlib_is_the_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path,
        capsys,
        log_of("composed-alphafold-singularity-no-nv"),
        "--os",
        "linux",
        "--container",
    )
    assert ids(document)[0] == "container-gpu-not-exposed"


def test_xla_compiling_ptx_on_windows_is_a_cuda_build_not_a_newer_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XLA hands PTX to the driver only in a CUDA build: on native Windows, not 2.11 or newer."""
    flags = ("--os", "windows", "--cuda-toolkit", "11.2", "--cudnn", "8.1")
    document = run(tmp_path, capsys, log_of("tfjs-8505"), *flags)
    assert ids(document) == ["xla-toolchain-missing"]


@pytest.mark.parametrize(
    ("name", "flags", "first"),
    [
        ("prefix-then-rhel-run", ("--os", "linux"), "cuda-libs-not-found"),
        ("export-exit-powershell", (), "cudnn-not-found"),
        ("help-text-hiding", ("--os", "linux"), "cuda-libs-not-found"),
    ],
)
def test_a_hiding_setting_that_never_reached_the_failing_run_is_not_its_cause(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first: str,
) -> None:
    """A prefix holds for its own command, an export until its shell exits, and a --help row
    sets nothing: the later run's own failure is the cause."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["findings"][0]["id"] == first
    hiding = [f for f in document["findings"] if f["id"] == "cuda-visible-devices-hides-gpus"]
    assert all(f["severity"] == "info" for f in hiding)


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("prefix-zsh-then-gpu", ("--os", "linux")),
        ("pytest-hidden-then-train", ("--os", "linux", "--tf", "2.15")),
    ],
)
def test_a_cpu_only_command_before_the_gpu_run_is_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "yes"
    assert all(f["severity"] == "info" for f in document["findings"])


def test_an_uninstalled_tensorflow_is_not_kept_by_another_distributions_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("uninstalled-then-cpu"), "--os", "linux")
    assert ids(document)[0] == "cpu-only-tensorflow"
    assert "multiple-tensorflow-distributions" not in ids(document)


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("cudnn-wheel-then-listed", ("--os", "linux", "--tf", "2.11")),
        ("login-node-then-srun", ("--os", "linux", "--tf", "2.15")),
    ],
)
def test_a_failure_the_paste_then_mends_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    """A change typed (a wheel installed and put on the path, a job sent to a GPU node), then a
    run that lists the GPU: the first run's failure is not the answer."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "yes"
    assert [f for f in document["findings"] if f["severity"] != "info"] == []


@pytest.mark.parametrize(
    ("name", "flags", "refuted"),
    [
        ("linux-ls-wsl-lib", ("--os", "linux"), "wsl-libcuda-missing"),
        ("wsl-apt-driver-refused", (), "wsl-linux-driver-installed"),
        ("wsl-modprobe", (), "wsl-libcuda-missing"),
    ],
)
def test_the_shells_driver_lines_yield_to_nvidia_smi_listing_the_gpu(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    refuted: str,
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert ids(document)[0] == "cudnn-not-found"
    assert refuted not in errors(document)


def test_wsl_without_its_driver_folder_and_no_gpu_listed_is_the_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-no-lib-folder"))
    assert errors(document)[0] == "wsl-libcuda-missing"


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("manylinux-old-glibc", ("--os", "linux", "--python", "3.10", "--glibc", "2.12")),
        ("no-version-old-glibc", ("--os", "linux", "--python", "3.9", "--glibc", "2.12")),
    ],
)
def test_a_stated_glibc_older_than_the_wheels_is_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert errors(document) == ["glibc-too-old"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("conda-run-other-env-labelled", "cpu-only-tensorflow"),
        ("pycharm-full-path-last", "wrong-python-environment"),
    ],
)
def test_the_pastes_last_run_decides_whether_the_gpu_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    """A script's labelled empty list ('GPUs: []') in another environment, and an IDE's run by
    its interpreter's full path, are later runs: the earlier GPU is not their answer."""
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert document["findings"][0]["id"] == first
    assert document["findings"][0]["severity"] == "error"


@pytest.mark.parametrize("name", ["tfdf-reinstalled-then-works", "text-conflict-then-pinned"])
def test_an_add_on_mended_in_the_paste_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert document["gpu_used"] == "yes"
    assert "addon-tensorflow-mismatch" not in ids(document)


def test_onednns_int64_note_is_named_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("kerashub-2161"))
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("benign-log-noise", "info")
    assert "AVX-512" in first["title"]


def test_pip_1s_words_for_no_wheel_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("pi-old-pip-no-downloads"), "--python", "3.4")
    assert errors(document) == ["python-unsupported"]


def test_and_cuda_beside_another_frameworks_cudnn_pin_names_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, log_of("and-cuda-beside-torch"), "--os", "linux")["findings"][0]
    assert (first["id"], first["severity"]) == ("cudnn-version-mismatch", "error")
    assert "torch 2.1.0" in first["title"] and "8.9.2.26" in first["title"]
    assert "own environment" in first["fix"]


def test_a_wsl_session_that_exited_leaves_the_windows_run_native(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """WSL's /mnt/c/Users/ prompt belongs to the session the paste left: the run after it, at
    PowerShell's prompt, is native Windows."""
    document = run(tmp_path, capsys, log_of("wsl-mnt-prompt-exit-windows"))
    assert errors(document) == ["windows-native-gpu-unsupported"]
