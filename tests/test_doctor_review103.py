"""The doctor on review 103's cases (tests/fixtures/review103/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor_document, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review103", name)


def ids(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"]]


def errors(document: Any) -> list[str]:
    return [f["id"] for f in document["findings"] if f["severity"] == "error"]


def test_a_retyped_cudnn_check_is_still_the_version_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cudnn-the-source-retyped"), "--tf", "1.12")
    assert errors(document)[:1] == ["cudnn-version-mismatch"]


def test_tf1s_could_not_dlopen_dso_names_the_cuda_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("dlopen-dso-cublas"))
    assert document["gpu_used"] == "no"
    assert "cuda-libs-not-found" in ids(document)
    assert errors(document)[0] in {"cuda-version-mismatch", "cuda-libs-not-found"}


def test_a_version_note_follows_the_harmless_lines_where_the_gpu_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "2.0", "--cuda-toolkit", "10.1", "--cudnn", "7.6.5")
    document = run(tmp_path, capsys, log_of("tf20-stated-cuda-101-gpu-at-work"), *flags)
    assert document["gpu_used"] == "yes"
    assert ids(document)[:2] == ["benign-log-noise", "cuda-version-mismatch"]


@pytest.mark.parametrize("name", ["end-of-sequence-tf20", "autograph-could-not-transform"])
def test_end_of_epoch_and_autograph_lines_are_named_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert ids(document) == ["benign-log-noise"]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("expected-output-fenced", "cudnn-not-found"),
        ("expected-output-heading", "cuda-libs-not-found"),
    ],
)
def test_quoted_expected_output_is_not_the_users_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, first: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert errors(document) == [first]


def test_a_week_old_failure_shown_with_cat_is_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cat-older-failure"), "--os", "linux")
    assert document["gpu_used"] == "yes"
    assert not [f for f in document["findings"] if f["severity"] != "info"]


def test_a_week_old_success_shown_with_cat_does_not_hide_the_live_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cat-older-success"), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert errors(document) == ["driver-library-mismatch"]


def test_a_shown_file_as_old_as_the_live_run_stays_part_of_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same paste with the shown file written an hour before the live run (a run still
    writing under tmux): not history, so its failure is read."""
    log = log_of("cat-older-failure").replace("2023-04-10 09:", "2023-04-18 15:")
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert "cuda-libs-not-found" in ids(document)


@pytest.mark.parametrize(
    "name", ["terminal-gpu-then-notebook-no-module", "notebook-no-gpu-then-terminal-gpu"]
)
def test_a_notebook_beside_a_working_terminal_is_the_other_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "linux")
    assert document["gpu_used"] == "no"
    assert errors(document)[:1] == ["wrong-python-environment"]


def test_another_hosts_failing_nvidia_smi_says_nothing_of_the_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("ssh-other-node-smi-fails"), "--os", "linux")
    assert document["gpu_used"] == "yes"
    assert document["findings"] == []


def test_another_hosts_gpu_is_not_the_login_nodes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The GPU node's A100 and driver are not the login node's: no CUDA libraries to install
    for a GPU the machine TensorFlow ran on was never shown to have."""
    flags = ("--os", "linux", "--tf", "2.15")
    document = run(tmp_path, capsys, log_of("login-node-tf-then-ssh-gpu-node-smi"), *flags)
    assert document["gpu_used"] == "no"
    assert errors(document) == []
    assert not any("A100" in e for f in document["findings"] for e in f["evidence"])


def test_a_containers_prompt_stays_with_the_hosts_story(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A prompt named by a container's id is a shell on the same host: its nvidia-smi failure
    is read with the host's run, not set apart as another machine's."""
    log = log_of("ssh-other-node-smi-fails").replace(
        "user@node01:~$ ssh node02\nuser@node02:~$",
        "user@node01:~$ docker run -it img bash\nroot@3f2a1b9c0d1e:/#",
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert document["findings"] != []


def test_colabs_mounted_drive_marks_a_hosted_runtime_without_a_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("colab-drive-mounted-no-device"))
    assert errors(document) == ["no-nvidia-gpu"]
    assert "runtime" in document["findings"][0]["fix"].lower()


def test_tf1_under_a_python_newer_than_its_wheels_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#39768: TensorFlow 1.15 asked for under Python 3.8 (its wheels end at 3.7)."""
    document = run(tmp_path, capsys, "", "--os", "linux", "--tf", "1.15", "--python", "3.8")
    assert ids(document)[:1] == ["python-unsupported"]
    assert "3.7" in document["findings"][0]["fix"]


def test_tf1_beside_a_gpu_below_its_binaries_minimum_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "1.15", "--gpu", "GeForce GTX 660")
    flags += ("--driver", "440.33.01", "--cuda-toolkit", "10.0", "--cudnn", "7.6.5")
    document = run(tmp_path, capsys, "", *flags)
    assert errors(document) == ["compute-capability-unsupported"]
    assert document["gpu_used"] == "no"


def test_tf1_on_a_supported_stack_names_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "linux", "--tf", "1.15", "--python", "3.7", "--gpu", "GeForce GTX 1080")
    flags += ("--driver", "440.33.01", "--cuda-toolkit", "10.0", "--cudnn", "7.6.5")
    document = run(tmp_path, capsys, "", *flags)
    assert [f for f in document["findings"] if f["severity"] != "info"] == []


def test_a_stated_index_past_the_first_gpu_is_named_before_the_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("k8s-pod-visible-devices-1")
    flags = ("--container", "--tf", "2.12")
    stated = run(tmp_path, capsys, log, *flags, "--env", "CUDA_VISIBLE_DEVICES=1")
    assert errors(stated) == ["cuda-visible-devices-hides-gpus"]
    assert any("CUDA_VISIBLE_DEVICES=1" in e for e in stated["findings"][0]["evidence"])
    # without the variable stated, a container without the GPU stays the likelier cause
    unstated = run(tmp_path, capsys, log, *flags)
    assert errors(unstated)[:1] == ["container-gpu-not-exposed"]


def test_native_windows_explains_its_cpu_only_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--os", "windows", "--tf", "2.11", "--python", "3.9")
    document = run(tmp_path, capsys, log_of("windows-211-build-without-cuda"), *flags)
    assert errors(document) == ["windows-native-gpu-unsupported"]
    assert "cpu-only-tensorflow" in ids(document)
