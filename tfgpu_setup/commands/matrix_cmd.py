"""tfgpu-setup matrix show | check | refresh."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from packaging.version import Version
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import ExitCode, UserError
from ..matrix.load import load_matrix, matrix_in_use, user_matrix_dir
from ..matrix.model import Matrix
from ..matrix.show import STALE_AFTER_DAYS
from ..outcome import Outcome

_log = logging.getLogger(__name__)

SHOW_COLUMNS = (
    "tensorflow",
    "python",
    "cuda",
    "cudnn",
    "compute_capabilities",
    "gpu_platforms",
    "nvidia_pins",
)


def current_matrix() -> Matrix:
    """The matrix in use (see matrix.load.matrix_in_use), for the commands that import it here."""
    return matrix_in_use()


def show(tf: str | None) -> Outcome:
    from ..matrix.show import matrix_rows

    matrix = matrix_in_use()
    rows = matrix_rows(matrix, tf)
    if not rows:
        newest = max((Version(r.version) for r in matrix.tensorflow.releases), default=None)
        raise UserError(
            f"matrix show --tf {tf}: no release matches; the matrix ({matrix.origin}) holds "
            f"releases up to {newest}: see 'tfgpu-setup matrix show'",
            ExitCode.INPUT,
        )
    document = {
        "schema": "tfgpu-setup/matrix-show",
        "schema_version": 1,
        "origin": matrix.origin,
        "refreshed": matrix.tensorflow.refreshed,
        "releases": rows,
    }

    def render(console: Console) -> None:
        columns = [c for c in SHOW_COLUMNS if c in rows[0]] or list(rows[0])
        table = Table(
            title=f"TensorFlow GPU compatibility ({escape(matrix.origin)}, refreshed "
            f"{escape(matrix.tensorflow.refreshed)})",
            title_justify="left",
        )
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold")
        for row in rows:
            table.add_row(*(escape(str(row.get(c, ""))) for c in columns))
        console.print(table)

    return Outcome(document, render)


def check() -> Outcome:
    from ..matrix.show import check_matrix

    matrix = matrix_in_use()
    result = check_matrix(matrix, date.today())
    document = {"schema": "tfgpu-setup/matrix-check", "schema_version": 1, **result}

    def render(console: Console) -> None:
        verdict = (
            "[green]valid[/green]"
            if result["valid"]
            else f"[red]invalid: {escape(str(result['error']))}[/red]"
        )
        console.print(f"matrix in use: {escape(str(result['origin']))}: {verdict}")
        for note in result["notes"]:
            console.print(f"  [yellow]note:[/yellow] {escape(note)}")
        refreshed = result["refreshed"]
        console.print("refreshed: " + ", ".join(f"{name} {day}" for name, day in refreshed.items()))
        age = result["age_days"]
        if age is not None:
            console.print(f"age: {age} days (the oldest file)")
        console.print(f"newest TensorFlow release: {result['newest_release']}")
        counts = result["counts"]
        console.print(
            "holds: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
        )
        if result["stale"]:
            console.print(
                f"[yellow]older than {STALE_AFTER_DAYS} days:[/yellow] run 'tfgpu-setup "
                "matrix refresh' to pick up new TensorFlow releases"
            )

    return Outcome(document, render, ExitCode.OK if result["valid"] else ExitCode.MATRIX)


def refresh(dest: str | None) -> Outcome:
    from ..matrix.refresh import refresh as run_refresh

    try:
        matrix = matrix_in_use()
    except UserError as exc:
        # A refresh must be able to repair what a broken refresh left: start from shipped.
        _log.warning("%s; refreshing from the shipped matrix", exc.message)
        matrix = load_matrix(None)
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
