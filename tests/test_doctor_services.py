"""TensorFlow in a service's workers: what their failures say, in the short words they print."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")


def test_a_forked_workers_cuda_initialization_error_names_the_fork(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """seldon-core#3314 (verbatim): the model loaded before gunicorn forked its workers."""
    doc = doctor(tmp_path, capsys, "CUDA error (3): initialization error.\n")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("device-config-after-init", "warning")
    assert "--preload" in first["fix"]


def test_the_short_eager_out_of_memory_wording_is_gpu_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """hotosm/fAIr#68 (verbatim): several gunicorn workers each held GPU memory."""
    doc = doctor(tmp_path, capsys, "Prediction Error : failed to allocate memory [Op:Mul]\n")
    assert doc["findings"][0]["id"] == "gpu-out-of-memory"
    # the same words about the host's own allocation are not read so (written)
    host = doctor(tmp_path, capsys, "malloc: failed to allocate memory for the buffer\n")
    assert "gpu-out-of-memory" not in {f["id"] for f in host["findings"]}


def test_a_gpu_busy_or_unavailable_names_an_unlicensed_vgpu_among_its_causes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DDMAL/Rodan#1332: a virtual machine's vGPU without its licence answered so, while no
    other process held the GPU (the reporter, a project member, confirmed the licence)."""
    log = (
        "tensorflow.python.framework.errors_impl.InternalError: cudaGetDevice() failed. Status:"
        " all CUDA-capable devices are busy or unavailable\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "license" in first["fix"]


def test_the_short_wording_does_not_claim_the_gpu_was_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The short form names no device: on a machine with no CUDA runtime it is the host's
    (written; review 30)."""
    log = (
        "2021-03-04 10:11:12.123456: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcudart.so.11.0'; dlerror:"
        " libcudart.so.11.0: cannot open shared object file: No such file or directory\n"
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError: failed to allocate"
        " memory [Op:Mul]\n"
    )
    titles = [f["title"] for f in doctor(tmp_path, capsys, log, "--os", "linux")["findings"]]
    assert not any("the GPU is used" in t for t in titles)


def test_the_container_hook_finding_no_gpu_on_the_node_is_no_gpu(tmp_path, capsys) -> None:
    # a kubelet event: the node (minikube here) has no GPU the driver can see
    log = (
        "Warning  Failed  2m24s (x3 over 2m43s)  kubelet, minikube  Error: failed to start"
        ' container "trainer": Error response from daemon: OCI runtime create failed: running'
        " prestart hook 0 caused error running hook: exit status 1, stdout: , stderr:"
        " nvidia-container-cli: initialization error: cuda error: no cuda-capable device is"
        " detected: unknown\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "no-nvidia-gpu"


@pytest.mark.parametrize("container", [(), ("--container",)])
def test_a_colab_runtime_stated_by_its_variables_without_a_gpu_is_the_runtime_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], container: tuple[str, ...]
) -> None:
    """Colab sets COLAB_RELEASE_TAG in every kernel; a CPU runtime has no driver at all (cuInit
    303, nvidia-smi missing). The runtime type gives it a GPU, not 'docker run --gpus all' nor
    a driver install (review 65, cloud D4, D4b; TensorFlow 2.18's cuda_driver.cc wording)."""
    log = (
        "!nvidia-smi\n/bin/bash: line 1: nvidia-smi: command not found\n"
        "2025-03-10 12:01:39.200345: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit:"
        " UNKNOWN ERROR (303)\n"
        "Num GPUs Available:  0\n"
    )
    flags = ("--os", "linux", "--env", "COLAB_RELEASE_TAG=release-colab_20250219-060225_RC01")
    first = doctor(tmp_path, capsys, log, *flags, *container)["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-gpu", "error")
    assert "Change runtime type" in first["fix"]


def test_a_vgpu_its_own_nvidia_smi_calls_unlicensed_is_the_licence_not_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vGPU guest's 'nvidia-smi -q' says 'License Status : Unlicensed (Restricted)', and CUDA
    answers 'busy or unavailable': the licence leads, not other processes (review 65, cloud
    D19; DDMAL/Rodan#1332 was the same state)."""
    log = (
        "    vGPU Software Licensed Product\n"
        "        Product Name                      : NVIDIA Virtual Compute Server\n"
        "        License Status                    : Unlicensed (Restricted)\n"
        "tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit"
        " initialization on GPU:0 failed. Status: all CUDA-capable devices are busy or"
        " unavailable\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert "unlicensed" in first["title"] and first["fix"].startswith("License the vGPU")
