"""Releases before [and-cuda] (TensorFlow 2.5-2.13) get GPU plans from NVIDIA's cu11 pip wheels;
CUDA 10 releases and 2.4 still need a system CUDA, and the plan says which one, exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import fixture_matrix
from packaging.specifiers import SpecifierSet

from tfgpu_setup.cli import main
from tfgpu_setup.matrix.model import CudaWheelSet

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

MATRIX = fixture_matrix()
VENV = "/home/ada/tf legacy"
RTX2080TI = ["--no-probe", "--os", "linux", "--driver", "525.85.12"]


def wheel_set_for(version: str) -> CudaWheelSet:
    return next(
        s for s in MATRIX.tensorflow.cuda_wheel_sets if version in SpecifierSet(s.tensorflow)
    )


@pytest.fixture(autouse=True)
def _no_overrides_from_the_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)


def plan(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(["plan", *argv, "--venv", VENV, "--json"])
    out, err = capsys.readouterr()
    assert err == ""
    document: dict[str, Any] = json.loads(out)
    return code, document


def decision(document: dict[str, Any], subject: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in document["decisions"] if d["subject"] == subject)
    return found


def test_rtx_2080_ti_with_tf_2_10_gets_a_gpu_plan_with_exact_cu11_pins(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = plan(
        capsys, *RTX2080TI, "--python", "3.9", "--gpu", "NVIDIA GeForce RTX 2080 Ti", "--tf", "2.10"
    )
    assert code == 0
    assert (doc["verdict"], doc["tensorflow"], doc["python"]) == ("gpu", "2.10.1", "3.9")
    wheel_set = wheel_set_for("2.10.1")
    assert doc["requirements"] == ["tensorflow==2.10.1", "numpy==1.23.5", *wheel_set.pins]
    assert "nvidia-cudnn-cu11==8.6.0.163" in doc["requirements"]
    assert all("==" in r for r in doc["requirements"])
    site = f"{VENV}/lib/python3.9/site-packages"
    library_path = doc["environment"]["LD_LIBRARY_PATH"].split(":")
    assert library_path[-1] == "$LD_LIBRARY_PATH"
    for soname, path in wheel_set.sonames.items():
        assert f"{site}/{path.rsplit('/', 1)[0]}" in library_path, soname
    assert doc["environment"]["PATH"] == f"{VENV}/bin:{site}/nvidia/cuda_nvcc/bin:$PATH"
    # (quoted: the venv's path has a space, at which XLA would split the flag)
    assert doc["environment"]["XLA_FLAGS"] == (
        f"$XLA_FLAGS --xla_gpu_cuda_data_dir='{site}/nvidia/cuda_nvcc'"
    )
    cuda = decision(doc, "cuda")
    assert cuda["outcome"] == "pip" and "libcusolver.so.11" in cuda["reason"]
    assert "CUDA not stated, cuDNN not stated" in cuda["reason"]
    assert not [f for f in doc["findings"] if f["severity"] == "error"]


def test_tf_2_12_on_wsl2_also_reads_the_windows_driver_library(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = plan(
        capsys,
        "--no-probe",
        "--os",
        "wsl2",
        "--driver",
        "537.58",
        "--python",
        "3.10",
        "--gpu",
        "NVIDIA GeForce RTX 3060 Laptop GPU",
        "--tf",
        "2.12",
    )
    assert (code, doc["verdict"], doc["tensorflow"]) == (0, "gpu", "2.12.1")
    assert "nvidia-cuda-runtime-cu11==11.8.89" in doc["requirements"]
    library_path = doc["environment"]["LD_LIBRARY_PATH"].split(":")
    assert "/usr/lib/wsl/lib" in library_path
    assert any(p.endswith("nvidia/cuda_cupti/lib") for p in library_path)  # 2.12 loads 11.8's


def test_a_system_cuda_that_matches_the_build_is_used_instead_and_the_plan_says_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = plan(
        capsys,
        *RTX2080TI,
        "--python",
        "3.9",
        "--gpu",
        "NVIDIA GeForce RTX 2080 Ti",
        "--tf",
        "2.10",
        "--cuda-toolkit",
        "11.2",
        "--cudnn",
        "8.1.1",
    )
    assert (code, doc["verdict"], doc["requirements"][0]) == (0, "gpu", "tensorflow==2.10.1")
    assert not any(r.startswith("nvidia-") for r in doc["requirements"])
    cuda = decision(doc, "cuda")
    assert cuda["outcome"] == "system" and "does not add NVIDIA's pip wheels" in cuda["reason"]
    assert doc["environment"]["LD_LIBRARY_PATH"].startswith("/usr/local/cuda-11.2/lib64")


def test_a_driver_below_the_cuda_11_floor_is_the_step_before_the_gpu_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = plan(
        capsys,
        "--no-probe",
        "--os",
        "linux",
        "--driver",
        "440.100",
        "--python",
        "3.9",
        "--gpu",
        "NVIDIA GeForce RTX 2080 Ti",
        "--tf",
        "2.10",
    )
    # the GPU build of 2.10, once the driver is updated (the CPU build would be replaced then)
    assert (code, doc["verdict"]) == (0, "gpu")
    hit = doc["findings"][0]
    assert hit["id"] == "driver-too-old"
    assert hit["severity"] == "error" and "450.80.02" in " ".join(hit["evidence"])


@pytest.mark.parametrize(
    ("tf", "python", "cuda", "cudnn"),
    [("2.3", "3.8", "10.1", "7.6"), ("2.4", "3.8", "11.0", "8.0")],
)
def test_releases_pip_cannot_serve_say_which_system_cuda_they_need(
    capsys: pytest.CaptureFixture[str], tf: str, python: str, cuda: str, cudnn: str
) -> None:
    gpu = ("--gpu", "NVIDIA GeForce RTX 2080 Ti", "--tf", tf)
    unstated = plan(capsys, *RTX2080TI, "--python", python, *gpu)[1]
    assert unstated["verdict"] == "gpu"  # a system CUDA nobody mentioned is assumed, to confirm
    assert "cuda" in [a["fact"] for a in unstated["assumptions"]]
    absent = ("--cuda-toolkit", "none", "--cudnn", "none")
    code, doc = plan(capsys, *RTX2080TI, "--python", python, *gpu, *absent)
    # the GPU build, once the user installs what pip cannot bring: that is the error to mend
    assert (code, doc["verdict"]) == (0, "gpu")
    assert not [r for r in doc["requirements"] if r.startswith("nvidia-")]
    needed = decision(doc, "cuda")
    assert needed["outcome"] == "needed"
    assert f"cudatoolkit={cuda} cudnn={cudnn}" in needed["reason"]
    assert doc["findings"][0]["id"] == "cuda-libs-not-found"


def test_native_windows_tf_2_10_is_not_given_linux_wheels(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = plan(
        capsys,
        "--no-probe",
        "--os",
        "windows",
        "--driver",
        "537.58",
        "--python",
        "3.10",
        "--gpu",
        "NVIDIA GeForce RTX 2080 Ti",
        "--tf",
        "2.10",
        "--cuda-toolkit",
        "none",
    )
    assert (code, doc["verdict"]) == (0, "gpu")
    assert doc["findings"][0]["severity"] == "error"  # the system CUDA to install
    assert not [r for r in doc["requirements"] if r.startswith("nvidia-")]
    assert "Linux x86_64 and WSL2 only" in decision(doc, "cuda")["reason"]


@pytest.mark.parametrize(
    ("toolkit", "verdict"),
    [("10.1", "gpu"), ("10.2", "needs 10.1")],
)
def test_a_cuda_10_release_is_served_only_by_its_own_minor(
    capsys: pytest.CaptureFixture[str], toolkit: str, verdict: str
) -> None:
    # TensorFlow 2.3 loads libcudart.so.10.1: CUDA 10.2 installs libcudart.so.10.2 instead
    code, doc = plan(
        capsys,
        "--no-probe",
        "--os",
        "linux",
        "--driver",
        "440.33.01",
        "--python",
        "3.8",
        "--gpu",
        "NVIDIA GeForce GTX 1080",
        "--tf",
        "2.3",
        "--cuda-toolkit",
        toolkit,
        "--cudnn",
        "7.6.5",
    )
    assert (code, doc["verdict"]) == (0, "gpu")
    if verdict != "gpu":
        needed = decision(doc, "cuda")["reason"]
        assert "needs CUDA 10.1 and cuDNN 7.x ≥ 7.6" in needed and "found CUDA 10.2" in needed
        mismatch = next(f for f in doc["findings"] if f["id"] == "cuda-version-mismatch")
        assert mismatch["severity"] == "error" and mismatch["fix"].startswith("Install CUDA 10.1 (")
