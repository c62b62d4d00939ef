"""What a log says about the machine by itself.

A pasted log carries facts of its own: the TensorFlow release (a version print, a pip line, the
source paths and library names it logs), the operating system (Windows paths and DLL names), the
Python, the driver, which CUDA libraries loaded and which were missing. Each is kept with the
line it came from. Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..distributions import separate_installs
from ..versions import parsed, specifier
from .activations import last_environment_line
from .attribution import innermost_frame
from .cuda_absent import cuda_shown_absent
from .docker_context import remote_engine_line
from .hybrid_graphics import LAPTOP_GPU
from .import_runners import imported_by_another_runner
from .installed_over import installed_by_two_commands, installed_over_another
from .installed_twice import (
    PIP_UNINSTALLED,
    installed_by_conda_and_pip,
    tensorflow_listed,
    tensorflows_in_one_old_listing,
)
from .launchers import LAUNCHED_BY_AN_IDE, WORKS_FROM_A_TERMINAL
from .library_path import copies_listed, printed_library_path
from .loader_trace import searched_in_vain
from .logs import LogMatch, line_start
from .machine_seen import (
    cudnn_on_disk,
    driver_cuda_reported,
    driver_halves,
    driver_shown,
    glibc_shown,
    gpus_seen,
    installs_listed,
    memory_taken,
    mig_on_without_devices,
    mostly_free,
    packages_and_module,
    toolkits_on_path,
)
from .macos_crash import crash_opening_libcuda
from .pip_apart import python_and_pip_apart, pythons_apart
from .pip_index import index_not_pypi
from .pip_installs import TENSORFLOW_MISSING
from .platform_seen import (
    OSX_CUDA_EXECUTOR,
    PYTHON_32BIT,
    arch_of,
    interpreters_seen,
    os_of,
    os_of_distributions,
    python_of,
    python_roots,
    windows_process_line,
)
from .release_hints import (
    LOCAL_BUILD_VERSION,
    MACOS_CUDA_LIBRARY,
    printed_versions,
    release_hints,
    written_on,
)
from .signatures import library_name
from .signatures.model import ONE_NAME_PER_MAJOR, OWN_NUMBERING, PROCEDURE_NOT_FOUND
from .template import Stated, TemplateAnswers, template_answers
from .wanted import (
    Wanted,
    cuda_11_0_by_cusolver,
    cuda_folders_searched,
    cusparse_of_cuda_11,
    of_the_runtimes_major,
    shared_across_releases,
    version_wanted,
)
from .wsl_sessions import back_on_windows, distribution_that_ran

_CUDA_FOLDER = re.compile(r"cuda[-_/\\]v?(?P<version>\d{1,2}\.\d)(?![\d.])", re.IGNORECASE)
_PATH_EDGE = re.compile(r"[\s:;'\"=,()]")


def _cuda_home(text: str, folder: re.Match[str]) -> str:
    """The CUDA folder a match names, whole where it is part of an absolute path
    ('/usr/local/cuda-10.1' of '/usr/local/cuda-10.1/lib64'), else the words matched."""
    start = folder.start()
    while start > 0 and not _PATH_EDGE.match(text[start - 1]):
        start -= 1
    home = text[start : folder.end()]
    return home if home.startswith("/") else folder.group(0)


_CONTAINER = re.compile(
    r"/\.dockerenv|\bnvidia-docker\b|\bdocker run\b|\bdocker[ -]compose (?:up|run)\b|\bkubectl\b"
    # Singularity/Apptainer: its library folder on LD_LIBRARY_PATH, or the command itself
    r"|/\.singularity\.d/|\b(?:singularity|apptainer) (?:shell|exec|run)\b"
    r"|^(?:Singularity|Apptainer)> "
    r"|\broot@[0-9a-f]{12}:"  # a shell prompt whose host name is a container id
    # ... or TensorFlow's CUDA diagnostics naming such a host
    r"|(?:diagnostic information for host: |does not appear to be running on this host \("
    r"|cuda_diagnostics\.cc:\d{1,5}\] hostname: )[0-9a-f]{12}(?:\)|[ \t]*$)"
    # the NVIDIA images' own LD_LIBRARY_PATH (/usr/local/nvidia/lib64, where the runtime mounts
    # the driver)
    r"|LD_LIBRARY_PATH:? ?[^\n]{0,300}?/usr/local/nvidia/lib"
    r"|^== are we in docker =+\s*\n\s*Yes\b"  # tf_env_collect.sh's answer
    # docker compose's own lines around its services' output (v1's and v2's)
    r"|^Attaching to [\w.-]{1,80}(?:[_-]\d{1,3})\b|^Creating [\w.-]{1,80}[_-]\d{1,3} \.\.\. done"
    r"|^[ \t]*\u2714 Container [\w.-]{1,80}[ \t]+(?:Created|Started|Recreated)\b"
    r"|^[\w.-]{1,80}[_-]\d{1,3} exited with code \d{1,3}\b",
    re.MULTILINE,
)
_OWN_CONTAINER_HOST = re.compile(
    r"^[^\n]{0,300}?(?:diagnostic information for host: |cuda_diagnostics\.cc:\d{1,5}\] hostname: )"
    r"[0-9a-f]{12}[ \t]*$"
    # a container's shell starting Python ('root@3f2a9c1b7e45:/# python ...': review 112)
    r"|^[ \t]*root@[0-9a-f]{12}:[^\n#$]{0,200}[#$][ \t]*(?:python3?|ipython|jupyter)\b[^\n]*",
    re.MULTILINE,
)
"""TensorFlow's own CUDA diagnostics naming its host by a container id (Docker's default host
name), or a shell of such a host starting Python: the process that logged ran in a container,
not only a command pasted beside it."""


INSTALL_FAILURES = frozenset(
    {
        "pip-no-matching-distribution",
        "pip-wheel-unsupported",
        "conda-python-incompatible",
        "conda-packages-not-found",
        "uv-no-matching-wheel",
        "uv-platform-without-wheels",
        "pip-no-matching-tf-dependency",
        "uv-python-out-of-range",
        "pip-no-matching-nvidia-pin",
        "poetry-python-range",
        "conda-no-cuda-driver",
        "pip-tensorflow-pin-conflict",
        "pip-externally-managed",
        "pip-requires-a-virtualenv",
        "install-disk-full",
        "install-disk-full-in-pips-traceback",
        "conda-disk-full",
        "pip-permission-denied-in-pips-traceback",
        "pip-permission-denied",
        "pip-requires-a-different-python",
        "macos-arm64-wheel-refused",
    }
)
"""Lines saying pip or conda could not install TensorFlow."""

TF_NOT_RUNNING = INSTALL_FAILURES | frozenset(
    {
        "no-module-tensorflow",
        "windows-dll-load-failed",
        "native-runtime-not-loaded",
        "macos-wrong-architecture",
        "tensorflow-gpu-removed",
        "tensorflow-dependency-missing",
        # its import dies on the first AVX instruction: nothing of it ran
        "cpu-without-avx",
        "illegal-instruction",
    }
)
"""Lines saying TensorFlow never ran: no release wrote the rest of the log."""

FOUND_BUT_FAILED = frozenset(
    {
        "illegal-instruction",
        "cpu-without-avx",
        "windows-dll-load-failed",
        "native-runtime-not-loaded",
        "macos-wrong-architecture",
        "metal-plugin-for-another-tensorflow",
    }
)
"""Lines saying an interpreter found TensorFlow and its import failed (tensorflow#17441: python3
dies on an illegal instruction, python 2 has no TensorFlow at all)."""


@dataclass(frozen=True)
class LogFacts:
    tf_version: str | None = None
    tf_range: tuple[tuple[str, str], ...] = ()
    """(specifier, the text that implies it) for the release, when no version is printed."""
    written_on: str = ""
    """The latest day the log's own timestamps carry (YYYY-MM-DD): no release published well
    after it wrote the log."""
    tf_distributions: tuple[str, ...] = ()
    installed_twice: tuple[str, ...] = ()
    """Two 'conda list' rows of one TensorFlow distribution, conda's and pip's."""
    tf_conda_rows: tuple[str, ...] = ()
    """The TensorFlow distributions a 'conda list' row shows conda installed (a build string,
    not pip's 'pypi_0')."""
    tf_listed_line: str = ""
    """A 'pip list' or 'conda list' row of a TensorFlow distribution not uninstalled later."""
    installed_over: tuple[str, ...] = ()
    installed_by_commands: tuple[str, ...] = ()
    """Two pip commands installing two TensorFlow distributions, one after the other."""
    """pip's line naming a TensorFlow distribution already installed, and the line of pip
    installing another one into the same environment."""
    tf_requested: str | None = None
    """The release pip was asked for and could not install ('tensorflow==2.10')."""
    tf_ran_line: str = ""
    """A record TensorFlow's C++ runtime wrote ('... dso_loader.cc:64] ...'): it was imported."""
    failed_import_line: str = ""
    """An interpreter that found TensorFlow and failed to import it (FOUND_BUT_FAILED), with no
    TensorFlow at work after it: that failure stands."""
    image_build_line: str = ""
    """A container image's build step ('Step 6/9 : RUN ...', BuildKit's '#8 [3/9] RUN ...'):
    what runs there never has a GPU, whatever the container later gets."""
    imported_in_another_env: str = ""
    """The shell's switch to another environment ('conda activate tf') after 'No module named
    tensorflow', in which TensorFlow then imported."""
    imported_by_another_runner: str = ""
    """TensorFlow's version printed by one runner (a shell, a notebook's kernel, sudo) and
    'No module named tensorflow' in another that cannot share its Python."""
    cuda_absent_line: str = ""
    """A listing showing no CUDA toolkit where one would be (cuda_absent.py)."""
    torch_first_line: str = ""
    """PyTorch imported before TensorFlow in the program that ran: its own CUDA libraries (the
    cuDNN its wheel bundles) are already in the process when TensorFlow asks for them."""
    missing_then_installed_line: str = ""
    """A record TensorFlow wrote after pip installed it, after the last 'No module named
    tensorflow': that import error was before the install, and is not the problem now."""
    and_cuda_resolved_below: str = ""
    """The release pip settled on for 'tensorflow[and-cuda]' when it is older than the extra
    (2.14): pip backtracked, and no NVIDIA wheels come with it."""
    macos_cuda_line: str = ""
    """A CUDA .dylib the log names: a macOS GPU build (PyPI's to 1.1, or a community one)."""
    import_frame_line: str = ""
    """A traceback frame inside TensorFlow's own import (its __init__ or native-library
    loader): the exception under it stopped TensorFlow before it looked for a GPU."""
    last_exception_line: str = ""
    """The exception ending the traceback through TensorFlow's import ('TypeError:
    Descriptors cannot be created directly')."""
    install_failed: bool = False
    """pip found no TensorFlow to install, or TensorFlow was not there to import: no release is
    known to have run."""
    tf_printed: str | None = None
    """The one TensorFlow version a Python in the paste printed (tf.__version__), not pip's."""
    os: str | None = None
    os_line: str = ""
    kernel_line: str = ""
    """The kernel's own name ('uname -r' or '-a'): a WSL 2 kernel's, or a native Linux one's."""
    arch: str | None = None
    """The machine 'uname -a' prints (x86_64, aarch64, ppc64le)."""
    python: str | None = None
    tf_site_packages: str = ""
    """The site-packages folder TensorFlow's own traceback frames run from."""
    pip_python: str = ""
    """The Python pip says it belongs to ('pip 8.1.2 from ... (python 3.5)')."""
    outdated_pip: str = ""
    """The version pip's upgrade notice names ('You are using pip version 9.0.1'): an old pip
    sees fewer wheels (none for macOS 11 before 20.3; 3.10's tags misread)."""
    python_roots: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()
    """Two or more Pythons the log shows running (banners of different builds, prompts of
    different environments)."""
    python_and_pip_apart: tuple[str, ...] = ()
    """A python and a pip the log shows answering from two installations (pip_apart.py)."""
    pythons_apart: tuple[str, ...] = ()
    """Two python answers ('which python', sys.executable) of two installations."""
    container_line: str = ""
    windows_process_line: str = ""
    """The logging TensorFlow's own process on native Windows (windows_in_wsl.py)."""
    own_container_line: str = ""
    """TensorFlow's diagnostics naming its own host by a container id (_OWN_CONTAINER_HOST)."""
    cuda_seen: tuple[tuple[str, str], ...] = ()
    """(X.Y, line) of CUDA installs the log shows (folders on paths, loaded runtimes)."""
    cudnn_loaded: str | None = None
    cudnn_compiled: str | None = None
    """The cuDNN TensorFlow says it was built with, where it names the one it loaded."""
    cudnn_seen: tuple[tuple[str, str], ...] = ()
    """(version, line) of cuDNN installs the log shows (cudnn.h's defines, package lists)."""
    cudnn_on_disk: tuple[tuple[str, str], ...] = ()
    """The part of those a package list, a header or a library listing shows (not a template's
    answer, which may repeat what TensorFlow asks for)."""
    wanted_cuda: tuple[Wanted, ...] = ()
    wanted_cudnn: tuple[Wanted, ...] = ()
    cuda_folders_searched: tuple[str, ...] = ()
    """CUDA toolkit library folders the loader searched (LD_LIBRARY_PATH in a dlerror line)."""
    driver: str | None = None
    driver_cuda: str | None = None
    driver_line: str = ""
    """The driver version (and the highest CUDA it supports) from nvidia-smi's header, or the
    driver version TensorFlow's own CUDA diagnostics name."""
    runtimes_opened: tuple[Wanted, ...] = ()
    """The CUDA runtimes (libcudart) TensorFlow says it opened, with their versions."""
    driver_halves: tuple[str, str, str, str] | None = None
    """libcuda's and the kernel module's versions, then their lines, where TensorFlow printed
    two versions."""
    driver_packages: tuple[str, str, str, str] | None = None
    """The driver's user-space packages' version and the loaded kernel module's, then their
    lines, where a package list and the module's version file show two versions."""
    cpu_build_line: str = ""
    """A line where TensorFlow itself says it was built without CUDA."""
    binding_line: str = ""
    """A line of TensorFlow.js's or TensorFlow for Java's binding: their libtensorflow builds
    follow releases of their own, not the Python package's."""
    tfjs_gpu_binding_line: str = ""
    """The path of tfjs-node-gpu's native binding, as a failed load prints it."""
    tfjs_cpu_binding_line: str = ""
    """The path of tfjs-node's (the CPU package's) native binding, as a failed load prints it."""
    tfjs_backend_failed_line: str = ""
    """TensorFlow.js saying its node backend failed to register."""
    module_not_found_line: str = ""
    """Windows' words for a DLL that a native module needs and the loader did not find."""
    tfjs_library_missing_line: str = ""
    """Node's loader on Linux or macOS naming libtensorflow missing, under tfjs-node's binding."""
    searched_in_vain: tuple[tuple[str, str], ...] = ()
    """(library, line) of the CUDA library the loader's trace (LD_DEBUG=libs) ends on, still
    looking for it, in a log that shows a failure (loader_trace.py)."""
    protobuf_procedure_line: str = ""
    """protobuf's compiled extension failing to load for a function Python lacks (Windows)."""
    ngc_line: str = ""
    """NVIDIA's NGC build of TensorFlow: built with its container's CUDA and cuDNN, which are
    not those tensorflow.org's table gives the same version number."""
    dxcore_failed_line: str = ""
    """NVIDIA's container CLI finding no dxcore: harmless on Linux, no GPU layer in WSL 2."""
    conda_line: str = ""
    """A conda environment: its own cudatoolkit and TensorFlow builds are what runs."""
    conda_lib_named: str = ""
    """A conda environment's lib folder the log names beside a CUDA library ('libcudart.so.11.0
    is present in /anaconda3/envs/tf/lib', tensorflow#56413)."""
    directml_line: str = ""
    """Microsoft's DirectML build or plug-in, which runs on a CPU-only TensorFlow."""
    shared_names_missing: bool = False
    """A CUDA library is missing by a name several CUDA releases ship (libcublas.so.10,
    libcufft.so.10, libcudart.so.11.0): not one minor's."""
    cpu_package_line: str = ""
    """pip installing the 'tensorflow' package of a release whose GPU build was 'tensorflow-gpu'."""
    cuda_build_line: str = ""
    environment_line: int = 0
    """Where the paste's last environment begins (its last activation), 0 where it is one."""
    """A record from TensorFlow's CUDA code (stream_executor/cuda, common_runtime/gpu): only a
    build with CUDA writes one."""
    local_build_line: str = ""
    """A TensorFlow version with a local label ('2.20.0-dev0+selfbuilt'): no PyPI build, so
    what the matrix says of PyPI's kernels does not hold for it."""
    installed_line: str = ""
    """A pip or conda line saying TensorFlow is installed (somewhere)."""
    pip_network_line: str = ""
    """pip failing to reach the package index (SSL, a proxy, no network)."""
    pip_index_line: str = ""
    """pip told to ask neither PyPI nor a mirror of it (--no-index, only another index): what it
    could not find says nothing of the wheels TensorFlow published."""
    silenced_line: str = ""
    """TensorFlow's C++ warnings switched off (TF_CPP_MIN_LOG_LEVEL set to 2 or 3)."""
    session_went_on_line: str = ""
    """TensorFlow 1.0-1.5's CPU notice, which it writes as its first session starts, followed by
    the program's own output: a GPU build would have logged its GPU (or why it has none) there."""
    gpu_kernel_line: str = ""
    """A 'Registered kernels:' list naming a GPU kernel: this build has CUDA kernels."""
    said_installed_line: str = ""
    """The reporter saying TensorFlow is installed ('even though I have installed it')."""
    root_site_tf_line: str = ""
    """pip finding TensorFlow in root's user site (/root/.local: 'sudo pip install --user')
    where the log shows another user's home: that user's Python never reads it."""
    sudo_pip_line: str = ""
    """'sudo pip install': root's pip installs into the system Python, not the environment's."""
    user_site_tf_line: str = ""
    """A traceback running TensorFlow from the user site (~/.local, 'pip install --user') while
    the interpreter is an environment's: that TensorFlow shadows the environment's own."""
    other_framework_line: str = ""
    """A package listing's row (or pip's install) of another framework that pins NVIDIA's
    wheels too: PyTorch, JAX's CUDA plug-in."""
    and_cuda_install_line: str = ""
    """A command installing 'tensorflow[and-cuda]' (pip, uv, Poetry, Pipenv): NVIDIA's wheels
    come with it, whether or not the paste lists them."""
    nvidia_wheels_line: str = ""
    nvidia_wheels_named: tuple[str, ...] = ()
    nvidia_wheels_listed: tuple[str, ...] = ()
    """The rows of 'pip list', 'pip freeze' or 'conda list' among them: what is there, whole."""
    library_path_printed: str = ""
    """The LD_LIBRARY_PATH the paste's 'echo $LD_LIBRARY_PATH' printed."""
    cudnn_copies: tuple[str, ...] = ()
    """cuDNN's files 'ldconfig -p' lists in two or more folders for one soname."""
    """NVIDIA wheels pip says are there, with their versions ('nvidia-cudnn-cu12-9.1.0.70')."""
    """A line naming NVIDIA's CUDA/cuDNN pip wheels (installed, or their site-packages folder)."""
    colab_line: str = ""
    """A line showing the code ran on Google Colab (whose runtimes ship their own CUDA)."""
    hosted_notebook_line: str = ""
    """A line with a path only a hosted notebook service has (Colab, Kaggle, Studio Lab)."""
    conda_gpu_build_line: str = ""
    """'conda list' of conda's own GPU build of TensorFlow: built for the cudatoolkit and cuDNN
    packages conda installs beside it, not for PyPI's CUDA."""
    mac_libcuda_crash_line: str = ""
    """macOS's crash where TensorFlow 0.x/1.0 opened the driver's library (macos_crash.py)."""
    tf_links_cuda_line: str = ""
    """TensorFlow's own import failing for a CUDA library it links: a CUDA build."""
    laptop_line: str = ""
    keras_backend: str = ""
    """The Keras backend the paste sets or shows (an export, a variable before the command, an
    echo of it, os.environ in the code): 'jax', 'torch' or 'tensorflow', the last one named."""
    pci_lists_no_nvidia_line: str = ""
    """'lspci | grep -i nvidia' with nothing printed before the next prompt, or the display
    controllers listed with none of NVIDIA's, and what it showed: no NVIDIA device on the PCI
    bus (lspci reads the bus without any driver)."""
    """A laptop GPU's name or Optimus' tools (hybrid_graphics.py)."""
    tegra_line: str = ""
    """A line naming a Jetson (Tegra) board or its software: its integrated GPU's driver (nvgpu)
    has no /proc/driver/nvidia."""
    launcher_line: str = ""
    """A line showing an IDE or a local notebook kernel started the program (not a hosted
    notebook, whose environment is the service's), or the user saying so."""
    works_from_terminal_line: str = ""
    """The user saying the import works from a terminal, not from an IDE or a kernel."""
    python_32bit_line: str = ""
    """A Python banner saying the interpreter is 32-bit (TensorFlow has 64-bit wheels only)."""
    gpu_requested_line: str = ""
    """The container was asked for the GPU ('docker run --gpus', 'singularity exec --nv')."""
    gpu_not_requested_line: str = ""
    """'docker run' of a GPU image (a '-gpu' tag, NVIDIA's NGC or CUDA images) with no flag
    that gives it the GPU, where no run in the log asked for one."""
    unasked_run_no_device_line: str = ""
    """TensorFlow finding no /dev/nvidia0, or no driver library, after such a run in the
    foreground, on a host whose own check does not show it without a driver: inside that
    container, where the NVIDIA runtime would have mounted both."""
    bound_libs_failed_line: str = ""
    """A file Singularity/Apptainer's --nv bound into /.singularity.d/libs that cannot be read
    ('ls: /.singularity.d/libs/libOpenCL.so.1: Srmount error', singularity#4687): the binding
    of the host driver's libraries failed."""
    cpu_image_run_line: str = ""
    """'docker run' of TensorFlow's CPU image (tensorflow/tensorflow with no '-gpu' tag), with
    no flag that gives it the GPU: it has no CUDA libraries, so '--gpus all' alone is not
    enough."""
    cpu_image_any_run_line: str = ""
    """A 'docker run' of TensorFlow's CPU image, with the GPU asked for or not: its image ships
    no CUDA libraries at all."""
    memory_taken_line: str = ""
    """TensorFlow 1.x's device properties when less than a tenth of the GPU's memory was free
    as it started ('totalMemory: 10.91GiB freeMemory: 301.25MiB'): another process holds it."""
    mig_without_devices_line: str = ""
    """nvidia-smi showing MIG mode on for every GPU and no MIG device created."""
    memory_free_line: str = ""
    """TensorFlow's own 'Memory usage: X bytes free, Y bytes total' when most of the GPU's
    memory was free as a cuDNN/cuBLAS handle failed: not a memory problem then."""
    gpus_seen: tuple[tuple[str, str | None, str], ...] = ()
    """(name, compute capability if printed, line) of the GPUs TensorFlow or nvidia-smi list."""
    glibc: str | None = None
    glibc_line: str = ""
    """The system's glibc as 'ldd --version' or conda's __glibc virtual package shows it."""
    driver_cuda_reported: str | None = None
    """The CUDA version the driver supports, as another program reported it: conda's __cuda
    virtual package ('conda info'), or PyTorch's driver check."""
    driver_cuda_reported_line: str = ""


CUDNN_BUILD_SIGNATURES = frozenset(
    {"cudnn-needs-cublas-12", "cudnn-needs-cublas-11", "cudnn-needs-cublas-windows"}
)
"""cuDNN asking for the cuBLAS of the CUDA it was built for: says which CUDA the cuDNN build
wants, not which CUDA TensorFlow wants."""


CLUE_CHARS = 2_000_000
"""How much of a log is searched for clues about the machine: they are printed early, and a
log of hundreds of megabytes is not searched twenty times over."""


_ASKED_FOR = re.compile(
    r"(?:^|[\s$>#%])(?:pip3?(?:\.\d{1,2})?|python[\d.]{0,5} -m pip|conda|mamba|micromamba"
    r"|uv pip|poetry) (?:install|add)\b"
    r"|No matching distribution found for|find a version that satisfies the requirement"
)
"""An install command as typed, or pip refusing what it was asked for: the distributions such a
line names were asked for, not installed (a refusal a later install worked around is no longer
among the matches, so its line is told apart here)."""


_SOLVER_ROW = re.compile(
    r"\b(?:would require|is not installable|is installable|which requires|which can be installed"
    r"|which conflicts with|is requested|cannot be installed|none of the providers"
    r"|nothing provides|depends on)\b"
)
"""A row of a solver's report (conda's, mamba's; pip's and uv's 'X depends on Y'): the builds
it names were weighed, not installed."""


_UNINSTALLED = re.compile(PIP_UNINSTALLED)


def read_log_facts(
    text: str, matches: Sequence[LogMatch], others_loads: frozenset[int] = frozenset()
) -> LogFacts:
    """others_loads: the lines where another project's library (an op library, darknet's) failed
    to load, whose sonames date that library rather than the TensorFlow that ran."""
    sample = text[:CLUE_CHARS]
    unasked_runs = _runs_none_asking_for_the_gpu(sample)
    # a GPU image run with no flag that gives it the GPU
    unasked_run = _first_run_of(_GPU_IMAGE, unasked_runs)
    dists: dict[str, str] = {}
    # 'tensorflow-cpu==2.15.0' in a line saying it could not be installed is a request, not an
    # installed distribution.
    failed_lines = {m.position[0] for m in matches if m.signature.name in INSTALL_FAILURES}
    for m in matches:
        if (
            m.signature.name == "tf-distribution-listed"
            and m.position[0] not in failed_lines
            and not _ASKED_FOR.search(m.line)
            and not _SOLVER_ROW.search(m.line)
        ):
            # One line may name several ('Successfully installed tensorflow-2.10.0
            # tensorflow-gpu-2.9.1').
            for listed in m.signature.pattern.finditer(m.line):
                dist = (listed["dist"] or listed["typed"]).replace("_", "-").lower()
                dists.setdefault(dist, listed["version"] or listed["typed_version"])
    for dist, version in tensorflows_in_one_old_listing(sample):
        dists.setdefault(dist, version)
    for gone in _UNINSTALLED.finditer(sample):
        # pip's uninstall transcript names what it removed (review 99): gone, unless a later
        # install names it again
        dist = gone["dist"].replace("_", "-").lower()
        # (by its whole name: 'tensorflow-cpu-2.12.0' installed after is not 'tensorflow')
        again = re.compile(rf"(?<![\w-]){re.escape(dist)}-\d")
        if dist in dists and not again.search(sample[gone.end() :].lower().replace("_", "-")):
            del dists[dist]
    for shown in _PIP_SHOW.finditer(sample):
        dists.setdefault(shown["dist"], shown["version"])
    metapackage = dists.get("tensorflow-gpu")
    if (
        metapackage
        and metapackage == dists.get("tensorflow")
        and _CONDA_TF_BUILD.search(sample)
        and not _PIP_ROW_TF_GPU.search(sample)
    ):
        del dists["tensorflow-gpu"]  # conda's metapackage listed beside the build it picked
    asked = template_answers(sample)
    by_pip, by_import = set(dists.values()), set(printed_versions(sample))
    printed_once = next(iter(by_import)) if len(by_import) == 1 else None
    if len(by_pip) > 1 and len(by_import) == 1:
        # pip lists several TensorFlow distributions of different versions, and the import
        # printed which one runs (review 104: tensorflow-gpu 2.10 left beside 2.11; a
        # '2.15.0.post1' row prints '2.15.0', review 105)
        printed = _release_of(next(iter(by_import)))
        by_pip = {v for v in by_pip if _release_of(v) == printed} or by_pip
    versions = by_pip or by_import or _exact(asked.tf)
    back = back_on_windows(sample)
    os_name, os_line = os_of(
        _without_other_machines_kernels(sample[back:] if back >= 0 else sample)
    )
    if os_name in ("macos", "windows") and (remote := remote_engine_line(sample)):
        # the CLI ran here, the containers on another machine's Linux engine (review 98)
        os_name, os_line = "linux", f"docker's engine is a remote one: {remote}"
    wsl = distribution_that_ran(sample)
    if wsl is not None and wsl.opened_in_paste and wsl.version == "2":
        # typed at a Windows prompt, the run is in WSL 2's distribution (review 98)
        os_name, os_line = "wsl2", f"{wsl.evidence} ({wsl.distro}, WSL 2)"
    if os_name is None:
        os_name, os_line = os_of_distributions(dists)
    if os_name is None and asked.os is not None:
        os_name, os_line = asked.os.value, asked.os.line
    loaded = [m for m in matches if m.signature.name == "library-loaded"]
    cuda_seen = [(m.group("version"), _cuda_home(sample, m)) for m in _CUDA_FOLDER.finditer(sample)]
    cuda_seen += toolkits_on_path(sample)
    smi = driver_shown(sample)
    cuda_listed, cudnn_listed = installs_listed(sample)
    cudnn_seen = list(cudnn_listed)
    cuda_seen += cuda_listed
    if asked.cuda is not None:
        cuda_seen.append((asked.cuda.value, asked.cuda.line))
    if asked.cudnn is not None:
        cudnn_seen.append((asked.cudnn.value, asked.cudnn.line))
    opened = [
        w
        for m in loaded
        if (
            w := version_wanted(m.groups["lib"], m.line)
            or cusparse_of_cuda_11(m.groups["lib"], m.line)
        )
    ]
    cuda_seen += [
        (f"{w.major}.{w.minor}", w.line)
        for w in opened
        if w.minor is not None and "cudnn" not in w.lib
    ]
    cudnn_loaded = _first_field(matches, "cudnn_loaded", "cudnn-version-mismatch", "cudnn-loaded")
    cudnn_compiled = _first_field(matches, "cudnn_compiled", "cudnn-version-mismatch")
    failing = [
        w
        for m in matches
        if m.signature.finding_id in ("cuda-libs-not-found", "cudnn-not-found")
        and m.signature.name not in CUDNN_BUILD_SIGNATURES
        and "lib" in m.groups
        and not missing_dependency(m.groups["lib"], m.groups.get("dlerror", ""))
        and (w := version_wanted(m.groups["lib"], m.line)) is not None
    ]
    in_vain = searched_in_vain(sample)
    failing += [w for lib, line in in_vain if (w := version_wanted(lib, line)) is not None]
    failing = of_the_runtimes_major(failing, opened)
    cusolver_missing = cuda_11_0_by_cusolver(opened, failing)
    if cusolver_missing is not None and not any(v.startswith("11.") for v, _ in cuda_seen):
        cuda_seen.append(("11.0", cusolver_missing))
    # (not where a toolkit library of the same loader opened, libcufft.so.10 beside a missing
    # libcudart.so.10.1: a CUDA is on the path then, of names that differ from the build's)
    shared_names_missing = any(
        m.signature.finding_id == "cuda-libs-not-found" and shared_across_releases(lib)
        for m in matches
        if (lib := m.groups.get("lib"))
    ) and not any(library_name(m.groups["lib"]) in TOOLKIT_LIBRARIES for m in loaded)
    requested = {m.groups["requested"] for m in matches if m.groups.get("requested")}
    reported = driver_cuda_reported(sample, matches)
    glibc = glibc_shown(sample)
    hosted = next(
        (m.line.strip()[:300] for m in matches if m.signature.name == "hosted-notebook-path"), ""
    )
    wheels_there, wheels_listed = _nvidia_wheels_there(sample)
    return LogFacts(
        tf_version=versions.pop() if len(versions) == 1 else None,
        tf_requested=requested.pop() if len(requested) == 1 else None,
        install_failed=any(m.signature.name in TF_NOT_RUNNING for m in matches),
        tf_ran_line=_first(_TF_RUNTIME_RECORD, sample),
        failed_import_line=_failed_import_standing(sample, matches),
        missing_then_installed_line=_ran_after_install(sample),
        imported_in_another_env=_imported_in_another_env(sample),
        imported_by_another_runner=imported_by_another_runner(sample),
        cuda_absent_line=cuda_shown_absent(sample),
        torch_first_line=_torch_imported_first(sample),
        image_build_line=_first(_IMAGE_BUILD_STEP, sample),
        import_frame_line=_first(_TF_IMPORT_FRAME, sample),
        macos_cuda_line=_first(_MACOS_CUDA_AT_WORK, sample),
        last_exception_line=_exception_under_import(sample),
        and_cuda_resolved_below=_and_cuda_settled_below(sample),
        pip_python=_pip_python(sample),
        outdated_pip=_group(_OUTDATED_PIP, sample, "version"),
        tf_site_packages=_group(_TF_SITE_PACKAGES, sample, "folder"),
        tf_range=release_hints(_without_lines(sample, others_loads)),
        written_on=written_on(sample),
        tf_distributions=tuple(name for name, _ in separate_installs(dists.items())),
        tf_conda_rows=tuple(
            dict.fromkeys(m["dist"].lower() for m in _CONDA_TF_ROW.finditer(sample))
        ),
        installed_twice=installed_by_conda_and_pip(sample),
        tf_listed_line=tensorflow_listed(sample),
        installed_over=installed_over_another(sample),
        installed_by_commands=installed_by_two_commands(sample),
        tf_printed=printed_once,
        os=os_name,
        os_line=os_line,
        kernel_line=_local_kernel(sample),
        arch=arch_of(sample),
        python=python_of(sample) or (asked.python.value if asked.python else None),
        python_roots=python_roots(sample),
        interpreters=interpreters_seen(sample),
        python_and_pip_apart=python_and_pip_apart(sample),
        pythons_apart=pythons_apart(sample),
        container_line=_first(_CONTAINER, sample),
        own_container_line=_first(_OWN_CONTAINER_HOST, sample),
        windows_process_line=windows_process_line(sample),
        cuda_seen=tuple(cuda_seen),
        cudnn_loaded=cudnn_loaded or None,
        cudnn_compiled=cudnn_compiled or None,
        cudnn_seen=tuple(cudnn_seen),
        cudnn_on_disk=tuple(cudnn_on_disk(sample, cudnn_listed)),
        wanted_cuda=tuple(w for w in failing if "cudnn" not in w.lib),
        wanted_cudnn=tuple(w for w in failing if "cudnn" in w.lib),
        cuda_folders_searched=cuda_folders_searched(failing),
        driver=smi.driver if smi else None,
        driver_cuda=smi.cuda if smi else None,
        driver_line=smi.line if smi else "",
        driver_halves=driver_halves(sample),
        driver_packages=packages_and_module(sample),
        runtimes_opened=tuple(w for w in opened if w.lib == "cudart"),
        cpu_build_line=_cpu_build(sample, matches),
        tf_links_cuda_line=_tf_import_needs_cuda(sample, matches),
        mac_libcuda_crash_line=crash_opening_libcuda(sample),
        conda_gpu_build_line=_conda_gpu_build(sample),
        binding_line=_first(_BINDING, sample),
        ngc_line=_first(_NGC_BUILD, sample),
        dxcore_failed_line=_first(_DXCORE_FAILED, sample),
        conda_line=_first(_CONDA_ENV, sample),
        conda_lib_named=_conda_lib_named(sample),
        directml_line=_first(_DIRECTML, sample),
        module_not_found_line=_first(_MODULE_NOT_FOUND, sample),
        tfjs_library_missing_line=_tfjs_library_missing(sample),
        searched_in_vain=in_vain,
        protobuf_procedure_line=_first(_PROTOBUF_PROCEDURE, sample),
        tfjs_gpu_binding_line=_failed_binding(_TFJS_GPU_BINDING, sample),
        tfjs_cpu_binding_line=_failed_binding(_TFJS_CPU_BINDING, sample),
        shared_names_missing=shared_names_missing,
        tfjs_backend_failed_line=_first(_TFJS_BACKEND_FAILED, sample),
        cpu_package_line=_cpu_package(sample),
        cuda_build_line=_first(_CUDA_BUILD_RECORD, _last_environment(sample)),
        environment_line=last_environment_line(sample),
        local_build_line=_first(LOCAL_BUILD_VERSION, sample),
        installed_line=_first(_TF_INSTALLED, sample),
        said_installed_line="" if _PIP_ERROR.search(sample) else _first(_SAID_INSTALLED, sample),
        silenced_line=_first(_SILENCED, sample),
        session_went_on_line=_session_went_on(sample),
        gpu_kernel_line=_first(_GPU_KERNEL_REGISTERED, sample),
        pip_network_line=_first(_PIP_NETWORK, sample),
        pip_index_line=index_not_pypi(sample, matches),
        sudo_pip_line=_first(_SUDO_PIP, sample),
        root_site_tf_line=_root_site_tensorflow(sample),
        user_site_tf_line=_user_site_tensorflow(sample),
        tegra_line=_first(TEGRA, sample),
        laptop_line=_first(LAPTOP_GPU, sample),
        keras_backend=_keras_backend(sample),
        pci_lists_no_nvidia_line=_pci_lists_no_nvidia(sample),
        launcher_line=""
        if _first(_COLAB, sample) or hosted
        else _first(LAUNCHED_BY_AN_IDE, sample) or _first(WORKS_FROM_A_TERMINAL, sample),
        works_from_terminal_line=_first(WORKS_FROM_A_TERMINAL, sample),
        colab_line=_first(_COLAB, sample),
        hosted_notebook_line=hosted,
        and_cuda_install_line=_first(_AND_CUDA_INSTALL, sample),
        nvidia_wheels_line=_first(_NVIDIA_WHEELS, sample),
        other_framework_line=_first(_OTHER_FRAMEWORK, sample),
        nvidia_wheels_named=wheels_there,
        nvidia_wheels_listed=wheels_listed,
        library_path_printed=printed_library_path(sample),
        cudnn_copies=copies_listed(sample, "libcudnn"),
        memory_free_line=mostly_free(sample),
        memory_taken_line=memory_taken(sample),
        mig_without_devices_line=mig_on_without_devices(sample),
        gpu_requested_line=_gpu_requested(sample),
        gpu_not_requested_line=_one_command(unasked_run),
        unasked_run_no_device_line=_no_device_in_the_unasked_run(sample, unasked_run),
        # TensorFlow's CPU image run so (jupyter/docker-stacks#1002)
        cpu_image_run_line=_one_command(_first_run_of(_TF_CPU_IMAGE, unasked_runs)),
        cpu_image_any_run_line=_one_command(
            _first_run_of(_TF_CPU_IMAGE, list(_DOCKER_RUN.finditer(sample)))
        ),
        bound_libs_failed_line=_first(_BOUND_LIBS_FAILED, sample),
        python_32bit_line=_first(PYTHON_32BIT, sample),
        gpus_seen=gpus_seen(sample) or _stated_gpu(asked),
        glibc=glibc[0] if glibc else None,
        glibc_line=glibc[1] if glibc else "",
        driver_cuda_reported=reported[0] if reported else None,
        driver_cuda_reported_line=reported[1] if reported else "",
    )


_TF_SITE_PACKAGES = re.compile(
    r"File \"(?P<folder>[^\"\n]{1,300}?[/\\](?:site|dist)-packages)[/\\]tensorflow[/\\]"
)
_PIP_OWN_PYTHON = re.compile(
    r"\bpip \d[\w.]{0,20} from [^\n]{1,300}?\(python (?P<python>\d\.\d{1,2})\)"
    r"|Requirement already satisfied: [^\n]{1,200}? in [^\n]{0,200}?[/\\]python"
    r"(?P<installed>\d\.\d{1,2})[/\\](?:site|dist)-packages"
)
_AND_CUDA_CANDIDATE = re.compile(
    r"^[ \t>]*Collecting tensorflow\[and-cuda\][^\n]{0,200}\n"
    r"(?:[ \t>]*Obtaining dependency information[^\n]{0,300}\n)?"
    r"[ \t>]*(?:Downloading|Using cached) tensorflow-(?P<version>\d{1,2}\.\d{1,2}\.\d{1,2})-",
    re.MULTILINE,
)
_PIP_GAVE_UP = re.compile(
    r"\bResolutionImpossible\b|^[ \t>]*ERROR: Cannot install\b[^\n]{0,300}\btensorflow\b",
    re.MULTILINE,
)


def _and_cuda_settled_below(text: str) -> str:
    """The release pip settled on for 'tensorflow[and-cuda]' (the last it fetched) where that
    is older than the extra (2.14); '' when pip gave up or settled on 2.14 or newer."""
    fetched = [m.group("version") for m in _AND_CUDA_CANDIDATE.finditer(text)]
    if not fetched or _PIP_GAVE_UP.search(text):
        return ""
    last = fetched[-1]
    return last if parsed(last) < parsed("2.14") else ""


_EXCEPTION_LINE = re.compile(
    r"^[ \t>]*(?:[A-Za-z_]\w{0,60}\.){0,8}\w{0,60}(?:Error|Exception|KeyboardInterrupt)\b"
    r"(?::[^\n]{0,300})?$",
    re.MULTILINE,
)
_TF_IMPORT_FRAME = re.compile(
    r"^[ \t>]*File \"[^\"\n]{0,300}[/\\]tensorflow(?:_core)?[/\\](?:__init__|python[/\\]__init__"
    r"|python[/\\]pywrap_tensorflow\w{0,20}|python[/\\]platform[/\\]self_check)\.py\", line \d+",
    re.MULTILINE,
)


def _failed_import_standing(text: str, matches: Sequence[LogMatch]) -> str:
    """The last failed import of a TensorFlow that was found, where nothing after it shows
    TensorFlow imported after all (its own records, or its version printed)."""
    failed = [m for m in matches if m.signature.name in FOUND_BUT_FAILED]
    if not failed:
        return ""
    last = failed[-1]
    return "" if tensorflow_ran_after(text, last.line_number) else last.line.strip()[:300]


def tensorflow_ran_after(text: str, line_number: int) -> bool:
    """Whether a line after this one (1-based) shows TensorFlow imported after all: its own
    runtime records, or its version printed."""
    return tensorflow_ran_at(text, line_number) is not None


def tensorflow_ran_at(text: str, line_number: int) -> int | None:
    """The first line after this one (1-based) that shows TensorFlow imported: its own runtime
    records, or its version printed (None where none does)."""
    after = line_start(text, line_number + 1)
    found = [
        m.end()
        for m in (_TF_RUNTIME_RECORD.search(text, after), _VERSION_ANSWERED.search(text, after))
        if m
    ]
    return text.count("\n", 0, min(found)) + 1 if found else None


_VERSION_ANSWERED = re.compile(
    r"__version__\)?[^\n]{0,40}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?'?\d{1,2}\.\d{1,3}\.\d"
)
"""TensorFlow's version printed under the expression that asked for it: it imported."""
_TF_RUNTIME_RECORD = re.compile(
    r"\b(?:tensorflow|external/local_(?:xla|tsl)|third_party/xla|external/org_tensorflow)"
    r"/[\w/]{1,200}\.cc:\d{1,5}\] "
    r"|\btensorflow\.python\.framework\.errors_impl\.\w{1,40}Error: "
)
"""The source file and line every record of TensorFlow's C++ logging starts with, or one of its
own exceptions (raised only once it imported)."""
_CUDA_BUILD_RECORD = re.compile(
    # the prefix holds a build's source folder: TF 1.x Windows builds wrote their Jenkins
    # workspace ('c:\tf_jenkins\home\workspace\release-win\device\gpu\...', 80-100 characters)
    r"^[^\n]{0,200}?\b(?:(?:stream_executor|xla)[/\\](?:cuda|gpu)|common_runtime[/\\]gpu)[/\\]"
    r"[\w/\\]{1,100}\.cc:\d{1,5}\] [^\n]*"
    # grappler costing a GPU device of this process (TF 1.x): a build with GPU devices
    r"|^[^\n]{0,80}?Not found: TF GPU device with id \d+ was not registered"
    # a cuDNN convolution that ran and failed (conv_ops.cc)
    r"|^[^\n]{0,120}?cuDNN launch failure : input shape ?\("
    # XLA's GPU backend looking for libdevice, pasted without its prefix (a traceback's last
    # line, 'error: Can't find libdevice directory ...'): only a CUDA build compiles for a GPU
    r"|^(?![^\n]*\bjax)[^\n]{0,200}?(?:Can't find libdevice directory |libdevice not found at"
    r" |libdevice is required by this HLO module but was not found at "
    # its PTX handed to the driver's JIT for want of ptxas (tfjs#8505: tfjs-node-gpu on native
    # Windows, pasted without the record's prefix)
    r"|Relying on driver to perform ptx compilation\b)[^\n]*",
    re.M,
)
"""A record TensorFlow's CUDA code wrote (its source path in the prefix, / or \\), or one
about a GPU device of its own."""


_PIP_INSTALLED_TF = re.compile(
    r"^[> \t]*Successfully installed (?:[^\n]{0,2000} )?(?:tensorflow(?:-gpu|-cpu)?|tf-nightly)-\d"
    # uv's rows under its 'Installed N packages in ...' (not 'Would install': a dry run)
    r"|^[ \t]*Installed \d{1,4} packages? in [^\n]{0,40}\r?\n"
    r"(?:[ \t]*[-+~] [^\n]{0,200}\r?\n){0,300}?"
    r"[ \t]*\+ (?:tensorflow(?:-gpu|-cpu)?|tf-nightly)==\d",
    re.MULTILINE,
)
"""pip's last word on an install that put TensorFlow in, or uv's row for it (' + tensorflow==
2.15.0'); 'Requirement already satisfied' is not one: TensorFlow was there before."""


_INVOCATION = re.compile(
    r"(?:^|[\s>$#%])(?P<interpreter>(?:[\w.~:-]{0,80}[/\\]){0,12}"
    r"(?:python[\d.]{0,5}(?:\.exe)?|py(?:\.exe)?(?=[ \t]+-\d)|ipython3?))(?=[\s\"']|$)",
    re.MULTILINE,
)
"""A command naming the interpreter it runs ('python train.py', '/usr/bin/python3 -c ...',
'py -3.9 ...')."""
_ANOTHER_PROGRAM = re.compile(
    r"\b(?:docker|podman) run\b|\bdocker[ -]compose\b|\bexternal/org_tensorflow/"
    r"|\btensorflow_serving/"
)
"""TensorFlow run by something other than the host's Python: a container, TensorFlow Serving."""


def _ran_after_install(text: str) -> str:
    """TensorFlow's first record after pip installed it, itself after the last import error
    for a missing TensorFlow: the error, the install, then a run of the installed one, in that
    order, by the interpreter that failed where the paste names both. '' otherwise (a run with
    no install between says nothing of which Python lacked it)."""
    last_missing = max((found.end() for found in TENSORFLOW_MISSING.finditer(text)), default=-1)
    if last_missing < 0:
        return ""
    installed = _PIP_INSTALLED_TF.search(text, last_missing)
    if installed is None:
        return ""
    ran = _TF_RUNTIME_RECORD.search(text, installed.end())
    if ran is None:
        return ""
    line_end = text.find("\n", ran.end())
    if _ANOTHER_PROGRAM.search(text, installed.end(), line_end if line_end >= 0 else len(text)):
        return ""
    failed_with = _last_interpreter(text, 0, last_missing)
    ran_with = _last_interpreter(text, installed.end(), ran.start())
    if failed_with and ran_with and failed_with != ran_with:
        return ""
    line_start = text.rfind("\n", 0, ran.start()) + 1
    return text[line_start : line_end if line_end >= 0 else len(text)].strip()[:300]


TOOLKIT_LIBRARIES = (ONE_NAME_PER_MAJOR | OWN_NUMBERING) - {"cudart"}
"""The CUDA toolkit's own math libraries (not its runtime, the driver's libcuda, nor cuDNN)."""
_IMAGE_BUILD_STEP = re.compile(
    r"^[^\n]{0,40}?(?:\bStep \d{1,4}/\d{1,4} : RUN\b"
    r"|#\d{1,4} \[[\w -]{0,40}\d{1,4}/\d{1,4}\] RUN\b|=> \[[\w -]{0,40}\d{1,4}/\d{1,4}\] RUN\b"
    r"|^[ \t]*RUN[ \t]+[^\n]{0,60}?\b(?:conda|mamba|micromamba|pip3?)[ \t]+install\b)"
    r"[^\n]{0,200}",
    re.MULTILINE,
)
"""A Dockerfile's RUN step as 'docker build' (classic, or BuildKit) prints it, or the
Dockerfile's own RUN line installing packages, pasted."""
_ENV_SWITCH = re.compile(
    r"\b(?:conda|mamba|micromamba) activate [\w./~-]{1,200}"
    r"|(?:^|[\s$>])(?:source|\.) [^\s;&|]{0,200}[/\\](?:bin|Scripts)[/\\]activate\b"
    r"|\bworkon [\w.-]{1,100}|\bpyenv (?:shell|local|activate) [\w./-]{1,100}"
    r"|\b(?:poetry|pipenv) shell\b",
    re.MULTILINE,
)
"""A shell switching to another Python environment."""


def _imported_in_another_env(text: str) -> str:
    """An environment switched to after the last 'No module named tensorflow', then TensorFlow
    imported there (its version printed, or its own records), with no install between: the
    first Python lacked it while another had it. '' otherwise."""
    last_missing = max((found.end() for found in TENSORFLOW_MISSING.finditer(text)), default=-1)
    if last_missing < 0:
        return ""
    switched = _ENV_SWITCH.search(text, last_missing)
    if switched is None or _PIP_INSTALLED_TF.search(text, last_missing):
        return ""
    ran = _VERSION_ANSWERED.search(text, switched.end()) or _TF_RUNTIME_RECORD.search(
        text, switched.end()
    )
    if ran is None:
        return ""
    return switched.group(0).strip()[:200]


def _last_interpreter(text: str, start: int, end: int) -> str:
    """The interpreter the last command in text[start:end] names, '' where none does."""
    named = ""
    for found in _INVOCATION.finditer(text, start, end):
        named = found["interpreter"].removesuffix(".exe")
    return named


def _first_field(matches: Sequence[LogMatch], field: str, *names: str) -> str | None:
    """The value of `field` in the first match of one of these signatures."""
    return next((m.groups.get(field) for m in matches if m.signature.name in names), None)


_BINDING = re.compile(
    r"@tensorflow[/\\]tfjs-node|\btfjs_binding\.node\b|Registration of backend tensorflow failed"
    r"|\bUnsatisfiedLinkError\b|\borg\.tensorflow\.\w"
)


_GPU_REQUESTED = re.compile(
    r"\b(?:singularity|apptainer) (?:exec|shell|run)\b[^\n]{0,200}?\s--nv\b"
    r"|\b(?:docker|podman) run\b[^\n]{0,300}?\s(?:--gpus[ =]|--device[ =]nvidia\.com/gpu)"
)
_RUNTIME_RUN = re.compile(
    r"\bnvidia-docker run\b[^\n]{0,400}"
    r"|\bdocker run\b[^\n]{0,300}?\s--runtime[ =]nvidia\b[^\n]{0,300}"
)
"""nvidia-docker, or the NVIDIA runtime named: they pass the GPU only to an image that asks for
it (NVIDIA_VISIBLE_DEVICES, which CUDA's and TensorFlow's GPU images set)."""


def _gpu_requested(text: str) -> str:
    """The first command that gave a container the GPU."""
    asked = _first(_GPU_REQUESTED, text)
    if asked:
        return asked
    run = next(
        (r.group(0) for r in _RUNTIME_RUN.finditer(text) if _GPU_IMAGE.search(r.group(0))), ""
    )
    return run.strip()[:300]


_DOCKER_RUN = re.compile(r"(?<![\w-])docker run\b(?:[^\n\\]|\\\n|\\){0,600}")
"""A 'docker run' command with its continuation lines (not 'nvidia-docker run', which adds
the GPU itself)."""
_GPU_IMAGE = re.compile(
    r"\s(?:[\w.-]{1,100}/){0,3}[\w.-]{1,100}:[\w.-]{0,60}gpu[\w.-]{0,60}(?=\s|$)"
    r"|\bnvcr\.io/nvidia/|\bnvidia/cuda:"
)
_GPU_FLAG = re.compile(
    r"\s--gpus[ =]|\s--runtime[ =]+nvidia\b|\s--device[ =]+(?:nvidia\.com/gpu|/dev/nvidia)"
    r"|NVIDIA_VISIBLE_DEVICES|--volume-driver[ =]+nvidia"
    # flags a shell fills in ($DEVICES of TensorFlow's 1.x docs, nvidia-docker 1's $(curl ...))
    r"|\$\(|\$\{?[A-Z_]{0,40}(?:DEVICE|GPU|CUDA|NV)"
)


def _one_command(run: re.Match[str] | None) -> str:
    """A command with its continuation lines joined."""
    return re.sub(r"\s*\\?\n\s*", " ", run.group(0).strip())[:300] if run else ""


_BOUND_LIBS_FAILED = re.compile(
    r"[^\n]{0,100}/\.singularity\.d/libs/[\w.+-]{1,80}: (?:Srmount error|Stale file handle"
    r"|Permission denied|Input/output error)"
)
_CONDA_LIB_BESIDE_CUDA = re.compile(
    r"\blib(?:cudart|cublas|cudnn|cufft|curand|cusolver|cusparse)\.so[.\d]{0,12}[^\n]{0,80}?"
    r"(?P<folder>(?:/[\w.-]{1,60}){0,6}/(?:ana|mini)conda3?/envs/(?:<[^>\n]{1,40}>|[^/\s\"']{1,60})"
    r"/lib)(?![\w/])"
)
"""A CUDA library named, then the conda environment's lib folder it is in (a user's words)."""


def _conda_lib_named(text: str) -> str:
    found = _CONDA_LIB_BESIDE_CUDA.search(text)
    return found["folder"] if found else ""


_TF_CPU_IMAGE = re.compile(
    r"\s(?:docker\.io/)?tensorflow/tensorflow(?::(?![\w.-]{0,60}gpu)[\w.-]{1,60})?(?=\s|$)"
)
"""TensorFlow's CPU image: 'tensorflow/tensorflow', ':latest', ':2.15.0', ':latest-jupyter'
(its GPU images' tags say '-gpu')."""


def _runs_none_asking_for_the_gpu(text: str) -> list[re.Match[str]]:
    """The log's 'docker run' commands, or none where one of them asked for the GPU: the others
    may be tries before it."""
    runs = list(_DOCKER_RUN.finditer(text))
    return [] if any(_GPU_FLAG.search(run.group(0)) for run in runs) else runs


def _first_run_of(image: re.Pattern[str], runs: list[re.Match[str]]) -> re.Match[str] | None:
    return next((run for run in runs if image.search(run.group(0))), None)


_DETACHED = re.compile(r"\s(?:-d|--detach|-\w*d\w*)(?=\s)")
"""'docker run -d' (or '-itd'): its container's output is not what the terminal shows next."""
_NO_DEVICE_FILE = re.compile(
    r"[^\n]{0,300}(?:/dev/nvidia0 does not exist"
    # no driver library either: the NVIDIA runtime mounts the host's libcuda with the GPU
    # (review 119: 'Could not find cuda drivers on your machine' in a plain run of a -gpu image)
    r"|Could not find cuda drivers on your machine"
    r"|libcuda\.so(?:\.1)?: cannot open shared object file)[^\n]{0,100}"
)
_HOST_WITHOUT_DRIVER = re.compile(
    r"Command 'nvidia-smi' not found|nvidia-smi: (?:command )?not found"
    r"|'nvidia-smi' is not recognized|NVIDIA-SMI has failed"
    # the kernel's own /proc entry, which a container sees unmasked whether or not it was
    # given the GPU (review 119): the host's kernel has no NVIDIA module loaded
    r"|/proc/driver/nvidia/version does not exist"
)
"""The host's own check finding no NVIDIA driver: no runtime could pass a GPU in."""


def _no_device_in_the_unasked_run(text: str, run: re.Match[str] | None) -> str:
    """TensorFlow's line that /dev/nvidia0 does not exist, after a foreground run of a GPU
    image without the GPU, where the host does not show itself without a driver."""
    if run is None or _DETACHED.search(run.group(0)) or _HOST_WITHOUT_DRIVER.search(text):
        return ""
    missing = _NO_DEVICE_FILE.search(text, run.end())
    return missing.group(0).strip() if missing else ""


_DXCORE_FAILED = re.compile(
    r"dxcore initialization failed, continuing assuming a non-WSL environment"
    # the WSL 2 GPU device itself absent, as 'ls /dev/dxg' says
    r"|ls: cannot access '?/dev/dxg'?: No such file or directory"
)
_MODULE_NOT_FOUND = re.compile(r"Error: The specified module could not be found\.")
_FAILED_MODULE = re.compile(
    r"Error: The specified module could not be found\.[ \t]*\r?\n(?P<path>[^\n]{1,400})"
)
"""Node's error with the path of the module that failed, printed on the line under it."""
_TFJS_LIBRARY_MISSING = re.compile(
    r"Error: (?P<lib>libtensorflow(?:_framework)?\.(?:so|\d+\.dylib|dylib)[.\d]{0,12}): cannot"
    r" open shared object file[^\n]{0,80}|Library not loaded: [^\n]{0,80}libtensorflow[^\n]{0,80}"
)
_TFJS_FRAME = re.compile(r"@tensorflow[/\\]tfjs-node(?:-gpu)?[/\\]")
_PROTOBUF_PROCEDURE = re.compile(
    # Python 3.7 and older name no module: the traceback's last frame is protobuf's import. (3.8
    # on names it, and has the function: its failures are another story.)
    r"from google\.protobuf\.pyext import _message[^\n]{0,40}\n(?:[^\n]{0,300}\n){0,6}?"
    rf"[ \t>]*ImportError: DLL load failed: {PROCEDURE_NOT_FOUND}"
)
_TFJS_BACKEND_FAILED = re.compile(r"(?:Registration|Initialization) of backend tensorflow failed")
_TFJS_GPU_BINDING = re.compile(r"tfjs-node-gpu[\\/][^\s'\"]{0,200}?tfjs_binding\.node")
_TFJS_CPU_BINDING = re.compile(r"tfjs-node[\\/][^\s'\"]{0,200}?tfjs_binding\.node")
_NGC_BUILD = re.compile(
    r"^[> \t]*NVIDIA Release \d{2}\.\d{2}-tf[12]\b|^[> \t]*== TensorFlow ==[ \t]*$"
    r"|\bnvcr\.io/nvidia/tensorflow:"
    r"|tensorflow[^\n]{0,40}?\b[12]\.\d{1,2}\.\d{1,2}\+nv\d",
    re.MULTILINE | re.IGNORECASE,
)
"""The NGC container's banner ('== TensorFlow ==' above 'NVIDIA Release 20.10-tf1'; before
19.12 without '-tf1'), its image name, or NVIDIA's version label on a TensorFlow
('nvidia-tensorflow 1.15.5+nv22.12')."""
_CONDA_ENV = re.compile(
    r"[\\/](?:ana|mini)conda3?[\\/]|[\\/]envs[\\/][\w.-]{1,80}[\\/](?:lib|Lib|bin)\b"
    r"|/opt/conda/"
    r"|\bconda (?:install|list|create|activate)\b",
    re.IGNORECASE,
)
"""A conda environment: its folders, or conda run on it. Its own cudatoolkit and its own
TensorFlow builds (CPU ones too, on Windows) are what the process loads."""
_DIRECTML = re.compile(
    r"\btensorflow[-_]directml\b|\btfdml_plugin\b|\bDirectML device enumeration\b"
    r"|\bdml_adapter_impl\.cc\b",
    re.IGNORECASE,
)


_CPU_BUILD = re.compile(
    r"is_buil[td]_with_cuda\(\)\)?[^\n]{0,40}\n(?:>>> )?[ \t]*False[ \t]*\r?$"
    # a notebook cell's result written after it: 'tf.test.is_built_with_cuda() # False', or
    # 'print(tf.test.is_build_with_cuda()) #  false is returned' as a reporter typed it
    r"|is_buil[td]_with_cuda\(\)\)?[ \t]*#[ \t]*(?:->|=>|:)?[ \t]*"
    r"(?:False\b|false(?:[ \t]*$|[ \t]+(?:is )?returned))"
    r"|['\"]is_cuda_build['\"]\s*[:,]\s*False\b"
    # the answer printed under a label of the user's ('Is TensorFlow built with CUDA?: False',
    # 'Built with CUDA: False'), not one naming another framework ('Torch built with CUDA')
    r"|^(?![^\n]*(?i:torch|paddle|jax|cupy|mxnet|opencv|cv2))[^\n]{0,60}?"
    r"\b(?i:built[ _]with[ _]cuda)(?:\(\))?\??[ \t]*[:=][ \t]*False\b"
    # conda's CPU variants: '_tflow_select 2.3.0 mkl', 'tensorflow 2.2.0 eigen_py36h...',
    # conda-forge's 'tensorflow 2.10.0 cpu_py310hd1aba9c_0' (its CUDA ones are 'cuda112py...')
    r"|^[> \t]*_tflow_select\s+\S+\s+(?:mkl|eigen)\b"
    r"|^[> \t]*tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:mkl|eigen|cpu)_py\w*"
    # conda 4.5's plan switching Anaconda's selector to a CPU variant
    # ('_tflow_180_select:   1.0-gpu --> 3.0-eigen', anaconda-issues#9698)
    r"|^[> \t]*_tflow_\d{0,4}_?select:[ \t]+\S{1,80}[ \t]+-->[ \t]+\S{1,40}-(?:mkl|eigen)\b"
    # conda's transaction plan putting a CPU build in, right of '-->' (a GPU build swapped for
    # one: 'tensorflow  2.3.0-gpu_py38h... --> 2.3.0-mkl_py38h...'), or one it installs
    # ('conda-forge/linux-64::tensorflow-2.10.0-cpu_py310hd1aba9c_0')
    r"|^[> \t]*tensorflow(?:-base)?\s+\S{1,80}\s+-->\s+\d+\.\d+\.\d+-(?:mkl|eigen|cpu)_py\w*"
    r"|::tensorflow(?:-base)?-\d+\.\d+\.\d+-(?:mkl|eigen|cpu)_py\w*"
    # the placer's note on an op pinned to a GPU it does not have, added only where the build
    # has no CUDA (IsGoogleCudaEnabled(), core/common_runtime/colocation_graph.cc)
    r"|The requested device appears to be a GPU, but CUDA is not enabled"
    # what tensorflow_self_check.py (TensorFlow's Windows install check) and scripts built on
    # it print where build_info / is_built_with_cuda() says False
    r"|The installed version of TensorFlow does not include GPU support",
    re.MULTILINE,
)
_MACOS_CUDA_AT_WORK = re.compile(MACOS_CUDA_LIBRARY.pattern + "|" + OSX_CUDA_EXECUTOR)
"""A CUDA library of macOS, or TensorFlow's CUDA executor saying it runs on OS X."""
_CONDA_GPU_ROW = re.compile(
    r"^[> \t]*tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:gpu_py|cuda\d{2,3}py)\S*", re.MULTILINE
)
"""A 'conda list' row of a GPU build of TensorFlow ('gpu_py36h...', conda-forge's
'cuda120py311...')."""
_SEARCH_ROW = re.compile(r"[ \t]pkgs/\w+[ \t]*$")
"""'conda search' offering a build from the defaults channel (medaka#232): not installed."""


def _pip_row(name: str) -> re.Pattern[str]:
    """'conda list' showing a distribution pip installed ('pypi_0', '<pip>' in older conda)."""
    return re.compile(rf"^[> \t]*{name}\s+\S+\s+(?:pypi_0|<pip>)", re.MULTILINE)


_PIP_ROW_TF_GPU = _pip_row("tensorflow-gpu")
"""'conda list' showing tensorflow-gpu installed by pip: a distribution of its own."""
_PIP_ROW_TENSORFLOW = _pip_row("tensorflow(?:-gpu)?")


LINKS_CUDA = frozenset(
    {"import-driver-library-missing", "import-cuda-library-missing", "import-cudnn-library-missing"}
)
_TENSORFLOW_FRAME = re.compile(
    r"[/\\]tensorflow(?:_core)?[/\\](?:python[/\\](?:pywrap_tensorflow\w{0,20}|__init__)|__init__)\.py"
)
"""TensorFlow importing its own native module (not load_library.py loading another package's
ops, Horovod's among them)."""


def _tf_import_needs_cuda(text: str, matches: Sequence[LogMatch]) -> str:
    """TensorFlow's own native module failing to import for a CUDA library it links (its
    traceback's innermost frame is TensorFlow's, not Horovod's ops loaded through it)."""
    return next(
        (
            m.line.strip()[:300]
            for m in matches
            if m.signature.name in LINKS_CUDA and _TENSORFLOW_FRAME.search(innermost_frame(text, m))
        ),
        "",
    )


def _cpu_build(text: str, matches: Sequence[LogMatch]) -> str:
    """A record of a build without CUDA; the placer's note is also a ROCm build's (it has no
    CUDA either, and its GPU support is AMD's)."""
    found = _installed_row(_CPU_BUILD, text)
    rocm = any(m.signature.name == "rocm-runtime-seen" for m in matches)
    return "" if rocm and found.startswith("The requested device appears") else found


def _installed_row(pattern: re.Pattern[str], text: str) -> str:
    """The first match that is not a 'conda search' row (a match stops at the build string;
    the row's channel column follows it)."""
    for found in pattern.finditer(text):
        line_end = text.find("\n", found.end())
        rest = text[found.end() : line_end if line_end >= 0 else len(text)]
        if not _SEARCH_ROW.search(rest):
            return _one_line(found.group(0))
    return ""


def _conda_gpu_build(text: str) -> str:
    """conda's own GPU build where it is the TensorFlow installed: not under a pip one."""
    if _PIP_ROW_TENSORFLOW.search(text):
        return ""
    row = _installed_row(_CONDA_GPU_ROW, text)
    if row or not _CONDA_GPU_METAPACKAGE.search(text):
        return row
    return _first(_CONDA_BASE_LISTED, text)


_CONDA_BASE_LISTED = re.compile(
    r"^[ \t>*-]{0,8}(?i:tensorflow-base):?[ \t]+\d+\.\d+\.\d+\b[^\n]{0,60}", re.MULTILINE
)
"""tensorflow-base with its version, as an issue template lists it ('- Tensorflow-base: 2.4.1'):
a package only conda has (Anaconda's and conda-forge's build of TensorFlow; PyPI has none)."""
_CONDA_GPU_METAPACKAGE = re.compile(
    r"^[ \t>*-]{0,8}(?i:tensorflow-gpu):?[ \t]+\d+\.\d+\.\d+\b", re.MULTILINE
)
"""... beside tensorflow-gpu, the metapackage that selects its GPU build (anaconda-issues#12566:
Anaconda's 2.4.1, built with CUDA 10.1 and cuDNN 7.6)."""


_CONDA_TF_ROW = re.compile(
    r"^[> \t]*(?P<dist>tensorflow(?:-gpu|-mkl|-cpu)?)[ \t]{2,}\d[\w.]{0,30}[ \t]{2,}"
    r"(?!pypi_0\b)[\w.]{1,60}(?:[ \t]+(?!pypi\b)[\w./-]{1,60})?[ \t]*$",
    re.MULTILINE,
)
"""A 'conda list' row of a TensorFlow distribution conda installed: name, version, build
(pip's rows there say 'pypi_0  pypi')."""
_CONDA_TF_BUILD = re.compile(
    r"^[> \t]*(?:tensorflow(?:-base)?\s+\d+\.\d+\.\d+\s+(?:gpu|cuda\d{2,3}|mkl|eigen|cpu)_?py\w*"
    r"|_tflow_select\s+\S+\s+(?:gpu|mkl|eigen)\b"
    # conda 4.5's plan rows for Anaconda's selector and base builds ('tensorflow-base:
    # 1.8.0-py36hc1a7637_0 --> 1.7.0-py36hdbcaa40_2')
    r"|(?:_tflow_\d{0,4}_?select|tensorflow(?:-gpu)?-base):[ \t]+\d[\w.]{0,20}-\w)",
    re.MULTILINE,
)
"""'conda list' of a conda build of 'tensorflow': Anaconda's and conda-forge's tensorflow-gpu
metapackages only select a build of it (AnacondaRecipes/tensorflow_recipes,
conda-forge/tensorflow-feedstock's recipe), so the two are one install: its build string says
whether the selection came out GPU or CPU (tensorflow#46935: mkl_ under tensorflow-gpu)."""
_TF_SATISFIED = re.compile(
    r"Requirement already satisfied: (?:tensorflow(?:-gpu|-cpu)?|tf-nightly(?:-gpu)?)(?![\w-])"
    r"[^\n]{0,400}? in (?P<site>\S{1,300})"
)
_ROOT_SITE = re.compile(r"^/root/\.local/lib/python[\d.]{1,5}/site-packages")
_USERS_WHEEL = re.compile(r"file:///home/[\w.-]{1,40}/")
_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?\[?(?P<user>[a-z_][\w.-]{0,31})@[\w.-]{1,60}[: ](?P<home>~)?",
    re.MULTILINE,
)
"""A shell's prompt and whose it is: 'pi@raspberrypi:~ $', '(base) me@host:~$', '[me@host ~]$',
'root@5e85f82cd11c:/app#'."""
_SHELL_PROMPT = r"[^\n]{0,80}?[$#%] "
_NEXT_PROMPT = r"[^\n]{0,80}?(?:[$#%][ \t]|[$#]\r?$)"
"""A shell's prompt, also with the space after it lost (as pastes often lose it)."""
_PCI_LISTS_NO_NVIDIA = re.compile(
    r"^" + _SHELL_PROMPT + r"(?:sudo )?lspci\b[^\n|]{0,40}\|[ \t]*grep"
    # (lspci names the maker 'NVIDIA Corporation': a case-sensitive grep for 'nvidia' finds
    # nothing on any machine, review 113)
    r"(?:(?:[ \t]+-[a-zA-Z]*i[a-zA-Z]*|[ \t]+--ignore-case)(?:[ \t]+-\S+)*[ \t]+['\"]?(?i:nvidia)"
    r"|(?:[ \t]+-\S+)*[ \t]+['\"]?NVIDIA)['\"]?[ \t]*\r?$"
    # (the next prompt must follow: a paste that ends at the command shows no output at all)
    r"(?=\n" + _NEXT_PROMPT + r")",
    re.MULTILINE,
)
"""The PCI bus listed with its NVIDIA devices picked out, and the next prompt right under it:
there are none (an NVIDIA GPU shows on the bus with no driver at all)."""
_PCI_DISPLAY_ROWS = re.compile(
    # 'lspci | grep -E "VGA|3D"': an NVIDIA GPU is a VGA or a 3D controller (a laptop's second
    # GPU and a data-centre card are 3D ones, so a grep for VGA alone could miss it)
    r"^" + _SHELL_PROMPT + r"(?:sudo )?lspci\b[^\n|]{0,40}\|[ \t]*grep\b"
    r"(?=[^\n]{0,80}(?i:vga))(?=[^\n]{0,80}(?i:\b3d\b))[^\n]{0,80}\r?\n"
    r"(?P<rows>(?:[ \t]*(?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]"
    r" [^\n]{1,200}\n){1,8})"
    r"(?=" + _NEXT_PROMPT + r")",
    re.MULTILINE,
)
"""The PCI bus's display controllers listed whole, the next prompt right under them."""


_KERAS_BACKEND_SET = re.compile(
    r"(?:^|[\s;&])(?:export[ \t]+|set[ \t]+|\$env:)?KERAS_BACKEND[ \t]*=[ \t]*['\"]?"
    r"(?P<set>jax|torch|tensorflow)\b"
    r"|(?:\becho[ \t]+['\"]?(?:\$KERAS_BACKEND|\$\{KERAS_BACKEND\}|%KERAS_BACKEND%)['\"]?"
    r"|\bprintenv[ \t]+KERAS_BACKEND)[ \t]*\r?\n"
    r"[ \t]*(?P<echoed>jax|torch|tensorflow)[ \t]*\r?$"
    r"|\bos\.environ\[['\"]KERAS_BACKEND['\"]\][ \t]*=[ \t]*['\"]"
    r"(?P<code>jax|torch|tensorflow)['\"]"
    # ~/.keras/keras.json shown (its 'backend' key), or Keras asked which backend it runs
    # (keras.backend.backend(), keras.config.backend()) and its answer a few lines under
    r"|keras\.json\b[^\n]{0,100}\r?\n(?:[^\n]{0,200}\r?\n){0,8}?[ \t]*\"backend\"[ \t]*:[ \t]*"
    r"\"(?P<config>jax|torch|tensorflow)\""
    r"|\bkeras\.(?:backend|config)\.backend\(\)[^\n]{0,60}\r?\n(?:[^\n]{0,300}\r?\n){0,6}?"
    r"[ \t]*(?:Out\[\d{1,4}\]:[ \t]*)?(?:\d{1,2}\.\d{1,3}\.\d{1,3}[ \t]+)?"
    r"['\"]?(?P<answered>jax|torch|tensorflow)['\"]?[ \t]*\r?$",
    re.MULTILINE,
)
"""Keras 3's backend as a shell sets it, echoes it, or the code sets it before importing Keras;
its keras.json's, or Keras's own answer."""


_TORCH_IMPORT = re.compile(r"\b(?:import torch|from torch(?:\.\w{1,30})* import)\b")
_TENSORFLOW_IMPORT = re.compile(
    r"\b(?:import tensorflow|from tensorflow(?:\.\w{1,30})* import)\b"
    r"|\bimport torch,[ \t]*tensorflow"
)


def _torch_imported_first(text: str) -> str:
    torch = _TORCH_IMPORT.search(text)
    tensorflow = _TENSORFLOW_IMPORT.search(text)
    if torch is None or tensorflow is None or tensorflow.start() < torch.start():
        return ""
    return _line_at(text, torch.start())


def _line_at(text: str, position: int) -> str:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text[start : end if end >= 0 else len(text)].strip()[:200]


def _keras_backend(text: str) -> str:
    """Keras's own answer first; then the variable (which overrides keras.json); then the
    file; the last of each kind."""
    found = list(_KERAS_BACKEND_SET.finditer(text))
    for kinds in (("answered",), ("set", "echoed", "code"), ("config",)):
        named = [m[k] for m in found for k in kinds if m[k]]
        if named:
            return named[-1]
    return ""


def _pci_lists_no_nvidia(text: str) -> str:
    """The command whose listing of the PCI bus shows no NVIDIA device: its NVIDIA devices
    picked out and none printed, or its display controllers listed and none NVIDIA's."""
    if found := _first(_PCI_LISTS_NO_NVIDIA, text):
        return f"{found} printed nothing"
    return next(
        (
            f"{_one_line(m.group(0).split(chr(10), 1)[0])} listed no NVIDIA device"
            for m in _PCI_DISPLAY_ROWS.finditer(text)
            # (WSL 2 shows its GPU as Microsoft's Basic Render Driver: the GPU is Windows')
            if not any(name in m["rows"].lower() for name in ("nvidia", "basic render driver"))
        ),
        "",
    )


_SUDO_PIP = re.compile(
    # after a shell's prompt too ('me@box:~$ sudo pip install ...', '(base) me@box:~$ ...')
    # (each optional part starts with its own spaces: no two runs of spaces compete for one)
    r"^(?:[ \t]*\([\w.-]{1,60}\) ?)?(?:[ \t]*[\w.-]{1,60}@[\w.-]{1,80}:[^\n$#]{0,300}[$#])?"
    r"[$#> \t]*sudo (?:-H )?(?:python3? -m )?pip3? install\b[^\n]{0,200}",
    re.M,
)
_PIP_SHOW = re.compile(
    r"^[> \t]*Name: (?P<dist>tensorflow(?:-(?:gpu|cpu|macos|intel))?|tf-nightly)\s*\n"
    r"[> \t]*Version: (?P<version>\d+\.\d+\.\d+)[ \t]*$",
    re.MULTILINE,
)
"""'pip show tensorflow' (a local version such as NVIDIA's '1.15.3+nv20.7' is another build)."""
_TF_INSTALLED = re.compile(
    r"^[> \t]*(?:Requirement already satisfied: (?:tensorflow(?:-gpu|-cpu|-intel|-macos)?"
    r"|tf-nightly)(?:\[[\w,-]+\])?"
    r"(?:[=<>~!]=?[\w.*]+)? in"
    r"|Successfully installed (?:.* )?(?:tensorflow|tensorflow-gpu|tf-nightly)-\d"
    # pip show's first line: the distribution is installed where that pip looks
    r"|Name: (?:tensorflow(?:-gpu|-cpu|-intel|-macos)?|tf-nightly)[ \t]*$)",
    re.MULTILINE,
)
_OUTDATED_PIP = re.compile(r"You are using pip version (?P<version>\d{1,3}(?:\.\d{1,4}){0,3})")
_PIP_NETWORK = re.compile(
    r"Could not fetch URL https?://|\bSSLError\b|\bProxyError\b|Max retries exceeded with url"
    r"|Temporary failure in name resolution|NewConnectionError|nodename nor servname provided"
    r"|getaddrinfo failed"
    # pip refusing a plain-http index it was given ('... is not a trusted or secure host and is
    # being ignored'): it asked no index at all
    r"|is not a trusted or secure host and is being ignored"
)
_SILENCED = re.compile(
    r"TF_CPP_MIN_LOG_LEVEL['\"]?\]?\s*[=:]\s*['\"]?[23]\b|[\\/]DeepFaceLab[\w.-]{0,40}[\\/]"
)
"""TensorFlow's warnings silenced: the variable set in the code, the shell or a settings dump,
or DeepFaceLab, which sets it for its users."""
_SESSION_CPU_NOTICE = re.compile(
    r"The TensorFlow library wasn't compiled to use [\w.]{1,12} instructions, but these are"
    r" available on your machine(?: and could speed up CPU computations\.?)?"
    r"|cpu_feature_guard\.cc:1(?:3[7-9]|4[01])\] Your CPU supports instructions that this"
    r" TensorFlow binary was not compiled to use:[ \w.]{0,80}"
)
"""TensorFlow 1.0 to 1.4's words when its first session starts, and 1.5 to 1.13's (their
line numbers): a build with CUDA logs its GPU (or cuInit's failure) right after them. From 2.0
the notice comes after the GPU's lines, which a paste starting there leaves out."""


_RUN_FAILED = re.compile(r"Traceback|Error\b|Exception\b|Killed|core dumped|Aborted")
_GPU_NAMED = re.compile(r"device:GPU|/gpu:", re.IGNORECASE)
_TF_RECORD = re.compile(r"\.cc:\d|tensorflow[/\\]")


def _session_went_on(text: str) -> str:
    last: re.Match[str] | None = None
    for found in _SESSION_CPU_NOTICE.finditer(text):
        last = found
    if last is None or "TF_CPP_MIN_LOG_LEVEL" in text:
        return ""  # (any level set may hide the INFO lines a GPU build writes)
    # the program's own output, not another record of TensorFlow's (a line rejoined as if
    # wrapped may carry it on the notice's own line)
    after = text[last.end() :].split("\n")
    went_on = any(line.strip() and not _TF_RECORD.search(line) for line in after)
    if any(_RUN_FAILED.search(line) or _GPU_NAMED.search(line) for line in after):
        return ""  # it failed after all, or it names a GPU: not a silent start
    return _one_line(text[text.rfind("\n", 0, last.start()) + 1 : last.end()]) if went_on else ""


_GPU_KERNEL_REGISTERED = re.compile(r"^[ \t>]*device='GPU'(?:; |$)", re.MULTILINE)
"""A kernel of an op TensorFlow lists under 'Registered kernels:' when it cannot place it."""
_SAID_INSTALLED = re.compile(
    r"\b(?:I(?:'ve| have| had)?|we(?:'ve| have)?) (?:already |definitely |successfully |also )?"
    r"installed tensorflow\b"
    r"|\b(?:I|we) (?:have|had|'ve) (?:it|tensorflow) (?:already )?installed\b"
    # not a question ('check whether tensorflow is installed')
    r"|(?<!whether )(?<!if )\btensorflow(?:-gpu)? (?:is|was)"
    r" (?:already |definitely |successfully )?installed\b(?! ?\?)"
    r"|\b(?:though|although|but) (?:it|tensorflow)(?:'s| is) (?:already )?installed\b"
    # its site-packages added to PYTHONPATH by hand gets the import through: it is installed
    # there, and the Python that ran searches elsewhere (tensorflow#6548)
    r"|\bsite-packages\b[^\n]{0,80}?\bto (?:my |the )?(?:PYTHONPATH|sys\.path)\b"
    # the import working from another launcher than the one that failed ('import tensorflow
    # works fine in the terminal but in Jupyter ...': review 113)
    r"|\b(?:it|tensorflow|import tensorflow(?: as tf)?)`? works?(?: fine| well| perfectly| ok)?"
    r" (?:in|on|from|with) (?:the |a |my )?(?:terminal|shell|command[- ]line|console|cmd"
    r"|(?:Jupyter|IPython)(?: notebook| lab)?|notebook|PyCharm|Spyder|VS ?Code|IDLE)\b"
    r"[^\n]{0,80}?\bbut\b",
    re.IGNORECASE,
)
"""A reporter saying TensorFlow is installed, in the words pasted with the error."""
_PIP_ERROR = re.compile(r"^[> \t]*(?:ERROR|error): ", re.MULTILINE)
"""pip's own error lines: an install that failed, whatever the reporter believes installed."""
_NVIDIA_WHEEL_THERE = re.compile(
    r"^[ \t>]*Successfully installed (?P<installed>[^\n]{1,4000})"
    r"|but you have (?P<name>nvidia[-_][a-z_-]{2,30}[-_]cu1\d) (?P<version>\d[\w.]{0,30})"
    # a 'pip list' row (columns) or a 'pip freeze' pin
    r"|^[ \t]*(?P<listed>nvidia-[a-z_-]{2,30}-cu1\d)(?:[ \t]{2,}|==)"
    # ('conda list' adds its build and channel columns: 'pypi_0    pypi')
    r"(?P<listed_version>\d[\w.]{0,30})(?:[ \t]+pypi_\d+[ \t]+pypi)?[ \t]*$",
    re.MULTILINE,
)
_NVIDIA_WHEEL = re.compile(r"\bnvidia[-_][a-z_-]{2,30}[-_]cu1\d-\d[\w.]{0,30}")


def _without_lines(text: str, numbers: frozenset[int]) -> str:
    """The text with these lines (numbered from 1) emptied."""
    if not numbers:
        return text
    lines = text.split("\n")
    return "\n".join("" if n in numbers else line for n, line in enumerate(lines, 1))


def _nvidia_wheels_there(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The NVIDIA wheels pip says are there, in the log's order ('name-version'): the ones it
    installed, the ones its conflict report says 'you have', and the rows of 'pip list' or
    'pip freeze'; never the ones a package requires or pip uninstalled. Then those rows alone."""
    there: list[str] = []
    rows: list[str] = []
    cut = False
    for m in _NVIDIA_WHEEL_THERE.finditer(text):
        if m.group("installed"):
            there += _NVIDIA_WHEEL.findall(m.group("installed"))
        elif m.group("listed"):
            rows.append(f"{m.group('listed')}-{m.group('listed_version')}")
            there.append(rows[-1])
            following = text.find("\n", m.end()) + 1
            cut = cut or (following > 0 and bool(_LISTING_CUT.match(text, following)))
        else:
            there.append(f"{m.group('name')}-{m.group('version')}")
    # (a listing the paste cut short is no record of what it left out)
    return tuple(there), () if cut else tuple(rows)


_LISTING_CUT = re.compile(
    r"(?:[ \t]*\r?\n){0,2}[ \t]*(?:\.{3,}|\u2026"
    r"|[\[(<][^\])>\n]{0,30}(?:\.{3}|\u2026|snip|trunc|trimmed|omitted|cut|more)"
    r"[^\])>\n]{0,30}[\])>])[ \t]*\r?$",
    re.MULTILINE | re.IGNORECASE,
)
"""A line a paste puts where it cut a listing short ('...', '[...]', '(output trimmed)',
'<snip>'), with a blank line or two before it."""


_OTHER_FRAMEWORK = re.compile(
    r"^[ \t]*(?:torch|jaxlib|jax-cuda12-plugin|jax-cuda12-pjrt)(?:[ \t]{2,}|==)"
    r"\d[\w.+]{0,30}[ \t]*$"
    r"|^[ \t]*Successfully installed [^\n]{0,4000}?\b(?:torch|jaxlib)-\d[\w.+]{0,30}",
    re.MULTILINE,
)
KERNEL_NAMED = re.compile(
    # uname -r's line, or uname -a's ('Linux <host> <release> #...'), /proc/version's ('Linux
    # version <release> (builder) ...') or Ubuntu's /proc/version_signature ('Ubuntu
    # 5.15.0-91.101-generic 5.15.131'): not a release quoted in prose (a README's 'tested under
    # WSL 2 (kernel ...)', review 109)
    r"^[ \t]*(?:(?P<proc>Linux version |Ubuntu )|Linux [\w.-]{1,80} )?(?P<release>"
    r"\d{1,2}\.\d{1,3}\.\d{1,3}(?:\.\d{1,4})?-microsoft-standard(?:-WSL2)?"
    r"|\d{1,2}\.\d{1,3}\.\d{1,3}-\d{1,4}(?:\.\d{1,4})?-(?:generic|lowlatency|aws|azure|gcp|oracle"
    r"|kvm))"
    r"(?:[ \t]*$| #|(?(proc) [(\d]|(?!)))",
    re.MULTILINE,
)
"""A Linux kernel's release as uname prints it: WSL 2's ('5.15.133.1-microsoft-standard-WSL2')
or a distribution's own ('6.2.0-39-generic', Ubuntu's flavours)."""
_ANOTHER_MACHINES_COMMAND = re.compile(
    r"(?<![\w-])(?:ssh|wsl(?:\.exe)?|srun|kubectl exec)\b[^\n]{0,200}(?:uname|/proc/version)"
)
"""A command that prints another machine's kernel: a host over ssh, WSL's from Windows, a
cluster node's (review 111)."""


def _without_other_machines_kernels(text: str) -> str:
    """The text less the kernels commands run on other machines printed ('wsl uname -r' at a
    Windows prompt prints WSL's, not the system the paste ran on: review 112)."""
    for kernel in reversed(list(KERNEL_NAMED.finditer(text))):
        if _printed_elsewhere(kernel, text):
            text = text[: kernel.start()] + text[kernel.end() :]
    return text


def _printed_elsewhere(kernel: re.Match[str], text: str) -> bool:
    """The kernel was printed by a command run on another machine, on its line or the one
    before."""
    start = text.rfind("\n", 0, max(kernel.start() - 1, 0)) + 1
    return _ANOTHER_MACHINES_COMMAND.search(text, start, kernel.start()) is not None


def _local_kernel(text: str) -> str:
    """The release of the first kernel the paste's own machine printed (not one a command run
    on another machine printed)."""
    return next(
        (
            k.group("release")
            for k in KERNEL_NAMED.finditer(text)
            if not _printed_elsewhere(k, text)
        ),
        "",
    )


_AND_CUDA_INSTALL = re.compile(
    r"^[^\n]{0,120}?(?<![\w-])(?:pip3?|pipenv|poetry|uv(?: pip)?) (?:install|add) [^\n]{0,200}?"
    r"(?<![\w-])tensorflow\[and-cuda\][^\n]{0,80}",
    re.MULTILINE,
)
_NVIDIA_WHEELS = re.compile(
    r"\bnvidia[-_](?:cudnn|cublas|cuda[-_]runtime)[-_]cu1[1-3]\b|site-packages/nvidia/"
    r"(?:cudnn|cublas|cuda_runtime)/lib"
)
_COLAB = re.compile(
    r"/usr/lib64-nvidia\b|\bgoogle\.colab\b|(?<![\w/.])/content/(?:drive|sample_data)(?:/|\b)"
    # a traceback through a script in Colab's working folder ('File "/content/models/...')
    r"|\bFile \"/content/"
    # the check Colab's own GPU notebook runs, raising on an empty device name
    r"|raise SystemError\('GPU device not found'\)"
    r"|\]\(https://localhost:8080/#?\)"
)
"""Colab's own paths: the driver folder on its LD_LIBRARY_PATH, its module, its file tree, and
the links to its kernel's files ('[/usr/local/lib/...](https://localhost:8080/)') that a
traceback copied from a Colab notebook keeps."""
TEGRA_DEVICE_LINE = r"\bname: (?:NVIDIA )?(?:Tegra X\d|Xavier|Orin)\b"
"""TensorFlow's device line naming a Jetson's integrated GPU."""
TEGRA_MACHINE_FILES = (
    r"/dev/nvhost-[\w-]{1,30}|/aarch64-linux-gnu/tegra/|\bnv_tegra_release\b"
    r"|\b\d+\.\d+\.\d+-tegra\b|@tegra-ubuntu\b"
)
"""A Jetson's GPU device nodes, driver folder, release file, kernel and host name: the machine's
own output, not a Jetson named in prose."""
TEGRA = re.compile(
    # the board by name ('Jetson AGX Xavier', 'AGX Orin', 'Xavier NX'; a bare 'Xavier' is also
    # a person or Glorot's initialiser), or TensorFlow's device line naming its GPU
    r"\bJetson\b[^\n]{0,40}|\b(?:AGX|NX) (?:Xavier|Orin)\b|\b(?:Xavier|Orin) (?:NX|AGX|Nano)\b"
    rf"|{TEGRA_DEVICE_LINE}|\bNVIDIA Tegra\b[^\n]{{0,40}}"
    # its machine's own files, L4T images and JetPack
    rf"|{TEGRA_MACHINE_FILES}|\bL4T R\d{{2}}|\bl4t-(?:base|tensorflow|ml|pytorch)\b"
    r"|\bdustynv/|\bJetPack\b|\(nvgpu\)"
)
"""A Jetson's names: the board or its integrated GPU (Tegra X1/X2, Xavier, Orin), its GPU's
device nodes and driver folder, its kernel ('4.9.253-tegra') and host name, NVIDIA's L4T images,
JetPack, and JetPack 6's nvidia-smi naming the GPU by its driver ('Orin (nvgpu)')."""


_PIP_INSTALLED = re.compile(r"Successfully installed (?P<installed>[^\n]*)")
"""pip's summary of what it installed (a wheel's file name alone is no evidence: pip may have
refused it). Each match runs to the end of its line, so a long line is read once."""
_TENSORFLOW_INSTALLED = re.compile(r"(?:^| )tensorflow-(?P<version>\d+\.\d+\.\d+)(?=\s|$)")
CPU_PACKAGE_RELEASES = (specifier("<1.15"), specifier(">=1.15.2,<2.1"))
"""Releases whose 'tensorflow' pip package was CPU-only, the GPU build being 'tensorflow-gpu':
all before 1.15, and 1.15.2 to 2.0 after 1.15.0's combined package was dropped
(https://github.com/tensorflow/tensorflow/issues/36347; from 2.1 'tensorflow' has the GPU)."""


def _cpu_package(text: str) -> str:
    for summary in _PIP_INSTALLED.finditer(text):
        found = _TENSORFLOW_INSTALLED.search(summary["installed"])
        if found and _cpu_only_release(found["version"]):
            return summary.group(0).strip()[:300]
    if (pulled := _pulled_by_a_dependency(text)) is not None:
        return pulled
    if _CONDA_ENV.search(text):
        return ""  # pip shows conda's own 'tensorflow', whose 1.x builds include GPU ones
    for shown in _PIP_SHOW.finditer(text):
        if shown["dist"] == "tensorflow" and _cpu_only_release(shown["version"]):
            return " ".join(shown.group(0).split())[:300]
    for row in _PIP_LIST_TENSORFLOW.finditer(text):
        if _cpu_only_release(row["version"]):
            return row.group(0).strip()[:300]
    return ""


_PULLED = re.compile(
    # pip resolving another package's requirement on 'tensorflow', then fetching its wheel
    r"^[ \t>]*Collecting tensorflow(?:[<>=!~][^\s(]{0,40})? \(from (?P<by>[\w.\-\[\]=<>,]{1,80})\)"
    r"[ \t]*\r?\n[ \t]*(?:Using cached|Downloading) (?:\S{0,200}/)?tensorflow-"
    r"(?P<version>\d+\.\d+\.\d+)(?:rc\d{1,2})?-[\w.-]{0,80}",
    re.MULTILINE,
)


def _pulled_by_a_dependency(text: str) -> str | None:
    """pip fetching a CPU-only 'tensorflow' wheel as another package's requirement (Keras,
    prettytensor before 2.1 listed 'tensorflow'): it lands beside, or over, the GPU build
    (prettytensor#40). None where pip refused it or failed after."""
    for pulled in _PULLED.finditer(text):
        if not _cpu_only_release(pulled["version"]):
            continue
        after = text[pulled.end() :]
        if _PIP_FAILED_AFTER.search(after):
            return None
        return " ".join(pulled.group(0).split())[:300]
    return None


_PIP_FAILED_AFTER = re.compile(
    r"^[ \t>]*(?:ERROR: |error: |Exception:|Command \S{1,40} failed)", re.MULTILINE
)


_PIP_LIST_TENSORFLOW = re.compile(
    r"^[> \t]*tensorflow(?:[ \t]{2,}|==)(?P<version>\d+\.\d+\.\d+)[ \t]*$", re.MULTILINE
)
"""A 'pip list' row (name and version in columns, nothing after: conda's list adds a build and a
channel) or a 'pip freeze' line of the 'tensorflow' package."""


def _cpu_only_release(version: str) -> bool:
    return any(version in releases for releases in CPU_PACKAGE_RELEASES)


def _pip_python(text: str) -> str:
    """The Python pip belongs to: its '--version' answer, or the site-packages it installed
    into ('Requirement already satisfied: tensorflow in /usr/lib/python3.5/site-packages')."""
    found = _PIP_OWN_PYTHON.search(text)
    return (found.group("python") or found.group("installed")) if found else ""


def _group(pattern: re.Pattern[str], text: str, name: str) -> str:
    found = pattern.search(text)
    return found.group(name) if found else ""


def _exception_under_import(text: str) -> str:
    """The exception that ends the traceback through TensorFlow's import: the first exception
    line after its first frame there ('' when the paste stops before one, or the run was
    interrupted)."""
    frame = _TF_IMPORT_FRAME.search(text)
    if frame is None:
        return ""
    found = _EXCEPTION_LINE.search(text, frame.end())
    if found is None or "KeyboardInterrupt" in found.group(0):
        return ""
    return found.group(0).strip()[:300]


_DLERROR_FILE = re.compile(r"^(?:[^\s:]{0,300}[/\\])?(?P<file>[\w+.-]{1,100}): ")


def missing_dependency(lib: str, dlerror: str) -> str:
    """The library the loader could not find while loading lib, where that is another one
    ('libcusolver.so.11' failing with 'dlerror: libnvJitLink.so.12: cannot open'): lib itself
    was found, so its name says nothing of what is installed. '' otherwise."""
    named = _DLERROR_FILE.match(dlerror)
    if named is None or library_name(named["file"]) == library_name(lib):
        return ""
    return named["file"]


CRASH_EXIT_CODE = r"(?:13[49]|3221225477|3221226505|-1073741819|-1073740791)"
"""A process's exit status for a crash as runners print it: 139 SIGSEGV and 134 SIGABRT (128 +
the signal), Windows' access violation 0xC0000005 and fail-fast 0xC0000409 in either sign."""
SIGNAL_NOTICE = (
    r"^(?:zsh: |\[\d{1,3}\][ \t]{1,8}\d{1,9} )(?:segmentation fault|abort|illegal hardware"
    r" instruction|bus error)\b"
    r"|^fish: Job \d{1,4}, [^\n]{0,200}? terminated by signal SIG(?:SEGV|ABRT|ILL|BUS)\b"
    # CPython's faulthandler, a runner's, Docker's or an IDE's exit status of a crash, and
    # Jupyter's word for a kernel process that died
    r"|^[ \t]*Windows fatal exception: (?:access violation|stack overflow|code 0x[cC]0000409)\b"
    r"|^Fatal Python error: (?:Segmentation fault|Aborted|Bus error|Illegal instruction)\b"
    rf"|^[^\n]{{0,120}}?\bexited with code[ =]{CRASH_EXIT_CODE}\b"
    r"|^[^\n]{0,120}?\bExited \(13[49]\)"
    rf"|^[ \t]*Process finished with exit code {CRASH_EXIT_CODE}\b"
    r"|^[^\n]{0,40}?\bThe kernel(?: for [^\n]{1,200}?)? appears to have died\b"
    # VS Code's notebooks say it their own way
    r"|^[^\n]{0,40}?\bThe Kernel crashed while executing code\b"
)
"""zsh's notice of a process a signal ended ('zsh: segmentation fault  python x.py', or a
job's '[1]  4242 abort ...') and fish's ('fish: Job 1, 'python x.py' terminated by signal
SIGSEGV (Address boundary error)'), which name the signal in words of their own, and the
runners' notices of a crashed process: not SIGKILL (137), the OOM killer's."""


FATAL_RECORD_TEXT = (
    r"^(?:[^\n]{0,40}?: )?F(?:\d{4} \d\d:\d\d:\d{2,10}\.\d{6} +\d+ | )[\w/\\:.-]{1,300}"
    r"\.(?:cc|h):\d{1,6}\] [^\n]{0,300}"
)
"""TensorFlow's fatal record, which aborts the process ('F tensorflow/...cc:1643] ...'; absl's
'F0000 00:00:1742290912.004519 5120 random_op_gpu.h:247]' from 2.15 on, seconds since 1970)."""
_FAILURE_LINE = re.compile(
    # a Python exception, named as classes are (IPython's header puts 'Traceback' after it)
    r"^(?P<exception>[ \t>*]*(?:[A-Za-z_]\w{0,60}\.){0,8}[A-Z]\w{0,60}(?:Error|Exception)\b"
    # (TF 1.x's session puts '(see above for traceback)' between the class and its message)
    r"(?::[ \t]?[^\n]{0,300}|[ \t]*$| {2,}Traceback[^\n]{0,40}"
    r"|[ \t]\(see above for traceback\):[^\n]{0,300}))"
    # a process that crashed
    r"|^(?P<crash>[ \t]*(?:Segmentation fault|Aborted|Illegal instruction|Bus error)"
    r"(?: \(core dumped\))?[ \t]*$|^[^\n]{0,200}?\(core dumped\)|Fatal Python error: [^\n]{0,300}"
    r"|(?:" + SIGNAL_NOTICE + r")[^\n]{0,200}"
    # an IDE's word for a process that died (Windows' codes are negative, 0xC0000409 a fail-fast)
    r"|^[ \t]*Process finished with exit code (?:-\d{1,12}|13[49]|3221225477)\b[^\n]{0,80}"
    # TensorFlow's fatal record, which aborts the process ('F tensorflow/...cc:1643] ...'), and
    # a CHECK that failed, whose record a paste may have lost the 'F' of
    # (a Windows build's path: 'F c:\tf_jenkins\...\cuda_driver.cc:405]', tensorflow#6933)
    # (and from a header, '.\tensorflow/core/kernels/random_op_gpu.h:232]', tensorflow#42055)
    r"|" + FATAL_RECORD_TEXT + r"|^[^\n]{0,300}?\.cc:\d{1,6}\] Check failed: [^\n]{0,300})"
    # an installer that could not resolve what was asked (pip, Poetry, conda and mamba)
    r"|(?P<installer>\bResolutionImpossible\b[^\n]{0,200}|\bversion solving failed\b[^\n]{0,200}"
    r"|\bCould not solve for environment specs\b|\bUnsatisfiableError\b[^\n]{0,200})"
    # a test or device check that says it failed
    # (anchored at the line's start: an unanchored '[^\n]{0,200}' tries every position)
    r"|(?P<other>^[^\n]{0,200}?\bcannot find working devices\b[^\n]{0,100}"
    r"|^Result = FAIL\b[^\n]{0,100}"
    # a traceback whose exception the paste cut off
    r"|^[ \t>]*Traceback \(most recent call last\):?)",
    re.MULTILINE,
)


_USER_SITE_TF = re.compile(
    r'(?:^[ \t>]*File "|(?:^|(?<=\s))[\'"]?(?=/[^\n]{1,120}/__init__\.py\b))'
    r'(?:/home/[^/"\n\s]{1,60}|/root)/\.local/lib/python3\.\d{1,2}/site-packages/'
    r'tensorflow(?:_core)?/(?:[^"\n]{1,200}"|__init__\.py\b[^\n]{0,80})',
    re.MULTILINE,
)
"""A traceback's frame in the user site's TensorFlow, or the path 'print(tf.__file__)' prints
(also where a paste's wrapped record took it in)."""
_ENVIRONMENT_PYTHON = re.compile(
    r'^[ \t>]*File "[^"\n]{0,200}/(?:envs/[\w.-]{1,60}|anaconda3|miniconda3|miniforge3|mambaforge'
    r"|\.?venv|virtualenvs/[\w.-]{1,60})/lib/python3\.\d{1,2}/"
    # conda's own list of the environment's TensorFlow ('tensorflow 2.10.0
    # cuda112py310he87a039_0 conda-forge'; pip's install in it: 'tensorflow 2.13.0 pypi_0 pypi')
    r"|^tensorflow(?:-gpu|-base)?[ \t]{2,40}\d[\w.]{0,20}[ \t]{2,40}\w{1,60}[ \t]{1,40}"
    r"(?:conda-forge|defaults|pkgs/main|anaconda|pypi)\b",
    re.MULTILINE,
)


def _user_site_tensorflow(text: str) -> str:
    """The traceback line running TensorFlow from ~/.local where another frame shows the
    interpreter is a conda environment's or a virtualenv's (conda's Pythons read the user site
    too, unless PYTHONNOUSERSITE is set: anaconda-issues#11805)."""
    found = _USER_SITE_TF.search(text)
    if found is None or not _ENVIRONMENT_PYTHON.search(text):
        return ""
    return found.group(0).strip()[:300]


def _root_site_tensorflow(text: str) -> str:
    """pip finding TensorFlow in root's user site (/root/.local) for another user: the wheel
    came from that user's home, or that user's prompt is in the log. Not where root runs the
    commands (a container's root prompt), or where TensorFlow is installed elsewhere too."""
    sites = [(m.group(0), m.group("site")) for m in _TF_SATISFIED.finditer(text)]
    in_root = [line for line, site in sites if _ROOT_SITE.match(site)]
    if not in_root or len(in_root) < len(sites):
        return ""
    prompts = [(m.group("user"), bool(m.group("home"))) for m in _PROMPT.finditer(text)]
    if any(user == "root" for user, _ in prompts):
        return ""
    line = in_root[0]
    return line[:300] if _USERS_WHEEL.search(line) or any(home for _, home in prompts) else ""


_ENV_COLLECT_OWN = re.compile(
    r'File "[^"\n]{0,200}[/\\]check_(?:tf|os)\.py", line \d{1,4}, in <module>\n'
    r"[^\n]{0,200}\n[ \t>]*AttributeError: module '(?:tensorflow|platform)' has no attribute"
    r" '(?:Session|linux_distribution)'"
)
"""The failures of the checks TensorFlow's issue template runs (tools/tf_env_collect.sh writes
/tmp/check_tf.py and /tmp/check_os.py): tf.Session under TensorFlow 2 and
platform.linux_distribution under Python 3.8 always fail there (tensorflow#53229), whatever the
machine."""


_SHELLS_CRASH_LINE = re.compile(
    r"[ \t]*(?:Segmentation fault|Aborted|Bus error)(?: \(core dumped\))?[ \t]*$"
)
_FATAL_RECORD = re.compile(FATAL_RECORD_TEXT, re.MULTILINE)
SHELL_CRASH_LOOKBACK = 2_000
"""How far above the shell's crash line TensorFlow's fatal record is looked for."""


def _failed_binding(binding: re.Pattern[str], text: str) -> str:
    """The tfjs binding whose load Node reported failed: the path under its error, not any
    binding path elsewhere in the paste (node-pre-gyp's install check names one too)."""
    for failed in _FAILED_MODULE.finditer(text):
        if found := binding.search(failed["path"]):
            return found.group(0)
    return ""


def _tfjs_library_missing(text: str) -> str:
    """Node's loader naming libtensorflow missing, where a frame of tfjs-node's follows."""
    missing = _TFJS_LIBRARY_MISSING.search(text)
    if missing is None or not _TFJS_FRAME.search(text, missing.end(), missing.end() + 2_000):
        return ""
    return missing.group(0).strip()[:300]


def last_failure(text: str) -> tuple[str, str]:
    """The last failure the log shows that no signature need name, as (kind, line): a Python
    exception ('ImportError: ...', however long its line, or a bare 'MemoryError'), a crash
    ('Segmentation fault (core dumped)'), an installer that could not resolve the packages
    asked for, or another check's failure; ('', '') where there is none."""
    last: re.Match[str] | None = None
    for found in _FAILURE_LINE.finditer(text):
        if not _ENV_COLLECT_OWN.search(text, max(0, found.start() - 300), found.end()):
            last = found
    if last is None:
        return "", ""
    kind = last.lastgroup or ""
    if kind == "crash" and _SHELLS_CRASH_LINE.match(last.group(0)):
        # the shell's word for the abort TensorFlow's own fatal record just caused: the record
        # says what ended the run, whether or not the shell's line was pasted below it
        before = text[max(0, last.start() - SHELL_CRASH_LOOKBACK) : last.start()]
        records = _FATAL_RECORD.findall(before)
        if records:
            return kind, records[-1].strip(" \t>*")[:300]
    return kind, last.group(0).strip(" \t>*")[:300]


def _last_environment(text: str) -> str:
    """The paste from its last environment on (review 98: a GPU build's records in one conda
    environment, tensorflow-cpu in the next): what a build showed before belongs to another."""
    begins = last_environment_line(text)
    return text[line_start(text, begins) :] if begins else text


def _release_of(version: str) -> str:
    """A version without its post-release suffix ('2.15.0.post1' is 2.15.0's build)."""
    return re.sub(r"\.post\d+$", "", version.strip())


def _first(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return _one_line(found.group(0)) if found else ""


def _one_line(matched: str) -> str:
    """A match as one line, each line's margins dropped: joined, not substituted, since a regex
    around the newline retries every blank before it (quadratic on a long run of blanks)."""
    lines = (line.strip() for line in matched.splitlines())
    return " ".join(line for line in lines if line)[:300]


def _exact(stated: Stated | None) -> set[str]:
    """A release the template states, when it is one (not '>=2.10' nor 'latest')."""
    if stated is None:
        return set()
    try:
        parsed(stated.value)
    except ValueError:
        return set()
    return {stated.value}


def _stated_gpu(asked: TemplateAnswers) -> tuple[tuple[str, str | None, str], ...]:
    return ((asked.gpu.value, None, asked.gpu.line),) if asked.gpu is not None else ()
