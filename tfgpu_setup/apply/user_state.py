"""Per-user working files of apply (lock, install log), kept out of the env's folder.

Nothing is left beside the env: the lock and the log of a running apply live in
`$XDG_STATE_HOME/tfgpu-setup/envs/<key>/` (default `~/.local/state/...`), a 0700 folder no
other user can plant a link in. The key is the env's real path (its folder resolved, its name
kept), so two spellings of one env share a lock. Deleting the folder is always safe when no
apply runs: a lock file is recreated on demand and the kernel drops an flock with its holder.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

from .safe_files import private_dir


def state_home(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state"
    return root / "tfgpu-setup"


def env_key(venv: Path) -> str:
    """A file name for the env: readable tail, plus a hash of its real path."""
    real = os.path.join(os.path.realpath(venv.parent), venv.name)
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    readable = re.sub(r"[^A-Za-z0-9._-]", "-", venv.name)[:40].strip(".-") or "env"
    return f"{readable}-{digest}"


def env_work_dir(venv: Path) -> Path:
    """The env's private working folder, created on first use."""
    return private_dir(state_home() / "envs" / env_key(venv))
