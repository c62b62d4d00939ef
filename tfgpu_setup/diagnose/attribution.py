"""Which program a failing library load belongs to.

Users paste one traceback for a whole environment: a CUDA library that onnxruntime, PyTorch,
CuPy or JAX could not load at import ('OSError: libcudart.so.10.1: cannot open shared object
file', raised under onnxruntime/capi/_ld_preload.py) says what that package was built for, not
what TensorFlow needs. jaxlib logs from its own copy of XLA (external/xla/xla/, and before that
TensorFlow's code under external/org_tensorflow/): where the log shows JAX and not TensorFlow's
Python, its cuDNN check or cuInit failure is JAX's.
Such lines are set aside before the signatures' findings are judged.

Pure: text and matches in, matches out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .logs import LogMatch, line_start
from .signatures.benign import CUINIT_FAILURES

FRAME = re.compile(r'^[ \t>]*File "(?P<path>[^"\n]{1,400})", line \d{1,7}', re.MULTILINE)
"""A Python traceback's frame line, and the file it names."""
_OTHER_PACKAGE = re.compile(
    # any installed package's own import but TensorFlow's and the packages of its distribution
    # (deepspeech's native module asking for CUDA 8.0 under TensorFlow 1.8, DeepSpeech#1388)
    r"[/\\](?:site|dist)-packages[/\\](?!(?:tensorflow|tensorflow_core|tensorflow_estimator"
    r"|keras|tf_keras|tensorboard)[/\\])(?P<package>[A-Za-z_][\w]{0,60})[/\\]"
)
_STANDARD_LIBRARY = re.compile(
    # a path in Python's own library, with no site-packages folder in it: '<frozen
    # importlib._bootstrap>', '/usr/lib/python3.7/ctypes/...', Fedora's '/usr/lib64/python3.6/
    # imp.py', 'C:\\Python38\\Lib\\ctypes\\...'
    r"^<frozen |^(?![^\n]*(?:site|dist)-packages)[^\n]*"
    r"[/\\]lib(?:64)?(?:[/\\]python\d\.\d{1,2})?[/\\]",
    re.IGNORECASE,
)
_EXCEPTION_LINE = re.compile(r"^[ \t>]*(?:OSError|ImportError|RuntimeError)\b")
LOOKBACK_CHARS = 4000
"""How far above the exception its traceback's frames are looked for."""
LIBRARY_IDS = frozenset({"cuda-libs-not-found", "cudnn-not-found"})
_ENV_COLLECT_CHECK = re.compile(r"[/\\]check_tf\.py$")
"""The check TensorFlow's issue template runs (tools/tf_env_collect.sh writes /tmp/check_tf.py):
its 'with tf.Session()' fails under every TensorFlow 2 (tensorflow#53229), which says nothing of
the user's code."""
MAX_LINES_CHECKED = 64
"""Distinct lines whose traceback is looked up: each lookup searches the text for the line."""


def raised_by_another_package(text: str, match: LogMatch) -> str:
    """The package whose import raised this library failure, when its traceback's innermost
    frame is another framework's file; '' otherwise."""
    if match.signature.finding_id not in LIBRARY_IDS or not _EXCEPTION_LINE.match(match.line):
        return ""
    found = _OTHER_PACKAGE.search(innermost_frame(text, match))
    return found["package"] if found else ""


def innermost_frame(text: str, match: LogMatch) -> str:
    """The file of the innermost traceback frame above this line that is not Python's own
    (ctypes, importlib): whose import it was. '' without a traceback."""
    position = text.find(match.line)
    if position == -1:
        return ""
    frames = FRAME.findall(text, max(0, position - LOOKBACK_CHARS), position)
    return next((path for path in reversed(frames) if not _STANDARD_LIBRARY.search(path)), "")


_CUDNN_LOADER_LINE = re.compile(r"^[ \t>]*(?:Could not load library|Please make sure) libcudnn")
"""cuDNN's own loader, which prints the same words in any program that uses cuDNN."""
_TYPED_COMMAND = re.compile(
    # a shell's or Python's prompt and what was typed after it
    r"^[ \t]*(?:\([\w.-]{1,60}\) )?(?:[\w.-]{1,60}@[\w.-]{1,80}:[^\n$#]{0,300})?"
    r"(?:\$|>>>|In \[\d{1,5}\]:) (?P<command>[^\n]{1,600})",
    re.MULTILINE,
)
_OTHER_FRAMEWORK_COMMAND = re.compile(
    r"\b(?P<package>torch|onnxruntime|ctranslate2|faster_whisper|whisperx|paddle|mxnet)\b"
)
_TENSORFLOW_COMMAND = re.compile(r"\b(?:tensorflow|keras|import tf)\b")


def typed_for_another_package(text: str, match: LogMatch) -> str:
    """The framework a command typed just before cuDNN's loader line names (python -c "import
    torch; ..."), where it names no TensorFlow: that program's cuDNN, not TensorFlow's. ''
    otherwise."""
    if not _CUDNN_LOADER_LINE.match(match.line):
        return ""
    position = line_start(text, match.line_number)
    commands = list(_TYPED_COMMAND.finditer(text, max(0, position - LOOKBACK_CHARS), position))
    if not commands or _TENSORFLOW_COMMAND.search(commands[-1]["command"]):
        return ""
    framework = _OTHER_FRAMEWORK_COMMAND.search(commands[-1]["command"])
    return framework["package"] if framework else ""


_JAXLIB_OWN = re.compile(r"\bXlaRuntimeError\b")
"""The exception jaxlib raises (TensorFlow raises its own errors)."""
_PYTORCH_OWN = re.compile(r"^[ \t>]*(?:RuntimeError|torch\.AcceleratorError): CUDA error: ")
"""PyTorch's CUDA check as Python shows it (c10's C10_CUDA_CHECK: 'RuntimeError: CUDA error: no
kernel image is available for execution on the device'); TensorFlow raises its own error classes
for the same statuses, so the line is PyTorch's even where the paste shows nothing else of it (its
last line pasted alone)."""
HOST_IDS = frozenset(
    {"xla-toolchain-missing", "ptxas-newer-than-driver", "driver-library-mismatch"}
)
"""What jaxlib says of the machine's ptxas, libdevice and driver: the toolchain on that
machine, which the settled threads fixed there (jax-ml/jax#25344,
conda-forge/jaxlib-feedstock#288), and a kernel module of another version than libcuda, which
every program on the machine meets (jax#11477, fixed by aligning the driver): those lines are
not set aside."""
HOST_SIGNATURES = (CUINIT_FAILURES - {"cuinit-stub-library"}) | {"dlopen-driver"}
"""The driver itself failing as jaxlib met it: no libcuda.so.1, or cuInit refused (its uvm module
not loaded, no device visible), which TensorFlow on the same machine meets too (AlphaFold's
non-docker thread #13, fixed by reinstalling the driver; jaxsim#50). A stub libcuda on the path
is that process's own search path, and stays jaxlib's."""
_VENDORED_TENSORFLOW = re.compile(r"\bexternal/(?:org_tensorflow|xla/xla)/")
"""TensorFlow's code or XLA as another build vendors them: jaxlib, TensorFlow Serving, Intel's
extension (TensorFlow's own XLA lives in external/local_xla/)."""
_JAX_CONTEXT = re.compile(
    r"\bjax[/.]_src[/.]|\bjaxlib\b|\bxla_bridge\.py\b|\bXlaRuntimeError\b|\bimport jax\b"
    r"|\bjax\.devices\("
)
_TENSORFLOW_CONTEXT = re.compile(
    r"(?:site|dist)-packages[/\\]tensorflow[/\\]|\bimport tensorflow\b|\btensorflow/python/"
)
CONTEXT_CHARS = 2_000_000
_OWN_TREE = re.compile(
    r"(?<![\w/])(?:tensorflow/(?:core|stream_executor|compiler)|external/local_xla)/"
)
"""TensorFlow's own records, not under another build's external/ folder."""


def logged_by_another_build(text: str) -> bool:
    """Whether TensorFlow's records here are another build's copy (jaxlib's, TensorFlow
    Serving's): its vendored tree, and not TensorFlow's Python nor its own source tree."""
    sample = text[:CONTEXT_CHARS]
    return (
        bool(_VENDORED_TENSORFLOW.search(sample))
        and not _TENSORFLOW_CONTEXT.search(sample)
        and not _OWN_TREE.search(sample)
    )


def logged_by_jaxlib(text: str) -> bool:
    """Whether lines under a vendored tree are jaxlib's: the log shows JAX, and either not
    TensorFlow's Python (TensorFlow Serving and Intel's extension log under those paths too) or
    TensorFlow's records under its own tree beside them (each record says whose it is)."""
    sample = text[:CONTEXT_CHARS]
    if not _JAX_CONTEXT.search(sample):
        return False
    return not _TENSORFLOW_CONTEXT.search(sample) or bool(_OWN_TREE.search(sample))


_CONDA_LISTED = re.compile(r"^[ \t>]*-[ \t]+(?P<spec>[A-Za-z][^\s]{0,200})", re.MULTILINE)
_PACKAGE_NAME = re.compile(r"[A-Za-z][\w.-]{0,80}")
CONDA_LIST_CHARS = 2000
"""How far below conda's PackagesNotFoundError the packages it could not find are listed."""


def conda_could_not_find(text: str, match: LogMatch) -> list[str]:
    """The specs conda lists under its PackagesNotFoundError ('tensorflow-gpu==2.6.0=cuda112py39
    h0bbbad9_2'), without the channels it lists after them."""
    if match.signature.name != "conda-packages-not-found":
        return []
    # by line number: conda's header line is the same for every failure
    position = line_start(text, match.line_number)
    specs = [m["spec"] for m in _CONDA_LISTED.finditer(text, position, position + CONDA_LIST_CHARS)]
    return [s for s in specs if not s.startswith(("http", "defaults", "conda-forge"))]


def missing_from_conda(text: str, match: LogMatch) -> str:
    """The package conda could not find, where its list does not name a TensorFlow ('' where
    it does, or shows none): 'cudatoolkit=11.2' missing on macOS is not TensorFlow's problem."""
    listed = [
        name[0]
        for spec in conda_could_not_find(text, match)
        if (name := _PACKAGE_NAME.match(spec)) is not None
    ]
    if not listed or any(p.lower().startswith(("tensorflow", "tf-nightly")) for p in listed):
        return ""
    return listed[0]


def set_apart(
    text: str, matches: Sequence[LogMatch]
) -> tuple[tuple[LogMatch, ...], tuple[str, ...]]:
    """TensorFlow's matches, and the packages whose own library failures were set aside."""
    own: list[LogMatch] = []
    others: dict[str, None] = {}
    raised_by: dict[str, str] = {}
    jax_logged = any(_VENDORED_TENSORFLOW.search(m.line) for m in matches) and logged_by_jaxlib(
        text
    )
    # TensorFlow's own GPU at work in the same log: the driver itself is fine, and a driver
    # pair jaxlib saw is its own process's libcuda (a compatibility copy it loaded)
    host_ids, host_signatures = HOST_IDS, HOST_SIGNATURES
    if any(m.signature.proves_gpu and not _VENDORED_TENSORFLOW.search(m.line) for m in matches):
        host_ids, host_signatures = HOST_IDS - {"driver-library-mismatch"}, frozenset()
    for m in matches:
        if m.signature.name == "tf1-api-under-tf2" and _ENV_COLLECT_CHECK.search(
            innermost_frame(text, m)
        ):
            continue
        jaxlib_line = _JAXLIB_OWN.search(m.line) or (
            jax_logged and _VENDORED_TENSORFLOW.search(m.line)
        )
        if (
            jaxlib_line
            and m.signature.finding_id not in host_ids
            and m.signature.name not in host_signatures
        ):
            others["jaxlib"] = None
            continue
        if _PYTORCH_OWN.match(m.line):
            others["torch"] = None
            continue
        candidate = m.signature.finding_id in LIBRARY_IDS and _EXCEPTION_LINE.match(m.line)
        if candidate and m.line not in raised_by and len(raised_by) < MAX_LINES_CHECKED:
            raised_by[m.line] = raised_by_another_package(text, m)
        if package := raised_by.get(m.line, "") or missing_from_conda(text, m):
            others[package] = None
        elif m.signature.finding_id in LIBRARY_IDS and (
            typed := typed_for_another_package(text, m)
        ):
            others[typed] = None
        else:
            own.append(m)
    return tuple(own), tuple(others)
