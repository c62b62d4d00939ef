"""Two NumPy copies in one paste: the one pip shows, and an older one Python imports first.

'pip show numpy' names the copy pip manages; 'print(numpy.__version__, numpy.__file__)' the one
the interpreter imports. Where the imported one is older and lies elsewhere (the OS's
python3-numpy in /usr/lib/python3/dist-packages, ahead of ~/.local), upgrading with pip changes
nothing: that copy is what to remove (review 98). Pure: findings and text in, findings out.
"""

from __future__ import annotations

import dataclasses
import re

from packaging.version import InvalidVersion, Version

from ..findings import Finding

_PIP_SHOWS = re.compile(r"^Name: numpy[ \t]*\r?\n[ \t]*Version: (?P<version>\d[\w.]{0,20})", re.M)
_IMPORTED = re.compile(
    r"^[ \t]*(?:Out\[\d{1,4}\]:[ \t]*)?\(?'?(?P<version>\d+\.\d+(?:\.\d+)?)'?,? '?"
    r"(?P<path>[^\s']{1,300}[/\\]numpy[/\\]__init__\.py)",
    re.M,
)


def older_numpy_imported(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The NumPy finding's fix led by the older copy the paste shows imported."""
    shown, imported = _PIP_SHOWS.search(text), _IMPORTED.search(text)
    if shown is None or imported is None:
        return findings
    try:
        managed, loaded = Version(shown["version"]), Version(imported["version"])
    except InvalidVersion:
        return findings
    if loaded >= managed:
        return findings
    lead = (
        f"pip's NumPy is {managed}, but Python imports NumPy {loaded} from"
        f" {imported['path'].rsplit('numpy', 1)[0]}: remove that copy (the OS's package: 'sudo"
        " apt remove python3-numpy'), or run in a virtual environment, where pip's copy is the"
        " one imported. "
    )
    return tuple(
        dataclasses.replace(f, fix=lead + f.fix)
        if f.id == "dependency-version-mismatch" and "NumPy" in f.title
        else f
        for f in findings
    )
