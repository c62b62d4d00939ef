"""The doctor on review 119's cases (tests/fixtures/review119/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review119", name)


def test_display_controllers_listed_with_a_lowercase_grep_show_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("vm-display-listing-lowercase-grep"))
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-gpu" and first["severity"] == "error"
    assert "listed no NVIDIA device" in " ".join(first["evidence"])


def test_wsls_basic_render_driver_is_no_evidence_of_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-lspci-basic-render-driver"))
    assert errors(document)[:1] == ["cudnn-not-found"]
    assert "no-nvidia-gpu" not in errors(document)


def test_a_pip_list_ending_in_output_trimmed_is_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("pip-list-output-trimmed"))
    assert not any("nvidia-cusparse-cu12" in f["title"] for f in document["findings"])


def test_nvidia_smi_off_the_windows_path_beside_no_device_is_no_machine_without_a_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("windows-nvidia-smi-not-on-path"), "--os", "windows")
    assert ids(document)[0] != "no-nvidia-gpu"


def test_a_plain_run_of_a_gpu_image_that_finds_no_driver_library_was_given_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("gpu-image-run-without-gpus"))
    first = document["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and first["severity"] == "error"
    assert "pip install" not in first["fix"]
    # where the container shows the host's kernel without the module, the host lacks a driver
    host = run(tmp_path, capsys, log_of("gpu-image-run-on-a-host-without-driver"))
    assert ids(host)[0] != "container-gpu-not-exposed"


def test_nvrm_refusing_the_gpu_is_the_driver_not_a_machine_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("nvrm-refuses-a-newer-gpu")
    assert errors(run(tmp_path, capsys, log))[:1] == ["no-nvidia-driver"]
    stated = run(
        tmp_path, capsys, log, "--gpu", "NVIDIA GeForce RTX 4090", "--driver", "470.199.02"
    )
    assert errors(stated) == ["driver-too-old"]
    # nvidia-smi's empty answer alone, beside a stated GPU its driver predates
    alone = log.split("$ sudo dmesg", 1)[0]
    alone_stated = run(
        tmp_path, capsys, alone, "--gpu", "NVIDIA GeForce RTX 4090", "--driver", "470.199.02"
    )
    assert errors(alone_stated)[:1] == ["driver-too-old"]
    assert "no-nvidia-gpu" not in errors(alone_stated)


def test_forward_compatibility_refused_by_a_geforce_on_an_old_host_driver_is_the_drivers_age(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("forward-compat-on-geforce-with-an-old-host-driver")
    document = run(tmp_path, capsys, log, "--container")
    first = document["findings"][0]
    assert first["id"] == "driver-too-old" and first["severity"] == "error"
    # judged for the release the image tag names
    assert "2.15" in first["title"]


@pytest.mark.parametrize(
    ("name", "backend"),
    [("keras-backend-jax-echoed", "jax"), ("keras-backend-torch-inline", "torch")],
)
def test_a_keras_backend_the_paste_sets_or_shows_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, backend: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    first = document["findings"][0]
    assert first["id"] == "keras-backend-not-tensorflow"
    assert f"KERAS_BACKEND={backend}" in first["title"]
    # a backend stated on the command line outranks the paste's
    stated = run(tmp_path, capsys, log_of(name), "--os", "linux", "--env", "KERAS_BACKEND=")
    assert "keras-backend-not-tensorflow" not in ids(stated)


def test_pip_in_an_alpine_container_is_musl_not_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("pip-in-an-alpine-container"))
    first = document["findings"][0]
    assert first["id"] == "glibc-too-old" and "musl" in first["title"]


def test_wheres_answer_names_the_cudnn_major_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("windows-where-finds-cudnn-8-for-tf-1-15")
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "1.15")
    assert errors(document)[:1] == ["cudnn-version-mismatch"]
    # without the answer, nothing shows another cuDNN: it is missing
    alone = log.split("C:\\>where", 1)[0]
    assert ids(run(tmp_path, capsys, alone, "--os", "windows", "--tf", "1.15"))[0] == (
        "cudnn-not-found"
    )
