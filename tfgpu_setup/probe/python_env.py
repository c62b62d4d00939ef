"""The target Python environment: its Python, TensorFlow and NVIDIA wheels, read from its files.

Nothing here starts the environment's interpreter or imports TensorFlow: pyvenv.cfg gives the
Python version, *.dist-info folders give the installed distributions (the binary distribution
format, https://packaging.python.org/en/latest/specifications/binary-distribution-format/), and
TensorFlow's generated tensorflow/python/platform/build_info.py gives its CUDA build.
"""

from __future__ import annotations

import ast
import csv
import posixpath

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from ..facts import NvidiaWheel, PythonEnv, TfBuildInfo, TfDistribution
from ..host import Host
from . import reading

TENSORFLOW_DISTRIBUTIONS = frozenset(
    {
        "tensorflow",
        "tensorflow-cpu",
        "tensorflow-gpu",
        "tensorflow-intel",
        "tensorflow-macos",
        "tensorflow-cpu-aws",
        "tensorflow-aarch64",
        "tensorflow-rocm",
        "tensorflow-directml",
        "intel-tensorflow",
        "intel-tensorflow-avx512",
    }
)
"""Distributions that install the `tensorflow` package itself (not add-ons such as
tensorflow-io or tensorflow-metal). Every tf-nightly* distribution counts too."""

BUILD_INFO = "tensorflow/python/platform/build_info.py"
NVIDIA_NAMESPACE = "nvidia/"
MAPPING_TYPES = ("OrderedDict", "dict")


def probe_target_env(host: Host, path: str | None) -> PythonEnv | None:
    """The environment at `path`, else $VIRTUAL_ENV, else $CONDA_PREFIX, else None."""
    source = "flag --env"
    if path is None:
        for variable in ("VIRTUAL_ENV", "CONDA_PREFIX"):
            if host.env.get(variable):
                path, source = host.env[variable], variable
                break
        else:
            return None
    path = path.rstrip("/") or "/"
    if not reading.is_dir(host, path):
        why = "not a folder" if reading.exists(host, path) else "not found"
        return PythonEnv(path, None, False, source=source, reason=f"{path}: {why}")

    config = _pyvenv_cfg(host, path)
    is_virtualenv = config is not None
    python_version = _version_from_cfg(config) if config else _conda_python(host, path)
    site_packages = _site_packages(host, path, python_version)
    if site_packages is None:
        return PythonEnv(
            path,
            python_version,
            is_virtualenv,
            source=source,
            reason=f"no site-packages folder under {path}",
        )
    if python_version is None:
        python_version = _version_from_site_packages(site_packages)

    dists = _dist_infos(host, site_packages)
    tensorflow = tuple(
        TfDistribution(name, version) for name, version, _ in dists if is_tensorflow(name)
    )
    wheels = tuple(
        wheel
        for name, version, folder in dists
        if name.startswith("nvidia-")
        if (wheel := _nvidia_wheel(host, site_packages, name, version, folder)) is not None
    )
    tf_build, tf_build_reason = (None, None)
    if tensorflow or reading.exists(host, f"{site_packages}/{BUILD_INFO}"):
        tf_build, tf_build_reason = read_build_info(host, f"{site_packages}/{BUILD_INFO}")
    return PythonEnv(
        path=path,
        python_version=python_version,
        is_virtualenv=is_virtualenv,
        site_packages=site_packages,
        nvidia_wheels=wheels,
        tensorflow=tensorflow,
        tf_build=tf_build,
        tf_build_reason=tf_build_reason,
        source=source,
    )


def is_tensorflow(name: str) -> bool:
    """Whether a canonical distribution name installs the `tensorflow` package itself."""
    return name in TENSORFLOW_DISTRIBUTIONS or name.startswith("tf-nightly")


def _pyvenv_cfg(host: Host, env: str) -> dict[str, str] | None:
    text = reading.read_text_or_none(host, f"{env}/pyvenv.cfg")
    if text is None:
        return None
    config = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            config[key.strip().lower()] = value.strip()
    return config


def _version_from_cfg(config: dict[str, str]) -> str | None:
    """venv writes 'version = 3.12.3'; virtualenv and uv write 'version_info = 3.12.3.final.0'."""
    for key in ("version_info", "version"):
        value = config.get(key)
        if value:
            found = _release(".".join(value.split(".")[:3]))
            if found:
                return found
    return None


def _conda_python(host: Host, env: str) -> str | None:
    """conda-meta/python-3.12.3-<build>.json names the environment's Python."""
    for record in reading.glob(host, f"{env}/conda-meta/python-3*.json"):
        name, version = conda_record(record)
        if name == "python" and version:
            return version
    return None


def conda_record(path: str) -> tuple[str | None, str | None]:
    """(name, version) of a conda-meta record, named <name>-<version>-<build>.json."""
    stem = posixpath.basename(path).removesuffix(".json")
    parts = stem.rsplit("-", 2)
    if len(parts) != 3:
        return None, None
    return parts[0], _release(parts[1])


def _site_packages(host: Host, env: str, python_version: str | None) -> str | None:
    candidates = []
    if python_version:
        release = Version(python_version)
        candidates.append(f"{env}/lib/python{release.major}.{release.minor}/site-packages")
    candidates.append(f"{env}/Lib/site-packages")  # Windows layout
    for candidate in candidates:
        if reading.is_dir(host, candidate):
            return candidate
    found = reading.glob(host, f"{env}/lib/python3.*/site-packages")
    return found[-1] if found else None


def _version_from_site_packages(site_packages: str) -> str | None:
    folder = posixpath.basename(posixpath.dirname(site_packages))  # python3.12 or python3.13t
    return (
        _release(folder.removeprefix("python").rstrip("t")) if folder.startswith("python") else None
    )


def _dist_infos(host: Host, site_packages: str) -> list[tuple[str, str, str]]:
    """(canonical name, version, dist-info folder) of the distributions that matter here."""
    found = []
    for entry in reading.listdir(host, site_packages):
        if not entry.endswith(".dist-info"):
            continue
        stem = entry[: -len(".dist-info")]
        raw_name, _, raw_version = stem.partition("-")
        name = canonicalize_name(raw_name)
        if not (name.startswith("nvidia-") or is_tensorflow(name)):
            continue
        folder = f"{site_packages}/{entry}"
        meta_name, meta_version = _metadata(host, folder)
        found.append(
            (
                canonicalize_name(meta_name) if meta_name else name,
                meta_version or raw_version,
                folder,
            )
        )
    return sorted(found)


def _metadata(host: Host, folder: str) -> tuple[str | None, str | None]:
    text = reading.read_text_or_none(host, f"{folder}/METADATA")
    if text is None:
        return None, None
    name = version = None
    for line in text.splitlines():
        if not line.strip():
            break  # headers end at the first blank line; the description follows
        key, _, value = line.partition(":")
        if key == "Name":
            name = value.strip()
        elif key == "Version":
            version = value.strip()
    return name, version


def _nvidia_wheel(
    host: Host, site_packages: str, name: str, version: str, folder: str
) -> NvidiaWheel | None:
    """An NVIDIA library wheel: one that installs into the nvidia/ namespace (nvidia-ml-py,
    which installs pynvml.py, does not). lib_dirs are the folders of its shared libraries
    as RECORD lists them: nvidia/<pkg>/lib for CUDA 12 wheels, nvidia/cu13/lib for CUDA 13."""
    record = reading.read_text_or_none(host, f"{folder}/RECORD")
    if record is None:
        return NvidiaWheel(name, version) if name.endswith(("-cu11", "-cu12", "-cu13")) else None
    try:
        # Python 3.10's csv refuses NUL bytes (3.11+ reads them): a damaged RECORD must read
        # the same on every Python the tool runs on.
        files = [row[0] for row in csv.reader(record.replace("\0", "").splitlines()) if row]
    except csv.Error:
        files = []
    if not any(file.startswith(NVIDIA_NAMESPACE) for file in files):
        return None
    lib_dirs = sorted(
        {
            f"{site_packages}/{posixpath.dirname(file)}"
            for file in files
            if file.startswith(NVIDIA_NAMESPACE) and is_shared_library(posixpath.basename(file))
        }
    )
    return NvidiaWheel(name, version, tuple(lib_dirs))


def is_shared_library(filename: str) -> bool:
    return filename.endswith((".so", ".dll", ".dylib")) or ".so." in filename


def read_build_info(host: Host, path: str) -> tuple[TfBuildInfo | None, str | None]:
    text, reason = reading.read_text(host, path)
    if text is None:
        return None, f"{path}: {reason}"
    info = parse_build_info(text)
    if info is None:
        return None, f"{path}: no build_info dictionary in it"
    capabilities = info.get("cuda_compute_capabilities")
    return TfBuildInfo(
        is_cuda_build=info.get("is_cuda_build") is True,
        cuda_version=_windows_dll_version(info.get("cuda_version")),
        cudnn_version=_windows_dll_version(info.get("cudnn_version")),
        compute_capabilities=tuple(str(c) for c in capabilities)
        if isinstance(capabilities, list | tuple)
        else (),
        source=path,
    ), None


def parse_build_info(text: str) -> dict[str, object] | None:
    """The `build_info` mapping of TensorFlow's generated module, evaluated as literals only.

    Seen shapes: `build_info = collections.OrderedDict([(key, value), ...])` (TF >= 2.4) and
    `build_info = {key: value, ...}` (earlier).
    """
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    for node in tree.body:
        if not (
            isinstance(node, ast.Assign)
            and any(
                isinstance(target, ast.Name) and target.id == "build_info"
                for target in node.targets
            )
        ):
            continue
        value = node.value
        try:
            if isinstance(value, ast.Call):
                if (
                    _called_name(value.func) not in MAPPING_TYPES
                    or value.keywords
                    or len(value.args) != 1
                ):
                    return None
                return {str(key): item for key, item in ast.literal_eval(value.args[0])}
            literal = ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            return None
        return (
            {str(key): item for key, item in literal.items()} if isinstance(literal, dict) else None
        )
    return None


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _windows_dll_version(value: object) -> str | None:
    """Windows builds record DLL suffixes: cuda_version '64_112' (cudart64_112.dll) is 11.2,
    cudnn_version '64_8' is 8."""
    if value is None or value == "":
        return None
    text = str(value)
    if text.startswith("64_") and text[3:].isdigit():
        digits = text[3:]
        return f"{digits[:-1]}.{digits[-1]}" if len(digits) >= 3 else digits
    return text


def _release(text: str) -> str | None:
    try:
        return str(Version(text))
    except InvalidVersion:
        return None
