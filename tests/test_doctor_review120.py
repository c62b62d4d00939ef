"""The doctor on review 120's cases (tests/fixtures/review120/README.md says where each log
comes from)."""

from __future__ import annotations

from tfgpu_setup.diagnose.paste import unwrap
from tfgpu_setup.diagnose.pip_apart import pythons_apart

_CANNOT_DLOPEN = (
    "2023-05-01 10:00:00.123456: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1956]"
    " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above"
    " are installed properly if you would like to use GPU. Follow the guide at"
    " https://www.tensorflow.org/install/gpu for how to download and setup the required"
    " libraries for your platform.\nSkipping registering GPU devices...\n"
)


def test_a_printed_interpreter_path_stays_a_line_of_its_own_after_a_tensorflow_record() -> None:
    text = (
        "$ which python\n/home/me/miniconda3/bin/python\n"
        ">>> import sys, tensorflow as tf; print(sys.executable)\n"
        f"{_CANNOT_DLOPEN}/home/me/.venvs/tf/bin/python\n"
    )
    read = unwrap(text)
    assert "\n/home/me/.venvs/tf/bin/python" in read
    assert read.count("Skipping registering GPU devices...") == 1
    assert len(pythons_apart(read)) == 2


def test_a_windows_interpreter_path_is_not_glued_to_the_record_above_it() -> None:
    read = unwrap(f"{_CANNOT_DLOPEN}C:\\Users\\me\\venv\\Scripts\\Python.exe\n")
    assert read.splitlines()[-1] == "C:\\Users\\me\\venv\\Scripts\\Python.exe"
