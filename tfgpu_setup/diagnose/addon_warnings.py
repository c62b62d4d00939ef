"""An add-on's native code of another TensorFlow build, warned about, read against the rest of
the log.

Add-ons warn instead of failing when their native code meets a TensorFlow it was not built
for, and the import goes on: tensorflow-io when the loader refuses its plug-ins ('undefined
symbol' under `UserWarning: unable to load libtensorflow_io_plugins.so`), TensorFlow Addons
before it loads a custom op compiled against another release ('no compatibility guarantees').
Beside a GPU at work that is harmless for the GPU (fast-stable-diffusion#1918). Where the log
shows nothing else, no GPU at work and no GPU list, the mismatch is the one fault it shows, and
the threads settle it by installing the releases made for each other
(argonne-lcf/dlio_benchmark#305, tensorflow/addons#1716). TensorFlow Addons' range check for
its Python ops is left harmless: a declared range, off by one at times (addons#2075), not native
code that met another build.
Pure: findings, matches and text in, findings out.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .logs import LogMatch
from .signatures import BENIGN
from .signatures.benign import ADDON_WARNING_TITLE
from .signatures.install import ADDON_RELEASE_FIX

ADDON_WARNING = "addon-version-warning"
_CAUSE_LINES = 3
"""The warning's own line and the 'caused by:' lines Python prints under it."""


def _native_code_of_another_build(text: str, match: LogMatch) -> bool:
    if match.groups.get("custom_ops"):
        return True
    position = text.find(match.line)
    if position == -1:
        return False
    below = text[position : position + len(match.line) + 2_000].splitlines()[:_CAUSE_LINES]
    return any("undefined symbol" in line for line in below)


def addon_native_code_alone(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...], text: str, no_gpu_shown: bool
) -> tuple[Finding, ...]:
    """The add-on's warning as its mismatch where its native code met another TensorFlow and
    nothing else in the log is wrong."""
    if (
        no_gpu_shown  # (an add-on's warning hides no GPU: why none was listed is elsewhere)
        or any(m.signature.proves_gpu for m in matches)
        or any(f.id != BENIGN for f in findings)
    ):
        return findings
    warned = [
        m
        for m in matches
        if m.signature.name == ADDON_WARNING and _native_code_of_another_build(text, m)
    ]
    if not warned:
        return findings
    mismatch = Finding(
        "addon-tensorflow-mismatch",
        Severity.WARNING,
        "An add-on's native code (tensorflow-io's plug-ins, TensorFlow Addons' custom ops) was"
        " built for another TensorFlow release than this one. Nothing else in the log shows a"
        " fault, nor whether TensorFlow uses a GPU",
        tuple(f"line {m.pasted_line or m.line_number}: {m.line.strip()[:200]}" for m in warned[:2]),
        ADDON_RELEASE_FIX,
        "https://github.com/argonne-lcf/dlio_benchmark/issues/305",
    )
    return (mismatch, *(f for f in findings if f.title != ADDON_WARNING_TITLE))
