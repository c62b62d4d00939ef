"""'tfgpu-setup plan --facts DIR' for a fleet: each distinct document planned once and the
very same plan as planning that host alone; each host's own env; old documents still load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, recorded_host

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode
from tfgpu_setup.probe.collect import probe


def facts_text(recorded: str) -> str:
    return probe(recorded_host(recorded)).to_json()


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(["plan", "--json", *argv])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, document


def test_identical_documents_share_one_plan_that_equals_planning_each_host_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for host in ("a", "b", "c"):
        (tmp_path / f"{host}.json").write_text(facts_text("linux-a10-r550"), encoding="utf-8")
    (tmp_path / "d.json").write_text(facts_text("no-gpu-no-driver"), encoding="utf-8")
    venv = str(tmp_path / "env")
    code, doc = run_json(capsys, "--facts", str(tmp_path), "--venv", venv)
    assert code == 0
    rows = {r["host"]: r for r in doc["plans"]}
    assert rows["a"]["plan"] == rows["b"]["plan"] == rows["c"]["plan"] != rows["d"]["plan"]
    assert len(doc["distinct_plans"]) == 2
    for host in ("a", "d"):
        _, alone = run_json(capsys, "--facts", str(tmp_path / f"{host}.json"), "--venv", venv)
        assert doc["distinct_plans"][rows[host]["plan"]] == alone


def test_each_host_targets_the_env_its_facts_were_probed_for_unless_venv_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for host, env in (("west", "/srv/west/env"), ("east", "/srv/east/env")):
        facts = json.loads(facts_text("no-gpu-no-driver"))
        facts["target_env"] = {
            "path": env,
            "python_version": None,
            "is_virtualenv": False,
            "source": "flag --env",
            "reason": f"{env}: not found",
        }
        (tmp_path / f"{host}.json").write_text(json.dumps(facts), encoding="utf-8")
    _, doc = run_json(capsys, "--facts", str(tmp_path))
    venvs = {r["host"]: (r["venv"], doc["distinct_plans"][r["plan"]]["venv"]) for r in doc["plans"]}
    assert venvs == {"east": ("/srv/east/env",) * 2, "west": ("/srv/west/env",) * 2}
    _, doc = run_json(capsys, "--facts", str(tmp_path), "--venv", "/opt/tf")
    assert {r["venv"] for r in doc["plans"]} == {"/opt/tf"}
    assert len(doc["distinct_plans"]) == 1


def test_facts_from_an_older_tool_version_still_load(tmp_path, capsys):
    old = FIXTURES / "fleet" / "facts-c2deb9c-linux-a10-r550.json"
    (tmp_path / "old.json").write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "new.json").write_text(facts_text("linux-a10-r550"), encoding="utf-8")
    code, doc = run_json(capsys, "--facts", str(tmp_path))
    assert code == 0
    assert [(r["host"], r["verdict"], r["tensorflow"]) for r in doc["plans"]] == [
        ("new", "gpu", "2.21.0"),
        ("old", "gpu", "2.21.0"),
    ]


def test_a_file_that_is_not_text_is_named_in_one_line(tmp_path, capsys):
    (tmp_path / "good.json").write_text(facts_text("no-gpu-no-driver"), encoding="utf-8")
    (tmp_path / "bad.json").write_bytes(b"\x80\x81{}")  # no BOM, not UTF-8
    code = main(["plan", "--facts", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == ExitCode.INPUT
    assert "bad.json: not planned:" in out and "Traceback" not in out
    assert "bad.json: not UTF-8 text" in out and "good.json: cpu" in out


def test_the_human_summary_counts_distinct_plans(tmp_path, capsys):
    for host in ("a", "b"):
        (tmp_path / f"{host}.json").write_text(facts_text("wsl2-r570-rtx4060"), encoding="utf-8")
    assert main(["plan", "--facts", str(tmp_path)]) == 0
    assert "2 hosts: 2 gpu, 0 cpu, 0 none (1 distinct plan)" in capsys.readouterr().out


def test_a_gpu_selection_one_host_lacks_costs_that_host_only(tmp_path, capsys):
    (tmp_path / "a10.json").write_text(facts_text("linux-a10-r550"), encoding="utf-8")
    (tmp_path / "kepler.json").write_text(facts_text("linux-r331-gtx680-kepler"), encoding="utf-8")
    code, doc = run_json(capsys, "--facts", str(tmp_path), "--gpus", "2")
    assert code == ExitCode.INPUT  # the A10 host has one GPU; the Kepler host three
    assert [h["facts"] for h in doc["plans"]] == ["kepler.json"]
    (bad,) = doc["unreadable"]
    assert bad["facts"] == "a10.json" and bad["error"].startswith(str(tmp_path / "a10.json"))
