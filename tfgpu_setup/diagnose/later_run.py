"""A later run that could not import TensorFlow, after one that used the GPU.

People paste what they tried in order: a run that worked, then what they changed, then the run
that fails now ('pip install -U numpy' pulling NumPy 2 under a NumPy 1 build; the environment
copied to a machine whose CPU lacks AVX). The GPU the first run used is not the state they are
asking about: TensorFlow no longer imports. Only a new command typed after the GPU's line makes
it another run; a crash in the same run is work that failed on the GPU. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence

from packaging.version import InvalidVersion

from ..findings import Finding, Severity
from ..versions import parsed
from .activations import ACTIVATED, NOTEBOOK_CELL, prompt_environments
from .empty_gpu_list import NO_GPU_LISTED
from .logfacts import FOUND_BUT_FAILED, tensorflow_ran_after, tensorflow_ran_at
from .logs import LogMatch, line_start
from .signatures.model import BENIGN
from .sources import VENV_DOCS, quoted
from .visible_devices import hidden_on_purpose

ANY_MODULE = frozenset(
    {
        "numpy-2-under-a-numpy-1-build",
        "numpy-older-than-a-build",
        "protobuf-newer-than-generated-code",
        "protobuf-older-than-generated-code",
        "protobuf-without-builder",
    }
)
"""Lines that stop an import, which any extension module's import prints (OpenCV's under
NumPy 2 too)."""
IMPORT_STOPPERS = (
    FOUND_BUT_FAILED
    | ANY_MODULE
    | frozenset(
        {
            "kernel-trap-invalid-opcode-in-tensorflow",
            "windows-dll-init-failed",
            "windows-msvc-runtime-missing",
            "windows-msvc-preload-failed",
            "windows-page-file-too-small",
            "directml-plugin-for-another-tensorflow",
            # TensorFlow's own bfloat16 module refusing the NumPy installed, at import
            "numpy-bfloat16-registration",
            "numpy-2-under-tensorflows-bfloat16",
            # a C++ runtime older than TensorFlow's own library was built with
            "libstdcxx-version-not-found",
            "libstdcxx-from-the-library-path",
        }
    )
)
"""Lines that stop TensorFlow's import itself (not the user's code under it)."""
_TENSORFLOWS_IMPORT = re.compile(
    r"File \"[^\"\n]{0,300}[/\\]tensorflow[/\\][^\"\n]{0,300}\""
    r"|\bF tensorflow/python/[\w/]{1,200}\.cc:\d{1,5}\]"
)
"""A traceback frame in TensorFlow's own package, or a fatal record of its Python bindings."""


LINKED_AT_IMPORT = frozenset(
    {
        "import-cuda-library-missing",
        "import-cudnn-library-missing",
        "windows-dll-not-found",
        "cudnn-dll-not-found",
        "windows-nvcuda-not-found",
        "import-driver-library-missing",
        "directml-d3d12-missing",
        "glibc-version-not-found",
        "macos-cuda-library-not-loaded",
    }
)
"""A CUDA or cuDNN library missing as Python imports a module: TensorFlow 2.0 and older linked
CUDA (10.0 and older) and cuDNN (7 and older) and checked for its DLLs (and the driver's
nvcuda.dll) at import; from 2.1 on it opens them only when it looks for a GPU, which raises no
ImportError. The driver's libcuda.so.1 that a 1.x GPU build links, WSL's libd3d12.so that
tensorflow-directml links. And a glibc too old for its own native module."""


_LOADER_MESSAGE_ALONE = re.compile(
    r"[\s*_`>]*lib\w{1,30}\.so[.\d]{0,12}: cannot open shared object"
)
"""The loader's message of an ImportError, pasted without its 'ImportError: ' (no dso_loader
line, which would say 'dlerror:' before it)."""


def _linked_library_missing(match: LogMatch) -> bool:
    """TensorFlow's own import stopped by a CUDA library its build links: its Windows
    self-check ('Could not find 'cudart64_90.dll'. TensorFlow requires ...'), or an ImportError
    (or its message alone) for a library of CUDA 10.0 or older (libcublas.so.9.0), which only
    releases up to 2.0 linked."""
    if match.signature.name in (
        "windows-dll-not-found",
        "cudnn-dll-not-found",
        "windows-nvcuda-not-found",
    ):
        return "Could not find '" in match.line or "Could not load '" in match.line
    if match.signature.name in (
        "import-driver-library-missing",
        "directml-d3d12-missing",
        # a macOS CUDA build (1.1 and older) linking libcudart.X.dylib (tensorflow#6370)
        "macos-cuda-library-not-loaded",
    ):
        # TensorFlow 1.x's GPU build links the driver's libcuda.so.1, tensorflow-directml WSL's
        # libd3d12.so: their ImportError is the import failing, whatever CUDA the build has
        return "importerror" in match.line.lower()
    if match.signature.name == "glibc-version-not-found":
        # the C library too old for TensorFlow's own native module ('required by
        # .../tensorflow/python/_pywrap_tensorflow_internal.so')
        return "tensorflow" in match.line.lower()
    # (a title retyped in lower case too: 'importerror: libcublas.so.9.0', colabtools#442)
    if "importerror" not in match.line.lower() and not _LOADER_MESSAGE_ALONE.match(match.line):
        return False
    try:
        version = parsed(match.groups.get("lib_version", ""))
    except InvalidVersion:
        return False
    if match.signature.name == "import-cudnn-library-missing":
        return version.major <= 7  # cuDNN 8 came with 2.4, which opens it when it looks for a GPU
    return len(version.release) >= 2 and version <= parsed("10.0")


def stops_tensorflow(match: LogMatch, text: str) -> bool:
    """Whether an import-stopping line stopped TensorFlow's: a message any module prints
    counts only where the log shows TensorFlow's import in it."""
    if match.signature.name in LINKED_AT_IMPORT:
        return _linked_library_missing(match) and not tensorflow_ran_after(text, match.line_number)
    if match.signature.name not in IMPORT_STOPPERS:
        return False
    return (
        match.signature.name not in ANY_MODULE
        or bool(_TENSORFLOWS_IMPORT.search(text))
        or _typed_tensorflows_import_last(text, match.line_number)
    )


_IMPORTS_TENSORFLOW_ALONE = re.compile(
    r"(?:>>>|In \[\d{1,4}\]:)[ \t]*(?:import tensorflow(?: as \w{1,20})?|from tensorflow"
    r" import [\w, ]{1,200})[ \t]*\r?$"
    r"|\bpython[\d.]{0,5}(?:\.exe)? -c [\"']import tensorflow(?: as \w{1,20})?[;\"']"
)
"""A prompt's command importing TensorFlow alone (not 'import cv2, tensorflow')."""


def _typed_tensorflows_import_last(text: str, line_number: int) -> bool:
    """The last command typed before this line imports TensorFlow alone: what it printed is
    TensorFlow's import failing, though the paste kept no frame of it (review 96)."""
    end = line_start(text, line_number)
    commands = list(COMMAND.finditer(text, max(0, end - 20_000), end))
    if not commands:
        return False
    line_end = text.find("\n", commands[-1].start())
    typed = text[commands[-1].start() : line_end if line_end >= 0 else len(text)]
    # ('-c "import tensorflow as tf; import cv2"' imports another package after it)
    return (
        _IMPORTS_TENSORFLOW_ALONE.search(typed) is not None
        and _ANOTHER_IMPORT.search(typed) is None
    )


_ANOTHER_IMPORT = re.compile(r";[ \t]*(?:import|from)[ \t]+(?!tensorflow\b)\w")


NO_MODULE = "no-module-tensorflow"
EARLIER_RUN_USED_THE_GPU = (
    "an earlier run in the log used the GPU; this one, typed after it, could not import TensorFlow"
)

COMMAND = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?"
    r"(?:[\w.-]{1,64}@[\w.-]{1,64}:[^\n]{0,200}?[$#]|[$%#]|PS [A-Za-z]:\\[^\n>]{0,200}>"
    # (Red Hat's '[user@host dir]$')
    r"|\[[\w.-]{1,64}@[\w.-]{1,64}[ \t][^\n\]]{0,200}\][$#]"
    r"|[A-Za-z]:\\[^\n>]{0,200}>|>>>|In \[\d{1,4}\]:)[ \t]+\S"
    # (cmd.exe's prompt runs into the command: 'C:\Users\me>python train.py')
    r"|^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:PS )?[A-Za-z]:\\[^\n>]{0,200}>[^\s>]"
    # an IDE's run, its interpreter's full path first ('/home/me/miniconda3/bin/python
    # /home/me/proj/train.py', PyCharm; 'C:\\...\\python.exe c:/proj/train.py')
    r"|^[ \t]*(?:/[\w.+-]{1,80}){1,12}/python[\d.]{0,5}[ \t]+\S"
    r"|^[ \t]*[A-Za-z]:\\(?:[^\\\n]{1,80}\\){1,12}python[\d.]{0,5}\.exe[ \t\"]+\S",
    re.MULTILINE,
)
"""A command typed at a shell's, Python's or IPython's prompt."""
SHOWS_A_FILE = re.compile(
    r"(?:^|[$#>%][ \t]*)(?:cat|tail|head|less|more|type|Get-Content|gc|docker[ \t]+logs|kubectl"
    r"[ \t]+logs|journalctl)\b"
)
"""A command that prints what a run wrote before (its log file), not a run of its own."""


def after_the_last_gpu(matches: Sequence[LogMatch]) -> list[LogMatch]:
    """The lines logged after the last one that showed a GPU (none without such a line)."""
    shown = [m.position for m in matches if m.signature.proves_gpu]
    return [m for m in matches if m.position > max(shown)] if shown else []


WORKER_COULD_NOT_IMPORT = (
    "the GPU was in use, and a worker process the program started (multiprocessing's spawn,"
    " which imports the script and TensorFlow again) could not import TensorFlow"
)
_SPAWNED_WORKER = re.compile(r"[/\\]multiprocessing[/\\]spawn\.py\b|\bspawn_main\b")
"""A traceback of a process multiprocessing started: Windows and macOS start workers by
importing the main script again (a DataLoader's, Keras' workers=N with use_multiprocessing)."""


def import_failed_in_a_later_run(
    text: str, matches: Sequence[LogMatch]
) -> tuple[LogMatch, str] | None:
    """The first line stopping TensorFlow's import, after the last line that showed a GPU, in
    a command typed after that line or in a worker process the run started; with what says
    which."""
    after = after_the_last_gpu(matches)
    # (or the later command's Python has no TensorFlow at all: another interpreter than the
    # one that used the GPU, a notebook's kernel: review 92)
    stopper = next(
        (m for m in after if stops_tensorflow(m, text) or m.signature.name == NO_MODULE), None
    )
    if stopper is None:
        return None
    gpu_line = max(m.line_number for m in matches if m.signature.proves_gpu)
    if command_between(text, gpu_line, stopper.line_number):
        return stopper, EARLIER_RUN_USED_THE_GPU
    between = text[line_start(text, gpu_line + 1) : line_start(text, stopper.line_number + 1)]
    if stopper.signature.name != NO_MODULE and _SPAWNED_WORKER.search(between):
        return stopper, WORKER_COULD_NOT_IMPORT
    return None


def no_gpu_listed_in_a_later_run(text: str, matches: Sequence[LogMatch]) -> str:
    """TensorFlow's own answer that it lists no GPU ('[]' under list_physical_devices('GPU')),
    after the last line that showed a GPU, in a command typed after that line: a later run (in
    another environment, after an upgrade) that has no GPU is the state asked about (the
    answer's line, '' where there is none)."""
    shown = [m.line_number for m in matches if m.signature.proves_gpu]
    if not shown:
        return ""
    start = line_start(text, max(shown) + 1)
    hidden = hidden_on_purpose(text, matches)
    answers: list[re.Match[str]] = list(NO_GPU_LISTED.finditer(text, start))
    if GPU_LIST_SHOWN.search(text, 0, start):
        # the same script's bare answer, a GPU list earlier and an empty one now (review 101:
        # a conda prompt's run, then VS Code's with the base interpreter)
        bare = itertools.islice(BARE_EMPTY_ANSWER.finditer(text, start), MAX_BARE_ANSWERS)
        answers += (m for m in bare if asked_for_gpus(text, m))
    for listed in sorted(answers, key=lambda m: m.start()):
        before = text.count("\n", 0, listed.start()) + 1
        if any(first <= before <= last for first, last, _ in hidden):
            continue
        if command_between(text, max(shown), before) or _asked_again(
            text, line_start(text, max(shown) + 1), listed.end()
        ):
            return listed.group(0).strip()[-120:]
    return ""


def import_failed_in_another_python(finding: Finding) -> Finding:
    """tensorflow-not-installed, read in a command typed after a run that used the GPU: the same
    machine has TensorFlow, in the Python that ran first, so the later command runs another
    Python (a notebook's kernel, python3 outside the activated environment: review 103)."""
    return Finding(
        "wrong-python-environment",
        finding.severity,
        "The Python that ran this has no TensorFlow, while an earlier command's Python used the"
        " GPU: this one runs another Python or environment (a notebook kernel, an interpreter"
        " outside the activated environment)",
        (*finding.evidence, EARLIER_RUN_USED_THE_GPU),
        _OTHER_PYTHON_FIX,
        "https://github.com/jupyter/notebook/issues/6886",
    )


def gpu_gone_in_a_later_run(listed: str) -> Finding:
    """An earlier run listed the GPU and a later one lists none: the same machine's driver and
    GPU work, so the later run's environment differs (a notebook kernel or an IDE's interpreter
    of another Python, a launcher without the shell's variables, or a change made between)."""
    return Finding(
        "wrong-python-environment",
        Severity.WARNING,
        "An earlier run listed the GPU and a later one lists none: the later run most likely"
        " runs another Python or environment (a notebook kernel, an IDE's interpreter) than the"
        " one that found it",
        (
            f"a later run's answer: {quoted(' '.join(listed.split()))}",
            "an earlier run in the log listed a GPU",
        ),
        _OTHER_PYTHON_FIX,
        "https://github.com/jupyter/notebook/issues/6886",
    )


_OTHER_PYTHON_FIX = (
    "Print sys.executable in both places and compare. Run the code with the interpreter that"
    " found the GPU (in a notebook, select that environment's kernel: 'python -m ipykernel"
    " install --user --name ENV' inside it; start Jupyter from that environment, not another"
    " installation's jupyter); if both are the same, compare what changed between the two runs"
    " (an upgrade, LD_LIBRARY_PATH or PATH the launcher passes on)."
)


_GPU_QUESTION = re.compile(r"list_physical_devices\(|is_gpu_available\(")
GPU_LIST_SHOWN = re.compile(r"\[PhysicalDevice\(name=['\"]/physical_device:GPU:")
"""A list of GPUs printed (on a line of its own, or rejoined to the record above it)."""
BARE_EMPTY_ANSWER = re.compile(
    r"^[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?(?:\[\]|False[ \t]+\[\]|[12]\.\d{1,2}\.\d{1,3}[ \t]+\[\])"
    r"[ \t]*\r?$",
    re.MULTILINE,
)
"""A script's bare answer ('[]', 'False []', '2.15.0 []'): TensorFlow's where the same script
printed its GPU list bare before (an empty TPU list or a folder's listing is not)."""


MAX_BARE_ANSWERS = 64
"""How many bare answers are weighed (each looks back for the command that printed it)."""
_THE_GPU = re.compile(r"(?<![\w])(?i:gpus?)(?![\w])")
"""The GPU named in a question ('GPU', "'gpu'"), not XLA's device type ('XLA_GPU')."""
_A_QUESTION = re.compile(r"list_(?:physical|logical)_devices\(|\blistdir\(|\bglob\(")
"""A statement whose answer is a list: of devices of some type, of a folder's files."""
_ONE_LINER = re.compile(r"^[ \t]*(?:>>>|In \[\d{1,4}\]:|\.\.\.:)|[ \t]-c[ \t]")


def asked_for_gpus(text: str, answer: re.Match[str]) -> bool:
    """Whether a bare answer ('[]') is one to a question for GPUs: the command or statement
    that printed it is a script run, or names the GPU ('list_physical_devices('TPU')' or
    'os.listdir(...)' typed at a prompt is not: review 102)."""
    above = text[max(0, answer.start() - 2000) : answer.start()].rstrip().rsplit("\n", 3)[-3:]
    asked = next((line for line in reversed(above) if _A_QUESTION.search(line)), None)
    if asked is not None:
        # (the question right above it, prompt or not: a paste's '>>> ' may be stripped)
        return bool(_THE_GPU.search(asked))
    typed = list(COMMAND.finditer(text, max(0, answer.start() - 4000), answer.start()))
    if not typed:
        return True
    line = text[typed[-1].start() : text.find("\n", typed[-1].start()) % (len(text) + 1)]
    return not _ONE_LINER.search(line) or bool(_THE_GPU.search(line))


def _asked_again(text: str, start: int, end: int) -> bool:
    """The question for GPUs asked again after the GPU's line, up to the empty answer: the code
    run a second time, elsewhere (a notebook's kernel after a terminal, jupyter#6886)."""
    return _GPU_QUESTION.search(text, start, end) is not None


def command_between(text: str, after_line: int, before_line: int) -> bool:
    """Whether a command was typed on a line between these two (1-based): a new run."""
    start, end = line_start(text, after_line + 1), line_start(text, before_line)
    return COMMAND.search(text, start, end) is not None


def _environment_changed(text: str, before: int, after: int) -> bool:
    """The shell's prompt names another environment at the later point than at the earlier
    (gaining or changing its '(env)' prefix): something activated it between (conda, a venv,
    pyenv), whatever the command."""
    prompts = prompt_environments(text)
    then = [env for line, env in prompts if line <= before]
    now = [env for line, env in prompts if before < line <= after]
    return bool(then and now) and now[-1] != then[-1] and bool(now[-1])


_KERNEL_REGISTERED = re.compile(r"\bipykernel install\b|^Installed kernelspec\b", re.MULTILINE)
"""An environment made a notebook's kernel: it mends the notebook once a cell runs there again
(review 104; not before, review 105)."""


def _mended_by_activation(text: str, failed: int, worked: int) -> bool:
    """An environment activated in the shell between a failure and the run that used the GPU.
    A notebook's failure is its kernel's, which a shell's activation does not change, unless
    a notebook cell runs again after it."""
    start, end = line_start(text, failed + 1), line_start(text, worked)
    activation = ACTIVATED.search(text, start, end) or _KERNEL_REGISTERED.search(text, start, end)
    if activation is None and not _environment_changed(text, failed, worked):
        return False
    cells = list(NOTEBOOK_CELL.finditer(text, 0, line_start(text, failed + 1)))
    in_a_notebook = bool(cells) and not command_between(
        text, text.count("\n", 0, cells[-1].start()) + 1, failed
    )
    if not in_a_notebook:
        return True
    after = activation.end() if activation is not None else start
    return NOTEBOOK_CELL.search(text, after, end) is not None


def import_failed_in_another_interpreter(
    text: str, matches: Sequence[LogMatch], pythons_apart: Sequence[str]
) -> Finding | None:
    """A run that could not import TensorFlow, before a run in another command that used the
    GPU, in a paste that answers with two interpreters (a notebook's sys.executable, a
    terminal's 'which python'): the GPU is another interpreter's, and the one that failed is
    what the paste asks about, whatever the order (review 95: a notebook kernel beside the
    terminal's environment)."""
    if len(pythons_apart) < 2:
        return None
    shown = [m.line_number for m in matches if m.signature.proves_gpu]
    if not shown:
        return None
    stopper = next(
        (m for m in matches if m.signature.name == NO_MODULE and m.line_number < min(shown)), None
    )
    failed: str = stopper.line if stopper is not None else ""
    failed_at = stopper.line_number if stopper is not None else 0
    title = "has no TensorFlow"
    if stopper is None and (gpu_less := _run_without_the_gpu(text, matches, min(shown))):
        # the other Python has TensorFlow but no GPU: a library it could not load, an empty
        # list (review 103: a notebook's /usr/bin/python3 beside the terminal's environment)
        failed_at, failed = gpu_less
        title = "found no GPU"
    if not failed or not command_between(text, failed_at, min(shown)):
        return None
    if _mended_by_activation(text, failed_at, min(shown)):
        return None  # one shell that activated an environment after the failure: it mended it
    return _another_pythons_gpu(failed, title, pythons_apart)


def gpu_lost_in_another_python(
    text: str, matches: Sequence[LogMatch], pythons_apart: Sequence[str]
) -> Finding | None:
    """A run that found no GPU after one that used it, where one Python answered before the
    GPU's run and the other only after it (review 118: the terminal's 'which python' and its
    GPU, then a notebook started from conda's base printing its sys.executable): the later run
    is the other Python's, which the paste asks about."""
    shown = [m.line_number for m in matches if m.signature.proves_gpu]
    answered = [
        text.count("\n", 0, at) + 1
        for answer in pythons_apart[:2]
        if (at := text.find(answer.partition(": ")[2])) >= 0
    ]
    if not shown or len(answered) < 2:
        return None
    if not (min(answered) < min(shown) and max(answered) > max(shown)):
        return None
    gpu_less = _run_without_the_gpu(text, matches, after=max(shown))
    return _another_pythons_gpu(gpu_less[1], "found no GPU", pythons_apart) if gpu_less else None


def _another_pythons_gpu(failed: str, title: str, pythons_apart: Sequence[str]) -> Finding:
    return Finding(
        "wrong-python-environment",
        Severity.ERROR,
        f"Two Pythons answer in this paste: the one that ran this code {title}, and another"
        " one, with its own TensorFlow, used the GPU",
        (quoted(failed), *pythons_apart[:2]),
        "Run the code with the interpreter that has TensorFlow, or install TensorFlow into the"
        " one that ran it ('python -m pip install ...' with that very python). In a notebook,"
        " register the environment as a kernel from inside it ('python -m ipykernel install"
        " --user --name tf') and select that kernel.",
        VENV_DOCS,
    )


_NO_GPU_LIBRARY = frozenset({"cuda-libs-not-found", "cudnn-not-found"})
"""What says a run's TensorFlow found no GPU to use: a CUDA library it could not load."""


def _run_without_the_gpu(
    text: str, matches: Sequence[LogMatch], before: int | None = None, after: int = 0
) -> tuple[int, str] | None:
    """The first line between lines `after` and `before` (both left out; the log's end where
    no `before`) that says its run found no GPU (a library not loaded, TensorFlow's empty
    answer), with its line number."""
    library = next(
        (
            m
            for m in matches
            if m.signature.finding_id in _NO_GPU_LIBRARY
            and after < m.line_number
            and (before is None or m.line_number < before)
        ),
        None,
    )
    if library is not None:
        return library.line_number, library.line
    start = line_start(text, after + 1)
    end = line_start(text, before) if before is not None else len(text)
    answer = NO_GPU_LISTED.search(text, start, end)
    if answer is None:
        return None
    return text.count("\n", 0, answer.start()) + 1, answer.group(0).strip()


def without_imports_mended_later(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less TensorFlow's import failures that an environment activated after them
    mended: TensorFlow imports in a later command of that environment (its version printed, its
    own records). What fails after that is the question (review 97: a Keras of 2.4 beside the
    1.15 that imported, after a failure in conda's base). A Python without TensorFlow is
    mended so where the later run shows no GPU and fails its own way, the question
    (review 105: 'module load python', then cuDNN not found); where it shows the GPU, the
    failure stays for mended_failure_noted's note (review 99)."""
    last_gpu = max((m.line_number for m in matches if m.signature.proves_gpu), default=0)
    last_failure = max(
        (
            m.line_number
            for m in matches
            if m.signature.finding_id not in (None, BENIGN, "tensorflow-not-installed")
        ),
        default=0,
    )

    def mended(m: LogMatch) -> bool:
        if m.signature.name in IMPORT_STOPPERS:
            return _mended_later(m, text)
        if m.signature.name != NO_MODULE:
            return False
        return last_gpu <= m.line_number < last_failure and _mended_later(m, text)

    return tuple(m for m in matches if not mended(m))


def _mended_later(match: LogMatch, text: str) -> bool:
    ran = tensorflow_ran_at(text, match.line_number)
    return ran is not None and _mended_by_activation(text, match.line_number, ran)


def mended_failure_noted(
    findings: tuple[Finding, ...], text: str, matches: Sequence[LogMatch]
) -> tuple[Finding, ...]:
    """The 'other Python' warning as a note where the paste shows the environment activated
    after the run that could not import TensorFlow, and the run after it using the GPU: the
    user did what it would say (review 99)."""
    shown = [m.line_number for m in matches if m.signature.proves_gpu]
    stopper = next((m for m in matches if m.signature.name == NO_MODULE), None)
    if not shown or stopper is None or stopper.line_number > max(shown):
        return findings
    if not _mended_by_activation(text, stopper.line_number, max(shown)):
        return findings
    # (typed at the same shell, with the shell's own 'python': an IDE's run or an explicit
    # interpreter's path is that tool's setting, which the shell's activation does not change)
    typed = list(COMMAND.finditer(text, 0, line_start(text, stopper.line_number)))
    if not typed or not _BARE_PYTHON.search(
        typed[-1].group(0) + _rest_of_line(text, typed[-1].end())
    ):
        return findings
    return tuple(
        dataclasses.replace(f, severity=Severity.INFO)
        if f.id == "wrong-python-environment" and f.severity is Severity.WARNING
        else f
        for f in findings
    )


_BARE_PYTHON = re.compile(r"(?:^|[\s>$#%])(?:python[\d.]{0,5}|py|ipython)(?:\.exe)?[ \t]+\S")
"""The shell's own interpreter, by name (not a path an IDE typed for its setting)."""


def _rest_of_line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[at : end if end >= 0 else len(text)]
