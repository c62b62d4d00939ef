"""doctor --report hides who and where: host names in any case, every name the user goes by."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose.report import Redaction

MISMATCH = (
    "E cuda_driver.cc:282] failed call to cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system has"
    " unsupported display driver / cuda driver combination"
)


def test_host_names_in_any_case_and_every_user_name_are_redacted() -> None:
    redaction = Redaction(
        home="/home/ada", user="root", host="lab-box-7.example.org", other_users=("adalovelace",)
    )
    text = "LAB-BOX-7 and Lab-Box-7.Example.Org ran adalovelace's job on an NVIDIA Ada GPU"
    assert redaction.apply(text) == "<host> and <host> ran <user>'s job on an NVIDIA Ada GPU"


def test_doctor_report_redacts_user_when_logname_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("LOGNAME", "svc-runner")  # what getpass.getuser() answers first
    monkeypatch.setenv("USER", "grace-hopper")
    host = "lab-box-7"  # this machine's own name may be too short to redact safely ('vm')
    monkeypatch.setattr(socket, "gethostname", lambda: host)
    log = tmp_path / "run.log"
    log.write_text(f"{MISMATCH} on {host.upper()} for grace-hopper and svc-runner\n")
    report = tmp_path / "report.md"
    assert main(["doctor", "--log", str(log), "--report", str(report)]) not in (1, 2, 3)
    text = report.read_text()
    assert "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH" in text
    assert "grace-hopper" not in text and "svc-runner" not in text
    assert host.upper() not in text and "<host>" in text
