"""End to end, without a GPU: a legacy plan (TensorFlow 2.12 with NVIDIA's cu11 wheels) applied
for real; every library that release dlopens resolves from the env under the activate script,
and none does without it.

The first run downloads about 2.3 GB (TensorFlow 2.12.1 and the CUDA 11.8 wheels); uv's cache
makes later runs a local copy.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import time
from pathlib import Path

import pytest
from apply_support import find_python
from packaging.specifiers import SpecifierSet

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.cli import main
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.matrix.model import CudaWheelSet
from tfgpu_setup.plan import Plan
from tfgpu_setup.process import run

TENSORFLOW = "2.12.1"
LOAD = """
import ctypes, json, sys
loaded, failed = {}, {}
for soname in sys.argv[1:]:
    try:
        ctypes.CDLL(soname)
    except OSError as exc:
        failed[soname] = str(exc)
lines = open("/proc/self/maps").read().splitlines()
mapped = {f[5] for f in (line.split(None, 5) for line in lines) if len(f) == 6}
for soname in sys.argv[1:]:
    paths = sorted(p for p in mapped if p.rsplit("/", 1)[-1] == soname)
    if soname not in failed:
        loaded[soname] = paths
print(json.dumps({"loaded": loaded, "failed": failed}))
"""


def wheel_set() -> CudaWheelSet:
    return next(
        s
        for s in load_matrix().tensorflow.cuda_wheel_sets
        if TENSORFLOW in SpecifierSet(s.tensorflow)
    )


def legacy_plan(venv: Path, capsys: pytest.CaptureFixture[str]) -> Plan:
    argv = [
        "plan",
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.10",
        "--driver",
        "525.85.12",
        "--gpu",
        "NVIDIA GeForce RTX 2080 Ti",
        "--tf",
        "2.12",
        "--venv",
        str(venv),
        "--json",
    ]
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    document = json.loads(out)
    assert (document["verdict"], document["tensorflow"]) == ("gpu", TENSORFLOW)
    plan = Plan.from_json(out)
    # What-if plans name the Python by version only; apply needs an interpreter on this machine.
    return dataclasses.replace(plan, python_path=find_python(10))


def in_shell(script: Path | None, command: str, *args: str) -> tuple[bool, str]:
    """Run `command` in bash, after sourcing the activate script when one is given."""
    # The script refuses to run as $0: it is sourced from $1, and the command's own
    # arguments follow it.
    prefix = '. "$1" && shift && ' if script else "shift && "
    result = run(
        ["bash", "-c", prefix + command, "bash", str(script or ""), *args],
        timeout=300,
        env={"LD_LIBRARY_PATH": None, "XLA_FLAGS": None},
    )
    return result.ok, result.stdout + result.stderr


@pytest.mark.e2e
def test_legacy_plan_libraries_resolve_only_under_the_activate_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    venv = tmp_path / "tf 2.12 legacy"
    plan = legacy_plan(venv, capsys)
    chosen = wheel_set()
    assert plan.requirements == (f"tensorflow=={TENSORFLOW}", *chosen.pins)

    started = time.monotonic()
    result = apply_plan(plan, installer="auto", install_timeout=3600)
    print(f"apply of the legacy plan ({result.installer}): {time.monotonic() - started:.0f} s")
    script = venv / "bin" / "activate-tfgpu"
    assert script in result.activate_scripts
    python = venv / "bin" / "python"
    site = venv / "lib" / "python3.10" / "site-packages"
    sonames = [*chosen.sonames, *chosen.optional_sonames]

    # Under the script: each library TensorFlow 2.12 dlopens loads, from the env's wheels.
    ok, out = in_shell(script, f'"{python}" -c "$@"', LOAD, *sonames)
    assert ok, out
    report = json.loads(out.strip().splitlines()[-1])
    assert report["failed"] == {}
    for soname, path in {**chosen.sonames, **chosen.optional_sonames}.items():
        assert report["loaded"][soname] == [str(site / path)], soname

    # ldd's view of the same search: every dependency of every library is found, and each
    # CUDA library among them comes from the env (none from elsewhere on the machine).
    for path in {**chosen.sonames, **chosen.optional_sonames}.values():
        ok, out = in_shell(script, 'ldd "$1"', str(site / path))
        assert ok and "not found" not in out, out
        for line in out.splitlines():
            found = re.match(r"\s*(lib(?:cu|nv)\S*) => (.+) \(0x[0-9a-f]+\)$", line)
            if found and not found.group(1).startswith("libnvidia"):
                assert found.group(2).startswith(str(site)), line

    # Without the script nothing of it can be found: the wheels are not on any search path.
    ok, out = in_shell(None, f'"{python}" -c "$@"', LOAD, *sonames)
    assert ok, out
    report = json.loads(out.strip().splitlines()[-1])
    assert sorted(report["failed"]) == sorted(sonames)

    # XLA's tools: ptxas on PATH and libdevice under XLA_FLAGS' data dir, from the nvcc wheel.
    ok, out = in_shell(script, 'command -v ptxas && ptxas --version && echo "$XLA_FLAGS"')
    assert ok, out
    assert out.splitlines()[0] == str(site / "nvidia" / "cuda_nvcc" / "bin" / "ptxas")
    assert "release 11.8" in out
    data_dir = out.strip().splitlines()[-1].split("=", 1)[1].strip("'")  # quoted: a space
    assert (Path(data_dir) / "nvvm" / "libdevice" / "libdevice.10.bc").is_file()
    if shutil.which("ptxas") is None:
        ok, _ = in_shell(None, "command -v ptxas")
        assert not ok

    # The TensorFlow installed is the CUDA 11.8 build these libraries serve.
    ok, out = in_shell(
        script,
        f'"{python}" -c "import tensorflow as tf; b = tf.sysconfig.get_build_info(); '
        "print(tf.__version__, b['cuda_version'], b['cudnn_version'])\"",
    )
    assert ok, out
    assert f"{TENSORFLOW} 11.8 8" in out.splitlines()
