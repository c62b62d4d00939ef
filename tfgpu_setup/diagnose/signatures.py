"""The catalogue of TensorFlow/CUDA/XLA log lines the doctor recognises, each with its meaning.

A signature turns one log line into a finding: a regex (log text is free text, so regexes are the
right tool here), the finding id it maps to, a title template filled from the regex's named groups,
the fix, and the URL of a public report that shows the line and what it meant. Signatures without a
finding id are positive evidence (a GPU device was created, cuDNN loaded) and produce no finding.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet

from ..findings import FINDING_IDS, Severity, ids_tagged

BENIGN = "benign-log-noise"

DRIVER_ROOTS = ids_tagged("stops-every-gpu")
"""Findings that by themselves keep TensorFlow from seeing any GPU."""

LIBRARY_IDS = ids_tagged("library")

CUDA_ERROR_CODES_URL = "https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__TYPES.html"
CUDA_ENV_VARS_URL = (
    "https://docs.nvidia.com/cuda/cuda-programming-guide/05-appendices/environment-variables.html"
)
TF_PIP_URL = "https://www.tensorflow.org/install/pip"
CONTAINER_TOOLKIT_URL = (
    "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
)


@dataclass(frozen=True)
class Variant:
    """A different reading of the same line, chosen by the TensorFlow version or by other lines."""

    finding_id: str
    title: str
    fix: str
    source: str
    tf_versions: SpecifierSet | None = None
    """Applies when the TensorFlow version is known and inside this set."""
    defect: str | None = None
    """Applies when the TensorFlow version is known and this defect of the matrix
    (matrices/tensorflow.json, by id) affects it; '{defect_workaround}' and '{defect_source}'
    in the fix and source are filled from that defect."""
    with_signatures: frozenset[str] = frozenset()
    """Applies when every one of these signatures also matched somewhere in the log."""


@dataclass(frozen=True, eq=False)
class Signature:
    """One recognised kind of log line. Compared and hashed by identity: each is unique."""

    name: str
    needles: tuple[str, ...]
    """Cheap prefilter: the pattern is only tried on lines containing one of these substrings."""
    pattern: re.Pattern[str]
    finding_id: str | None
    """None: positive evidence only, no finding."""
    severity: Severity
    title: str
    """str.format template over the pattern's named groups and the derived fields."""
    fix: str
    source: str
    subject: str = ""
    """Template naming what the finding is about (a library, a compute capability): one finding is
    made per (id, subject). Generic lines use the empty subject."""
    explained_by: frozenset[str] = frozenset()
    """Drop this line's finding when another signature produced one of these ids (the root cause)
    for a different subject."""
    demoted_by: frozenset[str] = frozenset()
    """Lower this line's error to a warning when one of these ids was also found: it is real, but
    only worth fixing after the root cause."""
    proves_gpu: bool = False
    """The line shows TensorFlow registered a GPU device."""
    needs_no_gpu: bool = False
    """The line only means something when no GPU device was registered."""
    variants: tuple[Variant, ...] = ()

    def __post_init__(self) -> None:
        ids = [self.finding_id, *(v.finding_id for v in self.variants)]
        unknown = [i for i in ids if i is not None and i not in FINDING_IDS]
        if unknown:
            raise ValueError(f"signature {self.name}: unknown finding ids {unknown}")
        if not self.needles:
            raise ValueError(f"signature {self.name}: no needles")
        available = set(self.pattern.groupindex) | {
            derived for derived, base in DERIVED_FROM.items() if base in self.pattern.groupindex
        }
        if any(v.defect for v in self.variants):
            available |= DEFECT_FIELDS
        templates = [
            self.title,
            self.fix,
            self.subject,
            *(text for v in self.variants for text in (v.title, v.fix)),
        ]
        for template in templates:
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            if not fields <= available:
                raise ValueError(f"signature {self.name}: {fields - available} not in its groups")


DEFECT_FIELDS = frozenset({"defect_workaround", "defect_source"})
"""Fields a variant with a defect_kind may use, filled from the matrix's defect."""

DERIVED_FROM = {
    "lib_version": "lib",
    "lib_version_note": "lib",
    "because": "dlerror",
    "ptxas_note": "ptxas",
    "status_note": "status",
}
"""Fields computed from a named group: the derived field exists when its base group does."""

_SO_VERSION = re.compile(r"\.so\.(\d+(?:\.\d+)*)$")
_DLL_VERSION = re.compile(r"_(\d+)\.dll$", re.IGNORECASE)


def library_version(file_name: str) -> str:
    """The version in a CUDA library's file name: libcudnn.so.8 -> 8, cudart64_110.dll -> 11.0."""
    if match := _SO_VERSION.search(file_name):
        return match.group(1)
    if match := _DLL_VERSION.search(file_name):
        digits = match.group(1)
        # Windows cudart names carry major and minor run together: cudart64_110 is CUDA 11.0.
        return f"{digits[:-1]}.{digits[-1]}" if len(digits) >= 3 else digits
    return ""


def cudnn_version(number: str) -> str:
    """A cuDNN version as TensorFlow prints it, dotted: '8907' -> 8.9.7, '90300' -> 9.3.0 (the
    CUDNN_VERSION scale changed in cuDNN 9); an already dotted version is returned as it is."""
    if not number.isdigit():
        return number
    value = int(number)
    scale = 10000 if value >= 10000 else 1000
    return f"{value // scale}.{value % scale // 100}.{value % 100}"


def derived_fields(groups: Mapping[str, str | None]) -> dict[str, str]:
    """The named groups with None as '', cuDNN numbers dotted, plus the derived fields."""
    fields = {name: value or "" for name, value in groups.items()}
    for name, value in fields.items():
        if name.startswith("cudnn_"):
            fields[name] = cudnn_version(value)
    if "lib" in fields:
        version = library_version(fields["lib"])
        fields["lib_version"] = version
        fields["lib_version_note"] = f" (version {version})" if version else ""
    if "dlerror" in fields:
        fields["because"] = f": {fields['dlerror']}" if fields["dlerror"] else ""
    if "status" in fields:
        fields["status_note"] = f" ({fields['status']})" if fields["status"] else ""
    if "ptxas" in fields:
        fields["ptxas_note"] = f" ({fields['ptxas']})" if fields["ptxas"] else ""
    return fields


CUINIT = r"failed call to cuInit: (?:[A-Z_]+: CUDA error: Failed call to cuInit: )?"
"""TF 2.1x wrote 'failed call to cuInit: CODE'; newer XLA-based builds (2.18+) wrap it as
'failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: CODE'."""


def _re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _dlopen(names: str) -> re.Pattern[str]:
    """dso_loader's line for a library that failed to load (TF 2.x), the 'Could not dlopen
    library' of TF 1.14 to 2.0, or TF 1.x's older wording."""
    return _re(
        r"(?:Could not (?:load dynamic|dlopen) library '|Couldn't open CUDA library )"
        rf"(?P<lib>(?:lib)?(?:{names})[^'\s]*?)"
        r"(?:'(?:; dlerror: (?P<dlerror>[^;\r\n]*))?|\.? LD_LIBRARY_PATH)"
    )


_DLOPEN_NEEDLES = ("dynamic library", "dlopen library", "CUDA library")
_CUDA_LIBS = "cudart|cublasLt|cublas|cufft|curand|cusolver|cusparse|nvrtc|nvJitLink|nccl"

_LIBS_FIX = (
    "Install the CUDA libraries this TensorFlow was built for ({lib} among them) and put them on"
    " the loader path. With TensorFlow >= 2.14 on Linux the simplest is the pip wheels:"
    " pip install 'tensorflow[and-cuda]' in the same environment (they are found through"
    " TensorFlow's RUNPATH, no LD_LIBRARY_PATH needed). With a system CUDA, add its lib64"
    " directory to LD_LIBRARY_PATH. `tfgpu-setup plan` picks the matching versions."
)

_CUINIT_DRIVER_FIX = (
    "The driver is installed but CUDA could not start. Run nvidia-smi: if it fails, reinstall or"
    " reload the driver. Common causes: the nvidia_uvm module is not loaded (after suspend/resume:"
    " sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm, or install nvidia-modprobe), the user"
    " cannot open /dev/nvidia* (add it to the group owning them), or a driver update without a"
    " reboot. Reboot if unsure."
)


def _cudnn_needs_cublas(
    cuda: int, other_cuda: int, tf_versions: str, install: str, source: str
) -> Signature:
    """cuDNN's own loader asking for the cuBLAS of the CUDA it was built for: beside a
    TensorFlow built for the other CUDA, the cuDNN build is the mismatch."""
    return Signature(
        name=f"cudnn-needs-cublas-{cuda}",
        needles=("Could not load library libcublas",),
        pattern=_re(
            rf"Could not load library (?P<lib>libcublas(?:Lt)?\.so\.{cuda})\. Error: (?P=lib):"
            r" cannot open shared object file"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=f"cuDNN needs the CUDA {cuda} library {{lib}}, which cannot be found",
        fix=_LIBS_FIX,
        source=source,
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
        variants=(
            Variant(
                "cudnn-version-mismatch",
                f"The cuDNN installed is a build for CUDA {cuda} (it loads {{lib}}), but this"
                f" TensorFlow is built for CUDA {other_cuda}",
                f"Install {install}.",
                source,
                tf_versions=SpecifierSet(tf_versions),
            ),
        ),
    )


CATALOGUE: tuple[Signature, ...] = (
    # --- The driver and the device: nothing above them works until these do. ---
    Signature(
        name="kernel-dso-mismatch",
        needles=("DSO",),
        pattern=_re(
            r"kernel version (?P<kernel>\d+(?:\.\d+)+) does not match DSO version"
            r" (?P<dso>\d+(?:\.\d+)+)"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="The NVIDIA kernel module is {kernel} but the driver library libcuda is {dso}",
        fix=(
            "The user-space driver was updated (or a different libcuda is on the loader path) while"
            " the old kernel module is still loaded. Reboot, or reload the nvidia modules. In a"
            " container, do not install a driver or CUDA compat libraries inside the image: the"
            " host's libcuda is mounted by the NVIDIA container toolkit. On WSL2, remove any Linux"
            " NVIDIA driver from the distribution."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/4768",
    ),
    Signature(
        name="nvrm-api-mismatch",
        needles=("API mismatch",),
        pattern=_re(r"API mismatch: the client has the version (?P<client>\d+(?:\.\d+)+)"),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA kernel module does not match the driver libraries (client {client}): the"
            " driver was updated without a reboot, or a container brings its own driver"
        ),
        fix=(
            "Reboot (or reload the nvidia kernel modules) so that the module and the libraries are"
            " the same version; in a container, use the host's driver libraries (NVIDIA container"
            " toolkit) instead of installing a driver in the image."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/182",
    ),
    Signature(
        name="nvml-version-mismatch",
        needles=("river/library version mismatch",),
        pattern=_re(r"(?:Failed to initialize NVML|nvml): Driver/library version mismatch", re.I),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="nvidia-smi reports a driver/library version mismatch",
        fix=(
            "The NVIDIA driver was upgraded but the old kernel module is still loaded: reboot (or"
            " unload and reload the nvidia kernel modules)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/4349",
    ),
    Signature(
        name="cuinit-driver-mismatch",
        needles=("DRIVER_MISMATCH", "(803)", "display driver /"),
        pattern=_re(
            r"(?P<code>CUDA_ERROR_SYSTEM_DRIVER_MISMATCH|UNKNOWN ERROR \(803\)"
            r"|system has unsupported display driver / cuda driver combination)"
        ),
        finding_id="driver-library-mismatch",
        severity=Severity.ERROR,
        title="CUDA reports a mismatch between the display driver and the CUDA driver ({code})",
        fix=(
            "libcuda does not belong to the loaded kernel module: reboot after a driver update, and"
            " remove stale libcuda copies (CUDA compat packages, a driver inside a container image)"
            " from the loader path."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1256",
    ),
    Signature(
        name="docker-no-gpu-runtime",
        needles=(
            "capabilities: [[gpu]]",
            "unknown or invalid runtime name: nvidia",
            "Unknown runtime specified nvidia",
        ),
        pattern=_re(
            r"could not select device driver \"[^\"]*\" with capabilities: \[\[gpu\]\]"
            r"|unknown or invalid runtime name: nvidia|Unknown runtime specified nvidia"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "Docker cannot give the container a GPU: the NVIDIA Container Toolkit is not installed"
            " or not configured on the host"
        ),
        fix=(
            "Install the NVIDIA Container Toolkit on the host, run 'sudo nvidia-ctk runtime"
            " configure --runtime=docker' and restart Docker, then start the container with"
            " '--gpus all'."
        ),
        source=CONTAINER_TOOLKIT_URL,
    ),
    Signature(
        name="container-cli-no-driver",
        needles=("nvidia-container-cli",),
        pattern=_re(
            r"nvidia-container-cli: initialization error: (?P<why>nvml error: driver not loaded"
            r"|load library failed: libnvidia-ml\.so\.1|driver error: failed to process request)"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The host has no working NVIDIA driver for the container to use ({why})",
        fix=(
            "Install the NVIDIA driver on the host (not in the image) and check it with"
            " 'nvidia-smi' on the host; on WSL2 or Docker Desktop, install the Windows driver."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1393",
    ),
    Signature(
        name="container-cli-driver-too-old",
        needles=("nvidia-container-cli",),
        pattern=_re(
            r"nvidia-container-cli: requirement error: unsatisfied condition:"
            r" (?P<condition>cuda\s*>=\s*\d+\.\d+)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The image needs {condition} but the host's NVIDIA driver is older",
        fix=(
            "Update the host's NVIDIA driver to one supporting that CUDA version, or use an image"
            " (and a TensorFlow) built for an older CUDA."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/1442",
    ),
    Signature(
        name="dev-nvidia0-missing",
        needles=("/dev/nvidia0 does not exist",),
        pattern=_re(r"no NVIDIA GPU device is present: /dev/nvidia0 does not exist"),
        finding_id="no-nvidia-gpu",
        severity=Severity.ERROR,
        title="No NVIDIA GPU device node: /dev/nvidia0 does not exist",
        fix=(
            "Check that nvidia-smi lists a GPU on this machine. In a container, start it with GPU"
            " access (docker run --gpus all, with the NVIDIA container toolkit installed on the"
            " host); on a cluster, request a GPU from the scheduler."
        ),
        source="https://github.com/deepmedic/deepmedic/issues/128",
    ),
    Signature(
        name="kernel-driver-not-running",
        needles=("kernel driver does not appear to be running",),
        pattern=_re(
            r"kernel driver does not appear to be running on this host \((?P<host>[^)]{0,255})\)"
            r"(?:: (?P<path>\S+) does not exist)?"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA kernel driver is not running on {host}",
        fix=(
            "Install the NVIDIA driver for this GPU and reboot (check with nvidia-smi and"
            " cat /proc/driver/nvidia/version). In a container, the host's driver must be exposed:"
            " docker run --gpus all with the NVIDIA container toolkit."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/44869",
    ),
    Signature(
        name="nvidia-smi-no-driver",
        needles=("couldn't communicate with the NVIDIA driver",),
        pattern=_re(
            r"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="nvidia-smi cannot talk to the NVIDIA driver",
        fix=(
            "The driver is not installed or its kernel module is not loaded (often after a kernel"
            " update without a driver rebuild, or with Secure Boot rejecting the module). Reinstall"
            " the driver for the running kernel (DKMS) and reboot."
        ),
        source="https://github.com/NVIDIA/nvidia-docker/issues/365",
    ),
    Signature(
        name="libcuda-not-loaded",
        needles=("libcuda reported version is: Not found",),
        pattern=_re(r"libcuda reported version is: Not found: (?P<reason>.+)"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The driver library libcuda.so is not loaded ({reason})",
        fix=(
            "The kernel driver runs but its user-space library libcuda.so.1 is not visible to this"
            " process: install the driver's user-space part (or, in a container, use the NVIDIA"
            " container toolkit so the host's libcuda is mounted)."
        ),
        source="https://github.com/ai4d-iasc/trixie/issues/41",
        explained_by=frozenset({"ld-library-path-shadows"}),
    ),
    Signature(
        name="dlopen-driver",
        needles=_DLOPEN_NEEDLES,
        pattern=_re(
            r"Could not (?:load dynamic|dlopen) library '(?P<lib>libcuda\.so[.\d]*|nvcuda\.dll)'"
            r"(?:; dlerror: (?P<dlerror>[^;\r\n]*))?"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA driver library {lib} could not be loaded{because}",
        fix=(
            "libcuda comes with the NVIDIA driver, not with CUDA or pip: install the driver (check"
            " with nvidia-smi). On WSL2 it lives in /usr/lib/wsl/lib and comes from the Windows"
            " driver."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45930",
    ),
    Signature(
        name="cudnn-needs-libcuda",
        needles=("Error: libcuda.so",),
        pattern=_re(
            r"Could not load library (?P<lib>libcudnn\w*\.so[.\d]*)\. Error: libcuda\.so:"
            r" cannot open shared object file"
        ),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "cuDNN ({lib}) cannot load the driver library libcuda.so: on WSL2 it lives in"
            " /usr/lib/wsl/lib, which is not on the loader path"
        ),
        fix=(
            "On WSL2: export LD_LIBRARY_PATH=/usr/lib/wsl/lib:$LD_LIBRARY_PATH (the activate"
            " script of 'tfgpu-setup apply' does this). On native Linux, the driver's libcuda.so"
            " link is missing: reinstall the NVIDIA driver's compute libraries."
        ),
        source="https://github.com/facebookresearch/nougat/issues/105",
    ),
    Signature(
        name="libcuda-stub-resolved",
        needles=("stubs/libcuda",),
        pattern=_re(r"libcuda\.so(?:\.1)?\s*=>\s*(?P<path>\S*/stubs/libcuda\.so[.\d]*)"),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title="libcuda resolves to the CUDA toolkit's stub library {path}, not the driver's",
        fix=(
            "The stub is only for linking: remove .../cuda/lib64/stubs from LD_LIBRARY_PATH and"
            " from /etc/ld.so.conf.d (then run ldconfig); in a container, the NVIDIA container"
            " toolkit mounts the host's real libcuda.so.1."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/14224",
    ),
    Signature(
        name="cuinit-stub-library",
        needles=("cuInit",),
        pattern=_re(CUINIT + r"(?P<code>CUDA_ERROR_STUB_LIBRARY|UNKNOWN ERROR \(34\))"),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title="CUDA loaded the driver stub library instead of the real driver ({code})",
        fix=(
            "A toolkit's stubs/libcuda.so (only meant for linking) is found before the driver's"
            " libcuda.so.1: remove .../cuda/lib64/stubs from LD_LIBRARY_PATH. Without an NVIDIA"
            " driver on the machine there is no GPU to use."
        ),
        source="https://github.com/cms-sw/cmssw/issues/42657",
    ),
    Signature(
        name="driver-insufficient",
        needles=("nsufficient", "NSUFFICIENT"),
        pattern=_re(
            r"(?P<what>CUDA driver version is insufficient for CUDA runtime version"
            r"|cudaErrorInsufficientDriver|CUDA_ERROR_INSUFFICIENT_DRIVER)"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="The NVIDIA driver is older than the CUDA runtime TensorFlow loads",
        fix=(
            "Update the NVIDIA driver to one that supports the CUDA version of this TensorFlow"
            " build (nvidia-smi shows the highest CUDA version the driver supports), or install a"
            " TensorFlow built for an older CUDA. `tfgpu-setup plan` picks a TensorFlow that fits"
            " the driver."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/31319",
    ),
    Signature(
        # The CUDA runtime's cudaErrorInitializationError, as TF 2.x on Windows words it.
        name="cudart-initialization-error",
        needles=("Status: initialization error",),
        pattern=_re(r"cudaGetDevice\(\) failed\. Status: initialization error"),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The CUDA runtime could not initialise the driver: the driver is older than the CUDA"
            " this TensorFlow (or the application's bundled CUDA) needs, or broken"
        ),
        fix=(
            "Update the NVIDIA driver to one that supports this CUDA (nvidia-smi shows the"
            " highest CUDA a driver supports), then reboot; or use a build made for an older"
            " CUDA."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/5242",
    ),
    Signature(
        name="cuinit-compat-not-supported",
        needles=("cuInit",),
        pattern=_re(
            CUINIT + r"(?P<code>CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE"
            r"|UNKNOWN ERROR \(804\))"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title="CUDA tried forward compatibility on a GPU that does not support it ({code})",
        fix=(
            "A newer libcuda (a CUDA forward-compatibility package, e.g. /usr/local/cuda/compat)"
            " is loaded on a GPU where only data-center cards support it. Remove it from the"
            " loader path and update the host driver instead, or use a CUDA the driver supports."
        ),
        source=CUDA_ERROR_CODES_URL,
        explained_by=frozenset({"driver-library-mismatch"}),
    ),
    Signature(
        name="cuinit-system-not-ready",
        needles=("cuInit",),
        pattern=_re(CUINIT + r"(?P<code>CUDA_ERROR_SYSTEM_NOT_READY|UNKNOWN ERROR \(802\))"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="CUDA reports the system is not ready ({code})",
        fix=(
            "On NVSwitch systems (HGX/DGX) the NVIDIA Fabric Manager must run with the same version"
            " as the driver: systemctl enable --now nvidia-fabricmanager."
        ),
        source=CUDA_ERROR_CODES_URL,
    ),
    Signature(
        name="cuinit-driver-init",
        needles=("cuInit",),
        pattern=_re(
            CUINIT + r"(?P<code>CUDA_ERROR_UNKNOWN|CUDA_ERROR_NOT_INITIALIZED"
            r"|CUDA_ERROR_SHARED_OBJECT_INIT_FAILED|CUDA_ERROR_OPERATING_SYSTEM"
            r"|CUDA_ERROR_INVALID_VALUE|UNKNOWN ERROR \((?:999|303|304|3|-1)\)|CUresult\(-1\))"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="CUDA could not initialise the driver (cuInit failed with {code})",
        fix=_CUINIT_DRIVER_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/32623",
        explained_by=frozenset(
            {
                "no-nvidia-gpu",
                "driver-library-mismatch",
                "container-gpu-not-exposed",
                "ld-library-path-shadows",  # a stub libcuda loaded instead of the driver's
            }
        ),
    ),
    Signature(
        name="cuinit-invalid-device",
        needles=("cuInit",),
        pattern=_re(CUINIT + r"(?P<code>CUDA_ERROR_INVALID_DEVICE|UNKNOWN ERROR \(101\))"),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=(
            "CUDA rejected the device list before any GPU was used (cuInit: {code}):"
            " CUDA_VISIBLE_DEVICES names a device twice or one that does not exist"
        ),
        fix=(
            'Check `echo "$CUDA_VISIBLE_DEVICES"` and what sets it (the code, a launcher such as'
            " Ray or SLURM): each entry must be a distinct index or UUID that 'nvidia-smi -L'"
            " lists ('0,0' or an index past the last GPU is invalid). Unset it to use every GPU."
        ),
        source="https://github.com/ray-project/ray/issues/14542",
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        name="cuinit-no-device",
        needles=("cuInit",),
        pattern=_re(CUINIT + r"CUDA_ERROR_NO_DEVICE"),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=(
            "CUDA found no GPU (cuInit: CUDA_ERROR_NO_DEVICE) although the driver library loaded:"
            " the GPUs are hidden from this process"
        ),
        fix=(
            'Check `echo "$CUDA_VISIBLE_DEVICES"` and any os.environ["CUDA_VISIBLE_DEVICES"] in'
            " the code: an empty value, -1 or an index the machine does not have hides every GPU."
            " Unset it, or set it to indices or UUIDs from nvidia-smi -L. Under a batch scheduler"
            " (SLURM: --gres=gpu:1), Ray or a container, the job must be given the GPU. If"
            " nvidia-smi lists no GPU either, the machine has none."
        ),
        source=CUDA_ENV_VARS_URL,
        explained_by=DRIVER_ROOTS - {"cuda-visible-devices-hides-gpus"},
    ),
    Signature(
        name="glibc-version-not-found",
        needles=("GLIBC_",),
        pattern=_re(r"version [`'\"]?GLIBC_(?P<glibc>\d+\.\d+)[`'\"]? not found"),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title="This TensorFlow needs glibc {glibc}, newer than the system's",
        fix=(
            "Use a TensorFlow release built for this glibc ('tfgpu-setup plan --glibc X.Y' picks"
            " one), or a newer Linux distribution or container image."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/1324",
        subject="{glibc}",
    ),
    Signature(
        name="pip-no-matching-distribution",
        needles=("No matching distribution found for", "satisfies the requirement"),
        pattern=_re(
            r"(?:No matching distribution found for|Could not find a version that satisfies the"
            r" requirement) (?P<package>(?:tensorflow|tf-nightly|intel-tensorflow)[\w.-]*)"
            r"(?:\[[\w,-]{1,40}\])?(?:==(?P<requested>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?))?"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip found no {package} wheel for this Python and platform: the Python version (or a"
            " 32-bit Python) is not one TensorFlow publishes wheels for"
        ),
        fix=(
            "Install a 64-bit Python that the TensorFlow release supports (see 'tfgpu-setup matrix"
            " show') and create the environment with it; 'tfgpu-setup plan --python X.Y' checks a"
            " version first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/79349",
        subject="{package}",
    ),
    Signature(
        # uv's resolver: 'Because tensorflow==2.10.1 has no wheels with a matching Python ABI
        # tag', 'all versions of tensorflow have no wheels ...', older uv's 'is unusable because
        # no wheels are available', and uv sync's 'can't be installed because it doesn't have a
        # source distribution or wheel for the current platform'.
        name="uv-no-matching-wheel",
        needles=("no wheels with a matching", "no wheels are available", "wheel for the current"),
        pattern=_re(
            r"(?P<package>(?:tensorflow|tf-nightly|intel-tensorflow)[\w-]{0,20})"
            r"(?:==(?P<requested>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?))?(?: @ \S{1,200})?`?"
            r"(?: has| have)?"
            r"(?: no wheels with a matching| is unusable because no wheels are available with a"
            r" matching| can't be installed because it doesn't have a source distribution or wheel"
            r" for the current platform)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "uv found no {package} wheel for this Python and platform: the Python version is not"
            " one that release publishes wheels for"
        ),
        fix=(
            "Create the environment with a Python the release supports ('uv venv --python 3.X',"
            " the versions uv's hint lists), or pick a release built for this Python;"
            " 'tfgpu-setup plan --python X.Y' checks a version first."
        ),
        source="https://github.com/coonwg1/ezscore/issues/1",
        subject="{package}",
    ),
    Signature(
        name="uv-python-out-of-range",
        needles=("does not satisfy Python",),
        pattern=_re(
            r"current Python version \((?P<python>\d\.\d{1,2}(?:\.\d{1,2})?)\) does not satisfy"
            r" Python(?P<range>[<>=!~][^ \n]{0,40}) and (?P<package>(?:tensorflow|tf-nightly)"
            r"[\w-]{0,20})"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title="{package} needs Python {range}; this environment's Python is {python}",
        fix=(
            "Create the environment with a Python in that range ('uv venv --python 3.X'), or"
            " pick a release built for this Python; 'tfgpu-setup plan --python X.Y' checks one."
        ),
        source="https://github.com/astral-sh/uv/issues/13262",
        subject="{package}",
    ),
    Signature(
        # Poetry: the project allows Pythons TensorFlow has no wheels for.
        name="poetry-python-range",
        needles=("so it will not be satisfied for Python", "installation candidates for"),
        pattern=_re(
            r"(?:Unable to find installation candidates for"
            r" (?P<candidate>(?:tensorflow|tf-nightly)[\w-]{0,30})"
            r"|(?P<package>(?:tensorflow|tf-nightly)[\w-]{0,30}) requires Python [^\n]{0,60}?,"
            r" so it will not be satisfied for Python)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "Poetry finds no TensorFlow wheel for every Python the project allows (or for this"
            " Python and platform)"
        ),
        fix=(
            "Narrow the project's python requirement in pyproject.toml to the versions the"
            " release supports (e.g. python = '>=3.10,<3.13'); where a dependency such as"
            " tensorflow-io-gcs-filesystem has no wheel for this platform at all, pin a version"
            " that has one or use pip; 'tfgpu-setup matrix show' lists the supported Pythons."
        ),
        source="https://github.com/python-poetry/poetry/issues/8764",
    ),
    Signature(
        # conda-forge's CUDA builds of TensorFlow depend on the __cuda virtual package, which
        # conda sets from the driver it detects.
        name="conda-no-cuda-driver",
        needles=("__cuda",),
        pattern=_re(
            r"nothing provides (?:requested )?__cuda\b[^\n]{0,40}? needed by tensorflow"
            r"|tensorflow[\w.=-]{0,80} requires __cuda"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "conda sees no NVIDIA driver (the __cuda virtual package), so it cannot install"
            " TensorFlow's CUDA build"
        ),
        fix=(
            "Install the NVIDIA driver and check it with nvidia-smi ('conda info' then lists"
            " __cuda); where conda cannot see a driver that is there (building an image), set"
            " CONDA_OVERRIDE_CUDA to the CUDA version the driver supports."
        ),
        source="https://conda-forge.org/docs/user/cuda/",
    ),
    Signature(
        name="pip-wheel-unsupported",
        needles=("is not a supported wheel on this platform",),
        pattern=_re(
            r"(?P<wheel>(?:tensorflow|tf_nightly|intel_tensorflow)[\w.-]{0,120}\.whl) is not a"
            r" supported wheel on this platform"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip refuses {wheel}: it is built for another Python version, operating system or"
            " CPU architecture"
        ),
        fix=(
            "Download the wheel whose cpXY tag is this Python's version and whose platform tag"
            " matches (64-bit), or install from PyPI with a supported Python; 'tfgpu-setup plan"
            " --python X.Y' checks a version first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/9722",
        subject="{wheel}",
    ),
    Signature(
        name="conda-python-incompatible",
        needles=("-> python[version=",),
        pattern=_re(
            r"-\s*(?P<package>tensorflow[\w-]{0,30})(?:[=<>][\w.*=<>,]{0,40})?\s*->"
            r"\s*python\[version="
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title="conda has no {package} build for this environment's Python",
        fix=(
            "Create the environment with a Python the package supports (the versions conda"
            " lists after 'python[version='), e.g. 'conda create -n tf python=3.X {package}'."
        ),
        source="https://github.com/srama2512/PONI/issues/5",
        subject="{package}",
    ),
    Signature(
        name="cuda-visible-devices-set-empty",
        needles=("CUDA_VISIBLE_DEVICES",),
        pattern=_re(
            r"CUDA_VISIBLE_DEVICES['\"]?\]?\s*=\s*(?P<value>['\"]?-1['\"]?|''|\"\""
            r"|['\"]?(?:none|NoDevFiles)['\"]?)(?=[\s;)]|$)"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title="CUDA_VISIBLE_DEVICES is set to {value}, which hides every GPU",
        fix=(
            "Remove that setting (in the code, the shell, the notebook's environment or the job"
            " script), or set it to the GPUs to use: indices or UUIDs from 'nvidia-smi -L'."
        ),
        source=CUDA_ENV_VARS_URL,
    ),
    Signature(
        name="no-module-tensorflow",
        needles=("No module named", "no module named"),
        pattern=_re(r"No module named '?tensorflow'?(?![\w.])", re.IGNORECASE),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="The Python that ran this has no TensorFlow installed",
        fix=(
            "Install TensorFlow into the interpreter that runs your code (check 'python -c \"import"
            " sys; print(sys.executable)\"' there, and in a notebook select the environment's"
            " kernel), or run 'tfgpu-setup apply' and activate its environment."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25558",
    ),
    Signature(
        name="import-driver-library-missing",
        needles=("libcuda.so",),
        pattern=_re(
            r"(?:(?:ImportError|OSError|NotFoundError)\b[^\n]{0,120}?:"
            r"|error while loading shared libraries:)"
            r" (?P<lib>libcuda\.so[.\d]*): cannot open shared object file"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the NVIDIA driver library {lib} is missing",
        fix=(
            "This TensorFlow GPU build needs the NVIDIA driver: install it (check with"
            " nvidia-smi); in a container, start it with '--gpus all'. Without a GPU, install the"
            " CPU build instead."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/34872",
    ),
    Signature(
        name="import-cuda-library-missing",
        needles=("cannot open shared object file",),
        pattern=_re(
            r"(?:ImportError|OSError|NotFoundError)\b[^\n]{0,120}?:"
            rf" (?P<lib>lib(?:{_CUDA_LIBS})\.so[.\d]*): cannot open shared object file"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the CUDA library {lib}{lib_version_note} is missing",
        fix=_LIBS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/17147",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="import-cudnn-library-missing",
        needles=("cannot open shared object file",),
        pattern=_re(
            r"(?:ImportError|OSError|NotFoundError)\b[^\n]{0,120}?:"
            r" (?P<lib>libcudnn\.so[.\d]*): cannot open shared object file"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the cuDNN library {lib}{lib_version_note} is missing",
        fix=(
            "Install cuDNN{lib_version_note} for this TensorFlow's CUDA version and put its lib"
            " folder on LD_LIBRARY_PATH, or install the TensorFlow release built for the cuDNN"
            " you have ('tfgpu-setup plan')."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/20271",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="windows-dll-load-failed",
        needles=("DLL load failed",),
        pattern=_re(r"ImportError: DLL load failed(?: while importing (?P<module>\w+))?"),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "TensorFlow's native library could not load on Windows: a DLL it depends on is missing"
        ),
        fix=(
            "With tensorflow-gpu before 2.1 the CUDA and cuDNN DLLs must be the exact versions"
            " the release was built with, with their bin folders on PATH. Otherwise install the"
            " Microsoft Visual C++ Redistributable (msvcp140_1.dll), and check that the CPU has"
            " AVX (TensorFlow's wheels need it)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/28420",
    ),
    Signature(
        name="windows-dll-not-found",
        needles=(".dll'",),
        # 'Could not find' from TF 1.5's self-check on, 'Could not load ... The GPU version'
        # before it (TF 1.3/1.4).
        pattern=_re(
            r"Could not (?:find|load) '(?P<lib>(?:cudart|cublas|cufft|curand|cusolver|cusparse)"
            r"64_\d+\.dll)'"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="The CUDA library {lib}{lib_version_note} could not be found on PATH",
        fix=_LIBS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/31018",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="windows-nvcuda-not-found",
        needles=("nvcuda.dll'",),
        pattern=_re(r"Could not (?:find|load) 'nvcuda\.dll'"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA driver's nvcuda.dll could not be found: no NVIDIA driver is installed",
        fix=(
            "Install the NVIDIA driver for the GPU (nvcuda.dll comes with it, not with CUDA) and"
            " check it with nvidia-smi."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/python/platform/self_check.py",
    ),
    Signature(
        name="cudnn-major-not-found",
        needles=("Could not find cuDNN",),
        pattern=_re(r"Could not find cuDNN (?P<major>\d{1,2})\b"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN {major} could not be found on PATH",
        fix=(
            "Install cuDNN {major} for the CUDA version of this TensorFlow and put its bin folder"
            " on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/13837",
        subject="cudnn{major}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cudnn-dll-not-found",
        needles=(".dll'",),
        pattern=_re(r"Could not find '(?P<lib>cudnn64_\d+\.dll)'"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="The cuDNN library {lib}{lib_version_note} could not be found on PATH",
        fix=(
            "Install cuDNN{lib_version_note} for the CUDA version of this TensorFlow and put its"
            " bin folder on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/22794",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    # --- Libraries: the CUDA runtime, its math libraries and cuDNN. ---
    Signature(
        name="cudnn-version-mismatch",
        needles=("DNN library",),
        pattern=_re(
            r"Loaded runtime CuDNN library: (?P<cudnn_loaded>\d{1,9}(?:\.\d{1,9})*)\b"
            r"(?: \(compatibility version [\d.]+\))? but source was compiled with:?"
            r" (?P<cudnn_compiled>\d{1,9}(?:\.\d{1,9})*)\b"
        ),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "cuDNN {cudnn_loaded} was loaded but this TensorFlow was built with cuDNN"
            " {cudnn_compiled}"
        ),
        fix=(
            "Make the loaded cuDNN at least the version TensorFlow was built with and of the same"
            " major version: with pip, install the nvidia-cudnn-cu1x version that"
            " 'tensorflow[and-cuda]' pins, and remove older cuDNN copies that load first (a system"
            " or conda cuDNN on LD_LIBRARY_PATH, or another framework's wheel)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60913",
        subject="{cudnn_loaded}/{cudnn_compiled}",
    ),
    Signature(
        name="dlopen-cudnn",
        needles=_DLOPEN_NEEDLES,
        pattern=_dlopen("cudnn"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="The cuDNN library {lib}{lib_version_note} could not be loaded{because}",
        fix=(
            "Install cuDNN{lib_version_note} for the CUDA version of this TensorFlow and put it on"
            " the loader path (pip: the nvidia-cudnn-cu1x wheel that 'tensorflow[and-cuda]' pins;"
            " system: the cuDNN package for your CUDA, then ldconfig)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60854",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cusolver-10-for-cuda-11-0",
        needles=("libcusolver.so.10",),
        pattern=_dlopen("cusolver(?=\\.so\\.10)"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="The CUDA library {lib}{lib_version_note} could not be loaded{because}",
        fix=_LIBS_FIX,
        source="https://github.com/kundajelab/chrombpnet/issues/49",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
        variants=(
            Variant(
                "cuda-version-mismatch",
                "TensorFlow 2.4 loads CUDA 11.0's {lib}, which CUDA 11.1 and later name"
                " libcusolver.so.11: the CUDA installed is not 11.0",
                "Install CUDA 11.0 beside the other one, or TensorFlow 2.5 or later (built for"
                " CUDA 11.2); 'tfgpu-setup plan' picks the release for the CUDA you have.",
                "https://github.com/kundajelab/chrombpnet/issues/49",
                tf_versions=SpecifierSet(">=2.4,<2.5"),
            ),
        ),
    ),
    Signature(
        name="dlopen-cuda-library",
        needles=_DLOPEN_NEEDLES,
        pattern=_dlopen(_CUDA_LIBS),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="The CUDA library {lib}{lib_version_note} could not be loaded{because}",
        fix=_LIBS_FIX,
        source="https://github.com/Kaggle/docker-python/issues/1164",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cudart-stub-not-found",
        needles=("Could not find cuda drivers on your machine",),
        pattern=_re(r"Could not find cuda drivers on your machine, GPU will not be used"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "The CUDA runtime (libcudart) was not found, so the GPU will not be used (the message"
            " says 'drivers' but comes from TensorFlow's CUDA runtime stub)"
        ),
        fix=(
            "Install the CUDA runtime libraries for this TensorFlow: with TensorFlow >= 2.14 on"
            " Linux, pip install 'tensorflow[and-cuda]' in the same environment; otherwise the CUDA"
            " toolkit version from TensorFlow's tested configurations, on LD_LIBRARY_PATH."
            " If this machine has no NVIDIA GPU, the message is expected."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/66750",
        subject="libcudart",
        demoted_by=DRIVER_ROOTS,
        variants=(
            Variant(
                finding_id="pip-cuda-libs-not-on-path",
                defect="tf-2.16.1-pip-libs-not-found",
                title=(
                    "This TensorFlow does not find the CUDA runtime (libcudart): its wheel does"
                    " not search the nvidia pip packages (a known defect of the release)"
                ),
                fix="{defect_workaround}",
                source="{defect_source}",
            ),
            Variant(
                finding_id="cuda-libs-not-found",
                tf_versions=SpecifierSet(">=2.14"),
                title=(
                    "The CUDA runtime (libcudart) was not found, so the GPU will not be used"
                    " (the message says 'drivers' but comes from TensorFlow's CUDA runtime stub)"
                ),
                fix=(
                    "Install the CUDA libraries as pip wheels next to TensorFlow:"
                    " pip install 'tensorflow[and-cuda]' in the same environment (a plain"
                    " 'pip install tensorflow' has no CUDA libraries). If this machine has no"
                    " NVIDIA GPU, the message is expected."
                ),
                source=TF_PIP_URL,
            ),
        ),
    ),
    Signature(
        # TF 2.0's cudart stub, when no cudart of its version loads (Windows: cudart64_100.dll).
        name="cudart-symbol-not-found",
        needles=("cudaGetErrorString symbol not found",),
        pattern=_re(r"cudaGetErrorString symbol not found"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "TensorFlow could not load the CUDA runtime it was built for (its cudart stub found"
            " no cudaGetErrorString)"
        ),
        fix=(
            "Install the CUDA version this TensorFlow was built with (TensorFlow 2.0: CUDA 10.0)"
            " and put its bin (Windows) or lib64 (Linux) folder on the search path; another CUDA"
            " version does not serve it."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/34354",
        subject="libcudart",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cannot-dlopen-gpu-libraries",
        needles=("Cannot dlopen some GPU",),
        pattern=_re(r"Cannot dlopen some GPU libraries"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load some GPU libraries and skipped registering the GPU",
        fix=(
            "Rerun with TF_CPP_MAX_VLOG_LEVEL=3 (recent TensorFlow only names the missing library"
            " at that log level), then install that library. With TensorFlow >= 2.14 on Linux:"
            " pip install 'tensorflow[and-cuda]' in the same environment."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/66987",
        explained_by=DRIVER_ROOTS | LIBRARY_IDS,
        variants=(
            Variant(
                finding_id="pip-cuda-libs-not-on-path",
                defect="tf-2.16.1-pip-libs-not-found",
                title=(
                    "This TensorFlow could not load the GPU libraries: its wheel does not search"
                    " the nvidia pip packages (a known defect of the release)"
                ),
                fix="{defect_workaround}",
                source="{defect_source}",
            ),
        ),
    ),
    Signature(
        name="cudnn-sublibrary-missing",
        needles=("Could not load library libcudnn",),
        pattern=_re(
            r"Could not load library (?P<lib>libcudnn\w*\.so[.\d]*)\. Error:"
            r" (?P=lib): cannot open shared object file"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN's {lib} cannot be found: cuDNN is missing or only partly on the loader path",
        fix=(
            "Install the cuDNN this TensorFlow was built with (with TensorFlow >= 2.14 on Linux:"
            " pip install 'tensorflow[and-cuda]') and make sure the folder holding all of cuDNN's"
            " libraries, not only libcudnn.so, is on the loader path."
        ),
        source="https://github.com/daswer123/xtts-finetune-webui/issues/31",
        subject="{lib}",
        explained_by=DRIVER_ROOTS,
    ),
    _cudnn_needs_cublas(
        12,
        other_cuda=11,
        tf_versions=">=2.5,<2.15",
        install=(
            "the cuDNN build for CUDA 11 (e.g. libcudnn8=8.x.x-1+cuda11.8, or the"
            " nvidia-cudnn-cu11 wheel), or a TensorFlow built for CUDA 12 (2.15 or later)"
        ),
        source="https://github.com/tensorflow/tensorflow/issues/61326",
    ),
    _cudnn_needs_cublas(
        11,
        other_cuda=12,
        tf_versions=">=2.15",
        install=(
            "the cuDNN build for CUDA 12 (the nvidia-cudnn-cu12 wheel that"
            " 'tensorflow[and-cuda]' pins), or a TensorFlow built for CUDA 11 (2.14 or earlier)"
        ),
        source="https://github.com/AlexeyAB/darknet/issues/8601",
    ),
    Signature(
        name="cudnn-needs-cuda-library",
        needles=("Could not load library libcudnn",),
        pattern=_re(
            r"Could not load library libcudnn\w*\.so[.\d]*\. Error:"
            rf" (?P<lib>lib(?:{_CUDA_LIBS})\.so[.\d]*): cannot open shared object file"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="cuDNN needs the CUDA library {lib}{lib_version_note}, which cannot be found",
        fix=_LIBS_FIX,
        source="https://github.com/AlexeyAB/darknet/issues/8601",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cudnn-zlib-missing",
        needles=("zlibwapi.dll",),
        pattern=_re(r"Could not (?:locate|load) (?P<lib>zlibwapi\.dll)"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN cannot run: the zlib library it needs on Windows ({lib}) is missing",
        fix=(
            "cuDNN 8.3 and later need zlibwapi.dll on Windows: install it as NVIDIA's cuDNN"
            " installation guide describes (zlib for Windows, its dll folder on PATH), or use"
            " cuDNN 8.1 with TensorFlow 2.10."
        ),
        source="https://docs.nvidia.com/deeplearning/cudnn/archives/cudnn-890/install-guide/index.html",
        subject="{lib}",
    ),
    Signature(
        name="unable-to-load-cudnn-dso",
        needles=("DSO",),
        pattern=_re(r"Unable to load cuDNN DSO"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load cuDNN",
        fix=(
            "Install the cuDNN version this TensorFlow was built with and put it on the loader"
            " path."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/5591",
        explained_by=DRIVER_ROOTS | frozenset({"cudnn-not-found"}),
    ),
    Signature(
        name="dnn-library-not-found",
        needles=("DNN library",),
        pattern=_re(r"DNN library (?P<what>is not found|initialization failed)"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN is not usable: DNN library {what}",
        fix=(
            "TensorFlow registered the GPU but could not load or initialise cuDNN: install the"
            " cuDNN version this TensorFlow was built with (pip: 'tensorflow[and-cuda]' pins it)"
            " and remove older copies that load first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/55468",
        explained_by=DRIVER_ROOTS
        | frozenset({"cudnn-not-found", "cudnn-version-mismatch", "gpu-out-of-memory"}),
    ),
    Signature(
        name="ld-library-path-empty-entry",
        needles=("LD_LIBRARY_PATH: ",),
        pattern=_re(r"LD_LIBRARY_PATH: (?P<value>(?=:|\S*::|\S*:(?:[\s;`]|$))[^\s;`]*)"),
        finding_id="ld-library-path-empty-entry",
        severity=Severity.WARNING,
        title="LD_LIBRARY_PATH has an empty entry: {value}",
        fix=(
            "An empty entry (a leading, trailing or doubled ':') makes the loader search the"
            " current directory. Build the value with ${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}."
        ),
        source="https://man7.org/linux/man-pages/man8/ld.so.8.html",
        subject="{value}",
    ),
    # --- The GPU's compute capability against the kernels in the TensorFlow build. ---
    Signature(
        name="min-compute-capability",
        needles=("The minimum required Cuda capability is",),
        pattern=_re(
            r"Ignoring (?:visible )?gpu device \((?:device: \d+, )?name: (?P<gpu>[^,]{1,255}),"
            r"[^)]{0,1024}\)"
            r" with Cuda compute capability (?P<cc>\d+\.\d+)\."
            r" The minimum required Cuda capability is (?P<min_cc>\d+\.\d+)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow ignores the {gpu} (compute capability {cc}): this build needs at least"
            " {min_cc}"
        ),
        fix=(
            "Install an older TensorFlow whose binaries still include compute capability {cc}"
            " (`tfgpu-setup plan` chooses one), or build TensorFlow from source for it."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25329",
        subject="{cc}",
    ),
    Signature(
        name="no-kernels-for-new-gpu",
        needles=("not built with CUDA kernel binaries",),
        pattern=_re(
            r"not built with CUDA kernel binaries compatible with compute capability"
            r" (?P<cc>[1-9]\d+\.\d+)\."
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "No TensorFlow kernels for compute capability {cc}: the PTX JIT fallback fails on"
            " this GPU generation (CUDA_ERROR_INVALID_PTX / INVALID_HANDLE)"
        ),
        fix=(
            "PyPI TensorFlow releases up to 2.21 ship kernels up to sm_90 only. Use NVIDIA's NGC"
            " TensorFlow container, or a TensorFlow built from source with CUDA >= 12.8 and this"
            " compute capability."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/97387",
        subject="{cc}",
    ),
    Signature(
        name="no-kernels-ptx-jit",
        needles=("not built with CUDA kernel binaries",),
        pattern=_re(
            r"not built with CUDA kernel binaries compatible with compute capability"
            r" (?P<cc>\d\.\d+)\."
        ),
        finding_id="compute-capability-ptx-jit",
        severity=Severity.WARNING,
        title=(
            "No native TensorFlow kernels for compute capability {cc}: they are JIT-compiled from"
            " PTX, which can take 30 minutes or more the first time"
        ),
        fix=(
            "Expected for GPUs newer than the TensorFlow build. Keep the JIT cache between runs"
            " (CUDA_CACHE_MAXSIZE=4294967296, CUDA_CACHE_PATH on a persistent disk), or install a"
            " TensorFlow release with native kernels for {cc}."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60739",
        subject="{cc}",
    ),
    Signature(
        name="invalid-ptx",
        needles=("_PTX",),
        pattern=_re(r"CUDA_ERROR_INVALID_PTX"),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The driver could not JIT-compile TensorFlow's PTX for this GPU"
            " (CUDA_ERROR_INVALID_PTX)"
        ),
        fix=(
            "The GPU is newer than this TensorFlow build (typically a Blackwell RTX 50xx or"
            " B-series GPU with a PyPI TensorFlow): use NVIDIA's NGC TensorFlow container or a"
            " TensorFlow built for this compute capability."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/101746",
        explained_by=frozenset({"compute-capability-unsupported", "ptxas-newer-than-driver"}),
    ),
    Signature(
        name="no-kernel-image",
        needles=("kernel image", "NO_BINARY_FOR_GPU", "ARCH_MISMATCH", "NoKernelImageForDevice"),
        pattern=_re(
            r"(?P<what>no kernel image is available for execution on the device"
            r"|device kernel image is invalid|CUDA_ERROR_NO_BINARY_FOR_GPU"
            r"|cudaErrorNoKernelImageForDevice|CUBLAS_STATUS_ARCH_MISMATCH"
            r"|CUDNN_STATUS_(?:NOT_SUPPORTED_)?ARCH_MISMATCH)"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.ERROR,
        title=(
            "The GPU cannot run this TensorFlow's kernels ({what}): its compute capability is not"
            " one the build includes"
        ),
        fix=(
            "Check the GPU's compute capability (nvidia-smi --query-gpu=name,compute_cap"
            " --format=csv) against the release ('tfgpu-setup matrix show'): an older GPU needs an"
            " older TensorFlow, a GPU newer than the build needs NVIDIA's NGC container or a"
            " source build. 'tfgpu-setup plan --gpu NAME' picks the release."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/42467",
    ),
    # --- PTX, ptxas and libdevice: the toolchain XLA and the PTX JIT use at run time. ---
    Signature(
        name="unsupported-ptx-version",
        needles=("_PTX", "unsupported toolchain"),
        pattern=_re(
            r"CUDA_ERROR_UNSUPPORTED_PTX_VERSION|the provided PTX was compiled with an unsupported"
            r" toolchain"
        ),
        finding_id="ptxas-newer-than-driver",
        severity=Severity.ERROR,
        title=(
            "The driver cannot load PTX from a newer CUDA toolchain"
            " (CUDA_ERROR_UNSUPPORTED_PTX_VERSION)"
        ),
        fix=(
            "Update the NVIDIA driver to one that supports the CUDA version this TensorFlow was"
            " built with (nvidia-smi shows the CUDA version the driver supports), or install a"
            " TensorFlow built with an older CUDA."
        ),
        source="https://github.com/CY-CHENYUE/ComfyUI-Molmo/issues/26",
    ),
    Signature(
        name="driver-older-than-ptxas",
        needles=("which is older than the",),
        pattern=_re(
            r"The NVIDIA driver's CUDA version is (?P<driver_cuda>\d+(?:\.\d+)*) which is older"
            r" than the (?:PTX compiler|ptxas CUDA) version \(?(?P<ptxas>\d+(?:\.\d+)*)"
        ),
        finding_id="ptxas-newer-than-driver",
        severity=Severity.WARNING,
        title=(
            "The driver supports CUDA {driver_cuda} but XLA's PTX compiler is {ptxas}: XLA"
            " compiles serially (slower)"
        ),
        fix=(
            "Update the NVIDIA driver to one supporting CUDA {ptxas} or later, or pin the"
            " nvidia-cuda-nvcc wheel (which provides ptxas) to the driver's CUDA version."
        ),
        source="https://github.com/conda-forge/tensorflow-feedstock/issues/417",
        subject="{driver_cuda}/{ptxas}",
    ),
    Signature(
        name="ptxas-too-old",
        needles=(
            "You are using ptxas",
            "ptxas does not support CC",
            "ptxas too old",
            "XLA requires ptxas version",
            "for option 'gpu-name'",
            "CUDA software stack is old",
        ),
        pattern=_re(
            r"You are using ptxas (?P<ptxas>\d+(?:\.\d+)*), which is older than"
            r"|ptxas does not support CC (?P<cc>\d+\.\d+)|ptxas\S* too old"
            r"|XLA requires ptxas version (?P<needed>\d+(?:\.\d+)*) or higher"
            # a ptxas from a CUDA that predates the GPU (tensorflow#46933: CUDA 11.0, sm_86)
            r"|Value 'sm_(?P<sm>\d{2,3}a?)' is not defined for option 'gpu-name'"
            r"|Your CUDA software stack is old"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title=(
            "XLA found a ptxas too old for this TensorFlow or GPU{ptxas_note}: it falls back to"
            " the driver, or may miscompile"
        ),
        fix=(
            "An old CUDA toolkit's bin folder comes first on PATH. Install the nvidia-cuda-nvcc"
            " wheel this TensorFlow pins (part of 'tensorflow[and-cuda]') and put its bin folder"
            " first on PATH, or remove the old CUDA from PATH; the activate script of"
            " 'tfgpu-setup apply' does this."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/62064",
    ),
    Signature(
        name="libdevice-not-found",
        needles=("libdevice",),
        pattern=_re(
            r"(?:libdevice not found at|libdevice is required by this HLO module but was not"
            r" found at) (?P<path>\S+)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="XLA failed: libdevice not found (looked for {path})",
        fix=(
            "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
            " 'tensorflow[and-cuda]'), or point XLA at a CUDA toolkit:"
            " XLA_FLAGS=--xla_gpu_cuda_data_dir=<dir containing nvvm/libdevice>."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/50670",
    ),
    Signature(
        name="libdevice-dir-missing",
        needles=("libdevice",),
        pattern=_re(r"Can't find libdevice directory (?P<path>\S+?)\.?(?:\s|$)"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="XLA cannot find the libdevice directory ({path}): XLA-compiled code may fail",
        fix=(
            "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
            " 'tensorflow[and-cuda]'), or set"
            " XLA_FLAGS=--xla_gpu_cuda_data_dir=<dir containing nvvm/libdevice>."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/58681",
    ),
    Signature(
        name="ptxas-not-found",
        needles=("ptxas", "PTX compilation provider"),
        # (?<!\S): \S* starts only where a word does (the same leftmost match), so a long word
        # is scanned once instead of once per character.
        pattern=_re(
            r"(?:(?<!\S)(?P<path>\S*ptxas) not found|No PTX compilation provider is available)"
        ),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title="XLA failed: no ptxas to compile PTX",
        fix=(
            "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
            " 'tensorflow[and-cuda]'), or put a CUDA toolkit's bin directory (with ptxas) on PATH."
        ),
        source="https://github.com/tensorflow/models/issues/9847",
    ),
    Signature(
        name="ptxas-not-invoked",
        needles=("ptxas",),
        pattern=_re(r"Couldn't invoke ptxas(?: --version)?"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="XLA could not run ptxas and falls back to the driver's PTX compiler",
        fix=(
            "Install the nvidia-cuda-nvcc wheel in the same environment (part of"
            " 'tensorflow[and-cuda]'), or put a CUDA toolkit's bin directory (with ptxas) on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/33375",
    ),
    Signature(
        # The redzone allocator's wording (TF 2.x): a CUDA *runtime* container image has no
        # ptxas, only the devel image does.
        name="ptxas-launch-failed",
        needles=("ptxas", "ptx compilation"),
        pattern=_re(r"Failed to launch ptxas|Relying on driver to perform ptx compilation"),
        finding_id="xla-toolchain-missing",
        severity=Severity.WARNING,
        title="ptxas could not be started, so the driver compiles the PTX instead",
        fix=(
            "Install ptxas where TensorFlow finds it: the nvidia-cuda-nvcc wheel in the same"
            " environment (part of 'tensorflow[and-cuda]'), the cuda-nvcc package (in a CUDA"
            " container, or use the -devel image), or a CUDA toolkit's bin directory on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/60737",
    ),
    # --- Registration: XLA_GPU without GPU is the old way of saying the libraries are missing. ---
    Signature(
        name="xla-gpu-without-gpu",
        needles=("XLA_GPU:",),
        pattern=_re(r"/device:XLA_GPU:(?P<index>\d+)"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "Only XLA_GPU devices exist, no GPU device: TensorFlow saw the GPU but could not load"
            " the CUDA/cuDNN libraries"
        ),
        fix=(
            "Find the library TensorFlow failed to load (the 'Could not load dynamic library'"
            " lines above, or rerun with TF_CPP_MAX_VLOG_LEVEL=3) and install the CUDA and cuDNN"
            " versions this TensorFlow was built with."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/32851",
        needs_no_gpu=True,
        explained_by=DRIVER_ROOTS | LIBRARY_IDS | frozenset({"compute-capability-unsupported"}),
    ),
    # --- Run time: memory and configuration. ---
    Signature(
        name="cublas-handle",
        needles=("cublas handle", "Failure to initialize cublas"),
        # TF 2.12+ writes the status in words and adds its own hint about OOM.
        pattern=_re(
            r"failed to create cublas handle: (?P<status>CUBLAS_STATUS_\w+|[a-z][a-z ]{0,60}[a-z])"
            r"|Failure to initialize cublas may be due to OOM"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="cuBLAS could not start{status_note}: usually the GPU memory is already taken",
        fix=(
            "Another process (or TensorFlow itself, which reserves nearly all GPU memory by"
            " default) holds the memory: check nvidia-smi, stop other GPU processes, and enable"
            " memory growth (tf.config.experimental.set_memory_growth(gpu, True) or"
            " TF_FORCE_GPU_ALLOW_GROWTH=true)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/9489",
        explained_by=frozenset(
            {"driver-too-old", "cuda-libs-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        # What the op says once cuBLAS could not start (TF 2.x eager).
        name="blas-unavailable",
        needles=("without BLAS support",),
        pattern=_re(
            r"[Aa]ttempting to perform BLAS operation using StreamExecutor without BLAS support"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="cuBLAS could not start: usually the GPU memory is already taken",
        fix=(
            "Another process (or another TensorFlow, which reserves nearly all GPU memory by"
            " default) holds the memory: check nvidia-smi, stop other GPU processes, and enable"
            " memory growth (tf.config.experimental.set_memory_growth(gpu, True) or"
            " TF_FORCE_GPU_ALLOW_GROWTH=true)."
        ),
        source="https://github.com/YoujiaZhang/AlphaGo-Zero-Gobang/issues/8",
        explained_by=frozenset(
            {"driver-too-old", "cuda-libs-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        name="blas-launch-failed",
        needles=("launch failed",),
        pattern=_re(r"Blas (?P<op>\w{1,40}) launch failed"),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "cuBLAS could not run ({op} launch failed): usually another process or notebook"
            " session holds the GPU memory"
        ),
        fix=(
            "Close other Python processes and notebook kernels using the GPU (nvidia-smi lists"
            " them), restart the kernel, and enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so one session does not take all of it."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/11812",
        explained_by=frozenset(
            {"driver-too-old", "cuda-libs-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        name="cudnn-handle",
        needles=("cudnn handle", "cuDNN failed to initialize"),
        pattern=_re(
            r"Could not create cudnn handle: (?P<status>CUDNN_STATUS_\w+)"
            r"|(?P<conv>Failed to get convolution algorithm)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="cuDNN could not start ({status}{conv}): usually the GPU memory is already taken",
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true) and stop other GPU processes;"
            " if that does not help, check that the loaded cuDNN matches this TensorFlow."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45423",
        explained_by=frozenset({"cudnn-version-mismatch", "cudnn-not-found"}),
    ),
    Signature(
        name="cuda-out-of-memory",
        needles=("OUT_OF_MEMORY",),
        pattern=_re(
            r"failed to allocate (?P<size>[\d.]{1,32}[KMGT]?i?B?)[^:]{0,255}:"
            r" CUDA_ERROR_OUT_OF_MEMORY"
            r"|CUDA_ERROR_OUT_OF_MEMORY"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title="A GPU memory allocation failed (CUDA_ERROR_OUT_OF_MEMORY)",
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true), stop other processes using the"
            " GPU (nvidia-smi), or reduce the batch size."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/30912",
    ),
    Signature(
        name="tf-oom-when-allocating",
        needles=(
            "OOM when allocating",
            "ran out of memory trying to allocate",
            "report_tensor_allocations_upon_oom",
            "Dst tensor is not initialized",
        ),
        pattern=_re(
            r"OOM when allocating tensor(?: with shape\s?\[?(?P<shape>[\d,\s]{0,80})\]?)?"
            r"|ran out of memory trying to allocate (?P<size>[\d.]+\s?[KMGT]?i?B)"
            r"(?!.{0,200}this is not a failure)"
            r"|(?P<hint>report_tensor_allocations_upon_oom)"
            r"|(?P<dst>Dst tensor is not initialized)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title="The model ran out of GPU memory (the GPU is used, but the work does not fit)",
        fix=(
            "Reduce the batch size (or the input size), enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so TensorFlow does not hold all memory, and stop"
            " other processes on the GPU (nvidia-smi)."
        ),
        source="https://github.com/deezer/spleeter/issues/162",
    ),
    Signature(
        name="device-config-after-init",
        needles=("cannot be modified after being initialized",),
        pattern=_re(
            r"(?P<what>Visible|Physical|Virtual|Logical) devices cannot be modified after being"
            r" initialized"
        ),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title="{what} devices were configured after TensorFlow had initialised the GPUs",
        fix=(
            "Call tf.config.set_visible_devices / set_memory_growth /"
            " set_logical_device_configuration before anything touches the GPU (creating a"
            " tensor, building a model), or set"
            " CUDA_VISIBLE_DEVICES before the process starts. In subprocesses (data loaders,"
            " multiprocessing), configure the devices at the start of each worker."
        ),
        source="https://github.com/huggingface/datasets/issues/6948",
    ),
    # --- Harmless lines that look alarming. They must never raise an alarm on their own. ---
    Signature(
        name="numa-node-negative",
        needles=("NUMA",),
        pattern=_re(r"successful NUMA node read from SysFS had negative value"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the kernel does not report the GPU's NUMA node, TensorFlow uses node 0",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/58428",
        subject="numa",
    ),
    Signature(
        name="numa-node-unreadable",
        needles=("NUMA",),
        pattern=_re(
            r"could not open file to read NUMA node|Your kernel may have been built without NUMA"
            r" support|Could not identify NUMA node"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: the GPU's NUMA node cannot be read (common on WSL2), TensorFlow uses node 0"
        ),
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/1563",
        subject="numa",
    ),
    Signature(
        name="factory-already-registered",
        needles=("register factory", "placer already"),
        pattern=_re(
            r"Unable to register (?P<plugin>cuDNN|cuFFT|cuBLAS) factory: Attempting to register"
            r" factory for plugin|(?P<placer>computation placer already registered)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a CUDA plugin was registered twice at import (TensorFlow 2.14 and later)",
        fix="Nothing to do: these lines are printed even when the GPU works.",
        source="https://github.com/tensorflow/tensorflow/issues/62075",
        subject="factory",
    ),
    Signature(
        name="tensorrt-missing",
        needles=("TensorRT", "dynamic library", "dlopen library"),
        pattern=_re(
            r"TF-TRT Warning: Could not find TensorRT|Cannot dlopen some TensorRT libraries"
            r"|Could not (?:load dynamic|dlopen) library '(?P<lib>libnvinfer[^']*)'"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: TensorRT is not installed (it is optional; TensorFlow uses the GPU"
            " without it)"
        ),
        fix="Nothing to do unless you use TF-TRT.",
        source="https://github.com/tensorflow/tensorflow/issues/37689",
        subject="tensorrt",
    ),
    Signature(
        name="allocator-not-a-failure",
        needles=("this is not a failure",),
        pattern=_re(r"ran out of memory trying to allocate .{0,200}this is not a failure"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: the GPU allocator retried a large allocation; TensorFlow says this is not a"
            " failure"
        ),
        fix="Nothing to do while training runs; a smaller batch size avoids the retries.",
        source="https://github.com/tensorpack/tensorpack/issues/1303",
        subject="allocator",
    ),
    Signature(
        # TF 1.x's session log (and log_device_placement): read with the rest of the log in
        # evidence.py, since only the absence of any CUDA line makes it telling.
        name="device-mapping-empty",
        needles=("no known devices",),
        pattern=_re(r"Device mapping: no known devices"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow registered no GPU device",
        fix="",
        source="https://github.com/google-deepmind/dnc/issues/5",
    ),
    Signature(
        name="cpu-feature-guard",
        needles=("TensorFlow binary", "wasn't compiled to use"),
        pattern=_re(
            r"This TensorFlow binary is optimized|CPU supports instructions that this"
            r" TensorFlow binary was not compiled to use|The TensorFlow library wasn't compiled to"
            r" use"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a note about CPU instructions (AVX, FMA); it says nothing about the GPU",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/60503",
        subject="cpu-feature-guard",
    ),
    Signature(
        name="onednn-notice",
        needles=("oneDNN custom operations are on",),
        pattern=_re(r"oneDNN custom operations are on"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: oneDNN CPU optimisations are on (TF_ENABLE_ONEDNN_OPTS=0 turns them off)",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/66750",
        subject="onednn",
    ),
    Signature(
        name="absl-log-notice",
        needles=("before absl::InitializeLog() is called",),
        pattern=_re(
            r"All log messages before absl::InitializeLog\(\) is called are written to STDERR"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a note about where early log lines go",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/97387",
        subject="absl",
    ),
    Signature(
        name="xla-devices-not-created",
        needles=("Not creating XLA devices",),
        pattern=_re(r"Not creating XLA devices, tf_xla_enable_xla_devices not set"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the legacy XLA_GPU/XLA_CPU devices are off by default since 2.4",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/44683",
        subject="xla-devices",
    ),
    Signature(
        name="xla-notice",
        needles=("TensorFloat-32", "Compiled cluster"),
        pattern=_re(
            r"TensorFloat-32 will be used for the matrix multiplication|Compiled cluster using XLA"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a one-time note from the GPU math or XLA compiler",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/58859",
        subject="xla-notice",
    ),
    # --- Positive evidence: no finding, but it tells what works. ---
    Signature(
        name="gpu-device-created",
        needles=("TensorFlow device", "Created device"),
        pattern=_re(
            r"Creat(?:ed|ing) (?:TensorFlow )?device \(?(?:/job:[^/\s]+/replica:\d+/task:\d+)?"
            r"/(?:device:GPU|gpu):(?P<index>\d+)(?:.{0,512}?name: (?P<gpu>[^,)]{1,255}))?"
            r"(?:.{0,512}?compute capability: (?P<cc>\d+\.\d+))?"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow created GPU device {index}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62170",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-visible-devices-added",
        needles=("Adding visible gpu devices:",),
        pattern=_re(r"Adding visible gpu devices: (?P<index>\d+)"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow added visible GPU {index}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/23773",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-count-printed",
        needles=("GPUs", "Default GPU Device:"),
        pattern=_re(
            r"(?:Num(?:ber of)? GPUs(?: Available)?|GPUs [Aa]vailable):?\s*(?P<count>[1-9]\d?)\b"
            r"|Default GPU Device: /device:GPU:\d"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="The script printed that TensorFlow sees a GPU",
        fix="",
        source="https://www.tensorflow.org/guide/gpu",
        proves_gpu=True,
    ),
    Signature(
        # Apple's tensorflow-metal plugin prints it when it takes the GPU (macOS, no CUDA).
        name="metal-device-set",
        needles=("Metal device set to",),
        pattern=_re(r"Metal device set to: (?P<name>Apple \w+(?: \w+)?)"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow uses the {name} GPU through the Metal plugin",
        fix="",
        source="https://developer.apple.com/metal/tensorflow-plugin/",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-physical-device-listed",
        needles=("/physical_device:GPU:", 'device_type: "GPU"'),
        pattern=_re(
            r"PhysicalDevice\(name='/physical_device:GPU:(?P<index>\d+)'|device_type: \"GPU\""
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow lists a GPU device",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/52144",
        proves_gpu=True,
    ),
    Signature(
        name="xla-gpu-stream-executor",
        needles=("StreamExecutor device (",),
        pattern=_re(
            r"StreamExecutor device \((?P<index>\d+)\): (?P<gpu>.{1,255}?), Compute Capability"
            r" (?P<cc>\d+\.\d+)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA initialised GPU {index}: {gpu} (compute capability {cc})",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/58859",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-allocator-named",
        needles=("_bfc",),
        pattern=_re(r"\b(?P<allocator>GPU_(?P<index>\d+)_bfc)\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow allocated memory on GPU {index} ({allocator})",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/43546",
        proves_gpu=True,
    ),
    Signature(
        name="cudnn-loaded",
        needles=("Loaded cuDNN version",),
        pattern=_re(r"Loaded cuDNN version (?P<cudnn_loaded>\d{1,9})\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="cuDNN {cudnn_loaded} loaded",
        fix="",
        source="https://github.com/wutzebaer/tensorflow-5090/issues/3",
        proves_gpu=True,  # cuDNN is loaded on first use: a GPU op ran
    ),
    Signature(
        name="xla-service-on-cuda",
        needles=("initialized for platform CUDA",),
        pattern=_re(r"XLA service 0x[0-9a-f]+ initialized for platform CUDA"),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA initialised its service on the CUDA platform",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62075",
        proves_gpu=True,
    ),
    Signature(
        name="driver-matches-kernel",
        needles=("DSO",),
        pattern=_re(r"kernel version seems to match DSO: (?P<version>\d+(?:\.\d+)*)"),
        finding_id=None,
        severity=Severity.INFO,
        title="The NVIDIA kernel module and libcuda agree: {version}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62494",
    ),
    Signature(
        name="tf-distribution-listed",
        needles=("tensorflow", "tf-nightly"),
        pattern=_re(
            r"(?:^|[\s>|`'\"])(?P<dist>tensorflow(?:[-_](?:gpu|cpu|intel|macos|aarch64|rocm))?"
            r"|tf[-_]nightly(?:[-_](?:gpu|cpu))?|intel[-_]tensorflow)"
            r"(?:==|-(?=\d)|\s+(?:version\s+)?|:\s*)v?(?P<version>[12]\.\d{1,2}(?:\.\d{1,2})?"
            r"(?:\.?(?:dev|rc|post)\d+)?)(?![\d.]*[/\\])"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="{dist} {version}",
        fix="",
        source="https://github.com/apple/turicreate/issues/3405",
    ),
    Signature(
        name="library-loaded",
        needles=_DLOPEN_NEEDLES,
        pattern=_re(
            r"(?:Successfully opened dynamic library|successfully opened CUDA library) (?P<lib>\S+)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TensorFlow loaded a CUDA library (an information line, not an error)",
        fix="Nothing to do; TF_CPP_MIN_LOG_LEVEL=1 hides these lines.",
        source="https://github.com/tensorflow/tensorflow/issues/47753",
        subject="library-loaded",
    ),
)
"""Every signature, most specific first within a finding id (the first one names the finding)."""

SIGNATURES: Mapping[str, Signature] = {s.name: s for s in CATALOGUE}
if len(SIGNATURES) != len(CATALOGUE):
    raise ValueError("duplicate signature names in the catalogue")
