"""GPU product names as nvidia-smi prints them, matched against the matrix's name table.

nvidia-smi's spelling drifts across driver eras and form factors: 'GeForce GTX 1080' and
'NVIDIA GeForce GTX 1080', 'Tesla V100-SXM2-16GB', 'NVIDIA A100 80GB PCIe', 'NVIDIA GeForce RTX
3060 Laptop GPU', 'NVIDIA GeForce GTX 1650 Ti with Max-Q Design'. None of those parts changes
the chip, so a name is reduced to a key without them, and the table is indexed by that key once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tfgpu_setup.matrix.model import GpuMatrix, GpuName

_PUNCTUATION = re.compile(r"\(r\)|\(tm\)|[®™()\[\],]|[-_]")
_NOISE = re.compile(
    r"\b(?:\d+\s*gb|with max q design|max q|laptop gpu|laptop|mobile|notebook|pcie|sxm\d*"
    r"|hbm\d*e?|nvl\d*|oem|rebrand|rev\.? ?\d+|g?ddr\d\w*|\d+ ?bit)\b"
)
"""Memory sizes, buses, form factors and board revisions: none changes the compute capability."""
_PREFIXES = frozenset({"nvidia", "tesla", "quadro"})
"""Brand words older and newer drivers print or leave out ('Tesla T4' / 'NVIDIA T4')."""


def name_key(name: str) -> str:
    """'NVIDIA Tesla V100-SXM2-16GB' -> 'v100'; 'NVIDIA RTX A500 Laptop GPU' -> 'rtx a500'."""
    text = _PUNCTUATION.sub(" ", name.lower())
    words = _NOISE.sub(" ", text).split()
    start = 0
    while start < len(words) and words[start] in _PREFIXES:
        start += 1
    return " ".join(words[start:])


@dataclass(frozen=True)
class NameIndex:
    """key -> every table entry with that key (more than one compute capability: ambiguous)."""

    entries: dict[str, tuple[GpuName, ...]]

    def lookup(self, name: str) -> tuple[GpuName, ...]:
        return self.entries.get(name_key(name), ())


def build_index(gpus: GpuMatrix) -> NameIndex:
    arch_of = {cc: a.name for a in gpus.architectures for cc in a.ccs}
    entries: dict[str, dict[str, GpuName]] = {}
    for group in gpus.names:
        arch = arch_of.get(group.cc, "unknown")
        for product in group.names:
            by_cc = entries.setdefault(name_key(product), {})
            by_cc.setdefault(group.cc, GpuName(product, group.cc, arch, group.source))
    return NameIndex({key: tuple(by_cc.values()) for key, by_cc in entries.items()})
