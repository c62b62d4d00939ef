"""What a log shows once TensorFlow found the GPU: a crash or a fatal record after it, failures of
work placed on it, and whether the GPU worked at all."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..facts import Facts
from ..findings import FINDING_KINDS, Finding, Layer, Severity, ids_tagged, rank
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import arch_defect, cuda_predates_gpu
from .attribution import LIBRARY_IDS
from .later_run import after_the_last_gpu
from .logfacts import SIGNAL_NOTICE, last_failure
from .logs import LogMatch, line_start
from .weigh import demoted, noted

RAN_ON_THE_GPU = frozenset({"gpu-kernel-failed"})
"""Failures of work that ran on the GPU."""
_FATAL_OOM = re.compile(
    r"ResourceExhaustedError|OOM when allocating tensor|Resource exhausted: |when OOM happens"
    r"|trying to allocate [^\n]{0,40}?\. See logs for memory state|Failed to call ThenRnn"
)
"""The memory failure that stops the work (an allocation TensorFlow retries, 'not a failure',
does not)."""


FATAL_SOURCE = re.compile(r"\.(?:cc|h):\d{1,6}\]")
"""TensorFlow's fatal record names its source file: a .cc, or a header (random_op_gpu.h)."""


def fatal_record_after_the_gpu(
    log: str, matches: tuple[LogMatch, ...], ended_by: str, ended_line: str
) -> bool:
    """The log's last failure is TensorFlow's own fatal record ('F ...cc:N] Check failed'),
    written after the last line that showed the GPU."""
    return FATAL_SOURCE.search(ended_line) is not None and _crashed_after_the_gpu(
        log, matches, ended_by, ended_line
    )


def _crashed_after_the_gpu(
    log: str, matches: tuple[LogMatch, ...], ended_by: str, ended_line: str
) -> bool:
    """The process ended in a crash, and the line that says so comes after the last line
    that showed the GPU."""
    if ended_by != "crash":
        return False
    shown = [m.line for m in matches if m.signature.proves_gpu]
    return bool(shown) and log.rfind(ended_line) > log.rfind(shown[-1])


_SHELL_CRASH = re.compile(
    "|".join(
        (
            r"^[ \t]*(?:Segmentation fault|Aborted|Killed|Illegal instruction|Bus error)\b",
            SIGNAL_NOTICE,
        )
    )
)
"""How a shell, CPython or an IDE reports a process a signal ended (bash's words, zsh's and
fish's; the core dump, if any, in brackets after). Not the OOM killer's SIGKILL in zsh's or
fish's words, nor exit code 137: memory, not a crash of the GPU's work."""


def process_crashed_after_the_gpu(
    log: str, matches: tuple[LogMatch, ...], ended_by: str, ended_line: str
) -> bool:
    """The log's last failure is the shell's crash notice, written after the last line that
    showed the GPU (a segfault after 'Adding visible gpu devices')."""
    return _SHELL_CRASH.match(ended_line) is not None and _crashed_after_the_gpu(
        log, matches, ended_by, ended_line
    )


_GUI_FATAL = re.compile(
    r"^[^\n]{0,40}?(?:This application failed to start because no Qt platform plugin could be"
    r" initialized|qt\.qpa\.xcb: could not connect to display|Gtk-WARNING \*\*:[^\n]{0,80}cannot"
    r" open display|cannot connect to X server|: cannot open display)[^\n]{0,200}",
    re.MULTILINE,
)
"""A GUI toolkit's last words before it aborts the process (Qt's qFatal, Gtk, Xlib): a window
opened where no display is."""
GUI_LOOKBACK = 1_500


def gui_library_aborted(log: str, ended_line: str) -> str:
    """The GUI toolkit's fatal line just above the shell's crash notice ('' where none)."""
    at = log.rfind(ended_line.strip())
    if at == -1:
        return ""
    found = _GUI_FATAL.findall(log, max(0, at - GUI_LOOKBACK), at)
    return found[-1].strip()[:160] if found else ""


CUDNN_CHECKED = frozenset({"cudnn-version-mismatch", "cudnn-version-mismatch-cut"})
"""TensorFlow's CUDA build refusing the cuDNN it loaded, at the first op that needs it."""


def one_build_checked_its_cudnn(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """Two TensorFlow distributions listed, while the log shows the GPU build at work refusing
    the cuDNN it loaded (tensorflow#23715: tf-nightly-gpu beside tensorflow-gpu, an old
    libcudnn first on the path): that cuDNN is what failed, whichever distribution owns the
    files; the two stay a warning to clean up."""
    checked = next((m for m in matches if m.signature.name in CUDNN_CHECKED), None)
    if checked is None:
        return findings
    return demoted(
        findings,
        lambda f: f.id == "multiple-tensorflow-distributions",
        "but a GPU build of them ran and refused the cuDNN it loaded"
        f" ({checked.line.strip()[:120]}): that cuDNN is what failed",
    )


HANDLES_ON_A_GPU = frozenset(
    {"cudnn-handle", "cublas-handle", "no-algorithm-worked", "blas-launch-failed"}
)
"""cuDNN or cuBLAS failing to start, cuBLAS's routine that would not launch, or cuDNN finding no
convolution that runs: lines of an op placed on a GPU (TensorFlow creates their handles, and
calls cuBLAS, only on a GPU device's stream)."""


def handle_started_on_a_gpu(top: Finding, matches: tuple[LogMatch, ...]) -> bool:
    """The first error is cuDNN or cuBLAS that could not start for work on a GPU, read from its
    own line (not from the facts)."""
    return top.id == "gpu-out-of-memory" and any(
        m.signature.name in HANDLES_ON_A_GPU
        and any(e.startswith(f"line {m.pasted_line or m.line_number}: ") for e in top.evidence)
        for m in matches
    )


def failed_on_the_gpu(finding: Finding, log: str) -> bool:
    """Work on a GPU TensorFlow has that failed, wherever the log shows that GPU: a kernel
    that faulted, or memory that ran out for good (the program stopped on an error, or
    TensorFlow's own words for an OOM that ends it)."""
    if finding.severity is Severity.INFO:
        return False
    if finding.id == "gpu-out-of-memory":
        return bool(_FATAL_OOM.search(log) or last_failure(log)[0])
    return finding.id in RAN_ON_THE_GPU


SLOWS_BUT_RUNS = frozenset({"compute-capability-ptx-jit", "ptxas-newer-than-driver"})
"""Findings of what slows GPU work without stopping it: from the facts alone (no log line shows
it), never the likely reason TensorFlow does not use the GPU."""
GPU_FAILURE_IDS = frozenset().union(
    *(ids_tagged(tag) for tag in ("stops-every-gpu", "library", "breaks-gpu-work"))
)
"""Failures that, logged after a GPU line, mean the GPU did not work after all."""
KERNELS_FAIL = ids_tagged("breaks-gpu-work")
LIBRARIES_AT_WORK_FIX = (
    "Nothing to do while the GPU works: the libraries TensorFlow loaded ran it, and the other"
    " version installed is not what it uses (keep it off the loader path ahead of them)."
)
LIBRARY_VERSION_IDS = frozenset(
    kind.id for kind in FINDING_KINDS.values() if kind.layer is Layer.LIBRARY_VERSIONS
)
LIBRARY_KERNEL_FAILURES = frozenset({"cublas-execution-failed", "cufft-plan-internal-error"})
"""A CUDA library's kernel that would not run on the GPU TensorFlow had started on (not a user's
own nvcc compile)."""


BEFORE_A_DEVICE = frozenset({"gpu-visible-devices-added"})
"""GPU lines TensorFlow 1.x prints from the driver API before it creates a device with the CUDA
runtime."""


def runtime_refused_before_a_device(matches: tuple[LogMatch, ...]) -> bool:
    """A CUDA runtime the driver refuses ('CUDA driver version is insufficient for CUDA runtime
    version') where the only GPU lines come before a device exists: the driver API found the
    GPU, and the runtime that creates the device cannot start, so they show no GPU at work."""
    proofs = [m for m in matches if m.signature.proves_gpu]
    return all(m.signature.name in BEFORE_A_DEVICE for m in proofs) and any(
        m.signature.name == "driver-insufficient" for m in matches
    )


XLA_PLATFORM_ONLY = frozenset({"xla-gpu-stream-executor"})
"""XLA's service starting its CUDA platform ('StreamExecutor device (0): Tesla V100, Compute
Capability 7.0'): TensorFlow 2.0-2.3 print it from the driver API whether or not TensorFlow
registered the GPU as its own device."""


def xla_platform_without_a_device(matches: tuple[LogMatch, ...]) -> bool:
    """XLA's platform lines the only GPU lines, after TensorFlow's own loader could not open a
    CUDA library its GPU device needs: TensorFlow skipped registering the GPU (tensorflow#35866:
    libcudart.so.10.1 missing, XLA's 'StreamExecutor device (2)', then an empty device list)."""
    proofs = [m for m in matches if m.signature.proves_gpu]
    if not proofs or not all(m.signature.name in XLA_PLATFORM_ONLY for m in proofs):
        return False
    first = min(m.line_number for m in proofs)
    return any(
        m.line_number < first and m.signature.finding_id in LIBRARY_IDS and "dso_loader" in m.line
        for m in matches
    )


_TRACEBACK = re.compile(r"^[ \t>]*Traceback \(most recent call last\):", re.MULTILINE)
DEVICE_NOT_STARTED = frozenset({"cuda-context-no-memory"})
"""The CUDA runtime failing its first call on a GPU: no device was created there."""


def died_before_a_device(matches: tuple[LogMatch, ...], text: str) -> bool:
    """TensorFlow 1.x listed the GPU ('Adding visible gpu devices: 0', from the driver API) and
    a Python traceback follows before any device was created: the session that was to create
    it failed (tensorflow#23263: its error line cut from the paste), so no GPU is shown at
    work."""
    proofs = [m for m in matches if m.signature.proves_gpu]
    if not proofs or not all(m.signature.name in BEFORE_A_DEVICE for m in proofs):
        return False
    last = max(m.line_number for m in proofs)
    if any(m.line_number > last and m.signature.name in DEVICE_NOT_STARTED for m in matches):
        # the runtime's first call on the GPU failed (cudaSetDevice: busy or unavailable): the
        # device the list announced was never created (review 86, composed from 1.12's records)
        return True
    if any(
        m.line_number > last and m.signature.finding_id not in (None, "benign-log-noise")
        for m in matches
    ):
        return False  # a line after it names the failure (a GPU without kernels): its reading
    return _TRACEBACK.search(text, line_start(text, last + 1)) is not None


def errors_after_gpu(
    matches: tuple[LogMatch, ...],
    read: Callable[[LogMatch], tuple[str, Severity]],
    kernel_doubts: bool = False,
) -> frozenset[str]:
    """The ids of errors (as `read` finds them for the release) logged after the line that
    showed a GPU. Those that stop GPU use mean the log mixes runs or the GPU was lost, so the
    GPU line does not settle it; the others (cuDNN that cannot start for lack of memory)
    failed on a GPU TensorFlow has.
    kernel_doubts: the log names no compute capability, so a library kernel that would not
    run (a warning for its uncertain cause) may be a GPU the build has no kernels for."""
    gpu_matches = [m for m in matches if m.signature.proves_gpu]
    # (a line that shows the GPUs and the work failing on them at once: NCCL's all-reduce
    # missing from a build, on the GPUs it names)
    failing_there = [m for m in gpu_matches if m.signature.at_work]
    after = (
        m
        for m in (*failing_there, *after_the_last_gpu(matches))
        if m.signature.finding_id is not None
        and not m.signature.needs_no_gpu  # only means something where no GPU was registered
        and not _another_gpu_ignored(m, gpu_matches)
    )
    return frozenset(
        finding_id
        for m in after
        for finding_id, severity in (read(m),)
        if severity is Severity.ERROR
        # a kernel that would not run there (cuBLAS's EXECUTION_FAILED): a warning for its
        # cause, still work that failed on the GPU
        or (kernel_doubts and m.signature.name in LIBRARY_KERNEL_FAILURES)
        # work that failed on the GPU its own line shows (a kernel that would not compile),
        # whatever the doubt about why
        or m in failing_there
    )


def libraries_predate_the_gpu(facts: Facts, release: TfRelease | None, matrix: Matrix) -> bool:
    """A GPU the release's kernels reach only through PTX, while the CUDA it was built with (so
    its cuDNN and cuBLAS) predates the GPU's architecture."""
    if release is None or not facts.knows("gpus"):
        return False
    return any(
        g.compute_capability is not None
        and query.cc_support(release, g.compute_capability) == "ptx-jit"
        and cuda_predates_gpu(release, g.compute_capability, matrix) is not None
        for g in facts.gpus
    )


def kernels_failed_the_library(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """cuBLAS's GEMM that would not launch on a GPU the facts show newer than the build (the
    caller's condition): the missing kernels failed it, so 'another process holds the memory'
    is a consequence to look past (nn4dms#4: an RTX A6000 under 1.14's CUDA 10.0), as where the
    device line was kept."""
    if not findings or findings[0].id != "compute-capability-unsupported":
        return findings
    if findings[0].severity is not Severity.ERROR:
        return findings
    failed = {
        f"line {m.pasted_line or m.line_number}: "
        for m in matches
        if m.signature.name in NEWER_GPU_KERNEL_FAILURES
    }
    return demoted(
        findings,
        lambda f: (
            f.id == "gpu-out-of-memory" and any(e.startswith(tuple(failed)) for e in f.evidence)
        ),
        "but the GPU is newer than this build's CUDA: its library kernels failing is what that"
        " predicts, not memory another process holds",
    )


def library_kernel_failed_after_gpu(matches: tuple[LogMatch, ...]) -> bool:
    """A CUDA library's kernel (cuBLAS's GEMM, cuFFT's plan) failing after the line that showed
    a GPU."""
    return any(m.signature.name in NEWER_GPU_KERNEL_FAILURES for m in after_the_last_gpu(matches))


OPTIONAL_LIBRARY_FAILURES = frozenset({"tf-trt-without-tensorrt"})
"""Work of a feature that needs a library the GPU does not (TF-TRT's TensorRT) failing for
want of it."""
NEWER_GPU_KERNEL_FAILURES = LIBRARY_KERNEL_FAILURES | {"blas-launch-failed"}
"""What a library's kernel failing says on a GPU newer than the build (elsewhere 'Blas GEMM
launch failed' is most often memory another process holds)."""


def _another_gpu_ignored(match: LogMatch, gpu_matches: list[LogMatch]) -> bool:
    """An 'Ignoring visible gpu device' line for a GPU that no line showing a GPU names: TensorFlow
    prints it again each time it lists the devices, so after another GPU's device it is no
    failure."""
    if match.signature.name != "min-compute-capability":
        return False
    ignored = match.groups.get("gpu", "").strip()
    return bool(ignored) and ignored not in {m.groups.get("gpu", "").strip() for m in gpu_matches}


SETUP_FAILURE_IDS = frozenset(
    kind.id
    for kind in FINDING_KINDS.values()
    if kind.layer in (Layer.DRIVER_VERSION, Layer.LIBRARY_VERSIONS, Layer.KERNELS, Layer.TOOLCHAIN)
)
"""Failures of the setup (a driver, CUDA or cuDNN of another version, a GPU without kernels, XLA's
toolchain) that, logged as errors after a GPU device, fail every op that needs them: the program
stops, unlike memory the model ran out of or an op placed without a GPU kernel."""


_CUDA_LIBRARY_NOT_OPENED = re.compile(
    r"(?P<lib>lib(?:cudart|cublas|cufft|curand|cusolver|cusparse|cudnn)\.so\.(?P<version>\d+"
    r"(?:\.\d+)?)): cannot open shared object file"
)


def another_packages_failure(package: str, log: str) -> str:
    """Whose failure the log shows, and where it names the CUDA library that package could not
    load, what mends it (DeepSpeech#1388: deepspeech-gpu 0.1's module wanted CUDA 8.0)."""
    said = (
        f"The failure in the log is {package}'s, not TensorFlow's: it says what that package was"
        " built for or found."
    )
    found = _CUDA_LIBRARY_NOT_OPENED.search(log)
    if found is None:
        return said
    what = "cuDNN" if "cudnn" in found["lib"] else "CUDA"
    return (
        f"{said} Its module could not load {found['lib']} ({what} {found['version']}): install"
        f" that {what} beside the one you have (its library folder on LD_LIBRARY_PATH), or a"
        f" {package} built for the {what} you have."
    )


def others_ignored(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """A GPU TensorFlow ignores (below the build's minimum) beside one it created a device for:
    a note to keep, where 'cannot use a GPU at all' would be dropped as the working GPU
    contradicts it."""
    if not any(m.signature.name == "min-compute-capability" for m in matches):
        return findings
    return tuple(
        dataclasses.replace(
            f,
            severity=Severity.INFO,
            evidence=(*f.evidence, "TensorFlow uses the other GPUs: the log shows a device of one"),
        )
        if f.id == "compute-capability-unsupported" and f.title.startswith("TensorFlow ignores")
        else f
        for f in findings
    )


def as_errors(findings: tuple[Finding, ...], ids: frozenset[str]) -> tuple[Finding, ...]:
    """The findings with `ids` back at error, first (the sort keeps the rest's order)."""
    raised = tuple(
        dataclasses.replace(f, severity=Severity.ERROR) if f.id in ids else f for f in findings
    )
    return tuple(sorted(raised, key=lambda f: f.severity.rank))


def gpu_works(
    findings: tuple[Finding, ...], failed: frozenset[str], kept: frozenset[str] = frozenset()
) -> tuple[Finding, ...]:
    """A GPU that works is the strongest evidence: what says TensorFlow cannot use a GPU at all
    is contradicted and dropped (but for the ids `kept`); other errors stay as warnings to look
    at, those that `failed` on the GPU first: they are what the user is asking about."""
    denied = ids_tagged("denies-gpu") - kept
    standing = tuple(f for f in findings if f.id not in denied or f.severity is Severity.INFO)
    ranked = rank(demoted(standing, lambda f: True))
    # the libraries TensorFlow loaded ran the work: an installed CUDA or cuDNN of other
    # versions is not what it uses, only a note (its fix would undo a working setup)
    unused = frozenset(f.id for f in ranked if f.id in LIBRARY_VERSION_IDS and f.id not in failed)
    ranked = tuple(
        dataclasses.replace(f, fix=LIBRARIES_AT_WORK_FIX) if f.id in unused else f
        for f in noted(
            ranked,
            lambda f: f.id in unused,
            "the log shows the GPU at work with the libraries TensorFlow loaded",
        )
    )
    # (ranked again: a version note made here follows the harmless lines, as notes do)
    return tuple(sorted(rank(ranked), key=lambda f: (f.severity.rank, f.id not in failed)))


THIN_LOG_LINES = 4
"""An install's refusal in this few recognised lines says nothing of the machine it ran on."""


def says_one_thing(matches: tuple[LogMatch, ...]) -> bool:
    """A log that says little: at most one recognised line, or a few that are one install
    failing (pip's two refusal lines), which tell nothing of the Python or the platform."""
    causes = {
        m.signature.finding_id
        for m in matches
        if m.signature.finding_id and m.signature.finding_id != "benign-log-noise"
    }
    installing = len(causes) == 1 and FINDING_KINDS[next(iter(causes))].layer is Layer.INSTALL
    return len(matches) < 2 or (installing and len(matches) <= THIN_LOG_LINES)


def no_kernel_runs(
    facts: Facts, release: TfRelease, matches: tuple[LogMatch, ...], matrix: Matrix
) -> bool:
    """A GPU, stated or named by TensorFlow's 'no kernel binaries' line, that a known defect of
    the release keeps every kernel off (a Blackwell GPU before 2.21): TensorFlow lists it, and
    the first op on it fails."""
    ccs = [
        *(g.compute_capability for g in facts.gpus if g.compute_capability),
        *(m.groups["cc"] for m in matches if m.signature.name == "no-kernels-for-new-gpu"),
    ]
    return any(arch_defect(release, cc, matrix) is not None for cc in ccs)


def newer_than_build(facts: Facts, release: TfRelease | None) -> bool:
    """A GPU whose trouble with the release is not its age: some of the release's kernels
    would run on it (SASS or PTX), so what it lacks comes from being newer than the build."""
    if release is None or not facts.knows("gpus"):
        return False
    return any(
        g.compute_capability is not None
        and query.cc_support(release, g.compute_capability) != "unsupported"
        for g in facts.gpus
    )
