"""Shared test setup: recorded hosts, and a guard so no test reaches real GPU tooling by accident."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfgpu_setup import host as host_module
from tfgpu_setup.host import RecordedHost

HOSTS = Path(__file__).parent / "fixtures" / "hosts"
SHARED_FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
HARDWARE_PROGRAMS = {"nvidia-smi"}


def recorded_host(name: str) -> RecordedHost:
    return RecordedHost(HOSTS / name)


def recorded_host_names() -> list[str]:
    return sorted(p.name for p in HOSTS.iterdir() if (p / "host.json").exists())


@pytest.fixture(autouse=True)
def _no_real_hardware(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that calls the real NVML or nvidia-smi unless it is marked 'hardware'."""
    if request.node.get_closest_marker("hardware"):
        return

    def refuse_nvml(self: object) -> dict[str, object]:
        raise AssertionError("test called the real NVML; mark it @pytest.mark.hardware")

    real_run = host_module.RealHost.run

    def guarded_run(self: host_module.RealHost, argv, timeout=5.0):  # type: ignore[no-untyped-def]
        if os.path.basename(argv[0]) in HARDWARE_PROGRAMS:
            raise AssertionError(f"test ran the real {argv[0]}; mark it @pytest.mark.hardware")
        return real_run(self, argv, timeout)

    monkeypatch.setattr(host_module.RealHost, "nvml", refuse_nvml)
    monkeypatch.setattr(host_module.RealHost, "run", guarded_run)
