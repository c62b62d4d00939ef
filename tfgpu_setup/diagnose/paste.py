"""A pasted log, read back as the lines TensorFlow printed.

People paste logs through terminals, mail clients, issue forms and chat apps: records get
hard-wrapped, words split at the console's edge, quotes curled and HTML-escaped. These helpers
undo that before any signature reads a line. Pure: text in, text out.
"""

from __future__ import annotations

import html
import re

from .logs import match_log

_TIMESTAMPED = re.compile(
    r"^[\s>`*_]*(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:)"
)
_RECORD_START = re.compile(
    r"^[\s>`*_]*(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:|Traceback|File \"|"
    r"[\w.]*(?:Error|Exception|Warning)\b|\[|\$ |>>> |Epoch \d|\d+/\d+ \[)"
)
MAX_JOINED = 4000


PASTED_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2002": " "}
)
"""What word processors and chat apps put in place of the quotes and spaces TensorFlow printed."""


_HTML_ENTITY = re.compile(r"&(?:#\d{2,3}|#x[0-9a-fA-F]{2}|quot|apos|amp|lt|gt);")


def unwrap(text: str) -> str:
    """Rejoin log records that a mail client, a terminal or an issue form hard-wrapped: a line
    that follows a timestamped TensorFlow record and starts no record of its own belongs to it.
    Curly quotes and non-breaking spaces a paste picked up become the ASCII TensorFlow printed,
    and so do HTML entities (a log pasted inside <pre> in an issue keeps &#39; and &quot;).
    Unwrapped text only gains lines a signature can read whole; nothing else changes."""
    out: list[str] = []
    joining = False
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    for line in text.translate(PASTED_PUNCTUATION).splitlines():
        stripped = line.strip()
        if (
            joining
            and stripped
            and not _RECORD_START.match(line)
            and len(out[-1]) + len(stripped) < MAX_JOINED
        ):
            out[-1] = f"{out[-1].rstrip()} {stripped}"
            continue
        out.append(line)
        joining = bool(_TIMESTAMPED.match(line))
    return "\n".join(out)


_SPLIT_WORD_END = re.compile(r"[A-Za-z0-9_]$")
_SPLIT_WORD_START = re.compile(r"^[a-z0-9_]")
MIN_WRAPPED_WIDTH = 60
MAX_SPLIT_PAIRS = 2000


def rejoin_split_words(text: str) -> str:
    """Rejoin a line that a console copy broke in the middle of a word ('... wheel on this p' /
    'latform.'): the pair becomes one line, and an empty line keeps the numbering, but only
    where the joined line is one a signature reads and neither half was."""
    lines = text.split("\n")
    tried = 0
    for i in range(len(lines) - 1):
        first, second = lines[i], lines[i + 1]
        if (
            len(first) < MIN_WRAPPED_WIDTH
            or not _SPLIT_WORD_END.search(first)
            or not _SPLIT_WORD_START.match(second)
        ):
            continue
        tried += 1
        if tried > MAX_SPLIT_PAIRS:
            break
        joined = first + second
        whole = {m.signature.name for m in match_log(joined)}
        halves = {m.signature.name for m in match_log(first + "\n" + second)}
        if whole - halves:
            lines[i], lines[i + 1] = joined, ""
    return "\n".join(lines)
