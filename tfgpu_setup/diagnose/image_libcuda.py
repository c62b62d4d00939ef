"""A libcuda of another driver branch than the kernel module: a CUDA forward-compatibility
package's, or an image's own copy, not a driver update waiting for a reboot.

The NVIDIA container runtime mounts the host's libcuda, of the module's own version, so a libcuda
of a newer branch inside a container is the image's (a forward-compatibility package on its
loader path, or a copy built in): the host driver is older than the image's CUDA needs
(tensorflow#48722: libcuda 460.73.1 over a 455.32 module in the 2.5.0-gpu image). Outside a
container the same holds where the log shows the compatibility package (/usr/local/cuda/compat,
cuda-compat); CUDA's error 804 alone there is as often an update not yet booted into. A host
driver updated and not yet booted into shows otherwise: the same branch (535.104 over 535.129),
or NVML and the kernel's NVRM saying the two differ (NVML is not in the compatibility package);
that stays a driver mismatch. An OLDER branch loaded from the
compatibility package's folder on the loader path is that package shadowing a newer host driver
(tensorflow#38164: CUDA 10.1's compat libcuda 418.87 over a 440.64 module): take it off the path.
Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from packaging.version import InvalidVersion

from ..doc_urls import CONTAINER_TOOLKIT
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix import query
from ..matrix.model import Matrix, TfRelease
from ..planner.driver_gpus import dropped_by
from ..planner.evaluate import refuses_forward_compatibility
from ..planner.rules import FORWARD_COMPAT
from ..versions import parsed
from .facts_from_log import container_only_from_the_log
from .logfacts import LogFacts
from .logs import LogMatch
from .sources import quoted

_COMPATIBILITY_PACKAGE = re.compile(
    r"/cuda[\w.-]{0,20}/compat\b|\bcuda-compat\b|[Ff]orward [Cc]ompatibility mode ENABLED"
)
"""The compatibility package itself: its folder or package, NGC's banner; not XLA's advice
that mentions it."""
_ERROR_804 = re.compile(r"COMPAT_NOT_SUPPORTED|UNKNOWN ERROR \(804\)")
"""CUDA's error 804: a libcuda newer than the kernel module on a GPU without forward
compatibility. Inside a container that libcuda is the image's; on a host it is as often a driver
update not yet booted into (pytorch#40671 'after ubuntu update'; rapidsai/cusignal#398 'Rebooting
resolved this issue'), which the mismatch reading's reboot serves."""
_HOST_DRIVER_INSTALLED = re.compile(
    r"Setting up (?:nvidia-driver|cuda-drivers|libnvidia-compute)|Unpacking nvidia-driver"
    r"|^Upgrade: [^\n]{0,2000}nvidia",
    re.MULTILINE,
)
"""The host's package manager installing a driver in the paste: an update, not yet booted into."""
_HOST_LIBCUDA_MOUNTS = re.compile(r"/\.singularity\.d/|\b(?:singularity|apptainer)\b", re.I)
"""Singularity and Apptainer bind the host's own libcuda (--nv): the host's, not an image's."""
_NAMED_HOST = re.compile(
    r"(?:diagnostic information for host: |\] hostname: )(?![0-9a-f]{12}[ \t]*$)\S", re.MULTILINE
)
"""TensorFlow naming the host it ran on, by a name that is not a container's id: where only the
log suggested a container ('docker run' tried once), TensorFlow ran on the host."""
UPDATE_NOT_BOOTED = frozenset({"nvml-version-mismatch", "nvrm-api-mismatch"})
"""Lines that show the machine's own driver halves differ: NVML's library against the module,
or the module refusing the user-space driver."""


def image_libcuda_newer(
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    text: str = "",
    matrix: Matrix | None = None,
    release: TfRelease | None = None,
) -> Finding | None:
    """driver-too-old where a libcuda of a newer branch than the module is a container's or
    a compatibility package's (text: the log, for the package's traces); where the host's
    driver runs the CUDA of the TensorFlow release known to have run, the image's libcuda
    itself is the cause instead."""
    in_container = (
        facts.knows("container")
        and facts.platform.container
        and not (container_only_from_the_log(facts) and _NAMED_HOST.search(text))
    )
    compat = _COMPATIBILITY_PACKAGE.search(text) or (
        _ERROR_804.search(text) if in_container else None
    )
    if not (in_container or compat) or any(m.signature.name in UPDATE_NOT_BOOTED for m in matches):
        return None
    if _HOST_DRIVER_INSTALLED.search(text) or (not compat and _HOST_LIBCUDA_MOUNTS.search(text)):
        return None
    branches = _branches(log, matches)
    if branches is None or branches[0] <= branches[1]:
        return None
    library, kernel, line = branches[2:]
    refusing = next((g for g in facts.gpus if refuses_forward_compatibility(g)), None)
    host_cuda = query.driver_max_cuda(matrix, kernel, False) if matrix else None
    if (
        compat is not None
        and refusing is not None
        and release is not None
        and release.cuda
        and host_cuda
        and parsed(host_cuda) < parsed(release.cuda)
    ):
        # the package cannot stand in for the host's driver on this GPU, and that driver is too
        # old for the CUDA in use: only a newer host driver runs it (review 119: R470 under 2.15)
        return Finding(
            "driver-too-old",
            Severity.ERROR,
            f"The host's NVIDIA driver ({kernel}, CUDA {host_cuda}) is too old for TensorFlow"
            f" {release.version}'s CUDA {release.cuda}, and the forward-compatibility libcuda"
            f" ({library}) cannot stand in for it on the {refusing.name}",
            (quoted(line), f"forward compatibility: {compat.group(0)}", f"GPU: {refusing.name}"),
            f"Update the host's NVIDIA driver to one for CUDA {release.cuda} or newer (the"
            f" {parsed(library).major} branch does); forward compatibility serves data-center"
            " GPUs only, so the compatibility package is then unused (take its folder off"
            " LD_LIBRARY_PATH).",
            FORWARD_COMPAT,
        )
    if compat is not None and refusing is not None:
        # the package cannot serve this GPU whatever the host driver: it is what to remove
        return Finding(
            "driver-library-mismatch",
            Severity.ERROR,
            f"CUDA's forward-compatibility libcuda ({library}) is loaded over the host's driver"
            f" ({kernel}), and the {refusing.name} refuses it: CUDA finds no GPU",
            (quoted(line), f"forward compatibility: {compat.group(0)}", f"GPU: {refusing.name}"),
            "Take the compatibility package's folder (/usr/local/cuda-X/compat, conda's"
            " cuda-compat) off LD_LIBRARY_PATH, or use an image without it: forward compatibility"
            f" serves data-center GPUs only. The host's own libcuda ({kernel}) then answers;"
            " where it is too old for the CUDA in use, update the host driver.",
            FORWARD_COMPAT,
        )
    where = [f"container: {e}" for e in facts.platform.container_evidence[:1]]
    if (
        compat is None  # (so in a container: the check above)
        and release is not None
        and release.cuda
        and host_cuda
        and parsed(host_cuda) >= parsed(release.cuda)
    ):
        # the host's driver runs this TensorFlow's CUDA: nothing asks for the newer branch but
        # the driver libraries the image carries itself (review 112)
        return Finding(
            "driver-library-mismatch",
            Severity.ERROR,
            f"The image carries a libcuda of its own ({library}), loaded over the host's driver"
            f" ({kernel}), which runs TensorFlow {release.version}'s CUDA {release.cuda}",
            (quoted(line), *where, f"driver {kernel} runs CUDA {host_cuda} and older"),
            "Take the driver libraries out of the image (libcuda.so.*, libnvidia-*.so.* that a"
            " driver or cuda-drivers package installed there, or a compat folder on"
            " LD_LIBRARY_PATH): the NVIDIA Container Toolkit mounts the host's own, of the"
            " host's version.",
            CONTAINER_TOOLKIT,
        )
    if compat is not None:
        where.append(f"forward compatibility: {compat.group(0)}")
    update = (
        f"Update the host's NVIDIA driver to the {parsed(library).major} branch or newer (one"
        " that supports the CUDA in use), or use an image or CUDA the host driver supports."
    )
    left = _gpu_past_its_last_branch(facts, matrix, parsed(library).major)
    if left is not None:
        # no newer host driver drives this GPU (a K80 ends at R470): the image must change
        gpu, last = left
        update = (
            f"The {gpu}'s last driver branch is R{last}, so no newer host driver drives it: use"
            " an image whose CUDA the host's driver runs"
            + (f" (CUDA {host_cuda} or older)" if host_cuda else "")
            + ", or a GPU a newer branch drives."
        )
    return Finding(
        "driver-too-old",
        Severity.ERROR,
        f"A libcuda of a newer driver branch ({library}) than the host's kernel module"
        f" ({kernel}) is loaded: the {'image' if in_container else 'compatibility package'}'s,"
        " so the host driver is older than the CUDA in use needs",
        (quoted(line), *where),
        update + " A CUDA forward-compatibility package (/usr/local/cuda/compat, conda's"
        " cuda-compat) serves only data-centre GPUs: take it off LD_LIBRARY_PATH elsewhere.",
        CONTAINER_TOOLKIT,
    )


def _gpu_past_its_last_branch(
    facts: Facts, matrix: Matrix | None, branch: int
) -> tuple[str, int] | None:
    """A known GPU no driver of this branch drives (its architecture's last branch is older),
    with that last branch."""
    if matrix is None or not facts.knows("gpus"):
        return None
    for gpu in facts.gpus:
        dropped = dropped_by(gpu, matrix, branch)
        if dropped is not None:
            return gpu.name, dropped[1]
    return None


def _branches(log: LogFacts, matches: Sequence[LogMatch]) -> tuple[int, int, str, str, str] | None:
    """libcuda's driver branch, the kernel module's, then both versions and the line that shows
    them; None where the log shows no such pair or a version is not one."""
    pair = _library_and_module(log, matches)
    if pair is None:
        return None
    library, kernel, line = pair
    try:
        return parsed(library).major, parsed(kernel).major, library, kernel, line
    except InvalidVersion:
        return None


def _library_and_module(log: LogFacts, matches: Sequence[LogMatch]) -> tuple[str, str, str] | None:
    """libcuda's version, the kernel module's and the line that shows them: TensorFlow's own
    comparison first, else the pair its diagnostics printed."""
    for m in matches:
        if m.signature.name == "kernel-dso-mismatch":
            return m.groups.get("dso", ""), m.groups.get("kernel", ""), m.line
    if log.driver_halves is not None:
        library, kernel, library_line, _ = log.driver_halves
        return library, kernel, library_line
    return None


_COMPAT_FOLDER = re.compile(r"/cuda[\w.-]{0,20}/compat(?:/libcuda\.so)?\b")
"""The compatibility package's folder, or its libcuda."""


def _compat_on_the_path(text: str) -> str:
    """A line putting the compatibility package's folder on LD_LIBRARY_PATH, or naming its
    libcuda ('' where none does)."""
    for line in text.split("\n"):
        if "/compat" not in line:
            continue
        found = _COMPAT_FOLDER.search(line)
        if found and ("LD_LIBRARY_PATH" in line[: found.start()] or found.group(0).endswith(".so")):
            return line[: found.end()]
    return ""


def compat_libcuda_older(
    log: LogFacts, matches: Sequence[LogMatch], text: str = ""
) -> Finding | None:
    """ld-library-path-shadows where a libcuda of an older branch than the module loads from
    the compatibility package's folder on the loader path."""
    on_path = _compat_on_the_path(text)
    if not on_path or any(m.signature.name in UPDATE_NOT_BOOTED for m in matches):
        return None
    branches = _branches(log, matches)
    if branches is None or branches[0] >= branches[1]:
        return None
    library, kernel, line = branches[2:]
    return Finding(
        "ld-library-path-shadows",
        Severity.ERROR,
        f"A CUDA forward-compatibility libcuda ({library}), older than the host's driver"
        f" ({kernel}), loads first from the loader path and shadows the driver's own library",
        (quoted(line), f"loader path: {on_path.strip()[-160:]}"),
        "Take the compatibility package's folder (/usr/local/cuda-X/compat) off LD_LIBRARY_PATH"
        " and out of /etc/ld.so.conf.d (then run ldconfig): it is only for a host whose driver"
        " is older than the CUDA in use, and this host's is newer.",
        "https://docs.nvidia.com/deploy/cuda-compatibility/",
    )
