"""The catalogue of TensorFlow/CUDA/XLA log lines the doctor recognises, each with its meaning.

A signature turns one log line into a finding: a regex (log text is free text, so regexes are the
right tool here), the finding id it maps to, a title template filled from the regex's named groups,
the fix, and the URL of a public report that shows the line and what it meant. Signatures without a
finding id are positive evidence (a GPU device was created, cuDNN loaded) and produce no finding.
The catalogue is kept by causal layer, one module each, in the order the doctor tries them.
"""

from __future__ import annotations

from collections.abc import Mapping

from .benign import BENIGN_LINES
from .driver import DRIVER
from .install import INSTALL
from .kernels import KERNELS
from .libraries import LIBRARIES
from .model import (
    BENIGN,
    DRIVER_ROOTS,
    HOSTED_GPU_RUNTIME_FIX,
    HOSTED_GPU_RUNTIME_SOURCE,
    Signature,
    Variant,
    cudnn_version,
    derived_fields,
    library_name,
    library_version,
)
from .runtime import RUNTIME

CATALOGUE: tuple[Signature, ...] = (
    *DRIVER,
    *INSTALL,
    *LIBRARIES,
    *KERNELS,
    *RUNTIME,
    *BENIGN_LINES,
)
"""Every signature, most specific first within a finding id (the first one names the finding)."""

SIGNATURES: Mapping[str, Signature] = {s.name: s for s in CATALOGUE}
if len(SIGNATURES) != len(CATALOGUE):
    raise ValueError("duplicate signature names in the catalogue")

__all__ = [
    "BENIGN",
    "CATALOGUE",
    "DRIVER_ROOTS",
    "HOSTED_GPU_RUNTIME_FIX",
    "HOSTED_GPU_RUNTIME_SOURCE",
    "SIGNATURES",
    "Signature",
    "Variant",
    "cudnn_version",
    "derived_fields",
    "library_name",
    "library_version",
]
