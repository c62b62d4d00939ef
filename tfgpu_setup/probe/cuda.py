"""CUDA toolkits and runtimes on this host: nvcc, toolkit folders, libcudart, conda packages.

Version sources (details in shared/reference/nvidia_facts.md, section 4.4):
- `nvcc --version`: 'Cuda compilation tools, release 12.2, V12.2.140'.
- <toolkit>/version.json (CUDA >= 11.1) and version.txt ('CUDA Version 10.1.243', <= 11.0),
  https://github.com/mlverse/torch/issues/638; where neither exists (toolkits assembled from
  pip wheels), include/cuda_runtime_api.h's CUDART_VERSION.
- libcudart file names: libcudart.so.12.2.140; the soname libcudart.so.11.0 is shared by
  every CUDA 11.x release, so it names only the 11 family.
"""

from __future__ import annotations

import json
from typing import Literal

from packaging.version import InvalidVersion, Version

from ..facts import CudaInstall, Note
from ..host import Host
from . import reading
from .environment import split_path_list
from .libraries import LibraryFile, library_folders, loader_cache, versioned_files
from .python_env import conda_record

SOURCE = "cuda"
NVCC_TIMEOUT_S = 3.0
CUDART = "libcudart.so"
TOOLKIT_GLOBS = ("/usr/local/cuda*", "/opt/cuda")
CONDA_RUNTIME_PACKAGES = ("cuda-cudart", "cudatoolkit")
DATE_LIKE_PATCH = 19000000
"""Some version.json files carry a date as patch ('12.2.20230823')."""


def probe_cuda(host: Host) -> tuple[tuple[CudaInstall, ...], tuple[Note, ...]]:
    notes: list[Note] = []
    installs: list[CudaInstall] = []
    installs += _nvcc(host, notes)
    installs += _toolkits(host, notes)
    installs += _loader_runtimes(host, notes)
    installs += _search_path_runtimes(host)
    installs += _conda(host)
    return _once_each(host, installs), tuple(notes)


def _once_each(host: Host, installs: list[CudaInstall]) -> tuple[CudaInstall, ...]:
    """One entry per install, however many paths reach it (/usr/local/cuda -> cuda-13.0,
    lib64 -> targets/x86_64-linux/lib): named by its real path where one of them is that, at
    the place the first of them was found."""
    chosen: dict[tuple[str, str], CudaInstall] = {}
    for install in installs:
        key = (install.kind, reading.realpath(host, install.path))
        known = chosen.get(key)
        if known is None or (known.path != key[1] and install.path == key[1]):
            chosen[key] = install
    return tuple(chosen.values())


def _nvcc(host: Host, notes: list[Note]) -> list[CudaInstall]:
    nvcc = host.which("nvcc")
    if nvcc is None:
        return []
    result = host.run([nvcc, "--version"], timeout=NVCC_TIMEOUT_S)
    if not result.ok:
        notes.append(Note(SOURCE, f"{nvcc} --version failed: {result.describe_failure()}"))
        return [CudaInstall(None, nvcc, "nvcc", "nvcc --version")]
    version = parse_nvcc_version(result.stdout)
    if version is None:
        notes.append(Note(SOURCE, f"{nvcc} --version printed no 'Cuda compilation tools' line"))
    return [CudaInstall(version, nvcc, "nvcc", "nvcc --version")]


def parse_nvcc_version(text: str) -> str | None:
    """'12.2.140' from 'Cuda compilation tools, release 12.2, V12.2.140' (release when no V)."""
    for line in text.splitlines():
        if not line.startswith("Cuda compilation tools"):
            continue
        release = None
        for part in line.split(","):
            part = part.strip()
            if part.startswith("V") and (found := _version(part[1:])):
                return found
            if part.startswith("release "):
                release = _version(part[len("release ") :])
        return release
    return None


def _toolkits(host: Host, notes: list[Note]) -> list[CudaInstall]:
    folders: dict[str, str] = {}
    for pattern in TOOLKIT_GLOBS:
        for folder in reading.glob(host, pattern):
            if reading.is_dir(host, folder):
                folders.setdefault(folder, f"{pattern} folder")
    for variable in ("CUDA_HOME", "CUDA_PATH"):
        value = host.env.get(variable)
        if value and value.startswith("/"):
            folders.setdefault(value.rstrip("/") or "/", variable)
    installs = []
    for folder, found_by in folders.items():
        version, source, problem = toolkit_version(host, folder)
        if problem:
            notes.append(Note(SOURCE, problem))
        installs.append(CudaInstall(version, folder, "toolkit", source or found_by))
    return installs


def toolkit_version(host: Host, folder: str) -> tuple[str | None, str | None, str | None]:
    """(version, where it came from, problem) for a toolkit folder."""
    text, reason = reading.read_text(host, f"{folder}/version.json")
    if text is not None:
        version = parse_version_json(text)
        if version is None:
            return None, None, f"{folder}/version.json has no readable CUDA version"
        return version, f"{folder}/version.json", None
    if reason != "not found":
        return None, None, f"{folder}/version.json: {reason}"
    text, reason = reading.read_text(host, f"{folder}/version.txt")
    if text is not None:
        version = parse_version_txt(text)
        if version is None:
            return None, None, f"{folder}/version.txt has no 'CUDA Version' line"
        return version, f"{folder}/version.txt", None
    if reason != "not found":
        return None, None, f"{folder}/version.txt: {reason}"
    header = f"{folder}/include/cuda_runtime_api.h"
    text = reading.read_text_or_none(host, header)
    version = parse_cudart_header(text) if text is not None else None
    if version is not None:
        return version, f"{header} CUDART_VERSION", None
    return None, None, f"{folder}: no version.json, version.txt or CUDART_VERSION; version unknown"


def parse_version_json(text: str) -> str | None:
    """cuda.version, unless its patch is a date ('12.2.20230823'): then cuda_cudart.version."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    candidates = [_component_version(data, key) for key in ("cuda", "cuda_cudart", "cuda_nvcc")]
    sdk = candidates[0]
    if sdk is not None and Version(sdk).micro < DATE_LIKE_PATCH:
        return sdk
    precise = next((found for found in candidates[1:] if found is not None), None)
    return precise or sdk


def _component_version(data: dict[str, object], key: str) -> str | None:
    component = data.get(key)
    if isinstance(component, dict):
        return _version(str(component.get("version", "")))
    return None


def parse_version_txt(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip().startswith("CUDA Version"):
            return _version(line.split()[-1])
    return None


def parse_cudart_header(text: str) -> str | None:
    """'13.0' from '#define CUDART_VERSION  13000' (major * 1000 + minor * 10)."""
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 3 and words[:2] == ["#define", "CUDART_VERSION"] and words[2].isdigit():
            number = int(words[2])
            return f"{number // 1000}.{number % 1000 // 10}"
    return None


def _loader_runtimes(host: Host, notes: list[Note]) -> list[CudaInstall]:
    entries, note = loader_cache(host, SOURCE)
    if note:
        notes.append(note)
    return [
        _runtime(found, "runtime", "ldconfig -p")
        for folder in library_folders(entries, CUDART)
        for found in versioned_files(host, folder, CUDART)
    ]


def _search_path_runtimes(host: Host) -> list[CudaInstall]:
    installs = []
    for folder in split_path_list(host.env.get("LD_LIBRARY_PATH")):
        if folder.startswith("/"):  # empty and relative entries depend on the working directory
            installs += [
                _runtime(found, "runtime", "LD_LIBRARY_PATH")
                for found in versioned_files(host, folder, CUDART)
            ]
    for variable in ("CUDA_HOME", "CUDA_PATH"):
        root = host.env.get(variable)
        if root and root.startswith("/"):
            for sub in ("lib64", "lib"):
                installs += [
                    _runtime(found, "runtime", variable)
                    for found in versioned_files(host, f"{root.rstrip('/')}/{sub}", CUDART)
                ]
    return installs


def _conda(host: Host) -> list[CudaInstall]:
    prefix = host.env.get("CONDA_PREFIX")
    if not prefix or not prefix.startswith("/"):
        return []
    prefix = prefix.rstrip("/")
    installs = []
    for package in CONDA_RUNTIME_PACKAGES:
        for record in reading.glob(host, f"{prefix}/conda-meta/{package}-*.json"):
            name, version = conda_record(record)
            if name == package:
                installs.append(CudaInstall(version, prefix, "conda", f"conda-meta {name}"))
    installs += [
        _runtime(found, "conda", "CONDA_PREFIX/lib")
        for found in versioned_files(host, f"{prefix}/lib", CUDART)
    ]
    return installs


def _runtime(found: LibraryFile, kind: Literal["runtime", "conda"], source: str) -> CudaInstall:
    return CudaInstall(cudart_version(found), found.path, kind, source)


def cudart_version(found: LibraryFile) -> str:
    """The CUDA version a libcudart file name states; '11' for the shared 11.x soname 11.0."""
    release = found.release
    if len(release) == 2 and release[0] >= 11 and release[1] == 0:
        return str(release[0])
    return ".".join(str(part) for part in release)


def _version(text: str) -> str | None:
    try:
        return str(Version(text.strip()))
    except InvalidVersion:
        return None
