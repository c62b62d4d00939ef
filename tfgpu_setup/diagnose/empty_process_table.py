"""nvidia-smi's process table, empty inside a container (or beside memory something holds).

The driver reports the host's process ids, which a container's PID namespace does not have, so
nvidia-smi run inside a container lists no process even while one there uses the GPU
(nvidia-docker#179, NVIDIA: "the driver is not aware of the PID namespace"). On a host an empty
table means nothing ran on the GPU when it was taken: that is no reading of its own.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, Severity
from .sources import quoted

_EMPTY_TABLE = re.compile(
    r"^\|\s+Processes:[^\n]*\n(?:\|[^\n=]*\n){1,3}\|={20,}\|[ \t]*\n"
    r"(?P<body>\+-{20,}\+|\|\s+No running processes found\s+\|)",
    re.MULTILINE,
)
SOURCE = "https://github.com/NVIDIA/nvidia-docker/issues/179"


_MEMORY_USAGE = re.compile(r"\|\s+(?P<used>\d{1,7})MiB / (?P<total>\d{3,7})MiB\s+\|")
HELD_SHARE = 0.25
"""Memory in use above this share of the board, with no process listed, is held by something:
an idle GPU with a display uses a few hundred MiB."""
HELD_MIB = 1024


def empty_process_table_in_a_container(
    facts: Facts, text: str, gpu_at_work: bool = False
) -> list[Finding]:
    """gpu_at_work: the paste shows TensorFlow's own GPU device; the memory may be its own."""
    empty = _EMPTY_TABLE.search(text)
    if empty is None:
        return []
    in_a_container = facts.knows("container") and facts.platform.container
    # (inside a container the process holding it may be this one, its pid hidden)
    held = None if in_a_container or gpu_at_work else _memory_held(text, empty.start())
    if held is not None:
        used, total, line = held
        return [
            Finding(
                "gpu-out-of-memory",
                Severity.WARNING,
                f"{used} of {total} MiB of the GPU's memory is in use while nvidia-smi lists no"
                " process: something it cannot show holds it (another container or user, or a"
                " process that did not exit)",
                (quoted(line), quoted(empty["body"])),
                "On the host, 'nvidia-smi --query-compute-apps=pid,used_memory --format=csv' and"
                " 'sudo fuser -v /dev/nvidia*' name the process: stop it (a stale Jupyter kernel"
                " or training run, another user's job). Until then TensorFlow gets only what is"
                " left, and runs out of memory or fails to start cuDNN.",
                SOURCE,
            )
        ]
    if not in_a_container:
        return []
    return [
        Finding(
            "benign-log-noise",
            Severity.INFO,
            "Harmless: nvidia-smi inside a container lists no process, whether or not one there"
            " uses the GPU (the driver reports the host's process ids, which the container does"
            " not have)",
            (quoted(empty.group(0).split("\n", 1)[0]), quoted(empty["body"])),
            "Nothing to do about the table. To see the work: the Memory-Usage and GPU-Util"
            " columns of the same nvidia-smi, nvidia-smi on the host (it lists the process), or"
            " the container started with --pid=host; in TensorFlow,"
            " tf.config.list_physical_devices('GPU').",
            SOURCE,
        )
    ]


def _memory_held(text: str, table_at: int) -> tuple[int, int, str] | None:
    """The first GPU row above the process table whose memory in use is well above idle."""
    for row in _MEMORY_USAGE.finditer(text, max(0, table_at - 20_000), table_at):
        used, total = int(row["used"]), int(row["total"])
        if used >= HELD_MIB and used >= HELD_SHARE * total:
            return used, total, row.group(0).strip(" |")
    return None
