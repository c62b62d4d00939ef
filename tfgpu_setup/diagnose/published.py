"""Which TensorFlow wheels the matrix says were published: by release, platform and Python.
Pure: data in, data out."""

from __future__ import annotations

from collections.abc import Sequence

from ..facts import Facts
from ..matrix.model import TfRelease
from ..versions import parsed, xy


def the_python(facts: Facts) -> str | None:
    """The one Python (X.Y) known for the machine; None where none is known, or several."""
    if not facts.knows("pythons"):
        return None
    pythons = {xy(p.version) for p in facts.pythons}
    return pythons.pop() if len(pythons) == 1 else None


def tensorflow_wheel(release: TfRelease, key: str) -> bool:
    """Whether the release has a wheel for the platform under the name 'tensorflow'."""
    return has_wheel(release, key) and package_on(release, key) == "tensorflow"


def has_wheel(release: TfRelease, key: str) -> bool:
    """Whether the release has a wheel for the platform, under any name."""
    support = release.platforms.get(key)
    return support is not None and support.available


def package_on(release: TfRelease, key: str) -> str:
    """The name the release is published under for the platform (tensorflow-macos, ...)."""
    support = release.platforms.get(key)
    return (support.package if support is not None else None) or "tensorflow"


def release_span(releases: Sequence[TfRelease]) -> str:
    """The series the releases span: '2.4', or '2.0 to 2.4'."""
    versions = sorted((xy(r.version) for r in releases), key=parsed)
    return versions[0] if versions[0] == versions[-1] else f"{versions[0]} to {versions[-1]}"
