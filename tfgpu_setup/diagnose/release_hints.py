"""What a log says about the TensorFlow release that wrote it.

A version it printed, or else its source paths and the library names it loaded; and which of the
matrix's releases those admit. Pure: text and facts in, releases out.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from ..facts import Facts
from ..matrix.model import Matrix, TfRelease, is_day
from ..planner.evaluate import evaluate
from ..versions import parsed, specifier, xy
from .attribution import logged_by_another_build
from .paste import GPU_LIST_PRINTED

if TYPE_CHECKING:
    from .logfacts import LogFacts


MACOS_CUDA_LIBRARY = re.compile(
    r"\blibcu(?:da|dart|blas|dnn|fft|rand|solver|sparse)\.[\d.]{0,12}dylib\b"
)
"""A CUDA library of macOS: only a macOS GPU build loads one, PyPI's (1.1 and older) or a
community build of later releases (tensorflow-gpu-macosx)."""
_OFFICIAL_MACOS_CUDA = re.compile(r"\blibcu(?:dart|blas|fft|rand)\.(?:7\.5|8\.0)\.dylib\b")
"""CUDA 7.5 and 8.0 on macOS: the toolkits PyPI's macOS GPU builds (0.x to 1.1) were made for."""

_ASKED_FOR = (
    r"(?:load(?: dynamic)? library '?|dlopen library '?|find '|open CUDA library |opened"
    r" (?:dynamic|CUDA) library |ImportError: )"
)
"""The words TensorFlow's loader (or Python's import) puts before a library it looked for."""


def _dso_loader_line(opened: int, failed: int) -> re.Pattern[str]:
    """The loader's record of a library it opened, or could not load, at these line numbers."""
    return re.compile(
        rf"\btensorflow/stream_executor/platform/default/dso_loader\.cc:"
        rf"(?:{opened}\] Successfully opened|{failed}\] Could not load)"
    )


RELEASE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Where TensorFlow's CUDA code lived: tensorflow/stream_executor until 2.10, XLA's copy under
    # tensorflow/compiler/xla from 2.11, the external/local_xla and local_tsl trees from 2.15.
    # (not under external/org_tensorflow/: another build's copy, jaxlib's or TensorFlow
    # Serving's, whose releases are not pip's TensorFlow's; jax#5361)
    (re.compile(r"(?<!org_tensorflow/)\btensorflow/stream_executor/"), "<2.11"),
    (
        re.compile(r"(?<!org_tensorflow/)\btensorflow/compiler/xla/stream_executor/"),
        ">=2.11,<2.15",
    ),
    # CUDA's stubs in TSL's tree inside TensorFlow's, before it moved out to local_tsl (2.13's
    # 'tensorflow/tsl/cuda/cudart_stub.cc:28]', tensorflow#61689; until 2.11 they were
    # stream_executor's; review 110)
    (re.compile(r"(?<!org_tensorflow/)\btensorflow/tsl/cuda/"), ">=2.11,<2.15"),
    (re.compile(r"\bexternal/local_(?:xla|tsl)/"), ">=2.15"),
    # tf.contrib's own files, which 2.0 removed (a traceback through them: review 111)
    (re.compile(r"[/\\]tensorflow(?:_core)?[/\\]contrib[/\\]"), "<2.0"),
    # The CUDA runtime a release loads (TensorFlow's tested build configurations).
    (re.compile(r"\blib(?:cudart|cublas)\.so\.12\b"), ">=2.15"),
    (re.compile(r"\blib(?:cudart\.so\.11\.0|cublas\.so\.11)\b"), ">=2.4,<2.15"),
    (re.compile(r"\bcudart64_110\.dll\b"), ">=2.4,<2.11"),
    (re.compile(r"\b(?:libcudart\.so\.10\.1|cudart64_101\.dll)\b"), ">=2.1,<2.4"),
    # CUDA 10.0 named every library X.Y (10.1 kept that for cudart only: libcublas.so.10)
    (
        re.compile(
            r"\b(?:lib(?:cudart|cublas|cufft|curand|cusolver|cusparse)\.so\.10\.0"
            r"|(?:cudart|cublas|cufft|curand|cusolver|cusparse)64_100\.dll)\b"
        ),
        "<2.1",
    ),
    # CUDA 9.x and older: only TensorFlow 1.x was built with them (matrices/ starts at 2.0).
    (re.compile(r"\blib(?:cudart|cublas|cufft|curand|cusolver)\.so\.[5-9]\.\d\b"), "<2.0"),
    (re.compile(r"\b(?:cudart|cublas|cufft|curand|cusolver)64_[5-9]\d\.dll\b"), "<2.0"),
    # cuDNN's major by release: 5 until 1.2, 6 in 1.3 and 1.4, 7 from 1.5 to 2.3 (2.4 moved to
    # cuDNN 8; TensorFlow's tested build configurations)
    # (only where TensorFlow asks for it: a file listing shows what is installed, often a
    # cuDNN left from an earlier release)
    (re.compile(_ASKED_FOR + r"(?:libcudnn\.so\.[56]|cudnn64_[56]\.dll)\b"), "<2.0"),
    (re.compile(_ASKED_FOR + r"(?:libcudnn\.so\.7|cudnn64_7\.dll)\b"), "<2.4"),
    # Until 1.13 the CUDA and cuDNN libraries were linked into TensorFlow's module, so a missing
    # one stopped the import itself; 1.14 on open them through the dso_loader and log 'Could
    # not dlopen library' / 'Could not load dynamic library' instead (tensorflow#17185, #31974)
    (
        re.compile(
            r"ImportError: lib(?:cudart|cublas|cudnn|cufft|curand|cusolver|cusparse)\.so[.\d]*:"
            r" cannot open shared object file"
        ),
        "<1.14",
    ),
    # macOS builds had CUDA until 1.1 (1.2 dropped GPU support on macOS): one that names a
    # CUDA .dylib is one of them
    (_OFFICIAL_MACOS_CUDA, "<1.2"),
    # Native Windows builds have no CUDA from 2.11 (the wheel is tensorflow-intel's CPU build):
    # one that loads a CUDA DLL is 2.10 or older.
    (
        re.compile(
            r"\b(?:cudart|cublas|cublasLt|cudnn|cufft|curand|cusolver|cusparse)64_\d+\.dll\b"
        ),
        "<2.11",
    ),
    # 2.4 stopped registering the XLA_CPU/XLA_GPU devices unless asked, and says so at start
    (re.compile(r"Not creating XLA devices, tf_xla_enable_xla_devices not set"), ">=2.4"),
    # Python 3.8 began naming the module in 'DLL load failed while importing X'; TensorFlow 2.2
    # was the first release for Python 3.8.
    (re.compile(r"DLL load failed while importing _?pywrap_"), ">=2.2"),
    # tensorflow_self_check.py, the Windows install check written for TensorFlow 1.x, naming a
    # DLL it looks for ('Could not load 'cudnn64_5.dll'. The GPU version of TensorFlow ...')
    (re.compile(r"Could not load '\w{1,20}\.dll'\. The GPU version of TensorFlow"), "<2.0"),
    # Colab's own TensorFlow 1.x (%tensorflow_version 1.x) lived in /tensorflow-1.15.2/python3.7/
    (
        re.compile(r"/tensorflow-1\.\d{1,2}\.\d{1,2}/python3\.\d{1,2}/|TensorFlow 1\.x selected\."),
        "<2.0",
    ),
    # 2.2 replaced SWIG's pywrap_tensorflow_internal (loaded by swig_import_helper) with
    # pybind11's _pywrap_tensorflow_internal: the import that fails names it from 2.2 on
    # (tensorflow#39007, #93561; 2.1's tracebacks run through tensorflow_core's swig loader)
    (re.compile(r"from tensorflow\.python\._pywrap_tensorflow_internal import"), ">=2.2"),
    # ... and SWIG's module before it, imported by the same line without the underscore
    (re.compile(r"from tensorflow\.python\.pywrap_tensorflow_internal import"), "<2.2"),
    # ... and releases before 2.2 load it through SWIG's helper, in the frame under it
    (
        re.compile(
            r"\bpywrap_tensorflow_internal\.py\"?,?[\s>]{0,20}line \d{1,5},? in swig_import_helper"
        ),
        "<2.2",
    ),
    # ... whose last fallback imports the bare module, so the failure names it so
    # (tensorflow#10111, #11045: Windows 1.x builds without their CUDA DLLs)
    (re.compile(r"No module named '_pywrap_tensorflow_internal'"), "<2.2"),
    # ... and outside tensorflow_core (1.15 to 2.1 loaded it from there) before 1.15
    (
        re.compile(
            r"[/\\]tensorflow[/\\]python[/\\]pywrap_tensorflow_internal\.py\"?,?[\s>]{0,20}"
            r"line \d{1,5},? in swig_import_helper"
        ),
        "<1.15",
    ),
    # The tensorflow_core package held TensorFlow's modules in 1.15, 2.0 and 2.1 only
    (re.compile(r"[/\\]tensorflow_core[/\\]"), ">=1.15,<2.2"),
    # TensorFlow 1.x's generated API modules, as an AttributeError on them names them
    # ('tensorflow._api.v1.config'); 2.x's own are _api.v2 (tensorflow.compat.v1 aside)
    (re.compile(r"\btensorflow(?:_core)?\._api\.v1\.(?!compat\b)"), "<2.0"),
    # the question itself failing: tf.config.list_physical_devices came in 2.1, the tf.config
    # module (its 'experimental' list) in 1.14
    (
        re.compile(
            r"AttributeError: module '[\w.]{1,80}config' has no attribute"
            r" 'list_physical_devices'"
        ),
        "<2.1",
    ),
    (re.compile(r"AttributeError: module 'tensorflow' has no attribute 'config'"), "<1.14"),
    # TensorFlow 1.x's graph errors: the failed node as '[[Node: name = Op[...]]]', or
    # '[[node name (defined at file:line)  = Op[...]]]' (segmentation_models#44; 1.13 on wrote
    # '[[{{node name}}]]', 2.x no '= Op[...]'), and where the op was defined as 'Caused by op'
    # (2.x writes 'Original stack trace for')
    (
        re.compile(
            r"\[\[Node: [^\s=\]]{1,300} = \w{1,80}\["
            r"|\[\[node [^\s=\]]{1,300} \(defined at [^\n]{1,400}?\)[ \t]{1,4}= \w{1,80}\["
            r"|\bCaused by op '[^'\n]{1,300}', defined at"
        ),
        "<2.0",
    ),
    # The loader's own line numbers in platform/default/dso_loader.cc, which changed with the
    # releases that edited it ('Successfully opened' / 'Could not load'): 44/55 in 1.15 to 2.2,
    # 48/59 in 2.3, 49/60 in 2.4, 53/64 from 2.5 until 2.11 moved the file under compiler/xla
    (_dso_loader_line(opened=44, failed=55), ">=1.15,<2.3"),
    (_dso_loader_line(opened=48, failed=59), ">=2.3,<2.4"),
    (_dso_loader_line(opened=49, failed=60), ">=2.4,<2.5"),
    (_dso_loader_line(opened=53, failed=64), ">=2.5,<2.11"),
    # TensorFlow 0.x's device records: found and mapped in gpu_init.cc, run by local_session.cc
    # (tensorflow#394); from 1.0 gpu_device.cc prints them, and direct_session.cc runs
    (
        re.compile(
            r"\btensorflow/core/common_runtime/(?:gpu/gpu_init\.cc:\d{1,5}\] (?:DMA:|Found device)"
            r"|local_session\.cc)"
        ),
        "<1.0",
    ),
    # TensorFlow 1.x's own wording: the loader before it moved to platform/default (1.13),
    # and the wrappers that looked each function up in a library's DSO (1.13 moved to stubs).
    (
        re.compile(
            r"\btensorflow/stream_executor/dso_loader\.cc|successfully opened CUDA library"
            r"|Couldn't open CUDA library"
            r"|could not find \w{1,80} in (?:cu[Dd][Nn][Nn]|cuBLAS|cublas|cuFFT|cufft|curand"
            r"|cusolver) DSO; dlerror"
            # cuDNN's version as one number ('5005 (compatibility version 5000)') until 1.13
            r"|Loaded runtime CuDNN library: \d{4,5} \(compatibility version"
        ),
        "<2.0",
    ),
)
"""What a log's source paths and library names say about the TensorFlow release that wrote it."""

CPU_ONLY_DISTRIBUTIONS = frozenset(
    {
        "tensorflow-cpu",
        "tensorflow-aarch64",
        "intel-tensorflow",
        "tensorflow-macos",
        "tf-nightly-cpu",
    }
)


_PRINTED_SEPARATOR = r"(?:[^\w<>=!]|=(?!=)){0,12}"
"""What stands between a version's name and the version printed: never a comparison
('if tf.__version__ < "2.16.0":' is a traceback's echoed code, not a print; review 110)."""


_PRINTED_VERSION = re.compile(
    # ('Tensorflow version (GPU?): 2.18.0 (False)': transformers-cli env)
    # (and a notebook's well-known check, 'Tensor Flow Version: 2.12.0': review 110)
    r"(?:(?:Tensor ?Flow|\bTF) version(?: \(GPU\?\))?|tf\.__version__|tf\.version\.VERSION)"
    + _PRINTED_SEPARATOR
    + r"(?:\n\s*)?"
    r"['\"]?(?P<version>[12]\.\d{1,2}\.\d{1,2}(?:-?rc\d)?)\b",
    re.IGNORECASE,
)


_LIBTENSORFLOW_ARCHIVE = re.compile(
    # the C library's archive, named by flavour, system and release (tensorflow#59016: the
    # Windows GPU archive of 2.11, which was never published)
    r"\blibtensorflow-(?:cpu|gpu)-(?:windows|linux|darwin)-x86_64-"
    r"(?P<version>[12]\.\d{1,2}\.\d{1,2})\.(?:zip|tar\.gz)\b"
)


LOCAL_BUILD_VERSION = re.compile(
    r"(?:Tensor ?Flow version|tf\.__version__|tf\.version\.VERSION)"
    + _PRINTED_SEPARATOR
    + r"(?:\n\s*)?['\"]?"
    r"[12]\.\d{1,2}\.\d{1,2}[\w.-]{0,20}\+[\w.]{1,40}",
    re.IGNORECASE,
)
"""A printed version with a PEP 440 local label, which PyPI never serves."""


_TF_SHAPED_VERSION = r"(?:1\.(?:1[0-5]|\d)|2\.\d{1,2})\.\d{1,2}(?:-?rc\d)?"
"""A version TensorFlow has had: 1.0 to 1.15, 2.x."""
VERSION_OUTPUT_LINES = 12
"""How many lines of a version command's output come before the version at most."""
_NEXT_PROMPT = r"[ \t]*(?:>>> |In \[\d|[$#%] |[\w.-]{1,60}@[\w.-]{1,80}[: ]|[A-Z]:\\[^\n>]{0,200}>)"
"""The prompt of the next command, where a command's output ends."""
_VERSION_COMMAND_OUTPUT = re.compile(
    r"(?:tf|tensorflow)\.(?:__version__|version\.VERSION)(?![ \t]*(?:[<>!]|==))[^\n]{0,300}\n"
    # (output lines, up to the next command's prompt: review 111, numpy's version printed by
    # the command after)
    rf"(?:(?!{_NEXT_PROMPT})[^\n]{{0,400}}\n){{0,{VERSION_OUTPUT_LINES}}}?"
    r"\s*['\"]?(?P<version>" + _TF_SHAPED_VERSION + r")['\"]?\s*$",
    re.MULTILINE,
)
"""A command that prints the version ('python -c "...print(tf.__version__)..."'), then the
version alone on a line within the next lines of output (TensorFlow's start-up records, a
dozen at most, come first when the import is in the same command): a version TensorFlow has
had (1.0 to 1.15, 2.x), before another command's prompt."""


_VERSION_AND_DEVICES = re.compile(
    r"^[ \t]*['\"]?(?P<version>[12]\.\d{1,2}\.\d{1,2}(?:-?rc\d)?)['\"]?" + GPU_LIST_PRINTED,
    re.MULTILINE,
)
"""print(tf.__version__, tf.config.list_physical_devices('GPU')): '2.14.0 []'."""


_GIT_AND_VERSION = re.compile(
    r"\bv\d{1,2}\.\d{1,2}\.\d{1,2}(?:-rc\d{1,2})?-\d{1,7}-g[0-9a-f]{6,12}[ \t]+"
    r"(?P<version>[12]\.\d{1,2}\.\d{1,2}(?:-?rc\d{1,2}|-dev\d{8})?)\b"
)
"""What the issue template's 'print(tf.version.GIT_VERSION, tf.version.VERSION)' prints:
'v2.16.1-0-g5bc9d26649c 2.16.1', a nightly's 'v1.12.1-106474-g8f3b7a1 2.16.0-dev20231212'."""


def printed_versions(text: str) -> list[str]:
    """Versions a script printed: 'TensorFlow version: 2.4.1', '>>> tf.__version__' + "'2.4.1'",
    TensorFlow's git and release versions, or a command printing tf.__version__ followed by the
    bare version."""
    found = [m.group("version") for m in _PRINTED_VERSION.finditer(text)]
    found += [m.group("version").replace("-dev", ".dev") for m in _GIT_AND_VERSION.finditer(text)]
    found += [m.group("version") for m in _VERSION_AND_DEVICES.finditer(text)]
    found += [m.group("version") for m in _LIBTENSORFLOW_ARCHIVE.finditer(text)]
    found = found or [v for m in _VERSION_COMMAND_OUTPUT.finditer(text) if (v := _tfs_own(m, text))]
    return found or [m.group("version") for m in _RELEASE_IMAGE_RUN.finditer(text)]


_RELEASE_IMAGE_RUN = re.compile(
    # (not typed at a Windows prompt: that release runs in Docker Desktop's Linux, while the
    # prompt makes the machine native Windows, where the release would be judged)
    r"^(?![ \t]*(?:PS [A-Za-z]:|[A-Za-z]:\\))[^\n]{0,200}?(?<![\w-])(?:docker|podman) run\b"
    r"[^\n]{0,400}?\s(?:docker\.io/)?tensorflow/tensorflow:"
    r"(?P<version>[12]\.\d{1,2}\.\d{1,2})(?:-gpu)?(?:-jupyter)?(?=\s|$)",
    re.MULTILINE,
)
"""A run of TensorFlow's own image of a release ('tensorflow/tensorflow:2.15.0-gpu'): the
TensorFlow that ran in it, where nothing printed another."""


_OTHER_VERSION_PRINTED = re.compile(
    r"\bprint\(\s*(?:(?!tf\b|tensorflow\b)\w+(?:\.\w+)*?\.(?:__version__|version\.version"
    r"|version\.VERSION)|platform\.python_version\(\))\s*\)"
)
"""Another module's version the same command prints alone on its line ('print(numpy.__version__)',
'print(np.version.version)'); one printed with a label is no bare version line."""
_BARE_VERSION = re.compile(
    r"^\s*['\"]?(?P<version>\d{1,4}\.\d{1,4}(?:\.\d{1,4})?[\w.+-]{0,20}?)['\"]?\s*$"
)
_TF_SHAPED = re.compile(_TF_SHAPED_VERSION)
_PROMPT_LINE = re.compile(_NEXT_PROMPT)


def _tfs_own(command: re.Match[str], text: str) -> str:
    """The version a command printing tf.__version__ printed for TensorFlow: where the command
    prints other modules' versions before it, TensorFlow's is the bare version line as many
    lines on (review 112: numpy's 2.0.2 printed first, then TensorFlow's 2.18.0)."""
    line_start = text.rfind("\n", 0, command.start()) + 1
    before = len(_OTHER_VERSION_PRINTED.findall(text, line_start, command.start()))
    if not before:
        return command.group("version")
    first_output = text.find("\n", command.start()) + 1
    output = text[first_output:].split("\n", VERSION_OUTPUT_LINES + 1)[: VERSION_OUTPUT_LINES + 1]
    ends = next((i for i, line in enumerate(output) if _PROMPT_LINE.match(line)), len(output))
    bare = [m["version"] for line in output[:ends] if (m := _BARE_VERSION.match(line))]
    if len(bare) <= before or not _TF_SHAPED.fullmatch(bare[before]):
        return ""
    return bare[before]


_XLA_GPU_DEVICE = re.compile(r"\bdevice:XLA_GPU:\d|device_type='XLA_GPU'")
_CUSOLVER_10 = re.compile(r"\b(?:libcusolver\.so\.10|cusolver64_10\.dll)\b")
_CUDA_11_RUNTIME = re.compile(
    r"\b(?:libcudart\.so\.11\.0|libcublas(?:Lt)?\.so\.11|cu(?:dart|blas|blasLt)64_11\d?\.dll)\b"
)


def release_hints(text: str) -> tuple[tuple[str, str], ...]:
    if logged_by_another_build(text):
        # jaxlib's or TensorFlow Serving's copy: its sonames and paths say nothing of a pip
        # TensorFlow's release (jax#5361)
        return ()
    hints = [
        (spec, found.group(0)) for pattern, spec in RELEASE_HINTS if (found := pattern.search(text))
    ]
    # The XLA_GPU device TensorFlow registered beside each GPU until 2.4 turned it off by
    # default: one listed or named is a release before 2.4, unless the log turns them back on
    # (TF_XLA_FLAGS=--tf_xla_enable_xla_devices; the 2.4 release notes)
    if (xla_gpu := _XLA_GPU_DEVICE.search(text)) and "tf_xla_enable_xla_devices" not in text:
        hints.append(("<2.4", xla_gpu.group(0)))
    # cuSOLVER's .so.10 is CUDA 10.1 to 11.0's: beside CUDA 11's runtime, only TensorFlow 2.4
    # (built with CUDA 11.0) asks for both
    if (cusolver := _CUSOLVER_10.search(text)) and _CUDA_11_RUNTIME.search(text):
        hints.append((">=2.4,<2.5", cusolver.group(0)))
    return tuple(hints)


_TF_LOG_DAY = re.compile(
    r"^[> \t]*(?P<day>20\d\d-[01]\d-[0-3]\d) [0-2]\d:[0-5]\d:[0-5]\d\.\d{6}: [IWEF] ", re.MULTILINE
)
_NVIDIA_SMI_DAY = re.compile(
    r"^[> \t|]*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) {1,2}(?P<date>[0-3]?\d) [0-2]\d:[0-5]\d:[0-5]\d (?P<year>20\d\d)\s*\|?[ \t]*$",
    re.MULTILINE,
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PREVIEW_DAYS = 120
"""How long before a release its nightlies and release candidates run: a log may be up to this
much older than the release that wrote it."""


def written_on(text: str) -> str:
    """The latest day a TensorFlow log line (its own 'YYYY-MM-DD hh:mm:ss.ffffff: I' prefix) or
    nvidia-smi's header carries, as YYYY-MM-DD; '' when none does."""
    days = [m.group("day") for m in _TF_LOG_DAY.finditer(text)]
    days += [
        f"{m.group('year')}-{_MONTHS.index(m.group('month')) + 1:02d}-{int(m.group('date')):02d}"
        for m in _NVIDIA_SMI_DAY.finditer(text)
    ]
    return max(filter(is_day, days), default="")


def published_by(release: TfRelease, day: str) -> bool:
    """Whether the release (or its previews) could have written a log on that day."""
    if not day or release.published is None:
        return True
    latest = datetime.date.fromisoformat(day) + datetime.timedelta(days=PREVIEW_DAYS)
    return datetime.date.fromisoformat(release.published) <= latest


def out_by(release: TfRelease, day: str) -> bool:
    """Whether the release itself, not a preview of it, was out on that day (False where the
    day or its publication is not known)."""
    return bool(day and release.published and release.published <= day)


def series_published_by(matrix: Matrix, version: str, day: str) -> bool:
    """Whether any release of this version's X.Y series could have written a log on that day
    (a series exists from its first release on, whatever its later patches)."""
    series = [r for r in matrix.tensorflow.releases if xy(r.version) == xy(version)]
    return not series or any(published_by(r, day) for r in series)


def releases_from_hints(matrix: Matrix, log: LogFacts, facts: Facts) -> tuple[str, ...]:
    """The releases that could have written the log: those all its hints admit (every release
    when it gives none) and whose series existed when it was written (its own dates), that
    could be installed with what is known, newest first, one per X.Y series (a patch release
    changes none of the facts a rule reads). () when the hints disagree."""
    admitted = sorted(
        (
            r
            for r in matrix.tensorflow.releases
            if all(parsed(r.version) in specifier(spec) for spec, _ in log.tf_range)
        ),
        key=lambda r: parsed(r.version),
        reverse=True,
    )
    dated = [r for r in admitted if published_by(r, log.written_on)]
    if dated or not log.tf_range or hints_admit_older(matrix, log):
        # the date narrows what the hints admit; where it rules out all of a range the paths
        # confine to the matrix's releases, the paths are the harder evidence (a preview older
        # than PREVIEW_DAYS, a wrong clock)
        admitted = dated
    if log.cudnn_compiled and (built := _built_with_that_cudnn(admitted, log.cudnn_compiled)):
        # TensorFlow names the cuDNN its build was compiled with: that names its builds outright
        admitted = built
    elif log.cudnn_loaded and (same := _loads_that_cudnn(admitted, log.cudnn_loaded)):
        # TensorFlow loads only its build's cuDNN major: the one it loaded names its builds
        admitted = same
    installable = [r for r in admitted if evaluate(r, facts, matrix, None).installable]
    if cpu_build_on_windows(log, facts):
        installable = [r for r in installable if not _windows_wheel_has_cuda(r)]
    newest_of_series: dict[str, str] = {}
    for r in installable or admitted:
        if not (log.written_on and r.published) or out_by(r, log.written_on):
            newest_of_series.setdefault(xy(r.version), r.version)
    for r in reversed(installable or admitted):
        # a series only previewed when the log was written: its first release
        newest_of_series.setdefault(xy(r.version), r.version)
    ordered = sorted(newest_of_series.values(), key=parsed, reverse=True)
    return tuple(ordered)


def _built_with_that_cudnn(releases: list[TfRelease], compiled: str) -> list[TfRelease]:
    """The releases whose build's cuDNN is the X.Y a log says the source was compiled with."""
    try:
        wanted = xy(compiled)
    except ValueError:
        return []
    return [r for r in releases if r.cudnn and xy(r.cudnn) == wanted]


def _loads_that_cudnn(releases: list[TfRelease], loaded: str) -> list[TfRelease]:
    """The releases built with the cuDNN major of the one a log shows loaded."""
    try:
        major = parsed(loaded).major
    except ValueError:
        return []
    return [r for r in releases if r.cudnn and parsed(r.cudnn).major == major]


def cpu_build_on_windows(log: LogFacts, facts: Facts) -> bool:
    """TensorFlow said it was built without CUDA on native Windows, installed by pip: no
    CPU-only distribution (tensorflow-cpu) is named, no conda environment (Anaconda's Windows
    builds of 2.1 to 2.10 include CPU ones) and no DirectML (which runs on tensorflow-cpu) is
    seen, any of which would explain it in any release."""
    on_windows = facts.knows("os") and facts.platform.os == "windows"
    cpu_only_named = any(d in CPU_ONLY_DISTRIBUTIONS for d in log.tf_distributions)
    explained = cpu_only_named or log.conda_line or log.directml_line
    return on_windows and bool(log.cpu_build_line) and not explained


def _windows_wheel_has_cuda(release: TfRelease) -> bool:
    """Whether 'pip install tensorflow' on native Windows gave a CUDA build of this release:
    2.1 to 2.10 (before 2.1 the GPU build was the separate tensorflow-gpu). A CPU-only build
    there is of another release."""
    windows = release.platforms.get("windows_x86_64")
    return release.package == "tensorflow" and windows is not None and windows.gpu


def release_open_below_matrix(
    matrix: Matrix, log: LogFacts, candidates: tuple[str, ...] = ()
) -> bool:
    """Whether the log's hints also admit a release older than any the matrix holds (its paths
    were used by TensorFlow 1.x too). A log with no hints admits every release, those too,
    unless the facts rule out even the matrix's oldest series (a Python 3.11 install holds
    2.12 or later): candidates are the releases they admit. A log without hints written
    before any of the matrix's releases existed is older (hints, where there are any, decide:
    a date that contradicts them is a preview's or a wrong clock's). The cuDNN a log says its
    build was compiled with, of a major no older build had, admits none of them."""
    if log.cudnn_compiled and matrix.tensorflow.legacy_builds:
        try:
            compiled = parsed(log.cudnn_compiled).major
        except ValueError:
            compiled = 0
        if compiled > max(parsed(b.cudnn).major for b in matrix.tensorflow.legacy_builds):
            return False
    if log.tf_range:
        return hints_admit_older(matrix, log)  # the paths outrank the date
    if log.written_on and not any(
        published_by(r, log.written_on) for r in matrix.tensorflow.releases
    ):
        return True
    series = [xy(r.version) for r in matrix.tensorflow.releases]
    oldest_series = min(series, key=parsed, default=None)
    return oldest_series is not None and any(xy(c) == oldest_series for c in candidates)


def hints_admit_older(matrix: Matrix, log: LogFacts) -> bool:
    """Whether the log's release hints (it has some) admit a release older than the matrix's."""
    oldest = min((parsed(r.version) for r in matrix.tensorflow.releases), default=None)
    if oldest is None or oldest.major < 1:
        return False
    below = parsed(f"{oldest.major - 1}.99")
    return all(below in specifier(spec) for spec, _ in log.tf_range)
