"""Whole plans for realistic machines, checked the way a CUDA expert would sign them off.

Each machine is described as the CLI's what-if flags describe it (apply_overrides on
baseline_facts, as 'plan --no-probe' does), or probed from a recorded host; each test checks
the verdict, the TensorFlow release, the Python, the exact pins, what the activate script sets,
the top finding and the reasons given. Every plan is also checked to survive its JSON form.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import fixture_matrix, recorded_host, recorded_host_names
from packaging.version import Version

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.facts import Driver, Facts, Gpu, Platform, PythonInterpreter
from tfgpu_setup.findings import Severity
from tfgpu_setup.plan import Decision, Plan
from tfgpu_setup.planner import Request, make_plan
from tfgpu_setup.probe.collect import probe
from tfgpu_setup.whatif import Overrides, apply_overrides, baseline_facts

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

VENV = "/home/ada/.venv-tf"
MATRIX = fixture_matrix()

PINS_2_21_0 = (
    "nvidia-cublas-cu12==12.5.3.2",
    "nvidia-cuda-cupti-cu12==12.5.82",
    "nvidia-cuda-nvcc-cu12==12.5.82",
    "nvidia-cuda-nvrtc-cu12==12.5.82",
    "nvidia-cuda-runtime-cu12==12.5.82",
    "nvidia-cudnn-cu12==9.3.0.75",
    "nvidia-cufft-cu12==11.2.3.61",
    "nvidia-curand-cu12==10.3.6.82",
    "nvidia-cusolver-cu12==11.6.3.83",
    "nvidia-cusparse-cu12==12.5.1.3",
    "nvidia-nccl-cu12==2.27.7",
    "nvidia-nvjitlink-cu12==12.5.82",
)
"""The lower bounds of tensorflow 2.21.0's [and-cuda] Requires-Dist (PyPI metadata)."""
LIBS_2_21_0 = (
    "cublas",
    "cuda_cupti",
    "cuda_nvrtc",
    "cuda_runtime",
    "cudnn",
    "cufft",
    "curand",
    "cusolver",
    "cusparse",
    "nccl",
    "nvjitlink",
)
"""nvidia/<folder>/lib of each pinned wheel; the nvcc wheel has no lib/ (bin/ptxas, nvvm/)."""
PINS_2_14_1 = (
    "nvidia-cuda-runtime-cu11==11.8.89",
    "nvidia-cublas-cu11==11.11.3.6",
    "nvidia-cufft-cu11==10.9.0.58",
    "nvidia-cudnn-cu11==8.7.0.84",
    "nvidia-curand-cu11==10.3.0.86",
    "nvidia-cusolver-cu11==11.4.1.48",
    "nvidia-cusparse-cu11==11.7.5.86",
    "nvidia-nccl-cu11==2.16.5",
    "nvidia-cuda-cupti-cu11==11.8.87",
    "nvidia-cuda-nvcc-cu11==11.8.89",
)
"""tensorflow 2.14.1's [and-cuda] pins, less tensorrt==8.5.3.1 (no Python 3.11 wheel, and
TensorFlow does not need it)."""
LIBS_2_14_1 = (
    "cuda_runtime",
    "cublas",
    "cufft",
    "cudnn",
    "curand",
    "cusolver",
    "cusparse",
    "nccl",
    "cuda_cupti",
)


def whatif(**flags: object) -> Facts:
    """A machine as 'tfgpu-setup plan --no-probe --os ... --driver ...' describes it."""
    return apply_overrides(baseline_facts(), Overrides(no_probe=True, **flags), MATRIX)  # type: ignore[arg-type]


def plan_for(
    facts: Facts, tf: str | None = None, gpus: str | None = None, venv: str = VENV
) -> Plan:
    plan = make_plan(facts, MATRIX, Request(tf=tf, venv=venv, gpus=gpus))
    assert Plan.from_json(plan.to_json()) == plan  # every plan here survives its JSON form
    return plan


def wheel_dirs(python: str, folders: tuple[str, ...], venv: str = VENV) -> tuple[str, ...]:
    return tuple(f"{venv}/lib/python{python}/site-packages/nvidia/{f}/lib" for f in folders)


def ptxas_dir(python: str, venv: str = VENV) -> tuple[str, ...]:
    return (f"{venv}/lib/python{python}/site-packages/nvidia/cuda_nvcc/bin",)


def nvidia_pins(plan: Plan) -> tuple[str, ...]:
    return tuple(r for r in plan.requirements if r.startswith("nvidia-"))


def decision(plan: Plan, subject: str) -> Decision:
    """The decision about `subject`; 'tensorflow X.Y.Z' also finds a 'tensorflow A to B' group."""
    for d in plan.decisions:
        if d.subject == subject:
            return d
        words = d.subject.split()
        if subject.startswith("tensorflow ") and len(words) == 4 and words[2] == "to":
            wanted = Version(subject.split()[1])
            if Version(words[1]) <= wanted <= Version(words[3]):
                return d
    raise AssertionError(f"no decision about {subject}: {[d.subject for d in plan.decisions]}")


def top(plan: Plan) -> str | None:
    return plan.findings[0].id if plan.findings else None


# ---------------------------------------------------------------------------------------------
# Linux x86_64


def test_rtx3090_on_r535_gets_2_21_with_exact_pins() -> None:
    f = whatif(
        os="linux", pythons=("3.11",), driver="535.104.05", gpus=("NVIDIA GeForce RTX 3090",)
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.11")
    assert plan.requirements == ("tensorflow==2.21.0", *PINS_2_21_0)
    assert plan.remove == ()
    assert plan.activate is not None
    assert plan.activate.library_dirs() == wheel_dirs("3.11", LIBS_2_21_0)
    assert plan.activate.bin_dirs() == ptxas_dir("3.11")
    assert plan.activate.cuda_visible_devices is None  # keeps whatever the user has
    assert plan.activate.extra == {}
    # 535.104.05 is above the CUDA 12 floor (525.60.13) but its CUDA is 12.2 < ptxas 12.5
    assert top(plan) == "ptxas-newer-than-driver"
    assert [f.severity for f in plan.findings] == [Severity.WARNING]
    assert decision(plan, "tensorflow 2.21.0").reason == "newest release whose GPU build runs here"
    assert decision(plan, "python 3.11").outcome == "chosen"
    assert [s.action for s in plan.steps] == ["create-venv", "install", "write-activate", "verify"]


def test_r470_falls_back_to_2_14_with_cuda11_pins() -> None:
    f = whatif(
        os="linux", pythons=("3.11",), driver="470.256.02", gpus=("NVIDIA GeForce RTX 3090",)
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.14.1", "3.11")
    assert plan.requirements == ("tensorflow==2.14.1", *PINS_2_14_1)
    assert plan.activate is not None
    assert plan.activate.library_dirs() == wheel_dirs("3.11", LIBS_2_14_1)
    assert plan.activate.bin_dirs() == ptxas_dir("3.11")
    assert top(plan) == "driver-too-old"
    assert plan.findings[0].severity is Severity.WARNING
    assert "falls back to 2.14.1" in plan.findings[0].title
    rejected = decision(plan, "tensorflow 2.21.0")
    assert rejected.outcome == "rejected"
    assert rejected.reason == "needs driver ≥ 525.60.13 for CUDA 12.5, found 470.256.02"
    assert decision(plan, "tensorflow 2.14.1").outcome == "chosen"


def test_r418_runs_no_release_that_installs_here() -> None:
    # R418 runs CUDA 10.1 (2.1 to 2.3, Python 3.8 at most); R525 and later drive a V100 (Volta
    # stops at R580): the plan is 2.21's GPU build, once the driver is updated
    f = whatif(os="linux", pythons=("3.11",), driver="418.87.01", gpus=("Tesla V100-SXM2-16GB",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.11")
    assert plan.requirements == ("tensorflow==2.21.0", *PINS_2_21_0)
    assert top(plan) == "driver-too-old"
    assert plan.findings[0].severity is Severity.ERROR
    assert "≥ 525.60.13" in plan.findings[0].fix
    assert decision(plan, "tensorflow 2.21.0").reason == (
        "newest release whose GPU build runs here once the driver is updated (none that installs"
        " here runs on it as it is)"
    )


def test_a_driver_update_is_capped_at_the_gpus_last_branch() -> None:
    # A K80 on R418 with Python 3.11: 2.14.1 (CUDA 11.8, sm_37 kernels) runs from R450 on, and
    # Kepler's last branch is R470: an update to R550 would leave it without a driver
    f = whatif(os="linux", pythons=("3.11",), driver="418.87.01", gpus=("Tesla K80",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.14.1")
    assert top(plan) == "driver-too-old"
    assert "≥ 450.80.02 of branch R470 or older" in plan.findings[0].fix


def test_a_driver_no_update_can_bring_keeps_the_plan_on_the_cpu() -> None:
    # Python 3.12: every release for it needs R525 or later (CUDA 12), past Kepler's last R470
    f = whatif(os="linux", pythons=("3.12",), driver="418.87.01", gpus=("Tesla K80",))
    plan = plan_for(f)
    assert (plan.verdict, plan.requirements) == ("cpu", ("tensorflow==2.21.0",))
    assert plan.activate is not None
    assert plan.activate.variables() == {"PATH": f"{VENV}/bin:$PATH"}  # the venv alone


def test_kepler_k80_stops_at_2_14() -> None:
    # R470 is the last driver branch for Kepler; 2.14.x is the last wheel with sm_35 kernels.
    f = whatif(os="linux", pythons=("3.10",), driver="470.256.02", gpus=("Tesla K80",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.14.1", "3.10")
    assert plan.requirements == ("tensorflow==2.14.1", *PINS_2_14_1)
    assert "compute capability 3.7 is not covered" in decision(plan, "tensorflow 2.15.1").reason
    assert "driver-too-old" not in [x.id for x in plan.findings]  # no driver >= 525 runs a K80
    # The GPU limits the plan (kernels sit below the toolchain in the causal layers).
    assert [x.id for x in plan.findings] == [
        "compute-capability-unsupported",
        "ptxas-newer-than-driver",
    ]


def test_a_fermi_gpu_is_told_no_build_runs_on_it() -> None:
    # TensorFlow's configure refuses compute capability below 3.0: a source build is no way out
    f = whatif(os="linux", pythons=("3.11",), driver="390.157", gpus=("2.1",))
    plan = plan_for(f)
    top = plan.findings[0]
    assert (top.id, top.severity) == ("compute-capability-unsupported", Severity.ERROR)
    assert "No TensorFlow release or source build runs" in top.fix
    assert "build TensorFlow from source" not in top.fix


def test_maxwell_gtx970_stops_at_2_16() -> None:
    f = whatif(os="linux", pythons=("3.11",), driver="550.54.15", gpus=("NVIDIA GeForce GTX 970",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.16.2", "3.11")
    assert "nvidia-cudnn-cu12==8.9.7.29" in nvidia_pins(plan)
    assert len(nvidia_pins(plan)) == 12
    assert "compute capability 5.2 is not covered" in decision(plan, "tensorflow 2.17.0").reason
    # driver 550 supports CUDA 12.4, newer than 2.16's 12.3 ptxas: only the GPU limits the plan
    assert [(x.id, x.severity) for x in plan.findings] == [
        ("compute-capability-unsupported", Severity.WARNING)
    ]


def test_rtx5090_gets_2_21_with_cuda_12_8_wheels() -> None:
    # 2.21 JIT-compiles its PTX on Blackwell (tensorflow#111958); the CUDA 12.5 libraries it
    # was built against predate those GPUs, so the plan takes 12.8 ones its ranges admit.
    f = whatif(
        os="linux", pythons=("3.12",), driver="570.133.07", gpus=("NVIDIA GeForce RTX 5090",)
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.12")
    assert "nvidia-cublas-cu12==12.8.3.14" in nvidia_pins(plan)
    assert "nvidia-cudnn-cu12==9.7.1.26" in nvidia_pins(plan)
    assert top(plan) == "compute-capability-ptx-jit"
    assert plan.findings[0].severity is Severity.WARNING
    assert "jit_compile=True" in plan.findings[0].fix
    # (review 58) Keras 3's default compiles fit with XLA: turning it off has to be said
    assert "jit_compile=False to model.compile" in plan.findings[0].fix
    before = plan_for(f, tf="2.20")
    assert (before.verdict, top(before)) == ("cpu", "compute-capability-unsupported")
    assert "compute capability 12.0" in before.findings[0].evidence[0]


def test_blackwell_minors_run_cuda_12_8s_code_as_their_major_does() -> None:
    # B300 (10.3) and GB10 (12.1) are first named by CUDA 12.9, but CUDA's binary
    # compatibility holds within a major: 12.8's cuDNN and cuBLAS code for 10.0 and 12.0 runs
    # on them, as it does on a B200 or an RTX 5090
    f = whatif(os="linux", pythons=("3.12",), driver="580.95.05", gpus=("NVIDIA B300 SXM6 AC",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.21.0")
    assert "nvidia-cudnn-cu12==9.7.1.26" in nvidia_pins(plan)
    assert top(plan) == "compute-capability-ptx-jit"
    # a DGX Spark's GB10 is an Arm system, for which PyPI has no CUDA build: that alone
    spark = plan_for(
        whatif(os="linux", pythons=("3.12",), driver="580.95.05", gpus=("NVIDIA GB10",))
    )
    assert [f.id for f in spark.findings if f.severity is Severity.ERROR] == ["cpu-only-tensorflow"]


def test_python_3_9_only_gets_2_20() -> None:
    f = whatif(os="linux", pythons=("3.9",), driver="550.54.15", gpus=("NVIDIA A10",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.20.0", "3.9")
    assert "nvidia-cudnn-cu12==9.3.0.75" in nvidia_pins(plan)
    assert plan.activate is not None
    assert plan.activate.library_dirs()[0] == (
        f"{VENV}/lib/python3.9/site-packages/nvidia/cublas/lib"
    )
    assert decision(plan, "tensorflow 2.21.0").reason == (
        "needs Python 3.10/3.11/3.12/3.13; found 3.9"
    )
    assert top(plan) == "python-unsupported"


def test_glibc_2_17_gets_2_20() -> None:
    f = whatif(
        os="linux", pythons=("3.11",), glibc="2.17", driver="550.54.15", gpus=("NVIDIA A10",)
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.20.0")
    assert decision(plan, "tensorflow 2.21.0").reason == "needs glibc ≥ 2.27, found 2.17"
    assert top(plan) == "glibc-too-old"


def test_tf_2_16_1_needs_the_wheel_folders_on_ld_library_path() -> None:
    f = whatif(os="linux", pythons=("3.11",), driver="550.54.15", gpus=("NVIDIA A10",))
    plan = plan_for(f, tf="2.16.1")
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.16.1")
    assert "nvidia-cudnn-cu12==8.9.7.29" in nvidia_pins(plan)
    assert plan.activate is not None
    assert plan.activate.library_dirs() == wheel_dirs("3.11", LIBS_2_21_0)
    assert top(plan) == "pip-cuda-libs-not-on-path"
    assert plan.findings[0].severity is Severity.INFO
    assert decision(plan, "tensorflow 2.16.1").reason.startswith("matches --tf 2.16.1; ")


def test_hopper_h100_on_2_15_jit_compiles_ptx() -> None:
    f = whatif(os="linux", pythons=("3.11",), driver="550.54.15", gpus=("NVIDIA H100 80GB HBM3",))
    plan = plan_for(f, tf="2.15")
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.15.1")
    assert "nvidia-cudnn-cu12==8.9.4.25" in nvidia_pins(plan)  # 2.15's [and-cuda] pin
    assert top(plan) == "compute-capability-ptx-jit"


def test_two_gpus_one_unsupported_keeps_the_supported_one_in_pci_order() -> None:
    f = whatif(
        os="linux",
        pythons=("3.11",),
        driver="570.133.07",
        gpus=("NVIDIA GeForce RTX 3090", "NVIDIA GeForce GTX 970"),
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.21.0")
    assert plan.activate is not None
    assert plan.activate.cuda_visible_devices == "0"
    # CUDA's default order is fastest first; index 0 is nvidia-smi's, PCI order.
    assert plan.activate.extra == {"CUDA_DEVICE_ORDER": "PCI_BUS_ID"}
    assert top(plan) == "compute-capability-unsupported"
    assert plan.findings[0].severity is Severity.WARNING


def test_two_gpus_with_uuids_select_by_uuid() -> None:
    f = Facts(
        platform=Platform(os="linux", arch="x86_64", glibc="2.35"),
        driver=Driver("570.133.07", "12.8", "nvml"),
        pythons=(PythonInterpreter("3.12.3", "/usr/bin/python3.12", "PATH"),),
        gpus=(
            Gpu(
                0,
                "NVIDIA GeForce GTX 970",
                "GPU-2f1c7e0a-5b0d-4c1e-9a57-0f3c8d2e6b11",
                None,
                "5.2",
            ),
            Gpu(
                1,
                "NVIDIA GeForce RTX 4090",
                "GPU-8a4d2c6e-13f7-4b2a-8e0c-7d5f1a9b3c22",
                None,
                "8.9",
            ),
        ),
    )
    plan = plan_for(f)
    assert plan.activate is not None
    assert plan.activate.cuda_visible_devices == "GPU-8a4d2c6e-13f7-4b2a-8e0c-7d5f1a9b3c22"
    assert plan.activate.extra == {}  # UUIDs do not depend on the enumeration order
    # A second host of the same machine type (its evaluation is remembered) keeps its own UUID.
    other = dataclasses.replace(
        f,
        gpus=tuple(
            dataclasses.replace(g, uuid=g.uuid[:-4] + "ffff") if g.uuid else g for g in f.gpus
        ),
    )
    second = plan_for(other)
    assert second.activate is not None
    assert second.activate.cuda_visible_devices == "GPU-8a4d2c6e-13f7-4b2a-8e0c-7d5f1a9bffff"


def test_container_without_gpu_access() -> None:
    f = whatif(
        os="linux",
        pythons=("3.11",),
        container=True,
        driver="none",
        env={"NVIDIA_VISIBLE_DEVICES": "all"},
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("cpu", "2.21.0")
    assert top(plan) == "container-gpu-not-exposed"
    assert plan.findings[0].severity is Severity.ERROR
    assert "no-nvidia-driver" not in [x.id for x in plan.findings]


def test_a_container_that_states_nothing_about_the_driver_still_gets_a_gpu_plan() -> None:
    """Unknown is not absent: the same container, driver not stated, plans for the GPU and
    asks to confirm the driver instead of blaming the container."""
    f = whatif(os="linux", pythons=("3.11",), container=True, env={"NVIDIA_VISIBLE_DEVICES": "all"})
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.21.0")
    assert [f.severity for f in plan.findings if f.severity is Severity.ERROR] == []
    assert {a.fact for a in plan.assumptions} >= {"driver", "gpus"}


def test_aarch64_pypi_wheels_are_cpu_only() -> None:
    f = whatif(
        os="linux",
        arch="aarch64",
        pythons=("3.12",),
        driver="550.54.15",
        gpus=("NVIDIA GH200 480GB",),
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("cpu", "2.21.0")
    assert plan.requirements == ("tensorflow==2.21.0",)
    assert top(plan) == "cpu-only-tensorflow"
    assert plan.findings[0].severity is Severity.ERROR
    assert "Linux on Arm (aarch64) has no CUDA support" in plan.findings[0].title


@pytest.mark.parametrize(("arch", "label"), [("armv7l", "armv7l"), ("i686", "32-bit x86")])
def test_a_machine_without_tensorflow_wheels_is_named_not_planned_as_x86_64(
    arch: str, label: str
) -> None:
    """A Raspberry Pi's 32-bit OS or a 32-bit PC: no release has a wheel there, so the plan
    says so instead of pinning x86_64's wheels or blaming a Python that would not help."""
    f = whatif(os="linux", arch=arch, pythons=("3.11",))
    plan = plan_for(f)
    assert plan.tensorflow is None
    assert [x.id for x in plan.findings if x.severity is Severity.ERROR] == ["platform-unsupported"]
    assert f"Linux on {label}" in plan.findings[0].title
    # the same machine under WSL 2 has no wheels either
    wsl = plan_for(whatif(os="wsl2", arch=arch, pythons=("3.11",)))
    assert wsl.tensorflow is None and wsl.findings[0].id == "platform-unsupported"


def test_a_facts_document_s_machine_name_is_read_as_uname_spells_it() -> None:
    """'AMD64' (Windows' and Ansible's spelling) is x86_64, not a machine without wheels."""
    f = Facts(
        platform=Platform(os="linux", arch="AMD64", glibc="2.35"),
        driver=Driver("570.133.07", "12.8", "nvml"),
        pythons=(PythonInterpreter("3.12.3", "/usr/bin/python3.12", "PATH"),),
        gpus=(Gpu(0, "NVIDIA GeForce RTX 4090", None, None, "8.9"),),
    )
    assert plan_for(f).tensorflow == "2.21.0"


def test_an_old_release_on_aarch64_still_names_its_python() -> None:
    """aarch64 has wheels, just not of 2.0: the release is what to change (the one the
    finding names), and the Python that release would need is said too."""
    plan = plan_for(whatif(os="linux", arch="aarch64", pythons=("3.11",)), tf="2.0")
    assert plan.tensorflow is None
    first = plan.findings[0]
    assert first.id == "platform-unsupported" and "any release" not in first.title
    assert "TensorFlow 2.0 has no wheel for Linux on aarch64" in first.title
    assert "python-unsupported" in [x.id for x in plan.findings]


def test_tensorflow_2_12_uses_the_system_cuda_it_was_built_for() -> None:
    with_cuda = whatif(
        os="linux",
        pythons=("3.11",),
        driver="550.54.15",
        gpus=("NVIDIA A10",),
        cuda_toolkit="11.8",
        cudnn="8.6.0",
    )
    plan = plan_for(with_cuda, tf="2.12")
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.12.1")
    assert plan.requirements == ("tensorflow==2.12.1",)  # no NVIDIA wheels before 2.14
    assert plan.activate is not None
    assert plan.activate.library_dirs() == ("/usr/local/cuda-11.8/lib64",)
    assert plan.activate.bin_dirs() == ("/usr/local/cuda-11.8/bin",)
    assert plan.activate.xla_value() == "--xla_gpu_cuda_data_dir=/usr/local/cuda-11.8"
    assert "nvidia wheels" not in [d.subject for d in plan.decisions]
    assert "pip-cuda-libs-not-on-path" not in [x.id for x in plan.findings]
    stated_none = whatif(
        os="linux",
        pythons=("3.11",),
        driver="550.54.15",
        gpus=("NVIDIA A10",),
        cuda_toolkit="none",
        cudnn="none",
    )
    without = plan_for(stated_none, tf="2.12")
    # Without a system CUDA 11, NVIDIA's cu11 pip wheels stand in for it.
    assert without.verdict == "gpu" and "nvidia-cudnn-cu11==8.6.0.163" in without.requirements


# ---------------------------------------------------------------------------------------------
# WSL2, Windows, macOS


def test_wsl2_with_windows_driver_572() -> None:
    f = whatif(
        os="wsl2", pythons=("3.12",), driver="572.16", gpus=("NVIDIA GeForce RTX 4060 Laptop GPU",)
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.12")
    assert plan.requirements == ("tensorflow==2.21.0", *PINS_2_21_0)
    assert plan.activate is not None
    assert plan.activate.library_dirs() == (
        *wheel_dirs("3.12", LIBS_2_21_0),
        "/usr/lib/wsl/lib",
    )
    assert plan.activate.bin_dirs() == ptxas_dir("3.12")
    assert top(plan) is None  # 572.16 runs CUDA 12.8


def test_wsl2_with_windows_driver_527_is_below_the_cuda12_floor() -> None:
    f = whatif(os="wsl2", pythons=("3.10",), driver="527.56", gpus=("NVIDIA GeForce RTX 3060",))
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.14.1", "3.10")
    assert plan.requirements == ("tensorflow==2.14.1", *PINS_2_14_1)
    assert plan.activate is not None
    assert plan.activate.library_dirs()[-1] == "/usr/lib/wsl/lib"
    assert top(plan) == "driver-too-old"
    assert "528.33" in plan.findings[0].fix and "on the Windows host" in plan.findings[0].fix
    assert decision(plan, "tensorflow 2.21.0").reason == (
        "needs driver ≥ 528.33 for CUDA 12.5, found 527.56"
    )


def test_native_windows_has_no_gpu_build_after_2_10() -> None:
    f = whatif(os="windows", pythons=("3.11",), driver="572.16", gpus=("NVIDIA GeForce RTX 3060",))
    # asked for 2.21, it is a CPU build there
    plan = plan_for(f, tf="2.21", venv="C:\\Users\\ada\\venv-tf")
    assert (plan.verdict, plan.tensorflow) == ("cpu", "2.21.0")
    assert top(plan) == "windows-native-gpu-unsupported"
    assert plan.findings[0].severity is Severity.ERROR
    # asked for nothing, 2.10.1's GPU build with Python 3.10 to install first
    free = plan_for(f, venv="C:\\Users\\ada\\venv-tf")
    assert (free.verdict, free.tensorflow, free.python) == ("gpu", "2.10.1", "3.10")
    assert top(free) == "python-unsupported"


def test_native_windows_tf_2_10_needs_cuda_11_2_and_cudnn_8_1() -> None:
    base = dict(os="windows", pythons=("3.10",), driver="572.16", gpus=("NVIDIA GeForce RTX 3060",))
    venv = "C:\\Users\\ada\\venv-tf"
    unstated = plan_for(whatif(**base), tf="2.10", venv=venv)
    assert (unstated.verdict, unstated.tensorflow) == ("gpu", "2.10.1")
    assert "cuda" in [a.fact for a in unstated.assumptions]  # to confirm, not an error
    alone = plan_for(whatif(**base, cuda_toolkit="none", cudnn="none"), tf="2.10", venv=venv)
    # the GPU build, once CUDA 11.2 and cuDNN 8.1 are installed: the error to mend first
    assert (alone.verdict, alone.tensorflow) == ("gpu", "2.10.1")
    assert top(alone) == "cuda-libs-not-found"  # not "no GPU on Windows": 2.10 has one
    old_cudnn = plan_for(whatif(**base, cuda_toolkit="11.2", cudnn="8.0.5"), tf="2.10", venv=venv)
    # TensorFlow refuses a cuDNN minor below its build's
    assert top(old_cudnn) == "cudnn-version-mismatch"
    plan = plan_for(whatif(**base, cuda_toolkit="11.2", cudnn="8.1.1"), tf="2.10", venv=venv)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.10.1", "3.10")
    # (NumPy held below 1.24: 2.10 asks only for >= 1.20 and does not import with later ones)
    assert plan.requirements == ("tensorflow==2.10.1", "numpy==1.23.5")
    assert plan.activate is not None
    cuda = "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v11.2"
    assert plan.activate.library_dirs() == ()  # Windows loads DLLs from PATH
    assert plan.activate.bin_dirs() == (f"{cuda}\\bin",)
    assert top(plan) is None


def test_macos_arm64_has_no_cuda_and_reaches_its_gpu_through_metal() -> None:
    # Apple's plug-in pairs with 2.18 at the newest: the GPU plan is that release with it
    plan = plan_for(whatif(os="macos", arch="arm64", pythons=("3.12",)))
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.18.1")
    assert plan.requirements == ("tensorflow==2.18.1", "tensorflow-metal==1.2.0")
    assert top(plan) == "macos-no-cuda" and plan.findings[0].severity.value == "info"
    assert plan.activate is not None and plan.activate.ld_library_path == ()
    # past the plug-in's Pythons (1.1.0 has no cp312) a newer pairing is the plan
    older = plan_for(whatif(os="macos", arch="arm64", pythons=("3.12",)), tf="2.17")
    assert older.verdict == "cpu"


# ---------------------------------------------------------------------------------------------
# Recorded hosts, end to end


RECORDED = {
    "driver-library-mismatch-580": ("cpu", "driver-library-mismatch"),
    "linux-a10-r550": ("gpu", "ptxas-newer-than-driver"),
    "linux-cuda-toolkit": ("cpu", "no-nvidia-driver"),
    "linux-r331-gtx680-kepler": ("cpu", "driver-too-old"),
    "mig-a100": ("gpu", "ptxas-newer-than-driver"),
    "no-gpu-no-driver": ("cpu", "no-nvidia-driver"),
    "nvml-timeout": ("gpu", "ptxas-newer-than-driver"),
    "r470-old-smi": ("gpu", "compute-capability-unsupported"),
    "venv-and-cuda": ("cpu", "no-nvidia-driver"),
    "wsl2-r545-cuda-err": ("gpu", "ptxas-newer-than-driver"),
    "wsl2-r570-rtx4060": ("gpu", None),
}


def test_every_recorded_host_has_an_expected_plan() -> None:
    assert sorted(RECORDED) == recorded_host_names()


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_recorded_host_end_to_end(name: str) -> None:
    facts = probe(recorded_host(name))
    plan = plan_for(facts)
    verdict, first = RECORDED[name]
    assert (plan.verdict, top(plan)) == (verdict, first)
    assert plan.tensorflow == "2.21.0"
    if verdict == "gpu":
        assert plan.requirements == ("tensorflow==2.21.0", *PINS_2_21_0)
        assert plan.activate is not None and plan.activate.library_dirs()[:1] == (
            f"{VENV}/lib/python{plan.python}/site-packages/nvidia/cublas/lib",
        )
    else:
        assert plan.requirements == ("tensorflow==2.21.0",)


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_recorded_facts_round_trip_through_json(name: str) -> None:
    facts = probe(recorded_host(name))
    assert Facts.from_json(facts.to_json()) == facts


def test_wsl2_r545_takes_the_cuda_version_from_the_table_when_smi_says_err() -> None:
    plan = plan_for(probe(recorded_host("wsl2-r545-cuda-err")))
    assert plan.findings[0].title.startswith("ptxas 12.5.82 is newer than the driver's CUDA 12.3")
    assert plan.activate is not None and plan.activate.library_dirs()[-1] == "/usr/lib/wsl/lib"


def test_mig_a100_selects_a_mig_device_by_uuid() -> None:
    facts = probe(recorded_host("mig-a100"))
    mig = "MIG-ce861fb0-a248-58ce-a9a8-f9adbc22a66a"
    plan = plan_for(facts, gpus=mig)
    assert plan.activate is not None
    assert plan.activate.cuda_visible_devices == mig
    assert plan.activate.extra == {}
    by_index = plan_for(facts, gpus="1,2")
    assert by_index.activate is not None
    assert by_index.activate.cuda_visible_devices == "1,2"
    assert by_index.activate.extra == {"CUDA_DEVICE_ORDER": "PCI_BUS_ID"}


@pytest.mark.parametrize(
    ("selection", "named"),
    [
        ("MIG-00000000-0000-0000-0000-000000000000", "MIG-00000000-0000-0000-0000-000000000000"),
        ("GPU-ffffffff", "GPU-ffffffff"),
        ("4", "gpus 4: no such GPU; this machine has 4 (0..3)"),
    ],
)
def test_mig_a100_refuses_a_device_it_does_not_have(selection: str, named: str) -> None:
    facts = probe(recorded_host("mig-a100"))
    with pytest.raises(UserError) as caught:
        make_plan(facts, MATRIX, Request(venv=VENV, gpus=selection))
    assert caught.value.code is ExitCode.INPUT
    assert named in caught.value.message


def test_tensorflow_and_tensorflow_cpu_in_the_plan_venv_are_all_reinstalled() -> None:
    venv = "/home/ada/tf-mixed"
    facts = probe(recorded_host("venv-and-cuda"), venv)
    gpu = apply_overrides(
        facts, Overrides(driver="550.54.15", gpus=("NVIDIA GeForce RTX 4090",)), MATRIX
    )
    plan = plan_for(gpu, venv=venv)
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.11")
    assert "multiple-tensorflow-distributions" in [x.id for x in plan.findings]
    # Both own tensorflow/: removing only tensorflow-cpu would delete files tensorflow 2.21.0
    # owns, and pip would then call tensorflow==2.21.0 "already satisfied".
    assert plan.remove == ("tensorflow", "tensorflow-cpu")
    actions = [s.action for s in plan.steps]
    assert actions.index("uninstall") < actions.index("install")
    assert plan.activate is not None
    assert plan.activate.library_dirs() == wheel_dirs("3.11", LIBS_2_21_0, venv)
    elsewhere = plan_for(gpu)  # a different target venv: nothing to remove there
    assert elsewhere.remove == ()


def test_the_same_facts_planned_here_and_from_a_facts_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)
    for name in ("linux-a10-r550", "wsl2-r570-rtx4060", "venv-and-cuda"):
        facts = probe(recorded_host(name))
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(facts.to_jsonable(), indent=2))  # what 'probe --json' prints
        code = main(["plan", "--facts", str(path), "--venv", VENV, "--json"])
        document = json.loads(capsys.readouterr().out)
        request = Request(venv=VENV, sources={"venv": "flag --venv"})
        expected = make_plan(facts, MATRIX, request)
        assert document == expected.to_jsonable()
        assert code == (0 if expected.verdict == "gpu" else 10)
        assert Plan.from_json(json.dumps(document)) == expected


def test_replanning_an_existing_env_keeps_its_python_and_removes_conflicts():
    """Re-planning .venv-tf (Python 3.11, tensorflow-cpu inside) on a machine whose newest
    Python is 3.13: reuse 3.11 rather than force a rebuild, and remove tensorflow-cpu."""
    from tfgpu_setup.facts import PythonEnv, TfBuildInfo, TfDistribution

    venv = "/home/ada/.venv-tf"
    facts = Facts(
        platform=Platform(os="linux", arch="x86_64", glibc="2.35"),
        driver=Driver("550.127.05", "12.4", "nvml"),
        pythons=tuple(
            PythonInterpreter(v, f"/usr/bin/python{v[:4]}", "PATH")
            for v in ("3.13.0", "3.12.3", "3.11.9")
        ),
        gpus=(Gpu(0, "NVIDIA A10", compute_capability="8.6"),),
        target_env=PythonEnv(
            path=venv,
            python_version="3.11.9",
            is_virtualenv=True,
            tensorflow=(TfDistribution("tensorflow-cpu", "2.21.0"),),
            tf_build=TfBuildInfo(is_cuda_build=False, source="build_info.py"),
        ),
    )
    plan = make_plan(facts, MATRIX, Request(venv=venv))
    assert (plan.verdict, plan.tensorflow, plan.python) == ("gpu", "2.21.0", "3.11")
    assert plan.remove == ("tensorflow-cpu",)
    assert [s.action for s in plan.steps][:3] == ["create-venv", "uninstall", "install"]
    assert any(f.id == "cpu-only-tensorflow" for f in plan.findings)


def test_a_kepler_beside_a_newer_gpu_on_r470_is_given_the_choice_not_an_impossible_driver() -> None:
    """A Tesla K40c and an RTX 3090 on R470: CUDA 12 needs R525, and Kepler ends at R470, so
    'update to 525.60.13 of branch R470 or older' named no driver there is (review 65, L81,
    laptops P17): keep R470 and 2.14.1 for both, or update and leave the K40c without one."""
    f = whatif(
        os="linux",
        arch="x86_64",
        pythons=("3.11",),
        driver="470.256.02",
        gpus=("Tesla K40c", "NVIDIA GeForce RTX 3090"),
    )
    plan = plan_for(f)
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.14.1")
    driver = next(x for x in plan.findings if x.id == "driver-too-old")
    assert "of branch R470 or older" not in driver.fix
    assert driver.fix.startswith("Keep this driver for the Tesla K40c")
    assert "leaving the Tesla K40c without a driver" in driver.fix


def test_an_intel_mac_with_an_amd_gpu_reaches_it_through_metal() -> None:
    # (review 73, and review 72's p2b) tensorflow-metal 1.0.0, the last with Intel-Mac wheels,
    # goes with 2.13 and runs on AMD GPUs: a GPU plan, where the fix pointed back to itself
    plan = plan_for(
        whatif(os="macos", arch="x86_64", pythons=("3.10",), gpus=("AMD Radeon Pro 5500M",))
    )
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.13.1")
    assert plan.requirements == ("tensorflow==2.13.1", "tensorflow-metal==1.0.0")
    # an Intel GPU, or none named, is no route for it
    intel = plan_for(whatif(os="macos", arch="x86_64", pythons=("3.10",)))
    assert intel.verdict == "cpu"
