"""A log file the paste prints ('cat', 'tail', 'Get-Content') that an earlier run wrote.

A paste of a live run beside an old log shown with 'cat' (last week's failure, or last week's
working run) is read as one story unless something says which is current: TensorFlow's own
timestamps do (review 103: a working run, then 'cat' of a week-old libcudart failure, was
named by the failure; the other way round the old GPU hid the live driver mismatch). A shown
file whose every timestamp is a day or more older than the paste's live lines is history, and
is blanked line for line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta

from .later_run import COMMAND, SHOWS_A_FILE

_STAMP = re.compile(r"^[ \t]*(?:\[)?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})", re.MULTILINE)
"""The date and time that starts a TensorFlow (or absl, or Python logging) record."""
HISTORY = timedelta(days=1)
"""How much older than the live lines a shown file must be to be history: a run still writing
its file (in tmux, under nohup) started hours before the commands typed beside it."""


def without_older_files_shown(text: str) -> str:
    """The text with the output of each command that shows a file emptied, where all of that
    output is a day or more older than the rest of the paste's stamped lines."""
    if not SHOWS_A_FILE.search(text) or not _STAMP.search(text):
        return text
    commands = [m.start() for m in COMMAND.finditer(text)]
    if not commands:
        return text
    bounds = [*commands, len(text)]
    shown: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        line_end = text.find("\n", start)
        line_end = end if line_end < 0 or line_end > end else line_end
        if SHOWS_A_FILE.search(text, start, line_end):
            shown.append((line_end, end))
    if not shown:
        return text
    live: list[datetime] = []
    cursor = 0
    for start, end in shown:
        live += _stamps(text, cursor, start)
        cursor = end
    live += _stamps(text, cursor, len(text))
    if not live:
        return text
    now = min(live)
    older = [
        (start, end)
        for start, end in shown
        if (stamps := _stamps(text, start, end)) and max(stamps) <= now - HISTORY
    ]
    for start, end in reversed(older):
        text = text[:start] + re.sub(r"[^\n]+", "", text[start:end]) + text[end:]
    return text


def _stamps(text: str, start: int, end: int) -> list[datetime]:
    found = []
    for match in _STAMP.finditer(text, start, end):
        try:
            found.append(datetime.fromisoformat(f"{match[1]} {match[2]}"))
        except ValueError:
            continue  # (a date no calendar has, '2023-13-45': no stamp)
    return found
