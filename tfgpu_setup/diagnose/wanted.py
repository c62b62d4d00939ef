"""The CUDA or cuDNN version a failing library's file name asks for.

'libcudart.so.10.1' asks for CUDA 10.1, 'libcublas.so.11' for any CUDA 11, 'libcudnn.so.8' for
cuDNN 8; cuSOLVER's and cuFFT's names follow numberings of their own. Pure: names in, versions
out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..versions import parsed, xy
from .signatures import library_name, library_version
from .signatures.model import ONE_NAME_PER_MAJOR, OWN_NUMBERING

CUDA_LIBS = frozenset({"cudart", "cublas", "cublasLt", "cusolver"})
"""Libraries whose soname follows the CUDA release (cufft, curand, cusparse number their own;
cuSOLVER's does only up to 10.0, while it still had a minor)."""
CUSOLVER_SONAMES = {10: ("10.1", "11.0"), 11: ("11.1", "12.9")}
"""The CUDA releases that ship libcusolver.so.N: 10.1 to 11.0 ship .so.10, 11.1 to 12.x .so.11
(the CUDA toolkits' lib64 folders)."""


LIBRARY_FILE = re.compile(r"\b(?:lib\w{2,30}\.so(?:\.\d{1,4}){1,3}|\w{2,30}64_\d{1,4}\.dll)\b")
"""A CUDA or cuDNN library's file name as a loader line names it: its soname
(libcudnn.so.7) or its Windows DLL (cudart64_110.dll)."""


@dataclass(frozen=True)
class Wanted:
    """A CUDA or cuDNN version a failing library name asks for."""

    lib: str
    major: int
    minor: int | None
    """None: any minor of that major (CUDA 11+ sonames carry the major only)."""
    line: str
    span: tuple[str, str] | None = None
    """The CUDA releases that ship this soname, first and last, where it does not follow the
    release's major (cuSOLVER's)."""

    def accepts(self, version: str) -> bool:
        v = parsed(version)
        if self.span is not None:
            first, last = (parsed(edge) for edge in self.span)
            return (first.major, first.minor) <= (v.major, v.minor) <= (last.major, last.minor)
        return v.major == self.major and (self.minor is None or v.minor == self.minor)

    def __str__(self) -> str:
        if self.span is not None:
            return self.span[0] if self.span[0] == self.span[1] else " to ".join(self.span)
        return f"{self.major}.{self.minor}" if self.minor is not None else f"{self.major}.x"


_SEARCHED = re.compile(r"LD_LIBRARY_PATH: ?(?P<path>[^\s;'\"]*)")
_TOOLKIT_LIB = re.compile(
    r"^/(?:usr/local|opt)/cuda(?:-\d{1,2}(?:\.\d)?)?/(?:lib64|lib|targets/[\w-]+/lib)/?$"
)


def _cuda_11_runtime(opened: Sequence[Wanted]) -> Wanted | None:
    """CUDA 11's runtime among the libraries TensorFlow opened (libcudart.so.11.0,
    libcublas.so.11, cudart64_110.dll: names every 11.x ships)."""
    return next(
        (
            w
            for w in opened
            if w.lib in ("cudart", "cublas", "cublasLt", "cusparse") and w.major == 11
        ),
        None,
    )


def cusparse_of_cuda_11(lib: str, line: str) -> Wanted | None:
    """cuSPARSE numbers its own releases, but its soname's major has followed CUDA's since 10.1
    (.so.10 in CUDA 10.1 and 10.2, .so.11 in 11.x, .so.12 in 12.x): its .so.11 opened is a
    CUDA 11, whichever minor (googlecolab/colabtools#2013 shows it where libcudart is not)."""
    if library_name(lib) == "cusparse" and library_version(lib) == "11":
        return Wanted("cusparse", 11, None, line)
    return None


def cuda_11_0_by_cusolver(opened: Sequence[Wanted], failing: Sequence[Wanted]) -> str | None:
    """Why the CUDA 11 installed is 11.0, where it is: TensorFlow opened CUDA 11's runtime
    (libcudart.so.11.0 or libcublas.so.11, names every 11.x ships, or cuSPARSE's .so.11) but
    could not load cuSOLVER's .so.11, which CUDA 11.1 on ships and 11.0 does not (its cuSOLVER
    is .so.10), so a release built with 11.1 or later fails there (TensorFlow 2.5 beside CUDA
    11.0). None otherwise."""
    runtime_11 = _cuda_11_runtime(opened)
    cusolver_11 = any(w.lib == "cusolver" and w.major == 11 for w in failing)
    if runtime_11 is None or not cusolver_11:
        return None
    return (
        f"CUDA 11's {runtime_11.lib} opened, but not cuSOLVER's .so.11, which every CUDA from"
        " 11.1 on ships (11.0's is .so.10)"
    )


LAST_CUDA_11 = "11.8"


def of_the_runtimes_major(failing: Sequence[Wanted], opened: Sequence[Wanted]) -> list[Wanted]:
    """Beside CUDA 11's runtime opened by the same TensorFlow (libcudart.so.11.0,
    cudart64_110.dll) the build is a CUDA 11 one: cuSOLVER's .so.11 (CUDA 11.1 to 12.x) is then
    asked of a CUDA 11, which CUDA 12 (libcudart.so.12) would not serve, and its .so.10 (CUDA
    10.1 to 11.0) of CUDA 11.0, the only 11 that ships it (TensorFlow 2.4)."""
    if _cuda_11_runtime(opened) is None:
        return list(failing)
    spans = {11: (CUSOLVER_SONAMES[11][0], LAST_CUDA_11), 10: ("11.0", "11.0")}
    return [
        replace(w, span=spans[w.major])
        if w.lib == "cusolver" and w.major in spans and w.span is not None
        else w
        for w in failing
    ]


def searched(wanted: Wanted) -> list[str]:
    """The folders the failing line's own LD_LIBRARY_PATH lists: the loader looked there."""
    return [
        entry
        for printed in _SEARCHED.finditer(wanted.line)
        for entry in printed.group("path").split(":")
        if entry
    ]


def cuda_folders_searched(failing: Sequence[Wanted]) -> tuple[str, ...]:
    """The CUDA toolkit lib folders on the LD_LIBRARY_PATH that failing CUDA lines print: the
    loader looked there and did not find the version TensorFlow wants."""
    folders: dict[str, None] = {}
    for wanted in failing:
        if "cudnn" in wanted.lib:
            continue
        for entry in searched(wanted):
            if _TOOLKIT_LIB.match(entry):
                folders[entry.rstrip("/")] = None
    return tuple(folders)


def shared_across_releases(lib: str) -> bool:
    """Whether several CUDA releases ship a library by this name (libcudart.so.11.0,
    libcublas.so.10, libcufft.so.10); CUDA 10.0 and older named each X.Y."""
    name = library_name(lib)
    numbers = [int(n) for n in library_version(lib).split(".") if n.isdigit()]
    if not numbers:
        return False
    if name in OWN_NUMBERING:
        return len(numbers) == 1
    if name in ONE_NAME_PER_MAJOR:
        return numbers[0] >= 11 or (numbers[0] == 10 and len(numbers) == 1)
    return False


def version_wanted(lib: str, line: str) -> Wanted | None:
    """The CUDA (or cuDNN) version a library file name asks for; None when it does not say."""
    name = library_name(lib)
    if name is None:
        return None
    version = library_version(lib)
    if not version:
        return None
    # (a version field is a few digits: a run of them is no library's name)
    numbers = [int(n) for n in version.split(".") if n.isdigit() and len(n) <= 4]
    if not numbers:
        return None
    if name == "cudnn":
        return Wanted(name, numbers[0], None, line)
    if name not in CUDA_LIBS:
        return None
    if name == "cusolver" and len(numbers) == 1:
        span = CUSOLVER_SONAMES.get(numbers[0])
        return Wanted(name, numbers[0], None, line, span) if span else None
    major, minor = numbers[0], numbers[1] if len(numbers) > 1 else None
    if major >= 11:
        minor = None  # CUDA 11+ keeps one soname per major: libcudart.so.11.0 is every 11.x
    if name == "cudart" and lib.lower().endswith(".dll") and len(version.split(".")) == 2:
        minor = numbers[1] if major < 11 else None  # cudart64_101.dll is exactly 10.1
    return Wanted(name, major, minor, line)


def cuda_the_sonames_pin(
    releases: Sequence[tuple[str, str]], cuda: Sequence[Wanted], cudnn: Sequence[Wanted]
) -> str | None:
    """The one CUDA of every release (given as its CUDA and cuDNN) that loads all the libraries
    the log could not find, where they name a cuDNN major too: libcusolver.so.10 is CUDA 10.1
    to 11.0, but beside libcudnn.so.8 only 2.4's CUDA 11.0 loads both (system76/cuda#17). None
    where no release, or releases of several CUDAs, fit."""
    if not cuda or not cudnn:
        return None
    fitting = {
        xy(release_cuda)
        for release_cuda, release_cudnn in releases
        if all(w.accepts(release_cuda) for w in cuda)
        and all(parsed(release_cudnn).major == w.major for w in cudnn)
    }
    return fitting.pop() if len(fitting) == 1 else None
