"""A Jupyter notebook passed as the log (doctor --log run.ipynb): its cells' lines and outputs
are read as printed, not as the JSON strings the file keeps them in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose.notebook_file import as_printed

CUDNN_MISSING = (
    "2021-03-01 10:00:00.000000: W tensorflow/stream_executor/platform/default/dso_loader.cc:60]"
    " Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared"
    " object file: No such file or directory"
)


def _notebook(*outputs: dict[str, object], source: str = "import tensorflow as tf") -> str:
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": source.splitlines(keepends=True),
        "outputs": list(outputs),
    }
    document = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1)  # as Jupyter writes it: one string a line


def _stream(name: str, *lines: str) -> dict[str, object]:
    return {"name": name, "output_type": "stream", "text": [f"{line}\n" for line in lines]}


def test_a_notebook_reads_as_its_cells_printed() -> None:
    error = {
        "ename": "ImportError",
        "evalue": "libcudart.so.11.0: cannot open shared object file",
        "output_type": "error",
        "traceback": ["\u001b[0;31mImportError\u001b[0m: libcudart.so.11.0: cannot open"],
    }
    text = _notebook(_stream("stderr", CUDNN_MISSING), _stream("stdout", "[]"), error)
    lines = [line for line in as_printed(text).splitlines() if line]
    assert lines == [
        "import tensorflow as tf",
        CUDNN_MISSING,
        "[]",
        "ImportError",
        "libcudart.so.11.0: cannot open shared object file",
        "\u001b[0;31mImportError\u001b[0m: libcudart.so.11.0: cannot open",
    ]


def test_the_doctor_quotes_a_notebooks_lines_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = tmp_path / "run.ipynb"
    notebook.write_text(_notebook(_stream("stderr", CUDNN_MISSING)), encoding="utf-8")
    main(["doctor", "--log", str(notebook), "--no-probe", "--json"])
    top = json.loads(capsys.readouterr().out)["findings"][0]
    assert top["id"] == "cudnn-not-found"
    assert any(e.endswith("No such file or directory") for e in top["evidence"]), top["evidence"]


def test_a_log_quoting_one_json_line_is_no_notebook() -> None:
    text = '"output_type": "stream"\n' + json.dumps(CUDNN_MISSING + "\n") + ",\n"
    assert as_printed(text) == text
