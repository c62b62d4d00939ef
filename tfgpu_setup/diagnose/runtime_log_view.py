"""A hosted notebook's runtime log, as its viewer shows it, read back as the process printed it.

Colab's "View runtime logs" lists one row a message, newest first, under the columns Timestamp,
Level and Message. People paste it three ways: as the CSV it downloads
('"Jul 29, 2023, 4:32:52 PM",WARNING,2023-07-29 14:29:07.263909: W tensorflow/...'), as the
page's table ('Oct 18, 2019, 7:54:49 AM | WARNING | ...', under 'Timestamp | Level | Message'
and '-- | -- | --'), or tab-separated. What TensorFlow printed is the message column; the order
it printed in is the rows' reversed (googlecolab/colabtools#3884, #1209, #5110). Pure: text in,
text out.
"""

from __future__ import annotations

import re
from datetime import datetime

_COLUMN = r"(?:,|[ \t]*\|[ \t]*|\t)"
"""Between two columns: the CSV's comma, a table's bar, or a tab."""
_DASHES = r":?-{2,}:?"
_ROW = re.compile(
    # (GitHub's Markdown table opens each row with '|'; newer browsers put a narrow no-break
    # space before AM/PM)
    r'^[ \t]*(?:\|[ \t]*)?(?P<quote>"?)'
    r"(?P<time>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d[ \u202f\u00a0][AP]M)(?P=quote)"
    rf"(?P<sep>{_COLUMN})(?:DEBUG|INFO|WARNING|ERROR|CRITICAL)(?P=sep)"
)
_HEADER = re.compile(
    rf"^[ \t]*\|?[ \t]*(?:Timestamp{_COLUMN}Level{_COLUMN}Message"
    rf"|{_DASHES}[ \t]*\|[ \t]*{_DASHES}[ \t]*\|[ \t]*{_DASHES})[ \t]*\|?[ \t]*$"
)
_TABLE_END = re.compile(r"[ \t]*\|[ \t]*$")
MIN_ROWS = 2
"""Rows it takes to call a paste the viewer's: one could be a sentence that starts with a date."""
_TIME_FORMAT = "%b %d, %Y, %I:%M:%S %p"
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
"""A character a Markdown table's cell escapes ('\\_', '\\|')."""
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")
"""Spaces the page's table doubles inside a message where it wrapped it ('Could not  load
dynamic library', googlecolab/colabtools#2013); TensorFlow's words never need two."""


def as_printed(text: str) -> str:
    """The messages of a pasted runtime log view, without its columns and in the order the
    process printed them; any other text is returned as it is. A message that went on over
    several lines keeps them after its row; what follows the last row (a traceback pasted
    under the table) stays after the messages."""
    if not _has_rows(text):
        return text
    before: list[str] = []
    rows: list[tuple[str, list[str]]] = []
    # lines after a row: its message's continuation if another row follows, else the text
    # pasted under the view
    pending: list[str] = []
    for line in text.splitlines():
        row = _ROW.match(line)
        if row:
            if rows:
                rows[-1][1].extend(pending)
            pending = []
            message = _message(line[row.end() :], row.group("sep"))
            rows.append((row.group("time"), [_SPACES.sub(" ", message)]))
        elif _HEADER.match(line):
            continue
        elif rows:
            pending.append(line)
        else:
            before.append(line)
    if _newest_first([time for time, _ in rows]):
        rows.reverse()
    return "\n".join([*before, *(line for _, lines in rows for line in lines), *pending])


def _has_rows(text: str) -> bool:
    found = 0
    for line in text[:200_000].splitlines():
        found += bool(_ROW.match(line))
        if found >= MIN_ROWS:
            return True
    return False


def _message(cell: str, separator: str) -> str:
    """A CSV cell quoted for its commas or quotes ('"To enable ..., rebuild TensorFlow"') as
    the text it holds; the table's and the tab-separated view's cells are the text itself."""
    if separator == "," and len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    if "|" in separator and cell.rstrip().endswith("|"):
        return _MARKDOWN_ESCAPE.sub(r"\1", _TABLE_END.sub("", cell))  # GitHub's table row
    return cell


def _newest_first(times: list[str]) -> bool:
    try:
        first, last = (
            datetime.strptime(re.sub(r"[\u202f\u00a0]", " ", times[i]), _TIME_FORMAT)
            for i in (0, -1)
        )
    except (IndexError, ValueError):
        return False
    return first >= last  # the viewer lists newest first; rows of one second keep its order
