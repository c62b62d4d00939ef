"""Unknown is not absent: what nobody measured or stated stays unknown, and only evidence
makes a fact absent. Plans with unknowns still plan, and say what they assumed."""

from __future__ import annotations

import dataclasses
import json

from conftest import fixture_matrix

from tfgpu_setup.facts import FACT_NAMES, Facts
from tfgpu_setup.findings import Severity
from tfgpu_setup.planner import Request, make_plan
from tfgpu_setup.planner.judge import judge_installed
from tfgpu_setup.versions import parsed
from tfgpu_setup.whatif import Overrides, apply_overrides, baseline_facts

MATRIX = fixture_matrix()
VENV = "/home/ada/.venv-tf"


def whatif(**flags: object) -> Facts:
    return apply_overrides(baseline_facts(), Overrides(no_probe=True, **flags), MATRIX)  # type: ignore[arg-type]


def errors(facts: Facts, tf: str | None = None) -> list[str]:
    plan = make_plan(facts, MATRIX, Request(tf=tf, venv=VENV))
    return [f.id for f in plan.findings if f.severity is Severity.ERROR]


def test_no_probe_alone_knows_nothing_and_blames_nothing() -> None:
    facts = whatif()
    assert set(facts.unknown) == set(FACT_NAMES)
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.verdict == "gpu"
    assert errors(facts) == []
    assumed = {a.fact for a in plan.assumptions}
    assert {"os", "pythons", "driver", "gpus"} <= assumed
    assert all(a.confirm for a in plan.assumptions)


def test_an_unstated_python_is_assumed_and_said_so() -> None:
    facts = whatif(os="linux", driver="535.129.03", gpus=("NVIDIA L4",))
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    newest = max(MATRIX.tensorflow.releases, key=lambda r: parsed(r.version))
    assert (plan.verdict, plan.tensorflow) == ("gpu", newest.version)
    assert plan.python in newest.python
    assert [a.fact for a in plan.assumptions] == ["arch", "pythons", "glibc"]
    python = next(d for d in plan.decisions if d.subject.startswith("python"))
    assert python.reason.startswith("assumed")


def test_explicit_absence_is_evidence() -> None:
    facts = whatif(os="linux", pythons=("3.11",), driver="none", gpus=("none",))
    assert facts.knows("driver") and facts.knows("gpus")
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.verdict == "cpu"
    # No GPU is the deeper cause: a driver would not help a machine without one, and none is
    # what a machine without a GPU should have (a note, not a warning to install one)
    assert [(f.id, f.severity) for f in plan.findings[:2]] == [
        ("no-nvidia-gpu", Severity.ERROR),
        ("no-nvidia-driver", Severity.INFO),
    ]


def test_a_stated_absent_gpu_is_evidence_without_a_driver() -> None:
    facts = whatif(os="linux", pythons=("3.11",), gpus=("none",))
    assert not facts.knows("driver")
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.verdict == "cpu"
    assert plan.findings[0].id == "no-nvidia-gpu"
    assert plan.findings[0].severity is Severity.ERROR
    # Without a GPU, the driver it would need is nothing to confirm.
    assert "driver" not in [a.fact for a in plan.assumptions]


def test_a_probe_without_a_driver_does_not_claim_no_gpu() -> None:
    # The probe's empty GPU list on a machine without a driver is no evidence: nothing could ask.
    facts = whatif(os="linux", pythons=("3.11",), driver="none")
    facts = dataclasses.replace(facts, unknown=(), gpus_reason="no NVIDIA driver was found")
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.findings[0].id == "no-nvidia-driver"
    assert "no-nvidia-gpu" not in [f.id for f in plan.findings]


def test_a_stated_driver_without_gpus_asks_to_confirm_the_gpu() -> None:
    facts = whatif(os="linux", pythons=("3.11",), driver="550.54.15")
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.verdict == "gpu"
    assert "no-nvidia-gpu" not in [f.id for f in plan.findings]
    assert [a.fact for a in plan.assumptions] == ["arch", "glibc", "gpus"]


def test_a_partial_facts_document_leaves_the_rest_unknown() -> None:
    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
        "pythons": [{"version": "3.11.9", "path": "/usr/bin/python3.11", "source": "PATH"}],
    }
    facts = Facts.from_jsonable(doc)
    assert not facts.knows("driver") and not facts.knows("gpus") and not facts.knows("container")
    assert facts.knows("glibc") and facts.knows("pythons")
    assert errors(facts) == []
    again = Facts.from_json(facts.to_json())
    assert again.unknown == facts.unknown  # the JSON document shows the three states


def test_a_facts_document_with_annotations_or_nulls_loads_with_those_unknown() -> None:
    """A key this tool does not know (an annotation, a field of a newer probe under the same
    schema version) is ignored with a note; null where a field takes none (a driver, a GPU
    list) reads as left out, and a driver whose source is 'unknown' is not one known absent."""
    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "hostname": "node7",
        "platform": {"os": "linux", "arch": "x86_64", "distro_codename": "bookworm"},
        "driver": {"version": None, "cuda_version": None, "source": "unknown"},
        "gpus": None,
        "pythons": [{"version": "3.11.9", "path": "/usr/bin/python3.11", "source": "PATH"}],
    }
    facts = Facts.from_jsonable(doc)
    assert not facts.knows("driver") and not facts.knows("gpus")
    assert facts.knows("pythons")
    assert errors(facts) == []
    note = next(n for n in facts.notes if n.source == "facts document")
    assert "hostname" in note.message and "platform.distro_codename" in note.message


def test_a_hand_written_gpu_list_numbers_its_entries_and_the_command_says_what_it_ignored(
    tmp_path, capsys
) -> None:
    """(review 58) a GPU written as nvidia-smi names it, without 'index', is the GPU at that
    place in the list; an unknown key is ignored with a warning the user sees (a misspelt one
    leaves its fact unknown)."""
    from tfgpu_setup.cli import main

    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "hostname": "gpu-node-07",
        "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
        "driver": {"version": "550.127.05", "cuda_version": "12.4", "source": "nvidia-smi"},
        "gpus": [
            {"name": "NVIDIA L40S", "compute_capability": "8.9"},
            {"name": "NVIDIA L40S", "compute_capability": "8.9", "serial": "1324"},
        ],
    }
    path = tmp_path / "node7.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert [g.index for g in Facts.from_jsonable(doc).gpus] == [0, 1]
    assert main(["plan", "--facts", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["verdict"] == "gpu"
    assert err.strip() == (
        f"warning: {path}: ignored fields this tool does not know: hostname, gpus[1].serial"
    )


def test_a_full_old_facts_document_stays_fully_known() -> None:
    """Documents written before 'unknown' existed came from a full probe: every key is there."""
    facts = whatif(os="linux", pythons=("3.11",), driver="none", gpus=("none",))
    doc = json.loads(dataclasses.replace(facts, unknown=(), env={}).to_json())
    del doc["unknown"]
    assert Facts.from_jsonable(doc).unknown == ()


def test_a_bare_cuda_or_cudnn_major_is_what_people_write() -> None:
    """'CUDA 9', 'cuDNN 7': a bare major is X.0 (a driver needs its full version, as
    nvidia-smi prints it: a branch alone does not say whether it meets a floor like 410.48)."""
    from tfgpu_setup.cli import build_parser

    args = build_parser().parse_args(["plan", "--no-probe", "--cuda-toolkit", "9", "--cudnn", "7"])
    assert (args.cuda_toolkit, args.cudnn) == ("9", "7")
    facts = whatif(os="linux", pythons=("3.6",), cuda_toolkit="9", cudnn="7")
    assert [c.version for c in facts.cuda] == ["9"] and [c.version for c in facts.cudnn] == ["7"]
    plan = make_plan(facts, MATRIX, Request(venv=VENV, tf="2.0"))
    assert "cuda-version-mismatch" in [f.id for f in plan.findings]  # 2.0 wants CUDA 10.0


def test_gpus_as_reporters_state_them() -> None:
    """A list with counts, a compute capability written beside a name, another maker's GPU."""
    listed = whatif(os="linux", gpus=("NVIDIA RTX 5070 Ti, 2x 3090",))
    assert [g.compute_capability for g in listed.gpus] == ["12.0", "8.6"]
    written = whatif(os="linux", gpus=("RTX 5000 series (compute capability 12.0)",))
    assert [g.compute_capability for g in written.gpus] == ["12.0"]
    mixed = whatif(os="linux", gpus=("Intel UHD 620 and NVIDIA MX150",))
    assert [g.compute_capability for g in mixed.gpus] == ["6.1"]
    assert mixed.other_gpus == ("Intel UHD 620",)
    # a name ending in X and a digit is no count of cards
    assert [g.compute_capability for g in whatif(gpus=("Jetson TX2",)).gpus] == ["6.2"]
    assert [g.compute_capability for g in whatif(gpus=("RTX 3090 x2",)).gpus] == ["8.6"]
    amd = whatif(os="linux", gpus=("AMD Radeon RX 580",))
    assert amd.knows("gpus") and amd.gpus == () and amd.other_gpus == ("AMD Radeon RX 580",)
    for named in ("Vega 8", "Instinct MI250", "Intel Arc B580"):  # by model name alone
        assert whatif(os="linux", gpus=(named,)).other_gpus == (named,)


def test_a_driver_branch_alone_is_judged_only_where_the_branch_decides() -> None:
    # "driver 450": any 450.xx release. TensorFlow 2.5 needs 450.80.02 or newer (CUDA 11.2 by
    # minor-version compatibility): a 450 branch may be that, a 418 one cannot.
    def driver_errors(driver: str) -> list[str]:
        facts = whatif(os="linux", pythons=("3.8",), driver=driver)
        plan = make_plan(facts, MATRIX, Request(venv=VENV, tf="2.5"))
        return [f.id for f in plan.findings if f.severity is Severity.ERROR]

    assert "driver-too-old" not in driver_errors("450")
    assert "driver-too-old" in driver_errors("418")


def test_only_the_library_known_missing_is_named() -> None:
    # An installed TensorFlow 2.12 loads the system's CUDA 11.8 and cuDNN 8.6. Stated: no cuDNN;
    # CUDA not stated. The cause is the missing cuDNN, and no finding claims CUDA is missing.
    facts = whatif(os="linux", pythons=("3.10",), cudnn="none")
    judged = judge_installed(facts, MATRIX, "2.12", VENV)
    # (a warning: NVIDIA's cu11 cuDNN wheel may serve it from an environment nobody looked into)
    assert judged[0].id == "cudnn-not-found"
    assert [f.id for f in judged if f.severity is Severity.ERROR] == []
    assert not any("CUDA none" in e for f in judged for e in f.evidence)
    # Both stated missing: one finding, for CUDA, the deeper of the two, naming both.
    facts = whatif(os="linux", pythons=("3.10",), cudnn="none", cuda_toolkit="none")
    judged = judge_installed(facts, MATRIX, "2.12", VENV)
    assert [f.id for f in judged] == ["cuda-libs-not-found"]
    assert "cuDNN 8.6" in judged[0].title


def test_a_jetson_or_grace_gpu_makes_the_machine_arm() -> None:
    facts = whatif(os="linux", pythons=("3.10",), gpus=("Jetson AGX Orin",))
    assert facts.knows("arch") and facts.platform.arch == "aarch64"
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert plan.verdict == "cpu" and plan.findings[0].id == "cpu-only-tensorflow"
    # An installed TensorFlow on a Jetson is most likely NVIDIA's JetPack build, with CUDA:
    # nobody looked, so the PyPI wheel's lack of CUDA is a likelihood, not the cause.
    judged = judge_installed(facts, MATRIX, "2.9", VENV)
    assert [(f.id, f.severity) for f in judged] == [("cpu-only-tensorflow", Severity.WARNING)]
    # A stated architecture stands.
    facts = whatif(os="linux", arch="x86_64", pythons=("3.10",), gpus=("Jetson AGX Orin",))
    assert facts.platform.arch == "x86_64"


def test_a_hand_written_entry_may_leave_out_what_it_does_not_know() -> None:
    """(review 59) A driver written without 'cuda_version', a Python without 'path' or
    'source': left out is unknown, as a null is; it was refused field by field before."""
    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
        "driver": {"version": "550.127.05", "source": "nvml"},
        "pythons": [{"version": "3.11.9"}],
        "gpus": [{"name": "NVIDIA GeForce RTX 4070"}],
    }
    facts = Facts.from_jsonable(doc)
    assert (facts.driver.version, facts.driver.cuda_version) == ("550.127.05", None)
    assert [(p.version, p.path, p.source) for p in facts.pythons] == [
        ("3.11.9", None, "facts document")
    ]
    plan = make_plan(
        apply_overrides(facts, Overrides(), MATRIX), MATRIX, Request(venv=VENV, python="3.11")
    )
    assert (plan.verdict, plan.python) == ("gpu", "3.11")


def test_a_hand_written_cuda_or_cudnn_entry_needs_only_its_version() -> None:
    """(review 63) '{"version": "10.1", "path": ...}' was refused for its missing 'kind': a
    version written by hand is a toolkit (or a cuDNN library) of that version."""
    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.23"},
        "driver": {"version": "418.87.01"},
        "pythons": [{"version": "3.6.9"}],
        "gpus": [{"name": "Tesla V100-SXM2-16GB"}],
        "cuda": [{"version": "10.1", "path": "/usr/local/cuda-10.1"}],
        "cudnn": [{"version": "7.6.5"}],
    }
    facts = Facts.from_jsonable(doc)
    assert [(c.version, c.kind) for c in facts.cuda] == [("10.1", "toolkit")]
    assert [(c.version, c.kind) for c in facts.cudnn] == [("7.6.5", "library")]


def test_an_empty_gpu_list_written_by_hand_says_there_is_no_gpu() -> None:
    doc = {"schema": "tfgpu-setup/facts", "schema_version": 1, "gpus": []}
    facts = Facts.from_jsonable(doc)
    assert facts.gpus_absent()
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert (plan.verdict, plan.findings[0].id) == ("cpu", "no-nvidia-gpu")


def test_an_arm_board_in_a_facts_document_without_a_platform_makes_it_arm() -> None:
    """The GPU list of a facts file says what --gpu says: a GH200 is an aarch64 machine."""
    doc = {
        "schema": "tfgpu-setup/facts",
        "schema_version": 1,
        "driver": {"version": "560.35.03", "cuda_version": "12.6", "source": "nvidia-smi"},
        "pythons": [{"version": "3.12.3", "path": "/usr/bin/python3", "source": "PATH"}],
        "gpus": [{"name": "NVIDIA GH200 480GB"}],
    }
    facts = apply_overrides(Facts.from_jsonable(doc), Overrides(), MATRIX)
    assert facts.platform.arch == "aarch64" and "facts' GPU list" in facts.platform.source
    plan = make_plan(facts, MATRIX, Request(venv=VENV))
    assert (plan.verdict, plan.findings[0].id) == ("cpu", "cpu-only-tensorflow")


def test_a_linux_numbered_driver_stated_for_wsl2_is_read_in_linux_numbering() -> None:
    """WSL 2's nvidia-smi shows the Windows driver's two-part number (528.49); a three-part
    number (525.85.12) is a Linux driver's, whose CUDA comes from NVIDIA's Linux column: CUDA
    12.0, not the 11.8 a Windows 525 would be (review 64, P29)."""
    linux = whatif(os="wsl2", driver="525.85.12")
    assert (linux.driver.cuda_version, linux.driver.windows_numbering) == ("12.0", False)
    windows = whatif(os="wsl2", driver="528.49")
    assert (windows.driver.cuda_version, windows.driver.windows_numbering) == ("12.0", True)
    assert whatif(os="wsl2", driver="525.60").driver.cuda_version == "11.8"


def test_a_windows_cudnn_of_8_3_or_later_asks_to_confirm_zlibwapi() -> None:
    """cuDNN for Windows needs zlibwapi.dll from 8.3 on (NVIDIA's install guide), which the
    doctor reads as a failed run: the plan for the same machine says what it assumed (review
    64, P13)."""
    machine = dict(
        os="windows",
        pythons=("3.9",),
        gpus=("NVIDIA GeForce GTX 1660 SUPER",),
        driver="522.06",
        cuda_toolkit="11.8",
    )
    plan = make_plan(whatif(**machine, cudnn="8.6.0"), MATRIX, Request(venv=VENV))
    assert plan.verdict == "gpu"
    zlib = [a for a in plan.assumptions if "zlibwapi.dll" in a.assumed]
    assert zlib and "where zlibwapi.dll" in zlib[0].confirm
    older = make_plan(whatif(**machine, cudnn="8.1.1"), MATRIX, Request(venv=VENV))
    assert not any("zlibwapi" in a.assumed for a in older.assumptions)


def test_a_cpu_plan_on_wsl2_without_a_driver_does_not_send_the_user_to_lspci() -> None:
    """WSL 2's lspci never lists the NVIDIA GPU (microsoft/WSL#5485): where to look is
    Windows' own device list (review 64, P9)."""
    plan = make_plan(whatif(os="wsl2", driver="none"), MATRIX, Request(venv=VENV))
    gpus = next(a for a in plan.assumptions if a.fact == "gpus")
    assert "lspci" not in gpus.confirm.split("(")[0] and "Device Manager" in gpus.confirm
    linux = make_plan(whatif(os="linux", driver="none"), MATRIX, Request(venv=VENV))
    assert "lspci" in next(a for a in linux.assumptions if a.fact == "gpus").confirm


def test_a_stated_cuda_home_is_where_a_stated_toolkit_lives() -> None:
    """An HPC module's CUDA 11.8 under /apps/cuda/11.8, stated with CUDA_HOME: the plan's
    activate script was pointing LD_LIBRARY_PATH and XLA at /usr/local/cuda-11.8, which the
    facts do not show exists (review 65, cloud P18b)."""
    f = whatif(os="linux", cuda_toolkit="11.8", env={"CUDA_HOME": "/apps/cuda/11.8/"})
    assert [c.path for c in f.cuda] == ["/apps/cuda/11.8"]
    assert [c.path for c in whatif(os="linux", cuda_toolkit="11.8").cuda] == [
        "/usr/local/cuda-11.8"
    ]
    # a relative value says nothing of the folder
    relative = whatif(os="linux", cuda_toolkit="11.8", env={"CUDA_HOME": "cuda"})
    assert [c.path for c in relative.cuda] == ["/usr/local/cuda-11.8"]
