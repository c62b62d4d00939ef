"""TensorFlow as package listings show it installed: one distribution that conda and pip both
installed in one environment, and a listing's row of it at all.

'conda list' shows a package pip installed as its own row ('<pip>' in conda 4.3's listing,
'pypi_0  pypi' since): the same name in a conda row and a pip row is two installs writing the
same files (wangyum/Anaconda#3: tensorflow 0.9.0 from conda-forge beside pip's 0.12.0). Pure:
data in, data out.
"""

from __future__ import annotations

import re

from .signatures.install import TF_DISTRIBUTION

_CONDA_LIST_ROW = re.compile(
    r"^[ \t>]{0,8}(?P<dist>"
    + TF_DISTRIBUTION
    + r")[ \t]+(?P<version>\d{1,2}\.\d{1,3}[\w.+-]{0,40})"
    r"[ \t]+(?P<build>\S{1,80})(?:[ \t]+(?P<channel>\S{1,80}))?[ \t]*\r?$",
    re.MULTILINE,
)


_LISTING_START = re.compile(r"# packages in environment at |\b(?:conda|mamba|micromamba) list\b")
"""Where a listing starts: 'conda list''s header for its environment, or the command itself."""
_NEXT_COMMAND = re.compile(
    r"\b(?:pip3?|conda|mamba|micromamba|python3?)(?:\.exe)? (?:-[cm] |list|search|install|show"
    r"|freeze|info|env|create|activate|run)\b"
)
"""A later command ends the listing: 'conda search' offers, 'pip list -v' rows and the like
are not conda's list of what is installed."""


def installed_by_conda_and_pip(sample: str) -> tuple[str, ...]:
    """The two 'conda list' rows of a TensorFlow distribution that conda and pip both
    installed in one environment (one listing: from its command or header to the next
    command), conda's first; () where no name has both."""
    by_conda: dict[str, str] = {}
    by_pip: dict[str, str] = {}
    listing = False
    for line in sample.split("\n"):
        if _LISTING_START.search(line):
            listing, by_conda, by_pip = True, {}, {}
            continue
        if _NEXT_COMMAND.search(line):
            listing = False
            continue
        row = _CONDA_LIST_ROW.match(line) if listing else None
        if row is None or "/" in row["build"] or "\\" in row["build"]:
            continue  # (a location is pip's column, not a conda build)
        name = normal_name(row["dist"])
        from_pip = row["build"] == "<pip>" or row["channel"] == "pypi"
        (by_pip if from_pip else by_conda).setdefault(name, row.group(0).strip())
        if name in by_pip and name in by_conda:
            return by_conda[name], by_pip[name]
    return ()


_LISTED_ROW = re.compile(
    # a 'pip list' or 'conda list' row (the name, then its version a column further on), or
    # 'pip freeze''s 'tensorflow==2.15.0'
    r"^[ \t>]{0,8}(?P<dist>" + TF_DISTRIBUTION + r")(?:[ \t]{2,}|==)\d{1,2}\.\d{1,3}[\w.+-]{0,40}"
    r"(?:[ \t]+\S{1,300}){0,3}[ \t]*\r?$",
    re.MULTILINE,
)
_PIP_LIST_TYPED = re.compile(r"\bpip[\d.]{0,4}(?:\.exe)? list\b")
_OLD_FORMAT_WARNING = re.compile(r"--format=\(legacy\|columns\)")
_OLD_PIP_ROW = re.compile(
    # pip 9's (and older) 'pip list' row: 'tensorflow-gpu (1.4.0)', with ', LOCATION' for an
    # editable install
    r"^[ \t>]{0,8}(?P<dist>[A-Za-z0-9][\w.-]{0,80}) \((?P<version>\d{1,4}(?:\.[\w+-]{1,40}){0,6})"
    r"(?:, [^)\n]{1,300})?\)[ \t]*\r?$"
)
_TF_NAME = re.compile(TF_DISTRIBUTION + r"$", re.IGNORECASE)


def old_pip_listings(sample: str) -> list[list[tuple[int, re.Match[str]]]]:
    """Each listing pip 9 and older printed under a 'pip list' typed: its rows (with the offset
    each starts at), contiguous below the command (its format warning and blank lines between).
    Rows like them elsewhere are requirements written in prose, not what is installed."""
    listings: list[list[tuple[int, re.Match[str]]]] = []
    current: list[tuple[int, re.Match[str]]] | None = None
    for line_start, line in _lines(sample):
        if _PIP_LIST_TYPED.search(line):
            current = []
            listings.append(current)
        elif current is not None and (not line.strip() or _OLD_FORMAT_WARNING.search(line)):
            continue
        elif current is not None and (row := _OLD_PIP_ROW.match(line)):
            current.append((line_start, row))
        else:
            current = None
    return listings


def _tensorflow_rows(listing: list[tuple[int, re.Match[str]]]) -> list[tuple[int, re.Match[str]]]:
    return [
        (at, row)
        for at, row in listing
        if _TF_NAME.match(row["dist"]) and normal_name(row["dist"]) not in PLUG_INS
    ]


def tensorflows_in_one_old_listing(sample: str) -> list[tuple[str, str]]:
    """The TensorFlow distributions (name, version) of the one pip 9 listing that names the
    most: two listings are often two environments, so their rows are not added up."""
    best: list[tuple[str, str]] = []
    for listing in old_pip_listings(sample):
        found = [(normal_name(row["dist"]), row["version"]) for _, row in _tensorflow_rows(listing)]
        if len(found) >= len(best) and found:
            best = found
    return best


_OFFERS = re.compile(r"\b(?:conda|mamba|micromamba) search\b")
"""A search's rows are offers, not installs."""
PLUG_INS = frozenset({"tensorflow-metal"})
"""Names TF_DISTRIBUTION takes in that are a plug-in installed beside TensorFlow, not one."""


def tensorflow_listed(sample: str) -> str:
    """A package listing's row showing a TensorFlow distribution installed ('pip list' in either
    format, 'conda list', 'pip freeze'), where the log does not go on to remove it; '' where none
    shows."""
    # the last removal of each (a dict keeps the last value given)
    last_removed = {
        normal_name(m["dist"] or m["removed"]): m.start() for m in _REMOVED.finditer(sample)
    }
    offers = False
    old_rows = {
        at: row for listing in old_pip_listings(sample) for at, row in _tensorflow_rows(listing)
    }
    for line_start, line in _lines(sample):
        if _OFFERS.search(line):
            offers = True
            continue
        if _NEXT_COMMAND.search(line):
            offers = False
            continue
        row = None if offers else _LISTED_ROW.match(line) or old_rows.get(line_start)
        if row is None or normal_name(row["dist"]) in PLUG_INS:
            continue
        if last_removed.get(normal_name(row["dist"]), -1) < line_start:
            return row.group(0).strip()
    return ""


def _lines(sample: str) -> list[tuple[int, str]]:
    """Each line with the offset it starts at."""
    found, at = [], 0
    for line in sample.split("\n"):
        found.append((at, line))
        at += len(line) + 1
    return found


PIP_UNINSTALLED = (
    # pip's name-version (the name's parts start with a letter, the version with a digit)
    r"Successfully uninstalled (?P<dist>[A-Za-z][\w.]{0,40}(?:-[A-Za-z][\w.]{0,40}){0,4})-\d"
)
_REMOVED = re.compile(
    # pip's uninstall, or conda's removal
    PIP_UNINSTALLED + r"|\b(?:conda|mamba|micromamba) (?:remove|uninstall)(?: -[-\w]{1,20})*"
    r" (?P<removed>[A-Za-z][\w.-]{0,60})"
)


def normal_name(name: str) -> str:
    """A distribution's name as pip compares it ('tensorflow_gpu' is 'tensorflow-gpu')."""
    return name.lower().replace("_", "-")
