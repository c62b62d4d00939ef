"""pip's list of the TensorFlow releases it saw, read for the platform pip ran on.

A pinned release pip could not find, with the releases it did see listed: where that list ends
at the last release one platform had (2.16.2, the last with wheels for macOS on Intel) and at
no Python's last release, the platform is what ended, not the Python. Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from ..doc_urls import PYPI_FILES
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix
from ..planner.evaluate import platform_key, platform_label
from ..versions import parsed
from .logfacts import LogFacts
from .logs import LogMatch
from .mac_refusals import releases_listed
from .pip_installs import REFUSALS, refused_package
from .published import has_wheel
from .release_hints import out_by
from .sources import quoted

_LINUX_PROMPT = re.compile(r"^[ \t>]*(?:\([\w.-]{1,60}\) ?)?[\w.-]{1,64}@[\w.-]{1,64}:[~/]", re.M)
"""Bash's prompt as Linux distributions set it ('me@box:~$'; macOS's bash and zsh prompt with
'box:~ me$' and 'me@box ~ %')."""
_ANOTHER_INDEX = re.compile(
    r"^[ \t]*Looking in indexes: (?![^\n]*\bpypi\.org/simple)", re.MULTILINE | re.IGNORECASE
)
WHEEL_PLATFORMS = ("linux_x86_64", "linux_aarch64", "macos_x86_64", "macos_arm64", "windows_x86_64")
"""The platforms PyPI's wheels are built for (WSL2 installs Linux's)."""


def platform_ended(
    facts: Facts, matrix: Matrix, log: LogFacts, matches: Sequence[LogMatch], text: str
) -> Finding | None:
    """The platform whose last release is the newest one pip listed, for a pinned release
    past it that other platforms had when the log was written; None where a Python's last
    release ends there too, the platform known is another, the log shows a Linux shell or pip
    asking an index of its own (a mirror may stop at any release), or pip listed nothing."""
    if _LINUX_PROMPT.search(text) or _ANOTHER_INDEX.search(text):
        return None
    for refusal in matches:
        if refusal.signature.name not in REFUSALS or refused_package(refusal) != "tensorflow":
            continue
        try:
            requested = Version(refusal.groups.get("requested") or "")
        except InvalidVersion:
            continue
        seen = releases_listed(refusal.line)
        listed = [v for v in seen if not v.is_prerelease]
        if not listed or requested <= max(listed):
            continue
        newest = max(listed)
        if max(seen) > newest:
            continue  # a preview of a later release was there: the platform had not ended
        ended = [key for key in WHEEL_PLATFORMS if _last(matrix, key) == newest]
        if len(ended) != 1 or _a_python_ends_at(matrix, newest):
            continue
        key = ended[0]
        if facts.knows("os") and facts.platform.os != key.split("_")[0]:
            continue
        if facts.knows("arch") and platform_key(facts) != key:
            continue
        later = [
            r
            for r in matrix.tensorflow.releases
            if parsed(r.version) > newest and any(has_wheel(r, k) for k in WHEEL_PLATFORMS)
        ]
        if not any(parsed(r.version) >= requested for r in later):
            continue  # no platform has it: the release asked for is what does not exist
        if log.written_on and not any(out_by(r, log.written_on) for r in later):
            continue  # nothing later was out yet when pip ran
        label = platform_label(key)
        return Finding(
            "platform-unsupported",
            Severity.ERROR,
            f"pip saw TensorFlow releases up to {newest}, the last one published for {label}:"
            f" {requested} has no wheel there",
            (quoted(refusal.line), f"TensorFlow {newest} is the last release with a {label} wheel"),
            f"Pin tensorflow=={newest} (the last release for {label}), or run a newer TensorFlow"
            " on a platform that has it (Linux, WSL2, or Apple silicon for macOS); 'tfgpu-setup"
            " plan' picks the release.",
            PYPI_FILES,
        )
    return None


def _last(matrix: Matrix, key: str) -> Version | None:
    releases = [parsed(r.version) for r in matrix.tensorflow.releases if has_wheel(r, key)]
    return max(releases) if releases else None


def _a_python_ends_at(matrix: Matrix, newest: Version) -> bool:
    """Whether some Python's last release is that one (Python 3.8's is 2.13.1): then the list
    may end there for the Python."""
    last: dict[str, Version] = {}
    for release in matrix.tensorflow.releases:
        for python in release.python:
            version = parsed(release.version)
            last[python] = max(last.get(python, version), version)
    return newest in last.values()
