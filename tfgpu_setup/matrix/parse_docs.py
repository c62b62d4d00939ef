"""Read the "Tested build configurations" tables of TensorFlow's build-from-source pages.

The pages (tensorflow/docs site/en/install/source.md and source_windows.md) are markdown
whose tables are HTML. The HTML goes through html.parser; the markdown around it only
matters for its headings, which say which table is which ("### Linux" / "#### GPU").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from tfgpu_setup.errors import ExitCode, UserError

TableKey = Literal["linux_cpu", "linux_gpu", "macos_cpu", "macos_gpu", "windows_cpu", "windows_gpu"]
Page = Literal["linux_macos", "windows"]

EXPECTED_TABLES: dict[Page, tuple[TableKey, ...]] = {
    "linux_macos": ("linux_cpu", "linux_gpu", "macos_cpu", "macos_gpu"),
    "windows": ("windows_cpu", "windows_gpu"),
}
SECTION_TITLE = "tested build configurations"
SECTION_ANCHOR = "tested_build_configurations"

_COLUMNS = {
    "version": "version",
    "python version": "python",
    "compiler": "compiler",
    "build tools": "build_tools",
    "cudnn": "cudnn",
    "cuda": "cuda",
}
_REQUIRED = ("version", "python", "compiler", "build_tools")
_REQUIRED_GPU = ("cudnn", "cuda")


class DocsParseError(UserError):
    """A docs page does not have the tables we expect; the message names the page and table."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}", ExitCode.MATRIX)
        self.origin = origin


@dataclass(frozen=True)
class BuildConfig:
    """One row of a tested-build-configurations table."""

    table: TableKey
    package: str
    """Normalized distribution name: 'tensorflow' or 'tensorflow-gpu'."""
    version: str
    python: tuple[str, ...]
    """Python X.Y versions the row covers, in order: '2.7, 3.3-3.5' -> 2.7, 3.3, 3.4, 3.5."""
    python_text: str
    compiler: str
    build_tools: str
    cudnn: str | None
    cuda: str | None

    @property
    def series(self) -> tuple[int, int]:
        v = Version(self.version)
        return (v.major, v.minor)


@dataclass(frozen=True)
class BuildTable:
    key: TableKey
    rows: tuple[BuildConfig, ...]


def parse_tested_configurations(text: str, page: Page, origin: str) -> dict[TableKey, BuildTable]:
    """Every table of the page's "Tested build configurations" section, keyed by table.

    All expected tables must be there with at least one row; upstream quirks are kept as they
    are (source.md lists tensorflow-2.0.0 twice under macOS CPU; source_windows.md has no
    tensorflow-2.13.0 CPU row).
    """
    collector = _TableCollector(origin)
    collector.feed(text)
    collector.close()
    raw_tables = collector.finish()
    if not collector.section_seen:
        raise DocsParseError(origin, "no 'Tested build configurations' section found")
    tables: dict[TableKey, BuildTable] = {}
    for headings, cells in raw_tables:
        key = _table_key(origin, page, headings)
        if key in tables:
            raise DocsParseError(origin, f"two tables for {_label(key)} (headings {headings})")
        tables[key] = BuildTable(key, _rows(origin, key, cells))
    for key in EXPECTED_TABLES[page]:
        if key not in tables:
            raise DocsParseError(
                origin, f"table {_label(key)} not found under 'Tested build configurations'"
            )
    return tables


_SYSTEM_NAMES = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}


def _label(key: TableKey) -> str:
    os_name, kind = key.split("_")
    return f"'{_SYSTEM_NAMES[os_name]} {kind.upper()}'"


def _table_key(origin: str, page: Page, headings: tuple[str, ...]) -> TableKey:
    words = {w for h in headings for w in h.lower().split()}
    systems = words & {"linux", "macos", "windows"}
    kinds = words & {"cpu", "gpu"}
    if page == "windows" and not systems:
        systems = {"windows"}
    if len(systems) != 1 or len(kinds) != 1:
        raise DocsParseError(
            origin, f"cannot tell which table this is from its headings {headings}"
        )
    key = f"{systems.pop()}_{kinds.pop()}"
    if key not in EXPECTED_TABLES[page]:
        raise DocsParseError(origin, f"unexpected table {key} (headings {headings})")
    return key


def _rows(
    origin: str, key: TableKey, cells: list[tuple[bool, list[str]]]
) -> tuple[BuildConfig, ...]:
    if not cells or not cells[0][0]:
        raise DocsParseError(origin, f"table {_label(key)} has no header row")
    header = [c.strip().lower() for c in cells[0][1]]
    unknown = [h for h in header if h not in _COLUMNS]
    if unknown:
        raise DocsParseError(origin, f"table {_label(key)} has unknown column {unknown[0]!r}")
    columns = [_COLUMNS[h] for h in header]
    required = _REQUIRED + (_REQUIRED_GPU if key.endswith("_gpu") else ())
    missing = [c for c in required if c not in columns]
    if missing:
        raise DocsParseError(origin, f"table {_label(key)} has no {missing[0]!r} column")
    rows = []
    for index, (is_header, values) in enumerate(cells[1:], start=1):
        where = f"table {_label(key)} row {index}"
        if is_header:
            raise DocsParseError(origin, f"{where}: a second header row")
        if len(values) != len(columns):
            raise DocsParseError(
                origin, f"{where}: {len(values)} cells where the header has {len(columns)}"
            )
        row = dict(zip(columns, (v.strip() for v in values), strict=True))
        rows.append(_row(origin, where, key, row))
    if not rows:
        raise DocsParseError(origin, f"table {_label(key)} is empty")
    return tuple(rows)


def _row(origin: str, where: str, key: TableKey, row: dict[str, str]) -> BuildConfig:
    name, sep, version_text = row["version"].rpartition("-")
    if not sep or not name:
        raise DocsParseError(
            origin, f"{where}: version cell {row['version']!r} is not PACKAGE-VERSION"
        )
    try:
        version = Version(version_text)
    except InvalidVersion:
        raise DocsParseError(origin, f"{where}: {version_text!r} is not a version") from None
    try:
        python = python_versions(row["python"])
    except ValueError as exc:
        raise DocsParseError(origin, f"{where}: Python cell: {exc}") from None
    gpu_values: dict[str, str | None] = {"cudnn": None, "cuda": None}
    for column in _REQUIRED_GPU:
        value = row.get(column)
        if value is None:
            continue
        try:
            Version(value)
        except InvalidVersion:
            raise DocsParseError(origin, f"{where}: {column} {value!r} is not a version") from None
        gpu_values[column] = value
    return BuildConfig(
        table=key,
        package=str(canonicalize_name(name)),
        version=str(version),
        python=python,
        python_text=row["python"],
        compiler=row["compiler"],
        build_tools=row["build_tools"],
        cudnn=gpu_values["cudnn"],
        cuda=gpu_values["cuda"],
    )


def python_versions(text: str) -> tuple[str, ...]:
    """'2.7, 3.3-3.6' -> ('2.7', '3.3', '3.4', '3.5', '3.6'); raises ValueError."""
    result: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        low_text, _, high_text = part.partition("-")
        low = _minor_version(low_text)
        high = _minor_version(high_text) if high_text else low
        if low.major != high.major or low.minor > high.minor:
            raise ValueError(f"{part!r} is not a range of Python versions")
        result.extend(f"{low.major}.{m}" for m in range(low.minor, high.minor + 1))
    if not result:
        raise ValueError(f"no Python versions in {text!r}")
    return tuple(result)


def _minor_version(text: str) -> Version:
    try:
        version = Version(text.strip())
    except InvalidVersion:
        raise ValueError(f"{text.strip()!r} is not a Python version") from None
    if len(version.release) != 2:
        raise ValueError(f"{text.strip()!r} is not a Python X.Y version")
    return version


class _TableCollector(HTMLParser):
    """Collects the cells of every <table> in the section, with the headings above it."""

    def __init__(self, origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.origin = origin
        self.section_seen = False
        self._in_section = False
        self._section_level = 0
        self._headings: dict[int, str] = {}
        self._at_line_start = True
        self._in_fence = False
        self._pre_depth = 0
        self._html_heading: tuple[int, list[str]] | None = None
        self._table: list[tuple[bool, list[str]]] | None = None
        self._table_headings: tuple[str, ...] = ()
        self._row: list[str] | None = None
        self._row_is_header = False
        self._cell: list[str] | None = None
        self._tables: list[tuple[tuple[str, ...], list[tuple[bool, list[str]]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._at_line_start = False
        if tag == "pre":
            self._pre_depth += 1
        elif tag == "a" and (SECTION_ANCHOR in (v for k, v in attrs if k in ("name", "id"))):
            self._enter_section(level=2)
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" and self._table is None:
            self._html_heading = (int(tag[1]), [])
        elif not self._in_section:
            return
        elif tag == "table":
            if self._table is not None:
                raise DocsParseError(self.origin, "a table inside a table")
            self._table = []
            self._table_headings = tuple(
                self._headings[level]
                for level in sorted(self._headings)
                if level > self._section_level
            )
        elif tag == "tr" and self._table is not None:
            self._finish_row()
            self._row, self._row_is_header = [], False
        elif tag in ("td", "th") and self._row is not None:
            self._finish_cell()
            self._cell = []
            self._row_is_header = self._row_is_header or tag == "th"

    def handle_endtag(self, tag: str) -> None:
        self._at_line_start = False
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)
        elif self._html_heading is not None and tag == f"h{self._html_heading[0]}":
            level, parts = self._html_heading
            self._html_heading = None
            self._heading(level, " ".join("".join(parts).split()))
        elif self._table is None:
            return
        elif tag in ("td", "th"):
            self._finish_cell()
        elif tag == "tr":
            self._finish_row()
        elif tag == "table":
            self._finish_row()
            self._tables.append((self._table_headings, self._table))
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        elif self._html_heading is not None:
            self._html_heading[1].append(data)
        elif self._table is None and not self._pre_depth:
            self._markdown(data)
        if data:
            self._at_line_start = data.endswith("\n")

    def _markdown(self, data: str) -> None:
        for index, line in enumerate(data.split("\n")):
            if index == 0 and not self._at_line_start:
                continue
            stripped = line.strip()
            if stripped.startswith("```"):
                self._in_fence = not self._in_fence
            elif not self._in_fence and stripped.startswith("#"):
                hashes = len(stripped) - len(stripped.lstrip("#"))
                title = stripped[hashes:].strip()
                # "## Title {:.hide-from-toc}": drop devsite attribute suffixes.
                title = title.partition("{:")[0].strip()
                if 1 <= hashes <= 6 and title:
                    self._heading(hashes, title)

    def _heading(self, level: int, title: str) -> None:
        if self._in_section and level <= self._section_level:
            self._in_section = False
        if title.lower() == SECTION_TITLE:
            self._enter_section(level)
            return
        self._headings = {k: v for k, v in self._headings.items() if k < level}
        self._headings[level] = title

    def _enter_section(self, level: int) -> None:
        self.section_seen = True
        self._in_section = True
        self._section_level = level
        self._headings = {}

    def _finish_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _finish_row(self) -> None:
        self._finish_cell()
        if self._row is not None and self._table is not None and self._row:
            self._table.append((self._row_is_header, self._row))
        self._row = None

    def finish(self) -> list[tuple[tuple[str, ...], list[tuple[bool, list[str]]]]]:
        if self._table is not None:
            raise DocsParseError(
                self.origin,
                f"a table under {' / '.join(self._table_headings) or 'the section'}"
                " never ends (page truncated?)",
            )
        return self._tables


def rows_by_version(rows: Iterable[BuildConfig]) -> dict[str, list[BuildConfig]]:
    """Rows grouped by version string; duplicates (the macOS 2.0.0 pair) stay together."""
    grouped: dict[str, list[BuildConfig]] = {}
    for row in rows:
        grouped.setdefault(row.version, []).append(row)
    return grouped
