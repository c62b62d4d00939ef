"""TensorFlow 0.x and 1.0 on macOS opened its CUDA libraries at import in a fixed order
(cuBLAS, cuDNN, cuFFT, the driver's libcuda, cuRAND) and crashed, rather than said so, when one
failed (tensorflow#7528 fixed the crash for 1.1). A crash right after 'successfully opened CUDA
library libcufft...dylib' is the driver library failing: from #2878 TensorFlow looked for
libcuda.1.dylib, which macOS's CUDA driver does not install (it has libcuda.dylib); a link
fixed it in every settled thread (tensorflow#3263, #6693). Where it did not crash, its loader
says 'Couldn't open CUDA library libcuda.1.dylib' (tensorflow#2940)."""

from __future__ import annotations

import re

from ..findings import Finding, Severity
from .sources import quoted

LAST_OPENED_THEN_CRASH = re.compile(
    r"successfully opened CUDA library (?P<lib>libcufft)\.[\d.]{0,12}dylib locally[ \t]*\r?\n"
    r"(?:[ \t]*\r?\n){0,2}"
    r"(?P<crash>[^\n]{0,80}(?:[Ss]egmentation fault|Abort trap|Bus error)[^\n]{0,120})"
)


LIBCUDA_DYLIB_NOT_OPENED = re.compile(r"Couldn't open CUDA library libcuda\.1\.dylib\b[^\n]{0,200}")
"""The loader saying so itself, where it did not crash on it (LD_LIBRARY_PATH set)."""
LIBCUDA_DYLIB_OPENED = re.compile(r"successfully opened CUDA library libcuda(?:\.\d)?\.dylib\b")
"""Its fallback to the other name working (tensorflow#5141: libcuda.dylib opened next)."""


LIBCUDA_DYLIB_LISTED = re.compile(
    r"^[ \t>$]*[-l][rwx-]{9}[@+.]?[ \t][^\n]{0,200}?/lib/libcuda\.dylib\b[^\n]{0,200}",
    re.MULTILINE,
)
"""'ls -l' of the CUDA folder listing the driver's library as libcuda.dylib (tensorflow#3263)."""


def crash_opening_libcuda(text: str) -> str:
    """The loader's line for libcuda.1.dylib, unless it then opened the driver's library under
    the other name, or the crash line under the cuFFT line (the next library TensorFlow opened
    was the driver's), or a listing of the CUDA folder with libcuda.dylib and no
    libcuda.1.dylib ('ls' sorts it first, so a listing that reached the other has none); ''
    otherwise."""
    if said := LIBCUDA_DYLIB_NOT_OPENED.search(text):
        if LIBCUDA_DYLIB_OPENED.search(text, said.end()):
            return ""
        return said.group(0).strip()
    if found := LAST_OPENED_THEN_CRASH.search(text):
        return found["crash"].strip()
    listed = LIBCUDA_DYLIB_LISTED.search(text)
    if listed is not None and "libcuda.1.dylib" not in text:
        return listed.group(0).strip()
    return ""


def macos_libcuda_name(line: str) -> list[Finding]:
    if not line:
        return []
    listed = bool(LIBCUDA_DYLIB_LISTED.match(line))
    crashed = not listed and not LIBCUDA_DYLIB_NOT_OPENED.match(line)
    return [
        Finding(
            "cuda-libs-not-found",
            Severity.WARNING,
            (
                "The CUDA folder has the driver library only as libcuda.dylib"
                if listed
                else ("TensorFlow crashed opening" if crashed else "TensorFlow could not open")
                + " the CUDA driver library on macOS"
            )
            + ": TensorFlow (0.9 to 1.1) looks for libcuda.1.dylib, which macOS's CUDA driver"
            " does not install",
            (
                quoted(line),
                *(
                    ["the line before it: cuFFT was the last CUDA library opened"]
                    if crashed
                    else []
                ),
            ),
            "Link the driver's library under the name TensorFlow asks for: 'sudo ln -s"
            " /usr/local/cuda/lib/libcuda.dylib /usr/local/cuda/lib/libcuda.1.dylib'; if"
            " libcuda.dylib is not there either, install NVIDIA's CUDA driver for macOS (not only"
            " the toolkit). A Mac without an NVIDIA GPU has no use for it: install the CPU"
            " 'tensorflow' instead.",
            "https://github.com/tensorflow/tensorflow/issues/3263",
        )
    ]
