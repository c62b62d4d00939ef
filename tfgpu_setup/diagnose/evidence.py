"""What a log says about the machine, and what the log and the facts prove together.

A pasted log carries facts of its own: the TensorFlow release (a version print, a pip line), the
operating system (Windows paths and DLL names), the Python, which CUDA libraries loaded and which
were missing. Those fill in facts nobody stated, each with the line it came from. Then the log's
library failures are read against the facts and the matrix: a missing libcudart.so.11.0 next to
an installed CUDA 10.2 is a version mismatch, not a bare "not found".

Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..facts import CudaInstall, CudnnInstall, Driver, Facts, PythonInterpreter
from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from ..matrix.query import driver_max_cuda
from ..matrix.validate import is_driver_version
from ..planner.evaluate import evaluate
from ..versions import parsed, specifier, xy
from .logs import LogMatch, match_log
from .signatures import cudnn_version, library_version

TF_TESTED = "https://www.tensorflow.org/install/source#gpu"
CONTAINER_TOOLKIT = (
    "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
)
VENV_DOCS = "https://docs.python.org/3/library/venv.html"
CUDA_GPUS = "https://developer.nvidia.com/cuda-gpus"
WSL_GUIDE = "https://docs.nvidia.com/cuda/wsl-user-guide/index.html"
TF_INSTALL = "https://www.tensorflow.org/install/pip"

_WINDOWS = re.compile(
    r"[A-Za-z]:\\\\?[\w$ .-]{1,200}\\|\b\w+64_\d+\.dll\b|\.pyd\b|\bon win32\b"
    r"|\[MSC v\.\d{3,4} "
)
_WSL = re.compile(r"/usr/lib/wsl/|microsoft-standard-WSL2|\bWSL2\b|(?<![\w.])/mnt/[c-h]/Users/")
_MACOS = re.compile(r"/Users/[^/\s]+/|\bmacOS\b|darwin|\.dylib\b")
_PYTHON_PATH = re.compile(r"[/\\][Pp]ython(?P<xy>[23]\.\d{1,2})[/\\]|\bcp(?P<cp>3\d{1,2})-")
_PYTHON_BANNER = re.compile(r"^Python (?P<version>[23]\.\d{1,2}(?:\.\d{1,2})?)\b", re.MULTILINE)
_PYTHON_ROOT = re.compile(
    r"(?P<root>(?:[A-Za-z]:)?[\w./\\ -]{0,200}?)"
    r"(?:[/\\]lib[/\\]python[23]\.\d{1,2}[/\\](?:site|dist)-packages|[/\\]python(?:3|w)?\.exe)"
)
_CUDA_FOLDER = re.compile(r"cuda[-_/\\]v?(?P<version>\d{1,2}\.\d)(?![\d.])", re.IGNORECASE)
_CONTAINER = re.compile(
    r"/\.dockerenv|\bnvidia-docker\b|\bdocker run\b|\bkubectl\b"
    r"|\broot@[0-9a-f]{12}:"  # a shell prompt whose host name is a container id
)
_LIBRARY = re.compile(r"^(?:lib)?(?P<name>[a-zA-Z]+?)(?:64)?(?:\.so|_\d|\.dll)")

NO_DEVICE_SIGNATURES = frozenset(
    {"cuinit-no-device", "dev-nvidia0-missing", "kernel-driver-not-running"}
)
"""Lines saying CUDA saw no device: in a container or on a machine stated to have no GPU, that is
the cause, whatever the line's own reading."""

INSTALL_FAILURES = frozenset(
    {
        "pip-no-matching-distribution",
        "pip-wheel-unsupported",
        "conda-python-incompatible",
        "uv-no-matching-wheel",
        "uv-python-out-of-range",
        "poetry-python-range",
        "conda-no-cuda-driver",
    }
)
"""Lines saying pip or conda could not install TensorFlow."""

TF_NOT_RUNNING = INSTALL_FAILURES | frozenset({"no-module-tensorflow", "windows-dll-load-failed"})
"""Lines saying TensorFlow never ran: no release wrote the rest of the log."""

CUDA_LIBS = frozenset({"cudart", "cublas", "cublasLt", "cusolver"})
"""Libraries whose soname follows the CUDA release (cufft, curand, cusparse number their own)."""


@dataclass(frozen=True)
class Wanted:
    """A CUDA or cuDNN version a failing library name asks for."""

    lib: str
    major: int
    minor: int | None
    """None: any minor of that major (CUDA 11+ sonames carry the major only)."""
    line: str

    def accepts(self, version: str) -> bool:
        v = parsed(version)
        return v.major == self.major and (self.minor is None or v.minor == self.minor)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}" if self.minor is not None else f"{self.major}.x"


RELEASE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Where TensorFlow's CUDA code lived: tensorflow/stream_executor until 2.10, XLA's copy under
    # tensorflow/compiler/xla from 2.11, the external/local_xla and local_tsl trees from 2.15.
    (re.compile(r"\btensorflow/stream_executor/"), "<2.11"),
    (re.compile(r"\btensorflow/compiler/xla/stream_executor/"), ">=2.11,<2.15"),
    (re.compile(r"\bexternal/local_(?:xla|tsl)/"), ">=2.15"),
    # The CUDA runtime a release loads (TensorFlow's tested build configurations).
    (re.compile(r"\blib(?:cudart|cublas)\.so\.12\b"), ">=2.15"),
    (re.compile(r"\blib(?:cudart\.so\.11\.0|cublas\.so\.11)\b"), ">=2.4,<2.15"),
    (re.compile(r"\bcudart64_110\.dll\b"), ">=2.4,<2.11"),
    (re.compile(r"\b(?:libcudart\.so\.10\.1|cudart64_101\.dll)\b"), ">=2.1,<2.4"),
    (re.compile(r"\b(?:libcudart\.so\.10\.0|cudart64_100\.dll)\b"), "<2.1"),
    # CUDA 9.x and older: only TensorFlow 1.x was built with them (matrices/ starts at 2.0).
    (re.compile(r"\blib(?:cudart|cublas|cufft|curand|cusolver)\.so\.[5-9]\.\d\b"), "<2.0"),
    (re.compile(r"\b(?:cudart|cublas|cufft|curand|cusolver)64_[5-9]\d\.dll\b"), "<2.0"),
    # TensorFlow 1.x's own wording: the loader before it moved to platform/default (1.13).
    (
        re.compile(
            r"\btensorflow/stream_executor/dso_loader\.cc|successfully opened CUDA library"
            r"|Couldn't open CUDA library"
        ),
        "<2.0",
    ),
)
"""What a log's source paths and library names say about the TensorFlow release that wrote it."""

CPU_ONLY_DISTRIBUTIONS = frozenset(
    {
        "tensorflow-cpu",
        "tensorflow-aarch64",
        "intel-tensorflow",
        "tensorflow-macos",
        "tf-nightly-cpu",
    }
)


@dataclass(frozen=True)
class LogFacts:
    tf_version: str | None = None
    tf_range: tuple[tuple[str, str], ...] = ()
    """(specifier, the text that implies it) for the release, when no version is printed."""
    tf_distributions: tuple[str, ...] = ()
    tf_requested: str | None = None
    """The release pip was asked for and could not install ('tensorflow==2.10')."""
    install_failed: bool = False
    """pip found no TensorFlow to install, or TensorFlow was not there to import: no release is
    known to have run."""
    os: str | None = None
    os_line: str = ""
    python: str | None = None
    python_roots: tuple[str, ...] = ()
    container_line: str = ""
    cuda_seen: tuple[tuple[str, str], ...] = ()
    """(X.Y, line) of CUDA installs the log shows (folders on paths, loaded runtimes)."""
    cudnn_loaded: str | None = None
    wanted_cuda: tuple[Wanted, ...] = ()
    wanted_cudnn: tuple[Wanted, ...] = ()
    cuda_folders_searched: tuple[str, ...] = ()
    """CUDA toolkit library folders the loader searched (LD_LIBRARY_PATH in a dlerror line)."""
    driver: str | None = None
    driver_cuda: str | None = None
    driver_line: str = ""
    """The driver version (and the highest CUDA it supports) from nvidia-smi's header, or the
    driver version TensorFlow's own CUDA diagnostics name."""
    cpu_build_line: str = ""
    """A line where TensorFlow itself says it was built without CUDA."""
    installed_line: str = ""
    """A pip or conda line saying TensorFlow is installed (somewhere)."""
    nvidia_wheels_line: str = ""
    """A line naming NVIDIA's CUDA/cuDNN pip wheels (installed, or their site-packages folder)."""
    notebook_line: str = ""
    """A line showing the code ran in a Jupyter/IPython kernel."""
    memory_free_line: str = ""
    """TensorFlow's own 'Memory usage: X bytes free, Y bytes total' when most of the GPU's
    memory was free as a cuDNN/cuBLAS handle failed: not a memory problem then."""


_TIMESTAMPED = re.compile(
    r"^[\s>`*_]*(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:)"
)
_RECORD_START = re.compile(
    r"^[\s>`*_]*(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:|Traceback|File \"|"
    r"[\w.]*(?:Error|Exception|Warning)\b|\[|\$ |>>> |Epoch \d|\d+/\d+ \[)"
)
MAX_JOINED = 4000


PASTED_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2002": " "}
)
"""What word processors and chat apps put in place of the quotes and spaces TensorFlow printed."""


_HTML_ENTITY = re.compile(r"&(?:#\d{2,3}|#x[0-9a-fA-F]{2}|quot|apos|amp|lt|gt);")


def unwrap(text: str) -> str:
    """Rejoin log records that a mail client, a terminal or an issue form hard-wrapped: a line
    that follows a timestamped TensorFlow record and starts no record of its own belongs to it.
    Curly quotes and non-breaking spaces a paste picked up become the ASCII TensorFlow printed,
    and so do HTML entities (a log pasted inside <pre> in an issue keeps &#39; and &quot;).
    Unwrapped text only gains lines a signature can read whole; nothing else changes."""
    out: list[str] = []
    joining = False
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    for line in text.translate(PASTED_PUNCTUATION).splitlines():
        stripped = line.strip()
        if (
            joining
            and stripped
            and not _RECORD_START.match(line)
            and len(out[-1]) + len(stripped) < MAX_JOINED
        ):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
            continue
        out.append(line)
        joining = bool(_TIMESTAMPED.match(line))
    return "\n".join(out)


_SPLIT_WORD_END = re.compile(r"[A-Za-z0-9_]$")
_SPLIT_WORD_START = re.compile(r"^[a-z0-9_]")
MIN_WRAPPED_WIDTH = 60
MAX_SPLIT_PAIRS = 2000


def rejoin_split_words(text: str) -> str:
    """Rejoin a line that a console copy broke in the middle of a word ('... wheel on this p' /
    'latform.'): the pair becomes one line, and an empty line keeps the numbering, but only
    where the joined line is one a signature reads and neither half was."""
    lines = text.split("\n")
    tried = 0
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if (
            len(first) < MIN_WRAPPED_WIDTH
            or not _SPLIT_WORD_END.search(first)
            or not _SPLIT_WORD_START.match(second)
        ):
            continue
        tried += 1
        if tried > MAX_SPLIT_PAIRS:
            break
        joined = first + second
        whole = {m.signature.name for m in match_log(joined)}
        halves = {m.signature.name for m in match_log(first + "\n" + second)}
        if whole - halves:
            lines[i], lines[i + 1] = joined, ""
    return "\n".join(lines)


def read_log_facts(text: str, matches: Sequence[LogMatch]) -> LogFacts:
    dists: dict[str, str] = {}
    # 'tensorflow-cpu==2.15.0' in a line saying it could not be installed is a request, not an
    # installed distribution.
    failed_lines = {m.position[0] for m in matches if m.signature.name in INSTALL_FAILURES}
    for m in matches:
        if m.signature.name == "tf-distribution-listed" and m.position[0] not in failed_lines:
            # One line may name several ('Successfully installed tensorflow-2.10.0
            # tensorflow-gpu-2.9.1').
            for listed in m.signature.pattern.finditer(m.line):
                dists.setdefault(listed["dist"].replace("_", "-").lower(), listed["version"])
    for shown in _PIP_SHOW.finditer(text[:2_000_000]):
        dists.setdefault(shown["dist"], shown["version"])
    versions = set(dists.values()) or set(_printed_versions(text))
    os_name, os_line = _os_of(text)
    if os_name is None:
        os_name, os_line = _os_of_distributions(dists)
    loaded = [m for m in matches if m.signature.name == "library-loaded"]
    cuda_seen = [(m.group("version"), m.group(0)) for m in _CUDA_FOLDER.finditer(text[:2_000_000])]
    cuda_seen += [
        (m.group("version"), m.group(0)) for m in _NVCC_RELEASE.finditer(text[:2_000_000])
    ]
    smi = _SMI_HEADER.search(text[:2_000_000]) or _DRIVER_REPORTED.search(text[:2_000_000])
    for m in loaded:
        wanted = _wanted(m.groups["lib"], m.line)
        if wanted is not None and wanted.minor is not None and "cudnn" not in wanted.lib:
            cuda_seen.append((f"{wanted.major}.{wanted.minor}", m.line))
    cudnn_loaded = next(
        (
            m.groups.get("cudnn_loaded")
            for m in matches
            if m.signature.name in ("cudnn-version-mismatch", "cudnn-loaded")
        ),
        None,
    )
    failing = [
        w
        for m in matches
        if m.signature.finding_id in ("cuda-libs-not-found", "cudnn-not-found")
        and m.signature.name not in CUDNN_BUILD_SIGNATURES
        and "lib" in m.groups
        and (w := _wanted(m.groups["lib"], m.line)) is not None
    ]
    requested = {m.groups["requested"] for m in matches if m.groups.get("requested")}
    return LogFacts(
        tf_version=versions.pop() if len(versions) == 1 else None,
        tf_requested=requested.pop() if len(requested) == 1 else None,
        install_failed=any(m.signature.name in TF_NOT_RUNNING for m in matches),
        tf_range=_release_hints(text),
        tf_distributions=tuple(dists),
        os=os_name,
        os_line=os_line,
        python=_python_of(text),
        python_roots=_python_roots(text),
        container_line=(c.group(0) if (c := _CONTAINER.search(text)) else ""),
        cuda_seen=tuple(cuda_seen),
        cudnn_loaded=cudnn_loaded or None,
        wanted_cuda=tuple(w for w in failing if "cudnn" not in w.lib),
        wanted_cudnn=tuple(w for w in failing if "cudnn" in w.lib),
        cuda_folders_searched=_cuda_folders_searched(failing),
        driver=smi.group("driver") if smi else None,
        driver_cuda=smi.groupdict().get("cuda") if smi else None,
        driver_line=smi.group(0) if smi else "",
        cpu_build_line=_first(_CPU_BUILD, text),
        installed_line=_first(_TF_INSTALLED, text),
        notebook_line=_first(_NOTEBOOK, text),
        nvidia_wheels_line=_first(_NVIDIA_WHEELS, text),
        memory_free_line=_mostly_free(text),
    )


_MEMORY_USAGE = re.compile(
    r"Memory usage: (?P<free>\d{1,20}) bytes free, (?P<total>\d{1,20}) bytes total"
)


def _mostly_free(text: str) -> str:
    found = _MEMORY_USAGE.search(text[:2_000_000])
    if found is None or int(found["total"]) == 0:
        return ""
    return found.group(0) if int(found["free"]) >= int(found["total"]) / 2 else ""


HANDLE_FAILURES = frozenset({"cudnn-handle", "cublas-handle", "blas-unavailable"})
"""Library handles that failed to start: memory is the usual reason, not the only one."""


def weigh_memory(
    findings: Sequence[Finding], log: LogFacts, matches: Sequence[LogMatch]
) -> list[Finding]:
    """A memory finding that rests only on a failed cuDNN/cuBLAS handle, while TensorFlow says
    most of the GPU's memory was free, is not the cause: it stays as a warning, with the line
    that speaks against it (the driver or library versions are the next suspects)."""
    oom_lines = {m.signature.name for m in matches if m.signature.finding_id == "gpu-out-of-memory"}
    if not log.memory_free_line or not oom_lines or not oom_lines <= HANDLE_FAILURES:
        return list(findings)
    return [
        dataclasses.replace(
            f,
            severity=Severity.WARNING,
            evidence=(*f.evidence, f"but most of the GPU memory was free: {log.memory_free_line}"),
        )
        if f.id == "gpu-out-of-memory" and f.severity is Severity.ERROR
        else f
        for f in findings
    ]


_SMI_HEADER = re.compile(
    r"Driver Version: ?(?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\s+CUDA Version: ?"
    r"(?P<cuda>\d{1,2}\.\d{1,2})"
)
"""The header of nvidia-smi's table, which reports paste often."""
_DRIVER_REPORTED = re.compile(
    r"(?:Possibly insufficient driver version|libcuda reported version is|kernel reported"
    r" version is): (?P<driver>\d{3}\.\d{1,3}(?:\.\d{1,3})?)\b"
)
"""TensorFlow's own CUDA diagnostics name the installed driver."""
_NVCC_RELEASE = re.compile(r"Cuda compilation tools, release (?P<version>\d{1,2}\.\d{1,2})")
"""'nvcc --version': the CUDA toolkit on PATH."""
_SEARCHED = re.compile(r"LD_LIBRARY_PATH: ?(?P<path>[^\s;'\"]*)")
_TOOLKIT_LIB = re.compile(
    r"^/(?:usr/local|opt)/cuda(?:-\d{1,2}(?:\.\d)?)?/(?:lib64|lib|targets/[\w-]+/lib)/?$"
)
_CPU_BUILD = re.compile(
    r"is_built_with_cuda\(\)\)?[^\n]{0,40}\n(?:>>> )?\s*False\b"
    r"|['\"]is_cuda_build['\"]\s*[:,]\s*False\b"
    # conda's CPU variants: '_tflow_select 2.3.0 mkl', 'tensorflow 2.2.0 eigen_py36h...'
    r"|^[> \t]*_tflow_select\s+\S+\s+(?:mkl|eigen)\b"
    r"|^[> \t]*tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:mkl|eigen)_py\w*",
    re.MULTILINE,
)
_PIP_SHOW = re.compile(
    r"^[> \t]*Name: (?P<dist>tensorflow(?:-(?:gpu|cpu|macos|intel))?|tf-nightly)\s*\n"
    r"[> \t]*Version: (?P<version>\d+\.\d+\.\d+)",
    re.MULTILINE,
)
"""'pip show tensorflow'."""
_TF_INSTALLED = re.compile(
    r"^[> \t]*(?:Requirement already satisfied: (?:tensorflow|tf-nightly)(?:\[[\w,-]+\])?"
    r"(?:[=<>~!]=?[\w.*]+)? in"
    r"|Successfully installed (?:.* )?(?:tensorflow|tensorflow-gpu|tf-nightly)-\d)",
    re.MULTILINE,
)
_NVIDIA_WHEELS = re.compile(
    r"\bnvidia[-_](?:cudnn|cublas|cuda[-_]runtime)[-_]cu1[1-3]\b|site-packages/nvidia/"
    r"(?:cudnn|cublas|cuda_runtime)/lib"
)
_NOTEBOOK = re.compile(
    r"<ipython-input-\d+|^[ \t]*Cell In\s?\[\d+\]|/ipykernel[_/]"
    r"|\bjupyter(?:-lab| notebook| lab)\b",
    re.MULTILINE | re.IGNORECASE,
)


def _first(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text[:2_000_000])
    return found.group(0).strip()[:300] if found else ""


def _cuda_folders_searched(failing: Sequence[Wanted]) -> tuple[str, ...]:
    """The CUDA toolkit lib folders on the LD_LIBRARY_PATH that failing CUDA lines print: the
    loader looked there and did not find the version TensorFlow wants."""
    folders: dict[str, None] = {}
    for wanted in failing:
        if "cudnn" in wanted.lib:
            continue
        for printed in _SEARCHED.finditer(wanted.line):
            for entry in printed.group("path").split(":"):
                if _TOOLKIT_LIB.match(entry):
                    folders[entry.rstrip("/")] = None
    return tuple(folders)


_PRINTED_VERSION = re.compile(
    r"(?:TensorFlow version|tf\.__version__|tf\.version\.VERSION)\W{0,12}(?:\n\s*)?"
    r"['\"]?(?P<version>[12]\.\d{1,2}\.\d{1,2}(?:-?rc\d)?)\b",
    re.IGNORECASE,
)


_VERSION_COMMAND_OUTPUT = re.compile(
    r"(?:tf|tensorflow)\.(?:__version__|version\.VERSION)[^\n]{0,300}\n"
    r"(?:[^\n]{0,400}\n){0,3}?\s*['\"]?(?P<version>[12]\.\d{1,2}\.\d{1,2}(?:-?rc\d)?)['\"]?\s*$",
    re.MULTILINE,
)
"""A command that prints the version ('python -c "...print(tf.__version__)..."'), then the
version alone on a line within the next few lines of output."""


def _printed_versions(text: str) -> list[str]:
    """Versions a script printed: 'TensorFlow version: 2.4.1', '>>> tf.__version__' + "'2.4.1'",
    or a command printing tf.__version__ followed by the bare version."""
    sample = text[:2_000_000]
    found = [m.group("version") for m in _PRINTED_VERSION.finditer(sample)]
    return found or [m.group("version") for m in _VERSION_COMMAND_OUTPUT.finditer(sample)]


def _release_hints(text: str) -> tuple[tuple[str, str], ...]:
    sample = text[:2_000_000]
    return tuple(
        (spec, found.group(0))
        for pattern, spec in RELEASE_HINTS
        if (found := pattern.search(sample))
    )


def releases_from_hints(matrix: Matrix, log: LogFacts, facts: Facts) -> tuple[str, ...]:
    """The releases that could have written the log: those all its hints admit (every release
    when it gives none) that could be installed with what is known, newest first, one per X.Y
    series (a patch release changes none of the facts a rule reads). () when the hints
    disagree."""
    admitted = sorted(
        (
            r
            for r in matrix.tensorflow.releases
            if all(parsed(r.version) in specifier(spec) for spec, _ in log.tf_range)
        ),
        key=lambda r: parsed(r.version),
        reverse=True,
    )
    installable = [r for r in admitted if evaluate(r, facts, matrix, None).installable]
    newest_of_series: dict[str, str] = {}
    for r in installable or admitted:
        newest_of_series.setdefault(xy(r.version), r.version)
    return tuple(newest_of_series.values())


def _os_of(text: str) -> tuple[str | None, str]:
    sample = text[:2_000_000]
    for name, pattern in (("wsl2", _WSL), ("windows", _WINDOWS), ("macos", _MACOS)):
        if found := pattern.search(sample):
            return name, found.group(0)
    return None, ""


OS_OF_DISTRIBUTION = {"tensorflow-intel": "windows", "tensorflow-macos": "macos"}
"""Distributions PyPI publishes for one operating system only (tensorflow-intel is what
'pip install tensorflow' pulls in on native Windows from 2.11 on)."""


def _os_of_distributions(dists: dict[str, str]) -> tuple[str | None, str]:
    for dist, version in dists.items():
        if dist in OS_OF_DISTRIBUTION:
            return OS_OF_DISTRIBUTION[dist], f"{dist} {version} installed"
    return None, ""


_INSTALLER_PYTHON = re.compile(
    r"\b(?:You require|You're using|Using) CPython (?P<cpython>3\.\d{1,2})"
    r"|\bUsing Python (?P<env>3\.\d{1,2})(?:\.\d{1,2})? environment at"
    r"|current Python version \((?P<current>3\.\d{1,2})"
)
"""uv names the Python it resolves for."""


def _python_of(text: str) -> str | None:
    if banner := _PYTHON_BANNER.search(text[:2_000_000]):
        return banner.group("version")
    if said := _INSTALLER_PYTHON.search(text[:2_000_000]):
        return said.group("cpython") or said.group("env") or said.group("current")
    found = {
        m.group("xy") or f"3.{m.group('cp')[1:]}" for m in _PYTHON_PATH.finditer(text[:2_000_000])
    }
    return found.pop() if len(found) == 1 else None


def _python_roots(text: str) -> tuple[str, ...]:
    """The distinct Python installations the log names (their folders, without site-packages)."""
    roots: dict[str, None] = {}
    for line in text[:2_000_000].splitlines():
        if len(line) > 2000 or ("ython" not in line and ".exe" not in line):
            continue
        for m in _PYTHON_ROOT.finditer(line):
            root = m.group("root").strip(" '\"`").replace("\\\\", "\\").rstrip("/\\")
            root = re.sub(r"^.*?((?:[A-Za-z]:)?[/\\])", r"\1", root, count=1)
            if root:
                roots[root.lower()] = None
    return tuple(roots)


def _wanted(lib: str, line: str) -> Wanted | None:
    """The CUDA (or cuDNN) version a library file name asks for; None when it does not say."""
    base = _LIBRARY.match(lib)
    if base is None:
        return None
    name = base.group("name")
    version = library_version(lib)
    if not version:
        return None
    numbers = [int(n) for n in version.split(".") if n.isdigit()]
    if not numbers:
        return None
    if name == "cudnn":
        return Wanted(name, numbers[0], None, line)
    if name not in CUDA_LIBS:
        return None
    major, minor = numbers[0], numbers[1] if len(numbers) > 1 else None
    if major >= 11:
        minor = None  # CUDA 11+ keeps one soname per major: libcudart.so.11.0 is every 11.x
    if name == "cudart" and lib.lower().endswith(".dll") and len(version.split(".")) == 2:
        minor = numbers[1] if major < 11 else None  # cudart64_101.dll is exactly 10.1
    return Wanted(name, major, minor, line)


def facts_with_log(facts: Facts, log: LogFacts, matrix: Matrix) -> Facts:
    """Facts nobody stated, filled in from the log's own evidence (and said so); a driver
    version without the CUDA it supports gets it from NVIDIA's table."""
    unknown = set(facts.unknown)
    platform = facts.platform
    if "os" in unknown and log.os:
        platform = dataclasses.replace(
            platform,
            os=log.os,  # type: ignore[arg-type]
            wsl=log.os == "wsl2",
            source=f"log: {log.os_line}",
        )
        unknown.discard("os")
        unknown.discard("arch")
    if "container" in unknown and log.container_line:
        platform = dataclasses.replace(
            platform, container=True, container_evidence=(f"log: {log.container_line}",)
        )
        unknown.discard("container")
    pythons = facts.pythons
    if "pythons" in unknown and log.python:
        pythons = (PythonInterpreter(log.python, None, "log"),)
        unknown.discard("pythons")
    driver = facts.driver
    if "driver" in unknown and log.driver and is_driver_version(log.driver):
        windows = platform.os in ("wsl2", "windows")
        driver = Driver(
            version=log.driver,
            cuda_version=log.driver_cuda or driver_max_cuda(matrix, log.driver, windows),
            source=f"log: {log.driver_line}",
            library_version=log.driver,
            windows_numbering=windows,
        )
        unknown.discard("driver")
    cuda = facts.cuda
    if "cuda" in unknown and log.cuda_seen:
        cuda = tuple(
            CudaInstall(version, line[:200], "runtime", "log")
            for version, line in dict(log.cuda_seen).items()
        )
        unknown.discard("cuda")
    cudnn = facts.cudnn
    if "cudnn" in unknown and log.cudnn_loaded:
        cudnn = (CudnnInstall(log.cudnn_loaded, "(loaded, per the log)", "library", "log"),)
        unknown.discard("cudnn")
    return dataclasses.replace(
        facts,
        platform=platform,
        driver=driver,
        pythons=pythons,
        cuda=cuda,
        cudnn=cudnn,
        unknown=tuple(n for n in facts.unknown if n in unknown),
    )


def cross_findings(
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    release: TfRelease | None = None,
    tf_known_installed: bool = False,
) -> list[Finding]:
    """Findings that need the log and the facts together. release: the one that wrote the log,
    when known; tf_known_installed: someone stated (or a probe found) TensorFlow installed."""
    found: list[Finding] = []
    found += _library_mismatch(facts, log)
    found += _other_cudnn_loaded(facts, log)
    if not log.wanted_cuda and release is not None:
        found += _release_cuda_mismatch(facts, matches, release)
    if release is not None:
        found += _built_for_other_cuda(log, release)
    found += _toolkit_newer_than_driver(facts, matches)
    names = {m.signature.name for m in matches}
    if len(log.tf_distributions) >= 2:
        found.append(
            Finding(
                "multiple-tensorflow-distributions",
                Severity.ERROR,
                f"{len(log.tf_distributions)} TensorFlow distributions are installed in one "
                "environment; whichever was installed last owns the files",
                tuple(f"log names {d}" for d in log.tf_distributions),
                "Uninstall all of them ('pip uninstall " + " ".join(log.tf_distributions) + "'), "
                "then install one; 'tfgpu-setup apply' does this in its own environment.",
                TF_INSTALL,
            )
        )
    gpu_seen = any(m.signature.proves_gpu for m in matches)
    cpu_only = [d for d in log.tf_distributions if d in CPU_ONLY_DISTRIBUTIONS]
    if (cpu_only or log.cpu_build_line) and not gpu_seen:
        named = cpu_only[0] if cpu_only else "TensorFlow says it was built without CUDA"
        found.append(
            Finding(
                "cpu-only-tensorflow",
                Severity.ERROR,
                f"The TensorFlow installed is a CPU-only build ({named})",
                (*(f"log names {d}" for d in cpu_only), *filter(None, [log.cpu_build_line])),
                "Uninstall it and install the CUDA build (Linux/WSL2: pip install "
                "'tensorflow[and-cuda]'; native Windows: TensorFlow 2.10 is the last with GPU "
                "support); 'tfgpu-setup plan' picks it.",
                TF_INSTALL,
            )
        )
    if not cpu_only and not log.cpu_build_line:
        found += _silent_without_gpu(matches)
    if "no-module-tensorflow" in names:
        # A version stated while pip failed to install it is what was wanted, not what is there.
        installed = tf_known_installed and not names & INSTALL_FAILURES
        found += _wrong_environment(facts, log, installed)
    found += _wheels_not_found(log, matches)
    no_driver_lines = [
        m
        for m in matches
        if m.signature.finding_id in ("no-nvidia-driver", "no-nvidia-gpu")
        or m.signature.name in NO_DEVICE_SIGNATURES
    ]
    # cuInit's CUDA_ERROR_UNKNOWN needs the driver's libcuda loaded, which in a container means
    # the runtime did pass the GPU in: the host's driver (nvidia-uvm not loaded) is the cause.
    no_device = {m.signature.name for m in no_driver_lines if not _cuinit_unknown(m)}
    gpus_absent = facts.knows("gpus") and not facts.gpus
    if no_driver_lines and gpus_absent:
        found.append(
            Finding(
                "no-nvidia-gpu",
                Severity.ERROR,
                "This machine has no NVIDIA GPU, so TensorFlow runs on the CPU (the CUDA "
                "messages in the log are expected then)",
                (f"GPUs: none ({facts.gpus_reason or 'stated'})", _quote(no_driver_lines[0].line)),
                "Nothing to fix for CPU use. To use a GPU, run on a machine (or cloud instance "
                "type) that has an NVIDIA GPU.",
                CUDA_GPUS,
            )
        )
    wsl = facts.knows("os") and facts.platform.os == "wsl2"
    if wsl and any(m.signature.finding_id == "no-nvidia-driver" for m in no_driver_lines):
        found.append(
            Finding(
                "wsl-libcuda-missing",
                Severity.ERROR,
                "WSL2 finds no libcuda.so.1: the Windows NVIDIA driver with WSL support is "
                "missing or too old",
                (_quote(no_driver_lines[0].line), f"os: wsl2 ({facts.platform.source})"),
                "Install the current NVIDIA driver for Windows on the Windows host, then run "
                "'wsl --shutdown' and reopen WSL; do not install a Linux driver inside WSL2.",
                WSL_GUIDE,
            )
        )
    # The container toolkit itself reporting the host, or a stub libcuda loaded in place of the
    # driver's: the no-device lines have that cause, not a container started without the GPU.
    toolkit_engaged = any(n.startswith("container-cli-") for n in names) or bool(
        names & STUB_DRIVER_SIGNATURES
    )
    if no_device and facts.knows("container") and facts.platform.container and not toolkit_engaged:
        expects = _container_expects_gpu(facts)
        found.append(
            Finding(
                "container-gpu-not-exposed",
                Severity.ERROR if expects else Severity.WARNING,
                "The container was started without access to the GPU"
                if expects
                else "This runs in a container: if the host has an NVIDIA GPU, it was not "
                "passed in",
                (
                    *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
                    *[m.line.strip()[:300] for m in matches if m.signature.name in no_device][:2],
                ),
                "Start the container with the GPU: 'docker run --gpus all ...' (NVIDIA Container "
                "Toolkit on the host); in Kubernetes, request nvidia.com/gpu.",
                CONTAINER_TOOLKIT,
            )
        )
    return found


def _cuinit_unknown(match: LogMatch) -> bool:
    return match.signature.name == "cuinit-driver-init" and match.groups.get("code") in (
        "CUDA_ERROR_UNKNOWN",
        "UNKNOWN ERROR (999)",
    )


WRONG_ENVIRONMENT_FIX = (
    "Run the code with the environment's own interpreter (in a notebook, select that "
    "environment's kernel: 'python -m ipykernel install --user --name ENV' inside it), or "
    "install TensorFlow into the interpreter that runs it ('python -m pip install ...' with "
    "that same python)."
)


NOT_ABOUT_CUDA = frozenset(
    {"device-mapping-empty", "cpu-feature-guard", "onednn-notice", "absl-log-notice"}
)
"""Lines every TensorFlow build prints, with or without CUDA."""


def _silent_without_gpu(matches: Sequence[LogMatch]) -> list[Finding]:
    """TensorFlow ran, registered no GPU, and said nothing about CUDA: a CUDA build tries to
    load the driver and its libraries and logs when that fails, a CPU-only build has nothing to
    say. Only a warning: the log pasted may be an excerpt."""
    empty = next((m for m in matches if m.signature.name == "device-mapping-empty"), None)
    if empty is None or any(m.signature.name not in NOT_ABOUT_CUDA for m in matches):
        return []
    return [
        Finding(
            "cpu-only-tensorflow",
            Severity.WARNING,
            "TensorFlow registered no GPU and logged no CUDA line at all: most likely the "
            "TensorFlow installed is a CPU-only build",
            (
                _quote(empty.line),
                "no line about the driver or CUDA libraries (a CUDA build logs why it found "
                "no GPU)",
            ),
            'Check with python -c "import tensorflow as tf; print(tf.test.is_built_with_cuda())"'
            "; if False, uninstall it and install the CUDA build ('tfgpu-setup plan' picks it).",
            "https://github.com/google-deepmind/dnc/issues/5",
        )
    ]


def _wrong_environment(facts: Facts, log: LogFacts, tf_known_installed: bool) -> list[Finding]:
    """'No module named tensorflow' where TensorFlow is installed somewhere: in another Python
    (two interpreters named), per pip, per the user, or while a notebook kernel ran the code
    (kernels often run another Python than the shell's environment). A container's notebook is
    the image's own Python, so there the module is more likely missing from the image."""
    evidence: tuple[str, ...] = ()
    if len(log.python_roots) >= 2:
        evidence = tuple(f"Python at {root}" for root in log.python_roots[:4])
    elif log.installed_line:
        evidence = (f"pip: {log.installed_line}",)
    elif tf_known_installed:
        evidence = ("TensorFlow is installed (its version was stated or found), yet not here",)
    elif log.notebook_line and not (facts.knows("container") and facts.platform.container):
        evidence = (f"notebook: {log.notebook_line}",)
    if not evidence:
        return []
    return [
        Finding(
            "wrong-python-environment",
            Severity.ERROR,
            "The code ran in a different Python than the one TensorFlow is installed in",
            evidence,
            WRONG_ENVIRONMENT_FIX,
            VENV_DOCS,
        )
    ]


def _wheels_not_found(log: LogFacts, matches: Sequence[LogMatch]) -> list[Finding]:
    """NVIDIA's pip wheels are there (pip installed them, or the log names their folder) yet a
    CUDA or cuDNN library of the same major cannot be loaded: the loader does not look in the
    wheels' folders (TensorFlow before 2.14 never does; 2.16.1 has a RUNPATH defect)."""
    if not log.nvidia_wheels_line:
        return []
    wheel_cuda = re.search(r"cu(1[1-3])", log.nvidia_wheels_line)
    majors = {int(wheel_cuda.group(1))} if wheel_cuda else set()
    wanted = [*log.wanted_cuda, *log.wanted_cudnn]
    missing = [w for w in wanted if not majors or "cudnn" in w.lib or w.major in majors]
    if not missing:
        return []
    return [
        Finding(
            "pip-cuda-libs-not-on-path",
            Severity.ERROR,
            f"NVIDIA's pip wheels are installed but TensorFlow cannot load {missing[0].lib} "
            "from them: their folders are not on the loader path",
            (f"wheels: {log.nvidia_wheels_line}", _quote(missing[0].line)),
            "Put the wheels' lib folders (site-packages/nvidia/*/lib) on LD_LIBRARY_PATH, e.g. "
            "the activate script of 'tfgpu-setup apply' does it; with TensorFlow >= 2.14 "
            "prefer pip install 'tensorflow[and-cuda]' with a release whose RUNPATH finds them.",
            TF_INSTALL,
        )
    ]


def _container_expects_gpu(facts: Facts) -> bool:
    """Someone wants a GPU in this container: its image says so (NVIDIA_VISIBLE_DEVICES, as CUDA
    and NGC images set it), or a person or their log reported it while asking about the GPU.
    A container the probe merely detected may be a CPU-only one, like most CI machines."""
    visible = facts.env.get("NVIDIA_VISIBLE_DEVICES")
    if visible and visible not in ("void", "none"):
        return True
    return any(
        e.startswith(("flag", "environment", "log")) for e in facts.platform.container_evidence
    )


def _library_mismatch(facts: Facts, log: LogFacts) -> list[Finding]:
    """A library the log could not load, read against what the facts say is installed."""
    cuda_fix = (
        "Install the CUDA {wanted} this TensorFlow was built for (it can sit beside the other "
        "one; put its lib folder on LD_LIBRARY_PATH, or its bin folder on PATH on Windows), or "
        "install the TensorFlow release built for the CUDA you have: 'tfgpu-setup plan' picks "
        "it (with NVIDIA's pip wheels where they exist)."
    )
    cudnn_fix = (
        "Install cuDNN {wanted} for this TensorFlow's CUDA version, or the TensorFlow release "
        "built for the cuDNN you have ('tfgpu-setup plan')."
    )
    found = [
        _mismatch("cuda-version-mismatch", "CUDA", facts, "cuda", log.wanted_cuda, cuda_fix)
        or _other_toolkit(facts, log, cuda_fix),
        _mismatch("cudnn-version-mismatch", "cuDNN", facts, "cudnn", log.wanted_cudnn, cudnn_fix),
    ]
    return [f for f in found if f is not None]


CUDNN_BUILD_SIGNATURES = frozenset({"cudnn-needs-cublas-12", "cudnn-needs-cublas-11"})
"""cuDNN asking for the cuBLAS of the CUDA it was built for: says which CUDA the cuDNN build
wants, not which CUDA TensorFlow wants."""

STUB_DRIVER_SIGNATURES = frozenset({"libcuda-stub-resolved", "cuinit-stub-library"})

GENERIC_CUDA_FAILURES = frozenset(
    {"cudart-stub-not-found", "cannot-dlopen-gpu-libraries", "cudart-symbol-not-found"}
)
"""Lines saying CUDA libraries failed to load without naming one."""


def _other_cudnn_loaded(facts: Facts, log: LogFacts) -> list[Finding]:
    """TensorFlow names the cuDNN it loaded, and it is not the one installed (stated or found
    by the probe): another copy comes first on the loader path (an old cudnn64_*.dll on PATH,
    a conda or system cuDNN on LD_LIBRARY_PATH), so fixing the installed one changes nothing."""
    if not log.cudnn_loaded or not facts.knows("cudnn"):
        return []
    installed = [c for c in facts.cudnn if c.version and c.source != "log"]
    loaded = cudnn_version(log.cudnn_loaded)
    if not installed or any(_same_release(c.version or "", loaded) for c in installed):
        return []
    have = ", ".join(sorted({xy(c.version or "") for c in installed}, key=parsed))
    return [
        Finding(
            "ld-library-path-shadows",
            Severity.ERROR,
            f"TensorFlow loaded cuDNN {xy(loaded)}, but cuDNN {have} is the one installed: "
            "another copy comes first on the loader path",
            (
                f"log: cuDNN {loaded} loaded ({log.cudnn_loaded})",
                *(f"cuDNN {xy(c.version or '')} installed ({c.source})" for c in installed[:2]),
            ),
            "Find the other copy ('ldconfig -p | grep cudnn' and each LD_LIBRARY_PATH folder; "
            "on Windows 'where cudnn64_*.dll' for each folder on PATH) and remove it or move "
            "the installed cuDNN's folder ahead of it.",
            "https://github.com/tensorflow/tensorflow/issues/11401",
        )
    ]


def _same_release(stated: str, loaded: str) -> bool:
    """Equal as far as the stated version goes: '7' is any 7.x, '7.6' any 7.6.x."""
    given = parsed(stated).release[:2]
    return parsed(loaded).release[: len(given)] == given


def _release_cuda_mismatch(
    facts: Facts, matches: Sequence[LogMatch], release: TfRelease
) -> list[Finding]:
    """A CUDA failure that names no library, read against the CUDA the release needs: a
    release without NVIDIA's pip wheels loads the system CUDA, so an installed CUDA of another
    major is why it fails (TensorFlow 2.13 beside CUDA 12.1)."""
    failing = next((m for m in matches if m.signature.name in GENERIC_CUDA_FAILURES), None)
    if failing is None or release.cuda is None or release.and_cuda_requires:
        return []
    major, minor = (int(n) for n in release.cuda.split(".")[:2])
    wanted = Wanted("cudart", major, None if major >= 11 else minor, failing.line)
    found = _mismatch(
        "cuda-version-mismatch",
        "CUDA",
        facts,
        "cuda",
        (wanted,),
        "Install the CUDA {wanted} TensorFlow " + release.version + " was built for beside the "
        "other one and put its lib folder on LD_LIBRARY_PATH, or install a TensorFlow built for "
        "the CUDA you have ('tfgpu-setup plan' picks it).",
    )
    return [found] if found is not None else []


def _built_for_other_cuda(log: LogFacts, release: TfRelease) -> list[Finding]:
    """The CUDA runtime soname that failed to load is not the one this release loads (TF 2.2
    wants libcudart.so.10.1; the log asks for .so.10.0): whatever asked was built for another
    CUDA, a second TensorFlow or a custom op (Horovod's), and installing CUDA for TensorFlow
    will not satisfy it."""
    if release.cuda is None:
        return []
    other = next(
        (w for w in log.wanted_cuda if w.lib == "cudart" and not w.accepts(release.cuda)), None
    )
    if other is None:
        return []
    return [
        Finding(
            "cuda-version-mismatch",
            Severity.ERROR,
            f"TensorFlow {release.version} uses CUDA {release.cuda}, but something here asks "
            f"for CUDA {other} ({other.lib}): it was built for another CUDA",
            (
                _quote(other.line),
                f"TensorFlow {release.version} was built with CUDA {release.cuda}",
            ),
            "Find what was built for the other CUDA (another TensorFlow in the environment, or "
            "a compiled extension such as Horovod's ops) and rebuild or reinstall it against "
            f"CUDA {release.cuda}, or install the TensorFlow release built for CUDA {other} "
            "('tfgpu-setup plan --tf X.Y' checks one).",
            "https://github.com/horovod/horovod/issues/2095",
        )
    ]


def _toolkit_newer_than_driver(facts: Facts, matches: Sequence[LogMatch]) -> list[Finding]:
    """An installed CUDA toolkit the driver cannot run: CUDA 10.x and older need a driver
    that supports that very X.Y; from CUDA 11 a driver of the same major runs any minor (minor
    version compatibility). A TensorFlow that loads that toolkit fails where CUDA starts, so
    with such lines in the log it is the cause; otherwise a warning."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    if driver_cuda is None or not facts.knows("cuda"):
        return []
    newest = max((c.version for c in facts.cuda if c.version), key=parsed, default=None)
    if newest is None or _driver_runs(driver_cuda, newest):
        return []
    failed = next(
        (
            m
            for m in matches
            if m.signature.finding_id in ("no-nvidia-driver", "driver-too-old")
            and m.signature.severity is Severity.ERROR
        ),
        None,
    )
    return [
        Finding(
            "driver-too-old",
            Severity.ERROR if failed else Severity.WARNING,
            f"The NVIDIA driver ({facts.driver.version or '?'}, CUDA ≤ {driver_cuda}) is too old "
            f"for the CUDA {xy(newest)} installed",
            (
                f"driver {facts.driver.version or '?'} supports CUDA {driver_cuda} "
                f"({facts.driver.source})",
                f"CUDA {xy(newest)} installed",
                *([_quote(failed.line)] if failed else []),
            ),
            f"Update the NVIDIA driver to one that supports CUDA {xy(newest)} (nvidia-smi shows "
            "the highest CUDA a driver supports), or use the CUDA the driver supports and the "
            "TensorFlow built for it ('tfgpu-setup plan' picks them).",
            "https://docs.nvidia.com/deploy/cuda-compatibility/",
        )
    ]


def _driver_runs(driver_cuda: str, toolkit: str) -> bool:
    if parsed(toolkit).major >= 11:
        return parsed(driver_cuda).major >= parsed(toolkit).major
    return parsed(xy(driver_cuda)) >= parsed(xy(toolkit))


def _other_toolkit(facts: Facts, log: LogFacts, fix: str) -> Finding | None:
    """A CUDA runtime library missing although the loader searched a CUDA toolkit's lib folder
    (the dlerror line prints LD_LIBRARY_PATH): the toolkit there is another version. Only when
    the installed CUDA is unknown; a stated version is read by _mismatch instead."""
    if facts.knows("cuda") or not log.cuda_folders_searched or not log.wanted_cuda:
        return None
    w = log.wanted_cuda[0]
    folder = log.cuda_folders_searched[0]
    return Finding(
        "cuda-version-mismatch",
        Severity.ERROR,
        f"TensorFlow looks for CUDA {w} ({w.lib}) but the CUDA toolkit in {folder} is another "
        "version: the loader searched that folder and did not find it",
        (_quote(w.line), "confirm with 'nvcc --version' or 'ls " + folder + "'"),
        fix.format(wanted=w),
        TF_TESTED,
    )


def _mismatch(
    finding_id: str, what: str, facts: Facts, fact: str, wanted: tuple[Wanted, ...], fix: str
) -> Finding | None:
    installs = facts.cuda if fact == "cuda" else facts.cudnn
    versions = [c.version for c in installs if c.version] if facts.knows(fact) else []
    wrong = [w for w in wanted if not any(w.accepts(v) for v in versions)]
    if not versions or not wrong:
        return None
    w = wrong[0]
    have = ", ".join(sorted({xy(v) for v in versions}, key=parsed))
    return Finding(
        finding_id,
        Severity.ERROR,
        f"TensorFlow looks for {what} {w} ({w.lib}) but {what} {have} is installed",
        (_quote(w.line), *(f"{what} {xy(v)} installed" for v in versions[:2])),
        fix.format(wanted=w),
        TF_TESTED,
    )


def _quote(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 300 else line[:297] + "..."
