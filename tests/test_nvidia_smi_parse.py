"""The nvidia-smi and driver-file parsers against every real output in tests/fixtures/nvidia-smi.

Each fixture file starts with '# ' provenance lines (its source URL); the captured text follows.
Shell transcripts are split at their prompt lines. A few more real outputs, from layouts the
recorded fixtures do not cover, are quoted inline with their source.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from tfgpu_setup.probe.nvidia_smi import (
    KernelModule,
    ListedGpu,
    ListedMigDevice,
    MigMode,
    SmiError,
    SmiFormatError,
    SmiHeader,
    SmiTableGpu,
    find_error,
    normalise_bus_id,
    number_in,
    parse_compute_capability,
    parse_list_gpus,
    parse_proc_driver_version,
    parse_query_csv,
    parse_sys_module_version,
    parse_table,
)

SAMPLES = FIXTURES / "nvidia-smi"


def captured(name: str) -> str:
    """The captured output of a fixture file, without its leading '# ' provenance lines."""
    lines = (SAMPLES / name).read_text().splitlines(keepends=True)
    while lines and lines[0].startswith("# "):
        lines.pop(0)
    return "".join(lines)


def after_prompt(text: str, prompt_line: str, next_prompt: str) -> str:
    """The output that follows `prompt_line` in a transcript, up to the next prompt."""
    lines = text.splitlines(keepends=True)
    start = lines.index(prompt_line + "\n") + 1
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith(next_prompt)), len(lines)
    )
    return "".join(lines[start:end])


def gpu(
    index: int, name: str, bus: str, used: int | None, total: int | None, mig: MigMode | None = None
) -> SmiTableGpu:
    return SmiTableGpu(index, name, name.endswith("..."), bus, used, total, mig)


def test_every_recorded_sample_is_read_by_a_test_here() -> None:
    names = sorted(p.name for p in SAMPLES.iterdir() if p.name != "README.txt")
    source = Path(__file__).read_text()
    assert len(names) == 24
    assert [name for name in names if f'"{name}"' not in source] == []


# ---------------------------------------------------------------------------------------------
# The default table, one layout per driver generation


def test_r331_table_has_no_cuda_version_and_a_four_digit_pci_domain() -> None:
    table = parse_table(captured("default-linux-r331-no-cuda-version-truncated.txt"))
    assert table.header == SmiHeader("331.62", "331.62", None, None)
    assert table.gpus == (
        gpu(0, "GeForce GTX 680", "00000000:03:00.0", 9, 4095),
        gpu(1, "GeForce GTX 680", "00000000:04:00.0", 9, 4095),
        gpu(2, "GeForce GTX 680", "00000000:83:00.0", 9, 4095),
    )


def test_r440_table_without_mig_row_and_old_processes_table() -> None:
    table = parse_table(captured("default-linux-r440-old-layout-no-mig-row.txt"))
    assert table.header == SmiHeader("440.100", "440.100", "10.2", "10.2")
    assert table.gpus == (gpu(0, "GeForce RTX 207...", "00000000:01:00.0", 246, 7973),)


def test_r470_table_with_truncated_name_and_processes() -> None:
    table = parse_table(captured("default-linux-r470-geforce-with-processes.txt"))
    assert table.header == SmiHeader("470.63.01", "470.63.01", "11.4", "11.4")
    assert table.gpus == (gpu(0, "NVIDIA GeForce ...", "00000000:01:00.0", 393, 16116),)
    assert table.gpus[0].name_truncated


def test_r550_table_a10() -> None:
    table = parse_table(captured("default-linux-r550-a10.txt"))
    assert table.header == SmiHeader("550.127.05", "550.127.05", "12.4", "12.4")
    assert table.gpus == (gpu(0, "NVIDIA A10", "00000000:06:00.0", 1, 23028),)
    assert not table.gpus[0].name_truncated


def test_r580_table_with_plus_separator_under_the_header() -> None:
    table = parse_table(captured("default-linux-r580-gtx960-header-plus-separator.txt"))
    assert table.header == SmiHeader("580.82.09", "580.82.09", "13.0", "13.0")
    assert table.gpus == (gpu(0, "NVIDIA GeForce GTX 960", "00000000:03:00.0", 0, 2048),)


def test_wsl2_r545_table_says_cuda_version_err() -> None:
    table = parse_table(captured("wsl2-r545-cuda-version-err-truncated.txt"))
    assert table.header == SmiHeader("545.46", "546.80", None, "ERR!")
    assert table.gpus == (gpu(0, "NVIDIA GeForce RTX 3060 ...", "00000000:01:00.0", 816, 6144),)


def test_wsl2_r555_table_tool_and_windows_driver_versions_differ() -> None:
    table = parse_table(captured("wsl2-r555-win555.99-rtx4070-truncated.txt"))
    assert table.header == SmiHeader("555.52.01", "555.99", "12.5", "12.5")
    assert table.gpus == (gpu(0, "NVIDIA GeForce RTX 4070 ...", "00000000:01:00.0", 576, 12282),)


def test_wsl2_r570_table_windows_driver_572() -> None:
    table = parse_table(captured("wsl2-r570-win572-rtx4060-laptop-truncated.txt"))
    assert table.header == SmiHeader("570.86.16", "572.16", "12.8", "12.8")
    assert table.gpus == (gpu(0, "NVIDIA GeForce RTX 4060 ...", "00000000:06:00.0", 0, 8188),)


def test_wsl2_transcript_which_and_r545_table() -> None:
    text = captured("wsl2-which-nvidia-smi-r545-win546.33.txt")
    assert after_prompt(text, "$ which nvidia-smi", "$ ") == "/usr/lib/wsl/lib/nvidia-smi\n"
    table = parse_table(after_prompt(text, "$ nvidia-smi", "$ "))
    assert table.header == SmiHeader("545.36", "546.33", "12.3", "12.3")
    assert table.gpus == (gpu(0, "NVIDIA GeForce RTX 4080", "00000000:01:00.0", 1374, 16376),)


# Inline real outputs for layouts the recorded fixtures lack.

R610_B200 = """\
Sun Jun  7 08:16:57 2026
+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI 610.43.02              KMD Version: 610.43.02     CUDA UMD Version: 13.3     |
+-----------------------------------------+------------------------+----------------------+
| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |
| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |
|                                         |                        |               MIG M. |
|=========================================+========================+======================|
|   0  NVIDIA B200                    On  |   00000000:63:00.0 Off |                    0 |
| N/A   26C    P0            139W / 1000W |       0MiB / 183359MiB |      0%      Default |
|                                         |                        |             Disabled |
+-----------------------------------------+------------------------+----------------------+
|   1  NVIDIA B200                    On  |   00000000:68:00.0 Off |                    0 |
| N/A   30C    P0            142W / 1000W |       0MiB / 183359MiB |      0%      Default |
|                                         |                        |             Disabled |
"""
"""https://github.com/sgl-project/sglang/issues/27487 (R610 renamed the header's labels)."""

R580_GB10 = """\
+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI 580.95.05              Driver Version: 580.95.05      CUDA Version: 13.0     |
+-----------------------------------------+------------------------+----------------------+
| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |
| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |
|                                         |                        |               MIG M. |
|=========================================+========================+======================|
|   0  NVIDIA GB10                    Off |   0000000F:01:00.0 Off |                  N/A |
| N/A   41C    P0             11W /  N/A  | Not Supported          |      0%      Default |
|                                         |                        |                  N/A |
+-----------------------------------------+------------------------+----------------------+
"""
"""https://github.com/canonical/inference-snaps/issues/143 (DGX Spark: unified memory)."""


def test_r610_table_with_kmd_and_cuda_umd_labels_and_mig_disabled() -> None:
    table = parse_table(R610_B200)
    assert table.header == SmiHeader("610.43.02", "610.43.02", "13.3", "13.3")
    assert table.gpus == (
        gpu(0, "NVIDIA B200", "00000000:63:00.0", 0, 183359, "disabled"),
        gpu(1, "NVIDIA B200", "00000000:68:00.0", 0, 183359, "disabled"),
    )


def test_table_memory_not_supported_on_gb10() -> None:
    table = parse_table(R580_GB10)
    assert table.gpus == (gpu(0, "NVIDIA GB10", "0000000F:01:00.0", None, None),)


# ---------------------------------------------------------------------------------------------
# Error outputs


def test_couldnt_communicate_with_the_driver() -> None:
    text = captured("error-couldnt-communicate-with-driver.txt")
    error = find_error(text)
    assert error is not None
    assert error.kind == "driver-unreachable"
    assert error.detail is None
    with pytest.raises(SmiFormatError):
        parse_table(text)


def test_wsl_couldnt_communicate_and_nvml_driver_not_loaded() -> None:
    error = find_error(captured("error-wsl-couldnt-communicate-nvml-shutdown.txt"))
    assert error is not None
    assert (error.kind, error.detail) == ("driver-unreachable", "Driver Not Loaded")


def test_driver_library_mismatch_names_the_nvml_library_version() -> None:
    error = find_error(captured("error-driver-library-version-mismatch-550.txt"))
    assert error == SmiError(
        "driver-library-mismatch",
        "Failed to initialize NVML: Driver/library version mismatch",
        nvml_library_version="550.144",
    )


def test_mismatch_transcript_library_580_178_against_module_580_173_02() -> None:
    text = captured("error-driver-library-version-mismatch-with-proc-version-580.txt")
    smi = after_prompt(text, "root@truenas[/]# nvidia-smi", "root@truenas")
    error = find_error(smi)
    assert error is not None
    assert (error.kind, error.nvml_library_version) == ("driver-library-mismatch", "580.178")
    proc = after_prompt(text, "root@truenas[/]# cat /proc/driver/nvidia/version", "root@")
    assert parse_proc_driver_version(proc) == KernelModule("580.173.02", "proprietary", "x86_64")


def test_old_smi_rejects_compute_cap_and_its_table_shows_the_real_driver() -> None:
    text = captured("error-invalid-field-compute-cap-old-smi-new-driver.txt")
    query = after_prompt(text, "$ nvidia-smi --query-gpu=compute_cap --format=csv", "$ ")
    error = find_error(query)
    assert error is not None
    assert (error.kind, error.field) == ("invalid-field", "compute_cap")
    table = parse_table(after_prompt(text, "$ nvidia-smi", "$ "))
    assert table.header == SmiHeader("470.256.02", "580.95.05", "13.0", "13.0")
    assert table.gpus == (gpu(0, "NVIDIA RTX PRO ...", "00000000:01:00.0", 458, 8151),)


def test_no_devices_were_found() -> None:
    # https://github.com/NVIDIA/open-gpu-kernel-modules/issues/862 ("# nvidia-smi" then this)
    error = find_error("No devices were found\n")
    assert error is not None
    assert error.kind == "no-devices"


@pytest.mark.parametrize("name", ["nvcc-version-10.1.txt", "nvcc-version-11.0-and-11.1.txt"])
def test_nvcc_output_is_not_read_as_nvidia_smi(name: str) -> None:
    # 'NVIDIA (R) Cuda compiler driver' must not pass for a driver failure or a table.
    text = captured(name)
    assert find_error(text) is None
    with pytest.raises(SmiFormatError):
        parse_table(text)
    with pytest.raises(SmiFormatError):
        parse_list_gpus(text)


# ---------------------------------------------------------------------------------------------
# nvidia-smi -L


def test_list_gpus_with_mig_devices_under_gpu_0() -> None:
    gpus = parse_list_gpus(captured("list-gpus-L-mig-a100.txt"))
    name = "NVIDIA A100-SXM4-80GB"
    assert gpus == (
        ListedGpu(
            0,
            name,
            "GPU-513536b6-7d19-9063-b049-1e69664bb298",
            (
                ListedMigDevice(0, "1g.20gb", "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a"),
                ListedMigDevice(1, "1g.20gb", "MIG-a45882f0-9215-5733-a0c1-49286ab31cb5"),
                ListedMigDevice(2, "1g.20gb", "MIG-f00d722c-f4e1-52c9-aa31-750441ae1bfe"),
                ListedMigDevice(3, "1g.20gb", "MIG-930574a9-d43a-5d2b-95da-3e68384c8d6b"),
            ),
        ),
        ListedGpu(1, name, "GPU-d8594bd4-0fc3-8595-e355-7c98138f3b95"),
        ListedGpu(2, name, "GPU-5e375e7e-b41f-155b-dcdc-534524c356fc"),
        ListedGpu(3, name, "GPU-69ec2344-ebac-b028-f88f-452abb3d7f11"),
    )


def test_list_two_gpus_of_different_models() -> None:
    assert parse_list_gpus(captured("list-gpus-L-two-gpus.txt")) == (
        ListedGpu(0, "NVIDIA TITAN V", "GPU-b5169cef-2205-c30e-f2b3-220cfa14bafd"),
        ListedGpu(1, "NVIDIA RTX 5880 Ada Generation", "GPU-7518f6b0-991f-ce2b-3d37-c779130d3137"),
    )


# ---------------------------------------------------------------------------------------------
# --query-gpu CSV


def test_query_compute_cap_with_header() -> None:
    text = captured("query-gpu-compute-cap-csv-r570.txt")
    rows = parse_query_csv(
        after_prompt(text, "$ nvidia-smi --query-gpu=compute_cap --format=csv", "$ ")
    )
    assert rows == ({"compute_cap": "8.9"},)
    assert parse_compute_capability(rows[0]["compute_cap"]) == "8.9"


def test_query_two_gpus_with_header() -> None:
    rows = parse_query_csv(captured("query-gpu-csv-header-two-gpus-r570.txt"))
    assert rows == (
        {
            "compute_cap": "7.0",
            "compute_mode": "Default",
            "driver_version": "570.86.15",
            "name": "NVIDIA TITAN V",
            "index": "0",
        },
        {
            "compute_cap": "8.9",
            "compute_mode": "Default",
            "driver_version": "570.86.15",
            "name": "NVIDIA RTX 5880 Ada Generation",
            "index": "1",
        },
    )


def test_query_header_is_skipped_when_the_fields_are_given() -> None:
    fields = ["compute_cap", "compute_mode", "driver_version", "name", "index"]
    text = captured("query-gpu-csv-header-two-gpus-r570.txt")
    assert parse_query_csv(text, fields) == parse_query_csv(text)
    body = "".join(text.splitlines(keepends=True)[1:])
    assert parse_query_csv(body, fields) == parse_query_csv(text)


def test_query_nounits_with_units_in_the_header_and_not_available_values() -> None:
    (row,) = parse_query_csv(captured("query-gpu-csv-nounits-tesla-p100.txt"))
    assert row["name"] == "Tesla P100-PCIE-16GB"
    assert row["uuid"] == "GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6"
    assert row["fan.speed"] is None  # '[N/A]' on a passively cooled card
    assert number_in(row["memory.free"]) == 16280
    assert row["power.draw"] == "28.16"


def test_query_values_with_units() -> None:
    # `--format=csv` without nounits keeps units on values, e.g. '24564 MiB' (seen in public
    # transcripts of `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv`).
    assert number_in("24564 MiB") == 24564
    assert number_in("[N/A]") is None


def test_query_row_with_the_wrong_number_of_values_is_an_error() -> None:
    with pytest.raises(SmiFormatError):
        parse_query_csv("0, NVIDIA A10\n", ["index", "name", "uuid"])


# ---------------------------------------------------------------------------------------------
# nvidia-smi -q


def test_proc_version_proprietary_module() -> None:
    text = captured("proc-driver-nvidia-version-proprietary-384.txt")
    assert parse_proc_driver_version(text) == KernelModule("384.98", "proprietary", "x86_64")


def test_proc_version_open_module() -> None:
    text = captured("proc-driver-nvidia-version-open-565.txt")
    assert parse_proc_driver_version(text) == KernelModule("565.57.01", "open", "x86_64")


def test_proc_version_jetson_reports_the_l4t_release() -> None:
    text = captured("proc-driver-nvidia-version-jetson-aarch64.txt")
    assert parse_proc_driver_version(text) == KernelModule("35.3.1", "open", "aarch64")


def test_proc_version_without_nvrm_line_is_an_error() -> None:
    with pytest.raises(SmiFormatError):
        parse_proc_driver_version(captured("nvcc-version-10.1.txt"))


def test_sys_module_version() -> None:
    # /sys/module/nvidia/version holds the bare version (astral-sh/uv accelerator.rs).
    assert parse_sys_module_version("550.144.03\n") == "550.144.03"
    with pytest.raises(SmiFormatError):
        parse_sys_module_version("\n")


def test_bus_ids_take_nvml_form() -> None:
    assert normalise_bus_id("0000:03:00.0") == "00000000:03:00.0"
    assert normalise_bus_id("00000000:3b:00.0") == "00000000:3B:00.0"
