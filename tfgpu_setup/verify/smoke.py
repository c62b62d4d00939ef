"""Prove, inside the target environment, whether TensorFlow computes on the GPU.

Runs as a script under the target environment's Python with the standard library and
TensorFlow only (numpy comes with TensorFlow); it is never imported by the tool. It prints
one JSON document on stdout. Everything else, TensorFlow's C++ log lines included, goes to
stderr, which the runner captures and attaches.

Each check runs on the CPU and on every visible GPU: placed with tf.device, the result's
device read back (soft placement is off, so a missing GPU kernel is an error and not a
silent fall-back to the CPU), and the values compared with a float64 numpy reference.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

SCHEMA = "tfgpu-setup/smoke"
SCHEMA_VERSION = 1

STEADY_REPEATS = 5
RELATIVE_TOLERANCE = 1e-2
"""Of the reference's largest magnitude: loose enough for TF32 matmuls on Ampere and newer
(TensorFlow enables TF32 by default), tight enough that a wrong result cannot pass."""
TEXT_LIMIT = 4000
CHECK_NAMES = ("matmul", "matmul-tf.function", "conv2d", "xla-jit")
CUDA_LIBRARY_PREFIXES = (
    "libcuda.so",
    "libcudart.so",
    "libcudnn",
    "libcublas",
    "libnvrtc",
    "libnvJitLink",
    "libcufft",
    "libcusolver",
    "libcusparse",
    "libcurand",
    "libnccl",
    "libcupti",
    "libnvidia-ptxjitcompiler",
    "libtensorflow_framework",
    "libtensorflow_cc",
)
ENVIRONMENT_NAMES = (
    "CUDA_VISIBLE_DEVICES",
    "LD_LIBRARY_PATH",
    "XLA_FLAGS",
    "TF_CPP_MIN_LOG_LEVEL",
    "TF_FORCE_GPU_ALLOW_GROWTH",
    "CUDA_HOME",
    "CUDA_PATH",
    "VIRTUAL_ENV",
)


def _tail(text: str, limit: int = TEXT_LIMIT) -> str:
    return text if len(text) <= limit else "..." + text[-limit:]


def _error_text(exc: BaseException) -> str:
    return _tail(f"{type(exc).__name__}: {exc}")


class Inputs:
    """Deterministic inputs and their float64 references, computed once with numpy."""

    def __init__(self, np: Any) -> None:
        rng = np.random.default_rng(0)
        self.a = rng.uniform(-1.0, 1.0, (256, 256)).astype(np.float32)
        self.b = rng.uniform(-1.0, 1.0, (256, 256)).astype(np.float32)
        self.image = rng.uniform(-1.0, 1.0, (2, 32, 32, 8)).astype(np.float32)
        self.kernel = rng.uniform(-1.0, 1.0, (3, 3, 8, 16)).astype(np.float32)
        a64, b64 = self.a.astype(np.float64), self.b.astype(np.float64)
        self.matmul_ref = a64 @ b64
        self.xla_ref = np.tanh(self.matmul_ref * 0.01) + 1.0
        self.conv_ref = _conv2d_valid(
            np, self.image.astype(np.float64), self.kernel.astype(np.float64)
        )


def _conv2d_valid(np: Any, image: Any, kernel: Any) -> Any:
    kh, kw = kernel.shape[:2]
    out_h, out_w = image.shape[1] - kh + 1, image.shape[2] - kw + 1
    out = np.zeros((image.shape[0], out_h, out_w, kernel.shape[3]))
    for i in range(kh):
        for j in range(kw):
            window = image[:, i : i + out_h, j : j + out_w, :]
            out += np.einsum("nhwc,co->nhwo", window, kernel[i, j])
    return out


def _programs(tf: Any, inputs: Inputs) -> dict[str, tuple[Callable[[], Any], Any]]:
    """Each check's program (built inside the device scope) and its reference values."""
    a, b = tf.constant(inputs.a), tf.constant(inputs.b)
    image, kernel = tf.constant(inputs.image), tf.constant(inputs.kernel)
    graph_matmul = tf.function(lambda x, y: tf.linalg.matmul(x, y))
    # Element-wise work around the matmul makes XLA emit its own fused kernel, which it must
    # compile with ptxas and libdevice: the part of a GPU setup a plain matmul never touches.
    xla = tf.function(lambda x, y: tf.tanh(tf.linalg.matmul(x, y) * 0.01) + 1.0, jit_compile=True)
    return {
        "matmul": (lambda: tf.linalg.matmul(a, b), inputs.matmul_ref),
        "matmul-tf.function": (lambda: graph_matmul(a, b), inputs.matmul_ref),
        "conv2d": (
            lambda: tf.nn.conv2d(image, kernel, strides=1, padding="VALID"),
            inputs.conv_ref,
        ),
        "xla-jit": (lambda: xla(a, b), inputs.xla_ref),
    }


def _run_check(tf: Any, np: Any, inputs: Inputs, name: str, device: str) -> dict[str, Any]:
    check: dict[str, Any] = {"name": name, "device": device, "status": "failed"}
    try:
        with tf.device(device):
            program, reference = _programs(tf, inputs)[name]
            started = time.perf_counter()
            result = program()
            values = result.numpy()
            check["first_call_s"] = time.perf_counter() - started
            durations = []
            for _ in range(STEADY_REPEATS):
                started = time.perf_counter()
                program().numpy()
                durations.append(time.perf_counter() - started)
            check["steady_call_s"] = statistics.median(durations)
        check["result_device"] = result.device
        error = float(np.max(np.abs(values.astype(np.float64) - reference)))
        tolerance = RELATIVE_TOLERANCE * max(1.0, float(np.max(np.abs(reference))))
        check["max_abs_error"] = error
        check["tolerance"] = tolerance
        wanted = tf.DeviceSpec.from_string(device)
        got = tf.DeviceSpec.from_string(result.device)
        if (got.device_type, got.device_index) != (wanted.device_type, wanted.device_index):
            check["error"] = f"the result was computed on {result.device}, not on {device}"
        elif not error <= tolerance:
            check["error"] = f"largest difference from the reference {error:.3g} > {tolerance:.3g}"
        else:
            check["status"] = "passed"
    except Exception as exc:
        check["error"] = _error_text(exc)
    return check


def _skip_reason(build_info: dict[str, Any], listing_error: str | None) -> str:
    if listing_error is not None:
        return f"listing GPUs failed: {listing_error}"
    if not build_info.get("is_cuda_build", False):
        return (
            "this TensorFlow is not built with CUDA "
            "(tf.sysconfig.get_build_info()['is_cuda_build'] is not True)"
        )
    return "TensorFlow lists no GPU: tf.config.list_physical_devices('GPU') returned []"


def _loaded_libraries() -> tuple[list[dict[str, str]], str | None]:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            lines = maps.read().splitlines()
    except OSError as exc:
        return [], f"cannot read /proc/self/maps: {exc}"
    found: list[dict[str, str]] = []
    seen = set()
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) < 6 or not fields[5].startswith("/"):
            continue
        path = fields[5]
        base = os.path.basename(path)
        if path in seen or not base.startswith(CUDA_LIBRARY_PREFIXES):
            continue
        seen.add(path)
        found.append({"name": base.split(".so")[0], "path": path})
    return found, None


def _gpu_entry(tf: Any, index: int, physical: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": physical.name,
        "device": f"/GPU:{index}",
        "compute_capability": None,
        "device_name": None,
    }
    try:
        details = tf.config.experimental.get_device_details(physical)
    except Exception:
        return entry
    capability = details.get("compute_capability")
    if capability:
        entry["compute_capability"] = ".".join(str(part) for part in capability)
    entry["device_name"] = details.get("device_name")
    return entry


def _with_tensorflow(report: dict[str, Any], tf: Any) -> None:
    np = importlib.import_module("numpy")
    report["tensorflow_version"] = str(tf.__version__)
    report["tensorflow_path"] = os.path.dirname(str(tf.__file__))
    build_info = dict(tf.sysconfig.get_build_info())
    report["build_info"] = json.loads(json.dumps(build_info, default=str))
    tf.config.set_soft_device_placement(False)
    try:
        physical_gpus = list(tf.config.list_physical_devices("GPU"))
    except Exception as exc:
        physical_gpus = []
        report["gpu_listing_error"] = _error_text(exc)
    for gpu in physical_gpus:
        # Take memory as needed rather than all of it: the GPU may be shared.
        with contextlib.suppress(Exception):
            tf.config.experimental.set_memory_growth(gpu, True)
    report["gpus"] = [_gpu_entry(tf, i, gpu) for i, gpu in enumerate(physical_gpus)]
    inputs = Inputs(np)
    checks = [_run_check(tf, np, inputs, name, "/CPU:0") for name in CHECK_NAMES]
    if physical_gpus:
        for index in range(len(physical_gpus)):
            checks += [_run_check(tf, np, inputs, name, f"/GPU:{index}") for name in CHECK_NAMES]
    else:
        reason = _skip_reason(build_info, report["gpu_listing_error"])
        checks += [
            {"name": name, "device": "/GPU", "status": "skipped", "reason": reason}
            for name in CHECK_NAMES
        ]
    report["checks"] = checks


def build_report() -> dict[str, Any]:
    started = time.perf_counter()
    report: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "status": "completed",
        "python": ".".join(str(p) for p in sys.version_info[:3]),
        "executable": sys.executable,
        "prefix": sys.prefix,
        "tf_import": None,
        "tensorflow_version": None,
        "tensorflow_path": None,
        "build_info": {},
        "gpus": [],
        "gpu_listing_error": None,
        "checks": [],
        "loaded_libraries": [],
        "loaded_libraries_error": None,
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT_NAMES},
        "ptxas": shutil.which("ptxas"),
        "error": None,
        "traceback_tail": None,
        "seconds": 0.0,
    }
    import_started = time.perf_counter()
    try:
        tf = importlib.import_module("tensorflow")
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        report["status"] = "import-failed"
        report["tf_import"] = {
            "ok": False,
            "seconds": time.perf_counter() - import_started,
            "exception": type(exc).__name__,
            "message": _tail(str(exc)),
        }
        report["traceback_tail"] = _tail(traceback.format_exc())
    else:
        report["tf_import"] = {
            "ok": True,
            "seconds": time.perf_counter() - import_started,
            "exception": None,
            "message": None,
        }
        try:
            _with_tensorflow(report, tf)
        except Exception as exc:
            report["status"] = "script-error"
            report["error"] = _error_text(exc)
            report["traceback_tail"] = _tail(traceback.format_exc())
    report["loaded_libraries"], report["loaded_libraries_error"] = _loaded_libraries()
    report["seconds"] = time.perf_counter() - started
    return report


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    # The script's folder is not the user's: keep its files from shadowing any module.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    # Keep fd 1 for the JSON document alone: anything TensorFlow or its C++ runtime prints
    # to stdout goes to stderr with the log lines.
    json_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    document = json.dumps(build_report())
    with os.fdopen(json_fd, "w", encoding="utf-8") as out:
        out.write(document + "\n")
        out.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: some TensorFlow builds crash in their exit handlers, and the
    # answer is already written.
    os._exit(0)


if __name__ == "__main__":
    main()
