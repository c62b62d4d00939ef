"""CUDA toolkits and runtimes: nvcc, version.json / version.txt, libcudart names, conda."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, HOSTS, recorded_host
from host_builder import build_host

from tfgpu_setup.facts import CudaInstall, Note
from tfgpu_setup.probe.cuda import (
    parse_cudart_header,
    parse_nvcc_version,
    parse_version_json,
    parse_version_txt,
    probe_cuda,
)
from tfgpu_setup.probe.libraries import parse_ldconfig

TOOLKIT_HOST = HOSTS / "linux-cuda-toolkit"
CUDA_11_5_VERSION_JSON = """{
   "cuda" : {
      "name" : "CUDA SDK",
      "version" : "11.5.2"
   },
   "cuda_cudart" : {
      "name" : "CUDA Runtime (cudart)",
      "version" : "11.5.117"
   }
}"""
"""The head of a real /usr/local/cuda-11.5/version.json (a WSL2 setup transcript)."""
NO_CUDA_LOADER: dict[str, Any] = {
    "which": {"ldconfig": "/usr/sbin/ldconfig"},
    "commands": [
        {
            "argv": ["/usr/sbin/ldconfig", "-p"],
            "stdout": (HOSTS / "venv-and-cuda" / "ldconfig-p.txt").read_text(),
        }
    ],
}
"""A real loader cache without any CUDA library in it."""


def _without_provenance(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def test_toolkit_host() -> None:
    installs, notes = probe_cuda(recorded_host("linux-cuda-toolkit"))
    # /usr/local/cuda -> cuda-12.2 and lib64 -> targets/x86_64-linux/lib are links: each
    # toolkit and each libcudart file is listed once, by its real path.
    assert installs == (
        # The stale CUDA 10.1 bin folder is first on PATH, so its nvcc is the one that runs.
        CudaInstall("10.1.243", "/usr/local/cuda-10.1/bin/nvcc", "nvcc", "nvcc --version"),
        CudaInstall(
            "12.2.140", "/usr/local/cuda-12.2", "toolkit", "/usr/local/cuda-12.2/version.json"
        ),
        CudaInstall(
            "10.1.243", "/usr/local/cuda-10.1", "toolkit", "/usr/local/cuda-10.1/version.txt"
        ),
        CudaInstall(
            "12.2.140",
            "/usr/local/cuda-12.2/targets/x86_64-linux/lib/libcudart.so.12.2.140",
            "runtime",
            "ldconfig -p",
        ),
    )
    assert notes == ()


def test_pip_only_host_has_no_system_cuda() -> None:
    host = recorded_host("venv-and-cuda")
    assert probe_cuda(host) == ((), ())
    assert host.calls == [("/sbin/ldconfig", "-p")]  # found outside PATH, as on Debian


def test_nvcc_outputs() -> None:
    assert parse_nvcc_version((TOOLKIT_HOST / "nvcc-version-12.2.txt").read_text()) == "12.2.140"
    both = _without_provenance(
        (FIXTURES / "nvidia-smi" / "nvcc-version-11.0-and-11.1.txt").read_text()
    )
    first, second = both.split("----")
    assert (parse_nvcc_version(first), parse_nvcc_version(second)) == ("11.1.105", "11.0.221")
    ten = _without_provenance((FIXTURES / "nvidia-smi" / "nvcc-version-10.1.txt").read_text())
    assert parse_nvcc_version(ten) == "10.1.243"
    assert parse_nvcc_version("nvcc: command not found") is None


def test_version_files() -> None:
    # A date as patch (12.2.20230823) is not a CUDA version: the cudart component says 12.2.140.
    json_122 = (TOOLKIT_HOST / "root/usr/local/cuda-12.2/version.json").read_text()
    assert parse_version_json(json_122) == "12.2.140"
    assert parse_version_json(CUDA_11_5_VERSION_JSON) == "11.5.2"
    assert parse_version_json('{"cuda": {"name": "CUDA SDK", "version": "12.2.20230823"}}') == (
        "12.2.20230823"
    )
    assert parse_version_json("not json") is None
    assert parse_version_json("[]") is None
    assert parse_version_txt("CUDA Version 10.0.130\n") == "10.0.130"
    assert parse_version_txt("") is None
    assert parse_cudart_header("#define CUDART_VERSION  13000\n") == "13.0"
    assert parse_cudart_header("#define CUDART_VERSION  12020\n") == "12.2"


def test_failing_and_hung_nvcc_are_notes(tmp_path: Path) -> None:
    host = build_host(
        tmp_path / "hung",
        which={"nvcc": "/opt/cuda/bin/nvcc"},
        commands=[{"argv": ["/opt/cuda/bin/nvcc", "--version"], "error": "timeout"}],
        files={"/opt/cuda/bin/nvcc": ""},
    )
    installs, notes = probe_cuda(host)
    assert CudaInstall(None, "/opt/cuda/bin/nvcc", "nvcc", "nvcc --version") in installs
    assert Note("cuda", "/opt/cuda/bin/nvcc --version failed: nvcc: no answer within 3 s") in notes
    assert (
        Note("cuda", "/opt/cuda: no version.json, version.txt or CUDART_VERSION; version unknown")
        in notes
    )


def test_soname_only_runtimes_name_their_family(tmp_path: Path) -> None:
    ldconfig = (
        "3 libs found in cache `/etc/ld.so.cache'\n"
        "\tlibcudart.so.11.0 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcudart.so.11.0\n"
        "\tlibcudart.so.13 (libc6,x86-64) => /usr/local/cuda-13.0/lib/libcudart.so.13\n"
        "\tlibcudart.so (libc6,x86-64) => /usr/local/cuda-13.0/lib/libcudart.so\n"
    )
    host = build_host(
        tmp_path,
        which={"ldconfig": "/usr/sbin/ldconfig"},
        commands=[{"argv": ["/usr/sbin/ldconfig", "-p"], "stdout": ldconfig}],
        files={
            "/usr/lib/x86_64-linux-gnu/libcudart.so.11.0": "",
            "/usr/local/cuda-13.0/lib/libcudart.so.13": "",
            "/usr/local/cuda-13.0/lib/libcudart.so": "",
        },
    )
    installs, _ = probe_cuda(host)
    assert [(i.version, i.path) for i in installs if i.kind == "runtime"] == [
        ("11", "/usr/lib/x86_64-linux-gnu/libcudart.so.11.0"),
        ("13", "/usr/local/cuda-13.0/lib/libcudart.so.13"),
    ]


def test_conda_environment(tmp_path: Path) -> None:
    prefix = "/home/ada/miniforge3/envs/tf"
    host = build_host(
        tmp_path,
        env={"CONDA_PREFIX": prefix},
        **NO_CUDA_LOADER,
        files={
            f"{prefix}/conda-meta/cuda-cudart-12.4.127-he02047a_2.json": "{}",
            f"{prefix}/conda-meta/cuda-cudart-dev-12.4.127-he02047a_2.json": "{}",
            f"{prefix}/conda-meta/cuda-cudart_linux-64-12.4.127-h85509e4_2.json": "{}",
            f"{prefix}/lib/libcudart.so.12": "",
            f"{prefix}/lib/libcudart.so.12.4.127": "",
        },
    )
    installs, notes = probe_cuda(host)
    assert installs == (
        CudaInstall("12.4.127", prefix, "conda", "conda-meta cuda-cudart"),
        CudaInstall("12.4.127", f"{prefix}/lib/libcudart.so.12.4.127", "conda", "CONDA_PREFIX/lib"),
    )
    assert notes == ()


def test_unreadable_version_file_is_a_note(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        **NO_CUDA_LOADER,
        files={"/usr/local/cuda-12.4/version.json": "{}"},
        permission_denied=["/usr/local/cuda-12.4/version.json"],
    )
    installs, notes = probe_cuda(host)
    assert installs == (
        CudaInstall(None, "/usr/local/cuda-12.4", "toolkit", "/usr/local/cuda* folder"),
    )
    assert notes == (Note("cuda", "/usr/local/cuda-12.4/version.json: permission denied"),)


def test_missing_ldconfig_is_a_note(tmp_path: Path) -> None:
    _, notes = probe_cuda(build_host(tmp_path))
    assert notes == (Note("cuda", "ldconfig not found; the loader cache was not read"),)


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        (
            "\tlibcudnn.so.8 (libc6,x86-64) => /lib/x86_64-linux-gnu/libcudnn.so.8",
            ("libcudnn.so.8", "/lib/x86_64-linux-gnu/libcudnn.so.8"),
        ),
        (
            "\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6",
            ("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"),
        ),
        ("539 libs found in cache `/etc/ld.so.cache'", None),
    ],
)
def test_parse_ldconfig(line: str, entry: tuple[str, str] | None) -> None:
    assert parse_ldconfig(line) == ((entry,) if entry else ())
