"""A Jupyter notebook file (.ipynb) passed as the log, or pasted: what its cells printed.

A notebook stores each output's text as a JSON array of strings, one string a line
('"2021-03-01 10:00:00.000000: W tensorflow/...\n",'), an error's traceback with its colour
codes escaped ('\u001b[0;31m'). Read line by line rather than parsed whole: a notebook of many
megabytes reaches the doctor with only its signature lines kept (logs.py), and a paste is often
a fragment, or a notebook's JSON among other text. The cells' source is left out: code is not
what ran (a commented-out line, a cell never run), and Jupyter writes a cell's outputs before
its source. Pure: text in, text out.
"""

from __future__ import annotations

import json
import re

_NOTEBOOK = re.compile(
    r'^[ \t]*"(nbformat|cell_type|output_type|execution_count)": |^[ \t]*"name": "std(?:out|err)"',
    re.MULTILINE,
)
MIN_MARKERS = 2
"""Kinds of notebook keys it takes to read a text as one: one key could be any JSON's."""
SAMPLE_CHARS = 500_000
_STRING_ITEM = re.compile(r'^[ \t]*"((?:[^"\\\n]|\\.){0,100000})",?[ \t]*$')
"""A line that is one JSON string of an array: a line of an output's text."""
_TEXT_FIELD = re.compile(r'^[ \t]*"(?:ename|evalue|text)": "((?:[^"\\\n]|\\.){0,100000})",?[ \t]*$')
"""An error output's exception name and message, or a text kept as one string, not a list."""
_STRUCTURE = re.compile(
    r'^[ \t]*(?:"[^"\n]{1,100}":[ \t]*)?'
    r'(?:[\[\]{}]|\[\]|\{\}|"(?:[^"\\\n]|\\.){0,1000}"|-?\d[\d.eE+-]{0,30}|true|false|null)?'
    r"[ \t]*,?[ \t]*$"
)
"""A line of the notebook's JSON around the text: braces, brackets, a key and its value."""
_SOURCE_STARTS = re.compile(r'^[ \t]*"source":[ \t]*\[[ \t]*$')
_ARRAY_ENDS = re.compile(r"^[ \t]*\],?[ \t]*$")


def as_printed(text: str) -> str:
    """What the notebook's cells printed, in their order, where text holds a notebook's JSON;
    any other text is returned as it is. The JSON around the outputs and the cells' source
    go; lines that are not the notebook's JSON (a log pasted beside it) stay."""
    if len({m.group(0).strip() for m in _NOTEBOOK.finditer(text[:SAMPLE_CHARS])}) < MIN_MARKERS:
        return text
    out: list[str] = []
    in_source = False
    for line in text.split("\n"):
        if in_source:
            in_source = _ARRAY_ENDS.match(line) is None
            continue
        if _SOURCE_STARTS.match(line):
            in_source = True
            continue
        decoded = _decoded(line)
        if decoded is not None:
            out.append(decoded)
    return "\n".join(out)


def _decoded(line: str) -> str | None:
    """The text a line of the notebook holds, the line itself where it is not the notebook's,
    or None for the JSON around the text."""
    if not line.strip():
        return ""  # a line logs.py left out stays a line
    found = _STRING_ITEM.match(line) or _TEXT_FIELD.match(line)
    if found is not None:
        try:
            return str(json.loads(f'"{found.group(1)}"')).removesuffix("\n")
        except ValueError:
            return line
    return None if _STRUCTURE.match(line) else line
