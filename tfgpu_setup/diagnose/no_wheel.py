"""pip finding no TensorFlow wheel, read against the Python and the platform the facts state.

'No matching distribution found for tensorflow' says only that pip saw no wheel it could use.
With the Python and the platform known, the matrix tells which it was: a Python none of the
platform's wheels cover, a platform PyPI has no wheel for, or neither; then the Python that ran
pip was not the one stated (another interpreter, a 32-bit build) or pip was too old to see the
wheels. Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from ..planner.evaluate import platform_key, platform_label, platform_without_wheels
from ..planner.rules import PLATFORM_UNSUPPORTED_FIX, PYPI_FILES
from ..versions import parsed, specifier, xy
from .logfacts import LogFacts
from .logs import LogMatch
from .release_hints import out_by

REFUSALS = frozenset({"pip-no-matching-distribution"})
_CONSTRAINED = re.compile(
    r"requirement tensorflow(?:\[[\w,-]+\])?[<>!~]|found for tensorflow[<>!~]"
)
_SAW_SOMETHING = re.compile(r"\(from versions: (?!none\))[^)\s]")


def without_refusals_installed_later(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """pip's refusal of a distribution that the same paste later shows pip installing (or its
    wheel, of the version asked for, downloaded), unless TensorFlow is then still missing:
    another interpreter or another setting got it (a macOS Python told SYSTEM_VERSION_COMPAT=0,
    tensorflow#50108), so the refusal is not what is wrong now."""
    lines = text.split("\n")  # line_number counts newlines only
    return tuple(
        m
        for m in matches
        if m.signature.name not in REFUSALS
        or not _installed_later(
            m.groups.get("package", ""), m.groups.get("requested", ""), lines[m.line_number :]
        )
    )


_STILL_MISSING = re.compile(r"No module named '?tensorflow'?(?![\w.])")


def _installed_later(package: str, requested: str, later: list[str]) -> bool:
    found = _install_seen(package, requested, later)
    if found is None:
        return False
    return not any(_STILL_MISSING.search(line) for line in later[found:])


def _install_seen(package: str, requested: str, later: list[str]) -> int | None:
    """The index of the first line that shows pip installing the package (or finding it
    installed), of the version asked for where one was; None where none does."""
    if not package:
        return None
    name = r"[-_]".join(re.escape(part) for part in re.split(r"[-_]", package))
    # the version asked for, where the refusal pinned one (2.10.0's refusal is not undone by
    # 2.17 installed); a wheel downloaded, not its metadata (pip 23.2 fetches that to resolve)
    version = re.escape(requested) + r"(?![\d])" if requested else r"\d"
    installed = re.compile(
        rf"Successfully installed\b.{{0,2000}}?\s(?i:{name})-{version}"
        rf"|(?:Downloading|Using cached)\s+(?:\S*/)?(?i:{name})-{version}[^\s]*\.whl(?:\s|$)"
        rf"|Requirement already satisfied:\s+(?i:{name})(?:[<>=!~]|\s+in\s)"
    )
    return next((i for i, line in enumerate(later) if installed.search(line)), None)


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
    package = refused.groups.get("package", "tensorflow").lower().replace("_", "-")
    if gpu_build := _gpu_build_on_macos(facts, matrix, matches, package, refused, text):
        return [gpu_build]
    if package != "tensorflow":
        return _another_name_here(facts, matrix, log, package, refused, text)
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
    python = _the_python(facts)
    if not facts.knows("os") or python is None:
        return []
    saw_versions = any(_SAW_SOMETHING.search(m.line) for m in matches)
    if _CONSTRAINED.search(refused.line) or (saw_versions and not refused.groups.get("requested")):
        # a range pip could not meet, or pip seeing versions and none that fit it (only
        # pre-releases): not a missing wheel for this Python
        return []
    key = platform_key(facts)
    label = platform_label(key)
    requested = refused.groups.get("requested") or ""
    releases = [
        r
        for r in matrix.tensorflow.releases
        if not requested or parsed(r.version) in specifier(f"=={requested}.*")
    ]
    if requested and not releases and (no_wheel := _before_platform(matrix, requested, key)):
        return [no_wheel]
    on_platform = [r for r in releases if _has_wheel(r, key)]
    served = [r for r in on_platform if python in r.python]
    asked = f"TensorFlow {requested}" if requested else "TensorFlow"
    as_tensorflow = [r for r in served if _package(r, key) == "tensorflow"]
    named = [r for r in served if stated_release and xy(r.version) == xy(stated_release)]
    if named and _package(named[0], key) != "tensorflow":
        # the release the user names is published here under another name (2.9 on Apple
        # silicon as tensorflow-macos), whatever later releases are published as
        served, asked = named, f"TensorFlow {xy(stated_release or '')}"
        as_tensorflow = []
    if served and not as_tensorflow:
        other = _package(served[-1], key)
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"On {label}, {asked} for Python {python} is published as {other}, not as"
                f" 'tensorflow' ({_span(served)}): pip finds no 'tensorflow' wheel there",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                f"Install {other} instead (its release for this Python), or a later TensorFlow"
                " whose 'tensorflow' package covers this platform.",
                PYPI_FILES,
            )
        ]
    served = as_tensorflow
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
    if served and (arm := _apple_silicon_python(facts, matrix, log, matches, requested, text)):
        return [arm]
    if served:
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"pip found no wheel, yet {asked} has wheels for Python {python} on {label}"
                f" ({_span(served)}): the Python that ran pip is not a 64-bit {python}, or that"
                " pip is too old to see them",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                "Run pip as 'python -m pip' with the interpreter you mean (python -c \"import"
                " struct, sys; print(sys.version, struct.calcsize('P') * 8)\" shows its version"
                " and bits), and upgrade pip there ('python -m pip install --upgrade pip').",
                PYPI_FILES,
            )
        ]
    if on_platform:
        covered = sorted({p for r in on_platform for p in r.python}, key=parsed)
        return [
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"{asked} has no wheel for Python {python} on {label}: its wheels there cover"
                f" Python {covered[0]} to {covered[-1]}",
                (f"Python {python} ({facts.pythons[0].source}), {label}",),
                f"Create the environment with a Python from {covered[0]} to {covered[-1]}"
                " ('tfgpu-setup plan --python X.Y' checks one first), or ask for a release"
                " that covers this Python.",
                PYPI_FILES,
            )
        ]
    if releases:
        title = f"PyPI has no {asked} wheel for {label}, for any Python"
        return [_no_wheel_on_platform(title, label, _nearest_with_wheel(matrix, releases, key))]
    return []


_VERSIONS_SEEN = re.compile(r"\(from versions: (?P<listed>[^()\n]{0,8000})\)")
_NOT_APPLE_SILICON = re.compile(
    # an Intel Mac's wheels downloaded, platform.machine() or uname -m answering x86_64,
    # conda's osx-64, macOS 10 (Apple silicon runs 11 and later)
    r"macosx_\d{1,2}_\d{1,2}_x86_64\.whl|^\s*x86_64\s*$|platform : osx-64"
    r"|ProductVersion:\s*10\."
    # pip that did not ask PyPI: only a folder, or a private index
    r"|--no-index\b|Looking in indexes: (?![^\n]{0,500}pypi\.org)"
    # pip older than 20.3 sees no wheel on macOS 11 at all (it reads the system as 10.16)
    r"|You are using pip version (?:[0-9]\.|1\d\.|20\.[0-2]\b)",
    re.MULTILINE,
)
ARM64_PYTHON_FROM = "3.8"
"""The first CPython with an arm64 build for macOS (3.8.10, 3.9.1): an older one on a Mac is an
Intel build."""


def _apple_silicon_python(
    facts: Facts,
    matrix: Matrix,
    log: LogFacts,
    matches: Sequence[LogMatch],
    requested: str,
    text: str,
) -> Finding | None:
    """On a Mac whose chip is not known, pip seeing no TensorFlow at all for a Python the
    release's Intel wheels serve: an Intel Mac's 64-bit Python would have seen them, so the one
    that ran pip is an arm64 Python (Apple silicon), where TensorFlow published no 'tensorflow'
    wheel before 2.13, only Apple's tensorflow-macos (LoRA_Easy_Training_Scripts#35). Only for a
    pinned release with no such wheel: an unpinned request is met there from 2.13 on. Not where
    the log shows an Intel Mac, pip not asking PyPI, or a pip too old for macOS 11."""
    python = _the_python(facts)
    if facts.platform.os != "macos" or facts.knows("arch") or not requested or python is None:
        return None
    if parsed(python) < parsed(ARM64_PYTHON_FROM):
        return None
    arm = "macos_arm64"
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name in REFUSALS
            and m.groups.get("package", "").lower().replace("_", "-") == "tensorflow"
            and _VERSIONS_SEEN.search(m.line)
        ),
        None,
    )
    if refusal is None or _NOT_APPLE_SILICON.search(text):
        return None
    listed = _listed(refusal.line)
    seen_from = _only_apple_silicons(matrix, python, listed) if listed else None
    if listed and seen_from is None:
        return None
    if log.python and xy(log.python) != python:
        return None  # the Python that ran pip, as the log shows it, is not the one stated
    pinned = [
        r for r in matrix.tensorflow.releases if parsed(r.version) in specifier(f"=={requested}.*")
    ]
    if any(_tensorflow_wheel(r, arm) for r in pinned):
        return None
    series = [
        r
        for r in matrix.tensorflow.releases
        if xy(r.version) == xy(requested) and _has_wheel(r, arm) and python in r.python
    ]
    first = min(
        (r for r in matrix.tensorflow.releases if _tensorflow_wheel(r, arm)),
        key=lambda r: parsed(r.version),
        default=None,
    )
    later = (
        f"TensorFlow {xy(first.version)} or later, published as 'tensorflow' there" if first else ""
    )
    if series:
        apple = max(series, key=lambda r: parsed(r.version))
        fix = (
            f"Install '{_package(apple, arm)}=={apple.version}' (the same release built for Apple"
            " silicon; 'tensorflow-metal' adds its GPU)" + (f", or {later}" if later else "")
        )
    else:
        fix = "Install " + (later or "a release published for Apple silicon")
    return Finding(
        "platform-unsupported",
        Severity.ERROR,
        (
            f"pip saw TensorFlow from {seen_from} on only, the releases with a 'tensorflow' wheel"
            " for Apple silicon"
            if seen_from
            else "pip saw no TensorFlow at all"
        )
        + f", yet TensorFlow {requested} has a wheel for Python {python} on Intel Macs: the"
        " Python that ran pip is most likely an arm64 one (Apple silicon), which that release"
        " has no 'tensorflow' wheel for",
        (
            refusal.line.strip(),
            f"Python {python} ({facts.pythons[0].source}), macOS (chip not stated)",
        ),
        fix + ". 'python -c \"import platform; print(platform.machine())\"' prints arm64 for"
        " such a Python.",
        PYPI_FILES,
    )


def _listed(line: str) -> list[Version]:
    """The versions pip lists in its refusal ([] for 'none', or an old pip's empty list)."""
    found = _VERSIONS_SEEN.search(line)
    versions = []
    for item in (found.group("listed") if found else "").split(","):
        try:
            versions.append(Version(item.strip()))
        except InvalidVersion:
            continue
    return versions


def _only_apple_silicons(matrix: Matrix, python: str, listed: list[Version]) -> str | None:
    """The X.Y pip's list starts from, where that is the first release with a 'tensorflow'
    wheel for Apple silicon and this Python, while Intel Macs have wheels for it from an
    earlier one: only an arm64 Python sees that list. None otherwise."""

    def first_for(key: str) -> str | None:
        serving = [
            parsed(xy(r.version))
            for r in matrix.tensorflow.releases
            if _tensorflow_wheel(r, key) and python in r.python
        ]
        return str(min(serving)) if serving else None

    on_arm, on_intel = first_for("macos_arm64"), first_for("macos_x86_64")
    if on_arm is None or on_intel is None or parsed(on_intel) >= parsed(on_arm):
        return None
    oldest = parsed(xy(str(min(listed))))
    return on_arm if oldest == parsed(on_arm) else None


GPU_BUILD_NAMES = frozenset(
    {"tensorflow-gpu", "tf-nightly-gpu", "tf-nightly-gpu-2.0-preview", "tf-nightly-gpu-2-0-preview"}
)
LAST_MACOS_GPU_BUILD = "1.1"
"""PyPI's macOS GPU builds ended with 1.1: from 1.2 TensorFlow has none for macOS."""


def _gpu_build_on_macos(
    facts: Facts,
    matrix: Matrix,
    matches: Sequence[LogMatch],
    package: str,
    refused: LogMatch,
    text: str,
) -> Finding | None:
    """pip refusing a GPU build's name on a Mac: TensorFlow publishes none for macOS after
    1.1, for any Python (ludwig#658), so the Python is not why; 'tensorflow' is the package
    there, and the Mac's GPU is reached through Apple's plug-in, not CUDA. Not where the paste
    goes on to 'tensorflow' (installed, or refused in turn: then that refusal is what stands),
    or where no 'tensorflow' wheel serves the stated Python on this Mac either."""
    if package not in GPU_BUILD_NAMES or not facts.knows("os") or facts.platform.os != "macos":
        return None
    requested = refused.groups.get("requested") or ""
    if requested and parsed(xy(requested)) <= parsed(LAST_MACOS_GPU_BUILD):
        return None
    later = text.split("\n")[refused.line_number :]
    if any(
        _install_seen(name, "", later) is not None for name in ("tensorflow", "tensorflow-macos")
    ):
        return None  # past the GPU name already: whatever fails now is not it
    if any(
        m.signature.name in REFUSALS
        and m.groups.get("package", "").lower().replace("_", "-")
        in ("tensorflow", "tensorflow-macos")
        for m in matches
    ):
        return None
    python, key = _the_python(facts), platform_key(facts)
    if python is not None and not any(
        _tensorflow_wheel(r, key) and python in r.python for r in matrix.tensorflow.releases
    ):
        return None  # 'tensorflow' has no wheel for this Python here either
    return Finding(
        "macos-no-cuda",
        Severity.ERROR,
        f"pip found no {package} wheel because TensorFlow publishes no GPU build for macOS"
        f" (none after {LAST_MACOS_GPU_BUILD}): macOS has no CUDA",
        (refused.line.strip(), f"os: macos ({facts.platform.source})"),
        f"Install 'tensorflow' instead of '{package}' (change the requirement where a project"
        " pins it); on Apple silicon add 'tensorflow-metal' for the Mac's GPU.",
        PYPI_FILES,
    )


def _the_python(facts: Facts) -> str | None:
    """The one Python (X.Y) known for the machine; None where none is known, or several."""
    if not facts.knows("pythons"):
        return None
    pythons = {xy(p.version) for p in facts.pythons}
    return pythons.pop() if len(pythons) == 1 else None


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


def _another_name_here(
    facts: Facts, matrix: Matrix, log: LogFacts, package: str, refused: LogMatch, text: str
) -> list[Finding]:
    """pip refusing a pinned release under one of its platform names, for a Python that
    release covers on this platform under another name: the name is what has no wheel here
    (tensorflow-cpu on Apple silicon, tensorflow-macos on an Intel Mac from 2.13;
    tensorflow#61401, tensorflow#61382), not the Python."""
    requested = refused.groups.get("requested") or ""
    python = _the_python(facts)
    if not requested or not facts.knows("os") or python is None:
        return []
    if facts.platform.os == "macos" and not facts.knows("arch"):
        return []  # an unstated Mac is not known to be an Intel one
    key = platform_key(facts)
    if not _name_has_no_wheel(package, key, requested):
        return []
    if log.python and xy(log.python) != python:
        return []  # the Python that ran pip, as the log shows it, is not the one stated
    published = [
        r
        for r in matrix.tensorflow.releases
        if parsed(r.version) in specifier(f"=={requested}.*")
        and _has_wheel(r, key)
        and python in r.python
        and _package(r, key) != package
    ]
    if not published:
        return []
    name, label = _package(published[-1], key), platform_label(key)
    if _installed_later(name, requested, text.split("\n")[refused.line_number :]):
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


def _nearest_with_wheel(matrix: Matrix, asked: Sequence[TfRelease], key: str) -> str:
    """The release series with a 'tensorflow' wheel on this platform nearest to those asked
    for: the first after them, else the last before them ('' where none has one)."""
    with_wheel = sorted(
        (r for r in matrix.tensorflow.releases if _tensorflow_wheel(r, key)),
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
    if not older or _has_wheel(oldest, key):
        return None
    with_wheel = [r for r in releases if _tensorflow_wheel(r, key)]
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
        xy(r.version) == series and _tensorflow_wheel(r, key) for r in matrix.tensorflow.releases
    ):
        return None  # no 'tensorflow' wheel of it here at all: another reading names that
    return series if parsed(series) < parsed(xy(first.version)) else None


def _covered_by(matrix: Matrix, series: str, key: str) -> list[str]:
    pythons = {
        p
        for r in matrix.tensorflow.releases
        if xy(r.version) == series and _tensorflow_wheel(r, key)
        for p in r.python
    }
    return sorted(pythons, key=parsed)


def _tensorflow_wheel(release: TfRelease, key: str) -> bool:
    return _has_wheel(release, key) and _package(release, key) == "tensorflow"


def _has_wheel(release: TfRelease, key: str) -> bool:
    support = release.platforms.get(key)
    return support is not None and support.available


def _package(release: TfRelease, key: str) -> str:
    support = release.platforms.get(key)
    return (support.package if support is not None else None) or "tensorflow"


def _span(releases: Sequence[TfRelease]) -> str:
    versions = sorted((xy(r.version) for r in releases), key=parsed)
    return versions[0] if versions[0] == versions[-1] else f"{versions[0]} to {versions[-1]}"
