"""The reduction of a smoke report to one status: a skipped check never counts as success."""

from __future__ import annotations

import pytest

from tfgpu_setup.errors import ExitCode
from tfgpu_setup.verify.outcome import EXIT_CODES, VerifyOutcome, classify_smoke
from tfgpu_setup.verify.results import (
    Check,
    ChildFailure,
    ImportOutcome,
    SmokeReport,
    SmokeResult,
    VisibleGpu,
)

NAMES = ("matmul", "matmul-tf.function", "conv2d", "xla-jit")


def _checks(device: str, status: str = "passed", **fields: object) -> tuple[Check, ...]:
    return tuple(Check(name, device, status, **fields) for name in NAMES)  # type: ignore[arg-type]


def _smoke(
    checks: tuple[Check, ...], gpus: tuple[VisibleGpu, ...] = (), status: str = "completed"
) -> SmokeResult:
    report = SmokeReport(
        schema="tfgpu-setup/smoke",
        schema_version=1,
        status=status,  # type: ignore[arg-type]
        python="3.11.7",
        executable="/venv/bin/python",
        prefix="/venv",
        tf_import=ImportOutcome(ok=True, seconds=5.0),
        tensorflow_version="2.21.0",
        tensorflow_path="/venv/lib/python3.11/site-packages/tensorflow",
        build_info={"is_cuda_build": True, "cuda_version": "12.5.1", "cudnn_version": "9"},
        gpus=gpus,
        gpu_listing_error=None,
        checks=checks,
        loaded_libraries=(),
        loaded_libraries_error=None,
        environment={},
        ptxas=None,
        error=None,
        traceback_tail=None,
        seconds=6.0,
    )
    return SmokeResult(report, None)


GPU0 = VisibleGpu("/physical_device:GPU:0", "/GPU:0", "9.0", "NVIDIA H200")


def test_every_check_passing_on_every_gpu_is_gpu() -> None:
    status, reason = classify_smoke(_smoke(_checks("/CPU:0") + _checks("/GPU:0"), (GPU0,)))

    assert status == "gpu"
    assert (
        reason == "TensorFlow 2.21.0 ran matmul, matmul-tf.function, conv2d, xla-jit on NVIDIA H200"
    )


def test_skipped_gpu_checks_are_cpu_only_with_their_reason() -> None:
    skipped = _checks("/GPU", "skipped", reason="TensorFlow lists no GPU")

    status, reason = classify_smoke(_smoke(_checks("/CPU:0") + skipped))

    assert status == "cpu-only"
    assert reason.endswith("runs on the CPU only: TensorFlow lists no GPU")


def test_a_visible_gpu_with_a_skipped_check_is_not_gpu() -> None:
    mixed = (*_checks("/GPU:0")[:3], Check("xla-jit", "/GPU:0", "skipped", reason="?"))

    status, _ = classify_smoke(_smoke(_checks("/CPU:0") + mixed, (GPU0,)))

    assert status != "gpu"


def test_one_failed_gpu_check_is_tf_broken_and_named() -> None:
    failing = (
        *_checks("/GPU:0")[:3],
        Check("xla-jit", "/GPU:0", "failed", error="INTERNAL: ptxas exited with non-zero code"),
    )

    status, reason = classify_smoke(_smoke(_checks("/CPU:0") + failing, (GPU0,)))

    assert status == "tf-broken"
    assert "xla-jit on /GPU:0: INTERNAL: ptxas exited with non-zero code" in reason


def test_a_failed_cpu_check_is_tf_broken_even_with_a_gpu() -> None:
    cpu = (Check("matmul", "/CPU:0", "failed", error="wrong numbers"), *_checks("/CPU:0")[1:])

    status, reason = classify_smoke(_smoke(cpu + _checks("/GPU:0"), (GPU0,)))

    assert status == "tf-broken" and "matmul on /CPU:0: wrong numbers" in reason


def test_no_report_is_tf_broken_with_the_failure() -> None:
    smoke = SmokeResult(None, ChildFailure("signal", "smoke.py was killed by SIGILL", -4))

    assert classify_smoke(smoke) == (
        "tf-broken",
        "the smoke test did not finish: smoke.py was killed by SIGILL",
    )


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("gpu", ExitCode.OK),
        ("cpu-only", ExitCode.CPU_ONLY),
        ("tf-broken", ExitCode.TF_BROKEN),
        ("no-env", ExitCode.NO_TARGET_ENV),
    ],
)
def test_each_status_has_its_own_exit_code(status: str, code: ExitCode) -> None:
    outcome = VerifyOutcome(status, "why", "/venv")  # type: ignore[arg-type]

    assert outcome.exit_code == code
    assert outcome.to_jsonable()["exit_code"] == int(code)
    assert len(set(EXIT_CODES.values())) == len(EXIT_CODES)
