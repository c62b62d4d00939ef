"""The doctor on review 116's cases (tests/fixtures/review116/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review116", name)


def test_pytorchs_error_line_pasted_alone_leaves_tensorflows_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("bare-runtimeerror-after-tf-trained")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.4")
    assert document["gpu_used"] == "yes"
    assert errors(document) == []


def test_missing_cuda_libraries_explain_the_missing_cudnn_beside_another_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorFlow 2.0 wants CUDA 10.0 and cuDNN 7: every CUDA library and cuDNN missing
    libraries = ("cudart", "cublas", "cufft", "curand", "cusolver", "cusparse")
    log = "".join(
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        f" library 'lib{name}.so.{version}'; dlerror: lib{name}.so.{version}: cannot open"
        " shared object file: No such file or directory\n"
        for name, version in (*((lib, "10.0") for lib in libraries), ("cudnn", "7"))
    )
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.0")
    assert ids(document)[0] == "cuda-version-mismatch"
    assert "cudnn-not-found" not in errors(document)


def test_an_op_librarys_missing_tensorflow_symbol_quoted_bare_is_the_op_built_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("op-library-symbol-quoted"), "--tf", "1.4")
    first = document["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch"
    assert "_GLIBCXX_USE_CXX11_ABI" in first["fix"]
    # TensorFlow's own library quoted the same way is no op library
    own = "_pywrap_tensorflow_internal.so: undefined symbol: _ZTIN10tensorflow8OpKernelE\n"
    assert "addon-tensorflow-mismatch" not in ids(run(tmp_path, capsys, own, "--tf", "1.4"))
