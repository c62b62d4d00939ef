"""Which virtualenv a command works on, and the environment its activate script would give."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from .plan import ActivateSpec
from .planner.request import DEFAULT_VENV


def resolve_venv(venv: str | None, environ: Mapping[str, str]) -> Path:
    """--venv, else ./.venv-tf when it exists, else the active virtualenv, else ./.venv-tf.

    The active virtualenv is skipped when it is the one tfgpu-setup itself runs from (installed
    with 'pip install' into an activated env): that env is the tool's, never the target.
    """
    if venv:
        return Path(venv).expanduser().absolute()
    default = Path(DEFAULT_VENV).absolute()
    if default.exists():
        return default
    active = environ.get("VIRTUAL_ENV")
    if active and not _is_own_env(Path(active)):
        return Path(active).absolute()
    return default


def _is_own_env(path: Path) -> bool:
    try:
        return path.resolve() == Path(sys.prefix).resolve()
    except OSError:
        return False


def applied_spec(venv: Path) -> ActivateSpec | None:
    """The activate spec of an env set up by tfgpu-setup apply, None for any other env."""
    from .apply.journal import read_journal

    try:
        journal = read_journal(venv)
    except Exception:  # a foreign or damaged journal: verify the env as it stands
        return None
    return journal.load_plan().activate if journal else None


def activated_overrides(venv: Path, environ: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """(variables the activate script sets, with final values; its library folders)."""
    from .apply.run import activation_changes

    spec = applied_spec(venv)
    changes = activation_changes(venv, spec, environ)
    return changes, list(spec.library_dirs()) if spec else []
