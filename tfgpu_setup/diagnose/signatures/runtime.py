"""Signatures: device registration, memory and configuration at run time."""

from __future__ import annotations

import re

from ...findings import Severity
from .model import (
    DRIVER_ROOTS,
    GPU_NEWER_THAN_BUILD_FIX,
    LIBRARY_IDS,
    MEMORY_TAKEN_FIX,
    Signature,
    Variant,
    compiled,
    handle_failed_first,
)

COMPUTE_MODE_FIX = (
    "Set the compute mode to DEFAULT or EXCLUSIVE_PROCESS: 'sudo nvidia-smi -c 0' (the Compute M."
    " column of nvidia-smi shows it)."
)
"""A GPU whose compute mode lets only one thread use it (EXCLUSIVE_THREAD or PROHIBITED)."""

HOST_MEMORY_SIGNATURES = frozenset(
    {"pinned-host-memory-exhausted", "host-oom-when-allocating", "host-allocator-out-of-memory"}
)
"""Lines where the host's memory, not the GPU's, ran out."""
GPU_MEMORY_FIX = (
    "Reduce the batch size (or the input size), enable memory growth"
    " (TF_FORCE_GPU_ALLOW_GROWTH=true) so TensorFlow does not hold all memory, and stop"
    " other processes on the GPU (nvidia-smi)."
)
"""What a GPU allocation that failed asks for."""
GPU_MEMORY_RAN_OUT = "The model ran out of GPU memory (the GPU is used, but the work does not fit)"
ALLOCATOR_HINT = "allocator-fragmentation-hint"
OOM_CREATING_VARIABLES = (
    "The GPU ran out of memory while creating the model's variables, before any batch: its"
    " memory is already held (another process, notebook kernel or session), or the variables"
    " alone do not fit"
)
EXHAUSTED_UNSAID = "resource-exhausted-raised"
NO_GPU_MEMORY_NAMED = frozenset({"host-oom-when-allocating", EXHAUSTED_UNSAID})
"""Memory failures that do not say the GPU's memory ran out."""

TENSORFLOWS_ERROR_RECORD = (
    # (a kernel's launch in a header, './tensorflow/core/kernels/conv_2d_gpu.h:649]')
    r"(?:(?:tensorflow|local_xla|local_tsl)[/\\][\w/\\.-]{0,200}\.(?:cc|h):\d{1,5}\]"
    r"|tensorflow\.python\.framework\.errors_impl\.\w{1,40}Error:"
    # the error as a session's root-error list ('  (0) Internal: ...', TensorFlow 2.9+
    # 'UNKNOWN:') or a notebook ('UnknownError: ...') shows it, at the line's start
    r"|^[ \t]*(?:\(\d{1,2}\)[ \t]{1,4})?(?:Internal|Unknown|INTERNAL|UNKNOWN)(?:Error)?:"
    r"|Error polling for event status:)[^\n]{0,400}?"
)
"""The start of a record of TensorFlow's own (its source path, or one of its errors) up to a CUDA
status further on the line: JAX's XLA, Caffe2 and PyTorch word their faults the same."""

LIKELIER_THAN_A_FAULT = DRIVER_ROOTS | frozenset(
    {
        "gpu-out-of-memory",
        "compute-capability-unsupported",
        "cudnn-version-mismatch",
        "cuda-version-mismatch",
        "driver-too-old",
    }
)
"""What a log shows beside a failed kernel that more likely made it fail."""

WATCHDOG_TITLE = (
    "A GPU kernel ran longer than the display's watchdog allows ({status}), so the work on the"
    " GPU stopped"
)
WATCHDOG_FIX = (
    "The GPU also drives a display, whose driver stops kernels that run for more than a few"
    " seconds: run on a GPU without a display (or with no X server or desktop on it), or on"
    " Windows raise the TDR delay (TdrDelay in the registry, or Nsight's WDDM TDR settings);"
    " otherwise split the work into shorter kernels (a smaller batch or input)."
)
WATCHDOG_SOURCE = "https://docs.nvidia.com/gameworks/content/developertools/desktop/timeout_detection_recovery.htm"
FORK_FIX = (
    "Start worker processes with the 'spawn' method (multiprocessing.set_start_method('spawn')),"
    " or fork them before anything touches the GPU; in Keras, use_multiprocessing=False."
)
"""For a process forked after CUDA started in its parent."""

CUDNN_START_FIX = (
    "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true) and stop other GPU processes; if that"
    " does not help, check that the loaded cuDNN matches this TensorFlow"
)
"""What to do where cuDNN could not start: memory first, then the cuDNN loaded."""

RUNTIME: tuple[Signature, ...] = (
    # --- Registration: XLA_GPU without GPU is the old way of saying the libraries are missing. ---
    Signature(
        name="xla-gpu-without-gpu",
        needles=("XLA_GPU:", "/xla_gpu:", "Registered devices: ["),
        pattern=compiled(
            r"/(?:physical_)?device:XLA_GPU:(?P<index>\d+)"
            # a GPU-only op's kernel list beside the devices: XLA_GPU, no GPU (TF 1.14 to 2.3)
            r"|Registered devices: \[(?=[^\]\n]{0,200}\bXLA_GPU\b)(?![^\]\n]{0,200}[\[ ]GPU\b)"
            # Keras 2's multi_gpu_model listing the devices: XLA ones but no '/gpu:N'
            r"|However this machine only has: \[(?=[^\]\n]*'/xla_gpu:\d)(?![^\]\n]*'/gpu:)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "Only XLA_GPU devices exist, no GPU device: TensorFlow saw the GPU but could not load"
            " the CUDA/cuDNN libraries"
        ),
        fix=(
            "Find the library TensorFlow failed to load (the 'Could not load dynamic library'"
            " lines above, or rerun with TF_CPP_MAX_VLOG_LEVEL=3) and install the CUDA and cuDNN"
            " versions this TensorFlow was built with."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/32851",
        needs_no_gpu=True,
        explained_by=DRIVER_ROOTS | LIBRARY_IDS | frozenset({"compute-capability-unsupported"}),
    ),
    # --- Run time: memory and configuration. ---
    Signature(
        name="cublas-handle",
        needles=(
            "cublas handle",
            "cublasLt handle",
            "Failure to initialize cublas",
            "without BLAS support",
        ),
        # TF 2.12+ writes the status in words and adds its own hint about OOM; the op that
        # needed cuBLAS then says it ran 'without BLAS support'.
        pattern=compiled(
            r"failed to create cublas(?:Lt)? handle: (?P<status>CUBLAS_STATUS_\w+"
            r"|[a-z][a-z ]{0,60}[a-z])"
            r"|Failure to initialize cublas may be due to OOM"
            r"|[Aa]ttempting to perform BLAS operation using StreamExecutor without BLAS support"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="cuBLAS could not start{status_note}: usually the GPU memory is already taken",
        fix=MEMORY_TAKEN_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/9489",
        explained_by=frozenset(
            {"driver-too-old", "cuda-libs-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        # What a convolution says once cuDNN could not start or load.
        name="dnn-unavailable",
        needles=(
            "without DNN support",
            "No DNN in stream executor",
            "GetConvolveAlgorithms",
        ),
        # 'No DNN in stream executor.': the convolution's own words for it (TF 2.9 on); TF 1.x
        # CHECKs that it can list cuDNN's algorithms and aborts (conv_ops.cc)
        pattern=compiled(
            r"[Aa]ttempting to perform DNN operation using StreamExecutor without DNN"
            r"|No DNN in stream executor"
            r"|Check failed: stream->parent\(\)->GetConvolveAlgorithms"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.WARNING,
        title="cuDNN is not available to TensorFlow (it did not load, or its handle failed)",
        fix=(
            "Look above for the line that says why: a cuDNN library that could not be loaded, a"
            " version mismatch, or a handle that failed for lack of memory."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.2/tensorflow/stream_executor/"
            "stream.cc"
        ),
        explained_by=frozenset(
            {"gpu-out-of-memory", "cudnn-version-mismatch", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        # The cuDNN RNN ops' words (Keras' CuDNNLSTM/CuDNNGRU, tf.keras LSTM on the GPU) when
        # the stream has no DNN: cuDNN loaded (a GPU is registered only then) but did not
        # start. In settled threads that line alone was a cuDNN of another version than the
        # build's 4 or 5 times in 8, memory held elsewhere twice, cuDNN missing never (survey
        # 11e); a failed handle or library load above it has its own reading.
        name="dnn-implementation-missing",
        needles=("Fail to find the dnn implementation",),
        pattern=compiled(r"Fail to find the dnn implementation"),
        finding_id="cudnn-version-mismatch",
        severity=Severity.WARNING,
        title=(
            "cuDNN loaded but did not start for the RNN op (Fail to find the dnn"
            " implementation): most often a cuDNN of another version than this TensorFlow's"
        ),
        fix=(
            "Install the cuDNN version this TensorFlow was built with (before 1.13 the exact"
            " 7.x minor; pip: 'tensorflow[and-cuda]' pins it, conda's tensorflow-gpu brings"
            " its own) and remove other copies that load first. If the versions match, restart"
            " the notebook kernel, stop other processes holding the GPU's memory, or enable"
            " memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/57198",
        explained_by=DRIVER_ROOTS
        | frozenset({"cudnn-not-found", "gpu-out-of-memory", "compute-capability-unsupported"}),
        variants=(handle_failed_first("Fail to find the dnn implementation"),),
    ),
    Signature(
        # cuBLAS's kernel did not run: on TF 1.x (CUDA 9/10) with an Ampere or Ada GPU, cuBLAS
        # has no kernel for it; the GEMM that called it then says 'launch failed'.
        name="cublas-execution-failed",
        needles=("CUBLAS_STATUS_EXECUTION_FAILED", "cuBlas call failed status = 13"),
        pattern=compiled(
            r"failed to run cuBLAS routine[^\n]{0,80}?: CUBLAS_STATUS_EXECUTION_FAILED"
            # cuda_solvers.cc gives the status as its number: 13 is CUBLAS_STATUS_EXECUTION_FAILED
            # (tensorflow#25274: an RTX 2080 under TensorFlow 1.10's CUDA 9.0)
            r"|cuBlas call failed status = 13\b"
        ),
        finding_id="compute-capability-unsupported",
        severity=Severity.WARNING,
        title=(
            "cuBLAS's kernel failed to run on this GPU (CUBLAS_STATUS_EXECUTION_FAILED): most"
            " often a TensorFlow and cuBLAS built for a CUDA older than the GPU"
        ),
        fix=(
            GPU_NEWER_THAN_BUILD_FIX + " For TensorFlow 1.x code, NVIDIA's nvidia-tensorflow"
            " 1.15 build supports them."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25403",
        explained_by=DRIVER_ROOTS | frozenset({"cuda-version-mismatch"}),
    ),
    Signature(
        # cuFFT's plan failing with CUFFT_INTERNAL_ERROR (5): cuFFT has no PTX to fall back on,
        # so a GPU newer than the CUDA of the build has no cuFFT kernels (TF 1.x on RTX 20).
        name="cufft-plan-internal-error",
        needles=("cuFFT batched plan",),
        pattern=compiled(r"failed to (?:make|create) cuFFT batched plan: ?5\b"),
        finding_id="compute-capability-unsupported",
        severity=Severity.WARNING,
        title=(
            "cuFFT could not plan for this GPU (CUFFT_INTERNAL_ERROR): most often a GPU newer than"
            " the CUDA TensorFlow was built with"
        ),
        fix=(
            GPU_NEWER_THAN_BUILD_FIX + " On a GPU the build supports, the plan failed for"
            " memory: enable memory growth or use smaller inputs."
        ),
        source="https://github.com/keithito/tacotron/issues/300",
        explained_by=DRIVER_ROOTS | frozenset({"cuda-version-mismatch"}),
    ),
    Signature(
        # cuFFT's plan failing with CUFFT_ALLOC_FAILED (2): the plan's work area did not fit in
        # the GPU's free memory (TF 1.x said 'create', later releases 'make').
        name="cufft-plan-alloc-failed",
        needles=("cuFFT batched plan",),
        pattern=compiled(r"failed to (?:make|create) cuFFT batched plan: ?2\b"),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "cuFFT could not allocate the memory its plan needs (CUFFT_ALLOC_FAILED): the GPU's"
            " memory is full"
        ),
        fix=MEMORY_TAKEN_FIX + " Otherwise use smaller batches or shorter signals.",
        source="https://github.com/tensorflow/tensorflow/issues/8710",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # RAPIDS' memory manager (RMM, under cuDF and NVIDIA Merlin's data loaders) failing to
        # allocate: where TensorFlow shares the process or the GPU, its allocator took most of
        # the memory when it started (NVTabular#967, Merlin models#436: the maintainers' answer
        # is to cap TensorFlow's share).
        name="rmm-out-of-memory",
        needles=("std::bad_alloc",),
        pattern=compiled(
            # RMM's path then the out-of-memory code (another CUDA error through RMM is not
            # memory), or the line cut inside the path (NVTabular#1400)
            r"std::bad_alloc: (?:CUDA error at: [^\n]{0,300}?[/\\]rmm[/\\](?:[^\n]{0,300}?"
            r"(?:cudaErrorMemoryAllocation|out of memory)|\S{0,100}[ \t`'\"]*$)"
            r"|out_of_memory: (?:CUDA error|RMM failure))"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "RAPIDS' memory manager (cuDF's, a Merlin data loader's) could not allocate GPU"
            " memory: beside TensorFlow, whose allocator takes most of the GPU when it starts,"
            " little is left"
        ),
        fix=(
            "Let TensorFlow allocate on demand (TF_FORCE_GPU_ALLOW_GROWTH=true, or"
            " tf.config.experimental.set_memory_growth) or cap its share (Merlin's"
            " TF_MEMORY_ALLOCATION=0.5, or a logical device with memory_limit) before it starts,"
            " stop other processes holding the GPU (nvidia-smi lists them), and lower the data"
            " loader's batch or partition size."
        ),
        source="https://github.com/NVIDIA-Merlin/NVTabular/issues/967",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # StreamExecutor's check that the CUDA context current on its thread is its own: another
        # CUDA user in the same process (Theano, Caffe, PyTorch, libcudart called through ctypes,
        # the user's own CUDA code) made one first (tensorflow#15911; ry/tensorflow-resnet#22,
        # Caffe; blei-lab/edward#234, Theano). The driver and libraries are fine.
        name="foreign-cuda-context",
        needles=("not created by the StreamExecutor",),
        pattern=compiled(
            r"current context was not created by the StreamExecutor cuda_driver API"
            r"[^\n]{0,200}"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "Another CUDA user in this process made the GPU's CUDA context before TensorFlow"
            " (Theano, Caffe, PyTorch, libcudart through ctypes, or your own CUDA code), and"
            " TensorFlow stops on a context that is not its own"
        ),
        fix=(
            "Import and initialise TensorFlow first (list its GPUs before the other library"
            " touches the GPU), keep the other library on the CPU (THEANO_FLAGS=device=cpu,"
            " Caffe's CPU mode), or run the two in separate processes. If nothing else in the"
            " process uses CUDA, update TensorFlow."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/15911",
        at_work=True,
    ),
    Signature(
        # cuBLAS's GEMV failing on a dimension in the millions ('Blas xGEMV launch failed :
        # a.shape=[1,1638400,3], b.shape=[1,3,1], m=1638400, n=1, k=3'): CUDA 11.2's cuBLAS
        # could not launch GEMV that large (tensorflow#54463, #57666; colabtools#3145, a T4 under
        # 2.8), whatever memory was free. The work was on the GPU.
        name="blas-gemv-too-large",
        needles=("launch failed",),
        pattern=compiled(
            r"Blas (?P<op>xGEMV) launch failed[^\n]{0,300}?\b(?P<dim>[mn])=(?P<size>\d{7,12})\b"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "cuBLAS could not launch a matrix-vector product this large ({op}, {dim}={size}): a"
            " limit of the cuBLAS TensorFlow 2.5 to 2.11 ship with (CUDA 11.2), not memory"
        ),
        fix=(
            "Split the product along its large dimension (tf.split or a loop over chunks of a"
            " few hundred thousand rows, then tf.concat), or compute it as an elementwise"
            " product and tf.reduce_sum; TensorFlow 2.12 and newer are built with CUDA 11.8's"
            " cuBLAS ('tfgpu-setup plan' picks one for this machine)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/54463",
        subject="{op}",
    ),
    Signature(
        name="blas-launch-failed",
        needles=("launch failed",),
        # (not GEMV on a dimension in the millions: that is blas-gemv-too-large's)
        pattern=compiled(
            r"Blas (?!xGEMV launch failed[^\n]{0,300}?\b[mn]=\d{7,12}\b)(?P<op>\w{1,40})"
            r" launch failed"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "cuBLAS could not run ({op} launch failed): usually another process or notebook"
            " session holds the GPU memory"
        ),
        fix=(
            "Close other Python processes and notebook kernels using the GPU (nvidia-smi lists"
            " them), restart the kernel, and enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so one session does not take all of it."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/11812",
        explained_by=frozenset(
            {"driver-too-old", "cuda-libs-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        # TF 1.x's profiling (FULL_TRACE run options, tfdbg, timelines, profiler hooks) looks
        # CUPTI's functions up and aborts where libcupti did not load: there CUPTI is the cause,
        # not the harmless note it is for a run that traces nothing.
        name="cupti-needed-for-tracing",
        needles=("cupti_wrapper.cc", "libcupti DSO", "dlopen DSO: libcupti"),
        pattern=compiled(
            r"cupti_wrapper\.cc:\d{1,5}\] Check failed|could not find \w{1,80} ?in libcupti DSO"
            # TF 1.2 to 1.13 abort on the loader's status instead ('F .../statusor.cc:34]
            # Attempting to fetch value instead of handling error Failed precondition: could
            # not dlopen DSO: libcupti.so.9.0; dlerror: ...', google/seq2seq#336)
            r"|could not dlopen DSO: libcupti"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "A traced run needs CUPTI (libcupti), which TensorFlow could not load or use: the run"
            " aborted there"
        ),
        fix=(
            "Put the CUPTI of the CUDA this TensorFlow uses on the loader path (CUDA's"
            " extras/CUPTI/lib64 on LD_LIBRARY_PATH; on Windows extras\\CUPTI\\libx64, lib64"
            " from CUDA 11, on PATH), or run without tracing (FULL_TRACE run options, tfdbg,"
            " timelines, a profiler hook)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.4.0/tensorflow/core/platform/"
            "default/gpu/cupti_wrapper.cc"
        ),
    ),
    Signature(
        # TF 1.x (to 1.13) looked libcupti up only for a traced run, which then aborted
        # (cupti_wrapper's Check failed or the loader's status, above); a paste that stops at
        # the loader's line still shows that run (google/seq2seq#97, tensorflow#7207).
        name="cupti-not-opened-for-tracing",
        needles=("Couldn't open CUDA library libcupti", "Couldn't open CUDA library cupti"),
        pattern=compiled(
            # (Windows' cupti64_80.dll: tensorflow#6235)
            r"Couldn't open CUDA library (?P<lib>libcupti[^'\s]{0,40}?|cupti64_\d{2,3}\.dll)"
            r"(?:\.? LD_LIBRARY_PATH|\.?[ \t]*(?:\n|$))"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "This TensorFlow 1.x run asked for CUPTI ({lib}) to trace, and could not open it: a"
            " traced run aborts there"
        ),
        fix=(
            "Put the CUPTI of the CUDA this TensorFlow uses on the loader path (CUDA's"
            " extras/CUPTI/lib64 on LD_LIBRARY_PATH; on Windows extras\\CUPTI\\libx64 on PATH),"
            " or run without tracing (FULL_TRACE run options, tfdbg, timelines, a profiler"
            " hook)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.4.0/tensorflow/core/platform/"
            "default/gpu/cupti_wrapper.cc"
        ),
        subject="{lib}",
    ),
    Signature(
        # PyTorch's own out-of-memory error: in a process or notebook it shares with TensorFlow,
        # the GPU's memory is what ran out, whichever framework asked last.
        name="torch-cuda-out-of-memory",
        needles=("CUDA out of memory", "CUDA error: out of memory"),
        pattern=compiled(
            r"\b(?:RuntimeError|torch\.cuda\.OutOfMemoryError|(?:torch\.)?OutOfMemoryError):"
            r" CUDA (?:error: )?out of memory"
        ),
        finding_id="gpu-out-of-memory",
        # PyTorch's own, read beside TensorFlow's: it says the GPU's memory ran out, not that
        # TensorFlow failed there
        severity=Severity.WARNING,
        title="PyTorch ran out of GPU memory (CUDA out of memory): the GPU's memory is full",
        fix=(
            "Use a smaller batch or model in PyTorch, and close other processes holding the GPU"
            " (nvidia-smi lists them). Where TensorFlow shares the process, it reserves nearly all"
            " the memory by default: turn on its memory growth"
            " (tf.config.experimental.set_memory_growth, or TF_FORCE_GPU_ALLOW_GROWTH=true) before"
            " either framework runs."
        ),
        source="https://github.com/runpod/docs/blob/HEAD/tutorials/flash/text-generation-with-transformers.mdx",
    ),
    Signature(
        # The CUDA runtime's first call on the GPU (TF 2.x device creation).
        name="cuda-context-no-memory",
        needles=(
            "implicit initialization on GPU",
            "busy or unavailable",
            "DEVICE_UNAVAILABLE",
            "PrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY",
            "cudaErrorMemoryAllocation",
        ),
        pattern=compiled(
            r"implicit initialization on GPU:\d+ failed\. Status: out of memory"
            r"|cuDevicePrimaryCtxRetain: CUDA_ERROR_OUT_OF_MEMORY"
            # XLA's cuDNN start-up finding the runtime already failed (cuda_dnn.cc, TF 2.14+)
            r"|error before creating cudnn handle \(2\): cudaErrorMemoryAllocation"
            r"|(?P<busy>all CUDA-capable devices are busy or unavailable"
            r"|CUDA-capable device\(s\) is/are busy or unavailable|CUDA_ERROR_DEVICE_UNAVAILABLE)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "CUDA could not start on the GPU: its memory is taken, or another process holds it"
            " (a GPU in exclusive-process compute mode)"
        ),
        fix=(
            "Check nvidia-smi for other processes on the GPU and stop them; the program's own"
            " workers count too (MPI ranks, Ray actors, data-loader processes each opening a"
            " session): give each its GPU, or let each allocate on demand (memory growth, or"
            " gpu_options.per_process_gpu_memory_fraction in TF 1.x). If its compute mode is"
            " Exclusive_Process, only one process may use it (an administrator can set"
            " 'nvidia-smi -c DEFAULT'). In a virtual machine with an NVIDIA vGPU, an unlicensed"
            " vGPU answers the same: 'nvidia-smi -q | grep -i -A2 license' shows its state."
        ),
        source="https://docs.nvidia.com/cuda/cuda-runtime-api/group__CUDART__TYPES.html",
        variants=(
            # the guest's own nvidia-smi saying its vGPU is unlicensed: CUDA is restricted
            Variant(
                finding_id="gpu-out-of-memory",
                title=(
                    "CUDA could not start on the GPU: this virtual machine's vGPU is unlicensed,"
                    " and an unlicensed vGPU restricts CUDA"
                ),
                fix=(
                    "License the vGPU: point the guest's licensing client at the license server"
                    " (NVIDIA License System's client configuration token, or gridd.conf's"
                    " ServerAddress), restart nvidia-gridd, and check that 'nvidia-smi -q | grep"
                    " -i license' says Licensed; then start TensorFlow again."
                ),
                source="https://docs.nvidia.com/license-system/latest/",
                with_signatures=frozenset({"vgpu-unlicensed"}),
            ),
        ),
    ),
    Signature(
        # 'nvidia-smi -q' in a vGPU guest: its licence state (a line of facts, read with the
        # failure it explains)
        name="vgpu-unlicensed",
        needles=("Unlicensed",),
        pattern=compiled(r"License Status[ \t]{0,40}: Unlicensed\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="This virtual machine's vGPU is unlicensed",
        fix="",
        source="https://docs.nvidia.com/license-system/latest/",
    ),
    Signature(
        name="cudnn-handle",
        # (the convolution message cut before its 'cuDNN failed to initialize' still counts)
        needles=(
            "cudnn handle",
            "cuDNN failed to initialize",
            "could not create a handle",
            "Failed to get convolution",
        ),
        # 'execution plan': the cuDNN frontend path's wording (TF 2.5, 2.6)
        # 'could not create' in TF <= 1.11, 'Could not' after; the Status the op returns.
        pattern=compiled(
            r"(?:[Cc]ould not create cudnn handle|cudnn library could not create a handle):"
            # (the status name only: lines run together in a paste glue the next timestamp on)
            r" (?P<status>CUDNN_STATUS_[A-Z_]{1,40})"
            r"|(?P<conv>Failed to get convolution (?:algorithm|execution plan))"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="cuDNN could not start ({status}{conv}): usually the GPU memory is already taken",
        fix=(
            CUDNN_START_FIX + ", and clear CUDA's compute cache ('rm -rf ~/.nv', with sudo when"
            " an earlier sudo run left it owned by root; on Windows the folder"
            " %APPDATA%\\NVIDIA\\ComputeCache)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45423",
        explained_by=frozenset({"cudnn-version-mismatch", "cudnn-not-found"}),
    ),
    Signature(
        # cuDNN's start-up status alone on a line, as an issue's title or a reporter quotes it
        # ('CUDNN_STATUS_INTERNAL_ERROR', tensorflow#27144; pythonlessons' YOLOv3#107): the
        # same failure as the handle's, read as its usual cause, a warning for the little it
        # shows. Settled threads with INTERNAL_ERROR or ALLOC_FAILED before 2.4 were memory in
        # 14 of 17 (survey 28); NOT_INITIALIZED split evenly among four causes, so it is not
        # read, nor a status inside another line (a failing call's, PyTorch's) unless the
        # reporter quoted it there in Markdown's backticks, which no program prints
        # (xuannianz/EfficientDet#177, fixed by memory growth).
        name="cudnn-status-named",
        needles=("CUDNN_STATUS_",),
        pattern=compiled(
            r"^[ \t>#*`'\"-]*CUDNN_STATUS_(?P<status>INTERNAL_ERROR|ALLOC_FAILED)[ \t`'\".]*$"
            r"|`CUDNN_STATUS_(?P<quoted>INTERNAL_ERROR|ALLOC_FAILED) ?`"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "cuDNN could not start (CUDNN_STATUS_{status}{quoted}): usually the GPU memory is"
            " already taken"
        ),
        fix=CUDNN_START_FIX + ". The lines around this status say more: paste the whole log.",
        source="https://github.com/tensorflow/tensorflow/issues/45423",
        explained_by=frozenset({"cudnn-version-mismatch", "cudnn-not-found"}),
    ),
    Signature(
        # TF 2.3 and later, when every cuDNN convolution algorithm fails to run: most often it
        # could not get the workspace memory it needs (another process, or no memory growth).
        name="no-algorithm-worked",
        needles=("No algorithm worked",),
        pattern=compiled(r"No algorithm worked!?"),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "cuDNN found no convolution algorithm that runs (No algorithm worked): usually the"
            " GPU memory is already taken"
        ),
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true, or"
            " tf.config.experimental.set_memory_growth) and stop other GPU processes; if that"
            " does not help, check that the loaded cuDNN matches this TensorFlow."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45068",
        explained_by=frozenset(
            {"cudnn-version-mismatch", "cudnn-not-found", "compute-capability-unsupported"}
        ),
    ),
    Signature(
        # A kernel stopped by the display's watchdog: Linux's X server and Windows' TDR end a
        # kernel that holds a GPU driving a display for more than a few seconds (pointwise#9:
        # CUDA_ERROR_LAUNCH_TIMEOUT on a laptop's only GPU). Memory is not the cause.
        name="gpu-kernel-watchdog",
        needles=("LAUNCH_TIMEOUT", "the launch timed out and was terminated"),
        pattern=compiled(
            TENSORFLOWS_ERROR_RECORD
            + r"(?P<status>CUDA_ERROR_LAUNCH_TIMEOUT|the launch timed out and was terminated)"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=WATCHDOG_TITLE,
        fix=WATCHDOG_FIX,
        source=WATCHDOG_SOURCE,
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # A kernel TensorFlow launched faulted while it ran. Only in TensorFlow's own records
        # (its source paths: JAX's XLA, Caffe2 and PyTorch word their faults the same), or its
        # event manager's poll ('Unexpected Event status: 1' follows any failed poll, CUDA's
        # shutdown at exit too: not read). Settled threads: a batch or input too large for the
        # work, a GPU newer than the build (which ranks first where the facts show it), a bug of
        # one CUDA, cuDNN or TensorFlow release fixed by a newer one (tensorflow#46405,
        # keras-ocr#62), and on Windows the display driver's timeout (TDR), which CUDA reports
        # as LAUNCH_FAILED (tensorflow#45987).
        name="gpu-kernel-fault",
        needles=(
            "ILLEGAL_ADDRESS",
            "illegal memory access",
            "MISALIGNED_ADDRESS",
            "LAUNCH_FAILED",
            "unspecified launch failure",
            "CUDNN_STATUS_EXECUTION_FAILED",
            "LAUNCH_OUT_OF_RESOURCES",
            "too many resources requested for launch",
            "ILLEGAL_INSTRUCTION",
            "an illegal instruction was encountered",
        ),
        pattern=compiled(
            TENSORFLOWS_ERROR_RECORD
            + r"(?P<status>CUDA_ERROR_ILLEGAL_ADDRESS|CUDA_ERROR_MISALIGNED_ADDRESS"
            r"|CUDA_ERROR_LAUNCH_FAILED"
            r"|an illegal memory access was encountered|unspecified launch failure"
            r"|CUDNN_STATUS_EXECUTION_FAILED"
            # a kernel that ran an instruction the GPU refused (tensorflow#17747: a
            # tf.contrib.image op on Windows)
            r"|CUDA_ERROR_ILLEGAL_INSTRUCTION|an illegal instruction was encountered"
            # a kernel asking for more registers or threads than the GPU has (Jetson's small
            # GPUs: Mask_RCNN#171, fixed by a smaller model)
            r"|CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES|too many resources requested for launch)"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title="A GPU kernel failed while it ran ({status}), so the work on the GPU stopped",
        fix=(
            "Try a smaller batch or input first (and memory growth,"
            " TF_FORCE_GPU_ALLOW_GROWTH=true). If that does not help: a GPU newer than the CUDA"
            " this TensorFlow was built with needs a newer TensorFlow ('tfgpu-setup plan' picks"
            " one); otherwise update the NVIDIA driver and use the newest TensorFlow with the"
            " CUDA and cuDNN it was built with. On Windows a long kernel that the display"
            " driver's timeout (TDR) stopped fails with LAUNCH_FAILED: raise TdrDelay, or run on"
            " a GPU without a display (LAUNCH_TIMEOUT is the same watchdog elsewhere). A"
            " project's own CUDA op failing is the project's bug: report it there. Failures at"
            " random steps, or on one card only, point at the card: test its memory (cuda_memtest)"
            " and check 'dmesg | grep -i xid', its temperature and its power."
        ),
        source="https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__TYPES.html",
        # what the log shows besides is the likelier reason the kernel failed
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # The same status pasted alone, as TensorFlow's stream executor words it (the driver
        # API's name, then its text: 'CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was
        # encountered', DeepFaceLab#5198, fixed by a new driver). Other frameworks prefix it
        # (PyTorch's 'CUDA error:', CuPy's and Numba's exception names, JAX's
        # XlaRuntimeError): only the bare line, at its start, is read, and as a warning.
        name="gpu-kernel-fault-bare",
        needles=("CUDA_ERROR_",),
        pattern=compiled(
            r"^[ \t]*(?P<status>CUDA_ERROR_(?:ILLEGAL_ADDRESS|MISALIGNED_ADDRESS|LAUNCH_FAILED"
            r"|ILLEGAL_INSTRUCTION|LAUNCH_OUT_OF_RESOURCES)): [a-z][^\n]{5,80}$",
            re.MULTILINE,
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.WARNING,
        title="A GPU kernel failed while it ran ({status}), so the work on the GPU stopped",
        fix=(
            "Update the NVIDIA driver first, then try a smaller batch or input (and memory"
            " growth, TF_FORCE_GPU_ALLOW_GROWTH=true); a GPU newer than the CUDA this"
            " TensorFlow was built with needs a newer TensorFlow ('tfgpu-setup plan' picks one)."
            " Failures at random steps, or on one card only, point at the card: test its memory"
            " and check 'dmesg | grep -i xid' (Linux), its temperature and its power."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/5198",
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # The watchdog's status pasted alone, in the same words: the display's driver stopped
        # a long kernel (the watchdog reading's cause, as a warning: a quote says neither who
        # printed it nor where it ran).
        name="gpu-kernel-watchdog-bare",
        needles=("CUDA_ERROR_LAUNCH_TIMEOUT", "cudaErrorLaunchTimeout"),
        pattern=compiled(
            r"^[ \t]*(?P<status>CUDA_ERROR_LAUNCH_TIMEOUT): [a-z][^\n]{5,80}$"
            # the runtime API's name, as CuPy's, Numba's and PyTorch's errors print it
            r"|\b(?P<runtime>cudaErrorLaunchTimeout): the launch timed out and was terminated",
            re.MULTILINE,
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.WARNING,
        title=WATCHDOG_TITLE.replace("{status}", "{status}{runtime}"),
        fix=WATCHDOG_FIX,
        source=WATCHDOG_SOURCE,
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # A GPU kernel TensorFlow 1.x could not launch, in its own words ('Failed launching
        # MaxPoolForwardNoMask', maxpooling_op_gpu.cu.cc): the op was on the GPU, its launch
        # failed (tensorflow#9737).
        name="gpu-kernel-launch-failed",
        needles=("Failed launching ",),
        pattern=compiled(
            r"\bInternal(?:Error)?\b[^\n]{0,60}?: Failed launching (?P<kernel>[A-Z]\w{1,60})"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title="TensorFlow could not launch its GPU kernel {kernel}, so the work on the GPU stopped",
        fix=(
            "Check that this TensorFlow has kernels for the GPU ('tfgpu-setup plan --gpu NAME'),"
            " that no other process holds the GPU (nvidia-smi), and try a smaller batch; if it"
            " persists, update the NVIDIA driver and use a newer TensorFlow with the CUDA it was"
            " built with."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/9737",
        subject="{kernel}",
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # The kernel driver's record of a GPU fault (an Xid) in dmesg or the journal: 13, 31
        # and 43 a program's kernel faulting (tinygrad#6947: Xid 31, an MMU fault of python),
        # 45 the cleanup after one, 48, 63, 64, 92, 94 and 95 memory errors. Xid 79 (off the
        # bus) is gpu-fallen-off-the-bus's; the others (119, a firmware timeout) are not read.
        name="nvrm-xid",
        needles=("NVRM: Xid",),
        pattern=compiled(
            # only the Xids of a program's fault and of memory errors, and not one the driver
            # records for another program ('name=chrome', 'name=Xorg')
            r"NVRM: Xid \([^)\n]{0,40}\): (?P<xid>13|31|43|45|48|63|64|92|94|95)\b"
            r"(?![^\n]{0,80}?name=(?!python|tensorflow|'?<unknown>)[^,\s]{1,60})"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.WARNING,
        title="The NVIDIA driver recorded a GPU fault (Xid {xid}) while a program ran",
        fix=(
            "Look Xid {xid} up in NVIDIA's Xid catalogue: 13, 31 and 43 are a program's GPU"
            " kernel faulting (an illegal address: that program's or library's bug, or work too"
            " large for it), 45 follows another fault, 48, 63, 64, 92, 94 and 95 are the GPU's"
            " memory (ECC) failing: reset the GPU, and have it checked if they come back."
            " 'dmesg | grep -i xid' lists them with the process each hit."
        ),
        source="https://docs.nvidia.com/deploy/xid-errors/index.html",
        subject="{xid}",
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # The GPU's memory found an error its ECC could not correct (CUDA_ERROR_ECC_UNCORRECTABLE,
        # 214): a hardware fault, whoever's call reports it; the GPU stays unusable until it is
        # reset (DeepFaceLab_Linux#89, fixed by the hardware, not the setup).
        name="gpu-ecc-uncorrectable",
        needles=("ECC_UNCORRECTABLE", "uncorrectable ECC error"),
        pattern=compiled(r"CUDA_ERROR_ECC_UNCORRECTABLE|uncorrectable ECC error encountered"),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "The GPU's memory reported an uncorrectable ECC error: a hardware fault, not a"
            " problem of the driver, CUDA or TensorFlow setup"
        ),
        fix=(
            "Reset the GPU (reboot, or 'nvidia-smi -r' with nothing running on it), then check"
            " 'nvidia-smi -q -d ECC' for the error counts and 'dmesg | grep -i xid' for Xid 48"
            " (double-bit ECC). If it comes back, the card is failing: have it replaced (a"
            " data-center GPU may first retire the page or remap the row on reset)."
        ),
        source="https://docs.nvidia.com/deploy/xid-errors/index.html",
    ),
    Signature(
        # gpu_util.cc when copying a result back from the GPU fails: work ran there and an
        # earlier kernel (or the memory it needed) failed; the copy reports it (NiftyNet#445,
        # tensorflow#2117). Other lines of the log usually name what failed first.
        name="gpu-memcpy-failed",
        needles=("Memcpy failed",),
        pattern=compiled(r"\b(?P<direction>GPU->CPU|CPU->GPU|GPU->GPU) Memcpy failed"),
        finding_id="gpu-kernel-failed",
        severity=Severity.WARNING,
        title=(
            "TensorFlow ran work on the GPU, and copying its data ({direction}) failed: what"
            " failed first (a kernel, or memory on the GPU or the host) is in the lines before"
        ),
        fix=(
            "Look above this line for what failed first (out of memory, a cuDNN or cuBLAS"
            " error, an illegal memory access). If nothing says: try a smaller batch and memory"
            " growth (TF_FORCE_GPU_ALLOW_GROWTH=true), then the newest TensorFlow with the CUDA"
            " and cuDNN it was built with."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/core/common_runtime/"
            "gpu/gpu_util.cc"
        ),
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # conv_ops.cc (TF 1.x) when a cuDNN convolution fails to launch; DeepLabCut's maintainers
        # made memory growth its default for it ("Not using this causes cudnn errors"):
        # https://github.com/DeepLabCut/DeepLabCut/pull/458
        name="cudnn-launch-failure",
        needles=("cuDNN launch failure",),
        pattern=compiled(r"cuDNN launch failure : input shape ?\(\[[\d,]{1,80}\]\)"),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "A cuDNN call (a convolution, a batch norm) failed to launch on the GPU: usually"
            " cuDNN could not get the workspace memory it needs"
        ),
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true, or allow_growth in the"
            " session config), use smaller inputs or batches, and stop other GPU processes; if"
            " that does not help, check that the loaded cuDNN matches this TensorFlow."
        ),
        source="https://github.com/DeepLabCut/DeepLabCut/pull/458",
        explained_by=frozenset({"cudnn-version-mismatch", "cudnn-not-found"}),
    ),
    Signature(
        # cudnn_rnn_ops.cc when cuDNN's RNN call fails on the stream (CudnnRNN, Keras's cuDNN
        # LSTM/GRU): the GPU is in use. The fixes people record are a smaller batch and memory
        # growth, a cuDNN matching the build, and for TF 1.15's cuDNN RNN bug
        # TF_CUDNN_RESET_RND_GEN_STATE=1 (DeepSpeech#3088).
        name="cudnn-rnn-call-failed",
        needles=("Failed to call ThenRnn",),
        pattern=compiled(r"Failed to call ThenRnn(?P<pass>Forward|Backward)\b"),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "cuDNN's recurrent layer failed on the GPU (ThenRnn{pass}): usually the batch does"
            " not fit in the GPU's memory"
        ),
        fix=(
            "Use a smaller batch (or shorter sequences) and memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true); check that the loaded cuDNN is the one this"
            " TensorFlow was built with. Where cuDNN also says CUDNN_STATUS_BAD_PARAM, a masked"
            " sequence is empty or not right-padded (cuDNN's RNN needs right-padded masks). If it"
            " still fails, set TF_CUDNN_RESET_RND_GEN_STATE=1 (a cuDNN RNN bug of TensorFlow"
            " 1.15 and early 2.x) or run the layer without cuDNN."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/core/kernels/"
            "cudnn_rnn_ops.cc"
        ),
        explained_by=frozenset({"cudnn-version-mismatch", "cudnn-not-found"}),
    ),
    Signature(
        # cuDNN refusing the sequence lengths of a masked RNN batch (cudnnSetRNNDataDescriptor,
        # the CudnnRNNV3 op Keras's LSTM/GRU run on the GPU): a sequence masked out entirely,
        # or a mask that is not right-padded. Masking was it in 5 of 5 settled threads
        # (tensorflow#33069, #33148, #43103, #40982, #36139): the GPU runs, the input does not
        # suit cuDNN.
        name="cudnn-rnn-masked-input",
        needles=("cudnnSetRNNDataDescriptor",),
        # (the status, CUDNN_STATUS_BAD_PARAM, ends the line above: the call names the failure)
        pattern=compiled(r"cuda_dnn\.cc\(\d{1,6}\): '?cudnnSetRNNDataDescriptor\("),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "cuDNN refused a masked RNN batch (cudnnSetRNNDataDescriptor failed): the GPU is"
            " used, the mask does not suit cuDNN"
        ),
        fix=(
            "cuDNN's LSTM/GRU needs right-padded masks and no sequence masked out entirely: pad"
            " at the end (padding='post'), drop all-padding rows, or run the layer without cuDNN"
            " (an argument that rules cuDNN out, such as recurrent_dropout > 0, or a layer on"
            " the CPU)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/33069",
    ),
    Signature(
        # cuMemHostAlloc failing: page-locked *host* memory, not the GPU's (HostAllocate in
        # cuda_driver.cc). WSL 2 limits pinned memory well below the machine's RAM.
        name="pinned-host-memory-exhausted",
        needles=("bytes on host", "could not allocate pinned host memory"),
        pattern=compiled(
            # (a Jetson's driver says CUDA_ERROR_UNKNOWN for the same)
            r"failed to alloc \d{1,20} bytes on host: CUDA_ERROR_(?:OUT_OF_MEMORY|UNKNOWN)"
            r"|could not allocate pinned host memory of size: \d{1,20}"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "Pinned (page-locked) host memory ran out, not the GPU's: CUDA could not lock system"
            " memory for transfers"
        ),
        fix=(
            "Use smaller input batches and prefetch buffers; on WSL 2, which limits pinned memory,"
            " give the WSL VM more memory (.wslconfig) or run natively on Linux. For a large"
            " request, memory growth settings do not change this."
        ),
        source="https://docs.nvidia.com/cuda/wsl-user-guide/index.html#known-limitations-for-linux-cuda-apps",
        subject="host-memory",
    ),
    Signature(
        name="cuda-out-of-memory",
        needles=("OUT_OF_MEMORY",),
        pattern=compiled(
            r"failed to allocate (?P<size>[\d.]{1,32}[KMGT]?i?B?)[^:]{0,255}:"
            r" CUDA_ERROR_OUT_OF_MEMORY"
            r"|(?<!bytes on host: )CUDA_ERROR_OUT_OF_MEMORY"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title="A GPU memory allocation failed (CUDA_ERROR_OUT_OF_MEMORY)",
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true), stop other processes using the"
            " GPU (nvidia-smi), or reduce the batch size."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/30912",
    ),
    Signature(
        # The same allocator failure in a ROCm build (tensorflow-rocm on an AMD GPU): HIP's
        # hipErrorMemoryAllocation, 1002 before HIP renumbered it (ROCm/tensorflow-upstream#82,
        # memory another process held)
        name="rocm-out-of-memory",
        needles=(
            "hipError_t(1002)",
            "hipErrorOutOfMemory",
            "hipErrorMemoryAllocation",
            "HIP_ERROR_OutOfMemory",
        ),
        pattern=compiled(
            r"failed to allocate (?P<size>[\d.]{1,32}[KMGT]?i?B?)[^:]{0,255}:"
            # (TensorFlow's own name for it in later ROCm builds: review 98)
            r" (?:hipError_t\(1002\)|HIP_ERROR_OutOfMemory)"
            r"|\bhipError(?:OutOfMemory|MemoryAllocation)\b"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title="A GPU memory allocation failed (ROCm's HIP answered out of memory)",
        fix=(
            "Enable memory growth (TF_FORCE_GPU_ALLOW_GROWTH=true), stop other processes using the"
            " GPU ('rocm-smi --showpids' lists them), or reduce the batch size."
        ),
        source="https://github.com/ROCm/tensorflow-upstream/issues/82",
    ),
    Signature(
        # The shell's word for a process ended by SIGKILL ('Killed', glued to a progress bar
        # when the kernel killed it mid-line, or a job line), and the kernel's own: on a
        # training run, the out-of-memory killer taking it when the machine's RAM (or a
        # container's or WSL 2's memory limit) ran out. 8 of 8 settled threads were that
        # (nmt-chatbot#91; 2 of them a Docker memory limit); never the GPU's memory.
        name="host-oom-killed",
        needles=(
            "Killed",
            "killed",
            "oom-kill",
            "oom_kill",
            "Out of memory: Kill",
            "out of memory: Kill",
            "memory limit",
            "Out Of Memory",
            "job killed: mem",
            "TERM_MEMLIMIT",
            "OUT_OF_ME",
            "systemd-oomd",
            "low on resource: memory",
            "SIGKILL",
            "code 137",
        ),
        pattern=compiled(
            r"^[ \t]*Killed[ \t]*$|(?<=\d)Killed[ \t]*$"
            r"|: line \d{1,6}: +\d{1,10} Killed +\S|^zsh: killed +\S"
            r"|\binvoked oom-killer\b|\bOut of memory: Kill(?:ed)? process \d"
            # a container's or a job's memory limit: Kubernetes, the memory cgroup, Slurm
            r"|\bOOMKilled\b|Memory cgroup out of memory: Kill|Detected \d{1,6} oom[-_ ]kill"
            r" event"
            # Slurm's own words for a job over its memory, and the kernel's record of a kill
            r"|(?:Job|[Ss]tep) \d[\d.]{0,20} exceeded (?:job )?memory limit|Exceeded (?:job|step)"
            r" memory limit|^srun: error: [^\n]{1,200}: task \d{1,6}: Out Of"
            r" Memory|\boom-kill:constraint="
            # PBS's, LSF's and Slurm's accounting (sacct cuts the state to OUT_OF_ME+), systemd's
            # own OOM daemon, Kubernetes evicting a pod from a node short of memory
            r"|PBS: job killed: mem \d{1,20}\w{0,3} exceeded limit|\bTERM_MEMLIMIT\b"
            r"|\bOUT_OF_ME(?:MORY\b|\+)|systemd-oomd\[\d{1,10}\]: Killed\b"
            # (the journal's prefix, which the reader sets aside, names systemd-oomd)
            r"|^Killed \S{1,300} due to memory pressure\b"
            r"|The node was low on resource: memory"
            # an IDE's, fish's and Docker's words for a process SIGKILL ended
            r"|^[ \t]*Process finished with exit code 137\b|terminated by signal SIGKILL\b"
            r"|\bexited with code 137\b|\bExited \(137\)",
            re.MULTILINE,
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "The process was killed, most likely by the kernel's out-of-memory killer: the"
            " host's memory (RAM) ran out, not the GPU's"
        ),
        subject="host",
        fix=(
            "Confirm with 'dmesg | grep -i -e oom -e killed'. Then load less at once (stream"
            " the data with tf.data instead of holding it whole), use smaller batches or fewer"
            " data workers, add RAM or swap, or raise the limit that applies: 'docker run"
            " --memory', the job's memory request, WSL 2's memory in .wslconfig."
        ),
        source="https://github.com/daniel-kukiela/nmt-chatbot/issues/91",
    ),
    Signature(
        # The same failure where the allocator that ran out is the host's: a tensor placed on
        # the CPU (input pipelines, a model too big to place on the GPU), not the GPU's memory.
        name="host-oom-when-allocating",
        needles=("OOM when allocating",),
        pattern=compiled(
            # the device right after the tensor it names (a later '/device:CPU:0' on a line
            # flattened from a TF 1.x graph is another op's)
            r"OOM when allocating tensor(?: with shape ?\[[\d, ]{0,80}\])?(?: and type \w{1,20})?"
            r" on /job:[\w/:]{0,120}?/device:CPU:\d"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "The host's memory ran out (the tensor was on the CPU, not the GPU): the work does"
            " not fit in RAM"
        ),
        fix=(
            "Reduce the batch size or the data held in memory at once (stream it with tf.data"
            " instead of loading it whole), or run on a machine with more RAM; GPU settings do"
            " not help here."
        ),
        source="https://github.com/tensorflow/models/issues/1993",
    ),
    Signature(
        # TensorFlow's host allocators running out: pinned host memory (gpu_host_bfc) and the
        # CPU's (mklcpu, cpu): the machine's RAM, not the GPU's memory (review 47)
        name="host-allocator-out-of-memory",
        needles=("ran out of memory", "BFCAllocator dump for"),
        pattern=compiled(
            r"Allocator \((?P<allocator>gpu_host_bfc|cuda_host_bfc|mklcpu|cpu)\) ran out of memory"
            r"(?![^\n]{0,300}this is not a failure)"
            r"|BFCAllocator dump for (?P<dumped>gpu_host_bfc|cuda_host_bfc|mklcpu|cpu)\b"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "The host's memory ran out (TensorFlow's {allocator}{dumped} allocator), not the GPU's"
        ),
        fix=(
            "Use smaller batches and input buffers (tf.data prefetch, shuffle and cache sizes),"
            " fewer data workers, or more RAM; on WSL 2, which limits pinned memory, give the VM"
            " more memory (.wslconfig). GPU memory settings do not change this."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v2.15.0/tensorflow/core/common_runtime/bfc_allocator.cc",
        subject="host-memory",
    ),
    Signature(
        # The allocator's dump of its chunks, which BFCAllocator writes only when an allocation
        # failed (its DumpMemoryLog): a paste that kept only the dump's tail (tensorflow#45779).
        # The dump names no allocator: a host allocator's header elsewhere in the log explains it.
        name="bfc-allocator-dump",
        needles=("in-use chunks", "total_region_allocated_bytes_"),
        pattern=compiled(
            r"bfc_allocator\.cc:\d{1,5}\] (?:Sum Total of in-use chunks"
            # the dump's summary of the region, as a paste cut before its chunks keeps it
            r"|total_region_allocated_bytes_: \d+ memory_limit_: \d+ available bytes: \d+)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "TensorFlow's allocator dumped its memory map, which it does when an allocation"
            " failed: the memory of the device the work ran on ran out"
        ),
        fix=GPU_MEMORY_FIX
        + " The line above the dump names the allocator: gpu_host_bfc or mklcpu is the host's RAM.",
        source="https://github.com/tensorflow/tensorflow/issues/45779",
        explained_by=frozenset({"gpu-out-of-memory"}),
    ),
    Signature(
        # The allocation that failed creates a variable (TF 1.x's initializer node, a Const or
        # Assign; eager 2.x's random or zeros op behind a weight initializer): no batch exists
        # yet, so the memory is held already, most often by another process or notebook kernel
        # (UnFlow#32: 'some process occupied my memory'; keras-retinanet#1324)
        name="oom-while-creating-variables",
        needles=("OOM when allocating",),
        pattern=compiled(
            r"OOM when allocating tensor[^\n]{0,300}\n?[^\n]{0,200}?"
            r"(?:\[\[\{?\{?[Nn]ode:? [\w/]{0,300}?(?:/Initializer/|/Assign\b|/read\b)"
            r"|\[\[\{?\{?[Nn]ode:? [\w/]{1,300} = (?:Const|Assign|VariableV2|VarHandleOp)\["
            # (Keras 3's initializers run the stateless ops)
            r"|\[Op:(?:RandomStandardNormal|RandomUniform|TruncatedNormal|Fill|Zeros"
            r"|AssignVariableOp|Stateless(?:RandomUniform|RandomNormal|TruncatedNormal)\w{0,12})\])"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=OOM_CREATING_VARIABLES,
        fix=(
            "Run nvidia-smi and stop what holds the GPU's memory (another script, a Jupyter"
            " kernel, TensorBoard, a stuck process; restart the notebook kernel); a smaller batch"
            " does not help here. Where nothing else holds it, the model's variables are too"
            " large for this GPU: a smaller model, or a GPU with more memory."
        ),
        source="https://github.com/simonmeister/UnFlow/issues/32",
        spans_lines=1,
    ),
    Signature(
        name="tf-oom-when-allocating",
        needles=(
            "OOM when allocating",
            "ran out of memory trying to allocate",
            # TF 1.0's bfc_allocator began the sentence with it (tf-faster-rcnn#7)
            "Ran out of memory trying to allocate",
            "report_tensor_allocations_upon_oom",
            "Dst tensor is not initialized",
            "Out of memory while trying to allocate",
        ),
        pattern=compiled(
            r"OOM when allocating tensor(?: with shape\s?\[?(?P<shape>[\d,\s]{0,80})\]?)?"
            # (not the host's allocators: host-allocator-out-of-memory)
            r"|(?<!_host_bfc\) )(?<!\(mklcpu\) )(?<!\(cpu\) )[Rr]an out of memory trying to"
            r" allocate (?P<size>[\d.]+\s?[KMGT]?i?B)"
            r"(?!(?:[^\n]|\n(?![ \t]*\n)){0,200}this is not a failure)"
            r"|(?P<hint>report_tensor_allocations_upon_oom)"
            r"|(?P<dst>Dst tensor is not initialized)"
            # XLA-compiled code (jit_compile, Keras 3) asking TF's allocator for a buffer
            r"|Out of memory while trying to allocate \d+ bytes"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=GPU_MEMORY_RAN_OUT,
        fix=GPU_MEMORY_FIX,
        source="https://github.com/deezer/spleeter/issues/162",
        variants=(
            Variant(
                # TensorFlow's own suggestion under its allocator's failure: fragmentation,
                # which memory growth does not mend (loghi#55: the asynchronous allocator did)
                finding_id="gpu-out-of-memory",
                title=GPU_MEMORY_RAN_OUT,
                fix=(
                    "TensorFlow itself suggests its asynchronous allocator here: set"
                    " TF_GPU_ALLOCATOR=cuda_malloc_async (in Docker: --env"
                    " TF_GPU_ALLOCATOR=cuda_malloc_async), which fragments the GPU's memory"
                    " less. " + GPU_MEMORY_FIX
                ),
                source="https://www.tensorflow.org/guide/gpu",
                with_signatures=frozenset({ALLOCATOR_HINT}),
            ),
        ),
    ),
    Signature(
        # The allocator's own hint under its failure (TF 2.5 on): read beside the failure only
        name=ALLOCATOR_HINT,
        needles=("TF_GPU_ALLOCATOR=cuda_malloc_async' will improve",),
        pattern=compiled(
            r"If the cause is memory fragmentation maybe the environment variable"
            r" 'TF_GPU_ALLOCATOR=cuda_malloc_async' will improve the situation"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow suggests its asynchronous allocator (TF_GPU_ALLOCATOR=cuda_malloc_async)",
        fix="",
        source="https://www.tensorflow.org/guide/gpu",
    ),
    Signature(
        # StreamExecutor's words for the same, from TensorFlow's own tree (tensorflow#51575: a
        # GPU test over its per-process limit); XLA's 'Failed to allocate request for' is
        # left unread: JAX prints it, and pastes of it are JAX's (review 54)
        name="xla-allocator-out-of-memory",
        needles=("within provided limit",),
        pattern=compiled(
            r"(?<![\w/])tensorflow/[\w/.]{0,120}\.cc:\d{1,5}\] Not enough memory to allocate"
            r" \d{1,15} on device \d{1,3} within provided limit"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=GPU_MEMORY_RAN_OUT,
        fix=GPU_MEMORY_FIX,
        source="https://github.com/tensorflow/tensorflow/pull/51575",
    ),
    Signature(
        # TF 2.x's eager op failing its allocation, in its short form: it names no device, and
        # the CPU's allocator says the same (hotosm/fAIr#68: several gunicorn workers on one
        # GPU each holding its memory).
        name="eager-allocation-failed",
        needles=("failed to allocate memory",),
        pattern=compiled(
            r"failed to allocate memory \[Op:\w{1,80}\]"
            r"|ResourceExhaustedError:? failed to allocate memory\b"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "An operation could not allocate its memory (TensorFlow's short form names no"
            " device: the GPU's where the work runs there)"
        ),
        fix=(
            "Reduce the batch size (or the input size), enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so TensorFlow does not hold all memory, and stop"
            " other processes on the GPU (nvidia-smi): a server's workers each load their own"
            " copy. On the CPU, the same words mean the host's RAM ran out."
        ),
        source="https://github.com/hotosm/fAIr/issues/68",
    ),
    Signature(
        # The exception alone, its message cut from the paste (a notebook's header line
        # 'ResourceExhaustedError   Traceback (most recent call last)', or the class with no
        # message of its own; IndicoDataSolutions/finetune#339). TensorFlow raises it when an
        # allocation fails; it names no device, so it says nothing of which.
        name=EXHAUSTED_UNSAID,
        needles=("ResourceExhaustedError",),
        pattern=compiled(
            # pytest's 'E   ' prefix; nothing after the colon but TF 2.9+'s 'Graph execution
            # error:' (a message of its own, a full disk or too many open files, is not memory)
            r"^(?:E {1,8})?\s{0,8}(?:[\w.]{1,80}\.)?ResourceExhaustedError"
            r"(?::\s{0,8}(?:Graph execution error:?\s{0,8})?$|\s{2,}Traceback \(most recent)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "TensorFlow raised ResourceExhaustedError: an allocation failed (the GPU's memory"
            " where the work runs there)"
        ),
        fix=(
            "Reduce the batch size (or the input or model size), enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so TensorFlow does not hold all memory, and stop"
            " other processes on the GPU (nvidia-smi). The error's full message names the"
            " device and the tensor: on the CPU it means the host's RAM ran out."
        ),
        source="https://github.com/IndicoDataSolutions/finetune/issues/339",
    ),
    Signature(
        # The GPU BFC allocator's garbage collection (TF_ENABLE_GPU_GARBAGE_COLLECTION): only an
        # allocator of GPU memory that is allocating says it, close to running out.
        name="gpu-allocator-garbage-collection",
        needles=("Garbage collection: deallocate free memory regions",),
        pattern=compiled(r"Garbage collection: deallocate free memory regions"),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "TensorFlow runs on the GPU close to the end of its memory: the allocator frees"
            " cached regions to avoid running out"
        ),
        fix=(
            "Reduce the batch size (or the input or model size), stop other processes that use"
            " the GPU (nvidia-smi), or run on a GPU with more memory."
        ),
        source="https://github.com/modelscope/facechain/issues/90",
        proves_gpu=True,
    ),
    Signature(
        name="device-config-after-init",
        needles=("cannot be modified after being initialized",),
        pattern=compiled(
            r"(?P<what>Visible|Physical|Virtual|Logical) devices cannot be modified after being"
            r" initialized"
        ),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title="{what} devices were configured after TensorFlow had initialised the GPUs",
        fix=(
            "Call tf.config.set_visible_devices / set_memory_growth /"
            " set_logical_device_configuration before anything touches the GPU (creating a"
            " tensor, building a model), or set"
            " CUDA_VISIBLE_DEVICES before the process starts. In subprocesses (data loaders,"
            " multiprocessing), configure the devices at the start of each worker."
        ),
        source="https://github.com/huggingface/datasets/issues/6948",
    ),
    Signature(
        # set_memory_growth refused for a GPU already given virtual devices (a memory limit):
        # the two settings exclude each other (review 121: often a setup called twice)
        name="memory-growth-with-virtual-devices",
        needles=("Cannot set memory growth on device when virtual",),
        pattern=compiled(r"Cannot set memory growth on device when virtual devices configured"),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title=(
            "Memory growth was asked for a GPU already split into virtual devices (a memory"
            " limit): TensorFlow refused it"
        ),
        fix=(
            "Choose one: tf.config.experimental.set_memory_growth, or"
            " tf.config.set_logical_device_configuration with a memory_limit; and configure the"
            " GPU once, before anything touches it (a setup function called twice does this)."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/python/eager/context.py",
    ),
    Signature(
        name="threading-config-after-init",
        needles=("parallelism cannot be modified after initialization",),
        pattern=compiled(
            r"(?P<what>Intra|Inter) op parallelism cannot be modified after initialization"
        ),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title="TensorFlow's {what} op thread count was set after TensorFlow had started",
        fix=(
            "Call tf.config.threading.set_intra_op_parallelism_threads /"
            " set_inter_op_parallelism_threads first, before anything creates a tensor or model."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/python/eager/context.py",
    ),
    Signature(
        # context.py: memory growth must be the same on every visible GPU.
        name="memory-growth-differs",
        needles=("Memory growth cannot differ between GPU devices",),
        pattern=compiled(r"Memory growth cannot differ between GPU devices"),
        finding_id="device-config-after-init",
        severity=Severity.ERROR,
        title="Memory growth was set on some of the visible GPUs but not all",
        fix=(
            "Set memory growth on every GPU tf.config.list_physical_devices('GPU') lists (a loop"
            " before anything touches the GPU), or set TF_FORCE_GPU_ALLOW_GROWTH=true; or make"
            " only the GPUs you configure visible (CUDA_VISIBLE_DEVICES)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/python/eager/"
            "context.py"
        ),
    ),
    Signature(
        # gpu_device.cc: a logical (virtual) device configuration given for some visible GPUs
        # and not others (TensorFlow 2.10: tensorflow#57641), or one naming more GPUs than
        # TensorFlow can use (addons#1171: two virtual-device lists, one GPU visible)
        name="virtual-devices-uneven",
        needles=("Device ordinals must be set", "Not enough GPUs to create virtual devices"),
        pattern=compiled(
            r"Device ordinals must be set for all virtual devices or none"
            r"|Not enough GPUs to create virtual devices"
        ),
        finding_id="device-config-after-init",
        severity=Severity.ERROR,
        title=(
            "The logical (virtual) device configuration does not fit the GPUs TensorFlow can"
            " use: given for some of them and not all, or for more GPUs than are visible"
        ),
        fix=(
            "Give every GPU tf.config.list_physical_devices('GPU') returns its own"
            " tf.config.set_logical_device_configuration (or none of them), before anything"
            " touches the GPU; to configure only some, first make only those visible"
            " (tf.config.set_visible_devices(gpus[:1], 'GPU'), or CUDA_VISIBLE_DEVICES), which"
            " also lowers the count the configuration must match."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/57641",
        # (with no GPU TensorFlow can use at all, 'num_gpus_to_use: 0': a consequence of why)
        explained_by=DRIVER_ROOTS
        | {"compute-capability-unsupported", "small-gpu-skipped", "cuda-libs-not-found"},
    ),
    Signature(
        # One process, sessions with different visible_device_list (Horovod's local rank set
        # after a first session, set_visible_devices after start): gpu_id_manager.cc says so,
        # or the first session's CUDA context is gone when TensorFlow switches to it
        # (cuCtxSetCurrent: CUDA_ERROR_DEINITIALIZED, 4).
        name="visible-device-list-changed",
        needles=("is being mapped to multiple", "cuCtxSetCurrent"),
        pattern=compiled(
            r"TensorFlow device \(GPU:\d+\) is being mapped to multiple"
            r"|Check failed: CUDA_SUCCESS == cuCtxSetCurrent\([^)\n]{0,80}\)\) \(0 vs\. 4\)"
        ),
        finding_id="device-config-after-init",
        severity=Severity.ERROR,
        title=(
            "Two GPU configurations (visible_device_list) in one process: TensorFlow fixes it"
            " with the first session"
        ),
        fix=(
            "Give every session in the process the same visible_device_list (with Horovod, set"
            " it before the first session or model), or choose the GPU with CUDA_VISIBLE_DEVICES"
            " before the process starts."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/39775",
    ),
    Signature(
        # A process forked after CUDA started (multiprocessing's default on Linux) inherits a
        # CUDA it cannot use: cuInit never ran in it. GpuDriver::Init caches its result for the
        # process and a failed cuInit returns before the device count, so only such a child
        # gets a NOT_INITIALIZED count without a cuInit failure before it.
        name="context-after-fork",
        needles=(
            "Failed setting context",
            "Failed to get device properties, error code: 3",
            "failed to enqueue async memcpy",
            "ailed call to cu",
        ),
        pattern=compiled(
            r"Failed setting context: (?:INTERNAL: (?:: )?)?CUDA_ERROR_NOT_INITIALIZED"
            # TF 2.18 on: XLA's driver wrapper names the call that failed (cuDeviceGet); only
            # cuInit's own failure is the driver's
            r"|[Ff]ailed call to cu(?!Init\b)\w{1,40}: CUDA_ERROR_NOT_INITIALIZED"
            # TF 1.x: cudaGetDeviceProperties' cudaErrorInitializationError (3), and a copy
            # queued from a context the child cannot use
            r"|Failed to get device properties, error code: 3\b"
            r"|failed to enqueue async memcpy[^\n]{0,200}?: CUDA_ERROR_NOT_INITIALIZED"
        ),
        finding_id="device-config-after-init",
        severity=Severity.ERROR,
        title="A process forked after CUDA had started in its parent cannot use the GPU",
        fix=FORK_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/57877",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # The CUDA runtime's cudaErrorInitializationError (3) in the words a framework or a
        # service's own code prints it: outside a failed driver (whose cuInit says so), a
        # worker forked after its parent started CUDA gets it (gunicorn's preload, Celery's
        # prefork pool, multiprocessing; seldon-core#3314).
        name="cuda-initialization-error",
        needles=("initialization error", "cudaErrorInitializationError"),
        pattern=compiled(
            r"CUDA error:? \(?3\)?:? initialization error|\bcudaErrorInitializationError\b"
        ),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title=(
            "CUDA could not start in this process (initialization error, 3): most often a worker"
            " forked after its parent had started CUDA (a server's preloaded app, a process pool)"
        ),
        fix=FORK_FIX
        + " Under gunicorn, load the model in each worker (no --preload); under Celery, use the"
        " solo or threads pool, or the spawn start method.",
        source="https://github.com/SeldonIO/seldon-core/issues/3314",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # The same child only counting devices: it goes on without the GPU, which the parent
        # still has, and pipelines whose CPU stages fork print it while the GPU stage runs
        # (DeepVariant's FAQ: it 'should not affect GPU usage', deepvariant#960).
        name="device-count-after-fork",
        needles=("could not retrieve CUDA device count",),
        # (XLA's newer status wording: 'INTERNAL: : CUDA_ERROR_NOT_INITIALIZED')
        pattern=compiled(
            r"could not retrieve CUDA device count: (?:INTERNAL: (?:: )?)?"
            r"CUDA_ERROR_NOT_INITIALIZED"
        ),
        finding_id="device-config-after-init",
        severity=Severity.WARNING,
        title=(
            "A process forked after CUDA had started in its parent found no GPU: it runs on the"
            " CPU, the parent keeps the GPU"
        ),
        fix=(
            "Harmless where only workers that need no GPU print it (data loading, a pipeline's"
            " CPU stages). Where a worker should use the GPU: " + FORK_FIX
        ),
        source="https://github.com/google/deepvariant/issues/960",
        explained_by=DRIVER_ROOTS,
        needs_no_gpu=True,
    ),
    Signature(
        # TF 1.14 to 2.x on Windows laptops, mostly: reading a device attribute fails with
        # CUDA_ERROR_UNKNOWN while another process or session holds the GPU; it often passes on
        # a second run. Users retype it without the error name ("Failed to get device attribute
        # 13 for device 0", tensorflow#36423's title).
        name="device-attribute-unknown-error",
        needles=("ailed to get device attribute",),
        pattern=compiled(
            r"[Ff]ailed to get device attribute \d{1,3} for device \d{1,2}"
            r"(?:: CUDA_ERROR_UNKNOWN|[ \t.]*$)"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "CUDA could not read the GPU's attributes (CUDA_ERROR_UNKNOWN): most often another"
            " process or session holds the GPU"
        ),
        fix=(
            "Close other sessions and notebooks using the GPU (nvidia-smi lists them), enable"
            " memory growth (tf.config.experimental.set_memory_growth), and run again."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/36423",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # cuCtxSetCurrent answering CUDA_ERROR_CONTEXT_ALREADY_IN_USE (216): the GPU's compute
        # mode is EXCLUSIVE_THREAD (or PROHIBITED), which StreamExecutor cannot work with.
        name="ctx-already-in-use",
        needles=("cuCtxSetCurrent",),
        pattern=compiled(r"cuCtxSetCurrent\([^)\n]{0,80}\)\)? \(0 vs\. 216\)"),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title=(
            "The GPU's compute mode lets only one thread use it (EXCLUSIVE_THREAD or PROHIBITED):"
            " TensorFlow cannot"
        ),
        fix=COMPUTE_MODE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/526",
    ),
    Signature(
        # nvidia-smi's table showing that compute mode in its Compute M. column (tensorflow#1088,
        # settled in #526): TensorFlow's contexts cannot share such a GPU
        name="smi-exclusive-thread-mode",
        needles=("E. Thread", "Prohibited"),
        pattern=compiled(r"\b\d{1,3}%[ \t]+(?:E\. Thread|Prohibited)[ \t]*\|"),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "nvidia-smi shows the GPU in a compute mode that lets only one thread use it"
            " (EXCLUSIVE_THREAD or PROHIBITED): TensorFlow cannot work with it"
        ),
        fix=COMPUTE_MODE_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/526",
    ),
    # --- An op with no GPU kernel: the GPU works, the op cannot run on it. ---
    Signature(
        # The placer's words when the device asked for exists but the op has no kernel for it
        # (colocation_graph.cc; with no such device it says 'no devices matching that
        # specification are registered'): the GPU works, soft placement is off. TF 2's eager
        # words list the op's device types and the devices there are: a GPU among these and not
        # among those (developer.apple.com/forums/thread/759438, tensorflow-metal).
        name="no-gpu-kernel-for-pinned-op",
        # (tensorflow-directml, the TF 1.15 fork, names its GPU devices DML)
        needles=(
            "because no supported kernel for GPU devices is available",
            "because no supported kernel for DML devices is available",
            "enable_soft_placement=0. Supported device types [",
        ),
        pattern=compiled(
            r"Could not satisfy explicit device specification"
            r" '[^'\n]{0,120}?(?<![\w])(?P<kind>GPU|DML)(?::\d+)?'"
            r" because no supported kernel for (?P=kind) devices is available"
            r"|Could not satisfy device specification"
            r" '[^'\n]{0,120}?(?<![\w])(?P<eager>GPU|DML)(?::\d+)?'\."
            r" enable_soft_placement=0\. Supported device types"
            r" \[(?![^\]\n]{0,100}(?P=eager))[^\]\n]{0,100}\]\."
            r" All available devices \[[^\]\n]{0,600}?device:(?P=eager):\d"
        ),
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title=(
            "TensorFlow has a GPU, but an op pinned to it has no GPU kernel and soft placement"
            " is off"
        ),
        fix=(
            "Allow soft placement so such ops run on the CPU"
            " (tf.config.set_soft_device_placement(True); in TF 1.x"
            " ConfigProto(allow_soft_placement=True)), or pin them to '/cpu:0'."
        ),
        source="https://github.com/tensorflow/models/issues/2811",
        proves_gpu=True,
    ),
    Signature(
        # With op determinism on (tf.config.experimental.enable_op_determinism(), or
        # TF_DETERMINISTIC_OPS=1), an op whose GPU kernel is not deterministic refuses to run:
        # the GPU works, this op cannot run on it deterministically (tensorflow#51596,
        # #54276, #47174, #69417).
        name="no-deterministic-gpu-kernel",
        needles=(
            "eterministic GPU implementation",
            "do not yet have a deterministic",
        ),
        pattern=compiled(
            r"[Dd]eterministic GPU implementation of (?P<op>[^\n.]{1,100}?) (?:is )?not"
            r" (?:currently )?available"
            r"|GPU (?P<pool>MaxPool gradient) ops do not yet have a deterministic"
        ),
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title=(
            "Op determinism is on, and {op}{pool} has no deterministic GPU implementation in this"
            " TensorFlow"
        ),
        fix=(
            "Turn op determinism off for this model (unset TF_DETERMINISTIC_OPS, drop"
            " tf.config.experimental.enable_op_determinism()), run that op on the CPU (with"
            " tf.device('/cpu:0')), or use a newer TensorFlow, which added deterministic GPU"
            " kernels for more ops."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/51596",
        subject="{op}{pool}",
        proves_gpu=True,
    ),
    Signature(
        # XLA refusing to compile a graph for the GPU (jit_compile=True, which Keras 3 sets by
        # default) because an op in it has no XLA GPU kernel: the GPU works, XLA cannot take
        # that op (keras-team/keras-core#611: CudnnRNN).
        name="xla-gpu-unsupported-ops",
        needles=("on XLA_GPU_JIT:",),
        pattern=compiled(
            r"Detected unsupported operations when trying to compile graph [^\n]{0,300}? on"
            r" XLA_GPU_JIT: (?P<ops>\w{1,80}(?:, \w{1,80}){0,5})"
        ),
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title="XLA cannot compile {ops} for the GPU, so the compiled function fails there",
        fix=(
            "Turn XLA off for this model: jit_compile=False in model.compile (Keras 3 turns it on"
            " by default) or in tf.function, or move that op out of the compiled function."
        ),
        source="https://github.com/keras-team/keras-core/issues/611",
        subject="{ops}",
    ),
    Signature(
        # TF 0.x and 1.x placer's words when a node without a GPU kernel must stay with nodes
        # pinned to a GPU (a variable and its sparse update: google/prettytensor#1,
        # Lab41/attalos#40): the GPU was asked for, the op cannot follow, soft placement is off.
        name="colocated-op-without-gpu-kernel",
        needles=("colocated with a group of nodes that required incompatible device",),
        pattern=compiled(
            r"colocated with a group of nodes that required incompatible device"
            r" '[^'\n]{0,120}?(?<![\w])GPU(?::\d+)?'"
            # not where the process has no GPU: the devices TensorFlow 1.15 lists after it, or
            # the colocation's debug info giving a variable only the CPU (a GPU build's
            # variables run on its GPU too)
            r"(?!'?\.?[ \t]{0,4}All available devices \[(?:(?!(?<![\w])GPU:)[^\]\n]){0,3000}\])"
            r"(?![^\x00]{0,4000}?(?<![\w])(?:VariableV2|VarHandleOp): CPU(?: XLA_CPU)?"
            r"(?![ \t]{0,4}(?:XLA_CPU[ \t]{1,4})?GPU))"
        ),
        spans_lines=6,
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title=(
            "An op without a GPU kernel must stay with ops pinned to the GPU (colocation), and"
            " soft placement is off"
        ),
        fix=(
            "Allow soft placement so such ops run on the CPU (in TF 1.x"
            " ConfigProto(allow_soft_placement=True); tf.config.set_soft_device_placement(True)),"
            " or pin the variable and its update to '/cpu:0' (sparse updates of an embedding"
            " such as SparseApplyAdagrad had no GPU kernel in early releases)."
        ),
        source="https://github.com/google/prettytensor/issues/1",
    ),
    Signature(
        # The kernel lookup's words for a node already placed on a GPU device: the op has no GPU
        # kernel for these attributes (int64 indices, say). The GPU works (tensorflow#31696).
        name="no-gpu-kernel-registered",
        needles=("OpKernel for GPU devices", "OpKernel for 'GPU' devices"),
        pattern=compiled(
            # not grappler's note of the same (graph_view.cc): it places such an op on the CPU
            # and the step goes on (bert4keras#375, the maintainer: ignore it)
            r"^(?![^\n]{0,300}grappler/utils/graph_view\.cc)[^\n]{0,2000}?"
            r"No registered '(?P<op>\w{1,80})' OpKernel for '?GPU'? devices compatible with node"
        ),
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title=(
            "TensorFlow has a GPU, but the op {op} has no GPU kernel for these inputs (a type or"
            " attribute its GPU kernels do not take)"
        ),
        fix=(
            "Run the op on the CPU (with tf.device('/cpu:0')), give it inputs of a type its GPU"
            " kernel takes, or allow soft placement (tf.config.set_soft_device_placement(True))."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/31696",
        proves_gpu=True,
    ),
    Signature(
        # An op with a GPU kernel that refuses these attributes at run time, in the executor's
        # words: 'Depthwise max pooling is currently only implemented for CPU devices'
        # (tensorflow#636). The node was placed on the GPU, so the GPU works.
        name="op-implemented-only-for-cpu",
        needles=("only implemented for CPU devices",),
        pattern=compiled(
            r"(?:^|: ?|\}\} )(?P<what>[A-Z][^\n:]{0,120}?) (?:is|are) (?:currently )?only"
            r" implemented for CPU devices"
        ),
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title="TensorFlow has a GPU, but this op runs only on the CPU: {what}",
        fix=(
            "Place that op on the CPU (with tf.device('/cpu:0')) or change its attributes to a"
            " form the GPU kernel takes (for pooling: pool over height and width, not depth)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/636",
        proves_gpu=True,
    ),
    Signature(
        # The kernel lookup's words for an op that has no kernel for these attributes on any
        # device registered, a GPU among them (bfloat16 convolutions before GPUs had them:
        # tensorflow/tpu#100, tensorflow#47362). NCCL's ops are the next signature's.
        name="no-kernel-for-these-attrs-gpu-registered",
        needles=("No OpKernel was registered to support Op",),
        pattern=compiled(
            r"No OpKernel was registered to support Op '(?P<op>(?!Nccl)\w{1,80})'[^\n]{0,400}?"
            r"\n?[^\n]{0,400}?Registered devices: \[(?=[^\]\n]{0,200}?(?<![\w])GPU\b)"
            # not an op with no kernel at all: a custom op whose library was not loaded
            # (tensorflow_text's CaseFoldUTF8 before 'import tensorflow_text')
            r"(?![^\x00]{0,1500}?<no registered kernels>)"
        ),
        spans_lines=3,
        finding_id="op-without-gpu-kernel",
        severity=Severity.WARNING,
        title=(
            "TensorFlow has a GPU, but the op {op} has no kernel for these inputs (a type or"
            " attribute none of its kernels take)"
        ),
        fix=(
            "Give {op} inputs of a type its kernels take (the 'Registered kernels' list below"
            " the error shows them: bfloat16 convolutions need a newer TensorFlow or XLA), or"
            " cast them first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/47362",
        subject="{op}",
        proves_gpu=True,
    ),
    Signature(
        # MirroredStrategy's default all-reduce is NCCL's, which this build lacks: TensorFlow's
        # Windows builds never have NCCL (tensorflow#21470). The strategy put it on the GPUs,
        # which work; another all-reduce runs (tensorflow#44281, confirmed).
        name="nccl-ops-not-built",
        needles=("to support Op 'Nccl",),
        # with a GPU among the devices it names, on this line or the next: with none, the op
        # was asked of a TensorFlow that has no GPU, which other lines explain
        pattern=compiled(
            r"No OpKernel was registered to support Op '(?P<op>Nccl\w{1,40})'[^\n]{0,400}?\n?"
            r"[^\n]{0,400}?Registered devices: \[(?=[^\]\n]{0,200}?(?<![\w_])GPU\b)"
        ),
        spans_lines=1,
        finding_id="op-without-gpu-kernel",
        severity=Severity.ERROR,
        title=(
            "TensorFlow has the GPUs, but this build has no NCCL for the multi-GPU all-reduce"
            " ({op}): TensorFlow's Windows builds never have it, nor a build made without it"
        ),
        fix=(
            "Give the strategy an all-reduce without NCCL: tf.distribute.MirroredStrategy("
            "cross_device_ops=tf.distribute.HierarchicalCopyAllReduce()) (or"
            " ReductionToOneDevice()); on Linux, TensorFlow's pip wheels include NCCL."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/21470",
        proves_gpu=True,
        # the missing kernel ends the training step on the GPUs it found
        at_work=True,
    ),
    Signature(
        # The same missing NCCL op in TensorFlow 1.12 and older's words ('Op type not registered
        # 'NcclAllReduce' in binary running on HOST', tensorflow#21470 on Windows). On Linux
        # 1.x registers tf.contrib's NCCL ops only once tf.contrib.nccl is imported.
        name="nccl-op-not-registered",
        needles=("Op type not registered 'Nccl",),
        pattern=compiled(r"Op type not registered '(?P<op>Nccl\w{1,40})' in binary"),
        finding_id="op-without-gpu-kernel",
        severity=Severity.ERROR,
        title=(
            "This TensorFlow has no NCCL op ({op}) for the multi-GPU all-reduce: Windows builds"
            " never have it; on Linux, 1.x registers tf.contrib's NCCL ops only once imported"
        ),
        fix=(
            "Give the strategy an all-reduce without NCCL: tf.distribute.MirroredStrategy("
            "cross_device_ops=tf.distribute.HierarchicalCopyAllReduce()) (in 1.x,"
            " tf.contrib.distribute.MirroredStrategy(cross_tower_ops=...AllReduceCrossTowerOps("
            "'hierarchical_copy'))); on Linux with TensorFlow 1.x, 'import tensorflow.contrib.nccl'"
            " before the graph is built or loaded registers the op."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/21470",
        at_work=True,
    ),
    Signature(
        # NCCL naming the CUDA error behind its failure: the GPU's memory ran out while NCCL
        # set up its buffers (NCCL_DEBUG=WARN's 'Cuda failure', PyTorch's 'Last error:')
        name="nccl-cuda-out-of-memory",
        needles=("Cuda failure 'out of memory'",),
        pattern=compiled(r"Cuda failure 'out of memory'"),
        finding_id="gpu-out-of-memory",
        severity=Severity.ERROR,
        title="NCCL could not allocate its buffers: the GPU's memory ran out",
        fix=GPU_MEMORY_FIX,
        source="https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/troubleshooting.html",
    ),
    Signature(
        # TensorRT's own cuDNN failing to start inside a TensorFlow process: TensorFlow took
        # the GPU's memory first, and the engine build fell back to TensorFlow's kernels
        # (tensorflow#53730: memory growth let the engines build)
        name="tensorrt-cudnn-could-not-start",
        needles=("Cudnn Error in initializeCommonContext",),
        pattern=compiled(
            r"Cudnn Error in initializeCommonContext: \d{1,3} \(Could not initialize cudnn"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "TensorRT's cuDNN could not start in the GPU memory TensorFlow left it, so TF-TRT"
            " runs those segments with TensorFlow's kernels"
        ),
        fix=(
            "Let TensorFlow take the GPU's memory as it needs it (TF_FORCE_GPU_ALLOW_GROWTH=true,"
            " or tf.config.experimental.set_memory_growth before anything runs), or cap its"
            " share (a memory limit on a logical device), so TensorRT has room to build its"
            " engines."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/53730",
        subject="tf-trt",
        proves_gpu=True,
    ),
    Signature(
        # NCCL's shared-memory transport between the GPUs of one machine makes its segments
        # in /dev/shm, which Docker gives a container only 64 MB of by default: the all-reduce
        # then fails with 'unhandled system error' (NCCL's troubleshooting guide, 'Docker').
        name="nccl-shared-memory-too-small",
        needles=("shared memory segment", "posix_fallocate failed"),
        pattern=compiled(
            r"NCCL WARN (?:Error while creating shared memory segment|Call to posix_fallocate"
            r" failed)"
        ),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "NCCL, which the multi-GPU all-reduce uses, could not create its shared memory in"
            " /dev/shm: a container's (64 MB in Docker unless set) is too small"
        ),
        fix=(
            "'df -h /dev/shm' shows how full it is: segments killed jobs left behind"
            " (/dev/shm/nccl-*) fill it too, and removing them frees it. Otherwise give the"
            " container more shared memory: 'docker run --shm-size=1g --ulimit memlock=-1 ...'"
            " (or --ipc=host; in Kubernetes, an emptyDir with medium: Memory mounted at"
            " /dev/shm). NCCL_SHM_DISABLE=1 makes NCCL use other transports instead."
        ),
        source="https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/troubleshooting.html",
    ),
    Signature(
        # NCCL's InfiniBand transport failing to create its queue pairs: the memory it pins is
        # over the process's locked-memory limit (a job's 'ulimit -l' of 64 KB, NVIDIA/pyxis#60
        # for tensorflow#51760; NCCL's troubleshooting guide, 'InfiniBand')
        name="nccl-ib-queue-pair-failed",
        needles=("ibv_create_qp failed",),
        pattern=compiled(r"NCCL WARN Call to ibv_create_qp failed"),
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "NCCL, which the multi-GPU all-reduce uses, could not set up InfiniBand"
            " (ibv_create_qp failed): usually the locked-memory limit is too low"
        ),
        fix=(
            "Raise the locked-memory limit for the job: 'ulimit -l unlimited' (in a container,"
            " 'docker run --ulimit memlock=-1'; under Slurm, the limit the job inherits from"
            " slurmd, which PropagateResourceLimits or the node's limits.conf set), then run"
            " again; NCCL_IB_DISABLE=1 makes NCCL use sockets instead."
        ),
        source="https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/troubleshooting.html",
    ),
    Signature(
        # NCCL's own words for a CUDA call that failed inside it (ncclUnhandledCudaError), and
        # its warning when one GPU cannot map another's memory: the GPUs work, their direct
        # (peer-to-peer) transfers do not, as in VMs, some containers and PCIe switches with
        # ACS on (NCCL's troubleshooting guide; NVIDIA/nccl#199).
        name="nccl-cuda-failure",
        needles=("unhandled cuda error", "failed to open CUDA IPC handle"),
        pattern=compiled(r"(?P<what>unhandled cuda error|failed to open CUDA IPC handle)"),
        # (NCCL's 'Cuda failure' line, where the log has it, names the CUDA error itself: the
        # driver's or the memory's signatures read it, and rank above this)
        finding_id="gpu-kernel-failed",
        severity=Severity.ERROR,
        title=(
            "NCCL, which the multi-GPU all-reduce uses, failed on a CUDA call between the GPUs"
            " ({what}): the GPUs work, their direct transfers do not"
        ),
        fix=(
            "Rerun with NCCL_DEBUG=INFO to see which transfer fails; try NCCL_P2P_DISABLE=1"
            " (NCCL then copies through host memory). On bare metal, disable ACS on the PCIe"
            " switches (or IOMMU translation) as NCCL's troubleshooting guide says; in a VM peer"
            " access is often not offered at all. Or give the strategy another all-reduce:"
            " MirroredStrategy(cross_device_ops=tf.distribute.HierarchicalCopyAllReduce())."
        ),
        source="https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/troubleshooting.html",
        demoted_by=LIKELIER_THAN_A_FAULT,
    ),
    Signature(
        # TensorFlow makes its GPU device with the memory that is free when it starts: a few
        # MB means other processes hold the rest (another replica on a shared GPU, a notebook
        # still running; kubeflow/trainer#1158), or on a Jetson that the RAM it shares is used
        # up (tensorflow#45422). Metal's device says 0 MB and is not this.
        name="gpu-device-with-little-memory",
        needles=("MB memory",),
        pattern=compiled(
            r"Creat(?:ed|ing) (?:TensorFlow )?device \(?(?:/job:[^/\s]{1,80}/replica:\d+/task:\d+)?"
            r"/(?:device:GPU|gpu):\d{1,3} with (?P<mb>[1-9]\d?|1\d\d|2[0-4]\d|25[0-5]) MB memory"
        ),
        finding_id="gpu-out-of-memory",
        severity=Severity.WARNING,
        title=(
            "TensorFlow got only {mb} MB of the GPU's memory: other processes hold the rest (or, on"
            " a Jetson, the RAM it shares with the CPU is used up)"
        ),
        fix=(
            "See what holds the GPU's memory (nvidia-smi's process table; on a Jetson, tegrastats"
            " and free -m) and stop it: another training run, a notebook kernel still open, other"
            " replicas scheduled on the same GPU. Then enable memory growth"
            " (TF_FORCE_GPU_ALLOW_GROWTH=true) so several processes can share it."
        ),
        source="https://github.com/kubeflow/trainer/issues/1158",
        proves_gpu=True,
        explained_by=frozenset({"gpu-out-of-memory"}),
    ),
)
