"""Which WSL distribution a paste's run was in, and its WSL version, from the commands shown.

'wsl -l -v' is a snapshot: the row marked '*' is the default, each row's VERSION what it was
then. A completed 'wsl --set-version NAME 2' converts NAME; 'wsl -s NAME' makes NAME the
default; 'wsl -d NAME' opens NAME for that session only, and a plain 'wsl' opens the default
(reviews 95 to 98). The run is in the distribution the last of these opened. Pure: text in,
data out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LISTED_ROW = re.compile(
    r"^[ \t]*(?P<star>\*)?[ \t]*(?P<distro>[\w.-]{1,60})[ \t]+\S{1,30}(?:[ \t]\S{1,30}){0,2}[ \t]+"
    r"(?P<version>[12])[ \t]*\r?$",
    re.MULTILINE,
)
_OPENED = re.compile(
    r"\bwsl(?:\.exe)?[ \t]+(?:~[ \t]+)?(?:(?P<how>-d|--distribution|-s|--set-default)[ \t]+)"
    r"(?P<distro>[\w.-]{1,60})"
    r"|^[ \t]*(?:PS )?[A-Za-z]:\\[^\n>]{0,200}>[ \t]*wsl(?:\.exe)?(?:[ \t]+~)?[ \t]*\r?$",
    re.MULTILINE,
)
_CONVERTED = re.compile(
    r"\bwsl(?:\.exe)?[ \t]+--set-version[ \t]+(?P<distro>[\w.-]{1,60})[ \t]+2\b[^\n]{0,40}\n"
    # (its own output only: not past the next prompt, and no error or update asked for in it)
    r"(?:(?![ \t]*(?:PS )?[A-Za-z]:\\|[^\n]{0,300}(?:requires|[Ee]rror|failed|0x8))[^\n]{0,300}\n)"
    r"{0,6}?[^\n]{0,40}(?:The operation completed successfully|Conversion complete)",
)
_LINUX_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?[\w.-]{1,64}@[\w.-]{1,64}:[^\n]{0,200}?[$#] ", re.M
)


_WINDOWS_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:PS )?[A-Za-z]:\\[^\n>]{0,200}>", re.M
)


@dataclass(frozen=True)
class WslRun:
    distro: str
    version: str | None
    """'1' or '2' as the paste last shows it (a listing or a completed conversion); None where
    it shows neither."""
    opened_in_paste: bool
    """A wsl command in the paste opened it, and a Linux prompt follows: the run is inside it."""
    evidence: str


def distribution_that_ran(text: str) -> WslRun | None:
    """The distribution the paste's run was in, where a 'wsl -l -v' listing or a wsl command
    names one; None where neither does."""
    versions: dict[str, str] = {}
    default = ""
    for row in _LISTED_ROW.finditer(text):
        versions[row["distro"]] = row["version"]  # (the last listing of each wins)
        if row["star"]:
            default = row["distro"]
    events = sorted(
        [(m.start(), "open", m) for m in _OPENED.finditer(text)]
        + [(m.start(), "convert", m) for m in _CONVERTED.finditer(text)]
        + [(m.start(), "list", m) for m in _LISTED_ROW.finditer(text) if m["star"]],
        key=lambda e: e[0],
    )
    ran, opened_at, evidence = default, -1, ""
    for at, kind, m in events:
        if kind == "list":
            default = m["distro"]
            if opened_at < 0:
                ran = default
        elif kind == "convert":
            versions[m["distro"]] = "2"
        elif m["how"] in ("-s", "--set-default"):
            default = m["distro"]
        else:
            ran, opened_at, evidence = m["distro"] or default, at, m.group(0).strip()
    if not ran:
        return None
    # inside: a Linux prompt follows the opening, and no Windows prompt after the last one
    # (an 'exit' back to Windows ends the session: review 99)
    linux = list(_LINUX_PROMPT.finditer(text, max(opened_at, 0)))
    inside = (
        opened_at >= 0 and bool(linux) and _WINDOWS_PROMPT.search(text, linux[-1].end()) is None
    )
    return WslRun(ran, versions.get(ran), inside, evidence)


def back_on_windows(text: str) -> int:
    """Where the paste is back at a Windows prompt after its last Linux session (a WSL shell
    exited): the offset of that prompt, whose runs are native Windows ones whatever the session
    before showed (review 100: a prompt in /mnt/c/Users/ inside WSL, then PowerShell's run);
    -1 where no Windows prompt follows a Linux one."""
    linux = list(_LINUX_PROMPT.finditer(text))
    if not linux:
        return -1
    windows = _WINDOWS_PROMPT.search(text, linux[-1].end())
    return windows.start() if windows is not None else -1
