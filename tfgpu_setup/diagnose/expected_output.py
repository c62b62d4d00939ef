"""Output a paste quotes as what should have happened, set apart from what did.

A report often pastes the guide's or README's expected output after its own ('The guide says
the expected output is:', a '**Expected output**' heading, an issue template's 'Describe the
expected behavior'), and that output lists the GPU the user's run did not find (review 103: a
fenced '[PhysicalDevice(... GPU:0 ...)]' under such a label read as the GPU at work). The quoted
block is blanked, line for line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

import bisect
import re

_LABEL = re.compile(
    r"^[ \t>#*_]{0,8}(?:describe[ \t]+the[ \t]+)?expected[ \t]+(?:output|behaviou?r|results?)\b"
    r"[^\n]{0,60}$"
    r"|^[^\n]{0,80}\b(?:expected[ \t]+(?:output|behaviou?r|results?)|should[ \t]+(?:see|get|print"
    r"|show|output|look[ \t]+like)|supposed[ \t]+to[ \t]+(?:see|get|print|show))\b[^\n]{0,40}:"
    r"[ \t*_]*$",
    re.IGNORECASE,
)
"""A line that introduces what should be seen: a heading, or a sentence ending in a colon."""
_BUT = re.compile(r"\b(?:but|instead|actual|actually|however|got)\b", re.IGNORECASE)
"""A label that goes on to what did happen ('Expected output: none, but I got:'): what follows
it is the user's own output."""
_FENCE = re.compile(r"^[ \t>]*(?:```|~~~)")
_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|\*\*|__)")
"""A Markdown heading or a bold label: the next section of a report (an issue template's
'**Other info / logs**')."""
_QUOTED = re.compile(r"^(?:[ \t]*>|    |\t)")
_ENDS_UNFENCED = re.compile(
    r":[ \t*_]*$|\bactual\b|\binstead\b|\bbut\b|^[^\n]{0,60}[$#>%][ \t]", re.IGNORECASE
)
"""A line that ends an unfenced expectation: a new label, the actual outcome, a prompt."""
MAX_UNFENCED_LINES = 20
"""An expectation written without a fence is short; a long run of lines is the user's own."""


def without_expected_output(text: str) -> str:
    """The text with every block quoted as expected output emptied (its lines kept)."""
    if "xpected" not in text and "hould" not in text and "upposed" not in text:
        return text
    lines = text.split("\n")
    fences = [i for i, line in enumerate(lines) if _FENCE.match(line)]
    blank: set[int] = set()
    index = 0
    while index < len(lines):
        if not _is_label(lines[index]):
            index += 1
            continue
        first = _first_after(lines, index + 1)
        block = _block_at(lines, first, fences)
        blank.update(block)
        # (the labels skipped on the way lead to the same block: each line is read once)
        index = max(block.stop, first, index + 1)
    if not blank:
        return text
    return "\n".join("" if i in blank else line for i, line in enumerate(lines))


def _is_label(line: str) -> bool:
    return _LABEL.search(line) is not None and _BUT.search(line) is None


def _first_after(lines: list[str], start: int) -> int:
    """The first line at or after `start` that is neither blank nor another label."""
    first = start
    while first < len(lines) and (not lines[first].strip() or _is_label(lines[first])):
        first += 1
    return first


def _block_at(lines: list[str], first: int, fences: list[int]) -> range:
    """The lines of the expectation that begins at line `first` (empty where none does)."""
    if first >= len(lines) or _HEADING.match(lines[first]):
        return range(0)
    if _FENCE.match(lines[first]):
        after = bisect.bisect_right(fences, first)
        if after < len(fences):
            return range(first, fences[after] + 1)
        # an unclosed fence: the expectation ends with its paragraph
        return _paragraph(lines, first + 1, first)
    if _QUOTED.match(lines[first]):
        end = first
        while end < len(lines) and lines[end].strip() and _QUOTED.match(lines[end]):
            end += 1
        return range(first, end)
    return _paragraph(lines, first, first)


def _paragraph(lines: list[str], start: int, first: int) -> range:
    """Lines from `first` to the end of the paragraph that `start` continues: short, and ending
    before a blank line, a heading, a fence, or a line that turns to the actual outcome."""
    end = start
    while (
        end < len(lines)
        and end - first < MAX_UNFENCED_LINES
        and lines[end].strip()
        and not _ENDS_UNFENCED.search(lines[end])
        and not _HEADING.match(lines[end])
        and not _FENCE.match(lines[end])
    ):
        end += 1
    if end < len(lines) and lines[end].strip() and end - first >= MAX_UNFENCED_LINES:
        return range(0)
    return range(first, end)
