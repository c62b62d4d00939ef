"""A library another project's Python wrapper loads itself through ctypes (darknet.py's
libdarknet.so): the loader's OSError names what that library needs, not TensorFlow's import."""

from __future__ import annotations

import re

from .logs import LogMatch

_CDLL = re.compile(r"\b(?:CDLL|WinDLL|LoadLibrary)\(\s*(?P<target>[^\n)]{1,300})")
_CTYPES_FRAME = re.compile(r"[/\\]ctypes[/\\]__init__\.py\", line \d+")
_TENSORFLOWS = re.compile(
    r"[/\\](?:site|dist)-packages[/\\](?:tensorflow\w*|nvidia)[/\\]|_pywrap|libtensorflow"
    r"|tensorflow_framework|\b(?:lib)?(?:cudart|cudnn|cublas|cufft|curand|cusolver|cusparse|nvinfer)",
    re.IGNORECASE,
)
"""A CDLL target of TensorFlow's or NVIDIA's: their installed files, or a CUDA library itself (not
a folder that merely holds the word: a Jetson's /home/nvidia, a project's tensorflow-yolov4)."""
_FRAME = re.compile(r"^\s*File \"")
_TENSORFLOW_FRAME = re.compile(r"File \"[^\"\n]{0,300}[/\\]tensorflow(?:_core)?[/\\]")
"""A frame of TensorFlow's own code, which loads CUDA's libraries through ctypes itself."""
LOADER_READINGS = frozenset({"import-cuda-library-missing", "import-cudnn-library-missing"})
FRAMES_BACK = 8
"""How far above the OSError a traceback names the ctypes frame and its caller's CDLL line."""


def without_other_libraries_loads(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The loader readings, less an OSError raised in ctypes' own frame for a library whose
    CDLL line names none of TensorFlow's, called from no frame of TensorFlow's (review 111:
    darknet.py after TensorFlow had created its GPU device)."""
    if "ctypes" not in text or not any(m.signature.name in LOADER_READINGS for m in matches):
        return matches
    lines = text.split("\n")
    return tuple(m for m in matches if not _another_librarys(m, lines))


def _another_librarys(match: LogMatch, lines: list[str]) -> bool:
    if match.signature.name not in LOADER_READINGS or "OSError" not in match.line:
        return False
    above = lines[max(0, match.line_number - 1 - FRAMES_BACK) : match.line_number - 1]
    ctypes_at = next(
        (i for i in range(len(above) - 1, -1, -1) if _CTYPES_FRAME.search(above[i])), None
    )
    if ctypes_at is None:
        return False
    # the frame that called ctypes decides whose load it is, not a TensorFlow frame further up
    # (a Keras callback calling the user's code that loads the user's library, review 112)
    caller_at = next((i for i in range(ctypes_at - 1, -1, -1) if _FRAME.search(above[i])), None)
    if caller_at is None or _TENSORFLOW_FRAME.search(above[caller_at]):
        return False
    targets = [c["target"] for line in above[caller_at:ctypes_at] if (c := _CDLL.search(line))]
    return bool(targets) and not any(_TENSORFLOWS.search(t) for t in targets)
