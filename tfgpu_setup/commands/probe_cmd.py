"""tfgpu-setup probe."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..facts import Facts
from ..host import RealHost
from ..outcome import Outcome
from ..probe.collect import probe

if TYPE_CHECKING:
    from rich.console import Console


def run(target_env: str | None) -> Outcome:
    facts = probe(RealHost(os.environ), target_env)
    return Outcome(facts.to_jsonable(), lambda console: _show(console, facts))


def _show(console: Console, facts: Facts) -> None:
    from ..render import show_facts  # rich loads only for human output

    show_facts(console, facts)
