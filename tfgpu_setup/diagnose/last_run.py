"""The paste's last run, where an earlier one used the GPU and the last one did not.

A paste of a run that used the GPU, then another command whose run has none (another
environment, interpreter, shell or machine: WSL then PowerShell, conda's 'gpu' then 'proj', a
login node then a job): the last run is the state asked about, and the earlier one's lines (its
GPU, its CUDA build, its libraries) say nothing of it (review 101: read alone, each such last
run gets its own cause). The earlier runs are blanked, line for line, so that every reading sees
only the last run and line numbers stay the paste's. Pure: text and matches in, text out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ..findings import ids_tagged
from .empty_gpu_list import NO_GPU_LISTED
from .later_run import (
    BARE_EMPTY_ANSWER,
    COMMAND,
    GPU_LIST_SHOWN,
    MAX_BARE_ANSWERS,
    SHOWS_A_FILE,
    asked_for_gpus,
)
from .logs import LogMatch, blanked, line_start

_DENIES_THE_GPU = (
    ids_tagged("stops-every-gpu") | ids_tagged("library") | ids_tagged("denies-gpu")
) - (
    ids_tagged("stops-tensorflow")
    | {"tensorflow-not-installed", "wrong-python-environment", "cuda-visible-devices-hides-gpus"}
)
"""What says a run has no GPU: no driver or device, a library not loaded, a CPU-only build, a
platform without GPU support (a later run that cannot import TensorFlow at all is read with the
run that used the GPU: another interpreter, later_run's reading; a later run that finds no device
where one was used is most often a step hidden from the GPU on purpose: a CPU-only test)."""
_TENSORFLOWS_OWN = re.compile(
    r"tensorflow|local_xla|stream_executor|dso_loader|cuda_dnn|gpu_device", re.IGNORECASE
)
"""A line TensorFlow wrote (or its Python raised), not nvidia-smi's, ls's or modprobe's."""


def last_run_without_the_gpu(text: str, matches: Sequence[LogMatch]) -> int:
    """The line (1-based) of the first command typed after the last run that showed the GPU,
    where a later run says it has none; 0 where the paste shows no such thing (a failure in the
    run that used the GPU is that run's)."""
    shown = [m.line_number for m in matches if m.signature.proves_gpu]
    if not shown:
        return 0
    after = line_start(text, max(shown) + 1)
    failing = [
        m.line_number
        for m in matches
        if m.line_number > max(shown)
        and m.signature.finding_id in _DENIES_THE_GPU
        and _TENSORFLOWS_OWN.search(m.line)
    ]
    answer = NO_GPU_LISTED.search(text, after)
    if answer is None and GPU_LIST_SHOWN.search(text, 0, after):
        answer = next(
            (
                m
                for m in itertools.islice(BARE_EMPTY_ANSWER.finditer(text, after), MAX_BARE_ANSWERS)
                if asked_for_gpus(text, m)
            ),
            None,
        )
    if answer is not None:
        failing.append(text.count("\n", 0, answer.start()) + 1)
    if not failing:
        return 0
    commands = [
        c
        for c in COMMAND.finditer(text, after, line_start(text, min(failing)))
        if not SHOWS_A_FILE.search(text, c.start(), text.find("\n", c.start()) % (len(text) + 1))
    ]
    if not commands:
        return 0
    # (from the first command after the GPU: what the later commands showed, a 'conda list' of
    # the environment that failed, belongs to the later runs)
    return text.count("\n", 0, commands[0].start()) + 1


def earlier_runs_blanked(text: str, first_line: int) -> str:
    """The text with every line before first_line emptied (the line count kept)."""
    return blanked(text, [(0, line_start(text, first_line))])
