"""The one renderer: any command's result as its versioned JSON document, or as human output.

`document` needs nothing but the result; `show` loads rich (through render.py) only when a
person reads the output, so `probe --json` and `plan --json` start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .results import Result

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA_VERSION = 1
"""Every document's schema_version; a document kind that changes shape gets its own."""


def document(result: Result) -> dict[str, Any]:
    """The --json document: its schema and version first, then the result's own fields."""
    body = {k: v for k, v in result.body().items() if k not in ("schema", "schema_version")}
    return {"schema": result.schema, "schema_version": SCHEMA_VERSION, **body}


def show(console: Console, result: Result) -> None:
    from .render import RENDERERS  # rich loads only for human output

    RENDERERS[type(result)](console, result)
