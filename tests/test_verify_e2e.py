"""verify against real virtualenvs: real TensorFlow from PyPI on a machine without a GPU."""

from __future__ import annotations

import ctypes.util
import json
from pathlib import Path

import pytest
import virtualenv
from e2e_env import bare_venv, tensorflow_venv  # noqa: F401  (pytest fixtures)

from tfgpu_setup.errors import ExitCode
from tfgpu_setup.serde import from_jsonable, to_jsonable
from tfgpu_setup.verify.outcome import VerifyOutcome, classify_smoke
from tfgpu_setup.verify.results import SmokeReport, SmokeResult
from tfgpu_setup.verify.runner import run_smoke, venv_python, verify_env

# What TensorFlow logs when it finds no usable driver (cudart_stub.cc, cuda_platform.cc).
NO_DRIVER_LOG_LINES = ("Could not find cuda drivers", "failed call to cuInit")


@pytest.fixture(scope="module")
def cpu_only_outcome(tensorflow_venv: Path) -> VerifyOutcome:  # noqa: F811
    return verify_env(tensorflow_venv, {}, [])


def _report(outcome: VerifyOutcome) -> SmokeReport:
    assert outcome.smoke is not None and outcome.smoke.report is not None, outcome.reason
    return outcome.smoke.report


@pytest.mark.e2e
def test_tensorflow_without_a_gpu_is_cpu_only_and_says_why(cpu_only_outcome: VerifyOutcome) -> None:
    outcome = cpu_only_outcome

    assert outcome.status == "cpu-only"
    assert outcome.exit_code == ExitCode.CPU_ONLY
    assert "list_physical_devices('GPU') returned []" in outcome.reason
    report = _report(outcome)
    assert report.status == "completed"
    assert report.build_info["is_cuda_build"] is True
    assert report.gpus == ()


@pytest.mark.e2e
def test_gpu_checks_are_skipped_with_a_reason_never_passed(cpu_only_outcome: VerifyOutcome) -> None:
    report = _report(cpu_only_outcome)

    gpu_checks = report.checks_on("GPU")
    assert {c.name for c in gpu_checks} == {"matmul", "matmul-tf.function", "conv2d", "xla-jit"}
    assert all(c.status == "skipped" and c.reason for c in gpu_checks)
    assert not any(c.first_call_s for c in gpu_checks)


@pytest.mark.e2e
def test_cpu_checks_ran_on_the_cpu_with_correct_numbers(cpu_only_outcome: VerifyOutcome) -> None:
    report = _report(cpu_only_outcome)

    cpu_checks = {c.name: c for c in report.checks_on("CPU")}
    assert set(cpu_checks) == {"matmul", "matmul-tf.function", "conv2d", "xla-jit"}
    for check in cpu_checks.values():
        assert check.status == "passed", check.error
        assert check.result_device is not None and check.result_device.endswith("device:CPU:0")
        assert check.max_abs_error is not None and check.tolerance is not None
        assert check.max_abs_error <= check.tolerance
        assert check.first_call_s is not None and check.steady_call_s is not None


@pytest.mark.e2e
def test_tensorflows_own_log_lines_are_captured(cpu_only_outcome: VerifyOutcome) -> None:
    smoke = cpu_only_outcome.smoke
    assert smoke is not None

    assert any(line in smoke.stderr for line in NO_DRIVER_LOG_LINES), smoke.stderr[-2000:]
    # The JSON document stays alone on stdout: nothing TensorFlow printed leaked into it.
    assert _report(cpu_only_outcome).environment["TF_CPP_MIN_LOG_LEVEL"] == "0"


@pytest.mark.e2e
def test_the_layer_check_runs_in_the_target_env(
    cpu_only_outcome: VerifyOutcome,
    tensorflow_venv: Path,  # noqa: F811
) -> None:
    layers = cpu_only_outcome.layers

    assert layers is not None and layers.failure is None and layers.report is not None
    python = venv_python(tensorflow_venv)
    assert cpu_only_outcome.python == str(python)
    assert layers.report.python == _report(cpu_only_outcome).python
    if ctypes.util.find_library("cuda") is None:
        assert layers.report.driver.error == (
            "libcuda.so.1: cannot open shared object file: No such file or directory"
        )


@pytest.mark.e2e
def test_the_outcome_is_json_and_the_smoke_result_round_trips(
    cpu_only_outcome: VerifyOutcome,
) -> None:
    document = json.loads(json.dumps(cpu_only_outcome.to_jsonable()))

    assert document["status"] == "cpu-only" and document["exit_code"] == ExitCode.CPU_ONLY
    smoke = from_jsonable(SmokeResult, document["smoke"])
    assert smoke == cpu_only_outcome.smoke
    assert to_jsonable(smoke) == document["smoke"]


@pytest.mark.e2e
def test_a_smoke_test_that_runs_out_of_time_is_tf_broken(tensorflow_venv: Path) -> None:  # noqa: F811
    # Importing TensorFlow takes seconds: half a second is a real timeout.
    smoke = run_smoke(str(venv_python(tensorflow_venv)), {}, timeout=0.5)

    assert smoke.report is None
    assert smoke.failure is not None and smoke.failure.kind == "timeout"
    status, reason = classify_smoke(smoke)
    assert status == "tf-broken" and "no answer within 0.5 s" in reason


def test_a_venv_without_tensorflow_is_tf_broken(bare_venv: Path) -> None:  # noqa: F811
    outcome = verify_env(bare_venv, {}, [])

    assert outcome.status == "tf-broken"
    assert outcome.exit_code == ExitCode.TF_BROKEN
    assert outcome.reason == (
        "import tensorflow failed: ModuleNotFoundError: No module named 'tensorflow'"
    )
    report = _report(outcome)
    assert report.status == "import-failed"
    assert report.tf_import is not None and report.tf_import.exception == "ModuleNotFoundError"
    assert "ModuleNotFoundError" in (report.traceback_tail or "")
    assert report.checks == ()


def test_a_missing_path_is_no_env(tmp_path: Path) -> None:
    outcome = verify_env(tmp_path / "nowhere", {}, [])

    assert outcome.status == "no-env"
    assert outcome.exit_code == ExitCode.NO_TARGET_ENV
    assert outcome.reason == f"{tmp_path / 'nowhere'} does not exist"
    assert outcome.smoke is None and outcome.layers is None


def test_a_folder_that_is_not_a_virtualenv_is_no_env(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()

    outcome = verify_env(tmp_path, {}, [])

    assert outcome.status == "no-env"
    assert "not a virtualenv" in outcome.reason


def test_a_virtualenv_whose_python_is_gone_is_no_env(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    virtualenv.cli_run([str(venv), "--no-pip", "--quiet"])
    venv_python(venv).unlink()

    outcome = verify_env(venv, {}, [])

    assert outcome.status == "no-env"
    assert "has no Python interpreter" in outcome.reason


def test_the_e2e_cache_is_per_user_and_never_a_fixed_shared_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from e2e_env import e2e_cache_dir

    monkeypatch.delenv("TFGPU_E2E_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert e2e_cache_dir() == tmp_path / "cache" / "tfgpu-setup-tests" / "e2e"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert e2e_cache_dir() == Path.home() / ".cache" / "tfgpu-setup-tests" / "e2e"
    assert not str(e2e_cache_dir()).startswith(tempfile.gettempdir())
    monkeypatch.setenv("TFGPU_E2E_CACHE", str(tmp_path / "mine"))
    assert e2e_cache_dir() == tmp_path / "mine"
