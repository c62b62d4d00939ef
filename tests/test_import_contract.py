"""The pure layers cannot reach the machine: importing them loads no prober, host, process,
apply, verify runner, CLI or network module (checked in a fresh interpreter each)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PURE = (
    "tfgpu_setup.facts",
    "tfgpu_setup.findings",
    "tfgpu_setup.envvars",
    "tfgpu_setup.versions",
    "tfgpu_setup.activation",
    "tfgpu_setup.results",
    "tfgpu_setup.planner.judge",
    "tfgpu_setup.diagnose.evidence",
    "tfgpu_setup.diagnose.device_evidence",
    "tfgpu_setup.diagnose.install_evidence",
    "tfgpu_setup.diagnose.version_evidence",
    "tfgpu_setup.diagnose.sources",
    "tfgpu_setup.diagnose.no_wheel",
    "tfgpu_setup.diagnose.mac_refusals",
    "tfgpu_setup.diagnose.pip_installs",
    "tfgpu_setup.diagnose.published",
    "tfgpu_setup.diagnose.builds",
    "tfgpu_setup.diagnose.release_range",
    "tfgpu_setup.diagnose.logfacts",
    "tfgpu_setup.diagnose.wanted",
    "tfgpu_setup.diagnose.release_hints",
    "tfgpu_setup.diagnose.machine_seen",
    "tfgpu_setup.diagnose.platform_seen",
    "tfgpu_setup.diagnose.paste",
    "tfgpu_setup.plan",
    "tfgpu_setup.whatif",
    "tfgpu_setup.matrix.model",
    "tfgpu_setup.matrix.query",
    "tfgpu_setup.planner",
    "tfgpu_setup.diagnose.doctor",
    "tfgpu_setup.diagnose.logs",
    "tfgpu_setup.diagnose.report",
)
FORBIDDEN_PREFIXES = (
    "tfgpu_setup.probe.",
    "tfgpu_setup.host",
    "tfgpu_setup.process",
    "tfgpu_setup.apply",
    "tfgpu_setup.cli",
    "tfgpu_setup.commands",
    "tfgpu_setup.render",
    "tfgpu_setup.verify.runner",
    "tfgpu_setup.matrix.fetch",
    "tfgpu_setup.matrix.refresh",
    "requests",
    "rich",
    "pynvml",
    "virtualenv",
)


@pytest.mark.parametrize("module", PURE)
def test_pure_module_loads_nothing_that_touches_the_machine(module: str) -> None:
    code = f"import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    reached = [m for m in loaded if m.startswith(FORBIDDEN_PREFIXES)]
    assert reached == [], f"importing {module} loads {reached}"


def test_the_probe_package_itself_loads_no_prober() -> None:
    code = "import json, sys, tfgpu_setup.probe; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert [m for m in json.loads(out.stdout) if m.startswith("tfgpu_setup.probe.")] == []
