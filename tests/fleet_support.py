"""Helpers for the fleet tests: the report's HTML read back as tables, and headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest


class TableReader(HTMLParser):
    """Every <table> of a page as rows of cell texts, with the table's data-machine-type."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append((dict(attrs).get("data-machine-type") or "", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(html: str) -> dict[str, list[dict[str, str]]]:
    """{machine type: [{header: cell}, ...]} for each table of the page."""
    reader = TableReader()
    reader.feed(html)
    out = {}
    for name, rows in reader.tables:
        header, *body = rows
        out[name] = [dict(zip(header, row, strict=True)) for row in body]
    return out


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")


def rendered_dom(page: Path) -> str:
    """The page as Chromium renders it from the file, with no server: its DOM after loading."""
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",  # CI runs as root, where Chromium refuses its sandbox
            "--disable-gpu",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<table" in result.stdout, result.stderr[-2000:]
    return result.stdout
