"""An LD_LIBRARY_PATH export that a stray backslash broke.

NVIDIA's post-installation steps print the export over two lines, 'export
LD_LIBRARY_PATH=/usr/local/cuda-X.Y/lib64\\' and '${LD_LIBRARY_PATH:+:${LD_LIBRARY_PATH}}'. Put on
one line with the backslash kept, the backslash escapes the '$': the folder is glued to a
literal '${LD_LIBRARY_PATH:+' and the loader never searches it, so a library in it is not found
however present it is (tensorflow#20271). Pure: findings and text in, findings out.
"""

from __future__ import annotations

import dataclasses
import re

from ..findings import Finding
from .sources import quoted
from .wanted import LIBRARY_FILE

_GLUED = re.compile(
    r"^[ \t>`$#]*export[ \t]+LD_LIBRARY_PATH=(?P<folder>[^\s\\$:'\"]{1,200})\\\$\{[^\n]{0,200}",
    re.MULTILINE,
)
LOADER_MISSES = frozenset({"cuda-libs-not-found", "cudnn-not-found"})
POST_INSTALL_SOURCE = (
    "https://docs.nvidia.com/cuda/cuda-installation-guide-linux/#environment-setup"
)


def backslash_broke_the_export(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The first library the loader does not find, read as the export that never named its
    folder, where the log shows such an export."""
    glued = _GLUED.search(text)
    if glued is None:
        return findings
    target = next((f for f in findings if f.id in LOADER_MISSES), None)
    if target is None:
        return findings
    folder = glued["folder"]
    fixed = f"export LD_LIBRARY_PATH={folder}${{LD_LIBRARY_PATH:+:${{LD_LIBRARY_PATH}}}}"
    mended = dataclasses.replace(
        target,
        title=f"The loader does not find {_library(target)}: the LD_LIBRARY_PATH export shown"
        f" never adds {folder} (a stray backslash glues it to what follows)",
        evidence=(*target.evidence, quoted(glued.group(0).strip())),
        fix=(
            "Remove the backslash before '${' (NVIDIA's guide splits the line there; on one line"
            f" it escapes the '$'): '{fixed}' in ~/.bashrc, then open a new shell and check"
            " 'echo $LD_LIBRARY_PATH'."
        ),
        source=POST_INSTALL_SOURCE,
    )
    return tuple(mended if f is target else f for f in findings)


def _library(finding: Finding) -> str:
    named = LIBRARY_FILE.search(" ".join((finding.title, *finding.evidence)))
    return named.group(0) if named else "the CUDA library"
