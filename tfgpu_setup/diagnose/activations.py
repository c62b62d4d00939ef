"""An environment activated in a pasted shell session: the runs after it use that environment's
Python (conda, venv, pyenv, pipenv, Poetry, virtualenvwrapper; conda's Windows 'activate NAME').
Read by the later-run readings and by what the log says of the build that ran."""

from __future__ import annotations

import re

ACTIVATED = re.compile(
    r"(?:\bsource|^[ \t]*[$#>%][ \t]*\.)[ \t]+[^\n]{0,200}?activate\b|\b(?:conda|mamba|micromamba)"
    r" activate\b|\bworkon[ \t]+\S|[\\/][Ss]cripts[\\/][Aa]ctivate(?:\.bat|\.ps1)?\b"
    r"|\bpoetry shell\b|\b(?:pyenv|pipenv) (?:activate|shell)\b"
    # conda's own 'activate NAME' at a cmd.exe or Anaconda prompt
    r"|^[ \t]*(?:\([\w.-]{1,60}\) ?)?[A-Za-z]:\\[^\n>]{0,200}>[ \t]*activate(?:\.bat)?[ \t]+\S",
    re.MULTILINE,
)
"""An environment activated in the shell: the runs after it use that environment's Python."""


def last_environment_line(text: str) -> int:
    """The line (1-based) where the paste's last environment begins: its last activation, where
    TensorFlow is named after it (a pip list, an import); 0 where the whole paste is one."""
    activations = list(ACTIVATED.finditer(text))
    if not activations or "tensorflow" not in text[activations[-1].end() :]:
        return 0
    return text.count("\n", 0, activations[-1].start()) + 1
