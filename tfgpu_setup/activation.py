"""The one model of activation: where a virtualenv keeps things, and what activating it sets.

Pure: the activate scripts (shell/), `tfgpu-setup run`, the Jupyter kernel, the displayed plan
and the shell tests all take their variables from `activation_changes`, and every path inside a
virtualenv comes from `VenvLayout`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan import ActivateSpec


@dataclass(frozen=True)
class VenvLayout:
    """Where a virtualenv keeps its programs and packages: bin/ on POSIX, Scripts\\ on Windows."""

    venv: str
    windows: bool = False

    @property
    def separator(self) -> str:
        """Between entries of PATH-like variables."""
        return ";" if self.windows else ":"

    @property
    def bin_dir(self) -> str:
        return f"{self.venv}\\Scripts" if self.windows else f"{self.venv}/bin"

    @property
    def python(self) -> str:
        return f"{self.bin_dir}\\python.exe" if self.windows else f"{self.bin_dir}/python"

    def site_packages(self, python_xy: str) -> str:
        return self.inside(self.site_packages_in_env(python_xy))

    def site_packages_in_env(self, python_xy: str) -> str:
        """site-packages relative to the env: what a plan stores (the env is named once)."""
        return "Lib/site-packages" if self.windows else f"lib/python{python_xy}/site-packages"

    def script(self, name: str) -> str:
        return self.inside(f"{'Scripts' if self.windows else 'bin'}/{name}")

    def inside(self, folder: str) -> str:
        """A folder given relative to the env, made absolute; an absolute one as it is."""
        if is_absolute(folder):
            return folder
        if self.windows:
            return f"{self.venv}\\{folder.replace('/', chr(92))}"
        return f"{self.venv}/{folder}"


def is_windows_path(path: str) -> bool:
    """'C:\\Users\\x' or '\\\\server\\share': a plan made for native Windows."""
    return path.startswith("\\\\") or (len(path) > 2 and path[0].isalpha() and path[1] == ":")


def is_absolute(path: str) -> bool:
    """POSIX '/x', or Windows 'C:\\x', 'C:/x' or '\\\\server\\share'."""
    return path.startswith(("/", "\\\\")) or (
        len(path) > 2 and path[0].isalpha() and path[1] == ":" and path[2] in "\\/"
    )


ACTIVATE_SCRIPTS = ("activate-tfgpu", "activate-tfgpu.fish")


def prepend(entries: Sequence[str], current: str | None, separator: str = ":") -> str:
    """Entries before the current value, as the scripts' ${VAR:+:$VAR} does: an unset or empty
    current value adds no empty entry (the loader would read it as the current directory)."""
    head = separator.join(e for e in entries if e)
    if not current:
        return head
    return f"{head}{separator}{current}" if head else current


def append_flags(current: str | None, flags: str) -> str:
    """The user's own flags kept, ours after them: XLA reads a repeated flag's last value, so
    ours win while the environment is active and every other flag of theirs still applies."""
    return f"{current} {flags}" if current else flags


def activation_changes(
    spec: ActivateSpec, base: Mapping[str, str], windows: bool = False
) -> dict[str, str]:
    """Every variable activation sets, with its final value given the environment `base`.

    The virtualenv's own bin folder comes first on PATH, then the plan's folders; the plan's
    library folders come first on LD_LIBRARY_PATH (Windows finds DLLs on PATH instead)."""
    layout = VenvLayout(spec.venv, windows)
    sep = layout.separator
    changes = {
        "VIRTUAL_ENV": spec.venv,
        "PATH": prepend([layout.bin_dir, *spec.bin_dirs(windows)], base.get("PATH"), sep),
    }
    if spec.ld_library_path and not windows:
        changes["LD_LIBRARY_PATH"] = prepend(spec.library_dirs(), base.get("LD_LIBRARY_PATH"))
    if spec.cuda_visible_devices is not None:
        changes["CUDA_VISIBLE_DEVICES"] = spec.cuda_visible_devices
    xla = spec.xla_value(windows)
    if xla is not None:
        changes["XLA_FLAGS"] = append_flags(base.get("XLA_FLAGS"), xla)
    changes.update(spec.extra)
    return changes


SYMBOLIC_BASE = {"PATH": "$PATH", "LD_LIBRARY_PATH": "$LD_LIBRARY_PATH", "XLA_FLAGS": "$XLA_FLAGS"}
WINDOWS_SYMBOLIC_BASE = {"PATH": "%PATH%", "XLA_FLAGS": "%XLA_FLAGS%"}
"""What the displayed plan shows for the values a user already has."""
