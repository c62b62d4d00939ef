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

from .later_run import COMMAND
from .logs import blanked

_STAMP = re.compile(r"^[ \t]*(?:\[)?(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})", re.MULTILINE)
"""The date and time that starts a TensorFlow (or absl, or Python logging) record."""
_SHOWS_A_SAVED_FILE = re.compile(
    r"[$#>%][ \t]*(?:cat|type|less|more|Get-Content(?![^\n]*-Wait)|gc)[ \t]+\S"
)
"""A command that prints a whole file as it was saved: not 'head' or 'tail' of a run's file,
which a run still writing is read with (review 104: a nohup job started the day before), nor a
container's or the journal's log of a service still running."""
_STILL_WRITTEN = re.compile(r"\bETA:? ?\d[^\n]*$")
"""A progress bar mid-epoch as the file's last line (Keras' 'ETA: 17:49'): the run that writes
it is still going (review 105: a job started two days before, shown with 'cat')."""
HISTORY = timedelta(days=1)
"""How much older than the live lines a shown file must be to be history: a run still writing
its file (in tmux, under nohup) started hours before the commands typed beside it."""


def without_older_files_shown(text: str) -> str:
    """The text with the output of each command that shows a file emptied, where all of that
    output is a day or more older than the rest of the paste's stamped lines."""
    if not _SHOWS_A_SAVED_FILE.search(text) or not _STAMP.search(text):
        return text
    commands = [m.start() for m in COMMAND.finditer(text)]
    if not commands:
        return text
    bounds = [*commands, len(text)]
    shown: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        line_end = text.find("\n", start)
        line_end = end if line_end < 0 or line_end > end else line_end
        if _SHOWS_A_SAVED_FILE.search(text, start, line_end):
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
        if (stamps := _stamps(text, start, end))
        and max(stamps) <= now - HISTORY
        and not _STILL_WRITTEN.search(text[start:end].rstrip()[-300:])
    ]
    return blanked(text, older)


def _stamps(text: str, start: int, end: int) -> list[datetime]:
    found = []
    for match in _STAMP.finditer(text, start, end):
        try:
            found.append(datetime.fromisoformat(f"{match[1]} {match[2]}"))
        except ValueError:
            continue  # (a date no calendar has, '2023-13-45': no stamp)
    return found
