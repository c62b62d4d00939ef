"""What a reporter stated in TensorFlow's issue template, when the paste includes it.

TensorFlow's bug and install templates ask for the same facts the doctor's flags state: the
markdown template of 2017-2022 as list items ('- CUDA/cuDNN version: 10.2 / 7.6.5', its labels
sometimes in bold) and GitHub's issue form since as headings with the answer below
('### CUDA/cuDNN version' then '11.8/8.6'). A pasted issue body keeps them; each answer is read as
the reporter's statement, with its line as the source. A blank, 'N/A' or 'none' answer states
nothing: unknown, not absent.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

from .. import flags

_LABELS = {
    "os": r"OS [Pp]latform and [Dd]istribution(?: \(e\.g\.,? [^)\n]{0,40}\))?",
    "tf": r"TensorFlow(?: version)?(?: \([^)\n]{0,40}\))?",
    "python": r"Python version",
    "cuda": r"CUDA/cu[Dd][Nn][Nn] version",
    "gpu": r"GPU model and memory",
}
# (the form's headings as reporters retype them too: '### Tensorflow Version')
_LABEL = "|".join(f"(?P<{key}>(?i:{label}))" for key, label in _LABELS.items())
_AS_LIST_ITEM = re.compile(
    # (the blanks before the bullet and after it are two runs, never one run split two ways:
    # a line of blanks would be tried at every split)
    rf"^[ \t>]*(?:[-*+][ \t]*)?\**(?:{_LABEL})\**[ \t]*:\**[ \t]*(?P<value>[^\n]{{0,160}})$",
    re.MULTILINE,
)
_AS_FORM_HEADING = re.compile(
    rf"^[ \t>]*#{{2,4}}[ \t]*(?:{_LABEL})[ \t]*\n(?:[ \t>]*\n){{1,3}}"
    r"[ \t>]*(?P<value>[^\n#][^\n]{0,159})$",
    re.MULTILINE,
)
_SAYS_NOTHING = re.compile(
    r"^(?:n/?a|none|no|-+|\?|unknown|not applicable|not installed|_no response_)\b", re.IGNORECASE
)
_VERSION = re.compile(r"(?<![\d.])(?P<v>\d{1,2}(?:\.\d{1,3}){1,3})(?![\d.])")
_TF_NAMED = re.compile(
    r"(?i:tf|t\w{3,9}flow(?:[-_]gpu)?)[ \t]*v?(?P<v>\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)"
    r"(?:[ \t]*\([^)\n]{0,40}\))?"
)
"""A release named the way reporters answer the form ('TF 2.9.1', 'tensorflow-gpu v2.4.1 (pip)',
misspelled too: 'tenserflow-gpu 1.13.1')."""
_CUDNN_ARCHIVE = re.compile(
    r"cudnn-\d{1,2}\.\d-(?:windows\d{0,2}|linux)-x64-v(?P<v>\d{1,2}(?:\.\d{1,3}){1,3})",
    re.IGNORECASE,
)
"""NVIDIA's cuDNN archive, named for the CUDA it goes with, then its own version:
'cudnn-9.0-windows10-x64-v7.3.0.29.zip' is cuDNN 7.3.0 for CUDA 9.0."""
_CUDNN_NAMED = re.compile(r"cu[Dd][Nn][Nn][^\d\n]{0,12}(?P<v>\d{1,2}(?:\.\d{1,3}){0,3})")


@dataclass(frozen=True)
class Stated:
    """One answer of the template: the value as the doctor's flags take it, and its line."""

    value: str
    line: str


@dataclass(frozen=True)
class TemplateAnswers:
    os: Stated | None = None
    tf: Stated | None = None
    python: Stated | None = None
    cuda: Stated | None = None
    cudnn: Stated | None = None
    gpu: Stated | None = None


def template_answers(text: str) -> TemplateAnswers:
    """The template's answers found in text, each read as the matching flag reads it."""
    found: dict[str, Stated] = {}
    for pattern in (_AS_LIST_ITEM, _AS_FORM_HEADING):
        for match in pattern.finditer(text):
            key = next(k for k in _LABELS if match.group(k))
            value = match.group("value").strip().strip("*_`").strip()
            line = f"{match.group(key)}: {value}"[:200]
            if not value or _SAYS_NOTHING.match(value):
                continue
            for name, read in _read(key, value):
                found.setdefault(name, Stated(read, line))
    return TemplateAnswers(**found)


def _read(key: str, value: str) -> list[tuple[str, str]]:
    if key == "cuda":
        return _cuda_and_cudnn(value)
    if key == "gpu":
        return [("gpu", value)]
    reader = {"os": flags.os_name, "tf": flags.tf_spec, "python": flags.python_version}[key]
    try:
        read = reader(value)
    except argparse.ArgumentTypeError:  # a free-text answer no flag would take
        named = _TF_NAMED.fullmatch(value) if key == "tf" else None
        if named is None:
            return []
        read = named.group("v")
    if key == "os" and read not in flags.OS_CHOICES:
        return []
    return [(key, read)]


def _cuda_and_cudnn(value: str) -> list[tuple[str, str]]:
    """'10.2 / 7.6.5', 'CUDA 11.2, cuDNN 8.1', 'cuDNN 8.6 with CUDA 11.8': cuDNN's version is
    the one named so, else the one after CUDA's; CUDA's is the first CUDA-like one left."""
    cudnn_named = _CUDNN_ARCHIVE.search(value) or _CUDNN_NAMED.search(value)
    rest = value[: cudnn_named.start()] + value[cudnn_named.end() :] if cudnn_named else value
    versions = [m.group("v") for m in _VERSION.finditer(rest)]
    cuda = next((v for v in versions if 7 <= int(v.split(".")[0]) <= 13), None)
    cudnn = cudnn_named.group("v") if cudnn_named else None
    if cudnn is None and cuda is not None:
        after = versions[versions.index(cuda) + 1 :]
        cudnn = next((v for v in after if 5 <= int(v.split(".")[0]) <= 9), None)
    read = []
    if cuda is not None:
        read.append(("cuda", cuda))
    if cudnn is not None and 5 <= int(cudnn.split(".")[0]) <= 9:
        read.append(("cudnn", cudnn))
    return read
