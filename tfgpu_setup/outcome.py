"""The document every command prints instead of its result when it fails."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

from .errors import ExitCode

ERROR_SCHEMA = "tfgpu-setup/error"


def error_document(message: str, code: ExitCode) -> dict[str, Any]:
    return {
        "schema": ERROR_SCHEMA,
        "schema_version": 1,
        "error": message,
        "exit_code": int(code),
        "exit_name": code.name.lower(),
    }
