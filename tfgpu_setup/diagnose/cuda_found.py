"""A CUDA version read only from a folder's name, where TensorFlow's loader found its own.

A folder such as /usr/local/cuda-10.0 on LD_LIBRARY_PATH (a dlerror prints the path) says that
CUDA is on the machine, not that it is the only one: the CUDA runtime TensorFlow needs can load
from another folder the loader searches (ld.so.conf, the CUDA wheels). TensorFlow opens its CUDA
runtime at import and says so when it cannot, through the same loader that prints the other
libraries' lines. So where the log shows that loader at work and no CUDA library failing, the
release-against-folder mismatch judged from the facts is contradicted: a note, not a cause
(DeepLabCut#2115: only TensorRT's libnvinfer.so.7 missing, LD_LIBRARY_PATH naming cuda-10.0,
TensorFlow 2.10 on the GPU).

Pure: findings, facts and log facts in, findings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding
from .attribution import LIBRARY_IDS
from .logfacts import LogFacts
from .logs import LogMatch
from .weigh import demoted, noted

_LOADER_AT_WORK = re.compile(r"dso_loader\.cc|Successfully opened (?:dynamic|CUDA) library")
"""TensorFlow's own loader writing a line: it has run, and would have said which CUDA library
it could not open."""


def cuda_found_beside_the_folder(
    judged: tuple[Finding, ...],
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    no_gpu_answered: bool = False,
) -> tuple[Finding, ...]:
    """The judged CUDA mismatch as a note where the installed CUDA is known only from the log
    and TensorFlow's loader ran without a CUDA library failing (and without TensorFlow
    answering that it has no GPU: no_gpu_answered)."""
    if not any(f.id == "cuda-version-mismatch" for f in judged):
        return judged
    if not facts.cuda or any(c.source != "log" for c in facts.cuda):
        return judged  # stated, probed or listed by the user: that CUDA is what is there
    if log.wanted_cuda or log.searched_in_vain or log.runtimes_opened:
        return judged  # a CUDA library failed, or the runtime opened is read on its own
    if any(m.signature.finding_id in LIBRARY_IDS for m in matches):
        return judged
    loader = next((m for m in matches if _LOADER_AT_WORK.search(m.line)), None)
    if loader is None or no_gpu_answered:
        return judged  # TensorFlow answering that it has no GPU leaves the mismatch standing
    because = (
        "but TensorFlow's loader ran and no CUDA library failed to load"
        f" ({loader.line.strip()[:120]}): the CUDA it opens is another than the folder named"
    )

    def mismatch(f: Finding) -> bool:
        return f.id == "cuda-version-mismatch"

    return noted(demoted(judged, mismatch, because), mismatch)
