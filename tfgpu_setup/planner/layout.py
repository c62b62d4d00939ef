"""Where pip puts the NVIDIA wheels' libraries and tools inside a virtualenv."""

from __future__ import annotations

import functools

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..matrix.model import CudaWheelSet

NVIDIA_LIB_SUBDIRS = {
    "nvidia-cublas": "cublas",
    "nvidia-cuda-cupti": "cuda_cupti",
    "nvidia-cuda-nvrtc": "cuda_nvrtc",
    "nvidia-cuda-runtime": "cuda_runtime",
    "nvidia-cudnn": "cudnn",
    "nvidia-cufft": "cufft",
    "nvidia-curand": "curand",
    "nvidia-cusolver": "cusolver",
    "nvidia-cusparse": "cusparse",
    "nvidia-nccl": "nccl",
    "nvidia-nvjitlink": "nvjitlink",
}
"""Distribution name without its -cuNN suffix -> folder under site-packages/nvidia/ (CUDA 11/12).

nvidia-cuda-nvcc is a tools wheel: bin/ptxas, nvvm/libdevice and nvvm/lib64/libnvvm.so, no lib/
folder and nothing TensorFlow loads; ptxas_dir() puts its bin/ on PATH instead.
"""


@functools.lru_cache(maxsize=1024)
def distribution_name(requirement: str) -> str:
    """'nvidia-cudnn-cu12==9.3.0.75' -> 'nvidia-cudnn-cu12' (normalised)."""
    return canonicalize_name(Requirement(requirement).name)


def _family(name: str) -> tuple[str, str | None]:
    """'nvidia-cudnn-cu12' -> ('nvidia-cudnn', '12')."""
    base, sep, suffix = name.rpartition("-cu")
    if sep and suffix.isdigit():
        return base, suffix
    return name, None


def lib_dir(site: str, requirement: str) -> str | None:
    """The folder holding the shared libraries of one pinned NVIDIA wheel, or None."""
    name = distribution_name(requirement)
    base, major = _family(name)
    if major == "13":
        return f"{site}/nvidia/cu13/lib" if base != "nvidia-cudnn" else f"{site}/nvidia/cudnn/lib"
    sub = NVIDIA_LIB_SUBDIRS.get(base)
    return f"{site}/nvidia/{sub}/lib" if sub else None


def ptxas_dir(site: str, requirements: tuple[str, ...]) -> str | None:
    """The folder with ptxas from the nvcc wheel, when the pins include it."""
    for requirement in requirements:
        base, major = _family(distribution_name(requirement))
        if base == "nvidia-cuda-nvcc":
            return f"{site}/nvidia/cu13/bin" if major == "13" else f"{site}/nvidia/cuda_nvcc/bin"
    return None


def wheel_set_lib_dirs(site: str, wheel_set: CudaWheelSet) -> list[str]:
    """The folders holding every library of a wheel set (required, then optional), in order."""
    folders: list[str] = []
    for path in (*wheel_set.sonames.values(), *wheel_set.optional_sonames.values()):
        folder = f"{site}/{path.rsplit('/', 1)[0]}"
        if folder not in folders:
            folders.append(folder)
    return folders
