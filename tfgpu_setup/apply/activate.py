"""Render the activate scripts from the templates in shell/ and write them into the venv.

One template per shell; each value is quoted by that shell's own rules and replaced in one pass,
so a value that looks like a placeholder stays data.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Final

from ..errors import ExitCode, UserError
from ..plan import ActivateSpec
from .safe_files import write_atomically

SCRIPT_NAMES: Final = {"posix": "activate-tfgpu", "fish": "activate-tfgpu.fish"}
"""The file written into <venv>/bin for each shell family (the POSIX one is for bash, zsh, dash
and ksh). shell/activate.sh checks its own name against SCRIPT_NAMES['posix']."""

_TEMPLATES: Final = {"posix": "activate.sh", "fish": "activate.fish"}
_PLACEHOLDER = re.compile(r"__TFGPU_[A-Z_]+__")
_MODE: Final = 0o644

# Variables the extra mapping may not name.
_RESERVED: Final = frozenset(
    {
        *("CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH", "PATH", "XLA_FLAGS"),  # their own fields
        *("VIRTUAL_ENV", "VIRTUAL_ENV_PROMPT", "PYTHONHOME", "PKG_CONFIG_PATH"),  # virtualenv's
        *("HOME", "IFS", "PWD", "OLDPWD", "SHLVL", "PS1", "PS2", "PS4", "ENV", "CDPATH"),  # shells'
        *("OPTIND", "OPTARG", "LINENO", "PPID", "RANDOM", "SECONDS", "FISH_VERSION"),
    }
)


def render_posix(spec: ActivateSpec) -> str:
    """The POSIX sh activate script (bash, zsh, dash, ksh) for `spec`."""
    return _render("posix", spec, _quote_posix)


def render_fish(spec: ActivateSpec) -> str:
    """The fish activate script for `spec`."""
    return _render("fish", spec, _quote_fish)


def write_activate_scripts(spec: ActivateSpec, bin_dir: Path) -> list[Path]:
    """Write <bin_dir>/activate-tfgpu and activate-tfgpu.fish, each replaced atomically."""
    rendered = {"posix": render_posix(spec), "fish": render_fish(spec)}
    written: list[Path] = []
    for shell, text in rendered.items():
        target = bin_dir / SCRIPT_NAMES[shell]
        # surrogateescape: a path that is not valid UTF-8 keeps its exact bytes.
        write_atomically(target, text.encode("utf-8", "surrogateescape"), _MODE)
        written.append(target)
    return written


def _quote_posix(value: str) -> str:
    return shlex.quote(value)


def _quote_fish(value: str) -> str:
    # Inside fish single quotes only \\ and \' are escapes; everything else is literal.
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _words(values: Iterable[str], quote: Callable[[str], str]) -> str:
    return " ".join(quote(v) for v in values)


def _render(shell: str, spec: ActivateSpec, quote: Callable[[str], str]) -> str:
    venv, ld_dirs, path_dirs, variables = _checked(spec)
    xla_flags = spec.xla_value()
    activate = posixpath.join(venv, "bin", "activate.fish" if shell == "fish" else "activate")
    names = [
        *(["LD_LIBRARY_PATH"] if ld_dirs else []),
        *(["PATH"] if path_dirs else []),
        *(["XLA_FLAGS"] if xla_flags else []),
        *variables,
    ]
    pairs = [item for name, value in variables.items() for item in (name, value)]
    if shell == "fish":  # fish keeps path variables as lists
        ld_value, path_value = _words(ld_dirs, quote), _words(path_dirs, quote)
    else:
        ld_value, path_value = quote(":".join(ld_dirs)), quote(":".join(path_dirs))
    substitutions = {
        "__TFGPU_VENV_ACTIVATE__": quote(activate),
        "__TFGPU_LD_LIBRARY_PATH__": ld_value,
        "__TFGPU_PATH__": path_value,
        "__TFGPU_XLA_FLAGS__": quote(xla_flags or ""),
        "__TFGPU_VARIABLES__": _words(pairs, quote),
        "__TFGPU_NAMES__": _words(names, quote),
    }
    template = _template_text(_TEMPLATES[shell])
    found = set(_PLACEHOLDER.findall(template))
    if found != set(substitutions):
        raise AssertionError(
            f"template {_TEMPLATES[shell]} has placeholders {sorted(found)}, "
            f"the renderer fills {sorted(substitutions)}"
        )
    return _PLACEHOLDER.sub(lambda m: substitutions[m.group()], template)


def _checked(spec: ActivateSpec) -> tuple[str, list[str], list[str], dict[str, str]]:
    """The spec's values, or UserError naming the first one no script could carry."""
    venv = spec.venv
    _check_value("venv", venv)
    if not posixpath.isabs(venv):
        raise UserError(f"activate script: the venv path {venv!r} is not absolute", ExitCode.INPUT)
    for variable, given in (("LD_LIBRARY_PATH", spec.ld_library_path), ("PATH", spec.path)):
        for folder in given:
            if not folder or ".." in folder.replace("\\", "/").split("/"):
                raise UserError(
                    f"activate script: the {variable} entry {folder!r} is empty or leaves the "
                    "env ('..')",
                    ExitCode.INPUT,
                )
    ld_dirs = _checked_dirs("LD_LIBRARY_PATH", spec.library_dirs())
    path_dirs = _checked_dirs("PATH", spec.bin_dirs())
    variables: dict[str, str] = {}
    if spec.cuda_visible_devices is not None:
        variables["CUDA_VISIBLE_DEVICES"] = spec.cuda_visible_devices
    _check_value("XLA_FLAGS", spec.xla_value() or "")
    for name, value in spec.extra.items():
        if not (name.isascii() and name.isidentifier() and name.isupper()):
            raise UserError(
                f"activate script: {name!r} is not a variable name the scripts "
                "can set (use upper-case letters, digits and '_')",
                ExitCode.INPUT,
            )
        if name in _RESERVED or name.startswith("_TFGPU"):
            raise UserError(
                f"activate script: the extra variable {name} is reserved "
                "(set by the plan's own fields, the virtualenv or the shell)",
                ExitCode.INPUT,
            )
        variables[name] = value
    for name, value in variables.items():
        _check_value(name, value)
    return venv, ld_dirs, path_dirs, variables


def _checked_dirs(variable: str, dirs: Iterable[str]) -> list[str]:
    unique: list[str] = []
    for folder in dirs:
        _check_value(variable, folder)
        for separator, called in (("\n", "a newline"), (":", "':'")):
            if separator in folder:
                raise UserError(
                    f"activate script: the {variable} entry {folder!r} contains "
                    f"{called}, which would split it; move that folder",
                    ExitCode.INPUT,
                )
        if not posixpath.isabs(folder):
            raise UserError(
                f"activate script: the {variable} entry {folder!r} is not an absolute path",
                ExitCode.INPUT,
            )
        if folder not in unique:
            unique.append(folder)
    return unique


def _check_value(what: str, value: str) -> None:
    if "\0" in value:
        raise UserError(
            f"activate script: the value for {what} contains a NUL byte, which no "
            f"environment variable can hold: {value!r}",
            ExitCode.INPUT,
        )


def _template_text(name: str) -> str:
    installed = resources.files("tfgpu_setup") / "_data" / "shell" / name
    if installed.is_file():
        return installed.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "shell" / name
    return checkout.read_text(encoding="utf-8")
