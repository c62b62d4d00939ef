"""The doctor on review 93's cases and on the readings left from earlier stops: NVML's
driver/library mismatch under WSL 2. Logs are composed in the tools' own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, plan_document

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


@pytest.mark.parametrize("os_flag", ["wsl2", "linux"])
def test_nvmls_mismatch_under_wsl2_is_a_linux_driver_inside_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], os_flag: str
) -> None:
    """nvidia-smi inside WSL 2 printing NVML's mismatch: WSL 2 loads no NVIDIA kernel module, so
    the second version is a Linux driver's libraries installed inside WSL; on Linux the
    kernel-module steps stay."""
    log = (
        "$ nvidia-smi\n"
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
    )
    first = run(tmp_path, capsys, log, "--os", os_flag)["findings"][0]
    wanted = "wsl-linux-driver-installed" if os_flag == "wsl2" else "driver-library-mismatch"
    assert first["id"] == wanted
    if os_flag == "wsl2":
        assert "inside WSL" in first["fix"] and "wsl --shutdown" in first["fix"]
        assert "dkms" not in first["fix"] and "initramfs" not in first["fix"]
    else:
        assert "dkms" in first["fix"]


def test_mesas_loader_failing_is_the_desktops_noise_not_an_unknown_gpu_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mesa's 'libGL error: failed to load driver: swrast' is a plotting library's software GL,
    not the GPU stack: the verdict asks TensorFlow, and does not say to fix Mesa first."""
    log = (
        "$ python train.py\n"
        "libGL error: MESA-LOADER: failed to open swrast: /usr/lib/dri/swrast_dri.so: cannot"
        " open shared object file: No such file or directory (search paths"
        " /usr/lib/x86_64-linux-gnu/dri, suffix _dri)\n"
        "libGL error: failed to load driver: swrast\n"
        "Epoch 1/10\n"
        "1875/1875 [==============================] - 41s 21ms/step - loss: 0.4990\n"
    )
    verdict = run(tmp_path, capsys, log, "--os", "linux")["verdict"]
    assert "libGL" not in verdict and "fix what it says first" not in verdict


def test_a_package_pip_lists_versions_of_is_not_a_misspelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip listing versions proves the name exists (tensorflowcv is a real package two edits
    from tensorflow); pip's first line alone with '(from versions: none)' still reads as one."""
    exists = (
        "$ pip install tensorflowcv==0.0.40\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflowcv==0.0.40"
        " (from versions: 0.0.1, 0.0.2, 0.0.38)\n"
        "ERROR: No matching distribution found for tensorflowcv==0.0.40\n"
    )
    titles = [f["title"] for f in run(tmp_path, capsys, exists)["findings"]]
    assert not any("misspelling" in t for t in titles)
    typo = (
        "C:\\Users\\ravi>pip install tensorfow-gpu==2.10.1\n"
        "ERROR: Could not find a version that satisfies the requirement tensorfow-gpu==2.10.1"
        " (from versions: none)\n"
    )
    first = run(tmp_path, capsys, typo)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "'tensorflow-gpu'" in first["title"]


def test_a_circular_import_among_the_users_own_modules_is_not_a_package_shadowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's 'partially initialized module' names a shadowed package only where the module
    is one the stack imports (keras, numpy, Python's own); models.py importing utils.py
    importing models.py is the user's own circle."""
    log = (
        "Traceback (most recent call last):\n"
        '  File "/home/u/proj/train.py", line 3, in <module>\n'
        "    from models import build_model\n"
        '  File "/home/u/proj/models.py", line 4, in <module>\n'
        "    from utils import make_optimizer\n"
        '  File "/home/u/proj/utils.py", line 2, in <module>\n'
        "    from models import BATCH_SIZE\n"
        "ImportError: cannot import name 'BATCH_SIZE' from partially initialized module"
        " 'models' (most likely due to a circular import) (/home/u/proj/models.py)\n"
    )
    findings = run(tmp_path, capsys, log)["findings"]
    assert not any("Rename your models.py" in f["fix"] for f in findings)


def test_apples_tensorflow_deps_refused_on_a_linux_conda_is_not_a_python_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "(base) dev@box:~$ conda install -c apple tensorflow-deps\n"
        "PackagesNotFoundError: The following packages are not available from current"
        " channels:\n"
        "\n"
        "  - tensorflow-deps\n"
        "\n"
        "Current channels:\n"
        "\n"
        "  - https://conda.anaconda.org/apple/linux-64\n"
        "  - https://conda.anaconda.org/apple/noarch\n"
        "  - https://repo.anaconda.com/pkgs/main/linux-64\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and first["severity"] == "error"
    assert "and-cuda" in first["fix"] and "Miniforge" not in first["fix"]


def test_tf_contrib_under_tensorflow_2_is_removed_not_kept_under_compat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 3, in <module>\n'
        "    slim = tf.contrib.slim\n"
        "AttributeError: module 'tensorflow' has no attribute 'contrib'\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert "tf.compat.v1.contrib" not in first["fix"] and "tf-slim" in first["fix"]


def test_cudnns_generic_pointer_gives_way_to_the_reason_printed_above_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'DNN library initialization failed. Look at the errors above': the line above says the
    GPU has no kernel image in this build, which is the cause, not cuDNN's version."""
    log = (
        "I0000 00:00:1748019631.224570   14877 gpu_device.cc:2019] Created device"
        " /job:localhost/replica:0/task:0/device:GPU:0 with 13511 MB memory:  -> device: 0,"
        " name: NVIDIA GeForce RTX 5070 Ti, pci bus id: 0000:01:00.0, compute capability: 12.0\n"
        "E0000 00:00:1748019636.811307   14961 cuda_dnn.cc:529] There was an error before"
        " creating cudnn handle (209): cudaErrorNoKernelImageForDevice : no kernel image is"
        " available for execution on the device\n"
        "2025-05-23 19:00:36.823010: W tensorflow/core/framework/op_kernel.cc:1857]"
        " OP_REQUIRES failed at conv_ops_impl.h:1204 : FAILED_PRECONDITION: DNN library"
        " initialization failed. Look at the errors above for more details.\n"
    )
    first = run(tmp_path, capsys, log, "--tf", "2.19.0", "--os", "linux")["findings"][0]
    assert first["id"] == "compute-capability-unsupported"


@pytest.mark.parametrize(
    ("line", "title_word"),
    [
        (
            "ERROR: Could not install packages due to an OSError: [WinError 5] Zugriff"
            " verweigert: 'C:\\\\Program Files\\\\Python310\\\\Lib\\\\site-packages\\\\numpy\\\\"
            "core\\\\_multiarray_umath.cp310-win_amd64.pyd'",
            "no right to write",
        ),
        (
            "ERROR: Could not install packages due to an OSError: [Errno 28] 设备上没有空间",
            "disk filled up",
        ),
    ],
)
def test_pips_install_failures_are_read_by_the_error_number_in_any_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, title_word: str
) -> None:
    """The OS words the error in the machine's language; pip's frame and the number say it."""
    log = "$ pip install tensorflow\nCollecting tensorflow\n" + line + "\n"
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and title_word in first["title"]


def test_a_1x_gpu_build_failing_to_load_beside_no_cuda_names_the_cuda_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow-gpu 1.13 links CUDA 10.0's DLLs: its DLL load failing with no CUDA installed
    is that CUDA missing, named by version."""
    log = (
        "C:\\Users\\sato>pip install tensorflow-gpu==1.13.1\n"
        "Successfully installed tensorflow-gpu-1.13.1\n"
        'C:\\Users\\sato>python -c "import tensorflow"\n'
        "ImportError: DLL load failed: 指定されたモジュールが見つかりません。\n"
        "Failed to load the native TensorFlow runtime.\n"
    )
    first = run(
        tmp_path, capsys, log, "--os", "windows", "--tf", "1.13.1", "--cuda-toolkit", "none"
    )["findings"][0]
    assert first["id"] == "cuda-libs-not-found" and first["severity"] == "error"
    assert "CUDA 10.0" in first["title"]
    # with no GPU build shown (no GPU, no tensorflow-gpu) it is the CPU package, whose 'DLL
    # load failed' is AVX or the C++ runtime (tensorflow#18530), not CUDA
    cpu = log.replace("tensorflow-gpu", "tensorflow")
    flags = ("--os", "windows", "--tf", "1.7", "--cuda-toolkit", "none", "--gpu", "none")
    no_gpu = run(tmp_path, capsys, cpu, *flags)["findings"]
    assert not any(f["severity"] == "error" and f["id"] == "cuda-libs-not-found" for f in no_gpu)


def test_a_cuda_context_made_by_another_library_first_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2018-01-06 14:45:50.641211: F tensorflow/stream_executor/cuda/cuda_driver.cc:232]"
        " current context was not created by the StreamExecutor cuda_driver API:"
        " 0x7fe122002400; a CUDA runtime call was likely performed without using a"
        " StreamExecutor context\n"
    )
    document = run(tmp_path, capsys, log)
    first = document["findings"][0]
    assert first["id"] == "gpu-kernel-failed" and "Another CUDA user" in first["title"]
    assert document["exit"] == 12


def test_the_shells_abort_line_does_not_lower_a_fatal_records_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's fatal record aborts the process: 'Aborted (core dumped)' pasted below it
    is the same crash, exit 12 with or without it."""
    log = (
        "2019-05-15 07:00:34.445685: E tensorflow/stream_executor/cuda/cuda_event.cc:48] Error"
        " polling for event status: failed to query event: CUDA_ERROR_LAUNCH_FAILED:"
        " unspecified launch failure\n"
        "2019-05-15 07:00:34.445785: F tensorflow/core/common_runtime/gpu/gpu_event_mgr.cc:274]"
        " Unexpected Event status: 1\n"
    )
    codes = {
        run(tmp_path, capsys, log + tail, "--os", "linux")["exit"]
        for tail in ("", "Aborted (core dumped)\n")
    }
    assert codes == {12}


def test_a_users_keras_py_is_named_when_keras_is_not_a_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "(venv) lena@ws:~/proj$ python keras.py\n"
        "2023-05-11 10:02:11.431920: I tensorflow/core/platform/cpu_feature_guard.cc:182] This"
        " TensorFlow binary is optimized to use available CPU instructions in"
        " performance-critical operations.\n"
        "Traceback (most recent call last):\n"
        '  File "/home/lena/proj/keras.py", line 2, in <module>\n'
        "    from keras.models import Sequential\n"
        "ModuleNotFoundError: No module named 'keras.models'; 'keras' is not a package\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "wrong-python-environment"
    assert "/home/lena/proj/keras.py" in first["title"] and "Rename" in first["fix"]


def test_a_paste_ending_in_an_error_is_not_called_only_harmless_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2023-05-11 10:02:11.431920: I tensorflow/core/platform/cpu_feature_guard.cc:182] This"
        " TensorFlow binary is optimized to use available CPU instructions in"
        " performance-critical operations.\n"
        "Traceback (most recent call last):\n"
        '  File "/home/u/train.py", line 9, in <module>\n'
        "    model.fit(x, y)\n"
        "ValueError: Input 0 of layer dense is incompatible with the layer\n"
    )
    verdict = run(tmp_path, capsys, log)["verdict"]
    assert "only lines TensorFlow prints" not in verdict and "ValueError" in verdict


def test_keras_reaching_for_compat_internal_under_a_stated_newer_release_is_another_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a TensorFlow before 2.5 lacks tf.compat.v2.__internal__: with 2.8 stated, the
    TensorFlow imported is not the one stated."""
    log = (
        '  File "/home/u/.local/lib/python3.8/site-packages/keras/__init__.py", line 25\n'
        "AttributeError: module 'tensorflow.compat.v2' has no attribute '__internal__'\n"
    )
    first = run(tmp_path, capsys, log, "--tf", "2.8.0")["findings"][0]
    assert first["id"] == "wrong-python-environment"


def test_a_cudnn_compiled_with_newer_than_the_releases_pin_names_that_floor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'compiled with: 8.9.4' under a stated 2.14, whose [and-cuda] pins the 8.7 that loaded:
    another build ran, and its floor is 8.9.4, not the release's pin."""
    log = (
        "2023-11-02 16:05:09.112345: E"
        " tensorflow/compiler/xla/stream_executor/cuda/cuda_dnn.cc:439] Loaded runtime CuDNN"
        " library: 8.7.0 but source was compiled with: 8.9.4.  CuDNN library needs to have"
        " matching major version and equal or higher minor version.\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.14")["findings"][0]
    assert first["id"] == "cudnn-version-mismatch"
    assert "8.9.4 or a newer 8.x" in first["fix"] and "cudnn-cu11==8.7" not in first["fix"]
    assert not any("cuDNN 8.7 (matrices" in e for e in first["evidence"])


def test_no_driver_at_all_leads_over_cudnns_missing_libcuda_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cuDNN asking for libcuda.so reads as the unversioned link missing, unless the paste shows
    the driver itself absent (cuInit failing, no nvidia-smi): then the driver leads."""
    log = (
        "2024-03-02 10:11:45.330213: E"
        " external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282] failed call to"
        " cuInit: UNKNOWN ERROR (303)\n"
        "[]\n"
        "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared"
        " object file: No such file or directory\n"
        "$ nvidia-smi\n"
        "Command 'nvidia-smi' not found, but can be installed with:\n"
        "sudo apt install nvidia-utils-535\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "no-nvidia-driver" and first["severity"] == "error"
    assert "ln -s" not in first["fix"]


def test_keras_3_refusing_a_savedmodel_folder_is_named_and_the_gpu_still_worked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2024-09-16 13:27:52.480015: I tensorflow/core/common_runtime/gpu/gpu_device.cc:2021]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 13942 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 4080, pci bus id: 0000:01:00.0, compute"
        " capability: 8.9\n"
        "ValueError: File format not supported: filepath=saved_model/my_model. Keras 3 only"
        " supports V3 `.keras` files and legacy H5 format files (`.h5` extension).\n"
    )
    document = run(tmp_path, capsys, log, "--tf", "2.17.0")
    assert document["gpu_used"] == "yes"
    assert any(
        f["id"] == "dependency-version-mismatch" and "TFSMLayer" in f["fix"]
        for f in document["findings"]
    )


def test_an_ignored_gpu_whose_reason_the_paste_cut_is_still_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2021-12-08 13:20:41.121809: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1871]"
        " Ignoring visible gpu device (device: 0, name: Quadro K2000, pci bus id:"
        " 0000:03:00.0, compute capability: 3.0) with Cuda compute capab\n"
    )
    document = run(tmp_path, capsys, log)
    assert document["findings"][0]["id"] == "compute-capability-unsupported"
    assert document["gpu_used"] == "no"


def test_a_spawned_worker_that_cannot_import_tensorflow_after_the_gpu_is_the_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """multiprocessing's spawn imports the script (and TensorFlow) again in each worker: its
    import failing after the main process created the GPU device ends the run (exit 12)."""
    log = (
        "2023-02-09 16:20:32.102334: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 5450 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3060, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "Epoch 1/30\n"
        "Traceback (most recent call last):\n"
        '  File "<string>", line 1, in <module>\n'
        '  File "C:\\\\envs\\\\tf\\\\lib\\\\multiprocessing\\\\spawn.py", line 116, in spawn_main\n'
        '  File "C:\\\\work\\\\train.py", line 3, in <module>\n'
        "    import tensorflow as tf\n"
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: The paging"
        " file is too small for this operation to complete.\n"
    )
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert document["findings"][0]["id"] == "windows-page-file-too-small"
    assert document["exit"] == 12


def test_cmds_not_recognised_answer_is_read_in_any_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cmd.exe answers in the machine's language: the quoted name under the prompt that typed
    it is the answer, whatever the words."""
    log = (
        "C:\\Users\\Jan>nvidia-smi\n"
        "'nvidia-smi' není názvem vnitřního ani vnějšího příkazu, spustitelného programu nebo"
        " dávkového souboru.\n"
        "2024-03-02 10:11:45.330213: E tensorflow/stream_executor/cuda/cuda_driver.cc:282]"
        " failed call to cuInit: UNKNOWN ERROR (303)\n"
    )
    first = run(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert first["id"] == "no-nvidia-driver" and "nvidia-smi is not there" in first["title"]


def test_a_32_bit_dll_is_read_in_windows_own_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: %1"
        " 不是有效的 Win32 应用程序。\n"
    )
    ids = [f["id"] for f in run(tmp_path, capsys, log, "--os", "windows")["findings"]]
    assert ids[0] == "python-unsupported"


def test_out_of_memory_creating_variables_does_not_lead_with_the_batch_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OOM in a weight initializer happens before any batch: the memory is held already."""
    log = (
        "ResourceExhaustedError: OOM when allocating tensor with shape[3,3,256,256] and type"
        " float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"
        " [Op:RandomStandardNormal]\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("Run nvidia-smi") and "does not help" in first["fix"]


def test_nvmls_mismatch_in_a_container_listing_its_own_driver_packages_is_the_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two versions in a container (NVML's library older than the module, and dpkg listing
    driver packages inside the image) are the image's own copies, not a host reboot pending."""
    log = (
        "root@7f3c2a91be04:/workspace# nvidia-smi\n"
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
        "root@7f3c2a91be04:/workspace# cat /proc/driver/nvidia/version\n"
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.14  Thu Feb 22 01:44:30 UTC"
        " 2024\n"
        "root@7f3c2a91be04:/workspace# dpkg -l | grep -i nvidia\n"
        "ii  libnvidia-compute-535:amd64        535.183.01-0ubuntu0.22.04.1       amd64       "
        " NVIDIA libcompute package\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux", "--container")["findings"][0]
    assert first["id"] == "driver-library-mismatch"
    assert first["fix"].startswith("In a container, an image that carries driver libraries")


def test_a_1x_release_before_1_13_says_only_the_exact_cudnn_minor_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'Install cuDNN 7' under TensorFlow 1.6 leads to the next refusal: before 1.13 only the
    minor it was built with loads."""
    log = "ImportError: libcudnn.so.7: cannot open shared object file: No such file or directory\n"
    first = run(tmp_path, capsys, log, "--os", "linux", "--tf", "1.6", "--cuda-toolkit", "9.0")[
        "findings"
    ][0]
    assert first["id"] == "cudnn-not-found" and "exact cuDNN minor" in first["fix"]
    assert any("TensorFlow 1.6 was built with CUDA 9.0 and cuDNN 7" in e for e in first["evidence"])


def test_a_damaged_fatal_cpu_feature_guard_record_is_still_the_cpu_without_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cpu_feature_guard's only fatal record is the missing instruction: its words may be
    damaged by the console; its harmless W record of TF 1.x stays harmless."""
    fatal = (
        "2018-03-02 11:20:41.300012: F tensorflow/core/platform/cpu_feature_guard.cc:36] The"
        " TensorFlow libary was compiled to use AVX instructions, but these aren't availble on"
        " your machine.\n"
        "Aborted (core dumped)\n"
    )
    assert run(tmp_path, capsys, fatal, "--os", "linux")["findings"][0]["id"] == "cpu-lacks-avx"
    misspelt = fatal.replace("libary", "library").replace("instructions", "instrutions")
    first = run(tmp_path, capsys, misspelt, "--os", "linux")["findings"][0]
    assert first["id"] == "cpu-lacks-avx"
    notice = (
        "2018-03-02 11:20:41.300012: W tensorflow/core/platform/cpu_feature_guard.cc:45] The"
        " TensorFlow library wasn't compiled to use AVX instructions, but these are available"
        " on your machine and could speed up CPU computations.\n"
    )
    severities = {f["severity"] for f in run(tmp_path, capsys, notice, "--os", "linux")["findings"]}
    assert "error" not in severities


def test_tensorflow_deps_refused_in_libmambas_words_under_an_intel_conda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "(base) sam@Sams-MBP ~ % conda install -c apple tensorflow-deps\n"
        "Channels:\n"
        " - apple\n"
        " - defaults\n"
        "Platform: osx-64\n"
        "Solving environment: failed\n"
        "\n"
        "LibMambaUnsatisfiableError: Encountered problems while solving:\n"
        "  - nothing provides requested tensorflow-deps\n"
    )
    first = run(tmp_path, capsys, log, "--os", "macos")["findings"][0]
    assert first["id"] == "platform-unsupported" and "osx-64" in first["title"]


def test_tfjs_node_missing_libtensorflow_on_linux_is_its_binding_not_loading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ node train.js\n"
        "Error: libtensorflow.so.2: cannot open shared object file: No such file or directory\n"
        "    at Module._extensions..node (node:internal/modules/cjs/loader:1327:18)\n"
        "    at Object.<anonymous>"
        " (/home/ana/ml/node_modules/@tensorflow/tfjs-node/dist/index.js:72:16) {\n"
        "  code: 'ERR_DLOPEN_FAILED'\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "npm rebuild" in first["fix"]


def test_another_addon_failing_to_load_is_not_tfjs_because_its_path_is_in_the_paste(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The module that failed is the path under Node's error: tfjs_binding.node named by the
    install check above it does not make canvas.node's failure TensorFlow.js's."""
    log = (
        'node-pre-gyp info check checked for "C:\\\\Users\\\\mira\\\\bot\\\\node_modules\\\\'
        '@tensorflow\\\\tfjs-node\\\\lib\\\\napi-v8\\\\tfjs_binding.node" (not found)\n'
        "[tfjs-node] install success\n"
        "PS C:\\Users\\mira\\bot> node index.js\n"
        "Error: The specified module could not be found.\n"
        "\\\\?\\C:\\Users\\mira\\bot\\node_modules\\canvas\\build\\Release\\canvas.node\n"
    )
    ids = [f["id"] for f in run(tmp_path, capsys, log, "--os", "windows")["findings"]]
    assert "tensorflow-not-installed" not in ids


def test_jaxlibs_loader_record_is_set_aside_beside_tensorflows_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each record says whose it is: external/org_tensorflow is jaxlib's copy, tensorflow/ is
    TensorFlow's own, in one session that imports both."""
    log = (
        ">>> import jax\n"
        ">>> jax.devices()\n"
        "2021-09-02 14:40:19.772105: W"
        " external/org_tensorflow/tensorflow/stream_executor/platform/default/dso_loader.cc:64]"
        " Could not load dynamic library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot"
        " open shared object file: No such file or directory\n"
        ">>> import tensorflow as tf\n"
        "2021-09-02 14:41:02.118204: W"
        " tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No"
        " such file or directory\n"
        "Skipping registering GPU devices...\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "cudnn-not-found"


def test_a_stated_library_path_ahead_of_the_wheels_names_the_folder_whose_cudnn_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2.17 gets cuDNN from NVIDIA's wheels through its RUNPATH, which LD_LIBRARY_PATH
    outranks: a CUDA toolkit's lib64 there is where the older cuDNN came from."""
    log = (
        "E0000 00:00:1724768439.104477  612101 cuda_dnn.cc:522] Loaded runtime CuDNN library:"
        " 8.6.0 but source was compiled with: 8.9.7.  CuDNN library needs to have matching major"
        " version and equal or higher minor version.\n"
    )
    first = run(
        tmp_path,
        capsys,
        log,
        "--os",
        "linux",
        "--tf",
        "2.17.0",
        "--env",
        "LD_LIBRARY_PATH=/usr/local/cuda-11.8/lib64",
    )["findings"][0]
    assert first["id"] == "ld-library-path-shadows"
    assert "/usr/local/cuda-11.8/lib64" in first["fix"]


def test_a_stated_cuda_visible_devices_explains_no_device_under_wsl2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A variable stated with --env is evidence though the rest of the environment is unknown."""
    log = (
        "2023-05-01 10:00:00.000000: E"
        " tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to"
        " cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
    )
    first = run(tmp_path, capsys, log, "--os", "wsl2", "--env", "CUDA_VISIBLE_DEVICES=1")[
        "findings"
    ][0]
    assert first["id"] == "cuda-visible-devices-hides-gpus"


@pytest.mark.parametrize(
    "answer",
    [
        "Traceback (most recent call last):\n"
        '  File "train.py", line 4, in <module>\n'
        "    tf.config.experimental.set_memory_growth(gpus[0], True)\n"
        "IndexError: list index out of range\n",
        "2.15.0 []\n",
    ],
)
def test_tensorflows_empty_gpu_list_is_read_in_the_forms_scripts_print_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], answer: str
) -> None:
    """gpus[0] of an empty list under set_memory_growth, and print(tf.__version__, gpus) on one
    line: TensorFlow lists no GPU, not an unknown failure."""
    document = run(tmp_path, capsys, answer, "--os", "linux")
    assert document["gpu_used"] == "no"
    assert "fix what it says first" not in document["verdict"]


def test_docker_composes_own_lines_say_the_log_came_from_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The service prefixes go before reading; compose's own lines around them ('Attaching
    to', 'exited with code') stay, and only containers print them."""
    log = (
        "Creating segmenter_trainer_1 ... done\n"
        "Attaching to segmenter_trainer_1\n"
        "trainer_1  | 2024-01-05 08:00:02.811547: E"
        " external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:274] failed call to"
        " cuInit: UNKNOWN ERROR (303)\n"
        "trainer_1  | 2024-01-05 08:00:02.811599: I"
        " external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:111] no NVIDIA GPU"
        " device is present: /dev/nvidia0 does not exist\n"
        "trainer_1  | Num GPUs available: 0\n"
        "trainer_1  | Num GPUs available: 0\n"
        "segmenter_trainer_1 exited with code 0\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "compose" in first["fix"]


def test_a_python_only_the_newest_releases_serve_may_be_a_paste_from_before_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.13 got TensorFlow wheels with 2.20: pip finding none may be a paste from before
    that, not only a 32-bit Python or an old pip."""
    log = (
        "$ python3 --version\n"
        "Python 3.13.1\n"
        "$ python3 -m pip install 'tensorflow[and-cuda]'\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow[and-cuda]"
        " (from versions: none)\n"
        "ERROR: No matching distribution found for tensorflow[and-cuda]\n"
    )
    first = run(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "python-unsupported" and "predates TensorFlow 2.20" in first["fix"]


SMI_MEMORY_HELD = (
    "|   0  Tesla P100-SXM2...  Off  | 00000000:05:00.0 Off |                    0 |\n"
    "| N/A   36C    P0    41W / 300W |  12799MiB / 16280MiB |      0%      Default |\n"
    "+-------------------------------+----------------------+----------------------+\n"
    "\n"
    "+-----------------------------------------------------------------------------+\n"
    "| Processes:                                                       GPU Memory |\n"
    "|  GPU       PID   Type   Process name                             Usage      |\n"
    "|=============================================================================|\n"
    "+-----------------------------------------------------------------------------+\n"
)


def test_memory_in_use_with_no_process_listed_is_held_by_something_unseen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """12.8 of 16 GB in use at 0% with an empty process table, on a host: another user's or a
    stale process holds it. Inside a container the table is empty anyway (the process may be
    this one), so there it stays harmless."""
    first = run(tmp_path, capsys, SMI_MEMORY_HELD)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "12799 of 16280 MiB" in first["title"]
    inside = run(tmp_path, capsys, SMI_MEMORY_HELD, "--container")["findings"]
    assert all(f["id"] != "gpu-out-of-memory" for f in inside)


def test_pip_refused_in_a_package_it_moved_aside_is_a_file_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip renames a package it uninstalls to '~name': refused there, a running Python holds
    its files, in the user's own environment; a venv 'you own' is not the fix."""
    log = (
        "  Attempting uninstall: numpy\n"
        "      Successfully uninstalled numpy-1.24.3\n"
        "ERROR: Could not install packages due to an OSError: [WinError 5] Access is denied:"
        " 'C:\\\\Users\\\\nina\\\\anaconda3\\\\envs\\\\tf\\\\Lib\\\\site-packages\\\\"
        "~umpy\\\\core\\\\_multiarray_umath.cp39-win_amd64.pyd'\n"
    )
    first = run(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert first["id"] == "tensorflow-not-installed"
    assert "~umpy" in first["fix"] and "Jupyter" in first["fix"]


def test_nvmls_mismatch_in_a_container_on_wsl2_is_the_images_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a container on WSL 2 the second copy is in the image: purging it in the running
    container changes nothing, the image is rebuilt without it."""
    log = (
        "root@3b1f0c2d9e11:/workspace# nvidia-smi\n"
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
    )
    first = run(tmp_path, capsys, log, "--os", "wsl2", "--container")["findings"][0]
    assert first["fix"].startswith("In a container, an image that carries driver libraries")


def test_a_gui_library_aborting_after_the_gpus_work_is_not_tensorflows_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "2023-08-14 10:01:22.318201: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1639]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22282 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "Epoch 3/3\n"
        "1563/1563 [==============================] - 10s 6ms/step - loss: 0.8436\n"
        "qt.qpa.xcb: could not connect to display \n"
        "This application failed to start because no Qt platform plugin could be initialized."
        " Reinstalling the application may fix this problem.\n"
        "Aborted (core dumped)\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux")
    assert document["gpu_used"] == "yes" and document["exit"] == 0
    assert "Qt platform plugin" in document["verdict"]


def test_pip_9s_empty_version_list_still_reads_a_misspelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "Could not find a version that satisfies the requirement tensorfow-gpu (from versions: )\n"
        "No matching distribution found for tensorfow-gpu\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "misspelling" in first["title"]


def test_tensorflows_bfloat16_refusing_the_numpy_installed_stops_its_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (tensorflow#25636): the CHECK guards NumPy's float types; 1.13 needed 1.16."""
    log = "PyBfloat16_Type.tp_base != nullptr\n"
    document = run(tmp_path, capsys, log, "--os", "windows", "--tf", "1.13.0rc1")
    assert document["findings"][0]["id"] == "dependency-version-mismatch"
    assert document["exit"] == 12


def test_a_numpy_too_old_on_a_mac_leads_over_no_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (deeposm#2): TensorFlow that cannot import is the state to mend; 'macOS has no
    CUDA' matters only once it runs."""
    log = "RuntimeError: module compiled against API version a but this version of numpy is 9\n"
    ids = [f["id"] for f in run(tmp_path, capsys, log, "--os", "macos")["findings"]]
    assert ids[0] == "dependency-version-mismatch"


def test_a_wheel_for_the_very_python_that_refused_it_is_its_tags_not_the_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (tensorflow#467): Python 3.4.3 refusing a cp34 wheel: upgrade pip, compare the
    tags, not 'install it with Python 3.4's pip' (it was)."""
    log = (
        "$ python --version\n"
        "Python 3.4.3\n"
        "$ pip install --upgrade https://storage.googleapis.com/tensorflow/linux/cpu/"
        "tensorflow-0.6.0-cp34-cp34m-linux_x86_64.whl\n"
        "tensorflow-0.6.0-cp34-cp34m-linux_x86_64.whl is not a supported wheel on this platform.\n"
    )
    first = run(tmp_path, capsys, log, "--python", "3.4")["findings"][0]
    assert first["id"] == "python-unsupported" and "ABI or platform tag" in first["title"]
    assert "--upgrade pip" in first["fix"]


def test_a_machine_stated_without_a_gpu_is_not_sent_to_a_cuda_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """review 94 (graviton-nogpu): aarch64's PyPI wheel has no CUDA, which matters only with a
    GPU; with none stated, the missing GPU explains it and the CPU build is what to install."""
    document = plan_document(capsys, "--os linux --arch aarch64 --gpu none --python 3.12")
    severities = {f["id"]: f["severity"] for f in document["findings"]}
    assert severities["no-nvidia-gpu"] == "error"
    assert severities.get("cpu-only-tensorflow", "info") == "info"


def test_tf_contrib_in_its_import_form_is_the_same_removal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = "ModuleNotFoundError: No module named 'tensorflow.contrib'\n"
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch" and "tf-slim" in first["fix"]


def test_a_keras_3_refusal_does_not_become_why_the_gpu_is_unused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94: a model file refused is the user's code, not the GPU; the cuInit line in the
    same paste answers the GPU question."""
    log = (
        "2024-09-16 13:27:50.101123: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit:"
        " UNKNOWN ERROR (303)\n"
        "ValueError: File format not supported: filepath=saved_models/mnist. Keras 3 only"
        " supports V3 `.keras` files and legacy H5 format files (`.h5` extension).\n"
    )
    document = run(tmp_path, capsys, log, "--os", "linux", "--tf", "2.17.0")
    assert "Keras 3" not in document["verdict"].split(";")[0]


def test_a_1x_cpu_package_failing_to_import_is_not_sent_to_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94: the CPU package of 1.13 loads no CUDA; its import failing comes before which
    package it is."""
    log = (
        "C:\\Users\\ken>pip install tensorflow==1.13.1\n"
        "Successfully installed tensorflow-1.13.1\n"
        'C:\\Users\\ken>python -c "import tensorflow"\n'
        "ImportError: DLL load failed: The specified module could not be found.\n"
        "Failed to load the native TensorFlow runtime.\n"
    )
    document = run(
        tmp_path, capsys, log, "--os", "windows", "--tf", "1.13.1", "--cuda-toolkit", "none"
    )
    assert not any("CUDA 10.0" in f["title"] for f in document["findings"])
    assert not any(
        f["severity"] == "error" and f["id"] == "cpu-only-tensorflow" for f in document["findings"]
    )


def test_a_random_op_running_out_of_memory_inside_training_is_batch_sized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94: an eager RandomUniform after 'Epoch 1/20' is a dropout's or augmentation's
    tensor, batch-sized: the batch size is the fix, not 'the memory is held already'."""
    log = (
        "Epoch 1/20\n"
        "ResourceExhaustedError: OOM when allocating tensor with shape[256,64,112,112] and type"
        " float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"
        " [Op:RandomUniform]\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["fix"].startswith("Reduce the batch size")


def test_tensorflows_own_allocator_hint_leads_the_out_of_memory_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (loghi#55): memory growth does not mend fragmentation; the allocator TensorFlow
    names under its failure did."""
    log = (
        "2023-06-01 10:00:00.000000: W tensorflow/tsl/framework/bfc_allocator.cc:485] Allocator"
        " (GPU_0_bfc) ran out of memory trying to allocate 1.50GiB (rounded to 1610612736)"
        "requested by op Conv2D\n"
        "If the cause is memory fragmentation maybe the environment variable"
        " 'TF_GPU_ALLOCATOR=cuda_malloc_async' will improve the situation. \n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert first["fix"].startswith("TensorFlow itself suggests its asynchronous allocator")


@pytest.mark.parametrize(
    ("adapters", "no_gpu"),
    [
        ("Intel(R) Iris(R) Xe Graphics\n", True),
        ("Intel(R) UHD Graphics\nNVIDIA GeForce RTX 3050\n", False),
    ],
)
def test_windows_display_adapters_without_nvidia_are_a_machine_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], adapters: str, no_gpu: bool
) -> None:
    """review 94: wmic lists every display adapter Windows knows: none NVIDIA's is no GPU for
    CUDA, and 'install the driver' cannot help; a hybrid laptop's list keeps the driver."""
    log = (
        "C:\\Users\\ayse>wmic path win32_VideoController get name\n"
        "Name\n" + adapters + "\n"
        "2023-09-08 13:25:51.660312: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'nvcuda.dll'; dlerror: nvcuda.dll not"
        " found\n"
    )
    first = run(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert (first["id"] == "no-nvidia-gpu") is no_gpu


def test_powershells_not_recognized_record_is_read_in_any_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "PS C:\\Users\\yuki> nvidia-smi\n"
        "nvidia-smi : 用語 'nvidia-smi' は、コマンドレット、関数、スクリプト ファイル、"
        "または操作可能なプログラムの名前として認識されません。\n"
        "    + CategoryInfo          : ObjectNotFound: (nvidia-smi:String) [],"
        " CommandNotFoundException\n"
    )
    ids = [f["id"] for f in run(tmp_path, capsys, log, "--os", "windows")["findings"]]
    assert "no-nvidia-driver" in ids


def test_libmambas_python_pin_against_tensorflow_deps_is_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94: libmamba names the Python tensorflow-deps needs; no channel is missing."""
    log = (
        "Platform: osx-arm64\n"
        "LibMambaUnsatisfiableError: Encountered problems while solving:\n"
        "  - package tensorflow-deps-2.10.0-0 requires python >=3.8,<3.11.0a0, but none of the"
        " providers can be installed\n"
        "\n"
        "Could not solve for environment specs\n"
        "The following packages are incompatible\n"
        "├─ pin-1 is installable and it requires\n"
        "│  └─ python 3.12.* , which can be installed;\n"
        "└─ tensorflow-deps is not installable because there are no viable options\n"
        "   ├─ tensorflow-deps [2.10.0|2.8.0|2.9.0] would require\n"
        "   │  └─ python >=3.8,<3.11.0a0 , which conflicts with any installable versions"
        " previously reported;\n"
    )
    first = run(tmp_path, capsys, log, "--os", "macos")["findings"][0]
    assert first["id"] == "python-unsupported" and "3.11" in first["title"]


def test_logical_gpus_the_program_configured_are_not_memory_held_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (benign): GPU:0 and GPU:1 on physical device 0 are virtual devices with the
    program's own memory limit; nothing else holds the GPU."""
    device = (
        "2023-05-01 10:00:00.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1635]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:{n} with 200 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
    )
    document = run(tmp_path, capsys, device.format(n=0) + device.format(n=1))
    assert document["gpu_used"] == "yes"
    assert all(f["id"] != "gpu-out-of-memory" for f in document["findings"])


def test_wsl_list_showing_the_default_distribution_on_wsl1_is_why_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (winwsl): 'wsl -l -v' says the distribution 'wsl' opens runs under WSL 1."""
    log = (
        "PS C:\\Users\\ken> wsl -l -v\n"
        "  NAME              STATE           VERSION\n"
        "* Ubuntu-22.04      Running         1\n"
        "  docker-desktop    Stopped         2\n"
        "PS C:\\Users\\ken> wsl\n"
        'ken@KEN-PC:/mnt/c/Users/ken$ python3 -c "import tensorflow"\n'
        "2022-12-05 09:30:17.004412: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcuda.so.1'; dlerror: libcuda.so.1:"
        " cannot open shared object file: No such file or directory\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert "WSL 1" in first["title"] and "--set-version Ubuntu-22.04 2" in first["fix"]


def test_docker_desktops_gpu_refusal_points_at_its_wsl2_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (winwsl): Docker Desktop has no Linux host to install the toolkit on."""
    log = (
        "PS C:\\Users\\nina> docker run --gpus all -it --rm tensorflow/tensorflow:2.15.0-gpu\n"
        'docker: Error response from daemon: could not select device driver "" with'
        " capabilities: [[gpu]].\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "WSL 2 based engine" in first["fix"]
    assert "sudo" not in first["fix"]


def test_wsl2_without_dev_dxg_is_a_windows_without_gpu_support_in_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (winwsl): no /dev/dxg under a WSL 2 kernel: Windows gives this WSL no GPU
    (a build before 21H2), which no loader path mends."""
    log = (
        "$ uname -r\n"
        "5.10.16.3-microsoft-standard-WSL2\n"
        "$ ls -l /dev/dxg\n"
        "ls: cannot access '/dev/dxg': No such file or directory\n"
        "2023-02-14 19:55:21.307641: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcuda.so.1'; dlerror: libcuda.so.1:"
        " cannot open shared object file: No such file or directory\n"
    )
    first = run(tmp_path, capsys, log, "--os", "wsl2", "--driver", "551.61")["findings"][0]
    assert "/dev/dxg" in first["title"] and "Update Windows" in first["fix"]


def test_a_windows_python_run_for_a_stated_wsl2_is_the_wrong_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (winwsl): VS Code ran Windows' python.exe on the WSL share; TensorFlow 2.11+
    on Windows loads no DLL to tell it by, the interpreter's path does."""
    log = (
        "PS \\\\wsl.localhost\\Ubuntu\\home\\dev\\proj> &"
        " C:/Users/dev/AppData/Local/Programs/Python/Python311/python.exe"
        " //wsl.localhost/Ubuntu/home/dev/proj/check_gpu.py\n"
        "TF version: 2.15.1\n"
        "GPUs: []\n"
    )
    first = run(tmp_path, capsys, log, "--os", "wsl2")["findings"][0]
    assert first["id"] == "wrong-python-environment" and "python.exe" in first["title"]


def test_a_1x_release_asked_on_a_mac_is_not_sent_to_ngc(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """review 94 (plan): NGC's 1.15 containers are Linux's; on a Mac 1.x runs on the CPU."""
    code = main(["plan", "--no-probe", "--os", "macos", "--tf", "1.15"])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT and "NGC" in err and "Linux's" in err
    assert "tensorflow-metal" in err


def test_docker_desktop_without_gpus_is_the_flag_not_a_host_without_a_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (winwsl): Docker Desktop's VM has no NVIDIA module of its own, so its absent
    /proc/driver/nvidia says nothing of the Windows host; the missing --gpus does."""
    log = (
        "PS C:\\Users\\nina> docker run -it --rm tensorflow/tensorflow:2.15.0-gpu python -c"
        " \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
        "2024-03-02 10:20:43.078150: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:274] failed call to cuInit: UNKNOWN ERROR (303)\n"
        "2024-03-02 10:20:43.078233: I external/local_xla/xla/stream_executor/cuda/"
        "cuda_diagnostics.cc:160] kernel driver does not appear to be running on this host"
        " (3f2a9c1d7e55): /proc/driver/nvidia/version does not exist\n"
        "[]\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "--gpus all" in first["fix"]


def test_a_process_holding_more_than_tensorflows_device_got_is_named_for_its_oom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review 94 (composed): TensorFlow takes nearly all free memory at start; a device of 1050
    MB beside a process holding 22690 MiB means that process held it first."""
    log = (
        "pid, process_name, used_memory [MiB]\n"
        "18422, /home/raj/venvs/tf/bin/python, 22690 MiB\n"
        "2022-09-14 10:22:41.372613: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1532]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 1050 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "2022-09-14 10:22:58.014410: W tensorflow/core/common_runtime/bfc_allocator.cc:479]"
        " Allocator (GPU_0_bfc) ran out of memory trying to allocate 768.00MiB (rounded to"
        " 805306368)requested by op model/dense/MatMul\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["fix"].startswith("Stop process 18422")
