"""A GPU device made with a few MB because the user asked for that little.

TensorFlow makes its GPU device with the memory free at start, so a few MB usually means other
processes hold the rest; but a memory limit the user set (a logical device's memory_limit, TF
1.x's per_process_gpu_memory_fraction) or one GPU split into several virtual devices makes small
devices on purpose (review 50). Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch

LITTLE_MEMORY = "gpu-device-with-little-memory"
_LIMIT_ASKED = re.compile(
    # TensorFlow's own settings, on a line that is not a comment (dask-cuda's
    # device_memory_limit is another program's pool, which holds the memory)
    r"^(?![ \t>]{0,12}#)[^\n]{0,400}?(?:(?<![\w])memory_limit\s*="
    r"|per_process_gpu_memory_fraction|(?:Virtual|Logical)DeviceConfiguration"
    r"|set_(?:virtual|logical)_device_configuration)",
    re.MULTILINE,
)


_VIRTUAL_DEVICE = re.compile(
    # a second logical GPU made on physical device 0: TensorFlow does that only for virtual
    # devices the program configured
    r"/device:GPU:[1-9]\d{0,2} with \d{1,7} MB memory:\s{1,4}->\s{1,4}device: 0,"
)


def without_little_memory_asked_for(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less the small-device lines where the paste shows a memory limit set, in
    the code or by the logical devices TensorFlow made (review 94: GPU:1 on device 0)."""
    if not any(m.signature.name == LITTLE_MEMORY for m in matches):
        return matches
    if not (_LIMIT_ASKED.search(text) or _VIRTUAL_DEVICE.search(text)):
        return matches
    return tuple(m for m in matches if m.signature.name != LITTLE_MEMORY)
