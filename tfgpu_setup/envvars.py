"""How to read the values of the environment variables that decide what TensorFlow finds.

Pure: used by the probe and by the planner's rules alike.

CUDA_VISIBLE_DEVICES semantics follow the CUDA Programming Guide, "CUDA Environment Variables"
(https://docs.nvidia.com/cuda/cuda-programming-guide/05-appendices/environment-variables.html):
unset shows every GPU, an empty value shows none, and the first invalid entry ends the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ListedKind = Literal["indices", "uuids", "mig"]
VisibleKind = Literal["unset", "empty", "invalid", "none", ListedKind]

NO_DEVICE_VALUES = frozenset({"NoDevFiles"})
"""Values that mean 'no GPU' on purpose (Slurm sets NoDevFiles when a job has no GPU)."""


def split_path_list(value: str | None, separator: str = ":") -> tuple[str, ...]:
    """The entries of a PATH-like value, empty entries kept ('a::b' -> ('a', '', 'b')).

    An unset or empty value has no entries: glibc ignores an empty LD_LIBRARY_PATH
    (elf/dl-load.c, _dl_init_paths), while an empty entry inside a list means the current
    directory, which is why it is kept visible here.
    """
    if not value:
        return ()
    return tuple(value.split(separator))


def has_empty_entry(value: str | None, separator: str = ":") -> bool:
    return "" in split_path_list(value, separator)


@dataclass(frozen=True)
class VisibleDevices:
    kind: VisibleKind
    """unset: all GPUs; empty, none, invalid: no GPU; indices, uuids, mig: the listed ones."""
    items: tuple[str, ...] = ()
    """The entries CUDA honours, in order."""
    ignored: tuple[str, ...] = ()
    """Entries from the first invalid one on, which CUDA drops."""
    mixed: bool = False
    """The honoured entries mix indices, GPU UUIDs and MIG UUIDs."""

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(int(item) for item in self.items if _is_index(item))


def slurm_gave_none(value: str | None) -> bool:
    """CUDA_VISIBLE_DEVICES as Slurm sets it for a job granted no GPU (quotes as printed)."""
    return (value or "").strip().strip("'\"") in NO_DEVICE_VALUES


def parse_cuda_visible_devices(value: str | None) -> VisibleDevices:
    if value is None:
        return VisibleDevices("unset")
    if not value.strip():
        return VisibleDevices("empty")
    if value.strip() in NO_DEVICE_VALUES:
        return VisibleDevices("none", ignored=(value.strip(),))
    entries = [entry.strip() for entry in value.split(",")]
    honoured: list[str] = []
    kinds: list[ListedKind] = []
    for position, entry in enumerate(entries):
        kind = entry_kind(entry)
        if kind is None:
            ignored = tuple(entries[position:])
            if not honoured:
                return VisibleDevices(
                    "none" if _is_negative_index(entry) else "invalid", ignored=ignored
                )
            return VisibleDevices(kinds[0], tuple(honoured), ignored, len(set(kinds)) > 1)
        honoured.append(entry)
        kinds.append(kind)
    return VisibleDevices(kinds[0], tuple(honoured), (), len(set(kinds)) > 1)


def entry_kind(entry: str) -> ListedKind | None:
    """What one entry of a GPU list is: an index, a GPU- UUID, a MIG- UUID, or invalid (None)."""
    if _is_index(entry):
        return "indices"
    if entry.startswith("GPU-") and len(entry) > len("GPU-"):
        return "uuids"
    if entry.startswith("MIG-") and len(entry) > len("MIG-"):
        return "mig"
    return None


MAX_INDEX_DIGITS = 9
"""No machine has a billion GPUs: a longer number is no index (and int() refuses 4,300 digits)."""


def _is_index(entry: str) -> bool:
    return entry.isascii() and entry.isdigit() and len(entry) <= MAX_INDEX_DIGITS


def _is_negative_index(entry: str) -> bool:
    return entry.startswith("-") and _is_index(entry[1:])
