"""A notebook's runtime log as its viewer shows it (Colab's "View runtime logs": newest first,
in Timestamp/Level/Message columns), pasted as the CSV it downloads, the page's table, or
tab-separated text: the doctor reads the messages in the order TensorFlow printed them.

The row shapes are Colab's as reporters pasted them (googlecolab/colabtools#3884 CSV, #1209
table); the messages are TensorFlow's own lines from kubeflow/kubeflow#940."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.diagnose.runtime_log_view import as_printed

PRINTED = [
    "2018-06-15 00:00:58.577468: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1423]"
    " Adding visible gpu devices: 0",
    "2018-06-15 00:00:58.577542: E tensorflow/core/common_runtime/direct_session.cc:167]"
    " Internal: cudaGetDevice() failed. Status: CUDA driver version is insufficient for CUDA"
    " runtime version",
    "2018-06-15 00:00:58.587926: I tensorflow/cc/saved_model/loader.cc:291] SavedModel load for"
    " tags { serve }; Status: fail. Took 115356 microseconds.",
]
TIMES = ["Jun 15, 2018, 12:00:58 AM", "Jun 15, 2018, 12:00:59 AM", "Jun 15, 2018, 12:01:00 AM"]


def _csv_cell(message: str) -> str:
    if "," in message or '"' in message:
        return '"' + message.replace('"', '""') + '"'
    return message


VIEWS = {
    "csv-download": "Timestamp,Level,Message\n"
    + "\n".join(
        f'"{time}",WARNING,{_csv_cell(line)}'
        for time, line in reversed(list(zip(TIMES, PRINTED, strict=True)))
    ),
    "page-table": "Timestamp | Level | Message\n-- | -- | --\n"
    + "\n".join(
        f"{time} | WARNING | {line}"
        for time, line in reversed(list(zip(TIMES, PRINTED, strict=True)))
    ),
    "tab-separated": "\n".join(
        f"{time}\tWARNING\t{line}"
        for time, line in reversed(list(zip(TIMES, PRINTED, strict=True)))
    ),
}


@pytest.mark.parametrize("view", VIEWS)
def test_a_runtime_log_view_reads_as_printed(view: str) -> None:
    assert as_printed(VIEWS[view]).splitlines() == PRINTED


@pytest.mark.parametrize("view", VIEWS)
def test_a_failure_after_the_gpu_was_added_is_not_read_as_a_working_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], view: str
) -> None:
    # newest first, the driver's refusal sits above the GPU being added: read in the viewer's
    # order, the GPU looked registered with nothing failing after it
    found = doctor(tmp_path, capsys, VIEWS[view])
    assert found["gpu_used"] == "no"
    assert found["findings"][0]["id"] == "driver-too-old"


def test_a_message_over_several_lines_keeps_them_under_its_row() -> None:
    view = (
        "Oct 18, 2019, 7:54:49 AM | WARNING | Found device 0 with properties:\n"
        "name: Tesla K80 major: 3 minor: 7\n"
        "Oct 18, 2019, 7:54:48 AM | INFO | Kernel started: b9e44794\n"
    )
    assert as_printed(view).splitlines() == [
        "Kernel started: b9e44794",
        "Found device 0 with properties:",
        "name: Tesla K80 major: 3 minor: 7",
    ]


def test_one_dated_line_in_a_paste_is_no_viewer() -> None:
    text = "Oct 18, 2019, 7:54:49 AM | WARNING | it crashed\nTraceback (most recent call last):\n"
    assert as_printed(text) == text


def test_text_pasted_under_the_view_stays_after_its_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a traceback under the table (colabtools#513 pastes text there) is not the oldest row's
    below = "\nTraceback (most recent call last):\nInternalError: cudaGetDevice() failed.\n"
    assert as_printed(VIEWS["page-table"] + below).splitlines()[-2:] == [
        "Traceback (most recent call last):",
        "InternalError: cudaGetDevice() failed.",
    ]
    found = doctor(tmp_path, capsys, VIEWS["page-table"] + below)
    assert found["gpu_used"] == "no"


def test_githubs_markdown_table_of_the_view_reads_too() -> None:
    # colabtools#4139's form: '|' around each row, Markdown's escapes in the cells
    narrow, escaped = "\u202fAM", "\\_"
    table = "|Timestamp|Level|Message|\n|---|---|---|\n" + "\n".join(
        f"|{time.replace(' AM', narrow)}|WARNING|{line.replace('_', escaped)}|"
        for time, line in reversed(list(zip(TIMES, PRINTED, strict=True)))
    )
    assert as_printed(table).splitlines() == PRINTED


# https://github.com/googlecolab/colabtools/issues/2013 (verbatim excerpt): Colab's CUDA 11.0
# under TensorFlow 2.5, built for 11.2; the page's table doubled spaces where it wrapped
DOUBLED_SPACES = (
    "May 14, 2021, 4:54:43 PM | WARNING | Skipping registering GPU devices...\n"
    "-- | -- | --\n"
    "May 14, 2021, 4:54:43 PM | WARNING | 2021-05-14  14:54:43.022397: I "
    " tensorflow/stream_executor/platform/default/dso_loader.cc:53]  Successfully opened dynamic"
    " library libcudnn.so.8\n"
    "May 14, 2021, 4:54:43 PM | WARNING | 2021-05-14  14:54:43.022052: I "
    " tensorflow/stream_executor/platform/default/dso_loader.cc:53]  Successfully opened dynamic"
    " library libcusparse.so.11\n"
    "May 14, 2021, 4:54:43 PM | WARNING | 2021-05-14  14:54:43.021067: W "
    " tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not  load dynamic"
    " library 'libcusolver.so.11'; dlerror: libcusolver.so.11:  c\n"
)


def test_spaces_the_view_doubled_are_single_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Could not load dynamic library 'libcusolver.so.11'" in as_printed(DOUBLED_SPACES)
    top = doctor(tmp_path, capsys, DOUBLED_SPACES, "--tf", "2.5.0")["findings"][0]
    # the other CUDA 11 libraries load: the CUDA there is 11.0, whose cuSOLVER is .so.10
    assert (top["id"], top["severity"]) == ("cuda-version-mismatch", "error")
    assert "CUDA 11.0" in top["title"]
