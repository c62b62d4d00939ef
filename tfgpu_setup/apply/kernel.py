"""A Jupyter kernelspec for an applied env, written without needing Jupyter installed here.

Kernelspec format and user locations: https://jupyter-client.readthedocs.io/en/stable/kernels.html
(kernel specs); the user data dir and JUPYTER_DATA_DIR:
https://docs.jupyter.org/en/latest/use/jupyter-directories.html
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExitCode, UserError
from .journal import now, read_journal
from .run import activation_changes
from .safe_files import is_ours, write_atomically
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


def _checked_name(name: str | None, venv: Path) -> str:
    kernel_name = (name or default_kernel_name(venv)).lower()
    if not set(kernel_name) <= _NAME_CHARS or kernel_name.startswith("."):
        raise UserError(
            f"kernel name {kernel_name!r}: use ASCII letters, digits, '.', '_' and '-', "
            "not starting with '.'",
            ExitCode.USAGE,
        )
    return kernel_name


def kernels_dir(user_dir: Path | None = None) -> Path:
    return (user_dir if user_dir is not None else jupyter_data_dir()) / "kernels"


def _own_folder(folder: Path) -> Path:
    """`folder`, created if absent; a link or another user's folder there is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    if not is_ours(folder, stat.S_IFDIR):
        raise UserError(
            f"{folder} is not a folder of yours (a link, or another user's): the kernelspec "
            "is not written through it; remove it or choose another --name",
            ExitCode.APPLY_FAILED,
        )
    return folder


def install_kernel(venv: Path, name: str | None, user_dir: Path | None = None) -> InstalledKernel:
    """Write `<data dir>/kernels/<name>/kernel.json` for the env; `user_dir` overrides the data
    dir (default: Jupyter's per-user one, $JUPYTER_DATA_DIR when set)."""
    venv = venv.expanduser().absolute()
    if state_of(venv) != "virtualenv":
        raise UserError(
            f"{venv} is not a virtualenv; create it with 'tfgpu-setup apply'",
            ExitCode.NO_TARGET_ENV,
        )
    kernel_name = _checked_name(name, venv)
    if "ipykernel" not in installed(venv):
        raise UserError(
            f"ipykernel is not installed in {venv}, so a kernel for it could not start: run "
            f"'{python_in(venv)} -m pip install ipykernel', then this again",
            ExitCode.NO_TARGET_ENV,
        )
    journal = read_journal(venv)
    plan = journal.load_plan() if journal else None
    notes: list[str] = []
    # Jupyter (jupyter_client 7+) replaces ${PATH} with the PATH it runs with when it starts
    # the kernel: the caller's PATH is not frozen into the file. LD_LIBRARY_PATH gets only the
    # planned folders: an unset ${LD_LIBRARY_PATH} would stay in it as text.
    env = activation_changes(venv, plan.activate if plan else None, {"PATH": "${PATH}"})
    if plan is None:
        notes.append(
            f"{venv} has no tfgpu-setup journal: the kernel only puts the env first on PATH"
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
    try:
        folder = _own_folder(_own_folder(kernels_dir(user_dir)) / kernel_name)
        data = json.dumps(spec, indent=1, ensure_ascii=False) + "\n"
        write_atomically(folder / "kernel.json", data.encode("utf-8", "surrogateescape"))
    except OSError as exc:
        raise UserError(_cannot(exc, "write the kernelspec"), ExitCode.APPLY_FAILED) from None
    return InstalledKernel(kernel_name, folder, spec, tuple(notes))


def uninstall_kernel(venv: Path, name: str | None, user_dir: Path | None = None) -> Path:
    """Remove the kernelspec `install_kernel` wrote; refuse one tfgpu-setup did not write."""
    venv = venv.expanduser().absolute()
    kernel_name = _checked_name(name, venv)
    folder = kernels_dir(user_dir) / kernel_name
    if not os.path.lexists(folder):
        raise UserError(
            f"no kernel named {kernel_name!r} in {folder.parent} (Jupyter's kernels folder: "
            "$JUPYTER_DATA_DIR/kernels); 'jupyter kernelspec list' shows the others",
            ExitCode.INPUT,
        )
    if not _written_by_us(folder):
        raise UserError(
            f"{folder} was not written by 'tfgpu-setup kernel install'; leave it, or remove it "
            f"with 'jupyter kernelspec uninstall {kernel_name}'",
            ExitCode.INPUT,
        )
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        raise UserError(_cannot(exc, "remove the kernelspec"), ExitCode.APPLY_FAILED) from None
    return folder


def _written_by_us(folder: Path) -> bool:
    spec_file = folder / "kernel.json"
    if not (is_ours(folder, stat.S_IFDIR) and is_ours(spec_file, stat.S_IFREG)):
        return False
    try:
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(spec, dict) and "tfgpu-setup" in (spec.get("metadata") or {})


def _cannot(exc: OSError, what: str) -> str:
    return f"cannot {what}: {exc.filename or ''}: {exc.strerror or exc}"
