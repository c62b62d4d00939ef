"""A TensorFlow name misspelled in an install command ('tenserflow', 'tensorfow').

pip and conda find nothing under such a name, and the paste then names no TensorFlow at all:
nothing was installed, whatever the Python or platform (abipy#235: conda asked for
'tenserflow'). A name one or two edits from TensorFlow's that is not itself a package of the
TensorFlow family is read as that misspelling, where the edits fall in one word of the name (one
edit in a short word): 'tensorflow-gnn' or 'tb-nightly' are packages of their own, not
'tensorflow-gpu' or 'tf-nightly' mistyped.
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
        "tensorflow-tpu",
        "tensorflow-gnn",
        "tensorflow-gan",
        "tensorflow-ranking",
        "tensorflow-serving-api",
        "tensorflow-estimator",
        "tensorflow-datasets",
        "tensorflow-probability",
        "tensorflow-transform",
        "tensorflow-quantum",
        "tensorflow-privacy",
        "tensorflow-federated",
        "tensorflow-recommenders",
        "tb-nightly",
        "tfp-nightly",
        "tfds-nightly",
        "tf-keras",
    }
)
"""Packages of the family a misspelling must not be confused with (pip's normalised names)."""
_REFUSED = re.compile(
    r"No matching distribution found for (?P<pip>[A-Za-z][\w.-]{1,60})"
    # pip's first line, pasted alone, where the index has no version at all
    r"|Could not find a version that satisfies the requirement (?P<pipfirst>[A-Za-z][\w.-]{1,60})"
    r"[^\n]{0,80}\(from versions: none\)"
    r"|Because (?P<uv>[A-Za-z][\w.-]{1,60}) was not found in the package registry"
    # Poetry's and libmamba's words for a name no index or channel has
    r"|Could not find a matching version of package (?P<poetry>[A-Za-z][\w.-]{1,60})"
    r"|(?P<mamba>[A-Za-z][\w.-]{1,60}) does not exist \(perhaps a typo or a missing channel\)"
    r"|depends on (?P<solver>[A-Za-z][\w.-]{1,60}) \([^)\n]{0,40}\) which doesn't match any"
    r" versions"
    r"|^[ \t]+- (?P<conda>[A-Za-z][\w.-]{1,60})(?:[=<>!~ ][^\n]{0,60})?[ \t]*$",
    re.MULTILINE,
)
_REFUSERS = ("pip", "pipfirst", "uv", "poetry", "mamba", "solver", "conda")
"""The groups of _REFUSED: whose words named the package."""
_CONDA_REFUSAL = re.compile(r"PackagesNotFoundError|PackageNotFoundError|ResolvePackageNotFound")
SOURCE = "https://pypi.org/project/tensorflow/"
LONG_WORD = 7
"""Words this long take two edits; shorter ones of three letters one ('gpy'), and 'tf' none:
changed, they are mostly other packages' names ('tb-nightly', 'tensorflow-tpu', listed above)."""


def misspelled_tensorflow(text: str) -> list[Finding]:
    conda = _CONDA_REFUSAL.search(text)
    for refused in _REFUSED.finditer(text):
        if refused["conda"] and (conda is None or refused.start() < conda.start()):
            continue
        name = next(refused[k] for k in _REFUSERS if refused[k])
        asked = name.lower().replace("_", "-")
        if asked in REAL_NEAR_NAMES or _versions_listed(text, name):
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


def _versions_listed(text: str, name: str) -> bool:
    """pip listed versions of the name: the package exists (tensorflowcv), whatever it is
    near; '(from versions: none)', and pip 9's empty '(from versions: )', leave a misspelling
    possible."""
    listed = re.compile(
        rf"satisfies the requirement {re.escape(name)}(?![\w.-])[^\n]{{0,80}}"
        r"\(from versions: \d",
        re.IGNORECASE,
    )
    return listed.search(text) is not None


def _misspelling_of(asked: str, name: str) -> bool:
    """A hyphen dropped or added, or edits inside one word of the name: up to two in a long
    word, one in a short one."""
    if asked.replace("-", "") == name.replace("-", ""):
        return True
    words, meant = asked.split("-"), name.split("-")
    if len(words) != len(meant):
        return False
    differing = [(a, b) for a, b in zip(words, meant, strict=True) if a != b]
    if len(differing) != 1:
        return False
    typed, word = differing[0]
    # up to two edits in a long word; one in a short one of three letters or more ('gpy')
    return _edits(typed, word) <= (2 if len(word) >= LONG_WORD else 1 if len(word) >= 3 else 0)


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
