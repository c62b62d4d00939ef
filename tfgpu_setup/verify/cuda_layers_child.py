"""Load each CUDA layer the way TensorFlow would, and print one JSON document about it.

Runs as a script under the target environment's Python (any Python 3.8 or newer), so it
uses the standard library only and imports nothing from tfgpu_setup.

    python cuda_layers_child.py [PLANNED_LIB_DIR ...]

Each layer (driver, CUDA runtime, cuDNN, cuBLAS) reports whether it loaded, from which real
file, its version, and the exact error: the loader's dlerror text when the library did not
load, or the library's own error name when it loaded but refused to work.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from typing import Any

SCHEMA = "tfgpu-setup/cuda-layers"
SCHEMA_VERSION = 1

DRIVER_SONAMES = ("libcuda.so.1",)
RUNTIME_SONAMES = ("libcudart.so.12", "libcudart.so.11.0", "libcudart.so.13")
CUDNN_SONAMES = ("libcudnn.so.9", "libcudnn.so.8")
CUBLAS_SONAMES = ("libcublas.so.12", "libcublas.so.11", "libcublas.so.13")

# CUresult names for the codes cuInit can return, from cuda.h `cudaError_enum`
# (https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__TYPES.html). Used only when the
# driver's own cuGetErrorName is missing or does not know the code.
CURESULT_NAMES = {
    0: "CUDA_SUCCESS",
    1: "CUDA_ERROR_INVALID_VALUE",
    2: "CUDA_ERROR_OUT_OF_MEMORY",
    3: "CUDA_ERROR_NOT_INITIALIZED",
    4: "CUDA_ERROR_DEINITIALIZED",
    34: "CUDA_ERROR_STUB_LIBRARY",
    46: "CUDA_ERROR_DEVICE_UNAVAILABLE",
    100: "CUDA_ERROR_NO_DEVICE",
    101: "CUDA_ERROR_INVALID_DEVICE",
    102: "CUDA_ERROR_DEVICE_NOT_LICENSED",
    303: "CUDA_ERROR_SHARED_OBJECT_INIT_FAILED",
    304: "CUDA_ERROR_OPERATING_SYSTEM",
    800: "CUDA_ERROR_NOT_PERMITTED",
    801: "CUDA_ERROR_NOT_SUPPORTED",
    802: "CUDA_ERROR_SYSTEM_NOT_READY",
    803: "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
    804: "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
    999: "CUDA_ERROR_UNKNOWN",
}
# cudaError_t names (runtime API: a different enum from CUresult), from driver_types.h
# (https://docs.nvidia.com/cuda/cuda-runtime-api/group__CUDART__TYPES.html).
CUDA_RUNTIME_ERROR_NAMES = {
    0: "cudaSuccess",
    3: "cudaErrorInitializationError",
    34: "cudaErrorStubLibrary",
    35: "cudaErrorInsufficientDriver",
    36: "cudaErrorCallRequiresNewerDriver",
    100: "cudaErrorNoDevice",
    803: "cudaErrorSystemDriverMismatch",
    804: "cudaErrorCompatNotSupportedOnDevice",
    999: "cudaErrorUnknown",
}

CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75
CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76
RTLD_DI_LINKMAP = 2
LIBRARY_PROPERTY_MAJOR, LIBRARY_PROPERTY_MINOR, LIBRARY_PROPERTY_PATCH = 0, 1, 2


class _LinkMap(ctypes.Structure):
    _fields_ = [("l_addr", ctypes.c_void_p), ("l_name", ctypes.c_char_p)]


def _real_path(lib: ctypes.CDLL, soname: str) -> str | None:
    """The file the loader actually mapped: dlinfo's link map, else /proc/self/maps."""
    try:
        dlinfo = ctypes.CDLL(None).dlinfo
        dlinfo.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
        link_map = ctypes.POINTER(_LinkMap)()
        if dlinfo(ctypes.c_void_p(lib._handle), RTLD_DI_LINKMAP, ctypes.byref(link_map)) == 0:
            name = link_map.contents.l_name
            if name:
                return os.path.realpath(os.fsdecode(name))
    except (AttributeError, OSError, ValueError):
        pass
    stem = soname.split(".so")[0] + ".so"
    for path in _mapped_files():
        if os.path.basename(path).startswith(stem):
            return path
    return None


def _mapped_files() -> list[str]:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            lines = maps.read().splitlines()
    except OSError:
        return []
    paths: list[str] = []
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[5].startswith("/") and fields[5] not in paths:
            paths.append(fields[5])
    return paths


def _candidates(sonames: tuple[str, ...], lib_dirs: list[str]) -> list[str]:
    """Full paths of the library files in the planned folders, then bare names for the loader.

    When a planned folder holds one of the names, only that name is searched for: the plan
    chose that major version, and another major found elsewhere would not serve TensorFlow.
    """
    planned = [
        os.path.join(d, s) for d in lib_dirs for s in sonames if os.path.lexists(os.path.join(d, s))
    ]
    names: list[str] = []
    for path in planned:
        if os.path.basename(path) not in names:
            names.append(os.path.basename(path))
    return planned + (names or list(sonames))


def _load(sonames: tuple[str, ...], lib_dirs: list[str]) -> tuple[Any, dict[str, Any]]:
    """Try the planned folders first (a full path), then the loader's own search (a bare name).

    Returns the library (or None) and the layer's common fields. When nothing loads, the
    error shown is the first from a file that exists in a planned folder (it names the real
    problem: a corrupt file, a missing dependency), else the loader's answer for the first
    name.
    """
    attempts: list[dict[str, str | None]] = []
    for candidate in _candidates(sonames, lib_dirs):
        try:
            lib = ctypes.CDLL(candidate)
        except OSError as exc:
            attempts.append({"name": candidate, "error": str(exc)})
            continue
        attempts.append({"name": candidate, "error": None})
        soname = os.path.basename(candidate)
        return lib, {
            "loaded": True,
            "soname": soname,
            "path": _real_path(lib, soname),
            "error": None,
            "attempts": attempts,
        }
    planned = [a for a in attempts if os.sep in (a["name"] or "")]
    first = planned[0] if planned else attempts[0]
    return None, {
        "loaded": False,
        "soname": None,
        "path": None,
        "error": first["error"],
        "attempts": attempts,
    }


def _symbol(lib: Any, name: str) -> Any:
    try:
        return getattr(lib, name)
    except AttributeError:
        return None


def _cuda_version(encoded: int) -> str:
    """CUDA's 1000*major + 10*minor encoding (12040 -> 12.4)."""
    return f"{encoded // 1000}.{(encoded % 1000) // 10}"


def _curesult_name(lib: Any, code: int) -> str:
    get_name = _symbol(lib, "cuGetErrorName")
    if get_name is not None:
        text = ctypes.c_char_p()
        get_name.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        if get_name(code, ctypes.byref(text)) == 0 and text.value:
            return text.value.decode("ascii", errors="replace")
    return CURESULT_NAMES.get(code, f"CUresult {code}")


def _runtime_error_name(lib: Any, code: int) -> str:
    get_name = _symbol(lib, "cudaGetErrorName")
    if get_name is not None:
        get_name.argtypes = [ctypes.c_int]
        get_name.restype = ctypes.c_char_p
        name = get_name(code)
        if name and not name.startswith(b"unrecognized"):
            return str(name.decode("ascii", errors="replace"))
    return CUDA_RUNTIME_ERROR_NAMES.get(code, f"cudaError {code}")


def driver_layer() -> dict[str, Any]:
    lib, layer = _load(DRIVER_SONAMES, [])
    layer.update(version=None, code=None, device_count=None, devices=[])
    if lib is None:
        return layer
    version = ctypes.c_int(0)
    if lib.cuDriverGetVersion(ctypes.byref(version)) == 0 and version.value:
        layer["version"] = _cuda_version(version.value)
    code = lib.cuInit(0)
    layer["code"] = code
    if code != 0:
        layer["error"] = _curesult_name(lib, code)
        return layer
    count = ctypes.c_int(0)
    code = lib.cuDeviceGetCount(ctypes.byref(count))
    if code != 0:
        layer["code"] = code
        layer["error"] = _curesult_name(lib, code)
        return layer
    layer["device_count"] = count.value
    for index in range(count.value):
        layer["devices"].append(_device(lib, index))
    return layer


def _device(lib: Any, index: int) -> dict[str, Any]:
    device = ctypes.c_int(0)
    entry: dict[str, Any] = {"index": index, "name": None, "compute_capability": None}
    if lib.cuDeviceGet(ctypes.byref(device), index) != 0:
        return entry
    name = ctypes.create_string_buffer(256)
    if lib.cuDeviceGetName(name, len(name), device) == 0:
        entry["name"] = name.value.decode("utf-8", errors="replace")
    major, minor = ctypes.c_int(0), ctypes.c_int(0)
    if (
        lib.cuDeviceGetAttribute(
            ctypes.byref(major), CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device
        )
        == 0
        and lib.cuDeviceGetAttribute(
            ctypes.byref(minor), CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device
        )
        == 0
    ):
        entry["compute_capability"] = f"{major.value}.{minor.value}"
    return entry


def runtime_layer(lib_dirs: list[str]) -> dict[str, Any]:
    lib, layer = _load(RUNTIME_SONAMES, lib_dirs)
    layer.update(version=None, code=None, driver_version=None, device_count=None)
    if lib is None:
        return layer
    value = ctypes.c_int(0)
    if lib.cudaRuntimeGetVersion(ctypes.byref(value)) == 0 and value.value:
        layer["version"] = _cuda_version(value.value)
    value = ctypes.c_int(0)
    # 0 means the runtime found no driver at all.
    if lib.cudaDriverGetVersion(ctypes.byref(value)) == 0 and value.value:
        layer["driver_version"] = _cuda_version(value.value)
    count = ctypes.c_int(0)
    code = lib.cudaGetDeviceCount(ctypes.byref(count))
    layer["code"] = code
    if code != 0:
        layer["error"] = _runtime_error_name(lib, code)
    else:
        layer["device_count"] = count.value
    return layer


def _cudnn_version(encoded: int) -> str:
    # cuDNN 9 encodes major*10000 + minor*100 + patch; cuDNN 8 and older major*1000 + ...
    scale = 10000 if encoded >= 90000 else 1000
    major, rest = divmod(encoded, scale)
    return f"{major}.{rest // 100}.{rest % 100}"


def cudnn_layer(lib_dirs: list[str]) -> dict[str, Any]:
    lib, layer = _load(CUDNN_SONAMES, lib_dirs)
    layer.update(version=None, cudart_version=None)
    if lib is None:
        return layer
    lib.cudnnGetVersion.restype = ctypes.c_size_t
    layer["version"] = _cudnn_version(int(lib.cudnnGetVersion()))
    get_cudart = _symbol(lib, "cudnnGetCudartVersion")
    if get_cudart is not None:
        get_cudart.restype = ctypes.c_size_t
        layer["cudart_version"] = _cuda_version(int(get_cudart()))
    return layer


def cublas_layer(lib_dirs: list[str]) -> dict[str, Any]:
    lib, layer = _load(CUBLAS_SONAMES, lib_dirs)
    layer.update(version=None)
    if lib is None:
        return layer
    get_property = _symbol(lib, "cublasGetProperty")
    if get_property is not None:
        parts = []
        for prop in (LIBRARY_PROPERTY_MAJOR, LIBRARY_PROPERTY_MINOR, LIBRARY_PROPERTY_PATCH):
            value = ctypes.c_int(0)
            if get_property(prop, ctypes.byref(value)) != 0:
                break
            parts.append(str(value.value))
        if len(parts) == 3:
            layer["version"] = ".".join(parts)
    return layer


def report(lib_dirs: list[str]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "python": ".".join(str(p) for p in sys.version_info[:3]),
        "lib_dirs": lib_dirs,
        "environment": {
            name: os.environ.get(name)
            for name in ("CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH", "CUDA_HOME", "CUDA_PATH")
        },
        "driver": driver_layer(),
        "runtime": runtime_layer(lib_dirs),
        "cudnn": cudnn_layer(lib_dirs),
        "cublas": cublas_layer(lib_dirs),
    }


def main(argv: list[str]) -> int:
    sys.stdout.write(json.dumps(report(argv[1:])) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
