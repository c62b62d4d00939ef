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

from .activations import ACTIVATED
from .logs import LogMatch, line_start
from .signatures.model import DRIVER_ROOTS, LIBRARY_IDS

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
    if not shown:
        return matches

    def mended(m: LogMatch) -> bool:
        if m.signature.finding_id not in _MENDED_BY_A_CHANGE or m.line_number >= shown[-1]:
            return False
        worked = next(line for line in shown if line > m.line_number)
        start, end = line_start(text, m.line_number + 1), line_start(text, worked)
        return bool(_CHANGE.search(text, start, end) or ACTIVATED.search(text, start, end))

    return tuple(m for m in matches if not mended(m))
