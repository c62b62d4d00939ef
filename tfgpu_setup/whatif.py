"""What-if facts: a second source of Facts beside the probe, from flags and variables.

Facts given on the command line override (or replace) detected facts.

Precedence is flag > environment variable > --facts file > detection; the CLI merges flags and
variables into one Overrides whose `sources` says where each value came from.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass, field

from packaging.version import InvalidVersion, Version

from .errors import ExitCode, UserError
from .facts import (
    FACT_NAMES,
    KNOWN_MACHINES,
    MUSL,
    STATED,
    CudaInstall,
    CudnnInstall,
    Driver,
    Facts,
    Gpu,
    OsName,
    Platform,
    PythonInterpreter,
    normalised_arch,
)
from .matrix import query
from .matrix.model import Matrix
from .versions import xy

DRIVER_VERSION = re.compile(r"^\d{2,4}(\.\d{1,3}){0,2}$")
"""A release, or a branch alone (535): see compare_driver_versions."""
UNKNOWN_GPU_NAME = "name not in matrices/gpus.json"
"""Where the compute capability of a GPU stated by a name the table lacks comes from."""
CC_VALUE = re.compile(r"^\d{1,2}\.\d$")
ARM_BOARD_GPU = re.compile(
    r"\b(?:jetson|tegra|xavier|orin|drive (?:px|agx)|gh200|gb200|gb300|gb10|grace)\b", re.I
)
"""GPUs that only come inside an Arm (aarch64) system: Jetson and DRIVE boards (Tegra), and
Grace Hopper and Grace Blackwell superchips."""
ARMV7_BOARD_GPU = re.compile(r"\b(?:jetson tk1|tegra k1)\b|\btk1\b", re.I)
"""The boards of those whose system is 32-bit Arm (armv7l): the Tegra K1 (Jetson TK1, compute
3.2); from the Tegra X1 on (TX1, Nano) Jetsons run aarch64 (NVIDIA's Jetson archive)."""


@dataclass(frozen=True)
class Overrides:
    no_probe: bool = False
    os: str | None = None
    arch: str | None = None
    pythons: tuple[str, ...] = ()
    glibc: str | None = None
    driver: str | None = None
    cuda_driver: str | None = None
    gpus: tuple[str, ...] = ()
    cuda_toolkit: str | None = None
    cudnn: str | None = None
    container: bool | None = None
    os_names_musl: bool = False
    """--os named a musl distribution (Alpine): no glibc, unless --glibc says otherwise."""
    os_glibc: tuple[str, str] | None = None
    """--os named a Linux release whose glibc is known ('CentOS 7', '2.17'): that glibc, unless
    --glibc says otherwise."""
    env: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    """Field name -> where it came from ('flag --driver', 'environment TFGPU_OVERRIDE_DRIVER')."""
    unknown_gpu_names_allowed: bool = False
    """doctor: a GPU name missing from the table is a GPU of unknown compute capability, not an
    error (a pasted report must still be diagnosed)."""

    def source(self, name: str) -> str:
        return self.sources.get(name, f"flag --{name.replace('_', '-')}")


ASSUMED_PLATFORM = "assumed for --no-probe"
NONE_VALUE = "none"
"""What a flag (or an override variable) says to state that a thing is not there."""


def baseline_facts() -> Facts:
    """The starting point for --no-probe: nothing is known until a flag states it."""
    return Facts(
        platform=Platform(os="linux", arch="x86_64", source=ASSUMED_PLATFORM),
        driver=Driver(None, None, source="--no-probe", reason="not stated (--driver)"),
        gpus_reason="not stated (--gpu)",
        unknown=FACT_NAMES,
    )


APPLE_SILICON_GPU = re.compile(r"\bapple m\d", re.IGNORECASE)
"""The GPU of an Apple M-series chip: only Apple silicon (arm64) has one."""
OTHER_MAKERS_GPU = re.compile(
    r"\b(?:amd|radeon|vega \d{1,2}|instinct mi\d{2,3}|firepro|intel|iris|uhd graphics"
    r"|hd graphics|arc [ab]\d{3}|apple m\d|mali|adreno"
    # AMD's cards as threads write them without the maker ('RX580', 'RX 6700 XT', 'R9 290X',
    # 'Radeon R6/R7' split at its slash)
    r"|rx ?\d{3,4}(?: ?xtx?)?|rx vega|r[5-9](?: \d{3}x?)?)\b",
    re.IGNORECASE,
)
"""GPU names of other makers: what people with an AMD, Intel or Apple GPU state as theirs."""


_GPU_LIST = re.compile(r"(?<!\s)\s*(?:[,;+/]|\band\b)\s*", re.IGNORECASE)
# ('x2' after a name counts cards; 'TX2' ends a name: Jetson TX2; a count's blanks are one
# run, starting after the name, so a value of blanks is not tried from every blank)
_GPU_COUNT = re.compile(
    r"^\s*\d{1,2}\s*[x×]\s*|(?<![A-Za-z\s])\s*[x×]\s*\d{1,2}\s*$", re.IGNORECASE
)
_CC_WRITTEN = re.compile(
    r"\b(?:compute capability|cc)\s*:?\s*(?P<cc>\d{1,2}\.\d)\b|\bsm_?(?P<sm>\d{2,3})\b",
    re.IGNORECASE,
)


def _stated_gpus(values: tuple[str, ...]) -> list[str]:
    """Each GPU a statement names: 'NVIDIA 5070 Ti, 2x 3090' is two, and a compute capability
    written beside a name ('RTX 5000 series (compute capability 12.0)', 'sm_86') is the GPU."""
    gpus: list[str] = []
    for value in values:
        for part in _GPU_LIST.split(value):
            part = _GPU_COUNT.sub("", part).strip()
            if not part:
                continue
            written = _CC_WRITTEN.search(part)
            if written and written["cc"]:
                part = written["cc"]
            elif written and written["sm"]:
                part = f"{written['sm'][:-1]}.{written['sm'][-1]}"
            gpus.append(part)
    return gpus


def _stated_none(value: str | None) -> bool:
    return value is not None and value.strip().lower() == NONE_VALUE


def _version(value: str, what: str, example: str) -> str:
    try:
        Version(value)
    except InvalidVersion:
        raise UserError(
            f"{what} {value!r} is not a version; expected e.g. {example}", ExitCode.INPUT
        ) from None
    return value


def _also(source: str, stated: str) -> str:
    """One source for the platform's os, arch and glibc: every flag that set one of them, so
    none is credited to another's flag."""
    if source == ASSUMED_PLATFORM:
        return stated
    return source if stated in source.split(", ") else f"{source}, {stated}"


def apply_overrides(facts: Facts, ov: Overrides, matrix: Matrix) -> Facts:
    stated = _stated_names(ov)
    platform = facts.platform
    if ov.os is not None:
        platform = dataclasses.replace(
            platform,
            os=typing.cast(OsName, ov.os),
            wsl=ov.os == "wsl2",
            source=_also(platform.source, ov.source("os")),
            glibc=platform.glibc if ov.os in ("linux", "wsl2") else None,
            musl=platform.musl and ov.os in ("linux", "wsl2"),
        )
    if ov.arch is not None:
        if ov.arch.strip().lower() not in KNOWN_MACHINES:
            raise UserError(
                f"--arch {ov.arch!r} is not known; use the machine 'uname -m' prints:"
                f" {', '.join(sorted(KNOWN_MACHINES))}",
                ExitCode.USAGE,
            )
        arch = normalised_arch(ov.arch, platform.os)
        platform = dataclasses.replace(
            platform, arch=arch, source=_also(platform.source, ov.source("arch"))
        )
    if ov.glibc is not None:
        musl = ov.glibc.strip().lower() in (MUSL, NONE_VALUE)
        platform = dataclasses.replace(
            platform,
            glibc=None if musl else _version(ov.glibc, "--glibc", "2.35"),
            musl=musl,
            source=_also(platform.source, ov.source("glibc")),
        )
    elif ov.os_names_musl:
        platform = dataclasses.replace(platform, glibc=None, musl=True)
    elif ov.os_glibc is not None:
        release, glibc = ov.os_glibc
        said = f"flag --os ({release} ships glibc {glibc})"
        sources = platform.source.split(", ")
        platform = dataclasses.replace(
            platform,
            glibc=glibc,
            musl=False,
            # (the --os that set the OS says the glibc too: one entry, not two)
            source=", ".join(said if s == "flag --os" else s for s in sources)
            if "flag --os" in sources
            else _also(platform.source, said),
        )
    if ov.container is not None:
        platform = dataclasses.replace(
            platform,
            container=ov.container,
            container_evidence=(ov.source("container"),) if ov.container else (),
        )
    pythons = facts.pythons
    if ov.pythons:
        pythons = tuple(
            PythonInterpreter(_version(p, "--python", "3.11"), None, ov.source("pythons"))
            for p in ov.pythons
        )
    driver = facts.driver
    windows = platform.os in ("wsl2", "windows")
    if _stated_none(ov.driver):
        driver = Driver(
            None, None, source=ov.source("driver"), reason=f"{STATED}no NVIDIA driver installed"
        )
    elif ov.driver is not None:
        if not DRIVER_VERSION.match(ov.driver):
            raise UserError(
                f"--driver {ov.driver!r} is not a driver version; expected e.g. 535.104.05 "
                "(Linux) or 572.16 (Windows/WSL2)",
                ExitCode.INPUT,
            )
        numbering = query.windows_numbered(ov.driver, windows)
        cuda = ov.cuda_driver or query.driver_max_cuda(matrix, ov.driver, numbering)
        driver = Driver(
            version=ov.driver,
            cuda_version=cuda,
            source=ov.source("driver"),
            library_version=ov.driver,
            windows_numbering=numbering,
        )
    elif ov.cuda_driver is not None and not _stated_none(ov.driver):
        driver = dataclasses.replace(
            driver,
            cuda_version=_version(ov.cuda_driver, "--cuda-driver", "12.2"),
            source=ov.source("cuda_driver"),
            reason=None
            if driver.version
            else "driver version not given; only the CUDA version it supports",
        )
    if ov.cuda_driver is not None and ov.driver is not None and not _stated_none(ov.driver):
        driver = dataclasses.replace(
            driver, cuda_version=_version(ov.cuda_driver, "--cuda-driver", "12.2")
        )
    gpus = facts.gpus
    gpus_reason = facts.gpus_reason
    stated_gpus = _stated_gpus(ov.gpus)
    other_gpus = tuple(g for g in stated_gpus if OTHER_MAKERS_GPU.search(g))
    nvidia = [g for g in stated_gpus if g not in other_gpus]
    if ov.gpus and not stated_gpus:
        # ('--gpu ""', '--gpu " , "': no name at all is no statement, not a GPU-less machine)
        raise UserError(
            f"--gpu {', '.join(repr(g) for g in ov.gpus)} names no GPU; give its name as"
            " nvidia-smi prints it, a compute capability such as 8.6, or 'none'",
            ExitCode.USAGE,
        )
    if ov.gpus and all(_stated_none(g) for g in nvidia):
        named = f"{', '.join(other_gpus)}: not NVIDIA GPUs" if other_gpus else "no NVIDIA GPU"
        gpus, gpus_reason = (), f"{STATED}{named} ({ov.source('gpus')})"
    elif ov.gpus:
        if any(_stated_none(g) for g in nvidia):
            raise UserError(
                f"--gpu none beside --gpu {next(g for g in nvidia if not _stated_none(g))!r}:"
                " state the GPUs the machine has, or 'none' alone",
                ExitCode.USAGE,
            )
        gpus = tuple(
            gpu_named(i, value, matrix, ov.source("gpus"), ov.unknown_gpu_names_allowed)
            for i, value in enumerate(nvidia)
        )
        gpus_reason = None
    else:
        gpus = tuple(_with_cc_from_name(g, matrix) for g in gpus)
    cuda_installs = facts.cuda
    if _stated_none(ov.cuda_toolkit):
        cuda_installs = ()
    elif ov.cuda_toolkit is not None:
        version = _version(ov.cuda_toolkit, "--cuda-toolkit", "12.2")
        # where the user's environment says the toolkit is (an HPC module's CUDA_HOME), else
        # the installer's default folder
        home = _stated_cuda_home({**facts.env, **ov.env}, platform.os == "windows")
        folder = home or (
            f"C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v{xy(version)}"
            if platform.os == "windows"
            else f"/usr/local/cuda-{version}"
        )
        cuda_installs = (CudaInstall(version, folder, "toolkit", ov.source("cuda_toolkit")),)
    cudnn = facts.cudnn
    if _stated_none(ov.cudnn):
        cudnn = ()
    elif ov.cudnn is not None:
        cudnn = (
            CudnnInstall(
                _version(ov.cudnn, "--cudnn", "8.9.7"), "(given)", "library", ov.source("cudnn")
            ),
        )
    # the GPUs stated, or those of a facts document that leaves the platform out
    gpu_names = nvidia or [g.name for g in gpus]
    board = next((g for g in gpu_names if ARM_BOARD_GPU.search(g)), None)
    told = ov.source("gpus") if nvidia else "the facts' GPU list"
    if board is not None and ov.os is None and "os" in facts.unknown:
        # Jetson and DRIVE boards run NVIDIA's Linux (L4T); Grace superchips serve Linux only
        platform = dataclasses.replace(
            platform,
            os="linux",
            wsl=False,
            source=_also(platform.source, f"{told}: {board} runs Linux"),
        )
        stated.add("os")
    if ov.arch is None and "arch" in facts.unknown:
        apple = next((g for g in other_gpus if APPLE_SILICON_GPU.search(g)), None)
        if board is not None:
            armv7 = ARMV7_BOARD_GPU.search(board) is not None
            system = "a 32-bit Arm (armv7l)" if armv7 else "an Arm"
            platform = dataclasses.replace(
                platform,
                arch="armv7l" if armv7 else "aarch64",
                source=_also(platform.source, f"{told}: {board} is built into {system} system"),
            )
            stated.add("arch")
        elif apple is not None:
            platform = dataclasses.replace(
                platform,
                arch=normalised_arch("arm64", platform.os),
                source=f"{ov.source('gpus')}: {apple} is built into Apple silicon (arm64)",
            )
            stated.add("arch")
        elif nvidia and platform.os == "macos" and (ov.os is not None or "os" not in facts.unknown):
            # Apple silicon Macs take no NVIDIA GPU (nor eGPU): one stated on macOS is an
            # Intel Mac's (tensorflow#491: a MacBook Pro's GT 750M)
            platform = dataclasses.replace(
                platform,
                arch="x86_64",
                source=f"{told}: {nvidia[0]} on macOS is an Intel Mac's (x86_64)",
            )
            stated.add("arch")
    env = dict(facts.env)
    env.update(ov.env)
    return dataclasses.replace(
        facts,
        platform=platform,
        pythons=pythons,
        driver=driver,
        gpus=gpus,
        gpus_reason=gpus_reason,
        other_gpus=other_gpus or facts.other_gpus,
        cuda=cuda_installs,
        cudnn=cudnn,
        env=env,
        unknown=tuple(n for n in facts.unknown if n not in stated),
    )


def _stated_names(ov: Overrides) -> set[str]:
    """The facts the flags make known: the rest keeps whatever state it had."""
    stated = {
        name
        for name, value in (
            ("os", ov.os),
            ("arch", ov.arch),
            ("glibc", ov.glibc),
            ("container", ov.container),
            ("driver", ov.driver or ov.cuda_driver),
            ("cuda", ov.cuda_toolkit),
            ("cudnn", ov.cudnn),
        )
        if value is not None
    }
    if ov.pythons:
        stated.add("pythons")
    if ov.gpus:
        stated.add("gpus")
    if ov.os in ("windows", "macos") or ov.os_names_musl:
        stated.add("glibc")  # no glibc there: known absent, not unknown
    if ov.os_glibc is not None:
        stated.add("glibc")
    return stated


def _with_cc_from_name(gpu: Gpu, matrix: Matrix) -> Gpu:
    """A GPU whose compute capability nobody recorded (a facts file written by hand, nvidia-smi
    before R510): its name's, as --gpu NAME gives it; a name sold with several, or unknown,
    leaves it unknown."""
    if gpu.compute_capability is not None:
        return gpu
    pattern = query.gpu_cc_if_named(matrix, gpu.name)
    if pattern is None:
        return gpu
    return dataclasses.replace(
        gpu, compute_capability=pattern.cc, cc_source=f"matrices/gpus.json ({pattern.source})"
    )


def _beyond_every_generation(matrix: Matrix, cc: str) -> bool:
    """A compute capability past the generation after the newest the table knows (or of major
    0): no GPU has it, so it is a typing slip, not a GPU to plan for."""
    major = int(cc.split(".")[0])
    newest = max(int(c.split(".")[0]) for arch in matrix.gpus.architectures for c in arch.ccs)
    return major > newest + 1 or major == 0


def _stated_cuda_home(env: dict[str, str | None], windows: bool) -> str | None:
    """CUDA_HOME (or CUDA_PATH) as stated, where it is an absolute folder."""
    for name in ("CUDA_HOME", "CUDA_PATH"):
        value = (env.get(name) or "").strip().rstrip("/\\")
        absolute = value[1:3] == ":\\" if windows else value.startswith("/")
        if value and absolute:
            return value
    return None


def gpu_named(index: int, value: str, matrix: Matrix, source: str, lenient: bool = False) -> Gpu:
    """A GPU from a name or a compute capability, as stated. lenient: a name the table does
    not know, or sold with several compute capabilities, leaves the capability unknown
    instead of being refused."""
    if CC_VALUE.match(value):
        arch = query.arch_for_cc(matrix, value)
        if arch is None and not lenient and _beyond_every_generation(matrix, value):
            raise UserError(
                f"--gpu {value!r}: no NVIDIA GPU has compute capability {value}; give the one"
                " https://developer.nvidia.com/cuda-gpus lists for the GPU (e.g. 8.6), or its"
                " name as nvidia-smi prints it",
                ExitCode.INPUT,
            )
        name = f"GPU with compute capability {value}" + (f" ({arch.name})" if arch else "")
        return Gpu(
            index=index, name=name, compute_capability=value, cc_source=source, source=source
        )
    try:
        pattern = query.gpu_cc_from_name(matrix, value)
    except UserError as ambiguous:
        if not lenient:
            raise
        # The doctor reads what a reporter wrote: a name sold with several compute
        # capabilities leaves the capability unknown instead of stopping the diagnosis.
        return Gpu(index=index, name=value, cc_source=ambiguous.message, source=source)
    if pattern is None and lenient:
        return Gpu(index=index, name=value, cc_source=UNKNOWN_GPU_NAME, source=source)
    if pattern is None:
        raise UserError(
            f"--gpu {value!r}: unknown GPU name; give the full product name as nvidia-smi "
            "--query-gpu=name prints it (e.g. 'NVIDIA GeForce RTX 3090') or a compute "
            "capability such as 8.6",
            ExitCode.INPUT,
        )
    return Gpu(
        index=index,
        name=value,
        compute_capability=pattern.cc,
        cc_source=f"matrices/gpus.json ({pattern.source})",
        source=source,
    )
