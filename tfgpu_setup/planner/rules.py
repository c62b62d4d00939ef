"""Planner rules: small pure functions over the facts and the matrix, each with its id and source.

The order of registration is the order of root causes: the machine (container, driver, GPU)
before the environment (Python, glibc), before what is installed, before variables.
"""

from __future__ import annotations

import dataclasses
import re

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..distributions import separate_installs
from ..doc_urls import (
    CONTAINER_TOOLKIT,
    CUDA_GPUS,
    DRIVER_GUIDE,
    METAL,
    MVC,
    PYPI_FILES,
    TF_INSTALL,
    TF_TESTED,
    TF_WINDOWS,
    WSL_GUIDE,
)
from ..envvars import (
    has_empty_entry,
    parse_cuda_visible_devices,
    slurm_gave_none,
    split_path_list,
)
from ..errors import UserError
from ..facts import LOADED_PER_LOG, CudaInstall, CudnnInstall, Facts, NvidiaWheel
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import CudaWheelSet, TfRelease
from ..versions import LibraryKind, build_need, parsed, serves_build, xy
from ..whatif import APPLE_SILICON_GPU
from .context import Context
from .driver_gpus import (
    WINDOWS_BRANCH_SPAN,
    driver_branch,
    driver_gaps,
    dropped_by,
    first_driver_past,
    last_branch_of,
    last_branch_words,
    open_modules_words,
    predates_wsl_cuda,
)
from .evaluate import (
    MUSL_BLOCKER,
    MUSL_FIX,
    MUSL_TITLE,
    Evaluation,
    GpuSupport,
    evaluate,
    forward_compatible,
    gpu_support,
    has_gpu_build,
    has_no_mig,
    has_wheels,
    is_windows_driver,
    platform_key,
    platform_label,
    platform_without_wheels,
    refuses_forward_compatibility,
    wheel_set_here,
    where_the_driver_goes,
)
from .metal import METAL_PAIRS, PLUG_IN_PYTHONS, metal_plug_in, plug_in_blocker
from .registry import finding, rule
from .visible import pci_order_set, shown_gpus

FORWARD_COMPAT = "https://docs.nvidia.com/deploy/cuda-compatibility/forward-compatibility.html"
CUDA_ENV_VARS = "https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#env-vars"
MIG_GPUS = "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-gpus.html"
LD_SO = "https://man7.org/linux/man-pages/man8/ld.so.8.html"
XLA_DEFECT = "https://github.com/tensorflow/tensorflow/issues/58681"
AARCH64_NO_CUDA = "https://github.com/tensorflow/tensorflow/issues/121157"
CPU_ONLY_DISTS = {
    "tensorflow-cpu",
    "tensorflow-cpu-aws",
    "tensorflow-aarch64",
    "tensorflow-macos",
    "intel-tensorflow",
    "tensorflow-intel",
}
E = Severity.ERROR
W = Severity.WARNING
INFO = Severity.INFO


def _driver_evidence(facts: Facts) -> list[str]:
    d = facts.driver
    lines = [f"driver: {d.version or 'not found'} (source: {d.source})"]
    if d.reason:
        lines.append(f"why: {d.reason}")
    lines.extend(
        f"{n.source}: {n.message}"
        for n in facts.notes
        if any(k in n.source.lower() for k in ("nvml", "nvidia-smi", "/proc", "/sys"))
    )
    return lines[:5]


def _no_driver(facts: Facts) -> bool:
    """Known absent: measured or stated. An unknown driver is never evidence of absence."""
    return (
        facts.knows("driver") and facts.driver.version is None and facts.driver.cuda_version is None
    )


def _no_gpu(facts: Facts) -> bool:
    return facts.gpus_absent()


def _gpu_ruled_out(ctx: Context) -> bool:
    """No GPU can be used here whatever is installed (no GPU, no driver, or a plan that is
    CPU-only for another reason): missing CUDA libraries are then beside the point."""
    f = ctx.facts
    return _no_gpu(f) or _no_driver(f) or (not ctx.installed and not ctx.gpu)


def _on_linux(facts: Facts) -> bool:
    return facts.platform.os in ("linux", "wsl2")


def _container_expects_gpu(facts: Facts) -> bool:
    """NVIDIA_VISIBLE_DEVICES is set by GPU images (CUDA, NGC): the image wants a GPU."""
    value = facts.env.get("NVIDIA_VISIBLE_DEVICES")
    return bool(value) and value not in ("void", "none")


def _libcuda_in_wsl(facts: Facts) -> bool:
    return any(p.startswith("/usr/lib/wsl/") for p in facts.libcuda)


DRIVER_PREDATES_THE_GPU = "The NVIDIA driver predates the "
"""How a driver too old for the GPU itself (not only for the CUDA asked) starts its title."""


@rule("container-gpu-not-exposed", CONTAINER_TOOLKIT)
def container_gpu_not_exposed(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if not (f.knows("container") and f.platform.container and _on_linux(f)):
        return []
    withheld = f.env.get("NVIDIA_VISIBLE_DEVICES")
    # (GPUs NVML or nvidia-smi listed inside the container were given to it, whatever the
    # variable says; a GPU stated with --gpu may be the host's)
    listed_inside = any(g.source in ("nvml", "nvidia-smi") for g in f.gpus)
    if withheld in ("none", "void") and not listed_inside:
        # the NVIDIA runtime was told to mount the driver and no GPU ('none'), or nothing
        return [
            finding(
                "container-gpu-not-exposed",
                E,
                f"This container was started with NVIDIA_VISIBLE_DEVICES={withheld}: the NVIDIA"
                " runtime gives it no GPU",
                [
                    f"NVIDIA_VISIBLE_DEVICES={withheld}",
                    f"container evidence: {', '.join(f.platform.container_evidence)}",
                ],
                "Start the container with the GPU: 'docker run --gpus all ...' (or"
                " NVIDIA_VISIBLE_DEVICES=all, or the GPU's index or UUID).",
                "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/"
                "docker-specialized.html",
            )
        ]
    capabilities = f.env.get("NVIDIA_DRIVER_CAPABILITIES")
    if capabilities is not None and not {"compute", "all"} & set(capabilities.split(",")):
        # the runtime mounts nvidia-smi and NVML for 'utility', libcuda only for 'compute'
        return [
            finding(
                "container-gpu-not-exposed",
                E,
                f"This container was started with NVIDIA_DRIVER_CAPABILITIES={capabilities}:"
                " without 'compute' the NVIDIA runtime mounts no libcuda, so CUDA finds no"
                " driver even where nvidia-smi works",
                [
                    f"NVIDIA_DRIVER_CAPABILITIES={capabilities}",
                    f"container evidence: {', '.join(f.platform.container_evidence)}",
                ],
                "Start the container with NVIDIA_DRIVER_CAPABILITIES=compute,utility (or"
                " --gpus 'all,\"capabilities=compute,utility\"').",
                "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/"
                "docker-specialized.html",
            )
        ]
    if not _no_driver(f) or f.driver.mismatch:
        # (a driver library inside that disagrees with the host's module was mounted or
        # installed there: the mismatch, not the container, stops it)
        return []
    # A GPU known here is the host's (no driver inside lists one): the container did not get it.
    expects_gpu = _container_expects_gpu(f) or bool(f.gpus)
    return [
        finding(
            "container-gpu-not-exposed",
            E if expects_gpu else W,
            "This container was started without access to the GPU"
            if expects_gpu
            else "This runs in a container: if the host has an NVIDIA GPU, it was not passed in",
            [
                f"container evidence: {', '.join(f.platform.container_evidence)}",
                *_driver_evidence(f),
            ],
            "Restart the container with the GPU exposed: 'docker run --gpus all ...' (or "
            "'--device nvidia.com/gpu=all' with CDI) after installing the NVIDIA Container Toolkit "
            "on the host; do not install a driver inside the container.",
        )
    ]


@rule("wsl-libcuda-missing", WSL_GUIDE)
def wsl_libcuda_missing(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if not f.knows("os") or f.platform.os != "wsl2" or not _no_driver(f) or _libcuda_in_wsl(f):
        return []
    if f.knows("container") and f.platform.container:
        return []  # WSL 2's libcuda reaches a container only if it is given the GPU
    return [
        finding(
            "wsl-libcuda-missing",
            E,
            "WSL2 has no /usr/lib/wsl/lib/libcuda.so.1: the Windows NVIDIA driver is missing or "
            "too old",
            [*_driver_evidence(f), f"WSL evidence: {', '.join(f.platform.wsl_evidence) or 'none'}"],
            (
                "Install the current NVIDIA driver for Windows on the Windows host ("
                if not (cap := _last_branch(ctx))
                else f"Install an NVIDIA driver for Windows{cap} on the Windows host ("
            )
            + _wsl_driver_floor(ctx)
            + "), then run 'wsl --shutdown' and reopen WSL; never install a Linux NVIDIA "
            "driver inside WSL2.",
        )
    ]


def _wsl_driver_floor(ctx: Context) -> str:
    """The Windows driver WSL 2 needs (CUDA 11.8's for 2.14.1, not CUDA 12's)."""
    return _driver_floor_text(ctx, named=True) or "≥ 528.33 for CUDA 12"


def _driver_floor_text(ctx: Context, named: bool) -> str | None:
    """The driver to install: the floor of the release it is for (the plan's GPU build, else the
    newest with kernels for the GPUs), or the first driver that drives the GPU where that is
    later; None where neither is known. named: the release by its version, else (a CPU plan's
    newest) as 'the newest TensorFlow' unless the plan installs it."""
    wanted = _release_for_the_driver(ctx)
    floor = wanted.driver_floor if wanted else None
    windows = is_windows_driver(ctx.facts)
    later = first_driver_past(floor[0] if floor else None, ctx.facts.gpus, ctx.matrix, windows)
    if later is not None:
        return f"≥ {later[0]}: no older driver drives the {later[1]}"
    if wanted is None or floor is None:
        return None
    return f"≥ {floor[0]} for " + (
        f"TensorFlow {wanted.release.version}" if named or ctx.gpu else "the newest TensorFlow"
    )


def _release_for_the_driver(ctx: Context) -> Evaluation | None:
    """The release whose driver floor the driver to install must meet: the plan's GPU build,
    else the newest installable release with kernels for the GPUs (none: no driver helps)."""
    if ctx.gpu and ctx.chosen is not None:
        return ctx.chosen
    return next(
        (
            e
            for e in ctx.evaluations
            if e.installable
            and e.driver_floor
            and not (e.gpus and all(g.support == "unsupported" for g in e.gpus))
        ),
        None,
    )


@rule("no-nvidia-driver", DRIVER_GUIDE)
def no_nvidia_driver(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if gap := _driver_gap_finding(ctx, "past"):
        return gap
    windows = f.knows("os") and f.platform.os == "windows"
    if not (f.platform.os == "linux" or windows) or not _no_driver(f):
        return []
    if f.knows("container") and f.platform.container and _on_linux(f):
        return []  # no driver is installed inside a container: container-gpu-not-exposed says so
    wanted = _release_for_the_driver(ctx)
    need = f" ({text})" if (text := _driver_floor_text(ctx, named=False)) else ""
    need += _last_branch(ctx)
    # A GPU known without a driver was stated (or seen on the bus): no driver lists one.
    named = ", ".join(g.name for g in f.gpus)
    seen = ", ".join(
        f"{g.name}" + (f" on the PCI bus at {g.pci_bus_id} (lspci)" if g.source == "lspci" else "")
        for g in f.gpus
    )
    how = (
        "from NVIDIA's download page for this GPU, reboot, and check with 'nvidia-smi'."
        if windows
        else "from your distribution (e.g. 'sudo ubuntu-drivers install' on Ubuntu), reboot, and "
        "check with 'nvidia-smi'."
    )
    return [
        finding(
            "no-nvidia-driver",
            # a driver leads nowhere while no release that installs here has kernels for the
            # GPU (a K80 under Python 3.12): the GPU's own finding comes first
            E if wanted is not None or not f.gpus else W,
            f"This machine has an NVIDIA GPU ({named}) but no NVIDIA driver installed or loaded, "
            "so TensorFlow cannot see it"
            if named
            else "No NVIDIA driver is installed or loaded, so TensorFlow cannot see any GPU",
            [*_driver_evidence(f), *([f"GPUs: {seen}"] if named else [])],
            f"Install the NVIDIA driver{need} {how}"
            + (
                open_modules_words(f, ctx.matrix)
                if named
                else " If this machine has no NVIDIA GPU, TensorFlow can only use the CPU."
            ),
        )
    ]


LINUX_DRIVER_INSIDE_WSL_FIX = (
    "WSL 2 has no NVIDIA kernel module to reboot into: the second version is a Linux NVIDIA"
    " driver's libraries installed inside WSL (packages such as nvidia-utils-NNN,"
    " libnvidia-compute-NNN, or CUDA's 'cuda' and 'cuda-drivers' metapackages), read before the"
    " Windows driver's copies in /usr/lib/wsl/lib. Remove them ('dpkg -l | grep -i nvidia'"
    " lists them; 'sudo apt purge' those, keeping cuda-toolkit-*), install CUDA inside WSL only"
    " as 'cuda-toolkit-12-x' if at all, run 'wsl --shutdown' from Windows and reopen WSL; then"
    " 'nvidia-smi' inside WSL reports the Windows driver. Update the driver on Windows, never"
    " inside WSL."
)
"""NVIDIA's CUDA on WSL guide: the Windows driver is stubbed into WSL 2 as libcuda.so, and no
Linux driver may be installed inside it."""


@rule("driver-library-mismatch", DRIVER_GUIDE)
def driver_library_mismatch(ctx: Context) -> list[Finding]:
    d = ctx.facts.driver
    if not d.mismatch:
        return _compatibility_package_refused(ctx.facts)
    return [
        finding(
            "driver-library-mismatch",
            E,
            "The loaded NVIDIA kernel module and the user-space driver library differ (driver "
            "updated without a reboot)",
            [
                f"kernel module: {d.kernel_module_version or 'unknown'}",
                f"user-space library: {d.library_version or 'unknown'}",
                *_driver_evidence(ctx.facts),
            ],
            LINUX_DRIVER_INSIDE_WSL_FIX
            if ctx.facts.knows("os") and ctx.facts.platform.os == "wsl2"
            else "Reboot; or, with no GPU process running, reload the module: 'sudo rmmod "
            "nvidia_uvm nvidia_drm nvidia_modeset nvidia && sudo modprobe nvidia'.",
        )
    ]


_COMPAT_FOLDER = re.compile(r"/cuda[\w.-]{0,20}/compat(?:/lib(?:64)?)?/?$")
"""CUDA's forward-compatibility package (cuda-compat): /usr/local/cuda-12.8/compat."""


def _compatibility_package_refused(f: Facts) -> list[Finding]:
    """CUDA's forward-compatibility libcuda put first on the loader path of a GeForce or TITAN
    GPU: it refuses it (error 804), so CUDA finds no GPU at all."""
    folders = [
        d for d in (f.env.get("LD_LIBRARY_PATH") or "").split(":") if _COMPAT_FOLDER.search(d)
    ]
    refusing = [g for g in f.gpus if refuses_forward_compatibility(g)]
    if not folders or not refusing:
        return []
    return [
        finding(
            "driver-library-mismatch",
            E,
            f"LD_LIBRARY_PATH puts CUDA's forward-compatibility libcuda ({folders[0]}) before the"
            f" driver's own, which the {refusing[0].name} refuses"
            " (CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE): CUDA finds no GPU",
            [f"LD_LIBRARY_PATH={f.env.get('LD_LIBRARY_PATH')}", f"GPU: {refusing[0].name}"],
            f"Take {folders[0]} off LD_LIBRARY_PATH (or use an image without the cuda-compat"
            " package): forward compatibility serves data-center GPUs only. The driver's own"
            " libcuda then answers; where it is too old for the CUDA in use, update the host"
            " driver.",
            FORWARD_COMPAT,
        )
    ]


_INTEL_GPU = re.compile(r"\b(?:intel|iris|uhd graphics|hd graphics|arc [ab]\d{3})\b", re.I)
_AMD_GPU = re.compile(r"\b(?:amd|radeon|instinct|firepro|vega)\b", re.I)


def _other_makers_route(names: tuple[str, ...]) -> str:
    """The vendor's own TensorFlow route for the GPUs named: Intel's extension for Intel GPUs
    (https://intel.github.io/intel-extension-for-tensorflow/latest/get_started.html: v2.15.0.x
    pairs with TensorFlow 2.15, none with 2.17; Arc A-Series experimental), AMD's ROCm build for
    AMD GPUs, and DirectML on Windows for any DirectX 12 GPU."""
    routes = []
    if any(_INTEL_GPU.search(n) for n in names):
        routes.append(
            "For an Intel GPU (Arc, Data Center GPU Max or Flex) on Linux or WSL 2, Intel's"
            " Extension for TensorFlow runs it: TensorFlow 2.15 with 'pip install"
            " intel-extension-for-tensorflow[xpu]' (its last release pairs with 2.15; Arc is"
            " experimental), with Intel's GPU driver and oneAPI installed."
        )
    if any(_AMD_GPU.search(n) for n in names):
        routes.append(
            "For an AMD GPU on Linux, AMD's tensorflow-rocm build supports the GPUs ROCm lists."
        )
    routes.append(
        "On Windows, Microsoft's DirectML plug-in (tensorflow-directml-plugin, TensorFlow 2.10)"
        " uses any DirectX 12 GPU. Otherwise TensorFlow runs on the CPU."
    )
    return " ".join(routes)


MIG_GUIDE = "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/index.html"


def _mig_without_instances(f: Facts) -> list[Finding]:
    """A GPU in MIG mode shows CUDA only its MIG instances: with none created, no device."""
    bare = [g for g in f.gpus if g.mig_mode == "enabled" and not g.mig_devices]
    if not bare:
        return []
    every = len(bare) == len(f.gpus)
    return [
        finding(
            "no-nvidia-gpu",
            E if every else W,
            f"{', '.join(g.name for g in bare)}: MIG mode is on and no MIG instance was"
            " created, so CUDA sees no device on it"
            + ("" if every else "; TensorFlow uses the other GPUs"),
            [
                f"GPU {g.index} {g.name}: MIG mode enabled, no MIG devices ({g.source})"
                for g in bare
            ],
            "Create MIG instances ('sudo nvidia-smi mig -cgi <profile> -C'; 'nvidia-smi mig"
            " -lgip' lists the profiles) or turn MIG mode off ('sudo nvidia-smi -i <index> -mig 0',"
            " then reset the GPU). A process uses one MIG instance: set CUDA_VISIBLE_DEVICES to"
            " its MIG- UUID from 'nvidia-smi -L'.",
            MIG_GUIDE,
        )
    ]


_CPU_AS_IT_IS = (
    "Run on a machine (or cloud instance type) with an NVIDIA GPU. Here TensorFlow 2.x runs on"
    " the CPU as it is (its CUDA warnings are harmless)"
)
"""The fix's start wherever the machine has no NVIDIA GPU."""


@rule("no-nvidia-gpu", CUDA_GPUS)
def no_nvidia_gpu(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if f.platform.os != "macos" and (mig := _mig_without_instances(f)):
        return mig
    if f.platform.os == "macos" or not _no_gpu(f):
        return []
    if f.other_gpus:
        return [
            finding(
                "no-nvidia-gpu",
                E,
                f"The GPU here is not an NVIDIA one ({', '.join(f.other_gpus)}): TensorFlow's "
                "GPU builds run on NVIDIA GPUs only, through CUDA",
                [f"GPUs: {f.gpus_reason or ', '.join(f.other_gpus)}"],
                "Run on a machine with an NVIDIA GPU. " + _other_makers_route(f.other_gpus),
            )
        ]
    if f.gpus_stated_absent() and not f.driver_answers():
        # A person's word that the machine has none; no driver to ask is then no surprise.
        return [
            finding(
                "no-nvidia-gpu",
                E,
                "This machine has no NVIDIA GPU, so TensorFlow can only use the CPU",
                [f"GPUs: {f.gpus_reason}"],
                f"{_CPU_AS_IT_IS}; a build that "
                "needs the GPU to import (tensorflow-gpu 1.x) gives way to 'tensorflow-cpu'. If "
                "the machine does have one, 'nvidia-smi -L' lists it: state it with --gpu.",
            )
        ]
    if f.pci_lists_no_gpu():
        # lspci reads the bus without any driver: none listed is no GPU, driver or not
        return [
            finding(
                "no-nvidia-gpu",
                E,
                "The PCI bus lists no NVIDIA GPU, so TensorFlow can only use the CPU",
                [f"GPUs: {f.gpus_reason}"],
                f"{_CPU_AS_IT_IS}. In a VM, pass "
                "the GPU through; if 'lspci' does list one ('3D controller: NVIDIA'), state it "
                "with --gpu.",
            )
        ]
    if not f.knows("driver") or _no_driver(f) or f.driver.mismatch:
        return []
    return [
        finding(
            "no-nvidia-gpu",
            E,
            "The NVIDIA driver answers but lists no GPU",
            [
                f"driver {f.driver.version} ({f.driver.source})",
                f"GPUs: none ({f.gpus_reason or 'the driver reported zero devices'})",
            ],
            "Check that the GPU is seated and powered, not bound to vfio/passthrough, and visible "
            "in 'nvidia-smi -L'; in a VM or container, pass the GPU through.",
        )
    ]


def _gpus_a_driver_drops(ctx: Context, needed: str | None) -> str:
    """The GPUs here that a driver of the needed branch no longer drives (a K80 past R470)."""
    branch = driver_branch(needed) if needed else None
    if branch is None:
        return ""
    dropped = [(g, d) for g in ctx.facts.gpus if (d := dropped_by(g, ctx.matrix, branch))]
    return "".join(
        f" (that branch no longer drives the {g.name}: {arch.name} GPUs end at R{last})"
        for g, (arch, last) in dropped[:2]
    )


def _driver_gap_finding(ctx: Context, kind: str) -> list[Finding]:
    """The driver branch cannot drive some GPUs: 'predates' them (driver-too-old) or is 'past'
    their last branch (for them no driver is loaded: no-nvidia-driver)."""
    gaps = [
        g
        for g in driver_gaps(ctx.facts, ctx.matrix, is_windows_driver(ctx.facts))
        if g.kind == kind
    ]
    if not gaps:
        return []
    every = len(gaps) == len(ctx.facts.gpus)
    names = ", ".join(g.gpu.name for g in gaps)
    if kind == "predates":
        need = max(g.branch for g in gaps)
        wanted = (
            ctx.chosen
            if ctx.gpu and ctx.chosen is not None and ctx.chosen.driver_floor
            else next((e for e in ctx.evaluations if e.installable and e.driver_floor), None)
        )
        floor = wanted.driver_floor[0] if wanted and wanted.driver_floor else None
        floor_branch = driver_branch(floor) if floor else None
        to_install = (
            f"an NVIDIA driver ≥ {floor} (TensorFlow {wanted.release.version}'s CUDA"
            f" {wanted.release.cuda} needs it; R{need} and newer drive the GPU)"
            if wanted and floor and floor_branch is not None and floor_branch > need
            else f"an NVIDIA driver of branch R{need} or newer"
        )
        return [
            finding(
                "driver-too-old",
                E if every else W,
                f"{DRIVER_PREDATES_THE_GPU}{names} and does not drive "
                + ("it" if len(gaps) == 1 else "them"),
                [g.reason for g in gaps],
                f"Install {to_install}{where_the_driver_goes(ctx.facts)}."
                + open_modules_words(ctx.facts, ctx.matrix),
                gaps[0].source,
            )
        ]
    last = min(g.branch for g in gaps)
    if not every:
        # The driver runs the other GPUs: going back to R470 for this one would cap them too.
        return [
            finding(
                "no-nvidia-driver",
                INFO,
                f"This driver does not drive the {names} (branches after R{last} dropped "
                + ("it" if len(gaps) == 1 else "them")
                + "): TensorFlow can use only the other GPUs",
                [g.reason for g in gaps],
                f"Only the R{last} legacy branch drives "
                + ("it" if len(gaps) == 1 else "them")
                + ", and it caps the CUDA (so the TensorFlow) of every GPU here: keep this "
                "driver unless that GPU matters more.",
                gaps[0].source,
            )
        ]
    # A GPU no PyPI release has kernels for gains nothing from its legacy driver.
    runs_some_release = any(
        gpu_support(r, g.gpu, ctx.matrix).support in ("sass", "ptx-jit")
        for g in gaps
        for r in ctx.matrix.tensorflow.releases
    )
    return [
        finding(
            "no-nvidia-driver",
            E if runs_some_release else W,
            f"No driver drives the {names}: branches after R{last} dropped "
            + ("it" if len(gaps) == 1 else "them"),
            [g.reason for g in gaps],
            f"Install the R{last} driver branch (NVIDIA keeps it as a legacy branch)"
            f"{where_the_driver_goes(ctx.facts)}; its CUDA caps the TensorFlow this GPU can run"
            " (plan again with --driver and its version).",
            gaps[0].source,
        )
    ]


def _forward_compatibility_note(ctx: Context) -> list[Finding]:
    """A driver older than the release's CUDA needs, run through the forward-compatibility
    libraries whose CUDA the facts report: it holds on data-center GPUs only."""
    chosen, f = ctx.chosen, ctx.facts
    if chosen is None or not ctx.gpu or chosen.driver_floor is None or f.driver.version is None:
        return []
    floor = chosen.driver_floor[0]
    if query.compare_driver_versions(f.driver.version, floor) >= 0:
        return []
    if not forward_compatible(f, chosen.release, ctx.matrix):
        return []
    return [
        Finding(
            "driver-too-old",
            INFO,
            f"Driver {f.driver.version} is older than CUDA {chosen.release.cuda} needs (≥"
            f" {floor}); it runs through the forward-compatibility libraries whose CUDA"
            f" {f.driver.cuda_version} it reports",
            (
                f"driver {f.driver.version}, CUDA {f.driver.cuda_version} ({f.driver.source})",
                f"TensorFlow {chosen.release.version}: built with CUDA {chosen.release.cuda}",
            ),
            "Keep the cuda-compat libraries first on the loader path. They work on data-center"
            " GPUs only: a GeForce GPU refuses them (CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE),"
            f" and then the host's driver must be ≥ {floor}.",
            FORWARD_COMPAT,
        )
    ]


@rule("driver-too-old", MVC)
def driver_too_old(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if _no_driver(f):
        return []
    gap = _driver_gap_finding(ctx, "predates")
    if gap and gap[0].severity is E:
        return gap  # the driver predates every GPU: that finding names the floor and the branch
    if ctx.gpu and ctx.chosen is not None and ctx.chosen.waits_for_driver:
        # (before a gap of one GPU among several: the plan's release waits for this driver)
        return [_driver_to_update(ctx, ctx.chosen)]
    if gap:
        return gap
    if compat := _forward_compatibility_note(ctx):
        return compat
    # Only releases that a newer driver alone would make work: advising a driver update for a
    # release the GPU cannot run anyway is wrong (a Kepler K80 stops at the R470 driver).
    pinned_out = bool(ctx.request.tf) and ctx.chosen is None
    if ctx.installed or pinned_out:
        # The release is installed already, or pinned and out for more than one reason (a
        # Python and a driver both too old: review 89): its driver floor is the question, named
        # beside the rest. (A pinned release the GPU has no kernels in needs no driver advice.)
        blocked = [
            e
            for e in ctx.evaluations
            if e.driver_blocker is not None
            and (ctx.installed or e.gpu_blockers == (e.driver_blocker,))
        ]
        if blocked:
            e = blocked[0]
            return [
                finding(
                    "driver-too-old",
                    E,
                    f"The NVIDIA driver is too old for TensorFlow {e.release.version} "
                    f"(built with CUDA {e.release.cuda})",
                    [
                        f"driver {f.driver.version or '?'} supports CUDA "
                        f"{f.driver.cuda_version or '?'} ({f.driver.source})",
                        f"TensorFlow {e.release.version}: {e.driver_blocker}",
                    ],
                    f"Update the NVIDIA driver to ≥ {e.driver_floor[0] if e.driver_floor else '?'}"
                    + _last_branch(ctx)
                    + where_the_driver_goes(f)
                    + _gpus_a_driver_drops(ctx, e.driver_floor[0] if e.driver_floor else None)
                    + (
                        "."  # no older CUDA runs in WSL 2 on a driver older than its support
                        if predates_wsl_cuda(f)
                        else "; or use a TensorFlow built for an older CUDA ('tfgpu-setup plan'"
                        " picks one)."
                    ),
                )
            ]
        return []
    blocked = [
        e
        for e in ctx.evaluations
        if e.installable and e.driver_blocker is not None and e.gpu_blockers == (e.driver_blocker,)
    ]
    if ctx.gpu and ctx.chosen is not None:
        chosen = Version(ctx.chosen.release.version)
        blocked = [e for e in blocked if Version(e.release.version) > chosen]
    if not blocked:
        return []
    newest = blocked[0]
    floor = newest.driver_floor
    needed = floor[0] if floor else "a newer driver"
    evidence = [
        f"{_driver_said(ctx)} ({f.driver.source})",
        f"TensorFlow {newest.release.version} is built with CUDA {newest.release.cuda}: "
        f"needs driver ≥ {needed}",
    ]
    fix = (
        f"Update the NVIDIA driver to ≥ {needed}"
        + _last_branch(ctx)
        + where_the_driver_goes(f)
        + _gpus_a_driver_drops(ctx, floor[0] if floor else None)
        + "."
    )
    if ctx.gpu and ctx.chosen is not None and floor and (cap := _past_the_cap(ctx, floor[0])):
        # no driver serves both: the choice is the user's, between the GPUs
        last, name = cap
        fix = (
            f"Keep this driver for the {name} (R{last} is its last branch) and TensorFlow"
            f" {ctx.chosen.release.version}, which this plan runs on every GPU here; or update"
            f" the NVIDIA driver to ≥ {needed} for TensorFlow {newest.release.version} on the"
            f" other GPUs, leaving the {name} without a driver{where_the_driver_goes(f)}."
        )
    if ctx.gpu and ctx.chosen is not None:
        return [
            finding(
                "driver-too-old",
                W,
                f"The driver is too old for TensorFlow {newest.release.version}; the plan "
                f"falls back "
                f"to {ctx.chosen.release.version}",
                evidence,
                fix,
            )
        ]
    return [
        finding(
            "driver-too-old",
            E,
            "The NVIDIA driver is too old for any TensorFlow GPU build that fits here",
            evidence,
            fix,
        )
    ]


def _driver_to_update(ctx: Context, chosen: Evaluation) -> Finding:
    """The plan's GPU build waits for a newer driver: no release fits the driver as it is (a
    Python or GPU that needs a newer one), and the GPU stays driven by one new enough."""
    f, floor = ctx.facts, chosen.driver_floor
    needed = floor[0] if floor else "a newer driver"
    return finding(
        "driver-too-old",
        E,
        f"The NVIDIA driver is too old for TensorFlow {chosen.release.version}, the GPU build"
        " this plan installs",
        [
            f"{_driver_said(ctx)} ({f.driver.source})",
            f"TensorFlow {chosen.release.version}: {chosen.driver_blocker}",
        ],
        f"Update the NVIDIA driver to ≥ {needed}"
        + _last_branch(ctx)
        + where_the_driver_goes(f)
        + _gpus_a_driver_drops(ctx, floor[0] if floor else None)
        + (
            _runs_on_this_driver(ctx, chosen)
            or _runs_with_another_python(ctx)
            or "; until then TensorFlow runs on the CPU."
        ),
    )


def _runs_with_another_python(ctx: Context) -> str:
    """The newest release whose GPU build this driver runs as it is, once a Python it supports
    is installed: the way to the GPU that needs no driver update (an A100 on R470 with Python
    3.12: 2.14.1 with Python 3.11)."""
    other = next((e for e in ctx.evaluations if e.python_install_fixes), None)
    if other is None or other.python_to_install is None:
        return ""
    python = other.python_to_install.version
    return (
        f"; or keep this driver: TensorFlow {other.release.version} runs its GPU build on it"
        f" with Python {python} ('tfgpu-setup plan --python {python}')."
    )


def _runs_on_this_driver(ctx: Context, chosen: Evaluation) -> str:
    """Where a release was asked for, the newest older one whose GPU build this driver runs as
    it is (AlphaPulldown#296: 2.16.1 asked beside a CUDA 11.8 driver; 2.14 is the last CUDA 11
    build)."""
    if not ctx.request.tf:
        return ""
    older = sorted(
        (
            r
            for r in ctx.matrix.tensorflow.releases
            if parsed(r.version) < parsed(chosen.release.version)
        ),
        key=lambda r: parsed(r.version),
        reverse=True,
    )
    r = _first_that_runs(ctx, older)
    if r is None:
        return ""
    return (
        f"; or keep this driver: TensorFlow {r.version} is the newest whose GPU build it"
        f" runs ('tfgpu-setup plan --tf {xy(r.version)}')."
    )


def _first_that_runs(ctx: Context, releases: list[TfRelease]) -> TfRelease | None:
    """The first of these releases whose GPU build installs and runs here as things are."""
    for r in releases:
        e = evaluate(r, ctx.facts, ctx.matrix, ctx.request.python)
        if e.installable and not e.gpu_blockers:
            return r
    return None


def _last_branch(ctx: Context) -> str:
    """The newest branch that still drives every GPU here, where their architecture has one:
    an update past it (R550 for a K80) would leave the GPU without a driver."""
    return last_branch_words(_branch_cap(ctx))


def _branch_cap(ctx: Context) -> tuple[int, str] | None:
    """(the last branch, the GPU it ends for) of the GPU here whose drivers end first."""
    unused = {
        s.gpu.index for s in (ctx.chosen.gpus if ctx.chosen else ()) if s.support == "unsupported"
    }
    return last_branch_of([g for g in ctx.facts.gpus if g.index not in unused], ctx.matrix)


def _past_the_cap(ctx: Context, needed: str) -> tuple[int, str] | None:
    """The cap a driver of at least `needed` would go past: no driver is both (CUDA 12's R525
    for one GPU, R470 the last for a Kepler beside it)."""
    cap, branch = _branch_cap(ctx), driver_branch(needed)
    return cap if cap is not None and branch is not None and branch > cap[0] else None


PLATFORM_UNSUPPORTED_FIX = (
    "TensorFlow's wheels cover 64-bit Linux (x86_64, aarch64), Windows on x86_64 and macOS:"
    " install a 64-bit operating system where the hardware allows it (a Raspberry Pi 3 or newer"
    " runs 64-bit Raspberry Pi OS), use a community or vendor build for this machine, or"
    " TensorFlow Lite ('pip install tflite-runtime') for inference."
)


def _asked_release_without_a_wheel_here(ctx: Context) -> list[Finding]:
    """The release asked for (--tf) has no wheel for this platform at all: that, not the GPU,
    is why nothing installs, and the fix is a release that has one."""
    if ctx.installed or ctx.request.tf is None or not ctx.evaluations:
        return []
    key = platform_key(ctx.facts)
    if not all(
        any(b.startswith(f"no {key} wheels") for b in e.install_blockers) for e in ctx.evaluations
    ):
        return []
    label = platform_label(key)
    series = {xy(e.release.version) for e in ctx.evaluations}
    asked = (
        sorted(series, key=parsed)
        if len(ctx.evaluations) > len(series)
        else sorted({e.release.version for e in ctx.evaluations}, key=parsed)
    )
    pythons = {xy(p.version) for p in ctx.facts.pythons} if ctx.facts.knows("pythons") else set()
    here = [
        r
        for r in ctx.matrix.tensorflow.releases
        if has_wheels(r, key) and (not pythons or pythons & set(r.python))
    ]
    first_asked = parsed(ctx.evaluations[-1].release.version)
    before = max(
        (r for r in here if parsed(r.version) < first_asked), default=None, key=_by_version
    )
    after = min((r for r in here if parsed(r.version) > first_asked), default=None, key=_by_version)
    nearest = [f"--tf {xy(r.version)}" for r in (before, after) if r is not None]
    notes = {
        note
        for e in ctx.evaluations
        if key in e.release.platforms and (note := e.release.platforms[key].note)
    }
    p = ctx.facts.platform
    # (an architecture only assumed is no evidence: another one may have the wheel)
    stated = ctx.facts.knows("arch")
    return [
        finding(
            "platform-unsupported",
            E if stated else W,
            f"TensorFlow {', '.join(asked)} has no wheel for {label}: pip cannot install it here"
            + ("" if stated else f" (if this is {label}: the architecture was not stated)"),
            [
                f"platform: {label} ({p.source if stated else 'assumed: confirm with uname -m'})",
                *sorted(notes),
            ],
            (
                f"Ask for a release published for {label}: {' or '.join(nearest)} (the nearest"
                " ones for the Pythons here)."
                if nearest
                else PLATFORM_UNSUPPORTED_FIX
            ),
        )
    ]


def _by_version(release: TfRelease) -> Version:
    return parsed(release.version)


@rule("platform-unsupported", PYPI_FILES)
def platform_unsupported(ctx: Context) -> list[Finding]:
    if (label := platform_without_wheels(ctx.facts)) is None:
        return _asked_release_without_a_wheel_here(ctx)
    p = ctx.facts.platform
    return [
        finding(
            "platform-unsupported",
            E,
            f"TensorFlow publishes no wheel for {label}: pip cannot install any release here",
            [f"arch: {p.arch} ({p.source})"],
            PLATFORM_UNSUPPORTED_FIX,
        )
    ]


@rule("windows-native-gpu-unsupported", TF_WINDOWS)
def windows_native(ctx: Context) -> list[Finding]:
    if not ctx.facts.knows("os") or ctx.facts.platform.os != "windows" or ctx.gpu:
        return []
    if ctx.installed and ctx.chosen is None:
        return []  # the installed release is not known: it may be 2.10 or older
    support = ctx.chosen.release.platforms.get("windows_x86_64") if ctx.chosen else None
    if support is not None and support.gpu:
        return []  # 2.10 and older have a Windows GPU build: something else blocks it
    if ctx.chosen is None and any(
        (w := e.release.platforms.get("windows_x86_64")) is not None and w.gpu
        for e in ctx.evaluations
    ):
        return []  # the releases asked for have a Windows GPU build: the Python (or more) blocks
    last = max(
        (
            r
            for r in ctx.matrix.tensorflow.releases
            if (w := r.platforms.get("windows_x86_64")) is not None and w.gpu
        ),
        key=lambda r: Version(r.version),
        default=None,
    )
    if ctx.facts.gpus_absent():
        return []  # no NVIDIA GPU to use anywhere: no-nvidia-gpu says so
    gpus = ctx.facts.gpus
    # a GPU no PyPI release has kernels for runs none in WSL2 either: that is the cause
    hopeless = bool(gpus) and not any(
        gpu_support(r, g, ctx.matrix).support != "unsupported"
        for g in gpus
        if g.compute_capability
        for r in ctx.matrix.tensorflow.releases
    )
    evaluated = (
        next((e for e in ctx.evaluations if e.release.version == last.version), None)
        if last
        else None
    )
    # (the pin helps only where nothing but a system CUDA to install stands in its way, and
    # not where it has no kernels for the GPUs named: 2.10 runs no RTX 5090)
    runs_none = (
        last is not None
        and bool(gpus)
        and all(gpu_support(last, g, ctx.matrix).support == "unsupported" for g in gpus)
    )
    pin_helps = (
        evaluated is None or set(evaluated.gpu_blockers) <= {evaluated.system_cuda_blocker}
    ) and not runs_none
    pin = (
        f", or pin TensorFlow {xy(last.version)} (Python {last.python[0]} to {last.python[-1]}) "
        f"with CUDA {last.cuda} and cuDNN {last.cudnn} ('tfgpu-setup plan --tf "
        f"{xy(last.version)}')"
        if last and last.python and pin_helps
        else ""
    )
    return [
        finding(
            "windows-native-gpu-unsupported",
            INFO if hopeless else E,
            "TensorFlow 2.11 and newer have no GPU support on native Windows",
            [f"os: windows ({ctx.facts.platform.source})"],
            "Use WSL2 (install the Windows NVIDIA driver, then 'pip install tensorflow[and-cuda]' "
            f"inside WSL2, or run tfgpu-setup there){pin}."
            + (
                f" TensorFlow {last.version}, the newest with a native Windows GPU build, has no"
                f" kernels for the {' or the '.join(sorted({g.name for g in gpus}))}"
                " (compute capability"
                f" {', '.join(sorted({g.compute_capability or '?' for g in gpus}))}):"
                " pinning it does not reach the GPU."
                if last is not None and runs_none and not hopeless
                else ""
            ),
        )
    ]


def _older_release_fix(ctx: Context, releases: list[TfRelease]) -> str:
    """The newest release with kernels for the GPU that a Python here can install; where none
    can, the newest one and the Pythons it needs (a fix must not lead to a dead end)."""
    pythons = {xy(p.version) for p in ctx.facts.pythons} if ctx.facts.knows("pythons") else None
    key = platform_key(ctx.facts)
    glibc = ctx.facts.platform.glibc if ctx.facts.knows("glibc") else None

    def glibc_needed(r: TfRelease) -> str | None:
        """The glibc r needs here where this machine's is older."""
        need = (support := r.platforms.get(key)) and support.glibc_min
        return need if need and glibc and parsed(glibc) < parsed(need) else None

    if glibc and all(glibc_needed(r) for r in releases):
        # (a fix must not lead to a dead end: the C library rules every such release out)
        newest = releases[0]
        return (
            f"TensorFlow {newest.version} still supports this GPU, but needs glibc ≥"
            f" {glibc_needed(newest)} (found {glibc}): run it on a newer distribution, or in a"
            " container image with a newer glibc (Ubuntu 22.04 or later), then 'tfgpu-setup plan"
            f" --tf {newest.version}' there."
        )
    releases = [r for r in releases if not glibc_needed(r)]
    for_pythons = [r for r in releases if pythons is None or pythons & set(r.python)]
    fits = next(iter(for_pythons), None)
    nearest = _nearest_newer(ctx, for_pythons)
    if fits is not None and nearest is not None and nearest is not fits:
        # a release pinned for an application's sake: the next one keeps most of its API
        # (sleap#454: 2.3 pinned for an RTX 3080, which 2.4 runs)
        return (
            f"TensorFlow {nearest.version} is the nearest release that supports this GPU"
            f" ('tfgpu-setup plan --tf {xy(nearest.version)}'); the newest is {fits.version}."
            + _on_this_driver(ctx, releases, nearest)
        )
    if fits is not None:
        return (
            f"TensorFlow {fits.version} {_supports(ctx, fits)} this GPU: 'tfgpu-setup plan --tf "
            f"{fits.version}'." + _on_this_driver(ctx, releases, fits)
        )
    newest = releases[0]
    return (
        f"TensorFlow {newest.version} {_supports(ctx, newest)} this GPU, with Python "
        f"{newest.python[0]} to {newest.python[-1]} (none of those is here): install one, then "
        f"'tfgpu-setup plan --tf {newest.version} --python {newest.python[-1]}'."
    )


def _nearest_newer(ctx: Context, releases: list[TfRelease]) -> TfRelease | None:
    """The oldest of these releases newer than the one asked for (--tf), where one was."""
    if not ctx.request.tf or ctx.chosen is None:
        return None
    asked = parsed(ctx.chosen.release.version)
    newer = [r for r in releases if parsed(r.version) > asked]
    if not newer:
        return None
    # the newest patch of the nearest series (2.4.4, not 2.4.0)
    series = xy(min(newer, key=lambda r: parsed(r.version)).version)
    return max((r for r in newer if xy(r.version) == series), key=lambda r: parsed(r.version))


def _on_this_driver(ctx: Context, releases: list[TfRelease], named: TfRelease) -> str:
    """Where the known driver cannot run the release named, the newest of those releases it
    runs as it is (a K80 on R410: 2.11 needs R450, 2.0 runs on CUDA 10.0)."""
    if not ctx.facts.knows("driver") or not ctx.facts.driver.version:
        return ""
    named_runs = evaluate(named, ctx.facts, ctx.matrix, ctx.request.python)
    if named_runs.driver_blocker is None:
        return ""
    r = _first_that_runs(ctx, releases)
    if r is None:
        return f" It needs a newer driver than {ctx.facts.driver.version}."
    return (
        f" It needs a newer driver than {ctx.facts.driver.version}; on that driver as it is,"
        f" TensorFlow {r.version} runs its GPU build ('tfgpu-setup plan --tf {xy(r.version)}')."
    )


def _supports(ctx: Context, named: TfRelease) -> str:
    """'still supports' for a release older than the one judged (an older GPU), 'supports' for
    a newer one (a GPU newer than the judged build: an RTX 5090 under 2.18)."""
    judged = ctx.chosen.release.version if ctx.chosen is not None else None
    newer = judged is not None and parsed(named.version) > parsed(judged)
    return "supports" if newer else "still supports"


NO_RELEASE_HAS_KERNELS = "No PyPI TensorFlow release has kernels"


def _no_pypi_release_fix(bad: list[GpuSupport]) -> str:
    """No PyPI release runs on these GPUs: what can, by how old the oldest of them is."""
    ccs = [Version(g.gpu.compute_capability) for g in bad if g.gpu.compute_capability]
    oldest = min(ccs, default=None)
    if oldest is not None and oldest < Version("3.5"):
        # CUDA 11 (TensorFlow 2.4 on) dropped sm_30; NVIDIA's containers need far newer GPUs.
        return (
            f"{NO_RELEASE_HAS_KERNELS} for compute capability {oldest}: every "
            "build needs at least 3.5. Only a source build of TensorFlow 2.3 or older, with CUDA "
            "10, can target it; otherwise use TensorFlow on the CPU or a newer NVIDIA GPU."
        )
    return (
        f"{NO_RELEASE_HAS_KERNELS} for this GPU; build TensorFlow from source with "
        "this compute capability"
        + (
            ", or use NVIDIA's TensorFlow container."
            if oldest and oldest >= Version("6.0")
            else "."
        )
    )


ANCIENT_GPU_FIX = (
    "No TensorFlow release or source build runs on a GPU older than compute capability"
    f" {query.OLDEST_CAPABILITY_BUILT} (Kepler): use a newer NVIDIA GPU, or TensorFlow on the CPU."
)


def _metal_route(ctx: Context) -> str:
    """Apple's plug-in for the release planned, or, where none supports it (a mismatched one
    stops 'import tensorflow' altogether: tensorflow#81987), the newest release one does."""
    planned = ctx.chosen.release if ctx.chosen else None
    chosen_python = ctx.chosen.python if ctx.chosen else None
    # (an assumed Python says nothing of the one that will install the plug-in)
    python = (
        chosen_python.version
        if chosen_python is not None and not chosen_python.source.startswith("assumed")
        else None
    )
    plug_in = metal_plug_in(planned) if planned is not None else None
    if planned is None or plug_in:
        # the release Apple's table pairs with it: pip's newest may not load into this one
        pin = f"=={plug_in}" if planned is not None and plug_in else ""
        if plug_in and (no_wheel := plug_in_blocker(plug_in, python)):
            # (1.1.0, 2.14 to 2.17's, has no cp312 wheel: its pin would not install)
            return (
                f"On Apple silicon the GPU is reached through Apple's plug-in, and {no_wheel}:"
                f" plan with a Python it has ('--python {PLUG_IN_PYTHONS[plug_in][-1]}'), or"
                " with the release a newer plug-in pairs with ('tfgpu-setup plan' without"
                " --tf picks it)."
            )
        wheels = PLUG_IN_PYTHONS.get(plug_in or "") if python is None else None
        return (
            "On Apple silicon, install Apple's plug-in into the same environment: 'pip install"
            f" tensorflow-metal{pin}' (GPU through Metal, not CUDA"
            + (f"; its wheels are for Python {'/'.join(wheels)}" if wheels else "")
            + ")."
        )
    pythons = {xy(p.version) for p in ctx.facts.pythons} if ctx.facts.knows("pythons") else set()
    served = next(
        (
            e.release
            for e in ctx.evaluations
            if metal_plug_in(e.release) and (not pythons or pythons & set(e.release.python))
        ),
        None,
    )
    releases = [e.release for e in ctx.evaluations]
    if not any(metal_plug_in(r) for r in releases):
        # one installed release judged (doctor), or a series pinned whose every patch release
        # predates or outran Apple's table: the others come from the matrix itself
        releases = list(ctx.matrix.tensorflow.releases)
        served = next(
            (r for r in releases if metal_plug_in(r) and (not pythons or pythons & set(r.python))),
            None,
        )
    newest = served or next((r for r in releases if metal_plug_in(r)), None)
    if newest is None:
        return (
            f"On Apple silicon, no tensorflow-metal release supports TensorFlow {planned.version}."
        )
    series = ".".join(newest.version.split(".")[:2])
    python = "" if served else f" and a Python it supports ({'/'.join(newest.python)})"
    return (
        f"On Apple silicon the GPU is reached through Apple's tensorflow-metal plug-in, and no"
        f" release of it supports TensorFlow {planned.version} (a mismatched one stops 'import"
        f" tensorflow'): for the GPU, plan TensorFlow {newest.version}{python} instead"
        f" ('tfgpu-setup plan --tf {series}') and install Apple's plug-in into the same"
        f" environment: 'pip install tensorflow-metal=={metal_plug_in(newest)}'; this plan runs"
        " on the CPU."
    )


@rule("macos-no-cuda", METAL)
def macos_no_cuda(ctx: Context) -> list[Finding]:
    p = ctx.facts.platform
    if not ctx.facts.knows("os") or p.os != "macos":
        return []
    if ctx.gpu and ctx.chosen is not None and ctx.chosen.cuda_from == "metal":
        plug_in = metal_plug_in(ctx.chosen.release)
        return [
            finding(
                "macos-no-cuda",
                INFO,
                f"macOS has no CUDA: the plan reaches the Mac's GPU through Apple's"
                f" tensorflow-metal {plug_in} plug-in instead",
                [
                    f"os: macos, arch: {p.arch}",
                    f"TensorFlow {ctx.chosen.release.version}:"
                    f" tensorflow-metal {plug_in} ({METAL_PAIRS})",
                ],
                "Nothing to install beyond the plan's packages: Apple's plug-in needs macOS 12 or"
                " later ('sw_vers -productVersion'); 'tfgpu-setup verify' then lists"
                " /physical_device:GPU:0. An NVIDIA GPU has no route on macOS.",
            )
        ]
    apple_silicon = _metal_route(ctx)
    # tensorflow-metal's last wheel for macOS x86_64 is 1.0.0 (https://pypi.org/project/
    # tensorflow-metal/#files: 1.0.1 on are arm64 only), which Apple's table pairs with 2.13
    intel = (
        "an Intel Mac reaches its GPU only through Apple's tensorflow-metal plug-in, on an AMD"
        " GPU (macOS 12 or later): its last release for Intel Macs, 1.0.0, goes with"
        " TensorFlow 2.13 ('tfgpu-setup plan --tf 2.13', then 'pip install"
        " tensorflow-metal==1.0.0' in that environment); NVIDIA GPUs have no path on macOS."
    )
    title = "macOS has no CUDA: TensorFlow cannot use an NVIDIA GPU there"
    evidence = [f"os: macos, arch: {p.arch}" if ctx.facts.knows("arch") else "os: macos"]
    apple_gpu = next((g for g in ctx.facts.other_gpus if APPLE_SILICON_GPU.search(g)), None)
    if not ctx.facts.knows("arch"):
        fix = f"{apple_silicon} Otherwise {intel}"
    elif p.arch in ("arm64", "aarch64"):
        fix = apple_silicon
        if not (ctx.facts.knows("gpus") and ctx.facts.gpus):
            title = (
                "macOS has no CUDA: TensorFlow reaches the Mac's GPU only through Apple's"
                " tensorflow-metal plug-in"
            )
    elif apple_gpu is not None:
        # only Apple silicon has an Apple GPU: an x86_64 Python there runs under Rosetta 2, and
        # neither Apple's plug-in nor TensorFlow's arm64 wheels install into it
        title = (
            "This x86_64 Python runs under Rosetta 2 on Apple silicon: TensorFlow cannot reach"
            " the Apple GPU from it"
        )
        evidence.append(f"GPU: {apple_gpu} (Apple silicon, arm64)")
        fix = (
            "Use a native arm64 Python ('python3 -c \"import platform;"
            " print(platform.machine())\"' prints arm64: python.org's universal2 installer,"
            " Homebrew's /opt/homebrew/bin/python3 or Miniforge's osx-arm64), then plan again"
            " with '--arch arm64': TensorFlow and Apple's tensorflow-metal plug-in publish arm64"
            " wheels only for it."
        )
    else:
        fix = intel[0].upper() + intel[1:]
    return [finding("macos-no-cuda", E, title, evidence, fix)]


@rule("wsl-linux-driver-installed", WSL_GUIDE)
def wsl_linux_driver(ctx: Context) -> list[Finding]:
    f = ctx.facts
    if f.platform.os != "wsl2":
        return []
    evidence = []
    if f.driver.kernel_module_version:
        evidence.append(
            f"Linux kernel module {f.driver.kernel_module_version} present inside "
            "WSL2 (/proc/driver/nvidia/version)"
        )
    evidence += [
        f"{path} (a Linux driver's libcuda, found by the loader)"
        for path in f.libcuda
        if not path.startswith("/usr/lib/wsl/")
    ]
    version = f.driver.version if f.knows("driver") else None
    if not evidence and version and version.count(".") == 2 and not f.driver.windows_numbering:
        # nvidia-smi inside WSL 2 prints the Windows driver's number (572.16); a Linux driver's
        # three-part number (535.104.05) is another driver's, or a number read elsewhere
        return [
            finding(
                "wsl-linux-driver-installed",
                W,
                f"The driver stated ({version}) is numbered like a Linux driver: WSL 2 uses the"
                " Windows driver, whose number nvidia-smi shows there as NNN.NN",
                [f"driver {version} ({f.driver.source}) under WSL 2"],
                "Check 'nvidia-smi' inside WSL 2: its Driver Version is the Windows driver's."
                " If a Linux NVIDIA driver package is installed inside WSL ('dpkg -l | grep -i"
                " nvidia'), remove it; WSL 2 uses the Windows driver through /usr/lib/wsl/lib.",
            )
        ]
    if not evidence:
        return []
    return [
        finding(
            "wsl-linux-driver-installed",
            E,
            "A Linux NVIDIA driver is installed inside WSL2 and shadows the Windows driver's "
            "libcuda",
            evidence,
            'Remove the Linux driver packages inside WSL2 (e.g. \'sudo apt purge "*nvidia-driver*" '
            '"libnvidia-compute*"\'); WSL2 uses the Windows driver through /usr/lib/wsl/lib.',
        )
    ]


def _install_blocker_finding(
    ctx: Context, rule_id: str, keyword: str, title_all: str, fix: str
) -> list[Finding]:
    if platform_without_wheels(ctx.facts) is not None or ctx.facts.platform.musl:
        return []  # no Python or glibc version would help: platform-unsupported (musl's) says why
    installable = [e for e in ctx.evaluations if e.installable]
    blocked = [e for e in ctx.evaluations if any(keyword in b for b in e.install_blockers)]
    if not blocked:
        return []
    # the newest held back by this alone speaks for it (not one without wheels here anyway)
    newest = next((e for e in blocked if all(keyword in b for b in e.install_blockers)), blocked[0])
    reason = next(b for b in newest.install_blockers if keyword in b)
    evidence = [f"TensorFlow {newest.release.version}: {reason}"]
    if (
        not installable
        and ctx.installed
        and not ctx.release_guessed
        and keyword == "Python"
        and ctx.facts.knows("pythons")
    ):
        # judging a TensorFlow already installed (doctor): the stated Python has no PyPI wheel
        # of it, so either that TensorFlow runs under another Python or it is another build (a
        # distribution's package: Arch's python-tensorflow under /usr/lib/python3.13)
        return [
            finding(
                rule_id,
                W,
                f"TensorFlow {newest.release.version} has no PyPI wheel for the Python stated:"
                " the TensorFlow installed runs under another Python, or is another build (a"
                " Linux distribution's, conda's)",
                evidence,
                "Check which Python runs it ('python -c \"import sys, tensorflow as tf;"
                f" print(sys.executable, tf.__version__, tf.__file__)\"'); TensorFlow"
                f" {newest.release.version}'s PyPI wheels are for"
                f" {_supported_pythons(_python_target(ctx))}.",
            )
        ]
    if (
        not installable
        and ctx.request.tf
        and all(e.gpus for e in blocked)
        and not any(_serves_gpus(e) for e in blocked)
    ):
        # no fix of this blocker gives a GPU build: the release has no kernels for the GPU
        # (compute-capability-unsupported says so, first), so this is its CPU build's
        # obstacle (review 90: 2.13 asked for an RTX 5070 under Python 3.12)
        return [
            finding(
                rule_id,
                W,
                f"{title_all}, and its build would run on the CPU only: it has no kernels for"
                " the GPU",
                evidence,
                fix,
            )
        ]
    if not installable:
        return [finding(rule_id, E, title_all, evidence, fix)]
    if ctx.gpu:
        # a GPU plan steps down for a Python only where the newer release has a GPU build here
        key = platform_key(ctx.facts)
        gpu_blocked = [e for e in blocked if has_gpu_build(e.release, key) and _serves_gpus(e)]
        if not gpu_blocked:
            return []
        newest = gpu_blocked[0]
        reason = next(b for b in newest.install_blockers if keyword in b)
        evidence = [f"TensorFlow {newest.release.version}: {reason}"]
    if ctx.chosen is not None and Version(ctx.chosen.release.version) < Version(
        newest.release.version
    ):
        return [
            finding(
                rule_id,
                W,
                f"TensorFlow {newest.release.version} cannot be installed "
                f"here; the plan uses {ctx.chosen.release.version}",
                evidence,
                fix,
            )
        ]
    return []


@rule("python-unsupported", TF_TESTED)
def python_unsupported(ctx: Context) -> list[Finding]:
    chosen = ctx.chosen
    to_install = chosen.python_to_install if chosen is not None else None
    if ctx.gpu and chosen is not None and to_install is not None and chosen.python is to_install:
        # the GPU plan is made for a Python the user installs first
        want = to_install.version
        reason = next(b for b in chosen.install_blockers if "Python" in b)
        return [
            finding(
                "python-unsupported",
                E,
                f"Python {want} is needed first: TensorFlow {chosen.release.version}, the newest"
                " whose GPU build runs here, does not support the Python available",
                [f"TensorFlow {chosen.release.version}: {reason}"],
                f"Install Python {want} (pyenv, your OS packages or python.org), then apply this"
                f" plan: its environment is made with Python {want}. The TensorFlow releases for"
                " the Python you have would run on the CPU only.",
            )
        ]
    target = _python_target(ctx)
    if (
        target is not None
        and target[1]
        and chosen is not None
        and Version(chosen.release.version) >= Version(target[0].version)
    ):
        return []  # another Python would gain nothing: what caps the release is not the Python
    return _install_blocker_finding(
        ctx,
        "python-unsupported",
        "Python",
        "No available Python version is supported by this TensorFlow release",
        "Install a supported Python (e.g. with pyenv or your OS packages: "
        f"{_supported_pythons(target)}) and plan again{_release_for_this_python(ctx)}.",
    )


def _release_for_this_python(ctx: Context) -> str:
    """Where a release and a Python were both asked for and do not fit: the release nearest
    the one asked that has wheels for that Python here (tensorflow#99639: 2.19 asked under
    Python 3.13, which 2.20 is the first to support)."""
    python, asked = ctx.request.python, ctx.request.tf
    if not python or not asked:
        return ""
    try:
        wanted = parsed(asked.lstrip("=~<>! "))
    except ValueError:
        return ""
    key = platform_key(ctx.facts)
    fitting = [
        r for r in ctx.matrix.tensorflow.releases if xy(python) in r.python and has_wheels(r, key)
    ]
    if not fitting:
        return ""
    newer = [r for r in fitting if parsed(r.version) > wanted]
    nearest = (
        min(newer, key=lambda r: parsed(r.version))
        if newer
        else max(fitting, key=lambda r: parsed(r.version))
    )
    cpu_only = "" if nearest.platforms[key].gpu else ", whose build here runs on the CPU only"
    # (every fact stated weighs on it: a driver too old for its CUDA is a step more)
    driver = "" if cpu_only else _driver_step_for(ctx, nearest)
    return (
        f"; or keep Python {xy(python)}: TensorFlow {nearest.version} is the release nearest"
        f" {asked} with wheels for it{cpu_only}{driver} ('tfgpu-setup plan --tf"
        f" {xy(nearest.version)}')"
    )


def _driver_step_for(ctx: Context, release: TfRelease) -> str:
    """', and needs a driver ≥ X' where the known driver is older than the release's CUDA
    needs ('' where it is not, or nothing is known)."""
    f = ctx.facts
    if release.cuda is None or not f.knows("driver") or not f.driver.version:
        return ""
    try:
        need = query.driver_requirement(ctx.matrix, release.cuda, is_windows_driver(f)).floor
    except UserError:
        return ""
    if query.compare_driver_versions(f.driver.version, need) >= 0:
        return ""
    return f", and needs a driver ≥ {need} for its CUDA {release.cuda} (this one is older)"


def _supported_pythons(target: tuple[TfRelease, str] | None) -> str:
    """The Pythons of the newest release with wheels for this platform, as _python_target
    finds it (macOS x86_64 stops at 2.16: 2.21's Pythons would send its users to one that still
    has none)."""
    if target is None:
        return "see 'tfgpu-setup matrix show'"
    release, why = target
    pythons = "Python " + "/".join(release.python)
    return f"{pythons}, for TensorFlow {release.version}, {why}" if why else pythons


def _python_target(ctx: Context) -> tuple[TfRelease, str] | None:
    """The newest release another Python would install (and, for a GPU plan, run on the GPU),
    with why it is not the newest release ('' where it is)."""
    if not ctx.evaluations:
        return None
    key = platform_key(ctx.facts)
    wheels_here = [e for e in ctx.evaluations if has_wheels(e.release, key)]
    newest = next((e.release for e in wheels_here if _only_python_blocks(e)), None)
    # a driver that drives none of the GPUs is replaced whatever the release: it caps nothing
    replaced = _driver_drives_no_gpu(ctx)
    on_gpu = next(
        (
            e.release
            for e in wheels_here
            if has_gpu_build(e.release, key)
            and _serves_gpus(e)
            and _only_python_blocks(e)
            # (a driver stated too old for a newer release's CUDA caps it as the GPU does)
            and (e.driver_blocker is None or replaced)
        ),
        None,
    )
    if ctx.gpu and on_gpu is not None and on_gpu is not newest:
        # a newer release's Pythons would get a CPU build, or none that runs: this GPU has no
        # kernels there, or this driver cannot run its CUDA
        newer = [e for e in wheels_here if parsed(e.release.version) > parsed(on_gpu.version)]
        if any(not _serves_gpus(e) for e in newer):
            return on_gpu, "the newest that runs on this GPU"
        return on_gpu, "the newest this driver runs"
    if newest is None:
        return ctx.evaluations[0].release, ""
    if newest is ctx.evaluations[0].release:
        return newest, ""
    if newest is (wheels_here[0].release if wheels_here else None):
        return newest, "the newest with wheels for this platform"
    return newest, "the newest whose wheels install on this system"


def _driver_drives_no_gpu(ctx: Context) -> bool:
    """The stated driver predates every GPU here (R450 under an RTX 3090): it must be replaced
    for any release, so its CUDA caps none of them."""
    gaps = driver_gaps(ctx.facts, ctx.matrix, is_windows_driver(ctx.facts))
    return bool(ctx.facts.gpus) and len({g.gpu.index for g in gaps if g.kind == "predates"}) == len(
        ctx.facts.gpus
    )


def _only_python_blocks(e: Evaluation) -> bool:
    """Nothing but the Python keeps this release from installing here (not the glibc, the
    platform or a musl libc, which no other Python changes)."""
    return all("Python" in blocker for blocker in e.install_blockers)


def _serves_gpus(e: Evaluation) -> bool:
    """The release has kernels (native or through PTX) for every GPU known here."""
    return all(g.support != "unsupported" for g in e.gpus)


@rule("glibc-too-old", "https://github.com/pypa/manylinux")
def glibc_too_old(ctx: Context) -> list[Finding]:
    if ctx.facts.platform.musl and any(MUSL_BLOCKER in e.install_blockers for e in ctx.evaluations):
        p = ctx.facts.platform
        return [
            finding("glibc-too-old", E, MUSL_TITLE, [f"C library: musl ({p.source})"], MUSL_FIX)
        ]
    return _install_blocker_finding(
        ctx,
        "glibc-too-old",
        "glibc",
        "The system glibc is older than every TensorFlow wheel asked for requires",
        "Use a newer Linux distribution (or a container with one), or an older TensorFlow "
        "release ('--tf').",
    )


@rule("compute-capability-unsupported", CUDA_GPUS)
def cc_unsupported(ctx: Context) -> list[Finding]:
    target = ctx.chosen or (ctx.evaluations[0] if ctx.evaluations else None)
    if target is None or (ctx.facts.knows("os") and ctx.facts.platform.os == "macos"):
        return []  # (macOS has no CUDA build at all: macos-no-cuda says so for every GPU)
    bad = [g for g in target.gpus if g.support == "unsupported"]
    if ctx.gpu:
        # a GPU this driver does not drive is not listed at all: no-nvidia-driver notes it
        undriven = ctx.undriven()
        bad = [g for g in bad if g.gpu.index not in undriven]
    unknown = [g for g in target.gpus if g.support == "unknown"]
    unscanned = [g for g in unknown if g.gpu.compute_capability is not None]
    if not bad and unscanned and ctx.gpu:
        return [
            finding(
                "compute-capability-unsupported",
                W,
                f"Cannot tell whether TensorFlow {target.release.version} has kernels for "
                f"{unscanned[0].gpu.name}: the matrix has not scanned its wheel yet",
                [f"GPU {g.gpu.index} {g.gpu.name}: {g.reason}" for g in unscanned],
                "Run 'tfgpu-setup verify' after apply; if the GPU checks fail, pin a scanned "
                "release with '--tf'.",
            )
        ]
    if not bad and unknown and ctx.gpu and not ctx.installed:
        # Judging an installed release (doctor), an unknown compute capability is something to
        # confirm, not a finding: the doctor lists it under "To confirm".
        return [
            finding(
                "compute-capability-unsupported",
                W,
                f"Cannot tell whether TensorFlow {target.release.version} has kernels for "
                f"{unknown[0].gpu.name}: its compute capability is unknown",
                [
                    f"GPU {g.gpu.index} {g.gpu.name}: {g.reason}"
                    + (f" ({g.gpu.cc_source})" if g.gpu.cc_source else "")
                    for g in unknown
                ],
                "Look the GPU up on https://developer.nvidia.com/cuda-gpus and plan again with "
                "'--gpu X.Y' (its compute capability); TensorFlow "
                f"{target.release.version} has kernels for "
                f"{', '.join((*target.release.sass, *target.release.ptx))}.",
            )
        ]
    if not bad:
        return []
    evidence = [
        f"GPU {g.gpu.index} {g.gpu.name} (compute capability "
        f"{g.gpu.compute_capability}): {g.reason}"
        for g in bad
    ]
    usable = [g for g in target.gpus if g.support in ("sass", "ptx-jit")]
    if usable and not ctx.gpu and ctx.installed:
        # Something else keeps TensorFlow off every GPU: this one it would only skip.
        return [
            finding(
                "compute-capability-unsupported",
                W,
                f"TensorFlow {target.release.version} has no kernels for "
                f"{', '.join(g.gpu.name for g in bad)}; it would skip "
                + ("it" if len(bad) == 1 else "them")
                + f" and use {', '.join(g.gpu.name for g in usable)}",
                evidence,
                "Fix what keeps TensorFlow off every GPU first; for the skipped GPUs too, a "
                "release with their kernels is needed ('tfgpu-setup plan').",
            )
        ]
    if ctx.gpu and ctx.installed:
        # TensorFlow skips a GPU it has no kernels for and runs on the others: no cause.
        return [
            finding(
                "compute-capability-unsupported",
                INFO,
                f"TensorFlow {target.release.version} skips the GPUs it has no kernels for and "
                "uses the others",
                evidence,
                "Nothing to do for the GPUs it uses; to use the others too, a release with "
                "kernels for all of them is needed ('tfgpu-setup plan').",
            )
        ]
    if ctx.gpu:
        return [
            finding(
                "compute-capability-unsupported",
                W,
                f"Some GPUs cannot run TensorFlow {target.release.version}; they are left out",
                evidence,
                "The plan's CUDA_VISIBLE_DEVICES keeps only the supported GPUs."
                if ctx.visible_devices_set() is not None
                else "TensorFlow skips them and uses the others; your CUDA_VISIBLE_DEVICES stays"
                " as it is (plan with --gpus to have the activate script set it).",
            )
        ]
    # Search the whole matrix, not only the releases --tf admitted: a GTX 970 user who asked
    # for 2.17 should hear that 2.16.2 still runs on it, not "build from source".
    key = platform_key(ctx.facts)
    newest_first = sorted(ctx.matrix.tensorflow.releases, key=_by_version, reverse=True)

    def runs_on_all(r: TfRelease) -> bool:
        return all(gpu_support(r, g.gpu, ctx.matrix).support in ("sass", "ptx-jit") for g in bad)

    supported_elsewhere = [
        r for r in newest_first if has_wheels(r, key) and r.platforms[key].gpu and runs_on_all(r)
    ]
    ancient = all(query.older_than_every_build(g.gpu.compute_capability) for g in bad)
    in_wsl = (
        next(
            (
                r
                for r in newest_first
                if (wsl := r.platforms.get("wsl2")) is not None and wsl.gpu and runs_on_all(r)
            ),
            None,
        )
        if key == "windows_x86_64" and not supported_elsewhere
        else None
    )
    fix = (
        _older_release_fix(ctx, supported_elsewhere)
        if supported_elsewhere
        # native Windows has no GPU build for it, WSL2 has (an RTX 5090: 2.21)
        else f"No release with a native Windows GPU build runs this GPU; in WSL2, TensorFlow"
        f" {in_wsl.version} does ('pip install tensorflow[and-cuda]' there, or 'tfgpu-setup plan"
        f" --os wsl2 --tf {xy(in_wsl.version)}')."
        if in_wsl is not None
        else ANCIENT_GPU_FIX
        if ancient
        else _no_pypi_release_fix(bad)
    )
    return [
        finding(
            "compute-capability-unsupported",
            E,
            f"TensorFlow {target.release.version} has no kernels for this GPU",
            evidence,
            fix,
        )
    ]


@rule(
    "compute-capability-ptx-jit",
    "https://docs.nvidia.com/cuda/cuda-c-programming-guide/index.html#just-in-time-compilation",
)
def cc_ptx_jit(ctx: Context) -> list[Finding]:
    if not ctx.gpu or ctx.chosen is None:
        return []
    jit = [g for g in ctx.chosen.gpus if g.support == "ptx-jit"]
    if not jit:
        return []
    newer = ctx.chosen.newer_gpu_set
    return [
        finding(
            "compute-capability-ptx-jit",
            W,
            f"TensorFlow {ctx.chosen.release.version} has no native kernels for "
            f"{jit[0].gpu.name}: the first start JIT-compiles PTX and takes minutes",
            [f"GPU {g.gpu.index} {g.gpu.name}: {g.reason}" for g in jit],
            "Expect a slow first run; keep the JIT cache (CUDA_CACHE_MAXSIZE=4294967296) so later "
            "starts are fast."
            + (
                " XLA's own compiles (jit_compile=True) do not target this GPU yet: leave them"
                " off, which Keras 3 does not by default (its jit_compile='auto' compiles"
                " model.fit with XLA): pass jit_compile=False to model.compile"
                " (https://github.com/tensorflow/tensorflow/issues/111958)."
                if newer is not None
                else ""
            ),
        )
    ]


def _env_wheels(ctx: Context) -> dict[str, NvidiaWheel]:
    env = ctx.facts.target_env
    if env is None:
        return {}
    return {canonicalize_name(w.name): w for w in env.nvidia_wheels}


def _wheel_major(wheels: dict[str, NvidiaWheel], base: str) -> tuple[NvidiaWheel, int] | None:
    for name, wheel in wheels.items():
        if name.startswith(base + "-cu") or name == base:
            return wheel, Version(wheel.version).major
    return None


def _installed_tf(ctx: Context) -> str | None:
    env = ctx.facts.target_env
    if env is None:
        return None
    return next(
        (
            d.version
            for d in env.tensorflow
            if d.name in ("tensorflow", "tensorflow-gpu", "tf-nightly")
        ),
        None,
    )


@rule("tensorflow-not-installed", TF_INSTALL)
def tf_not_installed(ctx: Context) -> list[Finding]:
    env = ctx.facts.target_env
    if env is None or env.reason or env.tensorflow:
        return []
    return [
        finding(
            "tensorflow-not-installed",
            INFO,
            f"TensorFlow is not installed in {env.path}",
            [f"no tensorflow distribution in {env.site_packages or env.path}"],
            "'tfgpu-setup apply' installs the planned release.",
        )
    ]


@rule("cpu-only-tensorflow", TF_INSTALL)
def cpu_only_tf(ctx: Context) -> list[Finding]:
    wheel = _cpu_only_wheel(ctx)
    if wheel:
        return wheel
    env = ctx.facts.target_env
    if env is None:
        return []
    evidence = [
        f"{d.name} {d.version} installed" for d in env.tensorflow if d.name in CPU_ONLY_DISTS
    ]
    if env.tf_build is not None and not env.tf_build.is_cuda_build:
        evidence.append(f"build info: is_cuda_build=False ({env.tf_build.source})")
    if not evidence:
        return []
    return [
        finding(
            "cpu-only-tensorflow",
            E if ctx.gpu else W,
            f"The TensorFlow in {env.path} has no CUDA support",
            evidence,
            "'tfgpu-setup apply' replaces it with the planned CUDA build.",
        )
    ]


def _cpu_only_wheel(ctx: Context) -> list[Finding]:
    """Linux on Arm: the PyPI wheel the plan installs has no CUDA, whatever the GPU and driver."""
    f = ctx.facts
    # Nothing installable (a Jetson's Python 3.6): the newest release asked for still says
    # that PyPI has no CUDA build here, which a newer Python would not change.
    chosen = ctx.chosen or (ctx.evaluations[0] if ctx.evaluations and not ctx.installed else None)
    key = platform_key(f)
    if ctx.gpu or chosen is None or key != "linux_aarch64" or (_no_driver(f) and not f.gpus):
        return []
    support = chosen.release.platforms.get(key)
    if (support is not None and support.gpu) or (support is None and ctx.chosen is not None):
        return []
    build = f.target_env.tf_build if f.target_env is not None else None
    if ctx.installed and build is not None and build.is_cuda_build:
        return []  # not the PyPI wheel: NVIDIA's JetPack or NGC build, or one from source
    # An installed TensorFlow nobody looked at may be one of those: likely, not shown.
    sure = not ctx.installed or build is not None
    gpus = ", ".join(g.name for g in f.gpus) or "none listed"
    return [
        finding(
            "cpu-only-tensorflow",
            E if sure else W,
            ("" if sure else "If it is the PyPI wheel: ")
            + (
                f"TensorFlow {chosen.release.version}'s PyPI wheel for Linux on Arm (aarch64) has "
                "no CUDA support"
                if support is not None
                else f"TensorFlow {chosen.release.version} has no PyPI wheel for Linux on Arm "
                "(aarch64), and none there has CUDA support"
            ),
            [
                (support.note if support else None)
                or f"no CUDA build of tensorflow {chosen.release.version} for {key}",
                f"GPUs: {gpus}; driver {f.driver.version or f.driver.cuda_version or 'unknown'}",
            ],
            "On aarch64 TensorFlow uses an NVIDIA GPU only from a CUDA build: on a Jetson, "
            "NVIDIA's TensorFlow wheel for its JetPack release; on Grace Hopper and Arm servers, "
            "NVIDIA's NGC TensorFlow container for Arm64; or a build from source with CUDA.",
            AARCH64_NO_CUDA,
        )
    ]


@rule("multiple-tensorflow-distributions", TF_INSTALL)
def multiple_tf(ctx: Context) -> list[Finding]:
    env = ctx.facts.target_env
    if env is None:
        return []
    installs = separate_installs((d.name, d.version) for d in env.tensorflow)
    if len(installs) < 2:
        return []
    return [
        finding(
            "multiple-tensorflow-distributions",
            W,
            f"{len(installs)} TensorFlow distributions share {env.path}; whichever was "
            "installed last owns the files",
            [f"{name} {version}" for name, version in installs],
            "'tfgpu-setup apply' removes the extra ones; by hand: 'pip uninstall' all of "
            "them, then "
            "install one.",
        )
    ]


_OTHER_BACKENDS = {"jax": "JAX", "torch": "PyTorch"}
_OTHER_BACKEND_CUDA = {
    "jax": "'pip install -U \"jax[cuda12]\"'",
    "torch": "PyTorch's CUDA wheel (pytorch.org's install command)",
}


@rule("keras-backend-not-tensorflow", "https://pypi.org/project/keras/3.0.4/")
def keras_backend(ctx: Context) -> list[Finding]:
    """KERAS_BACKEND naming another framework: Keras 3 runs the model there, not in
    TensorFlow, whose GPU setup then decides nothing for it."""
    backend = (ctx.facts.env.get("KERAS_BACKEND") or "").strip().lower()
    if backend not in _OTHER_BACKENDS:
        return []
    name = _OTHER_BACKENDS[backend]
    return [
        finding(
            "keras-backend-not-tensorflow",
            W,
            f"KERAS_BACKEND={backend}: Keras 3 runs models on {name}, not TensorFlow, so"
            f" TensorFlow's GPU does not run them",
            [f"KERAS_BACKEND={backend}"],
            "For TensorFlow's GPU, unset it or set KERAS_BACKEND=tensorflow (before Keras is"
            f" imported); to keep {name}, install its CUDA build, {_OTHER_BACKEND_CUDA[backend]},"
            " whose GPU setup is its own.",
        )
    ]


@rule("wrong-python-environment", "https://docs.python.org/3/library/venv.html")
def wrong_env(ctx: Context) -> list[Finding]:
    active = ctx.facts.env.get("VIRTUAL_ENV")
    env = ctx.facts.target_env
    if (
        not active
        or env is None
        or not env.tensorflow
        or active.rstrip("/") == env.path.rstrip("/")
    ):
        return []
    return [
        finding(
            "wrong-python-environment",
            W,
            "The active virtualenv is not the one TensorFlow is installed in",
            [f"VIRTUAL_ENV={active}", f"TensorFlow is in {env.path}"],
            f"Activate the right one: 'source {env.path}/bin/activate-tfgpu' (after apply).",
        )
    ]


@rule("pip-cuda-libs-not-on-path", "https://github.com/tensorflow/tensorflow/issues/63362")
def pip_libs_not_on_path(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    installed = _installed_tf(ctx)
    wheels = _env_wheels(ctx)
    ld = set(split_path_list(ctx.facts.env.get("LD_LIBRARY_PATH")))
    ld_known = ctx.facts.knows("env") or "LD_LIBRARY_PATH" in ctx.facts.env
    for defect in ctx.matrix.tensorflow.defects:
        if defect.kind != "pip-libs-need-ld-library-path":
            continue
        spec = SpecifierSet(defect.affects)
        if installed and Version(installed) in spec and wheels and ld_known:
            missing = [d for w in wheels.values() for d in w.lib_dirs if d not in ld]
            if missing:
                out.append(
                    finding(
                        "pip-cuda-libs-not-on-path",
                        E,
                        f"TensorFlow {installed} does not find the NVIDIA pip libraries without "
                        "LD_LIBRARY_PATH",
                        [defect.title, *(f"not on LD_LIBRARY_PATH: {d}" for d in missing[:4])],
                        defect.workaround,
                        defect.source,
                    )
                )
        elif (
            ctx.chosen is not None
            and ctx.gpu
            # (the plan installs NVIDIA's wheels: not a Mac's Metal plan, whose release still
            # lists them for Linux)
            and ctx.chosen.pins
            and Version(ctx.chosen.release.version) in spec
        ):
            if ctx.installed:
                # judging the release installed: no activate script of ours set anything there,
                # and whether its environment's LD_LIBRARY_PATH holds the folders is unknown
                if any("/nvidia/" in d for d in ld):
                    continue  # the folders stated there: the defect is worked around
                out.append(
                    finding(
                        "pip-cuda-libs-not-on-path",
                        W,
                        f"TensorFlow {ctx.chosen.release.version} finds NVIDIA's pip wheels only"
                        " with their folders on LD_LIBRARY_PATH, which nothing here shows set",
                        [defect.title],
                        defect.workaround,
                        defect.source,
                    )
                )
                continue
            out.append(
                finding(
                    "pip-cuda-libs-not-on-path",
                    INFO,
                    f"TensorFlow {ctx.chosen.release.version} needs the NVIDIA wheel folders on "
                    "LD_LIBRARY_PATH; the activate script sets them",
                    [defect.title],
                    defect.workaround,
                    defect.source,
                )
            )
    return out[:1]


def _system_libraries_missing(ctx: Context) -> bool:
    """A release that needs the system's CUDA and cuDNN, and the known installs hold no other
    version of them: what it needs is missing (which of the two: _known_absent)."""
    chosen = ctx.chosen
    return (
        chosen is not None
        and chosen.system_cuda_blocker is not None
        and not _system_installs_of_other_versions(ctx)
    )


def _known_absent(facts: Facts, kind: LibraryKind) -> bool:
    return facts.knows(kind) and not any(i.version for i in facts.installs(kind))


_LIBRARY_KINDS: tuple[tuple[str, LibraryKind], ...] = (("CUDA", "cuda"), ("cuDNN", "cudnn"))


def _wheel_set_unused(ctx: Context, r: TfRelease, wheels: CudaWheelSet) -> Finding:
    """An installed release before the [and-cuda] extra, no CUDA on the system: NVIDIA's cu11
    wheels serve it, as plan pins them, but only from folders on LD_LIBRARY_PATH (it does not
    look in site-packages). Whether they are in its environment: known or to confirm."""
    env = ctx.facts.target_env if ctx.facts.knows("target_env") else None
    absent = env is not None and not env.nvidia_wheels
    where = (
        f"and the environment {env.path} has none of NVIDIA's wheels"
        if absent and env is not None
        else "and whether NVIDIA's pip wheels are in its environment is not known"
    )
    return finding(
        "cuda-libs-not-found",
        E if absent else W,
        f"TensorFlow {r.version} finds no CUDA {r.cuda} and cuDNN {r.cudnn}: none is installed on"
        f" the system, {where}",
        [
            f"TensorFlow {r.version}: built with CUDA {r.cuda} and cuDNN {r.cudnn}, loads them"
            " from the loader path (no [and-cuda] extra before 2.14)",
            *(
                f"{what} on the system: "
                + (", ".join(i.version or "?" for i in ctx.facts.installs(kind)) or "none")
                for what, kind in _LIBRARY_KINDS
                if ctx.facts.knows(kind)
            ),
            *(() if absent else ("confirm with 'pip list | grep nvidia' in that environment",)),
        ],
        f"Install NVIDIA's wheels into the environment ({' '.join(wheels.pins)}) and put each"
        " site-packages/nvidia/*/lib folder on LD_LIBRARY_PATH (TensorFlow before 2.14 does not"
        f" look there); 'tfgpu-setup apply --tf {xy(r.version)}' does both. Or install CUDA"
        f" {r.cuda} and cuDNN {r.cudnn} on the system.",
        TF_INSTALL,
    )


@rule("cuda-libs-not-found", TF_INSTALL)
def cuda_libs_not_found(ctx: Context) -> list[Finding]:
    chosen = ctx.chosen
    if (
        _system_libraries_missing(ctx)
        and chosen is not None
        and not (_known_absent(ctx.facts, "cudnn") and not _known_absent(ctx.facts, "cuda"))
    ):
        r = chosen.release
        wheel_set = wheel_set_here(ctx.matrix, r, ctx.facts) if ctx.installed else None
        if wheel_set is not None:
            return [_wheel_set_unused(ctx, r, wheel_set)]
        return [
            finding(
                "cuda-libs-not-found",
                E,
                f"TensorFlow {r.version} needs CUDA {r.cuda} and cuDNN {r.cudnn} installed on the "
                "system, and they are not",
                [
                    f"TensorFlow {r.version}: {chosen.system_cuda_blocker}",
                    *(f"{c.kind} {c.version or '?'} at {c.path}" for c in ctx.facts.cuda[:3]),
                ],
                f"Install CUDA {r.cuda} and cuDNN {r.cudnn} (NVIDIA's installers or your "
                "distribution's packages) and plan again with --cuda-toolkit/--cudnn if they "
                "are not detected; "
                + (
                    # Native Windows has no GPU build after 2.10, and NVIDIA's wheels are Linux's.
                    "or use WSL2, where TensorFlow 2.14 and newer get their NVIDIA libraries "
                    "from pip."
                    if ctx.facts.platform.os == "windows"
                    else "or plan TensorFlow 2.14 or newer, whose NVIDIA libraries come from pip."
                ),
                TF_TESTED,
            )
        ]
    env = ctx.facts.target_env
    if env is None or env.tf_build is None or not env.tf_build.is_cuda_build:
        return []
    if _gpu_ruled_out(ctx):
        return []
    installed = _installed_tf(ctx)
    if installed is None or Version(installed) < Version("2.14"):
        return []
    wheels = _env_wheels(ctx)
    if _wheel_major(wheels, "nvidia-cuda-runtime") or _wheel_major(wheels, "nvidia-cublas"):
        return []
    cuda = env.tf_build.cuda_version
    if not ctx.facts.knows("cuda"):
        return []
    if cuda and any(
        c.version and Version(c.version).major == Version(cuda).major for c in ctx.facts.cuda
    ):
        return []
    return [
        finding(
            "cuda-libs-not-found",
            E,
            f"TensorFlow {installed} is installed without the NVIDIA CUDA libraries",
            [
                f"no nvidia-*-cu{Version(cuda).major if cuda else 'XX'} wheels in {env.path}",
                f"no system CUDA {cuda or ''} found",
            ],
            "'tfgpu-setup apply' installs the pinned NVIDIA wheels (the same set as "
            "'pip install tensorflow[and-cuda]').",
        )
    ]


def _cudnn_wheel_instead(ctx: Context, release: TfRelease) -> str:
    """NVIDIA's cuDNN wheel of the matrix's set for this release, where pip can serve it."""
    wheels = wheel_set_here(ctx.matrix, release, ctx.facts)
    pin = next((p for p in wheels.pins if p.startswith("nvidia-cudnn")), None) if wheels else None
    if pin is None:
        return ""
    return (
        f" Or from pip: '{pin}' with its site-packages/nvidia/cudnn/lib folder on"
        f" LD_LIBRARY_PATH ('tfgpu-setup apply --tf {xy(release.version)}' does both)."
    )


@rule("cudnn-not-found", TF_INSTALL)
def cudnn_not_found(ctx: Context) -> list[Finding]:
    f, chosen = ctx.facts, ctx.chosen
    if (
        _system_libraries_missing(ctx)
        and chosen is not None
        and _known_absent(f, "cudnn")
        and not _known_absent(f, "cuda")
    ):
        # Only cuDNN is known to be missing: the CUDA is there (or nobody said it is not).
        r = chosen.release
        wheel = _cudnn_wheel_instead(ctx, r)
        return [
            finding(
                "cudnn-not-found",
                # (an installed release NVIDIA's wheel may serve, in an environment not looked
                # into: to confirm with 'pip list', not known to fail)
                W if ctx.installed and wheel and not f.knows("target_env") else E,
                f"TensorFlow {r.version} needs cuDNN {r.cudnn} installed on the system, and it "
                "is not",
                [f"TensorFlow {r.version}: {chosen.system_cuda_blocker}"],
                f"Install cuDNN {build_need(r.cudnn, 'cudnn') if r.cudnn else ''} for CUDA "
                f"{r.cuda} (NVIDIA's archive or your distribution's packages) where the loader "
                + (
                    "finds it (a folder on PATH, such as the CUDA bin folder)."
                    if f.platform.os == "windows"
                    else "finds it (the CUDA lib64 folder or LD_LIBRARY_PATH)."
                )
                + wheel,
                TF_TESTED,
            )
        ]
    env = ctx.facts.target_env
    if env is None or env.tf_build is None or not env.tf_build.is_cuda_build:
        return []
    if _gpu_ruled_out(ctx):
        return []
    if _wheel_major(_env_wheels(ctx), "nvidia-cudnn") or ctx.facts.cudnn:
        return []
    if not ctx.facts.knows("cudnn"):
        return []
    if not _wheel_major(_env_wheels(ctx), "nvidia-cuda-runtime") and not ctx.facts.cuda:
        return []  # cuda-libs-not-found is the root cause
    return [
        finding(
            "cudnn-not-found",
            E,
            f"cuDNN is not installed for the TensorFlow in {env.path}",
            [
                f"TensorFlow built with cuDNN {env.tf_build.cudnn_version}",
                "no nvidia-cudnn wheel, no cuDNN headers or libraries found",
            ],
            "'tfgpu-setup apply' installs the pinned nvidia-cudnn wheel.",
        )
    ]


def _major_mismatch(
    ctx: Context, rule_id: str, built: str | None, base: str, what: str
) -> list[Finding]:
    env = ctx.facts.target_env
    if env is None or built is None:
        return []
    found = _wheel_major(_env_wheels(ctx), base)
    if found is None or found[1] == Version(built).major:
        return []
    wheel = found[0]
    return [
        finding(
            rule_id,
            E,
            f"TensorFlow was built with {what} {built} but {wheel.name} {wheel.version} "
            "is installed",
            [
                f"build info: {what} {built} ({env.tf_build.source if env.tf_build else ''})",
                f"{wheel.name}=={wheel.version} in {env.path}",
            ],
            f"Install the {what} major TensorFlow was built with: 'tfgpu-setup apply' pins it.",
        )
    ]


def _system_installs_of_other_versions(ctx: Context) -> list[str]:
    """System CUDA/cuDNN installs that exist but do not fit the release (mismatch findings)."""
    return [*_system_mismatch(ctx, "cuda"), *_system_mismatch(ctx, "cudnn")]


def _built(release: TfRelease, kind: LibraryKind) -> str | None:
    """The CUDA or the cuDNN version a release was built with."""
    return release.cuda if kind == "cuda" else release.cudnn


def _system_mismatch(ctx: Context, kind: LibraryKind) -> list[str]:
    """For a release that loads the system CUDA (no NVIDIA pins): the installs of `kind` when
    there are some and none has the major it was built with and at least its minor."""
    chosen = ctx.chosen
    # (a GPU plan whose system CUDA or cuDNN is still to install is judged like a CPU one; one
    # that pins NVIDIA's wheels, still waiting for a driver, does not load the system's)
    if chosen is None or chosen.gpu_ok or chosen.release.nvidia_pins or not ctx.facts.knows(kind):
        return []
    if chosen.cuda_from == "pip-wheel-set":
        return []
    if ctx.facts.knows("os") and ctx.facts.platform.os == "macos":
        return []  # no TensorFlow build for macOS loads CUDA: macos-no-cuda says so
    built = _built(chosen.release, kind)
    versions = [c.version for c in ctx.facts.installs(kind) if c.version]
    if built is None or not versions:
        return []
    return [] if any(serves_build(built, v, kind) for v in versions) else versions


def _system_mismatch_finding(ctx: Context, kind: LibraryKind) -> list[Finding]:
    versions = _system_mismatch(ctx, kind)
    if not versions or ctx.chosen is None:
        return []
    r = ctx.chosen.release
    built = _built(r, kind)
    if built is None or not has_gpu_build(r, platform_key(ctx.facts)):
        return []  # native Windows' 2.11 and later load no CUDA at all: nothing to mismatch
    found = built_with_other(r.version, kind, built, versions, other=_built_for_one(ctx, kind))
    gpus = ctx.chosen.gpus
    if gpus and all(g.support == "unsupported" for g in gpus):
        # no kernel of this release runs the GPU (an RTX 3090 under 2.3's CUDA 10.1): the
        # CUDA it was built with, installed, would not run it either
        found = behind_a_gpu_without_kernels(found, r.version)
    return [found]


def behind_a_gpu_without_kernels(mismatch: Finding, tf_version: str) -> Finding:
    """A CUDA or cuDNN mismatch under a release with no kernels for the GPU: a warning after
    the GPU's finding, as installing the build's version would not run the GPU either."""
    return dataclasses.replace(
        mismatch,
        severity=W,
        evidence=(
            *mismatch.evidence,
            f"TensorFlow {tf_version} has no kernels for this GPU: that alone would not run it",
        ),
        # (installing the build's own version would not run the GPU: review 98)
        fix="Follow the GPU's finding first: a TensorFlow built for this GPU names the CUDA and"
        " cuDNN to install with it; installing the versions TensorFlow"
        f" {tf_version} was built with would not run this GPU.",
    )


def _built_for_one(ctx: Context, kind: LibraryKind) -> bool:
    """Some release with a GPU build on this platform was built for an installed CUDA (cuDNN):
    only then is 'use the release built for the one you have' a way out (none was built with
    CUDA 10.2, and none for native Windows after CUDA 11.2)."""
    key = platform_key(ctx.facts)
    versions = [c.version for c in ctx.facts.installs(kind) if c.version]
    return any(
        (support := r.platforms.get(key)) is not None
        and support.gpu
        and (built := _built(r, kind)) is not None
        and any(serves_build(built, v, kind) for v in versions)
        for r in ctx.matrix.tensorflow.releases
    )


WHEELS_TO_CONFIRM = "pip wheels: confirm with 'pip list | grep nvidia'"
"""How a system CUDA/cuDNN mismatch that NVIDIA's wheels might make moot says so."""


_WHEEL_LIB = re.compile(r"[/\\]site-packages[/\\]nvidia[/\\](?P<name>[\w.-]+)[/\\]lib[/\\]?$")
"""A folder of NVIDIA's pip wheels (site-packages/nvidia/cudnn/lib), never a system CUDA's."""
_WHEEL_OF = {"cuda": "cuda_runtime", "cudnn": "cudnn"}


def _system_cuda_folders(facts: Facts) -> list[str]:
    """LD_LIBRARY_PATH's folders of a system CUDA or cuDNN (the wheels' own are not)."""
    stated = facts.env.get("LD_LIBRARY_PATH")  # a value is measured or stated; absent: unknown
    return [
        entry
        for entry in split_path_list(stated or "")
        if any(word in entry.lower() for word in ("cuda", "cudnn")) and not _WHEEL_LIB.search(entry)
    ]


def _wheel_first_on_path(facts: Facts, kind: LibraryKind) -> bool:
    """LD_LIBRARY_PATH names the wheel's folder of this library before any system CUDA folder:
    the wheel is there, and it is what loads."""
    entries = split_path_list(facts.env.get("LD_LIBRARY_PATH") or "")
    system = set(_system_cuda_folders(facts))
    for entry in entries:
        if entry in system:
            return False
        if (m := _WHEEL_LIB.search(entry)) and m.group("name") == _WHEEL_OF[kind]:
            return True
    return False


def _system_folders_advice(facts: Facts, what: str, same_soname: bool = True) -> str:
    """The system copy may stay, unless LD_LIBRARY_PATH names its folder and it has the soname
    TensorFlow asks for (its major): the loader searches that before the wheels' RUNPATH and
    would load the system copy again. Another major's files have other names: harmless."""
    folders = _system_cuda_folders(facts) if same_soname else []
    if not folders:
        return f"the system {what} can stay."
    return (
        f"take {', '.join(folders)} off LD_LIBRARY_PATH first: the loader searches it before "
        f"the wheels' own folders and would load the system {what} again."
    )


def _system_only_beside_wheel_build(ctx: Context, kind: LibraryKind) -> list[Finding]:
    """An installed release that takes its CUDA from pip wheels (the [and-cuda] extra), beside a
    system CUDA or cuDNN that cannot serve it: only the wheels can. Wheels known absent make
    that the cause; wheels nobody looked for, a warning to confirm."""
    chosen, f = ctx.chosen, ctx.facts
    if not ctx.installed or ctx.release_guessed or chosen is None:
        return []  # a guessed release: which CUDA it needs is a guess too
    if not chosen.release.nvidia_pins or not f.knows(kind):
        return []
    r = chosen.release
    if not has_gpu_build(r, platform_key(f)):
        return []  # native Windows' 2.11 and later load no CUDA at all: nothing to mismatch
    built = _built(r, kind)
    # What TensorFlow loaded it accepted: it checks the cuDNN it loads and says so if it is not.
    versions = [c.version for c in f.installs(kind) if c.version and c.path != LOADED_PER_LOG]
    if built is None or not versions or any(serves_build(built, v, kind) for v in versions):
        return []
    if _wheel_major(_env_wheels(ctx), "nvidia-cuda-runtime" if kind == "cuda" else "nvidia-cudnn"):
        return []  # the wheel is there: its major is judged against the build on its own
    if _wheel_first_on_path(f, kind):
        return []  # the wheel's folder comes first on the loader path: the system copy is moot
    what = "CUDA" if kind == "cuda" else "cuDNN"
    same_soname = any(parsed(v).major == parsed(built).major for v in versions)
    wheels_known = f.knows("target_env") and f.target_env is not None
    mismatch = built_with_other(r.version, kind, built, versions)
    return [
        dataclasses.replace(
            mismatch,
            severity=E if wheels_known else W,
            evidence=(
                *mismatch.evidence,
                "no NVIDIA wheels in the environment"
                if wheels_known
                else f"this TensorFlow can load {what} {build_need(built, kind)} from NVIDIA's "
                f"{WHEELS_TO_CONFIRM}",
            ),
            fix=f"Install the libraries TensorFlow {r.version} was built with as pip wheels: "
            f"'pip install \"tensorflow[and-cuda]=={r.version}\"' (or 'tfgpu-setup apply', "
            f"which pins them); {_system_folders_advice(f, what, same_soname)}",
        )
    ]


def built_with_other(
    tf_version: str,
    kind: LibraryKind,
    built: str,
    installed: list[str],
    basis: str = "",
    other: bool = True,
) -> Finding:
    """TensorFlow tf_version was built with `built` of CUDA or cuDNN (kind), and only other
    versions of it are installed. basis: where the build's version comes from, when not the
    matrix."""
    what = "CUDA" if kind == "cuda" else "cuDNN"
    return finding(
        f"{kind}-version-mismatch",
        E,
        f"TensorFlow {tf_version} was built with {what} {built}, but {what} "
        f"{', '.join(installed)} is installed",
        [f"TensorFlow {tf_version}: built with {what} {built}{basis}"]
        + [f"{what} {v} installed" for v in installed[:3]],
        f"Install {what} {build_need(built, kind)} (it can sit beside the other) and put it on"
        " the loader path"
        + (
            f", or use the TensorFlow release built for the {what} you have ('tfgpu-setup plan"
            " --cuda-toolkit X.Y --cudnn X.Y' picks it)."
            if other
            else f"; no TensorFlow GPU build here was built for the {what} you have."
        ),
        TF_TESTED,
    )


@rule("cuda-version-mismatch", TF_TESTED)
def cuda_mismatch(ctx: Context) -> list[Finding]:
    env = ctx.facts.target_env
    built = env.tf_build.cuda_version if env and env.tf_build else None
    return (
        _major_mismatch(ctx, "cuda-version-mismatch", built, "nvidia-cuda-runtime", "CUDA")
        or _system_mismatch_finding(ctx, "cuda")
        or _system_only_beside_wheel_build(ctx, "cuda")
        or _wheels_predate_gpu(ctx)
    )


def _wheels_predate_gpu(ctx: Context) -> list[Finding]:
    """An installed release beside a GPU newer than its CUDA (2.21 on Blackwell) whose env holds
    NVIDIA wheels older than the ones that GPU needs. A warning: TensorFlow's own kernels still
    JIT-compile from PTX; which library calls fail depends on the work."""
    newer = ctx.chosen.newer_gpu_set if ctx.chosen is not None else None
    if not ctx.installed or newer is None:
        return []
    wheels = _env_wheels(ctx)
    older = []
    for pin in newer.pins:
        name, _, version = pin.partition("==")
        found = wheels.get(canonicalize_name(name))
        if found is not None and Version(found.version) < Version(version):
            older.append(f"{found.name}=={found.version} (needs ≥ {version})")
    if not older:
        return []
    return [
        finding(
            "cuda-version-mismatch",
            W,
            f"The NVIDIA wheels in this env predate this GPU: compute capability {newer.min_cc} "
            f"and up needs CUDA {newer.cuda} libraries or newer",
            older[:4],
            "Install the newer wheels into the env ('tfgpu-setup plan' pins them; they are inside "
            "this TensorFlow's [and-cuda] ranges).",
            newer.sources.get("min_cc", TF_TESTED),
        )
    ]


@rule("cudnn-version-mismatch", TF_TESTED)
def cudnn_mismatch(ctx: Context) -> list[Finding]:
    env = ctx.facts.target_env
    built = env.tf_build.cudnn_version if env and env.tf_build else None
    return _major_mismatch(ctx, "cudnn-version-mismatch", built, "nvidia-cudnn", "cuDNN") or (
        _system_mismatch_finding(ctx, "cudnn") or _system_only_beside_wheel_build(ctx, "cudnn")
    )


@rule("xla-toolchain-missing", XLA_DEFECT)
def xla_toolchain_missing(ctx: Context) -> list[Finding]:
    env = ctx.facts.target_env
    installed = _installed_tf(ctx)
    if env is None or installed is None or env.tf_build is None or not env.tf_build.is_cuda_build:
        return []
    if _gpu_ruled_out(ctx):
        return []
    wheels = _env_wheels(ctx)
    if _wheel_major(wheels, "nvidia-cuda-nvcc") or any(c.kind == "nvcc" for c in ctx.facts.cuda):
        return []
    if not ctx.facts.knows("cuda"):
        return []
    if not wheels:
        return []  # cuda-libs-not-found covers it
    return [
        finding(
            "xla-toolchain-missing",
            W,
            "XLA (jit_compile=True) will not find ptxas or libdevice",
            [f"no nvidia-cuda-nvcc wheel in {env.path}", "no nvcc on this machine"],
            "'tfgpu-setup apply' installs the pinned nvidia-cuda-nvcc wheel and puts "
            "ptxas on PATH.",
        )
    ]


@rule("ptxas-newer-than-driver", MVC)
def ptxas_newer(ctx: Context) -> list[Finding]:
    driver = ctx.facts.driver
    cuda = driver.cuda_version
    how = driver.source
    # a CUDA stated by its major alone ('--cuda-driver 12'): R525 says 12.0, R570 12.8
    major_only = cuda is not None and len(parsed(cuda).release) == 1
    if (cuda is None or major_only) and driver.version is not None:
        # e.g. nvidia-smi's "CUDA Version: ERR!" on WSL2: NVIDIA's table still knows it.
        cuda = query.driver_max_cuda(ctx.matrix, driver.version, is_windows_driver(ctx.facts))
        how = f"driver {driver.version} per NVIDIA's table; the driver did not report it"
        major_only = False
    if not ctx.gpu or ctx.chosen is None or cuda is None:
        return []
    if ctx.installed:
        # Judged on the ptxas the environment has, not on one a plan would install.
        found = _wheel_major(_env_wheels(ctx), "nvidia-cuda-nvcc")
        nvcc = f"{found[0].name}=={found[0].version}" if found else None
        where = f"installed: {nvcc}"
    else:
        nvcc = next((p for p in ctx.chosen.pins if "nvidia-cuda-nvcc" in p), None)
        where = f"plan pins {nvcc}"
    if nvcc is None:
        return []
    ptxas = Version(nvcc.split("==")[1])
    if Version(xy(str(ptxas))) <= Version(cuda):
        return []
    if major_only and ptxas.major == parsed(cuda).major:
        return []  # its minor, which decides, was not stated
    return [
        finding(
            "ptxas-newer-than-driver",
            W,
            f"ptxas {ptxas} is newer than the driver's CUDA {cuda}: XLA disables parallel "
            "compilation, and PTX it generates may not load",
            [f"driver supports CUDA {cuda} ({how})", where],
            _ptxas_driver_fix(ctx, xy(str(ptxas))),
        )
    ]


def _ptxas_driver_fix(ctx: Context, ptxas_cuda: str) -> str:
    """Update the driver, unless no driver that runs this ptxas drives the GPU (a Kepler card
    ends at R470, CUDA 11.4): then the driver stays and XLA's JIT is what to leave off."""
    # PTX of that CUDA loads on its own driver branch: minor-version compatibility stops short
    # of the PTX JIT, which is why XLA warns at all
    windows = is_windows_driver(ctx.facts)
    own = query.min_driver_for_cuda(ctx.matrix, ptxas_cuda, windows)[1]
    branch = driver_branch(own)
    # (a GPU the installed driver already leaves out is lost whatever the update, where the
    # plan runs on another GPU it drives; where it drives none, the plan's driver advice takes
    # one past its last branch back to it (a K80 on R510 to R470), so that GPU counts)
    undriven = ctx.undriven()
    if all(g.index in undriven for g in ctx.facts.gpus):
        undriven = frozenset(
            gap.gpu.index
            for gap in driver_gaps(ctx.facts, ctx.matrix, is_windows_driver(ctx.facts))
            if gap.kind == "predates"
        )
    dropped = [
        d
        for g in ctx.facts.gpus
        if branch is not None
        and g.index not in undriven
        and (d := dropped_by(g, ctx.matrix, branch, windows))
    ]
    if not dropped:
        return f"Update the driver to one supporting CUDA {ptxas_cuda} or newer."
    arch, last = dropped[0]
    installed = driver_branch(ctx.facts.driver.version or "") if ctx.facts.knows("driver") else None
    # (a Windows driver numbers its branch's releases past it: 472.12 is R470's)
    past_last = last + (WINDOWS_BRANCH_SPAN if windows else 0)
    # (a driver older than the architecture's last branch can still move up to that branch)
    if installed is not None and installed < last:
        driver = (
            f"Update the driver to the R{last} branch, the last for {arch.name} GPUs: no driver"
        )
    elif installed is not None and installed > past_last:
        driver = (
            f"Use the R{last} branch, the last for {arch.name} GPUs (this one drives none):"
            " no driver"
        )
    else:
        driver = f"Keep this driver: {arch.name} GPUs end at the R{last} branch, and no driver"
    return (
        f"{driver} for them supports CUDA {ptxas_cuda}. XLA then compiles serially; if PTX it"
        " generates fails to load, leave XLA's JIT off (jit_compile=False, the default)."
    )


def _shows_only_gpus_release_cannot_use(ctx: Context, raw: str | None) -> Finding | None:
    """The installed release sees only GPUs it has no kernels for, while it could use one
    the variable hides: the variable is what keeps TensorFlow off the GPU."""
    shown = shown_gpus(ctx.facts, raw, pci_order_set(ctx.facts))
    if not (ctx.installed and ctx.chosen and shown):
        return None
    release = ctx.chosen.release
    if any(gpu_support(release, g, ctx.matrix).support != "unsupported" for g in shown):
        return None
    usable = [
        g
        for g in ctx.facts.gpus
        if g not in shown and gpu_support(release, g, ctx.matrix).support in ("sass", "ptx-jit")
    ]
    if not usable:
        return None
    return finding(
        "cuda-visible-devices-hides-gpus",
        E,
        f"CUDA_VISIBLE_DEVICES shows only GPUs TensorFlow {release.version} has no kernels for, "
        "and hides one it can use",
        [
            f"CUDA_VISIBLE_DEVICES={raw!r}",
            *(f"shown: GPU {g.index} {g.name} (CC {g.compute_capability})" for g in shown),
            *(f"hidden: GPU {g.index} {g.name} (CC {g.compute_capability})" for g in usable),
        ],
        f"Set CUDA_VISIBLE_DEVICES={','.join(g.uuid or str(g.index) for g in usable)} "
        "(with CUDA_DEVICE_ORDER=PCI_BUS_ID, so indices are nvidia-smi's), or unset it.",
    )


def _driver_said(ctx: Context) -> str:
    """The driver and the newest CUDA it runs: as stated or probed, else from NVIDIA's table
    (a facts file may give the version alone)."""
    driver = ctx.facts.driver
    cuda = driver.cuda_version
    if cuda is None and driver.version is not None:
        cuda = query.driver_max_cuda(ctx.matrix, driver.version, driver.windows_numbering)
    said = f"driver {driver.version or 'of an unknown version'}"
    return f"{said} supports CUDA {cuda}" if cuda else said


SLURM_GAVE_NO_GPU = "Slurm gave this job no GPU (CUDA_VISIBLE_DEVICES=NoDevFiles)"
SLURM_GAVE_NO_GPU_FIX = (
    "Request a GPU for the job (sbatch/srun --gres=gpu:1, or --gpus=1): Slurm sets NoDevFiles"
    " when it granted none, and unsetting it does not give the job one. Where no scheduler"
    " granted GPUs (the variable set by hand or by a launcher, TensorFlowOnSpark#79), set it to"
    " the GPUs' indices instead ('export CUDA_VISIBLE_DEVICES=0,1')."
)


@rule("cuda-visible-devices-hides-gpus", CUDA_ENV_VARS)
def cvd_hides(ctx: Context) -> list[Finding]:
    raw = ctx.facts.env.get("CUDA_VISIBLE_DEVICES")
    visible = parse_cuda_visible_devices(raw)
    if visible.kind in ("unset",):
        return []
    gpus = ctx.facts.gpus
    replaced = None if ctx.installed else ctx.visible_devices_set()
    if replaced is not None and replaced.replace(" ", "") != (raw or "").replace(" ", ""):
        # the activate script exports its own value: the user's holds outside the environment
        asked = "--gpus" if ctx.request.gpus is not None else "the GPUs this TensorFlow can use"
        return [
            finding(
                "cuda-visible-devices-hides-gpus",
                INFO,
                f"CUDA_VISIBLE_DEVICES is {raw!r} here; the activate script sets it to"
                f" {replaced!r} ({asked}) while the environment is active",
                [f"CUDA_VISIBLE_DEVICES={raw!r}"],
                "Nothing to do for the planned environment; deactivating it restores your value.",
            )
        ]
    # A plan leaves the variable alone (a scheduler may have set it on purpose) unless asked.
    in_env = (
        " The plan leaves it as your environment has it (a job scheduler may set it on "
        "purpose): unset it, or plan with --gpus to have the activate script set it."
        if ctx.gpu and not ctx.installed and ctx.request.gpus is None
        else ""
    )
    if visible.kind in ("empty", "none"):
        slurm = slurm_gave_none(raw)
        return [
            finding(
                "cuda-visible-devices-hides-gpus",
                E,
                SLURM_GAVE_NO_GPU if slurm else "CUDA_VISIBLE_DEVICES hides every GPU",
                [f"CUDA_VISIBLE_DEVICES={raw!r}"],
                SLURM_GAVE_NO_GPU_FIX
                if slurm
                else "'unset CUDA_VISIBLE_DEVICES' (unset shows all GPUs; empty shows none), "
                "or set it to the GPUs to use, e.g. 0." + in_env,
            )
        ]
    if visible.kind == "invalid":
        return [
            finding(
                "cuda-visible-devices-hides-gpus",
                E,
                "CUDA_VISIBLE_DEVICES is malformed: CUDA stops at the first bad entry",
                [f"CUDA_VISIBLE_DEVICES={raw!r}"],
                "Use indices (0,1), GPU-/MIG- UUIDs from 'nvidia-smi -L', or unset it." + in_env,
            )
        ]
    if not gpus:
        return []
    if visible.kind == "mig" and not visible.mixed and all(has_no_mig(g) for g in gpus):
        return [
            finding(
                "cuda-visible-devices-hides-gpus",
                E,
                "CUDA_VISIBLE_DEVICES names MIG devices, but no GPU here has MIG: CUDA shows none",
                [
                    f"CUDA_VISIBLE_DEVICES={raw!r}",
                    "GPUs: " + ", ".join(g.name for g in gpus),
                ],
                "Name the GPUs by index or GPU- UUID ('nvidia-smi -L' lists them), or unset it"
                " to show all; MIG- UUIDs exist only on GPUs partitioned with MIG (A100, A30,"
                " H100 and later data-center GPUs)." + in_env,
                MIG_GPUS,
            )
        ]
    if all(g.source.startswith("log:") for g in gpus):
        # GPUs a log names are those its process was shown (through this very variable), each
        # name once: they do not count the machine's
        return []
    known = [g.uuid for g in gpus if g.uuid] + [
        m.uuid for g in gpus for m in g.mig_devices if m.uuid
    ]
    # Entries may mix indices and UUIDs (CUDA honours both in one list); UUIDs can only be
    # judged when the facts have them (what-if GPUs given by name have none).
    missing = [
        item
        for item in visible.items
        if (
            int(item) >= len(gpus)
            if item.isdigit()
            else bool(known) and not any(k.startswith(item) for k in known)
        )
    ]
    if not missing and len(visible.items) >= len(gpus):
        return []
    left_out = _shows_only_gpus_release_cannot_use(ctx, raw)
    if left_out:
        return [left_out]
    # CUDA stops at the first entry that names no GPU: the ones before it are still shown
    # (how many does not depend on CUDA's order).
    shown = shown_gpus(ctx.facts, raw, pci_order=True) if missing else None
    if not missing:
        severity, title = (
            INFO,
            f"CUDA_VISIBLE_DEVICES shows {len(visible.items)} of {len(gpus)} GPUs",
        )
    elif not shown:
        severity, title = E, "CUDA_VISIBLE_DEVICES names GPUs that do not exist"
    elif len(shown) == len(gpus):
        severity = INFO
        title = "CUDA_VISIBLE_DEVICES also names GPUs that do not exist (CUDA ignores them)"
    else:
        severity = W
        title = (
            f"CUDA_VISIBLE_DEVICES names GPUs that do not exist: only {len(shown)} of "
            f"{len(gpus)} GPUs are shown"
        )
    return [
        finding(
            "cuda-visible-devices-hides-gpus",
            severity,
            title,
            [f"CUDA_VISIBLE_DEVICES={raw!r}", f"{len(gpus)} GPU(s) on this machine"],
            "Set it to existing GPUs ('nvidia-smi -L'), or unset it to show all." + in_env,
        )
    ]


@rule("ld-library-path-empty-entry", LD_SO)
def ld_empty(ctx: Context) -> list[Finding]:
    raw = ctx.facts.env.get("LD_LIBRARY_PATH")
    if raw is None or not has_empty_entry(raw):
        return []
    return [
        finding(
            "ld-library-path-empty-entry",
            W,
            "LD_LIBRARY_PATH has an empty entry: the loader also searches the current directory",
            [f"LD_LIBRARY_PATH={raw!r}"],
            "Remove the leading, trailing or doubled ':'; when extending it, write "
            "'${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}'.",
        )
    ]


@rule("ld-library-path-shadows", LD_SO)
def ld_shadows(ctx: Context) -> list[Finding]:
    if not ctx.gpu or ctx.chosen is None:
        return []
    entries = [e.rstrip("/") for e in split_path_list(ctx.facts.env.get("LD_LIBRARY_PATH")) if e]
    release = ctx.chosen.release
    wanted = {"cudnn": release.cudnn, "cuda": release.cuda}
    stale = []
    installs: list[tuple[str, CudaInstall | CudnnInstall]] = [
        *(("cudnn", c) for c in ctx.facts.cudnn),
        *(("cuda", c) for c in ctx.facts.cuda),
    ]
    for kind, install in installs:
        want = wanted[kind]
        folder = install.path.rstrip("/").rsplit("/", 1)[0] if "/" in install.path else ""
        if (
            install.version
            and want
            and folder in entries
            and Version(install.version).major == Version(want).major
            and Version(xy(install.version)) < Version(want)
        ):
            stale.append(
                f"{install.path}: {kind} {install.version} (TensorFlow "
                f"{release.version} wants {want})"
            )
    if not stale:
        return []
    return [
        finding(
            "ld-library-path-shadows",
            W,
            "An older CUDA/cuDNN on LD_LIBRARY_PATH would load before the pinned wheels",
            stale,
            "The activate script prepends the wheel folders, which fixes this "
            "inside the environment; remove the stale folder from your shell start-up "
            "files to fix it everywhere.",
        )
    ]
