"""A Jupyter notebook passed as the log (doctor --log run.ipynb): what its cells printed is read
as printed, not as the JSON strings the file keeps it in; its code is not output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from doctor_support import doctor

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
    # as Jupyter writes it: one string a line, keys sorted (a cell's outputs before its source)
    return json.dumps(document, indent=1, sort_keys=True)


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


def test_a_cells_code_is_not_what_it_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a line commented out (or a cell never run) hides no GPU; the output shows GPU:0
    code = '# os.environ["CUDA_VISIBLE_DEVICES"] = "-1"\nprint(tf.config.list_physical_devices())'
    listed = "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]"
    found = doctor(tmp_path, capsys, _notebook(_stream("stdout", listed), source=code))
    assert not [f for f in found["findings"] if f["id"] == "cuda-visible-devices-hides-gpus"]


def test_a_log_pasted_beside_a_notebooks_json_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = {
        "data": {"text/plain": ["[]"]},
        "execution_count": 3,
        "metadata": {},
        "output_type": "execute_result",
    }
    fragment = json.dumps(result, indent=1)
    log = CUDNN_MISSING + "\n" + fragment + "\n"
    assert CUDNN_MISSING in as_printed(log).splitlines()
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "cudnn-not-found"


def test_a_log_quoting_one_json_line_is_no_notebook() -> None:
    text = '"output_type": "stream"\n' + json.dumps(CUDNN_MISSING + "\n") + ",\n"
    assert as_printed(text) == text
