"""Where a CUDA or cuDNN library folder goes for the loader to find it, in the words of the system
the log came from: PATH and the bin folder on Windows, DYLD_LIBRARY_PATH on macOS,
LD_LIBRARY_PATH elsewhere, and both Linux's and Windows's where the system is not known."""

from __future__ import annotations

from ..facts import Facts
from .wanted import Wanted


def _system(facts: Facts, wanted: tuple[Wanted, ...]) -> str | None:
    """The stated or probed system, else Windows where the log wants a DLL, else None."""
    if facts.knows("os"):
        return facts.platform.os
    if any(".dll" in w.line.lower() for w in wanted):
        return "windows"
    return None


def put_on_loader_path(facts: Facts, wanted: tuple[Wanted, ...] = (), kind: str = "cuda") -> str:
    """The instruction for an install's library folder (CUDA's is lib64 on Linux)."""
    system = _system(facts, wanted)
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
    system = _system(facts, ())
    if system is None:
        return "LD_LIBRARY_PATH on Linux, PATH on Windows"
    return {"windows": "PATH", "macos": "DYLD_LIBRARY_PATH"}.get(system, "LD_LIBRARY_PATH")
