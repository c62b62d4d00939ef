"""Real virtualenvs for end-to-end tests, built once and reused across test runs.

The environments live under $TFGPU_E2E_CACHE (default: the user's cache folder,
$XDG_CACHE_HOME/tfgpu-setup-tests/e2e, else ~/.cache/tfgpu-setup-tests/e2e: private to the user,
not a fixed name in the shared /tmp), one folder per (name, requirements, interpreter) key.
They take 4-6 GB; delete the folder to reclaim it (README, "Development"). A marker file is
written only after the install succeeded, so an interrupted build is rebuilt rather than
trusted. pip's own cache makes a rebuild cheap. A file lock lets parallel test processes share
one build.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
import virtualenv

from tfgpu_setup.process import run

DEFAULT_TENSORFLOW = "tensorflow==2.21.0"
READY_MARKER = ".tfgpu-e2e-ready.json"
INSTALL_TIMEOUT_S = 1800.0


def e2e_cache_dir() -> Path:
    configured = os.environ.get("TFGPU_E2E_CACHE")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME") or ""
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "tfgpu-setup-tests" / "e2e"


def tensorflow_requirement() -> str:
    """The TensorFlow the e2e tests install; TFGPU_E2E_TENSORFLOW overrides it."""
    return os.environ.get("TFGPU_E2E_TENSORFLOW") or DEFAULT_TENSORFLOW


def venv_python(venv: Path) -> Path:
    windows = venv / "Scripts" / "python.exe"
    return windows if windows.exists() else venv / "bin" / "python"


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cached_venv(name: str, requirements: Sequence[str], *, python: str = sys.executable) -> Path:
    """A virtualenv with `requirements` installed by pip, built on first use and then reused."""
    interpreter = os.path.realpath(python)  # one key however the interpreter is spelled
    key_source = json.dumps({"requirements": list(requirements), "python": interpreter})
    key = hashlib.sha256(key_source.encode()).hexdigest()[:12]
    cache = e2e_cache_dir()
    root = cache / f"{name}-{key}"
    marker = root / READY_MARKER
    with _locked(cache / f"{name}-{key}.lock"):
        if marker.exists() and venv_python(root).exists():
            return root
        if root.exists():
            shutil.rmtree(root)  # left half-built by an interrupted run
        virtualenv.cli_run([str(root), "--python", python, "--quiet"])
        if requirements:
            result = run(
                [
                    str(venv_python(root)),
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    *requirements,
                ],
                timeout=INSTALL_TIMEOUT_S,
            )
            if not result.ok:
                tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
                raise RuntimeError(
                    f"pip install {' '.join(requirements)} failed in {root}: "
                    f"{result.describe_failure()}\n{tail}"
                )
        marker.write_text(json.dumps({"requirements": list(requirements), "python": python}))
    return root


@pytest.fixture(scope="session")
def tensorflow_venv() -> Path:
    """A real virtualenv with real TensorFlow from PyPI (about a minute the first time)."""
    return cached_venv("tensorflow", [tensorflow_requirement()])


@pytest.fixture(scope="session")
def bare_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real virtualenv with only pip in it: TensorFlow is not installed."""
    root = tmp_path_factory.mktemp("bare") / "venv"
    virtualenv.cli_run([str(root), "--quiet"])
    return root
