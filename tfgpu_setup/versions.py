"""Version helpers shared by every layer: parsed once, compared many times."""

from __future__ import annotations

import functools

from packaging.specifiers import SpecifierSet
from packaging.version import Version


@functools.lru_cache(maxsize=4096)
def parsed(version: str) -> Version:
    """Version(version), parsed once: the planner compares the same strings thousands of times."""
    return Version(version)


@functools.lru_cache(maxsize=256)
def specifier(text: str) -> SpecifierSet:
    return SpecifierSet(text)


@functools.lru_cache(maxsize=4096)
def xy_tuple(version: str) -> tuple[int, int]:
    """(X, Y) of a version; a bare major ('9', as NVIDIA's docs write it) is X.0."""
    release = parsed(version).release
    return release[0], release[1] if len(release) > 1 else 0


def xy(version: str) -> str:
    """'12.5.1' -> '12.5'; '9' -> '9.0'."""
    major, minor = xy_tuple(version)
    return f"{major}.{minor}"
