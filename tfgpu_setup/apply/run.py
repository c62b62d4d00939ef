"""Run a command in an applied env with the variables its activate script would set."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .. import process
from ..errors import ExitCode, UserError
from ..plan import ActivateSpec
from .journal import Journal, read_journal
from .venv import bin_dir, state_of


def activation_changes(
    venv: Path, spec: ActivateSpec | None, base: Mapping[str, str]
) -> dict[str, str]:
    """The variables activation sets, with their final values given the environment `base`."""
    return (spec or ActivateSpec(venv=str(venv))).changes(base, windows=os.name == "nt")


def activated_environment(
    venv: Path, spec: ActivateSpec | None, base: Mapping[str, str]
) -> dict[str, str]:
    env = dict(base)
    env.pop("PYTHONHOME", None)  # as virtualenv's activate does: it would point elsewhere
    env.update(activation_changes(venv, spec, base))
    return env


def applied_journal(venv: Path) -> Journal:
    """The journal of an env tfgpu-setup applied, or UserError(NO_TARGET_ENV)."""
    journal = read_journal(venv) if state_of(venv) == "virtualenv" else None
    if journal is None:
        raise UserError(
            f"{venv} is not an environment set up by tfgpu-setup; create it with "
            "'tfgpu-setup apply' (or name another with --venv)",
            ExitCode.NO_TARGET_ENV,
        )
    return journal


def run_in_env(venv: Path, argv: list[str]) -> int:
    """Run argv (no shell) in the env; its exit status, 128+N when killed by signal N."""
    if not argv:
        raise UserError(
            "run: name a command to run, e.g. 'tfgpu-setup run -- python train.py'", ExitCode.USAGE
        )
    venv = venv.expanduser().absolute()
    spec = applied_journal(venv).load_plan().activate
    env = activated_environment(venv, spec, os.environ)
    try:
        return process.passthrough(argv, env=env)
    except FileNotFoundError:
        raise UserError(
            f"run: {argv[0]} not found in {bin_dir(venv)} or on PATH", ExitCode.USAGE
        ) from None
    except OSError as exc:
        raise UserError(f"run: cannot start {argv[0]}: {exc.strerror}", ExitCode.USAGE) from None
