"""Build a small RecordedHost in a temporary folder from real strings (a /proc/version, ...).

For rules that need one fact varied (a WSL 1 kernel banner, a broken pyvenv.cfg) without a
whole recorded machine; the text placed in each file must still come from a real machine.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tfgpu_setup.host import RecordedHost

LINUX_SYSTEM = {
    "sys_platform": "linux",
    "machine": "x86_64",
    "release": "6.1.0-28-amd64",
    "python_version": "3.11.2",
    "python_executable": "/usr/bin/python3",
    "libc": ["glibc", "2.36"],
}


def build_host(
    folder: Path,
    *,
    system: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    files: Mapping[str, str] | None = None,
    which: Mapping[str, str] | None = None,
    commands: list[dict[str, Any]] | None = None,
    permission_denied: list[str] | None = None,
    links: Mapping[str, str] | None = None,
) -> RecordedHost:
    """files maps absolute paths to their text; a path ending in '/' makes an empty folder.
    links maps absolute paths to symlink targets, written as given (absolute ones resolve
    under root/, as RecordedHost.realpath reads them)."""
    root = folder / "root"
    root.mkdir(parents=True, exist_ok=True)
    for path, text in (files or {}).items():
        local = root / path.lstrip("/")
        if path.endswith("/"):
            local.mkdir(parents=True, exist_ok=True)
            continue
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_text(text)
    for path, target in (links or {}).items():
        local = root / path.lstrip("/")
        local.parent.mkdir(parents=True, exist_ok=True)
        local.symlink_to(target)
    spec = {
        "system": dict(system or LINUX_SYSTEM),
        "env": dict(env or {}),
        "which": dict(which or {}),
        "commands": commands or [],
        "permission_denied": permission_denied or [],
    }
    (folder / "host.json").write_text(json.dumps(spec))
    return RecordedHost(folder)
