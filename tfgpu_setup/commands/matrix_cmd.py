"""tfgpu-setup matrix show | check | refresh."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from packaging.version import Version

from .. import ui
from ..errors import ExitCode, UserError
from ..matrix.load import load_matrix, matrix_in_use, user_matrix_dir
from ..results import MatrixChecked, MatrixRefreshed, MatrixShown

_log = logging.getLogger(__name__)


def show(tf: str | None) -> MatrixShown:
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
    return MatrixShown(matrix.origin, matrix.tensorflow.refreshed, tuple(rows))


def check() -> MatrixChecked:
    from ..matrix.show import check_matrix

    return MatrixChecked(check_matrix(matrix_in_use(), date.today()))


def refresh(dest: str | None) -> MatrixRefreshed:
    from ..matrix.refresh import refresh as run_refresh

    try:
        matrix = matrix_in_use()
    except UserError as exc:
        # A refresh must be able to repair what a broken refresh left: start from shipped.
        _log.warning("%s; refreshing from the shipped matrix", exc.message)
        matrix = load_matrix(None)
    target = Path(dest) if dest else user_matrix_dir()
    with ui.status("fetching the official sources") as update:
        result = run_refresh(
            matrix, target, today=date.today(), progress=lambda url: update(f"fetching {url}")
        )
    return MatrixRefreshed(result)
