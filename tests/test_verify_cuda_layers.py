"""The CUDA layer check: real loader, real libraries where the machine has them, real Pythons."""

from __future__ import annotations

import ast
import ctypes.util
import glob
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from packaging.version import Version

from tfgpu_setup.process import run
from tfgpu_setup.verify import cuda_layers_child
from tfgpu_setup.verify.runner import check_cuda_layers, run_smoke

SCRIPTS = Path(cuda_layers_child.__file__).parent
NO_DRIVER = ctypes.util.find_library("cuda") is None
NOT_FOUND = "cannot open shared object file: No such file or directory"


def _other_pythons() -> list[str]:
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = []
    for minor in ("3.8", "3.10", "3.12", "3.13"):
        found += sorted(glob.glob(os.path.join(root, "versions", f"{minor}.*", "bin", "python")))
    return found


@pytest.mark.skipif(not NO_DRIVER, reason="a CUDA driver (libcuda) is installed here")
def test_without_a_driver_libcuda_is_reported_with_the_loaders_own_words() -> None:
    layers = check_cuda_layers(sys.executable, {}, [])

    assert layers.failure is None and layers.report is not None
    driver = layers.report.driver
    assert not driver.loaded
    assert driver.error == f"libcuda.so.1: {NOT_FOUND}"
    assert driver.path is None and driver.version is None and driver.devices == ()


@pytest.mark.hardware
@pytest.mark.skipif(NO_DRIVER, reason="no CUDA driver (libcuda) installed here")
def test_with_a_driver_libcuda_loads_and_names_its_devices() -> None:
    layers = check_cuda_layers(sys.executable, {}, [])

    assert layers.report is not None
    driver = layers.report.driver
    assert driver.loaded and driver.path and os.path.isfile(driver.path)
    assert driver.version is not None
    if driver.error is None:
        assert driver.device_count == len(driver.devices) >= 1
        assert all(d.compute_capability for d in driver.devices)


@pytest.mark.parametrize(
    ("content", "loader_says"),
    [(b"not an ELF", "file too short"), (b"#!" + b"x" * 4094, "invalid ELF header")],
    ids=["short-file", "not-elf"],
)
def test_a_broken_runtime_in_a_planned_folder_gives_the_real_loader_error(
    tmp_path: Path, content: bytes, loader_says: str
) -> None:
    broken = tmp_path / "libcudart.so.12"
    broken.write_bytes(content)

    layers = check_cuda_layers(sys.executable, {}, [str(tmp_path)])

    assert layers.report is not None
    runtime = layers.report.runtime
    assert not runtime.loaded
    assert runtime.error == f"{broken}: {loader_says}"
    # The plan chose CUDA 12: a libcudart of another major found elsewhere must not stand in.
    assert [a.name for a in runtime.attempts] == [str(broken), "libcudart.so.12"]


def test_missing_cudnn_and_cublas_name_every_soname_tried(tmp_path: Path) -> None:
    layers = check_cuda_layers(sys.executable, {}, [str(tmp_path)])

    assert layers.report is not None
    for layer, sonames in (
        (layers.report.cudnn, cuda_layers_child.CUDNN_SONAMES),
        (layers.report.cublas, cuda_layers_child.CUBLAS_SONAMES),
    ):
        if layer.loaded:
            continue  # this machine has the library: nothing to prove about its absence
        assert [a.name for a in layer.attempts] == list(sonames)
        assert layer.error == f"{sonames[0]}: {NOT_FOUND}"


@pytest.mark.skipif(ctypes.util.find_library("cudart") is None, reason="no libcudart here")
def test_a_runtime_in_a_planned_folder_is_loaded_from_there_with_its_version(
    tmp_path: Path,
) -> None:
    found = check_cuda_layers(sys.executable, {}, []).report
    assert found is not None and found.runtime.loaded and found.runtime.path
    system_file = Path(found.runtime.path)
    planned = tmp_path / str(found.runtime.soname)
    shutil.copy2(system_file, planned)

    layers = check_cuda_layers(sys.executable, {}, [str(tmp_path)])

    assert layers.report is not None
    runtime = layers.report.runtime
    assert runtime.loaded and runtime.path == str(planned)
    # The file name carries the major (libcudart.so.13), sometimes the full version too.
    file_version = Version(system_file.name.split(".so.")[1])
    assert runtime.version is not None
    assert Version(runtime.version).major == file_version.major
    if len(file_version.release) >= 2:
        assert runtime.version == f"{file_version.major}.{file_version.minor}"
    if NO_DRIVER:
        # What the runtime itself answers when it finds no driver.
        assert runtime.error == "cudaErrorInsufficientDriver" and runtime.code == 35
        assert runtime.driver_version is None and runtime.device_count is None


@pytest.mark.parametrize("python", _other_pythons() or ["none"])
def test_the_layer_script_runs_under_other_pythons(python: str, tmp_path: Path) -> None:
    if python == "none":
        pytest.skip("no other Python 3.8+ found under pyenv")
    script = SCRIPTS / "cuda_layers_child.py"
    # -I -S: no site-packages, no environment; only the standard library is there to import.
    result = run([python, "-I", "-S", str(script), str(tmp_path)], timeout=60)

    assert result.ok, result.stderr
    document = json.loads(result.stdout)
    version = run(
        [python, "-c", "import sys; print('.'.join(map(str, sys.version_info[:3])))"], timeout=30
    ).stdout.strip()
    assert document["python"] == version
    assert document["lib_dirs"] == [str(tmp_path)]
    assert set(document) >= {"driver", "runtime", "cudnn", "cublas"}


@pytest.mark.parametrize("script", ["cuda_layers_child.py", "smoke.py"])
def test_the_child_scripts_import_only_the_standard_library(script: str) -> None:
    tree = ast.parse((SCRIPTS / script).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{script} uses a relative import"
            imported.add((node.module or "").split(".")[0])

    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


def test_a_missing_interpreter_is_reported_not_raised(tmp_path: Path) -> None:
    layers = check_cuda_layers(str(tmp_path / "bin" / "python"), {}, [])

    assert layers.report is None
    assert layers.failure is not None and layers.failure.kind == "not-found"


def test_an_interpreter_that_prints_no_json_is_bad_output() -> None:
    echo = shutil.which("echo")
    assert echo is not None

    layers = check_cuda_layers(echo, {}, [])

    assert layers.report is None
    assert layers.failure is not None and layers.failure.kind == "bad-output"
    assert "cuda_layers_child.py" in layers.failure.message


def test_a_child_killed_by_a_signal_is_reported_with_its_last_log_line(tmp_path: Path) -> None:
    # Stands in for an interpreter whose TensorFlow import dies (SIGILL on a CPU without AVX,
    # SIGSEGV in a driver): a real process really killed by a real signal.
    crashing = tmp_path / "python"
    crashing.write_text(
        "#!/bin/sh\necho 'F0000 check failed: cuda_executor.cc' >&2\nkill -SEGV $$\n"
    )
    crashing.chmod(0o755)

    result = run_smoke(str(crashing), {})

    assert result.report is None and result.failure is not None
    assert result.failure.kind == "signal"
    assert result.failure.returncode == -11
    assert "SIGSEGV" in result.failure.message
    assert "F0000 check failed: cuda_executor.cc" in result.failure.message
    assert "F0000 check failed" in result.stderr


def test_the_child_environment_drops_python_overrides_and_shows_all_tf_logs(
    tmp_path: Path,
) -> None:
    printer = tmp_path / "python"
    printer.write_text(
        "#!/bin/sh\nenv | grep -E '^(PYTHONHOME|PYTHONPATH|TF_CPP_MIN_LOG_LEVEL|KEEP)=' >&2\n"
    )
    printer.chmod(0o755)

    result = run_smoke(
        str(printer),
        {
            "PYTHONPATH": "/elsewhere",
            "PYTHONHOME": "/elsewhere",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "KEEP": "yes",
        },
    )

    assert sorted(result.stderr.split()) == ["KEEP=yes", "TF_CPP_MIN_LOG_LEVEL=0"]
