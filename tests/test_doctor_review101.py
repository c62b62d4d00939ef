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
    cuda = next(f for f in document["findings"] if f["id"] == "macos-no-cuda")
    assert cuda["severity"] == "info"


def test_the_same_scripts_empty_answer_in_a_later_run_is_the_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bare '[]' where the same script printed the GPU list before, after another
    interpreter's command: the GPU is not in use there."""
    document = run(tmp_path, capsys, log_of("conda-prompt-then-vscode-base"), "--os", "windows")
    assert document["gpu_used"] != "yes"
    assert ids(document)[0] == "windows-native-gpu-unsupported"
