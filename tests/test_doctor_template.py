"""A pasted issue body keeps TensorFlow's issue template: its answers are the reporter's
statements, read as the doctor's flags would read them (flags still win)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.diagnose.template import template_answers

MISSING_CUDART_10_1 = (
    "2020-09-01 10:00:00.000000: W tensorflow/stream_executor/platform/default/dso_loader.cc:59]"
    " Could not load dynamic library 'libcudart.so.10.1'; dlerror: libcudart.so.10.1: cannot open"
    " shared object file: No such file or directory\n"
)
# The bug template of 2020 (tensorflow/.github/ISSUE_TEMPLATE/00-bug-issue.md), labels in bold
MARKDOWN_TEMPLATE = (
    "**System information**\n"
    "- **OS Platform and Distribution (e.g., Linux Ubuntu 16.04)**: Ubuntu 18.04\n"
    "- **TensorFlow installed from (source or binary)**: binary\n"
    "- **TensorFlow version (use command below)**: v2.3.0-rc2-23-gb36436b087 2.3.0\n"
    "- **Python version**: 3.8\n"
    "- **CUDA/cuDNN version**: 10.2 / 7.6.5\n"
    "- **GPU model and memory**: GeForce RTX 2080 Ti 11GB\n\n"
)
# GitHub's issue form since 2022 (tensorflow/.github/ISSUE_TEMPLATE/00-bug-issue.yaml)
FORM_ANSWERS = (
    "### TensorFlow version\n\n2.15.0\n\n### OS platform and distribution\n\nWindows 11\n\n"
    "### Python version\n\n3.11\n\n### CUDA/cuDNN version\n\n_No response_\n\n"
    "### GPU model and memory\n\nNVIDIA GeForce RTX 4070\n"
)


def test_the_templates_cuda_answer_makes_a_missing_runtime_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, MARKDOWN_TEMPLATE + MISSING_CUDART_10_1)
    first = found["findings"][0]
    assert first["id"] == "cuda-version-mismatch" and first["severity"] == "error"
    assert any("CUDA/cuDNN version: 10.2 / 7.6.5" in e for e in first["evidence"])


def test_a_flag_outranks_the_templates_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(
        tmp_path, capsys, MARKDOWN_TEMPLATE + MISSING_CUDART_10_1, "--cuda-toolkit", "10.1"
    )
    assert "cuda-version-mismatch" not in {f["id"] for f in found["findings"]}


def test_the_issue_forms_answers_are_read_and_no_response_states_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, FORM_ANSWERS)
    assert found["findings"][0]["id"] == "windows-native-gpu-unsupported"
    assert "cuda" in found["facts"]["unknown"]


@pytest.mark.parametrize(
    ("answer", "cuda", "cudnn"),
    [
        ("10.2 / 7.6.5", "10.2", "7.6.5"),
        ("CUDA 11.2, cuDNN 8.1", "11.2", "8.1"),
        ("cuda:  cuda_11.2.r11.2/ cuDNN: v8.1.1.33", "11.2", "8.1.1.33"),
        ("11.0", "11.0", None),
        ("cuDNN 8.6 with CUDA 11.8", "11.8", "8.6"),
        # tensorflow#22472 (review 70): NVIDIA's archive names the CUDA it is for first
        (
            "Cuda compilation tools, release 9.0/cudnn-9.0-windows10-x64-v7.3.0.29.zip",
            "9.0",
            "7.3.0.29",
        ),
        ("N/A", None, None),
        ("none", None, None),
    ],
)
def test_the_cuda_answer_is_read_in_the_ways_people_write_it(
    answer: str, cuda: str | None, cudnn: str | None
) -> None:
    answers = template_answers(f"- CUDA/cuDNN version: {answer}\n")
    assert (answers.cuda and answers.cuda.value) == cuda
    assert (answers.cudnn and answers.cudnn.value) == cudnn


def test_tf_env_collect_output_states_python_and_docker(tmp_path, capsys):
    # tensorflow/tools/tf_env_collect.sh writes these sections (the issue template asks for it).
    tf_env = (
        "== check python ===================================================\n"
        "python version: 3.6.7\n"
        "python branch:\n\n"
        "== are we in docker =============================================\n"
        "Yes\n\n"
        "== check pips ===================================================\n"
        "tensorflow-gpu         1.13.1\n"
    )
    facts = doctor(tmp_path, capsys, tf_env, "--no-probe")["facts"]
    assert [p["version"] for p in facts["pythons"]] == ["3.6.7"]
    assert facts["platform"]["container"] is True
    assert facts["platform"]["container_evidence"] == [
        "log: == are we in docker ============================================= Yes"
    ]


def test_the_forms_headings_as_retyped_and_a_release_named_with_tf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tensorflow#56690 (review 70): 'Tensorflow Version' then 'TF 2.9.1', a release native
    # Windows still ran on the GPU: no '2.11 or newer' finding for it
    body = (
        "### Tensorflow Version\n\nTF 2.9.1\n\n### OS Platform and Distribution\n\n"
        "Win10 21H2 x64\n\n### Python version\n\n3.9.13\n"
    )
    stated = template_answers(body).tf
    assert stated is not None and stated.value == "2.9.1"
    found = doctor(tmp_path, capsys, body)
    assert "windows-native-gpu-unsupported" not in {f["id"] for f in found["findings"]}
    named = template_answers("- TensorFlow version: tensorflow-gpu v2.4.1 (pip)\n").tf
    assert named is not None and named.value == "2.4.1"


def test_the_old_templates_tensorflow_line_is_read_even_misspelled() -> None:
    # tensorflow#28285 (review 72): '- TensorFlow: tenserflow-gpu 1.13.1'
    stated = template_answers("- TensorFlow: tenserflow-gpu 1.13.1\n").tf
    assert stated is not None and stated.value == "1.13.1"
    # the template's other TensorFlow line names no release
    assert template_answers("- TensorFlow installed from (source or binary): binary\n").tf is None
