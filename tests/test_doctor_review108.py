"""The doctor on review 108's cases (tests/fixtures/review108/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review108", name)


def test_wheels_installed_with_the_extra_and_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The paste installs tensorflow[and-cuda] (Poetry here), then TensorFlow cannot dlopen its
    GPU libraries: the wheels are there, the loader does not find them."""
    flags = ("--os", "linux", "--tf", "2.18", "--python", "3.12")
    document = run(tmp_path, capsys, log_of("poetry-and-cuda-cannot-dlopen"), *flags)
    assert errors(document)[:1] == ["pip-cuda-libs-not-on-path"]
    assert "LD_LIBRARY_PATH" in document["findings"][0]["fix"]


def test_the_extra_installed_for_a_release_without_it_is_not_read_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before 2.14 there is no [and-cuda] extra: nothing came with the install."""
    flags = ("--os", "linux", "--tf", "2.12")
    document = run(tmp_path, capsys, log_of("poetry-and-cuda-cannot-dlopen"), *flags)
    assert "pip-cuda-libs-not-on-path" not in errors(document)[:1]


@pytest.mark.parametrize(
    ("name", "flags", "first"),
    [
        # uname shows an Intel Mac: the Python, not the chip
        ("intel-mac-uname-pinned", ("--os", "macos", "--python", "3.8"), "python-unsupported"),
        # conda shows osx-arm64: 2.4.0 has no wheel for Apple silicon at all
        ("conda-osx-arm64-pinned", ("--os", "macos", "--python", "3.9"), "platform-unsupported"),
    ],
)
def test_the_chip_a_mac_paste_shows_decides_its_wheels(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first: str,
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert errors(document)[:1] == [first]


def test_a_device_list_cut_off_says_nothing_of_the_gpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("device-list-cut-off"), "--os", "linux")
    assert document["gpu_used"] != "no"


def test_a_projects_own_op_is_rebuilt_not_reinstalled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("project-op-undefined-tf-symbol"), "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert "tf_sampling_so.so" in first["title"] and "get_compile_flags" in first["fix"]


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("libdevice-then-xla-flags", ("--os", "linux")),
        ("windows-copy-cudnn-then-gpu", ("--os", "windows", "--tf", "2.10")),
    ],
)
def test_a_failure_mended_by_a_typed_change_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    """XLA_FLAGS exported, a DLL copied in cmd: the run after works, so nothing is wrong."""
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert document["gpu_used"] == "yes"
    assert errors(document) == []
    assert [f["severity"] for f in document["findings"]] in ([], ["info"])


def test_windows_chinese_page_file_text_survives_the_full_width_comma(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows' zh-CN text of error 1455 carries a full-width comma, which the paste's clean-up
    turns into an ASCII one before the signatures read it."""
    log = (
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal:"
        " 页面文件太小，无法完成操作。\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert errors(document)[:1] == ["windows-page-file-too-small"]


def test_the_version_the_runs_python_printed_is_the_release_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tf.__version__ in the paste measured the TensorFlow that ran: 2.13 on native Windows."""
    flags = ("--os", "windows", "--tf", "2.10")
    document = run(tmp_path, capsys, log_of("windows-printed-213-stated-210"), *flags)
    assert errors(document)[:1] == ["windows-native-gpu-unsupported"]
    assert "as stated" in " ".join(document["findings"][0]["evidence"])


def test_pips_answer_alone_does_not_overrule_the_stated_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip show may be another environment's pip (review 109: conda's base): the stated
    release stands."""
    flags = ("--os", "linux", "--tf", "2.10")
    document = run(tmp_path, capsys, log_of("pip-show-2161-stated-210"), *flags)
    evidence = " ".join(e for f in document["findings"] for e in f["evidence"])
    assert "not 2.10 as stated" not in evidence


@pytest.mark.parametrize(
    ("name", "stated", "first"),
    [
        ("wsl2-kernel-stated-linux", "linux", "wsl-libcuda-missing"),
        ("wsl2-kernel-stated-linux", "windows", "wsl-libcuda-missing"),
        ("native-kernel-stated-wsl2", "wsl2", "no-nvidia-driver"),
    ],
)
def test_the_kernel_the_log_shows_decides_wsl_or_native_linux(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stated: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", stated)
    assert errors(document)[:1] == [first]
