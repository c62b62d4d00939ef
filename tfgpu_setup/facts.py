"""Facts: everything probe learns about a host, as plain data that round-trips through JSON.

Every fact is known (a value and its `source`), known absent (no value, and the `reason` says how
that is known), or unknown: nobody measured or stated it. Unknown facts are listed by name in
`Facts.unknown`; their fields hold placeholders that are never evidence. A probe leaves nothing
unknown; --no-probe, a pasted log and a partial facts file leave unknown whatever was not stated.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

from .documents import DocumentKind, decode_document, parse_json
from .serde import to_jsonable

if TYPE_CHECKING:
    from .versions import LibraryKind

STATED = "stated: "
"""How a reason begins when a person stated the fact (a flag, a facts file) rather than a probe
measuring it."""
PCI_LISTS_NONE = "the PCI bus lists none: "
"""The reason of a GPU list a PCI listing emptied ('lspci | grep -i nvidia' printed nothing):
evidence whatever the driver, which lspci does not need."""

LOADED_PER_LOG = "(loaded, per the log)"
"""The path of a library install known only because TensorFlow's log says it loaded it."""

SCHEMA = "tfgpu-setup/facts"
SCHEMA_VERSION = 1

FACTS_DOCUMENT = DocumentKind(
    SCHEMA, SCHEMA_VERSION, "facts", "tfgpu-setup probe --json > host.json"
)

OsName = Literal["linux", "wsl2", "windows", "macos", "other"]

MACHINE_ALIASES = {
    "amd64": "x86_64",
    "x64": "x86_64",
    "x86-64": "x86_64",
    "x86_64": "x86_64",
    "i386": "x86",
    "i486": "x86",
    "i586": "x86",
    "i686": "x86",
    "x86": "x86",
    # machines TensorFlow publishes no wheel for, known so a plan can say so
    "armv6l": "armv6l",
    "armv7l": "armv7l",
    "armv8l": "armv8l",
    "ppc64le": "ppc64le",
    "s390x": "s390x",
    "riscv64": "riscv64",
}
"""What 'uname -m' (or Python's platform.machine()) prints, as one name each; arm64 and
aarch64 are the same machine, named by the operating system (normalised_arch)."""
KNOWN_MACHINES = frozenset({*MACHINE_ALIASES, "arm64", "aarch64"})


def normalised_arch(machine: str, os_name: str) -> str:
    lowered = machine.strip().lower()
    if lowered in ("arm64", "aarch64"):
        # Linux calls it aarch64, macOS and Windows call it arm64.
        return "arm64" if os_name in ("macos", "windows") else "aarch64"
    return MACHINE_ALIASES.get(lowered, lowered or "unknown")


FACT_NAMES = (
    "os",
    "arch",
    "glibc",
    "container",
    "pythons",
    "driver",
    "gpus",
    "cuda",
    "cudnn",
    "target_env",
    "libcuda",
    "env",
)
"""The facts that can be unknown, by name (Facts.unknown lists some of them)."""
_DOCUMENT_KEYS = {
    "pythons": "pythons",
    "gpus": "gpus",
    "cuda": "cuda",
    "cudnn": "cudnn",
    "target_env": "target_env",
    "libcuda": "libcuda",
    "env": "env",
}
_PLATFORM_KEYS = {"os": "os", "arch": "arch", "glibc": "glibc", "container": "container"}


@dataclass(frozen=True)
class Note:
    """Something a probe source said that is not a value: a failure, a timeout, a disagreement."""

    source: str
    message: str


JUDGED_BY_THE_LOG = ": judged by the log"
"""How a note ends where a pasted log's measurement outranked a stated fact (the doctor shows
those notes, so the user sees which statement was set aside)."""


MUSL = "musl"
"""What --glibc says for a system whose C library is musl (Alpine), which has no glibc."""


@dataclass(frozen=True)
class Platform:
    os: OsName
    arch: str
    """Normalised machine name: x86_64, aarch64 (Linux), arm64 (macOS), AMD64 -> x86_64."""
    kernel: str | None = None
    distro: str | None = None
    glibc: str | None = None
    """glibc version as X.Y, None on musl, macOS and Windows."""
    musl: bool = False
    """The C library is musl (Alpine): no glibc, so no manylinux wheel installs."""
    wsl: bool = False
    wsl_evidence: tuple[str, ...] = ()
    container: bool = False
    container_evidence: tuple[str, ...] = ()
    source: str = "detected"


@dataclass(frozen=True)
class PythonInterpreter:
    version: str
    """X.Y.Z"""
    path: str | None
    source: str
    """'running', 'PATH', 'pyenv', or 'flag --python' for what-if planning."""


@dataclass(frozen=True)
class Driver:
    version: str | None
    """User-space driver version as NVML or nvidia-smi report it (WSL2: Windows numbering)."""
    cuda_version: str | None
    """The highest CUDA version the driver supports, X.Y."""
    source: str
    reason: str | None = None
    """Why version is None."""
    kernel_module_version: str | None = None
    """The loaded kernel module (/proc/driver/nvidia/version, /sys/module/nvidia/version)."""
    library_version: str | None = None
    """The user-space library (NVML / nvidia-smi)."""
    mismatch: bool = False
    """Kernel module and user-space library differ: 'driver/library version mismatch'."""
    windows_numbering: bool = False
    """WSL2: the version is the Windows host driver's, e.g. 572.16."""
    kernel_module_flavor: str | None = None
    """'open' or 'proprietary' where /proc says so."""


@dataclass(frozen=True)
class MigDevice:
    index: int
    uuid: str | None
    name: str | None = None
    memory_total_mib: int | None = None


@dataclass(frozen=True)
class Gpu:
    index: int
    name: str
    uuid: str | None = None
    pci_bus_id: str | None = None
    compute_capability: str | None = None
    """X.Y from NVML or nvidia-smi; None when the source could not say (see cc_source)."""
    cc_source: str | None = None
    memory_total_mib: int | None = None
    mig_mode: Literal["enabled", "disabled"] | None = None
    mig_devices: tuple[MigDevice, ...] = ()
    source: str = "nvml"


@dataclass(frozen=True)
class CudaInstall:
    version: str | None
    path: str
    kind: Literal["toolkit", "runtime", "nvcc", "conda"]
    source: str


@dataclass(frozen=True)
class CudnnInstall:
    version: str | None
    path: str
    kind: Literal["headers", "library", "wheel"]
    source: str


@dataclass(frozen=True)
class NvidiaWheel:
    name: str
    """Normalised distribution name, e.g. nvidia-cudnn-cu12."""
    version: str
    lib_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class TfDistribution:
    name: str
    """tensorflow, tensorflow-cpu, tensorflow-gpu, tf-nightly, tensorflow-intel, ..."""
    version: str


@dataclass(frozen=True)
class TfBuildInfo:
    is_cuda_build: bool
    cuda_version: str | None = None
    cudnn_version: str | None = None
    compute_capabilities: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class PythonEnv:
    path: str
    python_version: str | None
    is_virtualenv: bool
    site_packages: str | None = None
    nvidia_wheels: tuple[NvidiaWheel, ...] = ()
    tensorflow: tuple[TfDistribution, ...] = ()
    tf_build: TfBuildInfo | None = None
    tf_build_reason: str | None = None
    """Why tf_build is None although TensorFlow is installed."""
    source: str = "detected"
    reason: str | None = None
    """Why the environment could not be read, if it could not."""


@dataclass(frozen=True)
class Facts:
    platform: Platform
    driver: Driver
    pythons: tuple[PythonInterpreter, ...] = ()
    gpus: tuple[Gpu, ...] = ()
    gpus_reason: str | None = None
    """Why no GPU is listed, when none is."""
    other_gpus: tuple[str, ...] = ()
    """GPUs of other makers (AMD, Intel, Apple) stated or seen here: CUDA cannot use them."""
    cuda: tuple[CudaInstall, ...] = ()
    cudnn: tuple[CudnnInstall, ...] = ()
    target_env: PythonEnv | None = None
    libcuda: tuple[str, ...] = ()
    """Where the driver's user-space library libcuda.so.1 was found (loader cache, WSL folder)."""
    env: dict[str, str | None] = field(default_factory=dict)
    """The variables that matter, as the user's process sees them; None means unset."""
    notes: tuple[Note, ...] = ()
    unknown: tuple[str, ...] = ()
    """Facts nobody measured or stated (names from FACT_NAMES): their fields are placeholders."""
    schema: str = SCHEMA
    schema_version: int = SCHEMA_VERSION

    def gpus_stated_absent(self) -> bool:
        """No NVIDIA GPU here, as a person stated it: evidence whatever the driver."""
        return self.knows("gpus") and not self.gpus and (self.gpus_reason or "").startswith(STATED)

    def gpus_absent(self) -> bool:
        """No NVIDIA GPU here, as evidence shows: stated, a PCI listing showing none, or a
        working driver listing none. The empty list of a probe that found no driver (or a
        broken one) to ask is not evidence: a GPU without its driver is listed nowhere."""
        if not self.knows("gpus") or self.gpus:
            return False
        return self.gpus_stated_absent() or self.pci_lists_no_gpu() or self.driver_answers()

    def pci_lists_no_gpu(self) -> bool:
        """No NVIDIA GPU on the PCI bus, as a listing of it showed (lspci needs no driver)."""
        return (
            self.knows("gpus")
            and not self.gpus
            and (self.gpus_reason or "").startswith(PCI_LISTS_NONE)
        )

    def driver_answers(self) -> bool:
        """A working driver is known: one that would list the GPUs (its version known, its
        library and kernel module the same)."""
        return self.driver.version is not None and not self.driver.mismatch

    def installs(self, kind: LibraryKind) -> tuple[CudaInstall, ...] | tuple[CudnnInstall, ...]:
        """The CUDA or the cuDNN installs, by kind."""
        return self.cuda if kind == "cuda" else self.cudnn

    def knows(self, name: str) -> bool:
        """Whether a fact was measured or stated (its value, or its absence, is evidence)."""
        return name not in self.unknown

    def to_jsonable(self) -> dict[str, Any]:
        data: dict[str, Any] = to_jsonable(self)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_jsonable(), indent=2, sort_keys=False)

    @classmethod
    def from_jsonable(cls, data: Any, origin: str = "facts") -> Facts:
        if isinstance(data, dict) and data.get("schema") == SCHEMA:
            data = with_unstated_marked(data)
        return decode_document(cls, data, origin, FACTS_DOCUMENT)

    @classmethod
    def from_json(cls, text: str, origin: str = "facts") -> Facts:
        return cls.from_jsonable(parse_json(text, origin, FACTS_DOCUMENT), origin)


IGNORED_FIELDS_NOTE = Note("facts document", "ignored fields this tool does not know")
"""The note a facts document's unknown keys leave (its message goes on with their names)."""


def with_unstated_marked(data: dict[str, Any]) -> dict[str, Any]:
    """A partial facts document: what it leaves out is unknown, never absent. Older documents
    (no 'unknown' key) came from a full probe, so they hold every key and stay fully known."""
    # null where the field takes none (a driver, a list) reads as left out: unknown
    filled, ignored = _known_fields(data, Facts, "")
    for key, cls in (("platform", Platform), ("driver", Driver)):
        if isinstance(filled.get(key), dict):
            filled[key], dropped = _known_fields(filled[key], cls, f"{key}.")
            ignored += dropped
    single: tuple[tuple[str, type], ...] = (("driver", Driver), ("target_env", PythonEnv))
    for key, single_cls in single:
        if isinstance(filled.get(key), dict):
            filled[key] = _gaps_filled(filled[key], single_cls)
    if isinstance(filled.get("gpus"), list):
        filled["gpus"], dropped = _gpu_entries(filled["gpus"])
        ignored += dropped
        if not filled["gpus"] and not filled.get("gpus_reason"):
            # a hand-written empty list says so (a probe's says why it found none)
            filled["gpus_reason"] = f"{STATED}no NVIDIA GPU (the facts document lists none)"
    listed: tuple[tuple[str, type], ...] = (
        ("pythons", PythonInterpreter),
        ("cuda", CudaInstall),
        ("cudnn", CudnnInstall),
    )
    for key, entry_cls in listed:
        if isinstance(filled.get(key), list):
            filled[key] = [
                _gaps_filled(e, entry_cls) if isinstance(e, dict) else e for e in filled[key]
            ]
    driver = filled.get("driver")
    if isinstance(driver, dict) and driver.get("source") == "unknown" and not driver.get("version"):
        del filled["driver"]  # a driver nobody measured: not one known to be absent
    if ignored:
        notes = filled.get("notes", [])
        filled["notes"] = [
            *(notes if isinstance(notes, list) else []),
            {
                "source": IGNORED_FIELDS_NOTE.source,
                "message": f"{IGNORED_FIELDS_NOTE.message}: {', '.join(ignored)}",
            },
        ]
    stated_unknown = filled.get("unknown", [])
    unknown = (
        {n for n in stated_unknown if n in FACT_NAMES}
        if isinstance(stated_unknown, list)
        else set()
    )
    platform = filled.get("platform", {"source": "assumed: not in the facts document"})
    if isinstance(platform, dict):
        platform = dict(platform)
        unknown.update(name for key, name in _PLATFORM_KEYS.items() if key not in platform)
        platform.setdefault("os", "linux")
        platform.setdefault("arch", "x86_64")
    filled["platform"] = platform
    if "driver" not in filled:
        unknown.add("driver")
        filled["driver"] = {
            "version": None,
            "cuda_version": None,
            "source": "not in the facts document",
        }
    for key, name in _DOCUMENT_KEYS.items():
        if key not in filled:
            unknown.add(name)
    filled["unknown"] = [n for n in FACT_NAMES if n in unknown]
    return filled


def _gpu_entries(gpus: list[Any]) -> tuple[list[Any], list[str]]:
    """A hand-written GPU list: an entry without 'index' takes its place in the list (as
    nvidia-smi numbers them), null fields are unknown, keys this tool does not know are
    dropped (their names returned)."""
    entries: list[Any] = []
    dropped: list[str] = []
    for position, gpu in enumerate(gpus):
        if not isinstance(gpu, dict):
            entries.append(gpu)  # (the decoder names what is wrong with it)
            continue
        entry, unknown = _known_fields(gpu, Gpu, f"gpus[{position}].")
        entry.setdefault("index", position)
        dropped += unknown
        entries.append(entry)
    return entries, dropped


def _known_fields(
    entry: dict[str, Any], cls: type, prefix: str
) -> tuple[dict[str, Any], list[str]]:
    """The keys `cls` has a field for, but a null where the field takes none (left out:
    unknown); and the names, after `prefix`, of the keys it has no field for."""
    names, nullable = _field_names(cls), _nullable(cls)
    kept = {k: v for k, v in entry.items() if k in names and (v is not None or k in nullable)}
    return kept, [prefix + k for k in entry if k not in names]


def _gaps_filled(entry: dict[str, Any], cls: type) -> dict[str, Any]:
    """A hand-written entry: a field it leaves out that can be unknown is (None), and one that
    says where the value came from says the facts document; other gaps stay for the decoder
    to name."""
    nullable = _nullable(cls)
    filled = dict(entry)
    for f in fields(cls):
        if f.name in filled or f.default is not MISSING or f.default_factory is not MISSING:
            continue
        if f.name in nullable:
            filled[f.name] = None
        elif f.name == "source":
            filled[f.name] = "facts document"
        elif (cls, f.name) in _HAND_WRITTEN_DEFAULTS:
            filled[f.name] = _HAND_WRITTEN_DEFAULTS[(cls, f.name)]
    return filled


_HAND_WRITTEN_DEFAULTS: dict[tuple[type, str], str] = {
    (CudaInstall, "kind"): "toolkit",
    (CudaInstall, "path"): "(not given)",
    (CudnnInstall, "kind"): "library",
    (CudnnInstall, "path"): "(not given)",
}
"""What a person writing a facts document by hand leaves out of a CUDA or cuDNN entry: a
version is a toolkit or library of that version, wherever it is."""


def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _nullable(cls: type) -> frozenset[str]:
    """The fields whose null is a value (None: not found), not a gap in the document."""
    # (annotations are strings here: 'str | None')
    return frozenset(f.name for f in fields(cls) if f.default is None or "None" in str(f.type))


ENV_VARIABLES = (
    "CUDA_VISIBLE_DEVICES",
    "CUDA_DEVICE_ORDER",
    "LD_LIBRARY_PATH",
    "PATH",
    "CUDA_HOME",
    "CUDA_PATH",
    "XLA_FLAGS",
    "TF_CPP_MIN_LOG_LEVEL",
    "TF_FORCE_GPU_ALLOW_GROWTH",
    "NVIDIA_VISIBLE_DEVICES",
    "NVIDIA_DRIVER_CAPABILITIES",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
)
"""The environment variables probe records (None when unset)."""
