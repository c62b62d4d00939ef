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


def serves_build(built: str, installed: str) -> bool:
    """An installed CUDA or cuDNN can serve a build made with `built`: the same major and at
    least its minor. A bare major ('cuDNN 7', as people write it) leaves the minor unknown, so
    it is not taken as .0."""
    have, want = parsed(installed), parsed(built)
    if have.major != want.major:
        return False
    return len(have.release) == 1 or xy_tuple(installed) >= xy_tuple(built)
