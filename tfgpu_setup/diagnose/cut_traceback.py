"""A traceback pasted without its last line: the readings that stand in for the exception
it stops before, only while the paste shows no exception (or, for an exception named without
its message, no message of its own). Pure: data in, data out."""

from __future__ import annotations

import re

from .logs import LogMatch
from .signatures.install import NATIVE_LOAD_CUT
from .signatures.runtime import EXHAUSTED_UNSAID

_EXCEPTION = re.compile(
    r"\b[A-Za-z_]\w{0,80}(?:Error|Exception):|^[ \t>]*(?:[A-Za-z_][\w.]{0,120}(?:Error|Exception)"
    r"|KeyboardInterrupt|SystemExit)\b|Failed to load the native TensorFlow runtime",
    re.MULTILINE,
)
"""A Python exception, at a line's start or named with its message anywhere (a logger's prefix,
the reporter's words), or TensorFlow's words under its native library's failure."""
_RAN_LATER = re.compile(r"\.cc:\d{1,6}\]")
"""A record of TensorFlow's C++ code: TensorFlow loaded after all (a later run)."""


def without_finished_tracebacks(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The native library's load seen in a traceback's frames stands for its exception only
    where the paste shows none (before the frames or after them) and TensorFlow did not run
    later in it."""
    cut = [m for m in matches if m.signature.name == NATIVE_LOAD_CUT]
    if not cut:
        return matches
    last = max(m.line_number for m in cut)
    after = "\n".join(text.split("\n")[last:])  # line_number counts newlines only
    if not _EXCEPTION.search(text) and not _RAN_LATER.search(after):
        return matches
    return tuple(m for m in matches if m.signature.name != NATIVE_LOAD_CUT)


_EXHAUSTED_SAID = re.compile(
    r"ResourceExhaustedError: {0,8}(?!Graph execution error)\S", re.MULTILINE
)
"""ResourceExhaustedError with a message of its own: that message says what ran out (memory,
which other lines read; a full disk, open files, a TPU's memory, which are not the GPU's)."""


def without_exhaustion_said(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """ResourceExhaustedError named without its message stands for memory only where the paste
    shows none of its messages (a notebook's header line, then 'No space left on device')."""
    if not any(m.signature.name == EXHAUSTED_UNSAID for m in matches):
        return matches
    if not _EXHAUSTED_SAID.search(text):
        return matches
    return tuple(m for m in matches if m.signature.name != EXHAUSTED_UNSAID)
