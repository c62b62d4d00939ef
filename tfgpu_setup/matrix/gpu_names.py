"""GPU product names as nvidia-smi prints them, matched against the matrix's name table.

nvidia-smi's spelling drifts across driver eras and form factors: 'GeForce GTX 1080' and
'NVIDIA GeForce GTX 1080', 'Tesla V100-SXM2-16GB', 'NVIDIA A100 80GB PCIe', 'NVIDIA GeForce RTX
3060 Laptop GPU', 'NVIDIA GeForce GTX 1650 Ti with Max-Q Design'. None of those parts changes
the chip, so a name is reduced to a key without them and compared by that key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from tfgpu_setup.matrix.model import GpuMatrix

_PUNCTUATION = re.compile(r"\(r\)|\(tm\)|[®™()\[\],]|[-_]")
_NOISE = re.compile(
    r"\b(?:\d+\s*gb|with max q design|max q|laptop gpu|laptop|mobile|notebook|pcie|sxm\d*"
    r"|hbm\d*e?|nvl\d*|oem|rebrand|rev\.? ?\d+|g?ddr\d\w*|\d+ ?bit)\b"
)
"""Memory sizes, buses, form factors and board revisions: none changes the compute capability."""
_BRANDS = frozenset({"nvidia", "geforce"})
"""Brand words drivers and people print, leave out or put anywhere ('NVIDIA T4' / 'T4',
'NVIDIA RTX GeForce 2060' / 'RTX 2060'); no chip name needs them."""
_PREFIXES = frozenset({"tesla", "quadro"})
"""Product lines older drivers print before the model and newer ones leave out ('Tesla T4' /
'NVIDIA T4'); only as a prefix, since they also name models ('Quadro RTX 8000')."""
_GLUED_PREFIX = re.compile(r"\b(tesla|quadro)(?=[a-z]?\d)")
"""'TeslaV100', 'QuadroP5000': a product line run into the model."""
_LETTERS_DIGITS = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
"""Where people run words together that nvidia-smi separates ('RTX2060', 'GTX 1080Ti')."""


def name_key(name: str) -> str:
    """'NVIDIA Tesla V100-SXM2-16GB' -> 'v 100'; 'NVIDIA RTX A500 Laptop GPU' -> 'rtx a 500';
    'GeForce GTX 1080 Ti' and 'gtx1080ti' -> 'gtx 1080 ti'."""
    text = _GLUED_PREFIX.sub(r"\1 ", _PUNCTUATION.sub(" ", name.lower()))
    words = [w for w in _LETTERS_DIGITS.sub(" ", _NOISE.sub(" ", text)).split() if w not in _BRANDS]
    start = 0
    while start < len(words) and words[start] in _PREFIXES:
        start += 1
    return " ".join(words[start:])


class GpuName(NamedTuple):
    """One resolved name: what a look-up returns (a tuple: cheaper to define than a dataclass,
    and never decoded from a file)."""

    name: str
    cc: str
    arch: str
    source: str


@dataclass(frozen=True)
class NameIndex:
    """The table's names, lowercased once, for look-ups by key.

    Only names that contain every word of the wanted key can have that key (the key is made of
    the name's own lowercased words), so a look-up normalises just those few candidates instead
    of all of the table: an index that costs nothing to build for a process that asks once.
    """

    entries: tuple[tuple[str, str, str, str], ...]
    """(lowercased name, name, cc, source)."""
    arch_of: dict[str, str]

    def lookup(self, name: str) -> tuple[GpuName, ...]:
        """Every entry whose key is the key of `name`, one per compute capability; failing
        that, whose key has the same words but for the series and their order, as people
        write them ('1050ti', '4080 RTX')."""
        key = name_key(name)
        words = key.split()
        if not words:
            return ()
        found = self._matching(words, lambda product: _cached_key(product) == key)
        loose = _loose(words)
        if found or not loose:
            return found
        return self._matching(loose, lambda product: _loose(_cached_key(product).split()) == loose)

    def lookup_cut(self, name: str) -> tuple[GpuName, ...]:
        """Every entry whose key starts with the key of a name nvidia-smi's table cut short
        ('GeForce RTX 207...'), one per compute capability."""
        key = name_key(name.rstrip(".… "))
        words = key.split()
        if len(words) < 2:
            return ()  # a brand or series alone names too many GPUs
        return self._matching(words[:-1], lambda product: _cached_key(product).startswith(key))

    def lookup_variants(self, name: str) -> tuple[GpuName, ...]:
        """Every entry whose key is the key of `name` with more words after it: the table lists
        some products only by their variants ('GeForce MX450 12W', '... 30.5W 8Gbps'), while
        nvidia-smi prints the product ('NVIDIA GeForce MX450'). One per compute capability;
        only for a name whose last word carries a model number."""
        key = name_key(name)
        words = key.split()
        if len(words) < 2 or not any(c.isdigit() for c in words[-1]):
            return ()
        return self._matching(words, lambda product: _cached_key(product).startswith(key + " "))

    def _matching(self, words: list[str], same: Callable[[str], bool]) -> tuple[GpuName, ...]:
        longest = max(words, key=len)
        found: dict[str, GpuName] = {}
        for lowered, product, cc, source in self.entries:
            if longest not in lowered or cc in found:
                continue
            if not all(word in lowered for word in words):
                continue
            if same(product):
                found[cc] = GpuName(product, cc, self.arch_of.get(cc, "unknown"), source)
        return tuple(found.values())


def build_index(gpus: GpuMatrix) -> NameIndex:
    arch_of = {cc: a.name for a in gpus.architectures for cc in a.ccs}
    entries = tuple(
        (product.lower(), product, group.cc, group.source)
        for group in gpus.names
        for product in group.names
    )
    return NameIndex(entries, arch_of)


SERIES = frozenset({"gtx", "rtx", "gt", "gts"})
"""GeForce series words people leave out or move ('1050ti' for 'GeForce GTX 1050 Ti')."""


def _loose(words: list[str]) -> list[str]:
    """A key's words without the series and in order; [] unless a model number is left."""
    kept = sorted(w for w in words if w not in SERIES)
    return kept if any(w.isdigit() and len(w) >= 3 for w in kept) else []


@functools.lru_cache(maxsize=4096)
def _cached_key(name: str) -> str:
    return name_key(name)
