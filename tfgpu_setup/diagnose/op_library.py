"""A CUDA library that a custom op library could not load, not TensorFlow.

`tf.load_op_library` loads a compiled op (a research repository's flow_warp.so, a PointNet++
tf_ops build) with TensorFlow already imported, and raises NotFoundError for what that op's own
binary links: 'libcudart.so.8.0: cannot open shared object file' under TensorFlow 1.14 says the op
was built against CUDA 8.0, not what TensorFlow needs (automatic-video-colorization#6). TensorFlow's
own libraries fail at its import (ImportError); its contrib ops live inside its package and stay
its own. Pure: text and matches in, matches and findings out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..findings import Finding, Severity
from .attribution import FRAME, LIBRARY_IDS, LOOKBACK_CHARS
from .logs import LogMatch

_LOAD_OP_FRAME = re.compile(
    r'^[ \t>]*File "(?P<path>[^"\n]{1,400}[/\\]load_library\.py)", line \d{1,7},'
    r" in load_op_library",
    re.MULTILINE,
)
_TENSORFLOWS_OWN = re.compile(r"[/\\](?:site|dist)-packages[/\\]tensorflow(?:_core)?[/\\]")


def op_library_caller(text: str, match: LogMatch) -> str:
    """The file whose tf.load_op_library call raised this library failure, where that file is
    not TensorFlow's own (its contrib ops); '' otherwise."""
    if match.signature.finding_id not in LIBRARY_IDS or "NotFoundError" not in match.line:
        return ""
    position = text.find(match.line)
    if position == -1:
        return ""
    start = max(0, position - LOOKBACK_CHARS)
    loading = list(_LOAD_OP_FRAME.finditer(text, start, position))
    if not loading:
        return ""
    callers: list[str] = FRAME.findall(text, start, loading[-1].start())
    if not callers or _TENSORFLOWS_OWN.search(callers[-1]):
        return ""
    return callers[-1]


def loaded_by_an_op_library(
    text: str, matches: Sequence[LogMatch]
) -> tuple[tuple[LogMatch, ...], tuple[Finding, ...]]:
    """TensorFlow's own matches, and a finding for each op library's missing library."""
    own: list[LogMatch] = []
    found: list[Finding] = []
    # a library TensorFlow's own loader could not open either is TensorFlow's to find first
    # (its dso_loader line for the same soname): the op only met the same gap
    tensorflows = {
        m.groups.get("lib")
        for m in matches
        if "NotFoundError" not in m.line and m.signature.finding_id in LIBRARY_IDS
    }
    for m in matches:
        caller = op_library_caller(text, m)
        if not caller or m.groups.get("lib") in tensorflows:
            own.append(m)
            continue
        lib = m.groups.get("lib") or "a CUDA library"
        found.append(
            Finding(
                "addon-tensorflow-mismatch",
                Severity.ERROR,
                f"A custom op library that {caller} loads (tf.load_op_library) needs {lib},"
                " which is not here: it was built against another CUDA (and TensorFlow) than"
                " the ones installed",
                (f"line {m.pasted_line or m.line_number}: {m.line.strip()[:200]}",),
                "TensorFlow itself imported: rebuild that op library against the TensorFlow and"
                " CUDA installed (the repository's build script or Makefile), or run it under the"
                " TensorFlow and CUDA it was built for.",
                "https://github.com/ChenyangLEI/automatic-video-colorization/issues/6",
            )
        )
    return tuple(own), tuple(found)
