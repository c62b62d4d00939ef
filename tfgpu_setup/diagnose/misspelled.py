"""A TensorFlow name misspelled in an install command ('tenserflow', 'tensorfow').

pip and conda find nothing under such a name, and the paste then names no TensorFlow at all:
nothing was installed, whatever the Python or platform (abipy#235: conda asked for
'tenserflow'). A name one or two edits from TensorFlow's that is not itself a package of the
TensorFlow family is read as that misspelling.
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
    r"|^[ \t]+- (?P<conda>[A-Za-z][\w.-]{1,60})(?:[=<>!~ ][^\n]{0,60})?[ \t]*$",
    re.MULTILINE,
)
_CONDA_REFUSAL = re.compile(r"PackagesNotFoundError|PackageNotFoundError|ResolvePackageNotFound")
SOURCE = "https://pypi.org/project/tensorflow/"


def misspelled_tensorflow(text: str) -> list[Finding]:
    conda = _CONDA_REFUSAL.search(text)
    for refused in _REFUSED.finditer(text):
        if refused["conda"] and (conda is None or refused.start() < conda.start()):
            continue
        asked = (refused["pip"] or refused["conda"]).lower().replace("_", "-")
        if asked in REAL_NEAR_NAMES:
            continue
        meant = next((n for n in TENSORFLOW_NAMES if _edits(asked, n) <= 2), None)
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
