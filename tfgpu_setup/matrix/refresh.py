"""`matrix refresh`: rebuild the TensorFlow matrix from the official sources, or change nothing.

Sources: the "Tested build configurations" tables of tensorflow/docs and PyPI's JSON API
(see merge.py for which field comes from where). Everything is fetched, parsed, merged and
validated before a single byte is written; the file is then replaced atomically, so a failed
refresh leaves the previous matrix exactly as it was.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from packaging.version import Version

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.fetch import fetch
from tfgpu_setup.matrix.load import decode_tensorflow, load_matrix
from tfgpu_setup.matrix.merge import (
    AND_CUDA_FROM,
    FieldChange,
    PypiRelease,
    SourcedTable,
    Sources,
    merge,
)
from tfgpu_setup.matrix.model import Matrix, TensorflowMatrix
from tfgpu_setup.matrix.parse_docs import (
    DocsParseError,
    Page,
    TableKey,
    parse_tested_configurations,
)
from tfgpu_setup.matrix.parse_pypi import PypiParseError, parse_project, parse_release
from tfgpu_setup.serde import to_jsonable

FILENAME = "tensorflow.json"
_DOCS_RAW = "https://raw.githubusercontent.com/tensorflow/docs/master/site/en/install/"
_DOCS_TYPES = ("text/plain", "text/markdown")
_JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class SourceUrls:
    docs_linux_macos: str = _DOCS_RAW + "source.md"
    docs_windows: str = _DOCS_RAW + "source_windows.md"
    pypi_project: str = "https://pypi.org/pypi/tensorflow/json"
    pypi_release: str = "https://pypi.org/pypi/tensorflow/{version}/json"

    def release(self, version: str) -> str:
        return self.pypi_release.format(version=version)


DEFAULT_URLS = SourceUrls()


class Fetcher(Protocol):
    def __call__(self, url: str, *, accept: Collection[str] = ()) -> bytes: ...


@dataclass(frozen=True)
class RefreshResult:
    path: Path
    """The file written: DEST_DIR/tensorflow.json."""
    matrix: TensorflowMatrix
    added: tuple[str, ...]
    """Versions that were not in the previous matrix."""
    changes: tuple[FieldChange, ...]
    skipped: tuple[str, ...]
    """Releases PyPI has that the docs cannot describe yet, each with the reason."""
    warnings: tuple[str, ...]
    diff: tuple[str, ...]
    """Human-readable lines: added releases, each changed field (old -> new), skipped ones."""
    fetched: tuple[str, ...]
    """Every URL downloaded, in order."""

    @property
    def release_count(self) -> int:
        return len(self.matrix.releases)

    @property
    def changed_releases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.version for c in self.changes))

    @property
    def unchanged(self) -> bool:
        return not self.added and not self.changes

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "refreshed": self.matrix.refreshed,
            "releases": self.release_count,
            "added": list(self.added),
            "changed_releases": list(self.changed_releases),
            "changes": [to_jsonable(c) for c in self.changes],
            "skipped": list(self.skipped),
            "warnings": list(self.warnings),
            "diff": list(self.diff),
            "fetched": list(self.fetched),
        }


def refresh(
    current: Matrix,
    dest_dir: Path,
    *,
    urls: SourceUrls = DEFAULT_URLS,
    fetcher: Fetcher = fetch,
    today: date,
    progress: Callable[[str], None] | None = None,
) -> RefreshResult:
    """Fetch, merge into `current.tensorflow`, validate, and write DEST_DIR/tensorflow.json.

    Raises UserError (ExitCode.NETWORK for downloads, ExitCode.MATRIX for content) naming the
    URL, table or field at fault; in that case nothing has been written. `progress` is told
    each URL before it is fetched.
    """
    fetched: list[str] = []

    def get(url: str, accept: Collection[str]) -> bytes:
        if progress is not None:
            progress(url)
        body = fetcher(url, accept=accept)
        fetched.append(url)
        return body

    tables = _docs(get, urls)
    project = parse_project(
        _json(get(urls.pypi_project, _JSON_TYPES), urls.pypi_project), urls.pypi_project
    )
    releases = {
        version: _release(get, urls.release(version), version)
        for version in project
        if Version(version) >= AND_CUDA_FROM
    }
    sources = Sources(
        tables=tables,
        project=project,
        project_url=urls.pypi_project,
        releases=releases,
        urls={
            "docs_linux_macos": urls.docs_linux_macos,
            "docs_windows": urls.docs_windows,
            "pypi": urls.pypi_project,
        },
    )
    merged = merge(current.tensorflow, sources, today)
    path = dest_dir / FILENAME
    data = _jsonable_without_defaults(merged.matrix)
    # Raises UserError(MATRIX) naming the entry and field; the driver table is checked too, so
    # a CUDA version the tool has no driver minimum for is refused rather than written.
    decode_tensorflow(
        data,
        f"refreshed matrix for {path} (not written)",
        drivers=current.drivers,
        drivers_origin=_drivers_origin(current),
    )
    try:
        _write_atomically(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise UserError(
            f"cannot write {path} ({exc.strerror or exc}); the previous matrix is kept: "
            "give a writable folder with --dest or TFGPU_MATRIX_DIR",
            ExitCode.MATRIX,
        ) from None
    load_matrix.cache_clear()  # a matrix loaded from dest_dir before is out of date now
    return RefreshResult(
        path=path,
        matrix=merged.matrix,
        added=merged.added,
        changes=merged.changes,
        skipped=merged.skipped,
        warnings=merged.warnings,
        diff=(
            *merged.added_summaries,
            *(line for c in merged.changes for line in c.describe()),
            *(f"not added {s}" for s in merged.skipped),
        ),
        fetched=tuple(fetched),
    )


_ALWAYS_WRITTEN = frozenset({"schema", "schema_version"})
"""They identify the file, so they are written even at their default."""


def _jsonable_without_defaults(value: Any) -> Any:
    """Like serde.to_jsonable, leaving out fields at their default: the shipped files' style, so
    a refreshed file and the shipped one can be compared with diff."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _jsonable_without_defaults(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name in _ALWAYS_WRITTEN or not _at_default(f, getattr(value, f.name))
        }
    if isinstance(value, tuple | list):
        return [_jsonable_without_defaults(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable_without_defaults(v) for k, v in value.items()}
    return to_jsonable(value)


def _at_default(f: dataclasses.Field[Any], value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(value == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(value == f.default_factory())
    return False


def _drivers_origin(current: Matrix) -> str:
    return f"the driver table in use ({current.origin})"


def _docs(
    get: Callable[[str, Collection[str]], bytes], urls: SourceUrls
) -> dict[TableKey, SourcedTable]:
    tables: dict[TableKey, SourcedTable] = {}
    page: Page
    for url, page in ((urls.docs_linux_macos, "linux_macos"), (urls.docs_windows, "windows")):
        body = get(url, _DOCS_TYPES)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocsParseError(url, f"not UTF-8 text ({exc})") from None
        for key, table in parse_tested_configurations(text, page, url).items():
            tables[key] = SourcedTable(table, url)
    return tables


def _json(body: bytes, url: str) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PypiParseError(url, f"not a JSON document ({exc})") from None


def _release(get: Callable[[str, Collection[str]], bytes], url: str, version: str) -> PypiRelease:
    metadata = parse_release(_json(get(url, _JSON_TYPES), url), url)
    if Version(metadata.version) != Version(version):
        raise PypiParseError(url, f"describes tensorflow {metadata.version}, not {version}")
    return PypiRelease(metadata, url)


MODE = 0o644
"""Like any data file: the matrix is no secret, and other tools (or users) may read it."""


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes a fresh, unpredictable name with O_EXCL: no planted link is written through.
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if hasattr(os, "fchmod"):  # mkstemp's 0600 would hide the matrix from others
                os.fchmod(handle.fileno(), MODE & ~_umask())
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if os.name == "posix":  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
