"""Can a TensorFlow release be installed here, and can its GPU build run here? With reasons."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from packaging.version import Version

from ..facts import CudaInstall, CudnnInstall, Facts, Gpu, PythonInterpreter, normalised_arch
from ..matrix import query
from ..matrix.model import CudaWheelSet, Defect, Matrix, TfRelease
from ..matrix.validate import NO_MVC_BEFORE, kernel_arch
from ..plan import Assumption
from ..versions import LibraryKind, build_need, parsed, serves_build, specifier, xy
from .driver_gpus import (
    WINDOWS_BRANCH_SPAN,
    WSL_CUDA_BRANCH,
    driver_branch,
    driver_gaps,
    dropped_by,
    first_driver_past,
    last_branch_of,
    last_branch_words,
    predates_wsl_cuda,
)
from .metal import metal_route, plug_in_blocker

CcSupport = Literal["sass", "ptx-jit", "unsupported", "unknown"]
CudaFrom = Literal["and-cuda", "pip-wheel-set", "system", "metal", "none"]
"""Where the release's CUDA libraries come from: its own [and-cuda] pins, a wheel set from the
matrix (releases before [and-cuda]), the system's CUDA/cuDNN, or nowhere usable; 'metal': no
CUDA at all, the GPU through Apple's tensorflow-metal plug-in (Apple silicon)."""
PIP_WHEEL_PLATFORMS = frozenset({"linux_x86_64", "wsl2"})
"""NVIDIA publishes the cu11 wheels for Linux x86_64 only (WSL2 runs the same wheels)."""


def has_wheels(release: TfRelease, key: str) -> bool:
    """PyPI has a wheel of this release for the platform `key` names."""
    support = release.platforms.get(key)
    return support is not None and support.available


def where_the_driver_goes(facts: Facts) -> str:
    """Where a driver update happens and what follows it, as a fix says it: WSL 2 and
    containers use their host's driver (no driver belongs inside them)."""
    if facts.knows("os") and facts.platform.os == "wsl2":
        return " on the Windows host (WSL 2 uses the Windows driver), then run 'wsl --shutdown'"
    if facts.knows("container") and facts.platform.container:
        return " on the host (a container uses its host's driver), then restart the container"
    return ", then reboot"


def has_gpu_build(release: TfRelease, key: str) -> bool:
    """The release has a CUDA build for this platform (native Windows has none from 2.11)."""
    support = release.platforms.get(key)
    return release.cuda is not None and (support is None or support.gpu)


def platform_key(facts: Facts) -> str:
    """The matrix's name for the platform; a machine no release has wheels for gets a key of
    its own ('linux_armv7l', 'windows_arm64'), which no release lists, rather than x86_64's."""
    p = facts.platform
    arch = normalised_arch(p.arch, p.os)
    if p.os == "macos":
        if arch in ("arm64", "aarch64"):
            return "macos_arm64"
        return "macos_x86_64" if arch in X86_64_OR_UNSTATED else f"macos_{arch}"
    if p.os == "wsl2" and arch in ("aarch64", "arm64"):
        return "linux_aarch64"  # WSL 2 on Windows on Arm runs Linux's aarch64 wheels
    if p.os in ("wsl2", "windows"):
        default = "wsl2" if p.os == "wsl2" else "windows_x86_64"
        return default if arch in X86_64_OR_UNSTATED else f"{p.os}_{arch}"
    if arch in ("aarch64", "arm64"):
        return "linux_aarch64"
    return "linux_x86_64" if arch in X86_64_OR_UNSTATED else f"linux_{arch}"


X86_64_OR_UNSTATED = frozenset({"x86_64", "unknown", ""})


def is_windows_driver(facts: Facts) -> bool:
    on_windows = facts.platform.os in ("wsl2", "windows")
    return (
        query.windows_numbered(facts.driver.version, on_windows) or facts.driver.windows_numbering
    )


@dataclass(frozen=True)
class GpuSupport:
    gpu: Gpu
    support: CcSupport
    reason: str


PLATFORM_LABELS = {
    "linux_x86_64": "Linux on x86_64",
    "linux_aarch64": "Linux on aarch64",
    "wsl2": "WSL2 on x86_64",
    "windows_x86_64": "Windows on x86_64",
    "macos_arm64": "macOS on Apple silicon",
    "macos_x86_64": "macOS on Intel",
}


def platform_without_wheels(facts: Facts) -> str | None:
    """The label of a machine, stated or probed, that is none of the matrix's platforms
    (armv7l, 32-bit x86, Windows on Arm): no release has a wheel there. None for a platform the
    matrix lists, or where the machine is not known."""
    if not facts.knows("arch"):
        return None
    key = platform_key(facts)
    return None if key in PLATFORM_LABELS else platform_label(key)


MUSL_BLOCKER = "needs glibc (its wheels are manylinux ones); this system's C library is musl"
MUSL_TITLE = (
    "The system's C library is musl (Alpine), not glibc: TensorFlow publishes wheels"
    " for glibc only, so pip finds none for any Python"
)
MUSL_FIX = (
    "Run it on a glibc-based system or image (Debian or Ubuntu, e.g. a '-slim' image"
    " instead of '-alpine'); compatibility layers (gcompat) do not make TensorFlow's"
    " wheels installable."
)


OS_LABELS = {"linux": "Linux", "wsl2": "WSL2", "windows": "Windows", "macos": "macOS"}


def platform_label(key: str) -> str:
    if key in PLATFORM_LABELS:
        return PLATFORM_LABELS[key]
    os_name, _, arch = key.partition("_")
    return f"{OS_LABELS.get(os_name, os_name)} on {'32-bit x86' if arch == 'x86' else arch}"


CONFIRM = {
    "os": "run the plan on that machine, or add --os",
    "arch": "run 'uname -m' there and add --arch",
    "pythons": "add --python X.Y (an interpreter on that machine)",
    "glibc": "run 'ldd --version' there and add --glibc X.Y",
    "driver": "run 'nvidia-smi' there and add --driver VERSION",
    "driver_in_container": (
        "run 'nvidia-smi' inside the container (it is there only when the container was started"
        " with the GPU: 'docker run --gpus all' with the NVIDIA Container Toolkit, or a Kubernetes"
        " nvidia.com/gpu limit) and add --driver VERSION"
    ),
    "gpus": "run 'nvidia-smi --query-gpu=name,compute_cap --format=csv' and add --gpu NAME",
    "cuda": "run 'nvcc --version' there and add --cuda-toolkit X.Y",
    "cudnn": (
        "look for libcudnn there ('ldconfig -p | grep cudnn', or cudnn_version.h) and add"
        " --cudnn X.Y.Z"
    ),
    "cudnn_windows": (
        "look for cudnn64_*.dll there ('where cudnn64_8.dll', or cudnn_version.h in CUDA's"
        " include folder) and add --cudnn X.Y.Z"
    ),
}


@dataclass(frozen=True)
class Evaluation:
    release: TfRelease
    python: PythonInterpreter | None
    install_blockers: tuple[str, ...]
    gpu_blockers: tuple[str, ...]
    gpus: tuple[GpuSupport, ...]
    driver_floor: tuple[str, str] | None
    """(minimum driver, source) for this release's CUDA major on this OS."""
    driver_blocker: str | None = None
    """The driver cannot run this release's CUDA (also listed in gpu_blockers)."""
    system_cuda_blocker: str | None = None
    """A release without NVIDIA pip pins lacks a usable system CUDA/cuDNN (also in gpu_blockers)."""
    assumptions: tuple[Assumption, ...] = ()
    """What this evaluation took for granted because the facts did not say."""
    cuda_from: CudaFrom = "none"
    wheel_set: CudaWheelSet | None = None
    """The matrix's pip wheel set the plan installs instead of a system CUDA, if any."""
    driver_update_fixes: bool = False
    """The driver alone stands in the way of the GPU build, and a driver new enough for it still
    drives the GPUs: the GPU build runs once the user installs or updates the driver."""
    system_cuda_and_driver_fix: bool = False
    """The driver and the system CUDA/cuDNN it loads stand in the way, and nothing else: the GPU
    build runs once the user updates the driver and installs that CUDA (a CUDA 8 machine on
    R367 for TensorFlow 2.3)."""
    python_to_install: PythonInterpreter | None = None
    """No Python here fits, and that alone keeps this release off: the one to install (the
    newest it supports) for a plan whose GPU build then runs."""

    @property
    def python_install_fixes(self) -> bool:
        """Installing `python_to_install` is all its GPU build needs."""
        return self.python_to_install is not None and not self.gpu_blockers

    @property
    def pins(self) -> tuple[str, ...]:
        """The NVIDIA wheels (exact pins) this release's GPU build loads from the env."""
        if self.wheel_set is not None:
            return self.wheel_set.pins
        return self.release.nvidia_pins if self.cuda_from == "and-cuda" else ()

    @property
    def newer_gpu_set(self) -> CudaWheelSet | None:
        """The wheels that replace the release's own pins for GPUs newer than its CUDA."""
        return self.wheel_set if self.wheel_set and self.wheel_set.min_cc else None

    @property
    def waits_for_driver(self) -> bool:
        """Its GPU build runs once the driver is updated, which this release itself needs."""
        return (
            self.driver_update_fixes or self.system_cuda_and_driver_fix
        ) and self.driver_blocker is not None

    @property
    def installable(self) -> bool:
        return not self.install_blockers

    @property
    def gpu_ok(self) -> bool:
        return self.installable and not self.gpu_blockers


def choose_python(
    release: TfRelease, facts: Facts, preferred: str | None
) -> PythonInterpreter | None:
    supported = set(release.python)
    if not facts.knows("pythons") and release.python:
        if preferred:
            return (
                PythonInterpreter(preferred, None, "flag --python")
                if (preferred in supported)
                else None
            )
        existing = _existing_env_python(facts, supported)
        newest = existing or max(release.python, key=parsed)
        return PythonInterpreter(
            newest,
            None,
            f"assumed: no Python was stated; TensorFlow {release.version} supports "
            f"{'/'.join(release.python)}",
        )
    found = [p for p in facts.pythons if xy(p.version) in supported]
    if preferred:
        found = [p for p in found if xy(p.version) == preferred]
    if not found:
        return None
    existing = _existing_env_python(facts, supported)
    return max(
        found,
        key=lambda p: (xy(p.version) == existing, parsed(p.version), p.source == "running"),
    )


def _existing_env_python(facts: Facts, supported: set[str]) -> str | None:
    """The X.Y of the env being re-planned, when the release supports it: reusing that env
    beats a newer Python that would force apply to rebuild it (--recreate)."""
    env = facts.target_env
    if env is None or not env.is_virtualenv or not env.python_version:
        return None
    version = xy(env.python_version)
    return version if version in supported else None


def arch_defect(release: TfRelease, cc: str, matrix: Matrix) -> Defect | None:
    """The matrix's known defect that keeps every kernel of `release` off GPUs of compute
    capability `cc` (Blackwell before 2.21: its PTX JIT fails), if any."""
    return next(
        (
            defect
            for defect in matrix.tensorflow.defects
            if defect.kind == "no-kernels-for-arch"
            and defect.min_cc is not None
            and parsed(cc) >= parsed(defect.min_cc)
            and parsed(release.version) in specifier(defect.affects)
        ),
        None,
    )


def gpu_support(release: TfRelease, gpu: Gpu, matrix: Matrix) -> GpuSupport:
    cc = gpu.compute_capability
    if cc is None:
        return GpuSupport(gpu, "unknown", f"compute capability of {gpu.name} is unknown")
    if (defect := arch_defect(release, cc, matrix)) is not None:
        return GpuSupport(gpu, "unsupported", f"{defect.title} ({defect.source})")
    if not release.sass and not release.ptx:
        return GpuSupport(
            gpu,
            "unknown",
            f"which kernels TensorFlow {release.version}'s wheel carries is not known yet "
            "(added by 'matrix refresh', not scanned)",
        )
    level = query.cc_support(release, cc)
    kernels = ",".join((*release.sass, *release.ptx)) or "none listed"
    if level == "sass":
        return GpuSupport(gpu, "sass", f"native kernels for {cc} ({kernels})")
    if level == "ptx-jit" and (predates := cuda_predates_gpu(release, cc, matrix)):
        return GpuSupport(gpu, "unsupported", predates)
    if level == "ptx-jit":
        return GpuSupport(
            gpu,
            "ptx-jit",
            f"no native kernels for {cc}; PTX is JIT-compiled at start-up ({kernels})",
        )
    return GpuSupport(gpu, "unsupported", f"compute capability {cc} is not covered ({kernels})")


LIBRARIES_PREDATE_GPU_SOURCE = "https://github.com/tensorflow/tensorflow/issues/42958"
"""A TensorFlow maintainer: TF 2.3 (CUDA 10.1) will not work on RTX 30 GPUs, TF 2.4 (CUDA 11.0)
will; NVIDIA/tensorflow#96 says the same of RTX 40 GPUs and CUDA 11.8."""


def cuda_predates_gpu(release: TfRelease, cc: str, matrix: Matrix) -> str | None:
    """Why PTX JIT will not save a GPU that is newer than the CUDA the release was built with:
    TensorFlow's own kernels can be JIT-compiled, but the cuDNN and cuBLAS of that CUDA have no
    code for an architecture that did not exist yet. None when the CUDA supports the GPU, or
    when the matrix has newer wheels for it that the release's [and-cuda] ranges admit."""
    arch = query.arch_for_cc(matrix, cc)
    first = query.first_cuda_with_code_for(matrix, cc)
    if release.cuda is None or arch is None or first is None:
        return None
    newer = newer_gpu_wheel_set(matrix, release, cc)
    cuda = newer.cuda if newer is not None else release.cuda
    if parsed(cuda) >= parsed(first):
        return None
    return (
        f"TensorFlow {release.version} was built with CUDA {release.cuda}, older than CUDA "
        f"{first}, the first with code a GPU of compute capability {cc} ({arch.name}) runs:"
        f" its cuDNN and cuBLAS have no kernels for this GPU ({LIBRARIES_PREDATE_GPU_SOURCE})"
    )


WSL_FIRST_CUDA = "11.4"
"""The CUDA of the R470 branch, the first whose Windows drivers run CUDA in WSL 2."""


def driver_floor(release: TfRelease, facts: Facts, matrix: Matrix) -> tuple[str, str] | None:
    if release.cuda is None:
        return None
    return floor_for_cuda(release.cuda, facts, matrix)


def floor_for_cuda(cuda: str, facts: Facts, matrix: Matrix) -> tuple[str, str]:
    """The driver a CUDA needs here: under WSL 2 never below the first Windows branch that
    runs CUDA there (R470), whichever CUDA (a release's own, or a wheel set's)."""
    floor = query.min_driver_for_cuda(matrix, cuda, is_windows_driver(facts))
    unknown_under_wsl = facts.platform.os == "wsl2" and facts.driver.version is None
    if predates_wsl_cuda(facts) or unknown_under_wsl:
        # an older branch's Windows driver runs the release natively, but not inside WSL 2:
        # the update it needs is to a branch that does (any R470 build does), and the one
        # assumed where the driver is unknown is one of those too
        wsl = query.min_driver_for_cuda(matrix, WSL_FIRST_CUDA, windows=True)[1]
        if query.compare_driver_versions(floor[0], wsl) < 0:
            exact = floor[1] if query.compare_driver_versions(floor[1], wsl) >= 0 else wsl
            return (wsl, exact)
    return floor


def forward_compatible(facts: Facts, release: TfRelease, matrix: Matrix) -> bool:
    """The driver is older than the release's CUDA needs, but the CUDA it reports is newer
    than its branch's own and covers the release: NVIDIA's forward-compatibility libraries
    (cuda-compat) answer for it, as nvidia-smi and NVML then report (data-center GPUs)."""
    driver = facts.driver
    if driver.version is None or driver.cuda_version is None or release.cuda is None:
        return False
    if any(refuses_forward_compatibility(g) for g in facts.gpus):
        return False  # GeForce and TITAN cards refuse the compatibility libraries
    windows = is_windows_driver(facts)
    own = query.driver_max_cuda(matrix, driver.version, windows)
    if own is None or parsed(driver.cuda_version) <= parsed(own):
        return False
    # the reported CUDA's own driver is of a later branch: within one branch (525.60.12
    # reporting 12.0) it is the driver's own CUDA, where the table's cut falls between builds
    reported_own = query.min_driver_for_cuda(matrix, xy(driver.cuda_version), windows)[1]
    branch, needed = driver_branch(driver.version), driver_branch(reported_own)
    return (
        branch is not None
        and needed is not None
        and branch < needed
        and query.driver_cuda_runs(driver.cuda_version, release.cuda)
    )


_CONSUMER_GPU = re.compile(r"\b(?:GeForce|TITAN|GTX)\b|\bRTX [2-5]0[5-9]0\b", re.IGNORECASE)
"""GeForce names as users type them too ('RTX 4090'); the professional RTX 4000-6000 (Ada, Quadro)
do not match."""


def has_no_mig(gpu: Gpu) -> bool:
    """A GPU that cannot be partitioned into MIG devices: MIG starts with compute capability 8.0,
    and NVIDIA lists no GeForce or TITAN among the GPUs that have it (the MIG user guide)."""
    cc = gpu.compute_capability
    return bool(_CONSUMER_GPU.search(gpu.name)) or (cc is not None and parsed(cc) < parsed("8.0"))


def refuses_forward_compatibility(gpu: Gpu) -> bool:
    """NVIDIA's forward compatibility serves data-center GPUs (and some RTX professional ones);
    GeForce and TITAN cards fail with CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE."""
    return bool(_CONSUMER_GPU.search(gpu.name))


def _driver_ok(
    floor: tuple[str, str], release: TfRelease, facts: Facts, matrix: Matrix
) -> str | None:
    """A blocker message when the driver cannot run this release's CUDA, else None."""
    if not facts.knows("driver"):
        return None
    driver = facts.driver
    if predates_wsl_cuda(facts):
        return (
            f"the Windows driver {driver.version} predates CUDA in WSL 2 (R{WSL_CUDA_BRANCH} or"
            " newer runs it)"
        )
    if driver.version is not None:
        if query.compare_driver_versions(driver.version, floor[0]) < 0:
            if forward_compatible(facts, release, matrix):
                return None
            return f"needs driver ≥ {floor[0]} for CUDA {release.cuda}, found {driver.version}"
        return None
    if driver.cuda_version is not None and release.cuda is not None:
        if not query.driver_cuda_runs(driver.cuda_version, release.cuda):
            needed = parsed(release.cuda)
            wanted = f"{needed.major}.x" if needed.major >= NO_MVC_BEFORE else release.cuda
            return (
                f"needs a driver supporting CUDA {wanted}, "
                f"the driver supports {driver.cuda_version}"
            )
        return None
    return "no NVIDIA driver found"


ZLIB_FROM_CUDNN = "8.3"
"""cuDNN for Windows needs zlibwapi.dll on PATH from 8.3 on (NVIDIA's cuDNN 8 install guide,
'Installing Zlib'; https://docs.nvidia.com/deeplearning/cudnn/archives/cudnn-890/
install-guide/index.html#install-zlib-windows): without it the first convolution ends the
process."""


def cudnn_needing_zlib(facts: Facts) -> list[CudnnInstall]:
    """The cuDNN installs of 8.3 to 8.x, which on Windows need zlibwapi.dll."""
    return [
        c
        for c in facts.cudnn
        if c.version and parsed(ZLIB_FROM_CUDNN) <= parsed(c.version) < parsed("9")
    ]


def _zlib_beside_cudnn(facts: Facts) -> list[Assumption]:
    """zlibwapi.dll, which no fact records, assumed beside a Windows cuDNN of 8.3 or later."""
    newer = cudnn_needing_zlib(facts)
    if not newer:
        return []
    return [
        Assumption(
            "cudnn",
            f"zlibwapi.dll on PATH (cuDNN {newer[0].version} on Windows needs it from 8.3 on)",
            "run 'where zlibwapi.dll'; where it is missing, install zlib as NVIDIA's cuDNN"
            " install guide says (zlibwapi.dll in a folder on PATH)",
        )
    ]


def major_only(installs: tuple[CudaInstall, ...] | tuple[CudnnInstall, ...]) -> str | None:
    """The major of a CUDA or cuDNN stated by it alone ('--cuda-toolkit 11', 'cuDNN 8'), where no
    install of it has a minor: None otherwise."""
    versions = [c.version for c in installs if c.version]
    if not versions or any(len(parsed(v).release) > 1 for v in versions):
        return None
    return versions[0]


_DATA_CENTRE_BOARD = re.compile(
    r"\bTesla\b|\b(?:[AH]800|A100|A30|A40|A10G?|A16|A2|H100|H200|GH200|B200|L4|L40S?|T4|V100"
    r"|P100|P40|P4|K80|K40|M60|M40)\b",
    re.IGNORECASE,
)
"""Data-centre boards, which Windows drivers run in TCC mode by default."""


def _wddm_under_wsl(facts: Facts) -> list[Assumption]:
    """Under WSL 2 a GPU is visible only in WDDM mode; data-centre boards start in TCC mode on
    Windows (microsoft/WSL#9952: an H100), so that one runs in WDDM is assumed, to confirm."""
    if not (facts.knows("os") and facts.platform.os == "wsl2" and facts.knows("gpus")):
        return []
    board = next((g.name for g in facts.gpus if _DATA_CENTRE_BOARD.search(g.name)), None)
    if board is None:
        return []
    return [
        Assumption(
            "gpus",
            f"the {board} in WDDM mode on Windows (WSL 2 sees no GPU in TCC mode, the default of"
            " data-centre boards)",
            "run 'nvidia-smi' in Windows: its TCC/WDDM column must say WDDM ('nvidia-smi -i N"
            " -dm 0' as administrator switches it, where the board has that mode; then reboot)",
        )
    ]


def _windows_cudnn_confirm(cudnn: str | None) -> str:
    """Where to look for cuDNN on Windows, by the DLL of the major the release loads
    (cudnn64_7.dll for 2.0 to 2.3, cudnn64_8.dll after)."""
    major = cudnn.split(".")[0] if cudnn else "8"
    return CONFIRM["cudnn_windows"].replace("cudnn64_8.dll", f"cudnn64_{major}.dll")


def _branch_meets_floor(facts: Facts, floor: str) -> list[Assumption]:
    """A driver stated by its branch alone ('--driver 525') of the very branch the floor is in:
    its early releases are older than the floor (525.60.11 against 525.60.13), so meeting it
    is assumed, to confirm."""
    stated = facts.driver.version if facts.knows("driver") else None
    if stated is None or "." in stated or stated != floor.split(".")[0]:
        return []
    return [
        Assumption(
            "driver",
            f"an NVIDIA driver {stated}.x ≥ {floor} (only the branch {stated} was stated)",
            CONFIRM["driver"],
        )
    ]


def _minor_not_stated(release: TfRelease, facts: Facts, key: str) -> list[Assumption]:
    """A system CUDA or cuDNN stated by its major alone: its minor decides (CUDA 11.0 has no
    libcusolver.so.11; cuDNN 8.0 is refused by a build made with 8.1), so the release's need is
    assumed met, to confirm."""
    assumed = []
    kinds: tuple[tuple[LibraryKind, str | None, str | None], ...] = (
        ("cuda", release.cuda, major_only(facts.cuda)),
        ("cudnn", release.cudnn, major_only(facts.cudnn)),
    )
    for kind, built, major in kinds:
        if built is None or major is None:
            continue
        what = "CUDA" if kind == "cuda" else "cuDNN"
        confirm = (
            _windows_cudnn_confirm(built)
            if kind == "cudnn" and key == "windows_x86_64"
            else CONFIRM[kind]
        )
        assumed.append(
            Assumption(
                kind,
                f"{what} {build_need(built, kind)} on the system (only {what} {major} was"
                " stated: its minor decides)",
                confirm,
            )
        )
    return assumed


def evaluate(
    release: TfRelease,
    facts: Facts,
    matrix: Matrix,
    preferred_python: str | None,
    installed: bool = False,
) -> Evaluation:
    """Whether `release` installs and runs its GPU build with these facts. installed: the
    release is already there (the doctor's question); its CUDA then comes from the system or
    from NVIDIA wheels already in the environment, never from a wheel set a plan would add."""
    key = platform_key(facts)
    support = release.platforms.get(key)
    install: list[str] = []
    gpu_blockers: list[str] = []
    assumed: list[Assumption] = []
    if not facts.knows("os"):
        assumed.append(Assumption("os", platform_label(key), CONFIRM["os"]))
    elif not facts.knows("arch") and key.startswith(("linux", "macos")):
        # (a Mac's chip decides its wheels: Apple silicon's start at 2.13, Intel's end at 2.16)
        assumed.append(Assumption("arch", platform_label(key), CONFIRM["arch"]))
    if not has_wheels(release, key):
        install.append(f"no {key} wheels of tensorflow {release.version}")
    python = choose_python(release, facts, preferred_python)
    if python is not None and python.source.startswith("assumed"):
        assumed.append(Assumption("pythons", f"Python {python.version}", CONFIRM["pythons"]))
    if python is None:
        found = ", ".join(sorted({xy(p.version) for p in facts.pythons})) or "none"
        wanted = f"Python {preferred_python}, which" if preferred_python else "Python"
        install.append(
            f"needs {wanted} {'/'.join(release.python)}; found {found}"
            if not preferred_python
            else f"supports Python {'/'.join(release.python)}, not {preferred_python}"
        )
    glibc_min = support.glibc_min if support else None
    glibc = facts.platform.glibc
    if facts.platform.musl and key.startswith(("linux", "wsl")):
        install.append(MUSL_BLOCKER)
    elif glibc_min and glibc and parsed(glibc) < parsed(glibc_min):
        install.append(f"needs glibc ≥ {glibc_min}, found {glibc}")
    elif glibc_min and not facts.knows("glibc") and key.startswith(("linux", "wsl")):
        assumed.append(Assumption("glibc", f"glibc ≥ {glibc_min}", CONFIRM["glibc"]))
    gpus = tuple(gpu_support(release, g, matrix) for g in facts.gpus)
    floor = driver_floor(release, facts, matrix)
    driver_problem: str | None = None
    driver_update_fixes = system_cuda_and_driver_fix = False
    missing: str | None = None
    cuda_from: CudaFrom = "none"
    wheel_set: CudaWheelSet | None = None
    plug_in = metal_route(release, facts, key) if not installed else None
    if plug_in is not None and support is not None and support.available:
        # Apple silicon's GPU, through Apple's plug-in: no CUDA, no NVIDIA driver
        cuda_from = "metal"
        if blocker := plug_in_blocker(plug_in, python.version if python else None):
            gpu_blockers.append(blocker)
    elif support is not None and not support.gpu:
        gpu_blockers.append(support.note or f"no GPU support on {key}")
    elif release.cuda is None or floor is None:
        gpu_blockers.append("no CUDA build")
    else:
        system_known = facts.knows("cuda") or facts.knows("cudnn")
        # the matrix's wheel set for a release before [and-cuda], where pip here takes it
        near = None if release.nvidia_pins else wheel_set_for(matrix, release)
        glibc_bar = glibc_below_wheels(near, facts)
        wheels_here = near if key in PIP_WHEEL_PLATFORMS and glibc_bar is None else None
        if release.nvidia_pins:
            cuda_from = "and-cuda"
            if key in PIP_WHEEL_PLATFORMS and (
                wheel_set := _newer_gpus_set(matrix, release, facts)
            ):
                # GPUs newer than the CUDA it was built with: wheels its extra admits, new enough.
                floor = floor_for_cuda(wheel_set.cuda, facts, matrix)
        elif (
            system_known
            and (
                missing := _system_cuda_missing(
                    release, facts, key, wheels_here is not None, glibc_bar
                )
            )
            is None
        ):
            cuda_from = "system"
        elif (
            wheels_here is not None
            and not (installed and _no_wheels_known(facts))
            and (wheel_set := wheels_here)
        ):
            # The libraries come from pip instead: the driver must run the set's CUDA.
            cuda_from, missing = "pip-wheel-set", None
            floor = floor_for_cuda(wheel_set.cuda, facts, matrix)
        elif not system_known:
            cuda_from = "system"  # not stated: assumed below, to confirm
        driver_problem = _driver_ok(floor, release, facts, matrix) if floor else None
        if floor and not driver_problem:
            assumed += _branch_meets_floor(facts, floor[0])
        if driver_problem:
            gpu_blockers.append(driver_problem)
        if not facts.knows("driver") and floor and not facts.gpus_absent():
            # the driver must also know the GPU: an RTX 5090 needs CUDA 12.8's R570
            later = first_driver_past(floor[0], facts.gpus, matrix, is_windows_driver(facts))
            assumed_driver = later[0] if later else floor[0]
            in_container = facts.knows("container") and facts.platform.container
            # WSL 2 reaches the GPU through the Windows driver, on Windows builds that have GPU
            # support in WSL (NVIDIA's CUDA on WSL guide)
            wsl = facts.knows("os") and facts.platform.os == "wsl2"
            assumed.append(
                Assumption(
                    "driver",
                    f"an NVIDIA driver ≥ {assumed_driver}"
                    + last_branch_words(last_branch_of(facts.gpus, matrix))
                    + (
                        " on the host, and the container started with the GPU"
                        if in_container
                        else " on Windows (10 21H2 or 11), with WSL updated ('wsl --update')"
                        if wsl
                        else ""
                    ),
                    CONFIRM["driver_in_container" if in_container else "driver"],
                )
            )
        assumed += _wddm_under_wsl(facts)
        if not facts.knows("gpus"):
            kernels = ", ".join((*release.sass, *release.ptx))
            assumed.append(
                Assumption(
                    "gpus",
                    "an NVIDIA GPU TensorFlow has kernels for"
                    + (f" ({kernels})" if kernels else ""),
                    CONFIRM["gpus"],
                )
            )
        elif not facts.gpus:
            gpu_blockers.append("no NVIDIA GPU visible")
        elif all(g.support == "unsupported" for g in gpus):
            gpu_blockers.append("; ".join(f"{g.gpu.name}: {g.reason}" for g in gpus))
        elif len(gaps := driver_gaps(facts, matrix, is_windows_driver(facts))) == len(facts.gpus):
            gpu_blockers.append("; ".join(gap.reason for gap in gaps))
        if missing:
            gpu_blockers.append(missing)
        driver_blockers = {driver_problem, _gaps_a_driver_mends(facts, matrix, floor)} - {None}
        driver_update_fixes = (
            bool(gpu_blockers)
            and set(gpu_blockers) <= driver_blockers
            and _newer_driver_drives(release, floor, gpus, facts, matrix)
        )
        beside_the_cuda = set(gpu_blockers) - {missing}
        system_cuda_and_driver_fix = (
            bool(missing)
            and bool(beside_the_cuda)
            and beside_the_cuda <= driver_blockers
            and _newer_driver_drives(release, floor, gpus, facts, matrix)
        )
        if cuda_from == "system" and not (facts.knows("cuda") and facts.knows("cudnn")):
            cudnn = (
                _windows_cudnn_confirm(release.cudnn)
                if key == "windows_x86_64"
                else CONFIRM["cudnn"]
            )
            confirm = [CONFIRM["cuda"]] if not facts.knows("cuda") else []
            confirm += [cudnn] if not facts.knows("cudnn") else []
            assumed.append(
                Assumption(
                    "cuda",
                    f"CUDA {release.cuda} and cuDNN {release.cudnn} installed on the system",
                    "; ".join(confirm),
                )
            )
        if cuda_from == "system":
            assumed += _minor_not_stated(release, facts, key)
        if cuda_from == "system" and key == "windows_x86_64":
            assumed += _zlib_beside_cudnn(facts)
    # only the Python stands in the way (not the platform's wheels, its glibc or musl)
    to_install = (
        PythonInterpreter(
            max(release.python, key=parsed),
            None,
            f"to install: TensorFlow {release.version} supports {'/'.join(release.python)}",
        )
        if python is None and release.python and len(install) == 1
        else None
    )
    return Evaluation(
        release,
        python,
        tuple(install),
        tuple(gpu_blockers),
        gpus,
        floor,
        driver_problem,
        missing,
        tuple(assumed),
        cuda_from,
        wheel_set,
        driver_update_fixes,
        system_cuda_and_driver_fix,
        to_install,
    )


def _gaps_a_driver_mends(facts: Facts, matrix: Matrix, floor: tuple[str, str] | None) -> str | None:
    """The blocker evaluate() lists when the driver drives none of the GPUs, where another
    driver mends it: a newer one for a driver older than the GPUs, or their legacy branch for
    one past it, where that branch still runs this release's CUDA (R580 for a V100 on R590)."""
    gaps = driver_gaps(facts, matrix, is_windows_driver(facts))
    needed = driver_branch(floor[0]) if floor else None
    if not gaps or len(gaps) != len(facts.gpus):
        return None
    if all(g.kind == "predates" or (needed is not None and g.branch >= needed) for g in gaps):
        return "; ".join(gap.reason for gap in gaps)
    return None


def _newer_driver_drives(
    release: TfRelease,
    floor: tuple[str, str] | None,
    gpus: tuple[GpuSupport, ...],
    facts: Facts,
    matrix: Matrix,
) -> bool:
    """Some GPU with this release's kernels is still driven by a driver ≥ floor (a Kepler card
    stops at R470, so no update brings it CUDA 12). GPUs nobody named, beside a driver someone
    read (a GPU is what it reports on), are the ones the plan assumes (a GPU the release has
    kernels for): an update serves them where every generation those kernels reach is still
    driven past the floor. Without a driver either, a driver to install is no fix for a machine
    whose GPUs nobody has seen."""
    if floor is None:
        return False
    needed = driver_branch(floor[0])
    if needed is None:
        return False
    if is_windows_driver(facts):
        needed -= WINDOWS_BRANCH_SPAN
    if not facts.gpus:
        return not facts.knows("gpus") and _assumed_gpu_driven_past(release, facts, needed, matrix)
    return any(_driven_past(release, g, needed, matrix) for g in gpus)


def lowest_kernel(release: TfRelease) -> str | None:
    """The lowest compute capability the release has native kernels (SASS) for, as X.Y."""
    archs = [a for name in release.sass if (a := kernel_arch(name, "sm_")) is not None]
    return f"{min(archs) // 10}.{min(archs) % 10}" if archs else None


def _assumed_gpu_driven_past(release: TfRelease, facts: Facts, branch: int, matrix: Matrix) -> bool:
    """The oldest GPU the release's kernels reach, where a driver was read (its version or
    the CUDA it reports): still driven by a driver of `branch`."""
    read = facts.knows("driver") and (facts.driver.version or facts.driver.cuda_version)
    lowest = lowest_kernel(release)
    if not read or lowest is None:
        return False
    return dropped_by(Gpu(index=0, name="", compute_capability=lowest), matrix, branch) is None


def _driven_past(release: TfRelease, support: GpuSupport, branch: int, matrix: Matrix) -> bool:
    """A driver of `branch` drives this GPU, and the release has kernels for it. A GPU whose
    compute capability nobody measured (an old nvidia-smi does not print it) is read by its
    name; one that cannot be named stays in doubt, and doubt makes no GPU plan."""
    gpu = support.gpu
    if gpu.compute_capability is None:
        named = query.gpu_cc_if_named(matrix, gpu.name)
        if named is None:
            return False
        gpu = dataclasses.replace(gpu, compute_capability=named.cc)
        support = gpu_support(release, gpu, matrix)
    return support.support != "unsupported" and dropped_by(gpu, matrix, branch) is None


_WHEEL_SETS: dict[tuple[int, str], tuple[object, CudaWheelSet | None]] = {}


def wheel_set_for(matrix: Matrix, release: TfRelease) -> CudaWheelSet | None:
    """The matrix's pip wheel set serving this release (one without [and-cuda] pins), if any.

    Remembered per wheel-set table and release: a fleet plan asks for the same ones again.
    """
    sets = matrix.tensorflow.cuda_wheel_sets
    key = (id(sets), release.version)
    hit = _WHEEL_SETS.get(key)
    if hit is not None and hit[0] is sets:
        return hit[1]
    version = parsed(release.version)
    found = next((s for s in sets if s.min_cc is None and version in specifier(s.tensorflow)), None)
    _WHEEL_SETS[key] = (sets, found)
    return found


def glibc_below_wheels(wheel_set: CudaWheelSet | None, facts: Facts) -> str | None:
    """Why pip here cannot take the set's wheels: a glibc known to be older than their manylinux
    tags need (CentOS 6's 2.12 against manylinux2014's 2.17). None where it can, or where the
    glibc is not known (the plan assumes one new enough)."""
    glibc = facts.platform.glibc if facts.knows("glibc") else None
    if wheel_set is None or wheel_set.glibc_min is None or glibc is None:
        return None
    if parsed(glibc) >= parsed(wheel_set.glibc_min):
        return None
    return (
        f"NVIDIA's CUDA {wheel_set.cuda} pip wheels need glibc ≥ {wheel_set.glibc_min}, found"
        f" {glibc}"
    )


def wheel_set_here(matrix: Matrix, release: TfRelease, facts: Facts) -> CudaWheelSet | None:
    """The matrix's wheel set for this release where pip here can install it: Linux x86_64 or
    WSL 2, with a glibc its wheels accept."""
    if platform_key(facts) not in PIP_WHEEL_PLATFORMS:
        return None
    wheel_set = wheel_set_for(matrix, release)
    return wheel_set if glibc_below_wheels(wheel_set, facts) is None else None


def newer_gpu_wheel_set(matrix: Matrix, release: TfRelease, cc: str) -> CudaWheelSet | None:
    """The matrix's wheels for GPUs at least as new as compute capability `cc` that this
    release's [and-cuda] extra admits in place of its own pins, if any."""
    if not release.and_cuda_requires:
        return None
    version = parsed(release.version)
    return next(
        (
            s
            for s in matrix.tensorflow.cuda_wheel_sets
            if s.min_cc is not None
            and parsed(cc) >= parsed(s.min_cc)
            and version in specifier(s.tensorflow)
        ),
        None,
    )


def _newer_gpus_set(matrix: Matrix, release: TfRelease, facts: Facts) -> CudaWheelSet | None:
    """The newer-GPU wheels a plan for these GPUs installs: one GPU that needs them is enough,
    as they still serve the older GPUs beside it."""
    if not facts.knows("gpus"):
        return None
    return next(
        (
            found
            for gpu in facts.gpus
            if gpu.compute_capability is not None
            and (found := newer_gpu_wheel_set(matrix, release, gpu.compute_capability))
        ),
        None,
    )


def _system_cuda_missing(
    release: TfRelease,
    facts: Facts,
    key: str,
    wheels_serve: bool = False,
    glibc_bar: str | None = None,
) -> str | None:
    """Releases before the and-cuda extra need CUDA and cuDNN: the system's, or a wheel set's.

    TensorFlow loads them by major soname (libcudart.so.11.0, libcudnn.so.8) but needs at least
    the minor it was built with: CUDA 11.0 lacks libcusolver.so.11, and TensorFlow refuses a
    cuDNN whose minor is lower ("CuDNN library needs to have matching major version and equal
    or higher minor version"). CUDA 10 and older name the runtime by its minor too
    (libcudart.so.10.1): only that minor serves (versions.serves_build).
    """
    assert release.cuda is not None
    cuda_ok = not facts.knows("cuda") or _serves(
        release.cuda, [c.version for c in facts.cuda], "cuda"
    )
    cudnn_ok = (
        release.cudnn is None
        or not facts.knows("cudnn")
        or _serves(release.cudnn, [c.version for c in facts.cudnn], "cudnn")
    )
    if cuda_ok and cudnn_ok:
        return None
    found_cuda = sorted({xy(c.version) for c in facts.cuda if c.version}, key=Version)
    found_cudnn = sorted({xy(c.version) for c in facts.cudnn if c.version}, key=Version)
    found = ", ".join(
        f"{what} {', '.join(versions) or 'none'}" if facts.knows(kind) else f"{what} not known"
        for what, kind, versions in (("CUDA", "cuda", found_cuda), ("cuDNN", "cudnn", found_cudnn))
    )
    found = f"found {found}"
    major_cuda = parsed(release.cuda).major
    if major_cuda < 11:
        why = f"NVIDIA publishes no CUDA {major_cuda} pip wheels"
    elif key not in PIP_WHEEL_PLATFORMS:
        why = "NVIDIA's cu11 pip wheels are for Linux x86_64 and WSL2 only"
    elif glibc_bar is not None:
        why = glibc_bar
    elif wheels_serve:
        # (judging an installed release whose environment holds none of them)
        why = "or NVIDIA's cu11 pip wheels with their folders on LD_LIBRARY_PATH, none known here"
    else:
        why = "no NVIDIA pip wheel carries every library it loads"
    return (
        f"needs CUDA {build_need(release.cuda)} and cuDNN "
        f"{build_need(release.cudnn, 'cudnn') if release.cudnn else 'any'} installed outside pip "
        f"({why}); {found}"
    )


def _no_wheels_known(facts: Facts) -> bool:
    """No NVIDIA wheel is known to be in the target environment (none found, or none probed)."""
    env = facts.target_env
    return env is None or not env.nvidia_wheels


def _serves(built: str, found: list[str | None], kind: LibraryKind) -> bool:
    return any(v is not None and serves_build(built, v, kind) for v in found)
