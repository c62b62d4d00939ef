"""The environment variables that decide what TensorFlow finds, as the user's process sees them."""

from __future__ import annotations

from ..envvars import (
    VisibleDevices,
    has_empty_entry,
    parse_cuda_visible_devices,
    split_path_list,
)
from ..facts import ENV_VARIABLES
from ..host import Host

__all__ = [
    "VisibleDevices",
    "has_empty_entry",
    "parse_cuda_visible_devices",
    "probe_env_vars",
    "split_path_list",
]


def probe_env_vars(host: Host) -> dict[str, str | None]:
    env = host.env
    return {name: env.get(name) for name in ENV_VARIABLES}
