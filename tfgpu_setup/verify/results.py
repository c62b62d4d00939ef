"""What the verify children report, as frozen dataclasses that round-trip through serde.

The `...Report` classes mirror, field for field, the JSON documents that
cuda_layers_child.py and smoke.py print; decoding is strict, so a drift between a script
and its dataclass fails loudly as 'bad-output'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

CUDA_LAYERS_SCHEMA = "tfgpu-setup/cuda-layers"
SMOKE_SCHEMA = "tfgpu-setup/smoke"

FailureKind = Literal[
    "not-found", "permission", "os-error", "timeout", "signal", "exit-status", "bad-output"
]
CheckStatus = Literal["passed", "failed", "skipped"]
SmokeStatus = Literal["completed", "import-failed", "script-error"]


@dataclass(frozen=True)
class ChildFailure:
    """Why a child produced no usable report."""

    kind: FailureKind
    message: str
    returncode: int | None = None


@dataclass(frozen=True)
class LoadAttempt:
    name: str
    """A full path in a planned folder, or a bare name left to the loader's search."""
    error: str | None
    """The loader's dlerror text; None for the attempt that loaded."""


@dataclass(frozen=True)
class LibraryLayer:
    loaded: bool
    soname: str | None = None
    path: str | None = None
    """The real file the loader mapped (symlinks resolved)."""
    error: str | None = None
    """dlerror text when not loaded; the library's error name when it loaded but failed."""
    attempts: tuple[LoadAttempt, ...] = ()
    version: str | None = None


@dataclass(frozen=True)
class CudaDevice:
    index: int
    name: str | None
    compute_capability: str | None


@dataclass(frozen=True)
class DriverLayer(LibraryLayer):
    """libcuda: version is the highest CUDA version the driver supports (X.Y)."""

    code: int | None = None
    """cuInit's (or cuDeviceGetCount's) CUresult when it failed."""
    device_count: int | None = None
    devices: tuple[CudaDevice, ...] = ()


@dataclass(frozen=True)
class RuntimeLayer(LibraryLayer):
    """libcudart: version is the runtime's CUDA version (X.Y)."""

    code: int | None = None
    """cudaGetDeviceCount's cudaError_t when it failed."""
    driver_version: str | None = None
    """The driver's CUDA version as the runtime sees it; None when it found no driver."""
    device_count: int | None = None


@dataclass(frozen=True)
class CudnnLayer(LibraryLayer):
    cudart_version: str | None = None
    """The CUDA runtime version this cuDNN was built against."""


@dataclass(frozen=True)
class CudaLayersReport:
    schema: str
    schema_version: int
    python: str
    lib_dirs: tuple[str, ...]
    environment: dict[str, str | None]
    driver: DriverLayer
    runtime: RuntimeLayer
    cudnn: CudnnLayer
    cublas: LibraryLayer


@dataclass(frozen=True)
class CudaLayers:
    report: CudaLayersReport | None
    failure: ChildFailure | None
    stderr: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class ImportOutcome:
    ok: bool
    seconds: float
    exception: str | None = None
    """The exception's class name, e.g. ModuleNotFoundError."""
    message: str | None = None


@dataclass(frozen=True)
class VisibleGpu:
    name: str
    """TensorFlow's physical device name, e.g. /physical_device:GPU:0."""
    device: str
    """The device string the checks use, e.g. /GPU:0."""
    compute_capability: str | None = None
    device_name: str | None = None


@dataclass(frozen=True)
class Check:
    name: str
    """matmul, matmul-tf.function, conv2d (cuDNN) or xla-jit (ptxas, libdevice)."""
    device: str
    """/CPU:0, /GPU:N, or /GPU for the checks skipped because no GPU is visible."""
    status: CheckStatus
    reason: str | None = None
    """Why the check was skipped."""
    error: str | None = None
    result_device: str | None = None
    max_abs_error: float | None = None
    tolerance: float | None = None
    first_call_s: float | None = None
    steady_call_s: float | None = None
    """Median of the calls after the first."""


@dataclass(frozen=True)
class LoadedLibrary:
    name: str
    """The file name up to '.so', e.g. libcudnn_ops."""
    path: str


@dataclass(frozen=True)
class SmokeReport:
    schema: str
    schema_version: int
    status: SmokeStatus
    python: str
    executable: str
    prefix: str
    tf_import: ImportOutcome | None
    tensorflow_version: str | None
    tensorflow_path: str | None
    build_info: dict[str, Any]
    gpus: tuple[VisibleGpu, ...]
    gpu_listing_error: str | None
    checks: tuple[Check, ...]
    loaded_libraries: tuple[LoadedLibrary, ...]
    loaded_libraries_error: str | None
    environment: dict[str, str | None]
    ptxas: str | None
    error: str | None
    traceback_tail: str | None
    seconds: float

    def checks_on(self, device_type: Literal["CPU", "GPU"]) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.device.startswith(f"/{device_type}"))


@dataclass(frozen=True)
class SmokeResult:
    report: SmokeReport | None
    failure: ChildFailure | None
    stderr: str = ""
    """The child's stderr: TensorFlow's own log lines (TF_CPP_MIN_LOG_LEVEL=0)."""
    returncode: int | None = None
    seconds: float = 0.0
