"""Apple's tensorflow-metal plug-in: the GPU route of TensorFlow on Apple silicon.

macOS has no CUDA; there TensorFlow reaches the Apple GPU through a PluggableDevice plug-in,
each release of which goes with certain TensorFlow releases (the matrix's macos_arm64 notes)
and has wheels for certain Pythons only. Pure: data in, data out.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..matrix.model import TfRelease
from ..versions import xy

PLUG_IN_FILES = "https://pypi.org/simple/tensorflow-metal/"
METAL_PAIRS = "https://pypi.org/project/tensorflow-metal/"
"""Apple's table of which plug-in goes with which TensorFlow (its PyPI description)."""

_PLUG_IN_NAMED = re.compile(r"tensorflow-metal (?P<version>\d+\.\d+\.\d+) plug-in")

PLUG_IN_PYTHONS: dict[str, tuple[str, ...]] = {
    "0.3.0": ("3.8", "3.9"),
    "0.4.0": ("3.8", "3.9"),
    "0.5.0": ("3.8", "3.9", "3.10"),
    "0.6.0": ("3.8", "3.9", "3.10"),
    "0.7.0": ("3.8", "3.9", "3.10"),
    "0.8.0": ("3.8", "3.9", "3.10", "3.11"),
    "1.0.0": ("3.8", "3.9", "3.10", "3.11"),
    "1.1.0": ("3.9", "3.10", "3.11"),
    "1.2.0": ("3.9", "3.10", "3.11", "3.12"),
}
"""The Pythons each release of the plug-in has a macOS arm64 wheel for (the cpXY tags of its
files on PyPI, PLUG_IN_FILES): 1.1.0 has none for 3.12, 1.2.0 none for 3.13."""


def metal_plug_in(release: TfRelease) -> str | None:
    """The tensorflow-metal release the matrix names for this TensorFlow on Apple silicon."""
    support = release.platforms.get("macos_arm64")
    found = _PLUG_IN_NAMED.search(support.note or "") if support else None
    return found["version"] if found else None


def plug_in_blocker(plug_in: str, python: str | None) -> str | None:
    """Why the plug-in cannot be installed beside this Python, or None."""
    pythons = PLUG_IN_PYTHONS.get(plug_in)
    if python is None or pythons is None or xy(python) in pythons:
        return None
    return (
        f"tensorflow-metal {plug_in} has no wheel for Python {xy(python)} (it has"
        f" {'/'.join(pythons)})"
    )


LAST_INTEL_PLUG_IN = "1.0.0"
"""The last tensorflow-metal with macOS x86_64 wheels (PLUG_IN_FILES: 1.0.1 on are arm64
only), which Apple's table pairs with TensorFlow 2.13."""
_AMD_GPU = re.compile(r"\b(?:amd|radeon)\b", re.IGNORECASE)


def metal_route(release: TfRelease, facts: Facts, key: str) -> str | None:
    """The plug-in that gives this release a Mac's GPU here, or None: on Apple silicon the one
    Apple pairs with it; on an Intel Mac only 2.13's (1.0.0), and only beside an AMD GPU
    stated (Apple's plug-in runs on Apple silicon and AMD GPUs, not on Intel's or NVIDIA's)."""
    if key == "macos_arm64":
        return metal_plug_in(release)
    if key == "macos_x86_64" and metal_plug_in(release) == LAST_INTEL_PLUG_IN:
        amd = facts.knows("gpus") and any(_AMD_GPU.search(g) for g in facts.other_gpus)
        return LAST_INTEL_PLUG_IN if amd else None
    return None
