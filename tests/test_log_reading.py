"""doctor --log reads any log: the whole of it in bounded memory, any bytes, any line length,
and every signature in linear time."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose import logs
from tfgpu_setup.diagnose.logs import diagnose_log, read_log

TESTS = Path(__file__).parent
MISMATCH = (
    "2024-05-01 10:00:00.000000: E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282]"
    " failed call to cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system has unsupported display"
    " driver / cuda driver combination"
)
CHATTER = (
    "2024-05-01 10:00:00.000000: I tensorflow/core/util/port.cc:113] step 1234 loss 0.25 "
    "accuracy 0.91 on batch of 64 examples\n"
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "none"))


def doctor(capsys: pytest.CaptureFixture[str], log: Path) -> tuple[int, dict[str, Any]]:
    code = main(["doctor", "--log", str(log), "--json"])
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, document


def test_every_reading_of_a_log_runs_in_linear_time_on_long_lines() -> None:
    # Linear readings finish each of these 300,000-character lines in about a second; the
    # quadratic ones they replaced ('\S*ptxas', '.*?' between literals, '^\s*' over blank
    # lines) take minutes to hours. The script's watchdog and this timeout guard against a
    # hang; neither is a measurement.
    result = subprocess.run(
        [sys.executable, str(TESTS / "log_attacks.py")],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=TESTS,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "lines of 300000 characters" in result.stdout


def test_a_log_past_64_mib_is_read_to_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "train.log"
    chatter = CHATTER.encode()
    count = (65 << 20) // len(chatter) + 1
    with log.open("wb") as out:
        for _ in range(count // 1024):
            out.write(chatter * 1024)
        out.write(chatter * (count % 1024))
        out.write(MISMATCH.encode() + b"\n")
    assert log.stat().st_size > 64 << 20
    code, document = doctor(capsys, log)
    assert code != 1
    (finding,) = [f for f in document["findings"] if f["id"] == "driver-library-mismatch"]
    assert finding["evidence"][0].startswith(f"line {count + 1}: ")


def test_millions_of_lines_that_say_nothing_take_no_memory_and_keep_the_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a list entry per line read held 1.9 GB for a 200 MB log of 'x' lines
    count = 6_000_000
    text = b"x\n" * count + MISMATCH.encode() + b"\n" + b"\n" * count + MISMATCH.encode() + b"\n"
    kept = read_log(io.BytesIO(text))
    assert len(kept) < logs.FULL_TEXT_CHARS + 1000
    log = tmp_path / "train.log"
    log.write_bytes(text)
    _, document = doctor(capsys, log)
    (finding,) = [f for f in document["findings"] if f["id"] == "driver-library-mismatch"]
    assert [e.split(":")[0] for e in finding["evidence"][:2]] == [
        f"line {count + 1}",
        f"line {2 * count + 2}",
    ]


def test_invalid_utf8_on_stdin_is_read(tmp_path: Path) -> None:
    log = b"\xff\xfe\x00 garbage \xc3\x28\n" + MISMATCH.encode() + b"\n\x80\x81\n"
    result = subprocess.run(
        [sys.executable, "-m", "tfgpu_setup", "doctor", "--log", "-", "--json"],
        input=log,
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "TFGPU_MATRIX_DIR": str(tmp_path)},
    )
    assert result.returncode not in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert "driver-library-mismatch" in [f["id"] for f in document["findings"]]


def test_streaming_gives_what_reading_the_whole_text_gives() -> None:
    for path in sorted((TESTS / "fixtures" / "logs").glob("*.log")):
        raw = path.read_bytes()
        whole = diagnose_log(raw.decode("utf-8", errors="replace"))
        streamed = diagnose_log(read_log(io.BytesIO(raw)))
        assert streamed.findings == whole.findings, path.name
        assert streamed.gpu_seen == whole.gpu_seen, path.name


def test_a_line_longer_than_a_piece_keeps_its_number_and_its_signature(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(logs, "READ_PIECE_BYTES", 1024)
    long_line = "x" * 10_000 + " " + MISMATCH[-200:]
    text = f"{CHATTER}{long_line}\n{CHATTER}{MISMATCH}\n"
    kept = read_log(io.BytesIO(text.encode()))
    assert kept.count("\n") == text.count("\n") - 1  # the same lines, at the same numbers
    matches = logs.match_log(kept)
    assert [m.line_number for m in matches if m.signature.name == "cuinit-driver-mismatch"] == [
        2,
        4,
    ]


def test_a_log_of_one_line_repeated_keeps_a_few_copies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        MISMATCH + "\n"
    ) * 10_000 + "Could not create cudnn handle: CUDNN_STATUS_INTERNAL_ERROR\n"
    kept = read_log(io.BytesIO(text.encode()))
    assert kept.count(MISMATCH) == logs.MAX_REPEATS
    ids = [f.id for f in diagnose_log(kept).findings]
    assert ids == [f.id for f in diagnose_log(text).findings]


@pytest.mark.parametrize(
    "crash", ["Segmentation fault: 11", "Abort trap: 6", "Illegal instruction (core dumped)"]
)
def test_the_line_saying_the_process_died_is_not_joined_to_the_record_above(crash: str) -> None:
    # tensorflow#2773 (verbatim): macOS's shell reported the crash right under TensorFlow's
    # last record; a wrapped-record rejoin must not hide it inside that record
    from tfgpu_setup.diagnose.paste import rejoin_wrapped, unwrap

    log = (
        "I tensorflow/stream_executor/dso_loader.cc:108] successfully opened CUDA library"
        " libcufft.7.5.dylib locally\n" + crash + "\n"
    )
    assert rejoin_wrapped(unwrap(log)).splitlines()[-1] == crash
