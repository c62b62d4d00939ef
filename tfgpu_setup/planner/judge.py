"""Judging the facts: the rules over the facts for a release, shared by plan and doctor.

`plan` chooses a release and judges the facts for it; `doctor` judges the facts for the release
that is installed (or that produced a log). Both get the same findings, ranked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import Facts
from ..findings import Finding, expected_without_a_gpu, install_first, merge
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..versions import parsed
from . import rules as _rules  # noqa: F401  (registers the rules)
from .context import Context
from .evaluate import Evaluation, evaluate
from .jetson import on_a_jetson
from .registry import RULES
from .request import Request
from .stepdown import stepdown_findings
from .visible import pci_order_set, with_shown_gpus


@dataclass(frozen=True)
class Selection:
    evaluations: tuple[Evaluation, ...]
    """Releases considered, newest first."""
    chosen: Evaluation | None
    gpu: bool


def select(
    evaluations: tuple[Evaluation, ...], release_free: bool = True, system_cuda_only: bool = False
) -> Selection:
    """The newest release whose GPU build runs here; else the newest whose GPU build runs once
    the user installs what only they can (the system CUDA or cuDNN it loads, where no pip wheel
    stands in for it; a driver new enough; both; a Python it supports): a GPU plan with that step,
    not a CPU one; else the newest installable one. release_free: no release was asked for
    (a release and a Python both asked for that do not go together are the user's to mend).
    system_cuda_only: no pip wheel brings CUDA on this platform (native Windows)."""
    # (where no release installs on this Python at all, that stays the finding: exit 11)
    python_step = release_free and any(e.installable for e in evaluations)
    gpu_choice = (
        next((e for e in evaluations if e.gpu_ok), None)
        or next(
            (
                e
                for e in evaluations
                if e.installable and e.gpu_blockers == (e.system_cuda_blocker,)
            ),
            None,
        )
        or next((e for e in evaluations if e.installable and e.driver_update_fixes), None)
        or next((e for e in evaluations if e.installable and e.system_cuda_and_driver_fix), None)
        # a Python to install is the user's step as a driver is: a GPU plan with it first
        # instead of a CPU build for the Python here, where the release's own wheels bring its
        # CUDA (no second install to make)
        or next(
            (
                e
                for e in evaluations
                if python_step and e.python_install_fixes and e.cuda_from != "system"
            ),
            None,
        )
        # and where every GPU build loads a system CUDA (native Windows' 2.10 and older), the
        # Python and that CUDA are both the user's steps: still a GPU plan, not a CPU one (where
        # pip wheels bring CUDA, a release years older is no better than the CPU plan's fix)
        or next(
            (
                e
                for e in evaluations
                if python_step
                and system_cuda_only
                and e.python_to_install is not None
                and set(e.gpu_blockers) <= {e.system_cuda_blocker}
            ),
            None,
        )
    )
    chosen = gpu_choice or next((e for e in evaluations if e.installable), None)
    return Selection(evaluations, chosen, gpu_choice is not None)


def judge(ctx: Context) -> tuple[Finding, ...]:
    """Every rule over the context, and for a plan why each newer release was stepped down
    from: one finding per id (the rule's on a tie), ranked."""
    stepped_down = () if ctx.installed else stepdown_findings(ctx)
    merged = install_first(merge(*(r.check(ctx) for r in RULES), stepped_down))
    return on_a_jetson(expected_without_a_gpu(merged, ctx.facts.gpus_absent()), ctx.facts)


def installed_release(matrix: Matrix, version: str | None) -> TfRelease | None:
    """The matrix entry of an installed or logged release: '2.5' is the newest 2.5.x."""
    if not version:
        return None
    try:
        wanted = parsed(version)
    except ValueError:
        return None
    exact = query.release(matrix, str(wanted)) if len(wanted.release) >= 3 else None
    if exact is not None:
        return exact
    prefix = wanted.release[:2]
    series = [r for r in matrix.tensorflow.releases if parsed(r.version).release[:2] == prefix]
    return max(series, key=lambda r: parsed(r.version), default=None)


def judge_installed(
    facts: Facts, matrix: Matrix, version: str | None, venv: str, guessed: bool = False
) -> tuple[Finding, ...]:
    """The findings for the TensorFlow release already installed (None: not known); guessed:
    the release is only one the log's hints admit."""
    release = installed_release(matrix, version)
    # The installed release runs on the GPUs the user's CUDA_VISIBLE_DEVICES shows it.
    seen = with_shown_gpus(facts, facts.env.get("CUDA_VISIBLE_DEVICES"), pci_order_set(facts))
    evaluations = (evaluate(release, seen, matrix, None, installed=True),) if release else ()
    chosen = evaluations[0] if evaluations else None
    ctx = Context(
        facts,
        matrix,
        Request(tf=release.version if release else None, venv=venv),
        evaluations,
        chosen,
        gpu=chosen is not None and chosen.gpu_ok,
        installed=True,
        release_guessed=guessed,
    )
    return judge(ctx)
