"""Dependencies an older TensorFlow release leaves open that stop it from importing.

A release's requirements name only a lower bound for some packages (its wheel's METADATA on
PyPI), so pip installs their newest version, which that release predates: TensorFlow 2.7 to
2.11 accept any NumPy >= 1.20 (NumPy 1.24 removed np.object, which they use, and NumPy 2 breaks
extensions built against 1.x), and TensorFlow before 2.10 any protobuf (4.21 refuses code made
by the older protoc they ship). The plan pins the newest version each release imports with.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from ..plan import Decision, Package


@dataclass(frozen=True)
class HeldBack:
    name: str
    version: str
    releases: SpecifierSet
    """The TensorFlow releases whose requirements leave the breaking versions open."""
    pythons: SpecifierSet
    """The Pythons pip finds a breaking version for (older ones have none)."""
    why: str
    source: str


HELD_BACK = (
    HeldBack(
        "numpy",
        "1.23.5",
        SpecifierSet(">=2.7,<2.12"),
        SpecifierSet(">=3.8"),
        "asks only for NumPy >= 1.20 but does not import with NumPy 1.24 or later (np.object"
        " was removed; 2.12 is the first release to cap it) nor with NumPy 2 (it was built"
        " against 1.x): 1.23.5 is the last before 1.24",
        "https://github.com/tensorflow/tensorflow/issues/62832",
    ),
    HeldBack(
        "protobuf",
        "3.19.6",
        SpecifierSet("<2.10"),
        SpecifierSet(">=3.7"),
        "leaves protobuf 4 open, which refuses the code its protoc generated ('Descriptors"
        " cannot be created directly'): 3.19.6 is the newest that every release before 2.10"
        " accepts",
        "https://github.com/tensorflow/tensorflow/issues/56266",
    ),
)


def held_back(release: str, python: str | None) -> tuple[HeldBack, ...]:
    """What to pin beside TensorFlow `release` for Python X.Y `python`."""
    if python is None:
        return ()
    tf, py = Version(release), Version(python)
    return tuple(
        h for h in HELD_BACK if h.releases.contains(tf, prereleases=True) and h.pythons.contains(py)
    )


def held_back_packages(release: str, python: str | None) -> tuple[Package, ...]:
    return tuple(
        Package(h.name, h.version, f"TensorFlow {release} {h.why}")
        for h in held_back(release, python)
    )


def held_back_decisions(release: str, python: str | None) -> tuple[Decision, ...]:
    return tuple(
        Decision(h.name, "pinned", f"TensorFlow {release} {h.why}", h.source)
        for h in held_back(release, python)
    )
