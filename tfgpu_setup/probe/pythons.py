"""The Python interpreters on this host, found by name so that none has to be started."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version

from ..facts import PythonInterpreter
from ..host import Host
from . import reading

PYTHON_PREFIX = "python3."


def probe_pythons(host: Host) -> tuple[PythonInterpreter, ...]:
    """The running interpreter, python3.N on PATH and pyenv versions, newest first.

    An interpreter reached by several paths (a venv's bin/python3.11, /bin/python3.11 through
    the /bin -> /usr/bin link, /usr/bin/python3.11) is listed once: the first path found, with
    the most precise version any of them states (the running one's, a venv's pyvenv.cfg)."""
    found = [*_running(host), *_on_path(host), *_pyenv(host)]
    unique: dict[str, PythonInterpreter] = {}
    for interpreter in found:
        key = reading.realpath(host, interp_path) if (interp_path := interpreter.path) else ""
        key = key or f"{interpreter.version} {interpreter.source}"
        known = unique.get(key)
        if known is None:
            unique[key] = _with_stated_version(host, interpreter)
        elif _precision(interpreter.version) > _precision(known.version):
            unique[key] = PythonInterpreter(interpreter.version, known.path, known.source)
    # sorted() is stable: for equal versions the running one, then PATH order, then pyenv.
    return tuple(sorted(unique.values(), key=lambda p: Version(p.version), reverse=True))


def _precision(version: str) -> int:
    return len(Version(version).release)


def _with_stated_version(host: Host, interpreter: PythonInterpreter) -> PythonInterpreter:
    """X.Y from a file name made X.Y.Z where a file states it, without running the interpreter:
    a venv's pyvenv.cfg, else the installation's patchlevel.h (python3.X-dev, source builds)."""
    if interpreter.path is None or _precision(interpreter.version) >= 3:
        return interpreter
    prefix = interpreter.path.rsplit("/", 2)[0]
    config = reading.read_text_or_none(host, f"{prefix}/pyvenv.cfg")
    for line in (config or "").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() in ("version", "version_info"):
            stated = _parsed(".".join(value.strip().split(".")[:3]))
            if stated and stated.startswith(interpreter.version + "."):
                return PythonInterpreter(stated, interpreter.path, interpreter.source)
    real_prefix = reading.realpath(host, interpreter.path).rsplit("/", 2)[0]
    header = reading.read_text_or_none(
        host, f"{real_prefix}/include/python{interpreter.version}/patchlevel.h"
    )
    for line in (header or "").splitlines():
        words = line.split()
        if len(words) == 3 and words[:2] == ["#define", "PY_VERSION"]:
            stated = _parsed(words[2].strip('"'))
            if stated and stated.startswith(interpreter.version + "."):
                return PythonInterpreter(stated, interpreter.path, interpreter.source)
    return interpreter


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
