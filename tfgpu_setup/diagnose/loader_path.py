"""Where a CUDA or cuDNN library folder goes for the loader to find it, in the words of the system
the log came from: PATH and the bin folder on Windows, DYLD_LIBRARY_PATH on macOS,
LD_LIBRARY_PATH elsewhere, and both Linux's and Windows's where the system is not known."""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, with_context
from .logfacts import LogFacts
from .wanted import Wanted


def system_of(facts: Facts, wanted: tuple[Wanted, ...] = ()) -> str | None:
    """The stated or probed system, else Windows where the log wants a DLL, else None."""
    if facts.knows("os"):
        return facts.platform.os
    if any(".dll" in w.line.lower() for w in wanted):
        return "windows"
    return None


def put_on_loader_path(facts: Facts, wanted: tuple[Wanted, ...] = (), kind: str = "cuda") -> str:
    """The instruction for an install's library folder (CUDA's is lib64 on Linux)."""
    system = system_of(facts, wanted)
    folder = "lib64" if kind == "cuda" else "library"
    if system == "windows":
        return "put its bin folder on PATH"
    if system == "macos":
        return "put its lib folder on DYLD_LIBRARY_PATH"
    if system is not None:
        return f"put its {folder} folder on LD_LIBRARY_PATH"
    return "put its library folder on LD_LIBRARY_PATH, or its bin folder on PATH on Windows"


def loader_path_named(facts: Facts) -> str:
    """The loader's search path, named for the system."""
    system = system_of(facts)
    if system is None:
        return "LD_LIBRARY_PATH on Linux, PATH on Windows"
    return {"windows": "PATH", "macos": "DYLD_LIBRARY_PATH"}.get(system, "LD_LIBRARY_PATH")


_CUDA_LIB_FOLDER = re.compile(r"^(?P<root>/(?:usr/local|opt)/cuda(?:-\d{1,2}(?:\.\d)?)?)/lib/?$")
"""A CUDA toolkit's lib folder, where a 64-bit Linux install keeps no libraries (they are in
lib64; lib is macOS's and old 32-bit installs')."""


def lib_folder_not_lib64(log: LogFacts) -> tuple[str, str] | None:
    """The toolkit lib folder the failing lines' LD_LIBRARY_PATH names where its lib64 is not
    named too, and that lib64: (folder, lib64); None when there is no such folder or the library
    wanted is no Linux one."""
    if not any(".so" in w.lib or ".so." in w.line for w in log.wanted_cuda):
        return None
    if any(folder.endswith("/lib64") for folder in log.cuda_folders_searched):
        return None  # a toolkit's lib64 is searched too (/usr/local/cuda may link to it)
    for folder in log.cuda_folders_searched:
        if found := _CUDA_LIB_FOLDER.match(folder):
            return folder, f"{found['root']}/lib64"
    return None


def lib64_not_searched(findings: tuple[Finding, ...], log: LogFacts) -> tuple[Finding, ...]:
    """Library findings where LD_LIBRARY_PATH names a CUDA toolkit's lib, not its lib64, say so
    (tensorflow#55492: '/usr/local/cuda/lib' beside a CUDA 11.4 that had the library)."""
    folders = lib_folder_not_lib64(log)
    if folders is None:
        return findings
    folder, lib64 = folders
    return with_context(
        findings,
        frozenset({"cuda-libs-not-found"}),
        f"LD_LIBRARY_PATH names {folder}, not {lib64}",
        f" Here LD_LIBRARY_PATH names {folder}, but a 64-bit Linux CUDA keeps its libraries in"
        f" {lib64}: put that folder there instead.",
    )
