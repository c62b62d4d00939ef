"""cuInit failing in a process forked after its parent started CUDA.

A child forked after cuInit ran in its parent gets CUDA_ERROR_NOT_INITIALIZED from its own
cuInit (NVIDIA's forum: 'Child process forked after cuInit() get CUDA_ERROR_NOT_INITIALIZED on
cuInit()'; mars-project/mars#479, inducer/pycuda#137): in a log that already showed a GPU
device, that line is a worker (multiprocessing's fork, a server's preloaded app), not a driver
that failed to start. A command typed between the two makes it another run, whose cuInit
failing is the driver's. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses

from .later_run import command_between
from .logs import LogMatch
from .signatures import SIGNATURES


def cuinit_in_a_forked_child(text: str, matches: tuple[LogMatch, ...]) -> tuple[LogMatch, ...]:
    """cuInit's NOT_INITIALIZED logged after a line that showed a GPU, in the same run, read
    as the fork's."""
    shown = [m for m in matches if m.signature.proves_gpu]
    if not shown:
        return matches
    first = min(shown, key=lambda m: m.position)
    fork = SIGNATURES["context-after-fork"]
    return tuple(
        dataclasses.replace(m, signature=fork)
        if m.signature.name == "cuinit-driver-init"
        and m.groups.get("code") == "CUDA_ERROR_NOT_INITIALIZED"
        and m.position > first.position
        and not command_between(text, first.line_number, m.line_number)
        else m
        for m in matches
    )
