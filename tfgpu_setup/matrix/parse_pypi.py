"""Read PyPI's JSON API documents: releases, Requires-Python, the and-cuda extra, wheels.

Two documents: https://pypi.org/pypi/tensorflow/json (every release and its files) and
https://pypi.org/pypi/tensorflow/<version>/json (one release's metadata: Requires-Dist is
only there for that version). Format: https://docs.pypi.org/api/json/ . PyPI calls the
`releases` key of the project document deprecated (pypi/warehouse#11777); if it goes, parsing
fails loudly here ("field 'releases' is missing") and the simple API (PEP 691) is the way on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from packaging.markers import default_environment
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.model import PlatformKey

AND_CUDA = "and-cuda"

# PEP 600 legacy aliases: manylinux1 = glibc 2.5 (PEP 513), manylinux2010 = 2.12 (PEP 571),
# manylinux2014 = 2.17 (PEP 599).
_LEGACY_MANYLINUX = {"manylinux1": "2.5", "manylinux2010": "2.12", "manylinux2014": "2.17"}

# The and-cuda extra is selected for a Linux x86_64 target: markers are evaluated there, not on
# whatever machine runs the refresh.
_LINUX_X86_64 = {
    "os_name": "posix",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "platform_machine": "x86_64",
}


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:T|$)")


class PypiParseError(UserError):
    """A PyPI JSON document is not what we expect; the message names the document and field."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}", ExitCode.MATRIX)
        self.origin = origin


@dataclass(frozen=True)
class Wheel:
    filename: str
    python: tuple[str, ...]
    """CPython X.Y versions from the cpXY tags."""
    platform_tag: str
    """The file name's platform part as written: manylinux_2_17_x86_64.manylinux2014_x86_64."""
    platforms: tuple[PlatformKey, ...]
    glibc_min: str | None
    """For manylinux wheels: the oldest glibc any of its tags accepts."""


@dataclass(frozen=True)
class ReleaseFiles:
    """One release as the project document lists it."""

    version: str
    requires_python: str | None
    wheels: tuple[Wheel, ...]
    published: str | None = None
    """The day (YYYY-MM-DD, UTC) its first file was uploaded: when it could first be installed."""

    @property
    def python(self) -> tuple[str, ...]:
        return sort_python(p for w in self.wheels for p in w.python)

    def wheels_for(self, platform: PlatformKey) -> tuple[Wheel, ...]:
        return tuple(w for w in self.wheels if platform in w.platforms)


@dataclass(frozen=True)
class ReleaseMetadata:
    """One release's own document: its metadata and its files."""

    version: str
    requires_python: str | None
    and_cuda_requires: tuple[str, ...]
    """Requires-Dist entries of the and-cuda extra, exactly as written."""
    files: ReleaseFiles


def parse_project(data: Any, origin: str) -> dict[str, ReleaseFiles]:
    """Final, not yanked releases that have files, newest first; keyed by normalized version."""
    releases = _field(data, "releases", dict, origin)
    result: list[ReleaseFiles] = []
    for version_text, files in releases.items():
        try:
            version = Version(version_text)
        except InvalidVersion:
            continue  # PyPI has kept a few legacy non-PEP 440 versions of some projects
        if version.is_prerelease:
            continue
        if not isinstance(files, list):
            raise PypiParseError(origin, f"releases[{version_text!r}] is not a list")
        live = [f for f in files if not _field(f, "yanked", bool, origin)]
        if not live:
            continue
        result.append(_release_files(str(version), live, origin))
    if not result:
        raise PypiParseError(origin, "no final, non-yanked release with files")
    result.sort(key=lambda r: Version(r.version), reverse=True)
    return {r.version: r for r in result}


def parse_release(data: Any, origin: str) -> ReleaseMetadata:
    info = _field(data, "info", dict, origin)
    version_text = _field(info, "version", str, origin)
    try:
        version = str(Version(version_text))
    except InvalidVersion:
        raise PypiParseError(origin, f"info.version {version_text!r} is not a version") from None
    requires_dist = info.get("requires_dist") or []
    if not isinstance(requires_dist, list) or not all(isinstance(r, str) for r in requires_dist):
        raise PypiParseError(origin, "info.requires_dist is not a list of strings")
    files = [f for f in _field(data, "urls", list, origin) if not _field(f, "yanked", bool, origin)]
    return ReleaseMetadata(
        version=version,
        requires_python=_requires_python(info.get("requires_python"), origin),
        and_cuda_requires=and_cuda_requirements(requires_dist, origin),
        files=_release_files(version, files, origin),
    )


def and_cuda_requirements(requires_dist: Iterable[str], origin: str) -> tuple[str, ...]:
    """The entries that only the and-cuda extra pulls in, as written in the metadata."""
    with_extra: dict[str, str] = {k: str(v) for k, v in default_environment().items()}
    with_extra.update(_LINUX_X86_64, extra=AND_CUDA)
    without_extra = {**with_extra, "extra": ""}
    selected = []
    for entry in requires_dist:
        try:
            requirement = Requirement(entry)
        except InvalidRequirement as exc:
            raise PypiParseError(origin, f"requires_dist entry {entry!r}: {exc}") from None
        marker = requirement.marker
        if marker is None:
            continue
        if marker.evaluate(with_extra) and not marker.evaluate(without_extra):
            selected.append(entry)
    return tuple(selected)


def parse_wheel(filename: str, origin: str) -> Wheel:
    try:
        _name, _version, _build, tags = parse_wheel_filename(filename)
    except (InvalidWheelFilename, InvalidVersion) as exc:
        raise PypiParseError(origin, f"wheel file name {filename!r}: {exc}") from None
    platform_tag = filename.removesuffix(".whl").rsplit("-", 1)[-1]
    platform_names = {t.platform for t in tags}
    platforms: set[PlatformKey] = set()
    glibcs: list[Version] = []
    for name in platform_names:
        platforms.update(_platforms(name))
        glibc = manylinux_glibc(name)
        if glibc is not None:
            glibcs.append(Version(glibc))
    python = sort_python(p for t in tags if (p := _cpython_version(t.interpreter)) is not None)
    return Wheel(
        filename=filename,
        python=python,
        platform_tag=platform_tag,
        platforms=tuple(sorted(platforms)),
        glibc_min=str(min(glibcs)) if glibcs else None,
    )


def manylinux_glibc(platform: str) -> str | None:
    """'manylinux_2_27_x86_64' -> '2.27'; 'manylinux2014_x86_64' -> '2.17'; others -> None."""
    if platform.startswith("manylinux_"):
        major, minor, _arch = platform.removeprefix("manylinux_").split("_", 2)
        if major.isdigit() and minor.isdigit():
            return f"{int(major)}.{int(minor)}"
        return None
    return _LEGACY_MANYLINUX.get(platform.split("_", 1)[0])


def sort_python(versions: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(versions), key=Version))


def _platforms(platform: str) -> set[PlatformKey]:
    if platform.startswith(("manylinux", "linux_")):
        if platform.endswith("_x86_64"):
            return {"linux_x86_64"}
        if platform.endswith("_aarch64"):
            return {"linux_aarch64"}
        return set()
    if platform == "win_amd64":
        return {"windows_x86_64"}
    if platform.startswith("macosx_"):
        if platform.endswith("_arm64"):
            return {"macos_arm64"}
        if platform.endswith("_universal2"):
            return {"macos_arm64", "macos_x86_64"}
        if platform.endswith(("_x86_64", "_intel")):
            return {"macos_x86_64"}
    return set()


def _cpython_version(interpreter: str) -> str | None:
    digits = interpreter.removeprefix("cp")
    if digits == interpreter or len(digits) < 2 or not digits.isdigit():
        return None
    return f"{digits[0]}.{digits[1:]}"


def _release_files(version: str, files: list[Any], origin: str) -> ReleaseFiles:
    wheels = []
    requires_python: set[str] = set()
    uploaded: list[str] = []
    for entry in files:
        filename = _field(entry, "filename", str, origin)
        when = entry.get("upload_time_iso_8601") or entry.get("upload_time")
        if isinstance(when, str) and _ISO_DAY.match(when):
            uploaded.append(when[:10])
        spec = _requires_python(entry.get("requires_python"), origin)
        if spec is not None:
            requires_python.add(spec)
        if _field(entry, "packagetype", str, origin) == "bdist_wheel":
            wheels.append(parse_wheel(filename, origin))
    # Every file of a release is uploaded from one build, so they agree; if not, none is right.
    return ReleaseFiles(
        version=version,
        requires_python=requires_python.pop() if len(requires_python) == 1 else None,
        wheels=tuple(wheels),
        published=min(uploaded, default=None),
    )


def _requires_python(value: Any, origin: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PypiParseError(origin, f"requires_python {value!r} is not a string")
    try:
        SpecifierSet(value)
    except InvalidSpecifier:
        raise PypiParseError(origin, f"requires_python {value!r} is not a specifier") from None
    return value


def _field(data: Any, name: str, kind: type, origin: str) -> Any:
    if not isinstance(data, Mapping):
        raise PypiParseError(
            origin, f"expected an object holding {name!r}, got {type(data).__name__}"
        )
    value = data.get(name)
    if not isinstance(value, kind):
        raise PypiParseError(origin, f"field {name!r} is missing or not a {kind.__name__}")
    return value
