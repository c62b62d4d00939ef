"""cuDNN on this host: headers, libraries the loader can find, and the target env's pip wheel.

Headers: cuDNN <= 7 defines its version in cudnn.h, 8 and later in cudnn_version.h; Debian
packages install cudnn_version_v8.h under /usr/include/<multiarch>/. The version is read
from CUDNN_MAJOR, CUDNN_MINOR and CUDNN_PATCHLEVEL, as TensorFlow's find_cuda_config.py does,
because CUDNN_VERSION changed scale in cuDNN 9 (MAJOR*10000 instead of MAJOR*1000).
"""

from __future__ import annotations

import posixpath

from ..facts import CudnnInstall, Note, PythonEnv
from ..host import Host
from . import reading
from .environment import split_path_list
from .libraries import LibraryFile, library_folders, loader_cache, versioned_files

SOURCE = "cudnn"
CUDNN = "libcudnn.so"
HEADER_FOLDERS = (
    "/usr/include",
    "/usr/include/x86_64-linux-gnu",
    "/usr/include/aarch64-linux-gnu",
    "/usr/local/cuda*/include",
)
LIBRARY_FOLDERS = ("/usr/local/cuda*/lib64",)
CUDNN_WHEEL_PREFIX = "nvidia-cudnn-cu"
"""nvidia-cudnn-cu11/-cu12/-cu13; nvidia-cudnn-frontend is a Python API, not the library."""
VERSION_MACROS = ("CUDNN_MAJOR", "CUDNN_MINOR", "CUDNN_PATCHLEVEL")


def probe_cudnn(
    host: Host, target_env: PythonEnv | None
) -> tuple[tuple[CudnnInstall, ...], tuple[Note, ...]]:
    notes: list[Note] = []
    installs = [*_headers(host, notes), *_libraries(host), *_wheels(target_env)]
    return tuple(dict.fromkeys(installs)), tuple(notes)


def _headers(host: Host, notes: list[Note]) -> list[CudnnInstall]:
    installs = []
    for header in _header_files(host):
        text, reason = reading.read_text(host, header)
        if text is None:
            notes.append(Note(SOURCE, f"{header}: {reason}"))
            continue
        version = parse_cudnn_header(text)
        if version is not None:
            installs.append(
                CudnnInstall(version, header, "headers", "CUDNN_MAJOR/MINOR/PATCHLEVEL")
            )
        elif posixpath.basename(header).startswith("cudnn_version"):
            notes.append(Note(SOURCE, f"{header} defines no CUDNN_MAJOR"))
    return installs


def _header_files(host: Host) -> list[str]:
    folders = [f for pattern in HEADER_FOLDERS for f in _expand(host, pattern)]
    folders += [f"{root}/include" for root, _ in _env_roots(host)]
    headers: list[str] = []
    for folder in dict.fromkeys(folders):
        # cudnn.h holds the version only up to cuDNN 7; read it where no cudnn_version*.h is.
        found = reading.glob(host, f"{folder}/cudnn_version*.h") or reading.glob(
            host, f"{folder}/cudnn.h"
        ) + reading.glob(host, f"{folder}/cudnn_v[0-9]*.h")
        headers += found
    return headers


def parse_cudnn_header(text: str) -> str | None:
    """'8.9.7' from '#define CUDNN_MAJOR 8' / MINOR 9 / PATCHLEVEL 7 ('9.0' without a patch)."""
    values: dict[str, int] = {}
    for line in text.splitlines():
        words = line.replace("#", " # ", 1).split()
        is_version_define = (
            len(words) >= 4 and words[:2] == ["#", "define"] and words[2] in VERSION_MACROS
        )
        if is_version_define and words[3].isascii() and words[3].isdigit():
            values.setdefault(words[2], int(words[3]))
    if "CUDNN_MAJOR" not in values:
        return None
    parts = [values[macro] for macro in VERSION_MACROS if macro in values]
    return ".".join(str(part) for part in parts)


def _libraries(host: Host) -> list[CudnnInstall]:
    # probe_cuda reads the same loader cache and already notes when it cannot.
    entries, _ = loader_cache(host, SOURCE)
    installs = [
        _library(found, "ldconfig -p")
        for folder in library_folders(entries, CUDNN)
        for found in versioned_files(host, folder, CUDNN)
    ]
    searched: list[tuple[str, str]] = [
        (folder, "LD_LIBRARY_PATH")
        for folder in split_path_list(host.env.get("LD_LIBRARY_PATH"))
        if folder.startswith("/")
    ]
    searched += [(f, "toolkit folder") for p in LIBRARY_FOLDERS for f in _expand(host, p)]
    searched += [
        (f"{root}/{sub}", variable)
        for root, variable in _env_roots(host)
        for sub in ("lib64", "lib")
    ]
    for folder, source in searched:
        installs += [_library(found, source) for found in versioned_files(host, folder, CUDNN)]
    return installs


def _library(found: LibraryFile, source: str) -> CudnnInstall:
    return CudnnInstall(found.suffix, found.path, "library", source)


def _wheels(target_env: PythonEnv | None) -> list[CudnnInstall]:
    if target_env is None:
        return []
    return [
        CudnnInstall(
            wheel.version,
            wheel.lib_dirs[0] if wheel.lib_dirs else (target_env.site_packages or target_env.path),
            "wheel",
            f"pip {wheel.name}",
        )
        for wheel in target_env.nvidia_wheels
        if wheel.name == "nvidia-cudnn" or wheel.name.startswith(CUDNN_WHEEL_PREFIX)
    ]


def _env_roots(host: Host) -> list[tuple[str, str]]:
    roots = []
    for variable in ("CUDA_HOME", "CUDA_PATH", "CONDA_PREFIX"):
        value = host.env.get(variable)
        if value and value.startswith("/"):
            roots.append((value.rstrip("/") or "/", variable))
    return roots


def _expand(host: Host, pattern: str) -> list[str]:
    if "*" not in pattern:
        return [pattern] if reading.is_dir(host, pattern) else []
    return [found for found in reading.glob(host, pattern) if reading.is_dir(host, found)]
