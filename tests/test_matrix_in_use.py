"""Which matrix the commands use: one function finds it (shipped, refreshed, TFGPU_MATRIX_DIR),
says when it passes a refreshed file over and why, and refuses values that cannot be true."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix import refresh as refresh_module
from tfgpu_setup.matrix.load import (
    decode_drivers,
    decode_tensorflow,
    load_matrix,
    matrix_in_use,
    shipped_dir,
)

NO_PROBE = ["--no-probe", "--os", "linux", "--python", "3.11", "--driver", "580.65.06"]
GPU = ["--gpu", "NVIDIA GeForce RTX 3090"]


def shipped(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shipped_dir() / name).read_text())
    return data


def without_2_21(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["releases"] = [r for r in data["releases"] if r["version"] != "2.21.0"]
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data))
    return path


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("TFGPU_MATRIX_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the default refreshed folder


def json_of(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, document


def test_plan_uses_the_matrix_matrix_check_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    write(folder, "tensorflow.json", without_2_21(shipped("tensorflow.json")))
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(folder))
    code, check = json_of(capsys, "matrix", "check")
    assert (code, check["newest_release"]) == (0, "2.20.0")
    assert f"tensorflow.json: {folder}" in check["origin"]
    code, plan = json_of(capsys, "plan", *NO_PROBE, *GPU)
    assert (code, plan["tensorflow"]) == (0, "2.20.0")
    code, doctor = json_of(capsys, "doctor", *NO_PROBE, *GPU, "--no-verify")
    assert doctor["schema"] == "tfgpu-setup/doctor"


def _default_folder(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tfgpu-setup" / "matrices"


def test_an_older_refreshed_matrix_does_not_win_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = without_2_21(shipped("tensorflow.json"))
    old["refreshed"] = "2025-01-02"
    path = write(_default_folder(tmp_path), "tensorflow.json", old)
    code, plan = json_of(capsys, "plan", *NO_PROBE, *GPU)
    assert (code, plan["tensorflow"]) == (0, "2.21.0")
    # matrix check says which file is used and why
    code, check = json_of(capsys, "matrix", "check")
    assert check["origin"] == "shipped"
    (note,) = check["notes"]
    assert str(path) in note and "older than the shipped" in note and "matrix refresh" in note


def test_an_older_matrix_named_by_tfgpu_matrix_dir_is_used_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old = without_2_21(shipped("tensorflow.json"))
    old["refreshed"] = "2025-01-02"
    write(tmp_path / "pinned", "tensorflow.json", old)
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "pinned"))
    assert matrix_in_use().tensorflow.refreshed == "2025-01-02"
    code = main(["plan", *NO_PROBE, *GPU, "--json"])
    out, err = capsys.readouterr()
    assert (code, json.loads(out)["tensorflow"]) == (0, "2.20.0")
    assert "TFGPU_MATRIX_DIR" in err and "older" in err


def test_a_refreshed_matrix_dated_in_the_future_falls_back_to_shipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    future = without_2_21(shipped("tensorflow.json"))
    future["refreshed"] = "2999-01-01"
    path = write(_default_folder(tmp_path), "tensorflow.json", future)
    code, plan = json_of(capsys, "plan", *NO_PROBE, *GPU)
    assert (code, plan["tensorflow"]) == (0, "2.21.0")
    code = main(["matrix", "check"])
    out = capsys.readouterr().out
    assert code == 0 and str(path) in out and "future" in out


def drivers_missing_cuda_12_5() -> dict[str, Any]:
    data = copy.deepcopy(shipped("cuda-drivers.json"))
    data["toolkits"] = [t for t in data["toolkits"] if not t["cuda"].startswith("12.5")]
    return data


def test_an_inconsistent_refreshed_driver_table_falls_back_naming_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    path = write(folder, "cuda-drivers.json", drivers_missing_cuda_12_5())
    decode_drivers(json.loads(path.read_text()), str(path))  # valid on its own
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(folder))
    code = main(["plan", *NO_PROBE, *GPU, "--json"])
    out, err = capsys.readouterr()
    assert (code, json.loads(out)["tensorflow"]) == (0, "2.21.0")
    assert str(path) in err
    assert "matrices/tensorflow.json" not in err.split(str(path))[0]  # not blamed first
    matrix = matrix_in_use()
    assert matrix.origin == "shipped"


def test_matrix_refresh_runs_to_repair_a_broken_refreshed_matrix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    write(folder, "cuda-drivers.json", drivers_missing_cuda_12_5())
    (folder / "tensorflow.json").write_text("{ not json")
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(folder))
    reached: list[Path] = []
    real = refresh_module.refresh

    def offline(current: Any, dest: Path, **kwargs: Any) -> Any:
        reached.append(dest)

        def no_network(url: str, *, accept: Any = ()) -> bytes:
            raise UserError(f"{url}: offline in this test", ExitCode.NETWORK)

        return real(current, dest, fetcher=no_network, **kwargs)

    monkeypatch.setattr(refresh_module, "refresh", offline)
    assert main(["matrix", "refresh"]) == ExitCode.NETWORK  # it got as far as the network
    assert reached == [folder]


# ---------------------------------------------------------------------------------------------
# Values that cannot be true are refused, naming the file, the entry and the field


@pytest.mark.parametrize(
    ("floor", "why"), [("0", "not a driver version"), ("5" * 5000, "not a driver version")]
)
def test_driver_floors_that_cannot_be_true_are_refused(floor: str, why: str) -> None:
    data = shipped("cuda-drivers.json")
    data["toolkits"][0]["linux_min"] = floor
    with pytest.raises(UserError) as raised:
        decode_drivers(data, "refreshed/cuda-drivers.json")
    assert raised.value.code == ExitCode.MATRIX
    assert "refreshed/cuda-drivers.json" in raised.value.message
    assert "linux_min" in raised.value.message and why in raised.value.message
    assert len(raised.value.message) <= 400  # a 5,000-digit value is cut short


def test_a_release_without_a_python_is_refused() -> None:
    data = shipped("tensorflow.json")
    data["releases"][0]["python"] = []
    with pytest.raises(UserError) as raised:
        decode_tensorflow(data, "tensorflow.json")
    assert "field 'python'" in raised.value.message


def test_a_refresh_date_in_the_future_is_refused_by_matrix_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from tfgpu_setup.matrix.show import check_matrix

    matrix = load_matrix(None)
    result = check_matrix(matrix, date(2026, 1, 1))  # before the shipped refresh date
    assert result["valid"] is False and "future" in result["error"]
