"""Signatures: installing and importing TensorFlow, and the environment it runs in."""

from __future__ import annotations

import dataclasses
import re

from packaging.specifiers import SpecifierSet

from ...findings import Severity
from .model import (
    CUDA_ENV_VARS_URL,
    CUDA_LIB_NAMES,
    DLOPEN_NEEDLES,
    DRIVER_ROOTS,
    LIBRARY_IDS,
    LIBS_FIX,
    LOADER_COULD_NOT_OPEN,
    PROCEDURE_NOT_FOUND,
    ROCM_LIB_NAMES,
    Signature,
    Variant,
    compiled,
)

TENSORFLOW_REQUIREMENTS = (
    r"absl|astunparse|flatbuffers|gast|pasta|opt_einsum|termcolor|wrapt|ml_dtypes"
    r"|tensorflow_estimator|tensorflow_io_gcs_filesystem|keras_preprocessing|keras_applications"
)
"""The modules of TensorFlow's own requirements (setup.py's REQUIRED_PACKAGES, 1.x to 2.x) that
little else needs: numpy, protobuf, six, h5py and keras are everyone's."""
REQUIREMENT_MISSING = r"No module named '?(?P<module>" + TENSORFLOW_REQUIREMENTS + r")\b(?!\.)'?"
"""Python's words for one of them missing, quoted (Python 3) or bare (Python 2)."""
INCOMPLETE_INSTALL_TITLE = (
    "TensorFlow's install is incomplete: {module}, a package it imports, is missing"
)
HIDING_VALUE_TITLE = "CUDA_VISIBLE_DEVICES is set to {value}, which hides every GPU"
HIDING_VALUE_FIX = (
    "Remove that setting (in the code, the shell, the notebook's environment or the job"
    " script), or set it to the GPUs to use: UUIDs from 'nvidia-smi -L', or indices with"
    " CUDA_DEVICE_ORDER=PCI_BUS_ID (CUDA's own order is fastest first, not nvidia-smi's)."
)
"""What a value of CUDA_VISIBLE_DEVICES that hides the GPUs says, set or echoed."""
H5PY_FROM_ONE_SOURCE = (
    "Reinstall h5py and HDF5 from one source, in the environment that runs the code:"
    " 'conda install -c conda-forge h5py hdf5' in a conda environment, or 'pip install"
    " --force-reinstall h5py' (its wheels carry their own HDF5; a pip h5py beside a conda hdf5"
    " mixes the two)."
)
ADDON_MODULES = (
    r"tensorflow_(?:text|addons|io|probability|decision_forests|recommenders|ranking|hub"
    r"|transform|model_optimization|federated|datasets|graphics)|keras_cv|keras_nlp|keras_hub"
    r"|tf_keras|official"
)
"""The import names of TensorFlow's add-ons (a frame in their folder is the add-on's code)."""
_NOT_AN_ENVIRONMENT = (
    r"(?![^\s:,'\"]{0,300}?(?<![\w.-])(?:(?:site|dist)-packages|tensorflow(?:_core)?[/\\]python"
    r"|tensorflow_(?!core\b)[a-z_]{2,40}|tf_[a-z_]{2,40}|horovod)[/\\])"
)
"""After a folder read as an add-on's: no site-packages, TensorFlow's own folder or another
add-on-shaped folder further down the path, so the folder is not a virtualenv's, a conda
environment's or pip --target's that merely has an add-on's shape ('envs/tf_gpu',
'tensorflow_gpu', 'tf_libs'), nor a project's folder holding its own ops ('tf_projects/.../tf_ops';
reviews 110 and 111)."""
ADDON_FRAME_NEEDLES = (
    "packages/tensorflow_",
    "packages\\tensorflow_",
    "packages/keras_",
    "packages\\keras_",
    "packages/tf_keras",
    "packages/official",
)
ADDON_RELEASE_FIX = (
    "Install the add-on release made for this TensorFlow (each add-on's README has a"
    " compatibility table; tensorflow-text follows TensorFlow's X.Y; tensorflow-io is numbered"
    " 0.N and its table ends at 0.37 for TensorFlow 2.16 and 2.17, 2.18 and later failing to"
    " load it (tensorflow/io#2104); TensorFlow Addons ended with 2.15), or pin TensorFlow to"
    " the add-on's; a nightly"
    " TensorFlow needs the add-ons' nightlies, and an add-on built from source the"
    " compiler TensorFlow was built with."
)
INCOMPLETE_INSTALL_FIX = (
    "Reinstall TensorFlow with its dependencies in the interpreter that runs your code"
    " ('python -m pip install --force-reinstall tensorflow==<its version>', never with"
    " --no-deps), or create a fresh environment ('tfgpu-setup apply')."
)

OP_REBUILD_FIX = (
    "Rebuild the op against the TensorFlow installed, with its own flags"
    ' (python -c "import tensorflow as tf; print(tf.sysconfig.get_compile_flags(),'
    ' tf.sysconfig.get_link_flags())", the -D_GLIBCXX_USE_CXX11_ABI value among'
    " them); for a package's op (pip's site-packages), install its release made for"
    " this TensorFlow, or the TensorFlow release it was made for."
)
"""What mends an op library built against another TensorFlow or with other flags."""

IMPORT_FAILED = (
    r"(?:ImportError|OSError|NotFoundError|UnsatisfiedLinkError|(?<!\. )\bError)\b[^\n]{0,200}?:"
)
"""The exception line when a shared library TensorFlow links cannot be loaded: Python's, Java's
(UnsatisfiedLinkError) or Node's (tfjs-node: a bare 'Error:'; cuDNN's 'Could not load library X.
Error: X: ...' is its own signature)."""
LOADER_FAILED = (
    rf"(?:(?:{IMPORT_FAILED}|error while loading shared libraries:) |^[ \t>`*]{{0,8}}(?=lib))"
)
TF_PROGRAMS = r"tensorflow_model_server|i?python[\d.]{0,5}|deepspeech|label_image|benchmark_model"
"""Programs that run TensorFlow itself (mozilla/DeepSpeech#1981: its native client)."""
TF_LOADER_FAILED = (
    rf"(?:(?:{IMPORT_FAILED}|(?<![\w-])(?:{TF_PROGRAMS}):"
    r" error while loading shared libraries:) |^[ \t>`*]{0,8}(?=lib))"
)
"""The same, where the program whose loader failed is TensorFlow's (Python, TensorFlow Serving,
or a program that links TensorFlow's C++ library: DeepSpeech's client, the label_image and
benchmark_model examples): darknet's or deviceQuery's 'error while loading shared libraries'
says what they need."""
"""What comes before a library the loader could not open: the exception line, a program's own
'error while loading shared libraries:' (tensorflow_model_server), or nothing where a pasted
excerpt starts with the loader's message itself."""

TF_LOADER_FAILED_OR_QUOTED = rf"(?:(?P<bare>(?i:ImportError): )|{TF_LOADER_FAILED})"
OPEN_FAILED_OR_TRUNCATED = (
    r"(?::? cannot open shared object file"
    r"|(?(bare)(?<=\d)(?=['\"`]|[.,;)]?[ \t]*$)|(?!)))"
)
"""The import's exception quoted short, ending at the library's versioned name ('ImportError:
libcusolver.so.8.0', in a title or a sentence: CRNN_Tensorflow#182): only right after
'ImportError: ', never a bare name at a line's start, which 'ls' lists too."""

TF_DISTRIBUTION = (
    r"(?:tensorflow(?:[-_](?:gpu|cpu(?:-aws)?|intel|macos|aarch64|rocm|directml|metal))?"
    r"|tf[-_]nightly(?:[-_](?:gpu|cpu))?(?:[-_]2[._-]0[-_]preview)?|(?:intel|nvidia)[-_]tensorflow)"
    r"(?![\w-])"
)
"""A TensorFlow distribution's name, whole: tensorflow-io-gcs-filesystem or tensorflow-text
missing a wheel is that dependency's problem, not TensorFlow's."""
IMAGE_BUILD_STEP = "image-build-step"
GCS_WITHOUT_FILE_FIX = (
    "On Windows, pin it below 0.32 ('{tool} \"tensorflow-io-gcs-filesystem<0.32\"') and lock"
    " again; on Python 3.13 or newer it publishes no wheel at all (tensorflow/io#2109): use"
    " Python 3.12 or older, or a TensorFlow release that no longer requires it. Elsewhere check"
    " its files on PyPI ('pip download tensorflow-io-gcs-filesystem=={version} --no-deps' says"
    " what is missing)."
)
PIN_CONFLICT_TITLE = (
    "pip cannot install tensorflow[and-cuda] {version}{version2} beside {other}{other2}"
    " {other_version}{other_version2}: both pin {wheel}{wheel2}, to {pin}{pin2} and"
    " {other_pin}{other_pin2}, so nothing was installed"
)
PIN_CONFLICT_FIX = (
    "Give each framework its own environment (the usual way: each keeps the CUDA wheels it was"
    " built with), or pick releases whose pins agree (both publish the NVIDIA wheels they pin)."
    " Dropping [and-cuda] beside the other's wheels works only where they are the CUDA major and"
    " cuDNN this TensorFlow was built with."
)
PIN_CONFLICT_SOURCE = "https://pip.pypa.io/en/latest/topics/dependency-resolution/"
PIN_CONFLICT_ROWS = 7
"""How many lines below the first the other row of pip's conflict is looked for."""


def pin_conflict_signature(name: str, wheel: str, finding_id: str) -> Signature:
    """The reading of pip's conflict between tensorflow[and-cuda] and another package over one
    kind of NVIDIA wheel (a pattern for its name), named for that wheel's library."""
    return Signature(
        name=name,
        needles=(" depends on nvidia-",),
        spans_lines=PIN_CONFLICT_ROWS,
        pattern=compiled(pin_conflict(wheel)),
        finding_id=finding_id,
        severity=Severity.ERROR,
        title=PIN_CONFLICT_TITLE,
        fix=PIN_CONFLICT_FIX,
        source=PIN_CONFLICT_SOURCE,
        subject="{wheel}{wheel2}",
    )


def pin_conflict(wheel: str) -> str:
    """pip's 'The conflict is caused by:' rows: tensorflow[and-cuda] and another package
    pinning the same NVIDIA wheel (a pattern for wheel) to two versions, in either order."""
    tensorflow = r"tensorflow\[and-cuda\] (?P<version{n}>\d[\w.]{{0,20}}) depends on "
    other = (
        r"(?P<other{n}>(?!tensorflow)[A-Za-z][\w.-]{{0,40}}) (?P<other_version{n}>\d[\w.+]{{0,30}})"
        r" depends on "
    )
    between = rf"[^\n]{{0,200}}\n(?:[^\n]{{0,300}}\n){{0,{PIN_CONFLICT_ROWS - 1}}}?[ \t]*"
    tf_first = (
        tensorflow.format(n="")
        + rf"(?P<wheel>{wheel})==(?P<pin>[\w.]{{1,30}})"
        + between
        + other.format(n="")
        + r"(?P=wheel)==(?P<other_pin>[\w.]{1,30})"
    )
    other_first = (
        other.format(n="2")
        + rf"(?P<wheel2>{wheel})==(?P<other_pin2>[\w.]{{1,30}})"
        + between
        + tensorflow.format(n="2")
        + r"(?P=wheel2)==(?P<pin2>[\w.]{1,30})"
    )
    return tf_first + "|" + other_first


PIP_TOO_OLD_LIST = "pip-too-old-for-manylinux2010"
PIP_19_OR_NEWER = "pip-19-or-newer-shown"
PIP_ASKED_MANYLINUX1 = "pip-asked-for-manylinux1"
AND_CUDA_MISSING = (
    "which has no [and-cuda] extra (2.14 and newer): no NVIDIA libraries came with it"
)
AND_CUDA_MISSING_FIX = (
    "Install a release with the extra for this Python ('tfgpu-setup plan' picks it), or the CUDA"
    " and cuDNN that {version} was built with on the system."
)
AND_CUDA_MISSING_SOURCE = "https://github.com/tensorflow/tensorflow/issues/61993"
CONDA_CHAIN_TITLE = "conda has no {package} build for this environment's Python"
NCHW_ON_CPU_SOURCE = "https://github.com/tensorflow/tensorflow/issues/20405"
"""Where an op run on the CPU in the GPU-only NCHW layout is explained."""
DLL_LOAD_FIX = (
    "With tensorflow-gpu before 2.1 the CUDA and cuDNN DLLs must be the exact versions the"
    " release was built with, with their bin folders on PATH. Otherwise install the Microsoft"
    " Visual C++ Redistributable (msvcp140_1.dll), and check that the CPU has AVX (TensorFlow's"
    " wheels need it)."
)
VC_RUNTIME_FIX = (
    "Install the latest Microsoft Visual C++ Redistributable for Visual Studio 2015-2022 (x64)"
    " from Microsoft and restart the shell; if it persists, check that the CPU has AVX."
)
CUT_TRACEBACK_NOTE = (
    " The traceback's last line names the failure: paste it down to there to be sure."
)
NATIVE_LOAD_CUT = "windows-native-load-cut"
TF_MODULE = r"(?: while importing (?P<module>_?pywrap_\w{1,40}))?(?=:)"
"""'DLL load failed' naming TensorFlow's native module (Python 3.8 on names it), or none (3.7
and older): NumPy's or OpenCV's DLL failures are theirs."""

DLL_PROCEDURE_NOT_FOUND = "windows-dll-procedure-not-found"
DLL_OF_ANOTHER_VERSION_FIX = (
    "Run 'where cudart64_*.dll cudnn64_*.dll msvcp140*.dll' in the same terminal: the first of"
    " each is the one loaded. The CUDA and cuDNN DLLs must be the versions this release was"
    " built with ('tfgpu-setup matrix show X.Y'); move other copies (another CUDA's bin folder,"
    " one another program bundled) after them on PATH or remove them, and install the latest"
    " Microsoft Visual C++ Redistributable (x64) where an older msvcp140 is found first."
)
"""Windows loaded a DLL of the right name that lacks a function TensorFlow imports."""
WINDOWS_ERROR_CODES = (
    "https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-"
)

VM_HIDES_THE_CPU = (
    " In a virtual machine the hypervisor hides instructions from a CPU that has them: pass the"
    " host CPU through (Proxmox or KVM: CPU type 'host', QEMU '-cpu host'; VirtualBox on Windows:"
    " turn Hyper-V off on the host)."
)
"""What a guest's missing AVX is where the host has it (survey 11o: Proxmox and VirtualBox)."""

AVX2_WHEELS = Variant(
    finding_id="cpu-lacks-avx",
    title=(
        "TensorFlow 2.4.0's PyPI wheels need AVX2 (built so by mistake): a CPU with AVX but"
        " without AVX2 cannot import it"
    ),
    fix="{defect_workaround}.",
    source="{defect_source}",
    defect="tf-2.4.0-wheels-need-avx2",
)

BEFORE_AVX_WHEELS = Variant(
    finding_id="cpu-lacks-avx",
    title=(
        "Python died on an illegal instruction, but TensorFlow's PyPI wheels before 1.6 use no"
        " AVX: a build compiled for newer CPU instructions than this CPU has (conda's, a"
        " community wheel, a source build), or another extension module"
    ),
    fix=(
        "Find which module raised it (python -X faulthandler your_script.py names it); for a"
        " TensorFlow built for this machine's CPU, use PyPI's wheel of that release or build it"
        " with -march=native."
    ),
    source="https://github.com/tensorflow/tensorflow/issues/45872",
    tf_versions=SpecifierSet("<1.6"),
)

TF1_CODE_FIX_TAIL = (
    "; for old code 'import tensorflow.compat.v1 as tf; tf.disable_v2_behavior()'); under"
    " standalone Keras 2.2 or older, install Keras 2.3.1 or use tf.keras; or run the code with"
    " TensorFlow 1.15 (Python 3.7 or older)."
)
TF1_NAME_UNDER_TF1 = Variant(
    # the release that ran is a 1.x, which has the name: the TensorFlow imported is another
    # one (a TensorFlow 2 in the Python that ran, or the user's own tensorflow.py)
    finding_id="wrong-python-environment",
    title=(
        "TensorFlow 1.x has this name (tf.{name}), so the TensorFlow this code imported is not"
        " that 1.x: the Python that ran it has another TensorFlow (or a file or folder named"
        " tensorflow)"
    ),
    fix=(
        "Run the script's own Python with 'import tensorflow as tf; print(tf.__version__,"
        " tf.__file__)': install TensorFlow 1.x into that Python (or run the script with the"
        " Python that has it), and rename any tensorflow.py or tensorflow/ folder of your own"
        " beside the script."
    ),
    source="https://www.tensorflow.org/guide/migrate",
    tf_versions=SpecifierSet("<2"),
)
PIP_PERMISSION_FIX = (
    "Install into a virtual environment you own ('python3 -m venv ~/tf && ~/tf/bin/pip install"
    " ...', or 'tfgpu-setup apply'), never with sudo; on Windows close the programs using that"
    " environment's files (another Python, an IDE) and try again. Files root owns from an"
    " earlier 'sudo pip' need their owner back ('sudo chown -R $USER' on that folder)."
)
DISK_FULL_TITLE = "The disk filled up while TensorFlow was being installed: nothing was installed"
PIP_DISK_FULL_FIX = (
    "Free space where pip unpacks and caches (TensorFlow with its NVIDIA wheels needs several"
    " GB): 'pip cache purge', install with 'pip install --no-cache-dir ...', and point TMPDIR at"
    " a disk with room ('TMPDIR=/big/tmp pip install ...'; in a container, the image's or the"
    " node's disk); 'df -h' shows which one is full."
)
INSTALL: tuple[Signature, ...] = (
    # --- Installing and importing TensorFlow, and the environment it runs in. ---
    Signature(
        # NumPy 2 importing an extension compiled against NumPy 1.x: NumPy's own warning, then
        # the import's error (TensorFlow 2.18 is the first built with NumPy 2.0).
        name="numpy-2-under-a-numpy-1-build",
        needles=(
            "compiled using NumPy 1.x cannot be run in",
            "_ARRAY_API not found",
            "compiled against ABI version 0x1",
        ),
        pattern=compiled(
            r"A module that was compiled using NumPy 1\.x cannot be run in"
            r"|AttributeError: _ARRAY_API not found"
            # NumPy's ABI number: 0x1000009 is every 1.x's, 0x2000000 2.x's
            r"|module compiled against ABI version 0x1[0-9a-fA-F]{6} but this version of numpy"
            r" is 0x2[0-9a-fA-F]{6}"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title="NumPy 2 is installed, and a module imported here was compiled against NumPy 1.x",
        fix=(
            "Install NumPy 1.x ('pip install \"numpy<2\"') for TensorFlow 2.17 and older, or"
            " TensorFlow 2.18 or newer, the first built with NumPy 2.0. Where the traceback names"
            " another package's module, that package needs its release for NumPy 2."
        ),
        source="https://github.com/tensorflow/tensorflow/releases/tag/v2.18.0",
    ),
    Signature(
        # pip's check after an install: a TensorFlow built with NumPy 1.x left beside NumPy 2,
        # which it cannot import with (Deep-Live-Cam#485: tensorflow-intel 2.12.1 and NumPy
        # 2.1.0; 'pip install numpy==1.24.3' mended it)
        name="numpy-2-beside-a-numpy-1-build",
        needles=("but you have numpy 2", "but you'll have numpy 2"),
        pattern=compiled(
            # (releases before 2.18: 2.18 is the first built with NumPy 2, and a NumPy 2 minor
            # outside its range imports)
            rf"(?P<dist>{TF_DISTRIBUTION}) (?P<version>(?:[01]\.\d{{1,2}}|2\.(?:1[0-7]|\d))"
            r"(?![\d])[\w.]{0,12}) (?:has requirement|requires) numpy"
            r"(?P<spec>[<>=!~][\w.,<>=!~*]{1,60}?)(?:; [^,\n]{1,80})?, but you(?:'ll)? have numpy"
            r" (?P<have>2\.\d{1,3}(?:\.\d{1,3})?)"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "pip left NumPy {have} beside {dist} {version}, which requires numpy{spec}: a"
            " TensorFlow built with NumPy 1.x does not import under NumPy 2"
        ),
        fix=(
            "Install the NumPy it requires ('pip install \"numpy<2\"') in that environment, or"
            " TensorFlow 2.18 or newer, the first built with NumPy 2.0."
        ),
        source="https://github.com/hacksider/Deep-Live-Cam/issues/485",
    ),
    Signature(
        # TensorFlow registering its bfloat16 type through pybind11 with a NumPy it was not
        # built for (NumPy 2 under a build for 1.x, most often since 2024; SimpleHTR#148 and
        # tensorflow#85070 show the same stop at framework/dtypes.py)
        name="numpy-2-under-tensorflows-bfloat16",
        needles=("TF_bfloat16_type",),
        pattern=compiled(
            # (a notebook's traceback puts numbered context lines between: review 96)
            r"_pywrap_bfloat16\.TF_bfloat16_type\(\)[ \t]*\r?\n(?:[^\n]{0,200}\r?\n){0,5}?"
            r"[ \t>]*TypeError: Unable to convert function return value to a Python type"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The NumPy installed is not one this TensorFlow was built for (most often NumPy 2"
            " under a build for 1.x): registering its bfloat16 type fails, and its import stops"
        ),
        fix=(
            "Install the NumPy this TensorFlow requires, in the environment that runs the code:"
            " 'pip install \"numpy<2\"' for TensorFlow 2.17 and older ('pip check' names the"
            " range), or TensorFlow 2.18 or newer, the first built with NumPy 2.0."
        ),
        source="https://numpy.org/devdocs/user/troubleshooting-importerror.html",
        spans_lines=6,
    ),
    Signature(
        # h5py's compiled modules loading against another HDF5 than the one they were built
        # for (Keras imports h5py to save and load models): Windows' missing procedure in the
        # HDF5 DLL under h5py's frames, Linux's undefined H5 symbol, macOS's missing _H5 symbol
        # in an h5py module (h5py#2037: a conda h5py beside a conda hdf5 of another build)
        name="h5py-built-for-another-hdf5",
        needles=("in init h5py.", "undefined symbol: H5", "Symbol not found: _H5"),
        pattern=compiled(
            r"in init h5py\.\w{1,30}[ \t]*\r?\n(?:[^\n]{0,300}\r?\n){0,3}?[ \t>]*ImportError:"
            r" DLL load failed(?: while importing \w{1,30})?: The specified procedure could not"
            r" be found"
            r"|[/\\]h5py[/\\][\w.-]{1,80}: undefined symbol: H5\w{1,80}"
            # (macOS 12 on prints dlopen's flags in hex: '0x0002')
            r"|[/\\]h5py[/\\][\w.-]{1,80}, (?:0x)?[\da-fA-F]{1,8}\): Symbol not found: _H5\w{1,80}"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "h5py's compiled module cannot load against the HDF5 library it found: h5py was"
            " built for another HDF5"
        ),
        fix=H5PY_FROM_ONE_SOURCE + " Then check with 'python -c \"import h5py\"'.",
        source="https://github.com/h5py/h5py/issues/2037",
        spans_lines=4,
    ),
    Signature(
        # HDF5's own check of the headers a module was compiled with against the library it
        # loaded (h5py, or TensorFlow's HDF5 users through it): 'Headers are 1.10.4, library is
        # 1.10.6', then an abort unless the check is disabled (review 98)
        name="hdf5-headers-not-the-library",
        needles=("HDF5 library version mismatched error", "Headers are "),
        pattern=compiled(
            r"\*\*\*HDF5 library version mismatched error\*\*\*"
            r"|^[ \t]*Headers are (?P<headers>\d+(?:\.\d+){1,2}), library is"
            r" (?P<library>\d+(?:\.\d+){1,2})",
            re.MULTILINE,
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "A module (most often h5py) was compiled against another HDF5 than the library it"
            " loaded: HDF5 stops the process"
        ),
        fix=H5PY_FROM_ONE_SOURCE
        + " Check LD_LIBRARY_PATH for another libhdf5; do not silence it with"
        " HDF5_DISABLE_VERSION_CHECK: its own message warns of corrupt data.",
        source="https://github.com/h5py/h5py/issues/2037",
    ),
    Signature(
        # An extension compiled against a newer NumPy C API than the NumPy installed.
        name="numpy-older-than-a-build",
        needles=("but this version of numpy is",),
        pattern=compiled(
            # (NumPy before 1.12 printed the versions without '0x': 'version a ... is 9')
            r"module compiled against"
            r" (?:API|ABI(?! version 0x1[0-9a-fA-F]{6} but this version of numpy is 0x2))"
            r" version (?P<built>(?:0x)?[0-9a-fA-F]{1,8}) but"
            r" this version of numpy is (?P<have>(?:0x)?[0-9a-fA-F]{1,8})"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The NumPy installed (C API {have}{numpy_have}) is older than the one a module"
            " imported here was compiled against ({built}{numpy_built})"
        ),
        fix=(
            "Upgrade NumPy to one with that C API, in the environment that runs the code"
            " ({numpy_upgrade}). Where TensorFlow's own requirement caps NumPy below it ('pip"
            " check' says so), the module built against the newer NumPy is another package's or a"
            " build not from PyPI: install that package's release built for the NumPy TensorFlow"
            " allows, or a TensorFlow whose range reaches it. Where pip already shows a newer"
            " NumPy, an older copy (the OS's python3-numpy, a stray site-packages folder) is the"
            " one imported: 'python -c \"import numpy; print(numpy.__file__, numpy.__version__)\"'"
            " names it; remove that copy."
        ),
        source="https://numpy.org/devdocs/user/troubleshooting-importerror.html",
    ),
    Signature(
        # TensorFlow 1.x's bfloat16 type registering itself with NumPy's float types: the CHECK
        # fails where the NumPy installed is not the one the build was compiled for (older:
        # tensorflow#25636, 1.13 needs NumPy 1.16; or NumPy 2 under a 1.x build)
        name="numpy-bfloat16-registration",
        needles=("PyBfloat16_Type.tp_base",),
        pattern=compiled(r"PyBfloat16_Type\.tp_base != nullptr"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "TensorFlow's bfloat16 type could not register with the NumPy installed: that NumPy"
            " is not one this build was compiled for (older than its build, or NumPy 2 under a"
            " 1.x build)"
        ),
        fix=(
            "Install the NumPy this TensorFlow was built for, in the environment that runs the"
            " code: 'pip install -U \"numpy<2\"' for TensorFlow 1.13 to 2.15 (1.13 needs 1.16 or"
            " newer); 'pip check' names the range it declares."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25636",
    ),
    Signature(
        # protobuf 4.21 and newer refuse descriptors made by code generated before protoc 3.19,
        # which TensorFlow 2.9 and older ship.
        name="protobuf-newer-than-generated-code",
        needles=(
            "Descriptors cannot not be created directly",
            "Descriptors cannot be created",
            "google._upb._message",
        ),
        # (and protobuf 4.21's upb backend refusing the same code: tensorflow#56077)
        pattern=compiled(
            r"Descriptors cannot (?:not )?be created directly"
            r"|module '?google\._upb\._message'? has no attribute '?Message\b"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The protobuf installed (4.21 or newer) cannot load the older generated code that"
            " TensorFlow (or a package beside it) ships"
        ),
        fix=(
            "Install the protobuf this TensorFlow was made for: 'pip install \"protobuf<=3.20.3\"'"
            " (TensorFlow's own patch releases pin protobuf below 3.20), or a TensorFlow of 2.10"
            " or newer. PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python also works, slowly."
        ),
        source="https://developers.google.com/protocol-buffers/docs/news/2022-05-06#python-updates",
        variants=(
            Variant(
                # TensorFlow 2.12 and newer ship code generated for protobuf 4 (2.18 on, for 5.26
                # or newer): the old generated code is another package's, and going below the
                # release's own floor breaks TensorFlow instead (review 96)
                finding_id="dependency-version-mismatch",
                title=(
                    "The protobuf installed cannot load older generated code that a package beside"
                    " TensorFlow ships (this TensorFlow's own needs that protobuf)"
                ),
                fix=(
                    "Upgrade that package (the traceback's _pb2.py files name it) to a release"
                    " made for the protobuf installed; where those files are the project's own"
                    " (object_detection/protos), regenerate them with a protoc of the installed"
                    " protobuf's major. For a quick run,"
                    " PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python (slow). Do not"
                    " install a protobuf below what this TensorFlow requires ('pip check' names"
                    " it): 2.12 and newer need 3.20.3 or newer, and the code 2.18 and newer"
                    " generated needs 5.26 or newer."
                ),
                source="https://protobuf.dev/support/cross-version-runtime-guarantee/",
                tf_versions=SpecifierSet(">=2.12"),
            ),
        ),
    ),
    Signature(
        # protobuf's C++ runtime checking the version the compiled code was made for, at load:
        # a libprotobuf of another version already in the process (an older one another
        # extension module or the system loaded first) aborts it (megnet#11: importing
        # TensorFlow first mended it; cpm-tf#20: the system's 2.6.1 under a build for 3.4.0)
        name="protobuf-cpp-runtime-version",
        needles=("of the Protocol Buffer runtime library, but the installed version is",),
        pattern=compiled(
            r"This program requires version (?P<needed>\d+(?:\.\d+){1,2}) of the Protocol"
            r" Buffer runtime library, but the installed version is (?P<have>\d+(?:\.\d+){1,2})"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The protobuf library loaded ({have}) is not the one TensorFlow's compiled code was"
            " built for ({needed}): the process aborts at import"
        ),
        fix=(
            "Where pip or conda report protobuf {needed} in this environment, another module"
            " loaded an older libprotobuf into the process first (a package imported before"
            " TensorFlow, or the system's libprotobuf on LD_LIBRARY_PATH): import tensorflow"
            " before it, or give that package the same protobuf. Otherwise install the protobuf"
            " this TensorFlow requires ('pip check' names it)."
        ),
        source="https://github.com/materialyzeai/megnet/issues/11",
    ),
    Signature(
        # TensorFlow's own generated code importing from a protobuf too old to have it (a
        # conda or system protobuf first on the path: tensorflow#282's symbol_database)
        name="protobuf-older-than-tensorflows-pb2",
        needles=('_pb2.py", line',),
        pattern=compiled(
            r"[/\\](?:tensorflow|tensorboard)[/\\][\w/\\]{1,200}_pb2\.py\", line \d{1,6}, in"
            r" <module>[ \t]*\r?\n[ \t]*from google\.protobuf(?:\.\w{1,40})? import \w{1,60}"
            r"[^\n]{0,200}\r?\n(?:[^\n]{0,300}\r?\n){0,2}?[ \t]*ImportError: cannot import name"
            # (builder and runtime_version have their own readings, with the floor to name)
            r" '?(?!(?:builder|runtime_version)\b)(?P<name>\w{1,60})"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "TensorFlow's generated protobuf code imports {name}, which the protobuf installed"
            " does not have: that protobuf is older than TensorFlow's"
        ),
        fix=(
            "Install the protobuf this TensorFlow requires, in the environment that runs it"
            " ('pip install -U protobuf' within what 'pip check' names); where a conda or"
            " system protobuf comes first on the path, remove it (or a stray 'google' folder"
            " beside the script)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/282",
        spans_lines=4,
    ),
    Signature(
        # Code generated by protoc 5.26 and newer checks the runtime through a module older
        # protobuf releases lack (TensorFlow 2.18 ships such code).
        name="protobuf-older-than-generated-code",
        needles=("runtime_version",),
        pattern=compiled(r"cannot import name '?runtime_version'? from '?google\.protobuf\b"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The protobuf installed is older than the generated code TensorFlow ships: it needs"
            " protobuf 5.26 or newer"
        ),
        fix=(
            "Upgrade protobuf within what this TensorFlow requires ('pip install -U"
            " \"protobuf>=5.26\"'; 'pip check' names the range)."
        ),
        source="https://protobuf.dev/support/cross-version-runtime-guarantee/",
    ),
    Signature(
        # protobuf 6.30 removed MessageFactory.GetPrototype, which TensorFlow up to 2.19 calls
        # at import (tensorflow#94030; a source build's pip took protobuf 6.31, 5.29 mended it)
        name="protobuf-without-get-prototype",
        needles=("GetPrototype",),
        pattern=compiled(r"'?MessageFactory'? object has no attribute '?GetPrototype\b"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The protobuf installed (6.30 or newer) no longer has MessageFactory.GetPrototype,"
            " which this TensorFlow (or a package beside it) calls"
        ),
        fix=(
            "Install a protobuf 5 in that environment ('pip install \"protobuf<6\"'; TensorFlow's"
            " own requirements cap it there, so something else pulled 6 in: 'pip check' names"
            " it), or a TensorFlow release whose requirements allow protobuf 6."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/94030",
    ),
    Signature(
        # standalone Keras 2.4 and 2.5 are wrappers over tf.keras: their __init__ imports a
        # layer TensorFlow added in 2.2 and says this where it fails (keras-team/keras#14149:
        # Keras 2.4.3 beside TensorFlow 1.13.1 on a Jetson; keras 2.2.4 or 2.3 mended it)
        name="keras-wrapper-needs-tensorflow-2-2",
        needles=("Keras requires TensorFlow 2.2 or higher",),
        pattern=compiled(r"Keras requires TensorFlow 2\.2 or higher"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The standalone Keras installed (2.4 or later) runs only on TensorFlow 2.2 or newer,"
            " and the TensorFlow it imported is older (or did not import)"
        ),
        fix=(
            "Keep this TensorFlow and install the Keras of its time ('pip install keras==2.2.4'"
            " for TensorFlow 1.13, 'keras==2.3.1' for 1.14 to 2.1), or use tf.keras and uninstall"
            " keras; or upgrade TensorFlow to 2.2 or newer. Where TensorFlow's own import failed"
            " above this line, that failure comes first."
        ),
        source="https://github.com/keras-team/keras/issues/14149",
        variants=(
            Variant(
                # its own import of TensorFlow failed (the native runtime, a DLL), or the
                # TensorFlow stated is 2.2 or newer: Keras only reports that failure (review 96)
                finding_id="dependency-version-mismatch",
                title=(
                    "Keras says it needs TensorFlow 2.2 or newer because TensorFlow itself did not"
                    " import here: that failure is the cause"
                ),
                fix="Mend TensorFlow's own import failure first (the other finding names it).",
                source="https://github.com/keras-team/keras/issues/14149",
                with_any_signature=frozenset({"native-runtime-not-loaded"}),
                severity=Severity.INFO,
            ),
            Variant(
                finding_id="dependency-version-mismatch",
                title=(
                    "Keras says it needs TensorFlow 2.2 or newer, and the TensorFlow stated is: its"
                    " import failed, or another (older) TensorFlow was imported"
                ),
                fix=(
                    "Run 'python -c \"import tensorflow as tf; print(tf.__version__,"
                    " tf.__file__)\"' with the same Python: mend the error it prints, or remove"
                    " the older copy it names."
                ),
                source="https://github.com/keras-team/keras/issues/14149",
                tf_versions=SpecifierSet(">=2.2"),
            ),
        ),
    ),
    Signature(
        # pip's check after an install: Keras 3 left beside a TensorFlow that requires Keras 2
        # (keras-team/keras#19390: TensorFlow 2.13.1 and Keras 3.1.1), whose tf.keras then
        # imports Keras 3
        name="keras-3-beside-a-keras-2-build",
        needles=("but you have keras 3", "but you'll have keras 3"),
        pattern=compiled(
            rf"(?P<dist>{TF_DISTRIBUTION}) (?P<version>\d{{1,2}}\.\d{{1,2}}[\w.]{{0,12}})"
            r" (?:has requirement|requires) keras(?P<spec>[<>=!~][\w.,<>=!~*]{1,60}?)"
            r"(?:; [^,\n]{1,80})?, but you(?:'ll)? have keras (?P<have>3\.\d{1,3}(?:\.\d{1,3})?)"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "pip left Keras {have} beside {dist} {version}, which requires keras{spec}: its"
            " tf.keras would import Keras 3, which it was not built for"
        ),
        fix=(
            "Install the Keras it requires in that environment ('pip install \"keras{spec}\"'),"
            " or upgrade to TensorFlow 2.16 or newer, the first with Keras 3 (tf_keras there runs"
            " Keras 2 code)."
        ),
        source="https://github.com/keras-team/keras/issues/19390",
    ),
    Signature(
        # protobuf added google.protobuf.internal.builder in 3.20.0; code generated by protoc
        # 3.20 or newer (TensorFlow 2.12 on requires protobuf>=3.20.3) imports it first
        name="protobuf-without-builder",
        needles=("builder",),
        pattern=compiled(r"cannot import name '?builder'? from '?google\.protobuf\.internal\b"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The protobuf installed is older than 3.20: the generated code imported here needs"
            " its google.protobuf.internal.builder"
        ),
        fix=(
            "Upgrade protobuf within what this TensorFlow requires ('pip install -U"
            " \"protobuf>=3.20.3\"' for TensorFlow 2.12 and newer; 'pip check' names the range)."
        ),
        source="https://github.com/protocolbuffers/protobuf/issues/9778",
    ),
    Signature(
        # tf_keras (Keras 2) asked for and not installed: TensorFlow's own warning when
        # TF_USE_LEGACY_KERAS is set, or a library's check under 2.16 and newer
        # (serengil/deepface#1323: 'You have tensorflow 2.17.0 and this requires tf-keras')
        name="tf-keras-missing",
        needles=("tf_keras package installed", "requires tf-keras package"),
        pattern=compiled(
            r"TF_USE_LEGACY_KERAS set to True, but you do not have the tf_keras package installed"
            r"|You have tensorflow (?P<tf>\d+\.\d+(?:\.\d+)?) and this requires tf-keras package"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Keras 2 (the tf_keras package) is asked for and not installed: TensorFlow 2.16 and"
            " newer bring Keras 3 only"
        ),
        fix=(
            "pip install tf_keras (the version of this TensorFlow, e.g. tf_keras~=2.17.0 beside"
            " 2.17) in the same environment, and keep TF_USE_LEGACY_KERAS=1 set before"
            " TensorFlow is imported; or port the code to Keras 3."
        ),
        source="https://github.com/serengil/deepface/issues/1323",
    ),
    Signature(
        # TensorFlow 2.16 and newer install Keras 3, which has no keras.src.engine: code written
        # against Keras 2's internals stops importing.
        name="keras-2-internals-under-keras-3",
        needles=("keras.src.engine",),
        pattern=compiled(r"No module named '?keras\.src\.engine\b"),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Keras 3 is installed (TensorFlow 2.16 and newer bring it): code written against"
            " Keras 2's internals (keras.src.engine) does not import"
        ),
        fix=(
            "Install tf_keras ('pip install tf_keras', Keras 2) and set TF_USE_LEGACY_KERAS=1"
            " before TensorFlow is imported, port the code to Keras 3, or pin TensorFlow 2.15."
        ),
        source="https://github.com/tensorflow/tensorflow/releases/tag/v2.16.1",
    ),
    Signature(
        # Keras 3 (TensorFlow 2.16 on) and the libraries or APIs that stayed on Keras 2 saying so
        # themselves: Hugging Face Transformers' TF models, and Keras 3's own refusal of the
        # legacy optimizers (keras/src/optimizers/__init__.py).
        name="keras-2-code-under-keras-3",
        needles=("Keras is Keras 3", "is not supported in Keras 3"),
        pattern=compiled(
            r"Your currently installed version of Keras is Keras 3, but this is not yet supported"
            r" in (?P<library>\w{2,40})"
            r"|`?(?P<api>keras\.[\w.]{2,60})`? is not supported in Keras 3"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Keras 3 is installed (TensorFlow 2.16 and newer bring it): {library}{api} works with"
            " Keras 2 only"
        ),
        fix=(
            "Install tf_keras ('pip install tf_keras', Keras 2, of TensorFlow's X.Y) and set"
            " TF_USE_LEGACY_KERAS=1 before TensorFlow is imported, or move the code to Keras 3"
            " (and a library release that supports it), or pin TensorFlow 2.15."
        ),
        source="https://github.com/tensorflow/tensorflow/releases/tag/v2.16.1",
        at_work=True,
    ),
    Signature(
        # TensorFlow 2 keeps TF 1.x's graph API (tf.Session, tf.ConfigProto, tf.placeholder)
        # only under tf.compat.v1: code written for 1.x, or standalone Keras before 2.3 (whose
        # backend calls tf.get_default_graph), stops there (TensorFlow's migration guide)
        name="tf1-api-under-tf2",
        needles=("has no attribute",),
        pattern=compiled(
            r"module '?tensorflow'? has no attribute '(?P<name>Session|InteractiveSession"
            r"|ConfigProto|GPUOptions|placeholder|get_default_graph|global_variables_initializer"
            r"|reset_default_graph|set_random_seed|variable_scope|get_variable"
            r"|to_float|log)'"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Code written for TensorFlow 1.x calls tf.{name}, which TensorFlow 2 keeps only as"
            " tf.compat.v1.{name}"
        ),
        fix="Use TensorFlow 2's form (tf.compat.v1.{name}" + TF1_CODE_FIX_TAIL,
        source="https://www.tensorflow.org/guide/migrate",
        variants=(TF1_NAME_UNDER_TF1,),
    ),
    Signature(
        # tf.contrib is the one 1.x namespace TensorFlow 2 dropped outright (not kept under
        # tf.compat.v1): its parts moved to tf-slim, TensorFlow Addons and Keras, or nowhere
        name="tf-contrib-under-tf2",
        needles=("has no attribute", "tensorflow.contrib"),
        # (and the import form: 'from tensorflow.contrib import slim')
        pattern=compiled(
            r"(?:module '?tensorflow'? has no attribute '|No module named '?tensorflow\.)"
            r"(?P<name>contrib)\b"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Code written for TensorFlow 1.x uses tf.contrib, which TensorFlow 2 removed"
            " (tf.compat.v1 has no contrib either)"
        ),
        fix=(
            "Run the code with TensorFlow 1.15 (Python 3.7 or older; its GPU build needs CUDA"
            " 10.0 and cuDNN 7), or port what it uses from tf.contrib: tf.contrib.slim is the"
            " tf-slim package, most layers, losses and optimizers are in tf.keras or TensorFlow"
            " Addons."
        ),
        source="https://www.tensorflow.org/guide/migrate",
        variants=(TF1_NAME_UNDER_TF1,),
    ),
    Signature(
        # The same code stopping in one of TensorFlow 2's submodules, which its API tree names
        # ('module 'tensorflow._api.v2.train' has no attribute 'AdamOptimizer''): tf.train's
        # optimizers and Saver, tf.nn's rnn_cell and tf.summary's FileWriter are 1.x's
        name="tf1-api-under-tf2-submodule",
        needles=("has no attribute",),
        pattern=compiled(
            r"module '?tensorflow(?:_core)?\._api\.v2\.(?P<within>train|nn|summary)'? has no"
            r" attribute"
            r" '(?P<name>AdamOptimizer|GradientDescentOptimizer|MomentumOptimizer"
            r"|RMSPropOptimizer|AdagradOptimizer|AdadeltaOptimizer|Saver|rnn_cell|FileWriter"
            r"|merge_all|get_or_create_global_step|exponential_decay)'"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Code written for TensorFlow 1.x calls tf.{within}.{name}, which TensorFlow 2 keeps"
            " only as tf.compat.v1.{within}.{name}"
        ),
        fix="Use TensorFlow 2's form (tf.compat.v1.{within}.{name}" + TF1_CODE_FIX_TAIL,
        source="https://www.tensorflow.org/guide/migrate",
        variants=(TF1_NAME_UNDER_TF1,),
    ),
    Signature(
        # tf.__internal__ is the private API Keras (keras 2.6 to 2.15, tf_keras) is built
        # against, release by release: a member missing there is a Keras of another TensorFlow
        # release (tf-keras#676: released tf_keras under tf-nightly, mended by
        # tf-keras-nightly). Read without the 'AttributeError:' prefix too, since wrappers such
        # as transformers' import errors print the message alone.
        name="keras-of-another-release",
        needles=("__internal__",),
        pattern=compiled(
            r"module '?tensorflow(?:\._api\.v[12])?(?:\.compat\.v[12])?\.__internal__"
            r"(?P<within>(?:\.\w{1,40}){0,3})'? has no attribute '?(?P<name>\w{1,80})"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "A Keras (keras or tf_keras) built for another TensorFlow release calls"
            " tf.__internal__{within}.{name}, which this TensorFlow does not have"
        ),
        fix=(
            "Install the Keras of this TensorFlow's release in the same environment: for"
            " TensorFlow 2.16 and newer 'pip install \"tf_keras~=X.Y.0\"' (tf-keras-nightly"
            " beside tf-nightly), for 2.6 to 2.15 'pip install \"keras~=X.Y.0\"'; or pin"
            " TensorFlow to the release that Keras matches ('pip show tensorflow keras tf_keras'"
            " shows the pair). Where the traceback ends in another add-on, install its release"
            " for this TensorFlow."
        ),
        source="https://github.com/keras-team/tf-keras/issues/676",
    ),
    Signature(
        # a standalone keras of a newer TensorFlow release beside an older one: keras 2.7
        # registers metrics TensorFlow 2.6's own tf.keras registered already, keras 2.10's
        # dtensor import is missing under 2.8 (review 96, composed; keras==X.Y pairs with X.Y)
        name="keras-of-a-newer-release-at-import",
        needles=(
            "Another metric with the same name already exists",
            "cannot import name 'dtensor'",
        ),
        pattern=compiled(
            r"AlreadyExistsError: Another metric with the same name already exists"
            r"|cannot import name '?dtensor'? from '?tensorflow\.compat\.v2\.experimental"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "A standalone Keras of another TensorFlow release is installed beside this one, and"
            " importing it fails"
        ),
        fix=(
            "Install the Keras of this TensorFlow's release in the same environment ('pip install"
            " \"keras~=X.Y.0\"' for TensorFlow X.Y: keras 2.6 for 2.6, 2.8 for 2.8; 'pip show"
            " tensorflow keras' shows the pair), or upgrade TensorFlow to the Keras's release."
        ),
        source="https://github.com/keras-team/keras/releases/tag/2.6.0",
    ),
    Signature(
        # tf.compat.v2.__internal__ itself missing: a Keras of 2.6 or later (which reaches for
        # it) under a TensorFlow older than 2.5, which has none (the pairing keras==X.Y for
        # TensorFlow X.Y began with 2.6)
        name="keras-newer-than-tensorflow",
        needles=("'__internal__'",),
        pattern=compiled(
            r"module '?tensorflow(?:_core)?(?:\._api\.v[12])?\.compat\.v[12]'? has no attribute"
            r" '__internal__'"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "A Keras newer than this TensorFlow (keras 2.6 or later) reaches for"
            " tf.compat.v2.__internal__, which TensorFlow before 2.5 does not have"
        ),
        fix=(
            "Install the Keras of this TensorFlow: for TensorFlow 2.4 'pip install keras==2.4.3',"
            " for 1.15 to 2.2 'pip install keras==2.3.1' (or use tf.keras and uninstall keras);"
            " or upgrade TensorFlow to 2.6 or newer with the keras of its X.Y."
        ),
        source="https://github.com/keras-team/keras/releases/tag/2.6.0",
        variants=(
            Variant(
                # the release stated has tf.compat.v2.__internal__: the TensorFlow imported is
                # an older one, another Python's or a leftover copy
                finding_id="wrong-python-environment",
                title=(
                    "TensorFlow 2.5 and newer have tf.compat.v2.__internal__, so the TensorFlow"
                    " this code imported is older than the one stated: the Python that ran it"
                    " has another TensorFlow"
                ),
                fix=(
                    "Run the script's own Python with 'import tensorflow as tf;"
                    " print(tf.__version__, tf.__file__)': install the TensorFlow you meant into"
                    " that Python (or run the script with the Python that has it), and remove"
                    " an older copy left in its site-packages ('pip uninstall tensorflow"
                    " tensorflow-gpu' until none is left, then install one)."
                ),
                source="https://github.com/keras-team/keras/releases/tag/2.6.0",
                tf_versions=SpecifierSet(">=2.5"),
            ),
        ),
    ),
    Signature(
        # Keras 3 (TensorFlow 2.16 and newer) loads and saves only its .keras files and legacy
        # .h5: a SavedModel folder, or a path without either extension, is refused (Keras 3's
        # saving_api; the migration guide names TFSMLayer and tf_keras for old models)
        name="keras-3-saving-format",
        needles=("Keras 3 only supports", "Invalid filepath extension for saving"),
        pattern=compiled(
            r"Keras 3 only supports V3 `?\.keras`? files and legacy H5 format files"
            r"|Invalid filepath extension for saving\. Please add either a `?\.keras`? extension"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.WARNING,
        title=(
            "Keras 3 (TensorFlow 2.16 and newer) refuses the model file: it loads and saves only"
            " .keras files and legacy .h5, not a SavedModel folder or a path without either"
            " extension"
        ),
        fix=(
            "Give the file's full name with its .keras or .h5 extension; a SavedModel folder"
            " loads in Keras 3 as an inference layer (keras.layers.TFSMLayer(path,"
            " call_endpoint='serving_default')) or with tf.saved_model.load, and saving one is"
            " model.export(path). To keep Keras 2's behaviour, pip install tf_keras of this"
            " TensorFlow's X.Y and set TF_USE_LEGACY_KERAS=1. The GPU is not involved."
        ),
        source="https://keras.io/guides/migrating_to_keras_3/",
    ),
    Signature(
        # Keras 3's Sequential refusing a layer built on Keras 2 (TensorFlow Hub's KerasLayer,
        # a tf_keras layer): TensorFlow 2.16 and newer make tf.keras Keras 3
        name="keras-2-layer-under-keras-3",
        needles=("can be added to a Sequential model",),
        pattern=compiled(
            r"Only instances of `?keras\.Layer`? can be added to a Sequential model\."
            r" Received: <(?:tensorflow_hub|tf_keras)\b"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "Keras 3 is installed (TensorFlow 2.16 and newer bring it): it refuses layers built"
            " on Keras 2, such as TensorFlow Hub's KerasLayer"
        ),
        fix=(
            "Install tf_keras ('pip install tf_keras', Keras 2, the version of this TensorFlow)"
            " and set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported, or pin TensorFlow"
            " 2.15."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/65419",
    ),
    Signature(
        # zsh expands [...] as a glob pattern and stops: pip never ran, so TensorFlow's CUDA
        # libraries were never installed
        name="zsh-globbed-the-extra",
        needles=("no matches found",),
        pattern=compiled(r"zsh: no matches found: (?P<requirement>tensorflow\[and-cuda\][^\s]*)"),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="zsh read {requirement} as a file pattern, so pip never ran",
        fix=(
            "Quote the requirement: pip install 'tensorflow[and-cuda]' (zsh, the default shell on"
            " macOS and many Linux desktops, expands brackets as a glob)."
        ),
        source="https://zsh.sourceforge.io/Doc/Release/Options.html#index-NOMATCH",
        variants=(
            # TensorFlow missing altogether afterwards: that install was the only one
            Variant(
                finding_id="tensorflow-not-installed",
                title="zsh read {requirement} as a file pattern, so pip never ran: TensorFlow"
                " was not installed",
                fix=(
                    "Quote the requirement: pip install 'tensorflow[and-cuda]' (zsh, the"
                    " default shell on macOS and many Linux desktops, expands brackets as a"
                    " glob)."
                ),
                source="https://zsh.sourceforge.io/Doc/Release/Options.html#index-NOMATCH",
                with_signatures=frozenset({"no-module-tensorflow"}),
            ),
        ),
    ),
    Signature(
        name="glibc-version-not-found",
        needles=("GLIBC_",),
        pattern=compiled(
            # ld.so's 'version `GLIBC_2.23' not found'; a paste that lost 'version' keeps quotes
            r"(?:version [`'\"]?|[`'\"])GLIBC_(?P<glibc>\d+\.\d+)[`'\"]? not found"
            r"(?! \(required by /\.singularity\.d/libs/)"
        ),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title="This TensorFlow needs glibc {glibc}, newer than the system's",
        fix=(
            "Use a TensorFlow release built for this glibc ('tfgpu-setup plan --glibc X.Y' picks"
            " one), or a newer Linux distribution or container image."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/1324",
        subject="{glibc}",
    ),
    Signature(
        # musl's loader (Alpine images) in its own words, loading a TensorFlow built against
        # glibc: glibc's loader (ld-linux) is not there, or a glibc symbol is not
        # (tfjs-node in misskey#8961, node-red-contrib-tf-model#33, firebase-action#98).
        name="musl-loads-glibc-build",
        needles=("Error loading shared library ", "Error relocating"),
        # (glibc's own loader says 'error while loading shared libraries'); a library TensorFlow's
        # needs, glibc's loader first among them
        pattern=compiled(
            r"Error loading shared library [\w.+-]{1,60}: [^\n]{0,80}?\(needed by"
            r" [^\n)]{0,300}(?:tensorflow|tfjs)[^\n)]{0,200}\)"
            r"|Error relocating [^\n:]{0,300}(?:libtensorflow|_pywrap_tensorflow)[^\n:]{0,100}:"
            r" \w{1,100}: symbol not found"
        ),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title=(
            "The system's C library is musl (an Alpine image), not glibc: TensorFlow's builds"
            " need glibc"
        ),
        fix=(
            "Run it on a glibc-based system or image (Debian or Ubuntu, e.g. a '-slim' image"
            " instead of '-alpine'); compatibility layers (gcompat, libc6-compat) do not make"
            " TensorFlow's libraries load."
        ),
        source="https://github.com/misskey-dev/misskey/issues/8961",
    ),
    Signature(
        # ... the libstdc++ of a folder outside the system's and conda's, which only
        # LD_LIBRARY_PATH puts first: a cluster's compiler module (tensorflow#30856:
        # /opt/gnu/gcc/lib64 ahead of conda's newer one)
        name="libstdcxx-from-the-library-path",
        needles=("GLIBCXX_", "CXXABI_"),
        pattern=compiled(
            r"(?P<path>/(?!usr/|lib)(?![^\s:'\"]{0,200}(?:conda|mamba|/envs/))[^\s:'\"]{1,200})"
            r"/libstdc\+\+\.so\.6: version [`'\"]?(?P<symbol>(?:GLIBCXX|CXXABI)_\d{1,2}"
            r"(?:\.\d{1,2}){1,2})[`'\"]? not found \(required by [^()\n]{0,300}?"
            r"(?:[/\\](?:site|dist)-packages[/\\]tensorflow|_pywrap_tensorflow|libtensorflow)"
        ),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title=(
            "The libstdc++ in {path}, found first on the loader path, is older than the one this"
            " TensorFlow was built with ({symbol} not found)"
        ),
        fix=(
            "{path} is on LD_LIBRARY_PATH ahead of a newer libstdc++ (on a cluster, a compiler"
            " module's: 'module load gcc/...'): unload that module or load a newer gcc, or take"
            " the folder off LD_LIBRARY_PATH in the job, then import TensorFlow again."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/30856",
        subject="{symbol}",
    ),
    Signature(
        # The loader picks a libstdc++ older than the GCC runtime TensorFlow was built with: the
        # system's, or a conda environment's own bin/../lib/libstdc++.so.6 shadowing a newer one.
        name="libstdcxx-version-not-found",
        needles=("GLIBCXX_", "CXXABI_"),
        pattern=compiled(
            r"version [`'\"]?(?P<symbol>(?:GLIBCXX|CXXABI)_\d{1,2}(?:\.\d{1,2}){1,2})[`'\"]? not"
            r" found \(required by [^()\n]{0,300}?(?:[/\\](?:site|dist)-packages[/\\]tensorflow"
            r"|_pywrap_tensorflow|libtensorflow)"
        ),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title=(
            "The C++ runtime (libstdc++) the loader picks is older than the one this TensorFlow"
            " was built with ({symbol} not found)"
        ),
        fix=(
            "Put a newer libstdc++ first: in a conda environment, 'conda install -c conda-forge"
            " libstdcxx-ng' (its own older libstdc++.so.6 is found before the system's);"
            " elsewhere update the system's libstdc++6, use a newer distribution or container"
            " image, or a TensorFlow built for this toolchain."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/5017",
        subject="{symbol}",
    ),
    Signature(
        # The same loader error pasted without what required the symbol (an issue's title, a
        # summary), or with its '(required by' path cut at the line's end (a paste wrapped or
        # cut there): most likely TensorFlow's own library, in a report about TensorFlow
        # (tensorflow-build-archived#1); another package's, named, is set apart above.
        name="libstdcxx-version-not-found-unattributed",
        needles=("GLIBCXX_", "CXXABI_"),
        pattern=compiled(
            r"version [`'\"]?(?P<symbol>(?:GLIBCXX|CXXABI)_\d{1,2}(?:\.\d{1,2}){1,2})[`'\"]? not"
            r" found(?:[ \t.]*| \(required by"
            # a cut path that already names another package's folder is that package's
            # (TensorFlow's own, its CUDA wheels' and h5py's count as TensorFlow's)
            r"(?![^()\n]{0,300}?[/\\](?:site|dist)-packages[/\\](?!tensorflow|nvidia|tensorrt|h5py"
            r"|keras|_pywrap)\w)[^()\n]{0,300})$"
        ),
        finding_id="glibc-too-old",
        severity=Severity.WARNING,
        title=(
            "A libstdc++ older than the one a library was built with is loaded ({symbol} not"
            " found): if the library is TensorFlow's, this TensorFlow needs a newer C++ runtime"
        ),
        fix=(
            "The full line says which library needs it ('required by ...'). For TensorFlow: in a"
            " conda environment, 'conda install -c conda-forge libstdcxx-ng'; elsewhere update"
            " the system's libstdc++6, or use a newer distribution or container image."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/5017",
        subject="{symbol}",
    ),
    Signature(
        # Singularity/Apptainer's --nv binds the host's driver and GL libraries into the
        # container (/.singularity.d/libs); a host newer than the image's base brings libraries
        # built for a newer glibc: https://github.com/apptainer/apptainer/issues/1080
        name="singularity-host-library-glibc",
        needles=("GLIBC_",),
        pattern=compiled(
            r"version [`'\"]?GLIBC_(?P<glibc>\d+\.\d+)[`'\"]? not found \(required by"
            r" (?P<library>/\.singularity\.d/libs/[\w.+-]{1,80})\)"
        ),
        finding_id="glibc-too-old",
        severity=Severity.ERROR,
        title=(
            "The host library {library} that --nv binds into the container needs glibc {glibc},"
            " newer than the container's"
        ),
        fix=(
            "Build the container on a newer base image (a glibc at least the host's), or leave"
            " the GL libraries (libGLX, libGLdispatch, libOpenGL) out of nvliblist.conf; CUDA needs"
            " only the driver's libcuda and libnvidia-* libraries."
        ),
        source="https://github.com/apptainer/apptainer/issues/1080",
        subject="{library}",
    ),
    Signature(
        name="pip-no-matching-distribution",
        needles=(
            "No matching distribution found for",
            "satisfies the requirement",
            "satisfy the requirement",
            "No distributions at all found for",
        ),
        pattern=compiled(
            # pip's words, or a reporter's retyping of them ('couldnot find a version ...'), and
            # pip 1.x's ('Could not find any downloads that satisfy the requirement', 'No
            # distributions at all found for': review 100, a Raspberry Pi's pip of 2015)
            r"(?:No matching distribution found for|find a version that satisfies the"
            r" requirement|find any downloads that satisfy the requirement"
            rf"|No distributions at all found for) (?P<package>{TF_DISTRIBUTION})"
            r"(?:\[[\w,-]{1,40}\])?(?:==(?P<requested>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?))?"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip found no {package} wheel for this Python and platform: the Python version (or a"
            " 32-bit Python) is not one TensorFlow publishes wheels for"
        ),
        fix=(
            "Install a 64-bit Python that the TensorFlow release supports (see 'tfgpu-setup matrix"
            " show') and create the environment with it; 'tfgpu-setup plan --python X.Y' checks a"
            " version first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/79349",
        subject="{package}",
        explained_by=frozenset({"macos-no-cuda"}),
        variants=(
            Variant(
                # the same list from a pip told to take manylinux1 wheels only
                finding_id="python-unsupported",
                title=(
                    "pip found no {package} wheel: it was told to take manylinux1 wheels only"
                    " (--platform), and TensorFlow publishes manylinux2010 and newer from 1.15"
                    " and 2.0 on"
                ),
                fix=(
                    "Ask for the tag the release carries: '--platform manylinux2014_x86_64' (add"
                    " 'manylinux2010_x86_64' for 2.0 to 2.2), or drop --platform to install for"
                    " this machine."
                ),
                source="https://github.com/pypa/manylinux#readme",
                with_signatures=frozenset({PIP_TOO_OLD_LIST, PIP_ASKED_MANYLINUX1}),
            ),
            Variant(
                finding_id="python-unsupported",
                title=(
                    "pip found no {package} wheel: this pip is older than 19.0 and cannot see"
                    " the manylinux2010 wheels TensorFlow publishes from 1.15 and 2.0 on"
                ),
                fix=(
                    "Upgrade pip in this environment ('python -m pip install --upgrade pip'),"
                    " then install TensorFlow again."
                ),
                source="https://github.com/tensorflow/tensorflow/issues/37235",
                with_signatures=frozenset({PIP_TOO_OLD_LIST}),
                # (a pip that says it is 19.0 or newer has another reason)
                unless_signatures=frozenset({PIP_19_OR_NEWER}),
            ),
        ),
    ),
    Signature(
        # pip before 19.0 knows no manylinux2010 tag, which every Linux TensorFlow wheel from
        # 1.15 and 2.0 on carries: it sees the releases up to 2.0.0b1 only, and its list of
        # versions ends there.
        name=PIP_TOO_OLD_LIST,
        needles=("2.0.0b1)",),
        # (pip's own version notice is no proof: Windows and macOS wheels need no manylinux tag;
        # every release from 0.12.1 to 2.0.0b1 with its candidates is about 600 characters)
        pattern=compiled(r"\(from versions: [\d., abrc]{0,2000}?\b2\.0\.0b1\)"),
        finding_id=None,
        severity=Severity.INFO,
        title="pip is older than 19.0",
        fix="",
        source="https://github.com/tensorflow/tensorflow/issues/37235",
    ),
    Signature(
        # pip's own version ('pip 21.3.1 from ... (python 3.7)', its upgrade notice): 19.0 or
        # newer sees manylinux2010 wheels. Positive evidence only.
        name=PIP_19_OR_NEWER,
        needles=("pip ", "pip version "),
        pattern=compiled(
            r"^pip (?:19|[2-9]\d)\.\d{1,3}(?:\.\d{1,3})? from "
            r"|You are using pip version (?:19|[2-9]\d)\.\d",
            re.MULTILINE,
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="pip is 19.0 or newer",
        fix="",
        source="https://pip.pypa.io/en/stable/news/",
    ),
    Signature(
        # a pip command limited to manylinux1 wheels (a download for another machine, a
        # Lambda or Docker build): TensorFlow's last such wheels are 2.0.0b1's
        name=PIP_ASKED_MANYLINUX1,
        needles=("--platform",),
        pattern=compiled(
            r"\bpip3?(?:\.exe)? (?:download|install)\b[^\n]{0,400}?--platform[= ]manylinux1_"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="pip was asked for manylinux1 wheels only",
        fix="",
        source="https://pip.pypa.io/en/stable/cli/pip_download/",
    ),
    Signature(
        # pip's retries of an index it cannot reach: its 'from versions: none' that follows says
        # nothing of this Python or platform
        name="pip-index-unreachable",
        needles=(
            "after connection broken by",
            "Could not fetch URL",
            "pip._vendor.urllib3.",
            "due to an OSError: HTTPSConnectionPool",
            "due to an EnvironmentError: HTTPSConnectionPool",
        ),
        pattern=compiled(
            r"Retrying \(Retry\(total=\d{1,3}[^\n]{0,120}\)\) after connection broken by"
            r" '(?:ProxyError|NewConnectionError|SSLError|ConnectTimeoutError"
            r"|ReadTimeoutError)"
            r"|Could not fetch URL \S{1,200}: There was a problem confirming the ssl certificate"
            # a download that the network cut, as the traceback pip ends with says it
            r"|pip\._vendor\.urllib3\.exceptions\.(?:ReadTimeoutError|ProtocolError"
            r"|MaxRetryError): HTTPSConnectionPool\(host="
            # pip 20.3 on says it in one line (not its OSErrors of files and rights)
            r"|Could not install packages due to an (?:OSError|EnvironmentError):"
            r" HTTPSConnectionPool\(host="
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="pip could not reach the package index, so it found nothing to install",
        fix=(
            "Give pip the network it needs: the proxy with its credentials ('pip install --proxy"
            " http://user:password@proxy:port ...', or HTTPS_PROXY), the company's CA bundle"
            " ('pip config set global.cert /path/to/ca.pem'), or the internal index"
            " ('--index-url'); then install again. A download the network cut midway ('Read"
            " timed out') needs only more time: 'pip install --timeout 300 ...', or another try."
        ),
        source="https://pip.pypa.io/en/stable/user_guide/#using-a-proxy-server",
    ),
    Signature(
        # conda could not download its channel's index: the network, a proxy or its
        # certificate, never the packages asked for
        name="conda-channel-unreachable",
        needles=("CondaHTTPError", "CondaSSLError"),
        pattern=compiled(
            r"CondaHTTPError: HTTP (?:000 CONNECTION FAILED|407 Proxy Authentication Required)"
            r"|CondaSSLError: "
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="conda could not reach its channel, so it installed nothing",
        fix=(
            "Give conda the network it needs: the proxy ('conda config --set"
            " proxy_servers.https http://user:password@proxy:port'), the company's CA bundle"
            " ('conda config --set ssl_verify /path/to/ca.pem'), or a mirror of the channel;"
            " then run the same command again (a dropped connection needs only another try)."
        ),
        source="https://docs.conda.io/projects/conda/en/latest/user-guide/configuration/non-standard-certs.html",
    ),
    Signature(
        # pip's list empty: the package publishes no wheel for this Python and platform at all,
        # so no version is there to pin (tensorflow/io#2109: tensorflow-io-gcs-filesystem on
        # Python 3.13, fixed on TensorFlow's side by making it optional)
        name="pip-no-tf-dependency-wheel-at-all",
        needles=("(from versions: none)",),
        pattern=compiled(
            r"Could not find a version that satisfies the requirement"
            rf" (?!{TF_DISTRIBUTION})(?P<package>tensorflow[-_][\w.-]{{1,40}}?|tf[-_]keras)"
            r"(?:[~=<>!]=[\w.*+]{1,30})?(?: \(from [\w.\[\], -]{1,80}\))?"
            r" \(from versions: none\)"
        ),
        finding_id="python-unsupported",
        severity=Severity.WARNING,
        title=(
            "{package} (TensorFlow's, or an add-on's) publishes no wheel at all for this Python"
            " and platform: pip's list of versions is empty"
        ),
        fix=(
            "There is no version of {package} to pin here: use a Python it publishes wheels for"
            " (an older one, most often), or a TensorFlow release that does not require it. If"
            " pip printed connection retries before this, it could not reach the index: fix"
            " that first."
        ),
        source="https://github.com/tensorflow/io/issues/2109",
        subject="{package}",
    ),
    Signature(
        # A package TensorFlow depends on (or a companion) without a wheel here:
        # tensorflow-io-gcs-filesystem has published none for Windows since 0.32.0.
        # (an empty 'from versions' list on the 'Could not find' line is read apart, above)
        name="pip-no-matching-tf-dependency",
        needles=("No matching distribution found for", "satisfies the requirement"),
        pattern=compiled(
            r"(?:No matching distribution found for|Could not find a version that satisfies the"
            rf" requirement) (?!{TF_DISTRIBUTION})(?P<package>tensorflow[-_][\w.-]{{1,40}}"
            r"|tf[-_]keras)(?![^\n]{0,300}\(from versions: none\))"
        ),
        finding_id="python-unsupported",
        severity=Severity.WARNING,
        title=(
            "pip found no wheel of {package} (TensorFlow's, or an add-on's) for this Python and"
            " platform"
        ),
        fix=(
            "Pin a version of {package} that has a wheel here (pip's 'from versions' list shows"
            " them; on Windows add 'tensorflow-io-gcs-filesystem<0.32'), and do not reuse a"
            " requirements or lock file made on another platform."
        ),
        source="https://github.com/python-poetry/poetry/issues/8271",
        subject="{package}",
    ),
    Signature(
        # nvidia-pyindex's setup.py refusing any system but Linux ('OSError: Your operating
        # system is not supported by `nvidia-pyindex`: win32.' / 'Only Linux systems are
        # supported.', NVIDIA/tensorflow#10): NVIDIA's index and its TensorFlow builds are for
        # Linux, so nothing installed.
        name="nvidia-index-linux-only",
        needles=("Your operating system is not supported by",),
        pattern=compiled(
            r"Your operating system is not supported by `?(?P<package>nvidia[\w.-]{1,40}?)`?:"
            r" ?(?P<os>(?!darwin\b)\w{1,20})"
        ),
        finding_id="platform-unsupported",
        severity=Severity.ERROR,
        title="{package} installs on Linux only, and this system is {os}: nothing was installed",
        fix=(
            "NVIDIA's pip index and its TensorFlow builds (nvidia-tensorflow) are for Linux: use"
            " them under WSL2 or Linux, or in NVIDIA's NGC TensorFlow container; on native"
            " Windows the last TensorFlow with GPU support is 2.10 ('tfgpu-setup plan --os"
            " windows')."
        ),
        source="https://github.com/NVIDIA/tensorflow/issues/10",
        subject="{package}",
    ),
    Signature(
        # The same refusal on a Mac: no NVIDIA TensorFlow runs there, and its GPU route is
        # Apple's plugin, not WSL2 or Windows' last GPU release
        name="nvidia-index-on-macos",
        needles=("Your operating system is not supported by",),
        pattern=compiled(
            r"Your operating system is not supported by `?(?P<package>nvidia[\w.-]{1,40}?)`?:"
            r" ?darwin\b"
        ),
        finding_id="macos-no-cuda",
        severity=Severity.ERROR,
        title="{package} installs on Linux only: macOS has no CUDA, so nothing was installed",
        fix=(
            "On a Mac TensorFlow uses the GPU through Apple's tensorflow-metal plugin (Apple"
            " silicon: 'tfgpu-setup plan --os macos'); NVIDIA's index and its TensorFlow builds"
            " need Linux with an NVIDIA GPU."
        ),
        source="https://github.com/NVIDIA/tensorflow/issues/10",
        subject="{package}",
    ),
    Signature(
        # An NVIDIA library a TensorFlow build pins (nvidia-tensorflow's NCCL, cuDNN) that the
        # indexes pip searched do not hold in that version: nothing was installed
        # (NVIDIA/tensorflow#73: nvidia-tensorflow 1.15.5+nv22.09 pinned an NCCL 2.15 its
        # index did not have; the 22.08 build installed). [and-cuda]'s own NCCL is read apart.
        name="pip-no-matching-nvidia-pin",
        needles=("satisfies the requirement nvidia-",),
        pattern=compiled(
            r"satisfies the requirement (?P<package>nvidia-[\w.-]{1,40}?)"
            r"(?P<spec>[~=<>!]=[\w.*+]{1,30})? \(from (?P<parent>[\w.-]{1,60})\)"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip found no {package}{spec} on the indexes it searched, which {parent} requires: it"
            " installed nothing"
        ),
        fix=(
            "Install a build of {parent} whose NVIDIA pins the index holds: pip's 'from versions'"
            " list shows the versions there, and an older build pins older libraries (pin it,"
            " e.g. {parent}==<an earlier build>); where the package is only on NVIDIA's index, add"
            " it first ('pip install nvidia-pyindex', or --extra-index-url"
            " https://pypi.ngc.nvidia.com)."
        ),
        source="https://github.com/NVIDIA/tensorflow/issues/73",
        subject="{package}",
    ),
    # pip's resolver refusing tensorflow[and-cuda] beside another framework that pins the same
    # NVIDIA wheel to another version (review 100: torch 2.1.0's nvidia-cudnn-cu12 8.9.2.26
    # against TensorFlow 2.15's 8.9.4.25): nothing was installed
    pin_conflict_signature(
        "and-cuda-cudnn-pin-conflict", r"nvidia-cudnn-cu\d{1,2}", "cudnn-version-mismatch"
    ),
    pin_conflict_signature(
        "and-cuda-cuda-pin-conflict", r"nvidia-(?!cudnn)[\w-]{1,40}", "cuda-version-mismatch"
    ),
    Signature(
        # pip finding none of the NVIDIA wheels tensorflow[and-cuda] pins (pip 23 on names the
        # extra): evidence of where pip ran, which the platform's own reading weighs (a Mac's);
        # NCCL's refusal has its own reading.
        name="and-cuda-pin-refused",
        needles=('; extra == "and-cuda"',),
        pattern=compiled(
            r"(?:satisfies the requirement|No matching distribution found for)"
            r" (?P<package>nvidia-(?!nccl)[\w-]{1,40}?)(?:[~=<>!]=[\w.*+]{1,30})?;"
            r' extra == "and-cuda"'
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="pip found no {package} for tensorflow[and-cuda]",
        fix="",
        source="https://pypi.org/project/tensorflow/",
    ),
    Signature(
        # pip's resolver naming, under 'The conflict is caused by:', what a TensorFlow it was
        # asked for depends on: another requirement pins that package otherwise (4 of 4
        # settled: a pinned TensorFlow against another pin; git-disl/TOG#7, Deep-Live-Cam#922).
        name="pip-tensorflow-pin-conflict",
        needles=("depends on",),
        pattern=compiled(
            r"^[ \t]*(?P<dist>" + TF_DISTRIBUTION + r") (?P<version>\d[\w.+]{0,30}) depends on"
            r" (?P<dependency>[A-Za-z][\w.-]{0,60})",
            re.MULTILINE,
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip cannot install {dist} {version} with the other requirements: it needs another"
            " {dependency} than they pin"
        ),
        fix=(
            "Loosen or drop the pin on {dependency} (or on TensorFlow) in the requirements, or"
            " pick the TensorFlow release whose own requirements fit them; a requirements file"
            " from another machine or year needs its versions revisited."
        ),
        source="https://pip.pypa.io/en/stable/topics/dependency-resolution/",
        subject="{dist}",
    ),
    Signature(
        # pip's resolver naming, under 'The conflict is caused by:', an add-on built for
        # other TensorFlow releases than the one asked for ('tensorflow-text 2.15.0 depends on
        # tensorflow<2.16 and >=2.15.0'): the add-on's release is the pin to change.
        name="pip-addon-needs-another-tensorflow",
        needles=("depends on tensorflow", "depends on tf-"),
        pattern=compiled(
            r"^[ \t]*(?P<addon>tensorflow[-_](?:text|addons|io|probability|decision[-_]forests"
            r"|recommenders|ranking|hub|serving[-_]api|transform|model[-_]optimization|metal"
            r"|federated|datasets|graphics)|tf[-_]keras|tf[-_]models[-_]official|keras[-_]nlp"
            r"|keras[-_]hub|tensorflowjs)"
            r" (?P<version>\d[\w.+]{0,30}) depends on (?P<needs>"
            + TF_DISTRIBUTION
            + r"[^\n;]{0,60})",
            re.MULTILINE,
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.ERROR,
        title=(
            "pip cannot install {addon} {version} beside this TensorFlow: it is built for"
            " another release ({needs})"
        ),
        fix=ADDON_RELEASE_FIX,
        source="https://pip.pypa.io/en/stable/topics/dependency-resolution/",
        subject="{addon}",
    ),
    Signature(
        # An add-on's own code importing a TensorFlow module this TensorFlow does not have:
        # the add-on is of another release (review 99: keras-cv#460, keras_cv importing
        # tensorflow.keras.__internal__.layers under an older TensorFlow)
        name="addon-imports-what-tensorflow-lacks",
        needles=ADDON_FRAME_NEEDLES,
        pattern=compiled(
            r"[/\\](?:site|dist)-packages[/\\](?P<addon>" + ADDON_MODULES + r")[/\\][^\n]{0,300}"
            r"\r?\n(?:[^\n]{0,300}\r?\n){0,12}?[ \t]*(?:ModuleNotFoundError|ImportError): No"
            r" module named '(?P<missing>tensorflow\.[\w.]{1,120})'"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.ERROR,
        title=(
            "{addon} imports {missing}, which this TensorFlow does not have: the add-on is of"
            " another TensorFlow release"
        ),
        fix=ADDON_RELEASE_FIX,
        source="https://github.com/keras-team/keras-cv/issues/460",
        subject="{addon}",
        spans_lines=13,
    ),
    Signature(
        # An add-on's own native library missing from its install: no build of it for this
        # platform was installed (review 99: TF-DF publishes no Linux Arm64 wheel,
        # tensorflow/decision-forests#238)
        name="addon-native-library-absent",
        needles=ADDON_FRAME_NEEDLES,
        pattern=compiled(
            r"NotFoundError: [^\n]{0,300}?[/\\](?:site|dist)-packages[/\\](?P<addon>"
            + ADDON_MODULES
            + r")[/\\][\w/\\.-]{1,200}\.(?:so|dll|dylib): cannot open shared object file"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.ERROR,
        title=(
            "{addon}'s own native library is missing from its install: no build of it for this"
            " platform (CPU, OS) was installed"
        ),
        fix=(
            "Check that the add-on publishes a build for this platform (its PyPI files: TF-DF has"
            " none for Linux on Arm64, tensorflow-text none for Windows after 2.10); where it"
            " does, reinstall it ('pip install --force-reinstall --no-cache-dir' of the release"
            " made for this TensorFlow); where it does not, build it from source or run on a"
            " platform it supports."
        ),
        source="https://github.com/tensorflow/decision-forests/issues/238",
        subject="{addon}",
    ),
    Signature(
        # A project's own custom op (a research repository's tf_ops build) or a package's that
        # is no add-on of TensorFlow's (lingvo's) missing TensorFlow's C++ symbols: it was
        # compiled against another TensorFlow or with other flags (the C++11 ABI)
        # (charlesq34/pointnet2's tf_ops; reviews 108, 109)
        name="project-op-built-for-another-tensorflow",
        needles=("undefined symbol: _Z",),
        pattern=compiled(
            # (not TensorFlow's own library, nor one the add-on reading names: Horovod's too)
            r"NotFoundError: (?![^\n:]{0,300}?"
            r"(?:(?:site|dist)-packages[/\\](?:tensorflow(?:_core)?|" + ADDON_MODULES + r")[/\\]"
            r"|(?<![\w-])(?:tensorflow_(?!core\b)[a-z_]{2,40}|tf_(?!ops\b)[a-z_]{2,40}|horovod)[/\\]"
            + _NOT_AN_ENVIRONMENT
            + r"))[^\n:]{0,300}?[/\\]"
            r"(?P<library>[\w.-]{1,80}\.so): undefined symbol:"
            r" (?P<symbol>_Z\w{0,30}?(?:10tensorflow|3tsl|4absl)\w{0,60})"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "A custom op library ({library}) was built against another TensorFlow (or with"
            " other compile flags): TensorFlow's C++ symbols it needs are not in this one"
        ),
        fix=OP_REBUILD_FIX,
        source="https://www.tensorflow.org/guide/create_op#compile_the_op_using_your_system_compiler_tensorflow_binary_installation",
        subject="{library}",
    ),
    Signature(
        # The same refusal quoted bare, the op library named without its folder (a reporter's
        # words, or NotFoundError for a library loaded by a relative name): TensorFlow's own
        # libraries are named otherwise (RobertCsordas/RFCN-tensorflow#20: roi_pooling.so built
        # without TensorFlow's -D_GLIBCXX_USE_CXX11_ABI=0, tensorflow#13607)
        name="op-library-symbol-quoted",
        needles=("undefined symbol: _Z",),
        pattern=compiled(
            r"(?<![\w/\\.-])(?!_?pywrap_|libtensorflow)(?P<library>[\w.-]{1,80}\.so)['\"]?:"
            r" undefined symbol: (?P<symbol>_Z\w{0,30}?(?:10tensorflow|3tsl|4absl)\w{0,60})"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "An op library ({library}) lacks TensorFlow's C++ symbol {symbol}: it was built"
            " against another TensorFlow, or with other compile flags"
        ),
        fix=OP_REBUILD_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/13607",
        subject="{library}",
    ),
    Signature(
        # tf.load_op_library (the only caller that raises NotFoundError for a library) loading
        # an op library linked against another TensorFlow's framework library: TensorFlow
        # 2.0 ships libtensorflow_framework.so.2, its betas and 1.x the bare or .so.1 name
        # (tensorflow/addons#277 and #112: Addons' ops built for another TensorFlow). TensorFlow's
        # own import raises ImportError for its own copy.
        name="op-library-wants-another-framework",
        needles=("libtensorflow_framework.so",),
        pattern=compiled(
            r"NotFoundError: (?:[^\n]{0,300}?: )?(?P<library>libtensorflow_framework\.so"
            r"(?:\.\d{1,3})?): cannot open shared object file"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "An op library (an add-on's, or a project's own) is linked against {library}, which"
            " this TensorFlow does not have: it was built for another TensorFlow release"
        ),
        fix=ADDON_RELEASE_FIX
        + " A project's own op: rebuild it against the TensorFlow installed (its"
        " tf.sysconfig.get_link_flags() name this TensorFlow's framework library).",
        source="https://github.com/tensorflow/addons/issues/277",
        subject="{library}",
    ),
    Signature(
        # An add-on's op library that this TensorFlow would not load, in the words that name no
        # symbol: a line cut after 'undefined symbol' (addons#2251's title: Colab's Addons older
        # than its TensorFlow), or Windows' '<library> not found' for a file that is there
        # (text#567: tensorflow-text 2.4 beside TensorFlow 2.1)
        name="addon-op-library-refused",
        needles=("undefined symbol", "_ops.so not found"),
        pattern=compiled(
            r"[/\\](?P<addon>" + ADDON_MODULES + r")[/\\][^\s:'\"]{0,300}?\.so: undefined"
            r" symbol:?[ \t]*$"
            r"|NotFoundError: (?:[^\n]{0,300}?[/\\](?P<addon_path>" + ADDON_MODULES + r")[/\\]"
            r"[^\n]{0,200}?[/\\])?(?P<library>_\w{1,60}_ops\.so) not found",
            re.MULTILINE,
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "This TensorFlow could not load an add-on's op library ({addon}{addon_path}"
            "{library}): the add-on was most likely made for another TensorFlow release"
        ),
        fix=ADDON_RELEASE_FIX,
        source="https://github.com/tensorflow/addons/issues/2251",
        subject="{addon}{addon_path}{library}",
    ),
    Signature(
        # pip's check after an install: an add-on left beside a TensorFlow of another release
        # than the one it was built for (pip 20.3 on: 'X requires tensorflow<2.16,>=2.15.0 ...,
        # but you have tensorflow 2.16.1 which is incompatible'; before: 'has requirement ...,
        # but you'll have'); it installed, so a warning until an import fails (review 99)
        name="pip-left-addon-beside-another-tensorflow",
        needles=("which is incompatible",),
        pattern=compiled(
            r"^[ \t]*(?:ERROR: )?(?P<addon>tensorflow[-_](?:text|addons|io|probability"
            r"|decision[-_]forests|recommenders|ranking|hub|serving[-_]api|transform"
            r"|model[-_]optimization|federated|datasets|graphics)|tf[-_]keras"
            r"|tf[-_]models[-_]official|keras[-_]nlp|keras[-_]hub|keras[-_]cv|tensorflowjs)"
            r" (?P<version>\d[\w.+]{0,30}) (?:requires|has requirement) (?P<needs>"
            + TF_DISTRIBUTION
            + r"[^;\n]{0,60}?)(?:;[^\n]{0,120}?)?, but you(?: have|'ll have) (?P<dist>"
            + TF_DISTRIBUTION
            + r") (?P<have>\d[\w.+]{0,30}) which is incompatible",
            re.MULTILINE,
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "pip left {addon} {version} beside {dist} {have}, a release it was not built for"
            " ({needs})"
        ),
        fix=ADDON_RELEASE_FIX,
        source="https://pip.pypa.io/en/stable/topics/dependency-resolution/",
        subject="{addon}",
    ),
    Signature(
        # uv's hint when a pinned version has wheels for other platforms only.
        name="uv-platform-without-wheels",
        needles=("only has wheels for the following platforms",),
        pattern=compiled(
            r"You're on (?P<platform>[\w .]{1,30}) \(`?(?P<wheel_platform>[\w.]{1,40})`?\), but"
            r" `?(?P<package>"
            r"(?:tensorflow|tf-nightly|tf-keras)[\w.-]{0,40})`? \(v(?P<version>[\w.]{1,20})\) only"
            r" has wheels for the following platforms"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title="{package} {version} has no wheel for {platform}: uv cannot install it here",
        fix=(
            "Pin a version of {package} with a wheel for this platform (on Windows,"
            " 'tensorflow-io-gcs-filesystem<0.32' and TensorFlow 2.10 or older for the GPU), or"
            " tell uv this platform must resolve (tool.uv.required-environments) so it picks a"
            " version that has one."
        ),
        source="https://docs.astral.sh/uv/concepts/resolution/#required-environments",
        subject="{package}",
    ),
    Signature(
        # uv's resolver: 'Because tensorflow==2.10.1 has no wheels with a matching Python ABI
        # tag', 'all versions of tensorflow have no wheels ...', older uv's 'is unusable because
        # no wheels are available', and uv sync's 'can't be installed because it doesn't have a
        # source distribution or wheel for the current platform'.
        name="uv-no-matching-wheel",
        needles=("no wheels with a matching", "no wheels are available", "wheel for the current"),
        pattern=compiled(
            rf"(?P<package>{TF_DISTRIBUTION})"
            r"(?:==(?P<requested>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)"
            # a range uv narrowed the versions to ('tensorflow<=2.16.2 has no wheels ...',
            # 'tensorflow>=2.14.0,<=2.15.1 has no wheels ...')
            r"|(?:(?:[<>]=?|!=)\d{1,2}\.\d{1,2}(?:\.\d{1,2})?,?){1,3})?(?: @ \S{1,200})?`?"
            r"(?: has| have)?"
            r"(?: no wheels with a matching(?: (?P<tag>Python ABI|Python implementation|platform)"
            r" tag(?: \(e\.g\., `(?P<wheel_platform>[\w.]{1,40})`\))?)?| is unusable because no"
            r" wheels are available with a matching| can't be"
            r" installed because it doesn't have a source distribution or wheel for the current"
            r" platform)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title="uv found no {package} wheel {wheel_for}",
        fix="{wheel_fix}",
        source="https://github.com/coonwg1/ezscore/issues/1",
        subject="{package}",
    ),
    Signature(
        name="uv-python-out-of-range",
        needles=("does not satisfy Python",),
        pattern=compiled(
            r"current Python version \((?P<python>\d\.\d{1,2}(?:\.\d{1,2})?)\) does not satisfy"
            rf" Python(?P<range>[<>=!~][^ \n]{{0,40}}) and (?P<package>{TF_DISTRIBUTION})"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title="{package} needs Python {range}; this environment's Python is {python}",
        fix=(
            "Create the environment with a Python in that range ('uv venv --python 3.X'), or"
            " pick a release built for this Python; 'tfgpu-setup plan --python X.Y' checks one."
        ),
        source="https://github.com/astral-sh/uv/issues/13262",
        subject="{package}",
    ),
    Signature(
        # Poetry (or uv) finding no wheel of Apple's GPU plug-in: it has macOS wheels only, so a
        # lock file made on a Mac fails elsewhere (review 89), and on a Mac only some Pythons
        # have one
        name="poetry-plugin-for-macos",
        needles=("installation candidates for tensorflow-metal",),
        pattern=compiled(r"Unable to find installation candidates for tensorflow-metal\b"),
        finding_id="platform-unsupported",
        severity=Severity.ERROR,
        title=(
            "Poetry found no tensorflow-metal wheel to install: Apple's GPU plug-in has wheels"
            " for macOS only"
        ),
        fix=(
            "Off macOS, drop it or give it a marker in pyproject.toml: tensorflow-metal ="
            ' {{ version = "...", markers = "sys_platform == \'darwin\'" }} (TensorFlow\'s GPU'
            " build on Linux and WSL 2 is 'tensorflow[and-cuda]'); on a Mac, use a Python the"
            " plug-in has wheels for ('tfgpu-setup plan --os macos')."
        ),
        source="https://pypi.org/project/tensorflow-metal/#files",
    ),
    Signature(
        # Poetry's and uv's solvers finding no such version of a requirement: nothing was
        # installed (missing_upload.no_such_version reads the release against the matrix)
        name="resolver-no-such-version",
        needles=("which doesn't match any versions", "there is no version of"),
        pattern=compiled(
            r"depends on (?:tensorflow|tf-nightly)[\w-]{0,30} \([^)\n]{1,40}\) which doesn't match"
            r" any versions|there is no version of (?:tensorflow|tf-nightly)[\w\[\],-]{0,60}=="
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "The solver found no such TensorFlow version on the index it asked: nothing was"
            " installed"
        ),
        fix=(
            "Pin a version the index has ('pip index versions tensorflow' lists PyPI's; a mirror"
            " or a private source in the project's configuration may lack some), or drop the"
            " pin and let the solver choose."
        ),
        source="https://pypi.org/project/tensorflow/#history",
    ),
    Signature(
        # Poetry's installer finding no file of tensorflow-io-gcs-filesystem that its lock
        # chose: from 0.32.0 it has published no wheel for Windows (review 98; the lock was
        # made where one exists, or resolved the newest)
        name="poetry-gcs-filesystem-without-file",
        needles=("installation candidates for tensorflow-io-gcs-filesystem",),
        pattern=compiled(
            # (0.32.0 on, the releases without Windows wheels; an older one missing is the
            # Python's: tensorflow/io#1617)
            r"Unable to find installation candidates for tensorflow-io-gcs-filesystem"
            r" \((?P<gcs>0\.(?:3[2-9]|[4-9]\d)(?:\.\d{1,3})?)\)"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "Poetry found no file of tensorflow-io-gcs-filesystem {gcs} for this platform, so"
            " the install stopped (it has published no Windows wheel since 0.32.0)"
        ),
        fix=GCS_WITHOUT_FILE_FIX.format(tool="poetry add", version="{gcs}"),
        source="https://github.com/tensorflow/io/issues/1789",
    ),
    Signature(
        # uv's sync or add finding no file of a package TensorFlow depends on (review 101:
        # tensorflow-io-gcs-filesystem under Windows and under Python 3.13; astral-sh/uv#9840)
        name="uv-tf-dependency-without-file",
        needles=("wheel for the current",),
        pattern=compiled(
            rf"Distribution `(?!{TF_DISTRIBUTION}==)(?P<package>tensorflow[-_][\w.-]{{1,40}}?)"
            r"==(?P<version>\d[\w.]{0,20}) @ [^`\n]{1,200}` can't be installed because it"
            r" doesn't have a source distribution or wheel for the current platform"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "uv found no file of {package} {version} for this Python and platform, so nothing"
            " was installed (tensorflow-io-gcs-filesystem has no Windows wheel since 0.32.0,"
            " and none for Python 3.13 or newer)"
        ),
        fix=GCS_WITHOUT_FILE_FIX.format(tool="uv add", version="{version}"),
        source="https://github.com/astral-sh/uv/issues/9840",
        subject="{package}",
    ),
    Signature(
        # Poetry: the project allows Pythons TensorFlow has no wheels for.
        name="poetry-python-range",
        needles=("so it will not be satisfied for Python", "installation candidates for"),
        pattern=compiled(
            r"(?:Unable to find installation candidates for"
            r" (?P<candidate>(?!tensorflow-metal\b|tensorflow-io-gcs-filesystem"
            r" \(0\.(?:3[2-9]|[4-9]\d))(?:tensorflow|tf-nightly)[\w-]{0,30})"
            # (the version Poetry's lock file chose: uv_platform.py reads it against the wheels)
            r"(?: \((?P<version>\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)\))?"
            r"|(?P<package>(?:tensorflow|tf-nightly)[\w-]{0,30}) requires Python [^\n]{0,60}?,"
            r" so it will not be satisfied for Python)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "Poetry finds no TensorFlow wheel for every Python the project allows (or for this"
            " Python and platform)"
        ),
        fix=(
            "Narrow the project's python requirement in pyproject.toml to the versions the"
            " release supports (e.g. python = '>=3.10,<3.13'); where a dependency such as"
            " tensorflow-io-gcs-filesystem has no wheel for this platform at all, pin a version"
            " that has one or use pip; 'tfgpu-setup matrix show' lists the supported Pythons."
        ),
        source="https://github.com/python-poetry/poetry/issues/8764",
    ),
    Signature(
        # conda-forge's CUDA builds of TensorFlow depend on the __cuda virtual package, which
        # conda sets from the driver it detects.
        name="conda-no-cuda-driver",
        needles=("__cuda",),
        pattern=compiled(
            r"nothing provides (?:requested )?__cuda\b[^\n]{0,40}? needed by tensorflow"
            # (the build it names carries its CUDA: 'tensorflow-2.7.0-cuda102py310hcf4adbc_0')
            r"(?:-base)?(?:-\d{1,2}\.\d{1,2}\.\d{1,2}-cuda(?P<build_cuda>\d{3})py)?"
            r"|tensorflow[\w.=-]{0,80} requires __cuda"
            # conda's classic solver: "- tensorflow[version='>=2.7',build=cuda11*] -> __cuda",
            # or through the build it picked: "tensorflow==2.6.0=cuda112py39h9333c2f_1 -> __cuda"
            r"|tensorflow(?:\[[^\]\n]{0,80}\]|==[\w.=-]{1,80})?"
            # (or through a package it pulls in: '-> cudatoolkit[version='>=11.2,<12'] -> __cuda')
            r"(?: -> [\w.-]{1,60}(?:\[[^\]\n]{0,80}\])?){0,3}? -> __cuda\b"
            r"(?:\[version='>=(?P<need>\d{1,2}\.\d{1,2})'\])?"
            # conda >= 23.10 (libmamba) and mamba under a build that 'requires': the tree's leaf
            # (https://github.com/baker-laboratory/RoseTTAFold-All-Atom/issues/20); pixi's
            # resolver says the same of a __cuda it was not told about
            r"|__cuda, which is missing on the system"
            r"|__cuda \*?,? ?for which no candidates were found"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title=(
            "conda sees no NVIDIA driver (the __cuda virtual package), so it cannot install"
            " TensorFlow's CUDA build"
        ),
        fix=(
            "Install the NVIDIA driver and check it with nvidia-smi ('conda info' then lists"
            " __cuda); where conda cannot see a driver that is there (building an image, a"
            " container started without '--gpus all', or a login node without a GPU), set"
            " CONDA_OVERRIDE_CUDA to the CUDA version the driver supports; pixi takes it from"
            " [system-requirements] cuda in pixi.toml."
        ),
        source="https://conda-forge.org/docs/user/cuda/",
        variants=(
            Variant(
                # a Dockerfile's RUN step: no build step has a GPU ('docker build' takes no
                # --gpus), so no driver shows there whatever the host has
                "no-nvidia-driver",
                "conda sees no NVIDIA driver while the image builds (no build step has a GPU),"
                " so it refuses TensorFlow's CUDA build",
                "Set CONDA_OVERRIDE_CUDA to the CUDA version the host's driver supports for that"
                " step ('ENV CONDA_OVERRIDE_CUDA=12.2' before the RUN, or 'RUN"
                " CONDA_OVERRIDE_CUDA=12.2 mamba install ...'); the GPU comes when the image runs"
                " ('docker run --gpus all').",
                "https://conda-forge.org/docs/user/cuda/",
                with_signatures=frozenset({IMAGE_BUILD_STEP}),
            ),
        ),
    ),
    Signature(
        # A Dockerfile's RUN step, as 'docker build' prints it (classic, BuildKit's plain and
        # tty progress) or as the Dockerfile itself is pasted: positive evidence only.
        name=IMAGE_BUILD_STEP,
        needles=("RUN",),
        pattern=compiled(
            r"\bStep \d{1,4}/\d{1,4} : RUN\b|#\d{1,4} \[[\w -]{0,40}\d{1,4}/\d{1,4}\] RUN\b"
            r"|=> \[[\w -]{0,40}\d{1,4}/\d{1,4}\] RUN\b"
            r"|^[ \t]*RUN[ \t]+[^\n]{0,60}?\b(?:conda|mamba|micromamba|pip3?)[ \t]+install\b"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="A Dockerfile's RUN step",
        fix="",
        source="https://docs.docker.com/reference/dockerfile/#run",
    ),
    Signature(
        # mamba 1.x's solver: a CUDA package's __cuda constraint against the __cuda the driver
        # gives ('conflicting with __cuda-10.2-0'): a driver for an older CUDA.
        name="mamba-cuda-constraint",
        needles=("conflicting with __cuda-",),
        pattern=compiled(
            r"(?P<package>[\w.-]{1,60}) has constraint __cuda"
            r" >=(?P<need>\d{1,2}(?:\.\d{1,2})?)(?:\.\d{1,3})?"
            r" conflicting with __cuda-(?P<have>\d{1,2}\.\d{1,2})(?:\.\d{1,3})?-\d"
        ),
        finding_id="driver-too-old",
        severity=Severity.ERROR,
        title=(
            "The NVIDIA driver supports CUDA {have} (conda's __cuda), older than the {need}"
            " {package} needs"
        ),
        fix=(
            "Update the NVIDIA driver to one for CUDA {need} or newer ('nvidia-smi' shows the CUDA"
            " a driver supports), or pin packages built for CUDA {have} (cuda-version={have})."
        ),
        source="https://conda-forge.org/docs/user/cuda/",
    ),
    Signature(
        # TensorFlow's __init__ loads the first-party kernel libraries of every site-packages
        # folder it can see (api_template.__init__.py): another install's are built for another
        # TensorFlow, and their symbols do not resolve.
        name="kernel-library-of-another-install",
        needles=("libtfkernel_",),
        pattern=compiled(
            r"NotFoundError: (?P<path>[^\s:]{1,300}/tensorflow/core/kernels/"
            r"libtfkernel_\w{1,60}\.so(?:\.\d{1,3})?): undefined symbol"
        ),
        finding_id="multiple-tensorflow-distributions",
        severity=Severity.ERROR,
        title=(
            "TensorFlow loaded the kernel library of another TensorFlow install ({path}): two"
            " TensorFlows are visible to this Python"
        ),
        fix=(
            "Keep one TensorFlow on this Python's path: uninstall the other (pip uninstall in that"
            " site-packages, or 'pip uninstall' the user-site copy), or install with"
            " '--no-dependencies' where a package pulls in a second TensorFlow."
        ),
        source="https://github.com/tensorflow/tensorflow/pull/45399",
    ),
    Signature(
        # The device-factory registry refusing a second registration: TensorFlow's static
        # registrations ran twice, so two copies of its core are in the process (models#4405:
        # a C++ program linked against libtensorflow and libtensorflow_cc, or a monolithic build
        # beside libtensorflow_framework). XLA's plugin registry's 'Unable to register cuDNN
        # factory' is another registry, and harmless.
        name="device-factory-registered-twice",
        needles=("Duplicate registration of device factory",),
        pattern=compiled(
            r"Duplicate registration of device factory for type (?P<device>\w{1,40}) with the"
            r" same priority"
        ),
        finding_id="multiple-tensorflow-distributions",
        severity=Severity.ERROR,
        title=(
            "TensorFlow's runtime is loaded twice in this process (its {device} device factory"
            " registered twice)"
        ),
        fix=(
            "Keep one copy of TensorFlow's core: in Python, uninstall every TensorFlow"
            " distribution ('pip list | grep -i tensorflow') and install one, and remove a second"
            " libtensorflow_framework another package bundles; in C++, link libtensorflow_cc"
            " with libtensorflow_framework, or libtensorflow alone, never both (nor a"
            " --config=monolithic build beside the framework library)."
        ),
        source="https://github.com/tensorflow/models/issues/4405",
    ),
    Signature(
        # conda's virtual package __glibc is the system's glibc; a package built against a newer
        # one cannot be installed.
        name="conda-glibc-too-old",
        needles=("__glibc",),
        pattern=compiled(
            r"nothing provides (?:requested )?__glibc >=(?P<glibc>\d+\.\d+)[^\n]{0,40}? needed by"
        ),
        finding_id="glibc-too-old",
        # Old mamba releases say the same when they did not detect the virtual packages at all.
        severity=Severity.WARNING,
        title="conda cannot install this: it needs glibc {glibc}, newer than the system's",
        fix=(
            "Use a release built for this glibc ('tfgpu-setup plan --glibc X.Y' picks one; 'ldd"
            " --version' shows the system's), or run in a container of a newer distribution."
        ),
        source="https://docs.conda.io/projects/conda/en/stable/user-guide/tasks/manage-virtual.html",
        subject="{glibc}",
    ),
    Signature(
        name="pip-wheel-unsupported",
        needles=("is not a supported wheel on this platform",),
        pattern=compiled(
            r"(?P<wheel>(?:tensorflow|tf_nightly|intel_tensorflow)[\w.-]{0,120}\.whl) is not a"
            r" supported wheel on this platform"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip refuses {wheel}: it is built for another Python version, operating system or"
            " CPU architecture{wheel_python_note}"
        ),
        fix=(
            "{wheel_pip} the wheel whose cpXY tag is this Python's version and whose"
            " platform tag matches (64-bit), or install from PyPI with a supported Python;"
            " 'tfgpu-setup plan --python X.Y' checks a version first."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/9722",
        subject="{wheel}",
    ),
    Signature(
        # A macOS 11 (or newer) wheel of a package TensorFlow's install needs, refused: the
        # pip or the Python that ran it does not know macOS 11's tags (pip before 20.3; a
        # Python built on 10.x sees macOS 11 as 10.16). Apple's tensorflow_macos installer
        # hit it with its bundled NumPy (apple/tensorflow_macos#89, #61)
        name="pip-macos11-wheel-unsupported",
        needles=("is not a supported wheel on this platform",),
        pattern=compiled(
            r"(?<![\w.-])(?P<wheel>(?!tensorflow|tf_nightly|intel_tensorflow)[\w.-]{1,120}-macosx_(?:1[1-9]|2\d)_\d{1,2}"
            r"_(?:x86_64|arm64|universal2)\.whl) is not a supported wheel on this platform"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip refuses {wheel}, a macOS 11 (or newer) wheel the install needs: the pip or the"
            " Python that ran it does not accept macOS 11's tags, so the install stopped"
        ),
        fix=(
            "Upgrade pip in that environment ('python -m pip install -U pip': 20.3 and newer"
            " know macOS 11's tags); a Python built for macOS 10.x reports macOS 11 as 10.16:"
            " run pip with SYSTEM_VERSION_COMPAT=0, or use a newer Python build. Apple's"
            " tensorflow_macos install script was made for pip 20.2.4 (its maintainers' fix:"
            " 'pip install --force pip==20.2.4' before running it)."
        ),
        source="https://github.com/apple/tensorflow_macos/issues/89",
    ),
    Signature(
        # The same refusal where the paste lost the wheel's name: most often TensorFlow's, in
        # a report about it, but the line cannot say whose.
        name="pip-wheel-unsupported-unnamed",
        needles=("not a supported wheel on this platform",),
        pattern=compiled(
            r"^(?![^\n]{0,2000}\.whl)[^\n]{0,2000}?not a supported wheel on this platform"
        ),
        finding_id="python-unsupported",
        severity=Severity.WARNING,
        title=(
            "pip refuses a wheel as not for this platform: built for another Python version,"
            " operating system or CPU architecture (or this pip belongs to another Python)"
        ),
        fix=(
            "Compare the wheel's cpXY and platform tags with 'python -m pip debug --verbose'"
            " (the tags this pip accepts), run pip as 'python -m pip' with the Python you mean,"
            " or install from PyPI with a supported Python."
        ),
        source="https://github.com/samjabrahams/tensorflow-on-raspberry-pi/issues/2",
    ),
    Signature(
        name="conda-python-incompatible",
        needles=("-> python[version=", "->python ", "-> python ", "-> python="),
        pattern=compiled(
            # (the package as asked for, pinned or not: '- tensorflow-gpu==1.12.0 -> ...')
            r"-\s*(?P<package>tensorflow[\w-]{0,30})(?:[=<>][\w.*=<>,]{0,40})?(?:\s*->"
            r"\s*python\[version=['\"]?(?P<pyversions>[\w.*|,<>=!]{0,200})"
            # conda 4.3's conflict list: the chain from TensorFlow ends in another Python
            # ('-tensorflow->protobuf ==3.1.0 ->python 3.4*', conda#5048)
            r"|\s*->[^\n]{0,200}?->\s*python \d\.\d{1,2}\*?\s*$"
            # conda 4.4 to 4.6 name the Python with '=' and go on to its own dependencies
            # ('- tensorflow -> protobuf==3.0.0b2 -> python=2.7 -> readline=6.2', doconce#175)
            r"|\s*->(?:[^\n]{0,200}?->)?\s*python=\d\.\d{1,2}(?:\.\*|\*)?(?:\s*$|\s*->))"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=CONDA_CHAIN_TITLE,
        fix=(
            "Create the environment with a Python the package supports (the versions conda"
            " lists after 'python[version=', or the Python its older conflict list ends on),"
            " e.g. 'conda create -n tf python={conda_python} {package}'."
        ),
        source="https://github.com/srama2512/PONI/issues/5",
        subject="{package}",
    ),
    Signature(
        # conda's solver finding no build of what was asked for in any channel it searches (the
        # package list follows on the next lines): for TensorFlow, no build for this Python or
        # platform there (a 32-bit conda, a Python newer than the builds, Apple silicon on the
        # defaults channel).
        name="conda-packages-not-found",
        needles=("PackagesNotFoundError", "PackageNotFoundError: Package", "missing in current"),
        pattern=compiled(
            r"PackagesNotFoundError: The following packages are not available from current"
            r" channels"
            # conda 4.3's wording (conda-forge/tensorflow-feedstock#21)
            r"|PackageNotFoundError: Packages? (?:not found|missing)[^\n]{0,300}?missing in"
            r" current [\w-]{1,20} channels"
            # conda 4.3's later wordings, with the error's name or as the message alone at a
            # line's start (tensorflow#13768, anaconda-issues#1586)
            r"|(?:^[ \t>]*|PackageNotFoundError: )Packages? missing in current"
            r"(?: [\w-]{1,20})? channels:"
        ),
        finding_id="python-unsupported",
        severity=Severity.WARNING,
        title=("conda found no build of the package in its channels for this Python and platform"),
        fix=(
            "Search the channels for a build ('conda search -c conda-forge tensorflow'), then"
            " create the environment with a Python it covers; a 32-bit conda has none (install"
            " the 64-bit Miniconda), and pip inside the environment has TensorFlow's own wheels."
        ),
        source="https://github.com/conda-forge/tensorflow-feedstock/issues/44",
    ),
    Signature(
        name="cuda-visible-devices-set-empty",
        needles=("CUDA_VISIBLE_DEVICES",),
        pattern=compiled(
            # an assignment in any shell or language, or the variable as a dict, YAML or a
            # settings printout shows it ("'CUDA_VISIBLE_DEVICES': '-1'")
            # (not on a line commented out: review 98, '# os.environ[...] = "-1"  # uncomment')
            # (nor after a comment's mark on the line, 'x = 1  # CUDA_VISIBLE_DEVICES=-1 ...',
            # nor inside a string the line left open, "help='(same as CUDA_VISIBLE_DEVICES=-1)'":
            # review 99)
            # (a root prompt's '#' follows its path: '/# ', '~# ')
            # (nor a row of a program's --help: '  --cpu   train on the CPU (sets
            # CUDA_VISIBLE_DEVICES=-1)', review 100)
            r"^(?![ \t>]{0,12}(?:#|//|REM\b|::))(?![ \t]{1,12}-{1,2}[A-Za-z][\w-]{0,40}"
            r"(?:[ =][A-Z_]{1,30})?(?:, -{1,2}[\w-]{1,40}(?:[ =][A-Z_]{1,30})?)?[ \t]{2,}\S)"
            r"(?:[^\n#'\"]|(?<=\S)#|'[^'\n]{0,200}'"
            r"|\"[^\"\n]{0,200}\")"
            r"{0,120}?['\"]?CUDA_VISIBLE_DEVICES(?:['\"]?\]?\s*=|['\"]?:)\s*(?P<value>['\"]?-1['\"]?|''|\"\""
            r"|['\"]?(?:none|NoDevFiles)['\"]?)(?=[\s;),}]|$)",
            re.MULTILINE,
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=HIDING_VALUE_TITLE,
        fix=HIDING_VALUE_FIX,
        source=CUDA_ENV_VARS_URL,
    ),
    Signature(
        # The shell's bare assignment ('export CUDA_VISIBLE_DEVICES=', or one before the
        # command, or env's printout of it): empty, so CUDA sees no GPU (tensorflow#2175)
        name="cuda-visible-devices-exported-empty",
        needles=("CUDA_VISIBLE_DEVICES=",),
        pattern=compiled(
            # (not cmd's 'set X=', which removes the variable, nor a commented-out line)
            r"(?:^|[\s;])(?<![Ss][Ee][Tt] )(?<!\Sexport )(?:export[ \t]+)?CUDA_VISIBLE_DEVICES="
            r"(?=[ \t]*$|[ \t]+[\w./])"
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title="CUDA_VISIBLE_DEVICES is set to an empty value, which hides every GPU",
        fix=(
            "Unset it ('unset CUDA_VISIBLE_DEVICES'), or set it to the GPUs to use: UUIDs from"
            " 'nvidia-smi -L', or indices with CUDA_DEVICE_ORDER=PCI_BUS_ID."
        ),
        source=CUDA_ENV_VARS_URL,
    ),
    Signature(
        # The variable's value asked for and answered on the next line: the shell's echo or
        # printenv, cmd's and PowerShell's, or Python's os.environ at a prompt or in a notebook
        # ('$ echo $CUDA_VISIBLE_DEVICES' then '-1'). An empty answer is no evidence: echo
        # prints the same for a variable that is not set.
        name="cuda-visible-devices-echoed",
        needles=("CUDA_VISIBLE_DEVICES",),
        pattern=compiled(
            r"(?:\becho[ \t]+[\"']?(?:\$\{?CUDA_VISIBLE_DEVICES\}?|%CUDA_VISIBLE_DEVICES%)[\"']?"
            r"|\bprintenv[ \t]+CUDA_VISIBLE_DEVICES|\$env:CUDA_VISIBLE_DEVICES"
            r"|%env[ \t]+CUDA_VISIBLE_DEVICES"
            # (the rest of a one-liner: "python -c \"...get('CUDA_VISIBLE_DEVICES'))\""; not a
            # default to print when it is not set: get('CUDA_VISIBLE_DEVICES', 'none'))
            r"|\bos\.(?:environ(?:\.get\(|\[)|getenv\()[\"']CUDA_VISIBLE_DEVICES[\"'][^\n,]{0,20}?)"
            r"[ \t]*\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?"
            r"(?P<value>[\"']?(?:-1|NoDevFiles|none)[\"']?)[ \t]*\r?$",
            re.MULTILINE,
        ),
        finding_id="cuda-visible-devices-hides-gpus",
        severity=Severity.ERROR,
        title=HIDING_VALUE_TITLE,
        fix=HIDING_VALUE_FIX,
        source=CUDA_ENV_VARS_URL,
        spans_lines=1,
    ),
    Signature(
        # PEP 668: a distribution's or Homebrew's Python marks itself externally managed, and
        # pip (23.0 on) refuses to install into it: nothing was installed (Debian 12, Ubuntu
        # 23.04 on, Homebrew's Python 3.12)
        name="pip-externally-managed",
        needles=("externally-managed-environment",),
        pattern=compiled(r"\berror: externally-managed-environment\b"),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip refused to install into this system-managed Python (PEP 668's"
            " externally-managed-environment): TensorFlow was not installed"
        ),
        fix=(
            "Create a virtual environment and install there: 'python3 -m venv ~/tf && ~/tf/bin/pip"
            ' install "tensorflow[and-cuda]"\' (Linux, WSL2; Debian and Ubuntu first need'
            " 'sudo apt install python3-venv'), or 'tfgpu-setup apply', which does it; never"
            " --break-system-packages."
        ),
        source="https://peps.python.org/pep-0668/",
    ),
    Signature(
        # pip stopping mid-transaction on a package another installer put there (distutils, an
        # OS package, Anaconda's base): what it had not yet installed, TensorFlow included, is
        # not there (tensorflow#30191, gpt2-client#3: wrapt 1.10.11 of Anaconda). pip 10-22 on
        # one line; pip 23 on: '× Cannot uninstall wrapt 1.10.11' with the reason below it.
        name="pip-cannot-uninstall",
        needles=("Cannot uninstall",),
        pattern=compiled(
            r"Cannot uninstall '?(?P<package>[A-Za-z0-9][\w.-]{0,80}?)'?(?:[ \t]+[\w.+!-]{1,40})?"
            r"(?:\. It is a distutils installed project|,? RECORD file not found|[ \t]*\r?$)",
            re.MULTILINE,
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip stopped mid-install: it cannot uninstall {package}, which another installer"
            " (distutils, the OS's packages, conda) put there, so what it had not installed yet,"
            " TensorFlow among it, is missing"
        ),
        fix=(
            "Install into a new virtual environment ('python -m venv ~/tf', then its pip), which"
            " has no such package; or install over it with 'pip install --ignore-installed"
            " {package}' (in a conda environment 'conda update {package}' first) and run the"
            " TensorFlow install again. Never delete files of a package the OS manages."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/30191",
    ),
    Signature(
        # ml_dtypes newer than the TensorFlow that imports it: 0.3.0 removed float8_e4m3b11,
        # which 2.14's dtypes.py reads (ml_dtypes#101; TensorFlow then pinned it)
        name="ml-dtypes-newer-than-tensorflow",
        needles=("'ml_dtypes'",),
        pattern=compiled(
            r"module 'ml_dtypes' has no attribute 'float8_e4m3b11'"
            r"|cannot import name 'float8_e4m3b11' from 'ml_dtypes'"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The ml_dtypes installed is newer than this TensorFlow requires: it no longer has a"
            " type TensorFlow's import reads (0.3.0 removed float8_e4m3b11)"
        ),
        fix=(
            "Install the ml_dtypes this TensorFlow requires, in the environment that runs the"
            " code ('pip check' names it: ml-dtypes 0.2.0 for TensorFlow 2.14 and 2.15.0;"
            " 'pip install \"ml-dtypes~=0.2.0\"'), or a TensorFlow whose range reaches the one"
            " installed. What pulled it up (JAX, a nightly installed beside the release) belongs"
            " in its own environment."
        ),
        source="https://github.com/jax-ml/ml_dtypes/issues/101",
    ),
    Signature(
        # ml_dtypes older than the TensorFlow that imports it: a type a later ml_dtypes added
        # (float8_e4m3b11fnuz in 0.2.0, int4 in 0.3.0) is missing (review 98: 0.0.4, which an
        # old JAX kept, under 2.16)
        name="ml-dtypes-older-than-tensorflow",
        needles=("'ml_dtypes'",),
        pattern=compiled(
            r"module 'ml_dtypes' has no attribute '(?!float8_e4m3b11')(?P<attr>\w{1,60})'"
            r"|cannot import name '(?!float8_e4m3b11')(?P<attr2>\w{1,60})' from 'ml_dtypes'"
        ),
        finding_id="dependency-version-mismatch",
        severity=Severity.ERROR,
        title=(
            "The ml_dtypes installed is older than this TensorFlow requires: it lacks"
            " {attr}{attr2}, which TensorFlow's import reads"
        ),
        fix=(
            "Upgrade ml_dtypes to what this TensorFlow requires, in the environment that runs"
            " the code ('pip install -U ml-dtypes' within the range 'pip check' names: 0.3.x for"
            " TensorFlow 2.15.1 and 2.16, 0.3.1 or newer for later releases). Where another"
            " package keeps it old (an old JAX), give that package its own environment."
        ),
        source="https://github.com/jax-ml/ml_dtypes/blob/main/CHANGELOG.md",
    ),
    Signature(
        # pip refusing a package whose Requires-Python excludes the running Python (pip 9-18:
        # 'X requires Python '>=3.5' but the running Python is 2.7.12'): nothing of that install
        # went in, TensorFlow included where it was a requirement (spleeter#489: spleeter needs
        # TensorFlow 1.15, so Python 3.6 or 3.7)
        name="pip-requires-a-different-python",
        needles=("requires a different Python", "but the running Python is"),
        pattern=compiled(
            r"Package '(?P<package>[\w.-]{1,80})' requires a different Python:"
            r" (?P<python>\d\.\d{1,2}(?:\.\d{1,3})?\S{0,8}) not in '(?P<spec>[^'\n]{1,80})'"
            r"|(?P<package2>[\w.-]{1,80}) requires Python '(?P<spec2>[^'\n]{1,80})' but the running"
            r" Python is (?P<python2>\d\.\d{1,2}(?:\.\d{1,3})?)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip refused {package}{package2} on Python {python}{python2}: it requires Python"
            " {spec}{spec2}, so that install did not happen"
        ),
        fix=(
            "Create the environment with a Python in {spec}{spec2} ('python3.X -m venv ~/tf', or"
            " 'conda create -n tf python=3.X') and install there; 'tfgpu-setup plan --python X.Y'"
            " shows the TensorFlow that Python gets."
        ),
        source="https://packaging.python.org/en/latest/specifications/core-metadata/#requires-python",
        subject="{package}{package2}",
    ),
    Signature(
        # pip told to install only inside an active virtualenv (PIP_REQUIRE_VIRTUALENV, or
        # require-virtualenv in pip.conf), run with none active: it installed nothing
        # (tensorflow#161, fixed by activating one or unsetting the variable)
        name="pip-requires-a-virtualenv",
        needles=("Could not find an activated virtualenv",),
        pattern=compiled(r"\bCould not find an activated virtualenv \(required\)"),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip is set to install only into an active virtual environment, and none was"
            " active: TensorFlow was not installed"
        ),
        fix=(
            "Activate the environment you meant ('source ~/tf/bin/activate', 'conda activate"
            " NAME') and install there; for a deliberate install outside one, unset"
            " PIP_REQUIRE_VIRTUALENV (or require-virtualenv in pip.conf, 'pip config list')."
        ),
        source="https://pip.pypa.io/en/stable/cli/pip/#cmdoption-require-virtualenv",
    ),
    Signature(
        # 'python3 -m pip install ...' on a Python without pip (Debian's and Ubuntu's system
        # Python ship it apart, as python3-pip): nothing was installed (tensorflow#79370:
        # Ubuntu 24.04 under WSL 2, following TensorFlow's own install page)
        name="python-without-pip",
        needles=("No module named pip",),
        pattern=compiled(r"(?P<python>[\w./\\:-]{0,120}python[\w.]{0,12}): No module named pip\b"),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="{python} has no pip, so 'python -m pip install' installed nothing",
        fix=(
            "Create a virtual environment, which brings its own pip, and install there: 'python3"
            ' -m venv ~/tf && ~/tf/bin/pip install "tensorflow[and-cuda]"\' (Debian and Ubuntu'
            " first need 'sudo apt install python3-venv'), or 'tfgpu-setup apply', which does"
            " it. On Windows: 'py -m ensurepip --upgrade', or 'py -m venv tf' and"
            " 'tf\\Scripts\\pip install tensorflow' (2.10 for the GPU there)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/79370",
    ),
    Signature(
        # Debian's and Ubuntu's Python ships venv without ensurepip (the python3-venv package
        # brings it): 'python3 -m venv' leaves an environment with no pip, so nothing was
        # installed into it
        name="venv-without-ensurepip",
        needles=("ensurepip is not",),
        pattern=compiled(
            r"The virtual environment was not created successfully because ensurepip is not\s+"
            r"available"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "The virtual environment was not created (Debian's and Ubuntu's Python lacks"
            " ensurepip without python3-venv): TensorFlow was not installed in it"
        ),
        fix=(
            "Install the venv package the message names ('sudo apt install python3-venv', or"
            " python3.X-venv for that Python), remove the half-made environment, create it again"
            " and install TensorFlow into it; 'tfgpu-setup apply' makes the environment with"
            " virtualenv, which needs neither."
        ),
        source="https://docs.python.org/3/library/venv.html",
        spans_lines=1,
    ),
    Signature(
        # The tensorflow-gpu name on PyPI is a stub since 2.12 that fails to build on purpose.
        name="tensorflow-gpu-removed",
        # Or the stub's sdist itself, which fails to build ('tensorflow-gpu-2.12.0.tar.gz').
        # tf-nightly-gpu got the same stub (horovod#3825, tensorflow#60594).
        needles=(
            "package has been removed",
            "tensorflow-gpu-2.",
            "tensorflow_gpu-2.",
            "tf-nightly-gpu-2.",
            "tf_nightly_gpu-2.",
        ),
        pattern=compiled(
            r"The \"?(?:tensorflow|tf-nightly)-gpu\"? package has been removed"
            # (tensorflow-gpu's stub has the version of the release asked for: review 110;
            # tf-nightly-gpu's none of a nightly)
            r"|\btensorflow[-_]gpu-(?P<requested>2\.(?:1[2-9]|[2-9]\d)\.\d+)\.tar\.gz"
            r"|\btf[-_]nightly[-_]gpu-2\.(?:1[2-9]|[2-9]\d)\.\d+\.tar\.gz"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip was asked for tensorflow-gpu (or tf-nightly-gpu), a name PyPI keeps only as a"
            " stub that refuses to install: TensorFlow was not installed"
        ),
        fix=(
            "Install 'tensorflow' ('tf-nightly' for a nightly) instead: on Linux and WSL2 pip"
            " install 'tensorflow[and-cuda]' (the GPU build with its CUDA libraries); on native"
            " Windows the last GPU release is tensorflow 2.10. 'tfgpu-setup plan' picks it."
        ),
        source="https://pypi.org/project/tensorflow-gpu/",
    ),
    Signature(
        name="cpu-without-avx",
        needles=(
            "instructions, but these aren't available on your machine",
            "cpu_feature_guard.cc",
        ),
        # TensorFlow's own check (its wheels need AVX from 1.6 on; a build may ask for more:
        # AVX2, AVX512F). Its fatal record says enough before the sentence ends (a paste cut
        # or wrapped there); TF 1.x's 'wasn't compiled to use ... but these are available' and
        # 'Your CPU supports instructions that this TensorFlow binary was not compiled to use'
        # are the harmless opposite.
        # (the F record is the file's only fatal one: read whatever a console did to its words)
        pattern=compiled(
            r"(?P<fatal>(?:^|: )F[ \d:.]{0,40}[\w/\\.-]{0,200}cpu_feature_guard\.cc:\d{1,5}\]"
            r" [^\n]{0,80}?"
            r"|cpu_feature_guard\.cc:\d{1,5}\] The TensorFlow library was )?"
            r"compiled to use (?P<isa>AVX\w{0,8}|FMA|SSE[\d.]{1,4}) "
            r"(?(fatal)\w{0,20}|instructions, but these aren't available on your machine)"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.ERROR,
        title=(
            "This TensorFlow was built to use {isa} instructions, which this CPU does not have:"
            " it cannot run here"
        ),
        fix=(
            "PyPI's wheels need AVX (not AVX2 or AVX512F): a build that asks for more (a community"
            " or source build) needs a CPU that has it, so install the PyPI wheel or rebuild for"
            " this CPU. Without AVX at all, run on a CPU with it (any x86-64 CPU since about 2011)."
            + VM_HIDES_THE_CPU
            + " On Apple Silicon use a native arm64 Python, not one under Rosetta."
        ),
        source="https://www.tensorflow.org/install/pip#hardware_requirements",
    ),
    Signature(
        # NVIDIA's NGC containers check the CPU before anything starts and print this only for a
        # CPU without the instructions (object-detection-tensorrt-example#2: a 2009 Xeon).
        name="ngc-container-cpu-lacks-avx",
        needles=("This container was built for CPUs supporting",),
        pattern=compiled(
            r"This container was built for CPUs supporting at least the (?P<isa>AVX\w{0,8})"
            r" instruction set, but"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.ERROR,
        title=(
            "This NVIDIA container was built for CPUs with {isa}, which this CPU does not report:"
            " TensorFlow in it cannot run here"
        ),
        fix=(
            "Run the container on a CPU with {isa} (any x86-64 CPU since about 2011)."
            + VM_HIDES_THE_CPU
        ),
        source="https://github.com/NVIDIA/object-detection-tensorrt-example/issues/2",
    ),
    Signature(
        # Python dying on 'import tensorflow' without TensorFlow's explanation: most often the
        # same missing AVX (Rosetta 2 on Apple Silicon has none either), but another native
        # library can crash the same way. As shells and tools print SIGILL: bash, macOS's
        # 'Illegal instruction: 4', zsh, fish, Python's faulthandler, PyCharm, gdb, and Windows'
        # STATUS_ILLEGAL_INSTRUCTION exit code; a shell's job line ('line 1: 4242 Illegal
        # instruction (core dumped) python x.py'); a localised shell's wording is put back in
        # English before (locales.py).
        name="illegal-instruction",
        needles=(
            "Illegal instruction",
            "Illegal Instruction",
            "illegal instruction",
            "illegal hardware instruction",
            "SIGILL",
            "0xC000001D",
            "-1073741795",
            "3221225501",
            "code 132",
            "code: 132",
            "status 132",
            "Exited (132)",
            "Signals.SIGILL",
        ),
        pattern=compiled(
            r"^(?:Fatal Python error: |[^\n:]*:[^\n:]*: +\d+ +)?"
            r"(?i:illegal instruction)"
            r"(?: ?\([^)\n]*\)|: 4)?(?=\s|$)"
            # the shell's report inside a sentence ('... returns Illegal instruction (core
            # dumped)'): the core dump keeps it the signal's own words
            r"|\bIllegal instruction[ \t]{0,8}\(core dumped\)"
            # ... or in the reporter's own words ('getting illegal instruction core dumped',
            # 'it throws illegal instruction error': tensorflow#17411, #45744)
            r"|(?i:\billegal instruction,?[ \t]{1,8}core dumped\b)"
            r"|(?i:\b(?:throws?|throwing|gives?|giving|gets?|getting|got|produces?|returns?"
            r"|(?:crashe[sd]|dies|died|fails?|failed|exits?|exited) with) (?:an? |the )?[\"'`]?"
            r"illegal instruction\b)"
            # ... or where it ends a line after the program's last sentence, pasted as one
            # line ('Using TensorFlow backend. Illegal instruction', mycroft-precise#44)
            r"|(?<=[.!:] )(?i:illegal instruction)(?: ?\([^)\n]{0,40}\)|: 4)?[ \t]*$"
            r"|\billegal hardware instruction\b"
            r"|\(interrupted by signal 4: SIGILL\)|received signal SIGILL, Illegal instruction"
            # fish's report ('fish: 'python' terminated by signal SIGILL (Illegal instruction)')
            r"|\bterminated by signal SIGILL\b"
            # STATUS_ILLEGAL_INSTRUCTION signed or not: 'DLL load failed with errorcode 3221225501'
            r"|(?:exit|error) ?code (?:-1073741795|3221225501)\b|\(0xC000001D\)"
            # 128 + SIGILL (4), as a shell, Docker or a CI runner reports the process's end
            r"|\b(?:exit(?:ed)?(?: with)? (?:code|status)|returned a non-zero code|non-zero exit"
            r" (?:code|status)):? 132\b|\bExited \(132\)"
            # Python's subprocess reporting a child killed by the signal
            r"|<Signals\.SIGILL: 4>",
            re.MULTILINE,
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.WARNING,
        title=(
            "Python died on an illegal instruction: most likely this CPU lacks the AVX"
            " instructions TensorFlow's wheels need"
        ),
        fix=(
            "Check the CPU for AVX ('grep -o avx /proc/cpuinfo | head -1'; on macOS, that Python"
            " is not running under Rosetta); without it, TensorFlow's PyPI wheels cannot run."
            " A CPU with AVX can still lack what a Docker image's or a community wheel's build"
            " asks for (AVX2, FMA, AVX-512): compare its flags with that build's, or use PyPI's."
            + VM_HIDES_THE_CPU
        ),
        source="https://www.tensorflow.org/install/pip#hardware_requirements",
        variants=(AVX2_WHEELS, BEFORE_AVX_WHEELS),
    ),
    Signature(
        # The kernel's record of the same signal (dmesg, journalctl): the faulting instruction
        # inside TensorFlow's own library (exadel-inc/CompreFace#1045, a uWSGI worker on a CPU
        # without AVX).
        name="kernel-trap-invalid-opcode-in-tensorflow",
        needles=("trap invalid opcode",),
        pattern=compiled(
            r"traps: [^\n]{1,80}?\[\d{1,10}\] trap invalid opcode [^\n]{0,200}? in"
            r" (?P<library>_pywrap_tensorflow_internal\.so|libtensorflow(?:_framework|_cc)?\.so"
            r"[.\d]{0,12})\["
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.ERROR,
        title=(
            "The kernel stopped the process on an instruction this CPU does not have, inside"
            " TensorFlow's own library ({library}): the CPU lacks what the build needs (AVX)"
        ),
        fix=(
            "Check the CPU for AVX ('grep -o avx /proc/cpuinfo | head -1'); without it,"
            " TensorFlow's PyPI wheels cannot run. A CPU with AVX can still lack what a Docker"
            " image's or a community wheel's build asks for (AVX2, FMA): compare its flags with"
            " that build's, or use PyPI's." + VM_HIDES_THE_CPU
        ),
        source="https://www.tensorflow.org/install/pip#hardware_requirements",
    ),
    Signature(
        # The CPU's own flags ('cat /proc/cpuinfo', 'lscpu'), listed in the kernel's order: AVX
        # comes before lahf_lm, so a line that reaches lahf_lm without avx is not a cut one.
        name="cpu-flags-without-avx",
        needles=("lahf_lm",),
        pattern=compiled(
            # lookaheads, each one pass over the line: nested scans would be quadratic
            r"^[ \t]*[Ff]lags[ \t]*:[ \t]+(?=\S)(?![^\n]*\bavx\b)"
            r"(?=[^\n]*\bsse2\b)(?=[^\n]*\blahf_lm\b)"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.ERROR,
        title=(
            "This CPU's flags have no AVX: TensorFlow's wheels (1.6 and newer) cannot run on it"
        ),
        fix="Run on a CPU with AVX (any x86-64 CPU since about 2011)." + VM_HIDES_THE_CPU,
        source="https://www.tensorflow.org/install/pip#hardware_requirements",
    ),
    Signature(
        # AVX without AVX2, where the line reaches the 2018 mitigation flags, which every
        # kernel lists after avx2 (older kernels listed xsaveopt and arat before it): not a
        # cut line. Only TensorFlow 2.4.0's wheels asked for more than AVX.
        name="cpu-flags-without-avx2",
        needles=(" avx ",),
        pattern=compiled(
            r"^[ \t]*[Ff]lags[ \t]*:[ \t]+(?=\S)(?![^\n]*\bavx2\b)(?=[^\n]*\bavx\b)"
            r"(?=[^\n]*\b(?:md_clear|flush_l1d|arch_capabilities)\b)"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.INFO,
        title=(
            "This CPU has AVX but not AVX2: TensorFlow's PyPI wheels run on it, a build that"
            " asks for AVX2 does not"
        ),
        fix="Use PyPI's wheels, or a build made for this CPU.",
        source="https://www.tensorflow.org/install/pip#hardware_requirements",
        variants=(dataclasses.replace(AVX2_WHEELS, severity=Severity.ERROR),),
    ),
    Signature(
        # No CUDA platform registered in this TensorFlow: a build without CUDA (gpu_init.cc,
        # 0.x's warning and the later fatal wording).
        name="cuda-platform-not-registered",
        needles=("Platform with name CUDA", 'platform with name: "CUDA"'),
        pattern=compiled(
            r"Could not find Platform with name CUDA"
            r'|could not find registered platform with name: "CUDA"'
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.WARNING,
        title="This TensorFlow has no CUDA platform registered: a build without CUDA",
        fix=(
            "Install a TensorFlow build with CUDA in this environment (on Linux 'pip install"
            " tensorflow[and-cuda]'); 'tfgpu-setup plan' picks the release."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/core/"
            "common_runtime/gpu/gpu_init.cc"
        ),
    ),
    Signature(
        # Apple's tensorflow-metal plug-in, which TensorFlow loads from tensorflow-plugins at
        # import, built against another release: macOS's loader refuses it and 'import
        # tensorflow' fails (models#10617, tensorflow#81987). Apple's table pairs each plug-in
        # with its releases (matrices/tensorflow.json's macos_arm64 notes).
        name="metal-plugin-for-another-tensorflow",
        needles=("libmetal_plugin",),
        pattern=compiled(
            r"dlopen\([^\n,]{0,300}?[/\\]tensorflow-plugins[/\\]libmetal_plugin\.dylib,"
            # (or the TensorFlow library it links, gone from this release: 2.20 has no
            # _pywrap_tensorflow_internal.so for metal 1.2.0, review 101)
            r" \w{1,8}\):[^\n]{0,3000}?(?:[Ss]ymbol not found"
            r"|Library not loaded: @rpath/_pywrap_tensorflow_internal\.so)"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.ERROR,
        title=(
            "Apple's tensorflow-metal plug-in (libmetal_plugin) was made for another TensorFlow"
            " release, and 'import tensorflow' fails on it"
        ),
        fix=(
            "Install a pair Apple's table lists: 'pip install tensorflow==2.18.1"
            " tensorflow-metal==1.2.0' (1.1.0 goes with 2.14 to 2.17, 1.0.0 with 2.13; no"
            " release of it supports 2.19 or later), or 'pip uninstall tensorflow-metal' to run"
            " on the CPU."
        ),
        source="https://pypi.org/project/tensorflow-metal/",
        subject="libmetal_plugin",
        variants=(
            Variant(
                # the loader's next line says the plug-in was built for a newer macOS than
                # this one (tensorflow#53309: macOS 11.6): an Apple framework class it uses is
                # missing, whatever TensorFlow sits beside it
                "platform-unsupported",
                "Apple's tensorflow-metal plug-in needs a newer macOS than this Mac runs (it was"
                " built for macOS 12 or later), and 'import tensorflow' fails on it",
                "Update macOS to 12 (Monterey) or later, which Apple's plug-in requires; until"
                " then 'pip uninstall tensorflow-metal' lets TensorFlow run on the CPU.",
                "https://developer.apple.com/metal/tensorflow-plugin/",
                with_signatures=frozenset({"dylib-built-for-newer-macos"}),
            ),
        ),
    ),
    Signature(
        # macOS's loader naming the system a library was built for, under a symbol it could
        # not find: the library needs that macOS or later
        name="dylib-built-for-newer-macos",
        needles=("which was built for Mac OS X",),
        pattern=compiled(r"\(which was built for Mac OS X (?P<macos>1[2-9]|[2-9]\d)\.\d{1,2}\)"),
        finding_id=None,
        severity=Severity.INFO,
        title="A library was built for macOS {macos} or later",
        fix="",
        source="https://developer.apple.com/metal/tensorflow-plugin/",
    ),
    Signature(
        # Microsoft's tensorflow-directml-plugin, built against tensorflow-cpu 2.10: TensorFlow
        # 2.11 and later refuse it at import ('TF 2.11 is not backward compatible with plugins
        # built for earlier versions', its maintainer; the plug-in's development is paused).
        name="directml-plugin-for-another-tensorflow",
        needles=("tfdml_plugin",),
        # (the message retyped alone too, directml-plugin#367: 'tfdml_plugin.dll not found')
        pattern=compiled(
            r"NotFoundError: (?:[^\n]{0,300}?[/\\])?tfdml_plugin\.dll not found"
            r"|^[ \t>`*]{0,8}tfdml_plugin\.dll not found"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.ERROR,
        title=(
            "The DirectML plug-in (Microsoft's tensorflow-directml-plugin) was built for"
            " tensorflow-cpu 2.10, and 'import tensorflow' of a later release fails on it"
        ),
        fix=(
            "Install the release it was built for: 'pip install tensorflow-cpu==2.10.0'"
            " (Python 3.7 to 3.10), or 'pip uninstall tensorflow-directml-plugin'. For an NVIDIA"
            " GPU, TensorFlow in WSL 2 uses CUDA."
        ),
        source="https://github.com/microsoft/tensorflow-directml-plugin/issues/331",
        subject="tensorflow-directml-plugin",
    ),
    Signature(
        # An add-on's custom-op library linked against another TensorFlow's C++ symbols
        # (tensorflow, tsl, absl), or its own version check: the add-on release and the
        # TensorFlow release do not match (addons#470, text#961, recommenders-addons#406,
        # Kaggle/docker-python#1057), or were built with other compilers (addons#574).
        # tensorflow-io's plugins say the same in a UserWarning and go on: harmless (benign).
        name="addon-built-for-another-tensorflow",
        needles=(
            "undefined symbol: _Z",
            "This version of TensorFlow Probability requires",
            "ymbol not found",
        ),
        pattern=compiled(
            r"^(?![^\n]{0,40}caused by: )[^\n]{0,300}?(?<![\w-])(?P<addon>tensorflow_(?!core\b)"
            r"[a-z_]{2,40}|tf_(?!ops\b)[a-z_]{2,40}|horovod)[/\\]"
            + _NOT_AN_ENVIRONMENT
            + r"[^\s:'\"]{0,300}?\.so(?:\.[\d.]{1,20})?:"
            r" undefined symbol:"
            r" (?P<symbol>_Z\w{0,30}?(?:10tensorflow|3tsl|4absl|6tflite)\w{0,60})"
            # macOS's loader: 'dlopen(<path>, 0x0006): ... symbol not found in flat namespace
            # '__ZN10tensorflow...'', or older macOS's 'Symbol not found: __ZN10tensorflow...'
            r"|^(?![^\n]{0,40}caused by: )[^\n]{0,300}?dlopen\([^\n,]{0,300}?(?<![\w-])"
            r"(?P<mac_addon>tensorflow_(?!core\b)[a-z_]{2,40}|tf_(?!ops\b)[a-z_]{2,40}|horovod)[/\\]"
            + _NOT_AN_ENVIRONMENT
            + r"[^\s,'\"]{0,300}?\.(?:so|dylib), \w{1,8}\):[^\n]{0,3000}?[Ss]ymbol not found"
            r"(?: in flat namespace)?:? '?__Z\w{0,30}?(?:10tensorflow|3tsl|4absl|6tflite)"
            # a PluggableDevice plug-in (tensorflow-metal's libmetal_plugin.dylib) asking for a C
            # API function this TensorFlow lacks ('_TF_AllocateOutput': models#10617)
            r"|^(?![^\n]{0,40}caused by: )[^\n]{0,300}?dlopen\([^\n,]{0,300}?[/\\]"
            r"tensorflow-plugins[/\\](?P<plugin>lib\w{1,40})\.(?:so|dylib), \w{1,8}\):"
            r"[^\n]{0,3000}?[Ss]ymbol not found(?: in flat namespace)?:? '?"
            r"(?:_TF_\w{1,80}|__Z\w{0,30}?(?:10tensorflow|3tsl|4absl|6tflite))"
            r"|This version of (?P<tfp>TensorFlow Probability) requires TensorFlow version >="
            r" (?P<needed>\d{1,2}\.\d{1,2})"
        ),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "{addon}{mac_addon}{plugin}{tfp} was made for another TensorFlow release than the"
            " one installed"
        ),
        fix=ADDON_RELEASE_FIX,
        source="https://github.com/tensorflow/addons/issues/470",
        subject="{addon}{mac_addon}{plugin}{tfp}",
    ),
    Signature(
        # TensorFlow Addons from 0.6 names its ops 'Addons>Gelu', a namespace TensorFlow
        # registers from 2.0 on: an older TensorFlow refuses the name (addons#655, 2.0.0b1).
        name="addon-op-namespace-refused",
        needles=("Did you use CamelCase?",),
        pattern=compiled(r"Invalid name: (?P<addon>Addons)>\w{1,80} \(Did you use CamelCase\?\)"),
        finding_id="addon-tensorflow-mismatch",
        severity=Severity.WARNING,
        title=(
            "TensorFlow Addons was made for TensorFlow 2.0 or later: this older TensorFlow"
            " refuses its namespaced ops"
        ),
        fix=(
            "Install TensorFlow 2.0 or later (the release the Addons version's compatibility"
            " table names), or the Addons release made for this TensorFlow."
        ),
        source="https://github.com/tensorflow/addons/issues/655",
        subject="{addon}",
    ),
    Signature(
        # Bazel before 0.4 warned of a --config no .rc file defines and built on without it: a
        # '--config=cuda8.0' (for '--config=cuda') built TensorFlow without CUDA (tensorflow#4944;
        # later Bazel stops with 'Config value ... is not defined' instead).
        name="bazel-cuda-config-undefined",
        needles=("Config values are not defined in any .rc file",),
        pattern=compiled(
            r"WARNING: Config values are not defined in any \.rc file:"
            r" (?:[\w.-]{1,20}, ?){0,12}(?P<config>cuda[\w.-]{0,20})"
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.WARNING,
        title=(
            "Bazel ignored --config={config}, which no .rc file defines: the TensorFlow it built"
            " has no CUDA"
        ),
        fix=(
            "Build with --config=cuda (after ./configure answered yes to CUDA support), then"
            " reinstall the wheel it builds."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/4944",
    ),
    Signature(
        # TensorFlow's own images: every tag with CUDA has 'gpu' in it (latest-gpu, 2.15.0-gpu,
        # 1.15.5-gpu-py3, devel-gpu); latest, 2.15.0, nightly and their -jupyter tags are CPU
        # builds. A paste that names such a tag ran TensorFlow without CUDA (ublue-os/hwe#230:
        # 'I was actually using the wrong image', latest instead of latest-gpu).
        name="tf-official-cpu-image",
        needles=("tensorflow/tensorflow:", "tensorflow/serving:"),
        # Only where an image is run, pulled or built on, or on a command's indented continuation
        # line (prose such as 'moved from :2.11.0 to :2.11.0-gpu' names both); a tag cut short
        # at '-g' or '-gp' may have been '-gpu'.
        pattern=compiled(
            r"(?:\b(?:nvidia-docker|docker|podman)(?:\.exe)? (?:container )?(?:run|pull|create)"
            r"\b[^\n]{0,600}?[ =]|^[ \t]{1,40}|(?:^|[>:\]] ?)FROM (?:--platform=\S{1,40} )?"
            r"|\bimage:? ['\"]?|--image[= ]['\"]?|Unable to find image '|image for |docker://"
            # compose's pull, a Dockerfile's ARG or a --build-arg, a 'docker ps' row
            r"|\bPulling [\w.-]{1,60} \(|\bARG \w{1,60}=|--build-arg \w{1,60}=|^[0-9a-f]{12}\s{2,})"
            r"(?:(?:docker\.io|gcr\.io|registry\.hub\.docker\.com)/)?"
            r"tensorflow/(?P<repo>tensorflow|serving):"
            r"(?![\w.-]{0,40}gpu)(?P<tag>[\w.-]{1,40})(?![\w.-])(?<!-)(?<!-g)(?<!-gp)"
            # the same line naming the repository's GPU tag too (moved from one to the other)
            r"(?![^\n]{0,300}tensorflow/(?P=repo):[\w.-]{0,40}gpu)"
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.WARNING,
        title=(
            "The image tensorflow/{repo}:{tag} is TensorFlow's CPU-only build: its images with"
            " CUDA carry 'gpu' in the tag"
        ),
        fix=(
            "Run the image's GPU tag (tensorflow/{repo}:latest-gpu, or <release>-gpu) and pass"
            " the GPU in ('docker run --gpus all', podman's --device nvidia.com/gpu=all)."
        ),
        source="https://hub.docker.com/r/tensorflow/tensorflow",
    ),
    Signature(
        # apt could not find the cuDNN package asked for (the repository not added or not
        # updated, no build for that CUDA, a mistyped version): apt installed nothing.
        name="apt-cudnn-package-missing",
        needles=("E: Unable to locate package", "E: Version '"),
        pattern=compiled(
            r"E: Unable to locate package (?P<package>[\w.+-]{0,40}cudnn[\w.+-]{0,40})"
            r"|E: Version '[^'\n]{1,60}' for '(?P<versioned>[\w.+-]{0,40}cudnn[\w.+-]{0,40})'"
            r" was not found"
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="apt did not install cuDNN: it found no package {package}{versioned} as asked",
        fix=(
            "Add NVIDIA's repository for this Ubuntu release and run 'sudo apt-get update'"
            " before installing; then ask for a package and version it lists ('apt-cache policy"
            " libcudnn8' shows them; the version carries the CUDA, e.g. 8.1.0.77-1+cuda11.2)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/44300",
    ),
    Signature(
        # tfjs-node's own error when its native addon is not where its N-API version puts it
        # (src/index.ts): no prebuilt addon for this Node.js, and none was built from source.
        name="tfjs-native-addon-missing",
        needles=("tfjs_binding.node",),
        pattern=compiled(
            r"The Node\.js native addon module \(tfjs_binding\.node\) can not be found at path"
            r"|Cannot find module '[^'\n]{0,300}?tfjs_binding\.node'"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "TensorFlow.js's native binding (tfjs_binding.node) is not installed: no prebuilt"
            " one was fetched for this Node.js (or its install script did not run), and none was"
            " built"
        ),
        fix=(
            "Let the package's install script run (npm rebuild @tensorflow/tfjs-node-gpu; with"
            " pnpm, approve its build), on a Node.js release it ships a prebuilt addon for (an"
            " LTS release of its time); or build the addon: npm rebuild"
            " @tensorflow/tfjs-node-gpu --build-addon-from-source."
        ),
        source="https://github.com/tensorflow/tfjs/issues/4359",
    ),
    Signature(
        # TensorFlow.js's pure-JavaScript CPU backend greets Node.js users once: printed only
        # when that backend runs, so the native node backend (tfjs-node-gpu) was not loaded.
        name="tfjs-javascript-cpu-backend",
        needles=("ooks like you are running TensorFlow.js in Node.js",),
        pattern=compiled(
            r"[Ll]ooks like you are running TensorFlow\.js in Node\.js\. To speed things up"
            r" dramatically, install our node backend"
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.ERROR,
        title=(
            "TensorFlow.js runs on its JavaScript CPU backend: the node backend"
            " (@tensorflow/tfjs-node-gpu) was not loaded"
        ),
        fix=(
            "Install @tensorflow/tfjs-node-gpu and require('@tensorflow/tfjs-node-gpu') at the"
            " start of the program, before any model code (importing @tensorflow/tfjs alone"
            " uses the JavaScript backend)."
        ),
        source="https://github.com/justadudewhohacks/face-api.js/issues/193",
        # tfjs 0.x/1.x greet also after the node backend failed to register: the failure
        # (a library it could not load) is the cause then
        explained_by=DRIVER_ROOTS | LIBRARY_IDS | frozenset({"tensorflow-not-installed"}),
    ),
    Signature(
        # TensorFlow Lite's interpreter (tflite_runtime, tf.lite, LiteRT) running a model on
        # the CPU: its GPU delegate is for Android's and iOS's GPUs (OpenCL, OpenGL ES, Metal),
        # so on a desktop or server no CUDA install moves it to an NVIDIA GPU.
        name="tflite-cpu-delegate",
        needles=("TensorFlow Lite XNNPACK delegate",),
        pattern=compiled(r"Created TensorFlow Lite XNNPACK delegate for CPU"),
        finding_id="cpu-only-tensorflow",
        severity=Severity.WARNING,
        title=(
            "TensorFlow Lite ran the model on the CPU (its XNNPACK delegate): TensorFlow Lite has"
            " no CUDA path to an NVIDIA GPU"
        ),
        fix=(
            "Installing CUDA or cuDNN will not move a .tflite model to the GPU: TensorFlow Lite's"
            " GPU delegate serves Android's and iOS's GPUs. For an NVIDIA GPU, run the model it"
            " was converted from (SavedModel or Keras) with a TensorFlow GPU build ('tfgpu-setup"
            " plan'), or export it to TensorRT or ONNX Runtime's CUDA provider."
        ),
        source="https://www.tensorflow.org/lite/performance/gpu_advanced",
        needs_no_gpu=True,
        explained_by=DRIVER_ROOTS | LIBRARY_IDS | frozenset({"tensorflow-not-installed"}),
    ),
    Signature(
        # A TensorFlow built without CUDA aborts when asked for a GPU allocator.
        name="gpu-allocator-not-compiled",
        needles=("GPUAllocator unavailable",),
        pattern=compiled(r"GPUAllocator unavailable\. Not compiled with --config=cuda"),
        finding_id="cpu-only-tensorflow",
        severity=Severity.ERROR,
        title="This TensorFlow was built without CUDA, so it has no GPU allocator",
        fix=(
            "Install a TensorFlow build with CUDA in this environment (on Linux 'pip install"
            " tensorflow[and-cuda]'; not tensorflow-cpu or a CPU-only source build);"
            " 'tfgpu-setup plan' picks the release."
        ),
        source=(
            "https://github.com/tensorflow/tensorflow/blob/03051bc428e75b511c01df6a02011e323443652e/"
            "tensorflow/core/common_runtime/gpu/gpu_process_state.cc"
        ),
    ),
    Signature(
        # An op asked for the NCHW layout, which only TensorFlow's GPU kernels implement, and
        # was placed on the CPU: there was no GPU device to put it on (a CPU-only TensorFlow,
        # or no usable GPU), or the code pinned it to /cpu:0. Lines that say why come first.
        name="nchw-op-on-cpu",
        needles=("only supports NHWC", "only supports the NHWC tensor format on the CPU"),
        pattern=compiled(
            r"(?P<op>CPU BiasOp|Conv2DCustomBackprop(?:Input|Filter)Op|(?:Default )?"
            r"(?:MaxPooling|AvgPooling)Op) only supports NHWC"
            r"|The (?P<conv>Conv2D) op currently only supports the NHWC tensor format on the CPU"
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.WARNING,
        title=(
            "{op}{conv} ran on the CPU in the GPU-only NCHW layout: TensorFlow had no GPU to"
            " place it on (a CPU-only TensorFlow, or no usable GPU)"
        ),
        fix=(
            "Check that this TensorFlow has GPU support (tf.test.is_built_with_cuda(); before 2.1"
            " that is the tensorflow-gpu package) and that it lists a GPU"
            " (tf.config.list_physical_devices('GPU')); on a machine without a GPU, use the"
            " model's NHWC (channels_last) layout instead."
        ),
        source=NCHW_ON_CPU_SOURCE,
        needs_no_gpu=True,
        explained_by=DRIVER_ROOTS
        | LIBRARY_IDS
        | frozenset({"cpu-lacks-avx", "compute-capability-unsupported"}),
    ),
    Signature(
        name="no-module-tensorflow",
        needles=("No module named", "no module named", "No Module Named", "NO MODULE NAMED"),
        pattern=compiled(r"No module named '?tensorflow'?(?!\w|\.\w)", re.IGNORECASE),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="The Python that ran this has no TensorFlow installed",
        fix=(
            "Install TensorFlow into the interpreter that runs your code (check 'python -c \"import"
            " sys; print(sys.executable)\"' there, and in a notebook select the environment's"
            " kernel), or run 'tfgpu-setup apply' and activate its environment."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25558",
    ),
    Signature(
        # The reporter's account of it: the import works from a terminal's Python and not from
        # a notebook or an IDE, which runs another interpreter (jupyter#359: cmd's python.org
        # 3.6 had TensorFlow, the one Jupyter kernel was Anaconda's).
        name="imports-only-from-a-terminal",
        needles=("but not", "But not", "But Not", "BUT NOT"),
        pattern=compiled(
            # (the import, not 'TensorFlow works': a GPU that works from a terminal only is
            # the launcher's environment, launchers.py's reading)
            r"(?:\bimport(?:ing)? tensorflow(?: as tf)?`?[^\n]{0,20}?\b(?:works?|succeeds?)"
            r"|\btensorflow\b[^\n]{0,40}?\b(?:imports?|is (?:getting |being )?imported"
            r"|can be imported))(?: fine| well| ok)?\b[^\n]{0,40}?\b(?:in|on|from|with)"
            r" (?:the |a |my )?(?:python3? (?:in |on |from )?(?:the |a |my )?)?(?:terminal|shell"
            r"|command[- ]line|console|cmd|command prompt)\b[^\n]{0,60}?\bbut not\b[^\n]{0,30}?"
            r"\b(?:PyCharm|Jupyter|notebook|VS ?Code|Spyder|Eclipse|IDLE)\b",
            re.IGNORECASE,
        ),
        finding_id="wrong-python-environment",
        severity=Severity.ERROR,
        title=(
            "TensorFlow imports from the terminal's Python but not from the notebook or IDE:"
            " that runs another Python, one without TensorFlow"
        ),
        fix=(
            "Compare 'import sys; print(sys.executable)' in both: select the terminal's"
            " environment as the notebook's kernel ('python -m ipykernel install --user --name"
            " ENV' inside it) or as the IDE's interpreter, or install TensorFlow into the"
            " interpreter the notebook or IDE runs."
        ),
        source="https://github.com/jupyter/jupyter/issues/359",
    ),
    Signature(
        # A package TensorFlow itself imports (its setup.py's requirements) missing while
        # TensorFlow is imported: the install is incomplete (pip's --no-deps, a half-removed
        # environment, a copied site-packages). faceswap's wrapper says so on one line
        # ('error importing Tensorflow ... Original import error: No module named 'absl''):
        # 3 of 3 settled were fixed by reinstalling (faceswap#1339).
        name="tensorflow-dependency-missing",
        needles=("No module named",),
        pattern=compiled(
            r"[Ii]mport(?:ing)? [Tt]ensor[Ff]low\b[^\n]{0,400}?" + REQUIREMENT_MISSING
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=INCOMPLETE_INSTALL_TITLE,
        fix=INCOMPLETE_INSTALL_FIX,
        source="https://github.com/deepfakes/faceswap/issues/1339",
        subject="{module}",
    ),
    Signature(
        # transformers (3.x on) finding no TensorFlow it can use for a TF class: none installed,
        # a 1.x, or USE_TORCH=1 set without USE_TF (is_tf_available in its import_utils.py).
        # ('cannot import name TF...' is no such sign: transformers 5 has no TF classes at all.)
        name="transformers-finds-no-tensorflow",
        needles=("requires the TensorFlow library",),
        pattern=compiled(
            r"requires the TensorFlow library but it was not found in your environment"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "transformers found no TensorFlow it can use in the Python that ran this: none is"
            " installed, it is a 1.x, or USE_TORCH=1 is set"
        ),
        fix=(
            "Install TensorFlow 2 into the interpreter that runs your code (check 'python -c"
            ' "import sys; print(sys.executable)"\' there; in a notebook, select the'
            " environment's kernel), and unset USE_TORCH (with it set, transformers ignores"
            " TensorFlow). transformers 5 has no TensorFlow classes at all: pin 'transformers<5'"
            " to keep them."
        ),
        source="https://github.com/huggingface/transformers/issues/1375",
    ),
    Signature(
        name="import-driver-library-missing",
        needles=("libcuda.so",),
        pattern=compiled(
            LOADER_FAILED + r"(?P<lib>libcuda\.so[.\d]*):? cannot open shared object file"
        ),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the NVIDIA driver library {lib} is missing",
        fix=(
            "This TensorFlow GPU build needs the NVIDIA driver: install it (check with"
            " nvidia-smi); in a container, start it with '--gpus all'. Without a GPU, install the"
            " CPU build instead."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/34872",
        variants=(
            Variant(
                # From 2.1 TensorFlow opens libcuda only when it looks for GPUs: the import that
                # needs it is another package's (Horovod's, a CUDA extension's).
                "no-nvidia-driver",
                "A package's import needs the NVIDIA driver library {lib}, which is missing"
                " (TensorFlow's own import does not need it from 2.1 on)",
                "The module the traceback names was built for the GPU: install the NVIDIA"
                " driver where there is a GPU (nvidia-smi lists it); in a container, start it"
                " with '--gpus all'. Without a GPU, install that package's CPU build.",
                "https://github.com/tensorflow/tensorflow/issues/34872",
                tf_versions=SpecifierSet(">=2.1"),
            ),
        ),
    ),
    Signature(
        # An empty file where an NVIDIA library should be: the image's placeholder that the
        # NVIDIA container runtime mounts the host's library over (Jetson's CSV mode mounts
        # CUDA, cuDNN and TensorRT that way; everywhere it mounts libcuda and libnvidia-*).
        name="nvidia-library-file-too-short",
        needles=("file too short",),
        pattern=compiled(
            rf"(?P<lib>lib(?:cuda|nvidia-[\w-]{{1,40}}|nvinfer\w{{0,20}}|cudnn\w{{0,20}}"
            rf"|{CUDA_LIB_NAMES})\.so[.\d]*):? file too short"
        ),
        finding_id="container-gpu-not-exposed",
        severity=Severity.ERROR,
        title=(
            "{lib} is an empty file: the NVIDIA container runtime did not mount the host's"
            " library over the image's placeholder"
        ),
        fix=(
            "Start the container with the NVIDIA runtime ('--gpus all'; on Jetson '--runtime"
            ' nvidia\', or "default-runtime": "nvidia" in /etc/docker/daemon.json when building),'
            " and on JetPack 4.x install CUDA, cuDNN and TensorRT on the device itself: the"
            " runtime mounts them from there. An image that committed the empty files needs them"
            " removed."
        ),
        source="https://github.com/dusty-nv/jetson-containers/issues/179",
        subject="{lib}",
    ),
    Signature(
        name="import-cuda-library-missing",
        needles=("cannot open shared object file", "ImportError: lib", "importerror: lib"),
        pattern=compiled(
            TF_LOADER_FAILED_OR_QUOTED
            + rf"(?P<lib>lib(?:{CUDA_LIB_NAMES})\.so(?:\.\d{{1,4}}){{0,5}})"
            + OPEN_FAILED_OR_TRUNCATED
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the CUDA library {lib}{lib_version_note} is missing",
        fix=LIBS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/17147",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # macOS's loader (dyld) on a TensorFlow 1.1 or older macOS GPU build: the CUDA or cuDNN
        # version its build links is not where the loader looks (tensorflow#6370, #6729)
        name="macos-cuda-library-not-loaded",
        needles=("Library not loaded: @rpath/libcu",),
        pattern=compiled(
            r"Library not loaded: @rpath/"
            r"(?P<lib>lib(?:cudart|cublas|cufft|curand|cusolver|cusparse)\.\d[\d.]{0,8}dylib)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "This macOS GPU build of TensorFlow (PyPI's of 1.1 or older, or a community build)"
            " cannot load {lib}{lib_version_note}"
        ),
        fix=(
            "Install the CUDA version in the name (/usr/local/cuda/lib must hold that file);"
            " if it is there, System Integrity Protection dropped DYLD_LIBRARY_PATH: run the"
            " Python binary itself, not through /usr/bin/env or a launcher script, or build"
            " TensorFlow for the CUDA you have."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/6729",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="macos-cudnn-library-not-loaded",
        needles=("Library not loaded: @rpath/libcudnn",),
        pattern=compiled(r"Library not loaded: @rpath/(?P<lib>libcudnn\.\d[\d.]{0,8}dylib)"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=(
            "This macOS GPU build of TensorFlow (PyPI's of 1.1 or older, or a community build)"
            " cannot load cuDNN's {lib}{lib_version_note}"
        ),
        fix=(
            "Copy cuDNN{lib_version_note}'s libraries into /usr/local/cuda/lib; if they are"
            " there, System Integrity Protection dropped DYLD_LIBRARY_PATH: run the Python"
            " binary itself, not through /usr/bin/env or a launcher script."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/6729",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # TensorFlow Java on Windows: the loader names no DLL. For the GPU build, the CUDA and
        # cuDNN DLLs of the version libtensorflow_jni_gpu was built with (tensorflow#16660:
        # 1.12 needed CUDA 9.0, 1.15 CUDA 10.0); for the CPU build, the MSVC runtime.
        name="java-jni-dependent-dll-missing",
        needles=("Can't find dependent libraries",),
        pattern=compiled(
            r"UnsatisfiedLinkError: [^\n]{0,300}?tensorflow_jni\.dll: Can't find dependent"
            r" libraries"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "TensorFlow Java's tensorflow_jni.dll could not load a DLL it depends on: for the GPU"
            " build, the CUDA and cuDNN DLLs of the version it was built with"
        ),
        fix=(
            "Put the bin folders of the CUDA and cuDNN this libtensorflow_jni_gpu was built with"
            " (TensorFlow 1.5 to 1.12: CUDA 9.0; 1.13 to 1.15: CUDA 10.0) first on PATH; with"
            " the CPU build, install the Microsoft Visual C++ Redistributable (x64)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/16660",
    ),
    Signature(
        # tensorflow-rocm's own import, or its loader, failing for a ROCm library: the ROCm
        # release it was built for is not installed where the loader looks. HCC's libraries
        # (libhip_hcc, libmcwamp) are those of ROCm before 3.5, which replaced HCC with
        # HIP-Clang (ROCm's release notes).
        name="rocm-library-missing",
        needles=("cannot open shared object file", *DLOPEN_NEEDLES),
        pattern=compiled(
            rf"(?:{TF_LOADER_FAILED}|{LOADER_COULD_NOT_OPEN})"
            rf"(?P<lib>lib(?:{ROCM_LIB_NAMES})\.so[.\d]{{0,12}})"
            r"(?:'?; dlerror|:? cannot open shared object file)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "tensorflow-rocm cannot load ROCm's {lib}: the ROCm release it was built for is not"
            " installed where the loader looks"
        ),
        fix=(
            "Install the ROCm release this tensorflow-rocm was built for (AMD's tensorflow-rocm"
            " table), or the tensorflow-rocm built for the ROCm you have, and put ROCm's lib"
            " folder (/opt/rocm/lib) on LD_LIBRARY_PATH. libhip_hcc and libmcwamp are HCC's, which"
            " ROCm 3.5 dropped: a tensorflow-rocm that asks for them needs a ROCm before 3.5, or"
            " a newer tensorflow-rocm."
        ),
        source="https://github.com/ROCm/tensorflow-upstream/issues/1000",
        subject="{lib}",
    ),
    Signature(
        name="import-cudnn-library-missing",
        needles=("cannot open shared object file", "ImportError: lib", "importerror: lib"),
        pattern=compiled(
            TF_LOADER_FAILED_OR_QUOTED
            + r"(?P<lib>libcudnn\.so(?:\.\d{1,4}){0,5})"
            + OPEN_FAILED_OR_TRUNCATED
        ),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the cuDNN library {lib}{lib_version_note} is missing",
        fix=(
            "Install cuDNN{lib_version_note} for this TensorFlow's CUDA version and put its lib"
            " folder on LD_LIBRARY_PATH, or install the TensorFlow release built for the cuDNN"
            " you have ('tfgpu-setup plan')."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/20271",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # ERROR_DLL_INIT_FAILED (1114): the library was found and its initialisation died, which
        # for TensorFlow's own library is most often AVX code on a CPU without AVX.
        name="windows-dll-init-failed",
        needles=("DLL load failed",),
        # Windows' ERROR_DLL_INIT_FAILED text in English, Chinese, Russian, Portuguese, German,
        # French, Dutch and Italian, as reports quote it (SpleeterGui#52, #10); Spanish,
        # Japanese, Korean and Traditional Chinese by their distinctive words; or its number,
        # as ctypes and os.add_dll_directory print it.
        pattern=compiled(
            rf"DLL load failed{TF_MODULE}: (?:A dynamic link library \(DLL\)"
            r" initialization routine failed|动态链接库\(DLL\)初始化例程失败"
            r"|Произошел сбой в программе инициализации библиотеки динамической компоновки"
            r"|Uma rotina de inicialização da biblioteca de vínculo dinâmico \(DLL\) falhou"
            r"|Eine DLL-Initialisierungsroutine ist fehlgeschlagen"
            r"|Een initialisatieroutine van de dynamic link library \(DLL-bestand\) is mislukt"
            r"|Routine di inizializzazione della libreria di collegamento dinamico \(DLL\)"
            r" non riuscita"
            r"|Une routine d.initialisation d.une bibliothèque de liens dynamiques \(DLL\)"
            r" a échoué"
            r"|[^\n]{0,40}?rutina de inicialización de (?:una )?biblioteca de vínculos dinámicos"
            r"|[^\n]{0,40}?初期化ルーチンの実行に失敗しました"
            r"|[^\n]{0,40}?초기화 루틴을 실행할 수 없습니다"
            r"|[^\n]{0,40}?初始化例行程序失敗)"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.WARNING,
        title=(
            "TensorFlow's native library was found but failed to initialise: most likely this CPU"
            " lacks the AVX instructions TensorFlow's wheels need"
        ),
        fix=(
            "Check the CPU for AVX (its model on the maker's page, or CPU-Z); without it,"
            " TensorFlow's PyPI wheels cannot run. If it has AVX, reinstall the Microsoft Visual"
            " C++ Redistributable."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/37221",
    ),
    Signature(
        # The same Windows failure of TensorFlow's Java library, as TensorFlow Java and
        # imagej-tensorflow (Fiji's StarDist, CSBDeep) print it (stardist-imagej#2)
        name="windows-jni-dll-init-failed",
        # (TensorFlow Java's own builds name it jnitensorflow.dll)
        needles=("tensorflow_jni.dll", "jnitensorflow.dll"),
        pattern=compiled(
            r"(?:tensorflow_jni|jnitensorflow)\.dll:? A dynamic link library \(DLL\)"
            r" initialization routine failed"
        ),
        finding_id="cpu-lacks-avx",
        severity=Severity.WARNING,
        title=(
            "TensorFlow's native Java library was found but failed to initialise:"
            " most likely this CPU lacks the AVX instructions TensorFlow's builds need"
        ),
        fix=(
            "Check the CPU for AVX (its model on the maker's page, or CPU-Z); without it,"
            " TensorFlow's builds cannot run. If it has AVX, reinstall the Microsoft Visual"
            " C++ Redistributable."
        ),
        source="https://github.com/stardist/stardist-imagej/issues/2",
    ),
    Signature(
        # TensorFlow's own preload check (python/platform/self_check.py) scans %PATH% for the
        # MSVC runtime; 'Could not find 'msvcp140.dll'' is its TF 1.x-2.0 wording.
        name="windows-msvc-runtime-missing",
        needles=("Could not find the DLL(s) 'msvcp140", "Could not find 'msvcp140"),
        pattern=compiled(r"Could not find (?:the DLL\(s\) )?'(?P<lib>msvcp140(?:_1)?\.dll)"),
        finding_id="windows-vc-runtime-missing",
        severity=Severity.ERROR,
        title="TensorFlow cannot import: the Microsoft Visual C++ runtime ({lib}) is not on PATH",
        fix=(
            "Install the latest Microsoft Visual C++ Redistributable for Visual Studio 2015-2022"
            " (x64) from Microsoft, and check that C:\\Windows\\System32 is on the PATH of the"
            " shell or IDE that runs Python."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/27816",
        subject="{lib}",
    ),
    Signature(
        # The same preload check in 2.1.0's release candidates: the frame that failed names
        # the runtime, above 'OSError: [WinError 126]'; what it raised while handling that is
        # cut from such pastes (tensorflow#35036). Frames naming cudart_dll_name or
        # cudnn_dll_name are CUDA's.
        name="windows-msvc-preload-failed",
        needles=("msvcp_dll_name",),
        pattern=compiled(r"WinDLL\(build_info\.msvcp_dll_names?\)"),
        finding_id="windows-vc-runtime-missing",
        severity=Severity.ERROR,
        title=(
            "TensorFlow cannot import: its preload check could not load the Microsoft Visual C++"
            " runtime (msvcp140.dll)"
        ),
        fix=(
            "Install the latest Microsoft Visual C++ Redistributable for Visual Studio 2015-2022"
            " (x64) from Microsoft: a release built with a newer Visual Studio needs a newer"
            " runtime than an older one did. Then restart the shell or IDE."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/35036",
    ),
    Signature(
        # The same preload check's frame for CUDA's runtime (TF 1.x to 2.0 on Windows), above
        # 'OSError: [WinError 126]' in any language (faceswap#206: '找不到指定的模块。').
        name="windows-cudart-preload-failed",
        needles=("cudart_dll_name",),
        # the frame, then the OSError within three lines: WinError 126, the module not found
        # (193, a DLL of another architecture, is not a missing one)
        pattern=compiled(
            r"WinDLL\(build_info\.cudart_dll_name\)[^\n]{0,40}\r?\n(?:[^\n]{0,300}\r?\n){0,3}?"
            r"[^\n]{0,200}\[WinError 126\]"
        ),
        spans_lines=4,
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=(
            "TensorFlow cannot import: its preload check could not load the CUDA runtime DLL it"
            " was built with (cudart64_*.dll)"
        ),
        fix=(
            "Install the CUDA version this TensorFlow release was built with (its tested build"
            " configurations list it) and put its bin folder on PATH, then open a new terminal;"
            " 'where cudart64_*.dll' shows which the PATH finds."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/python/platform/self_check.py",
    ),
    Signature(
        # ... and its frame for cuDNN (tensorflow#28223, a source build's check)
        name="windows-cudnn-preload-failed",
        needles=("cudnn_dll_name",),
        # the frame, then the OSError within three lines: WinError 126, the module not found
        # (193, a DLL of another architecture, is not a missing one)
        pattern=compiled(
            r"WinDLL\(build_info\.cudnn_dll_name\)[^\n]{0,40}\r?\n(?:[^\n]{0,300}\r?\n){0,3}?"
            r"[^\n]{0,200}\[WinError 126\]"
        ),
        spans_lines=4,
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title=(
            "TensorFlow cannot import: its preload check could not load the cuDNN DLL it was"
            " built with (cudnn64_*.dll)"
        ),
        fix=(
            "Install the cuDNN version this TensorFlow release was built with, for its CUDA, and"
            " put the folder with cudnn64_*.dll on PATH (or copy it into CUDA's bin folder), then"
            " open a new terminal."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/python/platform/self_check.py",
    ),
    Signature(
        # ERROR_COMMITMENT_LIMIT (1455): the DLL is there; Windows cannot commit the memory to
        # map it (TensorFlow's and cuDNN's DLLs are large, and trainers start several processes).
        name="windows-page-file-too-small",
        needles=(
            "The paging file is too small",
            "Error code 1455",
            "WinError 1455",
            "0x800705AF",
            "页面文件太小",
            "Файл подкачки слишком мал",
            "Auslagerungsdatei ist zu klein",
            "archivo de paginación es demasiado pequeño",
            "fichier de pagination est insuffisant",
            "file di paging è troppo piccolo",
            "arquivo de paginação é muito pequeno",
            "ページング ファイルが小さすぎる",
            "페이징 파일이 너무 작아",
            "分頁檔太小",
            "Disk belleği dosyası",
        ),
        # also in the languages reports come in (Windows' own text of error 1455 in each), and
        # by its number
        pattern=compiled(
            r"The paging file is too small for this operation to complete"
            r"|Could not load library (?P<lib>[\w.-]{1,80}\.dll)\. Error code 1455"
            r"|\[WinError 1455\]|\b0x800705AF\b|页面文件太小(?:，|, ?)?无法完成操作"
            r"|Файл подкачки слишком мал для завершения операции"
            r"|Die Auslagerungsdatei ist zu klein|El archivo de paginación es demasiado pequeño"
            r"|Le fichier de pagination est insuffisant|Il file di paging è troppo piccolo"
            r"|O arquivo de paginação é muito pequeno|ページング ファイルが小さすぎる"
            r"|페이징 파일이 너무 작아|分頁檔太小"
            r"|Disk belleği dosyası bu işlemi tamamlamak için çok küçük"
        ),
        finding_id="windows-page-file-too-small",
        severity=Severity.ERROR,
        title=(
            "Windows cannot load TensorFlow's or CUDA's DLLs: the page file is too small (nothing"
            " is missing from PATH)"
        ),
        fix=(
            "Enlarge the page file (System > Advanced system settings > Performance > Virtual"
            " memory: a fixed size of tens of GB on a drive with room), or start fewer TensorFlow"
            " processes at once, then run again."
        ),
        source="https://github.com/iperov/DeepFaceLab/issues/742",
    ),
    Signature(
        # ERROR_BAD_EXE_FORMAT (193): a 64-bit DLL in a 32-bit process or the reverse; TensorFlow
        # publishes 64-bit wheels only, and a 32-bit Python is the settled case.
        name="windows-dll-wrong-bitness",
        # (Windows words it in its language; every translation keeps '%1' and 'Win32':
        # '%1 不是有效的 Win32 应用程序。', '%1 ist keine zulässige Win32-Anwendung.')
        needles=("Win32",),
        pattern=compiled(rf"DLL load failed{TF_MODULE}: %1 [^\n]{{0,60}}Win32"),
        finding_id="python-unsupported",
        severity=Severity.WARNING,
        title=(
            "A DLL TensorFlow loads is not a 64-bit Windows library: a 32-bit or damaged copy of a"
            " DLL it needs comes first on PATH (or the Python is 32-bit)"
        ),
        fix=(
            "Look for 32-bit copies of the DLLs TensorFlow loads (msvcp140.dll, CUDA's and cuDNN's"
            " DLLs) in folders early on PATH or beside the script, and remove them; an environment"
            " copied from another machine should be recreated. If 'python -c \"import struct;"
            " print(struct.calcsize('P') * 8)\"' prints 32, install the 64-bit Python."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45287",
    ),
    Signature(
        # TensorFlow's own words under any failed import of its native library
        # (python/pywrap_tensorflow.py): the line before says why.
        name="native-runtime-not-loaded",
        needles=(
            "Failed to load the native TensorFlow runtime",
            "pywrap_tensorflow.py in",
        ),
        # (or IPython's frame of that module's own code, where the paste stops before the
        # message: tensorflow#26364; a page that took '<module>' for markup leaves the line
        # ending at 'in ', vscode-python#7929)
        pattern=compiled(
            r"Failed to load the native TensorFlow runtime"
            r"|[/\\]tensorflow(?:_core)?[/\\]python[/\\]pywrap_tensorflow\.py in"
            r"(?: <module>|[ \t]*\r?$)"
        ),
        finding_id=None,
        severity=Severity.INFO,
        title="TensorFlow's native library did not load: TensorFlow never ran",
        fix="",
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.15.0/tensorflow/python/"
            "pywrap_tensorflow.py"
        ),
    ),
    Signature(
        # TensorFlow's module refused for a function a DLL lacks (ERROR_PROC_NOT_FOUND, 127):
        # positive evidence only, read by windows-dll-load-failed's variants (Real-Time-Voice-
        # Cloning#170: CUDA 10.1 under a release built with 10.0)
        name=DLL_PROCEDURE_NOT_FOUND,
        needles=("DLL load failed", "DLL Load failed"),
        pattern=compiled(rf"ImportError: DLL [Ll]oad failed{TF_MODULE}: ?{PROCEDURE_NOT_FOUND}"),
        finding_id=None,
        severity=Severity.INFO,
        title="",
        fix="",
        source=WINDOWS_ERROR_CODES,
    ),
    Signature(
        name="windows-dll-load-failed",
        needles=(
            "DLL load failed",
            "DLL Load failed",
            "No module named '_pywrap_tensorflow_internal'",
        ),
        # (SWIG's loader, before 2.2, reports the same failure as its module not found when
        # the traceback's last line is all that is pasted: tensorflow#10111, #11045; and as a
        # reporter retypes it, 'DLL Load failed', or without its reason: tensorflow#38916)
        pattern=compiled(
            rf"ImportError: DLL [Ll]oad failed{TF_MODULE}"
            # without its reason only beside TensorFlow's own words (NumPy's and SciPy's say the
            # same of theirs)
            r"|native TensorFlow runtime[^\n]{0,80}?ImportError:? DLL [Ll]oad failed"
            r"|(?:Import|ModuleNotFound)Error: No module named '_pywrap_tensorflow_internal'"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "TensorFlow's native library could not load on Windows: a DLL it depends on is missing"
        ),
        fix=DLL_LOAD_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/28420",
        variants=(
            # Windows' 'procedure could not be found': the DLL was found and loaded, and lacks a
            # function TensorFlow's module imports, so it is another version of it. From 2.1 on
            # the module links no CUDA at import: Microsoft's runtime is the likely one.
            Variant(
                finding_id="windows-vc-runtime-missing",
                title=(
                    "TensorFlow's native library found a DLL it needs in another version (the"
                    " specified procedure could not be found): from 2.1 on it opens CUDA only"
                    " later, so most likely an older Microsoft Visual C++ runtime found first"
                ),
                fix=DLL_OF_ANOTHER_VERSION_FIX,
                source=WINDOWS_ERROR_CODES,
                tf_versions=SpecifierSet(">=2.1"),
                with_signatures=frozenset({DLL_PROCEDURE_NOT_FOUND}),
            ),
            Variant(
                finding_id="cuda-version-mismatch",
                title=(
                    "TensorFlow's native library found a DLL it needs in another version (the"
                    " specified procedure could not be found): most often a CUDA or cuDNN of"
                    " another release found first on PATH"
                ),
                fix=DLL_OF_ANOTHER_VERSION_FIX,
                source=WINDOWS_ERROR_CODES,
                with_signatures=frozenset({DLL_PROCEDURE_NOT_FOUND}),
            ),
            # From 2.1 TensorFlow opens the CUDA DLLs only when it looks for a GPU (and warns
            # when it cannot): a DLL missing at import is one it links, MSVC's runtime first.
            Variant(
                finding_id="windows-vc-runtime-missing",
                title=(
                    "TensorFlow's native library could not load on Windows: from 2.1 on it opens"
                    " CUDA only later, so the missing DLL is most likely the Microsoft Visual C++"
                    " runtime (msvcp140_1.dll)"
                ),
                fix=VC_RUNTIME_FIX,
                source="https://github.com/tensorflow/tensorflow/issues/39079",
                tf_versions=SpecifierSet(">=2.1"),
            ),
        ),
        # 'DLL load failed with error code -1073741795' is the CPU's illegal instruction.
        explained_by=frozenset(
            {"cpu-lacks-avx", "windows-page-file-too-small", "python-unsupported"}
        ),
    ),
    Signature(
        # A traceback that stops inside the load of TensorFlow's native module on Windows,
        # before its exception (tensorflow#36486: the reporter's paste ends in imp.py). That
        # exception is 'DLL load failed' in nearly every such traceback; the doctor sets this
        # reading aside where the paste goes on to an exception.
        name=NATIVE_LOAD_CUT,
        needles=("pywrap_tensorflow",),
        pattern=compiled(
            r'^[ \t>]*File "[A-Za-z]:\\[^"\n]{0,300}?\\_?pywrap_tensorflow(?:_internal)?\.py",'
            r" line \d{1,6}, in (?:<module>|swig_import_helper)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title=(
            "The traceback stops while TensorFlow's native library loads on Windows, before its"
            " error: most likely a DLL it depends on is missing"
        ),
        fix=DLL_LOAD_FIX + CUT_TRACEBACK_NOTE,
        source="https://github.com/tensorflow/tensorflow/issues/28420",
        variants=(
            Variant(
                finding_id="windows-vc-runtime-missing",
                title=(
                    "The traceback stops while TensorFlow's native library loads on Windows,"
                    " before its error: from 2.1 on the DLL missing there is most likely the"
                    " Microsoft Visual C++ runtime (msvcp140_1.dll)"
                ),
                fix=VC_RUNTIME_FIX + CUT_TRACEBACK_NOTE,
                source="https://github.com/tensorflow/tensorflow/issues/36486",
                tf_versions=SpecifierSet(">=2.1"),
            ),
        ),
        explained_by=frozenset(
            {"cpu-lacks-avx", "windows-page-file-too-small", "python-unsupported"}
        ),
    ),
    Signature(
        name="windows-dll-not-found",
        needles=(".dll'", ".dll not found"),
        # 'Could not find' from TF 1.5's self-check on, 'Could not load ... The GPU version'
        # before it (TF 1.3/1.4); the dlerror part alone where a paste kept only that.
        pattern=compiled(
            r"(?:Could not (?:find|load) '|^[ \t>`*]{0,8}(?=\w+64_\d+\.dll not found))"
            r"(?P<lib>(?:cudart|cublasLt|cublas|cufft|curand|cusolver|cusparse)64_\d+\.dll)"
            r"(?:'| not found)"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title="The CUDA library {lib}{lib_version_note} could not be found on PATH",
        fix=LIBS_FIX,
        source="https://github.com/tensorflow/tensorflow/issues/31018",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # the dlerror part of a Windows cuDNN load failure, alone
        name="windows-cudnn-dll-not-found",
        needles=(".dll not found",),
        pattern=compiled(r"^[ \t>`*]{0,8}(?P<lib>cudnn(?:_\w{1,20})?64_\d+\.dll) not found"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="The cuDNN library {lib}{lib_version_note} could not be found on PATH",
        fix=(
            "Install cuDNN{lib_version_note} for this TensorFlow's CUDA version and put its bin"
            " folder on PATH (or copy its DLLs into CUDA's bin folder), then open a new terminal;"
            " or conda install cudnn into the environment."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/45930",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="windows-nvcuda-not-found",
        needles=("nvcuda.dll'",),
        pattern=compiled(r"Could not (?:find|load) 'nvcuda\.dll'"),
        finding_id="no-nvidia-driver",
        severity=Severity.ERROR,
        title="The NVIDIA driver's nvcuda.dll could not be found: no NVIDIA driver is installed",
        fix=(
            "Install the NVIDIA driver for the GPU (nvcuda.dll comes with it, not with CUDA) and"
            " check it with nvidia-smi."
        ),
        source="https://github.com/tensorflow/tensorflow/blob/v1.15.0/tensorflow/python/platform/self_check.py",
    ),
    Signature(
        name="cudnn-major-not-found",
        needles=("Could not find cuDNN",),
        pattern=compiled(r"Could not find cuDNN (?P<major>\d{1,2})\b"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="cuDNN {major} could not be found on PATH",
        fix=(
            "Install cuDNN {major} for the CUDA version of this TensorFlow and put its bin folder"
            " on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/13837",
        subject="cudnn{major}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        name="cudnn-dll-not-found",
        needles=(".dll'",),
        # 'Could not load' is the wording of TF 1.3/1.4's self-check script.
        pattern=compiled(r"Could not (?:find|load) '(?P<lib>cudnn64_\d+\.dll)'"),
        finding_id="cudnn-not-found",
        severity=Severity.ERROR,
        title="The cuDNN library {lib}{lib_version_note} could not be found on PATH",
        fix=(
            "Install cuDNN{lib_version_note} for the CUDA version of this TensorFlow and put its"
            " bin folder on PATH."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/22794",
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
    ),
    Signature(
        # tensorflow 2.14.0 and 2.15.0 pinned tensorrt 8.5.3.1 in [and-cuda]; it has no wheel
        # for Python 3.11 and newer, so pip falls back to an older TensorFlow or fails.
        name="and-cuda-tensorrt-pin",
        needles=("tensorrt==8.5.3.1",),
        pattern=compiled(
            r"(?:No matching distribution found for|Could not find a version that satisfies the"
            r" requirement) tensorrt==8\.5\.3\.1; extra == .and-cuda."
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "tensorflow[and-cuda] 2.14.0/2.15.0 pins tensorrt 8.5.3.1, which has no wheel for this"
            " Python (3.11 and newer)"
        ),
        fix=(
            "Install tensorflow[and-cuda]==2.15.0.post1 or newer (tensorrt left out), or use"
            " Python 3.10 for 2.14; 'tfgpu-setup plan' picks a release that installs."
        ),
        source="https://github.com/tensorflow/tensorflow/pull/62520",
    ),
    Signature(
        # tensorflow 2.15.0 (and the nightlies of its time) pinned tensorrt-libs 8.6.1 in
        # [and-cuda], which only NVIDIA's index has: the install fails on every Python.
        name="and-cuda-tensorrt-libs-pin",
        needles=("tensorrt-libs==8.6.1",),
        pattern=compiled(
            r"(?:No matching distribution found for|Could not find a version that satisfies the"
            r" requirement) tensorrt-libs==8\.6\.1; extra == .and-cuda."
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "tensorflow[and-cuda]==2.15.0 cannot be installed: it pins tensorrt-libs 8.6.1,"
            " which is not on PyPI, so pip installed nothing"
        ),
        fix=(
            "Install tensorflow[and-cuda]==2.15.0.post1 or 2.15.1 (the same build without"
            " TensorRT), or let 'tfgpu-setup plan' pick the release."
        ),
        source="https://github.com/tensorflow/tensorflow/pull/62520",
    ),
    Signature(
        # pip's own hint after an install that failed on a path past Windows' 260 characters
        # (TensorFlow's include tree is deep): nothing was installed.
        name="pip-windows-long-path",
        needles=("does not have Windows Long Path support enabled", "Could not install packages"),
        pattern=compiled(
            r"HINT: This error might have occurred since this system does not have Windows Long"
            r" Path support enabled"
            # older pip says only which file it could not write: one deep in TensorFlow's headers,
            # or any path near or past the limit (pip#7398: tensorboard's vendored protos under
            # the Store Python's LocalCache)
            r"|Could not install packages due to an (?:EnvironmentError|OSError): \[Errno 2\] No"
            r" such file or directory: '[A-Za-z]:\\"
            r"(?:[^'\n]{0,400}?[\\/]tensorflow[\\/]+include[\\/]|[^'\n]{200,800}')"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip could not install TensorFlow: a file path in it is longer than Windows allows"
            " without Long Path support"
        ),
        fix=(
            "Enable long paths (set HKLM\\SYSTEM\\CurrentControlSet\\Control\\FileSystem"
            " LongPathsEnabled to 1, as the link in pip's hint shows) or create the environment"
            " in a short folder such as C:\\venvs, then install again."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/25692",
    ),
    Signature(
        # pip (or conda) out of disk while it downloads or unpacks: TensorFlow's wheel and the
        # NVIDIA wheels of [and-cuda] are several GB unpacked, staged in the temporary folder
        # and pip's cache first. Nothing was installed.
        name="install-disk-full",
        # (the number, not the words: the OS words it in the machine's language, '[Errno 28]
        # 设备上没有空间'; Windows' ERROR_DISK_FULL is 112)
        needles=("Errno 28", "WinError 112"),
        pattern=compiled(
            r"Could not install packages due to an (?:EnvironmentError|OSError):"
            r" \[(?:Errno 28|WinError 112)\]"
            r"|\[Errno 28\] [^\n]{0,300}?(?:[/\\]pip-|site-packages)"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=DISK_FULL_TITLE,
        fix=PIP_DISK_FULL_FIX,
        source="https://pip.pypa.io/en/stable/topics/caching/",
    ),
    Signature(
        # pip before 20.3 printed the failure as a traceback through its own files, ending in
        # the OSError (pip 9's 'Exception:' header): read from pip's frame down to it.
        name="install-disk-full-in-pips-traceback",
        needles=("/pip/", "\\pip\\"),
        pattern=compiled(
            r'File "[^"\n]{0,300}[/\\]pip[/\\][^\n]{0,300}\n(?:[^\n]{0,400}\n){0,11}?[ \t]*'
            r"(?:OSError|IOError): \[Errno 28\] No space left on device"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=DISK_FULL_TITLE,
        fix=PIP_DISK_FULL_FIX,
        source="https://pip.pypa.io/en/stable/topics/caching/",
        spans_lines=12,
    ),
    Signature(
        # The same refusal in pip 9's traceback through its own files (an import that cannot
        # read site-packages raises it through importlib's frames: not an install)
        name="pip-permission-denied-in-pips-traceback",
        needles=("/pip/", "\\pip\\"),
        pattern=compiled(
            r'File "[^"\n]{0,300}[/\\]pip[/\\][^\n]{0,300}\n(?:[^\n]{0,400}\n){0,11}?[ \t]*'
            r"(?:OSError|IOError|PermissionError): \[Errno 13\] Permission denied"
            r"(?P<where>: '[^'\n]{1,300}')?"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="pip had no right to write where it installs{where}, so nothing was installed",
        fix=PIP_PERMISSION_FIX,
        source="https://pip.pypa.io/en/stable/user_guide/#user-installs",
        spans_lines=12,
    ),
    Signature(
        # conda out of disk in its package cache (pkgs/), where it unpacks every package
        # before it links them: cudatoolkit alone is several GB unpacked.
        name="conda-disk-full",
        needles=("No space left on device", "CondaError: Failed to write to"),
        pattern=compiled(
            r"\[Errno 28\] No space left on device[^\n]{0,300}[/\\]pkgs[/\\]"
            r"|CondaError: Failed to write to [^\n]{1,300}[/\\]pkgs[/\\][^\n]{0,300}\n"
            r"[ \t]*errno: 28"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=DISK_FULL_TITLE,
        fix=(
            "Free space in conda's package cache and the disk it is on: 'conda clean --all'"
            " removes unpacked and downloaded packages; or point the cache at a disk with room"
            " (CONDA_PKGS_DIRS=/big/conda-pkgs, or 'pkgs_dirs' in .condarc). 'df -h' shows which"
            " disk is full."
        ),
        source="https://docs.conda.io/projects/conda/en/latest/commands/clean.html",
        spans_lines=1,
    ),
    Signature(
        # pip refused by the file system's rights: a system Python's site-packages, or a
        # folder another user (root, through an earlier 'sudo pip') owns. Nothing installed.
        name="pip-permission-denied",
        # (in any language the OS words it: '[WinError 5] Zugriff verweigert', '拒绝访问。')
        needles=("Errno 13", "WinError 5"),
        pattern=compiled(
            r"Could not install packages due to an (?:EnvironmentError|OSError):"
            r" \[(?:Errno 13|WinError 5)\] [^:'\n]{1,80}"
            # (not a package pip had moved aside on Windows: pip-files-in-use)
            r"(?![^\n]{0,80}: '(?:[A-Za-z]:|\\\\)[^'\n]{0,300}?[/\\]~[\w-]{1,60}[/\\])"
            r"(?P<where>: '[^'\n]{1,300}')?"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title="pip had no right to write where it installs{where}, so nothing was installed",
        fix=PIP_PERMISSION_FIX,
        source="https://pip.pypa.io/en/stable/user_guide/#user-installs",
    ),
    Signature(
        # pip moves a package it uninstalls aside as '~name' in site-packages, then deletes it:
        # refused there on Windows, a running Python (a notebook kernel, an IDE) holds the
        # package's files open, and the environment is left half-upgraded (the old package
        # gone, the new not in). POSIX lets open files be removed: there it is ownership.
        name="pip-files-in-use",
        needles=("Errno 13", "WinError 5", "WinError 32"),
        pattern=compiled(
            r"Could not install packages due to an (?:EnvironmentError|OSError):"
            r" \[(?:Errno 13|WinError 5|WinError 32)\] [^:'\n]{1,80}: '"
            r"(?P<where>(?:[A-Za-z]:|\\\\)[^'\n]{0,300}?[/\\]~(?P<moved>[\w-]{1,60})[/\\]"
            r"[^'\n]{0,300})'"
        ),
        finding_id="tensorflow-not-installed",
        severity=Severity.ERROR,
        title=(
            "pip could not finish replacing a package: a running Python holds its files open"
            " ('{where}'), and the environment is left half-upgraded"
        ),
        fix=(
            "Close every program using this environment (Jupyter kernels, IDEs, other Python"
            " processes), delete the leftover '~{moved}' folder in site-packages, and run the"
            " install again (add --force-reinstall for the package pip had already removed)."
        ),
        source="https://github.com/pypa/pip/issues/12077",
    ),
    Signature(
        # pip resolved a release from before the extra existed (2.14): no NVIDIA wheels came.
        name="and-cuda-extra-missing",
        needles=("does not provide the extra",),
        pattern=compiled(
            r"tensorflow (?P<version>\d+\.\d+(?:\.\d+)?\w*) does not provide the extra"
            r" .and-cuda."
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.WARNING,
        title="pip installed TensorFlow {version}, " + AND_CUDA_MISSING,
        fix=AND_CUDA_MISSING_FIX,
        source=AND_CUDA_MISSING_SOURCE,
        variants=(
            Variant(
                # a release that has the extra, whose wheel here does not: only the Linux
                # x86_64 wheel declares it (aarch64's pulls in tensorflow-cpu-aws, Windows'
                # tensorflow-intel, both CPU builds)
                "cpu-only-tensorflow",
                "pip installed TensorFlow {version}, whose wheel for this platform has no"
                " [and-cuda] extra: only the Linux x86_64 wheel brings NVIDIA's libraries, and"
                " this one is a CPU build",
                "On Linux on Arm (aarch64) use NVIDIA's NGC TensorFlow container for Arm64 (a"
                " Jetson: NVIDIA's wheel for its JetPack); on native Windows, WSL 2 with"
                " 'tensorflow[and-cuda]' or TensorFlow 2.10; on a Mac, Apple's tensorflow-metal."
                " 'uname -m' and the OS decide which.",
                "https://github.com/tensorflow/tensorflow/issues/121157",
                tf_versions=SpecifierSet(">=2.14"),
                severity=Severity.ERROR,
            ),
        ),
    ),
    Signature(
        # pip refusing a macOS arm64 wheel (any package's: TensorFlow's, or numpy's that
        # tensorflow-macos pins): the Python pip runs for is not an arm64 one, an x86_64 build
        # under Rosetta on Apple silicon (apple/tensorflow_macos#48), or pip is too old for
        # macOS 11's tags
        name="macos-arm64-wheel-refused",
        needles=("_arm64.whl is not a supported wheel",),
        pattern=compiled(
            r"[\w.-]{1,120}-macosx_\d{1,2}_\d{1,2}_arm64\.whl is not a supported wheel on this"
            r" platform"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip refuses an Apple silicon (arm64) wheel: the Python it installs for is not an"
            " arm64 one (an x86_64 Python under Rosetta), or pip is too old for macOS 11's tags"
        ),
        fix=(
            "Check with 'python -c \"import platform; print(platform.machine())\"': on Apple"
            " silicon it must print arm64. Install a native arm64 Python (python.org's universal2"
            " installer, Homebrew in /opt/homebrew, Miniforge arm64), create the environment with"
            " it, upgrade pip there ('python -m pip install -U pip') and install again."
        ),
        source="https://github.com/apple/tensorflow_macos/issues/48",
    ),
    Signature(
        # macOS's loader refusing TensorFlow's library for the CPU type: an x86_64 Python
        # (under Rosetta) with an arm64 TensorFlow, or the reverse.
        name="macos-wrong-architecture",
        needles=("but wrong architecture", "incompatible architecture"),
        pattern=compiled(
            r"mach-o(?: file)?, but wrong architecture"
            r"|incompatible architecture \(have \(?'?(?P<have>\w{3,8})'?\)?, need"
            r" \(?'?(?P<need>\w{3,8})'?\)?(?: or '?\w{3,8}'?){0,3}\)"
        ),
        finding_id="python-unsupported",
        severity=Severity.ERROR,
        title=(
            "TensorFlow's library and this Python are built for different CPU types (an x86_64"
            " Python under Rosetta, or the reverse)"
        ),
        fix=(
            "Check with 'python -c \"import platform; print(platform.machine())\"': on Apple"
            " silicon it must print arm64. Install a native arm64 Python (python.org's universal2"
            " installer, Homebrew in /opt/homebrew, Miniforge arm64), create the environment with"
            " it and install TensorFlow there."
        ),
        source="https://github.com/apple/tensorflow_macos/issues/83",
    ),
    Signature(
        # PyPI's tensorflow-gpu wheels for macOS stop at 1.1.0: pip listing nothing newer for
        # tensorflow-gpu is the macOS index, where TensorFlow has no GPU build since 1.2.
        name="pip-tensorflow-gpu-macos-versions",
        needles=(
            "satisfies the requirement tensorflow-gpu",
            "satisfies the requirement tensorflow_gpu",
        ),
        pattern=compiled(
            r"satisfies the requirement tensorflow[-_]gpu\b[^\n(]{0,80}\(from versions:"
            r"[^)\n]{0,400}\b1\.1\.0\)"
        ),
        finding_id="macos-no-cuda",
        severity=Severity.ERROR,
        title=(
            "pip lists tensorflow-gpu only up to 1.1.0: that is macOS, where TensorFlow has had no"
            " GPU build since 1.2"
        ),
        fix=(
            "On macOS, install 'tensorflow' (and, on Apple silicon, Apple's tensorflow-metal"
            " plug-in for its GPU); an NVIDIA GPU needs Linux (or WSL2 on Windows)."
        ),
        source="https://github.com/tensorflow/tensorflow/issues/18485",
    ),
    Signature(
        # PyPI's tensorflow-gpu 2.11.0 has Linux wheels only, and the later stubs none: pip
        # asked for 2.11 or newer and listing 2.10 last (a Python 2.10 serves) is native
        # Windows' index, where TensorFlow has had no GPU build since 2.11 (TFODCourse#118)
        name="pip-tensorflow-gpu-windows-versions",
        needles=(
            "satisfies the requirement tensorflow-gpu",
            "satisfies the requirement tensorflow_gpu",
        ),
        pattern=compiled(
            r"satisfies the requirement tensorflow[-_]gpu ?(?:==|>=|~=) ?2\.(?:1[1-9]|[2-9]\d)"
            r"\b[^\n(]{0,80}\(from versions:[^)\n]{0,600}\b2\.10\.\d\)"
        ),
        finding_id="windows-native-gpu-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip lists tensorflow-gpu only up to 2.10: that is native Windows, where TensorFlow"
            " has had no GPU build since 2.11"
        ),
        fix=(
            "Use WSL2 (install the Windows NVIDIA driver, then 'pip install tensorflow[and-cuda]'"
            " inside WSL2), or pin tensorflow-gpu 2.10 with CUDA 11.2 and cuDNN 8.1"
            " ('tfgpu-setup plan --tf 2.10')."
        ),
        source="https://www.tensorflow.org/install/pip#windows-native",
    ),
    Signature(
        # tensorflow[and-cuda] (2.14 and later) needs nvidia-nccl-cu12, which NVIDIA publishes
        # for Linux only: pip or uv finding no build of it, for that extra, is another system,
        # most often native Windows (northumber/person-autocrop#2).
        name="and-cuda-nccl-without-a-wheel",
        needles=("nvidia-nccl-cu", "Cannot install tensorflow[and-cuda]"),
        pattern=compiled(
            r"(?:satisfies the requirement|No matching distribution found for)"
            r" nvidia-nccl-cu1\d[^\n;]{0,40}; extra == .and-cuda."
            r"|nvidia-nccl-cu1\d[^\n]{0,40}? has no wheels with a matching platform tag"
            r"[^\n]{0,300}?tensorflow\[and-cuda\]"
            # pip's conflict among tensorflow[and-cuda]'s own versions only (another package
            # in it, torch pinning another NCCL, is a conflict of pins), over its NCCL
            r"|Cannot install tensorflow\[and-cuda\]==[\w.]{1,20}(?:,? (?:and )?"
            r"tensorflow\[and-cuda\]==[\w.]{1,20}){0,40} because these package versions have"
            r" conflicting dependencies\."
            # (no pin the user asked for among the causes: a constraint file's NCCL)
            r"(?!(?:\n[^\n]{0,300}){0,5}?\n[ \t]{0,8}The user requested)"
            r"(?:\n[^\n]{0,300}){0,4}?\n[ \t]{0,8}"
            r"tensorflow\[and-cuda\] [\w.]{1,20} depends on nvidia-nccl-cu1\d"
        ),
        spans_lines=5,
        finding_id="windows-native-gpu-unsupported",
        severity=Severity.ERROR,
        title=(
            "pip finds no nvidia-nccl-cu12 for tensorflow[and-cuda]: NVIDIA builds it for Linux"
            " only, so this is not Linux (most often native Windows, where TensorFlow has had no"
            " GPU build since 2.11)"
        ),
        fix=(
            "Use WSL2 (install the Windows NVIDIA driver, then 'pip install tensorflow[and-cuda]'"
            " inside WSL2), or on native Windows pin tensorflow-gpu 2.10 with CUDA 11.2 and cuDNN"
            " 8.1 ('tfgpu-setup plan --tf 2.10'); on a Mac, plain 'tensorflow' (no CUDA there)."
        ),
        source="https://pypi.org/project/nvidia-nccl-cu12/#files",
    ),
    Signature(
        # An add-on's CUDA ops (TensorFlow Addons) need the CUDA runtime's symbols, which a CPU
        # build of TensorFlow does not carry.
        name="addon-needs-cuda-symbols",
        needles=("__cudaPushCallConfiguration",),
        pattern=compiled(
            # an installed package's op library; a user's own op built elsewhere is another case
            r"[/\\](?:site|dist)-packages[/\\][^\s:'\"]{1,300}?\.so(?:\.[\d.]{1,20})?:"
            r" undefined symbol: __cudaPushCallConfiguration"
            r"|^(?![^\n]{0,300}\.so\b)[^\n]{0,300}undefined symbol: __cudaPushCallConfiguration"
        ),
        finding_id="cpu-only-tensorflow",
        severity=Severity.ERROR,
        title="An add-on's GPU ops cannot load: the TensorFlow installed is a CPU-only build",
        fix=(
            "Install the CUDA build of TensorFlow ('tensorflow', not 'tensorflow-cpu'; 'tfgpu-setup"
            " plan' picks it), then reinstall the add-on for that release."
        ),
        source="https://github.com/tensorflow/addons/issues/990",
    ),
    Signature(
        # A custom op the user compiled with nvcc (PointNet++'s tf_ops, StyleGAN's plugins) that
        # cannot find the CUDA runtime's launch symbols: nvcc from CUDA 9.2 on emits calls to
        # __cudaPushCallConfiguration, which only a libcudart of that CUDA or newer has, so the
        # op was built with another CUDA than the one linked or loaded (or without -lcudart).
        # The maintainer's fix: point the build script at the CUDA TensorFlow uses and rebuild
        # (BAAF-Net#13).
        name="custom-op-needs-another-cuda-runtime",
        needles=("undefined symbol: __cuda",),
        pattern=compiled(
            r"^(?![^\n]{0,300}[/\\](?:site|dist)-packages[/\\])[^\n]{0,300}?"
            # (TensorFlow's own libraries are no custom op: libtensorflow_cc.so.2)
            r"(?<![\w.+-])(?P<op>(?!libtensorflow|_pywrap_tensorflow)[\w.+-]{1,100}"
            r"\.so(?:\.[\d.]{1,20})?): undefined symbol:"
            r" (?P<symbol>__cuda(?:PushCallConfiguration|PopCallConfiguration|RegisterFatBinary"
            r"(?:End)?|RegisterFunction|UnregisterFatBinary))\b"
        ),
        finding_id="cuda-version-mismatch",
        severity=Severity.WARNING,
        title=(
            "The custom op {op} was compiled with another CUDA than the one it runs with: the"
            " CUDA runtime lacks {symbol}"
        ),
        fix=(
            "Rebuild the op with the nvcc of the CUDA this TensorFlow uses (the CUDA folder in"
            " the build script, 'nvcc --version'), linking the CUDA runtime (-lcudart"
            " -L<cuda>/lib64) and TensorFlow's own flags (tf.sysconfig.get_compile_flags() and"
            " get_link_flags())."
        ),
        source="https://github.com/ShiQiu0419/BAAF-Net/issues/13",
    ),
)
