"""Evidence about what is installed where: two TensorFlow distributions, a CPU-only build, a
32-bit Python, TensorFlow installed in another interpreter, NVIDIA's wheels off the loader
path. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..doc_urls import TF_INSTALL
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.merge import AND_CUDA_FROM
from ..matrix.model import TfRelease
from ..planner.evaluate import platform_key, platform_label
from ..planner.jetson import is_jetson
from ..versions import parsed, xy
from .logfacts import CPU_PACKAGE_RELEASES, INSTALL_FAILURES, LogFacts
from .logs import LogMatch
from .release_hints import CPU_ONLY_DISTRIBUTIONS
from .signatures.install import (
    AND_CUDA_MISSING,
    AND_CUDA_MISSING_FIX,
    AND_CUDA_MISSING_SOURCE,
    INCOMPLETE_INSTALL_FIX,
    NCHW_ON_CPU_SOURCE,
    REQUIREMENT_MISSING,
)
from .sources import VENV_DOCS, quoted
from .version_evidence import pinned_wheels_fix
from .wanted import Wanted, searched
from .weigh import WHEEL_NOT_LISTED, demoted

CONDA_FORGE_CPU_BUILD_FIX = (
    "conda-forge installed its CPU build, as it does where conda sees no NVIDIA driver (its"
    " __cuda): with the driver visible, 'conda install -c conda-forge \"tensorflow=*=cuda*\"'"
    " puts in its CUDA build with the CUDA and cuDNN it needs (where the GPU is not visible at"
    " install time, a docker build, set CONDA_OVERRIDE_CUDA to the driver's CUDA first); or"
    " remove conda's TensorFlow and 'pip install \"tensorflow[and-cuda]\"' ('tfgpu-setup plan'"
    " picks the release)."
)
_ANACONDA_GPU_BUILD = (
    "Anaconda's channel installed its CPU (MKL or Eigen) build: 'conda install tensorflow-gpu'"
    " puts in its GPU build with the cudatoolkit and cuDNN it needs (Anaconda's GPU builds end"
    " at 2.4.1); for a newer release "
)
ANACONDA_CPU_BUILD_FIX = (
    _ANACONDA_GPU_BUILD + "remove conda's TensorFlow and 'pip install \"tensorflow[and-cuda]\"'"
    " ('tfgpu-setup plan' picks the release)."
)
ANACONDA_WINDOWS_FIX = (
    _ANACONDA_GPU_BUILD + "on native Windows remove conda's TensorFlow and install 2.10, the"
    " last with GPU support there ('pip install tensorflow==2.10.1' with 'conda install"
    " cudatoolkit=11.2 cudnn=8.1'), or use WSL2 and 'pip install \"tensorflow[and-cuda]\"'."
)
CONDA_FORGE_BUILDS = "https://github.com/conda-forge/blog/pull/52"
ANACONDA_BUILDS = "https://anaconda.com/docs/tools/working-with-conda/applications/tensorflow"
_CONDA_CPU_ROW = re.compile(r"(?P<forge>cpu_py)|mkl|eigen|_tflow_")
"""The build string of a conda CPU build: conda-forge's 'cpu_py...', Anaconda's MKL, Eigen and
its _tflow_select."""


def _cpu_only_fix(facts: Facts, cpu_build_line: str) -> tuple[str, str]:
    """How to replace a CPU-only build, and the source: conda's own way for conda's builds."""
    conda = _CONDA_CPU_ROW.search(cpu_build_line)
    windows = facts.knows("os") and facts.platform.os == "windows"
    if conda is not None:
        if conda["forge"]:
            return CONDA_FORGE_CPU_BUILD_FIX, CONDA_FORGE_BUILDS
        # (on native Windows PyPI's [and-cuda] has no CUDA: 2.10 is the last GPU build there)
        return (ANACONDA_WINDOWS_FIX if windows else ANACONDA_CPU_BUILD_FIX), ANACONDA_BUILDS
    if facts.knows("arch") and facts.platform.arch == "aarch64":
        return ARM_CPU_ONLY_FIX, TF_INSTALL
    return (
        "Uninstall it and install the CUDA build (Linux/WSL2: pip install 'tensorflow[and-cuda]';"
        " native Windows: TensorFlow 2.10 is the last with GPU support); 'tfgpu-setup plan'"
        " picks it.",
        TF_INSTALL,
    )


ARM_CPU_ONLY_FIX = (
    "PyPI's TensorFlow wheels for Linux on Arm (aarch64) have no CUDA, with or without "
    "[and-cuda]: on an Arm machine with an NVIDIA GPU use NVIDIA's TensorFlow container "
    "(nvcr.io/nvidia/tensorflow) or, on a Jetson, NVIDIA's TensorFlow wheels for its JetPack."
)


def install_findings(
    facts: Facts,
    log: LogFacts,
    matches: Sequence[LogMatch],
    tf_known_installed: bool,
    release: TfRelease | None = None,
) -> list[Finding]:
    """tf_known_installed: someone stated (or a probe found) TensorFlow installed; release:
    the one that wrote the log, where known (not guessed)."""
    found: list[Finding] = []
    names = {m.signature.name for m in matches}
    if len(log.tf_distributions) >= 2:
        found.append(
            Finding(
                "multiple-tensorflow-distributions",
                Severity.ERROR,
                f"{len(log.tf_distributions)} TensorFlow distributions are installed in one "
                "environment; whichever was installed last owns the files",
                tuple(f"log names {d}" for d in log.tf_distributions),
                (
                    # conda's own packages (anaconda-issues#11063): conda removes them
                    "Remove all of them with conda ('conda remove "
                    + " ".join(log.tf_distributions)
                    + "'), then install one build, with the CUDA it pairs with ('conda install"
                    " tensorflow-gpu' pulls its cudatoolkit and cuDNN)"
                    if set(log.tf_distributions) <= set(log.tf_conda_rows)
                    else "Uninstall all of them ('pip uninstall "
                    + " ".join(log.tf_distributions)
                    + "'), then install one"
                )
                + "; 'tfgpu-setup apply' does this in its own environment.",
                TF_INSTALL,
            )
        )
    elif log.installed_twice:
        found.append(
            Finding(
                "multiple-tensorflow-distributions",
                Severity.ERROR,
                "conda and pip both installed TensorFlow in this environment; whichever ran"
                " last owns the files",
                log.installed_twice,
                "Remove both ('conda remove tensorflow' and 'pip uninstall tensorflow', until"
                " neither lists it), then install it one way; 'tfgpu-setup apply' does this in"
                " its own environment.",
                "https://docs.conda.io/projects/conda/en/stable/user-guide/tasks/manage-pkgs.html"
                "#installing-non-conda-packages",
            )
        )
    elif log.installed_over:
        found.append(
            Finding(
                "multiple-tensorflow-distributions",
                Severity.ERROR,
                "pip installed a second TensorFlow distribution into an environment that already"
                " had one; whichever was installed last owns the files",
                log.installed_over,
                "Uninstall every TensorFlow distribution there ('pip list' shows them: tensorflow,"
                " tensorflow-gpu, tensorflow-cpu, tf-nightly), then install one; 'tfgpu-setup"
                " apply' does this in its own environment.",
                TF_INSTALL,
            )
        )
    elif log.installed_by_commands:
        found.append(
            Finding(
                "multiple-tensorflow-distributions",
                Severity.WARNING,
                "Two pip commands installed two TensorFlow distributions into one environment,"
                " with no uninstall between: the one installed last owns the files they share",
                log.installed_by_commands,
                "Uninstall every TensorFlow distribution there ('pip list' shows them: tensorflow,"
                " tensorflow-gpu, tensorflow-cpu, tf-nightly), then install one (before 2.1, the"
                " GPU build is 'tensorflow-gpu'); 'tfgpu-setup apply' does this in its own"
                " environment.",
                "https://github.com/keras-team/keras/issues/6997",
            )
        )
    # (a GPU a build made in an environment the paste left is another build's)
    gpu_seen = any(m.signature.proves_gpu and m.line_number > log.environment_line for m in matches)
    # macOS has no CUDA build at all: its TensorFlow being one without CUDA is the platform's
    # doing (macos-no-cuda), not a CPU-only package chosen over a GPU one
    macos = facts.knows("os") and facts.platform.os == "macos"
    cpu_only = [
        d for d in log.tf_distributions if d in CPU_ONLY_DISTRIBUTIONS and d != "tensorflow-macos"
    ]
    # (Microsoft's DirectML plug-in runs on tensorflow-cpu: the CPU package is its route)
    if (cpu_only or log.cpu_build_line) and not gpu_seen and not macos and not log.directml_line:
        named = cpu_only[0] if cpu_only else "the log shows a build without CUDA"
        fix, source = _cpu_only_fix(facts, "" if cpu_only else log.cpu_build_line)
        found.append(
            Finding(
                "cpu-only-tensorflow",
                Severity.ERROR,
                f"The TensorFlow installed is a CPU-only build ({named})",
                (*(f"log names {d}" for d in cpu_only), *filter(None, [log.cpu_build_line])),
                fix,
                source,
            )
        )
    found += _cpu_only_package(log, gpu_seen)
    if log.user_site_tf_line:
        # the environment lists a TensorFlow of its own: the user-site copy that ran instead
        # is the cause, and what that copy could not load says nothing of the environment's
        # (anaconda-issues#11805: ~/.local's asked for CUDA 10.0 beside the env's 10.1 build)
        listed = log.tf_listed_line
        found.append(
            Finding(
                "wrong-python-environment",
                Severity.ERROR,
                "The TensorFlow that ran comes from the user site (~/.local, 'pip install"
                " --user'), which the environment's Python searches before its own packages",
                (
                    log.user_site_tf_line,
                    *([f"the environment's own: {listed}"] if listed else []),
                ),
                "Remove the user-site copy ('python -m pip uninstall tensorflow' with the"
                " environment deactivated, or delete it from ~/.local/lib/pythonX.Y/site-packages),"
                " or set PYTHONNOUSERSITE=1 in the environment ('conda env config vars set"
                " PYTHONNOUSERSITE=1'); then the environment's TensorFlow and its CUDA load.",
                "https://docs.python.org/3/library/site.html#site.ENABLE_USER_SITE",
            )
        )
    if log.root_site_tf_line and not log.tf_ran_line:
        found.append(
            Finding(
                "wrong-python-environment",
                Severity.WARNING,
                "TensorFlow is installed in root's user site (/root/.local: 'sudo pip install"
                " --user'), which only root's Python reads: another user's Python does not see it",
                (quoted(log.root_site_tf_line),),
                "Remove root's copy ('sudo python3 -m pip uninstall tensorflow', or delete it from"
                " /root/.local/lib/pythonX.Y/site-packages) and install TensorFlow as yourself,"
                " into the environment that runs your code ('python3 -m pip install ...', no"
                " sudo).",
                "https://pip.pypa.io/en/stable/user_guide/#user-installs",
            )
        )
    found += _requirement_missing_under_import(log)
    if not cpu_only and not log.cpu_build_line and not log.cpu_package_line:
        found += _silent_without_gpu(facts, log, matches)
    if log.python_32bit_line and log.install_failed:
        # the Python's version may well be one TensorFlow supports: its build is the platform
        # pip finds no wheel for ('win32', 'linux_i686'), as wheel_tags.py reads it too
        found.append(
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                "This Python is 32-bit: TensorFlow publishes 64-bit builds only, so none can "
                "be installed there",
                (quoted(log.python_32bit_line),),
                "Install the 64-bit Python (python.org's 'Windows installer (64-bit)', or the "
                "64-bit Miniconda), create "
                "the environment with it and install TensorFlow there.",
                "https://pypi.org/project/tensorflow/#files",
            )
        )
    if "no-module-tensorflow" in names and not log.missing_then_installed_line:
        # A version stated while pip failed to install it is what was wanted, not what is there.
        installed = tf_known_installed and not names & INSTALL_FAILURES
        failed = names & (INSTALL_FAILURES | {"tensorflow-gpu-removed"})
        import_line = next(m.line for m in matches if m.signature.name == "no-module-tensorflow")
        other = _another_major_ran(import_line, log.pip_python)
        platform_package = _platform_package(facts, release) if installed and not failed else None
        shown_installed = platform_package is not None and any(
            platform_package in line.lower().replace("_", "-")
            for line in (log.installed_line, log.tf_listed_line, *log.tf_distributions)
        )
        two_installations = bool(
            log.python_roots[1:] or log.interpreters or other or log.python_and_pip_apart
        )
        elsewhere = (
            [_platform_package_missing(facts, release, platform_package, import_line)]
            if platform_package
            and not (shown_installed or two_installations or log.tegra_line or _jetson(facts))
            else _wrong_environment(facts, log, installed, not failed, other)
        )
        if log.failed_import_line:
            # another run found TensorFlow and its import failed: that failure is the problem
            elsewhere = list(
                demoted(
                    tuple(elsewhere),
                    lambda _: True,
                    "but another run found TensorFlow and its import failed"
                    f" ({log.failed_import_line[:120]})",
                )
            )
        if elsewhere:
            # the interpreter that failed never sees that install: which build it is comes second
            found = [
                dataclasses.replace(f, severity=Severity.WARNING)
                if f.id == "cpu-only-tensorflow"
                else f
                for f in found
            ]
        found += elsewhere
    found += _wheels_not_found(log, matches) or _listed_wheels_not_loaded(log, matches, release)
    if log.and_cuda_resolved_below:
        version = log.and_cuda_resolved_below
        found.append(
            Finding(
                "cuda-libs-not-found",
                Severity.WARNING,
                f"pip settled 'tensorflow[and-cuda]' on TensorFlow {version}, {AND_CUDA_MISSING}",
                (f"pip resolved 'tensorflow[and-cuda]' to tensorflow-{version}",),
                AND_CUDA_MISSING_FIX.format(version=version),
                AND_CUDA_MISSING_SOURCE,
            )
        )
    return found


WRONG_ENVIRONMENT_FIX = (
    "Run the code with the environment's own interpreter (in a notebook, select that "
    "environment's kernel: 'python -m ipykernel install --user --name ENV' inside it), or "
    "install TensorFlow into the interpreter that runs it ('python -m pip install ...' with "
    "that same python)."
)


TENSORFLOW_GPU_FIX = (
    "Uninstall it and install 'tensorflow-gpu' of the same release (pip uninstall tensorflow;"
    " pip install tensorflow-gpu=={version}), or a TensorFlow 2.1 or newer, whose 'tensorflow'"
    " package has the GPU support ('tfgpu-setup plan' picks one)."
)
CPU_PACKAGE_SOURCE = "https://github.com/tensorflow/tensorflow/issues/36347"


def _cpu_only_package(log: LogFacts, gpu_seen: bool) -> list[Finding]:
    """pip's 'tensorflow' of a release whose GPU build was 'tensorflow-gpu' (before 2.1, and
    1.15.2 to 2.0): a CPU-only TensorFlow, unless the log shows a GPU build ran after all, or
    one that links CUDA failed to import (a community or Jetson wheel named 'tensorflow';
    PINTO0309/Tensorflow-bin#3)."""
    if not log.cpu_package_line or gpu_seen or log.cuda_build_line or log.cpu_build_line:
        return []
    if log.tf_links_cuda_line:
        return []
    pulled = _PULLED_BY.search(log.cpu_package_line)
    if any(d.startswith("tensorflow-gpu") for d in log.tf_distributions) and not pulled:
        return []
    if pulled:
        return [
            Finding(
                "cpu-only-tensorflow",
                Severity.ERROR,
                f"pip is installing the CPU-only 'tensorflow' package as a requirement of"
                f" {pulled['by']}: beside a 'tensorflow-gpu' it takes over the import",
                (
                    quoted(log.cpu_package_line),
                    "before 2.1 (and from 1.15.2 to 2.0) pip's 'tensorflow' had no CUDA support",
                ),
                f"Uninstall it ('pip uninstall tensorflow') and reinstall 'tensorflow-gpu' of the"
                f" same release; install {pulled['by']} with 'pip install --no-deps', or a"
                " TensorFlow 2.1 or newer, whose 'tensorflow' package has the GPU support.",
                "https://github.com/google/prettytensor/issues/40",
            )
        ]
    return [
        Finding(
            "cpu-only-tensorflow",
            Severity.ERROR,
            "pip installed the 'tensorflow' package of a release whose GPU build was the"
            " separate 'tensorflow-gpu': this TensorFlow is CPU-only",
            (
                quoted(log.cpu_package_line),
                "before 2.1 (and from 1.15.2 to 2.0) pip's 'tensorflow' had no CUDA support",
            ),
            TENSORFLOW_GPU_FIX.format(version="X.Y.Z"),
            CPU_PACKAGE_SOURCE,
        )
    ]


_PULLED_BY = re.compile(r"^Collecting tensorflow\S* \(from (?P<by>[^)]{1,80})\)")


NO_GPU_REGISTERED = frozenset({"device-mapping-empty", "no-gpu-among-devices"})
"""Lines that list TensorFlow's devices, and no GPU among them."""
NOT_ABOUT_CUDA = NO_GPU_REGISTERED | {"cpu-feature-guard", "onednn-notice", "absl-log-notice"}
"""Lines every TensorFlow build prints, with or without CUDA."""


def _silent_without_gpu(facts: Facts, log: LogFacts, matches: Sequence[LogMatch]) -> list[Finding]:
    """TensorFlow ran, registered no GPU (its device list, or TensorFlow 1.0-1.5's first
    session started and the program went on), and said nothing about CUDA: a CUDA build tries
    to load the driver and its libraries and logs when that fails, a CPU-only build has nothing
    to say. Only a warning: the log pasted may be an excerpt. Not where its warnings were
    silenced (TF_CPP_MIN_LOG_LEVEL 2 or 3, as DeepFaceLab and many scripts set it; 1 for the
    session, whose GPU lines are INFO): then a CUDA build says nothing either."""
    empty = next((m for m in matches if m.signature.name in NO_GPU_REGISTERED), None)
    shown = empty.line if empty is not None else log.session_went_on_line
    if not shown or any(m.signature.name not in NOT_ABOUT_CUDA for m in matches):
        return []
    if log.gpu_kernel_line or log.cuda_build_line:
        # the op lists a GPU kernel, or TensorFlow's CUDA code wrote a record: this build has
        # CUDA, its GPU was not registered
        return []
    level = facts.env.get("TF_CPP_MIN_LOG_LEVEL")
    # the variable as stated outranks a setting the log shows; TensorFlow 1.x's GPU lines are
    # INFO, which level 1 already hides
    hiding = ("2", "3") if empty is not None else ("1", "2", "3")
    silenced = level.strip() in hiding if level is not None else bool(log.silenced_line)
    if silenced:
        return []
    if empty is None and facts.knows("os") and facts.platform.os == "macos":
        return []  # no CUDA build there to have installed instead
    return [
        Finding(
            "cpu-only-tensorflow",
            Severity.WARNING,
            (
                "TensorFlow registered no GPU and logged no CUDA line at all"
                if empty is not None
                else "TensorFlow started its session and the program went on without a GPU or"
                " CUDA line from it"
            )
            + ": most likely the TensorFlow installed is a CPU-only build",
            (
                quoted(shown),
                "no line about the driver or CUDA libraries (a CUDA build logs why it found "
                "no GPU)",
            ),
            'Check with python -c "import tensorflow as tf; print(tf.test.is_built_with_cuda())"'
            "; if False, uninstall it and install the CUDA build ('tfgpu-setup plan' picks it).",
            "https://github.com/google-deepmind/dnc/issues/5",
        )
    ]


_PYTHON2_NO_MODULE = re.compile(r"ImportError: No module named tensorflow\b(?![.'\"])")
_PYTHON3_NO_MODULE = re.compile(
    r"ModuleNotFoundError: No module named|ImportError: No module named '"
)


_PULLS_IN = re.compile(r"only pulls in (?P<package>tensorflow-[\w-]{2,30})")
APPLE_SILICON_SHIM = ("2.13", "2.14", "2.15")
"""The releases whose 'tensorflow' wheel for Apple silicon holds no module and requires
tensorflow-macos of the same version (tensorflow#61477; 2.16 merged them)."""


def _platform_package(facts: Facts, release: TfRelease | None) -> str | None:
    """The package that holds TensorFlow's module for the stated release on this platform,
    where 'tensorflow' itself only requires it (tensorflow-macos, -intel, -cpu-aws)."""
    if release is None or not facts.knows("os"):
        return None
    key = platform_key(facts)
    if key == "macos_arm64" and xy(release.version) in APPLE_SILICON_SHIM:
        return "tensorflow-macos"
    support = release.platforms.get(key)
    found = _PULLS_IN.search(support.note or "") if support is not None else None
    return found["package"] if found else None


def _jetson(facts: Facts) -> bool:
    """A Jetson's GPU stated: NVIDIA's JetPack build is its TensorFlow, not a PyPI package."""
    return facts.knows("gpus") and any(is_jetson(g) for g in facts.gpus)


def _platform_package_missing(
    facts: Facts, release: TfRelease | None, package: str, import_line: str
) -> Finding:
    version = release.version if release else "X.Y.Z"
    return Finding(
        "tensorflow-not-installed",
        Severity.ERROR,
        f"On {platform_label(platform_key(facts))}, TensorFlow {version}'s 'tensorflow' package"
        f" holds no module: it requires {package}, which holds it and is not installed here",
        (quoted(import_line), f"TensorFlow {version} stated"),
        f"Install it in the same environment: 'pip install {package}=={version}' (Poetry: 'poetry"
        f" add {package}=={version}'; Poetry, uv and pdm can leave it out, since the metadata"
        " they read does not require it on this platform). If it is installed, the code runs in"
        " another Python: run it with that environment's interpreter or notebook kernel.",
        "https://github.com/tensorflow/tensorflow/issues/61477",
    )


def _another_major_ran(import_line: str, named: str) -> str:
    """Evidence that the import ran under another Python major than the one pip says it belongs
    to: Python 2 writes 'No module named tensorflow' bare, Python 3 quotes the name (and from
    3.6 raises ModuleNotFoundError). '' when the two agree or either is unknown (a wheel's cpXY
    tag is what pip refused, not the Python it runs on)."""
    if not named:
        return ""
    ran = "2" if _PYTHON2_NO_MODULE.search(import_line) else ""
    ran = ran or ("3" if _PYTHON3_NO_MODULE.search(import_line) else "")
    if not ran or named.split(".")[0] == ran:
        return ""
    return (
        f"the import ran under Python {ran} ({import_line.strip()[:120]}), while pip belongs to"
        f" Python {named}"
    )


def _wrong_environment(
    facts: Facts,
    log: LogFacts,
    tf_known_installed: bool,
    installs_succeeded: bool,
    another_major: str = "",
) -> list[Finding]:
    """'No module named tensorflow' where TensorFlow is installed somewhere: in another Python
    (two interpreters named), per pip or a package listing, or per the user (outside a
    container, whose Python is the image's own). A notebook kernel alone is no such evidence:
    settled kernels' 'No module' were TensorFlow never installed (handwriting-ocr#40), and that
    finding's fix names the kernel."""
    in_container = facts.knows("container") and facts.platform.container
    evidence: tuple[str, ...] = ()
    if len(log.python_roots) >= 2:
        evidence = tuple(f"Python at {root}" for root in log.python_roots[:4])
    elif log.interpreters:
        evidence = tuple(log.interpreters[:4])
    elif log.imported_in_another_env:
        evidence = (
            f"TensorFlow imported after '{log.imported_in_another_env}', with no install"
            " between: that environment has it, the Python that failed does not",
        )
    elif log.imported_by_another_runner:
        evidence = (log.imported_by_another_runner,)
    elif log.pythons_apart and log.tf_version:
        # two Pythons, and TensorFlow shown installed in some Python (a listing, its version)
        evidence = (*log.pythons_apart, f"TensorFlow {log.tf_version} shown installed")
    elif log.python_and_pip_apart and installs_succeeded:
        evidence = log.python_and_pip_apart
    elif another_major:
        evidence = (another_major,)
    elif log.installed_line:
        evidence = (f"pip: {log.installed_line}",)
    elif log.tf_listed_line and not in_container:
        evidence = (f"listed as installed: {log.tf_listed_line}",)
    elif log.sudo_pip_line and installs_succeeded:
        evidence = (f"installed with sudo, into the system Python: {log.sudo_pip_line}",)
    elif tf_known_installed:
        evidence = ("TensorFlow is installed (its version was stated or found), yet not here",)
    elif log.said_installed_line and installs_succeeded and not in_container:
        evidence = (f"said: {log.said_installed_line}",)
    if not evidence:
        return []
    return [
        Finding(
            "wrong-python-environment",
            Severity.ERROR,
            "The code ran in a different Python than the one TensorFlow is installed in",
            evidence,
            WRONG_ENVIRONMENT_FIX,
            VENV_DOCS,
        )
    ]


_WHEEL_FOLDERS = {
    "cudart": "cuda_runtime",
    "cublas": "cublas",
    "cublasLt": "cublas",
    "cufft": "cufft",
    "curand": "curand",
    "cusolver": "cusolver",
    "cusparse": "cusparse",
    "cudnn": "cudnn",
}
"""The nvidia-* wheel folder (site-packages/nvidia/NAME/lib) that ships each library."""


def _major_serves(wanted: Wanted, major: int) -> bool:
    """Whether a wheel of this major (its CUDA's, or cuDNN's own) ships the library asked for:
    libcusolver.so.11 is in CUDA 11.1 to 12.x alike."""
    if wanted.span is not None:
        first, last = (parsed(edge).major for edge in wanted.span)
        return first <= major <= last
    return major == wanted.major


def _wheel_major(wheels: str, wanted: Wanted) -> int | None:
    """The major of the NVIDIA wheel pip says is there that ships this library: the CUDA
    major in a CUDA library wheel's name (nvidia-cuda-runtime-cu11), cuDNN's own in its
    wheel's version (nvidia-cudnn-cu12-9.1.0.70); None where pip named no such wheel."""
    folder = _WHEEL_FOLDERS.get(wanted.lib)
    if folder is None:
        return None
    name = folder.replace("_", "[-_]")
    if folder == "cudnn":
        found = re.findall(r"nvidia[-_]cudnn[-_]cu\d{2}-(\d{1,2})\.", wheels)
    else:
        found = re.findall(rf"nvidia[-_]{name}[-_]cu(\d{{2}})-", wheels)
    return int(found[-1]) if found else None  # the last: pip's latest word on it


def _wheel_folder_searched(wanted: Wanted) -> str:
    """The wheel folder holding this library, where the failing line's own LD_LIBRARY_PATH
    lists it: the loader looked there ('' otherwise)."""
    folder = _WHEEL_FOLDERS.get(wanted.lib)
    if folder is None:
        return ""
    return next(
        (e for e in searched(wanted) if re.search(rf"[/\\]nvidia[/\\]{folder}[/\\]lib[/\\]?$", e)),
        "",
    )


def _wheels_not_found(log: LogFacts, matches: Sequence[LogMatch]) -> list[Finding]:
    """NVIDIA's pip wheels are there (pip installed them, or the log names their folder) yet a
    CUDA or cuDNN library of the same major cannot be loaded: the loader does not look in the
    wheels' folders (TensorFlow before 2.14 never does; 2.16.1 has a RUNPATH defect). Where the
    loader did look in the wheel's folder of this environment, or pip installed the wheels of
    another CUDA major, the wheel is of another version than the one TensorFlow loads."""
    if not log.nvidia_wheels_line:
        return []
    wheel_cuda = re.search(r"cu(1[1-3])", log.nvidia_wheels_line)
    majors = {int(wheel_cuda.group(1))} if wheel_cuda else set()
    wanted = [*log.wanted_cuda, *log.wanted_cudnn]
    for w in wanted:
        installed = _wheel_major(" ".join(log.nvidia_wheels_named), w)
        if installed is not None and not _major_serves(w, installed):
            named = " ".join(log.nvidia_wheels_named)[:200]
            return [_wheel_of_another_version(w, f"pip names {named}")]
        folder = _wheel_folder_searched(w)
        in_this_env = folder.startswith(log.tf_site_packages) if log.tf_site_packages else True
        if folder and in_this_env and installed is None:
            return [_wheel_of_another_version(w, f"the loader searched {folder}")]
    missing = [w for w in wanted if not majors or "cudnn" in w.lib or w.major in majors]
    if not missing:
        return []
    return [
        Finding(
            "pip-cuda-libs-not-on-path",
            Severity.ERROR,
            f"NVIDIA's pip wheels are installed but TensorFlow cannot load {missing[0].lib} "
            "from them: their folders are not on the loader path",
            (f"wheels: {log.nvidia_wheels_line}", quoted(missing[0].line)),
            "Put the wheels' lib folders (site-packages/nvidia/*/lib) on LD_LIBRARY_PATH, e.g. "
            "the activate script of 'tfgpu-setup apply' does it; with TensorFlow >= 2.14 "
            "prefer pip install 'tensorflow[and-cuda]' with a release whose RUNPATH finds them.",
            TF_INSTALL,
        )
    ]


WHEEL_FOLDERS_ON_THE_PATH = (
    " put their lib folders (site-packages/nvidia/*/lib) on LD_LIBRARY_PATH, as the activate"
    " script of 'tfgpu-setup apply' does; TF_CPP_MAX_VLOG_LEVEL=3 makes TensorFlow name the"
    " library it could not open."
)
"""How wheels the loader does not find are put on its path, and the library named."""


LISTED_WHEELS_NOT_LOADED = (
    "NVIDIA's pip wheels are installed, yet TensorFlow cannot dlopen its GPU libraries: the"
    " loader does not find them"
)
"""The title of the reading a release's own known defect (2.16.1's RUNPATH) says better."""


def _listed_wheels_not_loaded(
    log: LogFacts, matches: Sequence[LogMatch], release: TfRelease | None
) -> list[Finding]:
    """pip shows NVIDIA's wheels installed (its list, or what it installed), and TensorFlow
    then says only that it cannot dlopen some GPU libraries (2.16 and later name none below
    VLOG 3): a wheel of another version than the release pins (cuDNN 8 under 2.17's cuDNN 9),
    else wheels the loader does not find (another interpreter's site-packages, 2.16.1's RUNPATH,
    TensorFlow before 2.14 that never looks there)."""
    dlopen = next((m for m in matches if m.signature.name == "cannot-dlopen-gpu-libraries"), None)
    if dlopen is None or log.wanted_cuda or log.wanted_cudnn:
        return []
    if not log.nvidia_wheels_named:
        return _installed_with_the_extra(log, dlopen, release)
    if not any(re.match(_LOADED_WHEELS, w) for w in log.nvidia_wheels_named):
        return []  # only wheels TensorFlow does not load (NCCL for xgboost): its own are missing
    listed = {_wheel_name(w): w for w in log.nvidia_wheels_named}
    for pin in release.nvidia_pins if release else ():
        name, _, version = pin.partition("==")
        there = listed.get(name.strip().lower())
        if there is None or not version:
            continue
        there_version = there[len(name.strip()) + 1 :]
        if there_version.split(".")[0] != version.strip().split(".")[0]:
            kind = "cudnn" if "cudnn" in name else "cuda"
            return [
                Finding(
                    f"{kind}-version-mismatch",
                    Severity.ERROR,
                    f"TensorFlow {release.version if release else ''} loads {name.strip()}"
                    f" {version.strip()}, and the wheel installed is {there_version}",
                    (f"pip lists {there}", f"tensorflow[and-cuda] pins {pin}", quoted(dlopen.line)),
                    pinned_wheels_fix(release.version if release else "", log, there),
                    TF_INSTALL,
                )
            ]
    if absent := _pinned_wheels_not_listed(log, release):
        return [_wheel_not_listed(absent[0], log, dlopen, release)]
    if (
        release is not None
        and release.cuda
        and not any(f"-cu{release.cuda.split('.')[0]}-" in w for w in log.nvidia_wheels_named)
    ):
        return []  # wheels of another CUDA major: they serve something else
    return [
        Finding(
            "pip-cuda-libs-not-on-path",
            Severity.ERROR,
            LISTED_WHEELS_NOT_LOADED,
            (f"pip shows {', '.join(log.nvidia_wheels_named[:4])}", quoted(dlopen.line)),
            "Check that the wheels sit in the site-packages of the Python that runs TensorFlow"
            " ('python -m pip list | grep nvidia' with that python), then"
            + WHEEL_FOLDERS_ON_THE_PATH,
            TF_INSTALL,
        )
    ]


_REGISTERS_THE_GPU = ("cuda-runtime", "cublas", "cufft", "curand", "cusolver", "cusparse", "cudnn")
"""The wheels of the libraries TensorFlow opens before it registers a GPU (cupti, nvcc, nvrtc,
nvjitlink and NCCL come later, or for XLA alone)."""


def _pinned_wheels_not_listed(log: LogFacts, release: TfRelease | None) -> list[str]:
    """The one pin, of the libraries the release opens before registering a GPU, that a 'pip
    list' (or freeze) showing all its others does not list. A listing that leaves out several is
    more likely filtered or cut ('grep cudnn', a paste's excerpt) than a record of them missing."""
    if release is None or not release.nvidia_pins or not log.nvidia_wheels_listed:
        return []
    rows = {_wheel_name(w) for w in log.nvidia_wheels_listed}
    named = [(pin.partition("==")[0].strip().lower(), pin) for pin in release.nvidia_pins]
    needed = [
        (name, pin)
        for name, pin in named
        if any(f"nvidia-{lib}-cu" in name for lib in _REGISTERS_THE_GPU)
    ]
    missing = [pin for name, pin in needed if name not in rows]
    return missing if len(missing) == 1 and len(needed) > 1 else []


def _wheel_not_listed(
    pin: str, log: LogFacts, dlopen: LogMatch, release: TfRelease | None
) -> Finding:
    name = pin.partition("==")[0].strip()
    cudnn = "cudnn" in name
    version = release.version if release else ""
    return Finding(
        "cudnn-not-found" if cudnn else "cuda-libs-not-found",
        Severity.ERROR,
        f"{WHEEL_NOT_LISTED}{name}: TensorFlow {version} opens"
        f" {'cuDNN' if cudnn else 'a CUDA library'} from it before it registers the GPU",
        (
            f"pip lists {', '.join(log.nvidia_wheels_listed[:4])}",
            f"tensorflow[and-cuda] pins {pin}",
            quoted(dlopen.line),
        ),
        f"Install it in the same environment: pip install '{pin}' (or pip install"
        f" 'tensorflow[and-cuda]=={version}', which pins every wheel).",
        TF_INSTALL,
    )


def _installed_with_the_extra(
    log: LogFacts, dlopen: LogMatch, release: TfRelease | None
) -> list[Finding]:
    """The paste installing 'tensorflow[and-cuda]' (no list of what came), then TensorFlow
    saying it cannot dlopen its GPU libraries: the wheels came with it and the loader does not
    find them (tensorflow#85311: Poetry's environment, mended with LD_LIBRARY_PATH). Not where
    the install failed, nor for a release without the extra (its own finding says so)."""
    if not log.and_cuda_install_line or log.install_failed:
        return []
    if release is not None and parsed(release.version) < AND_CUDA_FROM:
        return []
    line = log.and_cuda_install_line.strip()[:160]
    return [
        Finding(
            "pip-cuda-libs-not-on-path",
            Severity.ERROR,
            "tensorflow[and-cuda] was installed with NVIDIA's wheels, yet TensorFlow cannot dlopen"
            " its GPU libraries: the loader does not find the wheels",
            (f"the paste installs them: {line}", quoted(dlopen.line)),
            "Check that the wheels went into the environment whose Python runs TensorFlow ('python"
            " -m pip list | grep nvidia' with that python; 'poetry run' and 'uv run' use the"
            " project's), then" + WHEEL_FOLDERS_ON_THE_PATH,
            TF_INSTALL,
        )
    ]


_LOADED_WHEELS = r"nvidia-(?:cudnn|cublas|cuda-runtime)-cu\d{2}-"
"""Wheels of libraries TensorFlow loads at start: one of them listed is TensorFlow's set."""


def _wheel_name(wheel: str) -> str:
    """'nvidia-cudnn-cu12-8.9.7.29' -> 'nvidia-cudnn-cu12'."""
    return re.sub(r"-\d[\w.]*$", "", wheel).lower()


def _wheel_of_another_version(wanted: Wanted, seen: str) -> Finding:
    kind = "cudnn" if "cudnn" in wanted.lib else "cuda"
    return Finding(
        f"{kind}-version-mismatch",
        Severity.ERROR,
        f"TensorFlow looks for {wanted.lib} {wanted}, and the NVIDIA wheel here is of another"
        " version",
        (seen, quoted(wanted.line)),
        "Install the nvidia-* wheels of the version this TensorFlow loads ('tensorflow[and-cuda]'"
        " pins them) in the environment that runs it ('pip list | grep nvidia' shows what is"
        " there). Wheels of another CUDA major (cu11 beside cu12) can stay; where another"
        " framework needs another version of the same wheel (PyTorch's cuDNN 9, this"
        " TensorFlow's 8), give each its own environment.",
        TF_INSTALL,
    )


_REQUIREMENT_MISSING = re.compile(REQUIREMENT_MISSING)


def _requirement_missing_under_import(log: LogFacts) -> list[Finding]:
    """The exception ending a traceback through TensorFlow's own import names a module of
    TensorFlow's requirements (Python 3's quoted form or Python 2's bare one): its install is
    incomplete. A traceback through the user's own code that imports absl says nothing of
    TensorFlow (alphafold#178)."""
    missing = _REQUIREMENT_MISSING.search(log.last_exception_line)
    if missing is None:
        return []
    return [
        Finding(
            "tensorflow-not-installed",
            Severity.ERROR,
            f"TensorFlow's install is incomplete: {missing['module']}, a package it imports, is"
            " missing",
            (quoted(log.import_frame_line), quoted(log.last_exception_line)),
            INCOMPLETE_INSTALL_FIX,
            "https://github.com/deepfakes/faceswap/issues/1339",
        )
    ]


def stated_cpu_only(
    distribution: str, version: str, facts: Facts, cuda_at_work: str = ""
) -> list[Finding]:
    """The distribution the user named with the release ('--tf "tensorflow-cpu 2.15.0"') is a
    CPU-only build: tensorflow-cpu and its kind, or pip's 'tensorflow' of a release whose GPU
    build was 'tensorflow-gpu'. Not on macOS, where no build has CUDA. cuda_at_work: the log's
    line of TensorFlow's own CUDA code, which shows a build with CUDA ran, whatever was named
    (another distribution beside it, or a name used loosely): then a warning to check."""
    if not distribution or (facts.knows("os") and facts.platform.os == "macos"):
        return []
    cpu_only = distribution in CPU_ONLY_DISTRIBUTIONS - {"tensorflow-macos"} or (
        distribution == "tensorflow"
        and any(version in releases for releases in CPU_PACKAGE_RELEASES)
    )
    if not cpu_only:
        return []
    fix, source = _cpu_only_fix(facts, "")
    if distribution == "tensorflow":
        fix, source = TENSORFLOW_GPU_FIX.format(version=version), CPU_PACKAGE_SOURCE
    evidence: tuple[str, ...] = (f"stated: {distribution} {version}",)
    if cuda_at_work:
        evidence += (
            f"but the log shows a TensorFlow with CUDA support ran ({cuda_at_work.strip()[:120]}):"
            " check 'pip list' for a second TensorFlow distribution",
        )
    return [
        Finding(
            "cpu-only-tensorflow",
            Severity.WARNING if cuda_at_work else Severity.ERROR,
            f"The TensorFlow installed is a CPU-only build ({distribution} {version}, as stated)",
            evidence,
            fix,
            source,
        )
    ]


GPU_BUILD_DISTRIBUTIONS = frozenset({"tensorflow-gpu", "tf-nightly-gpu"})
"""Distributions that are TensorFlow's CUDA builds whatever the release."""


def stated_gpu_build_on_cpu(
    findings: tuple[Finding, ...], distribution: str, version: str
) -> tuple[Finding, ...]:
    """An op run on the CPU in the GPU-only NCHW layout says TensorFlow had no GPU to place it
    on. With a CUDA build named ('--tf "tensorflow-gpu 2.2.0"') that is no CPU-only build: the
    build found no usable GPU, most often because its CUDA libraries did not load
    (faceswap#1071: a system CUDA of another version)."""
    if distribution not in GPU_BUILD_DISTRIBUTIONS:
        return findings
    return tuple(
        dataclasses.replace(
            f,
            id="cuda-libs-not-found",
            title=f"{f.title.split(':')[0]}, though {distribution} {version} has CUDA: it found"
            " no usable GPU, most often because its CUDA libraries (or the driver) did not load",
            evidence=(*f.evidence, f"stated: {distribution} {version}, a build with CUDA"),
            fix=GPU_BUILD_ON_CPU_FIX,
        )
        if f.id == "cpu-only-tensorflow" and f.source == NCHW_ON_CPU_SOURCE
        else f
        for f in findings
    )


GPU_BUILD_ON_CPU_FIX = (
    "Rerun with TF_CPP_MIN_LOG_LEVEL=0 and read the lines TensorFlow prints as it starts: 'Could"
    " not load dynamic library' names a CUDA or cuDNN library missing or of another version"
    " (install the versions this release was built with: 'tfgpu-setup matrix show'), a cuInit"
    " or driver line names the driver ('nvidia-smi' must list the GPU); then pass that log to"
    " 'tfgpu-setup doctor --log'."
)
