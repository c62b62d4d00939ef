"""Which TensorFlow distributions in one environment are really separate installs.

'pip install tensorflow' (or tensorflow-cpu) on native Windows also installs tensorflow-intel,
on Linux Arm64 tensorflow-cpu-aws (both wheels' METADATA, 2.11 and later), and on Apple silicon
from 2.13 to 2.15 tensorflow-macos (tensorflow#61477), of the same version: the tensorflow wheel
there is an installer whose only
requirement is its partner's build (tensorflow/tools/pip_package/setup.py, "collaborator
build"). Such a pair is one install, not two distributions fighting over the same files.
"""

from __future__ import annotations

from collections.abc import Iterable

PARTNER_BUILDS = {
    "tensorflow": ("tensorflow-intel", "tensorflow-cpu-aws", "tensorflow-macos"),
    "tensorflow-cpu": ("tensorflow-intel", "tensorflow-cpu-aws"),
    "tf-nightly": ("tf-nightly-intel", "tf-nightly-cpu-aws"),
}
"""Installer distribution -> the partner builds it pulls in at its own version."""
SOURCE = (
    "https://github.com/tensorflow/tensorflow/blob/master/tensorflow/tools/pip_package/setup.py"
)


def separate_installs(installed: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, version) pairs without the installer wheels whose partner build of the same
    version is there too."""
    listed = [(name.lower().replace("_", "-"), version) for name, version in installed]
    return [
        (name, version)
        for name, version in listed
        if not any((partner, version) in listed for partner in PARTNER_BUILDS.get(name, ()))
    ]
