"""Run the verify scripts with the target environment's Python and read back their reports.

Neither script is imported here: each runs as a child process (through process.run, with a
timeout) and prints one JSON document, so TensorFlow and the CUDA libraries never load into
the tool's own process, and a hung driver or a crashing TensorFlow cannot take it down.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..activation import VenvLayout
from ..process import CommandResult, run
from ..serde import DecodeError, from_jsonable
from .outcome import EXIT_CODES, VerifyOutcome, VerifyStatus, classify_smoke
from .results import (
    CUDA_LAYERS_SCHEMA,
    SMOKE_SCHEMA,
    ChildFailure,
    CudaLayers,
    CudaLayersReport,
    SmokeReport,
    SmokeResult,
)

__all__ = [
    "EXIT_CODES",
    "CudaLayers",
    "SmokeResult",
    "VerifyOutcome",
    "VerifyStatus",
    "check_cuda_layers",
    "child_overrides",
    "run_smoke",
    "venv_python",
    "verify_env",
]

CUDA_LAYERS_SCRIPT = "cuda_layers_child.py"
SMOKE_SCRIPT = "smoke.py"
STDERR_LIMIT = 256 * 1024
"""Characters of a child's stderr kept (the end): TensorFlow's log is far smaller."""

T = TypeVar("T")


def child_overrides(env: Mapping[str, str | None]) -> dict[str, str | None]:
    """The caller's variables, minus what would send the target Python elsewhere, plus
    TF_CPP_MIN_LOG_LEVEL=0 so that TensorFlow hides none of its log lines."""
    overrides = dict(env)
    overrides.update(PYTHONHOME=None, PYTHONPATH=None, TF_CPP_MIN_LOG_LEVEL="0")
    return overrides


def _tail(text: str, limit: int = STDERR_LIMIT) -> str:
    return text if len(text) <= limit else text[-limit:]


def _run_script(
    python: str, script: str, args: Sequence[str], env: Mapping[str, str | None], timeout: float
) -> CommandResult:
    with resources.as_file(resources.files(__package__ or "tfgpu_setup.verify") / script) as path:
        return run([python, str(path), *args], timeout=timeout, env=child_overrides(env))


def _failure(result: CommandResult) -> ChildFailure | None:
    """Why the child gave no exit status at all, or died on a signal."""
    if result.error is not None:
        failure = ChildFailure(result.error, result.describe_failure())
    elif result.returncode is not None and result.returncode < 0:
        try:
            name = signal.Signals(-result.returncode).name
        except ValueError:
            name = f"signal {-result.returncode}"
        script = os.path.basename(result.argv[1])
        failure = ChildFailure("signal", f"{script} was killed by {name}", result.returncode)
    else:
        return None
    last = next((ln.strip() for ln in reversed(result.stderr.splitlines()) if ln.strip()), None)
    if last is None:
        return failure
    return ChildFailure(
        failure.kind, f"{failure.message}; its last log line: {last}", failure.returncode
    )


def _document(stdout: str) -> Any:
    text = stdout.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        # Should anything still reach stdout, the document is the last line.
        lines = text.splitlines()
        return json.loads(lines[-1]) if lines else None


def _decode(cls: type[T], schema: str, result: CommandResult) -> T | ChildFailure:
    script = os.path.basename(result.argv[1])
    try:
        data = _document(result.stdout)
    except json.JSONDecodeError as exc:
        data, problem = None, f"not JSON ({exc})"
    else:
        problem = "no JSON document on stdout"
    if isinstance(data, dict) and data.get("schema") == schema:
        try:
            return from_jsonable(cls, data)
        except DecodeError as exc:
            problem = f"unexpected report: {exc}"
    elif data is not None:
        problem = f"not a {schema} document"
    if result.returncode:
        problem = f"exit status {result.returncode}; {problem}"
        return ChildFailure("exit-status", f"{script}: {problem}", result.returncode)
    return ChildFailure("bad-output", f"{script}: {problem}", result.returncode)


def check_cuda_layers(
    python: str, env: Mapping[str, str | None], lib_dirs: Sequence[str], timeout: float = 30
) -> CudaLayers:
    """Load libcuda, libcudart, libcudnn and libcublas in a child `python`, planned folders
    first, and report each layer: loaded or not, from where, which version, the exact error."""
    result = _run_script(python, CUDA_LAYERS_SCRIPT, lib_dirs, env, timeout)
    stderr = _tail(result.stderr)
    failure = _failure(result)
    if failure is None:
        decoded = _decode(CudaLayersReport, CUDA_LAYERS_SCHEMA, result)
        if not isinstance(decoded, ChildFailure):
            return CudaLayers(decoded, None, stderr, result.seconds)
        failure = decoded
    return CudaLayers(None, failure, stderr, result.seconds)


def run_smoke(python: str, env: Mapping[str, str | None], timeout: float = 300) -> SmokeResult:
    """Run smoke.py in a child `python`; TensorFlow's stderr comes back with the report."""
    result = _run_script(python, SMOKE_SCRIPT, (), env, timeout)
    stderr = _tail(result.stderr)
    failure = _failure(result)
    if failure is None:
        decoded = _decode(SmokeReport, SMOKE_SCHEMA, result)
        if not isinstance(decoded, ChildFailure):
            return SmokeResult(decoded, None, stderr, result.returncode, result.seconds)
        failure = decoded
    return SmokeResult(None, failure, stderr, result.returncode, result.seconds)


def venv_python(venv: Path) -> Path:
    windows = VenvLayout(str(venv), windows=True).python
    if Path(windows).exists() or sys.platform == "win32":
        return Path(windows)
    return Path(VenvLayout(str(venv)).python)


def _no_env(venv: Path) -> str | None:
    if not venv.exists():
        return f"{venv} does not exist"
    if not venv.is_dir():
        return f"{venv} is not a folder"
    if not (venv / "pyvenv.cfg").is_file():
        return f"{venv} is not a virtualenv (it has no pyvenv.cfg)"
    python = venv_python(venv)
    if not python.exists():
        return f"{venv} has no Python interpreter at {python}"
    return None


def verify_env(
    venv: Path,
    env_overrides: Mapping[str, str | None],
    lib_dirs: Sequence[str],
    *,
    layers_timeout: float = 30,
    smoke_timeout: float = 300,
) -> VerifyOutcome:
    """Prove whether TensorFlow in `venv` computes on the GPU, with the environment that its
    activate script sets (`env_overrides`; None unsets a variable)."""
    problem = _no_env(venv)
    if problem is not None:
        return VerifyOutcome("no-env", problem, str(venv))
    python = str(venv_python(venv))
    env: dict[str, str | None] = {"VIRTUAL_ENV": str(venv), **env_overrides}
    env["PATH"] = _path_with(python, env_overrides)
    layers = check_cuda_layers(python, env, lib_dirs, layers_timeout)
    smoke = run_smoke(python, env, smoke_timeout)
    status, reason = classify_smoke(smoke)
    return VerifyOutcome(status, reason, str(venv), python, layers, smoke)


def _path_with(python: str, env_overrides: Mapping[str, str | None]) -> str:
    """PATH as activation leaves it: the venv's scripts folder first."""
    current = env_overrides.get("PATH", os.environ.get("PATH")) or ""
    scripts = os.path.dirname(python)
    if current.split(os.pathsep)[0] == scripts:
        return current
    return os.pathsep.join([scripts, current]) if current else scripts
