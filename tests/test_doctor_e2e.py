"""The whole path on a machine without a GPU: apply real TensorFlow, verify, doctor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from e2e_env import e2e_cache_dir

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose.logs import diagnose_log
from tfgpu_setup.errors import ExitCode

TF = "2.21.0"
NO_GPU_ROOT_CAUSES = {"no-nvidia-driver", "no-nvidia-gpu"}
# These run the real probe on this machine (NVML, nvidia-smi: absent here, which is the point).
pytestmark = [pytest.mark.e2e, pytest.mark.hardware]


@pytest.fixture(scope="module")
def applied_env() -> Path:
    venv = e2e_cache_dir() / f"applied-tensorflow-{TF}"
    assert main(["apply", "--yes", "--no-verify", "--tf", TF, "--venv", str(venv)]) == 0
    return venv


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_apply_twice_is_a_fast_no_op(applied_env: Path, capsys) -> None:
    code, doc = run_json(
        capsys, "apply", "--yes", "--no-verify", "--tf", TF, "--venv", str(applied_env)
    )
    assert code == 0
    assert doc["noop"] is True  # how fast: benchmarks/bench.py, never a timed test


def test_verify_reports_cpu_only_with_gpu_checks_skipped(applied_env: Path, capsys) -> None:
    code, doc = run_json(capsys, "verify", "--venv", str(applied_env))
    assert code == ExitCode.CPU_ONLY
    assert doc["status"] == "cpu-only"
    checks = doc["smoke"]["report"]["checks"]
    gpu = [c for c in checks if c["device"].startswith("/GPU")]
    cpu = [c for c in checks if c["device"].startswith("/CPU")]
    assert gpu and all(c["status"] == "skipped" and c["reason"] for c in gpu)
    assert cpu and all(c["status"] == "passed" for c in cpu)
    assert doc["smoke"]["report"]["tensorflow_version"] == TF


def test_doctor_names_the_missing_driver_from_facts_and_tensorflows_own_log(
    applied_env: Path, capsys
) -> None:
    code, doc = run_json(capsys, "doctor", "--venv", str(applied_env))
    assert code == ExitCode.CPU_ONLY
    assert doc["gpu_used"] == "no"
    assert doc["findings"][0]["id"] in NO_GPU_ROOT_CAUSES
    assert doc["verify"]["status"] == "cpu-only"
    stderr = doc["verify"]["smoke"]["stderr"]
    # TensorFlow's real log on this machine, read alone, points at the same root cause.
    from_log = diagnose_log(stderr, TF)
    assert from_log.findings, stderr[-2000:]
    assert from_log.findings[0].id in NO_GPU_ROOT_CAUSES
    assert not from_log.gpu_seen
