"""A Jupyter notebook file (.ipynb) passed as the log, or pasted: its cells' text as printed.

A notebook stores each cell's source and each output's text as JSON arrays of strings, one
string a line ('"2021-03-01 10:00:00.000000: W tensorflow/...\n",'), an error's traceback
with its colour codes escaped ('\u001b[0;31m'). Read line by line rather than parsed whole: a
notebook of many megabytes reaches the doctor with only its signature lines kept (logs.py), and
a paste is often a fragment. Pure: text in, text out.
"""

from __future__ import annotations

import json
import re

_NOTEBOOK = re.compile(
    r'^\s*"(?:nbformat|cell_type|output_type|execution_count|outputs)": ', re.MULTILINE
)
MIN_MARKERS = 2
"""Notebook keys it takes to read a text as one: a log quoting a single JSON line is no notebook."""
SAMPLE_CHARS = 500_000
_STRING_ITEM = re.compile(r'^[ \t]*"((?:[^"\\\n]|\\.){0,100000})",?[ \t]*$')
"""A line that is one JSON string of an array: a line of a cell's source or an output's text."""
_TEXT_FIELD = re.compile(
    r'^[ \t]*"(?:ename|evalue|text|source)": "((?:[^"\\\n]|\\.){0,100000})",?[ \t]*$'
)
"""An error output's exception name and message, or a text kept as one string, not a list."""


def as_printed(text: str) -> str:
    """The lines the notebook's cells held and printed, in their order, where text is a
    notebook's JSON; any other text is returned as it is. The JSON around them (braces, keys,
    metadata) goes, so a cell's last line and the output under it are neighbours again."""
    if len(_NOTEBOOK.findall(text[:SAMPLE_CHARS])) < MIN_MARKERS:
        return text
    return "\n".join(d for line in text.split("\n") if (d := _decoded(line)) is not None)


def _decoded(line: str) -> str | None:
    found = _STRING_ITEM.match(line) or _TEXT_FIELD.match(line)
    if found is None:
        return "" if not line.strip() else None  # a line logs.py left out stays a line
    try:
        value = json.loads(f'"{found.group(1)}"')
    except ValueError:
        return line
    return str(value).removesuffix("\n")
