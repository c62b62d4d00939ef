"""Which build of TensorFlow wrote a log: the one tensorflow.org's table describes for its
version, or another (NVIDIA's, a source build), or another release than the one stated. The
facts are judged against the table's build; for another one the table says nothing.
Pure: data in, data out.
"""

from __future__ import annotations

import re

from packaging.version import InvalidVersion

from ..facts import Facts
from ..matrix import query
from ..matrix.model import Matrix
from ..planner.evaluate import PLATFORM_LABELS, platform_key
from ..planner.judge import installed_release
from ..versions import parsed, specifier, xy
from .logfacts import LogFacts
from .signatures import cudnn_version
from .weigh import VERSION_MISMATCH_IDS

TABLE_BUILD_IDS = VERSION_MISMATCH_IDS | {"compute-capability-unsupported"}
"""What the facts are judged against tensorflow.org's build of a release for."""


def compiled_with_other_cudnn(matrix: Matrix, log: LogFacts, release: str | None) -> bool:
    """TensorFlow says which cuDNN it was compiled with ('... but source was compiled with:
    7.1.1'), another than the one tensorflow.org's table gives this release: a source or vendor
    build, or another release than the one stated."""
    if not log.cudnn_compiled or release is None:
        return False
    entry = installed_release(matrix, release)
    legacy = query.legacy_build(matrix, release) if entry is None else None
    table = entry.cudnn if entry is not None else legacy.cudnn if legacy is not None else None
    if not table:
        return False
    # an older minor too, where the table gives one: a source build of 1.0 said 5.0.5 where
    # PyPI's was built with 5.1 (tensorflow#7821). A newer one is no sign: PyPI's 1.15 and
    # 2.0 said 'compiled with: 7.6.0' where tensorflow.org's table gives 7.4.
    compiled, built = parsed(cudnn_version(log.cudnn_compiled)), parsed(table)
    if compiled.major != built.major:
        return True
    known_minors = "." in table and len(compiled.release) >= 2
    return known_minors and compiled.release[:2] < built.release[:2]


def log_refutes(log: LogFacts, stated: str) -> str:
    """What in the log rules the stated release out ('' when nothing does): TensorFlow's own
    source paths (a stated 2.13 whose log prints from tensorflow/stream_executor, which 2.11
    left). Another TensorFlow than the one the user believes installed wrote it, so the log's
    evidence decides the release."""
    try:
        # a release candidate is its release's code (2.5.0rc0 is 2.5's); a nightly's code lies
        # between the release before it and the one it leads to (2.5's nightlies of early
        # 2021 printed 2.4's dso_loader line numbers, tensorflow#47312)
        stated_version = parsed(stated)
        version = parsed(stated_version.base_version)
    except InvalidVersion:
        return ""
    versions = [version]
    if stated_version.is_devrelease and version.minor > 0:
        versions.append(parsed(f"{version.major}.{version.minor - 1}.99"))
    # only TensorFlow's own source paths: a soname may be another library's (Horovod's ops
    # built for another CUDA) under the stated release
    return next(
        (
            f"{seen}: TensorFlow {spec}"
            for spec, seen in log.tf_range
            if "/" in seen and not any(v in specifier(spec) for v in versions)
        ),
        "",
    )


def python_fits_the_log(matrix: Matrix, log: LogFacts, facts: Facts) -> bool:
    """Some release the log's source paths admit has a wheel for a Python the facts know (true
    where no Python is known, or the releases are older than the matrix): where none has, the
    stated release and Python agree with each other against a line number, and they stand."""
    if not facts.knows("pythons") or not facts.pythons:
        return True
    pythons = {xy(p.version) for p in facts.pythons}
    specs = [specifier(spec) for spec, seen in log.tf_range if "/" in seen]
    admitted = [
        r for r in matrix.tensorflow.releases if all(parsed(r.version) in spec for spec in specs)
    ]
    return not admitted or any(pythons & set(r.python) for r in admitted)


_NIGHTLY = re.compile(r"\d[.-]dev\d")


def not_the_tables_build(
    matrix: Matrix,
    log: LogFacts,
    release: str | None,
    as_named: str | None = None,
    judged_as_neighbours: bool = False,
) -> bool:
    """NVIDIA's build of a version is built with its container's CUDA and cuDNN (and for its
    GPUs), conda's with the cudatoolkit and cuDNN packages it pairs it with
    (AnacondaRecipes/tensorflow_recipes, conda-forge's cuda1xx builds), and a source build with
    whatever its builder had, not those tensorflow.org lists for the same version. as_named:
    the version as stated or read, before it was matched to a row."""
    named = as_named or release or ""
    nvidia = bool(log.ngc_line) or "+nv" in named
    conda = bool(log.conda_gpu_build_line)
    # a nightly ('2.5.0.dev20201108', or as tf.__version__ prints it, '2.5.0-dev20201108') is
    # built with the toolchain of its day, which the final release's row need not share
    # (tf-nightly before 2.5.0 still used CUDA 11.0): the doctor judges it by the rows of its
    # series and the one before where it can (release_range.nightly_neighbours)
    nightly = bool(_NIGHTLY.search(named)) and not judged_as_neighbours
    return nvidia or conda or nightly or compiled_with_other_cudnn(matrix, log, release)


def beyond_the_table(
    matrix: Matrix,
    facts: Facts,
    log: LogFacts,
    candidates: tuple[str, ...],
    release: str | None,
    as_named: str | None,
    judged_as_neighbours: bool = False,
) -> frozenset[str]:
    """The findings tensorflow.org's row cannot judge here: all it says of the build (CUDA,
    cuDNN, kernels) for another build; its CUDA and cuDNN where no PyPI wheel of the releases
    that may have run has CUDA on this platform (Linux on Arm, macOS), which no build there
    loads; macOS's lack of CUDA for a macOS build that loads it."""
    # a macOS build that loads CUDA has CUDA: PyPI's of 1.1 or older, or a community build;
    # so does a release named that is 1.1 or older (1.2 dropped GPU support on macOS)
    on_macos_cuda = frozenset(
        {"macos-no-cuda"} if log.macos_cuda_line or _macos_had_cuda(release) else ()
    )
    if not_the_tables_build(matrix, log, release, as_named, judged_as_neighbours):
        return TABLE_BUILD_IDS | on_macos_cuda
    if _no_cuda_wheel_here(matrix, facts, candidates):
        return VERSION_MISMATCH_IDS | on_macos_cuda
    return on_macos_cuda


LAST_MACOS_CUDA_RELEASE = "1.1"
"""tensorflow-gpu was built for macOS until 1.1; 1.2's macOS install guide says it no longer
provides GPU support there (https://github.com/tensorflow/tensorflow/blob/r1.2/tensorflow/
docs_src/install/install_mac.md)."""


def _macos_had_cuda(release: str | None) -> bool:
    try:
        return release is not None and parsed(release) <= parsed(LAST_MACOS_CUDA_RELEASE)
    except InvalidVersion:
        return False


def _no_cuda_wheel_here(matrix: Matrix, facts: Facts, candidates: tuple[str, ...]) -> bool:
    """Whether every release that may have run has a PyPI wheel without CUDA on the platform
    the facts state (the platform itself, not a guess)."""
    if not candidates or not facts.knows("arch"):
        return False
    arm = facts.platform.arch in ("aarch64", "arm64")
    if facts.knows("os"):
        keys = [platform_key(facts)]
    else:  # an Arm machine is Linux on Arm or a Mac; any other could be any platform
        keys = ["linux_aarch64", "macos_arm64"] if arm else list(PLATFORM_LABELS)
    supports = [
        entry.platforms.get(key)
        for version in candidates
        if (entry := installed_release(matrix, version)) is not None
        for key in keys
    ]
    return bool(supports) and all(s is not None and not s.gpu for s in supports)
