"""A library TensorFlow could not load that a later run of the same paste opened.

A paste of a first try and a second one after a fix ('after conda install cudnn it now prints
...'): the loader's failure of the first is history where TensorFlow's own record shows the same
library opened later (review 99). Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch, line_start

_NOT_FOUND_IDS = frozenset({"cuda-libs-not-found", "cudnn-not-found"})
_OPENED = re.compile(
    r"Successfully opened (?:dynamic|CUDA) library (?P<lib>[\w.+-]{1,80})"
    r"|Loaded cuDNN version (?P<cudnn>\d{3,6})"
)


def without_libraries_opened_later(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """The matches, less each library the loader could not load that a later line shows opened
    (the same file; for cuDNN, TensorFlow's 'Loaded cuDNN version' too)."""
    if not _OPENED.search(text):
        return matches

    def opened_after(m: LogMatch) -> bool:
        lib = m.groups.get("lib") or ""
        if not lib or m.signature.finding_id not in _NOT_FOUND_IDS:
            return False
        for later in _OPENED.finditer(text, line_start(text, m.line_number + 1)):
            if later["lib"] == lib or (later["cudnn"] and "cudnn" in lib.lower()):
                return True
        return False

    return tuple(m for m in matches if not opened_after(m))
