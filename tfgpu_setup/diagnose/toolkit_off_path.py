"""A CUDA library TensorFlow did not find beside a CUDA toolkit that serves its build (stated or
probed): the toolkit is there and the loader does not search its folder. A notebook kernel, a
service or an IDE started without the shell's LD_LIBRARY_PATH, or a toolkit installed without
its folder in ld.so.conf, all look like this; installing CUDA again changes nothing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding
from ..matrix.model import LegacyBuild, TfRelease
from ..versions import serves_build, xy
from .wanted import LIBRARY_FILE, Wanted, searched, version_wanted

WINDOWS_CUDA_HOME = "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA"


def installed_toolkit_off_the_path(
    findings: tuple[Finding, ...],
    facts: Facts,
    release: TfRelease | None,
    wanted: Sequence[Wanted] = (),
    legacy: tuple[str, LegacyBuild] | None = None,
    named_folder: str = "",
    in_conda: bool = False,
) -> tuple[Finding, ...]:
    """cuda-libs-not-found, told to put the installed toolkit's folder on the loader path, for a
    release that loads the system's CUDA (no [and-cuda] wheels) when a CUDA installed serves its
    build and ships every library the log names as failing (`wanted`). legacy: a release older
    than the matrix's rows, with the build its table gives (TensorFlow 1.5: CUDA 9.0);
    named_folder: the folder the log says holds the library (a conda environment's lib)."""
    if release is not None and release.cuda is not None and not release.and_cuda_requires:
        serves, built = f"serves TensorFlow {release.version}", release.cuda
    elif release is None and legacy is not None:
        serves, built = f"serves TensorFlow {legacy[0]}", legacy[1].cuda
    elif release is None and wanted and all(w.minor is not None for w in wanted):
        # no release named: the CUDA the failing libraries' names ask for (libcudart.so.8.0)
        serves, built = "is the one TensorFlow asks for", str(wanted[0])
    else:
        return findings
    if not facts.knows("cuda"):
        return findings
    toolkit = next(
        (
            c
            for c in facts.cuda
            if c.version
            and c.kind in ("toolkit", "runtime")
            and serves_build(built, c.version)
            and all(w.accepts(c.version) for w in wanted)
        ),
        None,
    )
    if toolkit is None:
        return findings
    version = toolkit.version or built  # (the one chosen has a version)
    windows = facts.knows("os") and facts.platform.os == "windows"
    # (the folder the log itself says holds the library, a conda environment's, comes first)
    folder = named_folder if named_folder and not windows else None
    folder = folder or _library_folder(toolkit.path, version, windows, in_conda)
    # a CUDA stated by its version alone has no known home: conda's is as likely as a system's
    # (tensorflow#52988: conda's cudatoolkit 11.2, off the path under TensorFlow 2.7)
    by_version_only = toolkit.source.startswith("flag") and folder.startswith("/usr/local/cuda")
    elsewhere = (
        f" {folder} is a system install's folder; conda's cudatoolkit is in the environment's"
        " own $CONDA_PREFIX/lib ('which nvcc' or 'conda list cudatoolkit' says which)."
        if by_version_only and not windows
        else ""
    )
    where = (
        f"add {folder} to PATH, and cuDNN's bin folder where it sits apart from CUDA's, then"
        " open a new terminal"
        if windows
        else f"export LD_LIBRARY_PATH={folder}:$LD_LIBRARY_PATH in the shell that starts it; for a"
        " Jupyter kernel, set it in the kernel's own env (kernel.json's 'env'; 'tfgpu-setup"
        " kernel install' writes one for its environment); or add the folder to"
        " /etc/ld.so.conf.d/cuda.conf and run 'sudo ldconfig'"
    )
    fix = (
        f"CUDA {version} is installed and {serves}: put its"
        f" library folder on the loader path where the program runs ({where}).{elsewhere}"
    )
    said = (
        f"CUDA {version} installed ({toolkit.source}) {serves}"
        f" (built with CUDA {built}): the loader did not search its folder"
    )
    out = []
    for f in findings:
        if (
            f.id != "cuda-libs-not-found"
            or not _ships_every_library_named(f, version)
            # TensorRT's libraries are no CUDA toolkit's (YOLOv3#105: libnvinfer.so.6), and
            # CUPTI is in the toolkit's extras/CUPTI folder, not its library folder
            or any(_NOT_IN_THE_LIBRARY_FOLDER.search(e) for e in f.evidence)
        ):
            out.append(f)
        elif not windows and (lib := _searched_in_vain(wanted, folder)):
            out.append(_not_in_its_folder(f, lib, folder, version))
        elif not windows and version.startswith("10.1") and "libcublas.so.10" in str(f.evidence):
            # CUDA 10.1's cuBLAS (10.2) lives outside its folder (tensorflow#44312, #26182)
            cublas = (
                " CUDA 10.1's cuBLAS packages (cuBLAS 10.2) install libcublas.so.10 outside its"
                " folder, in /usr/local/cuda-10.2/lib64 or /usr/lib/x86_64-linux-gnu: 'ldconfig"
                " -p | grep libcublas' finds it; put that folder on the path too."
            )
            out.append(
                dataclasses.replace(
                    f, evidence=(*f.evidence, said), fix=fix + cublas, source=CUBLAS_10_1_SOURCE
                )
            )
        else:
            out.append(dataclasses.replace(f, evidence=(*f.evidence, said), fix=fix))
    return tuple(out)


_NOT_IN_THE_LIBRARY_FOLDER = re.compile(
    r"\b(?:libnvinfer|nvinfer_\d|libnvonnxparser|libnvparsers)"
    # (CUPTI named as a library, not the extras/CUPTI folder a dlerror's path lists)
    r"|\blibcupti\b|\bcupti64_|\bcupti_wrapper\b",
    re.IGNORECASE,
)
CUBLAS_10_1_SOURCE = "https://github.com/tensorflow/tensorflow/issues/44312"


def _searched_in_vain(wanted: Sequence[Wanted], folder: str) -> str:
    """The library file a failing line asked for in `folder` (its dlerror's LD_LIBRARY_PATH
    lists it) and did not find, or ''."""
    for w in wanted:
        named = LIBRARY_FILE.search(w.line)
        if named is not None and _as_lib64(folder) in {_as_lib64(e) for e in searched(w)}:
            return named.group(0)
    return ""


_TARGETS_LIB = re.compile(r"/targets/[\w-]{1,40}-linux/lib/?$")


def _as_lib64(folder: str) -> str:
    """A toolkit's library folder by one name: lib64 is a link to targets/<arch>-linux/lib
    (ArjunaUsers#9 searched the latter)."""
    return _TARGETS_LIB.sub("/lib64", folder.rstrip("/"))


def _not_in_its_folder(finding: Finding, lib: str, folder: str, version: str) -> Finding:
    """The loader searched the CUDA's folder and the library is not in it: putting the folder on
    the path again changes nothing. CUDA 10.1's cuBLAS packages (cuBLAS 10.2) put
    libcublas.so.10 in cuda-10.2's folder or the system's (tensorflow#44312, #26182)."""
    said = f"the loader searched {folder} (the log's LD_LIBRARY_PATH) and {lib} is not in it"
    if version == "10.1" and lib.startswith("libcublas"):
        fix = (
            f"CUDA 10.1's cuBLAS packages (cuBLAS 10.2) install {lib} outside cuda-10.1's"
            " folder, in /usr/local/cuda-10.2/lib64 or /usr/lib/x86_64-linux-gnu: find it"
            f" ('ldconfig -p | grep {lib}') and put that folder on LD_LIBRARY_PATH too; if it"
            " is nowhere, install cuBLAS ('sudo apt install libcublas10')."
        )
        source = CUBLAS_10_1_SOURCE
    else:
        fix = (
            f"{lib} is not in CUDA {version}'s folder, which the loader searched: find where it"
            f" is ('ldconfig -p | grep {lib}', or 'find / -name \"{lib}*\"') and put that"
            f" folder on LD_LIBRARY_PATH, or reinstall that library of CUDA {version}."
        )
        source = finding.source
    return dataclasses.replace(finding, evidence=(*finding.evidence, said), fix=fix, source=source)


def _library_folder(home: str, version: str, windows: bool, in_conda: bool = False) -> str:
    """Where the CUDA's libraries are: under its folder, or a conda environment's own where the
    log only listed it (a 'conda list' row, 'cudatoolkit 11.2.2 ...', in place of a path) or
    shows a conda environment; a CUDA known only from the runtime TensorFlow loaded is the
    toolkit's default folder (tensorflow/models#9272: no conda in sight)."""
    if re.match(r"[A-Za-z]:\\", home):
        return f"{home}\\bin"
    conda_row = re.match(r"[\s>]*(?:cudatoolkit|cuda-toolkit|cuda-cudart|cuda-runtime)\b", home)
    if not home.startswith("/") and (in_conda or conda_row is not None):
        return "%CONDA_PREFIX%\\Library\\bin" if windows else "$CONDA_PREFIX/lib"
    if not home.startswith("/"):
        home = f"/usr/local/cuda-{xy(version)}"
    if not windows:
        return f"{home}/lib64"
    # a Linux default, for a CUDA stated before the log showed Windows
    return f"{WINDOWS_CUDA_HOME}\\v{xy(version)}\\bin"


def _ships_every_library_named(finding: Finding, version: str) -> bool:
    """Each CUDA library file the finding's evidence names is one this CUDA ships (not a cuDNN
    built for another CUDA asking for its cuBLAS, cublasLt64_12.dll beside CUDA 11)."""
    named = (version_wanted(n, "") for e in finding.evidence for n in LIBRARY_FILE.findall(e))
    return all(w is None or w.accepts(version) for w in named)
