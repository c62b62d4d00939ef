"""Running `tfgpu-setup doctor` on a log (and `plan` on a described machine) as a user does,
for tests that read its JSON."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def review_log(review: str, name: str) -> str:
    """A review's log kept in tests/fixtures/<review>/ (its README says where it comes from)."""
    return (FIXTURES / review / f"{name}.log").read_text(encoding="utf-8")


def doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, *flags: str) -> Any:
    """The doctor's JSON for log, with nothing probed: only the log and flags are evidence."""
    path = tmp_path / "run.log"
    path.write_text(log, encoding="utf-8")
    main(["doctor", "--log", str(path), "--no-probe", *flags, "--json"])
    return json.loads(capsys.readouterr().out)


def doctor_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, *flags: str
) -> tuple[int, Any]:
    """doctor's exit code beside its document (flags as given: --no-probe is the caller's)."""
    path = tmp_path / "run.log"
    path.write_text(log, encoding="utf-8")
    code = main(["doctor", "--log", str(path), *flags, "--json"])
    return code, json.loads(capsys.readouterr().out)


def doctor_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, *flags: str
) -> Any:
    """The doctor's JSON for the log, nothing probed, with its exit code under 'exit'."""
    code, document = doctor_exit(tmp_path, capsys, log, "--no-probe", *flags)
    document["exit"] = code
    return document


def ids(document: Any) -> list[str]:
    """The ids of the document's findings, first (the cause named) first."""
    return [f["id"] for f in document["findings"]]


def errors(document: Any) -> list[str]:
    """The ids of its error findings: what it says is wrong, with evidence."""
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


def plan_document(capsys: pytest.CaptureFixture[str], machine: str) -> dict[str, Any]:
    """plan's JSON for a machine described as flags ('--os linux --gpu "Tesla K80"'), nothing
    probed."""
    main(["plan", "--no-probe", *shlex.split(machine), "--json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document
