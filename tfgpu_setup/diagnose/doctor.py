"""The doctor's diagnosis: facts, the verify result and log lines -> ranked findings and a verdict.

Pure: everything arrives as data. The planner's rules judge the facts, the log catalogue judges
TensorFlow's own words, and the verify result says what really ran; one finding per id remains,
root causes first.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from packaging.version import InvalidVersion

from ..doc_urls import DRIVER_GUIDE
from ..errors import ExitCode
from ..facts import Facts
from ..findings import (
    FINDING_KINDS,
    Finding,
    Severity,
    expected_without_a_gpu,
    explain,
    merge,
    one_per_id,
    rank,
)
from ..matrix import query
from ..matrix.model import Defect, Matrix, TfRelease
from ..planner.evaluate import major_only
from ..planner.jetson import jetpack_libraries
from ..planner.judge import installed_release, judge_installed
from ..planner.rules import NO_RELEASE_HAS_KERNELS
from ..verify.outcome import VerifyOutcome
from ..versions import parsed, specifier, xy
from ..whatif import UNKNOWN_GPU_NAME, baseline_facts
from .addon_platforms import addon_without_windows_wheels
from .addon_warnings import addon_native_code_alone
from .attribution import set_apart
from .batch_jobs import slurm_job_without_a_gpu
from .bindings import binding_dll_missing, without_fallback_greeting
from .broken_export import backslash_broke_the_export
from .builds import beyond_the_table, log_refutes, python_fits_the_log
from .capability_floor import floor_no_pypi_build_has, unsupported_gpu_behind_xla
from .conda_conflict import (
    chain_through_the_envs_python,
    conda_python_conflict,
    libmamba_python_conflict,
)
from .conda_libs import conda_lib_on_the_path
from .conda_unresolved import conda_packages_unresolved
from .context_memory import context_refused_on_a_full_gpu
from .ctypes_loads import without_other_libraries_loads
from .cuda_found import cuda_found_beside_the_folder
from .cudnn_arch import cudnn_older_than_the_gpu
from .cudnn_minor import memory_behind_older_cudnn, older_cudnn_minor
from .cudnn_zlib import zlib_missing_at_the_crash
from .cut_traceback import without_exhaustion_said, without_finished_tracebacks
from .device_evidence import (
    DRIVER_FOUND_A_GPU,
    LIBCUDA_ABSENT,
    host_side_in_a_container,
    hosted_by_its_variables,
    jetson_seen,
    without_unplaced_nodes,
)
from .device_function import invalid_function_on_a_served_gpu
from .docker_context import (
    without_docker_desktop_superseded,
    without_repository_missing_mended,
)
from .driver_seen import shell_driver_readings_refuted, without_shell_driver_lines
from .driver_shadowed import driver_library_not_the_installed_one
from .empty_gpu_list import (
    GPU_LIST_ANSWERED,
    libraries_behind_an_empty_list,
    no_gpu_answer,
    tensorflow_said_no_gpu,
)
from .empty_process_table import empty_process_table_in_a_container, memory_held_before_tensorflow
from .engine_stop import without_kill_after_a_stop
from .evidence import cross_findings, weigh_memory
from .expected_output import without_expected_output
from .facts_from_log import facts_with_log, gpus_in_log
from .forked_child import cuinit_in_a_forked_child
from .generated_code import generated_code_owned
from .gpu_at_work import (
    FATAL_SOURCE,
    GPU_FAILURE_IDS,
    HANDLES_ON_A_GPU,
    KERNELS_FAIL,
    LIBRARY_VERSION_IDS,
    NEWER_GPU_KERNEL_FAILURES,
    OPTIONAL_LIBRARY_FAILURES,
    RAN_ON_THE_GPU,
    SETUP_FAILURE_IDS,
    SLOWS_BUT_RUNS,
    another_packages_failure,
    as_errors,
    died_before_a_device,
    errors_after_gpu,
    failed_on_the_gpu,
    fatal_record_after_the_gpu,
    gpu_works,
    gui_library_aborted,
    handle_started_on_a_gpu,
    kernels_failed_the_library,
    libraries_predate_the_gpu,
    library_kernel_failed_after_gpu,
    newer_than_build,
    no_kernel_runs,
    one_build_checked_its_cudnn,
    others_ignored,
    process_crashed_after_the_gpu,
    runtime_refused_before_a_device,
    says_one_thing,
    xla_platform_without_a_device,
)
from .gpu_name_ended import gpu_name_ended, stub_asked_by_a_parent
from .help_text import without_help_rows
from .hybrid_graphics import laptop_gpu, on_a_laptop
from .image_libcuda import compat_libcuda_older, image_libcuda_newer
from .install_evidence import LISTED_WHEELS_NOT_LOADED, stated_cpu_only, stated_gpu_build_on_cpu
from .jetson_container import jetson_container_without_runtime
from .keras_pair import keras_pair_named, ml_dtypes_named
from .last_run import earlier_runs_blanked, last_run_without_the_gpu
from .later_run import (
    EARLIER_RUN_USED_THE_GPU,
    LINKED_AT_IMPORT,
    NO_MODULE,
    after_the_last_gpu,
    gpu_gone_in_a_later_run,
    gpu_lost_in_another_python,
    import_failed_in_a_later_run,
    import_failed_in_another_interpreter,
    import_failed_in_another_python,
    mended_failure_noted,
    no_gpu_listed_in_a_later_run,
    stops_tensorflow,
    without_imports_mended_later,
)
from .launchers import launched_elsewhere
from .ldd_listing import ldd_of_tensorflow_only
from .legacy_builds import legacy_findings, with_legacy_build
from .loader_path import lib64_not_searched
from .locales import in_c_locale
from .logfacts import LogFacts, last_failure, read_log_facts
from .logs import LogMatch, diagnose_log, diagnose_matches, match_log, on_pasted_lines, read_as
from .mac_refusals import (
    apple_conda_package_missing,
    conda_gpu_build_on_macos,
    metal_pair_for_an_intel_mac,
    nvidia_package_on_macos,
)
from .machine_seen import DRIVER_PACKAGE
from .memory_asked import without_little_memory_asked_for
from .mended_later import (
    without_failures_mended_later,
    without_failures_rerun_clean,
    without_failures_superseded,
)
from .missing_upload import no_such_version, one_release_unserved
from .misspelled import misspelled_tensorflow
from .mixed_cuda import mixed_cuda_majors
from .musl_refusal import musl_refusal
from .newer_offered import newer_version_installed
from .no_wheel import free_threaded_named, no_wheel_for_stated, pinned_release_pythons
from .numpy_copies import older_numpy_imported
from .nvml_unknown import nvml_unknown_outside_a_container
from .older_files import without_older_files_shown
from .oom_sizes import sized_out_of_memory
from .op_library import loaded_by_an_op_library
from .opened_later import without_libraries_opened_later
from .other_hosts import without_other_hosts
from .paste import rejoin_wrapped, unwrap
from .pi_refusal import pi_refusal
from .pip_apart import pythons_apart
from .pip_installs import without_nccl_refused_beside_linux_wheels, without_refusals_installed_later
from .published import the_python
from .python_abi import protobuf_extension_too_new, without_protobufs_failure
from .r_reticulate import r_tensorflow_not_found
from .release_hints import cpu_build_on_windows, release_open_below_matrix, releases_from_hints
from .release_range import (
    if_not_older,
    judged_for,
    kernels_moot,
    libraries_named,
    nightly_neighbours,
    patch_releases,
    windows_cpu_build,
)
from .runpath_defect import runtime_found_the_rest_not
from .runtime_alone import cuda_runtime_missing_alone
from .shadowed_module import local_module_shadows_tensorflow
from .shared_memory import pinned_memory_fix
from .signatures.driver import CUDNN_NEEDS_LIBCUDA_SOURCE, IMAGE_DRIVER_LIBRARIES
from .signatures.model import (
    CUDNN_WHEEL_OF_THE_EXTRA,
    CUINIT_DRIVER_FIX,
    FOR_THIS_GPU,
    HOSTED_GPU_RUNTIME_SOURCE,
    LIBCUDA_NOT_LOADED_FIX,
    LIBRARY_IDS,
)
from .signatures.runtime import GPU_MEMORY_FIX, GPU_MEMORY_RAN_OUT, OOM_CREATING_VARIABLES
from .skipped_allocation import without_allocations_skipped
from .slow_start import jit_at_start, no_jit_below_the_ptx, stalled_in_the_jit
from .smi_seen import without_smi_missing_before_its_table
from .sources import lower_first, message_of
from .toolkit_off_path import installed_toolkit_off_the_path
from .uv_platform import (
    gcs_gap_of_the_python,
    poetry_refused_for_this_python,
    poetrys_own_range,
    uv_refused_for_this_platform,
)
from .version_evidence import (
    colab_keeps_its_tensorflow,
    cudnn_fix_in_a_container,
    cudnn_pinned_by_another_framework,
    stated_cudnn_off_path,
    windows_cudnn_on_path,
)
from .visible_devices import (
    visible_devices_set,
    without_hiding_undone_later,
    without_runs_hidden_on_purpose,
)
from .wanted import Wanted, cuda_the_sonames_pin
from .weigh import (
    behind_a_host_without_driver,
    contradicted,
    cuda_runtime_loaded,
    demoted,
    dnn_missing_beside_the_builds_cudnn,
    driver_moot_where_no_release_runs,
    driver_predating_the_gpu_lists_none,
    installed_but_not_found,
    log_weighed_against_facts,
    macos_without_an_nvidia_gpu,
    noted,
    rosetta_or_avx_on_a_mac,
    stub_behind_a_bare_container,
    weighed_against_log,
    weighed_against_sonames,
    weighed_against_the_gpu,
    weighed_against_the_rest_of_the_log,
    weighed_against_the_runtime_opened,
    weighed_against_unnamed_failure,
)
from .wheel_tags import (
    python_behind_an_old_glibc,
    refused_by_a_32_bit_python,
    refused_by_an_old_pip,
    refused_for_an_old_glibc,
    refused_for_another_machine,
    refused_for_another_os,
    refused_with_its_own_python,
)
from .windows_adapters import no_nvidia_adapter_listed
from .windows_in_wsl import windows_log_under_wsl
from .wsl import (
    conversion_blocked,
    driver_on_windows,
    linux_driver_in_wsl,
    without_wsl1_default_superseded,
    wsl_gpu_layer_missing,
    wsl_reading_leads,
)
from .xla_target import ptxas_for_the_gpu, xla_behind_the_gpu

GpuUse = Literal["yes", "no", "unknown"]
NEXT_STEPS = (
    "run 'nvidia-smi' and check it lists your GPU and a driver version",
    "rerun your script with TF_CPP_MIN_LOG_LEVEL=0 TF_CPP_MAX_VLOG_LEVEL=3 and pass the log: "
    "'tfgpu-setup doctor --log run.log'",
    "on the machine itself, run 'tfgpu-setup probe --json > host.json' and add '--facts host.json'",
)
VERIFY_SOURCE = "tfgpu-setup verify (smoke test in the target environment)"


@dataclass(frozen=True)
class Diagnosis:
    gpu_used: GpuUse
    verdict: str
    findings: tuple[Finding, ...]
    next_steps: tuple[str, ...]
    """What evidence would confirm the cause, when the evidence is thin."""
    tf_broken: bool = False
    facts: Facts | None = None
    """The facts judged: those given, with what the log showed filled in where they were
    unknown (each with its source)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", one_per_id(self.findings))

    @property
    def exit_code(self) -> ExitCode:
        if self.tf_broken:
            return ExitCode.TF_BROKEN  # also a GPU at work whose setup then failed the program
        return ExitCode.OK if self.gpu_used == "yes" else ExitCode.CPU_ONLY


def _lines_set_aside(before: tuple[LogMatch, ...], after: tuple[LogMatch, ...]) -> frozenset[int]:
    """The lines of the matches a step set aside (by identity: the same line may match twice)."""
    kept = {id(m) for m in after}
    return frozenset(m.line_number for m in before if id(m) not in kept)


def installed_tensorflow(facts: Facts | None) -> str | None:
    env = facts.target_env if facts else None
    if env is None:
        return None
    return next((d.version for d in env.tensorflow), None)


NO_DRIVER_ERRORS = ("cannot open shared object file", "No such file")


def verify_findings(outcome: VerifyOutcome) -> tuple[Finding, ...]:
    """What verify proves by itself: TensorFlow missing, or the driver library absent."""
    found: list[Finding] = []
    report = outcome.smoke.report if outcome.smoke else None
    imported = report.tf_import if report is not None else None
    message = (imported.message or "") if imported else ""
    if "No module named" in message and "tensorflow" in message:
        found.append(
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"TensorFlow is not installed in {outcome.venv}",
                (f"import tensorflow: {message}",),
                "'tfgpu-setup apply' installs the planned release into this environment.",
                VERIFY_SOURCE,
            )
        )
    layers = outcome.layers.report if outcome.layers else None
    driver = layers.driver if layers else None
    if (
        driver is not None
        and not driver.loaded
        and any(e in (driver.error or "") for e in NO_DRIVER_ERRORS)
    ):
        found.append(
            Finding(
                "no-nvidia-driver",
                Severity.ERROR,
                "The NVIDIA driver's library libcuda.so.1 cannot be loaded: no driver is "
                "installed (or, in a container, none was passed in)",
                (f"libcuda.so.1: {driver.error}",),
                "Install the NVIDIA driver and check it with 'nvidia-smi'; in a container, "
                "start it with '--gpus all'. If this machine has no NVIDIA GPU, TensorFlow can "
                "only use the CPU.",
                DRIVER_GUIDE,
            )
        )
    return tuple(found)


NVIDIA_WHEEL_OSES = ("linux", "wsl2")
"""Operating systems NVIDIA publishes CUDA pip wheels for, on any architecture (the planner's
PIP_WHEEL_PLATFORMS is narrower: the cu11 wheels, x86_64 only)."""


def _defects_of_every(defects: tuple[Defect, ...], releases: tuple[str, ...]) -> tuple[Defect, ...]:
    """The defects every one of these releases has (2.16.1's RUNPATH is no reading of a log
    that 2.15 wrote as well)."""
    return tuple(
        d
        for d in defects
        if releases and all(specifier(d.affects).contains(r, prereleases=True) for r in releases)
    )


def _release_differs(shown: str, stated: str) -> bool:
    """Whether the version the log shows is another X.Y than the one stated (a stated '2.10'
    and a printed '2.10.1' agree)."""
    try:
        return xy(parsed(shown).base_version) != xy(parsed(stated).base_version)
    except InvalidVersion:
        return False


def _defects_here(matrix: Matrix, facts: Facts) -> tuple[Defect, ...]:
    """The matrix's known defects that can happen on this platform."""
    return tuple(
        d
        for d in matrix.tensorflow.defects
        if not (
            d.kind == "pip-libs-need-ld-library-path"
            and facts.knows("os")
            and facts.platform.os not in NVIDIA_WHEEL_OSES
        )
    )


def diagnose(
    matrix: Matrix,
    facts: Facts | None,
    venv: str,
    verify: VerifyOutcome | None = None,
    log: str | None = None,
    tf_version: str | None = None,
) -> Diagnosis:
    """The verdict from every source of evidence. tf_version is the release that produced the
    log when the user states it (doctor --tf); else the installed one, else the log's own."""
    pasted = log
    if log:
        log = without_expected_output(rejoin_wrapped(unwrap(log)))
        log = without_other_hosts(without_older_files_shown(log))
    log_matches, other_packages = set_apart(log or "", without_help_rows(match_log(log or "")))
    before_op_libraries = log_matches
    log_matches, op_libraries = loaded_by_an_op_library(log or "", log_matches)
    # (what another library's load names dates that library, not the TensorFlow that ran)
    others_loads = _lines_set_aside(before_op_libraries, log_matches)
    log_matches = on_pasted_lines(log_matches, pasted or "", log or "")
    log_matches = without_refusals_installed_later(log_matches, log or "")
    log_matches = without_nccl_refused_beside_linux_wheels(log_matches, log or "")
    log_matches = without_hiding_undone_later(log_matches, log or "")
    log_matches, hidden_on_purpose = without_runs_hidden_on_purpose(log_matches, log or "")
    log_matches = without_imports_mended_later(log_matches, log or "")
    log_matches = without_docker_desktop_superseded(log_matches, log or "")
    log_matches = without_repository_missing_mended(log_matches, log or "")
    log_matches = without_libraries_opened_later(log_matches, log or "")
    log_matches = without_failures_mended_later(log_matches, log or "")
    log_matches = without_failures_superseded(log_matches, log or "")
    log_matches = without_failures_rerun_clean(log_matches, log or "")
    log_matches = without_unplaced_nodes(log_matches, log or "")
    before_ctypes = log_matches
    log_matches = without_other_libraries_loads(log_matches, log or "")
    others_loads |= _lines_set_aside(before_ctypes, log_matches)
    log_matches = without_finished_tracebacks(log_matches, log or "")
    log_matches = without_exhaustion_said(log_matches, log or "")
    log_matches = without_allocations_skipped(log_matches, log or "")
    log_matches = without_smi_missing_before_its_table(log_matches, log or "")
    log_matches = without_shell_driver_lines(log_matches, log or "")
    log_matches = ldd_of_tensorflow_only(log_matches, log or "")
    log_matches = without_little_memory_asked_for(log_matches, log or "")
    log_matches = without_wsl1_default_superseded(log_matches, log or "")
    log_matches = without_kill_after_a_stop(log_matches, log or "")
    log_matches = cuinit_in_a_forked_child(log or "", log_matches)
    # a last run after one that used the GPU, in another command, that has none: judged alone
    last_run = last_run_without_the_gpu(log or "", log_matches)
    # a later run without the GPU may be another interpreter's: read so before it is judged alone
    other_python_lost_the_gpu = gpu_lost_in_another_python(
        log or "", log_matches, pythons_apart(log or "")
    )
    if last_run:
        log = earlier_runs_blanked(log or "", last_run)
        log_matches = tuple(m for m in log_matches if m.line_number >= last_run)
    log_facts = read_log_facts(log or "", log_matches, others_loads)
    log_matches = without_fallback_greeting(log_matches, log_facts)
    log_matches = without_protobufs_failure(log_matches, log_facts)
    known = facts if facts is not None else baseline_facts()
    log_facts = hosted_by_its_variables(log_facts, known)
    known = facts_with_log(known, log_facts, matrix)
    defects = _defects_here(matrix, known)
    installed = installed_tensorflow(known)
    refuted = ""
    if (
        tf_version
        and (refuting := log_refutes(log_facts, tf_version))
        and python_fits_the_log(matrix, log_facts, known)
    ):
        # the log was written by another TensorFlow than the one stated
        refuted = f"the log's own lines ({refuting}) are not TensorFlow {tf_version}'s, as stated"
        tf_version = None
    elif (
        tf_version
        and (shown := log_facts.tf_printed)
        and _release_differs(shown, tf_version)
        and not log_refutes(log_facts, shown)
    ):
        # the version the paste's own Python printed is the one that ran (review 108: 2.10
        # stated, '2.13.0' printed by tf.__version__); not pip's answer, which may be another
        # environment's (review 109: conda's base), nor one the log's own lines rule out
        refuted = f"the log shows TensorFlow {shown} running, not {tf_version} as stated"
        tf_version = None
    release = (
        tf_version
        or _smoke_version(verify)
        or installed
        or log_facts.tf_version
        or log_facts.tf_requested
    )
    stated = bool(release)
    neighbours = nightly_neighbours(matrix, release) if release else ()
    if release:
        candidates: tuple[str, ...] = patch_releases(matrix, release) or neighbours or (release,)
    elif log_facts.install_failed and not log_facts.tf_range:
        candidates = ()  # nothing was installed: no release to judge
    elif log_facts.binding_line:
        candidates = ()  # TensorFlow.js's or Java's libtensorflow: not a Python release
    else:
        candidates = releases_from_hints(matrix, log_facts, known)
    if release is None and candidates and (log_facts.tf_range or len(candidates) == 1):
        release = candidates[0]  # the newest the log's own hints admit
    as_named = release  # with its local label or nightly date, if it had one
    entry = installed_release(matrix, release)
    release = entry.version if entry is not None else release
    if not stated:
        # a release guessed from the log's hints: a defect of only some of them is no reading
        defects = _defects_of_every(defects, candidates)
    logged = diagnose_matches(log_matches, release, defects)  # meaning depends on the release
    log_findings, gpu_seen, matches = logged.findings, logged.gpu_seen, logged.matches
    if hidden_on_purpose is not None:
        log_findings = merge(log_findings, (hidden_on_purpose,))
    gpu_seen = (
        gpu_seen
        and not runtime_refused_before_a_device(matches)
        and not died_before_a_device(matches, log or "")
        and not xla_platform_without_a_device(matches)
    )
    # a GPU that a known defect of the release keeps every kernel off (a local build has them)
    kernels_off = (
        entry is not None
        and not log_facts.local_build_line
        and no_kernel_runs(known, entry, matches, matrix)
    )
    if (
        gpu_seen
        and kernels_off
        and not errors_after_gpu(matches, read_as(matches, release, defects), kernel_doubts=True)
    ):
        # listed, but no kernel of this release runs on it (a known defect), and no work on it
        # is in the log yet: the first op fails, so the GPU is not used (work that failed there
        # is read below, as failed work)
        gpu_seen = False
    # the log's last run could not import TensorFlow: what an earlier one used is gone
    stopped_later = import_failed_in_a_later_run(log or "", matches) if gpu_seen else None
    gpu_seen = gpu_seen and stopped_later is None
    # an earlier run, in another of the paste's interpreters, could not import TensorFlow
    elsewhere = other_python_lost_the_gpu or (
        import_failed_in_another_interpreter(log or "", matches, log_facts.pythons_apart)
        if gpu_seen
        else None
    )
    gpu_seen = gpu_seen and elsewhere is None
    # a later run that lists no GPU is the state asked about, not the earlier one's GPU
    listed_later = no_gpu_listed_in_a_later_run(log or "", matches) if gpu_seen else ""
    gpu_seen = gpu_seen and not listed_later
    if verify is not None and verify.smoke is not None:
        from_verify = diagnose_log(in_c_locale(verify.smoke.stderr), release, defects)
        log_findings = merge(log_findings, from_verify.findings)
        gpu_seen = gpu_seen or from_verify.gpu_seen
        matches = (*matches, *from_verify.matches)
    # TensorFlow's own answers about its GPUs, read once: that it registered none (said: its
    # answer to a question for GPUs, a whole device list without one, 'Registered devices:
    # [CPU]'), any of its no-GPU answers in the paste (listed: a bare empty list, a CPU
    # build's False, a whole device list), and either (shown)
    answer = no_gpu_answer(log or "")
    said_no_gpu = tensorflow_said_no_gpu(answer, matches)
    listed_no_gpu = bool(GPU_LIST_ANSWERED.search(log or "")) or bool(answer and answer.whole_list)
    no_gpu_answered = listed_no_gpu or any(
        m.signature.name == "no-gpu-among-devices" for m in matches
    )
    no_gpu_shown = said_no_gpu or listed_no_gpu
    log_findings = log_weighed_against_facts(log_findings, known, matches, log_facts.container_line)
    log_findings = driver_library_not_the_installed_one(
        log_findings, known, matches, log_facts, entry, matrix
    )
    old_pip = refused_by_an_old_pip(matches, log_facts) or refused_with_its_own_python(
        known, matches, log_facts, log or ""
    )
    if old_pip:
        # the pip or the tags, not the Python: its refusal's generic reading goes
        log_findings = tuple(f for f in log_findings if f.id != "python-unsupported")
    log_findings = merge(
        log_findings,
        old_pip,
        refused_for_another_machine(known, matches, matrix),
        refused_for_an_old_glibc(known, matches, log_facts),
        refused_for_another_os(known, matches),
        refused_by_a_32_bit_python(known, matches, log_facts, log or ""),
        mixed_cuda_majors(log_facts, matches),
    )
    runtime_alone = cuda_runtime_missing_alone(known, log_facts, matches)
    log_findings = weighed_against_the_rest_of_the_log(
        log_findings, known, log_facts, matches, release, runtime_alone
    )
    log_findings = dnn_missing_beside_the_builds_cudnn(log_findings, known, matches, entry)
    judged = judged_for(
        known,
        matrix,
        candidates,
        venv,
        not stated,
        log_facts.written_on,
        nightly=as_named if neighbours and as_named else "",
        gpu_at_work=gpu_seen,
    )
    legacy = (
        legacy_findings(
            known,
            matrix,
            release,
            log_facts.runtimes_opened,
            # (a GPU build, shown: the CPU package loads no CUDA, and a 1.x 'DLL load failed'
            # under it is AVX or the C++ runtime, tensorflow#18530)
            libraries_failed=any(f.id in LIBRARY_FAILURE_IDS for f in log_findings)
            and not log_facts.cpu_package_line
            and _gpu_build_shown(known, log_facts, log or ""),
        )
        if stated and entry is None and release is not None
        else ()
    )
    judged = (*judged, *legacy)
    if not stated and not any(f.id == "cudnn-version-mismatch" for f in judged):
        judged = (*judged, *older_cudnn_minor(known, matrix, candidates, matches))
    if not stated and release_open_below_matrix(matrix, log_facts, candidates):
        # (a CUDA runtime loaded or at work: no mismatch is held against it for older builds)
        # (nor in a conda environment, whose own cudatoolkit builds the table does not list)
        older_judged = (
            None if gpu_seen or cuda_runtime_loaded(matches) or log_facts.conda_line else known
        )
        judged = if_not_older(
            judged,
            judge_installed(known, matrix, None, venv),
            matrix,
            older_judged,
            log is not None,
            libraries_named(
                (
                    *(line for _, line in log_facts.tf_range),
                    *(w.lib for w in (*log_facts.wanted_cuda, *log_facts.wanted_cudnn)),
                )
            ),
        )
    if not stated and cpu_build_on_windows(log_facts, known):
        judged = windows_cpu_build(judged, log_facts.cpu_build_line)
    judged = weighed_against_log(judged, log_facts, matches, known.other_gpus)
    judged = cuda_found_beside_the_folder(
        judged,
        known,
        log_facts,
        matches,
        no_gpu_answered=no_gpu_shown,
    )
    judged = weighed_against_the_runtime_opened(judged, entry, log_facts)
    unjudged = beyond_the_table(
        matrix, known, log_facts, candidates, release, as_named, bool(neighbours)
    )
    judged = tuple(f for f in judged if f.id not in unjudged)
    judged = weighed_against_sonames(judged, known, log_facts)
    log_findings = installed_but_not_found(log_findings, known, log_facts)
    crossed = cross_findings(
        known,
        log_facts,
        matches,
        entry,
        tf_known_installed=bool(tf_version or installed),
        release_guessed=not stated,
        pinned_cuda=cuda_the_sonames_pin(
            [(r.cuda, r.cudnn) for r in matrix.tensorflow.releases if r.cuda and r.cudnn],
            log_facts.wanted_cuda,
            log_facts.wanted_cudnn,
        ),
    )
    named = {c.id for c in crossed}
    crossed += [
        f
        for f in newer_version_installed(
            known,
            matrix,
            log_facts,
            release if stated else None,
            driver_missing=any(m.signature.name in LIBCUDA_ABSENT for m in matches),
        )
        if f.id not in named  # a mismatch the facts show outranks the era's prior
    ]
    crossed += wsl_gpu_layer_missing(known, log_facts) + binding_dll_missing(log_facts)
    crossed += no_nvidia_adapter_listed(log or "")
    crossed += protobuf_extension_too_new(known, log_facts) + conda_python_conflict(log or "")
    log_findings = chain_through_the_envs_python(log_findings, log or "")
    crossed += libmamba_python_conflict(log or "") + zlib_missing_at_the_crash(known, log or "")
    crossed += r_tensorflow_not_found(log or "") + list(op_libraries)
    crossed += local_module_shadows_tensorflow(log or "", release if stated else None)
    crossed += empty_process_table_in_a_container(
        known, log or "", gpu_seen, hosted=bool(log_facts.hosted_notebook_line)
    )
    crossed += misspelled_tensorflow(log or "")
    crossed += context_refused_on_a_full_gpu(log or "")
    crossed += conda_packages_unresolved(log or "", known)
    crossed += stated_cpu_only(
        getattr(tf_version, "distribution", ""),
        tf_version or "",
        known,
        log_facts.cuda_build_line
        or log_facts.tf_links_cuda_line
        or ("its GPU device at work" if gpu_seen else ""),
    )
    log_findings = stated_gpu_build_on_cpu(
        log_findings, getattr(tf_version, "distribution", ""), tf_version or ""
    )
    crossed += jetson_container_without_runtime(known, log_facts, matches, log or "")
    log_findings = stub_behind_a_bare_container(log_findings, crossed, known, log_facts, matches)
    log_findings = behind_a_host_without_driver(log_findings, crossed)
    log_findings = unsupported_gpu_behind_xla(log_findings, judged, matches)
    image_newer = image_libcuda_newer(
        known, log_facts, matches, log or "", matrix, entry if stated else None
    )
    other_branch = image_newer or compat_libcuda_older(log_facts, matches, log or "")
    if other_branch is not None:
        because = (
            "but the newer libcuda is of another branch, an image's or a compatibility package's,"
            " not an update waiting for a reboot"
            if image_newer is not None
            else "but the older libcuda is the compatibility package's, first on the loader path"
        )
        mismatch = frozenset({"driver-library-mismatch"})
        log_findings = contradicted(log_findings, mismatch, because)
        crossed = [other_branch, *contradicted(tuple(crossed), mismatch, because)]
    name_ended, refusal = gpu_name_ended(matches, known)
    windows = known.knows("os") and known.platform.os == "windows"
    unserved, unserved_line = one_release_unserved(
        matches, log or "", the_python(known), matrix, windows
    )
    on_musl, musl_line = musl_refusal(matches, log or "", known)
    on_a_pi, pi_index = pi_refusal(matches, log or "", known)
    # the release the user names (or the probe found), not a pin pip was asked for
    nvidia_on_a_mac = nvidia_package_on_macos(known, matches, log or "")
    no_wheel = [
        *no_wheel_for_stated(known, matrix, log_facts, matches, tf_version or installed, log or ""),
        *conda_gpu_build_on_macos(known, matches, log or ""),
        *nvidia_on_a_mac,
        *apple_conda_package_missing(known, log or ""),
        *uv_refused_for_this_platform(known, matches, matrix),
        *poetry_refused_for_this_python(known, matches, matrix),
        *no_such_version(matches, matrix, windows),
        *addon_without_windows_wheels(known, matches, log_facts.windows_process_line),
    ]
    crossed += no_wheel
    if unreachable := next(
        (m for m in matches if m.signature.name == "pip-index-unreachable"), None
    ):
        # pip never saw the index: its empty list of versions says nothing of this Python
        log_findings = tuple(f for f in log_findings if f.id != "python-unsupported")
        judged = contradicted(
            judged,
            frozenset({"python-unsupported"}),
            f"but pip never reached the index ({unreachable.line.strip()[:100]})",
        )
    if log_facts.pip_index_line and not no_wheel:
        # nothing the matrix says of this Python and platform explains the refusal
        log_findings = contradicted(
            log_findings,
            frozenset({"python-unsupported"}),
            f"but pip was not asking PyPI ({log_facts.pip_index_line[:120]}): what it could not"
            " find there says nothing about the wheels TensorFlow published for this Python",
        )
    if any(
        f.id in ("platform-unsupported", "macos-no-cuda", "windows-native-gpu-unsupported")
        for f in no_wheel
    ):
        # no wheel for any Python there (nor a GPU build of that release on native Windows):
        # pip's or uv's refusal says nothing of the Python
        log_findings = tuple(f for f in log_findings if f.id != "python-unsupported")
    # Causes no Python escapes: that tensorflow-gpu release does not exist, or no wheel is
    # made for musl. Whatever pip's refusal or the matrix says of this Python comes second.
    python = frozenset({"python-unsupported"})
    for cause, because in (
        (
            name_ended,
            f"but no Python has that tensorflow-gpu release ({refusal}): the name is gone",
        ),
        (on_musl, f"but this system's C library is musl ({musl_line}): no Python has a wheel"),
        (
            unserved,
            f"but pip lists other releases for this Python ({unserved_line}): only the one"
            " asked for has no file",
        ),
        (
            on_a_pi,
            f"but pip looked in piwheels ({pi_index[:120]}): on a Raspberry Pi's 32-bit OS no"
            " Python has a wheel",
        ),
    ):
        if cause:
            log_findings = contradicted(log_findings, python, because)
            judged = contradicted(judged, python, because)
            crossed = [*cause, *contradicted(tuple(crossed), python, because)]
    if _hosted_without_a_gpu(crossed) and not _hidden_on_purpose(known, matches):
        # CUDA's 'no device' reads as a hidden GPU elsewhere; in a hosted notebook whose runtime
        # has none attached, the runtime is the cause (the CPU runtime is the default there)
        log_findings = contradicted(
            log_findings,
            frozenset({"cuda-visible-devices-hides-gpus"}),
            "but this hosted notebook runs without a GPU attached, which the same line shows",
        )
    if any(f.id == "pip-cuda-libs-not-on-path" for f in log_findings):
        # the log's own reading (a release's known defect) says why the wheels are not found
        crossed = [f for f in crossed if f.title != LISTED_WHEELS_NOT_LOADED]
    findings = merge(
        verify_findings(verify) if verify else (),
        # a variable stated for the container says how it was started without the GPU (its
        # driver capabilities, its NVIDIA_VISIBLE_DEVICES): that reading and fix lead
        [f for f in judged if f.id == "container-gpu-not-exposed" and "NVIDIA_" in f.title],
        crossed,
        log_findings,
        judged,
    )
    findings = explain(weighed_against_unnamed_failure(findings, matches))
    findings = _kernels_named_for_this_gpu(findings, judged)
    findings = driver_predating_the_gpu_lists_none(findings)
    findings = conda_lib_on_the_path(findings, known, log or "", log_facts.library_path_printed)
    findings = floor_no_pypi_build_has(findings, matches, matrix)
    findings = cudnn_pinned_by_another_framework(findings, log_facts, entry)
    findings = colab_keeps_its_tensorflow(findings, log_facts)
    findings = _image_libraries_first(findings, known, log_facts, log or "")
    findings = _libcuda_link_off_wsl(findings, known, log or "")
    findings = _import_failure_before_the_variant(findings, log_facts, matches)
    findings = _random_op_in_a_training_step(findings, log or "")
    findings = addon_native_code_alone(findings, matches, log or "", no_gpu_shown)
    findings = memory_held_before_tensorflow(findings, log or "")
    findings = sized_out_of_memory(findings, log or "")
    findings = stub_asked_by_a_parent(findings, log or "")
    findings = keras_pair_named(
        findings, release, nightly="tf-nightly" in log_facts.tf_distributions
    )
    findings = ml_dtypes_named(findings, release)
    findings = generated_code_owned(findings, log or "")
    findings = poetrys_own_range(findings, log or "")
    findings = older_numpy_imported(findings, log or "")
    findings = pinned_memory_fix(
        findings, known, log_facts, log or "", jetson_seen(known, log_facts)
    )
    findings = wsl_reading_leads(findings, known, log_facts, matches)
    findings = merge(linux_driver_in_wsl(known, log_facts, log or ""), findings)
    findings = conversion_blocked(findings, log or "")
    findings = windows_cudnn_on_path(findings, known, log_facts)
    findings = stated_cudnn_off_path(findings, known)
    findings = cudnn_fix_in_a_container(findings, known)
    findings = pinned_release_pythons(findings, matches, matrix)
    findings = free_threaded_named(findings, log or "")
    findings = _driver_to_install_from_the_facts(
        _no_driver_inside_a_container(findings, known), judged
    )
    if not known.knows("gpus") and not gpus_in_log(log_facts, matrix):
        findings = _driver_for_a_gpu_nobody_named(findings)
    if not known.knows("pythons") and any(
        f.id == "glibc-too-old" and f.severity is Severity.ERROR for f in findings
    ):
        # manylinux wheels need a glibc: one older than the release's explains pip finding
        # none, whatever the Python nobody named
        findings = contradicted(
            findings,
            frozenset({"python-unsupported"}),
            "but this glibc is older than the release needs, which alone keeps pip from its"
            " wheels (the Python was not named: add --python X.Y)",
        )
    findings = nvml_unknown_outside_a_container(findings, known, log_facts, matches, log or "")
    # cuDNN checks its version on a GPU it runs on: one that reached cuDNN is not the old one
    gpu_reached = gpu_seen or bool(log_facts.cudnn_loaded)
    seen_ccs = tuple(g.compute_capability for g in gpus_in_log(log_facts, matrix))
    findings = weighed_against_the_gpu(
        findings, known, gpu_reached, tuple(cc for cc in seen_ccs if cc)
    )
    findings = invalid_function_on_a_served_gpu(
        findings,
        known,
        matches,
        tuple(e for v in candidates if (e := installed_release(matrix, v)) is not None),
    )
    findings = no_jit_below_the_ptx(findings, known, entry)
    gpu_ccs = tuple(cc for cc in (*seen_ccs, *(g.compute_capability for g in known.gpus)) if cc)
    findings = xla_behind_the_gpu(findings, entry, gpu_ccs, matrix)
    findings = ptxas_for_the_gpu(findings, entry, gpu_ccs, matrix)
    findings = cudnn_older_than_the_gpu(
        findings,
        (*known.gpus, *gpus_in_log(log_facts, matrix)),
        log_facts.cudnn_loaded,
        matches,
        entry,
        matrix,
    )
    guessed_from = () if stated else candidates
    weighed = weigh_memory(
        _with_release_context(
            findings, entry, guessed_from, log_facts.wanted_cuda, log_facts.cudnn_compiled
        ),
        log_facts,
        matches,
    )
    findings = rank(memory_behind_older_cudnn(weighed, matches))
    findings = runtime_found_the_rest_not(findings, matches, defects, release)
    findings = launched_elsewhere(findings, log_facts.launcher_line)
    legacy_named = query.legacy_build(matrix, release) if stated and release else None
    findings = installed_toolkit_off_the_path(
        findings,
        known,
        entry,
        log_facts.wanted_cuda,
        (release, legacy_named) if release and legacy_named else None,
        log_facts.conda_lib_named,
        in_conda=bool(log_facts.conda_line),
    )
    findings = lib64_not_searched(findings, log_facts)  # (names the folder: after the above)
    findings = with_legacy_build(findings, legacy_named, release)
    findings = host_side_in_a_container(findings, known, log_facts, matches)
    findings = slurm_job_without_a_gpu(findings, log or "")
    findings = rosetta_or_avx_on_a_mac(findings, known, log_facts.written_on, log or "")
    findings = driver_moot_where_no_release_runs(findings, known, matrix)
    findings = on_a_laptop(
        findings,
        laptop_gpu(known, log_facts.laptop_line),
        log or "",
        frozenset(m.signature.name for m in matches),
    )
    findings = driver_on_windows(findings, known)
    findings = windows_log_under_wsl(findings, known, log or "")
    findings = shell_driver_readings_refuted(findings, matches, log or "")
    findings = python_behind_an_old_glibc(findings, known)
    findings = gcs_gap_of_the_python(findings, known)
    findings = expected_without_a_gpu(findings, known.gpus_absent())
    findings = rank(
        macos_without_an_nvidia_gpu(findings, known, no_gpu_shown, bool(nvidia_on_a_mac), log or "")
    )
    # (a nightly is judged as a release beside it: named by that series, not a patch of it)
    # (a pre-release stated, '2.1.0rc0', is judged as its series' release: named as stated)
    pre = as_named if stated and as_named and _pre_release(as_named) else None
    findings = _named_by_series(findings, entry if not stated or neighbours or pre else None, pre)
    findings = kernels_moot(findings)
    findings = rank(one_build_checked_its_cudnn(findings, matches))
    findings = backslash_broke_the_export(findings, log or "")
    findings = jetpack_libraries(findings, known)
    if known.knows("os") and known.platform.os == "macos":
        findings = metal_pair_for_an_intel_mac(findings, known, log or "")
    if not gpu_seen:
        findings = rank(
            (
                *findings,
                *libraries_behind_an_empty_list(
                    known, log_facts, log or "", matches, findings, entry, answer
                ),
            )
        )
        if not no_gpu_shown and newer_than_build(known, entry) and not log_facts.local_build_line:
            findings = stalled_in_the_jit(findings, known, entry, matrix, matches)
        if newer_than_build(known, entry) or any(
            f.id == "compute-capability-unsupported" for f in legacy
        ):
            findings = kernels_failed_the_library(findings, matches)
    if last_run and not listed_later:
        # (the earlier run's GPU was set aside: the command that began the last run says which)
        listed_later = (log or "").split("\n")[last_run - 1].strip()[-120:]
    if listed_later and all(f.severity is Severity.INFO for f in findings):
        # nothing names why the later run lists no GPU (a library it lacks, a driver): the same
        # machine found it before, so the later run's environment is what differs
        findings = rank((gpu_gone_in_a_later_run(listed_later), *findings))
    if refuted and findings:
        first = findings[0]
        findings = (dataclasses.replace(first, evidence=(refuted, *first.evidence)), *findings[1:])
    if elsewhere is not None:
        findings = merge((elsewhere,), findings)
    if stopped_later is not None:
        stopper, how = stopped_later
        another_python = stopper.signature.name == NO_MODULE and how == EARLIER_RUN_USED_THE_GPU
        findings = merge(
            import_failed_in_another_python(f)
            if another_python and f.id == "tensorflow-not-installed"
            else dataclasses.replace(f, evidence=(*f.evidence, how))
            if f.id == stopper.signature.finding_id
            else f
            for f in findings
        )
    if verify is not None and verify.status == "gpu":
        findings = gpu_works(findings, frozenset())
        return Diagnosis(
            "yes", f"TensorFlow uses the GPU: {verify.reason}", findings, (), facts=known
        )
    read = read_as(matches, release, defects)
    after_gpu = errors_after_gpu(matches, read, kernel_doubts=not any(seen_ccs))
    # the copy on the loader path is why the version that loaded is the wrong one
    shadowing = frozenset(
        f.id
        for f in findings
        if f.id == "ld-library-path-shadows" and f.severity is Severity.ERROR
        if after_gpu & LIBRARY_VERSION_IDS
    )
    # how the process ended, as the log's last failure says ('crash': a fatal record of
    # TensorFlow's, 'F ...cc:1643] Check failed', or a crash the shell reported)
    ended_by, ended_line = last_failure(log or "")
    if gpu_seen and not after_gpu & GPU_FAILURE_IDS:
        # TensorFlow creates a device for a GPU newer than its build: the missing kernels show
        # only when work runs on it, so the device line does not contradict them.
        # A local build ('+selfbuilt') may have the kernels PyPI's lacks: the device stands.
        # A 1.x release named (no matrix row) is judged by its build's CUDA, and a GPU newer
        # than that CUDA is all its compute-capability finding says.
        legacy_newer = any(f.id == "compute-capability-unsupported" for f in legacy)
        newer = frozenset(
            {"compute-capability-unsupported"}
            if (newer_than_build(known, entry) or legacy_newer) and not log_facts.local_build_line
            else ()
        )
        # a library's kernel that would not run, on a GPU the build has no kernels for: that
        # is the missing kernels failing the work, not a doubt about its cause
        after_gpu |= newer & errors_after_gpu(matches, read, kernel_doubts=True)
        if newer and library_kernel_failed_after_gpu(matches):
            # cuBLAS's GEMM that would not launch on a GPU the build has no kernels for: the
            # kernels, not memory (tensorflow#25403, keras-yolo3#332)
            after_gpu |= newer
        # cuDNN or cuBLAS that would not start (or whose GEMM would not launch) on a GPU newer
        # than the CUDA it was built with: it has no code for it, so the missing kernels fail
        # the work, not memory (tensorflow#46093: an RTX 3080 under 2.3's cuDNN 7.6)
        predated = (
            bool(newer)
            and libraries_predate_the_gpu(known, entry, matrix)
            and any(
                m.signature.name in HANDLES_ON_A_GPU | NEWER_GPU_KERNEL_FAILURES
                for m in after_the_last_gpu(matches)
            )
        )
        if predated:
            after_gpu |= newer
        if after_gpu and kernels_off:
            # work failed on a GPU no kernel of this release runs on (a known defect): the
            # kernels are the cause, whatever failed first
            after_gpu |= {"compute-capability-unsupported"}
            newer |= {"compute-capability-unsupported"}
        # an optional library a feature asked for (TF-TRT's TensorRT) failing that work: the
        # GPU works, the feature does not
        optional = frozenset(
            m.signature.finding_id or ""
            for m in after_the_last_gpu(matches)
            if m.signature.name in OPTIONAL_LIBRARY_FAILURES
        )
        # a GPU device made: whatever the TensorFlow, it is no CPU-only build
        findings = tuple(f for f in findings if f.id != "cpu-only-tensorflow")
        # the driver's JIT compiling XLA's code, which it is known to miscompile: a GPU at work
        # is where that happens (review 97)
        jit = frozenset(
            {"driver-too-old"} if any(m.signature.name == DRIVER_JIT for m in matches) else ()
        )
        findings = gpu_works(
            others_ignored(findings, matches),
            after_gpu | newer | shadowing | optional,
            kept=newer | optional | jit,
        )
        # a value that would hide every GPU is not what the process at work ran with
        findings = noted(
            findings,
            lambda f: f.id == "cuda-visible-devices-hides-gpus",
            "but the log shows a GPU at work: the process that wrote it did not run with a"
            " value that hides it",
        )
        # TensorFlow ran here, so it was installed: what the facts alone say would leave none
        # installed (no wheel for this platform, this Python) is moot; a refusal the log itself
        # shows stands (tensorflow#22043: a source build on ppc64le, at work on its GPUs)
        refused = {m.signature.finding_id for m in matches}
        findings = tuple(f for f in findings if f.id not in NOTHING_INSTALLED - refused)
        library_failed = errors_after_gpu(matches, read, kernel_doubts=True) & GPU_FAILURE_IDS
        # the shell's word that the process died after the GPU lines: nothing ran on to show
        # the GPU at work, whatever was listed before it
        crashed = process_crashed_after_the_gpu(log or "", matches, ended_by, ended_line)
        if newer and not legacy_newer and not library_failed and not predated and not crashed:
            findings = jit_at_start(findings, known, entry, matrix)
        verdict = "TensorFlow uses the GPU: the log shows a GPU device at work"
        failed = next(
            (f for f in findings if f.id in after_gpu | newer | shadowing | optional), None
        )
        # a failure of the work itself, logged before the line that shows the GPU (TF 1.x
        # prints the failing node's GPU placement and its allocator's summary after the OOM)
        failed = failed or next(
            (f for f in findings if failed_on_the_gpu(f, log or "")),
            None,
        )
        if failed is not None:
            # only a GPU newer than the build, seen before any failure, is no failed work
            only_newer = failed.id in newer and failed.id not in after_gpu
            verdict += (", but " if only_newer else ", but work on it failed: ") + (
                lower_first(failed.title)
            )
        setup_failed = after_gpu & SETUP_FAILURE_IDS
        setup_failed |= shadowing if setup_failed else frozenset()
        if setup_failed:
            # the setup, not the user's model, stopped the work: every op of that kind fails
            findings = as_errors(findings, setup_failed)
        # a library that would not start on the GPU (cuDNN's handle), and the process then
        # aborted on it: the program crashed, whatever the likelier cause (medaka#236)
        aborted = failed is not None and failed.id in STARTS_ON_THE_GPU and ended_by == "crash"
        if fatal_record_after_the_gpu(log or "", matches, ended_by, ended_line):
            # TensorFlow's own CHECK in its GPU code ended the run after the device came up
            # (tensorflow#4769: 'gpu_device.cc:170] Check failed: err == cudaSuccess (71 vs. 0)'),
            # or aborted the process on the failure named ('Unexpected Event status: 1' after
            # a kernel the watchdog stopped)
            record = next(
                (line.strip() for line in (log or "").splitlines() if ended_line[:60] in line),
                ended_line,
            )
            verdict += (
                f", but then TensorFlow crashed on a fatal check of its own ('{record}')"
                if failed is None
                else f"; then TensorFlow aborted on it ('{record[:160]}')"
            )
            aborted = True
        gui = gui_library_aborted(log or "", ended_line) if crashed else ""
        if gui:
            # a GUI library's fatal error ended the run after the GPU's work: not TensorFlow's
            verdict += (
                f", and then a GUI library ended the process: '{gui}' (no display to open a"
                " window on; use opencv-python-headless, matplotlib's Agg backend"
                " (MPLBACKEND=Agg) or QT_QPA_PLATFORM=offscreen, or run where a display is)"
            )
        elif crashed:
            joined = ", but then" if failed is None else "; then"
            verdict += f"{joined} the process crashed ('{ended_line.strip()[:80]}')"
            aborted = True
        findings = mended_failure_noted(findings, log or "", matches)
        return Diagnosis("yes", verdict, findings, (), bool(setup_failed) or aborted, known)
    thin = verify is None and says_one_thing(matches)
    # verify's import failed, or the log shows TensorFlow's own import failing with nothing
    # of it at work after: either way TensorFlow does not run (exit 12, not 10)
    broken = (verify is not None and verify.status == "tf-broken") or bool(
        log_facts.failed_import_line or _import_stopped(log_facts)
    )
    # a GPU device created, then its kernels would not load: the setup failed the work there;
    # or a library it needed would not load, and the process died of it
    broken = broken or bool(gpu_seen and after_gpu & SETUP_FAILURE_IDS & KERNELS_FAIL)
    died_after_gpu = bool(
        gpu_seen
        and after_gpu & GPU_FAILURE_IDS
        # cuDNN's own 'Could not load library' ends the process (the paste may stop there)
        and (ended_by == "crash" or any(m.signature.at_work for m in matches))
    )
    broken = broken or died_after_gpu or stopped_later is not None
    # TensorFlow's own fatal record (a CHECK in its CUDA code) ended it: it crashed, not
    # another program
    broken = broken or (ended_by == "crash" and FATAL_SOURCE.search(ended_line) is not None)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    # the cause named first stopped TensorFlow's import itself (NumPy, protobuf, the CPU's
    # instructions), however far its C++ side got (a fatal record of its own at import)
    broken = broken or any(
        stops_tensorflow(m, log or "")
        # (a CUDA library its build links stopped the import whatever the cause is named:
        # the CUDA version it wants, a toolkit off PATH)
        and (m.signature.finding_id == errors[0].id or m.signature.name in LINKED_AT_IMPORT)
        for m in (matches if errors and not gpu_seen else ())
    )
    confirm = _to_confirm(
        known,
        log is not None,
        thin,
        # (a release guessed among several the log's hints admit is not known)
        release_known=release is not None and len({xy(v) for v in guessed_from}) <= 1,
        named=errors[0].id if errors else None,
        # (a fuller TensorFlow log helps only where the log had next to nothing of it)
        rerun=verify is None and len(matches) < 2,
    )
    if errors:
        top = errors[0]
        # a library TensorFlow only starts for work on a GPU device (cuDNN at the first
        # convolution) failed: the device existed, whether or not the paste kept its line
        # (the copy first on the loader path that loaded is why: its failure stands,
        # tensorflow#50217)
        failed_ids = (
            LIBRARY_VERSION_IDS | LIBRARY_IDS
            if top.id == "ld-library-path-shadows"
            else frozenset({top.id})
        )
        at_work = top.id in LIBRARY_VERSION_IDS | LIBRARY_IDS | {"ld-library-path-shadows"} and any(
            m.signature.at_work and m.signature.finding_id in failed_ids for m in matches
        )
        broken = broken or at_work
        # cuDNN that could not start for work on a GPU, and the process then aborted on it: a
        # crash, as where the device line was kept (tensorflow#14111)
        broken = broken or (ended_by == "crash" and handle_started_on_a_gpu(top, matches))
        verdict = (
            # a kernel that faulted ran on the GPU: the work failed there
            f"TensorFlow reached the GPU, but {lower_first(top.title)}; fix: {top.fix}"
            if top.id in RAN_ON_THE_GPU
            # (cuDNN starts only for work placed on a GPU device: stardist#76)
            or handle_started_on_a_gpu(top, matches)
            or (gpu_seen and top.id in after_gpu & KERNELS_FAIL)
            or (died_after_gpu and top.id in after_gpu)
            or at_work
            else f"TensorFlow is not using the GPU because {lower_first(top.title)}; fix: {top.fix}"
        )
        # a named cause lists the steps only for a thin log (a fuller log answers most of
        # them), but a GPU name typed wrong is worth saying whatever the log
        steps = confirm if thin else tuple(s for s in confirm if MISSPELT_GPU in s)
        return Diagnosis("no", verdict, findings, steps, broken, known)
    if broken and verify is not None:
        return Diagnosis(
            "no",
            f"TensorFlow does not work here: {verify.reason}",
            findings,
            NEXT_STEPS[1:2],
            True,
            known,
        )
    warnings = [
        f
        for f in findings
        if f.severity == Severity.WARNING and (matches or f.id not in SLOWS_BUT_RUNS)
    ]
    if warnings and warnings[0].id == "cuda-libs-not-found" and runtime_alone:
        # Without its CUDA runtime TensorFlow uses no GPU, whether or not the machine has one.
        return Diagnosis(
            "no",
            "TensorFlow is not using a GPU: it found no CUDA runtime"
            f" ({message_of(runtime_alone)})."
            " On a machine without an NVIDIA GPU that is expected and nothing is wrong; with"
            f" one, that is the cause (fix: {warnings[0].fix})",
            findings,
            confirm,
            broken,
            known,
        )
    if warnings and other_packages and not matches:
        # the log's only failure is another package's (numba's DLL load, SpleeterGui#16): that
        # leads, and what the facts alone say of TensorFlow comes after it
        verdict = (
            another_packages_failure(other_packages[0], log or "")
            + " Of TensorFlow itself, the facts stated leave this to check:"
            f" {lower_first(warnings[0].title)} (fix: {warnings[0].fix})"
        )
    elif warnings:
        verdict = (
            "The cause is not certain; the most likely one is that "
            f"{lower_first(warnings[0].title)} (fix: {warnings[0].fix})"
        )
    elif other_packages:
        verdict = (
            another_packages_failure(other_packages[0], log or "")
            + " Nothing in the log names a cause for TensorFlow itself."
        )
    elif any(m.signature.name == "native-runtime-not-loaded" for m in matches):
        verdict = (
            "TensorFlow itself failed to import, for a reason none of its lines name as a GPU"
            " cause: the error just before 'Failed to load the native TensorFlow runtime' says"
            " which. Where the paste stops there, the usual ones are a CPU without AVX"
            " (TensorFlow's wheels need it from 1.6 on), on Windows the Microsoft Visual C++"
            " runtime or, before 2.1, a CUDA or cuDNN DLL of another version than the build's,"
            " and a NumPy this TensorFlow was not built for."
        )
    elif (
        matches
        and all(m.signature.name in IMPORT_NOISE for m in matches)
        and not listed_no_gpu
        # (a paste ending in an error is not only harmless lines: the next branch quotes it)
        and not last_failure(log or "")[1]
    ):
        verdict = (
            "The log shows only lines TensorFlow prints whether or not it uses a GPU: they are"
            " harmless, and they do not say whether this TensorFlow found one. Ask it:"
            f" {ASK_FOR_GPUS}"
        )
    elif (
        findings
        and all(f.id == "benign-log-noise" for f in findings)
        and not any(m.signature.name in DRIVER_FOUND_A_GPU for m in matches)
    ):
        what = lower_first(findings[0].title.removeprefix("Harmless: "))
        if listed_no_gpu:
            verdict = (
                f"TensorFlow reports no GPU, and the lines recognised here are harmless ({what}):"
                " none says why. Rerun with TF_CPP_MIN_LOG_LEVEL=0 so TensorFlow's own GPU"
                " lines are in the log."
            )
        elif (failure := last_failure(log or "")[1]) and not failure.startswith("Traceback"):
            verdict = (
                f"The lines recognised here are harmless ({what}), but the log shows a failure"
                f" they do not explain ('{failure}'): fix what it says first. Then ask"
                f" TensorFlow whether it uses a GPU: {ASK_FOR_GPUS}"
            )
        else:
            verdict = (
                f"The lines recognised here are harmless ({what}), and none of them says why a"
                " GPU would not be used; an error this doctor does not know (the last one in"
                f" the log, if any) may be what stopped the run. Ask TensorFlow: {ASK_FOR_GPUS}"
            )
    else:
        verdict = "Not enough evidence to name the cause. " + (
            _import_stopped(log_facts)
            or _most_likely(known, matches, findings, log or "", no_gpu_answered)
        )
    gpu_used: GpuUse = "no" if said_no_gpu else "unknown"  # TensorFlow's own answer
    verdict = _asked_of_this_release(
        verdict, release, candidates, tuple(spec for spec, _ in log_facts.tf_range)
    )
    return Diagnosis(gpu_used, verdict, findings, confirm or NEXT_STEPS[1:], broken, known)


IMPORT_NOISE = frozenset(
    {
        "factory-already-registered",
        "tensorrt-missing",
        "cpu-feature-guard",
        "onednn-notice",
        "absl-log-notice",
    }
)
"""Lines TensorFlow prints at import on any machine, GPU or none: alone they say nothing."""
ASK_FOR_GPUS = (
    "python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\""
)
ASK_BEFORE_2_1 = (
    'python -c "from tensorflow.python.client import device_lib;'
    ' print(device_lib.list_local_devices())"'
)
"""The same question before tf.config.list_physical_devices (2.1): every 1.x has device_lib."""


def _asked_of_this_release(
    verdict: str,
    release: str | None,
    candidates: tuple[str, ...] = (),
    ranges: tuple[str, ...] = (),
) -> str:
    """The question to ask TensorFlow in the words the release that ran knows (1.8 raises
    AttributeError on tf.config: kabuku's TensorFlow 1.8 notes): the one stated, every one
    the log's hints admit, or a hint that admits only 1.x (a tensorflow._api.v1 path)."""
    releases = (release,) if release is not None else candidates
    before = bool(releases) and all(parsed(r) < parsed("2.1") for r in releases)
    before = before or (
        not releases
        and any(
            "2.1" not in specifier(s) and any(v in specifier(s) for v in ("1.15", "1.13"))
            for s in ranges
        )
    )
    return verdict.replace(ASK_FOR_GPUS, ASK_BEFORE_2_1) if before else verdict


def _import_stopped(log: LogFacts) -> str:
    """Where to look when TensorFlow's own import failed and no line says why: the exception at
    the bottom of that traceback, which the paste may have cut."""
    if not log.import_frame_line or log.tf_ran_line:
        return ""
    if log.last_exception_line:
        return (
            "TensorFlow failed while importing, before it looked for a GPU (a traceback runs"
            f" through its import), with '{log.last_exception_line}': that error is not one of"
            " the GPU causes named here; fix what it says first."
        )
    return (
        "TensorFlow failed while importing, before it looked for a GPU (a traceback runs"
        " through its import); the exception on the traceback's last line says why: paste the"
        " whole traceback, down to that line."
    )


_FAILURE_WORDS = re.compile(
    r"^[^\n]{0,200}?(?:\bFATAL\b|\bfailed to (?:load|initiali[sz]e|insert|allocate|open|find)\b"
    r"|\bNo such (?:device|file)\b|\bversion mismatch\b|\bnot detected\b"
    r"|\bcould not (?:be )?(?:load|insert|find|open|initiali[sz]e|found)|\bImpossible to\b)"
    r"[^\n]{0,200}"
    # an installer's refusal, whatever the package
    r"|^[ \t]*ERROR: (?:No matching distribution found for|Could not find a version that)"
    r"[^\n]{0,300}",
    re.MULTILINE | re.IGNORECASE,
)
"""Words of failure, in a line no signature read: a failure this doctor does not know."""
_GPU_STACK = re.compile(
    r"nvidia|\bnvml|nouveau|\bcuda|\bcudnn|libcu|\bgpu\b|\bdriver\b|kernel module|tensorflow"
    r"|\bdxg|\bpip\b",
    re.IGNORECASE,
)
"""What a failure line must name to be the GPU stack's or an install's: a desktop's own noise
('Failed to load module \"canberra-gtk-module\"') is not."""
_INSTALLER_ERROR = re.compile(r"^[ \t]*ERROR: ")
"""pip's own marker, in its case at the start of a line (any program prints 'error: ')."""
_DESKTOP_GRAPHICS = re.compile(
    r"\blibGL error\b|MESA-LOADER|\blibEGL\b|\bGLX\b|\bqt\.qpa\b|\bXlib\b|\bGtk-"
)
"""The desktop's graphics stack (Mesa's loader, EGL, GLX, Qt's platform plugins): its 'failed to
load driver: swrast' is a plotting or GUI library's, not the GPU stack TensorFlow uses."""
UNREAD_FAILURE_CHARS = 2_000_000


def _unread_failure(log: str, matches: tuple[LogMatch, ...]) -> str:
    read = {m.line.strip() for m in matches if m.signature.finding_id is not None}
    for found in _FAILURE_WORDS.finditer(log, 0, UNREAD_FAILURE_CHARS):
        end = log.find("\n", found.start())
        line = log[found.start() : len(log) if end == -1 else end].strip()
        if line in read or _DESKTOP_GRAPHICS.search(line):
            continue
        if _GPU_STACK.search(line) or _INSTALLER_ERROR.match(line):
            return line[:160]
    return ""


def _how_to_watch(facts: Facts) -> str:
    """How to see GPU work where the user looks: Task Manager's default graphs on Windows show
    no CUDA, and inside a container nvidia-smi's process table stays empty (the driver knows the
    host's process ids only; Docker Desktop's containers run on Windows too)."""
    if facts.knows("container") and facts.platform.container:
        return (
            "Watch the GPU-Util and Memory-Usage columns of 'nvidia-smi' while it runs (inside a"
            " container its process table stays empty)."
        )
    if not facts.knows("os") or facts.platform.os in ("windows", "wsl2"):
        return (
            "On Windows, Task Manager's default GPU graphs (3D, Copy) do not show CUDA work:"
            " switch one to 'Cuda' or 'Compute_0', or watch 'nvidia-smi' while it runs."
        )
    return "Watch 'nvidia-smi' while it runs: its process table lists it when it does."


def _most_likely(
    facts: Facts,
    matches: tuple[LogMatch, ...] = (),
    findings: tuple[Finding, ...] = (),
    log: str = "",
    answered: bool = False,
) -> str:
    """Where to look first when nothing names the cause: past the driver when the evidence
    shows it and a GPU (nvidia-smi's table in the log, the probe, or TensorFlow reading the
    GPU's NUMA node). A line whose finding the rest of the log stepped down to a note (NGC's
    banner under WSL 2) is no failure. answered: TensorFlow's own answer in the log says it
    has no GPU."""
    noted = {f.id for f in findings if f.severity is Severity.INFO}
    if any(m.signature.name in DRIVER_FOUND_A_GPU for m in matches):
        if died_before_a_device(matches, log):
            return (
                "The driver found a GPU (TensorFlow listed it), and a traceback follows before"
                " TensorFlow created its device: the exception on the traceback's last line"
                " names the failure (paste it down to there: 'tfgpu-setup doctor' reads it)."
            )
        if all(m.signature.finding_id in (None, "benign-log-noise", *noted) for m in matches):
            return (
                "The driver found a GPU (TensorFlow listed it), and no line after it"
                f" says anything failed. Ask TensorFlow whether it uses it: {ASK_FOR_GPUS}."
                f" {_how_to_watch(facts)}"
            )
        return (
            "The driver found a GPU (TensorFlow listed it), so most likely this"
            " TensorFlow found no CUDA libraries it can load; the steps below confirm which."
        )
    driver_works = (
        facts.knows("driver")
        and facts.driver.version is not None
        and facts.knows("gpus")
        and bool(facts.gpus)
    )
    if driver_works and facts.knows("container") and facts.platform.container:
        # what nvidia-smi shows may be the host's: the container gets the GPU only if started
        # with it (DeepLabCut#1724)
        return (
            f"The driver ({facts.driver.version}) and the GPU are there; in a container, first"
            " check that the container itself was started with the GPU ('nvidia-smi' inside it,"
            " 'docker run --gpus all'), then that this TensorFlow finds CUDA libraries it can"
            " load and is a build with CUDA; the steps below confirm which."
        )
    if driver_works:
        return (
            f"The driver ({facts.driver.version}) and the GPU are there, so most likely this"
            " TensorFlow found no CUDA libraries it can load, or is a build without CUDA; the"
            " steps below confirm which."
        )
    failed = any(f.severity is not Severity.INFO for f in findings)
    kind, line = ("", "") if failed or answered else last_failure(log)
    if kind == "installer":
        return (
            f"The install did not finish ('{line}'): the resolver found no set of versions that"
            " fit together, so TensorFlow may not be installed at all. Fix the conflict it names"
            " first (pin releases that can be installed together, or give the other package"
            " its own environment); 'tfgpu-setup plan' picks a TensorFlow for this machine."
        )
    if kind == "other" and line.startswith("Traceback"):
        return (
            "The log shows a traceback cut before its exception: the exception on its last line"
            " says what failed; paste the whole traceback, down to that line."
        )
    if kind:
        return (
            f"The log shows a failure none of the GPU causes here explains ('{line}'): fix what"
            " it says first (it may be another package's). Then ask TensorFlow whether it uses"
            f" a GPU: {ASK_FOR_GPUS}"
        )
    if not failed and not answered:
        # Nothing failed and TensorFlow was not asked: many who ask 'why no GPU' watch a graph
        # that does not show CUDA work, and the GPU is in use.
        watch = _how_to_watch(facts)
        if unread := _unread_failure(log, matches):
            # words of failure in a line no reading here knows (a kernel module's, a tool's):
            # not a log that may be healthy
            return (
                f"The log shows a failure this doctor does not know ('{unread}'): fix what it"
                " says first. To see where the GPU stands, paste 'nvidia-smi', 'lspci -nnk |"
                " grep -A3 -i nvidia' and 'dmesg | grep -i -e nvrm -e nvidia' with TensorFlow's"
                f" own lines; then ask TensorFlow: {ASK_FOR_GPUS}."
            )
        nothing = (
            "None of the lines recognised here names a failure, and none is TensorFlow saying"
            " it has no GPU"
            if log
            else "Nothing stated here shows a failure (no log was given)"
        )
        return (
            f"{nothing}: it may be using one. Ask it: {ASK_FOR_GPUS}. {watch} Where it"
            " lists no GPU, the driver or"
            " the CUDA libraries are the usual cause (or, where it works from a terminal and"
            " not from an IDE, notebook or service, the variables that launcher passes on:"
            " LD_LIBRARY_PATH, PATH); the steps below confirm which."
        )
    said = next((m for m in matches if m.signature.name == "no-gpu-among-devices"), None)
    if said is not None:
        return (
            f"TensorFlow says it has no GPU device ('{said.line.strip()[:160]}'): most likely"
            " it did not find a usable driver or CUDA libraries, or CUDA_VISIBLE_DEVICES hides"
            " the GPU (a script's GPU index beyond those present does too), or, before 2.1,"
            " the CPU-only 'tensorflow' package is installed instead of 'tensorflow-gpu'; the"
            " steps below confirm which."
        )
    return (
        "Most likely TensorFlow did not find a usable driver or CUDA libraries; the steps below"
        " confirm which."
    )


DRIVER_JIT = "driver-jit-too-old"
LIBRARY_FAILURE_IDS = frozenset({"cuda-libs-not-found", "cudnn-not-found"})
"""A CUDA library (or the DLLs a Windows build links) failing to load, in the log's words."""
CONDA_PAIR_PLACEHOLDER = "cudatoolkit=X.Y cudnn=X.Y"
"""The conda install a library fix names before the release it was built for is known."""
VERSION_IDS = frozenset(
    {"cuda-libs-not-found", "cudnn-not-found", "cuda-version-mismatch", "cudnn-version-mismatch"}
)


def _with_release_context(
    findings: tuple[Finding, ...],
    release: TfRelease | None,
    guessed_from: tuple[str, ...] = (),
    wanted: tuple[Wanted, ...] = (),
    compiled: str | None = None,
) -> tuple[Finding, ...]:
    """Library findings say which CUDA and cuDNN the release was built with: what to install.
    guessed_from: the releases the log's hints admit, where nobody named the one that ran;
    wanted: the CUDA the log's failing libraries ask for (conda's pair is named only where
    the release's CUDA is that one); compiled: the cuDNN TensorFlow's own message says it was
    built with (its pin is named only where the release's cuDNN is that one)."""
    if release is None or release.cuda is None:
        return findings
    versions = sorted({xy(v) for v in guessed_from}, key=parsed)
    which = (
        f"TensorFlow {release.version} (the newest the log's hints admit, {versions[0]} to"
        f" {versions[-1]}: add --tf X.Y for the one that ran)"
        if len(versions) > 1
        else f"TensorFlow {release.version}"
    )
    built = (
        f"{which} was built with CUDA {release.cuda}"
        + (f" and cuDNN {release.cudnn}" if release.cudnn else "")
        + " (matrices/tensorflow.json)"
    )
    # one release known: conda's pair for it, not the placeholders (review 77: 2.9.1 on Windows)
    pair = (
        f"cudatoolkit={xy(release.cuda)} cudnn={xy(release.cudnn)}"
        if release.cudnn and len(versions) <= 1 and all(w.accepts(release.cuda) for w in wanted)
        else CONDA_PAIR_PLACEHOLDER
    )
    cudnn_pin = next((p for p in release.nvidia_pins if p.startswith("nvidia-cudnn-")), None)
    # TensorFlow's own 'compiled with' another cuDNN than the table's: another build ran, whose
    # floor is the one it printed (the release's pin may be what it just refused)
    other_build = (
        compiled is not None and release.cudnn is not None and xy(compiled) != xy(release.cudnn)
    )
    cudnn_wheel = (
        f"cuDNN {compiled} or a newer {compiled.split('.')[0]}.x, the version this build printed"
        " it was compiled with (NVIDIA's nvidia-cudnn wheel of that version for the CUDA in use"
        + (
            f"; tensorflow.org's {release.version} pins another, so another build ran)"
            if cudnn_pin
            else ")"
        )
        if other_build and compiled is not None
        else f"{cudnn_pin} ('pip install \"{cudnn_pin}\"'), the cuDNN wheel that"
        f" 'tensorflow[and-cuda]=={release.version}' pins"
        if cudnn_pin and len(versions) <= 1
        else CUDNN_WHEEL_OF_THE_EXTRA
    )

    def with_built(f: Finding) -> tuple[str, ...]:
        if built in f.evidence or (other_build and f.id == "cudnn-version-mismatch"):
            return f.evidence
        return (*f.evidence, built)

    return tuple(
        dataclasses.replace(
            f,
            evidence=with_built(f),
            fix=f.fix.replace(CONDA_PAIR_PLACEHOLDER, pair).replace(
                CUDNN_WHEEL_OF_THE_EXTRA, cudnn_wheel
            ),
        )
        if f.id in VERSION_IDS
        else f
        for f in findings
    )


def _named_by_series(
    findings: tuple[Finding, ...], judged: TfRelease | None, stated: str | None = None
) -> tuple[Finding, ...]:
    """A release only guessed from the log's hints (judged) is named by its series
    ('TensorFlow 2.0'), as the matrix judged it: its patch release ('2.0.4') is one nobody
    stated or logged. A pre-release stated ('2.0.0b1'), which the matrix judges as its series'
    newest patch, keeps the name it was stated by."""
    if judged is None or xy(judged.version) == judged.version:
        return findings
    patch = re.compile(rf"(?<=TensorFlow ){re.escape(judged.version)}(?!\.?\d)")
    name = stated or xy(judged.version)

    def series(text: str) -> str:
        return patch.sub(name, text)

    return tuple(
        dataclasses.replace(
            f,
            title=series(f.title),
            evidence=tuple(series(e) for e in f.evidence),
            fix=series(f.fix),
        )
        for f in findings
    )


def _pre_release(version: str) -> bool:
    try:
        return parsed(version).is_prerelease
    except InvalidVersion:
        return False


def _smoke_version(verify: VerifyOutcome | None) -> str | None:
    report = verify.smoke.report if verify is not None and verify.smoke is not None else None
    return report.tensorflow_version if report is not None else None


STARTS_ON_THE_GPU = frozenset({"gpu-out-of-memory", "cudnn-version-mismatch"})
"""Failures of a library starting on a GPU TensorFlow has (cuDNN's or cuBLAS's handle)."""


def _image_libraries_first(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts, text: str
) -> tuple[Finding, ...]:
    """Inside a known container, NVML's mismatch fix leads with the image's own driver
    libraries: the host's reboot comes second there, save where the container hook reported
    it."""
    if not (facts.knows("container") and facts.platform.container):
        return findings
    if log.driver_halves is not None or _host_driver_upgraded(text):
        return findings  # the host's module and libraries of two versions: the host's upgrade
    return tuple(
        dataclasses.replace(
            f, fix=IMAGE_DRIVER_LIBRARIES + " " + f.fix.replace(" " + IMAGE_DRIVER_LIBRARIES, "")
        )
        if f.id == "driver-library-mismatch"
        and f.fix.endswith(" " + IMAGE_DRIVER_LIBRARIES)
        # (the container hook's NVML runs on the host, before the image: the host's driver)
        and not any("nvidia-container-cli" in e for e in f.evidence)
        else f
        for f in findings
    )


_NVML_LIBRARY = re.compile(r"NVML library version: (?P<version>\d{3}\.\d{1,3}(?:\.\d{1,3})?)")
_KERNEL_MODULE = re.compile(r"Kernel Module +(?P<version>\d{3}\.\d{1,3}(?:\.\d{1,3})?)")
_DRIVER_PACKAGE_UPGRADED = re.compile(
    r"^Upgrade: [^\n]{0,200}\bnvidia-(?:utils|driver)-\d{3}", re.M
)


def _host_driver_upgraded(text: str) -> bool:
    """The paste shows the host's driver packages upgraded, or NVML's library newer than the
    loaded kernel module (nvidia-smi's and /proc/driver/nvidia/version's): an upgrade whose
    reboot is pending. A library older than the module, or driver packages listed installed
    inside the container, is the image's own copy."""
    if _DRIVER_PACKAGE_UPGRADED.search(text):
        return True
    if DRIVER_PACKAGE.search(text):
        return False
    library, module = _NVML_LIBRARY.search(text), _KERNEL_MODULE.search(text)
    if not (library and module):
        return False
    try:
        return parsed(library["version"]) > parsed(module["version"])
    except InvalidVersion:
        return False


_NATIVE_LIBCUDA = re.compile(
    # (not CUDA's forward-compatibility package: /usr/local/cuda/compat, cuda-compat-12-2)
    r"(?<![\w/])(?!/usr/lib/wsl/)(?![^\s]{0,200}compat)(?:/[\w.+-]{1,60}){1,6}"
    r"/libcuda\.so\.\d{3}\.\d{1,3}(?:\.\d{1,3})?\b"
)
"""The driver's libcuda by its full version (libcuda.so.535.104.05) in a folder of its own: a
native Linux driver's file, which WSL 2 (libcuda.so.1.1 in /usr/lib/wsl/lib) never has."""


def _libcuda_link_off_wsl(
    findings: tuple[Finding, ...], facts: Facts, text: str
) -> tuple[Finding, ...]:
    """cuDNN asking for libcuda.so on a system known not to be WSL 2 (stated, or a native
    driver's own libcuda file listed): the driver's unversioned link is missing there
    (libcuda.so.1 may well load), not WSL's loader path."""
    native = _NATIVE_LIBCUDA.search(text) is not None
    if not native and (not facts.knows("os") or facts.platform.os == "wsl2"):
        return findings
    link = [
        f
        for f in findings
        if f.id == "wsl-libcuda-missing" and f.source == CUDNN_NEEDS_LIBCUDA_SOURCE
    ]
    no_driver = next((f for f in findings if f.id == "no-nvidia-driver"), None)
    if link and no_driver is not None:
        # the paste shows the driver itself absent (cuInit failing, no nvidia-smi): the missing
        # link is its consequence, and the driver to install leads
        return rank(
            dataclasses.replace(
                f, severity=Severity.ERROR, evidence=(*f.evidence, *link[0].evidence)
            )
            if f is no_driver
            else f
            for f in findings
            if f not in link
        )
    return tuple(
        dataclasses.replace(
            f,
            id="no-nvidia-driver",
            title="cuDNN cannot load the driver library by its unversioned name, libcuda.so:"
            " the driver's libcuda.so link is missing",
            fix="Install the driver's compute libraries whole (libnvidia-compute-NNN, or the"
            " driver's -dev package, which brings the libcuda.so link), or link it yourself:"
            " 'sudo ln -s libcuda.so.1 libcuda.so' in the folder 'ldconfig -p | grep libcuda'"
            " names, then 'sudo ldconfig'.",
        )
        if f.id == "wsl-libcuda-missing" and f.source == CUDNN_NEEDS_LIBCUDA_SOURCE
        else f
        for f in findings
    )


_CUDA_DLL = re.compile(r"\b(?:cudart|cudnn|cublas)64_\d{1,3}\.dll\b", re.I)


def _gpu_build_shown(facts: Facts, log: LogFacts, text: str) -> bool:
    """The TensorFlow here is a GPU build: the log lists tensorflow-gpu installed, a CUDA DLL
    its build asked for is named, or a GPU is known. Before 2.1 the plain 'tensorflow' package
    was the CPU one."""
    if facts.knows("gpus") and facts.gpus:
        return True
    return "tensorflow-gpu" in log.tf_distributions or _CUDA_DLL.search(text) is not None


def _import_failure_before_the_variant(
    findings: tuple[Finding, ...], log: LogFacts, matches: tuple[LogMatch, ...]
) -> tuple[Finding, ...]:
    """TensorFlow's own import failing ('Failed to load the native TensorFlow runtime'): which
    variant is installed (a CPU-only package) matters only once it imports, so the import
    failure's cause leads (a CPU without AVX fails the GPU package the same way)."""
    failed = log.failed_import_line or next(
        (m.line.strip() for m in matches if m.signature.name == "native-runtime-not-loaded"), ""
    )
    if not failed:
        return findings
    # (an info, so that it ranks after the reading it defers to, as it says)
    return rank(
        tuple(
            dataclasses.replace(f, severity=Severity.INFO) if f.id == "cpu-only-tensorflow" else f
            for f in demoted(
                findings,
                lambda f: f.id == "cpu-only-tensorflow",
                f"but TensorFlow does not import here yet ({failed[:120]}): that comes first",
            )
        )
    )


_TRAINING_STEP = re.compile(
    r"^[ \t]*Epoch \d{1,6}/\d{1,6}[ \t]*$|\b(?:train_step|train_function|one_step_on_iterator)\b"
    r"|\bin fit\b|\.fit\(",
    re.MULTILINE,
)


_BUILDING_FRAMES = re.compile(
    r"[/\\]initializers?[/\\.]|\badd_weight\b|\b_try_build\b|, in build\b"
    # the program's own model-making function or constructor, a layer constructed (not also
    # called) on the frame's line, a variable made of the op's tensor
    r"|, in (?:make|build|create|get|define)_?model\b|, in __init__\b"
    r"|^[ \t]+(?:\w+ = )?(?:layers|keras\.layers|tf\.keras\.layers)\.[A-Z]\w{1,40}\((?![^\n]*\)\()"
    r"|^[^\n]*\b(?:tf\.)?Variable\(",
    re.MULTILINE,
)
_CALLED_A_LAYER = re.compile(
    r"Exception encountered when calling layer|Call arguments received by layer"
)
"""Keras's own word, under the failure, that a layer's call raised it: the call's tensors."""
_BATCH_FRAMES = re.compile(
    r"[/\\]regularization[/\\]|\bdropout\b|GaussianNoise|[/\\]preprocessing[/\\]image_preprocessing"
    r"|\brandom_(?:flip|crop|rotation|zoom|contrast)\b|, in call\b",
    re.IGNORECASE,
)
FRAMES_BEFORE = 1_500
_FRAME = re.compile(
    r'^[ \t]*File "[^"\n]{1,300}", line \d|^File [~/\\][^\n]{1,300}:\d', re.MULTILINE
)
"""A traceback frame (Python's, or IPython's)."""
_OWN_FRAME = re.compile(
    r'File "(?![^"\n]{0,300}(?:site|dist)-packages)[^"\n<]{1,300}\.py", line \d{1,6},'
    r" in (?!<module>)\w"
)
"""A frame of the program's own code (not a package's), inside a function of it."""


def _random_op_in_a_training_step(findings: tuple[Finding, ...], log: str) -> tuple[Finding, ...]:
    """An eager random or fill op that ran out of memory reads as a weight's initializer, unless
    it ran in a layer's call (a dropout's or an augmentation's tensor is batch-sized, and the
    batch size is the fix). The traceback's own frames decide; without them, training under way
    (an 'Epoch' line, a training step's frame) does (review 95: an earlier trial's epochs
    before a model build)."""
    oom = log.find("OOM when allocating")
    frames = log[max(0, oom - FRAMES_BEFORE) : oom] if oom >= 0 else ""
    building = _BUILDING_FRAMES.search(frames) is not None
    in_a_call = _BATCH_FRAMES.search(frames) is not None
    called = oom >= 0 and _CALLED_A_LAYER.search(log, oom, oom + FRAMES_BEFORE) is not None
    if called and _weights_of_the_call(log, oom):
        called, in_a_call = False, False
    if _FRAME.search(frames):
        # the traceback's frames decide (review 96): an initializer's build creates variables;
        # a layer's call, or the program's own line making the tensor, is batch-sized (Keras's
        # word that a layer's call raised it outranks a build on the way: review 97)
        batch = (called and in_a_call) or (
            not building and (in_a_call or called or _OWN_FRAME.search(frames) is not None)
        )
    else:
        batch = _TRAINING_STEP.search(log) is not None
    if not batch:
        return findings
    return tuple(
        dataclasses.replace(f, title=GPU_MEMORY_RAN_OUT, fix=GPU_MEMORY_FIX)
        if f.id == "gpu-out-of-memory"
        and f.title == OOM_CREATING_VARIABLES
        and not any(_TF1_VARIABLE_NODE.search(e) for e in f.evidence)
        else f
        for f in findings
    )


_OOM_SHAPE = re.compile(r"OOM when allocating tensor with shape\[(?P<dims>[\d,\s]{1,80})\]")
_CALL_INPUT = re.compile(r"inputs=tf\.Tensor\(shape=\((?P<dims>[\d,\s]{1,80})\)")


def _weights_of_the_call(log: str, oom: int) -> bool:
    """A layer's first call builds its weights: a random op's tensor of another shape than the
    inputs the call was given ('inputs=tf.Tensor(shape=(32, 200000)...' beside
    shape[200000,100000]) is a weight's initializer; one of the inputs' own shape is a
    dropout's or a noise layer's (reviews 98, 99)."""
    shape = _OOM_SHAPE.search(log, oom)
    given = _CALL_INPUT.search(log, oom, oom + FRAMES_BEFORE)
    if shape is None or given is None:
        return False
    dims = [d.strip() for d in shape["dims"].split(",") if d.strip()]
    inputs = [d.strip() for d in given["dims"].split(",") if d.strip()]
    return dims != inputs


_TF1_VARIABLE_NODE = re.compile(
    r"/Initializer/|/Assign\b| = (?:Const|Assign|VariableV2|VarHandleOp)\["
)
"""TensorFlow 1.x's own node names for a variable being created: firm, whatever runs around."""


def _hosted_without_a_gpu(crossed: list[Finding]) -> bool:
    return any(
        f.id == "no-nvidia-gpu"
        and f.severity is Severity.ERROR
        and f.source == HOSTED_GPU_RUNTIME_SOURCE
        for f in crossed
    )


def _hidden_on_purpose(facts: Facts, matches: tuple[LogMatch, ...]) -> bool:
    """CUDA_VISIBLE_DEVICES stated, or named in the log: its reading stands."""
    return visible_devices_set(facts) or any("CUDA_VISIBLE_DEVICES" in m.line for m in matches)


def _kernels_named_for_this_gpu(
    findings: tuple[Finding, ...], judged: tuple[Finding, ...]
) -> tuple[Finding, ...]:
    """The log's 'no kernel image' merged with the facts' reading of the same GPU and release:
    the log's fix is general (older GPU, older TensorFlow), the facts' names the release that
    has kernels for this GPU (a Maxwell card under 2.3, whose build skipped sm_50: 2.4 and
    later have it again), so that one is said too."""
    named = next((f for f in judged if f.id == "compute-capability-unsupported"), None)
    if named is None:
        return findings
    # where no release has kernels for it, the log's 'install an older TensorFlow' has none
    none_has = named.fix.startswith(NO_RELEASE_HAS_KERNELS)
    return tuple(
        dataclasses.replace(f, fix=named.fix if none_has else f"{named.fix} {f.fix}")
        if f.id == named.id and named.fix not in f.fix
        else f
        for f in findings
    )


TF_UNKNOWN_STEP = (
    "add --tf X.Y, the TensorFlow installed (or that wrote the log) "
    "('python -c \"import tensorflow as tf; print(tf.__version__)\"' prints it)"
)
TF_ASKED_STEP = "add --tf X.Y, the TensorFlow release pip (or conda) was asked to install"
CC_UNKNOWN_STEP = (
    "add --gpu X.Y with the GPU's compute capability "
    "('nvidia-smi --query-gpu=name,compute_cap --format=csv' prints it)"
)
UNKNOWN_THAT_MATTERS = (
    (
        "driver",
        ("no-nvidia-driver", "driver-too-old", "driver-library-mismatch"),
        "run 'nvidia-smi' and add --driver VERSION (or --driver none)",
    ),
    (
        "gpus",
        ("no-nvidia-gpu", "compute-capability-unsupported"),
        "add --gpu NAME as 'nvidia-smi --query-gpu=name --format=csv' prints it",
    ),
    (
        "os",
        ("windows-native-gpu-unsupported", "macos-no-cuda", "wsl-libcuda-missing"),
        "add --os linux|wsl2|windows|macos",
    ),
    (
        "pythons",
        # (a Python's version shows which releases install; not which interpreter ran)
        ("python-unsupported",),
        "add --python X.Y (the Python that runs TensorFlow)",
    ),
    (
        "cuda",
        ("cuda-version-mismatch",),
        "run 'nvcc --version' (or check the CUDA folder) and add --cuda-toolkit X.Y",
    ),
    (
        "cudnn",
        ("cudnn-version-mismatch",),
        "find the cuDNN installed ('ls /usr/lib/x86_64-linux-gnu/libcudnn* /usr/local/cuda/lib64/"
        "libcudnn*', cudnn_version.h, 'pip list | grep cudnn') and add --cudnn X.Y (or --cudnn"
        " none): another version is a mismatch, none is a missing cuDNN",
    ),
)
"""Each fact whose absence from the evidence matters, the causes stating it could reveal, and
how to state it."""
ON_WINDOWS = {
    "cudnn": (
        "find the cuDNN installed ('where cudnn64_*.dll' names its major version; its"
        " cudnn_version.h, or cudnn.h before 8, under %CUDA_PATH%\\include the rest; 'pip list |"
        " findstr cudnn') and add --cudnn X.Y (or --cudnn none): another version is a mismatch,"
        " none is a missing cuDNN"
    ),
    "rerun": (
        "rerun your script after 'set TF_CPP_MIN_LOG_LEVEL=0' and 'set TF_CPP_MAX_VLOG_LEVEL=3'"
        " (PowerShell: $env:TF_CPP_MIN_LOG_LEVEL=0; $env:TF_CPP_MAX_VLOG_LEVEL=3) and pass the"
        " log: 'tfgpu-setup doctor --log run.log'"
    ),
}
"""The same steps in Windows' own commands, where the machine is known to be Windows."""


def _explainers(finding_id: str) -> frozenset[str]:
    """The finding itself and every id that explains it, directly or through another."""
    found = {finding_id}
    while grown := {
        kind.id
        for kind in FINDING_KINDS.values()
        if kind.id not in found and found.intersection(kind.explains)
    }:
        found |= grown
    return frozenset(found)


def _to_confirm(
    facts: Facts,
    from_log: bool,
    thin: bool,
    release_known: bool = True,
    named: str | None = None,
    rerun: bool = False,
) -> tuple[str, ...]:
    """What would settle the cause: each unknown that matters, with how to state it, and a
    fuller log when the log says little. With a cause already named, an unknown matters only
    if stating it could confirm that cause or reveal one that explains it."""
    relevant = _explainers(named) if named is not None else None
    windows = facts.knows("os") and facts.platform.os == "windows"
    # Debian's multiarch folder: a Jetson's or a Grace machine's cuDNN is under aarch64's.
    arm = facts.knows("arch") and facts.platform.arch in ("aarch64", "arm64")
    triplet = "aarch64-linux-gnu" if arm else "x86_64-linux-gnu"
    # no CUDA on macOS, and nothing of NVIDIA's to find on a machine known to have no GPU
    moot = (
        {"driver", "gpus", "cuda", "cudnn"}
        if (facts.knows("os") and facts.platform.os == "macos") or facts.gpus_absent()
        else set()
    )
    steps = (
        []
        if release_known
        else [TF_ASKED_STEP if _before_tensorflow_ran(named) else TF_UNKNOWN_STEP]
    )
    # a CUDA or cuDNN stated by its major alone: the minor, still unknown, decides
    minor_unknown = {
        name
        for name, installs in (("cuda", facts.cuda), ("cudnn", facts.cudnn))
        if facts.knows(name) and major_only(installs)
    }
    steps += [
        ON_WINDOWS.get(name, how) if windows else how.replace("x86_64-linux-gnu", triplet)
        for name, reveals, how in UNKNOWN_THAT_MATTERS
        if (not facts.knows(name) or name in minor_unknown)
        and name not in moot
        and (relevant is None or relevant.intersection(reveals))
    ]
    cc_matters = relevant is None or "compute-capability-unsupported" in relevant
    unknown_names = [
        g.name
        for g in facts.gpus
        if g.cc_source == UNKNOWN_GPU_NAME and g.source.startswith("flag")
    ]
    if unknown_names:
        # (a misspelt name is worth a look whatever the cause)
        steps.append(
            f"--gpu {unknown_names[0]!r} {MISSPELT_GPU}: check its spelling as"
            " 'nvidia-smi --query-gpu=name --format=csv' prints it, or give its compute"
            " capability (--gpu X.Y)"
        )
    elif cc_matters and any(g.compute_capability is None for g in facts.gpus):
        steps.append(CC_UNKNOWN_STEP)
    if from_log and any(step not in (TF_UNKNOWN_STEP, TF_ASKED_STEP) for step in steps):
        # (a probe of the machine answers its unknown facts; which TensorFlow ran, it may not)
        steps.append(NEXT_STEPS[2])
    if rerun and not _before_tensorflow_ran(named):
        steps.append(ON_WINDOWS["rerun"] if windows else NEXT_STEPS[1])
    return tuple(steps)


NOTHING_INSTALLED = frozenset(
    {"python-unsupported", "glibc-too-old", "platform-unsupported", "tensorflow-not-installed"}
)
"""Causes that leave no TensorFlow installed (pip found no wheel, or nothing was installed)."""


def _before_tensorflow_ran(named: str | None) -> bool:
    """A cause that leaves no TensorFlow to run: a rerun's TensorFlow log has nothing to add,
    and the release that matters is the one asked for."""
    return named in NOTHING_INSTALLED


def _driver_to_install_from_the_facts(
    findings: tuple[Finding, ...], judged: tuple[Finding, ...]
) -> tuple[Finding, ...]:
    """A log line shows CUDA without a working driver; the facts say which driver to install
    (none is, or the one installed is past the GPU's last branch), which the line cannot: the
    line's generic fix (reinstall, reload nvidia_uvm) would leave such a machine as it is."""
    stated = next((f for f in judged if f.id == "no-nvidia-driver"), None)
    if stated is None:
        return findings
    return tuple(
        dataclasses.replace(f, fix=stated.fix, source=stated.source)
        if f.id == "no-nvidia-driver" and f.severity is Severity.ERROR
        else f
        for f in findings
    )


MISSPELT_GPU = "is no GPU name this tool knows"


def _driver_for_a_gpu_nobody_named(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """A driver 'for this GPU', where nothing stated or logged shows one: whether there is one
    is the first thing to check (most hosts that log only this have none)."""
    return tuple(
        dataclasses.replace(
            f,
            fix="If this machine has an NVIDIA GPU ('lspci | grep -i nvidia' lists it), install"
            " its NVIDIA driver" + f.fix.removeprefix(FOR_THIS_GPU),
        )
        if f.id == "no-nvidia-driver" and f.fix.startswith(FOR_THIS_GPU)
        else f
        for f in findings
    )


def _no_driver_inside_a_container(
    findings: tuple[Finding, ...], facts: Facts
) -> tuple[Finding, ...]:
    """A container the probe found without a driver gets one from the host with its GPU: the
    missing driver is the container's start, not a driver to reload inside it."""
    inside = facts.knows("container") and facts.platform.container
    if not inside or not facts.knows("driver") or facts.driver.version is not None:
        return findings
    if not any(f.id == "container-gpu-not-exposed" for f in findings):
        return findings
    # (the cuInit readings that send the user to install or reload a driver; the others that
    # say libcuda is missing already name a container started without it)
    return demoted(
        findings,
        lambda f: (
            f.id == "no-nvidia-driver" and f.fix in (CUINIT_DRIVER_FIX, LIBCUDA_NOT_LOADED_FIX)
        ),
        "but this runs in a container, which gets the driver with the GPU from the host (none"
        " is installed inside one)",
    )
