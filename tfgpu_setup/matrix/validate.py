"""Semantic checks of decoded matrix files: one clear line naming the file, the entry, the field.

serde checks the shape (types, missing and unknown fields); these check the meaning: versions
parse, requirements parse and pins are exact, kernel names are well formed, every value has a
source, nothing is listed twice, and every CUDA version a release names has a driver minimum.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Iterable
from datetime import date, timedelta

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.model import (
    Architecture,
    CudaWheelSet,
    Defect,
    DriverMatrix,
    GpuMatrix,
    GpuNames,
    GpuPattern,
    LegacyBuild,
    MinorCompat,
    NewerOffered,
    PlatformKey,
    TensorflowMatrix,
    TfRelease,
    ToolkitDriver,
    is_day,
)
from tfgpu_setup.serde import shown
from tfgpu_setup.versions import xy_tuple

MAX_VERSION_TEXT = 64
PLATFORM_KEYS = frozenset(typing.get_args(PlatformKey))
CC_EVIDENCE = frozenset({"wheel scan", "sibling wheel scan", "docs"})
NO_MVC_BEFORE = 11
"""CUDA majors below this have no minor-version compatibility: each X.Y needs its own driver."""

_UNSOURCED = frozenset({"version", "sources", "notes", "cc_evidence"})
"""TfRelease fields that need no entry in `sources` (identity, the sources, free text)."""


def problem(origin: str, entry: str | None, field: str | None, message: str) -> UserError:
    """'ORIGIN: ENTRY: field 'FIELD': MESSAGE' as a UserError with the matrix exit code."""
    parts = [origin]
    if entry:
        parts.append(entry)
    if field:
        parts.append(f"field '{field}'")
    parts.append(_shortened(" ".join(message.splitlines())))
    return UserError(": ".join(parts), ExitCode.MATRIX)


MAX_MESSAGE_CHARS = 600


def _shortened(text: str) -> str:
    """A 5,000-digit value quoted in full would bury the message; its start names it."""
    if len(text) <= MAX_MESSAGE_CHARS:
        return text
    return text[: MAX_MESSAGE_CHARS - 20] + f"... ({len(text)} characters)"


def is_xy(value: str) -> bool:
    """'12.5' yes; '12', '12.5.1', '12.x', '12.05' no."""
    return _is_release(value, 2)


def is_xyz(value: str) -> bool:
    return _is_release(value, 3)


MAX_DRIVER_PART_DIGITS = 4
"""NVIDIA's numbers have at most 3-4 digits per component ('1050' leaves room)."""


@functools.lru_cache(maxsize=1024)
def is_driver_version(value: str) -> bool:
    """NVIDIA driver numbering: '580', '570.26', '450.80.02' (components compare as integers).

    '0' and '000.1' are not drivers; nor is a 5,000-digit number."""
    parts = value.split(".")
    return (
        1 <= len(parts) <= 3
        and all(p.isascii() and p.isdigit() and len(p) <= MAX_DRIVER_PART_DIGITS for p in parts)
        and int(parts[0]) > 0
    )


@functools.lru_cache(maxsize=1024)
def kernel_arch(name: str, prefix: str) -> int | None:
    """'sm_89' with prefix 'sm_' -> 89; None if the name is not PREFIX followed by 2-3 digits."""
    digits = name.removeprefix(prefix)
    if digits == name or not (2 <= len(digits) <= 3) or not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits)


def check_tensorflow(matrix: TensorflowMatrix, origin: str, today: date | None = None) -> None:
    """`today`, when given, refuses a refresh date after it (a clock or a hand edit gone wrong)."""
    _check_date(matrix.refreshed, origin, today)
    if not matrix.releases:
        raise problem(origin, None, "releases", "no release listed")
    seen: dict[Version, str] = {}
    versions: list[tuple[TfRelease, Version]] = []
    for release in matrix.releases:
        entry = f"release {release.version}"
        try:
            version = _parse_version(release.version)
        except (InvalidVersion, ValueError):
            raise problem(origin, entry, "version", "is not a PEP 440 version") from None
        if version in seen:
            raise problem(origin, entry, "version", f"listed twice (also as {seen[version]})")
        seen[version] = release.version
        versions.append((release, version))
        _check_release(release, origin, entry)
    ids: set[str] = set()
    for defect in matrix.defects:
        if defect.id in ids:
            raise problem(origin, f"defect {defect.id}", "id", "listed twice")
        ids.add(defect.id)
        _check_defect(defect, origin)
    for legacy in matrix.legacy_builds:
        _check_legacy_build(legacy, versions, origin)
    for offered in matrix.newer_offered:
        _check_newer_offered(offered, origin)
    sets: set[str] = set()
    for wheel_set in matrix.cuda_wheel_sets:
        if wheel_set.id in sets:
            raise problem(origin, f"cuda_wheel_set {wheel_set.id}", "id", "listed twice")
        sets.add(wheel_set.id)
        _check_wheel_set(wheel_set, versions, origin)


def check_drivers(matrix: DriverMatrix, origin: str, today: date | None = None) -> None:
    _check_date(matrix.refreshed, origin, today)
    if not matrix.toolkits:
        raise problem(origin, None, "toolkits", "no toolkit listed")
    toolkits: set[Version] = set()
    for toolkit in matrix.toolkits:
        entry = f"toolkit {toolkit.cuda}"
        if not is_xyz(toolkit.cuda):
            raise problem(origin, entry, "cuda", f"{shown(toolkit.cuda)} is not a version X.Y.Z")
        if Version(toolkit.cuda) in toolkits:
            raise problem(origin, entry, "cuda", "listed twice")
        toolkits.add(Version(toolkit.cuda))
        _check_driver_fields(toolkit, origin, entry)
    majors: set[str] = set()
    for compat in matrix.minor_compat:
        entry = f"minor_compat {compat.major}"
        if not (compat.major.isascii() and compat.major.isdigit()):
            raise problem(
                origin, entry, "major", f"{shown(compat.major)} is not a CUDA major version"
            )
        if compat.major in majors:
            raise problem(origin, entry, "major", "listed twice")
        majors.add(compat.major)
        if int(compat.major) < NO_MVC_BEFORE:
            raise problem(
                origin, entry, "major", f"CUDA {compat.major}.x has no minor-version compatibility"
            )
        _check_driver_fields(compat, origin, entry)


def check_gpus(matrix: GpuMatrix, origin: str, today: date | None = None) -> None:
    _check_date(matrix.refreshed, origin, today)
    ccs: dict[Version, str] = {}
    for arch in matrix.architectures:
        _check_architecture(arch, origin, ccs)
    for pattern in matrix.patterns:
        _check_pattern(pattern, origin, matrix.architectures)
    for group in matrix.names:
        _check_names(group, origin, ccs)


def check_cross(
    tensorflow: TensorflowMatrix, drivers: DriverMatrix, origin: str, drivers_origin: str
) -> None:
    """Every CUDA version a release names must have a driver minimum in the driver table."""
    minors = {xy_tuple(t.cuda) for t in drivers.toolkits}
    toolkits = {Version(t.cuda) for t in drivers.toolkits}
    majors = {c.major for c in drivers.minor_compat}
    for release in tensorflow.releases:
        entry = f"release {release.version}"
        if release.cuda is not None:
            cuda = Version(release.cuda)
            if (cuda.major, cuda.minor) not in minors:
                raise problem(
                    origin,
                    entry,
                    "cuda",
                    f"CUDA {release.cuda} has no driver minimum in {drivers_origin}",
                )
            if cuda.major >= NO_MVC_BEFORE and str(cuda.major) not in majors:
                raise problem(
                    origin,
                    entry,
                    "cuda",
                    f"CUDA {cuda.major}.x has no minor-version"
                    f" compatibility floor in {drivers_origin}",
                )
        if release.cuda_build is not None and Version(release.cuda_build) not in toolkits:
            raise problem(
                origin,
                entry,
                "cuda_build",
                f"CUDA {release.cuda_build} has no driver minimum in {drivers_origin}",
            )
    for wheel_set in tensorflow.cuda_wheel_sets:
        if xy_tuple(wheel_set.cuda) not in minors:
            raise problem(
                origin,
                f"cuda_wheel_set {wheel_set.id}",
                "cuda",
                f"CUDA {wheel_set.cuda} has no driver minimum in {drivers_origin}",
            )


def _check_release(release: TfRelease, origin: str, entry: str) -> None:
    if not release.python:
        raise problem(origin, entry, "python", "no Python version listed")
    for python in release.python:
        if not is_xy(python):
            raise problem(origin, entry, "python", f"{shown(python)} is not a Python version X.Y")
    if release.requires_python is not None:
        _specifier(release.requires_python, origin, entry, "requires_python")
    if (release.cuda is None) != (release.cudnn is None):
        raise problem(origin, entry, "cudnn", "CUDA and cuDNN must both be given or both be null")
    if release.cuda is None and not release.notes:
        raise problem(origin, entry, "cuda", "null without a note saying why")
    for field in ("cuda", "cudnn"):
        value = getattr(release, field)
        if value is not None and not is_xy(value):
            raise problem(origin, entry, field, f"{shown(value)} is not a version X.Y")
    if release.cuda_build is not None:
        if not is_xyz(release.cuda_build):
            raise problem(
                origin, entry, "cuda_build", f"{shown(release.cuda_build)} is not a version X.Y.Z"
            )
        if release.cuda is None or xy_tuple(release.cuda_build) != xy_tuple(release.cuda):
            raise problem(
                origin,
                entry,
                "cuda_build",
                f"{release.cuda_build} is not a release of CUDA {release.cuda}",
            )
    if release.published is not None and not is_day(release.published):
        raise problem(
            origin, entry, "published", f"{shown(release.published)} is not a date YYYY-MM-DD"
        )
    _check_kernels(release, origin, entry)
    for key, support in release.platforms.items():
        if key not in PLATFORM_KEYS:
            known = ", ".join(sorted(PLATFORM_KEYS))
            raise problem(origin, entry, "platforms", f"unknown platform {shown(key)} ({known})")
        if support.glibc_min is not None and not is_xy(support.glibc_min):
            raise problem(
                origin,
                entry,
                f"platforms.{key}.glibc_min",
                f"{shown(support.glibc_min)} is not a glibc version X.Y",
            )
        if support.package is not None:
            _project_name(support.package, origin, entry, f"platforms.{key}.package")
    _project_name(release.package, origin, entry, "package")
    for text in release.and_cuda_requires:
        _requirement(text, origin, entry, "and_cuda_requires")
    for text in release.nvidia_pins:
        _exact_pin(text, origin, entry)
    _check_sources(release, origin, entry)


def _check_kernels(release: TfRelease, origin: str, entry: str) -> None:
    for field, prefix, example in (("sass", "sm_", "sm_80"), ("ptx", "compute_", "compute_90")):
        for name in getattr(release, field):
            if kernel_arch(name, prefix) is None:
                raise problem(origin, entry, field, f"{shown(name)} is not like {shown(example)}")
    if release.cc_evidence is not None and release.cc_evidence not in CC_EVIDENCE:
        allowed = ", ".join(repr(e) for e in sorted(CC_EVIDENCE))
        raise problem(
            origin, entry, "cc_evidence", f"{shown(release.cc_evidence)} is not one of {allowed}"
        )
    if (release.sass or release.ptx) and release.cc_evidence is None:
        raise problem(
            origin, entry, "cc_evidence", "sass/ptx are listed but not how they are known"
        )


def _check_sources(release: TfRelease, origin: str, entry: str) -> None:
    names = {f.name for f in dataclasses.fields(TfRelease)}
    covered: set[str] = set()
    for key, value in release.sources.items():
        field = key.split(".", 1)[0]
        if key != "*" and field not in names:
            raise problem(origin, entry, f"sources.{key}", "names no field of a release")
        if not value.strip():
            raise problem(origin, entry, f"sources.{key}", "is empty")
        covered.add(field)
    if "*" in covered:
        return
    for f in dataclasses.fields(TfRelease):
        value = getattr(release, f.name)
        if f.name in _UNSOURCED or value is None or value == () or value == {}:
            continue
        if f.default is not dataclasses.MISSING and value == f.default:
            continue
        if f.name not in covered:
            raise problem(origin, entry, f.name, "has no source (add it to the entry's sources)")


def _check_wheel_set(
    wheel_set: CudaWheelSet, releases: Iterable[tuple[TfRelease, Version]], origin: str
) -> None:
    entry = f"cuda_wheel_set {wheel_set.id}"
    spec = _specifier(wheel_set.tensorflow, origin, entry, "tensorflow")
    for field in ("cuda", "cudnn"):
        if not is_xy(getattr(wheel_set, field)):
            raise problem(origin, entry, field, f"{getattr(wheel_set, field)!r} is not X.Y")
    if not wheel_set.pins:
        raise problem(origin, entry, "pins", "no wheel listed")
    for text in wheel_set.pins:
        _exact_pin(text, origin, entry)
    if wheel_set.min_cc is not None and not is_xy(wheel_set.min_cc):
        raise problem(origin, entry, "min_cc", f"{wheel_set.min_cc!r} is not X.Y")
    if wheel_set.glibc_min is not None:
        if not is_xy(wheel_set.glibc_min):
            raise problem(origin, entry, "glibc_min", f"{wheel_set.glibc_min!r} is not X.Y")
        if not wheel_set.sources.get("glibc_min", "").strip():
            raise problem(origin, entry, "sources.glibc_min", "is missing or empty")
    if not wheel_set.sonames and wheel_set.min_cc is None:
        raise problem(origin, entry, "sonames", "no library listed")
    for field in ("sonames", "optional_sonames"):
        for soname, path in getattr(wheel_set, field).items():
            if not path.startswith("nvidia/") or path.rsplit("/", 1)[-1] != soname:
                raise problem(
                    origin, entry, f"{field}.{soname}", f"{path!r} is not nvidia/.../{soname}"
                )
    for field in ("sonames", "pins", "cudnn") if wheel_set.sonames else ("pins", "cudnn"):
        if not wheel_set.sources.get(field, "").strip():
            raise problem(origin, entry, f"sources.{field}", "is missing or empty")
    cuda_major = Version(wheel_set.cuda).major
    for release, version in releases:
        if not spec.contains(version, prereleases=True):
            continue
        if wheel_set.min_cc is not None:
            # Its own test: the release's [and-cuda] ranges, whatever CUDA it was built with.
            _check_within_extra(wheel_set, release, origin, entry)
            continue
        if release.nvidia_pins:
            raise problem(
                origin, entry, "tensorflow", f"{release.version} pins its own NVIDIA wheels"
            )
        if release.cuda is None or Version(release.cuda).major != cuda_major:
            raise problem(
                origin,
                entry,
                "tensorflow",
                f"{release.version} is built with CUDA {release.cuda}, not {cuda_major}.x",
            )


def _check_within_extra(
    wheel_set: CudaWheelSet, release: TfRelease, origin: str, entry: str
) -> None:
    """A set for newer GPUs replaces a release's [and-cuda] pins: each of its pins must be one
    the extra's version ranges admit, or pip would refuse the combination."""
    ranges: dict[str, SpecifierSet] = {}
    for text in release.and_cuda_requires:
        requirement = Requirement(text)
        ranges[canonicalize_name(requirement.name)] = requirement.specifier
    if not ranges:
        raise problem(origin, entry, "tensorflow", f"{release.version} has no [and-cuda] extra")
    for text in wheel_set.pins:
        name, _, version = text.partition("==")
        allowed = ranges.get(canonicalize_name(name.strip()))
        if allowed is None or not allowed.contains(version.strip(), prereleases=True):
            raise problem(
                origin,
                entry,
                "pins",
                f"{text} is outside TensorFlow {release.version}'s [and-cuda] range"
                f" ({allowed or 'not in the extra'})",
            )


def _check_names(group: GpuNames, origin: str, ccs: dict[Version, str]) -> None:
    entry = f"names {group.cc}"
    if not is_xy(group.cc) or Version(group.cc) not in ccs:
        raise problem(origin, entry, "cc", f"{group.cc!r} is no architecture's compute capability")
    if not group.names or "" in map(str.strip, group.names):
        raise problem(origin, entry, "names", "empty, or an empty name")
    if len(set(group.names)) != len(group.names):
        raise problem(origin, entry, "names", "a name is listed twice")
    if not group.source.strip():
        raise problem(origin, entry, "source", "is empty")


def _check_legacy_build(
    legacy: LegacyBuild, versions: list[tuple[TfRelease, Version]], origin: str
) -> None:
    entry = f"legacy_build {legacy.tensorflow}"
    spec = _specifier(legacy.tensorflow, origin, entry, "tensorflow")
    for field in ("cuda", "cudnn"):
        if not re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", getattr(legacy, field)):
            raise problem(origin, entry, field, f"{shown(getattr(legacy, field))} is not X.Y")
    if not legacy.source.strip():
        raise problem(origin, entry, "source", "is empty")
    if legacy.cudnn_source is not None and not legacy.cudnn_source.strip():
        raise problem(origin, entry, "cudnn_source", "is empty")
    for python in legacy.python:
        if not re.fullmatch(r"\d\.\d{1,2}", python):
            raise problem(origin, entry, "python", f"{shown(python)} is not X.Y")
    if legacy.min_cc is not None:
        if not re.fullmatch(r"\d{1,2}\.\d", legacy.min_cc):
            raise problem(origin, entry, "min_cc", f"{shown(legacy.min_cc)} is not X.Y")
        if not (legacy.min_cc_source or "").strip():
            raise problem(origin, entry, "min_cc_source", "is missing: min_cc needs its source")
    inside = [r.version for r, version in versions if version in spec]
    if inside:
        raise problem(origin, entry, "tensorflow", f"covers releases the matrix lists: {inside[0]}")


def _check_newer_offered(offered: NewerOffered, origin: str) -> None:
    entry = f"newer_offered {offered.library} {offered.tensorflow}"
    if offered.library not in ("cuda", "cudnn"):
        raise problem(origin, entry, "library", f"{shown(offered.library)} is not cuda or cudnn")
    _specifier(offered.tensorflow, origin, entry, "tensorflow")
    for field in ("offered", "source"):
        if not getattr(offered, field).strip():
            raise problem(origin, entry, field, "is empty")


def _check_defect(defect: Defect, origin: str) -> None:
    entry = f"defect {defect.id}"
    if not defect.id.strip():
        raise problem(origin, "defect", "id", "is empty")
    _specifier(defect.affects, origin, entry, "affects")
    if defect.python is not None:
        _specifier(defect.python, origin, entry, "python")
    for field in ("title", "workaround", "source"):
        if not getattr(defect, field).strip():
            raise problem(origin, entry, field, "is empty")
    if defect.kind == "no-kernels-for-arch":
        if defect.min_cc is None or not is_xy(defect.min_cc):
            raise problem(
                origin, entry, "min_cc", f"{shown(defect.min_cc)} is not a compute capability X.Y"
            )
    elif defect.min_cc is not None:
        raise problem(origin, entry, "min_cc", "only a no-kernels-for-arch defect has one")


def _check_driver_fields(row: ToolkitDriver | MinorCompat, origin: str, entry: str) -> None:
    if not is_driver_version(row.linux_min):
        raise problem(origin, entry, "linux_min", f"{shown(row.linux_min)} is not a driver version")
    if row.windows_min is not None and not is_driver_version(row.windows_min):
        raise problem(
            origin, entry, "windows_min", f"{shown(row.windows_min)} is not a driver version"
        )
    if not row.source.strip():
        raise problem(origin, entry, "source", "is empty")


def _check_architecture(arch: Architecture, origin: str, ccs: dict[Version, str]) -> None:
    entry = f"architecture {arch.name}"
    if not arch.ccs:
        raise problem(origin, entry, "ccs", "no compute capability listed")
    for cc in arch.ccs:
        if not is_xy(cc):
            raise problem(origin, entry, "ccs", f"{shown(cc)} is not a compute capability X.Y")
        if Version(cc) in ccs:
            raise problem(origin, entry, "ccs", f"{cc} is also listed under {ccs[Version(cc)]}")
        ccs[Version(cc)] = arch.name
    for field in ("first_cuda", "last_cuda"):
        value = getattr(arch, field)
        if value is not None and not is_xy(value):
            raise problem(origin, entry, field, f"{shown(value)} is not a CUDA version X.Y")
    if arch.first_cuda and arch.last_cuda and Version(arch.first_cuda) > Version(arch.last_cuda):
        raise problem(origin, entry, "last_cuda", f"{arch.last_cuda} is before {arch.first_cuda}")
    if not arch.source.strip():
        raise problem(origin, entry, "source", "is empty")
    if arch.last_driver_branch is not None:
        if not (isinstance(arch.last_driver_branch, int) and arch.last_driver_branch > 0):
            raise problem(
                origin,
                entry,
                "last_driver_branch",
                f"{shown(arch.last_driver_branch)} is no branch",
            )
        if not (arch.driver_source or "").strip():
            raise problem(origin, entry, "driver_source", "is needed with last_driver_branch")


def _check_pattern(pattern: GpuPattern, origin: str, architectures: Iterable[Architecture]) -> None:
    entry = f"pattern {shown(pattern.pattern)}"
    try:
        re.compile(pattern.pattern)
    except re.error as exc:
        raise problem(origin, entry, "pattern", f"not a regular expression ({exc})") from None
    if not is_xy(pattern.cc):
        raise problem(origin, entry, "cc", f"{shown(pattern.cc)} is not a compute capability X.Y")
    if not any(a.name == pattern.arch and pattern.cc in a.ccs for a in architectures):
        raise problem(
            origin,
            entry,
            "arch",
            f"no architecture {pattern.arch} with compute capability {pattern.cc}",
        )
    if not pattern.source.strip():
        raise problem(origin, entry, "source", "is empty")


def _check_date(value: str, origin: str, today: date | None) -> None:
    try:
        when = date.fromisoformat(value)
    except ValueError:
        raise problem(
            origin, None, "refreshed", f"{shown(value)} is not a date YYYY-MM-DD"
        ) from None
    # A day of slack: a refresh written just after midnight in a timezone east of the reader's.
    if today is not None and when > today + timedelta(days=1):
        raise problem(origin, None, "refreshed", f"{value} is in the future (today is {today})")


def _specifier(text: str, origin: str, entry: str, field: str) -> SpecifierSet:
    try:
        if len(text) > MAX_VERSION_TEXT * 4:
            raise InvalidSpecifier(text)
        return _parse_specifier(text)
    except (InvalidSpecifier, ValueError):
        raise problem(origin, entry, field, f"{shown(text)} is not a version specifier") from None


@functools.lru_cache(maxsize=256)
def _parse_specifier(text: str) -> SpecifierSet:
    return SpecifierSet(text)


def _requirement(text: str, origin: str, entry: str, field: str) -> Requirement:
    try:
        if len(text) > MAX_VERSION_TEXT * 4:
            raise InvalidRequirement(f"longer than {MAX_VERSION_TEXT * 4} characters")
        return _parse_requirement(text)
    except (InvalidRequirement, ValueError) as exc:
        reason = str(exc).splitlines()[0]  # packaging adds lines pointing at the column
        raise problem(
            origin, entry, field, f"{shown(text)} is not a requirement ({reason})"
        ) from None


@functools.lru_cache(maxsize=1024)
def _parse_requirement(text: str) -> Requirement:
    return Requirement(text)  # the same pins recur across releases: parse each text once


def _exact_pin(text: str, origin: str, entry: str) -> None:
    requirement = _requirement(text, origin, entry, "nvidia_pins")
    specs = list(requirement.specifier)
    if (
        len(specs) != 1
        or specs[0].operator != "=="
        or specs[0].version.endswith(".*")
        or requirement.marker is not None
        or requirement.extras
    ):
        raise problem(
            origin, entry, "nvidia_pins", f"{shown(text)} is not an exact pin NAME==VERSION"
        )


def _project_name(text: str, origin: str, entry: str, field: str) -> None:
    requirement = _requirement(text, origin, entry, field)
    if requirement.specifier or requirement.marker or requirement.extras or requirement.url:
        raise problem(origin, entry, field, f"{shown(text)} is not a bare distribution name")


@functools.lru_cache(maxsize=1024)
def _is_release(value: str, parts: int) -> bool:
    try:
        version = _parse_version(value)
    except (InvalidVersion, ValueError):
        return False
    return len(version.release) == parts and str(version) == value


def _parse_version(value: str) -> Version:
    """Version(value), refusing text no version is that long (a 5,000-digit 'version' makes
    packaging's int() raise ValueError instead of InvalidVersion)."""
    if len(value) > MAX_VERSION_TEXT:
        raise InvalidVersion(f"{value[:20]}...: longer than {MAX_VERSION_TEXT} characters")
    return Version(value)
