"""A few hundred seeded fuzz cases on every input a user controls: no internal error, no hang.

`nox -s fuzz` runs thousands: TFGPU_FUZZ_CASES sets how many, TFGPU_FUZZ_SEED the seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzzing import Fuzzer

CASES = int(os.environ.get("TFGPU_FUZZ_CASES", "320"))
SEED = int(os.environ.get("TFGPU_FUZZ_SEED", "20261130"))


def test_no_input_causes_an_internal_error_or_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "no-refreshed-matrix"))
    monkeypatch.chdir(tmp_path)  # no ./.venv-tf: nothing is probed or verified
    tally = Fuzzer(tmp_path, SEED).run(CASES)
    with capsys.disabled():
        print(f"\nfuzz (seed {SEED}): {tally.line()}")
    assert tally.cases >= CASES  # printed-string cases also render what probe prints
    assert not tally.errors, "\n".join(tally.errors[:20])
