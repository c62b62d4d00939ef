"""The facts judged for a release the log narrows down without naming it: a series stated
as X.Y (every patch of it), a range the log's hints admit (what every release in it yields,
and what holds only from one release on), releases older than the matrix, and the release a
CPU build on native Windows rules out. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re

from packaging.version import InvalidVersion

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix
from ..planner.judge import judge_installed
from ..versions import parsed, xy
from .release_hints import series_published_by
from .sources import lower_first
from .weigh import contradicted, is_platform


def patch_releases(matrix: Matrix, release: str) -> tuple[str, ...]:
    """'2.0' names a series, not a release: every X.Y.Z of it could be the one installed, and
    they differ (2.0.0 took Python 2.7, 2.0.4 does not). () for a full version."""
    try:
        wanted = parsed(release).release
    except InvalidVersion:
        return ()
    if len(wanted) >= 3:
        return ()
    series = [
        r.version for r in matrix.tensorflow.releases if parsed(r.version).release[:2] == wanted[:2]
    ]
    return tuple(sorted(series, key=parsed, reverse=True))


def judged_for(
    facts: Facts,
    matrix: Matrix,
    candidates: tuple[str, ...],
    venv: str,
    guessed: bool,
    written_on: str = "",
) -> tuple[Finding, ...]:
    """The facts judged for the release that ran (guessed: one the log's hints admit). When
    the log only narrows it to a range, a finding is evidence only if every release in the
    range yields it; one that holds for the newest only is a likelihood, unless the log was
    written before any of those existed."""
    if len(candidates) <= 1:
        return judge_installed(facts, matrix, candidates[0] if candidates else None, venv, guessed)
    judged = [judge_installed(facts, matrix, v, venv, guessed) for v in candidates]
    common = set.intersection(*({f.id for f in group} for group in judged))
    existed = tuple(series_published_by(matrix, v, written_on) for v in candidates)
    return (
        *(_named_as_the_range(f, candidates) for f in judged[0] if f.id in common),
        *_if_newer(candidates, judged, common, existed),
    )


def _named_as_the_range(finding: Finding, candidates: tuple[str, ...]) -> Finding:
    """A finding every candidate yields names them all ('TensorFlow 2.1–2.3', or the series
    '2.5'), not the newest one the judging used: the log did not say which one it was."""
    newest, oldest = xy(candidates[0]), xy(candidates[-1])
    named = newest if newest == oldest else f"{oldest}–{newest}"
    title = finding.title.replace(f"TensorFlow {candidates[0]} ", f"TensorFlow {named} ")
    if newest != oldest:
        # what the newest was built with is not the range's
        title = _BUILT_WITH.sub("", title)
    return dataclasses.replace(finding, title=title) if title != finding.title else finding


_BUILT_WITH = re.compile(r" \(built with CUDA [\d.]{1,10}\)")


def if_not_older(
    judged: tuple[Finding, ...], without_release: tuple[Finding, ...], matrix: Matrix
) -> tuple[Finding, ...]:
    """The log's paths also fit releases older than the matrix holds (tensorflow/stream_executor
    was there in 1.x too): an error that only follows from the release is not shown for those,
    so it stays a warning that says so."""
    oldest = xy(min((r.version for r in matrix.tensorflow.releases), key=parsed))
    release_only = frozenset(f.id for f in judged) - {f.id for f in without_release}
    return contradicted(
        judged,
        release_only,
        f"the log also fits a TensorFlow older than {oldest}, which is not judged here"
        " (add --tf X.Y)",
    )


def windows_cpu_build(judged: tuple[Finding, ...], cpu_build_line: str) -> tuple[Finding, ...]:
    """The release was narrowed by the build TensorFlow reported: say how."""
    reason = (
        "TensorFlow says it was built without CUDA, and 'pip install tensorflow' on native "
        "Windows gave a CUDA build from 2.1 to 2.10: " + cpu_build_line.strip()[:120]
    )
    return tuple(
        dataclasses.replace(f, evidence=(*f.evidence, reason))
        if f.id == "windows-native-gpu-unsupported"
        else f
        for f in judged
    )


def _if_newer(
    candidates: tuple[str, ...],
    judged: list[tuple[Finding, ...]],
    common: set[str],
    existed: tuple[bool, ...],
) -> tuple[Finding, ...]:
    """A platform finding that holds for the newest releases but not for all (no GPU on native
    Windows from 2.11): the likely cause when the release is not known, so a warning that says
    from which release on it holds. None where those releases did not exist yet when the log
    was written (existed: per candidate)."""
    found = []
    for finding in judged[0]:
        if finding.id in common or not is_platform(finding):
            continue
        holds = [
            v
            for v, group, was in zip(candidates, judged, existed, strict=True)
            if was and any(f.id == finding.id for f in group)
        ]
        if not holds:
            continue
        since = xy(min(holds, key=parsed))  # the series: '2.11', not its newest patch
        found.append(
            dataclasses.replace(
                finding,
                severity=Severity.WARNING,
                title=f"If the TensorFlow here is {since} or newer, {lower_first(finding.title)}",
                evidence=(*finding.evidence, "the TensorFlow version is not known (add --tf X.Y)"),
            )
        )
    return tuple(found)
