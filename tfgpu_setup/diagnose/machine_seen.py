"""What a log shows of the machine's installs: the driver, the GPUs and their memory, the CUDA
toolkits and cuDNN copies on disk, and the C library.

nvidia-smi's table, 'nvcc --version', package lists, version files and TensorFlow's own device
lines, as reports paste them. Pure: text in, (value, line) out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .logs import LogMatch
from .signatures import SIGNATURES

_GPU_LISTED = re.compile(
    # TF 2.x's device lines: '..., name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0,
    # compute capability: 8.6'
    r"name: (?P<name>[^,\n]{2,60}?), pci bus id: [0-9a-fA-F:.]+, compute capability:"
    r" (?P<cc>\d{1,2}\.\d)"
    # TF 1.x: 'name: GeForce GTX 1080 major: 6 minor: 1'; TF 2.0-2.3: 'name: GeForce GTX 960M
    # computeCapability: 5.0'
    r"|name: (?P<name1>[^\n]{2,60}?) major: (?P<major>\d{1,2}) minor: (?P<minor>\d)\b"
    r"|name: (?P<name2>[^\n]{2,60}?) computeCapability: (?P<cc2>\d{1,2}\.\d)"
    # nvidia-smi's table: '|   0  NVIDIA GeForce RTX 3090     Off | 00000000:01:00.0  On |'
    r"|^\|\s{1,4}\d{1,2}\s+(?P<smi>[A-Za-z][^|\n]{2,40}?)\s+(?:On|Off)\s+\|\s+[0-9A-Fa-f]{4,8}:"
    r"[0-9A-Fa-f]{2}:"
    # 'nvidia-smi -L': 'GPU 0: NVIDIA GeForce RTX 3090 (UUID: GPU-...)'; 'nvidia-smi -q':
    # '    Product Name                          : NVIDIA GeForce RTX 3080'
    r"|^[> \t]*GPU \d{1,2}: (?P<listed>[A-Za-z][^\n(]{2,60}?) \(UUID: "
    r"|^[> \t]*Product Name[ \t]{0,40}: (?P<queried>[A-Za-z][^\n]{2,60}?)[ \t]*$"
    # Hugging Face's 'transformers-cli env' report: '- GPU type: NVIDIA GeForce RTX 4090'
    r"|^[> \t]*(?:[-*] )?GPU type: (?P<queried2>NVIDIA [^\n]{2,60}?)[ \t]*$"
    # the kernel module naming a GPU its branch does not drive: 'NVRM: The NVIDIA GeForce GT
    # 750M GPU installed in this system is supported through the NVIDIA 470.xx Legacy drivers'
    r"|NVRM: The NVIDIA (?P<nvrm>[A-Za-z][^\n]{2,60}?) GPU installed in this system"
    # CUDA's deviceQuery sample: 'Device 0: "GeForce GTX 1080 Ti"', its compute capability a
    # few lines on ('CUDA Capability Major/Minor version number:    6.1')
    r"|^[> \t]*Device \d{1,2}: \"(?P<sample>[A-Za-z][^\"\n]{2,60})\"[ \t]*\n"
    r"(?:[^\n]{0,200}\n){0,4}?[ \t]*CUDA Capability Major/Minor version number:[ \t]*"
    r"(?P<cc3>\d{1,2}\.\d)"
    # lspci: '01:00.0 VGA compatible controller: NVIDIA Corporation TU106 [GeForce RTX 2060]
    # (rev a1)' (-nn adds class and vendor ids; a data-centre GPU is a '3D controller')
    r"|^[> \t]*(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.\d (?:VGA compatible|3D|Display)"
    r" controller(?: \[[0-9a-f]{4}\])?: NVIDIA Corporation (?:[\w-]{1,20} )?"
    r"(?:\[(?P<lspci>[A-Za-z][^\]\n]{2,60})\]|Device (?P<lspci_id>[0-9a-fA-F]{4})\b)",
    re.MULTILINE,
)


def gpus_seen(sample: str) -> tuple[tuple[str, str | None, str], ...]:
    seen: dict[str, tuple[str, str | None, str]] = {}
    for m in _GPU_LISTED.finditer(sample):
        name = (
            m["name"]
            or m["name1"]
            or m["name2"]
            or m["smi"]
            or m["listed"]
            or m["queried"]
            or m["queried2"]
            or m["nvrm"]
            or m["sample"]
            or m["lspci"]
            # (an lspci too old to know the GPU's name gives its PCI device id: review 99)
            or (f"NVIDIA GPU (PCI device {m['lspci_id']})" if m["lspci_id"] else "")
        ).strip()
        cc = (
            m["cc"]
            or m["cc2"]
            or m["cc3"]
            or (f"{m['major']}.{m['minor']}" if m["major"] else None)
        )
        if name not in seen or (cc and not seen[name][1]):
            # (deviceQuery's match runs over lines: its first names the GPU)
            seen[name] = (name, cc, m.group(0).strip().split("\n", 1)[0][:200])
    return tuple(seen.values())


_MIG_CELL = re.compile(
    r"^[ \t]*\|[^\n]{20,200}\|[ \t]{1,40}(?P<mig>Enabled|Disabled|N/A)[ \t]*\|[ \t]*$", re.M
)
"""nvidia-smi's MIG M. cell, the last of each GPU's third row (R450 on)."""
_NO_MIG_DEVICES = re.compile(r"^[ \t]*\|[ \t]*No MIG devices found[ \t]*\|", re.M)


def mig_on_without_devices(sample: str) -> str:
    """nvidia-smi's table with every GPU's MIG mode Enabled and its MIG devices block saying
    none were created: the line that says so ('' otherwise)."""
    none = _NO_MIG_DEVICES.search(sample)
    if none is None:
        return ""
    cells = [m["mig"] for m in _MIG_CELL.finditer(sample)]
    if not cells or any(cell != "Enabled" for cell in cells):
        return ""
    return none.group(0).strip(" \t|")


_GLIBC_SHOWN = re.compile(
    r"^[> \t]*ldd \([^()\n]{1,60}\) (?P<ldd>\d\.\d{1,2})\s*$"
    r"|__glibc==?(?P<conda>\d\.\d{1,2})="
    # Python's platform.platform(), as issue templates print it ('Linux-5.15.0-122-generic-
    # x86_64-with-glibc2.35')
    r"|\bLinux-\d[\w.+~-]{0,80}?-(?:x86_64|aarch64|ppc64le)-with-glibc(?P<platform>\d\.\d{1,2})\b",
    re.MULTILINE,
)
"""'ldd --version' ('ldd (Ubuntu GLIBC 2.31-0ubuntu9.9) 2.31'), conda's virtual package as
'conda info' lists it ('__glibc=2.27=0') or its solver names it ('__glibc==2.17=0')."""
_CONDA_CUDA = re.compile(
    r"^[> \t]*(?:virtual packages : |- feature:[^\n:]{0,40}::)?__cuda==?(?P<cuda>\d{1,2}\.\d)=",
    re.M,
)
"""The highest CUDA the driver conda detected supports: 'conda info' prints '__cuda=11.4=0', the
classic solver's conflict report '- feature:/linux-64::__cuda==10.1=0'."""


def driver_cuda_reported(sample: str, matches: Sequence[LogMatch]) -> tuple[str, str] | None:
    """The CUDA version the driver supports as conda ('__cuda=11.4=0') or PyTorch ('found
    version 11070') reported it, with the line."""
    if conda_cuda := _CONDA_CUDA.search(sample):
        return conda_cuda["cuda"], conda_cuda.group(0).strip()
    torch = next((m for m in matches if m.signature.name == "torch-driver-too-old"), None)
    if torch is not None and torch.groups.get("driver_supports"):
        return torch.groups["driver_supports"], torch.line.strip()
    return None


_CUDNN_HEADER = re.compile(
    r"#define CUDNN_MAJOR\s+(?P<major>\d{1,2})\s*\n[> \t]*#define CUDNN_MINOR\s+(?P<minor>\d{1,2})"
    r"(?:\s*\n[> \t]*#define CUDNN_PATCHLEVEL\s+(?P<patch>\d{1,2}))?"
)
"""cudnn.h / cudnn_version.h, as 'grep CUDNN_MAJOR -A 2' shows them."""
_PACKAGE_LISTED = re.compile(
    r"^[> \t]*(?:ii\s+)?(?P<name>cudnn|libcudnn\d(?:-dev)?(?:-cuda-1\d)?|nvidia-cudnn-cu1\d"
    r"|cudatoolkit|cuda-toolkit|cuda-cudart|cuda-runtime|cuda-version"
    r"|nvidia-cuda-runtime-cu1\d)(?:[ \t]+|==)(?:\d+:)?(?P<version>\d{1,2}\.\d{1,2})(?:\.\d+)*\b",
    re.MULTILINE,
)
"""A CUDA or cuDNN package as 'conda list', 'pip list', 'pip freeze' or 'dpkg -l' lists it
(cuDNN 9's packages name their CUDA: 'libcudnn9-cuda-12')."""
_CUDNN_SHOWN = re.compile(
    # 'pip show nvidia-cudnn-cu12': the name's line, then its version's
    r"^[> \t]*Name: nvidia-cudnn-cu1\d[ \t]*\r?\n[> \t]*Version: (?P<pip>\d{1,2}\.\d{1,2})[\d.]*"
    # 'apt list --installed': 'libcudnn8/unknown,now 8.9.7.29-1+cuda12.2 amd64 [installed]'
    r"|^[> \t]*libcudnn\d(?:-dev)?(?:-cuda-1\d)?/\S{1,80} (?P<apt>\d{1,2}\.\d{1,2})[\d.]*-\S{0,40}"
    r" \w{1,10} \[installed",
    re.MULTILINE,
)
_CONDA_SEARCHED = re.compile(r"\bconda search\b|^Loading channels: ", re.MULTILINE)
"""'conda search' lists what its channels offer, in the rows 'conda list' uses for what is
installed."""
_CONDA_PLANNED = re.compile(
    r"^[ \t]*(?P<row>cudnn[ \t]+\S{1,60}) --> (?P<version>\d{1,2}\.\d{1,2})", re.MULTILINE
)
"""conda's plan: 'cudnn  8.9.2.26-cuda11_0 --> 8.1.0.77-h90431f1_0'; the right side is what
the environment holds once the plan ran."""
_TRANSACTION_DONE = re.compile(
    # (a package's licence or notes may come between the words: cudatoolkit's do)
    r"^[ \t]*Executing transaction:(?:[ \t]*done|[^\n]{0,200}\n(?:[^\n]{0,300}\n){0,60}?"
    r"[ \t]*done\b)",
    re.MULTILINE,
)
"""conda ran the plan (not a dry run, a 'Proceed? n' or a failed download)."""
_PLAN_ENDED = re.compile(r"^[ \t]*## Package Plan ##|^[ \t]*Proceed \(\[y\]/n\)\? *n\b", re.M)
"""The next plan, or this one declined: a transaction after it is not this plan's."""


def _ran(text: str, plan_end: int) -> bool:
    """Whether conda ran the plan whose row ends there: its transaction came before any later
    plan or a 'Proceed? n'."""
    done = _TRANSACTION_DONE.search(text, plan_end)
    if done is None:
        return False
    ended = _PLAN_ENDED.search(text, plan_end)
    return ended is None or ended.start() > done.start()


def cudnn_on_disk(text: str, listed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The cuDNN copies the log shows installed: the listed ones, less the rows of 'conda
    search' (offers) and the left side of conda's plan (replaced), with the right side of a
    plan conda then ran, 'pip show' and 'apt list --installed' added."""
    planned = list(_CONDA_PLANNED.finditer(text))
    replaced = [m["row"] for m in planned]
    on_disk = [
        (version, line)
        for version, line in ([] if _CONDA_SEARCHED.search(text) else listed)
        if not any(row.startswith(line) for row in replaced)
    ]
    on_disk += [(m["version"], m.group(0).strip()) for m in planned if _ran(text, m.end())]
    on_disk += [(m["pip"] or m["apt"], m.group(0).strip()) for m in _CUDNN_SHOWN.finditer(text)]
    return on_disk


_LIBRARY_LISTED = re.compile(
    # 'ldconfig -p': '\tlibcudnn.so.7 (libc6,x86-64) => /usr/lib/...'; 'ls': a file name ending
    # the line ('libcudnn.so.8.9.7', 'libcudart.so.11.0 -> libcudart.so.11.0.221')
    r"(?:^|[ \t/])lib(?P<lib>cudnn|cudart)(?:_[a-z_]{1,30})?\.so\."
    r"(?P<version>\d{1,2}(?:\.\d{1,3}){0,2})"
    r"(?: \(libc6[^)\n]{0,40}\) => \S+"
    r"| -> \S{0,200}?(?:\.so\.(?P<target>\d{1,2}(?:\.\d{1,3}){1,2}))?)?[ \t]*$",
    re.MULTILINE,
)
"""A CUDA runtime or cuDNN library on disk, as 'ldconfig -p' or 'ls' shows it."""
_CUDNN_DLL_LISTED = re.compile(
    # 'where cudnn64_8.dll' or 'dir /b /s' answering with the file's whole path, alone on its line
    r"^[ \t]*[A-Za-z]:\\[^\n]{0,250}?\\cudnn64_(?P<major>\d{1,2})\.dll[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A cuDNN DLL on disk, by its path: its name gives the major version (cudnn64_8.dll)."""
_CUDNN_DLL_ROW = re.compile(
    # cmd's 'dir' ('11/01/2019  01:52 AM  270,596,608 cudnn64_7.dll') and PowerShell's
    # ('-a----  11/1/2019  1:52 AM  270596608 cudnn64_7.dll'): a dated row with its size
    r"^[ \t]*(?:-a-{3,4}[ \t]+)?\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}[ \t]+\d{1,2}:\d{2}(?:[ \t]*[AP]M)?"
    r"[ \t]+[\d,.]{3,15}[ \t]+cudnn64_(?P<major>\d{1,2})\.dll[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A cuDNN DLL in a Windows folder listing: its name gives the major version."""
_CUDA_VERSION_JSON = re.compile(
    r'"cuda"\s*:\s*\{\s*"name"\s*:\s*"CUDA SDK",\s*"version"\s*:\s*"(?P<version>\d{1,2}\.\d{1,2})'
)
"""/usr/local/cuda/version.json (CUDA 11 on)."""
_CUDA_VERSION_FILE = re.compile(r"^[> \t]*CUDA Version (?P<version>\d{1,2}\.\d)\.\d+", re.M)
"""/usr/local/cuda/version.txt (CUDA 10.x and older)."""


def installs_listed(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(CUDA, cuDNN) versions with their lines, as package lists and version files show them."""
    cuda = [(m["version"], m.group(0).strip()) for m in _CUDA_VERSION_FILE.finditer(text)]
    cudnn = [
        (".".join(filter(None, (m["major"], m["minor"], m["patch"]))), m.group(0))
        for m in _CUDNN_HEADER.finditer(text)
    ]
    for m in _PACKAGE_LISTED.finditer(text):
        found = (m["version"], m.group(0).strip())
        (cudnn if "cudnn" in m["name"] else cuda).append(found)
    cuda += [
        (m["version"], " ".join(m.group(0).split())) for m in _CUDA_VERSION_JSON.finditer(text)
    ]
    cudnn += [
        (m["major"], m.group(0).strip())
        for listed in (_CUDNN_DLL_LISTED, _CUDNN_DLL_ROW)
        for m in listed.finditer(text)
    ]
    for m in _LIBRARY_LISTED.finditer(text):
        version, line = m["version"], m.group(0).strip()
        if m["lib"] == "cudnn":
            cudnn.append((version, line))
        elif runtime := _cuda_of_runtime_file(version, m["target"]):
            cuda.append((runtime, line))
    return cuda, cudnn


def _cuda_of_runtime_file(version: str, target: str | None) -> str | None:
    """The CUDA X.Y a libcudart file names: its own name until CUDA 10.x (libcudart.so.10.1);
    from CUDA 11 every minor keeps the major's name (libcudart.so.11.0 is any 11.x, .so.12 any
    12.x), so only the file itself, or the one a link points to, says which
    (libcudart.so.11.2.152)."""
    numbers = (target or version).split(".")
    if len(numbers) < 2 or (int(numbers[0]) >= 11 and len(numbers) < 3):
        return None
    return ".".join(numbers[:2])


_MEMORY_USAGE = re.compile(
    r"Memory usage: (?P<free>\d{1,20}) bytes free, (?P<total>\d{1,20}) bytes total"
)


_DEVICE_MEMORY = re.compile(
    r"[Tt]otal ?[Mm]emory: (?P<total>\d{1,6}(?:\.\d{1,3})?)(?P<total_unit>[GM])iB\s{1,40}"
    r"[Ff]ree ?[Mm]emory: (?P<free>\d{1,6}(?:\.\d{1,3})?)(?P<free_unit>[GM])iB"
)
"""TensorFlow 1.x's device properties: 'totalMemory: 10.91GiB freeMemory: 10.75GiB' on one line
(1.3 on), 'Total memory: 2.94GiB' above 'Free memory: 105.88MiB' before."""


_DEVICE_SIZE = re.compile(
    r"deviceMemorySize: (?P<total>\d{1,6}(?:\.\d{1,3})?)(?P<total_unit>[GM])iB"
)
"""TensorFlow 2.0-2.4's device properties: the GPU's whole memory."""
_DEVICE_CREATED_WITH = re.compile(
    r"[^\n]{0,300}Created (?:TensorFlow )?device \(?/job:[^\n]{0,120}? with (?P<free>\d{1,7}) MB"
    r" memory[^\n]{0,300}"
)
"""TensorFlow 2.x creating a GPU's device with the memory free to it as it started."""
_MEMORY_CAPPED = re.compile(
    # (not the allocator's own dump, 'memory_limit_: 55115776', which names what it was given)
    r"memory_limit(?!_: \d)|set_(?:virtual|logical)_device_configuration"
    r"|(?:Virtual|Logical)DeviceConfiguration"
    r"|per_process_gpu_memory_fraction|XLA_PYTHON_CLIENT_MEM_FRACTION"
    # (not the BFC allocator's own advice to try it: 'maybe the environment variable ...')
    r"|(?<!the environment variable ')TF_GPU_ALLOCATOR"
)
"""A limit the user set on TensorFlow's share of the GPU: the device is created that small."""

_INTEGRATED_GPU = re.compile(r"\bTegra\b|\bJetson\b|\bXavier\b|\bOrin\b", re.IGNORECASE)


def memory_taken(text: str) -> str:
    """Only the log's one reading: a later one in the same process (TF 1.x prints one per
    session) shows what this process took itself, and of several GPUs the busy one need not
    be the one that ran out."""
    if _INTEGRATED_GPU.search(text):
        return ""  # its 'free memory' is the system's
    readings = list(_DEVICE_MEMORY.finditer(text))
    if not readings:
        return _created_small(text)
    if len(readings) != 1:
        return ""
    found = readings[0]
    total = float(found["total"]) * (1024 if found["total_unit"] == "G" else 1)
    free = float(found["free"]) * (1024 if found["free_unit"] == "G" else 1)
    return re.sub(r"\s+", " ", found.group(0)) if total > 0 and free < total / 10 else ""


_ALLOCATOR_LIMIT = re.compile(
    r"[^\n]{0,120}total_region_allocated_bytes_: \d+ memory_limit_: (?P<limit_bytes>\d{1,14})\b"
    r"[^\n]{0,120}"
)
"""The BFC allocator's dump naming the memory its GPU device was given (in bytes)."""
_SMI_MEMORY = re.compile(r"\|[ \t]{0,40}\d{1,7}MiB / {0,3}(?P<total>\d{3,7})MiB[ \t]{0,40}\|")
"""nvidia-smi's Memory-Usage column ('23874MiB / 24576MiB'): each GPU's whole memory."""


def _created_small(text: str) -> str:
    """TensorFlow 2.x's one GPU device created with less than a tenth of the GPU's memory: the
    size its properties list (2.0-2.4: 'deviceMemorySize: 15.78GiB', then 'with 412 MB
    memory'), or, from 2.5 on, the smallest GPU nvidia-smi lists in the paste; where nothing in
    the log capped TensorFlow's share."""
    created = list(_DEVICE_CREATED_WITH.finditer(text))
    if not created and (limit := _ALLOCATOR_LIMIT.search(text)) is not None:
        created = [limit]  # the allocator's own limit: what the device was created with
    if len(created) != 1 or _MEMORY_CAPPED.search(text):
        return ""
    sizes = list(_DEVICE_SIZE.finditer(text))
    if sizes:
        # (of several GPUs, the smallest: the device may be any of them)
        size = min(sizes, key=lambda m: float(m["total"]) * (1024 if m["total_unit"] == "G" else 1))
        total = float(size["total"]) * (1024 if size["total_unit"] == "G" else 1)
        shown = size.group(0)
    elif listed := [int(m["total"]) for m in _SMI_MEMORY.finditer(text)]:
        total = min(listed)
        shown = f"nvidia-smi: {total}MiB " + (
            "on its smallest GPU" if len(listed) > 1 else "in all"
        )
    else:
        return ""
    given = created[0].groupdict()
    free = int(given["free"]) if given.get("free") else int(given["limit_bytes"]) // 2**20
    if total <= 0 or free >= total / 10:
        return ""
    return f"{shown}; {created[0].group(0).strip()[:200]}"


def mostly_free(text: str) -> str:
    found = _MEMORY_USAGE.search(text)
    if found is None or int(found["total"]) == 0:
        return ""
    return found.group(0) if int(found["free"]) >= int(found["total"]) / 2 else ""


SMI_HEADER = re.compile(
    r"Driver Version: ?(?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\s+(?:CUDA Version: ?"
    r"(?:(?P<cuda>\d{1,2}\.\d{1,2})|N/A|ERR!)|\|)"
)
"""The header of nvidia-smi's table, which reports paste often (before R410 it named no CUDA
version: NVIDIA's table gives the one the driver supports)."""
_SMI_QUERY = re.compile(
    r"^[> \t]*Driver Version[ \t]{0,40}: (?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)[ \t]*\n"
    r"(?:[> \t]*CUDA Version[ \t]{0,40}: (?P<cuda>\d{1,2}\.\d{1,2}))?",
    re.MULTILINE,
)
"""'nvidia-smi -q' (or -a): the driver and, on the next line, the CUDA version it supports."""
_DRIVER_REPORTED = SIGNATURES["driver-version-reported"].pattern
"""TensorFlow's own CUDA diagnostics name the installed driver."""
_DRIVER_VERSION_FILE = re.compile(
    r"NVRM version: NVIDIA UNIX (?:Open Kernel Module for \w{1,20}|\w{1,20} Kernel Module)"
    r"[ \t]{1,10}(?P<driver>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\b"
)
"""/proc/driver/nvidia/version, pasted: the loaded kernel module's version, the driver's."""
_NVCC_RELEASE = re.compile(r"Cuda compilation tools, release (?P<version>\d{1,2}\.\d{1,2})")
"""'nvcc --version': the CUDA toolkit on PATH."""


class DriverShown(NamedTuple):
    driver: str
    cuda: str | None
    """The highest CUDA it supports, where the same lines show it."""
    line: str


def driver_shown(sample: str) -> DriverShown | None:
    """The driver and, where shown, the CUDA it supports, from nvidia-smi's table, TensorFlow's
    CUDA diagnostics, 'nvidia-smi -q' or the kernel module's version file."""
    found = SMI_HEADER.search(sample) or _DRIVER_REPORTED.search(sample)
    if found is not None and found.re is _DRIVER_REPORTED:
        # TensorFlow's diagnostics name libcuda's version first: where they go on to say it is
        # not the kernel module's, the driver is the one the mismatch is mended to
        mended = _mended_driver(sample)
        if mended is not None:
            return mended
    found = found or _SMI_QUERY.search(sample) or _DRIVER_VERSION_FILE.search(sample)
    if found is None:
        return None
    # ('nvidia-smi -q' gives the driver and its CUDA on two lines: quoted as one)
    shown = " ".join(found.group(0).split())
    return DriverShown(found["driver"], found.groupdict().get("cuda"), shown)


_MISMATCH_REPORTED = SIGNATURES["kernel-dso-mismatch"].pattern
"""TensorFlow's 'kernel version K does not match DSO version D' (groups 'kernel', 'dso')."""


def _mended_driver(sample: str) -> DriverShown | None:
    """TensorFlow's 'kernel version K does not match DSO version D': the driver this machine has
    once the mismatch is mended is the newer of the two (a stale libcuda taken off the path, or
    a reboot into the upgraded module), not libcuda's alone. Not for CUDA's
    forward-compatibility package, a newer libcuda on purpose over an older host driver."""
    found = _MISMATCH_REPORTED.search(sample)
    if found is None or _FORWARD_COMPATIBILITY.search(sample):
        return None
    kernel, library = found["kernel"], found["dso"]
    newer = kernel if _driver_version(kernel) > _driver_version(library) else library
    return DriverShown(newer, None, found.group(0))


_DRIVER_HALF = re.compile(
    r"libcuda reported version is: (?P<library>\S+)"
    r"|kernel reported version is: (?P<kernel>\S+)"
    # the driver version file TensorFlow prints between the two: 'NVRM version: NVIDIA UNIX
    # x86_64 Kernel Module  384.90  Tue Sep 19 ...', 'NVIDIA UNIX Open Kernel Module for x86_64'
    r"|Kernel Module(?: for \w{1,20})?[ \t]{1,10}(?P<module>\d{2,4}\.\d{1,3}(?:\.\d{1,3})?)\b"
    r"|(?P<compared>kernel version seems to match DSO|does not match DSO version)"
)
_DRIVER_NUMBER = re.compile(r"\d{2,4}\.\d{1,3}(?:\.\d{1,3})?")
_FORWARD_COMPATIBILITY = re.compile(
    r"(?i:forward compatibility)|/compat/lib|/cuda/compat\b|COMPAT_NOT_SUPPORTED"
    r"|UNKNOWN ERROR \(804\)"
)
"""CUDA's forward-compatibility package: a libcuda newer than the kernel module on purpose."""
PAIR_LINES = 8
"""How close TensorFlow prints the module's version after libcuda's (the driver version file
it quotes between them takes three lines)."""


def driver_halves(sample: str) -> tuple[str, str, str, str] | None:
    """The last pair of driver versions TensorFlow's CUDA diagnostics printed (libcuda's, then
    the kernel module's) and their lines, when both are numbers, differ, and TensorFlow's own
    comparison of them is not in the paste (it says so itself then); None otherwise, and where
    CUDA's forward-compatibility package makes libcuda newer on purpose."""
    if _FORWARD_COMPATIBILITY.search(sample):
        return None
    libraries: list[tuple[re.Match[str], int]] = []  # printed, not yet paired, newest last
    pair: tuple[re.Match[str], re.Match[str]] | None = None
    line, counted = 0, 0  # the line each match starts on, counting each newline once
    for m in _DRIVER_HALF.finditer(sample):
        line += sample.count("\n", counted, m.start())
        counted = m.start()
        if m["compared"]:
            libraries, pair = [], None
            continue
        if m["library"] is not None:
            pair = None
            if _DRIVER_NUMBER.fullmatch(m["library"]):
                # no more of them fit in the lines a module's version may follow them by
                libraries = [*libraries[-PAIR_LINES:], (m, line)]
            continue
        libraries = [(lib, at) for lib, at in libraries if line - at <= PAIR_LINES]
        version = m["kernel"] or m["module"]
        if not libraries or not _DRIVER_NUMBER.fullmatch(version):
            continue
        # processes of several machines interleave their diagnostics: a module whose version
        # some libcuda printed just before belongs with it
        same = [
            entry
            for entry in libraries
            if _driver_version(entry[0]["library"]) == _driver_version(version)
        ]
        if same:
            libraries.remove(same[-1])
            pair = None
        else:
            pair = (libraries.pop()[0], m)
    if pair is None:
        return None
    library, kernel = pair
    return (
        library["library"],
        kernel["kernel"] or kernel["module"],
        line_of(sample, library),
        line_of(sample, kernel),
    )


DRIVER_PACKAGE = re.compile(
    # a package of the driver's user-space part, installed: 'dpkg -l' (Ubuntu's
    # nvidia-utils-525 and libnvidia-compute-525, Debian's nvidia-smi and libcuda1, the
    # metapackages) and 'rpm -qa' (RPM Fusion's and NVIDIA's CUDA libraries)
    r"^[ \t]*(?:ii[ \t]+(?:nvidia-utils|libnvidia-compute|nvidia-driver)-\d{3}(?:-server|-open)?"
    r"(?::\w{1,10})?|ii[ \t]+(?:nvidia-smi|libcuda1|cuda-drivers)(?::\w{1,10})?)[ \t]+(?:\d{1,2}:)?"
    r"(?P<version>\d{3}\.\d{1,3}(?:\.\d{1,3})?)-"
    r"|^[ \t]*(?:xorg-x11-drv-nvidia-cuda-libs|nvidia-driver-cuda-libs)-(?:\d{1,2}:)?"
    r"(?P<rpm>\d{3}\.\d{1,3}(?:\.\d{1,3})?)-",
    re.MULTILINE,
)


ANOTHER_MACHINE = re.compile(
    # Windows' prompts (PowerShell's, cmd's) in a paste from WSL: the Windows side
    r"^[ \t]*PS [A-Za-z]:\\|^[ \t]*[A-Za-z]:\\[^>\n]{0,200}>"
    # a command that moves the shell to another machine, a job's node or a container, typed
    # at a prompt or at the line's start (not WSL's /usr/lib/wsl/lib folder)
    r"|(?:^[ \t]*|[$>#%][ \t]{0,4})(?:sudo )?(?:ssh|wsl(?:\.exe)?|srun|salloc|podman (?:run|exec)"
    r"|kubectl exec|singularity (?:exec|shell|run)|apptainer (?:exec|shell|run)|enroot start"
    r"|qsub -I|bsub -Is)(?=[ \t]|$)|\bdocker (?:run|exec)\b",
    re.MULTILINE,
)
"""A prompt or command that moves a paste to another shell or machine: what the lines before
it showed is not what the lines after it show."""
_PROMPT_HOST = re.compile(
    # a prompt naming its host ('[me@gpu017 ~]$', 'me@node2:~$')
    r"^[ \t]*(?:\([\w.-]{1,60}\) )?\[?[\w.-]{1,60}@(?P<host>[\w.-]{1,80})[: ]",
    re.MULTILINE,
)


def _one_machine(sample: str, start: int, end: int) -> bool:
    """Whether nothing between two places of a paste moves to another machine: no such
    command, and one host in the prompts."""
    if ANOTHER_MACHINE.search(sample, start, end):
        return False
    return len({m["host"] for m in _PROMPT_HOST.finditer(sample, start, end)}) <= 1


def packages_and_module(sample: str) -> tuple[str, str, str, str] | None:
    """The driver's user-space packages installed (a package list) and the kernel module
    loaded (/proc/driver/nvidia/version), with their lines, where every such package is of
    one version and the module of another: an update not booted into yet, or the packages
    of a container image beside the host's module. None where either is missing, where the
    packages disagree among themselves, and where CUDA's forward-compatibility package is in
    the paste (its libcuda is newer on purpose), and where the paste moves to another machine
    between the two."""
    module = _DRIVER_VERSION_FILE.search(sample)
    if module is None or _FORWARD_COMPATIBILITY.search(sample):
        return None
    packages = list(DRIVER_PACKAGE.finditer(sample))
    versions = {_driver_version(m["version"] or m["rpm"]) for m in packages}
    if len(versions) != 1 or versions == {_driver_version(module["driver"])}:
        return None
    package = packages[0]
    first, last = sorted((package.start(), module.start()))
    if not _one_machine(sample, first, last):
        return None  # the list of one machine, the module of another (a login node, a job)
    return (
        package["version"] or package["rpm"],
        module["driver"],
        line_of(sample, package),
        line_of(sample, module),
    )


def _driver_version(text: str) -> tuple[int, ...]:
    """'384.90.0' and '384.90' are one version: TensorFlow pads them to three parts."""
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 2 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def line_of(text: str, match: re.Match[str]) -> str:
    """The whole line a match is on, stripped."""
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start : end if end != -1 else len(text)].strip()


def toolkits_on_path(sample: str) -> list[tuple[str, str]]:
    """(X.Y, line) of each CUDA toolkit 'nvcc --version' shows."""
    return [(m.group("version"), m.group(0)) for m in _NVCC_RELEASE.finditer(sample)]


def glibc_shown(sample: str) -> tuple[str, str] | None:
    """The system's glibc, with its line, as 'ldd --version' or conda shows it."""
    glibc = _GLIBC_SHOWN.search(sample)
    if glibc is None:
        return None
    return glibc["ldd"] or glibc["conda"] or glibc["platform"], glibc.group(0).strip()
