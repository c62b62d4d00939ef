"""Version helpers shared by every layer: parsed once, compared many times."""

from __future__ import annotations

import functools
from typing import Literal

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


LibraryKind = Literal["cuda", "cudnn"]

EXACT_MINOR_BELOW: dict[LibraryKind, int] = {"cuda": 11, "cudnn": 7}
"""Below these majors only the same X.Y serves: CUDA 10.x and older name their runtime by major
and minor (libcudart.so.10.1, so CUDA 10.2 does not provide it), and TensorFlow checks a cuDNN
before 7 for the same major and minor (cuda_dnn.cc)."""

EXACT_CUDA_BUILDS = frozenset({(11, 0)})
"""CUDA builds only their own X.Y serves although the major is newer: CUDA 11.0's cuSOLVER is
libcusolver.so.10, which 11.1 and later replaced with libcusolver.so.11, so TensorFlow 2.4
(built with 11.0) cannot load it from them (tensorflow/tensorflow#45848, #45263)."""


def serves_build(built: str, installed: str, kind: LibraryKind = "cuda") -> bool:
    """An installed CUDA or cuDNN (kind) can serve a build made with `built`: the same major and
    at least its minor, or exactly its minor for the old majors of EXACT_MINOR_BELOW. A bare
    major ('cuDNN 7', as people write it) leaves the minor unknown, so it is not taken as .0."""
    have, want = parsed(installed), parsed(built)
    if have.major != want.major:
        return False
    if len(have.release) == 1:
        return True
    if want.major < EXACT_MINOR_BELOW[kind] or _exact(built, kind):
        return xy_tuple(installed) == xy_tuple(built)
    return xy_tuple(installed) >= xy_tuple(built)


def _exact(built: str, kind: LibraryKind) -> bool:
    return kind == "cuda" and xy_tuple(built) in EXACT_CUDA_BUILDS


def build_need(built: str, kind: LibraryKind = "cuda") -> str:
    """What serves a build, in words: '10.1' for an old major, else '11.x ≥ 11.2'."""
    major = parsed(built).major
    exact = major < EXACT_MINOR_BELOW[kind] or _exact(built, kind)
    return xy(built) if exact else f"{major}.x ≥ {built}"
