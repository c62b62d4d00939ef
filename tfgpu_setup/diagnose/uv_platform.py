"""uv's refusal of a pinned TensorFlow, read against the wheels the matrix lists.

uv says it found no wheel 'for the current platform' (or for the Python's tags), and its hint
names that platform ('You're on macOS (`macosx_15_0_arm64`), but `tensorflow` (v2.9.0) only has
wheels for ...'). Where the release has no 'tensorflow' wheel for that platform (or for the one
the facts state), no Python would do: the platform is the cause. Poetry's installer finding no
file of the version its lock chose is read the same way, and against a stated Python the release
has no wheel for. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..doc_urls import PYPI_FILES
from ..errors import UserError
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix, TfRelease
from ..matrix.query import release
from ..planner.evaluate import MUSL_FIX, MUSL_TITLE, platform_key, platform_label
from ..versions import parsed, xy
from .logs import LogMatch
from .published import has_wheel, package_on, tensorflow_wheel, the_python
from .sources import quoted

UV_REFUSALS = frozenset({"uv-platform-without-wheels", "uv-no-matching-wheel"})
POETRY_REFUSAL = "poetry-python-range"
"""Poetry's installer finding no file of the version its lock chose (read where it names one)."""
MUSL = "linux_musl"
"""A key no release lists: TensorFlow has never published a wheel for musl (Alpine)."""
_OS_OF_TAG = (
    ("macosx_", "macos"),
    ("manylinux", "linux"),
    ("musllinux", "linux"),
    ("linux_", "linux"),
    ("win32", "windows"),
    ("win_amd64", "windows"),
    ("win_arm64", "windows"),
)
"""The operating system of each platform tag pip knows ('any' is every one's)."""


def os_of_wheel_platform(tag: str) -> str | None:
    """The operating system a wheel's platform tag is for; None for a tag no pip knows (a file
    renamed by hand: 'win_x86_64')."""
    tag = tag.lower()
    return next((name for prefix, name in _OS_OF_TAG if tag.startswith(prefix)), None)


def key_of_wheel_platform(tag: str) -> str | None:
    """The matrix's key for a wheel's platform tag (macosx_15_0_arm64: macos_arm64, win_amd64:
    windows_x86_64; musllinux, armv7l, win32: keys no release lists); None for a tag not read."""
    tag = tag.lower()
    if tag.startswith("musllinux"):
        return MUSL
    os_name = os_of_wheel_platform(tag)
    if os_name is None:
        return None
    if tag.endswith(("x86_64", "amd64")):
        return f"{os_name}_x86_64"
    if tag.endswith(("arm64", "aarch64")):
        return f"{os_name}_{'aarch64' if os_name == 'linux' else 'arm64'}"
    if tag == "win32":
        return "windows_x86"
    # a CPU no release has wheels for (armv7l, i686, ppc64le, s390x): a key none lists
    return f"{os_name}_{tag.rsplit('_', 1)[-1]}" if os_name == "linux" else None


def _stated_key(facts: Facts, entry: TfRelease) -> str | None:
    """The platform the facts state. A Mac whose chip is not stated is the one of the two the
    release has no wheel for, where its wheels for the other serve the stated Python (as pip's
    refusal reads there); otherwise unknown (the two have had different wheels since 2.17)."""
    if not facts.knows("os"):
        return None
    if facts.platform.os != "macos" or facts.knows("arch"):
        return platform_key(facts)
    if the_python(facts) not in entry.python:
        return None
    intel, apple = tensorflow_wheel(entry, "macos_x86_64"), tensorflow_wheel(entry, "macos_arm64")
    return "macos_arm64" if intel and not apple else "macos_x86_64" if apple and not intel else None


def _known_key(facts: Facts) -> str | None:
    """The platform the facts state, a Mac's chip included; None where either is unknown."""
    if not facts.knows("os") or (facts.platform.os == "macos" and not facts.knows("arch")):
        return None
    return platform_key(facts)


def _label(key: str) -> str:
    return "Linux with the musl C library (Alpine)" if key == MUSL else platform_label(key)


def uv_refused_for_this_platform(
    facts: Facts, matches: Sequence[LogMatch], matrix: Matrix
) -> tuple[Finding, ...]:
    """platform-unsupported where uv found no wheel of a pinned tensorflow release that the
    matrix says has none for this platform (whatever tags uv names: none would do there)."""
    for match in matches:
        poetry = match.signature.name == POETRY_REFUSAL
        if match.signature.name not in UV_REFUSALS and not poetry:
            continue
        version = match.groups.get("version") or match.groups.get("requested")
        package = (match.groups.get("package") or match.groups.get("candidate") or "").lower()
        tool = "Poetry" if poetry else "uv"
        try:
            entry = release(matrix, version) if version else None
        except UserError:
            entry = None
        if entry is None:
            continue
        # (uv's example tag names the platform only where the platform's tag is what failed)
        named = (
            match.groups.get("wheel_platform")
            if match.groups.get("tag") in (None, "platform")
            else None
        )
        # (Poetry names no platform tag: a Mac's chip must be stated, not guessed from the
        # wheels, since its lock, not the platform, may be what found none: review 91's #85418)
        key = (
            key_of_wheel_platform(named)
            if named
            else _known_key(facts)
            if poetry
            else _stated_key(facts, entry)
        )
        # the matrix's rows are of 'tensorflow'; musl has no TensorFlow under any name
        if key is None or (package != "tensorflow" and key != MUSL) or tensorflow_wheel(entry, key):
            continue
        if key == MUSL:
            # no release ever had a musllinux wheel: no pin helps, glibc does (review 98)
            return (
                Finding(
                    "glibc-too-old",
                    Severity.ERROR,
                    MUSL_TITLE,
                    (quoted(match.line), f"platform: {named or _label(key)}"),
                    MUSL_FIX,
                    PYPI_FILES,
                ),
            )
        label = _label(key)
        other = package_on(entry, key) if has_wheel(entry, key) else None
        instead = f" (it was published there as {other})" if other else ""
        return (
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                f"{package} {entry.version} has no wheel for {label}{instead}: {tool} cannot"
                " install it there for any Python",
                (quoted(match.line), f"platform: {named or label}"),
                f"Pin a tensorflow release published for {label} ('tfgpu-setup plan' picks one)"
                + (f", or install {other}=={entry.version}" if other else "")
                + (
                    f" ('poetry add {other}=={entry.version}' with a marker for this platform);"
                    " a lock made elsewhere pinned the 'tensorflow' one."
                    if poetry and other
                    else "."
                    if poetry
                    else "; where a lock made elsewhere pinned it, tell uv this platform must"
                    " resolve (tool.uv.required-environments)."
                ),
                PYPI_FILES,
            ),
        )
    return ()


def poetry_refused_for_this_python(
    facts: Facts, matches: Sequence[LogMatch], matrix: Matrix
) -> tuple[Finding, ...]:
    """python-unsupported named for the release and the Python: Poetry's installer found no file
    of the tensorflow version its lock chose, and the stated Python is one that release has no
    wheel for (its environment's interpreter, not the project's range, is then what to change)."""
    python = the_python(facts) if facts.knows("python") else None
    if python is None:
        return ()
    for match in matches:
        version = match.groups.get("version")
        package = (match.groups.get("candidate") or "").lower()
        if match.signature.name != POETRY_REFUSAL or not version or package != "tensorflow":
            continue
        try:
            entry = release(matrix, version)
        except UserError:
            continue
        if entry is None or python in entry.python:
            continue
        serving = sorted(
            (
                r.version
                for r in matrix.tensorflow.releases
                if python in r.python and "rc" not in r.version
            ),
            key=parsed,
        )
        instead = (
            f", or require a tensorflow release that has it ({xy(serving[0])} to {xy(serving[-1])})"
            if serving
            else ""
        )
        return (
            Finding(
                "python-unsupported",
                Severity.ERROR,
                f"tensorflow {entry.version} has no wheel for Python {python} (it has"
                f" {entry.python[0]} to {entry.python[-1]}): Poetry's environment runs that"
                " Python",
                (quoted(match.line), f"Python {python} (stated)"),
                f"Recreate Poetry's environment with a Python the release has ('poetry env use"
                f" {entry.python[-1]}', then 'poetry install'){instead}.",
                PYPI_FILES,
            ),
        )
    return ()


_POETRY_HINT = re.compile(
    r"a possible solution would be to set the `python` property to \"(?P<range>[^\"\n]{1,60})\""
)
_POETRY_EXAMPLE = "e.g. python = '>=3.10,<3.13'"


def poetrys_own_range(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The project range Poetry itself proposed ('a possible solution would be to set the
    `python` property to ">=3.9,<3.12"') in place of the fix's fixed example (review 98: TF
    2.13's range excludes 3.12, which the example admits)."""
    hints = [h["range"] for h in _POETRY_HINT.finditer(text)]
    if not hints:
        return findings
    named = f"python = '{_narrowest(hints)}', the range Poetry proposed"
    return tuple(
        dataclasses.replace(f, fix=f.fix.replace(_POETRY_EXAMPLE, named))
        if f.id == "python-unsupported" and _POETRY_EXAMPLE in f.fix
        else f
        for f in findings
    )


_BOUND = re.compile(r"(?P<op>>=|<)\s*(?P<version>\d+(?:\.\d+)*)")


def _narrowest(hints: list[str]) -> str:
    """The range every hint allows ('>=3.9,<3.12' and '>=3.10,<4.0' -> '>=3.10,<3.12'); the last
    hint where one is not of that form (review 99: Poetry prints one per package)."""
    lows, highs = [], []
    for hint in hints:
        bounds = _BOUND.findall(hint)
        if not bounds or len(bounds) != len(hint.split(",")):
            return hints[-1]
        lows += [parsed(v) for op, v in bounds if op == ">="]
        highs += [parsed(v) for op, v in bounds if op == "<"]
    parts = ([f">={max(lows)}"] if lows else []) + ([f"<{min(highs)}"] if highs else [])
    return ",".join(parts) or hints[-1]


_GCS_WITHOUT_FILE = ("uv found no file of tensorflow-io-gcs-filesystem", "Poetry found no file of")
GCS_LAST_PYTHON = (3, 12)
"""The newest Python tensorflow-io-gcs-filesystem published wheels for (tensorflow/io#2109)."""


def gcs_gap_of_the_python(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """tensorflow-io-gcs-filesystem without a file here, where the one Python known is newer
    than any it published a wheel for: the Python is the cause, not the platform (review 101)."""
    python = the_python(facts)
    if python is None or tuple(int(p) for p in python.split(".")) <= GCS_LAST_PYTHON:
        return findings
    return tuple(
        dataclasses.replace(f, id="python-unsupported", evidence=(*f.evidence, f"Python {python}"))
        if f.id == "tensorflow-not-installed" and f.title.startswith(_GCS_WITHOUT_FILE)
        else f
        for f in findings
    )
