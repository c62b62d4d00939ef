"""Environment variables as the user's process sees them, and how CUDA reads them."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, recorded_host

from tfgpu_setup.envvars import (
    VisibleDevices,
    has_empty_entry,
    parse_cuda_visible_devices,
    split_path_list,
)
from tfgpu_setup.facts import ENV_VARIABLES
from tfgpu_setup.host import RealHost
from tfgpu_setup.probe.environment import probe_env_vars


def test_env_vars_keep_unset_apart_from_empty() -> None:
    host = RealHost(env={"CUDA_VISIBLE_DEVICES": "", "PATH": "/usr/bin", "UNRELATED": "x"})
    env = probe_env_vars(host)
    assert set(env) == set(ENV_VARIABLES)
    assert env["CUDA_VISIBLE_DEVICES"] == ""
    assert env["LD_LIBRARY_PATH"] is None
    assert env["PATH"] == "/usr/bin"
    assert "UNRELATED" not in env


def test_env_vars_of_a_recorded_host() -> None:
    env = probe_env_vars(recorded_host("linux-cuda-toolkit"))
    assert env["LD_LIBRARY_PATH"] == "/usr/local/cuda-12.2/lib64:"
    assert env["CUDA_HOME"] == "/usr/local/cuda"
    assert env["CUDA_VISIBLE_DEVICES"] is None
    assert has_empty_entry(env["LD_LIBRARY_PATH"])


@pytest.mark.parametrize(
    ("value", "entries"),
    [
        (None, ()),
        ("", ()),
        ("/a", ("/a",)),
        ("/a:/b", ("/a", "/b")),
        ("/a:", ("/a", "")),
        (":/a", ("", "/a")),
        ("/a::/b", ("/a", "", "/b")),
        (":", ("", "")),
    ],
)
def test_split_path_list_keeps_empty_entries(value: str | None, entries: tuple[str, ...]) -> None:
    assert split_path_list(value) == entries
    assert has_empty_entry(value) == ("" in entries)


def test_split_path_list_takes_a_windows_separator() -> None:
    assert split_path_list(r"C:\a;;C:\b", ";") == ("C:\\a", "", "C:\\b")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, VisibleDevices("unset")),
        ("", VisibleDevices("empty")),
        ("  ", VisibleDevices("empty")),
        ("0", VisibleDevices("indices", ("0",))),
        ("2,1", VisibleDevices("indices", ("2", "1"))),
        # CUDA stops at the first invalid entry: 0,2,-1,1 exposes 0 and 2.
        ("0,2,-1,1", VisibleDevices("indices", ("0", "2"), ("-1", "1"))),
        ("-1", VisibleDevices("none", (), ("-1",))),
        ("NoDevFiles", VisibleDevices("none", (), ("NoDevFiles",))),
        ("cuda0", VisibleDevices("invalid", (), ("cuda0",))),
        ("0,gpu1", VisibleDevices("indices", ("0",), ("gpu1",))),
        (
            "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6",
            VisibleDevices("uuids", ("GPU-8932f937-d72c-4106-c12f-20bd9faed9f6",)),
        ),
        ("GPU-8932f937", VisibleDevices("uuids", ("GPU-8932f937",))),
        (
            "MIG-GPU-8932f937-d72c-4106-c12f-20bd9faed9f6/1/2",
            VisibleDevices("mig", ("MIG-GPU-8932f937-d72c-4106-c12f-20bd9faed9f6/1/2",)),
        ),
        ("0, 1", VisibleDevices("indices", ("0", "1"))),
        ("0,GPU-8932f937", VisibleDevices("indices", ("0", "GPU-8932f937"), mixed=True)),
        ("GPU-", VisibleDevices("invalid", (), ("GPU-",))),
    ],
)
def test_parse_cuda_visible_devices(value: str | None, expected: VisibleDevices) -> None:
    assert parse_cuda_visible_devices(value) == expected


def test_mig_uuids_from_nvidia_smi_are_understood() -> None:
    """The MIG UUIDs that `nvidia-smi -L` prints are what CUDA_VISIBLE_DEVICES takes."""
    listing = (FIXTURES / "nvidia-smi" / "list-gpus-L-mig-a100.txt").read_text()
    uuids = [
        line.split("UUID: ")[1].rstrip(")")
        for line in listing.splitlines()
        if line.strip().startswith("MIG") and "UUID: " in line
    ]
    assert uuids
    parsed = parse_cuda_visible_devices(",".join(uuids))
    assert parsed.kind == "mig"
    assert parsed.items == tuple(uuids)
    assert parsed.ignored == ()


@pytest.mark.parametrize(
    ("value", "hidden"),
    [(None, False), ("", True), ("-1", True), ("x", True), ("0", False), ("GPU-1", False)],
)
def test_which_values_hide_every_gpu(value: str | None, hidden: bool) -> None:
    assert (parse_cuda_visible_devices(value).kind in ("empty", "none", "invalid")) is hidden


def test_indices_as_numbers() -> None:
    assert parse_cuda_visible_devices("3,1").indices == (3, 1)
