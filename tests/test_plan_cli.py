"""'tfgpu-setup plan' through the real command line: exit codes, --json documents, one-line
errors, facts files and folders, and the environment overrides (flag > variable > facts).

Every call goes through tfgpu_setup.cli.main(argv), which hands the command os.environ; the
variables are set with monkeypatch. Nothing here probes the machine: --no-probe or --facts.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest
from conftest import recorded_host

from tfgpu_setup.cli import main
from tfgpu_setup.errors import ExitCode
from tfgpu_setup.findings import Severity
from tfgpu_setup.probe.collect import probe

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

OVERRIDES = ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA")
RTX3090 = ["--no-probe", "--os", "linux", "--python", "3.11", "--driver", "535.104.05"]


@pytest.fixture(autouse=True)
def _no_overrides_from_the_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in OVERRIDES:
        monkeypatch.delenv(var, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["plan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, *argv, "--json")
    assert err == ""
    document = json.loads(out)
    assert isinstance(document, dict)
    return code, document


def described(capsys: pytest.CaptureFixture[str], machine: str) -> tuple[int, dict[str, Any]]:
    """plan --json for a machine described by flags alone (as a shell would split them)."""
    return run_json(capsys, "--no-probe", *shlex.split(machine))


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("error: ")
    return lines[0]


def facts_file(tmp_path: Path, host: str, edit: dict[str, Any] | None = None) -> Path:
    document = probe(recorded_host(host)).to_jsonable()
    document.update(edit or {})
    path = tmp_path / f"{host}.json"
    path.write_text(json.dumps(document, indent=2))
    return path


# ---------------------------------------------------------------------------------------------
# Exit codes


def test_gpu_plan_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *RTX3090, "--gpu", "NVIDIA GeForce RTX 3090")
    assert code == 0, err
    assert "2.21.0" in out and "nvidia-cudnn-cu12==9.3.0.75" in out


def test_gpu_plan_from_a_facts_file_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document = run_json(capsys, "--facts", str(facts_file(tmp_path, "linux-a10-r550")))
    assert code == 0
    assert (document["verdict"], document["tensorflow"]) == ("gpu", "2.21.0")


def test_a_facts_file_is_read_with_no_probe_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --no-probe says "do not probe this machine"; the file the user named is still the machine
    path = str(facts_file(tmp_path, "no-gpu-no-driver"))
    for flags in (("--facts", path), ("--facts", path, "--no-probe")):
        code, document = run_json(capsys, *flags)
        assert (code, document["verdict"]) == (10, "cpu"), flags
        assert "no-nvidia-driver" in {f["id"] for f in document["findings"]}


def test_a_gpu_in_a_facts_file_without_its_compute_capability_is_read_by_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A hand-written (or pre-R510 nvidia-smi) document names the GPU only: its compute
    # capability is the name's, as with --gpu NAME, so a Maxwell card gets the last release
    # with kernels for it instead of 2.21.
    document = probe(recorded_host("linux-a10-r550")).to_jsonable()
    gpu = dict(document["gpus"][0], name="NVIDIA GeForce GTX 970", compute_capability=None)
    path = facts_file(tmp_path, "linux-a10-r550", {"gpus": [gpu]})
    code, document = run_json(capsys, "--facts", str(path))
    assert (code, document["verdict"], document["tensorflow"]) == (0, "gpu", "2.16.2")


def test_cpu_plan_exits_10(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--no-probe", "--os", "macos", "--arch", "x86_64", "--python", "3.12"
    )
    assert code == 10
    assert "macos-no-cuda" in out


def test_no_tensorflow_exits_11(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "--no-probe", "--python", "3.13", "--tf", "2.15")
    assert code == 11
    assert (document["verdict"], document["tensorflow"]) == ("none", None)
    python = next(f for f in document["findings"] if f["id"] == "python-unsupported")
    assert python["severity"] == "error" and "3.9/3.10/3.11" in python["fix"]


def test_unknown_flag_is_a_usage_error_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--no-probe", "--frobnicate")
    assert code == 2
    assert "--frobnicate" in one_line_error(err)


# ---------------------------------------------------------------------------------------------
# Input errors: exit 3, one line that names the value and what is accepted


def test_unknown_gpu_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *RTX3090, "--gpu", "Voodoo Banshee")
    assert code == 3
    line = one_line_error(err)
    assert "'Voodoo Banshee'" in line
    assert "NVIDIA GeForce RTX 3090" in line and "8.6" in line  # a full name or an X.Y


def test_malformed_driver_version_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--no-probe", "--python", "3.11", "--driver", "535.x")
    assert code == 2
    line = one_line_error(err)
    assert "--driver" in line and "'535.x'" in line and "535.104.05" in line


def test_tensorflow_version_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--no-probe", "--python", "3.11", "--tf", "2.99")
    assert code == 3
    line = one_line_error(err)
    assert "'2.99'" in line and "2.21.0" in line  # what there is


def test_facts_file_from_a_newer_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = facts_file(tmp_path, "linux-a10-r550", {"schema_version": 99})
    code, _, err = run(capsys, "--facts", str(path))
    assert code == 3
    line = one_line_error(err)
    assert str(path) in line and "99" in line and "up to 1" in line and "upgrade" in line


def test_facts_file_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "host.json"
    path.write_text("NVIDIA-SMI 550.127.05  Driver Version: 550.127.05  CUDA Version: 12.4\n")
    code, _, err = run(capsys, "--facts", str(path))
    assert code == 3
    line = one_line_error(err)
    assert str(path) in line and "not valid JSON" in line
    assert "tfgpu-setup probe --json" in line  # how to make a good one


def test_facts_file_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "missing.json"
    code, _, err = run(capsys, "--facts", str(path))
    assert code == 3
    line = one_line_error(err)
    assert str(path) in line and "tfgpu-setup probe --json" in line


def test_errors_under_json_are_the_error_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, document = run_json(capsys, "--no-probe", "--python", "3.11", "--driver", "535.x")
    assert code == 2
    assert document["schema"] == "tfgpu-setup/error"
    assert document["exit_code"] == 2
    assert "'535.x'" in document["error"]
    code, document = run_json(capsys, "--no-probe", "--frobnicate")
    assert (code, document["schema"], document["exit_code"]) == (2, "tfgpu-setup/error", 2)


def test_gpus_selects_devices_in_nvidia_smi_order(capsys: pytest.CaptureFixture[str]) -> None:
    gpus = ("--gpu", "NVIDIA GeForce RTX 3090", "--gpu", "NVIDIA GeForce RTX 4090")
    code, doc = run_json(capsys, *RTX3090, *gpus, "--gpus", "1")
    assert code == 0
    assert doc["environment"]["CUDA_VISIBLE_DEVICES"] == "1"
    assert doc["environment"]["CUDA_DEVICE_ORDER"] == "PCI_BUS_ID"


def test_gpus_out_of_range_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *RTX3090, "--gpu", "NVIDIA A10", "--gpus", "3")
    assert code == 3
    assert "--gpus 3: no such GPU; this machine has 1 (0..0)" in one_line_error(err)


# ---------------------------------------------------------------------------------------------
# The --json plan document


def test_json_plan_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc = run_json(capsys, *RTX3090, "--gpu", "NVIDIA GeForce RTX 3090", "--venv", "/tmp/v")
    assert code == 0
    assert doc["schema"] == "tfgpu-setup/plan" and doc["schema_version"] == 1
    assert (doc["verdict"], doc["tensorflow"], doc["python"]) == ("gpu", "2.21.0", "3.11")
    assert doc["requirements"][:1] == ["tensorflow==2.21.0"]
    assert "nvidia-cudnn-cu12==9.3.0.75" in doc["requirements"]
    assert [p["name"] + "==" + p["version"] for p in doc["packages"]] == doc["requirements"]
    site = "/tmp/v/lib/python3.11/site-packages"
    # the virtualenv's own bin folder first, then ptxas: one model of activation shows both
    assert doc["environment"]["PATH"] == f"/tmp/v/bin:{site}/nvidia/cuda_nvcc/bin:$PATH"
    assert doc["environment"]["LD_LIBRARY_PATH"].startswith(f"{site}/nvidia/cublas/lib:")
    ranks = [Severity(f["severity"]).rank for f in doc["findings"]]
    assert ranks == sorted(ranks)  # most severe first
    assert doc["findings"][0]["id"] == "ptxas-newer-than-driver"


def test_json_findings_are_ranked_most_severe_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # linux-cuda-toolkit: a warning (empty LD_LIBRARY_PATH entry) and an error (no driver)
    code, doc = run_json(capsys, "--facts", str(facts_file(tmp_path, "linux-cuda-toolkit")))
    assert code == 10
    assert [f["id"] for f in doc["findings"]] == ["no-nvidia-driver", "ld-library-path-empty-entry"]
    assert [f["severity"] for f in doc["findings"]] == ["error", "warning"]


def test_facts_folder_plans_each_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for host in ("linux-a10-r550", "no-gpu-no-driver", "wsl2-r570-rtx4060"):
        facts_file(tmp_path, host)
    code, doc = run_json(capsys, "--facts", str(tmp_path))
    assert code == 0
    assert doc["schema"] == "tfgpu-setup/plan-fleet"
    rows = {r["facts"]: (r["verdict"], r["tensorflow"], r["findings"]) for r in doc["plans"]}
    assert rows == {
        "linux-a10-r550.json": ("gpu", "2.21.0", ["ptxas-newer-than-driver"]),
        "no-gpu-no-driver.json": ("cpu", "2.21.0", ["no-nvidia-driver"]),
        "wsl2-r570-rtx4060.json": ("gpu", "2.21.0", []),
    }
    code, out, _ = run(capsys, "--facts", str(tmp_path))
    assert "3 hosts: 2 gpu, 1 cpu, 0 none" in out


# ---------------------------------------------------------------------------------------------
# Environment overrides: flag > variable > facts file > detection


def test_driver_and_gpu_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TFGPU_OVERRIDE_DRIVER", "470.256.02")
    monkeypatch.setenv("TFGPU_OVERRIDE_GPU", "NVIDIA GeForce RTX 3090")
    code, doc = run_json(capsys, "--no-probe", "--python", "3.11")
    assert code == 0
    assert (doc["verdict"], doc["tensorflow"]) == ("gpu", "2.14.1")
    assert doc["findings"][0]["id"] == "driver-too-old"
    ptxas = next(f for f in doc["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert "environment TFGPU_OVERRIDE_DRIVER" in ptxas["evidence"][0]  # where it came from


def test_conda_override_cuda(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONDA_OVERRIDE_CUDA", "11.8")
    monkeypatch.setenv("TFGPU_OVERRIDE_GPU", "NVIDIA A10")
    code, doc = run_json(capsys, "--no-probe", "--python", "3.11")
    assert code == 0
    assert doc["tensorflow"] == "2.14.1"  # a CUDA 11.8 driver runs no CUDA 12 build


def test_condas_variable_stated_with_env_is_the_drivers_cuda(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 70, deepmd-kit#1362) the variable stated for the machine planned for says what
    # the real one in the shell says
    machine = ("--no-probe", "--python", "3.11", "--env", "CONDA_OVERRIDE_CUDA=11.8")
    code, doc = run_json(capsys, *machine, "--gpu", "NVIDIA A10")
    assert (code, doc["tensorflow"]) == (0, "2.14.1")
    assert "flag --env CONDA_OVERRIDE_CUDA" in json.dumps(doc)
    # and, as in the shell, gives way to a driver named
    code, doc = run_json(capsys, *machine, "--driver", "550.54.14", "--gpu", "RTX 3090")
    assert (code, doc["tensorflow"]) == (0, "2.21.0")


@pytest.mark.parametrize("value", ["11.2", "0"])
def test_a_driver_flag_beats_condas_variable_left_in_the_shell(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    # a conda user's CONDA_OVERRIDE_CUDA says what conda should solve for; the driver named on
    # the command line says what it supports (550: CUDA 12.4), and conda's '0' is no CUDA at all
    monkeypatch.setenv("CONDA_OVERRIDE_CUDA", value)
    machine = ("--no-probe", "--python", "3.11", "--driver", "550.54.14", "--gpu", "RTX 3090")
    code, doc = run_json(capsys, *machine)
    assert (code, doc["tensorflow"]) == (0, "2.21.0")
    assert "CUDA 12.4" in json.dumps(doc) and f"CUDA {value}" not in json.dumps(doc)


def test_condas_no_cuda_value_is_no_driver_cuda(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONDA_OVERRIDE_CUDA", "0")
    code, doc = run_json(capsys, "--no-probe", "--python", "3.11", "--gpu", "RTX 3090")
    assert (code, doc["tensorflow"]) == (0, "2.21.0")
    assert "CUDA 0" not in json.dumps(doc)


def test_flags_beat_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TFGPU_OVERRIDE_DRIVER", "470.256.02")
    monkeypatch.setenv("TFGPU_OVERRIDE_GPU", "Tesla K80")
    monkeypatch.setenv("CONDA_OVERRIDE_CUDA", "11.4")
    code, doc = run_json(capsys, *RTX3090, "--cuda-driver", "12.2", "--gpu", "NVIDIA A10")
    assert code == 0
    assert doc["tensorflow"] == "2.21.0"
    ptxas = next(f for f in doc["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["evidence"][0] == "driver supports CUDA 12.2 (flag --driver)"


def test_environment_beats_a_facts_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TFGPU_OVERRIDE_DRIVER", "470.256.02")
    code, doc = run_json(capsys, "--facts", str(facts_file(tmp_path, "linux-a10-r550")))
    assert code == 0
    assert doc["tensorflow"] == "2.14.1"
    assert doc["findings"][0]["id"] == "driver-too-old"


def test_an_empty_facts_folder_is_an_input_error(tmp_path, capsys):
    code = main(["plan", "--facts", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT
    assert "no *.json facts files" in err and "Traceback" not in err


def test_a_folder_with_an_unreadable_facts_file_plans_the_others(tmp_path, capsys):
    good = facts_file(tmp_path, "linux-a10-r550").read_bytes()
    (tmp_path / "a10-1.json").write_bytes(good)
    (tmp_path / "a10-2.json").write_bytes(good[: len(good) // 3])  # a probe cut short
    (tmp_path / "old.json").write_text('{"schema": "tfgpu-setup/facts", "schema_version": 99}')
    (tmp_path / "linux-a10-r550.json").unlink()
    code = main(["plan", "--json", "--facts", str(tmp_path)])
    doc = json.loads(capsys.readouterr().out)
    assert code != 0 and code == ExitCode(code)  # a documented code: scripts see the loss
    assert [row["host"] for row in doc["plans"]] == ["a10-1"]
    assert doc["plans"][0]["verdict"] == "gpu"
    errors = {u["host"]: u["error"] for u in doc["unreadable"]}
    assert list(errors) == ["a10-2", "old"]
    assert "a10-2.json" in errors["a10-2"] and "99" in errors["old"]
    assert main(["plan", "--facts", str(tmp_path)]) == code
    text = capsys.readouterr().out
    assert "a10-2.json: not planned:" in text and "1 hosts: 1 gpu" in text
    assert "2 unreadable" in text


def test_a_venv_path_that_would_split_the_library_path_is_refused(capsys, tmp_path):
    code = main(["plan", "--no-probe", "--venv", str(tmp_path / "a:b")])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "--venv" in err and "':'" in err and len(err.strip().splitlines()) == 1


def test_a_plan_document_names_its_env_once_and_moves_with_it(capsys, tmp_path):
    """Folders inside the env are stored relative to it, the steps are derived: a plan file
    whose venv is changed is the same plan for the new place (nox -s validate relies on it)."""
    argv = ["plan", "--json", "--no-probe", "--os", "linux", "--python", "3.10"]
    argv += ["--driver", "525.85.12", "--gpu", "NVIDIA GeForce RTX 2080 Ti", "--tf", "2.10"]
    main([*argv, "--venv", "/srv/first"])
    text = capsys.readouterr().out
    doc = json.loads(text)
    # environment and steps are derived; decisions explain in words
    stored = {k: v for k, v in doc.items() if k not in ("environment", "steps", "decisions")}
    assert json.dumps(stored).count("/srv/first") == 1  # the venv field itself
    doc["venv"] = str(tmp_path / "moved")
    from tfgpu_setup.plan import Plan

    moved = Plan.from_jsonable(doc, "moved plan")
    assert moved.activate is not None
    site = f"{tmp_path}/moved/lib/python3.10/site-packages"
    assert moved.activate.library_dirs()[0].startswith(f"{site}/nvidia/")
    assert moved.activate.xla_value() == f"--xla_gpu_cuda_data_dir={site}/nvidia/cuda_nvcc"
    assert moved.steps[0].args[0] == str(tmp_path / "moved")


def test_an_unknown_arch_is_refused_in_one_line_naming_the_known_ones(capsys):
    code = main(["plan", "--no-probe", "--arch", "pentium"])
    err = capsys.readouterr().err
    assert code == ExitCode.USAGE
    assert "--arch 'pentium'" in err and "armv7l" in err and "x86_64" in err
    assert len(err.strip().splitlines()) == 1


def test_a_raspberry_pi_arch_is_accepted_and_answered(capsys):
    code, doc = run_json(capsys, "--no-probe", "--os", "linux", "--arch", "armv7l")
    assert code == ExitCode.NO_TENSORFLOW
    assert doc["tensorflow"] is None
    assert doc["findings"][0]["id"] == "platform-unsupported"


@pytest.mark.parametrize(
    ("where", "top"),
    [
        (["--os", "linux"], "no-nvidia-driver"),
        (["--os", "linux", "--container"], "container-gpu-not-exposed"),
        (["--os", "wsl2"], "wsl-libcuda-missing"),
    ],
)
def test_a_gpu_stated_without_a_driver_names_the_missing_driver(
    capsys: pytest.CaptureFixture[str], where: list[str], top: str
) -> None:
    """'I have an RTX 3090 and nvidia-smi is not found': the plan is the GPU build, and its
    first finding the driver to install (a CPU build would have to be replaced after it)."""
    code, doc = run_json(
        capsys, "--no-probe", *where, "--python", "3.11", "--driver", "none", "--gpu", "RTX 3090"
    )
    assert (code, doc["verdict"]) == (ExitCode.OK, "gpu")
    assert any(p["name"] == "nvidia-cudnn-cu12" for p in doc["packages"])
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == (top, "error")


def test_native_windows_with_a_gpu_and_no_driver_names_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Python 3.12: no release with a Windows GPU build takes it
    _, doc = described(capsys, "--os windows --python 3.12 --driver none --gpu 'RTX 3090'")
    ids = [f["id"] for f in doc["findings"]]
    assert ids[:2] == ["windows-native-gpu-unsupported", "no-nvidia-driver"]
    driver = doc["findings"][1]
    assert "RTX 3090" in driver["title"] and "ubuntu" not in driver["fix"]
    # Python 3.10: 2.10 has one, and runs once the driver is installed
    _, doc = described(capsys, "--os windows --python 3.10 --driver none --gpu 'RTX 3090'")
    assert (doc["verdict"], doc["tensorflow"]) == ("gpu", "2.10.1")
    assert doc["findings"][0]["id"] == "no-nvidia-driver"


def test_native_windows_on_2_10_without_a_driver_names_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2.10 has a Windows GPU build: the missing driver is what makes the plan CPU-only."""
    code, doc = described(capsys, "--os windows --python 3.10 --driver none --tf 2.10")
    assert code == ExitCode.CPU_ONLY
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("no-nvidia-driver", "error")
    assert "452.39" in first["fix"]


def test_the_release_is_judged_on_the_gpus_selected(capsys: pytest.CaptureFixture[str]) -> None:
    """--gpus 0 shows TensorFlow only the Maxwell card: 2.16 is the newest with its kernels."""
    machine = ["--no-probe", "--os", "linux", "--python", "3.12", "--driver", "550.120"]
    _, doc = run_json(capsys, *machine, "--gpu", "5.2", "--gpu", "8.9", "--gpus", "0")
    assert (doc["verdict"], doc["tensorflow"]) == ("gpu", "2.16.2")
    assert doc["activate"]["cuda_visible_devices"] == "0"
    _, ada = run_json(capsys, *machine, "--gpu", "5.2", "--gpu", "8.9", "--gpus", "1")
    assert ada["tensorflow"] == "2.21.0"
    assert "compute-capability-unsupported" not in [f["id"] for f in ada["findings"]]


@pytest.mark.parametrize("hidden", ["-1", "", "NoDevFiles"])
def test_a_gpu_plan_leaves_a_variable_that_hides_the_gpus_and_says_so(
    capsys: pytest.CaptureFixture[str], hidden: str
) -> None:
    """A scheduler sets NoDevFiles (or -1) on purpose: the plan does not widen it unasked."""
    argv = [*RTX3090, "--gpu", "RTX 3090", "--env", f"CUDA_VISIBLE_DEVICES={hidden}"]
    _, doc = run_json(capsys, *argv)
    assert doc["verdict"] == "gpu" and doc["activate"]["cuda_visible_devices"] is None
    hides = next(f for f in doc["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert hides["severity"] == "error" and "--gpus" in hides["fix"]
    _, text, _ = run(capsys, *argv)
    assert "once CUDA_VISIBLE_DEVICES shows it" in text.splitlines()[1]
    _, chosen = run_json(capsys, *argv, "--gpus", "0")
    assert chosen["activate"]["cuda_visible_devices"] == "0"
    # with --gpus the activate script's value is what the environment sees: nothing is hidden
    replaced = next(f for f in chosen["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert replaced["severity"] == "info" and "sets it to '0'" in replaced["title"]
    _, text, _ = run(capsys, *argv, "--gpus", "0")
    assert "once CUDA_VISIBLE_DEVICES" not in text


def test_a_plan_says_when_its_activate_script_replaces_the_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the user's 1 (a scheduler's, perhaps on purpose) shows only the Maxwell card: the plan
    # leaves it and plans for that card, saying how to pick the other; asked with --gpus, the
    # activate script sets the variable, and the plan says it does
    machine = (
        "--os linux --python 3.12 --driver 550.120 --gpu 8.6 --gpu 5.2 --env CUDA_VISIBLE_DEVICES=1"
    )
    _, doc = described(capsys, machine)
    assert doc["activate"]["cuda_visible_devices"] is None
    assert doc["tensorflow"] == "2.16.2"  # the newest with kernels for the card it shows
    hides = next(f for f in doc["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert "--gpus" in hides["fix"]
    _, asked = described(capsys, f"{machine} --gpus 0")
    assert asked["activate"]["cuda_visible_devices"] == "0"
    hides = next(f for f in asked["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert "sets it to '0'" in hides["title"]


def test_windows_asked_for_2_10_on_a_newer_python_is_the_python_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2.10 is native Windows' last GPU build: only the Python stands in the way."""
    windows = ["--no-probe", "--os", "windows", "--arch", "AMD64", "--driver", "546.33"]
    _, doc = run_json(capsys, *windows, "--python", "3.11", "--gpu", "RTX 3060", "--tf", "2.10")
    assert [f["id"] for f in doc["findings"]] == ["python-unsupported"]
    # asked for nothing, the same machine gets that GPU plan with the Python to install first
    _, newest = run_json(capsys, *windows, "--python", "3.11", "--gpu", "RTX 3060")
    assert newest["tensorflow"] == "2.10.1" and newest["python"] == "3.10"
    assert newest["findings"][0]["id"] == "python-unsupported"
    native = next(f for f in newest["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert native["severity"] == "warning" and "WSL2" in native["fix"]


def test_windows_without_system_cuda_is_not_sent_to_pip_libraries(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(
        capsys,
        "--os windows --python 3.9 --driver 546.33 --gpu 'RTX 3060' --tf 2.10 --cuda-toolkit none"
        " --cudnn none",
    )
    missing = next(f for f in doc["findings"] if f["id"] == "cuda-libs-not-found")
    assert "WSL2" in missing["fix"] and "plan TensorFlow 2.14" not in missing["fix"]


def test_a_container_without_a_driver_is_not_told_to_install_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(capsys, "--os linux --python 3.11 --container --driver none")
    assert [f["id"] for f in doc["findings"]][:1] == ["container-gpu-not-exposed"]
    assert "no-nvidia-driver" not in [f["id"] for f in doc["findings"]]


@pytest.mark.parametrize(
    ("driver", "gpu", "first", "branch"),
    [
        ("560.35.03", "NVIDIA GeForce RTX 5090", "driver-too-old", "R570"),
        ("470.256.02", "NVIDIA GeForce RTX 4090", "driver-too-old", "R520"),
        ("580.95.05", "Tesla K80", "no-nvidia-driver", "R470"),
        ("590.48.01", "NVIDIA GeForce GTX 1080", "no-nvidia-driver", "R580"),
    ],
)
def test_a_driver_branch_that_does_not_drive_the_gpu_is_the_cause(
    capsys: pytest.CaptureFixture[str], driver: str, gpu: str, first: str, branch: str
) -> None:
    """nvidia-smi lists no GPU its driver branch does not know (too old) or dropped (too new).
    Another driver mends both: a newer one, or the legacy branch that still drives the GPU (and
    still runs a release for this Python): a GPU plan, once it is installed."""
    code, doc = run_json(
        capsys,
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.11",
        "--driver",
        driver,
        "--gpu",
        gpu,
    )
    assert (code, doc["verdict"]) == (ExitCode.OK, "gpu")
    top = doc["findings"][0]
    assert (top["id"], top["severity"]) == (first, "error")
    assert branch in top["fix"]


@pytest.mark.parametrize(
    ("os_name", "python", "driver", "gpu", "past"),
    [
        # Windows numbers R470 up to 474.xx and R580 up to 581.xx; 536 and 591 are later branches
        ("windows", "3.10", "536.25", "Tesla K80", True),
        ("wsl2", "3.11", "591.44", "NVIDIA GeForce GTX 1050 Ti", True),
        ("windows", "3.10", "474.44", "Tesla K80", False),
        ("wsl2", "3.11", "581.57", "NVIDIA GeForce GTX 1050 Ti", False),
    ],
)
def test_a_windows_numbered_driver_past_the_gpus_last_branch_is_the_cause(
    capsys: pytest.CaptureFixture[str], os_name: str, python: str, driver: str, gpu: str, past: bool
) -> None:
    code, doc = run_json(
        capsys, "--no-probe", "--os", os_name, "--python", python, "--driver", driver, "--gpu", gpu
    )
    assert (code, doc["verdict"]) == (ExitCode.OK, "gpu")
    dropped = [f for f in doc["findings"] if f["id"] == "no-nvidia-driver"]
    assert bool(dropped) is past
    if past:
        assert doc["findings"][0] == dropped[0] and dropped[0]["severity"] == "error"


def test_a_gpu_the_driver_dropped_beside_one_it_drives_is_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, doc = described(
        capsys,
        "--os linux --python 3.11 --driver 550.54.14 --gpu 'Tesla K80'"
        " --gpu 'Tesla V100-PCIE-16GB'",
    )
    assert (code, doc["verdict"]) == (ExitCode.OK, "gpu")
    dropped = next(f for f in doc["findings"] if f["id"] == "no-nvidia-driver")
    # R470 would drive the K80 but cap the V100's CUDA too: a note, not advice to go back
    assert dropped["severity"] == "info" and "Tesla K80" in dropped["title"]


def test_an_older_release_for_the_gpu_is_one_the_python_here_can_install(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An H100 with only Python 3.8 asked for 2.10: 2.21 would need a newer Python; 2.13 fits,
    and 2.12 is the nearest that runs it (review 91)."""
    _, doc = described(
        capsys,
        "--os linux --python 3.8 --driver 535.104.05 --gpu 'NVIDIA H100 80GB HBM3' --tf 2.10",
    )
    refused = next(f for f in doc["findings"] if f["id"] == "compute-capability-unsupported")
    assert "the newest is 2.13.1" in refused["fix"]
    assert "'tfgpu-setup plan --tf 2.12'" in refused["fix"]


@pytest.mark.parametrize(
    ("machine", "release", "python"),
    [
        # the K80's last release supports Python 3.9 to 3.11 (review 65, L09)
        ("--python 3.12 --driver 470.256.02 --gpu 'Tesla K80'", "2.14.1", "3.11"),
        # the GTX 970's (sm_50 kernels to 2.16) stops at Python 3.12 (L07)
        ("--python 3.13 --driver 550.120 --gpu 'NVIDIA GeForce GTX 970'", "2.16.2", "3.12"),
        # Blackwell runs 2.21, which needs Python 3.10 or later (L14)
        ("--python 3.9 --driver 575.64.03 --gpu 'NVIDIA GeForce RTX 5080'", "2.21.0", "3.13"),
    ],
)
def test_a_python_the_gpus_release_lacks_makes_a_gpu_plan_with_that_python_first(
    capsys: pytest.CaptureFixture[str], machine: str, release: str, python: str
) -> None:
    """The GPU's newest release wants another Python: installing it is the user's step, as a
    driver update is, so the plan is that GPU build with the step first, not a CPU build of a
    newer release to replace later."""
    code, doc = described(capsys, "--os linux --arch x86_64 " + machine)
    assert (code, doc["verdict"], doc["tensorflow"], doc["python"]) == (0, "gpu", release, python)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("python-unsupported", "error")
    assert f"Install Python {python}" in first["fix"]
    # a release asked for beside a Python it does not support stays the user's to mend
    code, pinned = described(capsys, "--os linux " + machine + f" --tf {release}")
    assert (code, pinned["verdict"]) == (11, "none")


@pytest.mark.parametrize(("toolkit", "mended"), [("11.0", False), ("11.2", True)])
def test_tensorflow_2_4_needs_cuda_11_0_itself(
    capsys: pytest.CaptureFixture[str], toolkit: str, mended: bool
) -> None:
    """2.4 loads libcusolver.so.10, which CUDA 11.1 and later no longer ship: with 11.2 the
    GPU plan stands once CUDA 11.0 is installed beside it."""
    _, doc = run_json(
        capsys,
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.8",
        "--driver",
        "460.32.03",
        "--gpu",
        "GeForce RTX 3080",
        "--cuda-toolkit",
        toolkit,
        "--cudnn",
        "8.0.4",
        "--tf",
        "2.4",
    )
    assert doc["verdict"] == "gpu"
    errors = [f for f in doc["findings"] if f["severity"] == "error"]
    if mended:
        assert errors[0]["id"] == "cuda-version-mismatch"
        assert "Install CUDA 11.0 " in errors[0]["fix"]
    else:
        assert errors == []


def test_a_series_is_planned_with_the_newest_patch_that_installs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """TensorFlow 2.1.0 is the last for Python 2.7; 2.1.4, the newest 2.1, is not."""
    code, doc = described(
        capsys,
        "--os linux --python 2.7 --glibc 2.23 --driver 430.64 --gpu 'GeForce GTX 1070'"
        " --cuda-toolkit 10.1 --cudnn 7.6.5 --tf 2.1",
    )
    assert (code, doc["verdict"], doc["tensorflow"]) == (ExitCode.OK, "gpu", "2.1.0")


def test_a_jetson_with_no_installable_release_still_hears_pypi_has_no_cuda_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A newer Python alone would not help a Jetson Nano: PyPI has no CUDA build for aarch64."""
    _, doc = described(
        capsys,
        "--os linux --arch aarch64 --python 3.6 --glibc 2.27 --driver 32.7.1"
        " --gpu 'NVIDIA Tegra X1' --tf 2.7",
    )
    arm = next(f for f in doc["findings"] if f["id"] == "cpu-only-tensorflow")
    assert arm["severity"] == "error" and "JetPack" in arm["fix"]
    # NVIDIA's JetPack wheels are that route, for JetPack's Python and the Nano's 5.3: PyPI's
    # gaps are notes, and the JetPack route leads (review 63, P16)
    assert doc["findings"][0]["id"] == "cpu-only-tensorflow"
    assert "developer.download.nvidia.com/compute/redist/jp/" in arm["fix"]
    severities = {f["id"]: f["severity"] for f in doc["findings"]}
    assert severities.get("python-unsupported", "info") == "info"
    assert severities.get("compute-capability-unsupported", "info") == "info"


def test_a_jetson_stated_by_its_compute_capability_is_a_jetson(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An Orin given as '8.7' (only Tegra chips have it) on JetPack 6.0's CUDA 12.2 and cuDNN
    8.9 (review 105): JetPack 6.0's own TensorFlow, not a generic Arm fix."""
    _, doc = described(
        capsys,
        "--os linux --arch aarch64 --python 3.10 --gpu 8.7 --cuda-toolkit 12.2 --cudnn 8.9",
    )
    arm = next(f for f in doc["findings"] if f["id"] == "cpu-only-tensorflow")
    assert "jp/v60" in arm["fix"] and "2.15.0+nv24.05" in arm["fix"]


def test_a_jetson_plan_in_text_says_nvidias_build_uses_its_gpu(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Jetson Nano on JetPack 4.6's Python 3.6 (review 80, q26): nothing from PyPI installs,
    and the headline says where the GPU build is, not only that nothing can be installed."""
    argv = shlex.split(
        "plan --no-probe --os linux --python 3.6 --gpu 'NVIDIA Tegra X1' --driver 32.6.1"
    )
    main(argv)
    head = capsys.readouterr().out.splitlines()[:2]
    assert "NVIDIA's TensorFlow for JetPack uses this Jetson's GPU" in head[1]


def test_a_legacy_driver_is_not_the_cause_for_a_gpu_no_release_runs_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A GTX 680 (3.0) gains nothing from R470: no PyPI TensorFlow has its kernels."""
    _, doc = described(
        capsys, "--os linux --python 3.11 --driver 535.183.01 --gpu 'GeForce GTX 680'"
    )
    assert doc["findings"][0]["id"] == "compute-capability-unsupported"
    driver = next(f for f in doc["findings"] if f["id"] == "no-nvidia-driver")
    assert driver["severity"] == "warning"


def test_a_cuda_the_driver_reports_beyond_its_branch_is_forward_compatibility(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An A100 on R470 in a container with cuda-compat: nvidia-smi reports CUDA 12.4 there. The
    # stated CUDA runs the release; the plan says what it rests on instead of refusing it.
    machine = "--os linux --python 3.10 --driver 470.239.06 --gpu 'NVIDIA A100-SXM4-40GB' --tf 2.16"
    _, own = described(capsys, machine)
    # R470's own CUDA (11.4) cannot run 2.16's 12.3: the driver update comes first
    assert (own["verdict"], own["findings"][0]["id"]) == ("gpu", "driver-too-old")
    assert own["findings"][0]["severity"] == "error" and "525.60.13" in own["findings"][0]["fix"]
    _, compat = described(capsys, machine + " --cuda-driver 12.4 --container")
    assert (compat["verdict"], compat["tensorflow"]) == ("gpu", "2.16.2")
    note = next(f for f in compat["findings"] if f["id"] == "driver-too-old")
    assert note["severity"] == "info" and "GeForce" in note["fix"]


@pytest.mark.parametrize(
    ("machine", "nearest"),
    [
        # tensorflow-macos stops at 2.12.0; 'tensorflow' has Apple silicon wheels from 2.13
        ("--os macos --arch arm64 --python 3.11 --tf 2.12.1", "--tf 2.12 or --tf 2.13"),
        # 2.16 was the last release for Intel Macs
        ("--os macos --arch x86_64 --python 3.11 --tf 2.17", "--tf 2.16"),
        # PyPI's Linux aarch64 wheels start at 2.10 (as 'tensorflow')
        ("--os linux --arch aarch64 --python 3.8 --gpu none --tf 2.4", "--tf 2.10"),
    ],
)
def test_a_release_asked_for_without_a_wheel_here_is_named_as_the_cause(
    capsys: pytest.CaptureFixture[str], machine: str, nearest: str
) -> None:
    code, doc = described(capsys, machine)
    assert code == 11
    first = doc["findings"][0]
    assert first["id"] == "platform-unsupported" and "has no wheel for" in first["title"]
    assert nearest in first["fix"]


def test_a_cuda_no_release_was_built_for_is_not_offered_as_a_way_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # No TensorFlow was built with CUDA 10.2 (2.1 to 2.3: 10.1, 2.4: 11.0)
    _, doc = described(
        capsys,
        "--os linux --python 3.8 --driver 440.100 --gpu 'GeForce RTX 2080 Ti' --tf 2.3"
        " --cuda-toolkit 10.2 --cudnn 7.6.5",
    )
    mismatch = next(f for f in doc["findings"] if f["id"] == "cuda-version-mismatch")
    assert "Install CUDA 10.1" in mismatch["fix"]
    assert "use the TensorFlow release built for the CUDA you have" not in mismatch["fix"]


def test_a_driver_that_predates_the_gpu_is_replaced_by_one_the_release_also_runs_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # R455 drives an RTX 3080, but 2.20's CUDA 12.5 needs 525.60.13: the fix names the higher
    _, doc = described(
        capsys, "--os linux --python 3.12 --driver 418.39 --gpu 'NVIDIA GeForce RTX 3080' --tf 2.20"
    )
    first = doc["findings"][0]
    assert first["id"] == "driver-too-old" and "525.60.13" in first["fix"]


def test_a_kepler_card_is_not_told_to_get_a_driver_that_does_not_exist_for_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 2.14's ptxas 11.8 is newer than R470's CUDA 11.4, and R470 is Kepler's last branch
    machine = "--os linux --python 3.10 --driver 470.256.02 --tf '>=2.13,<2.16' --gpu "
    _, kepler = described(capsys, machine + "'Tesla K80'")
    ptxas = next(f for f in kepler["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert "Keep this driver" in ptxas["fix"] and "R470" in ptxas["fix"]
    _, ampere = described(capsys, machine + "'NVIDIA GeForce RTX 3090'")
    ptxas = next(f for f in ampere["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["fix"].startswith("Update the driver")


def test_a_kepler_card_on_an_older_branch_is_sent_to_its_last_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # tensorflow#62032: a K80 on R450 under 2.14; R470 is newer and still drives it
    machine = "--os linux --python 3.10 --driver 450.203.08 --tf 2.14 --gpu 'Tesla K80'"
    _, kepler = described(capsys, machine)
    ptxas = next(f for f in kepler["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["fix"].startswith("Update the driver to the R470 branch")


def test_a_container_told_to_get_no_gpu_is_named_by_its_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # NVIDIA_VISIBLE_DEVICES=none: the runtime mounts the driver and no GPU, so nvidia-smi
    # answers and lists none; it is the container's start, not a GPU to reseat
    _, doc = described(
        capsys,
        "--os linux --python 3.11 --container --driver 550.54.15 --gpu none"
        " --env NVIDIA_VISIBLE_DEVICES=none",
    )
    first = doc["findings"][0]
    assert first["id"] == "container-gpu-not-exposed"
    assert "NVIDIA_VISIBLE_DEVICES=none" in first["title"] and "--gpus all" in first["fix"]


def test_an_unknown_cudnn_beside_a_stated_cuda_is_what_the_plan_asks_to_confirm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(
        capsys,
        "--os linux --python 3.10 --driver 525.147.05 --gpu 7.5 --cuda-toolkit 11.8 --tf 2.12",
    )
    assumed = next(a for a in doc["assumptions"] if a["fact"] == "cuda")
    assert "--cudnn" in assumed["confirm"] and "--cuda-toolkit" not in assumed["confirm"]


def test_forward_compatibility_is_neither_a_geforce_nor_a_driver_reporting_its_own_cuda(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # GeForce cards refuse cuda-compat: the stated CUDA does not make 2.21 run on R470
    _, geforce = described(
        capsys,
        "--os linux --python 3.10 --driver 470.256.02 --cuda-driver 12.4"
        " --gpu 'NVIDIA GeForce RTX 3090'",
    )
    assert geforce["tensorflow"] != "2.21.0"
    # 525.60.12 reports CUDA 12.0 of its own branch (12.0 GA shipped with 525.60.13): no
    # compatibility package is at work, and 12.x releases need 525.60.13
    _, own = described(
        capsys,
        "--os linux --python 3.10 --driver 525.60.12 --cuda-driver 12.0"
        " --gpu 'NVIDIA A100-SXM4-40GB'",
    )
    assert own["tensorflow"] == "2.14.1"
    assert not any("forward-compatibility" in f["title"] for f in own["findings"])


def test_a_windows_driver_from_before_cuda_in_wsl_2_plans_no_gpu_there(capsys):
    # CUDA 11.3's Windows driver (465.89) runs 2.5-2.14 natively, but WSL 2 ran CUDA only from
    # the R470 branch (NVIDIA's WSL user guide): the plan must not promise the GPU there
    machine = '--os wsl2 --python 3.10 --glibc 2.35 --gpu "NVIDIA GeForce RTX 3060"'
    code, old = described(capsys, f"{machine} --driver 465.89")
    # no release runs there on it: the newest's GPU build, once the Windows driver is updated
    assert (old["verdict"], old["tensorflow"], code) == ("gpu", "2.21.0", ExitCode.OK)
    first = old["findings"][0]
    assert (first["id"], first["severity"]) == ("driver-too-old", "error")
    assert "Windows host" in first["fix"] and "wsl --shutdown" in first["fix"]
    # an R470 Windows driver runs the same machine's GPU, whatever its build (470.76 is below
    # CUDA 11.4's own 471.11, and CUDA 11.8's releases run on it by minor-version compatibility)
    for driver in ("472.12", "470.76"):
        _, fit = described(capsys, f"{machine} --driver {driver}")
        assert (fit["verdict"], fit["tensorflow"]) == ("gpu", "2.14.1")


def test_doctor_on_wsl_2_with_a_driver_from_before_its_cuda_offers_no_older_release(capsys):
    flags = ("--no-probe", "--no-verify", "--os", "wsl2", "--python", "3.10", "--tf", "2.14.1")
    main(["doctor", *flags, "--driver", "465.89", "--gpu", "RTX 3060", "--json"])
    doc = json.loads(capsys.readouterr().out)
    first = doc["findings"][0]
    assert first["id"] == "driver-too-old" and first["severity"] == "error"
    assert "471.11" in first["fix"] and "older CUDA" not in first["fix"]


def test_cuda_compat_first_on_the_loader_path_of_a_geforce_is_named_and_a_data_centre_gpu_not(
    capsys,
):
    # NVIDIA's forward compatibility serves data-center GPUs only: a GeForce refuses the
    # package's libcuda (error 804), so a container image that puts it first sees no GPU
    machine = (
        "--os linux --python 3.11 --glibc 2.35 --driver 535.104.05 --container"
        " --env LD_LIBRARY_PATH=/usr/local/cuda/compat/lib"
    )
    _, geforce = described(capsys, f'{machine} --gpu "NVIDIA GeForce RTX 4090"')
    first = geforce["findings"][0]
    assert (first["id"], first["severity"]) == ("driver-library-mismatch", "error")
    assert "/usr/local/cuda/compat/lib off LD_LIBRARY_PATH" in first["fix"]
    _, a100 = described(capsys, f'{machine} --gpu "NVIDIA A100-SXM4-40GB"')
    assert "driver-library-mismatch" not in {f["id"] for f in a100["findings"]}
    # the headline says the GPU comes only once that is mended
    _, out, _ = run(capsys, "--no-probe", *shlex.split(machine), "--gpu", "RTX 4090")
    assert out.splitlines()[1] == "once the error below is mended"


@pytest.mark.parametrize(
    ("variable", "named"),
    [
        ("NVIDIA_VISIBLE_DEVICES=none", "NVIDIA_VISIBLE_DEVICES=none"),
        ("NVIDIA_VISIBLE_DEVICES=void", "NVIDIA_VISIBLE_DEVICES=void"),
        ("NVIDIA_DRIVER_CAPABILITIES=utility", "without 'compute'"),
    ],
)
def test_a_container_the_nvidia_runtime_gives_no_gpu_or_no_libcuda_is_the_error(
    capsys, variable, named
):
    # NVIDIA Container Toolkit: 'none' mounts no GPU, 'void' nothing at all, and without the
    # compute capability no libcuda, though nvidia-smi may work (the host's GPU stated)
    machine = (
        '--os linux --python 3.11 --driver 550.90.07 --gpu "NVIDIA A100-SXM4-40GB" --container'
        f" --env {variable}"
    )
    _, doc = described(capsys, machine)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("container-gpu-not-exposed", "error")
    assert named in first["title"]
    _, given = described(capsys, machine.replace(variable, "NVIDIA_DRIVER_CAPABILITIES=all"))
    assert "container-gpu-not-exposed" not in {f["id"] for f in given["findings"]}


def test_a_gpu_the_driver_no_longer_drives_is_not_counted_in_cuda_visible_devices(capsys):
    # Driver 550 leaves the K80 out (Kepler ends at R470): CUDA's only device is the 3090, as
    # index 0, so the activate script must not point at index 1, and the ptxas fix must not
    # tell the user to keep the driver for a GPU it already lost
    gpus = '--gpu "Tesla K80" --gpu "NVIDIA GeForce RTX 3090"'
    _, newer = described(capsys, f"--os linux --python 3.12 --driver 550.90.07 {gpus}")
    assert newer["verdict"] == "gpu"
    assert "CUDA_VISIBLE_DEVICES" not in newer["environment"]
    assert "compute-capability-unsupported" not in {f["id"] for f in newer["findings"]}
    ptxas = next(f for f in newer["findings"] if f["id"] == "ptxas-newer-than-driver")
    assert ptxas["fix"].startswith("Update the driver")


@pytest.mark.parametrize(
    ("stated", "first"),
    [
        ("--cuda-toolkit 11.2 --cudnn none", "cudnn-not-found"),
        ("--cuda-toolkit 12.3 --cudnn 8.9.7", "cuda-version-mismatch"),
        ("--cuda-toolkit none --cudnn none", "cuda-libs-not-found"),
    ],
)
def test_native_windows_stating_what_cuda_it_has_still_plans_2_10_on_the_gpu(capsys, stated, first):
    # TensorFlow 2.10 is native Windows' last GPU build; a CUDA or cuDNN it lacks is the user's
    # to install (no pip wheel serves it there), which the plan names instead of going CPU-only
    machine = '--os windows --python 3.10 --driver 537.58 --gpu "NVIDIA GeForce RTX 3060"'
    code, doc = described(capsys, f"{machine} {stated}")
    assert (code, doc["verdict"], doc["tensorflow"]) == (0, "gpu", "2.10.1")
    error = doc["findings"][0]
    assert (error["id"], error["severity"]) == (first, "error")
    assert "LD_LIBRARY_PATH" not in error["fix"] and "lib64" not in error["fix"]


def test_native_windows_offers_only_the_ways_out_that_work_for_the_gpu(capsys):
    machine = "--os windows --python 3.10"
    # Blackwell: 2.10 has no kernels for it, so pinning 2.10 is no way out; WSL2 is
    _, blackwell = described(capsys, f'{machine} --driver 576.28 --gpu "RTX 5070 Ti"')
    native = next(f for f in blackwell["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert "WSL2" in native["fix"] and "--tf 2.10" not in native["fix"]
    # a GPU no release has kernels for: neither way helps, and that is the cause
    _, kepler = described(capsys, f'{machine} --driver 425.31 --gpu "NVIDIA GeForce GTX 680"')
    assert kepler["findings"][0]["id"] == "compute-capability-unsupported"
    native = next(f for f in kepler["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert native["severity"] == "info"
    # no NVIDIA GPU at all: no-nvidia-gpu says all there is
    _, none = described(capsys, f"{machine} --gpu none")
    assert "windows-native-gpu-unsupported" not in {f["id"] for f in none["findings"]}


def test_doctor_on_a_release_before_the_extra_names_nvidias_cudnn_wheel_as_plan_does(capsys):
    # 2.10 on Linux: NVIDIA's cu11 wheels serve it from LD_LIBRARY_PATH (what plan pins), so a
    # system without cuDNN is not the end; whether the env holds the wheel is to confirm
    machine = ("--no-probe", "--no-verify", "--python", "3.10", "--driver", "470.199.02")
    gpu = ("--gpu", "Tesla T4", "--cuda-toolkit", "11.2", "--cudnn", "none", "--tf", "2.10")
    main(["doctor", *machine, "--os", "linux", *gpu, "--json"])
    first = json.loads(capsys.readouterr().out)["findings"][0]
    assert (first["id"], first["severity"]) == ("cudnn-not-found", "warning")
    assert "nvidia-cudnn-cu11==" in first["fix"]
    assert not any("no NVIDIA pip wheel carries" in e for e in first["evidence"])
    main(["doctor", *machine, "--os", "windows", *gpu, "--json"])
    windows = json.loads(capsys.readouterr().out)["findings"][0]
    assert windows["severity"] == "error" and "nvidia-cudnn" not in windows["fix"]


def test_a_schedulers_cuda_visible_devices_stays_and_the_plan_fits_the_gpu_it_shows(capsys):
    # A SLURM job given GPU 0 (bus order), a Maxwell card beside an RTX A6000: the activate
    # script must not switch the job to the other GPU; 2.16.2 is the newest for the one it has
    _, doc = described(
        capsys,
        '--os linux --python 3.12 --driver 550.127.05 --gpu "Quadro M6000"'
        ' --gpu "NVIDIA RTX A6000" --env CUDA_VISIBLE_DEVICES=0 --env CUDA_DEVICE_ORDER=PCI_BUS_ID',
    )
    assert (doc["verdict"], doc["tensorflow"]) == ("gpu", "2.16.2")
    assert doc["activate"]["cuda_visible_devices"] is None


def test_a_driver_to_install_is_one_that_drives_the_gpu_stated(capsys):
    # CUDA 12.8 brought Blackwell, with driver 570.26 (570.65 on Windows): a 525 driver, the
    # newest release's floor, would not list an RTX 5090 at all
    _, linux = described(capsys, '--os linux --python 3.12 --driver none --gpu "RTX 5090"')
    fix = next(f for f in linux["findings"] if f["id"] == "no-nvidia-driver")["fix"]
    assert "≥ 570.26" in fix and "525" not in fix
    _, wsl = described(capsys, '--os wsl2 --python 3.12 --driver none --gpu "RTX 5080"')
    fix = next(f for f in wsl["findings"] if f["id"] == "wsl-libcuda-missing")["fix"]
    assert "≥ 570.65" in fix and "528.33" not in fix
    _, ampere = described(capsys, '--os linux --python 3.12 --driver none --gpu "RTX 3060"')
    fix = next(f for f in ampere["findings"] if f["id"] == "no-nvidia-driver")["fix"]
    assert "≥ 525.60.13 for TensorFlow 2.21.0" in fix


def test_a_release_for_the_gpu_that_the_c_library_rules_out_is_no_way_out_offered_bare(capsys):
    # 2.21 is the only PyPI release that runs on Blackwell, and it needs glibc 2.27: on a
    # glibc 2.17 system (CentOS 7) 'plan --tf 2.21.0' leads nowhere; the C library is the way
    _, doc = described(
        capsys,
        '--os linux --python 3.11 --glibc 2.17 --driver 570.86.15 --gpu "NVIDIA GeForce RTX 5090"',
    )
    first = doc["findings"][0]
    assert first["id"] == "compute-capability-unsupported"
    assert "needs glibc ≥ 2.27 (found 2.17)" in first["fix"] and "container" in first["fix"]


@pytest.mark.parametrize(
    ("python", "tf", "planned"),
    [("3.10.12", "2.10", "2.10.1"), ("Python 3.8.10", None, "2.13.1"), ("3.7.9", "2.3", "2.3.4")],
)
def test_python_as_python_version_prints_it_plans_that_python(
    capsys: pytest.CaptureFixture[str], python: str, tf: str | None, planned: str
) -> None:
    # (review 58) the one interpreter given is the one the env is made with: its X.Y is what
    # releases list, so 'python --version' pasted as it is must not refuse every release
    machine = ["--no-probe", "--os", "linux", "--driver", "535.104.05", "--python", python]
    machine += ["--gpu", "NVIDIA GeForce RTX 2080 Ti", *(["--tf", tf] if tf else [])]
    code, doc = run_json(capsys, *machine)
    assert (code, doc["verdict"], doc["tensorflow"]) == (0, "gpu", planned)
    assert doc["python"] == ".".join(python.split()[-1].split(".")[:2])


def test_apple_silicon_is_sent_to_the_newest_release_a_metal_plug_in_supports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 58) no tensorflow-metal release supports 2.19 or later, and a mismatched plug-in
    # stops 'import tensorflow' (tensorflow#81987): the plan's own release gets no plug-in
    # (review 72: the plan is that GPU route, with the plug-in among its packages)
    mac = ["--no-probe", "--os", "macos", "--arch", "arm64", "--python", "3.12"]
    code, doc = run_json(capsys, *mac)
    assert (code, doc["verdict"], doc["tensorflow"]) == (0, "gpu", "2.18.1")
    assert {"name": "tensorflow-metal", "version": "1.2.0"}.items() <= doc["packages"][1].items()
    code, newest = run_json(capsys, *mac, "--tf", "2.21")
    fix = newest["findings"][0]["fix"]
    assert (code, newest["verdict"]) == (10, "cpu")
    assert "no release of it supports TensorFlow 2.21.0" in fix and "--tf 2.18" in fix


def test_a_python_too_new_for_the_platforms_last_release_is_told_that_releases_pythons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 58) macOS x86_64's last wheels are 2.16's (cp39-cp312): 2.21's Pythons, which
    # include the 3.13 the user has, would send them round in a circle
    code, doc = run_json(
        capsys, "--no-probe", "--os", "macos", "--arch", "x86_64", "--python", "3.13"
    )
    python = next(f for f in doc["findings"] if f["id"] == "python-unsupported")
    assert code == 11
    assert python["evidence"] == ["TensorFlow 2.16.2: supports Python 3.9/3.10/3.11/3.12, not 3.13"]
    assert "Python 3.9/3.10/3.11/3.12, for TensorFlow 2.16.2" in python["fix"]


def test_a_windows_driver_too_old_for_the_gpu_in_wsl_is_updated_on_the_windows_host(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 58) WSL 2 runs the Windows driver: a Linux one installed inside it breaks CUDA
    machine = ["--no-probe", "--os", "wsl2", "--python", "3.12", "--driver", "566.36"]
    _code, doc = run_json(capsys, *machine, "--gpu", "NVIDIA GeForce RTX 5080")
    first = doc["findings"][0]
    assert first["id"] == "driver-too-old" and "on the Windows host" in first["fix"]
    on_linux = [("linux" if flag == "wsl2" else flag) for flag in machine]
    _code, linux = run_json(capsys, *on_linux, "--gpu", "NVIDIA GeForce RTX 5080")
    assert "Windows" not in linux["findings"][0]["fix"]


def test_a_1x_release_asked_for_is_told_it_is_older_than_any_planned_not_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 58) TensorFlow 1.15 exists: 'matches no release' read as a typo
    code = main(["plan", "--no-probe", "--os", "linux", "--python", "3.7", "--tf", "1.15"])
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT and len(err.strip().splitlines()) == 1
    assert "older than every release this tool plans (2.0.0 and later" in err
    assert "tf.compat.v1" in err


@pytest.mark.parametrize(
    ("machine", "wanted", "unwanted"),
    [
        # the plan's 2.14.1 needs R450+, and Kepler ends at R470: never 'the newest' R525+
        (
            "--os linux --python 3.11 --gpu 'Tesla K80' --driver none",
            ("≥ 450.80.02 for TensorFlow 2.14.1", "R470 or older"),
            ("525.60.13",),
        ),
        # Pascal ends at R580 (the R590 driver no longer drives it)
        (
            "--os linux --python 3.12 --gpu 'NVIDIA GeForce GTX 1080' --driver none",
            ("≥ 525.60.13 for TensorFlow 2.21.0", "R580 or older"),
            (),
        ),
        (
            "--os wsl2 --python 3.12 --gpu 'NVIDIA GeForce GTX 1080' --driver none",
            ("R580 or older", "Windows host"),
            ("current NVIDIA driver",),
        ),
        # native Windows plans 2.10.1: the newest release's CUDA 12 floor is not the one to meet
        (
            "--os windows --python 3.10 --gpu 'NVIDIA GeForce RTX 3060' --driver none",
            ("456.38",),
            ("528.33", "newest TensorFlow"),
        ),
    ],
)
def test_the_driver_to_install_is_the_plans_and_stays_within_the_gpus_branches(
    capsys: pytest.CaptureFixture[str],
    machine: str,
    wanted: tuple[str, ...],
    unwanted: tuple[str, ...],
) -> None:
    _, doc = described(capsys, machine)
    fix = doc["findings"][0]["fix"]
    assert doc["verdict"] == "gpu" and doc["findings"][0]["severity"] == "error"
    assert all(w in fix for w in wanted), fix
    assert not any(u in fix for u in unwanted), fix


@pytest.mark.parametrize(
    ("machine", "tensorflow"),
    [
        ("--os linux --python 3.12 --gpu 'Tesla V100-SXM2-16GB' --driver 590.44.01", "2.21.0"),
        ("--os linux --python 3.11 --gpu 'Tesla K80' --driver 580.95.05", "2.14.1"),
    ],
)
def test_a_driver_past_the_gpus_last_branch_plans_the_gpu_build_of_that_branch(
    capsys: pytest.CaptureFixture[str], machine: str, tensorflow: str
) -> None:
    """R580 drives a V100 and runs CUDA 12 (R470 a K80 and CUDA 11.8): going back to the legacy
    branch is the step, and the GPU build waits for it."""
    code, doc = described(capsys, machine)
    assert (code, doc["verdict"], doc["tensorflow"]) == (ExitCode.OK, "gpu", tensorflow)
    top = doc["findings"][0]
    assert (top["id"], top["severity"]) == ("no-nvidia-driver", "error")
    assert "legacy branch" in top["fix"]


WINDOWS_FACTS = {
    "schema": "tfgpu-setup/facts",
    "schema_version": 1,
    "platform": {"os": "windows", "arch": "x86_64", "source": "detected"},
    "driver": {"version": "537.58", "cuda_version": "12.2", "source": "nvidia-smi"},
    "pythons": [{"version": "3.10.11", "path": "C:\\Python310\\python.exe", "source": "PATH"}],
    "gpus": [{"index": 0, "name": "NVIDIA GeForce RTX 3060", "compute_capability": "8.6"}],
    "cuda": [
        {
            "version": "11.2",
            "path": "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v11.2",
            "kind": "toolkit",
            "source": "CUDA_PATH",
        }
    ],
    "cudnn": [{"version": "8.1.0", "path": "(given)", "kind": "library", "source": "stated"}],
    "target_env": {"path": "C:\\Users\\ada\\.venv-tf", "is_virtualenv": False, "source": "probe"},
}


def test_a_windows_machines_env_is_planned_in_windows_terms(tmp_path, capsys):
    """(review 59) A Windows facts file plans the env it was probed for, as a folder of them
    does, and --venv takes a Windows path: Scripts\\, ';' and %PATH%, not bin/ and ':'."""
    path = tmp_path / "win.json"
    path.write_text(json.dumps(WINDOWS_FACTS), encoding="utf-8")
    for argv in (["--facts", str(path)], ["--facts", str(path), "--venv", "C:\\envs\\tf"]):
        code = main(["plan", *argv])
        out = capsys.readouterr().out
        venv = argv[-1] if argv[-2] == "--venv" else "C:\\Users\\ada\\.venv-tf"
        assert code == ExitCode.OK and "TensorFlow 2.10.1 will use the GPU" in out
        assert f"PATH={venv}\\Scripts;C:\\Program Files\\" in out and "%PATH%" in out


def test_a_windows_plan_steps_down_for_windows_not_for_python(capsys):
    # Python 3.9 on native Windows: 2.21 would want 3.10+, but no Python brings its GPU build
    _, doc = described(
        capsys,
        "--os windows --python 3.9 --gpu 'RTX 2070' --driver 531.41 --cuda-toolkit 11.2"
        " --cudnn 8.1",
    )
    assert (doc["verdict"], doc["tensorflow"]) == ("gpu", "2.10.1")
    ids = [f["id"] for f in doc["findings"]]
    assert "windows-native-gpu-unsupported" in ids and "python-unsupported" not in ids
    windows = next(f for f in doc["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert windows["severity"] == "warning" and "WSL2" in windows["fix"]


def test_wsl_2_on_windows_on_arm_installs_linuxs_aarch64_wheel(capsys):
    """(review 59) WSL 2 on an Arm PC runs the manylinux aarch64 wheel: a CPU plan, as on
    Linux on Arm, not 'no wheel for this platform'."""
    code, doc = described(capsys, "--os wsl2 --arch aarch64 --python 3.11")
    assert (code, doc["verdict"], doc["tensorflow"]) == (ExitCode.CPU_ONLY, "cpu", "2.21.0")
    assert doc["findings"][0]["id"] == "cpu-only-tensorflow"


def test_slurms_nodevfiles_asks_for_a_gpu_not_to_unset_the_variable(capsys):
    """(review 59) Slurm sets NoDevFiles for a job granted no GPU: plan says what doctor says."""
    _, doc = described(
        capsys,
        "--os linux --python 3.10 --gpu 'Tesla V100-SXM2-32GB' --driver 525.85.12"
        " --env CUDA_VISIBLE_DEVICES=NoDevFiles",
    )
    top = doc["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-visible-devices-hides-gpus", "error")
    assert "--gres=gpu:1" in top["fix"] and "unset" not in top["fix"].split(":")[0]


def test_a_driver_older_than_the_gpu_is_judged_for_the_release_the_plan_installs(capsys):
    # native Windows plans 2.10.1: the driver to install drives the GPU (R520 for Ada); the
    # floor of 2.20, which has no Windows GPU build, is no step of this plan
    _, doc = described(
        capsys, "--os windows --python 3.9 --gpu 'NVIDIA GeForce RTX 4090' --driver 516.94"
    )
    top = doc["findings"][0]
    assert (doc["tensorflow"], top["id"]) == ("2.10.1", "driver-too-old")
    assert "R520" in top["fix"] and "2.20" not in top["fix"] and "2.21" not in top["fix"]


def test_a_driver_update_in_a_container_happens_on_its_host(capsys):
    """(review 59) A container uses its host's driver: the update is the host's, and the
    container restarts after it; 'reboot' inside it changes nothing."""
    _, doc = described(
        capsys,
        "--os linux --python 3.12 --gpu 'NVIDIA A10G' --driver 470.182.03 --container",
    )
    driver = next(f for f in doc["findings"] if f["id"] == "driver-too-old")
    assert "on the host" in driver["fix"] and "restart the container" in driver["fix"]
    assert "then reboot" not in driver["fix"]


def test_a_driver_is_not_the_first_step_where_no_release_here_runs_the_gpu(capsys):
    """(review 59) A K80 without a driver under Python 3.12: every release for 3.12 lacks its
    kernels, so the GPU (with the Python that still gets 2.14.1) comes first; the driver, capped
    at Kepler's R470, follows as a warning."""
    code, doc = described(capsys, "--os linux --python 3.12 --gpu 'Tesla K80' --driver none")
    assert (code, doc["verdict"]) == (ExitCode.CPU_ONLY, "cpu")
    ids = [(f["id"], f["severity"]) for f in doc["findings"][:2]]
    assert ids == [("compute-capability-unsupported", "error"), ("no-nvidia-driver", "warning")]
    assert "--python 3.11" in doc["findings"][0]["fix"]


@pytest.mark.parametrize(
    ("gpu", "hidden"),
    [("NVIDIA GeForce RTX 3090", True), ("Tesla V100-SXM2-16GB", True), ("A100-SXM4-40GB", False)],
)
def test_a_mig_uuid_on_a_gpu_without_mig_shows_cuda_no_gpu(capsys, gpu, hidden):
    """(review 59's P17) MIG starts with compute capability 8.0 and no GeForce has it (NVIDIA's
    MIG user guide): a MIG- UUID there names nothing, so CUDA shows no GPU. On an A100 it may
    name one of its MIG devices."""
    _, doc = described(
        capsys,
        f"--os linux --python 3.11 --gpu '{gpu}' --driver 550.54.15"
        " --env CUDA_VISIBLE_DEVICES=MIG-4f6d9f2a-8b2e-5c1d-9a3e-2b7c1d0e6f11",
    )
    errors = [f["id"] for f in doc["findings"] if f["severity"] == "error"]
    assert ("cuda-visible-devices-hides-gpus" in errors) is hidden


def test_review_60_driver_steps(capsys):
    """Adversarial review 60 of the driver steps: each answer as a user would need it."""
    # a container past the GPU's last branch: the legacy branch goes on the host
    _, doc = described(
        capsys,
        "--os linux --python 3.12 --gpu 'Tesla V100-SXM2-16GB' --driver 590.48.01 --container",
    )
    assert "on the host" in doc["findings"][0]["fix"]
    # WSL 2, a K80: the Windows driver for 2.14.1's CUDA 11.8, not CUDA 12's 528.33
    _, doc = described(capsys, "--os wsl2 --python 3.11 --gpu 'Tesla K80' --driver none")
    fix = doc["findings"][0]["fix"]
    assert "R470 or older" in fix and "528.33" not in fix and "2.14.1" in fix
    # a K80 beside an RTX 3090 under 2.21: the K80 runs no 2.21 kernels, so it caps nothing
    _, doc = described(
        capsys,
        "--os linux --python 3.11 --gpu 'Tesla K80' --gpu 'NVIDIA GeForce RTX 3090' --driver none",
    )
    assert "R470" not in doc["findings"][0]["fix"]
    # the same on R418: the plan's driver step is the error, and no GPU selection is exported
    _, doc = described(
        capsys,
        "--os linux --python 3.11 --gpu 'Tesla K80' --gpu 'NVIDIA GeForce RTX 3090'"
        " --driver 418.67",
    )
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == ("driver-too-old", "error")
    assert (doc["activate"] or {}).get("cuda_visible_devices") is None
    # no driver under Python 3.9: no step-down blamed on 'a driver supporting CUDA None'
    _, doc = described(
        capsys, "--os linux --python 3.9 --gpu 'NVIDIA GeForce RTX 3090' --driver none"
    )
    assert [f["id"] for f in doc["findings"]].count("driver-too-old") == 0


@pytest.mark.parametrize(
    ("flags", "driver"),
    [
        # the release's floor would not drive the GPU: CUDA 12.8's R570 for Blackwell, R455 for
        # Ampere under a CUDA 11 release
        ("--gpu 'NVIDIA GeForce RTX 5090'", "≥ 570.26"),
        ("--gpu 'NVIDIA GeForce RTX 3060' --tf 2.12", "≥ 455.23"),
        ("--gpu 'NVIDIA GeForce RTX 3060'", "≥ 525.60.13"),
    ],
)
def test_the_driver_a_plan_assumes_also_drives_the_gpu(
    capsys: pytest.CaptureFixture[str], flags: str, driver: str
) -> None:
    _, doc = described(capsys, flags)
    assumed = next(a for a in doc["assumptions"] if a["fact"] == "driver")
    assert assumed["assumed"] == f"an NVIDIA driver {driver}"


def test_a_system_cuda_nobody_stated_is_an_assumption_with_the_platforms_own_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(capsys, "--os windows")
    cuda = next(d for d in doc["decisions"] if d["subject"] == "cuda")
    assert cuda["source"] == "assumed" and "matches" not in cuda["reason"]
    assumed = next(a for a in doc["assumptions"] if a["fact"] == "cuda")
    assert "cudnn64_" in assumed["confirm"] and "ldconfig" not in assumed["confirm"]


def test_a_system_cuda_beside_a_plan_of_nvidias_wheels_waiting_for_a_driver_is_no_mismatch(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the plan pins the CUDA 11.8 wheels: the system's CUDA 11.0 is not what will load
    _, doc = described(
        capsys,
        "--os linux --python 3.8 --gpu 'GeForce RTX 3080' --driver 450.80.02"
        " --cuda-toolkit 11.0 --cudnn 8.0.4",
    )
    assert doc["verdict"] == "gpu" and doc["findings"][0]["id"] == "driver-too-old"
    ids = {f["id"] for f in doc["findings"]}
    assert not ids & {"cuda-version-mismatch", "cudnn-version-mismatch"}


def test_an_apple_silicon_gpu_makes_the_mac_arm64(capsys: pytest.CaptureFixture[str]) -> None:
    # only Apple silicon has an M-series GPU: no Intel Mac's x86_64 wheels (2.16.2 and older)
    _, doc = described(capsys, "--os macos --python 3.12 --gpu 'Apple M2 Pro'")
    assert doc["tensorflow"] != "2.16.2"
    assert "arch" not in {a["fact"] for a in doc["assumptions"]}
    assert "arm64" in doc["findings"][0]["evidence"][0]


def test_an_x86_64_python_beside_an_apple_gpu_is_named_as_rosetta(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An Apple GPU with x86_64 is an Intel Python under Rosetta 2, not an Intel Mac with an AMD
    GPU (review 66, macOS A13)."""
    _, doc = described(capsys, "--os macos --arch x86_64 --python 3.11 --gpu 'Apple M1 Pro'")
    first = doc["findings"][0]
    assert first["id"] == "macos-no-cuda" and "Rosetta 2" in first["title"]
    assert "arm64 Python" in first["fix"] and "AMD" not in first["fix"]


def test_a_cuda_toolkit_on_a_mac_is_no_version_to_mend(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No TensorFlow for macOS loads CUDA: an Intel Mac's CUDA 10.2 (its last) is not a
    mismatch to mend by installing CUDA 11 (review 66, macOS A16)."""
    _, doc = described(
        capsys,
        "--os macos --arch x86_64 --python 3.7 --gpu 'NVIDIA GeForce GTX 1080 Ti'"
        " --cuda-toolkit 10.2 --cudnn 7.6",
    )
    ids = [f["id"] for f in doc["findings"]]
    assert ids[0] == "macos-no-cuda"
    assert not {"cuda-version-mismatch", "cudnn-version-mismatch"} & set(ids)


def test_a_system_cuda_stated_by_its_major_is_assumed_to_fit_and_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'--cuda-toolkit 11 --cudnn 8' for 2.10: the minors decide (11.0 and 8.0 fail it), so
    the plan says it took them to fit, to confirm, instead of 'uses the CUDA 11.2 installed'
    (review 66, stated facts c08)."""
    _, doc = described(
        capsys,
        "--os linux --python 3.9 --gpu 'Tesla V100-SXM2-16GB' --driver 470.82.01"
        " --cuda-toolkit 11 --cudnn 8 --tf 2.10",
    )
    assumed = {a["fact"]: a for a in doc["assumptions"]}
    assert "11.x ≥ 11.2" in assumed["cuda"]["assumed"] and "nvcc" in assumed["cuda"]["confirm"]
    assert "8.x ≥ 8.1" in assumed["cudnn"]["assumed"]
    cuda = next(d for d in doc["decisions"] if d["subject"] == "cuda")
    assert "CUDA 11 and cuDNN 8 stated without a minor" in cuda["reason"]


def test_a_driver_cuda_stated_by_its_major_leaves_ptxas_unjudged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'--cuda-driver 12' may be 12.0 or 12.8: no ptxas warning from a minor nobody stated
    (review 66, stated facts c35); 12.2 stated still gets it."""
    machine = "--os linux --python 3.12 --gpu 'NVIDIA GeForce RTX 4070' --cuda-driver "
    _, bare = described(capsys, machine + "12")
    assert "ptxas-newer-than-driver" not in {f["id"] for f in bare["findings"]}
    _, stated = described(capsys, machine + "12.2")
    assert "ptxas-newer-than-driver" in {f["id"] for f in stated["findings"]}


def test_a_driver_and_a_system_cuda_both_to_install_still_make_a_gpu_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """NVIDIA/nvidia-docker#399's host (R367, CUDA 8.0, a GTX 1080, Python 3.5): every release
    for that Python needs a newer driver and a CUDA 10.1 beside the 8.0. Both are the user's to
    install, as either alone is: a GPU plan with the driver first, not a CPU plan whose only
    step is a CUDA the old driver cannot run (review 67, thread replay t08p)."""
    code, doc = described(
        capsys,
        "--os linux --container --driver 367.35 --gpu 'GeForce GTX 1080' --python 3.5"
        " --cuda-toolkit 8.0",
    )
    assert code == ExitCode.OK and doc["verdict"] == "gpu"
    ids = [f["id"] for f in doc["findings"]]
    assert ids[:2] == ["driver-too-old", "cuda-version-mismatch"]


def test_nvidia_wheels_are_not_pinned_on_a_glibc_their_manylinux_tags_refuse(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """CentOS 6's glibc 2.12 takes TensorFlow 2.8.4's manylinux2010 wheel but not NVIDIA's
    manylinux2014 cu11 wheels: pinning them made a plan 'apply' cannot install (review 67,
    release boundaries D04/D06; PEP 599)."""
    machine = (
        "--os linux --arch x86_64 --python 3.8 --gpu 'Tesla P100-PCIE-16GB' --driver 450.80.02"
        " --glibc "
    )
    _, old = described(capsys, machine + "2.12")
    assert old["tensorflow"] == "2.8.4"
    assert not [p for p in old["packages"] if p["name"].startswith("nvidia-")]
    cuda = next(d for d in old["decisions"] if d["subject"] == "cuda")
    assert "need glibc ≥ 2.17, found 2.12" in cuda["reason"]
    _, new = described(capsys, machine + "2.17")
    assert [p for p in new["packages"] if p["name"].startswith("nvidia-cuda-runtime-cu11")]


def test_a_driver_stated_by_the_floors_own_branch_is_an_assumption_to_confirm(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'--driver 525' meets CUDA 12's floor only from 525.60.13 on (525.60.11 does not): the plan
    says it took the branch to be new enough (review 67, driver c16); a later branch needs no
    such word."""
    machine = "--os linux --python 3.11 --gpu 'NVIDIA GeForce RTX 3060' --driver "
    _, same = described(capsys, machine + "525")
    driver = [a for a in same["assumptions"] if a["fact"] == "driver"]
    assert driver and "≥ 525.60.13" in driver[0]["assumed"] and "nvidia-smi" in driver[0]["confirm"]
    _, later = described(capsys, machine + "550")
    assert "driver" not in {a["fact"] for a in later["assumptions"]}


def test_a_newer_gpu_hidden_by_cuda_visible_devices_is_named_in_the_kernels_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A GTX 980 and an RTX 4090, CUDA_VISIBLE_DEVICES=0 in bus order showing the 980: the plan
    is for the 980 (2.16.2), and its fix says the hidden 4090 runs 2.21 (review 67, multi-GPU
    P16)."""
    _, doc = described(
        capsys,
        "--os linux --arch x86_64 --python 3.12 --gpu 'NVIDIA GeForce GTX 980'"
        " --gpu 'NVIDIA GeForce RTX 4090' --driver 550.120 --env CUDA_DEVICE_ORDER=PCI_BUS_ID"
        " --env CUDA_VISIBLE_DEVICES=0",
    )
    kernels = next(f for f in doc["findings"] if f["id"] == "compute-capability-unsupported")
    assert "RTX 4090 runs 2.21" in kernels["fix"] and "--gpus 1" in kernels["fix"]


def test_a_driver_read_without_gpus_named_plans_the_gpu_build_with_the_update(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """tensorflow#70960's facts: WSL 2, Python 3.11, TensorFlow 2.15.1 asked for, a driver
    reporting CUDA 11.4, no GPU named. A driver someone read reports on a GPU, so 'A CPU setup,
    as no GPU was stated' treated the unstated GPU as absent; the plan is the GPU build once the
    driver is updated, with the GPU assumed (review 68, TF 2.x era N1)."""
    code, doc = described(capsys, "--os wsl2 --python 3.11 --tf 2.15.1 --cuda-driver 11.4")
    assert code == ExitCode.OK and doc["verdict"] == "gpu"
    assert doc["findings"][0]["id"] == "driver-too-old"
    assert "gpus" in {a["fact"] for a in doc["assumptions"]}


def test_a_cpu_plan_assumes_no_gpu_setup_and_says_what_would_change_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(capsys, "--driver none")
    assert doc["verdict"] == "cpu"
    facts = {a["fact"]: a for a in doc["assumptions"]}
    assert "driver" not in facts and "cuda" not in facts
    assert "CPU" in facts["gpus"]["assumed"] and "lspci" in facts["gpus"]["confirm"]


def test_a_plan_for_this_machine_refuses_a_venv_path_apply_would_refuse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "--venv", str(taken))
    assert code == ExitCode.NO_TARGET_ENV
    assert "not a virtualenv" in one_line_error(err)
    # planned for another machine, this one's files say nothing
    assert run(capsys, "--no-probe", "--venv", str(taken))[0] == ExitCode.OK


@pytest.mark.parametrize(
    ("gpu", "route", "not_route"),
    [
        ("Intel Arc A770", "intel-extension-for-tensorflow[xpu]", "tensorflow-rocm"),
        ("AMD Radeon RX 7900 XTX", "tensorflow-rocm", "intel-extension-for-tensorflow"),
    ],
)
def test_another_makers_gpu_is_pointed_to_that_makers_own_route(
    capsys: pytest.CaptureFixture[str], gpu: str, route: str, not_route: str
) -> None:
    _, doc = described(capsys, f"--os linux --python 3.11 --gpu '{gpu}'")
    first = doc["findings"][0]
    assert first["id"] == "no-nvidia-gpu"
    assert route in first["fix"] and not_route not in first["fix"]


def test_tensorflow_2_0_needs_the_cudnn_7_6_its_build_checks_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # tensorflow.org's table says 7.4; the 2.0 build refuses 7.4.1 ('source was compiled with:
    # 7.6.0'), as the doctor reads from its log
    _, doc = described(
        capsys,
        "--os linux --python 3.7 --tf 2.0 --cuda-toolkit 10.0 --cudnn 7.4.1 --driver 410.78"
        " --gpu 'GeForce GTX 1080 Ti'",
    )
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cudnn-version-mismatch", "error")
    assert "7.6" in first["fix"]


def test_a_cpu_plan_for_gpus_nobody_stated_does_not_say_only_the_cpu_is_possible(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "--no-probe", "--driver", "none")
    assert out.splitlines()[0].startswith("A CPU setup, as no GPU was stated")
    _, out, _ = run(capsys, "--no-probe", "--driver", "none", "--gpu", "none")
    assert out.splitlines()[0].startswith("Only a CPU setup is possible here")


def test_a_machine_nothing_installs_on_assumes_nothing_about_a_gpu_setup(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, doc = described(capsys, "--os windows --arch arm64")
    assert doc["verdict"] == "none"
    assert not {"gpus", "driver", "cuda"} & {a["fact"] for a in doc["assumptions"]}


# ---------------------------------------------------------------------------------------------
# musl (Alpine): TensorFlow's wheels are manylinux ones, which need glibc


@pytest.mark.parametrize(
    "machine",
    [
        '--os "Alpine Linux 3.19" --python 3.12 --gpu "GeForce RTX 3090" --driver 550.54.15',
        "--os linux --glibc musl --python 3.12",
        "--os linux --glibc 'musl libc (x86_64)'",  # the first line musl's ldd prints
    ],
)
def test_a_musl_system_gets_no_tensorflow(capsys: pytest.CaptureFixture[str], machine: str) -> None:
    code, document = described(capsys, machine)
    assert (code, document["verdict"], document["tensorflow"]) == (11, "none", None)
    first = document["findings"][0]
    assert (first["id"], first["severity"]) == ("glibc-too-old", "error")
    assert "musl" in first["title"] and "-slim" in first["fix"]


def test_glibc_stated_beside_alpine_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    # an Alpine image with glibc copied in, as its user says: the stated glibc decides
    code, document = described(capsys, "--os alpine --glibc 2.35 --python 3.12")
    assert code == 0 and "glibc-too-old" not in {f["id"] for f in document["findings"]}


def test_glibc_as_ldd_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    machine = "--os linux --python 3.11 --glibc 'ldd (GNU libc) 2.17' --driver 570.86.15"
    _, document = described(capsys, machine + " --tf 2.21.0")
    evidence = next(f["evidence"] for f in document["findings"] if f["id"] == "glibc-too-old")
    assert evidence == ["TensorFlow 2.21.0: needs glibc ≥ 2.27, found 2.17"]


@pytest.mark.parametrize("named", ["CentOS 7", "CentOS Linux 7 (Core)", "RHEL 7.9", "centos7"])
def test_a_release_named_by_os_states_its_glibc(
    capsys: pytest.CaptureFixture[str], named: str
) -> None:
    # CentOS and RHEL 7 ship glibc 2.17 (https://docs.linuxgsm.com/requirements/glibc); 2.21.0's
    # wheel is manylinux_2_27, so pip there finds no 2.21.0 to install
    machine = f"--os '{named}' --python 3.11 --gpu 'Tesla V100-SXM2-32GB' --driver 570.86.15"
    _, document = described(capsys, machine)
    assert document["tensorflow"] == "2.20.0"
    glibc = next(f for f in document["findings"] if f["id"] == "glibc-too-old")
    assert glibc["evidence"] == ["TensorFlow 2.21.0: needs glibc ≥ 2.27, found 2.17"]
    assert "glibc" not in {a["fact"] for a in document["assumptions"]}


@pytest.mark.parametrize(
    "machine",
    [
        "--os 'Ubuntu 22.04' --glibc 2.17",  # the stated glibc decides
        "--os 'Ubuntu 22.04.4 LTS'",
        "--os 'Ubuntu 20.04 on WSL 2'",
        "--os 'Rocky Linux 9.3'",
        "--os 'AlmaLinux 9'",  # (review 72: refused before, the name runs into 'Linux')
    ],
)
def test_glibc_stated_or_new_enough_by_the_release(
    capsys: pytest.CaptureFixture[str], machine: str
) -> None:
    _, document = described(capsys, machine + " --python 3.11 --driver 570.86.15")
    glibc_found = "glibc-too-old" in {f["id"] for f in document["findings"]}
    assert glibc_found == ("--glibc 2.17" in machine)


def test_an_unknown_os_is_still_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--no-probe", "--os", "plan9")
    assert code == 2
    assert "invalid choice: 'plan9'" in one_line_error(err)


@pytest.mark.parametrize("named", ["wsl1", "WSL 1", "Windows Subsystem for Linux 1"])
def test_wsl_1_is_refused_with_how_to_get_wsl_2(
    capsys: pytest.CaptureFixture[str], named: str
) -> None:
    # WSL 1 has no GPU support (https://docs.nvidia.com/cuda/wsl-user-guide/index.html): a
    # plan for WSL 2 would be for another machine
    code, _, err = run(capsys, "--no-probe", "--os", named)
    assert code == 2
    assert "wsl --set-version <name> 2" in one_line_error(err)


@pytest.mark.parametrize("named", ["wsl", "WSL2", "Ubuntu 22.04 on WSL 2"])
def test_wsl_without_a_version_or_2_is_wsl_2(
    capsys: pytest.CaptureFixture[str], named: str
) -> None:
    code, document = described(capsys, f"--os '{named}' --python 3.12")
    # WSL 2's driver library folder goes on the loader path
    assert code == 0 and "/usr/lib/wsl/lib" in json.dumps(document["activate"])


@pytest.mark.parametrize(("bare", "severity"), [((0,), "warning"), ((0, 1, 2, 3), "error")])
def test_a_gpu_in_mig_mode_without_instances_shows_cuda_no_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bare: tuple[int, ...], severity: str
) -> None:
    # the recorded MIG host, its MIG instances destroyed ('nvidia-smi mig -dci -dgi'): a GPU in
    # MIG mode shows CUDA only its instances (NVIDIA's MIG user guide)
    document = probe(recorded_host("mig-a100")).to_jsonable()
    for gpu in document["gpus"]:
        if gpu["index"] in bare:
            gpu["mig_mode"], gpu["mig_devices"] = "enabled", []
    path = tmp_path / "mig.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _, doc = run_json(capsys, "--facts", str(path))
    mig = next(f for f in doc["findings"] if f["id"] == "no-nvidia-gpu")
    assert mig["severity"] == severity and "no MIG instance" in mig["title"]
    assert len(mig["evidence"]) == len(bare)


def test_a_gpu_split_into_mig_instances_is_no_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, doc = run_json(capsys, "--facts", str(facts_file(tmp_path, "mig-a100")))
    assert "no-nvidia-gpu" not in {f["id"] for f in doc["findings"]}


@pytest.mark.parametrize("cc", ["99.9", "0.5", "14.0"])
def test_a_compute_capability_no_gpu_has_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], cc: str
) -> None:
    """'--gpu 99.9' planned a GPU with PTX JIT: a typing slip, not a GPU (review 62)."""
    code = main(["plan", "--no-probe", "--os", "linux", "--python", "3.11", "--gpu", cc])
    err = one_line_error(capsys.readouterr().err)
    assert code == ExitCode.INPUT and f"--gpu '{cc}'" in err and "cuda-gpus" in err
    # the generation after the newest known is still planned for (a GPU newer than the table)
    assert main(["plan", "--no-probe", "--os", "linux", "--python", "3.11", "--gpu", "13.0"]) == 0
    capsys.readouterr()


def test_apples_plug_in_is_pinned_to_the_release_its_table_pairs_with_the_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'pip install tensorflow-metal' takes the newest plug-in, which stops 'import tensorflow'
    on 2.12; Apple's table pairs 2.12 with 0.8.0 (review 66, macOS A06)."""
    _, doc = described(capsys, "--os macos --arch arm64 --python 3.9 --tf 2.12")
    pins = {(p["name"], p["version"]) for p in doc["packages"]}
    assert {("tensorflow-macos", "2.12.0"), ("tensorflow-metal", "0.8.0")} <= pins


def test_a_mac_whose_chip_is_not_stated_is_planned_with_that_assumption_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Mac's chip decides its wheels (Apple silicon's from 2.13, Intel's to 2.16): planning
    one without it says what was assumed and how to confirm it (review 66, macOS A19)."""
    _, doc = described(capsys, "--os macos --python 3.12")
    arch = [a for a in doc["assumptions"] if a["fact"] == "arch"]
    assert arch and "uname -m" in arch[0]["confirm"]


@pytest.mark.parametrize("value", ["", " , "])
def test_a_gpu_flag_that_names_no_gpu_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """'--gpu ""' read as 'no NVIDIA GPU' (exit 10, an error about a statement nobody made);
    an empty --driver or --cudnn is already refused (review 66, stated facts e14, e20)."""
    code = main(["plan", "--no-probe", "--os", "linux", "--python", "3.11", "--gpu", value])
    assert code == ExitCode.USAGE and "names no GPU" in one_line_error(capsys.readouterr().err)


def test_an_arm_server_is_not_planned_a_release_pip_cannot_install_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 72, tensorflow#60204) 2.11.1's aarch64 wheels need tensorflow-cpu-aws==2.11.1,
    # which PyPI has for cp37 only: on a Graviton with Python 3.10, 2.11.0 is what installs
    _, document = described(capsys, "--os linux --arch aarch64 --python 3.10 --tf 2.11")
    assert document["tensorflow"] == "2.11.0"


def test_apple_silicon_under_2_18_gets_the_metal_plug_in_that_goes_with_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 72, tensorflow#84167) tensorflow-metal 1.1.0 beside 2.18 fails; 1.2.0 goes with it
    _, document = described(capsys, "--os macos --arch arm64 --python 3.11 --tf 2.18")
    assert ("tensorflow-metal", "1.2.0") in {
        (p["name"], p["version"]) for p in document["packages"]
    }


def test_a_metal_pin_without_a_wheel_for_the_python_is_not_offered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # (review 73) tensorflow-metal 1.1.0, 2.16's, has no cp312 wheel: say so, not 'pip install'
    _, document = described(capsys, "--os macos --arch arm64 --python 3.12 --tf 2.16")
    fix = document["findings"][0]["fix"]
    assert "pip install tensorflow-metal==1.1.0" not in fix and "--python 3.11" in fix


def test_an_architecture_only_assumed_is_no_error_and_the_install_blocker_leads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # prism-oncology/sopa#316: a Mac, Python 3.13, 2.18.1 asked for; nobody said Intel or Apple
    code, doc = described(capsys, "--os macos --python 3.13 --tf 2.18.1")
    assert code == ExitCode.NO_TENSORFLOW
    first = doc["findings"][0]
    assert first["id"] == "python-unsupported" and first["severity"] == "error"
    platform = next(f for f in doc["findings"] if f["id"] == "platform-unsupported")
    assert platform["severity"] == "warning" and "not stated" in platform["title"]
    # macOS's lack of CUDA is true, but the install is what to mend first
    cuda = next(f for f in doc["findings"] if f["id"] == "macos-no-cuda")
    assert cuda["severity"] == "warning"
    # stated, the same architecture is evidence
    _, intel = described(capsys, "--os macos --arch x86_64 --python 3.12 --tf 2.18.1")
    assert intel["findings"][0]["id"] == "platform-unsupported"
    assert intel["findings"][0]["severity"] == "error"


def test_no_cuda_mismatch_is_held_against_a_windows_release_without_a_gpu_build(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # tensorflow#61288: 2.13 on native Windows loads no CUDA, so CUDA 11.2 mismatches nothing
    machine = (
        "--os windows --python 3.10 --tf 2.13 --gpu 'GeForce GTX 1050 Ti' --cuda-toolkit 11.2"
        " --cudnn 8.6.0"
    )
    _, doc = described(capsys, machine)
    ids = [f["id"] for f in doc["findings"]]
    assert ids[0] == "windows-native-gpu-unsupported"
    assert "cuda-version-mismatch" not in ids and "cudnn-version-mismatch" not in ids


def test_native_windows_on_a_newer_python_gets_a_gpu_plan_with_the_python_to_install(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 2.10 is native Windows' last GPU build and stops at Python 3.10: a Python to install and
    # the system CUDA it loads are both the user's steps, as on Linux a Python alone is
    machine = "--os windows --python 3.12 --gpu 'NVIDIA GeForce RTX 4070' --driver 566.36"
    code, doc = described(capsys, machine)
    assert code == ExitCode.OK and doc["verdict"] == "gpu"
    assert doc["tensorflow"] == "2.10.1" and doc["python"] == "3.10"
    assert doc["findings"][0]["id"] == "python-unsupported"
    wsl = next(f for f in doc["findings"] if f["id"] == "windows-native-gpu-unsupported")
    assert "WSL2" in wsl["fix"]


@pytest.mark.parametrize("name", ["RX580", "RX 6700 XT", "Radeon R6/R7"])
def test_amd_cards_written_without_the_maker_are_read_as_amd_gpus(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Threads write AMD's cards without 'AMD' or 'Radeon' (review 82, other GPUs C19): a CPU
    plan for a GPU of another maker, not an unknown-name error (exit 3)."""
    code, doc = described(capsys, f"--os linux --gpu {shlex.quote(name)}")
    assert code == ExitCode.CPU_ONLY and doc["verdict"] == "cpu"


def test_nodevfiles_set_without_a_scheduler_is_told_how_to_name_the_gpus(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """TensorFlowOnSpark#79: NoDevFiles, with no Slurm in sight; 'export
    CUDA_VISIBLE_DEVICES=0,1' fixed it."""
    _, doc = described(capsys, "--os linux --env CUDA_VISIBLE_DEVICES=NoDevFiles")
    hidden = next(f for f in doc["findings"] if f["id"] == "cuda-visible-devices-hides-gpus")
    assert "--gres=gpu" in hidden["fix"] and "CUDA_VISIBLE_DEVICES=0,1" in hidden["fix"]


def test_a_release_asked_beyond_the_driver_names_the_newest_it_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """AlphaPulldown#296: 2.16.1 asked beside a driver for CUDA 11.8; pinning 2.14, the last
    CUDA 11 build, fixed it (review 83)."""
    _, doc = described(capsys, "--os linux --tf 2.16.1 --cuda-driver 11.8")
    old = next(f for f in doc["findings"] if f["id"] == "driver-too-old")
    assert "TensorFlow 2.14.1 is the newest whose GPU build it runs" in old["fix"]
    # without a release asked, the plan picks that release itself: nothing to add
    _, doc = described(capsys, "--os linux --cuda-driver 11.8")
    assert all("keep this driver" not in f["fix"] for f in doc["findings"])


def test_a_container_plan_asks_to_confirm_the_container_was_started_with_the_gpu(capsys):
    # review 86: '--container' alone changed nothing in the plan, though nvidia-smi exists in a
    # container only when it was started with the GPU
    _, doc = described(capsys, "--os linux --container --python 3.11")
    driver = next(a for a in doc["assumptions"] if a["fact"] == "driver")
    assert "container started with the GPU" in driver["assumed"]
    assert "--gpus all" in driver["confirm"] and "nvidia.com/gpu" in driver["confirm"]
    _, bare = described(capsys, "--os linux --no-container --python 3.11")
    driver = next(a for a in bare["assumptions"] if a["fact"] == "driver")
    assert "container" not in driver["assumed"] + driver["confirm"]
