"""Pure look-ups over the matrix for the planner and the doctor (no I/O)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from tfgpu_setup.errors import ExitCode, UserError

if TYPE_CHECKING:
    from tfgpu_setup.matrix.gpu_names import GpuName, NameIndex
from tfgpu_setup.matrix.model import (
    Architecture,
    DriverMatrix,
    GpuMatrix,
    GpuPattern,
    LegacyBuild,
    Matrix,
    MinorCompat,
    TfRelease,
    ToolkitDriver,
)
from tfgpu_setup.matrix.validate import NO_MVC_BEFORE, is_driver_version, kernel_arch
from tfgpu_setup.versions import xy_tuple

CcSupport = Literal["sass", "ptx-jit", "unsupported"]


@dataclass(frozen=True)
class DriverRequirement:
    """What a CUDA X.Y (or X.Y.Z) application needs from the driver, with the sources."""

    cuda: str
    floor: str
    """The lowest driver that runs it: minor-version compatibility for its major (CUDA 11+)."""
    exact: str
    """The driver its toolkit release shipped with: every feature, and PTX from that toolchain."""
    floor_source: str
    exact_source: str
    confidence: Literal["official", "secondary"] = "official"


def release(matrix: Matrix, version: str) -> TfRelease | None:
    wanted = _version(version, "TensorFlow version")
    return next((r for r in matrix.tensorflow.releases if Version(r.version) == wanted), None)


def legacy_build(matrix: Matrix, version: str) -> LegacyBuild | None:
    """The CUDA and cuDNN a release older than the matrix's rows was built with ('1.15')."""
    try:
        wanted = Version(version)
    except InvalidVersion:
        return None
    return next(
        (b for b in matrix.tensorflow.legacy_builds if wanted in SpecifierSet(b.tensorflow)), None
    )


def releases_matching(matrix: Matrix, spec: str) -> list[TfRelease]:
    """Releases a user's --tf selects, newest first.

    '2.17' (one or two components): every 2.17.x, so the planner takes the newest that
    installs here (tensorflow-macos has 2.10.0 but no 2.10.1); '2.17.1': that release; anything
    with an operator ('~=2.17.0', '==2.16.1', '>=2.15', '>=2.15,<2.18'): every release it admits.
    """
    text = spec.strip()
    releases = sorted(matrix.tensorflow.releases, key=lambda r: Version(r.version), reverse=True)
    if text[:1].isdigit():
        wanted = _version(text, "TensorFlow version")
        if len(wanted.release) >= 3:
            return [r for r in releases if Version(r.version) == wanted]
        prefix = wanted.release
        return [r for r in releases if Version(r.version).release[: len(prefix)] == prefix]
    try:
        specifier = SpecifierSet(text)
    except InvalidSpecifier:
        raise UserError(
            f"{spec!r} is neither a TensorFlow version (2.17, 2.17.1) nor a version specifier"
            " (~=2.17.0, >=2.15)",
            ExitCode.INPUT,
        ) from None
    return [r for r in releases if specifier.contains(r.version, prereleases=True)]


_REQUIREMENTS: dict[tuple[int, str, bool], tuple[DriverMatrix, DriverRequirement]] = {}


def driver_requirement(matrix: Matrix, cuda: str, windows: bool) -> DriverRequirement:
    """driver_requirement, remembered per driver table: a fleet plan asks it thousands of times."""
    key = (id(matrix.drivers), cuda, windows)
    hit = _REQUIREMENTS.get(key)
    if hit is not None and hit[0] is matrix.drivers:
        return hit[1]
    found = _driver_requirement(matrix, cuda, windows)
    _REQUIREMENTS[key] = (matrix.drivers, found)
    return found


def _driver_requirement(matrix: Matrix, cuda: str, windows: bool) -> DriverRequirement:
    """The driver floor and the toolkit's own driver for CUDA `cuda` (X.Y or X.Y.Z).

    X.Y means its first release in the table (X.Y.0 GA, 11.0.1 for 11.0); X.Y.Z that release,
    or the nearest earlier update of the same X.Y. `windows`: Windows driver numbering, which
    is what WSL2 reports too.
    """
    wanted = _version(cuda, "CUDA version")
    same_minor = sorted(
        (t for t in matrix.drivers.toolkits if _xy(t.cuda) == (wanted.major, wanted.minor)),
        key=lambda t: Version(t.cuda),
    )
    if len(wanted.release) >= 3:
        same_minor = [t for t in same_minor if Version(t.cuda) <= wanted] or same_minor
        toolkit = same_minor[-1] if same_minor else None
    else:
        toolkit = same_minor[0] if same_minor else None
    if toolkit is None:
        known = sorted(
            {".".join(map(str, _xy(t.cuda))) for t in matrix.drivers.toolkits}, key=Version
        )
        raise UserError(
            f"CUDA {cuda}: no driver minimum known (the driver table covers {known[0]} to"
            f" {known[-1]})",
            ExitCode.INPUT,
        )
    compat = _minor_compat(matrix, wanted.major)
    exact = _driver_of(toolkit, windows, compat)
    confidence = toolkit.confidence
    if compat is None:
        return DriverRequirement(cuda, exact, exact, toolkit.source, toolkit.source, confidence)
    floor = compat.windows_min if windows else compat.linux_min
    if floor is None or compare_driver_versions(exact, floor) < 0:
        # 11.0 shipped with a driver older than the later 11.x floor, which it does not need.
        return DriverRequirement(cuda, exact, exact, toolkit.source, toolkit.source, confidence)
    return DriverRequirement(cuda, floor, exact, compat.source, toolkit.source, confidence)


def min_driver_for_cuda(matrix: Matrix, cuda: str, windows: bool) -> tuple[str, str]:
    """(floor under minor-version compatibility, the toolkit release's own minimum)."""
    requirement = driver_requirement(matrix, cuda, windows)
    return requirement.floor, requirement.exact


def windows_numbered(driver_version: str | None, on_windows: bool) -> bool:
    """Whether a driver on Windows or WSL 2 counts in Windows' numbering: nvidia-smi shows the
    Windows driver's 'XXX.YY' there, while a three-part 'XXX.YY.ZZ' is always a Linux
    driver's (one installed inside WSL 2, or a Linux number stated for it)."""
    return on_windows and (driver_version is None or driver_version.count(".") < 2)


_MAX_CUDA: dict[tuple[int, str, bool], tuple[Matrix, str | None]] = {}


def driver_max_cuda(matrix: Matrix, driver_version: str, windows: bool) -> str | None:
    """The newest CUDA X.Y whose toolkit driver this driver meets (what nvidia-smi reports).

    Where the table has no Windows number (CUDA 13.x), a Windows driver at the major's
    minor-version floor counts for X.0 only: a conservative answer. Remembered per matrix:
    a fleet asks about the same few drivers again and again.
    """
    key = (id(matrix), driver_version, windows)
    hit = _MAX_CUDA.get(key)
    if hit is not None and hit[0] is matrix:
        return hit[1]
    found = _driver_max_cuda(matrix, driver_version, windows)
    if len(_MAX_CUDA) > 4096:
        _MAX_CUDA.clear()
    _MAX_CUDA[key] = (matrix, found)
    return found


def _driver_max_cuda(matrix: Matrix, driver_version: str, windows: bool) -> str | None:
    if not is_driver_version(driver_version):
        raise UserError(
            f"{driver_version!r} is not a driver version (e.g. 550.54.15)", ExitCode.INPUT
        )
    best: Version | None = None
    for toolkit in matrix.drivers.toolkits:
        minimum = toolkit.windows_min if windows else toolkit.linux_min
        cuda = Version(toolkit.cuda)
        if minimum is None:
            compat = _minor_compat(matrix, cuda.major) if windows else None
            if compat is None or compat.windows_min is None or cuda.minor != 0:
                continue
            minimum = compat.windows_min
        if compare_driver_versions(driver_version, minimum) >= 0 and (best is None or cuda > best):
            best = cuda
    return None if best is None else f"{best.major}.{best.minor}"


def gpu_cc_from_name(matrix: Matrix, name: str) -> GpuName | GpuPattern | None:
    """The compute capability of a product name as nvidia-smi prints it, or None if unknown.

    The name table first (normalised: see matrix/gpu_names.py), then the first pattern in file
    order found in the name. A name NVIDIA sold with different compute capabilities (GT 730:
    Fermi and Kepler) cannot be answered: UserError(INPUT) asks for the compute capability;
    unless every one of them is older than any TensorFlow build (GT 220: 1.1 and 1.2), where
    the answer is the same whichever it is.
    """
    index = _name_index(matrix.gpus)
    found = index.lookup(name)
    if not found and name.rstrip().endswith(("...", "…")):
        found = index.lookup_cut(name)  # nvidia-smi's table cuts long names
    if not found and len(variants := index.lookup_variants(name)) == 1:
        found = variants  # listed only by its variants, all of one compute capability
    if len(found) == 1:
        return found[0]
    if found and all(older_than_every_build(g.cc) for g in found):
        # Whichever it is, no TensorFlow runs on it: the newest of them answers for all.
        newest = max(found, key=lambda g: _xy(g.cc))
        ccs = " and ".join(sorted({g.cc for g in found}, key=_xy))
        return newest._replace(source=f"{newest.source}; also listed as {ccs}")
    if found:
        ccs = ", ".join(f"{g.cc} ({g.arch})" for g in sorted(found, key=lambda g: _xy(g.cc)))
        raise UserError(
            f"GPU name {name!r} is ambiguous: GPUs sold or listed under it have compute"
            f" capabilities {ccs}; give the compute capability instead (nvidia-smi"
            f" --query-gpu=compute_cap prints it), e.g. --gpu {found[0].cc}",
            ExitCode.INPUT,
        )
    return next((p for p in matrix.gpus.patterns if _compiled(p.pattern).search(name)), None)


def gpu_cc_if_named(matrix: Matrix, name: str) -> GpuName | GpuPattern | None:
    """gpu_cc_from_name where a doubt is no error: a name sold with several compute
    capabilities, or one the table does not know, answers None."""
    try:
        return gpu_cc_from_name(matrix, name) if name else None
    except UserError:
        return None


_INDEXES: dict[int, tuple[GpuMatrix, NameIndex]] = {}


def _name_index(gpus: GpuMatrix) -> NameIndex:
    """The name index, built once per GPU table (imported here: only name look-ups need it)."""
    from tfgpu_setup.matrix.gpu_names import build_index

    hit = _INDEXES.get(id(gpus))
    if hit is not None and hit[0] is gpus:
        return hit[1]
    index = build_index(gpus)
    _INDEXES[id(gpus)] = (gpus, index)
    return index


_ARCHES: dict[int, tuple[GpuMatrix, dict[Version, Architecture]]] = {}


def arch_for_cc(matrix: Matrix, cc: str) -> Architecture | None:
    wanted = _version(cc, "compute capability")
    return _arch_index(matrix.gpus).get(wanted)


def first_cuda_with_code_for(matrix: Matrix, cc: str) -> str | None:
    """The first CUDA whose libraries carry code a GPU of compute capability `cc` runs: code
    for its own architecture or an older one of its major, as CUDA's binary compatibility holds
    within a major (7.0's cubins run on 7.5; CUDA 12.8's 10.0 and 12.0 code on 10.3 and 12.1,
    which CUDA 12.9 first targets by name). None when every CUDA the table knows of does."""
    gpu = _xy(cc)
    firsts = [
        arch.first_cuda
        for arch in matrix.gpus.architectures
        if any((x := _xy(c))[0] == gpu[0] and x[1] <= gpu[1] for c in arch.ccs)
    ]
    if not firsts or None in firsts:
        return None
    return min((f for f in firsts if f is not None), key=Version)


def first_cuda_naming(matrix: Matrix, cc: str) -> str | None:
    """The first CUDA whose compiler targets compute capability `cc` by name (ptxas's
    -arch=sm_86 needs CUDA 11.1, though CUDA 11.0's sm_80 code runs on it); where the table lists
    no architecture for `cc` itself, the first CUDA with code it runs."""
    wanted = _xy(cc)
    named = [
        arch.first_cuda
        for arch in matrix.gpus.architectures
        if any(_xy(c) == wanted for c in arch.ccs) and arch.first_cuda is not None
    ]
    return min(named, key=Version) if named else first_cuda_with_code_for(matrix, cc)


def cuda_has_code_for(matrix: Matrix, cc: str, cuda: str) -> bool:
    first = first_cuda_with_code_for(matrix, cc)
    return first is None or Version(first) <= Version(cuda)


def _arch_index(gpus: GpuMatrix) -> dict[Version, Architecture]:
    """Each compute capability's architecture, built once per GPU table (a fleet asks per host)."""
    hit = _ARCHES.get(id(gpus))
    if hit is not None and hit[0] is gpus:
        return hit[1]
    index: dict[Version, Architecture] = {}
    for arch in gpus.architectures:
        for cc in arch.ccs:
            index.setdefault(Version(cc), arch)
    _ARCHES[id(gpus)] = (gpus, index)
    return index


OLDEST_CAPABILITY_BUILT = "3.0"
"""No TensorFlow had CUDA kernels below compute capability 3.0 (Kepler): its configure script
refuses anything older ('Only compute capabilities 3.0 or higher are supported',
https://github.com/tensorflow/tensorflow/blob/v1.15.0/configure.py), so no release or source
build runs on a Fermi or Tesla GPU."""


def older_than_every_build(cc: str | None) -> bool:
    return cc is not None and _xy(cc) < _xy(OLDEST_CAPABILITY_BUILT)


def cc_support(release: TfRelease, cc: str) -> CcSupport:
    """How a GPU of compute capability `cc` runs this release's kernels.

    SASS (cubins) runs on the same major and an equal or higher minor; PTX is JIT-compiled
    on an equal or higher compute capability. Known JIT failures (Blackwell) are defects
    the planner applies on top of this.
    """
    gpu = _xy(cc)
    for name in release.sass:
        arch = kernel_arch(name, "sm_")
        if arch is not None and divmod(arch, 10)[0] == gpu[0] and arch % 10 <= gpu[1]:
            return "sass"
    for name in release.ptx:
        arch = kernel_arch(name, "compute_")
        if arch is not None and divmod(arch, 10) <= gpu:
            return "ptx-jit"
    return "unsupported"


def compare_driver_versions(a: str, b: str) -> int:
    """-1, 0 or 1, comparing each dot-separated component as an integer: 570.26 < 570.124.06.
    A branch alone (535, as people state it) stands for any of its releases, so against one of
    them only the branch numbers are compared: 450 meets 450.80.02, 418 does not."""
    left, right = _driver_tuple(a), _driver_tuple(b)
    if len(left) == 1 or len(right) == 1:
        left, right = left[:1], right[:1]
    width = max(len(left), len(right))
    left += (0,) * (width - len(left))
    right += (0,) * (width - len(right))
    return (left > right) - (left < right)


@functools.lru_cache(maxsize=1024)
def _driver_tuple(value: str) -> tuple[int, ...]:
    if not is_driver_version(value):
        raise UserError(f"{value!r} is not a driver version (e.g. 550.54.15)", ExitCode.INPUT)
    return tuple(int(part) for part in value.split("."))


def _driver_of(toolkit: ToolkitDriver, windows: bool, compat: MinorCompat | None) -> str:
    if not windows:
        return toolkit.linux_min
    if toolkit.windows_min is not None:
        return toolkit.windows_min
    if compat is not None and compat.windows_min is not None:
        return compat.windows_min  # the table says N/A for Windows from CUDA 13.0
    raise UserError(f"CUDA {toolkit.cuda}: no Windows driver minimum known", ExitCode.INPUT)


def driver_cuda_runs(driver_cuda: str, cuda: str) -> bool:
    """Whether a driver that supports CUDA `driver_cuda` (what nvidia-smi shows) runs a CUDA
    `cuda` runtime: from CUDA 11 any minor of a major the driver has (minor-version
    compatibility), before it that X.Y or an older one."""
    have, want = xy_tuple(driver_cuda), xy_tuple(cuda)
    if want[0] >= NO_MVC_BEFORE:
        return have[0] >= want[0]
    return have >= want


def _minor_compat(matrix: Matrix, major: int) -> MinorCompat | None:
    if major < NO_MVC_BEFORE:
        return None
    return next((c for c in matrix.drivers.minor_compat if int(c.major) == major), None)


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _version(text: str, what: str) -> Version:
    try:
        return Version(text.strip())
    except InvalidVersion:
        raise UserError(f"{text!r} is not a {what}", ExitCode.INPUT) from None


@functools.lru_cache(maxsize=4096)
def _xy(text: str) -> tuple[int, int]:
    """(X, Y) of a version, or UserError naming it when it is not one."""
    _version(text, "version X.Y")
    return xy_tuple(text.strip())
