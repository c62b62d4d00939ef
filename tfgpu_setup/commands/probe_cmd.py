"""tfgpu-setup probe."""

from __future__ import annotations

import os

from ..host import RealHost
from ..probe.collect import probe
from ..results import ProbeResult


def run(target_env: str | None) -> ProbeResult:
    return ProbeResult(probe(RealHost(os.environ), target_env))
