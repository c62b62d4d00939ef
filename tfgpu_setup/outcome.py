"""What a command returns: a JSON-able document, how to show it to a person, and an exit code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

from .errors import ExitCode


@dataclass(frozen=True)
class Outcome:
    document: dict[str, Any]
    """What --json prints: a versioned document with a 'schema' key."""
    show: Callable[[Console], None]
    """How the human output looks."""
    code: ExitCode = ExitCode.OK


ERROR_SCHEMA = "tfgpu-setup/error"


def error_document(message: str, code: ExitCode) -> dict[str, Any]:
    return {
        "schema": ERROR_SCHEMA,
        "schema_version": 1,
        "error": message,
        "exit_code": int(code),
        "exit_name": code.name.lower(),
    }
