"""The one vocabulary the planner and the doctor speak: findings with stable, public ids."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    """Blocks GPU use."""
    WARNING = "warning"
    """Degrades GPU use, or will break it under some conditions."""
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    title: str
    """One line: what is wrong."""
    evidence: tuple[str, ...]
    """The facts or log lines it rests on."""
    fix: str
    """What to run or change."""
    source: str
    """URL of the document that makes the rule true."""


FINDING_IDS: dict[str, str] = {
    "no-nvidia-gpu": "No NVIDIA GPU is visible to this machine (or container).",
    "no-nvidia-driver": "The NVIDIA driver is not installed or not loaded.",
    "driver-library-mismatch": "The loaded kernel module and the user-space driver library differ:"
    " reboot or reload the module.",
    "driver-too-old": "The driver is older than the CUDA version TensorFlow needs.",
    "windows-native-gpu-unsupported": "TensorFlow >= 2.11 has no GPU support on native Windows:"
    " use WSL2, or TensorFlow 2.10.",
    "macos-no-cuda": "macOS has no CUDA: TensorFlow uses the GPU there only via tensorflow-metal.",
    "wsl-libcuda-missing": "WSL2 without /usr/lib/wsl/lib/libcuda.so.1: the Windows driver is"
    " missing or too old.",
    "wsl-linux-driver-installed": "A Linux NVIDIA driver is installed inside WSL2 and shadows the"
    " Windows one.",
    "container-gpu-not-exposed": "Inside a container that was started without GPU access.",
    "python-unsupported": "No available Python version is supported by the TensorFlow release.",
    "glibc-too-old": "The system glibc is older than the TensorFlow wheel requires.",
    "tensorflow-not-installed": "TensorFlow is not installed in the target environment.",
    "cpu-only-tensorflow": "The installed TensorFlow has no CUDA support (tensorflow-cpu, a CPU"
    " conda build, an aarch64 PyPI wheel).",
    "multiple-tensorflow-distributions": "More than one TensorFlow distribution is installed in"
    " the same environment.",
    "wrong-python-environment": "The Python running TensorFlow is not the environment that was"
    " set up.",
    "cuda-libs-not-found": "TensorFlow cannot load the CUDA libraries it needs.",
    "pip-cuda-libs-not-on-path": "NVIDIA pip wheels are installed but TensorFlow does not find"
    " them without LD_LIBRARY_PATH.",
    "cudnn-not-found": "cuDNN cannot be loaded.",
    "cudnn-version-mismatch": "The cuDNN that loads is not the one TensorFlow was built with.",
    "cuda-version-mismatch": "The CUDA libraries that load are not the version TensorFlow was"
    " built with.",
    "xla-toolchain-missing": "XLA cannot find ptxas or libdevice.",
    "ptxas-newer-than-driver": "ptxas produces PTX newer than the driver can load.",
    "compute-capability-unsupported": "The GPU's compute capability is not supported by this"
    " TensorFlow build.",
    "compute-capability-ptx-jit": "No native kernels for this GPU: works after a slow first"
    " PTX JIT compilation.",
    "cuda-visible-devices-hides-gpus": "CUDA_VISIBLE_DEVICES hides some or all GPUs.",
    "ld-library-path-empty-entry": "LD_LIBRARY_PATH has an empty entry (the loader searches the"
    " current directory).",
    "ld-library-path-shadows": "A stale CUDA or cuDNN copy on LD_LIBRARY_PATH loads before the"
    " right one.",
    "benign-log-noise": "A TensorFlow log line that looks alarming but is harmless when the GPU"
    " works.",
    "gpu-out-of-memory": "GPU memory is exhausted or held by another process, so CUDA, cuBLAS or"
    " cuDNN cannot start.",
    "device-config-after-init": "tf.config device settings (visible devices, memory growth) were"
    " changed after TensorFlow had initialised the GPUs.",
}
"""Every public finding id with its one-line meaning. Ids are never renamed or removed."""


def rank_findings(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Most severe first; stable within a severity, so the rule order expresses root cause first."""
    return tuple(sorted(findings, key=lambda f: f.severity.rank))
