"""tfgpu-setup fleet report DIR [--html FILE]."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import ExitCode, UserError
from ..results import FleetReported
from .folder import read_fleet
from .html import render_html
from .markdown import render_markdown
from .report import build_report


def report(folder: str, html: str | None, environ: Mapping[str, str]) -> FleetReported:
    path = Path(folder)
    if not path.is_dir():
        raise UserError(
            f"fleet report {folder}: not a folder; give the folder the playbook wrote "
            "(tfgpu_fleet_dir), with facts/HOST.json in it",
            ExitCode.INPUT,
        )
    fleet = build_report(read_fleet(path, environ))
    if html:
        try:
            Path(html).write_text(render_html(fleet), encoding="utf-8")
        except OSError as exc:
            raise UserError(
                f"--html {html}: cannot write it ({exc.strerror}); choose a writable path",
                ExitCode.INPUT,
            ) from None
    return FleetReported(fleet, render_markdown(fleet))
