"""TensorFlow.js's Node binding failing to load on Windows.

Windows reports a DLL that a native module needs and cannot find as if the module itself were
missing ('The specified module could not be found.', then the path of tfjs_binding.node). For
tfjs-node-gpu those DLLs are libtensorflow's CUDA and cuDNN ones, found only through PATH.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .logfacts import LogFacts


def binding_dll_missing(log: LogFacts) -> list[Finding]:
    if not log.module_not_found_line or "tfjs_binding" not in log.binding_line:
        return []
    return [
        Finding(
            "cuda-libs-not-found",
            Severity.WARNING,
            "A DLL that tfjs-node-gpu's binding needs could not be loaded: most often CUDA's or "
            "cuDNN's bin folder is not on PATH, else a Node.js newer than the prebuilt addon",
            (log.module_not_found_line, log.binding_line),
            "Put the bin folders of the CUDA and cuDNN that @tensorflow/tfjs-node-gpu's "
            "libtensorflow was built with on PATH and open a new terminal; if they are there, "
            "use the Node.js LTS release the package's prebuilt addon is for.",
            "https://github.com/tensorflow/tfjs/issues/2003",
        )
    ]
