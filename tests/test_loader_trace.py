"""The dynamic loader's trace (LD_DEBUG=libs) pasted beside a failure: a CUDA library it tried
on every path and never initialised is a library not found.

Lines verbatim from https://github.com/mozilla/DeepSpeech/issues/1210 (deepspeech-gpu, CUDA 8
not installed; the maintainer's diagnosis, confirmed by the reporter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

FAILURE = "ImportError: No module named _model\n"
TRACE = (
    "     17011:\t  trying file=../local_config_cuda/cuda/lib64/x86_64/libcublas.so.8.0\n"
    "     17011:\t  trying file=../local_config_cuda/cuda/lib64/libcublas.so.8.0\n"
    "     17011:\t  trying file=/home/divyaj/.local/lib/python2.7/site-packages/deepspeech/lib/"
    "libcublas.so.8.0\n"
)


def test_a_cuda_library_the_trace_never_loaded_is_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    top = doctor(tmp_path, capsys, FAILURE + TRACE)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "warning")
    assert "libcublas.so.8.0" in top["title"]
    # beside a stated CUDA of another version, the version is what is wrong
    stated = doctor(tmp_path, capsys, FAILURE + TRACE, "--cuda-toolkit", "9.0")["findings"][0]
    assert stated["id"] == "cuda-version-mismatch"


def test_only_the_library_the_trace_ends_on_was_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the loader moves on to the next library once one is found: libcudart was, libcublas not
    found_first = (
        "     17011:\tfind library=libcudart.so.8.0 [0]; searching\n"
        "     17011:\t  trying file=/usr/local/cuda/lib64/libcudart.so.8.0\n"
        "     17011:\t\n"
        "     17011:\tfind library=libcublas.so.8.0 [0]; searching\n"
    )
    found = doctor(tmp_path, capsys, FAILURE + found_first + TRACE)["findings"]
    assert [f["title"] for f in found if f["id"] == "cuda-libs-not-found"] == [
        "The loader looked for libcublas.so.8.0 on every path it had and did not load it"
        " (LD_DEBUG trace)"
    ]
    # a trace that went on to another library after libcublas had found it
    moved_on = TRACE + "     17011:\tfind library=libcufft.so.8.0 [0]; searching\n"
    found = doctor(tmp_path, capsys, FAILURE + moved_on)["findings"]
    assert not [f for f in found if f["id"] == "cuda-libs-not-found"]


def test_a_library_the_trace_shows_initialised_was_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = "     17011:\tcalling init: /usr/local/cuda/lib64/libcublas.so.8.0\n"
    found = doctor(tmp_path, capsys, FAILURE + TRACE + loaded)["findings"]
    assert not [f for f in found if f["id"] == "cuda-libs-not-found"]


def test_a_trace_without_a_failure_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not doctor(tmp_path, capsys, TRACE)["findings"]


# https://github.com/mozilla/DeepSpeech/issues/1094 (verbatim): the trace's tail pasted without
# the error under it; cuDNN 6.0 was installed, this build looked for cuDNN 5.
CUDNN_5_SOUGHT = "".join(
    f"      9088:\t  trying file={folder}/libcudnn.so.5\n"
    for folder in (
        "/lib/x86_64-linux-gnu/tls/x86_64",
        "/lib/x86_64-linux-gnu/tls",
        "/lib/x86_64-linux-gnu/x86_64",
        "/lib/x86_64-linux-gnu",
        "/usr/lib/x86_64-linux-gnu/tls/x86_64",
        "/usr/lib/x86_64-linux-gnu/tls",
    )
)


def test_a_search_pasted_without_its_error_still_shows_the_library_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A found library ends its search at once: one tried on path after path, and nothing
    after, is the search that failed, even where the paste stops above the error."""
    top = doctor(tmp_path, capsys, CUDNN_5_SOUGHT, "--os", "linux")["findings"][0]
    assert (top["id"], top["severity"]) == ("cudnn-not-found", "warning")
    stated = doctor(tmp_path, capsys, CUDNN_5_SOUGHT, "--cudnn", "6.0")["findings"][0]
    assert stated["id"] == "cudnn-version-mismatch"


def test_a_search_cut_above_a_run_that_went_on_is_not_read_without_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The trace cut with '...' and the run's own output after it: the search may have found
    the library further on (written)."""
    went_on = CUDNN_5_SOUGHT + "...\nEpoch 1/10\n1875/1875 [==============================]\n"
    assert not doctor(tmp_path, capsys, went_on, "--os", "linux")["findings"]
