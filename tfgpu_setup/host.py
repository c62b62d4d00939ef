"""The boundary between tfgpu-setup and the machine: files, environment, commands, NVML.

Probes read the machine only through a Host. RealHost is this machine; RecordedHost replays a
folder recorded from a real machine (tests/fixtures/hosts/NAME), so every probe rule is tested
against real outputs without the hardware.
"""

from __future__ import annotations

import contextlib
import glob as globlib
import json
import os
import platform
import shutil
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from . import process
from .process import CommandResult

NVML_TIMEOUT_S = 5.0
MAX_READ_BYTES = 4 << 20
MAX_SYMLINK_HOPS = 40
"""Like the kernel's limit: a loop of links stops resolving instead of hanging."""


class Host(Protocol):
    @property
    def env(self) -> Mapping[str, str]: ...

    def system(self) -> dict[str, Any]:
        """sys_platform, machine, release, python_version, python_executable, libc ([name, ver])."""
        ...

    def read_text(self, path: str) -> str:
        """The file's text (raises OSError: FileNotFoundError, PermissionError, ...)."""
        ...

    def exists(self, path: str) -> bool: ...

    def is_dir(self, path: str) -> bool: ...

    def listdir(self, path: str) -> list[str]:
        """Sorted entry names (raises OSError)."""
        ...

    def glob(self, pattern: str) -> list[str]:
        """Sorted absolute paths matching an absolute glob pattern."""
        ...

    def which(self, name: str) -> str | None: ...

    def realpath(self, path: str) -> str:
        """The path with every symlink resolved (the path itself where that fails)."""
        ...

    def run(self, argv: Sequence[str], timeout: float = 5.0) -> CommandResult: ...

    def nvml(self) -> dict[str, Any]:
        """A snapshot of NVML's answers (see nvml_snapshot), or {'error': ..., 'message': ...}."""
        ...


class RealHost:
    """This machine."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = dict(os.environ if env is None else env)

    @property
    def env(self) -> Mapping[str, str]:
        return self._env

    def system(self) -> dict[str, Any]:
        libc_name, libc_version = platform.libc_ver()
        return {
            "sys_platform": sys.platform,
            "machine": platform.machine(),
            "release": platform.release(),
            "python_version": platform.python_version(),
            "python_executable": sys.executable,
            "libc": [libc_name, libc_version] if libc_name else None,
        }

    def read_text(self, path: str) -> str:
        with open(path, "rb") as fh:
            return fh.read(MAX_READ_BYTES).decode("utf-8", errors="replace")

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def listdir(self, path: str) -> list[str]:
        return sorted(os.listdir(path))

    def glob(self, pattern: str) -> list[str]:
        return sorted(globlib.glob(pattern))

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=self._env.get("PATH"))

    def realpath(self, path: str) -> str:
        return os.path.realpath(path)

    def run(self, argv: Sequence[str], timeout: float = 5.0) -> CommandResult:
        return process.run(argv, timeout=timeout, base_env=self._env)

    def nvml(self) -> dict[str, Any]:
        return nvml_snapshot(timeout=NVML_TIMEOUT_S)


def nvml_snapshot(timeout: float) -> dict[str, Any]:
    """Ask NVML everything probe needs, in a daemon thread so a hung driver cannot hang us."""
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result.update(_nvml_query())
        except Exception as exc:  # NVML raises its own error classes, one per return code
            result.clear()
            result.update(error=type(exc).__name__, message=str(exc))

    thread = threading.Thread(target=work, name="nvml", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return {"error": "timeout", "message": f"NVML did not answer within {timeout:g} s"}
    return dict(result)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _nvml_query() -> dict[str, Any]:
    try:
        import pynvml
    except ImportError as exc:
        return {"error": "ImportError", "message": f"nvidia-ml-py is not installed: {exc}"}
    pynvml.nvmlInit()
    try:
        snap: dict[str, Any] = {
            "driver_version": _text(pynvml.nvmlSystemGetDriverVersion()),
            "cuda_driver_version": _optional(lambda: pynvml.nvmlSystemGetCudaDriverVersion_v2()),
            "devices": [],
        }
        count = pynvml.nvmlDeviceGetCount()
        for index in range(count):
            handle = pynvml.nvmlDeviceGetHandleByIndex(index)
            device: dict[str, Any] = {
                "index": index,
                "name": _text(pynvml.nvmlDeviceGetName(handle)),
                "uuid": _optional(lambda h=handle: _text(pynvml.nvmlDeviceGetUUID(h))),
                "pci_bus_id": _optional(
                    lambda h=handle: _text(pynvml.nvmlDeviceGetPciInfo(h).busId)
                ),
                "cc": _optional(
                    lambda h=handle: list(pynvml.nvmlDeviceGetCudaComputeCapability(h))
                ),
                "memory_total": _optional(
                    lambda h=handle: int(pynvml.nvmlDeviceGetMemoryInfo(h).total)
                ),
                "mig_mode": _optional(lambda h=handle: list(pynvml.nvmlDeviceGetMigMode(h))),
                "mig_devices": [],
            }
            mig_mode = device["mig_mode"]
            if isinstance(mig_mode, list) and mig_mode and mig_mode[0] == 1:
                # Listing can fail alone (NVMLError_NoPermission, ...): keep the rest.
                device["mig_devices"] = _optional(lambda h=handle: _mig_devices(pynvml, h))
            snap["devices"].append(device)
        return snap
    finally:
        with contextlib.suppress(Exception):
            pynvml.nvmlShutdown()


def _mig_devices(pynvml: Any, handle: Any) -> list[dict[str, Any]]:
    devices = []
    for mig_index in range(pynvml.nvmlDeviceGetMaxMigDeviceCount(handle)):
        try:
            mig = pynvml.nvmlDeviceGetMigDeviceHandleByIndex(handle, mig_index)
        except Exception:  # NVML_ERROR_NOT_FOUND for unused slots
            continue
        devices.append(
            {
                "index": mig_index,
                "uuid": _optional(lambda m=mig: _text(pynvml.nvmlDeviceGetUUID(m))),
                "name": _optional(lambda m=mig: _text(pynvml.nvmlDeviceGetName(m))),
                "memory_total": _optional(
                    lambda m=mig: int(pynvml.nvmlDeviceGetMemoryInfo(m).total)
                ),
            }
        )
    return devices


def _optional(call: Any) -> Any:
    """One NVML answer, or {'error': name} when this call is unsupported on this device/driver."""
    try:
        return call()
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}


class RecordedHost:
    """A machine recorded into a folder: host.json plus root/ holding the files probes read.

    host.json: {"system": {...}, "env": {...}, "which": {"nvidia-smi": "/usr/bin/nvidia-smi"},
    "commands": [{"argv": [...], "returncode": 0, "stdout": "..." | "stdout_file": "x.txt",
    "stderr": "..."} | {"argv": [...], "error": "timeout"}], "nvml": {...}}.
    Paths in probes are absolute; they are looked up under root/. A command whose program is
    not in "which" is not found; a command that is there but not recorded is a fixture bug.
    """

    def __init__(self, folder: str | os.PathLike[str], env: Mapping[str, str] | None = None):
        self.folder = Path(folder)
        self.root = self.folder / "root"
        self.spec: dict[str, Any] = json.loads((self.folder / "host.json").read_text())
        self._env = dict(self.spec.get("env", {}) if env is None else env)
        self.calls: list[tuple[str, ...]] = []

    @property
    def env(self) -> Mapping[str, str]:
        return self._env

    def system(self) -> dict[str, Any]:
        return dict(self.spec["system"])

    def _local(self, path: str) -> Path:
        if not path.startswith("/"):
            raise ValueError(f"recorded hosts take absolute paths, got {path!r}")
        return self.root / path.lstrip("/")

    def read_text(self, path: str) -> str:
        denied = self.spec.get("permission_denied", [])
        if path in denied:
            raise PermissionError(13, "Permission denied", path)
        return self._local(path).read_bytes()[:MAX_READ_BYTES].decode("utf-8", "replace")

    def exists(self, path: str) -> bool:
        return self._local(path).exists()

    def is_dir(self, path: str) -> bool:
        return self._local(path).is_dir()

    def listdir(self, path: str) -> list[str]:
        return sorted(os.listdir(self._local(path)))

    def glob(self, pattern: str) -> list[str]:
        base = str(self.root)
        matches = globlib.glob(base + "/" + pattern.lstrip("/"))
        return sorted("/" + os.path.relpath(m, base) for m in matches)

    def which(self, name: str) -> str | None:
        found = self.spec.get("which", {}).get(name)
        return str(found) if found else None

    def realpath(self, path: str) -> str:
        """Symlinks inside root/ resolve as on the machine: an absolute target is under root/."""
        parts = [p for p in path.split("/") if p]
        resolved: list[str] = []
        hops = 0
        while parts:
            part = parts.pop(0)
            if part == ".":
                continue
            if part == "..":
                if resolved:
                    resolved.pop()
                continue
            local = self.root.joinpath(*resolved, part)
            if local.is_symlink() and hops < MAX_SYMLINK_HOPS:
                hops += 1
                target = os.readlink(local)
                if target.startswith("/"):
                    resolved = []
                parts = [p for p in target.split("/") if p] + parts
                continue
            resolved.append(part)
        return "/" + "/".join(resolved)

    def run(self, argv: Sequence[str], timeout: float = 5.0) -> CommandResult:
        args = tuple(argv)
        self.calls.append(args)
        program = args[0]
        resolved = program if program.startswith("/") else self.which(program)
        for entry in self.spec.get("commands", []):
            recorded = tuple(entry["argv"])
            if recorded == args or (resolved and recorded == (resolved, *args[1:])):
                return self._result(args, entry, timeout)
        if resolved is None or (
            not self.exists(resolved) and program not in self.spec.get("which", {})
        ):
            return CommandResult(args, None, error="not-found")
        raise KeyError(f"recorded host {self.folder.name} has no recording of {list(args)}")

    def _result(
        self, args: tuple[str, ...], entry: dict[str, Any], timeout: float
    ) -> CommandResult:
        if entry.get("error"):
            detail = f"{timeout:g} s" if entry["error"] == "timeout" else entry.get("detail")
            return CommandResult(args, None, error=entry["error"], detail=detail)
        stdout = entry.get("stdout", "")
        if "stdout_file" in entry:
            stdout = (self.folder / entry["stdout_file"]).read_text()
        stderr = entry.get("stderr", "")
        if "stderr_file" in entry:
            stderr = (self.folder / entry["stderr_file"]).read_text()
        return CommandResult(args, int(entry.get("returncode", 0)), stdout, stderr)

    def nvml(self) -> dict[str, Any]:
        snapshot = self.spec.get("nvml")
        if snapshot is None:
            return {
                "error": "NVMLError_LibraryNotFound",
                "message": "NVML Shared Library Not Found",
            }
        return dict(snapshot)
