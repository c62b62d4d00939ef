"""What a log says about the machine by itself.

A pasted log carries facts of its own: the TensorFlow release (a version print, a pip line, the
source paths and library names it logs), the operating system (Windows paths and DLL names), the
Python, the driver, which CUDA libraries loaded and which were missing. Each is kept with the
line it came from. Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..distributions import separate_installs
from ..facts import Facts
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import evaluate
from ..versions import parsed, specifier, xy
from .logs import LogMatch
from .signatures import SIGNATURES, library_name, library_version
from .signatures.model import ONE_NAME_PER_MAJOR, OWN_NUMBERING
from .template import Stated, TemplateAnswers, template_answers

_WINDOWS = re.compile(
    r"[A-Za-z]:\\\\?[\w$ .-]{1,200}\\|\b\w+64_\d+\.dll\b|\.pyd\b|\bon win32\b"
    r"|\[MSC v\.\d{3,4} "
)
_WSL = re.compile(r"/usr/lib/wsl/|microsoft-standard-WSL2|\bWSL2\b|(?<![\w.])/mnt/[c-h]/Users/")
_MACOS = re.compile(
    # a .dylib that Linux's loader reports is one in a candidate list (Open MPI's), not macOS
    r"/Users/[^/\s]+/|\bmacOS\b|darwin|\.dylib\b(?!: cannot open shared object file)"
)
_PYTHON_PATH = re.compile(r"[/\\][Pp]ython(?P<xy>[23]\.\d{1,2})[/\\]|\bcp(?P<cp>3\d{1,2})-")
_PYTHON_BANNER = re.compile(
    # the interpreter's banner or 'python --version'; tf_env_collect.sh's 'python version: 3.6.7'
    r"^(?:Python |python version: )(?P<version>[23]\.\d{1,2}(?:\.\d{1,2})?)\b",
    re.MULTILINE,
)
_PYTHON_ROOT = re.compile(
    r"(?P<root>(?:[A-Za-z]:)?[\w./\\ -]{0,200}?)"
    r"(?:[/\\]lib[/\\]python[23]\.\d{1,2}[/\\](?:site|dist)-packages|[/\\]python(?:3|w)?\.exe)"
)
_CUDA_FOLDER = re.compile(r"cuda[-_/\\]v?(?P<version>\d{1,2}\.\d)(?![\d.])", re.IGNORECASE)
_CONTAINER = re.compile(
    r"/\.dockerenv|\bnvidia-docker\b|\bdocker run\b|\bkubectl\b"
    # Singularity/Apptainer: its library folder on LD_LIBRARY_PATH, or the command itself
    r"|/\.singularity\.d/|\b(?:singularity|apptainer) (?:shell|exec|run)\b"
    r"|^(?:Singularity|Apptainer)> "
    r"|\broot@[0-9a-f]{12}:"  # a shell prompt whose host name is a container id
    r"|^== are we in docker =+\s*\n\s*Yes\b",  # tf_env_collect.sh's answer
    re.MULTILINE,
)


INSTALL_FAILURES = frozenset(
    {
        "pip-no-matching-distribution",
        "pip-wheel-unsupported",
        "conda-python-incompatible",
        "uv-no-matching-wheel",
        "uv-platform-without-wheels",
        "pip-no-matching-tf-dependency",
        "uv-python-out-of-range",
        "poetry-python-range",
        "conda-no-cuda-driver",
    }
)
"""Lines saying pip or conda could not install TensorFlow."""

TF_NOT_RUNNING = INSTALL_FAILURES | frozenset(
    {
        "no-module-tensorflow",
        "windows-dll-load-failed",
        "native-runtime-not-loaded",
        "macos-wrong-architecture",
        "tensorflow-gpu-removed",
        # its import dies on the first AVX instruction: nothing of it ran
        "cpu-without-avx",
        "illegal-instruction",
    }
)
"""Lines saying TensorFlow never ran: no release wrote the rest of the log."""

CUDA_LIBS = frozenset({"cudart", "cublas", "cublasLt", "cusolver"})
"""Libraries whose soname follows the CUDA release (cufft, curand, cusparse number their own;
cuSOLVER's does only up to 10.0, while it still had a minor)."""
CUSOLVER_SONAMES = {10: ("10.1", "11.0"), 11: ("11.1", "12.9")}
"""The CUDA releases that ship libcusolver.so.N: 10.1 to 11.0 ship .so.10, 11.1 to 12.x .so.11
(the CUDA toolkits' lib64 folders)."""


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
            return f"{self.span[0]} to {self.span[1]}"
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
    # CUDA 10.0 named every library X.Y (10.1 kept that for cudart only: libcublas.so.10)
    (
        re.compile(
            r"\b(?:lib(?:cudart|cublas|cufft|curand|cusolver|cusparse)\.so\.10\.0"
            r"|(?:cudart|cublas|cufft|curand|cusolver|cusparse)64_100\.dll)\b"
        ),
        "<2.1",
    ),
    # CUDA 9.x and older: only TensorFlow 1.x was built with them (matrices/ starts at 2.0).
    (re.compile(r"\blib(?:cudart|cublas|cufft|curand|cusolver)\.so\.[5-9]\.\d\b"), "<2.0"),
    (re.compile(r"\b(?:cudart|cublas|cufft|curand|cusolver)64_[5-9]\d\.dll\b"), "<2.0"),
    # Native Windows builds have no CUDA from 2.11 (the wheel is tensorflow-intel's CPU build):
    # one that loads a CUDA DLL is 2.10 or older.
    (
        re.compile(
            r"\b(?:cudart|cublas|cublasLt|cudnn|cufft|curand|cusolver|cusparse)64_\d+\.dll\b"
        ),
        "<2.11",
    ),
    # Python 3.8 began naming the module in 'DLL load failed while importing X'; TensorFlow 2.2
    # was the first release for Python 3.8.
    (re.compile(r"DLL load failed while importing _?pywrap_"), ">=2.2"),
    # TensorFlow 1.x's own wording: the loader before it moved to platform/default (1.13).
    (
        re.compile(
            r"\btensorflow/stream_executor/dso_loader\.cc|successfully opened CUDA library"
            r"|Couldn't open CUDA library"
            # cuDNN's version as one number ('5005 (compatibility version 5000)') until 1.13
            r"|Loaded runtime CuDNN library: \d{4,5} \(compatibility version"
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
    tf_ran_line: str = ""
    """A record TensorFlow's C++ runtime wrote ('... dso_loader.cc:64] ...'): it was imported."""
    install_failed: bool = False
    """pip found no TensorFlow to install, or TensorFlow was not there to import: no release is
    known to have run."""
    os: str | None = None
    os_line: str = ""
    arch: str | None = None
    """The machine 'uname -a' prints (x86_64, aarch64, ppc64le)."""
    python: str | None = None
    python_roots: tuple[str, ...] = ()
    container_line: str = ""
    cuda_seen: tuple[tuple[str, str], ...] = ()
    """(X.Y, line) of CUDA installs the log shows (folders on paths, loaded runtimes)."""
    cudnn_loaded: str | None = None
    cudnn_compiled: str | None = None
    """The cuDNN TensorFlow says it was built with, where it names the one it loaded."""
    cudnn_seen: tuple[tuple[str, str], ...] = ()
    """(version, line) of cuDNN installs the log shows (cudnn.h's defines, package lists)."""
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
    binding_line: str = ""
    """A line of TensorFlow.js's or TensorFlow for Java's binding: their libtensorflow builds
    follow releases of their own, not the Python package's."""
    tfjs_gpu_binding_line: str = ""
    """The path of tfjs-node-gpu's native binding, as a failed load prints it."""
    tfjs_backend_failed_line: str = ""
    """TensorFlow.js saying its node backend failed to register."""
    module_not_found_line: str = ""
    """Windows' words for a DLL that a native module needs and the loader did not find."""
    ngc_line: str = ""
    """NVIDIA's NGC build of TensorFlow: built with its container's CUDA and cuDNN, which are
    not those tensorflow.org's table gives the same version number."""
    dxcore_failed_line: str = ""
    """NVIDIA's container CLI finding no dxcore: harmless on Linux, no GPU layer in WSL 2."""
    conda_line: str = ""
    """A conda environment: its own cudatoolkit and TensorFlow builds are what runs."""
    directml_line: str = ""
    """Microsoft's DirectML build or plug-in, which runs on a CPU-only TensorFlow."""
    shared_names_missing: bool = False
    """A CUDA library is missing by a name several CUDA releases ship (libcublas.so.10,
    libcufft.so.10, libcudart.so.11.0): not one minor's."""
    cpu_package_line: str = ""
    """pip installing the 'tensorflow' package of a release whose GPU build was 'tensorflow-gpu'."""
    cuda_build_line: str = ""
    """A record from TensorFlow's CUDA code (stream_executor/cuda, common_runtime/gpu): only a
    build with CUDA writes one."""
    local_build_line: str = ""
    """A TensorFlow version with a local label ('2.20.0-dev0+selfbuilt'): no PyPI build, so
    what the matrix says of PyPI's kernels does not hold for it."""
    installed_line: str = ""
    """A pip or conda line saying TensorFlow is installed (somewhere)."""
    sudo_pip_line: str = ""
    """'sudo pip install': root's pip installs into the system Python, not the environment's."""
    nvidia_wheels_line: str = ""
    """A line naming NVIDIA's CUDA/cuDNN pip wheels (installed, or their site-packages folder)."""
    colab_line: str = ""
    """A line showing the code ran on Google Colab (whose runtimes ship their own CUDA)."""
    hosted_notebook_line: str = ""
    """A line with a path only a hosted notebook service has (Colab, Kaggle, Studio Lab)."""
    notebook_line: str = ""
    """A line showing the code ran in a Jupyter/IPython kernel."""
    python_32bit_line: str = ""
    """A Python banner saying the interpreter is 32-bit (TensorFlow has 64-bit wheels only)."""
    gpu_requested_line: str = ""
    """The container was asked for the GPU ('docker run --gpus', 'singularity exec --nv')."""
    memory_taken_line: str = ""
    """TensorFlow 1.x's device properties when less than a tenth of the GPU's memory was free
    as it started ('totalMemory: 10.91GiB freeMemory: 301.25MiB'): another process holds it."""
    memory_free_line: str = ""
    """TensorFlow's own 'Memory usage: X bytes free, Y bytes total' when most of the GPU's
    memory was free as a cuDNN/cuBLAS handle failed: not a memory problem then."""
    gpus_seen: tuple[tuple[str, str | None, str], ...] = ()
    """(name, compute capability if printed, line) of the GPUs TensorFlow or nvidia-smi list."""
    glibc: str | None = None
    glibc_line: str = ""
    """The system's glibc as 'ldd --version' or conda's __glibc virtual package shows it."""
    driver_cuda_reported: str | None = None
    """The CUDA version the driver supports, as another program reported it: conda's __cuda
    virtual package ('conda info'), or PyTorch's driver check."""
    driver_cuda_reported_line: str = ""


CUDNN_BUILD_SIGNATURES = frozenset({"cudnn-needs-cublas-12", "cudnn-needs-cublas-11"})
"""cuDNN asking for the cuBLAS of the CUDA it was built for: says which CUDA the cuDNN build
wants, not which CUDA TensorFlow wants."""


CLUE_CHARS = 2_000_000
"""How much of a log is searched for clues about the machine: they are printed early, and a
log of hundreds of megabytes is not searched twenty times over."""


def read_log_facts(text: str, matches: Sequence[LogMatch]) -> LogFacts:
    sample = text[:CLUE_CHARS]
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
    for shown in _PIP_SHOW.finditer(sample):
        dists.setdefault(shown["dist"], shown["version"])
    metapackage = dists.get("tensorflow-gpu")
    if metapackage and metapackage == dists.get("tensorflow") and _CONDA_GPU_BUILD.search(sample):
        del dists["tensorflow-gpu"]  # Anaconda's metapackage that picked the GPU build listed
    asked = template_answers(sample)
    versions = set(dists.values()) or set(_printed_versions(sample)) or _exact(asked.tf)
    os_name, os_line = _os_of(sample)
    if os_name is None:
        os_name, os_line = _os_of_distributions(dists)
    if os_name is None and asked.os is not None:
        os_name, os_line = asked.os.value, asked.os.line
    loaded = [m for m in matches if m.signature.name == "library-loaded"]
    cuda_seen = [(m.group("version"), m.group(0)) for m in _CUDA_FOLDER.finditer(sample)]
    cuda_seen += [(m.group("version"), m.group(0)) for m in _NVCC_RELEASE.finditer(sample)]
    smi = _SMI_HEADER.search(sample) or _DRIVER_REPORTED.search(sample) or _SMI_QUERY.search(sample)
    cuda_listed, cudnn_seen = _installs_listed(sample)
    cuda_seen += cuda_listed
    if asked.cuda is not None:
        cuda_seen.append((asked.cuda.value, asked.cuda.line))
    if asked.cudnn is not None:
        cudnn_seen.append((asked.cudnn.value, asked.cudnn.line))
    for m in loaded:
        wanted = _wanted(m.groups["lib"], m.line)
        if wanted is not None and wanted.minor is not None and "cudnn" not in wanted.lib:
            cuda_seen.append((f"{wanted.major}.{wanted.minor}", m.line))
    cudnn_loaded = _first_field(matches, "cudnn_loaded", "cudnn-version-mismatch", "cudnn-loaded")
    cudnn_compiled = _first_field(matches, "cudnn_compiled", "cudnn-version-mismatch")
    failing = [
        w
        for m in matches
        if m.signature.finding_id in ("cuda-libs-not-found", "cudnn-not-found")
        and m.signature.name not in CUDNN_BUILD_SIGNATURES
        and "lib" in m.groups
        and (w := _wanted(m.groups["lib"], m.line)) is not None
    ]
    shared_names_missing = any(
        m.signature.finding_id == "cuda-libs-not-found" and _shared_across_releases(lib)
        for m in matches
        if (lib := m.groups.get("lib"))
    )
    requested = {m.groups["requested"] for m in matches if m.groups.get("requested")}
    reported = _driver_cuda_reported(sample, matches)
    return LogFacts(
        tf_version=versions.pop() if len(versions) == 1 else None,
        tf_requested=requested.pop() if len(requested) == 1 else None,
        install_failed=any(m.signature.name in TF_NOT_RUNNING for m in matches),
        tf_ran_line=_first(_TF_RUNTIME_RECORD, sample),
        tf_range=_release_hints(sample),
        tf_distributions=tuple(name for name, _ in separate_installs(dists.items())),
        os=os_name,
        os_line=os_line,
        arch=uname_arch.group("arch") if (uname_arch := _UNAME_ARCH.search(sample)) else None,
        python=_python_of(sample) or (asked.python.value if asked.python else None),
        python_roots=_python_roots(sample),
        container_line=_first(_CONTAINER, sample),
        cuda_seen=tuple(cuda_seen),
        cudnn_loaded=cudnn_loaded or None,
        cudnn_compiled=cudnn_compiled or None,
        cudnn_seen=tuple(cudnn_seen),
        wanted_cuda=tuple(w for w in failing if "cudnn" not in w.lib),
        wanted_cudnn=tuple(w for w in failing if "cudnn" in w.lib),
        cuda_folders_searched=_cuda_folders_searched(failing),
        driver=smi.group("driver") if smi else None,
        driver_cuda=smi.groupdict().get("cuda") if smi else None,
        driver_line=smi.group(0) if smi else "",
        cpu_build_line=_first(_CPU_BUILD, sample),
        binding_line=_first(_BINDING, sample),
        ngc_line=_first(_NGC_BUILD, sample),
        dxcore_failed_line=_first(_DXCORE_FAILED, sample),
        conda_line=_first(_CONDA_ENV, sample),
        directml_line=_first(_DIRECTML, sample),
        module_not_found_line=_first(_MODULE_NOT_FOUND, sample),
        tfjs_gpu_binding_line=_first(_TFJS_GPU_BINDING, sample),
        shared_names_missing=shared_names_missing,
        tfjs_backend_failed_line=_first(_TFJS_BACKEND_FAILED, sample),
        cpu_package_line=_cpu_package(sample),
        cuda_build_line=_first(_CUDA_BUILD_RECORD, sample),
        local_build_line=_first(_LOCAL_BUILD_VERSION, sample),
        installed_line=_first(_TF_INSTALLED, sample),
        sudo_pip_line=_first(_SUDO_PIP, sample),
        notebook_line=_first(_NOTEBOOK, sample),
        colab_line=_first(_COLAB, sample),
        hosted_notebook_line=next(
            (m.line.strip()[:300] for m in matches if m.signature.name == "hosted-notebook-path"),
            "",
        ),
        nvidia_wheels_line=_first(_NVIDIA_WHEELS, sample),
        memory_free_line=_mostly_free(sample),
        memory_taken_line=_memory_taken(sample),
        gpu_requested_line=_first(_GPU_REQUESTED, sample),
        python_32bit_line=_first(_PYTHON_32BIT, sample),
        gpus_seen=_gpus_seen(sample) or _stated_gpu(asked),
        glibc=glibc["ldd"] or glibc["conda"] if (glibc := _GLIBC_SHOWN.search(sample)) else None,
        glibc_line=glibc.group(0).strip() if glibc else "",
        driver_cuda_reported=reported[0] if reported else None,
        driver_cuda_reported_line=reported[1] if reported else "",
    )


_GPU_LISTED = re.compile(
    # TF 2.x's device lines: '..., name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0,
    # compute capability: 8.6'
    r"name: (?P<name>[^,\n]{2,60}?), pci bus id: [0-9a-fA-F:.]+, compute capability:"
    r" (?P<cc>\d{1,2}\.\d)"
    # TF 1.x: 'name: GeForce GTX 1080 major: 6 minor: 1'; TF 2.0-2.3: 'name: GeForce GTX 960M
    # computeCapability: 5.0'
    r"|name: (?P<name1>[^\n]{2,60}?) major: (?P<major>\d{1,2}) minor: (?P<minor>\d)\b"
    r"|name: (?P<name2>[^\n]{2,60}?) computeCapability: (?P<cc2>\d{1,2}\.\d)"
    # nvidia-smi's table: '|   0  NVIDIA GeForce RTX 3090     Off | 00000000:01:00.0  On |'
    r"|^\|\s{1,4}\d{1,2}\s+(?P<smi>[A-Za-z][^|\n]{2,40}?)\s+(?:On|Off)\s+\|\s+[0-9A-Fa-f]{4,8}:"
    r"[0-9A-Fa-f]{2}:"
    # 'nvidia-smi -L': 'GPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-...)'; 'nvidia-smi -q':
    # '    Product Name                          : NVIDIA GeForce RTX 3080'
    r"|^[> \t]*GPU \d{1,2}: (?P<listed>[A-Za-z][^\n(]{2,60}?) \(UUID: "
    r"|^[> \t]*Product Name[ \t]{0,40}: (?P<queried>[A-Za-z][^\n]{2,60}?)[ \t]*$",
    re.MULTILINE,
)


def _gpus_seen(sample: str) -> tuple[tuple[str, str | None, str], ...]:
    seen: dict[str, tuple[str, str | None, str]] = {}
    for m in _GPU_LISTED.finditer(sample):
        name = (
            m["name"] or m["name1"] or m["name2"] or m["smi"] or m["listed"] or m["queried"]
        ).strip()
        cc = m["cc"] or m["cc2"] or (f"{m['major']}.{m['minor']}" if m["major"] else None)
        if name not in seen or (cc and not seen[name][1]):
            seen[name] = (name, cc, m.group(0).strip()[:200])
    return tuple(seen.values())


_GLIBC_SHOWN = re.compile(
    r"^[> \t]*ldd \([^()\n]{1,60}\) (?P<ldd>\d\.\d{1,2})\s*$"
    r"|__glibc==?(?P<conda>\d\.\d{1,2})=",
    re.MULTILINE,
)
"""'ldd --version' ('ldd (Ubuntu GLIBC 2.31-0ubuntu9.9) 2.31'), conda's virtual package as
'conda info' lists it ('__glibc=2.27=0') or its solver names it ('__glibc==2.17=0')."""
_CONDA_CUDA = re.compile(
    r"^[> \t]*(?:virtual packages : |- feature:[^\n:]{0,40}::)?__cuda==?(?P<cuda>\d{1,2}\.\d)=",
    re.M,
)
"""The highest CUDA the driver conda detected supports: 'conda info' prints '__cuda=11.4=0', the
classic solver's conflict report '- feature:/linux-64::__cuda==10.1=0'."""


def _driver_cuda_reported(sample: str, matches: Sequence[LogMatch]) -> tuple[str, str] | None:
    """The CUDA version the driver supports as conda ('__cuda=11.4=0') or PyTorch ('found
    version 11070') reported it, with the line."""
    if conda_cuda := _CONDA_CUDA.search(sample):
        return conda_cuda["cuda"], conda_cuda.group(0).strip()
    torch = next((m for m in matches if m.signature.name == "torch-driver-too-old"), None)
    if torch is not None and torch.groups.get("driver_supports"):
        return torch.groups["driver_supports"], torch.line.strip()
    return None


_CUDNN_HEADER = re.compile(
    r"#define CUDNN_MAJOR\s+(?P<major>\d{1,2})\s*\n[> \t]*#define CUDNN_MINOR\s+(?P<minor>\d{1,2})"
    r"(?:\s*\n[> \t]*#define CUDNN_PATCHLEVEL\s+(?P<patch>\d{1,2}))?"
)
"""cudnn.h / cudnn_version.h, as 'grep CUDNN_MAJOR -A 2' shows them."""
_PACKAGE_LISTED = re.compile(
    r"^[> \t]*(?:ii\s+)?(?P<name>cudnn|libcudnn\d(?:-dev)?|nvidia-cudnn-cu1\d"
    r"|cudatoolkit|cuda-toolkit|cuda-cudart|cuda-runtime|cuda-version"
    r"|nvidia-cuda-runtime-cu1\d)(?:[ \t]+|==)(?:\d+:)?(?P<version>\d{1,2}\.\d{1,2})(?:\.\d+)*\b",
    re.MULTILINE,
)
"""A CUDA or cuDNN package as 'conda list', 'pip list', 'pip freeze' or 'dpkg -l' lists it."""
_LIBRARY_LISTED = re.compile(
    # 'ldconfig -p': '\tlibcudnn.so.7 (libc6,x86-64) => /usr/lib/...'; 'ls': a file name ending
    # the line ('libcudnn.so.8.9.7', 'libcudart.so.11.0 -> libcudart.so.11.0.221')
    r"(?:^|[ \t/])lib(?P<lib>cudnn|cudart)(?:_[a-z_]{1,30})?\.so\."
    r"(?P<version>\d{1,2}(?:\.\d{1,3}){0,2})(?: \(libc6[^)\n]{0,40}\) => \S+| -> \S+)?[ \t]*$",
    re.MULTILINE,
)
"""A CUDA runtime or cuDNN library on disk, as 'ldconfig -p' or 'ls' shows it."""
_CUDA_VERSION_JSON = re.compile(
    r'"cuda"\s*:\s*\{\s*"name"\s*:\s*"CUDA SDK",\s*"version"\s*:\s*"(?P<version>\d{1,2}\.\d{1,2})'
)
"""/usr/local/cuda/version.json (CUDA 11 on)."""
_CUDA_VERSION_FILE = re.compile(r"^[> \t]*CUDA Version (?P<version>\d{1,2}\.\d)\.\d+", re.M)
"""/usr/local/cuda/version.txt (CUDA 10.x and older)."""


def _installs_listed(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(CUDA, cuDNN) versions with their lines, as package lists and version files show them."""
    cuda = [(m["version"], m.group(0).strip()) for m in _CUDA_VERSION_FILE.finditer(text)]
    cudnn = [
        (".".join(filter(None, (m["major"], m["minor"], m["patch"]))), m.group(0))
        for m in _CUDNN_HEADER.finditer(text)
    ]
    for m in _PACKAGE_LISTED.finditer(text):
        found = (m["version"], m.group(0).strip())
        (cudnn if "cudnn" in m["name"] else cuda).append(found)
    cuda += [
        (m["version"], " ".join(m.group(0).split())) for m in _CUDA_VERSION_JSON.finditer(text)
    ]
    for m in _LIBRARY_LISTED.finditer(text):
        version, line = m["version"], m.group(0).strip()
        if m["lib"] == "cudnn":
            cudnn.append((version, line))
        elif version.count(".") >= 1:  # libcudart.so.12 names only the major
            cuda.append((".".join(version.split(".")[:2]), line))
    return cuda, cudnn


_TF_RUNTIME_RECORD = re.compile(
    r"\b(?:tensorflow|external/local_(?:xla|tsl)|third_party/xla|external/org_tensorflow)"
    r"/[\w/]{1,200}\.cc:\d{1,5}\] "
)
"""The source file and line every record of TensorFlow's C++ logging starts with."""
_CUDA_BUILD_RECORD = re.compile(
    r"^[^\n]{0,80}?\b(?:(?:stream_executor|xla)[/\\](?:cuda|gpu)|common_runtime[/\\]gpu)[/\\]"
    r"[\w/\\]{1,100}\.cc:\d{1,5}\] [^\n]*"
    # grappler costing a GPU device of this process (TF 1.x): a build with GPU devices
    r"|^[^\n]{0,80}?Not found: TF GPU device with id \d+ was not registered"
    # a cuDNN convolution that ran and failed (conv_ops.cc)
    r"|^[^\n]{0,120}?cuDNN launch failure : input shape\(",
    re.M,
)
"""A record TensorFlow's CUDA code wrote (its source path in the prefix, / or \\), or one
about a GPU device of its own."""
_PYTHON_32BIT = re.compile(r"^Python [23]\.\d[^\n]{0,120}\[MSC v\.\d+ 32 bit \(Intel\)\]", re.M)
"""The banner of a 32-bit Windows Python ('[MSC v.1916 32 bit (Intel)]'); a 64-bit one says
'64 bit (AMD64)'."""

_MEMORY_USAGE = re.compile(
    r"Memory usage: (?P<free>\d{1,20}) bytes free, (?P<total>\d{1,20}) bytes total"
)


_DEVICE_MEMORY = re.compile(
    r"[Tt]otal ?[Mm]emory: (?P<total>\d{1,6}(?:\.\d{1,3})?)(?P<total_unit>[GM])iB\s{1,40}"
    r"[Ff]ree ?[Mm]emory: (?P<free>\d{1,6}(?:\.\d{1,3})?)(?P<free_unit>[GM])iB"
)
"""TensorFlow 1.x's device properties: 'totalMemory: 10.91GiB freeMemory: 10.75GiB' on one line
(1.3 on), 'Total memory: 2.94GiB' above 'Free memory: 105.88MiB' before."""


_INTEGRATED_GPU = re.compile(r"\bTegra\b|\bJetson\b|\bXavier\b|\bOrin\b", re.IGNORECASE)


def _memory_taken(text: str) -> str:
    """Only the log's one reading: a later one in the same process (TF 1.x prints one per
    session) shows what this process took itself, and of several GPUs the busy one need not
    be the one that ran out."""
    if _INTEGRATED_GPU.search(text):
        return ""  # its 'free memory' is the system's
    readings = list(_DEVICE_MEMORY.finditer(text))
    if len(readings) != 1:
        return ""
    found = readings[0]
    total = float(found["total"]) * (1024 if found["total_unit"] == "G" else 1)
    free = float(found["free"]) * (1024 if found["free_unit"] == "G" else 1)
    return re.sub(r"\s+", " ", found.group(0)) if total > 0 and free < total / 10 else ""


def _mostly_free(text: str) -> str:
    found = _MEMORY_USAGE.search(text)
    if found is None or int(found["total"]) == 0:
        return ""
    return found.group(0) if int(found["free"]) >= int(found["total"]) / 2 else ""


def _first_field(matches: Sequence[LogMatch], field: str, *names: str) -> str | None:
    """The value of `field` in the first match of one of these signatures."""
    return next((m.groups.get(field) for m in matches if m.signature.name in names), None)


_SMI_HEADER = re.compile(
    r"Driver Version: ?(?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\s+(?:CUDA Version: ?"
    r"(?:(?P<cuda>\d{1,2}\.\d{1,2})|N/A|ERR!)|\|)"
)
"""The header of nvidia-smi's table, which reports paste often (before R410 it named no CUDA
version: NVIDIA's table gives the one the driver supports)."""
_SMI_QUERY = re.compile(
    r"^[> \t]*Driver Version[ \t]{0,40}: (?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)[ \t]*\n"
    r"(?:[> \t]*CUDA Version[ \t]{0,40}: (?P<cuda>\d{1,2}\.\d{1,2}))?",
    re.MULTILINE,
)
"""'nvidia-smi -q' (or -a): the driver and, on the next line, the CUDA version it supports."""
_DRIVER_REPORTED = SIGNATURES["driver-version-reported"].pattern
"""TensorFlow's own CUDA diagnostics name the installed driver."""
_NVCC_RELEASE = re.compile(r"Cuda compilation tools, release (?P<version>\d{1,2}\.\d{1,2})")
"""'nvcc --version': the CUDA toolkit on PATH."""
_SEARCHED = re.compile(r"LD_LIBRARY_PATH: ?(?P<path>[^\s;'\"]*)")
_TOOLKIT_LIB = re.compile(
    r"^/(?:usr/local|opt)/cuda(?:-\d{1,2}(?:\.\d)?)?/(?:lib64|lib|targets/[\w-]+/lib)/?$"
)
_BINDING = re.compile(
    r"@tensorflow[/\\]tfjs-node|\btfjs_binding\.node\b|Registration of backend tensorflow failed"
    r"|\bUnsatisfiedLinkError\b|\borg\.tensorflow\.\w"
)


_GPU_REQUESTED = re.compile(
    r"\b(?:singularity|apptainer) (?:exec|shell|run)\b[^\n]{0,200}?\s--nv\b"
    r"|\bdocker run\b[^\n]{0,300}?\s--gpus[ =]"
)
_UNAME_ARCH = re.compile(r"\b(?P<arch>x86_64|aarch64|ppc64le) GNU/Linux\b")
_DXCORE_FAILED = re.compile(
    r"dxcore initialization failed, continuing assuming a non-WSL environment"
)
_MODULE_NOT_FOUND = re.compile(r"Error: The specified module could not be found\.")
_TFJS_BACKEND_FAILED = re.compile(r"(?:Registration|Initialization) of backend tensorflow failed")
_TFJS_GPU_BINDING = re.compile(r"tfjs-node-gpu[\\/][^\s'\"]{0,200}?tfjs_binding\.node")
_NGC_BUILD = re.compile(
    r"^[> \t]*NVIDIA Release \d{2}\.\d{2}-tf[12]\b|^[> \t]*== TensorFlow ==[ \t]*$"
    r"|\bnvcr\.io/nvidia/tensorflow:"
    r"|tensorflow[^\n]{0,40}?\b[12]\.\d{1,2}\.\d{1,2}\+nv\d",
    re.MULTILINE | re.IGNORECASE,
)
"""The NGC container's banner ('== TensorFlow ==' above 'NVIDIA Release 20.10-tf1'; before
19.12 without '-tf1'), its image name, or NVIDIA's version label on a TensorFlow
('nvidia-tensorflow 1.15.5+nv22.12')."""
_CONDA_ENV = re.compile(
    r"[\\/](?:ana|mini)conda3?[\\/]|[\\/]envs[\\/][\w.-]{1,80}[\\/](?:lib|Lib|bin)\b"
    r"|\bconda (?:install|list|create|activate)\b",
    re.IGNORECASE,
)
"""A conda environment: its folders, or conda run on it. Its own cudatoolkit and its own
TensorFlow builds (CPU ones too, on Windows) are what the process loads."""
_DIRECTML = re.compile(r"\btensorflow[-_]directml\b", re.IGNORECASE)


_CPU_BUILD = re.compile(
    r"is_built_with_cuda\(\)\)?[^\n]{0,40}\n(?:>>> )?\s*False\b"
    # a notebook cell's result written after it: 'tf.test.is_built_with_cuda() # False'
    r"|is_built_with_cuda\(\)\)?[ \t]*#[ \t]*(?:->|=>|:)?[ \t]*False\b"
    r"|['\"]is_cuda_build['\"]\s*[:,]\s*False\b"
    # conda's CPU variants: '_tflow_select 2.3.0 mkl', 'tensorflow 2.2.0 eigen_py36h...',
    # conda-forge's 'tensorflow 2.10.0 cpu_py310hd1aba9c_0' (its CUDA ones are 'cuda112py...')
    r"|^[> \t]*_tflow_select\s+\S+\s+(?:mkl|eigen)\b"
    r"|^[> \t]*tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:mkl|eigen|cpu)_py\w*",
    re.MULTILINE,
)
_CONDA_GPU_BUILD = re.compile(
    r"^[> \t]*(?:tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:gpu_py|cuda\d{2,3}py)\w*"
    r"|_tflow_select\s+\S+\s+gpu\b)",
    re.MULTILINE,
)
"""'conda list' of a conda GPU build: Anaconda's and conda-forge's tensorflow-gpu metapackages
only select the gpu_py / cudaXXXpy build of 'tensorflow' (AnacondaRecipes/tensorflow_recipes,
conda-forge/tensorflow-feedstock's recipe), so the two are one install."""
_SUDO_PIP = re.compile(r"^[$#> \t]*sudo (?:-H )?(?:python3? -m )?pip3? install\b[^\n]{0,200}", re.M)
_PIP_SHOW = re.compile(
    r"^[> \t]*Name: (?P<dist>tensorflow(?:-(?:gpu|cpu|macos|intel))?|tf-nightly)\s*\n"
    r"[> \t]*Version: (?P<version>\d+\.\d+\.\d+)",
    re.MULTILINE,
)
"""'pip show tensorflow'."""
_TF_INSTALLED = re.compile(
    r"^[> \t]*(?:Requirement already satisfied: (?:tensorflow|tf-nightly)(?:\[[\w,-]+\])?"
    r"(?:[=<>~!]=?[\w.*]+)? in"
    r"|Successfully installed (?:.* )?(?:tensorflow|tensorflow-gpu|tf-nightly)-\d"
    # pip show's first line: the distribution is installed where that pip looks
    r"|Name: (?:tensorflow(?:-gpu|-cpu|-intel|-macos)?|tf-nightly)[ \t]*$)",
    re.MULTILINE,
)
_NVIDIA_WHEELS = re.compile(
    r"\bnvidia[-_](?:cudnn|cublas|cuda[-_]runtime)[-_]cu1[1-3]\b|site-packages/nvidia/"
    r"(?:cudnn|cublas|cuda_runtime)/lib"
)
_COLAB = re.compile(
    r"/usr/lib64-nvidia\b|\bgoogle\.colab\b|(?<![\w/.])/content/(?:drive|sample_data)/"
)
"""Colab's own paths: the driver folder on its LD_LIBRARY_PATH, its module, its file tree."""
_NOTEBOOK = re.compile(
    r"<ipython-input-\d+|^[ \t]*Cell In\s?\[\d+\]|/ipykernel[_/]"
    r"|\bjupyter(?:-lab| notebook| lab)\b",
    re.MULTILINE | re.IGNORECASE,
)


_PIP_INSTALLED = re.compile(r"Successfully installed (?P<installed>[^\n]*)")
"""pip's summary of what it installed (a wheel's file name alone is no evidence: pip may have
refused it). Each match runs to the end of its line, so a long line is read once."""
_TENSORFLOW_INSTALLED = re.compile(r"(?:^| )tensorflow-(?P<version>\d+\.\d+\.\d+)(?=\s|$)")
CPU_PACKAGE_RELEASES = (specifier("<1.15"), specifier(">=1.15.2,<2.1"))
"""Releases whose 'tensorflow' pip package was CPU-only, the GPU build being 'tensorflow-gpu':
all before 1.15, and 1.15.2 to 2.0 after 1.15.0's combined package was dropped
(https://github.com/tensorflow/tensorflow/issues/36347; from 2.1 'tensorflow' has the GPU)."""


def _cpu_package(text: str) -> str:
    for summary in _PIP_INSTALLED.finditer(text):
        found = _TENSORFLOW_INSTALLED.search(summary["installed"])
        if found and any(found["version"] in releases for releases in CPU_PACKAGE_RELEASES):
            return summary.group(0).strip()[:300]
    return ""


def _first(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return re.sub(r"\s*\n\s*", " ", found.group(0).strip())[:300] if found else ""


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


_LOCAL_BUILD_VERSION = re.compile(
    r"(?:TensorFlow version|tf\.__version__|tf\.version\.VERSION)\W{0,12}(?:\n\s*)?['\"]?"
    r"[12]\.\d{1,2}\.\d{1,2}[\w.-]{0,20}\+[\w.]{1,40}",
    re.IGNORECASE,
)
"""A printed version with a PEP 440 local label, which PyPI never serves."""


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
    found = [m.group("version") for m in _PRINTED_VERSION.finditer(text)]
    return found or [m.group("version") for m in _VERSION_COMMAND_OUTPUT.finditer(text)]


_CUSOLVER_10 = re.compile(r"\b(?:libcusolver\.so\.10|cusolver64_10\.dll)\b")
_CUDA_11_RUNTIME = re.compile(
    r"\b(?:libcudart\.so\.11\.0|libcublas\.so\.11|cu(?:dart|blas)64_11\d?\.dll)\b"
)


def _release_hints(text: str) -> tuple[tuple[str, str], ...]:
    hints = [
        (spec, found.group(0)) for pattern, spec in RELEASE_HINTS if (found := pattern.search(text))
    ]
    # cuSOLVER's .so.10 is CUDA 10.1 to 11.0's: beside CUDA 11's runtime, only TensorFlow 2.4
    # (built with CUDA 11.0) asks for both
    if (cusolver := _CUSOLVER_10.search(text)) and _CUDA_11_RUNTIME.search(text):
        hints.append((">=2.4,<2.5", cusolver.group(0)))
    return tuple(hints)


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
    if cpu_build_on_windows(log, facts):
        installable = [r for r in installable if not _windows_wheel_has_cuda(r)]
    newest_of_series: dict[str, str] = {}
    for r in installable or admitted:
        newest_of_series.setdefault(xy(r.version), r.version)
    return tuple(newest_of_series.values())


def cpu_build_on_windows(log: LogFacts, facts: Facts) -> bool:
    """TensorFlow said it was built without CUDA on native Windows, installed by pip: no
    CPU-only distribution (tensorflow-cpu) is named, no conda environment (Anaconda's Windows
    builds of 2.1 to 2.10 include CPU ones) and no DirectML (which runs on tensorflow-cpu) is
    seen, any of which would explain it in any release."""
    on_windows = facts.knows("os") and facts.platform.os == "windows"
    cpu_only_named = any(d in CPU_ONLY_DISTRIBUTIONS for d in log.tf_distributions)
    explained = cpu_only_named or log.conda_line or log.directml_line
    return on_windows and bool(log.cpu_build_line) and not explained


def _windows_wheel_has_cuda(release: TfRelease) -> bool:
    """Whether 'pip install tensorflow' on native Windows gave a CUDA build of this release:
    2.1 to 2.10 (before 2.1 the GPU build was the separate tensorflow-gpu). A CPU-only build
    there is of another release."""
    windows = release.platforms.get("windows_x86_64")
    return release.package == "tensorflow" and windows is not None and windows.gpu


def release_open_below_matrix(
    matrix: Matrix, log: LogFacts, candidates: tuple[str, ...] = ()
) -> bool:
    """Whether the log's hints also admit a release older than any the matrix holds (its paths
    were used by TensorFlow 1.x too). A log with no hints admits every release, those too,
    unless the facts rule out even the matrix's oldest series (a Python 3.11 install holds
    2.12 or later): candidates are the releases they admit."""
    if not log.tf_range:
        series = [xy(r.version) for r in matrix.tensorflow.releases]
        oldest_series = min(series, key=parsed, default=None)
        return oldest_series is not None and any(xy(c) == oldest_series for c in candidates)
    oldest = min((parsed(r.version) for r in matrix.tensorflow.releases), default=None)
    if oldest is None or oldest.major < 1:
        return False
    below = parsed(f"{oldest.major - 1}.99")
    return all(below in specifier(spec) for spec, _ in log.tf_range)


def _exact(stated: Stated | None) -> set[str]:
    """A release the template states, when it is one (not '>=2.10' nor 'latest')."""
    if stated is None:
        return set()
    try:
        parsed(stated.value)
    except ValueError:
        return set()
    return {stated.value}


def _stated_gpu(asked: TemplateAnswers) -> tuple[tuple[str, str | None, str], ...]:
    return ((asked.gpu.value, None, asked.gpu.line),) if asked.gpu is not None else ()


_LINUX = re.compile(
    r"\bGNU/Linux\b"
    r'|^[> \t]*PRETTY_NAME="(?:Ubuntu|Debian|CentOS|Red Hat|Rocky|AlmaLinux|Fedora|openSUSE|SUSE'
    r"|Arch Linux|Amazon Linux|Oracle Linux|Linux Mint|Pop!_OS)",
    re.MULTILINE,
)
"""'uname -a' ('... x86_64 GNU/Linux') and /etc/os-release: Linux, once WSL is ruled out."""


def _os_of(text: str) -> tuple[str | None, str]:
    for name, pattern in (
        ("wsl2", _WSL),
        ("windows", _WINDOWS),
        ("macos", _MACOS),
        ("linux", _LINUX),
    ):
        if found := pattern.search(text):
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
    if banner := _PYTHON_BANNER.search(text):
        return banner.group("version")
    if said := _INSTALLER_PYTHON.search(text):
        return said.group("cpython") or said.group("env") or said.group("current")
    found = {m.group("xy") or f"3.{m.group('cp')[1:]}" for m in _PYTHON_PATH.finditer(text)}
    return found.pop() if len(found) == 1 else None


def _python_roots(text: str) -> tuple[str, ...]:
    """The distinct Python installations the log names (their folders, without site-packages)."""
    roots: dict[str, None] = {}
    for line in text.splitlines():
        if len(line) > 2000 or ("ython" not in line and ".exe" not in line):
            continue
        for m in _PYTHON_ROOT.finditer(line):
            root = m.group("root").strip(" '\"`").replace("\\\\", "\\").rstrip("/\\")
            root = re.sub(r"^.*?((?:[A-Za-z]:)?[/\\])", r"\1", root, count=1)
            if root:
                roots[root.lower()] = None
    return tuple(roots)


def _shared_across_releases(lib: str) -> bool:
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


def _wanted(lib: str, line: str) -> Wanted | None:
    """The CUDA (or cuDNN) version a library file name asks for; None when it does not say."""
    name = library_name(lib)
    if name is None:
        return None
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
    if name == "cusolver" and len(numbers) == 1:
        span = CUSOLVER_SONAMES.get(numbers[0])
        return Wanted(name, numbers[0], None, line, span) if span else None
    major, minor = numbers[0], numbers[1] if len(numbers) > 1 else None
    if major >= 11:
        minor = None  # CUDA 11+ keeps one soname per major: libcudart.so.11.0 is every 11.x
    if name == "cudart" and lib.lower().endswith(".dll") and len(version.split(".")) == 2:
        minor = numbers[1] if major < 11 else None  # cudart64_101.dll is exactly 10.1
    return Wanted(name, major, minor, line)
