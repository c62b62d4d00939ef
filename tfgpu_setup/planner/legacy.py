"""What the plan says about CUDA for releases before [and-cuda]: pip wheels, system, or neither."""

from __future__ import annotations

from packaging.version import Version

from ..doc_urls import TF_TESTED
from ..facts import Facts
from ..matrix.model import Matrix, TfRelease
from ..plan import Decision
from ..versions import xy
from .evaluate import (
    PIP_WHEEL_PLATFORMS,
    Evaluation,
    glibc_below_wheels,
    platform_key,
    wheel_set_for,
    wheel_set_here,
)


def _found(facts: Facts) -> str:
    cuda = sorted({xy(c.version) for c in facts.cuda if c.version}, key=Version)
    cudnn = sorted({xy(c.version) for c in facts.cudnn if c.version}, key=Version)
    return (
        f"CUDA {', '.join(cuda) or ('none' if facts.knows('cuda') else 'not stated')}, "
        f"cuDNN {', '.join(cudnn) or ('none' if facts.knows('cudnn') else 'not stated')}"
    )


def wheel_set_decision(chosen: Evaluation, facts: Facts) -> Decision:
    """Why the plan installs a matrix wheel set: no system CUDA/cuDNN matching the build."""
    wheel_set = chosen.wheel_set
    assert wheel_set is not None
    r = chosen.release
    return Decision(
        "cuda",
        "pip",
        f"TensorFlow {r.version} was built with CUDA {r.cuda} and cuDNN {r.cudnn} and has no "
        f"[and-cuda] extra: the plan pins NVIDIA's CUDA {wheel_set.cuda} / cuDNN "
        f"{wheel_set.cudnn} wheels, which carry every library it loads "
        f"({', '.join(wheel_set.sonames)}), and the activate script puts their folders on "
        f"LD_LIBRARY_PATH; no system CUDA {r.cuda}+ with cuDNN {r.cudnn}+ is known to use "
        f"instead ({_found(facts)})",
        wheel_set.sources.get("pins", TF_TESTED),
    )


def why_system(chosen: Evaluation, matrix: Matrix, facts: Facts) -> str:
    """The reason a system CUDA was preferred over a wheel set that could have served."""
    if wheel_set_here(matrix, chosen.release, facts) is None:
        return why_no_wheels(facts, matrix, chosen.release)
    return (
        f"; it matches what TensorFlow was built with (CUDA ≥ {chosen.release.cuda}, cuDNN ≥ "
        f"{chosen.release.cudnn}), so the plan does not add NVIDIA's pip wheels"
    )


def why_no_wheels(facts: Facts, matrix: Matrix, release: TfRelease) -> str:
    """Why NVIDIA's pip wheels cannot stand in for a system CUDA here ('' where they could)."""
    if not _wheels_serve(facts):
        return "; NVIDIA's CUDA pip wheels serve TensorFlow on Linux x86_64 and WSL 2 only"
    glibc_bar = glibc_below_wheels(wheel_set_for(matrix, release), facts)
    return f"; {glibc_bar} (manylinux wheels)" if glibc_bar else ""


def _wheels_serve(facts: Facts) -> bool:
    return platform_key(facts) in PIP_WHEEL_PLATFORMS


def system_cuda_needed_decision(chosen: Evaluation) -> Decision:
    """A release whose GPU build needs a CUDA that pip cannot provide here (CUDA 10, TF 2.4)."""
    r = chosen.release
    return Decision(
        "cuda",
        "needed",
        f"the GPU build of TensorFlow {r.version} needs CUDA {r.cuda} and cuDNN {r.cudnn} "
        f"installed outside pip: {chosen.system_cuda_blocker}. Install exactly these (NVIDIA's "
        f"installers, or 'conda install -c conda-forge cudatoolkit={r.cuda} cudnn={r.cudnn}'), "
        f"then plan again",
        r.sources.get("cuda", TF_TESTED),
    )
