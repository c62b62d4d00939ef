"""ldd's 'not found' rows count for TensorFlow only under an ldd of TensorFlow's own binaries.

'ldd /usr/bin/tensorflow_model_server' or 'ldd .../_pywrap_tensorflow_internal.so' listing a
CUDA library '=> not found' is TensorFlow's loader failing (kubeflow#338). The same rows under an
ldd of TensorRT's libnvinfer, PyTorch's libtorch_cuda or any other library say nothing about
TensorFlow, whose GPU may well work (review 50). Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch

LDD_SIGNATURES = frozenset({"ldd-cuda-library-missing", "ldd-cudnn-missing"})
_LDD_COMMAND = re.compile(r"(?<![\w-])ldd(?:[ \t]+-\w{1,20})*[ \t]+(?P<target>[^\s|;&]{1,400})")
_TENSORFLOW_BINARY = re.compile(
    # the file's own name, not a folder ('envs/tensorflow/.../libtorch_cuda.so' is PyTorch's)
    r"(?:^|[/\\])(?:tensorflow_model_server|_pywrap_tensorflow\w{0,40}\.so|libtensorflow\w{0,40}"
    r"\.so|_pywrap_\w{1,60}\.so)[.\d]{0,20}['\"]?$"
)


def ldd_of_tensorflow_only(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less the ldd rows whose listing is not of a TensorFlow binary (or whose ldd
    command the paste does not show)."""
    if not any(m.signature.name in LDD_SIGNATURES for m in matches):
        return matches
    commands = [
        (text.count("\n", 0, found.start()) + 1, bool(_TENSORFLOW_BINARY.search(found["target"])))
        for found in _LDD_COMMAND.finditer(text)
    ]

    def of_tensorflow(line_number: int) -> bool:
        before = [of_tf for at, of_tf in commands if at < line_number]
        return bool(before) and before[-1]

    return tuple(
        m for m in matches if m.signature.name not in LDD_SIGNATURES or of_tensorflow(m.line_number)
    )
