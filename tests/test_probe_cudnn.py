"""cuDNN from headers, from the loader's libraries, and from the target env's pip wheel."""

from __future__ import annotations

from pathlib import Path

from conftest import HOSTS, recorded_host
from host_builder import build_host

from tfgpu_setup.facts import CudnnInstall, Note, NvidiaWheel, PythonEnv
from tfgpu_setup.probe.cudnn import parse_cudnn_header, probe_cudnn
from tfgpu_setup.probe.python_env import probe_target_env

HEADER_897 = (
    HOSTS / "linux-cuda-toolkit/root/usr/include/x86_64-linux-gnu/cudnn_version_v8.h"
).read_text()
HEADER_928 = (
    HOSTS
    / "venv-and-cuda/root/home/ada/tf-gpu/lib/python3.11/site-packages"
    / "nvidia/cudnn/include/cudnn_version.h"
).read_text()
"""As the nvidia-cudnn-cu12 9.28.0.42 wheel installs it; cuDNN 9 scales CUDNN_VERSION by 10000."""


def test_system_cudnn_from_debian_packages() -> None:
    installs, notes = probe_cudnn(recorded_host("linux-cuda-toolkit"), None)
    assert installs == (
        # /usr/include/cudnn_version.h is the alternatives link to the multiarch header.
        CudnnInstall(
            "8.9.7", "/usr/include/cudnn_version.h", "headers", "CUDNN_MAJOR/MINOR/PATCHLEVEL"
        ),
        CudnnInstall(
            "8.9.7",
            "/usr/include/x86_64-linux-gnu/cudnn_version_v8.h",
            "headers",
            "CUDNN_MAJOR/MINOR/PATCHLEVEL",
        ),
        CudnnInstall("8.9.7", "/lib/x86_64-linux-gnu/libcudnn.so.8.9.7", "library", "ldconfig -p"),
    )
    assert notes == ()


def test_wheel_in_the_target_env() -> None:
    host = recorded_host("venv-and-cuda")
    env = probe_target_env(host, None)
    installs, notes = probe_cudnn(host, env)
    assert installs == (
        CudnnInstall(
            "9.28.0.42",
            "/home/ada/tf-gpu/lib/python3.11/site-packages/nvidia/cudnn/lib",
            "wheel",
            "pip nvidia-cudnn-cu12",
        ),
    )
    assert notes == ()


def test_only_cudnn_library_wheels_count() -> None:
    env = PythonEnv(
        "/v",
        "3.12.3",
        True,
        "/v/lib/python3.12/site-packages",
        nvidia_wheels=(
            NvidiaWheel("nvidia-cudnn-frontend", "1.8.0"),
            NvidiaWheel(
                "nvidia-cudnn-cu13",
                "9.24.0.43",
                ("/v/lib/python3.12/site-packages/nvidia/cudnn/lib",),
            ),
        ),
    )
    installs, _ = probe_cudnn(recorded_host("venv-and-cuda"), env)
    assert installs == (
        CudnnInstall(
            "9.24.0.43",
            "/v/lib/python3.12/site-packages/nvidia/cudnn/lib",
            "wheel",
            "pip nvidia-cudnn-cu13",
        ),
    )


def test_header_parsing() -> None:
    assert parse_cudnn_header(HEADER_897) == "8.9.7"
    assert parse_cudnn_header(HEADER_928) == "9.28.0"
    # cudnn.h of cuDNN 8 only includes cudnn_version.h: no version of its own.
    assert parse_cudnn_header('#include "cudnn_version.h"\n') is None
    assert parse_cudnn_header("#  define CUDNN_MAJOR 7\n#define CUDNN_MINOR 6\n") == "7.6"


def test_tarball_copied_into_a_toolkit_and_conda(tmp_path: Path) -> None:
    """NVIDIA's tarball instructions copy cudnn*.h and libcudnn* into /usr/local/cuda."""
    prefix = "/home/ada/miniforge3/envs/tf"
    host = build_host(
        tmp_path,
        env={"CONDA_PREFIX": prefix, "LD_LIBRARY_PATH": "/usr/local/cuda-11.8/lib64"},
        files={
            "/usr/local/cuda-11.8/include/cudnn_version.h": HEADER_897,
            "/usr/local/cuda-11.8/include/cudnn.h": '#include "cudnn_version.h"\n',
            "/usr/local/cuda-11.8/lib64/libcudnn.so": "",
            "/usr/local/cuda-11.8/lib64/libcudnn.so.8": "",
            "/usr/local/cuda-11.8/lib64/libcudnn.so.8.9.7": "",
            "/usr/local/cuda-11.8/lib64/libcudnn_ops_infer.so.8.9.7": "",
            f"{prefix}/include/cudnn_version.h": HEADER_928,
            f"{prefix}/lib/libcudnn.so.9": "",
            f"{prefix}/lib/libcudnn.so.9.28.0": "",
        },
    )
    installs, notes = probe_cudnn(host, None)
    assert installs == (
        CudnnInstall(
            "8.9.7",
            "/usr/local/cuda-11.8/include/cudnn_version.h",
            "headers",
            "CUDNN_MAJOR/MINOR/PATCHLEVEL",
        ),
        CudnnInstall(
            "9.28.0", f"{prefix}/include/cudnn_version.h", "headers", "CUDNN_MAJOR/MINOR/PATCHLEVEL"
        ),
        CudnnInstall(
            "8.9.7", "/usr/local/cuda-11.8/lib64/libcudnn.so.8.9.7", "library", "LD_LIBRARY_PATH"
        ),
        CudnnInstall(
            "8.9.7", "/usr/local/cuda-11.8/lib64/libcudnn.so.8.9.7", "library", "toolkit folder"
        ),
        CudnnInstall("9.28.0", f"{prefix}/lib/libcudnn.so.9.28.0", "library", "CONDA_PREFIX"),
    )
    assert notes == ()  # a missing ldconfig is probe_cuda's note, not repeated here


def test_unreadable_header_is_a_note(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        files={"/usr/include/cudnn_version.h": HEADER_897},
        permission_denied=["/usr/include/cudnn_version.h"],
    )
    installs, notes = probe_cudnn(host, None)
    assert installs == ()
    assert Note("cudnn", "/usr/include/cudnn_version.h: permission denied") in notes
