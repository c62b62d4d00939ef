"""The Python interpreters on this host, found by name so that none has to be started."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

from ..facts import PythonInterpreter
from ..host import Host
from . import reading

PYTHON_PREFIX = "python3."


def probe_pythons(host: Host) -> tuple[PythonInterpreter, ...]:
    """The running interpreter, python3.N on PATH and pyenv versions, newest first."""
    found = [*_running(host), *_on_path(host), *_pyenv(host)]
    unique: dict[tuple[str, str | None], PythonInterpreter] = {}
    for interpreter in found:
        unique.setdefault((interpreter.version, interpreter.path), interpreter)
    # sorted() is stable: for equal versions the running one, then PATH order, then pyenv.
    return tuple(sorted(unique.values(), key=lambda p: Version(p.version), reverse=True))


def _running(host: Host) -> list[PythonInterpreter]:
    system = host.system()
    version = _parsed(system.get("python_version"))
    if version is None:
        return []
    executable = system.get("python_executable")
    return [PythonInterpreter(version, str(executable) if executable else None, "running")]


def _on_path(host: Host) -> list[PythonInterpreter]:
    if not reading.is_linux(host) and host.system().get("sys_platform") != "darwin":
        return []  # Windows interpreters are python.exe / py.exe, with no version in the name
    shims = f"{_pyenv_root(host) or '/nonexistent'}/shims"
    found = []
    for directory in (host.env.get("PATH") or "").split(":"):
        if not directory.startswith("/") or directory.rstrip("/") == shims:
            continue  # relative entries depend on the working directory; shims are not pythons
        for name in reading.listdir(host, directory):
            version = _version_from_name(name)
            if version is not None:
                found.append(PythonInterpreter(version, f"{directory.rstrip('/')}/{name}", "PATH"))
    return found


def _version_from_name(name: str) -> str | None:
    """'python3.12' -> '3.12'; 'python3.12-config', 'python3.1x' and 'python3' are not pythons."""
    if not name.startswith(PYTHON_PREFIX):
        return None
    minor = name[len(PYTHON_PREFIX) :]
    if not (minor.isascii() and minor.isdigit()):
        return None
    return f"3.{int(minor)}"


def _pyenv_root(host: Host) -> str | None:
    root = host.env.get("PYENV_ROOT")
    if root:
        return root.rstrip("/")
    home = host.env.get("HOME")
    return f"{home.rstrip('/')}/.pyenv" if home else None


def _pyenv(host: Host) -> list[PythonInterpreter]:
    root = _pyenv_root(host)
    if root is None:
        return []
    versions_dir = f"{root}/versions"
    found = []
    for name in reading.listdir(host, versions_dir):
        # Folder names are versions ('3.12.4'); others ('miniconda3-latest', 'pypy3.10-7.3',
        # '3.13.0t', virtualenv names) do not parse and are left out.
        version = _parsed(name)
        if version is None or Version(version).major < 3:
            continue
        parsed = Version(version)
        executable = f"{versions_dir}/{name}/bin/python{parsed.major}.{parsed.minor}"
        if reading.exists(host, executable):
            found.append(PythonInterpreter(version, executable, "pyenv"))
    return found


def _parsed(value: object) -> str | None:
    if value is None:
        return None
    try:
        return str(Version(str(value)))
    except InvalidVersion:
        return None
