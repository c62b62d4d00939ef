"""Containers started without the GPU, as their own output shows it: the image's CUDA stub
answering, TensorFlow naming a container's id as its host, docker compose's prefixes."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# TensorFlow 2.15's own start-up in a GPU image started without --gpus (its cuda_driver.cc and
# cuda_diagnostics.cc wording; the host name and times written)
STUB_IN_A_CONTAINER = (
    "2024-01-22 08:44:12.005117: E external/local_xla/xla/stream_executor/cuda/"
    "cuda_driver.cc:274] failed call to cuInit: UNKNOWN ERROR (34)\n"
    "2024-01-22 08:44:12.005170: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_diagnostics.cc:129] retrieving CUDA diagnostic information for host: {host}\n"
    "2024-01-22 08:44:12.005178: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_diagnostics.cc:136] hostname: {host}\n"
    "2024-01-22 08:44:12.005251: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_diagnostics.cc:159] libcuda reported version is: NOT_FOUND: was unable to find"
    " libcuda.so DSO loaded into this program\n"
    "2024-01-22 08:44:12.005290: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_diagnostics.cc:163] kernel reported version is: 535.146.2\n"
    "Num GPUs: 0\n"
)


def test_a_stub_answering_where_tensorflow_names_a_container_host_is_a_container_without_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'docker run' of the user's own image (no '-gpu' tag to read): TensorFlow's diagnostics
    name its host by a container id, so the process that logged ran in a container, and the
    stub answered because no driver was mounted (review 63, a04e)."""
    log = "$ docker run --rm mytrainer python train.py\n" + STUB_IN_A_CONTAINER.format(
        host="5e1c8a2f7b3d"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert "--gpus all" in first["fix"]
    stub = [f for f in doc["findings"] if f["id"] == "ld-library-path-shadows"]
    assert all(f["severity"] != "error" for f in stub)


def test_a_pasted_docker_run_beside_a_named_host_keeps_the_stub_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same lines from a host with a name of its own: the 'docker run' above may be
    another process, so the stub found first on the host is what to fix."""
    log = "$ docker run --rm mytrainer python train.py\n" + STUB_IN_A_CONTAINER.format(
        host="gpu-box-01"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] != "container-gpu-not-exposed"


def test_docker_compose_output_is_read_without_its_service_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'docker compose up' prints its own lines bare and each service's lines after
    'name  | ': the service's lines are TensorFlow's, read from their start (review 63,
    a27b)."""
    compose = (
        "$ docker compose up\n"
        "[+] Running 1/1\n"
        " \u2714 Container proj-trainer-1  Created    0.1s\n"
        "Attaching to trainer-1\n"
        + "".join(
            f"trainer-1  | {line}\n"
            for line in STUB_IN_A_CONTAINER.format(host="3f2a9c1b8e0d").splitlines()
        )
        + "trainer-1 exited with code 0\n"
    )
    doc = doctor(tmp_path, capsys, compose, "--os", "linux")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert "compose" in first["fix"]
    assert not any("trainer-1  |" in e for f in doc["findings"] for e in f["evidence"])


def test_driver_capabilities_stated_without_compute_lead_beside_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NVIDIA_DRIVER_CAPABILITIES=utility mounts nvidia-smi and no libcuda: '--gpus all' is
    not the fix, 'compute' is, as plan says for the same facts (review 64, D10c)."""
    log = STUB_IN_A_CONTAINER.format(host="tf-train-0").replace(
        "UNKNOWN ERROR (34)", "UNKNOWN ERROR (303)"
    )
    flags = ("--container", "--env", "NVIDIA_VISIBLE_DEVICES=all")
    capped = (*flags, "--env", "NVIDIA_DRIVER_CAPABILITIES=utility")
    first = doctor(tmp_path, capsys, log, "--os", "linux", *capped)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert "compute,utility" in first["fix"]


@pytest.mark.parametrize(
    "step",
    [
        "RUN mamba install tensorflow-gpu==2.7.0",
        "Step 7/7 : RUN mamba install tensorflow-gpu==2.7.0",
        "#8 [4/5] RUN mamba install tensorflow-gpu==2.7.0",
    ],
)
def test_condas_cuda_refusal_while_an_image_builds_wants_the_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    """conda-forge/tensorflow-feedstock#216: 'mamba install tensorflow-gpu' in a Dockerfile
    finds no __cuda. No build step has a GPU ('docker build' takes no --gpus): the fix is
    CONDA_OVERRIDE_CUDA for that step, not 'docker run --gpus all' (review 67, thread replay
    t10b)."""
    log = (
        "FROM centos:centos7\n"
        f"{step}\n"
        "Encountered problems while solving:\n"
        "  - nothing provides __cuda needed by tensorflow-2.7.0-cuda102py310hcf4adbc_0\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--container")["findings"][0]
    assert first["id"] == "no-nvidia-driver" and "while the image builds" in first["title"]
    assert first["fix"].startswith("Set CONDA_OVERRIDE_CUDA")


JETSON_LIBCUDART = (
    "detector_1  | 2021-07-01 19:37:26.444182: W tensorflow/stream_executor/platform/default/"
    "dso_loader.cc:60] Could not load dynamic library 'libcudart.so.10.2'; dlerror:"
    " libcudart.so.10.2: cannot open shared object file: No such file or directory;"
    " LD_LIBRARY_PATH: /usr/local/cuda/lib64:/usr/local/cuda-10.2/targets/aarch64-linux/lib:\n"
)


def test_a_jetsons_container_without_cuda_wants_the_nvidia_runtime(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """dusty-nv/jetson-containers#72: a Jetson Nano's container cannot load libcudart.so.10.2.
    On JetPack 4 the NVIDIA runtime mounts CUDA from the host ('--runtime nvidia',
    jetson-containers#222), so that, not pip's [and-cuda] wheels for x86, is the fix (review 68,
    platforms W2)."""
    flags = ("--os", "linux", "--arch", "aarch64", "--gpu", "Jetson Nano", "--container")
    first = doctor(tmp_path, capsys, JETSON_LIBCUDART, *flags)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "--runtime nvidia" in first["fix"]
    # the runtime was asked for: its CSV files on the host are what to check
    asked = "$ sudo docker run --runtime nvidia -it detector\n" + JETSON_LIBCUDART
    first = doctor(tmp_path, capsys, asked, *flags)["findings"][0]
    assert (
        first["id"] == "container-gpu-not-exposed" and "host-files-for-container.d" in first["fix"]
    )
    # not a Jetson: the x86 reading stays
    x86 = doctor(tmp_path, capsys, JETSON_LIBCUDART, "--os", "linux", "--container")
    assert "NVIDIA runtime" not in x86["findings"][0]["title"]
