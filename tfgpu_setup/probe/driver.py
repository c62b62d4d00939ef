"""The NVIDIA driver and its GPUs: NVML first, nvidia-smi for what NVML left open, then the
kernel module's own files.

NVML is asked first because its answers are stable across driver releases (nvidia-smi(1):
"both NVML and the Python bindings are backwards compatible, and should be the first choice").
nvidia-smi runs only for what NVML could not say, at most three times: `--query-gpu` for the
GPUs, the default table for the driver and CUDA versions, `-L` for MIG devices. The kernel
module files are read always: they are what a driver/library mismatch is measured against.
Nothing here raises; every source that fails leaves a Note, and absent values carry a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from packaging.version import InvalidVersion, Version

from ..doc_urls import WSL_GUIDE as WSL_DOCS
from ..facts import Driver, Gpu, MigDevice, Note
from ..host import Host
from . import reading
from .nvidia_smi import (
    KernelModule,
    ListedGpu,
    MigMode,
    SmiError,
    SmiFormatError,
    SmiHeader,
    SmiTableGpu,
    find_error,
    is_dotted_number,
    normalise_bus_id,
    number_in,
    parse_compute_capability,
    parse_list_gpus,
    parse_proc_driver_version,
    parse_query_csv,
    parse_sys_module_version,
    parse_table,
)

NVML = "nvml"
SMI = "nvidia-smi"
KERNEL = "kernel-module"
SMI_TIMEOUT_S = 15.0
"""nvidia-smi initialises every GPU when persistence mode is off: seconds on big machines."""
WSL_SMI = "/usr/lib/wsl/lib/nvidia-smi"
PROC_VERSION = "/proc/driver/nvidia/version"
SYS_VERSION = "/sys/module/nvidia/version"
QUERY_FIELDS = (
    "index",
    "name",
    "uuid",
    "pci.bus_id",
    "compute_cap",
    "memory.total",
    "mig.mode.current",
)
MIB = 1 << 20

_NVML_PHRASES = {
    "NVMLError_LibraryNotFound": "NVML library not found",
    "ImportError": "NVML's Python binding (nvidia-ml-py) is not installed",
    "NVMLError_DriverNotLoaded": "NVML says the NVIDIA kernel module is not loaded",
    "NVMLError_LibRmVersionMismatch": "NVML reports a driver/library version mismatch",
    "NVMLError_NoPermission": "NVML was denied permission",
    "timeout": "NVML did not answer in time",
}
_USER_SPACE_MISSING = ("NVMLError_LibraryNotFound", "ImportError")


@dataclass(frozen=True)
class DriverReport:
    driver: Driver
    gpus: tuple[Gpu, ...]
    gpus_reason: str | None
    """Why `gpus` is empty, in plain words; None when GPUs were found."""
    notes: tuple[Note, ...]


def probe_driver(host: Host) -> DriverReport:
    notes: list[Note] = []
    wsl = _is_wsl(host)
    nvml = _read_nvml(_nvml_snapshot(host), notes)
    smi = _ask_smi(host, nvml, wsl, notes)
    kernel = _read_kernel_module(host, wsl, notes)
    driver = _driver(nvml, smi, kernel, wsl, notes)
    gpus = _gpus(nvml, smi, notes)
    gpus_reason = None if gpus else _why_no_gpus(driver, nvml, smi)
    return DriverReport(driver, gpus, gpus_reason, tuple(notes))


# ---------------------------------------------------------------------------------------------
# WSL2


def _is_wsl(host: Host) -> bool:
    """WSL2 by its kernel name, its init's variable, or its GPU device (/dev/dxg)."""
    if not reading.is_linux(host):
        return False
    proc_version = (reading.read_text_or_none(host, "/proc/version") or "").lower()
    return (
        "microsoft" in proc_version
        or "wsl" in proc_version
        or bool(host.env.get("WSL_DISTRO_NAME"))
        or reading.exists(host, "/dev/dxg")
    )


# ---------------------------------------------------------------------------------------------
# NVML


@dataclass
class _Nvml:
    error: str | None = None
    message: str | None = None
    driver_version: str | None = None
    cuda_version: str | None = None
    gpus: list[Gpu] = field(default_factory=list)
    without_cc: set[int] = field(default_factory=set)
    """Indexes of GPUs whose compute capability NVML could not read."""
    without_mig_devices: set[int] = field(default_factory=set)
    """Indexes of MIG-enabled GPUs whose MIG devices NVML could not list."""

    @property
    def answered_devices(self) -> bool:
        return self.error is None


def _nvml_snapshot(host: Host) -> Mapping[str, Any]:
    try:
        snapshot = host.nvml()
    except Exception as exc:  # a Host must not raise, but a broken binding must not stop probe
        return {"error": type(exc).__name__, "message": str(exc)}
    return snapshot if isinstance(snapshot, Mapping) else {"error": "invalid", "message": ""}


def _read_nvml(snapshot: Mapping[str, Any], notes: list[Note]) -> _Nvml:
    if "error" in snapshot:
        error, message = str(snapshot["error"]), str(snapshot.get("message") or "")
        notes.append(Note(NVML, f"{message} ({error})" if message else error))
        return _Nvml(error=error, message=message)
    nvml = _Nvml()
    version = snapshot.get("driver_version")
    if isinstance(version, str) and is_dotted_number(version):
        nvml.driver_version = version
    elif version is not None:
        notes.append(Note(NVML, f"driver version unavailable: {_failure_text(version)}"))
    cuda = snapshot.get("cuda_driver_version")
    if isinstance(cuda, int) and cuda >= 1000:
        # NVML_CUDA_DRIVER_VERSION_MAJOR(v) = v / 1000, _MINOR(v) = (v % 1000) / 10
        nvml.cuda_version = f"{cuda // 1000}.{cuda % 1000 // 10}"
    elif cuda is not None:
        notes.append(Note(NVML, f"CUDA driver version unavailable: {_failure_text(cuda)}"))
    devices = snapshot.get("devices")
    for position, device in enumerate(devices if isinstance(devices, list) else []):
        if isinstance(device, Mapping):
            nvml.gpus.append(_nvml_gpu(position, device, nvml, notes))
    return nvml


def _nvml_gpu(position: int, device: Mapping[str, Any], nvml: _Nvml, notes: list[Note]) -> Gpu:
    index = device.get("index") if isinstance(device.get("index"), int) else position
    assert isinstance(index, int)
    name = device.get("name")
    if not isinstance(name, str) or not name:
        notes.append(Note(NVML, f"GPU {index}: name unavailable: {_failure_text(name)}"))
        name = f"GPU {index}"
    cc = device.get("cc")
    compute_capability = None
    cc_source = NVML
    if isinstance(cc, list) and len(cc) == 2 and all(isinstance(n, int) for n in cc) and cc[0] > 0:
        compute_capability = f"{cc[0]}.{cc[1]}"
    else:
        nvml.without_cc.add(index)
        cc_source = f"NVML could not read it: {_failure_text(cc)}"
    mig_mode = _nvml_mig_mode(device.get("mig_mode"))
    mig_devices = device.get("mig_devices")
    migs: tuple[MigDevice, ...] = ()
    if isinstance(mig_devices, list):
        migs = tuple(_nvml_mig(i, m) for i, m in enumerate(mig_devices) if isinstance(m, Mapping))
    elif mig_mode == "enabled":
        nvml.without_mig_devices.add(index)
        notes.append(
            Note(NVML, f"GPU {index}: MIG devices unavailable: {_failure_text(mig_devices)}")
        )
    memory = device.get("memory_total")
    return Gpu(
        index=index,
        name=name,
        uuid=_text_or_none(device.get("uuid")),
        pci_bus_id=_bus_or_none(device.get("pci_bus_id")),
        compute_capability=compute_capability,
        cc_source=cc_source,
        memory_total_mib=memory // MIB if isinstance(memory, int) else None,
        mig_mode=mig_mode,
        mig_devices=migs,
        source=NVML,
    )


def _nvml_mig_mode(value: Any) -> MigMode | None:
    if isinstance(value, list) and value and isinstance(value[0], int):
        return "enabled" if value[0] == 1 else "disabled"
    return None  # NVMLError_NotSupported: a GPU without MIG


def _nvml_mig(position: int, device: Mapping[str, Any]) -> MigDevice:
    index = device.get("index")
    memory = device.get("memory_total")
    return MigDevice(
        index=index if isinstance(index, int) else position,
        uuid=_text_or_none(device.get("uuid")),
        name=_text_or_none(device.get("name")),
        memory_total_mib=memory // MIB if isinstance(memory, int) else None,
    )


def _failure_text(value: Any) -> str:
    if isinstance(value, Mapping) and "error" in value:
        message = value.get("message")
        return f"{message} ({value['error']})" if message else str(value["error"])
    return "not in the NVML snapshot" if value is None else f"unexpected value {value!r}"


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _bus_or_none(value: Any) -> str | None:
    return normalise_bus_id(value) if isinstance(value, str) and value else None


# ---------------------------------------------------------------------------------------------
# nvidia-smi


@dataclass
class _Smi:
    path: str | None = None
    missing: str | None = None
    """Why nvidia-smi was not run although it was needed ('not on PATH')."""
    failure: str | None = None
    """The failure that stopped asking nvidia-smi (a timeout, an error it printed)."""
    error: SmiError | None = None
    header: SmiHeader | None = None
    query_gpus: list[Gpu] | None = None
    table_gpus: tuple[SmiTableGpu, ...] | None = None
    listed: tuple[ListedGpu, ...] | None = None
    cc_reason: str | None = None
    timed_out: bool = False


def _ask_smi(host: Host, nvml: _Nvml, wsl: bool, notes: list[Note]) -> _Smi:
    smi = _Smi()
    need_gpus = not nvml.answered_devices or bool(nvml.without_cc)
    need_versions = nvml.driver_version is None or nvml.cuda_version is None
    need_migs = bool(nvml.without_mig_devices)
    if not (need_gpus or need_versions or need_migs):
        return smi  # NVML answered everything: no subprocess at all
    smi.path = _find_smi(host, wsl, notes)
    if smi.path is None:
        smi.missing = "nvidia-smi not on PATH" + (f" nor at {WSL_SMI}" if wsl else "")
        notes.append(Note(SMI, smi.missing))
        return smi
    if need_gpus and not _query_gpus(host, smi, notes):
        return smi
    wants_table = need_versions or (need_gpus and smi.query_gpus is None)
    if wants_table and not _read_table(host, smi, notes):
        return smi
    modes = (
        [g.mig_mode for g in smi.query_gpus]
        if smi.query_gpus is not None
        else [g.mig_mode for g in smi.table_gpus or ()]
    )
    if need_migs or (need_gpus and not nvml.answered_devices and "enabled" in modes):
        _list_gpus(host, smi, notes)
    return smi


def _find_smi(host: Host, wsl: bool, notes: list[Note]) -> str | None:
    found = host.which(SMI)
    if found:
        return found
    if wsl and reading.exists(host, WSL_SMI):
        notes.append(Note(SMI, f"not on PATH; using {WSL_SMI}, where WSL2 provides it"))
        return WSL_SMI
    return None


def _run_smi(host: Host, smi: _Smi, args: list[str], notes: list[Note]) -> str | None:
    """stdout of a successful run; None after noting why there is none (smi.failure if fatal)."""
    assert smi.path is not None
    result = host.run([smi.path, *args], timeout=SMI_TIMEOUT_S)
    shown = " ".join(["nvidia-smi", *args])
    if result.error is not None:
        smi.timed_out = result.error == "timeout"
        smi.failure = _without_program(result.describe_failure())
        notes.append(Note(SMI, f"{shown}: {smi.failure}"))
        return None
    error = find_error(result.stdout + "\n" + result.stderr)
    if error is not None:
        notes.append(
            Note(
                SMI,
                f"{shown}: {error.message}"
                + (
                    f" (NVML library version {error.nvml_library_version})"
                    if error.nvml_library_version
                    else ""
                ),
            )
        )
        if error.kind == "invalid-field":
            return None
        smi.error, smi.failure = error, error.message
        return None
    if result.returncode != 0:
        smi.failure = _without_program(result.describe_failure())
        notes.append(Note(SMI, f"{shown}: {smi.failure}"))
        return None
    return result.stdout


def _without_program(failure: str) -> str:
    """'no answer within 15 s' from CommandResult's 'nvidia-smi: no answer within 15 s'."""
    return failure.split(": ", 1)[1] if ": " in failure else failure


def _query_gpus(host: Host, smi: _Smi, notes: list[Note]) -> bool:
    """Fill smi.query_gpus; False when nvidia-smi cannot be asked anything more."""
    args = [f"--query-gpu={','.join(QUERY_FIELDS)}", "--format=csv,noheader,nounits"]
    out = _run_smi(host, smi, args, notes)
    if out is None:
        if smi.failure is None:
            # An nvidia-smi older than the compute_cap field (R470 and before): the table, which
            # is read next anyway, gives the rest; the planner maps names to compute capability.
            smi.cc_reason = "this nvidia-smi does not know the compute_cap query field"
        return smi.failure is None
    try:
        rows = parse_query_csv(out, QUERY_FIELDS)
    except SmiFormatError as exc:
        notes.append(Note(SMI, f"--query-gpu output not understood: {exc}"))
        return True
    smi.query_gpus = [_query_gpu(position, row) for position, row in enumerate(rows)]
    return True


def _query_gpu(position: int, row: Mapping[str, str | None]) -> Gpu:
    index = number_in(row.get("index"))
    cc = parse_compute_capability(row.get("compute_cap"))
    return Gpu(
        index=position if index is None else index,
        name=row.get("name") or f"GPU {position}",
        uuid=row.get("uuid"),
        pci_bus_id=_bus_or_none(row.get("pci.bus_id")),
        compute_capability=cc,
        cc_source="nvidia-smi --query-gpu" if cc else "nvidia-smi printed no compute_cap",
        memory_total_mib=number_in(row.get("memory.total")),
        mig_mode=_mig_text(row.get("mig.mode.current")),
        source="nvidia-smi --query-gpu",
    )


def _mig_text(value: str | None) -> MigMode | None:
    lowered = (value or "").lower()
    return "enabled" if lowered == "enabled" else "disabled" if lowered == "disabled" else None


def _read_table(host: Host, smi: _Smi, notes: list[Note]) -> bool:
    out = _run_smi(host, smi, [], notes)
    if out is None:
        return smi.failure is None
    try:
        table = parse_table(out)
    except SmiFormatError as exc:
        notes.append(Note(SMI, f"table not understood: {exc}"))
        return True
    smi.header, smi.table_gpus = table.header, table.gpus
    return True


def _list_gpus(host: Host, smi: _Smi, notes: list[Note]) -> None:
    out = _run_smi(host, smi, ["-L"], notes)
    if out is None:
        return
    try:
        smi.listed = parse_list_gpus(out)
    except SmiFormatError as exc:
        notes.append(Note(SMI, f"-L output not understood: {exc}"))


# ---------------------------------------------------------------------------------------------
# Kernel module files


def _read_kernel_module(host: Host, wsl: bool, notes: list[Note]) -> KernelModule | None:
    proc_text, proc_why = reading.read_text(host, PROC_VERSION)
    sys_text, sys_why = reading.read_text(host, SYS_VERSION)
    module: KernelModule | None = None
    if proc_text is not None:
        try:
            module = parse_proc_driver_version(proc_text)
        except SmiFormatError as exc:
            notes.append(Note(KERNEL, f"{PROC_VERSION} not understood: {exc}"))
    sys_version = None
    if sys_text is not None:
        try:
            sys_version = parse_sys_module_version(sys_text)
        except SmiFormatError as exc:
            notes.append(Note(KERNEL, f"{SYS_VERSION} not understood: {exc}"))
    if module and sys_version and not _same_release(module.version, sys_version):
        notes.append(
            Note(
                KERNEL, f"{PROC_VERSION} says {module.version} but {SYS_VERSION} says {sys_version}"
            )
        )
    if module is None and sys_version is not None:
        module = KernelModule(sys_version, None, None)
    if module is not None and wsl:
        notes.append(
            Note(
                KERNEL,
                f"a Linux NVIDIA kernel module ({module.version}) is loaded "
                "inside WSL2, where the GPU comes from the Windows driver; "
                f"NVIDIA says not to install a Linux driver there ({WSL_DOCS})",
            )
        )
    if module is None and not wsl and proc_text is None and sys_text is None:
        notes.append(Note(KERNEL, f"{PROC_VERSION}: {proc_why}; {SYS_VERSION}: {sys_why}"))
    return module


# ---------------------------------------------------------------------------------------------
# Putting the sources together


def _driver(
    nvml: _Nvml, smi: _Smi, kernel: KernelModule | None, wsl: bool, notes: list[Note]
) -> Driver:
    header = smi.header
    smi_version = header.driver_version if header else None
    if nvml.driver_version and smi_version and nvml.driver_version != smi_version:
        notes.append(
            Note(
                SMI,
                f"reports driver {smi_version} while NVML reports "
                f"{nvml.driver_version}; using NVML's",
            )
        )
    if header and header.tool_version and smi_version and header.tool_version != smi_version:
        notes.append(Note(SMI, _tool_version_note(header.tool_version, smi_version, wsl)))
    cuda_version = nvml.cuda_version or (header.cuda_version if header else None)
    if cuda_version is None and header is not None:
        notes.append(Note(SMI, _cuda_header_note(header)))
    library_version, source = _library_version(nvml, smi)
    mismatch = nvml.error == "NVMLError_LibRmVersionMismatch" or (
        smi.error is not None and smi.error.kind == "driver-library-mismatch"
    )
    kernel_version = kernel.version if kernel else None
    differs = bool(kernel_version and library_version and not wsl) and not _same_release(
        kernel_version or "", library_version or ""
    )
    if differs and not mismatch:
        notes.append(
            Note(
                KERNEL,
                f"the loaded kernel module is {kernel_version} but the "
                f"user-space driver is {library_version}",
            )
        )
    mismatch = mismatch or differs
    return Driver(
        version=library_version,
        cuda_version=cuda_version,
        source=source,
        reason=None if library_version else _why_no_driver(nvml, smi, kernel, wsl),
        kernel_module_version=kernel_version,
        library_version=library_version,
        mismatch=mismatch,
        windows_numbering=wsl and library_version is not None,
        kernel_module_flavor=kernel.flavor if kernel else None,
    )


def _library_version(nvml: _Nvml, smi: _Smi) -> tuple[str | None, str]:
    if nvml.driver_version:
        return nvml.driver_version, NVML
    if smi.header and smi.header.driver_version:
        return smi.header.driver_version, SMI
    if smi.error and smi.error.nvml_library_version:
        return smi.error.nvml_library_version, "nvidia-smi (NVML library version)"
    return None, "none"


def _tool_version_note(tool: str, driver: str, wsl: bool) -> str:
    if wsl:
        return (
            f"nvidia-smi {tool} is the Linux build shipped with the Windows driver; "
            f"{driver} is the Windows driver's own number"
        )
    return (
        f"nvidia-smi is version {tool} but the driver is {driver}: this nvidia-smi comes "
        "from another driver release (bundled by a snap or a container image?), so it "
        "may not know newer fields"
    )


def _cuda_header_note(header: SmiHeader) -> str:
    if header.cuda_version_text is None:
        return (
            "the table has no 'CUDA Version' field (nvidia-smi added it around R410), "
            "so the highest CUDA version the driver supports is unknown"
        )
    return (
        f"the table says 'CUDA Version: {header.cuda_version_text}', not a version; "
        "on WSL2 this happens with some Windows drivers "
        "(https://github.com/microsoft/WSL/issues/11589)"
    )


def _same_release(a: str, b: str) -> bool:
    """Equal versions; a two-part one ('550.144', as nvidia-smi prints NVML's) is a prefix."""
    try:
        left, right = Version(a).release, Version(b).release
    except InvalidVersion:
        return a == b
    shorter = min(len(left), len(right))
    if shorter == 2:
        return left[:2] == right[:2]
    return left == right


def _why_no_driver(nvml: _Nvml, smi: _Smi, kernel: KernelModule | None, wsl: bool) -> str:
    nvml_said = (
        _NVML_PHRASES.get(nvml.error, f"NVML failed ({nvml.error})")
        if nvml.error
        else "NVML gave no driver version"
    )
    smi_said = smi.missing or (
        f"nvidia-smi: {smi.failure}" if smi.failure else "nvidia-smi gave no driver version"
    )
    kernel_said = (
        f"the kernel module {kernel.version} is loaded" if kernel else f"{PROC_VERSION} absent"
    )
    said = " and ".join((nvml_said, smi_said, kernel_said))
    user_space_missing = nvml.error in _USER_SPACE_MISSING and smi.path is None
    unreachable = nvml.error == "NVMLError_DriverNotLoaded" or (
        smi.error is not None and smi.error.kind == "driver-unreachable"
    )
    if nvml.error == "NVMLError_LibRmVersionMismatch" or (
        smi.error is not None and smi.error.kind == "driver-library-mismatch"
    ):
        conclusion = (
            "the driver's user-space library and its loaded kernel module are "
            "different versions: reboot, or reload the nvidia kernel modules"
        )
    elif nvml.error == "timeout" and (smi.path is None or smi.timed_out):
        conclusion = (
            "the driver did not answer in time and may be hung; look for 'Xid' "
            "errors in the kernel log (dmesg)"
        )
    elif user_space_missing and kernel is None:
        conclusion = (
            "no NVIDIA driver is reachable from WSL2: install or update the NVIDIA driver on "
            f"Windows, not inside Linux ({WSL_DOCS})"
            if wsl
            else "no NVIDIA driver is installed"
        )
    elif kernel is not None and (user_space_missing or unreachable):
        conclusion = (
            "the kernel module is loaded but its devices or libraries are not "
            "reachable here: in a container, start it with GPU access (for example "
            "'docker run --gpus all'); otherwise install the driver's utilities"
        )
    elif unreachable:
        conclusion = (
            "WSL2 cannot reach the Windows NVIDIA driver: update the Windows driver and WSL "
            f"('wsl --update') ({WSL_DOCS})"
            if wsl
            else "the driver's user-space part is installed but its kernel module is not "
            "loaded: reboot; if that does not help, check that the module is built for "
            "this kernel (dkms status) and allowed by Secure Boot"
        )
    else:
        conclusion = "the driver version could not be read"
    return f"{said}: {conclusion}"


def _gpus(nvml: _Nvml, smi: _Smi, notes: list[Note]) -> tuple[Gpu, ...]:
    if nvml.answered_devices:
        gpus = [_with_smi_cc(gpu, nvml, smi, notes) for gpu in nvml.gpus]
        if smi.query_gpus is not None and len(smi.query_gpus) != len(nvml.gpus):
            notes.append(
                Note(
                    SMI,
                    f"lists {len(smi.query_gpus)} GPUs where NVML lists "
                    f"{len(nvml.gpus)}; using NVML's",
                )
            )
    elif smi.query_gpus is not None:
        gpus = list(smi.query_gpus)
    elif smi.table_gpus is not None:
        gpus = [_table_gpu(gpu, smi, notes) for gpu in smi.table_gpus]
    else:
        gpus = []
    return tuple(_with_listed_migs(gpu, smi) for gpu in gpus)


def _with_smi_cc(gpu: Gpu, nvml: _Nvml, smi: _Smi, notes: list[Note]) -> Gpu:
    if gpu.index not in nvml.without_cc:
        return gpu
    match = _matching(gpu, smi.query_gpus or [])
    if match is None or match.compute_capability is None:
        reason = smi.cc_reason or smi.failure or smi.missing
        return replace(gpu, cc_source=f"{gpu.cc_source}; {reason}" if reason else gpu.cc_source)
    if match.name != gpu.name:
        notes.append(
            Note(SMI, f"GPU {gpu.index} is '{match.name}' to nvidia-smi but '{gpu.name}' to NVML")
        )
    return replace(
        gpu, compute_capability=match.compute_capability, cc_source="nvidia-smi --query-gpu"
    )


def _matching(gpu: Gpu, candidates: list[Gpu]) -> Gpu | None:
    for key in ("uuid", "pci_bus_id", "index"):
        wanted = getattr(gpu, key)
        if wanted is None:
            continue
        found = [c for c in candidates if getattr(c, key) == wanted]
        if len(found) == 1:
            return found[0]
    return None


def _table_gpu(row: SmiTableGpu, smi: _Smi, notes: list[Note]) -> Gpu:
    if row.name_truncated:
        notes.append(
            Note(
                SMI,
                f"GPU {row.index}'s name is cut short in nvidia-smi's table "
                f"('{row.name}'); NVML or a newer nvidia-smi gives it in full",
            )
        )
    return Gpu(
        index=row.index,
        name=row.name,
        pci_bus_id=row.pci_bus_id,
        compute_capability=None,
        cc_source=smi.cc_reason or "nvidia-smi's table does not show it",
        memory_total_mib=row.memory_total_mib,
        mig_mode=row.mig_mode,
        source="nvidia-smi table",
    )


def _with_listed_migs(gpu: Gpu, smi: _Smi) -> Gpu:
    if gpu.mig_mode != "enabled" or gpu.mig_devices or not smi.listed:
        return gpu
    listed = next((g for g in smi.listed if gpu.uuid and g.uuid == gpu.uuid), None)
    if listed is None:
        listed = next((g for g in smi.listed if g.index == gpu.index), None)
    if listed is None:
        return gpu
    migs = tuple(
        MigDevice(index=m.index, uuid=m.uuid, name=f"MIG {m.profile}" if m.profile else None)
        for m in listed.mig_devices
    )
    return replace(gpu, mig_devices=migs, uuid=gpu.uuid or listed.uuid)


def _why_no_gpus(driver: Driver, nvml: _Nvml, smi: _Smi) -> str:
    if driver.mismatch:
        return (
            "no GPU can be listed while the driver's library and kernel module differ: "
            "reboot, or reload the nvidia kernel modules"
        )
    if driver.version is None:
        return driver.reason or "no NVIDIA driver was found"
    if smi.error is not None and smi.error.kind == "no-devices":
        lister = "nvidia-smi found no devices"
    elif nvml.answered_devices:
        lister = "NVML lists no GPU"
    else:
        lister = "no source listed a GPU"
    return (
        f"{lister} although driver {driver.version} answered: the GPUs may be hidden from "
        "this container or job (docker --gpus, Slurm --gres, CUDA_VISIBLE_DEVICES does "
        "not apply here) or failed to initialise (see dmesg)"
    )
