"""The doctor on review 93's cases and on the readings left from earlier stops: NVML's
driver/library mismatch under WSL 2. Logs are composed in the tools' own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


@pytest.mark.parametrize("os_flag", ["wsl2", "linux"])
def test_nvmls_mismatch_under_wsl2_is_a_linux_driver_inside_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], os_flag: str
) -> None:
    """nvidia-smi inside WSL 2 printing NVML's mismatch: WSL 2 loads no NVIDIA kernel module, so
    the second version is a Linux driver's libraries installed inside WSL; on Linux the
    kernel-module steps stay."""
    log = (
        "$ nvidia-smi\n"
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
    )
    first = run(tmp_path, capsys, log, "--os", os_flag)["findings"][0]
    assert first["id"] == "driver-library-mismatch"
    if os_flag == "wsl2":
        assert "inside WSL" in first["fix"] and "wsl --shutdown" in first["fix"]
        assert "dkms" not in first["fix"] and "initramfs" not in first["fix"]
    else:
        assert "dkms" in first["fix"]
