"""cuDNN 8.3 and later on native Windows without zlibwapi.dll, seen only as the crash it causes.

cuDNN loads zlibwapi.dll at the first convolution; where it is missing the process ends with
Windows' fail-fast status (0xC0000409, -1073740791), and an IDE prints only that exit code
(k2-fsa/sherpa-onnx#2579; deepcell-tf#572 with cuDNN 8.3.0 stated). cuDNN's own words for it
('Could not locate zlibwapi.dll') are read by a signature; this reads the crash beside a
cuDNN of 8.3 or later known on Windows.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, Severity
from ..planner.evaluate import cudnn_needing_zlib
from .sources import quoted

_FAIL_FAST = re.compile(r"^[^\n]{0,200}?(?:-1073740791|0xC0000409)\b[^\n]{0,80}", re.I | re.M)
SOURCE = "https://github.com/k2-fsa/sherpa-onnx/issues/2579"


def zlib_missing_at_the_crash(facts: Facts, log: str) -> list[Finding]:
    """A warning where a Windows cuDNN that needs zlibwapi.dll is known and the process ended
    with the status its absence gives; nothing where the log already names zlibwapi."""
    windows = facts.knows("os") and facts.platform.os == "windows"
    if not windows or not facts.knows("cudnn") or "zlibwapi" in log.lower():
        return []
    needs = cudnn_needing_zlib(facts)
    crash = _FAIL_FAST.search(log)
    if not needs or crash is None:
        return []
    cudnn = needs[0]
    return [
        Finding(
            "cudnn-not-found",
            Severity.WARNING,
            f"cuDNN {cudnn.version} on Windows needs zlibwapi.dll, and the process ended with"
            " Windows' fail-fast status: what its absence does at the first convolution",
            (quoted(crash.group(0)), f"cuDNN {cudnn.version} installed ({cudnn.source})"),
            "Put the 64-bit zlibwapi.dll in a folder on PATH (CUDA's bin folder will do), as"
            " NVIDIA's cuDNN install guide says ('Install zlib'); 'where zlibwapi.dll' shows"
            " whether one is found.",
            SOURCE,
        )
    ]
