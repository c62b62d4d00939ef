"""Load the compatibility matrix: the shipped files, or those a `matrix refresh` wrote.

Each of the three files is taken from the refreshed folder when it holds a valid one, else
from the shipped copy (package data in an installed wheel, <repo>/matrices in a checkout).
Every file is decoded with serde and then checked for meaning (matrix/validate.py); a bad
shipped file raises UserError(ExitCode.MATRIX) naming the file, the entry and the field.
The result is cached per process: call `load_matrix.cache_clear()` after writing new files.
"""

from __future__ import annotations

import codecs
import functools
import json
import logging
import os
from collections.abc import Callable, Mapping
from datetime import date, timedelta
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

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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


MATRIX_DIR_VARIABLE = "TFGPU_MATRIX_DIR"


def user_matrix_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where 'matrix refresh' writes and where every command looks first ($TFGPU_MATRIX_DIR)."""
    env = os.environ if environ is None else environ
    override = env.get(MATRIX_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs  # only here: the matrix itself loads with packaging alone

    return Path(platformdirs.user_data_dir("tfgpu-setup", appauthor=False)) / "matrices"


def matrix_in_use(environ: Mapping[str, str] | None = None) -> Matrix:
    """The matrix every command uses: refreshed files where valid and current, else shipped.

    A refreshed file older than the shipped one is passed over (with a note saying so) unless
    TFGPU_MATRIX_DIR names its folder: then the user asked for exactly that matrix.
    """
    env = os.environ if environ is None else environ
    return load_matrix(user_matrix_dir(env), explicit=bool(env.get(MATRIX_DIR_VARIABLE)))


@functools.lru_cache(maxsize=8)
def load_matrix(refreshed_dir: Path | None = None, *, explicit: bool = True) -> Matrix:
    """The matrix, each file from `refreshed_dir` when it holds a valid one, else shipped.

    With explicit=False, a refreshed file older than the shipped one is not used."""
    notes: list[str] = []
    chooser = _Chooser(shipped_dir(), refreshed_dir, explicit, notes)
    drivers, drivers_from = chooser.choose(DRIVERS_FILE, decode_drivers)
    gpus, gpus_from = chooser.choose(GPUS_FILE, decode_gpus)
    try:
        tensorflow, tensorflow_from = chooser.choose(
            TENSORFLOW_FILE, _tensorflow_decoder(drivers, drivers_from)
        )
    except UserError as exc:
        if drivers_from == SHIPPED or refreshed_dir is None:
            raise
        # The refreshed driver table is valid alone but lacks what the TensorFlow matrix
        # needs: it is the refreshed file that is wrong, so say so and use the shipped one.
        chooser.note(
            f"{refreshed_dir / DRIVERS_FILE}: does not cover the TensorFlow matrix "
            f"({exc.message}); using the shipped {DRIVERS_FILE} instead"
        )
        drivers, drivers_from = chooser.shipped(DRIVERS_FILE, decode_drivers)
        tensorflow, tensorflow_from = chooser.choose(
            TENSORFLOW_FILE, _tensorflow_decoder(drivers, drivers_from)
        )
    origins = {
        TENSORFLOW_FILE: tensorflow_from,
        DRIVERS_FILE: drivers_from,
        GPUS_FILE: gpus_from,
    }
    return Matrix(
        tensorflow=tensorflow,
        drivers=drivers,
        gpus=gpus,
        origin=_origin(origins),
        notes=tuple(notes),
    )


def _tensorflow_decoder(
    drivers: DriverMatrix, drivers_from: str
) -> Callable[[Any, str], TensorflowMatrix]:
    label = (
        f"matrices/{DRIVERS_FILE}"
        if drivers_from == SHIPPED
        else str(Path(drivers_from, DRIVERS_FILE))
    )

    def decode(data: Any, origin: str) -> TensorflowMatrix:
        return decode_tensorflow(data, origin, drivers=drivers, drivers_origin=label)

    return decode


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
        raw = path.read_bytes()
        # A BOM, as Windows editors and PowerShell write one, says the encoding.
        encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), "utf-8")
        text = raw.decode(encoding)
    except (OSError, UnicodeDecodeError) as exc:
        raise problem(origin, None, None, f"cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise problem(origin, None, None, f"is not valid JSON ({exc})") from None
    except RecursionError:
        raise problem(origin, None, None, "is not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # a number too long to convert
        raise problem(origin, None, None, f"is not valid JSON ({exc})") from None


class _Chooser:
    """Picks each file from the refreshed folder or the shipped one, noting every fallback."""

    def __init__(
        self, shipped: Path, refreshed_dir: Path | None, explicit: bool, notes: list[str]
    ) -> None:
        self.shipped_folder = shipped
        self.refreshed_dir = refreshed_dir
        self.explicit = explicit
        self.notes = notes
        self.today = date.today()

    def note(self, message: str) -> None:
        self.notes.append(message)
        _log.warning("%s", message)

    def shipped(self, name: str, decode: Callable[[Any, str], T]) -> tuple[T, str]:
        label = f"matrices/{name}"
        return decode(read_json(self.shipped_folder / name, label), label), SHIPPED

    def choose(self, name: str, decode: Callable[[Any, str], T]) -> tuple[T, str]:
        if self.refreshed_dir is None:
            return self.shipped(name, decode)
        candidate = self.refreshed_dir / name
        if not candidate.is_file():
            return self.shipped(name, decode)
        try:
            data = read_json(candidate, str(candidate))
            decoded = decode(data, str(candidate))
            _check_not_future(data, str(candidate), self.today)
        except UserError as exc:
            self.note(f"{exc.message}; using the shipped {name} instead")
            return self.shipped(name, decode)
        except (ValueError, RecursionError) as exc:  # a check not written for such input
            self.note(f"{candidate}: cannot be used ({exc}); using the shipped {name} instead")
            return self.shipped(name, decode)
        refreshed, shipped = _refreshed_date(data), self._shipped_date(name)
        if refreshed is not None and shipped is not None and refreshed < shipped:
            if not self.explicit:
                self.note(
                    f"{candidate} (refreshed {refreshed}) is older than the shipped {name} "
                    f"(refreshed {shipped}); using the shipped one: run 'tfgpu-setup matrix "
                    "refresh' to update it, or delete the old file"
                )
                return self.shipped(name, decode)
            self.note(
                f"using {candidate} as {MATRIX_DIR_VARIABLE} asks, although it (refreshed "
                f"{refreshed}) is older than the shipped {name} (refreshed {shipped})"
            )
        return decoded, str(self.refreshed_dir)

    def _shipped_date(self, name: str) -> date | None:
        try:
            return _refreshed_date(read_json(self.shipped_folder / name, f"matrices/{name}"))
        except UserError:
            return None


def _refreshed_date(data: Any) -> date | None:
    value = data.get("refreshed") if isinstance(data, dict) else None
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_not_future(data: Any, origin: str, today: date) -> None:
    when = _refreshed_date(data)
    if when is not None and when > today + timedelta(days=1):
        raise problem(origin, None, "refreshed", f"{when} is in the future (today is {today})")


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
