"""A libcuda newer than the host's kernel module, inside a container: the image's own copy.

The NVIDIA container runtime mounts the host's libcuda, of the module's own version. A newer one
in a container is the image's (a CUDA forward-compatibility package on its loader path, or a
copy built in), so the host driver is older than the image's CUDA needs (tensorflow#48722:
libcuda 460.73.1 over a 455.32 module in the 2.5.0-gpu image). The one exception, a host driver
updated and not yet booted into, the fix names. Outside a container the pair is that update.
Pure: data in, data out.
"""

from __future__ import annotations

from collections.abc import Sequence

from packaging.version import InvalidVersion

from ..facts import Facts
from ..findings import Finding, Severity
from ..versions import parsed
from .logfacts import LogFacts
from .logs import LogMatch
from .sources import CONTAINER_TOOLKIT, quoted


def image_libcuda_newer(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> Finding | None:
    """driver-too-old where a known container loaded a libcuda newer than the host's module."""
    if not (facts.knows("container") and facts.platform.container):
        return None
    pair = _library_and_module(log, matches)
    if pair is None:
        return None
    library, kernel, line = pair
    try:
        newer = parsed(library) > parsed(kernel)
    except InvalidVersion:
        return None
    if not newer:
        return None
    return Finding(
        "driver-too-old",
        Severity.ERROR,
        f"The container loads its image's libcuda {library}, newer than the host's driver"
        f" {kernel}: the host driver is older than the image's CUDA needs",
        (quoted(line), *(f"container: {e}" for e in facts.platform.container_evidence[:1])),
        f"Update the host's NVIDIA driver to one at least as new as {library} (or one that"
        " supports the image's CUDA), or use an image of the CUDA the host driver supports. A"
        " CUDA forward-compatibility package (/usr/local/cuda/compat) serves only data-centre"
        " GPUs: take it off LD_LIBRARY_PATH elsewhere. Only if the host's driver was updated"
        " since its last boot (then the runtime mounts the new libcuda over the old module)"
        " does rebooting the host fix it.",
        CONTAINER_TOOLKIT,
    )


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
