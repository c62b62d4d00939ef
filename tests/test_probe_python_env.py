"""The target environment read from its files: pyvenv.cfg, dist-info, RECORD, build_info.py."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import recorded_host
from host_builder import build_host

from tfgpu_setup.facts import NvidiaWheel, PythonEnv, TfBuildInfo, TfDistribution
from tfgpu_setup.host import RealHost
from tfgpu_setup.probe.python_env import parse_build_info, probe_target_env
from tfgpu_setup.serde import from_jsonable, to_jsonable

SITE = "/home/ada/tf-gpu/lib/python3.11/site-packages"
MIXED_SITE = "/home/ada/tf-mixed/lib/python3.11/site-packages"

# build_info.py as other TensorFlow wheels ship it (public copies found through code search).
WINDOWS_TF_2_4 = (
    '"""Auto-generated module providing information about the build."""\nimport collections\n\n'
    "build_info = collections.OrderedDict([('cpu_compiler', 'C:/Program Files (x86)/Microsoft "
    "Visual Studio/2019/Community/VC/Tools/MSVC/14.27.29110/bin/HostX64/x64/cl.exe'), "
    "('cuda_compute_capabilities', ['sm_35', 'sm_50', 'sm_60', 'sm_70', 'sm_75', 'compute_80']), "
    "('cuda_version', '64_112'), ('cudart_dll_name', 'cudart64_112.dll'), "
    "('cudnn_dll_name', 'cudnn64_8.dll'), ('cudnn_version', '64_8'), ('is_cuda_build', True), "
    "('is_rocm_build', False), ('is_tensorrt_build', False), "
    "('msvcp_dll_names', 'msvcp140.dll,msvcp140_1.dll'), ('nvcuda_dll_name', 'nvcuda.dll')])\n"
)
WINDOWS_TF_2_3 = (
    '"""Auto-generated module providing information about the build."""\n'
    "from __future__ import absolute_import\n\n"
    "build_info = {'cuda_version': '64_101', 'cudnn_version': '64_7', "
    "'cuda_compute_capabilities': ['sm_35', 'sm_37', 'sm_52', 'sm_60', 'sm_61', 'compute_70'], "
    "'is_rocm_build': False, 'is_cuda_build': True, 'nvcuda_dll_name': 'nvcuda.dll', "
    "'cudart_dll_name': 'cudart64_101.dll', 'cudnn_dll_name': 'cudnn64_7.dll'}\n"
)


def _lib(package: str) -> str:
    return f"{SITE}/nvidia/{package}/lib"


def test_tensorflow_and_cuda_venv() -> None:
    env = probe_target_env(recorded_host("venv-and-cuda"), None)
    assert env == PythonEnv(
        path="/home/ada/tf-gpu",
        python_version="3.11.2",
        is_virtualenv=True,
        site_packages=SITE,
        nvidia_wheels=(
            NvidiaWheel("nvidia-cublas-cu12", "12.9.3.13", (_lib("cublas"),)),
            NvidiaWheel("nvidia-cuda-cupti-cu12", "12.9.79", (_lib("cuda_cupti"),)),
            NvidiaWheel(
                "nvidia-cuda-nvcc-cu12", "12.9.86", (f"{SITE}/nvidia/cuda_nvcc/nvvm/lib64",)
            ),
            NvidiaWheel("nvidia-cuda-nvrtc-cu12", "12.9.86", (_lib("cuda_nvrtc"),)),
            NvidiaWheel("nvidia-cuda-runtime-cu12", "12.9.79", (_lib("cuda_runtime"),)),
            NvidiaWheel("nvidia-cudnn-cu12", "9.28.0.42", (_lib("cudnn"),)),
            NvidiaWheel("nvidia-cufft-cu12", "11.4.1.4", (_lib("cufft"),)),
            NvidiaWheel("nvidia-curand-cu12", "10.3.10.19", (_lib("curand"),)),
            NvidiaWheel("nvidia-cusolver-cu12", "11.7.5.82", (_lib("cusolver"),)),
            NvidiaWheel("nvidia-cusparse-cu12", "12.5.10.65", (_lib("cusparse"),)),
            NvidiaWheel("nvidia-nccl-cu12", "2.32.3", (_lib("nccl"),)),
            NvidiaWheel("nvidia-nvjitlink-cu12", "12.9.86", (_lib("nvjitlink"),)),
        ),
        tensorflow=(TfDistribution("tensorflow", "2.21.0"),),
        tf_build=TfBuildInfo(
            is_cuda_build=True,
            cuda_version="12.5.1",
            cudnn_version="9",
            compute_capabilities=("sm_60", "sm_70", "sm_80", "sm_89", "compute_90"),
            source=f"{SITE}/tensorflow/python/platform/build_info.py",
        ),
        source="VIRTUAL_ENV",
    )


def test_every_lib_dir_holds_the_libraries_pip_installed() -> None:
    host = recorded_host("venv-and-cuda")
    env = probe_target_env(host, None)
    assert env is not None
    for wheel in env.nvidia_wheels:
        for folder in wheel.lib_dirs:
            assert any(".so" in name for name in host.listdir(folder)), folder


def test_tensorflow_cpu_installed_over_tensorflow() -> None:
    """Both distributions are reported; the build on disk is the CPU one installed last."""
    env = probe_target_env(recorded_host("venv-and-cuda"), "/home/ada/tf-mixed")
    assert env is not None
    assert env.source == "flag --env"
    assert env.tensorflow == (
        TfDistribution("tensorflow", "2.21.0"),
        TfDistribution("tensorflow-cpu", "2.21.0"),
    )
    assert env.tf_build == TfBuildInfo(
        is_cuda_build=False, source=f"{MIXED_SITE}/tensorflow/python/platform/build_info.py"
    )
    assert env.nvidia_wheels == ()


def test_cuda_13_wheel_layout_and_nvml_binding() -> None:
    env = probe_target_env(recorded_host("venv-and-cuda"), "/home/ada/cu13/")
    assert env is not None
    assert env.path == "/home/ada/cu13"
    # nvidia-ml-py installs pynvml.py, not into the nvidia/ namespace: not a library wheel.
    assert env.nvidia_wheels == (
        NvidiaWheel(
            "nvidia-cuda-runtime",
            "13.0.96",
            ("/home/ada/cu13/lib/python3.11/site-packages/nvidia/cu13/lib",),
        ),
    )
    assert env.tensorflow == ()
    assert env.tf_build is None and env.tf_build_reason is None


def test_explicit_path_wins_and_conda_prefix_is_the_fallback() -> None:
    host = recorded_host("venv-and-cuda")
    host_env = dict(host.env)
    del host_env["VIRTUAL_ENV"]
    assert probe_target_env(type(host)(host.folder, env=host_env), None) is None
    host_env["CONDA_PREFIX"] = "/home/ada/tf-mixed"
    env = probe_target_env(type(host)(host.folder, env=host_env), None)
    assert env is not None and (env.path, env.source) == ("/home/ada/tf-mixed", "CONDA_PREFIX")


def test_missing_environment(tmp_path: Path) -> None:
    host = build_host(tmp_path, files={"/home/ada/notes.txt": "x"})
    assert probe_target_env(host, "/home/ada/venv") == PythonEnv(
        "/home/ada/venv", None, False, source="flag --env", reason="/home/ada/venv: not found"
    )
    assert probe_target_env(host, "/home/ada/notes.txt") == PythonEnv(
        "/home/ada/notes.txt",
        None,
        False,
        source="flag --env",
        reason="/home/ada/notes.txt: not a folder",
    )


def test_environment_without_site_packages(tmp_path: Path) -> None:
    host = build_host(
        tmp_path, files={"/srv/env/pyvenv.cfg": "home = /usr/bin\nversion = 3.12.3\n"}
    )
    env = probe_target_env(host, "/srv/env")
    assert env == PythonEnv(
        "/srv/env",
        "3.12.3",
        True,
        source="flag --env",
        reason="no site-packages folder under /srv/env",
    )


def test_conda_environment(tmp_path: Path) -> None:
    prefix = "/home/ada/miniforge3/envs/tf"
    host = build_host(
        tmp_path,
        files={
            f"{prefix}/conda-meta/python-3.12.3-hab00c5b_0_cpython.json": "{}",
            f"{prefix}/conda-meta/python_abi-3.12-4_cp312.json": "{}",
            f"{prefix}/lib/python3.12/site-packages/": "",
        },
    )
    env = probe_target_env(host, prefix)
    assert env == PythonEnv(
        prefix, "3.12.3", False, f"{prefix}/lib/python3.12/site-packages", source="flag --env"
    )


def test_installed_tensorflow_without_build_info(tmp_path: Path) -> None:
    site = "/srv/env/lib/python3.12/site-packages"
    host = build_host(
        tmp_path,
        files={
            "/srv/env/pyvenv.cfg": "home = /usr/bin\nversion_info = 3.12.3.final.0\n",
            f"{site}/tf_nightly-2.22.0.dev20260301.dist-info/METADATA": (
                "Metadata-Version: 2.1\nName: tf-nightly\nVersion: 2.22.0.dev20260301\n"
            ),
        },
    )
    env = probe_target_env(host, "/srv/env")
    assert env is not None
    assert env.python_version == "3.12.3"
    assert env.tensorflow == (TfDistribution("tf-nightly", "2.22.0.dev20260301"),)
    assert env.tf_build is None
    assert env.tf_build_reason == f"{site}/tensorflow/python/platform/build_info.py: not found"


def test_unparsable_build_info(tmp_path: Path) -> None:
    site = "/srv/env/lib/python3.12/site-packages"
    host = build_host(
        tmp_path,
        files={
            "/srv/env/pyvenv.cfg": "version = 3.12.3\n",
            f"{site}/tensorflow-2.21.0.dist-info/METADATA": "Name: tensorflow\nVersion: 2.21.0\n",
            f"{site}/tensorflow/python/platform/build_info.py": "build_info = get_it()\n",
        },
    )
    env = probe_target_env(host, "/srv/env")
    assert env is not None and env.tf_build is None
    assert env.tf_build_reason == (
        f"{site}/tensorflow/python/platform/build_info.py: no build_info dictionary in it"
    )


@pytest.mark.parametrize(
    ("text", "cuda", "cudnn", "capabilities"),
    [
        (WINDOWS_TF_2_4, "11.2", "8", ("sm_35", "sm_50", "sm_60", "sm_70", "sm_75", "compute_80")),
        (WINDOWS_TF_2_3, "10.1", "7", ("sm_35", "sm_37", "sm_52", "sm_60", "sm_61", "compute_70")),
    ],
)
def test_build_info_shapes(
    tmp_path: Path, text: str, cuda: str, cudnn: str, capabilities: tuple[str, ...]
) -> None:
    site = "/srv/env/Lib/site-packages"
    host = build_host(
        tmp_path,
        files={
            "/srv/env/pyvenv.cfg": "version = 3.8.10\n",
            f"{site}/tensorflow-2.4.0.dist-info/METADATA": "Name: tensorflow\nVersion: 2.4.0\n",
            f"{site}/tensorflow/python/platform/build_info.py": text,
        },
    )
    env = probe_target_env(host, "/srv/env")
    assert env is not None and env.site_packages == site
    assert env.tf_build is not None
    assert (
        env.tf_build.is_cuda_build,
        env.tf_build.cuda_version,
        env.tf_build.cudnn_version,
        env.tf_build.compute_capabilities,
    ) == (True, cuda, cudnn, capabilities)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "build_info = ",
        "import os\nbuild_info = os.environ\n",
        "build_info = collections.OrderedDict([('a',)])\n",
        "build_info = [1, 2]\n",
    ],
)
def test_parse_build_info_rejects_what_is_not_a_literal_mapping(text: str) -> None:
    assert parse_build_info(text) is None


@pytest.mark.parametrize("creator", ["venv", "virtualenv"])
def test_real_environment_on_this_machine(tmp_path: Path, creator: str) -> None:
    target = tmp_path / "env"
    command = (
        [sys.executable, "-m", "venv", "--without-pip", str(target)]
        if creator == "venv"
        else [sys.executable, "-m", "virtualenv", "--no-seed", "-q", str(target)]
    )
    subprocess.run(command, check=True, timeout=120)
    env = probe_target_env(RealHost(env={}), str(target))
    release = ".".join(platform.python_version_tuple()[:2])
    assert env == PythonEnv(
        str(target),
        platform.python_version(),
        True,
        str(target / "lib" / f"python{release}" / "site-packages"),
        source="flag --env",
    )


def test_damaged_dist_info_does_not_stop_the_probe(tmp_path: Path) -> None:
    site = "/srv/env/lib/python3.12/site-packages"
    cudnn, nccl = "nvidia/cudnn/lib/libcudnn.so.9", "nvidia/nccl/lib/libnccl.so.2"
    host = build_host(
        tmp_path,
        files={
            "/srv/env/pyvenv.cfg": "version = 3.12.3\n",
            # No METADATA: name and version come from the folder name.
            f"{site}/nvidia_cudnn_cu12-9.3.0.75.dist-info/RECORD": f"{cudnn},,\n",
            # A NUL byte in RECORD, and METADATA without a Version header.
            f"{site}/nvidia_nccl_cu12-2.21.5.dist-info/RECORD": f"{nccl}\0,,\n",
            f"{site}/nvidia_nccl_cu12-2.21.5.dist-info/METADATA": "Name: nvidia-nccl-cu12\n",
            # No RECORD: a -cu12 wheel is still listed, without library folders.
            f"{site}/nvidia_cublas_cu12-12.5.3.2.dist-info/METADATA": "Name: nvidia-cublas-cu12\n",
        },
    )
    env = probe_target_env(host, "/srv/env")
    assert env is not None
    assert env.nvidia_wheels == (
        NvidiaWheel("nvidia-cublas-cu12", "12.5.3.2"),
        NvidiaWheel("nvidia-cudnn-cu12", "9.3.0.75", (f"{site}/nvidia/cudnn/lib",)),
        NvidiaWheel("nvidia-nccl-cu12", "2.21.5", (f"{site}/nvidia/nccl/lib",)),
    )


def test_environment_facts_round_trip_through_json() -> None:
    """A facts file written on one machine must plan the same elsewhere."""
    env = probe_target_env(recorded_host("venv-and-cuda"), None)
    assert from_jsonable(PythonEnv, json.loads(json.dumps(to_jsonable(env)))) == env
