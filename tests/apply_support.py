"""Helpers for the apply tests: a local wheelhouse built for real, plans, tree fingerprints.

The wheels are built by pip from generated projects (hatchling from the test env, no build
isolation), so installs in the tests are real pip/uv installs that need no network. One sdist,
tfgpu-demo-slow, has an in-tree build backend that can be made to wait while pip builds it:
that holds an apply in the middle of its install step for the kill and lock tests.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup.apply.journal import check_applied
from tfgpu_setup.plan import ActivateSpec, Package, Plan, Step
from tfgpu_setup.process import run

DEMO_WHEELS: dict[tuple[str, str], tuple[str, ...]] = {
    ("tfgpu-demo-alpha", "1.0"): (),
    ("tfgpu-demo-alpha", "2.0"): (),
    ("tfgpu-demo-beta", "1.0"): (),
    ("tfgpu-demo-conflict", "1.0"): (),
    ("tfgpu-demo-needs-alpha1", "1.0"): ("tfgpu-demo-alpha==1.0",),
    # A stand-in with ipykernel's name: 'kernel install' checks only that the distribution is
    # installed (the kernel is never started here), and the wheelhouse has no network.
    ("ipykernel", "0.0.0.dev0"): (),
}
"""(name, version) -> its dependencies."""
SLOW_STARTED = "TFGPU_DEMO_STARTED"
SLOW_RELEASE = "TFGPU_DEMO_RELEASE"

_SLOW_BACKEND = textwrap.dedent(
    '''
    """A PEP 517 backend that builds a one-module wheel, after waiting if told to."""
    import base64, hashlib, os, time, zipfile

    NAME, VERSION = "tfgpu_demo_slow", "1.0"

    def _wait_if_told():
        started = os.environ.get("TFGPU_DEMO_STARTED")
        release = os.environ.get("TFGPU_DEMO_RELEASE")
        if not started:
            return
        # (written whole, then renamed: a reader that sees the file sees the pid)
        with open(started + ".tmp", "w") as f:
            f.write(str(os.getpid()))
        os.replace(started + ".tmp", started)
        deadline = time.time() + 120
        while release and not os.path.exists(release) and time.time() < deadline:
            time.sleep(0.05)

    def get_requires_for_build_wheel(config_settings=None):
        return []

    def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
        _wait_if_told()
        dist_info = f"{NAME}-{VERSION}.dist-info"
        files = {
            f"{NAME}.py": "VERSION = '1.0'\\n",
            f"{dist_info}/METADATA": "Metadata-Version: 2.1\\nName: tfgpu-demo-slow\\n"
                                     "Version: 1.0\\n",
            f"{dist_info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: demo\\nRoot-Is-Purelib: "
                                  "true\\nTag: py3-none-any\\n",
        }
        record = []
        for path, text in files.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest())
            record.append(f"{path},sha256={digest.rstrip(b'=').decode()},{len(text)}")
        record.append(f"{dist_info}/RECORD,,")
        files[f"{dist_info}/RECORD"] = "\\n".join(record) + "\\n"
        name = f"{NAME}-{VERSION}-py3-none-any.whl"
        with zipfile.ZipFile(os.path.join(wheel_directory, name), "w") as zf:
            for path, text in files.items():
                zf.writestr(path, text)
        return name
    '''
)


def find_python(minor: int) -> str:
    """A CPython 3.<minor> interpreter on this machine, or skip the test."""
    for candidate in sorted(Path("/root/.pyenv/versions").glob(f"3.{minor}.*/bin/python")):
        return str(candidate)
    found = shutil.which(f"python3.{minor}")
    if found:
        return found
    pytest.skip(f"no Python 3.{minor} interpreter on this machine")


def build_wheelhouse(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    sources = target.parent / "wheel-sources"
    for (name, version), deps in sorted(DEMO_WHEELS.items()):
        module = name.replace("-", "_")
        project = sources / f"{module}-{version}"
        (project / module).mkdir(parents=True)
        (project / module / "__init__.py").write_text(f"VERSION = {version!r}\n")
        (project / "pyproject.toml").write_text(
            textwrap.dedent(f"""
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "{name}"
            version = "{version}"
            dependencies = {list(deps)!r}
            """)
        )
        result = run(
            [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(target)],
            timeout=120,
            cwd=str(project),
        )
        assert result.ok, result.stdout + result.stderr
    _write_slow_sdist(target / "tfgpu_demo_slow-1.0.tar.gz")
    return target


def _write_slow_sdist(path: Path) -> None:
    files = {
        "pyproject.toml": '[build-system]\nrequires = []\nbuild-backend = "slow_backend"\n'
        'backend-path = ["."]\n\n[project]\nname = "tfgpu-demo-slow"\n'
        'version = "1.0"\n',
        "slow_backend.py": _SLOW_BACKEND,
        "PKG-INFO": "Metadata-Version: 2.1\nName: tfgpu-demo-slow\nVersion: 1.0\n",
    }
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"tfgpu_demo_slow-1.0/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def offline(wheelhouse: Path) -> list[str]:
    """Installer arguments for the local wheelhouse only (pip and uv spell them alike)."""
    return ["--no-index", "--find-links", str(wheelhouse)]


def pip_offline(wheelhouse: Path) -> list[str]:
    return [*offline(wheelhouse), "--no-cache-dir"]


def make_plan(
    venv: Path,
    pins: Sequence[tuple[str, str]],
    *,
    python: str,
    python_minor: str = "3.11",
    remove: Sequence[str] = (),
    activate: ActivateSpec | None = None,
    with_activate: bool = True,
) -> Plan:
    """A Plan shaped like the planner's (planner/make.py), built directly."""
    packages = tuple(Package(n, v, "test") for n, v in pins)
    if activate is None and with_activate:
        activate = ActivateSpec(
            venv=str(venv), cuda_visible_devices="0", xla_flags="--xla_gpu_cuda_data_dir=/opt/cuda"
        )
    steps = [Step("create-venv", f"create or reuse {venv}", (str(venv), python))]
    if remove:
        steps.append(Step("uninstall", "remove conflicts", tuple(remove)))
    steps.append(
        Step(
            "install",
            f"install {len(packages)} pinned packages",
            tuple(p.requirement for p in packages),
        )
    )
    steps.append(Step("write-activate", "write the activate scripts"))
    steps.append(Step("verify", "run the smoke test"))
    return Plan(
        verdict="gpu",
        tensorflow="2.21.0",
        python=python_minor,
        python_path=python,
        venv=str(venv),
        packages=packages,
        remove=tuple(remove),
        activate=activate,
        findings=(),
        decisions=(),
        steps=tuple(steps),
        matrix="test",
    )


def tree_fingerprint(root: Path) -> dict[str, str]:
    """Every path under root -> its content hash, symlink target or 'dir': byte-level identity."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def sidecars(venv: Path) -> list[str]:
    """Names tfgpu-setup left beside the env, other than the env kept for rollback."""
    return sorted(
        p.name
        for p in venv.parent.iterdir()
        if p.name.startswith(venv.name + ".") and p.name != venv.name + ".tfgpu-previous"
    )


@pytest.fixture(autouse=True, scope="session")
def private_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """apply's per-user state (locks, logs) in a test folder, not the tester's home; session
    wide, so that module fixtures that apply see it too (and the processes tests start)."""
    state = tmp_path_factory.mktemp("state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(state))
        yield state


def installer_args(wheels: Path) -> dict[str, Any]:
    """Install from the local wheelhouse with uv when it is here, else with pip: the apply
    tests hold for both, and a machine without uv still runs them."""
    from tfgpu_setup.apply.install import find_uv

    if find_uv() is not None:
        return {"installer": "uv", "index_args": [*offline(wheels), "--no-cache"]}
    return {"installer": "pip", "index_args": pip_offline(wheels)}


def uv_or_skip() -> None:
    from tfgpu_setup.apply.install import find_uv

    if find_uv() is None:
        pytest.skip("uv is not installed here (pip is tested by the same tests)")


_built: list[Path] = []


def shared_wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheelhouse, built once per test session and shared by every test module."""
    if not _built:
        _built.append(build_wheelhouse(tmp_path_factory.mktemp("apply") / "wheelhouse"))
    return _built[0]


IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made read-only for the block: a read-only bind mount for root (who ignores
    permissions), no write permission for anyone else; skipped where neither can be made."""
    if not IS_ROOT:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if not (mount("--bind", str(folder), str(folder))):
        pytest.skip("root, and a read-only bind mount is not allowed here")
    try:
        if not mount("-o", "remount,ro,bind", str(folder)):
            pytest.skip("root, and a read-only remount is not allowed here")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def is_applied(plan: Plan, venv: Path) -> bool:
    """The plan is carried out in the env, exactly (what a no-op apply would find)."""
    return check_applied(plan, venv).applied
