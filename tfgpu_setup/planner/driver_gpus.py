"""Whether the installed NVIDIA driver branch drives each GPU at all.

A driver branch older than the first CUDA of a GPU's architecture does not know the GPU (an
RTX 5090 needs the R570 of CUDA 12.8), and one past an architecture's last branch no longer
drives it (Kepler stops at R470, Maxwell to Volta at R580): nvidia-smi then lists no such GPU,
and no TensorFlow can use it. Branches are compared, not full versions: a GPU's launch driver
may be a little older than its CUDA's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..errors import UserError
from ..facts import Facts, Gpu
from ..matrix import query
from ..matrix.model import Architecture, Matrix


@dataclass(frozen=True)
class DriverGap:
    gpu: Gpu
    kind: Literal["predates", "past"]
    """predates: the branch is older than the GPU; past: newer than its last branch."""
    branch: int
    """predates: the first branch that drives the GPU; past: the last one."""
    reason: str
    source: str


WSL_CUDA_BRANCH = 470
"""NVIDIA's Windows drivers have run CUDA in WSL 2 since the R470 branch (the WSL user guide's
drivers; earlier ones were previews for Windows Insider builds)."""


WINDOWS_BRANCH_SPAN = 9
"""A Windows driver of a branch is numbered up to this far past it (R470's 474.44, R580's
581.57); the next branch starts further on (R495's 496.13, R590's 591.44)."""


def last_branch_of(gpus: Sequence[Gpu], matrix: Matrix) -> tuple[int, str] | None:
    """(the last branch, the GPU it ends for) of the GPU among these whose drivers end first,
    where any has a last branch (a K80: R470)."""
    capped = [
        (arch.last_driver_branch, g.name)
        for g in gpus
        if g.compute_capability
        and (arch := query.arch_for_cc(matrix, g.compute_capability))
        and arch.last_driver_branch is not None
    ]
    return min(capped) if capped else None


def last_branch_words(cap: tuple[int, str] | None) -> str:
    """The upper bound a driver statement about such a GPU carries ('' without one)."""
    if cap is None:
        return ""
    last, name = cap
    return f" of branch R{last} or older (later branches no longer drive the {name})"


def driver_branch(version: str) -> int | None:
    """The branch of a driver version: 550 of 550.54.15."""
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def first_driver(arch: Architecture, matrix: Matrix, windows: bool) -> str | None:
    """The first driver of the CUDA that brought the architecture (an RTX 5090's: CUDA 12.8's
    570.26); None where its CUDA is unknown or older than the driver table."""
    if arch.first_cuda is None:
        return None
    try:
        return query.min_driver_for_cuda(matrix, arch.first_cuda, windows)[1]
    except UserError:
        return None  # every branch the table covers is newer


def first_driver_for_the_gpus(
    gpus: Sequence[Gpu], matrix: Matrix, windows: bool
) -> tuple[str, str] | None:
    """The oldest driver that drives every one of these GPUs (the newest architecture's first
    CUDA's driver: an RTX 5090 needs CUDA 12.8's), with that GPU's name; None where none is
    known."""
    found: tuple[str, str] | None = None
    for gpu in gpus:
        cc = gpu.compute_capability
        arch = query.arch_for_cc(matrix, cc) if cc else None
        first = first_driver(arch, matrix, windows) if arch else None
        if first and (found is None or query.compare_driver_versions(first, found[0]) > 0):
            found = (first, gpu.name)
    return found


def first_driver_past(
    floor: str | None, gpus: Sequence[Gpu], matrix: Matrix, windows: bool
) -> tuple[str, str] | None:
    """The GPUs' first driver, with the GPU's name, where it is later than `floor` (a release's
    driver floor; None: none known): the driver to install must meet both."""
    first = first_driver_for_the_gpus(gpus, matrix, windows)
    if first is None or (floor is not None and query.compare_driver_versions(first[0], floor) <= 0):
        return None
    return first


def predates_wsl_cuda(facts: Facts) -> bool:
    """A Windows driver, seen from WSL 2, of a branch before WSL 2 ran CUDA."""
    branch = driver_branch(facts.driver.version) if facts.driver.version else None
    return facts.platform.os == "wsl2" and branch is not None and branch < WSL_CUDA_BRANCH


def undriven_indices(facts: Facts, matrix: Matrix, windows: bool) -> frozenset[int]:
    """The GPUs the installed driver does not drive (nvidia-smi lists none), by index."""
    return frozenset(gap.gpu.index for gap in driver_gaps(facts, matrix, windows))


def dropped_by(
    gpu: Gpu, matrix: Matrix, branch: int, windows: bool = False
) -> tuple[Architecture, int] | None:
    """The GPU's architecture and its last branch where a driver of this branch no longer
    drives it (Kepler past R470), else None. A Windows-numbered driver is past the last branch
    only beyond the numbers that branch's own Windows drivers take."""
    arch = query.arch_for_cc(matrix, gpu.compute_capability) if gpu.compute_capability else None
    last = arch.last_driver_branch if arch else None
    if arch is None or last is None:
        return None
    return (arch, last) if branch > last + (WINDOWS_BRANCH_SPAN if windows else 0) else None


_GAPS: dict[tuple[object, ...], tuple[Matrix, tuple[DriverGap, ...]]] = {}
_GAPS_LIMIT = 4096


def driver_gaps(facts: Facts, matrix: Matrix, windows: bool) -> tuple[DriverGap, ...]:
    """driver_gaps, remembered per machine type: every release's evaluation asks it again, and
    a fleet's hosts differ in UUIDs (a gap's GPU is then another host's of the same model)."""
    models = tuple((g.name, g.compute_capability) for g in facts.gpus)
    key = (id(matrix), facts.driver.version, facts.platform.arch, windows, models)
    hit = _GAPS.get(key)
    if hit is not None and hit[0] is matrix:
        return hit[1]
    found = _driver_gaps(facts, matrix, windows)
    if len(_GAPS) >= _GAPS_LIMIT:
        _GAPS.clear()
    _GAPS[key] = (matrix, found)
    return found


def _driver_gaps(facts: Facts, matrix: Matrix, windows: bool) -> tuple[DriverGap, ...]:
    """The GPUs the stated or measured driver cannot drive (windows: the driver is numbered
    as Windows numbers it). Not judged on Arm (Jetson's L4T drivers are numbered apart)."""
    version = facts.driver.version
    branch = driver_branch(version) if version else None
    if branch is None or not facts.gpus or facts.platform.arch in ("aarch64", "arm64"):
        return ()
    gaps: list[DriverGap] = []
    for gpu in facts.gpus:
        arch = query.arch_for_cc(matrix, gpu.compute_capability) if gpu.compute_capability else None
        if arch is None:
            continue
        dropped = dropped_by(gpu, matrix, branch, windows)
        if dropped is not None:
            last = dropped[1]
            gaps.append(
                DriverGap(
                    gpu,
                    "past",
                    last,
                    f"driver {version} is past R{last}, the last branch that drives "
                    f"{arch.name} GPUs like the {gpu.name}",
                    arch.driver_source or arch.source,
                )
            )
            continue
        first = first_driver(arch, matrix, windows)
        if first is None:
            continue
        needed = driver_branch(first)
        if needed is not None and branch < needed:
            gaps.append(
                DriverGap(
                    gpu,
                    "predates",
                    needed,
                    f"driver {version} predates {arch.name} GPUs like the {gpu.name}: CUDA "
                    f"{arch.first_cuda} brought them, with driver {first}",
                    arch.source,
                )
            )
    return tuple(gaps)


OPEN_MODULES_ONLY = frozenset({"Blackwell"})
"""Architectures NVIDIA drives only with its open kernel modules (the driver installation
guide: 'For cutting-edge platforms such as NVIDIA Grace Hopper or NVIDIA Blackwell, you must use
the open-source GPU kernel modules'); Grace Hopper is told by its name (GH200), its Hopper GPU
alone being driven by both flavours."""


def open_modules_words(facts: Facts, matrix: Matrix) -> str:
    """The sentence a Linux driver install adds for a GPU only the open kernel modules drive:
    the proprietary package of the same branch installs and refuses it ('' for any other GPU,
    and where the driver lives elsewhere: WSL 2's and a container's are the host's)."""
    if not (facts.knows("os") and facts.platform.os == "linux") or facts.platform.wsl:
        return ""
    if facts.knows("container") and facts.platform.container:
        return ""
    for g in facts.gpus:
        arch = query.arch_for_cc(matrix, g.compute_capability) if g.compute_capability else None
        if (arch is not None and arch.name in OPEN_MODULES_ONLY) or "GH200" in g.name.upper():
            return (
                f" The {g.name} runs only on NVIDIA's open kernel modules: install the open"
                " flavour ('nvidia-driver-NNN-open' on Ubuntu, 'nvidia-open' from NVIDIA's"
                " repository, 'MIT/GPL' in the .run installer); the proprietary module of the"
                " same branch refuses it."
            )
    return ""
