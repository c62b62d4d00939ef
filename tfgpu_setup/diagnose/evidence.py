"""What a log and the facts prove together.

Once the facts a log shows by itself have filled in facts nobody stated (facts_from_log.py),
the log's failures are read against the facts and the matrix: a missing
libcudart.so.11.0 next to an installed CUDA 10.2 is a version mismatch, not a bare "not found";
a cuDNN loaded that is not the one installed is another copy first on the path; a handle that
failed while most GPU memory was free is not out of memory.

Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import TfRelease
from ..matrix.query import driver_cuda_runs
from ..versions import parsed, xy
from .logfacts import (
    CPU_ONLY_DISTRIBUTIONS,
    INSTALL_FAILURES,
    LogFacts,
    Wanted,
)
from .logs import LogMatch
from .signatures import HOSTED_GPU_RUNTIME_FIX, HOSTED_GPU_RUNTIME_SOURCE, cudnn_version

TF_TESTED = "https://www.tensorflow.org/install/source#gpu"
CONTAINER_TOOLKIT = (
    "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
)
VENV_DOCS = "https://docs.python.org/3/library/venv.html"
CUDA_GPUS = "https://developer.nvidia.com/cuda-gpus"
WSL_GUIDE = "https://docs.nvidia.com/cuda/wsl-user-guide/index.html"
TF_INSTALL = "https://www.tensorflow.org/install/pip"

NO_DEVICE_SIGNATURES = frozenset(
    {"cuinit-no-device", "dev-nvidia0-missing", "kernel-driver-not-running"}
)
"""Lines saying CUDA saw no device: in a container or on a machine stated to have no GPU, that is
the cause, whatever the line's own reading."""


HANDLE_FAILURES = frozenset({"cudnn-handle", "cublas-handle"})
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


def cross_findings(
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    release: TfRelease | None = None,
    tf_known_installed: bool = False,
    release_guessed: bool = False,
) -> list[Finding]:
    """Findings that need the log and the facts together. release: the one that wrote the log,
    when known; tf_known_installed: someone stated (or a probe found) TensorFlow installed;
    release_guessed: the release is only the newest the log's hints admit."""
    found: list[Finding] = []
    found += _library_mismatch(facts, log)
    found += _other_cudnn_loaded(facts, log)
    if not log.wanted_cuda and release is not None:
        found += _release_cuda_mismatch(facts, matches, release)
    # A soname that contradicts a guessed release says the guess is wrong (a JetPack or
    # community build of another CUDA), not that something else was built for another CUDA.
    if release is not None and not release_guessed:
        found += _built_for_other_cuda(log, release)
    found += _toolkit_newer_than_driver(facts, log, matches)
    found += _conda_driver_too_old(facts, matches)
    if release is None:
        found += _driver_too_old_for_another_framework(matches)
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
                ARM_CPU_ONLY_FIX
                if facts.knows("arch") and facts.platform.arch == "aarch64"
                else "Uninstall it and install the CUDA build (Linux/WSL2: pip install "
                "'tensorflow[and-cuda]'; native Windows: TensorFlow 2.10 is the last with GPU "
                "support); 'tfgpu-setup plan' picks it.",
                TF_INSTALL,
            )
        )
    found += _cpu_only_package(log, gpu_seen)
    if not cpu_only and not log.cpu_build_line and not log.cpu_package_line:
        found += _silent_without_gpu(matches)
    if log.python_32bit_line and log.install_failed:
        found.append(
            Finding(
                "python-unsupported",
                Severity.ERROR,
                "This Python is 32-bit: TensorFlow publishes 64-bit wheels only, so pip cannot "
                "install it there",
                (_quote(log.python_32bit_line),),
                "Install the 64-bit Python (python.org's 'Windows installer (64-bit)'), create "
                "the environment with it and install TensorFlow there.",
                "https://pypi.org/project/tensorflow/#files",
            )
        )
    if "no-module-tensorflow" in names:
        # A version stated while pip failed to install it is what was wanted, not what is there.
        installed = tf_known_installed and not names & INSTALL_FAILURES
        elsewhere = _wrong_environment(facts, log, installed)
        if elsewhere:
            # the interpreter that failed never sees that install: which build it is comes second
            found = [
                dataclasses.replace(f, severity=Severity.WARNING)
                if f.id == "cpu-only-tensorflow"
                else f
                for f in found
            ]
        found += elsewhere
    found += _wheels_not_found(log, matches)
    memory_failed = any(
        m.signature.finding_id == "gpu-out-of-memory"
        and m.signature.name != "pinned-host-memory-exhausted"  # the host's, not the GPU's
        for m in matches
    )
    if log.memory_taken_line and memory_failed:
        # only where memory ran out: a Jetson's GPU shares the system's memory, whose free part
        # TensorFlow reports, and a GPU that works with little free memory is no failure
        found.append(
            Finding(
                "gpu-out-of-memory",
                Severity.WARNING,
                "Another process held most of the GPU's memory when TensorFlow started",
                (log.memory_taken_line,),
                "Find it in nvidia-smi's processes table (another TensorFlow, a notebook kernel "
                "left running) and stop it; if several processes must share the GPU, let each "
                "allocate on demand (tf.config.experimental.set_memory_growth, or "
                "gpu_options.allow_growth in TF 1.x).",
                "https://github.com/mozilla/DeepSpeech/issues/463",
            )
        )
    no_driver_lines = [
        m
        for m in matches
        if m.signature.finding_id in ("no-nvidia-driver", "no-nvidia-gpu")
        or m.signature.name in NO_DEVICE_SIGNATURES
    ]
    no_device = {m.signature.name for m in no_driver_lines} - HOST_DRIVER_SIGNATURES
    gpus_absent = facts.gpus_absent()
    if no_driver_lines and gpus_absent:
        found.append(_no_gpu_here(facts, no_driver_lines))
    if no_device and log.hosted_notebook_line and not (facts.knows("gpus") and facts.gpus):
        found.append(_hosted_runtime_without_gpu(log, no_driver_lines[0]))
    wsl = facts.knows("os") and facts.platform.os == "wsl2"
    linux_driver = next((m for m in matches if m.signature.name == "linux-driver-installed"), None)
    if wsl and linux_driver is not None and no_driver_lines:
        found.append(_linux_driver_in_wsl(linux_driver, no_driver_lines[0]))
    elif wsl and any(m.signature.finding_id == "no-nvidia-driver" for m in no_driver_lines):
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
    # So does a container asked for the GPU (--gpus, Singularity's --nv) or Singularity
    # saying --nv found no driver files: it was not started without the GPU.
    toolkit_engaged = (
        any(n.startswith("container-cli-") for n in names)
        or bool(names & STUB_DRIVER_SIGNATURES)
        or "singularity-no-driver-libraries" in names
        or bool(log.gpu_requested_line)
    )
    in_container = facts.knows("container") and facts.platform.container
    host_module = _host_without_nvidia_module(matches) if in_container else None
    if host_module is not None:
        found.append(_node_without_driver(facts, host_module))
    elif no_device and in_container and not toolkit_engaged and not gpus_absent:
        # (a machine known to have no GPU has none to pass in: no-nvidia-gpu says so)
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
                "Toolkit on the host); Singularity/Apptainer: add --nv; in Kubernetes, request "
                "nvidia.com/gpu. A GKE pod that requests it gets the driver in "
                "/usr/local/nvidia/lib64: put that folder on LD_LIBRARY_PATH if the image does "
                "not.",
                CONTAINER_TOOLKIT,
            )
        )
    return found


def _no_gpu_here(facts: Facts, no_driver_lines: Sequence[LogMatch]) -> Finding:
    """No GPU on this machine: the CUDA lines are expected, unless this TensorFlow is a GPU build
    that links the driver's libcuda and so cannot even start without it (TensorFlow 1.x's, a
    -gpu serving image)."""
    cannot_start = next(
        (m for m in no_driver_lines if m.signature.name == "import-driver-library-missing"), None
    )
    evidence = (
        f"GPUs: none ({facts.gpus_reason or 'stated'})",
        _quote((cannot_start or no_driver_lines[0]).line),
    )
    if cannot_start is not None:
        return Finding(
            "no-nvidia-gpu",
            Severity.ERROR,
            "This machine has no NVIDIA GPU, and this TensorFlow is a GPU build that cannot "
            "start without the NVIDIA driver's libcuda",
            evidence,
            "Install the CPU build here (pip: 'tensorflow' instead of 'tensorflow-gpu' for 1.x, "
            "or tensorflow-cpu; an image without -gpu, e.g. tensorflow/serving instead of "
            "tensorflow/serving:latest-gpu); to use a GPU, run on a machine (or cloud instance "
            "type) that has an NVIDIA GPU.",
            CUDA_GPUS,
        )
    return Finding(
        "no-nvidia-gpu",
        Severity.ERROR,
        "This machine has no NVIDIA GPU, so TensorFlow runs on the CPU (the CUDA messages in the "
        "log are expected then)",
        evidence,
        "Nothing to fix for CPU use. To use a GPU, run on a machine (or cloud instance type) that "
        "has an NVIDIA GPU.",
        CUDA_GPUS,
    )


def _linux_driver_in_wsl(installed: LogMatch, failed: LogMatch) -> Finding:
    """WSL 2 stubs the Windows driver's libcuda into /usr/lib/wsl/lib: a Linux driver inside it
    puts its own libcuda (and nvidia-smi) first, which talks to no NVIDIA kernel module there."""
    return Finding(
        "driver-library-mismatch",
        Severity.ERROR,
        "A Linux NVIDIA driver is installed inside WSL 2: its libcuda stands in for the one WSL"
        " provides from the Windows driver, and finds no GPU",
        (_quote(installed.line), _quote(failed.line)),
        "Remove the Linux driver packages inside WSL ('sudo apt-get remove --purge"
        ' "nvidia-driver-*" "libnvidia-compute-*" "nvidia-utils-*"\'), keep only the Windows'
        " driver, then run 'wsl --shutdown' in Windows and reopen WSL.",
        WSL_GUIDE,
    )


def _hosted_runtime_without_gpu(log: LogFacts, line: LogMatch) -> Finding:
    """A hosted notebook (Colab, Kaggle, Studio Lab) with no driver or no device: those
    services install the driver on their GPU runtimes only, so none was attached."""
    return Finding(
        "no-nvidia-gpu",
        Severity.ERROR,
        "This hosted notebook runs without a GPU attached: the service puts the NVIDIA driver on"
        " its GPU runtimes only",
        (_quote(line.line), f"hosted notebook: {log.hosted_notebook_line}"),
        HOSTED_GPU_RUNTIME_FIX,
        HOSTED_GPU_RUNTIME_SOURCE,
    )


def _host_without_nvidia_module(matches: Sequence[LogMatch]) -> LogMatch | None:
    """TensorFlow's 'kernel driver does not appear to be running ... /proc/driver/nvidia/
    version does not exist', read inside a container. procfs shows the host kernel's modules in
    every container, GPU passed in or not (container runtimes mask other /proc paths, not
    /proc/driver), so the host itself has no NVIDIA kernel module loaded."""
    return next(
        (
            m
            for m in matches
            if m.signature.name == "kernel-driver-not-running"
            and "/proc/driver/nvidia" in m.groups.get("path", "")
        ),
        None,
    )


def _node_without_driver(facts: Facts, line: LogMatch) -> Finding:
    """The host under the container runs no NVIDIA driver: where it has an NVIDIA GPU (stated
    or probed), its driver is missing; otherwise it is most likely a node without one."""
    has_gpu = facts.knows("gpus") and bool(facts.gpus)
    return Finding(
        "no-nvidia-driver" if has_gpu else "no-nvidia-gpu",
        Severity.ERROR,
        "The host running this container has no NVIDIA driver loaded"
        + ("" if has_gpu else ": most likely a machine or cluster node without an NVIDIA GPU"),
        (
            _quote(line.line),
            "a container sees the host's /proc/driver/nvidia whether or not the GPU was passed in",
        ),
        "Run on a host (cluster node, cloud instance type) with an NVIDIA GPU and its driver "
        "(nvidia-smi on the host lists it); on Kubernetes, request nvidia.com/gpu so the pod "
        "lands on a GPU node. Without a GPU, use the CPU build.",
        CONTAINER_TOOLKIT,
    )


WRONG_ENVIRONMENT_FIX = (
    "Run the code with the environment's own interpreter (in a notebook, select that "
    "environment's kernel: 'python -m ipykernel install --user --name ENV' inside it), or "
    "install TensorFlow into the interpreter that runs it ('python -m pip install ...' with "
    "that same python)."
)


def _cpu_only_package(log: LogFacts, gpu_seen: bool) -> list[Finding]:
    """pip's 'tensorflow' of a release whose GPU build was 'tensorflow-gpu' (before 2.1, and
    1.15.2 to 2.0): a CPU-only TensorFlow, unless the log shows a GPU build ran after all."""
    if not log.cpu_package_line or gpu_seen or log.cuda_build_line or log.cpu_build_line:
        return []
    if any(d.startswith("tensorflow-gpu") for d in log.tf_distributions):
        return []
    return [
        Finding(
            "cpu-only-tensorflow",
            Severity.ERROR,
            "pip installed the 'tensorflow' package of a release whose GPU build was the"
            " separate 'tensorflow-gpu': this TensorFlow is CPU-only",
            (
                _quote(log.cpu_package_line),
                "before 2.1 (and from 1.15.2 to 2.0) pip's 'tensorflow' had no CUDA support",
            ),
            "Uninstall it and install 'tensorflow-gpu' of the same release (pip uninstall "
            "tensorflow; pip install tensorflow-gpu==X.Y.Z), or a TensorFlow 2.1 or newer, whose "
            "'tensorflow' package has the GPU support ('tfgpu-setup plan' picks one).",
            "https://github.com/tensorflow/tensorflow/issues/36347",
        )
    ]


NO_GPU_REGISTERED = frozenset({"device-mapping-empty", "no-gpu-among-devices"})
"""Lines that list TensorFlow's devices, and no GPU among them."""
NOT_ABOUT_CUDA = NO_GPU_REGISTERED | {"cpu-feature-guard", "onednn-notice", "absl-log-notice"}
"""Lines every TensorFlow build prints, with or without CUDA."""


def _silent_without_gpu(matches: Sequence[LogMatch]) -> list[Finding]:
    """TensorFlow ran, registered no GPU, and said nothing about CUDA: a CUDA build tries to
    load the driver and its libraries and logs when that fails, a CPU-only build has nothing to
    say. Only a warning: the log pasted may be an excerpt."""
    empty = next((m for m in matches if m.signature.name in NO_GPU_REGISTERED), None)
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
    elif log.sudo_pip_line:
        evidence = (f"installed with sudo, into the system Python: {log.sudo_pip_line}",)
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
        _mismatch("cudnn-version-mismatch", "cuDNN", facts, "cudnn", log.wanted_cudnn, cudnn_fix)
        or _colab_cudnn(facts, log),
    ]
    return [f for f in found if f is not None]


HOST_DRIVER_SIGNATURES = frozenset({"cuinit-unknown", "cuinit-system-not-ready"})
"""No-driver lines that need the driver's libcuda loaded: inside a container they mean the
runtime passed the GPU in and the host's driver failed (or, for 'not ready', the host's Fabric
Manager), not a container started without it."""

STUB_DRIVER_SIGNATURES = frozenset({"libcuda-stub-resolved", "cuinit-stub-library"})

GENERIC_CUDA_FAILURES = frozenset(
    {
        "cudart-stub-not-found",
        "cannot-dlopen-gpu-libraries",
        "cudart-symbol-not-found",
        "cudart-stub-error-string",
    }
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
    # A probe's version is on disk. A stated one that is exactly what TensorFlow was built
    # with may be the requirement repeated rather than what is installed; only a measured or
    # an independent one outweighs the log's version enough to call the loaded copy another.
    compiled = cudnn_version(log.cudnn_compiled) if log.cudnn_compiled else None
    measured = any(
        not c.source.startswith("flag")
        or compiled is None
        or not _same_release(c.version or "", compiled)
        for c in installed
    )
    return [
        Finding(
            "ld-library-path-shadows",
            Severity.ERROR if measured else Severity.WARNING,
            f"TensorFlow loaded cuDNN {xy(loaded)}, but cuDNN {have} is the one installed: "
            "another copy comes first on the loader path"
            + ("" if measured else f", or the cuDNN installed is {xy(loaded)}"),
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


ARM_CPU_ONLY_FIX = (
    "PyPI's TensorFlow wheels for Linux on Arm (aarch64) have no CUDA, with or without "
    "[and-cuda]: on an Arm machine with an NVIDIA GPU use NVIDIA's TensorFlow container "
    "(nvcr.io/nvidia/tensorflow) or, on a Jetson, NVIDIA's TensorFlow wheels for its JetPack."
)

CONDA_CUDA_REFUSAL = "conda-no-cuda-driver"


def conda_cuda_refusals(
    facts: Facts, matches: Sequence[LogMatch]
) -> tuple[str, tuple[tuple[LogMatch, str], ...]] | None:
    """The CUDA the known driver supports (conda's own report of __cuda, nvidia-smi, a flag),
    and each line of conda refusing a TensorFlow build for its __cuda with the CUDA that build
    needs ('' where the line does not say); None without both. conda reports this conflict
    also when the driver is new enough, so only the comparison says what it means."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    refusals = tuple(
        (m, m.groups.get("need", "")) for m in matches if m.signature.name == CONDA_CUDA_REFUSAL
    )
    return (driver_cuda, refusals) if driver_cuda is not None and refusals else None


def _conda_driver_too_old(facts: Facts, matches: Sequence[LogMatch]) -> list[Finding]:
    """A refusal whose build needs a newer CUDA than the driver's: a driver is there, too old,
    rather than none."""
    known = conda_cuda_refusals(facts, matches)
    if known is None:
        return []
    driver_cuda, refusals = known
    refused, need = next(
        ((m, need) for m, need in refusals if need and parsed(driver_cuda) < parsed(need)),
        (None, ""),
    )
    if refused is None:
        return []
    return [
        Finding(
            "driver-too-old",
            Severity.ERROR,
            f"conda's TensorFlow build needs a driver for CUDA {need} or newer; the driver here "
            f"supports CUDA {driver_cuda}",
            (_quote(refused.line), f"driver's CUDA {driver_cuda} ({facts.driver.source})"),
            f"Update the NVIDIA driver to one for CUDA {need} or newer ('nvidia-smi' shows the "
            "CUDA a driver supports), or install a TensorFlow build for the CUDA it supports "
            "('conda search tensorflow' lists the cudaXXX builds).",
            "https://conda-forge.org/docs/user/cuda/",
        )
    ]


def _driver_too_old_for_another_framework(matches: Sequence[LogMatch]) -> list[Finding]:
    """PyTorch beside TensorFlow finding the driver too old for its CUDA. With the release that
    wrote the log known, the driver fact that line gives is judged against that release's CUDA
    instead (a driver for CUDA 11.7 runs TensorFlow 2.10's 11.2): only without one does the
    line itself stand, as a warning."""
    line = next((m for m in matches if m.signature.name == "torch-driver-too-old"), None)
    if line is None:
        return []
    return [
        Finding(
            "driver-too-old",
            Severity.WARNING,
            line.signature.title.format_map(line.groups),
            (_quote(line.line),),
            line.signature.fix.format_map(line.groups),
            line.signature.source,
        )
    ]


def _toolkit_newer_than_driver(
    facts: Facts, log: LogFacts, matches: Sequence[LogMatch]
) -> list[Finding]:
    """An installed CUDA toolkit the driver cannot run: CUDA 10.x and older need a driver
    that supports that very X.Y; from CUDA 11 a driver of the same major runs any minor (minor
    version compatibility). A TensorFlow that loads that toolkit fails where CUDA starts, so
    with such lines in the log (or TensorFlow's own 'Possibly insufficient driver version') it
    is the cause; otherwise a warning."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    if driver_cuda is None or not facts.knows("cuda"):
        return []
    newest = max((c.version for c in facts.cuda if c.version), key=parsed, default=None)
    if newest is None or driver_cuda_runs(driver_cuda, newest):
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
    suspected = "insufficient driver version" in log.driver_line.lower()
    return [
        Finding(
            "driver-too-old",
            Severity.ERROR if failed or suspected else Severity.WARNING,
            f"The NVIDIA driver ({facts.driver.version or '?'}, CUDA ≤ {driver_cuda}) is too old "
            f"for the CUDA {xy(newest)} installed",
            (
                f"driver {facts.driver.version or '?'} supports CUDA {driver_cuda} "
                f"({facts.driver.source})",
                f"CUDA {xy(newest)} installed",
                *([_quote(failed.line)] if failed else []),
                *([_quote(log.driver_line)] if suspected else []),
            ),
            f"Update the NVIDIA driver to one that supports CUDA {xy(newest)} (nvidia-smi shows "
            "the highest CUDA a driver supports), or use the CUDA the driver supports and the "
            "TensorFlow built for it ('tfgpu-setup plan' picks them).",
            "https://docs.nvidia.com/deploy/cuda-compatibility/",
        )
    ]


COLAB_CUDA = "https://github.com/googlecolab/colabtools/issues/3433"
"""Colab's runtimes come with a CUDA of their own, upgraded with the runtime."""


def _other_toolkit(facts: Facts, log: LogFacts, fix: str) -> Finding | None:
    """A CUDA runtime library missing although a CUDA of unknown version is known to be there:
    a toolkit lib folder the loader searched (the dlerror line prints LD_LIBRARY_PATH), or a
    Google Colab runtime (which ships its own): that CUDA is another version. Only when the
    installed CUDA is unknown; a stated or listed version is read by _mismatch instead."""
    if facts.knows("cuda") or not log.wanted_cuda:
        return None
    w = log.wanted_cuda[0]
    if not log.cuda_folders_searched and log.colab_line:
        return _colab_ships_another(
            "cuda-version-mismatch",
            "CUDA",
            w,
            log.colab_line,
            "!nvcc --version",
            "Install the TensorFlow release built for the runtime's CUDA (Colab's preinstalled "
            "tensorflow is), or install the CUDA " + str(w) + " libraries beside it ('pip "
            "install' of NVIDIA's wheels for it, or apt's cuda-libraries package of that version).",
            COLAB_CUDA,
        )
    if not log.cuda_folders_searched:
        return _container_ships_another(facts, w, fix)
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


def _container_ships_another(facts: Facts, wanted: Wanted, fix: str) -> Finding | None:
    """A CUDA runtime library missing in a container someone runs for the GPU: such images are
    built on one that ships a CUDA (nvidia/cuda, tensorflow/tensorflow:*-gpu, NVIDIA's NGC), so
    a TensorFlow that cannot load its CUDA there was built for another version than the image's.
    Not for cuDNN, which NVIDIA's CUDA images ship only in their -cudnn variants."""
    in_container = facts.knows("container") and facts.platform.container
    if not in_container or not _container_expects_gpu(facts):
        return None
    return Finding(
        "cuda-version-mismatch",
        Severity.ERROR,
        f"TensorFlow looks for CUDA {wanted} ({wanted.lib}) but this container's image ships "
        "another CUDA: images for GPU work are built on one with CUDA (nvidia/cuda, "
        "tensorflow/tensorflow:*-gpu, NGC)",
        (
            _quote(wanted.line),
            *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
            "confirm inside the container with 'ls /usr/local/cuda/lib64' or 'nvcc --version'",
        ),
        fix.format(wanted=wanted)
        + f" In a Dockerfile: base the image on one with CUDA {wanted} (nvidia/cuda's tag of that "
        "version, or the tensorflow/tensorflow:<release>-gpu image of this TensorFlow).",
        TF_TESTED,
    )


def _colab_cudnn(facts: Facts, log: LogFacts) -> Finding | None:
    """A cuDNN library missing on Google Colab, whose runtimes ship a cuDNN of their own: the
    one TensorFlow asks for is another version than the runtime's."""
    if facts.knows("cudnn") or not log.wanted_cudnn or not log.colab_line:
        return None
    w = log.wanted_cudnn[0]
    return _colab_ships_another(
        "cudnn-version-mismatch",
        "cuDNN",
        w,
        log.colab_line,
        "!ls /usr/lib/x86_64-linux-gnu | grep cudnn",
        "Use the TensorFlow release Colab preinstalls (built for its cuDNN), or install cuDNN "
        + str(w)
        + " beside it (NVIDIA's nvidia-cudnn wheel of that major).",
        "https://github.com/googlecolab/colabtools/issues/2818",
    )


def _colab_ships_another(
    finding_id: str, what: str, wanted: Wanted, colab_line: str, confirm: str, fix: str, src: str
) -> Finding:
    """TensorFlow asks for a library of a version the Colab runtime does not ship."""
    return Finding(
        finding_id,
        Severity.ERROR,
        f"TensorFlow looks for {what} {wanted} ({wanted.lib}), but this Google Colab runtime "
        f"ships its own {what}, of another version",
        (_quote(wanted.line), f"log: {colab_line} (Google Colab)", f"confirm with '{confirm}'"),
        fix,
        src,
    )


def _mismatch(
    finding_id: str, what: str, facts: Facts, fact: str, wanted: tuple[Wanted, ...], fix: str
) -> Finding | None:
    installs = facts.cuda if fact == "cuda" else facts.cudnn
    known = [c for c in installs if c.version] if facts.knows(fact) else []
    versions = [c.version for c in known if c.version]
    wrong = [w for w in wanted if not any(w.accepts(v) for v in versions)]
    if not versions or not wrong:
        return None
    w = wrong[0]
    have = ", ".join(sorted({xy(v) for v in versions}, key=parsed))
    return Finding(
        finding_id,
        Severity.ERROR,
        f"TensorFlow looks for {what} {w} ({w.lib}) but {what} {have} is installed",
        (
            _quote(w.line),
            *(
                f"{what} {xy(c.version or '')} installed"
                + (f" (log: {_quote(c.path)})" if c.source == "log" else f" ({c.source})")
                for c in known[:2]
            ),
        ),
        fix.format(wanted=w),
        TF_TESTED,
    )


def _quote(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 300 else line[:297] + "..."
