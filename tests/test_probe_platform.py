"""Operating system, architecture, distribution, glibc, WSL and container evidence."""

from __future__ import annotations

import io
import platform
import sys
import typing
from pathlib import Path

import pytest
from conftest import recorded_host
from host_builder import LINUX_SYSTEM, build_host
from rich.console import Console

from tfgpu_setup.facts import Driver, Facts, normalised_arch
from tfgpu_setup.host import RealHost
from tfgpu_setup.probe.platform import glibc_version, probe_platform
from tfgpu_setup.render import show_facts

# Real /proc/version banners, as printed in public transcripts.
WSL2_BANNER = (
    "Linux version 5.15.133.1-microsoft-standard-WSL2 (root@1c602f52c2e4) (gcc (GCC) 11.2.0, "
    "GNU ld (GNU Binutils) 2.37) #1 SMP Thu Oct 5 21:02:42 UTC 2023\n"
)
WSL1_BANNER = (
    "Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) "
    "#488-Microsoft Mon Sep 01 13:43:00 PST 2020\n"
)
UBUNTU_OS_RELEASE = 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\n'
DEBIAN_CGROUP_V1_DOCKER = (
    "12:pids:/docker/3601745b3bd54d9780436faa5f0e4f72bb46231663bb99a6bb892764917832c2\n"
    "1:name=systemd:/docker/3601745b3bd54d9780436faa5f0e4f72bb46231663bb99a6bb892764917832c2\n"
)


def test_ubuntu_workstation() -> None:
    facts, notes = probe_platform(recorded_host("linux-cuda-toolkit"))
    assert (facts.os, facts.arch, facts.kernel) == ("linux", "x86_64", "5.15.0-91-generic")
    assert facts.distro == "Ubuntu 22.04.4 LTS"
    assert facts.glibc == "2.35"
    assert not facts.wsl and facts.wsl_evidence == ()
    assert not facts.container and facts.container_evidence == ()
    assert notes == ()


def test_debian_venv_host() -> None:
    facts, _ = probe_platform(recorded_host("venv-and-cuda"))
    assert facts.distro == "Debian GNU/Linux 12 (bookworm)"
    assert facts.glibc == "2.36"


def test_wsl2_from_kernel_env_and_files(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        system={**LINUX_SYSTEM, "release": "5.15.133.1-microsoft-standard-WSL2"},
        env={"WSL_DISTRO_NAME": "Ubuntu-22.04"},
        files={
            "/proc/version": WSL2_BANNER,
            "/dev/dxg": "",
            "/usr/lib/wsl/lib/": "",
            "/etc/os-release": UBUNTU_OS_RELEASE,
        },
    )
    facts, notes = probe_platform(host)
    assert facts.os == "wsl2"
    assert facts.wsl
    assert facts.wsl_evidence == (
        "/proc/version mentions 'microsoft-standard-WSL2'",
        "kernel release mentions 'microsoft-standard-WSL2'",
        "WSL_DISTRO_NAME=Ubuntu-22.04",
        "/dev/dxg exists",
        "/usr/lib/wsl/lib exists",
    )
    assert notes == ()


def test_wsl2_with_a_custom_kernel_still_shows_its_gpu_device(tmp_path: Path) -> None:
    """Custom WSL 2 kernels can drop 'microsoft' from the banner; /dev/dxg remains."""
    host = build_host(
        tmp_path, files={"/proc/version": "Linux version 6.6.0-custom\n", "/dev/dxg": ""}
    )
    facts, _ = probe_platform(host)
    assert facts.os == "wsl2"
    assert facts.wsl_evidence == ("/dev/dxg exists",)


def test_wsl1_is_reported_with_a_note(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        system={**LINUX_SYSTEM, "release": "4.4.0-19041-Microsoft"},
        env={"WSL_DISTRO_NAME": "Debian"},
        files={"/proc/version": WSL1_BANNER, "/etc/os-release": UBUNTU_OS_RELEASE},
    )
    facts, notes = probe_platform(host)
    assert facts.os == "linux"
    assert facts.wsl
    assert "WSL_DISTRO_NAME=Debian" in facts.wsl_evidence
    assert len(notes) == 1 and "WSL 1" in notes[0].message and "--set-version" in notes[0].message


def test_container_evidence(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        env={"NVIDIA_VISIBLE_DEVICES": "all", "container": "podman"},
        files={
            "/.dockerenv": "",
            "/run/.containerenv": "",
            "/proc/1/cgroup": DEBIAN_CGROUP_V1_DOCKER,
        },
    )
    facts, _ = probe_platform(host)
    assert facts.container
    assert facts.container_evidence == (
        "/.dockerenv exists",
        "/run/.containerenv exists",
        "/proc/1/cgroup mentions docker",
        "container=podman",
        "NVIDIA_VISIBLE_DEVICES=all",
    )


def test_unreadable_proc_files_are_no_evidence(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        files={"/proc/version": WSL2_BANNER, "/proc/1/cgroup": DEBIAN_CGROUP_V1_DOCKER},
        permission_denied=["/proc/version", "/proc/1/cgroup"],
    )
    facts, _ = probe_platform(host)
    assert (facts.os, facts.wsl, facts.container) == ("linux", False, False)


def test_missing_os_release_is_a_note(tmp_path: Path) -> None:
    facts, notes = probe_platform(build_host(tmp_path))
    assert facts.distro is None
    assert [note.source for note in notes] == ["platform"]
    assert "/etc/os-release: not found" in notes[0].message


def test_os_release_fallback_and_quoting(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        files={
            "/usr/lib/os-release": 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n'
            'PRETTY_NAME="Alpine Linux v3.19"\n',
        },
    )
    facts, notes = probe_platform(host)
    assert facts.distro == "Alpine Linux v3.19"
    assert notes == ()


def test_musl_has_no_glibc(tmp_path: Path) -> None:
    # platform.libc_ver() finds nothing on musl: RealHost records libc as None; musl's loader
    # (Alpine's path for it) says which C library the system has.
    host = build_host(
        tmp_path,
        system={**LINUX_SYSTEM, "libc": None},
        links={"/lib/ld-musl-x86_64.so.1": "/lib/libc.musl-x86_64.so.1"},
        files={"/lib/libc.musl-x86_64.so.1": ""},
    )
    facts, _ = probe_platform(host)
    assert (facts.glibc, facts.musl) == (None, True)


def test_probe_says_musl_and_a_facts_file_keeps_it(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        system={**LINUX_SYSTEM, "libc": None},
        files={
            "/lib/ld-musl-x86_64.so.1": "",
            "/etc/os-release": 'PRETTY_NAME="Alpine Linux v3.19"\n',
        },
    )
    platform, _ = probe_platform(host)
    facts = Facts(platform=platform, driver=Driver(None, None, source="none", reason="absent"))
    console = Console(file=io.StringIO(), width=120)
    show_facts(console, facts)
    assert (
        "Alpine Linux v3.19, musl (no glibc)" in typing.cast(io.StringIO, console.file).getvalue()
    )
    assert Facts.from_json(facts.to_json()).platform.musl is True


def test_musl_package_on_a_glibc_system_is_still_glibc(tmp_path: Path) -> None:
    # Debian's musl package installs the same loader beside glibc
    host = build_host(tmp_path, files={"/lib/ld-musl-x86_64.so.1": ""})
    facts, _ = probe_platform(host)
    assert (facts.glibc, facts.musl) == ("2.36", False)


def test_no_libc_found_and_no_musl_loader_is_not_musl(tmp_path: Path) -> None:
    facts, _ = probe_platform(build_host(tmp_path, system={**LINUX_SYSTEM, "libc": None}))
    assert (facts.glibc, facts.musl) == (None, False)


def test_macos_arm64(tmp_path: Path) -> None:
    plist = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"'
        ' "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n<dict>\n'
        "\t<key>ProductName</key>\n\t<string>macOS</string>\n"
        "\t<key>ProductVersion</key>\n\t<string>14.5</string>\n</dict>\n</plist>\n"
    )
    host = build_host(
        tmp_path,
        system={
            "sys_platform": "darwin",
            "machine": "arm64",
            "release": "23.5.0",
            "python_version": "3.12.4",
            "python_executable": "/usr/local/bin/python3",
            "libc": None,
        },
        files={"/System/Library/CoreServices/SystemVersion.plist": plist},
    )
    facts, notes = probe_platform(host)
    assert (facts.os, facts.arch, facts.distro, facts.glibc) == (
        "macos",
        "arm64",
        "macOS 14.5",
        None,
    )
    assert not facts.wsl and not facts.container
    assert notes == ()


def test_windows_amd64(tmp_path: Path) -> None:
    host = build_host(
        tmp_path,
        system={
            "sys_platform": "win32",
            "machine": "AMD64",
            "release": "10",
            "python_version": "3.12.4",
            "python_executable": "C:\\Python312\\python.exe",
            "libc": None,
        },
    )
    facts, _ = probe_platform(host)
    assert (facts.os, facts.arch, facts.glibc, facts.distro) == ("windows", "x86_64", None, None)


@pytest.mark.parametrize(
    ("machine", "os_name", "arch"),
    [
        ("x86_64", "linux", "x86_64"),
        ("AMD64", "windows", "x86_64"),
        ("amd64", "other", "x86_64"),
        ("arm64", "linux", "aarch64"),
        ("aarch64", "linux", "aarch64"),
        ("arm64", "macos", "arm64"),
        ("ARM64", "windows", "arm64"),
        ("ppc64le", "linux", "ppc64le"),
        ("armv7l", "linux", "armv7l"),
        ("i686", "linux", "x86"),
        ("", "linux", "unknown"),
    ],
)
def test_normalise_arch(machine: str, os_name: str, arch: str) -> None:
    assert normalised_arch(machine, os_name) == arch


@pytest.mark.parametrize(
    ("libc", "expected"),
    [
        (["glibc", "2.36"], "2.36"),
        (["glibc", "2.17.1"], "2.17"),
        (["musl", "1.2.4"], None),
        (None, None),
        (["glibc", "garbage"], None),
    ],
)
def test_glibc_version(libc: object, expected: str | None) -> None:
    assert glibc_version(libc) == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="this check is about Linux")
def test_this_machine() -> None:
    facts, _ = probe_platform(RealHost())
    assert facts.os in ("linux", "wsl2")
    assert facts.arch == normalised_arch(platform.machine(), "linux")
    libc_name, libc_release = platform.libc_ver()
    if libc_name == "glibc":
        major, minor = libc_release.split(".")[:2]
        assert facts.glibc == f"{major}.{minor}"
    else:
        assert facts.glibc is None
    assert facts.kernel == platform.release()
