"""Signatures: the CUDA runtime, its math libraries and cuDNN."""

from __future__ import annotations

import re

from packaging.specifiers import SpecifierSet

from ...doc_urls import TF_INSTALL as TF_PIP_URL
from ...findings import Severity
from .model import (
    CUDA_LIB_NAMES,
    CUDNN_WHEEL_OF_THE_EXTRA,
    DLOPEN_NEEDLES,
    DRIVER_ROOTS,
    LIBRARY_IDS,
    LIBS_FIX,
    TF_TRT_FIX,
    TF_TRT_SOURCE,
    Signature,
    Variant,
    compiled,
    cudnn_needs_cublas,
    dlopen_pattern,
    handle_failed_first,
)

LIB_NOT_LOADED = "The CUDA library {lib}{lib_version_note} could not be loaded{because}"
CUDNN_NOT_LOADED = "The cuDNN library {lib}{lib_version_note} could not be loaded{because}"
CUDNN_FIX = (
    "Install cuDNN{lib_version_note} for the CUDA version of this TensorFlow and put it on the"
    " loader path. {cudnn_loader_fix}"
)
_TF_OWN_MODULE = r"[^\n]{0,300}?(?:_pywrap_tensorflow|libtensorflow)\w{0,40}\.so[.\d]{0,12}: "
TF_OWN_MODULE_UNDEFINED = _TF_OWN_MODULE + "undefined symbol"
"""TF 1.x's dlerror after looking a function up in its own module: the library never loaded."""
NOT_TF_OWN_MODULE = f"(?!{_TF_OWN_MODULE})"
DRIVER_API = (
    r"cu(?:Init|Device|Ctx|Mem|Module|Launch|Stream|Event|Graph|Func|GetProcAddress|Link"
    r"|Occupancy|Pointer|Library|Kernel|TensorMap|DriverGetVersion)"
)
"""The CUDA driver API's functions (libcuda's), not the math libraries' (cublas..., cufft...)."""

CUDNN_MISMATCH_FIX = (
    "Make the loaded cuDNN at least the version TensorFlow was built with and of the same"
    " major version (for cuDNN 6 and older, and for any cuDNN under TensorFlow before"
    " 1.13, whose message names a 'compatibility version', the same minor too: a newer"
    f" one is refused as well): with pip, install {CUDNN_WHEEL_OF_THE_EXTRA}, and remove"
    " older cuDNN copies that load first (a system or conda cuDNN on LD_LIBRARY_PATH, or"
    " another framework's wheel)."
)

HOSTED_CUDNN_FIX = (
    "The runtime's cuDNN comes with its image: use the TensorFlow it preinstalls (remove the"
    " notebook's pip install of another TensorFlow, or of a package that pulls one in, and"
    " restart the runtime: Colab's Runtime > Disconnect and delete runtime). If the notebook"
    " installed a cuDNN wheel itself (nvidia-cudnn-cu1x, or one PyTorch or JAX pulled in),"
    " remove that instead."
)
"""A hosted notebook's cuDNN older than the build: the TensorFlow installed over the runtime's
does not fit its image (colabtools#2459)."""

CUDA_11_STACK_MISSING = "cuda-11-library-missing"
"""Positive evidence: a library of CUDA 11's own names (libcudart.so.11.0, libcublas.so.11)
failed to load, so no CUDA 11 is on the loader path."""

LIBRARIES: tuple[Signature, ...] = (
    # --- Libraries: the CUDA runtime, its math libraries and cuDNN. ---
    Signature(
        name="cudnn-version-mismatch",
        needles=("DNN library", "cudnn library"),
        # TF 0.x said 'Loaded cudnn library: 4007 but source was compiled against 4004'
        pattern=compiled(
            # (users retype TensorFlow's 'CuDNN' as 'cuDNN', and 'but source' as 'but the
            # source': jade-hpc-gpu#86)
            r"Loaded (?i:runtime cudnn|cudnn) library: (?P<cudnn_loaded>\d{1,9}(?:\.\d{1,9})*)\b"
            r"(?: \(compatibility version [\d.]+\))? but (?:the )?source was compiled"
            r" (?:with:?|against) (?P<cudnn_compiled>\d{1,9}(?:\.\d{1,9})*)\b"
        ),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "cuDNN {cudnn_loaded} was loaded but this TensorFlow was built with cuDNN"
            " {cudnn_compiled}"
        ),
        fix=CUDNN_MISMATCH_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/60913",
        subject="{cudnn_loaded}/{cudnn_compiled}",
        # TensorFlow checks the cuDNN it loaded as it first starts it for work on a GPU device
        at_work=True,
        variants=(
            # A hosted notebook's cuDNN comes with its runtime image: the TensorFlow a notebook
            # installed over the preinstalled one is what does not match (colabtools#2459)
            Variant(
                finding_id="cudnn-version-mismatch",
                title=(
                    "cuDNN {cudnn_loaded} was loaded in this notebook's runtime, but this"
                    " TensorFlow was built with cuDNN {cudnn_compiled}"
                ),
                fix=HOSTED_CUDNN_FIX,
                source="https://github.com/googlecolab/colabtools/issues/2459",
                with_signatures=frozenset({"hosted-notebook-path"}),
            ),
        ),
    ),
    Signature(
        # The same refusal cut before what the build wanted (tensorflow#17566: 'Loaded runtime
        # CuDNN library: 7101 (c'): TensorFlow prints the loaded version so only when it
        # refuses it (cuda_dnn.cc).
        name="cudnn-version-mismatch-cut",
        needles=("Loaded runtime CuDNN library:",),
        pattern=compiled(
            # (TensorFlow's record of it, or the line alone: not prose quoting it)
            r"(?:^[ \t>]*|\.cc:\d{1,5}\] )Loaded runtime CuDNN library:"
            r" (?P<cudnn_loaded>\d{1,9}(?:\.\d{1,9})*)(?![^\n]{0,80}compiled)"
            # cut anywhere before the version it was compiled with
            r"(?: \([^)\n]{0,40}\)?)?(?: b(?:ut?)?(?: (?:s[^\n]{0,30})?)?)?[ \t]*$"
        ),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "TensorFlow refused the cuDNN it loaded ({cudnn_loaded}): not the one it was built"
            " with (the line, cut short here, goes on to name that one)"
        ),
        fix=CUDNN_MISMATCH_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/17566",
        subject="{cudnn_loaded}",
    ),
    Signature(
        name="dlopen-cudnn",
        needles=DLOPEN_NEEDLES,
        pattern=dlopen_pattern("cudnn"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=CUDNN_NOT_LOADED,
        # TensorFlow 0.x opened libcudnn.so itself, which runtime images lack (tensorflow#2039)
        fix="{unversioned_first}" + CUDNN_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/60854",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # cuDNN 9 refusing a sub-library of another version than its core (a wheel's libcudnn
        # beside a system libcudnn_engines_*).
        name="cudnn9-sublibrary-mismatch",
        needles=("CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH",),
        pattern=compiled(r"CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH"),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "cuDNN's parts come from two versions (CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH): one"
            " installation's core loads another's sub-libraries"
        ),
        fix=(
            "Keep one cuDNN on the loader path: remove the system or conda cuDNN folder from"
            " LD_LIBRARY_PATH when the pip wheel serves TensorFlow (or the reverse); a sub-library"
            " the wheel lacks is otherwise found in the system's /usr/lib/x86_64-linux-gnu."
        ),
        source="https://github.com/pytorch/pytorch/issues/185512",
    ),
    Signature(
        # An older libnvJitLink.so.12 (a system CUDA 12.x or conda's on LD_LIBRARY_PATH) loads
        # before the one the pip wheels' cuSPARSE/cuSOLVER were linked against.
        name="nvjitlink-symbol-missing",
        needles=("version libnvJitLink.so.12",),
        pattern=compiled(
            r"undefined symbol: (?P<symbol>__nvJitLink\w{1,80}), version libnvJitLink\.so\.12"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title=(
            "An older libnvJitLink.so.12 loads before the one the CUDA libraries need ({symbol}"
            " is missing in it)"
        ),
        fix=(
            "Take the older CUDA 12 (or conda) lib folder off LD_LIBRARY_PATH so the"
            " nvidia-nvjitlink-cu12 wheel's copy loads, and keep that wheel at the CUDA minor of"
            " the other nvidia-* wheels."
        ),
        source="https://github.com/rapidsai/cuvs/issues/1794",
        subject="nvjitlink",
    ),
    Signature(
        name=CUDA_11_STACK_MISSING,
        needles=DLOPEN_NEEDLES,
        # the libraries every CUDA 11 ships under these names (TensorFlow 2.4 logs them so)
        pattern=dlopen_pattern(
            r"cudart(?=\.so\.11\.0)|cublas(?:Lt)?(?=\.so\.11)|cufft(?=\.so\.10)"
            r"|curand(?=\.so\.10)|cusparse(?=\.so\.11)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A library every CUDA 11 ships could not be loaded",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/44777",
    ),
    Signature(
        name="cusolver-10-for-cuda-11-0",
        needles=("libcusolver.so.10",),
        pattern=dlopen_pattern("cusolver(?=\\.so\\.10)"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=LIB_NOT_LOADED,
        fix=LIBS_FIX,
        source="https://github.com/kundajelab/chrombpnet/issues/49",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
        variants=(
            Variant(
                "cuda-version-mismatch",
                "TensorFlow 2.4 loads CUDA 11.0's {lib}, which CUDA 11.1 and later name"
                " libcusolver.so.11: the CUDA installed is not 11.0",
                "Install CUDA 11.0 beside the other one, or TensorFlow 2.5 or later (built for"
                " CUDA 11.2); 'tfgpu-setup plan' picks the release for the CUDA you have.",
                "https://github.com/kundajelab/chrombpnet/issues/49",
                tf_versions=SpecifierSet(">=2.4,<2.5"),
                # CUDA 11's runtime or another of its libraries missing too: no CUDA 11 is on
                # the loader path at all, which no other CUDA 11 explains (review 120)
                unless_signatures=frozenset({CUDA_11_STACK_MISSING}),
            ),
        ),
    ),
    Signature(
        name="dlopen-cuda-library",
        needles=DLOPEN_NEEDLES,
        pattern=dlopen_pattern(CUDA_LIB_NAMES),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=LIB_NOT_LOADED,
        fix=LIBS_FIX,
        source="https://github.com/Kaggle/docker-python/issues/1164",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # ldd's listing of a TensorFlow binary or module (tensorflow_model_server,
        # _pywrap_tensorflow_internal.so, a custom op): the CUDA libraries it names that the
        # loader cannot find (kubeflow#338)
        name="ldd-cuda-library-missing",
        needles=(" => not found",),
        pattern=compiled(
            r"^[ \t]{0,12}(?P<lib>lib(?:"
            + CUDA_LIB_NAMES
            + r")\.so[.\d]{0,12}) => not found(?P<dlerror>)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=LIB_NOT_LOADED,
        fix=LIBS_FIX,
        source="https://github.com/kubeflow/kubeflow/issues/338",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="ldd-cudnn-missing",
        needles=(" => not found",),
        pattern=compiled(r"^[ \t]{0,12}(?P<lib>libcudnn\.so[.\d]{0,12}) => not found(?P<dlerror>)"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=CUDNN_NOT_LOADED,
        fix=CUDNN_FIX,
        source="https://github.com/kubeflow/kubeflow/issues/338",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cudart-stub-not-found",
        needles=("Could not find cuda drivers on your machine",),
        pattern=compiled(r"Could not find cuda drivers on your machine, GPU will not be used"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "The CUDA runtime (libcudart) was not found, so the GPU will not be used (the message"
            " says 'drivers' but comes from TensorFlow's CUDA runtime stub)"
        ),
        fix=(
            "Install the CUDA runtime libraries for this TensorFlow: with TensorFlow >= 2.14 on"
            " Linux, pip install 'tensorflow[and-cuda]' in the same environment; otherwise the CUDA"
            " toolkit version from TensorFlow's tested configurations, on LD_LIBRARY_PATH."
            " If this machine has no NVIDIA GPU, the message is expected."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/66750",
        subject="libcudart",
        demoted_by=DRIVER_ROOTS,
        variants=(
            # (not 2.16.1's known defect: libtensorflow_framework.so.2's RUNPATH in its wheel
            # does list nvidia/cuda_runtime/lib, so there this line too means no such wheel)
            Variant(
                finding_id="cuda-libs-not-found",
                tf_versions=SpecifierSet(">=2.14"),
                title=(
                    "The CUDA runtime (libcudart) was not found, so the GPU will not be used"
                    " (the message says 'drivers' but comes from TensorFlow's CUDA runtime stub)"
                ),
                fix=(
                    "Install the CUDA libraries as pip wheels next to TensorFlow:"
                    " pip install 'tensorflow[and-cuda]' in the same environment (a plain"
                    " 'pip install tensorflow' has no CUDA libraries). If this machine has no"
                    " NVIDIA GPU, the message is expected."
                ),
                source=TF_PIP_URL,
            ),
        ),
    ),
    Signature(
        # TF 2.12+'s cudart stub: the error string any CUDA runtime call returns when libcudart
        # itself did not load (it shows inside cuInit and cudaGetDevice failures).
        name="cudart-stub-error-string",
        needles=("Error loading CUDA libraries",),
        pattern=compiled(r"Error loading CUDA libraries\. GPU will not be used"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load the CUDA runtime (libcudart), so the GPU will not be used",
        fix=(
            "Install the CUDA libraries for this TensorFlow: with TensorFlow >= 2.14 on Linux, pip"
            " install 'tensorflow[and-cuda]' in the same environment; otherwise the CUDA version"
            " from TensorFlow's tested configurations, on LD_LIBRARY_PATH."
        ),
        source="https://github.com/google/tsl/blob/main/tsl/cuda/cudart_stub.cc",
        subject="libcudart",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # TF 2.0's cudart stub, when no cudart of its version loads (Windows: cudart64_100.dll).
        name="cudart-symbol-not-found",
        needles=("cudaGetErrorString symbol not found",),
        pattern=compiled(r"cudaGetErrorString symbol not found"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "TensorFlow could not load the CUDA runtime it was built for (its cudart stub found"
            " no cudaGetErrorString)"
        ),
        fix=(
            "Install the CUDA version this TensorFlow was built with (TensorFlow 2.0: CUDA 10.0)"
            " and put its bin (Windows) or lib64 (Linux) folder on the search path; another CUDA"
            " version does not serve it."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/34354",
        subject="libcudart",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # The stubs TensorFlow calls its CUDA libraries through (tsl/cuda/*_stub.cc, 2.14 on)
        # abort when the library that loaded lacks a function: another release of it than the
        # build's (a torch or conda cuBLAS first on the path). TF 1.x's loader said the same
        # with the dlerror of the symbol.
        name="cuda-library-symbol-missing",
        needles=(" symbol not found.", " DSO; dlerror: "),
        pattern=compiled(
            r"(?P<symbol>(?:cublas|cublasLt|cufft|curand|cusolver|cusparse|nccl)\w*)"
            r" symbol not found\."
            r"|could not find (?P<missing>\w+) in (?:cuBLAS|cublas|cuFFT|cufft|curand|cusolver)"
            rf" DSO; dlerror: {NOT_TF_OWN_MODULE}(?P<dlerror>[^\n]{{0,300}}?undefined symbol)"
        ),
        finding_id="cuda-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The CUDA library TensorFlow loaded lacks a function it calls ({symbol}{missing}):"
            " another release of that library than the build's comes first"
        ),
        fix=(
            "Find which copy of the library the process loads (ldd, or LD_DEBUG=libs) and make"
            " the version this TensorFlow was built with come first: remove the other CUDA from"
            " LD_LIBRARY_PATH, or install the matching nvidia-* wheels ('tfgpu-setup plan' pins"
            " them)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/0c45f4f0c7bf611dd035c68665647d3aeca34767/"
            "tensorflow/stream_executor/cuda/cuda_rng.cc"
        ),
        subject="{symbol}{missing}",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # The driver's own library lacking a function of the driver API: a driver older than
        # the CUDA the program was built with (TF 1.x's loader on a 340 driver: tensorflow#6787;
        # a program linked to libcuda: trexminer/T-Rex#95).
        name="libcuda-symbol-missing",
        needles=("in libcuda DSO", "undefined symbol: cu"),
        pattern=compiled(
            r"could not find (?P<missing>cu\w{1,60}) in libcuda DSO; dlerror:"
            rf" {NOT_TF_OWN_MODULE}[^\n]{{0,300}}?(?:undefined symbol|\w+ not found)"
            r"|(?:symbol lookup error|libcuda\.so[.\d]{0,12}): [^\n]{0,300}?undefined symbol:"
            rf" (?P<symbol>{DRIVER_API}\w{{0,60}})"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The driver's libcuda lacks {missing}{symbol}, a function of a newer CUDA driver"
            " API: the NVIDIA driver is older than the CUDA this program was built with"
        ),
        fix=(
            "Update the NVIDIA driver to one that supports the program's CUDA (nvidia-smi shows"
            " the CUDA version the driver supports). A GPU below compute capability 3.0, whose"
            " last drivers are the 340 (Tesla) and 390 (Fermi) branches, cannot run TensorFlow"
            " at all."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/6787",
        subject="{missing}{symbol}",
    ),
    Signature(
        # The same for cuDNN, through TF 1.x's loader.
        name="cudnn-symbol-missing",
        needles=("in cudnn DSO", "in cuDNN DSO"),
        # (TF 0.7 and 0.8 ended the line at 'DSO', after a cuDNN it had opened: tensorflow#1359's
        # cudnnConvolutionBackwardData_v2, a cuDNN v2 function under cuDNN v4)
        pattern=compiled(
            r"could not find (?P<missing>\w+) in cu[Dd][Nn][Nn] DSO(?:; dlerror:"
            rf" {NOT_TF_OWN_MODULE}(?P<dlerror>[^\n]{{0,300}}?undefined symbol)|[ \t]*$)",
            re.MULTILINE,
        ),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The cuDNN TensorFlow loaded lacks a function it calls ({missing}): another cuDNN"
            " release than the build's comes first"
        ),
        fix=(
            "Install the cuDNN version this TensorFlow was built with and make it the one the"
            " loader finds first (LD_LIBRARY_PATH, or the nvidia-cudnn wheel 'tfgpu-setup plan'"
            " pins)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/0c45f4f0c7bf611dd035c68665647d3aeca34767/"
            "tensorflow/stream_executor/cuda/cuda_rng.cc"
        ),
        subject="{missing}",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # TF 0.x/1.x looked the function up in its own module when the library had not loaded at
        # all: the dlerror names TensorFlow's .so, so the library is missing, not another
        # release of it (tensorflow#2525).
        name="cuda-library-never-loaded",
        needles=(" DSO; dlerror: ",),
        pattern=compiled(
            r"could not find (?P<missing>\w+) in (?P<dso>cuBLAS|cublas|cuFFT|cufft|curand"
            rf"|cusolver) DSO; dlerror: {TF_OWN_MODULE_UNDEFINED}"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "TensorFlow could not load the {dso} library: it looked {missing} up in its own"
            " module instead"
        ),
        fix=(
            "Install the CUDA this TensorFlow was built with and put its lib64 folder on"
            " LD_LIBRARY_PATH ('ldconfig -p | grep -i {dso}' shows what the loader finds)."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.4.0/tensorflow/stream_executor/"
            "dso_loader.cc"
        ),
        subject="{dso}",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # ... and cuDNN the same way
        name="cudnn-never-loaded",
        needles=("in cudnn DSO", "in cuDNN DSO"),
        pattern=compiled(
            r"could not find (?P<missing>\w+) in cu[Dd][Nn][Nn] DSO; dlerror: "
            + TF_OWN_MODULE_UNDEFINED
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load cuDNN: it looked {missing} up in its own module instead",
        fix=(
            "Install the cuDNN this TensorFlow was built with and put its lib folder on"
            " LD_LIBRARY_PATH ('ldconfig -p | grep cudnn' shows what the loader finds)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/2525",
        subject="cudnn",
        explained_by=DRIVER_ROOTS,
    ),
    Signature(
        # TensorFlow's own GPU image of 2.18 or later, as 'docker run' or a Dockerfile names it.
        name="tf-official-gpu-image-2-18-on",
        needles=("tensorflow/tensorflow:",),
        pattern=compiled(
            r"(?<!gcr\.io/)\btensorflow/tensorflow:(?:2\.(?:1[89]|2\d)(?:\.\d{1,2})?-|latest-"
            r"|nightly-)gpu"
            r"(?:-jupyter)?\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow's own GPU image, 2.18 or later",
        fix="",
        source="https://hub.docker.com/r/tensorflow/tensorflow",
    ),
    Signature(
        name="cannot-dlopen-gpu-libraries",
        # The message ends 'Skipping registering GPU devices...': a paste may keep only that, or
        # only its start (a paste cut at a terminal's or a page's width).
        needles=("Cannot dlopen some GPU", "] Cannot dl", "Skipping registering GPU devices"),
        pattern=compiled(
            r"gpu_device\.cc:\d{1,5}\] Cannot dl|Cannot dlopen some GPU"
            r"|Skipping registering GPU devices"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load some GPU libraries and skipped registering the GPU",
        fix=(
            "Rerun with TF_CPP_MAX_VLOG_LEVEL=3 (recent TensorFlow only names the missing library"
            " at that log level), then install that library. With TensorFlow >= 2.14 on Linux:"
            " pip install 'tensorflow[and-cuda]' in the same environment (2.16.1 does not find"
            " those wheels even then: install 2.16.2 or newer, or put every"
            " site-packages/nvidia/*/lib folder on LD_LIBRARY_PATH)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/66987",
        explained_by=DRIVER_ROOTS | LIBRARY_IDS,
        variants=(
            Variant(
                finding_id="pip-cuda-libs-not-on-path",
                defect="tf-2.16.1-pip-libs-not-found",
                title=(
                    "This TensorFlow could not load the GPU libraries: its wheel does not search"
                    " the nvidia pip packages (a known defect of the release)"
                ),
                fix=(
                    "pip install -U 'tensorflow[and-cuda]' (the wheels too, where they are not"
                    " there yet); the defect's own workaround: {defect_workaround}"
                ),
                source="{defect_source}",
            ),
            # TensorFlow's own GPU images from 2.18 on still install cuDNN 8 (tensorflow/build's
            # gpu.packages.txt pins libcudnn8) while those releases load libcudnn.so.9.
            Variant(
                finding_id="cudnn-not-found",
                title=(
                    "TensorFlow's own GPU image ships cuDNN 8, but TensorFlow 2.18 and later load"
                    " cuDNN 9"
                ),
                fix=(
                    "Install cuDNN 9 in the container ('apt-get install cudnn9-cuda-12', or pip"
                    " install 'tensorflow[and-cuda]'), or use the tensorflow/tensorflow:2.17.0-gpu"
                    " image."
                ),
                source="https://github.com/tensorflow/build/issues/221",
                with_signatures=frozenset({"tf-official-gpu-image-2-18-on"}),
            ),
        ),
    ),
    Signature(
        name="cudnn-sublibrary-missing",
        needles=("Could not load library libcudnn",),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn\w*\.so[.\d]*)\. Error:"
            r" (?P=lib): cannot open shared object file"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN's {lib} cannot be found: cuDNN is missing or only partly on the loader path",
        fix=(
            "Install the cuDNN this TensorFlow was built with (with TensorFlow >= 2.14 on Linux:"
            " pip install 'tensorflow[and-cuda]') and make sure the folder holding all of cuDNN's"
            " libraries, not only libcudnn.so, is on the loader path."
        ),
        source="https://github.com/daswer123/xtts-finetune-webui/issues/31",
        subject="{lib}",
        explained_by=DRIVER_ROOTS,
        at_work=True,
    ),
    Signature(
        # cuDNN 8's own loader on Windows: error 126 is a DLL, or a DLL it needs (zlibwapi.dll
        # from cuDNN 8.3, or cuBLAS), that Windows could not find.
        name="cudnn-sublibrary-missing-windows",
        needles=("Could not load library cudnn",),
        pattern=compiled(
            r"Could not load library (?P<lib>cudnn\w*64_\d+\.dll)\. Error code (?P<code>126|127)"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=(
            "cuDNN's {lib} could not be loaded (Windows error {code}): it, or a DLL it needs,"
            " is not on PATH"
        ),
        fix=(
            "Put cuDNN's bin folder on PATH, with every cuDNN DLL in it; cuDNN 8.3 and later"
            " also need zlibwapi.dll on PATH (NVIDIA's install guide, 'Install zlib')."
        ),
        source="https://github.com/Softcatala/whisper-ctranslate2/issues/41",
        subject="{lib}",
        explained_by=DRIVER_ROOTS,
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # ... and its error 193 (ERROR_BAD_EXE_FORMAT): the DLL, or one it loads, is not a
        # 64-bit Windows DLL (a 32-bit zlibwapi.dll first on PATH; PaddlePaddle#45112).
        name="cudnn-sublibrary-wrong-format-windows",
        needles=("Could not load library cudnn",),
        pattern=compiled(r"Could not load library (?P<lib>cudnn\w*64_\d+\.dll)\. Error code 193\b"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=(
            "cuDNN's {lib} could not be loaded (Windows error 193): it, or a DLL it loads, is"
            " not a 64-bit Windows DLL"
        ),
        fix=(
            "Find the DLL of the wrong kind first on PATH: most often a 32-bit zlibwapi.dll"
            " (use the 64-bit one NVIDIA's install guide names), else a damaged or partial"
            " cuDNN copy; keep one cuDNN's bin folder on PATH, with all its DLLs."
        ),
        source="https://github.com/PaddlePaddle/Paddle/issues/45112",
        subject="{lib}",
        explained_by=DRIVER_ROOTS,
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # The same loader's other wording, before it aborts the process.
        name="cudnn-sublibrary-not-located-windows",
        needles=("Could not locate cudnn",),
        pattern=compiled(
            r"Could not locate (?P<lib>cudnn\w*64_\d+\.dll)\. Please make sure it is in your"
            r" library path"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN's {lib} is not on PATH: cuDNN's loader could not locate it",
        fix=(
            "Put the bin folder of the cuDNN major the program needs (the _8 in the name: cuDNN"
            " 8) on PATH, with every cuDNN DLL in it; a cuDNN of another major does not serve"
            " it. cuDNN 8.3 and later also need zlibwapi.dll on PATH."
        ),
        source="https://github.com/ILikeAI/AlwaysReddy/issues/40",
        subject="{lib}",
        explained_by=DRIVER_ROOTS,
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # cuDNN 8's loader on Linux, when one of its parts cannot load another of them (or
        # itself): the cuDNN on the library path is partial (tensorflow#51521: a source build
        # aborting at its first LSTM).
        name="cudnn-sublibrary-not-loaded-linux",
        needles=("Could not load library libcudnn",),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn_\w{1,30}\.so\.\d{1,2})\. Error:"
            r" (?P<missing>libcudnn\w{0,30}\.so(?:\.\d{1,3}){0,3}): cannot open shared object"
            r" file"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN's {lib} cannot load {missing}: part of cuDNN is not on the library path",
        fix=(
            "Install cuDNN whole (every libcudnn*.so of one release in one folder, or the"
            " nvidia-cudnn wheel this TensorFlow pins) and put that folder on LD_LIBRARY_PATH;"
            " 'ldconfig -p | grep libcudnn' shows which parts the loader finds."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/51521",
        subject="{missing}",
        explained_by=DRIVER_ROOTS,
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # The same loader finding a part of cuDNN that another cuDNN release wrote: its
        # symbols are not those of the parts already loaded (a stray libcudnn_*.so of another
        # version first on LD_LIBRARY_PATH, beside a whole cuDNN elsewhere: review 120)
        name="cudnn-sublibraries-of-two-releases",
        needles=("Could not load library libcudnn",),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn_\w{1,30}\.so\.\d{1,2})\. Error:"
            r" (?P<path>[^\s:]{0,300}libcudnn_\w{1,30}\.so[.\d]{0,12}): (?:undefined )?symbol"
            r"[^\n]{0,300}?version (?P<other>libcudnn\w{0,30}\.so\.\d{1,2}) not defined in file"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title=(
            "cuDNN's {lib} ({path}) is of another cuDNN release than its {other} already"
            " loaded: two cuDNN copies mix on the loader path"
        ),
        fix=(
            "Take the folder holding the stray copy ({path}) off LD_LIBRARY_PATH, or remove that"
            " partial cuDNN, so every libcudnn*.so loads from the one whole cuDNN (the"
            " nvidia-cudnn wheel this TensorFlow pins, or your conda environment's)."
        ),
        source="https://github.com/ultralytics/ultralytics/issues/10203",
        subject="{lib}",
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # The same loader's failure where the paste kept neither its 'Error:' tail nor the
        # library it lacked: the bare line, or the request that follows it, before cuDNN
        # aborts the process (sleap#1806). Which library was missing is in the full line.
        name="cudnn-sublibrary-not-loaded-bare",
        needles=("Could not load library libcudnn", "Please make sure libcudnn"),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn_\w{1,30}\.so\.\d{1,2})\.?[ \t]*\r?$"
            r"|Please make sure (?P<asked>libcudnn_\w{1,30}\.so\.\d{1,2}) is in your library path"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=(
            "cuDNN could not load its {lib}{asked}: part of cuDNN, or a CUDA library it needs"
            " (libnvrtc, cuBLAS), is not on the loader path"
        ),
        fix=(
            "Install cuDNN whole, with the CUDA libraries it needs (with TensorFlow >= 2.14 on"
            " Linux: pip install 'tensorflow[and-cuda]'; else every libcudnn*.so of one release"
            " in one folder, and the toolkit's libnvrtc), and put those folders on"
            " LD_LIBRARY_PATH. The full line ('... Error: X: cannot open shared object file')"
            " names the library missing."
        ),
        source="https://github.com/talmolab/sleap/issues/1806",
        subject="{lib}{asked}",
        # (the full line's own reading: on WSL 2 its libcuda.so, pytorch#85773)
        explained_by=DRIVER_ROOTS
        | {"cuda-libs-not-found", "cudnn-not-found", "wsl-libcuda-missing"},
        at_work=True,  # cuDNN's own loader, at the first op that needs that part
    ),
    Signature(
        # cuDNN 8's loader on Windows asking for the cuBLAS of the CUDA it was built for (the
        # digits name that CUDA: cublas64_100.dll 10.0, cublas64_10.dll 10.1 and 10.2,
        # cublas64_11.dll 11.x); ONNX Runtime and CTranslate2 print it through the same cuDNN
        # (hacksider/Deep-Live-Cam#1063). It says which CUDA the cuDNN download was built
        # for, not which CUDA TensorFlow wants (KataGo#751: a cuDNN for CUDA 10.2 beside
        # CUDA 11.2).
        name="cudnn-needs-cublas-windows",
        needles=("Could not locate cublas", "Could not load library cublas"),
        pattern=compiled(
            r"Could not (?:locate (?P<lib>cublas(?:Lt)?64_\d+\.dll)\. Please make sure it is in"
            r" your library path|load library (?P<loaded>cublas(?:Lt)?64_\d+\.dll)\. Error code"
            r" 126)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="cuDNN needs cuBLAS's {lib}{loaded}, which is not on PATH",
        fix=(
            "The cuDNN that loads was built for the CUDA this cuBLAS belongs to (the digits:"
            " cublas64_100.dll is CUDA 10.0, cublas64_10.dll 10.1-10.2, cublas64_11.dll 11.x):"
            " install the cuDNN download made for the CUDA you use, or put that CUDA's bin"
            " folder on PATH."
        ),
        source="https://github.com/hacksider/Deep-Live-Cam/issues/1063",
        subject="{lib}{loaded}",
        explained_by=DRIVER_ROOTS,
    ),
    cudnn_needs_cublas(
        12,
        other_cuda=11,
        tf_versions=">=2.5,<2.15",
        install=(
            "the cuDNN build for CUDA 11 (e.g. libcudnn8=8.x.x-1+cuda11.8, or the"
            " nvidia-cudnn-cu11 wheel), or a TensorFlow built for CUDA 12 (2.15 or later)"
        ),
        source="https://github.com/tensorflow/tensorflow/issues/61326",
    ),
    cudnn_needs_cublas(
        11,
        other_cuda=12,
        tf_versions=">=2.15",
        install=(
            "the cuDNN build for CUDA 12 (the nvidia-cudnn-cu12 wheel that"
            " 'tensorflow[and-cuda]' pins), or a TensorFlow built for CUDA 11 (2.14 or earlier)"
        ),
        source="https://github.com/AlexeyAB/darknet/issues/8601",
    ),
    Signature(
        # TF-TRT was called while libnvinfer could not be loaded: the TensorRT stub has no
        # symbol to give and aborts (tf2tensorrt/stub/nvinfer_stub.cc), or the converter
        # refuses (trt_convert.py: is_tensorrt_enabled() is false when the dlopen failed), or
        # TF 1.x's contrib module says so on import. A warning: TensorRT is optional and the
        # GPU itself may work; what fails is TF-TRT.
        name="tf-trt-without-tensorrt",
        needles=(
            "symbol not found.",
            "built with TensorRT support",
            "Failed to initialize TensorRT",
        ),
        pattern=compiled(
            r"nvinfer_stub\.cc:\d+\] (?P<symbol>\w{1,80}) symbol not found\."
            r"|Tensorflow (?:needs to be|has not been) built with TensorRT support"
            r"|Failed to initialize TensorRT\. This is either because the TensorRT installation"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "TF-TRT was used, but TensorRT's libnvinfer could not be loaded, so TF-TRT fails (the"
            " GPU itself does not need TensorRT)"
        ),
        fix=TF_TRT_FIX,
        source=TF_TRT_SOURCE,
        subject="tensorrt",
    ),
    Signature(
        # TF 1.x's TF-TRT comparing the TensorRT it loaded with the one it was built with;
        # TF 2.x words it 'Loaded TensorRT X but linked TensorFlow against TensorRT Y'.
        name="tensorrt-version-mismatch",
        needles=("TensorRT mismatch. Compiled against", "but linked TensorFlow against TensorRT"),
        pattern=compiled(
            r"TensorRT mismatch\. Compiled against version (?P<built>\d+(?:\.\d+)*), but loaded"
            r" (?P<loaded>\d+(?:\.\d+)*)"
            r"|Loaded TensorRT (?P<loaded2>\d+(?:\.\d+)*) but linked TensorFlow against TensorRT"
            r" (?P<built2>\d+(?:\.\d+)*)"
        ),
        finding_id="cuda-version-mismatch",
        severity=Severity.WARNING,
        title=(
            "TF-TRT loaded TensorRT {loaded}{loaded2}, not the {built}{built2} this TensorFlow was"
            " built with (TensorRT is optional: only TF-TRT is affected)"
        ),
        fix=(
            "Install TensorRT {built}{built2}, or use NVIDIA's NGC TensorFlow container, which"
            " pairs them."
        ),
        source="https://github.com/tensorflow/tensorrt/issues/85",
        subject="tensorrt",
    ),
    Signature(
        name="cudnn-needs-cuda-library",
        needles=("Could not load library libcudnn",),
        pattern=compiled(
            r"Could not load library libcudnn\w*\.so[.\d]*\. Error:"
            rf" (?P<lib>lib(?:{CUDA_LIB_NAMES})\.so[.\d]*): cannot open shared object file"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="cuDNN needs the CUDA library {lib}{lib_version_note}, which cannot be found",
        fix=LIBS_FIX + "{unversioned_note}",
        source="https://github.com/AlexeyAB/darknet/issues/8601",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
        at_work=True,
    ),
    Signature(
        name="cudnn-zlib-missing",
        needles=("zlibwapi.dll",),
        pattern=compiled(r"Could not (?:locate|load) (?P<lib>zlibwapi\.dll)"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN cannot run: the zlib library it needs on Windows ({lib}) is missing",
        fix=(
            "cuDNN 8.3 and later need zlibwapi.dll on Windows: install it as NVIDIA's cuDNN"
            " installation guide describes (zlib for Windows, its dll folder on PATH), or use"
            " cuDNN 8.1 with TensorFlow 2.10."
        ),
        source="https://docs.nvidia.com/deeplearning/cudnn/archives/cudnn-890/install-guide/index.html",
        subject="{lib}",
        at_work=True,
    ),
    Signature(
        name="unable-to-load-cudnn-dso",
        needles=("DSO",),
        pattern=compiled(r"Unable to load cuDNN DSO"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load cuDNN",
        fix=(
            "Install the cuDNN version this TensorFlow was built with and put it on the loader"
            " path."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/5591",
        explained_by=DRIVER_ROOTS | frozenset({"cudnn-not-found"}),
    ),
    Signature(
        # The other libraries' wording in the same old loader (TF 0.x-1.3); the line before it
        # names the file ("Couldn't open CUDA library libcublas.so.8.0").
        name="unable-to-load-cuda-dso",
        needles=("DSO",),
        pattern=compiled(r"Unable to load (?P<lib>cuBLAS|cuFFT|cuRAND) DSO"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow could not load {lib}, a CUDA library of the version it was built with",
        fix=LIBS_FIX,
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.3.0/tensorflow/stream_executor/"
            "cuda/cuda_blas.cc"
        ),
        subject="{lib}",
        explained_by=DRIVER_ROOTS | frozenset({"cuda-libs-not-found"}),
    ),
    Signature(
        # CTranslate2's loader (faster-whisper and the tools built on it), which opens the CUDA
        # libraries itself when it first needs them.
        name="ctranslate2-cuda-library-not-loaded",
        needles=(" is not found or cannot be loaded",),
        pattern=compiled(
            r"Library (?P<lib>(?:lib)?(?!cudnn)(?:cu|nv)\w{1,20}(?:\.dll|\.so(?:\.\d{1,3}){0,3}))"
            r" is not found or cannot be loaded"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="The CUDA library {lib}{lib_version_note} is not found or cannot be loaded",
        fix=(
            "Install the CUDA release whose library this is (the major in its name:"
            " cublas64_11.dll is CUDA 11's, libcublas.so.12 CUDA 12's) and put its library"
            " folder on PATH (Windows) or LD_LIBRARY_PATH; NVIDIA's pip wheels of that major"
            " (nvidia-cublas-cu12, ...) give it without a system install."
        ),
        source="https://github.com/Purfview/whisper-standalone-win/issues/237",
        subject="{lib}",
    ),
    Signature(
        name="ctranslate2-cudnn-not-loaded",
        needles=(" is not found or cannot be loaded",),
        pattern=compiled(
            r"Library (?P<lib>(?:lib)?cudnn\w{0,20}(?:\.dll|\.so(?:\.\d{1,3}){0,3}))"
            r" is not found or cannot be loaded"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="The cuDNN library {lib}{lib_version_note} is not found or cannot be loaded",
        fix=(
            "Install the cuDNN of that major version for the CUDA in use and put its library"
            " folder on PATH (Windows) or LD_LIBRARY_PATH, or pip install NVIDIA's cuDNN wheel"
            " of that CUDA major (nvidia-cudnn-cu12)."
        ),
        source="https://github.com/Purfview/whisper-standalone-win/issues/62",
        subject="{lib}",
    ),
    Signature(
        name="dnn-library-not-found",
        needles=("DNN library",),
        # ('DNN library not found', as reporters retype it: tensorflow#65033; not another
        # tool's 'cuDNN library not found', about a library that is missing)
        pattern=compiled(
            r"(?<![A-Za-z])DNN library (?P<what>(?:is )?not found|initialization failed)"
        ),
        # Stream executor says this when its cuDNN handle was never created. Since TF 2.1 a
        # GPU is only registered once libcudnn itself opened, so at run time the library was
        # there and refused to start: a cuDNN older than, or of another major than, the one
        # TensorFlow was built with. A libcudnn that did not open, or a GPU out of memory,
        # has its own line and explains this one.
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title="cuDNN was found but could not be started: DNN library {what}",
        fix=(
            "The cuDNN that loads is not the one this TensorFlow was built with (most often"
            " older): install the cuDNN version of this release (pip: 'tensorflow[and-cuda]'"
            " pins it from 2.14; before 2.14 install it by name, TensorFlow's tested build"
            " configurations list it) and remove older copies that load first (a system or"
            " conda cuDNN, or another framework's wheel), or install the TensorFlow release built"
            " for the CUDA and cuDNN installed ('tfgpu-setup plan' picks it); in a hosted"
            " notebook, keep the TensorFlow its runtime preinstalls."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.9.0/tensorflow/stream_executor/"
            "stream_executor_pimpl.cc"
        ),
        # (the GPU without kernels in the build: 'no kernel image' before the handle)
        explained_by=DRIVER_ROOTS
        | frozenset(
            {
                "cudnn-not-found",
                "cudnn-version-mismatch",
                "gpu-out-of-memory",
                "compute-capability-unsupported",
            }
        ),
        variants=(handle_failed_first("DNN library {what}"),),
        # (raised by an op placed on a GPU device: the device existed)
        at_work=True,
    ),
    Signature(
        # XLA's GPU compiler checks the stream has a DNN before it compiles a graph with
        # convolutions (TF 2.11 and 2.12 and the jaxlib of that time; later XLA says 'DNN
        # library initialization failed', read above): the same handle never created.
        # Settled threads with it were each a cuDNN older than the build (3 of 3:
        # romilbert/samformer#8, jax-ml/jax#15230, tensorflow/tfx#5966).
        name="xla-no-dnn",
        needles=("dnn != nullptr",),
        pattern=compiled(
            r"RET_CHECK failure \([^()\n]{0,300}?gpu_compiler\.cc:\d{1,5}\) dnn != nullptr"
        ),
        finding_id="cudnn-version-mismatch",
        severity=Severity.ERROR,
        title="cuDNN was found but could not be started: XLA's check 'dnn != nullptr' failed",
        fix=(
            "The cuDNN that loads is not the one this TensorFlow was built with (most often"
            " older; a Docker image's own cuDNN, or a system or conda copy): install the cuDNN"
            " version of this release (pip: 'tensorflow[and-cuda]' pins it; for jaxlib, its"
            " 'jax[cuda12]' extra) and remove older copies that load first."
        ),
        source="https://github.com/romilbert/samformer/issues/8",
        explained_by=DRIVER_ROOTS
        | frozenset({"cudnn-not-found", "cudnn-version-mismatch", "gpu-out-of-memory"}),
        variants=(handle_failed_first("dnn != nullptr"),),
    ),
    Signature(
        name="ld-library-path-empty-entry",
        needles=("LD_LIBRARY_PATH: ",),
        pattern=compiled(r"LD_LIBRARY_PATH: (?P<value>(?=:|\S*::|\S*:(?:[\s;`]|$))[^\s;`]*)"),
        finding_id="ld-library-path-empty-entry",
        severity=Severity.INFO,
        title="LD_LIBRARY_PATH has an empty entry: {value}",
        fix=(
            "An empty entry (a leading, trailing or doubled ':') makes the loader search the"
            " current directory. Build the value with ${{LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}}."
        ),
        source="https://man7.org/linux/man-pages/man8/ld.so.8.html",
        subject="{value}",
    ),
    Signature(
        # cuDNN 8's sub-libraries from two copies mixed (a system cuDNN before the wheel's):
        # one calls a symbol the other's version does not define.
        name="cudnn-sublibraries-mixed",
        needles=("Could not load library libcudnn",),
        pattern=compiled(
            r"Could not load library (?P<lib>libcudnn\w*\.so[.\d]*)\. Error: (?P<path>\S+):"
            r" (?:undefined symbol: [^\n]{0,400}?, version libcudnn|version `?libcudnn)"
        ),
        finding_id="ld-library-path-shadows",
        severity=Severity.ERROR,
        title=(
            "Two cuDNN copies are mixed: {lib} comes from {path}, whose version does not match"
            " the cuDNN library that loaded first"
        ),
        fix=(
            "Keep one cuDNN on the loader path: remove the other copy's folder from"
            " LD_LIBRARY_PATH (often /usr/local/cuda/lib64 with a system cuDNN), or uninstall the"
            " one you do not use."
        ),
        source="https://github.com/pytorch/pytorch/issues/119989",
        subject="{lib}",
    ),
)
