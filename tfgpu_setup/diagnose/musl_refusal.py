"""pip finding no TensorFlow on a musl system (Alpine Linux, its Docker images).

TensorFlow publishes manylinux wheels, which need glibc, and no musllinux ones: on musl pip
sees none for any Python, so its refusal says nothing of the Python. The musl-loads-glibc-build
signature reads the other half, a glibc build copied in that musl's loader cannot load.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .logs import LogMatch
from .pip_installs import REFUSALS

_MUSL = re.compile(
    r"\bmusl libc\b|/lib/ld-musl-[\w.-]{1,40}|\bAlpine Linux\b|/etc/alpine-release\b"
    r"|\bmusllinux_\d"
    r"|^[ \t]*FROM[ \t]+(?:[\w.-]{1,60}/){0,3}python:[\w.-]{0,40}alpine[\w.-]{0,20}\b",
    re.MULTILINE | re.IGNORECASE,
)
"""musl named by its own loader ('ldd --version': 'musl libc (x86_64)'), Alpine named by its
release file or os-release, a musllinux wheel tag pip prints, or an Alpine Python image (not
another stage's Alpine image: a Node front end's, say)."""
SOURCE = "https://pypi.org/project/tensorflow/#files"


def musl_refusal(matches: tuple[LogMatch, ...], text: str) -> tuple[list[Finding], str]:
    """The finding and the musl line it reads; ([], '') where pip refused no TensorFlow or the
    paste shows no musl."""
    refusal = next((m for m in matches if m.signature.name in REFUSALS), None)
    if refusal is None:
        return [], ""
    musl = _MUSL.search(text)
    if musl is None:
        return [], ""
    said = musl.group(0).strip()[:120]
    return [
        Finding(
            "glibc-too-old",
            Severity.ERROR,
            "The system's C library is musl (Alpine), not glibc: TensorFlow publishes wheels"
            " for glibc only, so pip finds none for any Python",
            (f"musl: {said}", refusal.line.strip()[:300]),
            "Run it on a glibc-based system or image (Debian or Ubuntu, e.g. a '-slim' image"
            " instead of '-alpine'); compatibility layers (gcompat) do not make TensorFlow's"
            " wheels installable.",
            SOURCE,
        )
    ], said
