"""The doctor on review 99's cases (tests/fixtures/review99/README.md says where each log comes
from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review99", name)


@pytest.mark.parametrize(
    ("name", "flags", "severity", "title"),
    [
        ("tftext-39", ("--tf", "2.0.0b1"), "warning", "tensorflow-text 1.0.0b0 beside tensorflow"),
        ("modern-addon-pipcheck", (), "warning", "tensorflow-text 2.15.0 beside tensorflow 2.16.1"),
        ("kerascv-460", (), "error", "keras_cv imports tensorflow.keras.__internal__.layers"),
        ("tfdf-238", ("--os", "linux", "--arch", "aarch64"), "error", "own native library"),
    ],
)
def test_a_tensorflow_add_on_of_another_release_or_platform(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    severity: str,
    title: str,
) -> None:
    """pip's conflict line for an add-on (old and new wording), an add-on's code importing a
    TensorFlow module this TensorFlow lacks, an add-on's own native library absent: each names
    the add-on, not a GPU library or a Python."""
    first = run(tmp_path, capsys, log_of(name), *flags)["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and first["severity"] == severity
    assert title in first["title"]


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("tftext-225", ("--os", "windows", "--tf", "2.1.0", "--python", "3.6")),
        ("tftext-430", ("--os", "windows", "--python", "3.7")),
    ],
)
def test_an_add_on_without_windows_wheels_is_the_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    """tensorflow-text published Windows wheels only for 2.4 to 2.10: pip's empty list on
    Windows is the platform, and an older Python would not help."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported" and "2.4 to 2.10" in first["title"]
    assert "python-unsupported" not in [f["id"] for f in document["findings"]]


def test_a_library_a_later_run_opened_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first try could not load libcudnn.so.8; after the user's fix the same library opened
    and the GPU works: nothing to change in the loader path now."""
    document = run(tmp_path, capsys, log_of("c36-first-try-then-fixed"))
    assert document["gpu_used"] == "yes"
    assert "cudnn-not-found" not in [f["id"] for f in document["findings"]]


@pytest.mark.parametrize("name", ["v09-prefix-then-rhel-prompt", "v04-prefix-then-nohup"])
def test_a_hiding_prefix_ends_at_the_next_command_in_any_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """RHEL's '[me@node ~]$' prompt and a bare 'nohup python ...' start the next run: its
    failure is the question, not the hidden export before it."""
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "no" and document["findings"][0]["severity"] == "error"


def test_cuda_visible_devices_in_a_comment_or_a_help_string_sets_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("v02-trailing-comment-help-text"), "--os", "linux")
    assert "cuda-visible-devices-hides-gpus" not in [f["id"] for f in document["findings"]]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("d01-docker-host-tcp-localhost-desktop", "Docker Desktop"),
        ("d03-dnf-refused-then-installed-trimmed", "not installed or not configured on the host"),
        ("d04-apt-no-installation-candidate", "repository is not set up"),
        ("d05-zypper-no-provider", "repository is not set up"),
    ],
)
def test_the_engine_and_the_toolkits_package_in_more_wordings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, title: str
) -> None:
    """DOCKER_HOST on the local loopback is Docker Desktop's own daemon, not a remote engine;
    dnf's 'Installed:' summary naming the toolkit supersedes its refusal; apt's 'has no
    installation candidate' and zypper's 'No provider of' are the repository missing."""
    first = run(tmp_path, capsys, log_of(name))["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and title in first["title"]


def test_a_wsl_session_that_exited_leaves_the_run_on_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'exit' back to a Windows prompt ends the WSL session: the native Windows run after it is
    Windows', where 2.11 and newer have no GPU."""
    first = run(tmp_path, capsys, log_of("w01-wsl-exited-back-to-windows"))["findings"][0]
    assert first["id"] == "windows-native-gpu-unsupported"


def test_pips_uninstall_transcript_is_no_second_installation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Successfully uninstalled tensorflow-cpu-2.10.1' removed it: no two distributions."""
    log = log_of("e05-setup-pasted-after-run")
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.10")
    assert "multiple-tensorflow-distributions" not in [f["id"] for f in document["findings"]]
    assert document["findings"][0]["id"] == "gpu-out-of-memory"


@pytest.mark.parametrize(
    ("name", "flags", "expected"),
    [
        ("h03-pinned-small-after-pip-killed", ("--os", "linux", "--tf", "2.6"), "CUDA could not"),
        (
            "h01b-pinned-growth-commented-out-host-only",
            ("--os", "linux", "--tf", "1.13"),
            "CUDA could not",
        ),
        ("v02-dense-kernel-rows-equal-batch", ("--os", "linux"), "Run nvidia-smi"),
        ("v03-dropout-mask-is-activations", ("--os", "linux"), "Reduce the batch size"),
    ],
)
def test_out_of_memory_read_by_what_ran(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    expected: str,
) -> None:
    """A 'Killed' on pip's download that the next install redid, and memory growth in a comment,
    say nothing of the training's small pinned buffer (growth first); a first call's random
    tensor of another shape than its inputs is a weight, one of their shape a dropout mask."""
    first = run(tmp_path, capsys, log_of(name), *flags)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["fix"].startswith(expected)


def test_no_kernel_module_either_is_the_whole_driver_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'kernel reported version is: NOT_FOUND' beside libcuda's: no part of the driver is
    there (not 'the kernel driver runs'); lspci's 'NVIDIA Corporation Device 2684' shows the GPU."""
    document = run(
        tmp_path, capsys, log_of("c03-lspci-device-id-no-name-should-fire"), "--os", "linux"
    )
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-driver" and "kernel module" in first["title"]
    assert first["fix"].startswith("Install the NVIDIA driver for this GPU")


def test_poetrys_hints_are_met_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two packages' range hints: the fix names the range both allow."""
    first = run(tmp_path, capsys, log_of("b03-poetry-two-hints-last-wider"))["findings"][0]
    assert "python = '>=3.9,<3.12'" in first["fix"]


@pytest.mark.parametrize(
    "name",
    [
        "e01-deactivate-to-base-cpu",
        "e02-conda-run-other-env-cpu",
        "e03-prompt-prefix-only-change",
        "e04-cmd-scripts-activate-no-slash",
    ],
)
def test_the_last_environment_begins_at_any_switch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """conda deactivate, conda run -n, a prompt naming another environment, cmd's
    '>Scripts\\\\activate': each begins another environment, whose CPU-only build is the answer."""
    first = run(tmp_path, capsys, log_of(name), "--os", "linux")["findings"][0]
    assert first["id"] == "cpu-only-tensorflow" and first["severity"] == "error"


def test_an_import_failure_the_user_mended_by_activating_is_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The run in base could not import TensorFlow; after 'conda activate tf213' the GPU is
    listed: the other Python is worth a note, not a warning to act on."""
    document = run(tmp_path, capsys, log_of("b17-conda-activate"))
    assert document["gpu_used"] == "yes" and document["exit"] == 0
    other = next(f for f in document["findings"] if f["id"] == "wrong-python-environment")
    assert other["severity"] == "info"


def test_wsl_2_without_its_library_folder_is_the_windows_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'ls: cannot access /usr/lib/wsl/lib/' under WSL 2: no wheel provides libcuda there."""
    first = run(tmp_path, capsys, log_of("c31-wsl"), "--os", "wsl2")["findings"][0]
    assert first["id"] == "wsl-libcuda-missing" and "/usr/lib/wsl/lib" in first["title"]


def test_a_linux_driver_installed_inside_wsl_2_leads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'sudo apt install nvidia-driver-535' inside WSL 2: those packages are what to remove."""
    first = run(tmp_path, capsys, log_of("c32-wsl"))["findings"][0]
    assert first["id"] == "wsl-linux-driver-installed" and first["fix"].startswith("Remove")


def test_an_ides_interpreter_is_not_mended_by_the_terminals_activation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """VS Code ran its own interpreter by path: activating a venv in the terminal does not
    change that setting, so the other Python stays a warning, not a note."""
    log = log_of("e09-vscode-runs-full-path-python")
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.10")
    other = next(f for f in document["findings"] if f["id"] == "wrong-python-environment")
    assert other["severity"] == "warning"
