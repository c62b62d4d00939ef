"""A wheel pip refused, read by its platform tags against the machine the facts know.

pip refuses a wheel 'not supported on this platform' for its Python tag or for its platform tag.
Where the machine's CPU is known and the tag names another one (an x86_64 wheel on a Jetson), and
that release has no wheel for this machine, the machine is the cause, whatever the Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from packaging.tags import Tag
from packaging.utils import InvalidWheelFilename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix
from ..matrix.query import release
from .logfacts import CLUE_CHARS, LogFacts
from .logs import LogMatch
from .platform_seen import LINUX_SHELL, python_of
from .published import the_python
from .sources import quoted
from .uv_platform import os_of_wheel_platform
from .weigh import demoted

TAGS_SPEC = "https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/"

_ARCH_OF_SUFFIX = (
    ("x86_64", "x86_64"),
    ("amd64", "x86_64"),
    ("intel", "x86_64"),
    ("aarch64", "arm64"),
    ("arm64", "arm64"),
    ("i686", "x86"),
    ("win32", "x86"),
    ("armv7l", "armv7l"),
    ("ppc64le", "ppc64le"),
    ("s390x", "s390x"),
)
"""Linux's aarch64 and macOS's arm64 are one machine: both read as arm64 here."""

TENSORFLOW_DISTRIBUTIONS = frozenset(
    {
        "tensorflow",
        "tensorflow-gpu",
        "tensorflow-cpu",
        "tf-nightly",
        "tf-nightly-gpu",
        "intel-tensorflow",
        "tensorflow-intel",
        "tf-nightly-2-0-preview",
        "tf-nightly-gpu-2-0-preview",
        # (Apple's, for Macs before 2.13; its versions are TensorFlow's)
        "tensorflow-macos",
    }
)
"""TensorFlow's own distributions: an add-on's wheel (tensorflow-io 0.30) has its own versions."""


def _tensorflow_tags(wheel: str) -> tuple[str, frozenset[Tag]] | None:
    """A TensorFlow wheel's version and tags; None for a file name that is not a wheel's, or
    another distribution's wheel."""
    try:
        name, version, _, tags = parse_wheel_filename(wheel)
    except InvalidWheelFilename:
        return None
    return (str(version), tags) if name in TENSORFLOW_DISTRIBUTIONS and tags else None


def _refused_tensorflow_wheels(
    matches: Sequence[LogMatch],
) -> Iterator[tuple[LogMatch, str, str, frozenset[Tag]]]:
    """Each TensorFlow wheel pip refused as not supported here: its line, file name, version
    and tags."""
    for match in matches:
        if match.signature.name != "pip-wheel-unsupported":
            continue
        wheel = match.groups.get("wheel", "")
        if (read := _tensorflow_tags(wheel)) is not None:
            yield match, wheel, *read


def _tensorflow_wheel(wheel: str) -> tuple[str, set[str]] | None:
    """A TensorFlow wheel's version and the CPUs its platform tags name; None for another
    distribution's, or a tag this reading cannot place ('any', universal2): say nothing."""
    if (read := _tensorflow_tags(wheel)) is None:
        return None
    version, tags = read
    arches = {
        next((a for suffix, a in _ARCH_OF_SUFFIX if tag.platform.endswith(suffix)), None)
        for tag in tags
    }
    if None in arches or not arches:
        return None
    return version, {a for a in arches if a is not None}


def refused_for_another_machine(
    facts: Facts, matches: Sequence[LogMatch], matrix: Matrix
) -> tuple[Finding, ...]:
    """platform-unsupported where pip refused a TensorFlow wheel built for another CPU than the
    one the facts know, of a release with no wheel for it (not in the matrix: older than any
    wheel for it). A wheel for another operating system on the same CPU is the wrong file
    downloaded, which the refusal's own finding says."""
    if not facts.knows("arch"):
        return ()
    machine_arch = "arm64" if facts.platform.arch in ("aarch64", "arm64") else facts.platform.arch
    for match in matches:
        if match.signature.name != "pip-wheel-unsupported":
            continue
        wheel = match.groups.get("wheel", "")
        read = _tensorflow_wheel(wheel)
        if read is None or machine_arch in read[1]:
            continue
        version, arches = read
        built_for = " or ".join(sorted(arches))
        # the release has a wheel for this CPU: this file is another CPU's, downloaded (under
        # the name it is published by there: tensorflow-macos before 2.13 on Apple silicon)
        published_as = _package_here(matrix, version, facts, str(parse_wheel_filename(wheel)[0]))
        fix = (
            f"Install the wheel built for {facts.platform.arch}, or let pip pick it:"
            f" 'pip install {published_as}=={version}'."
            if published_as
            else "Install a release published for this machine ('tfgpu-setup plan' says which;"
            " pip finds none where TensorFlow published none for it); on a Jetson, NVIDIA's"
            " wheels for its JetPack release."
        )
        return (
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                f"pip refuses {wheel}: it is built for {built_for} CPUs, and this machine is"
                f" {facts.platform.arch}",
                (quoted(match.line), f"machine: {facts.platform.arch}"),
                fix,
                TAGS_SPEC,
            ),
        )
    return ()


_OS_NAMES = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}


def refused_for_another_os(facts: Facts, matches: Sequence[LogMatch]) -> tuple[Finding, ...]:
    """platform-unsupported where pip refused a TensorFlow wheel whose platform tag is for
    another operating system than the one the facts know (a Linux wheel on Windows:
    tensorflow#1990), or is no tag any pip knows (a renamed file, 'win_x86_64':
    tensorflow#7552): the wrong file, which no Python installs here."""
    if not facts.knows("os"):
        return ()
    here = "linux" if facts.platform.os == "wsl2" else facts.platform.os
    for match, wheel, version, tags in _refused_tensorflow_wheels(matches):
        platforms = {t.platform for t in tags} - {"any"}
        systems = _systems(tags)
        if not platforms or here in systems:
            continue
        if None in systems:
            unknown = ", ".join(sorted(p for p in platforms if os_of_wheel_platform(p) is None))
            title = (
                f"pip refuses {wheel}: its platform tag ({unknown}) is none that pip knows, so"
                " the file was renamed or mislabelled"
            )
        else:
            built_for = " or ".join(sorted(_OS_NAMES[s] for s in systems if s))
            title = (
                f"pip refuses {wheel}: it is a {built_for} wheel, and this machine runs"
                f" {_OS_NAMES.get(here, here)}"
            )
        return (
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                title,
                (quoted(match.line), f"operating system: {facts.platform.os}"),
                f"Install the wheel published for {_OS_NAMES.get(here, here)} under its own name,"
                f" or let pip pick it: 'pip install {parse_wheel_filename(wheel)[0]}=={version}';"
                " where pip finds none, that release has no wheel for this system:"
                " 'tfgpu-setup plan' names one that does.",
                TAGS_SPEC,
            ),
        )
    return _another_projects_wheel(matches, here)


def _systems(tags: frozenset[Tag]) -> set[str | None]:
    """The operating systems a wheel's platform tags name (None for a tag none knows)."""
    return {os_of_wheel_platform(t.platform) for t in tags if t.platform != "any"}


def _another_projects_wheel(matches: Sequence[LogMatch], here: str) -> tuple[Finding, ...]:
    """Another project's wheel for another system (tensorflow_fold's Linux wheel on a Mac,
    tensorflow/fold#25): its publisher has no file of that release for this one."""
    for match in matches:
        if match.signature.name != "pip-wheel-unsupported":
            continue
        wheel = match.groups.get("wheel", "")
        try:
            name, version, _, tags = parse_wheel_filename(wheel)
        except InvalidWheelFilename:
            continue
        systems = _systems(tags)
        if name in TENSORFLOW_DISTRIBUTIONS or not systems or None in systems or here in systems:
            continue
        built_for = " or ".join(sorted(_OS_NAMES[s] for s in systems if s))
        return (
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                f"pip refuses {wheel}: it is a {built_for} wheel of {name} {version}, and this"
                f" machine runs {_OS_NAMES.get(here, here)}",
                (quoted(match.line),),
                f"Look for a {_OS_NAMES.get(here, here)} file of {name} on its project page;"
                f" where it publishes none, build it from source, or run it on {built_for} (a"
                " VM or a container).",
                TAGS_SPEC,
            ),
        )
    return ()


PIP_KNOWS_TAG = (
    (re.compile(r"^manylinux1_"), "8.1"),
    (re.compile(r"^manylinux2010_"), "19.0"),
    (re.compile(r"^manylinux2014_"), "19.3"),
    (re.compile(r"^manylinux_\d+_\d+_"), "20.3"),
    (re.compile(r"^macosx_1[1-9]_"), "20.3"),
)
"""The first pip that installs a wheel of each platform tag (PEP 513, 571, 599, 600; pip 20.3
read macOS 11 as 11, not 10.16). Tags not listed are older than any pip still met."""
PIP_TAGS_SOURCE = "https://github.com/pypa/manylinux#readme"


def refused_by_an_old_pip(matches: Sequence[LogMatch], log: LogFacts) -> tuple[Finding, ...]:
    """python-unsupported, worded for pip, where pip refused a TensorFlow wheel whose every
    platform tag is newer than the pip the log shows ('You are using pip version 9.0.1'): that
    pip knows none of them, whatever the Python (a manylinux2010 wheel under pip 9)."""
    if not log.outdated_pip:
        return ()
    try:
        pip = Version(log.outdated_pip)
    except InvalidVersion:
        return ()
    for match, wheel, _version, tags in _refused_tensorflow_wheels(matches):
        needs = [
            next((Version(v) for tag, v in PIP_KNOWS_TAG if tag.match(t.platform)), None)
            for t in tags
        ]
        if not needs or None in needs:
            continue
        first = min(n for n in needs if n is not None)
        if pip >= first:
            continue
        return (
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"pip refuses {wheel}: this pip ({pip}) is older than {first}, the first that"
                " knows its platform tag",
                (quoted(match.line), f"pip {pip} (its upgrade notice)"),
                "Upgrade pip in this environment ('python -m pip install --upgrade pip'), then"
                " install the wheel again.",
                PIP_TAGS_SOURCE,
            ),
        )
    return ()


_NOT_A_32_BIT_PYTHON = re.compile(
    r"\[MSC v\.\d{1,5} 64 bit \(AMD64\)\]"  # the banner of a 64-bit Python
    r"|[/\\]mingw(?:32|64)[/\\]|\bmsys64\b|\bMSYS2\b"  # MinGW's Pythons tag wheels as mingw
    r"|\bwin_arm64\b|\bARM64\b",  # Windows on Arm
    re.IGNORECASE,
)


def refused_by_a_32_bit_python(
    facts: Facts, matches: Sequence[LogMatch], log: LogFacts, text: str
) -> tuple[Finding, ...]:
    """platform-unsupported where pip on Windows refused a 64-bit Windows TensorFlow wheel made
    for the very Python stated: the version and the system fit, so the bits do not, and the
    Python that ran pip is a 32-bit build, for which TensorFlow publishes no wheel
    (tensorflow#30158). Not where the machine's CPU is known to be another, the log shows the
    Python that ran pip to be another version or a 64-bit, MinGW or Arm one, or pip to be
    outdated, or a Linux shell ran pip (WSL, a Dockerfile: a Windows wheel is the wrong file
    there)."""
    python = _stated_python(facts, text)
    if python is None or not facts.knows("os") or facts.platform.os != "windows":
        return ()
    if facts.knows("arch") and facts.platform.arch not in ("x86_64", "amd64"):
        return ()
    shown = {_tag(v) for v in (log.python, log.pip_python) if v}
    if shown - {python} or _NOT_A_32_BIT_PYTHON.search(text) or LINUX_SHELL.search(text):
        return ()
    if log.outdated_pip:
        return ()  # an old pip misreads newer Pythons' tags (3.10's as 3.1's)
    for match, wheel, _, tags in _refused_tensorflow_wheels(matches):
        if not all(t.platform == "win_amd64" and t.interpreter == python for t in tags):
            continue
        return (
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                f"pip refuses {wheel}, a 64-bit Windows wheel for the Python stated: the Python"
                " that ran pip is most likely a 32-bit build, and TensorFlow publishes no wheel"
                " for 32-bit Python",
                (
                    quoted(match.line),
                    f"Python {_version_of(python)} ({facts.pythons[0].source})",
                ),
                "Install the 64-bit build of that Python (python.org's 'Windows installer"
                " (64-bit)') and create the environment with it; 'python -c \"import struct;"
                " print(struct.calcsize('P') * 8)\"' prints 32 for a 32-bit one. Where it"
                " prints 64, upgrade pip ('python -m pip install --upgrade pip'): an old pip"
                " refuses tags it does not know.",
                TAGS_SPEC,
            ),
        )
    return ()


def _stated_python(facts: Facts, text: str) -> str | None:
    """The one Python known for the machine, as a wheel's interpreter tag ('cp35'): stated,
    probed, or shown by the log elsewhere than in a wheel's name (the refused wheel's own tag
    is no evidence of the Python that refused it)."""
    if not facts.knows("pythons"):
        return None
    tags = {_tag(p.version) for p in facts.pythons if p.source != "log"}
    if not tags and (shown := python_of(_without_wheel_names(text[:CLUE_CHARS]))):
        tags = {_tag(shown)}
    return tags.pop() if len(tags) == 1 else None


def _without_wheel_names(text: str) -> str:
    """The text with every word that names a wheel file left out."""
    if ".whl" not in text:
        return text
    return "\n".join(
        " ".join(word for word in line.split(" ") if ".whl" not in word)
        for line in text.split("\n")
    )


def _tag(version: str) -> str:
    return "cp" + "".join(version.split(".")[:2])


def _version_of(tag: str) -> str:
    """The Python version an interpreter tag names ('cp39': '3.9')."""
    return f"{tag[2]}.{tag[3:]}"


def _package_here(matrix: Matrix, version: str, facts: Facts, name: str) -> str | None:
    """The distribution that publishes this release for the machine (None where none does)."""
    entry = release(matrix, version)
    if entry is None:
        return None
    os_name = facts.platform.os if facts.knows("os") else "linux"
    os_name = "linux" if os_name == "wsl2" else os_name
    support = entry.platforms.get(f"{os_name}_{facts.platform.arch}")
    if support is None or not support.available:
        return None
    return support.package or name


def refused_with_its_own_python(
    facts: Facts, matches: Sequence[LogMatch], log: LogFacts, text: str
) -> tuple[Finding, ...]:
    """python-unsupported, worded for the tags, where pip refused a TensorFlow wheel made for
    the very Python known to run it, on the system known (or on Linux or macOS where the system
    is not): the version fits, so pip refuses the ABI or platform tag (an old pip that does not
    know the platform tag, or another build of that Python: tensorflow#467, a cp34m wheel under
    Python 3.4.3, installed once pip was upgraded). Windows has its own reading (a 32-bit
    Python)."""
    python = _stated_python(facts, text)
    if python is None or (facts.knows("os") and facts.platform.os == "windows"):
        return ()
    shown = {_tag(v) for v in (log.python, log.pip_python) if v}
    if shown - {python}:
        return ()
    here = facts.platform.os if facts.knows("os") else None
    if here is None and _LINUX_HOME.search(text) and not _MAC_HOME.search(text):
        here = "linux"  # (its paths are Linux's home folders, not a Mac's /Users)
    here = "linux" if here == "wsl2" else here
    for match, wheel, version, tags in _refused_tensorflow_wheels(matches):
        systems = _systems(tags)
        if not all(t.interpreter == python for t in tags) or None in systems:
            continue
        if here in ("linux", "macos") and systems != {here} and systems <= {"linux", "macos"}:
            return (_for_another_os(match, wheel, version, systems, here),)
        if (here is not None and systems != {here}) or (here is None and "windows" in systems):
            continue
        tag = sorted(tags, key=str)[0]
        if (glibc := _glibc_below_the_tag(tags, log, facts)) is not None:
            return (glibc,)
        if (
            systems == {"macos"}
            and (mac := _MAC_PLATFORM.match(tag.platform)) is not None
            and (_PIP_SHOWN.search(text) is None or _pip_knows_the_tags(text, tags))
        ):
            # (not where the pip shown is older than the tag: review 111, pip 20.2.4 on
            # macOS 11; the reading below says to upgrade it)
            return (_refused_by_this_mac(match, wheel, python, mac),)
        if all(_abi_no_cpython_has(t) for t in tags):
            return (_misnamed(match, wheel, tag),)
        current_pip = _pip_knows_the_tags(text, tags)
        return (
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"pip refuses {wheel}, a wheel for the very Python that ran it: it refuses the"
                f" wheel's ABI or platform tag ({tag.abi}, {tag.platform}), not the Python's"
                " version",
                (quoted(match.line), f"Python {_version_of(python)}"),
                (
                    "'python -m pip debug --verbose' lists the tags this pip accepts (the pip"
                    f" shown, {current_pip}, knows this wheel's platform tags)."
                    if current_pip
                    else "Upgrade pip in that environment ('python -m pip install --upgrade"
                    " pip': an old pip does not know newer platform tags) and install the wheel"
                    " again; 'python -m pip debug --verbose' lists the tags this pip accepts."
                )
                + f" Where the ABI tag ({tag.abi}) is not among them, the Python is another"
                " build of that version (a debug, free-threaded or wide-unicode build): use a"
                " standard build, or install from PyPI.",
                TAGS_SPEC,
            ),
        )
    return ()


_MAC_PLATFORM = re.compile(r"^macosx_(?P<major>\d{1,2})_(?P<minor>\d{1,2})_(?P<arch>arm64|x86_64)$")


def _refused_by_this_mac(match: LogMatch, wheel: str, python: str, mac: re.Match[str]) -> Finding:
    """A Mac's wheel for the very Python that ran pip, refused: its CPU or its macOS version is
    what this Mac's Python does not accept (an arm64 wheel on an Intel Mac or under an Intel
    Python in Rosetta; a macOS 12 wheel on macOS 11)."""
    arch, since = mac["arch"], f"{mac['major']}.{mac['minor']}"
    other = "x86_64" if arch == "arm64" else "arm64"
    return Finding(
        "platform-unsupported",
        Severity.WARNING,
        f"pip refuses {wheel}, a wheel for the very Python that ran it: this Mac's Python is"
        f" not an {arch} build, or its macOS is older than {since}",
        (quoted(match.line), f"Python {_version_of(python)}"),
        "'python -c \"import platform; print(platform.machine(), platform.mac_ver()[0])\"'"
        f" says which: {other} is "
        + (
            "an Intel Mac, or an Intel Python under Rosetta 2 on Apple silicon (use a native"
            " arm64 Python there)"
            if arch == "arm64"
            else "Apple silicon's native Python, which needs the arm64 wheel"
        )
        + f"; a macOS older than {since} needs an older release's wheel or a macOS update."
        + (
            " On macOS 11 or later, a pip before 20.3 and a Python built for macOS 10 (which"
            " reports 10.16) refuse these tags too: upgrade pip ('python -m pip install -U"
            " pip'), or run it with SYSTEM_VERSION_COMPAT=0."
            if int(mac["major"]) >= 11
            else ""
        )
        + " Or let pip pick the file: 'pip install' of the release by name.",
        TAGS_SPEC,
    )


_ABI = re.compile(r"^cp(?P<major>\d)(?P<minor>\d{1,2})(?P<flags>[dmtu]{0,3})$")


def _abi_no_cpython_has(tag: Tag) -> bool:
    """An ABI tag its own CPython version never had: 'm' (pymalloc) ended with 3.8, 'u' (wide
    unicode) with 3.3 (PEP 3149, and the 3.8 build changes)."""
    abi = _ABI.match(tag.abi)
    if abi is None:
        return False
    version = (int(abi["major"]), int(abi["minor"]))
    return ("m" in abi["flags"] and version >= (3, 8)) or (
        "u" in abi["flags"] and version >= (3, 3)
    )


def _misnamed(match: LogMatch, wheel: str, tag: Tag) -> Finding:
    return Finding(
        "tensorflow-not-installed",
        Severity.ERROR,
        f"pip refuses {wheel}: its ABI tag {tag.abi} is one no CPython of that version has, so"
        " the file is misnamed and no Python installs it",
        (quoted(match.line),),
        f"Rename the file to this interpreter's tags ({tag.interpreter}-{tag.interpreter}-..."
        " where it was built for this Python; 'python -m pip debug --verbose' lists them), or"
        " get a correctly named build of it.",
        TAGS_SPEC,
    )


_LINUX_HOME = re.compile(r"(?<![\w/])/home/[\w.-]{1,60}/")
_MAC_HOME = re.compile(r"(?<![\w/])/Users/[\w.-]{1,60}/|\bmacOS\b|\bDarwin\b")
_PIP_SHOWN = re.compile(r"^[ \t]*pip (?P<version>\d{1,3}(?:\.\d{1,4}){0,2}) from ", re.MULTILINE)


def _pip_knows_the_tags(text: str, tags: frozenset[Tag]) -> str:
    """The pip version the paste shows, where it is at least the first pip that reads each of
    the wheel's platform tags (PIP_KNOWS_TAG); '' where none is shown or it is older."""
    shown = _PIP_SHOWN.search(text)
    if shown is None:
        return ""
    needs = [Version(v) for t in tags for tag, v in PIP_KNOWS_TAG if tag.match(t.platform)]
    return shown["version"] if Version(shown["version"]) >= max(needs, default=Version("0")) else ""


_MANYLINUX = re.compile(
    r"^manylinux_(?P<major>\d)_(?P<minor>\d{1,2})_|^manylinux(?P<year>2014|2010|1)_"
)
_MANYLINUX_YEAR_GLIBC = {"2014": (2, 17), "2010": (2, 12), "1": (2, 5)}


_WHEEL_PYTHON = re.compile(r"-cp(?P<major>\d)(?P<minor>\d{1,2})-")


def python_behind_an_old_glibc(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """pip's refusal read as the Python's, where glibc is too old for the wheels (review 100): a
    wheel refused for its tags, or no wheel found for a Python the release serves, is the
    glibc's doing; a Python the release does not serve, or a wheel for another Python than the
    one known, stays a cause of its own (review 102)."""
    glibc = next(
        (f for f in findings if f.id == "glibc-too-old" and f.severity is Severity.ERROR), None
    )
    if glibc is None:
        return findings
    python = the_python(facts)

    def glibcs_doing(f: Finding) -> bool:
        if f.id != "python-unsupported":
            return False
        if "has wheels for Python" in f.title:
            return True
        if not f.title.startswith("pip refuses "):
            return False
        tag = _WHEEL_PYTHON.search(f.title)
        return python is None or tag is None or f"{tag['major']}.{tag['minor']}" == python

    return demoted(findings, glibcs_doing, "but glibc is too old for the wheels: " + glibc.title)


def refused_for_an_old_glibc(
    facts: Facts, matches: Sequence[LogMatch], log: LogFacts
) -> tuple[Finding, ...]:
    """glibc-too-old where pip refused a TensorFlow manylinux wheel that needs a newer glibc
    than the one shown or stated, whichever Python ran pip (review 101: a wheel file handed to
    pip under a stated glibc 2.12, no Python named)."""
    for _match, _wheel, _version, tags in _refused_tensorflow_wheels(matches):
        if (glibc := _glibc_below_the_tag(tags, log, facts)) is not None:
            return (glibc,)
    return ()


def _glibc_below_the_tag(tags: frozenset[Tag], log: LogFacts, facts: Facts) -> Finding | None:
    """glibc-too-old where the paste shows, or the user states, a glibc older than every
    manylinux tag of the wheel needs (PEP 600: manylinux_2_17 is glibc 2.17)."""
    glibc, shown = log.glibc, log.glibc_line
    if not glibc and facts.knows("glibc") and facts.platform.glibc:
        glibc, shown = facts.platform.glibc, f"glibc {facts.platform.glibc} (stated: --glibc)"
    if not glibc:
        return None
    needs = []
    for tag in tags:
        if (m := _MANYLINUX.match(tag.platform)) is None:
            return None
        needs.append(
            (int(m["major"]), int(m["minor"])) if m["major"] else _MANYLINUX_YEAR_GLIBC[m["year"]]
        )
    have = tuple(int(part) for part in glibc.split(".")[:2])
    least = min(needs)
    if not needs or have >= least:
        return None
    return Finding(
        "glibc-too-old",
        Severity.ERROR,
        f"This system's glibc is {glibc}, older than the {least[0]}.{least[1]} the wheel's"
        " manylinux tag needs: pip refuses it for that",
        (shown, *sorted(str(t) for t in tags)[:2]),
        "Run TensorFlow on a newer distribution (glibc 2.17 or later: RHEL/CentOS 7 and newer),"
        " in a container image with a newer glibc (Apptainer/Singularity on a cluster), or from"
        " conda-forge's build.",
        "https://peps.python.org/pep-0600/",
    )


def _for_another_os(
    match: LogMatch, wheel: str, version: str, systems: set[str | None], here: str | None
) -> Finding:
    label = {"linux": "Linux", "macos": "macOS"}
    built = " and ".join(sorted(label.get(s or "", s or "") for s in systems))
    return Finding(
        "platform-unsupported",
        Severity.ERROR,
        f"pip refuses {wheel}: it is built for {built}, and this system is"
        f" {label.get(here or '', here)}",
        (quoted(match.line),),
        f"Let pip pick the file for this system: 'pip install tensorflow=={version}' (or"
        " download the wheel whose platform tag names this system).",
        TAGS_SPEC,
    )
