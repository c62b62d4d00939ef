"""A cuDNN that did not start, beside an installed cuDNN of the build's major but an older minor.

TensorFlow compares the loaded cuDNN with its build when cuDNN first runs and refuses an older
minor (tensorflow#35376: 'Loaded runtime CuDNN library: 7.4.1 but source was compiled with:
7.6.0'); a paste that keeps only the op's error shows 'Failed to get convolution algorithm'
(DeepSpeech#3326: cuDNN 7.4 under a TensorFlow of 1.15 to 2.1). Where the log narrows the release
only to a range, the newest releases of it make that the first suspect, ahead of the memory
reading of the same line. A cuDNN of another major cannot be the one that failed to start: the
build loads its own major's library or none. Pure: facts and matches in, findings out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..doc_urls import TF_TESTED
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix
from ..planner.judge import installed_release
from ..versions import build_need, parsed, xy
from .logs import LogMatch

CUDNN_DID_NOT_START = frozenset({"cudnn-handle"})
"""The op's 'Failed to get convolution algorithm' is read; cuDNN's own 'Could not create cudnn
handle: STATUS' says cudnnCreate failed, which TensorFlow reaches before it compares versions
(an older minor loads, creates its handle, and is refused after): that line speaks against
the reading."""


def older_cudnn_minor(
    facts: Facts, matrix: Matrix, candidates: Sequence[str], matches: Sequence[LogMatch]
) -> tuple[Finding, ...]:
    """The warning for the newest candidate built with a newer minor of the installed cuDNN's
    major, when cuDNN failed to start and not every candidate agrees (those that do are judged
    as errors already)."""
    failed = next((m for m in _did_not_start(matches) if m.groups.get("conv")), None)
    if failed is None or _handle_failed(matches) or len(candidates) < 2:
        return ()
    if not facts.knows("cudnn"):
        return ()
    installed = sorted({c.version for c in facts.cudnn if c.version}, key=parsed)
    if not installed:
        return ()
    newest = installed_release(matrix, candidates[0])
    if newest is None or newest.cudnn is None or not _older_minor(installed[-1], newest.cudnn):
        return ()
    return (
        Finding(
            "cudnn-version-mismatch",
            Severity.WARNING,
            f"If the TensorFlow here is {xy(newest.version)}, it was built with cuDNN"
            f" {newest.cudnn}, and the cuDNN {installed[-1]} installed is an older minor, which"
            " TensorFlow refuses when cuDNN first runs",
            (
                f"TensorFlow {xy(newest.version)}: built with cuDNN {newest.cudnn}",
                f"cuDNN {installed[-1]} installed",
                f"cuDNN did not start: {failed.line.strip()[:200]}",
                "the TensorFlow version is not known (add --tf X.Y)",
            ),
            f"Install cuDNN {build_need(newest.cudnn, 'cudnn')} (it can sit beside the other) and"
            " put it on the loader path, or use the TensorFlow release built for the cuDNN you"
            " have ('tfgpu-setup plan --cuda-toolkit X.Y --cudnn X.Y' picks it).",
            TF_TESTED,
        ),
    )


def _did_not_start(matches: Sequence[LogMatch]) -> list[LogMatch]:
    return [m for m in matches if m.signature.name in CUDNN_DID_NOT_START]


def _handle_failed(matches: Sequence[LogMatch]) -> bool:
    return any(m.groups.get("status") for m in _did_not_start(matches))


def _older_minor(installed: str, built: str) -> bool:
    have, need = parsed(installed).release, parsed(built).release
    return have[0] == need[0] and len(have) > 1 and len(need) > 1 and have[1] < need[1]


def memory_behind_older_cudnn(
    findings: Sequence[Finding], matches: Sequence[LogMatch]
) -> tuple[Finding, ...]:
    """The memory reading of a cuDNN that did not start steps behind an older cuDNN minor the
    likely release refuses (only where no other line says memory ran out)."""
    older = any(f.id == "cudnn-version-mismatch" for f in findings)
    memory_lines = {
        m.signature.name for m in matches if m.signature.finding_id == "gpu-out-of-memory"
    }
    if not older or not memory_lines or not memory_lines <= CUDNN_DID_NOT_START:
        return tuple(findings)
    if _handle_failed(matches):
        return tuple(findings)
    return tuple(
        dataclasses.replace(
            f,
            severity=Severity.WARNING,
            evidence=(*f.evidence, "but the cuDNN installed may be older than this TensorFlow's"),
        )
        if f.id == "gpu-out-of-memory" and f.severity is Severity.ERROR
        else f
        for f in findings
    )
