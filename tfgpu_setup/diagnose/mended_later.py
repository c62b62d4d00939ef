"""A failure that a later run of the same paste shows mended, after a change the user typed.

A paste of a first try, the fix (an install, an exported path, an activation, a job sent to a
GPU node), then the run that found the GPU (review 100: cuDNN's wheel installed and put on the
loader path, then the GPU listed; a Slurm login node without a GPU, then `srun --gres=gpu:1`):
the first run's word that TensorFlow had no GPU is history. A run that follows with no change
typed between (a notebook's failure beside a terminal that works) is another environment, which
other readings weigh. Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from ..findings import FINDING_KINDS, Layer, Severity
from .activations import ACTIVATED
from .device_evidence import DRIVER_FOUND_A_GPU
from .logs import LogMatch, line_start
from .signatures.model import BENIGN, DRIVER_ROOTS, LIBRARY_IDS

_MENDED_BY_A_CHANGE = (
    DRIVER_ROOTS
    | LIBRARY_IDS
    | {
        "cuda-visible-devices-hides-gpus",
        # an add-on of another release reinstalled or pinned to this one's (review 100)
        "addon-tensorflow-mismatch",
    }
)
_CHANGE = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[^\n]{0,200}?[$#%>][ \t]*)?(?:sudo[ \t]+)?"
    r"(?:(?:pip3?|python3?(?:\.\d{1,2})? -m pip|conda|mamba|micromamba|uv pip|apt(?:-get)?|dnf"
    r"|yum|zypper)[ \t]+(?:install|update|upgrade|remove|uninstall|purge)\b"
    r"|export[ \t]+(?:LD_LIBRARY_PATH|PATH|CUDA_HOME|CUDA_VISIBLE_DEVICES|XLA_FLAGS)="
    r"|(?:srun|salloc|qsub|bsub|ssh)[ \t]"
    r"|module[ \t]+(?:load|add|swap)[ \t]|reboot\b|modprobe[ \t])",
    re.MULTILINE,
)
"""A command that changes what the next run finds: an install, a loader path, another host or a
job on a GPU node, a module loaded, a reboot."""


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

    def mended(m: LogMatch) -> bool:
        if m.signature.finding_id not in _MENDED_BY_A_CHANGE:
            return False
        proofs = sorted({*shown, *found}) if m.signature.finding_id in DRIVER_ROOTS else shown
        worked = next((line for line in proofs if line > m.line_number), None)
        if worked is None:
            return False
        start, end = line_start(text, m.line_number + 1), line_start(text, worked)
        return bool(_CHANGE.search(text, start, end) or ACTIVATED.search(text, start, end))

    return tuple(m for m in matches if not mended(m))


def without_failures_superseded(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each error where, after it, the paste typed a change and a later run
    failed with another error: the last failure is the question, the first one's fix worked
    (review 101: libdevice found once XLA_FLAGS was exported, then PTX the driver could not
    load)."""
    errors = [
        m
        for m in matches
        if m.signature.finding_id not in (None, BENIGN) and m.signature.severity is Severity.ERROR
    ]
    # (what installing answered is read apart: an install's own readings keep it as a note)
    gpu_side = [
        m
        for m in errors
        if (kind := FINDING_KINDS.get(m.signature.finding_id or "")) is not None
        and kind.layer is not Layer.INSTALL
    ]
    if len(errors) < 2:
        return matches

    def superseded(m: LogMatch) -> bool:
        change = _CHANGE.search(text, line_start(text, m.line_number + 1))
        if change is None:
            return False
        after = text.count("\n", 0, change.start()) + 1
        return any(
            later.line_number > after and later.signature.finding_id != m.signature.finding_id
            for later in errors
        )

    return tuple(m for m in matches if m not in gpu_side or not superseded(m))
