"""tfgpu-setup probe."""

from __future__ import annotations

import os

from ..host import RealHost
from ..outcome import Outcome
from ..probe import probe
from ..render import show_facts


def run(target_env: str | None) -> Outcome:
    facts = probe(RealHost(os.environ), target_env)
    return Outcome(facts.to_jsonable(), lambda console: show_facts(console, facts))
