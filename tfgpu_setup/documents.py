"""Reading the tool's own versioned JSON documents (facts, plans) with one-line errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import ExitCode, UserError
from .serde import DecodeError, from_jsonable

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentKind:
    schema: str
    version: int
    what: str
    """'facts', 'plan': how errors name it."""
    make_one: str
    """The command that writes one, for the fix in error messages."""
    derived: tuple[str, ...] = ()
    """Keys written for readers' convenience and recomputed on load."""


def parse_json(text: str, origin: str, kind: DocumentKind) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{origin}: not valid JSON ({exc}); create it with '{kind.make_one}'", ExitCode.INPUT
        ) from None


def decode_document(cls: type[T], data: Any, origin: str, kind: DocumentKind) -> T:
    if not isinstance(data, dict) or data.get("schema") != kind.schema:
        raise UserError(
            f"{origin}: not a tfgpu-setup {kind.what} document; create one with '{kind.make_one}'",
            ExitCode.INPUT,
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or version > kind.version:
        raise UserError(
            f"{origin}: {kind.what} schema version {version!r} is newer than this tool reads "
            f"(up to {kind.version}); upgrade tfgpu-setup",
            ExitCode.INPUT,
        )
    fields = {k: v for k, v in data.items() if k not in kind.derived}
    try:
        return from_jsonable(cls, fields)
    except DecodeError as exc:
        raise UserError(f"{origin}: invalid {kind.what} document: {exc}", ExitCode.INPUT) from None
