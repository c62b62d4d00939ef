"""Every step-down explained: one warning per cause that kept a newer release out of the plan.

When the plan installs an older TensorFlow than the newest one asked for, each limiting cause
(the GPU's compute capability, the driver, the system CUDA installed, glibc, Python) gets a
finding that says which newer releases it rules out and what the user would change to get them.
Ids are the public ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..doc_urls import CUDA_GPUS, MVC, TF_TESTED
from ..doc_urls import TF_WINDOWS as WINDOWS_NATIVE
from ..findings import Finding, Severity
from ..matrix.validate import kernel_arch
from ..versions import parsed, xy
from .context import Context
from .evaluate import (
    Evaluation,
    gpu_support,
    has_gpu_build,
    has_wheels,
    lowest_kernel,
    platform_key,
    where_the_driver_goes,
)
from .registry import finding

MANYLINUX = "https://github.com/pypa/manylinux"


class _Cause(NamedTuple):
    id: str
    source: str
    blocks: Callable[[Evaluation], str | None]
    """The reason this cause rules the release out, or None."""
    install: bool
    """An install cause (it also limits a CPU plan) rather than a GPU one."""


def _install_reason(keyword: str) -> Callable[[Evaluation], str | None]:
    def reason(ev: Evaluation) -> str | None:
        return next((b for b in ev.install_blockers if keyword in b), None)

    return reason


def _driver_reason(ev: Evaluation) -> str | None:
    return ev.driver_blocker


def _system_cuda_reason(ev: Evaluation) -> str | None:
    """The CUDA or cuDNN the facts show installed that this release cannot use (and no pip
    wheel set stands in for, as on native Windows)."""
    return ev.system_cuda_blocker


def _cc_reason(ev: Evaluation) -> str | None:
    if ev.gpus and all(g.support == "unsupported" for g in ev.gpus):
        return "; ".join(f"{g.gpu.name}: {g.reason}" for g in ev.gpus)
    return None


_CAUSES = (
    _Cause("compute-capability-unsupported", CUDA_GPUS, _cc_reason, install=False),
    _Cause("driver-too-old", MVC, _driver_reason, install=False),
    _Cause("cuda-version-mismatch", TF_TESTED, _system_cuda_reason, install=False),
    _Cause("glibc-too-old", MANYLINUX, _install_reason("glibc"), install=True),
    _Cause("python-unsupported", TF_TESTED, _install_reason("Python"), install=True),
)


_MEMO: dict[int, tuple[tuple[Evaluation, ...], list[Finding]]] = {}
_MEMO_LIMIT = 4096


def stepdown_findings(ctx: Context) -> list[Finding]:
    """One warning per cause; each names the newest release that cause alone still allows.

    The findings follow from the evaluations alone (and the facts and request they were made
    from), which a fleet's machines of one type share: each distinct tuple is explained once.
    """
    hit = _MEMO.get(id(ctx.evaluations))
    if hit is not None and hit[0] is ctx.evaluations:
        return list(hit[1])
    found = _stepdown_findings(ctx)
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[id(ctx.evaluations)] = (ctx.evaluations, found)
    return list(found)


def _stepdown_findings(ctx: Context) -> list[Finding]:
    chosen = ctx.chosen
    if chosen is None:
        return []
    version = parsed(chosen.release.version)
    newer = [e for e in ctx.evaluations if parsed(e.release.version) > version]
    rejected = [e for e in newer if not (e.gpu_ok if ctx.gpu else e.installable)]
    out = []
    key = platform_key(ctx.facts)
    # a release without wheels for this platform stays out whatever else changes: no Python
    # brings an Intel Mac past 2.16
    rejected = [e for e in rejected if has_wheels(e.release, key)]
    if ctx.gpu:
        # a release without a GPU build for this platform stays out whatever else changes: a
        # newer Python does not give native Windows 2.21's GPU build
        without = [e for e in rejected if not has_gpu_build(e.release, key)]
        rejected = [e for e in rejected if has_gpu_build(e.release, key)]
        if without and key == "windows_x86_64":
            out.append(_windows_finding(chosen, without))
    considered = [
        cause
        for cause in _CAUSES
        if (ctx.gpu or cause.install)
        # the plan's own release waits for a driver: that finding says which
        and not (cause.id == "driver-too-old" and chosen.waits_for_driver)
    ]
    blockers = {id(e): _blockers(ctx, considered, e) for e in rejected}
    # A cause is worth a warning where changing it alone brings a newer release; where no
    # single change does, the causes that keep out the next release are named together.
    alone = {c.id: [e for e in rejected if blockers[id(e)] == {c.id}] for c in considered}
    joint = next((e for e in reversed(rejected) if blockers[id(e)]), None)
    for cause in considered:
        if alone[cause.id]:
            target = alone[cause.id][0]
        elif joint is not None and cause.id in blockers[id(joint)] and not any(alone.values()):
            target = joint
        else:
            continue
        blocked = [
            (e, reason)
            for e in rejected
            if cause.id in blockers[id(e)]
            if (reason := cause.blocks(e)) is not None
        ]
        out.append(_finding(ctx, chosen, cause, blocked, target, blockers[id(blocked[0][0])]))
    return out


def _blockers(ctx: Context, considered: list[_Cause], ev: Evaluation) -> set[str]:
    """The causes that keep this release out. A release this GPU cannot run stays out whatever
    else changes: a newer driver or Python would not bring it (and a Kepler card has no driver
    newer than R470)."""
    if ctx.gpu and _cc_reason(ev) is not None:
        return {"compute-capability-unsupported"}
    return {c.id for c in considered if c.blocks(ev) is not None}


_ALSO_NEEDS = {
    "compute-capability-unsupported": "another GPU",
    "driver-too-old": "a newer NVIDIA driver",
    "cuda-version-mismatch": "its CUDA and cuDNN installed",
    "glibc-too-old": "a newer glibc",
    "python-unsupported": "another Python",
}


def _windows_finding(chosen: Evaluation, without: list[Evaluation]) -> Finding:
    newest = without[0]
    return finding(
        "windows-native-gpu-unsupported",
        Severity.WARNING,
        f"TensorFlow 2.11 and newer have no GPU build on native Windows; {chosen.release.version}"
        " is the newest that uses the GPU here",
        [f"TensorFlow {newest.release.version}: CPU only on native Windows"],
        f"To get TensorFlow {newest.release.version} on the GPU, use WSL2 (the Windows NVIDIA"
        " driver, then 'pip install tensorflow[and-cuda]' inside WSL2, or tfgpu-setup there).",
        WINDOWS_NATIVE,
    )


def _finding(
    ctx: Context,
    chosen: Evaluation,
    cause: _Cause,
    blocked: list[tuple[Evaluation, str]],
    target: Evaluation,
    newest_blockers: set[str],
) -> Finding:
    """target: the newest release that changing this cause brings (alone, where one does);
    newest_blockers: every cause that keeps the newest release it blocks out."""
    newest, oldest = blocked[0][0], blocked[-1][0]
    if newest is ctx.evaluations[0]:
        span = f"≥ {oldest.release.version}"
    elif newest is not oldest:
        span = f"{oldest.release.version} to {newest.release.version}"
    else:
        span = newest.release.version
    below = parsed(oldest.release.version)
    unblocked = next(
        (
            e
            for e in ctx.evaluations
            if parsed(e.release.version) < below and cause.blocks(e) is None
        ),
        chosen,
    )
    title, fix = _WORDING[cause.id](_StepDown(ctx, unblocked, oldest, newest, span, target))
    also = [_ALSO_NEEDS[c] for c in _ALSO_NEEDS if c in newest_blockers - {cause.id}]
    if also:
        fix += f" TensorFlow {newest.release.version} also needs {' and '.join(also)}."
    evidence = [f"TensorFlow {e.release.version}: {reason}" for e, reason in blocked[:3]]
    if len(blocked) > 3:
        evidence.append(f"... and {len(blocked) - 3} more releases for the same reason")
    return finding(cause.id, Severity.WARNING, title, evidence, fix, cause.source)


class _StepDown(NamedTuple):
    """What a cause's wording says: the release it still allows, the oldest and newest it
    keeps out (as span), and the one its change alone brings."""

    ctx: Context
    allowed: Evaluation
    oldest: Evaluation
    newest: Evaluation
    span: str
    target: Evaluation


def _cc_wording(step: _StepDown) -> tuple[str, str]:
    ctx, allowed, _, newest, span, target = step
    gpu = next(g.gpu for g in newest.gpus if g.support == "unsupported")
    cc = gpu.compute_capability or "?"
    kernels = "/".join(_kernels_for(ctx, cc)) or f"compute capability {cc}"
    floor = lowest_kernel(newest.release)
    # a newer release than those kept out that runs this GPU: the span is a gap in the
    # kernels (2.3's wheel has sm_52, not sm_50; 2.4 has sm_50 again), not the GPU's end
    later = next(
        (
            e
            for e in reversed(ctx.evaluations)
            if parsed(e.release.version) > parsed(newest.release.version)
            and any(g.gpu == gpu and g.support != "unsupported" for g in e.gpus)
        ),
        None,
    )
    if later is not None:
        title = (
            f"{gpu.name} (CC {cc}): TensorFlow {span} has no {kernels} kernels; TensorFlow"
            f" {later.release.version} and later have them again"
        )
        fix = (
            f"Skip TensorFlow {span} on this GPU: {later.release.version} and later run it"
            f" (what else keeps them out of this plan is named in the other findings);"
            f" {allowed.release.version} is the newest below the gap."
        )
        return title, fix + _hidden_gpu_runs(ctx, newest, target)
    title = (
        f"{gpu.name} (CC {cc}): TensorFlow {span} has no {kernels} kernels; "
        f"{allowed.release.version} is the newest for this GPU"
    )
    below_floor = floor is not None and cc != "?" and parsed(cc) < parsed(floor)
    fix = (
        f"To get TensorFlow {target.release.version}, use a GPU of compute capability ≥ {floor}"
        if below_floor
        else f"TensorFlow {target.release.version} has no kernels this GPU runs"
    ) + f"; on this GPU, {allowed.release.version} is the newest."
    return title, fix + _hidden_gpu_runs(ctx, newest, target)


def _hidden_gpu_runs(ctx: Context, judged: Evaluation, target: Evaluation) -> str:
    """A GPU of this machine that CUDA_VISIBLE_DEVICES keeps from the judgement (the plan was
    made for the GPUs it shows) and that runs the release this cause keeps out."""
    judged_on = {g.gpu.index for g in judged.gpus}
    hidden = [
        g
        for g in ctx.facts.gpus
        if g.index not in judged_on
        and gpu_support(target.release, g, ctx.matrix).support != "unsupported"
    ]
    if not hidden or ctx.request.gpus is not None:
        return ""
    value = ctx.facts.env.get("CUDA_VISIBLE_DEVICES", "")
    return (
        f" This machine's {hidden[0].name} runs {target.release.version}:"
        f" CUDA_VISIBLE_DEVICES={value!r} hides it (plan with '--gpus {hidden[0].index}' to"
        " use it)."
    )


def _driver_wording(step: _StepDown) -> tuple[str, str]:
    ctx, allowed, oldest, newest, span, target = step
    driver = ctx.facts.driver.version or f"supporting CUDA {ctx.facts.driver.cuda_version}"
    needed = newest.driver_floor[0] if newest.driver_floor else "a newer driver"
    cuda = oldest.release.cuda if oldest is newest else f"{oldest.release.cuda} or newer"
    title = (
        f"Driver {driver}: TensorFlow {span} needs CUDA {cuda} (driver ≥ {needed}); "
        f"{allowed.release.version} is the newest this driver runs"
    )
    to_get = target.driver_floor[0] if target.driver_floor else needed
    fix = (
        f"Update the NVIDIA driver to ≥ {to_get}{where_the_driver_goes(ctx.facts)}, and plan"
        f" again to get TensorFlow {target.release.version}."
    )
    return title, fix


def _glibc_wording(step: _StepDown) -> tuple[str, str]:
    ctx, allowed, _, newest, span, target = step
    glibc = ctx.facts.platform.glibc or "?"
    support = newest.release.platforms.get(platform_key(ctx.facts))
    needed = support.glibc_min if support and support.glibc_min else "?"
    title = (
        f"glibc {glibc}: TensorFlow {span} needs glibc ≥ {needed}; "
        f"{allowed.release.version} is the newest installable here"
    )
    wanted = target.release.platforms.get(platform_key(ctx.facts))
    to_get = wanted.glibc_min if wanted and wanted.glibc_min else needed
    fix = (
        f"Use a Linux distribution (or a container) with glibc ≥ {to_get} to get TensorFlow "
        f"{target.release.version}."
    )
    return title, fix


def _system_cuda_wording(step: _StepDown) -> tuple[str, str]:
    ctx, allowed, _, newest, span, target = step
    found = ", ".join(
        f"{what} {', '.join(versions)}"
        for what, versions in (
            ("CUDA", sorted({c.version for c in ctx.facts.cuda if c.version})),
            ("cuDNN", sorted({c.version for c in ctx.facts.cudnn if c.version})),
        )
        if versions
    )
    kept = ctx.chosen.release.version if ctx.chosen else allowed.release.version
    title = (
        f"{found or 'The CUDA installed'}: TensorFlow {span} needs CUDA {newest.release.cuda}"
        f" and cuDNN {newest.release.cudnn}; the plan keeps {kept}, which runs with what is"
        " installed"
    )
    fix = (
        f"To get TensorFlow {target.release.version}, install CUDA {target.release.cuda} and"
        f" cuDNN {target.release.cudnn} (beside the CUDA you have; its bin folder, or lib64, on"
        " the library path) and plan again."
    )
    return title, fix


def _python_wording(step: _StepDown) -> tuple[str, str]:
    ctx, allowed, _, newest, span, target = step
    have = ctx.request.python or ", ".join(sorted({xy(p.version) for p in ctx.facts.pythons}))
    supported = "/".join(newest.release.python)
    title = (
        f"Python {have or 'none found'}: TensorFlow {span} supports Python {supported}; "
        f"{allowed.release.version} is the newest for this Python"
    )
    python = target.release.python[-1]
    fix = (
        f"Install Python {python} (pyenv, or your OS packages) and plan again "
        f"with '--python {python}' to get TensorFlow {target.release.version}."
    )
    return title, fix


_Wording = Callable[[_StepDown], tuple[str, str]]
_WORDING: dict[str, _Wording] = {
    "compute-capability-unsupported": _cc_wording,
    "driver-too-old": _driver_wording,
    "cuda-version-mismatch": _system_cuda_wording,
    "glibc-too-old": _glibc_wording,
    "python-unsupported": _python_wording,
}


def _kernels_for(ctx: Context, cc: str) -> list[str]:
    """Native kernel names, across the matrix, that a GPU of this compute capability runs."""
    major, minor = parsed(cc).major, parsed(cc).minor
    names = {
        name
        for r in ctx.matrix.tensorflow.releases
        for name in r.sass
        if (arch := _sm(name)) is not None and arch // 10 == major and arch % 10 <= minor
    }
    return sorted(names, key=lambda n: _sm(n) or 0)


def _sm(name: str) -> int | None:
    return kernel_arch(name, "sm_")
