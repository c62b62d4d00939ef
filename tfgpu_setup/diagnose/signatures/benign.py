"""Signatures: harmless lines that look alarming, and positive evidence of what works."""

from __future__ import annotations

import re

from ...findings import Severity
from .model import (
    BENIGN,
    DLOPEN_NEEDLES,
    PTXAS_MISREAD,
    TF_TRT_FIX,
    TF_TRT_SOURCE,
    Signature,
    Variant,
    compiled,
)

_DEPRECATION_BETWEEN = (
    r"(?:\r?\n(?:WARNING:tensorflow:[^\n]{0,300}|Instructions for updating:[^\n]{0,100}"
    r"|Use `tf\.config\.list_physical_devices\('GPU'\)` instead\.[^\n]{0,40})){0,3}"
)
"""What TensorFlow 2.x prints between is_gpu_available() and its answer: the deprecation
warning, 'Instructions for updating:' and the replacement to use."""

ADDON_WARNING_TITLE = (
    "Harmless for the GPU: an add-on package (TensorFlow Addons, tensorflow-io) warns"
    " that it was built for another TensorFlow release"
)

JAX_ON_THE_CPU = (
    "Harmless for TensorFlow: JAX runs on the CPU (its line says nothing of TensorFlow)"
)
JAX_CUDA_BUILD_FIX = (
    "Nothing to do for TensorFlow. For JAX on the GPU, install its CUDA build (pip install"
    " 'jax[cuda12]') in its own environment or beside a TensorFlow of the same CUDA major."
)
CUINIT_FAILURES = frozenset(
    {
        "cuinit-unknown",
        "cuinit-driver-init",
        "cuinit-no-device",
        "cuinit-invalid-device",
        "cuinit-system-not-ready",
        "cuinit-stub-library",
        "cuinit-driver-mismatch",
    }
)
"""Signatures of cuInit failing: a CUDA build that could not start the driver."""
BENIGN_LINES: tuple[Signature, ...] = (
    # --- Harmless lines that look alarming. They must never raise an alarm on their own. ---
    Signature(
        # WSL mounts its driver libraries as files; ldconfig (run by apt and pip hooks) says so.
        name="wsl-libcuda-not-a-symlink",
        needles=("is not a symbolic link",),
        # (or the message quoted without its folder: WSL#5548's own title)
        pattern=compiled(
            r"(?:/usr/lib/wsl/lib/\S+|(?<![/\w.-])libcuda\.so(?:\.1)?) is not a symbolic link"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: ldconfig notes that WSL's driver libraries are files, not symbolic links",
        fix="Nothing to do: libcuda.so.1 in /usr/lib/wsl/lib is WSL's, and it loads as it is.",
        source="https://github.com/microsoft/WSL/issues/5548",
        subject="wsl-ldconfig",
    ),
    Signature(
        name="ptxas-version-misread",
        needles=("You are using ptxas",),
        pattern=compiled(r"You are using ptxas (?=" + PTXAS_MISREAD + r")(?P<ptxas>[\d.]{1,12})"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: TensorFlow 1.12 compared ptxas versions wrongly; this ptxas ({ptxas}) is"
            " newer than the one it asks for"
        ),
        fix="Nothing to do (TensorFlow 1.13 fixed the comparison).",
        source="https://github.com/tensorflow/tensorflow/issues/23874",
        subject="ptxas-misread",
    ),
    Signature(
        name="allow-growth-from-environment",
        needles=("TF_FORCE_GPU_ALLOW_GROWTH",),
        pattern=compiled(
            r"Overriding (?:orig_value|allow_growth) setting because the TF_FORCE_GPU_ALLOW_GROWTH"
            r" environment variable is set"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TF_FORCE_GPU_ALLOW_GROWTH makes TensorFlow take GPU memory as needed",
        fix="Nothing to do.",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.15.0/tensorflow/core/common_runtime/"
            "gpu/gpu_bfc_allocator.cc"
        ),
        subject="allow-growth",
    ),
    Signature(
        name="numa-node-negative",
        needles=("NUMA",),
        pattern=compiled(r"successful NUMA node read from SysFS had negative value"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the kernel does not report the GPU's NUMA node, TensorFlow uses node 0",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/58428",
        subject="numa",
    ),
    Signature(
        name="numa-node-unreadable",
        needles=("NUMA",),
        pattern=compiled(
            r"could not open file to read NUMA node|Your kernel may have been built without NUMA"
            r" support|Could not identify NUMA node"
            # TF 1.x on a Mac or an arm64 board (Jetson): the platform has no NUMA at all
            r"|(?:OS X|ARM64) does not support NUMA - returning NUMA node zero"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: the GPU's NUMA node cannot be read (WSL2, macOS and Arm boards report none),"
            " TensorFlow uses node 0"
        ),
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/1563",
        subject="numa",
    ),
    Signature(
        # TensorFlow listing a GPU the driver enumerated, with its properties, before it loads
        # the CUDA libraries and creates a device (1.x, and 2.1 on: gpu_device.cc's
        # 'Found device 0 with properties:'): the driver works, the device is yet to come
        name="driver-listed-gpu",
        needles=("with properties",),
        pattern=compiled(
            r"gpu_(?:device|init)\.cc:\d{1,5}\] Found device (?P<index>\d{1,2}) with properties"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="The driver listed GPU {index} to TensorFlow",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/23773",
    ),
    Signature(
        # TensorFlow skips a GPU with fewer multiprocessors than the larger of 8 and the biggest
        # visible GPU's count: a small display card beside a compute GPU, which is still used.
        name="small-gpu-ignored",
        needles=("TF_MIN_GPU_MULTIPROCESSOR_COUNT",),
        pattern=compiled(
            # TF 0.x-1.x said 'Ignoring gpu device (...) with Cuda multiprocessor count: 2.'
            r"Ignoring (?:visible )?gpu device \((?P<device>[^)\n]{1,300})\) with (?:core"
            r"|Cuda multiprocessor) count: (?P<count>\d+)\. The minimum required count is"
            r" (?P<minimum>\d+)"
        ),
        finding_id="small-gpu-skipped",
        severity=Severity.INFO,
        title=(
            "TensorFlow skips a small GPU ({count} multiprocessors, fewer than {minimum}) beside"
            " a larger one, which it uses"
        ),
        fix=(
            "Nothing to do for the larger GPU; to use the small one too, set"
            " TF_MIN_GPU_MULTIPROCESSOR_COUNT={count}."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.12.0/tensorflow/core/"
            "common_runtime/gpu/gpu_device.cc"
        ),
        subject="small-gpu",
    ),
    Signature(
        # cuBLAS's own loader: a libcublasLt looks for an entry point the libcublas beside it is
        # too old to have (two CUDA 11 updates mixed, or another framework's cuBLAS first on
        # the path). cuBLAS carries on without it.
        name="cublas-symbol-missing",
        needles=("Could not load symbol cublas",),
        pattern=compiled(
            r"Could not load symbol (?P<symbol>cublas\w+) from"
            r" (?P<lib>(?:lib)?cublas[\w.-]*?(?:\.so[.\d]*|\.dll))"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: cuBLAS looked for {symbol} in an older {lib} loaded beside it, and"
            " carries on without it"
        ),
        fix=(
            "Nothing to do for TensorFlow; to silence it, load one cuBLAS (libcublas and"
            " libcublasLt of the same CUDA release, e.g. NVIDIA's wheel that"
            " 'tensorflow[and-cuda]' pins)."
        ),
        source="https://github.com/nanoporetech/medaka/issues/472",
        subject="cublas-symbol",
    ),
    Signature(
        # grappler/clusters/utils.cc (TF 1.x) asks for a GPU's properties to cost a graph and,
        # when its id map does not have the GPU, logs this and costs it as an unknown device.
        name="grappler-gpu-not-registered",
        needles=("was not registered",),
        pattern=compiled(r"Not found: TF GPU device with id \d+ was not registered"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: grappler could not look up a GPU's properties for its cost model; the"
            " graph still runs where it was placed"
        ),
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/14432",
        subject="grappler-gpu",
    ),
    Signature(
        name="grappler-layout-failed",
        needles=("layout failed",),
        pattern=compiled(
            r"layout failed: INVALID_ARGUMENT: Size of values \d+ does not match size of"
            r" permutation \d+"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: grappler's layout optimiser skipped a dropout node (TensorFlow 2.10 and"
            " later print it); the model runs as written"
        ),
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/58621",
        subject="layout",
    ),
    Signature(
        name="host-side-notes",
        needles=(
            "redzone checking",
            "CPU frequency",
            "of free system memory",
            "10% of system memory",
            "Failed to check cudnn convolutions for out-of-bounds",
        ),
        pattern=compiled(
            r"(?P<what>Failed to allocate memory for convolution redzone checking"
            # the checker's own kernel did not run; TF skips the check (gpu_utils.cc)
            r"|Failed to check cudnn convolutions for out-of-bounds reads and writes"
            r"(?=[^\n]{0,400}skipping this check))"
            r"|(?P<other>Failed to get CPU frequency: 0 Hz"
            # (TF 1.x said 'of system memory')
            r"|Allocation of \d+ exceeds 10% of (?:free )?system memory)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: {what}{other}",
        fix=(
            "Nothing to do for the GPU: a skipped cuDNN bounds check, a CPU clock the OS does not"
            " report, or a large allocation in host memory."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.12.0/tensorflow/core/kernels/"
            "gpu_utils.cc"
        ),
        subject="host",
    ),
    Signature(
        # TensorFlow 1.10 logs it for the option's default (0) on every GPU it sets up
        name="copy-streams-default",
        needles=("num_dev_to_dev_copy_streams",),
        pattern=compiled(
            r"Illegal GPUOptions\.experimental\.num_dev_to_dev_copy_streams=0 set to 1 instead"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TensorFlow 1.10 notes the default of an option it sets up each GPU with",
        fix="Nothing to do (later releases no longer log it).",
        source="https://github.com/tensorflow/tensorflow/issues/21406",
        subject="copy-streams",
    ),
    Signature(
        # tf.data's and the graph runtime's own notes, none about a device: the autotuner's
        # thread cancelled with its iterator (core/data/root_dataset.cc), a cache the pipeline
        # did not read to its end (tensorflow#56427), a graph started without its feeds, which
        # the line itself calls no error (tensorflow#61811), and MLIR's passes left off, their
        # default (compiler/mlir/mlir_graph_optimization_pass.cc)
        name="pipeline-notes",
        needles=(
            "Optimization loop failed",
            "did not fully read the dataset",
            "Executor start aborting",
            "None of the MLIR",
        ),
        pattern=compiled(
            r"(?P<what>Optimization loop failed: (?:CANCELLED|Cancelled): Operation was cancelled"
            r"|The calling iterator did not fully read the dataset being cached"
            r"|Executor start aborting \(this does not indicate an error"
            r"|None of the MLIR [Oo]ptimization [Pp]asses are enabled)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: {what}",
        fix=(
            "Nothing to do for the GPU: tf.data and the graph runtime note their own bookkeeping"
            " (a cancelled autotuner, a partly read cache, a graph started without its feeds,"
            " MLIR passes off by default)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.9.0/tensorflow/core/data/"
            "root_dataset.cc"
        ),
        subject="pipeline",
    ),
    Signature(
        # The executor names the device it ran a function on: a GPU device TensorFlow created
        # ('[/job:localhost/replica:0/task:0/device:GPU:0] (DEBUG INFO) Executor start aborting')
        name="executor-on-gpu",
        needles=("(DEBUG INFO) Executor",),
        pattern=compiled(
            r"\[/job:[\w/:.-]{0,120}?/device:GPU:(?P<index>\d{1,2})\] \(DEBUG INFO\) Executor"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow ran a function on GPU {index}",
        fix="",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.12.0/tensorflow/core/"
            "common_runtime/executor.cc"
        ),
        proves_gpu=True,
    ),
    Signature(
        name="factory-already-registered",
        needles=("register factory", "placer already"),
        pattern=compiled(
            r"Unable to register (?P<plugin>cuDNN|cuFFT|cuBLAS) factory: Attempting to register"
            r" factory for plugin|(?P<placer>computation placer already registered)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a CUDA plugin was registered twice at import",
        fix="Nothing to do: these lines are printed even when the GPU works.",
        source="https://github.com/tensorflow/tensorflow/issues/62075",
        subject="factory",
    ),
    Signature(
        # Add-on packages' own version warnings at import: TensorFlow Addons' range check and
        # tensorflow-io's file-system plugins built for another TensorFlow. Both go on; neither
        # touches the GPU (addons#2075: off by one, GPU in use; fast-stable-diffusion#1918).
        name="addon-version-warning",
        needles=(
            "Tensorflow Addons supports using Python ops",
            "unable to load libtensorflow_io",
            "file system plugins are not loaded",
            "compiled its custom ops against",
        ),
        pattern=compiled(
            r"UserWarning: Tensorflow Addons supports using Python ops for all"
            r" Tensorflow versions above or equal to"
            r"|UserWarning: unable to load (?P<plugin>libtensorflow_io_plugins\.so)"
            r"|UserWarning: file system plugins are not loaded"
            # its resource loader, before it loads a native op built for another release
            r"|(?P<custom_ops>TensorFlow Addons has compiled its custom ops against TensorFlow"
            r" \d[\w.-]{0,30}), and there are no compatibility guarantees"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=ADDON_WARNING_TITLE,
        fix=(
            "Nothing to do for the GPU. If the add-on's own ops fail, install the add-on release"
            " made for this TensorFlow (its compatibility table), or pin TensorFlow to its range."
        ),
        source="https://github.com/tensorflow/addons/issues/2075",
        subject="addon",
    ),
    Signature(
        # JAX's own device notices (kohya-colab#133: a CPU-only jaxlib beside a PyTorch
        # trainer on Colab): they say nothing of TensorFlow's GPU.
        name="jax-cpu-fallback",
        needles=("a CUDA-enabled jaxlib is not installed",),
        pattern=compiled(r"a CUDA-enabled jaxlib is not installed\. Falling back to cpu"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=JAX_ON_THE_CPU,
        fix=JAX_CUDA_BUILD_FIX,
        source="https://github.com/hollowstrawberry/kohya-colab/issues/133",
        subject="jax",
    ),
    Signature(
        # The same fallback in JAX's words where no GPU was found, whichever jaxlib: beside
        # cuInit failing (only a CUDA jaxlib calls it), the driver failure is why it fell
        # back, and no reinstall of JAX mends that (jaxsim#50)
        name="jax-no-gpu-found",
        needles=("No GPU/TPU found, falling back",),
        pattern=compiled(r"No GPU/TPU found, falling back to CPU"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=JAX_ON_THE_CPU,
        fix=JAX_CUDA_BUILD_FIX,
        source="https://github.com/hollowstrawberry/kohya-colab/issues/133",
        subject="jax",
        variants=(
            Variant(
                finding_id=BENIGN,
                title=(
                    "JAX fell back to the CPU because CUDA could not start (the cuInit line):"
                    " its CUDA build is installed"
                ),
                fix=(
                    "Nothing to reinstall for JAX: mend the driver failure the cuInit line"
                    " names, and JAX (and TensorFlow) then find the GPU."
                ),
                source="https://github.com/gbionics/jaxsim/issues/50",
                with_any_signature=CUINIT_FAILURES,
            ),
        ),
    ),
    Signature(
        name="tensorrt-missing",
        needles=("TensorRT", "dynamic library", "dlopen library"),
        pattern=compiled(
            r"TF-TRT Warning: (?:Could not find TensorRT|TensorRT is not installed)"
            # the message alone, as a paste keeps it
            r"|^[ \t>`*\"']{0,8}Could not find TensorRT\b"
            r"|Cannot dlopen some TensorRT libraries"
            r"|Could not (?:load dynamic|dlopen) library '(?P<lib>libnvinfer[^']*)'"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: TensorRT is not installed (it is optional; TensorFlow uses the GPU"
            " without it)"
        ),
        fix="Nothing to do unless you use TF-TRT.",
        source="https://github.com/tensorflow/tensorflow/issues/37689",
        subject="tensorrt",
        variants=(
            Variant(
                # Harmless until TF-TRT is called: then this is why it failed.
                finding_id="cuda-libs-not-found",
                severity=Severity.WARNING,
                title="TensorRT's libnvinfer could not be loaded, and TF-TRT was used",
                fix=TF_TRT_FIX,
                source=TF_TRT_SOURCE,
                with_signatures=frozenset({"tf-trt-without-tensorrt"}),
            ),
        ),
    ),
    Signature(
        name="allocator-not-a-failure",
        needles=("this is not a failure",),
        pattern=compiled(
            # (a paste that wrapped the line still holds one message; a blank line ends it)
            r"[Rr]an out of memory trying to allocate (?:[^\n]|\n(?![ \t]*\n)){0,200}"
            r"this is not a failure"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: the GPU allocator retried a large allocation; TensorFlow says this is not a"
            " failure"
        ),
        fix="Nothing to do while training runs; a smaller batch size avoids the retries.",
        source="https://github.com/tensorpack/tensorpack/issues/1303",
        subject="allocator",
    ),
    Signature(
        # TF 1.x's session log (and log_device_placement): read with the rest of the log in
        # evidence.py, since only the absence of any CUDA line makes it telling.
        name="device-mapping-empty",
        needles=("no known devices", "Device mapping:"),
        # or a mapping of CPU devices only (XLA's CPU device from 1.13 on), nothing after it
        pattern=compiled(
            r"Device mapping: no known devices"
            # (a paste may have joined its lines into the record above)
            r"|Device mapping:[ \t]*\n?(?:[> \t]*/job:\S{0,120}?/device:(?:XLA_)?CPU:\d+ ->"
            r" device: (?:XLA_)?CPU device[ \t]*(?:\n|$)?){1,3}(?![> \t]*/job:)"
        ),
        spans_lines=3,
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow registered no GPU device",
        fix="",
        source="https://github.com/google-deepmind/dnc/issues/5",
    ),
    Signature(
        name="cpu-feature-guard",
        needles=(
            "TensorFlow binary",
            "wasn't compiled to use",
            "could speed up CPU computations",
            "cpu_feature_guard.cc",
        ),
        pattern=compiled(
            r"This TensorFlow binary is optimized|CPU supports instructions that this"
            r" TensorFlow binary was not compiled to use|The TensorFlow library wasn't compiled to"
            # the old message's end, where a console cut its start (tensorflow#8853)
            r" use|available on your machine and could speed up CPU computations"
            # its source file in an information or warning record, where a console copy lost a
            # letter at each line cut ('Your CPU supports insructions', CycleGAN-TensorFlow#39);
            # the fatal record of a CPU without them is cpu-lacks-avx's
            r"|: [IW] [^\n]{0,300}?cpu_feature_guard\.cc:\d{1,5}\] "
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a note about CPU instructions (AVX, FMA); it says nothing about the GPU",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/60503",
        subject="cpu-feature-guard",
    ),
    Signature(
        name="onednn-notice",
        needles=("oneDNN custom operations are on",),
        pattern=compiled(r"oneDNN custom operations are on"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: oneDNN CPU optimisations are on (TF_ENABLE_ONEDNN_OPTS=0 turns them off)",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/66750",
        subject="onednn",
    ),
    Signature(
        # oneDNN's int64 kernels need AVX-512; without it TensorFlow takes Eigen's, at ERROR
        # level (keras-hub#2161: printed on an A100 host that trained on the GPU)
        name="onednn-int64-fallback",
        needles=("oneDNN supports DT_INT64 only",),
        pattern=compiled(r"oneDNN supports DT_INT64 only on platforms with AVX-512"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: this CPU has no AVX-512, so oneDNN's int64 kernels give way to Eigen's"
            " (a CPU note, whatever its E level; it says nothing about the GPU)"
        ),
        fix="Nothing to do.",
        source="https://github.com/keras-team/keras-hub/issues/2161",
        subject="onednn",
    ),
    Signature(
        name="absl-log-notice",
        needles=("before absl::InitializeLog() is called",),
        pattern=compiled(
            r"All log messages before absl::InitializeLog\(\) is called are written to STDERR"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a note about where early log lines go",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/97387",
        subject="absl",
    ),
    Signature(
        name="xla-devices-not-created",
        needles=("Not creating XLA devices",),
        pattern=compiled(r"Not creating XLA devices, tf_xla_enable_xla_devices not set"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the legacy XLA_GPU/XLA_CPU devices are off by default since 2.4",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/44683",
        subject="xla-devices",
    ),
    Signature(
        name="xla-notice",
        needles=(
            "TensorFloat-32",
            "Compiled cluster",
            "disabling MLIR crash reproducer",
            "Ignoring Assert operator",
            "will ignore seeds",
        ),
        # and the compilers' notes on any device: MLIR's crash reproducer switched off,
        # tf2xla dropping an Assert or a random op's seeds
        pattern=compiled(
            r"TensorFloat-32 will be used for the matrix multiplication|Compiled cluster using XLA"
            r"|disabling MLIR crash reproducer|Ignoring Assert operator"
            r"|will ignore seeds\b"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a one-time note from the GPU math or XLA compiler",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/58859",
        subject="xla-notice",
    ),
    # --- Positive evidence: no finding, but it tells what works. ---
    Signature(
        name="gpu-device-created",
        needles=("TensorFlow device", "Created device"),
        pattern=compiled(
            r"Creat(?:ed|ing) (?:TensorFlow )?device \(?(?:/job:[^/\s]+/replica:\d+/task:\d+)?"
            r"/(?:device:GPU|gpu):(?P<index>\d+)(?:.{0,512}?name: (?P<gpu>[^,)]{1,255}))?"
            r"(?:.{0,512}?compute capability: (?P<cc>\d+\.\d+))?"
            # the same record cut inside its device name (TF 1.x: 'Creating TensorFlow device
            # (/gp'): gpu_device.cc creates GPU devices only
            r"|gpu_device\.cc:\d{1,5}\] Creat(?:ed|ing) (?:TensorFlow )?device \(?/"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow created GPU device {index}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62170",
        proves_gpu=True,
    ),
    Signature(
        # TF-TRT's engine op runs on a GPU device only (TRTEngineOp has GPU kernels alone):
        # where TensorRT does not build or find an engine, TensorFlow runs the segment with its
        # own kernels, on that GPU (tensorflow/tensorrt#200: a transpose TensorRT refused)
        name="tf-trt-native-segment",
        needles=("The native segment will be used instead", "Running native segment for"),
        pattern=compiled(
            r"Engine creation for (?P<op>[\w/.-]{1,200}) failed\. The native segment will be"
            r" used instead\.(?: Reason: (?P<reason>[^\n]{1,200}))?"
            r"|Engine retrieval for input shapes: [^\n]{0,400}? failed\. Running native segment"
            r" for (?P<op2>[\w/.-]{1,200})"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "TF-TRT did not use a TensorRT engine for {op}{op2}: TensorFlow runs that segment"
            " with its own kernels on the GPU"
        ),
        fix=(
            "Nothing in the GPU setup to fix: only TensorRT's speed-up for that segment is lost."
            " The reason on the line says what TensorRT refused (an op or a size it does not"
            " convert; or memory, where TensorFlow already holds the GPU's: memory growth leaves"
            " TensorRT room)."
        ),
        source="https://github.com/tensorflow/tensorrt/issues/200",
        subject="tf-trt",
        proves_gpu=True,
    ),
    Signature(
        # NCCL's own records: a communicator set up between CUDA devices (rings, channels,
        # trees) exists only where the GPUs were found
        name="nccl-communicator",
        needles=("NCCL INFO",),
        pattern=compiled(
            r"\bNCCL INFO (?:Channel \d{1,3}/\d|Ring \d{1,3} ?:|Trees? \[|comm 0x[0-9a-f]{4,16}"
            r" rank \d{1,5} nranks \d{1,5} cudaDev \d|Connected all (?:rings|trees))"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="NCCL set up communication between the GPUs",
        fix="",
        source="https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/env.html",
        proves_gpu=True,
    ),
    Signature(
        # Keras 2's multi_gpu_model refusing a count: the devices TensorFlow has, GPUs among
        # them ('/gpu:0' in TF 1.x, '/device:GPU:0' later); the failure is Keras's
        # (keras-team/keras#8213, #13302)
        name="keras-gpus-listed",
        needles=("this machine only has:",),
        pattern=compiled(
            r"However this machine only has: \[[^\]\n]{0,400}?'/(?:device:)?(?i:gpu):(?P<index>\d)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow has GPU device {index} (Keras lists it)",
        fix="",
        source="https://github.com/keras-team/keras/issues/13302",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-visible-devices-added",
        needles=("Adding visible gpu devices:",),
        pattern=compiled(r"Adding visible gpu devices: (?P<index>\d+)"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow added visible GPU {index}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/23773",
        proves_gpu=True,
    ),
    Signature(
        # tf.test.is_gpu_available() (1.x and 2.x) or tf.test.gpu_device_name() pasted with the
        # answer Python printed under it (after the deprecation warning 2.x prints first), or
        # typed after it as a comment; the answer alone on its line, not one of several values
        name="gpu-check-answered",
        needles=("is_gpu_available(", "gpu_device_name("),
        pattern=compiled(
            r"is_gpu_available\([^)\n]{0,80}\)\)?[ \t]*(?:#[ \t]*(?:->|=>|:)?[ \t]*True[ \t]*\r?$"
            r"|" + _DEPRECATION_BETWEEN + r"\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?True[ \t]*\r?$)"
            r"|gpu_device_name\(\)\)?[ \t]*(?:#[ \t]*'?/device:GPU:\d'?[ \t]*\r?$"
            # (a version printed before it: print(tf.__version__, tf.test.gpu_device_name()))
            r"|\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?"
            r"(?:\d{1,2}\.\d{1,3}\.\d{1,3}[\w.+-]{0,20}[ \t]+)?'?/device:GPU:\d'?[ \t]*\r?$)",
            re.MULTILINE,
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow answered that it sees a GPU",
        fix="",
        source="https://www.tensorflow.org/api_docs/python/tf/test/is_gpu_available",
        proves_gpu=True,
        spans_lines=4,
    ),
    Signature(
        name="gpu-count-printed",
        needles=("GPUs", "Default GPU Device:", "Found GPU at:"),
        pattern=compiled(
            # (not 'Number of GPUs:', which training scripts echo from their own options before
            # TensorFlow has looked: StyleGAN2-ADA's, stylegan2-ada#32)
            r"(?:Num GPUs(?: Available)?|GPUs [Aa]vailable):?\s*(?P<count>[1-9]\d?)\b"
            r"|Default GPU Device: /device:GPU:\d"
            # Colab's own GPU check prints what tf.test.gpu_device_name() answered
            r"|Found GPU at: /device:GPU:\d"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="The script printed that TensorFlow sees a GPU",
        fix="",
        source="https://www.tensorflow.org/guide/gpu",
        proves_gpu=True,
    ),
    Signature(
        # Apple's tensorflow-metal plugin prints it when it takes the GPU (macOS, no CUDA): an
        # Apple silicon GPU, or an Intel Mac's AMD GPU (which the plugin supports too).
        name="metal-device-set",
        needles=("Metal device set to",),
        pattern=compiled(
            r"Metal device set to: (?P<name>Apple \w+(?: \w+)?|AMD Radeon(?: [\w-]{1,12}){0,4})"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow uses the {name} GPU through the Metal plugin",
        fix="",
        source="https://developer.apple.com/metal/tensorflow-plugin/",
        proves_gpu=True,
    ),
    Signature(
        # Graph optimizers of a PluggableDevice plugin are set up for the device types in the
        # session's device set: a GPU-type plugin device exists (tensorflow-metal on a Mac; the
        # DirectML and Intel plugins register DML and XPU), custom_graph_optimizer_registry.cc.
        name="pluggable-gpu-optimizer-enabled",
        needles=("Plugin optimizer for device_type GPU is enabled",),
        pattern=compiled(r"Plugin optimizer for device_type GPU is enabled"),
        finding_id=None,
        severity=Severity.INFO,
        title=(
            "A PluggableDevice plugin's GPU (tensorflow-metal on a Mac) is in TensorFlow's devices"
        ),
        fix="",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.11.0/tensorflow/core/grappler/"
            "optimizers/custom_graph_optimizer_registry.cc"
        ),
        proves_gpu=True,
    ),
    Signature(
        name="gpu-physical-device-listed",
        needles=("/physical_device:GPU:", 'device_type: "GPU"'),
        pattern=compiled(
            r"PhysicalDevice\(name='/physical_device:GPU:(?P<index>\d+)'|device_type: \"GPU\""
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow lists a GPU device",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/52144",
        proves_gpu=True,
    ),
    Signature(
        # tf.distribute lists the devices it replicates on: a GPU among them is registered.
        name="mirrored-strategy-gpu",
        needles=("Using MirroredStrategy with devices",),
        pattern=compiled(
            r"Using MirroredStrategy with devices \([^)\n]{0,2000}?/device:GPU:(?P<index>\d+)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="tf.distribute replicates on GPU {index}: TensorFlow registered it",
        fix="",
        source="https://github.com/tensorflow/models/issues/10348",
        proves_gpu=True,
    ),
    Signature(
        # An op without a kernel lists the devices this process registered: a GPU among them
        # (not only XLA's XLA_GPU) is a device TensorFlow created.
        name="gpu-among-registered-devices",
        needles=("Registered devices: [",),
        pattern=compiled(r"Registered devices: \[[^\]\n]{0,200}?(?<!\w)GPU\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow registered a GPU device",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/44281",
        proves_gpu=True,
    ),
    Signature(
        # An eager op copying its input to a GPU device: TensorFlow has that device, whatever
        # the copy then did (out of its memory: 'Dst tensor is not initialized').
        name="input-copied-to-a-gpu",
        needles=("Failed copying input tensor from",),
        pattern=compiled(
            r"Failed copying input tensor from /job:[\w/:]{1,80}/device:\w{1,20}:\d{1,3} to"
            r" /job:[\w/:]{1,80}/device:GPU:\d{1,3}\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow copied an input to its GPU device",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/7025",
        proves_gpu=True,
    ),
    Signature(
        # Grappler choosing between the cuDNN and the generic LSTM/GRU: fixed in
        # tensorflow/tensorflow@a913689f.
        name="implementation-selector-skipped",
        needles=("Skipping optimization due to error while loading function libraries",),
        pattern=compiled(r"Skipping optimization due to error while loading function libraries"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: Grappler skipped choosing the LSTM/GRU implementation (a known log line,"
            " not an error)"
        ),
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/30263",
    ),
    Signature(
        # tf.data's autotuning bookkeeping (framework/model.h).
        name="tf-data-stop-event",
        needles=("Encountered a stop event that was not preceded by a start event",),
        pattern=compiled(r"Encountered a stop event that was not preceded by a start event"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: tf.data's autotuner logged an unmatched stop event",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/28552",
    ),
    Signature(
        # A Python generator dataset cancelled when training stops early or an epoch ends, or
        # finalised after the interpreter shut down, at exit (tensorflow#35100)
        name="generator-dataset-cancelled",
        needles=("when finalizing GeneratorDataset iterator",),
        pattern=compiled(
            r"Error occurred when finalizing GeneratorDataset iterator: (?:(?:Cancelled|CANCELLED):"
            r" Operation was cancelled|(?:FAILED_PRECONDITION|Failed precondition): Python"
            r" interpreter state is not initialized)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a generator dataset's iterator was cancelled when its loop ended",
        fix="Nothing to do.",
        source="https://github.com/talmolab/sleap/issues/365",
    ),
    Signature(
        # A GPU through a PluggableDevice plugin registers under the plugin's own device type:
        # Intel's extension as XPU, the DirectML plugin as DML (tensorflow-metal keeps GPU).
        name="plugin-device-listed",
        needles=("/physical_device:XPU:", "/physical_device:DML:"),
        pattern=compiled(
            r"PhysicalDevice\(name='/physical_device:(?P<kind>XPU|DML):(?P<index>\d+)'"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow lists a {kind} device: a GPU it uses through a PluggableDevice plugin",
        fix="",
        source="https://github.com/intel/intel-extension-for-tensorflow/issues/16",
        proves_gpu=True,
    ),
    Signature(
        # Intel's extension initialises XLA on its SYCL platform (Level Zero) with the GPU.
        name="xla-intel-gpu-stream-executor",
        needles=("StreamExecutor device (",),
        pattern=compiled(
            r"StreamExecutor device \((?P<index>\d+)\): (?P<gpu>Intel\(R\)[^,\n]{1,200})"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA initialised the Intel GPU {index}: {gpu} (Intel Extension for TensorFlow)",
        fix="",
        source="https://github.com/intel/intel-extension-for-tensorflow/issues/21",
        proves_gpu=True,
    ),
    Signature(
        # direct_session.cc's 'Device mapping:' (log_device_placement, TF 1.x to 2.3): a GPU
        # device beside the legacy XLA_GPU one. "If TF detected a /device:GPU:0 then you're good
        # to go": https://github.com/tensorflow/tensorflow/issues/32851
        name="device-mapping-gpu",
        needles=("-> device: ",),
        pattern=compiled(
            r"/(?:device:GPU|gpu):(?P<index>\d+) -> device: \d+, name: (?P<gpu>[^,\n]{1,255}),"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow maps a GPU device ({gpu})",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/32851",
        proves_gpu=True,
    ),
    Signature(
        # XLA compiles a cluster for the device it runs on: asked for the CUDA platform, so on a
        # GPU device, by a build without XLA's GPU compiler linked in (conda-forge's sets
        # TF_ENABLE_XLA=0), it runs the ops as TensorFlow's own GPU kernels instead.
        name="xla-gpu-compiler-not-linked",
        needles=("Could not find compiler for platform CUDA",),
        pattern=compiled(
            r"Could not find compiler for platform CUDA[^\n]{0,400}?Falling back to TF function"
            r" call"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless for the GPU: this build has no XLA compiler for CUDA, so jit-compiled"
            " functions run as TensorFlow's own GPU kernels"
        ),
        fix="Nothing to do for the GPU; for XLA, use a build with XLA's GPU support (PyPI's).",
        source="https://github.com/conda-forge/tensorflow-feedstock/issues/223",
        proves_gpu=True,
    ),
    Signature(
        # tf.distribute compares the logical GPUs with the physical ones it lists
        # (cross_device_ops.select_cross_device_ops): a difference needs a GPU to list, and
        # only means NCCL's all-reduce is swapped for reduction to one device (tensorflow#40735).
        name="nccl-virtual-gpus-fallback",
        needles=("NCCL is not supported when using virtual GPUs",),
        pattern=compiled(r"NCCL is not supported when using virtual GPUs, falling ?back"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: tf.distribute reduces on one device instead of NCCL, because TensorFlow"
            " split a GPU into logical ones"
        ),
        fix="Nothing to do (one logical device per GPU lets NCCL's all-reduce run).",
        source="https://github.com/tensorflow/tensorflow/issues/40735",
        proves_gpu=True,
    ),
    Signature(
        # tf.distribute's own notes on how it all-reduces (cross_device_ops.py): on any device.
        name="distribute-reduction-note",
        needles=("Efficient allreduce is not supported for", "then broadcast to"),
        pattern=compiled(
            r"Efficient allreduce is not supported for \d+ IndexedSlices"
            r"|Reduce to /\S{1,200} then broadcast to"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: tf.distribute notes how it combines values across devices",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorflow/issues/40735",
    ),
    Signature(
        # A device error lists the devices this process has ('not found in [...]'): a GPU among
        # them is one TensorFlow created (tensorflow#26709). The device asked for and missing is
        # named before the list, never in it. Not 'available devices: ...', which the node's own
        # text follows and may name the GPU it asked for (review 26).
        name="gpu-among-available-devices",
        needles=("not found in [",),
        pattern=compiled(r"not found in \[[^\]\n]{0,600}?/device:GPU:(?P<index>\d+)"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow lists GPU device {index} among this process's devices",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/26709",
        proves_gpu=True,
    ),
    Signature(
        # tensorflow-directml, the TF 1.15 fork on DirectX 12 (any DX12 GPU, not CUDA):
        # https://github.com/microsoft/tensorflow-directml/issues/41
        name="directml-device-created",
        needles=("DirectML: creating device on adapter",),
        pattern=compiled(r"DirectML: creating device on adapter \d+ \((?P<gpu>[^)\n]{1,200})\)"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow-DirectML created a device on {gpu}",
        fix="",
        source="https://github.com/microsoft/tensorflow-directml/issues/41",
        proves_gpu=True,
    ),
    Signature(
        # DirectML's own count of the adapters that passed its checks (datatypes of 8 to 32
        # bits, its Identity operator): none did, so TensorFlow stays on the CPU. An Intel GPU
        # older than Gen9 fails them (microsoft/DirectML#329: HD Graphics 5500), and so does a
        # WSL 2 without the driver's D3D12 library (MicrosoftDocs/windows-ai-docs#142).
        name="directml-no-adapter",
        needles=("compatible adapters",),
        pattern=compiled(r"DirectML device enumeration: found 0 compatible adapters"),
        finding_id="no-nvidia-gpu",
        severity=Severity.WARNING,
        title=(
            "DirectML found no GPU it can use (0 compatible adapters): TensorFlow runs on the CPU"
        ),
        fix=(
            "DirectML needs a DirectX 12 GPU that passes its checks and a current driver: Intel"
            " HD/UHD Graphics of the 6th generation (Skylake, Gen9) or newer, not an older one"
            " (HD 5500 and before); under WSL 2, a Windows driver with WSL support, whose"
            " libd3d12.so and libdxcore.so are in /usr/lib/wsl/lib. An older GPU cannot run it."
            " With an NVIDIA GPU, TensorFlow's own CUDA build serves it (WSL 2, or native Windows"
            " up to 2.10): 'tfgpu-setup plan' picks it."
        ),
        source="https://github.com/microsoft/DirectML/issues/329",
    ),
    Signature(
        # tensorflow-directml's own check that DXCore gave it an adapter factory: under WSL 2
        # that fails where WSL has no GPU support at all (no /dev/dxg: a WSL kernel older than
        # 4.19.121, a Windows build before GPU support; microsoft/WSL#5455)
        name="directml-dxcore-failed",
        needles=("DXCoreCreateAdapterFactory",),
        pattern=compiled(r"Check failed: [^\n]{0,80}DXCoreCreateAdapterFactory"),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "DirectML could not create DXCore's adapter factory: this WSL 2 has no GPU support"
            " (no /dev/dxg)"
        ),
        fix=(
            "Update Windows (GPU support in WSL needs Windows 10 21H2 or Windows 11) and WSL"
            " ('wsl --update', a kernel of 4.19.121 or newer), install a Windows GPU driver with"
            " WSL support, then 'wsl --shutdown'; 'ls /dev/dxg' shows whether WSL has the GPU."
        ),
        source="https://github.com/microsoft/WSL/issues/5455",
    ),
    Signature(
        # The DirectML library's own dependency on WSL 2's D3D12, from the Windows driver's
        # WSL support (microsoft/DirectML#22; MicrosoftDocs/windows-ai-docs#142)
        name="directml-d3d12-missing",
        needles=("libd3d12.so",),
        pattern=compiled(r"libd3d12\.so: cannot open shared object file"),
        finding_id="wsl-libcuda-missing",
        severity=Severity.ERROR,
        title=(
            "DirectML could not load WSL's D3D12 library (libd3d12.so): this WSL 2 has no GPU"
            " support from the Windows driver"
        ),
        fix=(
            "Update Windows and WSL ('wsl --update') and install a Windows GPU driver with WSL"
            " support: its libraries appear in /usr/lib/wsl/lib. With an NVIDIA GPU, TensorFlow's"
            " own CUDA build runs on WSL 2 ('tfgpu-setup plan' picks it)."
        ),
        source="https://github.com/microsoft/DirectML/issues/22",
    ),
    Signature(
        # tf.data's end of an iterator, logged from 2.16 until the log line was removed:
        # https://github.com/tensorflow/tensorflow/pull/64679
        name="rendezvous-end-of-sequence",
        needles=("Local rendezvous is aborting",),
        pattern=compiled(
            r"Local rendezvous is aborting with status: OUT_OF_RANGE: End of sequence"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a dataset iterator reached its end (tf.data logs it from 2.16)",
        fix="Nothing to do; TF_CPP_MIN_LOG_LEVEL=2 hides it.",
        source="https://github.com/tensorflow/tensorflow/issues/62963",
    ),
    Signature(
        # the same end of an iterator as TF 1.11 to 2.3 logged it, at every epoch's end of a
        # fit() over a dataset of unknown length (tensorflow#31509, #22484)
        name="collective-end-of-sequence",
        needles=("StartAbort Out of range",),
        pattern=compiled(r"BaseCollectiveExecutor::StartAbort Out of range: End of sequence"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: a dataset iterator reached its end (TensorFlow 1.11 to 2.3 log it)",
        fix="Nothing to do; TF_CPP_MIN_LOG_LEVEL=2 hides it.",
        source="https://github.com/tensorflow/tensorflow/issues/31509",
    ),
    Signature(
        # AutoGraph falling back to running a function as written: slower at worst, on
        # whatever device (its own text asks for a bug report, not a setup change)
        name="autograph-could-not-transform",
        # (TF 1.14 to 2.1 worded it 'Entity <...> could not be transformed and will be
        # executed as-is', tensorflow#32377)
        needles=("AutoGraph could not transform", "could not be transformed and will be"),
        pattern=compiled(
            r"AutoGraph could not transform \S.{0,200}? and will run it as-is"
            r"|Entity <.{1,200}?> could not be transformed and will be executed as-is"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: AutoGraph runs a function as written (it could not convert it)",
        fix=(
            "Nothing to do for the GPU; the function runs unconverted. A 'gast' cause is an"
            " installed gast that does not fit this TensorFlow: install the version its"
            " requirements name."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/32377",
    ),
    Signature(
        name="xla-gpu-stream-executor",
        needles=("StreamExecutor device (",),
        pattern=compiled(
            r"StreamExecutor device \((?P<index>\d+)\): (?P<gpu>.{1,255}?), Compute Capability"
            r" (?P<cc>\d+\.\d+)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA initialised GPU {index}: {gpu} (compute capability {cc})",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/58859",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-allocator-named",
        needles=("_bfc",),
        pattern=compiled(r"\b(?P<allocator>GPU_(?P<index>\d+)_bfc)\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow allocated memory on GPU {index} ({allocator})",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/43546",
        proves_gpu=True,
    ),
    Signature(
        name="cudnn-loaded",
        needles=("Loaded cuDNN version",),
        pattern=compiled(r"Loaded cuDNN version (?P<cudnn_loaded>\d{1,9})\b"),
        finding_id=None,
        severity=Severity.INFO,
        title="cuDNN {cudnn_loaded} loaded",
        fix="",
        source="https://github.com/wutzebaer/tensorflow-5090/issues/3",
        proves_gpu=True,  # cuDNN is loaded on first use: a GPU op ran
    ),
    Signature(
        # cuBLAS says so only when it runs a TF32 GEMM, on a CUDA GPU of compute capability 8.0
        # or newer: a matmul ran on the GPU (review 96)
        name="tf32-matmul-on-gpu",
        needles=("TensorFloat-32 will be used",),
        pattern=compiled(
            r"cuda_blas\.cc:\d{1,5}\] TensorFloat-32 will be used for the matrix multiplication"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="cuBLAS ran a matrix multiplication on the GPU (TensorFloat-32)",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/58859",
        proves_gpu=True,
    ),
    Signature(
        name="xla-service-on-cuda",
        needles=("initialized for platform CUDA",),
        pattern=compiled(r"XLA service 0x[0-9a-f]+ initialized for platform CUDA"),
        finding_id=None,
        severity=Severity.INFO,
        title="XLA initialised its service on the CUDA platform",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62075",
        proves_gpu=True,
    ),
    Signature(
        # TensorFlow's CUDA diagnostics name the driver (logfacts reads it with this pattern);
        # a signature so that a paste cut inside these lines is rejoined.
        name="driver-version-reported",
        needles=("driver version", "reported version is"),
        pattern=compiled(
            r"(?:[Pp]ossibly insufficient driver version|libcuda reported version is|kernel"
            r" reported version is): (?P<driver>\d{3}\.\d{1,3}(?:\.\d{1,3})?)\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow names the NVIDIA driver: {driver}",
        fix="",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/stream_executor/"
            "cuda/cuda_diagnostics.cc"
        ),
    ),
    Signature(
        name="driver-matches-kernel",
        needles=("DSO",),
        pattern=compiled(r"kernel version seems to match DSO: (?P<version>\d+(?:\.\d+)*)"),
        finding_id=None,
        severity=Severity.INFO,
        title="The NVIDIA kernel module and libcuda agree: {version}",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/62494",
    ),
    Signature(
        name="tf-distribution-listed",
        needles=(
            "tensorflow",
            "tf-nightly",
            "TensorFlow-",
            "TensorFlow=",
            "Tensorflow-",
            "Tensorflow=",
        ),
        pattern=compiled(
            r"(?:^|[\s>|`'\"])(?P<dist>tensorflow(?:[-_](?:gpu|cpu|intel|macos|aarch64|rocm))?"
            r"|tf[-_]nightly(?:[-_](?:gpu|cpu))?|intel[-_]tensorflow)"
            r"(?:==|-(?=\d)|\s+(?:version\s+)?|:\s*)v?(?P<version>[12]\.\d{1,2}(?:\.\d{1,2})?"
            # (not the sdist of a removed name's stub, 'tensorflow-gpu-2.12.0.tar.gz': never
            # installed)
            r"(?:\.?(?:dev|rc|post)\d+)?)(?![\d.]*[/\\])(?![\d.]*\.tar\.gz)"
            # a pin typed by hand, in any case ('TensorFlow-gpu==1.14.0+nv19.10'): only with '=='
            # ('TensorFlow version: 2.4' in an issue template names no distribution)
            r"|(?:^|[\s>|`'\"])(?P<typed>(?i:tensorflow(?:[-_](?:gpu|cpu))?))=="
            r"(?P<typed_version>[12]\.\d{1,2}(?:\.\d{1,2})?)\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="{dist} {version}",
        fix="",
        source="https://github.com/apple/turicreate/issues/3405",
    ),
    Signature(
        name="library-loaded",
        needles=DLOPEN_NEEDLES,
        pattern=compiled(
            r"(?:Successfully opened dynamic library|successfully opened CUDA library) (?P<lib>\S+)"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TensorFlow loaded a GPU library (an information line, not an error)",
        fix="Nothing to do; TF_CPP_MIN_LOG_LEVEL=1 hides these lines.",
        source="https://github.com/tensorflow/tensorflow/issues/47753",
        subject="library-loaded",
    ),
    Signature(
        # cuda_diagnostics.cc on Windows returns this without looking: it says nothing of the
        # driver (the failure it follows is the line before it).
        name="windows-driver-version-unimplemented",
        needles=("not implemented on Windows",),
        pattern=compiled(r"kernel reported driver version not implemented on Windows"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TensorFlow cannot read the driver's version on Windows, and says so",
        fix="Nothing to do for this line; the line before it is the failure.",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/stream_executor/"
            "cuda/cuda_diagnostics.cc"
        ),
        subject="windows-driver-version",
    ),
    Signature(
        # CUPTI is the profiler's library: TensorFlow loads it when a profile is taken.
        name="cupti-not-loaded",
        needles=DLOPEN_NEEDLES,
        pattern=compiled(
            # TF 1.14 on: its loader's line (TF 1.x's older wording is no note: there only a
            # traced run looked CUPTI up, runtime.py)
            r"Could not (?:load dynamic|dlopen) library ?'(?P<lib>(?:lib)?cupti[^'\s]{0,40}?)'"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless for GPU use: {lib} (CUPTI) is only needed by the profiler",
        fix=(
            "Nothing to do unless you profile; then put CUDA's extras/CUPTI/lib64 (or the"
            " nvidia-cuda-cupti wheel's lib folder) on the loader path."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/49977",
        subject="cupti",
    ),
    Signature(
        # The profiler's tracer failing through CUPTI: only the profile is lost, the work runs
        # on (a run's own steps go on after it: tensorflow#30913's training, xprof#24).
        # INSUFFICIENT_PRIVILEGES is the driver keeping GPU counters to administrators.
        name="cupti-profiling-failed",
        needles=(
            "CUPTI_ERROR_",
            "Encountered error while starting profiler",
            "ignored due to a previous error",
            "CUPTI could not be loaded or symbol could not be found",
        ),
        pattern=compiled(
            # (not a fatal check on it, which ends the process: 'Check failed: status ==
            # CUPTI_SUCCESS (CUPTI_ERROR_NOT_INITIALIZED)')
            r"^(?![^\n]{0,400}Check failed)[^\n]{0,400}?(?P<code>CUPTI_ERROR_[A-Z_]{2,60})"
            r"|(?P<stage>Encountered error while starting profiler)(?!: [^\n]{0,40}CUPTI_ERROR_)"
            # the error manager muting CUPTI calls after a first failure (tensorflow#62895), and
            # the tracer's own words for a CUPTI that did not load (openxla/xprof#263)
            r"|cupti_error_manager\.cc:\d{1,6}\] (?P<cupti_call>cupti\w{1,60}): ignored due to a"
            r" previous error|(?P<unloaded>CUPTI could not be loaded) or symbol could not be found"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless for GPU use: the profiler could not trace the GPU through CUPTI"
            " ({code}{stage}{cupti_call}{unloaded}); only the profile is lost"
        ),
        fix=(
            "Nothing to do unless you profile. CUPTI_ERROR_INSUFFICIENT_PRIVILEGES: let users"
            " read the GPU's counters (the driver option NVreg_RestrictProfilingToAdminUsers=0,"
            " or on Windows the NVIDIA Control Panel's developer setting), or profile as an"
            " administrator ('--cap-add SYS_ADMIN' in Docker); other codes: the CUPTI of the"
            " CUDA this TensorFlow was built with."
        ),
        source=(
            "https://developer.nvidia.com/nvidia-development-tools-solutions-err_nvgpuctrperm-"
            "permission-issue-performance-counters"
        ),
        subject="cupti",
    ),
    Signature(
        # The profiler's GPU tracer reporting the events it recorded from the GPU
        # (tensorflow/tensorboard#3964): work ran there. None recorded says nothing.
        name="gpu-tracer-collected-events",
        needles=("GpuTracer has collected",),
        pattern=compiled(
            # TensorFlow's own tracer (JAX's logs from external/xla/xla/ and says nothing of
            # TensorFlow's GPU)
            r"(?:tensorflow|local_xla|local_tsl)[/\\][\w/\\.-]{0,200}\.cc:\d{1,6}\]\s{1,4}"
            r"GpuTracer has collected [1-9]\d{0,11} callback api events"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the profiler traced work on the GPU",
        fix="Nothing to do.",
        source="https://github.com/tensorflow/tensorboard/issues/3964",
        subject="profiler",
    ),
    Signature(
        # XLA derived a PTX ISA version LLVM does not know; LLVM ignores the feature.
        name="ptx-feature-unrecognized",
        needles=("is not a recognized feature for this target",),
        pattern=compiled(r"'\+ptx\d{2,3}' is not a recognized feature for this target"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: LLVM ignores a PTX version XLA asked for that it does not know",
        fix="Nothing to do.",
        source="https://github.com/openxla/xla/issues/16431",
        subject="ptx-feature",
    ),
    Signature(
        # The event manager polls events only on a GPU stream: this failure is CUDA shutting
        # down under it when the process exits, after the work ran on the GPU.
        name="event-query-after-cuda-shutdown",
        needles=("CUDA_ERROR_DEINITIALIZED",),
        pattern=compiled(
            r"(?:failed to query event|error polling for event status): [^\n]{0,40}?"
            r"CUDA_ERROR_DEINITIALIZED"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "The GPU ran this program; CUDA was shut down while an event was still polled (a"
            " crash at exit, after the work)"
        ),
        fix=(
            "Nothing about the GPU setup: end the program cleanly (close sessions, join worker"
            " threads) before Python exits."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/8517",
        subject="event-at-exit",
        proves_gpu=True,
    ),
    Signature(
        # ptxas's statistics while XLA compiles a fusion for the GPU (subprocess_compilation.cc,
        # asm_compiler.cc in older releases): XLA only compiles for a GPU device it has.
        name="ptxas-registers-spilled",
        needles=("Registers are spilled to local memory",),
        # XLA's own record of it: nvcc or Triton print the same ptxas words for other programs
        pattern=compiled(
            r"(?:subprocess_compilation|asm_compiler|cuda_asm_compiler)\.cc:\d{1,5}\]"
            r" ptxas warning : Registers are spilled to local memory in function"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: ptxas notes register spills while XLA compiles for the GPU",
        fix="Nothing to do: a performance note about one generated kernel.",
        source="https://github.com/openxla/xla/blob/main/xla/stream_executor/cuda/subprocess_compilation.cc",
        subject="ptxas-spill",
        proves_gpu=True,
    ),
    Signature(
        # XLA's autotuner trying cuDNN's convolution algorithms on the GPU (slow_operation_alarm)
        name="autotuner-slow-algorithm",
        needles=("Trying algorithm",),
        pattern=compiled(r"Trying algorithm \S{1,200} for conv\b"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: XLA's autotuner is timing cuDNN's convolution algorithms on the GPU",
        fix="Nothing to do: the first steps of a new model shape take longer while it tunes.",
        source="https://github.com/openxla/xla/blob/main/xla/service/slow_operation_alarm.cc",
        subject="autotuner",
        proves_gpu=True,
    ),
    Signature(
        name="gpu-timer-delay-kernel",
        needles=(
            "Skipping the delay kernel",
            "Delay kernel timed out",
            "configs were filtered out",
        ),
        # and the newer timer's wording (cuda_timer.cc), and the autotuner's empty search space
        pattern=compiled(
            r"Skipping the delay kernel, measurement accuracy will be reduced"
            r"|Delay kernel timed out: measured time has sub-optimal accuracy"
            r"|All configs were filtered out"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: XLA's autotuner times kernels a little less precisely",
        fix="Nothing to do.",
        source="https://github.com/openxla/xla/blob/main/xla/stream_executor/gpu/gpu_timer.cc",
        subject="gpu-timer",
        # (it times kernels it ran on the GPU: review 101, tensorflow#73487)
        proves_gpu=True,
    ),
    Signature(
        # XLA's convolution autotuner leaving out a cuDNN engine known to be wrong on this GPU:
        # it was choosing among engines it ran there (review 101: conda-forge
        # tensorflow-feedstock#417)
        name="autotuner-buggy-algorithm-omitted",
        needles=("Omitted potentially buggy algorithm",),
        pattern=compiled(r"Omitted potentially buggy algorithm \S{1,200} for conv\b"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: XLA's autotuner skipped a cuDNN convolution engine known to be wrong here",
        fix="Nothing to do: it picks among the others.",
        source=(
            "https://github.com/openxla/xla/blob/main/xla/service/gpu/autotuning/"
            "conv_algorithm_picker.cc"
        ),
        subject="autotuner",
        proves_gpu=True,
    ),
    Signature(
        # XLA's GPU runtime running a CUDA graph falls back to launching ops one by one: it ran
        # on the GPU (Keras 3 compiles with XLA by default).
        name="xla-cuda-graph-fallback",
        needles=("Fallback to op-by-op mode because",),
        pattern=compiled(r"Fallback to op-by-op mode because [^\n]{0,80}?breaks graph update"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: XLA ran a CUDA graph op by op instead (it ran on the GPU)",
        fix="Nothing to do.",
        source="https://github.com/keras-team/keras/issues/19081",
        proves_gpu=True,
    ),
    Signature(
        # Apple's Metal plug-in registers no XLA platform: Keras' optimizers of 2.11 on compile
        # their update with XLA, and training stops there on the Apple GPU (tensorflow#58988:
        # the legacy optimizer, or an older release, works)
        name="metal-without-xla",
        needles=("ould not find registered platform with id",),
        pattern=compiled(r"(?<![\w-])[Cc]ould not find registered platform with id\b"),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=(
            "Apple's Metal plug-in has no XLA platform, and Keras' optimizer (TensorFlow 2.11 and"
            " later) compiles its update with XLA: training stops on the Apple GPU"
        ),
        fix=(
            "Use the legacy optimizer (tf.keras.optimizers.legacy.Adam, or the one named) or"
            " model.compile(..., jit_compile=False); or a TensorFlow and tensorflow-metal pair"
            " Apple's table lists."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/58988",
    ),
    Signature(
        # Grappler's cost model meeting an op it has no estimate for (CropAndResize and the
        # like): a note about graph optimisation, printed while the model runs
        # (talmolab/sleap#872: an A100 predicting at 19.4 FPS)
        name="grappler-cannot-cost-op",
        needles=("Error in PredictCost()",),
        pattern=compiled(r"Error in PredictCost\(\) for the op"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: grappler's cost model has no estimate for one op (a note about graph"
            " optimisation, not about the GPU)"
        ),
        fix="Nothing to do.",
        source="https://github.com/talmolab/sleap/issues/872",
    ),
    Signature(
        # the op it could not cost, described with the device it was placed on: a GPU device
        # of TensorFlow's, with its CUDA and cuDNN
        name="grappler-op-on-a-gpu",
        needles=("Error in PredictCost()",),
        pattern=compiled(r"Error in PredictCost\(\)[^\n]{0,2000}?device \{ type: \"GPU\""),
        finding_id=None,
        severity=Severity.INFO,
        title="An op placed on a GPU device of TensorFlow's",
        fix="",
        source="https://github.com/talmolab/sleap/issues/872",
        proves_gpu=True,
    ),
    Signature(
        # TensorFlow on DirectML (tensorflow-directml-plugin) has no XLA compiler: code that
        # asks for XLA (Keras 3 by default) fails, on a GPU that works: training stops, as on
        # Metal (tf-keras#337: Keras 2.11's optimizers compile with XLA where a GPU is found).
        name="directml-without-xla",
        needles=("compiler for platform DML",),
        pattern=compiled(r"[Cc]ould not find (?:registered )?compiler for platform DML"),
        finding_id="xla-toolchain-missing",
        severity=Severity.ERROR,
        title=(
            "TensorFlow runs on the GPU through DirectML, which XLA cannot compile for, and this"
            " code asks for XLA"
        ),
        fix=(
            "Turn XLA off for this model: model.compile(..., jit_compile=False) (Keras 3"
            " compiles with XLA by default), and no tf.function(jit_compile=True)."
        ),
        source="https://github.com/microsoft/tensorflow-directml-plugin/issues/332",
        proves_gpu=True,
    ),
    Signature(
        # The devices TensorFlow lists when placement fails, or Keras 2's multi_gpu_model:
        # no GPU among them. Read with the rest of the log, as 'no known devices' is.
        name="no-gpu-among-devices",
        needles=(
            "available devices are",
            "available devices:",
            "this machine only has:",
            "Registered devices:",
            "this machine does not have a GPU",
            "No GPU devices found",
            "All available devices [",
        ),
        pattern=compiled(
            r"no devices matching that specification are registered in this process; available"
            r" devices: (?![^\n]*GPU)"
            r"|However this machine only has: \[(?![^\]\n]*(?i:gpu))"
            # a GPU-only op (CudnnRNN) with no kernel: 'Registered devices: [CPU]'
            r"|Registered devices: \[(?![^\]\n]*GPU)"
            # an op pinned to a GPU TensorFlow does not have (TF 2.x wording)
            r"|was explicitly assigned to /device:GPU:\d+ but available devices are"
            r" \[(?![^\]\n]*GPU)"
            # the placer's list of every device, TF 2's eager words and TF 1's colocation ones
            # (XLA's own XLA_GPU is no GPU device of TensorFlow's)
            r"|All available devices \[(?:(?!(?<![\w])GPU:\d)[^\[\]\n]){0,1200}\]"
            # Keras' mixed-precision check found no GPU in TensorFlow's list
            r"|may run slowly because this machine does not have a GPU"
            # StyleGAN's custom-op builder found no GPU in TensorFlow's device list (the source
            # line its traceback shows; the bare message is too common a wording to read alone)
            r"|raise RuntimeError\('No GPU devices found'\)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow registered no GPU device",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/13793",
    ),
    Signature(
        # CUDA enables peer access for at most 8 peers per GPU, and not across some PCIe
        # topologies: TensorFlow copies through the host instead and uses every GPU.
        name="peer-access-not-enabled",
        needles=("peer access", "Peer access"),
        pattern=compiled(
            r"Unable to enable peer access between device ordinals|Peer access not supported"
            r" between device ordinals|cannot enable peer access from device ordinal"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: some GPUs cannot reach each other directly; TensorFlow still uses them",
        fix="Nothing to do: copies between those GPUs go through host memory.",
        source="https://github.com/tensorflow/tensorflow/issues/14759",
        subject="peer-access",
    ),
    Signature(
        # Grappler's note that an op placed on the GPU has no GPU kernel: it moves the op to
        # the CPU and the step goes on (bert4keras#375: the maintainer says to ignore it once
        # training starts; tf.data's MultiDeviceIterator ops are the usual ones).
        name="grappler-op-on-cpu",
        needles=("graph_view.cc",),
        pattern=compiled(
            r"grappler/utils/graph_view\.cc:\d{1,6}\] No registered '(?P<op>\w{1,80})' OpKernel"
            r" for '?GPU'? devices"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: the graph optimiser runs {op}, which has no GPU kernel, on the CPU",
        fix="Nothing to do: the other ops still run on the GPU.",
        source="https://github.com/bojone/bert4keras/issues/375",
        subject="grappler-op",
    ),
    Signature(
        # Keras' mixed-precision check lists the GPUs TensorFlow registered: it runs on them,
        # only without the Tensor Cores float16 needs to be fast (compute capability < 7.0).
        name="mixed-precision-slow-gpu",
        needles=("mixed_float16",),
        pattern=compiled(
            r"Your GPU may run slowly with dtype policy mixed_float16 because it does not have"
            r" compute capability of at least 7\.0"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="TensorFlow uses the GPU; mixed_float16 is only slow on it (no Tensor Cores)",
        fix=(
            "Nothing to fix for GPU use; use the float32 policy on GPUs below compute"
            " capability 7.0."
        ),
        source="https://www.tensorflow.org/guide/mixed_precision",
        subject="mixed-precision",
        proves_gpu=True,
    ),
    Signature(
        # The same check finding GPUs with Tensor Cores (tensorflow/models#11215): TensorFlow
        # registered them. Not read as proof of the GPU: pastes set a notebook's run that works
        # beside the failing machine's (review 52).
        name="mixed-precision-fast-gpu",
        needles=("mixed_float16 as it has compute capability",),
        pattern=compiled(
            r"Your GPU will likely run quickly with dtype policy mixed_float16 as it has compute"
            r" capability of at least 7\.0"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless: Keras' mixed-precision check found a GPU with Tensor Cores (on the"
            " machine that printed it)"
        ),
        fix="Nothing to do.",
        source="https://www.tensorflow.org/guide/mixed_precision",
        subject="mixed-precision",
    ),
    Signature(
        # Grappler runs the float16 rewrite only where it found a GPU that can use it (without
        # one it says 'No (suitable) GPUs detected, skipping auto_mixed_precision graph
        # optimizer'); its CPU variants carry a suffix in the name.
        name="auto-mixed-precision-running",
        needles=("Running auto_mixed_precision graph optimizer",),
        pattern=compiled(r"Running auto_mixed_precision graph optimizer"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: TensorFlow's mixed-precision rewrite runs for a GPU it found",
        fix="Nothing to do.",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.4.0/tensorflow/core/grappler/"
            "optimizers/auto_mixed_precision.cc"
        ),
        subject="mixed-precision",
    ),
    Signature(
        # XLA's autotuner compares each candidate GPU kernel's result with a reference and
        # drops one that differs, printing the differences at error level
        # (google-deepmind/alphafold3#240, world-modelz/dreamax#1): the GPU is at work.
        name="xla-autotune-result-mismatch",
        needles=(
            "Results do not match the reference",
            "Results mismatch between different convolution algorithms",
            "buffer_comparator.cc",
        ),
        pattern=compiled(
            r"Results do not match the reference\. This is likely a bug/unexpected loss of"
            r" precision|Results mismatch between different convolution algorithms"
            r"|buffer_comparator\.cc:\d{1,6}\] Difference at \d"
        ),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless for GPU use: XLA's autotuner set aside a candidate GPU kernel whose result"
            " differed from the reference"
        ),
        fix=(
            "Nothing to do for GPU use; if results look wrong, report it upstream with the"
            " kernel named, or turn autotuning down (XLA_FLAGS=--xla_gpu_autotune_level=0)."
        ),
        source="https://github.com/openxla/xla/issues/23934",
        subject="xla-autotune",
    ),
    Signature(
        # log_device_placement: an op placed on a GPU (TF 2.x eager; TF 1.x's placer).
        name="op-placed-on-gpu",
        needles=("Executing op", "device:GPU:", "/gpu:"),
        pattern=compiled(
            r"Executing op \w+ in device \S*/device:GPU:\d"
            r"|^[^\n]{0,120}\(\w+\):? ?/job:\w+/replica:\d+/task:\d+/(?:device:GPU|gpu):\d"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow placed an op on the GPU",
        fix="",
        source="https://www.tensorflow.org/guide/gpu",
        proves_gpu=True,
    ),
    Signature(
        # A TF 1.x graph error naming the failing node with the device the placer gave it, in
        # its whole /job:.../task:N form (generative_inpainting#34's OOM). A device that could
        # not be assigned is named so too: the doctor sets this aside where the log says so.
        name="node-placed-on-gpu",
        needles=('_device="/job:',),
        pattern=compiled(r'\b_device="/job:\w+/replica:\d+/task:\d+/(?:device:GPU|gpu):\d'),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow placed the failing node on the GPU",
        fix="",
        source="https://www.tensorflow.org/guide/gpu",
        proves_gpu=True,
    ),
    Signature(
        name="rnn-generic-gpu-kernel",
        needles=("will not use cuDNN kernel",),
        pattern=compiled(r"will not use cuDNN kernels? since it doesn't meet the"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title=(
            "Harmless for GPU use: a recurrent layer runs a generic GPU kernel, not cuDNN's fused"
            " one (its arguments do not fit cuDNN's criteria)"
        ),
        fix="Nothing to fix; the layer's documentation lists the arguments cuDNN needs.",
        source="https://github.com/tensorflow/tensorflow/issues/30535",
        subject="rnn-kernel",
    ),
    Signature(
        name="is-gpu-available-deprecated",
        needles=("is_gpu_available",),
        pattern=compiled(r"is_gpu_available \(from tensorflow\.python\.framework\.test_util\) is"),
        finding_id=BENIGN,
        severity=Severity.INFO,
        title="Harmless: tf.test.is_gpu_available is deprecated (it says nothing about the GPU)",
        fix="Use tf.config.list_physical_devices('GPU') instead.",
        source="https://github.com/tensorflow/tensorflow/pull/32862",
        subject="is-gpu-available",
    ),
)
