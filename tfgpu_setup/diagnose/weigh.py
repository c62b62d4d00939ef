"""Findings weighed against the other source of evidence: those judged from the facts against
what the log shows (TensorFlow never ran, it loaded a CUDA runtime, it wrote from its CUDA code),
and those read from the log against what the facts show (no GPU to hide, a driver conda's
conflict is not about). A finding spoken against steps back to a warning, with the reason as
evidence where one says it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from ..doc_urls import PYPI_FILES
from ..envvars import parse_cuda_visible_devices, slurm_gave_none
from ..facts import Facts, Gpu, normalised_arch
from ..findings import FINDING_KINDS, Finding, Layer, Severity, ids_tagged, rank
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import gpu_support, platform_without_wheels
from ..planner.rules import (
    ANCIENT_GPU_FIX,
    DRIVER_PREDATES_THE_GPU,
    PLATFORM_UNSUPPORTED_FIX,
    SLURM_GAVE_NO_GPU,
    SLURM_GAVE_NO_GPU_FIX,
    WHEELS_TO_CONFIRM,
)
from ..versions import LibraryKind, parsed, xy
from .device_evidence import (
    DRIVER_FOLDERS,
    HOST_PROC_SEEN,
    STUB_DRIVER_SIGNATURES,
    driver_library_gone,
    gpu_not_in_this_process,
    jetson_known,
    libcuda_absent_alone,
    no_gpu_likely,
    stated_past_the_first_gpu,
    stub_in_a_bare_container,
)
from .logfacts import INSTALL_FAILURES, TF_NOT_RUNNING, LogFacts
from .logs import LogMatch
from .signatures import library_name
from .signatures.driver import DOCKER_HAS_NO_GPU_RUNTIME
from .signatures.model import MEMORY_TAKEN_FIX
from .signatures.runtime import NO_GPU_MEMORY_NAMED
from .sources import quoted
from .version_evidence import CONDA_CUDA_REFUSAL, conda_cuda_refusals
from .visible_devices import RAY_WITHOUT_GPUS, VALUE_READINGS
from .wanted import LIBRARY_FILE, Wanted
from .wsl import ngc_banner_under_wsl, requirement_misread

KERNEL_FAULTS = frozenset(
    {"gpu-kernel-fault", "gpu-kernel-fault-bare", "gpu-kernel-watchdog", "gpu-kernel-watchdog-bare"}
)
"""A kernel that ran on the GPU and faulted, in TensorFlow's words or CUDA's bare status."""
MACHINE_FAILURES = frozenset(
    kind.id
    for kind in FINDING_KINDS.values()
    if kind.layer in (Layer.EXPOSURE, Layer.DRIVER, Layer.DRIVER_VERSION)
)
"""The GPU not reached, or the driver (or its version) failing: a failure on the machine,
whatever TensorFlow ran (where a line says so outright: an error-level reading, not a guess
such as nvidia-smi missing from PATH)."""


def weighed_against_log(
    judged: tuple[Finding, ...],
    log: LogFacts,
    matches: tuple[LogMatch, ...],
    other_gpus: tuple[str, ...] = (),
) -> tuple[Finding, ...]:
    """Findings judged from the facts, weighed against what the log shows. other_gpus: the
    GPUs of other makers the facts name (an AMD or Intel GPU no install makes usable)."""
    if (rocm := next((m for m in matches if _rocm_ran(m)), None)) is not None:
        # (a note, as on DirectML's route: an AMD GPU is what that build runs on)
        not_nvidia = frozenset({"no-nvidia-gpu"})
        judged = noted(
            contradicted(
                judged,
                not_nvidia,
                "but the log is tensorflow-rocm's, a build for AMD GPUs: "
                + rocm.line.strip()[:160],
            ),
            lambda f: f.id in not_nvidia,
        )
    if log.install_failed and not log.tf_ran_line and not _asked_for_the_gpu_stub(matches):
        judged = _after_install(judged, keep_exposure=bool(other_gpus))
    elif log.tf_ran_line or "pywrap_tensorflow" in log.import_frame_line:
        # (an import that reached TensorFlow's own native library: a build was installed here,
        # a community one where PyPI has none; review 110, a Raspberry Pi's armv7l. Not a
        # half-removed install's 'No module named tensorflow.python': review 111)
        judged = _while_running(judged)
    if log.directml_line and other_gpus:
        # Microsoft's DirectML runs on any DirectX 12 GPU: another maker's is no obstacle on
        # this route (microsoft/DirectML#51: a Vega 8 under WSL 2)
        route = (
            "but the log is of Microsoft's DirectML route, which runs on any DirectX 12 GPU, AMD's"
            " and Intel's too: " + log.directml_line[:120]
        )
        not_nvidia = frozenset({"no-nvidia-gpu"})
        judged = noted(contradicted(judged, not_nvidia, route), lambda f: f.id in not_nvidia)
    if (gone := driver_library_gone(matches)) is not None and not any(
        m.signature.name in VALUE_READINGS for m in matches
    ):
        # a stated value that hides the GPUs explains CUDA finding none, not the driver's
        # library missing altogether (review 106: '' stated beside libcuda.so.1 not found)
        judged = contradicted(
            judged,
            frozenset({"cuda-visible-devices-hides-gpus"}),
            f"but the log shows the driver's library itself missing ({quoted(gone.line)}),"
            " which no value of CUDA_VISIBLE_DEVICES causes",
        )
    if (loaded := cuda_runtime_loaded(matches)) is not None and not _cuda_library_failed(matches):
        judged = _loaded_anyway(judged, loaded)
    judged = _cudnn_accepted(judged, matches)
    if log.cuda_build_line:
        because = (
            "but this TensorFlow wrote from its CUDA code or of its GPU device, so it is a build"
            " with GPU support (a community or source build): " + log.cuda_build_line.strip()[:160]
        )
        # an error steps down to a warning; a guess already worded as one ('if it is the PyPI
        # wheel') to a note, where the record is TensorFlow's own (JAX's XLA writes from the
        # same source paths under external/xla)
        judged = contradicted(judged, NO_CUDA_BUILD_IDS, because)
        if _TENSORFLOWS_OWN.search(log.cuda_build_line):
            judged = noted(
                judged, lambda f: f.id in NO_CUDA_BUILD_IDS and because not in f.evidence, because
            )
        # Native Windows builds have had no CUDA since 2.11: one that ran CUDA code is older,
        # or runs in Linux (Docker Desktop's WSL 2), whatever release or OS was named.
        judged = tuple(f for f in judged if f.id != "windows-native-gpu-unsupported")
    elif any(m.signature.name in KERNEL_FAULTS for m in matches):
        # a CUDA kernel of TensorFlow's that ran and faulted: a CUDA build at work, so (on
        # native Windows) a release before 2.11 (DeepFaceLab#5198)
        judged = tuple(f for f in judged if f.id != "windows-native-gpu-unsupported")
    elif any(
        (
            m.signature.finding_id == "gpu-out-of-memory"
            and m.signature.name not in NO_GPU_MEMORY_NAMED
            and "allocator cpu" not in m.line
        )
        or (m.signature.finding_id in MACHINE_FAILURES and m.signature.severity is Severity.ERROR)
        for m in matches
    ):
        # Work ran out of memory for the GPU (its own, or the pinned host memory CUDA copies
        # through), or the driver failed the program: that failure is what the log shows,
        # whichever release ran; 'no GPU from 2.11' stays a note for a release nobody named
        # (DeepLabCut#2318). The CPU allocator running out says the work ran on the CPU, as it
        # does there from 2.11 on.
        judged = noted(judged, lambda f: f.id == "windows-native-gpu-unsupported")
    elif log.directml_line:
        # Microsoft's DirectML runs on tensorflow-cpu on native Windows (any DirectX 12 GPU):
        # CUDA's absence there is not what this user's route needs
        judged = contradicted(
            judged,
            frozenset({"windows-native-gpu-unsupported"}),
            "but the log is of Microsoft's DirectML route, which runs on tensorflow-cpu 2.10"
            " on native Windows: " + log.directml_line[:120],
        )
    return judged


def weighed_against_the_runtime_opened(
    judged: tuple[Finding, ...], release: TfRelease | None, log: LogFacts
) -> tuple[Finding, ...]:
    """TensorFlow opens the CUDA runtime its build was linked against, by soname: one it opened
    that the release's CUDA does not ship (libcudart.so.10.2 from a '2.4' whose PyPI build is
    CUDA 11.0's) says the build that ran is not the one the table describes (a source, conda or
    nightly build), so the CUDA and cuDNN the table gives it judge nothing; they stay as notes
    (tensorflow#44683)."""
    if release is None or release.cuda is None or not log.runtimes_opened:
        return judged
    cuda = release.cuda
    if any(w.accepts(cuda) for w in log.runtimes_opened):
        return judged
    opened = log.runtimes_opened[0]
    because = (
        f"but the TensorFlow that ran opened the CUDA {opened} runtime"
        f" ({opened.line.strip()[:160]}): a build for CUDA {opened}, not the CUDA {cuda}"
        f" build of {release.version} the table describes"
    )
    table_judged = frozenset({"cuda-version-mismatch", "cudnn-version-mismatch"})
    return noted(
        demoted(judged, lambda f: f.id in table_judged, because), lambda f: f.id in table_judged
    )


def weighed_against_sonames(
    judged: tuple[Finding, ...], facts: Facts, log: LogFacts
) -> tuple[Finding, ...]:
    """A CUDA or cuDNN judged of another version than the build's, while the library the log
    cannot load is one that installed version provides (CUDA 11.1 ships the libcudart.so.11.0 of
    every 11.x): whatever its minor, TensorFlow did not find it, so the loader path is what the
    log shows wrong. The minor stays a warning to look at."""
    for kind, provider, wanted in _installed_providers(facts, log):
        what = "CUDA" if kind == "cuda" else "cuDNN"
        judged = contradicted(
            judged,
            frozenset({f"{kind}-version-mismatch"}),
            f"but {what} {provider} provides the {wanted.lib} {wanted} the log says"
            " cannot be loaded: TensorFlow does not find it on the loader path",
        )
    return judged


def installed_but_not_found(
    log_findings: tuple[Finding, ...], facts: Facts, log: LogFacts
) -> tuple[Finding, ...]:
    """The library the log cannot load belongs to the CUDA or cuDNN known installed (cuDNN
    7.0.5's libcudnn.so.7, mind/wheels#20): installing it again mends nothing; the loader must
    be told its folder."""
    for kind, provider, wanted in _installed_providers(facts, log):
        log_findings = _told_its_folder(log_findings, kind, provider, wanted)
    return log_findings


def _installed_providers(facts: Facts, log: LogFacts) -> list[tuple[LibraryKind, str, Wanted]]:
    """Each kind (CUDA, cuDNN) whose installed version provides every library of it the log
    cannot load, with that version and the first such library."""
    pairs: tuple[tuple[LibraryKind, tuple[Wanted, ...]], ...] = (
        ("cuda", log.wanted_cuda),
        ("cudnn", log.wanted_cudnn),
    )
    found: list[tuple[LibraryKind, str, Wanted]] = []
    for kind, wanted in pairs:
        if not wanted or not facts.knows(kind):
            continue
        installed = [c.version for c in facts.installs(kind) if c.version]
        provider = next((v for v in installed if all(w.accepts(v) for w in wanted)), None)
        if provider is not None:
            found.append((kind, provider, wanted[0]))
    return found


_NOT_FOUND_ID = {"cuda": "cuda-libs-not-found", "cudnn": "cudnn-not-found"}


def _told_its_folder(
    judged: tuple[Finding, ...], kind: LibraryKind, provider: str, wanted: Wanted
) -> tuple[Finding, ...]:
    what = "CUDA" if kind == "cuda" else "cuDNN"
    named = LIBRARY_FILE.search(wanted.line)
    library = named.group(0) if named else f"{what}'s library"
    fix = (
        f"Put the folder holding {library} (the installed {what} {provider}'s bin folder) on"
        " PATH, in the environment that starts Python, and start a new terminal."
        if library.lower().endswith(".dll")
        else f"Put the folder holding {library} on the loader path of the process that runs"
        f" TensorFlow ('ldconfig -p | grep {library.split('.so')[0]}' lists what the loader"
        f" finds; 'find / -name \"{library}*\" 2>/dev/null' where it is): 'sudo ldconfig"
        " FOLDER', or export LD_LIBRARY_PATH=FOLDER${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} in the"
        " shell that starts it (sudo, an IDE and cron do not read ~/.bashrc)."
    )
    return tuple(
        dataclasses.replace(
            f,
            title=f"{what} {provider} is installed, but the loader does not find its {library}",
            evidence=(
                *f.evidence,
                f"{what} {provider}, known installed, provides {library}",
            ),
            fix=fix,
        )
        if f.id == _NOT_FOUND_ID[kind] and any(wanted.line.strip()[:80] in e for e in f.evidence)
        else f
        for f in judged
    )


ROCM_BUILD_LINES = frozenset(
    {"rocm-gfx-unsupported", "hip-no-binary-for-gpu", "rocm-library-missing"}
)
"""Lines only tensorflow-rocm writes as it runs: an AMD GPU is what it runs on, not a reason it
fails."""
_ROCM_AT_WORK = re.compile(r"\brocm_\w{1,30}\.cc:\d|\blibamdhip64\.so|HSACO")
"""Of the ROCm signs, those of a ROCm build at work (its sources, HIP's runtime), not the package
name, which pip's refusals also print."""


LIBCUDA_OFF_THE_PATH_FIX = (
    "The driver is installed, so its libcuda.so.1 is missing from the loader's folders or was"
    " never installed with it: find it ('ldconfig -p | grep libcuda', 'find / -name"
    ' "libcuda.so*" 2>/dev/null\'). Where it is there, put its folder on LD_LIBRARY_PATH (NixOS:'
    " /run/opengl-driver/lib) or in /etc/ld.so.conf.d/ and run 'sudo ldconfig'; where it is not,"
    " install the driver's compute library of the same version (Ubuntu: libnvidia-compute-<branch>,"
    " Debian: libcuda1), or reinstall the driver with it. Inside a container the host's driver"
    " reaches it only when it is started with the GPU ('docker run --gpus all')."
)


def _libcuda_of_a_driver_installed(
    findings: tuple[Finding, ...], facts: Facts
) -> tuple[Finding, ...]:
    """libcuda.so.1 not loaded where a driver version is known (stated or probed) on Linux, not
    known to be a container: the driver is there, and its library is not where the loader looks
    (nixpkgs#65515: NixOS keeps it in /run/opengl-driver/lib), so 'install the driver' would
    leave it as it is."""
    if (
        not facts.knows("driver")
        or not facts.driver.version
        or not facts.knows("os")
        or facts.platform.os != "linux"
        or (facts.knows("container") and facts.platform.container)
        or any(f.id == "container-gpu-not-exposed" for f in findings)
    ):
        return findings
    return tuple(
        dataclasses.replace(
            f,
            title=f"{f.title}, although driver {facts.driver.version} is installed",
            evidence=(*f.evidence, f"driver {facts.driver.version} ({facts.driver.source})"),
            fix=LIBCUDA_OFF_THE_PATH_FIX,
            source="https://github.com/NixOS/nixpkgs/issues/65515",
        )
        if f.id == "no-nvidia-driver"
        and f.title.startswith("The NVIDIA driver library libcuda")
        and f.fix.startswith("libcuda comes with the NVIDIA driver")
        else f
        for f in findings
    )


def _rocm_build_beside_nvidia(nvidia: Gpu, rocm: LogMatch) -> Finding:
    """A line naming an AMD GPU the build weighed (its gfx, HIP's code objects) shows one is
    there too: the ROCm build may be meant for it, so the wrong build is only likely."""
    amd_there = rocm.signature.name in ("rocm-gfx-unsupported", "hip-no-binary-for-gpu")
    return Finding(
        "cpu-only-tensorflow",
        Severity.WARNING if amd_there else Severity.ERROR,
        "This TensorFlow is AMD's ROCm build (tensorflow-rocm), but the GPU here is an NVIDIA"
        " one: that build has no CUDA",
        (quoted(rocm.line), f"GPU: {nvidia.name} ({nvidia.source})"),
        "Uninstall tensorflow-rocm and install the CUDA build into the same environment (pip"
        " install 'tensorflow[and-cuda]' on Linux); 'tfgpu-setup plan' picks the release.",
        "https://www.tensorflow.org/install/pip",
    )


def _rocm_ran(m: LogMatch) -> bool:
    return m.signature.name in ROCM_BUILD_LINES or (
        m.signature.name == "rocm-runtime-seen" and _ROCM_AT_WORK.search(m.line) is not None
    )


GENERIC_LOAD_FAILURE = "cannot-dlopen-gpu-libraries"
VERSION_MISMATCH_IDS = frozenset({"cuda-version-mismatch", "cudnn-version-mismatch"})
WHEEL_NOT_LISTED = "pip lists NVIDIA's other wheels but not "
"""The start of the title of a pinned wheel that a 'pip list' leaves out (install_evidence)."""


def weighed_against_unnamed_failure(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """TensorFlow says it could not load 'some GPU libraries' without naming one (2.15 on keep
    the names for TF_CPP_MAX_VLOG_LEVEL=3), while the installed CUDA or cuDNN is judged another
    version than the build's, pending NVIDIA's wheels: a failed load says no wheel served the
    library, so that mismatch names what the generic line does not, and comes first; as does
    a wheel of the release's that a 'pip list' of the others leaves out."""
    names = {m.signature.name for m in matches}
    named = any(
        m.signature.finding_id in ("cuda-libs-not-found", "cudnn-not-found")
        and m.signature.name != GENERIC_LOAD_FAILURE
        for m in matches
    )
    if GENERIC_LOAD_FAILURE not in names or named:
        return findings
    pending = [
        f
        for f in findings
        if f.severity is Severity.WARNING
        and (
            (f.id in VERSION_MISMATCH_IDS and any(WHEELS_TO_CONFIRM in e for e in f.evidence))
            # a wheel 'pip list' leaves out names it too (explained away by the generic line)
            or f.title.startswith(WHEEL_NOT_LISTED)
        )
    ]
    if not pending:
        return findings
    because = "TensorFlow could not load a GPU library (the log), so no wheel served it"
    return tuple(
        dataclasses.replace(f, severity=Severity.ERROR, evidence=(because, *f.evidence))
        if f in pending
        else dataclasses.replace(f, severity=Severity.WARNING)
        if f.id == "cuda-libs-not-found" and f.severity is Severity.ERROR
        else f
        for f in findings
    )


def dnn_missing_beside_the_builds_cudnn(
    findings: tuple[Finding, ...],
    facts: Facts,
    matches: tuple[LogMatch, ...],
    release: TfRelease | None,
) -> tuple[Finding, ...]:
    """The RNN ops' 'Fail to find the dnn implementation' is read as another cuDNN; where the
    cuDNN stated is one the release ran (its major, at least its minor), memory held
    elsewhere is the likelier reason left (survey 11e: 2 of 8 settled threads)."""
    names = {m.signature.name for m in matches}
    if "dnn-implementation-missing" not in names or release is None or not release.cudnn:
        return findings
    if any(
        m.signature.finding_id == "cudnn-version-mismatch"
        for m in matches
        if m.signature.name != "dnn-implementation-missing"
    ):
        return findings
    built = parsed(release.cudnn)
    stated = [parsed(c.version) for c in facts.cudnn if c.version] if facts.knows("cudnn") else []
    if not stated or not all(
        (v.major, v.minor) >= (built.major, built.minor) and v.major == built.major for v in stated
    ):
        return findings
    return tuple(
        Finding(
            "gpu-out-of-memory",
            Severity.WARNING,
            "cuDNN did not start for the RNN op although it is the version TensorFlow"
            f" {xy(release.version)} was built with: most likely the GPU's memory was already"
            " taken",
            (
                *f.evidence,
                f"cuDNN {stated[0]} stated; TensorFlow {xy(release.version)} was built with"
                f" cuDNN {release.cudnn}",
            ),
            MEMORY_TAKEN_FIX + " In a notebook, restart the kernel that held it.",
            f.source,
        )
        if f.id == "cudnn-version-mismatch"
        else f
        for f in findings
    )


def _not_a_container(facts: Facts) -> str:
    if facts.knows("container") and not facts.platform.container:
        return "but this machine is not a container (as stated or probed)"
    return ""


def _not_native_windows(facts: Facts) -> str:
    if facts.knows("os") and facts.platform.os != "windows":
        return f"but this machine is {facts.platform.os} (as stated or probed), not native Windows"
    return ""


MACHINE_READINGS: tuple[tuple[str, str, Callable[[Facts], str]], ...] = (
    # a container (Docker Desktop's, in WSL 2) whose toolkit predates the Windows driver
    ("cuinit-named-symbol-not-found", "container-gpu-not-exposed", _not_a_container),
    # native Windows' index, where tensorflow-gpu stops at 2.10
    ("pip-tensorflow-gpu-windows-versions", "windows-native-gpu-unsupported", _not_native_windows),
    # NVIDIA's Linux-only NCCL wheel missing for tensorflow[and-cuda]: most often native Windows
    ("and-cuda-nccl-without-a-wheel", "windows-native-gpu-unsupported", _not_native_windows),
)
"""Signatures whose reading assumes a kind of machine, the finding they make, and what a machine
stated or probed to be of another kind says against it (a lead, then, not the cause)."""


def log_weighed_against_facts(
    findings: tuple[Finding, ...],
    facts: Facts,
    matches: tuple[LogMatch, ...],
    container_line: str = "",
) -> tuple[Finding, ...]:
    """Log findings the facts speak against.

    'CUDA found no device' reads as GPUs hidden from the process only where the machine has
    one CUDA could list (not one in MIG mode without instances): where it is known to have none
    (stated, or a working driver lists none, and nvidia-smi and NVML ignore
    CUDA_VISIBLE_DEVICES), the line is what a machine without a GPU prints. A variable the
    facts show hiding them is judged on its own, from the facts; one they show starting with
    GPU 0 hides none.

    conda's solver refusing a build for its __cuda reads as 'no driver' only while no driver is
    known: with one for a CUDA the build accepts, the conflict lies elsewhere.

    The container CLI refusing an image for a CUDA the known driver supports misread the driver.
    Under WSL 2 an NGC image's 'no driver' banner is known to be false.

    No /dev/nvidia0 on a host known to have a GPU and its driver is a process not given them.

    A Jetson's driver never makes /proc/driver/nvidia: TensorFlow not finding it says nothing
    about the driver there.

    An illegal instruction is no missing AVX on an Arm CPU, which has no AVX to miss.

    An empty NVIDIA library reads as a container's placeholder, but not on a machine stated (or
    probed) not to be a container, unless the log itself shows one.

    tensorflow-rocm at work beside an NVIDIA GPU is the wrong build: it has no CUDA.

    cuInit's 'named symbol not found' reads as a container whose toolkit predates the Windows
    driver, which a machine known not to be a container is not; pip's tensorflow-gpu list
    ending at 2.10 reads as native Windows, which a machine known to run another OS is not."""
    if facts.gpus_absent():
        findings = contradicted(
            findings,
            frozenset({"cuda-visible-devices-hides-gpus"}),
            f"but this machine has no NVIDIA GPU to hide ({facts.gpus_reason or 'stated'})",
        )
        # Docker's daemon runs on the host: with no NVIDIA GPU there, no toolkit would give
        # the container one (stable-diffusion-docker#82: a laptop with Intel graphics only).
        # Where the machine is known to have none (stated, or its PCI bus, which a container
        # shares, lists none), no way of starting the container would give it one either.
        host_has_none = facts.gpus_stated_absent() or facts.pci_lists_no_gpu()
        findings = demoted(
            findings,
            lambda f: (
                f.id == "container-gpu-not-exposed"
                and (host_has_none or any(DOCKER_HAS_NO_GPU_RUNTIME.search(e) for e in f.evidence))
            ),
            f"but the host has no NVIDIA GPU to give it ({facts.gpus_reason or 'stated'})",
        )
    if facts.other_gpus and not facts.gpus:
        # only another maker's GPU stated (an AMD or Intel one): CUDA finding no device is that,
        # not a setting hiding an NVIDIA GPU nobody named (deepvariant#820: a Vega 20)
        findings = noted(
            findings,
            lambda f: f.id == "cuda-visible-devices-hides-gpus",
            f"but the GPU stated is another maker's ({facts.other_gpus[0]}), which CUDA never"
            " lists",
        )
    if facts.gpus and all(g.mig_mode == "enabled" and not g.mig_devices for g in facts.gpus):
        # MIG mode with no instance shows CUDA no device: the facts' finding says so
        findings = contradicted(
            findings,
            frozenset({"cuda-visible-devices-hides-gpus"}),
            "but every GPU here is in MIG mode with no MIG instance created, which alone leaves"
            " CUDA no device",
        )
    if (shown := _first_gpu_shown(facts)) is not None and not any(
        # the code's own assignment that hides the GPUs is what its process ran with, whatever
        # the shell's value stated (review 97: os.environ['CUDA_VISIBLE_DEVICES'] = '-1')
        m.signature.name in VALUE_READINGS
        for m in matches
    ):
        findings = tuple(
            _given_no_gpu(f, shown, facts) if f.id == "cuda-visible-devices-hides-gpus" else f
            for f in findings
        )
    if past := stated_past_the_first_gpu(facts):
        findings = tuple(
            dataclasses.replace(
                f,
                evidence=(
                    *f.evidence,
                    f"CUDA_VISIBLE_DEVICES={past} (stated) names no index 0, CUDA's first GPU: a"
                    " machine, container or job with fewer GPUs than that sees none",
                ),
            )
            if f.id == "cuda-visible-devices-hides-gpus"
            else f
            for f in findings
        )
    if (ray := _ray_gave_no_gpu(matches)) is not None:
        # Ray sets the variable per trial: its own reading says what to change (review 97)
        findings = tuple(
            dataclasses.replace(f, title=ray.title, fix=ray.fix, source=ray.source)
            if f.id == "cuda-visible-devices-hides-gpus" and f.severity is Severity.ERROR
            else f
            for f in findings
        )
    if _slurm_gave_no_gpu(facts, matches):
        findings = tuple(
            dataclasses.replace(f, title=SLURM_GAVE_NO_GPU, fix=SLURM_GAVE_NO_GPU_FIX)
            if f.id == "cuda-visible-devices-hides-gpus" and f.severity is Severity.ERROR
            else f
            for f in findings
        )
    if (served := _conda_build_served(facts, matches)) is not None:
        findings = contradicted(findings, frozenset({"no-nvidia-driver"}), served)
    if _stub_loaded_from_the_path(matches):
        findings = contradicted(
            findings,
            frozenset({"no-nvidia-driver"}),
            "but the log shows a toolkit's stubs folder on LD_LIBRARY_PATH and CUDA answering as"
            " its stub libcuda does: the stub loaded in the driver's place",
        )
    if (banner := ngc_banner_under_wsl(facts, matches)) is not None:
        # known to be false there: a note, not a warning
        exposed = frozenset({"container-gpu-not-exposed"})
        findings = tuple(
            dataclasses.replace(
                f,
                title="NVIDIA's image printed that it found no driver, which under WSL 2 it"
                " prints with the GPU working",
                fix="Nothing to do for the banner: ask TensorFlow inside the container"
                ' (python -c "import tensorflow as tf;'
                " print(tf.config.list_physical_devices('GPU'))\"); 'nvidia-smi' there lists"
                " the GPU when the container got it (docker run --gpus all).",
                source="https://github.com/NVIDIA/nvidia-docker/issues/1548",
            )
            if f.id in exposed
            else f
            for f in noted(contradicted(findings, exposed, banner), lambda f: f.id in exposed)
        )
    if (misread := requirement_misread(facts, matches)) is not None:
        reason, replacement = misread
        findings = (*contradicted(findings, frozenset({"driver-too-old"}), reason), replacement)
    if (elsewhere := gpu_not_in_this_process(facts, matches)) is not None:
        # the line's 'no GPU' is the process's view, which the finding quotes
        findings = (
            *contradicted(
                tuple(f for f in findings if f.id != "no-nvidia-gpu"),
                frozenset({"no-nvidia-driver"}),
                "but this machine has a working NVIDIA driver: the process that ran TensorFlow"
                " does not see it",
            ),
            elsewhere,
        )
    if (jetson := jetson_known(facts)) and any(
        m.signature.name == "kernel-driver-not-running" for m in matches
    ):
        findings = contradicted(
            findings,
            frozenset({"no-nvidia-driver"}),
            f"but this is a Jetson ({jetson}): its driver never makes /proc/driver/nvidia",
        )
    findings = _libcuda_of_a_driver_installed(findings, facts)
    if facts.knows("os") and facts.platform.os == "wsl2":
        # WSL 2 has no NVIDIA kernel module (its driver is Windows'): TensorFlow's note that
        # /proc/driver/nvidia/version does not exist says nothing about the driver there
        findings = tuple(f for f in findings if not _only_the_kernel_note(f))
        if facts.knows("container") and not facts.platform.container:
            # cuInit's 'named symbol not found' read as a container's toolkit: not a container
            # here, where the libcuda that answered lacked the entry point (device_evidence)
            findings = tuple(
                f
                for f in findings
                if not (
                    f.id == "container-gpu-not-exposed"
                    and any("named symbol not found" in e for e in f.evidence)
                )
            )
    rocm = next((m for m in matches if _rocm_ran(m)), None)
    # a GPU the facts name as an NVIDIA model (one whose compute capability is known), not a
    # name nobody recognised ('rx580')
    known = facts.gpus if facts.knows("gpus") else ()
    nvidia = next((g for g in known if g.compute_capability), None)
    if rocm is not None and nvidia is not None:
        findings = (*findings, _rocm_build_beside_nvidia(nvidia, rocm))
    on_a_mac = facts.knows("os") and facts.platform.os == "macos"
    crashed = next((f for f in findings if f.id == "cpu-lacks-avx"), None)
    if facts.knows("arch") and normalised_arch(facts.platform.arch, "linux") not in X86_MACHINES:
        # AVX is an x86 extension: an illegal instruction on Arm (a Jetson's numpy and its
        # OpenBLAS, numpy#18131; a Raspberry Pi) says nothing about it. On a machine TensorFlow
        # publishes no wheel for, whatever build was installed was not made for this CPU.
        findings = tuple(f for f in findings if f.id != "cpu-lacks-avx")
        if crashed is not None and on_a_mac:
            findings = (*findings, under_rosetta(crashed))
        elif crashed is not None and (unpublished := platform_without_wheels(facts)) is not None:
            findings = (*findings, _build_not_for_this_cpu(unpublished, crashed))
    names = {m.signature.name for m in matches}
    for signature, finding_id, against in MACHINE_READINGS:
        if signature in names and (reason := against(facts)):
            findings = contradicted(findings, frozenset({finding_id}), reason)
    if (
        "and-cuda-nccl-without-a-wheel" in names
        and facts.knows("os")
        and facts.platform.os in ("linux", "wsl2")
    ):
        # NCCL has Linux wheels: on Linux its refusal is an index's or a mirror's, not the OS
        findings = tuple(f for f in findings if f.id != "windows-native-gpu-unsupported")
    placeholder = next((m for m in matches if m.signature.name in IN_CONTAINER_ONLY), None)
    if (
        placeholder is not None
        and facts.knows("container")
        and not facts.platform.container
        and not container_line  # the log's own word outranks a probe of another machine
    ):
        # Only the readings of what a container's own files look like: the runtime's and
        # Docker's refusals print on the host, which is no container by definition.
        findings = contradicted(
            findings,
            frozenset({"container-gpu-not-exposed"}),
            "but this machine is not a container (as stated or probed): the empty library is"
            " the machine's own",
        )
    return findings


def behind_a_host_without_driver(
    findings: tuple[Finding, ...], crossed: Sequence[Finding]
) -> tuple[Finding, ...]:
    """A container the log reads as started without the GPU (an empty placeholder libcuda),
    on a host whose own kernel shows no NVIDIA module: passing the GPU in cannot help until
    the host has a driver, so that reading steps back (tensorflow/models#10581)."""
    if not any(HOST_PROC_SEEN in f.evidence for f in crossed):
        return findings
    return contradicted(
        findings,
        frozenset({"container-gpu-not-exposed"}),
        "but the host under this container has no NVIDIA driver loaded: passing the GPU in"
        " cannot help until it has one",
    )


def _only_the_kernel_note(finding: Finding) -> bool:
    """A no-driver finding whose only log evidence is TensorFlow's kernel-module note."""
    lines = [e for e in finding.evidence if e.startswith("line ")]
    return (
        finding.id == "no-nvidia-driver"
        and bool(lines)
        and all("/proc/driver/nvidia/version does not exist" in e for e in lines)
    )


IN_CONTAINER_ONLY = frozenset({"nvidia-library-file-too-short"})
"""Signatures read as a container started without the GPU only from what its files look like."""


ROSETTA_FIX = (
    "On an Apple silicon Mac, use a native arm64 Python (python.org's universal2 installer,"
    " Homebrew's, or Miniforge's; 'python -c \"import platform; print(platform.machine())\"'"
    " must print arm64, and 'file $(which python)' must not say x86_64 only) and install"
    " TensorFlow in it (tensorflow-macos before 2.13), with no terminal set to 'Open using"
    " Rosetta'."
)


def under_rosetta(crashed: Finding) -> Finding:
    """An illegal instruction at import on Apple silicon: Rosetta 2 translates no AVX, so an
    Intel Python and its x86 TensorFlow die there (apple/tensorflow_macos#81, #143)."""
    return dataclasses.replace(
        crashed,
        title=(
            "Python died on an illegal instruction on Apple silicon: an Intel (x86_64) Python"
            " runs under Rosetta 2, which translates no AVX, with an x86 TensorFlow"
        ),
        fix=ROSETTA_FIX,
        source="https://github.com/apple/tensorflow_macos/issues/81",
    )


APPLE_SILICON_SINCE = "2020-11-10"
"""The first Apple silicon Macs' release day: a log written before it ran on an Intel Mac (an
old TensorFlow release says nothing: M1 users pip-installed 2.2, tensorflow#45323)."""
_NO_APPLE_CHIP = re.compile(
    r"\bIntel\(R\) (?:Core|Xeon|Pentium|Celeron|Atom)|\bCore\(TM\)|\bXeon\b"
    # (a Hackintosh's AMD CPU; a macOS older than 11, which no Apple silicon Mac runs)
    # (not 10.16: what macOS 11 and later tell a program built for an older SDK, review 112)
    r"|^[ \t]*AMD [A-Z][\w()-]{2,30} |(?:ProductVersion:\s*|\bMac OS X |\bmacOS-)10\.(?!16\b)",
    re.MULTILINE,
)
"""A Mac that is no Apple silicon: an Intel or AMD CPU's brand string, as sysctl or a system
report prints it (not Intel's name in a library's warning, 'Intel(R) SSE4.2': review 111), or a
macOS before 11."""
_APPLE_CHIP = re.compile(
    r"(?:^[ \t]*|brand_string:\s*|Chip(?: Model)?:\s*)Apple M\d|RELEASE_ARM64_T\d{4}"
    r"|ProductVersion:\s*(?:1[1-9]|2\d|10\.16\b)|\bmacOS-(?:(?:1[1-9]|2\d)\.\d|10\.16\b)"
    r"|__osx=(?:1[1-9]|2\d)\.",
    re.MULTILINE,
)
"""An Apple silicon chip's brand or kernel, whatever an Intel process under Rosetta says of
itself (uname -m's x86_64), or a macOS 11 or later, on which every Intel Mac has AVX."""
_PLAIN_CRASH = "Python died on an illegal instruction"
"""The crash's own title: the AVX2/FMA build variants name what the build needs instead."""
_AVX_ITSELF = "built to use AVX instructions"
"""TensorFlow's own check naming AVX itself, which every Intel Mac since 2011 has (review 110:
conda's osx-64 Python on macOS 11)."""


def rosetta_or_avx_on_a_mac(
    findings: tuple[Finding, ...], facts: Facts, written_on: str, text: str
) -> tuple[Finding, ...]:
    """An illegal instruction on a Mac whose chip nobody stated: since Apple silicon, most
    Macs that die here run an Intel Python under Rosetta 2 (7 of 10 settled macOS threads,
    survey 28), so that comes first and an Intel Mac's CPU second. Not for a log written
    before Apple silicon, a Mac with an NVIDIA GPU (only Intel Macs had one) or an Intel CPU
    named, or a build variant that names the instructions it needs. An x86_64 process (uname
    -m's, arch's i386) says nothing of the chip: that is what Rosetta runs. An Apple chip or a
    macOS 11 or later shown keeps the reading whatever the log's date says."""
    if not (facts.knows("os") and facts.platform.os == "macos"):
        return findings
    if facts.knows("arch") and facts.platform.arch not in ("x86_64", "i386"):
        return findings  # (Apple silicon stated: under_rosetta's reading)
    apple_chip = _APPLE_CHIP.search(text) is not None and not _NO_APPLE_CHIP.search(text)
    if facts.knows("gpus") and any(g.compute_capability for g in facts.gpus):
        return findings
    if not apple_chip and (
        (written_on and written_on < APPLE_SILICON_SINCE) or _NO_APPLE_CHIP.search(text)
    ):
        return findings
    return tuple(
        dataclasses.replace(
            f,
            title=(
                (
                    "Python died on an illegal instruction on a Mac"
                    if f.title.startswith(_PLAIN_CRASH)
                    else "TensorFlow found no AVX on this Mac's CPU"
                )
                + ": most often an Intel Python under Rosetta 2 on Apple silicon (Rosetta"
                " translates no AVX); on an Intel Mac, a CPU without AVX"
            ),
            fix=ROSETTA_FIX + " On an Intel Mac without AVX: " + f.fix,
        )
        if f.id == "cpu-lacks-avx" and (f.title.startswith(_PLAIN_CRASH) or _AVX_ITSELF in f.title)
        else f
        for f in findings
    )


def _build_not_for_this_cpu(label: str, crashed: Finding) -> Finding:
    return Finding(
        "platform-unsupported",
        Severity.WARNING,
        f"Python died on an illegal instruction on {label}, which TensorFlow publishes no wheel"
        " for: the build installed was made for another CPU (an armv7 wheel on an armv6 Raspberry"
        " Pi Zero, say)",
        crashed.evidence,
        PLATFORM_UNSUPPORTED_FIX,
        PYPI_FILES,
    )


X86_MACHINES = frozenset({"x86_64", "x86", "unknown", ""})
"""Machines that may lack AVX (one not known may be one)."""


MOOT_BESIDE_AN_ANCIENT_GPU = frozenset(
    {
        "cuda-libs-not-found",
        "cudnn-not-found",
        "cuda-version-mismatch",
        "cudnn-version-mismatch",
        # its newest driver branch (340 for Tesla, 390 for Fermi) is as far as it goes
        "driver-too-old",
    }
)


def weighed_against_the_gpu(
    findings: tuple[Finding, ...],
    facts: Facts,
    gpu_reached: bool,
    log_capabilities: tuple[str, ...] = (),
) -> tuple[Finding, ...]:
    """A GPU older than every TensorFlow build (Fermi, Tesla) makes the CUDA libraries moot: no
    CUDA or cuDNN installed, no driver, nor any release, would let TensorFlow use it
    (google/automl#555, a GT 220). Its own finding then comes first, as an error whatever
    release wrote the log; not where the log shows another GPU at work, or found one a build
    serves (log_capabilities: the compute capabilities the log printed)."""
    if gpu_reached or not (facts.knows("gpus") and facts.gpus):
        return findings
    if not all(query.older_than_every_build(cc) for cc in log_capabilities):
        return findings
    if not all(query.older_than_every_build(g.compute_capability) for g in facts.gpus):
        return findings
    if not any(f.id == "compute-capability-unsupported" for f in findings):
        # The release was not judged (a 1.x outside the matrix, or none known): no release
        # would run on this GPU either.
        findings = (*findings, _ancient_gpu_finding(facts))
    moot = demoted(
        findings,
        lambda f: f.id in MOOT_BESIDE_AN_ANCIENT_GPU,
        "but no TensorFlow build runs on this GPU (compute capability below"
        f" {query.OLDEST_CAPABILITY_BUILT}), whatever CUDA libraries it finds",
    )
    return tuple(
        dataclasses.replace(f, severity=Severity.ERROR, fix=ANCIENT_GPU_FIX)
        if f.id == "compute-capability-unsupported"
        else f
        for f in moot
    )


def _ancient_gpu_finding(facts: Facts) -> Finding:
    return Finding(
        "compute-capability-unsupported",
        Severity.ERROR,
        "No TensorFlow release has kernels for this GPU (compute capability below"
        f" {query.OLDEST_CAPABILITY_BUILT})",
        tuple(
            f"{g.name}: compute capability {g.compute_capability} ({g.cc_source})"
            for g in facts.gpus
        ),
        ANCIENT_GPU_FIX,
        "https://github.com/tensorflow/tensorflow/blob/v1.15.0/configure.py",
    )


def _conda_build_served(facts: Facts, matches: tuple[LogMatch, ...]) -> str | None:
    """Why conda's __cuda refusal is not about the driver, when the facts say so."""
    known = conda_cuda_refusals(facts, matches)
    if known is None:
        return None
    cuda, refusals = known
    if any(
        m.signature.finding_id == "no-nvidia-driver" and m.signature.name != CONDA_CUDA_REFUSAL
        for m in matches
    ):
        return None  # another line says the driver is missing
    if not all(need and parsed(cuda) >= parsed(need) for _, need in refusals):
        return None
    if any(_ABSENT_CUDA.search(m.line) for m, _ in refusals):
        # conda said it has no __cuda at all, where this machine's conda lists one: the solve
        # ran where it saw no driver (conda-forge/tensorflow-feedstock#222, an image build)
        return (
            f"but a driver for CUDA {cuda} is there ({facts.driver.source}): the solve that"
            " failed ran where conda saw no driver (an image build, a node without the GPU):"
            f" set CONDA_OVERRIDE_CUDA={cuda} there"
        )
    return (
        f"but a driver for CUDA {cuda} is there ({facts.driver.source}), which this build"
        " accepts: conda's conflict lies in its other requirements"
    )


_ABSENT_CUDA = re.compile(r"nothing provides (?:requested )?__cuda|__cuda, which is missing")
"""conda's words for a __cuda it does not have at all (not one too old for the build)."""


def _after_install(
    findings: tuple[Finding, ...], keep_exposure: bool = False
) -> tuple[Finding, ...]:
    """The log shows TensorFlow never ran (pip found no wheel, no module to import, its library
    did not load): what the platform means for GPU use, whether a GPU reaches it (a machine
    stated to have none, a container not given it), and what the GPU's kernels, XLA's tools or
    the GPU's memory would do to work that never started, are true but come after getting
    TensorFlow to import, so they step back behind that problem: the platform's to a note (it
    stays listed), the others an error to a warning. keep_exposure: the GPU named is another
    maker's, which no install makes usable: that stays the cause."""

    def after_import(finding: Finding) -> bool:
        kind = FINDING_KINDS.get(finding.id)
        if kind is None:
            return False
        return kind.layer >= Layer.KERNELS or (kind.layer is Layer.EXPOSURE and not keep_exposure)

    return demoted(noted(demoted(findings, is_platform), is_platform), after_import)


def _asked_for_the_gpu_stub(matches: tuple[LogMatch, ...]) -> bool:
    """pip failed only on the tensorflow-gpu stub: what was asked for is a GPU build, so what
    the platform offers for the GPU (none on native Windows from 2.11) is the cause, not
    behind the install."""
    failed = {m.signature.name for m in matches if m.signature.name in TF_NOT_RUNNING}
    return failed == {"tensorflow-gpu-removed"}


INSTALL_BLOCKERS = ids_tagged("blocks-install")
INSTALL_FAILURE_IDS = frozenset({"python-unsupported", "tensorflow-not-installed", "glibc-too-old"})
"""What pip's and conda's refusals read as."""


def _while_running(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The log has TensorFlow's own runtime lines, so it was installed and imported: a judged
    install blocker (the stated Python is not one this release supports) contradicts the log
    (another interpreter ran it, or the build is not the one inferred: conda's 2.4 ran on
    Python 3.9) and is left as a note, below any warning the log or facts support."""
    return noted(demoted(findings, _blocks_install), _blocks_install)


def _blocks_install(finding: Finding) -> bool:
    return finding.id in INSTALL_BLOCKERS


CUDA_RUNTIME_LOADED = frozenset(
    {
        "cudnn-handle",
        "cublas-handle",
        "no-algorithm-worked",
        "min-compute-capability",
        "min-compute-capability-unnamed",
        "no-kernel-image",
        "launch-config-no-kernel-image",
        "cuda-out-of-memory",
        "cudnn-version-mismatch",
        # (raised by an op placed on a GPU device: colabtools#3015, CUDA 11.1's nvcc stated
        # beside 2.9's CUDA 11.2 runtime at work)
        "dnn-library-not-found",
        "gpu-kernel-fault",
        "no-kernels-ptx-jit",
        "no-kernels-for-new-gpu",
        # NCCL's all-reduce, which MirroredStrategy picks only among GPU devices it created
        "nccl-ops-not-built",
        "nccl-op-not-registered",
    }
)
"""Lines TensorFlow writes only once its CUDA runtime and math libraries loaded: a cuDNN or
cuBLAS handle it tried to create, algorithms it tried, a GPU it weighed and skipped for its
compute capability (TF 2.x checks the libraries first; 1.x linked them at import), a kernel it
launched and the GPU had no image for, or that failed while it ran, device memory it asked for
on a GPU device it created, the cuDNN it compared with its build when it first used it, the
kernels it found its build lacks for the GPU as it created the device."""


def cuda_runtime_loaded(matches: tuple[LogMatch, ...]) -> LogMatch | None:
    """The first line showing TensorFlow had a CUDA runtime it accepts (a library loaded, work
    or an allocation on a device)."""
    return next(
        (
            m
            for m in matches
            if (
                m.signature.name in CUDA_RUNTIME_LOADED
                and (m.signature.name not in TF_RECORD_ONLY or _TF_RECORD.search(m.line))
                # an allocation on a device, not the CUDA context XLA made without one (TF
                # 2.0-2.3 create it after 'Skipping registering GPU devices')
                and (m.signature.name != "cuda-out-of-memory" or m.groups.get("size"))
            )
            or (
                m.signature.name == "library-loaded"
                and library_name(m.groups.get("lib", "")) == "cudart"
            )
        ),
        None,
    )


TF_RECORD_ONLY = frozenset(
    {"no-kernel-image", "launch-config-no-kernel-image", "cuda-out-of-memory"}
)
"""Kernel-image and device-memory failures: TensorFlow's only where its own record says so
(PyTorch, CuPy and numba print the same CUDA words), or where its exception's own words do
(its Python exception for a GPU kernel's 'Failed to load in-memory CUBIN', which JAX's XLA also
writes in its own exception, its device setup's 'CUDA runtime
implicit initialization on GPU:0 failed': tensorflow#47058, cuda_tensorflow_opencv#11)."""
_TF_RECORD = re.compile(
    r"\b\w+\.(?:cc|h):\d{1,5}\]|\berrors_impl\.\w{1,40}Error: Failed to load in-memory CUBIN"
    r"|CUDA runtime implicit initialization on GPU:\d"
    # the message alone as Keras prints it, with TensorFlow's op context (tensorflow#60530)
    r"|Failed to load in-memory CUBIN: [^\n]{0,200}\[\[node |\[Op:__inference_"
)


def _cuda_library_failed(matches: tuple[LogMatch, ...]) -> bool:
    """Another CUDA library the same log could not load: a loaded runtime then says nothing of
    the CUDA's version (every 11.x runtime is libcudart.so.11.0; TensorFlow 2.4's
    libcusolver.so.10 is 11.0's alone)."""
    return any(
        m.signature.name == "dlopen-cuda-library"
        and library_name(m.groups.get("lib", "")) not in ("cudart", "cudnn")
        for m in matches
    )


def _loaded_anyway(findings: tuple[Finding, ...], loaded: LogMatch) -> tuple[Finding, ...]:
    """A CUDA judged missing or of another version from what was stated, or a build guessed to
    have no CUDA, while the log shows TensorFlow loaded a CUDA runtime it accepts: the log
    outranks the statement (a 'CUDA 10.2' read off nvidia-smi is the driver's, or another copy
    serves TensorFlow). One that was only a warning already (the release was not known)
    becomes a note."""
    number = loaded.pasted_line or loaded.line_number  # as the user's paste numbers it
    against = (
        f"but TensorFlow loaded its CUDA libraries (line {number}: {loaded.line.strip()[:160]})"
    )
    findings = noted(findings, lambda f: f.id in CUDA_STATED_IDS, against)
    findings = contradicted(findings, CUDA_STATED_IDS, against)
    # A build without CUDA never opens the CUDA runtime: one guessed from the platform (PyPI's
    # aarch64 wheel beside a Jetson's) steps back; one the facts show (tensorflow-cpu found
    # installed) stays, the line being another program's.
    return noted(
        findings,
        lambda f: f.id in NO_CUDA_BUILD_IDS,
        f"but this TensorFlow opened the CUDA runtime, so it is a CUDA build (line {number})",
    )


def _cudnn_accepted(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """TensorFlow names the cuDNN it loaded and checks it against its build, saying so when it
    is not (a major or an older minor): one loaded without that complaint is a cuDNN it
    accepts, whatever other one is installed beside it (a system cuDNN 9 beside the [and-cuda]
    wheel's 8.9). Its soname opened (libcudnn.so.7) is the same word at the loader's level:
    TensorFlow asks only for its build's major, so a cuDNN stated of another major is not the
    one it runs."""
    loaded = next(
        (
            m
            for m in matches
            if m.signature.name == "cudnn-loaded"
            or (
                m.signature.name == "library-loaded"
                and m.groups.get("lib", "").startswith("libcudnn")
            )
        ),
        None,
    )
    if loaded is None or any(
        m.signature.finding_id in ("cudnn-version-mismatch", "cudnn-not-found") for m in matches
    ):
        return findings
    number = loaded.pasted_line or loaded.line_number
    against = (
        f"but TensorFlow loaded a cuDNN it accepts (line {number}: {loaded.line.strip()[:120]})"
    )
    # an error and a warning alike end as a note: the installed copy is not what runs
    findings = contradicted(findings, frozenset({"cudnn-version-mismatch"}), against)
    findings = noted(findings, lambda f: f.id == "cudnn-version-mismatch" and against in f.evidence)
    return noted(findings, lambda f: f.id == "cudnn-version-mismatch", against)


CUDA_STATED_IDS = frozenset({"cuda-version-mismatch", "cuda-libs-not-found"})
_TENSORFLOWS_OWN = re.compile(
    r"\btensorflow[/\\]|\bexternal[/\\]local_(?:xla|tsl)[/\\]|cuDNN launch failure|TF GPU device"
)
"""A CUDA record of TensorFlow's own build: its source tree, or the XLA and TSL it vendors."""
NO_CUDA_BUILD_IDS = frozenset({"macos-no-cuda", "cpu-only-tensorflow"})
"""Judged from the platform or the distribution: this TensorFlow has no CUDA."""


def _stub_loaded_from_the_path(matches: tuple[LogMatch, ...]) -> bool:
    """CUDA's stub answering, with a stubs folder on the loader's path ahead of every driver
    folder it lists (tensorflow#14224): behind one, the stub loaded only because the driver's
    libcuda was not there."""
    if not any(m.signature.name == "cuinit-stub-library" for m in matches):
        return False
    for m in matches:
        if m.signature.name != "cuda-stubs-on-library-path":
            continue
        stubs = m.groups.get("path") or m.groups.get("listed") or m.groups.get("first") or ""
        at = m.line.find(stubs)
        if at >= 0 and not any(0 <= m.line.find(folder) < at for folder in DRIVER_FOLDERS):
            return True
    return False


def stub_behind_a_bare_container(
    log_findings: tuple[Finding, ...],
    crossed: Sequence[Finding],
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
) -> tuple[Finding, ...]:
    """The stub's own reading (a stubs folder ahead of the driver's libcuda) steps back behind
    a container started without the GPU, where the stub answered alone."""
    if not stub_in_a_bare_container(facts, log, {m.signature.name for m in matches}):
        return log_findings
    if not any(
        f.id == "container-gpu-not-exposed" and f.severity is Severity.ERROR for f in crossed
    ):
        return log_findings
    stub_lines = {
        m.line.strip()[:120] for m in matches if m.signature.name in STUB_DRIVER_SIGNATURES
    }
    return demoted(
        log_findings,
        lambda f: (
            f.id == "ld-library-path-shadows"
            and any(line in e for e in f.evidence for line in stub_lines)
        ),
        "but in a container a GPU image finds CUDA's stub only where no driver was mounted",
    )


def _ray_gave_no_gpu(matches: tuple[LogMatch, ...]) -> Finding | None:
    """Ray's status of trials running with none of its GPUs, read as its own signature says."""
    status = next((m for m in matches if m.signature.name == RAY_WITHOUT_GPUS), None)
    if status is None:
        return None
    signature = status.signature
    return Finding(
        "cuda-visible-devices-hides-gpus",
        signature.severity,
        signature.title.format_map(status.groups),
        (quoted(status.line),),
        signature.fix.format_map(status.groups),
        signature.source,
    )


def _slurm_gave_no_gpu(facts: Facts, matches: tuple[LogMatch, ...]) -> bool:
    """CUDA_VISIBLE_DEVICES is Slurm's NoDevFiles, as stated or as the log prints it."""
    return slurm_gave_none(facts.env.get("CUDA_VISIBLE_DEVICES")) or any(
        slurm_gave_none(m.groups.get("value"))
        for m in matches
        if m.signature.finding_id == "cuda-visible-devices-hides-gpus"
    )


def _first_gpu_shown(facts: Facts) -> str | None:
    """CUDA_VISIBLE_DEVICES as stated or probed, when it starts with index 0: CUDA's first GPU
    exists wherever there is a GPU at all. (An index past the last GPU, or a UUID of another
    machine's, hides them all.)"""
    raw = facts.env.get("CUDA_VISIBLE_DEVICES")
    visible = parse_cuda_visible_devices(raw)
    if visible.kind != "indices" or visible.indices[:1] != (0,):
        return None
    return raw


def _given_no_gpu(hidden: Finding, shown: str, facts: Facts) -> Finding:
    """CUDA finding no device while CUDA_VISIBLE_DEVICES shows the first GPU: the process was
    given none (a container, a batch job), or the machine has none."""
    container = facts.knows("container") and facts.platform.container
    return Finding(
        "container-gpu-not-exposed" if container else "no-nvidia-gpu",
        hidden.severity,
        "CUDA found no GPU although the driver library loaded, and CUDA_VISIBLE_DEVICES="
        f"{shown} hides none: this process was given no GPU"
        + ("" if facts.gpus else ", or the machine has none"),
        (*hidden.evidence, f"CUDA_VISIBLE_DEVICES={shown}: its first entry is CUDA's first GPU"),
        "Give the process the GPU: start a container with it ('docker run --gpus all',"
        " Apptainer's --nv, a Kubernetes nvidia.com/gpu limit) and ask a batch scheduler for one"
        " (SLURM: --gres=gpu:1). If nvidia-smi lists no GPU either, the machine has none, or the"
        " GPU fell off the bus ('dmesg | grep -i xid'); an A100 or H100 in MIG mode needs MIG"
        " instances created ('nvidia-smi -L' lists them).",
        hidden.source,
    )


def contradicted(
    findings: tuple[Finding, ...], ids: frozenset[str], against: str
) -> tuple[Finding, ...]:
    """The errors among ids, judged from facts, that a log line speaks against: warnings that
    quote it."""
    return demoted(findings, lambda f: f.id in ids, against)


def demoted(
    findings: tuple[Finding, ...], which: Callable[[Finding], bool], because: str = ""
) -> tuple[Finding, ...]:
    """The errors `which` picks, as warnings; `because`, when given, joins their evidence."""
    return _stepped_down(findings, which, Severity.ERROR, because)


def noted(
    findings: tuple[Finding, ...], which: Callable[[Finding], bool], because: str = ""
) -> tuple[Finding, ...]:
    """The warnings `which` picks, as notes (a warning already says the cause is uncertain; a
    line that speaks against it leaves a note); `because`, when given, joins their evidence."""
    return _stepped_down(findings, which, Severity.WARNING, because)


_ONE_STEP_DOWN = {Severity.ERROR: Severity.WARNING, Severity.WARNING: Severity.INFO}


def _stepped_down(
    findings: tuple[Finding, ...], which: Callable[[Finding], bool], at: Severity, because: str
) -> tuple[Finding, ...]:
    extra = (because,) if because else ()
    return tuple(
        dataclasses.replace(f, severity=_ONE_STEP_DOWN[at], evidence=(*f.evidence, *extra))
        if f.severity is at and which(f)
        else f
        for f in findings
    )


def is_platform(finding: Finding) -> bool:
    kind = FINDING_KINDS.get(finding.id)
    return kind is not None and kind.layer is Layer.PLATFORM


NOT_ABOUT_THE_GPU = frozenset(
    {"macos-no-cuda", "tensorflow-not-installed", "wrong-python-environment"}
)
"""macOS's own finding, and errors that say where TensorFlow is installed, not how it reaches a
GPU: none of them keeps macos-no-cuda an error on a Mac with no NVIDIA GPU known."""


FAILS_ON_ANY_GPU = frozenset(
    {
        "addon-tensorflow-mismatch",
        "platform-unsupported",
        "dependency-version-mismatch",
        "python-unsupported",
    }
)
"""Failures that have nothing to do with a GPU: an add-on built for another TensorFlow, a
platform its wheels or plug-in do not support (a macOS older than tensorflow-metal's), a
package TensorFlow imports of a version it cannot use (NumPy older than its build: deeposm#2),
a Python no build was made for."""


_METAL_ROUTE = re.compile(
    r"\blibmetal_plugin\b|\bMetal device set to: |\bname: METAL\b"
    r"|^[ \t>]*tensorflow-metal[ \t]{2,}\d",
    re.MULTILINE,
)
"""Apple's Metal plug-in in the log: loaded, failing to load, or listed by pip."""
METAL_CHARS = 2_000_000


def macos_without_an_nvidia_gpu(
    findings: tuple[Finding, ...],
    facts: Facts,
    no_gpu_shown: bool,
    nvidia_refused: bool = False,
    text: str = "",
) -> tuple[Finding, ...]:
    """macOS has no CUDA: an error for an NVIDIA GPU there, but most Macs have none, and their
    own GPU (Apple's, AMD's) reaches TensorFlow through tensorflow-metal: nothing to say where
    the log shows that plug-in (text: the log) and no NVIDIA GPU is known. With no NVIDIA GPU
    known, nothing else failing and TensorFlow not shown without a GPU (no_gpu_shown), it is a
    warning (apple/tensorflow_macos#18: a benign log), and a note beside a failure no GPU has a
    part in (an add-on built for another TensorFlow)."""
    if no_gpu_shown or not (facts.knows("os") and facts.platform.os == "macos"):
        return findings
    if nvidia_refused:
        return findings  # (pip refused NVIDIA's own packages here: nothing was installed)
    if facts.knows("gpus") and facts.gpus:
        return findings
    if _METAL_ROUTE.search(text[:METAL_CHARS]):
        # the Mac's GPU through Apple's plug-in is what the log is about: CUDA is beside the
        # point (review 101: the plug-in failing to load, or running without XLA)
        return tuple(f for f in findings if f.id != "macos-no-cuda")
    if any(
        f.severity is Severity.ERROR and f.id not in NOT_ABOUT_THE_GPU | FAILS_ON_ANY_GPU
        for f in findings
    ):
        return findings
    findings = demoted(
        findings,
        lambda f: f.id == "macos-no-cuda",
        "but no NVIDIA GPU is known here: a Mac's own GPU (Apple's, AMD's) reaches TensorFlow"
        " through tensorflow-metal, not CUDA",
    )
    if any(f.id in FAILS_ON_ANY_GPU for f in findings):
        # what the log shows failing would fail on any Mac, GPU or not: it is the answer
        findings = noted(findings, lambda f: f.id == "macos-no-cuda")
    return findings


def weighed_against_the_rest_of_the_log(
    findings: tuple[Finding, ...],
    facts: Facts,
    log: LogFacts,
    matches: tuple[LogMatch, ...],
    release: str | None,
    runtime_alone: str = "",
) -> tuple[Finding, ...]:
    """Log findings other lines of the same log speak against: pip's refusal where pip never
    reached the package index, an install that failed where TensorFlow's own lines show one
    running (an add-on's, or an attempt before or after), the CUDA runtime missing where
    nothing shows a GPU (runtime_alone: its line, from cuda_runtime_missing_alone), and a
    missing driver where nothing shows a GPU to drive (no GPU is the likelier reading then, and
    joins them)."""
    if log.pip_network_line:
        findings = contradicted(
            findings,
            frozenset({"python-unsupported"}),
            f"but pip did not reach the package index ({log.pip_network_line[:120]}): its"
            " refusal says nothing about this Python",
        )
    if log.tf_ran_line and any(m.signature.name in INSTALL_FAILURES for m in matches):
        findings = contradicted(
            findings,
            INSTALL_FAILURE_IDS,
            "but TensorFlow's own runtime lines show one installed and running"
            f" ({log.tf_ran_line[:120]}): that install attempt is not what stops the GPU",
        )
    if log.failed_import_line and any(m.signature.name == "no-module-tensorflow" for m in matches):
        findings = contradicted(
            findings,
            frozenset({"tensorflow-not-installed"}),
            "but another run found TensorFlow and its import failed"
            f" ({log.failed_import_line[:120]}): that failure is the problem, the"
            " interpreter without TensorFlow a side trial",
        )
    if log.missing_then_installed_line:
        superseded = frozenset({"tensorflow-not-installed", "wrong-python-environment"})
        because = (
            "but pip installed TensorFlow after that, and it then ran"
            f" ({log.missing_then_installed_line[:120]}): that import error is not the problem now"
        )
        findings = noted(contradicted(findings, superseded, because), lambda f: f.id in superseded)
    if runtime_alone:
        findings = contradicted(
            findings,
            frozenset({"cuda-libs-not-found"}),
            "but TensorFlow prints this on any machine without a GPU set up, and nothing here"
            " shows one (add --gpu NAME, or run nvidia-smi): with an NVIDIA GPU, this is the cause",
        )
    if alone := libcuda_absent_alone(facts, log, matches):
        findings = (
            *contradicted(
                findings,
                frozenset({"no-nvidia-driver"}),
                "but nothing shows an NVIDIA GPU here: without one, no driver is expected",
            ),
            no_gpu_likely(alone, release),
        )
    return findings


def driver_moot_where_no_release_runs(
    findings: tuple[Finding, ...], facts: Facts, matrix: Matrix
) -> tuple[Finding, ...]:
    """Every GPU known here is one no TensorFlow release has kernels for (a GT 750M's 3.0):
    a driver for it changes nothing for TensorFlow, so the driver's finding steps down behind
    the GPU's own, as the plan for the same machine ranks them."""
    if not facts.knows("gpus") or not facts.gpus:
        return findings
    if not any(
        f.id == "compute-capability-unsupported" and f.severity is Severity.ERROR for f in findings
    ):
        return findings
    if any(
        g.compute_capability is None
        or any(
            gpu_support(r, g, matrix).support in ("sass", "ptx-jit")
            for r in matrix.tensorflow.releases
        )
        for g in facts.gpus
    ):
        return findings
    return rank(
        contradicted(
            findings,
            frozenset({"no-nvidia-driver", "driver-too-old"}),
            "but no TensorFlow release has kernels for this GPU: a driver for it changes nothing"
            " for TensorFlow",
        )
    )


def driver_predating_the_gpu_lists_none(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """A driver too old for the GPU that is there does not drive it, so nvidia-smi finds no
    device (review 119: an RTX 4090 under R470, its 'No devices were found'): the empty answer
    is the driver's age, not a machine without a GPU."""
    predates = next(
        (
            f
            for f in findings
            if f.id == "driver-too-old"
            and f.severity is Severity.ERROR
            and f.title.startswith(DRIVER_PREDATES_THE_GPU)
        ),
        None,
    )
    if predates is None:
        return findings
    return demoted(
        findings,
        lambda f: f.id == "no-nvidia-gpu",
        f"but the GPU is there: {predates.title[0].lower()}{predates.title[1:]}",
    )
