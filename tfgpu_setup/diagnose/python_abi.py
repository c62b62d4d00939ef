"""protobuf's compiled extension failing to load on an early Python patch release.

TensorFlow imports protobuf before anything of its own. On Windows, protobuf's C++ extension
(google.protobuf.pyext._message) built against Python 3.6.1's headers calls PySlice_Unpack,
which Python 3.6.0 (and 3.5 before 3.5.4) does not have (python/cpython#74129): Windows
reports the missing function as 'DLL load failed: The specified procedure could not be found'.
In every settled thread of survey 11s the Python was 3.6.0, and a newer Python, or protobuf
3.6.0, fixed it. No CUDA library is involved.
"""

from __future__ import annotations

from ..facts import Facts
from ..findings import Finding, Severity
from ..versions import parsed
from .logfacts import LogFacts
from .logs import LogMatch

FIRST_WITH_THE_FUNCTION = "3.5.4"
"""The oldest Python that has PySlice_Unpack is 3.5.4 (then 3.6.1 in the 3.6 series)."""


def without_protobufs_failure(matches: tuple[LogMatch, ...], log: LogFacts) -> tuple[LogMatch, ...]:
    """The DLL that did not load is protobuf's, not one of TensorFlow's: Windows' generic DLL
    reading (a CUDA DLL, MSVC's runtime) does not apply to it."""
    if not log.protobuf_procedure_line:
        return matches
    return tuple(m for m in matches if m.signature.name != "windows-dll-load-failed")


def protobuf_extension_too_new(facts: Facts, log: LogFacts) -> list[Finding]:
    if not log.protobuf_procedure_line:
        return []
    newer = [
        p.version
        for p in facts.pythons
        if facts.knows("pythons") and parsed(p.version) >= parsed("3.7")
    ]
    return [
        Finding(
            "python-unsupported",
            # A Python known to have the function leaves the mismatch, not its usual reason.
            Severity.WARNING if newer else Severity.ERROR,
            "protobuf's compiled extension (_message) calls a function this Python lacks, so"
            " TensorFlow cannot import: Python 3.6.0 (and 3.5 before 3.5.4) predate the"
            " PySlice_Unpack that protobuf's newer wheels call",
            (log.protobuf_procedure_line,),
            "Install a newer Python (the latest 3.6.x at least: 'python --version' shows which"
            " you run) and reinstall TensorFlow in it; or, keeping this Python, pip install"
            " 'protobuf==3.6.0', or set PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python (the"
            " slower pure-Python protobuf).",
            "https://github.com/Unity-Technologies/obstacle-tower-env/issues/32",
        )
    ]
