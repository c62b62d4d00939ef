"""The dynamic loader's own trace (LD_DEBUG=libs): which CUDA libraries it searched for and
never loaded.

glibc prints a 'trying file=PATH' line for every place it looks for a library and, once every
library is in, a 'calling init: PATH' line for each one it loaded. A CUDA library that was
tried and never initialised, in a trace that ends in a failure, is one the loader did not find
(mozilla/DeepSpeech#1210, #1094: libcublas.so.8.0 tried on every path; CUDA 8 was not
installed). Pure: text in, facts out.
"""

from __future__ import annotations

import re

from .wanted import version_wanted

_TRIED = re.compile(r"^[ \t]*\d{1,10}:[ \t]+trying file=(?P<path>[^\n]{1,2000})$", re.MULTILINE)
_INITIALISED = re.compile(
    r"^[ \t]*\d{1,10}:[ \t]+calling init: (?P<path>[^\n]{1,2000})$", re.MULTILINE
)
_FAILED = re.compile(
    r"\b(?:ImportError|ModuleNotFoundError|OSError)\b|cannot open shared object file"
    r"|error while loading shared libraries"
)
"""What the failure the trace was taken for says: a Python import or the loader's own error."""


def searched_in_vain(text: str) -> tuple[tuple[str, str], ...]:
    """(library file name, its first 'trying file=' line) for each CUDA or cuDNN library the
    trace tried and never initialised, where the log also shows a failure; () otherwise."""
    if "trying file=" not in text or _FAILED.search(text) is None:
        return ()
    loaded = {_file_name(m["path"]) for m in _INITIALISED.finditer(text)}
    tried: dict[str, str] = {}
    for m in _TRIED.finditer(text):
        name = _file_name(m["path"])
        if name not in loaded and version_wanted(name, "") is not None:
            tried.setdefault(name, m.group(0).strip())
    return tuple(tried.items())


def _file_name(path: str) -> str:
    return path.strip().rsplit("/", 1)[-1]
