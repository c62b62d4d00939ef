"""The doctor on review 110's cases (tests/fixtures/review110/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review110", name)


def test_a_version_compared_in_a_tracebacks_code_is_no_printed_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'if tf.__version__ < "2.16.0"' is code the traceback echoes: 2.10 stays the release."""
    flags = ("--os", "windows", "--tf", "2.10")
    document = run(tmp_path, capsys, log_of("traceback-compares-version"), *flags)
    assert "windows-native-gpu-unsupported" not in ids(document)
    assert not any("2.16.0" in e for f in document["findings"] for e in f["evidence"])


@pytest.mark.parametrize(
    ("name", "stated", "first"),
    [
        ("proc-version-wsl", "linux", "wsl-libcuda-missing"),
        ("version-signature-native", "wsl2", "no-nvidia-driver"),
    ],
)
def test_the_kernel_proc_names_outranks_the_stated_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, stated: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", stated, "--tf", "2.12")
    assert errors(document)[:1] == [first]


def test_homebrew_missing_on_an_intel_mac_is_no_apple_silicon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("intel-mac-homebrew-missing"), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "python-unsupported" and "Apple silicon" not in first["title"]


def test_no_avx_on_a_mac_of_macos_11_names_rosetta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("conda-osx-64-no-avx"), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "cpu-lacks-avx" and "Rosetta" in first["title"]
    assert "arm64 Python" in first["fix"]


def test_a_mac_wheel_for_the_python_shown_is_refused_for_its_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("arm64-wheel-refused-own-python"), "--os", "macos")
    first = document["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "arm64" in first["title"] and "12.0" in first["title"]
    assert not any("refuses ensorflow" in f["title"] for f in document["findings"])


@pytest.mark.parametrize(
    ("name", "tf", "addon"),
    [
        ("sentencepiece-in-tf-gpu-env", "1.13", "tf_sentencepiece"),
        ("addons-in-tf-env", "2.1", "tensorflow_addons"),
    ],
)
def test_the_add_on_is_named_by_its_package_not_its_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, tf: str, addon: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux", "--tf", tf)
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and first["title"].startswith(addon)


def test_tensorflows_own_library_in_an_environment_named_like_an_add_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.8")
    document = run(tmp_path, capsys, log_of("tf-own-library-in-tensorflow-gpu-env"), *flags)
    assert "addon-tensorflow-mismatch" not in ids(document)


def test_a_tensorflow_programs_loader_missing_the_cuda_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("deepspeech-client-libcudart"))
    assert {"cuda-version-mismatch", "cuda-libs-not-found"} & set(ids(document)[:1])


def test_a_community_wheel_installed_where_pypi_has_none_fails_on_its_glibc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--python", "3.7", "--arch", "armv7l", "--glibc", "2.28")
    document = run(tmp_path, capsys, log_of("pi-community-wheel-glibc"), *flags)
    assert errors(document) == ["glibc-too-old"]
    assert "platform-unsupported" in ids(document)


def test_the_tensorflow_gpu_stubs_version_is_the_release_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--python", "3.10")
    document = run(tmp_path, capsys, log_of("tensorflow-gpu-stub-on-windows"), *flags)
    assert ids(document)[:1] == ["windows-native-gpu-unsupported"]


def test_an_allocator_retry_wrapped_by_the_paste_is_still_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/VisualComputingInstitute/TrackR-CNN/issues/86, its one line wrapped
    log = (
        "2020-09-02 21:58:58.883299: W tensorflow/core/common_runtime/bfc_allocator.cc:211]"
        " Allocator (GPU_0_bfc) ran out of memory trying to allocate 2.25GiB. The caller\n"
        "indicates that this is not a failure, but may mean that there could be performance"
        " gains if more memory were available.\n"
    )
    document = run(tmp_path, capsys, log, "--gpu", "GeForce GTX 1080 Titan")
    assert ids(document)[:1] == ["benign-log-noise"] and errors(document) == []


def test_a_notebooks_tensor_flow_version_print_is_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("tensor-flow-version-printed"), "--os", "windows")
    first = document["findings"][0]
    assert first["id"] == "windows-native-gpu-unsupported" and first["severity"] == "error"
    assert not first["title"].startswith("If ")


def test_a_gpu_server_that_never_started_is_not_said_to_run_on_the_cpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/serving/issues/660, its loader line with nothing stated
    log = (
        "tensorflow_model_server: error while loading shared libraries: libcuda.so.1: cannot"
        " open shared object file: No such file or directory\n"
    )
    document = run(tmp_path, capsys, log)
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-gpu" and "runs on the CPU" not in first["title"]
    assert "CPU build" in first["fix"]


def test_tsls_tree_inside_tensorflow_dates_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow/tsl/cuda/ is 2.12 to 2.14's (tensorflow#61689, 2.13): on native Windows no GPU."""
    log = (
        "2023-08-25 11:11:47.521702: I tensorflow/tsl/cuda/cudart_stub.cc:28] Could not find"
        " cuda drivers on your machine, GPU will not be used.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    first = document["findings"][0]
    assert first["id"] == "windows-native-gpu-unsupported" and first["severity"] == "error"


@pytest.mark.parametrize(
    ("name", "flags", "first"),
    [
        ("wrapped80-oom-memory-cut", (), "gpu-out-of-memory"),
        ("wrapped88-docker-gpu-capability", ("--os", "linux"), "container-gpu-not-exposed"),
        ("wrapped88-ignoring-device", ("--container",), "compute-capability-unsupported"),
        ("wrapped96-ignoring-device", ("--os", "linux"), "compute-capability-unsupported"),
        ("wrapped88-dso-loader-line", ("--os", "linux"), "cuda-version-mismatch"),
    ],
)
def test_a_log_cut_at_a_consoles_width_reads_as_printed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    first: str,
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert ids(document)[:1] == [first]
