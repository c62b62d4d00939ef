"""conda's conflict reports that put TensorFlow against the environment's Python.

An older conda's (conda 4.3's): 'UnsatisfiableError: The following specifications were found
to be in conflict:' and the specs, one a line. Where the specs are a Python and TensorFlow
alone, the channel has no build of that TensorFlow for that Python (conda#5355). conda 4.4 to
23.9 names the Python itself ('-> python[version=...]', read by the conda-python-incompatible
signature). libmamba's solver (conda 23.10 on, mamba) draws a tree: a TensorFlow build that
'would require', 'is not installable because it requires' or 'which requires' a Python (or
conda-forge's python_abi), under it, that 'conflicts with any installable versions previously
reported' (the Python asked for or pinned), where no system requirement (__glibc, __cuda)
stands in the way too.
"""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from ..findings import Finding, Severity
from .logfacts import CLUE_CHARS
from .signatures.install import CONDA_CHAIN_TITLE, TF_DISTRIBUTION

_CONFLICT = re.compile(
    # each spec ends its line: a line of many '- ' is one spec, not many ways to split it
    r"found to be in conflict:[ \t]*\r?\n((?:[ \t]{0,8}- [^\n]{1,120}(?:\n|\Z)){2,8})"
)
_PYTHON = re.compile(r"^python[ =](?P<python>[23]\.\d{1,2})(?:\.\d{1,3})?\*?$")
_TENSORFLOW = re.compile(rf"^(?P<package>{TF_DISTRIBUTION})(?:[ =](?P<version>[\w.]{{1,20}}\*?))?$")
SOURCE = "https://github.com/conda/conda/issues/5355"


def conda_python_conflict(text: str) -> list[Finding]:
    found = _CONFLICT.search(text[:CLUE_CHARS])
    if found is None:
        return []
    lines = [line.strip() for line in found.group(1).splitlines() if line.strip()]
    specs = [line.removeprefix("- ").strip() for line in lines]
    pythons = [m for s in specs if (m := _PYTHON.match(s))]
    tensorflows = [m for s in specs if (m := _TENSORFLOW.match(s))]
    if len(specs) != 2 or len(pythons) != 1 or len(tensorflows) != 1:
        return []  # other packages in the conflict: any of them may be the one
    python = pythons[0]["python"]
    package = tensorflows[0]["package"]
    version = (tensorflows[0]["version"] or "").rstrip("*")
    asked = f"{package} {version}".strip()
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            f"conda has no {asked} build for Python {python}: the two are all its conflict names",
            tuple(f"conda: {line}" for line in lines),
            f"Create the environment with a Python that {asked} was built for (e.g. 'conda"
            f" create -n tf python=3.X {package}'), or ask for a {package} release built for"
            f" Python {python}; 'tfgpu-setup plan --python X.Y' checks a pairing first.",
            SOURCE,
        )
    ]


_TREE_TF_NEEDS_PYTHON = re.compile(
    rf"(?<![\w-])(?P<package>{TF_DISTRIBUTION}|tensorflow-base|tensorflow-deps)[^\n]{{0,80}}?"
    r"(?:is not installable because it requires|would require|which requires)[ \t]*\r?\n"
    # the child row, under the tree's rails (a build log may prefix each line: '#12 551.4 ')
    r"[^\n]{0,60}?└─ (?P<python>python(?:_abi)? [^\n]{1,80}?)[ \t]*,[ \t]*which conflicts with any"
    r" installable versions previously reported"
)
_TREE_SYSTEM_BLOCKS = re.compile(
    r"└─ __\w{1,20} [^\n]{0,120}which conflicts with|└─ __\w{1,20},? which is missing"
)
"""A row of the tree where a build needs something of the system (conda's virtual packages:
__glibc, __cuda, __osx): the Python is then not the only thing in the way."""
TREE_SOURCE = "https://github.com/conda/conda-libmamba-solver/issues/467"


_TREE_TF_OPTIONS = re.compile(
    rf"(?<![\w-])(?P<package>{TF_DISTRIBUTION}|tensorflow-base) \[[^\n]{{1,200}}?\] would require"
    r"[ \t]*\r?\n[^\n]{0,60}?└─ python(?:_abi)? "
)
"""libmamba listing the TensorFlow builds it could pick, each with the Python it needs."""
_TREE_PIN_CONFLICTS = re.compile(
    r"(?P<pin>pin-\d{1,3}) is not installable because it requires[ \t]*\r?\n[^\n]{0,60}?"
    r"└─ (?P<python>python (?P<version>[23]\.\d{1,2})[.*]{0,2})[ \t]*,[ \t]*which conflicts with"
    r" any installable versions previously reported"
)
"""The environment's pinned Python (conda's 'pin-1') against every build listed above it."""


def _admits(conda_spec: str, python: str) -> bool:
    """Whether conda's version spec ('3.7.*', '>=3.11,<3.12.0a0') takes this Python (X.Y); a
    spec not understood is taken to (the reading then steps aside)."""
    spec = conda_spec.strip().replace(" ", "")
    if spec and spec[0].isdigit():
        spec = "==" + (spec if "*" in spec else spec + ".*")
    try:
        return SpecifierSet(spec).contains(python + ".0", prereleases=True)
    except InvalidSpecifier:
        return True


def libmamba_python_conflict(text: str) -> list[Finding]:
    """libmamba's tree naming the Python a TensorFlow build needs as the one in conflict, or
    the environment's pinned Python as the one no TensorFlow build it listed can take."""
    sample = text[:CLUE_CHARS]
    if _TREE_SYSTEM_BLOCKS.search(sample):
        return []
    found = _TREE_TF_NEEDS_PYTHON.search(sample)
    if found is None:
        return _pinned_python_refused(sample) or _libsolv_python_refused(sample)
    package, needs = found["package"], found["python"].strip().rstrip(".* ")
    rows = [row.strip() for row in found.group(0).splitlines()]
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            f"conda has no {package} build for this environment's Python: it needs {needs}",
            tuple(f"conda: {row}" for row in rows),
            f"Create the environment with a Python {package} was built for ('conda create -n tf"
            f" python=3.X {package}', with a 3.X its {needs} allows), or ask for a release built"
            " for this Python; 'tfgpu-setup plan --python X.Y' checks a pairing first.",
            TREE_SOURCE,
        )
    ]


_TREE_ROW_NEEDS = re.compile(
    r"[├└]─ (?P<package>[\w.-]{1,80})\b[^\n]{0,160}?"
    r"(?:would require|requires|potential options)"
)
"""A tree row of a package that needs something below it."""
_TREE_PYTHON_ROW = re.compile(r"└─ python (?P<spec>[^\n,]{1,60}?(?:,[<>=!][^\n,]{1,30}?)?)\s*,")
_TF_NAME = re.compile(rf"(?:{TF_DISTRIBUTION}|tensorflow-base)$")
_TREE_CHILD_TF = re.compile(rf"└─ (?:{TF_DISTRIBUTION}|tensorflow-base)[ \t]")
"""The row under a package that asks for TensorFlow (the project being installed)."""


def _pinned_python_refused(sample: str) -> list[Finding]:
    """The pin's Python against TensorFlow's builds alone: within one tree, no other package
    needing something (pytorch-cuda, numba may be what refuses the Python), and none of the
    Pythons listed for TensorFlow admitting the pinned one (review 51)."""
    options = _TREE_TF_OPTIONS.search(sample)
    pin = _TREE_PIN_CONFLICTS.search(sample, options.end()) if options else None
    if options is None or pin is None:
        return []
    header = sample.rfind("packages are incompatible", 0, options.start())
    tree = sample[header if header >= 0 else options.start() : pin.start()]
    if "packages are incompatible" in tree[len("packages are incompatible") :]:
        return []  # another solve's tree
    for row in _TREE_ROW_NEEDS.finditer(tree):
        if _TF_NAME.match(row["package"]):
            continue
        child = tree[row.end() :].split("\n", 2)[1:2]
        if not (child and _TREE_CHILD_TF.search(child[0])):
            return []  # another package needing something: the Python may be its refusal
    if any(_admits(row["spec"], pin["version"]) for row in _TREE_PYTHON_ROW.finditer(tree)):
        return []
    package, python = options["package"], pin["version"]
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            f"conda has no {package} build for this environment's Python {python}: every build"
            " it lists needs another Python",
            (
                f"conda: {options.group(0).splitlines()[0].strip()}",
                *(f"conda: {row.strip()}" for row in pin.group(0).splitlines()),
            ),
            f"Create the environment with a Python {package} was built for ('conda create -n tf"
            f" python=3.X {package}', with a 3.X the builds listed need), or ask for a release"
            f" built for Python {python}; 'tfgpu-setup plan --python X.Y' checks a pairing first.",
            TREE_SOURCE,
        )
    ]


_ENV_PYTHON = re.compile(
    r"^[ \t]{0,8}- python[ =]=?(?P<python>[23]\.\d{1,2})\b[^\n>]*$", re.MULTILINE
)
_CHAIN_PYTHON = re.compile(
    rf"^[ \t]{{0,8}}- ?{TF_DISTRIBUTION}[^\n]{{0,200}}?->[ \t]*python[ =]=?"
    r"(?P<python>[23]\.\d{1,2})\b",
    re.MULTILINE,
)
_CHAIN_PREFIX = CONDA_CHAIN_TITLE.split("{", 1)[0]


def chain_through_the_envs_python(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """conda's conflict list naming the environment's own Python ('- python=3.6') and a chain
    from TensorFlow that only passes through that same Python: the Python is no conflict, the
    chain's other branch is (a cudatoolkit pinned against the one asked for). The chain's
    reading is dropped there."""
    sample = text[:CLUE_CHARS]
    envs = {m["python"] for m in _ENV_PYTHON.finditer(sample)}
    chains = {m["python"] for m in _CHAIN_PYTHON.finditer(sample)}
    if not envs or not chains or chains - envs:
        return findings
    return tuple(
        f
        for f in findings
        if not (f.id == "python-unsupported" and f.title.startswith(_CHAIN_PREFIX))
    )


_LIBSOLV_NEEDS_PYTHON = re.compile(
    # mamba 1.x and conda 23.9 and older print libsolv's problems one per line
    # (conda's name-version-build: the name is read up to the version's first digit)
    r"^[ \t]*- package (?P<package>tensorflow(?:-(?:base|deps|gpu|cpu|mkl|eigen|macos))?)-"
    r"(?P<version>\d[\w.]{0,20})-[\w.]{1,40} requires (?P<python>python(?:_abi)? [^,\n]{1,60}"
    r"(?:,[<>=!][^,\n]{1,30})?), but none of the providers can be installed",
    re.MULTILINE,
)
_LIBSOLV_PROBLEM = re.compile(
    r"^[ \t]*- (?:package|nothing provides|cannot install)\b", re.MULTILINE
)


def _libsolv_python_refused(sample: str) -> list[Finding]:
    """libsolv's one-line problem, a TensorFlow package requiring a Python none of whose
    providers can be installed, where it is the only problem listed (another one, a package
    nothing provides, may be the real refusal)."""
    found = _LIBSOLV_NEEDS_PYTHON.search(sample)
    if found is None or len(_LIBSOLV_PROBLEM.findall(sample)) > 1:
        return []
    package, needs = found["package"], found["python"].strip()
    return [
        Finding(
            "python-unsupported",
            Severity.ERROR,
            f"conda has no {package} build for this environment's Python: it needs {needs}",
            (f"conda: {found.group(0).strip()}",),
            f"Create the environment with a Python {package} was built for ('conda create -n tf"
            f" python=3.X {package}', with a 3.X its {needs} allows), or ask for a release built"
            " for this Python; 'tfgpu-setup plan --python X.Y' checks a pairing first.",
            TREE_SOURCE,
        )
    ]
