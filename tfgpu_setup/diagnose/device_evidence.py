"""Evidence that no GPU was reached: no GPU on the machine, no driver, a hosted notebook
without a GPU runtime, a Linux driver (or another libcuda) inside WSL 2, a container started
without the GPU or on a host without the driver, libcuda and the kernel module of two driver
versions. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from packaging.version import InvalidVersion

from ..doc_urls import CONTAINER_TOOLKIT, CUDA_GPUS, WSL_GUIDE
from ..envvars import parse_cuda_visible_devices
from ..facts import Facts
from ..findings import FINDING_KINDS, Finding, Layer, Severity, with_context
from ..planner.jetson import is_jetson
from ..versions import parsed, xy_tuple
from .facts_from_log import container_only_from_the_log
from .logfacts import TEGRA, LogFacts
from .logs import LogMatch
from .signatures import HOSTED_GPU_RUNTIME_FIX, HOSTED_GPU_RUNTIME_SOURCE
from .signatures.driver import (
    DOCKER_DESKTOP,
    NVML_UNKNOWN,
    NVML_UNKNOWN_FIX,
    NVML_UNKNOWN_SOURCE,
    NVML_UNKNOWN_TITLE,
)
from .signatures.model import LIBCUDA_ABSENT_CODES, driver_halves_fix
from .sources import TF_DOCKER, quoted
from .visible_devices import VALUE_READINGS
from .wsl import KERNEL_NOTE, no_device_under_wsl, wsl_driver_not_reached

NO_DEVICE_SIGNATURES = frozenset(
    {"cuinit-no-device", "dev-nvidia0-missing", "kernel-driver-not-running"}
)
"""Lines saying CUDA saw no device: in a container or on a machine stated to have no GPU, that is
the cause, whatever the line's own reading."""


HOST_DRIVER_SIGNATURES = frozenset({"cuinit-unknown", "cuinit-system-not-ready"})
"""No-driver lines that need the driver's libcuda loaded: inside a container they mean the
runtime passed the GPU in and the host's driver failed (or, for 'not ready', the host's Fabric
Manager), not a container started without it."""

STUB_DRIVER_SIGNATURES = frozenset({"libcuda-stub-resolved", "cuinit-stub-library"})
DRIVER_PAIR_SIGNATURES = frozenset(
    {"kernel-dso-mismatch", "nvrm-api-mismatch", "nvml-version-mismatch", "cuinit-driver-mismatch"}
)
"""Lines naming a driver library that does not match the loaded kernel module."""

DRIVER_FOUND_A_GPU = frozenset({"numa-node-negative", "numa-node-unreadable", "driver-listed-gpu"})
"""Lines TensorFlow prints after the driver enumerated a GPU and before it loads the CUDA
libraries (reading its NUMA node, listing its properties)."""

LIBCUDA_ABSENT = frozenset(
    {"dlopen-driver", "import-driver-library-missing", "kernel-driver-not-running"}
)
"""Lines saying the driver's libcuda, or its kernel module, is not there."""
DEVICE_LAYERS = frozenset({Layer.PLATFORM, Layer.EXPOSURE, Layer.DRIVER, Layer.DRIVER_VERSION})


JETSON_CONTAINER_FIX = (
    "On a Jetson, start the container with NVIDIA's runtime ('docker run --runtime nvidia ...',"
    " installed with JetPack's nvidia-container-toolkit), from an L4T image of the board's"
    " JetPack release (nvcr.io/nvidia/l4t-tensorflow); the runtime passes in the GPU's"
    " /dev/nvhost-* devices and the Tegra driver libraries. If it was started that way already,"
    " the runtime's lists of what to pass in"
    " (/etc/nvidia-container-runtime/host-files-for-container.d/*.csv) are missing or of another"
    " JetPack: reinstall the toolkit from the board's JetPack, or pass the /dev/nvhost-* devices"
    " and /usr/lib/aarch64-linux-gnu/tegra in by hand."
)


def jetson_seen(facts: Facts, log: LogFacts) -> str:
    """What shows this is a Jetson: its GPU's name, its kernel ('4.9.253-tegra'), or a line of
    the log."""
    return jetson_known(facts) or log.tegra_line


def jetson_known(facts: Facts) -> str:
    """The stated or probed GPU's name or kernel that shows a Jetson, or ''."""
    gpus = facts.gpus if facts.knows("gpus") else ()
    named = next((g.name for g in gpus if is_jetson(g)), "")
    kernel = facts.platform.kernel or ""
    return named or (kernel if TEGRA.search(kernel) else "")


NOT_CUDA_LINES = frozenset({"directml-no-adapter"})
CONDA_REFUSAL = "conda-no-cuda-driver"
"""Lines of no usable GPU that are no CUDA message: DirectML's own count of its adapters."""


def _from_the_process(no_driver_lines: list[LogMatch]) -> list[LogMatch]:
    """The lines of the process itself finding no driver: conda's solver refusing its CUDA
    build is conda's reading of the driver, and its own finding says how to tell conda
    (CONDA_OVERRIDE_CUDA)."""
    return [m for m in no_driver_lines if m.signature.name != CONDA_REFUSAL]


def no_device_findings(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> list[Finding]:
    """The log's no-driver and no-device lines, read against the machine, the container and
    the WSL 2 the facts describe."""
    found: list[Finding] = []
    names = {m.signature.name for m in matches}
    in_container = facts.knows("container") and facts.platform.container
    stub_alone = stub_in_a_bare_container(facts, log, names)
    no_driver_lines = [
        m
        for m in matches
        if (
            m.signature.finding_id in ("no-nvidia-driver", "no-nvidia-gpu")
            and m.signature.name not in NOT_CUDA_LINES
        )
        or m.signature.name in NO_DEVICE_SIGNATURES
        or (stub_alone and m.signature.name in STUB_DRIVER_SIGNATURES)
    ]
    no_device = {m.signature.name for m in no_driver_lines} - HOST_DRIVER_SIGNATURES
    gpus_absent = facts.gpus_absent()
    if no_driver_lines and gpus_absent:
        found.append(_no_gpu_here(facts, no_driver_lines))
    hosted = (
        bool(no_device and log.hosted_notebook_line)
        and not (facts.knows("gpus") and facts.gpus)
        # COLAB_GPU=1: Colab says this runtime has a GPU attached
        and facts.env.get("COLAB_GPU") != "1"
    )
    if hosted:
        found.append(_hosted_runtime_without_gpu(log, no_driver_lines[0]))
    # a WSL 1 kernel in the log outranks a stated WSL 2: users take one for the other (WSL#5554)
    wsl = (
        facts.knows("os")
        and facts.platform.os == "wsl2"
        and not any(m.signature.name == "wsl1-kernel" for m in matches)
    )
    if wsl:
        # WSL 2 has no NVIDIA kernel module (the driver is Windows'): TensorFlow's note that
        # /proc/driver/nvidia/version does not exist says nothing there
        no_driver_lines = [m for m in no_driver_lines if m.signature.name != KERNEL_NOTE]
    linux_driver = next((m for m in matches if m.signature.name == "linux-driver-installed"), None)
    if wsl and linux_driver is not None and no_driver_lines:
        found.append(_linux_driver_in_wsl(linux_driver, no_driver_lines[0]))
    elif wsl and any(
        m.signature.finding_id == "no-nvidia-driver" for m in _from_the_process(no_driver_lines)
    ):
        from_the_process = _from_the_process(no_driver_lines)
        libcuda_line = next((m for m in from_the_process if _says_libcuda_absent(m)), None)
        found.append(wsl_driver_not_reached(facts, libcuda_line, from_the_process[0]))
    # The container toolkit itself reporting the host, or a stub libcuda loaded in place of the
    # driver's: the no-device lines have that cause, not a container started without the GPU.
    # So does a container asked for the GPU (--gpus, Singularity's --nv) or Singularity
    # saying --nv found no driver files: it was not started without the GPU.
    toolkit_reported = (
        any(n.startswith("container-cli-") for n in names)
        # nvidia-docker 1.x's plugin, on the host, before any container (PipelineAI#124)
        or "uvm-module-not-loaded" in names
        or (bool(names & STUB_DRIVER_SIGNATURES) and not stub_alone)
        or "singularity-no-driver-libraries" in names
        # nvidia-smi's table with no CUDA version: the runtime mounted NVML and the GPU's
        # device files, and left the compute libraries out (_utility_libraries_only)
        or SMI_WITHOUT_CUDA in names
    )
    # CUDA_VISIBLE_DEVICES set to hide the GPUs explains a container's no-device lines too, but
    # not a driver library missing altogether, which no setting of it causes
    hidden = (bool(names & VALUE_READINGS) or _stated_to_hide_every_gpu(facts)) and not any(
        m.signature.finding_id == "no-nvidia-driver" or _says_libcuda_absent(m)
        for m in no_driver_lines
    )
    jetson = jetson_seen(facts, log)
    # (a Jetson asked for the GPU ('--gpus') still gets none where the runtime's mount lists
    # are missing: they, not the request, pass its devices in)
    toolkit_engaged = toolkit_reported or (bool(log.gpu_requested_line) and not jetson)
    # Two driver versions (NVML's 'Driver/library version mismatch', the kernel module against
    # libcuda) show driver libraries inside that do not match the host's module: that pair is
    # the cause first (nvidia-docker#528, 7 of 7 settled threads with NVML's line were the
    # mismatch); a container started without the GPU stays a warning behind it, as an image
    # carrying its own driver libraries shows them without '--gpus' too.
    driver_pair_seen = log.driver_halves is not None or bool(names & DRIVER_PAIR_SIGNATURES)
    # a stated CUDA_VISIBLE_DEVICES that names no first GPU ('1' copied from a host with two),
    # in a container whose driver library loaded (TensorFlow read its version): the runtime
    # passed the driver in, so the index, not the container, is what CUDA did not find (review
    # 103: a Kubernetes pod given one GPU, which it numbers 0)
    libcuda_loaded = driver_pair_seen or any(
        (m.signature.name == "driver-version-reported" and "libcuda reported" in m.line)
        # (cuInit answers CUDA_ERROR_NO_DEVICE only from a libcuda that loaded: review 104)
        or "CUDA_ERROR_NO_DEVICE" in m.line
        for m in matches
    )
    hidden = hidden or (libcuda_loaded and bool(stated_past_the_first_gpu(facts)))
    # a Jetson's driver makes no /proc/driver/nvidia, host or container alike; nor does Docker
    # Desktop's own VM, whose kernel is not the Windows host's (its GPU comes through WSL 2)
    # (nor WSL 2, host or container: its GPU comes through /dev/dxg, with no kernel module)
    under_wsl = facts.knows("os") and facts.platform.os == "wsl2"
    desktop = DOCKER_DESKTOP in names
    host_module = (
        _host_without_nvidia_module(matches)
        if in_container and not jetson and not desktop and not under_wsl
        else None
    )
    utility_only = next((m for m in matches if m.signature.name == SMI_WITHOUT_CUDA), None)
    if in_container and utility_only is not None and not jetson:
        found.append(_utility_libraries_only(facts, utility_only))
    elif host_module is not None:
        found.append(_node_without_driver(facts, host_module))
    elif (
        (refused := names & RUNTIME_LEFT_OUT)
        and (log.gpu_requested_line or _smi_brought_in(in_container, log, refused))
        and not (toolkit_reported or jetson or gpus_absent)
    ):
        found.append(
            _asked_for_but_left_out(log, [m for m in matches if m.signature.name in refused])
        )
    elif (
        log.gpu_requested_line
        and log.bound_libs_failed_line
        and not (jetson or gpus_absent or hidden)
        and (libcuda_gone := next((m for m in no_driver_lines if _says_libcuda_absent(m)), None))
    ):
        found.append(_asked_for_without_libcuda(log, libcuda_gone))
    elif (
        no_device
        and in_container
        # (a hosted notebook's runtime is a container its service starts: the runtime type,
        # not a docker flag, gives it the GPU)
        and not (toolkit_engaged or gpus_absent or hidden or hosted)
        # an image's build step never has a GPU ('docker build' takes no --gpus): conda's
        # __cuda refusal there wants CONDA_OVERRIDE_CUDA, which its own finding says; nor is
        # that refusal alone a container started without the GPU (conda-forge/
        # tensorflow-feedstock#222: a CI image build) - its own finding names both
        and not (log.image_build_line and "conda-no-cuda-driver" in names)
        and no_device != {"conda-no-cuda-driver"}
    ):
        # (a machine known to have no GPU has none to pass in: no-nvidia-gpu says so)
        # (a Jetson's GPU is part of the board: there is one to pass in)
        expects = container_expects_gpu(facts) or bool(jetson)
        cgroup = next((m for m in matches if m.signature.name == NVML_UNKNOWN), None)
        if cgroup is not None and not jetson:
            # NVML ran (the driver's files were mounted) but cannot open the GPU: the device
            # cgroup, not a container started without the GPU
            found.append(
                Finding(
                    "container-gpu-not-exposed",
                    Severity.ERROR if expects else Severity.WARNING,
                    NVML_UNKNOWN_TITLE,
                    (
                        *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
                        cgroup.line.strip()[:300],
                        *[m.line.strip()[:300] for m in matches if m.signature.name in no_device][
                            :1
                        ],
                    ),
                    NVML_UNKNOWN_FIX,
                    NVML_UNKNOWN_SOURCE,
                )
            )
        else:
            found.append(
                _started_without_the_gpu(
                    facts, matches, no_device, expects, driver_pair_seen, jetson, log
                )
            )
    symbol = next((m for m in matches if m.signature.name == "cuinit-named-symbol-not-found"), None)
    if wsl and symbol is not None and facts.knows("container") and not facts.platform.container:
        found.append(_libcuda_without_entry_points(symbol))
    if not any(f.id == "container-gpu-not-exposed" for f in found):
        # (a container started without the GPU finds none in WSL 2 either)
        found += no_device_under_wsl(facts, matches)
        if not hidden and (unasked := run_without_gpu(facts, log, matches)) is not None:
            found.append(unasked)
    return found


DRIVER_FOLDERS = (
    "/usr/local/nvidia/lib",
    "/usr/lib/wsl/lib",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
)
"""Where a driver's libcuda.so.1 lives: a container's mount, WSL 2's, the distributions'."""


def stubs_ahead_on_stated_path(facts: Facts) -> bool:
    """The LD_LIBRARY_PATH stated or probed lists a CUDA stubs folder ahead of every driver
    folder: the loader finds the stub there first, driver mounted or not (tensorflow#41748:
    TensorFlow's devel image, built with the stubs on the path)."""
    for entry in (facts.env.get("LD_LIBRARY_PATH") or "").split(":"):
        if entry.rstrip("/").endswith("/stubs"):
            return True
        if entry.startswith(DRIVER_FOLDERS):
            return False
    return False


def stub_in_a_bare_container(facts: Facts, log: LogFacts, names: set[str]) -> bool:
    """CUDA's stub answered alone in a container someone stated or probed, or that TensorFlow's
    own diagnostics name as its host (one read from a pasted 'docker run' may be another
    process than the one that logged)."""
    in_container = facts.knows("container") and facts.platform.container
    if not (in_container and stub_answered_alone(names)) or stubs_ahead_on_stated_path(facts):
        return False
    return not container_only_from_the_log(facts) or bool(log.own_container_line)


def stub_answered_alone(names: set[str]) -> bool:
    """CUDA's stub libcuda answered cuInit, and nothing shows it found ahead of a driver's (ldd
    resolving libcuda to it, its folder on LD_LIBRARY_PATH). In a container that is what a GPU
    image does without a driver mounted: TensorFlow's GPU images register the stubs folder
    last (gpu.Dockerfile's z-cuda-stubs.conf, 'to load even in absence of libcuda.so linked in
    by nvidia-docker'), so the stub is found only where no GPU was passed in."""
    return "cuinit-stub-library" in names and not names & {
        "libcuda-stub-resolved",
        "cuda-stubs-on-library-path",
    }


def _started_without_the_gpu(
    facts: Facts,
    matches: Sequence[LogMatch],
    no_device: set[str],
    expects: bool,
    driver_pair_seen: bool,
    jetson: str,
    log: LogFacts,
) -> Finding:
    """The container has no GPU: started without one (an error where someone wants one there),
    or, for all anyone knows, a CPU-only container (a warning). TensorFlow's CPU image run
    without the GPU has no CUDA to use one either: '--gpus all' alone is not the fix."""
    if log.cpu_image_run_line and not jetson:
        return Finding(
            "container-gpu-not-exposed",
            Severity.ERROR if expects and not driver_pair_seen else Severity.WARNING,
            "This container runs TensorFlow's CPU image, started without the GPU: it has no"
            " CUDA libraries, so it runs on the CPU (the lines about them are expected)",
            (
                log.cpu_image_run_line,
                *[m.line.strip()[:300] for m in matches if m.signature.name in no_device][:1],
            ),
            "Nothing to fix for CPU use. For the GPU, run a '-gpu' tag of the image"
            " (tensorflow/tensorflow:latest-gpu, or one of a release) with the GPU: 'docker run"
            " --gpus all ...' (NVIDIA Container Toolkit on the host).",
            TF_DOCKER,
        )
    return Finding(
        "container-gpu-not-exposed",
        Severity.ERROR if expects and not driver_pair_seen else Severity.WARNING,
        "The container was started without access to the GPU"
        if expects
        else "This runs in a container: if the host has an NVIDIA GPU, it was not passed in",
        (
            *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
            *[m.line.strip()[:300] for m in matches if m.signature.name in no_device][:2],
            *([f"a Jetson: {jetson}"] if jetson else []),
        ),
        JETSON_CONTAINER_FIX
        if jetson
        else "Start the container with the GPU: 'docker run --gpus all ...' (NVIDIA "
        "Container Toolkit on the host); docker compose: a 'deploy.resources.reservations."
        "devices' entry with 'capabilities: [gpu]'; Singularity/Apptainer: add --nv; in "
        "Kubernetes, "
        "request nvidia.com/gpu. A GKE pod that requests it gets the driver in "
        "/usr/local/nvidia/lib64: put that folder on LD_LIBRARY_PATH if the image does "
        "not.",
        CONTAINER_TOOLKIT,
    )


def _stated_to_hide_every_gpu(facts: Facts) -> bool:
    """CUDA_VISIBLE_DEVICES as the process had it shows no GPU: empty, -1, or a first entry CUDA
    cannot read (SLURM's 'NoDevFiles' for a job given none)."""
    visible = parse_cuda_visible_devices(facts.env.get("CUDA_VISIBLE_DEVICES"))
    return visible.kind in ("empty", "none", "invalid")


def stated_past_the_first_gpu(facts: Facts) -> str:
    """CUDA_VISIBLE_DEVICES as stated, where it lists only indices past CUDA's first GPU ('1',
    '2,3'): a process given fewer GPUs than that sees none ('' otherwise)."""
    raw = facts.env.get("CUDA_VISIBLE_DEVICES")
    visible = parse_cuda_visible_devices(raw)
    if visible.kind != "indices" or not visible.indices or 0 in visible.indices:
        return ""
    return raw or ""


RUNTIME_LEFT_OUT = frozenset(
    {"nvml-insufficient-permissions", "nvidia-smi-no-nvml-library", "nvml-access-blocked"}
)
"""NVML failing on the GPU's device files or libraries: in a container asked for the GPU, the
NVIDIA runtime's setup kept them out (the driver itself is loaded on the host)."""


def _asked_for_without_libcuda(log: LogFacts, line: LogMatch) -> Finding:
    """A container given the GPU (Singularity's --nv) whose bound driver libraries cannot be
    read, and in which TensorFlow finds no libcuda.so.1: the runtime did not bring the host
    driver's libraries in (apptainer/singularity#4687: Singularity 3.4's --nv on a Cray node,
    where 2.6 bound them). Without that listing, --nv on a node with no driver reads the same,
    and the missing driver is named instead."""
    singularity = "--nv" in log.gpu_requested_line
    where = (
        "Singularity/Apptainer binds them into /.singularity.d/libs: 'ls -l"
        " /.singularity.d/libs' inside must list libcuda.so.1; on the host, 'ldconfig -p | grep"
        " libcuda' must find it (--nv binds what the host's ld cache and nvliblist.conf name),"
        " and an older or newer Singularity/Apptainer may bind what this one does not"
        if singularity
        else "the NVIDIA Container Toolkit mounts them into the container's library folder: on"
        " the host, 'nvidia-container-cli list' must name libcuda.so, and the image must not"
        " replace LD_LIBRARY_PATH with one that drops that folder"
    )
    return Finding(
        "container-gpu-not-exposed",
        Severity.ERROR,
        "The container was given the GPU, but the host driver's libcuda.so.1 is not inside it:"
        " the runtime did not bring the driver's libraries in",
        (
            quoted(log.gpu_requested_line),
            quoted(log.bound_libs_failed_line),
            quoted(line.line),
        ),
        f"The host's driver works only if its libraries reach the container: {where}.",
        CONTAINER_TOOLKIT,
    )


def _smi_brought_in(in_container: bool, log: LogFacts, refused: set[str]) -> bool:
    """nvidia-smi running inside a container and missing libnvidia-ml: CUDA images carry no
    nvidia-smi, the NVIDIA runtime mounts it with the driver's libraries, so the container was
    given the GPU and the runtime's ldconfig left the libraries out of its loader cache
    (nvidia-container-runtime#75, nvidia-docker#854)."""
    return (
        in_container and "nvidia-smi-no-nvml-library" in refused and not log.gpu_not_requested_line
    )


SMI_WITHOUT_CUDA = "nvidia-smi-cuda-not-available"


def _utility_libraries_only(facts: Facts, table: LogMatch) -> Finding:
    """nvidia-smi inside a container listing the GPU with 'CUDA Version: N/A': the container has
    the GPU, and the NVIDIA runtime mounted only its 'utility' libraries (NVML), not libcuda:
    NVIDIA_DRIVER_CAPABILITIES without 'compute', as an image not built on NVIDIA's gets
    (kubeflow#3094, stable-diffusion-webui-docker#348). Starting it with the GPU again does
    nothing."""
    return Finding(
        "container-gpu-not-exposed",
        Severity.ERROR,
        "The container has the GPU but not its compute libraries: nvidia-smi there lists it with"
        " no CUDA version, as the runtime mounts the 'utility' libraries alone",
        (
            *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
            quoted(table.line),
        ),
        "Ask the runtime for the compute libraries too: NVIDIA_DRIVER_CAPABILITIES=compute,utility"
        " ('docker run -e NVIDIA_DRIVER_CAPABILITIES=compute,utility ...', the pod's env, or"
        " 'ENV' in the Dockerfile), or base the image on nvidia/cuda, which sets it; that image"
        " also brings the CUDA and cuDNN this TensorFlow needs.",
        "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/"
        "docker-specialized.html#driver-capabilities",
    )


_SINGULARITY_NV = re.compile(r"\b(?:singularity|apptainer)\b(?![^\n]*--nvccli)[^\n]*\s--nv\b")
"""Singularity's or Apptainer's own --nv binding (its --nvccli hands the work to NVIDIA's)."""


LDCONFIG_FIX = (
    "in /etc/nvidia-container-runtime/config.toml, 'ldconfig' must name an ldconfig that runs"
    " ('@/sbin/ldconfig.real' on Ubuntu hosts, '@/sbin/ldconfig' on Debian and others; without"
    " the '@', '/sbin/ldconfig' runs the image's own), or run 'ldconfig' inside the container"
)
"""NVIDIA's config.toml.ubuntu and config.toml.debian name these (nvidia-docker#1163, #854)."""
DEVICES_FIX = (
    "with 'no-cgroups = true' in /etc/nvidia-container-runtime/config.toml the devices must be"
    " passed with '--device'; with SELinux, allow containers the GPU's devices ('setsebool -P"
    " container_use_devices 1', or '--security-opt label=disable' for one container)"
)


def _asked_for_but_left_out(log: LogFacts, lines: Sequence[LogMatch]) -> Finding:
    """A container run with '--gpus' (or Singularity's --nv) whose nvidia-smi cannot open the
    GPU's files or find libnvidia-ml: the request reached the NVIDIA runtime, whose setup on
    this host left the GPU out (settled threads: SELinux labels 2, a device group 2,
    config.toml's ldconfig path; nvidia-container-toolkit#33, nvidia-docker#1163). A missing
    libnvidia-ml is the ldconfig step's: that comes first."""
    library_missing = any(m.signature.name == "nvidia-smi-no-nvml-library" for m in lines)
    first, then = (LDCONFIG_FIX, DEVICES_FIX) if library_missing else (DEVICES_FIX, LDCONFIG_FIX)
    evidence = tuple(quoted(m.line) for m in lines[:2])
    if _SINGULARITY_NV.search(log.gpu_requested_line):
        # --nv binds the host's own libraries, found through its ldconfig cache and
        # nvliblist.conf: NVIDIA's container runtime and its config.toml take no part
        return Finding(
            "container-gpu-not-exposed",
            Severity.ERROR,
            "Singularity/Apptainer's --nv bound the GPU's libraries into the container, but"
            " not all of them: the host's library cache or nvliblist.conf left them out",
            (quoted(log.gpu_requested_line), *evidence),
            "On the host, 'ldconfig -p | grep -e libnvidia-ml -e libcuda' must list the driver's"
            " libraries (run 'sudo ldconfig' after a driver install); a driver outside the"
            " standard paths needs them in nvliblist.conf; inside, 'ls /.singularity.d/libs'"
            " shows what was bound. With --nvccli, NVIDIA's container library does it instead:"
            " its config.toml's ldconfig applies.",
            "https://docs.sylabs.io/guides/latest/user-guide/gpu.html",
        )
    if log.gpu_requested_line:
        evidence = (quoted(log.gpu_requested_line), *evidence)
    else:
        evidence += (
            "nvidia-smi inside a container is the one the NVIDIA runtime mounts there with the GPU",
        )
    return Finding(
        "container-gpu-not-exposed",
        Severity.ERROR,
        "The container was asked for the GPU, but the NVIDIA runtime's setup on this host left"
        " the GPU's files or libraries out of it",
        evidence,
        f"Check the runtime on the host: {first}; {then}; the image must not"
        " carry its own libnvidia-ml or libcuda links, nor set an LD_LIBRARY_PATH that drops"
        " the folder the runtime put them in (nvidia-docker 1's /usr/local/nvidia/lib64:"
        " append to LD_LIBRARY_PATH, never replace it); a rootless or non-root user needs the"
        " group owning /dev/nvidia*. Then 'nvidia-smi' in a container run with '--gpus all'"
        " lists the GPU.",
        CONTAINER_TOOLKIT,
    )


def run_without_gpu(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> Finding | None:
    """A GPU image started with a plain 'docker run' (no --gpus, no NVIDIA runtime): Docker
    gives a container no GPU unless asked, so its TensorFlow finds no libcuda or no device
    (tensorflow#30911, serving#660). A warning only, unless the container shows no
    /dev/nvidia0: a daemon whose default runtime is NVIDIA's passes the GPU in unasked. Nothing
    to say where the log shows the driver reached a GPU."""
    if not log.gpu_not_requested_line:
        return None
    if facts.knows("container") and not facts.platform.container:
        return None
    # No /dev/nvidia0 in that container: no runtime passed the GPU in, so a stub libcuda that
    # loaded is only the image's fallback (TensorFlow's GPU images link it for when no driver
    # is mounted), and a default NVIDIA runtime did not pass the GPU in unasked either.
    no_device_file = bool(log.unasked_run_no_device_line)
    reached = any(
        m.signature.proves_gpu
        or m.signature.name in DRIVER_FOUND_A_GPU | HOST_DRIVER_SIGNATURES
        or (m.signature.name in STUB_DRIVER_SIGNATURES and not no_device_file)
        for m in matches
    )
    if reached:
        return None
    return Finding(
        "container-gpu-not-exposed",
        Severity.ERROR if no_device_file else Severity.WARNING,
        "The container was started with no GPU: 'docker run' without --gpus (or NVIDIA's"
        " runtime) gives it none",
        (quoted(log.gpu_not_requested_line),),
        "Start it with the GPU: 'docker run --gpus all ...' (the NVIDIA Container Toolkit on"
        " the host; with Docker older than 19.03, 'nvidia-docker run' or"
        " '--runtime=nvidia'). Inside it, 'nvidia-smi' must list the GPU.",
        CONTAINER_TOOLKIT,
    )


def driver_halves_differ(facts: Facts, log: LogFacts) -> Finding | None:
    """TensorFlow's CUDA diagnostics print the version of the driver library it loaded and then
    the kernel module's: two driver versions mean a driver updated (or a second libcuda first
    on the path) while the old module is still loaded. TensorFlow says so on its next line
    ('kernel version X does not match DSO version Y'), which pastes cut (machine_seen reads
    the pair). macOS's kernel driver does not report its version reliably: TensorFlow skips
    the comparison there."""
    if facts.knows("os") and facts.platform.os == "macos":
        return None
    if log.driver_halves is None:
        return _packages_differ(facts, log)
    library, kernel, library_line, kernel_line = log.driver_halves
    older_library = (
        ("libcuda is the older: a copy of an earlier driver's comes first on the loader path",)
        if parsed(library) < parsed(kernel)
        else ()
    )
    return Finding(
        "driver-library-mismatch",
        Severity.ERROR,
        f"The NVIDIA driver library libcuda is {library} but the kernel module loaded is {kernel}",
        (quoted(library_line), quoted(kernel_line), *older_library),
        driver_halves_fix(library, kernel),
        "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/stream_executor/cuda/"
        "cuda_diagnostics.cc",
    )


def _packages_differ(facts: Facts, log: LogFacts) -> Finding | None:
    """The same two versions from a package list and the module's version file, on a host: a
    container's packages beside the host's module are judged by what the container runs."""
    if log.driver_packages is None or (facts.knows("container") and facts.platform.container):
        return None
    packaged, kernel, package_line, kernel_line = log.driver_packages
    return Finding(
        "driver-library-mismatch",
        Severity.ERROR,
        f"The NVIDIA driver packages installed are {packaged} but the kernel module loaded is"
        f" {kernel}",
        (quoted(package_line), quoted(kernel_line)),
        driver_halves_fix(packaged, kernel),
        "https://github.com/illinois-scicomp/machine-shop-maintenance/issues/70",
    )


def gpu_not_in_this_process(facts: Facts, matches: Sequence[LogMatch]) -> Finding | None:
    """A Linux host known to have a GPU and a working driver, whose TensorFlow saw no
    /dev/nvidia0, in no container anyone knows of: the driver makes that node on the host, so
    the process ran where the GPU was not given (a container, a cluster job, a sandbox;
    dessa-oss/atlas#117). A known container is judged in no_device_findings."""
    if facts.knows("container") or not (
        facts.knows("os") and facts.platform.os == "linux" and not facts.platform.wsl
    ):
        return None
    if not (facts.knows("gpus") and facts.gpus and facts.driver_answers()):
        return None
    line = next((m for m in matches if m.signature.name == "dev-nvidia0-missing"), None)
    if line is None:
        return None
    return Finding(
        "container-gpu-not-exposed",
        Severity.WARNING,
        "This machine has an NVIDIA GPU and a working driver, yet the process that ran"
        " TensorFlow has no /dev/nvidia0: most likely it ran in a container or job that was not"
        " given the GPU",
        (
            quoted(line.line),
            f"GPU: {facts.gpus[0].name}, driver {facts.driver.version} (stated or probed)",
        ),
        "Give the GPU to what runs TensorFlow: 'docker run --gpus all ...' (NVIDIA Container"
        " Toolkit on the host), Singularity/Apptainer's --nv, a Kubernetes request for"
        " nvidia.com/gpu, or a cluster job that asks for a GPU (Slurm: --gres=gpu:1). Inside it,"
        " 'nvidia-smi' must list the GPU.",
        CONTAINER_TOOLKIT,
    )


def _no_gpu_here(facts: Facts, no_driver_lines: Sequence[LogMatch]) -> Finding:
    """No GPU on this machine: the CUDA lines are expected, unless this TensorFlow is a GPU build
    that links the driver's libcuda and so cannot even start without it (TensorFlow 1.x's, a
    -gpu serving image)."""
    cannot_start = next(
        (m for m in no_driver_lines if m.signature.name == "import-driver-library-missing"), None
    )
    evidence = (
        f"GPUs: none ({facts.gpus_reason or 'stated'})",
        quoted((cannot_start or no_driver_lines[0]).line),
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
    puts its own libcuda (and nvidia-smi) first, which talks to no NVIDIA kernel module there.
    The planner names the same install from a probe (rules.wsl_linux_driver)."""
    return Finding(
        "wsl-linux-driver-installed",
        Severity.ERROR,
        "A Linux NVIDIA driver is installed inside WSL 2: its libcuda stands in for the one WSL"
        " provides from the Windows driver, and finds no GPU",
        (quoted(installed.line), quoted(failed.line)),
        "Remove the Linux driver packages inside WSL ('sudo apt-get remove --purge"
        ' "nvidia-driver-*" "libnvidia-compute-*" "nvidia-utils-*"\'), keep only the Windows'
        " driver, then run 'wsl --shutdown' in Windows and reopen WSL.",
        WSL_GUIDE,
    )


def _libcuda_without_entry_points(line: LogMatch) -> Finding:
    """cuInit's 'named symbol not found' in WSL 2 outside a container: a libcuda loaded and
    lacked an entry point CUDA needs. Most often a Linux driver's libcuda (a driver package, or
    one a CUDA toolkit's installer added) comes before the one WSL maps in from Windows; else
    that Windows driver, or WSL itself, is older than this CUDA."""
    return Finding(
        "wsl-linux-driver-installed",
        Severity.WARNING,
        "CUDA loaded a libcuda without the entry points it needs (cuInit: named symbol not"
        " found): most often a Linux driver's libcuda inside WSL 2 comes before the one WSL"
        " provides from the Windows driver",
        (quoted(line.line), "not a container (as stated or probed)"),
        "Run 'ldconfig -p | grep libcuda': /usr/lib/wsl/lib/libcuda.so.1 must come first."
        " Remove Linux NVIDIA driver packages inside WSL ('sudo apt-get remove --purge"
        ' "nvidia-driver-*" "libnvidia-compute-*"\'; a CUDA toolkit installs none if you use'
        " its WSL-Ubuntu package), then 'wsl --update' and update the Windows driver, and run"
        " 'wsl --shutdown'.",
        WSL_GUIDE,
    )


HOSTED_NOTEBOOK_VARIABLES = (
    "COLAB_RELEASE_TAG",
    "COLAB_GPU",
    "KAGGLE_KERNEL_RUN_TYPE",
    "KAGGLE_URL_BASE",
)
"""Variables Colab's and Kaggle's notebook runtimes set in every kernel."""


def hosted_by_its_variables(log: LogFacts, facts: Facts) -> LogFacts:
    """A hosted notebook's runtime, stated by the variables its service sets (--env
    COLAB_RELEASE_TAG=...), where the log itself shows none of its paths."""
    if log.hosted_notebook_line:
        return log
    stated = next(
        (f"{name}={value}" for name in HOSTED_NOTEBOOK_VARIABLES if (value := facts.env.get(name))),
        "",
    )
    return dataclasses.replace(log, hosted_notebook_line=f"{stated} (stated)") if stated else log


def _hosted_runtime_without_gpu(log: LogFacts, line: LogMatch) -> Finding:
    """A hosted notebook (Colab, Kaggle, Studio Lab) with no driver or no device: those
    services install the driver on their GPU runtimes only, so none was attached."""
    return Finding(
        "no-nvidia-gpu",
        Severity.ERROR,
        "This hosted notebook runs without a GPU attached: the service puts the NVIDIA driver on"
        " its GPU runtimes only",
        (quoted(line.line), f"hosted notebook: {log.hosted_notebook_line}"),
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


HOST_PROC_SEEN = (
    "a container sees the host's /proc/driver/nvidia whether or not the GPU was passed in"
)
"""The evidence that marks the host under a container as having no NVIDIA kernel module."""


def _node_without_driver(facts: Facts, line: LogMatch) -> Finding:
    """The host under the container runs no NVIDIA driver: where it has an NVIDIA GPU (stated
    or probed), its driver is missing; otherwise it is most likely a node without one."""
    has_gpu = facts.knows("gpus") and bool(facts.gpus)
    return Finding(
        "no-nvidia-driver" if has_gpu else "no-nvidia-gpu",
        Severity.ERROR,
        "The host running this container has no NVIDIA driver loaded"
        + ("" if has_gpu else ": most likely a machine or cluster node without an NVIDIA GPU"),
        (quoted(line.line), HOST_PROC_SEEN),
        "Run on a host (cluster node, cloud instance type) with an NVIDIA GPU and its driver "
        "(nvidia-smi on the host lists it); on Kubernetes, request nvidia.com/gpu so the pod "
        "lands on a GPU node. Without a GPU, use the CPU build.",
        CONTAINER_TOOLKIT,
    )


def container_expects_gpu(facts: Facts) -> bool:
    """Someone wants a GPU in this container: its image says so (NVIDIA_VISIBLE_DEVICES, as CUDA
    and NGC images set it), or a person or their log reported it while asking about the GPU.
    A container the probe merely detected may be a CPU-only one, like most CI machines."""
    visible = facts.env.get("NVIDIA_VISIBLE_DEVICES")
    if visible and visible not in ("void", "none"):
        return True
    return any(
        e.startswith(("flag", "environment", "log")) for e in facts.platform.container_evidence
    )


def libcuda_absent_alone(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> str:
    """The first line saying libcuda (or the NVIDIA kernel module) is not there, where nothing
    shows an NVIDIA GPU or its driver ('' otherwise): no GPU or driver stated or in the log, no
    other line about the driver, on Linux outside containers and hosted notebooks. A machine
    without an NVIDIA GPU prints just this, and so does one whose driver is not installed;
    among settled reports of these lines alone, no GPU was the usual answer (survey 11: cuInit's
    303 alone, 4 of 5; tensorflow#9969, medaka#214)."""
    if facts.knows("os") and facts.platform.os != "linux":
        return ""
    if facts.knows("container") and facts.platform.container:
        return ""
    if facts.knows("gpus") or (facts.knows("driver") and facts.driver.version):
        return ""
    if log.hosted_notebook_line or log.colab_line or log.gpu_requested_line:
        return ""
    absent: list[LogMatch] = []
    about_devices = False  # another line about the driver or the device
    for m in matches:
        if _says_libcuda_absent(m):
            absent.append(m)
        elif (kind := FINDING_KINDS.get(m.signature.finding_id or "")) is not None:
            about_devices = about_devices or kind.layer in DEVICE_LAYERS
    gpu_shown = any(
        m.signature.proves_gpu
        or m.signature.name in DRIVER_FOUND_A_GPU
        # a host named for its GPUs ('login-gpu01', 'gpu-node3')
        or "gpu" in m.groups.get("host", "").lower()
        # Nix's TensorFlow looks for the driver where NixOS does not keep it (nixpkgs#65515)
        or m.signature.name == "nix-store-python"
        for m in matches
    )
    if not absent or about_devices or gpu_shown:
        return ""
    return quoted(absent[0].line)


def _before_2_1(release: str) -> bool:
    try:
        return xy_tuple(release) < (2, 1)
    except InvalidVersion:
        return True  # not a version this reading can place: keep the older reading


def driver_library_gone(matches: Sequence[LogMatch]) -> LogMatch | None:
    """The process's own line that the driver's library is not there at all (libcuda not
    found, cuInit's 303, no /proc/driver/nvidia): what no CUDA_VISIBLE_DEVICES causes."""
    return next(
        (m for m in matches if m.signature.name != CONDA_REFUSAL and _says_libcuda_absent(m)),
        None,
    )


def _says_libcuda_absent(match: LogMatch) -> bool:
    if match.signature.name == "cuinit-driver-init":
        return any(code in match.groups.get("code", "") for code in LIBCUDA_ABSENT_CODES)
    if match.signature.name == "kernel-driver-not-running":
        return "/proc/driver/nvidia" in match.groups.get("path", "")
    return match.signature.name in LIBCUDA_ABSENT


def no_gpu_likely(line: str, release: str | None) -> Finding:
    # A GPU build linked against libcuda (TensorFlow 1.x's tensorflow-gpu) cannot even import
    # without it: on a machine without a GPU that build is the thing to change. From 2.1 the one
    # 'tensorflow' package opens libcuda only when it looks for GPUs, so another package raised it.
    import_failed = "ImportError" in line or "DLL load failed" in line
    if "error while loading shared libraries" in line:
        # a program linked against libcuda (TensorFlow Serving's GPU build) did not even start
        # (review 110: not 'runs on the CPU')
        meaning = "a GPU build that needs the driver's library to start was run, and it did not"
        without_gpu = "run its CPU build (TensorFlow Serving's image or binary without -gpu)."
    elif import_failed and (release is None or _before_2_1(release)):
        meaning = (
            "a GPU build of TensorFlow that needs the driver's library to import was installed"
        )
        without_gpu = "install the CPU build (tensorflow rather than tensorflow-gpu)."
    elif import_failed:
        meaning = (
            "another package's GPU build needs the driver's library to import; TensorFlow's"
            " own import does not from 2.1 on"
        )
        without_gpu = "install that package's CPU build (the module the traceback names)."
    else:
        meaning = "the lines are then expected, and TensorFlow runs on the CPU"
        without_gpu = "nothing is wrong: TensorFlow uses the CPU."
    return Finding(
        "no-nvidia-gpu",
        Severity.WARNING,
        "CUDA finds no NVIDIA driver, and nothing shows an NVIDIA GPU here: most machines that"
        f" log only this have none ({meaning})",
        (line, "no GPU or driver was stated, and the log shows none"),
        "Check for an NVIDIA GPU: 'lspci | grep -i nvidia' (or the cloud instance type, or the"
        f" cluster node the job ran on). Without one, {without_gpu} With one, install the NVIDIA"
        " driver ('nvidia-smi' then lists the GPU); in a container, start it with the GPU"
        " ('docker run --gpus all', Singularity's --nv).",
        CUDA_GPUS,
    )


NODE_PLACED = "node-placed-on-gpu"
_NOT_PLACED = re.compile(
    r"Cannot assign a device for operation|Could not satisfy (?:explicit )?device specification"
    r"|was explicitly assigned to [^\n]{0,200}? but available devices"
    r"|Registered devices: \[(?![^\]\n]{0,200}GPU)"
)
"""TensorFlow saying a node's device could not be assigned: the node then still names the
device it asked for, in the placer's whole form."""


_STRATEGY_NOT_VISIBLE = re.compile(
    r"Some requested devices in .tf\.distribute\.Strategy. are not visible to TensorFlow:"
    r"[^\n]{0,300}?device:GPU:0\b"
)
"""tf.distribute warning that the GPUs it was given are not TensorFlow's devices: it then
still names them in 'Using MirroredStrategy with devices (...)' (tensorflow/models#8560)."""


def without_unplaced_nodes(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """A node's GPU placement, unless the log says a device could not be assigned; the GPUs
    MirroredStrategy names, unless it says they are not visible (or a device could not be)."""
    dropped = set()
    if _NOT_PLACED.search(text):
        dropped |= {NODE_PLACED, "mirrored-strategy-gpu"}
    if _STRATEGY_NOT_VISIBLE.search(text):
        dropped.add("mirrored-strategy-gpu")
    if not dropped:
        return matches
    return tuple(m for m in matches if m.signature.name not in dropped)


HOST_STEPS = (
    " In a container these steps are the host's: a container shares the host's kernel and"
    " cannot load its modules, so load them there ('sudo nvidia-modprobe -u -c=0', or 'sudo"
    " modprobe nvidia_uvm') or run nvidia-smi there before starting the container."
)


def in_a_container(facts: Facts, log: LogFacts) -> bool:
    """The log says it ran in a container, or the facts (stated or probed) do: the log's own
    word outranks a probe of another machine."""
    return bool(log.container_line) or (facts.knows("container") and facts.platform.container)


def host_side_in_a_container(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts, matches: Sequence[LogMatch]
) -> tuple[Finding, ...]:
    """A driver that could not start (cuInit's unknown error, usually nvidia_uvm not loaded),
    seen from a container that was given the GPU: what to do is on the host (settled threads:
    tensorflow#5777, deepvariant#619, tensorflow#53341, survey 28's base rate)."""
    if not in_a_container(facts, log) or not any(
        m.signature.name == "cuinit-unknown" for m in matches
    ):
        return findings
    if any(f.id == "container-gpu-not-exposed" for f in findings):
        return findings  # a container not given the GPU: its own fix says how
    if jetson_seen(facts, log):
        return findings  # (a Jetson's driver is in its L4T image, without nvidia_uvm)
    if facts.knows("os") and facts.platform.os == "wsl2":
        return findings  # WSL 2's driver is Windows's: no module to load in its kernel
    return with_context(
        findings,
        frozenset({"no-nvidia-driver"}),
        "run in a container" + (f": {log.container_line[:120]}" if log.container_line else ""),
        HOST_STEPS,
    )
