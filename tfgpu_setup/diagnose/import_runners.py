"""TensorFlow imported by one runner and missing in another, in one paste.

A notebook whose kernel cannot import TensorFlow beside a terminal whose environment prints its
version, or 'sudo python' failing the import a plain 'python' passed: with no install or
removal between, TensorFlow is installed, and the failing run is another Python's (sudo resets
PATH and drops an activated environment; a kernel runs the Python it was registered with).
Pure: text in, one line of evidence out.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator

from .activations import NOTEBOOK_CELL, shell_prompts
from .pip_installs import TENSORFLOW_MISSING

_TF_VERSION_PRINTED = re.compile(
    r"\b(?:tf|tensorflow)\.(?:__version__|version\.VERSION)\)?[^\n]{0,40}\r?\n[ \t>]*"
    r"(?:Out\[\d{1,4}\]:[ \t]*)?'?\d{1,2}\.\d{1,3}\.\d"
)
"""TensorFlow's version printed under the expression that asked for it: it imported there."""
_TF_CHANGED = re.compile(
    r"\b(?:pip3?|conda|mamba|micromamba|uv pip|poetry)[ \t]+(?:install|uninstall|remove|add)\b"
    r"[^\n]{0,200}?\b(?:tensorflow|tf-nightly)"
    r"|\bSuccessfully (?:un)?installed\b[^\n]{0,2000}?\b(?:tensorflow|tf-nightly)"
)
"""Anything that may have put TensorFlow in or taken it out between the two runs."""
_ELSEWHERE = re.compile(
    r"\b(?:docker|podman)[ \t]+(?:run|exec)\b|\bdocker[ -]compose\b|\bkubectl\b"
    r"|\b(?:singularity|apptainer)[ \t]+(?:exec|run|shell)\b|\bssh[ \t]+\S"
)
"""A run on another machine or in a container: its Python is not this host's."""
_SUDO = re.compile(r"^(?:sudo|doas)[ \t]")
MAX_EVENTS = 20


def imported_by_another_runner(text: str) -> str:
    """The two runs, as evidence ('TensorFlow imported at X; missing at Y'), where the paste
    shows TensorFlow's version printed in one and 'No module named tensorflow' in another that
    cannot be the same Python (a notebook's kernel and a shell, a command under sudo and one
    without), with nothing installing or removing TensorFlow anywhere. '' otherwise."""
    if _TF_CHANGED.search(text) or _ELSEWHERE.search(text):
        return ""
    failed = _runners(text, (m.start() for m in TENSORFLOW_MISSING.finditer(text)))
    worked = _runners(text, (m.end() for m in _TF_VERSION_PRINTED.finditer(text))) if failed else []
    return next(
        (
            f"TensorFlow imported in {_described(ran)}, yet 'No module named tensorflow' in"
            f" {_described(lacked)}"
            for lacked in failed
            for ran in worked
            if _apart(lacked, ran)
        ),
        "",
    )


def _runners(text: str, positions: Iterator[int]) -> list[tuple[str, str, bool]]:
    """Who ran the code at each of the first MAX_EVENTS points, where the paste says: a
    notebook's kernel ('notebook', '', False) where a cell comes after the last prompt, else
    that prompt's shell ('shell', its environment, whether under sudo)."""
    prompts = shell_prompts(text)
    starts = [start for start, _, _ in prompts]
    cells = [found.start() for found in NOTEBOOK_CELL.finditer(text)]
    runners = []
    for position in itertools.islice(positions, MAX_EVENTS):
        prompt = bisect_left(starts, position) - 1
        cell = bisect_left(cells, position) - 1
        if cell >= 0 and (prompt < 0 or cells[cell] > starts[prompt]):
            runners.append(("notebook", "", False))
        elif prompt >= 0:
            _, environment, command = prompts[prompt]
            runners.append(("shell", environment, bool(_SUDO.match(command))))
    return runners


def _apart(one: tuple[str, str, bool], other: tuple[str, str, bool]) -> bool:
    """Runs that cannot share a Python: a kernel and a shell, or sudo and not (two prompts'
    environments are read apart elsewhere, as interpreters seen)."""
    return one[0] != other[0] or (one[0] == "shell" and one[2] != other[2])


def _described(runner: tuple[str, str, bool]) -> str:
    if runner[0] == "notebook":
        return "the notebook's kernel"
    where = f"the shell's '({runner[1]})' environment" if runner[1] else "the shell"
    return f"{where}, under sudo" if runner[2] else where
