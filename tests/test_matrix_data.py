"""Consistency of the shipped matrix data, and the facts it must get right."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tfgpu_setup.matrix import query
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.matrix.model import Matrix, TfRelease

MATRIX: Matrix = load_matrix()
RELEASES = {r.version: r for r in MATRIX.tensorflow.releases}
SOURCE_LIKE = re.compile(r"^(https://\S+|[\w.-]+/[\w.-]+@[0-9a-f]{40}:\S+)")
"""A URL, or repository@commit:path."""


def tf(version: str) -> TfRelease:
    return RELEASES[version]


def ids(releases: list[TfRelease]) -> list[str]:
    return [r.version for r in releases]


def test_every_tf2_series_is_listed_with_its_patch_releases() -> None:
    series = {(Version(v).major, Version(v).minor) for v in RELEASES}
    assert series == {(2, minor) for minor in range(22)}
    assert all(Version(v).major == 2 for v in RELEASES)  # TF 1.x is out of scope
    for version in ("2.15.0.post1", "2.16.2", "2.17.1", "2.18.1", "2.19.1", "2.10.1", "2.0.4"):
        assert version in RELEASES
    assert "2.16.0" not in RELEASES  # never published: 2.16.0rc0, then 2.16.1
    assert max(RELEASES, key=Version) == "2.21.0"


@pytest.mark.parametrize("release", MATRIX.tensorflow.releases, ids=lambda r: r.version)
def test_release_has_python_cuda_cudnn_and_sources(release: TfRelease) -> None:
    assert release.python, "no Python version"
    assert all(len(Version(p).release) == 2 for p in release.python)
    assert release.cuda is not None and release.cudnn is not None, "every TF 2.x has a CUDA build"
    for field in ("python", "cuda", "cudnn", "sass", "ptx", "platforms"):
        assert SOURCE_LIKE.match(release.sources[field]), (field, release.sources[field])
    assert (
        release.sass and release.ptx and release.cc_evidence in ("wheel scan", "sibling wheel scan")
    )
    for name in (f.name for f in dataclasses.fields(release)):
        value = getattr(release, name)
        if value and name not in ("version", "sources", "notes", "cc_evidence", "package"):
            assert name in release.sources, f"{name} has no source"


@pytest.mark.parametrize("release", MATRIX.tensorflow.releases, ids=lambda r: r.version)
def test_every_cuda_named_has_a_driver_floor(release: TfRelease) -> None:
    assert release.cuda is not None
    for windows in (False, True):
        floor, exact = query.min_driver_for_cuda(MATRIX, release.cuda, windows)
        assert query.compare_driver_versions(floor, exact) <= 0
    if release.cuda_build is not None:
        query.min_driver_for_cuda(MATRIX, release.cuda_build, False)


@pytest.mark.parametrize(
    "release",
    [r for r in MATRIX.tensorflow.releases if r.and_cuda_requires],
    ids=lambda r: r.version,
)
def test_pins_are_exact_and_match_the_and_cuda_metadata(release: TfRelease) -> None:
    required = {Requirement(text).name: Requirement(text) for text in release.and_cuda_requires}
    assert all(Requirement(t).marker is not None for t in release.and_cuda_requires)
    pins = [Requirement(text) for text in release.nvidia_pins]
    assert [p.name for p in pins] == [n for n in required if n.startswith("nvidia-")]
    for pin in pins:
        (spec,) = pin.specifier
        assert spec.operator == "==" and not spec.version.endswith(".*")
        allowed = required[pin.name].specifier
        assert allowed.contains(spec.version), (pin, allowed)
        # the pin is the build's own version: the metadata's exact pin, or its range's floor
        assert spec.version in {s.version for s in allowed if s.operator in ("==", ">=")}


def test_and_cuda_extra_exists_from_2_14_only() -> None:
    for version, release in RELEASES.items():
        assert bool(release.and_cuda_requires) == (Version(version) >= Version("2.14")), version
    suffix = {
        v: {Requirement(p).name.rsplit("-", 1)[-1] for p in r.nvidia_pins}
        for v, r in RELEASES.items()
        if r.nvidia_pins
    }
    assert suffix["2.14.1"] == {"cu11"} and suffix["2.15.1"] == {"cu12"}


def test_2_21_0_is_what_the_real_wheel_contains() -> None:
    release = tf("2.21.0")
    assert (release.cuda, release.cuda_build) == ("12.5", "12.5.1")
    assert release.cudnn is not None and Version(release.cudnn).major == 9
    # HERMETIC_CUDA_COMPUTE_CAPABILITIES="sm_60,sm_70,sm_80,sm_89,compute_90": compute_90 puts
    # both sm_90 SASS and compute_90 PTX into the wheel.
    assert release.sass == ("sm_60", "sm_70", "sm_80", "sm_89", "sm_90")
    assert release.ptx == ("compute_90",)
    assert release.python == ("3.10", "3.11", "3.12", "3.13")
    assert release.requires_python == ">=3.10"
    linux = release.platforms["linux_x86_64"]
    assert (linux.gpu, linux.glibc_min, linux.wheel_tag) == (True, "2.27", "manylinux_2_27_x86_64")
    assert "nvidia-cudnn-cu12==9.3.0.75" in release.nvidia_pins
    assert "nvidia-nccl-cu12==2.27.7" in release.nvidia_pins
    assert 'nvidia-cudnn-cu12<10.0,>=9.3.0.75; extra == "and-cuda"' in release.and_cuda_requires


def test_2_15_builds() -> None:
    assert (tf("2.15.0").cuda, tf("2.15.0").cudnn) == ("12.2", "8.9")
    assert "nvidia-cudnn-cu12==8.9.4.25" in tf("2.15.0").nvidia_pins
    trt = [t for t in tf("2.15.0").and_cuda_requires if Requirement(t).name.startswith("tensorrt")]
    assert len(trt) == 3
    assert not any("tensorrt" in t for t in tf("2.15.0.post1").and_cuda_requires)
    assert tf("2.15.0").sass == ("sm_50", "sm_60", "sm_70", "sm_75", "sm_80")  # no sm_35 in CUDA 12


def test_windows_native_gpu_ends_with_2_10() -> None:
    windows = tf("2.10.0").platforms["windows_x86_64"]
    assert windows.gpu and (tf("2.10.0").cuda, tf("2.10.0").cudnn) == ("11.2", "8.1")
    for version, release in RELEASES.items():
        expected = Version(version) < Version("2.11")
        assert release.platforms["windows_x86_64"].gpu == expected, version
        assert release.platforms["wsl2"].gpu, version


def test_platforms_cuda_gpu_only_on_linux_wsl2_and_old_windows() -> None:
    for version, release in RELEASES.items():
        for key in ("linux_aarch64", "macos_x86_64", "macos_arm64"):
            assert not release.platforms[key].gpu, (version, key)
        if version != "2.15.0.post1":  # a Linux-only re-release
            assert release.platforms["macos_x86_64"].available == (
                Version(version) < Version("2.17")
            )
    assert tf("2.0.0").package == "tensorflow-gpu"
    assert all(r.package == "tensorflow" for v, r in RELEASES.items() if not v.startswith("2.0."))
    assert tf("2.12.0").platforms["macos_arm64"].package == "tensorflow-macos"
    assert tf("2.13.0").platforms["macos_arm64"].package is None
    assert not tf("2.15.0.post1").platforms["windows_x86_64"].available


def test_kernels_follow_the_cuda_toolkits() -> None:
    for version, release in RELEASES.items():
        lowest = min(int(s.removeprefix("sm_")) for s in release.sass)
        if Version(version) >= Version("2.17"):
            assert lowest == 60, version  # Maxwell dropped from the binaries in 2.17
        elif Version(version) >= Version("2.15"):
            assert lowest == 50, version  # CUDA 12 cannot build sm_35
        else:
            assert lowest == 35, version
    assert tf("2.3.0").ptx == ("compute_70",)


def test_known_defects() -> None:
    defects = {d.id: d for d in MATRIX.tensorflow.defects}
    assert defects["tf-2.16.1-pip-libs-not-found"].source.endswith("/issues/63362")
    blackwell = defects["blackwell-no-kernels"]
    assert blackwell.kind == "no-kernels-for-arch" and blackwell.min_cc == "10.0"
    # Up to 2.20 the PTX fails on Blackwell (tensorflow#99592); 2.21 JIT-compiles it.
    for v in RELEASES:
        assert (Version(v) in SpecifierSet(blackwell.affects)) == (Version(v) < Version("2.21"))
    kinds = {d.kind for d in defects.values()}
    assert kinds == {
        "pip-libs-need-ld-library-path",
        "and-cuda-unresolvable",
        "no-kernels-for-arch",
        "xla-needs-nvcc-wheel",
        "log-noise",
        "cpu-instructions",
    }
    for defect in defects.values():
        assert defect.source.startswith("https://github.com/tensorflow/tensorflow/")
        assert any(Version(v) in SpecifierSet(defect.affects) for v in RELEASES), defect.id
    assert "2.16.2" not in SpecifierSet(defects["tf-2.16.1-pip-libs-not-found"].affects)
    assert "2.15.0.post1" not in SpecifierSet(defects["tf-2.15.0-and-cuda-unresolvable"].affects)


def test_driver_table_covers_every_toolkit_7_0_to_13_3() -> None:
    minors = {tuple(Version(t.cuda).release[:2]) for t in MATRIX.drivers.toolkits}
    expected = {(7, 0), (7, 5), (8, 0)} | {(9, m) for m in range(3)}
    expected |= {(10, m) for m in range(3)} | {(11, m) for m in range(9)}
    expected |= {(12, m) for m in range(10) if m != 7} | {(13, m) for m in range(4)}
    assert minors == expected  # there was never a CUDA 12.7
    for toolkit in MATRIX.drivers.toolkits:
        # Before 10.0 and for 13.3 the rows are read from copies of NVIDIA's table.
        secondary = toolkit.cuda.startswith("13.3") or Version(toolkit.cuda).major < 10
        assert (toolkit.confidence == "secondary") == secondary, toolkit
        assert (toolkit.windows_min is None) == (Version(toolkit.cuda).major >= 13), toolkit
    floors = {c.major: (c.linux_min, c.windows_min) for c in MATRIX.drivers.minor_compat}
    assert floors == {
        "11": ("450.80.02", "452.39"),
        "12": ("525.60.13", "528.33"),
        "13": ("580.65.06", "580"),
    }


def test_architecture_cuda_ranges() -> None:
    def arch(cc: str) -> tuple[str, str | None, str | None]:
        found = query.arch_for_cc(MATRIX, cc)
        assert found is not None, cc
        return found.name, found.first_cuda, found.last_cuda

    assert arch("3.0") == ("Kepler", None, "10.2")
    assert arch("3.7") == ("Kepler", None, "11.8")
    for cc, name in (("5.2", "Maxwell"), ("6.1", "Pascal"), ("7.0", "Volta")):
        assert arch(cc) == (name, None, "12.9")
    assert arch("7.5") == ("Turing", "10.0", None)
    assert arch("8.9") == ("Ada", "11.8", None)
    assert arch("9.0") == ("Hopper", "11.8", None)
    assert arch("12.0") == ("Blackwell", "12.8", None)
    assert arch("10.3") == ("Blackwell", "12.9", None)


def test_last_driver_branches_as_nvidia_publishes_them() -> None:
    """NVIDIA's legacy branches: R470 for Kepler, R580 for Maxwell to Volta; newer still drive."""

    def last(cc: str) -> int | None:
        found = query.arch_for_cc(MATRIX, cc)
        assert found is not None, cc
        assert found.last_driver_branch is None or found.driver_source
        return found.last_driver_branch

    assert [last(cc) for cc in ("2.1", "3.0", "3.7", "5.2", "6.1", "7.0")] == [
        390,
        470,
        470,
        580,
        580,
        580,
    ]
    assert [last(cc) for cc in ("7.5", "8.6", "9.0", "12.0")] == [None] * 4


@pytest.mark.parametrize("pattern", MATRIX.gpus.patterns, ids=lambda p: p.pattern)
def test_gpu_pattern_examples_resolve_to_their_compute_capability(pattern: object) -> None:
    """The name table answers first; where it lists an example, it must agree with the pattern."""
    assert isinstance(pattern, type(MATRIX.gpus.patterns[0]))
    assert pattern.examples
    for example in pattern.examples:
        found = query.gpu_cc_from_name(MATRIX, example)
        assert found is not None and found.cc == pattern.cc, example
    architecture = query.arch_for_cc(MATRIX, pattern.cc)
    assert architecture is not None and architecture.name == pattern.arch


def test_refreshed_dates_are_the_sources_dates() -> None:
    dates = [MATRIX.tensorflow.refreshed, MATRIX.drivers.refreshed, MATRIX.gpus.refreshed]
    assert all(date.fromisoformat(d) >= date(2026, 3, 11) for d in dates)
    assert MATRIX.tensorflow.refreshed == "2026-03-11"  # tensorflow/docs 7c3650212 (TF 2.21)


def test_the_shipped_matrix_is_checked_here_and_the_frozen_test_copy_is_no_newer() -> None:
    """Rule and planner tests use tests/fixtures/matrix so a refresh does not break them;
    the shipped matrix is validated here, and must be at least as new as that copy."""
    from conftest import fixture_matrix

    from tfgpu_setup.versions import parsed

    shipped, frozen = load_matrix(None), fixture_matrix()
    assert shipped.origin == "shipped"
    newest = max(parsed(r.version) for r in shipped.tensorflow.releases)
    assert newest >= max(parsed(r.version) for r in frozen.tensorflow.releases)
