"""Merge what the docs tables and PyPI say into the current TensorFlow matrix (pure; no I/O).

Which source owns which field:
- docs, Linux GPU table (row of the release, else of its X.Y series): cuda, cudnn;
- PyPI (releases of the `tensorflow` distribution from the oldest one the matrix lists on):
  python (cpXY wheels), requires_python, and per platform available, wheel_tag, glibc_min,
  from the project document; and_cuda_requires from the per-release documents, which are read
  from AND_CUDA_FROM on (earlier releases have no such extra);
- the current matrix: everything else (sass, ptx, nvidia_pins, cuda_build, cc_evidence,
  notes, package, gpu flags, defects): no public page states them, a wheel scan has to.
A release new to the matrix gets what the sources give, and empty sass/ptx/nvidia_pins with a
note saying so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tfgpu_setup.matrix.model import PlatformKey, PlatformSupport, TensorflowMatrix, TfRelease
from tfgpu_setup.matrix.parse_docs import BuildConfig, BuildTable, TableKey
from tfgpu_setup.matrix.parse_pypi import ReleaseFiles, ReleaseMetadata, Wheel
from tfgpu_setup.versions import xy

AND_CUDA_FROM = Version("2.14.0")
"""The first release with the and-cuda extra: per-release PyPI documents are read from here on."""
PYPI_PROJECT = "tensorflow"

FieldValue = str | bool | tuple[str, ...] | None


@dataclass(frozen=True)
class SourcedTable:
    table: BuildTable
    url: str

    def row_for(self, version: str) -> BuildConfig | None:
        """The row of this release, else the row of its X.Y series (rows exist for x.y.0/x.y.1)."""
        wanted = Version(version)
        same_series = [r for r in self.table.rows if r.series == (wanted.major, wanted.minor)]
        exact = [r for r in same_series if Version(r.version) == wanted]
        if exact:
            return exact[0]
        earlier = [r for r in same_series if Version(r.version) <= wanted]
        if earlier:
            return max(earlier, key=lambda r: Version(r.version))
        return same_series[0] if same_series else None


@dataclass(frozen=True)
class PypiRelease:
    metadata: ReleaseMetadata
    url: str


@dataclass(frozen=True)
class Sources:
    tables: dict[TableKey, SourcedTable]
    project: dict[str, ReleaseFiles]
    """Final, not yanked releases on PyPI."""
    project_url: str
    releases: dict[str, PypiRelease]
    """Per-release documents from AND_CUDA_FROM on."""
    urls: dict[str, str]
    """The matrix-level sources: name -> URL."""


@dataclass(frozen=True)
class FieldChange:
    version: str
    field: str
    """A TfRelease field, or platforms.KEY.FIELD."""
    old: FieldValue
    new: FieldValue
    source: str

    def describe(self) -> tuple[str, ...]:
        """'VERSION FIELD: OLD -> NEW'; for lists, one line per item removed (-) or added (+)."""
        if isinstance(self.old, tuple) and isinstance(self.new, tuple):
            removed = [v for v in self.old if v not in self.new]
            added = [v for v in self.new if v not in self.old]
            if removed or added:  # same items in another order otherwise
                items = [f"  - {v}" for v in removed] + [f"  + {v}" for v in added]
                return (f"{self.version} {self.field}:", *items)
        return (f"{self.version} {self.field}: {_show(self.old)} -> {_show(self.new)}",)


@dataclass(frozen=True)
class Merged:
    matrix: TensorflowMatrix
    added: tuple[str, ...]
    added_summaries: tuple[str, ...]
    changes: tuple[FieldChange, ...]
    skipped: tuple[str, ...]
    """Releases on PyPI that the docs cannot describe yet, each with the reason."""
    warnings: tuple[str, ...]


_WHEEL_PLATFORMS: dict[PlatformKey, PlatformKey] = {
    "linux_x86_64": "linux_x86_64",
    "wsl2": "linux_x86_64",  # WSL2 installs the Linux x86_64 wheel
    "linux_aarch64": "linux_aarch64",
    "windows_x86_64": "windows_x86_64",
    "macos_x86_64": "macos_x86_64",
    "macos_arm64": "macos_arm64",
}
_GPU_TABLE_LABEL: dict[TableKey, str] = {
    "linux_gpu": "Linux GPU",
    "windows_gpu": "Windows GPU",
    "macos_gpu": "macOS GPU",
}
_GPU_TABLE: dict[PlatformKey, TableKey] = {
    "linux_x86_64": "linux_gpu",
    "wsl2": "linux_gpu",
    "windows_x86_64": "windows_gpu",
    "macos_x86_64": "macos_gpu",
}


def merge(current: TensorflowMatrix, sources: Sources, today: date) -> Merged:
    merger = _Merger(sources, today)
    releases: dict[Version, TfRelease] = {}
    for release in current.releases:
        releases[Version(release.version)] = merger.update(release)
    oldest = min(releases, default=AND_CUDA_FROM)
    for version in sources.project:
        if Version(version) >= oldest and Version(version) not in releases:
            new = merger.new(version)
            if new is not None:
                releases[Version(version)] = _with_sibling_kernels(new, releases)
    warnings = [
        f"{r.version} is in the matrix but PyPI offers no final, non-yanked files of it; kept"
        for r in current.releases
        if r.package == PYPI_PROJECT and str(Version(r.version)) not in sources.project
    ]
    matrix = dataclasses.replace(
        current,
        releases=tuple(releases[v] for v in sorted(releases, reverse=True)),
        refreshed=today.isoformat(),
        sources={**current.sources, **sources.urls},
    )
    return Merged(
        matrix=matrix,
        added=tuple(merger.added),
        added_summaries=tuple(merger.added_summaries),
        changes=tuple(merger.changes),
        skipped=tuple(merger.skipped),
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class _PypiView:
    """What PyPI says about one release, and the URL it says it at."""

    files: ReleaseFiles
    requires_python: str | None
    and_cuda_requires: tuple[str, ...] | None
    """None where no per-release document was read (releases before AND_CUDA_FROM)."""
    url: str


def _corrected(source: str) -> bool:
    """A value the table gives wrongly, set from what the build itself says: its source is a
    report of the build's own check, not the docs table (tensorflow/docs@...)."""
    return source.startswith("https://")


class _Merger:
    def __init__(self, sources: Sources, today: date) -> None:
        self.sources = sources
        self.today = today
        self.added: list[str] = []
        self.added_summaries: list[str] = []
        self.changes: list[FieldChange] = []
        self.skipped: list[str] = []

    def update(self, release: TfRelease) -> TfRelease:
        values: dict[str, Any] = {}
        sources = dict(release.sources)
        gpu_table = self.sources.tables["linux_gpu"]
        gpu_row = gpu_table.row_for(release.version)
        if gpu_row is not None:
            for field in ("cuda", "cudnn"):
                old, new = getattr(release, field), getattr(gpu_row, field)
                if _corrected(release.sources.get(field, "")):
                    continue  # the build's own words outrank the table (2.0 checks for 7.6)
                if new is not None and (old is None or Version(old) != Version(new)):
                    self._set(release, field, xy(new), gpu_table.url, values, sources)
            build = release.cuda_build
            if "cuda" in values and build is not None and xy(build) != values["cuda"]:
                # The exact toolkit was established for the old CUDA; it needs a new wheel scan.
                self._set(release, "cuda_build", None, gpu_table.url, values, sources)
        pypi = self._pypi(release.version)
        if pypi is not None and release.package == PYPI_PROJECT:
            self._update_from_pypi(release, pypi, values, sources)
        if not values:
            return release
        return dataclasses.replace(release, **values, sources=sources)

    def _pypi(self, version: str) -> _PypiView | None:
        key = str(Version(version))
        per_release = self.sources.releases.get(key)
        if per_release is not None:
            meta = per_release.metadata
            return _PypiView(
                meta.files, meta.requires_python, meta.and_cuda_requires, per_release.url
            )
        files = self.sources.project.get(key)
        if files is None:
            return None
        return _PypiView(files, files.requires_python, None, self.sources.project_url)

    def _update_from_pypi(
        self,
        release: TfRelease,
        pypi: _PypiView,
        values: dict[str, Any],
        sources: dict[str, str],
    ) -> None:
        url = pypi.url
        python = pypi.files.python
        if python and set(python) != set(release.python):
            self._set(release, "python", python, url, values, sources)
        spec = pypi.requires_python
        if spec is not None and (
            release.requires_python is None
            or SpecifierSet(spec) != SpecifierSet(release.requires_python)
        ):
            self._set(release, "requires_python", spec, url, values, sources)
        published = pypi.files.published
        if published is not None and published != release.published:
            self._set(release, "published", published, url, values, sources)
        and_cuda = pypi.and_cuda_requires
        if and_cuda is not None and set(and_cuda) != set(release.and_cuda_requires):
            self._set(release, "and_cuda_requires", and_cuda, url, values, sources)
        platforms = dict(release.platforms)
        for key, wheel_platform in _WHEEL_PLATFORMS.items():
            support = platforms.get(key)
            if support is None or support.package not in (None, release.package):
                continue  # another distribution serves it; tensorflow's files say nothing
            updated = _with_wheels(support, pypi.files.wheels_for(wheel_platform), key)
            for field in ("available", "wheel_tag", "glibc_min"):
                old, new = getattr(support, field), getattr(updated, field)
                if old != new:
                    self.changes.append(
                        FieldChange(release.version, f"platforms.{key}.{field}", old, new, url)
                    )
            platforms[key] = updated
        if platforms != release.platforms:
            values["platforms"] = platforms
            sources["platforms"] = url

    def _set(
        self,
        release: TfRelease,
        field: str,
        new: FieldValue,
        url: str,
        values: dict[str, Any],
        sources: dict[str, str],
    ) -> None:
        values[field] = new
        sources[field] = url
        self.changes.append(FieldChange(release.version, field, getattr(release, field), new, url))

    def new(self, version: str) -> TfRelease | None:
        pypi = self._pypi(version)
        assert pypi is not None
        gpu_table = self.sources.tables["linux_gpu"]
        gpu_row = gpu_table.row_for(version)
        if gpu_row is None:
            self.skipped.append(
                f"{version}: on PyPI, but the Linux GPU table ({gpu_table.url}) has no row for"
                f" {_series(version)} yet"
            )
            return None
        platforms: dict[str, PlatformSupport] = {}
        for key, wheel_platform in _WHEEL_PLATFORMS.items():
            table = _GPU_TABLE.get(key)
            has_gpu_row = (
                table is not None and self.sources.tables[table].row_for(version) is not None
            )
            support = _with_wheels(
                PlatformSupport(gpu=False), pypi.files.wheels_for(wheel_platform), key, new=True
            )
            gpu = support.available and has_gpu_row
            note: str | None
            if support.available and not gpu:
                note = (
                    f"no {_GPU_TABLE_LABEL[table]} row for {_series(version)} in the tested build"
                    " configurations"
                    if table is not None
                    else "the tested build configurations list no CUDA build for this platform"
                )
            elif key == "wsl2" and support.available:
                note = "the Linux x86_64 wheel, installed inside WSL2"
            else:
                note = support.note
            platforms[key] = dataclasses.replace(support, gpu=gpu, note=note)
        release = TfRelease(
            version=version,
            python=pypi.files.python or gpu_row.python,
            requires_python=pypi.requires_python,
            cuda=None if gpu_row.cuda is None else xy(gpu_row.cuda),
            cudnn=None if gpu_row.cudnn is None else xy(gpu_row.cudnn),
            sass=(),
            ptx=(),
            platforms=platforms,
            sources={"*": pypi.url, "cuda": gpu_table.url, "cudnn": gpu_table.url},
            and_cuda_requires=pypi.and_cuda_requires or (),
            nvidia_pins=pins_from_requirements(pypi.and_cuda_requires or ()),
            published=pypi.files.published,
            notes=(
                f"added by `tfgpu-setup matrix refresh` on {self.today.isoformat()} from the"
                " tested build configurations and PyPI; sass, ptx and nvidia_pins need a wheel"
                " scan",
            ),
        )
        self.added.append(version)
        self.added_summaries.append(
            f"added {version}: CUDA {release.cuda}, cuDNN {release.cudnn},"
            f" Python {_python_range(release.python)},"
            f" requires_python {release.requires_python or '(none)'},"
            f" {len(release.and_cuda_requires) or 'no'} and-cuda requirements;"
            " sass/ptx/nvidia_pins need a wheel scan"
        )
        return release


def pins_from_requirements(requirements: Iterable[str]) -> tuple[str, ...]:
    """Exact pins from the and-cuda Requires-Dist: '==V' as written, a range by its floor.

    The floor is the version the release was built against (2.20/2.21 publish '>=12.5.82,<13'
    for a 12.5 build), so a plan never floats to whatever is newest on the day. TensorRT is left
    out: TensorFlow does not need it and its pins were not installable from PyPI (#61986).
    """
    pins = []
    for text in requirements:
        requirement = Requirement(text)
        if requirement.name.startswith("tensorrt"):
            continue
        exact = [s.version for s in requirement.specifier if s.operator == "=="]
        floors = [s.version for s in requirement.specifier if s.operator == ">="]
        chosen = exact or floors
        if chosen:
            pins.append(f"{requirement.name}=={chosen[0]}")
    return tuple(pins)


def _with_sibling_kernels(new: TfRelease, releases: dict[Version, TfRelease]) -> TfRelease:
    """A new patch release carries the kernels of its scanned sibling with the same CUDA."""
    series = _series(new.version)
    sibling = next(
        (
            r
            for v, r in sorted(releases.items(), reverse=True)
            if _series(r.version) == series and r.cuda == new.cuda and (r.sass or r.ptx)
        ),
        None,
    )
    if sibling is None:
        return new
    return dataclasses.replace(
        new,
        sass=sibling.sass,
        ptx=sibling.ptx,
        cc_evidence=f"sibling wheel scan ({sibling.version}); not scanned itself",
        sources={
            **new.sources,
            "sass": sibling.sources.get("sass", new.sources["*"]),
            "ptx": sibling.sources.get("ptx", new.sources["*"]),
        },
    )


def _with_wheels(
    support: PlatformSupport, wheels: tuple[Wheel, ...], key: PlatformKey, *, new: bool = False
) -> PlatformSupport:
    """`support` with what PyPI's files say; a wheel tag only where the entry records one."""
    if not wheels:
        if not support.available:
            return support
        return dataclasses.replace(
            support,
            available=False,
            wheel_tag=None,
            glibc_min=None,
            note=f"no {key} wheel of this release on PyPI",
        )
    chosen = _representative(wheels)
    return dataclasses.replace(
        support,
        available=True,
        wheel_tag=chosen.platform_tag if new or support.wheel_tag is not None else None,
        glibc_min=chosen.glibc_min,
        # a note written for a platform without wheels no longer holds
        note=support.note if support.available else None,
    )


def _representative(wheels: Iterable[Wheel]) -> Wheel:
    """The wheel whose tag asks most of the system (highest glibc), then the commonest tag."""
    wheels = list(wheels)
    counts: dict[str, int] = {}
    for wheel in wheels:
        counts[wheel.platform_tag] = counts.get(wheel.platform_tag, 0) + 1
    return max(
        wheels,
        key=lambda w: (Version(w.glibc_min or "0"), counts[w.platform_tag], w.platform_tag),
    )


def _series(version: str) -> str:
    parsed = Version(version)
    return f"{parsed.major}.{parsed.minor}"


def _python_range(python: tuple[str, ...]) -> str:
    if not python:
        return "(none)"
    return python[0] if len(python) == 1 else f"{python[0]}-{python[-1]}"


def _show(value: FieldValue) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return str(value)
