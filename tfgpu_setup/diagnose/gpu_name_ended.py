"""pip asked for a tensorflow-gpu release that name never had.

The GPU build kept its own name up to 2.11; from 2.1 on 'tensorflow' carries the same build,
and from 2.12 on it is the only name: PyPI keeps tensorflow-gpu 2.12.0 as a stub that refuses
to install, and no later tensorflow-gpu exists. So pip's refusal of tensorflow-gpu 2.12 or
later, or of tensorflow-gpu unpinned where its list of versions holds that stub alone, says
nothing of the Python: the name is gone (a release the name had, asked for by number, still
depends on the Python).
"""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

from ..findings import Finding, Severity
from .logs import LogMatch
from .pip_installs import REFUSALS, refused_package

LAST_REAL = Version("2.11.0")
STUB = "2.12.0"
SOURCE = "https://pypi.org/project/tensorflow-gpu/#history"
_LISTED = re.compile(r"\(from versions: (?P<versions>[^)]{1,4000})\)")


def gpu_name_ended(matches: tuple[LogMatch, ...]) -> tuple[list[Finding], str]:
    """The finding, and the refusal's line it reads (pip's own verdict on the Python then
    steps aside); ([], '') where pip refused no tensorflow-gpu release past the name's end."""
    for match in matches:
        if match.signature.name not in REFUSALS or refused_package(match) != "tensorflow-gpu":
            continue
        requested = match.groups.get("requested") or ""
        listed = _LISTED.search(match.line)
        versions = {v.strip() for v in listed["versions"].split(",")} if listed else set()
        if not (_past_the_end(requested) or (not requested and versions == {STUB})):
            continue
        asked = f"tensorflow-gpu {requested}" if requested else "tensorflow-gpu"
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


def _past_the_end(requested: str) -> bool:
    try:
        return bool(requested) and Version(requested) > LAST_REAL
    except InvalidVersion:
        return False
