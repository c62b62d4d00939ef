"""The doctor on review 118's cases (tests/fixtures/review118/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review118", name)


def test_a_conda_cudnn_the_build_needs_behind_another_copy_is_the_paths_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("conda-cudnn-behind-a-toolkits-copy")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.10")
    first = document["findings"][0]
    assert first["id"] == "ld-library-path-shadows" and first["severity"] == "error"
    # conda's copy is the right one: no fix may tell the user to take its folder off the path
    assert not any("miniconda3/envs/tf/lib off" in f["fix"] for f in document["findings"])
    # where the conda environment's cuDNN is the old one, the mismatch stays the cause
    stale = log.replace("8.1.0.77", "8.0.5.39", 1)
    assert ids(run(tmp_path, capsys, stale, "--os", "linux", "--tf", "2.10"))[0] == (
        "cudnn-version-mismatch"
    )


def test_a_pci_bus_showing_only_intel_graphics_is_no_gpu_not_a_bare_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("ngc-image-on-a-laptop-with-intel-graphics")
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert ids(document)[0] == "no-nvidia-gpu"
    assert errors(document) == ["no-nvidia-gpu"]
    # stated, the same holds
    stated = run(tmp_path, capsys, log, "--os", "linux", "--gpu", "none")
    assert errors(stated) == ["no-nvidia-gpu"]
    # a listing with an NVIDIA 3D controller (a laptop's second GPU) is a GPU there
    with_nvidia = log.replace(
        "(rev 0c)\n",
        "(rev 0c)\n01:00.0 3D controller: NVIDIA Corporation GA107M [GeForce RTX 3050 Mobile]"
        " (rev a1)\n",
        1,
    )
    assert ids(run(tmp_path, capsys, with_nvidia, "--os", "linux"))[0] == (
        "container-gpu-not-exposed"
    )
    # a grep for VGA alone could miss that 3D controller: no evidence of no GPU
    vga_only = log.replace('grep -E "VGA|3D"', "grep -i vga", 1)
    assert ids(run(tmp_path, capsys, vga_only, "--os", "linux"))[0] == ("container-gpu-not-exposed")


def test_an_empty_lspci_before_a_prompt_that_lost_its_space_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("empty-lspci-prompt-without-space")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.10")
    assert errors(document) == ["no-nvidia-gpu"]
    # a paste ending at the command shows no output at all
    cut = log.rsplit("user@box:~$\n", 1)[0]
    assert "no-nvidia-gpu" not in errors(
        run(tmp_path, capsys, cut, "--os", "linux", "--tf", "2.10")
    )


def test_a_pip_list_the_paste_cut_short_names_no_wheel_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("pip-list-cut-short")
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.17")
    assert not any("nvidia-cusparse-cu12" in f["title"] for f in document["findings"])
    # the same rows, whole (the prompt after them), name the one wheel they leave out
    assert log.endswith("\n...\n")
    whole = log[: -len("...\n")] + "(tf) user@box:~$\n"
    named = run(tmp_path, capsys, whole, "--os", "linux", "--tf", "2.17")
    assert "nvidia-cusparse-cu12" in named["findings"][0]["title"]


def test_an_ides_python_without_tensorflow_beside_a_terminal_that_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("ide-run-without-tensorflow-then-terminal"))
    assert document["gpu_used"] != "yes"
    assert errors(document)[:1] == ["wrong-python-environment"]


def test_a_notebook_of_another_python_losing_the_gpu_after_the_terminals_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("notebook-kernel-of-base-after-the-terminals-gpu")
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert errors(document)[:1] == ["wrong-python-environment"]
    # one Python throughout (the notebook's is the terminal's): the library is the cause
    same = log.replace(
        "/home/nora/miniconda3/bin/python\n", "/home/nora/miniconda3/envs/tf/bin/python\n"
    )
    assert "wrong-python-environment" not in ids(run(tmp_path, capsys, same, "--os", "linux"))


def test_no_device_where_nvidia_smi_is_missing_is_a_machine_without_a_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("colab-cpu-runtime-without-nvidia-smi")
    document = run(tmp_path, capsys, log)
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-gpu" and first["severity"] == "warning"
    assert "nvidia-smi" in first["title"]
    # nvidia-smi missing alone still says the driver is most likely missing too
    alone = log.split("\n\n", 1)[0] + "\n"
    assert ids(run(tmp_path, capsys, alone))[0] == "no-nvidia-driver"
    # cuInit's 'no device' alone still reads as GPUs hidden from the process
    no_device = log.replace("/bin/bash: line 1: nvidia-smi: command not found\n", "")
    assert ids(run(tmp_path, capsys, no_device))[0] == "cuda-visible-devices-hides-gpus"
