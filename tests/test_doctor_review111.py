"""The doctor on review 111's cases (tests/fixtures/review111/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review111", name)


@pytest.mark.parametrize(
    "name",
    [
        "rosetta-apple-brand-uname-x86",
        "rosetta-arch-i386",
        "rosetta-mkl-intel-warning",
        "rosetta-macos-13-platform",
    ],
)
def test_an_x86_process_without_avx_on_a_mac_of_apple_silicon_names_rosetta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "cpu-lacks-avx" and "Rosetta" in first["title"]
    assert "platform-unsupported" not in ids(document)


@pytest.mark.parametrize("name", ["intel-mac-macos-10", "hackintosh-amd"])
def test_a_mac_shown_to_be_no_apple_silicon_keeps_the_cpus_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "cpu-lacks-avx" and "Rosetta" not in first["title"]


@pytest.mark.parametrize(
    ("name", "stated"),
    [("tf-version-logged", "2.10"), ("numpy-version-after-tf-command", "2.13")],
)
def test_the_version_a_script_logs_is_read_and_another_packages_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stated: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "windows", "--tf", stated)
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]
    assert not any("1.24.3" in e for f in document["findings"] for e in f["evidence"])


def test_an_add_on_installed_with_target_is_named_by_its_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, log_of("addon-installed-with-target"))["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert first["title"].startswith("tensorflow_text")


def test_tensorflow_installed_with_target_is_no_add_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("tf-installed-with-target"))
    assert "addon-tensorflow-mismatch" not in ids(document)


def test_tf_contribs_files_date_the_release_before_2_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 1.x release on native Windows had GPU builds: no 'no GPU from 2.11' guess."""
    document = run(tmp_path, capsys, log_of("contrib-op-on-windows"), "--os", "windows")
    assert "windows-native-gpu-unsupported" not in ids(document)


def test_a_half_removed_install_does_not_show_a_build_was_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--python", "3.12", "--tf", "2.10")
    document = run(tmp_path, capsys, log_of("half-removed-install"), *flags)
    first = document["findings"][0]
    assert first["id"] == "python-unsupported" and first["severity"] != "info"


def test_a_mac_wheel_refused_by_an_old_pip_shown_says_to_upgrade_pip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "macos", "--python", "3.9")
    first = run(tmp_path, capsys, log_of("mac-wheel-old-pip-shown"), *flags)["findings"][0]
    assert first["id"] == "python-unsupported" and "pip" in first["fix"]
    assert "macOS update" not in first["fix"]


def test_a_word_wrapped_allocator_retry_is_still_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("allocator-retry-word-wrapped"))
    assert ids(document)[:1] == ["benign-log-noise"] and errors(document) == []


@pytest.mark.parametrize(
    ("name", "stated", "first"),
    [
        ("kernel-over-ssh", "wsl2", "wsl-libcuda-missing"),
        ("wsl-kernel-from-powershell", "windows", "cuda-libs-not-found"),
    ],
)
def test_a_kernel_another_machine_printed_leaves_the_stated_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stated: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", stated)
    assert ids(document)[:1] == [first]


def test_another_librarys_ctypes_load_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("darknet-ctypes-after-gpu"))
    assert document["gpu_used"] == "yes"
    assert not {"cuda-libs-not-found", "cuda-version-mismatch"} & set(ids(document))
    assert errors(document) == []


def test_a_projects_own_op_under_a_folder_named_like_an_add_on_is_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run(tmp_path, capsys, log_of("project-op-in-tf-named-folder"))["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and "custom op" in first["title"]
    assert first["fix"].startswith("Rebuild the op")


def test_a_version_command_whose_errors_are_redirected_still_prints_the_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        '$ python -c "import tensorflow as tf; print(tf.__version__)" 2>/dev/null\n'
        "2.13.0\n"
        "$ python train.py\n"
        "Num GPUs Available:  0\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "2.10")
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]
