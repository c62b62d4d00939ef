"""Load the compatibility matrix: the shipped files, or those a `matrix refresh` wrote.

Each of the three files is taken from the refreshed folder when it holds a valid one, else
from the shipped copy (package data in an installed wheel, <repo>/matrices in a checkout).
Every file is decoded with serde and then checked for meaning (matrix/validate.py); a bad
shipped file raises UserError(ExitCode.MATRIX) naming the file, the entry and the field.
The result is cached per process: call `load_matrix.cache_clear()` after writing new files.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.model import DriverMatrix, GpuMatrix, Matrix, TensorflowMatrix
from tfgpu_setup.matrix.validate import (
    check_cross,
    check_drivers,
    check_gpus,
    check_tensorflow,
    problem,
)
from tfgpu_setup.serde import DecodeError, from_jsonable

TENSORFLOW_FILE = "tensorflow.json"
DRIVERS_FILE = "cuda-drivers.json"
GPUS_FILE = "gpus.json"
SCHEMA_VERSION = 1
"""The schema_version this tool reads; a file with a higher one was written by a newer tool."""
SHIPPED = "shipped"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_log = logging.getLogger(__name__)

T = TypeVar("T")

_ENTRY_KEYS = {
    "releases": ("release", "version"),
    "defects": ("defect", "id"),
    "toolkits": ("toolkit", "cuda"),
    "minor_compat": ("minor_compat", "major"),
    "patterns": ("pattern", "pattern"),
    "architectures": ("architecture", "name"),
}


def shipped_dir() -> Path:
    """Where the shipped matrix files are: wheel package data, else the checkout's matrices/."""
    installed = _PACKAGE_DIR / "_data" / "matrices"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "matrices"


@functools.lru_cache(maxsize=8)
def load_matrix(refreshed_dir: Path | None = None) -> Matrix:
    """The matrix, each file from `refreshed_dir` when it holds a valid one, else shipped."""
    shipped = shipped_dir()
    drivers, drivers_from = _choose(DRIVERS_FILE, decode_drivers, shipped, refreshed_dir)
    gpus, gpus_from = _choose(GPUS_FILE, decode_gpus, shipped, refreshed_dir)

    drivers_label = (
        f"matrices/{DRIVERS_FILE}"
        if drivers_from == SHIPPED
        else str(Path(drivers_from, DRIVERS_FILE))
    )

    def decode_tf(data: Any, origin: str) -> TensorflowMatrix:
        return decode_tensorflow(data, origin, drivers=drivers, drivers_origin=drivers_label)

    tensorflow, tensorflow_from = _choose(TENSORFLOW_FILE, decode_tf, shipped, refreshed_dir)
    origins = {
        TENSORFLOW_FILE: tensorflow_from,
        DRIVERS_FILE: drivers_from,
        GPUS_FILE: gpus_from,
    }
    return Matrix(tensorflow=tensorflow, drivers=drivers, gpus=gpus, origin=_origin(origins))


def decode_tensorflow(
    data: Any,
    origin: str,
    *,
    drivers: DriverMatrix | None = None,
    drivers_origin: str = f"matrices/{DRIVERS_FILE}",
) -> TensorflowMatrix:
    """Decode and check a tensorflow.json document; `origin` names it in error messages.

    With `drivers`, also check that every CUDA version named has a driver minimum there.
    """
    matrix = _decode(TensorflowMatrix, data, origin, "tfgpu-setup/matrix-tensorflow")
    check_tensorflow(matrix, origin)
    if drivers is not None:
        check_cross(matrix, drivers, origin, drivers_origin)
    return matrix


def decode_drivers(data: Any, origin: str) -> DriverMatrix:
    matrix = _decode(DriverMatrix, data, origin, "tfgpu-setup/matrix-cuda-drivers")
    check_drivers(matrix, origin)
    return matrix


def decode_gpus(data: Any, origin: str) -> GpuMatrix:
    matrix = _decode(GpuMatrix, data, origin, "tfgpu-setup/matrix-gpus")
    check_gpus(matrix, origin)
    return matrix


def read_json(path: Path, origin: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise problem(origin, None, None, f"cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem(origin, None, None, f"is not valid JSON ({exc})") from None


def _choose(
    name: str,
    decode: Callable[[Any, str], T],
    shipped: Path,
    refreshed_dir: Path | None,
) -> tuple[T, str]:
    if refreshed_dir is not None:
        candidate = refreshed_dir / name
        if candidate.is_file():
            try:
                return decode(read_json(candidate, str(candidate)), str(candidate)), str(
                    refreshed_dir
                )
            except UserError as exc:
                _log.warning("%s; using the shipped %s instead", exc.message, name)
    label = f"matrices/{name}"
    return decode(read_json(shipped / name, label), label), SHIPPED


def _decode(cls: type[T], data: Any, origin: str, schema: str) -> T:
    if not isinstance(data, dict):
        raise problem(origin, None, None, f"expected a JSON object, got {type(data).__name__}")
    if data.get("schema") != schema:
        raise problem(origin, None, "schema", f"{data.get('schema')!r} is not {schema!r}")
    version = data.get("schema_version")
    if type(version) is not int or version < 1:
        raise problem(origin, None, "schema_version", f"{version!r} is not a positive integer")
    if version > SCHEMA_VERSION:
        raise UserError(
            f"{origin}: written for schema_version {version}; this tfgpu-setup reads "
            f"{SCHEMA_VERSION}: upgrade tfgpu-setup or delete the file",
            ExitCode.MATRIX,
        )
    try:
        return from_jsonable(cls, data)
    except DecodeError as exc:
        raise _located(str(exc), data, origin) from None


def _located(message: str, data: dict[str, Any], origin: str) -> UserError:
    """serde's '$.releases[3].cuda: expected str' as 'ORIGIN: release 2.17.0: field 'cuda': ...'."""
    path, _, detail = message.partition(": ")
    if not path.startswith("$"):
        return problem(origin, None, None, message)
    path = path.removeprefix("$").removeprefix(".")
    head, bracket, tail = path.partition("[")
    if not bracket:
        return problem(origin, None, path or None, detail)
    index_text, _, rest = tail.partition("]")
    entry = _entry_label(head, index_text, data)
    return problem(origin, entry, rest.removeprefix(".") or None, detail)


def _entry_label(list_name: str, index_text: str, data: dict[str, Any]) -> str:
    kind, key = _ENTRY_KEYS.get(list_name, (list_name, ""))
    items = data.get(list_name)
    if index_text.isdigit() and isinstance(items, list) and int(index_text) < len(items):
        item = items[int(index_text)]
        if isinstance(item, dict) and isinstance(item.get(key), str):
            return f"{kind} {item[key]}"
    return f"{kind} #{index_text}"


def _origin(origins: dict[str, str]) -> str:
    distinct = set(origins.values())
    if len(distinct) == 1:
        return distinct.pop()
    return ", ".join(f"{name}: {source}" for name, source in origins.items())
