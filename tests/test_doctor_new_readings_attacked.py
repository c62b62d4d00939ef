"""The newest readings, attacked: logs where the same or similar lines mean something else, or
the same cause in another tool version's words (review 86). Each log is composed in the wording
TensorFlow, pip, conda, the shell or TensorFlow Java print, as the review wrote it; the cause is
what an expert settles on."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids

from tfgpu_setup.errors import ExitCode

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document

# a15-ptx-jit-then-segfault.log
SEGFAULT_AFTER_ADDING_DEVICES = (
    "2020-12-01 10:22:31.517044: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcudart.so.10.1\n"
    "2020-12-01 10:22:33.190215: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcuda.so.1\n"
    "2020-12-01 10:22:33.221364: I tensorflow/core/common_runtime/gpu/gpu_device."
    "cc:1716] Found device 0 with properties: \n"
    "pciBusID: 0000:01:00.0 name: GeForce RTX 3080 computeCapability: 8.6\n"
    "coreClock: 1.71GHz coreCount: 68 deviceMemorySize: 9.78GiB"
    " deviceMemoryBandwidth: 707.88GiB/s\n"
    "2020-12-01 10:22:33.221507: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcudart.so.10.1\n"
    "2020-12-01 10:22:33.223110: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcublas.so.10\n"
    "2020-12-01 10:22:33.224301: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcufft.so.10\n"
    "2020-12-01 10:22:33.224588: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcurand.so.10\n"
    "2020-12-01 10:22:33.225901: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcusolver.so.10\n"
    "2020-12-01 10:22:33.226205: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcusparse.so.10\n"
    "2020-12-01 10:22:33.229017: I tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:48] Successfully opened dynamic library libcudnn.so.7\n"
    "2020-12-01 10:22:33.230011: I tensorflow/core/common_runtime/gpu/gpu_device."
    "cc:1858] Adding visible gpu devices: 0\n"
    "Segmentation fault (core dumped)\n"
)

# a25-numpy-2-1-beside-2-18.log
NUMPY_2_1_BESIDE_2_18 = (
    "ERROR: pip's dependency resolver does not currently take into account all"
    " the packages that are installed. This behaviour is the source of the"
    " following dependency conflicts.\n"
    "tensorflow 2.18.0 requires numpy<2.1.0,>=1.26.0, but you have numpy 2.1.3"
    " which is incompatible.\n"
    "Successfully installed numpy-2.1.3\n"
)

# a24-numpy2-marker-wording.log
NUMPY_2_WITH_A_MARKER = (
    "ERROR: pip's dependency resolver does not currently take into account all"
    " the packages that are installed. This behaviour is the source of the"
    " following dependency conflicts.\n"
    'tensorflow 2.16.1 requires numpy<2.0.0,>=1.23.5; python_version <= "3.11",'
    " but you have numpy 2.0.0 which is incompatible.\n"
    "Successfully installed numpy-2.0.0\n"
)

# a22-pip-none-proxy.log
PIP_BEHIND_A_PROXY = (
    "(venv) ops@build-12:~$ pip install tensorflow\n"
    "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None,"
    " status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication"
    " Required'))': /simple/tensorflow/\n"
    "WARNING: Retrying (Retry(total=3, connect=None, read=None, redirect=None,"
    " status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication"
    " Required'))': /simple/tensorflow/\n"
    "WARNING: Retrying (Retry(total=2, connect=None, read=None, redirect=None,"
    " status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication"
    " Required'))': /simple/tensorflow/\n"
    "WARNING: Retrying (Retry(total=1, connect=None, read=None, redirect=None,"
    " status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication"
    " Required'))': /simple/tensorflow/\n"
    "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None,"
    " status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.', OSError('Tunnel connection failed: 407 Proxy Authentication"
    " Required'))': /simple/tensorflow/\n"
    "ERROR: Could not find a version that satisfies the requirement tensorflow"
    " (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow\n"
)

# a37-python2-no-pip-then-1-15-import.log
NO_PIP_THEN_ANOTHER_PYTHONS_PIP = (
    "$ python -m pip install tensorflow-gpu==1.15\n"
    "/usr/bin/python: No module named pip\n"
    "$ python3 -m pip install tensorflow-gpu==1.15\n"
    "Collecting tensorflow-gpu==1.15\n"
    "  Downloading tensorflow_gpu-1.15.0-cp36-cp36m-manylinux2010_x86_64.whl"
    " (411.5 MB)\n"
    "Successfully installed tensorflow-gpu-1.15.0\n"
    "$ python3 train.py\n"
    "Traceback (most recent call last):\n"
    '  File "/home/ana/.local/lib/python3.6/site-packages/tensorflow_core/python/'
    'pywrap_tensorflow.py", line 58, in <module>\n'
    "    from tensorflow.python.pywrap_tensorflow_internal import *\n"
    '  File "/home/ana/.local/lib/python3.6/site-packages/tensorflow_core/python/'
    'pywrap_tensorflow_internal.py", line 28, in <module>\n'
    "    _pywrap_tensorflow_internal = swig_import_helper()\n"
    '  File "/home/ana/.local/lib/python3.6/site-packages/tensorflow_core/python/'
    'pywrap_tensorflow_internal.py", line 24, in swig_import_helper\n'
    "    _mod = imp.load_module('_pywrap_tensorflow_internal', fp, pathname,"
    " description)\n"
    '  File "/usr/lib/python3.6/imp.py", line 243, in load_module\n'
    "    return load_dynamic(name, filename, file)\n"
    '  File "/usr/lib/python3.6/imp.py", line 343, in load_dynamic\n'
    "    return _load(spec)\n"
    "ImportError: libcublas.so.10.0: cannot open shared object file: No such"
    " file or directory\n"
    "\n"
    "Failed to load the native TensorFlow runtime.\n"
)

# a19-op-library-same-cuda-as-tf.log
OP_AND_TENSORFLOW_MISS_ONE_RUNTIME = (
    "2021-03-02 09:11:40.552301: W tensorflow/stream_executor/platform/default/ds"
    "o_loader.cc:60] Could not load dynamic library 'libcudart.so.11.0';"
    " dlerror: libcudart.so.11.0: cannot open shared object file: No such file"
    " or directory\n"
    "2021-03-02 09:11:40.552337: I tensorflow/stream_executor/cuda/cudart_stub.cc"
    ":29] Ignore above cudart dlerror if you do not have a GPU set up on your"
    " machine.\n"
    "Traceback (most recent call last):\n"
    '  File "train.py", line 9, in <module>\n'
    "    from models.tf_ops.sampling import tf_sampling\n"
    '  File "/home/jw/pointnet2/tf_ops/sampling/tf_sampling.py", line 13, in'
    " <module>\n"
    "    sampling_module=tf.load_op_library(os.path.join(BASE_DIR,"
    " 'tf_sampling_so.so'))\n"
    '  File "/home/jw/miniconda3/envs/pn2/lib/python3.8/site-packages/tensorflow/'
    'python/framework/load_library.py", line 58, in load_op_library\n'
    "    lib_handle = py_tf.TF_LoadLibrary(library_filename)\n"
    "tensorflow.python.framework.errors_impl.NotFoundError: libcudart.so.11.0:"
    " cannot open shared object file: No such file or directory\n"
)

# a04-javacpp-jnitensorflow-init.log
JNITENSORFLOW_DLL_INIT = (
    'Exception in thread "main" java.lang.UnsatisfiedLinkError:'
    " C:\\Users\\mkoch\\.javacpp\\cache\\tensorflow-core-api-0.4.2-windows-x86_64.jar\\"
    "org\\tensorflow\\internal\\c_api\\windows-x86_64\\jnitensorflow.dll: A dynamic"
    " link library (DLL) initialization routine failed\n"
    "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)\n"
    "\tat java.base/jdk.internal.loader.NativeLibraries$NativeLibraryImpl.open(Nat"
    "iveLibraries.java:384)\n"
    "\tat java.base/jdk.internal.loader.NativeLibraries.loadLibrary(NativeLibrarie"
    "s.java:228)\n"
    "\tat java.base/jdk.internal.loader.NativeLibraries.loadLibrary(NativeLibrarie"
    "s.java:170)\n"
    "\tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2389)\n"
    "\tat java.base/java.lang.Runtime.load0(Runtime.java:755)\n"
    "\tat java.base/java.lang.System.load(System.java:1953)\n"
    "\tat org.bytedeco.javacpp.Loader.loadLibrary(Loader.java:1766)\n"
    "\tat org.bytedeco.javacpp.Loader.load(Loader.java:1376)\n"
    "\tat org.bytedeco.javacpp.Loader.load(Loader.java:1187)\n"
    "\tat org.tensorflow.internal.c_api.global.tensorflow.<clinit>(tensorflow.java"
    ":12)\n"
    "\tat java.base/java.lang.Class.forName0(Native Method)\n"
    "\tat java.base/java.lang.Class.forName(Class.java:467)\n"
    "\tat org.bytedeco.javacpp.Loader.load(Loader.java:1254)\n"
    "\tat org.tensorflow.NativeLibrary.load(NativeLibrary.java:27)\n"
    "\tat org.tensorflow.TensorFlow.<clinit>(TensorFlow.java:139)\n"
    "\tat org.tensorflow.ConcreteFunction.create(ConcreteFunction.java:118)\n"
    "\tat com.example.Infer.main(Infer.java:21)\n"
)

# a11-libmamba-mac-cuda.log
LIBMAMBA_NOTHING_PROVIDES = (
    "(base) kim@MacBook-Pro sleap % conda env create -f environment.yml\n"
    "Channels:\n"
    " - conda-forge\n"
    " - nvidia\n"
    " - defaults\n"
    "Platform: osx-arm64\n"
    "Collecting package metadata (repodata.json): done\n"
    "Solving environment: failed\n"
    "\n"
    "LibMambaUnsatisfiableError: Encountered problems while solving:\n"
    "  - nothing provides requested cudatoolkit 11.3.1**\n"
    "  - nothing provides requested cudnn 8.2.1**\n"
    "\n"
    "Could not solve for environment specs\n"
    "The following packages are not available from current channels:\n"
    "\n"
    "  - cudatoolkit=11.3.1*\n"
    "  - cudnn=8.2.1*\n"
)

# a10-conda-resolve-mac-tf-gpu.log
TENSORFLOW_GPU_ON_A_MAC = (
    "(base) maria@Marias-MacBook-Air proj % conda env create -f environment.yml\n"
    "Collecting package metadata (repodata.json): done\n"
    "Solving environment: failed\n"
    "\n"
    "ResolvePackageNotFound: \n"
    "  - tensorflow-gpu=2.4.1\n"
)

# a09-conda-resolve-windows-export.log
EXPORTED_ON_WINDOWS = (
    "(base) dev@lab-07:~/proj$ conda env create -f environment.yml\n"
    "Collecting package metadata (repodata.json): done\n"
    "Solving environment: failed\n"
    "\n"
    "ResolvePackageNotFound: \n"
    "  - vs2015_runtime==14.16.27012=hf0eaf9b_3\n"
    "  - wincertstore==0.2=py37_0\n"
    "  - vc==14.1=h0510ff6_4\n"
    "  - cudatoolkit==10.1.243=h74a9793_0\n"
    "  - tensorflow-gpu==2.1.0=h0d30ee6_0\n"
    "  - cudnn==7.6.5=cuda10.1_0\n"
)

# a08-tf2-api-on-1x.log
TF2_CALL_ON_1_X = (
    ">>> import tensorflow as tf\n"
    ">>> tf.config.list_physical_devices('GPU')\n"
    "Traceback (most recent call last):\n"
    '  File "<stdin>", line 1, in <module>\n'
    "AttributeError: module 'tensorflow._api.v1.config' has no attribute"
    " 'list_physical_devices'\n"
)


def test_a_segfault_after_the_gpu_was_listed_is_a_crash_not_a_slow_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, SEGFAULT_AFTER_ADDING_DEVICES, "--os", "linux", "--tf", "2.3.1")
    assert doc["exit"] == ExitCode.TF_BROKEN and "crashed" in doc["verdict"]
    assert "compute-capability-ptx-jit" not in ids(doc)


def test_numpy_2_beside_a_release_built_with_numpy_2_is_no_numpy_1_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NUMPY_2_1_BESIDE_2_18)
    assert "dependency-version-mismatch" not in errors(doc)
    # pip's requirement with an environment marker is read up to it
    marked = run(tmp_path, capsys, NUMPY_2_WITH_A_MARKER)
    assert marked["findings"][0]["id"] == "dependency-version-mismatch"


def test_pip_behind_a_proxy_it_cannot_pass_says_nothing_of_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, PIP_BEHIND_A_PROXY)
    assert "python-unsupported" not in ids(doc)
    assert doc["findings"][0]["id"] == "tensorflow-not-installed"
    assert "proxy" in doc["findings"][0]["fix"]


def test_a_python_without_pip_then_another_pythons_install_is_not_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, NO_PIP_THEN_ANOTHER_PYTHONS_PIP)
    assert not any("has no pip" in f["title"] for f in doc["findings"])


def test_a_runtime_tensorflow_itself_could_not_load_is_not_the_custom_ops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(
        tmp_path, capsys, OP_AND_TENSORFLOW_MISS_ONE_RUNTIME, "--os", "linux", "--tf", "2.4.1"
    )
    assert "addon-tensorflow-mismatch" not in ids(doc)
    assert doc["findings"][0]["id"] in ("cuda-libs-not-found", "cuda-version-mismatch")


def test_tensorflow_javas_newer_library_name_is_read_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, JNITENSORFLOW_DLL_INIT, "--os", "windows")
    assert doc["findings"][0]["id"] == "cpu-lacks-avx"


def test_conda_refusals_in_libmamba_words_and_of_a_gpu_build_on_a_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mamba = run(tmp_path, capsys, LIBMAMBA_NOTHING_PROVIDES)
    top = mamba["findings"][0]
    assert top["id"] == "tensorflow-not-installed" and "macOS" in top["title"]
    mac = run(tmp_path, capsys, TENSORFLOW_GPU_ON_A_MAC, "--os", "macos")
    assert "macOS" in mac["findings"][0]["title"]


def test_a_conda_file_exported_elsewhere_is_told_to_drop_its_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, EXPORTED_ON_WINDOWS, "--os", "linux")
    top = doc["findings"][0]
    assert top["id"] == "tensorflow-not-installed" and "--from-history" in top["fix"]


def test_a_1_x_traceback_gets_the_question_1_x_knows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, TF2_CALL_ON_1_X)
    assert "device_lib.list_local_devices()" in doc["verdict"]


# composed by review 86 (c27) from TensorFlow 2.15's own records: a kernel faults mid-training
KERNEL_FAULT_THEN_ABORT = (
    "2024-02-14 03:17:43.022315: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886] Created"
    " device /job:localhost/replica:0/task:0/device:GPU:0 with 38364 MB memory:  -> device: 0,"
    " name: NVIDIA A100-PCIE-40GB, pci bus id: 0000:17:00.0, compute capability: 8.0\n"
    "2024-02-14 03:18:31.900452: E external/local_xla/xla/stream_executor/cuda/cuda_event.cc:29]"
    " Error polling for event status: failed to query event: CUDA_ERROR_ILLEGAL_ADDRESS: an"
    " illegal memory access was encountered\n"
    "2024-02-14 03:18:31.900523: F tensorflow/core/common_runtime/device/device_event_mgr.cc:223]"
    " Unexpected Event status: 1\n"
    "Aborted (core dumped)\n"
)


def test_work_that_failed_on_the_gpu_then_an_abort_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shell's 'Aborted' is TensorFlow's fatal record ending the process: the verdict names
    that record (review 93: the abort line must not decide what ended the run)."""
    doc = run(tmp_path, capsys, KERNEL_FAULT_THEN_ABORT)
    assert doc["findings"][0]["id"] == "gpu-kernel-failed"
    assert doc["exit"] == ExitCode.TF_BROKEN
    assert "then TensorFlow aborted on it" in doc["verdict"]
    assert "Unexpected Event status: 1" in doc["verdict"]


# composed by review 86 (c33) from TensorFlow 1.12's records: the list, then the session fails
LISTED_THEN_BUSY = (
    "2018-11-06 14:22:05.118251: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1511] Adding"
    " visible gpu devices: 0\n"
    "Traceback (most recent call last):\n"
    '  File "train.py", line 40, in <module>\n'
    "    sess = tf.Session(config=config)\n"
    "tensorflow.python.framework.errors_impl.InternalError: cudaSetDevice() on GPU:0 failed."
    " Status: all CUDA-capable devices are busy or unavailable\n"
)


def test_a_gpu_listed_whose_device_then_fails_to_start_is_not_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = run(tmp_path, capsys, LISTED_THEN_BUSY, "--tf", "1.12")
    assert doc["gpu_used"] == "no" and doc["exit"] != ExitCode.OK
    assert doc["findings"][0]["id"] == "gpu-out-of-memory"
