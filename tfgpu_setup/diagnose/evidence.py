"""What a log and the facts prove together.

Once the facts a log shows by itself have filled in facts nobody stated (facts_from_log.py),
the log's failures are read against the facts and the matrix: a missing
libcudart.so.11.0 next to an installed CUDA 10.2 is a version mismatch, not a bare "not found";
a cuDNN loaded that is not the one installed is another copy first on the path; a handle that
failed while most GPU memory was free is not out of memory.

Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import TfRelease
from .device_evidence import driver_halves_differ, no_device_findings
from .install_evidence import install_findings
from .logfacts import LogFacts
from .logs import LogMatch
from .macos_crash import macos_libcuda_name
from .signatures.runtime import HOST_MEMORY_SIGNATURES
from .sources import quoted
from .version_evidence import (
    built_for_other_cuda,
    colab_cudnn_would_not_start,
    conda_driver_too_old,
    cudnn_wheel_shadowed,
    driver_below_wanted_cuda,
    driver_too_old_for_another_framework,
    library_mismatch,
    other_cudnn_loaded,
    release_cuda_mismatch,
    toolkit_newer_than_driver,
)

HANDLE_FAILURES = frozenset({"cudnn-handle", "cublas-handle"})
"""Library handles that failed to start: memory is the usual reason, not the only one."""


def weigh_memory(
    findings: Sequence[Finding], log: LogFacts, matches: Sequence[LogMatch]
) -> list[Finding]:
    """A memory finding that rests only on a failed cuDNN/cuBLAS handle, while TensorFlow says
    most of the GPU's memory was free, is not the cause: it stays as a warning, with the line
    that speaks against it (the driver or library versions are the next suspects)."""
    oom_lines = {m.signature.name for m in matches if m.signature.finding_id == "gpu-out-of-memory"}
    if not log.memory_free_line or not oom_lines or not oom_lines <= HANDLE_FAILURES:
        return list(findings)
    return [
        dataclasses.replace(
            f,
            severity=Severity.WARNING,
            title=HANDLE_WITH_MEMORY_FREE,
            evidence=(*f.evidence, f"but most of the GPU memory was free: {log.memory_free_line}"),
            fix=HANDLE_WITH_MEMORY_FREE_FIX,
        )
        if f.id == "gpu-out-of-memory" and f.severity is Severity.ERROR
        else f
        for f in findings
    ]


HANDLE_WITH_MEMORY_FREE = (
    "A cuDNN or cuBLAS handle could not be created although most of the GPU's memory was free:"
    " not memory, most often a library of another version than the build's, or a driver too"
    " old for it"
)
HANDLE_WITH_MEMORY_FREE_FIX = (
    "Find which cuDNN and cuBLAS load (TF_CPP_MAX_VLOG_LEVEL=3 prints every library TensorFlow"
    " opens; 'pip list | grep nvidia'; LD_LIBRARY_PATH): a copy other than the release's (a"
    " system or conda one first on the path, another framework's wheel) is the usual cause:"
    " install the release's (from 2.14 'pip install tensorflow[and-cuda]==X.Y.Z') and take the"
    " other off the path. Then update the driver, and clear CUDA's JIT cache (rm -rf"
    " ~/.nv/ComputeCache; on Windows %APPDATA%\\NVIDIA\\ComputeCache). Memory growth helps only"
    " where another process holds the memory."
)


def cross_findings(
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    release: TfRelease | None = None,
    tf_known_installed: bool = False,
    release_guessed: bool = False,
    pinned_cuda: str | None = None,
) -> list[Finding]:
    """Findings that need the log and the facts together. release: the one that wrote the log,
    when known; tf_known_installed: someone stated (or a probe found) TensorFlow installed;
    release_guessed: the release is only the newest the log's hints admit; pinned_cuda: the one
    CUDA that every release loading all the log's missing libraries was built with."""
    found: list[Finding] = []
    found += library_mismatch(
        facts, log, None if release_guessed else release, None if release else pinned_cuda
    )
    found += other_cudnn_loaded(facts, log, None if release_guessed else release) or (
        cudnn_wheel_shadowed(facts, log, None if release_guessed else release)
    )
    found += colab_cudnn_would_not_start(facts, log, matches)
    if not log.wanted_cuda and release is not None:
        found += release_cuda_mismatch(facts, matches, release)
    # A soname that contradicts a guessed release says the guess is wrong (a JetPack or
    # community build of another CUDA), not that something else was built for another CUDA.
    if release is not None and not release_guessed:
        found += built_for_other_cuda(log, release)
    found += toolkit_newer_than_driver(facts, log, matches, None if release_guessed else release)
    found += driver_below_wanted_cuda(facts, log)
    found += conda_driver_too_old(facts, matches)
    if release is None:
        found += driver_too_old_for_another_framework(matches)
    found += install_findings(
        facts, log, matches, tf_known_installed, None if release_guessed else release
    )
    found += macos_libcuda_name(log.mac_libcuda_crash_line)
    found += _searched_in_vain(log)
    # the host's memory ran out there, not the GPU's
    host_lines = {m.line for m in matches if m.signature.name in HOST_MEMORY_SIGNATURES}
    memory_failed = any(
        m.signature.finding_id == "gpu-out-of-memory" and m.line not in host_lines for m in matches
    )
    if log.memory_taken_line and memory_failed:
        # only where memory ran out: a Jetson's GPU shares the system's memory, whose free part
        # TensorFlow reports, and a GPU that works with little free memory is no failure
        found.append(
            Finding(
                "gpu-out-of-memory",
                Severity.WARNING,
                "Another process held most of the GPU's memory when TensorFlow started",
                (log.memory_taken_line,),
                "Find it in nvidia-smi's processes table (another TensorFlow, a notebook kernel "
                "left running) and stop it, or run on an idle GPU (CUDA_VISIBLE_DEVICES set to "
                "its index); if several processes must share the GPU, let each allocate on "
                "demand (tf.config.experimental.set_memory_growth, or gpu_options.allow_growth "
                "in TF 1.x).",
                "https://github.com/mozilla/DeepSpeech/issues/463",
            )
        )
    found += no_device_findings(facts, log, matches)
    if (halves := driver_halves_differ(facts, log)) is not None:
        found.append(halves)
    return found


def _searched_in_vain(log: LogFacts) -> list[Finding]:
    """The CUDA and cuDNN libraries the loader's trace tried everywhere and never loaded: a
    warning, the trace may have been cut before the library loaded."""
    found = []
    for lib, line in log.searched_in_vain:
        cudnn = "cudnn" in lib
        found.append(
            Finding(
                "cudnn-not-found" if cudnn else "cuda-libs-not-found",
                Severity.WARNING,
                f"The loader looked for {lib} on every path it had and did not load it"
                " (LD_DEBUG trace)",
                (quoted(line),),
                f"Install the {'cuDNN' if cudnn else 'CUDA'} version that provides {lib} (the"
                " number in its name) and put its lib folder on LD_LIBRARY_PATH; a library"
                " of another version does not serve it.",
                "https://github.com/mozilla/DeepSpeech/issues/1210",
            )
        )
    return found
