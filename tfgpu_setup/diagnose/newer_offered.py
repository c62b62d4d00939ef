"""A CUDA or cuDNN library TensorFlow cannot load, of a version NVIDIA had already moved past.

People install the CUDA and cuDNN NVIDIA's download pages offer. In the time of TensorFlow
1.3 to 2.3, NVIDIA already offered a newer CUDA than the one they load (9.1 beside 1.5's 9.0,
10.1 beside 1.13's 10.0, ...), and a newer cuDNN beside 1.1 to 1.4 and 2.3 (matrices/ lists
these spans with their sources). In settled public threads from those spans, a missing
library of the release's own version was mostly another version installed; where the
release's version was NVIDIA's newest (cuDNN 8 beside 2.5), it was mostly none installed or
one off the loader path. So without any stated or measured install, and without a sign that
nothing is on the loader path, the span decides which of the two the doctor names first.
"""

from __future__ import annotations

from collections.abc import Iterator

from packaging.version import InvalidVersion

from ..doc_urls import TF_TESTED
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import Matrix, NewerOffered
from ..versions import LibraryKind, parsed, specifier, xy
from .loader_path import put_on_loader_path, system_of
from .logfacts import LogFacts
from .wanted import Wanted

LEGACY_SERIES = tuple(f"1.{minor}" for minor in range(0, 16))
"""The TensorFlow 1.x series the matrix's legacy builds may describe."""


def newer_version_installed(
    facts: Facts,
    matrix: Matrix,
    log: LogFacts,
    release: str | None,
    driver_missing: bool = False,
) -> list[Finding]:
    """For each of CUDA and cuDNN whose installed version nobody stated or measured: the
    library the log cannot load, read as a newer version installed where every release that
    could have asked for it did so while NVIDIA offered a newer one. driver_missing: the log
    shows the driver's own library (libcuda) or its kernel module missing too."""
    if log.nvidia_wheels_line or log.binding_line or log.conda_line:
        # NVIDIA's pip wheels fail by the loader path; a conda environment loads its own
        # cudatoolkit; TensorFlow.js's and Java's libtensorflow builds follow releases of their
        # own, while the spans are dated by Python's.
        return []
    if log.works_from_terminal_line:
        return []  # it loads from a terminal: installed, and off the launcher's loader path
    if (facts.knows("gpus") and not facts.gpus) or driver_missing:
        # no GPU, or no driver: which CUDA is installed decides nothing yet (TensorFlowTTS#578;
        # tensorflow#45359, a cloud instance without a GPU, logged libcuda.so.1 missing too)
        return []
    if log.shared_names_missing:
        # A name several CUDA releases ship (libcublas.so.10, libcufft.so.10, ...) is missing
        # too: a newer CUDA would have provided it, so none is on the loader path.
        return []
    found = []
    pairs: tuple[tuple[LibraryKind, tuple[Wanted, ...]], ...] = (
        ("cuda", log.wanted_cuda),
        ("cudnn", log.wanted_cudnn),
    )
    for kind, wanted in pairs:
        if not wanted or _install_known(facts, kind):
            continue
        if kind == "cuda" and log.cuda_absent_line:
            continue  # the paste shows no CUDA where it would be: none installed, not another
        if kind == "cudnn" and log.wanted_cuda:
            continue  # CUDA's own libraries are missing too: the stack is not on the path
        windows = kind == "cuda" and system_of(facts, (wanted[0],)) == "windows"
        offered = _offered_for_every_release(
            matrix, log, release, kind, wanted[0], before=_ONE_PACKAGE if windows else None
        )
        if offered is not None:
            found.append(_finding(kind, wanted[0], offered, release, facts))
    return found


def _install_known(facts: Facts, kind: LibraryKind) -> bool:
    """Installed versions stated or measured, or none known to be there ('--cuda-toolkit none',
    a probe that looked): either way the era's prior has nothing left to guess."""
    return facts.knows(kind) and (
        not facts.installs(kind) or any(i.version for i in facts.installs(kind))
    )


_ONE_PACKAGE = "2.1"
"""From 2.1 'tensorflow' itself loads CUDA, also on machines without a GPU (1.15's did too;
2.0's did not). In settled Windows threads (survey 28's base rate) a CUDA DLL of 1.5 to 2.0's
spans missing was another CUDA installed in five of seven and never a machine without CUDA,
where for 2.1 to 2.3 three of eight were machines with no CUDA at all and the message
harmless: the prior holds on Windows below 2.1."""


def _offered_for_every_release(
    matrix: Matrix,
    log: LogFacts,
    release: str | None,
    kind: LibraryKind,
    wanted: Wanted,
    before: str | None = None,
) -> NewerOffered | None:
    """The span that covers every release that could have asked for this library, or None
    (no such release, or one NVIDIA's newest still served, or, with before, one that is not
    older than it)."""
    if release is not None:
        # (a release the matrix does not know, or built without this library: none asks)
        built = _built_with(matrix, release, kind)
        releases = [release] if built and wanted.accepts(built) else []
    else:
        releases = list(_releases_asking(matrix, log, kind, wanted))
    if before is not None and any(parsed(r) >= parsed(before) for r in releases):
        return None
    spans = [o for o in matrix.tensorflow.newer_offered if o.library == kind]
    covering = [next((o for o in spans if _in(r, o.tensorflow)), None) for r in releases]
    if not covering or any(c is None for c in covering):
        return None
    return covering[-1]  # the oldest release's span names what NVIDIA offered first


def _releases_asking(
    matrix: Matrix, log: LogFacts, kind: LibraryKind, wanted: Wanted
) -> Iterator[str]:
    """One release per series that the log's hints admit and that loads this library, newest
    first: the matrix's releases, then the 1.x series its legacy builds describe."""
    built: list[tuple[str, str | None]] = [
        (r.version, r.cuda if kind == "cuda" else r.cudnn) for r in matrix.tensorflow.releases
    ]
    built += [(series, _built_with(matrix, series, kind)) for series in LEGACY_SERIES]
    seen: set[str] = set()
    for version, with_version in built:
        if xy(version) in seen or not all(_in(version, spec) for spec, _ in log.tf_range):
            continue
        if with_version is not None and wanted.accepts(with_version):
            seen.add(xy(version))
            yield version


def _built_with(matrix: Matrix, release: str, kind: LibraryKind) -> str | None:
    """The CUDA or cuDNN version this release was built with: the matrix's row, else its
    legacy build (1.x)."""
    entry = query.release(matrix, release)
    if entry is not None:
        return entry.cuda if kind == "cuda" else entry.cudnn
    legacy = query.legacy_build(matrix, release)
    return None if legacy is None else legacy.cuda if kind == "cuda" else legacy.cudnn


def _in(version: str, spec: str) -> bool:
    try:
        return parsed(version) in specifier(spec)
    except InvalidVersion:
        return False


def _finding(
    kind: str, wanted: Wanted, offered: NewerOffered, release: str | None, facts: Facts
) -> Finding:
    what = "CUDA" if kind == "cuda" else "cuDNN"
    which = f"TensorFlow {release}" if release else "The TensorFlow that wrote this log"
    windows = system_of(facts, (wanted,)) == "windows"
    if kind == "cuda":
        where = (
            "'nvcc --version' (and 'where cudart64_*.dll')"
            if windows
            else "'ls /usr/local/cuda/lib64' (and 'nvcc --version')"
        )
    else:
        where = (
            "'where cudnn64_*.dll' (or which one CUDA's bin folder has)"
            if windows
            else "'ldconfig -p | grep cudnn'"
        )
    return Finding(
        f"{kind}-version-mismatch",
        Severity.ERROR,
        f"{which} looks for {what} {wanted} ({wanted.lib}), which NVIDIA had already followed "
        f"with a newer {what} in this release's time: most likely a {what} of another version "
        "is installed",
        (
            f"log: {wanted.line.strip()[:200]}",
            f"NVIDIA offered {offered.offered} ({offered.source.split(' ')[0]})",
            f"confirm which {what} is installed with {where}",
        ),
        f"Install {what} {wanted} and {put_on_loader_path(facts, (wanted,), kind)} (a {what} of"
        f" another version installed can stay beside it), or, where one is installed, install"
        f" the TensorFlow release built for it ('tfgpu-setup plan' picks it).",
        TF_TESTED,
    )
