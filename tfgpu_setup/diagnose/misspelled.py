"""A TensorFlow name misspelled in an install command ('tenserflow', 'tensorfow').

pip and conda find nothing under such a name, and the paste then names no TensorFlow at all:
nothing was installed, whatever the Python or platform (abipy#235: conda asked for
'tenserflow'). A name one or two edits from TensorFlow's that is not itself a package of the
TensorFlow family is read as that misspelling, where the edits fall in one word of the name, a
word of at least seven letters ('tensorflow', 'nightly'): 'tensorflow-gnn' or 'tb-nightly' are
packages of their own, not 'tensorflow-gpu' or 'tf-nightly' mistyped.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

TENSORFLOW_NAMES = ("tensorflow", "tensorflow-gpu", "tensorflow-cpu", "tf-nightly")
REAL_NEAR_NAMES = frozenset(
    {
        *TENSORFLOW_NAMES,
        "tensorflowjs",
        "tensorflow-io",
        "tensorflow-hub",
        "tensorflow-text",
        "tensorflow-intel",
        "tensorflow-macos",
        "tensorflow-metal",
        "tensorflow-rocm",
        "tensorflow-aarch64",
        "tensorflow-cpu-aws",
        "tensorflow-addons",
        "tensorboard",
        "tf-nightly-gpu",
        "tf-nightly-cpu",
        "tfa-nightly",
    }
)
"""Packages of the family a misspelling must not be confused with (pip's normalised names)."""
_REFUSED = re.compile(
    r"No matching distribution found for (?P<pip>[A-Za-z][\w.-]{1,60})"
    r"|Because (?P<uv>[A-Za-z][\w.-]{1,60}) was not found in the package registry"
    r"|^[ \t]+- (?P<conda>[A-Za-z][\w.-]{1,60})(?:[=<>!~ ][^\n]{0,60})?[ \t]*$",
    re.MULTILINE,
)
_CONDA_REFUSAL = re.compile(r"PackagesNotFoundError|PackageNotFoundError|ResolvePackageNotFound")
SOURCE = "https://pypi.org/project/tensorflow/"
LONG_WORD = 7
"""Shorter words ('tf', 'gpu') are the names of other packages when changed ('tb-nightly',
'tensorflow-tpu'), not typos."""


def misspelled_tensorflow(text: str) -> list[Finding]:
    conda = _CONDA_REFUSAL.search(text)
    for refused in _REFUSED.finditer(text):
        if refused["conda"] and (conda is None or refused.start() < conda.start()):
            continue
        asked = (refused["pip"] or refused["uv"] or refused["conda"]).lower().replace("_", "-")
        if asked in REAL_NEAR_NAMES:
            continue
        meant = next((n for n in TENSORFLOW_NAMES if _misspelling_of(asked, n)), None)
        if meant is None:
            continue
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"The install asked for '{asked}', a misspelling of '{meant}': no package of"
                " that name exists, so nothing was installed",
                (quoted(refused.group(0)),),
                f"Install it by its name: 'pip install {meant}' (or 'conda install -c"
                f" conda-forge {meant}'); 'tfgpu-setup plan' picks the release for this machine.",
                SOURCE,
            )
        ]
    return []


def _misspelling_of(asked: str, name: str) -> bool:
    """A hyphen dropped or added, or up to two edits inside one long word of the name."""
    if asked.replace("-", "") == name.replace("-", ""):
        return True
    words, meant = asked.split("-"), name.split("-")
    if len(words) != len(meant):
        return False
    differing = [(a, b) for a, b in zip(words, meant, strict=True) if a != b]
    return len(differing) == 1 and len(differing[0][1]) >= LONG_WORD and _edits(*differing[0]) <= 2


def _edits(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbours as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]
