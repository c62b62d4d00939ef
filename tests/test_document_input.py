"""Facts and plan files are input from elsewhere: every way one can be wrong is exit 3 with one
line naming the file and the field, never an internal error."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import recorded_host

from tfgpu_setup.cli import main
from tfgpu_setup.probe.collect import probe

HOST = "linux-a10-r550"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "none"))
    monkeypatch.chdir(tmp_path)


def facts_document() -> dict[str, Any]:
    document: dict[str, Any] = probe(recorded_host(HOST)).to_jsonable()
    return document


def plan_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes) -> tuple[int, str]:
    path = tmp_path / "host.json"
    path.write_bytes(raw)
    code = main(["plan", "--facts", str(path)])
    return code, capsys.readouterr().err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_a_utf16_facts_file_as_powershell_writes_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(facts_document())
    code, err = plan_facts(tmp_path, capsys, codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert code == 0, err
    code, err = plan_facts(tmp_path, capsys, codecs.BOM_UTF8 + text.encode())
    assert code == 0, err


def test_a_file_that_is_not_utf8_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = plan_facts(tmp_path, capsys, b'{"schema": "\xff\xfe\xfa"}')
    assert code == 3
    assert "not UTF-8" in one_line(err) and "host.json" in err


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"schema": ' + b"9" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_hostile_json_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes, said: str
) -> None:
    code, err = plan_facts(tmp_path, capsys, raw)
    assert code == 3
    assert said in one_line(err)


@pytest.mark.parametrize(
    ("version", "said"),
    [
        (0, "0 is not a positive integer"),
        (-7, "-7 is not a positive integer"),
        ("1", "'1' is not a positive integer"),
        (1.0, "1.0 is not a positive integer"),
        (True, "True is not a positive integer"),
        (99, "newer than this tool reads"),
    ],
)
def test_schema_version_must_be_a_positive_integer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], version: object, said: str
) -> None:
    document = facts_document()
    document["schema_version"] = version
    code, err = plan_facts(tmp_path, capsys, json.dumps(document).encode())
    assert code == 3
    assert said in one_line(err)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d["platform"].update(glibc="abc"), "$.platform.glibc"),
        (lambda d: d["pythons"][0].update(version=""), "$.pythons[0].version"),
        (lambda d: d["driver"].update(version="535"), None),  # a valid single-number version
        (lambda d: d["driver"].update(version="0"), "$.driver.version"),
        # found by the fuzzer: a 5,000-digit index was int()'s ValueError in the planner
        (lambda d: d["env"].update(CUDA_VISIBLE_DEVICES="9" * 5000), None),
        (lambda d: d["driver"].update(cuda_version="12..2"), "$.driver.cuda_version"),
        (lambda d: d["gpus"][0].update(compute_capability="x"), "$.gpus[0].compute_capability"),
        (lambda d: d["gpus"][0].update(index=-1), "$.gpus[0].index"),
        (
            lambda d: d["cuda"].append(
                {"version": "12..2", "path": "/x", "kind": "toolkit", "source": "t"}
            ),
            "$.cuda[0].version",
        ),
        (
            lambda d: d["pythons"].append({"version": "9" * 5000, "path": None, "source": "x"}),
            ".version",
        ),
    ],
)
def test_values_are_validated_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Any, field: str | None
) -> None:
    document = facts_document()
    edit(document)
    code, err = plan_facts(tmp_path, capsys, json.dumps(document).encode())
    if field is None:
        assert code in (0, 10, 11), err
        return
    assert code == 3, err
    line = one_line(err)
    assert field in line and "host.json" in line


def test_a_plan_file_with_a_malformed_version_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "host.json"
    facts.write_text(json.dumps(facts_document()))
    assert main(["plan", "--facts", str(facts), "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    plan["packages"][0]["version"] = "not a version"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan))
    code = main(["apply", "--plan", str(path)])
    _, err = capsys.readouterr()
    assert code == 3
    assert "$.packages[0].version" in one_line(err)
