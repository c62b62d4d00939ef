"""Parsers for what nvidia-smi prints and for the kernel module's version files.

Pure functions over text: nothing here runs a program or reads a file. nvidia-smi's output is
"not guaranteed to be backwards compatible" (nvidia-smi(1)); the table changed its layout at
R450 (MIG row), R525 (wider), R550 (91 columns), R580 ('+---' under the header) and R610
(`KMD Version` / `CUDA UMD Version` labels), so these parsers key on cell contents, not on
column positions. Every layout they accept is exercised by tests/test_nvidia_smi_parse.py.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

MigMode = Literal["enabled", "disabled"]
SmiErrorKind = Literal[
    "driver-unreachable",
    "driver-library-mismatch",
    "nvml-init-failed",
    "invalid-field",
    "no-devices",
]


class SmiFormatError(ValueError):
    """The text is not the nvidia-smi (or driver file) output the parser was asked to read."""


# ---------------------------------------------------------------------------------------------
# Error texts


@dataclass(frozen=True)
class SmiError:
    """A failure nvidia-smi reported in its output (it prints most of them on stdout)."""

    kind: SmiErrorKind
    message: str
    """The line that says what failed, as printed."""
    nvml_library_version: str | None = None
    """'NVML library version: 550.144' after a driver/library mismatch (major.minor only)."""
    field: str | None = None
    """The --query-gpu field an older nvidia-smi rejected, e.g. 'compute_cap'."""
    detail: str | None = None
    """A second reason, e.g. 'Driver Not Loaded' from 'Failed to properly shut down NVML: ...'."""


_COULDNT_COMMUNICATE = "couldn't communicate with the nvidia driver"
_NVML_INIT = "Failed to initialize NVML:"
_NVML_SHUTDOWN = "Failed to properly shut down NVML:"
_NVML_LIBRARY_VERSION = "NVML library version:"
_INVALID_FIELD = re.compile(r'^Field "(?P<field>[^"]+)" is not a valid field to query\.')
_NO_DEVICES = "No devices were found"


def find_error(text: str) -> SmiError | None:
    """The failure nvidia-smi reports in `text` (stdout and stderr together), or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    detail = next(
        (ln[len(_NVML_SHUTDOWN) :].strip() for ln in lines if ln.startswith(_NVML_SHUTDOWN)), None
    )
    library_version = next(
        (
            ln[len(_NVML_LIBRARY_VERSION) :].strip()
            for ln in lines
            if ln.startswith(_NVML_LIBRARY_VERSION)
        ),
        None,
    )
    for line in lines:
        if line.startswith("NVIDIA-SMI has failed") and _COULDNT_COMMUNICATE in line.lower():
            return SmiError("driver-unreachable", line, detail=detail)
        if line.startswith(_NVML_INIT):
            reason = line[len(_NVML_INIT) :].strip()
            if reason.lower() == "driver/library version mismatch":
                return SmiError("driver-library-mismatch", line, library_version)
            return SmiError("nvml-init-failed", line, library_version, detail=reason)
        invalid = _INVALID_FIELD.match(line)
        if invalid:
            return SmiError("invalid-field", line, field=invalid["field"])
        if line == _NO_DEVICES:
            return SmiError("no-devices", line)
    return None


# ---------------------------------------------------------------------------------------------
# The default table


@dataclass(frozen=True)
class SmiHeader:
    tool_version: str | None
    """'NVIDIA-SMI 570.86.16': the nvidia-smi build, which may differ from the driver's."""
    driver_version: str | None
    """'Driver Version:' (R610+: 'KMD Version:'); on WSL2 the Windows driver's number."""
    cuda_version: str | None
    """X.Y, the newest CUDA the driver supports; None when absent (pre-R410), ERR! or N/A."""
    cuda_version_text: str | None
    """What the header printed after 'CUDA Version:' ('12.4', 'ERR!'); None when no field."""


@dataclass(frozen=True)
class SmiTableGpu:
    index: int
    name: str
    """As printed; long names end in '...' (see name_truncated)."""
    name_truncated: bool
    pci_bus_id: str | None
    memory_used_mib: int | None
    memory_total_mib: int | None
    mig_mode: MigMode | None
    """From the 'MIG M.' cell (R450+); None where it says N/A or the row does not exist."""


@dataclass(frozen=True)
class SmiTable:
    header: SmiHeader
    gpus: tuple[SmiTableGpu, ...]


_TOOL_VERSION = re.compile(r"NVIDIA-SMI\s+(?P<v>[0-9][0-9.]*)")
_DRIVER_VERSION = re.compile(r"(?:Driver|KMD) Version:\s*(?P<v>\S+)")
_CUDA_VERSION = re.compile(r"CUDA (?:UMD )?Version:\s*(?P<v>\S+)")
_PERSISTENCE_OR_MODEL = ("On", "Off", "N/A", "WDDM", "TCC", "MCDM")
_MEMORY_USAGE = re.compile(r"^(?P<used>\d+)MiB\s*/\s*(?P<total>\d+)MiB$")


def parse_table(text: str) -> SmiTable:
    """The default `nvidia-smi` table: header versions and one entry per GPU row.

    Accepts outputs the public record truncated: the GPUs present are returned.
    """
    lines = text.splitlines()
    header_at = next((i for i, ln in enumerate(lines) if "NVIDIA-SMI " in ln and "|" in ln), None)
    if header_at is None:
        raise SmiFormatError("no '| NVIDIA-SMI ...' header line: not an nvidia-smi table")
    header = _parse_header(lines[header_at])
    gpus: list[SmiTableGpu] = []
    block: list[list[str]] = []
    for line in lines[header_at + 1 :]:
        if not line.strip():
            if gpus or block:
                break  # the GPU table ended; the Processes / MIG devices tables follow
            continue
        if not line.startswith("|"):
            continue  # '+----+' separators
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        first_row = _gpu_row(cells)
        if first_row is not None:
            if block:
                gpus.append(_table_gpu(block))
            block = [cells]
        elif block:
            block.append(cells)
    if block:
        gpus.append(_table_gpu(block))
    return SmiTable(header, tuple(gpus))


def _parse_header(line: str) -> SmiHeader:
    tool = _TOOL_VERSION.search(line)
    driver = _DRIVER_VERSION.search(line)
    cuda = _CUDA_VERSION.search(line)
    cuda_text = cuda["v"] if cuda else None
    return SmiHeader(
        tool_version=tool["v"] if tool else None,
        driver_version=driver["v"] if driver and is_dotted_number(driver["v"]) else None,
        cuda_version=cuda_text if cuda_text and _is_major_minor(cuda_text) else None,
        cuda_version_text=cuda_text,
    )


def _gpu_row(cells: list[str]) -> tuple[int, str, str] | None:
    """(index, name, bus id) when `cells` is the first line of a GPU's block."""
    if len(cells) < 2:
        return None
    words = cells[0].split()
    bus = cells[1].split()
    if len(words) < 3 or not words[0].isdigit() or not bus or not _is_bus_id(bus[0]):
        return None
    if words[-1] not in _PERSISTENCE_OR_MODEL:
        return None
    name = cells[0].split(maxsplit=1)[1].rsplit(maxsplit=1)[0].strip()
    return int(words[0]), name, bus[0]


def _table_gpu(block: list[list[str]]) -> SmiTableGpu:
    row = _gpu_row(block[0])
    assert row is not None
    index, name, bus = row
    used = total = None
    if len(block) > 1 and len(block[1]) > 1:
        memory = _MEMORY_USAGE.match(" ".join(block[1][1].split()))
        if memory:
            used, total = int(memory["used"]), int(memory["total"])
    mig: MigMode | None = None
    if len(block) > 2 and len(block[2]) > 2:
        mig = _mig_mode(block[2][-1])
    return SmiTableGpu(
        index=index,
        name=name,
        name_truncated=name.endswith("..."),
        pci_bus_id=normalise_bus_id(bus),
        memory_used_mib=used,
        memory_total_mib=total,
        mig_mode=mig,
    )


# ---------------------------------------------------------------------------------------------
# --query-gpu=... --format=csv[,noheader][,nounits]


def parse_query_csv(
    text: str, fields: Sequence[str] | None = None
) -> tuple[dict[str, str | None], ...]:
    """Rows of `--query-gpu` CSV as {field: value}; '[N/A]'-style values become None.

    With `fields` None the first line must be the header (`--format=csv`); with `fields` given
    a header line is recognised and skipped, so both `csv` and `csv,noheader` read the same.
    Units stay on the values when nvidia-smi printed them ('24564 MiB'); see number_in().
    """
    lines = [line for line in text.splitlines() if line.strip()]
    rows = list(csv.reader(lines, skipinitialspace=True))
    if not rows:
        return ()
    header = [_field_name(cell) for cell in rows[0]]
    if fields is None:
        names, body = header, rows[1:]
    else:
        names = list(fields)
        body = rows[1:] if header == names else rows
    result = []
    for number, row in enumerate(body, start=1):
        if len(row) != len(names):
            raise SmiFormatError(
                f"--query-gpu row {number} has {len(row)} values for {len(names)} fields: {row!r}"
            )
        result.append({name: _csv_value(value) for name, value in zip(names, row, strict=True)})
    return tuple(result)


def _field_name(cell: str) -> str:
    """'memory.total [MiB]' -> 'memory.total'."""
    return cell.split(" [", 1)[0].strip()


def _csv_value(value: str) -> str | None:
    value = value.strip()
    if not value or value in ("N/A", "Not Supported") or value.startswith("["):
        return None  # '[N/A]', '[Not Supported]', '[Function Not Found]', '[Unknown Error]'
    return value


def number_in(value: str | None) -> int | None:
    """12288 from '12288' or '12288 MiB'; None for None or anything else."""
    if value is None:
        return None
    first = value.split()[0] if value.split() else ""
    return int(first) if first.isdigit() else None


# ---------------------------------------------------------------------------------------------
# nvidia-smi -L


@dataclass(frozen=True)
class ListedMigDevice:
    index: int
    profile: str | None
    """'1g.20gb'."""
    uuid: str


@dataclass(frozen=True)
class ListedGpu:
    index: int
    name: str
    uuid: str | None
    mig_devices: tuple[ListedMigDevice, ...] = ()


_LISTED_GPU = re.compile(r"^GPU (?P<index>\d+): (?P<name>.+?)(?: \(UUID: (?P<uuid>[^)]+)\))?$")
_LISTED_MIG = re.compile(
    r"^MIG (?P<profile>\S+)?\s*Device\s+(?P<index>\d+): \(UUID: (?P<uuid>[^)]+)\)$"
)


def parse_list_gpus(text: str) -> tuple[ListedGpu, ...]:
    """`nvidia-smi -L`: GPUs with their UUIDs, and MIG devices indented under their GPU."""
    gpus: list[ListedGpu] = []
    migs: list[ListedMigDevice] = []
    for raw in text.splitlines():
        line = raw.strip()
        gpu = _LISTED_GPU.match(line)
        if gpu:
            if gpus:
                gpus[-1] = _with_migs(gpus[-1], migs)
            migs = []
            gpus.append(ListedGpu(int(gpu["index"]), gpu["name"], gpu["uuid"]))
            continue
        mig = _LISTED_MIG.match(line)
        if mig and gpus:
            migs.append(ListedMigDevice(int(mig["index"]), mig["profile"], mig["uuid"]))
    if gpus:
        gpus[-1] = _with_migs(gpus[-1], migs)
    if not gpus:
        raise SmiFormatError("no 'GPU N: name (UUID: ...)' line: not nvidia-smi -L output")
    return tuple(gpus)


def _with_migs(gpu: ListedGpu, migs: list[ListedMigDevice]) -> ListedGpu:
    return ListedGpu(gpu.index, gpu.name, gpu.uuid, tuple(migs))


# ---------------------------------------------------------------------------------------------
# /proc/driver/nvidia/version and /sys/module/nvidia/version


@dataclass(frozen=True)
class KernelModule:
    version: str
    flavor: Literal["open", "proprietary"] | None
    """None where the source does not say (/sys/module/nvidia/version)."""
    arch: str | None


def parse_proc_driver_version(text: str) -> KernelModule:
    """The loaded kernel module from /proc/driver/nvidia/version.

    'NVRM version: NVIDIA UNIX x86_64 Kernel Module  384.98  Thu Oct 26 ...' (proprietary) or
    'NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  565.57.01  Release Build ...';
    the version is the field after the first double space in both (as astral-sh/uv reads it).
    """
    line = next((ln for ln in text.splitlines() if ln.startswith("NVRM version:")), None)
    if line is None:
        raise SmiFormatError("no 'NVRM version:' line")
    fields = [field.strip() for field in line.split("  ") if field.strip()]
    if len(fields) < 2 or not is_dotted_number(fields[1]):
        raise SmiFormatError(f"no version after the module description: {line!r}")
    description = fields[0].split()
    open_module = "Open" in description
    if open_module:
        arch = description[-1] if description[-2:-1] == ["for"] else None
    else:
        after_unix = description.index("UNIX") + 1 if "UNIX" in description else len(description)
        arch = description[after_unix] if after_unix < len(description) else None
    return KernelModule(fields[1], "open" if open_module else "proprietary", arch)


def parse_sys_module_version(text: str) -> str:
    """/sys/module/nvidia/version holds just the version, e.g. '550.144.03'."""
    version = text.strip()
    if not is_dotted_number(version):
        raise SmiFormatError(f"not a driver version: {version!r}")
    return version


# ---------------------------------------------------------------------------------------------
# Shared small parsers


def is_dotted_number(text: str) -> bool:
    """'550.127.05', '440.100', '572.16': a driver version as NVIDIA prints it."""
    parts = text.split(".")
    return 2 <= len(parts) <= 4 and all(part.isdigit() for part in parts)


def _is_major_minor(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 2 and all(part.isdigit() for part in parts)


def parse_compute_capability(text: str | None) -> str | None:
    """'8.6' from nvidia-smi's compute_cap; None for anything that is not major.minor."""
    return text if text is not None and _is_major_minor(text) else None


def _is_bus_id(text: str) -> bool:
    domain, _, rest = text.partition(":")
    return len(domain) in (4, 8) and _is_hex(domain) and bool(_BUS_REST.match(rest))


_BUS_REST = re.compile(r"^[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f]$")


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdefABCDEF" for ch in text)


def normalise_bus_id(text: str) -> str:
    """NVML's form, 8-digit domain and upper-case hex: '0000:03:00.0' -> '00000000:03:00.0'."""
    domain, sep, rest = text.strip().partition(":")
    if sep and _is_hex(domain) and len(domain) <= 8:
        return f"{domain.upper().zfill(8)}:{rest.upper()}"
    return text.strip().upper()


def _mig_mode(text: str) -> MigMode | None:
    lowered = text.strip().lower()
    if lowered == "enabled":
        return "enabled"
    if lowered == "disabled":
        return "disabled"
    return None
