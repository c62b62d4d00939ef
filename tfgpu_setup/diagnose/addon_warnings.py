"""An add-on's plug-ins that the loader refused, read against the rest of the log.

tensorflow-io warns instead of failing when its plug-ins do not load, and the import goes on:
beside a GPU at work that is harmless for the GPU (fast-stable-diffusion#1918). Where the loader
refused the plug-in for a symbol this TensorFlow lacks ('undefined symbol' under the warning), the
add-on was built for another TensorFlow; where the log shows nothing else, no GPU at work and no
GPU list, that mismatch is the one fault it shows, and the thread settled it by installing the
releases made for each other (argonne-lcf/dlio_benchmark#305). TensorFlow Addons' range check is
left harmless: it is a declared range, off by one at times (addons#2075), not a load that failed.
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


def _refused_by_the_loader(text: str, match: LogMatch) -> bool:
    position = text.find(match.line)
    if position == -1:
        return False
    below = text[position : position + len(match.line) + 2_000].splitlines()[:_CAUSE_LINES]
    return any("undefined symbol" in line for line in below)


def addon_plugins_refused_alone(
    findings: tuple[Finding, ...], matches: tuple[LogMatch, ...], text: str, no_gpu_shown: bool
) -> tuple[Finding, ...]:
    """The add-on's refused plug-ins as its mismatch where they are the only fault shown."""
    if (
        no_gpu_shown  # (an add-on's plug-ins hide no GPU: why none was listed is elsewhere)
        or any(m.signature.proves_gpu for m in matches)
        or any(f.id != BENIGN for f in findings)
    ):
        return findings
    refused = [
        m for m in matches if m.signature.name == ADDON_WARNING and _refused_by_the_loader(text, m)
    ]
    if not refused:
        return findings
    mismatch = Finding(
        "addon-tensorflow-mismatch",
        Severity.WARNING,
        "The loader refused an add-on's plug-ins (tensorflow-io) for a symbol this TensorFlow"
        " lacks: the add-on was built for another TensorFlow release. Nothing else in the log"
        " shows a fault, nor whether TensorFlow uses a GPU",
        tuple(
            f"line {m.pasted_line or m.line_number}: {m.line.strip()[:200]}" for m in refused[:2]
        ),
        ADDON_RELEASE_FIX,
        "https://github.com/argonne-lcf/dlio_benchmark/issues/305",
    )
    return (mismatch, *(f for f in findings if f.title != ADDON_WARNING_TITLE))
