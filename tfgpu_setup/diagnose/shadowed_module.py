"""A file or folder of the user's named 'tensorflow' that 'import tensorflow' loads instead of
the installed package.

Python puts the script's folder first on sys.path: a 'tensorflow.py' (often the user's own test
script, so named) or a 'tensorflow/' folder there is what 'import tensorflow' finds. TensorFlow's
attributes are then missing ('module 'tensorflow' has no attribute 'config''), or the file
imports itself ('partially initialized module 'tensorflow''): no release has anything to do
with it, and device_lib's question fails the same way.

Without the file's path in the log, the missing name itself can say it: one that every release
from a known one on defines is missing only where the module imported is not an intact
TensorFlow (a file of the user's, most often), or where a package TensorFlow imports while it
starts (tensorflow-estimator of another release, which reaches for tf.compat) breaks its start.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..versions import parsed
from .attribution import FRAME
from .sources import quoted

_NO_ATTRIBUTE = re.compile(
    r"AttributeError: (?P<partial>partially initialized )?module 'tensorflow' has no attribute"
    r" '(?P<name>\w{1,80})'"
    # the same self-import in an import statement's words (Python 3.8 on), and 'import
    # tensorflow.keras' where tensorflow is a file: a module, never the package
    r"|(?P<itself>ImportError: cannot import name '\w{1,80}' from partially initialized module"
    r" 'tensorflow'|No module named 'tensorflow\.[\w.]{1,80}'; 'tensorflow' is not a package)"
)
_LOCAL_TENSORFLOW = re.compile(
    # a traceback's frame in it (IPython 8 writes 'File ~/dir/tensorflow.py:2'), the path
    # 'print(tensorflow.__file__)' prints, or the one ending Python's circular-import message
    r'^[ \t>]*(?:File ")?(?P<path>(?:[A-Za-z]:)?[/\\][^"\n]{0,300}?[/\\]tensorflow'
    r'(?:\.py|[/\\]__init__\.py))(?:"|[ \t]*$)'
    r"|^[ \t>]*File (?P<ipython>~?[/\\][^\n]{0,300}?[/\\]tensorflow\.py):\d{1,6}[ \t]*$"
    r"|\(most likely due to a circular import\) \((?P<circular>[^()\n]{0,300}?[/\\]tensorflow"
    r"(?:\.py|[/\\]__init__\.py))\)",
    re.MULTILINE,
)
_PYTHONS_OWN_LIBRARY = re.compile(
    r"[/\\](?:lib[/\\]python\d(?:\.\d{1,2})?t?|[Ll]ib)[/\\]\w{1,60}(?:\.py|[/\\]__init__\.py)$"
)
"""A module of Python's own library (/usr/lib/python3.10/logging/__init__.py, C:\\Python39\\Lib\\
inspect.py): half-imported there, the module is Python's, entered again by a user's file."""
_INSTALLED = re.compile(r"[/\\](?:site|dist)-packages[/\\]|[/\\]tensorflow[/\\]tensorflow[/\\]")
"""Where the package is installed (the source tree's own package is a case of its own)."""
SOURCE = "https://docs.python.org/3/library/sys_path_init.html"
REMOVED_IN_2 = frozenset(
    {"Session", "InteractiveSession", "ConfigProto", "placeholder", "contrib", "get_default_graph"}
)
"""TensorFlow 1.x names an installed TensorFlow 2 lacks too: missing from a tensorflow/ folder
(an AWS Lambda layer's /opt/python), they say nothing about whose the folder is."""
DEFINED_SINCE = {
    "__version__": "0.5",
    "constant": "0.5",
    "Variable": "0.5",
    "Tensor": "0.5",
    "float32": "0.5",
    "nn": "0.5",
    "train": "0.5",
    "test": "0.5",
    "compat": "1.0",
    "keras": "1.4",
    "data": "1.4",
    "config": "1.14",
}
"""Top-level names of TensorFlow's Python API and the first release that has each (the API
reference of that release). Names TensorFlow 2 dropped (tf.Session) have their own reading."""
ESTIMATOR_MIXED = "https://github.com/tensorflow/tensorflow/issues/40819"
_MUST_BE_INSTALLED = (
    ": 'python -c \"import tensorflow as tf; print(tf.__file__)\"' must print a path in"
    " site-packages."
)
_CONFIRM = (
    "'python -c \"import tensorflow as tf; print(tf.__file__)\"' says which it is: a path"
    " outside site-packages is a file or folder of yours named tensorflow (rename it and delete"
    " the __pycache__ beside it);"
)


def local_module_shadows_tensorflow(text: str, release: str | None = None) -> list[Finding]:
    """wrong-python-environment where TensorFlow's attributes are missing and the log shows the
    module imported under that name is a file or folder outside any installed packages, or the
    module imported itself; without either, where the name missing is one that the release (when
    known) defines."""
    missing = _NO_ATTRIBUTE.search(text)
    if missing is None:
        return _a_dependency_shadowed(text)
    folder_says_nothing = missing["name"] in REMOVED_IN_2
    for local in _LOCAL_TENSORFLOW.finditer(text):
        path = local["path"] or local["ipython"] or local["circular"]
        if _INSTALLED.search(path) or (folder_says_nothing and path.endswith("__init__.py")):
            continue
        return [
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                f"'import tensorflow' loads {path}, a file of yours, not the installed"
                " TensorFlow: it has none of TensorFlow's attributes",
                (quoted(local.group(0)), quoted(missing.group(0))),
                "Rename that file or folder (and delete the __pycache__ beside it) so it is not"
                " called tensorflow, then run again" + _MUST_BE_INSTALLED,
                SOURCE,
            )
        ]
    if (itself := next(_self_imports(text), None)) is not None:
        if (reentered := _reentered_file(text)) is not None:
            module = re.split(r"[/\\]", reentered)[-1].removesuffix(".py")
            return [
                Finding(
                    "wrong-python-environment",
                    Severity.ERROR,
                    f"TensorFlow, while it started, imported {reentered}, a file of yours named"
                    f" like the package '{module}' it needs, which then used the half-started"
                    " TensorFlow",
                    (quoted(itself), f"the traceback enters {reentered} twice"),
                    _rename_your(module),
                    SOURCE,
                )
            ]
        return [
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                "'import tensorflow' loaded a file of yours named tensorflow (it imported"
                " itself, or is a module where TensorFlow is a package), not the installed"
                " TensorFlow",
                (quoted(itself),),
                "Rename your file named tensorflow.py (and delete the __pycache__ beside it),"
                " then run again" + _MUST_BE_INSTALLED,
                SOURCE,
            )
        ]
    return _by_the_name_missing(text, release)


_PARTIAL_DEPENDENCY = re.compile(
    # Python's own words, naming the file it half-imported (3.8 on)
    r"partially initialized module '(?P<module>\w{1,60})' (?:has no attribute '\w{1,80}' )?"
    r"\(most likely due to a circular import\) \((?P<path>[^()\n]{1,300}\.py)\)"
)


def _rename_your(module: str) -> str:
    return (
        f"Rename your {module}.py (and delete the __pycache__ beside it), then run again:"
        f" 'python -c \"import {module}; print({module}.__file__)\"' must print a path in"
        " site-packages."
    )


IMPORTED_BY_THE_STACK = frozenset(
    {
        *sys.stdlib_module_names,
        *("keras", "tf_keras", "numpy", "google", "absl", "six", "wrapt", "h5py", "gast"),
        *("opt_einsum", "ml_dtypes", "typing_extensions", "termcolor", "astunparse"),
        *("flatbuffers", "grpc", "tensorboard", "packaging", "requests", "optree", "rich"),
        *("namex", "tree", "scipy", "pandas", "matplotlib", "PIL", "cv2", "sklearn", "jax"),
        *("setuptools", "pkg_resources", "certifi", "urllib3", "charset_normalizer", "idna"),
    }
)
"""Modules a TensorFlow program imports through installed packages: Python's own library and
TensorFlow's and Keras's dependencies. A user's file of another name half-imported is a circular
import among the user's own modules, not a package shadowed."""


_NOT_A_PACKAGE = re.compile(
    r"No module named '(?P<module>\w{1,60})\.[\w.]{1,120}'; '(?P=module)' is not a package"
)
"""Python importing a submodule of a plain module: a file named like the package (keras.py)
was found first."""


def _not_a_package(text: str) -> list[Finding]:
    """'No module named 'keras.models'; 'keras' is not a package': a user's keras.py (often the
    script itself, so named) stands where the package should; its frame names it."""
    for found in _NOT_A_PACKAGE.finditer(text):
        module = found["module"]
        if module == "tensorflow" or module not in IMPORTED_BY_THE_STACK:
            continue
        frame = re.search(
            rf'File "(?P<path>[^"\n]{{0,300}}[/\\]{module}\.py)"', text[: found.start()]
        )
        path = frame["path"] if frame and not _INSTALLED.search(frame["path"]) else None
        return [
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                f"Python imported {path or f'a file named {module}.py'}, a file of yours, as"
                f" the package '{module}' (it is named like it), so the package's submodules"
                " cannot be found",
                (quoted(found.group(0)), *((f"file: {path}",) if path else ())),
                _rename_your(module),
                SOURCE,
            )
        ]
    return []


def _a_dependency_shadowed(text: str) -> list[Finding]:
    """A user's file named like a package TensorFlow imports (keras.py, numpy.py), which
    Python half-imported in its place: its path, outside installed packages, ends in that
    module's name."""
    if named_like := _not_a_package(text):
        return named_like
    for found in _PARTIAL_DEPENDENCY.finditer(text):
        module, path = found["module"], found["path"]
        if module == "tensorflow" or module not in IMPORTED_BY_THE_STACK:
            continue
        if _INSTALLED.search(path) or _PYTHONS_OWN_LIBRARY.search(path):
            continue
        if re.split(r"[/\\]", path)[-1] not in (f"{module}.py", "__init__.py"):
            continue
        return [
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                f"Python imported {path}, a file of yours, as the package '{module}' (it is named"
                " like it), and it was only half-imported when it was used",
                (quoted(found.group(0)),),
                _rename_your(module),
                SOURCE,
            )
        ]
    return []


def _reentered_file(text: str) -> str | None:
    """A file of the user's (outside installed packages and Python's own library) that the
    traceback enters again below installed packages' frames: a module of theirs named like one
    TensorFlow imports (keras.py), imported back while TensorFlow starts. None for tensorflow.py,
    which the reading of its own covers, and where no file re-enters."""
    frames: list[str] = FRAME.findall(text)
    for first, path in enumerate(frames):
        if _INSTALLED.search(path) or path.startswith("<") or not path.endswith(".py"):
            continue
        later = frames[first + 1 :]
        if path not in later:
            continue
        between = later[: later.index(path)]
        name = re.split(r"[/\\]", path)[-1]
        if name != "tensorflow.py" and any(_INSTALLED.search(p) for p in between):
            return path
    return None


def _self_imports(text: str) -> Iterator[str]:
    for m in _NO_ATTRIBUTE.finditer(text):
        if m["itself"] or m["partial"]:
            yield m.group(0)


def _by_the_name_missing(text: str, release: str | None) -> list[Finding]:
    named = next(
        (m for m in _NO_ATTRIBUTE.finditer(text) if m["name"] and _defined_in(m["name"], release)),
        None,
    )
    if named is None:
        return []
    evidence = (quoted(named.group(0)),)
    if named["name"] == "compat":
        return [
            Finding(
                "dependency-version-mismatch",
                Severity.ERROR,
                "TensorFlow's own start failed: tf.compat, which every release defines, was"
                " missing while a package it imports (tensorflow-estimator of another release,"
                " most often) reached for it",
                evidence,
                "List what is installed ('pip list | grep -i -E \"tensorflow|estimator|"
                "tensorboard|keras\"', or 'conda list'): tensorflow-estimator and tensorboard"
                " must be of TensorFlow's own X.Y; install those ('pip install"
                " tensorflow-estimator==X.Y.*'), or uninstall every tensorflow package and"
                f" install one release again. {_CONFIRM} a path in site-packages with versions"
                " that match is an install to repair the same way.",
                ESTIMATOR_MIXED,
            )
        ]
    return [
        Finding(
            "wrong-python-environment",
            Severity.ERROR,
            f"'import tensorflow' loaded a module without tf.{named['name']}, which"
            f" {'every release' if release is None else 'TensorFlow ' + release} defines: a file"
            " or folder of yours named tensorflow, most often, not the installed TensorFlow",
            evidence,
            f"{_CONFIRM} a path in site-packages is an install broken or mixed with another"
            " release's packages: 'pip list | grep -i tensorflow', uninstall every tensorflow"
            " package, then install one release again.",
            SOURCE,
        )
    ]


def _defined_in(name: str, release: str | None) -> bool:
    since = DEFINED_SINCE.get(name)
    if since is None:
        return False
    if release is None:
        # a name of 1.4 on is in every release still installed; tf.config before 1.14 is
        # that old release's question (release_hints), not a broken import
        return parsed(since) <= parsed("1.4")
    try:
        return parsed(release) >= parsed(since)
    except ValueError:
        return False
