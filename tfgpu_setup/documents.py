"""Reading the tool's own versioned JSON documents (facts, plans) with one-line errors.

A document is input from elsewhere (another machine, a hand edit, PowerShell's `>`): every way
it can be wrong is an input error naming the file and the field, never an internal error.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from packaging.version import InvalidVersion, Version

from .errors import ExitCode, UserError
from .serde import DecodeError, from_jsonable, shown

T = TypeVar("T")

MAX_DOCUMENT_BYTES = 64 << 20
"""A facts file is a few KiB and a plan less; anything this big is not one."""
MAX_VERSION_CHARS = 64


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


def read_document(path: str, flag: str, kind: DocumentKind) -> str:
    """The text of a document file: UTF-8 (with or without BOM) or UTF-16 with its BOM, which
    Windows PowerShell's `>` writes."""
    return decode_text(read_document_bytes(path, flag, kind), f"{flag} {path}", kind)


def read_document_bytes(path: str, flag: str, kind: DocumentKind) -> bytes:
    """The bytes of a document file, at most MAX_DOCUMENT_BYTES, or a one-line input error."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise UserError(
            f"{flag} {path}: cannot read it ({exc.strerror or exc}); create it with "
            f"'{kind.make_one}'",
            ExitCode.INPUT,
        ) from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UserError(
            f"{flag} {path}: larger than {MAX_DOCUMENT_BYTES >> 20} MiB, not a {kind.what} "
            f"document; create one with '{kind.make_one}'",
            ExitCode.INPUT,
        )
    return raw


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes, origin: str, kind: DocumentKind) -> str:
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{origin}: not UTF-8 text (byte {exc.start} cannot be decoded as {encoding}); "
            f"create it with '{kind.make_one}'",
            ExitCode.INPUT,
        ) from None


def parse_json(text: str, origin: str, kind: DocumentKind) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = str(exc)
    except RecursionError:
        problem = "nested too deeply"
    except ValueError as exc:  # an integer with thousands of digits
        problem = str(exc).split(";")[0]
    raise UserError(
        f"{origin}: not valid JSON ({problem}); create it with '{kind.make_one}'", ExitCode.INPUT
    )


def decode_document(cls: type[T], data: Any, origin: str, kind: DocumentKind) -> T:
    if not isinstance(data, dict) or data.get("schema") != kind.schema:
        raise UserError(
            f"{origin}: not a tfgpu-setup {kind.what} document; create one with '{kind.make_one}'",
            ExitCode.INPUT,
        )
    version = data.get("schema_version")
    if type(version) is not int or version < 1:
        raise UserError(
            f"{origin}: schema_version {shown(version)} is not a positive integer; create the "
            f"{kind.what} document with '{kind.make_one}'",
            ExitCode.INPUT,
        )
    if version > kind.version:
        raise UserError(
            f"{origin}: {kind.what} schema version {shown(version)} is newer than this tool reads "
            f"(up to {kind.version}); upgrade tfgpu-setup",
            ExitCode.INPUT,
        )
    fields = {k: v for k, v in data.items() if k not in kind.derived}
    try:
        decoded = from_jsonable(cls, fields)
    except DecodeError as exc:
        raise UserError(f"{origin}: invalid {kind.what} document: {exc}", ExitCode.INPUT) from None
    except RecursionError:
        raise UserError(
            f"{origin}: invalid {kind.what} document: nested too deeply", ExitCode.INPUT
        ) from None
    for path, value, check in _checked_values(decoded, "$"):
        problem = check(value)
        if problem is not None:
            raise UserError(
                f"{origin}: invalid {kind.what} document: {path}: {shown(value)} {problem}",
                ExitCode.INPUT,
            )
    return decoded


Check = Callable[[Any], "str | None"]


def _pattern(regex: str, expected: str) -> Check:
    compiled = re.compile(regex, re.ASCII)

    def check(value: Any) -> str | None:
        if value is None or (isinstance(value, str) and compiled.fullmatch(value)):
            return None
        return f"is not {expected}"

    return check


def _pep440(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.isascii() and len(value) <= MAX_VERSION_CHARS:
        try:
            Version(value)
            return None
        except (InvalidVersion, ValueError):
            pass
    return "is not a version (PEP 440, e.g. 12.2.140)"


def _non_negative(value: Any) -> str | None:
    if value is None or (isinstance(value, int) and 0 <= value < 1 << 31):
        return None
    return "is not a non-negative number in range"


_DRIVER = _pattern(r"[1-9][0-9]{0,3}(\.[0-9]{1,4}){0,2}", "a driver version (e.g. 535.104.05)")
_XY = _pattern(r"[0-9]{1,2}\.[0-9]{1,3}", "a version X.Y")
_CC = _pattern(r"[0-9]{1,2}\.[0-9]", "a compute capability X.Y (e.g. 8.6)")


def _python(value: Any) -> str | None:
    if _pep440(value) is None and (value is None or len(Version(value).release) >= 2):
        return None
    return "is not a Python version (e.g. 3.11.9)"


_NAME = _pattern(
    r"[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?", "a distribution name (e.g. tensorflow)"
)

VALUE_CHECKS: dict[tuple[str, str], Check] = {
    # facts
    ("Platform", "glibc"): _XY,
    ("PythonInterpreter", "version"): _python,
    ("Driver", "version"): _DRIVER,
    ("Driver", "kernel_module_version"): _DRIVER,
    ("Driver", "library_version"): _DRIVER,
    ("Driver", "cuda_version"): _XY,
    ("Gpu", "index"): _non_negative,
    ("Gpu", "compute_capability"): _CC,
    ("Gpu", "memory_total_mib"): _non_negative,
    ("MigDevice", "index"): _non_negative,
    ("MigDevice", "memory_total_mib"): _non_negative,
    ("CudaInstall", "version"): _pep440,
    ("CudnnInstall", "version"): _pep440,
    ("NvidiaWheel", "name"): _NAME,
    ("NvidiaWheel", "version"): _pep440,
    ("TfDistribution", "name"): _NAME,
    ("TfDistribution", "version"): _pep440,
    ("TfBuildInfo", "cuda_version"): _pep440,
    ("TfBuildInfo", "cudnn_version"): _pep440,
    ("PythonEnv", "python_version"): _python,
    # plans
    ("Plan", "tensorflow"): _pep440,
    ("Plan", "python"): _python,
    ("Package", "name"): _NAME,
    ("Package", "version"): _pep440,
}
"""Values whose shape the planner relies on, by (dataclass, field): serde checks the types, this
checks that a version is a version, so nothing downstream meets one that is not."""


def _checked_values(value: Any, path: str) -> Iterator[tuple[str, Any, Check]]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind = type(value).__name__
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            check = VALUE_CHECKS.get((kind, f.name))
            if check is not None:
                yield f"{path}.{f.name}", item, check
            if isinstance(item, tuple) or dataclasses.is_dataclass(item):
                yield from _checked_values(item, f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _checked_values(item, f"{path}[{i}]")
