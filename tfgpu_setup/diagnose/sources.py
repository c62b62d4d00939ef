"""Where the doctor's advice comes from, and how a log line and a title are written as evidence
and verdicts."""

from __future__ import annotations

import re

VENV_DOCS = "https://docs.python.org/3/library/venv.html"
TF_DOCKER = "https://www.tensorflow.org/install/docker"
"""TensorFlow's images: the '-gpu' tags carry CUDA, the others are CPU images."""
COLAB_CUDA = "https://github.com/googlecolab/colabtools/issues/3433"
"""Colab's runtimes come with a CUDA of their own, upgraded with the runtime."""


def quoted(line: str) -> str:
    """A log line as evidence: stripped, and cut at 300 characters."""
    line = line.strip()
    return line if len(line) <= 300 else line[:297] + "..."


PROPER_NOUNS = frozenset(  # ('Secure' of Secure Boot)
    {
        "Docker",
        "Windows",
        "Linux",
        "Python",
        "Kubernetes",
        "Jupyter",
        "Keras",
        "Secure",
        "Apple's",
        "Poetry",
    }
)


def lower_first(text: str) -> str:
    """'The driver ...' -> 'the driver ...'; names keep their case ('TensorFlow', 'Docker')."""
    first_word = text.split(" ", 1)[0]
    if first_word in PROPER_NOUNS or (len(first_word) > 1 and not first_word[1:].islower()):
        return text  # 'A' is an article, 'CUDA' a name
    return text[:1].lower() + text[1:]


_RECORD_PREFIX = re.compile(r"^[^\n]{0,80}?\b[\w./-]{1,120}\.cc:\d{1,5}\] ")
"""TensorFlow's record prefix (time, level, source file and line), before its message."""


def message_of(line: str, limit: int = 160) -> str:
    """A log record's message, without its prefix, cut at a word where it is long."""
    message = _RECORD_PREFIX.sub("", line.strip(), count=1)
    if len(message) <= limit:
        return message
    return message[:limit].rsplit(" ", 1)[0] + " ..."
