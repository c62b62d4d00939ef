"""A Jupyter kernelspec for an applied env, written without needing Jupyter installed here.

Kernelspec format and user locations: https://jupyter-client.readthedocs.io/en/stable/kernels.html
(kernel specs); the user data dir and JUPYTER_DATA_DIR:
https://docs.jupyter.org/en/latest/use/jupyter-directories.html
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExitCode, UserError
from .journal import now, read_journal
from .run import activation_changes
from .venv import installed, python_in, state_of

_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
"""jupyter_client accepts kernel names of ASCII letters, digits, '.', '_' and '-'."""


@dataclass(frozen=True)
class InstalledKernel:
    name: str
    path: Path
    """The kernelspec folder (it holds kernel.json)."""
    spec: dict[str, Any]
    notes: tuple[str, ...]
    """What the user should know: values frozen at install time, ipykernel missing, ..."""


def jupyter_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Jupyter's per-user data folder, as jupyter_core.paths.jupyter_data_dir finds it."""
    env = os.environ if env is None else env
    if env.get("JUPYTER_DATA_DIR"):
        return Path(env["JUPYTER_DATA_DIR"]).expanduser()
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "darwin":
        return home / "Library" / "Jupyter"
    if os.name == "nt":
        return Path(env.get("APPDATA") or home) / "jupyter"
    return Path(env.get("XDG_DATA_HOME") or home / ".local" / "share") / "jupyter"


def default_kernel_name(venv: Path) -> str:
    name = "".join(c if c in _NAME_CHARS else "-" for c in f"tfgpu-{venv.name}".lower())
    return name.strip("-.") or "tfgpu"


def install_kernel(venv: Path, name: str | None, user_dir: Path | None = None) -> InstalledKernel:
    """Write `<data dir>/kernels/<name>/kernel.json` for the env; `user_dir` overrides the data
    dir (default: Jupyter's per-user one)."""
    venv = venv.expanduser().absolute()
    if state_of(venv) != "virtualenv":
        raise UserError(
            f"{venv} is not a virtualenv; create it with 'tfgpu-setup apply'",
            ExitCode.NO_TARGET_ENV,
        )
    kernel_name = name or default_kernel_name(venv)
    if not set(kernel_name.lower()) <= _NAME_CHARS:
        raise UserError(
            f"kernel name {kernel_name!r}: use only ASCII letters, digits, '.', '_' and '-'",
            ExitCode.USAGE,
        )
    journal = read_journal(venv)
    plan = journal.load_plan() if journal else None
    notes: list[str] = []
    env = activation_changes(venv, plan.activate if plan else None, os.environ)
    notes.append(
        "PATH and the other variables are stored with their values from this shell "
        "(Jupyter does not expand $VARS everywhere): install the kernel again after "
        "changing them"
    )
    if plan is None:
        notes.append(
            f"{venv} has no tfgpu-setup journal: the kernel only puts the env first on PATH"
        )
    if "ipykernel" not in installed(venv):
        notes.append(
            f"ipykernel is not installed in {venv}, so this kernel cannot start: run "
            f"'{python_in(venv)} -m pip install ipykernel'"
        )
    display = (
        f"Python {plan.python} · TensorFlow {plan.tensorflow} ({venv.name})"
        if plan and plan.tensorflow
        else f"Python ({venv.name})"
    )
    spec: dict[str, Any] = {
        "argv": [str(python_in(venv)), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": display,
        "language": "python",
        "env": env,
        "metadata": {"tfgpu-setup": {"venv": str(venv), "written": now()}},
    }
    folder = (user_dir if user_dir is not None else jupyter_data_dir()) / "kernels" / kernel_name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "kernel.json"
    tmp = folder / "kernel.json.tmp"
    tmp.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return InstalledKernel(kernel_name, folder, spec, tuple(notes))
