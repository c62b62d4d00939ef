"""The doctor on review 117's cases (tests/fixtures/review117/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, ids, review_log

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
