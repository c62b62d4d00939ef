"""make_plan: facts + matrix + request -> Plan. Pure: no files, processes, network or clock."""

from __future__ import annotations

import dataclasses
from typing import Any

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from ..activation import VenvLayout
from ..envvars import entry_kind
from ..errors import ExitCode, RequestError
from ..facts import CudaInstall, Facts
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..plan import ActivateSpec, Assumption, Decision, Package, Plan, Verdict, with_steps
from ..versions import parsed, xy
from . import layout, legacy
from .context import Context
from .evaluate import Evaluation, GpuSupport, evaluate, major_only, platform_key
from .held_back import held_back_decisions, held_back_packages
from .judge import judge, select
from .metal import METAL_PAIRS, metal_plug_in
from .request import Request
from .visible import pci_order_set, with_shown_gpus

TF_DISTRIBUTIONS = (
    "tensorflow",
    "tensorflow-cpu",
    "tensorflow-gpu",
    "tf-nightly",
    "tf-nightly-gpu",
    "tf-nightly-cpu",
    "tensorflow-intel",
    "tensorflow-macos",
    "tensorflow-cpu-aws",
    "tensorflow-aarch64",
    "intel-tensorflow",
)
RELEASE_SOURCE = "matrices/tensorflow.json"


_CANDIDATES: dict[tuple[int, str | None], tuple[Matrix, tuple[TfRelease, ...]]] = {}


def candidate_releases(
    matrix: Matrix,
    spec: str | None,
    driver_cuda: str | None = None,
    on_macos: bool = False,
    apple_silicon: bool = False,
) -> tuple[TfRelease, ...]:
    """The releases a request admits, newest first (remembered per matrix and spec).
    driver_cuda: the CUDA the known driver runs, which the refusal of a 1.x release weighs;
    on_macos: the machine is a Mac, where no 1.x GPU route is left."""
    hit = _CANDIDATES.get((id(matrix), spec))
    if hit is not None and hit[0] is matrix:
        return hit[1]
    if spec is None:
        releases = list(matrix.tensorflow.releases)
    else:
        releases = query.releases_matching(matrix, spec)
        if not releases:
            raise RequestError(
                "tf", _no_release_for(matrix, spec, driver_cuda, on_macos, apple_silicon)
            )
    ordered = tuple(sorted(releases, key=lambda r: parsed(r.version), reverse=True))
    if len(_CANDIDATES) >= _EVALUATIONS_LIMIT:
        _CANDIDATES.clear()
    _CANDIDATES[(id(matrix), spec)] = (matrix, ordered)
    return ordered


def _no_release_for(
    matrix: Matrix,
    spec: str,
    driver_cuda: str | None,
    on_macos: bool = False,
    apple_silicon: bool = False,
) -> str:
    """Why --tf names nothing to plan: a 1.x release (older than any the table plans, whose
    builds are only judged), or a version that does not exist."""
    oldest = min(matrix.tensorflow.releases, key=lambda r: parsed(r.version)).version
    try:
        asked = parsed(spec.lstrip("=~<>! "))
        older = asked < parsed(oldest)
    except ValueError:
        older = False
    if older:
        route = (
            (MAC_ARM64_LEGACY_ROUTE if apple_silicon else MAC_LEGACY_ROUTE)
            if on_macos
            else _legacy_route(matrix, asked, driver_cuda)
        )
        return (
            f"{spec!r} is older than every release this tool plans ({oldest} and later: older"
            " ones have no wheels for a Python still maintained); TensorFlow 1.x code runs on"
            f" 2.x through tf.compat.v1, {route} ('doctor --tf' still judges an installed 1.x)"
        )
    known = ", ".join(r.version for r in matrix.tensorflow.releases[:6])
    return (
        f"{spec!r} matches no TensorFlow release in the matrix "
        f"(newest: {known}, ...); see 'tfgpu-setup matrix show'"
    )


MAC_LEGACY_ROUTE = (
    "where a Mac's GPU works through tensorflow-metal; a 1.x release runs on a Mac's CPU only"
    " (its last macOS GPU build was 1.1, and NVIDIA's NGC containers are Linux's)"
)
MAC_ARM64_LEGACY_ROUTE = (
    "where a Mac's GPU works through tensorflow-metal; no 1.x release has a wheel for Apple"
    " silicon (its macOS wheels are x86_64's, which run only under Rosetta 2, on the CPU), and"
    " NVIDIA's NGC containers are Linux's"
)
NGC_TF1_CUDA = "11.0"
"""NVIDIA's NGC TensorFlow 1.15 containers (20.06 on) and nvidia-tensorflow are built with CUDA
11: a driver for an older CUDA does not run them (NGC's release notes), save data-centre GPUs'
forward compatibility."""


def _legacy_route(matrix: Matrix, asked: Version, driver_cuda: str | None) -> str:
    """The way to a 1.x GPU build this driver runs: NGC's 1.15 (CUDA 11), or on a driver for an
    older CUDA, the release's own wheel with the system CUDA it was built with."""
    ngc = "or use NVIDIA's NGC TensorFlow 1.15 container (it needs a driver for CUDA 11 or newer)"
    if driver_cuda is None or parsed(driver_cuda) >= parsed(NGC_TF1_CUDA):
        return ngc
    build = next(
        (b for b in matrix.tensorflow.legacy_builds if asked in SpecifierSet(b.tensorflow)), None
    )
    if build is None:
        return ngc
    if parsed(driver_cuda) < parsed(build.cuda):
        return (
            f"or update the driver to one for CUDA {build.cuda} or newer (this one runs CUDA"
            f" {driver_cuda}), then install 'tensorflow-gpu~={asked}' in a Python 3.7 or older"
            f" with a system CUDA {build.cuda} and cuDNN {build.cudnn}"
        )
    return (
        f"or, on this driver (CUDA {driver_cuda}, too old for NGC's 1.15 containers), install"
        f" 'tensorflow-gpu~={asked}' in a Python 3.7 or older with a system CUDA {build.cuda} and"
        f" cuDNN {build.cudnn}, which it was built with"
    )


_EVALUATIONS: dict[tuple[Any, ...], tuple[Matrix, tuple[Evaluation, ...]]] = {}
_EVALUATIONS_LIMIT = 4096


def _machine_type(facts: Facts) -> tuple[Any, ...]:
    """Exactly what evaluate() reads: hosts of a fleet that differ only in serial numbers,
    UUIDs, bus ids or kernels are one machine type."""
    p, d, env = facts.platform, facts.driver, facts.target_env
    return (
        p.os,
        p.arch,
        p.glibc,
        p.container,
        facts.pythons,
        (d.version, d.cuda_version, d.windows_numbering),
        tuple((g.name, g.compute_capability) for g in facts.gpus),
        tuple((c.version, c.kind) for c in facts.cuda),
        tuple(c.version for c in facts.cudnn),
        (env.is_virtualenv, env.python_version) if env else None,
        facts.unknown,
    )


def evaluate_all(
    releases: tuple[TfRelease, ...], facts: Facts, matrix: Matrix, python: str | None
) -> tuple[Evaluation, ...]:
    """Evaluations depend on a few facts only; machines of a fleet share them, so each
    distinct machine type is evaluated once (a pure function remembered, not a shortcut).
    Their GPUs may be another host's of the same type: make_plan gives the chosen one this
    host's own GPUs (UUIDs) back, the only place a GPU's identity is used."""
    key = (id(matrix), tuple(r.version for r in releases), python, *_machine_type(facts))
    hit = _EVALUATIONS.get(key)
    if hit is not None and hit[0] is matrix:
        return hit[1]
    evaluations = tuple(evaluate(r, facts, matrix, python) for r in releases)
    if len(_EVALUATIONS) >= _EVALUATIONS_LIMIT:
        _EVALUATIONS.clear()
    _EVALUATIONS[key] = (matrix, evaluations)
    return evaluations


def _with_gpus(evaluation: Evaluation, facts: Facts) -> Evaluation:
    if all(s.gpu is g for s, g in zip(evaluation.gpus, facts.gpus, strict=True)):
        return evaluation
    gpus = tuple(
        GpuSupport(g, s.support, s.reason) for s, g in zip(evaluation.gpus, facts.gpus, strict=True)
    )
    return dataclasses.replace(evaluation, gpus=gpus)


def make_plan(facts: Facts, matrix: Matrix, request: Request) -> Plan:
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    on_macos = facts.knows("os") and facts.platform.os == "macos"
    apple_silicon = on_macos and facts.knows("arch") and facts.platform.arch in ("arm64", "aarch64")
    releases = candidate_releases(matrix, request.tf, driver_cuda, on_macos, apple_silicon)
    # With --gpus, the release is judged on the GPUs the plan shows TensorFlow, no others.
    gpus = _validated_gpu_selection(facts, request.gpus) if request.gpus is not None else None
    if gpus is not None:
        seen = with_shown_gpus(facts, gpus, pci_order=True)  # the activate script sets the order
    else:
        # the user's own CUDA_VISIBLE_DEVICES stays (a scheduler's, perhaps): the GPUs it shows
        seen = with_shown_gpus(facts, facts.env.get("CUDA_VISIBLE_DEVICES"), pci_order_set(facts))
    selection = select(
        evaluate_all(releases, seen, matrix, request.python),
        release_free=request.tf is None,
        system_cuda_only=platform_key(facts) == "windows_x86_64",
    )
    chosen = _with_gpus(selection.chosen, seen) if selection.chosen else None
    if chosen is not None and chosen.python is None and chosen.python_to_install is not None:
        # the GPU plan's environment is made with the Python the user installs first
        chosen = dataclasses.replace(chosen, python=chosen.python_to_install)
    evaluations = tuple(
        chosen if chosen is not None and e is selection.chosen else e for e in selection.evaluations
    )
    ctx = Context(facts, matrix, request, evaluations, chosen, gpu=selection.gpu)
    findings = judge(ctx)
    decisions = _decisions(ctx)
    verdict: Verdict = "gpu" if selection.gpu else ("cpu" if chosen else "none")
    python = chosen.python if chosen else None
    packages = _packages(ctx)
    activate = _activate(ctx) if chosen else None
    remove = _conflicts(ctx)
    plan = Plan(
        verdict=verdict,
        tensorflow=chosen.release.version if chosen else None,
        python=xy(python.version) if python else None,
        python_path=python.path if python else None,
        venv=request.venv,
        packages=packages,
        remove=remove,
        activate=activate,
        findings=findings,
        decisions=decisions,
        steps=(),
        matrix=f"{matrix.origin} (refreshed {matrix.tensorflow.refreshed})",
        assumptions=_assumptions(ctx),
    )
    return with_steps(plan)


def _assumptions(ctx: Context) -> tuple[Assumption, ...]:
    """What the chosen release's evaluation took for granted (or the newest one's, when none
    can be chosen): the user confirms each before applying."""
    source = ctx.chosen or (ctx.evaluations[0] if ctx.evaluations else None)
    if source is None:
        return ()
    if ctx.gpu:
        return source.assumptions
    if ctx.chosen is None:
        # nothing installs here: what a GPU setup would need is moot
        return tuple(a for a in source.assumptions if a.fact not in ("gpus", "driver", "cuda"))
    # A CPU plan assumes no GPU setup: the driver and CUDA it would need are moot, and GPUs
    # nobody named are what would change the plan.
    return tuple(
        dataclasses.replace(
            a,
            assumed="GPUs not stated: this plan is for the CPU; with an NVIDIA GPU named,"
            " plan again for its GPU build",
            confirm=_gpu_without_a_driver(ctx.facts)
            if ctx.facts.knows("driver") and ctx.facts.driver.version is None
            else a.confirm,
        )
        if a.fact == "gpus"
        else a
        for a in source.assumptions
        if a.fact not in ("driver", "cuda")
    )


def _decisions(ctx: Context) -> tuple[Decision, ...]:
    out: list[Decision] = []
    chosen = ctx.chosen
    # Neighbouring releases rejected for the very same reasons share one decision, so that the
    # reason nearest the chosen release (the one a user needs) is never cut off.
    group: list[str] = []
    group_reason = ""
    group_source = ""

    def close_group() -> None:
        if group:
            subject = group[0] if len(group) == 1 else f"{group[-1]} to {group[0]}"
            out.append(Decision(f"tensorflow {subject}", "rejected", group_reason, group_source))
            group.clear()

    for ev in ctx.evaluations:
        v = ev.release.version
        source = ev.release.sources.get("cuda") or ev.release.sources.get("*") or RELEASE_SOURCE
        if ev is chosen:
            close_group()
            how = (
                "newest release whose GPU build runs here"
                if ctx.gpu
                else "newest release installable here; its GPU build cannot run here"
            )
            if ctx.gpu and chosen.driver_update_fixes:
                how += " once the driver is updated (none that installs here runs on it as it is)"
            elif ctx.gpu and chosen.system_cuda_and_driver_fix:
                how += (
                    " once the driver is updated and the system CUDA and cuDNN it loads are"
                    " installed"
                )
            elif ctx.gpu and chosen.system_cuda_blocker is not None:
                how += " once the system CUDA and cuDNN it loads are installed"
            if ctx.request.tf:
                how = f"matches --tf {ctx.request.tf}; " + how
            out.append(Decision(f"tensorflow {v}", "chosen", how, source))
            break
        reasons = "; ".join((*ev.install_blockers, *ev.gpu_blockers))
        if group and reasons != group_reason:
            close_group()
        if not group:
            group_reason, group_source = reasons, source
        group.append(v)
    close_group()
    if len(out) > 12:
        hidden = out[5:-6]
        first, last = hidden[0].subject.split()[-1], hidden[-1].subject.split()[1]
        out = [
            *out[:5],
            Decision(
                f"tensorflow {last} to {first}",
                "rejected",
                f"{len(hidden)} more groups of releases rejected; 'tfgpu-setup matrix show' "
                "lists what each needs",
                RELEASE_SOURCE,
            ),
            *out[-6:],
        ]
    if chosen and chosen.python:
        p = chosen.python
        out.append(
            Decision(
                f"python {xy(p.version)}",
                "chosen",
                (
                    "assumed, as no Python was stated: the newest that TensorFlow "
                    if p.source.startswith("assumed")
                    else "newest available interpreter that TensorFlow "
                )
                + f"{chosen.release.version} supports ({'/'.join(chosen.release.python)})",
                p.source,
            )
        )
    if chosen is not None:
        python = xy(chosen.python.version) if chosen.python else None
        out.extend(held_back_decisions(chosen.release.version, python))
    out.append(
        Decision(
            "venv",
            "chosen",
            f"target virtualenv {ctx.request.venv}",
            ctx.request.sources.get("venv", "default ./.venv-tf"),
        )
    )
    if ctx.gpu and chosen and (newer := chosen.newer_gpu_set) is not None:
        out.append(
            Decision(
                "nvidia wheels",
                "pinned",
                f"exact CUDA {newer.cuda} / cuDNN {newer.cudnn} versions inside TensorFlow "
                f"{chosen.release.version}'s [and-cuda] ranges, for GPUs of compute capability "
                f"{newer.min_cc} and up: the CUDA {chosen.release.cuda} libraries it was built "
                "against have no code for them",
                newer.sources.get("min_cc", newer.sources.get("pins", RELEASE_SOURCE)),
            )
        )
    elif ctx.gpu and chosen and chosen.cuda_from == "metal":
        out.append(
            Decision(
                f"tensorflow-metal {metal_plug_in(chosen.release)}",
                "pinned",
                f"macOS has no CUDA: TensorFlow {chosen.release.version} reaches the Mac's GPU"
                " through Apple's plug-in, the release of it Apple's table pairs with this"
                " TensorFlow",
                METAL_PAIRS,
            )
        )
    elif ctx.gpu and chosen and chosen.cuda_from == "and-cuda":
        out.append(
            Decision(
                "nvidia wheels",
                "pinned",
                "exact versions TensorFlow was built against, never floating ranges",
                chosen.release.sources.get("nvidia_pins", RELEASE_SOURCE),
            )
        )
    elif ctx.gpu and chosen and chosen.wheel_set is not None:
        out.append(legacy.wheel_set_decision(chosen, ctx.facts))
    elif chosen and chosen.system_cuda_blocker is not None:
        # (a GPU plan too: its system CUDA or cuDNN is the user's to install)
        out.append(legacy.system_cuda_needed_decision(chosen))
    elif ctx.gpu and chosen:
        toolkit = _system_toolkit(ctx)
        r = chosen.release
        if toolkit is None and not ctx.facts.knows("cuda"):
            out.append(
                Decision(
                    "cuda",
                    "system",
                    f"TensorFlow {r.version} needs CUDA {r.cuda} and cuDNN {r.cudnn} installed"
                    " on the system; nobody stated them (see Assumed)"
                    + legacy.why_no_wheels(ctx.facts, ctx.matrix, r),
                    "assumed",
                )
            )
        elif bare := [
            f"{what} {major}"
            for what, major in (
                ("CUDA", major_only(ctx.facts.cuda)),
                ("cuDNN", major_only(ctx.facts.cudnn)),
            )
            if major
        ]:
            out.append(
                Decision(
                    "cuda",
                    "system",
                    f"TensorFlow {r.version} uses the CUDA and cuDNN installed on the system,"
                    f" taken to be the CUDA ≥ {r.cuda} and cuDNN ≥ {r.cudnn} it needs:"
                    f" {' and '.join(bare)} stated without a minor (see Assumed)",
                    "assumed",
                )
            )
        else:
            out.append(
                Decision(
                    "cuda",
                    "system",
                    f"TensorFlow {r.version} uses the CUDA "
                    f"{toolkit.version if toolkit else r.cuda} and cuDNN installed on the system"
                    + (f" ({toolkit.path})" if toolkit else "")
                    + legacy.why_system(chosen, ctx.matrix, ctx.facts),
                    toolkit.source if toolkit else "facts",
                )
            )
    return tuple(out)


def _packages(ctx: Context) -> tuple[Package, ...]:
    chosen = ctx.chosen
    if chosen is None:
        return ()
    r = chosen.release
    key_package = r.package
    support = r.platforms.get(platform_key(ctx.facts))
    if support is not None and support.package:
        key_package = support.package
    metal = metal_plug_in(r) if ctx.gpu and chosen.cuda_from == "metal" else None
    why = (
        "GPU through Apple's tensorflow-metal plug-in"
        if metal
        else "GPU build"
        if ctx.gpu
        else "CPU only: no usable GPU setup is possible here"
    )
    python = xy(chosen.python.version) if chosen.python else None
    packages = [
        Package(key_package, r.version, f"TensorFlow {r.version} ({why})"),
        *held_back_packages(r.version, python),
    ]
    if metal:
        packages.append(
            Package(
                "tensorflow-metal",
                metal,
                f"Apple's plug-in that gives TensorFlow {r.version} the Mac's GPU (Metal)",
            )
        )
    elif ctx.gpu:
        wheel_set = chosen.wheel_set
        if newer := chosen.newer_gpu_set:
            reason = f"CUDA {newer.cuda} library for this GPU, in TensorFlow's [and-cuda] range"
        elif wheel_set:
            reason = (
                f"CUDA {wheel_set.cuda} wheel TensorFlow {r.version} needs (in place of a system"
                " CUDA)"
            )
        else:
            reason = f"CUDA library TensorFlow {r.version} was built against"
        for pin in chosen.pins:
            name, _, version = pin.partition("==")
            packages.append(Package(name.strip(), version.strip(), reason))
    return tuple(packages)


def _visible_devices(ctx: Context) -> str | None:
    if ctx.request.gpus is not None:
        return _validated_gpu_selection(ctx.facts, ctx.request.gpus)
    return ctx.visible_devices_set()


def _validated_gpu_selection(facts: Facts, value: str) -> str:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise RequestError(
            "gpus", "is empty; give indices (0,1) or UUIDs from 'nvidia-smi -L'", ExitCode.USAGE
        )
    gpus = facts.gpus
    uuids = [g.uuid for g in gpus if g.uuid] + [
        m.uuid for g in gpus for m in g.mig_devices if m.uuid
    ]
    for item in items:
        kind = entry_kind(item)
        if kind == "indices":
            if gpus and int(item) >= len(gpus):
                raise RequestError(
                    "gpus",
                    f"{item}: no such GPU; this machine has {len(gpus)} (0..{len(gpus) - 1})",
                )
        elif kind is not None:
            if uuids and not any(u.startswith(item) for u in uuids):
                raise RequestError(
                    "gpus", f"{item}: no GPU or MIG device has this UUID; see 'nvidia-smi -L'"
                )
        else:
            raise RequestError(
                "gpus", f"{item!r}: expected an index or a GPU-/MIG- UUID", ExitCode.USAGE
            )
    return ",".join(items)


def _activate(ctx: Context) -> ActivateSpec:
    chosen = ctx.chosen
    assert chosen is not None
    venv = ctx.request.venv
    windows = ctx.facts.platform.os == "windows"
    python = xy(chosen.python.version) if chosen.python else "3"
    # Folders inside the env are stored relative to it: the plan names its env once.
    site = VenvLayout(venv, windows).site_packages_in_env(python)
    lib_dirs: list[str] = []
    path: list[str] = []
    xla_data_dir = None
    if ctx.gpu:
        wheel_set = chosen.wheel_set
        folders = (
            layout.wheel_set_lib_dirs(site, wheel_set)
            if wheel_set and wheel_set.sonames
            else [layout.lib_dir(site, pin) for pin in chosen.pins]
        )
        for folder in folders:
            if folder and folder not in lib_dirs:
                lib_dirs.append(folder)
        ptxas = layout.ptxas_dir(site, chosen.pins)
        if ptxas:
            path.append(ptxas)
        if wheel_set and wheel_set.xla_data_dir:
            # Before 2.14 XLA does not look inside site-packages for libdevice.
            xla_data_dir = f"{site}/{wheel_set.xla_data_dir}"
        toolkit = _system_toolkit(ctx) if chosen.cuda_from == "system" else None
        if toolkit and windows:
            # Windows finds DLLs on PATH; LD_LIBRARY_PATH means nothing there.
            path.append(f"{toolkit.path}\\bin")
            xla_data_dir = toolkit.path
        elif toolkit:
            lib_dirs.append(f"{toolkit.path}/lib64")
            path.append(f"{toolkit.path}/bin")
            xla_data_dir = toolkit.path
        if ctx.facts.platform.os == "wsl2":
            lib_dirs.append("/usr/lib/wsl/lib")
    visible = _visible_devices(ctx)
    extra: dict[str, str] = {}
    if visible is not None and any(item.isdigit() for item in visible.split(",")):
        # CUDA numbers GPUs fastest first unless told otherwise; nvidia-smi's indices (the
        # ones in the plan) are PCI bus order.
        extra["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID"
    return ActivateSpec(
        venv=venv,
        cuda_visible_devices=visible,
        ld_library_path=tuple(lib_dirs),
        path=tuple(path),
        xla_cuda_data_dir=xla_data_dir,
        extra=extra,
    )


def _system_toolkit(ctx: Context) -> CudaInstall | None:
    """The system CUDA toolkit a release without NVIDIA pip pins will load."""
    if ctx.chosen is None or ctx.chosen.release.cuda is None:
        return None
    wanted = Version(ctx.chosen.release.cuda)
    usable = [
        c
        for c in ctx.facts.cuda
        if c.kind == "toolkit"
        and c.version
        and Version(c.version).major == wanted.major
        and Version(xy(c.version)) >= Version(f"{wanted.major}.{wanted.minor}")
    ]
    return max(usable, key=lambda c: Version(c.version or "0"), default=None)


def _conflicts(ctx: Context) -> tuple[str, ...]:
    env = ctx.facts.target_env
    if env is None or ctx.chosen is None or env.path.rstrip("/") != ctx.request.venv.rstrip("/"):
        return ()
    keep = {p.name for p in _packages(ctx)}
    present = [d.name for d in env.tensorflow if d.name in TF_DISTRIBUTIONS]
    if all(name in keep for name in present):
        return ()
    # They all write the same tensorflow/ folder: uninstalling only the extra one deletes files
    # the kept one owns, and pip then calls the kept one "already satisfied". Remove them all.
    return tuple(present)


def _gpu_without_a_driver(facts: Facts) -> str:
    """How to see a GPU where no driver lists it: lspci on the bus; WSL 2 and Windows show
    no NVIDIA device there (WSL's GPU is a Microsoft virtual adapter: microsoft/WSL#5485),
    Windows itself does."""
    if facts.knows("os") and facts.platform.os in ("wsl2", "windows"):
        return (
            "on Windows, open Device Manager's 'Display adapters' (WSL 2's lspci never lists"
            " the NVIDIA GPU) and add --gpu NAME"
        )
    return (
        "run 'lspci | grep -i nvidia' there (without a driver, nvidia-smi lists none) and add"
        " --gpu NAME"
    )
