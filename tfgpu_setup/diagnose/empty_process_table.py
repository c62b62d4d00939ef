"""nvidia-smi's process table, empty inside a container (or beside memory something holds).

The driver reports the host's process ids, which a container's PID namespace does not have, so
nvidia-smi run inside a container lists no process even while one there uses the GPU
(nvidia-docker#179, NVIDIA: "the driver is not aware of the PID namespace"). On a host an empty
table means nothing ran on the GPU when it was taken: that is no reading of its own.
"""

from __future__ import annotations

import dataclasses
import re

from ..facts import Facts
from ..findings import Finding, Severity
from .device_records import DEVICE_CREATED, FAILED_ALLOCATION
from .sources import quoted

_EMPTY_TABLE = re.compile(
    r"^\|\s+Processes:[^\n]*\n(?:\|[^\n=]*\n){1,3}\|={20,}\|[ \t]*\n"
    r"(?P<body>\+-{20,}\+|\|\s+No running processes found\s+\|)",
    re.MULTILINE,
)
SOURCE = "https://github.com/NVIDIA/nvidia-docker/issues/179"


_MEMORY_USAGE = re.compile(r"\|\s+(?P<used>\d{1,7})MiB / (?P<total>\d{3,7})MiB\s+\|")
HELD_SHARE = 0.25
"""Memory in use above this share of the board, with no process listed, is held by something:
an idle GPU with a display uses a few hundred MiB."""
HELD_MIB = 1024


def empty_process_table_in_a_container(
    facts: Facts, text: str, gpu_at_work: bool = False, hosted: bool = False
) -> list[Finding]:
    """gpu_at_work: the paste shows TensorFlow's own GPU device; the memory may be its own.
    hosted: a hosted notebook's paths are in the paste (its runtime is a container)."""
    empty = _EMPTY_TABLE.search(text)
    if empty is None:
        return []
    in_a_container = hosted or (facts.knows("container") and facts.platform.container)
    if facts.knows("os") and facts.platform.os == "wsl2":
        # WSL 2's nvidia-smi lists no process at all, whatever runs on the GPU
        return []
    # (inside a container the process holding it may be this one, its pid hidden)
    held = None if in_a_container else _memory_held(text, empty.start())
    if held is not None and gpu_at_work and not _device_got_only_the_rest(text, held):
        held = None  # TensorFlow's device took most of the card: the memory in use is its own
    if held is not None:
        used, total, line = held
        return [
            Finding(
                "gpu-out-of-memory",
                Severity.WARNING,
                f"{used} of {total} MiB of the GPU's memory is in use while nvidia-smi lists no"
                " process: something it cannot show holds it (another container or user, or a"
                " process that did not exit)",
                (quoted(line), quoted(empty["body"])),
                "On the host, 'nvidia-smi --query-compute-apps=pid,used_memory --format=csv' and"
                " 'sudo fuser -v /dev/nvidia*' name the process: stop it (a stale Jupyter kernel"
                " or training run, another user's job). Until then TensorFlow gets only what is"
                " left, and runs out of memory or fails to start cuDNN.",
                SOURCE,
            )
        ]
    if not in_a_container:
        return []
    return [
        Finding(
            "benign-log-noise",
            Severity.INFO,
            "Harmless: nvidia-smi inside a container lists no process, whether or not one there"
            " uses the GPU (the driver reports the host's process ids, which the container does"
            " not have)",
            (quoted(empty.group(0).split("\n", 1)[0]), quoted(empty["body"])),
            "Nothing to do about the table. To see the work: the Memory-Usage and GPU-Util"
            " columns of the same nvidia-smi, nvidia-smi on the host (it lists the process), or"
            " the container started with --pid=host; in TensorFlow,"
            " tf.config.list_physical_devices('GPU').",
            SOURCE,
        )
    ]


def _memory_held(text: str, table_at: int) -> tuple[int, int, str] | None:
    """The first GPU row above the process table whose memory in use is well above idle."""
    for row in _MEMORY_USAGE.finditer(text, max(0, table_at - 20_000), table_at):
        used, total = int(row["used"]), int(row["total"])
        if used >= HELD_MIB and used >= HELD_SHARE * total:
            return used, total, row.group(0).strip(" |")
    return None


def _device_got_only_the_rest(text: str, held: tuple[int, int, str]) -> bool:
    """TensorFlow's device got about what nvidia-smi showed free, not most of the card: the
    memory in use was something else's."""
    device = DEVICE_CREATED.search(text)
    used, total, _ = held
    return device is not None and int(device["mb"]) <= 1.1 * (total - used) + 256


_COMPUTE_APP = re.compile(
    # 'nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv' rows, and the
    # process table's rows ('|    0   N/A  N/A     18422      C   python    22690MiB |')
    r"^[ \t]*(?P<pid>\d{1,8}), (?P<name>[^,\n]{1,200}),(?: (?:[0-9A-Fa-f]{4,8}:)?"
    r"(?P<cbus>[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d),)? (?P<mib>\d{3,7}) MiB[ \t]*$"
    r"|^\|[ \t]+(?P<tgpu>\d{1,2})[ \t]+(?:N/A[ \t]+N/A[ \t]+)?(?P<tpid>\d{1,8})[ \t]+"
    r"[CG+]{1,3}[ \t]+(?P<tname>\S{1,200})[ \t]+(?P<tmib>\d{3,7})MiB[ \t]*\|",
    re.MULTILINE,
)
_SMI_GPU_ROW = re.compile(
    r"^\|[ \t]+(?P<index>\d{1,2})[ \t]+[^|\n]{1,80}\|[ \t]+(?:[0-9A-Fa-f]{4,8}:)?"
    r"(?P<bus>[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d)[ \t]",
    re.MULTILINE,
)
_TF_BUS = re.compile(
    r"pci bus id: (?:[0-9a-fA-F]{4,8}:)?(?P<bus>[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d)"
)


def _smi_index_of(text: str, device: re.Match[str]) -> str | None:
    """nvidia-smi's index of TensorFlow's device: by PCI bus id, which both print (TensorFlow's
    'device: N' is CUDA's ordinal, renumbered by CUDA_VISIBLE_DEVICES and ordered fastest
    first; nvidia-smi numbers by bus). None: one GPU or none listed, every row is it; '': several
    listed and none tied to it (review 96)."""
    smi = {g["bus"].lower(): g["index"] for g in _SMI_GPU_ROW.finditer(text)}
    if len(set(smi.values())) <= 1:
        return None
    line_end = text.find("\n", device.start())
    bus = _TF_BUS.search(text, device.start(), line_end if line_end >= 0 else len(text))
    return smi.get(bus["bus"].lower(), "") if bus else ""


_DUMP_POOL = re.compile(r"memory_limit_: (?P<bytes>\d{6,14})\b")
"""The allocator dump's pool: the memory TensorFlow's device got."""
_CARD_MEMORY = re.compile(
    r"^\|[ \t]+(?P<index>\d{1,2})[ \t][^\n]*\n\|[^\n]*?\d{1,7}MiB / (?P<total>\d{3,7})MiB",
    re.MULTILINE,
)
MOST_OF_THE_CARD = 0.6
"""TensorFlow takes nearly all the memory free when it starts: a device of more than this share
of the card found it free, so a process holding more is TensorFlow's own (its pool and its CUDA
context), not one that was there before."""


_CSV_HEADER = re.compile(
    r"^[ \t]*(?P<first>[\w.]{1,40})(?:, [\w.]{1,40}(?: \[\w{1,5}\])?){1,12}[ \t]*\r?$", re.M
)


def _under_a_process_header(text: str, at: int) -> bool:
    """A csv row of the compute-apps query (its header, where pasted, starts with 'pid'), not
    of --query-gpu's ('index, name, ..., memory.total')."""
    headers = list(_CSV_HEADER.finditer(text, max(0, at - 5000), at))
    return not headers or headers[-1]["first"] == "pid"


def _smi_gpus(text: str) -> set[str]:
    return {g["index"] for g in _SMI_GPU_ROW.finditer(text)}


def _tf_bus(text: str, device: re.Match[str]) -> str | None:
    line_end = text.find("\n", device.start())
    bus = _TF_BUS.search(text, device.start(), line_end if line_end >= 0 else len(text))
    return bus["bus"].lower() if bus else None


def _card_mib(text: str, on: str | None) -> int:
    """The memory of the card TensorFlow's device is on, as nvidia-smi's table shows it (0
    where it does not)."""
    for card in _CARD_MEMORY.finditer(text):
        if on is None or card["index"] == on:
            return int(card["total"])
    return 0


CONTEXT_MIB = 1536
"""What a process holds beyond TensorFlow's device: its CUDA context and libraries' handles.
A row no larger than the device and this is TensorFlow's own process."""


def memory_held_before_tensorflow(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """An out-of-memory failure where nvidia-smi lists a process holding more memory than
    TensorFlow's device got when it was created: that process held it before TensorFlow
    started (TensorFlow takes nearly all that is free), so stopping it, not a smaller batch,
    is the fix."""
    if not any(f.id == "gpu-out-of-memory" for f in findings):
        return findings
    failed_on = FAILED_ALLOCATION.search(text)
    devices = {d["index"]: d for d in DEVICE_CREATED.finditer(text)}
    device = devices.get(failed_on["gpu"] if failed_on else "0")
    if device is not None:
        got, on, bus = int(device["mb"]), _smi_index_of(text, device), _tf_bus(text, device)
    elif (pool := _DUMP_POOL.search(text)) is not None and len(_smi_gpus(text)) <= 1:
        # a paste cut after the device's record: the allocator's dump names its pool
        got, on, bus = int(pool["bytes"]) >> 20, None, None
    else:
        return findings
    if on == "":
        return findings  # several GPUs, and nothing ties TensorFlow's device to one of them
    if (card := _card_mib(text, on)) and got >= MOST_OF_THE_CARD * card:
        return findings  # TensorFlow got most of the card: nothing held it before
    held = [
        (
            row["pid"] or row["tpid"],
            (row["name"] or row["tname"]).strip(),
            int(row["mib"] or row["tmib"]),
        )
        for row in _COMPUTE_APP.finditer(text)
        # (nvidia-smi's table names the GPU each process is on, the csv rows its bus or none)
        if (on is None or row["tgpu"] in (None, on))
        and (row["pid"] is None or _under_a_process_header(text, row.start()))
        and (row["cbus"] is None or bus is None or row["cbus"].lower() == bus)
    ]
    holders = [h for h in held if h[2] > got + CONTEXT_MIB and h[2] >= HELD_MIB]
    if not holders:
        return findings
    pid, name, mib = max(holders, key=lambda h: h[2])
    fix = (
        f"Stop process {pid} ({name}), which nvidia-smi shows holding {mib} MiB: TensorFlow's"
        f" device got only {got} MB when it started, so the memory was taken before it ran (a"
        " notebook kernel, another training run); or give each program its own GPU"
        " (CUDA_VISIBLE_DEVICES). A smaller batch only helps once that memory is free."
    )
    first = next(f for f in findings if f.id == "gpu-out-of-memory")
    return tuple(
        dataclasses.replace(
            f,
            title=f"GPU memory was already held when TensorFlow started: process {pid} holds"
            f" {mib} MiB, and TensorFlow's device got {got} MB",
            fix=fix,
            evidence=(*f.evidence, f"nvidia-smi: process {pid} ({name}) uses {mib} MiB"),
        )
        if f is first
        else f
        for f in findings
    )
