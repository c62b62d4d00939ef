"""Python interpreters found by name: the running one, python3.N on PATH, pyenv versions."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from conftest import recorded_host
from host_builder import build_host
from packaging.version import Version

from tfgpu_setup.facts import PythonInterpreter
from tfgpu_setup.host import RealHost
from tfgpu_setup.probe.pythons import probe_pythons


def test_venv_host_lists_running_and_path_pythons() -> None:
    assert probe_pythons(recorded_host("venv-and-cuda")) == (
        PythonInterpreter(
            "3.11.2", "/home/ada/.local/share/pipx/venvs/tfgpu-setup/bin/python", "running"
        ),
        # The venv's pyvenv.cfg states the full version without running the interpreter.
        PythonInterpreter("3.11.2", "/home/ada/tf-gpu/bin/python3.11", "PATH"),
        PythonInterpreter("3.11", "/usr/bin/python3.11", "PATH"),
    )


def test_one_interpreter_reached_by_several_paths_is_listed_once(tmp_path: Path) -> None:
    # A Debian host as it is laid out: /bin -> usr/bin, python3 -> python3.11, and a venv made
    # by 'python3 -m venv' whose bin/ links back to the system interpreter.
    host = build_host(
        tmp_path,
        env={"PATH": "/home/ada/tf/bin:/usr/local/bin:/usr/bin:/bin"},
        files={
            "/usr/bin/python3.11": "",
            "/home/ada/tf/pyvenv.cfg": "home = /usr/bin\nversion = 3.11.2\n",
        },
        links={
            "/bin": "usr/bin",
            "/usr/bin/python3": "python3.11",
            "/home/ada/tf/bin/python": "python3",
            "/home/ada/tf/bin/python3": "/usr/bin/python3",
            "/home/ada/tf/bin/python3.11": "python3",
        },
    )
    assert probe_pythons(host) == (PythonInterpreter("3.11.2", "/usr/bin/python3", "running"),)


def test_ubuntu_host() -> None:
    assert probe_pythons(recorded_host("linux-cuda-toolkit")) == (
        PythonInterpreter("3.10.12", "/usr/bin/python3", "running"),
        PythonInterpreter("3.10", "/usr/bin/python3.10", "PATH"),
    )


def test_pyenv_versions_newest_first_and_deduplicated(tmp_path: Path) -> None:
    # Folder names as pyenv creates them; the ones that are not versions are left out.
    versions = "/home/ada/.pyenv/versions"
    host = build_host(
        tmp_path,
        env={"HOME": "/home/ada", "PATH": "/home/ada/.pyenv/shims:/usr/bin:relative/bin::/usr/bin"},
        files={
            f"{versions}/3.12.4/bin/python3.12": "",
            f"{versions}/3.9.19/bin/python3.9": "",
            f"{versions}/3.13.0t/bin/python3.13t": "",
            f"{versions}/miniconda3-latest/bin/python3.12": "",
            f"{versions}/2.7.18/bin/python2.7": "",
            f"{versions}/3.10.14/": "",  # an interrupted install: no interpreter
            "/home/ada/.pyenv/shims/python3.12": "",
            "/usr/bin/python3.11": "",
            "/usr/bin/python3.11-config": "",
            "/usr/bin/python3": "",
            "/relative/bin/python3.8": "",
        },
    )
    assert probe_pythons(host) == (
        PythonInterpreter("3.12.4", f"{versions}/3.12.4/bin/python3.12", "pyenv"),
        PythonInterpreter("3.11.2", "/usr/bin/python3", "running"),
        PythonInterpreter("3.11", "/usr/bin/python3.11", "PATH"),
        PythonInterpreter("3.9.19", f"{versions}/3.9.19/bin/python3.9", "pyenv"),
    )


def test_pyenv_root_variable_wins(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        env={"HOME": "/home/ada", "PYENV_ROOT": "/opt/pyenv"},
        files={
            "/opt/pyenv/versions/3.13.1/bin/python3.13": "",
            "/home/ada/.pyenv/versions/3.12.4/bin/python3.12": "",
        },
    )
    assert [p.path for p in probe_pythons(host) if p.source == "pyenv"] == [
        "/opt/pyenv/versions/3.13.1/bin/python3.13"
    ]


def test_versions_parse_with_packaging() -> None:
    for interpreter in probe_pythons(recorded_host("venv-and-cuda")):
        Version(interpreter.version)


def test_this_machine_finds_the_running_python() -> None:
    found = probe_pythons(RealHost())
    running = [p for p in found if p.source == "running"]
    assert running == [PythonInterpreter(platform.python_version(), sys.executable, "running")]
    assert [Version(p.version) for p in found] == sorted(
        (Version(p.version) for p in found), reverse=True
    )


def test_a_python_that_is_not_running_gets_its_full_version_from_patchlevel_h(
    tmp_path: Path,
) -> None:
    # /usr/include/python3.12/patchlevel.h as python3.12-dev installs it (the line that matters).
    host = build_host(
        tmp_path,
        env={"PATH": "/usr/bin"},
        files={
            "/usr/bin/python3.12": "",
            "/usr/include/python3.12/patchlevel.h": '#define PY_VERSION      "3.12.3"\n',
        },
    )
    assert PythonInterpreter("3.12.3", "/usr/bin/python3.12", "PATH") in probe_pythons(host)
