"""Install and uninstall packages inside the target env with pip or uv, logging every line."""

from __future__ import annotations

import dataclasses
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .. import process
from ..errors import ExitCode, UserError
from .venv import python_in

Installer = Literal["auto", "pip", "uv"]
Progress = Callable[[str], None]
FailureKind = Literal["no-matching-distribution", "conflict", "network", "other"]

INSTALL_TIMEOUT_S = 3600.0
"""TensorFlow with its CUDA wheels is several GB: slow links need long."""
_MAX_SHOWN_LINES = 12

# Markers of the lines that explain a failure, as pip (ERROR:, its rich-style ×) and uv
# (error:, cause:, hint:; ×, ╰─▶ on a terminal) print them.
_EXPLAINING_PREFIXES = ("ERROR:", "error:", "×", "╰─▶", "hint:", "cause:", "Caused by:")
_NETWORK_MARKERS = (
    "Retrying (Retry(",
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Max retries exceeded",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "Could not fetch URL",
    "Network is unreachable",
    "Failed to fetch",
    "error sending request",
    "dns error",
    "Request failed after",
    "operation timed out",
)
_CONFLICT_MARKERS = ("conflicting dependencies", "ResolutionImpossible", "depends on")
_NO_MATCH_MARKERS = (
    "No matching distribution found",
    "Could not find a version that satisfies",
    "requires a different Python",
    "unsatisfiable",
    "not found in the package registry",
    "not found in the provided package locations",
    "no version of",
    "no wheels with a matching",
)


@dataclass(frozen=True)
class InstallerTool:
    name: Literal["pip", "uv"]
    uv: str | None = None
    """The uv executable, when name is 'uv'."""


class InstallError(UserError):
    """pip or uv failed; the message carries the lines that explain why and the log's path."""

    def __init__(
        self,
        message: str,
        *,
        kind: FailureKind,
        lines: tuple[str, ...],
        packages: tuple[str, ...],
        log: Path,
    ) -> None:
        super().__init__(message, ExitCode.APPLY_FAILED)
        self.kind = kind
        self.lines = lines
        self.packages = packages
        self.log = log


def find_uv() -> str | None:
    """uv on PATH, else beside the running interpreter (uv installed into the tool's env)."""
    found = shutil.which("uv")
    if found:
        return found
    beside = Path(sys.executable).parent / "uv"
    return str(beside) if beside.is_file() else None


def choose_installer(requested: Installer) -> InstallerTool:
    if requested == "pip":
        return InstallerTool("pip")
    uv = find_uv()
    if uv:
        return InstallerTool("uv", uv)
    if requested == "uv":
        raise UserError(
            "--installer uv: uv is not on PATH; install it (pipx install uv) or "
            "use --installer pip",
            ExitCode.USAGE,
        )
    return InstallerTool("pip")


def _child_env(venv: Path) -> dict[str, str | None]:
    # Variables that would send pip's or uv's work elsewhere than the target env.
    return {
        "VIRTUAL_ENV": str(venv),
        "PYTHONPATH": None,
        "PYTHONHOME": None,
        "PIP_USER": None,
        "PIP_TARGET": None,
        "PIP_PREFIX": None,
        "UV_SYSTEM_PYTHON": None,
        "CONDA_PREFIX": None,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
    }


def _base_command(tool: InstallerTool, venv: Path, verb: str) -> list[str]:
    python = str(python_in(venv))
    if tool.name == "uv":
        assert tool.uv is not None
        return [tool.uv, "pip", verb, "--python", python]
    return [python, "-m", "pip", verb, "--disable-pip-version-check", "--no-input"]


# Runs as the leader of the installer's process group (process.stream starts a new session):
# when tfgpu-setup dies, even by SIGKILL, the kernel signals it (PR_SET_PDEATHSIG) and it kills
# the whole group, pip's or uv's build processes included, so nothing keeps writing into an env
# that the next command restores. argv: the parent's pid, then the installer's command line.
_GROUP_GUARD = """
import ctypes, os, signal, subprocess, sys
def end(*_):
    os.killpg(0, signal.SIGKILL)
signal.signal(signal.SIGTERM, end)
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
except (AttributeError, OSError):
    pass
if os.getppid() != int(sys.argv[1]):
    end()
try:
    child = subprocess.Popen(sys.argv[2:], close_fds=False)
except OSError as exc:
    sys.exit(f"{sys.argv[2]}: {exc.strerror}")
while True:
    try:
        sys.exit(child.wait())
    except InterruptedError:
        pass
"""


def guarded(argv: Sequence[str]) -> list[str]:
    """argv run so that it and everything it starts die with this process (Linux)."""
    if not sys.platform.startswith("linux"):
        return list(argv)
    return [sys.executable, "-I", "-c", _GROUP_GUARD, str(os.getpid()), *argv]


def uninstall(
    venv: Path,
    names: Sequence[str],
    *,
    tool: InstallerTool,
    log: TextIO,
    progress: Progress,
    pass_fds: Sequence[int] = (),
) -> CommandLog:
    python = _base_command(tool, venv, "uninstall")
    # '--' ends the options: a name from a plan file is never read as one.
    argv = [*python, *(["--yes"] if tool.name == "pip" else []), "--", *names]
    return _run_logged(argv, venv=venv, log=log, progress=progress, pass_fds=pass_fds)


def install(
    venv: Path,
    requirements: Sequence[str],
    *,
    tool: InstallerTool,
    index_args: Sequence[str],
    log: TextIO,
    log_path: Path,
    progress: Progress,
    python: str,
    timeout: float = INSTALL_TIMEOUT_S,
    pass_fds: Sequence[int] = (),
) -> CommandLog:
    """Install the exact pins; raise InstallError naming the packages and the lines that matter."""
    argv = [*_base_command(tool, venv, "install")]
    if tool.name == "pip":
        argv += ["--progress-bar", "off"]
    argv += [*index_args, "--", *requirements]
    result = _run_logged(
        argv, venv=venv, log=log, progress=progress, timeout=timeout, pass_fds=pass_fds
    )
    if not result.ok:
        raise explain_failure(result, requirements, tool=tool.name, python=python, log=log_path)
    return result


@dataclass(frozen=True)
class CommandLog:
    argv: tuple[str, ...]
    ok: bool
    output: str
    failure: str | None
    seconds: float


def _run_logged(
    argv: list[str],
    *,
    venv: Path,
    log: TextIO,
    progress: Progress,
    timeout: float = INSTALL_TIMEOUT_S,
    pass_fds: Sequence[int] = (),
) -> CommandLog:
    log.write(f"$ {shlex.join(argv)}\n")
    log.flush()

    def on_line(line: str) -> None:
        log.write(line + "\n")
        progress(line)

    result = process.stream(
        guarded(argv), timeout=timeout, on_line=on_line, env=_child_env(venv), pass_fds=pass_fds
    )
    result = dataclasses.replace(result, argv=tuple(argv))
    failure = None if result.ok else result.describe_failure()
    log.write(f"# {'ok' if result.ok else failure} ({result.seconds:.1f} s)\n")
    log.flush()
    return CommandLog(result.argv, result.ok, result.stdout, failure, result.seconds)


def explain_failure(
    result: CommandLog, requirements: Sequence[str], *, tool: str, python: str, log: Path
) -> InstallError:
    lines = explaining_lines(result.output)
    text = "\n".join(lines) if lines else result.output
    kind = failure_kind(result.output)
    named = tuple(r for r in requirements if _mentions(text, Requirement(r).name))
    subject = ", ".join(named) if named else "the planned packages"
    headline = {
        "no-matching-distribution": f"no installable {subject} for Python {python} on this "
        "platform: that version does not exist, or has no wheel for this Python",
        "conflict": f"the pinned versions conflict ({subject})",
        "network": "the package index could not be reached (network failure)",
        "other": f"{tool} could not install {subject}",
    }[kind]
    shown = lines or tuple(ln for ln in result.output.splitlines() if ln.strip())[-10:]
    if result.failure and not lines:
        shown = (*shown, result.failure)
    body = "\n".join(f"  {ln}" for ln in shown)
    message = f"install failed: {headline}\n{body}\nfull {tool} log: {log}"
    return InstallError(message, kind=kind, lines=shown, packages=named, log=log)


def explaining_lines(output: str) -> tuple[str, ...]:
    """pip's and uv's own explanation: error lines, pip's 'conflict is caused by' block, and
    network warnings (pip reports an unreachable index only as a warning before its error)."""
    picked: list[str] = []
    in_conflict_block = False
    for raw in output.splitlines():
        line = raw.strip()
        if in_conflict_block:
            if line and raw[:1].isspace():
                picked.append(line)
                continue
            in_conflict_block = False
        if line.startswith("The conflict is caused by"):
            picked.append(line)
            in_conflict_block = True
        elif line.startswith(_EXPLAINING_PREFIXES) or any(m in line for m in _NETWORK_MARKERS):
            picked.append(line)
    return tuple(picked[:_MAX_SHOWN_LINES])


def failure_kind(text: str) -> FailureKind:
    # Network first: pip reports an unreachable index as "no matching distribution" too.
    if any(m in text for m in _NETWORK_MARKERS):
        return "network"
    if any(m in text for m in _CONFLICT_MARKERS):
        return "conflict"
    if any(m in text for m in _NO_MATCH_MARKERS):
        return "no-matching-distribution"
    return "other"


def _mentions(text: str, name: str) -> bool:
    canonical = canonicalize_name(name)
    lowered = text.lower()
    return any(form in lowered for form in {canonical, canonical.replace("-", "_"), name.lower()})
