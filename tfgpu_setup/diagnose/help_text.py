"""A program's --help text pasted beside its runs: what its option rows say is no log line.

argparse's rows ('  --no-xla      turn XLA off (use it if you get "libdevice not found at ...")')
quote errors and settings to explain an option; they say nothing of the machine (review 102: a
row naming libdevice read as XLA failing on a run that used the GPU). Pure: matches in, matches
out.
"""

from __future__ import annotations

import re

from .logs import LogMatch

HELP_ROW = (
    r"-{1,2}[A-Za-z][\w-]{0,40}(?:[ =][A-Z_]{1,30})?(?:, -{1,2}[\w-]{1,40}(?:[ =][A-Z_]{1,30})?)?"
    r"[ \t]{2,}\S"
)
"""An option row of a program's --help, after its indentation: the option (and its argument's
name), two or more spaces, its description."""
_HELP_ROW_LINE = re.compile(r"^[ \t]{1,12}" + HELP_ROW)


def without_help_rows(matches: tuple[LogMatch, ...]) -> tuple[LogMatch, ...]:
    """The matches, less those on a --help option row."""
    return tuple(m for m in matches if not _HELP_ROW_LINE.match(m.line))
