"""pip asked for a tensorflow-gpu release that name never had.

The GPU build kept its own name up to 2.11; from 2.1 on 'tensorflow' carries the same build,
and from 2.12 on it is the only name: PyPI keeps tensorflow-gpu 2.12.0 as a stub that refuses
to install, and no later tensorflow-gpu exists. So pip's refusal of tensorflow-gpu 2.12 or
later, or of tensorflow-gpu unpinned where its list of versions holds that stub alone, says
nothing of the Python: the name is gone (a release the name had, asked for by number, still
depends on the Python).
"""

from __future__ import annotations

import dataclasses
import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from ..facts import Facts
from ..findings import Finding, Severity
from .logs import LogMatch
from .pip_installs import REFUSALS, listed_versions, refused_package

LAST_REAL = Version("2.11.0")
STUB = "2.12.0"
SOURCE = "https://pypi.org/project/tensorflow-gpu/#history"
_SPECIFIER = re.compile(
    r"requirement tensorflow[-_]gpu[ \t]*(?P<spec>[<>=!~]=?[ \t]*[\w.*]{1,20}"
    r"(?:[ \t]*,[ \t]*[<>=!~]=?[ \t]*[\w.*]{1,20}){0,3})"
)
_RELEASES = tuple(
    Version(f"{major}.{minor}.{patch}")
    for major, minors in ((0, range(12, 13)), (1, range(0, 16)), (2, range(0, 12)))
    for minor in minors
    for patch in range(0, 6)
)
"""Every version tensorflow-gpu could have had (0.12 to 2.11, patches 0 to 5): a superset,
so a specifier none of them meets asks for a release past the name's end."""


def gpu_name_ended(matches: tuple[LogMatch, ...], facts: Facts) -> tuple[list[Finding], str]:
    """The finding, and the refusal's line it reads (pip's verdict on the Python then steps
    aside); ([], '') where pip refused no tensorflow-gpu release past the name's end. Not on
    macOS, where no tensorflow-gpu after 1.1 ever existed and macos-no-cuda says why."""
    if facts.knows("os") and facts.platform.os == "macos":
        return [], ""
    for match in matches:
        if match.signature.name not in REFUSALS or refused_package(match) != "tensorflow-gpu":
            continue
        specified = _SPECIFIER.search(match.line)
        spec = specified["spec"].replace(" ", "") if specified else ""
        versions = set(listed_versions(match.line))
        if not (_past_the_end(spec) or (not spec and versions == {STUB})):
            continue
        asked = f"tensorflow-gpu{spec}" if spec else "tensorflow-gpu"
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"pip was asked for {asked}, a name that ends at {LAST_REAL} ({STUB} is a stub"
                " that refuses to install): from 2.12 on the GPU build is 'tensorflow'",
                (match.line.strip()[:300],),
                "Install 'tensorflow' instead: on Linux and WSL2 pip install"
                " 'tensorflow[and-cuda]' (the GPU build with its CUDA libraries); on native"
                " Windows the last GPU release is tensorflow 2.10. 'tfgpu-setup plan' picks it.",
                SOURCE,
            )
        ], match.line.strip()[:120]
    return [], ""


def _past_the_end(spec: str) -> bool:
    """Whether the specifier admits none of the name's releases ('==2.15.0', '>=2.13')."""
    if not spec:
        return False
    try:
        wanted = SpecifierSet(spec)
    except InvalidSpecifier:
        return False
    return not any(wanted.contains(release, prereleases=True) for release in _RELEASES)


_ASKED_BY = re.compile(
    r"Collecting (?:tensorflow|tf-nightly)[-_]gpu\b[^\n(]{0,60}"
    r"\(from (?P<parent>[A-Za-z][\w.-]{0,80})[^\n)]{0,80}\)"
    # uv's provenance: '`tensorflow-gpu` (v2.12.0) was included because `tsfedl` (v1.0.0)
    # depends on `tensorflow-gpu`' (review 97)
    r"|`(?:tensorflow|tf-nightly)-gpu`[^\n`]{0,40}was included because `(?P<uv_parent>[A-Za-z]"
    r"[\w.-]{0,80})`"
)
STUB_TITLE_START = "pip was asked for tensorflow-gpu"


def stub_asked_by_a_parent(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The stub's finding naming the package that requires tensorflow-gpu ('Collecting
    tensorflow-gpu (from tsfedl)'): installing 'tensorflow' beside it does not stop that
    package from asking for the stub again (review 96)."""
    asked = _ASKED_BY.search(text)
    if asked is None:
        return findings
    parent = asked["parent"] or asked["uv_parent"]
    if parent.lower().startswith("tensorflow"):
        return findings
    installer = "uv pip" if asked["uv_parent"] else "pip"
    tail = (
        f" Here {parent} requires it ('{asked.group(0).strip()}'): upgrade {parent} to a release"
        f" that requires 'tensorflow', or install TensorFlow first and then '{installer} install"
        f" --no-deps {parent}'."
    )
    return tuple(
        dataclasses.replace(f, fix=f.fix + tail) if f.title.startswith(STUB_TITLE_START) else f
        for f in findings
    )
