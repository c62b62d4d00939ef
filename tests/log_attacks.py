"""Lines built to make a backtracking regular expression take quadratic time, for every log
signature and every other reading of a log. Run as a script (tests/test_log_reading.py does): it
prints how many lines it read, and a reading that is not linear never gets there: a watchdog
ends the run, with the stack of the reading that hung, once one line takes HANG_SECONDS."""

from __future__ import annotations

import faulthandler
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from tfgpu_setup.diagnose import empty_gpu_list
from tfgpu_setup.diagnose.expected_output import without_expected_output
from tfgpu_setup.diagnose.loader_trace import searched_in_vain
from tfgpu_setup.diagnose.logfacts import read_log_facts
from tfgpu_setup.diagnose.logs import match_log
from tfgpu_setup.diagnose.older_files import without_older_files_shown
from tfgpu_setup.diagnose.other_hosts import without_other_hosts
from tfgpu_setup.diagnose.paste import rejoin_wrapped, unwrap
from tfgpu_setup.diagnose.pip_installs import without_refusals_installed_later
from tfgpu_setup.diagnose.signatures import CATALOGUE
from tfgpu_setup.whatif import _stated_gpus

LOGS = Path(__file__).parent / "fixtures" / "logs"
LINE_CHARS = 300_000
"""Linear readings take about a second on the slowest line; a quadratic one, 300,000 squared
steps, takes minutes to hours (the '^\\s*' a notebook check once had: seven minutes)."""
HANG_SECONDS = 60
WRITTEN = {
    # Signatures no fixture log shows, in TensorFlow's and the driver's own wording.
    "nvidia-docker-wrapper-missing": "sudo: nvidia-docker: command not found",
    "nvrm-module-version-tail": "NVRM: this kernel module has the version 375.39.  Please",
    "nvml-function-not-found": "Failed to initialize NVML: Function Not Found",
    "windows-jni-dll-init-failed": "C:\\Fiji.app\\lib\\win64\\tensorflow_jni.dll: A dynamic"
    " link library (DLL) initialization routine failed",
    "pip-no-tf-dependency-wheel-at-all": "ERROR: Could not find a version that satisfies the"
    " requirement tensorflow-io-gcs-filesystem (from versions: none)",
    "python-without-pip": "/usr/bin/python3: No module named pip",
    "uv-tf-dependency-without-file": "error: Distribution `tensorflow-io-gcs-filesystem==0.37.1 @"
    " registry+https://pypi.org/simple` can't be installed because it doesn't have a source"
    " distribution or wheel for the current platform",
    "autotuner-buggy-algorithm-omitted": "I external/local_xla/xla/service/gpu/autotuning/"
    "conv_algorithm_picker.cc:557] Omitted potentially buggy algorithm eng14{} for conv (f32"
    "[32,128,64,3]{3,2,1,0}, u8[0]{0})",
    "and-cuda-cudnn-pin-conflict": "    tensorflow[and-cuda] 2.15.0 depends on"
    ' nvidia-cudnn-cu12==8.9.4.25; extra == "and-cuda"\n    torch 2.1.0 depends on'
    " nvidia-cudnn-cu12==8.9.2.26",
    "and-cuda-cuda-pin-conflict": "    torch 2.1.0 depends on nvidia-cublas-cu12==12.1.3.1\n"
    "    tensorflow[and-cuda] 2.15.0 depends on nvidia-cublas-cu12==12.2.5.6",
    "onednn-int64-fallback": "E tensorflow/core/util/util.cc:131] oneDNN supports DT_INT64 only"
    " on platforms with AVX-512. Falling back to the default Eigen-based implementation if"
    " present.",
    "h5py-built-for-another-hdf5": "ImportError: /opt/conda/lib/python3.9/site-packages/h5py/"
    "defs.cpython-39-x86_64-linux-gnu.so: undefined symbol: H5Pset_fapl_ros3",
    "pip-cannot-uninstall": "ERROR: Cannot uninstall 'wrapt'. It is a distutils installed"
    " project and thus we cannot accurately determine which files belong to it which would lead"
    " to only a partial uninstall.",
    "ml-dtypes-newer-than-tensorflow": "AttributeError: module 'ml_dtypes' has no attribute"
    " 'float8_e4m3b11'. Did you mean: 'float8_e4m3fn'?",
    "resolver-no-such-version": "Because my-project depends on tensorflow (2.16.0) which doesn't"
    " match any versions, version solving failed.",
    "apt-without-nvidia-container-repository": "E: Unable to locate package"
    " nvidia-container-toolkit",
    "protobuf-cpp-runtime-version": "[libprotobuf FATAL google/protobuf/stubs/common.cc:68] This"
    " program requires version 3.7.0 of the Protocol Buffer runtime library, but the installed"
    " version is 3.6.1.",
    "pip-macos11-wheel-unsupported": "ERROR: numpy-1.18.5-cp38-cp38-macosx_11_0_x86_64.whl is"
    " not a supported wheel on this platform.",
    "protobuf-older-than-tensorflows-pb2": '  File "/usr/lib/python2.7/site-packages/tensorflow/'
    'core/framework/graph_pb2.py", line 9, in <module>\n    from google.protobuf import'
    " symbol_database as _symbol_database\nImportError: cannot import name symbol_database",
    "ptxas-too-old": "W tensorflow/compiler/xla/service/gpu/asm_compiler.cc:111] ptxas does not"
    " support CC 8.9",
    "hdf5-headers-not-the-library": "Warning! ***HDF5 library version mismatched error***",
    "ml-dtypes-older-than-tensorflow": "AttributeError: module 'ml_dtypes' has no attribute"
    " 'float8_e4m3b11fnuz'",
    "poetry-gcs-filesystem-without-file": "Unable to find installation candidates for"
    " tensorflow-io-gcs-filesystem (0.34.0)",
    "pip-left-addon-beside-another-tensorflow": "tensorflow-text 2.15.0 requires"
    ' tensorflow<2.16,>=2.15.0; platform_machine != "arm64" or platform_system != "Darwin", but'
    " you have tensorflow 2.16.1 which is incompatible.",
    "addon-imports-what-tensorflow-lacks": "/usr/local/lib/python3.7/dist-packages/keras_cv/"
    "layers/__init__.py in <module>()\nModuleNotFoundError: No module named"
    " 'tensorflow.keras.__internal__.layers'",
    "addon-native-library-absent": "tensorflow.python.framework.errors_impl.NotFoundError:"
    " /home/d/venv/lib/python3.9/site-packages/tensorflow_decision_forests/tensorflow/ops/"
    "inference/inference.so: cannot open shared object file: No such file or directory",
    "kernel-module-not-found": "I tensorflow/compiler/xla/stream_executor/cuda/cuda_diagnostics.cc:"
    "203] kernel reported version is: NOT_FOUND: could not find kernel module information in"
    " driver version file contents",
    "wsl-lib-folder-missing": "ls: cannot access '/usr/lib/wsl/lib/': No such file or directory",
    "rocm-out-of-memory": "E tensorflow/stream_executor/rocm/rocm_driver.cc:601] failed to"
    " allocate 7.35G (7889485824 bytes) from device: hipError_t(1002)",
    "pip-index-unreachable": "WARNING: Retrying (Retry(total=4, connect=None, read=None,"
    " redirect=None, status=None)) after connection broken by 'ProxyError('Cannot connect to"
    " proxy.')': /simple/tensorflow/",
    "numpy-2-beside-a-numpy-1-build": "tensorflow-intel 2.12.1 requires numpy<=1.24.3,>=1.22,"
    " but you have numpy 2.1.0 which is incompatible.",
    "windows-cudnn-dll-not-found": "cudnn64_8.dll not found",
    "macos-cuda-library-not-loaded": "ImportError: dlopen(/Library/Frameworks/Python.framework/"
    "Versions/3.5/lib/python3.5/site-packages/tensorflow/python/_pywrap_tensorflow.so, 10):"
    " Library not loaded: @rpath/libcudart.8.0.dylib",
    "macos-cudnn-library-not-loaded": "Library not loaded: @rpath/libcudnn.5.dylib",
    "kernel-launch-no-image": "F conv_2d_gpu.h:710] Non-OK-status: GpuLaunchKernel( Swap, 0,"
    " d.stream(), input) status: Internal: no kernel image is available for execution on the"
    " device",
    "dylib-built-for-newer-macos": "  Referenced from: /x/libmetal_plugin.dylib (which was built"
    " for Mac OS X 12.0)",
    "smi-exclusive-thread-mode": "| N/A   20C    P8    19W / 235W |     23MiB / 11519MiB |      0%"
    "    E. Thread |",
    "nccl-ib-queue-pair-failed": "h:1:2 [4] ibvwrap.c:130 NCCL WARN Call to ibv_create_qp failed",
    "libdevice-not-found-in-jax": "jaxlib.xla_extension.XlaRuntimeError: INTERNAL: libdevice not"
    " found at ./libdevice.10.bc",
    "libstdcxx-version-not-found-unattributed": "libstdc++.so.6: version `GLIBCXX_3.4.22' not"
    " found",
    "java-jni-dependent-dll-missing": 'Exception in thread "main" java.lang.UnsatisfiedLinkError:'
    " C:\\Users\\u\\AppData\\Local\\Temp\\tensorflow_native_libraries-1\\tensorflow_jni.dll:"
    " Can't find dependent libraries",
    "ptxas-version-misread": "*** WARNING *** You are using ptxas 10.0.145, which is older than"
    " 9.2.88",
    "dnn-implementation-missing": "tensorflow.python.framework.errors_impl.UnknownError: Fail to"
    " find the dnn implementation.",
    "host-oom-when-allocating": "ResourceExhaustedError: OOM when allocating tensor with shape"
    "[1024,1024,3] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator"
    " cpu",
    "pip-wheel-unsupported-unnamed": "on pip install get the 'not a supported wheel on this"
    " platform' message.",
    "cuda-visible-devices-echoed": "$ echo $CUDA_VISIBLE_DEVICES\n-1",
    "pip-externally-managed": "error: externally-managed-environment",
    "install-disk-full": "ERROR: Could not install packages due to an OSError: [Errno 28] No"
    " space left on device",
    "pip-permission-denied": "ERROR: Could not install packages due to an OSError: [Errno 13]"
    " Permission denied: '/usr/local/lib/python3.8/dist-packages/tensorflow'",
    "pip-requires-a-different-python": "ERROR: Package 'spleeter' requires a different Python:"
    " 3.8.2 not in '>=3.6, <3.8'",
    "pip-requires-a-virtualenv": "Could not find an activated virtualenv (required).",
    "poetry-plugin-for-macos": "  Unable to find installation candidates for tensorflow-metal"
    " (1.1.0)",
    "pip-19-or-newer-shown": "pip 21.3.1 from /usr/local/lib/python3.7/site-packages/pip (python"
    " 3.7)",
    "pip-asked-for-manylinux1": "$ python3.7 -m pip download --only-binary=:all: --platform"
    " manylinux1_x86_64 --python-version 37 -d wheels tensorflow==2.4.1",
    "gpu-kernel-fault-bare": "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered",
    "windows-dll-procedure-not-found": "ImportError: DLL load failed: The specified procedure"
    " could not be found.",
    "container-cli-ldconfig-missing": "nvidia-container-cli: ldcache error: open failed:"
    " /sbin/ldconfig.real: no such file or directory: unknown.",
    "conda-packages-not-found": "PackagesNotFoundError: The following packages are not available"
    " from current channels:",
    "gpu-allocator-garbage-collection": "W tensorflow/core/common_runtime/bfc_allocator.cc:305]"
    " Garbage collection: deallocate free memory regions (i.e., allocations) so that we can"
    " re-allocate a larger region to avoid OOM due to memory fragmentation.",
    "tfjs-javascript-cpu-backend": "Hi there 👋. Looks like you are running TensorFlow.js in"
    " Node.js. To speed things up dramatically, install our node backend, which binds to"
    " TensorFlow C++",
    "tfjs-native-addon-missing": "Error: The Node.js native addon module (tfjs_binding.node) can"
    " not be found at path: /app/node_modules/@tensorflow/tfjs-node/lib/napi-v6/tfjs_binding.node.",
    "nvcc-unknown-gpu": "nvcc fatal   : Value 'sm_86' is not defined for option 'gpu-architecture'",
    "kernel-driver-not-running-on-login-node": "I tensorflow/stream_executor/cuda/"
    "cuda_diagnostics.cc:156] kernel driver does not appear to be running on this host"
    " (login05.osgconnect.net): /proc/driver/nvidia/version does not exist",
    "xla-cuda-graph-fallback": "W0000 00:00:1714000000.000000 1234 graph_launch.cc:671] Fallback"
    " to op-by-op mode because memset node breaks graph update",
    "metal-without-xla": "2023-02-03 10:30:38.448542: W tensorflow/core/framework/"
    "op_kernel.cc:1830] OP_REQUIRES failed at xla_ops.cc:418 : NOT_FOUND: could not find"
    " registered platform with id: 0x13f441e40",
    "addon-op-library-refused": "NotFoundError: /usr/local/lib/python3.6/dist-packages/"
    "tensorflow_addons/custom_ops/image/_image_ops.so: undefined symbol",
    "op-library-symbol-quoted": 'the error, "roi_pooling.so: undefined symbol:'
    ' _ZTIN10tensorflow8OpKernelE".',
    "op-library-wants-another-framework": "NotFoundError: libtensorflow_framework.so: cannot"
    " open shared object file: No such file or directory",
    "project-op-built-for-another-tensorflow": "tensorflow.python.framework.errors_impl."
    "NotFoundError: /home/me/pointnet2/tf_ops/sampling/tf_sampling_so.so: undefined symbol:"
    " _ZTIN10tensorflow8OpKernelE",
    "grappler-cannot-cost-op": "W tensorflow/core/grappler/costs/op_level_cost_estimator.cc:690]"
    ' Error in PredictCost() for the op: op: "CropAndResize" attr { key: "T" value { type:'
    " DT_FLOAT } }",
    "grappler-op-on-a-gpu": "W tensorflow/core/grappler/costs/op_level_cost_estimator.cc:690]"
    ' Error in PredictCost() for the op: op: "CropAndResize" device { type: "GPU" vendor:'
    ' "NVIDIA" model: "NVIDIA A100-SXM4-40GB" }',
    "directml-without-xla": "Could not find compiler for platform DML: NOT_FOUND: could not find"
    " registered compiler for platform DML -- was support for that platform linked in?",
    "container-cli-rootless-cgroups": "nvidia-container-cli: mount error: failed to add device"
    " rules: unable to find any existing device filters attached to the cgroup:"
    " bpf_prog_query(BPF_CGROUP_DEVICE) failed: operation not permitted: unknown.",
    "container-cli-device-rules": "nvidia-container-cli: mount error: failed to add device rules:"
    " unable to replace original device filters program with new one: failed to call"
    " BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI): can't attach program: invalid"
    " argument: unknown",
    "container-hook-skips-cgroups": "error: pyxis:     [ERROR] /etc/enroot/hooks.d/98-nvidia.sh"
    " exited with return code 1",
    "container-cli-volume-mount-list": "nvidia-container-cli: device error:"
    " /var/run/nvidia-container-devices: unknown device: unknown",
    "container-cli-driver-rpc-timeout": "nvidia-container-cli: initialization error: driver rpc"
    " error: timed out: unknown.",
    "container-cli-other-error": "nvidia-container-cli: ldcache error: process /sbin/ldconfig"
    " failed with error code: 1",
    "conda-channel-unreachable": "CondaHTTPError: HTTP 000 CONNECTION FAILED for url"
    " <https://conda.anaconda.org/conda-forge/linux-64/current_repodata.json>",
    "container-cli-capability-denied": "nvidia-container-cli: permission error: capability change"
    " failed: operation not permitted",
    "docker-gpus-flag-unknown": "unknown flag: --gpus",
    "compose-runtime-key-unsupported": "Unsupported config option for services.sirf: 'runtime'",
    "and-cuda-nccl-without-a-wheel": "ERROR: No matching distribution found for"
    ' nvidia-nccl-cu12==2.16.5; extra == "and-cuda"',
    "kernel-trap-invalid-opcode-in-tensorflow": "traps: uwsgi[9880] trap invalid opcode"
    " ip:14f7a18b8980 sp:7fffe29c1128 error:0 in _pywrap_tensorflow_internal.so[14f7968+4154]",
    "xla-no-cuda-devices": "Internal: no supported devices found for platform CUDA",
    "ray-trials-without-gpus": "Resources requested: 1/8 CPUs, 0/1 GPUs",
    "xla-allocator-out-of-memory": "W tensorflow/stream_executor/stream_executor_pimpl.cc:497]"
    " Not enough memory to allocate 3600000000 on device 0 within provided limit.",
    "xla-gpu-unsupported-ops": "Detected unsupported operations when trying to compile graph"
    " __inference_step_1[] on XLA_GPU_JIT: CudnnRNN (No registered 'CudnnRNN' OpKernel for",
    "nvidia-hook-failed": "Error: error executing hook `/usr/bin/nvidia-container-toolkit`"
    " (exit code: 1): OCI runtime error",
    "cdi-spec-stale": "Error: crun: cannot stat `/usr/lib/libnvidia-egl-wayland.so.1.1.13`: No"
    " such file or directory: OCI runtime attempted to invoke a command that was not found",
    "apt-cudnn-package-missing": "E: Unable to locate package libcudnn7",
    "musl-loads-glibc-build": "Error: Error loading shared library ld-linux-x86-64.so.2: No such"
    " file or directory (needed by /data/node_modules/@tensorflow/tfjs-node/lib/napi-v5/../../"
    "deps/lib/libtensorflow.so.1)",
    "rocm-runtime-seen": "2024-11-11 20:01:53.766866: I external/local_xla/xla/stream_executor/"
    "rocm/rocm_executor.cc:926] successful NUMA node read from SysFS had negative value (-1)",
    "kernel-jit-failed": "2022-08-09 14:54:40.390320: W tensorflow/core/framework/"
    "op_kernel.cc:1733] UNKNOWN: JIT compilation failed.",
    "no-gpu-kernel-for-pinned-op": "Cannot assign a device for operation 'labels_x': Could not"
    " satisfy explicit device specification '/device:GPU:0' because no supported kernel for GPU"
    " devices is available.",
    "cuinit-driver-mismatch": "failed call to cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system"
    " has unsupported display driver / cuda driver combination",
    "nvidia-smi-no-driver": "NVIDIA-SMI has failed because it couldn't communicate with the"
    " NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    "libcuda-not-loaded": "libcuda reported version is: Not found: was unable to find"
    " libcuda.so DSO loaded into this program",
    "dlopen-driver": "Could not load dynamic library 'libcuda.so.1'; dlerror: libcuda.so.1:"
    " cannot open shared object file: No such file or directory",
    "cuinit-system-not-ready": "failed call to cuInit: CUDA_ERROR_SYSTEM_NOT_READY: system not"
    " yet initialized",
    "ptxas-not-invoked": "Couldn't invoke ptxas --version",
    "cuda-library-symbol-missing": "F external/local_tsl/tsl/cuda/cublas_stub.cc:58]"
    " cublasGetCudartVersion symbol not found.",
    "cudnn-symbol-missing": "Check failed: s.ok() could not find cudnnCreate in cudnn DSO; dlerror:"
    " /usr/lib/x86_64-linux-gnu/libcudnn.so.7: undefined symbol: cudnnCreate",
    "visible-device-list-invalid": "'visible_device_list' listed an invalid GPU id '1' but"
    " visible device count is 1",
    "gpu-allocator-not-compiled": "GPUAllocator unavailable. Not compiled with --config=cuda or"
    " --config=rocm.",
    "launch-config-no-kernel-image": "Check failed: err == cudaSuccess (209 vs. 0)",
    "unable-to-load-cuda-dso": "I tensorflow/stream_executor/cuda/cuda_blas.cc:2294] Unable to"
    " load cuBLAS DSO.",
    "cuda-platform-not-registered": "F tensorflow/compiler/xla/stream_executor/gpu/gpu_init.cc:40]"
    " Could not find Platform with name CUDA",
    "nchw-op-on-cpu": "InvalidArgumentError (see above for traceback): CPU BiasOp only supports"
    " NHWC.",
    "grappler-gpu-not-registered": "E tensorflow/core/grappler/clusters/utils.cc:127] Not found:"
    " TF GPU device with id 0 was not registered",
    "ptxas-rejects-ptx-version": "ptxas fatal   : Unsupported .version 7.8; current version is"
    " '7.4'",
    "threading-config-after-init": "RuntimeError: Intra op parallelism cannot be modified after"
    " initialization.",
    "vgpu-unlicensed": "        License Status                    : Unlicensed (Restricted)",
    "device-mapping-empty": "Device mapping: no known devices.",
    "cpu-without-avx": "The TensorFlow library was compiled to use AVX instructions, but these"
    " aren't available on your machine.",
    "illegal-instruction": "Illegal instruction (core dumped)",
    "conda-glibc-too-old": "Problem: nothing provides __glibc >=2.28,<3.0.a0 needed by"
    " tensorflow-base-2.18.0-cpu_py312h1234567_0",
    "nvidia-smi-no-devices": "No devices were found",
    "nvidia-smi-missing": "'nvidia-smi' is not recognized as an internal or external command,",
    "nvidia-smi-missing-in-a-posix-shell": "/bin/bash: line 1: nvidia-smi: command not found",
    "ptxas-predates-gpu": "Your CUDA software stack is old. We fallback to the NVIDIA driver for"
    " some compilation. Update your CUDA version to get the best performance. The ptxas error"
    " was: ptxas fatal   : Value 'sm_86' is not defined for option 'gpu-name'",
    "ptxas-unknown-gpu": "INTERNAL: ptxas exited with non-zero error code 65280, output: ptxas"
    " fatal   : Value 'sm_86' is not defined for option 'gpu-name'",
    # tensorflow/tensorflow#66716
    "xla-op-failed-in-ptxas": "2024-04-30 16:37:32.740441: W tensorflow/core/framework/"
    "op_kernel.cc:1839] OP_REQUIRES failed at xla_ops.cc:580 : INTERNAL: XLA requires ptxas"
    " version 11.8 or higher",
    # a user's write-up of the tensorflow/tensorflow:2.15.0-gpu image crashing (verbatim)
    "xla-aborted-on-ptxas": "F external/local_xla/xla/service/gpu/nvptx_compiler.cc:619] ptxas"
    " returned an error during compilation of ptx to sass: 'INTERNAL: ptxas 12.3.103 has a bug"
    " that we think can affect XLA. Please use a different version.'  If the error message"
    " indicates that a file could not be written, please verify that sufficient filesystem"
    " space is provided.",
    # NumPy's, protobuf's and Python's own messages for them (their wording, as the sources
    # each signature cites give it)
    "numpy-2-under-a-numpy-1-build": "A module that was compiled using NumPy 1.x cannot be run in",
    "numpy-older-than-a-build": "RuntimeError: module compiled against API version 0x10 but this"
    " version of numpy is 0xe",
    "protobuf-newer-than-generated-code": "TypeError: Descriptors cannot not be created directly.",
    "protobuf-without-get-prototype": (
        "AttributeError: 'MessageFactory' object has no attribute 'GetPrototype'"
    ),
    "keras-wrapper-needs-tensorflow-2-2": (
        "ImportError: Keras requires TensorFlow 2.2 or higher. Install TensorFlow via `pip install"
        " tensorflow`"
    ),
    "docker-desktop-for-linux": (
        " OS/Arch:           linux/amd64\n Context:           desktop-linux"
    ),
    "docker-desktop-on-macos": " OS/Arch:           darwin/arm64",
    "tf32-matmul-on-gpu": (
        "I tensorflow/compiler/xla/stream_executor/cuda/cuda_blas.cc:637] TensorFloat-32 will be"
        " used for the matrix multiplication. This will only be logged once."
    ),
    "keras-of-a-newer-release-at-import": (
        "tensorflow.python.framework.errors_impl.AlreadyExistsError: Another metric with the same"
        " name already exists."
    ),
    "numpy-2-under-tensorflows-bfloat16": (
        "    _np_bfloat16 = _pywrap_bfloat16.TF_bfloat16_type()\nTypeError: Unable to convert"
        " function return value to a Python type! The signature was"
    ),
    "ptxas-version-failed-compile": (
        "W tensorflow/core/framework/op_kernel.cc:1827] INTERNAL: FAILED_PRECONDITION: Couldn't get"
        " ptxas/nvlink version string: INTERNAL: Couldn't invoke ptxas --version"
    ),
    "tf-trt-native-segment": (
        "TF-TRT Warning: Engine creation for TRTEngineOp_2 failed. The native segment will be used"
        " instead. Reason: Unimplemented: Transpose too large:10437228"
    ),
    "nccl-communicator": "NCCL INFO Channel 00/02 :    0   1",
    "tensorrt-cudnn-could-not-start": (
        "DefaultLogger safeContext.cpp (124) - Cudnn Error in initializeCommonContext: 1 (Could"
        " not initialize cudnn, please check cudnn installation.)"
    ),
    "keras-3-beside-a-keras-2-build": (
        "tensorflow 2.13.1 requires keras<2.14,>=2.13.1, but you have keras 3.1.1 which is"
        " incompatible."
    ),
    "protobuf-without-builder": "ImportError: cannot import name 'builder' from"
    " 'google.protobuf.internal' (/home/u/.venv/lib/python3.10/site-packages/google/protobuf/"
    "internal/__init__.py)",
    "protobuf-older-than-generated-code": "ImportError: cannot import name 'runtime_version' from"
    " 'google.protobuf' (/usr/lib/python3/dist-packages/google/protobuf/__init__.py)",
    "tf1-api-under-tf2": "AttributeError: module 'tensorflow' has no attribute 'get_default_graph'",
    "tf-contrib-under-tf2": "AttributeError: module 'tensorflow' has no attribute 'contrib'",
    "docker-desktop-shown": "Docker Desktop 4.27.2 (137060) 5.15.133.1-linuxkit",
    "wsl1-default-distribution": "* Ubuntu-22.04      Running         1",
    "allocator-fragmentation-hint": "If the cause is memory fragmentation maybe the environment"
    " variable 'TF_GPU_ALLOCATOR=cuda_malloc_async' will improve the situation.",
    "numpy-bfloat16-registration": "2019-02-08 12:01:02.123456: F"
    " tensorflow/python/lib/core/bfloat16.cc:675] Check failed: PyBfloat16_Type.tp_base !="
    " nullptr",
    "pip-files-in-use": "ERROR: Could not install packages due to an OSError: [WinError 5] Access"
    " is denied: 'C:\\\\envs\\\\tf\\\\Lib\\\\site-packages\\\\~umpy\\\\core\\\\"
    "_multiarray_umath.pyd'",
    "oom-while-creating-variables": "ResourceExhaustedError: OOM when allocating tensor with"
    " shape[3,3,256,256] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by"
    " allocator GPU_0_bfc [Op:RandomStandardNormal]",
    "nvidia-smi-missing-any-language": "C:\\Users\\Jan>nvidia-smi\n'nvidia-smi' není"
    " názvem vnitřního ani vnějšího příkazu, spustitelného programu nebo dávkového souboru.",
    "min-compute-capability-cut": "2021-12-08 13:20:41.121809: I"
    " tensorflow/core/common_runtime/gpu/gpu_device.cc:1871] Ignoring visible gpu device"
    " (device: 0, name: Quadro K2000, pci bus id: 0000:03:00.0, compute capability: 3.0) with"
    " Cuda compute capab",
    "keras-3-saving-format": "ValueError: File format not supported: filepath=saved_model/m."
    " Keras 3 only supports V3 `.keras` files and legacy H5 format files (`.h5` extension).",
    "foreign-cuda-context": "2018-01-06 14:45:50.641211: F"
    " tensorflow/stream_executor/cuda/cuda_driver.cc:232] current context was not created by the"
    " StreamExecutor cuda_driver API: 0x7fe122002400; a CUDA runtime call was likely performed"
    " without using a StreamExecutor context",
    "keras-2-internals-under-keras-3": "ModuleNotFoundError: No module named 'keras.src.engine'",
    "keras-2-layer-under-keras-3": "ValueError: Only instances of `keras.Layer` can be added to a"
    " Sequential model. Received: <tensorflow_hub.keras_layer.KerasLayer object at 0x28ac6d4d0>",
    "venv-without-ensurepip": "The virtual environment was not created successfully because"
    " ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the"
    " python3-venv",
    "zsh-globbed-the-extra": "zsh: no matches found: tensorflow[and-cuda]",
    "tensorflow-gpu-removed": '  The "tensorflow-gpu" package has been removed!',
    # From TensorFlow's and XLA's sources (the format strings, filled in).
    "cuda-context-no-memory": "Internal: CUDA runtime implicit initialization on GPU:0 failed."
    " Status: out of memory",
    "dnn-unavailable": "attempting to perform DNN operation using StreamExecutor without DNN"
    " support",
    "driver-older-than-toolkit": "CUDA version unsupported by NVIDIA driver version",
    "driver-jit-too-old": "*** WARNING *** Invoking the PTX->SASS JIT from driver version"
    " 390.87.0, which is older than 396.20.0.",
    "cuda-device-count-failed": "could not retrieve CUDA device count: CUDA_ERROR_INVALID_VALUE:"
    " invalid argument",
    "cudart-stub-error-string": "failed call to cuInit: Error loading CUDA libraries. GPU will not"
    " be used.",
    "cudart-initialization-error": "tensorflow.python.framework.errors_impl.InternalError:"
    " cudaGetDevice() failed. Status: initialization error",
    "cudart-symbol-not-found": "tensorflow.python.framework.errors_impl.InternalError:"
    " cudaGetDevice() failed. Status: cudaGetErrorString symbol not found.",
    "conda-no-cuda-driver": "  - nothing provides __cuda needed by"
    " tensorflow-2.13.0-cuda118py311h6a7b7a6_0",
    "uv-no-matching-wheel": "Because tensorflow==2.10.1 has no wheels with a matching Python ABI"
    " tag (e.g., `cp311`) and ezscore==0.1.9.7 depends on tensorflow==2.10.1",
    "uv-python-out-of-range": "Because the current Python version (3.13.1) does not satisfy"
    " Python>=3.9,<3.13 and tensorflow==2.16.1 depends on Python>=3.9,<3.13",
    "poetry-python-range": "  - tensorflow-io-gcs-filesystem requires Python >=3.7, <3.12, so it"
    " will not be satisfied for Python >=3.12,<4.0",
    "metal-device-set": "I metal_plugin/src/device/metal_device.cc:1154] Metal device set to:"
    " Apple M1 Pro",
    "windows-nvcuda-not-found": "ImportError: Could not find 'nvcuda.dll'. TensorFlow requires"
    " that this DLL be installed in a directory that is named in your %PATH% environment variable.",
    "cudnn-major-not-found": "- Could not find cuDNN 6.",
    "ptxas-launch-failed": "W tensorflow/compiler/xla/stream_executor/gpu/redzone_allocator.cc:318]"
    " INTERNAL: Failed to launch ptxas",
    "cuinit-invalid-device": "failed call to cuInit: CUDA_ERROR_INVALID_DEVICE: invalid device"
    " ordinal",
    "cudnn-handle": "Could not create cudnn handle: CUDNN_STATUS_INTERNAL_ERROR",
    "cuda-out-of-memory": "failed to allocate 3.77G (4046333952 bytes) from device:"
    " CUDA_ERROR_OUT_OF_MEMORY: out of memory",
    "numa-node-unreadable": "could not open file to read NUMA node:"
    " /sys/bus/pci/devices/0000:01:00.0/numa_node",
    "cudnn-loaded": "Loaded cuDNN version 8907",
    # From the doctor corpus (tests/fixtures/doctor_corpus/, each line's thread is named there).
    "cudnn-dll-not-found": "ImportError: Could not find 'cudnn64_7.dll'. TensorFlow requires that"
    " this DLL be installed in a directory that is named in your %PATH% environment variable.",
    "windows-dll-not-found": "ImportError: Could not find 'cudart64_100.dll'. TensorFlow requires"
    " that this DLL be installed in a directory that is named in your %PATH% environment"
    " variable. Download and install CUDA 10.0 from this URL: https://developer.nvidia.com/cuda",
    "glibc-version-not-found": "ImportError: /lib/x86_64-linux-gnu/libc.so.6: version"
    " `GLIBC_2.17' not found (required by"
    " /usr/local/lib/python2.7/dist-packages/tensorflow/python/_pywrap_tensorflow.so)",
    "gpu-count-printed": "Num GPUs Available:  4",
    "no-module-tensorflow": "ModuleNotFoundError: No module named 'tensorflow'",
    "imports-only-from-a-terminal": "Tensorflow is getting imported on my python3 on cmd but not"
    " in Jupyter.",
    "nvrm-api-mismatch": "Aug 26 14:08:07 nyasara-linux kernel: NVRM: API mismatch: the client"
    " has the version 367.44, but",
    "pip-no-matching-distribution": "ERROR: No matching distribution found for tensorflow",
    "tf-distribution-listed": "tensorflow-gpu 2.2.0 requires gast==0.3.3, but you have gast 0.3.0"
    " which is incompatible.",
    # Lines of public reports each signature's source names (its `source` URL).
    "allocator-not-a-failure": "W tensorflow/core/common_runtime/bfc_allocator.cc:237] Allocator"
    " (GPU_0_bfc) ran out of memory trying to allocate 2.39GiB with freed_by_count=0. The caller"
    " indicates that this is not a failure, but may mean that there could be performance gains"
    " if more memory were available.",
    "gpu-allocator-named": "Allocator (GPU_0_bfc) ran out of memory trying to allocate 1.02GiB",
    "blas-launch-failed": "InternalError: Blas GEMM launch failed",
    # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/1332
    "nvrm-needs-open-modules": "NVRM: installed in this system requires use of the NVIDIA open"
    " kernel modules.",
    # https://github.com/h8d13/archinstoo/issues/244
    "nvrm-bar-unassigned": "[    6.821212] NVRM: This PCI I/O region assigned to your NVIDIA"
    " device is invalid:",
    # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/387
    "nvidia-smi-gpu-unreachable": "Unable to determine the device handle for GPU 0000:0B:00.0:"
    " Unknown Error.",
    # https://github.com/damentz/liquorix-package/issues/198
    "dkms-nvidia-build-failed": "dkms autoinstall on 6.15.2-1-liquorix-amd64/x86_64 failed for"
    " nvidia(10)",
    # https://github.com/dkms-project/dkms/issues/521
    "dkms-kernel-headers-missing": "dkms: autoinstall for kernel 6.8.0-45-generic was skipped"
    " since the kernel headers for this kernel do not seem to be installed",
    # https://github.com/NVIDIA/nvidia-container-toolkit/issues/203
    "container-cli-unknown-device": "nvidia-container-cli.real: device error:"
    " MIG-GPU-932bfb2c-849a-2a22-1e84-9eff6bc02b39/1/0: unknown device",
    # https://github.com/tensorflow/tensorflow/issues/50139 (log_device_placement, TF 2.2)
    "device-mapping-gpu": "/job:localhost/replica:0/task:0/device:GPU:0 -> device: 0, name:"
    " GeForce GTX 1080 Ti, pci bus id: 0000:05:00.0, compute capability: 6.1",
    # https://github.com/tensorflow/models/issues/7640
    "windows-ptx-left-to-driver": "W tensorflow/stream_executor/gpu/redzone_allocator.cc:314]"
    " Internal: Invoking GPU asm compilation is supported on Cuda non-Windows platforms only",
    # https://github.com/microsoft/tensorflow-directml/issues/41
    "directml-device-created": "I tensorflow/core/common_runtime/dml/dml_device_factory.cc:32]"
    " DirectML: creating device on adapter 1 (Radeon (TM) RX 550X)",
    # https://github.com/tensorflow/tensorflow/issues/62963
    "rendezvous-end-of-sequence": "W tensorflow/core/framework/local_rendezvous.cc:404] Local"
    " rendezvous is aborting with status: OUT_OF_RANGE: End of sequence",
    # https://github.com/DeepLabCut/DeepLabCut/issues/823
    "cudnn-launch-failure": "InternalError (see above for traceback): cuDNN launch failure :"
    " input shape([32,512,32,55]) filter shape([3,3,512,512])",
    # https://github.com/NixOS/nixpkgs/issues/65515
    "nix-store-python": 'openat(AT_FDCWD, "/nix/store/kvagf73z1v6y0wqfvqm04f5h02mdgsfi-python3.7'
    '-tensorflow-1.14.0/lib/python3.7/site-packages/tensorflow/libcuda.so.1", O_RDONLY) = -1',
    # https://github.com/sylabs/singularity/issues/776 and its newer one-line form
    "singularity-no-driver-libraries": "WARNING: Could not find any NVIDIA libraries on this host!",
    # https://github.com/easybuilders/easybuild-easyconfigs/issues/9183 (Open MPI's help text)
    "open-mpi-libcuda-failed": "but each of them failed.  CUDA-aware support is disabled.",
    # https://github.com/apptainer/apptainer/issues/2421
    "singularity-host-library-glibc": "ImportError: /lib/x86_64-linux-gnu/libc.so.6: version"
    " `GLIBC_2.34' not found (required by /.singularity.d/libs/libGLdispatch.so.0)",
    "container-cli-driver-too-old": "nvidia-container-cli: requirement error: unsatisfied"
    " condition: cuda>=11.0, please update your driver to a newer version, or use an earlier"
    " cuda container: unknown.",
    "container-cli-no-driver": "stderr: nvidia-container-cli: initialization error: nvml error:"
    " driver not loaded: unknown.",
    "docker-no-gpu-runtime": "docker: Error response from daemon: could not select device"
    ' driver "" with capabilities: [[gpu]].',
    "cudnn-needs-cublas-12": "Could not load library libcublasLt.so.12. Error: libcublasLt.so.12:"
    " cannot open shared object file: No such file or directory",
    "cudnn-needs-cublas-11": "Could not load library libcublasLt.so.11. Error: libcublasLt.so.11:"
    " cannot open shared object file: No such file or directory",
    "cudnn-needs-cuda-library": "Could not load library libcudnn_ops_infer.so.8. Error:"
    " libcublas.so.11: cannot open shared object file: No such file or directory",
    "cudnn-needs-libcuda": "Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so:"
    " cannot open shared object file: No such file or directory",
    "cudnn-sublibrary-missing": "Could not load library libcudnn_ops_infer.so.8. Error:"
    " libcudnn_ops_infer.so.8: cannot open shared object file: No such file or directory",
    "import-cuda-library-missing": "ImportError: libcublas.so.8.0: cannot open shared object"
    " file: No such file or directory",
    "import-cudnn-library-missing": "ImportError: libcudnn.so.7: cannot open shared object file:"
    " No such file or directory",
    "import-driver-library-missing": "ImportError: libcuda.so.1: cannot open shared object file:"
    " No such file or directory",
    "libcuda-stub-resolved": "        libcuda.so.1 => /usr/local/cuda/lib64/stubs/libcuda.so.1"
    " (0x00007f9de7215000)",
    "no-kernel-image": "status: Internal: no kernel image is available for execution on the device",
    "invalid-device-function": "status: Internal: invalid device function",
    "xla-ptx-too-old-for-gpu": "LLVM ERROR: PTX version 8.5 does not support target 'sm_120'.",
    "windows-dll-init-failed": "ImportError: DLL load failed: A dynamic link library (DLL)"
    " initialization routine failed.",
    "cudnn-sublibrary-missing-windows": "Could not load library cudnn_cnn_infer64_8.dll."
    " Error code 126",
    "no-algorithm-worked": "Not found: No algorithm worked!",
    "grappler-layout-failed": "layout failed: INVALID_ARGUMENT: Size of values 0 does not match"
    " size of permutation 4 @ fanin shape",
    "host-side-notes": "Failed to get CPU frequency: 0 Hz",
    "gpu-check-answered": ">>> tf.test.is_gpu_available()\nTrue",
    "pipeline-notes": "W tensorflow/core/data/root_dataset.cc:247] Optimization loop failed:"
    " CANCELLED: Operation was cancelled",
    "copy-streams-default": "E tensorflow/core/common_runtime/gpu/gpu_device.cc:228] Illegal"
    " GPUOptions.experimental.num_dev_to_dev_copy_streams=0 set to 1 instead.",
    "executor-on-gpu": "[/job:localhost/replica:0/task:0/device:GPU:0] (DEBUG INFO) Executor"
    " start aborting (this does not indicate an error and you can ignore this message)",
    "image-build-step": "Step 7/9 : RUN mamba install -y tensorflow-gpu==2.7.0",
    "tflite-cpu-delegate": "INFO: Created TensorFlow Lite XNNPACK delegate for CPU.",
    "small-gpu-ignored": "Ignoring visible gpu device (device: 1, name: GT 710) with core count: 1."
    " The minimum required count is 8. TF_MIN_GPU_MULTIPROCESSOR_COUNT",
    "cublas-symbol-missing": "Could not load symbol cublasGetSmCountTarget from libcublas.so.11.",
    "ptxas-older-than-known-good": "*** WARNING *** You are using ptxas 10.1.243, which is older"
    " than 11.1. ptxas before 11.1 is known to miscompile XLA code",
    "ptxas-older-than-required": "OP_REQUIRES failed at xla_ops.cc:580 : INTERNAL: XLA requires"
    " ptxas version 11.8 or higher",
    "directml-no-adapter": "I tensorflow/c/logging.cc:34] DirectML device enumeration: found 0"
    " compatible adapters.",
    "directml-dxcore-failed": "F tensorflow/core/common_runtime/dml/dml_adapter_impl.cc:123]"
    " Check failed: (((HRESULT)((DXCoreCreateAdapterFactory(__uuidof(**(&adapter_factory))",
    "directml-d3d12-missing": "ImportError: libd3d12.so: cannot open shared object file: No such"
    " file or directory",
    "pip-no-matching-nvidia-pin": "ERROR: Could not find a version that satisfies the requirement"
    " nvidia-nccl-cu11~=2.15 (from nvidia-tensorflow) (from versions: 2.13.4, 2.14.3)",
    "windows-dll-load-failed": "ImportError: DLL load failed: The specified module could not be"
    " found.",
    "windows-native-load-cut": '  File "C:\\env\\lib\\site-packages\\tensorflow_core\\python\\'
    'pywrap_tensorflow_internal.py", line 28, in <module>',
    "cudnn-zlib-missing": "Could not locate zlibwapi.dll. Please make sure it is in your library"
    " path!",
    "conda-python-incompatible": "  - tensorflow==1.13.1 ->"
    " python[version='>=2.7,<2.8.0a0|>=3.7,<3.8.0a0|>=3.6,<3.7.0a0']",
    "cuda-visible-devices-set-empty": 'os.environ["CUDA_VISIBLE_DEVICES"] = "-1"',
    "cusolver-10-for-cuda-11-0": "Could not load dynamic library 'libcusolver.so.10'; dlerror:"
    " libcusolver.so.10: cannot open shared object file: No such file or directory",
    "pip-wheel-unsupported": "tensorflow-1.1.0-cp35-cp35m-win_amd64.whl is not a supported wheel"
    " on this platform.",
    "nvrm-gpu-not-supported": "NVRM: installed in this system is not supported by the"
    " NVIDIA 520.56.06 driver release.",
    "module-key-rejected": "modprobe: ERROR: could not insert 'nvidia': Key was rejected by"
    " service",
    "wsl-libcuda-not-a-symlink": "/sbin/ldconfig.real: /usr/lib/wsl/lib/libcuda.so.1 is not a"
    " symbolic link",
    "allow-growth-from-environment": "Overriding orig_value setting because the"
    " TF_FORCE_GPU_ALLOW_GROWTH environment variable is set. Original config value was 0.",
    "cudnn-sublibrary-not-located-windows": "Could not locate cudnn_ops_infer64_8.dll. Please"
    " make sure it is in your library path!",
    "and-cuda-extra-missing": "WARNING: tensorflow 2.13.1 does not provide the extra 'and-cuda'",
    "and-cuda-tensorrt-pin": "ERROR: No matching distribution found for tensorrt==8.5.3.1;"
    ' extra == "and-cuda"',
    "and-cuda-tensorrt-libs-pin": "ERROR: No matching distribution found for"
    ' tensorrt-libs==8.6.1; extra == "and-cuda"',
    "cuinit-named-symbol-not-found": "failed call to cuInit: CUDA_ERROR_NOT_FOUND: named symbol"
    " not found",
    "cupti-not-loaded": "Could not load dynamic library 'cupti64_110.dll'; dlerror:"
    " cupti64_110.dll not found",
    "gpu-timer-delay-kernel": "gpu_timer.cc:114] Skipping the delay kernel, measurement accuracy"
    " will be reduced",
    "ngc-driver-not-detected": "WARNING: The NVIDIA Driver was not detected.  GPU functionality"
    " will not be available.",
    "container-cli-driver-branch-refused": "nvidia-container-cli: requirement error:"
    " unsatisfied condition: driver < 385",
    "nvidia-docker1-driver-too-old": "nvidia-docker | 2017/11/21 00:48:39 Error: unsupported CUDA"
    " version: driver 8.0 < image 9.0.176",
    "ctranslate2-cuda-library-not-loaded": "RuntimeError: Library cublas64_11.dll is not found or"
    " cannot be loaded",
    "ctranslate2-cudnn-not-loaded": "RuntimeError: Library libcudnn_ops_infer.so.8 is not found or"
    " cannot be loaded",
    "libcuda-symbol-missing": "F tensorflow/stream_executor/cuda/cuda_driver.cc:94] Check failed:"
    " s.ok() could not find cuDevicePrimaryCtxSetFlags in libcuda DSO; dlerror:"
    " /usr/lib/libcuda.so.1: undefined symbol: cuDevicePrimaryCtxSetFlags",
    "jetson-nvmap-refused": "NvRmMemInitNvmap failed with Permission denied",
    "ngc-driver-too-old": "ERROR: This container was built for NVIDIA Driver Release 535.86 or"
    " later, but",
    "ngc-gpu-not-supported": "WARNING: Detected NVIDIA GeForce RTX 3060 Ti GPU, which is not yet"
    " supported in this version of the container",
    "ngc-no-supported-gpu": "ERROR: No supported GPU(s) detected to run this container",
    "no-gpu-among-devices": "Could not satisfy explicit device specification '/device:GPU:0'"
    " because no devices matching that specification are registered in this process; available"
    " devices: /job:localhost/replica:0/task:0/cpu:0",
    "ptx-feature-unrecognized": "'+ptx85' is not a recognized feature for this target (ignoring"
    " feature)",
    "ptxas-miscompiles-clamping": "*** WARNING *** Invoking ptxas with version 12.1.105, which"
    " corresponds to a CUDA version <=12.6.2. CUDA versions 12.x.y up to and including 12.6.2"
    " miscompile certain edge cases around clamping.",
    "ptxas-not-found-driver-fallback": "Can't find ptxas binary in ${CUDA_DIR}/bin.  Will back to"
    " the GPU driver for PTX -> sass compilation.",
    "windows-driver-version-unimplemented": "Error retrieving driver version: Unimplemented:"
    " kernel reported driver version not implemented on Windows",
    "pip-tensorflow-gpu-macos-versions": "Could not find a version that satisfies the requirement"
    " tensorflow-gpu==1.4.0 (from versions: 0.12.0rc1, 0.12.0, 0.12.1, 1.0.0, 1.0.1, 1.1.0)",
    "memory-growth-differs": "ValueError: Memory growth cannot differ between GPU devices",
    "visible-device-list-changed": "TensorFlow device (GPU:0) is being mapped to multiple CUDA"
    " devices (1 now, and 0 previously), which is not supported.",
    "context-after-fork": "Failed setting context: CUDA_ERROR_NOT_INITIALIZED: initialization"
    " error",
    "ctx-already-in-use": "Check failed: CUDA_SUCCESS == dynload::cuCtxSetCurrent(context) (0 vs."
    " 216)",
    "gpu-fallen-off-the-bus": "NVRM: Xid (PCI:0000:01:00): 79, GPU has fallen off the bus.",
    "uvm-module-not-loaded": "Error: Could not load UVM kernel module. Is nvidia-modprobe"
    " installed?",
    "peer-access-not-enabled": "Unable to enable peer access between device ordinals 9 and 8,"
    " status: Internal: failed to enable peer access from 0x8270570 to 0x7ba7860:"
    " CUDA_ERROR_TOO_MANY_PEERS",
    "nouveau-owns-the-gpu": "NVRM: The NVIDIA probe routine was not called for 3 device(s).",
    "nvidia-module-not-loadable": "modprobe: FATAL: Module nvidia not found.",
    "nvml-unknown-error-in-container": "Failed to initialize NVML: Unknown Error",
    "cudnn-sublibraries-mixed": "Could not load library libcudnn_cnn_train.so.8. Error:"
    " /usr/local/cuda/lib64/libcudnn_cnn_train.so.8: undefined symbol: _ZN5cudnn3cnn34layer,"
    " version libcudnn_cnn_infer.so.8",
    "mixed-precision-slow-gpu": "Your GPU may run slowly with dtype policy mixed_float16 because"
    " it does not have compute capability of at least 7.0. Your GPU: GeForce GTX 1080 Ti",
    "op-placed-on-gpu": "I tensorflow/core/common_runtime/eager/execute.cc:574] Executing op"
    " MatMul in device /job:localhost/replica:0/task:0/device:GPU:0",
    "rnn-generic-gpu-kernel": "WARNING:tensorflow:Layer lstm_2 will not use cuDNN kernels since"
    " it doesn't meet the criteria. It will use a generic GPU kernel as fallback",
    "is-gpu-available-deprecated": "is_gpu_available (from"
    " tensorflow.python.framework.test_util) is deprecated and will be removed",
    "addon-needs-cuda-symbols": "/usr/lib/python3/dist-packages/tensorflow_addons/custom_ops/"
    "activations/_activation_ops.so: undefined symbol: __cudaPushCallConfiguration",
    "rocm-gfx-unsupported": "Ignoring visible gpu device (device: 0, name: , pci bus id:"
    " 0000:23:00.0) with AMDGPU version : gfx1100. The supported AMDGPU versions are gfx1030,"
    " gfx900, gfx906, gfx908, gfx90a.",
    "hip-no-binary-for-gpu": "hipErrorNoBinaryForGpu: Unable to find code object for all current"
    " devices!",
    "fatbinaryloader-missing": "could not dlopen DSO: libcuda.so.1; dlerror:"
    " libnvidia-fatbinaryloader.so.375.39: cannot open shared object file: No such file",
    "nvidia-library-file-too-short": "./imagenet: error while loading shared libraries:"
    " /usr/lib/aarch64-linux-gnu/libnvinfer.so.7.1.3 file too short",
    "pip-windows-long-path": "HINT: This error might have occurred since this system does not"
    " have Windows Long Path support enabled. You can find information on how to enable this at"
    " https://pip.pypa.io/warnings/enable-long-paths",
    "tf-trt-without-tensorrt": "F tensorflow/compiler/tf2tensorrt/stub/nvinfer_stub.cc:49]"
    " getInferLibVersion symbol not found.",
    "tensorrt-version-mismatch": "WARNING:tensorflow:TensorRT mismatch. Compiled against version"
    " 5.0.2, but loaded 5.1.2. Things may not work.",
    "plugin-device-listed": "[PhysicalDevice(name='/physical_device:XPU:0', device_type='XPU')]",
    "xla-intel-gpu-stream-executor": "I external/xla/xla/service/service.cc:176]   StreamExecutor"
    " device (0): Intel(R) Arc(TM) A770 Graphics, <undefined>",
    "host-allocator-out-of-memory": "W tensorflow/core/common_runtime/bfc_allocator.cc:479]"
    " Allocator (mklcpu) ran out of memory trying to allocate 7.45GiB (rounded to 8000000000)",
    "bfc-allocator-dump": "I tensorflow/core/common_runtime/bfc_allocator.cc:1040] Sum Total of"
    " in-use chunks: 1002.91MiB",
    "windows-cudart-preload-failed": "    ctypes.WinDLL(build_info.cudart_dll_name)\nOSError:"
    " [WinError 126] The specified module could not be found",
    "windows-cudnn-preload-failed": "    ctypes.WinDLL(build_info.cudnn_dll_name)\nOSError:"
    " [WinError 126] The specified module could not be found",
    "windows-msvc-runtime-missing": "ImportError: Could not find the DLL(s) 'msvcp140.dll or"
    " msvcp140_1.dll'. TensorFlow requires that these DLLs be installed in a directory that is"
    " named in your %PATH% environment variable.",
    "windows-msvc-preload-failed": "    ctypes.WinDLL(build_info.msvcp_dll_name)",
    "keras-gpus-listed": "ValueError: To call `multi_gpu_model` with `gpus=4`, ... However this"
    " machine only has: ['/gpu:0', '/gpu:1', '/gpu:2', '/gpu:3']. Try reducing `gpus`",
    "gpu-kernel-fault": "2022-01-01 10:00:00.000000: E tensorflow/compiler/xla/stream_executor/"
    "cuda/cuda_driver.cc:1052] failed to synchronize the stop event: CUDA_ERROR_ILLEGAL_ADDRESS:"
    " an illegal memory access was encountered",
    "windows-page-file-too-small": "ImportError: DLL load failed: The paging file is too small"
    " for this operation to complete.",
    "windows-dll-wrong-bitness": "ImportError: DLL load failed while importing"
    " _pywrap_tensorflow_internal: %1 is not a valid Win32 application.",
    "container-cli-cgroup-v2": "stderr: nvidia-container-cli: container error: cgroup subsystem"
    " devices not found: unknown.",
    "container-cli-nvml-permissions": "nvidia-container-cli: initialization error: nvml error:"
    " insufficient permissions: unknown",
    "cdi-device-unresolvable": "Error: setting up CDI devices: unresolvable CDI devices"
    " nvidia.com/gpu=0",
    "k8s-device-plugin-no-nvml": "2020/10/14 18:04:53 If this is a GPU node, did you set the"
    " docker default runtime to `nvidia`?",
    "k8s-no-nvidia-runtime-handler": "Failed to create pod sandbox: rpc error: code = Unknown desc"
    ' = failed to get sandbox runtime: no runtime for "nvidia" is configured',
    "k8s-insufficient-gpu": "message:0/2 nodes are available: 1 PodToleratesNodeTaints, 2"
    " Insufficient nvidia.com/gpu. reason:Unschedulable status:False",
    "container-cli-wsl-no-adapters": "nvidia-container-cli: initialization error: WSL environment"
    " detected but no adapters were found: unknown",
    "nvidia-smi-no-nvml-library": "NVIDIA-SMI couldn't find libnvidia-ml.so library in your"
    " system. Please make sure that the NVIDIA Display Driver is properly installed",
    "nvidia-smi-cuda-not-available": "| NVIDIA-SMI 470.57.02    Driver Version: 470.57.02    CUDA"
    " Version: N/A      |",
    "nvml-insufficient-permissions": "Failed to initialize NVML: Insufficient Permissions",
    "nvrm-init-adapter-failed": "NVRM: GPU 0000:01:00.0: RmInitAdapter failed! (0x63:0x56:1689)",
    "mirrored-strategy-gpu": "INFO:tensorflow:Using MirroredStrategy with devices"
    " ('/job:localhost/replica:0/task:0/device:GPU:0',)",
    "implementation-selector-skipped": "W tensorflow/core/grappler/optimizers/"
    "implementation_selector.cc:310] Skipping optimization due to error while loading function"
    " libraries: Invalid argument: Functions",
    "tf-data-stop-event": "W ./tensorflow/core/framework/model.h:202] Encountered a stop event"
    " that was not preceded by a start event.",
    "generator-dataset-cancelled": "W tensorflow/core/kernels/data/generator_dataset_op.cc:103]"
    " Error occurred when finalizing GeneratorDataset iterator: Cancelled: Operation was"
    " cancelled",
    "tf-oom-when-allocating": "Resource exhausted: OOM when allocating tensor with"
    " shape[2,21803,2049] and type complex64 on /job:localhost/replica:0/task:0/device:GPU:0 by"
    " allocator GPU_0_bfc",
    "torch-no-driver": "RuntimeError: Found no NVIDIA driver on your system. Please check that you"
    " have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx",
    "torch-driver-too-old": "UserWarning: CUDA initialization: The NVIDIA driver on your system is"
    " too old (found version 11070). Please update your GPU driver",
    "colab-gpu-usage-limits": "You cannot currently connect to a GPU due to usage limits in Colab.",
    "docker-gpus-unquoted-list": "docker: Error response from daemon: cannot set both Count and"
    " DeviceIDs on device request.",
    "device-attribute-unknown-error": "F tensorflow/stream_executor/lib/statusor.cc:34] Attempting"
    " to fetch value instead of handling error Internal: failed to get device attribute 13 for"
    " device 0: CUDA_ERROR_UNKNOWN: unknown error",
    "pip-no-matching-tf-dependency": "ERROR: No matching distribution found for"
    " tensorflow-io-gcs-filesystem==0.32.0",
    "uv-platform-without-wheels": "hint: You're on Windows (`win_amd64`), but"
    " `tensorflow-io-gcs-filesystem` (v0.37.1) only has wheels for the following platforms:"
    " `manylinux_2_17_aarch64`, `manylinux_2_17_x86_64`",
    "cublas-execution-failed": "E tensorflow/stream_executor/cuda/cuda_blas.cc:654] failed to run"
    " cuBLAS routine cublasSgemm_v2: CUBLAS_STATUS_EXECUTION_FAILED",
    "cufft-plan-internal-error": "E tensorflow/stream_executor/cuda/cuda_fft.cc:261] failed to"
    " make cuFFT batched plan:5",
    "cubin-link-refused": "in external/org_tensorflow/tensorflow/stream_executor/cuda/"
    "cuda_asm_compiler.cc(44): 'cuLinkAddData( link_state, CU_JIT_INPUT_CUBIN,"
    ' static_cast<void*>(image.bytes.data()), image.bytes.size(), "", 0, nullptr, nullptr)\'',
    "transformers-finds-no-tensorflow": "TFBertModel requires the TensorFlow library but it was"
    " not found in your environment.",
    "tensorflow-dependency-missing": "ERROR    There was an error importing Tensorflow. This is"
    " most likely because you do not have TensorFlow installed, or you are trying to run"
    " tensorflow-gpu on a system without an Nvidia graphics card. Original import error: No"
    " module named 'absl'",
    "cudnn-needs-cublas-windows": "Could not locate cublas64_10.dll. Please make sure it is in"
    " your library path!",
    "cudnn-rnn-masked-input": "tensorflow.python.framework.errors_impl.UnknownError:"
    " CUDNN_STATUS_BAD_PARAM in tensorflow/stream_executor/cuda/cuda_dnn.cc(1424):"
    " 'cudnnSetRNNDataDescriptor( data_desc.get(), data_type, layout, max_seq_length,"
    " batch_size, data_size, seq_lengths_array, (void*)&padding_fill)' [Op:CudnnRNNV3]",
    "xla-ptx-load-failed": "2023-10-06 13:14:53.424902: E external/xla/xla/stream_executor/cuda/"
    "cuda_driver.cc:864] failed to load PTX text as a module: CUDA_ERROR_INVALID_IMAGE: device"
    " kernel image is invalid",
    "keras-2-code-under-keras-3": "ImportError: `keras.optimizers.legacy` is not supported in"
    " Keras 3. When using `tf.keras`, to continue using a `tf.keras.optimizers.legacy`"
    " optimizer, you can install the `tf_keras` package (Keras 2)",
    "pip-tensorflow-pin-conflict": "    tensorflow-gpu 1.15.4 depends on numpy<1.19.0 and >=1.16.0",
    "pip-addon-needs-another-tensorflow": "    tensorflow-text 2.15.0 depends on tensorflow<2.16"
    ' and >=2.15.0; platform_machine != "arm64" or platform_system != "Darwin"',
    "host-oom-killed": "Epoch 1/10 1024/60000 [>.....] - ETA: 5:00 - loss: 0.5268Killed",
    "ptxas-behind-the-gpu": "W external/xla/xla/stream_executor/gpu/asm_compiler.cc:232] Falling"
    " back to the CUDA driver for PTX compilation; ptxas does not support CC 8.9",
    "xla-no-dnn": "2024-06-12 16:19:09.704946: E tensorflow/compiler/xla/status_macros.cc:57]"
    " INTERNAL: RET_CHECK failure (tensorflow/compiler/xla/service/gpu/gpu_compiler.cc:618)"
    " dnn != nullptr",
    "cupti-not-opened-for-tracing": "I tensorflow/stream_executor/dso_loader.cc:142] Couldn't"
    " open CUDA library libcupti.so.9.0. LD_LIBRARY_PATH: /usr/local/cuda-9.0/lib64",
    "cupti-needed-for-tracing": "F tensorflow/core/platform/default/gpu/cupti_wrapper.cc:59] Check"
    " failed: ::tensorflow::Status::OK() == (::tensorflow::Env::Default()->GetSymbolFromLibrary("
    " GetDsoHandle(), kName, &f)) (OK vs. Not found: could not find cuptiActivityRegisterCallbacks"
    "in libcupti DSO; dlerror: libcupti.so.9.0: cannot open shared object file: No such file or"
    " directory)",
    "torch-cuda-out-of-memory": "RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB",
    "ngc-container-cpu-lacks-avx": "ERROR: This container was built for CPUs supporting at least"
    " the AVX instruction set, but",
    "gpu-among-registered-devices": "Registered devices: [CPU, GPU, XLA_CPU, XLA_GPU]",
    "open-module-needs-gsp": "NVRM: installed in this system is not supported by open",
    "input-copied-to-a-gpu": "Failed copying input tensor from"
    " /job:localhost/replica:0/task:0/device:CPU:0 to /job:localhost/replica:0/task:0/device:GPU:0"
    " in order to run _EagerConst: Dst tensor is not initialized.",
    "rocm-library-missing": "ImportError: libhsa-runtime64.so.1: cannot open shared object file:"
    " No such file or directory",
    "gpu-ecc-uncorrectable": "Internal: failed call to cuDevicePrimaryCtxRetain:"
    " CUDA_ERROR_ECC_UNCORRECTABLE: uncorrectable ECC error encountered",
    "cufft-plan-alloc-failed": "E tensorflow/stream_executor/cuda/cuda_fft.cc:261] failed to"
    " make cuFFT batched plan:2",
    "nvlink-older-than-ptxas": "The CUDA linking API did not work. Original error: nvlink fatal   :"
    " Input file '/tmp/tempfile-host-1-2-3.cubin' newer than toolkit (123 vs 122)",
    "native-runtime-not-loaded": "ImportError: Traceback ... Failed to load the native TensorFlow"
    " runtime.",
    "pip-too-old-for-manylinux2010": "Could not find a version that satisfies the requirement"
    " tensorflow==1.15.2 (from versions: 0.12.1, 1.14.0, 2.0.0a0, 2.0.0b0, 2.0.0b1)",
    "event-query-after-cuda-shutdown": "E tensorflow/stream_executor/cuda/cuda_driver.cc:1110]"
    " failed to query event: CUDA_ERROR_DEINITIALIZED",
    "cudnn9-sublibrary-mismatch": "E0000 cuda_dnn.cc:535] Could not create cudnn handle:"
    " CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH",
    "nvjitlink-symbol-missing": "ImportError: /usr/local/lib/python3.10/dist-packages/nvidia/"
    "cusparse/lib/libcusparse.so.12: undefined symbol: __nvJitLinkComplete_12_4, version"
    " libnvJitLink.so.12",
    "container-cli-driver-file-exists": "nvidia-container-cli: mount error: file creation failed:"
    " /var/lib/docker/overlay2/4f79/merged/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: file"
    " exists: unknown.",
    "wsl1-kernel": "Error! Your kernel headers for kernel 4.4.0-19041-Microsoft cannot be found.",
    "pinned-host-memory-exhausted": "E tensorflow/stream_executor/cuda/cuda_driver.cc:893] failed"
    " to alloc 374391296 bytes on host: CUDA_ERROR_OUT_OF_MEMORY: out of memory",
    "tf-official-gpu-image-2-18-on": "$ docker run --gpus all -it tensorflow/tensorflow:latest-gpu"
    " bash",
    "linux-driver-installed": "libnvidia-compute-510:amd64                     install",
    "macos-wrong-architecture": "(mach-o file, but is an incompatible architecture (have"
    " (x86_64), need (arm64e)))",
    "mamba-cuda-constraint": "package cudatoolkit-11.6.0-habf752d_9 has constraint __cuda >=11.6"
    " conflicting with __cuda-10.2-0",
    "kernel-library-of-another-install": "NotFoundError: /opt/conda/lib/python3.7/site-packages/"
    "tensorflow/core/kernels/libtfkernel_sobol_op.so: undefined symbol: _ZN10tensorflow14kernel",
    "nvml-driver-not-loaded": "pynvml.NVMLError_DriverNotLoaded: Driver Not Loaded",
    "ptxas-registers-spilled": "W0000 00:00:1745000000.000000 1 subprocess_compilation.cc:346]"
    " ptxas warning : Registers are spilled to local memory in function 'gemm_fusion_dot_1'",
    "container-cli-cuda-unknown-error": "nvidia-container-cli: initialization error: cuda error:"
    " unknown error",
    "hosted-notebook-path": '  File "/content/drive/MyDrive/train.py", line 3, in <module>',
    "autotuner-slow-algorithm": "E external/local_xla/xla/service/slow_operation_alarm.cc:65]"
    " Trying algorithm eng0{k2=0,k3=0} for conv (f32[32,64,56,56]{3,2,1,0}, u8[0]{0})"
    " custom-call is taking a while...",
    "nvidia-fallback-to-nouveau": "NVIDIA kernel module missing. Falling back to nouveau",
    "libstdcxx-version-not-found": "ImportError: /lib64/libstdc++.so.6: version `CXXABI_1.3.8'"
    " not found (required by /home/a/anaconda3/lib/python3.7/site-packages/tensorflow/python/"
    "_pywrap_tensorflow_internal.so)",
    "cudnn-never-loaded": "F tensorflow/stream_executor/cuda/cuda_dnn.cc:204] could not find"
    " cudnnCreate in cudnn DSO; dlerror: /usr/local/lib/python2.7/dist-packages/tensorflow/python/"
    "_pywrap_tensorflow.so: undefined symbol: cudnnCreate",
    "cuda-library-never-loaded": "could not find cublasCreate_v2 in cublas DSO; dlerror:"
    " /usr/lib/python2.7/site-packages/tensorflow/python/_pywrap_tensorflow.so: undefined symbol:"
    " cublasCreate_v2",
    "cudnn-sublibrary-wrong-format-windows": "Could not load library cudnn_cnn_infer64_8.dll."
    " Error code 193",
    "gpu-memcpy-failed": "2019-10-01 11:06:06.791243: F tensorflow/core/common_runtime/gpu/"
    "gpu_util.cc:292] GPU->CPU Memcpy failed",
    "cuda-stubs-on-library-path": "/usr/local/cuda/extras/CUPTI/lib64:/usr/local/cuda/lib64:"
    "/usr/local/cuda/lib64/stubs:/usr/include/x64_64-linux-gnu:/usr/local/nvidia/lib",
    "cuda-invalid-handle": "CUDA_ERROR_INVALID_HANDLE",
    "no-device-of-minimum-capability": "No CUDA device found with minimum required compute"
    " capability 3.5",
    "device-count-after-fork": "E tensorflow/stream_executor/cuda/cuda_driver.cc:1128] could not"
    " retrieve CUDA device count: CUDA_ERROR_NOT_INITIALIZED: initialization error",
    "ptxas-known-bug-refused": "F external/local_xla/xla/service/gpu/nvptx_compiler.cc:619] ptxas"
    " returned an error during compilation of ptx to sass: 'INTERNAL: ptxas 12.3.103 has a bug"
    " that we think can affect XLA. Please use a different version.'",
    "cpu-flags-without-avx": "flags        : fpu vme de pse tsc msr pae mce cx8 apic sep mtrr"
    " pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm"
    " constant_tsc arch_perfmon pebs bts rep_good xtopology tsc_reliable nonstop_tsc pni dtes64"
    " monitor ds_cpl vmx est tm2 ssse3 cx16 xtpr pdcm dca sse4_1 sse4_2 popcnt lahf_lm ida"
    " tpr_shadow vnmi flexpriority ept vpid",
    "cpu-flags-without-avx2": "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge"
    " mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm"
    " constant_tsc pni pclmulqdq ssse3 cx16 sse4_1 sse4_2 popcnt aes xsave avx f16c rdrand"
    " lahf_lm fsgsbase smep erms xsaveopt dtherm ida arat pln pts md_clear flush_l1d",
    "gpu-below-minimum-capability": "Tesla K40m does not meet minimum required compute"
    " capability: 3.7. Falling back to CPU mode.",
    "nvidia-installer-build-failed": "ERROR: The nvidia-uvm kernel module failed to build."
    " This kernel module is required for the proper operation of CUDA.",
    "pip-tensorflow-gpu-windows-versions": "ERROR: Could not find a version that satisfies the"
    " requirement tensorflow-gpu==2.11 (from versions: 2.9.3, 2.10.0rc3, 2.10.0, 2.10.1)",
    "cuda-visible-devices-exported-empty": "(tensorflow)username@pcname:~$ export"
    " CUDA_VISIBLE_DEVICES=",
    "min-compute-capability-unnamed": "Ignoring gpu device with Cuda compute capability 3.0."
    " The minimum required Cuda capability is 3.5.",
    "cudnn-sublibraries-of-two-releases": "Could not load library libcudnn_cnn_train.so.8."
    " Error: /usr/local/cuda/11.8.0/lib64/libcudnn_cnn_train.so.8: symbol"
    " _ZN10cask_cudnn2kr8isAmpereEPNS0_5spa_tERKi, version libcudnn_cnn_infer.so.8 not defined"
    " in file libcudnn_cnn_infer.so.8 with link time reference",
    "memory-growth-with-virtual-devices": "ValueError: Cannot set memory growth on device when"
    " virtual devices configured",
    "cuda-11-library-missing": "W tensorflow/stream_executor/platform/default/dso_loader.cc:60]"
    " Could not load dynamic library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot"
    " open shared object file: No such file or directory",
    "cudnn-sublibrary-not-loaded-linux": "Could not load library libcudnn_adv_train.so.8. Error:"
    " libcudnn_ops_train.so.8: cannot open shared object file: No such file or directory",
    "colocated-op-without-gpu-kernel": "InvalidArgumentError: Cannot assign a device to node"
    " 'Variable_2/read': Could not satisfy explicit device specification '' because the node was"
    " colocated with a group of nodes that required incompatible device"
    " '/job:localhost/replica:0/task:0/GPU:0'",
    "gpu-kernel-launch-failed": "InternalError: Failed launching MaxPoolForwardNoMask",
    "no-deterministic-gpu-kernel": "UnimplementedError:  Deterministic GPU implementation of"
    " SparseSoftmaxXentWithLogitsOp not available.",
    "mixed-precision-fast-gpu": "Your GPU will likely run quickly with dtype policy mixed_float16"
    " as it has compute capability of at least 7.0. Your GPU: NVIDIA GeForce RTX 4090, compute"
    " capability 8.9",
    "auto-mixed-precision-running": "2021-03-23 11:48:15.588181: I"
    " tensorflow/core/grappler/optimizers/auto_mixed_precision.cc:1987] Running"
    " auto_mixed_precision graph optimizer",
    "xla-autotune-result-mismatch": "2025-03-17 05:01:29.217365: E"
    " external/xla/xla/service/gpu/autotuning/gemm_fusion_autotuner.cc:1138] Results do not match"
    " the reference. This is likely a bug/unexpected loss of precision.",
    "no-kernel-for-these-attrs-gpu-registered": "InvalidArgumentError (see above for traceback): No"
    " OpKernel was registered to support Op 'Conv2D' with these attrs.  Registered devices:"
    " [CPU,GPU], Registered kernels:",
    "nvrm-xid": "[22859.081860] NVRM: Xid (PCI:0000:01:00): 31, pid=14292, name=python, Ch"
    " 00000030, intr 00000000. MMU Fault: ENGINE HOST0 HUBCLIENT_ESC faulted @ 0x10_00200000.",
    "gpu-tracer-collected-events": "2020-08-05 10:18:11.132160: I"
    " tensorflow/core/profiler/internal/gpu/device_tracer.cc:223]  GpuTracer has collected 13255"
    " callback api events and 13332 activity events.",
    "xla-device-below-minimum-capability": "2019-05-31 15:06:10.252663: I"
    " tensorflow/compiler/xla/service/platform_util.cc:194] StreamExecutor cuda device (0) is of"
    " insufficient compute capability: 3.5 required, device is 3.0",
    "shell-finds-no-ptxas": "Command 'ptxas' not found, but can be installed with:",
    "addon-version-warning": "UserWarning: Tensorflow Addons supports using Python ops for all"
    " Tensorflow versions above or equal to 2.2.0 and strictly below 2.3.0",
    "addon-built-for-another-tensorflow": "tensorflow.python.framework.errors_impl.NotFoundError:"
    " /opt/conda/lib/python3.6/site-packages/tensorflow_addons/custom_ops/activations/"
    "_activation_ops.so: undefined symbol: _ZN10tensorflow12OpDefBuilder4AttrESs",
    "directml-plugin-for-another-tensorflow": "tensorflow.python.framework.errors_impl."
    "NotFoundError: C:\\Users\\user\\AppData\\Local\\Programs\\Python\\Python310\\lib\\"
    "site-packages\\tensorflow-plugins\\tfdml_plugin.dll not found",
    "metal-plugin-for-another-tensorflow": "tensorflow.python.framework.errors_impl.NotFoundError:"
    " dlopen(/Users/a/env/lib/python3.10/site-packages/tensorflow-plugins/libmetal_plugin.dylib,"
    " 0x0006): Symbol not found: __ZN3tsl8internal10LogMessageC1EPKcii",
    "cudnn-version-mismatch-cut": "E tensorflow/stream_executor/cuda/cuda_dnn.cc:378] Loaded"
    " runtime CuDNN library: 7101 (c",
    "jax-cpu-fallback": "An NVIDIA GPU may be present on this machine, but a CUDA-enabled jaxlib"
    " is not installed. Falling back to cpu.",
    "nvml-access-blocked": "Failed to initialize NVML: GPU access blocked by the operating system",
    "bazel-cuda-config-undefined": "WARNING: Config values are not defined in any .rc file:"
    " opt, cuda8.0",
    "xla-gpu-compiler-not-linked": "W tensorflow/compiler/jit/kernels/xla_ops.cc:436]"
    " Compilation failed:UNIMPLEMENTED: Could not find compiler for platform CUDA: NOT_FOUND:"
    " could not find registered compiler for platform CUDA -- check target linkage (hint: try"
    " adding tensorflow/compiler/jit:xla_gpu_jit as a dependency).  Falling back to TF function"
    " call.",
    "no-gpu-kernel-registered": "No registered 'ResourceGather' OpKernel for GPU devices"
    " compatible with node {{node ResourceGather}}",
    "grappler-op-on-cpu": "W tensorflow/core/grappler/utils/graph_view.cc:830] No registered"
    " 'IteratorGetNextAsOptional' OpKernel for GPU devices compatible with node {{node x}}",
    "op-implemented-only-for-cpu": "Compute status: Unimplemented: Depthwise max pooling is"
    " currently only implemented for CPU devices.",
    "nccl-ops-not-built": "InvalidArgumentError: No OpKernel was registered to support Op"
    " 'NcclAllReduce' with these attrs.  Registered devices: [CPU,GPU], Registered kernels:",
    "nccl-shared-memory-too-small": "3f1c2a9b7e11:41:77 [1] include/shm.h:28 NCCL WARN Error"
    " while creating shared memory segment nccl-shm-recv-2b1c3f8e5a6d7c90-0-1-0 (size 9637888)",
    "nccl-cuda-failure": "UNKNOWN: Error invoking NCCL: unhandled cuda error",
    "ldd-cuda-library-missing": "\tlibcublas.so.10 => not found",
    "ldd-cudnn-missing": "        libcudnn.so.7 => not found",
    "nccl-cuda-out-of-memory": "host:31337:31503 [1] include/alloc.h:99 NCCL WARN Cuda failure"
    " 'out of memory'",
    "gpu-device-with-little-memory": "I tensorflow/core/common_runtime/gpu/gpu_device.cc:1241]"
    " Created TensorFlow device (/job:localhost/replica:0/task:0/device:GPU:0 with 12 MB memory)"
    " -> physical GPU (device: 0, name: GeForce GTX 1650, pci bus id: 0000:01:00.0)",
    "container-cli-no-device": "stderr: nvidia-container-cli: initialization error: cuda error:"
    " no cuda-capable device is detected: unknown",
    "tf-official-cpu-image": "$ docker run --gpus all -it --rm -v /data:/data"
    " tensorflow/tensorflow:latest python train.py",
    "nccl-virtual-gpus-fallback": "WARNING:tensorflow:NCCL is not supported when using virtual"
    " GPUs, fallingback to reduction to one device",
    "distribute-reduction-note": "INFO:tensorflow:Reduce to /job:localhost/replica:0/task:0/"
    "device:CPU:0 then broadcast to ('/job:localhost/replica:0/task:0/device:CPU:0',).",
    "gpu-among-available-devices": "ValueError: Device /replica:0/task:0/device:CPU:0 not found"
    " in ['/replica:0/task:0/device:GPU:0', '/replica:0/task:0/device:GPU:1'] (current device )",
    "custom-op-needs-another-cuda-runtime": "tensorflow.python.framework.errors_impl."
    "NotFoundError: /home/u/BAAF-Net/utils/sampling/tf_sampling_so.so: undefined symbol:"
    " __cudaPushCallConfiguration",
    "pluggable-gpu-optimizer-enabled": "2022-12-23 01:31:15.756543: I tensorflow/core/grappler/"
    "optimizers/custom_graph_optimizer_registry.cc:114] Plugin optimizer for device_type GPU is"
    " enabled.",
    "rmm-out-of-memory": "MemoryError: std::bad_alloc: CUDA error at: /usr/include/rmm/mr/device/"
    "cuda_memory_resource.hpp:69: cudaErrorMemoryAllocation out of memory",
    "cuda-initialization-error": "CUDA error (3): initialization error.",
    "cupti-profiling-failed": "2019-07-22 01:04:15.406075: W tensorflow/core/profiler/lib/"
    "profiler_session.cc:182] Encountered error while starting profiler: Unavailable: CUPTI"
    " error: CUPTI_ERROR_NOT_INITIALIZED",
    "eager-allocation-failed": "tensorflow.python.framework.errors_impl.ResourceExhaustedError:"
    " failed to allocate memory [Op:Mul]",
    "addon-op-namespace-refused": "tensorflow.python.framework.errors_impl.InvalidArgumentError:"
    ' Invalid name: Addons>Gelu (Did you use CamelCase?); in OpDef: name: "Addons>Gelu"',
    "resource-exhausted-raised": "ResourceExhaustedError                    Traceback (most recent"
    " call last)",
    "node-placed-on-gpu": '\t [[Node: conv1/Conv2D = Conv2D[T=DT_FLOAT, data_format="NHWC",'
    ' _device="/job:localhost/replica:0/task:0/device:GPU:0"](input, conv1/kernel/read)]]',
    "cudnn-status-named": "CUDNN_STATUS_INTERNAL_ERROR",
    "cuinit-no-device-quoted": "it returns `CUDA_ERROR_NO_DEVICE` and",
    # https://github.com/serengil/deepface/issues/1323
    "tf-keras-missing": "ValueError: You have tensorflow 2.17.0 and this requires tf-keras"
    " package. Please run `pip install tf-keras` or downgrade your tensorflow",
    # https://github.com/tensorflow/tensorflow/issues/54463
    "blas-gemv-too-large": "tensorflow.python.framework.errors_impl.InternalError: Blas xGEMV"
    " launch failed : a.shape=[1,1638400,3], b.shape=[1,3,1], m=1638400, n=1, k=3 [Op:MatMul]",
    # composed from TensorFlow's event manager record (cuda_event.cc) with CUDA's status
    "gpu-kernel-watchdog": "E tensorflow/stream_executor/cuda/cuda_event.cc:48] Error polling for"
    " event status: failed to query event: CUDA_ERROR_LAUNCH_TIMEOUT: the launch timed out and was"
    " terminated",
    # https://github.com/NVIDIA/nvidia-container-toolkit/issues/293
    "container-cli-nvml-function-not-found": "nvidia-container-cli: detection error: nvml error:"
    " function not found: unknown.",
    # https://github.com/NVIDIA/tensorflow/issues/10
    "nvidia-index-on-macos": "OSError: Your operating system is not supported by"
    " `nvidia-pyindex`: darwin.",
    "nvidia-index-linux-only": "OSError: Your operating system is not supported by"
    " `nvidia-pyindex`: win32.",
    # https://github.com/tensorflow/serving/issues/1299
    "container-cli-requirement-unparsed": "nvidia-container-cli: requirement error: invalid"
    " expression",
    # https://github.com/apple/tensorflow_macos/issues/48
    "macos-arm64-wheel-refused": "ERROR: numpy-1.18.5-cp38-cp38-macosx_11_0_arm64.whl is not a"
    " supported wheel on this platform.",
    # https://github.com/tensorflow/tensorflow/issues/30856
    "libstdcxx-from-the-library-path": "ImportError: /opt/gnu/gcc/lib64/libstdc++.so.6: version"
    " `GLIBCXX_3.4.21' not found (required by /home/a/anaconda3/lib/python3.7/site-packages/"
    "tensorflow/python/_pywrap_tensorflow_internal.so)",
    # https://github.com/talmolab/sleap/issues/1806 (its title)
    "cudnn-sublibrary-not-loaded-bare": "Could not load library libcudnn_cnn_infer.so.8",
    # https://github.com/smallcorgi/Faster-RCNN_TF/issues/330
    "driver-listed-gpu": "2019-01-21 : I tensorflow/core/common_runtime/gpu/gpu_device.cc:1105]"
    " Found device 0 with properties: ",
    # review 90's readings, in the words of their threads (tests/test_doctor_review90.py)
    "conda-disk-full": "CondaError: Failed to write to /home/ana/miniconda3/pkgs/cudatoolkit"
    "-11.2.2-hbe64b41_10.conda\n  errno: 28",
    "gpu-kernel-watchdog-bare": "CUDA_ERROR_LAUNCH_TIMEOUT: the launch timed out and was"
    " terminated",
    "install-disk-full-in-pips-traceback": '  File "/usr/lib/python3/dist-packages/pip/wheel.py",'
    " line 247, in move_wheel_files\nOSError: [Errno 28] No space left on device",
    "keras-of-another-release": "AttributeError: module 'tensorflow._api.v2.compat.v2.__internal__'"
    " has no attribute 'register_load_context_function'",
    "nccl-op-not-registered": "tensorflow.python.framework.errors_impl.InvalidArgumentError: Op"
    " type not registered 'NcclAllReduce' in binary running on DESKTOP-K1BEKCL.",
    "nvidia-module-found-no-gpu": "FATAL: Error inserting nvidia (/lib/modules/2.6.18-194.11.3"
    ".el5/kernel/drivers/video/nvidia.ko): No such device",
    "tf1-api-under-tf2-submodule": "AttributeError: module 'tensorflow._api.v2.train' has no"
    " attribute 'AdamOptimizer'",
    "virtual-devices-uneven": "Device ordinals must be set for all virtual devices or none.",
    "and-cuda-pin-refused": "ERROR: No matching distribution found for"
    ' nvidia-cublas-cu12==12.3.4.1; extra == "and-cuda"',
    "keras-newer-than-tensorflow": "AttributeError: module 'tensorflow.compat.v2' has no"
    " attribute '__internal__'",
    "pip-permission-denied-in-pips-traceback": '  File "/usr/lib/python2.7/dist-packages/pip/'
    'basecommand.py", line 215, in main\nIOError: [Errno 13] Permission denied:'
    " '/usr/local/lib/python2.7/dist-packages/six.py'",
    "jax-no-gpu-found": "No GPU/TPU found, falling back to CPU. (Set TF_CPP_MIN_LOG_LEVEL=0 and"
    " rerun for more info.)",
    "device-factory-registered-twice": "F tensorflow/core/common_runtime/device_factory.cc:78]"
    " Duplicate registration of device factory for type XLA_CPU with the same priority 50",
    "cudnn-rnn-call-failed": "Internal: Failed to call ThenRnnForward with model config:"
    " [rnn_mode, rnn_input_mode, rnn_direction_mode]: 2, 0, 0 , [num_layers, input_size,"
    " num_units, dir_count, max_seq_length, batch_size, cell_num",
    "collective-end-of-sequence": "W tensorflow/core/common_runtime/base_collective_executor.cc"
    ":216] BaseCollectiveExecutor::StartAbort Out of range: End of sequence",
    "autograph-could-not-transform": "WARNING:tensorflow:AutoGraph could not transform"
    " <function train_step at 0x7f3a2c1d5e50> and will run it as-is.",
}


def examples() -> dict[str, str]:
    """One line each signature matches: from the fixture logs, else written above."""
    found: dict[str, str] = {}
    for path in sorted(LOGS.glob("*.log")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            for signature in CATALOGUE:
                if signature.name not in found and signature.pattern.search(line):
                    found[signature.name] = line.strip()
    return {**WRITTEN, **found}


def attack_lines(example: str) -> Iterator[str]:
    """A prefix of the line repeated, or followed by a long run of one kind of character: where
    a pattern's unbounded part fails late, once per starting position."""
    for cut in sorted({len(example) // 2, len(example) - 1}):
        prefix = example[:cut]
        if not prefix:
            continue
        yield prefix * (LINE_CHARS // len(prefix) + 1)
        for filler in ("x", "9", "("):
            yield prefix + filler * LINE_CHARS
    yield "x" * LINE_CHARS + example
    yield "x" * LINE_CHARS + example[: len(example) // 2]


def guarded(read: Callable[[str], object], text: str) -> None:
    """read(text), ended by the watchdog, which prints where it hung, past HANG_SECONDS."""
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        read(text)
    finally:
        faulthandler.cancel_dump_traceback_later()


def read_as_the_doctor(text: str) -> None:
    text = rejoin_wrapped(unwrap(text))
    read_log_facts(text, match_log(text))


def main() -> int:
    lines = 0
    by_name = examples()
    missing = sorted(s.name for s in CATALOGUE if s.name not in by_name)
    if missing:
        print(f"no example line for {missing}", file=sys.stderr)
        return 2
    for signature in CATALOGUE:
        for line in attack_lines(by_name[signature.name]):
            guarded(signature.pattern.search, line)
            lines += 1
    # The whole catalogue, as doctor --log runs it, on the lines that announce many signatures.
    for name in ("ptxas-not-found", "min-compute-capability", "cudnn-loaded"):
        for line in attack_lines(by_name[name]):
            guarded(match_log, line)
            lines += 1
    # What the doctor reads besides signatures (facts in the log, rejoined lines), on runs of
    # the characters its patterns skip over and on the lines that start them.
    for text in (
        "\n" * LINE_CHARS,
        " " * LINE_CHARS,
        # a line of blanks between others (a paste's whole-text clean-up leaves it there)
        "x\n" + " " * LINE_CHARS + "\nx\n",
        "> " * (LINE_CHARS // 2),
        "tf.__version__\n" * (LINE_CHARS // 15),
        "Successfully installed " * (LINE_CHARS // 23),
        "[[Node: x = " * (LINE_CHARS // 12),
        "Caused by op '" * (LINE_CHARS // 14),
        '  File "/tensorflow' * (LINE_CHARS // 19),
        "2019-03-02 10:11:12.123456: " * (LINE_CHARS // 28),
        "Sun Sep 23 20:26:38 " * (LINE_CHARS // 20),
        "v2.16.1-0-g5bc9d26649c " * (LINE_CHARS // 23),
        "Collecting tensorflow[and-cuda]\n" * (LINE_CHARS // 32),
        "pip 8.1.2 from " * (LINE_CHARS // 15),
        "Requirement already satisfied: x in /python3" * (LINE_CHARS // 44),
        "but you have nvidia-cudnn-cu12 " * (LINE_CHARS // 31),
        "Successfully installed " + "nvidia-cudnn-cu12-9 " * (LINE_CHARS // 20),
        "a." * (LINE_CHARS // 2),
        "xError" * (LINE_CHARS // 6),
        "InvalidArgumentError (see above for traceback" * (LINE_CHARS // 46),
        'File "/x/site-packages' * (LINE_CHARS // 22),
        "nvidia-cuda-runtime-cu12" * (LINE_CHARS // 24),
        "gpu_device.cc:1929] Created device " * (LINE_CHARS // 35),
        "libcuda reported version is: 384.111.0\n" * (LINE_CHARS // 40),
        "kernel reported version is: 384.90.0\nlibcuda reported version is: 384.111.0\n"
        * (LINE_CHARS // 78),
        "libcuda reported version is: 384.111.0\n" * (LINE_CHARS // 80)
        + "kernel reported version is: 384.90.0\n" * (LINE_CHARS // 76),
        # one long line: every kernel half after a libcuda one that never pairs
        "libcuda reported version is: 384.111.0 "
        + "kernel reported version is: x " * (LINE_CHARS // 30),
        "Kernel Module for x86_64 \t" * (LINE_CHARS // 26),
        "forward compat /cuda/compat" * (LINE_CHARS // 27),
        "/Library/Python/2.7/lib/python/" * (LINE_CHARS // 31),
        "  device='GPU'; T in [DT_HALF]\n" * (LINE_CHARS // 31),
        ("x" * 80 + "\nx") * (LINE_CHARS // 82),
        "docker run " * (LINE_CHARS // 11),
        "docker run a" + " a/b/c/d:e" * (LINE_CHARS // 10),
        "docker run \\\n" * (LINE_CHARS // 13),
        'pywrap_tensorflow_internal.py", ' * (LINE_CHARS // 32),
        "Using TensorFlow backend. " * (LINE_CHARS // 26) + "Illegal instruction",
        "2020-11-23 08:55:21.355369: I tensorflow/x.cc:1] x\n" + "(a) b@c:/d " * (LINE_CHARS // 11),
        "2020-11-23 08:55:21.355369: I tensorflow/x.cc:1] x\n" + "C:\\x" * (LINE_CHARS // 4),
        "Name: tensorflow\nVersion: 1.15.4\n" * (LINE_CHARS // 33),
        "tensorflow 2.4.1 gpu_py38h8a7d6ce_0 " * (LINE_CHARS // 36),
        "tensorflow 2.4.1 mkl_py38hb2083e0_0 " * (LINE_CHARS // 36) + "pkgs/main",
        "tensorflow x pypi_0 " * (LINE_CHARS // 20),
        "Is TensorFlow built with CUDA" * (LINE_CHARS // 29),
        "built with CUDA?" + " " * LINE_CHARS + ": False",
        "load library '" * (LINE_CHARS // 14),
        "from google.protobuf.pyext import _message\n" * (LINE_CHARS // 43),
        "from google.protobuf.pyext import _message\n" + "x\n" * (LINE_CHARS // 2),
        "DLL load failed while importing _message: " * (LINE_CHARS // 42),
        "/PycharmProjects" * (LINE_CHARS // 16),
        "works in the terminal but " * (LINE_CHARS // 26),
        "(base) " * (LINE_CHARS // 7),
        "Python 3.6.3 |" + "x" * LINE_CHARS,
        "Python 3.6.3 " + " on " * (LINE_CHARS // 4),
        "works in the terminal " + "but " * (LINE_CHARS // 4),
        "ImportError: libcudnn.so.7" * (LINE_CHARS // 26),
        "ImportError: libcudnn.so." + "7" * LINE_CHARS,
        "  Cell In [" * (LINE_CHARS // 11),
        "\\Python3" * (LINE_CHARS // 9),
        "\\python-3.6" * (LINE_CHARS // 12),
        "\\python-3.6.8.amd64" * (LINE_CHARS // 19),
        "The requested device appears to be a GPU, " * (LINE_CHARS // 42),
        "GeForce " * (LINE_CHARS // 8),
        "GeForce GTX 9" * (LINE_CHARS // 13),
        "prime" * (LINE_CHARS // 5),
        "NVIDIA Tegra " * (LINE_CHARS // 13),
        "/dev/nvhost-" * (LINE_CHARS // 12),
        "tensorflow/stream_executor/platform/default/dso_loader.cc:6" * (LINE_CHARS // 59),
        "tensorflow<=2.1" * (LINE_CHARS // 15),
        "successfully opened CUDA library libcufft.7.5.dylib locally\n" * (LINE_CHARS // 60),
        "successfully opened CUDA library libcufft." + "9" * LINE_CHARS,
        "OS X does not support NUMA - " * (LINE_CHARS // 29),
        "Couldn't open CUDA library libcuda.1.dylib" * (LINE_CHARS // 42),
        "-rwxr-xr-x " + "x" * LINE_CHARS + "/lib/libcuda.dylib",
        "-rwxr-xr-x  1 root /lib/libcuda.dylib\n" * (LINE_CHARS // 38),
        "zsh: " * (LINE_CHARS // 5),
        "The installed version of TensorFlow " * (LINE_CHARS // 36),
        "Could not load 'a.dll'. " * (LINE_CHARS // 24),
        "cpu_feature_guard.cc:1] The TensorFlow library was " * (LINE_CHARS // 51),
        "The TensorFlow library wasn't compiled to use AVX instructions, but these are available"
        " on your machine\n" * (LINE_CHARS // 102),
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n' * (LINE_CHARS // 52),
        '  File "C:\\' + "a\\" * (LINE_CHARS // 2) + 'pywrap_tensorflow.py", line 1, in <module>',
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n' + ">" * LINE_CHARS,
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n' + "a." * (LINE_CHARS // 2),
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n' + "a" * LINE_CHARS,
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n'
        + "aError" * (LINE_CHARS // 6),
        '  File "C:\\a\\pywrap_tensorflow.py", line 1, in <module>\n' + ".cc:" * (LINE_CHARS // 4),
        "Failed to initialize NVML: Unknown Error\n" + "a@b:" * (LINE_CHARS // 4),
        "Failed to initialize NVML: Unknown Error\n" + "a@b:~" + " " * LINE_CHARS,
        "Failed to initialize NVML: Unknown Error\n" + "$ nvidia-sm" * (LINE_CHARS // 11),
        "NVMLError_Unknown\n" + "nvmlDevice" * (LINE_CHARS // 10),
        "The TensorFlow library wasn't compiled to use AVX instructions, but these are available"
        " on your machine\n" + "device:gpu" * (LINE_CHARS // 10),
        "The TensorFlow library wasn't compiled to use AVX instructions, but these are available"
        " on your machine" + "\n" * LINE_CHARS,
        "Failed call to cu" * (LINE_CHARS // 17),
        "Failed call to cu" + "x" * LINE_CHARS,
        " libcudart.so.11.0 -> " + "a" * LINE_CHARS,
        " libcudart.so.11.0 -> " + "a.so.1" * (LINE_CHARS // 6),
    ):
        guarded(read_as_the_doctor, text)
        lines += 1
    # What a paste's markup, a notebook's JSON, a runtime log view and the loader's trace are
    # read with: the reading that handles them alone, on runs of what their patterns repeat.
    for text in (
        "> >>" * (LINE_CHARS // 4),
        "- " * (LINE_CHARS // 2),
        "`" + "a`" * (LINE_CHARS // 2),
        "a`" * (LINE_CHARS // 2),
        "Jun 15, 2018, 12:00:58 AM | WARNING | " * (LINE_CHARS // 38),
        "Jun 15, 2018, 12:00:58 AM\tWARNING\t\n" * (LINE_CHARS // 35),
        '"Jun 15, 2018, 12:00:58 AM",INFO,"' + '""' * (LINE_CHARS // 2),
        "-- | " * (LINE_CHARS // 5),
        "ImportError\n" + "  1:\t  trying file=/a/libcublas.so.8.0\n" * (LINE_CHARS // 36),
        "ImportError\n  1:\t  trying file=" + "a" * LINE_CHARS,
        '"cell_type": "code",\n"name": "stdout",\n "' + '\\"' * (LINE_CHARS // 2),
        '"cell_type": "code",\n"name": "stdout",\n "evalue": "' + "a" * LINE_CHARS + '"x',
        '"cell_type": "code",\n"name": "stdout",\n"' + 'a":' * (LINE_CHARS // 3),
    ):
        guarded(lambda text: searched_in_vain(rejoin_wrapped(unwrap(text))), text)
        lines += 1
    # TensorFlow's answers about its GPUs, which the doctor reads from the whole paste.
    for text in (
        "[" + " " * LINE_CHARS,
        "> " * (LINE_CHARS // 2) + "[",
        "Out[1]: " * (LINE_CHARS // 8),
        "Out[" + "1" * LINE_CHARS,
        "list_physical_devices(" * (LINE_CHARS // 22),
        "is_gpu_available()" + " " * LINE_CHARS,
        "gpu_device_name()\n" * (LINE_CHARS // 18),
        "experimental.list_logical_devices(" * (LINE_CHARS // 35),
        "list_physical_devices('GPU')\n" * (LINE_CHARS // 29),
        "list_physical_devices('GPU')" + " " * LINE_CHARS + "\n[]",
        "list_physical_devices('GPU')\n" + ("x" * 299 + "\n") * (LINE_CHARS // 300),
        "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')" + " " * LINE_CHARS,
        "[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')"
        + ", PhysicalDevice(name='/physical_device:XLA_GPU:0', device_type='XLA_GPU')"
        * (LINE_CHARS // 74),
        '[name: "/device:CPU:0"\n' * (LINE_CHARS // 23),
        '[name: "/device:CPU:0"\n' + ("x" * 299 + "\n") * (LINE_CHARS // 300),
        '[name: "/device:CPU:0"\n' + "x" * LINE_CHARS,
    ):
        for pattern in (
            empty_gpu_list.GPU_LIST_ANSWERED,
            empty_gpu_list.NO_GPU_LISTED,
            empty_gpu_list._ASKED_SINCE_2_1,
            empty_gpu_list._HIDDEN_OR_ELSEWHERE,
        ):
            guarded(pattern.search, text)
            lines += 1
        guarded(empty_gpu_list.cpu_only_device_list, text)
        lines += 1
    # pip's refusal read against what the rest of the paste installs.
    refusal = "ERROR: No matching distribution found for tensorflow\n"
    for text in (
        refusal + "Successfully installed " + "a " * (LINE_CHARS // 2),
        refusal + "Successfully installed" + " tensorflow" * (LINE_CHARS // 11),
        refusal + "Downloading " + "a/" * (LINE_CHARS // 2),
        refusal + "Requirement already satisfied: tensorflow" + " " * LINE_CHARS,
    ):
        guarded(lambda text: without_refusals_installed_later(match_log(text), text), text)
        lines += 1
    # What a paste sets apart before it is read: quoted expected output, a saved log shown
    # after the live run, other hosts' commands.
    for text in (
        "Expected output:\n```\n" * (LINE_CHARS // 20),
        "Expected output:\n" * (LINE_CHARS // 17),
        "Expected output:\n" + "x\n" * (LINE_CHARS // 2),
        "Expected output:" + " " * LINE_CHARS + ":",
        "You should see" + " see" * (LINE_CHARS // 4) + ":",
        "$ cat a\n2019-03-02 10:11:12 x\n" * (LINE_CHARS // 30),
        "2019-03-02 10:11:12 x\n$ cat a\n" * (LINE_CHARS // 30) + "2019-03-09 10:11:12 x\n",
        "$ cat " + "a" * LINE_CHARS,
        "a@b:~$ ssh c\nimport tensorflow\nc@d:~$ x\n" * (LINE_CHARS // 40),
        "a@b" * (LINE_CHARS // 3),
        "a@b:" + "x" * LINE_CHARS + "$",
    ):
        for reading in (without_expected_output, without_older_files_shown, without_other_hosts):
            guarded(reading, text)
            lines += 1
    # A --gpu value as a reporter states it, split into GPUs and their counts.
    for text in (" " * LINE_CHARS + "y", "a" + " " * LINE_CHARS + "x2", ", " * (LINE_CHARS // 2)):
        guarded(lambda text: _stated_gpus((text,)), text)
        lines += 1
    print(f"{lines} lines of {LINE_CHARS} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
