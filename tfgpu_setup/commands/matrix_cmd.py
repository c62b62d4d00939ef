"""tfgpu-setup matrix show | check | refresh."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import platformdirs
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import ExitCode
from ..matrix.load import load_matrix
from ..matrix.model import Matrix
from ..outcome import Outcome

SHOW_COLUMNS = (
    "tensorflow",
    "python",
    "cuda",
    "cudnn",
    "compute_capabilities",
    "gpu_platforms",
    "nvidia_pins",
)


def user_matrix_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where 'matrix refresh' writes, and where plan looks first (TFGPU_MATRIX_DIR overrides)."""
    env = os.environ if environ is None else environ
    override = env.get("TFGPU_MATRIX_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("tfgpu-setup", appauthor=False)) / "matrices"


def current_matrix() -> Matrix:
    return load_matrix(user_matrix_dir())


def show(tf: str | None) -> Outcome:
    from ..matrix.show import matrix_rows

    matrix = current_matrix()
    rows = matrix_rows(matrix, tf)
    document = {
        "schema": "tfgpu-setup/matrix-show",
        "schema_version": 1,
        "origin": matrix.origin,
        "refreshed": matrix.tensorflow.refreshed,
        "releases": rows,
    }

    def render(console: Console) -> None:
        if not rows:
            console.print(f"no release matches {escape(tf or '')}")
            return
        columns = [c for c in SHOW_COLUMNS if c in rows[0]] or list(rows[0])
        table = Table(
            title=f"TensorFlow GPU compatibility ({escape(matrix.origin)}, refreshed "
            f"{escape(matrix.tensorflow.refreshed)})"
        )
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold")
        for row in rows:
            table.add_row(*(escape(str(row.get(c, ""))) for c in columns))
        console.print(table)

    return Outcome(document, render)


def check() -> Outcome:
    from ..matrix.show import check_matrix

    matrix = current_matrix()
    result = check_matrix(matrix, date.today())
    document = {"schema": "tfgpu-setup/matrix-check", "schema_version": 1, **result}

    def render(console: Console) -> None:
        verdict = (
            "[green]valid[/green]"
            if result["valid"]
            else f"[red]invalid: {escape(str(result['error']))}[/red]"
        )
        console.print(f"matrix ({escape(str(result['origin']))}): {verdict}")
        console.print(
            f"refreshed: {result['refreshed']}, {result['age_days']} days old; "
            f"newest release {result['newest_release']}"
        )
        console.print(f"holds: {result['counts']}")

    return Outcome(document, render, ExitCode.OK if result["valid"] else ExitCode.MATRIX)


def refresh(dest: str | None) -> Outcome:
    from ..matrix.refresh import refresh as run_refresh

    matrix = current_matrix()
    target = Path(dest) if dest else user_matrix_dir()
    console = Console(stderr=True, highlight=False)
    with console.status("fetching the official sources") as status:
        result = run_refresh(
            matrix,
            target,
            today=date.today(),
            progress=lambda url: status.update(f"fetching {url}"),
        )
    document = {"schema": "tfgpu-setup/matrix-refresh", "schema_version": 1, **result.as_json()}

    def render(out: Console) -> None:
        if result.unchanged:
            out.print(
                f"matrix is up to date ({result.release_count} releases); wrote "
                f"{escape(str(result.path))}"
            )
        else:
            for line in result.diff:
                out.print(escape(line))
            out.print(f"wrote {escape(str(result.path))} ({result.release_count} releases)")
        for warning in result.warnings:
            out.print(f"[yellow]warning:[/yellow] {escape(warning)}")

    return Outcome(document, render)
