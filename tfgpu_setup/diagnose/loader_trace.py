"""The dynamic loader's own trace (LD_DEBUG=libs): the CUDA library it was looking for when it
gave up.

glibc prints a 'trying file=PATH' line for every place it looks for a library, goes on to the
next library ('find library=') once one is found, and prints 'calling init: PATH' for each only
after the whole load succeeded. So a load that failed ends its trace on the paths tried for the
library it never found; the libraries before it were found, though none was initialised
(mozilla/DeepSpeech#1210, #1094: libcublas.so.8.0 tried on every path; CUDA 8 was not
installed). Pure: text in, facts out.
"""

from __future__ import annotations

import re

from .wanted import version_wanted

_LOADER_LINE = re.compile(
    r"^[ \t]*\d{1,10}:[ \t]+(?P<what>trying file=|find library=|calling init: )"
    r"(?P<path>[^\n]{1,2000})$",
    re.MULTILINE,
)
_FAILED = re.compile(
    r"\b(?:ImportError|ModuleNotFoundError|OSError)\b|cannot open shared object file"
    r"|error while loading shared libraries"
)
"""What the failure the trace was taken for says: a Python import or the loader's own error."""
_PATHS_WITHOUT_THE_ERROR = 4
"""A trace's tail pasted without the error under it: one library tried on this many paths, and
nothing after, is the search that failed (a found library ends its search at once)."""


def searched_in_vain(text: str) -> tuple[tuple[str, str], ...]:
    """(library file name, its first 'trying file=' line) for the CUDA or cuDNN library the
    trace ends on, still being looked for, where the log also shows a failure; () otherwise."""
    if "trying file=" not in text:
        return ()
    lines = list(_LOADER_LINE.finditer(text))
    if not lines or lines[-1]["what"] != "trying file=":
        return ()
    name = _file_name(lines[-1]["path"])
    if version_wanted(name, "") is None:
        return ()
    if any(m["what"] == "calling init: " and _file_name(m["path"]) == name for m in lines):
        return ()
    tried = [m for m in lines if m["what"] == "trying file=" and _file_name(m["path"]) == name]
    if _FAILED.search(text) is None and (
        len(tried) < _PATHS_WITHOUT_THE_ERROR or text[lines[-1].end() :].strip()
    ):
        # without the error, only a paste that stops on the search (nothing after it: a trace
        # cut with '...' above a run that went on is a search that may have succeeded)
        return ()
    return ((name, tried[0].group(0).strip()),)


def _file_name(path: str) -> str:
    return path.strip().rsplit("/", 1)[-1].split(" ", 1)[0]
