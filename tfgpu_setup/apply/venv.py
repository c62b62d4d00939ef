"""The target virtualenv: find out what is at the path, create one, or decide to reuse it."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path
from typing import Literal

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from .. import process
from ..activation import VenvLayout
from ..errors import ExitCode, UserError

VenvState = Literal["absent", "empty-dir", "virtualenv", "not-a-virtualenv"]


def layout_of(venv: Path) -> VenvLayout:
    return VenvLayout(str(venv), windows=os.name == "nt")


def bin_dir(venv: Path) -> Path:
    return Path(layout_of(venv).bin_dir)


def python_in(venv: Path) -> Path:
    return Path(layout_of(venv).python)


def state_of(venv: Path) -> VenvState:
    """What is at `venv`; a link to a folder is judged by the folder (apply follows only the
    user's own links: apply.target_path)."""
    if not os.path.lexists(venv):
        return "absent"
    if venv.is_dir():
        if (venv / "pyvenv.cfg").is_file():
            return "virtualenv"
        if not any(venv.iterdir()):
            return "empty-dir"
    return "not-a-virtualenv"


def read_pyvenv_cfg(venv: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in (venv / "pyvenv.cfg").read_text(encoding="utf-8", errors="replace").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip()
    return values


def interpreter_version(venv: Path) -> Version | None:
    """The venv's Python version from pyvenv.cfg: virtualenv and uv write `version_info`
    (3.11.7.final.0), the stdlib venv module `version` (3.11.7)."""
    cfg = read_pyvenv_cfg(venv)
    raw = cfg.get("version_info") or cfg.get("version") or ""
    numeric = []
    for part in raw.split("."):
        if not part.isdigit():
            break
        numeric.append(part)
    try:
        return Version(".".join(numeric)) if numeric else None
    except InvalidVersion:
        return None


def same_minor(a: Version, b: Version) -> bool:
    return a.release[:2] == b.release[:2]


def wanted_python(python: str | None, python_path: str | None) -> Version:
    """The X.Y the plan asks for: its `python`, else what its interpreter says it is."""
    if python:
        try:
            return Version(python)
        except InvalidVersion:
            raise UserError(
                f"the plan's Python version {python!r} is not a version", ExitCode.INPUT
            ) from None
    if python_path:
        result = process.run(
            [python_path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], timeout=30
        )
        if not result.ok:
            raise UserError(
                f"cannot run the plan's interpreter: {result.describe_failure()}",
                ExitCode.APPLY_FAILED,
            )
        return Version(result.stdout.strip())
    raise UserError(
        "the plan names no Python interpreter for the environment; "
        "make a new plan with 'tfgpu-setup plan'",
        ExitCode.INPUT,
    )


def refuse_if_foreign(venv: Path) -> None:
    """Never install into, replace or delete something that is not a virtualenv."""
    if state_of(venv) == "not-a-virtualenv":
        raise UserError(
            f"{venv} exists but is not a virtualenv (no pyvenv.cfg); tfgpu-setup installs only "
            "into virtualenvs it can roll back: choose another path with --venv, or move it away",
            ExitCode.NO_TARGET_ENV,
        )


@dataclass(frozen=True)
class VenvDecision:
    action: Literal["create", "reuse", "recreate"]
    reason: str


def decide(venv: Path, wanted: Version, *, recreate: bool) -> VenvDecision:
    """What to do with the path; refuses anything that is not ours to change."""
    if Path(sys.prefix).resolve() == venv.resolve():
        raise UserError(
            f"{venv} is the environment tfgpu-setup itself runs in; "
            "choose another path with --venv",
            ExitCode.INPUT,
        )
    refuse_if_foreign(venv)
    if state_of(venv) in ("absent", "empty-dir"):
        return VenvDecision("create", f"no environment at {venv}")
    have = interpreter_version(venv)
    if recreate:
        return VenvDecision("recreate", "--recreate was given")
    if have is None:
        raise UserError(
            f"{venv}: pyvenv.cfg names no Python version; rebuild it with --recreate",
            ExitCode.INPUT,
        )
    if not same_minor(have, wanted):
        raise UserError(
            f"{venv} uses Python {have}, the plan needs Python {wanted}; rebuild it with "
            "--recreate (its packages are reinstalled; rollback can bring the old one back)",
            ExitCode.INPUT,
        )
    if not python_in(venv).exists():
        raise UserError(
            f"{venv}: its interpreter {python_in(venv)} is gone (was its base Python "
            "removed?); rebuild it with --recreate",
            ExitCode.INPUT,
        )
    return VenvDecision("reuse", f"Python {have} matches the plan")


def create(venv: Path, interpreter: str) -> None:
    """A fresh virtualenv (with pip seeded) at `venv`, which must be absent or empty."""
    # virtualenv 21 points a `.venv` file beside a pyproject.toml at the env it creates
    # (PEP 832): that claims the user's project folder, so one it did not have is removed.
    redirect = venv.parent / ".venv"
    had_redirect = os.path.lexists(redirect)
    try:
        try:
            _virtualenv(venv, interpreter, seed=True)
        except RuntimeError as exc:
            if not seeder_refused(str(exc)):
                raise
            # virtualenv 21.5+ ships no pip for Pythons it no longer supports (3.8 and older)
            # and refuses before creating anything; the interpreter's own pip still works.
            _virtualenv(venv, interpreter, seed=False)
            seed_with_ensurepip(venv)
    except (RuntimeError, OSError) as exc:
        raise UserError(
            f"cannot create a virtualenv at {venv} with {interpreter}: {exc}", ExitCode.APPLY_FAILED
        ) from None
    finally:
        if not had_redirect and redirect.is_file() and not redirect.is_symlink():
            redirect.unlink()


def _virtualenv(venv: Path, interpreter: str, *, seed: bool) -> None:
    from virtualenv import cli_run

    options = [str(venv), "--python", interpreter, "--no-periodic-update", "--quiet"]
    cli_run(options if seed else [*options, "--no-seed"], setup_logging=False)


def seeder_refused(message: str) -> bool:
    """virtualenv's refusal to seed a Python its bundled wheels no longer cover (it names
    --no-seed as the way out), as opposed to an interpreter it cannot use at all."""
    return "--no-seed" in message and "seed" in message.split("--no-seed")[0]


def seed_with_ensurepip(venv: Path) -> None:
    """pip from the env's own interpreter (its ensurepip bundles a pip that runs on it)."""
    result = process.run(
        [str(python_in(venv)), "-m", "ensurepip", "--default-pip"],
        timeout=300,
        env={"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONNOUSERSITE": "1"},
    )
    if not result.ok:
        said = (result.stderr or result.stdout or result.error or "").strip().splitlines()
        raise RuntimeError(
            "its Python has no pip that virtualenv can seed and its ensurepip failed"
            f" ({said[-1] if said else 'no output'}); install the interpreter's venv/ensurepip"
            " package (e.g. python3.X-venv on Debian and Ubuntu) or use Python 3.9 or newer"
        )


def site_packages(venv: Path) -> list[Path]:
    found = sorted(venv.glob("lib/python*/site-packages"))
    return found or [p for p in [venv / "Lib" / "site-packages"] if p.is_dir()]


def installed(venv: Path) -> dict[str, str]:
    """Canonical distribution name -> version, read from the env's metadata files
    (no interpreter started, so it stays fast enough for the no-op check)."""
    found: dict[str, str] = {}
    for dist in distributions(path=[str(p) for p in site_packages(venv)]):
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), dist.version)
    return found
