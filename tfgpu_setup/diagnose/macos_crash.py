"""TensorFlow 0.x and 1.0 on macOS opened its CUDA libraries at import in a fixed order
(cuBLAS, cuDNN, cuFFT, the driver's libcuda, cuRAND) and crashed, rather than said so, when one
failed (tensorflow#7528 fixed the crash for 1.1). A crash right after 'successfully opened CUDA
library libcufft...dylib' is the driver library failing: from #2878 TensorFlow looked for
libcuda.1.dylib, which macOS's CUDA driver does not install (it has libcuda.dylib); a link
fixed it in every settled thread (tensorflow#3263, #6693)."""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

LAST_OPENED_THEN_CRASH = re.compile(
    r"successfully opened CUDA library (?P<lib>libcufft)\.[\d.]{0,12}dylib locally[ \t]*\r?\n"
    r"(?P<crash>[^\n]{0,80}(?:[Ss]egmentation fault|Abort trap|Bus error)[^\n]{0,120})"
)


def crash_opening_libcuda(text: str) -> str:
    """The crash line under the cuFFT line, where the next library TensorFlow opened was the
    driver's; '' otherwise."""
    found = LAST_OPENED_THEN_CRASH.search(text)
    return found["crash"].strip() if found else ""


def macos_libcuda_name(crash_line: str) -> list[Finding]:
    if not crash_line:
        return []
    return [
        Finding(
            "cuda-libs-not-found",
            Severity.WARNING,
            "TensorFlow crashed opening the CUDA driver library on macOS, the library it opens"
            " after cuFFT: it looks for libcuda.1.dylib, which macOS's CUDA driver does not"
            " install",
            (quoted(crash_line), "the line before it: cuFFT was the last CUDA library opened"),
            "Link the driver's library under the name TensorFlow asks for: 'sudo ln -s"
            " /usr/local/cuda/lib/libcuda.dylib /usr/local/cuda/lib/libcuda.1.dylib'; if"
            " libcuda.dylib is not there either, install NVIDIA's CUDA driver for macOS (not only"
            " the toolkit).",
            "https://github.com/tensorflow/tensorflow/issues/3263",
        )
    ]
