"""pip refusing one release of a TensorFlow package while listing its neighbours.

pip's '(from versions: ...)' lists the releases with a file this Python and platform can
install. When that list holds releases of the requested series, or releases on both sides of
the requested one, the Python and the platform are served: the requested release alone has no
file for them on that index (an upload missing, as tensorflow-intel 2.10.1's cp39 wheel was for
a while: tensorflow#59967, or a version that does not exist). Creating the environment with
another Python, the usual reading of that refusal, would not help.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from .logs import LogMatch
from .pip_installs import REFUSALS, listed_versions
from .sources import quoted

SOURCE = "https://github.com/tensorflow/tensorflow/issues/59967"
_PINNED = re.compile(
    r"requirement (?P<package>(?:tensorflow|tf)[\w.-]{0,40})(?P<extras>\[[\w,-]{1,40}\])?[ \t]*=="
    r"[ \t]*(?P<requested>\d[\w.!+-]{0,30}?)[;\s(,]"
)
_FROM_TENSORFLOW = re.compile(r"\(from tensorflow(?:[<>=!~]=?[\w.]{1,20})?\)")
_OUTER_WHEEL = re.compile(
    r"\btensorflow-(?P<version>\d[\w.]{0,30}?)-cp\d{2,3}-[\w.-]{1,200}?\.whl\b"
)


def one_release_unserved(
    matches: Sequence[LogMatch],
    text: str,
    python: str | None = None,
    matrix: Matrix | None = None,
    windows: bool = False,
) -> tuple[list[Finding], str]:
    """The finding, and the refusal it reads; ([], '') where neither pip's list nor the
    'tensorflow' wheel it fetched for the same release shows this Python and platform served.
    python and matrix (where known): a release the matrix says has no wheel for that Python is
    the Python's refusal, not a missing upload; one the matrix never had was never published."""
    for match in matches:
        if match.signature.name not in REFUSALS:
            continue
        pinned, listed = _PINNED.search(match.line), listed_versions(match.line)
        if pinned is None or not listed:
            continue
        requested = _version(pinned["requested"])
        if requested is None:
            continue
        # (only releases of the same major line: tensorflow-intel's 0.0.1 placeholder heads
        # every Windows list, and says nothing of which Pythons 2.x serves)
        versions = [
            v for v in map(_version, listed) if v is not None and v.major == requested.major
        ]
        if requested in versions:
            continue
        outer = _FROM_TENSORFLOW.search(match.line) is not None
        if not (_served_around(requested, versions) or (outer and _outer_fetched(requested, text))):
            continue
        entry = _in_matrix(matrix, requested)
        if entry is not None and python is not None and python not in entry.python:
            continue  # this Python has no wheel of the release: its own reading says so
        package = pinned["package"].lower().replace("_", "-")
        # a platform package pip pulls in for 'tensorflow' (tensorflow-intel, -cpu-aws) is
        # pinned through it: the user's own requirement is tensorflow's
        around = _around(requested, versions)
        extras, windows_note = _extras_here(pinned["extras"] or "", windows)
        pin = ("tensorflow" if outer else package) + extras
        nearest = _nearest(requested, versions)
        never = matrix is not None and entry is None and not requested.is_prerelease
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                (
                    f"{package} {requested} was never published (pip lists {around} around it):"
                    " nothing was installed"
                    if never
                    else f"pip lists {package} releases this Python can install ({around}) but"
                    f" not {requested}: that one release has no file for this Python and"
                    " platform on the index pip asked, so nothing was installed"
                ),
                (quoted(match.line),),
                f"Pin the nearest release pip lists: 'pip install \"{pin}=={nearest}\"'"
                + ("" if never else f" (or wait for {requested}'s file for this Python)")
                + "; this Python and platform are served, so another Python is not needed."
                + windows_note,
                SOURCE,
            )
        ], quoted(match.line)[:120]
    return [], ""


AND_CUDA_ON_WINDOWS = (
    " The [and-cuda] extra installs no NVIDIA wheels on native Windows, where TensorFlow 2.11"
    " and newer have no GPU: use WSL 2 for the GPU (or TensorFlow 2.10 with Python 3.10 or"
    " older)."
)


def _extras_here(extras: str, windows: bool) -> tuple[str, str]:
    """The extras to keep in a pin, and a note where one does nothing here: [and-cuda]'s NVIDIA
    wheels are for Linux only (review 97)."""
    if windows and "and-cuda" in extras:
        kept = [e for e in extras.strip("[]").split(",") if e.strip() != "and-cuda"]
        return (f"[{','.join(kept)}]" if kept else ""), AND_CUDA_ON_WINDOWS
    return extras, ""


_NO_SUCH_VERSION = re.compile(
    # Poetry's solver, and uv's
    r"depends on (?P<package>tensorflow[\w-]{0,30}) \((?P<requested>\d[\w.]{0,30})\) which"
    r" doesn't match any versions"
    r"|there is no version of (?P<package2>tensorflow[\w-]{0,30})(?P<extras>\[[\w,-]{1,40}\])?"
    r"==(?P<requested2>\d[\w.]{0,30})"
)
NO_SUCH_VERSION = "resolver-no-such-version"


def no_such_version(
    matches: Sequence[LogMatch], matrix: Matrix, windows: bool = False
) -> list[Finding]:
    """Poetry's or uv's solver finding no such version of tensorflow: where the matrix never
    had that release it was never published, and the pin is its series' nearest release
    (review 97: 2.16.0, which PyPI skipped for 2.16.1)."""
    for match in matches:
        said = (
            _NO_SUCH_VERSION.search(match.line) if match.signature.name == NO_SUCH_VERSION else None
        )
        if said is None:
            continue
        package = (said["package"] or said["package2"]).lower()
        requested = _version(said["requested"] or said["requested2"])
        if package != "tensorflow" or requested is None or requested.is_prerelease:
            continue
        if _in_matrix(matrix, requested) is not None:
            continue
        finals = [v for r in matrix.tensorflow.releases if (v := _version(r.version))]
        nearest = _nearest(requested, [v for v in finals if not v.is_prerelease])
        extras, windows_note = _extras_here(said["extras"] or "", windows)
        poetry = said["package"] is not None
        command = (
            f'poetry add "tensorflow{extras}=={nearest}"'
            if poetry
            else f'uv pip install "tensorflow{extras}=={nearest}"'
        )
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"tensorflow {requested} was never published ({'Poetry' if poetry else 'uv'}"
                " finds no such version): nothing was installed",
                (quoted(match.line),),
                f"Pin the nearest release: '{command}'." + windows_note,
                "https://pypi.org/project/tensorflow/#history",
            )
        ]
    return []


def _in_matrix(matrix: Matrix | None, version: Version) -> TfRelease | None:
    if matrix is None:
        return None
    return next((r for r in matrix.tensorflow.releases if _version(r.version) == version), None)


def _nearest(requested: Version, versions: Sequence[Version]) -> Version:
    """A final release of the requested series (the newest below it, else the oldest above),
    else the newest final below it, else the oldest above."""
    finals = [v for v in versions if not v.is_prerelease] or list(versions)
    series = [v for v in finals if v.release[:2] == requested.release[:2]]
    for pool in (series, finals):
        below = [v for v in pool if v < requested]
        above = [v for v in pool if v > requested]
        if below or above:
            return max(below) if below else min(above)
    return versions[0]


def _version(text: str) -> Version | None:
    try:
        return Version(text.strip())
    except InvalidVersion:
        return None


def _outer_fetched(requested: Version, text: str) -> bool:
    """pip fetched the 'tensorflow' wheel of the same release for this Python: the package it
    pins for the platform (tensorflow-intel, tensorflow-cpu-aws) is what has no file."""
    return any(_version(m["version"]) == requested for m in _OUTER_WHEEL.finditer(text))


def _served_around(requested: Version, versions: Sequence[Version]) -> bool:
    """Releases of the requested series, or releases on both sides of it."""
    same_series = any(v.release[:2] == requested.release[:2] for v in versions)
    return same_series or (
        any(v < requested for v in versions) and any(v > requested for v in versions)
    )


def _around(requested: Version, versions: Sequence[Version]) -> str:
    """The listed releases nearest the requested one, one below and one above where there are."""
    finals = [v for v in versions if not v.is_prerelease] or list(versions)
    below = [v for v in finals if v < requested]
    above = [v for v in finals if v > requested]
    return ", ".join(str(v) for v in [*sorted(below)[-1:], *sorted(above)[:1]])
