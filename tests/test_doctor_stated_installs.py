"""The doctor on an installed state the user describes, with no log: the distribution named
with the release ('--tf "tensorflow-cpu 2.15.0"', as pip shows it) says which build is there,
and a release's known defect with NVIDIA's wheels is something to check, not a plan's note.
Composed by review 86 from pip's and TensorFlow's own wording."""

from __future__ import annotations

import json

import pytest

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

MACHINE = ("--os", "linux", "--python", "3.11", "--driver", "550.54.14", "--gpu", "RTX 4080")


def doctor(capsys: pytest.CaptureFixture[str], *flags: str) -> dict:
    main(["doctor", "--no-probe", "--no-verify", *MACHINE, *flags, "--json"])
    return json.loads(capsys.readouterr().out)


def test_tensorflow_cpu_named_with_its_release_is_a_cpu_only_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    top = doctor(capsys, "--tf", "tensorflow-cpu 2.15.0")["findings"][0]
    assert top["id"] == "cpu-only-tensorflow" and top["severity"] == "error"
    assert "tensorflow-cpu 2.15.0" in top["title"]


def test_pips_tensorflow_of_a_release_before_2_1_is_a_cpu_only_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    top = doctor(capsys, "--tf", "tensorflow==1.14.0")["findings"][0]
    assert top["id"] == "cpu-only-tensorflow"
    assert "tensorflow-gpu==1.14.0" in top["fix"]


def test_pips_tensorflow_from_2_1_on_has_the_gpu(capsys: pytest.CaptureFixture[str]) -> None:
    doc = doctor(capsys, "--tf", "tensorflow 2.15.0")
    assert "cpu-only-tensorflow" not in [f["id"] for f in doc["findings"]]


def test_2_16_1_installed_is_told_to_check_its_library_path_not_that_a_script_set_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = doctor(capsys, "--tf", "2.16.1", "--cuda-toolkit", "none")
    top = doc["findings"][0]
    assert top["id"] == "pip-cuda-libs-not-on-path" and top["severity"] == "warning"
    assert "activate script" not in top["title"]
    # the wheels' folders stated on LD_LIBRARY_PATH: the defect is worked around
    worked_around = doctor(
        capsys,
        "--tf",
        "2.16.1",
        "--env",
        "LD_LIBRARY_PATH=/env/lib/python3.11/site-packages/nvidia/cudnn/lib",
    )
    assert "pip-cuda-libs-not-on-path" not in [f["id"] for f in worked_around["findings"]]
