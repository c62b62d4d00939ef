"""pip finding no TensorFlow on a musl system (Alpine Linux, its Docker images).

TensorFlow publishes manylinux wheels, which need glibc, and no musllinux ones: on musl pip
sees none for any Python, so its refusal says nothing of the Python. The musl-loads-glibc-build
signature reads the other half, a glibc build copied in that musl's loader cannot load.
"""

from __future__ import annotations

import re

from ..doc_urls import PYPI_FILES as SOURCE
from ..facts import Facts
from ..findings import Finding, Severity
from ..planner.evaluate import MUSL_FIX, MUSL_TITLE
from .logs import LogMatch, line_start
from .pip_installs import REFUSALS, versions_listed

_ALPINE_IMAGE = (
    # an official image's Alpine variant ('python:3.11-alpine', 'node:20-alpine3.19'), or an
    # image named for Alpine ('alpine:3.19', 'frolvlad/alpine-python3': review 120)
    r"(?:[\w.-]{1,60}/){0,3}(?:[\w.-]{1,60}:[\w.-]{0,40}alpine[\w.]{0,10}"
    r"|[\w.-]{0,60}alpine[\w.-]{0,60}(?::[\w.-]{1,60})?)"
    r"(?![\w-])"
)
_MUSL = re.compile(
    # musl's ldd ('musl libc (x86_64)'), Alpine's os-release or issue, its APK mirrors
    r"^[ \t]*musl libc\b|^(?:PRETTY_)?NAME=\"?Alpine Linux|^Welcome to Alpine Linux"
    r"|\bdl-cdn\.alpinelinux\.org/"
    # Alpine's release file read ('cat /etc/alpine-release' and its version)
    r"|/etc/alpine-release[ \t]*\r?\n[ \t]*\d{1,2}\.\d{1,3}"
    # Alpine's own package manager at work (a Dockerfile's 'RUN apk add ...')
    r"|^[^\n]{0,80}?\bapk (?:add|update|upgrade)\b"
    # 'pip debug --verbose' listing the tags this Python accepts
    r"|^[ \t]*cp\d{2,3}-(?:cp\d{2,3}|abi3|none)-musllinux_\d"
    # pip itself on musl: a wheel it picked for another package carries the musllinux tag (a
    # glibc pip never selects one), or the index it was given is one of musllinux wheels alone
    # (Home Assistant's Alpine add-ons: AppDaemon#1824)
    r"|^[ \t]*(?:Downloading|Using cached) \S{1,200}-musllinux_\d{1,2}_\d{1,3}_\w{1,20}\.whl\b"
    r"|^[ \t]*Looking in (?:links|indexes): [^\n]{0,300}?/musllinux/?(?:[ ,]|$)"
    # the Python's image as a Dockerfile, BuildKit or the legacy builder names it
    r"|^[ \t]*(?:Step \d{1,3}/\d{1,3} : )?FROM(?:[ \t]+--platform=\S{1,40})?[ \t]+"
    + _ALPINE_IMAGE
    + r"|^[ \t]*=> \[(?:\w{1,20} )?\d{1,3}/\d{1,3}\] FROM [\w./-]{0,80}?"
    + _ALPINE_IMAGE
    # or the image a container was started from ('docker run --rm -it python:3.11-alpine sh')
    + r"|(?<![\w-])(?:docker|podman) (?:container )?run\b[^\n]{0,300}?[ \t]"
    + _ALPINE_IMAGE,
    re.MULTILINE | re.IGNORECASE,
)
"""musl or Alpine named by the system itself, or the image the build starts from or a container
runs (nothing a message about another program or a missing file says)."""
_STAGE = re.compile(
    r"^[ \t]*(?:Step \d{1,3}/\d{1,3} : |(?:=>|#\d{1,4}) \[[^\]\n]{0,40}\] )?FROM[ \t]", re.M
)
"""A Dockerfile's FROM, as written or as the legacy builder or BuildKit prints it."""
_GLIBC = re.compile(r"\bldd \(GNU libc\)|\bGNU C Library\b|\bglibc \d\.\d{1,2}\b")
"""The system's C library named glibc: then the musl words are another program's."""


def musl_refusal(
    matches: tuple[LogMatch, ...], text: str, facts: Facts
) -> tuple[list[Finding], str]:
    """The finding and the musl line it reads, where the last thing the paste shows of the
    system before pip refused TensorFlow (or a manylinux wheel of it) is musl (or the facts say
    so); ([], '') otherwise. A
    refusal that lists versions saw wheels, so the system is not musl; neither is a Mac or
    Windows."""
    if facts.knows("os") and facts.platform.os != "linux":
        return [], ""
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name in REFUSALS
            or (m.signature.name == "pip-wheel-unsupported" and "manylinux" in m.groups["wheel"])
        ),
        None,
    )
    if refusal is None or versions_listed(refusal) or _GLIBC.search(text):
        return [], ""
    before = text[: line_start(text, refusal.line_number)]
    # a build's stages: only the last one before the refusal is where pip ran (a node:alpine
    # stage before a python:slim one says nothing of the Python's C library)
    stage = max((found.start() for found in _STAGE.finditer(before)), default=0)
    before = before[stage:]
    stated = facts.knows("glibc") and facts.platform.musl
    said = next(
        (found.group(0).strip()[:120] for found in reversed(list(_MUSL.finditer(before)))),
        f"stated ({facts.platform.source})" if stated else "",
    )
    if not said:
        return [], ""
    return [
        Finding(
            "glibc-too-old",
            Severity.ERROR,
            MUSL_TITLE,
            (f"musl: {said}", refusal.line.strip()[:300]),
            MUSL_FIX,
            SOURCE,
        )
    ], said
