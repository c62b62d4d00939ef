"""TensorFlow.js's Node binding failing to load (on Windows, and libtensorflow on Linux).

Windows reports a DLL that a native module needs and cannot find as if the module itself were
missing ('The specified module could not be found.', then the path of tfjs_binding.node). For
tfjs-node-gpu those DLLs are libtensorflow's CUDA and cuDNN ones, found only through PATH.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .logfacts import LogFacts
from .logs import LogMatch

JAVASCRIPT_BACKEND = "tfjs-javascript-cpu-backend"


def without_fallback_greeting(matches: tuple[LogMatch, ...], log: LogFacts) -> tuple[LogMatch, ...]:
    """TensorFlow.js greets Node.js users from its JavaScript backend also when the node
    backend failed to register (tfjs 0.x/1.x: the failure is the cause then), and from a second
    copy of tfjs-core while libtensorflow runs beside it (its own C++ lines show it did): only
    alone does the greeting mean the node backend was never loaded."""
    if not (log.tfjs_backend_failed_line or log.tf_ran_line):
        return matches
    return tuple(m for m in matches if m.signature.name != JAVASCRIPT_BACKEND)


def binding_dll_missing(log: LogFacts) -> list[Finding]:
    if log.tfjs_library_missing_line:
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                "TensorFlow.js's native binding could not load libtensorflow: the library its"
                " install script downloads is missing, so nothing ran",
                (log.tfjs_library_missing_line,),
                "Run 'npm rebuild @tensorflow/tfjs-node' (or -gpu): its install script downloads"
                " libtensorflow into node_modules/@tensorflow/tfjs-node/deps/lib; an install with"
                " --ignore-scripts, offline or behind a proxy skips it, and a node_modules copied"
                " from another OS has the other's. On Alpine (musl) the prebuilt library cannot"
                " load at all: use a glibc image.",
                "https://github.com/tensorflow/tfjs/tree/master/tfjs-node",
            )
        ]
    if not log.module_not_found_line:
        return []
    if log.tfjs_cpu_binding_line and not log.tfjs_gpu_binding_line:
        # tfjs-node (CPU): libtensorflow itself did not load, so nothing ran (tfjs#2619: a CPU
        # without AVX, which Windows words the same way)
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                "TensorFlow.js's native binding could not be loaded: a DLL it needs did not load,"
                " so libtensorflow never ran",
                (log.module_not_found_line, log.tfjs_cpu_binding_line),
                "Check, in this order: tensorflow.dll beside tfjs_binding.node (npm rebuild"
                " @tensorflow/tfjs-node copies it there); the Visual C++ Redistributable"
                " (x64); a CPU with AVX (libtensorflow's prebuilt builds need it: 'wmic cpu get"
                " name' names the CPU, and one without AVX needs a build from source).",
                "https://github.com/tensorflow/tfjs/issues/2619",
            )
        ]
    if not log.tfjs_gpu_binding_line:
        return []
    return [
        Finding(
            "cuda-libs-not-found",
            Severity.WARNING,
            "A DLL that tfjs-node-gpu's binding needs could not be loaded: most often CUDA's or "
            "cuDNN's bin folder is not on PATH, else a Node.js newer than the prebuilt addon",
            (log.module_not_found_line, log.tfjs_gpu_binding_line),
            "Put the bin folders of the CUDA and cuDNN that @tensorflow/tfjs-node-gpu's "
            "libtensorflow was built with on PATH and open a new terminal; if they are there, "
            "use the Node.js LTS release the package's prebuilt addon is for.",
            "https://github.com/tensorflow/tfjs/issues/2003",
        )
    ]
