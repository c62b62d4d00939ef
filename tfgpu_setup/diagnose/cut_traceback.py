"""A traceback pasted without its last line: the readings that stand in for the exception
it stops before, only while no exception follows. Pure: data in, data out."""

from __future__ import annotations

import re

from .logs import LogMatch
from .signatures.install import NATIVE_LOAD_CUT

_EXCEPTION = re.compile(
    r"^[ \t>]*(?:[A-Za-z_][\w.]{0,120}(?:Error|Exception)\b|KeyboardInterrupt\b|Failed to load the"
    r" native TensorFlow runtime)",
    re.MULTILINE,
)
"""A Python exception's own line, or TensorFlow's words under its native library's failure."""


def without_finished_tracebacks(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The native library's load seen in a traceback's frames stands for its exception only
    where the paste ends before one: past the last such frame no exception line follows."""
    cut = [m for m in matches if m.signature.name == NATIVE_LOAD_CUT]
    if not cut:
        return matches
    last = max(m.line_number for m in cut)
    after = text.split("\n", last)[-1] if text.count("\n") >= last else ""
    if not _EXCEPTION.search(after):
        return matches
    return tuple(m for m in matches if m.signature.name != NATIVE_LOAD_CUT)
