"""Two CUDA majors in one process: a library TensorFlow loads needs another major's.

The loader found 'libcusolver.so.11' but not 'libnvJitLink.so.12', which it needs: that cuSOLVER
is CUDA 12's (CUDA 11.1 to 12.x all name theirs .so.11), while the runtime TensorFlow opened is
CUDA 11's. A CUDA 12 wheel (nvidia-cusolver-cu12, pulled in by another package such as PyTorch)
or a CUDA 12 folder ahead on the loader path is mixed into a CUDA 11 build.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from .logfacts import LogFacts, missing_dependency
from .logs import LogMatch
from .signatures import library_name, library_version
from .sources import quoted

FOLLOW_CUDA_MAJOR = frozenset({"cudart", "cublas", "cublasLt", "nvJitLink", "nvrtc"})
"""Libraries whose soname's major is the CUDA release's (nvJitLink arrived with CUDA 12)."""
SOURCE = "https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html"


def _cuda_major_of(file_name: str) -> int | None:
    if library_name(file_name) not in FOLLOW_CUDA_MAJOR:
        return None
    major = library_version(file_name).split(".")[0]
    return int(major) if major.isdigit() and len(major) <= 2 else None


def mixed_cuda_majors(log: LogFacts, matches: Sequence[LogMatch]) -> tuple[Finding, ...]:
    """cuda-version-mismatch where a library failed for want of a library of another CUDA major
    than the runtime TensorFlow opened."""
    runtime_majors = {w.major for w in log.runtimes_opened}
    if len(runtime_majors) != 1:
        return ()
    (runtime_major,) = runtime_majors
    for match in matches:
        if match.signature.finding_id != "cuda-libs-not-found":
            continue
        lib = match.groups.get("lib", "")
        needed = missing_dependency(lib, match.groups.get("dlerror", ""))
        needed_major = _cuda_major_of(needed) if needed else None
        if needed_major is None or needed_major == runtime_major:
            continue
        return (
            Finding(
                "cuda-version-mismatch",
                Severity.ERROR,
                f"{lib} was found but needs {needed}, a CUDA {needed_major} library, while"
                f" this TensorFlow runs on CUDA {runtime_major}: two CUDA majors are mixed",
                (quoted(match.line), f"TensorFlow opened CUDA {runtime_major}'s runtime"),
                "Keep one CUDA major where TensorFlow loads from: 'pip list | grep nvidia'"
                f" shows the CUDA {needed_major} wheels (-cu{needed_major}) another package"
                f" (PyTorch, JAX) brought; install TensorFlow's own (-cu{runtime_major}) or give"
                f" that package its own environment, and take CUDA {needed_major}'s folder off"
                " LD_LIBRARY_PATH.",
                SOURCE,
            ),
        )
    return ()
