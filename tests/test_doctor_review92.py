"""The doctor on review 92's composed cases: an Anaconda CPU build on native Windows, and a
GPU one interpreter used before another could not import TensorFlow at all. Logs are composed
in the tools' own words (conda's listing, IPython's cells, a shell's prompts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def test_anacondas_cpu_build_on_native_windows_is_not_sent_to_and_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "(tfenv) C:\\Users\\dana>conda list tensorflow\n"
        "# Name                    Version                   Build  Channel\n"
        "tensorflow                2.10.0          mkl_py39ha510bab_0\n"
        "tensorflow-base           2.10.0          mkl_py39h6a7f48e_0\n"
        '(tfenv) C:\\Users\\dana>python -c "import tensorflow as tf;'
        " print(tf.config.list_physical_devices('GPU'))\"\n"
        "[]\n"
    )
    first = run(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert first["id"] == "cpu-only-tensorflow"
    assert "2.10" in first["fix"] and "WSL2" in first["fix"]


def test_a_later_command_whose_python_has_no_tensorflow_is_the_state_asked_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        '$ ~/venvs/tf-gpu/bin/python -c "import tensorflow as tf;'
        " print(tf.config.list_physical_devices('GPU'))\"\n"
        "2023-10-02 09:14:21.004411: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 10240 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3080 Ti, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
        "$ python3 train.py\n"
        "Traceback (most recent call last):\n"
        '  File "/home/raj/proj/train.py", line 1, in <module>\n'
        "    import tensorflow as tf\n"
        "ModuleNotFoundError: No module named 'tensorflow'\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert document["gpu_used"] != "yes"
    # (TensorFlow is installed: the venv's Python ran it; python3 is another Python)
    assert errors(document) == ["wrong-python-environment"]


def test_the_metal_fix_is_not_worded_on_an_assumed_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        '(tf) julia@MacBook-Pro ~ % python -c "import platform, tensorflow as tf;'
        " print(platform.machine(), tf.__version__, tf.config.list_physical_devices('GPU'))\"\n"
        "arm64 2.16.1 []\n"
        "(tf) julia@MacBook-Pro ~ % pip list | grep -i tensorflow\n"
        "tensorflow                   2.16.1\n"
    )
    document = run(tmp_path, capsys, log, "--os", "macos", "--arch", "arm64")
    fix = next(f["fix"] for f in document["findings"] if f["id"] == "macos-no-cuda")
    assert "pip install tensorflow-metal==1.1.0" in fix and "Python 3.12" not in fix
