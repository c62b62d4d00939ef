"""The compatibility matrix as typed data: TensorFlow releases, NVIDIA's driver table, GPUs.

The JSON files under matrices/ decode into these classes (see matrix/load.py). Every value in
them carries its source: each entry has `sources`, mapping a field name to the URL (or
`repository@commit:path`) it comes from; "*" covers the fields not named.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

PlatformKey = Literal[
    "linux_x86_64", "linux_aarch64", "wsl2", "windows_x86_64", "macos_x86_64", "macos_arm64"
]


@dataclass(frozen=True)
class PlatformSupport:
    gpu: bool
    """Whether the PyPI package gives CUDA GPU support on this platform."""
    available: bool = True
    """Whether PyPI has a wheel of this release for this platform at all."""
    package: str | None = None
    """The distribution to install there, when not the release's default."""
    wheel_tag: str | None = None
    glibc_min: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class TfRelease:
    version: str
    python: tuple[str, ...]
    """Supported Python versions X.Y (wheels on PyPI)."""
    requires_python: str | None
    cuda: str | None
    """CUDA X.Y the release was built and tested with (None: no GPU build at all)."""
    cudnn: str | None
    """cuDNN X.Y it was built and tested with."""
    sass: tuple[str, ...]
    """Native kernels in the Linux wheel: sm_60, sm_70, ..."""
    ptx: tuple[str, ...]
    """PTX in the Linux wheel: compute_90, ..."""
    platforms: dict[str, PlatformSupport]
    sources: dict[str, str]
    package: str = "tensorflow"
    """The distribution that carries GPU support (tensorflow-gpu up to 2.0)."""
    and_cuda_requires: tuple[str, ...] = ()
    """The and-cuda extra's Requires-Dist exactly as the wheel's metadata states them."""
    nvidia_pins: tuple[str, ...] = ()
    """Exact pins (==) of the NVIDIA wheels this release was built against."""
    cc_evidence: str | None = None
    """How sass/ptx are known: 'wheel scan', 'sibling wheel scan', 'docs'."""
    cuda_build: str | None = None
    """The CUDA toolkit release X.Y.Z it was built with, where known (e.g. 12.5.1 for 2.21.0)."""
    published: str | None = None
    """YYYY-MM-DD its first file reached PyPI: no log written before then came from it."""
    notes: tuple[str, ...] = ()


DefectKind = Literal[
    "pip-libs-need-ld-library-path",
    "and-cuda-unresolvable",
    "no-kernels-for-arch",
    "xla-needs-nvcc-wheel",
    "log-noise",
    "cpu-instructions",
]


@dataclass(frozen=True)
class Defect:
    id: str
    kind: DefectKind
    affects: str
    """PEP 440 specifier over TensorFlow versions, e.g. '==2.16.1' or '>=2.14,<2.17'."""
    title: str
    workaround: str
    source: str
    """The upstream issue or document."""
    min_cc: str | None = None
    """For no-kernels-for-arch: GPUs at or above this compute capability are affected."""
    python: str | None = None
    """Only with these Python versions (PEP 440 specifier), when the defect is that narrow."""


@dataclass(frozen=True)
class CudaWheelSet:
    """NVIDIA's pip wheels that stand in for a system CUDA for releases without [and-cuda].

    TensorFlow 2.5 to 2.13 dlopen CUDA 11 libraries by soname; NVIDIA publishes those libraries
    as nvidia-*-cu11 wheels. Each soname is checked against the pinned wheel's RECORD.
    """

    id: str
    tensorflow: str
    """PEP 440 specifier over the TensorFlow releases this set serves, e.g. '>=2.5,<2.12'."""
    cuda: str
    """CUDA X.Y of the libraries in the set (its driver floor comes from this)."""
    cudnn: str
    """cuDNN X.Y in the set."""
    pins: tuple[str, ...]
    """Exact pins (==) of the wheels, in install order."""
    sonames: dict[str, str]
    """Each library the releases dlopen -> its path inside the pinned wheel that provides it."""
    sources: dict[str, str]
    """Field name (or a pinned distribution's name) -> where it comes from: TensorFlow's build
    config for the sonames, TensorFlow's metadata and docs for the pins, PyPI per wheel."""
    optional_sonames: dict[str, str] = field(default_factory=dict)
    """Libraries loaded only for optional features (the profiler's CUPTI), same form."""
    xla_data_dir: str | None = None
    """Folder in site-packages with nvvm/libdevice and bin/ptxas for XLA, when the set has it."""
    glibc_min: str | None = None
    """The oldest glibc whose pip takes every pinned wheel (their manylinux tags)."""
    note: str | None = None
    min_cc: str | None = None
    """Set for GPUs of at least this compute capability only. Such a set serves releases with
    an [and-cuda] extra whose CUDA predates those GPUs: its pins, inside the extra's version
    ranges, replace the ones the release was built against (sonames then come from the
    release's own loader, not from the set)."""


@dataclass(frozen=True)
class LegacyBuild:
    """TensorFlow releases older than the matrix's rows, by the CUDA and cuDNN they were built
    with: nothing to plan with (no wheel for a supported Python), but what an installed one
    needs can still be judged (a 1.15 beside CUDA 11 is a mismatch)."""

    tensorflow: str
    """PEP 440 specifier over those releases, e.g. '>=1.13,<2.0'."""
    cuda: str
    cudnn: str
    source: str
    cudnn_source: str | None = None
    """The cuDNN value's own source, where it is not the row's (1.15's is its own log line)."""
    python: tuple[str, ...] = ()
    """The Python versions of its tested build configuration (the row's source), oldest first."""
    min_cc: str | None = None
    """The lowest compute capability its PyPI binaries run on."""
    min_cc_source: str | None = None

    def source_of(self, kind: str) -> str:
        """The source of the CUDA ('cuda') or cuDNN ('cudnn') value."""
        return self.cudnn_source if kind == "cudnn" and self.cudnn_source else self.source


@dataclass(frozen=True)
class NewerOffered:
    """TensorFlow releases in whose time NVIDIA had already followed the CUDA or cuDNN they load
    with a newer one: users who installed what NVIDIA's download page offered then got another
    version, so a missing library of the release's own version most often means another version
    is installed rather than none."""

    library: str
    """'cuda' or 'cudnn'."""
    tensorflow: str
    """PEP 440 specifier over those releases, e.g. '>=1.5,<1.13'."""
    offered: str
    """What NVIDIA offered and when, e.g. 'CUDA 9.1 (December 2017) and 9.2 (May 2018)'."""
    source: str


@dataclass(frozen=True)
class TensorflowMatrix:
    releases: tuple[TfRelease, ...]
    defects: tuple[Defect, ...]
    refreshed: str
    """ISO date of the last refresh (or of the shipped data)."""
    sources: dict[str, str] = field(default_factory=dict)
    cuda_wheel_sets: tuple[CudaWheelSet, ...] = ()
    """Pip wheel sets for releases whose own metadata pins no NVIDIA wheels (see CudaWheelSet)."""
    legacy_builds: tuple[LegacyBuild, ...] = ()
    newer_offered: tuple[NewerOffered, ...] = ()
    schema: str = "tfgpu-setup/matrix-tensorflow"
    schema_version: int = 1


@dataclass(frozen=True)
class ToolkitDriver:
    cuda: str
    """Toolkit release X.Y.Z (X.Y.0 for GA)."""
    linux_min: str
    windows_min: str | None
    source: str
    label: str | None = None
    confidence: Literal["official", "secondary"] = "official"


@dataclass(frozen=True)
class MinorCompat:
    major: str
    linux_min: str
    windows_min: str | None
    source: str
    note: str | None = None


@dataclass(frozen=True)
class DriverMatrix:
    toolkits: tuple[ToolkitDriver, ...]
    minor_compat: tuple[MinorCompat, ...]
    refreshed: str
    sources: dict[str, str] = field(default_factory=dict)
    schema: str = "tfgpu-setup/matrix-cuda-drivers"
    schema_version: int = 1


@dataclass(frozen=True)
class GpuPattern:
    pattern: str
    """Python regular expression searched case-insensitively in the full product name."""
    cc: str
    arch: str
    source: str
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Architecture:
    name: str
    ccs: tuple[str, ...]
    first_cuda: str | None
    """First CUDA X.Y that supports it (None: before any version the matrix covers)."""
    last_cuda: str | None
    """Last CUDA X.Y that supports it (None: still supported)."""
    source: str
    note: str | None = None
    last_driver_branch: int | None = None
    """Last NVIDIA driver branch (R470) that drives it; None: newer branches still do."""
    driver_source: str | None = None
    """Where last_driver_branch comes from."""


@dataclass(frozen=True)
class GpuNames:
    """Product names of one compute capability, from one source (names as the source spells them).

    Looked up by a normalised key (matrix/gpu_names.py): case, the NVIDIA/Tesla/Quadro prefix,
    memory sizes, form factors and laptop/Max-Q markers do not count.
    """

    cc: str
    source: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class GpuMatrix:
    patterns: tuple[GpuPattern, ...]
    architectures: tuple[Architecture, ...]
    refreshed: str
    sources: dict[str, str] = field(default_factory=dict)
    names: tuple[GpuNames, ...] = ()
    """Every named product, looked up before the patterns (which cover families not listed)."""
    schema: str = "tfgpu-setup/matrix-gpus"
    schema_version: int = 1


@dataclass(frozen=True)
class Matrix:
    tensorflow: TensorflowMatrix
    drivers: DriverMatrix
    gpus: GpuMatrix
    origin: str
    """Where it was loaded from: 'shipped' or the refreshed folder's path."""
    notes: tuple[str, ...] = ()
    """Why a refreshed file was passed over, or used although older than the shipped one."""


def is_day(text: str) -> bool:
    """Whether text is a date written YYYY-MM-DD (as a release's 'published' is)."""
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
