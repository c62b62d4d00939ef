"""doctor: facts + logs + verify -> one verdict, root cause first; the report is redacted."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from conftest import fixture_matrix, recorded_host

from tfgpu_setup.cli import main
from tfgpu_setup.diagnose.doctor import diagnose
from tfgpu_setup.diagnose.report import Redaction, render_report
from tfgpu_setup.errors import ExitCode
from tfgpu_setup.facts import FACT_NAMES
from tfgpu_setup.findings import Finding, Severity, merge
from tfgpu_setup.probe.collect import probe

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

LOGS = Path(__file__).parent / "fixtures" / "logs"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_a_pasted_log_alone_names_the_cause_and_exits_as_failed_work(capsys):
    code, doc = run_cli(
        capsys, "doctor", "--log", str(LOGS / "cudnn-mismatch-910-vs-930-dnn-init-failed.log")
    )
    # the DNN library starts for work on a GPU device: the device existed, its cuDNN failed
    assert code == ExitCode.TF_BROKEN
    assert doc["gpu_used"] == "no" and doc["verdict"].startswith("TensorFlow reached the GPU")
    assert doc["findings"][0]["id"] == "cudnn-version-mismatch"
    assert "9.1.0" in doc["verdict"] and "9.3.0" in doc["verdict"]
    # A pasted log is never mixed with this machine's facts: what it shows is all that is known.
    facts = doc["facts"]
    assert set(facts["unknown"]) == set(FACT_NAMES) - {"cudnn"}
    assert facts["cudnn"] == [
        {"version": "9.1.0", "path": "(loaded, per the log)", "kind": "library", "source": "log"}
    ]


def test_a_working_gpu_log_gives_a_clean_bill_of_health(capsys):
    code, doc = run_cli(capsys, "doctor", "--log", str(LOGS / "works-tesla-p40-numa.log"))
    assert code == ExitCode.OK
    assert doc["gpu_used"] == "yes"
    assert {f["severity"] for f in doc["findings"]} <= {"info"}


def test_log_with_what_if_facts_ranks_the_driver_before_its_consequences(capsys):
    def diagnose(*facts: str) -> tuple[int, list[str], dict]:
        code, doc = run_cli(
            capsys,
            "doctor",
            "--log",
            str(LOGS / "no-device-kernel-driver-not-running.log"),
            "--os",
            "linux",
            "--python",
            "3.11",
            *facts,
        )
        return code, [f["id"] for f in doc["findings"]], doc

    # TensorFlow names the host 16c54693e7f2, a container's id: the host under it has no
    # driver loaded, most likely a node without a GPU, since nobody stated one
    code, ids, doc = diagnose()
    assert ids[0] == "no-nvidia-gpu"
    assert doc["findings"][0]["title"].startswith("The host running this container has no NVIDIA")
    assert ids.count("no-nvidia-gpu") == 1, "one finding per id after merging"
    assert code == ExitCode.CPU_ONLY
    # with a GPU stated, the host's driver is what is missing
    code, ids, doc = diagnose("--gpu", "Tesla T4")
    assert ids[0] == "no-nvidia-driver"
    assert ids.count("no-nvidia-driver") == 1, "one finding per id after merging"


def test_little_evidence_still_names_a_likely_cause_and_how_to_confirm(capsys, tmp_path):
    log = tmp_path / "run.log"
    log.write_text("Epoch 1/10\n100/100 [======] - 40s 400ms/step - loss: 0.31\n")
    code, doc = run_cli(capsys, "doctor", "--log", str(log))
    assert doc["gpu_used"] == "unknown"
    assert any("nvidia-smi" in step for step in doc["next_steps"])
    assert any("TF_CPP_MAX_VLOG_LEVEL=3" in step for step in doc["next_steps"])
    assert code == ExitCode.CPU_ONLY


def test_steps_to_confirm_use_windows_own_commands_on_windows(capsys, tmp_path):
    """tensorflow#20882 (verbatim): a bare 'DLL load failed' on Windows. ls of Linux's library
    folders and a POSIX variable prefix are no use there."""
    log = tmp_path / "run.log"
    log.write_text("ImportError: DLL load failed: The specified module could not be found.\n")
    _code, doc = run_cli(capsys, "doctor", "--log", str(log), "--no-probe", "--os", "windows")
    steps = " ".join(doc["next_steps"])
    assert "where cudnn64_*.dll" in steps and "set TF_CPP_MIN_LOG_LEVEL=0" in steps
    assert "/usr/lib" not in steps and "TF_CPP_MIN_LOG_LEVEL=0 TF_CPP" not in steps
    _code, linux = run_cli(capsys, "doctor", "--log", str(log), "--no-probe", "--os", "linux")
    assert "TF_CPP_MIN_LOG_LEVEL=0 TF_CPP_MAX_VLOG_LEVEL=3" in " ".join(linux["next_steps"])


def test_to_confirm_asks_only_for_facts_that_could_change_the_named_cause(capsys, tmp_path):
    # TF 1.13 looks for CUDA 10.0 and the reporter has 10.1 (a common report with TF 1.13):
    # the driver, the GPU and the Python cannot explain an import-time soname mismatch.
    log = tmp_path / "run.log"
    log.write_text(
        "ImportError: libcublas.so.10.0: cannot open shared object file: "
        "No such file or directory\n"
    )
    flags = ("doctor", "--log", str(log), "--no-probe", "--tf", "1.13", "--os", "linux")
    _code, mismatch = run_cli(capsys, *flags, "--cuda-toolkit", "10.1")
    assert mismatch["findings"][0]["id"] == "cuda-version-mismatch"
    assert not any(
        "--driver" in s or "--gpu" in s or "--python" in s for s in mismatch["next_steps"]
    )
    # Without the toolkit, 10.1 beside 1.13 makes another CUDA the likely cause, but only the
    # toolkit settles it: ask for it.
    _code, missing = run_cli(capsys, *flags)
    assert missing["findings"][0]["id"] == "cuda-version-mismatch"
    assert any("--cuda-toolkit" in step for step in missing["next_steps"])
    assert not any("--python" in step for step in missing["next_steps"])


def test_log_from_stdin(capsys, monkeypatch):
    import io

    text = (LOGS / "kernel-dso-mismatch-352-361.log").read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    _code, doc = run_cli(capsys, "doctor", "--log", "-")
    assert doc["findings"][0]["id"] == "driver-library-mismatch"


def test_unreadable_log_is_one_line_input_error(capsys, tmp_path):
    code = main(["doctor", "--log", str(tmp_path / "missing.log")])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT
    assert "missing.log" in err and "Traceback" not in err


def test_recorded_mismatch_host_diagnosis_puts_the_mismatch_first():
    facts = probe(recorded_host("driver-library-mismatch-580"))
    diagnosis = diagnose(fixture_matrix(), facts, "/tmp/env")
    assert diagnosis.findings[0].id == "driver-library-mismatch"
    assert diagnosis.gpu_used == "no"
    assert "reboot" in diagnosis.verdict.lower()


def test_merge_keeps_one_finding_per_id_with_the_worst_severity_and_all_evidence():
    warn = Finding("cudnn-not-found", Severity.WARNING, "w", ("a",), "fix w", "src")
    err = Finding("cudnn-not-found", Severity.ERROR, "e", ("b",), "fix e", "src")
    noise = Finding("benign-log-noise", Severity.INFO, "n", ("c",), "none", "src")
    driver = Finding("no-nvidia-driver", Severity.ERROR, "d", ("d",), "fix d", "src")
    merged = merge((warn, noise), (err, driver))
    assert [f.id for f in merged] == ["no-nvidia-driver", "cudnn-not-found", "benign-log-noise"]
    assert merged[1].severity == Severity.ERROR and merged[1].evidence == ("b", "a")


def test_report_is_redacted_by_default(tmp_path, capsys):
    report = tmp_path / "report.md"
    host = recorded_host("mig-a100")
    facts_file = tmp_path / "host.json"
    facts_file.write_text(probe(host).to_json())
    code = main(["doctor", "--facts", str(facts_file), "--report", str(report), "--no-verify"])
    text = report.read_text()
    assert code in (ExitCode.OK, ExitCode.CPU_ONLY)
    assert "GPU-<redacted>" in text
    assert not any(
        word.startswith("GPU-") and word != "GPU-<redacted>"
        for word in text.replace(",", " ").split()
    )


def test_redaction_hides_home_user_host_and_uuids():
    redaction = Redaction(home="/home/ada", user="ada", host="lab-box-7")
    text = (
        "/home/ada/.venv-tf failed on lab-box-7 for ada with "
        "GPU-8c8f2f2e-6a3e-1cba-4f2e-1a2b3c4d5e6f and /home/bob/x"
    )
    out = redaction.apply(text)
    assert out == "~/.venv-tf failed on <host> for <user> with GPU-<redacted> and ~/x"


def test_report_without_redaction_keeps_everything():
    facts = probe(recorded_host("mig-a100"))
    diagnosis = diagnose(fixture_matrix(), facts, "/home/ada/env")
    text = render_report(diagnosis, facts, None, None)
    assert any(g.uuid and g.uuid in text for g in facts.gpus)


def test_a_recorded_verify_without_libcuda_names_the_missing_driver_first():
    """Real `verify --json` output recorded here (TF 2.21.0, no driver): the layer check's
    'cannot open shared object file' for libcuda outranks TensorFlow's vaguer log lines."""
    from tfgpu_setup.serde import from_jsonable
    from tfgpu_setup.verify.outcome import VerifyOutcome

    data = json.loads(
        (
            Path(__file__).parent / "fixtures" / "verify" / "tf221-cpu-only-no-driver.json"
        ).read_text()
    )
    fields = {k: v for k, v in data.items() if k not in ("schema", "schema_version", "exit_code")}
    outcome = from_jsonable(VerifyOutcome, fields)
    diagnosis = diagnose(fixture_matrix(), None, outcome.venv, outcome)
    top = diagnosis.findings[0]
    assert top.id == "no-nvidia-driver"
    assert "libcuda.so.1" in top.evidence[0]
    assert "nvidia-smi" in top.fix
    assert diagnosis.gpu_used == "no" and diagnosis.exit_code == ExitCode.CPU_ONLY


def test_a_smoke_tests_stderr_in_another_language_is_read_as_in_english():
    """The smoke test runs in the user's environment, LANG and all: glibc's loader error there
    comes translated (German here), and is read as the C locale's words."""
    from tfgpu_setup.verify.outcome import VerifyOutcome
    from tfgpu_setup.verify.results import SmokeResult

    stderr = (
        "ImportError: libcudnn.so.8: Kann die Shared-Object-Datei nicht öffnen: Datei oder"
        " Verzeichnis nicht gefunden\n"
    )
    smoke = SmokeResult(report=None, failure=None, stderr=stderr, returncode=1)
    outcome = VerifyOutcome("tf-broken", "import failed", "/home/ada/env", smoke=smoke)
    diagnosis = diagnose(fixture_matrix(), None, outcome.venv, outcome)
    assert "cudnn-not-found" in {f.id for f in diagnosis.findings}


def test_the_report_of_a_pasted_log_says_what_is_unknown(tmp_path, capsys):
    # Only cuDNN is in this log (TensorFlow's 'Loaded runtime CuDNN library: 9.1.0'): the
    # report must not show a driver 'none' or a platform nobody stated.
    report = tmp_path / "report.md"
    log = LOGS / "cudnn-mismatch-910-vs-930-dnn-init-failed.log"
    main(["doctor", "--log", str(log), "--report", str(report)])
    capsys.readouterr()
    facts = report.read_text(encoding="utf-8").split("## Facts", 1)[1]
    assert "- platform: OS unknown, architecture unknown, glibc unknown" in facts
    assert "- driver: unknown" in facts and "- GPUs: unknown" in facts
    assert "- cuDNN 9.1.0 (library)" in facts


def test_a_stated_gpu_without_a_driver_is_the_cause_without_a_log(capsys):
    code, doc = run_cli(
        capsys,
        "doctor",
        "--no-probe",
        "--os",
        "linux",
        "--tf",
        "2.15",
        "--gpu",
        "RTX 3060",
        "--driver",
        "none",
    )
    assert code == ExitCode.CPU_ONLY
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-driver", "error")
    assert "RTX 3060" in first["title"]


def test_the_cudnn_step_to_confirm_looks_in_the_arm_folder_on_arm(capsys):
    _, doc = run_cli(
        capsys,
        "doctor",
        "--no-probe",
        "--os",
        "linux",
        "--arch",
        "aarch64",
        "--python",
        "3.10",
        "--driver",
        "540.4.0",
        "--gpu",
        "Orin (nvgpu)",
        "--cuda-toolkit",
        "12.6",
        "--tf",
        "2.16.1",
    )
    step = next(s for s in doc["next_steps"] if "cuDNN" in s)
    assert "/usr/lib/aarch64-linux-gnu/libcudnn*" in step and "x86_64" not in step


def test_a_cc_3_0_gpu_is_not_sent_to_a_release_plan_cannot_find(capsys, tmp_path):
    log = tmp_path / "run.log"
    log.write_text(
        "2020-12-01 10:00:00.000000: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1830]"
        " Ignoring visible gpu device (device: 0, name: GeForce GTX 660, pci bus id:"
        " 0000:01:00.0, compute capability: 3.0) with Cuda compute capability 3.0. The minimum"
        " required Cuda capability is 3.5.\n",
        encoding="utf-8",
    )
    _, doc = run_cli(capsys, "doctor", "--log", str(log), "--no-probe", "--tf", "2.4")
    first = doc["findings"][0]
    assert first["id"] == "compute-capability-unsupported"
    assert "at least 3.5" in first["fix"] and "CUDA 10" in first["fix"]
    _, plan = run_cli(
        capsys,
        "plan",
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.8",
        "--driver",
        "455.45.01",
        "--gpu",
        "GeForce GTX 660",
    )
    refused = next(f for f in plan["findings"] if f["id"] == "compute-capability-unsupported")
    assert "container" not in refused["fix"] and "TensorFlow 2.3 or older" in refused["fix"]


def test_xla_ptxas_without_blackwell_is_not_sent_to_the_same_pinned_ptxas(capsys, tmp_path):
    log = tmp_path / "run.log"
    log.write_text(
        "ptxas fatal   : Value 'sm_120' is not defined for option 'gpu-name'\n", encoding="utf-8"
    )
    _, doc = run_cli(capsys, "doctor", "--log", str(log), "--no-probe", "--tf", "2.20")
    ptxas = next(f for f in doc["findings"] if f["id"] == "xla-toolchain-missing")
    assert "CUDA 12.8 or newer" in ptxas["fix"] and "jit_compile=False" in ptxas["fix"]


def test_a_cuda_folder_on_ld_library_path_is_not_left_before_the_wheels(capsys):
    machine = [
        "doctor",
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.11",
        "--driver",
        "545.29.06",
        "--gpu",
        "NVIDIA RTX A5000",
        "--cuda-toolkit",
        "11.8",
        "--cudnn",
        "8.6.0",
        "--tf",
        "2.15.0.post1",
    ]
    _, shadowed = run_cli(capsys, *machine, "--env", "LD_LIBRARY_PATH=/usr/local/cuda-11.8/lib64")
    fix = next(f["fix"] for f in shadowed["findings"] if f["id"] == "cudnn-version-mismatch")
    assert "take /usr/local/cuda-11.8/lib64 off LD_LIBRARY_PATH" in fix
    _, plain = run_cli(capsys, *machine)
    fix = next(f["fix"] for f in plain["findings"] if f["id"] == "cudnn-version-mismatch")
    assert "the system cuDNN can stay" in fix


def test_a_slow_first_start_is_not_named_the_cause_from_facts_alone(capsys):
    """TensorFlow 2.12 runs on an H100 through PTX: slow to start, not off the GPU."""
    _, doc = run_cli(
        capsys,
        "doctor",
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.10",
        "--driver",
        "535.104.05",
        "--gpu",
        "NVIDIA H100 80GB HBM3",
        "--tf",
        "2.12.0",
    )
    assert doc["verdict"].startswith("Not enough evidence")
    assert "compute-capability-ptx-jit" in [f["id"] for f in doc["findings"]]


def test_a_loaded_runtime_does_not_speak_for_a_cuda_whose_other_library_failed(capsys, tmp_path):
    """Every 11.x runtime is libcudart.so.11.0: beside libcusolver.so.10 failing, it says
    nothing for the CUDA 11.2 stated against TensorFlow 2.4's 11.0."""
    log = tmp_path / "run.log"
    log.write_text(
        "2021-03-18 10:56:30.451771: I tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:49] Successfully opened dynamic library libcudart.so.11.0\n"
        "2021-03-18 10:56:32.120000: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:60] Could not load dynamic library 'libcusolver.so.10'; dlerror:"
        " libcusolver.so.10: cannot open shared object file: No such file or directory\n",
        encoding="utf-8",
    )
    _, doc = run_cli(
        capsys,
        "doctor",
        "--log",
        str(log),
        "--no-probe",
        "--os",
        "linux",
        "--tf",
        "2.4.1",
        "--cuda-toolkit",
        "11.2",
        "--gpu",
        "GeForce GTX 1080 Ti",
        "--driver",
        "460.32.03",
    )
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cuda-version-mismatch", "error")
    assert not any("loaded its CUDA libraries" in line for line in first["evidence"])


def test_a_cuda_toolkit_of_a_major_the_release_never_loads_is_no_driver_to_update(capsys):
    # A CUDA 13 toolkit beside 2.21 (built with CUDA 12.5, loads libcudart.so.12): a driver for
    # CUDA 13 would change nothing for TensorFlow; the CUDA 12 libraries it lacks are the cause.
    machine = ("--no-probe", "--no-verify", "--os", "linux", "--python", "3.12")
    gpu = ("--driver", "550.54.15", "--gpu", "NVIDIA GeForce RTX 3090", "--cudnn", "none")
    _, doc = run_cli(capsys, "doctor", *machine, *gpu, "--cuda-toolkit", "13.0", "--tf", "2.21")
    assert doc["findings"][0]["id"] == "cuda-version-mismatch"
    assert "driver-too-old" not in {f["id"] for f in doc["findings"]}
    # a toolkit of the build's own major that the driver cannot run still is one
    older = ("--driver", "418.67", "--gpu", "NVIDIA GeForce RTX 3090", "--cudnn", "none")
    _, old = run_cli(capsys, "doctor", *machine, *older, "--cuda-toolkit", "12.5", "--tf", "2.21")
    assert "driver-too-old" in {f["id"] for f in old["findings"]}


def test_a_probed_container_without_a_driver_is_never_told_to_reload_one(capsys, tmp_path):
    """(review 59) A probe inside Docker found no driver; TensorFlow's cuInit then fails with
    303. The driver comes from the host with the GPU: 'reinstall or reload the driver' would
    send the user to install one inside the container, where plan already names the start."""
    facts = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "platform": {
            "os": "linux",
            "arch": "x86_64",
            "glibc": "2.36",
            "container": True,
            "container_evidence": ["/.dockerenv exists"],
            "source": "detected",
        },
        "driver": {
            "version": None,
            "cuda_version": None,
            "source": "none",
            "reason": "NVML library not found and nvidia-smi not on PATH and"
            " /proc/driver/nvidia/version absent: no NVIDIA driver is installed",
        },
        "gpus": [],
        "gpus_reason": "no driver to ask",
    }
    facts_path, log_path = tmp_path / "container.json", tmp_path / "run.log"
    facts_path.write_text(json.dumps(facts), encoding="utf-8")
    log_path.write_text(
        "2026-02-26 23:43:44.995459: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_platform.cc:51] failed call to cuInit: INTERNAL: CUDA error: Failed call to"
        " cuInit: UNKNOWN ERROR (303)\n[]\n",
        encoding="utf-8",
    )
    main(["doctor", "--facts", str(facts_path), "--log", str(log_path), "--no-probe", "--json"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert found[0]["id"] == "container-gpu-not-exposed"
    assert all(f["severity"] != "error" for f in found if f["id"] == "no-nvidia-driver")


def test_nvml_unknown_error_in_a_container_is_its_device_cgroup(capsys, tmp_path):
    """(review 59) NVML ran (the driver's files were mounted; libcuda and the kernel module
    report 550.54.15) but cannot open the GPU: the device cgroup, NVIDIA's notice
    (nvidia-docker#1730), not a container started without --gpus."""
    log = tmp_path / "run.log"
    log.write_text(
        "root@7f3c2a9e1b44:/workspace# nvidia-smi\n"
        "Failed to initialize NVML: Unknown Error\n"
        "2024-05-21 08:02:41.771208: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_driver.cc:282] failed call to cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device"
        " is detected\n"
        "2024-05-21 08:02:41.771350: I external/local_xla/xla/stream_executor/cuda/"
        "cuda_diagnostics.cc:165] libcuda reported version is: 550.54.15\n"
        "[]\n",
        encoding="utf-8",
    )
    main(["doctor", "--log", str(log), "--no-probe", "--os", "linux", "--container", "--json"])
    top = json.loads(capsys.readouterr().out)["findings"][0]
    assert (top["id"], top["severity"]) == ("container-gpu-not-exposed", "error")
    assert "cgroup" in top["title"] and "recreate it" in top["fix"]


def test_a_cuda_and_cudnn_stated_by_their_majors_are_still_to_confirm(capsys):
    """'--cuda-toolkit 11 --cudnn 8' leaves the minors unknown, and they decide for 2.10 (CUDA
    11.0 has no libcusolver.so.11, cuDNN 8.0 is refused by an 8.1 build): the doctor still
    asks for both (review 66, stated facts c40)."""
    machine = (
        "--no-probe --os linux --python 3.9 --gpu 'Tesla V100-SXM2-16GB' --driver 470.82.01"
        " --tf 2.10"
    )
    _, doc = run_cli(capsys, "doctor", *shlex.split(machine + " --cuda-toolkit 11 --cudnn 8"))
    steps = " ".join(doc["next_steps"])
    assert "nvcc --version" in steps and "cudnn_version.h" in steps
    _, full = run_cli(capsys, "doctor", *shlex.split(machine + " --cuda-toolkit 11.2 --cudnn 8.1"))
    assert "nvcc --version" not in " ".join(full["next_steps"])
