"""A failure that a later run of the same paste shows mended, after a change the user typed.

A paste of a first try, the fix (an install, an exported path, an activation, a job sent to a
GPU node), then the run that found the GPU (review 100: cuDNN's wheel installed and put on the
loader path, then the GPU listed; a Slurm login node without a GPU, then `srun --gres=gpu:1`):
the first run's word that TensorFlow had no GPU is history. A run that follows with no change
typed between (a notebook's failure beside a terminal that works) is another environment, which
other readings weigh. Pure: matches and text in, matches out.
"""

from __future__ import annotations

import bisect
import re

from ..findings import FINDING_KINDS, Layer, Severity
from .activations import ACTIVATED
from .device_evidence import DRIVER_FOUND_A_GPU
from .later_run import COMMAND
from .logs import LogMatch
from .signatures.model import BENIGN, DRIVER_ROOTS, LIBRARY_IDS

_TOOLCHAIN = frozenset(kind.id for kind in FINDING_KINDS.values() if kind.layer is Layer.TOOLCHAIN)
"""XLA's ptxas or libdevice, found once XLA_FLAGS or PATH names them (review 108): their
failures happen on a GPU TensorFlow has, so only a run that goes on without them mends them."""
_MENDED_BY_A_CHANGE = (
    DRIVER_ROOTS
    | LIBRARY_IDS
    | {
        "cuda-visible-devices-hides-gpus",
        # an add-on of another release reinstalled or pinned to this one's (review 100)
        "addon-tensorflow-mismatch",
    }
    | _TOOLCHAIN
)
_CHANGE = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[^\n]{0,200}?[$#%>][ \t]*)?(?:sudo[ \t]+)?"
    r"(?:(?:pip3?|python3?(?:\.\d{1,2})? -m pip|conda|mamba|micromamba|uv pip|apt(?:-get)?|dnf"
    r"|yum|zypper)[ \t]+(?:install|update|upgrade|remove|uninstall|purge)\b"
    r"|export[ \t]+(?:LD_LIBRARY_PATH|PATH|CUDA_HOME|CUDA_VISIBLE_DEVICES|XLA_FLAGS)="
    # Windows' cmd and PowerShell: a path set, a library copied in (review 108)
    r"|setx?[ \t]+(?:PATH|CUDA_PATH|CUDA_VISIBLE_DEVICES|XLA_FLAGS)[ \t]*="
    r"|\$env:(?:PATH|CUDA_PATH|CUDA_VISIBLE_DEVICES|XLA_FLAGS)[ \t]*\+?="
    r"|(?:copy|xcopy|cp|ln[ \t]+-sf?)[ \t][^\n]{0,200}?\.(?:dll|so)\b"
    r"|(?:srun|salloc|qsub|bsub|ssh)[ \t]"
    r"|module[ \t]+(?:load|add|swap)[ \t]|reboot\b|modprobe[ \t])",
    re.MULTILINE,
)
"""A command that changes what the next run finds: an install, a loader path, another host or a
job on a GPU node, a module loaded, a reboot."""


_CHANGE_REFUSED = re.compile(
    r"^(?:ERROR|E): |No matching distribution found|Could not find a version that satisfies"
    r"|Requirement already satisfied|PackagesNotFoundError|UnsatisfiableError"
    r"|Unable to locate package|command not found",
    re.MULTILINE,
)
_CHANGE_MADE = re.compile(
    r"Successfully installed|Installing collected packages|Installed \d{1,4} packages?"
    r"|Executing transaction|^Setting up ",
    re.MULTILINE,
)
CHANGE_OUTPUT_CHARS = 3000
"""How far below a typed change its own output is read."""


def _changes_made(text: str) -> list[int]:
    """The lines of the typed changes that changed something: not an install its tool refused,
    nor one that found everything already there (review 102: a refused wheel still read as
    installed)."""
    made, counted, line = [], 0, 1
    for change in _CHANGE.finditer(text):
        line += text.count("\n", counted, change.start())
        counted = change.start()
        start = text.find("\n", change.start()) % (len(text) + 1)
        typed = COMMAND.search(text, start, start + CHANGE_OUTPUT_CHARS)
        output = text[start : typed.start() if typed else start + CHANGE_OUTPUT_CHARS]
        if _CHANGE_REFUSED.search(output) and not _CHANGE_MADE.search(output):
            continue
        made.append(line)
    return made


def _lines_of(pattern: re.Pattern[str], text: str) -> list[int]:
    """The lines (1-based, ascending) where the pattern matches, read in one pass."""
    lines, counted, line = [], 0, 1
    for m in pattern.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        lines.append(line)
    return lines


def _any_between(lines: list[int], after: int, before: int) -> bool:
    """Whether a line of the ascending list lies strictly between the two."""
    i = bisect.bisect_right(lines, after)
    return i < len(lines) and lines[i] < before


def _first_after(lines: list[int], after: int) -> int | None:
    i = bisect.bisect_right(lines, after)
    return lines[i] if i < len(lines) else None


def without_failures_mended_later(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each line saying TensorFlow had no GPU (no driver, no device, a
    library not loaded, the GPUs hidden) or could not use an add-on of another release, where,
    after it, the paste typed a change and then a run showed the GPU."""
    shown = sorted(m.line_number for m in matches if m.signature.proves_gpu)
    # (the driver listing a GPU to TensorFlow mends what said there was no driver or device,
    # whatever failed after it: review 101, a login node and then a job on a GPU node)
    found = sorted(m.line_number for m in matches if m.signature.name in DRIVER_FOUND_A_GPU)
    if not shown and not found:
        return matches
    either = sorted({*shown, *found})
    clean = sorted(
        m.line_number
        for m in matches
        if m.signature.proves_gpu and m.signature.finding_id in (None, BENIGN)
    )
    changes = sorted({*_changes_made(text), *_lines_of(ACTIVATED, text)})

    def mended(m: LogMatch) -> bool:
        if m.signature.finding_id not in _MENDED_BY_A_CHANGE:
            return False
        if m.signature.finding_id in _TOOLCHAIN:
            proofs = clean
        else:
            proofs = either if m.signature.finding_id in DRIVER_ROOTS else shown
        worked = _first_after(proofs, m.line_number)
        return worked is not None and _any_between(changes, m.line_number, worked)

    return tuple(m for m in matches if not mended(m))


def without_failures_superseded(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each error where, after it, the paste typed a change and a later run
    failed with another error: the last failure is the question, the first one's fix worked
    (review 101: libdevice found once XLA_FLAGS was exported, then PTX the driver could not
    load)."""
    errors = sorted(
        (
            m
            for m in matches
            if m.signature.finding_id not in (None, BENIGN)
            and m.signature.severity is Severity.ERROR
        ),
        key=lambda m: m.line_number,
    )
    if len(errors) < 2:
        return matches
    changes = _changes_made(text)
    # the ids of the errors after each change, built from the end in one pass
    ids_after: dict[int, set[str]] = {}
    seen: set[str] = set()
    index = len(errors) - 1
    for change in reversed(changes):
        while index >= 0 and errors[index].line_number > change:
            seen.add(errors[index].signature.finding_id or "")
            index -= 1
        ids_after[change] = set(seen)
    # (what installing answered is read apart: an install's own readings keep it as a note)
    gpu_side = {
        id(m)
        for m in errors
        if (kind := FINDING_KINDS.get(m.signature.finding_id or "")) is not None
        and kind.layer is not Layer.INSTALL
    }

    def superseded(m: LogMatch) -> bool:
        change = _first_after(changes, m.line_number)
        return change is not None and bool(ids_after[change] - {m.signature.finding_id})

    return tuple(m for m in matches if id(m) not in gpu_side or not superseded(m))


_RUNS_ON_THE_GPU = frozenset(
    kind.id for kind in FINDING_KINDS.values() if kind.layer is Layer.RUNTIME
)
"""Failures of work on a GPU TensorFlow had (memory, a kernel): a rerun may avoid them."""


def without_failures_rerun_clean(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each failure of work on the GPU (out of memory, a kernel) where a
    later command's run showed the GPU again and did not fail that way (review 102: a batch of
    512 out of memory, then 64 training)."""
    shown = sorted(m.line_number for m in matches if m.signature.proves_gpu)
    if not shown:
        return matches
    commands = _lines_of(COMMAND, text)
    last_of: dict[str, int] = {}
    for m in matches:
        if m.signature.finding_id in _RUNS_ON_THE_GPU:
            last_of[m.signature.finding_id] = max(
                last_of.get(m.signature.finding_id, 0), m.line_number
            )

    def rerun_clean(m: LogMatch) -> bool:
        if m.signature.finding_id not in _RUNS_ON_THE_GPU:
            return False
        typed = _first_after(commands, m.line_number)
        again = _first_after(shown, typed) if typed is not None else None
        return again is not None and last_of[m.signature.finding_id] < again

    return tuple(m for m in matches if not rerun_clean(m))
