"""What the user asked the planner for, with where each setting came from."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_VENV = ".venv-tf"


@dataclass(frozen=True)
class Request:
    tf: str | None = None
    """A release ('2.17' = the newest 2.17.x that installs; '2.17.1') or a specifier ('>=2.17')."""
    venv: str = DEFAULT_VENV
    """Absolute path of the target virtualenv (the CLI resolves it)."""
    gpus: str | None = None
    """--gpus: a comma-separated list of indices, GPU-/MIG- UUIDs, for CUDA_VISIBLE_DEVICES."""
    python: str | None = None
    """Preferred Python X.Y for the environment."""
    sources: dict[str, str] = field(default_factory=dict)
    """Where each overridden fact came from, e.g. {'driver': 'flag --driver'}."""
