"""The one vocabulary the planner and the doctor speak: findings with stable, public ids."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    """Blocks GPU use."""
    WARNING = "warning"
    """Degrades GPU use, or will break it under some conditions."""
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    title: str
    """One line: what is wrong."""
    evidence: tuple[str, ...]
    """The facts or log lines it rests on."""
    fix: str
    """What to run or change."""
    source: str
    """URL of the document that makes the rule true."""


class Layer(enum.IntEnum):
    """How deep below TensorFlow a problem sits. The root cause is the deepest layer with evidence:
    a missing driver explains missing libraries, not the other way round."""

    PLATFORM = 0
    EXPOSURE = 1
    DRIVER = 2
    DRIVER_VERSION = 3
    INSTALL = 4
    LIBRARIES = 5
    LIBRARY_VERSIONS = 6
    KERNELS = 7
    TOOLCHAIN = 8
    RUNTIME = 9
    HYGIENE = 10
    NOISE = 11


@dataclass(frozen=True)
class FindingKind:
    id: str
    meaning: str
    """One line, as the README's table shows it."""
    layer: Layer
    tags: tuple[str, ...] = ()
    """'stops-every-gpu': by itself keeps TensorFlow from seeing any GPU; 'denies-gpu': says
    TensorFlow cannot use a GPU at all (a GPU seen working contradicts it); 'no-gpu-registered':
    claims TensorFlow registered no GPU (a log line showing a GPU contradicts it); 'library': a
    CUDA library cannot load; 'paths': its evidence holds file paths; 'breaks-gpu-work': a GPU
    device can be registered and still run nothing (kernels fail to launch); 'blocks-install':
    TensorFlow cannot be installed or imported here (a log TensorFlow wrote contradicts it);
    'stops-tensorflow': TensorFlow cannot run here at all, not even on the CPU."""
    explains: tuple[str, ...] = ()
    """Ids this one causes: beside it they are consequences, so their errors become warnings."""


FINDING_KINDS: dict[str, FindingKind] = {
    kind.id: kind
    for kind in (
        FindingKind(
            "windows-native-gpu-unsupported",
            "TensorFlow >= 2.11 has no GPU support on native Windows:"
            " use WSL2, or TensorFlow 2.10.",
            Layer.PLATFORM,
            ("denies-gpu",),
            # (a CPU build has no GPU kernels at all: its missing ones follow from the platform,
            # and so does the CPU build itself, the only one PyPI has there: review 103)
            explains=(
                "cuda-libs-not-found",
                "cudnn-not-found",
                "no-nvidia-gpu",
                "compute-capability-unsupported",
                "cpu-only-tensorflow",
            ),
        ),
        FindingKind(
            "cpu-lacks-avx",
            "The CPU lacks the AVX instructions TensorFlow's wheels are built for, so TensorFlow"
            " cannot even import (Illegal instruction).",
            Layer.PLATFORM,
            ("denies-gpu", "stops-tensorflow"),
        ),
        FindingKind(
            "windows-vc-runtime-missing",
            "Windows lacks the Microsoft Visual C++ runtime (msvcp140.dll, msvcp140_1.dll) on"
            " PATH, so TensorFlow cannot import.",
            Layer.PLATFORM,
            ("denies-gpu", "stops-tensorflow"),
            explains=("cuda-libs-not-found",),
        ),
        FindingKind(
            "windows-page-file-too-small",
            "Windows cannot map TensorFlow's and CUDA's large DLLs: the page file is too small"
            " (error 1455).",
            Layer.PLATFORM,
            ("denies-gpu", "stops-tensorflow"),
            explains=("cuda-libs-not-found", "cudnn-not-found"),
        ),
        FindingKind(
            "platform-unsupported",
            "TensorFlow publishes no wheel for this machine's CPU architecture (armv7l, 32-bit"
            " x86, ppc64le): pip cannot install it at all.",
            Layer.PLATFORM,
            ("denies-gpu", "blocks-install", "stops-tensorflow"),
            explains=("python-unsupported", "glibc-too-old", "tensorflow-not-installed"),
        ),
        FindingKind(
            "macos-no-cuda",
            "macOS has no CUDA: TensorFlow uses the GPU there only via tensorflow-metal.",
            Layer.PLATFORM,
            ("denies-gpu",),
            explains=(
                "cuda-libs-not-found",
                "cudnn-not-found",
                "no-nvidia-driver",
                "no-nvidia-gpu",
            ),
        ),
        FindingKind(
            "container-gpu-not-exposed",
            "Inside a container that was started without GPU access.",
            Layer.EXPOSURE,
            ("stops-every-gpu", "denies-gpu"),
            # a container without the GPU sees no device, whatever CUDA_VISIBLE_DEVICES says
            explains=(
                "no-nvidia-driver",
                "no-nvidia-gpu",
                "cuda-libs-not-found",
                "cuda-visible-devices-hides-gpus",
            ),
        ),
        FindingKind(
            "no-nvidia-gpu",
            "No NVIDIA GPU is visible to this machine (or container).",
            Layer.EXPOSURE,
            ("no-gpu-registered", "stops-every-gpu", "denies-gpu"),
            explains=(
                "no-nvidia-driver",
                "cuda-libs-not-found",
                "cudnn-not-found",
                "cpu-only-tensorflow",
            ),
        ),
        FindingKind(
            "cuda-visible-devices-hides-gpus",
            "CUDA_VISIBLE_DEVICES hides some or all GPUs.",
            Layer.EXPOSURE,
            ("stops-every-gpu",),
            explains=("no-nvidia-gpu",),
        ),
        FindingKind(
            "small-gpu-skipped",
            "TensorFlow skips a GPU with fewer multiprocessors than the largest beside it"
            " (TF_MIN_GPU_MULTIPROCESSOR_COUNT lowers the bar).",
            Layer.EXPOSURE,
            (),
        ),
        FindingKind(
            "no-nvidia-driver",
            "The NVIDIA driver is not installed or not loaded.",
            Layer.DRIVER,
            ("no-gpu-registered", "stops-every-gpu", "denies-gpu"),
        ),
        FindingKind(
            "driver-library-mismatch",
            "The loaded kernel module and the user-space driver library differ:"
            " reboot or reload the module.",
            Layer.DRIVER,
            ("stops-every-gpu", "denies-gpu"),
            # user-space driver libraries that do not match the kernel's find no device
            explains=("no-nvidia-driver", "no-nvidia-gpu", "cuda-visible-devices-hides-gpus"),
        ),
        FindingKind(
            "wsl-libcuda-missing",
            "WSL2 without /usr/lib/wsl/lib/libcuda.so.1: the Windows driver is missing or too old.",
            Layer.DRIVER,
            ("denies-gpu", "breaks-gpu-work"),
            explains=("no-nvidia-driver",),
        ),
        FindingKind(
            "wsl-linux-driver-installed",
            "A Linux NVIDIA driver is installed inside WSL2 and shadows the Windows one.",
            Layer.DRIVER,
            ("denies-gpu",),
            # its libcuda finds no GPU: CUDA's 'no device' reads as a hidden one
            explains=(
                "no-nvidia-driver",
                "driver-library-mismatch",
                "cuda-visible-devices-hides-gpus",
            ),
        ),
        FindingKind(
            "driver-too-old",
            "The driver is older than the CUDA version TensorFlow needs.",
            Layer.DRIVER_VERSION,
            ("stops-every-gpu", "denies-gpu"),
            # a driver whose version is known exists: CUDA failing to start on it is the age
            explains=("no-nvidia-driver",),
        ),
        FindingKind(
            "python-unsupported",
            "No available Python version is supported by the TensorFlow release.",
            Layer.INSTALL,
            ("denies-gpu", "blocks-install"),
            # pip cannot install TensorFlow into that Python, so it is not there to import
            explains=("tensorflow-not-installed",),
        ),
        FindingKind(
            "glibc-too-old",
            "The system glibc is older than the TensorFlow wheel requires.",
            Layer.INSTALL,
            ("denies-gpu", "blocks-install"),
        ),
        FindingKind(
            "keras-backend-not-tensorflow",
            "Keras 3 is set to run models on another backend (KERAS_BACKEND=jax or torch):"
            " TensorFlow does not run them, so its GPU is beside the point.",
            Layer.INSTALL,
            (),
        ),
        FindingKind(
            "wrong-python-environment",
            "The Python running TensorFlow is not the environment that was set up.",
            Layer.INSTALL,
            (),
            # what another Python's TensorFlow could not load says nothing of the environment's
            explains=(
                "tensorflow-not-installed",
                "cuda-version-mismatch",
                "cudnn-version-mismatch",
                "cuda-libs-not-found",
                "cudnn-not-found",
            ),
        ),
        FindingKind(
            "tensorflow-not-installed",
            "TensorFlow is not installed in the target environment.",
            Layer.INSTALL,
            ("denies-gpu",),
        ),
        FindingKind(
            "cpu-only-tensorflow",
            "The installed TensorFlow has no CUDA support (tensorflow-cpu, a CPU"
            " conda build, an aarch64 PyPI wheel).",
            Layer.INSTALL,
            ("denies-gpu",),
            explains=("cuda-libs-not-found", "cudnn-not-found"),
        ),
        FindingKind(
            "multiple-tensorflow-distributions",
            "More than one TensorFlow distribution is installed in the same environment.",
            Layer.INSTALL,
            (),
            explains=("cpu-only-tensorflow",),
        ),
        FindingKind(
            "dependency-version-mismatch",
            "A package TensorFlow imports (NumPy, protobuf, Keras) is of a version it does not"
            " work with, so importing it fails.",
            Layer.INSTALL,
            ("stops-tensorflow",),
        ),
        FindingKind(
            "addon-tensorflow-mismatch",
            "A TensorFlow add-on (Addons, Text, IO, Probability, Recommenders Addons) was built"
            " for another TensorFlow release: its native ops or its version check refuse this one.",
            Layer.INSTALL,
            (),
        ),
        FindingKind(
            "ld-library-path-shadows",
            "A stale CUDA or cuDNN copy on LD_LIBRARY_PATH loads before the right one.",
            Layer.LIBRARIES,
            ("stops-every-gpu", "paths"),
        ),
        FindingKind(
            "pip-cuda-libs-not-on-path",
            "NVIDIA pip wheels are installed but TensorFlow does not find"
            " them without LD_LIBRARY_PATH.",
            Layer.LIBRARIES,
            ("no-gpu-registered", "library", "paths", "denies-gpu"),
            explains=("cuda-libs-not-found", "cudnn-not-found"),
        ),
        FindingKind(
            "cuda-libs-not-found",
            "TensorFlow cannot load the CUDA libraries it needs.",
            Layer.LIBRARIES,
            ("no-gpu-registered", "library", "paths", "denies-gpu"),
            # cuDNN is built on the CUDA runtime: without CUDA there is no cuDNN to load
            explains=("cudnn-not-found",),
        ),
        FindingKind(
            "cudnn-not-found",
            "cuDNN cannot be loaded.",
            Layer.LIBRARIES,
            ("library", "paths"),
        ),
        FindingKind(
            "cuda-version-mismatch",
            "The CUDA libraries that load are not the version TensorFlow was built with.",
            Layer.LIBRARY_VERSIONS,
            (),
            explains=("cuda-libs-not-found",),
        ),
        FindingKind(
            "cudnn-version-mismatch",
            "The cuDNN that loads is not the one TensorFlow was built with.",
            Layer.LIBRARY_VERSIONS,
            (),
            # (TensorFlow 2.16 and later name no library below VLOG 3: 'Cannot dlopen some GPU
            # libraries' is the cuDNN of another major as well)
            explains=("cudnn-not-found", "cuda-libs-not-found", "pip-cuda-libs-not-on-path"),
        ),
        FindingKind(
            "compute-capability-unsupported",
            "The GPU's compute capability is not supported by this TensorFlow build.",
            Layer.KERNELS,
            ("breaks-gpu-work", "denies-gpu"),
            # With no kernels for the GPU, a newer driver changes nothing for this release.
            explains=("driver-too-old",),
        ),
        FindingKind(
            "compute-capability-ptx-jit",
            "No native kernels for this GPU: works after a slow first PTX JIT compilation.",
            Layer.KERNELS,
            (),
        ),
        FindingKind(
            "ptxas-newer-than-driver",
            "ptxas produces PTX newer than the driver can load.",
            Layer.TOOLCHAIN,
            (),
        ),
        FindingKind(
            "xla-toolchain-missing",
            "XLA cannot find ptxas or libdevice.",
            Layer.TOOLCHAIN,
            (),
        ),
        FindingKind(
            "gpu-out-of-memory",
            "GPU memory is exhausted or held by another process, so CUDA, cuBLAS or"
            " cuDNN cannot start.",
            Layer.RUNTIME,
            (),
        ),
        FindingKind(
            "gpu-kernel-failed",
            "A GPU kernel failed while it ran (illegal memory access, launch failure): the GPU is"
            " used, and the driver, CUDA, cuDNN or TensorFlow failed on this work.",
            Layer.RUNTIME,
            (),
        ),
        FindingKind(
            "op-without-gpu-kernel",
            "An op placed on the GPU has no GPU kernel for its input types or attributes: the GPU"
            " works, and that op must run on the CPU.",
            Layer.RUNTIME,
            (),
        ),
        FindingKind(
            "device-config-after-init",
            "tf.config device settings (visible devices, memory growth) were"
            " changed after TensorFlow had initialised the GPUs, or set for some of the"
            " visible GPUs and not the others.",
            Layer.RUNTIME,
            (),
        ),
        FindingKind(
            "ld-library-path-empty-entry",
            "LD_LIBRARY_PATH has an empty entry (the loader searches the current directory).",
            Layer.HYGIENE,
            ("paths",),
        ),
        FindingKind(
            "benign-log-noise",
            "A TensorFlow log line that looks alarming but is harmless when the GPU works.",
            Layer.NOISE,
            (),
        ),
    )
}
"""Every public finding id, declared once. Ids are never renamed or removed."""

FINDING_IDS: dict[str, str] = {kind.id: kind.meaning for kind in FINDING_KINDS.values()}


def ids_tagged(tag: str) -> frozenset[str]:
    return frozenset(k.id for k in FINDING_KINDS.values() if tag in k.tags)


def explain(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Consequences step back behind their cause: an error another error explains becomes a
    warning (a container without the GPU explains the missing driver), and so does what an
    explained finding in the same diagnosis explains in turn (a CUDA of another version explains
    the missing CUDA libraries, and they the missing cuDNN, which needs them); then all are
    ranked."""
    findings = tuple(findings)
    causes = {f.id for f in findings if f.severity is Severity.ERROR}
    present = {f.id for f in findings}
    explained = {e for c in causes for e in FINDING_KINDS[c].explains} if causes else set()
    while (
        chained := {e for x in explained & present for e in FINDING_KINDS[x].explains} - explained
    ):
        explained |= chained
    return rank(
        Finding(f.id, Severity.WARNING, f.title, f.evidence, f.fix, f.source)
        if f.severity is Severity.ERROR
        and f.id in explained
        and f.id not in _circular(f.id, causes)
        else f
        for f in findings
    )


def install_first(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Where something keeps TensorFlow from installing at all (no wheel for the Python or the
    platform), what the platform means for the GPU comes after it: macOS's lack of CUDA is
    true, but the install is what to mend first. Those errors become warnings, ranked after."""
    findings = tuple(findings)
    blocks = ids_tagged("blocks-install")
    blocker = next((f for f in findings if f.id in blocks and f.severity is Severity.ERROR), None)
    if blocker is None:
        return findings
    return rank(
        dataclasses.replace(
            f,
            severity=Severity.WARNING,
            evidence=(*f.evidence, f"but nothing installs here yet: {blocker.title}"),
        )
        if f.severity is Severity.ERROR
        and f.id not in blocks
        and (kind := FINDING_KINDS.get(f.id)) is not None
        and kind.layer is Layer.PLATFORM
        and "denies-gpu" in kind.tags
        and "stops-tensorflow" not in kind.tags
        else f
        for f in findings
    )


def expected_without_a_gpu(findings: Iterable[Finding], gpus_absent: bool) -> tuple[Finding, ...]:
    """A machine known to have no NVIDIA GPU: no driver and no CUDA libraries are what it should
    have, so beside the finding that says so the warnings to install them become notes."""
    findings = tuple(findings)
    if not gpus_absent or not any(f.id == "no-nvidia-gpu" for f in findings):
        return findings
    expected = FINDING_KINDS["no-nvidia-gpu"].explains
    findings = tuple(
        dataclasses.replace(
            f,
            severity=Severity.INFO,
            evidence=(*f.evidence, "expected on a machine without an NVIDIA GPU"),
            # (its install steps would be for a GPU the machine does not have)
            fix="Nothing to install for this on a machine without an NVIDIA GPU.",
        )
        if f.id in expected and f.severity is Severity.WARNING
        else f
        for f in findings
    )
    stopped = next((f for f in findings if f.id in ids_tagged("stops-tensorflow")), None)
    if stopped is not None:
        # 'TensorFlow runs on the CPU here' does not hold: what stops it comes first
        findings = tuple(
            dataclasses.replace(
                f,
                severity=Severity.WARNING,
                evidence=(
                    *f.evidence,
                    f"but TensorFlow does not run here on the CPU either: {stopped.title}",
                ),
            )
            # (a warning already, where the log showed TensorFlow never ran: still said why)
            if f.id == "no-nvidia-gpu" and f.severity is not Severity.INFO
            else f
            for f in findings
        )
    return rank(findings)


def _circular(finding_id: str, causes: set[str]) -> set[str]:
    """Never demote both sides of a pair that would explain each other."""
    return {
        finding_id
        for c in causes
        if finding_id in FINDING_KINDS[c].explains and c in FINDING_KINDS[finding_id].explains
    }


def rank_key(finding: Finding) -> tuple[int, int]:
    kind = FINDING_KINDS.get(finding.id)
    layer = kind.layer if kind is not None else len(Layer)
    if finding.severity is Severity.INFO and layer == Layer.NOISE:
        # Where nothing is worse than a note, the harmless lines are the answer; the other
        # notes (a finding the log spoke against) follow it.
        return finding.severity.rank, -1
    return finding.severity.rank, layer


def rank(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The one ranking plan, doctor and report use: most severe first, then the deepest layer
    (but harmless-noise notes first among notes); stable otherwise, so the order of discovery
    breaks ties."""
    return tuple(sorted(findings, key=rank_key))


MAX_MERGED_EVIDENCE = 6


def merge(*groups: Iterable[Finding]) -> tuple[Finding, ...]:
    """One finding per id, ranked: the most severe wins, the evidence of all is kept (bounded)."""
    merged: dict[str, Finding] = {}
    for group in groups:
        for finding in group:
            seen = merged.get(finding.id)
            if seen is None:
                merged[finding.id] = finding
                continue
            first, second = sorted((seen, finding), key=lambda f: f.severity.rank)
            evidence = tuple(dict.fromkeys((*first.evidence, *second.evidence)))
            merged[finding.id] = Finding(
                first.id,
                first.severity,
                first.title,
                evidence[:MAX_MERGED_EVIDENCE],
                first.fix,
                first.source,
            )
    return explain(merged.values())


def one_per_id(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings in their order with each id once: a later finding of an id already listed
    (a reading that renamed one finding into another's id) adds its evidence to the first."""
    kept: dict[str, Finding] = {}
    for finding in findings:
        seen = kept.get(finding.id)
        if seen is None:
            kept[finding.id] = finding
            continue
        evidence = tuple(dict.fromkeys((*seen.evidence, *finding.evidence)))
        bound = max(len(seen.evidence), MAX_MERGED_EVIDENCE)
        kept[finding.id] = dataclasses.replace(seen, evidence=evidence[:bound])
    return tuple(kept.values())


def with_context(
    findings: Iterable[Finding], ids: frozenset[str], evidence: str, fix_sentence: str
) -> tuple[Finding, ...]:
    """The findings of these ids with one more piece of evidence and one more fix sentence: what
    the log shows of where the program ran changes what to do."""
    return tuple(
        dataclasses.replace(f, evidence=(*f.evidence, evidence), fix=f.fix + fix_sentence)
        if f.id in ids
        else f
        for f in findings
    )
