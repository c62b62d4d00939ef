"""tfgpu-setup plan: one machine, or a folder of facts files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..matrix.load import matrix_in_use
from ..planning import PlanOptions, plan_folder, plan_once
from ..results import FleetPlanResult, PlanResult


def run(opts: PlanOptions, environ: Mapping[str, str]) -> PlanResult | FleetPlanResult:
    matrix = matrix_in_use()
    if opts.facts.facts_file and Path(opts.facts.facts_file).is_dir():
        planned = plan_folder(opts, matrix, environ)
        return FleetPlanResult(planned.hosts, planned.unreadable)
    return PlanResult(plan_once(opts, matrix, environ))
