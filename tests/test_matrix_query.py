"""Look-ups the planner and the doctor make, over the shipped matrix and real nvidia-smi output."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from conftest import FIXTURES

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix import query
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.matrix.model import Matrix
from tfgpu_setup.matrix.show import check_matrix, matrix_rows, python_range

MATRIX: Matrix = load_matrix()
SMI = FIXTURES / "nvidia-smi"


def versions(spec: str) -> list[str]:
    return [r.version for r in query.releases_matching(MATRIX, spec)]


def test_release_lookup_normalizes_versions() -> None:
    found = query.release(MATRIX, "2.15.0.post1")
    assert found is not None and found.version == "2.15.0.post1"
    assert query.release(MATRIX, "2.16.0") is None
    assert query.release(MATRIX, " 2.21.0 ") is not None


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # a series: every patch, newest first (the planner takes the newest that installs)
        ("2.17", ["2.17.1", "2.17.0"]),
        ("2.15", ["2.15.1", "2.15.0.post1", "2.15.0"]),
        ("2.16.1", ["2.16.1"]),
        ("==2.16.1", ["2.16.1"]),
        ("~=2.15.0", ["2.15.1", "2.15.0.post1", "2.15.0"]),
        (">=2.19", ["2.21.0", "2.20.0", "2.19.1", "2.19.0"]),
        (">=2.17,<2.19", ["2.18.1", "2.18.0", "2.17.1", "2.17.0"]),
        ("==2.15.0", ["2.15.0"]),
        ("2.16.0", []),
        ("3", []),
    ],
)
def test_releases_matching(spec: str, expected: list[str]) -> None:
    assert versions(spec) == expected


def test_a_major_alone_is_every_release_of_it() -> None:
    twos = versions("2")
    assert twos[0] == "2.21.0" and len(twos) > 20 and all(v.startswith("2.") for v in twos)


@pytest.mark.parametrize("spec", ["latest", "2.x", "=>2.15"])
def test_releases_matching_rejects_what_is_no_version(spec: str) -> None:
    with pytest.raises(UserError) as caught:
        query.releases_matching(MATRIX, spec)
    assert caught.value.code == ExitCode.INPUT
    assert repr(spec) in caught.value.message


@pytest.mark.parametrize(
    ("cuda", "windows", "expected"),
    [
        ("12.5", False, ("525.60.13", "555.42.02")),
        ("12.5", True, ("528.33", "555.85")),
        ("12.5.1", False, ("525.60.13", "555.42.06")),
        ("12.3.2", False, ("525.60.13", "545.23.08")),  # nearest earlier update in the table
        ("11.8", False, ("450.80.02", "520.61.05")),
        ("11.2", True, ("452.39", "460.82")),
        ("11.0", False, ("450.36.06", "450.36.06")),  # shipped before the 11.x floor existed
        ("10.1", False, ("418.39", "418.39")),  # no minor-version compatibility before 11
        ("10.0", True, ("411.31", "411.31")),
        ("13.0", False, ("580.65.06", "580.65.06")),
        ("13.2", True, ("580", "580")),  # the table says N/A for Windows from 13.0
    ],
)
def test_min_driver_for_cuda(cuda: str, windows: bool, expected: tuple[str, str]) -> None:
    assert query.min_driver_for_cuda(MATRIX, cuda, windows) == expected


def test_driver_requirement_carries_sources_and_confidence() -> None:
    requirement = query.driver_requirement(MATRIX, "12.5", False)
    assert requirement.floor_source.endswith("minor-version-compatibility.html")
    assert "cuda-toolkit-release-notes" in requirement.exact_source
    assert requirement.confidence == "official"
    assert query.driver_requirement(MATRIX, "13.3", False).confidence == "secondary"


def test_min_driver_for_unknown_cuda_is_a_user_error() -> None:
    with pytest.raises(UserError) as caught:
        query.min_driver_for_cuda(MATRIX, "6.5", False)
    assert caught.value.code == ExitCode.INPUT
    assert "CUDA 6.5: no driver minimum known" in caught.value.message
    assert "covers 7.0 to 13.3" in caught.value.message


def test_driver_of_the_cuda_9_era() -> None:
    # CUDA 9.0's 384.81 (Linux) and 385.54 (Windows), from NVIDIA's older table.
    assert query.min_driver_for_cuda(MATRIX, "9.0", False) == ("384.81", "384.81")
    assert query.min_driver_for_cuda(MATRIX, "9.0", True) == ("385.54", "385.54")
    # A 384.69 driver (older than CUDA 9.0's) runs CUDA 8.0 at most.
    assert query.driver_max_cuda(MATRIX, "384.69", False) == "8.0"


def smi_headers() -> list[tuple[str, str, str, bool]]:
    """(file, 'Driver Version', 'CUDA Version', WSL2) from every real nvidia-smi table header."""
    found = []
    for path in sorted(SMI.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or "Driver Version:" not in line or "CUDA Version:" not in line:
                continue
            driver = line.split("Driver Version:")[1].split()[0]
            cuda = line.split("CUDA Version:")[1].split()[0]
            if cuda[0].isdigit():
                found.append((path.name, driver, cuda, path.name.startswith("wsl2")))
    return found


@pytest.mark.parametrize(("name", "driver", "cuda", "wsl2"), smi_headers())
def test_driver_max_cuda_agrees_with_real_nvidia_smi(
    name: str, driver: str, cuda: str, wsl2: bool
) -> None:
    # nvidia-smi's "CUDA Version" is the newest CUDA the driver supports; WSL2 shows the
    # Windows driver, so it is compared with the Windows column.
    assert query.driver_max_cuda(MATRIX, driver, windows=wsl2) == cuda, name


def test_smi_fixtures_cover_linux_and_wsl2() -> None:
    headers = smi_headers()
    assert len(headers) >= 8
    assert {wsl2 for *_, wsl2 in headers} == {True, False}


def test_driver_max_cuda_edges() -> None:
    assert query.driver_max_cuda(MATRIX, "340.1", False) is None  # older than CUDA 7.0
    assert query.driver_max_cuda(MATRIX, "400.1", False) == "9.2"
    assert query.driver_max_cuda(MATRIX, "610.43.02", False) == "13.3"
    assert query.driver_max_cuda(MATRIX, "581.29", True) == "13.0"  # R580 Windows driver
    assert query.driver_max_cuda(MATRIX, "440.33", False) == "10.2"
    with pytest.raises(UserError):
        query.driver_max_cuda(MATRIX, "535.x", False)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("570.26", "570.124.06", -1),
        ("570.124.06", "570.26", 1),
        ("525.60.13", "528.33", -1),
        ("580", "580.0", 0),
        # A branch alone stands for any of its releases: only branch numbers can differ.
        ("580", "580.65.06", 0),
        ("450", "450.80.02", 0),
        ("418", "450.80.02", -1),
        ("470.82.01", "535", -1),
        ("450.80.02", "450.80.2", 0),
        ("1000.1", "999.99.99", 1),
    ],
)
def test_compare_driver_versions(a: str, b: str, expected: int) -> None:
    assert query.compare_driver_versions(a, b) == expected


def test_compare_driver_versions_rejects_non_numeric() -> None:
    with pytest.raises(UserError):
        query.compare_driver_versions("ERR!", "550.54.14")


def gpu_names_in_fixtures() -> set[str]:
    names = set()
    for path in SMI.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("GPU ") and ": " in line and "(UUID" in line:  # nvidia-smi -L
                names.add(line.split(": ", 1)[1].split(" (UUID")[0])
    return names


@pytest.mark.parametrize(
    ("name", "cc", "arch"),
    [
        ("NVIDIA A10", "8.6", "Ampere"),
        ("NVIDIA A100-SXM4-40GB", "8.0", "Ampere"),
        ("NVIDIA A100-SXM4-40GB MIG 1g.5gb", "8.0", "Ampere"),
        ("Tesla P100-PCIE-16GB", "6.0", "Pascal"),
        ("NVIDIA GeForce GTX 960", "5.2", "Maxwell"),
        ("NVIDIA GeForce RTX 4060 Laptop GPU", "8.9", "Ada"),
        ("NVIDIA GeForce RTX 5090", "12.0", "Blackwell"),
        ("NVIDIA GeForce RTX 3090", "8.6", "Ampere"),
        ("NVIDIA TITAN X (Pascal)", "6.1", "Pascal"),
        ("GeForce GTX TITAN X", "5.2", "Maxwell"),
        ("Quadro RTX 6000", "7.5", "Turing"),
        ("NVIDIA RTX 6000 Ada Generation", "8.9", "Ada"),
        ("NVIDIA RTX A6000", "8.6", "Ampere"),
        ("nvidia h100 80gb hbm3", "9.0", "Hopper"),
    ],
)
def test_gpu_cc_from_name(name: str, cc: str, arch: str) -> None:
    pattern = query.gpu_cc_from_name(MATRIX, name)
    assert pattern is not None and (pattern.cc, pattern.arch) == (cc, arch)


def test_gpu_names_from_real_listings_resolve() -> None:
    names = gpu_names_in_fixtures()
    assert names, "no 'nvidia-smi -L' listing among the fixtures"
    for name in names:
        assert query.gpu_cc_from_name(MATRIX, name) is not None, name


# (a cut that leaves one compute capability open resolves: tests/test_matrix_gpu_names.py)
@pytest.mark.parametrize("name", ["NVIDIA GeForce ...", "GeForce GTX ...", "Matrox G200eR2"])
def test_truncated_or_foreign_names_resolve_to_nothing(name: str) -> None:
    assert query.gpu_cc_from_name(MATRIX, name) is None


def test_arch_for_cc() -> None:
    ampere = query.arch_for_cc(MATRIX, "8.6")
    assert ampere is not None and (ampere.name, ampere.first_cuda) == ("Ampere", "11.1")
    assert query.arch_for_cc(MATRIX, "9.9") is None
    with pytest.raises(UserError):
        query.arch_for_cc(MATRIX, "Ampere")


@pytest.mark.parametrize(
    ("tf", "cc", "expected"),
    [
        ("2.21.0", "8.6", "sass"),  # sm_80 cubins run on 8.6
        ("2.21.0", "8.9", "sass"),
        ("2.21.0", "9.0", "sass"),
        ("2.21.0", "7.5", "sass"),
        ("2.21.0", "12.0", "ptx-jit"),  # Blackwell: only compute_90 (the defect is applied later)
        ("2.21.0", "5.2", "unsupported"),  # Maxwell removed in 2.17
        ("2.16.2", "5.2", "sass"),
        ("2.14.1", "9.0", "ptx-jit"),  # Hopper had no cubins before 2.16
        ("2.14.1", "3.7", "sass"),
        ("2.15.0", "3.7", "unsupported"),  # CUDA 12 dropped Kepler
        ("2.3.0", "5.0", "unsupported"),  # 2.3 shipped sm_52 and compute_70 only (#46537)
        ("2.3.0", "8.6", "ptx-jit"),
    ],
)
def test_cc_support(tf: str, cc: str, expected: str) -> None:
    release = query.release(MATRIX, tf)
    assert release is not None
    assert query.cc_support(release, cc) == expected


def test_matrix_rows_for_show() -> None:
    (row,) = matrix_rows(MATRIX, "2.21")
    assert row == {
        "TF": "2.21.0",
        "Python": "3.10-3.13",
        "CUDA": "12.5 (built with 12.5.1)",
        "cuDNN": "9.3",
        "CC": "6.0, 7.0, 8.0, 8.9, 9.0 +PTX 9.0",
        "GPU platforms": "linux_x86_64, wsl2",
        "pins": row["pins"],
    }
    pins = row["pins"].split(", ")
    assert len(pins) == 12 and "nvidia-cudnn-cu12==9.3.0.75" in pins
    old = matrix_rows(MATRIX, "==2.0.0")[0]
    assert (old["Python"], old["GPU platforms"], old["pins"]) == (
        "2.7, 3.5-3.7",
        "linux_x86_64, wsl2, windows_x86_64",
        "none",
    )
    everything = matrix_rows(MATRIX, None)
    assert [r["TF"] for r in everything][:3] == ["2.21.0", "2.20.0", "2.19.1"]
    assert len(everything) == len(MATRIX.tensorflow.releases)


def test_python_range() -> None:
    assert python_range(("3.9", "3.10", "3.11")) == "3.9-3.11"
    assert python_range(("3.10", "3.12")) == "3.10, 3.12"
    assert python_range(()) == "none"


def test_check_matrix_reports_origin_age_and_counts() -> None:
    report = check_matrix(MATRIX, date(2026, 11, 29))
    assert report["valid"] and report["error"] is None
    assert report["origin"] == "shipped"
    assert report["age_days"] == (date(2026, 11, 29) - date(2026, 3, 11)).days
    assert report["newest_release"] == "2.21.0"
    assert report["counts"]["releases"] == len(MATRIX.tensorflow.releases)


def test_check_matrix_reports_an_invalid_matrix() -> None:
    broken = dataclasses.replace(
        MATRIX,
        tensorflow=dataclasses.replace(
            MATRIX.tensorflow,
            releases=tuple(
                dataclasses.replace(r, cudnn="9.x") if r.version == "2.20.0" else r
                for r in MATRIX.tensorflow.releases
            ),
        ),
    )
    report = check_matrix(broken, date(2026, 11, 29))
    assert not report["valid"]
    assert (
        report["error"]
        == "tensorflow.json: release 2.20.0: field 'cudnn': '9.x' is not a version X.Y"
    )


def test_a_name_sold_with_several_ancient_capabilities_is_still_too_old() -> None:
    """The GeForce GT 220 is listed as 1.1 and as 1.2: either way below every TensorFlow build,
    so the name answers; where the capabilities differ in what runs (GT 730: Fermi and Kepler)
    it still asks."""
    found = query.gpu_cc_from_name(MATRIX, "NVIDIA GeForce GT 220")
    assert found is not None and query.older_than_every_build(found.cc)
    with pytest.raises(UserError, match="ambiguous"):
        query.gpu_cc_from_name(MATRIX, "GeForce GT 730")
