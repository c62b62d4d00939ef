"""Shared test setup: recorded hosts, and a guard so no test reaches real GPU tooling unasked."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tfgpu_setup import host as host_module
from tfgpu_setup.host import RecordedHost
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.matrix.model import Matrix

HOSTS = Path(__file__).parent / "fixtures" / "hosts"
FIXTURES = Path(__file__).parent / "fixtures"
"""Real command outputs and upstream pages, copied with their sources (see each README.txt)."""
HARDWARE_PROGRAMS = {"nvidia-smi", "nvidia-smi.exe"}
HARDWARE_VIOLATIONS = pytest.StashKey[list[str]]()
"""What the guard refused during the current test (checked again after it)."""


FIXTURE_MATRIX_DIR = FIXTURES / "matrix"
"""A frozen copy of matrices/: rule and planner tests test rules, not this week's data."""


def fixture_matrix() -> Matrix:
    """The frozen matrix (tests/fixtures/matrix), never the shipped or a refreshed one."""
    matrix = load_matrix(FIXTURE_MATRIX_DIR)
    assert "shipped" not in matrix.origin, matrix.notes
    return matrix


@pytest.fixture
def fixture_matrix_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run in the test use the frozen matrix too (as TFGPU_MATRIX_DIR names it)."""
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(FIXTURE_MATRIX_DIR))


def recorded_host(name: str) -> RecordedHost:
    return RecordedHost(HOSTS / name)


def recorded_host_names() -> list[str]:
    return sorted(p.name for p in HOSTS.iterdir() if (p / "host.json").exists())


@pytest.fixture(autouse=True)
def _no_real_hardware(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Fail any test that calls the real NVML or nvidia-smi unless it is marked 'hardware'."""
    if request.node.get_closest_marker("hardware"):
        yield
        return
    violations: list[str] = []
    request.node.stash[HARDWARE_VIOLATIONS] = violations

    def refuse(what: str) -> NoReturn:
        message = f"test {what}; mark it @pytest.mark.hardware"
        violations.append(message)  # also fails the test where a caller swallows the error
        raise AssertionError(message)

    def refuse_nvml(*args: object, **kwargs: object) -> NoReturn:
        refuse("called the real NVML")

    real_run = host_module.RealHost.run

    def guarded_run(self: host_module.RealHost, argv, timeout=5.0):  # type: ignore[no-untyped-def]
        if os.path.basename(argv[0]) in HARDWARE_PROGRAMS:
            refuse(f"ran the real {argv[0]}")
        return real_run(self, argv, timeout)

    monkeypatch.setattr(host_module.RealHost, "nvml", refuse_nvml)
    monkeypatch.setattr(host_module.RealHost, "run", guarded_run)
    # The same guard further down, for code that does not go through RealHost: nvml_snapshot,
    # pynvml's init (reached from a worker thread that turns errors into an error document,
    # hence the check after the test), and every subprocess start.
    monkeypatch.setattr(host_module, "nvml_snapshot", refuse_nvml)
    try:
        import pynvml
    except ImportError:
        pass
    else:
        for name in ("nvmlInit", "nvmlInitWithFlags"):
            monkeypatch.setattr(pynvml, name, refuse_nvml)
    monkeypatch.setattr(subprocess, "Popen", _popen_refusing(subprocess.Popen, refuse))
    yield
    if violations:
        pytest.fail(violations[0], pytrace=False)


def _popen_refusing(real_popen: Any, refuse: Callable[[str], NoReturn]) -> Any:
    class GuardedPopen(real_popen):  # type: ignore[misc]
        def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
            program = (
                args if isinstance(args, str | bytes | os.PathLike) else (args[0] if args else "")
            )
            if os.path.basename(os.fsdecode(program)) in HARDWARE_PROGRAMS:
                refuse(f"ran the real {program!r}")
            super().__init__(args, *rest, **kwargs)

    return GuardedPopen


@pytest.fixture
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo wheels the apply tests install (built once per session, offline)."""
    from apply_support import shared_wheelhouse

    return shared_wheelhouse(tmp_path_factory)
