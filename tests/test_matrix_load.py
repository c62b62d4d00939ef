"""Loading the matrix: clear one-line errors for bad files, refreshed files winning, the wheel."""

from __future__ import annotations

import copy
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.load import (
    DRIVERS_FILE,
    GPUS_FILE,
    TENSORFLOW_FILE,
    decode_drivers,
    decode_gpus,
    decode_tensorflow,
    load_matrix,
    read_json,
    shipped_dir,
)
from tfgpu_setup.matrix.model import Matrix
from tfgpu_setup.process import run

REPO = Path(__file__).resolve().parents[1]
TF_LABEL = f"matrices/{TENSORFLOW_FILE}"
DRIVERS_LABEL = f"matrices/{DRIVERS_FILE}"
GPUS_LABEL = f"matrices/{GPUS_FILE}"


def shipped_json(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shipped_dir() / name).read_text(encoding="utf-8"))
    return data


def entry(data: dict[str, Any], key: str, field: str, value: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in data[key] if e[field] == value)
    return found


def error_of(decode: Callable[[Any, str], object], data: Any, origin: str) -> UserError:
    with pytest.raises(UserError) as caught:
        decode(data, origin)
    error = caught.value
    assert error.code == ExitCode.MATRIX
    assert "\n" not in error.message
    return error


def test_shipped_matrix_loads_from_the_checkout() -> None:
    assert shipped_dir() == REPO / "matrices"
    matrix = load_matrix()
    assert matrix.origin == "shipped"
    assert matrix.tensorflow.releases and matrix.drivers.toolkits and matrix.gpus.patterns


def test_load_is_cached_per_process_and_equal_to_a_fresh_decode(
    record_property: Callable[[str, object], None],
) -> None:
    started = time.perf_counter()
    fresh = load_matrix.__wrapped__(None)  # the uncached work a CLI run does once
    elapsed_ms = (time.perf_counter() - started) * 1000
    record_property("uncached_load_ms", round(elapsed_ms, 1))
    sys.stderr.write(f"matrix load without cache: {elapsed_ms:.1f} ms\n")
    assert load_matrix(None) is load_matrix(None)
    assert load_matrix(None) == fresh


def test_wrong_cuda_names_file_release_and_field() -> None:
    data = shipped_json(TENSORFLOW_FILE)
    entry(data, "releases", "version", "2.17.0")["cuda"] = "12.x"
    error = error_of(decode_tensorflow, data, TF_LABEL)
    assert error.message == (
        "matrices/tensorflow.json: release 2.17.0: field 'cuda': '12.x' is not a version X.Y"
    )


@pytest.mark.parametrize(
    ("corrupt", "expected"),
    [
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.19.0")["nvidia_pins"].__setitem__(
                0, "nvidia-cublas-cu12>=12.5"
            ),
            "release 2.19.0: field 'nvidia_pins': 'nvidia-cublas-cu12>=12.5' is not an exact pin",
            id="range-instead-of-pin",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.21.0")["sass"].append("sm_9x"),
            "release 2.21.0: field 'sass': 'sm_9x' is not like 'sm_80'",
            id="bad-sass",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.21.0")["ptx"].__setitem__(0, "sm_90"),
            "release 2.21.0: field 'ptx': 'sm_90' is not like 'compute_90'",
            id="sass-name-in-ptx",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.21.0")["sources"].pop("cudnn"),
            "release 2.21.0: field 'cudnn': has no source",
            id="missing-source",
        ),
        pytest.param(
            lambda d: d["releases"].append(
                copy.deepcopy(entry(d, "releases", "version", "2.18.1"))
            ),
            "release 2.18.1: field 'version': listed twice",
            id="duplicate-release",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.20.0")["platforms"].__setitem__(
                "linux_riscv64", {"gpu": False}
            ),
            "release 2.20.0: field 'platforms': unknown platform 'linux_riscv64'",
            id="unknown-platform",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.20.0").__setitem__(
                "python", ["3.9", 3.10]
            ),
            "release 2.20.0: field 'python[1]': expected str, got 3.1",
            id="python-as-number",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.20.0").__setitem__("cuda_version", "12.5"),
            "release 2.20.0: unknown field 'cuda_version'",
            id="unknown-field",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.14.0")["and_cuda_requires"].append(
                "nvidia-cudnn-cu11 (==8.7"
            ),
            "release 2.14.0: field 'and_cuda_requires': 'nvidia-cudnn-cu11 (==8.7' is not a"
            " requirement",
            id="unparseable-requirement",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.11.0").__setitem__(
                "requires_python", "3.7+"
            ),
            "release 2.11.0: field 'requires_python': '3.7+' is not a version specifier",
            id="bad-requires-python",
        ),
        pytest.param(
            lambda d: entry(d, "defects", "id", "blackwell-no-kernels").pop("min_cc"),
            "defect blackwell-no-kernels: field 'min_cc': None is not a compute capability X.Y",
            id="defect-without-min-cc",
        ),
        pytest.param(
            lambda d: entry(d, "defects", "id", "tf-2.15.0-and-cuda-unresolvable").__setitem__(
                "affects", "2.15.0"
            ),
            "defect tf-2.15.0-and-cuda-unresolvable: field 'affects': '2.15.0' is not a version"
            " specifier",
            id="defect-bad-specifier",
        ),
        pytest.param(
            lambda d: entry(d, "legacy_builds", "tensorflow", ">=1.15,<2.0").__setitem__(
                "tensorflow", ">=1.15,<2.1"
            ),
            "legacy_build >=1.15,<2.1: field 'tensorflow': covers releases the matrix lists:",
            id="legacy-build-over-a-listed-release",
        ),
        pytest.param(
            lambda d: entry(d, "legacy_builds", "tensorflow", ">=1.5,<1.13").__setitem__(
                "cuda", "nine"
            ),
            "legacy_build >=1.5,<1.13: field 'cuda': 'nine' is not X.Y",
            id="legacy-build-bad-cuda",
        ),
        pytest.param(
            lambda d: entry(d, "legacy_builds", "tensorflow", ">=1.15,<2.0").__setitem__(
                "cudnn_source", " "
            ),
            "legacy_build >=1.15,<2.0: field 'cudnn_source': is empty",
            id="legacy-build-empty-cudnn-source",
        ),
        pytest.param(
            lambda d: entry(d, "legacy_builds", "tensorflow", ">=1.13,<1.15").__setitem__(
                "python", ["2.7", "three"]
            ),
            "legacy_build >=1.13,<1.15: field 'python': 'three' is not X.Y",
            id="legacy-build-bad-python",
        ),
        pytest.param(
            lambda d: entry(d, "legacy_builds", "tensorflow", ">=1.13,<1.15").pop("min_cc_source"),
            "legacy_build >=1.13,<1.15: field 'min_cc_source': is missing: min_cc needs its source",
            id="legacy-build-min-cc-without-source",
        ),
        pytest.param(
            lambda d: entry(d, "newer_offered", "tensorflow", ">=1.5,<1.13").__setitem__(
                "library", "cublas"
            ),
            "newer_offered cublas >=1.5,<1.13: field 'library': 'cublas' is not cuda or cudnn",
            id="newer-offered-unknown-library",
        ),
        pytest.param(
            lambda d: entry(d, "releases", "version", "2.20.0").__setitem__(
                "published", "2025-02-30"
            ),
            "release 2.20.0: field 'published': '2025-02-30' is not a date YYYY-MM-DD",
            id="release-published-not-a-day",
        ),
        pytest.param(
            lambda d: d.__setitem__("refreshed", "March 2026"),
            "field 'refreshed': 'March 2026' is not a date YYYY-MM-DD",
            id="bad-date",
        ),
    ],
)
def test_tensorflow_corruptions_name_entry_and_field(
    corrupt: Callable[[dict[str, Any]], object], expected: str
) -> None:
    data = shipped_json(TENSORFLOW_FILE)
    corrupt(data)
    message = error_of(decode_tensorflow, data, TF_LABEL).message
    assert message.startswith(f"{TF_LABEL}: {expected}")


def test_cuda_without_driver_minimum_is_rejected_against_the_driver_table() -> None:
    data = shipped_json(TENSORFLOW_FILE)
    entry(data, "releases", "version", "2.21.0")["cuda"] = "12.7"  # there is no CUDA 12.7
    entry(data, "releases", "version", "2.21.0").pop("cuda_build")
    drivers = decode_drivers(shipped_json(DRIVERS_FILE), DRIVERS_LABEL)
    decode_tensorflow(data, TF_LABEL)  # alone, a well-formed file
    with pytest.raises(UserError) as caught:
        decode_tensorflow(data, TF_LABEL, drivers=drivers)
    assert caught.value.message == (
        "matrices/tensorflow.json: release 2.21.0: field 'cuda': CUDA 12.7 has no driver minimum"
        " in matrices/cuda-drivers.json"
    )


def test_driver_and_gpu_corruptions_name_entry_and_field() -> None:
    drivers = shipped_json(DRIVERS_FILE)
    entry(drivers, "toolkits", "cuda", "12.5.1")["linux_min"] = "555.42.06-1"
    assert error_of(decode_drivers, drivers, DRIVERS_LABEL).message == (
        "matrices/cuda-drivers.json: toolkit 12.5.1: field 'linux_min': '555.42.06-1' is not a"
        " driver version"
    )
    drivers = shipped_json(DRIVERS_FILE)
    entry(drivers, "toolkits", "cuda", "12.8.0")["confidence"] = "likely"
    assert error_of(decode_drivers, drivers, DRIVERS_LABEL).message.startswith(
        "matrices/cuda-drivers.json: toolkit 12.8.0: field 'confidence': 'likely' is not one of"
    )
    gpus = shipped_json(GPUS_FILE)
    entry(gpus, "patterns", "cc", "7.5")["pattern"] = "\\bT4\\b("
    assert error_of(decode_gpus, gpus, GPUS_LABEL).message.startswith(
        "matrices/gpus.json: pattern '\\\\bT4\\\\b(': field 'pattern': not a regular expression"
    )
    gpus = shipped_json(GPUS_FILE)
    entry(gpus, "architectures", "name", "Turing")["last_driver_branch"] = 600
    assert error_of(decode_gpus, gpus, GPUS_LABEL).message == (
        "matrices/gpus.json: architecture Turing: field 'driver_source': is needed with"
        " last_driver_branch"
    )
    gpus = shipped_json(GPUS_FILE)
    entry(gpus, "architectures", "name", "Turing")["ccs"].append("8.0")
    assert error_of(decode_gpus, gpus, GPUS_LABEL).message == (
        "matrices/gpus.json: architecture Ampere: field 'ccs': 8.0 is also listed under Turing"
    )


def test_file_of_another_kind_or_newer_schema_is_refused() -> None:
    error = error_of(decode_tensorflow, shipped_json(GPUS_FILE), TF_LABEL)
    assert error.message == (
        "matrices/tensorflow.json: field 'schema': 'tfgpu-setup/matrix-gpus' is not"
        " 'tfgpu-setup/matrix-tensorflow'"
    )
    newer = shipped_json(GPUS_FILE) | {"schema_version": 2}
    assert "upgrade tfgpu-setup" in error_of(decode_gpus, newer, GPUS_LABEL).message


def test_unreadable_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / TENSORFLOW_FILE
    path.write_text('{"schema": "tfgpu-setup/matrix-tensorflow",\n "releases": [}\n')
    with pytest.raises(UserError) as caught:
        read_json(path, str(path))
    assert caught.value.code == ExitCode.MATRIX
    assert caught.value.message.startswith(f"{path}: is not valid JSON (")
    assert "line 2" in caught.value.message


def write(folder: Path, name: str, data: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data, indent=1), encoding="utf-8")


def test_refreshed_file_wins_per_file(tmp_path: Path) -> None:
    refreshed = tmp_path / "refreshed"
    gpus = shipped_json(GPUS_FILE)
    gpus["refreshed"] = "2026-11-01"
    gpus["patterns"].insert(
        0, {"pattern": "Future GPU 9000", "cc": "12.0", "arch": "Blackwell", "source": "test"}
    )
    write(refreshed, GPUS_FILE, gpus)
    matrix = load_matrix(refreshed)
    assert matrix.gpus.refreshed == "2026-11-01"
    assert matrix.gpus.patterns[0].pattern == "Future GPU 9000"
    assert matrix.tensorflow == load_matrix().tensorflow  # the other files stay shipped
    assert matrix.origin == (
        f"tensorflow.json: shipped, cuda-drivers.json: shipped, gpus.json: {refreshed}"
    )


def test_all_refreshed_files_make_the_refreshed_folder_the_origin(tmp_path: Path) -> None:
    refreshed = tmp_path / "refreshed"
    for name in (TENSORFLOW_FILE, DRIVERS_FILE, GPUS_FILE):
        write(refreshed, name, shipped_json(name))
    assert load_matrix(refreshed).origin == str(refreshed)


def test_invalid_refreshed_file_falls_back_to_shipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    refreshed = tmp_path / "refreshed"
    data = shipped_json(TENSORFLOW_FILE)
    entry(data, "releases", "version", "2.20.0")["cudnn"] = "nine"
    write(refreshed, TENSORFLOW_FILE, data)
    with caplog.at_level(logging.WARNING, logger="tfgpu_setup.matrix.load"):
        matrix = load_matrix(refreshed)
    assert matrix.tensorflow == load_matrix().tensorflow
    assert matrix.origin == "shipped"
    assert f"{refreshed / TENSORFLOW_FILE}: release 2.20.0: field 'cudnn'" in caplog.text
    assert "using the shipped tensorflow.json instead" in caplog.text


def test_refreshed_release_with_unknown_cuda_falls_back_to_shipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    refreshed = tmp_path / "refreshed"
    data = shipped_json(TENSORFLOW_FILE)
    release = entry(data, "releases", "version", "2.21.0")
    release["cuda"], release["cudnn"] = "14.1", "10.1"
    release.pop("cuda_build")
    write(refreshed, TENSORFLOW_FILE, data)
    with caplog.at_level(logging.WARNING, logger="tfgpu_setup.matrix.load"):
        matrix = load_matrix(refreshed)
    assert {r.version: r for r in matrix.tensorflow.releases}["2.21.0"].cuda == "12.5"
    assert "CUDA 14.1 has no driver minimum in matrices/cuda-drivers.json" in caplog.text


@pytest.mark.e2e
def test_built_wheel_ships_the_matrices(tmp_path: Path) -> None:
    """`pip wheel` the project, install it into a fresh venv, and load the matrix from there."""
    wheels = tmp_path / "wheels"
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(REPO),
        ],
        timeout=600,
    )
    assert built.ok, built.describe_failure() + built.stderr[-2000:]
    (wheel,) = wheels.glob("tfgpu_setup-*.whl")
    venv = tmp_path / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], timeout=300).ok
    python = str(venv / "bin" / "python")
    installed = run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", str(wheel), "packaging>=23"],
        timeout=600,
    )
    assert installed.ok, installed.describe_failure() + installed.stderr[-2000:]
    probe = (
        "import json; from tfgpu_setup.matrix.load import load_matrix, shipped_dir;"
        "m = load_matrix();"
        "print(json.dumps([str(shipped_dir()), m.origin, len(m.tensorflow.releases),"
        " len(m.drivers.toolkits), len(m.gpus.patterns)]))"
    )
    result = run([python, "-c", probe], timeout=120, cwd=str(tmp_path))
    assert result.ok, result.describe_failure() + result.stderr[-2000:]
    where, origin, releases, toolkits, patterns = json.loads(result.stdout)
    assert where.endswith("site-packages/tfgpu_setup/_data/matrices")
    assert origin == "shipped"
    shipped: Matrix = load_matrix()
    assert (releases, toolkits, patterns) == (
        len(shipped.tensorflow.releases),
        len(shipped.drivers.toolkits),
        len(shipped.gpus.patterns),
    )
