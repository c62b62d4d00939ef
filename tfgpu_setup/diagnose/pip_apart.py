"""The python and the pip a log shows, read for the installation each belongs to.

Users check their setup with 'which python' and 'which pip' (or 'where', 'command -v', a
notebook's sys.executable, 'pip --version'). Where every python the log answers with lives in
another installation than every pip it answers with, pip installed TensorFlow for a Python
that does not run the code. Pure: text in, lines out.
"""

from __future__ import annotations

import re

_ASKED = re.compile(
    # the question and the first line of its answer ('where' and 'which -a' list every match on
    # PATH, and only the first runs)
    r"(?:\bwhich(?:[ \t]+-a)?|\bwhere(?:\.exe)?|\bcommand[ \t]+-v|\btype[ \t]+-[pP]"
    r"|\bGet-Command)[ \t]+(?P<tool>python|pip)[\d.]{0,5}(?:\.exe)?\b[^\n]{0,40}\r?\n"
    r"(?P<answer>[^\n]{1,300})"
    # a notebook's or a prompt's sys.executable (the rest of a one-liner after it: review 103,
    # 'print(sys.executable); print(tf.config.list_physical_devices(...))')
    r"|\bsys\.executable\b[^\n]{0,160}\r?\n(?P<executable>[^\n]{1,300})"
    # an IDE's run line (PyCharm's first line, VS Code's terminal): the interpreter by its path,
    # then the script
    r"|^(?:[^\n]{0,80}?[$#>][ \t]+|&[ \t]+)?(?P<ran>['\"]?(?:[A-Za-z]:)?[/\\][^\s'\"]{0,250}?"
    r"(?:/bin/python[\d.]{0,5}|\\(?:Scripts\\)?python[w]?[\d.]{0,5}\.exe)['\"]?)"
    r"[ \t]+['\"]?[^\s'\"]{1,250}\.py['\"]?[ \t]*$",
    re.MULTILINE,
)
# (both read one stripped answer of at most 300 characters, whole: fullmatch)
_PATH_ALONE = re.compile(
    r"^[ \t]*((?:[A-Za-z]:)?[/\\][^\s'\"]{0,250}?"
    r"(?:/bin/python[\d.]{0,5}|\\python[w]?[\d.]{0,5}\.exe))[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A line that is an interpreter's path and nothing else."""
_PYTHON_PATH = re.compile(
    r"(?:Out\[\d{1,4}\]:[ \t]*)?['\"]?(?P<root>(?:[A-Za-z]:)?[/\\][^'\"\n]{0,250}?)"
    # a venv's python.exe sits in its Scripts folder, an installation's at its top
    r"(?:/bin/python[\d.]{0,5}|\\(?:Scripts\\)?python[w]?[\d.]{0,5}\.exe)['\"]?",
    re.IGNORECASE,
)
_PIP_PATH = re.compile(
    r"['\"]?(?P<root>(?:[A-Za-z]:)?[/\\][^'\"\n]{0,250}?)"
    r"(?:/bin/pip[\d.]{0,5}|\\Scripts\\pip[\d.]{0,5}\.exe)['\"]?",
    re.IGNORECASE,
)
_PIP_VERSION = re.compile(
    # 'pip 21.0.1 from /home/me/venv/lib/python3.8/site-packages/pip (python 3.8)'
    r"^[ \t]*pip \d{1,3}(?:\.\d{1,4}){0,3} from (?P<root>[^\n]{1,250}?)[/\\]lib[/\\]"
    r"(?:python\d\.\d{1,2}[/\\])?(?:site|dist)-packages[/\\]pip[/\\]? \(python \d\.\d{1,2}\)",
    re.MULTILINE | re.IGNORECASE,
)
_SHARED_PLACES = re.compile(
    r"^(?:/usr|/usr/local|/opt/homebrew)$"
    # Homebrew's keg of its Python, under opt/ or Cellar/ (and its libexec/)
    r"|^(?:/opt/homebrew|/usr/local)/(?:opt|cellar)/python(?:@[\d.]{1,6})?(?:/|$)"
    r"|python3?\.framework|\\windowsapps(?:\\|$)"
)
"""Where one Python answers under several names: a distribution's (/usr/bin/python3, its pip in
/usr/local/bin after 'sudo pip3'), Homebrew's (/opt/homebrew/bin, its opt/ and Cellar/ links,
/usr/local on Intel Macs), macOS's and python.org's frameworks (/usr/bin/python3 and
/usr/local/bin/python3 link into them), and the Microsoft Store's (its alias and its package
folder under WindowsApps). Such answers are no evidence of two installations."""
_USER_SITE = re.compile(r"/\.local$|\\appdata\\roaming\\python\\python3\d{1,2}$")
"""A pip installed into the user site ('pip install --user pip'): on Linux it belongs to the
system's Python, on Windows to a python.org one of that version."""


def python_and_pip_apart(text: str) -> tuple[str, ...]:
    """The python's and the pip's answers (one line each) where no python the log answers with
    shares an installation with any pip it answers with; () where it shows fewer, or one pip
    whose installation cannot be told (a user-site pip on Windows)."""
    pythons, pips = _answers(text)
    if not pythons or not pips or "" in pips or set(pythons) & set(pips):
        return ()
    return (
        f"python: {next(iter(pythons.values()))}",
        f"pip: {next(iter(pips.values()))}",
    )


def pythons_apart(text: str) -> tuple[str, ...]:
    """Two python answers of two installations ('which python' in the shell, a notebook's
    sys.executable): the code may run in either; () where the log answers with fewer."""
    pythons, _ = _answers(text)
    if len(pythons) < 2:
        return ()
    return tuple(f"python: {answer}" for answer in list(pythons.values())[:2])


def _answers(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each installation the log's python and pip answers belong to, with the first answer."""
    pythons: dict[str, str] = {}
    pips: dict[str, str] = {}
    for asked in _ASKED.finditer(text):
        answer = (asked["answer"] or asked["executable"] or asked["ran"]).strip()
        if asked["tool"] is None or asked["tool"].lower() == "python":
            if found := _PYTHON_PATH.fullmatch(answer):
                pythons.setdefault(_installation(found["root"]), answer)
        elif found := _PIP_PATH.fullmatch(answer):
            pips.setdefault(_installation(found["root"], pip=True), answer)
    if "sys.executable" in text:
        # a notebook's cell, then its output lines apart from it: what print(sys.executable)
        # printed is a line that is an interpreter's path alone
        for line in _PATH_ALONE.finditer(text):
            if found := _PYTHON_PATH.fullmatch(line.group(1)):
                pythons.setdefault(_installation(found["root"]), line.group(1))
    for version in _PIP_VERSION.finditer(text):
        pips.setdefault(_installation(version["root"], pip=True), version.group(0).strip())
    return pythons, pips


def _installation(root: str, *, pip: bool = False) -> str:
    """The installation a folder names, in one spelling: the system's, Homebrew's, a
    framework's and the Store's are one ('system'), and so is a pip in a Linux user site ('' where
    a Windows user site leaves it open)."""
    root = root.strip().rstrip("/\\").replace("\\\\", "\\").lower()
    if _SHARED_PLACES.search(root):
        return "system"
    if pip and (user := _USER_SITE.search(root)):
        return "system" if user.group(0) == "/.local" else ""
    return root
