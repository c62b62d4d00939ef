"""Each planner rule, one by one, against the shipped matrix: when it fires and when it must not.

Facts are built here from the tfgpu_setup.facts dataclasses and passed through their JSON form
(Facts.from_jsonable), as a facts file from another machine would be. Values are those of real
machines: driver numbers from NVIDIA's release tables, product names as nvidia-smi prints them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pytest
from conftest import fixture_matrix

from tfgpu_setup.facts import (
    CudaInstall,
    CudnnInstall,
    Driver,
    Facts,
    Gpu,
    NvidiaWheel,
    Platform,
    PythonEnv,
    PythonInterpreter,
    TfBuildInfo,
    TfDistribution,
)
from tfgpu_setup.findings import FINDING_IDS, Finding, Severity
from tfgpu_setup.matrix.model import Matrix
from tfgpu_setup.plan import Plan
from tfgpu_setup.planner import Request, make_plan
from tfgpu_setup.planner.judge import judge_installed
from tfgpu_setup.planner.registry import RULES, rule
from tfgpu_setup.whatif import Overrides, apply_overrides, baseline_facts

VENV = "/home/ada/.venv-tf"
SITE = f"{VENV}/lib/python3.11/site-packages"
A10 = ("NVIDIA A10", "8.6", "GPU-51ae0086-e1ac-4a20-f062-9caa44e4df6d")
RTX3090 = ("NVIDIA GeForce RTX 3090", "8.6", None)
RTX5090 = ("NVIDIA GeForce RTX 5090", "12.0", None)
GTX970 = ("NVIDIA GeForce GTX 970", "5.2", None)
H100 = ("NVIDIA H100 80GB HBM3", "9.0", None)
K80 = ("Tesla K80", "3.7", None)
E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
CVD_UNSET: dict[str, str | None] = {"CUDA_VISIBLE_DEVICES": None}


@pytest.fixture(scope="module")
def matrix() -> Matrix:
    return fixture_matrix()


def facts(
    *,
    os: str = "linux",
    arch: str = "x86_64",
    glibc: str | None = "2.35",
    pythons: tuple[str, ...] = ("3.11.9",),
    driver: str | None = "550.54.15",
    cuda: str | None = "12.4",
    gpus: tuple[tuple[str, str | None, str | None], ...] = (A10,),
    container: bool = False,
    env: Mapping[str, str | None] | None = None,
    target_env: PythonEnv | None = None,
    cuda_installs: tuple[CudaInstall, ...] = (),
    cudnn: tuple[CudnnInstall, ...] = (),
    libcuda: tuple[str, ...] = (),
    mismatch: bool = False,
    kernel_module: str | None = None,
) -> Facts:
    """A machine as probe would describe it, decoded from its JSON form."""
    windows = os in ("wsl2", "windows")
    built = Facts(
        platform=Platform(
            os=os,  # type: ignore[arg-type]
            arch=arch,
            glibc=glibc if os in ("linux", "wsl2") else None,
            wsl=os == "wsl2",
            wsl_evidence=("/proc/version mentions 'microsoft-standard-WSL2'",)
            if os == "wsl2"
            else (),
            container=container,
            container_evidence=("/.dockerenv exists",) if container else (),
        ),
        driver=Driver(
            version=driver,
            cuda_version=cuda,
            source="nvml" if driver or cuda else "none",
            reason=None if driver or cuda else "NVML library not found; nvidia-smi not on PATH",
            kernel_module_version=kernel_module,
            library_version=driver,
            mismatch=mismatch,
            windows_numbering=windows,
        ),
        pythons=tuple(PythonInterpreter(v, f"/usr/bin/python{v[:4]}", "PATH") for v in pythons),
        gpus=tuple(
            Gpu(index=i, name=name, uuid=uuid, compute_capability=cc, cc_source="nvml")
            for i, (name, cc, uuid) in enumerate(gpus)
        ),
        gpus_reason=None if gpus else "NVML reported 0 devices",
        cuda=cuda_installs,
        cudnn=cudnn,
        target_env=target_env,
        libcuda=libcuda,
        env={**CVD_UNSET, **(env or {})},
    )
    return Facts.from_jsonable(built.to_jsonable())


def jetson(
    cuda: str,
    cudnn: str | None = None,
    gpu: tuple[str, str | None, str | None] = ("Orin", "8.7", None),
) -> Facts:
    """A Jetson as its probe finds it: no NVML driver, JetPack's nvcc (and cuDNN headers)."""
    return facts(
        arch="aarch64",
        driver=None,
        cuda=None,
        gpus=(gpu,),
        cuda_installs=(CudaInstall(cuda, "/usr/local/cuda/bin/nvcc", "nvcc", "nvcc --version"),),
        cudnn=(CudnnInstall(cudnn, "/usr/include/cudnn_version.h", "headers", "headers"),)
        if cudnn
        else (),
    )


def plan_of(f: Facts, matrix: Matrix, tf: str | None = None, python: str | None = None) -> Plan:
    return make_plan(f, matrix, Request(tf=tf, venv=VENV, python=python))


def only(plan: Plan, finding_id: str) -> Finding:
    hits = [f for f in plan.findings if f.id == finding_id]
    assert len(hits) == 1, [f.id for f in plan.findings]
    return hits[0]


def absent(plan: Plan, finding_id: str) -> None:
    assert finding_id not in [f.id for f in plan.findings]


def tf_env(
    path: str = "/home/ada/tf",
    dists: tuple[tuple[str, str], ...] = (("tensorflow", "2.21.0"),),
    wheels: tuple[tuple[str, str, str], ...] = (),
    build: TfBuildInfo | None = None,
) -> PythonEnv:
    site = f"{path}/lib/python3.11/site-packages"
    return PythonEnv(
        path=path,
        python_version="3.11.9",
        is_virtualenv=True,
        site_packages=site,
        nvidia_wheels=tuple(
            NvidiaWheel(name, version, (f"{site}/nvidia/{sub}/lib",))
            for name, version, sub in wheels
        ),
        tensorflow=tuple(TfDistribution(n, v) for n, v in dists),
        tf_build=build,
    )


CUDA_BUILD_221 = TfBuildInfo(
    is_cuda_build=True,
    cuda_version="12.5.1",
    cudnn_version="9",
    compute_capabilities=("sm_60", "sm_70", "sm_80", "sm_89", "compute_90"),
    source="tensorflow/python/platform/build_info.py",
)
WHEELS_221 = (
    ("nvidia-cublas-cu12", "12.5.3.2", "cublas"),
    ("nvidia-cuda-nvcc-cu12", "12.5.82", "cuda_nvcc"),
    ("nvidia-cuda-runtime-cu12", "12.5.82", "cuda_runtime"),
    ("nvidia-cudnn-cu12", "9.3.0.75", "cudnn"),
)


# ---------------------------------------------------------------------------------------------
# The registry


def test_registry_refuses_an_unknown_id() -> None:
    with pytest.raises(ValueError, match="not a public finding id"):
        rule("tensorflow-is-sad", "https://example.org")


def test_registry_refuses_a_duplicate_id() -> None:
    with pytest.raises(ValueError, match="duplicate rule id 'driver-too-old'"):
        rule("driver-too-old", "https://example.org")


def test_every_rule_is_public_and_cites_an_https_source() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r.id in FINDING_IDS
        assert r.source.startswith("https://"), r


def test_every_registered_rule_has_a_firing_test_here() -> None:
    tested = {name.removeprefix("test_fires_").replace("_", "-") for name in globals()}
    assert {r.id for r in RULES} <= tested


# ---------------------------------------------------------------------------------------------
# The machine: container, WSL, driver, GPU


def test_fires_container_gpu_not_exposed(matrix: Matrix) -> None:
    f = facts(
        driver=None, cuda=None, gpus=(), container=True, env={"NVIDIA_VISIBLE_DEVICES": "all"}
    )
    plan = plan_of(f, matrix)
    hit = only(plan, "container-gpu-not-exposed")
    assert plan.findings[0] is hit
    assert hit.severity is E
    assert "container evidence: /.dockerenv exists" in hit.evidence
    assert "--gpus all" in hit.fix
    absent(plan, "no-nvidia-driver")  # the container is the root cause, not the driver


def test_container_without_a_gpu_image_is_only_a_warning(matrix: Matrix) -> None:
    plan = plan_of(facts(driver=None, cuda=None, gpus=(), container=True), matrix)
    assert only(plan, "container-gpu-not-exposed").severity is W


def test_quiet_container_gpu_not_exposed(matrix: Matrix) -> None:
    f = facts(container=True, env={"NVIDIA_VISIBLE_DEVICES": "all"})  # started with --gpus all
    absent(plan_of(f, matrix), "container-gpu-not-exposed")


def test_a_driver_mismatch_inside_a_container_is_the_mismatch_not_the_container(
    matrix: Matrix,
) -> None:
    """nvidia-smi answering 'Driver/library version mismatch' inside the container: a driver
    library reached it (the toolkit's mount of the host's, or one installed there), so the
    container was not started without the GPU (review 64, F04)."""
    f = facts(
        driver=None,
        cuda=None,
        gpus=(),
        container=True,
        mismatch=True,
        kernel_module="515.65.01",
        env={"NVIDIA_VISIBLE_DEVICES": "all"},
    )
    plan = plan_of(f, matrix)
    assert plan.findings[0].id == "driver-library-mismatch"
    absent(plan, "container-gpu-not-exposed")


def test_a_driver_mismatch_under_wsl2_removes_the_linux_driver_inside_it(
    matrix: Matrix,
) -> None:
    """WSL 2 has no NVIDIA kernel module: NVML's mismatch there is a Linux driver's libraries
    installed inside WSL, and rebooting or reloading modules cannot help (NVIDIA's CUDA on WSL
    guide: never install a Linux driver inside WSL 2)."""
    f = facts(os="wsl2", driver=None, cuda=None, gpus=(), mismatch=True, kernel_module="560.94")
    hit = only(plan_of(f, matrix), "driver-library-mismatch")
    assert "inside WSL" in hit.fix and "wsl --shutdown" in hit.fix
    assert "rmmod" not in hit.fix and "modprobe" not in hit.fix


def test_a_wsl2_container_without_a_driver_is_the_container_not_windows(
    matrix: Matrix,
) -> None:
    """In a container on WSL 2, /usr/lib/wsl/lib arrives only with the GPU: its absence says
    nothing of the Windows driver (review 64, P18b)."""
    f = facts(
        os="wsl2",
        driver=None,
        cuda=None,
        gpus=(),
        container=True,
        env={"NVIDIA_VISIBLE_DEVICES": "all"},
    )
    plan = plan_of(f, matrix)
    assert plan.findings[0].id == "container-gpu-not-exposed"
    absent(plan, "wsl-libcuda-missing")


def test_fires_wsl_libcuda_missing(matrix: Matrix) -> None:
    plan = plan_of(facts(os="wsl2", driver=None, cuda=None, gpus=()), matrix)
    hit = only(plan, "wsl-libcuda-missing")
    assert hit.severity is E and plan.findings[0] is hit
    assert "528.33" in hit.fix and "wsl --shutdown" in hit.fix
    absent(plan, "no-nvidia-driver")


def test_quiet_wsl_libcuda_missing(matrix: Matrix) -> None:
    f = facts(os="wsl2", driver="572.16", cuda="12.8", libcuda=("/usr/lib/wsl/lib/libcuda.so.1",))
    absent(plan_of(f, matrix), "wsl-libcuda-missing")


def test_fires_no_nvidia_driver(matrix: Matrix) -> None:
    plan = plan_of(facts(driver=None, cuda=None, gpus=()), matrix)
    hit = only(plan, "no-nvidia-driver")
    assert hit.severity is E and plan.verdict == "cpu"
    assert "driver: not found (source: none)" in hit.evidence
    assert "≥ 525.60.13" in hit.fix  # the CUDA 12 floor, for TensorFlow 2.21.0


def test_quiet_no_nvidia_driver(matrix: Matrix) -> None:
    absent(plan_of(facts(), matrix), "no-nvidia-driver")


def test_fires_driver_library_mismatch(matrix: Matrix) -> None:
    f = facts(driver="580.178", cuda=None, gpus=(), mismatch=True, kernel_module="580.173.02")
    plan = plan_of(f, matrix)
    hit = only(plan, "driver-library-mismatch")
    assert plan.findings[0] is hit and hit.severity is E
    assert "kernel module: 580.173.02" in hit.evidence
    assert "user-space library: 580.178" in hit.evidence
    absent(plan, "no-nvidia-gpu")  # NVML cannot list GPUs until the reboot: not a GPU problem


def test_quiet_driver_library_mismatch(matrix: Matrix) -> None:
    absent(plan_of(facts(kernel_module="550.54.15"), matrix), "driver-library-mismatch")


def test_fires_no_nvidia_gpu(matrix: Matrix) -> None:
    plan = plan_of(facts(gpus=()), matrix)
    hit = only(plan, "no-nvidia-gpu")
    assert hit.severity is E and plan.verdict == "cpu"
    assert "GPUs: none (NVML reported 0 devices)" in hit.evidence


def test_quiet_no_nvidia_gpu(matrix: Matrix) -> None:
    absent(plan_of(facts(), matrix), "no-nvidia-gpu")


def test_fires_no_nvidia_gpu_for_another_makers_gpu_without_a_driver_stated(
    matrix: Matrix,
) -> None:
    stated = apply_overrides(
        baseline_facts(), Overrides(os="linux", gpus=("AMD Radeon RX 6800",)), matrix
    )
    plan = plan_of(stated, matrix)
    hit = only(plan, "no-nvidia-gpu")
    assert hit.severity is E and plan.verdict == "cpu"
    assert "AMD Radeon RX 6800" in hit.title and "tensorflow-rocm" in hit.fix
    # beside an NVIDIA GPU, an integrated Intel one changes nothing
    both = apply_overrides(
        baseline_facts(),
        Overrides(os="linux", gpus=("Intel UHD Graphics 630", "NVIDIA GeForce RTX 3090")),
        matrix,
    )
    absent(plan_of(both, matrix), "no-nvidia-gpu")


def test_fires_driver_too_old(matrix: Matrix) -> None:
    # R470 (CUDA 11.4): below the CUDA 12 floor 525.60.13, above the CUDA 11 floor 450.80.02.
    plan = plan_of(facts(driver="470.256.02", cuda="11.4", gpus=(RTX3090,)), matrix)
    hit = only(plan, "driver-too-old")
    assert hit.severity is W and plan.tensorflow == "2.14.1"
    assert "falls back to 2.14.1" in hit.title
    assert "TensorFlow 2.21.0 is built with CUDA 12.5: needs driver ≥ 525.60.13" in hit.evidence
    assert "525.60.13" in hit.fix


def test_driver_too_old_for_every_release_is_an_error(matrix: Matrix) -> None:
    # R418 (CUDA 10.1): only TensorFlow 2.1-2.3 would run, and they need Python <= 3.8.
    # An update mends it, so the plan is the newest release's GPU build, with it as the step.
    plan = plan_of(facts(driver="418.87.01", cuda="10.1", gpus=(RTX3090,)), matrix)
    hit = only(plan, "driver-too-old")
    assert hit.severity is E and plan.verdict == "gpu" and plan.findings[0] is hit


def test_quiet_driver_too_old(matrix: Matrix) -> None:
    absent(plan_of(facts(driver="535.104.05", cuda="12.2"), matrix), "driver-too-old")


def test_driver_too_old_is_not_advised_where_the_gpu_is_the_limit(matrix: Matrix) -> None:
    # A K80 cannot use a driver newer than R470: 2.15+ have no sm_35/sm_37 kernels anyway,
    # so "update to >= 525.60.13" would be advice that cannot be followed.
    plan = plan_of(facts(driver="470.256.02", cuda="11.4", gpus=(K80,)), matrix)
    assert plan.verdict == "gpu" and plan.tensorflow == "2.14.1"
    absent(plan, "driver-too-old")


def test_fires_windows_native_gpu_unsupported(matrix: Matrix) -> None:
    # a release asked for that has no Windows GPU build: the platform is the cause
    plan = plan_of(facts(os="windows", driver="572.16", cuda="12.8"), matrix, tf="2.15")
    hit = only(plan, "windows-native-gpu-unsupported")
    assert hit.severity is E and plan.verdict == "cpu" and plan.findings[0] is hit
    assert "WSL2" in hit.fix and "--tf 2.10" in hit.fix
    # asked for nothing, 2.10's GPU build is the plan (its Python to install first where the
    # one here is newer), and the platform's limit on newer releases a warning
    free = plan_of(facts(os="windows", driver="572.16", cuda="12.8"), matrix)
    assert (free.verdict, free.tensorflow) == ("gpu", "2.10.1")
    assert only(free, "windows-native-gpu-unsupported").severity is W


def test_quiet_windows_native_gpu_unsupported(matrix: Matrix) -> None:
    f = facts(
        os="windows",
        pythons=("3.10.11",),
        driver="572.16",
        cuda="12.8",
        cuda_installs=(CudaInstall("11.2", "C:\\CUDA\\v11.2", "toolkit", "given"),),
        cudnn=(CudnnInstall("8.1.1", "C:\\cudnn", "library", "given"),),
    )
    plan = plan_of(f, matrix, tf="2.10")
    assert plan.verdict == "gpu"
    absent(plan, "windows-native-gpu-unsupported")


def test_fires_macos_no_cuda(matrix: Matrix) -> None:
    plan = plan_of(facts(os="macos", arch="arm64", driver=None, cuda=None, gpus=()), matrix)
    hit = only(plan, "macos-no-cuda")
    # the Apple GPU through Apple's plug-in: a GPU plan, the lack of CUDA a note
    assert plan.verdict == "gpu" and hit.severity is INFO and "tensorflow-metal" in hit.title
    newest = plan_of(
        facts(os="macos", arch="arm64", driver=None, cuda=None, gpus=()), matrix, tf="2.21"
    )
    hit = only(newest, "macos-no-cuda")
    assert hit.severity is E and "tensorflow-metal" in hit.fix
    intel = plan_of(facts(os="macos", driver=None, cuda=None, gpus=()), matrix)
    # the last tensorflow-metal for Intel Macs (1.0.0) goes with 2.13; the CPU plan is 2.16.2
    assert "tensorflow-metal==1.0.0" in only(intel, "macos-no-cuda").fix
    assert intel.tensorflow == "2.16.2"


def test_quiet_macos_no_cuda(matrix: Matrix) -> None:
    absent(plan_of(facts(driver=None, cuda=None, gpus=()), matrix), "macos-no-cuda")


def test_fires_wsl_linux_driver_installed(matrix: Matrix) -> None:
    f = facts(
        os="wsl2",
        driver="572.16",
        cuda="12.8",
        kernel_module="570.124.04",
        libcuda=("/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib/wsl/lib/libcuda.so.1"),
    )
    hit = only(plan_of(f, matrix), "wsl-linux-driver-installed")
    assert hit.severity is E
    assert (
        "/usr/lib/x86_64-linux-gnu/libcuda.so.1 (a Linux driver's libcuda, found by the loader)"
        in hit.evidence
    )
    assert any("570.124.04" in e for e in hit.evidence)


def test_quiet_wsl_linux_driver_installed(matrix: Matrix) -> None:
    f = facts(os="wsl2", driver="572.16", cuda="12.8", libcuda=("/usr/lib/wsl/lib/libcuda.so.1",))
    absent(plan_of(f, matrix), "wsl-linux-driver-installed")


# ---------------------------------------------------------------------------------------------
# The environment: Python, glibc, GPU generation


def test_fires_platform_unsupported(matrix: Matrix) -> None:
    """A probed Raspberry Pi on its 32-bit OS: no release has a wheel for armv7l, and no other
    Python would change that."""
    plan = plan_of(
        facts(arch="armv7l", pythons=("3.9.2",), driver=None, cuda=None, gpus=()), matrix
    )
    hit = only(plan, "platform-unsupported")
    assert plan.findings[0] is hit and hit.severity is E
    assert plan.tensorflow is None
    assert "Linux on armv7l" in hit.title and hit.evidence[0].startswith("arch: armv7l")
    absent(plan, "python-unsupported")


def test_quiet_platform_unsupported(matrix: Matrix) -> None:
    absent(plan_of(facts(), matrix), "platform-unsupported")
    absent(plan_of(facts(arch="aarch64"), matrix), "platform-unsupported")


def test_fires_python_unsupported(matrix: Matrix) -> None:
    plan = plan_of(facts(pythons=("3.9.18",)), matrix)
    hit = only(plan, "python-unsupported")
    assert hit.severity is W and plan.tensorflow == "2.20.0"
    assert hit.evidence == ("TensorFlow 2.21.0: needs Python 3.10/3.11/3.12/3.13; found 3.9",)
    none = plan_of(facts(pythons=("3.13.1",)), matrix, tf="2.15", python="3.13")
    assert none.verdict == "none"
    assert only(none, "python-unsupported").severity is E


def test_quiet_python_unsupported(matrix: Matrix) -> None:
    absent(plan_of(facts(), matrix), "python-unsupported")


def test_fires_glibc_too_old(matrix: Matrix) -> None:
    plan = plan_of(facts(glibc="2.17"), matrix)  # CentOS 7
    hit = only(plan, "glibc-too-old")
    assert hit.severity is W and plan.tensorflow == "2.20.0"
    assert hit.evidence == ("TensorFlow 2.21.0: needs glibc ≥ 2.27, found 2.17",)
    pinned = plan_of(facts(glibc="2.17"), matrix, tf="2.21")
    assert pinned.verdict == "none" and only(pinned, "glibc-too-old").severity is E


def test_quiet_glibc_too_old(matrix: Matrix) -> None:
    absent(plan_of(facts(glibc="2.27"), matrix), "glibc-too-old")


def test_fires_compute_capability_unsupported(matrix: Matrix) -> None:
    blackwell = plan_of(facts(driver="570.133.07", cuda="12.8", gpus=(RTX5090,)), matrix, tf="2.20")
    hit = only(blackwell, "compute-capability-unsupported")
    assert hit.severity is E and blackwell.verdict == "cpu"
    assert "compute capability 12.0" in hit.evidence[0]
    assert "'tfgpu-setup plan --tf 2.21.0'" in hit.fix
    maxwell = plan_of(facts(gpus=(GTX970,)), matrix, tf="2.17")
    assert "'tfgpu-setup plan --tf 2.16.2'" in only(maxwell, "compute-capability-unsupported").fix


def test_a_blackwell_gpu_gets_2_21_with_cuda_12_8_wheels_in_its_and_cuda_ranges(
    matrix: Matrix,
) -> None:
    plan = plan_of(facts(driver="570.133.07", cuda="12.8", gpus=(RTX5090,)), matrix)
    assert plan.verdict == "gpu" and plan.tensorflow == "2.21.0"
    pins = {p.name: p.version for p in plan.packages}
    assert pins["nvidia-cublas-cu12"] == "12.8.3.14" and pins["nvidia-cudnn-cu12"] == "9.7.1.26"
    jit = only(plan, "compute-capability-ptx-jit")
    assert jit.severity is W and "jit_compile=True" in jit.fix
    absent(plan, "ptxas-newer-than-driver")  # ptxas 12.8 on an R570 driver


def test_compute_capability_unsupported_on_one_of_two_gpus_is_a_warning(matrix: Matrix) -> None:
    plan = plan_of(
        facts(driver="570.133.07", cuda="12.8", gpus=(RTX3090, RTX5090)), matrix, tf="2.20"
    )
    hit = only(plan, "compute-capability-unsupported")
    assert hit.severity is W and plan.verdict == "gpu"
    assert hit.evidence[0].startswith("GPU 1 NVIDIA GeForce RTX 5090 (compute capability 12.0)")


def test_unknown_compute_capability_is_a_warning(matrix: Matrix) -> None:
    # An old nvidia-smi cut the name short and could not report compute_cap.
    plan = plan_of(
        facts(driver="580.95.05", cuda="13.0", gpus=(("NVIDIA RTX PRO ...", None, None),)), matrix
    )
    hit = only(plan, "compute-capability-unsupported")
    assert hit.severity is W
    assert "unknown" in hit.title and "--gpu X.Y" in hit.fix


def test_compute_capability_that_limits_the_release_is_a_warning(matrix: Matrix) -> None:
    plan = plan_of(facts(gpus=(GTX970,)), matrix)
    hit = only(plan, "compute-capability-unsupported")
    assert hit.severity is W and plan.tensorflow == "2.16.2"
    assert "TensorFlow ≥ 2.17.0 has no sm_50/sm_52 kernels" in hit.title
    assert "2.16.2 is the newest for this GPU" in hit.title


def test_quiet_compute_capability_unsupported(matrix: Matrix) -> None:
    absent(plan_of(facts(gpus=(A10,)), matrix), "compute-capability-unsupported")


def test_fires_compute_capability_ptx_jit(matrix: Matrix) -> None:
    plan = plan_of(facts(gpus=(H100,)), matrix, tf="2.15")  # sm_50..sm_80 + compute_80
    hit = only(plan, "compute-capability-ptx-jit")
    assert hit.severity is W and plan.tensorflow == "2.15.1"
    assert "no native kernels for 9.0" in hit.evidence[0]


def test_a_driver_known_only_by_its_cuda_runs_another_minor_only_from_cuda_11(
    matrix: Matrix,
) -> None:
    # CUDA 10.x has no minor-version compatibility: a driver for 10.0 cannot run TF 2.3's
    # CUDA 10.1 (NVIDIA's compatibility guide); one for 11.0 runs TF 2.10's 11.2.
    from tfgpu_setup.matrix.query import release
    from tfgpu_setup.planner.evaluate import evaluate

    v100 = (("Tesla V100-SXM2-16GB", "7.0", None),)

    def blocker(driver_cuda: str, tf: str) -> str | None:
        machine = facts(driver=None, cuda=driver_cuda, pythons=("3.8.10",), gpus=v100)
        found = release(matrix, tf)
        assert found is not None
        return evaluate(found, machine, matrix, None).driver_blocker

    assert (
        blocker("10.0", "2.3.0") == "needs a driver supporting CUDA 10.1, the driver supports 10.0"
    )
    assert blocker("10.1", "2.3.0") is None
    assert blocker("11.0", "2.10.0") is None
    assert (
        blocker("10.2", "2.10.0") == "needs a driver supporting CUDA 11.x, the driver supports 10.2"
    )


def test_a_gpu_newer_than_the_releases_cuda_is_unsupported_not_jit(matrix: Matrix) -> None:
    # TF 2.3 (CUDA 10.1, compute_70 PTX) on an RTX 3090: its own kernels would JIT, but the
    # cuDNN and cuBLAS of CUDA 10.1 predate Ampere (a TF maintainer in tensorflow#42958).
    old = plan_of(facts(driver="470.82.01", pythons=("3.8.10",), gpus=(RTX3090,)), matrix, "2.3")
    hit = only(old, "compute-capability-unsupported")
    assert hit.severity is E and old.verdict == "cpu"
    # 11.0's code for 8.0 runs on 8.6 (binary compatibility within a major): 11.0 is the first
    assert "CUDA 10.1, older than CUDA 11.0, the first with code a GPU of" in hit.evidence[0]
    absent(old, "compute-capability-ptx-jit")
    # TF 2.4 carries sm_80 SASS, which runs on 8.6: no finding at all.
    new = plan_of(facts(driver="470.82.01", pythons=("3.8.10",), gpus=(RTX3090,)), matrix, "2.4")
    absent(new, "compute-capability-unsupported")
    absent(new, "compute-capability-ptx-jit")


def test_quiet_compute_capability_ptx_jit(matrix: Matrix) -> None:
    absent(plan_of(facts(gpus=(H100,)), matrix), "compute-capability-ptx-jit")  # 2.21 has sm_90


# ---------------------------------------------------------------------------------------------
# What is installed in the target environment


def test_fires_tensorflow_not_installed(matrix: Matrix) -> None:
    hit = only(plan_of(facts(target_env=tf_env(dists=())), matrix), "tensorflow-not-installed")
    assert hit.severity is INFO


def test_quiet_tensorflow_not_installed(matrix: Matrix) -> None:
    absent(plan_of(facts(target_env=tf_env()), matrix), "tensorflow-not-installed")
    absent(plan_of(facts(), matrix), "tensorflow-not-installed")


def test_fires_cpu_only_tensorflow(matrix: Matrix) -> None:
    env = tf_env(
        dists=(("tensorflow-cpu", "2.21.0"),),
        build=TfBuildInfo(is_cuda_build=False, source="build_info.py"),
    )
    hit = only(plan_of(facts(target_env=env), matrix), "cpu-only-tensorflow")
    assert hit.severity is E  # the plan will use the GPU; this install would not
    assert hit.evidence == (
        "tensorflow-cpu 2.21.0 installed",
        "build info: is_cuda_build=False (build_info.py)",
    )


def test_cpu_only_tensorflow_on_linux_aarch64(matrix: Matrix) -> None:
    plan = plan_of(facts(arch="aarch64", gpus=(("NVIDIA GH200 480GB", "9.0", None),)), matrix)
    hit = only(plan, "cpu-only-tensorflow")
    assert plan.verdict == "cpu" and plan.findings[0] is hit and hit.severity is E
    assert "aarch64" in hit.title
    assert hit.source == "https://github.com/tensorflow/tensorflow/issues/121157"


def test_quiet_cpu_only_tensorflow(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "cpu-only-tensorflow")
    # aarch64 without any NVIDIA hardware: nothing is lost by a CPU wheel
    absent(
        plan_of(facts(arch="aarch64", driver=None, cuda=None, gpus=()), matrix),
        "cpu-only-tensorflow",
    )


def test_fires_multiple_tensorflow_distributions(matrix: Matrix) -> None:
    env = tf_env(dists=(("tensorflow", "2.21.0"), ("tensorflow-cpu", "2.21.0")))
    hit = only(plan_of(facts(target_env=env), matrix), "multiple-tensorflow-distributions")
    assert hit.severity is W
    assert hit.evidence == ("tensorflow 2.21.0", "tensorflow-cpu 2.21.0")


def test_quiet_multiple_tensorflow_distributions(matrix: Matrix) -> None:
    absent(plan_of(facts(target_env=tf_env()), matrix), "multiple-tensorflow-distributions")
    # 'pip install tensorflow' on Windows is the installer wheel plus Intel's build of it
    pair = tf_env(dists=(("tensorflow", "2.15.1"), ("tensorflow-intel", "2.15.1")))
    absent(plan_of(facts(target_env=pair), matrix), "multiple-tensorflow-distributions")
    # ... but an Intel build of another version beside it is a second install
    stale = tf_env(dists=(("tensorflow", "2.15.1"), ("tensorflow-intel", "2.13.0")))
    only(plan_of(facts(target_env=stale), matrix), "multiple-tensorflow-distributions")


def test_fires_keras_backend_not_tensorflow(matrix: Matrix) -> None:
    hit = only(
        plan_of(facts(env={"KERAS_BACKEND": "torch"}), matrix), "keras-backend-not-tensorflow"
    )
    assert hit.severity is W and "PyTorch" in hit.title
    assert "KERAS_BACKEND=tensorflow" in hit.fix
    absent(
        plan_of(facts(env={"KERAS_BACKEND": "tensorflow"}), matrix), "keras-backend-not-tensorflow"
    )


def test_fires_wrong_python_environment(matrix: Matrix) -> None:
    f = facts(target_env=tf_env(), env={"VIRTUAL_ENV": "/home/ada/other"})
    hit = only(plan_of(f, matrix), "wrong-python-environment")
    assert hit.severity is W
    assert hit.evidence == ("VIRTUAL_ENV=/home/ada/other", "TensorFlow is in /home/ada/tf")


def test_quiet_wrong_python_environment(matrix: Matrix) -> None:
    f = facts(target_env=tf_env(), env={"VIRTUAL_ENV": "/home/ada/tf/"})
    absent(plan_of(f, matrix), "wrong-python-environment")


def test_fires_pip_cuda_libs_not_on_path(matrix: Matrix) -> None:
    wheels = (
        ("nvidia-cudnn-cu12", "8.9.7.29", "cudnn"),
        ("nvidia-cublas-cu12", "12.3.4.1", "cublas"),
    )
    env = tf_env(dists=(("tensorflow", "2.16.1"),), wheels=wheels)
    hit = only(plan_of(facts(target_env=env), matrix), "pip-cuda-libs-not-on-path")
    assert hit.severity is E
    assert (
        "not on LD_LIBRARY_PATH: /home/ada/tf/lib/python3.11/site-packages/nvidia/cudnn/lib"
        in hit.evidence
    )
    assert hit.source == "https://github.com/tensorflow/tensorflow/issues/63362"
    planned = only(plan_of(facts(), matrix, tf="2.16.1"), "pip-cuda-libs-not-on-path")
    assert planned.severity is INFO


def test_quiet_pip_cuda_libs_not_on_path(matrix: Matrix) -> None:
    wheels = (("nvidia-cudnn-cu12", "8.9.7.29", "cudnn"),)
    env = tf_env(dists=(("tensorflow", "2.16.1"),), wheels=wheels)
    on_path = {"LD_LIBRARY_PATH": "/home/ada/tf/lib/python3.11/site-packages/nvidia/cudnn/lib"}
    absent(plan_of(facts(target_env=env, env=on_path), matrix), "pip-cuda-libs-not-on-path")
    absent(plan_of(facts(), matrix, tf="2.16.2"), "pip-cuda-libs-not-on-path")
    # 2.12 uses the system CUDA: there are no NVIDIA wheels to put on the path
    system = facts(
        cuda_installs=(CudaInstall("11.8.89", "/usr/local/cuda-11.8", "toolkit", "version.json"),),
        cudnn=(CudnnInstall("8.6.0", "/usr/include/cudnn_version.h", "headers", "header"),),
    )
    absent(plan_of(system, matrix, tf="2.12"), "pip-cuda-libs-not-on-path")


def test_fires_cuda_libs_not_found(matrix: Matrix) -> None:
    env = tf_env(build=CUDA_BUILD_221)  # `pip install tensorflow` without [and-cuda]
    hit = only(plan_of(facts(target_env=env), matrix), "cuda-libs-not-found")
    assert hit.severity is E
    assert hit.evidence == (
        "no nvidia-*-cu12 wheels in /home/ada/tf",
        "no system CUDA 12.5.1 found",
    )


def test_a_machine_without_a_gpu_is_not_told_to_install_cuda_libraries(matrix: Matrix) -> None:
    """After a CPU-only apply there are no NVIDIA wheels, and none are planned: advising
    'apply installs the pinned NVIDIA wheels' would be wrong there."""
    env = tf_env(build=CUDA_BUILD_221)
    no_gpu = plan_of(facts(target_env=env, driver=None, cuda=None, gpus=()), matrix)
    assert no_gpu.verdict == "cpu"
    for finding_id in ("cuda-libs-not-found", "cudnn-not-found", "xla-toolchain-missing"):
        absent(no_gpu, finding_id)


def test_cuda_libs_not_found_for_a_release_that_needs_system_cuda(matrix: Matrix) -> None:
    # TensorFlow 2.3 is built with CUDA 10.1, which has no pip wheels.
    plan = plan_of(facts(pythons=("3.8.18",)), matrix, tf="2.3")
    hit = only(plan, "cuda-libs-not-found")
    assert plan.verdict == "cpu" and plan.findings[0] is hit and hit.severity is E
    assert "CUDA 10.1 and cuDNN 7.6" in hit.title
    assert "found CUDA none, cuDNN none" in hit.evidence[0]


def test_a_system_cuda_of_the_wrong_version_is_a_mismatch_not_a_missing_library(
    matrix: Matrix,
) -> None:
    f = facts(
        pythons=("3.8.18",),
        cuda_installs=(CudaInstall("12.2.140", "/usr/local/cuda-12.2", "toolkit", "json"),),
        gpus=(GTX970,),
    )
    plan = plan_of(f, matrix, tf="2.3")
    hit = only(plan, "cuda-version-mismatch")
    assert plan.findings[0] is hit and hit.severity is E
    assert "built with CUDA 10.1, but CUDA 12.2.140 is installed" in hit.title
    absent(plan, "cuda-libs-not-found")


def test_a_cuda_mismatch_under_a_release_without_kernels_for_the_gpu_comes_after_it(
    matrix: Matrix,
) -> None:
    # (review 71, tensorflow#45089) an RTX 3090 under 2.3: CUDA 10.1 installed would not run
    # it either, so the kernels come first and the mismatch is a warning
    f = facts(
        pythons=("3.8.18",),
        cuda_installs=(CudaInstall("11.1.105", "/usr/local/cuda-11.1", "toolkit", "json"),),
        gpus=(RTX3090,),
    )
    plan = plan_of(f, matrix, tf="2.3")
    assert plan.findings[0].id == "compute-capability-unsupported"
    assert only(plan, "cuda-version-mismatch").severity is W


def test_quiet_cuda_libs_not_found(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "cuda-libs-not-found")


def test_fires_cudnn_not_found(matrix: Matrix) -> None:
    wheels = (("nvidia-cuda-runtime-cu12", "12.5.82", "cuda_runtime"),)
    env = tf_env(wheels=wheels, build=CUDA_BUILD_221)
    hit = only(plan_of(facts(target_env=env), matrix), "cudnn-not-found")
    assert hit.severity is E
    assert "TensorFlow built with cuDNN 9" in hit.evidence


def test_quiet_cudnn_not_found(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "cudnn-not-found")


def test_fires_cudnn_version_mismatch(matrix: Matrix) -> None:
    wheels = (*WHEELS_221[:3], ("nvidia-cudnn-cu12", "8.9.7.29", "cudnn"))
    env = tf_env(wheels=wheels, build=CUDA_BUILD_221)
    hit = only(plan_of(facts(target_env=env), matrix), "cudnn-version-mismatch")
    assert hit.severity is E
    assert "nvidia-cudnn-cu12==8.9.7.29 in /home/ada/tf" in hit.evidence


def test_quiet_cudnn_version_mismatch(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "cudnn-version-mismatch")


def test_fires_cuda_version_mismatch(matrix: Matrix) -> None:
    wheels = (("nvidia-cuda-runtime-cu11", "11.8.89", "cuda_runtime"), *WHEELS_221[3:])
    env = tf_env(wheels=wheels, build=CUDA_BUILD_221)
    hit = only(plan_of(facts(target_env=env), matrix), "cuda-version-mismatch")
    assert hit.severity is E
    assert "TensorFlow was built with CUDA 12.5.1" in hit.title


def test_quiet_cuda_version_mismatch(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "cuda-version-mismatch")


def test_fires_xla_toolchain_missing(matrix: Matrix) -> None:
    wheels = tuple(w for w in WHEELS_221 if "nvcc" not in w[0])
    env = tf_env(wheels=wheels, build=CUDA_BUILD_221)
    hit = only(plan_of(facts(target_env=env), matrix), "xla-toolchain-missing")
    assert hit.severity is W
    assert "no nvidia-cuda-nvcc wheel in /home/ada/tf" in hit.evidence


def test_quiet_xla_toolchain_missing(matrix: Matrix) -> None:
    env = tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221)
    absent(plan_of(facts(target_env=env), matrix), "xla-toolchain-missing")


def test_fires_ptxas_newer_than_driver(matrix: Matrix) -> None:
    plan = plan_of(facts(driver="535.104.05", cuda="12.2"), matrix)
    hit = only(plan, "ptxas-newer-than-driver")
    assert hit.severity is W
    assert hit.evidence == (
        "driver supports CUDA 12.2 (nvml)",
        "plan pins nvidia-cuda-nvcc-cu12==12.5.82",
    )


def test_ptxas_newer_than_driver_when_the_driver_hides_its_cuda_version(matrix: Matrix) -> None:
    # WSL2, Windows driver 546.80, nvidia-smi prints "CUDA Version: ERR!": NVIDIA's table says
    # 546.80 runs CUDA 12.3 (>= 545.84), older than the 12.5 ptxas the plan installs.
    f = facts(
        os="wsl2",
        driver="546.80",
        cuda=None,
        gpus=(("NVIDIA GeForce RTX 3060 Laptop GPU", "8.6", None),),
    )
    hit = only(plan_of(f, matrix), "ptxas-newer-than-driver")
    assert "driver's CUDA 12.3" in hit.title


def test_quiet_ptxas_newer_than_driver(matrix: Matrix) -> None:
    absent(plan_of(facts(driver="560.35.03", cuda="12.6"), matrix), "ptxas-newer-than-driver")


def test_fires_cuda_visible_devices_hides_gpus(matrix: Matrix) -> None:
    for value in ("", "-1", "NoDevFiles"):
        hit = only(
            plan_of(facts(env={"CUDA_VISIBLE_DEVICES": value}), matrix),
            "cuda-visible-devices-hides-gpus",
        )
        assert hit.severity is E
        assert hit.title == (
            "Slurm gave this job no GPU (CUDA_VISIBLE_DEVICES=NoDevFiles)"
            if value == "NoDevFiles"
            else "CUDA_VISIBLE_DEVICES hides every GPU"
        )
    missing = only(
        plan_of(facts(env={"CUDA_VISIBLE_DEVICES": "1"}), matrix), "cuda-visible-devices-hides-gpus"
    )
    assert missing.severity is E and "do not exist" in missing.title
    two = facts(
        gpus=(A10, ("NVIDIA A10", "8.6", "GPU-0a7e4bd8-1b6e-7c0e-c2aa-fd2be4b1d4a7")),
        env={"CUDA_VISIBLE_DEVICES": "0"},
    )
    assert only(plan_of(two, matrix), "cuda-visible-devices-hides-gpus").severity is INFO


def test_cuda_visible_devices_may_mix_indices_and_uuids(matrix: Matrix) -> None:
    f = facts(env={"CUDA_VISIBLE_DEVICES": "0,GPU-51ae0086"})
    absent(plan_of(f, matrix), "cuda-visible-devices-hides-gpus")
    # CUDA shows the GPUs listed before the first entry that names none: GPU 0 stays.
    bad = facts(env={"CUDA_VISIBLE_DEVICES": "0,GPU-deadbeef"})
    assert only(plan_of(bad, matrix), "cuda-visible-devices-hides-gpus").severity is INFO
    first_bad = facts(env={"CUDA_VISIBLE_DEVICES": "GPU-deadbeef,0"})
    assert only(plan_of(first_bad, matrix), "cuda-visible-devices-hides-gpus").severity is E


def test_quiet_cuda_visible_devices_hides_gpus(matrix: Matrix) -> None:
    absent(plan_of(facts(), matrix), "cuda-visible-devices-hides-gpus")
    absent(
        plan_of(facts(env={"CUDA_VISIBLE_DEVICES": "0"}), matrix), "cuda-visible-devices-hides-gpus"
    )


def test_fires_ld_library_path_empty_entry(matrix: Matrix) -> None:
    f = facts(env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.2/lib64:"})
    hit = only(plan_of(f, matrix), "ld-library-path-empty-entry")
    assert hit.severity is W
    assert hit.evidence == ("LD_LIBRARY_PATH='/usr/local/cuda-12.2/lib64:'",)


def test_quiet_ld_library_path_empty_entry(matrix: Matrix) -> None:
    f = facts(env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.2/lib64"})
    absent(plan_of(f, matrix), "ld-library-path-empty-entry")


def test_fires_ld_library_path_shadows(matrix: Matrix) -> None:
    runtime = CudaInstall(
        "12.2.140", "/usr/local/cuda-12.2/lib64/libcudart.so.12.2.140", "runtime", "LD_LIBRARY_PATH"
    )
    f = facts(cuda_installs=(runtime,), env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.2/lib64"})
    hit = only(plan_of(f, matrix), "ld-library-path-shadows")
    assert hit.severity is W
    assert hit.evidence == (
        "/usr/local/cuda-12.2/lib64/libcudart.so.12.2.140: cuda 12.2.140 "
        "(TensorFlow 2.21.0 wants 12.5)",
    )


def test_quiet_ld_library_path_shadows(matrix: Matrix) -> None:
    runtime = CudaInstall(
        "12.6.77", "/usr/local/cuda-12.6/lib64/libcudart.so.12.6.77", "runtime", "LD_LIBRARY_PATH"
    )
    f = facts(cuda_installs=(runtime,), env={"LD_LIBRARY_PATH": "/usr/local/cuda-12.6/lib64"})
    absent(plan_of(f, matrix), "ld-library-path-shadows")


# ---------------------------------------------------------------------------------------------
# Every finding the planner can produce names its source


@pytest.mark.parametrize(
    "case",
    [
        {},
        {"driver": None, "cuda": None, "gpus": ()},
        {"os": "wsl2", "driver": None, "cuda": None, "gpus": ()},
        {"os": "windows", "driver": "572.16", "cuda": "12.8"},
        {"os": "macos", "arch": "arm64", "driver": None, "cuda": None, "gpus": ()},
        {"driver": "470.256.02", "cuda": "11.4"},
        {"gpus": (RTX3090, RTX5090)},
        {"glibc": "2.17", "pythons": ("3.9.2",)},
        {"env": {"CUDA_VISIBLE_DEVICES": "", "LD_LIBRARY_PATH": ":"}},
        {"arch": "aarch64"},
    ],
)
def test_every_finding_has_an_https_source(matrix: Matrix, case: dict[str, object]) -> None:
    plan = plan_of(facts(**case), matrix)  # type: ignore[arg-type]
    assert plan.findings
    for f in plan.findings:
        assert f.source.startswith("https://"), f
        assert f.id in FINDING_IDS and f.title and f.fix and f.evidence


def test_an_installed_2_21_with_cuda_12_5_wheels_on_a_blackwell_gpu_is_told_to_update_them(
    matrix: Matrix,
) -> None:
    installed = facts(
        driver="570.133.07",
        cuda="12.8",
        gpus=(RTX5090,),
        target_env=tf_env(wheels=WHEELS_221, build=CUDA_BUILD_221),
    )
    found = {f.id: f for f in judge_installed(installed, matrix, "2.21.0", "/home/ada/tf")}
    hit = found["cuda-version-mismatch"]
    assert hit.severity is W
    assert "nvidia-cublas-cu12==12.5.3.2 (needs ≥ 12.8.3.14)" in hit.evidence
    # On a GPU the build's CUDA knows, the same wheels are the right ones.
    ampere = dataclasses.replace(installed, gpus=facts(gpus=(RTX3090,)).gpus)
    assert "cuda-version-mismatch" not in {
        f.id for f in judge_installed(ampere, matrix, "2.21.0", "/home/ada/tf")
    }


def test_no_cuda_mismatch_for_a_release_without_a_gpu_build_on_native_windows(
    matrix: Matrix,
) -> None:
    # (review 71, tensorflow#70958) 2.16.2 on native Windows is a CPU build: the cuDNN 9.2
    # installed mismatches nothing it loads, and [and-cuda] brings nothing it uses there
    f = facts(
        os="windows",
        pythons=("3.12.4",),
        cudnn=(CudnnInstall("9.2.0", "C:\\cudnn\\bin\\cudnn64_9.dll", "library", "flag"),),
        gpus=(RTX3090,),
    )
    judged = judge_installed(f, matrix, "2.16.2", VENV)
    assert "windows-native-gpu-unsupported" in {x.id for x in judged}
    assert not {"cuda-version-mismatch", "cudnn-version-mismatch"} & {x.id for x in judged}


def test_a_blackwell_gpu_on_native_windows_is_sent_to_wsl_2_not_to_2_10(matrix: Matrix) -> None:
    # (review 71, person-autocrop#2) an RTX 5090: no native Windows GPU build runs it (2.10's
    # CUDA 11.2 predates it), WSL2's 2.21 does
    f = facts(os="windows", pythons=("3.12.4",), gpus=(RTX5090,))
    judged = {x.id: x for x in judge_installed(f, matrix, "2.20.0", VENV)}
    windows = judged["windows-native-gpu-unsupported"]
    assert windows.severity is E and "pin TensorFlow 2.10" not in windows.fix
    cc = judged["compute-capability-unsupported"]
    assert cc.severity is W and "in WSL2, TensorFlow 2.21.0 does" in cc.fix


def test_an_installed_release_without_a_wheel_for_the_stated_python_is_another_build(
    matrix: Matrix,
) -> None:
    # (review 73, transformers#36410) TensorFlow 2.18 under Python 3.13 from Arch's package:
    # it is installed, so 'no Python is supported' would deny what the machine has
    judged = {x.id: x for x in judge_installed(facts(pythons=("3.13.1",)), matrix, "2.18", VENV)}
    hit = judged["python-unsupported"]
    assert hit.severity is W and "another build" in hit.title


@pytest.mark.parametrize(
    ("gpu", "driver", "finding_id", "open_named"),
    [
        (RTX5090, "560.35.03", "driver-too-old", True),
        (RTX5090, None, "no-nvidia-driver", True),
        (RTX3090, None, "no-nvidia-driver", False),
    ],
)
def test_a_blackwell_driver_install_names_the_open_kernel_modules(
    matrix: Matrix,
    gpu: tuple[str, str | None, str | None],
    driver: str | None,
    finding_id: str,
    open_named: bool,
) -> None:
    """NVIDIA drives Blackwell only with its open kernel modules: the proprietary package of
    the same branch installs and refuses the GPU, so the driver fix names the open flavour;
    an Ampere's fix does not."""
    f = facts(driver=driver, cuda="12.6" if driver else None, gpus=(gpu,))
    hit = only(plan_of(f, matrix), finding_id)
    assert ("nvidia-driver-NNN-open" in hit.fix) is open_named


@pytest.mark.parametrize(
    ("cuda", "index", "pin"),
    [("12.2", "jp/v60", "tensorflow==2.15.0+nv24.05"), ("11.4", "jp/v512", "+nv23.06")],
)
def test_a_jetsons_cuda_names_its_jetpack_index_and_a_pinned_nvidia_build(
    matrix: Matrix, cuda: str, index: str, pin: str
) -> None:
    """Each JetPack ships one CUDA: the stated one picks NVIDIA's index, and the build is
    pinned, since with --extra-index-url alone pip may take PyPI's newer CPU-only wheel."""
    hit = only(plan_of(jetson(cuda), matrix), "cpu-only-tensorflow")
    assert index in hit.fix and pin in hit.fix


def test_a_driver_that_drives_no_gpu_here_does_not_cap_the_python_advice(
    matrix: Matrix,
) -> None:
    """R450 predates an RTX 3090: it is replaced whatever the release, so the Python to
    install is the newest release's, not the one R450's CUDA would run."""
    f = facts(driver="450.80.02", cuda="11.0", gpus=(RTX3090,), pythons=("3.8.10",))
    hit = only(plan_of(f, matrix), "python-unsupported")
    assert "2.14.1" not in hit.fix and "3.12" in hit.fix


def test_a_jetsons_cudnn_tells_jetpacks_of_one_cuda_apart(matrix: Matrix) -> None:
    """review 94: CUDA 10.2 is JetPack 4.4 to 4.6; cuDNN 8.0 is 4.4 or 4.5, where 4.6's build
    does not load, so v46's pin is not named."""
    f = jetson("10.2", "8.0.0", gpu=("Jetson Nano", "5.3", None))
    hit = only(plan_of(f, matrix), "cpu-only-tensorflow")
    assert "jp/v46" not in hit.fix and "nv21.12" not in hit.fix


def test_the_nearest_release_for_a_python_says_the_driver_it_needs(matrix: Matrix) -> None:
    """review 94 (plan): on R470, 'keep Python 3.12 with 2.16' also needs a driver for its CUDA
    12.3; saying so spares a second refusal."""
    f = facts(driver="470.256.02", cuda="11.4", gpus=(A10,), pythons=("3.12.3",))
    hit = only(plan_of(f, matrix, tf="2.14", python="3.12"), "python-unsupported")
    assert "2.16" in hit.fix and "needs a driver ≥ 525.60.13" in hit.fix


@pytest.mark.parametrize("tf", ["2.19", "2.21"])
def test_a_mac_series_apples_plug_in_skipped_names_the_release_it_serves(
    matrix: Matrix, tf: str
) -> None:
    """review 95 (plan): 2.19 has two patch releases and no tensorflow-metal pairs with either;
    the fix still names the newest release one does, as for a series of one release, and an
    Apple-silicon Mac with no NVIDIA GPU named is not told about NVIDIA GPUs."""
    f = facts(os="macos", arch="arm64", pythons=("3.12.4",), driver=None, cuda=None, gpus=())
    hit = only(plan_of(f, matrix, tf=tf, python="3.12"), "macos-no-cuda")
    assert "tensorflow-metal==" in hit.fix and "--tf 2.18" in hit.fix
    assert "NVIDIA" not in hit.title


def test_native_windows_says_its_last_gpu_build_cannot_run_a_blackwell(matrix: Matrix) -> None:
    """review 95 (plan): the finding's meaning offers 2.10 on native Windows; for an RTX 5090
    that build has no kernels, so the fix says pinning it does not reach the GPU."""
    f = facts(os="windows", glibc=None, driver="576.88", cuda="12.9", gpus=(RTX5090,))
    hit = only(plan_of(f, matrix), "windows-native-gpu-unsupported")
    assert "2.10" in hit.fix and "does not reach the GPU" in hit.fix


@pytest.mark.parametrize(("cuda", "cudnn"), [("12.6", "9.3.0"), ("11.4", "8.4.1")])
def test_a_jetsons_cuda_and_cudnn_of_no_listed_jetpack_names_no_other_jetpacks_index(
    matrix: Matrix, cuda: str, cudnn: str
) -> None:
    """review 95: JetPack 6.1's CUDA 12.6 and 5.0.2's cuDNN 8.4 are none of the JetPacks
    listed: the fix names the pair and L4T to check, never 6.0's v60 build (cuDNN 8.9), which
    does not load beside another cuDNN."""
    hit = only(plan_of(jetson(cuda, cudnn), matrix), "cpu-only-tensorflow")
    assert f"CUDA {cuda[:4]} with cuDNN {cudnn[:3]}" in hit.fix and "v60 for" not in hit.fix
