"""nvidia-smi's process table, empty inside a container.

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


def empty_process_table_in_a_container(facts: Facts, text: str) -> list[Finding]:
    if not (facts.knows("container") and facts.platform.container):
        return []
    empty = _EMPTY_TABLE.search(text)
    if empty is None:
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
