"""R's tensorflow package finding no TensorFlow, read for the Python it looked in. R reaches
Python through reticulate, and tensorflow::install_tensorflow() installs TensorFlow into an
environment of its own ('r-tensorflow', 'r-reticulate' in earlier releases), never into a base
Python: where R looked only in base Pythons, it missed that environment. Pure: text in,
findings out."""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .pip_installs import TENSORFLOW_MISSING
from .sources import quoted

_ABSOLUTE = r"(?:[A-Za-z]:[\\/]|/|~[\\/])"
"""The start of an absolute path: a Windows drive, the root, or a home."""
_NOT_FOUND = re.compile(
    r"(?:Valid )?[Ii]nstallation of TensorFlow not found"
    r"|Python module tensorflow(?:\.[\w.]{1,80})? was not found"
    r"|^[ \t]*(?:##[ \t]+)?tensorflow:[ \t]+\[NOT FOUND\]",
    re.MULTILINE,
)
_EXCEPTION_SHOWN = re.compile(r"Python exception encountered:?")
"""The tensorflow package's error prints the import's own exception after this: absence only
where it is 'No module named 'tensorflow''; another one (a DLL, a library) is why."""
_FOUND_BY_PY_CONFIG = re.compile(
    r"(?:^|[ \t])tensorflow:[ \t]+(?P<path>" + _ABSOLUTE + r"\S{1,400})", re.MULTILINE
)
"""py_config() naming TensorFlow's folder: installed there (in the Python R looked in, its
import failed; in another, R looked in the wrong one)."""
_IMPORT_FAILED = re.compile(
    r"DLL load failed|Failed to load the native TensorFlow runtime|_pywrap_tensorflow"
    r"|cannot open shared object file|Illegal instruction"
)
_TENSORFLOW_RAN = re.compile(
    r"^[^\n]{0,40}?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{1,9}: [IWEF] "
    # absl's records, and the form TensorFlow 2.16+ writes before absl starts ('W0000
    # 00:00:<epoch>')
    r"|^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} |^[IWEF]0000 00:00:\d{9,11}\.\d{6} "
    r"|PhysicalDevice\(name=|\bLoaded Tensorflow version \d",
    re.MULTILINE,
)
"""TensorFlow's own records, its device list, or the R package saying it loaded it, after R's
word: a later session found it."""
EXCEPTION_CHARS = 3000
_SEARCHED = re.compile(r"Python environments searched for '?tensorflow'? package:[ \t]*$", re.M)
_PATH = re.compile(
    # R Markdown and knitr print output behind '## '
    r"[ \t]*(?:##[ \t]+)?(?P<path>" + _ABSOLUTE + r"[^\n]{1,400}?)[ \t]*$"
)
_PYTHON_HOME = re.compile(
    r"[\\/](?:bin|Scripts)[\\/][^\\/]{1,40}$|[\\/]python[\d.]{0,5}(?:\.exe)?$"
)
"""The end of an interpreter's path past its installation's folder."""
_SHORT_NAME = re.compile(r"~\d")
"""A Windows 8.3 short name ('DOCUME~1'): not comparable with the long one."""
_BOUND = re.compile(r"(?:^|[ \t])python:[ \t]+(?P<path>" + _ABSOLUTE + r"\S{1,400})", re.M)
"""reticulate::py_config()'s first line, also in the 'Detected Python configuration' error."""
_IN_AN_ENVIRONMENT = re.compile(
    r"[/\\](?:envs|\.?virtualenvs|\.?venvs?|r-reticulate|r-tensorflow)[/\\]"
    r"|[/\\]Scripts[/\\]python",
    re.IGNORECASE,
)
_BASE_PYTHON = re.compile(
    r"^(?:/usr(?:/local)?/bin/|/bin/|/opt/conda/bin/|/opt/homebrew/(?:bin|opt|Cellar)/"
    r"|/usr/local/(?:opt|Cellar)/python|/(?:System/)?Library/Frameworks/Python\.framework/"
    r"|[A-Za-z]:[\\/](?:Program Files[\\/])?Python\d{0,3}[\\/]python)"
    r"|(?:(?:ana|mini)conda|mini?forge|mambaforge)\d?[\\/](?:bin[\\/])?python"
    r"|[\\/]\.pyenv[\\/](?:shims|versions[\\/][\d.]{1,12}[\\/]bin)[\\/]"
    r"|AppData[\\/]Local[\\/]Programs[\\/]Python[\\/]Python\d{0,3}[\\/]python"
    r"|[\\/]WindowsApps[\\/]python",
    re.IGNORECASE,
)
MAX_SEARCHED = 20
SOURCE = "https://rdrr.io/github/rstudio/tensorflow/man/install_tensorflow.html"
POINT_R_AT_IT = (
    "Point R at the environment TensorFlow is installed in before TensorFlow loads:"
    " reticulate::use_virtualenv('r-tensorflow', required = TRUE) (use_condaenv for a conda"
    " one, or RETICULATE_PYTHON in ~/.Renviron), restart R, and check that"
    " reticulate::py_config() names it"
)


def r_tensorflow_not_found(text: str) -> list[Finding]:
    """R saying it found no TensorFlow: in a base Python alone, the environment
    install_tensorflow() made was missed (wrong-python-environment); elsewhere, TensorFlow is
    not installed where R looks. Nothing where reticulate found one whose import raised."""
    said = _NOT_FOUND.search(text)
    if said is None or _IMPORT_FAILED.search(text):
        return []
    shown = _EXCEPTION_SHOWN.search(text, said.end())
    if shown and not TENSORFLOW_MISSING.search(text, shown.end(), shown.end() + EXCEPTION_CHARS):
        return []
    if _TENSORFLOW_RAN.search(text, said.end()):
        return []
    pythons = _searched(text) or _bound(text)
    line = quoted(said.group(0))
    found = _FOUND_BY_PY_CONFIG.search(text)
    if found is not None:
        where = found.group("path")
        if not pythons or any(_within(where, p) for p in pythons):
            return []  # in the Python R looked in: its import failed, it is not missing
        return [_elsewhere(line, pythons, where)]
    if pythons and all(_base(p) for p in pythons):
        return [
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                "The Python that R uses is a base one, not the environment"
                " install_tensorflow() installs TensorFlow into",
                (
                    line,
                    *(f"Python R looked in: {p}" for p in pythons[:4]),
                    "install_tensorflow() installs into an environment of its own"
                    " ('r-tensorflow', earlier 'r-reticulate'), never into a base Python",
                ),
                POINT_R_AT_IT + "; if TensorFlow is in no environment yet, run"
                " tensorflow::install_tensorflow().",
                SOURCE,
            )
        ]
    return [
        Finding(
            "tensorflow-not-installed",
            Severity.ERROR,
            "The Python that R uses has no TensorFlow installed",
            (line, *(f"Python R looked in: {p}" for p in pythons[:4])),
            "Run tensorflow::install_tensorflow() and restart R; if TensorFlow is installed in"
            " another environment, " + POINT_R_AT_IT[0].lower() + POINT_R_AT_IT[1:] + ".",
            SOURCE,
        )
    ]


def _elsewhere(line: str, pythons: list[str], where: str) -> Finding:
    return Finding(
        "wrong-python-environment",
        Severity.ERROR,
        "TensorFlow is installed in another Python than the one R uses",
        (
            line,
            *(f"Python R looked in: {p}" for p in pythons[:4]),
            f"py_config() shows TensorFlow at {where}",
        ),
        POINT_R_AT_IT + ".",
        SOURCE,
    )


def _within(installed: str, python: str) -> bool:
    """Whether TensorFlow's folder lies in this interpreter's installation; Windows' short
    names (DOCUME~1) cannot be compared, and count as within."""
    if _SHORT_NAME.search(installed) or _SHORT_NAME.search(python):
        return True
    home = _PYTHON_HOME.sub("", python.replace("\\", "/")).lower().rstrip("/")
    return bool(home) and installed.replace("\\", "/").lower().startswith(home + "/")


def _searched(text: str) -> list[str]:
    """The Pythons listed under 'Python environments searched for 'tensorflow' package:'."""
    header = _SEARCHED.search(text)
    if header is None:
        return []
    found = []
    listed = text[header.end() : header.end() + MAX_SEARCHED * 402]
    for line in listed.lstrip("\n").splitlines()[:MAX_SEARCHED]:
        path = _PATH.fullmatch(line)
        if path is None:
            break
        found.append(path.group("path"))
    return found


def _bound(text: str) -> list[str]:
    bound = _BOUND.search(text)
    return [bound.group("path")] if bound else []


def _base(path: str) -> bool:
    return not _IN_AN_ENVIRONMENT.search(path) and bool(_BASE_PYTHON.search(path))
