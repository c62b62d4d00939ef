"""Facts: everything probe learns about a host, as plain data that round-trips through JSON.

Every part records where its value came from (`source`) and, when the value is absent,
why (`reason`). A fact that could not be read is still a fact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .documents import DocumentKind, decode_document, parse_json
from .serde import to_jsonable

SCHEMA = "tfgpu-setup/facts"
SCHEMA_VERSION = 1

FACTS_DOCUMENT = DocumentKind(
    SCHEMA, SCHEMA_VERSION, "facts", "tfgpu-setup probe --json > host.json"
)

OsName = Literal["linux", "wsl2", "windows", "macos", "other"]


@dataclass(frozen=True)
class Note:
    """Something a probe source said that is not a value: a failure, a timeout, a disagreement."""

    source: str
    message: str


@dataclass(frozen=True)
class Platform:
    os: OsName
    arch: str
    """Normalised machine name: x86_64, aarch64 (Linux), arm64 (macOS), AMD64 -> x86_64."""
    kernel: str | None = None
    distro: str | None = None
    glibc: str | None = None
    """glibc version as X.Y, None on musl, macOS and Windows."""
    wsl: bool = False
    wsl_evidence: tuple[str, ...] = ()
    container: bool = False
    container_evidence: tuple[str, ...] = ()
    source: str = "detected"


@dataclass(frozen=True)
class PythonInterpreter:
    version: str
    """X.Y.Z"""
    path: str | None
    source: str
    """'running', 'PATH', 'pyenv', or 'flag --python' for what-if planning."""


@dataclass(frozen=True)
class Driver:
    version: str | None
    """User-space driver version as NVML or nvidia-smi report it (WSL2: Windows numbering)."""
    cuda_version: str | None
    """The highest CUDA version the driver supports, X.Y."""
    source: str
    reason: str | None = None
    """Why version is None."""
    kernel_module_version: str | None = None
    """The loaded kernel module (/proc/driver/nvidia/version, /sys/module/nvidia/version)."""
    library_version: str | None = None
    """The user-space library (NVML / nvidia-smi)."""
    mismatch: bool = False
    """Kernel module and user-space library differ: 'driver/library version mismatch'."""
    windows_numbering: bool = False
    """WSL2: the version is the Windows host driver's, e.g. 572.16."""
    kernel_module_flavor: str | None = None
    """'open' or 'proprietary' where /proc says so."""


@dataclass(frozen=True)
class MigDevice:
    index: int
    uuid: str | None
    name: str | None = None
    memory_total_mib: int | None = None


@dataclass(frozen=True)
class Gpu:
    index: int
    name: str
    uuid: str | None = None
    pci_bus_id: str | None = None
    compute_capability: str | None = None
    """X.Y from NVML or nvidia-smi; None when the source could not say (see cc_source)."""
    cc_source: str | None = None
    memory_total_mib: int | None = None
    mig_mode: Literal["enabled", "disabled"] | None = None
    mig_devices: tuple[MigDevice, ...] = ()
    source: str = "nvml"


@dataclass(frozen=True)
class CudaInstall:
    version: str | None
    path: str
    kind: Literal["toolkit", "runtime", "nvcc", "conda"]
    source: str


@dataclass(frozen=True)
class CudnnInstall:
    version: str | None
    path: str
    kind: Literal["headers", "library", "wheel"]
    source: str


@dataclass(frozen=True)
class NvidiaWheel:
    name: str
    """Normalised distribution name, e.g. nvidia-cudnn-cu12."""
    version: str
    lib_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class TfDistribution:
    name: str
    """tensorflow, tensorflow-cpu, tensorflow-gpu, tf-nightly, tensorflow-intel, ..."""
    version: str


@dataclass(frozen=True)
class TfBuildInfo:
    is_cuda_build: bool
    cuda_version: str | None = None
    cudnn_version: str | None = None
    compute_capabilities: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class PythonEnv:
    path: str
    python_version: str | None
    is_virtualenv: bool
    site_packages: str | None = None
    nvidia_wheels: tuple[NvidiaWheel, ...] = ()
    tensorflow: tuple[TfDistribution, ...] = ()
    tf_build: TfBuildInfo | None = None
    tf_build_reason: str | None = None
    """Why tf_build is None although TensorFlow is installed."""
    source: str = "detected"
    reason: str | None = None
    """Why the environment could not be read, if it could not."""


@dataclass(frozen=True)
class Facts:
    platform: Platform
    driver: Driver
    pythons: tuple[PythonInterpreter, ...] = ()
    gpus: tuple[Gpu, ...] = ()
    gpus_reason: str | None = None
    """Why no GPU is listed, when none is."""
    cuda: tuple[CudaInstall, ...] = ()
    cudnn: tuple[CudnnInstall, ...] = ()
    target_env: PythonEnv | None = None
    libcuda: tuple[str, ...] = ()
    """Where the driver's user-space library libcuda.so.1 was found (loader cache, WSL folder)."""
    env: dict[str, str | None] = field(default_factory=dict)
    """The variables that matter, as the user's process sees them; None means unset."""
    notes: tuple[Note, ...] = ()
    schema: str = SCHEMA
    schema_version: int = SCHEMA_VERSION

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_jsonable(), indent=2, sort_keys=False)

    @classmethod
    def from_jsonable(cls, data: Any, origin: str = "facts") -> Facts:
        return decode_document(cls, data, origin, FACTS_DOCUMENT)

    @classmethod
    def from_json(cls, text: str, origin: str = "facts") -> Facts:
        return cls.from_jsonable(parse_json(text, origin, FACTS_DOCUMENT), origin)


ENV_VARIABLES = (
    "CUDA_VISIBLE_DEVICES",
    "CUDA_DEVICE_ORDER",
    "LD_LIBRARY_PATH",
    "PATH",
    "CUDA_HOME",
    "CUDA_PATH",
    "XLA_FLAGS",
    "TF_CPP_MIN_LOG_LEVEL",
    "TF_FORCE_GPU_ALLOW_GROWTH",
    "NVIDIA_VISIBLE_DEVICES",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
)
"""The environment variables probe records (None when unset)."""
