"""The facts judged for a release the log narrows down without naming it: a series stated
as X.Y (every patch of it), a range the log's hints admit (what every release in it yields,
and what holds only from one release on), releases older than the matrix, and the release a
CPU build on native Windows rules out. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

from packaging.version import InvalidVersion

from ..facts import CudaInstall, CudnnInstall, Facts
from ..findings import FINDING_KINDS, Finding, Layer, Severity, ids_tagged
from ..matrix.model import Matrix
from ..matrix.query import release
from ..planner.driver_gpus import predates_wsl_cuda
from ..planner.judge import judge_installed
from ..versions import LibraryKind, parsed, serves_build, xy
from .release_hints import series_published_by
from .sources import lower_first
from .weigh import contradicted, is_platform, noted


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


def nightly_neighbours(matrix: Matrix, release: str) -> tuple[str, ...]:
    """A nightly of X.Y ('2.6.0.dev20210402') was built with the toolchain of its day: at least
    that of the release before X.Y, at most X.Y's own (tf-nightly before 2.5.0 still used CUDA
    11.0, 2.4's). Both series' releases, newest first, so that only what holds for either is
    judged; () where the matrix lacks either series."""
    try:
        wanted = parsed(release)
    except InvalidVersion:
        return ()
    if not wanted.is_devrelease:
        return ()
    series = sorted(
        {parsed(r.version).release[:2] for r in matrix.tensorflow.releases}, reverse=True
    )
    own = wanted.release[:2]
    if own not in series or series.index(own) + 1 >= len(series):
        return ()
    before = series[series.index(own) + 1]
    return tuple(
        sorted(
            (
                r.version
                for r in matrix.tensorflow.releases
                if parsed(r.version).release[:2] in (own, before)
            ),
            key=parsed,
            reverse=True,
        )
    )


def judged_for(
    facts: Facts,
    matrix: Matrix,
    candidates: tuple[str, ...],
    venv: str,
    guessed: bool,
    written_on: str = "",
    nightly: str = "",
    gpu_at_work: bool = False,
) -> tuple[Finding, ...]:
    """The facts judged for the release that ran (guessed: one the log's hints admit). When
    the log only narrows it to a range, a finding is evidence only if every release in the
    range yields it; one that holds for the newest only is a likelihood, unless the log was
    written before any of those existed. gpu_at_work: the log shows the GPU at work, so no
    release that has no kernels for it ran."""
    if len(candidates) <= 1:
        return judge_installed(facts, matrix, candidates[0] if candidates else None, venv, guessed)
    judged = [judge_installed(facts, matrix, v, venv, guessed) for v in candidates]
    common = set.intersection(*({f.id for f in group} for group in judged))
    existed = tuple(series_published_by(matrix, v, written_on) for v in candidates)
    return (
        *(
            f if _same_for_every(f, judged) else _named_as_the_range(f, candidates, matrix, nightly)
            for f in judged[0]
            if f.id in common
        ),
        *_if_newer(candidates, judged, common, existed),
        *(() if gpu_at_work else _if_older(candidates, judged, common, existed)),
    )


def _same_for_every(finding: Finding, judged: list[tuple[Finding, ...]]) -> bool:
    """Every release in the range yields this very finding (a GPU in MIG mode without
    instances, a driver missing): which one ran does not matter to it."""
    return all(
        any((f.id, f.title, f.fix) == (finding.id, finding.title, finding.fix) for f in group)
        for group in judged
    )


def _named_as_the_range(
    finding: Finding, candidates: tuple[str, ...], matrix: Matrix, nightly: str = ""
) -> Finding:
    """A finding every candidate yields, judged for the newest: where they were all built with
    one CUDA and cuDNN, it names them all ('TensorFlow 2.1–2.3', or the series '2.5'); where
    not, it says which one it was judged for, as the log did not say which ran."""
    newest, oldest = xy(candidates[0]), xy(candidates[-1])
    named = newest if newest == oldest else f"{oldest}–{newest}"
    builds = {(r.cuda, r.cudnn) for v in candidates if (r := release(matrix, v)) is not None}
    if len(builds) == 1:
        title = finding.title.replace(f"TensorFlow {candidates[0]} ", f"TensorFlow {named} ")
        return dataclasses.replace(finding, title=title) if title != finding.title else finding
    said = (
        f"judged for TensorFlow {candidates[0]}: the nightly {nightly} was built between the"
        f" releases {named}"
        if nightly
        else f"judged for TensorFlow {candidates[0]}, the newest release that fits what is known"
        f" here ({named}); add --tf X.Y for the one installed"
    )
    fix = (
        f"{finding.fix} (That is for {candidates[0]}: the releases that fit, {named}, were"
        " built with different CUDA and cuDNN versions; 'pip show tensorflow' says which is"
        " installed, and 'tfgpu-setup doctor --tf X.Y' judges it.)"
    )
    return dataclasses.replace(finding, evidence=(*finding.evidence, said), fix=fix)


def if_not_older(
    judged: tuple[Finding, ...],
    without_release: tuple[Finding, ...],
    matrix: Matrix,
    facts: Facts | None = None,
    from_a_log: bool = True,
    named_by_the_log: frozenset[str] = frozenset(),
) -> tuple[Finding, ...]:
    """The log's paths also fit releases older than the matrix holds (tensorflow/stream_executor
    was there in 1.x too): an error that only follows from the release is not shown for those,
    so it stays a warning that says so; unless the older builds give it too (a CUDA 10.2 no
    release was ever built with). A CUDA or cuDNN stated that an older release was built with
    leaves its mismatch a note, unless the log names that library's version itself
    (named_by_the_log: 'cuda', 'cudnn'), which judges it."""
    oldest = xy(min((r.version for r in matrix.tensorflow.releases), key=parsed))
    release_only = frozenset(f.id for f in judged) - {f.id for f in without_release}
    if facts is not None:
        release_only -= _true_for_every_older_build(facts, matrix)
    which = "the log also fits" if from_a_log else "nothing stated rules out"
    stepped = contradicted(
        judged,
        release_only,
        f"{which} a TensorFlow older than {oldest}, which is not judged here (add --tf X.Y)",
    )
    if facts is None:
        return stepped
    # a CUDA or cuDNN stated that an older release was built with points at that release:
    # the mismatch judged for a newer one is then no likelier than none
    for kind, build in _older_builds_served(facts, matrix).items():
        mismatch = f"{kind}-version-mismatch"
        if mismatch in release_only and kind not in named_by_the_log:
            what = "CUDA" if kind == "cuda" else "cuDNN"
            stepped = noted(
                stepped,
                _with_id(mismatch),
                f"the {what} stated is the one TensorFlow {_series(build)} were built with",
            )
    return stepped


_CUDA_LIBRARY = re.compile(r"cudart|cublas|cufft|curand|cusolver|cusparse", re.IGNORECASE)
_CUDNN_LIBRARY = re.compile(r"cudnn", re.IGNORECASE)


def libraries_named(lines: Iterable[str]) -> frozenset[str]:
    """Which of CUDA ('cuda') and cuDNN ('cudnn') these log lines name a library of: the
    version the log wants of it is then the log's to judge, not an older build's."""
    named = set()
    for line in lines:
        if _CUDA_LIBRARY.search(line):
            named.add("cuda")
        if _CUDNN_LIBRARY.search(line):
            named.add("cudnn")
    return frozenset(named)


def _with_id(finding_id: str) -> Callable[[Finding], bool]:
    return lambda f: f.id == finding_id


def _older_builds_served(facts: Facts, matrix: Matrix) -> dict[LibraryKind, str]:
    """For the CUDA and the cuDNN stated, the releases older than the table's (as their
    specifier reads) that were built with that very version: {'cudnn': '>=1.0,<1.3'}."""
    served: dict[LibraryKind, str] = {}
    kinds: tuple[tuple[LibraryKind, tuple[CudaInstall, ...] | tuple[CudnnInstall, ...]], ...] = (
        ("cuda", facts.cuda),
        ("cudnn", facts.cudnn),
    )
    for kind, installs in kinds:
        versions = [c.version for c in installs if c.version] if facts.knows(kind) else []
        for build in matrix.tensorflow.legacy_builds:
            built = build.cuda if kind == "cuda" else build.cudnn
            if versions and all(serves_build(built, v, kind) for v in versions):
                served[kind] = build.tensorflow
                break
    return served


def _series(specifier_text: str) -> str:
    """'>=1.0,<1.3' as people write it: '1.0 to 1.2'."""
    found = re.fullmatch(r">=(\d+\.\d+),<(\d+)\.(\d+)", specifier_text.replace(" ", ""))
    if found is None or found[3] == "0":
        return specifier_text
    return f"{found[1]} to {found[2]}.{int(found[3]) - 1}"


def _true_for_every_older_build(facts: Facts, matrix: Matrix) -> frozenset[str]:
    """The version mismatches that hold for the older releases as well: the installed CUDA (or
    cuDNN major) is one no build in the table of older releases was made with."""
    held: set[str] = set()
    # Python support only grows: the releases older than the table's oldest took no Python
    # newer than that one's newest
    oldest = min(matrix.tensorflow.releases, key=lambda r: parsed(r.version))
    newest_python = max((parsed(p) for p in oldest.python), default=None)
    pythons = [parsed(xy(p.version)) for p in facts.pythons] if facts.knows("pythons") else []
    if newest_python is not None and pythons and all(p > newest_python for p in pythons):
        held.add("python-unsupported")
    if predates_wsl_cuda(facts):
        held.add("driver-too-old")  # no CUDA in WSL 2 at all before R470, for any release
    builds = matrix.tensorflow.legacy_builds
    if not builds:
        return frozenset(held)
    # below the table's oldest build are the 0.x releases it does not list (CUDA 7.x, cuDNN 4)
    cuda_floor = min(parsed(b.cuda) for b in builds)
    cuda = [c.version for c in facts.cuda] if facts.knows("cuda") else []
    if (
        cuda
        and all(v is not None and parsed(v) >= cuda_floor for v in cuda)
        and not any(xy(v) == xy(b.cuda) for v in cuda if v for b in builds)
    ):
        held.add("cuda-version-mismatch")
    newest_cudnn = max(parsed(b.cudnn).major for b in builds)
    cudnn = [c.version for c in facts.cudnn] if facts.knows("cudnn") else []
    if cudnn and all(v is not None and parsed(v).major > newest_cudnn for v in cudnn):
        held.add("cudnn-version-mismatch")
    return frozenset(held)


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


RELEASE_NOT_KNOWN = "the TensorFlow version is not known (add --tf X.Y)"
"""The evidence of a finding said for some of the releases a log admits."""


_KERNEL_IDS = frozenset(k.id for k in FINDING_KINDS.values() if k.layer is Layer.KERNELS)


def kernels_moot(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The note that older releases have no kernels for the GPU, where an error shows no GPU
    reaches TensorFlow at all (a container not given one, no driver): kernels come after that
    (review 77: Docker without the NVIDIA Container Toolkit beside an RTX 3090)."""
    stops = ids_tagged("stops-every-gpu")
    if not any(f.severity is Severity.ERROR and f.id in stops for f in findings):
        return findings
    return tuple(
        f
        for f in findings
        if not (
            f.severity is Severity.INFO and f.id in _KERNEL_IDS and RELEASE_NOT_KNOWN in f.evidence
        )
    )


def _if_older(
    candidates: tuple[str, ...],
    judged: list[tuple[Finding, ...]],
    common: set[str],
    existed: tuple[bool, ...],
) -> tuple[Finding, ...]:
    """A finding about the GPU's kernels that holds for older releases but not the newest (an
    RTX 5090 before the release whose kernels run it): when the release is not known, a note
    that says up to which release it holds (docker-stacks#2288: an RTX 5090 in an image of a
    TensorFlow nobody named). A note, not a warning: it rests on a release nobody named, so it
    never outranks what the log shows."""
    found = []
    for kind_id in dict.fromkeys(f.id for group in judged[1:] for f in group):
        kind = FINDING_KINDS.get(kind_id)
        if kind_id in common or kind is None or kind.layer is not Layer.KERNELS:
            continue
        if "denies-gpu" not in kind.tags or any(f.id == kind_id for f in judged[0]):
            continue  # (the newest release has it too: not a matter of an older one)
        holds = [
            (v, next(f for f in group if f.id == kind_id))
            for v, group, was in zip(candidates, judged, existed, strict=True)
            if was and any(f.id == kind_id for f in group)
        ]
        if not holds:
            continue
        until, finding = max(holds, key=lambda held: parsed(held[0]))
        # (named by its series, as the condition is: '2.3', not the patch judged)
        series = re.compile(rf"(?<=TensorFlow ){re.escape(until)}(?!\.?\d)")
        finding = dataclasses.replace(finding, title=series.sub(xy(until), finding.title))
        found.append(_if_the_release_is(finding, f"{xy(until)} or older", Severity.INFO))
    return tuple(found)


def _if_the_release_is(finding: Finding, which: str, severity: Severity) -> Finding:
    """A finding that holds only for some of the releases a log admits, said as such."""
    return dataclasses.replace(
        finding,
        severity=severity,
        title=f"If the TensorFlow here is {which}, {lower_first(finding.title)}",
        evidence=(*finding.evidence, RELEASE_NOT_KNOWN),
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
        found.append(_if_the_release_is(finding, f"{since} or newer", Severity.WARNING))
    return tuple(found)
