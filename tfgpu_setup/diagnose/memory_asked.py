"""A GPU device made with a few MB because the user asked for that little.

TensorFlow makes its GPU device with the memory free at start, so a few MB usually means other
processes hold the rest; but a memory limit the user set (a logical device's memory_limit, TF
1.x's per_process_gpu_memory_fraction) or one GPU split into several virtual devices makes small
devices on purpose (review 50). Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .device_records import DEVICE_CREATED
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


_GUIDE_COUNT = re.compile(
    # TensorFlow's GPU guide prints len(gpus), "Physical GPUs,", len(logical_gpus), "Logical GPUs"
    r"\b(?P<physical>\d{1,3}) Physical GPUs?, (?P<logical>\d{1,3}) Logical GPUs?\b"
)


def virtual_devices_made(text: str) -> bool:
    """The program split a GPU into logical devices: two TensorFlow GPUs on one physical
    device (TensorFlow does that only for virtual devices the program configured), or the
    guide's count of more logical GPUs than physical ones."""
    if split_logical_devices(text):
        return True
    return any(int(c["logical"]) > int(c["physical"]) for c in _GUIDE_COUNT.finditer(text))


def split_logical_devices(text: str) -> frozenset[str]:
    """TensorFlow's GPU indices that share a physical GPU with another (the program's virtual
    devices)."""
    on: dict[str, set[str]] = {}
    for made in DEVICE_CREATED.finditer(text):
        on.setdefault(made["physical"], set()).add(made["index"])
    return frozenset(i for logical in on.values() if len(logical) > 1 for i in logical)


def memory_limit_set(text: str) -> bool:
    """The program's own memory limit, in its code as the paste shows it."""
    return _LIMIT_ASKED.search(text) is not None


def without_little_memory_asked_for(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less the small-device lines where the paste shows a memory limit set, in
    the code or by the logical devices TensorFlow made (review 94: GPU:1 on device 0)."""
    if not any(m.signature.name == LITTLE_MEMORY for m in matches):
        return matches
    if not (_LIMIT_ASKED.search(text) or virtual_devices_made(text)):
        return matches
    return tuple(m for m in matches if m.signature.name != LITTLE_MEMORY)


_LIMIT_GIVEN = re.compile(
    r"^(?![ \t>]{0,12}#)[^\n]{0,400}?(?<![\w])memory_limit\s*=\s*(?P<mb>\d{2,7})\b(?![ \t]*[*+/-])",
    re.M,
)


def memory_limit_of(text: str, device_mb: int | None) -> bool:
    """The program's own memory limit caps a device that got device_mb: a limit the code sets
    with that number (a limit on another GPU names another), or one set without a number the
    paste shows (a variable, per_process_gpu_memory_fraction)."""
    if not memory_limit_set(text):
        return False
    given = {int(m["mb"]) for m in _LIMIT_GIVEN.finditer(text)}
    if not given or device_mb is None:
        return True
    if any(abs(device_mb - mb) <= 1 for mb in given):
        return True
    # a number the paste shows for some device, and a limit set some other way beside it
    return _OTHER_LIMIT.search(text) is not None


_OTHER_LIMIT = re.compile(
    r"^(?![ \t>]{0,12}#)[^\n]{0,400}?(?:per_process_gpu_memory_fraction"
    # (a variable, or an expression: 'memory_limit=1024 * 4')
    r"|(?<![\w])memory_limit\s*=\s*(?!\d{2,7}\b(?![ \t]*[*+/-]))[\w(])",
    re.M,
)
