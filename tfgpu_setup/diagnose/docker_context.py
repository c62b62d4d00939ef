"""Which docker engine a paste's containers ran on, as the docker CLI's own answers show it.

The client's OS/Arch and the prompt say where the CLI runs; the context in force and the server
block say where the containers do. A context on another machine (ssh://, tcp://, a server block
of Docker Engine's own) is a remote Linux engine, whose host takes the NVIDIA Container Toolkit,
not Docker Desktop; a later 'docker context use NAME' supersedes the context an earlier listing
showed (review 97). Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch, line_start
from .signatures.driver import (
    APT_WITHOUT_NVIDIA_REPOSITORY,
    DOCKER_DESKTOP,
    DOCKER_DESKTOP_LINUX,
    DOCKER_DESKTOP_MAC,
)

_LOCAL_VMS = (
    r"(?:default|desktop-linux|desktop-windows|colima[\w-]{0,30}|orbstack|rancher-desktop"
    r"|lima[\w-]{0,30}|podman[\w-]{0,30})"
)
"""Contexts of an engine on this machine (Docker Desktop's, or another VM's): no remote host."""
_REMOTE_ENGINE = re.compile(
    # 'docker context ls' with a context on another machine current, or DOCKER_HOST set to one
    r"^[ \t]*[\w.-]{1,60} \*[^\n]{0,300}?\b(?:ssh|tcp)://"
    # (not the local loopback Docker Desktop exposes its own daemon on: review 99)
    r"|\bDOCKER_HOST[ \t]*=[ \t]*['\"]?(?:ssh|tcp)://(?!(?:localhost|127\.0\.0\.1)[:/'\"\s])"
    # 'docker version': a context of no local VM, served by Docker Engine itself
    rf"|^[ \t]*Context:[ \t]+(?!{_LOCAL_VMS}\b)[\w.-]{{1,60}}[ \t]*\r?\n(?:[^\n]*\n){{0,3}}?"
    r"[ \t]*\r?\n?Server: Docker Engine - Community",
    re.MULTILINE,
)
_CONTEXT_NOW = re.compile(r'Current context is now "(?P<name>[\w.-]{1,60})"')


_TOOLKIT_INSTALLED = re.compile(
    r"^[ \t]*Setting up[ \t]+nvidia-container-toolkit\b"
    r"|^[ \t]*Installing[ \t]*:[ \t]*nvidia-container-toolkit\b"
    # dnf's and yum's summary, the toolkit anywhere in it up to 'Complete!' (review 99)
    r"|^[ \t]*Installed:[ \t]*\r?\n(?:[^\n]{0,300}\n){0,40}?[^\n]{0,300}?"
    r"\bnvidia-container-toolkit-\d",
    re.MULTILINE,
)
"""apt's or dnf's word that the toolkit went in."""


def without_docker_desktop_superseded(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less the signs of Docker Desktop where the paste shows the containers ran
    on a remote engine, and less Docker Desktop for Linux's context where a later 'docker
    context use' switched away from it."""
    desktop = {DOCKER_DESKTOP, DOCKER_DESKTOP_MAC, DOCKER_DESKTOP_LINUX}
    if not any(m.signature.name in desktop for m in matches):
        return matches
    remote = _REMOTE_ENGINE.search(text) is not None
    switched = [
        (text.count("\n", 0, c.start()) + 1, c["name"]) for c in _CONTEXT_NOW.finditer(text)
    ]

    def superseded(m: LogMatch) -> bool:
        if m.signature.name in (DOCKER_DESKTOP, DOCKER_DESKTOP_MAC) and remote:
            return True
        later = [name for line, name in switched if line > m.line_number]
        return bool(later) and not later[-1].startswith("desktop-")

    return tuple(m for m in matches if not superseded(m))


def without_repository_missing_mended(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less the package manager's 'no such package' for the toolkit where the
    paste then shows it installed (the repository was added after it: review 98)."""
    return tuple(
        m
        for m in matches
        if m.signature.name != APT_WITHOUT_NVIDIA_REPOSITORY
        or not _TOOLKIT_INSTALLED.search(text, line_start(text, m.line_number + 1))
    )


def remote_engine_line(text: str) -> str:
    """The line showing the paste's containers ran on a docker engine on another machine (a
    Linux one), '' where none does."""
    found = _REMOTE_ENGINE.search(text)
    return found.group(0).strip().split("\n", 1)[0][:160] if found else ""
