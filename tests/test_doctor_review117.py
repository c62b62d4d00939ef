"""The doctor on review 117's cases (tests/fixtures/review117/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review117", name)


def test_cudnns_start_up_status_quoted_in_a_sentence_reads_as_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cudnn-status-quoted-in-prose"))
    first = document["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["severity"] == "warning"
    # PyTorch's own wording of the status stays unread
    torch = "RuntimeError: cuDNN error: CUDNN_STATUS_INTERNAL_ERROR\n"
    assert "gpu-out-of-memory" not in ids(run(tmp_path, capsys, torch))


def test_a_pip_list_without_the_pinned_cudnn_wheel_names_the_wheel_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("pip-list-without-the-cudnn-wheel")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.17")
    first = document["findings"][0]
    assert first["id"] == "cudnn-not-found" and first["severity"] == "error"
    assert "pip install 'nvidia-cudnn-cu12==" in first["fix"]
    # with the wheel listed, the loader not finding the wheels stays the reading
    listed = log.replace(
        "nvidia-cufft-cu12", "nvidia-cudnn-cu12            8.9.7.29\nnvidia-cufft-cu12", 1
    )
    assert ids(run(tmp_path, capsys, listed, "--os", "linux", "--tf", "2.17"))[0] == (
        "pip-cuda-libs-not-on-path"
    )


def test_an_empty_pci_listing_beside_the_runtime_stub_is_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("empty-lspci-beside-the-runtime-stub"), "--tf", "2.15")
    assert ids(document)[0] == "no-nvidia-gpu"
    assert errors(document) == ["no-nvidia-gpu"]
