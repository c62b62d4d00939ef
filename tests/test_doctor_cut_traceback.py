"""A Windows traceback pasted without its last line, stopping while TensorFlow's native library
loads: the doctor reads it as the DLL failure such tracebacks end in, only while no exception
follows in the paste."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# tensorflow/tensorflow#36486, verbatim as the reporter pasted it (put together from its parts):
# TensorFlow 2.1.0 on Windows, fixed by installing the Visual C++ 2015-2019 redistributable.
ENV = r"D:\@Temp\@Issues\2020-02-04-tf\tf2"
SITE = ENV + r"\lib\site-packages\tensorflow_core\python"
CONDA = r"C:\Users\igor-z\AppData\Local\Continuum\anaconda3\lib"
CUT = "\n".join(
    (
        f'(tf2) {ENV}>python -c "import tensorflow as tf;'
        'print(tf.reduce_sum(tf.random.normal([1000, 1000])))"',
        "Traceback (most recent call last):",
        f'  File "{SITE}\\pywrap_tensorflow.py", line 58, in <module>',
        "    from tensorflow.python.pywrap_tensorflow_internal import *",
        f'  File "{SITE}\\pywrap_tensorflow_internal.py", line 28, in <module>',
        "    _pywrap_tensorflow_internal = swig_import_helper()",
        f'  File "{SITE}\\pywrap_tensorflow_internal.py", line 24, in swig_import_helper',
        "    _mod = imp.load_module('_pywrap_tensorflow_internal', fp, pathname, description)",
        f'  File "{CONDA}\\imp.py", line 242, in load_module',
        "    return load_dynamic(name, filename, file)",
        f'  File "{CONDA}\\imp.py", line 342, in load_dynamic',
        "    return _load(spec)",
        "",
    )
)


def _first(doc: dict) -> tuple[str, str]:
    first = doc["findings"][0]
    return first["id"], first["severity"]


def test_a_windows_traceback_cut_inside_the_native_load_reads_as_its_dll_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = doctor(tmp_path, capsys, CUT, "--os", "windows", "--tf", "2.1.0")
    assert _first(doc) == ("windows-vc-runtime-missing", "warning")
    assert "paste it down to there" in doc["findings"][0]["fix"]
    # before 2.1 the CUDA and cuDNN DLLs load at import too
    old = doctor(tmp_path, capsys, CUT, "--os", "windows", "--tf", "1.15")
    assert _first(old) == ("cuda-libs-not-found", "warning")


def test_a_traceback_that_goes_on_to_its_exception_is_read_by_that_exception(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    numpy = CUT + "ImportError: numpy.core.multiarray failed to import\n"
    doc = doctor(tmp_path, capsys, numpy, "--os", "windows", "--tf", "2.1.0")
    assert "windows-vc-runtime-missing" not in {f["id"] for f in doc["findings"]}
    # a Linux traceback through the same module is not Windows' DLL loader
    linux = CUT.replace(ENV, "/home/u/env").replace(CONDA, "/usr/lib").replace("\\", "/")
    doc = doctor(tmp_path, capsys, linux, "--tf", "2.1.0")
    assert "windows-vc-runtime-missing" not in {f["id"] for f in doc["findings"]}


@pytest.mark.parametrize(
    "paste",
    [
        # numpy's own failure printed before the frames (its ABI check), and a logger's prefix
        "RuntimeError: module compiled against API version 0xe but this version of numpy is 0xd\n"
        + CUT,
        CUT + "2020-02-04 10:11:12,345 - ERROR - ImportError: numpy.core.multiarray failed\n",
        CUT + "SystemExit: 1\n",
        # a later run that loaded TensorFlow after all
        CUT + "2020-02-05 10:00:00.1: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library cudart64_101.dll\n",
    ],
)
def test_a_paste_that_shows_the_exception_or_a_later_run_needs_no_stand_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], paste: str
) -> None:
    doc = doctor(tmp_path, capsys, paste, "--os", "windows", "--tf", "2.1.0")
    assert not any("traceback stops" in f["title"] for f in doc["findings"])


@pytest.mark.parametrize("code", ["303", "999", "100"])
def test_a_cuinit_code_cut_at_the_consoles_width_reads_as_the_whole_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    """A terminal or a paste cut the line just before CUDA's closing parenthesis ('UNKNOWN ERROR
    (303'): the same answer as the whole line (review 66, log formats)."""
    line = (
        "2024-10-03 15:02:46.004517: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to"
        f" cuInit: UNKNOWN ERROR ({code})\n"
    )
    whole = doctor(tmp_path, capsys, line, "--os", "linux")
    cut = doctor(tmp_path, capsys, line.replace(f"({code})", f"({code}"), "--os", "linux")
    assert [f["id"] for f in cut["findings"]] == [f["id"] for f in whole["findings"]]
    assert cut["findings"][0]["title"] == whole["findings"][0]["title"]
