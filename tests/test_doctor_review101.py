"""The doctor on review 101's cases (tests/fixtures/review101/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review101", name)


def ids(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"]]


def test_a_metal_plug_in_missing_its_tensorflow_library_is_the_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """libmetal_plugin linking a TensorFlow library this release lacks: the plug-in and
    TensorFlow do not pair; macOS's lack of CUDA is beside the point there."""
    flags = ("--os", "macos", "--tf", "2.20.0", "--python", "3.10")
    document = run(tmp_path, capsys, log_of("metal-tf220-library-not-loaded"), *flags)
    assert ids(document)[0] == "addon-tensorflow-mismatch"
    assert "macos-no-cuda" not in ids(document)


def test_the_same_scripts_empty_answer_in_a_later_run_is_the_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bare '[]' where the same script printed the GPU list before, after another
    interpreter's command: the GPU is not in use there."""
    document = run(tmp_path, capsys, log_of("conda-prompt-then-vscode-base"), "--os", "windows")
    assert document["gpu_used"] != "yes"
    assert ids(document)[0] == "windows-native-gpu-unsupported"


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("wsl-then-powershell", "windows-native-gpu-unsupported"),
        ("conda-b-cpu-build", "cpu-only-tensorflow"),
    ],
)
def test_the_last_run_is_judged_without_the_earlier_runs_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    """A run in another shell or environment after one that used the GPU: its own cause,
    not the earlier run's CUDA build or GPU."""
    document = run(tmp_path, capsys, log_of(name))
    assert document["gpu_used"] == "no"
    assert errors(document)[0] == first


def test_the_shells_driver_lines_do_not_hide_tensorflows_own_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-modprobe-smi-libs"), "--os", "wsl2")
    assert errors(document) == ["cuda-libs-not-found"]


def test_a_help_row_rejoined_with_its_neighbours_still_sets_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.13", "--gpu", "NVIDIA GeForce RTX 3090")
    document = run(tmp_path, capsys, log_of("help-row-wrapped-driver-missing"), *flags)
    assert errors(document) == ["no-nvidia-driver"]


def test_a_wheel_file_refused_under_an_old_glibc_needs_no_python_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("wheel-file-old-glibc"), "--os", "linux", "--glibc", "2.12"
    )
    assert errors(document) == ["glibc-too-old"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("powershell-env-removed", "cudnn-not-found"),
        ("cmd-set-cleared", "cuda-libs-not-found"),
        ("srun-export-hidden-eval", "cudnn-not-found"),
    ],
)
def test_hiding_removed_or_scoped_to_a_launcher_is_not_the_later_runs_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert errors(document)[0] == first
    assert "cuda-visible-devices-hides-gpus" not in errors(document)


def test_a_launchers_hiding_on_the_failing_run_is_its_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("docker-e-covers"), "--os", "linux")
    assert errors(document)[0] == "cuda-visible-devices-hides-gpus"


@pytest.mark.parametrize(
    "log",
    [
        review_log("review100", "dnn-init-failed-memory-free"),
        review_log("review101", "cudnn-handle-memory-free-conv-failed"),
    ],
)
def test_a_handle_failure_with_the_memory_free_is_work_that_failed_not_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.13")
    first = document["findings"][0]
    assert first["severity"] == "warning" and "not memory" in first["title"]
    assert "work on it failed" in document["verdict"]


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("tf73487-delay-kernel", ("--tf", "2.17")),
        ("feedstock417-buggy-algorithm", ("--driver", "550.144", "--tf", "2.18")),
    ],
)
def test_xlas_autotuner_at_work_shows_the_gpu_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "yes"
    assert errors(document) == []


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("slurm-login-then-srun-cudnn", "cudnn-not-found"),
        ("fix-libdevice-then-ptx", "ptxas-newer-than-driver"),
    ],
)
def test_after_a_change_the_later_runs_failure_is_the_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert errors(document) == [first]


@pytest.mark.parametrize(
    ("name", "flags", "cause"),
    [
        (
            "uv9840-uv-add-windows",
            ("--os", "windows", "--python", "3.9"),
            "tensorflow-not-installed",
        ),
        ("poetry-gcs-python313", ("--os", "linux", "--python", "3.13"), "python-unsupported"),
    ],
)
def test_a_dependency_without_a_file_here_stops_the_install_and_names_both_gaps(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    cause: str,
) -> None:
    """tensorflow-io-gcs-filesystem has no Windows wheel since 0.32 and none for Python 3.13:
    the fix says both, and a Python newer than its wheels is named as the cause."""
    first = run(tmp_path, capsys, log_of(name), *flags)["findings"][0]
    assert (first["id"], first["severity"]) == (cause, "error")
    assert "<0.32" in first["fix"] and "Python 3.12 or older" in first["fix"]
