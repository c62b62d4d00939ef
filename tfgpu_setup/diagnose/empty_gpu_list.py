"""TensorFlow listing no GPU where the driver is known to work.

Between the driver and TensorFlow sit the CUDA and cuDNN libraries TensorFlow loads. When the log
holds TensorFlow's own answer that it has no GPU (an empty device list, a count of 0) and the
driver is shown working (nvidia-smi's header, TensorFlow reading the GPU's NUMA node, or a driver
version stated or probed), with nothing else failing, the layer left is those libraries: PyPI's
'tensorflow' carries GPU support from 2.1 on, and a release that cannot open its CUDA libraries
says so only in lines a paste often leaves out or a TF_CPP_MIN_LOG_LEVEL hides
(huggingface/community-events#118: TensorFlow 2.11 lists [] beside a 515 driver that PyTorch
uses; the CUDA libraries were missing). A warning to confirm with the loader's lines, not an
error: a build without CUDA gives the same answer.

Pure: facts, log facts and findings in, the finding (or none) out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import TfRelease
from ..versions import parsed
from .device_evidence import DRIVER_FOUND_A_GPU, in_a_container
from .loader_path import loader_path_named
from .logfacts import LogFacts
from .logs import LogMatch
from .signatures.model import HOSTED_GPU_RUNTIME_FIX, HOSTED_GPU_RUNTIME_SOURCE
from .sources import quoted

TRANSFORMERS_ENV_NO_GPU = (
    r"^[ \t>]*(?:[-*] )?Tensorflow version \(GPU\?\): [12]\.\d{1,2}\.\d{1,2}\S{0,20} \(False\)"
)
"""Hugging Face's 'transformers-cli env' report: its '(False)' is TensorFlow's own answer,
tf.config.list_physical_devices('GPU') empty (transformers/commands/env.py)."""
_IS_GPU_AVAILABLE_FALSE = (
    # its False on the next line, or a few lines down past what a paste puts between: a blank
    # line, the reporter's 'returns:', a version printed first, TensorFlow's deprecation note
    # (colabtools#930), but no other call's answer
    r"is_gpu_available\(\)\)?[^\n]{0,40}\n"
    r"(?:[ \t>]*(?:[A-Za-z][\w ]{0,30}:|['\"]?\d{1,2}\.\d{1,2}\.\d{1,2}[\w.-]{0,20}['\"]?)?"
    r"[ \t]*\n|[^\n]{0,300}(?:is deprecated|Instructions for updating)[^\n]{0,300}\n"
    r"|[ \t]*Use `tf\.config\.list_physical_devices[^\n]{0,100}\n)"
    r"{0,6}?"
    r"[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?False[ \t]*\r?$"
)
_GPU_AVAILABLE_LABEL_FALSE = (
    # a script's own label for is_gpu_available()'s answer, printed before it on the same line
    # or the one above ('Is there a GPU available: ' / 'False', spyder#8407), not another
    # framework's ('Torch GPU available')
    r"^(?![^\n]*(?i:torch|paddle|jax|cupy|mxnet))[ \t>]*[^\n]{0,40}?\bGPU\b[^\n]{0,20}?"
    r"\b(?i:available)\b[ \t?:=-]{0,6}(?:\r?\n[ \t>]*)?False[ \t]*\r?$"
)
FIRST_OF_NO_GPUS = (
    # the first GPU of the list taken where the list is empty ('gpus[0]' for memory growth or
    # visible devices): IndexError under that very call
    r"set_(?:memory_growth|visible_devices|logical_device_configuration"
    r"|virtual_device_configuration)\([^\n]{0,40}\[0\][^\n]{0,80}\n(?:[^\n]{0,300}\n){0,4}?"
    r"[ \t>]*IndexError[ \t]*: list index out of range"
)
LABELLED_NO_GPUS = (
    # a script's own label before the empty list ('GPUs: []', 'Physical GPU devices = []'),
    # not another framework's ('torch GPUs: []')
    r"^(?![^\n]*(?i:torch|paddle|jax|cupy|mxnet))[ \t>]*(?:[A-Za-z][^\n]{0,30}?)?"
    r"\bGPU(?:s|\(s\))?\b[^\n:=]{0,20}[:=][ \t]*\[\][ \t]*\r?$"
)
VERSION_AND_NO_GPUS = (
    # print(tf.__version__, tf.config.list_physical_devices('GPU')) on one line
    r"^[ \t>]*[12]\.\d{1,2}\.\d{1,3}(?:-?rc\d)?[ \t]+\[\][ \t]*$"
)
_WHOLE_ANSWERS = "|".join(
    (FIRST_OF_NO_GPUS, VERSION_AND_NO_GPUS, TRANSFORMERS_ENV_NO_GPU, LABELLED_NO_GPUS)
)
"""Answers that say no GPU whatever question was asked: both readings below take them."""
GPU_LIST_ANSWERED = re.compile(
    r"^[ \t>]*\[\s*\][ \t]*$|Num GPUs Available:? *0\b"
    r"|is_built_with_cuda\(\)\)?[^\n]{0,40}\n[ \t>]*False[ \t]*\r?$"
    r"|"
    + _IS_GPU_AVAILABLE_FALSE
    + r"|"
    + _GPU_AVAILABLE_LABEL_FALSE
    + r"|gpu_device_name\(\)\)?[^\n]{0,40}\n[ \t>]*(?:''|\"\")[ \t]*$"
    r"|list_physical_devices\([^\n]{0,40}\n[ \t>]*0[ \t]*$|\bGPU device not found\b"
    r"|" + _WHOLE_ANSWERS,
    re.MULTILINE,
)
"""TensorFlow's own answer about its GPUs, pasted: an empty device list, a count of 0, an empty
device name, False, or a notebook's 'GPU device not found'."""
NO_GPU_LISTED = re.compile(
    # the empty list right under the question that asked for GPUs (within three lines: a
    # notebook's blank line, a warning between), not XLA_GPU's or TPU's, nor any other empty list
    r"^[^\n]{0,200}?(?P<question>list_(?:physical|logical)_devices\((?:device_type ?= ?)?"
    r"['\"]GPU['\"]\))"
    # (not over another question's line or another answer's: review 102, an empty TPU list
    # asked after the GPU list)
    r"[^\n]{0,100}\n(?:(?![^\n]{0,600}(?:list_(?:physical|logical)_devices\(|PhysicalDevice\())"
    r"[^\n]{0,600}\n){0,3}?[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?"
    # (or the reporter's words for it: 'returns an empty list []')
    r"(?:(?i:returns?|it returns?|gives?|prints?|got)\b[\w ]{0,30}?[ \t:]+)?\[\s*\][ \t]*$"
    r"|Num GPUs Available:? *0\b"
    r"|"
    + _IS_GPU_AVAILABLE_FALSE
    + r"|"
    + _GPU_AVAILABLE_LABEL_FALSE
    + r"|list_physical_devices\([^\n]{0,40}\n[ \t>]*0[ \t]*$"
    # gpu_device_name()'s empty name, and the SystemError Colab's own GPU notebook raises on it
    r"|gpu_device_name\(\)\)?[^\n]{0,40}\n[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?(?:''|\"\")[ \t]*$"
    r"|^[ \t]*SystemError: GPU device not found\b"
    r"|" + _WHOLE_ANSWERS,
    re.MULTILINE,
)
"""The answers that say no GPU was registered (not is_built_with_cuda's, which is about the
build)."""
_CPU_ONLY_DEVICES = re.compile(
    # tf.config.list_physical_devices() with no device type: the CPU, and XLA's devices at most
    # (XLA_GPU without GPU is TensorFlow 2.1 to 2.3 failing to register the GPU itself)
    r"^[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?\[\s*PhysicalDevice\(name=['\"]/physical_device:"
    r"CPU:0['\"], ?device_type=['\"]CPU['\"]\)(?:,\s*PhysicalDevice\(name=['\"]/physical_device:"
    r"XLA_[CG]PU:\d{1,3}['\"], ?device_type=['\"]XLA_[CG]PU['\"]\)){0,16}\s*\][ \t]*$"
    # device_lib.list_local_devices(): its entries up to the closing bracket, none a GPU's
    r"|^[ \t>]*(?:Out\[\d{1,5}\]:[ \t]*)?\[name: ['\"]/device:CPU:0['\"][ \t]*\n"
    r"(?:(?![^\n]{0,300}device_type: ['\"]GPU)[^\n]{0,300}\n){1,60}?[ \t]*\][ \t]*$",
    re.MULTILINE,
)
"""A whole device list TensorFlow printed with no GPU in it."""
_ASKED_FOR_CPU = re.compile(
    r"devices\((?:device_type ?= ?)?['\"]CPU['\"]\)|device_type ?== ?['\"]CPU['\"]"
    r"|set_visible_devices\("
)
"""A question whose answer is the CPU's devices alone: asked for them, filtered to them, or
asked after the GPUs were hidden."""
_ASKED_FOR_ALL = re.compile(r"list_(?:physical|logical|local)_devices\((?:\)|['\"]GPU['\"])")
"""A question for every device (or the GPUs): its answer without a GPU is a 'no'."""
_LOOK_BACK_LINES = 12
"""TensorFlow logs a few lines of its own between a command and its printed answer."""
_HIDDEN_OR_ELSEWHERE = re.compile(
    r"\bCUDA_VISIBLE_DEVICES\b|\bset_visible_devices\(|\bdocker (?:exec|run)\b|\bkubectl\b"
)
"""GPUs hidden from the process on purpose, or a run inside a container the driver seen may not
reach: the libraries are not the likely reading there."""
_ASKED_SINCE_2_1 = re.compile(r"(?<!experimental\.)\blist_(?:physical|logical)_devices\(")
"""tf.config.list_physical_devices / list_logical_devices: public API from TensorFlow 2.1 (2.0 had
them under tf.config.experimental), so the question itself dates the release."""
_NAMED_ELSEWHERE = frozenset({"pip-cuda-libs-not-on-path"})
"""A release whose pip libraries are known not to be found without LD_LIBRARY_PATH (2.16.1): its
own defect is the more precise reading of the same layer."""
_GPU_PACKAGE_SINCE = "2.1"
_PIP_LIBRARIES_SINCE = "2.14"


def cpu_only_device_list(text: str) -> re.Match[str] | None:
    """A whole device list TensorFlow printed without a GPU, unless it answers a question for
    the CPU's devices alone (list_physical_devices('CPU') a few lines above, TensorFlow's own
    log lines between)."""
    for listed in _CPU_ONLY_DEVICES.finditer(text):
        above = text[max(0, listed.start() - 4000) : listed.start()].splitlines()
        if not _asked_for_the_cpu(above[-_LOOK_BACK_LINES:]):
            return listed
    return None


def _asked_for_the_cpu(above: list[str]) -> bool:
    """Whether the nearest question above the list was for the CPU's devices alone."""
    for line in reversed(above):
        if _ASKED_FOR_CPU.search(line):
            return True
        if _ASKED_FOR_ALL.search(line):
            return False
    return False


@dataclass(frozen=True)
class NoGpuAnswer:
    """TensorFlow's own answer that it registered no GPU, as the evidence quotes it."""

    quote: str
    whole_list: bool
    """A whole device list without a GPU (not an empty answer or a count of 0)."""


def no_gpu_answer(text: str) -> NoGpuAnswer | None:
    """TensorFlow's own answer that it registered no GPU: an empty answer to a question for
    GPUs, a count of 0, or a whole device list without one."""
    if (empty := NO_GPU_LISTED.search(text)) is not None:
        if empty["question"]:
            return NoGpuAnswer(f"TensorFlow's answer to {empty['question']}: []", False)
        return NoGpuAnswer(f"TensorFlow's answer: {quoted(empty.group(0))}", False)
    if (listed := cpu_only_device_list(text)) is not None:
        # a device_lib list runs over many lines: its first, and its end
        lines = listed.group(0).strip().splitlines()
        shown = lines[0] if len(lines) == 1 else f"{lines[0].strip()} ... ]"
        return NoGpuAnswer(f"TensorFlow's answer: {quoted(shown)}", True)
    return None


def tensorflow_said_no_gpu(answer: NoGpuAnswer | None, matches: Sequence[LogMatch]) -> bool:
    """TensorFlow's own device list without a GPU ('Registered devices: [CPU]'), or its own
    answer that it registered none."""
    return answer is not None or any(m.signature.name == "no-gpu-among-devices" for m in matches)


_WHAT_IS_SHOWN = {
    "works": " the driver works",
    "installed": " an NVIDIA driver is installed",
    "gpu": " an NVIDIA GPU is here ('nvidia-smi' shows whether its driver works)",
}
"""The title's end for what the evidence shows of the layer below the libraries."""


def _driver_evidence(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> tuple[str, str]:
    """What shows the layer below the libraries, and how far ('works': the driver's line in the
    log or a driver-side device reading; 'installed': the driver version stated or probed;
    'gpu': an NVIDIA GPU known, the driver shown neither way); ('', '') when nothing does."""
    if log.driver_line:
        return quoted(log.driver_line), "works"
    seen = next((m for m in matches if m.signature.name in DRIVER_FOUND_A_GPU), None)
    if seen is not None:
        return quoted(seen.line), "works"
    if facts.knows("os") and facts.platform.os == "wsl2":
        return "", ""  # the driver or GPU stated is Windows's: WSL's libcuda may be missing
    if facts.knows("driver") and facts.driver.version:
        return f"driver {facts.driver.version} ({facts.driver.source})", "installed"
    if facts.knows("gpus") and facts.gpus:
        # an NVIDIA GPU known and no driver shown either way: the libraries are the likelier
        # layer (the driver is what 'nvidia-smi' confirms)
        gpu = facts.gpus[0]
        return f"GPU {gpu.name} ({gpu.source}); the driver is not shown", "gpu"
    return "", ""


def _fix(entry: TfRelease | None, facts: Facts) -> str:
    confirm = (
        " Rerun with TF_CPP_MIN_LOG_LEVEL=0 to confirm: TensorFlow's loader lines name each"
        " library it cannot open ('tfgpu-setup doctor --log run.log' reads them)."
    )
    if entry is None or entry.cuda is None:
        return (
            "Install the CUDA and cuDNN your TensorFlow release was built with where the loader"
            " finds them ('tfgpu-setup plan' names them)." + confirm
        )
    linux = not facts.knows("os") or facts.platform.os in ("linux", "wsl2")
    if linux and parsed(entry.version) >= parsed(_PIP_LIBRARIES_SINCE):
        return (
            f"Install TensorFlow with its NVIDIA libraries: pip install"
            f" 'tensorflow[and-cuda]=={entry.version}' ('tfgpu-setup apply' pins them)." + confirm
        )
    return (
        f"Install CUDA {entry.cuda} and cuDNN {entry.cudnn or '?'}, which TensorFlow"
        f" {entry.version} was built with, where the loader finds them"
        f" ({loader_path_named(facts)}); or let 'tfgpu-setup plan' pick a release whose"
        " libraries come from pip." + confirm
    )


def _release_has_gpu_package(entry: TfRelease | None, log: LogFacts, text: str) -> bool:
    """The release (or the question asked of it) is one whose 'tensorflow' has GPU support, or
    the log shows this build has CUDA."""
    if log.cuda_build_line or log.conda_gpu_build_line or log.tf_links_cuda_line:
        return True
    if entry is not None:
        return entry.cuda is not None and parsed(entry.version) >= parsed(_GPU_PACKAGE_SINCE)
    return bool(_ASKED_SINCE_2_1.search(text))


def libraries_behind_an_empty_list(
    facts: Facts,
    log: LogFacts,
    text: str,
    matches: Sequence[LogMatch],
    findings: Sequence[Finding],
    entry: TfRelease | None,
    answer: NoGpuAnswer | None,
) -> list[Finding]:
    """The CUDA libraries named as the likely cause where TensorFlow lists no GPU (its answer,
    read once by the caller), the driver works, and no finding of warning or error explains
    it."""
    if any(f.severity is not Severity.INFO or f.id in _NAMED_ELSEWHERE for f in findings):
        return []
    if answer is None or log.cpu_build_line or log.cpu_package_line:
        return []
    if _HIDDEN_OR_ELSEWHERE.search(text):
        return []
    if in_a_container(facts, log):
        return []  # the driver seen may be the host's, not what the container was given
    if facts.knows("os") and facts.platform.os == "macos":
        return []
    hosted = log.hosted_notebook_line or log.colab_line
    driver, shown = _driver_evidence(facts, log, matches)
    if hosted and not driver:
        # a hosted notebook's runtime without a GPU is the usual reason it lists none there
        return [
            Finding(
                "no-nvidia-gpu",
                Severity.WARNING,
                "TensorFlow lists no GPU in this hosted notebook: most often its runtime has no"
                " GPU attached",
                (answer.quote, f"hosted notebook: {hosted.strip()[:120]}"),
                HOSTED_GPU_RUNTIME_FIX
                + " If 'nvidia-smi' lists a GPU there, the TensorFlow installed over the"
                " runtime's is the cause: use the one it preinstalls.",
                HOSTED_GPU_RUNTIME_SOURCE,
            )
        ]
    if not driver or not _release_has_gpu_package(entry, log, text):
        return []
    release = f"TensorFlow {entry.version}" if entry is not None else "TensorFlow"
    return [
        Finding(
            "cuda-libs-not-found",
            Severity.WARNING,
            f"The CUDA libraries {release} loads are missing or not found: it lists no GPU though"
            + _WHAT_IS_SHOWN[shown],
            (
                answer.quote,
                driver,
                "no line in the log names another cause",
            ),
            _fix(entry, facts),
            "https://www.tensorflow.org/install/pip#software_requirements",
        )
    ]
