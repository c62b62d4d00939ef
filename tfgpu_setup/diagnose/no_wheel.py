"""pip finding no TensorFlow wheel, read against the Python and the platform the facts state.

'No matching distribution found for tensorflow' says only that pip saw no wheel it could use.
With the Python and the platform known, the matrix tells which it was: a Python none of the
platform's wheels cover, a platform PyPI has no wheel for, or neither; then the Python that ran
pip was not the one stated (another interpreter, a 32-bit build) or pip was too old to see the
wheels. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from packaging.version import InvalidVersion

from ..doc_urls import PYPI_FILES
from ..doc_urls import TF_WINDOWS as WINDOWS_NATIVE
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import platform_key, platform_label, platform_without_wheels
from ..planner.judge import installed_release
from ..planner.rules import PLATFORM_UNSUPPORTED_FIX
from ..versions import parsed, specifier, xy
from .logfacts import LogFacts
from .logs import LogMatch
from .mac_refusals import (
    apple_silicon_python,
    apple_silicon_shown,
    apple_silicon_unpinned,
    gpu_build_on_macos,
)
from .pip_installs import REFUSALS, installed_later, refused_package, versions_listed
from .platform_ended import platform_ended
from .platform_seen import OS_OF_DISTRIBUTION
from .published import has_wheel, package_on, release_span, tensorflow_wheel, the_python
from .release_hints import out_by
from .sources import quoted

_CONSTRAINED = re.compile(
    r"requirement tensorflow(?:\[[\w,-]+\])?[<>!~]|found for tensorflow[<>!~]"
)


_ANOTHER_TARGET = re.compile(
    r"\bpip3?(?:\.exe)? (?:download|install)\b[^\n]{0,400}?"
    r"--(?:platform|python-version|abi|implementation)[= ]"
)
"""A pip command asking for the wheels of another target than the Python running it."""


def no_wheel_for_stated(
    facts: Facts,
    matrix: Matrix,
    log: LogFacts,
    matches: Sequence[LogMatch],
    stated_release: str | None = None,
    text: str = "",
) -> list[Finding]:
    """pip's refusal, named for what the stated Python and platform make it (text: the log, for
    what pip did after it). stated_release:
    the TensorFlow the user names (not a pin pip was asked for): one published on this platform
    under another name says so, and one older than every release with a wheel for that Python
    says pip most likely ran before those existed."""
    refused = next((m for m in matches if m.signature.name in REFUSALS), None)
    if refused is None or log.pip_network_line:
        return []  # pip never reached the index: it says nothing about the wheels there
    if _ANOTHER_TARGET.search(text):
        return []  # pip looked for another machine's wheels: this one's say nothing
    package = refused_package(refused) or "tensorflow"
    if gpu_build := gpu_build_on_macos(facts, matrix, matches, package, refused, text):
        return [gpu_build]
    if windows_gpu := _windows_gpu_package_past_its_end(facts, matrix, package, refused):
        return [windows_gpu]
    if package != "tensorflow":
        return _another_name_here(facts, matrix, log, package, refused, text) or _named_for_one_os(
            facts, package, refused
        )
    if (unpublished := platform_without_wheels(facts)) is not None:
        return [
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                "pip found no tensorflow wheel because TensorFlow publishes none for"
                f" {unpublished}",
                (f"arch: {facts.platform.arch} ({facts.platform.source})", refused.line.strip()),
                PLATFORM_UNSUPPORTED_FIX,
                PYPI_FILES,
            )
        ]
    python = the_python(facts)
    if (not facts.knows("os") or python is None) and (
        ended := platform_ended(facts, matrix, log, matches, text)
    ):
        return [ended]
    if python is not None and not facts.knows("os"):
        return _served_everywhere(matrix, python, refused, facts)
    if not facts.knows("os") or python is None:
        return []
    saw_versions = any(versions_listed(m) for m in matches)
    if _CONSTRAINED.search(refused.line) or (saw_versions and not refused.groups.get("requested")):
        # a range pip could not meet, or pip seeing versions and none that fit it (only
        # pre-releases): not a missing wheel for this Python
        return []
    key = platform_key(facts)
    if key == "macos_x86_64" and not facts.knows("arch") and apple_silicon_shown(text):
        key = "macos_arm64"  # the paste shows the chip (conda's osx-arm64, uname's ARM64)
    label = platform_label(key)
    requested = refused.groups.get("requested") or ""
    releases = [
        r
        for r in matrix.tensorflow.releases
        if not requested or parsed(r.version) in specifier(f"=={requested}.*")
    ]
    if requested and not releases and (no_wheel := _before_platform(matrix, requested, key)):
        return [no_wheel]
    on_platform = [r for r in releases if has_wheel(r, key)]
    served = [r for r in on_platform if python in r.python]
    asked = f"TensorFlow {requested}" if requested else "TensorFlow"
    as_tensorflow = [r for r in served if package_on(r, key) == "tensorflow"]
    named = [r for r in served if stated_release and xy(r.version) == xy(stated_release)]
    if named and package_on(named[0], key) != "tensorflow":
        # the release the user names is published here under another name (2.9 on Apple
        # silicon as tensorflow-macos), whatever later releases are published as
        served, asked = named, f"TensorFlow {xy(stated_release or '')}"
        as_tensorflow = []
    if served and not as_tensorflow:
        other = package_on(served[-1], key)
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"On {label}, {asked} for Python {python} is published as {other}, not as"
                f" 'tensorflow' ({release_span(served)}): pip finds no 'tensorflow' wheel there",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                f"Install {other} instead (its release for this Python), or a later TensorFlow"
                " whose 'tensorflow' package covers this platform.",
                PYPI_FILES,
            )
        ]
    served = as_tensorflow
    if served and log.pip_index_line:
        # PyPI has a wheel for this Python: the index pip asked instead may simply lack it
        return []
    first = min(served, key=lambda r: parsed(r.version)) if served else None
    before = _older_than(matrix, stated_release, first, key) if first is not None else None
    # a log dated after the first serving release came out: pip saw it then
    if first is not None and before and not out_by(first, log.written_on):
        published = f", published {first.published}" if first.published else ""
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"TensorFlow {before} has no wheel for Python {python} on {label}: the first that"
                f" has one is {xy(first.version)}{published}, and pip saw none, so it most likely"
                " ran before that",
                (
                    f"Python {python} ({facts.pythons[0].source}), {label}",
                    f"TensorFlow {before} on {label}: Python"
                    f" {', '.join(_covered_by(matrix, before, key))}",
                ),
                f"Use a Python TensorFlow {before} supports, or install TensorFlow"
                f" {xy(first.version)} or newer (upgrade pip first: 'python -m pip install"
                " --upgrade pip', with the 64-bit interpreter you mean).",
                PYPI_FILES,
            )
        ]
    if served and (arm := apple_silicon_python(facts, matrix, log, matches, requested, text)):
        return [arm]
    if served and (arm := apple_silicon_unpinned(facts, matrix, log, matches, text)):
        return [arm]
    if served:
        oldest = min(served, key=lambda r: parsed(r.version))
        # (a paste undated, from before the first wheel for this Python: that happened too)
        before_first = (
            f"; or the paste predates TensorFlow {xy(oldest.version)} ({oldest.published}), the"
            f" first with wheels for Python {python}: install again now, or use an older Python"
            if oldest.published and _recent(matrix, oldest)
            else ""
        )
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"pip found no wheel, yet {asked} has wheels for Python {python} on {label}"
                f" ({release_span(served)}): the Python that ran pip is not a 64-bit {python},"
                " or that pip is too old to see them",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                PIP_OF_THIS_PYTHON + before_first + ".",
                PYPI_FILES,
            )
        ]
    if on_platform:
        covered = sorted({p for r in on_platform for p in r.python}, key=parsed)
        newest = max(on_platform, key=lambda r: parsed(r.version))
        newest_range = sorted(newest.python, key=parsed) or covered
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"{asked} has no wheel for Python {python} on {label}: its wheels there cover"
                f" Python {covered[0]} to {covered[-1]}",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                f"Create the environment with a Python from {newest_range[0]} to"
                f" {newest_range[-1]}, which TensorFlow {newest.version}, the newest here,"
                " supports (an older Python gets an older release, built for an older CUDA):"
                " 'tfgpu-setup plan --python X.Y' checks one first.",
                PYPI_FILES,
            )
        ]
    if releases:
        title = f"PyPI has no {asked} wheel for {label}, for any Python"
        return [_no_wheel_on_platform(title, label, _nearest_with_wheel(matrix, releases, key))]
    return []


_FREE_THREADED = re.compile(
    # (not a row of 'uv python list', which lists interpreters, not the one that ran)
    r"^(?![ \t]*cpython-3)[^\n]*?(?:experimental free-threading build|\bpython3\.1[3-9]t\b"
    r"|/python3\.1[3-9]t/|\bcp31[3-9]t\b|\bCPython 3\.1[3-9](?:t\b|\.\d{1,3}\+freethreaded\b)"
    # the Windows launcher's and uv's selectors of that build
    r"|\bpy(?:\.exe)? -(?:V:)?3\.1[3-9]t\b|(?:-p|--python)[ =]3\.1[3-9]t\b)",
    re.MULTILINE,
)
"""CPython's free-threaded build (PEP 703): its banner, its interpreter's name, its ABI tag."""
_FREE_THREADED_VERSION = re.compile(r"\b(?:python|cp|CPython |-V:|-)?3\.?(?P<minor>1[3-9])t\b")
_STANDARD_ABI_REFUSED = re.compile(
    r"(?:ABI tag \(e\.g\., `|require CPython 3\.1[3-9] \(`)cp31[3-9]`"
)
"""uv's refusal naming the standard build's ABI tag: the Python that ran was not free-threaded."""


def free_threaded_named(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """Any installer's refusal of the Python (uv's hint too) under CPython's free-threaded
    build names that build: its 'cp313t' ABI, not the version, is what no wheel carries."""
    first = next((f for f in findings if f.id == "python-unsupported"), None)
    free = _FREE_THREADED.search(text)
    if first is None or free is None or "free-threaded" in first.title:
        return findings
    if _STANDARD_ABI_REFUSED.search(text):
        return findings
    version = _FREE_THREADED_VERSION.search(text, free.start())
    python = f"3.{version['minor']}" if version else "3.X"
    named = dataclasses.replace(
        first,
        title=f"This Python is CPython's free-threaded build ({python}t), for which TensorFlow"
        " publishes no wheel",
        evidence=(*first.evidence, quoted(free.group(0).strip())),
        fix=f"Create the environment with the standard (GIL) build of Python {python}"
        f" ('uv venv -p {python}', 'python{python} -m venv'), whose wheels TensorFlow publishes"
        " for its newer releases; 'tfgpu-setup plan --python X.Y' checks one first.",
    )
    return tuple(named if f is first else f for f in findings)


RECENT_SERIES = 2
"""A Python first served by one of the newest this many release series is new enough that a
paste may predate its wheels."""


def _recent(matrix: Matrix, release: TfRelease) -> bool:
    newer = {xy(r.version) for r in matrix.tensorflow.releases} - {xy(release.version)}
    return sum(parsed(s) > parsed(xy(release.version)) for s in newer) < RECENT_SERIES


PIP_OF_THIS_PYTHON = (
    "Run pip as 'python -m pip' with the interpreter you mean (python -c \"import struct, sys;"
    " print(sys.version, struct.calcsize('P') * 8)\" shows its version and bits), and upgrade"
    " pip there ('python -m pip install --upgrade pip')"
)
"""Where pip found no wheel that exists for the Python stated: which pip ran, and how old."""
MAIN_PLATFORMS = ("linux_x86_64", "windows_x86_64", "macos_arm64")


def _served_everywhere(
    matrix: Matrix, python: str, refused: LogMatch, facts: Facts
) -> list[Finding]:
    """pip refusing 'tensorflow' for a stated Python that the newest release serves on every main
    platform, the platform unstated: the Python's version is not what pip lacked a wheel for."""
    if _CONSTRAINED.search(refused.line) or refused.groups.get("requested"):
        return []
    newest = matrix.tensorflow.releases[0]
    if python not in newest.python or not all(has_wheel(newest, k) for k in MAIN_PLATFORMS):
        return []
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            f"pip found no wheel, yet TensorFlow {newest.version} has wheels for Python {python}"
            " on Linux, Windows and macOS: the Python that ran pip is not a 64-bit"
            f" {python}, that pip is too old to see them, or the platform has none (32-bit"
            " ARM, musl as on Alpine)",
            (f"Python {python} ({facts.pythons[0].source})",),
            PIP_OF_THIS_PYTHON + "; then check the machine with 'uname -m' (x86_64 or aarch64"
            " have wheels); add --os to judge it.",
            PYPI_FILES,
        )
    ]


def _name_has_no_wheel(package: str, key: str, requested: str) -> bool:
    """Whether a platform name of TensorFlow publishes no wheel for this platform's key:
    tensorflow-cpu none for Apple silicon (tensorflow#61401), tensorflow-macos none off macOS and
    none for Intel Macs from 2.13 (tensorflow#61382), tensorflow-intel only Windows', the
    community tensorflow-aarch64 only Linux on Arm's. tensorflow-gpu is left out: a GPU build
    missing says more than its name."""
    if package == "tensorflow-cpu":
        return key == "macos_arm64"
    if package == "tensorflow-macos":
        on_intel_from_2_13 = key == "macos_x86_64" and parsed(xy(requested)) >= parsed("2.13")
        return not key.startswith("macos_") or on_intel_from_2_13
    if package == "tensorflow-intel":
        return key != "windows_x86_64"
    if package == "tensorflow-aarch64":
        return key != "linux_aarch64"
    return False


def _windows_gpu_package_past_its_end(
    facts: Facts, matrix: Matrix, package: str, refused: LogMatch
) -> Finding | None:
    """pip on native Windows refusing tensorflow-gpu at a release with no GPU build there
    (2.11 on; tensorflow#62073: its versions end at 2.10.1, then 2.12.0's empty stand-in): the
    GPU build is what is missing, not a wheel for the Python."""
    requested = refused.groups.get("requested") or ""
    if package != "tensorflow-gpu" or not requested:
        return None
    if not facts.knows("os") or facts.platform.os != "windows":
        return None
    try:
        asked = parsed(requested)
    except InvalidVersion:
        return None
    gpu_there = [
        r
        for r in matrix.tensorflow.releases
        if (w := r.platforms.get("windows_x86_64")) is not None and w.gpu
    ]
    last = max(gpu_there, key=lambda r: parsed(r.version), default=None)
    if last is None or asked.release[:2] <= parsed(last.version).release[:2]:
        return None
    pythons = "/".join(last.python)
    return Finding(
        "windows-native-gpu-unsupported",
        Severity.ERROR,
        f"pip found no tensorflow-gpu {requested} for native Windows: TensorFlow"
        f" {xy(last.version)} was the last release with a GPU build there",
        (refused.line.strip()[:300], f"os: windows ({facts.platform.source})"),
        f"Use WSL2 for TensorFlow {requested} on the GPU (the Windows NVIDIA driver, then 'pip"
        " install tensorflow[and-cuda]' inside WSL2, or tfgpu-setup there); or stay on native"
        f" Windows with TensorFlow {last.version} (Python {pythons}, CUDA {last.cuda}, cuDNN"
        f" {last.cudnn}: 'tfgpu-setup plan --tf {xy(last.version)}').",
        WINDOWS_NATIVE,
    )


def _another_name_here(
    facts: Facts, matrix: Matrix, log: LogFacts, package: str, refused: LogMatch, text: str
) -> list[Finding]:
    """pip refusing a pinned release under one of its platform names, for a Python that
    release covers on this platform under another name: the name is what has no wheel here
    (tensorflow-cpu on Apple silicon, tensorflow-macos on an Intel Mac from 2.13;
    tensorflow#61401, tensorflow#61382), not the Python."""
    requested = refused.groups.get("requested") or ""
    python = the_python(facts)
    if not facts.knows("os"):
        return []
    if facts.platform.os == "macos" and not facts.knows("arch"):
        return []  # an unstated Mac is not known to be an Intel one
    key = platform_key(facts)
    if not requested or python is None:
        return _name_never_published_here(matrix, package, key, python, refused)
    if not _name_has_no_wheel(package, key, requested):
        return []
    if log.python and xy(log.python) != python:
        return []  # the Python that ran pip, as the log shows it, is not the one stated
    published = [
        r
        for r in matrix.tensorflow.releases
        if parsed(r.version) in specifier(f"=={requested}.*")
        and has_wheel(r, key)
        and python in r.python
        and package_on(r, key) != package
    ]
    if not published:
        return []
    name, label = package_on(published[-1], key), platform_label(key)
    if installed_later(name, requested, text.split("\n")[refused.line_number :]):
        return []  # the paste goes on to install it under that name: done already
    return [
        Finding(
            "platform-unsupported",
            Severity.ERROR,
            f"pip found no {package} {requested} wheel because that name has none for {label}:"
            f" TensorFlow {xy(requested)} is published there as '{name}'",
            (
                refused.line.strip(),
                f"Python {python} ({facts.pythons[0].source}), {label}: TensorFlow"
                f" {xy(requested)} has a '{name}' wheel for it",
            ),
            f"Install '{name}=={requested}' instead: the same TensorFlow, under the name it has"
            f" on {label}.",
            PYPI_FILES,
        )
    ]


def _name_never_published_here(
    matrix: Matrix, package: str, key: str, python: str | None, refused: LogMatch
) -> list[Finding]:
    """The same refusal, unpinned or for a Python nobody named, of a platform name that has no
    wheel for this platform in any release (tensorflow-cpu on Apple silicon, tensorflow-intel
    off Windows): whatever the Python, the name is the cause; the one to use is the newest
    release's name here."""
    if package in OS_OF_DISTRIBUTION or not all(
        _name_has_no_wheel(package, key, edge) for edge in ("0.1", "99.0")
    ):
        return []  # (a name of one system's elsewhere: _named_for_one_os says so)
    here = [
        r
        for r in matrix.tensorflow.releases
        if has_wheel(r, key) and (python is None or python in r.python)
    ]
    if not here:
        return []
    newest = max(here, key=lambda r: parsed(r.version))
    name, label = package_on(newest, key), platform_label(key)
    if name == package:
        return []
    return [
        Finding(
            "platform-unsupported",
            Severity.ERROR,
            f"pip found no {package} wheel because that name has none for {label}: TensorFlow"
            f" is published there as '{name}'",
            (refused.line.strip(), f"{label}: '{package}' has no wheel for it in any release"),
            f"Install '{name}' instead (TensorFlow {newest.version} is the newest there"
            + (f" for Python {python}" if python else "")
            + "): the same TensorFlow, under the name it has on this platform.",
            PYPI_FILES,
        )
    ]


_ONE_OS_LABEL = {"macos": "macOS", "windows": "native Windows"}


def _named_for_one_os(facts: Facts, package: str, refused: LogMatch) -> list[Finding]:
    """pip finding no version at all of a name TensorFlow publishes for one operating system
    only (tensorflow-macos, tensorflow-intel), on a machine known to run another: the name is
    the cause (samformer#2: tensorflow-macos pinned in a project's requirements, installed on
    Linux). Where the system is unknown it may be that one, whose pip lists none for a Python
    the release has no wheel for, or for an old pip (tensorflow#50108): the Python reading
    stands there."""
    only_on = OS_OF_DISTRIBUTION.get(package)
    if only_on is None or versions_listed(refused) or not facts.knows("os"):
        return []
    if facts.platform.os == only_on:
        return []
    requested = refused.groups.get("requested") or ""
    pin = f"=={requested}" if requested else ""
    label = _ONE_OS_LABEL[only_on]
    fix = (
        f"Install 'tensorflow{pin}' instead (the same TensorFlow, under the name it has on"
        f" every platform), or drop '{package}' from the requirements."
    )
    if package in PLUGINS_FOR_ONE_OS:
        fix = (
            f"Drop '{package}' from what you install: it is Apple's GPU plugin for macOS, not"
            " TensorFlow. Off macOS TensorFlow's GPU build is 'tensorflow[and-cuda]' on Linux"
            " and WSL 2 ('tfgpu-setup plan' picks the release)."
        )
    return [
        Finding(
            "platform-unsupported",
            Severity.ERROR,
            f"pip found no {package} wheel at all: that name is published for {label} only",
            (refused.line.strip(), f"os: {facts.platform.os} ({facts.platform.source})"),
            fix,
            PYPI_FILES,
        )
    ]


PLUGINS_FOR_ONE_OS = frozenset({"tensorflow-metal"})
"""Names of one system's GPU plugins, which no other TensorFlow name replaces."""


def _nearest_with_wheel(matrix: Matrix, asked: Sequence[TfRelease], key: str) -> str:
    """The release series with a 'tensorflow' wheel on this platform nearest to those asked
    for: the first after them, else the last before them ('' where none has one)."""
    with_wheel = sorted(
        (r for r in matrix.tensorflow.releases if tensorflow_wheel(r, key)),
        key=lambda r: parsed(r.version),
    )
    newest_asked = max(parsed(r.version) for r in asked)
    later = [r for r in with_wheel if parsed(r.version) > newest_asked]
    if later:
        return f"TensorFlow {xy(later[0].version)} or later, which has wheels there"
    if with_wheel:
        return f"TensorFlow {xy(with_wheel[-1].version)}, the last with wheels there"
    return ""


def _before_platform(matrix: Matrix, requested: str, key: str) -> Finding | None:
    """A pinned release older than every release the matrix lists, on a platform the oldest of
    those has no wheel for: wheels for it came later (Linux on aarch64 from 2.10), so the pinned
    one had none for any Python."""
    releases = matrix.tensorflow.releases
    if not releases:
        return None
    oldest = min(releases, key=lambda r: parsed(r.version))
    try:
        older = parsed(requested) < parsed(xy(oldest.version))
    except InvalidVersion:
        return None
    if not older or has_wheel(oldest, key):
        return None
    with_wheel = [r for r in releases if tensorflow_wheel(r, key)]
    first = min(with_wheel, key=lambda r: parsed(r.version)) if with_wheel else None
    label = platform_label(key)
    since = f": the first with one is {xy(first.version)}" if first is not None else ""
    return _no_wheel_on_platform(
        f"PyPI has no TensorFlow {requested} wheel for {label}, for any Python{since}",
        label,
        f"TensorFlow {xy(first.version)} or later, which has wheels there" if first else "",
    )


def _no_wheel_on_platform(title: str, label: str, instead: str) -> Finding:
    """instead: the release to use on this platform, where one has wheels there."""
    return Finding(
        "platform-unsupported",
        Severity.ERROR,
        title,
        (label,),
        "Use a platform TensorFlow publishes wheels for ('tfgpu-setup matrix show'), or a build"
        " for this one from its vendor (NVIDIA's for Jetson, Apple's tensorflow-macos before"
        " 2.13)" + (f", or {instead}." if instead else "."),
        PYPI_FILES,
    )


def _older_than(matrix: Matrix, stated: str | None, first: TfRelease, key: str) -> str | None:
    """The stated release's X.Y series, when it had wheels on this platform and is older than
    the first series with one for this Python (series against series: a pin of 2.5.3 is the
    2.5 that serves it)."""
    if stated is None:
        return None
    series = xy(stated)
    if not any(
        xy(r.version) == series and tensorflow_wheel(r, key) for r in matrix.tensorflow.releases
    ):
        return None  # no 'tensorflow' wheel of it here at all: another reading names that
    return series if parsed(series) < parsed(xy(first.version)) else None


def _covered_by(matrix: Matrix, series: str, key: str) -> list[str]:
    pythons = {
        p
        for r in matrix.tensorflow.releases
        if xy(r.version) == series and tensorflow_wheel(r, key)
        for p in r.python
    }
    return sorted(pythons, key=parsed)


def pinned_release_pythons(
    findings: tuple[Finding, ...], matches: Sequence[LogMatch], matrix: Matrix
) -> tuple[Finding, ...]:
    """pip refusing a pinned release ('tensorflow-gpu==2.10.0'): the generic 'install a
    supported Python' names that release's Pythons, the ones to create the environment with."""
    asked = next(
        (
            m.groups.get("requested", "")
            for m in matches
            if m.signature.name == "pip-no-matching-distribution" and m.groups.get("requested")
        ),
        "",
    )
    release = installed_release(matrix, asked)
    if release is None or not release.python:
        return findings
    pythons = sorted(release.python, key=parsed)
    newest = pythons[-1]
    fix = (
        f"TensorFlow {asked} has wheels for Python {pythons[0]} to {newest} only: create the"
        f" environment with one of them ('conda create -n tf python={newest}', or"
        f" 'python{newest} -m venv'), then install it again; 'tfgpu-setup plan --tf {asked}'"
        " checks the rest of the machine."
    )
    return tuple(
        dataclasses.replace(f, fix=fix)
        if f.id == "python-unsupported" and f.fix.startswith("Install a 64-bit Python")
        else f
        for f in findings
    )
