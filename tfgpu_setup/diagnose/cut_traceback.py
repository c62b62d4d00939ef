"""A traceback pasted without its last line: the readings that stand in for the exception
it stops before, only while the paste shows no exception. Pure: data in, data out."""

from __future__ import annotations

import re

from .logs import LogMatch
from .signatures.install import NATIVE_LOAD_CUT

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
