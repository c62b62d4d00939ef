"""The doctor on lines real reports show, with only the facts the reporter stated.

Each case is a line (or a few) as a public thread quotes it, the flags a user would type for
what the reporter said, and the cause the thread confirmed. They check rules that generalise
(a library the loader looked for in a CUDA folder, cuDNN asking for another CUDA's cuBLAS, a
notebook running another Python), not the corpus the benchmark measures.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from doctor_support import doctor

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose.paste import unwrap

CREATED_GPU = (
    "2023-09-19 10:00:00.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1613] Created"
    " device /job:localhost/replica:0/task:0/device:GPU:0 with 5897 MB memory:  -> device: 0,"
    " name: NVIDIA GeForce RTX 3060 Ti, pci bus id: 0000:01:00.0, compute capability: 8.6\n"
)

# https://github.com/tensorflow/tensorflow/issues/1158 (clockzhong's comment, verbatim)
DRIVER_HALVES_DIFFER = (
    "2018-01-22 10:12:52.860623: E tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed call"
    " to cuInit: CUDA_ERROR_NO_DEVICE\n"
    "2018-01-22 10:12:52.860688: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:158]"
    " retrieving CUDA diagnostic information for host: clockAsusDesktop\n"
    "2018-01-22 10:12:52.860714: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:165]"
    " hostname: clockAsusDesktop\n"
    "2018-01-22 10:12:52.860790: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:189] libcuda"
    " reported version is: 384.111.0\n"
    "2018-01-22 10:12:52.860851: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:369] driver"
    ' version file contents: """NVRM version: NVIDIA UNIX x86_64 Kernel Module  384.90  Tue Sep 19'
    " 19:17:35 PDT 2017\n"
    "GCC version:  gcc version 5.4.0 20160609 (Ubuntu 5.4.0-6ubuntu1~16.04.5) \n"
    '"""\n'
    "2018-01-22 10:12:52.860907: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:193] kernel"
    " reported version is: 384.90.0\n"
)

CASES: list[tuple[str, str, tuple[str, ...], str, str]] = [
    (
        # https://github.com/tensorflow/tensorflow/issues/17147: CUDA 9.1 installed, TF wants 8.0
        "ImportError: libcublas.so.8.0: cannot open shared object file: No such file or"
        " directory\n",
        "tf1-import-needs-another-cuda",
        ("--cuda-toolkit", "9.1"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/20271
        "ImportError: libcudnn.so.7: cannot open shared object file: No such file or directory\n",
        "tf1-import-needs-cudnn",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tfjs/issues/8362: the loader searched /usr/local/cuda
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory; LD_LIBRARY_PATH:"
        " /usr/local/cuda:/usr/local/cuda/lib64:\n",
        "searched-cuda-folder-is-another-version",
        ("--os", "linux"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/61326: cuDNN for CUDA 12, TF 2.13
        "Could not load library libcublasLt.so.12. Error: libcublasLt.so.12: cannot open shared"
        " object file: No such file or directory\n",
        "cudnn-built-for-cuda-12",
        ("--tf", "2.13.0", "--cuda-toolkit", "11.8"),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/matifali/dockerdl/issues/7: a CUDA 12.1 image under TF 2.13
        "I tensorflow/tsl/cuda/cudart_stub.cc:28] Could not find cuda drivers on your machine,"
        " GPU will not be used.\n",
        "release-needs-another-cuda",
        ("--tf", "2.13", "--cuda-toolkit", "12.1", "--container"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/facebookresearch/nougat/issues/105 (WSL2): the GPU was created,
        # then cuDNN could not load libcuda.so
        CREATED_GPU + "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot"
        " open shared object file: No such file or directory\n",
        "wsl-cudnn-needs-libcuda",
        ("--os", "wsl2"),
        "wsl-libcuda-missing",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/14224: the image's stub libcuda
        "        libcuda.so.1 => /usr/local/cuda/lib64/stubs/libcuda.so.1 (0x00007f9de7215000)\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed call to cuInit:"
        " CUresult(-1)\n",
        "stub-libcuda-in-a-container",
        ("--container",),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/41748 (verbatim excerpt): nvidia-smi
        # works, and cuInit answers -1, which only CUDA's stub libcuda returns; the build
        # container's LD_LIBRARY_PATH held the stubs
        "| NVIDIA-SMI 450.57       Driver Version: 450.57       CUDA Version: 11.0     |\n"
        "|   0  GeForce GTX 1070    On   | 00000000:01:00.0 Off |                  N/A |\n"
        "failed call to cuInit: UNKNOWN ERROR (-1)\n",
        "stub-libcuda-beside-a-working-driver",
        (),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://github.com/tensorflow/serving/issues/660: plain docker, no libcuda mounted
        "tensorflow_model_server: error while loading shared libraries: libcuda.so.1: cannot open"
        " shared object file: No such file or directory\n",
        "container-without-driver-library",
        ("--container",),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # Docker without the NVIDIA runtime registered ('docker run --runtime=nvidia')
        "docker: Error response from daemon: Unknown runtime specified nvidia.\n",
        "docker-without-the-nvidia-runtime",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/1393: the host has no driver loaded
        "docker: Error response from daemon: OCI runtime create failed: container_linux.go:349:"
        " starting container process caused: stderr: nvidia-container-cli: initialization error:"
        " nvml error: driver not loaded: unknown.\n",
        "host-without-driver",
        ("--container",),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/34069: other notebooks held the GPU
        "InternalError: Blas GEMM launch failed\n",
        "blas-launch-failed",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorpack/tensorpack/issues/1303: training ran on the GPU
        "W tensorflow/core/common_runtime/bfc_allocator.cc:237] Allocator (GPU_0_bfc) ran out of"
        " memory trying to allocate 2.39GiB with freed_by_count=0. The caller indicates that this"
        " is not a failure, but may mean that there could be performance gains if more memory"
        " were available.\n",
        "allocator-retry-is-not-a-failure",
        ("--container",),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/42467: CC 5.0 under TF 2.3, after the
        # GPU device was created
        CREATED_GPU + "F tensorflow/core/kernels/random_op_gpu.h:232] Non-OK-status:"
        " GpuLaunchKernel(...) status: Internal: no kernel image is available for execution on"
        " the device\n",
        "no-kernel-image-after-device",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/jupyter/notebook/issues/3451: TF 1.5 installed, the notebook ran
        # another Python
        "ImportError: no module named 'tensorflow'\n",
        "stated-installed-yet-no-module",
        ("--os", "linux", "--tf", "1.5.0"),
        "wrong-python-environment",
        "no",
    ),
    (
        # https://github.com/deezer/spleeter/issues/530: Python 3.9 has no TF 2.3 wheel
        "ERROR: Could not find a version that satisfies the requirement tensorflow==2.3.0 (from"
        " spleeter)\nERROR: No matching distribution found for tensorflow==2.3.0\n",
        "install-failed-on-macos",
        ("--os", "macos", "--python", "3.9"),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/9722: a wheel for another Python
        "tensorflow-1.1.0-cp35-cp35m-win_amd64.whl is not a supported wheel on this platform.\n",
        "pip-refuses-the-wheel",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/srama2512/PONI/issues/5: conda has no build for Python 3.8
        "UnsatisfiableError: The following specifications were found\nto be incompatible with"
        " the existing python installation in your environment:\n\nSpecifications:\n\n"
        "  - tensorflow==1.13.1 -> python[version='>=2.7,<2.8.0a0|>=3.7,<3.8.0a0']\n",
        "conda-unsatisfiable-python",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # TensorFlow 2.12's install guide had cuDNN come from the nvidia-cudnn-cu11 wheel, found
        # only through LD_LIBRARY_PATH (https://github.com/tensorflow/tensorflow/issues/63362)
        "Successfully installed nvidia-cudnn-cu11-8.6.0.163\n"
        "W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:66] Could not"
        " load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object"
        " file: No such file or directory\n",
        "cudnn-wheel-not-on-the-loader-path",
        ("--tf", "2.12"),
        "pip-cuda-libs-not-on-path",
        "no",
    ),
    (
        # https://github.com/detectionteamucas/FPN_Tensorflow/issues/146 shape: the script hides
        # the GPUs itself
        'os.environ["CUDA_VISIBLE_DEVICES"] = "-1"\n'
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:271] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n",
        "script-hides-every-gpu",
        (),
        "cuda-visible-devices-hides-gpus",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/62064: cuDNN loaded on first use
        "I tensorflow/compiler/xla/stream_executor/cuda/cuda_dnn.cc:428] Loaded cuDNN version"
        " 8904\n",
        "cudnn-loaded-means-a-gpu-op-ran",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/10061: a Windows console copy breaks
        # lines at its width, in the middle of a word
        "tensorflow_gpu-1.1.0-cp35-cp35m-win_amd64.whl is not a supported wheel on this p\n"
        "latform.\n",
        "console-wrapped-mid-word",
        ("--os", "windows", "--python", "2.7"),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/kundajelab/chrombpnet/issues/49: CUDA 11.1+ renamed cuSOLVER
        "Could not load dynamic library 'libcusolver.so.10'; dlerror: libcusolver.so.10: cannot"
        " open shared object file: No such file or directory\n",
        "tf-2.4-needs-cuda-11.0-cusolver",
        ("--tf", "2.4"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # TensorFlow's cuDNN failure names the driver: 390 supports CUDA 9.1 at most, older
        # than any TensorFlow 2 was built for (https://github.com/ContinuumIO/anaconda-issues/
        # issues/10224 shows the line)
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:353] Could not create cudnn handle:"
        " CUDNN_STATUS_NOT_INITIALIZED\nE tensorflow/stream_executor/cuda/cuda_dnn.cc:361]"
        " Possibly insufficient driver version: 390.87.0\n",
        "driver-named-by-tensorflow",
        ("--tf", "2.3"),
        "driver-too-old",
        "no",
    ),
    (
        # cuDNN 8.3+ on Windows (TensorFlow 2.10) needs zlib; cuDNN's own message
        "Could not locate zlibwapi.dll. Please make sure it is in your library path!\n",
        "cudnn-without-zlib-on-windows",
        ("--os", "windows", "--tf", "2.10"),
        "cudnn-not-found",
        "no",
    ),
    (
        # 'pip install tensorflow' on native Windows pulls in tensorflow-intel (2.11+), a build
        # without GPU support: the distribution names the platform and the release
        "Requirement already satisfied: tensorflow-intel==2.15.0 in"
        " c:\\users\\me\\venv\\lib\\site-packages (from tensorflow) (2.15.0)\n"
        ">>> tf.config.list_physical_devices('GPU')\n[]\n",
        "tensorflow-intel-means-native-windows",
        (),
        "windows-native-gpu-unsupported",
        "no",
    ),
    (
        # A paste through a word processor: curly quotes around the library name
        "Could not load dynamic library \u2018libcudnn.so.8\u2019; dlerror: libcudnn.so.8: cannot"
        " open shared object file: No such file or directory\n",
        "curly-quotes",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/85298 wording, on native Windows with
        # a Python newer than TF 2.10 supports
        "ERROR: Could not find a version that satisfies the requirement tensorflow==2.10 (from"
        " versions: 2.16.0rc0, 2.16.1)\nERROR: No matching distribution found for"
        " tensorflow==2.10\n",
        "windows-asks-for-2.10-on-a-new-python",
        ("--os", "windows", "--python", "3.12"),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/30638: TF 1.14 to 2.0 said 'Could not
        # dlopen library'; 2.0 wants CUDA 10.0 and the reporter had 10.1
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:53] Could not dlopen library"
        " 'libcudart.so.10.0'; dlerror: libcudart.so.10.0: cannot open shared object file: No"
        " such file or directory\n",
        "tf-2.0-wording-needs-another-cuda",
        ("--tf", "2.0.0", "--cuda-toolkit", "10.1", "--os", "linux"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/23715: cudnn.h says 7.4.1, yet an old
        # libcudnn 7.1.2 is what loads
        "Loaded runtime CuDNN library: 7.1.2 but source was compiled with: 7.3.1.  CuDNN library"
        " major and minor version needs to match or have higher minor version in case of CuDNN"
        " 7.0 or later version.\n",
        "installed-cudnn-shadowed-by-an-old-copy",
        ("--cudnn", "7.4.1"),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://github.com/horovod/horovod/issues/2095: Horovod's ops were built for CUDA 10.0,
        # TF 2.2 loads 10.1
        "NotFoundError: libcudart.so.10.0: cannot open shared object file: No such file or"
        " directory\n",
        "extension-built-for-another-cuda",
        ("--tf", "2.2.0"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/ray-project/ray/issues/14542: Ray set CUDA_VISIBLE_DEVICES to "0,0"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:314] failed call to cuInit:"
        " CUDA_ERROR_INVALID_DEVICE: invalid device ordinal\n",
        "invalid-visible-devices",
        (),
        "cuda-visible-devices-hides-gpus",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/60737: a CUDA runtime image has no ptxas
        "W tensorflow/compiler/xla/stream_executor/gpu/redzone_allocator.cc:318] INTERNAL: Failed"
        " to launch ptxas\nRelying on driver to perform ptx compilation. \n",
        "runtime-image-without-ptxas",
        ("--container",),
        "xla-toolchain-missing",
        "unknown",
    ),
    (
        # https://github.com/ai4d-iasc/trixie/issues/41: CUDA 10.2 on a node with driver 418
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda reported version is:"
        " Not found: was unable to find libcuda.so DSO loaded into this program\n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel reported version is:"
        " 418.67.0\n",
        "toolkit-newer-than-the-driver",
        ("--os", "linux", "--cuda-toolkit", "10.2"),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/google/deepvariant/issues/619: Singularity passed the GPU in, but the
        # host had not loaded nvidia-uvm ('nvidia-modprobe -u -c=0' fixed it)
        "tensorflow/stream_executor/cuda/cuda_driver.cc:271] failed call to cuInit:"
        " CUDA_ERROR_UNKNOWN: unknown error\n"
        "tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel reported version is:"
        " 520.61.5\n",
        "container-with-the-gpu-but-no-uvm-on-the-host",
        ("--os", "linux", "--container"),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/13837: TF 1.3's self-check on Windows
        "ERROR: Failed to import the TensorFlow module.\n\n- Python version is 3.5.\n\n- Could"
        " not load 'cudart64_80.dll'. The GPU version of TensorFlow\n  requires that this DLL be"
        " installed in a directory that is named in\n\n- Could not find cuDNN 6.\n",
        "tf1-windows-self-check",
        ("--os", "windows"),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # TF 1.x's self-check (tensorflow/python/platform/self_check.py) without a driver
        "ImportError: Could not find 'nvcuda.dll'. TensorFlow requires that this DLL be installed"
        " in a directory that is named in your %PATH% environment variable. Typically it is"
        " installed in 'C:\\Windows\\System32'.\n",
        "tf1-windows-without-driver",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/43718 pasted its log inside <pre>, so
        # the quotes arrive as HTML entities
        "  File &quot;/home/frank/.local/lib/python3.8/site-packages/tensorflow/python/eager/"
        "context.py&quot;, line 539, in ensure_initialized\n"
        "tensorflow.python.framework.errors_impl.InternalError: CUDA runtime implicit"
        " initialization on GPU:0 failed. Status: device kernel image is invalid\n",
        "rtx-30-under-tf-2.3-html-escaped",
        ("--gpu", "GeForce RTX 3090", "--tf", "2.3"),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # Apple's tensorflow-metal takes the GPU on macOS; no CUDA is involved
        "2024-04-10 14:19:45.341551: I metal_plugin/src/device/metal_device.cc:1154] Metal device"
        " set to: Apple M1\n",
        "metal-plugin-on-macos",
        ("--os", "macos"),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/46933: CUDA 11.0's ptxas predates sm_86;
        # the fallback compiles for the GPU TensorFlow opened (#45590, a maintainer: safe to
        # ignore), so the GPU is at work
        "W tensorflow/stream_executor/gpu/asm_compiler.cc:235] Your CUDA software stack is old. We"
        " fallback to the NVIDIA driver for some compilation. Update your CUDA version to get the"
        " best performance. The ptxas error was: ptxas fatal   : Value 'sm_86' is not defined"
        " for option 'gpu-name'\n",
        "ptxas-older-than-the-gpu",
        ("--tf", "2.4.1", "--cuda-toolkit", "11.0"),
        "compute-capability-ptx-jit",
        "yes",
    ),
    (
        # https://github.com/coonwg1/ezscore/issues/1: uv on Python 3.11, a TF 2.10 pin
        "Using Python 3.11.13 environment at: venv\n"
        "  × No solution found when resolving dependencies:\n"
        "  ╰─▶ Because tensorflow==2.10.1 has no wheels with a matching Python ABI tag (e.g.,"
        " `cp311`) and ezscore==0.1.9.7 depends on tensorflow==2.10.1, we can conclude that"
        " ezscore==0.1.9.7 cannot be used.\n",
        "uv-no-wheel-for-this-python",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/ICAMS/grace-tensorpotential/issues/6 (verbatim): uv narrowed the
        # versions to a range, none with a wheel for Python 3.13
        "  ╰─▶ Because only the following versions of tensorflow are available:\n"
        "      and tensorflow<=2.16.2 has no wheels with a matching Python ABI tag (e.g.,"
        " `cp313`),\n"
        "      we can conclude that tensorflow<=2.16.2 cannot be used.\n",
        "uv-no-wheel-in-a-range",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # uv sync of a tensorflow-cpu pin under Python 3.12: a request, not an installed CPU build
        "error: Distribution `tensorflow-cpu==2.15.0 @ registry+https://pypi.org/simple` can't be"
        " installed because it doesn't have a source distribution or wheel for the current"
        " platform\n",
        "uv-cpu-pin-without-a-wheel",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/io/issues/1617: Poetry on macOS
        "Unable to find installation candidates for tensorflow-io-gcs-filesystem (0.23.1)\n",
        "poetry-no-candidate",
        ("--os", "macos"),
        "python-unsupported",
        "no",
    ),
    (
        # conda-forge picks TensorFlow's CUDA build only where it sees a driver (__cuda):
        # https://conda-forge.org/docs/user/cuda/
        "The following packages are incompatible\n  - nothing provides __cuda needed by"
        " tensorflow-2.13.0-cuda118py311h6a7b7a6_0\n",
        "conda-without-a-driver",
        ("--os", "linux"),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/mikelkou/fava/issues/23: TF 2.12+ words the cuBLAS status and adds
        # its own OOM hint
        "E tensorflow/compiler/xla/stream_executor/cuda/cuda_blas.cc:190] failed to create cublas"
        " handle: the library was not initialized\n",
        "cublas-status-in-words",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/34354: TF 2.0 wants CUDA 10.0, the
        # reporter had moved to 10.1
        "tensorflow.python.framework.errors_impl.InternalError: cudaGetDevice() failed. Status:"
        " cudaGetErrorString symbol not found.\n",
        "tf-2.0-cudart-stub-with-another-cuda",
        ("--tf", "2.0", "--cuda-toolkit", "10.1", "--os", "windows"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # TF 2.12+'s cudart stub (tsl/cuda/cudart_stub.cc) when libcudart did not load
        "E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282] failed call to cuInit:"
        " Error loading CUDA libraries. GPU will not be used.\n",
        "cudart-stub-error-string",
        ("--os", "linux"),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # pip install tensorflow-gpu today: PyPI's stub (pypi.org/project/tensorflow-gpu) refuses
        '  The "tensorflow-gpu" package has been removed!\n\n  Please install "tensorflow"'
        " instead.\n  error: subprocess-exited-with-error\n",
        "tensorflow-gpu-stub",
        ("--os", "linux"),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # A 32-bit Python on Windows: pip finds no TensorFlow wheel, so there is none to import
        "Python 3.7.4 (tags/v3.7.4:e09359112e, Jul  8 2019, 19:29:22) [MSC v.1916 32 bit"
        " (Intel)] on win32\n>>> import tensorflow\nModuleNotFoundError: No module named"
        " 'tensorflow'\n",
        "32-bit-python",
        (),
        "platform-unsupported",
        "no",
    ),
    (
        # TensorFlow's own check; its wheels need AVX (tensorflow.org/install/pip, hardware)
        "The TensorFlow library was compiled to use AVX instructions, but these aren't available"
        " on your machine.\nAborted (core dumped)\n",
        "cpu-without-avx",
        (),
        "cpu-lacks-avx",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/44999: x86 TensorFlow under Rosetta 2
        # (no AVX) on an Apple M1, as zsh reports the SIGILL
        ">>> import tensorflow\nzsh: illegal hardware instruction  python\n",
        "zsh-illegal-hardware-instruction",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/47041 (verbatim): fish's wording, an
        # x86_64 Python under Rosetta 2
        ">>> import tensorflow\nfish: 'python' terminated by signal SIGILL (Illegal instruction)\n",
        "fish-sigill",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/62860: macOS's bash wording
        ">>> import tensorflow\nIllegal instruction: 4\n$\n",
        "macos-illegal-instruction-4",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/43670: a French shell's wording
        "$ python3 -c 'import tensorflow as tf; print(tf._version_)'\n"
        "Instruction non permise (core dumped)\n",
        "french-illegal-instruction",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/deepforge-dev/deepforge/issues/1561: capitalised, in a container
        "Illegal Instruction (core dumped)\n(deepforge) root@f1718b09c805:/deepforge# \n",
        "capitalised-illegal-instruction",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # A shell's job line names the dead command after the signal (bash, German locale)
        "run.sh: Zeile 3:  9558 Ungültiger Maschinenbefehl (Speicherabzug geschrieben)"
        " python -c 'import tensorflow'\n",
        "german-job-line-illegal-instruction",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/35409: Windows' STATUS_ILLEGAL_INSTRUCTION
        # as the error code of the failed DLL load (a CPU without AVX)
        "    _pywrap_tensorflow_internal = swig_import_helper()\n"
        "ImportError: DLL load failed with error code -1073741795\n",
        "windows-dll-illegal-instruction",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/12416: the ImportError as pasted, its
        # colon lost; cuDNN 5.1 was installed while 1.3's wheels load cuDNN 6
        "ImportError: libcudnn.so.6 cannot open shared object file: No such file or directory\n",
        "import-error-without-colon",
        ("--tf", "1.3.0", "--os", "linux"),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/40646: the GPU is registered, then
        # cuDNN cannot start for lack of memory on a 2 GB GPU that TF 2.2 has only PTX for: the
        # failure, not the slow PTX start, is what the user asks about
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1247] Created TensorFlow device"
        " (/job:localhost/replica:0/task:0/device:GPU:0 with 1538 MB memory) -> physical GPU"
        " (device: 0, name: GeForce 940MX, pci bus id: 0000:01:00.0, compute capability: 5.0)\n"
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:44] Successfully opened"
        " dynamic library libcudnn.so.7\n"
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:329] Could not create cudnn handle:"
        " CUDNN_STATUS_INTERNAL_ERROR\n",
        "gpu-registered-then-cudnn-cannot-start",
        ("--tf", "2.2.0", "--os", "linux", "--gpu", "GeForce 940MX"),
        "gpu-out-of-memory",
        "yes",
    ),
    (
        # https://github.com/lightvector/KataGo/issues/325: the GPU is registered, then the first
        # kernel launch fails; not a working GPU
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1325] Created TensorFlow device"
        " (/job:localhost/replica:0/task:0/device:GPU:0 with 4915 MB memory) -> physical GPU"
        " (device: 0, name: GeForce RTX 2070 SUPER, pci bus id: 0000:01:00.0, compute"
        " capability: 7.5)\n"
        "F .\\tensorflow/core/kernels/random_op_gpu.h:227] Non-OK-status:"
        " GpuLaunchKernel(FillPhiloxRandomKernelLaunch<Distribution>, num_blocks, block_size, 0,"
        " d.stream(), gen, data, size, dist) status: Internal: invalid device function\n",
        "kernel-launch-invalid-device-function",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/nanoporetech/medaka/issues/472: cuBLAS's own loader, and the
        # pipeline ran on: no error
        "Could not load symbol cublasGetSmCountTarget from libcublas.so.11. Error:"
        " /usr/local/cuda/targets/x86_64-linux/lib/libcublas.so.11: undefined symbol:"
        " cublasGetSmCountTarget\n",
        "cublas-symbol-from-an-older-cublas",
        ("--os", "linux"),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/45068: every cuDNN algorithm failed on
        # an RTX 3080; memory growth fixed it
        "tensorflow.python.framework.errors_impl.NotFoundError:  No algorithm worked!\n"
        "\t [[node sequential/conv2d/Relu (defined at"
        " /Documents/deep_learning_day2/hello_conv_nets.py:26) ]]"
        " [Op:__inference_train_function_800]\n",
        "no-algorithm-worked",
        ("--tf", "2.4.0", "--os", "linux"),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/58621: grappler's note on a dropout
        # node while the tutorial runs on an RTX 3090
        "layout failed: INVALID_ARGUMENT: Size of values 0 does not match size of permutation 4"
        " @ fanin shape insequential_2/dropout/dropout/SelectV2-2-TransposeNHWCToNCHW-"
        "LayoutOptimizer\n",
        "grappler-layout-failed",
        ("--tf", "2.11", "--os", "linux"),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/kubeflow/pipelines/issues/4339: a GPU image on a Kubernetes node
        # without a GPU; inside a container /proc/driver/nvidia is the host's, so its absence
        # says the node has no driver, not that the pod was started without the GPU
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:314] failed call to cuInit: UNKNOWN"
        " ERROR (-1)\n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156] kernel driver does not"
        " appear to be running on this host (bikes-weather-keras-tuner-bwv6r-64091476):"
        " /proc/driver/nvidia/version does not exist\n",
        "container-on-a-node-without-a-driver",
        ("--tf", "2.3.0", "--container"),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # The same lines where the host is known to have a GPU: its driver is what is missing
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:314] failed call to cuInit: UNKNOWN"
        " ERROR (-1)\n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156] kernel driver does not"
        " appear to be running on this host (bikes-weather-keras-tuner-bwv6r-64091476):"
        " /proc/driver/nvidia/version does not exist\n",
        "container-on-a-gpu-host-without-a-driver",
        ("--tf", "2.3.0", "--container", "--gpu", "Tesla T4"),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/Softcatala/whisper-ctranslate2/issues/41: cuDNN 8's loader on
        # Windows; installing zlib, which cuDNN 8.3+ needs, fixed it
        "Could not load library cudnn_cnn_infer64_8.dll. Error code 126\n"
        "Please make sure cudnn_cnn_infer64_8.dll is in your library path!\n",
        "windows-cudnn-sublibrary-error-126",
        ("--os", "windows", "--tf", "2.10"),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/37221: the reporter found the CPU had
        # no AVX
        '  File "C:\\Python36\\lib\\imp.py", line 342, in load_dynamic\n'
        "    return _load(spec)\n"
        "ImportError: DLL load failed: A dynamic link library (DLL) initialization routine"
        " failed.\n",
        "windows-dll-initialisation-failed",
        ("--os", "windows", "--tf", "2.0.0"),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # gpu_device.cc's warning as TensorFlow 2.21 prints it on a Blackwell GPU (XLA names the
        # arch-specific features '12.0a'): from 2.21 the PTX JIT-compiles there
        # (tensorflow#111958 runs the GPU and fails only in XLA's own compiles), before 2.21
        # it fails with CUDA_ERROR_INVALID_PTX (tensorflow#99592)
        "W0000 00:00:1768485309.633310     549 gpu_device.cc:2459] TensorFlow was not built with"
        " CUDA kernel binaries compatible with compute capability 12.0a. CUDA kernels will be"
        " jit-compiled from PTX, which could take 30 minutes or longer.\n",
        "blackwell-ptx-jit-from-2.21",
        ("--tf", "2.21.0", "--os", "linux"),
        "compute-capability-ptx-jit",
        "unknown",
    ),
    (
        "W0000 00:00:1768485309.633310     549 gpu_device.cc:2431] TensorFlow was not built with"
        " CUDA kernel binaries compatible with compute capability 12.0. CUDA kernels will be"
        " jit-compiled from PTX, which could take 30 minutes or longer.\n",
        "blackwell-no-kernels-before-2.21",
        ("--tf", "2.20.0", "--os", "linux"),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/111958: XLA's LLVM on a Blackwell GPU
        "LLVM ERROR: PTX version 8.5 does not support target 'sm_120'. Minimum required PTX"
        " version is 8.7\n",
        "xla-cannot-target-blackwell",
        ("--os", "linux", "--gpu", "NVIDIA RTX 5060 Ti"),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/30594: another program held the GPU,
        # so no context could be made on it
        "W tensorflow/compiler/xla/service/platform_util.cc:240] unable to create StreamExecutor"
        " for CUDA:0: failed initializing StreamExecutor for CUDA device ordinal 0: Internal:"
        " failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY: out of memory;"
        " total memory reported: 11523260416\n"
        "F tensorflow/stream_executor/lib/statusor.cc:34] Attempting to fetch value instead of"
        " handling error Internal: no supported devices found for platform CUDA\n",
        "context-creation-out-of-memory",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/localminimum/QANet/issues/5: driver 384.69 is older than CUDA 9.0's
        # 384.81; TensorFlow suspects the driver when cuDNN will not start
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:385] could not create cudnn handle:"
        " CUDNN_STATUS_NOT_INITIALIZED\n"
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:393] possibly insufficient driver"
        " version: 384.69.0\n",
        "cuda-9-driver-too-old",
        ("--tf", "1.5.0", "--cuda-toolkit", "9.0", "--driver", "384.69", "--os", "linux"),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/uc-vision/smart-tree/issues/2: 'conda info' names the CUDA the
        # driver supports (11.4), too old for TF 2.16's CUDA 12
        "       virtual packages : __cuda=11.4=0\n                          __linux=5.4.0=0\n"
        "                          __glibc=2.27=0\n                          __unix=0=0\n",
        "conda-info-driver-cuda",
        ("--tf", "2.16", "--os", "linux"),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/conda-forge/tensorflow-feedstock/issues/224: conda's classic solver
        # names the __cuda virtual package no driver provides
        "UnsatisfiableError: The following specifications were found to be incompatible with"
        " your system:\n\n  - feature:/linux-64::__glibc==2.17=0\n"
        "  - tensorflow[version='>=2.7',build=cuda11*] -> __cuda\n\nYour installed version is:"
        " 2.17\n",
        "conda-classic-no-cuda",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/53: Ubuntu 12.04's glibc 2.15, as
        # 'ldd --version' prints it, under a release whose wheels need 2.17
        "$ ldd --version\nldd (Ubuntu EGLIBC 2.15-0ubuntu10.18) 2.15\n",
        "ldd-version-too-old",
        ("--tf", "2.16", "--os", "linux"),
        "glibc-too-old",
        "no",
    ),
    (
        # cuDNN's install check ('grep CUDNN_MAJOR -A 2' of cudnn.h) shows 7.6.5 while the
        # release loads cuDNN 8
        "$ cat /usr/local/cuda/include/cudnn.h | grep CUDNN_MAJOR -A 2\n#define CUDNN_MAJOR 7\n"
        "#define CUDNN_MINOR 6\n#define CUDNN_PATCHLEVEL 5\n--\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No"
        " such file or directory\n",
        "cudnn-header-other-major",
        ("--os", "linux"),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # 'conda list' in a conda env holding CUDA 10.1 and cuDNN 7.6 for a release built for 11
        "cudatoolkit               10.1.243             h6bb024c_0\n"
        "cudnn                     7.6.5                cuda10.1_0\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory\n",
        "conda-list-other-cuda",
        ("--os", "linux"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # CUDA 10.x's /usr/local/cuda/version.txt beside a release built for 10.1
        "$ cat /usr/local/cuda/version.txt\nCUDA Version 10.0.130\n"
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:53] Could not dlopen"
        " library 'libcudart.so.10.1'; dlerror: libcudart.so.10.1: cannot open shared object"
        " file: No such file or directory\n",
        "cuda-version-file-other-minor",
        ("--os", "linux"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # pip on native Windows: the tensorflow installer wheel pulls in tensorflow-intel of
        # the same version (tensorflow/tools/pip_package/setup.py), one install, CPU-only
        "Collecting tensorflow\n  Downloading tensorflow-2.16.1-cp312-cp312-win_amd64.whl (2.1"
        " kB)\nCollecting tensorflow-intel==2.16.1 (from tensorflow)\n  Downloading"
        " tensorflow_intel-2.16.1-cp312-cp312-win_amd64.whl (377.0 MB)\n"
        "Successfully installed tensorflow-2.16.1 tensorflow-intel-2.16.1\n",
        "windows-installer-and-intel-build",
        (),
        "windows-native-gpu-unsupported",
        "no",
    ),
    (
        # https://github.com/talmolab/sleap/issues/1644: a CUDA 11 build on a Colab runtime that
        # had moved to CUDA 12 (/usr/lib64-nvidia is Colab's driver folder)
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory; LD_LIBRARY_PATH:"
        " /usr/local/lib/python3.10/dist-packages/cv2/../../lib64:/usr/lib64-nvidia\n",
        "colab-ships-another-cuda",
        (),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/iterative/cml/issues/972: the image's CUDA 11 beside a TensorFlow
        # built for CUDA 10 ("Our images use CUDA 11, not CUDA 10"); a container someone runs
        # for the GPU is built on an image that ships a CUDA
        "Could not load dynamic library 'libcusolver.so.10'; dlerror: libcusolver.so.10: cannot"
        " open shared object file: No such file or directory\n",
        "container-ships-another-cuda",
        ("--container",),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/DeepLabCut/DeepLabCut/issues/944: an RTX 3090 under a CUDA 10.0
        # build (its DLLs) gets a device, and nothing fails on it in the log: the reporter's
        # 'took a long time to start but it engaged the GPU' (the driver's PTX JIT). That CUDA's
        # cuDNN and cuBLAS have no Ampere kernels (DeepLabCut#1142), which the fix says.
        "2020-10-05 10:40:16.949263: I tensorflow/stream_executor/platform/default/dso_loader.cc"
        ":44] Successfully opened dynamic library cusolver64_100.dll\n"
        "2020-10-05 10:40:17.964440: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1325]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 22071 MB"
        " memory) -> physical GPU (device: 0, name: GeForce RTX 3090, pci bus id: 0000:08:00.0,"
        " compute capability: 8.6)\n",
        "gpu-newer-than-the-cuda-of-the-build",
        ("--os", "windows"),
        "compute-capability-ptx-jit",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/24814: pip's 'tensorflow' 1.12 is
        # CPU-only; the GPU build of that era was 'tensorflow-gpu' (a maintainer in
        # https://github.com/tensorflow/tensorflow/issues/36347)
        "Successfully installed tensorflow-1.12.0\n"
        "2019-01-09 21:39:35.073563: I tensorflow/core/platform/cpu_feature_guard.cc:141] Your"
        " CPU supports instructions that this TensorFlow binary was not compiled to use: AVX2"
        " AVX512F FMA\n",
        "pip-tensorflow-package-before-2.1",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/PINTO0309/Tensorflow-bin/issues/3: a community aarch64 wheel named
        # 'tensorflow' that links CUDA 9.0: its import failing on cuBLAS shows a CUDA build
        "Successfully installed tensorboard-1.11.0 tensorflow-1.11.0\n"
        ">>> import tensorflow as tf\n"
        '  File "/home/toybrick/.local/lib/python3.6/site-packages/tensorflow/python/'
        'pywrap_tensorflow_internal.py", line 24, in swig_import_helper\n'
        "    _mod = imp.load_module('_pywrap_tensorflow_internal', fp, pathname, description)\n"
        "ImportError: libcublas.so.9.0: cannot open shared object file: No such file or"
        " directory\n",
        "pip-tensorflow-package-that-links-cuda",
        ("--arch", "aarch64"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # Horovod's ops failing on CUDA through TensorFlow's loader (horovod#1370's frames; the
        # pip line written): Horovod's build links CUDA, not TensorFlow's package
        "Successfully installed tensorflow-1.14.0\n"
        "Traceback (most recent call last):\n"
        '  File "/usr/local/lib64/python3.6/site-packages/horovod/tensorflow/mpi_ops.py", line'
        " 47, in <module>\n"
        "    MPI_LIB = _load_library('mpi_lib' + get_ext_suffix())\n"
        '  File "/usr/local/lib64/python3.6/site-packages/tensorflow/python/framework/'
        'load_library.py", line 61, in load_op_library\n'
        "    lib_handle = py_tf.TF_LoadLibrary(library_filename)\n"
        "tensorflow.python.framework.errors_impl.NotFoundError: libcudart.so.10.0: cannot open"
        " shared object file: No such file or directory\n",
        "pip-tensorflow-package-beside-horovod-cuda",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # The same summary of 2.1, whose 'tensorflow' package has the GPU: nothing to say
        "Successfully installed tensorflow-2.1.0\n",
        "pip-tensorflow-package-from-2.1",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/50139: log_device_placement's
        # mapping lists the legacy XLA_GPU device beside the GPU ("If TF detected a
        # /device:GPU:0 then you're good to go", tensorflow#32851)
        "Device mapping:\n/job:localhost/replica:0/task:0/device:XLA_GPU:0 -> device: XLA_GPU"
        " device\n/job:localhost/replica:0/task:0/device:GPU:0 -> device: 0, name: GeForce GTX"
        " 1080 Ti, pci bus id: 0000:05:00.0, compute capability: 6.1\n",
        "device-mapping-with-xla-gpu-and-gpu",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/models/issues/7640: native Windows has no asm compiler;
        # "the training still continues"
        "W tensorflow/stream_executor/gpu/redzone_allocator.cc:314] Internal: Invoking GPU asm"
        " compilation is supported on Cuda non-Windows platforms only\nRelying on driver to"
        " perform ptx compilation.\nModify $PATH to customize ptxas location.\n",
        "windows-leaves-ptx-to-the-driver",
        ("--os", "windows"),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/DeepLabCut/DeepLabCut/issues/971 (native Windows, TF 1.x): cuDNN ran
        # a convolution, so this Windows TensorFlow has CUDA (2.10 or older); the launch failing
        # is cuDNN's workspace memory (the maintainers' allow_growth default, DeepLabCut#458)
        "[InternalError (see above for traceback): cuDNN launch failure : input"
        " shape([1,3,949,1682]) filter shape([7,7,3,64])\n"
        '  File "C:\\Users\\me\\DeepLabCut\\train.py", line 9, in <module>\n',
        "cudnn-launch-failure-on-windows",
        ("--os", "windows"),
        "gpu-out-of-memory",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/serving/issues/646: a libcuda.so.1 link made to the
        # toolkit's stub, which only satisfies the linker (NVIDIA in nvidia-container-toolkit#668)
        "lrwxrwxrwx. 1 root root     38 Nov  5 23:23 libcuda.so.1 ->"
        " /usr/local/cuda/lib64/stubs/libcuda.so\n"
        "E external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed"
        " call to cuInit: CUresult(-1)\n",
        "libcuda-linked-to-the-stub",
        (),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://github.com/baker-laboratory/RoseTTAFold-All-Atom/issues/20: conda's libmamba
        # solver on a machine whose driver it cannot see ("do this step on a node that has a
        # GPU")
        "Could not solve for environment specs\nThe following packages are incompatible\n"
        "└─ tensorflow ==2.11.0 cuda112py310he87a039_0 is not installable because it requires\n"
        "  └─ __cuda, which is missing on the system.\n",
        "libmamba-cuda-missing-on-the-system",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/rlworkgroup/garage/issues/698: Anaconda's tensorflow-gpu is a
        # metapackage that selects the gpu_py build of 'tensorflow': one install, not two
        "# Name                    Version                   Build  Channel\n"
        "tensorflow                1.13.1          gpu_py36h3991807_0\n"
        "tensorflow-base           1.13.1          gpu_py36h8d69cac_0\n"
        "tensorflow-gpu            1.13.1               h0d30ee6_0\n",
        "anaconda-gpu-metapackage-layout",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/46935 (verbatim rows): the same
        # metapackage picked the mkl build, so one CPU-only install, not two distributions
        "tensorflow                2.3.0           mkl_py38h1fcfbd6_0\n"
        "tensorflow-base           2.3.0           eigen_py38h75a453f_0\n"
        "tensorflow-gpu            2.3.0                he13fc11_0\n",
        "anaconda-gpu-metapackage-picked-a-cpu-build",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/23874: TensorFlow 1.12's comparison
        # bug, fixed in 1.13; a ptxas really older than 9.2.88 keeps its reading (below)
        "*** WARNING *** You are using ptxas 10.0.145, which is older than 9.2.88\n",
        "ptxas-version-misread-by-tensorflow-1-12",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        "*** WARNING *** You are using ptxas 9.1.85, which is older than 9.2.88. ptxas 9.x before"
        " 9.2.88 is known to miscompile XLA code\n",
        "ptxas-really-older",
        (),
        "xla-toolchain-missing",
        # asm_compiler checks the ptxas it runs for the GPU device at work
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow-build-archived/issues/1: the loader's words
        # without what required them (a community wheel built with a newer GCC)
        "libstdc++.so.6: version `GLIBCXX_3.4.22' not found \n",
        "libstdcxx-symbol-missing-unattributed",
        (),
        "glibc-too-old",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/26378 as a paste cut it: the path of
        # what required the symbol runs off the line
        "ImportError: /lib64/libstdc++.so.6: version `CXXABI_1.3.8' not found (required by /home\n",
        "libstdcxx-symbol-missing-path-cut",
        (),
        "glibc-too-old",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/16660: TensorFlow Java's GPU build on
        # Windows, with a CUDA other than the one it was built with
        "java.lang.UnsatisfiedLinkError: tensorflow_jni.dll: Can't find dependent libraries\n",
        "java-gpu-build-missing-a-cuda-dll-on-windows",
        ("--os", "windows"),
        "cuda-libs-not-found",
        "unknown",
    ),
    (
        # pip's tensorflow-gpu (pypi_0) beside conda's CPU build: two distributions, not conda's
        # metapackage and the build it picked
        "tensorflow                2.3.0           mkl_py38h1fcfbd6_0\n"
        "tensorflow-base           2.3.0           eigen_py38h75a453f_0\n"
        "tensorflow-gpu            2.3.0                    pypi_0    pypi\n",
        "pip-tensorflow-gpu-beside-a-conda-cpu-build",
        (),
        "multiple-tensorflow-distributions",
        "no",
    ),
    (
        # Anaconda's build selector alone, without the packages it selected
        "_tflow_select             2.1.0                       gpu    anaconda\n",
        "anaconda-gpu-selector-alone",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # The same line outside a container: nothing says a CUDA is installed at all
        "Could not load dynamic library 'libcusolver.so.10'; dlerror: libcusolver.so.10: cannot"
        " open shared object file: No such file or directory\n",
        "cuda-runtime-missing-outside-a-container",
        ("--no-container",),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # The cuDNN line of the same shape: Colab's runtimes ship their own cuDNN as well
        # (https://github.com/googlecolab/colabtools/issues/2818: "the cudnn version got
        # incompatible with my tensorflow")
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No"
        " such file or directory; LD_LIBRARY_PATH: /usr/lib64-nvidia\n",
        "colab-ships-another-cudnn",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/RasaHQ/rasa_core/issues/1076: gdb stopping on the SIGILL of a CPU
        # without AVX inside TensorFlow
        'Thread 1 "python3" received signal SIGILL, Illegal instruction.\n',
        "gdb-sigill",
        (),
        "cpu-lacks-avx",
        "unknown",
    ),
    (
        # https://github.com/pypa/pip/issues/7398 (review 69): an older pip's bare [Errno 2] on a
        # path past Windows' limit (the Store Python's LocalCache); long paths fixed it
        "ERROR: Could not install packages due to an EnvironmentError: [Errno 2] No such file or"
        " directory: 'C:\\\\Users\\\\myuser\\\\AppData\\\\Local\\\\Packages\\\\"
        "PythonSoftwareFoundation.Python.3.7_qbz5n2kfra8p0\\\\LocalCache\\\\local-packages"
        "\\\\Python37\\\\site-packages\\\\tensorboard\\\\_vendor\\\\tensorflow_serving"
        "\\\\sources\\\\storage_path\\\\__pycache__\\\\"
        "file_system_storage_path_source_pb2.cpython-37.pyc'\n",
        "pip-windows-path-past-the-limit",
        ("--os", "windows"),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/MrNothing/AI-Blocks/issues/7: Python 2's wording, ending a sentence
        '  File "C:\\Users\\Augusto\\AppData\\Local\\Temp/main.py", line 2, in <module>'
        "\nImportError: No module named tensorflow.\n",
        "python2-no-module-with-a-full-stop",
        (),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # An AMD GPU stated by its owner: CUDA builds of TensorFlow need an NVIDIA one
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found\n",
        "amd-gpu-stated",
        ("--os", "windows", "--tf", "2.10", "--gpu", "AMD Radeon RX 580"),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # Ubuntu's command-not-found: nvidia-smi comes with the driver package
        "$ nvidia-smi\nCommand 'nvidia-smi' not found, but can be installed with:\n\nsudo apt"
        " install nvidia-utils-535\n",
        "nvidia-smi-not-installed",
        ("--os", "linux"),
        "no-nvidia-driver",
        "unknown",
    ),
    (
        # https://github.com/google-deepmind/dnc/issues/5: a CPU-only pip tensorflow
        "Device mapping: no known devices.\n",
        "no-device-and-no-cuda-line",
        (),
        "cpu-only-tensorflow",
        "unknown",
    ),
    (
        # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/393 (an RTX 3050 Ti under
        # 520.56.06): the kernel module drives no GPU it does not support
        "[  +0.000005] NVRM: The NVIDIA GPU 0000:01:00.0 (PCI ID: 10de:25a0)\n"
        "              NVRM: installed in this system is not supported by the\n"
        "              NVRM: NVIDIA 520.56.06 driver release.\n",
        "driver-release-does-not-support-the-gpu",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/negativo17/nvidia-driver/issues/158: the open modules, a GT 1030
        "kernel: NVRM: The NVIDIA GPU 0000:09:00.0 (PCI ID: 10de:1d01)\n"
        "             NVRM: installed in this system is not supported by open\n"
        "             NVRM: nvidia.ko because it does not include the required GPU\n",
        "open-modules-and-a-gpu-without-gsp",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # Secure Boot refusing the DKMS-built module, as modprobe says it
        # (https://github.com/NVIDIA/gpu-driver-container/issues/44 is the same refusal)
        "$ sudo modprobe nvidia\n"
        "modprobe: ERROR: could not insert 'nvidia': Key was rejected by service\n",
        "secure-boot-refuses-the-module",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/ILikeAI/AlwaysReddy/issues/40: solved by the whole cuDNN on PATH
        "Could not locate cudnn_cnn_infer64_8.dll. Please make sure it is in your library path!\n",
        "cudnn-loader-locates-no-sublibrary",
        ("--os", "windows"),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/5970: TF 0.12 on Windows, no cuDNN
        "I c:\\tf_jenkins\\home\\workspace\\release-win\\device\\gpu\\os\\windows\\tensorflow"
        "\\stream_executor\\dso_loader.cc:119] Couldn't open CUDA library cudnn64_5.dll\n",
        "tf0-windows-cudnn-dll-not-found",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # a Stack Overflow question's line, retyped alone without the LD_LIBRARY_PATH tail
        # (https://newbe.dev/tensorflow-gpu-is-cudnn-optional-couldn-t-open-cuda-library-libcudnn-so)
        "Couldn't open CUDA library libcudnn.so\n",
        "tf1-cudnn-so-retyped-alone",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/394 (review 72): TF 0.x's two spaces
        # after 'cuInit:'; nvidia-modprobe (nvidia_uvm's device node) fixed it
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:481] failed call to cuInit: "
        " CUDA_ERROR_UNKNOWN\n",
        "tf0-cuinit-two-spaces",
        ("--os", "linux"),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/1088 (review 72, settled in #526): the
        # Compute M. column says E. Thread, a mode TensorFlow's contexts cannot share
        "|   0  Tesla K40m          Off  | 0000:08:00.0     Off |                    0 |\n"
        "| N/A   20C    P8    19W / 235W |     23MiB / 11519MiB |      0%    E. Thread |\n",
        "smi-exclusive-thread-compute-mode",
        ("--os", "linux"),
        "gpu-out-of-memory",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/51760 (review 72; NVIDIA/pyxis#60: the
        # job's locked-memory limit was 64 KB)
        "hai-a100-3:3778851:3779883 [4] ibvwrap.c:130 NCCL WARN Call to ibv_create_qp failed\n",
        "nccl-infiniband-queue-pairs",
        ("--os", "linux"),
        "gpu-kernel-failed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/25274 (review 71): cuda_solvers.cc's
        # numeric status, 13 for EXECUTION_FAILED; an RTX 2080 under CUDA 9.0's cuBLAS
        "tensorflow.python.framework.errors_impl.InternalError: tensorflow/core/kernels/"
        "cuda_solvers.cc:803: cuBlas call failed status = 13\n",
        "cublas-status-13",
        ("--os", "linux"),
        "compute-capability-unsupported",
        "unknown",
    ),
    (
        # https://github.com/microsoft/tensorflow-directml-plugin/issues/367 (review 74): the
        # plug-in's message retyped alone, under TensorFlow 2.12
        "tfdml_plugin.dll not found\n",
        "directml-plugin-message-alone",
        ("--os", "windows", "--tf", "2.12.0"),
        "addon-tensorflow-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/2437: TF 0.8's cuDNN check
        "Loaded cudnn library: 4007 but source was compiled against 4004\n",
        "tf0-cudnn-version-check",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/46038: cuda_diagnostics.cc's Windows
        # stub, harmless by itself
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:340] Error retrieving driver version:"
        " Unimplemented: kernel reported driver version not implemented on Windows\n",
        "windows-driver-version-stub",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/43030: CUPTI is the profiler's
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'cupti64_110.dll'; dlerror: cupti64_110.dll not found\n",
        "cupti-is-the-profilers",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/13793: no GPU among the devices
        "Could not satisfy explicit device specification '/device:GPU:0' because no devices"
        " matching that specification are registered in this process; available devices:"
        " /job:localhost/replica:0/task:0/cpu:0\n",
        "placement-lists-no-gpu",
        (),
        "cpu-only-tensorflow",
        "no",  # TensorFlow's own device list has no GPU
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/68710: WSL2, driver 555+, an older
        # NVIDIA Container Toolkit (NVIDIA/nvidia-container-toolkit#520 explains it)
        "E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282] failed call to cuInit:"
        " CUDA_ERROR_NOT_FOUND: named symbol not found\n",
        "wsl2-container-toolkit-too-old",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/NVIDIA/DeepLearningExamples/issues/803: a 20.03 image, an RTX 3060 Ti
        "WARNING: Detected NVIDIA GeForce RTX 3060 Ti GPU, which is not yet supported in this"
        " version of the container\n"
        "ERROR: No supported GPU(s) detected to run this container\n",
        "ngc-image-older-than-the-gpu",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/NVIDIA/TensorRT-LLM/issues/23: the image needs a newer host driver
        "ERROR: This container was built for NVIDIA Driver Release 535.86 or later, but\n"
        "       version 510.85.02 was detected and compatibility mode is UNAVAILABLE.\n",
        "ngc-image-needs-a-newer-driver",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/61986: 2.14.0's [and-cuda] on Python
        # 3.11 (fixed by 2.15.0.post1, tensorflow/tensorflow#62520)
        "ERROR: Could not find a version that satisfies the requirement tensorrt==8.5.3.1;"
        ' extra == "and-cuda" (from tensorflow[and-cuda]) (from versions: none)\n'
        'ERROR: No matching distribution found for tensorrt==8.5.3.1; extra == "and-cuda"\n',
        "and-cuda-tensorrt-pin-on-python-3-11",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/66517: 2.15.0's [and-cuda] on any
        # Python (fixed by 2.15.0.post1, tensorflow/tensorflow#62520)
        "Collecting tensorrt==8.6.1.post1 (from tensorflow[and-cuda]==2.15.0)\n"
        'ERROR: No matching distribution found for tensorrt-libs==8.6.1; extra == "and-cuda"\n',
        "and-cuda-tensorrt-libs-pin-on-any-python",
        (),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tfjs/issues/708: tfjs-node-gpu's binding, CUDA 9.0 absent
        "Registration of backend tensorflow failed\n"
        "Error: libcublas.so.9.0: cannot open shared object file: No such file or directory\n"
        "    at Object.Module._extensions..node (internal/modules/cjs/loader.js:718:18)\n",
        "tfjs-node-binding-cannot-load-cuda",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/22202: TensorFlow for Java built for
        # CUDA 9.0 with CUDA 9.2 installed
        'Exception in thread "main" java.lang.UnsatisfiedLinkError:'
        " /tmp/tensorflow_native_libraries-1536621740227-0/libtensorflow_jni.so: libcublas.so.9.0:"
        " cannot open shared object file: No such file or directory\n",
        "java-binding-built-for-another-cuda",
        ("--cuda-toolkit", "9.2"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # https://github.com/ROCm/tensorflow-upstream/issues/2118: tensorflow-rocm 2.11 on gfx1100
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1990] Ignoring visible gpu device"
        " (device: 0, name: , pci bus id: 0000:23:00.0) with AMDGPU version : gfx1100. The"
        " supported AMDGPU versions are gfx1030, gfx900, gfx906, gfx908, gfx90a.\n",
        "rocm-build-without-the-gpus-isa",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/ROCm/tensorflow-upstream/issues/1305: an RX 570 (gfx803) that
        # ROCm dropped
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:49] Successfully opened"
        " dynamic library libamdhip64.so\n"
        '"hipErrorNoBinaryForGpu: Unable to find code object for all current devices!"\n',
        "rocm-no-code-object-for-the-gpu",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/NVIDIA/TensorRT-LLM/issues/398: an 8 x A100 NVSwitch host without
        # the Fabric Manager (dstackai/dstack#2348); the container has the GPU
        "ERROR: The NVIDIA Driver is present, but CUDA failed to initialize.  GPU functionality"
        " will not be available.\n"
        "   [[ System not yet initialized (error 802) ]]\n",
        "ngc-banner-fabric-manager-not-running",
        ("--container",),
        "no-nvidia-driver",
        "no",
    ),
    (
        # TensorFlow's own wording of the same error, in a container: libcuda answered, so the
        # GPU was passed in
        "E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to"
        " cuInit: CUDA_ERROR_SYSTEM_NOT_READY: system not yet initialized\n",
        "cuinit-not-ready-in-a-container",
        ("--container",),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/triton-inference-server/server/issues/944: a GeForce, an image for a
        # newer CUDA than its driver
        "E1210 03:43:04.899305 304 model_repository_manager.cc:100] unable to get number of CUDA"
        " devices while building BackendConfigMap: (804) forward compatibility was attempted on"
        " non supported HW\n",
        "forward-compatibility-on-a-geforce",
        ("--container",),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/8774: libcuda of driver 375.39 over a
        # 367.57 kernel module
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:193] kernel reported version is:"
        " 367.57.0\n"
        "I tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:1066] failed to find libcuda.so"
        " on this system: Failed precondition: could not dlopen DSO: libcuda.so.1; dlerror:"
        " libnvidia-fatbinaryloader.so.375.39: cannot open shared object file: No such file or"
        " directory\n",
        "libcuda-of-another-driver-install",
        (),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/dusty-nv/jetson-containers/issues/179: the runtime did not mount
        # JetPack's CUDA over the image's empty placeholder
        "ImportError: /usr/lib/aarch64-linux-gnu/libcublas.so.10: file too short\n",
        "empty-nvidia-library-in-a-container",
        ("--container", "--arch", "aarch64"),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/55300 (and #25692, where a maintainer
        # and the reporter settle it): a path past 260 characters
        "ERROR: Could not install packages due to an OSError: [Errno 2] No such file or"
        " directory: 'C:\\\\Users\\\\me\\\\tfenv\\\\Lib\\\\site-packages\\\\tensorflow\\\\include"
        "\\\\external\\\\llvm-project\\\\mlir\\\\BufferizableOpInterface.cpp.inc'\n",
        "windows-path-too-long-for-pip",
        ("--os", "windows"),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/10154: TF 1.x's self-check script
        "- Could not load 'cudnn64_5.dll'. The GPU version of TensorFlow\n"
        "  requires that this DLL be installed in a directory that is named in\n",
        "windows-self-check-without-cudnn",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/50330: TF-TRT called without a
        # loadable TensorRT aborts; not the harmless 'TensorRT is not installed'
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libnvinfer.so.7'; dlerror: libnvrtc.so.11.1: cannot open shared object file:"
        " No such file or directory\n"
        "F tensorflow/compiler/tf2tensorrt/stub/nvinfer_stub.cc:49] getInferLibVersion symbol"
        " not found.\n"
        "Aborted (core dumped)\n",
        "tf-trt-used-without-tensorrt",
        (),
        "cuda-libs-not-found",
        "unknown",
    ),
    (
        # https://github.com/intel/intel-extension-for-tensorflow/issues/21: on an Intel GPU the
        # CUDA probe's lines are expected (the ITEX maintainer), the GPU registers as XPU
        "W tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:265] failed call to"
        " cuInit: UNKNOWN ERROR (303)\n"
        "I itex/core/wrapper/itex_gpu_wrapper.cc:38] Intel Extension for Tensorflow* GPU backend"
        " is loaded.\n"
        "I external/xla/xla/service/service.cc:176]   StreamExecutor device (0): Intel(R) Arc(TM)"
        " A770 Graphics, <undefined>\n",
        "intel-gpu-through-itex",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/david8862/tf-keras-stacked-hourglass-keypoint-detection/issues/13:
        # CUDA 11.1 ships the libcudart.so.11.0 of every 11.x; the loader did not find it
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory\n",
        "stated-cuda-provides-the-missing-soname",
        ("--os", "linux", "--tf", "2.8", "--cuda-toolkit", "11.1"),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/vincentmllr/deep-robot-grasping/issues/4: pip show finds it in the
        # venv, a script roslaunch started does not
        "$ pip show tensorflow\n"
        "Name: tensorflow\n"
        "Version: 2.9.1\n"
        "Location: /home/me/venv_deep_grasping/lib/python3.8/site-packages\n"
        "ModuleNotFoundError: No module named 'tensorflow'\n",
        "pip-show-finds-it-the-script-does-not",
        (),
        "wrong-python-environment",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/38262: TF 2.1's preload check (its
        # message names the fix; a maintainer's in #27816)
        "ImportError: Could not find the DLL(s) 'msvcp140.dll or msvcp140_1.dll'. TensorFlow"
        " requires that these DLLs be installed in a directory that is named in your %PATH%"
        " environment variable.\n",
        "windows-without-the-msvc-runtime",
        ("--os", "windows", "--tf", "2.1"),
        "windows-vc-runtime-missing",
        "no",
    ),
    (
        # https://github.com/iperov/DeepFaceLab/issues/742: a bigger page file fixed it
        '  File "imp.py", line 343, in load_dynamic\n'
        "ImportError: DLL load failed: The paging file is too small for this operation to"
        " complete.\n"
        "Failed to load the native TensorFlow runtime.\n",
        "windows-page-file-too-small-for-the-dlls",
        ("--os", "windows"),
        "windows-page-file-too-small",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/45287: a 32-bit Python
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: %1 is not a"
        " valid Win32 application.\n",
        "windows-32-bit-python-loading-tensorflow",
        ("--os", "windows", "--tf", "2.3"),
        "python-unsupported",
        "unknown",
    ),
    (
        # https://github.com/NVIDIA/k8s-device-plugin/issues/182, settled in #509: containerd
        # does not run the plugin's pod with the NVIDIA runtime
        "2020/10/14 18:04:53 Loading NVML\n"
        "2020/10/14 18:04:53 Failed to initialize NVML: could not load NVML library.\n"
        "2020/10/14 18:04:53 If this is a GPU node, did you set the docker default runtime to"
        " `nvidia`?\n",
        "kubernetes-device-plugin-without-the-nvidia-runtime",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/containers/podman/issues/17539: rootless Podman cannot read the spec
        "Error: setting up CDI devices: unresolvable CDI devices nvidia.com/gpu=0\n",
        "cdi-spec-not-found",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/AbdBarho/stable-diffusion-webui-docker/issues/117: WSL1
        "nvidia-container-cli: initialization error: WSL environment detected but no adapters"
        " were found: unknown\n",
        "wsl-container-runtime-sees-no-adapter",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/AbdBarho/stable-diffusion-webui-docker/issues/348: only the
        # 'utility' libraries were mounted
        "| NVIDIA-SMI 470.57.02    Driver Version: 470.57.02    CUDA Version: N/A      |\n",
        "nvidia-smi-without-libcuda-in-a-container",
        ("--container",),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/116: the open module fails on
        # an RTX 2060 the proprietary one drives; nvidia-smi then lists none
        "NVRM RmInitAdapter: Cannot initialize GSP firmware RM\n"
        "NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x62:0x56:1689)\n"
        "No devices were found\n",
        "driver-cannot-initialise-the-gpu",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/models/issues/10348: the Object Detection API's start
        "INFO:tensorflow:Using MirroredStrategy with devices"
        " ('/job:localhost/replica:0/task:0/device:GPU:0',)\n",
        "mirrored-strategy-on-the-gpu",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/60074: the tensorflow-gpu stub
        "Collecting tensorflow-gpu\n  Using cached tensorflow-gpu-2.12.0.tar.gz (2.6 kB)\n",
        "tensorflow-gpu-stub-sdist",
        (),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/jax-ml/jax/issues/6583: XLA goes on with the driver's compiler
        "W external/org_tensorflow/tensorflow/compiler/xla/service/gpu/nvptx_compiler.cc:70]"
        " Can't find ptxas binary in ${CUDA_DIR}/bin.  Will back to the GPU driver for PTX ->"
        " sass compilation.  This is OK so long as you don't see a warning below about an"
        " out-of-date driver version.\n",
        "xla-falls-back-to-the-drivers-ptx-compiler",
        (),
        "xla-toolchain-missing",
        "unknown",
    ),
    (
        # https://github.com/bhansconnect/alpha_zero_othello/issues/2 (macOS High Sierra):
        # PyPI's macOS tensorflow-gpu wheels end at 1.1.0 (tensorflow/tensorflow#18485)
        "  Could not find a version that satisfies the requirement tensorflow-gpu==1.4.0 (from"
        " versions: 0.12.0rc1, 0.12.0, 0.12.1, 1.0.0, 1.0.1, 1.1.0rc0, 1.1.0rc1, 1.1.0rc2,"
        " 1.1.0)\n"
        "No matching distribution found for tensorflow-gpu==1.4.0\n",
        "pip-on-macos-lists-tensorflow-gpu-to-1-1",
        (),
        "macos-no-cuda",
        "no",
    ),
    (
        # https://github.com/BDonnot/leap_net/pull/4: growth set on some GPUs (context.py)
        "ValueError: Memory growth cannot differ between GPU devices\n",
        "memory-growth-on-some-gpus",
        (),
        "device-config-after-init",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/526: EXCLUSIVE_THREAD compute mode
        "F tensorflow/stream_executor/cuda/cuda_driver.cc:383] Check failed: CUDA_SUCCESS =="
        " dynload::cuCtxSetCurrent(context) (0 vs. 216)\n",
        "exclusive-thread-compute-mode",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/57877: multiprocessing forked after
        # the GPU was in use
        "F tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:148] Failed setting"
        " context: CUDA_ERROR_NOT_INITIALIZED: initialization error\n",
        "forked-after-cuda-started",
        (),
        "device-config-after-init",
        "no",
    ),
    (
        # https://github.com/pop-os/pop/issues/3363 (NVIDIA on Xid 79:
        # NVIDIA/open-gpu-kernel-modules#507)
        "NVRM: GPU 0000:01:00.0: GPU has fallen off the bus.\n",
        "gpu-fell-off-the-bus",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/396: the host's nvidia_uvm
        "nvidia-docker | 2017/06/06 16:44:49 Error: Could not load UVM kernel module. Is"
        " nvidia-modprobe installed?\n",
        "nvidia-docker-without-uvm",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/14759: 10 GPUs, 8 peers at most
        "W tensorflow/core/common_runtime/gpu/gpu_device.cc:918] Unable to enable peer access"
        " between device ordinals 9 and 8, status: Internal: failed to enable peer access from"
        " 0x8270570 to 0x7ba7860: CUDA_ERROR_TOO_MANY_PEERS\n",
        "ten-gpus-eight-peers",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/ApolloAuto/apollo/issues/2466: nvidia-installer and nouveau
        "ERROR: The Nouveau kernel driver is currently in use by your system.  This driver is\n"
        "       incompatible with the NVIDIA driver, and must be disabled before proceeding.\n",
        "nouveau-holds-the-gpu",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/365: no module for the running kernel
        "modprobe: FATAL: Module nvidia not found.\n",
        "no-module-for-the-running-kernel",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/bottlerocket-os/bottlerocket/issues/4218: kernel lockdown
        "modprobe: ERROR: could not insert 'nvidia': Operation not permitted\n",
        "lockdown-refuses-the-module",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/marian-nmt/marian/issues/251: nvidia-smi, two spaces as printed
        "Unable to determine the device handle for GPU 0000:03:00.0: GPU is lost.  Reboot the"
        " system to recover this GPU\n",
        "nvidia-smi-gpu-is-lost",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/pytorch/pytorch/issues/119989 (NVIDIA's ptrblck: a system cuDNN
        # preferred over the wheel's): two cuDNN copies mixed
        "Could not load library libcudnn_cnn_train.so.8. Error:"
        " /usr/local/cuda/lib64/libcudnn_cnn_train.so.8: undefined symbol:"
        " _ZN5cudnn3cnn34layerNormFwd_execute_internal_implERKNS_7backend11VariantPackEP11CUstream"
        "_stRNS0_18LayerNormFwdParamsERKNS1_20NormForwardOperationEmb, version"
        " libcudnn_cnn_infer.so.8\n",
        "cudnn-copies-mixed",
        (),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://www.tensorflow.org/guide/mixed_precision: Keras lists the GPU it runs on
        "WARNING:tensorflow:Mixed precision compatibility check (mixed_float16): WARNING\n"
        "Your GPU may run slowly with dtype policy mixed_float16 because it does not have"
        " compute capability of at least 7.0. Your GPU:\n"
        "  GeForce GTX 1080 Ti, compute capability 6.1\n",
        "mixed-precision-on-pascal",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/xl-sr/CAL/issues/4: the CuDNNGRU layer needs a working GPU build
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: No OpKernel was"
        " registered to support Op 'CudnnRNN' with these attrs.  Registered devices: [CPU],"
        " Registered kernels:\n  <no registered kernels>\n",
        "gpu-only-op-with-cpu-registered",
        (),
        "cpu-only-tensorflow",
        "no",  # TensorFlow's own device list has no GPU
    ),
    (
        # https://github.com/google/automl/issues/855: a worker forked after CUDA started (its
        # parent had the GPU: whether the run used it, the worker's line cannot say)
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:1128] could not retrieve CUDA device"
        " count: CUDA_ERROR_NOT_INITIALIZED: initialization error\n"
        "Process Process-1:\n",
        "forked-worker-device-count",
        (),
        "device-config-after-init",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/addons/issues/990 (maintainer: tensorflow-cpu fails to
        # load the custom ops)
        "tensorflow.python.framework.errors_impl.NotFoundError: /usr/local/lib/python3.6/"
        "dist-packages/tensorflow_addons/custom_ops/activations/_activation_ops.so: undefined"
        " symbol: __cudaPushCallConfiguration\n",
        "addon-gpu-ops-on-tensorflow-cpu",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/tianshilu/pMTnet/issues/11: cuDNN's fused kernel skipped, GPU used
        "WARNING:tensorflow:Layer lstm_2 will not use cuDNN kernels since it doesn't meet the"
        " criteria. It will use a generic GPU kernel as fallback when running on GPU.\n",
        "rnn-without-cudnn-kernel",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/microsoft/WSL/issues/5548: ldconfig under WSL2, harmless
        "/sbin/ldconfig.real: /usr/lib/wsl/lib/libcuda.so.1 is not a symbolic link\n",
        "wsl-ldconfig-symlink-note",
        ("--os", "wsl2"),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/Paperspace/ml-in-a-box/issues/15: PyTorch's check beside TensorFlow;
        # 11070 is the CUDA 11.7 the driver supports, too old for 2.15's CUDA 12.2
        "/usr/local/lib/python3.9/dist-packages/torch/cuda/__init__.py:138: UserWarning: CUDA"
        " initialization: The NVIDIA driver on your system is too old (found version 11070)."
        " Please update your GPU driver\n",
        "torch-driver-too-old-for-the-release",
        ("--tf", "2.15", "--os", "linux"),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/googlecolab/colabtools/issues/4876: a CPU runtime on Colab
        "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an"
        " NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx\n"
        '  File "/content/drive/MyDrive/train.py", line 3, in <module>\n',
        "hosted-notebook-without-gpu",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/googlecolab/colabtools/issues/1523
        "Cannot connect to GPU backend\nYou cannot currently connect to a GPU due to usage limits"
        " in Colab.\n",
        "colab-usage-limits",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/aws/studio-lab-examples/issues/275: a notebook cell's results
        "tf.config.list_physical_devices('GPU') # []\ntf.test.is_built_with_cuda() # False\n",
        "built-without-cuda-as-a-cell-comment",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/56562: a conda env's older libstdc++
        "ImportError: /home/u/miniconda3/envs/app/bin/../lib/libstdc++.so.6: version"
        " `GLIBCXX_3.4.30' not found (required by /home/u/miniconda3/envs/app/lib/python3.8/"
        "site-packages/tensorflow/python/_pywrap_tensorflow_internal.so)\n",
        "libstdcxx-older-than-the-build",
        (),
        "glibc-too-old",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/60202: a dependency without a Windows
        # wheel is not TensorFlow missing one for this Python
        "ERROR: Could not find a version that satisfies the requirement"
        " tensorflow-io-gcs-filesystem==0.32.0 (from versions: 0.23.1, 0.24.0, 0.31.0)\n"
        "ERROR: No matching distribution found for tensorflow-io-gcs-filesystem==0.32.0\n",
        "dependency-without-a-wheel-is-not-tensorflow-without-one",
        ("--python", "3.10"),
        "python-unsupported",
        "unknown",
    ),
    (
        # https://github.com/HumanAIGC-Engineering/OpenAvatarChat/issues/179
        "hint: You're on Windows (`win_amd64`), but `tensorflow-io-gcs-filesystem` (v0.37.1) only"
        " has wheels for the following platforms: `manylinux_2_17_aarch64`,"
        " `manylinux_2_17_x86_64`, `macosx_12_0_arm64`\n",
        "uv-dependency-without-a-windows-wheel",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/1026 (docker/docs#12406)
        "$ docker run --gpus device=0,1 nvidia/cuda:10.0-base nvidia-smi\n"
        "docker: Error response from daemon: cannot set both Count and DeviceIDs on device"
        " request.\n",
        "docker-gpus-list-unquoted",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/30388: Keras 2 lists XLA GPUs only
        "ValueError: To call `multi_gpu_model` with `gpus=2`, we expect the following devices to"
        " be available: ['/cpu:0', '/gpu:0', '/gpu:1']. However this machine only has:"
        " ['/cpu:0', '/xla_gpu:0', '/xla_gpu:1', '/xla_cpu:0']. Try reducing `gpus`.\n",
        "keras-lists-xla-gpus-only",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/38990: TF 2.1 to 2.3 list XLA_GPU only
        ">>> tf.config.list_physical_devices()\n"
        "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU'),"
        " PhysicalDevice(name='/physical_device:XLA_CPU:0', device_type='XLA_CPU'),"
        " PhysicalDevice(name='/physical_device:XLA_GPU:0', device_type='XLA_GPU')]\n",
        "physical-devices-xla-gpu-only",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/keras-team/keras/issues/10161: CUDA used in a forked child (TF 1.x)
        "E tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:1000] Failed to get device"
        " properties, error code: 3\n",
        "tf1-device-properties-after-fork",
        (),
        "device-config-after-init",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/36423: another session holds the GPU
        "F tensorflow/stream_executor/lib/statusor.cc:34] Attempting to fetch value instead of"
        " handling error Internal: failed to get device attribute 13 for device 0:"
        " CUDA_ERROR_UNKNOWN: unknown error\n",
        "device-attribute-while-gpu-held",
        (),
        "gpu-out-of-memory",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/25403: TF 1.x's cuBLAS on a newer GPU;
        # the GEMM that called it is not out of memory
        "E tensorflow/stream_executor/cuda/cuda_blas.cc:654] failed to run cuBLAS routine"
        " cublasSgemm_v2: CUBLAS_STATUS_EXECUTION_FAILED\n"
        "InternalError: Blas GEMM launch failed : a.shape=(100, 784), b.shape=(784, 10), m=100,"
        " n=10, k=784\n",
        "cublas-kernel-failed-under-a-gemm",
        ("--tf", "1.15"),
        "compute-capability-unsupported",
        "unknown",
    ),
    (
        # https://github.com/keithito/tacotron/issues/300: RTX 2070 with TF 1.14 (CUDA 9)
        "E tensorflow/stream_executor/cuda/cuda_fft.cc:261] failed to make cuFFT batched plan:5\n"
        "F tensorflow/stream_executor/cuda/cuda_fft.cc:444] failed to initialize batched cufft"
        " plan with customized allocator: Failed to make cuFFT batched plan.\n",
        "cufft-without-kernels-for-the-gpu",
        (),
        "compute-capability-unsupported",
        "unknown",
    ),
    (
        # https://github.com/runpod/docs/blob/HEAD/tutorials/flash/text-generation-with-transformers.mdx
        # (verbatim): the vendor's own reading, the GPU's memory
        "RuntimeError: CUDA out of memory\n",
        "pytorch-oom-beside-tensorflow",
        (),
        "gpu-out-of-memory",
        "unknown",
    ),
    (
        # https://github.com/Azure/az-cgpu-onboarding/blob/HEAD/Frequently-Asked-Questions.md
        # (verbatim, as the FAQ retypes nvidia-smi's message): a driver upgraded, not rebooted
        "Failed to initialize NVML: Driver/Library version mismatch\n",
        "nvml-mismatch-retyped",
        ("--os", "linux"),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/google/deepvariant/issues/217 (verbatim, cut as the thread shows it):
        # TensorFlow's fatal CPU check on a host without AVX
        "2019-09-11 14:44:44.030589: F tensorflow/core/platform/cpu_feature_guard.cc:37] The"
        " TensorFlow library was compiled to use AVX instructions, but these aren'\n",
        "cpu-guard-fatal-cut-short",
        (),
        "cpu-lacks-avx",
        "no",
    ),
    (
        # https://github.com/NVIDIA/object-detection-tensorrt-example/issues/2 (verbatim): the
        # NGC container's own CPU check on a 2009 Xeon
        "ERROR: This container was built for CPUs supporting at least the AVX instruction set,"
        " but\n       the CPU detected was Intel(R) Xeon(R) CPU           X3470  @ 2.93GHz,"
        " which does not report\n       support for AVX.\n",
        "ngc-banner-no-avx",
        (),
        "cpu-lacks-avx",
        "no",
    ),
    (
        # https://github.com/ycrc/ycrc.github.io/blob/fb39f6663eadfee948a18f271bd7fdf8cbe27997/docs/clusters-at-yale/guides/handson-ml2.md
        # (verbatim, the space before the quote lost in the copy): no CUDA module loaded
        "2021-03-26 08:50:40.092738: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:60] Could not load dynamic library'libcudart.so.11.0'; dlerror:"
        " libcudart.so.11.0: cannot open shared object file: No such file or directory\n",
        "dlopen-line-without-its-space",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/Sanster/notes/blob/HEAD/linux/nvidia_driver.md (verbatim): ldd's
        # view of a libcuda whose driver install was mixed; one driver version fixed it
        "...\nlibnvidia-fatbinaryloader.so.384.111 not found\n...\n",
        "fatbinaryloader-listed-missing",
        (),
        "driver-library-mismatch",
        "no",
    ),
    (
        # ldd's own form of the same (written): 'ldd /usr/lib/x86_64-linux-gnu/libcuda.so.1'
        "\tlibnvidia-fatbinaryloader.so.390.48 => not found\n",
        "fatbinaryloader-ldd-row",
        (),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/jax-ml/jax/issues/5723 (verbatim; jaxlib built from TensorFlow's
        # tree): driver 450 (CUDA 11.0) could not link what nvcc 11.1's ptxas compiled
        "RuntimeError: Unknown: no kernel image is available for execution on the device\n"
        "in external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_asm_compiler.cc(44):"
        " 'cuLinkAddData( link_state, CU_JIT_INPUT_CUBIN, static_cast<void*>(image.bytes.data()),"
        ' image.bytes.size(), "", 0, nullptr, nullptr)\'\n',
        "ptxas-cubin-the-driver-refused",
        (),
        "ptxas-newer-than-driver",
        "no",
    ),
    (
        # the later wording of the same refusal (XLA's own words, written in its format by
        # review 15): the driver older than ptxas is why no image loads, not the GPU
        "E external/local_xla/xla/stream_executor/cuda/cuda_asm_compiler.cc:61] cuLinkAddData"
        " fails. This is usually caused by stale driver version.\n"
        "INTERNAL: no kernel image is available for execution on the device\n",
        "culink-stale-driver-said-so",
        ("--driver", "545.23.08", "--tf", "2.15"),
        "ptxas-newer-than-driver",
        "no",
    ),
    (
        # transformers' own message for a TF class without TensorFlow (TENSORFLOW_IMPORT_ERROR
        # in src/transformers/utils/import_utils.py)
        "TFBertModel requires the TensorFlow library but it was not found in your environment."
        " Checkout the instructions on the\ninstallation page: https://www.tensorflow.org/install"
        " and follow the ones that match your environment.\n",
        "transformers-needs-tensorflow",
        (),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/xiemingzhi/tensorflowproject/blob/HEAD/README.md (verbatim): the
        # Windows self-check on a CPU build; tensorflow-gpu fixed it
        "TensorFlow successfully installed.\n"
        "The installed version of TensorFlow does not include GPU support.\n",
        "self-check-says-cpu-build",
        ("--os", "windows", "--python", "3.5"),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/google-deepmind/open_spiel/issues/1122 (verbatim): an actor started
        # with multiprocessing after the parent ran TensorFlow 2.18's CUDA
        "2025-06-12 10:55:28.060413: E tensorflow/core/common_runtime/session.cc:93] Failed to"
        " create session: INTERNAL: CUDA error: Failed call to cuDeviceGet:"
        " CUDA_ERROR_NOT_INITIALIZED: initialization error\n",
        "forked-child-names-its-call",
        (),
        "device-config-after-init",
        "no",
    ),
    (
        # https://github.com/nagadit/DeepFaceLab_Linux/issues/89 (verbatim): a failing card
        "F tensorflow/stream_executor/lib/statusor.cc:34] Attempting to fetch value instead of"
        " handling error Internal: failed initializing StreamExecutor for CUDA device ordinal 0:"
        " Internal: failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_ECC_UNCORRECTABLE:"
        " uncorrectable ECC error encountered\n",
        "ecc-error-is-the-card",
        ("--os", "linux"),
        "gpu-kernel-failed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/8710 (the line a maintainer quoted):
        # code 2 is CUFFT_ALLOC_FAILED, memory, not a GPU the build lacks kernels for
        "failed to create cuFFT batched plan:2\n",
        "cufft-plan-out-of-memory",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/jax-ml/jax/issues/16063 (XLA's gpu_compiler.cc, as TF's XLA prints it)
        "E external/local_xla/xla/service/gpu/gpu_compiler.cc:1992] The CUDA linking API did not"
        " work. Original error: INTERNAL: nvlink exited with non-zero error code 256, output:"
        " nvlink fatal   : Input file '/tmp/tempfile-host-1-2-3.cubin' newer than toolkit (123 vs"
        " 122)\n",
        "xla-nvlink-older-than-ptxas",
        (),
        "xla-toolchain-missing",
        "unknown",
    ),
    (
        # openxla/xla cuda_dnn.cc: the CUDA runtime failed before cuDNN was tried
        "E0000 00:00:1712345678.123456   12345 cuda_dnn.cc:535] There was an error before creating"
        " cudnn handle (2): cudaErrorMemoryAllocation : out of memory\n",
        "runtime-out-of-memory-before-cudnn",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        "E0000 00:00:1712345678.123456   12345 cuda_dnn.cc:535] There was an error before creating"
        " cudnn handle (34): cudaErrorStubLibrary : CUDA driver is a stub library\n",
        "runtime-on-the-stub-before-cudnn",
        (),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # cuda_dnn.cc checks the version only after cudnnCreate succeeded (Keras_insightface#130)
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:359] Could not create cudnn handle:"
        " CUDNN_STATUS_NOT_INITIALIZED\n"
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:367] Possibly insufficient driver version:"
        " 470.82.1\n"
        "tensorflow.python.framework.errors_impl.UnimplementedError: DNN library is not found.\n",
        "dnn-not-found-after-a-failed-handle",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorflow/tfx/issues/5966: XLA's words for a stream without DNN;
        # the image's cuDNN 8.2 under TF 2.12 (built with 8.6)
        "Node: 'StatefulPartitionedCall'\nRET_CHECK failure"
        " (tensorflow/compiler/xla/service/gpu/gpu_compiler.cc:618) dnn != nullptr \n"
        "\t [[{{node StatefulPartitionedCall}}]] [Op:__inference_train_function_241897]\n",
        "xla-stream-without-dnn",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/jax-ml/jax/issues/17976 (verbatim): an old CUDA's ptxas on PATH
        # beside an RTX 4090; XLA's fallback PTX did not load
        "W external/xla/xla/stream_executor/gpu/asm_compiler.cc:232] Falling back to the CUDA"
        " driver for PTX compilation; ptxas does not support CC 8.9\n"
        "E external/xla/xla/stream_executor/cuda/cuda_driver.cc:864] failed to load PTX text as"
        " a module: CUDA_ERROR_INVALID_IMAGE: device kernel image is invalid\n",
        "xla-fallback-ptx-after-an-old-ptxas",
        (),
        "xla-toolchain-missing",
        "no",
    ),
    (
        # ... but a ptxas that dropped an old GPU (a K80's 3.7) is no old toolkit (review 22)
        "W external/xla/xla/stream_executor/gpu/asm_compiler.cc:232] Falling back to the CUDA"
        " driver for PTX compilation; ptxas does not support CC 3.7\n"
        "E external/xla/xla/stream_executor/cuda/cuda_driver.cc:864] failed to load PTX text as"
        " a module: CUDA_ERROR_INVALID_IMAGE: device kernel image is invalid\n",
        "xla-fallback-ptx-on-a-gpu-ptxas-dropped",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/daniel-kukiela/nmt-chatbot/issues/91 (verbatim): the host's RAM
        "# Start step 0, lr 0.001, Sun Sep  2 10:50:36 2018\n"
        "# Init train iterator, skipping 0 elements\nKilled\n",
        "killed-by-the-hosts-oom-killer",
        (),
        "gpu-out-of-memory",
        "unknown",
    ),
    (
        # cuBLASLt's handle, as XLA's GEMMs create it, fails like cuBLAS's
        "E external/local_xla/xla/stream_executor/cuda/cuda_blas_lt.cc:1033] failed to create"
        " cublasLt handle: cublas error\n",
        "cublaslt-handle",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/conda-forge/jaxlib-feedstock/pull/288 (verbatim): jaxlib's words
        # for the machine's missing libdevice hold for TensorFlow's XLA there too
        "Traceback (most recent call last):\n"
        '  File "<string>", line 1, in <module>\n'
        "jaxlib.xla_extension.XlaRuntimeError: INTERNAL: libdevice not found at"
        " ./libdevice.10.bc\n",
        "jaxlib-on-the-machines-toolchain",
        (),
        "xla-toolchain-missing",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/33069 (verbatim): a masked LSTM batch
        "tensorflow.python.framework.errors_impl.UnknownError: CUDNN_STATUS_BAD_PARAM\n"
        "in tensorflow/stream_executor/cuda/cuda_dnn.cc(1424): 'cudnnSetRNNDataDescriptor("
        " data_desc.get(), data_type, layout, max_seq_length, batch_size, data_size,"
        " seq_lengths_array, (void*)&padding_fill)' [Op:CudnnRNNV3]\n",
        "cudnn-rnn-masked-batch",
        (),
        "gpu-kernel-failed",
        "no",
    ),
    (
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:359] Could not create cudnn handle:"
        " CUDNN_STATUS_INTERNAL_ERROR\n"
        "E tensorflow/compiler/xla/status_macros.cc:57] INTERNAL: RET_CHECK failure"
        " (tensorflow/compiler/xla/service/gpu/gpu_compiler.cc:618) dnn != nullptr\n",
        "xla-without-dnn-after-a-failed-handle",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/39079: from 2.1 CUDA loads later
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: The specified"
        " module could not be found.\nFailed to load the native TensorFlow runtime.\n",
        "windows-import-failure-after-2.1",
        (),
        "windows-vc-runtime-missing",
        "unknown",
    ),
    (
        # https://github.com/wutzebaer/tensorflow-5090/issues/3: a self-built 2.20 with kernels
        # for Blackwell; only XLA lacks its tools
        "TensorFlow Version: 2.20.0-dev0+selfbuilt\n"
        "I0000 00:00:1748720218.610720      27 gpu_device.cc:2019] Created device"
        " /job:localhost/replica:0/task:0/device:GPU:0 with 13272 MB memory:  -> device: 0, name:"
        " NVIDIA GeForce RTX 5060 Ti, pci bus id: 0000:2b:00.0, compute capability: 12.0\n"
        "W tensorflow/core/framework/op_kernel.cc:1855] OP_REQUIRES failed at xla_ops.cc:590 :"
        " UNAVAILABLE: No PTX compilation provider is available. Neither ptxas/nvlink nor nvjtlink"
        " is available.\n",
        "self-built-release-with-blackwell-kernels",
        ("--os", "linux"),
        "xla-toolchain-missing",
        "yes",
    ),
    (
        # https://github.com/knaw-huc/loghi/issues/3 (nvidia-container-toolkit#371)
        "nvidia-container-cli: mount error: file creation failed: /var/lib/docker/overlay2/4f79/"
        "merged/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: file exists: unknown.\n",
        "image-ships-driver-libraries",
        (),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/microsoft/WSL/issues/5554: WSL 1's kernel string
        "Error! Your kernel headers for kernel 4.4.0-19041-Microsoft cannot be found.\n"
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure"
        " that the latest NVIDIA driver is installed and running.\n",
        "wsl-1-has-no-gpu",
        (),
        "wsl-libcuda-missing",
        "no",
    ),
    (
        # https://github.com/rapidsai/cuvs/issues/1794: an older libnvJitLink loads first
        "W0000 00:00:1712345678.123456 1 dso_loader.cc:62] Could not load dynamic library"
        " 'libcusparse.so.12'; dlerror: /usr/local/cuda/lib64/libcusparse.so.12: undefined"
        " symbol: __nvJitLinkComplete_12_4, version libnvJitLink.so.12\n",
        "older-nvjitlink-first",
        (),
        "ld-library-path-shadows",
        "no",
    ),
    (
        # https://github.com/pytorch/pytorch/pull/189043: cuDNN 9's parts of two versions
        "E0000 00:00:1712345678.123456 1 cuda_dnn.cc:535] Could not create cudnn handle:"
        " CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH\n",
        "cudnn9-parts-of-two-versions",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # a file listing beside the failure: another cuDNN major is installed (jax#5464)
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:60] Could not load dynamic"
        " library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No"
        " such file or directory\n$ ls /usr/local/cuda/lib64 | grep cudnn\nlibcudnn.so\n"
        "libcudnn.so.7\nlibcudnn.so.7.6.0\n",
        "ls-shows-another-cudnn",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:60] Could not load dynamic"
        " library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file: No"
        " such file or directory\n$ ldconfig -p | grep cudnn\n\tlibcudnn.so.7 (libc6,x86-64) =>"
        " /usr/lib/x86_64-linux-gnu/libcudnn.so.7\n",
        "ldconfig-shows-another-cudnn",
        (),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/build/issues/221: the image pins libcudnn8
        "$ docker run --gpus all -it tensorflow/tensorflow:latest-gpu python train.py\n"
        "W0000 00:00:1745040002.716147     960 gpu_device.cc:2341] Cannot dlopen some GPU"
        " libraries. Please make sure the missing libraries mentioned above are installed"
        " properly if you would like to use GPU.\nSkipping registering GPU devices...\n",
        "official-image-without-cudnn-9",
        (),
        "cudnn-not-found",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/62412, the warning cut where the
        # paste ends (the factory line before it is printed with or without a GPU)
        "E0000 00:00:1745040030.652070    1012 cuda_dnn.cc:8579] Unable to register cuDNN"
        " factory: Attempting to register factory for plugin cuDNN when one has already been"
        " registered\n"
        "W0000 00:00:1745040002.716147     960 gpu_device.cc:2341] Cannot dl\n",
        "cannot-dlopen-cut-short",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/numba/numba/issues/9032: a Linux driver inside WSL 2 (NVIDIA's WSL
        # guide: "users must not install any NVIDIA GPU Linux driver within WSL 2")
        "E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
        "$ dpkg --get-selections | grep nvidia\nlibnvidia-compute-510:amd64      install\n",
        "linux-driver-inside-wsl",
        ("--os", "wsl2"),
        "wsl-linux-driver-installed",
        "no",
    ),
    (
        # Ubuntu's hint names a driver package that is NOT installed: the Windows driver is missing
        "Command 'nvidia-smi' not found, but can be installed with:\n"
        "sudo apt install nvidia-utils-535\n",
        "wsl-apt-hint-is-no-linux-driver",
        ("--os", "wsl2"),
        "wsl-libcuda-missing",
        "no",
    ),
    (
        # https://github.com/abhishekkrthakur/colabcode/issues/26: Colab's CPU runtime has libcuda
        "E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
        '  File "/content/drive/MyDrive/train.py", line 3, in <module>\n',
        "colab-cpu-runtime-no-device",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/647: pip installed into the system
        # Python, Anaconda's ran the code; which build it installed comes second
        "$ sudo pip install --upgrade https://storage.googleapis.com/tensorflow/linux/cpu/"
        "tensorflow-0.6.0-cp27-none-linux_x86_64.whl\nSuccessfully installed tensorflow-0.6.0\n"
        "$ python\nPython 2.7.11 |Anaconda 2.4.1 (64-bit)| (default, Dec  6 2015, 18:08:32)\n"
        ">>> import tensorflow\nImportError: No module named tensorflow\n",
        "installed-elsewhere-before-cpu-build",
        (),
        "wrong-python-environment",
        "no",
    ),
    (
        # https://github.com/apple/tensorflow_macos/issues/83: an x86_64 Python on Apple silicon
        "ImportError: dlopen(/opt/x/_pywrap_tensorflow_internal.so, 0x0002): tried:"
        " '/opt/x/_pywrap_tensorflow_internal.so' (mach-o file, but is an incompatible"
        " architecture (have (x86_64), need (arm64e)))\n",
        "python-under-rosetta",
        (),
        "python-unsupported",
        "no",
    ),
    (
        # https://developer.apple.com/metal/tensorflow-plugin/: an Intel Mac's AMD GPU
        "Metal device set to: AMD Radeon Pro 555X\n",
        "metal-on-an-amd-gpu",
        ("--os", "macos", "--arch", "x86_64"),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/MPI-Dortmund/tomotwin-cryoet/issues/3: mamba 1.x's solver wording
        "package cudatoolkit-11.6.0-habf752d_9 has constraint __cuda >=11.6 conflicting with"
        " __cuda-10.2-0\n",
        "mamba-driver-older-than-cudatoolkit",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # the usual form names only the major: 'cuda-version-12.0-... has constraint __cuda >=12'
        "package cuda-version-12.0-hffde075_2 has constraint __cuda >=12 conflicting with"
        " __cuda-11.8-0\n",
        "mamba-major-only-constraint",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/google-deepmind/alphafold/issues/124: a second TensorFlow's kernels
        "/usr/local/lib/python3.7/dist-packages/tensorflow/python/framework/load_library.py in"
        " load_library(library_location)\n"
        "NotFoundError: /opt/conda/lib/python3.7/site-packages/tensorflow/core/kernels/"
        "libtfkernel_sobol_op.so: undefined symbol: _ZN10tensorflow14kernel_factory\n",
        "kernels-of-a-second-tensorflow",
        (),
        "multiple-tensorflow-distributions",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/4507: sudo's pip, Anaconda's python
        "$ sudo pip install --upgrade https://storage.googleapis.com/tensorflow/linux/gpu/"
        "tensorflow_gpu-1.0.0-cp27-none-linux_x86_64.whl\n$ which python\n"
        "/home/user/anaconda2/bin/python\n$ python -c 'import tensorflow'\n"
        "ImportError: No module named tensorflow\n",
        "sudo-pip-into-the-system-python",
        (),
        "wrong-python-environment",
        "no",
    ),
    (
        # conda-forge's tensorflow-gpu metapackage pins its own cudaXXXpy build: one install
        "tensorflow                2.15.0          cuda120py311h0d6a2b4_3    conda-forge\n"
        "tensorflow-gpu            2.15.0          cuda120py311h4d5a5d3_3    conda-forge\n",
        "conda-forge-gpu-metapackage",
        (),
        "benign-log-noise",
        "unknown",
    ),
    (
        # https://github.com/NVIDIA/nvidia-container-toolkit/issues/394: the hook's NVML after a
        # driver upgrade without a reboot
        "nvidia-container-cli: initialization error: nvml error: driver/library version"
        " mismatch: unknown.\n",
        "container-hook-driver-library-mismatch",
        (),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/XuehaiPan/nvitop/issues/41 (nvml.h: NVML_ERROR_LIB_RM_VERSION_MISMATCH)
        "pynvml.nvml.NVMLError_LibRmVersionMismatch: RM has detected an NVML/RM version"
        " mismatch.\n",
        "nvml-rm-version-mismatch",
        (),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/wookayin/gpustat/issues/110
        "pynvml.NVMLError_DriverNotLoaded: Driver Not Loaded\n",
        "pynvml-driver-not-loaded",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/NVIDIA/libnvidia-container/issues/103: the old hook's cuInit
        "nvidia-container-cli: initialization error: cuda error: unknown error\n",
        "container-hook-cuda-unknown-error",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # CUDA's driver API: 100 is CUDA_ERROR_NO_DEVICE (TF 2.18+'s XLA prints the number)
        "E0000 00:00:1731000000.000000 1 cuda_executor.cc:1228] failed call to cuInit: INTERNAL:"
        " CUDA error: Failed call to cuInit: UNKNOWN ERROR (100)\n",
        "cuinit-100-is-no-device",
        (),
        "cuda-visible-devices-hides-gpus",
        "no",
    ),
    (
        # RPM Fusion's nvidia-fallback.service (Secure Boot rejected the unsigned akmod)
        "NVIDIA kernel module missing. Falling back to nouveau\n"
        "E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:266] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n",
        "fedora-fell-back-to-nouveau",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # the driver names the legacy branch that still supports the GPU (Fedora user's fix:
        # xorg-x11-drv-nvidia-390xx)
        "NVRM: The NVIDIA GeForce GTX 1060 6GB GPU installed in this system is\n"
        "NVRM:  supported through the NVIDIA 580.xx Legacy drivers. Please\n"
        "NVRM:  visit http://www.nvidia.com/object/unix.html for more\n"
        "NVRM:  information.  The 595.58.03 NVIDIA driver will ignore\n"
        "NVRM:  this GPU.  Continuing probe...\nNVRM: No NVIDIA GPU found.\n",
        "driver-branch-dropped-the-gpu",
        (),
        "no-nvidia-driver",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/45848: cuSOLVER's .so.10 is CUDA 10.1 to
        # 11.0's; beside CUDA 11 libraries it is TensorFlow 2.4 wanting CUDA 11.0, not a CUDA 10
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:49] Successfully opened"
        " dynamic library libcudart.so.11.0\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:60] Could not load dynamic"
        " library 'libcusolver.so.10'; dlerror: libcusolver.so.10: cannot open shared object"
        " file: No such file or directory\n",
        "cusolver-10-beside-cuda-11-is-tf-2-4",
        ("--cuda-toolkit", "11.1"),
        "cuda-version-mismatch",
        "no",
    ),
    (
        # print(os.environ): the variable as a dict shows it, not only as an assignment
        "environ({'PATH': '/usr/bin', 'CUDA_VISIBLE_DEVICES': '-1', 'HOME': '/root'})\n"
        ">>> tf.config.list_physical_devices('GPU')\n[]\n",
        "cuda-visible-devices-printed-as-a-dict",
        (),
        "cuda-visible-devices-hides-gpus",
        "no",
    ),
    (
        # https://github.com/openai/jukebox/issues/205 (Colab); Kaggle's notebook tree alike
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure"
        " that the latest NVIDIA driver is installed and running.\n"
        '  File "/kaggle/working/train.py", line 3, in <module>\n',
        "kaggle-cpu-session",
        (),
        "no-nvidia-gpu",
        "no",
    ),
    (
        # https://github.com/tensorflow/models/issues/2811: the placer's words when the GPU
        # exists but the op has no GPU kernel; allow_soft_placement fixed it
        "InvalidArgumentError (see above for traceback): Cannot assign a device for operation"
        " 'labels_x': Could not satisfy explicit device specification '/device:GPU:0' because no"
        " supported kernel for GPU devices is available.\n",
        "op-without-gpu-kernel-pinned-to-gpu",
        (),
        "op-without-gpu-kernel",
        "yes",
    ),
    (
        # https://github.com/justadudewhohacks/face-api.js/issues/193: tfjs's JavaScript CPU
        # backend greeting; the node backend was never required
        "Hi there 👋. Looks like you are running TensorFlow.js in Node.js. To speed things up"
        " dramatically, install our node backend, which binds to TensorFlow C++, by running npm i"
        " @tensorflow/tfjs-node, or npm i @tensorflow/tfjs-node-gpu if you have CUDA.\n",
        "tfjs-javascript-backend",
        (),
        "cpu-only-tensorflow",
        "no",
    ),
    (
        # https://github.com/mozilla/DeepSpeech/issues/3494: a GPU-only op's kernel list beside
        # XLA_GPU and no GPU device; "your CuDNN setup is broken"
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: No OpKernel was registered"
        " to support Op 'CudnnRNNCanonicalToParams' used by node"
        " tower_0/cudnn_lstm/cudnn_lstm/CudnnRNNCanonicalToParams with these attrs: [T=DT_FLOAT]\n"
        "Registered devices: [CPU, XLA_CPU, XLA_GPU]\n"
        "Registered kernels:\n  device='GPU'; T in [DT_DOUBLE]\n",
        "registered-devices-xla-gpu-only",
        ("--tf", "1.15"),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/NVlabs/stylegan2-ada/issues/65: NVIDIA's NGC TensorFlow 1.15 build
        # (CUDA 11, cuDNN 8) on a K80 it does not support; tensorflow.org's 1.15 row (CUDA 10.0,
        # cuDNN 7.4) says nothing about that build
        "NVIDIA Release 20.10-tf1 (build 16775850)\nTensorFlow Version 1.15.4\n"
        "ERROR: Detected NVIDIA Tesla K80 GPU, which is not supported by this container\n"
        "ERROR: No supported GPU(s) detected to run this container\n"
        "2020-11-03 10:00:00.000000: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudart.so.11.0\n"
        "2020-11-03 10:00:00.000000: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudnn.so.8\n",
        "ngc-build-on-an-unsupported-gpu",
        ("--os", "linux", "--container"),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/1458: under WSL 2 the container CLI
        # misread a driver for CUDA 11.3 as older; NVIDIA_DISABLE_REQUIRE=1 was the workaround
        "docker: Error response from daemon: OCI runtime create failed: container init caused:"
        " Running hook #0:: error running hook: exit status 1, stdout: , stderr:"
        " nvidia-container-cli: requirement error: unsatisfied condition: cuda>=11.2, please"
        " update your driver to a newer version, or use an earlier cuda container: unknown.\n",
        "container-requirement-misread-under-wsl2",
        ("--os", "wsl2", "--container", "--driver", "470.14", "--cuda-driver", "11.3"),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/1542: inside WSL 2, no dxcore means
        # Windows gives this WSL no GPU (a Windows build without WSL 2 GPU support)
        "I0828 18:43:18.664828 4993 nvc.c:389] attempting to load dxcore to see if we are running"
        " under Windows Subsystem for Linux (WSL)\n"
        "I0828 18:43:18.664969 4993 nvc.c:391] dxcore initialization failed, continuing assuming"
        " a non-WSL environment\n"
        "W0828 18:43:18.665048 4993 nvc.c:254] failed to detect NVIDIA devices\n",
        "wsl2-without-dxcore",
        ("--os", "wsl2"),
        "wsl-libcuda-missing",
        "no",
    ),
    (
        # https://github.com/tensorflow/tfjs/issues/4310 (settled in #4359): no prebuilt addon
        # for that Node.js; an older Node.js fixed it
        "Error: The Node.js native addon module (tfjs_binding.node) can not be found at path:"
        " C:\\Users\\shive\\Desktop\\Test\\nodeapp\\node_modules\\@tensorflow\\tfjs-node-gpu"
        "\\lib\\napi-v6\\tfjs_binding.node.\n",
        "tfjs-native-addon-missing",
        (),
        "tensorflow-not-installed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tfjs/issues/2003: cuDNN's folder was not on PATH
        "Error: The specified module could not be found.\n"
        "\\\\?\\C:\\Travail\\tensorflow_js_test\\node_modules\\@tensorflow\\tfjs-node-gpu\\lib"
        "\\napi-v4\\tfjs_binding.node\n",
        "tfjs-binding-dll-not-found-on-windows",
        (),
        "cuda-libs-not-found",
        "unknown",
    ),
    (
        # https://github.com/Azure/AzureML-Containers/issues/91 (as the reporter typed it): the
        # CUDA 11.1 image's cuDNN 8.0.5 under TF 2.7; cuDNN's check runs once the CUDA
        # libraries loaded, so the stated CUDA minor is not what failed
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:359] Loaded runtime cuDNN library: 8.0.5"
        " but source was compiled with: 8.1.0\n",
        "cudnn-line-beside-a-stated-older-cuda-minor",
        (
            "--os",
            "linux",
            "--tf",
            "2.7",
            "--cuda-toolkit",
            "11.1",
            "--cudnn",
            "8.0.5",
            "--container",
        ),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # https://github.com/boy1dr/SpleeterGui/issues/104 (verbatim): 2.2's pybind11 import
        # names the release; installing the Visual C++ runtime fixed it
        '  File "C:\\Users\\Manu\\AppData\\Roaming\\SpleeterGUI\\python\\Lib\\site-packages\\'
        'tensorflow\\python\\pywrap_tensorflow.py", line 64, in <module>\n'
        "    from tensorflow.python._pywrap_tensorflow_internal import *\n"
        "ImportError: DLL load failed: Le module spécifié est introuvable.\n",
        "dll-load-failed-under-the-pybind11-import",
        (),
        "windows-vc-runtime-missing",
        "unknown",
    ),
    (
        # the system-wide site folder of macOS's own Python 2.7, as old tracebacks show it
        # (written for the test in TF 1.x's wording)
        '  File "/Library/Python/2.7/site-packages/tensorflow/python/client/session.py", line 1,'
        " in run\n"
        "InvalidArgumentError: No OpKernel was registered to support Op 'CudnnRNN' with these"
        " attrs.  Registered devices: [CPU], Registered kernels:\n"
        "  <no registered kernels>\n",
        "macos-system-python-site",
        (),
        "macos-no-cuda",
        "no",
    ),
    (
        # https://github.com/keras-team/keras/issues/13302 (verbatim): Keras's multi_gpu_model
        # bug, on four GPUs TensorFlow has
        "ValueError: To call `multi_gpu_model` with `gpus=4`, we expect the following devices to"
        " be available: ['/cpu:0', '/gpu:0', '/gpu:1', '/gpu:2', '/gpu:3']. However this machine"
        " only has: ['/gpu:0', '/gpu:1', '/gpu:2', '/gpu:3']. Try reducing `gpus`\n",
        "keras-lists-the-gpus-it-refuses",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/yuexujiang/DeepDom/issues/3 (verbatim): the system Python's user
        # site on macOS; the maintainer: there is no GPU
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: No OpKernel was"
        " registered to support Op 'CudnnRNN' used by node bidirectional_1/CudnnRNN (defined at"
        " MYUSER/Library/Python/2.7/lib/python/site-packages/keras/layers/cudnn_recurrent.py:504)"
        " with these attrs: [dropout=0, seed=87654321]\n"
        "Registered devices: [CPU]\n"
        "Registered kernels:\n"
        "  <no registered kernels>\n",
        "cudnn-rnn-on-the-macos-system-python",
        (),
        "macos-no-cuda",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/46405 (verbatim): LSTM training on
        # Windows crashed mid-run; a newer driver fixed it
        "Error polling for event status: failed to query event: CUDA_ERROR_LAUNCH_FAILED:"
        " unspecified launch failure\n",
        "kernel-launch-failed-mid-run",
        (),
        "gpu-kernel-failed",
        "no",
    ),
    (
        # https://github.com/faustomorales/keras-ocr/issues/62 (verbatim, quoted): the cuDNN RNN
        # failed while it ran; updating cuDNN fixed it
        "> 2020-04-09 17:08:52.593789: E tensorflow/stream_executor/dnn.cc:588]"
        " CUDNN_STATUS_EXECUTION_FAILED\n"
        "> in tensorflow/stream_executor/cuda/cuda_dnn.cc(1796): 'cudnnRNNForwardTraining("
        " cudnn.handle(), rnn_desc.handle(), model_dims.max_seq_length, input_desc.handles(),"
        " input_data.opaque(), input_h_desc.handle(), input_h_data.opaque())'\n",
        "cudnn-rnn-failed-while-running",
        (),
        "gpu-kernel-failed",
        "no",
    ),
    (
        # https://github.com/juglab/n2v/issues/100 (its title's quote): TF_FORCE_GPU_ALLOW_GROWTH
        # fixed it
        "Unknown: Failed to get convolution algorithm.\n",
        "convolution-algorithm-cut-before-cudnn",
        (),
        "gpu-out-of-memory",
        "no",
    ),
    (
        # https://github.com/Teichlab/bin2cell/issues/16 (the maintainer's GPU run, as the thread
        # shows it: its last record is cut inside the device's name)
        "2024-03-11 13:08:39.506955: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_dnn.cc:9261] Unable to register cuDNN factory: Attempting to register factory for"
        " plugin cuDNN when one has already been registered\n"
        "2024-03-11 13:08:42.076959: W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38]"
        " TF-TRT Warning: Could not find TensorRT\n"
        "2024-03-11 13:14:18.395600: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1929]"
        " Created device /job:localhost/replica:0/task\n",
        "gpu-device-record-cut-in-its-name",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/1158 (clockzhong's comment): an update
        # replaced the driver library, the old module stayed loaded; the line comparing them is
        # cut from the paste
        DRIVER_HALVES_DIFFER,
        "driver-library-and-kernel-module-versions-differ",
        ("--os", "linux"),
        "driver-library-mismatch",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/60429 (verbatim): purging the Linux
        # NVIDIA packages inside WSL and reinstalling the Windows driver fixed it
        "tensorflow docker on WSL2: failed call to cuInit: CUDA_ERROR_NO_DEVICE\n"
        "When running in a container, tensorflow reports no GPU is found.\n"
        "$ docker run -it --rm --gpus all tensorflow/tensorflow:latest-gpu \\\n"
        "    python -c 'import tensorflow as tf; gpus ="
        ' tf.config.list_physical_devices("GPU"); prin\n',
        "tf-no-device-under-wsl2",
        ("--os", "wsl2", "--container"),
        "wsl-linux-driver-installed",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/35036: 2.1.0rc1's preload check, built
        # with Visual Studio 2019, needed a newer Visual C++ runtime
        '  File "C:\\Users\\kbuilder\\AppData\\Local\\Programs\\Python\\Python37\\lib\\'
        'site-packages\\tensorflow_core\\python\\platform\\self_check.py", line 47, in'
        " preload_check\n"
        "    ctypes.WinDLL(build_info.msvcp_dll_name)\n"
        '  File "C:\\Users\\kbuilder\\AppData\\Local\\Programs\\Python\\Python37\\lib\\'
        'ctypes\\__init__.py", line 356, in __init__\n'
        "    self._handle = _dlopen(self._name, mode)\n"
        "OSError: [WinError 126] The specified module could not be found\n",
        "preload-check-could-not-load-msvc-runtime",
        ("--tf", "2.1"),
        "windows-vc-runtime-missing",
        "no",
    ),
    (
        # https://github.com/Unity-Technologies/obstacle-tower-env/issues/32 (verbatim): Python
        # 3.6.0 with protobuf 3.6.1; protobuf 3.6.0 fixed it
        "c:\\users\\chris\\appdata\\local\\programs\\python\\python36\\lib\\site-packages"
        "\\google\\protobuf\\descriptor.py in <module>\n"
        "     45   import binascii\n"
        "     46   import os\n"
        "---> 47   from google.protobuf.pyext import _message\n"
        "     48   _USE_C_DESCRIPTORS = getattr(_message, '_USE_C_DESCRIPTORS', False)\n"
        "     49 \n"
        "\n"
        "ImportError: DLL load failed: The specified procedure could not be found.\n",
        "protobuf-extension-on-python-3-6-0",
        ("--os", "windows"),
        "python-unsupported",
        "no",
    ),
    (
        # https://github.com/Purfview/whisper-standalone-win/issues/237 (verbatim): CTranslate2
        # built for CUDA 11 beside CUDA 12's libraries
        '  File "faster_whisper\\transcribe.py", line 1026, in encode\n'
        "RuntimeError: Library cublas64_11.dll is not found or cannot be loaded\n",
        "ctranslate2-cuda-library",
        (),
        "cuda-libs-not-found",
        "no",
    ),
    (
        # https://github.com/h2oai/h2o4gpu/issues/298 (verbatim): nvidia-docker 1.0's own check
        "nvidia-docker | 2017/11/21 00:48:39 Error: unsupported CUDA version: driver 8.0 < image"
        " 9.0.176\n",
        "nvidia-docker-1-driver-older-than-image",
        ("--container",),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/NVIDIA/nvidia-docker/issues/753 (verbatim): the error without the
        # program's name before it
        "requirement error: unsatisfied condition: cuda >= 9.2\n",
        "container-requirement-without-its-prefix",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/lmb-freiburg/netdef-docker/issues/6 (verbatim): the Tesla branch
        # exception is the last condition the CLI tried
        "nvidia-container-cli: requirement error: unsatisfied condition: driver < 385\n",
        "container-requirement-driver-branch",
        ("--gpu", "Tesla P100"),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/triton-inference-server/server/issues/139 (verbatim): NGC's banner
        # of 2019 names the branch alone
        "ERROR: This container was built for NVIDIA Driver Release 410 or later, but\n"
        "       version 396.26 was detected and compatibility mode is UNAVAILABLE.\n",
        "ngc-banner-names-the-branch",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/6787 (verbatim): TF 1.0 on a 340
        # driver, whose libcuda predates the primary-context API
        "F tensorflow/stream_executor/cuda/cuda_driver.cc:94] Check failed: s.ok() could not find"
        " cuDevicePrimaryCtxSetFlags in libcuda DSO; dlerror: /usr/lib/libcuda.so.1: undefined"
        " symbol: cuDevicePrimaryCtxSetFlags\n",
        "libcuda-older-than-the-driver-api",
        (),
        "driver-too-old",
        "no",
    ),
    (
        # https://github.com/YanWenKun/ComfyUI-Docker/issues/74 (verbatim): Docker Desktop on
        # Windows runs the container in WSL 2, where a 555 driver needs a newer toolkit
        "RuntimeError: Unexpected error from cudaGetDeviceCount(). Did you run some cuda"
        " functions before calling NumCudaDevices() that might have already set an error? Error"
        " 500: named symbol not found\n",
        "docker-desktop-toolkit-older-than-the-driver",
        ("--os", "windows", "--container"),
        "container-gpu-not-exposed",
        "no",
    ),
    (
        # https://github.com/Jittor/jittor/issues/194 (verbatim): the runtime API's name for it
        "code=222( cudaErrorUnsupportedPtxVersion ) cudaStreamCreateWithFlags(&stream,"
        " cudaStreamNonBlocking)\n",
        "runtime-api-unsupported-ptx",
        ("--driver", "450.102.04"),
        "ptxas-newer-than-driver",
        "no",
    ),
    (
        # https://github.com/ublue-os/hwe/issues/230 (verbatim): 'latest' is the CPU image
        "$ distrobox ephemeral --nvidia --image tensorflow/tensorflow:latest\n"
        "Creating 'distrobox-1RfsfYcHQM' using image tensorflow/tensorflow:latest\t [ OK ]\n"
        "Setting up host's nvidia integration... \t [ OK ]\n",
        "tensorflow-s-cpu-image",
        ("--os", "linux", "--gpu", "RTX 3070", "--driver", "550.67"),
        "cpu-only-tensorflow",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/40735: a warning, training runs
        "WARNING:tensorflow:NCCL is not supported when using virtual GPUs, fallingback to"
        " reduction to one device\n",
        "nccl-with-logical-gpus",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/Liang-yc/ssq/issues/25 (verbatim): the refusal without the device
        "Ignoring gpu device with Cuda compute capability 3.0. The minimum required Cuda"
        " capability is 3.5.\n",
        "below-minimum-capability-unnamed",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/4944: Bazel 0.3 built on without CUDA
        "`bazel build --config=opt --config=cuda8.0"
        " //tensorflow/tools/pip_package:build_pip_package`\n"
        "WARNING: Config values are not defined in any .rc file: cuda8.0\n",
        "bazel-ignored-the-cuda-config",
        (),
        "cpu-only-tensorflow",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/58681 (a commenter, verbatim): the
        # shell finds no ptxas; with the toolkit that has it, training ran on the GPU
        "$ ptxas --version\nCommand 'ptxas' not found, but can be installed with:\n",
        "shell-finds-no-ptxas",
        ("--tf", "2.11"),
        "xla-toolchain-missing",
        "unknown",
    ),
    (
        # https://github.com/GoogleCloudPlatform/container-engine-accelerators/issues/106
        # (verbatim): the kernel module's version file is the driver's version, too old for the
        # CUDA 10.0 of 1.13 (410.48 or newer)
        "root@launchtest-j0227-1834-778f-master-0:~# cat /proc/driver/nvidia/version \n"
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  396.26  Mon Apr 30 18:01:39 PDT 2018\n",
        "driver-version-file-read-as-the-driver",
        ("--tf", "1.13.1"),
        "driver-too-old",
        "no",
    ),
    (
        # the cut path naming TensorFlow's own CUDA wheels (tensorflow[and-cuda]; written)
        "ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.29' not"
        " found (required by /home/u/venv/lib/python3.10/site-packages/nvidia/cudnn/lib/libcudnn\n",
        "libstdcxx-cut-at-tensorflow-s-cuda-wheels",
        (),
        "glibc-too-old",
        "unknown",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/17566 (verbatim, cut where the paste
        # was): TensorFlow 1.6 built with cuDNN 7.0 refused the 7.1 an upgrade brought
        "2018-03-08 17:46:50.845206: E tensorflow/stream_executor/cuda/cuda_dnn.cc:378] Loaded"
        " runtime CuDNN library: 7101 (c\n",
        "cudnn-refusal-cut-short",
        ("--os", "linux", "--tf", "1.6.0", "--cudnn", "7.1"),
        "cudnn-version-mismatch",
        "no",
    ),
    (
        # the same warning when the build asked for two undefined configs (written)
        "WARNING: Config values are not defined in any .rc file: opt,avx, cuda8.0\n",
        "bazel-ignored-the-cuda-config-among-others",
        (),
        "cpu-only-tensorflow",
        "unknown",
    ),
    (
        # Liang-yc/ssq#25's refusal retyped with other capitals (written)
        "Ignoring visible GPU device with CUDA compute capability 3.0. The minimum required CUDA"
        " capability is 3.5.\n",
        "below-minimum-capability-retyped",
        (),
        "compute-capability-unsupported",
        "no",
    ),
    (
        # https://github.com/conda-forge/tensorflow-feedstock/issues/223 (verbatim): 'not really
        # a bug', the build has no XLA GPU compiler and the GPU still runs the ops
        "2022-04-29 12:25:31.051195: W tensorflow/compiler/jit/kernels/xla_ops.cc:436]"
        " Compilation failed:UNIMPLEMENTED: Could not find compiler for platform CUDA:"
        " NOT_FOUND: could not find registered compiler for platform CUDA -- check target"
        " linkage (hint: try adding tensorflow/compiler/jit:xla_gpu_jit as a dependency). "
        " Falling back to TF function call.\n",
        "xla-without-its-gpu-compiler",
        (),
        "benign-log-noise",
        "yes",
    ),
    (
        # https://github.com/tensorflow/tensorflow/issues/31696: no int64 GPU kernel for the op
        "No registered 'ResourceGather' OpKernel for GPU devices compatible with node {{node"
        " ResourceGather}}\n",
        "op-without-a-gpu-kernel-for-its-inputs",
        (),
        "op-without-gpu-kernel",
        "yes",
    ),
]


@pytest.mark.parametrize(
    ("log", "flags", "cause", "gpu_used"),
    [pytest.param(log, flags, cause, used, id=name) for log, name, flags, cause, used in CASES],
)
def test_the_confirmed_cause_comes_first(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    flags: tuple[str, ...],
    cause: str,
    gpu_used: str,
) -> None:
    doc = doctor(tmp_path, capsys, log, *flags)
    top = doc["findings"][0]["id"] if doc["findings"] else "benign-log-noise"
    assert top == cause
    assert doc["gpu_used"] == gpu_used


def _ids(doc: dict) -> list[str]:
    return [f["id"] for f in doc["findings"]]


LIBCUDA_384_111 = (
    "2018-01-22 10:12:52.860790: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:189] libcuda"
    " reported version is: 384.111.0\n"
)
MODULE_FILE_384_90 = (
    "2018-01-22 10:12:52.860851: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:369] driver"
    ' version file contents: """NVRM version: NVIDIA UNIX x86_64 Kernel Module  384.90  Tue Sep 19'
    " 19:17:35 PDT 2017\n"
)
# https://github.com/tensorflow/tensorflow/issues/62494 (lines 1-3 verbatim; the second run is
# written for the test)
MATCHED_THEN_UPDATED = (
    "2023-11-27 09:02:02.582809: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda"
    " reported version is: 515.43.4\n"
    "2023-11-27 09:02:02.582869: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel"
    " reported version is: 515.43.4\n"
    "2023-11-27 09:02:02.582896: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:310] kernel"
    " version seems to match DSO: 515.43.4\n"
    "2023-11-28 16:42:02.592180: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda"
    " reported version is: 535.129.3\n"
    "2023-11-28 16:42:02.592258: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel"
    " reported version is: 515.43.4\n"
)


def _pair(library: str, kernel: str, prefix: str = "") -> str:
    return (
        f"{prefix}I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda reported"
        f" version is: {library}\n"
        f"{prefix}I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel reported"
        f" version is: {kernel}\n"
    )


@pytest.mark.parametrize(
    ("log", "flags", "differ"),
    [
        # the pair cut after the driver version file TensorFlow quotes between its two lines
        (LIBCUDA_384_111 + MODULE_FILE_384_90, ("--os", "linux"), True),
        # a first run's agreeing pair and TensorFlow's 'seems to match' do not settle a later one
        (MATCHED_THEN_UPDATED, ("--os", "linux"), True),
        (DRIVER_HALVES_DIFFER.replace("384.111.0", "384.90"), ("--os", "linux"), False),
        (_pair("418.67", "418.67.0") + _pair("470.82.01", "470.82.1"), ("--os", "linux"), False),
        # after a reboot the next run's pair agrees
        (DRIVER_HALVES_DIFFER + _pair("384.90.0", "384.90.0"), ("--os", "linux"), False),
        # two machines' processes interleaved, each consistent with itself
        (
            "".join(
                _pair(*versions).splitlines(keepends=True)[half]
                for half in (0, 1)
                for versions in (("440.64.0", "440.64.0"), ("418.87.1", "418.87.1"))
            ),
            ("--os", "linux"),
            False,
        ),
        # CUDA's forward-compatibility package makes libcuda newer on purpose (NGC's banner)
        (
            "NOTE: CUDA Forward Compatibility mode ENABLED.\n"
            "  Using CUDA 12.0 driver version 525.85.12 with kernel driver version 470.161.03.\n"
            + _pair("525.85.12", "470.161.3"),
            ("--os", "linux", "--container"),
            False,
        ),
        # macOS's kernel driver does not report its version reliably (TensorFlow skips it)
        (_pair("310.42.25", "355.10.5"), ("--os", "macos"), False),
    ],
    ids=[
        "module-in-version-file",
        "after-an-earlier-matching-run",
        "same-version",
        "padded-differently",
        "rebooted",
        "two-machines-interleaved",
        "forward-compatibility",
        "macos",
    ],
)
def test_driver_versions_are_read_as_a_pair(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    flags: tuple[str, ...],
    differ: bool,
) -> None:
    """TensorFlow's diagnostics give libcuda's version, then the module's: the last pair that
    differs is a driver half updated; the same version padded differently, a later run whose
    pair agrees, interleaved machines, forward compatibility and macOS are not."""
    found = _ids(doctor(tmp_path, capsys, log, *flags))
    assert ("driver-library-mismatch" in found) is differ


def test_a_log_older_than_a_release_is_not_judged_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A log written in January 2018 is TensorFlow 1.x's: no release of the matrix (2.x) had
    its driver requirement then, so driver 384 is not 'too old'."""
    doc = doctor(tmp_path, capsys, DRIVER_HALVES_DIFFER, "--os", "linux")
    assert "driver-too-old" not in _ids(doc)
    # the same lines with a 2023 date: a 2.x release may have written them
    newer = DRIVER_HALVES_DIFFER.replace("2018-01-22", "2023-01-22")
    assert "driver-too-old" in _ids(doctor(tmp_path, capsys, newer, "--os", "linux"))


def test_a_date_that_contradicts_the_paths_gives_way_to_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """local_xla's paths exist from TensorFlow 2.15 on: a clock set to 2016 is wrong, not a
    reason to judge no release (written for the test)."""
    log = (
        "2016-01-01 00:04:19.103388: I external/local_xla/xla/stream_executor/cuda/"
        "cuda_diagnostics.cc:159] libcuda reported version is: 470.223.2\n"
    )
    assert "driver-too-old" in _ids(doctor(tmp_path, capsys, log, "--os", "linux"))


def test_a_driver_below_the_cuda_a_missing_library_names_is_told_whatever_the_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """libcublas.so.10.0 asked for in April 2019 (1.13, 1.14 or a 2.0 preview) beside driver
    396.54 (CUDA 9.2): installing CUDA 10.0 would not be enough (tensorflow#28022's import
    error; the nvidia-smi header is written for the test)."""
    log = (
        "ImportError: libcublas.so.10.0: cannot open shared object file: No such file or"
        " directory\n"
        "Sun Apr 21 10:02:11 2019\n"
        "| NVIDIA-SMI 396.54                 Driver Version: 396.54                    |\n"
    )
    driver = [f for f in doctor(tmp_path, capsys, log, "--os", "linux")["findings"]]
    assert any(f["id"] == "driver-too-old" and "10.0" in f["title"] for f in driver)


# https://github.com/tensorflow/tensorflow/issues/30912 (verbatim excerpt)
DEVICE_MEMORY_RAN_OUT_2019 = (
    "2019-07-21 23:23:06.228049: E tensorflow/stream_executor/cuda/cuda_driver.cc:828] failed to"
    " allocate 32.00M (33554432 bytes) from device: CUDA_ERROR_OUT_OF_MEMORY: out of memory\n"
)


def test_memory_running_out_on_the_device_shows_the_cuda_runtime_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow allocates on a GPU device it created after loading its CUDA libraries: a
    CUDA version judged from a statement, for a release only guessed, is a note beside it."""
    doc = doctor(tmp_path, capsys, DEVICE_MEMORY_RAN_OUT_2019, "--cuda-toolkit", "10.1")
    assert _ids(doc)[0] == "gpu-out-of-memory"
    mismatch = [f for f in doc["findings"] if f["id"] == "cuda-version-mismatch"]
    assert mismatch and all(f["severity"] == "info" for f in mismatch)


# https://github.com/tensorflow/tensorflow/issues/94024 (verbatim): Windows, Python 3.13.1, the
# template names TensorFlow 2.19.0
NO_WHEEL_FOR_313 = (
    "Defaulting to user installation because normal site-packages is not writeable\n"
    "ERROR: Could not find a version that satisfies the requirement tensorflow (from versions:"
    " none)\n"
    "ERROR: No matching distribution found for tensorflow\n"
)


def test_no_wheel_for_a_python_only_newer_releases_serve_says_when_they_came(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The release named is older than every one with a wheel for that Python: pip most
    likely ran before those existed, so the fix is a Python that release supports, not pip."""
    host = ("--os", "windows", "--python", "3.13.1")
    doc = doctor(tmp_path, capsys, NO_WHEEL_FOR_313, *host, "--tf", "2.19.0")
    first = doc["findings"][0]
    assert first["id"] == "python-unsupported"
    assert "2.20" in first["title"] and "before" in first["title"]
    assert "3.12" in " ".join(first["evidence"])
    # no release named: the wheels exist today, so the Python or pip that ran is the question
    unnamed = doctor(tmp_path, capsys, NO_WHEEL_FOR_313, *host)["findings"][0]
    assert unnamed["id"] == "python-unsupported" and "64-bit" in unnamed["title"]
    # the release named is of the series that first served it (2.16.1 for Python 3.12)
    same_series = doctor(
        tmp_path, capsys, NO_WHEEL_FOR_313, "--os", "windows", "--python", "3.12", "--tf", "2.16.1"
    )["findings"][0]
    assert "64-bit" in same_series["title"]
    # an nvidia-smi header dated after 2.20 came out: pip saw it, so the old reading stands
    dated = "Tue Oct 14 10:12:31 2025\n" + NO_WHEEL_FOR_313
    after = doctor(tmp_path, capsys, dated, *host, "--tf", "2.19.0")["findings"][0]
    assert "64-bit" in after["title"]


def test_a_release_named_that_apple_silicon_got_as_tensorflow_macos_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#48636's pip output (verbatim) on an M1 with TensorFlow 2.9 named: its wheels
    there were tensorflow-macos's, which is the fix."""
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from"
        " versions: none)\n"
        "ERROR: No matching distribution found for tensorflow\n"
    )
    host = ("--os", "macos", "--arch", "arm64", "--python", "3.9", "--tf", "2.9")
    first = doctor(tmp_path, capsys, log, *host)["findings"][0]
    assert first["id"] == "python-unsupported" and "tensorflow-macos" in first["title"]


def test_a_pinned_release_pip_could_not_find_is_not_the_one_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#56057 (verbatim): 2.5.3 pinned under Python 3.8, which 2.5.3 serves; the
    pin is not a release the user named as installed, so 'it ran before 2.5' cannot follow."""
    log = (
        "$ pip install tensorflow==2.5.3\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow==2.5.3\n"
        "ERROR: No matching distribution found for tensorflow==2.5.3\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--python", "3.8")["findings"][0]
    assert first["id"] == "python-unsupported" and "before" not in first["title"]


def test_an_op_with_gpu_kernels_registered_is_no_cpu_only_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rstudio/keras3#729 (verbatim): CudnnRNN lists its GPU kernels, so the build has CUDA; R's
    use_session_with_seed() had hidden the GPU."""
    log = (
        "Error in py_call_impl(callable, dots$args, dots$keywords): InvalidArgumentError: No"
        " OpKernel was registered to support Op 'CudnnRNN' with these attrs.  Registered"
        " devices: [CPU], Registered kernels:\n"
        "  device='GPU'; T in [DT_DOUBLE]\n"
        "  device='GPU'; T in [DT_FLOAT]\n"
        "  device='GPU'; T in [DT_HALF]\n"
    )
    assert "cpu-only-tensorflow" not in _ids(doctor(tmp_path, capsys, log))
    cpu_only = log.replace("device='GPU'", "device='CPU'")
    assert "cpu-only-tensorflow" in _ids(doctor(tmp_path, capsys, cpu_only))


def test_a_1x_release_that_loads_another_cuda_is_another_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NVIDIA's nvidia-tensorflow 1.15 loads CUDA 11 or 12 (lines as NVIDIA/tensorflow#83 shows
    them): stock 1.15's CUDA 10.0, cuDNN 7.6 and 'no Ampere' are not its needs."""
    log = (
        "2023-03-17 15:10:16.549035: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:50] Successfully opened dynamic library libcudart.so.12\n"
        "tensorflow.python.framework.errors_impl.InternalError: cudaGetDevice() failed. Status:"
        " CUDA driver version is insufficient for CUDA runtime version\n"
    )
    host = ("--tf", "1.15.5", "--gpu", "GeForce RTX 3060")
    found = _ids(doctor(tmp_path, capsys, log, *host))
    assert found[0] == "driver-too-old" and "compute-capability-unsupported" not in found
    stock = log.replace("libcudart.so.12", "libcudart.so.10.0")
    assert "compute-capability-unsupported" in _ids(doctor(tmp_path, capsys, stock, *host))


@pytest.mark.parametrize(
    "log",
    [
        # PyTorch's wording of the same fault: not TensorFlow's GPU at work
        "RuntimeError: CUDA error: an illegal memory access was encountered\n",
        # jax-ml/jax#25002 (verbatim): JAX's XLA words its faults as TensorFlow's does
        "E1120 10:59:55.894873   35984 pjrt_stream_executor_client.cc:3067] Execution of replica"
        " 0 failed: INTERNAL: Failed to retrieve branch_index value on stream 0x5583cca477e0:"
        " CUDA error: Could not synchronize CUDA stream: CUDA_ERROR_ILLEGAL_ADDRESS: an illegal"
        " memory access was encountered.\n",
        # JAX's error as Python shows it: its code after the exception's name, not at the start
        "jaxlib.xla_extension.XlaRuntimeError: INTERNAL: Failed to execute XLA Runtime"
        " executable: CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered\n",
        # facebookresearch/Detectron#383 (verbatim)
        "E0419 19:30:51.564118 27190 net_dag.cc:188] Exception from operator chain starting at"
        " '' (type 'Conv'): caffe2::EnforceNotMet: [enforce fail at context_gpu.h:155] ."
        " Encountered CUDA error: an illegal memory access was encountered Error from"
        " operator:\n",
    ],
    ids=["pytorch-wording", "jax-wording", "jax-exception", "caffe2-wording"],
)
def test_a_kernel_fault_is_read_only_in_tensorflow_s_records_of_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    assert "gpu-kernel-failed" not in _ids(doctor(tmp_path, capsys, log))


def test_a_kernel_that_ran_an_illegal_instruction_is_a_kernel_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/17747 (verbatim, with the poster's '*')
    log = (
        "*2018-03-16 18:27:24.292665: E C:\\tf_jenkins\\workspace\\rel-win\\M\\windows-gpu\\PY\\35"
        "\\tensorflow\\stream_executor\\cuda\\cuda_event.cc:49] Error polling for event status:"
        " failed to query event: CUDA_ERROR_ILLEGAL_INSTRUCTION*\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-kernel-failed" and "ILLEGAL_INSTRUCTION" in first["title"]
    # the CPU's 'Illegal instruction' stays the CPU's
    cpu = doctor(tmp_path, capsys, "Illegal instruction (core dumped)\n")
    assert _ids(cpu) == ["cpu-lacks-avx"]


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/Arturus/kaggle-web-traffic/issues/37 (verbatim): a session's
        # root-error list, the call cuDNN failed in on the next line
        "UnknownError: 2 root error(s) found.\n"
        "  (0) Unknown: CUDNN_STATUS_EXECUTION_FAILED\n"
        "in tensorflow/stream_executor/cuda/cuda_dnn.cc(953): 'cudnnSetDropoutDescriptor("
        " handle.get(), cudnn.handle(), dropout, state_memory.opaque(), state_memory.size(),"
        " seed)'\n"
        "\t [[{{node model/cudnn_gru/CudnnRNN}}]]\n",
        # https://github.com/obryanlouis/qa/issues/5 (verbatim, the node's attributes cut): a
        # notebook's name for the error
        "UnknownError: CUDNN_STATUS_EXECUTION_FAILED Failed to set dropout descriptor\n"
        "\t [[Node: tower_0/model_inputs/qst_embedding/CudnnRNN = CudnnRNN[T=DT_FLOAT,"
        ' direction="bidirectional", dropout=0.4, input_mode="linear_input",'
        ' _device="/job:localhost/replica:0/task:0/device:GPU:0"]]\n',
        # TensorFlow 2.9's capitals in the same list
        "  (0) INTERNAL: an illegal memory access was encountered\n",
    ],
    ids=["root-error-list", "notebook", "capitals"],
)
def test_a_kernel_fault_in_tensorflow_s_error_list_or_a_notebook_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    assert _ids(doctor(tmp_path, capsys, log))[0] == "gpu-kernel-failed"


def test_a_kernel_fault_steps_back_for_a_gpu_newer_than_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An RTX 3090 under TensorFlow 1.15 (CUDA 10.0): its cuDNN has no kernels for the GPU,
    which is why the convolution failed (review of the kernel-fault reading)."""
    log = (
        "2021-01-25 21:31:05.429799: E tensorflow/stream_executor/cuda/cuda_dnn.cc:2456] failed"
        " to enqueue convolution on stream: CUDNN_STATUS_EXECUTION_FAILED\n"
    )
    alone = doctor(tmp_path, capsys, log)
    assert _ids(alone)[0] == "gpu-kernel-failed"
    assert alone["verdict"].startswith("TensorFlow reached the GPU, but")
    host = ("--tf", "1.15", "--gpu", "GeForce RTX 3090")
    assert _ids(doctor(tmp_path, capsys, log, *host))[0] == "compute-capability-unsupported"
    # a full log shows the device first: the GPU's age still comes first
    device = (
        "2020-10-09 20:00:22.767749: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1247]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 22000 MB"
        " memory) -> physical GPU (device: 0, name: GeForce RTX 3090, pci bus id: 0000:01:00.0,"
        " compute capability: 8.6)\n"
    )
    full = _ids(doctor(tmp_path, capsys, device + log, *host))
    assert full[0] == "compute-capability-unsupported"


def test_memory_running_out_for_a_context_without_a_device_says_nothing_of_the_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TF 2.0-2.3's XLA makes a CUDA context after 'Skipping registering GPU devices': memory
    running out there does not show the CUDA libraries loaded (keras-team/keras#12695's
    platform_util line after a TF 2.1 log's missing libcudart)."""
    log = (
        "2020-03-09 21:09:38.011008: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:55] Could not load dynamic library 'libcudart.so.10.1'; dlerror:"
        " libcudart.so.10.1: cannot open shared object file: No such file or directory\n"
        "2020-03-09 21:09:38.013150: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1592]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned"
        " above are installed properly if you would like to use GPU.\n"
        "Skipping registering GPU devices...\n"
        "2020-03-09 21:09:38.103901: W tensorflow/compiler/xla/service/platform_util.cc:276]"
        " unable to create StreamExecutor for CUDA:0: failed initializing StreamExecutor for"
        " CUDA device ordinal 0: Internal: failed call to cuDevicePrimaryCtxRetain:"
        " CUDA_ERROR_OUT_OF_MEMORY: out of memory; total memory reported: 8513978368\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "10.0")
    evidence = " ".join(e for f in doc["findings"] for e in f["evidence"])
    assert "loaded its CUDA libraries" not in evidence
    # the stated CUDA 10.0 beside 2.1's libcudart.so.10.1 stays the error it is
    assert ("cuda-version-mismatch", "error") in {(f["id"], f["severity"]) for f in doc["findings"]}


@pytest.mark.parametrize(
    ("log", "flags", "kept"),
    [
        pytest.param(
            "2019-05-01 10:00:00.000000: E tensorflow/stream_executor/cuda/cuda_driver.cc:318]"
            " failed call to cuInit: CUDA_ERROR_NO_DEVICE\n",
            ("--os", "linux"),
            "cuda-visible-devices-hides-gpus",
            id="no-device-on-native-linux",
        ),
        pytest.param(
            "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be"
            " available.\n"
            "2023-05-02 10:00:00.000000: E tensorflow/compiler/xla/stream_executor/cuda/"
            "cuda_driver.cc:266] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable"
            " device is detected\n",
            ("--os", "wsl2", "--container"),
            "container-gpu-not-exposed",
            id="no-device-under-wsl2-in-a-container-without-the-gpu",
        ),
        pytest.param(
            "2023-05-02 10:00:00.000000: E tensorflow/compiler/xla/stream_executor/cuda/"
            "cuda_driver.cc:266] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable"
            " device is detected\n",
            ("--os", "wsl2", "--container"),
            "container-gpu-not-exposed",
            id="no-device-under-wsl2-in-a-container",
        ),
        pytest.param(
            "2023-05-02 10:00:00.000000: E tensorflow/compiler/xla/stream_executor/cuda/"
            "cuda_driver.cc:266] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable"
            " device is detected\n",
            ("--os", "wsl2", "--gpu", "none"),
            "no-nvidia-gpu",
            id="no-device-under-wsl2-without-a-gpu",
        ),
        pytest.param(
            "os.environ['CUDA_VISIBLE_DEVICES'] = '-1'\n"
            "2019-05-01 10:00:00.000000: E tensorflow/stream_executor/cuda/cuda_driver.cc:318]"
            " failed call to cuInit: CUDA_ERROR_NO_DEVICE\n",
            ("--os", "wsl2"),
            "cuda-visible-devices-hides-gpus",
            id="no-device-under-wsl2-with-the-variable-set",
        ),
    ],
)
def test_platform_readings_keep_to_their_platform(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    log: str,
    flags: tuple[str, ...],
    kept: str,
) -> None:
    """WSL 2's reading of 'no device' needs that platform, and gives way to a variable seen
    hiding the GPU, a container started without it, and a machine without one."""
    found = _ids(doctor(tmp_path, capsys, log, *flags))
    assert found[0] == kept
    assert "wsl-linux-driver-installed" not in found


def test_native_windows_with_an_unknown_release_warns_from_which_release_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = ">>> tf.config.list_physical_devices('GPU')\n[]\n"
    unknown = doctor(tmp_path, capsys, listed, "--os", "windows")
    first = unknown["findings"][0]
    assert (first["id"], first["severity"]) == ("windows-native-gpu-unsupported", "warning")
    assert first["title"].startswith("If the TensorFlow here is 2.11")
    # A Python 3.11 install can only hold TensorFlow 2.12 or later: then it is the cause.
    py311 = doctor(tmp_path, capsys, listed, "--os", "windows", "--python", "3.11")
    assert (py311["findings"][0]["id"], py311["findings"][0]["severity"]) == (
        "windows-native-gpu-unsupported",
        "error",
    )


def test_a_failure_the_log_shows_outranks_the_guess_about_an_unknown_windows_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # iperov/DeepFaceLab#191 (verbatim): NVML broken after a Windows update, fixed by a clean
    # reinstall of the driver. Nothing says which TensorFlow ran.
    log = (
        "gpufmkmgr.pynvml.NVMLError_Unknown: Unknown Error\n\nPerforming 1st pass...\n"
        "Running on Generic GeForce GPU #0.\n"
    )
    report = doctor(tmp_path, capsys, log, "--os", "windows", "--gpu", "GeForce GTX 1060")
    first = report["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-driver", "warning")
    assert "not a container" in " ".join(first["evidence"])
    hedge = next(f for f in report["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert hedge["severity"] == "info"
    # in a container the same words are its device cgroup's, whatever the host
    boxed = doctor(tmp_path, capsys, log, "--os", "linux", "--container")
    assert boxed["findings"][0]["id"] == "container-gpu-not-exposed"
    # and nothing known of the machine leaves the container reading, the likelier one
    bare = doctor(tmp_path, capsys, log)
    assert bare["findings"][0]["id"] == "container-gpu-not-exposed"


def test_nvml_s_unknown_error_is_the_driver_only_where_it_started_on_native_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = "Failed to initialize NVML: Unknown Error\n"
    # a Linux shell in the paste (WSL 2, an SSH session, a dev container) is not native Windows
    for prompt in ("me@DESKTOP-ABC:~$ nvidia-smi\n", "vscode ➜ /workspaces/proj $ nvidia-smi\n"):
        doc = doctor(tmp_path, capsys, prompt + unknown, "--os", "windows")
        assert "no-nvidia-driver" not in {f["id"] for f in doc["findings"]}
    # a device query that failed: NVML had started, so its driver answered
    ray = (
        '  File "C:\\Python310\\lib\\site-packages\\ray\\_private\\gpu.py", line 30, in get\n'
        "    h = pynvml.nvmlDeviceGetPowerUsage(handle)\n"
        "pynvml.nvml.NVMLError_Unknown: Unknown Error\n"
    )
    doc = doctor(tmp_path, capsys, ray, "--os", "windows")
    assert "no-nvidia-driver" not in {f["id"] for f in doc["findings"]}
    # nvidia-smi missing from PATH is a guess, not a failure the log shows: the question of
    # the release stays first
    missing = (
        "C:\\Users\\me>nvidia-smi\n'nvidia-smi' is not recognized as an internal or external"
        " command,\noperable program or batch file.\n>>> tf.config.list_physical_devices('GPU')\n"
        "[]\n"
    )
    first = doctor(tmp_path, capsys, missing, "--os", "windows")["findings"][0]
    assert (first["id"], first["severity"]) == ("windows-native-gpu-unsupported", "warning")


def test_a_cpu_build_on_native_windows_is_a_release_without_windows_gpu_support(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/62080 as a user pastes it, without --tf:
    # 'pip install tensorflow' on Windows gave CUDA builds from 2.1 to 2.10, and Python 3.10
    # has no release older than 2.8, so a CPU-only build there is 2.11 or newer.
    session = (
        "Python 3.10.10 (tags/v3.10.10:aad5f6a, Feb  7 2023, 17:20:36) [MSC v.1929 64 bit"
        " (AMD64)] on win32\n"
        ">>> print(tf.test.is_built_with_cuda())\nFalse\n"
        ">>> print(tf.config.list_physical_devices('GPU'))\n[]\n"
    )
    report = doctor(tmp_path, capsys, session)
    first = report["findings"][0]
    assert (first["id"], first["severity"]) == ("windows-native-gpu-unsupported", "error")
    assert any("built without CUDA" in e for e in first["evidence"])
    # Python 3.7 also fits 2.0, whose 'tensorflow' was the CPU package beside tensorflow-gpu.
    older = doctor(tmp_path, capsys, session.replace("3.10.10", "3.7.9"))
    assert older["findings"][0]["id"] == "cpu-only-tensorflow"
    # tensorflow-cpu named explains a CPU build in any release.
    named = doctor(tmp_path, capsys, "tensorflow-cpu 2.9.1\n" + session)
    assert named["findings"][0]["id"] == "cpu-only-tensorflow"


def test_the_placers_note_that_cuda_is_not_enabled_is_a_build_without_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # iperov/DeepFaceLab#883 (verbatim). The placer adds the last sentence only where
    # IsGoogleCudaEnabled() is false (core/common_runtime/colocation_graph.cc); in
    # kshitizrimal/deepStyle#2 installing the GPU build fixed it.
    pinned = (
        "InvalidArgumentError (see above for traceback): Cannot assign a device for operation"
        " XSeg/conv01/conv/weight: node XSeg/conv01/conv/weight (defined at C:\\Users\\Joshua"
        " Waghorn\\Documents\\DeepFaceLab_NVIDIA\\_internal\\DeepFaceLab\\core\\leras\\layers"
        "\\Conv2D.py:76) was explicitly assigned to /device:GPU:0 but available devices are [ "
        "/job:localhost/replica:0/task:0/device:CPU:0 ]. Make sure the device specification"
        " refers to a valid device. The requested device appears to be a GPU, but CUDA is not"
        " enabled.\n"
    )
    first = doctor(tmp_path, capsys, pinned)["findings"][0]
    assert (first["id"], first["severity"]) == ("cpu-only-tensorflow", "error")
    # without that sentence the build has CUDA: why it found no GPU is not said
    gpu_build = pinned.replace(
        " The requested device appears to be a GPU, but CUDA is not enabled.", ""
    )
    assert "cpu-only-tensorflow" not in [
        f["id"] for f in doctor(tmp_path, capsys, gpu_build)["findings"]
    ]


@pytest.mark.parametrize(
    ("folder", "windows_gpu_finding"),
    [
        ("AppData\\Local\\Programs\\Python\\Python36", False),
        ("DeepFaceLab\\_internal\\python-3.6.8", False),
        ("appdata\\local\\programs\\python\\python36", False),
        ("AppData\\Local\\Programs\\Python\\Python310", True),
    ],
    ids=["python-org-3.6", "bundled-3.6", "pip-lowercase-3.6", "python-org-3.10"],
)
def test_a_windows_python_folder_names_the_python_and_so_the_releases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str, windows_gpu_finding: bool
) -> None:
    # TensorFlow's traceback frame and placer error as 1.x/2.x print them (written in their
    # format). Python 3.6 had no TensorFlow after 2.6, so native Windows' lack of GPU builds
    # from 2.11 on cannot be why; Python 3.10 had 2.8 and later.
    log = (
        f'  File "C:\\Users\\me\\{folder}\\lib\\site-packages\\tensorflow\\python\\client'
        '\\session.py", line 1365, in _do_call\n'
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Cannot assign a device for"
        " operation MatMul: node MatMul was explicitly assigned to /device:GPU:0 but available"
        " devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ]. Make sure the device"
        " specification refers to a valid device.\n"
    )
    found = [f["id"] for f in doctor(tmp_path, capsys, log)["findings"]]
    assert ("windows-native-gpu-unsupported" in found) is windows_gpu_finding


@pytest.mark.parametrize(
    "log",
    [
        # tensorflow#57162 (verbatim; fixed by XLA_FLAGS=--xla_gpu_cuda_data_dir)
        '  File "lib/python3.9/site-packages/tensorflow/python/framework/ops.py", line 7164, in'
        " raise_from_not_ok_status\n"
        "    raise core._status_to_exception(e) from None  # pylint: disable=protected-access\n"
        "tensorflow.python.framework.errors_impl.UnknownError: JIT compilation failed."
        " [Op:FloorMod]\n",
        # tensorflow#57055 (verbatim)
        "error: Can't find libdevice directory ${CUDA_DIR}/nvvm/libdevice\n"
        "2022-08-09 14:54:40.390320: W tensorflow/core/framework/op_kernel.cc:1733] UNKNOWN: JIT"
        " compilation failed.\n",
        # learnMSA's README (verbatim): 2.11 on names the function first
        "tensorflow.python.framework.errors_impl.UnknownError: {{function_node"
        " __wrapped__FloorMod_device_/job:localhost/replica:0/task:0/device:GPU:0}} JIT"
        " compilation failed. [Op:FloorMod]\n",
    ],
    ids=["python-error", "after-libdevice", "function-named"],
)
def test_a_kernel_that_failed_to_jit_compile_points_at_libdevice_and_ptxas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "xla-toolchain-missing"
    assert "--xla_gpu_cuda_data_dir" in first["fix"]


# Bumblebee-Project/Bumblebee#944 (verbatim): on an Optimus laptop TensorFlow found the GPU
# only when run under optirun
DRIVER_NOT_RUNNING = (
    "2018-01-27 15:34:49.308825: E tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed"
    " call to cuInit: CUDA_ERROR_UNKNOWN\n"
    "2018-01-27 15:34:49.308894: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:145]"
    " kernel driver does not appear to be running on this host (linux-2186):"
    " /proc/driver/nvidia/version does not exist\n"
)


@pytest.mark.parametrize(
    ("flags", "laptop"),
    [
        (("--gpu", "GeForce GTX 960M"), True),
        (("--gpu", "NVIDIA GeForce RTX 3060 Laptop GPU", "--os", "linux"), True),
        (("--gpu", "GeForce GTX 1080 Ti"), False),
        (("--gpu", "GeForce GTX 960M", "--os", "windows"), False),
        (("--gpu", "GeForce 940MX"), True),
    ],
    ids=["laptop", "laptop-linux", "desktop", "laptop-windows", "laptop-940mx"],
)
def test_a_driver_not_running_on_a_laptop_gpu_says_how_to_switch_the_gpu_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], laptop: bool
) -> None:
    first = doctor(tmp_path, capsys, DRIVER_NOT_RUNNING, *flags)["findings"][0]
    assert first["id"] == "no-nvidia-driver"
    assert ("prime-select" in first["fix"]) is laptop


def test_a_laptop_whose_log_says_why_the_module_did_not_load_gets_no_switching_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Secure Boot refusing the module (modprobe's own words): that is why, and the switchable
    graphics sentence beside it only sent users to prime-select (review 65, laptops)."""
    log = "modprobe: ERROR: could not insert 'nvidia': Key was rejected by service\n"
    log += DRIVER_NOT_RUNNING
    flags = ("--gpu", "NVIDIA GeForce RTX 3060 Laptop GPU", "--os", "linux")
    first = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "no-nvidia-driver" and "Secure Boot" in first["title"]
    assert "prime-select" not in first["fix"]


def test_a_windows_log_on_a_laptop_gpu_gets_no_linux_switching_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # nvcuda.dll is the Windows driver's (written in TensorFlow's format): no --os needed
    log = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'nvcuda.dll'; dlerror: nvcuda.dll not found\n"
    )
    found = doctor(tmp_path, capsys, log, "--gpu", "GeForce GTX 960M")["findings"]
    assert not any("prime-select" in f["fix"] for f in found)


@pytest.mark.parametrize(
    "line",
    [
        # misskey-dev/misskey#8961 (verbatim, docker compose's prefix kept)
        "web_1    | Error: Error loading shared library ld-linux-x86-64.so.2: No such file or"
        " directory (needed by /misskey/packages/backend/node_modules/@tensorflow/tfjs-node/lib/"
        "napi-v8/../../deps/lib/libtensorflow.so.2)",
        # yhwang/node-red-contrib-tf-model#33 (verbatim)
        " [warn] [node-red-contrib-tf-model/tf-model] Error: Error relocating /data/node_modules/"
        "@tensorflow/tfjs-node/lib/napi-v8/../../deps/lib/libtensorflow.so.2: __memcpy_chk:"
        " symbol not found",
    ],
    ids=["loader-missing", "symbol-missing"],
)
def test_musls_loader_refusing_tensorflow_is_an_alpine_image_not_a_gpu_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    first = doctor(tmp_path, capsys, line + "\n", "--container")["findings"][0]
    assert (first["id"], first["severity"]) == ("glibc-too-old", "error")
    assert "Alpine" in first["title"] and "glibc-based" in first["fix"]
    # musl refusing another package's library (an Alpine image's sharp; written) is not ours
    sharp = (
        "Error: Error loading shared library ld-linux-x86-64.so.2: No such file or directory"
        " (needed by /app/node_modules/sharp/build/Release/sharp.node)\n"
    )
    assert "glibc-too-old" not in [f["id"] for f in doctor(tmp_path, capsys, sharp)["findings"]]
    # glibc's own loader failing on a CUDA library says nothing of the C library
    glibc = "ImportError: libcudart.so.11.0: cannot open shared object file: No such file\n"
    assert "glibc-too-old" not in [f["id"] for f in doctor(tmp_path, capsys, glibc)["findings"]]


# NVIDIA/nvidia-docker#1021 (verbatim): TensorFlow in a container on a Jetson AGX Xavier; the
# reporter fixed it by passing the /dev/nvhost-* devices and the Tegra libraries in
JETSON_CONTAINER = (
    "root@f14d48a29224:/cppflow/examples/mnist/build# ./example\n"
    "2019-07-22 19:35:15.461566: E tensorflow/stream_executor/cuda/cuda_driver.cc:300] failed"
    " call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
    "2019-07-22 19:35:15.461697: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:148]"
    " kernel driver does not appear to be running on this host (f14d48a29224):"
    " /proc/driver/nvidia/version does not exist\n"
)


@pytest.mark.parametrize(
    ("before", "gpu", "cause"),
    [
        ("", "Xavier", "container-gpu-not-exposed"),
        ("", "Tesla T4", "no-nvidia-driver"),
        # Glorot's initialiser is no board
        ("Using Xavier initialization for the dense layers\n", "Tesla T4", "no-nvidia-driver"),
        # asked for NVIDIA's runtime, as the reporter had: its mount lists passed nothing in
        (
            "$ docker run --runtime=nvidia -it cppflow:latest\n",
            "Xavier",
            "container-gpu-not-exposed",
        ),
        # asked for with --gpus (written): on a Jetson the runtime's mount lists still decide
        ("$ docker run --gpus all -it cppflow:latest\n", "Xavier", "container-gpu-not-exposed"),
    ],
    ids=["jetson", "discrete-gpu", "xavier-initialiser", "jetson-runtime-asked", "jetson-gpus"],
)
def test_a_jetson_has_no_proc_driver_nvidia_so_its_container_lacks_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: str, gpu: str, cause: str
) -> None:
    # A discrete GPU's driver makes /proc/driver/nvidia, which every container sees: its
    # absence is the host's. A Jetson's (nvgpu) never makes it.
    log = before + JETSON_CONTAINER
    first = doctor(tmp_path, capsys, log, "--container", "--gpu", gpu)["findings"][0]
    assert first["id"] == cause
    assert ("--runtime nvidia" in first["fix"]) is (gpu == "Xavier")
    if "docker run" in before:
        assert "host-files-for-container.d" in first["fix"]


def test_a_probed_jetson_kernel_reads_the_missing_proc_driver_nvidia_as_the_jetsons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Inside a Jetson container the probe sees an L4T kernel and no GPU: the same lines mean a
    # container without NVIDIA's runtime, not a host without a driver
    facts = {
        "platform": {
            "os": "linux",
            "arch": "aarch64",
            "kernel": "4.9.253-tegra",
            "container": True,
            "container_evidence": ["/.dockerenv"],
            "source": "probe",
        },
        "unknown": ["glibc", "pythons", "driver", "gpus", "cuda", "cudnn", "target_env", "libcuda"],
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
    }
    (tmp_path / "host.json").write_text(json.dumps(facts), encoding="utf-8")
    (tmp_path / "run.log").write_text(JETSON_CONTAINER, encoding="utf-8")
    main(
        [
            "doctor",
            "--log",
            str(tmp_path / "run.log"),
            "--facts",
            str(tmp_path / "host.json"),
            "--json",
        ]
    )
    found = json.loads(capsys.readouterr().out)["findings"]
    assert (found[0]["id"], found[0]["severity"]) == ("container-gpu-not-exposed", "error")
    driver = next(f for f in found if f["id"] == "no-nvidia-driver")
    assert driver["severity"] == "warning"
    assert any("Jetson (4.9.253-tegra)" in e for e in driver["evidence"])


def test_a_rocm_build_is_not_told_to_install_cuda_tools_or_a_cuda_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tensorflow#79798's ROCm executor line (verbatim) with TensorFlow's kernel JIT failure and
    # the placer's note (written in their formats): a ROCm build has no CUDA either
    rocm = (
        "2024-11-11 20:01:53.766866: I external/local_xla/xla/stream_executor/rocm/"
        "rocm_executor.cc:926] successful NUMA node read from SysFS had negative value (-1), but"
        " there must be at least one NUMA node, so returning NUMA node zero.\n"
    )
    jit = "W tensorflow/core/framework/op_kernel.cc:1827] UNKNOWN: JIT compilation failed.\n"
    first = doctor(tmp_path, capsys, rocm + jit)["findings"][0]
    assert first["id"] == "xla-toolchain-missing"
    assert "ROCM_PATH" in first["fix"] and "nvcc" not in first["fix"]
    placed = (
        "InvalidArgumentError: Cannot assign a device for operation MatMul: node MatMul was"
        " explicitly assigned to /device:GPU:0 but available devices are [ /job:localhost/"
        "replica:0/task:0/device:CPU:0 ]. Make sure the device specification refers to a valid"
        " device. The requested device appears to be a GPU, but CUDA is not enabled.\n"
    )
    ids = [f["id"] for f in doctor(tmp_path, capsys, rocm + placed)["findings"]]
    assert "cpu-only-tensorflow" not in ids


# tensorflow#2773 (verbatim; the same reporter's #3263 was fixed by linking libcuda.1.dylib)
MACOS_CRASH = (
    "I tensorflow/stream_executor/dso_loader.cc:108] successfully opened CUDA library"
    " libcublas.7.5.dylib locally\n"
    "I tensorflow/stream_executor/dso_loader.cc:108] successfully opened CUDA library"
    " libcudnn.5.dylib locally\n"
    "I tensorflow/stream_executor/dso_loader.cc:108] successfully opened CUDA library"
    " libcufft.7.5.dylib locally\n"
    "Segmentation fault: 11\n"
)


def test_a_macos_crash_after_cufft_is_the_driver_library_tensorflow_opens_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = doctor(tmp_path, capsys, MACOS_CRASH)["findings"][0]
    assert first["id"] == "cuda-libs-not-found"
    assert "libcuda.1.dylib" in first["fix"]
    # all five opened before the crash (tensorflow#2840): not the driver library's name
    later = MACOS_CRASH.replace(
        "Segmentation fault: 11\n",
        "I tensorflow/stream_executor/dso_loader.cc:108] successfully opened CUDA library"
        " libcuda.dylib locally\nSegmentation fault: 11\n",
    )
    assert not any(
        "libcuda.1.dylib" in f["fix"] for f in doctor(tmp_path, capsys, later)["findings"]
    )


def test_tensorflows_cuda_code_on_os_x_is_a_mac_with_cuda_not_a_linux_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorFlow 0.x's CUDA diagnostics on a Mac (tensorflow#4858's lines, written in their
    # format): macOS numbers its CUDA driver its own way, and this build has CUDA
    log = (
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:143] libcuda reported version is:"
        " 346.3.6\n"
        "I tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:820] OS X does not support NUMA -"
        " returning NUMA node zero\n"
    )
    ids = [f["id"] for f in doctor(tmp_path, capsys, log)["findings"]]
    assert "driver-too-old" not in ids and "macos-no-cuda" not in ids


def test_the_legacy_nvidia_runtime_on_an_image_without_its_variable_passes_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --runtime=nvidia passes the GPU only to images that set NVIDIA_VISIBLE_DEVICES (CUDA's
    # and TensorFlow's -gpu images do, python:3.10 does not). Written in the tools' formats.
    log = (
        "$ docker run --runtime=nvidia -it --rm python:3.10 bash\n"
        "2024-01-10 09:12:05.311458: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:274] failed call to cuInit: UNKNOWN ERROR (303)\n"
        "2024-01-10 09:12:05.311622: I external/local_xla/xla/stream_executor/cuda/"
        "cuda_diagnostics.cc:163] kernel reported version is: NOT_FOUND: could not find kernel"
        ' module information in driver version file contents: "/proc/driver/nvidia/version does'
        ' not exist"\n'
    )
    first = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")


def test_jetpack_6_nvidia_smi_names_the_gpu_by_its_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # JetPack 6's nvidia-smi row (written in its format) under the nvidia-docker#1021 lines
    log = "|   0  Orin (nvgpu)                  N/A  | N/A              N/A |\n" + JETSON_CONTAINER
    first = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert "--runtime nvidia" in first["fix"]


@pytest.mark.parametrize(
    ("line", "what"),
    [
        (
            "      and tensorflow>=2.17.0 has no wheels with a matching platform tag (e.g.,"
            " `macosx_14_0_x86_64`), we can conclude that tensorflow>=2.17.0 cannot be used.",
            "for this platform",
        ),
        (
            "  ╰─▶ Because tensorflow>=2.14.0,<=2.15.1 has no wheels with a matching Python ABI"
            " tag (e.g., `cp313`) and you require tensorflow>=2.14.0,<=2.15.1, we can conclude"
            " that your requirements are unsatisfiable.",
            "for this Python",
        ),
    ],
    ids=["platform-tag", "compound-range"],
)
def test_uvs_missing_wheel_says_whether_the_python_or_the_platform_lacks_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, what: str
) -> None:
    # uv's resolver wordings (written in its format): the tag it names is the one that failed
    first = doctor(tmp_path, capsys, line + "\n")["findings"][0]
    assert first["id"] == "python-unsupported"
    assert what in first["title"]


@pytest.mark.parametrize(
    "tail",
    [
        "\nSegmentation fault: 11\n",
        "zsh: segmentation fault  python -c 'import tensorflow'\n",
    ],
    ids=["blank-line-first", "zsh"],
)
def test_a_macos_crash_after_cufft_is_read_in_the_shells_other_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tail: str
) -> None:
    log = MACOS_CRASH.replace("Segmentation fault: 11\n", tail)
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "cuda-libs-not-found"


def test_the_loader_saying_it_could_not_open_libcuda_1_dylib_gets_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TF 0.x's loader on a Mac (written in its format; tensorflow#2940 quotes the same line)
    line = (
        "I tensorflow/stream_executor/dso_loader.cc:102] Couldn't open CUDA library"
        " libcuda.1.dylib. LD_LIBRARY_PATH: /usr/local/cuda/lib\n"
    )
    first = doctor(tmp_path, capsys, line)["findings"][0]
    assert first["id"] == "cuda-libs-not-found"
    assert "ln -s" in first["fix"]


def test_a_cuda_folder_listing_without_libcuda_1_dylib_gets_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#3263 (verbatim lines): 'ls -l' of the CUDA folder on a Mac shows the driver's
    libcuda.dylib and no libcuda.1.dylib, which 'ls' would have listed first."""
    listing = (
        "$ ls -l /usr/local/cuda/lib/libcud*\n"
        "-rwxr-xr-x  1 root     wheel      8280 Apr 13 02:02 /usr/local/cuda/lib/libcuda.dylib\n"
        "lrwxr-xr-x  1 root     wheel        50 Apr 13 02:03 /usr/local/cuda/lib/"
        "libcudart.7.5.dylib -> /Developer/NVIDIA/CUDA-7.5/lib/libcudart.7.5.dylib\n"
    )
    first = doctor(tmp_path, capsys, listing, "--os", "macos")["findings"][0]
    assert first["id"] == "cuda-libs-not-found" and "ln -s" in first["fix"]
    # the link already there (tensorflow#6693's listing after the fix): nothing to name
    linked = listing.replace(
        "$ ls -l /usr/local/cuda/lib/libcud*\n",
        "$ ls -l /usr/local/cuda/lib/libcud*\nlrwxr-xr-x  1 root  wheel  45 Apr 13 02:03"
        " /usr/local/cuda/lib/libcuda.1.dylib -> /usr/local/cuda/lib/libcuda.dylib\n",
    )
    found = doctor(tmp_path, capsys, linked, "--os", "macos")["findings"]
    assert "cuda-libs-not-found" not in {f["id"] for f in found}


def test_a_notebook_without_tensorflow_is_not_installed_unless_installed_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/Breta01/handwriting-ocr/issues/40 (settled: not installed) and
    # tensorflow#25558: a kernel's 'No module' alone shows no TensorFlow anywhere else, so the
    # fix names the kernel to check rather than blaming another Python.
    notebook = (
        "ImportError                               Traceback (most recent call last)\n"
        "<ipython-input-7-7f6e5ebe327b> in <module>()\n"
        "----> 1 import tensorflow as tf\n"
        "ImportError: No module named 'tensorflow'\n"
    )
    alone = doctor(tmp_path, capsys, notebook)["findings"][0]
    assert alone["id"] == "tensorflow-not-installed" and "kernel" in alone["fix"]
    installed = "$ pip install tensorflow\nSuccessfully installed tensorflow-2.4.0\n" + notebook
    assert doctor(tmp_path, capsys, installed)["findings"][0]["id"] == "wrong-python-environment"
    # (review 47) a listing of the shell's environment, or two pythons answering
    for shown in (
        "(tf) $ pip list | grep tensorflow\ntensorflow                   2.13.1\n",
        '(tf) $ python -c "import tensorflow as tf; print(tf.__version__)"\n2.15.0\n'
        "(tf) $ which python\n/home/a/miniconda3/envs/tf/bin/python\n"
        "In [1]: import sys; print(sys.executable)\n/usr/bin/python3\n",
    ):
        found = doctor(tmp_path, capsys, shown + notebook)["findings"][0]
        assert found["id"] == "wrong-python-environment", shown
    # pip's own words while it uninstalls TensorFlow are no listing of it installed
    removed = (
        "$ pip uninstall tensorflow\nFound existing installation: tensorflow 2.4.1\n"
        "Uninstalling tensorflow-2.4.1:\n  Successfully uninstalled tensorflow-2.4.1\n"
    )
    assert doctor(tmp_path, capsys, removed + notebook)["findings"][0]["id"] == (
        "tensorflow-not-installed"
    )


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        (
            ">>> tf.test.is_built_with_cuda()\nFalse\n>>> tf.config.list_physical_devices('GPU')"
            "\n[]\n",
            "cpu-only-tensorflow",
        ),
        ("Successfully installed tensorflow-2.10.0 tensorflow-gpu-2.9.1\n", None),
        (
            # https://github.com/deepfakes/faceswap/issues/811: conda's CPU (mkl) variant
            "# Name                    Version                   Build  Channel\n"
            "_tflow_select             2.3.0                       mkl\n",
            "cpu-only-tensorflow",
        ),
        (
            # https://github.com/bioconda/bioconda-recipes/pull/41417: conda-forge's CPU variant
            # (its CUDA builds are cudaXXXpy...: conda-forge.org/docs/user/cuda)
            "tensorflow                2.10.0          cpu_py310hd1aba9c_0    conda-forge\n",
            "cpu-only-tensorflow",
        ),
        (
            # nvidia-smi's header and nvcc's release line, as reports paste them: the driver
            # (CUDA 11.4) is too old for TensorFlow 2.15's CUDA 12
            "| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |\n"
            "Name: tensorflow\nVersion: 2.15.0\n",
            "driver-too-old",
        ),
    ],
    ids=[
        "built-without-cuda",
        "two-distributions-on-one-line",
        "conda-mkl",
        "conda-forge-cpu",
        "nvidia-smi",
    ],
)
def test_what_the_user_printed_is_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, cause: str | None
) -> None:
    ids = [f["id"] for f in doctor(tmp_path, capsys, log)["findings"]]
    if cause is None:
        assert "multiple-tensorflow-distributions" in ids
    else:
        assert ids[0] == cause


def test_a_version_printed_by_a_command_is_the_release_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        'C:\\Users\\me>python -c "import tensorflow as tf; print(tf.__version__);'
        " print(tf.config.list_physical_devices('GPU'))\"\n2.15.0\n[]\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == (
        "windows-native-gpu-unsupported",
        "error",
    )


def test_a_gpu_name_the_table_cannot_settle_leaves_the_capability_to_confirm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/42309: 'GT 710' was sold as Fermi and
    # Kepler; the doctor carries on and asks for the compute capability.
    log = "Could not load dynamic library 'libcudnn.so.7'\n"
    flags = ("--tf", "2.3.0", "--cudnn", "8.0.2", "--gpu", "nVidia GeForce GT 710")
    doc = doctor(tmp_path, capsys, log, *flags)
    assert doc["findings"][0]["id"] == "cudnn-version-mismatch"
    assert all(f["id"] != "compute-capability-unsupported" for f in doc["findings"])


def test_a_series_and_a_bare_major_are_not_taken_as_their_newest_and_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/28940 states TF 2.0, Python 2.7 and
    # cuDNN "7": 2.0.0 took Python 2.7 (2.0.4 does not), and "7" says nothing of the minor.
    log = "Epoch 1/10\n"
    flags = ("--os", "linux", "--tf", "2.0", "--python", "2.7", "--cuda-toolkit", "10.0")
    doc = doctor(tmp_path, capsys, log, *flags, "--cudnn", "7")
    assert doc["findings"] == []
    # A stated patch release is judged as it is, and a full cuDNN version by its minor.
    doc = doctor(tmp_path, capsys, log, *flags[:3], "2.0.4", *flags[4:], "--cudnn", "7.0")
    found = {f["id"]: f["severity"] for f in doc["findings"]}
    # (2.0.4 has no wheel for Python 2.7: the one installed there is another build, or runs
    # under another Python, which the warning asks to check)
    assert found == {"python-unsupported": "warning", "cudnn-version-mismatch": "error"}


def test_an_empty_device_map_beside_cuda_lines_is_not_a_cpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "Device mapping: no known devices.\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:300] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE\n"
    )
    ids = [f["id"] for f in doctor(tmp_path, capsys, log)["findings"]]
    assert "cpu-only-tensorflow" not in ids


def test_a_toolkit_the_driver_runs_by_minor_version_compatibility_is_no_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CUDA 11.8 on a driver that reports CUDA 11.4: same major, so it runs.
    log = "failed call to cuInit: CUDA_ERROR_UNKNOWN: unknown error\n"
    flags = ("--os", "linux", "--driver", "470.82.01", "--cuda-toolkit", "11.8")
    ids = [f["id"] for f in doctor(tmp_path, capsys, log, *flags)["findings"]]
    assert ids[0] == "no-nvidia-driver" and "driver-too-old" not in ids


def test_html_entities_of_a_pasted_log_read_as_the_characters_tensorflow_printed() -> None:
    from tfgpu_setup.diagnose.paste import unwrap

    pasted = "Could not load dynamic library &#39;libcudnn.so.8&#39;; dlerror: &quot;x&quot;"
    assert unwrap(pasted) == "Could not load dynamic library 'libcudnn.so.8'; dlerror: \"x\""


def test_a_backtick_a_markdown_paste_put_inside_a_word_is_read_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow/serving#1316 (verbatim): the inline-code mark landed after the first letter
    of 'ImportError'; the library it names is what failed."""
    log = (
        "Gives  error - I`mportError: libcublas.so.9.0: cannot open shared object file: No such"
        " file or directory`\n"
    )
    ids = [f["id"] for f in doctor(tmp_path, capsys, log)["findings"]]
    assert "cuda-libs-not-found" in ids
    # a backtick before a word, as glibc's quotes put it, stays
    from tfgpu_setup.diagnose.paste import unwrap

    quoted = "libstdc++.so.6: version `GLIBCXX_3.4.22' not found"
    assert unwrap(quoted) == quoted


def test_a_handle_failure_with_most_memory_free_is_not_called_out_of_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # XLA's cuda_dnn.cc (TensorFlow >= 2.15 shares it) as jax-ml/jax#19768 shows it: 42 GB of
    # 42.5 GB free and a 470 driver, older than TF 2.16's CUDA 12 needs.
    lines = (
        "E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:474] Could not create cudnn"
        " handle: CUDNN_STATUS_NOT_INITIALIZED\n"
        "E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:478] Memory usage: {free}"
        " bytes free, 42505273344 bytes total.\n"
    )
    driver = (
        "E external/local_xla/xla/stream_executor/cuda/cuda_dnn.cc:488] Possibly insufficient"
        " driver version: 470.182.3\n"
    )
    doc = doctor(tmp_path, capsys, lines.format(free=42069065728) + driver, "--tf", "2.16")
    found = {f["id"]: f["severity"] for f in doc["findings"]}
    assert doc["findings"][0]["id"] == "driver-too-old"
    assert found["gpu-out-of-memory"] == "warning"
    # without a driver to blame, what it says is not memory either, nor is its fix memory
    # growth first (review 63, c19b)
    doc = doctor(tmp_path, capsys, lines.format(free=42069065728), "--tf", "2.16")
    first = doc["findings"][0]
    assert first["title"].startswith("A cuDNN or cuBLAS handle") and "not memory" in first["title"]
    assert first["fix"].startswith("Find which cuDNN")
    # With the memory really gone, memory stays the cause.
    doc = doctor(tmp_path, capsys, lines.format(free=12286464), "--tf", "2.16")
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == (
        "gpu-out-of-memory",
        "error",
    )


def test_tensorflow_suspecting_the_driver_makes_an_old_driver_for_the_cuda_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TF's own wording (nanoporetech/medaka#236 shows it): a 418 driver runs CUDA 10.1 at
    # most, and the CUDA installed is 10.2.
    log = (
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:328] Could not create cudnn handle:"
        " CUDNN_STATUS_NOT_INITIALIZED\n"
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:336] Possibly insufficient driver version:"
        " 418.87.0\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "10.2")
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == ("driver-too-old", "error")
    # Without TensorFlow's suspicion, and no line of CUDA failing to start, it is a warning.
    quiet = doctor(
        tmp_path, capsys, "Epoch 1/10\n", "--driver", "418.87.01", "--cuda-toolkit", "10.2"
    )
    assert {f["id"]: f["severity"] for f in quiet["findings"]}.get("driver-too-old") == "warning"


def test_a_defect_of_the_linux_cuda_wheels_is_not_named_on_another_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "W tensorflow/core/common_runtime/gpu/gpu_device.cc:2256] Cannot dlopen some GPU"
        " libraries. Please make sure the missing libraries mentioned above are installed"
        " properly if you would like to use GPU.\n"
    )
    on_linux = doctor(tmp_path, capsys, log, "--tf", "2.16.1", "--os", "linux")
    assert on_linux["findings"][0]["id"] == "pip-cuda-libs-not-on-path"
    on_windows = doctor(tmp_path, capsys, log, "--tf", "2.16.1", "--os", "windows")
    assert "pip-cuda-libs-not-on-path" not in [f["id"] for f in on_windows["findings"]]
    # no native Windows build from 2.11 has the GPU code that wrote the line (review 20): it ran
    # in Linux, whatever the statement
    assert on_windows["findings"][0]["id"] == "cuda-libs-not-found"


PASTED_FIXTURES = [
    "cudnn-mismatch-old-format-7201.log",
    "gtx970-below-minimum-cc.log",
    "kernel-dso-mismatch-352-361.log",
    "windows-cudart64-110-missing.log",
    "works-gtx1080ti-onednn-guard.log",
]


def _word_wrapped(text: str) -> str:
    """As a mail client or an editor sends it: lines folded at spaces to 72 columns."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, 72, break_on_hyphens=False)) for line in text.splitlines()
    )


def _console_cut(text: str) -> str:
    """As copied out of an 80-column console: every line cut at the edge, mid-word or not."""
    return "\n".join(
        "\n".join(line[i : i + 80] for i in range(0, max(len(line), 1), 80))
        for line in text.splitlines()
    )


def _with_line_numbers(text: str) -> str:
    """As copied out of an editor's gutter or 'cat -n': each line after its number."""
    return "\n".join(f"{n:>6}\t{line}" for n, line in enumerate(text.splitlines(), start=1))


def _compose_logs(text: str) -> str:
    """As 'docker compose logs' passes it on: the service's name before every line."""
    return "\n".join(f"trainer_1  | {line}" for line in text.splitlines())


def _kubectl_logs(text: str) -> str:
    """As 'kubectl logs --timestamps' passes it on: an RFC 3339 time before every line."""
    return "\n".join(
        f"2026-11-30T12:00:0{n % 10}.{n:09d}Z {line}" for n, line in enumerate(text.splitlines())
    )


def _numbered_view(text: str) -> str:
    """As copied out of a numbered code view: 'N | line', from wherever the selection began."""
    return "\n".join(f"{n} | {line}" for n, line in enumerate(text.splitlines(), start=37))


def _line_breaks_lost(text: str) -> str:
    """As a web page's paragraph or a chat message keeps it: every line break a space."""
    return " ".join(text.splitlines())


def _double_spaced(text: str) -> str:
    """As some pages and chat apps copy a wrapped log: a blank line after every line."""
    return "\n\n".join(_word_wrapped(text).splitlines())


def _cut_with_spaces_after(text: str) -> str:
    """As a console cut it and a copy padded every line with spaces to the console's width."""
    return "\n".join(line + "   " for line in _console_cut(text).splitlines())


@pytest.mark.parametrize("fixture", PASTED_FIXTURES)
@pytest.mark.parametrize(
    "pasted",
    [
        _word_wrapped,
        _console_cut,
        _with_line_numbers,
        _numbered_view,
        _compose_logs,
        _kubectl_logs,
        _line_breaks_lost,
        _double_spaced,
        _cut_with_spaces_after,
    ],
)
def test_a_log_wrapped_or_cut_on_its_way_reads_as_printed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fixture: str,
    pasted: Callable[[str], str],
) -> None:
    text = (Path(__file__).parent / "fixtures" / "logs" / fixture).read_text(encoding="utf-8")
    as_printed = doctor(tmp_path, capsys, text)
    as_pasted = doctor(tmp_path, capsys, pasted(text))
    assert [f["id"] for f in as_pasted["findings"]] == [f["id"] for f in as_printed["findings"]]
    assert as_pasted["gpu_used"] == as_printed["gpu_used"]


def test_a_transformers_without_tf_classes_is_not_a_missing_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # transformers 5.17.0's own output (review 15): it has no TensorFlow classes at all, so a
    # failed import of one says nothing about TensorFlow
    log = (
        "ImportError: cannot import name 'TFAutoModel' from 'transformers'"
        " (/usr/lib/python3.12/site-packages/transformers/__init__.py)\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert "tensorflow-not-installed" not in {f["id"] for f in doc["findings"]}


def test_a_cudnn_status_is_read_without_the_timestamp_a_paste_glued_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/Zong-Xi/Deep-Learning-env-setup/blob/HEAD/TensorFlow_gpu_problem.md:
    # as pasted there, the next record's timestamp runs into the status
    glued = (
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:329] Could not create cudnn handle:"
        " CUDNN_STATUS_{status}2020-01-16 00:25:55.901231: \n"
    )
    internal = doctor(tmp_path, capsys, glued.format(status="INTERNAL_ERROR"))["findings"][0]
    assert "CUDNN_STATUS_INTERNAL_ERROR)" in internal["title"]
    # an allocation that failed is memory, said so, whatever follows it
    alloc = doctor(tmp_path, capsys, glued.format(status="ALLOC_FAILED"), "--cudnn", "7.6")
    assert alloc["findings"][0]["id"] == "gpu-out-of-memory"
    assert "CUDNN_STATUS_ALLOC_FAILED)" in alloc["findings"][0]["title"]


def test_tensorflow_1x_opening_cupti_is_a_traced_run_that_needs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/CARTE-Toronto/alliance-docs-mcp/blob/HEAD/docs/pages/General/TensorFlow.md
    # (a copy of the Alliance wiki's page, verbatim): "Some tracing features of Tensorflow
    # require libcupti.so", fixed by putting extras/CUPTI/lib64 on LD_LIBRARY_PATH. TF 1.x
    # looked CUPTI up only for a traced run, unlike 2.x's profiler note (a benign line)
    line = (
        "I tensorflow/stream_executor/dso_loader.cc:142] Couldn't open CUDA library"
        " libcupti.so.9.0. LD_LIBRARY_PATH: /usr/local/cuda-9.0/lib64\n"
    )
    top = doctor(tmp_path, capsys, line)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "warning")
    assert "extras/CUPTI/lib64" in top["fix"]
    # the run then aborts for CUPTI: cupti_wrapper.cc's check (written in its format by
    # review 15), or the loader's status (google/seq2seq#336, verbatim)
    aborted = (
        "F tensorflow/core/platform/default/gpu/cupti_wrapper.cc:59] Check failed:"
        " ::tensorflow::Status::OK() == (::tensorflow::Env::Default()->GetSymbolFromLibrary("
        " GetDsoHandle(), kName, &f)) (OK vs. Not found: could not find"
        " cuptiActivityRegisterCallbacksin libcupti DSO; dlerror: libcupti.so.9.0: cannot open"
        " shared object file: No such file or directory)\nAborted (core dumped)\n"
    )
    status = (
        "2018-10-07 12:40:45.846370: F tensorflow/stream_executor/lib/statusor.cc:34] Attempting"
        " to fetch value instead of handling error Failed precondition: could not dlopen DSO:"
        " libcupti.so.9.0; dlerror: libcupti.so.9.0: cannot open shared object file: No such"
        " file or directory\n"
    )
    for abort in (aborted, status):
        traced = doctor(tmp_path, capsys, line + abort)["findings"][0]
        assert (traced["id"], traced["severity"]) == ("cuda-libs-not-found", "error")
    # Windows' wording names its DLL (tensorflow#6235)
    windows = line.replace(
        "libcupti.so.9.0. LD_LIBRARY_PATH: /usr/local/cuda-9.0/lib64", "cupti64_80.dll"
    )
    top = doctor(tmp_path, capsys, windows)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "warning")
    assert "libx64" in top["fix"]
    # beside a library TensorFlow needs, that one is the cause
    cudnn = line.replace("libcupti.so.9.0", "libcudnn.so.7")
    assert doctor(tmp_path, capsys, line + cudnn)["findings"][0]["id"] == "cudnn-not-found"


def test_the_1x_windows_self_check_is_not_judged_as_a_2x_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/alperyazar/www/blob/HEAD/src/_posts/2018-02-10-tensorflow-nvidia-keras-kurulumu.md
    # (verbatim): tensorflow_self_check.py under TensorFlow 1.4; installing cuDNN fixed it
    log = (
        "- Could not load 'cudnn64_5.dll'. The GPU version of TensorFlow\n"
        "  requires that this DLL be installed in a directory that is named in\n"
        "  your %PATH% environment variable.\n\n- Could not find cuDNN.\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "cudnn-not-found"
    assert not [e for e in top["evidence"] if "TensorFlow 2." in e]


def test_a_gpu_among_the_registered_devices_is_a_gpu_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/44281 (verbatim): MirroredStrategy on
    # native Windows, whose TensorFlow has a GPU but no NCCL
    log = (
        "No OpKernel was registered to support Op 'NcclAllReduce' used by {{node NcclAllReduce}}"
        ' with these attrs: [reduction="sum", shared_name="c1", T=DT_FLOAT, num_devices=2]\n'
        "Registered devices: [CPU, GPU, XLA_CPU, XLA_GPU]\n"
        "Registered kernels:\n  <no registered kernels>\n"
        '  File "C:\\dev\\github\\dist_mnist\\run.py", line 74, in <module>\n'
    )
    doc = doctor(tmp_path, capsys, log)
    assert doc["gpu_used"] == "yes"
    assert not [f for f in doc["findings"] if f["severity"] == "error"]
    # XLA's device alone is no GPU TensorFlow registered
    xla_only = doctor(
        tmp_path, capsys, log.replace("[CPU, GPU, XLA_CPU, XLA_GPU]", "[CPU, XLA_CPU, XLA_GPU]")
    )
    assert xla_only["gpu_used"] != "yes"


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        # https://github.com/ROCm/legacy-rocm-build/issues/1852 (verbatim): ROCm's runtime was
        # not installed where tensorflow-rocm's import looked
        (
            "ImportError: libhsa-runtime64.so.1: cannot open shared object file: No such file"
            " or directory\n",
            "cuda-libs-not-found",
        ),
        # https://github.com/ROCm/legacy-rocm-build/issues/1163 (verbatim, cut as posted)
        (
            "Attempting to fetch value instead of handling error Failed precondition: Could not"
            " load dynamic library 'libhip_hcc.so'; dlerror: libhip_hcc.so: cannot open shared"
            " object file: No such file or directo\n",
            "cuda-libs-not-found",
        ),
        # https://github.com/ROCm/tensorflow-upstream/issues/225 (verbatim): a gfx701 card
        (
            "Ignoring visible gpu device with AMDGPU ISA gfx 701. The minimum required AMDGPU"
            " ISA is gfx803.\n",
            "compute-capability-unsupported",
        ),
    ],
)
def test_tensorflow_rocms_own_failures_are_read_as_rocms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, cause: str
) -> None:
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert top["id"] == cause
    assert "ROCm" in top["title"] or "rocm" in top["title"]


def test_an_amd_gpu_is_no_cause_where_the_log_is_tensorflow_rocms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/ROCm/tensorflow-upstream/issues/1951 (verbatim): the RX 6600 XT's
    # gfx1032 is not among the build's; 'not an NVIDIA GPU' is not the problem there
    log = (
        "2022-12-21 09:16:33.582542: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1990]"
        " Ignoring visible gpu device (device: 0, name: AMD Radeon RX 6600 XT, pci bus id:"
        " 0000:0c:00.0) with AMDGPU version : gfx1032. The supported AMDGPU versions are"
        " gfx1030, gfx900, gfx906, gfx908, gfx90a.\n"
        "2022-12-21 09:16:35.013263: I tensorflow/core/common_runtime/gpu_fusion_pass.cc:507]"
        " ROCm Fusion is enabled.\n"
    )
    stated = ("--os", "linux", "--gpu", "AMD Radeon RX 6600 XT")
    doc = doctor(tmp_path, capsys, log, *stated)
    assert doc["findings"][0]["id"] == "compute-capability-unsupported"
    assert "no-nvidia-gpu" not in {f["id"] for f in doc["findings"] if f["severity"] == "error"}
    # a note, as on DirectML's route: the AMD GPU is what that build runs on (review 82)
    assert {f["severity"] for f in doc["findings"] if f["id"] == "no-nvidia-gpu"} <= {"info"}
    # the same AMD GPU under a CUDA build is the cause
    cuda_build = doctor(tmp_path, capsys, "Epoch 1/10\n", *stated)
    assert cuda_build["findings"][0]["id"] == "no-nvidia-gpu"
    # and pip naming tensorflow-rocm it found no wheel for is no ROCm build at work (review 15)
    refused = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow-rocm (from"
        " versions: none)\nERROR: No matching distribution found for tensorflow-rocm\n"
    )
    on_windows = doctor(
        tmp_path, capsys, refused, "--os", "windows", "--gpu", "AMD Radeon RX 6700 XT"
    )
    assert "no-nvidia-gpu" in {f["id"] for f in on_windows["findings"] if f["severity"] == "error"}
    # tensorflow-rocm at work where the GPU is an NVIDIA one: the wrong build (review 15)
    amd_runtime = "ImportError: libamdhip64.so.5: cannot open shared object file: No such file\n"
    nvidia = doctor(
        tmp_path, capsys, amd_runtime, "--os", "linux", "--gpu", "NVIDIA GeForce RTX 3080"
    )
    assert nvidia["findings"][0]["id"] == "cpu-only-tensorflow"
    assert "ROCm build" in nvidia["findings"][0]["title"]
    # beside a line naming the AMD GPU the build weighed, both vendors are there: the wrong
    # build is only likely, and the NVIDIA GPU is the one the evidence names (review 16)
    both = doctor(tmp_path, capsys, log, "--os", "linux", "--gpu", "rx6800", "--gpu", "RTX 3090")
    wrong_build = next(f for f in both["findings"] if f["id"] == "cpu-only-tensorflow")
    assert wrong_build["severity"] == "warning"
    assert both["findings"][0]["id"] == "compute-capability-unsupported"
    assert any("RTX 3090" in e for e in wrong_build["evidence"])
    # a GPU name nobody recognises ('rx580') is no NVIDIA GPU to judge the build against
    unknown = doctor(tmp_path, capsys, amd_runtime, "--os", "linux", "--gpu", "rx580")
    assert unknown["findings"][0]["id"] == "cuda-libs-not-found"


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/home-assistant/core/issues/18435 (verbatim): a Proxmox VM whose
        # CPU type hid SSE4.1; 'host' fixed it
        "The TensorFlow library was compiled to use SSE4.1 instructions, but these aren’t"
        " available on your machine.\n",
        # https://github.com/MatthewBCooke/BirdNET-Pi/issues/6 (verbatim): the same on Proxmox
        "/home/pi/BirdNET-Pi/birdnet/bin/python3 /usr/local/bin/server.py\nillegal instruction\n",
    ],
)
def test_a_cpu_hiding_its_instructions_in_a_vm_is_told_to_pass_the_host_cpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "cpu-lacks-avx"
    assert "CPU type 'host'" in top["fix"]


def test_a_build_asking_for_more_than_avx_is_named_for_what_it_asks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/45744: 2.4.0's wheels were built with AVX2
    crash = ">>> import tensorflow as tf\nIllegal instruction (core dumped)\n"
    on_2_4_0 = doctor(tmp_path, capsys, crash, "--tf", "2.4.0")["findings"][0]
    assert on_2_4_0["id"] == "cpu-lacks-avx" and "AVX2" in on_2_4_0["title"]
    assert "2.4.1" in on_2_4_0["fix"]
    on_2_4_1 = doctor(tmp_path, capsys, crash, "--tf", "2.4.1")["findings"][0]
    assert on_2_4_1["id"] == "cpu-lacks-avx" and "AVX2" not in on_2_4_1["title"]
    # https://github.com/yaroslavvb/tensorflow-community-wheels/issues/64: a community build
    guard = (
        "The TensorFlow library was compiled to use AVX512F instructions, but these aren't"
        " available on your machine.\n"
    )
    community = doctor(tmp_path, capsys, guard)["findings"][0]
    assert community["id"] == "cpu-lacks-avx" and "AVX512F" in community["title"]


def test_an_old_pip_is_named_where_its_version_or_its_list_shows_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/GeekAlexis/FastMOT/issues/8: the list stops before manylinux2010
    listed = (
        "  Could not find a version that satisfies the requirement tensorflow==1.15.2 (from"
        " versions: 0.12.1, 1.0.0, 1.13.2, 1.14.0rc0, 1.14.0, 2.0.0a0, 2.0.0b0, 2.0.0b1)\n"
        "No matching distribution found for tensorflow==1.15.2\n"
    )
    found = doctor(tmp_path, capsys, listed, "--python", "3.6")["findings"][0]
    assert found["id"] == "python-unsupported" and "upgrade pip" in found["fix"]
    # pip's own notice is no proof: Windows and macOS wheels need no manylinux tag
    noticed = (
        "ERROR: No matching distribution found for tensorflow\n"
        "WARNING: You are using pip version 18.1, however version 20.0.2 is available.\n"
    )
    assert "upgrade pip" not in doctor(tmp_path, capsys, noticed)["findings"][0]["fix"]
    current = "ERROR: No matching distribution found for tensorflow\n"
    assert "upgrade pip" not in doctor(tmp_path, capsys, current)["findings"][0]["fix"]


def test_cuda_shut_down_under_a_polled_event_shows_the_gpu_ran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/8517: a crash at exit, after the work
    log = (
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:1110] failed to query event:"
        " CUDA_ERROR_DEINITIALIZED\n"
        "F tensorflow/core/common_runtime/gpu/gpu_event_mgr.cc:198] Unexpected Event status: 1\n"
    )
    found = doctor(tmp_path, capsys, log)
    assert found["gpu_used"] == "yes"
    assert [f["id"] for f in found["findings"]] == ["benign-log-noise"]


def test_the_facts_pasted_check_commands_show_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pasted = (
        "$ nvidia-smi -q\n"
        "Driver Version                            : 510.06\n"
        "CUDA Version                              : 11.6\n"
        "    Product Name                          : NVIDIA GeForce RTX 3080\n"
        "$ nvidia-smi -L\n"
        "GPU 1: NVIDIA GeForce RTX 3090 (UUID: GPU-5f1e4c2a-1111-2222-3333-444455556666)\n"
        "$ pip freeze | grep nvidia\nnvidia-cudnn-cu12==9.1.0.70\n"
        "$ uname -a\n"
        "Linux box 5.15.0-91-generic #101-Ubuntu SMP x86_64 x86_64 x86_64 GNU/Linux\n"
        "$ cat /usr/local/cuda/version.json\n"
        '{\n   "cuda" : {\n      "name" : "CUDA SDK",\n      "version" : "11.8.0"\n   },\n'
        "$ dpkg -l | grep cudnn\n"
        "ii  libcudnn8  8.9.6.50-1+cuda12.2  amd64  cuDNN runtime libraries\n"
    )
    facts = doctor(tmp_path, capsys, pasted)["facts"]
    assert (facts["driver"]["version"], facts["driver"]["cuda_version"]) == ("510.06", "11.6")
    gpus = {(g["name"], g["compute_capability"]) for g in facts["gpus"]}
    assert gpus == {("NVIDIA GeForce RTX 3080", "8.6"), ("NVIDIA GeForce RTX 3090", "8.6")}
    assert [c["version"] for c in facts["cuda"]] == ["11.8"]
    assert sorted(c["version"] for c in facts["cudnn"]) == ["8.9", "9.1"]
    assert facts["platform"]["os"] == "linux" and "os" not in facts["unknown"]


def test_pinned_host_memory_is_not_the_gpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/minimaxir/gpt-2-simple/issues/232 (WSL 2 limits pinned memory)
    log = (
        "W ./tensorflow/core/common_runtime/gpu/gpu_host_allocator.h:44] could not allocate"
        " pinned host memory of size: 415990272\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:893] failed to alloc 374391296 bytes on"
        " host: CUDA_ERROR_OUT_OF_MEMORY: out of memory\n"
    )
    findings = doctor(tmp_path, capsys, log, "--os", "wsl2")["findings"]
    assert [f["id"] for f in findings] == ["gpu-out-of-memory"]
    assert "host memory" in findings[0]["title"] and "WSL" in findings[0]["fix"]


def test_localized_or_numbered_windows_errors_read_as_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/zeusees/HyperLPR/issues/49, https://github.com/iperov/DeepFaceLab/issues/957
    for line in (
        "OSError: [WinError 1455] 页面文件太小，无法完成操作。\n",
        "ImportError: DLL load failed: Файл подкачки слишком мал для завершения операции.\n",
    ):
        assert doctor(tmp_path, capsys, line)["findings"][0]["id"] == "windows-page-file-too-small"
    init = (
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: ダイナミック"
        " リンク ライブラリ (DLL) 初期化ルーチンの実行に失敗しました。\n"
    )
    assert doctor(tmp_path, capsys, init)["findings"][0]["id"] == "cpu-lacks-avx"
    smi = "'nvidia-smi' 不是内部或外部命令，也不是可运行的程序\n或批处理文件。\n"
    found = doctor(tmp_path, capsys, smi)["findings"][0]
    assert found["id"] == "no-nvidia-driver" and found["severity"] == "warning"
    assert "NVSMI" in found["fix"]


def test_what_a_gpu_would_do_comes_after_an_import_that_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/42548: a Kepler GTX 660 cannot make an
    # import fail; the DLL that did not load comes first
    log = (
        "ImportError: DLL load failed: The specified module could not be found.\n"
        "Failed to load the native TensorFlow runtime.\n"
    )
    found = doctor(tmp_path, capsys, log, "--gpu", "GTX 660", "--tf", "2.3", "--os", "windows")
    ids = [f["id"] for f in found["findings"]]
    assert ids.index("windows-vc-runtime-missing") < ids.index("compute-capability-unsupported")
    assert all(f["severity"] != "error" for f in found["findings"])


ONNXRUNTIME_PRELOAD = (
    # https://github.com/microsoft/onnxruntime/issues/1612: onnxruntime-gpu 0.5.0 preloads the
    # CUDA 10.1 runtime it was built for; TensorFlow 1.14 wants 10.0, which is installed
    "Traceback (most recent call last):\n"
    '  File "run.py", line 3, in <module>\n    import onnxruntime\n'
    '  File "/home/u/venv/lib/python3.7/site-packages/onnxruntime/capi/_ld_preload.py", line 12,'
    " in <module>\n"
    '    _libcudart = CDLL("libcudart.so.10.1", mode=RTLD_GLOBAL)\n'
    '  File "/usr/lib/python3.7/ctypes/__init__.py", line 364, in __init__\n'
    "    self._handle = _dlopen(self._name, mode)\n"
    "OSError: libcudart.so.10.1: cannot open shared object file: No such file or directory\n"
)


def test_a_library_another_package_failed_to_load_is_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flags = ("--tf", "1.14", "--cuda-toolkit", "10.0")
    found = doctor(tmp_path, capsys, ONNXRUNTIME_PRELOAD, *flags)
    assert found["findings"] == [] and "onnxruntime" in found["verdict"]
    # the same failure under TensorFlow's own import is TensorFlow's
    own = ONNXRUNTIME_PRELOAD.replace("onnxruntime/capi/_ld_preload.py", "tensorflow/__init__.py")
    assert doctor(tmp_path, capsys, own, *flags)["findings"][0]["id"] == "cuda-version-mismatch"


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/keras-team/keras-hub/issues/2161 (A100, TensorFlow back end)
        "W0000 00:00:1745000000.000000 1 subprocess_compilation.cc:346] ptxas warning : Registers"
        " are spilled to local memory in function 'gemm_fusion_dot_1', 8 bytes spill stores\n",
        # https://github.com/google-research/perch/issues/666 (TF 2.16.1, A100)
        "E external/local_xla/xla/service/slow_operation_alarm.cc:65] Trying algorithm"
        " eng0{k2=0,k3=0} for conv (f32[32,64,56,56]{3,2,1,0}, u8[0]{0}) custom-call is taking a"
        " while...\n",
    ],
)
def test_xla_compiling_or_tuning_for_the_gpu_shows_the_gpu_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    found = doctor(tmp_path, capsys, line)
    assert found["gpu_used"] == "yes"
    assert [f["id"] for f in found["findings"]] == ["benign-log-noise"]


def test_ptxas_spilling_registers_for_another_program_proves_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # nvcc building an extension prints the same ptxas words; only XLA's record of it counts
    log = (
        "ptxas warning : Registers are spilled to local memory in function '_Z6kernelPf', 8 bytes"
        " spill stores\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory\n"
    )
    found = doctor(tmp_path, capsys, log)
    assert found["gpu_used"] != "yes" and found["findings"][0]["id"] == "cuda-libs-not-found"


def test_the_timers_and_autotuners_notes_are_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/keras-team/keras-hub/issues/2686 (TF 2.19, RTX 4080)
    log = (
        "E0000 00:00:1745000000.000000 1 cuda_timer.cc:86] Delay kernel timed out: measured time"
        " has sub-optimal accuracy. There may be a missing warmup execution.\n"
        "I0000 00:00:1745000000.000000 1 dot_search_space.cc:208] All configs were filtered out"
        " because none of them sufficiently match the hints.\n"
    )
    assert {f["id"] for f in doctor(tmp_path, capsys, log)["findings"]} == {"benign-log-noise"}


def test_a_numa_line_alone_points_past_the_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/71791: the driver enumerated the GPU
    log = (
        "I0000 00:00:1720000000.000000 1 cuda_executor.cc:821] successful NUMA node read from"
        " SysFS had negative value (-1), but there must be at least one NUMA node, so returning"
        " NUMA node zero.\n"
    )
    found = doctor(tmp_path, capsys, log)
    assert found["gpu_used"] == "unknown" and "driver found a GPU" in found["verdict"]


def test_other_programs_failures_are_not_read_as_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for log in (
        # NumPy's own DLL failure on Windows (not TensorFlow's module)
        "ImportError: DLL load failed while importing _multiarray_umath: The specified module"
        " could not be found.\n",
        # a CUDA extension's build: nvlink without XLA's record of it
        "nvlink fatal   : Input file 'build/kernel.o' newer than toolkit (123 vs 122)\n",
        # SciPy's library in a conda environment named after TensorFlow
        "ImportError: /home/u/miniconda3/envs/tensorflow-gpu/lib/libstdc++.so.6: version"
        " `GLIBCXX_3.4.30' not found (required by /home/u/miniconda3/envs/tensorflow-gpu/lib/"
        "python3.9/site-packages/scipy/_lib/_uarray/_uarray.cpython-39-x86_64-linux-gnu.so)\n",
        # the same, cut at the line's end after the path named SciPy's (or PyTorch's) folder
        "ImportError: /home/u/miniconda3/envs/tf/lib/libstdc++.so.6: version `GLIBCXX_3.4.26'"
        " not found (required by /home/u/miniconda3/envs/tf/lib/python3.7/site-packages/scipy/"
        "sparse/_sparset\n",
        "ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.29' not"
        " found (required by /home/u/venv/lib/python3.10/site-packages/torch/lib/libtorch_py\n",
    ):
        assert doctor(tmp_path, capsys, log)["findings"] == [], log


def test_cusolvers_soname_is_not_read_as_a_cuda_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "I tensorflow/stream_executor/platform/default/dso_loader.cc:49] Successfully opened"
        " dynamic library libcudart.so.11.0\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:60] Could not load dynamic"
        " library 'libcusolver.so.10'; dlerror: libcusolver.so.10: cannot open shared object"
        " file: No such file or directory\n"
    )
    # libcusolver.so.10 ships with CUDA 10.1 to 11.0 (11.1 to 12.x ship .so.11)
    top = doctor(tmp_path, capsys, log, "--cuda-toolkit", "11.1")["findings"][0]
    assert top["id"] == "cuda-version-mismatch" and "10.x" not in top["title"]
    assert "11.0" in top["title"]


def test_a_stated_release_the_logs_own_paths_rule_out_gives_way_to_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/72097: "TF 2.13" on native Windows, but
    # tensorflow/stream_executor/ was left in 2.11 and native Windows has had no CUDA since
    log = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'cublas64_11.dll'; dlerror: cublas64_11.dll not found\n"
    )
    flags = ("--tf", "2.13", "--os", "windows", "--cuda-toolkit", "12.5")
    top = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert top["id"] == "cuda-version-mismatch"
    assert "not TensorFlow 2.13's" in top["evidence"][0]
    # a soname is no such proof: another library's ops may ask for it under the stated release
    horovod = "NotFoundError: libcudart.so.10.0: cannot open shared object file\n"
    found = doctor(tmp_path, capsys, horovod, "--tf", "2.2.0")["findings"][0]
    assert not any("as stated" in e for e in found["evidence"])


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/stanford-crfm/levanter/issues/103: jaxlib's cuDNN check, under its
        # copy of TensorFlow's code ("I had installed JAX that expected 8.6")
        "E external/org_tensorflow/tensorflow/compiler/xla/stream_executor/cuda/cuda_dnn.cc:417]"
        " Loaded runtime CuDNN library: 8.4.1 but source was compiled with: 8.6.0.\n"
        '  File "/home/u/venv/lib/python3.10/site-packages/jax/_src/dispatch.py", line 1\n'
        "jaxlib.xla_extension.XlaRuntimeError: FAILED_PRECONDITION: DNN library initialization"
        " failed.\n",
        # newer jaxlib logs from its own XLA tree, which TensorFlow's is not
        "E0101 00:00:1700000000.000000 1 external/xla/xla/stream_executor/cuda/cuda_dnn.cc:535]"
        " Loaded runtime CuDNN library: 8.9.4 but source was compiled with: 9.1.0.\n"
        "WARNING:jax._src.xla_bridge:An NVIDIA GPU may be present on this machine, but a"
        " CUDA-enabled jaxlib is not installed.\n",
    ],
)
def test_jaxlibs_own_lines_are_not_tensorflows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    found = doctor(tmp_path, capsys, log)
    assert found["findings"] == [] and "jaxlib" in found["verdict"]


def test_a_driver_mismatch_jaxlib_reports_is_the_machines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/jax-ml/jax/issues/3568 (verbatim): the kernel module and libcuda are of
    # two driver versions, which every program on the machine meets, TensorFlow too
    log = (
        ">>> import jax.numpy as np\n"
        "2020-06-26 10:14:51.996044: E external/org_tensorflow/tensorflow/stream_executor/cuda/"
        "cuda_driver.cc:314] failed call to cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system has"
        " unsupported display driver / cuda driver combination\n"
        "2020-06-26 10:14:51.996405: E external/org_tensorflow/tensorflow/stream_executor/cuda/"
        "cuda_diagnostics.cc:313] kernel version 440.36.0 does not match DSO version 440.33.1 --"
        " cannot find working devices in this configuration\n"
        "/home/docker/anaconda/envs/my-project/lib/python3.7/site-packages/jax/lib/xla_bridge.py:"
        "125: UserWarning: No GPU/TPU found, falling back to CPU.\n"
    )
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "driver-library-mismatch"
    # (review 47) TensorFlow's own GPU at work beside it: the driver is fine, the pair is
    # jaxlib's own libcuda
    device = (
        "2023-03-01 10:00:01.200000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1613]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22307 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
    )
    assert "driver-library-mismatch" not in _ids(doctor(tmp_path, capsys, device + log))


def test_tensorflows_code_under_another_build_stays_tensorflows_without_jax(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TensorFlow Serving logs TensorFlow's code under external/org_tensorflow/ too
    log = (
        "E external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_dnn.cc:361] Loaded runtime"
        " CuDNN library: 7.6.5 but source was compiled with: 8.0.4.\n"
    )
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "cudnn-version-mismatch"


UNNAMED_LOAD_FAILURE = (
    "W0000 00:00:1712345678.123456   12345 gpu_device.cc:2344] Cannot dlopen some GPU libraries."
    " Please make sure the missing libraries mentioned above are installed properly if you would"
    " like to use GPU.\nSkipping registering GPU devices...\n"
)


@pytest.mark.parametrize(
    ("flags", "cause"),
    [
        (("--tf", "2.16", "--cuda-toolkit", "11.8", "--os", "linux"), "cuda-version-mismatch"),
        (("--tf", "2.18", "--cudnn", "8.9", "--os", "linux"), "cudnn-version-mismatch"),
    ],
)
def test_an_unnamed_load_failure_beside_another_installed_version_names_that_version(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    flags: tuple[str, ...],
    cause: str,
) -> None:
    # TF 2.15+ names the library only at TF_CPP_MAX_VLOG_LEVEL=3: a CUDA or cuDNN installed of
    # another version than the build's, which a failed load says no wheel stood in for, is it
    found = doctor(tmp_path, capsys, UNNAMED_LOAD_FAILURE, *flags)["findings"]
    assert found[0]["id"] == cause and found[0]["severity"] == "error"
    assert all(f["severity"] != "error" for f in found[1:])


def test_an_unnamed_load_failure_alone_stays_generic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, UNNAMED_LOAD_FAILURE, "--tf", "2.16", "--os", "linux")
    assert found["findings"][0]["id"] == "cuda-libs-not-found"


def test_an_import_that_failed_for_no_gpu_reason_is_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/16488: NumPy older than the build
    log = (
        "RuntimeError: module compiled against API version 0xc but this version of numpy is 0xb\n"
        "ImportError: numpy.core.multiarray failed to import\n"
        "Failed to load the native TensorFlow runtime.\n"
    )
    found = doctor(tmp_path, capsys, log)
    assert found["findings"][0]["id"] == "dependency-version-mismatch"
    assert "NumPy installed" in found["verdict"] and "driver" not in found["verdict"]


def test_an_import_stopped_by_numpy_or_protobuf_is_tensorflow_broken_whatever_it_logged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow's own fatal record at import (bfloat16's check, tensorflow#16488's Travis
    log) does not make it a TensorFlow that ran: exit 12, as a plain traceback gets (review
    64, C17); protobuf before 3.20 has no 'builder' for the generated code of TensorFlow 2.12
    on (protocolbuffers/protobuf#9778; review 64, C25)."""
    numpy_old = (
        "RuntimeError: module compiled against API version 0xc but this version of numpy is 0xb\n"
        "ImportError: numpy.core.multiarray failed to import\n"
        "2018-01-26 23:12:12.304782: F tensorflow/python/lib/core/bfloat16.cc:664] Check failed:"
        " PyBfloat16_Type.tp_base != nullptr\n"
        'Aborted                 (core dumped) python -c "import tensorflow as tf"\n'
    )
    protobuf_old = (
        '  File "/home/u/.venv/lib/python3.10/site-packages/tensorflow/core/framework/'
        'function_pb2.py", line 5, in <module>\n'
        "    from google.protobuf.internal import builder as _builder\n"
        "ImportError: cannot import name 'builder' from 'google.protobuf.internal'"
        " (/home/u/.venv/lib/python3.10/site-packages/google/protobuf/internal/__init__.py)\n"
    )
    for log in (numpy_old, protobuf_old):
        path = tmp_path / "import.log"
        path.write_text(log, encoding="utf-8")
        code = main(["doctor", "--log", str(path), "--no-probe", "--os", "linux", "--json"])
        first = json.loads(capsys.readouterr().out)["findings"][0]
        assert (first["id"], first["severity"], code) == (
            "dependency-version-mismatch",
            "error",
            12,
        )
    assert "protobuf>=3.20.3" in doctor(tmp_path, capsys, protobuf_old)["findings"][0]["fix"]


@pytest.mark.parametrize(
    "printed",
    [
        "\x1b[0;31m>>> import tensorflow\x1b[0m\n"
        "\x1b[1;31mIllegal instruction (core dumped)\x1b[0m\n",
        "[0;31m>>> import tensorflow[0m\n[1;31mIllegal instruction (core dumped)[0m\n",
        "> >>> import tensorflow\n> Illegal instruction (core dumped)\n",
        # (the shell's bare word, which only a line's start makes the signal's)
        "> > >>> import tensorflow\n> > Illegal instruction\n",
        "`>>> import tensorflow`\n`Illegal instruction`\n",
        "- 2026-11-30 12:00:01.000000: I tensorflow/core/platform/cpu_feature_guard.cc:182] This"
        " TensorFlow binary is optimized to use available CPU instructions.\n"
        "- >>> import tensorflow\n- Illegal instruction\n",
        "*   `>>> import tensorflow`\n    *   `Illegal instruction`\n",
        "    >>> import tensorflow\n    Illegal instruction (core dumped)\n",
        "  1\t$ python3\n  2\t>>> import tensorflow\n  3\tIllegal instruction (core dumped)\n",
        "12 | $ python3\n13 | >>> import tensorflow\n14 | Illegal instruction (core dumped)\n",
        "trainer-1  | >>> import tensorflow\ntrainer-1  | Illegal instruction (core dumped)\n",
        "Nov 30 12:00:01 node7 python3[4242]: >>> import tensorflow\n"
        "Nov 30 12:00:01 node7 python3[4242]: Illegal instruction (core dumped)\n",
        "2026-11-30T12:00:01.123456789Z >>> import tensorflow\n"
        "2026-11-30T12:00:01.223456789Z Illegal instruction (core dumped)\n",
        # a node's container log file (containerd, CRI-O): the stream and the line's tag too
        "2026-11-30T12:00:01.123456789Z stdout F >>> import tensorflow\n"
        "2026-11-30T12:00:01.223456789Z stderr F Illegal instruction\n",
        # Slurm's srun --label numbers each task's lines
        "0: >>> import tensorflow\n1: >>> import tensorflow\n"
        "0: Illegal instruction (core dumped)\n",
        # ... padded to the widest task number ('%*d: ')
        " 0: >>> import tensorflow\n10: >>> import tensorflow\n"
        " 3: Illegal instruction (core dumped)\n",
        # Ray prefixes its workers' lines only; the driver's own go bare
        "2026-11-30 12:00:01,000\tINFO worker.py:1724 -- Started a local Ray instance.\n"
        "(RayTrainWorker pid=4242, ip=10.0.0.5) >>> import tensorflow\n"
        "(pid=4242) Illegal instruction (core dumped)\n",
        # horovodrun and mpirun --tag-output: '[jobid,rank]<stream>:'
        "[1,0]<stdout>:>>> import tensorflow\n[1,0]<stderr>:Illegal instruction (core dumped)\n",
        # pytest's report: the exception's lines marked 'E', the test's source lines not
        "    def test_import():\n>       import tensorflow\nE       Illegal instruction\n",
    ],
    ids=[
        "with-escapes",
        "escapes-dropped-by-a-page",
        "quoted-in-a-reply",
        "quoted-in-a-reply-to-a-reply",
        "each-line-set-as-inline-code",
        "set-as-a-markdown-list",
        "a-nested-list-of-inline-code",
        "indented-block",
        "line-numbers-of-an-editor",
        "line-numbers-of-a-code-view",
        "docker-compose-logs",
        "journalctl",
        "kubectl-logs-timestamps",
        "containerd-log-file",
        "srun-label",
        "srun-label-padded",
        "ray-workers",
        "mpirun-tag-output",
        "pytest-report",
    ],
)
def test_colour_codes_quote_marks_line_numbers_and_collector_prefixes_are_not_part_of_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], printed: str
) -> None:
    assert doctor(tmp_path, capsys, printed)["findings"][0]["id"] == "cpu-lacks-avx"


@pytest.mark.parametrize(
    "prefix",
    ["Apr 05 10:11:12 gpu-host python3[12345]: ", "2020-02-10T13:01:25.447825Z stderr F "],
    ids=["journalctl", "containerd-log-file"],
)
def test_a_collectors_prefix_on_an_empty_line_still_parts_two_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], prefix: str
) -> None:
    # simplified_rbox_cnn#4's allocator warning, passed on by a collector: the note after the
    # empty line is the next record's, not the tail of the warning (a copy drops the prefix's
    # last space on the empty line)
    printed = (
        "2020-02-10 13:01:25.447825: W tensorflow/core/common_runtime/bfc_allocator.cc:219]"
        " Allocator (GPU_0_bfc) ran out of memory trying to allocate 2.14GiB.\n"
        "\n"
        "The caller indicates that this is not a failure, but may mean that there could be"
        " performance gains if more memory were available.\n"
    )
    log = "\n".join(prefix + line for line in printed.split("\n"))
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "gpu-out-of-memory"


def test_conda_and_mambas_own_list_marks_are_no_markdown_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # mamba's upgrade table (review 21's, in mamba's format): the '-' row is the CPU build it
    # removes, the '+' row the CUDA build it installs
    table = (
        "  Upgrade:\n"
        "  - tensorflow                      2.6.2  cpu_py39h3ac6dc5_0      installed\n"
        "  + tensorflow                      2.7.0  cuda112py39h01bd6f0_0   conda-forge/linux-64\n"
        "  - tensorflow-base                 2.6.2  cpu_py39h6e4a7a3_0      installed\n"
        "  + tensorflow-base                 2.7.0  cuda112py39h61e5d8f_0   conda-forge/linux-64\n"
    )
    found = doctor(tmp_path, capsys, table)["findings"]
    assert not [f for f in found if f["id"] == "cpu-only-tensorflow"]


def test_numbers_that_do_not_count_lines_stay_part_of_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a column of process ids is no gutter: the driver version the last line names stays read
    log = (
        "4411 python train.py\n4412 python serve.py\n4409 python eval.py\n"
        "4415 kernel version 352.99 does not match DSO version 361.42.0 -- cannot find working"
        " devices in this configuration\n"
    )
    found = doctor(tmp_path, capsys, log)
    assert found["findings"][0]["id"] == "driver-library-mismatch"
    assert any("4415" in e for e in found["findings"][0]["evidence"])


def test_the_gpu_and_driver_an_old_nvidia_smi_table_shows_are_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # R331's table names no CUDA version and its GPU is a Kepler GTX 680 (compute capability 3.0)
    smi = Path(__file__).parent / "fixtures" / "nvidia-smi"
    table = (smi / "default-linux-r331-no-cuda-version-truncated.txt").read_text(encoding="utf-8")
    log = "\n".join(line for line in table.splitlines() if not line.startswith("#"))
    found = doctor(tmp_path, capsys, log + "\n[]\n", "--tf", "2.15", "--os", "linux")
    by_id = {f["id"]: f for f in found["findings"]}
    assert found["findings"][0]["id"] == "compute-capability-unsupported"
    assert any("GTX 680" in e for e in by_id["compute-capability-unsupported"]["evidence"])
    # the driver is too old too, but no driver gives this release kernels for a Kepler GPU
    assert by_id["driver-too-old"]["severity"] == "warning"
    assert any("331.62" in e for e in by_id["driver-too-old"]["evidence"])


def test_the_compute_capability_tensorflow_prints_for_a_device_is_the_gpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1561] Found device 0 with"
        " properties:\npciBusID: 0000:01:00.0 name: GeForce GTX 680 computeCapability: 3.0\n"
    )
    found = doctor(tmp_path, capsys, log, "--tf", "2.3", "--os", "linux")
    assert found["findings"][0]["id"] == "compute-capability-unsupported"


def test_a_mismatch_names_where_the_installed_version_was_seen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "cudatoolkit               10.1.243             h6bb024c_0\n"
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object"
        " file: No such file or directory\n"
    )
    seen = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert "CUDA 10.1 installed (log: cudatoolkit" in "\n".join(seen["evidence"])
    stated = doctor(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "10.1")
    assert "CUDA 10.1 installed (flag --cuda-toolkit)" in stated["findings"][0]["evidence"]


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/hacksider/Deep-Live-Cam/issues/1063 (verbatim, ONNX Runtime's cuDNN)
        '"Could not locate cublas64_10.dll. Please make sure it is in your library path!"\n',
        "Could not load library cublasLt64_12.dll. Error code 126\n",
    ],
)
def test_cudnn_asking_for_cublas_on_windows_is_a_cuda_library_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    top = doctor(tmp_path, capsys, line)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "error")
    assert "cublas" in top["title"] and "None" not in top["title"]
    # the digits name the CUDA the cuDNN download was built for, not TensorFlow's (KataGo#751)
    stated = doctor(tmp_path, capsys, line, "--cuda-toolkit", "11.2", "--tf", "2.10")
    assert stated["findings"][0]["id"] == "cuda-libs-not-found"
    assert "cuDNN download" in stated["findings"][0]["fix"]


def test_two_driver_versions_in_a_container_are_the_mismatch_not_a_gpu_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/NVIDIA/nvidia-docker/issues/528 (verbatim): the image carried its own
    # driver libraries; the container saw the host's module
    log = (
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE\n"
        "E tensorflow/stream_executor/cuda/cuda_diagnostics.cc:303] kernel version 384.90.0 does"
        " not match DSO version 384.81.0 -- cannot find working devices in this configuration\n"
    )
    found = doctor(tmp_path, capsys, log, "--os", "linux", "--container")["findings"]
    assert found[0]["id"] == "driver-library-mismatch"
    # an image with its own driver libraries shows the pair without '--gpus' too: still a
    # warning to check, behind the mismatch
    severity = {f["id"]: f["severity"] for f in found}
    assert severity["container-gpu-not-exposed"] == "warning"
    # without the pair, no device in a container is still a GPU not passed in
    alone = log.splitlines()[1] + "\n"
    top = doctor(tmp_path, capsys, alone, "--os", "linux", "--container")["findings"][0]
    assert top["id"] == "container-gpu-not-exposed"


def test_a_container_asked_for_the_gpu_that_nvml_cannot_open_is_the_runtimes_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/NVIDIA/nvidia-container-toolkit/issues/33 (verbatim): SELinux kept the
    # devices out; 'setsebool -P container_use_devices 1' fixed it
    log = (
        "~ \u276f\u276f\u276f docker run --rm --gpus all --runtime nvidia"
        " nvidia/cuda:11.0.3-base-ubuntu20.04 nvidia-smi\n"
        "Failed to initialize NVML: Insufficient Permissions\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("container-gpu-not-exposed", "error")
    assert "container_use_devices" in top["fix"] and "ldconfig" in top["fix"]
    # the same NVML line on a host is the device files' permissions, as before
    host = doctor(tmp_path, capsys, log.splitlines()[1] + "\n", "--no-container")
    assert host["findings"][0]["id"] == "no-nvidia-driver"


def test_a_driver_too_old_under_wsl_is_updated_on_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "InternalError: cudaGetDevice() failed. Status: CUDA driver version is insufficient for"
        " CUDA runtime version\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "wsl2")["findings"][0]
    assert top["id"] == "driver-too-old"
    assert "NVIDIA driver on Windows" in top["fix"] and "never install one there" in top["fix"]
    linux = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert "Windows" not in linux["fix"]


def test_an_install_that_failed_beside_tensorflow_running_is_not_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review 22's: pip's conflict, fixed in the same session; TensorFlow 2.12 then ran and
    # found no cuDNN
    log = (
        "The conflict is caused by:\n"
        "    The user requested numpy==1.26.4\n"
        "    tensorflow 2.15.0 depends on numpy<2.0.0 and >=1.23.5\n"
        "Successfully installed numpy-1.23.5 tensorflow-2.12.0\n"
        "2023-06-01 10:00:00.123456: W tensorflow/compiler/xla/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8:"
        " cannot open shared object file: No such file or directory\n"
    )
    found = doctor(tmp_path, capsys, log)["findings"]
    assert found[0]["id"] == "cudnn-not-found"
    assert {f["id"]: f["severity"] for f in found}["tensorflow-not-installed"] == "warning"
    # an add-on that failed to install beside TensorFlow 2.12 running on native Windows
    addon = (
        "ERROR: No matching distribution found for tensorflow-addons==0.16.1\n"
        "2023-06-01 10:00:00.123456: I tensorflow/core/platform/cpu_feature_guard.cc:182] This"
        " TensorFlow binary is optimized to use available CPU instructions.\n"
        "Num GPUs Available:  0\n"
    )
    top = doctor(tmp_path, capsys, addon, "--os", "windows", "--tf", "2.12")["findings"][0]
    assert top["id"] == "windows-native-gpu-unsupported"


def test_a_gpu_that_ran_out_of_memory_before_a_kill_keeps_its_own_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "W tensorflow/core/common_runtime/bfc_allocator.cc:479] Allocator (GPU_0_bfc) ran out of"
        " memory trying to allocate 2.00GiB (rounded to 2147483648)requested by op Conv2D\n"
        "Killed\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "gpu-out-of-memory"
    assert "GPU memory" in top["title"] and "RAM" not in top["title"]


def test_pips_conflict_naming_a_tensorflow_is_its_install_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/hacksider/Deep-Live-Cam/issues/922 (verbatim): tensorflow-intel is
    # Windows' TensorFlow 2.12, which pip could not install beside torch's pins
    log = (
        "The conflict is caused by:\n"
        "    The user requested typing-extensions>=4.8.0\n"
        "    torch 2.5.1+cu121 depends on typing-extensions>=4.8.0\n"
        "    tensorflow-intel 2.12.1 depends on typing-extensions<4.6.0 and >=3.6.6\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("tensorflow-not-installed", "error")
    assert "typing-extensions" in top["title"]
    # a conflict among other packages says nothing of TensorFlow
    other = log.replace("tensorflow-intel 2.12.1", "opencv-python 4.1.0")
    assert not doctor(tmp_path, capsys, other)["findings"]


def test_an_install_that_failed_comes_before_what_the_platform_means_for_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/text/issues/258 (verbatim): the macOS the paths show is
    # true, but no GPU question arises before the package installs
    log = (
        "$ pip install tensorflow-text==1.15.0\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow-text==1.15.0"
        " (from versions: 0.1.0rc2, 0.1.0, 1.0.0b0, 1.0.0b2, 1.15.0rc0, 1.15.1, 2.0.0rc0,"
        " 2.0.1, 2.1.0rc0, 2.1.1, 2.2.0rc1)\n"
        "ERROR: No matching distribution found for tensorflow-text==1.15.0\n"
        "pip 20.0.2 from /Users/danielk/opt/anaconda3/envs/py367/lib/python3.6/site-packages/pip"
        " (python 3.6)\n"
    )
    found = doctor(tmp_path, capsys, log, "--python", "3.6")["findings"]
    assert found[0]["id"] == "python-unsupported"
    assert {f["id"]: f["severity"] for f in found}["macos-no-cuda"] == "info"


def test_a_requirement_of_tensorflow_missing_is_an_incomplete_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/deepfakes/faceswap/issues/1339 (verbatim): reinstalling TensorFlow
    # fixed it; the Windows reading of a release nobody named stays behind it
    wrapper = (
        "ERROR    There was an error importing Tensorflow. This is most likely because you do"
        " not have TensorFlow installed, or you are trying to run tensorflow-gpu on a system"
        " without an Nvidia graphics card. Original import error: No module named 'absl'\n"
    )
    found = doctor(tmp_path, capsys, wrapper, "--os", "windows", "--python", "3.10")["findings"]
    assert (found[0]["id"], found[0]["severity"]) == ("tensorflow-not-installed", "error")
    assert "absl" in found[0]["title"] and "--force-reinstall" in found[0]["fix"]
    # Python's own last line, under a traceback through TensorFlow's import, Python 3's quoted
    # form or Python 2's bare one (tensorflow/models#8230)
    traceback = (
        "Traceback (most recent call last):\n"
        '  File "/usr/lib/python3/dist-packages/tensorflow/__init__.py", line 37, in <module>\n'
        "    from tensorflow.python.tools import module_util as _module_util\n"
        "ModuleNotFoundError: No module named 'wrapt'\n"
    )
    for last in (
        "ImportError: No module named wrapt",
        "ModuleNotFoundError: No module named 'wrapt'",
    ):
        top = doctor(tmp_path, capsys, traceback.replace(traceback.splitlines()[-1], last))
        first = top["findings"][0]
        assert (first["id"], first["severity"]) == ("tensorflow-not-installed", "error")
    # the user's own script importing absl says nothing of TensorFlow (alphafold#178's form)
    own = (
        "Traceback (most recent call last):\n"
        '  File "docker/run_docker.py", line 22, in <module>\n'
        "    from absl import app\n"
        "ModuleNotFoundError: No module named 'absl'\n"
    )
    assert not doctor(tmp_path, capsys, own)["findings"]
    # a module everyone needs says nothing about TensorFlow's install
    numpy = traceback.replace("'wrapt'", "'numpy'")
    found = doctor(tmp_path, capsys, numpy)["findings"]
    assert not [f for f in found if "incomplete" in f["title"]]


def test_a_python_the_running_tensorflow_contradicts_is_no_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # TF 2.1-2.3 logged this, so it ran under a Python it supports, not the 3.11 stated
    log = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'libcudart.so.10.1'; dlerror: libcudart.so.10.1: cannot open shared object"
        " file: No such file or directory\n"
    )
    found = doctor(tmp_path, capsys, log, "--python", "3.11", "--os", "linux")["findings"]
    assert found[0]["id"] == "cuda-version-mismatch"  # CUDA 10.2 was out beside 2.1 to 2.3
    # a note, not a warning that could lead: whichever Python ran it, this one did not stop it
    assert {f["id"]: f["severity"] for f in found}["python-unsupported"] == "info"


def test_a_failure_on_a_working_gpu_is_named_in_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    created = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1247] Created TensorFlow device"
        " (/job:localhost/replica:0/task:0/device:GPU:0 with 1538 MB memory) -> physical GPU"
        " (device: 0, name: GeForce 940MX, pci bus id: 0000:01:00.0, compute capability: 5.0)\n"
    )
    failed = "E tensorflow/stream_executor/cuda/cuda_dnn.cc:329] Could not create cudnn handle:"
    failed += " CUDNN_STATUS_INTERNAL_ERROR\n"
    after = doctor(tmp_path, capsys, created + failed, "--os", "linux")
    assert after["verdict"].endswith(
        "but work on it failed: cuDNN could not start (CUDNN_STATUS_INTERNAL_ERROR): usually the"
        " GPU memory is already taken"
    )
    # Only a failure logged after the GPU line is one on that GPU; a contradiction from the
    # facts (macOS has no CUDA, yet a Metal GPU works) is not.
    works = doctor(tmp_path, capsys, created, "--os", "macos")
    assert works["verdict"] == "TensorFlow uses the GPU: the log shows a GPU device at work"


def test_a_console_cut_record_followed_by_another_line_reads_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/TheFoundryVisionmongers/nuke-ML-server/issues/10: TensorFlow's AVX
    # check (a 1.x record) cut at 80 columns, the shell's 'Aborted' right after it
    printed = (
        ">>> import tensorflow\n"
        "2019-05-25 07:49:46.583944: F tensorflow/core/platform/cpu_feature_guard.cc:37] The"
        " TensorFlow library was compiled to use AVX instructions, but these aren't available"
        " on your machine.\nAborted (core dumped)\n"
    )
    as_printed = doctor(tmp_path, capsys, printed)
    as_pasted = doctor(tmp_path, capsys, _console_cut(printed))
    assert as_printed["findings"][0]["id"] == "cpu-lacks-avx"
    assert [f["id"] for f in as_pasted["findings"]] == [f["id"] for f in as_printed["findings"]]


def test_the_driver_tensorflow_names_is_read_across_a_console_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/localminimum/QANet/issues/5, as an 80-column console copies it
    printed = (
        "2018-03-23 11:55:55.959752: E tensorflow/stream_executor/cuda/cuda_dnn.cc:385] could"
        " not create cudnn handle: CUDNN_STATUS_NOT_INITIALIZED\n"
        "2018-03-23 11:55:55.959970: E tensorflow/stream_executor/cuda/cuda_dnn.cc:393] possibly"
        " insufficient driver version: 384.69.0\n"
    )
    flags = ("--tf", "1.5.0", "--cuda-toolkit", "9.0", "--driver", "384.69", "--os", "linux")
    for text in (printed, _console_cut(printed)):
        found = doctor(tmp_path, capsys, text, *flags)["findings"][0]
        assert (found["id"], found["severity"]) == ("driver-too-old", "error")


def test_a_cut_that_only_drops_a_lines_last_field_is_rejoined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/kubeflow/pipelines/issues/4339 at 100 columns: the cut line still
    # reads as 'kernel driver does not appear to be running', without the path that says the
    # host has no NVIDIA module.
    printed = (
        "2020-08-07 16:51:03.140434: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156]"
        " kernel driver does not appear to be running on this host"
        " (bikes-weather-keras-tuner-bwv6r-64091476): /proc/driver/nvidia/version does not"
        " exist\n"
    )
    cut = "\n".join(printed[i : i + 100] for i in range(0, len(printed), 100))
    for text in (printed, cut):
        found = doctor(tmp_path, capsys, text, "--container")["findings"][0]
        assert found["id"] == "no-nvidia-gpu"


def test_records_run_together_by_a_lost_line_break_read_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/RedisAI/redis-inference-optimization/issues/260, as a web page's
    # paragraph keeps it: TensorFlow's two records and its tab-indented continuation lines
    # on one line.
    printed = (
        "2019-12-29 14:04:34.831620: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1640] \n"
        "\tFound device 0 with properties:\n"
        "\t\tname: Tesla M60 major: 5 minor: 2 memoryClockRate(GHz): 1.1775\n"
        "\t\tpciBusID: 0000:00:1e.0 \n"
        "2019-12-29 14:04:34.842879: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1717] \n"
        "\tIgnoring visible gpu device (device: 0, name: Tesla M60, pci bus id: 0000:00:1e.0,"
        " compute capability: 5.2) with Cuda compute capability 5.2. \n"
        "\tThe minimum required Cuda capability is 6.0.\n"
    )
    found = doctor(tmp_path, capsys, _line_breaks_lost(printed), "--no-probe")["findings"]
    assert found[0]["id"] == "compute-capability-unsupported"
    assert "Tesla M60" in found[0]["title"]


def test_another_programs_error_line_is_not_joined_to_a_tensorflow_record() -> None:
    # https://github.com/NVIDIA/nvidia-docker/issues/262: modprobe's line after TensorFlow's
    printed = (
        "I tensorflow/stream_executor/dso_loader.cc:135] successfully opened CUDA library"
        " libcuda.so.1 locally\n"
        "modprobe: ERROR: ../libkmod/libkmod.c:556 kmod_search_moddep() could not open moddep"
        " file '/lib/modules/4.4.0-78-generic/modules.dep.bin'\n"
    )
    assert unwrap(printed).splitlines() == printed.splitlines()


def test_an_op_placed_on_the_gpu_shows_the_gpu_is_used(tmp_path, capsys) -> None:
    # https://github.com/tensorflow/tensorflow/issues/42764 (log_device_placement, TF 2.x)
    log = (
        "I tensorflow/core/common_runtime/eager/execute.cc:574] Executing op MatMul in device"
        " /job:localhost/replica:0/task:0/device:GPU:0\n"
    )
    assert doctor(tmp_path, capsys, log)["gpu_used"] == "yes"
    on_cpu = log.replace("device:GPU:0", "device:CPU:0")
    assert doctor(tmp_path, capsys, on_cpu)["gpu_used"] != "yes"


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/Dimsmary/Ossas_ChatBot/issues/22
        "ImportError: DLL load failed: 动态链接库(DLL)初始化例程失败。",
        # https://github.com/tensorflow/tensorflow/issues/66588
        "ImportError: DLL load failed while importing _pywrap_tf2: Произошел сбой в программе"
        " инициализации библиотеки динамической компоновки (DLL).",
        # https://github.com/tensorflow/tensorflow/issues/37759
        "ImportError: DLL load failed: Uma rotina de inicialização da biblioteca de vínculo"
        " dinâmico (DLL) falhou.",
        # https://github.com/tensorflow/tensorflow/issues/40352
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: Eine"
        " DLL-Initialisierungsroutine ist fehlgeschlagen.",
        # https://github.com/tensorflow/tensorflow/issues/37715
        "ImportError: DLL load failed: Une routine d\u2019initialisation d\u2019une bibliothèque"
        " de liens dynamiques (DLL) a échoué.",
        # https://github.com/tensorflow/tensorflow/issues/35598 (STATUS_ILLEGAL_INSTRUCTION)
        "ImportError: DLL load failed with errorcode 3221225501",
        # https://github.com/tensorflow/tensorflow/issues/6896 (a build asking for AVX2)
        "tensorflow/core/platform/cpu_feature_guard.cc:35] The TensorFlow library was compiled"
        " to use AVX2 instructions, but these aren't available on your machine.",
    ],
    ids=["zh", "ru", "pt", "de", "fr", "unsigned-status", "avx2"],
)
def test_windows_dll_init_failure_in_any_language_is_the_cpus_missing_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    # ERROR_DLL_INIT_FAILED (1114) for TensorFlow's own library: AVX code on a CPU without AVX
    # (tensorflow/tensorflow#35598, #21977).
    assert doctor(tmp_path, capsys, line + "\n")["findings"][0]["id"] == "cpu-lacks-avx"


def test_an_op_pinned_to_a_gpu_tensorflow_does_not_have_is_no_gpu_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/nagadit/DeepFaceLab_Linux/issues/20
    line = (
        "was explicitly assigned to /device:GPU:0 but available devices are ["
        " /job:localhost/replica:0/task:0/device:CPU:0 ]. Make sure the device specification"
        " refers to a valid device.\n"
    )
    assert doctor(tmp_path, capsys, line)["findings"][0]["id"] == "cpu-only-tensorflow"


def test_cudnn_numbered_as_one_integer_dates_the_log_before_tensorflow_2(tmp_path, capsys) -> None:
    # https://github.com/tensorflow/tensorflow/issues/11401 (TF 1.2 on Windows): until 1.13
    # cuda_dnn.cc printed cuDNN's version as one number, so native Windows' "no GPU from
    # 2.11" cannot apply to this log
    log = (
        "E c:\\tf_jenkins\\home\\workspace\\release-win\\tensorflow\\stream_executor\\cuda\\"
        "cuda_dnn.cc:390] Loaded runtime CuDNN library: 5005 (compatibility version 5000) but"
        " source was compiled with 5105 (compatibility version 5100).\n"
    )
    ids = [f["id"] for f in doctor(tmp_path, capsys, log, "--os", "windows")["findings"]]
    assert ids[0] == "cudnn-version-mismatch"
    assert "windows-native-gpu-unsupported" not in ids


def test_a_cut_record_inside_a_fenced_details_block_reads_as_printed(tmp_path, capsys) -> None:
    # https://github.com/tensorflow/tensorflow/issues/6125: a record cut at the console's edge
    # ('Cuda c' / 'ompute'), pasted the way GitHub's issue forms fold a log away
    cut = (
        "I c:\\tf_jenkins\\home\\workspace\\release-win\\device\\gpu\\os\\windows\\tensorflow\\"
        "core\\common_runtime\\gpu\\gpu_device.cc:948] Ignoring visible gpu device (device: 0,"
        " name: GeForce GTX 660 Ti, pci bus id: 0000:01:00.0) with Cuda c\nompute capability"
        " 3.0. The minimum required Cuda capability is 3.5."
    )
    folded = f"<details>\n<summary>log</summary>\n\n```\n{cut}\n```\n</details>\n"
    assert unwrap(folded).splitlines()[-2] == "```"
    found = doctor(tmp_path, capsys, folded, "--os", "windows")["findings"]
    assert found[0]["id"] == "compute-capability-unsupported"


def test_nix_tensorflow_without_libcuda_is_pointed_at_the_nixos_driver_folder(
    tmp_path, capsys
) -> None:
    # https://github.com/NixOS/nixpkgs/issues/65515: the driver's libcuda sits in
    # /run/opengl-driver/lib, which the packaged TensorFlow's RUNPATH lacked; strace's lines
    # after TensorFlow's are not part of its record
    log = (
        "2019-07-28 13:45:18.738233: I tensorflow/stream_executor/platform/default/dso_loader.cc"
        ":53] Could not dlopen library 'libcuda.so.1'; dlerror: libcuda.so.1: cannot open shared"
        " object file: No such file or directory\n"
        'openat(AT_FDCWD, "/nix/store/kvagf73z1v6y0wqfvqm04f5h02mdgsfi-python3.7-tensorflow-'
        '1.14.0/lib/python3.7/site-packages/tensorflow/libcuda.so.1", O_RDONLY|O_CLOEXEC) = -1'
        " ENOENT (No such file or directory)\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "no-nvidia-driver"
    assert "/run/opengl-driver/lib" in top["fix"]
    assert "openat" not in top["title"]
    plain = doctor(tmp_path, capsys, log.replace("/nix/store/", "/usr/lib/"))["findings"][0]
    assert "/run/opengl-driver/lib" not in plain["fix"]


def test_a_soname_against_a_guessed_release_does_not_blame_another_build(tmp_path, capsys) -> None:
    # NVIDIA's JetPack wheels of TF 2.x load CUDA 10.2, which no PyPI release was built with
    # (https://github.com/dusty-nv/jetson-containers/issues/146): the path hints only guess the
    # release, so the soname refutes the guess rather than pointing at a second build
    log = (
        "2022-05-15 06:23:59.616179: W tensorflow/stream_executor/platform/default/dso_loader.cc"
        ":64] Could not load dynamic library 'libcudart.so.10.2'; dlerror: libcudart.so.10.2:"
        " cannot open shared object file: No such file or directory\n"
    )
    guessed = doctor(tmp_path, capsys, log, "--os", "linux")["findings"]
    assert guessed[0]["id"] == "cuda-libs-not-found"
    assert not any("something here asks" in f["title"] for f in guessed)
    stated = doctor(tmp_path, capsys, log, "--os", "linux", "--tf", "2.10")["findings"]
    assert any("something here asks for CUDA 10.2" in f["title"] for f in stated)


@pytest.mark.parametrize(
    "flags", [("--arch", "aarch64"), ("--gpu", "Jetson Nano"), ("--arch", "armv7l")]
)
def test_an_illegal_instruction_on_arm_is_not_a_missing_avx(tmp_path, capsys, flags) -> None:
    # https://github.com/numpy/numpy/issues/18131: numpy 1.19.5's OpenBLAS on a Jetson
    # (OPENBLAS_CORETYPE=ARMV8); AVX is an x86 extension
    log = ">>> import numpy\nIllegal instruction (core dumped)\n"
    on_x86 = doctor(tmp_path, capsys, log, "--arch", "x86_64")["findings"]
    assert on_x86[0]["id"] == "cpu-lacks-avx"
    on_arm = doctor(tmp_path, capsys, log, *flags)
    assert "cpu-lacks-avx" not in [f["id"] for f in on_arm["findings"]]
    # the crash is still a failure: no verdict that nothing failed
    numa = (
        "E tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:969] could not open file to read"
        " NUMA node: /sys/bus/pci/devices/0000:01:00.0/numa_node\n"
    )
    crashed = doctor(tmp_path, capsys, numa + log, *flags)
    assert "says anything failed" not in crashed["verdict"]
    if "armv7l" in flags:
        # no TensorFlow wheel for the machine: whatever was installed was built for another CPU
        assert on_arm["findings"][0]["id"] == "platform-unsupported"


def test_an_old_driver_with_no_release_named_or_hinted_is_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorpack/tensorpack/issues/175: a 2017 table, TensorFlow 1.x then.
    # No line says which TensorFlow ran, so TensorFlow 1.0 (CUDA 8, which driver 367 runs) is
    # as possible as 2.21: too old only for some releases is a warning until one is named.
    table = (
        "| NVIDIA-SMI 367.57                 Driver Version: 367.57                    |\n"
        "|   0  TITAN X (Pascal)    Off  | 0000:04:00.0     Off |                  N/A |\n"
    )
    unnamed = doctor(tmp_path, capsys, table)
    old = [f for f in unnamed["findings"] if f["id"] == "driver-too-old"]
    assert [f["severity"] for f in old] == ["warning"]
    named = doctor(tmp_path, capsys, table, "--tf", "2.21")
    assert (named["findings"][0]["id"], named["findings"][0]["severity"]) == (
        "driver-too-old",
        "error",
    )


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/tensorflow/tensorflow/issues/28552: tf.data's autotuner bookkeeping
        "W ./tensorflow/core/framework/model.h:202] Encountered a stop event that was not"
        " preceded by a start event.",
        # https://github.com/talmolab/sleap/issues/365: a generator dataset ending with its loop
        "W tensorflow/core/kernels/data/generator_dataset_op.cc:103] Error occurred when"
        " finalizing GeneratorDataset iterator: Cancelled: Operation was cancelled",
        # https://github.com/tensorflow/tensorflow/issues/30263: Grappler's LSTM selection
        "W tensorflow/core/grappler/optimizers/implementation_selector.cc:310] Skipping"
        " optimization due to error while loading function libraries: Invalid argument:"
        " Functions '__inference___backward_cudnn_lstm_with_fallback_2431_2613' and"
        " '__inference___backward_standard_lstm_2770_3255' both implement 'lstm_c366749f' but"
        " their signatures do not match.",
    ],
)
def test_a_harmless_tf_data_or_grappler_line_is_named_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    doc = doctor(tmp_path, capsys, line + "\n")
    (finding,) = doc["findings"]
    assert (finding["id"], finding["severity"]) == ("benign-log-noise", "info")
    assert line[:60] in finding["evidence"][0]


def _first_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, *flags: str
) -> str:
    return str(doctor(tmp_path, capsys, log, *flags)["findings"][0]["id"])


def test_a_library_nvidia_had_moved_past_is_most_likely_a_newer_one_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = "ImportError: lib{}: cannot open shared object file: No such file or directory\n"
    # https://github.com/tensorflow/tensorflow/issues/13365: 1.3 loads cuDNN 6, 5.1 installed
    cudnn6 = missing.format("cudnn.so.6")
    assert _first_finding(tmp_path, capsys, cudnn6, "--tf", "1.3.0") == "cudnn-version-mismatch"
    # Without a release the soname says which could ask: CUDA 9.0 is 1.5 to 1.12's, all
    # current while NVIDIA offered 9.1 and 9.2.
    cublas9 = missing.format("cublas.so.9.0")
    report = doctor(tmp_path, capsys, cublas9, "--os", "linux")
    first = report["findings"][0]
    assert first["id"] == "cuda-version-mismatch"
    assert any("CUDA 9.1" in e for e in first["evidence"])
    # cuDNN 8 was NVIDIA's newest beside 2.5 (issue #11's first example), and cuDNN 7 beside
    # most of the releases that load it: there it is missing.
    cudnn8 = missing.format("cudnn.so.8")
    assert _first_finding(tmp_path, capsys, cudnn8, "--tf", "2.5") == "cudnn-not-found"
    cudnn7 = missing.format("cudnn.so.7")
    assert _first_finding(tmp_path, capsys, cudnn7, "--os", "linux") == "cudnn-not-found"


def test_what_is_known_installed_outweighs_the_release_span(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cudart = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'libcudart.so.10.0'; dlerror: libcudart.so.10.0: cannot open shared object"
        " file: No such file or directory\n"
    )
    assert _first_finding(tmp_path, capsys, cudart, "--tf", "1.14") == "cuda-version-mismatch"
    # The CUDA stated is the one 1.14 loads: the loader path, not another version.
    stated = _first_finding(tmp_path, capsys, cudart, "--tf", "1.14", "--cuda-toolkit", "10.0")
    assert stated == "cuda-libs-not-found"
    # NVIDIA's pip wheels fail by the path; a Windows DLL from 2.1 on (when 'tensorflow'
    # itself loads CUDA, GPU or not) as often by the DLL search path or no CUDA at all;
    # TensorFlow.js's binding follows its own releases.
    wheels = "Successfully installed nvidia-cudnn-cu11-8.6.0.163\n" + cudart
    assert _first_finding(tmp_path, capsys, wheels, "--tf", "1.14") != "cuda-version-mismatch"
    dll = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'cudart64_101.dll'; dlerror: cudart64_101.dll not found\n"
    )
    assert _first_finding(tmp_path, capsys, dll, "--os", "windows") == "cuda-libs-not-found"
    tfjs = (
        "Registration of backend tensorflow failed\n"
        "Error: libcublas.so.9.0: cannot open shared object file: No such file or directory\n"
    )
    assert _first_finding(tmp_path, capsys, tfjs) == "cuda-libs-not-found"


def test_a_windows_cuda_dll_is_named_for_its_major_and_fixed_through_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/57103: every CUDA 11.x names its runtime
    # cudart64_110.dll; on Windows the loader finds it through PATH, not LD_LIBRARY_PATH
    dll = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'cudart64_110.dll'; dlerror: cudart64_110.dll not found\n"
    )
    first = doctor(tmp_path, capsys, dll, "--os", "windows", "--tf", "2.10")["findings"][0]
    assert first["id"] == "cuda-libs-not-found"
    assert "(CUDA 11.x)" in first["title"]
    assert "PATH" in first["fix"] and "LD_LIBRARY_PATH" not in first["fix"]


def test_cudnn_missing_under_an_rnn_or_a_custom_op_builder_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/mozilla/DeepSpeech/issues/2788: the cuDNN RNN ops' words for a cuDNN
    # that loaded and did not start, most often one of another version (survey 11e)
    rnn = "errors_impl.UnknownError: Fail to find the dnn implementation.\n"
    assert _first_finding(tmp_path, capsys, rnn) == "cudnn-version-mismatch"
    # https://github.com/NVlabs/stylegan2-ada/issues/74: StyleGAN's builder found no GPU in
    # TensorFlow's device list; a CPU-only TensorFlow was installed
    stylegan = (
        '  File "/content/stylegan2-ada/dnnlib/tflib/custom_ops.py", line 60, in'
        " _get_cuda_gpu_arch_string\n    raise RuntimeError('No GPU devices found')\n"
        "RuntimeError: No GPU devices found\n"
    )
    assert _first_finding(tmp_path, capsys, stylegan) == "cpu-only-tensorflow"
    # https://github.com/NVlabs/stylegan2-ada/issues/10: CUDA 10's nvcc building the plugin for
    # an RTX 3090
    nvcc = "nvcc fatal   : Value 'sm_86' is not defined for option 'gpu-architecture'\n"
    assert _first_finding(tmp_path, capsys, nvcc) == "compute-capability-unsupported"


def test_a_gpu_build_on_a_machine_without_gpu_is_told_to_use_the_cpu_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/aws/amazon-sagemaker-examples/issues/613: the -gpu serving image on a
    # CPU instance; a machine with no GPU has none to pass into the container
    log = (
        "tensorflow_model_server: error while loading shared libraries: libcuda.so.1: cannot"
        " open shared object file: No such file or directory\n"
    )
    first = doctor(tmp_path, capsys, log, "--container", "--gpu", "none")["findings"][0]
    assert first["id"] == "no-nvidia-gpu"
    assert "CPU build" in first["fix"] and "Nothing to fix" not in first["fix"]


def test_a_prior_for_another_version_gives_way_to_signs_that_nothing_is_on_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(lib: str) -> str:
        return (
            "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load"
            f" dynamic library '{lib}'; dlerror: {lib}: cannot open shared object file: No such"
            " file or directory\n"
        )

    # TF 2.3 alone asking for CUDA 10.1's runtime: 10.2 was out, another version likely.
    alone = missing("libcudart.so.10.1")
    assert _first_finding(tmp_path, capsys, alone, "--tf", "2.3") == "cuda-version-mismatch"
    # libcufft.so.10 ships with every CUDA from 10.1 to 11.x: missing too, no newer CUDA is on
    # the loader path either.
    block = alone + missing("libcufft.so.10") + missing("libcudnn.so.7")
    assert _first_finding(tmp_path, capsys, block, "--tf", "2.3") == "cuda-libs-not-found"
    # A conda environment loads its own cudatoolkit.
    conda = "(tf) user@host:~$ conda list cudatoolkit\n" + alone
    assert _first_finding(tmp_path, capsys, conda, "--tf", "2.3") == "cuda-libs-not-found"
    # A system CUDA stated absent leaves no other version to guess at.
    none = ("--tf", "2.3", "--cuda-toolkit", "none")
    assert _first_finding(tmp_path, capsys, alone, *none) == "cuda-libs-not-found"


def test_readings_keep_to_their_context(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # nvcc refusing an old architecture is a newer nvcc that dropped it, not one older than the
    # GPU; its other wording for a new one is read
    dropped = "nvcc fatal   : Value 'sm_30' is not defined for option 'gpu-architecture'\n"
    assert not doctor(tmp_path, capsys, dropped)["findings"]
    unsupported = "nvcc fatal   : Unsupported gpu architecture 'compute_86'\n"
    assert _first_finding(tmp_path, capsys, unsupported) == "compute-capability-unsupported"
    # tfjs 1.x greets from its JavaScript backend after the node backend failed: the failure
    # is the cause (https://github.com/tensorflow/tfjs/issues/739)
    failed = (
        "Registration of backend tensorflow failed\n"
        "Error: libcudart.so.10.0: cannot open shared object file: No such file or directory\n"
        "Hi there 👋. Looks like you are running TensorFlow.js in Node.js. To speed things up"
        " dramatically, install our node backend\n"
    )
    assert _first_finding(tmp_path, capsys, failed) == "cuda-libs-not-found"
    # the container CLI's misread is WSL 2's; on Linux the refusal means an old driver
    refusal = (
        "nvidia-container-cli: requirement error: unsatisfied condition: cuda>=11.6, please"
        " update your driver to a newer version, or use an earlier cuda container: unknown.\n"
    )
    linux = ("--os", "linux", "--cuda-driver", "11.7", "--driver", "515.43.04")
    assert _first_finding(tmp_path, capsys, refusal, *linux) == "driver-too-old"
    # nvidia-smi working inside WSL 2: the GPU layer is there, whatever the container CLI says
    smi = "| NVIDIA-SMI 510.06       Driver Version: 510.06       CUDA Version: 11.6     |\n"
    dxcore = (
        "I1016 13:14:28.960625 24446 nvc.c:301] dxcore initialization failed, continuing assuming"
        " a non-WSL environment\n"
    )
    found = doctor(tmp_path, capsys, smi + dxcore, "--os", "wsl2")["findings"]
    assert "wsl-libcuda-missing" not in {f["id"] for f in found}
    # NGC's banner before 19.12 has no '-tf1': its 1.13.1 is built on CUDA 10.1
    ngc = (
        "================\n== TensorFlow ==\n================\n\n"
        "NVIDIA Release 19.05 (build 6390160)\nTensorFlow Version 1.13.1\n\n"
        "Cuda compilation tools, release 10.1, V10.1.163\n"
    )
    found = doctor(tmp_path, capsys, ngc, "--os", "linux", "--container")["findings"]
    assert "cuda-version-mismatch" not in {f["id"] for f in found}
    # a conda environment on Windows: Anaconda's 2.1 to 2.10 include CPU builds
    conda_cpu = (
        "(tf23) C:\\Users\\me\\anaconda3\\envs\\tf23\\python.exe\n"
        "Python 3.8.5 (default, Sep  3 2020, 21:29:08) [MSC v.1916 64 bit (AMD64)] on win32\n"
        ">>> tf.test.is_built_with_cuda()\nFalse\n"
    )
    first = doctor(tmp_path, capsys, conda_cpu)["findings"][0]
    assert first["id"] == "cpu-only-tensorflow"


def test_clusters_containers_and_other_back_ends_are_named_for_what_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # OSG's TensorFlow tutorial: "This is expected as we do not have GPUs attached to our login
    # nodes" (also https://github.com/jade-hpc-gpu/jade-hpc-gpu.github.io/issues/63)
    login = (
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156] kernel driver does not appear"
        " to be running on this host (login05.osgconnect.net): /proc/driver/nvidia/version does"
        " not exist\n"
    )
    first = doctor(tmp_path, capsys, login)["findings"][0]
    assert first["id"] == "no-nvidia-gpu" and "--gres=gpu" in first["fix"]
    # https://github.com/apptainer/singularity/issues/5935: Singularity without --nv
    singularity = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'libcuda.so.1'; dlerror: libcuda.so.1: cannot open shared object file: No such"
        " file or directory; LD_LIBRARY_PATH: /.singularity.d/libs\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:313] failed call to cuInit: UNKNOWN"
        " ERROR (303)\n"
    )
    first = doctor(tmp_path, capsys, singularity)["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "--nv" in first["fix"]
    # https://github.com/keras-team/keras/issues/19081: XLA's CUDA graphs falling back
    graphs = (
        "W0000 00:00:1714000000.000000 1234 graph_launch.cc:671] Fallback to op-by-op mode"
        " because memset node breaks graph update\n"
    )
    assert doctor(tmp_path, capsys, graphs)["gpu_used"] == "yes"
    # https://github.com/microsoft/tensorflow-directml-plugin/issues/332: DirectML has no XLA
    dml = (
        "NotFoundError: Could not find compiler for platform DML: NOT_FOUND: could not find"
        " registered compiler for platform DML -- was support for that platform linked in?\n"
    )
    report = doctor(tmp_path, capsys, dml, "--os", "windows")
    assert report["gpu_used"] == "yes"
    assert "jit_compile=False" in report["findings"][0]["fix"]
    # https://github.com/tensorflow/tensorflow/issues/121157: PyPI's aarch64 wheel is a CPU build
    arm = (
        "Linux gh200 6.8.0-1013-nvidia-64k #14-Ubuntu SMP aarch64 aarch64 aarch64 GNU/Linux\n"
        ">>> tf.test.is_built_with_cuda()\nFalse\n"
    )
    first = doctor(tmp_path, capsys, arm)["findings"][0]
    assert first["id"] == "cpu-only-tensorflow" and "nvcr.io/nvidia/tensorflow" in first["fix"]


def test_memory_another_process_holds_is_named_from_the_device_properties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/mozilla/DeepSpeech/issues/463: "very little free memory"
    taken = (
        "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1030] Found device 0 with properties:"
        " \nname: GeForce GTX 1080 Ti major: 6 minor: 1 memoryClockRate(GHz): 1.582\n"
        "pciBusID: 0000:03:00.0\ntotalMemory: 10.91GiB freeMemory: 301.25MiB\n"
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:936] failed to allocate 301.25M"
        " (315883520 bytes) from device: CUDA_ERROR_OUT_OF_MEMORY\n"
    )
    first = doctor(tmp_path, capsys, taken)["findings"][0]
    assert first["id"] == "gpu-out-of-memory"
    assert any("Another process" in f["title"] for f in doctor(tmp_path, capsys, taken)["findings"])
    free = taken.replace("freeMemory: 301.25MiB", "freeMemory: 10.75GiB")
    found = doctor(tmp_path, capsys, free)["findings"]
    assert not any("Another process" in f["title"] for f in found)
    # a Jetson's GPU shares the system's memory: little of it free is no failure
    jetson = taken.replace("GeForce GTX 1080 Ti", "NVIDIA Tegra X1")
    found = doctor(tmp_path, capsys, jetson)["findings"]
    assert not any("Another process" in f["title"] for f in found)


def test_memory_another_process_holds_is_named_from_a_2x_device_created_small(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow 2.0-2.4 list the GPU's whole memory, then create its device with what was
    free: 412 MB of a 16 GB V100 is another process's doing, not the model's size (review 63,
    c06d; the records as TensorFlow 2.4's gpu_device.cc words them)."""
    small = (
        "2021-06-14 16:02:43.801120: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1720]"
        " Found device 0 with properties: \npciBusID: 0000:00:1e.0 name: Tesla V100-SXM2-16GB"
        " computeCapability: 7.0\ncoreClock: 1.53GHz coreCount: 80 deviceMemorySize: 15.78GiB"
        " deviceMemoryBandwidth: 836.37GiB/s\n"
        "2021-06-14 16:02:44.512210: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1418]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 412 MB"
        " memory) -> physical GPU (device: 0, name: Tesla V100-SXM2-16GB, pci bus id:"
        " 0000:00:1e.0, compute capability: 7.0)\n"
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError:  OOM when allocating"
        " tensor with shape[32,64,128,144] and type float on"
        " /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc\n"
    )
    first = doctor(tmp_path, capsys, small, "--os", "linux")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["title"].startswith("Another process")
    # the user's own cap on TensorFlow's share makes the device that small
    capped = "tf.config.set_logical_device_configuration(gpus[0], [tf.config.LogicalDevice"
    capped += "Configuration(memory_limit=412)])\n" + small
    found = doctor(tmp_path, capsys, capped, "--os", "linux")["findings"]
    assert not any(f["title"].startswith("Another process") for f in found)
    # most of it free: the model does not fit
    roomy = small.replace("with 412 MB memory", "with 14652 MB memory")
    found = doctor(tmp_path, capsys, roomy, "--os", "linux")["findings"]
    assert not any(f["title"].startswith("Another process") for f in found)


def test_memory_another_process_holds_is_named_from_nvidia_smi_beside_a_later_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From 2.5 on TensorFlow lists no deviceMemorySize: the GPU's size comes from the
    nvidia-smi table pasted beside it, 322 MB of a 24 GB RTX 3090 is another process's doing,
    and the BFC allocator's own advice to try TF_GPU_ALLOCATOR is no cap the user set (review
    67, multi-GPU D08)."""
    smi = (
        "| NVIDIA-SMI 535.104.05             Driver Version: 535.104.05   CUDA Version: 12.2  |\n"
        "|   0  NVIDIA GeForce RTX 3090        Off | 00000000:01:00.0 Off |              N/A |\n"
        "| 30%   58C    P2             280W / 350W |  23874MiB / 24576MiB |     97%  Default |\n"
        "|   1  NVIDIA GeForce RTX 3090        Off | 00000000:02:00.0 Off |              N/A |\n"
        "| 30%   34C    P8              21W / 350W |      5MiB / 24576MiB |      0%  Default |\n"
    )
    run = (
        "2023-11-02 10:31:12.004411: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 322 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3090, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "2023-11-02 10:31:15.912838: W tensorflow/tsl/framework/bfc_allocator.cc:485] Allocator"
        " (GPU_0_bfc) ran out of memory trying to allocate 1.17GiB (rounded to 1258291200)"
        "requested by op Conv2D\nIf the cause is memory fragmentation maybe the environment"
        " variable 'TF_GPU_ALLOCATOR=cuda_malloc_async' will improve the situation. \n"
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError: {{function_node"
        " __wrapped__Conv2D_device_/job:localhost/replica:0/task:0/device:GPU:0}} OOM when"
        " allocating tensor with shape[64,128,192,192] and type float on"
        " /job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc [Op:Conv2D]\n"
    )
    first = doctor(tmp_path, capsys, smi + run, "--os", "linux")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["title"].startswith("Another process")
    assert "idle GPU" in first["fix"]
    # without the table the GPU's size is not known: the model's size stays the reading
    found = doctor(tmp_path, capsys, run, "--os", "linux")["findings"]
    assert not any(f["title"].startswith("Another process") for f in found)


def test_a_container_asked_for_the_gpu_is_not_told_to_ask_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_libcuda = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:55] Could not load dynamic"
        " library 'libcuda.so.1'; dlerror: libcuda.so.1: cannot open shared object file: No such"
        " file or directory; LD_LIBRARY_PATH: /.singularity.d/libs\n"
    )
    asked = "$ singularity exec --nv tf.sif python train.py\n" + no_libcuda
    found = doctor(tmp_path, capsys, asked, "--os", "linux")["findings"]
    assert found[0]["id"] != "container-gpu-not-exposed"
    # (review 71, apptainer/singularity#4687) --nv's bound libraries unreadable inside: the
    # runtime did not bring the driver in, which no flag of the user's mends
    unbound = asked.replace(
        "$ singularity exec --nv tf.sif python train.py\n",
        "$ singularity shell --nv tf.sif\nls: /.singularity.d/libs/libOpenCL.so.1: Srmount error\n",
    )
    first = doctor(tmp_path, capsys, unbound, "--os", "linux")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "/.singularity.d/libs" in first["fix"]
    # a login node whose name says it has GPUs is not told it has none
    login_gpu = (
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156] kernel driver does not appear"
        " to be running on this host (login-gpu01): /proc/driver/nvidia/version does not exist\n"
    )
    assert _first_finding(tmp_path, capsys, login_gpu) != "no-nvidia-gpu"


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/NVIDIA/libnvidia-container/issues/154: a rootless engine
        "nvidia-container-cli: mount error: failed to add device rules: unable to find any"
        " existing device filters attached to the cgroup: bpf_prog_query(BPF_CGROUP_DEVICE)"
        " failed: operation not permitted: unknown.",
        # https://github.com/sylabs/singularity/issues/641: --nvccli without CAP_NET_ADMIN
        "FATAL:   container creation failed: nvidia-container-cli failed with exit status 1:"
        " nvidia-container-cli: permission error: capability change failed: operation not"
        " permitted",
        # https://github.com/NVIDIA/nvidia-docker/issues/1199: a Docker client before 19.03
        "unknown flag: --gpus\nSee 'docker run --help'.",
        # https://github.com/docker/compose/issues/6691: docker-compose 1.17
        "ERROR: The Compose file './docker-compose.yml' is invalid because:\n"
        "Unsupported config option for services.engine: 'runtime'",
        # https://github.com/NVIDIA/nvidia-container-toolkit/issues/692: CDI spec of the last
        # driver
        "Error: crun: cannot stat `/usr/lib/libnvidia-egl-wayland.so.1.1.13`: No such file or"
        " directory: OCI runtime attempted to invoke a command that was not found",
        # https://github.com/NVIDIA/nvidia-container-runtime/issues/142: rootless podman's hook
        "Error: error executing hook `/usr/bin/nvidia-container-toolkit` (exit code: 1): OCI"
        " runtime error",
    ],
    ids=[
        "rootless-cgroups",
        "hook-capabilities",
        "old-docker-client",
        "old-compose",
        "stale-cdi",
        "podman-hook",
    ],
)
def test_a_container_that_never_got_the_gpu_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    assert _first_finding(tmp_path, capsys, line + "\n") == "container-gpu-not-exposed"


def test_the_hook_s_own_reason_outranks_the_bare_hook_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "Error: OCI runtime error: error executing hook `/usr/bin/nvidia-container-toolkit`"
        " (exit code: 1)\n"
        "nvidia-container-cli: initialization error: nvml error: driver not loaded\n"
    )
    assert _first_finding(tmp_path, capsys, log) == "no-nvidia-driver"


def test_apt_not_finding_the_cudnn_package_is_cudnn_not_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/44300: 'apt-get update' skipped after
    # adding NVIDIA's repository
    missing = "E: Unable to locate package libcudnn7\nE: Unable to locate package libcudnn7-dev\n"
    assert _first_finding(tmp_path, capsys, missing) == "cudnn-not-found"
    # https://github.com/tensorflow/tensorflow/issues/41848: a version the repository lacks
    version = "E: Version '7.6.5.32+cuda10.1' for 'libcudnn7' was not found\n"
    assert _first_finding(tmp_path, capsys, version) == "cudnn-not-found"


# https://github.com/rstudio/keras3/issues/107 (verbatim excerpt): R's reticulate importing
# TensorFlow 1.3 on Windows; the traceback is cut before its last line
SWIG_FRAME_CUT = (
    "> Error in py_module_import(module, convert = convert) :\n"
    "> ImportError: Traceback (most recent call last):\n"
    '> File "C:\\Users\\Harry\\ANACON1\\envs\\R-TENS1\\lib\\site-packages\\tensorflow\\python\\'
    'pywrap_tensorflow_internal.py",\n'
    "> line 18, in swig_import_helper\n"
    "> return importlib.import_module(mname)\n"
)


def test_swig_s_loader_frame_is_a_release_that_still_had_gpu_builds_on_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Releases before 2.2 load pywrap_tensorflow_internal through SWIG's helper, and every
    one of them had Windows GPU builds: the traceback is no sign of 2.11's CPU-only wheel."""
    doc = doctor(tmp_path, capsys, SWIG_FRAME_CUT, "--os", "windows")
    assert "windows-native-gpu-unsupported" not in _ids(doc)
    # the helper of another SWIG module (faiss, openbabel) says nothing of TensorFlow's release
    other = SWIG_FRAME_CUT.replace("pywrap_tensorflow_internal", "swigfaiss")
    assert "windows-native-gpu-unsupported" in _ids(
        doctor(tmp_path, capsys, other, "--os", "windows")
    )


@pytest.mark.parametrize(
    ("log", "cause"),
    [
        pytest.param(
            # https://github.com/MycroftAI/mycroft-precise/issues/44 (verbatim): Keras's banner
            # and the shell's report pasted as one line; the CPU lacked AVX
            "Using TensorFlow backend. Illegal instruction\n",
            "cpu-lacks-avx",
            id="illegal-instruction-after-the-last-sentence",
        ),
        pytest.param(
            # https://github.com/mozilla/DeepSpeech/issues/3088 (verbatim title): cuDNN's RNN
            # call failing on the GPU; smaller batches were among the fixes
            "Internal: Failed to call ThenRnnForward with model config: [rnn_mode,"
            " rnn_input_mode, rnn_direction_mode]: 2, 0, 0 , [num_layers, input_size, num_units,"
            " dir_count, max_seq_length, batch_size, cell_num\n",
            "gpu-out-of-memory",
            id="cudnn-rnn-call-failed",
        ),
        pytest.param(
            # https://github.com/tensorflow/tensorflow/pull/30911 (verbatim, the traceback cut):
            # the GPU image started without the GPU
            'docker run --rm tensorflow/tensorflow:1.13.2-gpu-py3 python -c "import tensorflow"\n'
            "Traceback (most recent call last):\n"
            '  File "/usr/local/lib/python3.6/dist-packages/tensorflow/python/'
            'pywrap_tensorflow.py", line 58, in <module>\n',
            "container-gpu-not-exposed",
            id="gpu-image-run-without-the-gpu",
        ),
    ],
)
def test_a_line_read_where_a_paste_puts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, cause: str
) -> None:
    assert _ids(doctor(tmp_path, capsys, log))[:1] == [cause]


@pytest.mark.parametrize(
    "line",
    [
        # prose naming the CPU tag it left behind (written)
        "I moved from tensorflow/tensorflow:2.11.0 to tensorflow/tensorflow:2.11.0-gpu and still",
        # a command cut short inside what may have been '-gpu' (written)
        "$ docker run --gpus all -it --rm tensorflow/tensorflow:2.15.0-g",
        "$ docker run --gpus all -it --rm tensorflow/tensorflow:2.15.0-",
        # the image left behind named beside the GPU one (written)
        "I switched from the image tensorflow/tensorflow:2.11.0 to"
        " tensorflow/tensorflow:2.11.0-gpu",
    ],
)
def test_a_cpu_image_tag_outside_a_command_or_cut_short_is_not_read_as_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    log = line + "\nCould not load dynamic library 'libcudnn.so.8'\n"
    assert "cpu-only-tensorflow" not in _ids(doctor(tmp_path, capsys, log))


@pytest.mark.parametrize(
    "line",
    [
        "Step 1/6 : FROM tensorflow/tensorflow:2.15.0-jupyter",
        "Unable to find image 'tensorflow/tensorflow:latest' locally",
        # BuildKit's step, compose's pull and a 'docker ps' row (written in their formats)
        "#5 [1/6] FROM docker.io/tensorflow/tensorflow:2.15.0@sha256:0123abcd",
        "Pulling tf (tensorflow/tensorflow:2.4.0)...",
        'a1b2c3d4e5f6   tensorflow/tensorflow:latest   "bash"   2 hours ago   Up 2 hours',
        "docker run --rm \\\n  --runtime=nvidia \\\n  tensorflow/tensorflow:1.13.2-py3 x.py",
    ],
)
def test_a_cpu_image_tag_built_on_pulled_or_run_is_read_as_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    assert "cpu-only-tensorflow" in _ids(doctor(tmp_path, capsys, line + "\n"))


def test_illegal_instruction_inside_a_sentence_is_not_the_signal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = "Note: the illegal instruction handler is installed. Using TensorFlow backend.\n"
    assert "cpu-lacks-avx" not in _ids(doctor(tmp_path, capsys, log))


@pytest.mark.parametrize(
    "command",
    [
        "docker run --gpus all --rm tensorflow/tensorflow:1.13.2-gpu-py3 python x.py",
        "nvidia-docker run --rm tensorflow/tensorflow:1.13.2-gpu-py3 python x.py",
        "docker run --rm \\\n  --runtime=nvidia \\\n  tensorflow/tensorflow:1.13.2-gpu-py3 x.py",
        "docker run --rm tensorflow/tensorflow:1.13.2-py3 python x.py",
        # TensorFlow 1.x's own docs: the devices and the driver come in through variables
        "docker run -it $CUDA_SO $DEVICES gcr.io/tensorflow/tensorflow:latest-gpu",
        "docker run --device /dev/nvidia0 --device /dev/nvidiactl tensorflow/tensorflow:1.3.0-gpu",
    ],
)
def test_a_run_given_the_gpu_or_of_a_cpu_image_is_not_read_as_one_without(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    log = command + "\nTraceback (most recent call last):\n"
    assert "container-gpu-not-exposed" not in _ids(doctor(tmp_path, capsys, log))


# https://github.com/david8862/keras-YOLOv3-model-set/issues/209 (verbatim)
CUDNN_805_UNDER_810 = (
    "2021-11-21 21:12:28.951881: E tensorflow/stream_executor/cuda/cuda_dnn.cc:359] Loaded"
    " runtime CuDNN library: 8.0.5 but source was compiled with: 8.1.0.  CuDNN library needs to"
    " have matching major version and equal or higher minor version. If using a binary install,"
    " upgrade your CuDNN library.\n"
)


def test_another_cudnn_first_is_the_cause_only_where_the_installed_one_would_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """cuDNN 7.6 installed would not serve a build for 8.1 either: the mismatch TensorFlow
    names is the cause (the maintainer's answer). An installed 8.2 would, so the 8.0.5 that
    loaded came first from elsewhere."""
    old = doctor(
        tmp_path, capsys, CUDNN_805_UNDER_810, "--cuda-toolkit", "11.1", "--cudnn", "7.6.5"
    )
    assert _ids(old)[0] == "cudnn-version-mismatch"
    newer = doctor(tmp_path, capsys, CUDNN_805_UNDER_810, "--cudnn", "8.2")
    assert _ids(newer)[0] == "ld-library-path-shadows"


# https://github.com/google/automl/issues/555 (verbatim excerpt, its wrapped lines joined)
GT_220_FOUND = (
    "2020-06-29 12:21:24.607896: W tensorflow/stream_executor/platform/default/dso_loader.cc:55]"
    " Could not load dynamic library 'cudart64_101.dll'; dlerror: cudart64_101.dll not found\n"
    "2020-06-29 12:21:26.546007: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1561] Found"
    " device 0 with properties:\n"
    "pciBusID: 0000:01:00.0 name: GeForce GT 220 computeCapability: 1.2\n"
)


@pytest.mark.parametrize("flags", [(), ("--gpu", "NVIDIA GeForce GT 220")])
def test_a_gpu_older_than_every_build_comes_before_the_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...]
) -> None:
    """No CUDA installed makes a compute capability 1.2 GPU usable; a name sold with 1.1 and
    1.2 takes the compute capability TensorFlow printed for it."""
    doc = doctor(tmp_path, capsys, GT_220_FOUND, *flags)
    top = doc["findings"][0]
    assert top["id"] == "compute-capability-unsupported"
    assert "source build" in top["fix"] and "from source" not in top["fix"]
    assert "cuda-libs-not-found" in _ids(doc)


def test_a_cudnn_mismatch_in_a_hosted_notebook_points_at_the_tensorflow_installed_over_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Colab's cuDNN comes with its runtime: the fix is the runtime's own TensorFlow, not
    another cuDNN (googlecolab/colabtools#2459; the notebook path is written for the test)."""
    log = CUDNN_805_UNDER_810 + '  File "/content/drive/MyDrive/train.py", line 3, in <module>\n'
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "cudnn-version-mismatch"
    assert "preinstalls" in top["fix"]
    elsewhere = doctor(tmp_path, capsys, CUDNN_805_UNDER_810)["findings"][0]
    assert "preinstalls" not in elsewhere["fix"]


# https://github.com/tensorflow/tensorflow/issues/2525 (verbatim): TF 0.x in a Docker image
# without cuDNN; installing it fixed the run
CUDNN_LOOKED_UP_IN_TF = (
    "F tensorflow/stream_executor/cuda/cuda_dnn.cc:204] could not find cudnnCreate in cudnn DSO;"
    " dlerror: /usr/local/lib/python2.7/dist-packages/tensorflow/python/_pywrap_tensorflow.so:"
    " undefined symbol: cudnnCreate\n"
)


def test_a_function_looked_up_in_tensorflow_s_own_module_means_the_library_never_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dlerror names TensorFlow's module: cuDNN is missing. Naming a libcudnn, it is another
    cuDNN release than the build's (the function is not in it)."""
    missing = doctor(tmp_path, capsys, CUDNN_LOOKED_UP_IN_TF, "--container")
    assert _ids(missing)[0] == "cudnn-not-found"
    assert "TensorFlow 2." not in " ".join(missing["findings"][0]["evidence"])
    other = CUDNN_LOOKED_UP_IN_TF.replace(
        "/usr/local/lib/python2.7/dist-packages/tensorflow/python/_pywrap_tensorflow.so",
        "/usr/lib/x86_64-linux-gnu/libcudnn.so.5",
    )
    assert _ids(doctor(tmp_path, capsys, other))[0] == "cudnn-version-mismatch"
    cublas = (
        "could not find cublasCreate_v2 in cublas DSO; dlerror: /usr/lib/python2.7/site-packages/"
        "tensorflow/python/_pywrap_tensorflow.so: undefined symbol: cublasCreate_v2\n"
    )
    assert _ids(doctor(tmp_path, capsys, cublas))[0] == "cuda-libs-not-found"


def test_the_old_cpu_instruction_warning_cut_at_its_start_is_still_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#8853 (verbatim): a Windows console cut the warning's first half; the program
    then printed its result."""
    log = (
        "2017-03-30 15:20:06.126686: W c:\\tf_jenkins\\home\\workspace\\nightly-win\\device\\cpu\\"
        "os\\windows\\tensorflow\\core\\platform\\cpu_feature_\n"
        "tions, but these are available on your machine and could speed up CPU computations.\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "windows", "--tf", "1.1")
    assert [(f["id"], f["severity"]) for f in doc["findings"]] == [("benign-log-noise", "info")]


def test_the_dll_initialisation_failure_is_read_in_dutch_and_italian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SpleeterGui#52 (Dutch, verbatim) and #10 (Italian): Windows' ERROR_DLL_INIT_FAILED for
    TensorFlow's own module, a CPU without AVX in every settled SpleeterGUI thread."""
    for text in (
        "Een initialisatieroutine van de dynamic link library (DLL-bestand) is mislukt.",
        "Routine di inizializzazione della libreria di collegamento dinamico (DLL) non riuscita.",
    ):
        log = f"ImportError: DLL load failed: {text}\n"
        assert _ids(doctor(tmp_path, capsys, log, "--os", "windows"))[:1] == ["cpu-lacks-avx"]


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/conda/conda/issues/5048 (verbatim): conda 4.3's conflict list
        "UnsatisfiableError:the following specifications were found to be in conflict :\n"
        "-python 2.7*\n"
        "-tensorflow->protobuf ==3.1.0 ->python 3.4*\n",
        # https://github.com/conda-forge/tensorflow-feedstock/issues/21 (verbatim)
        "PackageNotFoundError: Package not found: '' Package missing in current win-64 channels:\n"
        "  - tensorflow\n",
    ],
    ids=["conda-4.3-conflict", "conda-4.3-package-missing"],
)
def test_conda_s_older_wording_of_no_build_for_this_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    assert _ids(doctor(tmp_path, capsys, log))[:1] == ["python-unsupported"]


def test_a_chain_to_another_python_from_another_package_is_not_tensorflow_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "UnsatisfiableError: the following specifications were found to be in conflict:\n"
        "  - python 2.7*\n"
        "  - opencv -> python 3.6*\n"
    )
    assert "python-unsupported" not in _ids(doctor(tmp_path, capsys, log))


def test_tensorflow_macos_is_no_cpu_only_package_chosen_over_a_gpu_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#50108 (verbatim excerpt): pip found no tensorflow-macos for that macOS's tags
    until SYSTEM_VERSION_COMPAT=0; macOS has no CUDA build to choose instead."""
    log = (
        " % pip install tensorflow-macos\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow-macos (from"
        " versions: none)\n"
        "ERROR: No matching distribution found for tensorflow-macos\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "macos", "--arch", "x86_64")
    assert _ids(doc)[0] == "python-unsupported"
    assert "cpu-only-tensorflow" not in _ids(doc)


def test_a_shell_prompt_after_a_record_starts_another_command_s_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """OCR-D/ocrd_all#220 (verbatim excerpt): 'pip show' of two TensorFlow distributions under
    the prompt that followed TensorFlow's last record; they are not that record's wrapped
    tail."""
    log = (
        "2020-11-23 08:55:21.355369: I tensorflow/compiler/xla/service/service.cc:176]  "
        " StreamExecutor device (0): Host, Default Version\n"
        "False\n"
        "(headless-tf1) root@5e85f82cd11c:/data# pip show tensorflow-gpu\n"
        "Name: tensorflow-gpu\n"
        "Version: 1.15.4\n"
        "(headless-tf1) root@5e85f82cd11c:/data# pip show tensorflow\n"
        "Name: tensorflow\n"
        "Version: 1.15.4\n"
    )
    doc = doctor(tmp_path, capsys, log, "--container", "--tf", "1.15.4")
    assert _ids(doc)[0] == "multiple-tensorflow-distributions"


def test_a_failed_copy_back_from_the_gpu_says_the_work_ran_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NifTK/NiftyNet#445 (verbatim): the copy back failed after work ran on the GPU; a cuDNN
    mismatch beside it is the likelier cause (written for the test from tensorflow#2117's
    neighbours)."""
    log = (
        "2019-10-01 11:06:06.793519: I tensorflow/stream_executor/stream.cc:5011]"
        " [stream=00000256E1A01E70,impl=00000256E5F61A70] did not memcpy device-to-host; source:"
        " 0000000B11880D00\n"
        "2019-10-01 11:06:06.791243: F tensorflow/core/common_runtime/gpu/gpu_util.cc:292]"
        " GPU->CPU Memcpy failed\n"
    )
    doc = doctor(tmp_path, capsys, log, "--gpu", "2080 Ti")
    assert _ids(doc)[0] == "gpu-kernel-failed"
    assert "ran work on the GPU" in doc["verdict"]
    with_cudnn = CUDNN_805_UNDER_810 + log
    assert _ids(doctor(tmp_path, capsys, with_cudnn))[0] == "cudnn-version-mismatch"


def test_a_library_missing_in_a_program_an_ide_started_says_where_else_to_look(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#9530's line (verbatim) as PyCharm shows it (its project path and end line
    written for the test): PyCharm does not get the shell's LD_LIBRARY_PATH."""
    line = "ImportError: libcudnn.so.5: cannot open shared object file: No such file or directory\n"
    ide = (
        '  File "/home/u/PycharmProjects/mnist/train.py", line 1, in <module>\n'
        + line
        + "\nProcess finished with exit code 1\n"
    )
    top = doctor(tmp_path, capsys, ide, "--os", "linux")["findings"][0]
    assert top["id"] == "cudnn-not-found"
    assert "run configuration" in top["fix"]
    plain = doctor(tmp_path, capsys, line, "--os", "linux")["findings"][0]
    assert "run configuration" not in plain["fix"]


def test_conda_search_offering_every_build_is_not_what_one_environment_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'conda search tensorflow' rows (the shape of medaka#232's listing) offer eigen, GPU and
    MKL builds side by side; a 'conda list' row of one MKL build still reads as CPU-only."""
    search = (
        "tensorflow                     2.2.0 eigen_py36h84d285f_0  pkgs/main\n"
        "tensorflow                     2.2.0 gpu_py36hf933387_0  pkgs/main\n"
        "tensorflow                     2.2.0 mkl_py36h5a57954_0  pkgs/main\n"
    )
    assert "cpu-only-tensorflow" not in _ids(doctor(tmp_path, capsys, search))
    installed = "tensorflow                2.2.0           mkl_py37h6e9ce2d_0\n"
    assert _ids(doctor(tmp_path, capsys, installed))[:1] == ["cpu-only-tensorflow"]


def test_conda_s_own_gpu_build_is_not_judged_by_pypi_s_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """medaka#165's 'conda list' (rows verbatim): Anaconda's TensorFlow 1.14 GPU build with
    conda's cudatoolkit 10.1, a pair conda made; PyPI's 1.14 wheel was built with CUDA 10.0."""
    log = (
        "cudatoolkit               10.1.243             h6bb024c_0  \n"
        "cudnn                     7.6.5                cuda10.1_0 \n"
        "tensorflow                1.14.0          gpu_py36h3fb9ad6_0  \n"
        "tensorflow-base           1.14.0          gpu_py36he45bfe2_0  \n"
        "tensorflow-gpu            1.14.0               h0d30ee6_0 \n"
    )
    assert "cuda-version-mismatch" not in _ids(doctor(tmp_path, capsys, log))


def test_tensorflow_1_0_s_capitalised_allocator_message_is_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """endernewton/tf-faster-rcnn#7 (verbatim): another notebook's kernel held the GPU."""
    log = (
        "tensorflow/core/common_runtime/bfc_allocator.cc:275] Ran out of memory trying to"
        " allocate 392.00MiB. See logs for memory state.\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[:1] == ["gpu-out-of-memory"]


def test_a_cudnn_dll_of_the_wrong_format_is_cudnn_not_loading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PaddlePaddle#45112 (verbatim): Windows error 193, a DLL that is no 64-bit one."""
    log = "Could not load library cudnn_cnn_infer64_8.dll. Error code 193\n"
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("cudnn-not-found", "error")
    assert "64-bit" in top["title"]


# https://github.com/tensorflow/tensorflow/issues/8037 (verbatim): macOS, TensorFlow 1.0's
# warnings only; the thread settled that they are harmless
OLD_SSE_WARNINGS = (
    "W tensorflow/core/platform/cpu_feature_guard.cc:45] The TensorFlow library wasn't compiled"
    " to use SSE4.1 instructions, but these are available on your machine and could speed up CPU"
    " computations.\n"
)


@pytest.mark.parametrize(("release", "no_cuda"), [("1.0", False), ("1.1", False), ("1.2", True)])
def test_macos_had_cuda_builds_until_1_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], release: str, no_cuda: bool
) -> None:
    doc = doctor(tmp_path, capsys, OLD_SSE_WARNINGS, "--os", "macos", "--tf", release)
    assert ("macos-no-cuda" in _ids(doc)) is no_cuda


def test_a_cpu_build_conda_lists_is_not_undone_by_a_gpu_build_conda_search_offers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 12 (written for the test in conda's formats): the environment's 'conda list' has
    the MKL build; 'conda search' shows a GPU build exists, which is not what is installed."""
    log = (
        "(tf) $ conda list | grep tensorflow\n"
        "tensorflow                2.4.1           mkl_py38hb2083e0_0\n"
        "tensorflow-base           2.4.1           mkl_py38h43e0292_0\n"
        "(tf) $ conda search tensorflow | grep 2.4.1\n"
        "tensorflow                     2.4.1 eigen_py38h2d7d9a7_0  pkgs/main\n"
        "tensorflow                     2.4.1 gpu_py38h8a7d6ce_0  pkgs/main\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[:1] == ["cpu-only-tensorflow"]


def test_pip_s_tensorflow_over_a_conda_gpu_row_is_judged_by_pypi_s_table() -> None:
    """A conda GPU row under a pip-installed TensorFlow is a leftover: the wheel that runs is
    PyPI's, whose build the table describes; a search row is no install at all."""
    from tfgpu_setup.diagnose.logfacts import read_log_facts
    from tfgpu_setup.diagnose.logs import match_log

    def conda_gpu(text: str) -> str:
        return read_log_facts(text, match_log(text)).conda_gpu_build_line

    gpu_row = "tensorflow-base           2.4.1           gpu_py38h29c2da4_0\n"
    assert conda_gpu(gpu_row)
    assert not conda_gpu(
        "tensorflow                2.6.0                    pypi_0    pypi\n" + gpu_row
    )
    assert not conda_gpu("tensorflow                     2.4.1 gpu_py38h8a7d6ce_0  pkgs/main\n")


def test_a_cudnn_only_listed_on_disk_says_nothing_of_the_release() -> None:
    """A cuDNN 7 left on disk ('ls' of the CUDA folder) beside TensorFlow 2.x: only the library
    TensorFlow asks for says which release it is."""
    from tfgpu_setup.diagnose.release_hints import release_hints

    listed = "$ ls /usr/local/cuda/lib64 | grep cudnn\nlibcudnn.so.7\nlibcudnn.so.7.6.5\n"
    assert "<2.4" not in dict(release_hints(listed))
    asked = "Could not load dynamic library 'libcudnn.so.7'; dlerror: libcudnn.so.7: cannot open"
    assert "<2.4" in dict(release_hints(asked))


def test_an_old_gpu_beside_one_that_reached_cudnn_does_not_hide_the_cudnn_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 12 (written for the test): a GT 610 TensorFlow ignores as device 1, and a cuDNN
    check that only runs on a GPU in use: the mismatch stays the cause."""
    log = (
        "2018-06-12 14:22:01.512345: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1394]"
        " Ignoring visible gpu device (device: 1, name: GeForce GT 610, pci bus id: 0000:02:00.0,"
        " compute capability: 2.1) with Cuda compute capability 2.1. The minimum required Cuda"
        " capability is 3.0.\n" + CUDNN_805_UNDER_810
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "cudnn-version-mismatch"


def test_a_gpu_older_than_every_build_is_the_cause_whatever_release_wrote_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#7649 (verbatim lines, GeForce 210 stated): TensorFlow 1.0 on Windows opened
    its libraries; no release of any year runs on compute capability 1.2."""
    log = (
        "I c:\\tf_jenkins\\home\\workspace\\release-win\\device\\gpu\\os\\windows\\tensorflow"
        "\\stream_executor\\dso_loader.cc:135] successfully opened CUDA library cublas64_80.dll"
        " locally\n"
    )
    ancient = _ids(doctor(tmp_path, capsys, log, "--gpu", "1.2"))
    assert ancient[0] == "compute-capability-unsupported"
    kepler = _ids(doctor(tmp_path, capsys, log, "--gpu", "3.0"))
    assert "compute-capability-unsupported" not in kepler


def test_the_driver_s_missing_function_steps_back_behind_a_gpu_no_driver_serves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GeForce 210's newest driver is the 340 branch: updating it is no fix."""
    log = (
        "F c:\\tf_jenkins\\home\\workspace\\release-win\\device\\gpu\\os\\windows\\tensorflow"
        "\\stream_executor\\cuda\\cuda_driver.cc:94] Check failed: s.ok() could not find"
        " cuDevicePrimaryCtxSetFlags in libcuda DSO; dlerror: cuDevicePrimaryCtxSetFlags not"
        " found\n"
    )
    ids = _ids(doctor(tmp_path, capsys, log, "--gpu", "GeForce 210"))
    assert ids[:2] == ["compute-capability-unsupported", "driver-too-old"]
    assert _ids(doctor(tmp_path, capsys, log, "--gpu", "GTX 750"))[0] == "driver-too-old"


def test_protobuf_s_failure_is_no_cuda_dll_and_only_a_python_without_the_function_has_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "    from google.protobuf.pyext import _message\n"
        "ImportError: DLL load failed: The specified procedure could not be found.\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "windows")
    assert [(f["id"], f["severity"]) for f in doc["findings"]] == [("python-unsupported", "error")]
    assert "protobuf==" not in doc["findings"][0]["fix"]  # TensorFlow 1.12 on needs >= 3.6.1
    # every 3.7 has the function; 3.8 on names the module, and has it too (review 17)
    for newer_python in ("3.7", "3.6.8", "2.7"):  # each has the function, or needs none
        newer = doctor(tmp_path, capsys, log, "--os", "windows", "--python", newer_python)
        assert "python-unsupported" not in _ids(newer), newer_python
    named = "ImportError: DLL load failed while importing _message: The specified procedure could"
    assert "python-unsupported" not in _ids(doctor(tmp_path, capsys, named + " not be found.\n"))
    # TensorFlow's own module failing with the same words is not protobuf's
    own = "ImportError: DLL load failed: The specified procedure could not be found.\n"
    assert "python-unsupported" not in _ids(doctor(tmp_path, capsys, own, "--os", "windows"))
    # nor is TensorFlow's own DLL failing in another attempt in the same paste (review 17)
    again = log + (
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: The specified"
        " module could not be found.\n"
    )
    kept = _ids(doctor(tmp_path, capsys, again, "--os", "windows"))
    assert "windows-vc-runtime-missing" in kept  # Python 3.8's form dates it to 2.2 or later


def test_nvidia_docker_1_that_could_not_read_the_driver_is_no_old_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'driver 0.0' is a driver the wrapper could not read (a stale volume), never an old one."""
    log = "Error: unsupported CUDA version: driver 0.0 < image 9.0.176\n"
    assert "driver-too-old" not in _ids(doctor(tmp_path, capsys, log))


def test_an_ancient_gpu_stated_beside_a_log_that_found_a_modern_one_is_not_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 18: TensorFlow printed a GTX 1080 (6.1) it found; a GTX 480 named too does not
    make 'no release runs here' the cause of the cuDNN failure after it."""
    log = (
        "2018-01-01 10:00:00.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1105]"
        " Found device 0 with properties:\n"
        "name: GeForce GTX 1080 major: 6 minor: 1 memoryClockRate(GHz): 1.7335\n"
        "2018-01-01 10:00:01.000000: E tensorflow/stream_executor/cuda/cuda_dnn.cc:385] could"
        " not create cudnn handle: CUDNN_STATUS_INTERNAL_ERROR\n"
    )
    ids = _ids(doctor(tmp_path, capsys, log, "--gpu", "GeForce GTX 480"))
    assert ids[0] == "gpu-out-of-memory"


def test_a_tensorflow_that_opened_the_cuda_runtime_is_no_build_without_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/Qengineering/Jetson-Nano-Ubuntu-20-image/issues/15 (verbatim): a
    Jetson's TensorFlow loads CUDA 10.2, which PyPI's aarch64 wheel (no CUDA) never opens."""
    log = (
        ">>> import tensorflow\n"
        "2023-01-11 13:06:21.813460: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudart.so.10.2\n"
        "Illegal instruction (core dumped)\n"
    )
    doc = doctor(tmp_path, capsys, log, "--arch", "aarch64")
    assert all(f["severity"] == "info" for f in doc["findings"] if f["id"] == "cpu-only-tensorflow")
    assert "cpu-lacks-avx" not in _ids(doc)  # an Arm CPU has no AVX to miss


def test_the_jetson_s_gpu_refused_to_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A code-corpus note (a whisper service in an l4t container, verbatim): NvRmMemInitNvmap
    is refused where NVIDIA's runtime did not start the container, or to a user outside the
    video group on the board: likely, not certain."""
    log = (
        "NvRmMemInitNvmap failed with Permission denied\n"
        "Memory Manager Not supported\n"
        "NvRmMemMgrInit failed\n"
        "RuntimeError: CUDA failed with error unknown error\n"
    )
    top = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert (top["id"], top["severity"]) == ("container-gpu-not-exposed", "warning")
    assert "--runtime nvidia" in top["fix"] and "video group" in top["fix"]


def test_tensorflow_s_cuda_code_at_work_is_no_native_windows_whatever_its_paths_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 19, with tensorflow#68710's line: Docker Desktop users state Windows; XLA's CUDA
    code ran, which no native Windows build has from 2.11, though its paths date it 2.15 on."""
    log = (
        "E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:282] failed call to"
        " cuInit: CUDA_ERROR_NOT_FOUND: named symbol not found\n"
    )
    ids = _ids(doctor(tmp_path, capsys, log, "--os", "windows", "--container"))
    assert ids[0] == "container-gpu-not-exposed"
    assert "windows-native-gpu-unsupported" not in ids
    # nor where the release is named, by the log's own print (review 20)
    printed = "TensorFlow version: 2.15.0\n" + log
    assert "windows-native-gpu-unsupported" not in _ids(
        doctor(tmp_path, capsys, printed, "--os", "windows")
    )


# https://github.com/tensorflow/tensorflow/issues/97387 (verbatim): an RTX 5080 on tf-nightly
# 2.21; only NGC's images, built for sm_120, ran on it
BLACKWELL_JIT = (
    "W0000 00:00:1753232013.685876   24341 gpu_device.cc:2431] TensorFlow was not built with CUDA"
    " kernel binaries compatible with compute capability 12.0. CUDA kernels will be jit-compiled"
    " from PTX, which could take 30 minutes or longer.\n"
)


def test_a_jit_that_the_release_makes_work_fails_where_the_log_shows_it_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = doctor(tmp_path, capsys, BLACKWELL_JIT, "--os", "linux", "--tf", "2.21")
    assert alone["findings"][0]["id"] == "compute-capability-ptx-jit"
    # a handle destroyed twice at shutdown says nothing of the JIT
    teardown = BLACKWELL_JIT + (
        "E0000 00:00:1753232099.000000   24341 cuda_driver.cc:1050] error destroying CUDA event:"
        " CUDA_ERROR_INVALID_HANDLE: invalid resource handle\n"
    )
    later = doctor(tmp_path, capsys, teardown, "--os", "linux", "--tf", "2.21")["findings"][0]
    assert later["id"] == "compute-capability-ptx-jit"
    failed = BLACKWELL_JIT + "\nCUDA_ERROR_INVALID_HANDLE\n"
    top = doctor(tmp_path, capsys, failed, "--os", "linux", "--tf", "2.21")["findings"][0]
    assert (top["id"], top["severity"]) == ("compute-capability-unsupported", "error")


# https://github.com/NVIDIA/nvidia-docker/issues/1548 (verbatim): 'gpu works fine inside the
# container', the reporter says, citing the CUDA on WSL release notes on this banner
NGC_BANNER_ON_WSL = (
    "docker run --gpus all --rm --shm-size=1g --ulimit memlock=-1 --ulimit stack=67108864"
    " nvcr.io/nvidia/tensorflow:20.03-tf2-py3 nvidia-smi\n"
    "NVIDIA Release 20.03-tf2 (build 11026100)\n"
    "TensorFlow Version 2.1.0\n"
    "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
    "   Use 'nvidia-docker run' to start this container; see\n"
    "   https://github.com/NVIDIA/nvidia-docker/wiki/nvidia-docker .\n"
)


def test_an_ngc_image_s_no_driver_banner_is_no_evidence_under_wsl2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linux = doctor(tmp_path, capsys, NGC_BANNER_ON_WSL, "--os", "linux", "--container")
    assert linux["findings"][0]["id"] == "container-gpu-not-exposed"
    assert linux["findings"][0]["severity"] == "error"
    wsl = doctor(tmp_path, capsys, NGC_BANNER_ON_WSL, "--os", "wsl2", "--container")
    assert all(f["severity"] != "error" for f in wsl["findings"])
    (banner,) = [f for f in wsl["findings"] if f["id"] == "container-gpu-not-exposed"]
    assert banner["severity"] == "info"
    assert "start-up check" in banner["evidence"][-1]
    # CUDA itself finding no GPU there too: the banner was right
    no_device = NGC_BANNER_ON_WSL + (
        "E tensorflow/stream_executor/cuda/cuda_driver.cc:300] failed call to cuInit:"
        " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n"
    )
    wsl_no_device = doctor(tmp_path, capsys, no_device, "--os", "wsl2", "--container")
    assert {f["id"]: f["severity"] for f in wsl_no_device["findings"]}.get(
        "container-gpu-not-exposed"
    ) in ("error", "warning")


def test_where_nothing_is_worse_than_a_note_the_harmless_lines_lead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/triton-inference-server/server/issues/1705 (excerpt, verbatim): 'It
    still prints out the driver error inspite of finding the GPU', the reporter says. The banner
    the log speaks against is a note, and it follows the harmless lines rather than leading."""
    log = (
        "WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
        "   Use 'nvidia-docker run' to start this container; see\n"
        "   https://github.com/NVIDIA/nvidia-docker/wiki/nvidia-docker .\n"
        "2020-06-25 09:20:50.854569: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library libcudart.so.10.2\n"
        "2020-06-25 09:20:55.215426: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library libcudnn.so.7\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "wsl2", "--container")
    findings = doc["findings"]
    assert all(f["severity"] == "info" for f in findings)
    assert findings[0]["id"] == "benign-log-noise"
    assert "container-gpu-not-exposed" in [f["id"] for f in findings[1:]]
    # TensorFlow reading the GPU's NUMA node: the driver found it, and the banner the log
    # spoke against is no failure after it
    numa = (
        "2020-06-25 09:20:55.215861: E tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:969]"
        " could not open file to read NUMA node: /sys/bus/pci/devices/0000:01:00.0/numa_node\n"
        "Your kernel may have been built without NUMA support.\n"
    )
    verdict = doctor(tmp_path, capsys, log + numa, "--os", "wsl2", "--container")["verdict"]
    assert "no line after it says anything failed" in verdict
    assert "no CUDA libraries" not in verdict


def test_a_toolkit_s_stubs_folder_on_the_loader_s_path_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/36974 (verbatim): in the devel-gpu
    image, removing the stubs folder from LD_LIBRARY_PATH alone fixed it."""
    echoed = (
        "# echo $LD_LIBRARY_PATH\n"
        "/usr/local/cuda/extras/CUPTI/lib64:/usr/local/cuda/lib64:/usr/local/cuda/lib64/stubs:"
        "/usr/include/x64_64-linux-gnu:/usr/local/nvidia/lib:/usr/local/nvidia/lib64\n"
    )
    (finding,) = doctor(tmp_path, capsys, echoed)["findings"]
    assert (finding["id"], finding["severity"]) == ("ld-library-path-shadows", "warning")
    assert "(/usr/local/cuda/lib64/stubs)" in finding["title"]
    named = "LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/cuda/lib64/stubs\n"
    assert (
        "(/usr/local/cuda/lib64/stubs)" in doctor(tmp_path, capsys, named)["findings"][0]["title"]
    )
    # not the loader's path: a PATH without one, a folder alone (find's output), one that is
    # no CUDA toolkit's, a stubs folder named in prose
    for other in (
        "/usr/local/cuda/bin:/usr/bin\n",
        "/usr/local/cuda-11.8/targets/x86_64-linux/lib/stubs\n",
        "LD_LIBRARY_PATH=/opt/myproj/typing/stubs:/usr/local/cuda/lib64\n",
        "I removed lib64/stubs from the path\n",
    ):
        assert doctor(tmp_path, capsys, other)["findings"] == [], other
    # and a GPU at work shows the driver's libcuda loaded
    assert "ld-library-path-shadows" not in _ids(doctor(tmp_path, capsys, CREATED_GPU + echoed))


def test_the_stub_answering_with_its_folder_on_the_path_is_the_cause_not_a_missing_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/14224: CUresult(-1) is what the stub
    libcuda returns; with its folder first on LD_LIBRARY_PATH, the driver is not what is
    missing."""
    log = (
        "2017-11-03 17:57:11.181620: E tensorflow/stream_executor/cuda/cuda_driver.cc:406] failed"
        " call to cuInit: CUresult(-1)\n"
        "2017-11-03 17:57:11.181848: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:189]"
        " libcuda reported version is: Not found: was unable to find libcuda.so DSO loaded into"
        " this program\n"
    )
    without = _ids(doctor(tmp_path, capsys, log))
    assert without[0] == "no-nvidia-driver"
    on_path = log + "LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs/:/usr/local/nvidia/lib64\n"
    findings = doctor(tmp_path, capsys, on_path)["findings"]
    assert (findings[0]["id"], findings[0]["severity"]) == ("ld-library-path-shadows", "error")
    assert {f["id"]: f["severity"] for f in findings}["no-nvidia-driver"] == "warning"
    # behind the driver's folder, the stub loaded only because no driver libcuda was there
    behind = log + "LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/cuda/lib64/stubs\n"
    severities = {f["id"]: f["severity"] for f in doctor(tmp_path, capsys, behind)["findings"]}
    assert severities["no-nvidia-driver"] == "error"


def test_swig_s_loader_outside_tensorflow_core_dates_a_release_before_1_15(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/13349 (verbatim): TensorFlow 1.x on
    Windows with CUDA 9 and cuDNN 7, fixed by installing CUDA 8 and cuDNN 6. 1.15 to 2.1 load
    the module from tensorflow_core: this is older, and its import loads the CUDA DLLs."""
    log = (
        ">>> import tensorflow\n"
        "Traceback (most recent call last):\n"
        '  File "D:\\ProgramData\\Anaconda3\\lib\\site-packages\\tensorflow\\python\\'
        'pywrap_tensorflow_internal.py", line 18, in swig_import_helper\n'
        "    return importlib.import_module(mname)\n"
        "ImportError: DLL load failed: 找不到指定的模块。\n"
    )
    findings = doctor(tmp_path, capsys, log, "--os", "windows", "--cuda-toolkit", "9.0")["findings"]
    assert findings[0]["id"] == "cuda-libs-not-found"
    assert not any("TensorFlow 2." in f["title"] for f in findings)
    # the same frame under tensorflow_core is 1.15 to 2.1, where the Visual C++ runtime leads
    core = log.replace("\\tensorflow\\python", "\\tensorflow_core\\python")
    assert _ids(doctor(tmp_path, capsys, core, "--os", "windows"))[0] == (
        "windows-vc-runtime-missing"
    )


def test_xla_stopping_on_a_ptxas_it_knows_miscompiles_is_an_error_naming_that_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/68966 (verbatim): the Jupyter kernel
    restarted; XLA refuses ptxas releases on its list of miscompiling ones."""
    log = (
        "2024-06-06 09:03:48.670640: F external/local_xla/xla/service/gpu/nvptx_compiler.cc:619]"
        " ptxas returned an error during compilation of ptx to sass: 'INTERNAL: ptxas 12.3.103"
        " has a bug that we think can affect XLA. Please use a different version.'  If the error"
        " message indicates that a file could not be written, please verify that sufficient"
        " filesystem space is provided.\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "linux", "--tf", "2.16.1")["findings"][0]
    assert (top["id"], top["severity"]) == ("xla-toolchain-missing", "error")
    assert "12.3.103" in top["title"] and "another release" in top["fix"]
    # the same refusal as Python's exception: one reading, with nothing falling back
    raised = (
        "tensorflow.python.framework.errors_impl.InternalError: ptxas 12.3.103 has a bug that we"
        " think can affect XLA. Please use a different version.\n"
    )
    findings = doctor(tmp_path, capsys, raised, "--os", "linux", "--tf", "2.16.1")["findings"]
    assert (findings[0]["id"], findings[0]["severity"]) == ("xla-toolchain-missing", "error")
    assert not any("falls back" in f["title"] for f in findings)


def test_a_forked_worker_counting_no_gpu_is_no_error_while_its_parent_has_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/google/deepvariant/issues/960 (verbatim): DeepVariant's FAQ says
    these lines 'should not affect GPU usage'; the GPU run finished faster than the CPU one."""
    log = (
        "    E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:1278] could not"
        " retrieve CUDA device count: CUDA_ERROR_NOT_INITIALIZED: initialization error\n"
        "    W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could"
        " not load dynamic library 'libnvinfer.so.7'; dlerror: libnvinfer.so.7: cannot open"
        " shared object file: No such file or directory; LD_LIBRARY_PATH:"
        " /usr/local/nvidia/lib:/usr/local/nvidia/lib64:/.singularity.d/libs\n"
    )
    doc = doctor(tmp_path, capsys, log, "--container")
    assert all(f["severity"] != "error" for f in doc["findings"])
    assert doc["gpu_used"] != "no"
    assert doc["findings"][0]["id"] == "device-config-after-init"
    assert "Harmless where only workers" in doc["findings"][0]["fix"]
    # XLA's newer wording of the same status
    newer = log.replace(": CUDA_ERROR_NOT_INITIALIZED", ": INTERNAL: : CUDA_ERROR_NOT_INITIALIZED")
    assert doctor(tmp_path, capsys, newer, "--container")["findings"][0]["id"] == (
        "device-config-after-init"
    )
    # beside the parent's GPU at work, nothing to report
    assert "device-config-after-init" not in _ids(doctor(tmp_path, capsys, CREATED_GPU + log))
    # the worker that aborts on it, though, is an error (tensorflow#57877)
    fatal = (
        "F tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:148] Failed setting"
        " context: CUDA_ERROR_NOT_INITIALIZED: initialization error\n"
    )
    top = doctor(tmp_path, capsys, fatal)["findings"][0]
    assert (top["id"], top["severity"]) == ("device-config-after-init", "error")


def test_a_program_s_own_minimum_compute_capability_check_names_the_gpu_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/iperov/DeepFaceLab/issues/264 (verbatim): two GeForce 780M (compute
    capability 3.0); the maintainer: 'buy card with CC 3.5'."""
    log = "No CUDA device found with minimum required compute capability 3.5\n"
    top = doctor(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert (top["id"], top["severity"]) == ("compute-capability-unsupported", "error")
    assert "3.5" in top["title"] and top["fix"].startswith("Run nvidia-smi")


def test_xla_refusing_a_gpu_below_its_minimum_compute_capability_names_the_gpu_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/29216 (verbatim): a GTX 770 (compute
    capability 3.0) under TensorFlow 1.13.1; XLA prints the device's capability only when it is
    below its minimum."""
    log = (
        "2019-05-31 15:06:10.252169: I tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:998]"
        " successful NUMA node read from SysFS had negative value (-1), but there must be at least"
        " one NUMA node, so returning NUMA node zero\n"
        "2019-05-31 15:06:10.252663: I tensorflow/compiler/xla/service/platform_util.cc:194]"
        " StreamExecutor cuda device (0) is of insufficient compute capability: 3.5 required,"
        " device is 3.0\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("compute-capability-unsupported", "error")
    assert "3.0" in top["title"] and "3.5" in top["title"]


def test_a_part_of_cudnn_that_cannot_load_another_is_cudnn_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/51521 (verbatim): TensorFlow 2.5 built
    from source aborts at its first LSTM."""
    log = (
        "Could not load library libcudnn_adv_train.so.8. Error: libcudnn_ops_train.so.8: cannot"
        " open shared object file: No such file or directory\n"
        "Please make sure libcudnn_adv_train.so.8 is in your library path!\n"
        "Aborted (core dumped)\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (top["id"], top["severity"]) == ("cudnn-not-found", "error")
    assert "libcudnn_ops_train.so.8" in top["title"]


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/Frogging-Family/nvidia-all/issues/394 (verbatim): dmesg, the
        # client named and the message going on over the kernel log's next lines
        "[    9.424670] NVRM: API mismatch: the client 'kwin_wayland' (pid 1005)\n"
        "               NVRM: has the version 595.84, but this kernel module has\n"
        "               NVRM: the version 595.80.  Please make sure that this\n"
        "               NVRM: kernel module and all NVIDIA driver components\n"
        "               NVRM: have the same version.\n",
        # the same as journalctl prints it, each line with its own prefix
        "Mar 03 10:00:01 box kernel: NVRM: API mismatch: the client 'nvidia-smi' (pid 2211)\n"
        "Mar 03 10:00:01 box kernel: NVRM: has the version 535.161.07, but this kernel module"
        " has\n",
        # older drivers, on one line
        "NVRM: API mismatch: the client has the version 346.46, but\n",
    ],
    ids=["dmesg", "journal", "one-line"],
)
def test_the_kernel_s_api_mismatch_is_read_in_each_driver_s_wording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("driver-library-mismatch", "error")


def test_an_op_kept_with_ops_pinned_to_the_gpu_without_a_gpu_kernel_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/Lab41/attalos/issues/40 (verbatim): TensorFlow 0.8, a variable pinned
    to the GPU and the word2vec update kept with it."""
    log = (
        "InvalidArgumentError: Cannot assign a device to node 'Variable_2/read': Could not"
        " satisfy explicit device specification '' because the node was colocated with a group"
        " of nodes that required incompatible device '/job:localhost/replica:0/task:0/GPU:0'\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "op-without-gpu-kernel"


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/tensorflow/tensorflow/issues/51596 (verbatim): Colab, a K80
        "UnimplementedError:  Deterministic GPU implementation of SparseSoftmaxXentWithLogitsOp"
        " not available.\n",
        # https://github.com/tensorflow/tensorflow/issues/47174 (verbatim)
        "tensorflow.python.framework.errors_impl.UnimplementedError:  A deterministic GPU"
        " implementation of DepthwiseConvBackpropFilter is not currently available.\n",
        # https://github.com/tensorflow/tensorflow/issues/69417 (verbatim)
        "GPU MaxPool gradient ops do not yet have a deterministic XLA implementation.\n",
    ],
    ids=["xent", "depthwise", "maxpool-xla"],
)
def test_an_op_without_a_deterministic_gpu_kernel_under_op_determinism_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    found = doctor(tmp_path, capsys, log)
    top = found["findings"][0]
    assert (top["id"], top["severity"]) == ("op-without-gpu-kernel", "warning")
    assert "determinism" in top["title"] and "TF_DETERMINISTIC_OPS" in top["fix"]
    assert found["gpu_used"] != "no"


def test_a_gpu_kernel_tensorflow_1_could_not_launch_is_a_kernel_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/9737 (verbatim): TensorFlow 1.0 on
    Windows."""
    log = "InternalError: Failed launching MaxPoolForwardNoMask\n"
    top = doctor(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert top["id"] == "gpu-kernel-failed" and "MaxPoolForwardNoMask" in top["title"]


@pytest.mark.parametrize(
    "log",
    [
        # https://github.com/tensorflow/models/issues/11215 (verbatim)
        "INFO:tensorflow:Mixed precision compatibility check (mixed_float16): OK\n"
        "Your GPU will likely run quickly with dtype policy mixed_float16 as it has compute"
        " capability of at least 7.0. Your GPU: NVIDIA GeForce RTX 4090, compute capability"
        " 8.9\n",
        # https://github.com/NVIDIA/DeepLearningExamples/issues/881 (verbatim)
        "2021-03-23 11:48:15.588181: I"
        " tensorflow/core/grappler/optimizers/auto_mixed_precision.cc:1987] Running"
        " auto_mixed_precision graph optimizer\n"
        "2021-03-23 11:48:15.588465: I"
        " tensorflow/core/grappler/optimizers/auto_mixed_precision.cc:1343] No whitelist ops"
        " found, nothing to do\n",
        # https://github.com/world-modelz/dreamax/issues/1 (verbatim, two of the differences)
        "2022-04-08 08:17:10.241714: E"
        " external/org_tensorflow/tensorflow/compiler/xla/service/gpu/buffer_comparator.cc:730]"
        " Difference at 0: 3442 vs 3876\n"
        "2022-04-08 08:17:10.241744: E"
        " external/org_tensorflow/tensorflow/compiler/xla/service/gpu/buffer_comparator.cc:730]"
        " Difference at 1: 3454 vs 3874\n"
        "2022-04-08 08:17:10.241839: E"
        " external/org_tensorflow/tensorflow/compiler/xla/service/gpu/gpu_conv_algorithm_picker.cc"
        ":612] Results mismatch between different convolution algorithms. This is likely a"
        " bug/unexpected loss of precision in cudnn.\n",
        # https://github.com/tensorflow/tensorflow/issues/62895 (verbatim): the error manager
        # muting CUPTI after a first failure, training going on
        "2024-02-05 15:24:20.091319: E"
        " external/local_xla/xla/backends/profiler/gpu/cupti_error_manager.cc:186]"
        " cuptiSubscribe: ignored due to a previous error.\n",
        # https://github.com/openxla/xprof/issues/263 (verbatim, cut where the post is)
        "2021-01-13 01:40:34.013830: E"
        " external/org_tensorflow/tensorflow/core/profiler/internal/gpu/cupti_tracer.cc:1441]"
        " function cupti_interface_->Subscribe( &subscriber_, (CUpti_CallbackFunc)ApiCallback,"
        " this)failed with error CUPTI could not be loaded or symbol could not be found.\n",
    ],
    ids=["keras-check", "grappler", "xla-autotune", "cupti-muted", "cupti-not-loaded"],
)
def test_lines_of_mixed_precision_autotuning_and_the_profiler_alone_are_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    found = doctor(tmp_path, capsys, log)["findings"]
    assert [(f["id"], f["severity"]) for f in found] == [("benign-log-noise", "info")]


def test_a_notebook_s_mixed_precision_check_does_not_hide_the_failing_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 52) the check from Colab, where it works, then the laptop, where it does not
    log = (
        "Colab output (works):\n"
        "Your GPU will likely run quickly with dtype policy mixed_float16 as it has compute"
        " capability of at least 7.0. Your GPU: NVIDIA A100-SXM4-40GB, compute capability 8.0\n"
        "My laptop:\n"
        "2024-01-22 10:12:00.331002: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2256]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned"
        " above are installed properly if you would like to use GPU.\n"
        "Skipping registering GPU devices...\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "error")


def test_the_mixed_precision_rewrite_of_the_cpu_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "I tensorflow/core/grappler/optimizers/auto_mixed_precision.cc:2264] Running"
        " auto_mixed_precision_onednn_bfloat16 graph optimizer\n"
    )
    assert doctor(tmp_path, capsys, log)["findings"] == []


def test_an_op_with_no_kernel_for_its_type_beside_a_registered_gpu_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tpu/issues/100 (verbatim): a bfloat16 convolution under
    TensorFlow 1.7."""
    log = (
        "InvalidArgumentError (see above for traceback): No OpKernel was registered to support"
        " Op 'Conv2D' with these attrs.  Registered devices: [CPU,GPU], Registered kernels:\n"
        "  device='CPU'; T in [DT_FLOAT]\n"
        "  device='CPU'; T in [DT_HALF]\n"
        "  device='GPU'; T in [DT_FLOAT]\n"
        "  device='GPU'; T in [DT_HALF]\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "op-without-gpu-kernel" and "Conv2D" in top["title"]
    # XLA's devices alone are not a GPU TensorFlow registered (mozilla/DeepSpeech#3494)
    xla_only = log.replace("[CPU,GPU]", "[CPU, XLA_CPU, XLA_GPU]")
    assert "op-without-gpu-kernel" not in _ids(doctor(tmp_path, capsys, xla_only))


def test_the_driver_s_record_of_a_gpu_fault_is_a_kernel_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tinygrad/tinygrad/issues/6947 (verbatim, dmesg)."""
    log = (
        "[22859.081860] NVRM: Xid (PCI:0000:01:00): 31, pid=14292, name=python, Ch 00000030,"
        " intr 00000000. MMU Fault: ENGINE HOST0 HUBCLIENT_ESC faulted @ 0x10_00200000. Fault is"
        " of type FAULT_PDE ACCESS_TYPE_VIRT_READ\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert top["id"] == "gpu-kernel-failed" and "Xid 31" in top["title"]
    # Xid 79 is the GPU gone: another reading
    gone = "NVRM: Xid (PCI:0000:3b:00): 79, pid=0, GPU has fallen off the bus.\n"
    assert _ids(doctor(tmp_path, capsys, gone))[0] == "no-nvidia-gpu"


def test_the_driver_s_three_line_message_of_a_gpu_off_the_bus_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/NVIDIA/NVSentinel/issues/155 (verbatim)."""
    log = (
        "[ 1843.308145] NVRM: The NVIDIA GPU 0000:b3:00.0\n"
        "               NVRM: (PCI ID: 10de:26b5) installed in this system has\n"
        "               NVRM: fallen off the bus and is not responding to commands.\n"
        "[ 1843.439662] NVRM: The NVIDIA probe routine failed for 1 device(s).\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "no-nvidia-gpu"


def test_the_profiler_tracing_gpu_events_is_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorboard/issues/3964 (verbatim)."""
    line = (
        "2020-08-05 10:18:11.132160: I tensorflow/core/profiler/internal/gpu/device_tracer.cc:"
        "223]  GpuTracer has collected 13255 callback api events and 13332 activity events.\n"
    )
    assert _ids(doctor(tmp_path, capsys, line)) == ["benign-log-noise"]
    none = line.replace("13255 callback", "0 callback").replace("13332 activity", "0 activity")
    assert _ids(doctor(tmp_path, capsys, none)) == []


# (review 52) JAX's profiler in the same environment: its tracer's events are JAX's GPU, and
# TensorFlow's own line says it skipped its GPU.
JAX_TRACER_BESIDE_TENSORFLOW = (
    '$ pip list | grep -E "^(jax|tensorflow) "\n'
    "jax                          0.4.23\n"
    "tensorflow                   2.15.0\n"
    "$ python profile_both.py\n"
    "2024-01-22 10:12:00.331002: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2256] Cannot "
    "dlopen some GPU libraries. Please make sure the missing libraries mentioned above are "
    "installed properly if you would like to use GPU. Follow the guide at "
    "https://www.tensorflow.org/install/gpu for how to download and setup the required libraries "
    "for your platform.\n"
    "Skipping registering GPU devices...\n"
    "tf GPUs: []\n"
    "jax devices: [cuda(id=0)]\n"
    "2024-01-22 10:12:09.110201: I external/xla/xla/backends/profiler/gpu/cupti_collector.cc:542]  "
    "GpuTracer has collected 1842 callback api events and 1807 activity events. \n"
    "2024-01-22 10:12:09.122001: I external/xla/xla/python/profiler/internal/python_hooks.cc:398] "
    "Python hooks stopped.\n"
)


def test_jax_s_gpu_tracer_does_not_show_tensorflow_s_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, JAX_TRACER_BESIDE_TENSORFLOW)
    assert found["findings"][0]["id"] == "cuda-libs-not-found"
    assert found["findings"][0]["severity"] == "error"


# (review 52) cuDNN's loader printing for a PyTorch command typed after TensorFlow listed its
# GPU: PyTorch's cuDNN, not TensorFlow's.
TORCH_CUDNN_AFTER_TENSORFLOW = (
    "$ python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
    "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
    '$ python -c "import torch; m=torch.nn.Conv2d(3,8,3).cuda(); '
    'print(m(torch.rand(1,3,32,32).cuda()).shape)"\n'
    "Could not load library libcudnn_cnn_infer.so.8. Error: libcudnn_ops_infer.so.8: cannot open "
    "shared object file: No such file or directory\n"
    "Please make sure libcudnn_cnn_infer.so.8 is in your library path!\n"
    "Aborted (core dumped)\n"
)


def test_cudnn_s_loader_after_a_command_of_another_framework_is_that_framework_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, TORCH_CUDNN_AFTER_TENSORFLOW)
    assert "cudnn-not-found" not in _ids(found)
    assert found["gpu_used"] == "yes"


@pytest.mark.parametrize(
    "xid",
    [
        # another program's fault (review 52: a browser's)
        "NVRM: Xid (PCI:0000:01:00): 31, pid=2841, name=chrome, Ch 00000018, intr 10000000."
        " MMU Fault: ENGINE GRAPHICS GPCCLIENT_T1_0 faulted @ 0x7f3a_12340000.",
        # the GSP firmware timing out: not a program's fault
        "NVRM: Xid (PCI:0000:41:00): 119, pid=1712, name=python3, Timeout waiting for RPC from"
        " GSP! Expected function 76 (GSP_RM_CONTROL) (0x20800a4c 0x4).",
    ],
    ids=["other-program", "gsp-timeout"],
)
def test_xids_that_are_not_this_program_s_fault_are_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], xid: str
) -> None:
    assert "gpu-kernel-failed" not in _ids(doctor(tmp_path, capsys, xid + "\n"))


@pytest.mark.parametrize("name", ["30", "31"])
def test_a_colocation_refusal_in_a_process_without_a_gpu_is_not_an_op_without_a_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # (review 52) TensorFlow 1.15 listing its devices, or the debug info giving a variable only
    # the CPU: this process has no GPU at all
    logs = {"30": COLOCATION_WITHOUT_GPU_LISTED, "31": COLOCATION_WITHOUT_GPU_VARIABLES}
    assert "op-without-gpu-kernel" not in _ids(doctor(tmp_path, capsys, logs[name]))


COLOCATION_WITHOUT_GPU_LISTED = (
    "$ python eval.py --checkpoint runs/exp3/model.ckpt-20000\n"
    "1.15.0\n"
    "2020-02-11 10:02:33.118220: I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU "
    "supports instructions that this TensorFlow binary was not compiled to use: AVX2 FMA\n"
    "Traceback (most recent call last):\n"
    '  File "eval.py", line 61, in <module>\n'
    "    saver = tf.train.import_meta_graph(args.checkpoint + '.meta')\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: Cannot assign a device for "
    "operation save/RestoreV2: Could not satisfy explicit device specification '' because the node "
    "{{colocation_node save/RestoreV2}} was colocated with a group of nodes that required "
    "incompatible device '/device:GPU:0'. All available devices "
    "[/job:localhost/replica:0/task:0/device:CPU:0, "
    "/job:localhost/replica:0/task:0/device:XLA_CPU:0]. \n"
    "Colocation Debug Info:\n"
    "Colocation group had the following types and supported devices: \n"
    "Root Member(assigned_device_name_index_=-1 requested_device_name_='/device:GPU:0' "
    "assigned_device_name_='' resource_device_name_='/device:GPU:0' supported_device_types_=[CPU] "
    "possible_devices_=[]\n"
    "Identity: CPU XLA_CPU \n"
    "VariableV2: CPU XLA_CPU \n"
    "RestoreV2: CPU XLA_CPU \n"
)
COLOCATION_WITHOUT_GPU_VARIABLES = (
    '$ CUDA_VISIBLE_DEVICES="" python train.py\n'
    "1.12.0\n"
    "2019-01-08 16:40:11.004533: E tensorflow/stream_executor/cuda/cuda_driver.cc:300] failed call "
    "to cuInit: CUDA_ERROR_NO_DEVICE\n"
    "2019-01-08 16:40:11.004588: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:163] "
    "retrieving CUDA diagnostic information for host: gpu-box\n"
    "2019-01-08 16:40:11.004596: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:170] "
    "hostname: gpu-box\n"
    "2019-01-08 16:40:11.004638: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:194] "
    "libcuda reported version is: 410.79.0\n"
    "2019-01-08 16:40:11.004661: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:198] kernel "
    "reported version is: 410.79.0\n"
    "Traceback (most recent call last):\n"
    '  File "train.py", line 212, in <module>\n'
    "    sess.run(train_op)\n"
    "tensorflow.python.framework.errors_impl.InvalidArgumentError: Cannot assign a device for "
    "operation embedding/Adam: Could not satisfy explicit device specification '' because the node "
    "was colocated with a group of nodes that required incompatible device "
    "'/job:localhost/replica:0/task:0/device:GPU:0'\n"
    "Colocation Debug Info:\n"
    "Colocation group had the following types and devices: \n"
    "VariableV2: CPU \n"
    "Identity: CPU \n"
)


def test_an_op_with_no_kernel_at_all_is_not_an_op_without_a_gpu_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 52) a custom op whose library was not imported (tensorflow_text's CaseFoldUTF8)
    log = (
        "No OpKernel was registered to support Op 'CaseFoldUTF8' used by {{node"
        " StatefulPartitionedCall/bert_pack_inputs/CaseFoldUTF8}} with these attrs: []\n"
        "Registered devices: [CPU, GPU]\n"
        "Registered kernels:\n"
        "  <no registered kernels>\n"
    )
    assert "op-without-gpu-kernel" not in _ids(doctor(tmp_path, capsys, log))


def test_a_loader_line_retyped_in_a_sentence_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/45028 (verbatim): TensorFlow 2.4, built
    for CUDA 11.0, the only 11.x whose cuSOLVER is cusolver64_10.dll, beside CUDA 11.1."""
    log = (
        "@king398  I update to cuda11.1 and cudnn 8.0.4 on win10, then re run the code , then get"
        " ERROR: **could not load dynamic library 'cusolver64_10.dll'; dlerror: cusolver64_10.dll"
        " not found**, here are the logs:\n"
    )
    flags = ("--os", "windows", "--tf", "2.4.0", "--cuda-toolkit", "11.1")
    assert _ids(doctor(tmp_path, capsys, log, *flags))[0] == "cuda-version-mismatch"


def test_conda_4_5_s_plan_switching_the_selector_to_eigen_is_a_cpu_build_not_two_installs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/ContinuumIO/anaconda-issues/issues/9698 (the plan, verbatim): conda
    4.5 names Anaconda's tensorflow and tensorflow-gpu metapackages beside their base build,
    and its selector switched from the GPU variant to eigen, the CPU one."""
    log = (
        "The following NEW packages will be INSTALLED:\n\n"
        "    tensorflow-gpu-base: 1.7.0-py36hcdda91b_1\n\n"
        "The following packages will be UPDATED:\n\n"
        "    _tflow_180_select:   1.0-gpu              --> 3.0-eigen           \n\n"
        "The following packages will be DOWNGRADED:\n\n"
        "    tensorboard:         1.8.0-py36hf484d3e_0 --> 1.7.0-py36hf484d3e_1\n"
        "    tensorflow:          1.8.0-hb11d968_0     --> 1.7.0-0             \n"
        "    tensorflow-base:     1.8.0-py36hc1a7637_0 --> 1.7.0-py36hdbcaa40_2\n"
        "    tensorflow-gpu:      1.8.0-h7b35bdc_0     --> 1.7.0-0             \n"
    )
    ids = _ids(doctor(tmp_path, capsys, log, "--os", "linux"))
    assert ids[0] == "cpu-only-tensorflow"
    assert "multiple-tensorflow-distributions" not in ids
    # the same plan keeping the GPU variant is no CPU build
    kept = log.replace("--> 3.0-eigen", "--> 1.0-gpu ")
    assert "cpu-only-tensorflow" not in _ids(doctor(tmp_path, capsys, kept, "--os", "linux"))


# /proc/cpuinfo of a Xeon E5520 (Nehalem, 2009: no AVX), verbatim from an Ubuntu Forums post
# (sirlark, 2010-06-25, "VirtualBox on Karmic Host not detecting hardware virtualization
# extensions")
CPUINFO_NO_AVX = (
    "model name    : Intel(R) Xeon(R) CPU           E5520  @ 2.27GHz\n"
    "flags        : fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36"
    " clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm constant_tsc"
    " arch_perfmon pebs bts rep_good xtopology tsc_reliable nonstop_tsc pni dtes64 monitor"
    " ds_cpl vmx est tm2 ssse3 cx16 xtpr pdcm dca sse4_1 sse4_2 popcnt lahf_lm ida tpr_shadow"
    " vnmi flexpriority ept vpid\n"
)
# /proc/cpuinfo of a Core i5-3470 (Ivy Bridge, 2012: AVX, no AVX2) on a kernel with the 2018
# mitigation flags, verbatim from a public recording
CPUINFO_AVX_NO_AVX2 = (
    "model name\t: Intel(R) Core(TM) i5-3470 CPU @ 3.20GHz\n"
    "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush"
    " dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm constant_tsc arch_perfmon"
    " pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor"
    " ds_cpl vmx smx est tm2 ssse3 cx16 xtpr pdcm pcid sse4_1 sse4_2 x2apic popcnt"
    " tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm cpuid_fault epb pti ssbd ibrs ibpb"
    " stibp tpr_shadow vnmi flexpriority ept vpid fsgsbase smep erms xsaveopt dtherm ida arat"
    " pln pts md_clear flush_l1d\n"
)


def test_a_cpu_s_own_flags_settle_whether_it_has_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pasted 'cat /proc/cpuinfo' (or lscpu) flags are the CPU's word: no avx is certain, and
    with an illegal instruction the crash is explained rather than only likely."""
    (finding,) = doctor(tmp_path, capsys, CPUINFO_NO_AVX, "--os", "linux")["findings"]
    assert (finding["id"], finding["severity"]) == ("cpu-lacks-avx", "error")
    crashed = CPUINFO_NO_AVX + "Illegal instruction (core dumped)\n"
    top = doctor(tmp_path, capsys, crashed, "--os", "linux", "--tf", "2.15")["findings"][0]
    assert (top["id"], top["severity"]) == ("cpu-lacks-avx", "error")
    # a flags line cut before lahf_lm, or one that has avx, says nothing of the kind
    cut = CPUINFO_NO_AVX.split(" sse4_1")[0] + "\n"
    assert doctor(tmp_path, capsys, cut, "--os", "linux")["findings"] == []


def test_avx_without_avx2_is_fatal_only_for_tensorflow_2_4_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/45744: 2.4.0's wheels were built with
    AVX2 by mistake (fixed in 2.4.1). Other releases run on this CPU."""
    broken = doctor(tmp_path, capsys, CPUINFO_AVX_NO_AVX2, "--os", "linux", "--tf", "2.4.0")
    (finding,) = broken["findings"]
    assert (finding["id"], finding["severity"]) == ("cpu-lacks-avx", "error")
    assert "2.4.1" in finding["fix"]
    fine = doctor(tmp_path, capsys, CPUINFO_AVX_NO_AVX2, "--os", "linux", "--tf", "2.5")
    assert [f["severity"] for f in fine["findings"]] == ["info"]
    # the reporter's own paste of #45744 ends at lahf_lm: too short to tell avx2's absence
    cut = CPUINFO_AVX_NO_AVX2.split(" cpuid_fault")[0] + "\n"
    assert doctor(tmp_path, capsys, cut, "--os", "linux", "--tf", "2.4.0")["findings"] == []


# https://github.com/conda/conda/issues/5355 (verbatim): 'package not compiled for python 3.6,
# use python=3.5', the maintainer answered; the reporter: 'thanks dude, it worked'
CONDA_43_CONFLICT = (
    "acer@acer-MS-7592:~$ conda install -c jjhelmus tensorflow=0.12.0rc0\n"
    "Fetching package metadata ...........\n"
    "Solving package specifications: ....\n"
    "\n"
    "UnsatisfiableError: The following specifications were found to be in conflict:\n"
    "  - python 3.6*\n"
    "  - tensorflow 0.12.0rc0*\n"
    'Use "conda info <package>" to see the dependencies for each package.\n'
)


def test_an_older_conda_s_conflict_of_python_and_tensorflow_alone_is_the_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (finding,) = doctor(tmp_path, capsys, CONDA_43_CONFLICT, "--os", "linux")["findings"]
    assert (finding["id"], finding["severity"]) == ("python-unsupported", "error")
    assert "tensorflow 0.12.0rc0" in finding["title"] and "Python 3.6" in finding["title"]
    # a third package in the conflict may be the one: nothing is named
    three = CONDA_43_CONFLICT.replace("  - python 3.6*\n", "  - python 3.6*\n  - paver\n")
    assert doctor(tmp_path, capsys, three, "--os", "linux")["findings"] == []


def test_a_macos_wheel_pip_took_says_the_machine_is_a_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/sun1638650145/Libraries-and-Extensions-for-TensorFlow-for-Apple-Silicon
    /issues/20 (verbatim): 'you have not installed tensorflow-metal', the maintainer answered.
    A wheel pip refused says nothing of the machine it ran on."""
    log = (
        "pip install https://github.com/sun1638650145/Libraries-and-Extensions-for-TensorFlow-for"
        "-Apple-Silicon/releases/download/v2.15/tensorflow-2.15.0-cp311-cp311-macosx_14_0_arm64"
        ".whl\n"
        "\n"
        ">>> import tensorflow as tf\n"
        '>>> tf.config.list_physical_devices("GPU")\n'
        "[]\n"
    )
    top = doctor(tmp_path, capsys, log, "--python", "3.11", "--tf", "2.15")["findings"][0]
    assert top["id"] == "macos-no-cuda" and "tensorflow-metal" in top["fix"]
    refused = (
        "ERROR: tensorflow-2.15.0-cp311-cp311-macosx_14_0_arm64.whl is not a supported wheel on"
        " this platform.\n"
    )
    assert "macos-no-cuda" not in [f["id"] for f in doctor(tmp_path, capsys, refused)["findings"]]
    # pip -v on Linux names the macOS wheels it skips
    skipped = (
        "Collecting tensorflow[and-cuda]==2.15.0\n"
        "  Skipping link: none of the wheel's tags (cp311-cp311-macosx_10_15_x86_64) are"
        " compatible (run pip debug --verbose to show compatible tags): https://files."
        "pythonhosted.org/packages/x/tensorflow-2.15.0-cp311-cp311-macosx_10_15_x86_64.whl\n"
        "  Using cached tensorflow-2.15.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"
        ".whl\n"
    )
    assert doctor(tmp_path, capsys, skipped)["facts"]["platform"]["os"] != "macos"


# https://github.com/matterport/Mask_RCNN/issues/2510 (excerpt, verbatim): 'the issue was caused
# by a compatibility problem between the tensorflow 1.x and 30 Series GPU', the reporter found
MASK_RCNN_RTX30_ON_CUDA_10 = (
    "2021-03-16 08:02:53.951349: I tensorflow/stream_executor/platform/default/dso_loader.cc:44]"
    " Successfully opened dynamic library cublas64_100.dll\n"
    "2021-03-16 08:02:54.762683: I tensorflow/stream_executor/platform/default/dso_loader.cc:44]"
    " Successfully opened dynamic library cudnn64_7.dll\n"
    "2021-03-16 08:11:53.875933: W tensorflow/stream_executor/cuda/redzone_allocator.cc:312]"
    " Internal: Invoking ptxas not supported on Windows\n"
    "Relying on driver to perform ptx compilation. This message will be only logged once.\n"
    "2021-03-16 08:11:55.140273: E tensorflow/stream_executor/cuda/cuda_blas.cc:428] failed to"
    " run cuBLAS routine: CUBLAS_STATUS_EXECUTION_FAILED\n"
    "2021-03-16 08:11:55.145031: W tensorflow/core/framework/op_kernel.cc:1651] OP_REQUIRES"
    " failed at conv_grad_input_ops.cc:1161 : Not found: No algorithm worked!\n"
)


def test_a_kernel_that_failed_after_the_gpu_started_is_not_a_working_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The GPU was at work (ptx compilation) and then cuBLAS's kernel would not run on it: that
    failure is the answer, even unstated which GPU it is; cuDNN's 'No algorithm worked' right
    after it is its consequence, not a memory shortage."""
    doc = doctor(tmp_path, capsys, MASK_RCNN_RTX30_ON_CUDA_10, "--os", "windows")
    assert doc["gpu_used"] != "yes"
    assert doc["findings"][0]["id"] == "compute-capability-unsupported"
    assert "gpu-out-of-memory" not in [f["id"] for f in doc["findings"]]


def test_a_machine_stated_not_to_be_a_container_is_not_read_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/hpc-admin-sist/DockerMonitor/issues/11 (last line, verbatim): an empty
    libcuda.so.1 reads as a container's placeholder; on a machine that is no container (there,
    a cluster's admin node without a GPU) the reading steps down and what is stated leads."""
    log = "ImportError: /usr/lib/x86_64-linux-gnu/libcuda.so.1: file too short\n"
    assert doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]["severity"] == "error"
    stated = doctor(tmp_path, capsys, log, "--os", "linux", "--no-container", "--gpu", "none")
    assert stated["findings"][0]["id"] == "no-nvidia-gpu"
    (container,) = [f for f in stated["findings"] if f["id"] == "container-gpu-not-exposed"]
    # (stepped down as no container, or as a host with no GPU to give one)
    assert container["severity"] == "warning"
    assert any("not a container" in e or "no NVIDIA GPU" in e for e in container["evidence"][1:])
    # Docker's own refusal prints on the host, which is no container: it stands
    docker = (
        'docker: Error response from daemon: could not select device driver "" with'
        " capabilities: [[gpu]].\n"
    )
    host = doctor(tmp_path, capsys, docker, "--os", "linux", "--no-container")["findings"][0]
    assert (host["id"], host["severity"]) == ("container-gpu-not-exposed", "error")


def test_pip_finding_nothing_on_a_machine_without_wheels_names_the_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'uname -a' of a Raspberry Pi on 32-bit Raspbian, then pip's refusal as it prints it: no
    Python would help there, so the machine comes first and the Python steps back."""
    log = (
        "Linux raspberrypi 4.14.79-v7+ #1159 SMP Sun Nov 4 17:50:20 GMT 2018 armv7l GNU/Linux\n"
        "$ pip3 install tensorflow\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from"
        " versions: none)\n"
        "ERROR: No matching distribution found for tensorflow\n"
    )
    findings = doctor(tmp_path, capsys, log)["findings"]
    assert (findings[0]["id"], findings[0]["severity"]) == ("platform-unsupported", "error")
    assert "Linux on armv7l" in findings[0]["title"]
    assert all(f["severity"] != "error" for f in findings[1:])
    # the same refusal on an x86_64 machine is about the Python
    x86 = log.replace("armv7l GNU/Linux", "x86_64 GNU/Linux")
    assert doctor(tmp_path, capsys, x86)["findings"][0]["id"] != "platform-unsupported"


def test_a_tf1_log_cut_inside_its_device_line_shows_the_gpu_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/9333 (verbatim): TF 1.1 on a Mac with a
    GeForce GT 750M; the reporter's GPU worked and asked only about the NUMA line. The paste
    stops inside TF 1.x's 'Creating TensorFlow device (/gpu:0)' record."""
    log = (
        "2017-04-13 08:39:24.542434: I tensorflow/stream_executor/cuda/cuda_gpu_executor.cc:865]"
        " OS X does not support NUMA - returning NUMA node zero\n"
        "2017-04-13 08:39:24.542538: I tensorflow/core/common_runtime/gpu/gpu_device.cc:887]"
        " Found device 0 with properties: \n"
        "name: GeForce GT 750M\n"
        "major: 3 minor: 0 memoryClockRate (GHz) 0.9255\n"
        "2017-04-13 08:39:24.542566: I tensorflow/core/common_runtime/gpu/gpu_device.cc:977]"
        " Creating TensorFlow device (/gp"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "macos", "--tf", "1.1")
    assert doc["gpu_used"] == "yes"
    assert [f["severity"] for f in doc["findings"]] == ["info"] * len(doc["findings"])
    assert doc["findings"][0]["id"] == "benign-log-noise"
    # the same machine's line from an arm64 board (Jetson) is as harmless
    jetson = log.replace("OS X does not", "ARM64 does not")
    assert doctor(tmp_path, capsys, jetson, "--os", "linux")["findings"][0]["id"] == (
        "benign-log-noise"
    )


def test_a_cuda_runtime_the_release_does_not_ship_says_the_build_is_not_the_table_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/44683 (verbatim): a '2.5.0' of November
    2020 (a source or nightly build) with CUDA 10.2 and cuDNN 7.6.5 ran a matmul on the GPU; the
    reporter asked only about the XLA line. TensorFlow opens the runtime it was built against, so
    libcudart.so.10.2 says the build is CUDA 10.2's: the table's CUDA 11.0 and cuDNN 8.0 judge
    nothing here."""
    log = (
        ">>> import tensorflow as tf\n"
        "2020-11-08 13:00:32.053030: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudart.so.10.2\n"
        "2020-11-08 13:00:33.123388: I tensorflow/compiler/jit/xla_cpu_device.cc:41] Not creating"
        " XLA devices, tf_xla_enable_xla_devices not set\n"
        "2020-11-08 13:00:33.123967: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcuda.so.1\n"
    )
    stated = ("--os", "linux", "--cuda-toolkit", "10.2", "--cudnn", "7.6.5", "--tf", "2.5.0")
    findings = doctor(tmp_path, capsys, log, *stated, "--gpu", "GTX 1060 6GB")["findings"]
    assert findings[0]["id"] == "benign-log-noise"
    assert all(f["severity"] == "info" for f in findings)
    mismatch = next(f for f in findings if f["id"] == "cudnn-version-mismatch")
    assert any("a build for CUDA 10.2" in line for line in mismatch["evidence"])
    # the runtime of the release's own CUDA: its cuDNN is judged as before
    own = log.replace("libcudart.so.10.2", "libcudart.so.11.0")
    first = doctor(tmp_path, capsys, own, *stated, "--gpu", "GTX 1060 6GB")["findings"][0]
    assert (first["id"], first["severity"]) == ("cudnn-version-mismatch", "error")


def test_a_gpu_newer_than_the_build_s_cuda_at_work_is_a_slow_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/DeepLabCut/DeepLabCut/issues/944 (verbatim): an RTX 3090 under a CUDA
    10.0 TensorFlow; 'training took a long time to start but it engaged the GPU', the reporter
    says, once the driver had JIT-compiled the PTX."""
    log = (
        "2020-10-05 10:40:16.949263: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library cusolver64_100.dll\n"
        "2020-10-05 10:40:16.949559: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library cudnn64_7.dll\n"
        "2020-10-05 10:40:16.949840: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1767]"
        " Adding visible gpu devices: 0\n"
        "2020-10-05 10:40:17.964440: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1325]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 22071 MB"
        " memory) -> physical GPU (device: 0, name: GeForce RTX 3090, pci bus id: 0000:08:00.0,"
        " compute capability: 8.6)\n"
        "Max_iters overwritten as 3000\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "windows", "--gpu", "RTX 3090")
    assert doc["gpu_used"] == "yes"
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("compute-capability-ptx-jit", "warning")
    assert "CUDA_CACHE_MAXSIZE" in first["fix"]
    # cuBLAS failing on it after the device: the libraries of that CUDA have no code for it
    failed = log + (
        "2020-10-05 10:41:02.112233: E tensorflow/stream_executor/cuda/cuda_blas.cc:428] failed"
        " to run cuBLAS routine: CUBLAS_STATUS_EXECUTION_FAILED\n"
    )
    doc = doctor(tmp_path, capsys, failed, "--os", "windows", "--gpu", "RTX 3090")
    assert doc["findings"][0]["id"] != "compute-capability-ptx-jit"


def test_an_import_error_quoted_short_still_names_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/MaybeShewill-CV/CRNN_Tensorflow/issues/182 (verbatim): the exception
    quoted in a sentence, without the loader's 'cannot open shared object file'; CUDA 9.0 was
    installed and the TensorFlow wanted 8.0."""
    quoted = (
        "the results shows 'ImportError: libcusolver.so.8.0'.What should I do? reinstall cuda8.0"
        " or other way?\n"
    )
    first = doctor(tmp_path, capsys, quoted, "--cuda-toolkit", "9.0")["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-version-mismatch", "error")
    cudnn = doctor(tmp_path, capsys, "ImportError: libcudnn.so.7\n", "--cudnn", "7.6")
    assert cudnn["findings"][0]["id"] == "cudnn-not-found"
    # the names alone, as 'ls' lists them, or one inside a longer sentence, say nothing failed
    for listing in ("libcusolver.so.8.0\nlibcudnn.so.7\n", "ImportError: libcudnn.so.7 is fine\n"):
        assert not doctor(tmp_path, capsys, listing)["findings"]


def test_an_import_that_works_from_a_terminal_is_a_loader_path_not_another_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/14244 (a commenter's words, verbatim):
    the library loads from the terminal, so it is installed; PyCharm was started without the
    terminal's LD_LIBRARY_PATH. The era's prior (CUDA 9.0 wanted while 9.1 was offered) does
    not apply."""
    said = (
        "it works fine on the terminal but if I import tensorflow on Pycharm, it doesn't work"
        " with ImportError: libcublas.so.9.0: cannot open shared object file: No such file or"
        " directory.\n"
    )
    doc = doctor(tmp_path, capsys, said)
    first = doc["findings"][0]
    assert first["id"] == "cuda-libs-not-found"
    assert "started without that terminal's environment" in first["fix"]
    assert "cuda-version-mismatch" not in [f["id"] for f in doc["findings"]]
    # the same failure without the account keeps the era's prior
    bare = said.split("with ", 1)[1]
    assert doctor(tmp_path, capsys, bare)["findings"][0]["id"] == "cuda-version-mismatch"


def test_a_kernel_image_failure_in_tensorflow_s_exception_outranks_the_table_s_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/47058 (verbatim): an A100 under a 2.4.1
    built from source with CUDA 10.1. TensorFlow's own exception says its kernels loaded no
    image for the GPU, so its CUDA runtime ran: the stated toolkit against the table's CUDA
    11.0 is no more than a warning below it."""
    log = (
        "tensorflow.python.framework.errors_impl.InternalError: Failed to load in-memory CUBIN:"
        " CUDA_ERROR_NO_BINARY_FOR_GPU: no kernel image is available for execution on the"
        " device [Op:Abs]\n"
    )
    stated = ("--os", "linux", "--tf", "2.4.1", "--cuda-toolkit", "10.1", "--gpu", "A100")
    findings = doctor(tmp_path, capsys, log, *stated)["findings"]
    assert findings[0]["id"] == "compute-capability-unsupported"
    mismatch = next(f for f in findings if f["id"] == "cuda-version-mismatch")
    assert mismatch["severity"] != "error"


def test_a_program_s_own_minimum_compute_capability_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/iperov/DeepFaceLab/issues/140 (verbatim): DeepFaceLab's device check
    skipped a Tesla K40m (3.5) under its build's 3.7."""
    log = (
        "Tesla K40m does not meet minimum required compute capability: 3.7. Falling back to CPU"
        " mode.\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "windows")["findings"][0]
    assert (first["id"], first["severity"]) == ("compute-capability-unsupported", "error")
    assert "Tesla K40m" in first["title"]


@pytest.mark.parametrize(
    ("log", "stated"),
    [
        # https://github.com/keras-team/keras/issues/3043 (verbatim): a leftover 361 package's
        # uvm module beside the running 367 driver; removing the old packages fixed it
        (
            "Using Theano backend.\n"
            "modprobe: ERROR: could not insert 'nvidia_361_uvm': Invalid argument\n"
            "WARNING (theano.sandbox.cuda): CUDA is installed, but device gpu is not available "
            " (error: Unable to get the number of gpus available: unknown error)\n",
            ("--os", "linux", "--driver", "367.27", "--gpu", "GTX 1080"),
        ),
        # https://github.com/microsoft/pai/issues/2040 (verbatim): the .run installer could
        # not build its uvm module, so no driver was installed
        (
            "make: *** [modules] Error 2\n"
            "ERROR: The nvidia-uvm kernel module was not created.\n"
            "ERROR: The nvidia-uvm kernel module failed to build. This kernel module is required"
            " for the proper operation of CUDA. If you do not need to use CUDA, you can try to"
            " install this driver package again with the '--no-unified-memory' option.\n"
            "ERROR: Installation has failed.  Please see the file '/var/log/nvidia-installer.log'"
            " for details.\n",
            ("--os", "linux"),
        ),
        # https://github.com/PipelineAI/pipeline/issues/124 (verbatim): nvidia-docker 1.x's
        # plugin on the host, before any container ran; nouveau held the GPU
        (
            "`ubuntu@ip-172-31-2-33:~$ sudo nvidia-docker run -itd --name=tensorflow-gpu -p"
            " 8754:8888 -p 6006:6006 gcr.io/tensorflow/tensorflow:0.10.0-gpu\n"
            "nvidia-docker | 2016/09/25 22:24:24 Error: Could not load UVM kernel module`\n",
            ("--os", "linux"),
        ),
    ],
    ids=["stale-uvm-module", "installer-build-failed", "nvidia-docker-host-uvm"],
)
def test_a_driver_that_never_loaded_on_the_host_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, stated: tuple[str, ...]
) -> None:
    first = doctor(tmp_path, capsys, log, *stated)["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-driver", "error")


def test_pip_listing_tensorflow_gpu_up_to_2_10_is_native_windows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/nicknochnack/TFODCourse/issues/118 (verbatim): Python 3.10 on
    Windows asked for tensorflow-gpu 2.11, which PyPI has for Linux only; the Python is one 2.11
    supports, so the platform is the cause, not the Python."""
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==2.11"
        " (from versions: 2.8.0rc1, 2.8.0, 2.8.1, 2.8.2, 2.8.3, 2.8.4, 2.9.0rc0, 2.9.0rc1,"
        " 2.9.0rc2, 2.9.0, 2.9.1, 2.9.2, 2.9.3, 2.10.0rc0, 2.10.0rc1, 2.10.0rc2, 2.10.0rc3,"
        " 2.10.0, 2.10.1) ERROR: No matching distribution found for tensorflow-gpu==2.11\n"
    )
    first = doctor(tmp_path, capsys, log, "--python", "3.10", "--tf", "2.11")["findings"][0]
    assert (first["id"], first["severity"]) == ("windows-native-gpu-unsupported", "error")
    # pip asking for 2.10 itself and not finding it says nothing of the platform
    older = log.replace("==2.11", "==2.10.2")
    assert doctor(tmp_path, capsys, older)["findings"][0]["id"] != "windows-native-gpu-unsupported"


def test_tf2_0_s_ptxas_wording_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """https://github.com/tensorflow/tensorflow/issues/33375 (verbatim): XLA picked CUDA 8's
    ptxas from /usr/local/cuda; TF 2.0 words it with a comma before 'but'."""
    log = (
        "`E tensorflow/stream_executor/cuda/ptxas_utils.cc:110] You are using ptxas 8.x, but TF"
        " requires ptxas 9.x (and strongly prefers >= 9.2.88).  Compilation of XLA kernels below"
        " will likely fail.`\n"
        "2019-10-15 15:23:07.768703: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library libcuda.so.1\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--tf", "2.0")["findings"][0]
    assert first["id"] == "xla-toolchain-missing"
    assert "(8.x)" in first["title"]


def test_an_empty_cuda_visible_devices_in_the_shell_hides_every_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/2175 (verbatim): 'Set the visible gpu
    devices to blank, observed correct behaviour' (the ops ran on the CPU)."""
    log = (
        "(tensorflow)username@pcname:~$ export CUDA_VISIBLE_DEVICES=\n"
        "(tensorflow)username@pcname:~$ python\n"
        ">>> import tensorflow as tf\n"
        "I tensorflow/stream_executor/dso_loader.cc:105] successfully opened CUDA library"
        " libcuda.so.1 locally\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-visible-devices-hides-gpus", "error")
    assert "empty value" in first["title"]
    prefixed = "$ CUDA_VISIBLE_DEVICES= python train.py\n"
    assert doctor(tmp_path, capsys, prefixed)["findings"][0]["id"] == (
        "cuda-visible-devices-hides-gpus"
    )
    # a value, or a variable's value the shell fills in, hides nothing
    for chosen in (
        "$ export CUDA_VISIBLE_DEVICES=0\n",
        "$ CUDA_VISIBLE_DEVICES=$GPU python a.py\n",
    ):
        ids = [f["id"] for f in doctor(tmp_path, capsys, chosen)["findings"]]
        assert "cuda-visible-devices-hides-gpus" not in ids


def test_a_newer_cudnn_of_the_same_major_first_on_the_path_is_only_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/62064 (verbatim line): 8.5.0 installed,
    8.9.4 loaded, and 'the code can run successfully', the reporter says: a newer cuDNN of the
    same major serves whatever the installed one serves."""
    log = (
        " I tensorflow/compiler/xla/stream_executor/cuda/cuda_dnn.cc:428] Loaded cuDNN version"
        " 8904\n"
    )
    stated = ("--os", "linux", "--tf", "2.11", "--cudnn", "8.5.0")
    shadow = next(
        f
        for f in doctor(tmp_path, capsys, log, *stated)["findings"]
        if f["id"] == "ld-library-path-shadows"
    )
    assert shadow["severity"] == "info"
    # an older one first on the path is what the user must look at
    older = log.replace("8904", "8100")
    shadow = next(
        f
        for f in doctor(tmp_path, capsys, older, *stated)["findings"]
        if f["id"] == "ld-library-path-shadows"
    )
    assert shadow["severity"] != "info"


def test_tensorflow_s_diagnostics_naming_a_container_id_as_the_host_show_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/ContinuumIO/anaconda-issues/issues/11859 (verbatim): TensorFlow's CUDA
    diagnostics name the host, and Docker names a container's host by its 12-digit id: the
    reporter ran it in a container on a machine with no GPU."""
    log = (
        "2020-06-07 11:48:43.115000: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:55] Could not load dynamic library 'libcuda.so.1'; dlerror: libcuda.so.1:"
        " cannot open shared object file: No such file or directory\n"
        "2020-06-07 11:48:43.115062: E tensorflow/stream_executor/cuda/cuda_driver.cc:313] failed"
        " call to cuInit: UNKNOWN ERROR (303)\n"
        "2020-06-07 11:48:43.115092: I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:156]"
        " kernel driver does not appear to be running on this host (43b17c992948):"
        " /proc/driver/nvidia/version does not exist\n"
    )
    platform = doctor(tmp_path, capsys, log, "--tf", "2.2.0")["facts"]["platform"]
    assert platform["container"] is True
    assert "43b17c992948" in platform["container_evidence"][0]
    # a host named like a person's machine says nothing of a container
    named = log.replace("43b17c992948", "workstation1")
    assert doctor(tmp_path, capsys, named, "--tf", "2.2.0")["facts"]["platform"]["container"] in (
        None,
        False,
    )


def test_wsl_s_ldconfig_note_quoted_without_its_folder_is_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/microsoft/WSL/issues/5548: the reporter quoted ldconfig's note without
    its folder; 'nothing seems to actually be broken', the WSL moderator said."""
    quoted = doctor(tmp_path, capsys, '"libcuda.so.1 is not a symbolic link"\n')["findings"]
    assert [(f["id"], f["severity"]) for f in quoted] == [("benign-log-noise", "info")]
    # a driver folder of a Linux host is not WSL's
    host = "ldconfig: /usr/lib/x86_64-linux-gnu/libcuda.so.1 is not a symbolic link\n"
    assert not doctor(tmp_path, capsys, host)["findings"]


def test_a_cudnn_that_did_not_start_beside_an_older_minor_than_the_likely_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/mozilla/DeepSpeech/issues/3326 (verbatim): cuDNN 7.4 under a
    TensorFlow whose tensorflow_core paths say 1.15 to 2.1; 'TensorFlow documentation specified
    CUDNN v7.6, not v7.4', the maintainer said. Every release of the range (1.15, 2.0, 2.1) was
    built with 7.6 and refuses an older minor, so that leads the memory reading of the same line,
    as a warning: the line itself does not say which failed."""
    log = (
        '  File "/home/ivan/anaconda3/envs/DeepSpeech/lib/python3.6/site-packages/tensorflow_core/'
        'python/client/session.py", line 1365, in _do_call\n'
        "    return fn(*args)\n"
        "tensorflow.python.framework.errors_impl.UnknownError: 2 root error(s) found.\n"
        "  (0) Unknown: Failed to get convolution algorithm. This is probably because cuDNN"
        " failed to initialize, so try looking to see if a warning log message was printed"
        " above.\n"
    )
    findings = doctor(tmp_path, capsys, log, "--cudnn", "7.4", "--gpu", "GTX 1650")["findings"]
    assert (findings[0]["id"], findings[0]["severity"]) == ("cudnn-version-mismatch", "warning")
    assert "was built with cuDNN 7.6, but cuDNN 7.4 is installed" in findings[0]["title"]
    memory = next(f for f in findings if f["id"] == "gpu-out-of-memory")
    assert memory["severity"] == "warning"
    # the build's own minor installed: memory is the reading
    same = doctor(tmp_path, capsys, log, "--cudnn", "7.6", "--gpu", "GTX 1650")["findings"]
    assert same[0]["id"] == "gpu-out-of-memory"
    # another major cannot be what failed to start (the build loads its own major or none)
    other = doctor(tmp_path, capsys, log, "--cudnn", "8.1", "--gpu", "GTX 1650")["findings"]
    assert "cudnn-version-mismatch" not in [f["id"] for f in other if "If the" in f["title"]]


def test_the_container_toolkit_reading_of_cuinit_s_symbol_needs_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/68710 (verbatim line): Docker Desktop's
    toolkit older than Windows driver 555. On a machine stated to be no container, that reading
    is a lead, not the cause."""
    log = (
        "2024-05-27 18:05:31.089452: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:282] failed call to cuInit: CUDA_ERROR_NOT_FOUND: named symbol not found\n"
        "[]\n"
    )
    inside = doctor(tmp_path, capsys, log, "--os", "wsl2", "--container")["findings"][0]
    assert (inside["id"], inside["severity"]) == ("container-gpu-not-exposed", "error")
    outside = doctor(tmp_path, capsys, log, "--os", "linux", "--no-container")["findings"]
    reading = next(f for f in outside if f["id"] == "container-gpu-not-exposed")
    assert reading["severity"] == "warning"
    assert any("not a container" in line for line in reading["evidence"])


def test_two_interpreters_at_the_prompt_are_the_wrong_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/16288 (verbatim): the import fails in
    conda's '(base)' Python and passes in the '(tensorflow)' environment's, a different build;
    the reporter's Spyder ran the first."""
    log = (
        "(base) C:\\WINDOWS\\system32>python\n"
        "Python 3.6.3 |Anaconda custom (64-bit)| (default, Oct 15 2017, 03:27:45) [MSC v.1900"
        " 64 bit (AMD64)] on win32\n"
        ">>> import tensorflow\n"
        "Traceback (most recent call last):\n"
        '  File "<stdin>", line 1, in <module>\n'
        "ModuleNotFoundError: No module named 'tensorflow'\n"
        "(tensorflow) C:\\WINDOWS\\system32>python\n"
        "Python 3.6.4 |Anaconda, Inc.| (default, Jan 16 2018, 10:22:32) [MSC v.1900 64 bit"
        " (AMD64)] on win32\n"
        ">>> import tensorflow\n"
        ">>>\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "windows", "--python", "3.6")["findings"][0]
    assert (first["id"], first["severity"]) == ("wrong-python-environment", "error")
    assert any("Anaconda custom" in line for line in first["evidence"])
    # one environment's prompt and one interpreter: the module is simply not installed
    alone = log.split("(tensorflow) C:")[0]
    assert doctor(tmp_path, capsys, alone, "--os", "windows")["findings"][0]["id"] == (
        "tensorflow-not-installed"
    )
    # two prompts of different environments say the same without banners
    prompts = "\n".join(line for line in log.splitlines() if not line.startswith("Python 3"))
    assert doctor(tmp_path, capsys, prompts, "--os", "windows")["findings"][0]["id"] == (
        "wrong-python-environment"
    )


def test_the_macos_loader_s_fallback_to_libcuda_dylib_cancels_its_first_try(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """https://github.com/tensorflow/tensorflow/issues/5141 (verbatim): TensorFlow 0.x on a Mac
    could not open libcuda.1.dylib, then opened libcuda.dylib; the reporter's GPU worked."""
    log = (
        "I tensorflow/stream_executor/dso_loader.cc:135] successfully opened CUDA library"
        " libcufft.8.0.dylib locally\n"
        "I tensorflow/stream_executor/dso_loader.cc:126] Couldn't open CUDA library"
        " libcuda.1.dylib. LD_LIBRARY_PATH: /usr/local/cuda/lib:/usr/local/cuda/extras/CUPTI/lib:"
        "/Developer/NVIDIA/CUDA-8.0/lib\n"
        "I tensorflow/stream_executor/dso_loader.cc:135] successfully opened CUDA library"
        " libcuda.dylib locally\n"
    )
    findings = doctor(tmp_path, capsys, log, "--os", "macos")["findings"]
    assert [f["id"] for f in findings] == ["benign-log-noise"]
    # without the fallback's success, the first try is what failed
    tried = log.rsplit("I tensorflow", 1)[0]
    assert doctor(tmp_path, capsys, tried, "--os", "macos")["findings"][0]["id"] == (
        "cuda-libs-not-found"
    )


@pytest.mark.parametrize(
    ("log", "not_first"),
    [
        # review 25: the statement the other way round, and words that only contain an IDE's
        (
            "It doesn't work in the terminal, but in PyCharm it works: ImportError:"
            " libcublas.so.9.0: cannot open shared object file: No such file or directory\n",
            "started by an IDE",
        ),
        (
            "works in the terminal but I have no idea why: ImportError: libcublas.so.9.0: cannot"
            " open shared object file: No such file or directory\n",
            "started by an IDE",
        ),
        # nvidia_peermem fails to load on every host without InfiniBand; CUDA is unaffected
        ("modprobe: ERROR: could not insert 'nvidia_peermem': Invalid argument\n", "no-nvidia"),
        # cmd's 'set X=' removes the variable; a commented-out line sets nothing
        ("C:\\Users\\me>set CUDA_VISIBLE_DEVICES=\n", "cuda-visible-devices"),
        ("#export CUDA_VISIBLE_DEVICES=\n", "cuda-visible-devices"),
    ],
    ids=["terminal-fails-ide-works", "no-idea", "peermem", "cmd-set-unsets", "commented-out"],
)
def test_lines_that_only_resemble_a_reading_do_not_make_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, not_first: str
) -> None:
    findings = doctor(tmp_path, capsys, log)["findings"]
    said = " ".join(
        " ".join([f["id"], f["title"], *f["evidence"]])
        for f in findings
        if f["severity"] == "error"
    )
    assert not_first not in said


def test_cudnn_s_own_handle_failure_keeps_the_memory_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review 25: TensorFlow compares cuDNN's version after cudnnCreate succeeded, so 'Could
    not create cudnn handle: STATUS' is no older minor refused; memory stays the reading."""
    log = (
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:329] Could not create cudnn handle:"
        " CUDNN_STATUS_INTERNAL_ERROR\n"
        '  File "/env/lib/python3.6/site-packages/tensorflow_core/python/client/session.py",'
        " line 1365, in _do_call\n"
        "  (0) Unknown: Failed to get convolution algorithm. This is probably because cuDNN"
        " failed to initialize, so try looking to see if a warning log message was printed"
        " above.\n"
    )
    first = doctor(tmp_path, capsys, log, "--cudnn", "7.4")["findings"][0]
    assert (first["id"], first["severity"]) == ("gpu-out-of-memory", "error")


def test_pip_s_windows_list_against_a_stated_linux(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==2.11"
        " (from versions: 2.9.3, 2.10.0, 2.10.1)\n"
    )
    findings = doctor(tmp_path, capsys, log, "--os", "linux")["findings"]
    windows = next(f for f in findings if f["id"] == "windows-native-gpu-unsupported")
    assert windows["severity"] == "warning"


def test_a_device_error_listing_gpus_shows_them_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#26709: the GPUs worked (the failure was the strategy API of a later release);
    a CUDA stated beside a 1.x release is no error once the log lists its GPU devices."""
    log = (
        "ValueError: Device /replica:0/task:0/device:CPU:0 not found in"
        " ['/replica:0/task:0/device:GPU:0', '/replica:0/task:0/device:GPU:1'] (current device )\n"
    )
    flags = ("--os", "linux", "--tf", "1.12.0", "--cuda-toolkit", "9.1", "--gpu", "Tesla K80")
    doc = doctor(tmp_path, capsys, log, *flags)
    assert doc["gpu_used"] == "yes"
    assert not [f["id"] for f in doc["findings"] if f["severity"] == "error"]


def test_the_driver_installer_s_secure_boot_refusal_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """luckyyyyy/blog#72 (verbatim excerpt): nvidia-installer's own words for a module Secure
    Boot refused lead, not its bare 'Unable to load the kernel module' after them."""
    log = (
        "4. Error: The kernel module failed to load. Secure boot is enabled on this system.\n"
        "5. The signed kernel module failed to load.\n"
        "6. Error: Unable to load the kernel module 'nvidia.ko'\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "no-nvidia-driver"
    assert "Secure Boot" in first["title"]
    assert "mokutil" in first["fix"]
    # the installer's log file words it with 'ERROR:' and a capital B (written)
    log = (
        "ERROR: The kernel module failed to load. Secure Boot is enabled on this system, so this"
        " is likely because it was not signed by a key that is trusted by the kernel.\n"
    )
    assert "Secure Boot" in doctor(tmp_path, capsys, log)["findings"][0]["title"]
    # another installer's signed module (VirtualBox's, written) says nothing of NVIDIA's
    for log in (
        "VirtualBox setup: The signed kernel module failed to load (vboxdrv)\n",
        "The signed kernel module failed to load; check that vboxdrv is signed.\n",
    ):
        assert "no-nvidia-driver" not in _ids(doctor(tmp_path, capsys, log))
    # the installer's own prefix, and its full-screen dialog's frame (written)
    for log in (
        "nvidia-installer: ERROR: The signed kernel module failed to load.\n",
        "│ ERROR: The signed kernel module failed to load.\n",
    ):
        assert "Secure Boot" in doctor(tmp_path, capsys, log)["findings"][0]["title"]


def test_an_import_that_needs_libcuda_on_a_machine_without_a_gpu_is_told_to_change_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#9969: a 1.x GPU build on a cluster's GPU-less nodes cannot import without
    libcuda; 'TensorFlow runs on the CPU, nothing is wrong' would be false there."""
    log = "ImportError: libcuda.so.1: cannot open shared object file: No such file or directory\n"
    doc = doctor(tmp_path, capsys, log, "--tf", "1.1")
    likely = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert "install the CPU build" in likely["fix"]
    assert "nothing is wrong" not in likely["fix"]
    # a log where TensorFlow ran on without the driver keeps the reassurance
    log = (
        "2019-07-28 13:45:18.738233: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:53] Could not dlopen library 'libcuda.so.1'; dlerror: libcuda.so.1:"
        " cannot open shared object file: No such file or directory\n"
    )
    doc = doctor(tmp_path, capsys, log)
    likely = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert "nothing is wrong" in likely["fix"]
    # from 2.1 TensorFlow's own import does not need libcuda and there is no tensorflow-gpu to
    # swap: another package's ImportError (Horovod's, written) gets no such advice
    log = "ImportError: libcuda.so.1: cannot open shared object file: No such file or directory\n"
    doc = doctor(tmp_path, capsys, log, "--tf", "2.12")
    likely = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert "tensorflow-gpu" not in likely["fix"] and "nothing is wrong" not in likely["fix"]
    assert "that package's CPU build" in likely["fix"]
    driver = next(f for f in doc["findings"] if f["id"] == "no-nvidia-driver")
    assert "TensorFlow cannot import" not in driver["title"]


def test_tensorflow_s_own_exception_shows_it_imported_under_the_python_that_ran_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """matterport/Mask_RCNN#171 (verbatim excerpt): TensorFlow 1.x on a Jetson TX2 under Python
    3.5 ran a session and a kernel asked for more than the GPU has. No release was named, but
    TensorFlow's own exception shows it installed and running under that Python: no release's
    Python support is a warning there, and the kernel's failure leads."""
    log = (
        '  File "/usr/local/lib/python3.5/dist-packages/tensorflow/python/client/session.py",'
        " line 1327, in _do_call\n"
        "    return fn(*args)\n"
        "tensorflow.python.framework.errors_impl.InternalError: WhereOp: Could not launch"
        " cub::DeviceReduce::Sum to count number of true indices.  temp_storage_bytes: 1,"
        " status: too many resources requested for launch\n"
    )
    doc = doctor(tmp_path, capsys, log, "--gpu", "Jetson TX2")
    assert _ids(doc)[0] == "gpu-kernel-failed"
    # and a kernel that ran on the GPU shows a CUDA build: no guess that the wheel has none
    assert not [
        f
        for f in doc["findings"]
        if f["id"] in ("python-unsupported", "cpu-only-tensorflow") and f["severity"] != "info"
    ]


def test_a_wheel_for_another_cpu_of_a_release_without_one_for_this_machine_is_the_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#31058 (verbatim): an x86_64 wheel of 1.14 refused on a Jetson Xavier, when
    PyPI had no TensorFlow for aarch64 at all ('You have an ARM processor')."""
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from"
        " versions: none)\n"
        "ERROR: No matching distribution found for tensorflow\n"
        "ERROR: tensorflow-1.14.0-cp36-cp36m-manylinux1_x86_64.whl is not a supported wheel on"
        " this platform.\n"
    )
    flags = ("--os", "linux", "--python", "3.6", "--gpu", "Jetson Xavier")
    assert _ids(doctor(tmp_path, capsys, log, *flags))[0] == "platform-unsupported"
    # a release with a wheel for this machine: the wrong file was downloaded, named as such
    # (written; review 89), with pip left to pick this machine's
    log = (
        "ERROR: tensorflow-2.15.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
        " is not a supported wheel on this platform.\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux", "--arch", "aarch64")["findings"][0]
    assert first["id"] == "platform-unsupported"
    assert "pip install tensorflow==2.15.0" in first["fix"]
    # an add-on's wheel has versions of its own, not TensorFlow's (written)
    log = (
        "ERROR: tensorflow_io-0.30.0-cp310-cp310-manylinux_2_12_x86_64.manylinux2010_x86_64.whl"
        " is not a supported wheel on this platform.\n"
    )
    ids = _ids(doctor(tmp_path, capsys, log, "--os", "linux", "--arch", "aarch64"))
    assert "platform-unsupported" not in ids


def test_the_driver_call_that_refused_the_ordinal_is_the_one_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """horovod#639 (verbatim): the refusal came from the context call, not from cuInit."""
    log = (
        "unable to create StreamExecutor for CUDA:0: failed initializing StreamExecutor for CUDA"
        " device ordinal 0: Internal: failed call to cuDevicePrimaryCtxRetain:"
        " CUDA_ERROR_INVALID_DEVICE: invalid device ordinal\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert "cuDevicePrimaryCtxRetain: CUDA_ERROR_INVALID_DEVICE" in first["title"]
    assert "cuInit" not in first["title"]


def test_a_library_that_needs_another_cuda_major_s_library_is_two_majors_mixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NVIDIA/tensorflow#110 (lines verbatim): cuSOLVER's .so.11 was found but wanted CUDA 12's
    nvJitLink while the runtime opened was CUDA 11's. Its name says nothing of a CUDA 11.0
    installed (the loader found it); a CUDA 12 wheel mixed into a CUDA 11 build does."""
    log = (
        "2024-06-19 16:06:44.995157: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudart.so.11.0\n"
        "2024-06-19 16:06:44.996032: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:60] Could not load dynamic library 'libcusolver.so.11'; dlerror:"
        " libnvJitLink.so.12: cannot open shared object file: No such file or directory\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "cuda-version-mismatch"
    assert "libnvJitLink.so.12" in first["title"] and "11.0 is installed" not in first["title"]
    assert "-cu12" in first["fix"]


def test_an_op_pinned_to_xla_s_device_shows_no_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XLA_GPU without a GPU device is TF 1.14-2.3 missing its CUDA libraries: an op pinned to
    it with no kernel says nothing of a GPU at work (written in the placer's words)."""
    log = (
        "Could not satisfy explicit device specification '/device:XLA_GPU:0' because no"
        " supported kernel for GPU devices is available.\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert doc["gpu_used"] != "yes" and "op-without-gpu-kernel" not in _ids(doc)


@pytest.mark.parametrize(
    "line",
    [
        # https://github.com/tensorflow/addons/issues/2075 (verbatim): the add-on's range
        # check, off by one; the GPU was in use
        "UserWarning: Tensorflow Addons supports using Python ops for all Tensorflow versions"
        " above or equal to 2.2.0 and strictly below 2.3.0 (nightly versions are not"
        " supported).",
        # https://github.com/TheLastBen/fast-stable-diffusion/issues/1918 (verbatim excerpt):
        # tensorflow-io's plugins built for another TensorFlow; 'it doesn't affect the training'
        "/usr/local/lib/python3.9/dist-packages/tensorflow_io/python/ops/__init__.py:104:"
        " UserWarning: file system plugins are not loaded: unable to open file:"
        " libtensorflow_io.so, from paths: ['/usr/local/lib/python3.9/dist-packages/"
        "tensorflow_io/python/ops/libtensorflow_io.so']",
        # https://github.com/hollowstrawberry/kohya-colab/issues/133 (verbatim): a CPU-only
        # jaxlib beside a PyTorch trainer; nothing about TensorFlow's GPU
        "An NVIDIA GPU may be present on this machine, but a CUDA-enabled jaxlib is not"
        " installed. Falling back to cpu.",
    ],
)
def test_another_package_s_notice_is_named_harmless_for_tensorflow_s_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    doc = doctor(tmp_path, capsys, line + "\n")
    assert _ids(doc) == ["benign-log-noise"]
    assert "Harmless for" in doc["findings"][0]["title"]


@pytest.mark.parametrize(
    "command",
    [
        # tensorflow#4363 (verbatim): nvidia-docker passes the GPU in itself
        "$ nvidia-docker run --rm -ti tensorflow/tensorflow:nightly-devel-gpu nvidia-smi",
        # the same request through the runtime's own name, and podman's CDI device (written)
        "$ docker run --runtime=nvidia --rm -ti tensorflow/tensorflow:latest-gpu nvidia-smi",
        "$ podman run --device nvidia.com/gpu=all --rm -ti tensorflow/tensorflow:latest-gpu",
    ],
)
def test_a_container_run_through_nvidia_s_runtime_asked_for_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """tensorflow#4363: the image's LD_LIBRARY_PATH replaced the one nvidia-docker set, so
    nvidia-smi found no libnvidia-ml; 'start it with --gpus' was the wrong advice."""
    log = (
        command + "\nNVIDIA-SMI couldn't find libnvidia-ml.so library in your system. Please"
        " make sure that the NVIDIA Display Driver is properly installed and present in your"
        " system.\n"
    )
    first = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert "asked for the GPU" in first["title"] and "LD_LIBRARY_PATH" in first["fix"]


@pytest.mark.parametrize(
    ("line", "addon"),
    [
        # https://github.com/tensorflow/addons/issues/470 (verbatim): Addons 0.5 was built
        # against TensorFlow 2.0.0rc0
        (
            "tensorflow.python.framework.errors_impl.NotFoundError: /opt/conda/lib/python3.6/"
            "site-packages/tensorflow_addons/custom_ops/activations/_activation_ops.so: undefined"
            " symbol: _ZN10tensorflow12OpDefBuilder4AttrESs",
            "tensorflow_addons",
        ),
        # https://github.com/gianlucadetommaso/volatile/issues/4 (verbatim): TFP newer than the
        # TensorFlow installed
        (
            "ImportError: This version of TensorFlow Probability requires TensorFlow version >="
            " 2.4; Detected an installation of version 2.3.0-dev20200603. Please upgrade"
            " TensorFlow to proceed.",
            "TensorFlow Probability",
        ),
        # Horovod's TensorFlow plugin and tf_sentencepiece's versioned library (written in the
        # loader's format)
        (
            "tensorflow.python.framework.errors_impl.NotFoundError: /usr/lib/python3/"
            "site-packages/horovod/tensorflow/mpi_lib.cpython-36m-x86_64-linux-gnu.so: undefined"
            " symbol: _ZN10tensorflow8OpKernel11TraceStringEPNS_15OpKernelContextEb",
            "horovod",
        ),
        (
            "NotFoundError: tf_sentencepiece/_sentencepiece_processor_ops.so.1.13.1: undefined"
            " symbol: _ZN10tensorflow8OpKernel11TraceStringEPNS_15OpKernelContextEb",
            "tf_sentencepiece",
        ),
        # https://github.com/tensorflow/models/issues/10617 (verbatim): tensorflow-metal's
        # plug-in asking for a C API function the installed TensorFlow lacks
        (
            "tensorflow.python.framework.errors_impl.NotFoundError: dlopen(/Users/user/env/"
            "miniforge3/lib/python3.9/site-packages/tensorflow-plugins/libmetal_plugin.dylib,"
            " 0x0006): symbol not found in flat namespace '_TF_AllocateOutput'",
            "libmetal_plugin",
        ),
        # (review 47, written in the loader's words) the same plug-in asking for a C++ symbol
        (
            "tensorflow.python.framework.errors_impl.NotFoundError: dlopen(/Users/a/env/lib/"
            "python3.10/site-packages/tensorflow-plugins/libmetal_plugin.dylib, 0x0006): Symbol"
            " not found: __ZN3tsl8internal10LogMessageC1EPKcii",
            "libmetal_plugin",
        ),
        # macOS's loader (sun1638650145/Libraries-and-Extensions-for-TensorFlow-for-Apple-
        # Silicon#4, shortened symbol): tensorflow-text built for another tensorflow-macos
        (
            "dlopen(/Users/me/conda/tf/lib/python3.9/site-packages/tensorflow_text/python/ops/"
            "_regex_split_ops.dylib, 0x0006): symbol not found in flat namespace"
            " '__ZN10tensorflow14kernel_factory17OpKernelRegistrar12InitInternalEPKNS_9KernelDefE'",
            "tensorflow_text",
        ),
    ],
)
def test_an_add_on_made_for_another_tensorflow_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, addon: str
) -> None:
    first = doctor(tmp_path, capsys, line + "\n")["findings"][0]
    assert first["id"] == "addon-tensorflow-mismatch" and addon in first["title"]
    # tensorflow-io's plugins, the same undefined symbol in a warning it goes on after, stay
    # harmless (fast-stable-diffusion#1918, verbatim)
    warning = (
        "caused by: ['/usr/local/lib/python3.9/dist-packages/tensorflow_io/python/ops/"
        "libtensorflow_io_plugins.so: undefined symbol:"
        " _ZN3tsl6StatusC1EN10tensorflow5error4CodeE']\n"
    )
    assert "addon-tensorflow-mismatch" not in _ids(doctor(tmp_path, capsys, warning))


def test_an_add_on_failing_on_a_mac_comes_before_macs_having_no_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same load failure fails on any Mac: macOS having no CUDA is a note beside it
    line = (
        "dlopen(/Users/me/conda/tf/lib/python3.9/site-packages/tensorflow_text/python/ops/"
        "_regex_split_ops.dylib, 0x0006): symbol not found in flat namespace"
        " '__ZN10tensorflow14kernel_factory17OpKernelRegistrar12InitInternalEPKNS_9KernelDefE'\n"
    )
    found = doctor(tmp_path, capsys, line, "--os", "macos")["findings"]
    assert found[0]["id"] == "addon-tensorflow-mismatch"
    assert {f["id"]: f["severity"] for f in found}["macos-no-cuda"] == "info"


def test_a_user_site_tensorflow_under_an_environment_s_python_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """anaconda-issues#11805 (verbatim frames): the conda environment's Python imported the
    TensorFlow 'pip install --user' put in ~/.local, which comes first on its path."""
    log = (
        "Traceback (most recent call last):\n"
        '  File "/home/amaa/.local/lib/python3.6/site-packages/tensorflow/python/'
        'pywrap_tensorflow.py", line 58, in <module>\n'
        '  File "/home/amaa/anaconda3/envs/tf_gpu/lib/python3.6/imp.py", line 243, in'
        " load_module\n"
        "ImportError: libcublas.so.10.0: cannot open shared object file: No such file or"
        " directory\n"
    )
    findings = doctor(tmp_path, capsys, log)["findings"]
    found = {f["id"]: f for f in findings}
    assert "user site" in found["wrong-python-environment"]["title"]
    # (review 70) an environment's Python running TensorFlow from outside it is the cause,
    # whether or not the paste lists the environment's own copy
    assert (findings[0]["id"], findings[0]["severity"]) == ("wrong-python-environment", "error")
    assert "PYTHONNOUSERSITE" in found["wrong-python-environment"]["fix"]
    # the user site alone, with no environment's Python beside it, is simply where it lives
    alone = log.replace("anaconda3/envs/tf_gpu/lib", "nowhere")
    assert "wrong-python-environment" not in _ids(doctor(tmp_path, capsys, alone))


def test_tensorflow_in_roots_user_site_is_not_another_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """samjabrahams/tensorflow-on-raspberry-pi#91 (verbatim): 'sudo pip3 install --user' put
    TensorFlow in /root/.local, which user pi's Python never reads."""
    log = (
        "Requirement already satisfied: tensorflow==1.0.1 from file:///home/pi/"
        "Deep-Learning-RC-Car-Data-Collector/tensorflow-1.0.1-cp34-cp34m-linux_armv7l.whl in"
        " /root/.local/lib/python3.4/site-packages\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--python", "3.4")
    first = doc["findings"][0]
    assert first["id"] == "wrong-python-environment" and "root's user site" in first["title"]
    # root's own session (a container's prompt): root's user site is that Python's own
    as_root = "root@5e85f82cd11c:/app# pip install --user tensorflow\n" + log.replace(
        "file:///home/pi/Deep-Learning-RC-Car-Data-Collector", "file:///app"
    )
    assert "wrong-python-environment" not in _ids(doctor(tmp_path, capsys, as_root))
    # the user's own copy found too, or a log whose only home is a variable (a CI runner's)
    also_own = log + (
        "pi@raspberrypi:~ $ pip3 install tensorflow\nRequirement already satisfied: tensorflow"
        " in ./.local/lib/python3.4/site-packages (1.0.1)\n"
    )
    assert "wrong-python-environment" not in _ids(doctor(tmp_path, capsys, also_own))
    ci = (
        "Temporarily overriding HOME='/home/runner/work/_temp/8c1e6b0a'\n"
        "Requirement already satisfied: tensorflow==2.16.1 in"
        " /root/.local/lib/python3.11/site-packages (2.16.1)\n"
    )
    assert "wrong-python-environment" not in _ids(doctor(tmp_path, capsys, ci))
    # a user's prompt says who runs Python, while root's user site holds TensorFlow
    prompt = "(base) alice@gpu-ws:~$ sudo pip install --user tensorflow\n" + ci.split("\n", 1)[1]
    assert _ids(doctor(tmp_path, capsys, prompt))[0] == "wrong-python-environment"
    # TensorFlow's own lines show it imported and ran: it was found after all
    ran = log + (
        "2017-03-01 10:00:00.000000: I tensorflow/core/common_runtime/direct_session.cc:255]"
        " Device mapping: no known devices.\n"
    )
    assert "wrong-python-environment" not in _ids(doctor(tmp_path, capsys, ran))


# A Stack Overflow answer on cudart64_101.dll (stackguides mirror of question 59823283,
# verbatim): 'If you don't have a CUDA-enabled GPU ... no need to worry'
CUDART_ALONE = (
    "2020-01-20 12:27:44.554767: W tensorflow/stream_executor/platform/default/dso_loader.cc:55]"
    " Could not load dynamic library 'cudart64_101.dll'; dlerror: cudart64_101.dll not found\n"
    "2020-01-20 12:27:44.554964: I tensorflow/stream_executor/cuda/cudart_stub.cc:29] Ignore"
    " above cudart dlerror if you do not have a GPU set up on your machine.\n"
)


def test_the_cuda_runtime_missing_where_nothing_shows_a_gpu_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """TensorFlow opens the runtime at import on every machine and says to ignore the failure
    without a GPU: alone, with no GPU stated or shown, it is a warning to confirm."""
    doc = doctor(tmp_path, capsys, CUDART_ALONE, "--os", "windows")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-libs-not-found", "warning")
    # without its runtime TensorFlow uses no GPU, whether or not there is one
    assert doc["gpu_used"] == "no" and "nothing is wrong" in doc["verdict"]
    assert any("without a GPU set up" in e for e in first["evidence"])
    # with a GPU stated, it is what keeps TensorFlow off it
    stated = doctor(tmp_path, capsys, CUDART_ALONE, "--os", "windows", "--gpu", "GTX 1080")
    assert ("cuda-libs-not-found", "error") in [
        (f["id"], f["severity"]) for f in stated["findings"]
    ]
    # and another library failing shows the driver found a GPU first (written)
    more = CUDART_ALONE + (
        "2020-01-20 12:27:45.000000: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:55] Could not load dynamic library 'cublas64_10.dll'; dlerror:"
        " cublas64_10.dll not found\n"
    )
    errors = [
        f["id"] for f in doctor(tmp_path, capsys, more)["findings"] if f["severity"] == "error"
    ]
    assert "cuda-libs-not-found" in errors


def test_swig_s_module_not_found_on_windows_is_the_dll_load_failure_of_an_old_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#10111 (verbatim): the last line of a Windows 1.x import whose CUDA DLLs were
    missing. SWIG's loader is 2.1 or older, so no '2.11 has no GPU on Windows' guess."""
    log = "ImportError: No module named '_pywrap_tensorflow_internal'\n"
    ids = _ids(doctor(tmp_path, capsys, log, "--os", "windows"))
    assert "windows-native-gpu-unsupported" not in ids
    first = doctor(tmp_path, capsys, log, "--os", "windows", "--tf", "1.2")["findings"][0]
    assert first["id"] == "cuda-libs-not-found" and "DLL" in first["title"]


def test_wsl_s_gpu_layer_not_answering_is_not_said_to_lack_libcuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """microsoft/WSL#6772 (verbatim): nvidia-smi failing under WSL 2 after a Windows build's
    regression; nothing showed libcuda missing, and the fix was on the Windows side."""
    log = (
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure"
        " that the latest NVIDIA driver is installed and running.\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "wsl2")["findings"][0]
    assert first["id"] == "wsl-libcuda-missing" and "libcuda" not in first["title"]
    assert "wsl --update" in first["fix"]
    # the loader's own words for the missing library keep the libcuda reading (written)
    missing = (
        "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic"
        " library 'libcuda.so.1'; dlerror: libcuda.so.1: cannot open shared object file: No such"
        " file or directory\n"
    )
    first = doctor(tmp_path, capsys, missing, "--os", "wsl2")["findings"][0]
    assert first["id"] == "wsl-libcuda-missing" and "libcuda.so.1" in first["title"]


@pytest.mark.parametrize(
    "line",
    [
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:378] Loaded runtime CuDNN library: 7101"
        " (compatibility version 7100)",
        "E tensorflow/stream_executor/cuda/cuda_dnn.cc:396] Loaded runtime CuDNN library: 8.0.4"
        " but sou",
    ],
)
def test_the_cudnn_refusal_cut_anywhere_before_the_build_s_version_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """Written in TensorFlow's format, cut where pastes cut it (tensorflow#17566's kin)."""
    assert _ids(doctor(tmp_path, capsys, line + "\n"))[0] == "cudnn-version-mismatch"


def test_prose_quoting_the_cudnn_refusal_is_not_the_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = "I saw Loaded runtime CuDNN library: 7101\n"
    assert "cudnn-version-mismatch" not in _ids(doctor(tmp_path, capsys, log))


@pytest.mark.parametrize(
    "line",
    [
        "zsh: command not found: ptxas",
        "sh: 1: ptxas: not found",
        "ptxas : The term 'ptxas' is not recognized as the name of a cmdlet, function, script"
        " file, or operable program.",
        "bash: /usr/local/cuda/bin/ptxas: command not found",
    ],
)
def test_every_shell_s_words_for_no_ptxas_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str
) -> None:
    """The shells' own wordings (written), as tensorflow#58681's Ubuntu one."""
    assert _ids(doctor(tmp_path, capsys, line + "\n", "--tf", "2.11"))[0] == "xla-toolchain-missing"


def test_nvml_blocked_by_the_system_in_a_container_asked_for_the_gpu_is_the_runtime_s_setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """nvidia-container-toolkit#85 (a WSL 2 comment, verbatim): 'no-cgroups = true' in the
    runtime's config.toml; setting it to false fixed it."""
    log = (
        "$ sudo docker run --rm --runtime=nvidia --gpus all ubuntu nvidia-smi\n"
        "Failed to initialize NVML: GPU access blocked by the operating system\n"
    )
    first = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "container-gpu-not-exposed" and "no-cgroups" in first["fix"]
    # on its own, outside a container, NVML's refusal is the system's (written)
    alone = doctor(tmp_path, capsys, log.split("\n", 1)[1])["findings"][0]
    assert alone["id"] == "no-nvidia-driver" and "WDDM" in alone["fix"]


def test_a_release_the_log_only_narrows_is_named_as_the_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """google/automl#555 (verbatim lines, rejoined): the log's paths and wording fit a range of
    releases from 2.1 and names none; a finding every one of them yields names the range, not
    the newest."""
    log = (
        "2020-06-29 12:21:24.607896: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:55] Could not load dynamic library 'cudart64_101.dll'; dlerror:"
        " cudart64_101.dll not found\n"
        "2020-06-29 12:21:26.546007: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1561]"
        " Found device 0 with properties:\n"
        "pciBusID: 0000:01:00.0 name: GeForce GT 220 computeCapability: 1.2\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "compute-capability-unsupported"
    assert first["title"].startswith("TensorFlow 2.1–2.")
    # a release stated is named as stated
    stated = doctor(tmp_path, capsys, log, "--tf", "2.2.0")["findings"][0]
    assert stated["title"].startswith("TensorFlow 2.2.0 ")


def test_a_range_is_not_given_the_newest_releases_cuda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#262 (verbatim lines): no release stated or dated; a 355 driver is too old
    for every release judged, but they were built with different CUDAs: the finding says
    which it was judged for, and that the log did not say which ran."""
    log = (
        "I tensorflow/core/common_runtime/gpu/gpu_region_allocator.cc:345] Aggregate Region"
        " Memory: 2990620672 (2.79GiB)\n"
    )
    found = doctor(tmp_path, capsys, log, "--driver", "355.11", "--gpu", "GTX 980")["findings"]
    too_old = next(f for f in found if f["id"] == "driver-too-old")
    assert "–" not in too_old["title"]
    assert any("the newest release that fits what is known here" in e for e in too_old["evidence"])
    assert "pip show tensorflow" in too_old["fix"]


def test_an_xla_gpu_device_dates_the_release_before_2_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow#38990 (verbatim): XLA_GPU devices were registered by default until 2.4."""
    log = (
        "`[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU'),\n"
        " PhysicalDevice(name='/physical_device:XLA_CPU:0', device_type='XLA_CPU'),\n"
        " PhysicalDevice(name='/physical_device:XLA_GPU:0', device_type='XLA_GPU')]`\n"
    )
    found = doctor(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "10.2")["findings"]
    mismatch = next(f for f in found if f["id"] == "cuda-version-mismatch")
    assert any("(2.0–2.3)" in e for e in mismatch["evidence"])
    # no release, 2.x or older, was built with CUDA 10.2: the log fitting a 1.x too does not
    # soften that (the reporter's fix: the CUDA 10.1 TensorFlow 2.1 was built with)
    assert (found[0]["id"], found[0]["severity"]) == ("cuda-version-mismatch", "error")
    # TensorFlow 2.4 and later list XLA_GPU only where the log turns those devices back on
    turned_on = "$ export TF_XLA_FLAGS=--tf_xla_enable_xla_devices\n" + log
    cuda_11 = doctor(tmp_path, capsys, turned_on, "--os", "linux", "--cuda-toolkit", "11.2")
    assert "cuda-version-mismatch" not in {f["id"] for f in cuda_11["findings"]}
    # in a conda environment, whose cudatoolkit builds the older table does not list, the
    # older releases' caution stays
    conda = log + "(base) C:\\Users\\u\\anaconda3\\envs\\tf\\lib\\site-packages\n"
    in_conda = doctor(tmp_path, capsys, conda, "--os", "linux", "--cuda-toolkit", "10.2")
    assert ("cuda-version-mismatch", "error") not in [
        (f["id"], f["severity"]) for f in in_conda["findings"]
    ]
    # CUDA 7.5 is older than the table of older builds: a 0.x it does not list may use it
    older = doctor(tmp_path, capsys, log, "--os", "linux", "--cuda-toolkit", "7.5")["findings"]
    assert ("cuda-version-mismatch", "error") not in [(f["id"], f["severity"]) for f in older]


def test_a_cuda_the_older_builds_never_used_is_no_error_where_tensorflow_loaded_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DeepFaceLab#369 (verbatim): an allocation on the device shows a CUDA runtime loaded;
    the stated CUDA 10.1 beside a release the log dates before 2.0 is no cause there."""
    log = (
        "2019-08-24 01:11:32.333585: E tensorflow/stream_executor/cuda/cuda_driver.cc:806] failed"
        " to allocate 2.12G (2279250176 bytes) from device: CUDA_ERROR_OUT_OF_MEMORY: out of"
        " memory\n"
    )
    found = doctor(tmp_path, capsys, log, "--cuda-toolkit", "10.1")["findings"]
    assert found[0]["id"] == "gpu-out-of-memory"


# https://github.com/wangyum/Anaconda/issues/3 (verbatim): conda's and pip's TensorFlow in one
# environment
CONDA_AND_PIP = (
    "$ conda list | grep tensorflow\n"
    "Using Anaconda Cloud api site https://api.anaconda.org\n"
    "tensorflow                0.9.0                    py27_0    conda-forge\n"
    "tensorflow                0.12.0                    <pip>\n"
)


@pytest.mark.parametrize(
    "pip_row",
    [
        "tensorflow                0.12.0                    <pip>\n",
        # conda 4.6 and later list pip's installs on the 'pypi' channel (written in that form)
        "tensorflow                2.4.1                    pypi_0    pypi\n",
    ],
)
def test_tensorflow_installed_by_both_conda_and_pip_is_two_installs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pip_row: str
) -> None:
    log = CONDA_AND_PIP.replace(
        "tensorflow                0.12.0                    <pip>\n", pip_row
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "multiple-tensorflow-distributions" and "conda and pip" in first["title"]


def test_two_environments_listings_are_not_one_environment_installed_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = (
        "# packages in environment at /opt/conda/envs/a:\n"
        "tensorflow                2.4.1           gpu_py38h8a7d6ce_0\n"
        "# packages in environment at /opt/conda/envs/b:\n"
        "tensorflow                2.4.1                    pypi_0    pypi\n"
    )
    assert "multiple-tensorflow-distributions" not in _ids(doctor(tmp_path, capsys, two))
    # two runs of the command, in two activated environments
    runs = (
        "(a) $ conda list | grep tensorflow\n"
        "tensorflow                2.4.1           gpu_py38h8a7d6ce_0\n"
        "(b) $ conda list | grep tensorflow\n"
        "tensorflow                2.4.1                    pypi_0    pypi\n"
    )
    assert "multiple-tensorflow-distributions" not in _ids(doctor(tmp_path, capsys, runs))
    # (review 47) conda's pip row, then 'pip list -v' (a location, installer 'pip') or 'conda
    # search' offers: one install, and packages not installed
    for after in (
        "(tf) $ pip list -v | grep tensorflow\n"
        "tensorflow     2.12.0     /home/a/miniconda3/envs/tf/lib/python3.10/site-packages pip\n",
        "(tf) $ conda search tensorflow | tail -2\n"
        "tensorflow                    2.10.0 gpu_py310h6559e04_0  pkgs/main\n",
    ):
        log = (
            "(tf) $ conda list | grep tensorflow\n"
            "tensorflow                2.12.0                   pypi_0    pypi\n" + after
        )
        assert "multiple-tensorflow-distributions" not in _ids(doctor(tmp_path, capsys, log))


def test_the_allocators_dump_alone_is_memory_running_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/issues/45779 (verbatim tail): BFCAllocator dumps
    # its chunks only when an allocation failed
    log = (
        "2021-03-12 00:28:29.816355: I tensorflow/core/common_runtime/bfc_allocator.cc:1040] Sum"
        " Total of in-use chunks: 1002.91MiB\n"
        "2021-03-12 00:28:29.816469: I tensorflow/core/common_runtime/bfc_allocator.cc:1042]"
        " total_region_allocated_bytes_: 1073741824 memory_limit_: 1073741824 available bytes: 0"
        " curr_region_allocation_bytes_: 2147483648\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "gpu-out-of-memory"
    # (review 47) a host allocator's dump says the machine's RAM ran out, not the GPU's
    for header in (
        "I tensorflow/core/common_runtime/bfc_allocator.cc:1027] BFCAllocator dump for"
        " gpu_host_bfc\n",
        "W tensorflow/core/common_runtime/bfc_allocator.cc:479] Allocator (mklcpu) ran out of"
        " memory trying to allocate 7.45GiB (rounded to 8000000000)requested by op Mul\n",
    ):
        first = doctor(tmp_path, capsys, header + log)["findings"][0]
        assert "host's memory" in first["title"], header
    # (review 48) the host allocator's retry that 'is not a failure' explains nothing
    retry = (
        "W tensorflow/core/common_runtime/bfc_allocator.cc:290] Allocator (gpu_host_bfc) ran out"
        " of memory trying to allocate 2.2GiB with freed_by_count=0. The caller indicates that"
        " this is not a failure, but this may mean that there could be performance gains if more"
        " memory were available.\n"
    )
    first = doctor(tmp_path, capsys, retry + log)["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and "host's memory" not in first["title"]


def test_a_kernel_launch_failing_in_a_header_is_a_kernel_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/ildoonet/tf-pose-estimation/issues/623 (verbatim): a Jetson TX2's
    # small GPU refusing a transpose kernel's launch, written from a kernel header
    log = (
        "F ./tensorflow/core/kernels/conv_2d_gpu.h:649] Non-OK-status: CudaLaunchKernel("
        " SwapDimension1And2InTensor3UsingTiles<T, NumThreads, TileShortSide, TileLongSide>,"
        " total_tiles_count, NumThreads, 0, d.stream(), input, input_dims, output) status:"
        " Internal: too many resources requested for launch\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "gpu-kernel-failed"


@pytest.mark.parametrize(
    ("frame", "cause"),
    [
        # https://github.com/deepfakes/faceswap/issues/206 (verbatim, a Chinese Windows)
        ("    ctypes.WinDLL(build_info.cudart_dll_name)\n", "cuda-libs-not-found"),
        # https://github.com/tensorflow/tensorflow/issues/28223 (the same check for cuDNN)
        ("    ctypes.WinDLL(build_info.cudnn_dll_name)\n", "cudnn-not-found"),
    ],
)
def test_tensorflows_windows_preload_check_names_the_dll_it_could_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frame: str, cause: str
) -> None:
    log = (
        "Traceback (most recent call last):\n"
        '  File "C:\\Users\\User\\Envs\\faceswap\\lib\\site-packages\\tensorflow\\python\\'
        'platform\\self_check.py", line 75, in preload_check\n'
        + frame
        + '  File "c:\\users\\user\\appdata\\local\\programs\\python\\python36\\Lib\\ctypes\\'
        '__init__.py", line 348, in __init__\n'
        "    self._handle = _dlopen(self._name, mode)\n"
        "OSError: [WinError 126] \u627e\u4e0d\u5230\u6307\u5b9a\u7684\u6a21\u5757\u3002\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == cause
    # (review 47) WinError 193: a DLL of another architecture was found, not a missing one
    other = log.replace("[WinError 126]", "[WinError 193] %1 is not a valid Win32 application.")
    assert cause not in _ids(doctor(tmp_path, capsys, other))


@pytest.mark.parametrize(
    ("folder", "mac"),
    [
        ("/Users/jj/miniconda3/lib/python3.7", True),
        # donaldlab/OSPREY3#67 (verbatim folder): a Linux share with a 'Users' folder in it
        ("/usr/project/dlab/Users/jj/OSPREY_Python/python", False),
        ("/mnt/c/Users/jj/venv/lib/python3.10", False),
    ],
)
def test_only_a_home_folder_at_the_root_reads_as_a_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str, mac: bool
) -> None:
    log = (
        "Traceback (most recent call last):\n"
        f'  File "{folder}/site-packages/tensorflow/__init__.py", line 1, in <module>\n'
        "ImportError: libcudart.so.10.0: cannot open shared object file: No such file or"
        " directory\n"
    )
    assert ("macos-no-cuda" in _ids(doctor(tmp_path, capsys, log))) is mac


def test_tensorflows_diagnostics_naming_a_container_id_as_host_show_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/codalab/codalab-worksheets/issues/591 (verbatim): the host's module is
    # there (367.27), the container has no libcuda: the runtime did not pass the driver in
    log = (
        "I tensorflow/stream_executor/dso_loader.cc:102] Couldn't open CUDA library libcuda.so.1."
        " LD_LIBRARY_PATH: \n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:160] hostname: 6b9e3874a772\n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:185] libcuda reported version is:"
        " Not found: was unable to find libcuda.so DSO loaded into this program\n"
        "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:189] kernel reported version is:"
        " 367.27.0\n"
    )
    assert _ids(doctor(tmp_path, capsys, log))[0] == "container-gpu-not-exposed"
    named = log.replace("6b9e3874a772", "gpu-box-01")
    assert _ids(doctor(tmp_path, capsys, named))[0] != "container-gpu-not-exposed"


def test_a_ptx_jit_warning_shows_a_cuda_build_whatever_the_platform_suggests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/autorope/donkeycar/issues/1124 (verbatim): a Jetson Nano, whose PyPI
    # wheel would have no CUDA; this TensorFlow created the GPU's device and JIT-compiles for it
    log = (
        "> TensorFlow was not built with CUDA kernel binaries compatible with compute capability"
        " 5.3. CUDA kernels will be jit-compiled from PTX, which could take 30 minutes or"
        " longer.\n"
    )
    found = doctor(tmp_path, capsys, log, "--gpu", "Jetson Nano", "--arch", "aarch64")
    assert found["findings"][0]["id"] == "compute-capability-ptx-jit"
    assert all(
        f["severity"] == "info" for f in found["findings"] if f["id"] == "cpu-only-tensorflow"
    )


# https://github.com/tensorflow/tensorflow/issues/49190 (verbatim): tensorflow-gpu installed over
# the notebook's tensorflow 2.4.1, which pip's check still names
GPU_BUILD_OVER_TENSORFLOW = (
    "`!pip install tensorflow-gpu >> /dev/null`\n"
    "\n"
    "ERROR: tensorflow 2.4.1 has requirement gast==0.3.3, but you'll have gast 0.4.0 which is"
    " incompatible.\n"
    "ERROR: tensorflow 2.4.1 has requirement h5py~=2.10.0, but you'll have h5py 3.1.0 which is"
    " incompatible.\n"
)


@pytest.mark.parametrize(
    "log",
    [
        GPU_BUILD_OVER_TENSORFLOW,
        # https://github.com/tensorflow/tensorflow/issues/47422 (verbatim lines): tf-nightly's
        # requirement chain, pip 20.3's check naming the tensorflow 2.3.1 already there
        "Requirement already satisfied: zipp>=0.5 in /home/u/.local/lib/python3.6/site-packages"
        " (from importlib-metadata->markdown>=2.6.8->tb-nightly~=2.4.0.a->tf-nightly) (3.4.0)\n"
        "ERROR: pip's dependency resolver does not currently take into account all the packages"
        " that are installed. This behaviour is the source of the following dependency"
        " conflicts.\n"
        "tensorflow 2.3.1 requires numpy<1.19.0,>=1.16.0, but you have numpy 1.19.5 which is"
        " incompatible.\n"
        "Successfully installed numpy-1.19.5\n",
    ],
)
def test_pip_installing_a_second_tensorflow_over_one_is_two_distributions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str
) -> None:
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "multiple-tensorflow-distributions"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # an upgrade of the same distribution
        ("pip install tensorflow-gpu", "pip install --upgrade tensorflow"),
        # the installer and the build it pulls in (native Windows) are one install
        ("tensorflow 2.4.1 has", "tensorflow-intel 2.4.1 has"),
        # the old one removed afterwards
        ("incompatible.\n", "incompatible.\nSuccessfully uninstalled tensorflow-2.4.1\n"),
    ],
)
def test_pip_changing_one_tensorflow_is_not_two_distributions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    log = GPU_BUILD_OVER_TENSORFLOW.replace(old, new)
    if "intel" in new:
        log = log.replace("pip install tensorflow-gpu", "pip install tensorflow")
    assert "multiple-tensorflow-distributions" not in _ids(doctor(tmp_path, capsys, log))


def test_a_kernel_launch_the_display_driver_timed_out_is_a_kernel_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 47) CUDA_ERROR_LAUNCH_TIMEOUT in CUDA's own words, from a kernel header: the
    # Windows display driver's watchdog (TDR)
    log = (
        "E tensorflow/core/kernels/conv_2d_gpu.h:649] Non-OK-status: GpuLaunchKernel("
        "SwapDimension1And2InTensor3UsingTiles<T, kNumThreads, kTileSize, kTileSize, conjugate>,"
        " total_tiles_count, kNumThreads, 0, d.stream(), input, input_dims, output) status:"
        " Internal: the launch timed out and was terminated\n"
    )
    first = doctor(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "gpu-kernel-failed" and "TdrDelay" in first["fix"]


def test_the_kernel_trapping_an_instruction_inside_tensorflow_is_a_cpu_without_avx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/exadel-inc/CompreFace/issues/1045: dmesg under a restarting uWSGI worker
    trap = (
        "[Thu Mar 23 18:22:53 2023] traps: uwsgi[9880] trap invalid opcode ip:14f7a18b8980"
        " sp:7fffe29c1128 error:0 in _pywrap_tensorflow_internal.so[14f796800000+4154a000]\n"
    )
    assert _first_finding(tmp_path, capsys, trap) == "cpu-lacks-avx"
    # the same trap in another program's library says nothing of TensorFlow's build
    other = trap.replace("_pywrap_tensorflow_internal.so", "libtorch_cpu.so")
    assert "cpu-lacks-avx" not in _ids(doctor(tmp_path, capsys, other))


def test_an_addon_missing_a_tflite_symbol_of_tensorflow_is_built_for_another_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/NVIDIA/JAX-Toolbox/pull/1605: tensorflow-text 2.19 beside TF 2.18.1,
    # with the CI runner's step prefix
    log = (
        "12: tensorflow.python.framework.errors_impl.NotFoundError: /usr/local/lib/python3.12/"
        "dist-packages/tensorflow_text/python/ops/_boise_offset_converter.so: undefined symbol:"
        " _ZN6tflite4shim23TfShapeInferenceContextC1EPN10tensorflow15shape_inference16Inference"
        "ContextE\n"
    )
    assert _first_finding(tmp_path, capsys, log, "--tf", "2.18.1") == "addon-tensorflow-mismatch"
    # (review 53) macOS's loader words for the same
    mac = (
        "ImportError: dlopen(/Users/u/venv/lib/python3.11/site-packages/tensorflow_text/core/"
        "pybinds/tflite_registrar.so, 0x0002): symbol not found in flat namespace"
        " '__ZN6tflite4shim23TfShapeInferenceContextC1EPN10tensorflow15shape_inference16Inference"
        "ContextE'\n"
    )
    assert _first_finding(tmp_path, capsys, mac, "--tf", "2.16.1") == "addon-tensorflow-mismatch"


XLA_NO_DEVICE = (
    "2020-09-25 16:52:35.948682: F tensorflow/stream_executor/lib/statusor.cc:34] Attempting to"
    " fetch value instead of handling error Internal: no supported devices found for platform"
    " CUDA\n"
)


def test_xla_finding_no_cuda_device_is_gpus_hidden_from_the_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/horovod/horovod/issues/2097: one rank of a two-node run, libcuda loaded
    loaded = (
        "2020-09-25 16:52:35.825361: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:44] Successfully opened dynamic library libcuda.so.1\n"
    )
    doc = doctor(tmp_path, capsys, loaded + XLA_NO_DEVICE)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-visible-devices-hides-gpus", "warning")
    # XLA naming the GPU it set aside for its compute capability: that is the cause
    below = (
        "I tensorflow/compiler/xla/service/platform_util.cc:194] StreamExecutor cuda device (0)"
        " is of insufficient compute capability: 3.5 required, device is 3.0\n"
    )
    assert _first_finding(tmp_path, capsys, below + XLA_NO_DEVICE) == (
        "compute-capability-unsupported"
    )
    # https://github.com/tensorflow/tensorflow/issues/30594: the device XLA could not start
    failed = (
        "W tensorflow/compiler/xla/service/platform_util.cc:240] unable to create StreamExecutor"
        " for CUDA:0: failed initializing StreamExecutor for CUDA device ordinal 0: Internal:"
        " failed call to cuDevicePrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY: out of memory;"
        " total memory reported: 11523260416\n"
    )
    ids = _ids(doctor(tmp_path, capsys, failed + XLA_NO_DEVICE))
    assert ids[0] == "gpu-out-of-memory" and "cuda-visible-devices-hides-gpus" not in ids
    # (review 53) JAX's own words for it are jaxlib's, not TensorFlow's
    jax = (
        "RuntimeError: Unable to initialize backend 'cuda': INTERNAL: no supported devices found"
        " for platform CUDA (you may need to uninstall the failing plugin package)\n"
    )
    assert "cuda-visible-devices-hides-gpus" not in _ids(doctor(tmp_path, capsys, jax))


def test_ray_trials_given_none_of_the_cluster_s_gpus_see_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/ray-project/ray/issues/3362: Ray Tune's status block
    status = "== Status ==\nUsing FIFO scheduling algorithm.\nResources requested: 1/8 CPUs, {}\n"
    assert (
        _first_finding(tmp_path, capsys, status.format("0/1 GPUs"))
        == "cuda-visible-devices-hides-gpus"
    )
    newer = "Logical resource usage: 4.0/16 CPUs, 0/2 GPUs (0.0/1.0 accelerator_type:A10G)\n"
    assert _first_finding(tmp_path, capsys, newer) == "cuda-visible-devices-hides-gpus"
    # trials holding a GPU, a cluster without one, or nothing running (review 53: all trials
    # done, or pending) are not hidden from anything
    idle = "Resources requested: 0/16 CPUs, 0/1 GPUs\n"
    for fine in (status.format("1/1 GPUs"), status.format("0/0 GPUs"), idle):
        assert "cuda-visible-devices-hides-gpus" not in _ids(doctor(tmp_path, capsys, fine))
    # (review 54) a later status with GPUs in use: the rerun asked for them
    rerun = status.format("0/1 GPUs") + status.format("1/1 GPUs")
    assert "cuda-visible-devices-hides-gpus" not in _ids(doctor(tmp_path, capsys, rerun))
    # a trial whose TensorFlow created its GPU: the status was of another moment
    created = _ids(doctor(tmp_path, capsys, status.format("0/1 GPUs") + CREATED_GPU))
    assert "cuda-visible-devices-hides-gpus" not in created


def test_a_runtime_the_driver_refuses_stands_beside_gpu_lines_printed_before_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/jade-hpc-gpu/jade-hpc-gpu.github.io/issues/81: a conda env's CUDA
    # runtime on a cluster's older driver; TF 1.x finds the GPU through the driver API first
    log = (
        "cudaGetDevice() failed. Status: CUDA driver version is insufficient for CUDA runtime"
        " version\n"
        "2018-10-24 15:39:51.749144: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1411]"
        " Found device 0 with properties: \n"
        "name: Tesla P100-SXM2-16GB major: 6 minor: 0 memoryClockRate(GHz): 1.4805\n"
        "2018-10-24 15:39:51.749217: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1490]"
        " Adding visible gpu devices: 0\n"
    )
    doc = doctor(tmp_path, capsys, log)
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == (
        "driver-too-old",
        "error",
    )
    # a device created after it: the runtime did start, and nothing stays an error
    created = (
        "2018-10-24 15:39:52.210000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1103]"
        " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 15117 MB"
        " memory) -> physical GPU (device: 0, name: Tesla P100-SXM2-16GB, pci bus id:"
        " 0000:0a:00.0, compute capability: 6.0)\n"
    )
    worked = doctor(tmp_path, capsys, log + created)
    assert worked["gpu_used"] == "yes"
    assert not [f for f in worked["findings"] if f["severity"] == "error"]


def test_xla_refusing_an_op_for_the_gpu_is_an_op_without_a_gpu_kernel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/keras-team/keras-core/issues/611: Keras 3 compiles the train step
    log = (
        "E   tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n"
        "E   Detected unsupported operations when trying to compile graph"
        " __inference_one_step_on_data_31185[] on XLA_GPU_JIT: CudnnRNN (No registered 'CudnnRNN'"
        " OpKernel for XLA_GPU_JIT devices compatible with node"
        " {{node test_model_15_1/lstm_9/CudnnRNN}}){{node test_model_15_1/lstm_9/CudnnRNN}}\n"
    )
    doc = doctor(tmp_path, capsys, log, "--tf", "2.13")
    first = doc["findings"][0]
    assert first["id"] == "op-without-gpu-kernel" and "CudnnRNN" in first["title"]
    assert "jit_compile=False" in first["fix"]


def test_stream_executor_over_its_memory_limit_is_gpu_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/tensorflow/tensorflow/pull/51575: a GPU test over its limit
    line = (
        "W tensorflow/stream_executor/stream_executor_pimpl.cc:497] Not enough memory to allocate"
        " 3600000000 on device 0 within provided limit. [used=0, limit=2147483648]\n"
    )
    assert _first_finding(tmp_path, capsys, line) == "gpu-out-of-memory"
    # (review 54) XLA's allocator words as JAX prints them are JAX's, not TensorFlow's
    jax = (
        "RuntimeError: Resource exhausted: Failed to allocate request for 3.35GiB (3600000000B)"
        " on device ordinal 0\n"
    )
    assert "gpu-out-of-memory" not in _ids(doctor(tmp_path, capsys, jax))


def test_the_legacy_branch_the_module_names_is_the_one_to_install(tmp_path, capsys):
    """NVRM names the branch that still drives the GPU; the fix must not send the user to R470."""
    log = (
        "NVRM: The NVIDIA GeForce GTX 1060 6GB GPU installed in this system is\n"
        "NVRM:  supported through the NVIDIA 580.xx Legacy drivers. Please\n"
        "NVRM:  visit http://www.nvidia.com/object/unix.html for more\n"
        "NVRM:  information.  The 595.58.03 NVIDIA driver will ignore\n"
        "NVRM:  this GPU.  Continuing probe...\nNVRM: No NVIDIA GPU found.\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert top["id"] == "no-nvidia-driver"
    assert "580.xx legacy branch" in top["fix"] and "470" not in top["fix"]


def test_a_version_printed_alone_under_a_record_is_the_release_that_ran(tmp_path, capsys):
    """(review 59) print(tf.__version__)'s line right under a log record is not part of it:
    the release read is 2.16.1, whose known defect then explains the missing libraries."""
    log = (
        '$ python3 -c "import tensorflow as tf; print(tf.__version__); '
        "print(tf.config.list_physical_devices('GPU'))\"\n"
        "2024-04-02 20:41:41.512234: W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38]"
        " TF-TRT Warning: Could not find TensorRT\n"
        "2.16.1\n"
        "2024-04-02 20:41:42.661284: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2251]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned"
        " above are installed properly if you would like to use GPU. Follow the guide at"
        " https://www.tensorflow.org/install/gpu for how to download and setup the required"
        " libraries for your platform.\n"
        "Skipping registering GPU devices...\n"
        "[]\n"
    )
    assert unwrap(log).splitlines()[2] == "2.16.1"
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert top["id"] == "pip-cuda-libs-not-on-path"
    assert "tensorflow[and-cuda]" in top["fix"] and "2.16.2" in top["fix"]


def test_cuinit_303_with_nvidia_smi_missing_is_no_driver_at_all(tmp_path, capsys):
    """TensorFlow's CUDA stub answers 303 when libcuda cannot be loaded; nvidia-smi missing
    too: install the driver, not 'reload nvidia_uvm'."""
    log = (
        "$ nvidia-smi\n"
        "Command 'nvidia-smi' not found, but can be installed with:\n"
        "sudo apt install nvidia-utils-535         # version 535.183.01-0ubuntu0.22.04.1, or\n"
        "$ python3 -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
        "2024-10-05 18:02:40.553112: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_platform.cc:51] failed call to cuInit: INTERNAL: CUDA error: Failed call to"
        " cuInit: UNKNOWN ERROR (303)\n"
        "[]\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("no-nvidia-driver", "error")
    assert "install its NVIDIA driver" in top["fix"] and "nvidia_uvm" not in top["fix"]


@pytest.mark.parametrize(
    ("tail", "flags", "top"),
    [
        # tensorflow#62194: cuDNN 8.7's convolution sub-library needs CUDA's NVRTC
        (
            "Could not load library libcudnn_cnn_infer.so.8. Error: libnvrtc.so: cannot open"
            " shared object file: No such file or directory\n"
            "Please make sure libcudnn_cnn_infer.so.8 is in your library path!\n"
            "Aborted (core dumped)\n",
            ("--os", "linux", "--tf", "2.14"),
            "cuda-libs-not-found",
        ),
        # TensorFlow 2.10 on Windows with cuDNN 8.6, run from PyCharm
        (
            "Could not locate zlibwapi.dll. Please make sure it is in your library path!\n"
            "\n"
            "Process finished with exit code -1073740791 (0xC0000409)\n",
            ("--os", "windows", "--tf", "2.10"),
            "cudnn-not-found",
        ),
    ],
)
def test_a_library_that_fails_the_work_after_the_gpu_device_is_exit_12(
    tmp_path, capsys, tail, flags, top
):
    """(review 59) The GPU device was created, then a library cuDNN needs at the first
    convolution would not load and the process died: TensorFlow reached the GPU and the setup
    failed its work (exit 12, as the README says), not 'GPU use not shown' (exit 10)."""
    log = (
        "2023-10-23 05:58:27.500000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 22279 MB memory:  ->"
        " device: 0, name: NVIDIA A10G, pci bus id: 0000:00:1e.0, compute capability: 8.6\n"
        "2023-10-23 05:58:30.200000: I tensorflow/compiler/xla/stream_executor/cuda/"
        "cuda_dnn.cc:442] Loaded cuDNN version 8700\n" + tail
    )
    path = tmp_path / "run.log"
    path.write_text(log, encoding="utf-8")
    code = main(["doctor", "--log", str(path), "--no-probe", *flags, "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 12
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == (top, "error")
    assert doc["verdict"].startswith("TensorFlow reached the GPU, but")
    if "libnvrtc.so:" in tail:  # the unversioned name cuDNN opens: the wheel ships .so.<major>
        assert "unversioned libnvrtc.so" in first["fix"]


def test_cudnns_own_missing_library_line_ends_the_work_after_the_gpu(tmp_path, capsys):
    """(review 60) cuDNN exits the process after 'Could not locate zlibwapi.dll'; pastes often
    stop there, with no crash line after it: still the setup failing the GPU's work (exit 12)."""
    log = (
        "2023-05-21 22:03:17.554021: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1616]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 5987 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3070 Laptop GPU, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "2023-05-21 22:03:21.019874: I tensorflow/stream_executor/cuda/cuda_dnn.cc:384] Loaded"
        " cuDNN version 8600\n"
        "Could not locate zlibwapi.dll. Please make sure it is in your library path!\n"
    )
    path = tmp_path / "run.log"
    path.write_text(log, encoding="utf-8")
    code = main(["doctor", "--log", str(path), "--no-probe", "--os", "windows", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 12 and doc["verdict"].startswith("TensorFlow reached the GPU, but")


# tensorflow#42958's situation in TensorFlow 2.3's own wording: a CUDA 10.1 build on an RTX 3080
TF23_ON_RTX3080 = (
    "2020-10-20 22:11:03.912001: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1402] Created"
    " TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 8831 MB memory) ->"
    " physical GPU (device: 0, name: GeForce RTX 3080, pci bus id: 0000:01:00.0, compute"
    " capability: 8.6)\n"
    "2020-10-20 22:11:04.101442: I tensorflow/stream_executor/platform/default/dso_loader.cc:48]"
    " Successfully opened dynamic library libcublas.so.10\n"
    "2020-10-20 22:11:04.882112: E tensorflow/stream_executor/cuda/cuda_blas.cc:428] failed to"
    " run cuBLAS routine: CUBLAS_STATUS_EXECUTION_FAILED\n"
    "tensorflow.python.framework.errors_impl.InternalError: Blas GEMM launch failed :"
    " a.shape=(1000, 1000), b.shape=(1000, 1000), m=1000, n=1000, k=1000 [Op:MatMul]\n"
)


def test_a_library_kernel_failing_on_a_gpu_the_build_has_no_kernels_for_is_failed_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The device line names the compute capability, so the cuBLAS failure is no doubt about its
    cause: the build's libraries have no code for the GPU, and the work failed (exit 12)."""
    path = tmp_path / "run.log"
    path.write_text(TF23_ON_RTX3080, encoding="utf-8")
    code = main(["doctor", "--log", str(path), "--no-probe", "--tf", "2.3", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 12
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("compute-capability-unsupported", "error")


def test_no_ptxas_on_a_gpu_newer_than_the_releases_cuda_is_xla_to_leave_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XLA writes PTX for the CUDA the release was built with: ptxas would not make it target a
    Blackwell GPU under 2.20's CUDA 12.5 (tensorflow#111958), so installing it is no fix."""
    log = (
        "I0000 00:00:1748720218.610720      27 gpu_device.cc:2019] Created device"
        " /job:localhost/replica:0/task:0/device:GPU:0 with 13272 MB memory:  -> device: 0, name:"
        " NVIDIA GeForce RTX 5060 Ti, pci bus id: 0000:2b:00.0, compute capability: 12.0\n"
        "2025-05-31 19:37:00.138606: W tensorflow/core/framework/op_kernel.cc:1855] OP_REQUIRES"
        " failed at xla_ops.cc:590 : UNAVAILABLE: No PTX compilation provider is available."
        " Neither ptxas/nvlink nor nvjtlink is available.\n"
    )
    doc = doctor(tmp_path, capsys, log, "--tf", "2.20")
    xla = next(f for f in doc["findings"] if f["id"] == "xla-toolchain-missing")
    assert "jit_compile=False" in xla["fix"] and "nvidia-cuda-nvcc" not in xla["fix"]
    # on a GPU the release's CUDA knows, ptxas is the fix
    older = log.replace("RTX 5060 Ti", "RTX 4090").replace("capability: 12.0", "capability: 8.9")
    xla = next(
        f
        for f in doctor(tmp_path, capsys, older, "--tf", "2.20")["findings"]
        if f["id"] == "xla-toolchain-missing"
    )
    assert "nvidia-cuda-nvcc" in xla["fix"]


def test_a_metal_plug_in_for_another_release_stops_the_import_and_names_the_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow/models#10617's loader line: TensorFlow loads tensorflow-metal at import, and a
    plug-in of another release stops it (exit 12); the fix is a pair Apple's table lists."""
    log = (
        ">>> import tensorflow as tf\n"
        "Traceback (most recent call last):\n"
        '  File "/Users/me/venv-metal/lib/python3.11/site-packages/tensorflow/__init__.py",'
        " line 438, in <module>\n"
        "    _ll.load_library(_plugin_dir)\n"
        "tensorflow.python.framework.errors_impl.NotFoundError: dlopen(/Users/me/venv-metal/lib/"
        "python3.11/site-packages/tensorflow-plugins/libmetal_plugin.dylib, 0x0006): symbol not"
        " found in flat namespace '__ZN3tsl8internal10LogMessageC1EPKcii'\n"
    )
    path = tmp_path / "run.log"
    path.write_text(log, encoding="utf-8")
    code = main(["doctor", "--log", str(path), "--no-probe", "--os", "macos", "--json"])
    first = json.loads(capsys.readouterr().out)["findings"][0]
    assert code == 12
    assert (first["id"], first["severity"]) == ("addon-tensorflow-mismatch", "error")
    assert (
        "tensorflow-metal==1.2.0" in first["fix"] and "uninstall tensorflow-metal" in first["fix"]
    )


def test_the_allocators_dump_of_a_tiny_limit_is_memory_another_process_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tensorflow/models#9809: two 16 GB V100s found, then the BFC allocator's dump with a 52 MiB
    memory_limit_ and nothing available, cut before its chunks: memory another process holds,
    not a harmless log (review 69, Keras and models M1d)."""
    log = (
        "2021-03-18 20:48:33.984880: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1561]"
        " Found device 0 with properties: \npciBusID: 0000:8e:00.0 name: Tesla V100-PCIE-16GB"
        " computeCapability: 7.0\ncoreClock: 1.38GHz coreCount: 80 deviceMemorySize: 15.75GiB"
        " deviceMemoryBandwidth: 836.37GiB/s\n"
        "2021-03-18 20:49:12.347416: I tensorflow/core/common_runtime/bfc_allocator.cc:1004]"
        " total_region_allocated_bytes_: 55115776 memory_limit_: 55115776 available bytes: 0"
        " curr_region_allocation_bytes_: 110231552\n"
    )
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "gpu-out-of-memory" and first["title"].startswith("Another process")
