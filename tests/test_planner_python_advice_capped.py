"""The Python a plan tells the user to install is one that raises the release: the newest
release every other stated limit allows (the driver's CUDA, the glibc), not the newest overall,
and no such advice where another Python would gain nothing (review 87's plans: tensorflow#45062's
machine on Ubuntu 20.04's Python 3.8 with driver R450; a CentOS 6 cluster, sheffield_hpc#212)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tfgpu_setup.cli import main

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")


def plan(capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, Any]:
    main(["plan", "--no-probe", *flags, "--json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def python_advice(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in document["findings"] if f["id"] == "python-unsupported"]


R450_GTX_1070 = ("--os", "linux", "--driver", "450.80.02", "--gpu", "GeForce GTX 1070")


def test_a_driver_that_caps_the_release_caps_the_pythons_advised(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, *R450_GTX_1070, "--python", "3.8")
    (advice,) = python_advice(document)
    # R450 runs CUDA 11 (minor-version compatibility), so 2.14 is the newest it runs
    assert "for TensorFlow 2.14.1, the newest this driver runs" in advice["fix"]
    assert "3.13" not in advice["fix"]


def test_an_unstated_driver_caps_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    document = plan(capsys, "--os", "linux", "--gpu", "GeForce GTX 1070", "--python", "3.8")
    (advice,) = python_advice(document)
    assert "this driver" not in advice["fix"]


def test_no_python_advice_where_the_glibc_already_caps_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # CentOS 6's glibc 2.12 takes manylinux2010 wheels at most: 2.8 is the newest there
    document = plan(capsys, "--os", "CentOS 6", "--python", "3.9")
    assert document["tensorflow"].startswith("2.8")
    assert python_advice(document) == []
    assert any(f["id"] == "glibc-too-old" for f in document["findings"])


def test_a_python_below_the_glibcs_cap_is_told_the_pythons_of_that_cap(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = plan(capsys, "--os", "CentOS 6", "--python", "2.7")
    (advice,) = python_advice(document)
    assert "the newest whose wheels install on this system" in advice["fix"]
    assert "TensorFlow 2.8" in advice["fix"]
