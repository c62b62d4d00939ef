"""Evidence about versions: a CUDA or cuDNN library the log cannot load, read against the
versions installed and the release's own; a cuDNN loaded that is not the one installed; a
driver older than the CUDA that runs. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..doc_urls import TF_TESTED
from ..facts import CudnnInstall, Facts
from ..findings import Finding, Severity
from ..matrix.model import TfRelease
from ..matrix.query import driver_cuda_runs
from ..versions import parsed, serves_build, xy
from .device_evidence import container_expects_gpu
from .library_path import LIBRARY_FOLDER, WheelOnPath, wheel_on_path
from .loader_path import lib_folder_not_lib64, put_on_loader_path
from .logfacts import LogFacts
from .logs import LogMatch
from .signatures import cudnn_version
from .signatures.libraries import HOSTED_CUDNN_FIX
from .sources import COLAB_CUDA, quoted
from .wanted import Wanted


def library_mismatch(
    facts: Facts, log: LogFacts, release: TfRelease | None = None, pinned_cuda: str | None = None
) -> list[Finding]:
    """A library the log could not load, read against what the facts say is installed; with
    the release known, what to install is its build's version, not every one the soname fits
    (libcusolver.so.10 is CUDA 10.1 to 11.0; 2.4 needs 11.0). pinned_cuda: the one CUDA of
    every release that loads all the libraries the log names, where the release is not known."""
    wheels = _and_cuda_first(facts, release)
    cuda_fix = wheels + (
        "Install the CUDA {wanted} this TensorFlow was built for (it can sit beside the other "
        f"one; {put_on_loader_path(facts, log.wanted_cuda)}), or "
        "install the TensorFlow release built for the CUDA you have: 'tfgpu-setup plan' picks "
        "it (with NVIDIA's pip wheels where they exist)."
    )
    cudnn_fix = wheels + (
        "Install cuDNN {wanted} for this TensorFlow's CUDA version, or the TensorFlow release "
        "built for the cuDNN you have ('tfgpu-setup plan')."
    )
    if release is not None and wheels and (shared := _cudnn_wheel_shared(facts, log)):
        # another framework pins the cuDNN wheel here: TensorFlow's pins would break it
        cudnn_fix = pinned_wheels_fix(release.version, log, shared)
    found = [
        _mismatch(
            "cuda-version-mismatch",
            "CUDA",
            facts,
            "cuda",
            log.wanted_cuda,
            cuda_fix,
            release.cuda if release else pinned_cuda,
            pinned=release is None and pinned_cuda is not None,
        )
        or _other_toolkit(facts, log, cuda_fix),
        _mismatch(
            "cudnn-version-mismatch",
            "cuDNN",
            facts,
            "cudnn",
            log.wanted_cudnn,
            cudnn_fix,
            release.cudnn if release else None,
        )
        or _colab_cudnn(facts, log),
    ]
    return [f for f in found if f is not None]


_FRAMEWORK_NAMED = re.compile(
    r"\b(?P<name>torch|jaxlib|jax-cuda12-plugin|jax-cuda12-pjrt)(?:[ \t]{2,}|==|-)"
    r"(?P<version>\d[\w.+]{0,30})"
)
"""The framework and its version in a pip list row or a 'Successfully installed' line."""
_PINS_CUDNN = ("torch", "jax-cuda12-plugin", "jaxlib", "jax-cuda12-pjrt")
_CUDNN_WHEEL_NAMED = re.compile(r"^nvidia-cudnn-cu1\d-\d")


def cudnn_pinned_by_another_framework(
    findings: tuple[Finding, ...], log: LogFacts, release: TfRelease | None
) -> tuple[Finding, ...]:
    """A cuDNN of another version loaded where the log shows PyTorch or JAX installed beside
    TensorFlow: their wheels pin the cuDNN wheel, and installing TensorFlow's pin over it
    breaks them, so the fix is an environment each (or releases sharing one cuDNN)."""
    if release is None or not release.nvidia_pins or not log.other_framework_line:
        return findings
    wheel = next((w for w in log.nvidia_wheels_named if _CUDNN_WHEEL_NAMED.match(w)), "")
    name, _, version = wheel.rpartition("-")
    there = f"{name} {version}" if wheel else "its cuDNN wheel"
    return tuple(
        dataclasses.replace(f, fix=pinned_wheels_fix(release.version, log, there))
        if f.id == "cudnn-version-mismatch" and f.severity is Severity.ERROR
        else f
        for f in findings
    )


def windows_cudnn_on_path(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts
) -> tuple[Finding, ...]:
    """A cuDNN of another version than the build's on native Windows: no pip wheel or
    LD_LIBRARY_PATH there (TensorFlow 2.10 and older load cuDNN's DLL from PATH)."""
    if not (facts.knows("os") and facts.platform.os == "windows") or not log.cudnn_compiled:
        return findings
    built = log.cudnn_compiled
    fix = (
        f"Install cuDNN {built}, which this TensorFlow was built with (the same major and at"
        " least its minor; for cuDNN 6 and older, and before TensorFlow 1.13, the same minor"
        " too), for its CUDA, and put the folder with its cudnn64_*.dll first on PATH, taking"
        " other cuDNN copies off PATH; then open a new terminal. Or install the TensorFlow"
        " release built for the cuDNN you have ('tfgpu-setup plan --cudnn X.Y')."
    )
    return tuple(
        dataclasses.replace(f, fix=fix)
        if f.id == "cudnn-version-mismatch" and f.severity is Severity.ERROR
        else f
        for f in findings
    )


_CUDNN_DLL = re.compile(r"\bcudnn64_(?P<major>\d{1,2})\.dll\b")


def stated_cudnn_off_path(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """A cuDNN DLL not found on native Windows whose major the stated cuDNN has: it is
    installed, and the process's PATH does not name its folder (nteract#2054: the app started
    the kernel without the shell's PATH). Installing it again changes nothing."""
    if not (facts.knows("os") and facts.platform.os == "windows") or not facts.knows("cudnn"):
        return findings
    majors = {i.version.split(".")[0] for i in facts.cudnn if i.version}
    out = []
    for f in findings:
        dll = next((m for e in f.evidence if (m := _CUDNN_DLL.search(e))), None)
        if f.id != "cudnn-not-found" or dll is None or dll["major"] not in majors:
            out.append(f)
            continue
        out.append(
            dataclasses.replace(
                f,
                evidence=(
                    *f.evidence,
                    f"cuDNN {dll['major']} is installed ({facts.cudnn[0].source})",
                ),
                fix=(
                    f"cuDNN {dll['major']} is installed: put the folder holding {dll.group(0)}"
                    " on PATH (or copy the DLL into CUDA's bin folder), then open a new"
                    " terminal. A program that starts Python itself (an IDE, a notebook app, a"
                    " service) must get that PATH too: set it in the system's environment"
                    " variables, not only in one shell."
                ),
            )
        )
    return tuple(out)


def colab_keeps_its_tensorflow(findings: tuple[Finding, ...], log: LogFacts) -> tuple[Finding, ...]:
    """A cuDNN older than the build's on Google Colab: its runtime's cuDNN goes with the
    TensorFlow it preinstalls, and a release pip put over that is what no longer fits."""
    if not log.colab_line or not (log.cudnn_loaded and log.cudnn_compiled):
        return findings
    return tuple(
        dataclasses.replace(
            f,
            evidence=(*f.evidence, f"Colab: {log.colab_line.strip()[:120]}"),
            fix=HOSTED_CUDNN_FIX,
            source="https://github.com/googlecolab/colabtools/issues/2818",
        )
        if f.id == "cudnn-version-mismatch" and f.severity is Severity.ERROR
        else f
        for f in findings
    )


def pinned_wheels_fix(version: str, log: LogFacts, there: str) -> str:
    """Install the release's pins; where another framework listed beside it pins the wheel
    there, that would break it: separate environments first."""
    install = f"pip install 'tensorflow[and-cuda]=={version}'"
    if log.other_framework_line:
        # (the package whose own requirements pin the cuDNN wheel: JAX's CUDA plugin, not
        # its PJRT part, where pip lists both)
        named = min(
            _FRAMEWORK_NAMED.finditer(log.other_framework_line),
            key=lambda m: _PINS_CUDNN.index(m["name"]),
            default=None,
        )
        framework = (
            f"{named['name']} {named['version']}"
            if named
            else " ".join(log.other_framework_line.split()[:3])
        )
        return (
            f"Give TensorFlow an environment of its own ({framework}"
            f" pins {there} here, and installing TensorFlow's pins over it breaks that"
            f" framework): in a new virtualenv, {install}. Or move both to releases whose cuDNN"
            " pins agree: TensorFlow needs its build's cuDNN major with at least its minor"
            " (2.18 and later: cuDNN 9.3 or newer)."
        )
    return f"Install the wheels this release pins: {install} in the environment that runs it."


def _cudnn_wheel_shared(facts: Facts, log: LogFacts) -> str:
    """The cuDNN wheel installed ('nvidia-cudnn-cu12 9.1.0.70', as a listing shows it), where
    the log lists another framework beside it that pins it (PyTorch, JAX)."""
    if not log.other_framework_line:
        return ""
    wheel = next((c.path for c in facts.cudnn if c.version and "nvidia-cudnn" in c.path), "")
    return "-".join(wheel.split()[:2])


def _and_cuda_first(facts: Facts, release: TfRelease | None) -> str:
    """For a release with NVIDIA's pip wheels ([and-cuda], 2.14 on), on the systems that have
    them: those wheels, which serve it whatever CUDA the system has, as the fix's first way."""
    if release is None or not release.nvidia_pins:
        return ""
    if facts.knows("os") and facts.platform.os not in ("linux", "wsl2"):
        return ""
    return (
        f"Simplest: pip install 'tensorflow[and-cuda]=={release.version}' in the same"
        " environment: NVIDIA's wheels bring the CUDA and cuDNN it was built with, and the"
        " system's can stay. Otherwise: "
    )


GENERIC_CUDA_FAILURES = frozenset(
    {
        "cudart-stub-not-found",
        "cannot-dlopen-gpu-libraries",
        "cudart-symbol-not-found",
        "cudart-stub-error-string",
    }
)
"""Lines saying CUDA libraries failed to load without naming one."""


def other_cudnn_loaded(
    facts: Facts, log: LogFacts, release: TfRelease | None = None
) -> list[Finding]:
    """TensorFlow names the cuDNN it loaded, and it is not the one installed (stated or found
    by the probe): another copy comes first on the loader path (an old cudnn64_*.dll on PATH,
    a conda or system cuDNN on LD_LIBRARY_PATH), so fixing the installed one changes nothing.
    Without a stated or probed cuDNN, the copies a package list or a listing in the log shows
    on disk ('pip list' naming nvidia-cudnn-cu12 8.9.4) are the installed ones."""
    if not log.cudnn_loaded or log.torch_first_line:
        # (PyTorch, imported first, brought its own cuDNN into the process: no loader path
        # put that copy first, and TensorFlow's word on the versions is the cause: review 120)
        return []
    installed = [c for c in facts.cudnn if c.version and c.source != "log"]
    read_from_log = any(c.source == "log" for c in facts.cudnn)
    if not installed and ("cudnn" in facts.unknown or read_from_log):
        installed = [
            CudnnInstall(version, line[:200], "library", f"log: {line[:120]}")
            for version, line in dict(log.cudnn_on_disk).items()
        ]
    loaded = cudnn_version(log.cudnn_loaded)
    installed = _copies_the_build_passed_over(installed, loaded, log)
    if not installed or any(_same_release(c.version or "", loaded) for c in installed):
        return []
    have = ", ".join(sorted({xy(c.version or "") for c in installed}, key=parsed))
    # A probe's version is on disk. A stated one that is exactly what TensorFlow was built
    # with may be the requirement repeated rather than what is installed; only a measured or
    # an independent one outweighs the log's version enough to call the loaded copy another.
    compiled = cudnn_version(log.cudnn_compiled) if log.cudnn_compiled else None
    built = compiled or (release.cudnn if release is not None else None)
    if (
        not log.cudnn_compiled
        and built
        and serves_build(built, loaded, "cudnn")
        and all(parsed(c.version or "").release[0] != parsed(loaded).release[0] for c in installed)
    ):
        # the copy TensorFlow loaded is its own build's cuDNN (the [and-cuda] wheel), and the
        # installed one is another major, of other file names: unused, and fine where it is
        return []
    # (the loader's cache listing two copies shows another there, whatever was stated)
    measured = bool(log.cudnn_copies) or any(
        not c.source.startswith("flag")
        or compiled is None
        or not _same_release(c.version or "", compiled)
        for c in installed
    )
    # where the installed cuDNN would not do for the build either, putting it first fixes
    # nothing: the mismatch TensorFlow names is the cause (keras-YOLOv3-model-set#209)
    would_do = compiled is None or any(
        serves_build(compiled, c.version or "", "cudnn") for c in installed
    )
    # a newer cuDNN of the installed one's major serves every build the installed one serves
    # (cuDNN keeps compatibility within a major): the copy first on the path does no harm
    # (tensorflow#62064: 8.9.4 loaded where 8.5 was installed, and the run worked)
    harmless = (compiled is None or serves_build(compiled, loaded, "cudnn")) and all(
        parsed(loaded).release[0] == parsed(c.version or "").release[0]
        and parsed(loaded) >= parsed(c.version or "")
        for c in installed
    )
    # the copy that loaded, at work on the GPU, is the cuDNN this build needs (review 98: a
    # conda environment's 8.1 under 2.10 beside a system 8.6): the installed one is unused
    builds_own = (
        not harmless
        and bool(log.gpus_seen)  # (TensorFlow made its device: the loaded copy at work)
        and built is not None
        and serves_build(built, loaded, "cudnn")
        and would_do
    )
    if builds_own:
        return [
            Finding(
                "ld-library-path-shadows",
                Severity.INFO,
                f"TensorFlow loaded cuDNN {xy(loaded)}, the one it was built for; the cuDNN"
                f" {have} installed is another copy, not used here",
                (
                    f"log: cuDNN {loaded} loaded ({log.cudnn_loaded})",
                    *(f"cuDNN {xy(c.version or '')} installed ({c.source})" for c in installed[:2]),
                ),
                "Nothing to do for TensorFlow: the copy first on the loader path is the one its"
                " build needs. Keep it ahead of the other where both stay installed.",
                "https://github.com/tensorflow/tensorflow/issues/11401",
            )
        ]
    severity = (
        Severity.INFO if harmless else Severity.ERROR if measured and would_do else Severity.WARNING
    )
    return [
        Finding(
            "ld-library-path-shadows",
            severity,
            (
                f"TensorFlow loaded cuDNN {xy(loaded)}, newer than the cuDNN {have} installed and"
                " of its major: that copy comes first on the loader path, and serves"
                if harmless
                else f"TensorFlow loaded cuDNN {xy(loaded)}, but cuDNN {have} is the one"
                " installed: another copy comes first on the loader path"
            )
            + ("" if measured else f", or the cuDNN installed is {xy(loaded)}"),
            (
                f"log: cuDNN {loaded} loaded ({log.cudnn_loaded})",
                *(f"cuDNN {xy(c.version or '')} installed ({c.source})" for c in installed[:2]),
                *([f"ldconfig -p lists {', '.join(log.cudnn_copies)}"] if log.cudnn_copies else []),
            ),
            (
                f"Nothing to do: the cuDNN {xy(loaded)} loaded is newer than the installed one"
                " and of its major, so it serves every build that one does (often a pip wheel's:"
                " 'pip list | grep cudnn'). Do not put the older one ahead of it."
                if harmless
                else "Find the other copy ('ldconfig -p | grep cudnn' and each LD_LIBRARY_PATH"
                " folder; on Windows 'where cudnn64_*.dll' for each folder on PATH) and remove"
                " it or move the installed cuDNN's folder ahead of it."
            ),
            "https://github.com/tensorflow/tensorflow/issues/11401",
        )
    ]


def _copies_the_build_passed_over(
    installed: list[CudnnInstall], loaded: str, log: LogFacts
) -> list[CudnnInstall]:
    """Where the log shows two cuDNN copies on disk, the one TensorFlow loaded and one that
    serves the build it names (a conda environment's 'cudnn 8.1.0.77' behind a toolkit's
    libcudnn.so.8.0.5 on LD_LIBRARY_PATH), only the serving one: the loader passed it over, so
    the path's order is the cause, and fixing the installed cuDNN would change nothing."""
    compiled = cudnn_version(log.cudnn_compiled) if log.cudnn_compiled else None
    if compiled is None or serves_build(compiled, loaded, "cudnn"):
        return installed
    serving = [
        c
        for c in installed
        if c.source.startswith("log")
        # (NVIDIA's wheel passed over has its own reading, which names the wheel's folder)
        and "nvidia-cudnn" not in c.source.lower()
        # (a bare major, 'libcudnn.so.8', says nothing of the minor the build needs)
        and len(parsed(c.version or "0").release) > 1
        and serves_build(compiled, c.version or "", "cudnn")
    ]
    return serving if serving else installed


def _same_release(stated: str, loaded: str) -> bool:
    """Equal as far as the stated version goes: '7' is any 7.x, '7.6' any 7.6.x."""
    given = parsed(stated).release[:2]
    return parsed(loaded).release[: len(given)] == given


def release_cuda_mismatch(
    facts: Facts, matches: Sequence[LogMatch], release: TfRelease
) -> list[Finding]:
    """A CUDA failure that names no library, read against the CUDA the release needs: a
    release without NVIDIA's pip wheels loads the system CUDA, so an installed CUDA of another
    major is why it fails (TensorFlow 2.13 beside CUDA 12.1)."""
    failing = next((m for m in matches if m.signature.name in GENERIC_CUDA_FAILURES), None)
    if failing is None or release.cuda is None or release.and_cuda_requires:
        return []
    major, minor = (int(n) for n in release.cuda.split(".")[:2])
    wanted = Wanted("cudart", major, None if major >= 11 else minor, failing.line)
    found = _mismatch(
        "cuda-version-mismatch",
        "CUDA",
        facts,
        "cuda",
        (wanted,),
        "Install the CUDA {wanted} TensorFlow " + release.version + " was built for beside the "
        f"other one and {put_on_loader_path(facts, (wanted,))}, or install a TensorFlow built"
        " for the CUDA you have ('tfgpu-setup plan' picks it).",
    )
    return [found] if found is not None else []


def built_for_other_cuda(log: LogFacts, release: TfRelease) -> list[Finding]:
    """The CUDA runtime soname that failed to load is not the one this release loads (TF 2.2
    wants libcudart.so.10.1; the log asks for .so.10.0): whatever asked was built for another
    CUDA, a second TensorFlow or a custom op (Horovod's), and installing CUDA for TensorFlow
    will not satisfy it."""
    if release.cuda is None:
        return []
    other = next(
        (w for w in log.wanted_cuda if w.lib == "cudart" and not w.accepts(release.cuda)), None
    )
    if other is None:
        return []
    return [
        Finding(
            "cuda-version-mismatch",
            Severity.ERROR,
            f"TensorFlow {release.version} uses CUDA {release.cuda}, but something here asks "
            f"for CUDA {other} ({other.lib}): it was built for another CUDA",
            (
                quoted(other.line),
                f"TensorFlow {release.version} was built with CUDA {release.cuda}",
            ),
            "Find what was built for the other CUDA (another TensorFlow in the environment, or "
            "a compiled extension such as Horovod's ops) and rebuild or reinstall it against "
            f"CUDA {release.cuda}, or install the TensorFlow release built for CUDA {other} "
            "('tfgpu-setup plan --tf X.Y' checks one).",
            "https://github.com/horovod/horovod/issues/2095",
        )
    ]


CONDA_CUDA_REFUSAL = "conda-no-cuda-driver"


def _build_cuda(digits: str) -> str:
    """The CUDA a conda-forge build string names ('102' of cuda102py310: 10.2), or ''."""
    return f"{digits[:-1]}.{digits[-1]}" if len(digits) == 3 else ""


def conda_cuda_refusals(
    facts: Facts, matches: Sequence[LogMatch]
) -> tuple[str, tuple[tuple[LogMatch, str], ...]] | None:
    """The CUDA the known driver supports (conda's own report of __cuda, nvidia-smi, a flag),
    and each line of conda refusing a TensorFlow build for its __cuda with the CUDA that build
    needs ('' where the line does not say); None without both. conda reports this conflict
    also when the driver is new enough, so only the comparison says what it means."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    refusals = tuple(
        (m, m.groups.get("need") or _build_cuda(m.groups.get("build_cuda", "")))
        for m in matches
        if m.signature.name == CONDA_CUDA_REFUSAL
    )
    return (driver_cuda, refusals) if driver_cuda is not None and refusals else None


def conda_driver_too_old(facts: Facts, matches: Sequence[LogMatch]) -> list[Finding]:
    """A refusal whose build needs a newer CUDA than the driver's: a driver is there, too old,
    rather than none."""
    known = conda_cuda_refusals(facts, matches)
    if known is None:
        return []
    driver_cuda, refusals = known
    refused, need = next(
        ((m, need) for m, need in refusals if need and parsed(driver_cuda) < parsed(need)),
        (None, ""),
    )
    if refused is None:
        return []
    return [
        Finding(
            "driver-too-old",
            Severity.ERROR,
            f"conda's TensorFlow build needs a driver for CUDA {need} or newer; the driver here "
            f"supports CUDA {driver_cuda}",
            (quoted(refused.line), f"driver's CUDA {driver_cuda} ({facts.driver.source})"),
            f"Update the NVIDIA driver to one for CUDA {need} or newer ('nvidia-smi' shows the "
            "CUDA a driver supports), or install a TensorFlow build for the CUDA it supports "
            "('conda search tensorflow' lists the cudaXXX builds).",
            "https://conda-forge.org/docs/user/cuda/",
        )
    ]


def driver_too_old_for_another_framework(matches: Sequence[LogMatch]) -> list[Finding]:
    """PyTorch beside TensorFlow finding the driver too old for its CUDA. With the release that
    wrote the log known, the driver fact that line gives is judged against that release's CUDA
    instead (a driver for CUDA 11.7 runs TensorFlow 2.10's 11.2): only without one does the
    line itself stand, as a warning."""
    line = next((m for m in matches if m.signature.name == "torch-driver-too-old"), None)
    if line is None:
        return []
    return [
        Finding(
            "driver-too-old",
            Severity.WARNING,
            line.signature.title.format_map(line.groups),
            (quoted(line.line),),
            line.signature.fix.format_map(line.groups),
            line.signature.source,
        )
    ]


def toolkit_newer_than_driver(
    facts: Facts, log: LogFacts, matches: Sequence[LogMatch], release: TfRelease | None = None
) -> list[Finding]:
    """An installed CUDA toolkit the driver cannot run: CUDA 10.x and older need a driver
    that supports that very X.Y; from CUDA 11 a driver of the same major runs any minor (minor
    version compatibility). A TensorFlow that loads that toolkit fails where CUDA starts, so
    with such lines in the log (or TensorFlow's own 'Possibly insufficient driver version') it
    is the cause; otherwise a warning. With the release known, only toolkits of its build's
    CUDA major count: it never loads another major's libraries (a CUDA 13 beside 2.21)."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    if driver_cuda is None or not facts.knows("cuda"):
        return []
    major = release.cuda.split(".")[0] if release is not None and release.cuda else None
    newest = max(
        (c.version for c in facts.cuda if c.version and major in (None, c.version.split(".")[0])),
        key=parsed,
        default=None,
    )
    if newest is None or driver_cuda_runs(driver_cuda, newest):
        return []
    failed = next(
        (
            m
            for m in matches
            if m.signature.finding_id in ("no-nvidia-driver", "driver-too-old")
            and m.signature.severity is Severity.ERROR
        ),
        None,
    )
    suspected = "insufficient driver version" in log.driver_line.lower()
    return [
        Finding(
            "driver-too-old",
            Severity.ERROR if failed or suspected else Severity.WARNING,
            f"The NVIDIA driver ({facts.driver.version or '?'}, CUDA ≤ {driver_cuda}) is too old "
            f"for the CUDA {xy(newest)} installed",
            (
                f"driver {facts.driver.version or '?'} supports CUDA {driver_cuda} "
                f"({facts.driver.source})",
                f"CUDA {xy(newest)} installed",
                *([quoted(failed.line)] if failed else []),
                *([quoted(log.driver_line)] if suspected else []),
            ),
            f"Update the NVIDIA driver to one that supports CUDA {xy(newest)} (nvidia-smi shows "
            "the highest CUDA a driver supports), or use the CUDA the driver supports and the "
            "TensorFlow built for it ('tfgpu-setup plan' picks them).",
            "https://docs.nvidia.com/deploy/cuda-compatibility/",
        )
    ]


def driver_below_wanted_cuda(facts: Facts, log: LogFacts) -> list[Finding]:
    """The CUDA a missing library names is one the known driver cannot run (libcublas.so.10.0
    beside a 396 driver, CUDA 9.2 at most): whichever release asked for it, installing that
    CUDA is not enough. A warning beside the missing library, which is what failed first."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    wanted = next((w for w in log.wanted_cuda if w.span is None), None)
    if driver_cuda is None or wanted is None or (wanted.minor is None and wanted.major < 11):
        # before CUDA 11 each minor needs its own driver, and libcublas.so.10 is 10.1's or 10.2's
        return []
    lowest = f"{wanted.major}.{wanted.minor or 0}"
    if driver_cuda_runs(driver_cuda, lowest):
        return []
    return [
        Finding(
            "driver-too-old",
            Severity.WARNING,
            f"The NVIDIA driver ({facts.driver.version or '?'}, CUDA ≤ {driver_cuda}) is also"
            f" too old for the CUDA {wanted} this TensorFlow looks for: installing that CUDA"
            " alone will not be enough",
            (
                quoted(wanted.line),
                f"driver {facts.driver.version or '?'} supports CUDA {driver_cuda}"
                f" ({facts.driver.source})",
            ),
            f"Update the NVIDIA driver to one that supports CUDA {wanted} (nvidia-smi shows the"
            " highest CUDA a driver supports), or use a TensorFlow built for the CUDA the"
            " driver supports ('tfgpu-setup plan' picks one).",
            "https://docs.nvidia.com/deploy/cuda-compatibility/",
        )
    ]


def _other_toolkit(facts: Facts, log: LogFacts, fix: str) -> Finding | None:
    """A CUDA runtime library missing although a CUDA of unknown version is known to be there:
    a toolkit lib folder the loader searched (the dlerror line prints LD_LIBRARY_PATH), or a
    Google Colab runtime (which ships its own): that CUDA is another version. Only when the
    installed CUDA is unknown; a stated or listed version is read by _mismatch instead."""
    if facts.knows("cuda") or not log.wanted_cuda:
        return None
    w = log.wanted_cuda[0]
    if not log.cuda_folders_searched and log.colab_line:
        return _colab_ships_another(
            "cuda-version-mismatch",
            "CUDA",
            w,
            log.colab_line,
            "!nvcc --version",
            "Install the TensorFlow release built for the runtime's CUDA (Colab's preinstalled "
            "tensorflow is), or install the CUDA " + str(w) + " libraries beside it ('pip "
            "install' of NVIDIA's wheels for it, or apt's cuda-libraries package of that version).",
            COLAB_CUDA,
        )
    if not log.cuda_folders_searched and not log.nvidia_wheels_line:
        # (NVIDIA's wheels on the path or installed: the CUDA is theirs, not the image's,
        # jupyter/docker-stacks#2100; TensorFlow's own image without 'gpu' in its tag ships
        # no CUDA at all: review 120)
        if log.cpu_image_any_run_line:
            return None
        return _container_ships_another(facts, w, fix)
    if not log.cuda_folders_searched:
        return None
    if lib_folder_not_lib64(log):
        return None  # the folder searched holds no libraries on Linux: no version is shown
    folder = log.cuda_folders_searched[0]
    return Finding(
        "cuda-version-mismatch",
        Severity.ERROR,
        f"TensorFlow looks for CUDA {w} ({w.lib}), which the loader did not find in {folder},"
        " the CUDA folder on its path: most likely another CUDA version (or none) is there",
        (quoted(w.line), "confirm with 'nvcc --version' or 'ls " + folder + "'"),
        fix.format(wanted=w),
        TF_TESTED,
    )


def _container_ships_another(facts: Facts, wanted: Wanted, fix: str) -> Finding | None:
    """A CUDA runtime library missing in a container someone runs for the GPU: such images are
    built on one that ships a CUDA (nvidia/cuda, tensorflow/tensorflow:*-gpu, NVIDIA's NGC), so
    a TensorFlow that cannot load its CUDA there was built for another version than the image's.
    Not for cuDNN, which NVIDIA's CUDA images ship only in their -cudnn variants."""
    in_container = facts.knows("container") and facts.platform.container
    if not in_container or not container_expects_gpu(facts):
        return None
    return Finding(
        "cuda-version-mismatch",
        Severity.ERROR,
        f"TensorFlow looks for CUDA {wanted} ({wanted.lib}) but this container's image ships "
        "another CUDA: images for GPU work are built on one with CUDA (nvidia/cuda, "
        "tensorflow/tensorflow:*-gpu, NGC)",
        (
            quoted(wanted.line),
            *(f"container: {e}" for e in facts.platform.container_evidence[:1]),
            "confirm inside the container with 'ls /usr/local/cuda/lib64' or 'nvcc --version'",
        ),
        fix.format(wanted=wanted)
        + f" In a Dockerfile: base the image on one with CUDA {wanted} (nvidia/cuda's tag of that "
        "version, or the tensorflow/tensorflow:<release>-gpu image of this TensorFlow).",
        TF_TESTED,
    )


CUDNN_IN_AN_IMAGE = (
    " In a container, the image brings the cuDNN: use one whose cuDNN is the one this TensorFlow"
    " was built with (the tensorflow/tensorflow:<release>-gpu image of this release, or"
    " nvidia/cuda's -cudnn tag of that version), or install that cuDNN in the Dockerfile."
)


def cudnn_fix_in_a_container(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """A cuDNN of another version, in a container known to be one: the image is what to change
    (review 89: the fix said how to install cuDNN on a host)."""
    if not (facts.knows("container") and facts.platform.container):
        return findings
    return tuple(
        dataclasses.replace(f, fix=f.fix + CUDNN_IN_AN_IMAGE)
        if f.id == "cudnn-version-mismatch" and CUDNN_IN_AN_IMAGE not in f.fix
        else f
        for f in findings
    )


def _colab_cudnn(facts: Facts, log: LogFacts) -> Finding | None:
    """A cuDNN library missing on Google Colab, whose runtimes ship a cuDNN of their own: the
    one TensorFlow asks for is another version than the runtime's."""
    if facts.knows("cudnn") or not log.wanted_cudnn or not log.colab_line:
        return None
    w = log.wanted_cudnn[0]
    return _colab_ships_another(
        "cudnn-version-mismatch",
        "cuDNN",
        w,
        log.colab_line,
        "!ls /usr/lib/x86_64-linux-gnu | grep cudnn",
        "Use the TensorFlow release Colab preinstalls (built for its cuDNN), or install cuDNN "
        + str(w)
        + " beside it (NVIDIA's nvidia-cudnn wheel of that major).",
        "https://github.com/googlecolab/colabtools/issues/2818",
    )


COLAB_OWN_1X = re.compile(r"/tensorflow-1\.\d|TensorFlow 1\.x selected")
"""Colab's own TensorFlow 1.x: its folder, or the banner of %tensorflow_version 1.x."""
CUDNN_WOULD_NOT_START = frozenset(
    {"cudnn-handle", "dnn-unavailable", "dnn-library-not-found", "dnn-implementation-missing"}
)


def _allocation(handle: LogMatch) -> bool:
    """A cuDNN handle that failed to allocate (CUDNN_STATUS_ALLOC_FAILED): memory, said so."""
    return handle.groups.get("status", "") == "CUDNN_STATUS_ALLOC_FAILED"


def colab_cudnn_would_not_start(
    facts: Facts, log: LogFacts, matches: Sequence[LogMatch]
) -> list[Finding]:
    """cuDNN failing to start on Google Colab with nothing else said: Colab's GPU runtimes pair
    their TensorFlow with their cuDNN, so the usual cause is a TensorFlow installed over it for
    another cuDNN (colabtools#2578, #3011, #3073), not memory."""
    # (or Colab stated through its own variables: COLAB_GPU, COLAB_RELEASE_TAG)
    colab = log.colab_line or (
        log.hosted_notebook_line if "COLAB" in log.hosted_notebook_line else ""
    )
    if not colab or facts.knows("cudnn") or log.cudnn_loaded:
        return []
    if any(spec == "<2.0" and COLAB_OWN_1X.search(seen) for spec, seen in log.tf_range):
        return []  # Colab's own TensorFlow 1.x (%tensorflow_version 1.x): nothing installed over it
    failed = next((m for m in matches if m.signature.name in CUDNN_WOULD_NOT_START), None)
    memory = any(
        m.signature.finding_id == "gpu-out-of-memory"
        and not (m.signature.name == "cudnn-handle" and not _allocation(m))
        for m in matches
    )
    if failed is None or memory:
        return []
    return [
        Finding(
            "cudnn-version-mismatch",
            Severity.ERROR,
            "cuDNN would not start on this Google Colab runtime: its TensorFlow and its cuDNN are"
            " of different builds (most often a TensorFlow installed over the runtime's)",
            (
                quoted(failed.line),
                f"log: {colab} (Google Colab)",
                "confirm with '!pip list | grep -i -e tensorflow -e cudnn' against the runtime's",
            ),
            "Use the TensorFlow Colab preinstalls (remove a version pin or a"
            " '%tensorflow_version' switch from the notebook and restart the runtime); where the"
            " preinstalled one is what fails (a runtime upgrade: colabtools#3011), pin the release"
            " before it ('!pip install tensorflow==X.Y.*') or install the cuDNN it was built with"
            " (NVIDIA's nvidia-cudnn wheel of that version).",
            "https://github.com/googlecolab/colabtools/issues/2578",
        )
    ]


def _colab_ships_another(
    finding_id: str, what: str, wanted: Wanted, colab_line: str, confirm: str, fix: str, src: str
) -> Finding:
    """TensorFlow asks for a library of a version the Colab runtime does not ship."""
    return Finding(
        finding_id,
        Severity.ERROR,
        f"TensorFlow looks for {what} {wanted} ({wanted.lib}), but this Google Colab runtime "
        f"ships its own {what}, of another version",
        (quoted(wanted.line), f"log: {colab_line} (Google Colab)", f"confirm with '{confirm}'"),
        fix,
        src,
    )


def _mismatch(
    finding_id: str,
    what: str,
    facts: Facts,
    fact: str,
    wanted: tuple[Wanted, ...],
    fix: str,
    built: str | None = None,
    pinned: bool = False,
) -> Finding | None:
    """pinned: built is the one CUDA the log's own libraries leave, which the title names (a
    release known keeps the soname's span there: any of it serves that library)."""
    installs = facts.cuda if fact == "cuda" else facts.cudnn
    known = [c for c in installs if c.version] if facts.knows(fact) else []
    versions = [c.version for c in known if c.version]
    wrong = [w for w in wanted if not any(w.accepts(v) for v in versions)]
    if not versions or not wrong:
        return None
    w = wrong[0]
    have = ", ".join(sorted({xy(v) for v in versions}, key=parsed))
    asked = xy(built) if built and w.accepts(built) else w  # the build's, where it is known
    return Finding(
        finding_id,
        Severity.ERROR,
        f"TensorFlow looks for {what} {asked if pinned else w} ({w.lib}) but {what} {have} is"
        " installed",
        (
            quoted(w.line),
            *(
                f"{what} {xy(c.version or '')} installed"
                + (f" (log: {quoted(c.path)})" if c.source == "log" else f" ({c.source})")
                for c in known[:2]
            ),
        ),
        fix.format(wanted=asked),
        TF_TESTED,
    )


def _stated_path_ahead_of_the_wheels(
    path: str, loaded: str, built: str, release: TfRelease | None
) -> list[Finding]:
    """A release that gets cuDNN from NVIDIA's wheels (2.14 on) loaded an older one, and the
    stated LD_LIBRARY_PATH names a CUDA toolkit's (or conda's) library folder: the loader
    searches it before the wheels' RUNPATH, so its cuDNN is the one that loaded."""
    if release is None or not release.and_cuda_requires:
        return []
    folder = next((d for d in path.split(":") if LIBRARY_FOLDER.search(d)), None)
    if folder is None:
        return []
    return [
        Finding(
            "ld-library-path-shadows",
            Severity.ERROR,
            f"cuDNN {loaded} most likely loads from {folder}, which LD_LIBRARY_PATH puts ahead"
            f" of the cuDNN wheel TensorFlow {release.version} is built to use ({built})",
            (
                f"LD_LIBRARY_PATH={path}",
                f"TensorFlow loaded cuDNN {loaded}; it was built with {built}",
            ),
            f"Take {folder} off LD_LIBRARY_PATH in the shell that runs TensorFlow (the loader"
            " reads it before the wheels' RUNPATH), and install the wheels if pip lists none"
            f" ('pip install \"tensorflow[and-cuda]=={release.version}\"'); 'tfgpu-setup apply'"
            " writes an activate script that puts the wheels' folders first.",
            TF_TESTED,
        )
    ]


def _wheel_folder_behind(order: WheelOnPath, path: str, loaded: str, built: str) -> list[Finding]:
    """LD_LIBRARY_PATH lists the cuDNN wheel's own folder, behind a folder of CUDA's, conda's or
    the system's libraries: the wheel is installed, and the cuDNN that loaded is that folder's."""
    ahead, wheel_folder = order.ahead, order.folder
    return [
        Finding(
            "ld-library-path-shadows",
            Severity.ERROR,
            f"cuDNN {loaded} loads from {ahead}, which LD_LIBRARY_PATH lists ahead of the cuDNN"
            f" wheel's own folder ({wheel_folder})",
            (
                f"LD_LIBRARY_PATH={path}",
                f"TensorFlow loaded cuDNN {loaded}; it was built with {built}",
            ),
            f"Put {wheel_folder} ahead of {ahead} on LD_LIBRARY_PATH in the shell that runs"
            f" TensorFlow, or take {ahead} off it (or remove the cuDNN there); the wheel's copy"
            " then loads. 'tfgpu-setup apply' writes an activate script that puts the wheels'"
            " folders first.",
            "https://github.com/tensorflow/docs/pull/2251",
        )
    ]


def cudnn_wheel_shadowed(
    facts: Facts, log: LogFacts, release: TfRelease | None = None
) -> list[Finding]:
    """pip shows the cuDNN wheel this TensorFlow needs installed, yet TensorFlow loaded another
    cuDNN that does not serve it: a copy on the loader path (a CUDA toolkit's lib64 on
    LD_LIBRARY_PATH) comes before the wheel's, so installing the right one again changes
    nothing. PyTorch imported first brings the cuDNN its own wheel bundles (torch/lib), which
    no loader path put first (review 120)."""
    if not log.cudnn_loaded or log.torch_first_line:
        return []
    loaded = cudnn_version(log.cudnn_loaded)
    compiled = cudnn_version(log.cudnn_compiled) if log.cudnn_compiled else None
    built = compiled or (release.cudnn if release is not None else None)
    if not built or serves_build(built, loaded, "cudnn"):
        return []
    wheel = next(
        (
            w
            for w in log.nvidia_wheels_named
            if re.match(r"nvidia-cudnn-cu\d{2}-", w, re.I)
            and serves_build(built, w.rsplit("-", 1)[-1], "cudnn")
        ),
        None,
    )
    # (a value only where stated, probed or printed by the paste)
    path = facts.env.get("LD_LIBRARY_PATH") or log.library_path_printed
    order = wheel_on_path(path, "cudnn")
    if order is not None and order.ahead is None:
        # the path searches the wheel's folder first: the cuDNN there is what loaded (another
        # cuDNN wheel writes the same folder: nvidia-cudnn-cu11 beside -cu12, review 113)
        return []
    if wheel is None:
        if order is not None:
            return _wheel_folder_behind(order, path, loaded, built)
        return _stated_path_ahead_of_the_wheels(path, loaded, built, release)
    if log.other_framework_line and any(
        re.match(r"nvidia-cudnn-cu\d{2}-", w, re.I) and _same_release(w.rsplit("-", 1)[-1], loaded)
        for w in log.nvidia_wheels_named
    ):
        return []  # another framework's cuDNN wheel, loaded by it in the same process
    return [
        Finding(
            "ld-library-path-shadows",
            Severity.ERROR,
            f"cuDNN {loaded} loads from the loader path ahead of the cuDNN wheel this TensorFlow"
            f" needs ({wheel})",
            (
                f"pip lists {wheel}",
                f"TensorFlow loaded cuDNN {loaded}; it was built with {built}",
                *([f"LD_LIBRARY_PATH={path}"] if path else []),
            ),
            (
                f"Take {order.ahead} off LD_LIBRARY_PATH (or put {order.folder} ahead of it)"
                if order is not None
                else f"Take the folder holding cuDNN {loaded} off LD_LIBRARY_PATH (a CUDA"
                " toolkit's lib64, a conda env's lib)"
            )
            + " in the shell that runs TensorFlow, or remove that cuDNN; the wheel's copy then"
            " loads. 'tfgpu-setup apply' writes an activate script that puts the wheels' folders"
            " first.",
            TF_TESTED,
        )
    ]
