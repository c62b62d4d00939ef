"""A file or folder of the user's named 'tensorflow' that 'import tensorflow' loads instead of
the installed package.

Python puts the script's folder first on sys.path: a 'tensorflow.py' (often the user's own test
script, so named) or a 'tensorflow/' folder there is what 'import tensorflow' finds. TensorFlow's
attributes are then missing ('module 'tensorflow' has no attribute 'config''), or the file
imports itself ('partially initialized module 'tensorflow''): no release has anything to do
with it, and device_lib's question fails the same way.
"""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

_NO_ATTRIBUTE = re.compile(
    r"AttributeError: (?:partially initialized )?module 'tensorflow' has no attribute '\w{1,80}'"
)
_LOCAL_TENSORFLOW = re.compile(
    # a traceback's frame in it, or the path 'print(tensorflow.__file__)' prints
    r'^[ \t>]*(?:File ")?(?P<path>(?:[A-Za-z]:)?[/\\][^"\n]{0,300}?[/\\]tensorflow'
    r'(?:\.py|[/\\]__init__\.py))(?:"|[ \t]*$)',
    re.MULTILINE,
)
_INSTALLED = re.compile(r"[/\\](?:site|dist)-packages[/\\]|[/\\]tensorflow[/\\]tensorflow[/\\]")
"""Where the package is installed (the source tree's own package is a case of its own)."""
SOURCE = "https://docs.python.org/3/library/sys_path_init.html"


def local_module_shadows_tensorflow(text: str) -> list[Finding]:
    """wrong-python-environment where TensorFlow's attributes are missing and the log shows the
    module imported under that name is a file or folder outside any installed packages."""
    missing = _NO_ATTRIBUTE.search(text)
    if missing is None:
        return []
    local = next(
        (m for m in _LOCAL_TENSORFLOW.finditer(text) if not _INSTALLED.search(m["path"])), None
    )
    if local is None:
        return []
    path = local["path"]
    return [
        Finding(
            "wrong-python-environment",
            Severity.ERROR,
            f"'import tensorflow' loads {path}, a file of yours, not the installed TensorFlow:"
            " it has none of TensorFlow's attributes",
            (quoted(local.group(0)), quoted(missing.group(0))),
            "Rename that file or folder (and delete the __pycache__ beside it) so it is not"
            " called tensorflow, then run again: 'python -c \"import tensorflow as tf;"
            " print(tf.__file__)\"' must print a path in site-packages.",
            SOURCE,
        )
    ]
