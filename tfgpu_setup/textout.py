"""Writing human output: colour and width for a terminal, plain unwrapped lines for a pipe.

Piped output is meant to be copied from a CI log or grepped: no line is hard-wrapped (URLs,
paths and LD_LIBRARY_PATH values stay on one line), no line ends in padding, and there is no
colour. COLUMNS, when set, still bounds the width of tables; NO_COLOR turns colour off on a
terminal too. Text that cannot be encoded (a lone surrogate from a file name) is written with
backslash escapes instead of failing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

PIPE_WIDTH = 10_000
"""Wide enough that rich never wraps a line of piped output."""


def render(
    show: Callable[[Console], None], stream: TextIO, environ: Mapping[str, str] | None = None
) -> str:
    """What `show` prints, as the text to write to `stream`."""
    from rich.console import Console

    env = os.environ if environ is None else environ
    terminal = _isatty(stream)
    width = _columns(env)
    if terminal:
        console = Console(file=stream, highlight=False, width=width, soft_wrap=False)
    else:
        console = Console(
            file=stream,
            highlight=False,
            width=width or PIPE_WIDTH,
            soft_wrap=True,
            color_system=None,
            force_terminal=False,
            force_interactive=False,
        )
    with console.capture() as captured:
        show(console)
    text = captured.get()
    if not terminal:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


def write(text: str, stream: TextIO) -> None:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    safe = text.encode(encoding, "backslashreplace").decode(encoding, "replace")
    stream.write(safe)
    stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _columns(env: Mapping[str, str]) -> int | None:
    value = env.get("COLUMNS", "")
    if value.isascii() and value.isdigit() and 20 <= int(value) <= PIPE_WIDTH:
        return int(value)
    return None
