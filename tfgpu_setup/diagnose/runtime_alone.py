"""The CUDA runtime missing where nothing shows a GPU.

TensorFlow opens libcudart when it is imported, on every machine: where it is not there, it says
so and adds 'Ignore above cudart dlerror if you do not have a GPU set up on your machine' (2.14
on: 'Could not find cuda drivers on your machine, GPU will not be used'), then runs on the CPU.
The other CUDA libraries it opens only after the driver found a GPU. So the runtime's line alone,
with no GPU stated or shown, is what a machine without a GPU prints too: a warning to confirm,
not an error (lightweight_mmm#23, a Stack Overflow answer on cudart64_101.dll: 'no need to worry'
without a CUDA GPU).

Pure: facts and matches in, the line that says so (or '') out.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..facts import Facts
from .attribution import LIBRARY_IDS
from .device_evidence import DRIVER_FOUND_A_GPU
from .logfacts import LogFacts
from .logs import LogMatch
from .signatures import library_name
from .sources import quoted


def _runtime_line(match: LogMatch) -> bool:
    if match.signature.name == "cudart-stub-not-found":
        return True
    lib = match.groups.get("lib", "")
    return match.signature.name == "dlopen-cuda-library" and library_name(lib) == "cudart"


def cuda_runtime_missing_alone(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> str:
    """The first line saying TensorFlow found no CUDA runtime, where that is the only library
    failing and nothing shows an NVIDIA GPU or its driver ('' otherwise)."""
    if (facts.knows("gpus") and facts.gpus) or (facts.knows("driver") and facts.driver.version):
        return ""  # (a machine known to have no GPU prints the same line: it stays a warning)
    if any(facts.knows(kind) and facts.installs(kind) for kind in ("cuda", "cudnn")):
        return ""  # a CUDA or cuDNN installed for it: a GPU was set up
    if log.driver or log.gpus_seen or log.gpu_requested_line:
        return ""
    if log.hosted_notebook_line or log.colab_line:
        return ""  # a hosted notebook's GPU runtime has a GPU by its choosing
    runtime: list[LogMatch] = []
    for m in matches:
        if m.signature.proves_gpu or m.signature.name in DRIVER_FOUND_A_GPU:
            return ""
        if m.signature.finding_id not in LIBRARY_IDS:
            continue
        if not _runtime_line(m):
            return ""  # TensorFlow opens the other libraries only for a GPU the driver found
        runtime.append(m)
    return quoted(runtime[0].line) if runtime else ""
