"""Output a paste quotes as what should have happened, set apart from what did.

A report often pastes the guide's or README's expected output after its own ('The guide says
the expected output is:', a '**Expected output**' heading, an issue template's 'Describe the
expected behavior'), and that output lists the GPU the user's run did not find (review 103: a
fenced '[PhysicalDevice(... GPU:0 ...)]' under such a label read as the GPU at work). The quoted
block is blanked, line for line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

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
_FENCE = re.compile(r"^[ \t>]*(?:```|~~~)")
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
    blank: set[int] = set()
    index = 0
    while index < len(lines):
        if not _LABEL.search(lines[index]):
            index += 1
            continue
        block = _block_after(lines, index + 1)
        blank.update(block)
        index = max(block, default=index) + 1
    if not blank:
        return text
    return "\n".join("" if i in blank else line for i, line in enumerate(lines))


def _block_after(lines: list[str], start: int) -> range:
    """The lines of the expectation that begins at or after `start` (empty where none does)."""
    first = start
    while first < len(lines) and (not lines[first].strip() or _LABEL.search(lines[first])):
        first += 1
    if first >= len(lines):
        return range(0)
    if _FENCE.match(lines[first]):
        closing = next((i for i in range(first + 1, len(lines)) if _FENCE.match(lines[i])), None)
        # an unclosed fence says nothing of where the expectation ends
        return range(first, closing + 1) if closing is not None else range(0)
    if _QUOTED.match(lines[first]):
        end = first
        while end < len(lines) and lines[end].strip() and _QUOTED.match(lines[end]):
            end += 1
        return range(first, end)
    end = first
    while (
        end < len(lines)
        and end - first < MAX_UNFENCED_LINES
        and lines[end].strip()
        and not _ENDS_UNFENCED.search(lines[end])
    ):
        end += 1
    if end < len(lines) and lines[end].strip() and end - first >= MAX_UNFENCED_LINES:
        return range(0)
    return range(first, end)
