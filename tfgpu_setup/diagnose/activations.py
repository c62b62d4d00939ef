"""An environment activated in a pasted shell session: the runs after it use that environment's
Python (conda, venv, pyenv, pipenv, Poetry, virtualenvwrapper; conda's Windows 'activate NAME').
Read by the later-run readings and by what the log says of the build that ran."""

from __future__ import annotations

import itertools
import re

from .logs import line_start

ACTIVATED = re.compile(
    r"(?:\bsource|^[ \t]*[$#>%][ \t]*\.)[ \t]+[^\n]{0,200}?activate\b|\b(?:conda|mamba|micromamba)"
    r" (?:activate|deactivate)\b|\bworkon[ \t]+\S"
    r"|(?:[\\/]|>[ \t]*)[Ss]cripts[\\/][Aa]ctivate(?:\.bat|\.ps1)?\b"
    r"|\bpoetry shell\b|\b(?:pyenv|pipenv) (?:activate|shell)\b"
    # a venv left ('deactivate' alone), another environment's interpreter for one command
    # (review 99: 'conda run -n NAME python ...')
    r"|^[ \t]*(?:\([\w.-]{1,60}\) ?)?[^\n]{0,200}?[$#>%][ \t]*deactivate[ \t]*\r?$"
    r"|\b(?:conda|mamba|micromamba) run (?:-n|--name|-p|--prefix)[ \t]+\S"
    # an HPC module loaded (review 104)
    r"|\bmodule (?:load|add)[ \t]+\S"
    # conda's own 'activate NAME' at a cmd.exe or Anaconda prompt
    r"|^[ \t]*(?:\([\w.-]{1,60}\) ?)?[A-Za-z]:\\[^\n>]{0,200}>[ \t]*activate(?:\.bat)?[ \t]+\S",
    re.MULTILINE,
)
"""An environment activated in the shell: the runs after it use that environment's Python."""


_PROMPT = re.compile(
    r"^[ \t]*(?:\((?P<env>[\w.-]{1,60})\) ?)?(?:[\w.-]{1,64}@[\w.-]{1,64}:[^\n]{0,200}?[$#] "
    r"|\[[\w.-]{1,60}@[^\]\n]{1,100}\][$#] |PS [A-Za-z]:\\[^\n>]{0,200}>"
    r"|[A-Za-z]:\\[^\n>]{0,200}>)",
    re.MULTILINE,
)
"""A shell prompt, with the environment it names ('(tf) me@box:~$ ', '(base) C:\\>') or none."""


NOTEBOOK_CELL = re.compile(r"^[ \t]*(?:In \[\d{1,4}\]:|Cell In\[\d{1,4}\]|<ipython-input-)", re.M)
"""A notebook's cell, or its traceback's frame: what follows ran in the notebook's kernel."""


def shell_prompts(text: str) -> list[tuple[int, str, str]]:
    """Each shell prompt: where it starts, the environment it names ('' for none) and the
    command typed at it."""
    prompts = []
    for found in _PROMPT.finditer(text):
        end = text.find("\n", found.end())
        command = text[found.end() : end if end >= 0 else len(text)].strip()
        prompts.append((found.start(), found["env"] or "", command))
    return prompts


def prompt_environments(text: str) -> list[tuple[int, str]]:
    """Each shell prompt's line (1-based) and the environment it names ('' for none)."""
    return [(text.count("\n", 0, m.start()) + 1, m["env"] or "") for m in _PROMPT.finditer(text)]


def last_environment_line(text: str) -> int:
    """The line (1-based) where the paste's last environment begins: its last activation, or
    the last prompt naming another environment than the prompt before it (review 99), where
    TensorFlow is named after it (a pip list, an import); 0 where the whole paste is one."""
    starts = [text.count("\n", 0, m.start()) + 1 for m in ACTIVATED.finditer(text)]
    prompts = prompt_environments(text)
    starts += [line for (_, before), (line, env) in itertools.pairwise(prompts) if env != before]
    if not starts:
        return 0
    last = max(starts)
    return last if "tensorflow" in text[line_start(text, last) :] else 0
