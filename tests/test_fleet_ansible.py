"""The Ansible collection end to end on this machine (nox -s fleet): four hosts on a local
connection, each with its own tool and TensorFlow env and its own recorded driver and GPUs for
planning (an A10, a Kepler machine, one without a GPU, and one whose env path holds someone's
files). Probe -> plan on the controller -> apply the CPU plans for real (real TensorFlow from
PyPI) -> verify -> report; then a rerun in batches of one that must change nothing, then
--check. Needs ansible-core in this interpreter: the tests session skips it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import recorded_host
from fleet_support import rendered_dom, tables_of

from tfgpu_setup.probe.collect import probe

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.fleet,
    pytest.mark.skipif(
        importlib.util.find_spec("ansible") is None,
        reason="ansible-core is not installed here: run 'nox -s fleet'",
    ),
]

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RECORDED = {
    "a10": "linux-a10-r550",
    "kepler": "linux-r331-gtx680-kepler",
    "nogpu": "no-gpu-no-driver",
    "occupied": "no-gpu-no-driver",
}
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


@dataclass(frozen=True)
class Run:
    rc: int
    output: str
    seconds: float
    report: dict[str, Any]

    def recap(self) -> dict[str, tuple[int, int]]:
        """{host: (changed, failed)} from the PLAY RECAP."""
        return {m[1]: (int(m[3]), int(m[5])) for m in RECAP.finditer(self.output)}

    def host(self, name: str) -> dict[str, Any]:
        line: dict[str, Any] = next(h for h in self.report["hosts"] if h["host"] == name)
        return line


@dataclass(frozen=True)
class Fleet:
    root: Path
    out: Path
    first: Run
    again: Run
    check: Run


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder with its size and modification time."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            out[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return out


def inventory(root: Path) -> Path:
    hosts = {}
    for name, recorded in RECORDED.items():
        facts = root / "recorded" / f"{name}.json"
        facts.parent.mkdir(parents=True, exist_ok=True)
        facts.write_text(probe(recorded_host(recorded)).to_json(), encoding="utf-8")
        hosts[name] = {
            "tfgpu_recorded_facts": str(facts),
            "tfgpu_tool_venv": str(root / "hosts" / name / "tool"),
            "tfgpu_venv": str(root / "hosts" / name / "env"),
        }
    occupied = root / "hosts" / "occupied" / "env"
    occupied.mkdir(parents=True)
    (occupied / "notes.txt").write_text("someone's files, not a virtualenv\n", encoding="utf-8")
    document = {
        "tfgpu": {
            "hosts": hosts,
            "vars": {
                "ansible_connection": "local",
                "ansible_python_interpreter": sys.executable,
                # a machine without a GPU rehearses the GPU hosts' plans, applies the CPU ones
                "tfgpu_apply_verdicts": ["cpu"],
            },
        }
    }
    path = root / "inventory.json"  # JSON is YAML: ansible's yaml inventory reads it
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def playbook(root: Path, out: Path, *extra: str) -> Run:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "ANSIBLE_COLLECTIONS_PATH": str(root / "collections"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCAL_TEMP": str(root / "ansible-tmp"),
        "ANSIBLE_INVENTORY_ENABLED": "yaml",
    }
    argv = [
        str(BIN / "ansible-playbook"),
        "-i",
        str(root / "inventory.json"),
        "tfgpu.setup.fleet",
        "-e",
        json.dumps(
            {
                "tfgpu_source": str(REPO),
                "tfgpu_fleet_dir": str(out),
                "tfgpu_controller_tool": str(BIN / "tfgpu-setup"),
            }
        ),
        *extra,
    ]
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root, timeout=3600)
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    (root / f"run-{int(started)}.log").write_text(output, encoding="utf-8")
    report_file = out / "report.json"
    assert report_file.exists(), output[-6000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    return Run(result.returncode, output, seconds, report)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    root = tmp_path_factory.mktemp("fleet")
    out = root / "tfgpu-fleet"
    inventory(root)
    subprocess.run(
        [
            str(BIN / "ansible-galaxy"),
            "collection",
            "install",
            str(REPO / "ansible"),
            "-p",
            str(root / "collections"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    first = playbook(root, out)
    again = playbook(root, out, "-e", '{"tfgpu_serial": 1, "tfgpu_apply_throttle": 1}')
    before = snapshot(root / "hosts")
    check = playbook(root, out, "--check")
    assert snapshot(root / "hosts") == before, "--check changed files on the hosts"
    (root / "timings.txt").write_text(
        f"first {first.seconds:.1f} s, rerun {again.seconds:.1f} s, check {check.seconds:.1f} s\n",
        encoding="utf-8",
    )
    yield Fleet(root, out, first, again, check)


def test_first_run_applies_the_cpu_plans_for_real_and_verifies_them(fleet: Fleet) -> None:
    run = fleet.first
    recap = run.recap()
    assert recap["kepler"][0] > 0 and recap["nogpu"][0] > 0  # built for real
    assert {h: failed for h, (_, failed) in recap.items()} == {
        "a10": 0,
        "kepler": 0,
        "nogpu": 0,
        "occupied": 1,
        "localhost": 0,
    }
    assert run.rc == 2, run.output[-4000:]  # one host failed; the others went on
    for host in ("kepler", "nogpu"):
        line = run.host(host)
        assert (line["verdict"], line["applied"], line["verify"]) == ("cpu", "changed", "cpu-only")
        assert line["tensorflow"] == "2.21.0"
        activate = fleet.root / "hosts" / host / "env" / "bin" / "activate-tfgpu"
        assert activate.is_file()


def test_each_host_is_planned_from_its_own_recorded_gpus_so_the_plans_differ(fleet):
    plans = json.loads((fleet.out / "plan-fleet.json").read_text(encoding="utf-8"))
    rows = {r["host"]: r for r in plans["plans"]}
    assert len({r["plan"] for r in rows.values()}) == 4  # a host's env path is its own
    assert rows["a10"]["verdict"] == "gpu"
    # its GTX 680s (an R331 nvidia-smi recorded no compute capability; the name's is 3.0) are
    # below every PyPI build, which no driver changes
    assert rows["kepler"]["findings"][0] == "compute-capability-unsupported"
    # The platform is this machine's own probe: inside a container (CI's may be one) a missing
    # driver is the container's GPU access, not a driver to install there.
    nogpu = json.loads((fleet.out / "facts" / "nogpu.json").read_text(encoding="utf-8"))
    expected = "container-gpu-not-exposed" if nogpu["platform"]["container"] else "no-nvidia-driver"
    assert rows["nogpu"]["findings"][0] == expected
    assert rows["a10"]["venv"] == str(fleet.root / "hosts" / "a10" / "env")
    groups = {g["machine_type"] for g in fleet.first.report["groups"]}
    assert groups == {
        "linux x86_64, 1x NVIDIA A10",
        "linux x86_64, 3x GeForce GTX 680",
        "linux x86_64, no GPU",
    }
    a10 = fleet.first.host("a10")
    assert (a10["applied"], a10["verify"]) == ("skipped", "not run")  # a GPU plan, not applied
    facts = json.loads((fleet.out / "facts" / "a10.json").read_text(encoding="utf-8"))
    assert [g["name"] for g in facts["gpus"]] == ["NVIDIA A10"]


def test_a_failing_host_does_not_stop_the_others_and_its_reason_comes_back(fleet):
    line = fleet.first.host("occupied")
    assert line["applied"] == "failed"
    assert "exists but is not a virtualenv" in line["problem"]
    assert "exists but is not a virtualenv" in fleet.first.output
    assert (fleet.root / "hosts" / "occupied" / "env" / "notes.txt").is_file()  # left alone
    outliers = {o["host"] for o in fleet.first.report["outliers"]}
    assert "occupied" in outliers


def test_a_rerun_in_batches_of_one_changes_nothing(fleet):
    run = fleet.again
    assert {h: changed for h, (changed, _) in run.recap().items()} == dict.fromkeys(
        ("a10", "kepler", "nogpu", "occupied", "localhost"), 0
    ), run.output[-6000:]
    assert run.output.count("PLAY [Apply and verify, in batches]") == 4  # serial: 1
    for host in ("kepler", "nogpu"):
        line = run.host(host)  # 'unchanged': apply's JSON said noop
        assert (line["applied"], line["verify"]) == ("unchanged", "cpu-only")


def test_check_mode_probes_and_plans_only(fleet):
    run = fleet.check
    assert {h: changed for h, (changed, _) in run.recap().items()} == dict.fromkeys(
        ("a10", "kepler", "nogpu", "occupied", "localhost"), 0
    ), run.output[-6000:]
    assert run.rc == 0, run.output[-4000:]  # nothing was applied, so nothing failed
    for host in ("a10", "kepler", "nogpu", "occupied"):
        line = run.host(host)
        assert (line["applied"], line["verify"]) == ("not run", "not run")
        assert line["verdict"] in ("gpu", "cpu")


def test_the_html_report_renders_in_headless_chromium(fleet, capsys):
    page = fleet.out / "report.html"
    tables = tables_of(rendered_dom(page))
    assert set(tables) == {g["machine_type"] for g in fleet.check.report["groups"]}
    kepler = tables["linux x86_64, 3x GeForce GTX 680"]
    assert kepler[0]["hosts"] == "1: kepler" and kepler[0]["driver"] == "331.62"
    with capsys.disabled():
        print("\nfleet timings:", (fleet.root / "timings.txt").read_text(encoding="utf-8"))


def test_the_facts_module_documents_itself(fleet):
    shown = subprocess.run(
        [str(BIN / "ansible-doc"), "tfgpu.setup.tfgpu_facts"],
        capture_output=True,
        text=True,
        env={**os.environ, "ANSIBLE_COLLECTIONS_PATH": str(fleet.root / "collections")},
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    assert "ansible_facts.tfgpu" in shown.stdout and "executable" in shown.stdout
