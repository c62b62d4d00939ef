"""probe_driver over recorded hosts: the facts a user would see, and which commands it ran.

Variants of a recorded host (NVML missing one answer, nvidia-smi hanging, a second real output
swapped in) are built in tmp_path from the recorded files; each says what it changes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import HARDWARE_VIOLATIONS, HOSTS, recorded_host

from tfgpu_setup import host as host_module
from tfgpu_setup import process
from tfgpu_setup.facts import Driver, Gpu, MigDevice, Note
from tfgpu_setup.host import RealHost, RecordedHost
from tfgpu_setup.host import nvml_snapshot as original_nvml_snapshot
from tfgpu_setup.probe.driver import probe_driver

SMI = "/usr/bin/nvidia-smi"
WSL_SMI = "/usr/lib/wsl/lib/nvidia-smi"
QUERY = (
    "--query-gpu=index,name,uuid,pci.bus_id,compute_cap,memory.total,mig.mode.current",
    "--format=csv,noheader,nounits",
)
A10 = Gpu(
    index=0,
    name="NVIDIA A10",
    uuid="GPU-51ae0086-e1ac-4a20-f062-9caa44e4df6d",
    pci_bus_id="00000000:06:00.0",
    compute_capability="8.6",
    cc_source="nvml",
    memory_total_mib=23028,
    mig_mode=None,
    source="nvml",
)


def variant(
    tmp_path: Path, name: str, edit: Callable[[dict[str, Any], Path], None]
) -> RecordedHost:
    folder = tmp_path / name
    shutil.copytree(HOSTS / name, folder)
    spec = json.loads((folder / "host.json").read_text())
    edit(spec, folder)
    (folder / "host.json").write_text(json.dumps(spec))
    return RecordedHost(folder)


# ---------------------------------------------------------------------------------------------
# One recorded host each


def test_no_driver_at_all() -> None:
    host = recorded_host("no-gpu-no-driver")
    report = probe_driver(host)
    reason = (
        "NVML library not found and nvidia-smi not on PATH and "
        "/proc/driver/nvidia/version absent: no NVIDIA driver is installed"
    )
    assert report.driver == Driver(version=None, cuda_version=None, source="none", reason=reason)
    assert report.gpus == ()
    assert report.gpus_reason == reason
    assert report.notes == (
        Note("nvml", "NVML Shared Library Not Found (NVMLError_LibraryNotFound)"),
        Note("nvidia-smi", "nvidia-smi not on PATH"),
        Note(
            "kernel-module",
            "/proc/driver/nvidia/version: not found; /sys/module/nvidia/version: not found",
        ),
    )
    assert host.calls == []


def test_healthy_a10_is_read_from_nvml_alone() -> None:
    host = recorded_host("linux-a10-r550")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="550.127.05",
        cuda_version="12.4",
        source="nvml",
        kernel_module_version="550.127.05",
        library_version="550.127.05",
    )
    assert report.gpus == (A10,)
    assert report.gpus_reason is None
    assert report.notes == ()
    assert host.calls == []  # NVML answered everything: no nvidia-smi


def test_nvml_timeout_falls_back_to_nvidia_smi() -> None:
    host = recorded_host("nvml-timeout")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="550.127.05",
        cuda_version="12.4",
        source="nvidia-smi",
        kernel_module_version="550.127.05",
        library_version="550.127.05",
    )
    assert report.gpus == (
        Gpu(
            0,
            "NVIDIA A10",
            "GPU-51ae0086-e1ac-4a20-f062-9caa44e4df6d",
            "00000000:06:00.0",
            "8.6",
            "nvidia-smi --query-gpu",
            23028,
            None,
            (),
            "nvidia-smi --query-gpu",
        ),
    )
    assert report.notes == (Note("nvml", "NVML did not answer within 5 s (timeout)"),)
    assert host.calls == [(SMI, *QUERY), (SMI,)]


def test_driver_library_mismatch() -> None:
    host = recorded_host("driver-library-mismatch-580")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="580.178",
        cuda_version=None,
        source="nvidia-smi (NVML library version)",
        kernel_module_version="580.173.02",
        library_version="580.178",
        mismatch=True,
        kernel_module_flavor="proprietary",
    )
    assert report.gpus == ()
    assert report.gpus_reason is not None
    assert report.gpus_reason.startswith(
        "no GPU can be listed while the driver's library and kernel module differ: reboot"
    )
    assert report.notes == (
        Note(
            "nvml", "RM has detected an NVML/RM version mismatch. (NVMLError_LibRmVersionMismatch)"
        ),
        Note(
            "nvidia-smi",
            f"nvidia-smi {' '.join(QUERY)}: Failed to initialize NVML: "
            "Driver/library version mismatch (NVML library version 580.178)",
        ),
    )
    assert host.calls == [(SMI, *QUERY)]  # the same error would follow every other command


def test_old_nvidia_smi_on_a_newer_driver() -> None:
    host = recorded_host("r470-old-smi")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="580.95.05",  # the driver's, not nvidia-smi's own 470.256.02
        cuda_version="13.0",
        source="nvidia-smi",
        kernel_module_version="580.95.05",
        library_version="580.95.05",
    )
    assert report.gpus == (
        Gpu(
            0,
            "NVIDIA RTX PRO ...",
            None,
            "00000000:01:00.0",
            None,
            "this nvidia-smi does not know the compute_cap query field",
            8151,
            None,
            (),
            "nvidia-smi table",
        ),
    )
    messages = [note.message for note in report.notes]
    assert messages[0] == ("nvidia-ml-py is not installed: No module named 'pynvml' (ImportError)")
    assert messages[1].endswith('Field "compute_cap" is not a valid field to query.')
    assert messages[2].startswith("nvidia-smi is version 470.256.02 but the driver is 580.95.05")
    assert messages[3].startswith("GPU 0's name is cut short in nvidia-smi's table")
    assert len(messages) == 4
    assert host.calls == [(SMI, *QUERY), (SMI,)]


def test_wsl2_reports_the_windows_driver_number() -> None:
    host = recorded_host("wsl2-r570-rtx4060")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="572.16",
        cuda_version="12.8",
        source="nvml",
        library_version="572.16",
        windows_numbering=True,
    )
    assert report.gpus == (
        Gpu(
            0,
            "NVIDIA GeForce RTX 4060 Laptop GPU",
            None,
            "00000000:06:00.0",
            "8.9",
            "nvml",
            8188,
            None,
            (),
            "nvml",
        ),
    )
    assert report.notes == ()  # no Linux kernel module is expected on WSL2
    assert host.calls == []


def test_wsl2_cuda_version_err_uses_nvidia_smi_from_usr_lib_wsl() -> None:
    host = recorded_host("wsl2-r545-cuda-err")
    report = probe_driver(host)
    assert report.driver == Driver(
        version="546.80",
        cuda_version=None,
        source="nvml",
        library_version="546.80",
        windows_numbering=True,
    )
    assert [gpu.name for gpu in report.gpus] == ["NVIDIA GeForce RTX 3060 Laptop GPU"]
    assert report.gpus[0].compute_capability == "8.6"
    assert [n.source for n in report.notes] == ["nvml", "nvidia-smi", "nvidia-smi", "nvidia-smi"]
    assert (
        report.notes[0].message == "CUDA driver version unavailable: Unknown Error "
        "(NVMLError_Unknown)"
    )
    assert report.notes[1].message == f"not on PATH; using {WSL_SMI}, where WSL2 provides it"
    assert report.notes[2].message.startswith(
        "nvidia-smi 545.46 is the Linux build shipped with the Windows driver; 546.80 is"
    )
    assert report.notes[3].message.startswith("the table says 'CUDA Version: ERR!'")
    assert host.calls == [(WSL_SMI,)]  # only the table: NVML gave the GPUs


def test_mig_a100_lists_mig_devices_from_nvml() -> None:
    host = recorded_host("mig-a100")
    report = probe_driver(host)
    assert report.driver.version == "550.127.05"
    assert [(g.index, g.name, g.compute_capability, g.mig_mode) for g in report.gpus] == [
        (0, "NVIDIA A100-SXM4-80GB", "8.0", "enabled"),
        (1, "NVIDIA A100-SXM4-80GB", "8.0", "disabled"),
        (2, "NVIDIA A100-SXM4-80GB", "8.0", "disabled"),
        (3, "NVIDIA A100-SXM4-80GB", "8.0", "disabled"),
    ]
    assert report.gpus[0].uuid == "GPU-513536b6-7d19-9063-b049-1e69664bb298"
    assert report.gpus[0].mig_devices == (
        MigDevice(0, "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a"),
        MigDevice(1, "MIG-a45882f0-9215-5733-a0c1-49286ab31cb5"),
        MigDevice(2, "MIG-f00d722c-f4e1-52c9-aa31-750441ae1bfe"),
        MigDevice(3, "MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b"),
    )
    assert all(g.mig_devices == () for g in report.gpus[1:])
    assert host.calls == []


# ---------------------------------------------------------------------------------------------
# NVML and nvidia-smi together


def test_mig_devices_come_from_nvidia_smi_L_when_nvml_cannot_list_them(tmp_path: Path) -> None:
    def no_mig_listing(spec: dict[str, Any], _: Path) -> None:
        spec["nvml"]["devices"][0]["mig_devices"] = {
            "error": "NVMLError_NoPermission",
            "message": "Insufficient Permissions",
        }

    host = variant(tmp_path, "mig-a100", no_mig_listing)
    report = probe_driver(host)
    assert host.calls == [(SMI, "-L")]
    assert report.gpus[0].mig_devices == (
        MigDevice(0, "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a", "MIG 1g.20gb"),
        MigDevice(1, "MIG-a45882f0-9215-5733-a0c1-49286ab31cb5", "MIG 1g.20gb"),
        MigDevice(2, "MIG-f00d722c-f4e1-52c9-aa31-750441ae1bfe", "MIG 1g.20gb"),
        MigDevice(3, "MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b", "MIG 1g.20gb"),
    )
    assert report.notes == (
        Note(
            "nvml",
            "GPU 0: MIG devices unavailable: Insufficient Permissions (NVMLError_NoPermission)",
        ),
    )


def test_compute_capability_nvml_could_not_read_comes_from_query(tmp_path: Path) -> None:
    def no_cc(spec: dict[str, Any], _: Path) -> None:
        spec["nvml"]["devices"][0]["cc"] = {
            "error": "NVMLError_Unknown",
            "message": "Unknown Error",
        }

    host = variant(tmp_path, "linux-a10-r550", no_cc)
    report = probe_driver(host)
    assert host.calls == [(SMI, *QUERY)]
    assert report.gpus == (replace(A10, cc_source="nvidia-smi --query-gpu"),)


def test_nvml_and_nvidia_smi_disagree_on_the_driver(tmp_path: Path) -> None:
    # NVML answers 550.127.05 but not the CUDA version; the table read for it is the real
    # r470-old-smi table, which says 580.95.05. NVML's answer is kept and the disagreement noted.
    def other_table(spec: dict[str, Any], folder: Path) -> None:
        spec["nvml"]["cuda_driver_version"] = {
            "error": "NVMLError_Unknown",
            "message": "Unknown Error",
        }
        shutil.copy(HOSTS / "r470-old-smi" / "nvidia-smi.txt", folder / "nvidia-smi.txt")

    report = probe_driver(variant(tmp_path, "linux-a10-r550", other_table))
    assert report.driver.version == "550.127.05"
    assert report.driver.source == "nvml"
    assert report.driver.cuda_version == "13.0"
    assert report.gpus == (A10,)
    assert (
        Note("nvidia-smi", "reports driver 580.95.05 while NVML reports 550.127.05; using NVML's")
        in report.notes
    )


def test_kernel_module_older_than_the_library_is_a_mismatch(tmp_path: Path) -> None:
    # NVML answers 550.127.05 while /proc shows the 580.173.02 module of another real machine.
    def other_module(spec: dict[str, Any], folder: Path) -> None:
        (folder / "root" / "sys" / "module" / "nvidia" / "version").unlink()
        proc = folder / "root" / "proc" / "driver" / "nvidia"
        proc.mkdir(parents=True)
        shutil.copy(
            HOSTS
            / "driver-library-mismatch-580"
            / "root"
            / "proc"
            / "driver"
            / "nvidia"
            / "version",
            proc / "version",
        )

    report = probe_driver(variant(tmp_path, "linux-a10-r550", other_module))
    assert report.driver.mismatch
    assert report.driver.kernel_module_version == "580.173.02"
    assert report.driver.library_version == "550.127.05"
    assert report.notes == (
        Note(
            "kernel-module",
            "the loaded kernel module is 580.173.02 but the user-space driver is 550.127.05",
        ),
    )


def test_hung_nvml_and_hung_nvidia_smi(tmp_path: Path) -> None:
    def smi_hangs(spec: dict[str, Any], _: Path) -> None:
        spec["commands"][0] = {"argv": spec["commands"][0]["argv"], "error": "timeout"}

    host = variant(tmp_path, "nvml-timeout", smi_hangs)
    report = probe_driver(host)
    assert host.calls == [(SMI, *QUERY)]  # nothing more after a timeout
    assert report.driver.version is None
    assert report.driver.reason == (
        "NVML did not answer in time and nvidia-smi: no answer within 15 s and the kernel "
        "module 550.127.05 is loaded: the driver did not answer in time and may be hung; look "
        "for 'Xid' errors in the kernel log (dmesg)"
    )
    assert report.gpus == ()
    assert report.gpus_reason == report.driver.reason


def test_wsl2_without_a_windows_driver(tmp_path: Path) -> None:
    def no_driver(spec: dict[str, Any], folder: Path) -> None:
        spec["nvml"] = {
            "error": "NVMLError_LibraryNotFound",
            "message": "NVML Shared Library Not Found",
        }
        spec["which"] = {}
        shutil.rmtree(folder / "root" / "usr" / "lib" / "wsl")

    report = probe_driver(variant(tmp_path, "wsl2-r570-rtx4060", no_driver))
    assert report.driver.version is None
    assert not report.driver.windows_numbering
    assert report.driver.reason == (
        "NVML library not found and nvidia-smi not on PATH nor at /usr/lib/wsl/lib/nvidia-smi "
        "and /proc/driver/nvidia/version absent: no NVIDIA driver is reachable from WSL2: "
        "install or update the NVIDIA driver on Windows, not inside Linux "
        "(https://docs.nvidia.com/cuda/wsl-user-guide/index.html)"
    )


# ---------------------------------------------------------------------------------------------
# The hardware guard, and the real machine


def test_guard_stops_real_nvml_and_nvidia_smi(request: pytest.FixtureRequest) -> None:
    with pytest.raises(AssertionError, match="hardware"):
        RealHost().nvml()
    with pytest.raises(AssertionError, match="hardware"):
        host_module.nvml_snapshot(timeout=1)
    with pytest.raises(AssertionError, match="hardware"):
        RealHost().run(["nvidia-smi", "-L"])
    with pytest.raises(AssertionError, match="hardware"):
        process.run(["/usr/bin/nvidia-smi"], timeout=1)
    with pytest.raises(AssertionError, match="hardware"):
        subprocess.run(["nvidia-smi"], check=False)
    violations = request.node.stash[HARDWARE_VIOLATIONS]
    assert len(violations) == 5
    # A reference taken before the guard, whose worker thread swallows the refusal: the guard
    # still records it, and fails the test after it ends.
    pytest.importorskip("pynvml")
    assert original_nvml_snapshot(timeout=5)["error"] == "AssertionError"
    assert len(violations) == 6
    violations.clear()  # this test provoked them on purpose


@pytest.mark.hardware
def test_probe_on_this_machine_never_raises_and_explains_absence() -> None:
    report = probe_driver(RealHost())
    if report.driver.version is None:
        assert report.driver.reason
    if not report.gpus:
        assert report.gpus_reason


# ---------------------------------------------------------------------------------------------
# The NVML snapshot (tfgpu_setup.host) against nvidia-ml-py's real types


def test_nvml_snapshot_keeps_the_gpu_when_only_mig_listing_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pynvml's functions that would reach libnvidia-ml are replaced; its structs, its
    # str/bytes conversion and its exception classes are the real ones. Values: GPU 0 of
    # mig-a100. NVML refuses MIG device handles without permission (NVMLError_NoPermission).
    pynvml = pytest.importorskip("pynvml")
    pci = pynvml.nvmlPciInfo_t()
    pci.busId = b"00000000:07:00.0"
    memory = pynvml.c_nvmlMemory_t()
    memory.total = 81920 << 20

    def refuse_mig(handle: object) -> int:
        raise pynvml.NVMLError(pynvml.NVML_ERROR_NO_PERMISSION)

    answers: dict[str, Callable[..., Any]] = {
        "nvmlInit": lambda: None,
        "nvmlShutdown": lambda: None,
        "nvmlSystemGetDriverVersion": lambda: "550.127.05",
        "nvmlSystemGetCudaDriverVersion_v2": lambda: 12040,
        "nvmlDeviceGetCount": lambda: 1,
        "nvmlDeviceGetHandleByIndex": lambda index: object(),
        "nvmlDeviceGetName": lambda handle: "NVIDIA A100-SXM4-80GB",
        "nvmlDeviceGetUUID": lambda handle: "GPU-513536b6-7d19-9063-b049-1e69664bb298",
        "nvmlDeviceGetPciInfo": lambda handle: pci,
        "nvmlDeviceGetCudaComputeCapability": lambda handle: (8, 0),
        "nvmlDeviceGetMemoryInfo": lambda handle: memory,
        "nvmlDeviceGetMigMode": lambda handle: [1, 1],
        "nvmlDeviceGetMaxMigDeviceCount": refuse_mig,
    }
    for name, answer in answers.items():
        monkeypatch.setattr(pynvml, name, answer)
    snapshot = host_module._nvml_query()
    assert snapshot == {
        "driver_version": "550.127.05",
        "cuda_driver_version": 12040,
        "devices": [
            {
                "index": 0,
                "name": "NVIDIA A100-SXM4-80GB",
                "uuid": "GPU-513536b6-7d19-9063-b049-1e69664bb298",
                "pci_bus_id": "00000000:07:00.0",
                "cc": [8, 0],
                "memory_total": 81920 << 20,
                "mig_mode": [1, 1],
                "mig_devices": {
                    "error": "NVMLError_NoPermission",
                    "message": "Insufficient Permissions",
                },
            }
        ],
    }
