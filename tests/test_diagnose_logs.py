"""The doctor's log reading, tested on real TensorFlow logs quoted in public issues.

Each log under tests/fixtures/logs is a verbatim excerpt; the issue it comes from stands next to
its file name below (and in tests/fixtures/logs/README.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import fixture_matrix

from tfgpu_setup.diagnose.logs import (
    MAX_EVIDENCE,
    diagnose_log,
    match_log,
)
from tfgpu_setup.diagnose.paste import unwrap
from tfgpu_setup.diagnose.signatures import (
    CATALOGUE,
    Signature,
    cudnn_version,
    library_version,
)
from tfgpu_setup.findings import FINDING_IDS, Finding, Severity

LOGS = Path(__file__).parent / "fixtures" / "logs"


DEFECTS = fixture_matrix().tensorflow.defects
"""The shipped matrix's known defects: some lines mean something else on an affected release."""


def _findings(text: str, tf_version: str | None = None) -> tuple[Finding, ...]:
    return diagnose_log(text, tf_version, DEFECTS).findings


def read_log(name: str) -> str:
    return (LOGS / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    log: str
    source: str
    top_id: str
    severity: Severity
    values: dict[str, str] = field(default_factory=dict)
    """Values the top finding's lines must have extracted, each also shown in its title."""
    tf_version: str | None = None

    def __str__(self) -> str:
        return self.log


CASES = [
    Case(
        "kaggle-cusolver11-missing.log",
        "https://github.com/Kaggle/docker-python/issues/1164",
        "cuda-libs-not-found",
        Severity.ERROR,
        {"lib": "libcusolver.so.11", "lib_version": "11"},
    ),
    Case(
        "nvidia-tf-cusolver-needs-nvjitlink.log",
        "https://github.com/NVIDIA/tensorflow/issues/110",
        "cuda-libs-not-found",
        Severity.ERROR,
        {
            "lib": "libcusolver.so.11",
            "dlerror": "libnvJitLink.so.12: cannot open shared object"
            " file: No such file or directory",
        },
    ),
    Case(
        "styleclip-cuda10-libs-missing.log",
        "https://github.com/orpatashnik/StyleCLIP/issues/20",
        "cuda-libs-not-found",
        Severity.ERROR,
        {"lib": "libcudart.so.10.0", "lib_version": "10.0"},
    ),
    Case(
        "windows-cudart64-110-missing.log",
        "https://github.com/thanh-guong/master-thesis/issues/7",
        "cuda-libs-not-found",
        Severity.ERROR,
        {"lib": "cudart64_110.dll", "lib_version_note": " (CUDA 11.x)"},
    ),
    Case(
        "windows-tf21rc0-cuda101-dlls-missing.log",
        "https://github.com/tensorflow/tensorflow/issues/34736",
        "cuda-libs-not-found",
        Severity.ERROR,
        {"lib": "cudart64_101.dll", "lib_version": "10.1"},
    ),
    Case(
        "cudnn7-missing-ld-path-trailing-colon.log",
        "https://github.com/tensorflow/tensorflow/issues/42309",
        "cudnn-not-found",
        Severity.ERROR,
        {"lib": "libcudnn.so.7", "lib_version": "7"},
    ),
    Case(
        "unable-to-load-cudnn-dso-tf0.log",
        "https://github.com/tensorflow/tensorflow/issues/62",
        "cudnn-not-found",
        Severity.ERROR,
    ),
    Case(
        "cannot-dlopen-generic-tf212.log",
        "https://github.com/tensorflow/tensorflow/issues/60646",
        "cuda-libs-not-found",
        Severity.ERROR,
        tf_version="2.12.0",
    ),
    Case(
        "cudart-stub-tf213.log",
        "https://github.com/tensorflow/tensorflow/issues/66750",
        "cuda-libs-not-found",
        Severity.ERROR,
        tf_version="2.13.1",
    ),
    Case(
        "xla-gpu-only-tf114.log",
        "https://github.com/tensorflow/tensorflow/issues/30748",
        "cuda-libs-not-found",
        Severity.ERROR,
    ),
    Case(
        "driver-insufficient-keras-tf1.log",
        "https://github.com/jade-hpc-gpu/jade-hpc-gpu.github.io/issues/81",
        "driver-too-old",
        Severity.ERROR,
    ),
    Case(
        "docker-no-device-kernel-dso-mismatch.log",
        "https://github.com/tensorflow/tensorflow/issues/48722",
        "driver-library-mismatch",
        Severity.ERROR,
        {"kernel": "455.32.0", "dso": "460.73.1"},
    ),
    Case(
        "kernel-dso-mismatch-352-361.log",
        "https://github.com/tensorflow/tensorflow/issues/4768",
        "driver-library-mismatch",
        Severity.ERROR,
        {"kernel": "352.63.0", "dso": "361.93.2"},
    ),
    Case(
        "compat-not-supported-nvml-mismatch.log",
        "https://github.com/tensorflow/tensorflow/issues/4349",
        "driver-library-mismatch",
        Severity.ERROR,
        {"kernel": "460.91.3", "dso": "470.57.2"},
    ),
    Case(
        "no-device-kernel-driver-not-running.log",
        "https://github.com/tensorflow/tensorflow/issues/44869",
        "no-nvidia-driver",
        Severity.ERROR,
        {"host": "16c54693e7f2"},
    ),
    Case(
        "no-device-dev-nvidia0-missing.log",
        "https://github.com/deepmedic/deepmedic/issues/128",
        "no-nvidia-gpu",
        Severity.ERROR,
    ),
    Case(
        "docker-cuinit-unknown-minus1-xla-gpu.log",
        "https://github.com/NVIDIA/nvidia-docker/issues/904",
        "no-nvidia-gpu",
        Severity.ERROR,
    ),
    Case(
        "cuinit-unknown-xla-gpu-tf112.log",
        "https://github.com/tensorflow/tensorflow/issues/24243",
        "no-nvidia-driver",
        Severity.ERROR,
        {"code": "CUDA_ERROR_UNKNOWN"},
    ),
    Case(
        "cuinit-unknown-303.log",
        "https://github.com/mljar/mljar-supervised/issues/107",
        "no-nvidia-driver",
        Severity.ERROR,
        {"code": "UNKNOWN ERROR (303)"},
    ),
    Case(
        "tf221-no-driver-recorded-here.log",
        "recorded by tfgpu-setup verify: TensorFlow 2.21.0 from PyPI on a machine without a GPU",
        "no-nvidia-driver",
        Severity.ERROR,
        {"code": "UNKNOWN ERROR (303)"},
    ),
    Case(
        "cuinit-stub-library-34.log",
        "https://github.com/cms-sw/cmssw/issues/42657",
        "ld-library-path-shadows",
        Severity.ERROR,
        {"code": "UNKNOWN ERROR (34)"},
    ),
    Case(
        "no-device-driver-matches-slurm.log",
        "https://github.com/tensorflow/tensorflow/issues/62494",
        "cuda-visible-devices-hides-gpus",
        Severity.ERROR,
    ),
    Case(
        "cudnn-mismatch-804-vs-810.log",
        "https://github.com/google-research/deeplab2/issues/66",
        "cudnn-version-mismatch",
        Severity.ERROR,
        {"cudnn_loaded": "8.0.4", "cudnn_compiled": "8.1.0"},
    ),
    Case(
        "cudnn-mismatch-910-vs-930-dnn-init-failed.log",
        "https://github.com/tensorflow/tensorflow/issues/60913",
        "cudnn-version-mismatch",
        Severity.ERROR,
        {"cudnn_loaded": "9.1.0", "cudnn_compiled": "9.3.0"},
    ),
    Case(
        "cudnn-mismatch-old-format-7201.log",
        "https://github.com/endernewton/tf-faster-rcnn/issues/436",
        "cudnn-version-mismatch",
        Severity.ERROR,
        {"cudnn_loaded": "7.2.1", "cudnn_compiled": "7.0.4"},
    ),
    Case(
        "dnn-library-not-found-conv.log",
        "https://github.com/edwardyehuang/CAR/issues/1",
        # The thread's fuller log shows "Loaded runtime CuDNN library: 8.0.4 but source was
        # compiled with: 8.1.0": cuDNN opened and then refused to start.
        "cudnn-version-mismatch",
        Severity.ERROR,
        {"what": "is not found"},
    ),
    Case(
        "h100-ptx-jit-cc90.log",
        "https://github.com/tensorflow/tensorflow/issues/60739",
        "compute-capability-ptx-jit",
        Severity.WARNING,
        {"cc": "9.0"},
    ),
    Case(
        "rtx5080-cc120-invalid-handle.log",
        "https://github.com/tensorflow/tensorflow/issues/97387",
        "compute-capability-unsupported",
        Severity.ERROR,
        {"cc": "12.0"},
    ),
    Case(
        "rtx50-invalid-ptx.log",
        "https://github.com/tensorflow/tensorflow/issues/99592",
        "compute-capability-unsupported",
        Severity.ERROR,
    ),
    Case(
        "gtx970-below-minimum-cc.log",
        "https://github.com/tensorflow/tensorflow/issues/25329",
        "compute-capability-unsupported",
        Severity.ERROR,
        {"gpu": "GeForce GTX 970", "cc": "5.2", "min_cc": "6.0"},
    ),
    Case(
        "t4-unsupported-ptx-version-tf218.log",
        "https://github.com/CY-CHENYUE/ComfyUI-Molmo/issues/26",
        "driver-too-old",
        Severity.ERROR,
    ),
    Case(
        "driver-older-than-ptx-compiler-tf218.log",
        "https://github.com/conda-forge/tensorflow-feedstock/issues/417",
        "ptxas-newer-than-driver",
        Severity.WARNING,
        {"driver_cuda": "12.4", "ptxas": "12.5.82"},
    ),
    Case(
        "xla-libdevice-not-found.log",
        "https://github.com/talmolab/sleap/pull/1485",
        "xla-toolchain-missing",
        Severity.ERROR,
        {"path": "./libdevice.10.bc"},
    ),
    Case(
        "xla-libdevice-dir-warning-rtx3060.log",
        "https://github.com/tensorflow/tensorflow/issues/58859",
        "xla-toolchain-missing",
        Severity.WARNING,
        {"path": "${CUDA_DIR}/nvvm/libdevice"},
    ),
    Case(
        "xla-ptxas-not-found.log",
        "https://github.com/tensorflow/models/issues/9847",
        "xla-toolchain-missing",
        Severity.ERROR,
    ),
    Case(
        "cublas-not-initialized-tf1.log",
        "https://github.com/tensorflow/tensorflow/issues/9489",
        "gpu-out-of-memory",
        Severity.ERROR,
        {"status": "CUBLAS_STATUS_NOT_INITIALIZED"},
    ),
    Case(
        "visible-devices-after-init-datasets.log",
        "https://github.com/huggingface/datasets/issues/6948",
        "device-config-after-init",
        Severity.WARNING,
        {"what": "Visible"},
    ),
]

GPU_WORKS = [
    ("works-gtx1080ti-onednn-guard.log", "https://github.com/tensorflow/tensorflow/issues/56927"),
    ("works-tesla-p40-numa.log", "https://github.com/tensorflow/tensorflow/issues/50110"),
    ("works-gtx1070-t2t.log", "https://github.com/tensorflow/tensor2tensor/issues/1456"),
    (
        "works-rtx3080-tf24-xla-devices-off.log",
        "https://github.com/tensorflow/tensorflow/issues/45070",
    ),
    ("works-tesla-p100-tf12.log", "https://github.com/eth-cscs/production/pull/237"),
    (
        "works-t600-list-physical-devices.log",
        "https://github.com/tensorflow/tensorflow/issues/52144",
    ),
]

NOISE_ONLY = [
    ("noise-factory-trt-numa.log", "https://github.com/kr-colab/ReLERNN/issues/63"),
    ("noise-tensorrt-dlopen-no-gpu.log", "https://github.com/tensorflow/tensorflow/issues/37689"),
]

ALL_LOGS = sorted(p.name for p in LOGS.glob("*.log"))


def top(findings: tuple[Finding, ...]) -> Finding:
    assert findings, "expected at least one finding"
    return findings[0]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_top_finding_names_the_cause(case: Case) -> None:
    diagnosis = diagnose_log(read_log(case.log), case.tf_version)
    first = top(diagnosis.findings)
    assert (first.id, first.severity) == (case.top_id, case.severity)
    assert first.evidence and all(e.startswith("line ") for e in first.evidence)
    assert first.fix and first.source.startswith("https://")
    for name, value in case.values.items():
        assert any(m.groups.get(name) == value for m in diagnosis.matches), (name, value)
        if name != "dlerror":
            assert value in first.title


@pytest.mark.parametrize(("log", "source"), GPU_WORKS)
def test_working_gpu_logs_raise_no_alarm(log: str, source: str) -> None:
    diagnosis = diagnose_log(read_log(log))
    assert diagnosis.gpu_seen
    assert all(
        (f.id, f.severity) == ("benign-log-noise", Severity.INFO) for f in diagnosis.findings
    )


@pytest.mark.parametrize(("log", "source"), NOISE_ONLY)
def test_noise_alone_is_only_info(log: str, source: str) -> None:
    findings = _findings(read_log(log))
    assert findings
    assert {(f.id, f.severity) for f in findings} == {("benign-log-noise", Severity.INFO)}


def test_every_fixture_is_tested_and_listed_with_its_source() -> None:
    tested = {c.log for c in CASES} | {log for log, _ in GPU_WORKS + NOISE_ONLY}
    tested |= {"cudart-stub-factory-spam-intel-ext.log"}
    assert tested == set(ALL_LOGS)
    readme = (LOGS / "README.md").read_text(encoding="utf-8")
    sources = {c.log: c.source for c in CASES} | dict(GPU_WORKS + NOISE_ONLY)
    for log, source in sources.items():
        assert f"{log}` | {source}" in readme


def test_kernel_mismatch_explains_no_device_instead_of_a_second_error() -> None:
    findings = _findings(read_log("docker-no-device-kernel-dso-mismatch.log"))
    assert [f.id for f in findings] == ["driver-library-mismatch"]
    assert "455.32.0" in findings[0].evidence[0]
    assert "reload the nvidia modules" in findings[0].fix


def test_driver_mismatch_hides_the_forward_compat_consequence() -> None:
    findings = _findings(read_log("compat-not-supported-nvml-mismatch.log"))
    assert [f.id for f in findings] == ["driver-library-mismatch"]
    evidence = " ".join(findings[0].evidence)
    assert "Driver/library version mismatch" in evidence
    assert "does not match DSO version" in evidence


def test_missing_kernel_driver_is_the_root_of_no_device() -> None:
    findings = _findings(read_log("no-device-kernel-driver-not-running.log"))
    ids = [f.id for f in findings]
    assert ids[0] == "no-nvidia-driver"
    assert "no-nvidia-gpu" not in ids
    assert findings[0].fix.startswith("Install the NVIDIA driver")


def test_named_library_replaces_the_generic_dlopen_warning() -> None:
    findings = _findings(read_log("nvidia-tf-cusolver-needs-nvjitlink.log"))
    assert [(f.id, f.severity) for f in findings] == [
        ("cuda-libs-not-found", Severity.ERROR),
        ("benign-log-noise", Severity.INFO),  # the libraries that did load
    ]
    assert "libnvJitLink.so.12" in findings[0].title
    assert not any("Cannot dlopen" in e for e in findings[0].evidence)


def test_generic_dlopen_advises_verbose_logging_to_name_the_library() -> None:
    finding = top(_findings(read_log("cannot-dlopen-generic-tf212.log"), "2.12.0"))
    assert "TF_CPP_MAX_VLOG_LEVEL=3" in finding.fix
    assert finding.source == "https://github.com/tensorflow/tensorflow/issues/66987"


def test_tf_2_16_1_dlopen_failure_is_the_known_runpath_defect() -> None:
    finding = top(_findings(read_log("cannot-dlopen-generic-tf212.log"), "2.16.1"))
    assert (finding.id, finding.severity) == ("pip-cuda-libs-not-on-path", Severity.ERROR)
    assert "2.16.2" in finding.fix
    assert finding.source == "https://github.com/tensorflow/tensorflow/issues/63362"


@pytest.mark.parametrize(
    ("tf_version", "expected_id", "fix_mentions"),
    [
        (None, "cuda-libs-not-found", "CUDA toolkit"),
        ("2.13.1", "cuda-libs-not-found", "CUDA toolkit"),
        ("2.14.0", "cuda-libs-not-found", "tensorflow[and-cuda]"),
        ("2.17.0rc0", "cuda-libs-not-found", "tensorflow[and-cuda]"),
        # 2.16.1's defect is the other libraries: its RUNPATH does reach nvidia/cuda_runtime
        ("2.16.1", "cuda-libs-not-found", "tensorflow[and-cuda]"),
        ("not-a-version", "cuda-libs-not-found", "CUDA toolkit"),
    ],
)
def test_could_not_find_cuda_drivers_is_read_as_missing_cuda_runtime(
    tf_version: str | None, expected_id: str, fix_mentions: str
) -> None:
    findings = _findings(read_log("cudart-stub-factory-spam-intel-ext.log"), tf_version)
    first = top(findings)
    assert (first.id, first.severity) == (expected_id, Severity.ERROR)
    assert "libcudart" in first.title
    assert fix_mentions in first.fix
    assert len(first.evidence) == 2  # the line appears twice; one finding quotes both
    rest = findings[1:]
    assert rest and all(f.id == "benign-log-noise" for f in rest)


def test_cudnn_mismatch_explains_dnn_initialisation_failure() -> None:
    findings = _findings(read_log("cudnn-mismatch-910-vs-930-dnn-init-failed.log"))
    assert [f.id for f in findings] == ["cudnn-version-mismatch"]


def test_repeated_lines_merge_into_one_finding_with_a_few_quotes() -> None:
    findings = _findings(read_log("cublas-not-initialized-tf1.log"))
    assert len(findings) == 1
    assert len(findings[0].evidence) == MAX_EVIDENCE
    assert findings[0].evidence[0].startswith("line 1: 2017-12-30 21:18:15.018347: E ")


def test_each_missing_library_is_its_own_finding() -> None:
    findings = _findings(read_log("windows-tf21rc0-cuda101-dlls-missing.log"))
    libs = [f.title.split()[3] for f in findings if f.id != "benign-log-noise"]
    assert libs == ["cudart64_101.dll", "cublas64_10.dll", "cufft64_10.dll"]
    assert len(findings[0].evidence) == 2  # cudart64_101.dll failed twice


def test_empty_ld_library_path_entry_is_noted_next_to_the_missing_library() -> None:
    # a hygiene note: the loader also searching the current directory stops no GPU (no
    # settled thread had it as the cause), so it never reads as the likely cause
    findings = _findings(read_log("cudnn7-missing-ld-path-trailing-colon.log"))
    assert [(f.id, f.severity) for f in findings] == [
        ("cudnn-not-found", Severity.ERROR),
        ("ld-library-path-empty-entry", Severity.INFO),
    ]
    assert findings[1].title.endswith("/usr/lib/cuda/lib64:")


def test_xla_gpu_next_to_a_gpu_device_is_not_a_problem() -> None:
    registered = read_log("works-tesla-p40-numa.log")
    xla_only = read_log("xla-gpu-only-tf114.log")
    diagnosis = diagnose_log(registered + xla_only)
    assert diagnosis.gpu_seen
    assert all(f.severity is Severity.INFO for f in diagnosis.findings)


def test_explicit_gpu_assignment_is_not_mistaken_for_a_gpu_device() -> None:
    # The line names /device:GPU:0 only as the device that was asked for and is missing.
    diagnosis = diagnose_log(read_log("xla-gpu-only-tf114.log"))
    assert not diagnosis.gpu_seen


def test_library_failure_in_another_process_is_only_a_warning_when_a_gpu_was_created() -> None:
    mixed = read_log("works-gtx1080ti-onednn-guard.log") + read_log(
        "cannot-dlopen-generic-tf212.log"
    )
    diagnosis = diagnose_log(mixed)
    assert diagnosis.gpu_seen
    first = top(diagnosis.findings)
    assert (first.id, first.severity) == ("cuda-libs-not-found", Severity.WARNING)


def test_library_errors_are_demoted_below_a_driver_root_cause() -> None:
    log = read_log("kernel-dso-mismatch-352-361.log") + read_log("kaggle-cusolver11-missing.log")
    findings = _findings(log)
    assert [(f.id, f.severity) for f in findings] == [
        ("driver-library-mismatch", Severity.ERROR),
        ("cuda-libs-not-found", Severity.WARNING),
    ]


def test_windows_line_endings_give_the_same_diagnosis() -> None:
    text = read_log("docker-cuinit-unknown-minus1-xla-gpu.log")
    assert _findings(text.replace("\n", "\r\n")) == _findings(text)


@pytest.mark.parametrize("log", ALL_LOGS)
def test_matches_report_their_true_line(log: str) -> None:
    text = read_log(log)
    lines = text.split("\n")
    for match in match_log(text):
        assert lines[match.line_number - 1].rstrip("\r") == match.line


@pytest.mark.parametrize("log", ALL_LOGS)
def test_needles_never_hide_a_line_the_pattern_would_match(log: str) -> None:
    for line in read_log(log).splitlines():
        for signature in CATALOGUE:
            if signature.pattern.search(line):
                assert any(n in line for n in signature.needles), (signature.name, line)


def test_many_repetitions_of_a_log_give_the_same_findings() -> None:
    text = read_log("cudart-stub-tf213.log")
    single = _findings(text, "2.13.1")
    repeated = _findings(text * 500, "2.13.1")
    assert [(f.id, f.severity, f.title) for f in repeated] == [
        (f.id, f.severity, f.title) for f in single
    ]
    assert all(len(f.evidence) <= MAX_EVIDENCE for f in repeated)


def test_text_without_tensorflow_lines_has_no_findings() -> None:
    diagnosis = diagnose_log("Epoch 1/5\n1875/1875 [====] - 3s 1ms/step - loss: 0.29\n")
    assert diagnosis.findings == () and diagnosis.matches == () and not diagnosis.gpu_seen


def test_cudnn_version_is_decoded_from_tensorflows_number() -> None:
    match = match_log("I cuda_dnn.cc:529] Loaded cuDNN version 90300\n")[0]
    assert match.groups["cudnn_loaded"] == "9.3.0"
    assert (cudnn_version("8907"), cudnn_version("8.1.0")) == ("8.9.7", "8.1.0")


@pytest.mark.parametrize(
    ("file_name", "version"),
    [
        ("libcudnn.so.8", "8"),
        ("libcudart.so.11.0", "11.0"),
        ("cudart64_110.dll", "11.0"),
        ("cudart64_12.dll", "12"),
        ("cudart64_80.dll", "8.0"),  # CUDA 8 and 9 ran major and minor together too
        ("cublas64_92.dll", "9.2"),
        ("cudnn64_5.dll", "5"),
        ("cublas64_10.dll", "10"),
        ("libcuda.so", ""),
    ],
)
def test_library_versions_come_from_the_file_name(file_name: str, version: str) -> None:
    assert library_version(file_name) == version


def test_catalogue_ids_sources_and_explanations_are_consistent() -> None:
    for signature in CATALOGUE:
        ids = {signature.finding_id, *(v.finding_id for v in signature.variants)} - {None}
        assert ids <= set(FINDING_IDS), signature.name
        sources = [signature.source, *(v.source for v in signature.variants if not v.defect)]
        assert all(s.startswith("https://") for s in sources), signature.name
        defects = {d.id for d in DEFECTS}
        assert {v.defect for v in signature.variants if v.defect} <= defects, signature.name
        if signature.finding_id == "benign-log-noise":
            assert signature.severity is Severity.INFO and not signature.explained_by


def test_a_driver_failure_explains_a_no_device_line_beside_it() -> None:
    # Without sudo, the same machine reported NO_DEVICE where it had reported CUDA_ERROR_UNKNOWN:
    # https://github.com/tensorflow/tensorflow/issues/7653 (comment quoted verbatim).
    no_device = (
        "`2017-08-14 07:28:29.379866: E tensorflow/stream_executor/cuda/cuda_driver.cc:406]"
        " failed call to cuInit: CUDA_ERROR_NO_DEVICE\n"
    )
    findings = _findings(no_device + read_log("cuinit-unknown-303.log"))
    # NO_DEVICE alone reads as hidden GPUs; next to cuInit failing on the driver itself, the
    # driver is the cause and the no-device line its consequence.
    assert [(f.id, f.severity) for f in findings] == [("no-nvidia-driver", Severity.ERROR)]


def test_a_signature_whose_title_uses_an_unknown_group_is_refused() -> None:
    with pytest.raises(ValueError, match="lib_major"):
        Signature(
            name="bad",
            needles=("x",),
            pattern=CATALOGUE[0].pattern,
            finding_id="cuda-libs-not-found",
            severity=Severity.ERROR,
            title="{lib_major}",
            fix="",
            source="https://example.org",
        )


def test_every_signature_is_found_through_its_needles() -> None:
    """match_log only tries a pattern on lines holding one of its needles: a needle that the
    line's wording does not contain silently hides the signature."""
    from log_attacks import examples

    hidden = [
        name
        for name, line in examples().items()
        if name not in {m.signature.name for m in match_log(line)}
    ]
    assert hidden == []


def test_a_signature_that_ignores_case_is_found_in_the_cases_people_retype() -> None:
    """Its needles are matched as written: a pattern that ignores case still hides behind a
    needle of one case (Azure's FAQ retypes nvidia-smi's 'Driver/library' as 'Driver/Library')."""
    from log_attacks import examples

    by_name = examples()
    hidden = [
        (signature.name, retyped)
        for signature in CATALOGUE
        if signature.pattern.flags & re.IGNORECASE
        for retyped in (
            by_name[signature.name].upper(),
            by_name[signature.name].lower(),
            by_name[signature.name].title(),
        )
        if signature.name not in {m.signature.name for m in match_log(retyped)}
    ]
    assert hidden == []


def test_messages_from_tensorflows_own_sources_are_read() -> None:
    """Format strings from TensorFlow's and XLA's sources across releases (1.x to 2.20), filled
    in: each is read by the signatures that read it when the catalogue was checked against them
    (tests/fixtures/tf_source_messages.md says where each came from)."""
    rows = [
        json.loads(line)
        for line in (LOGS.parent / "tf_source_messages.jsonl").read_text().splitlines()
        if line.strip()
    ]
    unread = {
        row["line"]: row["read_as"]
        for row in rows
        if not set(row["read_as"]) <= {m.signature.name for m in match_log(unwrap(row["line"]))}
    }
    assert len(rows) > 100 and unread == {}


def test_a_skipped_bounds_check_is_harmless_even_when_its_own_kernel_had_no_image() -> None:
    # gpu_utils.cc: the redzone checker's kernel, built by whatever ptxas is on PATH, could not
    # load; TensorFlow only skips the check. The same CUDA error elsewhere is the GPU's.
    skipped = (
        "W tensorflow/core/kernels/gpu_utils.cc:68] Failed to check cudnn convolutions for"
        " out-of-bounds reads and writes with an error message: 'Internal: Failed to load"
        " in-memory CUBIN: CUDA_ERROR_NO_BINARY_FOR_GPU: no kernel image is available for"
        " execution on the device'; skipping this check. This only means that we won't check"
        " cudnn for out-of-bounds reads and writes. This message will only be printed once."
    )
    assert {(f.id, f.severity) for f in _findings(skipped)} == {("benign-log-noise", Severity.INFO)}
    failed = "InternalError: Failed to load in-memory CUBIN: CUDA_ERROR_NO_BINARY_FOR_GPU"
    assert top(_findings(failed)).id == "compute-capability-unsupported"


def test_a_missing_ptxas_is_an_error_only_where_nothing_falls_back() -> None:
    # redzone_allocator.cc (TF 2.1-2.4) lets the driver compile and goes on; XLA's compile fails
    relied = (
        "W tensorflow/stream_executor/gpu/redzone_allocator.cc:314] Not found: ./bin/ptxas not"
        " found\nRelying on driver to perform ptx compilation. This message will be only logged"
        " once.\n"
    )
    assert {f.severity for f in _findings(relied)} == {Severity.WARNING}
    failed = "tensorflow.python.framework.errors_impl.InternalError: ptxas not found\n"
    assert (top(_findings(failed)).id, top(_findings(failed)).severity) == (
        "xla-toolchain-missing",
        Severity.ERROR,
    )


def test_unsupported_ptx_of_tensorflows_own_kernels_is_the_driver_age() -> None:
    """The PTX of TensorFlow's prebuilt kernels was written by the CUDA it was built with: the
    driver refusing it is older than that (ComfyUI-Molmo#26). PTX another tool wrote (CuPy's
    here, d-li14/involution#52) stays the toolchain-newer-than-driver reading."""
    own = (LOGS / "t4-unsupported-ptx-version-tf218.log").read_text()
    assert _findings(own)[0].id == "driver-too-old"
    cupy = (
        "cupy_backends.cuda.api.driver.CUDADriverError: CUDA_ERROR_UNSUPPORTED_PTX_VERSION:"
        " the provided PTX was compiled with an unsupported toolchain.\n"
    )
    assert _findings(cupy)[0].id == "ptxas-newer-than-driver"


@pytest.mark.parametrize(
    "line",
    [
        # tensorflow#36423's title, as users retype it
        "Failed to get device attribute 13 for device 0",
        "2020-02-01 10:11:12.123456: F tensorflow/stream_executor/lib/statusor.cc:34] Attempting"
        " to fetch value instead of handling error Internal: failed to get device attribute 13"
        " for device 0: CUDA_ERROR_UNKNOWN: unknown error",
    ],
)
def test_device_attribute_failure_is_read_in_its_short_form_too(line: str) -> None:
    assert _findings(line + "\n")[0].id == "gpu-out-of-memory"


def test_eager_op_without_gpu_kernel_shows_the_gpu_works() -> None:
    """TF 2's eager placer lists the op's device types and every device there is: a GPU among
    the devices and not among the types is an op without a GPU kernel
    (developer.apple.com/forums/thread/759438)."""
    line = (
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Could not satisfy device"
        " specification '/job:localhost/replica:0/task:0/device:GPU:0'. enable_soft_placement=0."
        " Supported device types [CPU]. All available devices"
        " [/job:localhost/replica:0/task:0/device:GPU:0,"
        " /job:localhost/replica:0/task:0/device:CPU:0]. [Op:StatelessRandomGetKeyCounter]\n"
    )
    assert _findings(line)[0].id == "op-without-gpu-kernel"
    no_gpu = line.replace("/job:localhost/replica:0/task:0/device:GPU:0, ", "")
    assert "op-without-gpu-kernel" not in {f.id for f in _findings(no_gpu)}
