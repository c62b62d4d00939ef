"""What a command says while it works (progress, recovery notes, the apply question): on stderr
or the terminal, never in the result. rich loads only when something is said."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .plan import Plan


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def note(label: str, text: str) -> None:
    """One line on stderr, e.g. 'recovered: ...'."""
    from rich.markup import escape

    _stderr().print(f"[yellow]{escape(label)}:[/yellow] {escape(text)}")


@contextlib.contextmanager
def status(text: str) -> Iterator[Callable[[str], None]]:
    """A spinner with `text` on stderr while the block runs; yields how to change its text."""
    from rich.markup import escape

    with _stderr().status(escape(text)) as spinner:
        yield lambda line: spinner.update(escape(line))


def progress_line(text: str) -> None:
    """A line that stays (a finished phase), printed on stderr."""
    from rich.markup import escape

    _stderr().print(escape(text))


def confirm_apply(plan: Plan) -> bool:
    """Show the plan on the terminal and ask before changing anything."""
    from rich.console import Console
    from rich.markup import escape
    from rich.prompt import Confirm

    from .render import show_plan

    console = Console(highlight=False)
    show_plan(console, plan)
    console.print()
    return Confirm.ask(f"Apply this plan to {escape(plan.venv)}?", default=False)
