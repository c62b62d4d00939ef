"""protobuf's compiled extension failing to load on an early Python patch release.

TensorFlow imports protobuf before anything of its own. On Windows, protobuf's C++ extension
(google.protobuf.pyext._message) built against Python 3.6.1's headers calls PySlice_Unpack,
which Python 3.6.0 (and 3.5 before 3.5.4) does not have (python/cpython#74129): Windows
reports the missing function as 'DLL load failed: The specified procedure could not be found'.
In every settled thread of survey 11s the Python was 3.6.0, and a newer Python, or protobuf
3.6.0 (older than TensorFlow 1.12 on allows), fixed it. No CUDA library is involved.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, Severity
from ..versions import parsed
from .logfacts import LogFacts
from .logs import LogMatch
from .signatures.model import PROCEDURE_NOT_FOUND

WITHOUT_THE_FUNCTION: dict[tuple[int, ...], tuple[int, ...]] = {
    (3, 5): (3, 5, 4),
    (3, 6): (3, 6, 1),
}
"""PySlice_Unpack came with 3.5.4 and 3.6.1; every 3.7 has it, and Python 2 has no such call."""
_PROCEDURE = re.compile(PROCEDURE_NOT_FOUND)


def without_protobufs_failure(matches: tuple[LogMatch, ...], log: LogFacts) -> tuple[LogMatch, ...]:
    """The DLL that did not load for a missing function is protobuf's, not one of TensorFlow's:
    Windows' generic DLL reading (a CUDA DLL, MSVC's runtime) does not apply to that line. A
    line of TensorFlow's own module (another attempt in the same paste) keeps it."""
    if not log.protobuf_procedure_line:
        return matches
    return tuple(
        m
        for m in matches
        if m.signature.name != "windows-dll-load-failed"
        or m.groups.get("module")
        or not _PROCEDURE.search(m.line)
    )


def protobuf_extension_too_new(facts: Facts, log: LogFacts) -> list[Finding]:
    if not log.protobuf_procedure_line:
        return []
    if (
        facts.knows("pythons")
        and facts.pythons
        and not any(_may_lack_the_function(p.version) for p in facts.pythons)
    ):
        return []  # this Python has the function: the extension fails for another reason
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            "protobuf's compiled extension (_message) calls a function this Python lacks, so"
            " TensorFlow cannot import: Python 3.6.0 (and 3.5 before 3.5.4) predate the"
            " PySlice_Unpack that protobuf's newer wheels call",
            (log.protobuf_procedure_line,),
            "Install a newer Python (the latest 3.6.x at least: 'python --version' shows which"
            " you run) and reinstall TensorFlow in it; keeping this Python, setting"
            " PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python skips the extension (the slower"
            " pure-Python protobuf).",
            "https://github.com/google-ai-edge/mediapipe/issues/1565",
        )
    ]


def _may_lack_the_function(version: str) -> bool:
    """A 3.5 or 3.6 before the patch release that added it, or one whose patch is not known."""
    release = parsed(version).release
    first_with_it = WITHOUT_THE_FUNCTION.get(release[:2])
    return first_with_it is not None and (len(release) < 3 or release < first_with_it)
