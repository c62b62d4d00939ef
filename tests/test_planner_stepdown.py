"""Every step-down explained: each cause that kept a newer release out of the plan is one warning
with the public id, saying what to change to get the newer release."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tfgpu_setup.cli import main
from tfgpu_setup.findings import Finding, Severity, merge

W, E = Severity.WARNING, Severity.ERROR


@pytest.fixture(autouse=True)
def _no_overrides_from_the_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)


def plan(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["plan", "--no-probe", "--os", "linux", *argv, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    document: dict[str, Any] = json.loads(out)
    assert document["verdict"] == "gpu"
    return document


def findings(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ids = [f["id"] for f in document["findings"]]
    assert len(ids) == len(set(ids)), ids  # one finding per id
    return {f["id"]: f for f in document["findings"]}


def test_gtx_980_gets_2_16_2_and_the_reason_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    doc = plan(capsys, "--python", "3.11", "--driver", "560.35.03", "--gpu", "GeForce GTX 980")
    assert doc["tensorflow"] == "2.16.2"
    hit = findings(doc)["compute-capability-unsupported"]
    assert hit["severity"] == "warning"
    assert hit["title"] == (
        "GeForce GTX 980 (CC 5.2): TensorFlow ≥ 2.17.0 has no sm_50/sm_52 kernels; 2.16.2 is"
        " the newest for this GPU"
    )
    assert "compute capability ≥ 6.0" in hit["fix"]
    assert "compute capability 5.2 is not covered" in hit["evidence"][0]


def test_a_gap_in_the_kernels_and_the_cuda_installed_are_told_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 71, tensorflow#46449) a 940MX (CC 5.0) on native Windows with CUDA 10.1: 2.3's
    # wheel lacks sm_50 (it has sm_52), 2.4 to 2.10 have it again but need CUDA 11
    assert (
        main(
            [
                *("plan", "--no-probe", "--os", "windows", "--python", "3.7"),
                *("--cuda-toolkit", "10.1", "--cudnn", "7.6.4.38", "--gpu", "GeForce 940MX"),
                "--json",
            ]
        )
        == 0
    )
    found = findings(json.loads(capsys.readouterr().out))
    cc = found["compute-capability-unsupported"]
    assert "2.4.0 and later have them again" in cc["title"]
    assert "compute capability ≥" not in cc["fix"]
    cuda = found["cuda-version-mismatch"]
    assert cuda["severity"] == "warning"
    assert "install CUDA 11.2 and cuDNN 8.1" in cuda["fix"] and "2.10.1" in cuda["fix"]


def test_each_limiting_cause_is_one_warning(capsys: pytest.CaptureFixture[str]) -> None:
    # GTX 980 on R470: the driver stops it at 2.14.1 (CUDA 11.8), the GPU at 2.16.2.
    doc = plan(capsys, "--python", "3.11", "--driver", "470.256.02", "--gpu", "GeForce GTX 980")
    assert doc["tensorflow"] == "2.14.1"
    found = findings(doc)
    assert found["driver-too-old"]["severity"] == "warning"
    assert "525.60.13" in found["driver-too-old"]["fix"]
    cc = found["compute-capability-unsupported"]
    assert cc["severity"] == "warning" and "2.16.2 is the newest for this GPU" in cc["title"]


def test_python_limits_the_plan_and_says_which_python_to_install(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A Kepler K80 with Python 3.8: the legacy 2.13.1 from pip; 2.14.1 needs Python 3.9+.
    doc = plan(capsys, "--python", "3.8", "--driver", "470.256.02", "--gpu", "Tesla K80")
    assert doc["tensorflow"] == "2.13.1"
    found = findings(doc)
    assert found["python-unsupported"]["severity"] == "warning"
    cc = found["compute-capability-unsupported"]
    assert "TensorFlow ≥ 2.15.0 has no sm_35/sm_37 kernels" in cc["title"]
    assert "2.14.1 is the newest for this GPU" in cc["title"]
    # R470 is Kepler's last driver: no driver update is advised for releases the GPU cannot run
    assert "driver-too-old" not in found


def test_no_step_down_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    doc = plan(capsys, "--python", "3.11", "--driver", "560.35.03", "--gpu", "NVIDIA L4")
    found = findings(doc)
    for cause in ("compute-capability-unsupported", "driver-too-old", "python-unsupported"):
        assert cause not in found


def test_an_asked_for_series_is_not_a_step_down(capsys: pytest.CaptureFixture[str]) -> None:
    doc = plan(
        capsys,
        "--python",
        "3.11",
        "--driver",
        "560.35.03",
        "--gpu",
        "GeForce GTX 980",
        "--tf",
        "2.15",
    )
    assert doc["tensorflow"] == "2.15.1"
    assert "compute-capability-unsupported" not in findings(doc)


def finding(finding_id: str, severity: Severity, title: str) -> Finding:
    return Finding(finding_id, severity, title, (), "fix", "source")


def test_merge_keeps_one_finding_per_id_the_more_severe_and_the_rules_on_a_tie() -> None:
    rules = [finding("driver-too-old", W, "rule"), finding("glibc-too-old", W, "rule")]
    steps = [
        finding("driver-too-old", E, "step"),
        finding("glibc-too-old", W, "step"),
        finding("python-unsupported", W, "step"),
    ]
    merged = merge(rules, steps)
    assert [(f.id, f.title) for f in merged] == [
        ("driver-too-old", "step"),
        ("glibc-too-old", "rule"),
        ("python-unsupported", "step"),
    ]


@pytest.mark.parametrize(
    "argv",
    [
        # Python 3.7 stops at 2.11.0 and R470 at 2.14.1: a driver update brings nothing
        ("--python", "3.7", "--driver", "470.82.01", "--gpu", "GeForce RTX 3090"),
        ("--python", "3.8", "--driver", "450.80.02", "--gpu", "GeForce RTX 2080 Ti"),
        ("--python", "3.6", "--glibc", "2.17", "--driver", "470.82.01", "--gpu", "Tesla V100"),
    ],
)
def test_a_cause_that_changing_alone_brings_nothing_is_no_step_down(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    found = findings(plan(capsys, *argv))
    assert "python-unsupported" in found
    assert "driver-too-old" not in found


def test_no_python_is_advised_for_releases_without_wheels_for_the_platform(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # an Intel Mac stops at 2.16.2 whatever the Python: Python 3.9 is no step-down there
    assert (
        main(["plan", "--no-probe", "--os", "macos", "--arch", "x86_64", "--python", "3.9"]) == 10
    )
    capsys.readouterr()
    main(["plan", "--no-probe", "--os", "macos", "--arch", "x86_64", "--python", "3.9", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["tensorflow"] == "2.16.2"
    assert "python-unsupported" not in {f["id"] for f in doc["findings"]}


def test_no_python_step_down_where_the_gpu_caps_the_release_anyway(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 63) a K80 runs nothing past 2.14.1, which Python 3.9 installs: a newer Python
    # would get a CPU-only newer release, so Python is no reason to point at
    doc = plan(capsys, "--python", "3.9", "--gpu", "Tesla K80", "--driver", "470.256.02")
    assert doc["tensorflow"] == "2.14.1"
    assert "python-unsupported" not in findings(doc)


def test_a_python_step_down_names_the_pythons_of_the_newest_release_for_the_gpu(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Python 3.8 gets 2.13.1 on a K80; 2.14.1 (3.9 to 3.11) is the newest that runs on it
    doc = plan(capsys, "--python", "3.8", "--gpu", "Tesla K80", "--driver", "470.82.01")
    python = findings(doc)["python-unsupported"]
    assert "Python 3.9/3.10/3.11, for TensorFlow 2.14.1" in python["fix"]


def test_a_driver_update_for_a_kepler_gpu_stops_at_its_last_branch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 63) a K80 on R410: the update that brings CUDA 11 must stay at R470 or older,
    # the last branch that drives Kepler
    doc = plan(capsys, "--python", "3.6", "--gpu", "Tesla K80", "--driver", "410.104")
    driver = findings(doc)["driver-too-old"]
    assert "R470 or older" in driver["fix"]
