"""Several GPUs at work: NCCL failing between them, a build without NCCL, ops the optimiser or
the executor keeps on the CPU, GPUs that cannot reach each other directly, and memory notes
beside working GPUs. Logs are written in TensorFlow's and NCCL's own wording."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from doctor_support import doctor

from tfgpu_setup.diagnose.logfacts import read_log_facts
from tfgpu_setup.diagnose.logs import match_log
from tfgpu_setup.diagnose.release_hints import releases_from_hints
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.whatif import baseline_facts

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

GPUS_CREATED = (
    "2023-03-03 13:10:02.114512: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1613]"
    " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22290 MB memory:  ->"
    " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute capability:"
    " 8.6\n"
    "2023-03-03 13:10:02.115020: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1613]"
    " Created device /job:localhost/replica:0/task:0/device:GPU:1 with 22290 MB memory:  ->"
    " device: 1, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:02:00.0, compute capability:"
    " 8.6\n"
)


def _top(doc: Any) -> str:
    return str(doc["findings"][0]["id"]) if doc["findings"] else ""


@pytest.mark.parametrize(
    "failure",
    [
        # TensorFlow's NCCL ops, in the executor's words and in the raised error's
        "2023-03-03 13:12:24.938202: I tensorflow/core/common_runtime/executor.cc:1197]"
        " [/job:localhost/replica:0/task:0/device:GPU:1] (DEBUG INFO) Executor start aborting"
        " (this does not indicate an error and you can ignore this message): UNKNOWN: Error"
        " invoking NCCL: unhandled cuda error\n\t [[{{node NcclAllReduce_1}}]]\n",
        "tensorflow.python.framework.errors_impl.InternalError: 2 root error(s) found.\n"
        "  (0) Internal:  unhandled cuda error\n"
        "\t [[node Adam/NcclAllReduce (defined at train.py:60) ]]\n",
        # NCCL's own warning, with NCCL_DEBUG=INFO
        "node1:2753:2762 [0] transport/p2p.cu:548 NCCL WARN failed to open CUDA IPC handle : 11"
        " invalid argument\nnode1:2753:2762 [0] NCCL INFO init.cu:568 -> 1\n",
    ],
)
def test_nccl_failing_between_working_gpus_is_a_failure_on_the_gpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], failure: str
) -> None:
    doc = doctor(tmp_path, capsys, GPUS_CREATED + failure)
    assert _top(doc) == "gpu-kernel-failed"
    assert "NCCL_P2P_DISABLE=1" in doc["findings"][0]["fix"]


def test_nccl_without_room_in_a_containers_dev_shm_is_told_to_give_it_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NCCL's shared-memory transport in Docker's 64 MB /dev/shm: the all-reduce fails with
    'unhandled system error', which peer access has nothing to do with (review 63, c14)."""
    failure = (
        "3f1c2a9b7e11:41:77 [1] include/shm.h:28 NCCL WARN Error while creating shared memory"
        " segment nccl-shm-recv-2b1c3f8e5a6d7c90-0-1-0 (size 9637888)\n"
        "3f1c2a9b7e11:41:77 [1] NCCL INFO transport/shm.cc:101 -> 2\n"
        "  (0) Internal:  NCCL: unhandled system error. Set NCCL_DEBUG=WARN for detail.\n"
    )
    doc = doctor(tmp_path, capsys, GPUS_CREATED + failure, "--container")
    assert _top(doc) == "gpu-kernel-failed"
    assert "--shm-size" in doc["findings"][0]["fix"]
    assert doc["gpu_used"] == "yes"


def test_a_build_without_nccl_ops_is_told_to_use_another_all_reduce(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: No OpKernel was"
        " registered to support Op 'NcclAllReduce' used by {{node Adam/NcclAllReduce}} with"
        ' these attrs: [reduction="sum", shared_name="c1", T=DT_FLOAT, num_devices=2]\n'
        "Registered devices: [CPU, GPU]\n"
        "Registered kernels:\n"
        "  <no registered kernels>\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "windows")
    assert _top(doc) == "op-without-gpu-kernel"
    assert "HierarchicalCopyAllReduce" in doc["findings"][0]["fix"]
    assert doc["gpu_used"] == "yes"
    # the training step died on the GPUs the line names: the verdict says the work failed
    # (review 67, multi-GPU D03)
    assert "work on it failed" in doc["verdict"]


def test_the_optimisers_note_of_an_op_kept_on_the_cpu_is_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = GPUS_CREATED + (
        "2021-07-30 14:48:41.759558: W tensorflow/core/grappler/utils/graph_view.cc:830] No"
        " registered 'MultiDeviceIteratorGetNextFromShard' OpKernel for GPU devices compatible"
        " with node {{node MultiDeviceIteratorGetNextFromShard}}\n"
        "\t.  Registered:  device='CPU'\n\n"
        "Epoch 1/10\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert {f["id"] for f in doc["findings"]} == {"benign-log-noise"}


def test_the_same_words_raised_as_an_error_are_an_op_without_a_gpu_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "tensorflow.python.framework.errors_impl.NotFoundError: No registered 'RngReadAndSkip'"
        " OpKernel for 'GPU' devices compatible with node {{node RngReadAndSkip}}\n"
        "\t.  Registered:  device='CPU'\n"
    )
    assert _top(doctor(tmp_path, capsys, log)) == "op-without-gpu-kernel"


def test_an_op_the_executor_runs_only_on_the_cpu_is_an_op_without_a_gpu_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "W tensorflow/core/common_runtime/executor.cc:1076] 0x28d7890 Compute status:"
        " Unimplemented: Depthwise max pooling is currently only implemented for CPU devices.\n"
        '\t [[Node: MaxPool = MaxPool[ksize=[1, 1, 1, 512], padding="SAME",'
        ' _device="/job:localhost/replica:0/task:0/gpu:0"](Relu_2)]]\n'
    )
    doc = doctor(tmp_path, capsys, log)
    assert _top(doc) == "op-without-gpu-kernel"
    assert doc["gpu_used"] == "yes"


def test_gpus_without_peer_access_are_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2017-06-28 16:04:54.002462: I tensorflow/core/common_runtime/gpu/gpu_device.cc:779]"
        " Peer access not supported between device ordinals 0 and 3\n"
        "2017-06-28 16:04:54.004771: I tensorflow/core/common_runtime/gpu/gpu_device.cc:908]"
        " DMA: 0 1 2 3 \n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert {f["id"] for f in doc["findings"]} == {"benign-log-noise"}


@pytest.mark.parametrize(
    ("mb", "expected"),
    [("40", {"gpu-out-of-memory"}), ("0", set()), ("3912", set())],
)
def test_a_gpu_device_made_with_a_few_mb_is_memory_held_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mb: str, expected: set[str]
) -> None:
    log = (
        "2020-05-04 13:43:27.518051: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1241]"
        f" Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with {mb} MB"
        " memory) -> physical GPU (device: 0, name: GeForce GTX 1050, pci bus id: 0000:01:00.0,"
        " compute capability: 6.1)\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert {f["id"] for f in doc["findings"]} == expected
    assert doc["gpu_used"] == "yes"


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        ("CUDA driver version is insufficient for CUDA runtime version", "driver-too-old"),
        ("out of memory", "gpu-out-of-memory"),
    ],
)
def test_the_cuda_error_nccl_names_decides_over_its_unhandled_cuda_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cause: str, expected: str
) -> None:
    log = GPUS_CREATED + (
        f"node1:1201:1250 [0] misc/cudawrap.cc:90 NCCL WARN Cuda failure '{cause}'\n"
        "node1:1201:1250 [0] NCCL INFO init.cc:1147 -> 1\n"
        "tensorflow.python.framework.errors_impl.UnknownError: ncclCommInitRank failed:"
        " unhandled cuda error\n"
    )
    assert _top(doctor(tmp_path, capsys, log)) == expected


def test_nccl_ops_asked_of_a_tensorflow_without_a_gpu_are_not_a_build_without_nccl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: No OpKernel was"
        " registered to support Op 'NcclAllReduce' with these attrs.  Registered devices: [CPU],"
        " Registered kernels:\n  <no registered kernels>\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert "op-without-gpu-kernel" not in {f["id"] for f in doc["findings"]}
    assert doc["gpu_used"] != "yes"


@pytest.mark.parametrize("free", ["free ", ""])
def test_a_large_host_allocation_warning_is_harmless_in_either_wording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], free: str
) -> None:
    # TF 1.x: 'of system memory'; TF 2.x: 'of free system memory'
    log = GPUS_CREATED + (
        "2019-08-07 09:49:52.642800: W tensorflow/core/framework/allocator.cc:107] Allocation of"
        f" 553190400 exceeds 10% of {free}system memory.\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert {f["id"] for f in doc["findings"]} == {"benign-log-noise"}


def test_small_devices_the_user_asked_for_are_not_memory_held_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        ">>> tf.config.set_logical_device_configuration(gpus[0],"
        " [tf.config.LogicalDeviceConfiguration(memory_limit=128)] * 2)\n"
        + GPUS_CREATED.replace("22290 MB", "128 MB").replace("device: 1", "device: 0")
    )
    doc = doctor(tmp_path, capsys, log)
    assert "gpu-out-of-memory" not in {f["id"] for f in doc["findings"]}


@pytest.mark.parametrize(
    "setting",
    [
        "# tf.config.set_logical_device_configuration(gpus[0], [LogicalDeviceConfiguration("
        "memory_limit=128)])\n",
        "cluster = LocalCUDACluster(device_memory_limit='30GB')\n",
    ],
)
def test_a_limit_commented_out_or_another_programs_is_not_the_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str
) -> None:
    log = setting + GPUS_CREATED.replace("22290 MB", "96 MB")
    doc = doctor(tmp_path, capsys, log)
    assert "gpu-out-of-memory" in {f["id"] for f in doc["findings"]}


MAXWELL_AND_ADA = (
    "--os",
    "linux",
    "--python",
    "3.12",
    "--driver",
    "550.120",
    "--gpu",
    "5.2",
    "--gpu",
    "8.9",
    "--tf",
    "2.18",
)


def test_a_variable_showing_only_the_gpu_without_kernels_is_the_cause(tmp_path, capsys):
    bus_order = ("--env", "CUDA_DEVICE_ORDER=PCI_BUS_ID")
    doc = doctor(
        tmp_path, capsys, "", *MAXWELL_AND_ADA, "--env", "CUDA_VISIBLE_DEVICES=0", *bus_order
    )
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-visible-devices-hides-gpus", "error")
    assert "CUDA_VISIBLE_DEVICES=1" in first["fix"]


def test_an_index_in_cudas_own_order_is_not_taken_for_nvidia_smis(tmp_path, capsys):
    """Without CUDA_DEVICE_ORDER=PCI_BUS_ID, CUDA's GPU 0 is the fastest: likely the Ada."""
    doc = doctor(tmp_path, capsys, "", *MAXWELL_AND_ADA, "--env", "CUDA_VISIBLE_DEVICES=0")
    assert "error" not in {f["severity"] for f in doc["findings"]}


def test_an_index_both_orders_give_the_same_gpu_is_read_without_the_bus_order(tmp_path, capsys):
    """The Ada card is nvidia-smi's GPU 0 and the fastest: index 1 is the Maxwell card in
    CUDA's order and in the bus order alike, so it is the only GPU TensorFlow sees."""
    ada_first = (*MAXWELL_AND_ADA[:6], "--gpu", "8.9", "--gpu", "5.2", "--tf", "2.18")
    doc = doctor(tmp_path, capsys, "", *ada_first, "--env", "CUDA_VISIBLE_DEVICES=1")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-visible-devices-hides-gpus", "error")


def test_a_gpu_without_kernels_beside_one_with_them_is_no_cause(tmp_path, capsys):
    """TensorFlow skips the Maxwell card and runs on the Ada one: nothing to blame."""
    doc = doctor(tmp_path, capsys, "", *MAXWELL_AND_ADA)
    severities = {f["id"]: f["severity"] for f in doc["findings"]}
    assert severities.get("compute-capability-unsupported") == "info"
    assert "warning" not in severities.values() and "error" not in severities.values()
    assert not any("plan" in f["fix"] and "CUDA_VISIBLE" in f["fix"] for f in doc["findings"])


def test_the_ptxas_a_plan_would_pin_is_not_judged_as_installed(tmp_path, capsys):
    """Driver 550 (CUDA 12.4) is older than the ptxas 2.18 pins, but nothing says it is here."""
    doc = doctor(tmp_path, capsys, "", *MAXWELL_AND_ADA)
    assert "ptxas-newer-than-driver" not in [f["id"] for f in doc["findings"]]


def test_a_driver_for_every_gpu_outranks_one_gpu_without_kernels(tmp_path, capsys):
    """K80 + V100 on R470 with 2.15 (CUDA 12.2): the driver stops both; 2.15 only skips the K80."""
    doc = doctor(
        tmp_path,
        capsys,
        "",
        "--os",
        "linux",
        "--python",
        "3.11",
        "--driver",
        "470.256.02",
        "--gpu",
        "Tesla K80",
        "--gpu",
        "Tesla V100-PCIE-16GB",
        "--tf",
        "2.15.0",
    )
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("driver-too-old", "error")
    assert "no longer drives the Tesla K80" in first["fix"]
    skipped = next(f for f in doc["findings"] if f["id"] == "compute-capability-unsupported")
    assert skipped["severity"] == "warning"


def test_tf_trt_aborting_without_tensorrt_beside_a_working_gpu_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF-TRT's converter on a working GPU, with no libnvinfer.so.7: the TensorRT stub aborts
    the process (nvinfer_stub.cc). The GPU works; TF-TRT's work failed for want of TensorRT,
    and saying only 'uses the GPU' hid it (review 63, c17)."""
    log = GPUS_CREATED + (
        "INFO:tensorflow:Linked TensorRT version: (7, 2, 2)\n"
        "INFO:tensorflow:Loaded TensorRT version: (0, 0, 0)\n"
        "2021-09-30 09:41:30.493064: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libnvinfer.so.7'; dlerror:"
        " libnvinfer.so.7: cannot open shared object file: No such file or directory\n"
        "2021-09-30 09:41:30.493190: F tensorflow/compiler/tf2tensorrt/stub/nvinfer_stub.cc:49]"
        " getInferLibVersion symbol not found.\n"
        "Aborted (core dumped)\n"
    )
    doc = doctor(tmp_path, capsys, log, "--tf", "2.6.0")
    assert doc["gpu_used"] == "yes"
    first = doc["findings"][0]
    assert "TF-TRT" in first["title"] and "TensorRT" in first["fix"]
    assert "TF-TRT" in doc["verdict"]


TWO_A100S = (
    "2024-08-20 11:40:02.512215: I tensorflow/core/common_runtime/gpu/gpu_device.cc:2021]"
    " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 78938 MB memory:  ->"
    " device: 0, name: NVIDIA A100-SXM4-80GB, pci bus id: 0000:47:00.0, compute capability:"
    " 8.0\n"
    "2024-08-20 11:40:02.514870: I tensorflow/core/common_runtime/gpu/gpu_device.cc:2021]"
    " Created device /job:localhost/replica:0/task:0/device:GPU:1 with 78938 MB memory:  ->"
    " device: 1, name: NVIDIA A100-SXM4-80GB, pci bus id: 0000:4e:00.0, compute capability:"
    " 8.0\n"
    "2024-08-20 11:40:09.331018: I external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:531]"
    " Loaded cuDNN version 8907\n"
)


@pytest.mark.parametrize("visible", ["2,3", "0,1"])
def test_a_schedulers_gpus_at_work_are_not_judged_against_the_gpus_the_log_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], visible: str
) -> None:
    """Slurm's CUDA_VISIBLE_DEVICES=2,3 and two A100s at work: the log names the GPUs its
    process was shown (as 0 and 1), each name once, so '2,3 names GPUs that do not exist (1 GPU
    on this machine)' was invented (review 65, cloud D3, D3b, D9b)."""
    doc = doctor(
        tmp_path, capsys, TWO_A100S, "--os", "linux", "--env", f"CUDA_VISIBLE_DEVICES={visible}"
    )
    assert doc["gpu_used"] == "yes"
    assert "cuda-visible-devices-hides-gpus" not in [f["id"] for f in doc["findings"]]


def test_the_cudnn_a_log_loaded_narrows_the_releases_that_wrote_it() -> None:
    """cuDNN 8.9.7 loaded under XLA's source paths (2.15 on): 2.18 and later load cuDNN 9, so
    they did not write it (review 65, cloud D3)."""
    log = read_log_facts(TWO_A100S, match_log(TWO_A100S))
    releases = releases_from_hints(load_matrix(), log, baseline_facts())
    assert releases and all(r.startswith(("2.15", "2.16", "2.17")) for r in releases)


def test_the_cudnn_a_build_was_compiled_with_names_the_releases_that_wrote_it() -> None:
    """googlecolab/colabtools#2459: 'Loaded runtime CuDNN library: 8.0.5 but source was compiled
    with: 8.1.0': only 2.5 to 2.11 were built with cuDNN 8.1, so the release judged is one of
    them, not the newest of the matrix (review 68, platforms W1)."""
    log_text = (
        "Loaded runtime CuDNN library: 8.0.5 but source was compiled with: 8.1.0.  CuDNN library"
        " needs to have matching major version and equal or higher minor version.\n"
    )
    log = read_log_facts(log_text, match_log(log_text))
    releases = releases_from_hints(load_matrix(), log, baseline_facts())
    series = {tuple(int(n) for n in r.split(".")[:2]) for r in releases}
    assert series and all((2, 5) <= x <= (2, 11) for x in series)


MIG_TABLE = (
    "| NVIDIA-SMI 535.183.01             Driver Version: 535.183.01   CUDA Version: 12.2     |\n"
    "|                                         |                      |               MIG M. |\n"
    "|=========================================+======================+======================|\n"
    "|   0  NVIDIA A100-SXM4-40GB          On  | 00000000:07:00.0 Off |                   On |\n"
    "| N/A   31C    P0              43W / 400W |      0MiB / 40960MiB |     N/A      Default |\n"
    "|                                         |                      |              {mig} |\n"
    "+-----------------------------------------+----------------------+----------------------+\n"
    "| MIG devices:                                                                          |\n"
    "|==================+================================+===========+=======================|\n"
    "|  No MIG devices found                                                                 |\n"
    "2024-05-02 11:20:41.118392: E external/local_xla/xla/stream_executor/cuda/"
    "cuda_driver.cc:282] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is"
    " detected\n"
    "2024-05-02 11:20:41.118572: I external/local_xla/xla/stream_executor/cuda/"
    "cuda_diagnostics.cc:248] kernel version seems to match DSO: 535.183.1\n"
)


def test_an_nvidia_smi_table_in_mig_mode_with_no_instance_is_why_cuda_sees_no_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An A100 whose MIG M. cell says Enabled and whose MIG devices block says none were created:
    CUDA lists only MIG devices, so that, not a CUDA_VISIBLE_DEVICES hiding GPUs, is why it found
    none (review 67, multi-GPU D06; NVIDIA's MIG user guide)."""
    doc = doctor(tmp_path, capsys, MIG_TABLE.replace("{mig}", "Enabled"), "--os", "linux")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-gpu", "error")
    assert "MIG mode is on" in first["title"] and "mig -cgi" in first["fix"]
    # MIG mode off: the GPUs hidden stay the reading
    off = doctor(tmp_path, capsys, MIG_TABLE.replace("{mig}", "Disabled"), "--os", "linux")
    assert off["findings"][0]["id"] == "cuda-visible-devices-hides-gpus"


def test_a_small_gpu_skipped_beside_a_large_one_is_said_apart_from_the_noise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GT 1030 (3 multiprocessors) beside an RTX 3090: TensorFlow uses the 3090 and skips the
    small one. A user asking why the second GPU is idle gets that and the variable that lowers
    the bar, not one 'loaded a GPU library' note (review 67, multi-GPU D02)."""
    log = (
        "2021-06-02 14:21:50.118523: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:53] Successfully opened dynamic library libcudart.so.11.0\n"
        "2021-06-02 14:21:51.421866: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1829]"
        " Ignoring visible gpu device (device: 1, name: NVIDIA GeForce GT 1030, pci bus id:"
        " 0000:02:00.0, compute capability: 6.1) with core count: 3. The minimum required count"
        " is 8. You can adjust this requirement with the env var"
        " TF_MIN_GPU_MULTIPROCESSOR_COUNT.\n"
        "2021-06-02 14:21:51.512345: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1418]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 22302 MB"
        " memory) -> physical GPU (device: 0, name: NVIDIA GeForce RTX 3090, pci bus id:"
        " 0000:01:00.0, compute capability: 8.6)\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux")
    assert doc["gpu_used"] == "yes"
    skipped = next(f for f in doc["findings"] if f["id"] == "small-gpu-skipped")
    assert skipped["severity"] == "info" and "TF_MIN_GPU_MULTIPROCESSOR_COUNT=3" in skipped["fix"]


def test_xlas_no_supported_device_beside_a_gpu_without_kernels_is_that_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """deezer/spleeter#310: XLA's 'no supported devices found for platform CUDA' on a Quadro
    K420 (compute capability 3.0): TensorFlow ignored the only GPU for its capability, so that,
    not a CUDA_VISIBLE_DEVICES hiding GPUs, leads (review 68, ecosystem E6)."""
    log = (
        "2020-04-01 11:14:44.334923: F tensorflow/stream_executor/lib/statusor.cc:34] Attempting"
        " to fetch value instead of handling error Internal: no supported devices found for"
        " platform CUDA\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--gpu", "Quadro K420")
    assert _top(doc) == "compute-capability-unsupported"
    # with a GPU the release runs, hidden GPUs stay the reading
    runs = doctor(tmp_path, capsys, log, "--os", "linux", "--gpu", "GeForce GTX 1080")
    assert _top(runs) == "cuda-visible-devices-hides-gpus"
