"""The pip wheel sets that stand in for a system CUDA: every library each release loads is in
the pinned wheels (checked against the wheels' own RECORD files), and the matrix says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix.load import TENSORFLOW_FILE, decode_tensorflow, load_matrix, shipped_dir
from tfgpu_setup.matrix.model import CudaWheelSet

MATRIX = load_matrix()
RECORDS = Path(__file__).parent / "fixtures" / "wheels" / "cu11"
SETS = [s for s in MATRIX.tensorflow.cuda_wheel_sets if s.min_cc is None]
"""The sets that stand in for a system CUDA (the newer-GPU ones are tested at the end)."""


def record_of(pin: str) -> set[str]:
    """The files the pinned wheel installs, from its RECORD (fixture named after the wheel)."""
    requirement = Requirement(pin)
    version = next(iter(requirement.specifier)).version
    stem = f"{canonicalize_name(requirement.name).replace('-', '_')}-{version}-"
    found = [p for p in RECORDS.glob("*.RECORD") if p.name.startswith(stem)]
    assert len(found) == 1, f"no RECORD fixture for {pin}"
    return {line.split(",")[0] for line in found[0].read_text().splitlines() if line}


@pytest.mark.parametrize("wheel_set", SETS, ids=lambda s: s.id)
def test_every_library_the_releases_load_is_in_a_pinned_wheel(wheel_set: CudaWheelSet) -> None:
    files = set().union(*(record_of(pin) for pin in wheel_set.pins))
    for soname, path in {**wheel_set.sonames, **wheel_set.optional_sonames}.items():
        assert path in files, f"{soname}: {path} is in no pinned wheel"
    assert wheel_set.xla_data_dir is not None
    assert f"{wheel_set.xla_data_dir}/bin/ptxas" in files
    assert f"{wheel_set.xla_data_dir}/nvvm/libdevice/libdevice.10.bc" in files


@pytest.mark.parametrize("wheel_set", SETS, ids=lambda s: s.id)
def test_the_set_has_the_cuda_11_libraries_and_the_cudnn_major_tensorflow_loads(
    wheel_set: CudaWheelSet,
) -> None:
    assert set(wheel_set.sonames) == {
        "libcudart.so.11.0",
        "libcublas.so.11",
        "libcublasLt.so.11",
        "libcufft.so.10",
        "libcurand.so.10",
        "libcusolver.so.11",
        "libcusparse.so.11",
        "libcudnn.so.8",
    }
    spec = SpecifierSet(wheel_set.tensorflow)
    served = [r for r in MATRIX.tensorflow.releases if r.version in spec]
    assert served
    for release in served:
        assert release.cudnn is not None and release.cudnn.split(".")[0] == "8"
        assert tuple(map(int, release.cudnn.split("."))) <= tuple(
            map(int, wheel_set.cudnn.split("."))
        ), f"{release.version} needs cuDNN ≥ {release.cudnn}"


def test_releases_2_5_to_2_13_are_served_and_the_others_are_not() -> None:
    def served(version: str) -> bool:
        return any(version in SpecifierSet(s.tensorflow) for s in SETS)

    for release in MATRIX.tensorflow.releases:
        cuda = release.cuda or "0"
        expected = cuda.startswith("11.") and cuda != "11.0" and not release.nvidia_pins
        assert served(release.version) == expected, release.version
    assert served("2.5.0") and served("2.13.1")
    assert not served("2.4.4")  # loads libcusolver.so.10, which no cu11 wheel carries
    assert not served("2.3.4")  # CUDA 10.1: no pip wheels


def tensorflow_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shipped_dir() / TENSORFLOW_FILE).read_text(encoding="utf-8"))
    return data


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(UserError) as caught:
        decode_tensorflow(data, "matrices/tensorflow.json")
    assert caught.value.code == ExitCode.MATRIX
    return caught.value.message


def test_a_soname_with_a_path_of_another_library_is_refused() -> None:
    data = tensorflow_json()
    data["cuda_wheel_sets"][0]["sonames"]["libcudnn.so.8"] = "nvidia/cudnn/lib/libcudnn.so.9"
    assert refused(data) == (
        "matrices/tensorflow.json: cuda_wheel_set cu11.8-tf2.12: field 'sonames.libcudnn.so.8':"
        " 'nvidia/cudnn/lib/libcudnn.so.9' is not nvidia/.../libcudnn.so.8"
    )


def test_a_set_for_a_release_with_its_own_and_cuda_pins_is_refused() -> None:
    data = tensorflow_json()
    data["cuda_wheel_sets"][0]["tensorflow"] = ">=2.12,<2.15"
    assert "2.14.1 pins its own NVIDIA wheels" in refused(data)


def test_a_floating_pin_is_refused() -> None:
    data = tensorflow_json()
    data["cuda_wheel_sets"][1]["pins"][0] = "nvidia-cuda-runtime-cu11>=11.8"
    assert "is not an exact pin NAME==VERSION" in refused(data)


NEWER = [s for s in MATRIX.tensorflow.cuda_wheel_sets if s.min_cc is not None]


def test_the_blackwell_set_stays_inside_the_and_cuda_ranges_of_what_it_serves() -> None:
    # TensorFlow 2.21 JIT-compiles its PTX on Blackwell (tensorflow#111958), but the CUDA 12.5
    # libraries it was built against predate those GPUs: CUDA 12.8 is the first with them.
    (blackwell,) = NEWER
    assert blackwell.min_cc == "10.0" and blackwell.cuda == "12.8"
    served = [
        r for r in MATRIX.tensorflow.releases if r.version in SpecifierSet(blackwell.tensorflow)
    ]
    assert [r.version for r in served] == ["2.21.0"]
    for release in served:
        ranges = {
            canonicalize_name(Requirement(t).name): Requirement(t).specifier
            for t in release.and_cuda_requires
        }
        for pin in blackwell.pins:
            requirement = Requirement(pin)
            version = next(iter(requirement.specifier)).version
            assert ranges[canonicalize_name(requirement.name)].contains(version), pin
        assert {canonicalize_name(Requirement(p).name) for p in blackwell.pins} == set(ranges)


def test_a_newer_gpu_pin_outside_the_release_range_is_refused() -> None:
    data = tensorflow_json()
    blackwell = next(s for s in data["cuda_wheel_sets"] if s.get("min_cc"))
    blackwell["pins"][0] = "nvidia-cuda-runtime-cu12==13.0.48"
    assert "nvidia-cuda-runtime-cu12==13.0.48 is outside TensorFlow 2.21.0's [and-cuda] range" in (
        refused(data)
    )
