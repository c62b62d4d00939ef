"""What a log signature is: the pattern, the finding it means, and the helpers that build them.

A signature turns one log line into a finding: a regex (log text is free text, so regexes are the
right tool here), the finding id it maps to, a title template filled from the regex's named groups,
the fix, and the URL of a public report that shows the line and what it meant. Signatures without a
finding id are positive evidence (a GPU device was created, cuDNN loaded) and produce no finding.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet
from packaging.utils import InvalidWheelFilename, parse_wheel_filename

from ...findings import FINDING_IDS, Severity, ids_tagged
from ...versions import parsed

BENIGN = "benign-log-noise"
PTXAS_MISREAD = r"\d{2}\.\d{1,3}(?:\.\d{1,4})?, which (?:is )?older than \d\.\d"
"""TensorFlow 1.12 compared ptxas versions wrongly: 'ptxas 10.0.145, which is older than
9.2.88' (a two-digit major 'older' than a one-digit one; fixed in tensorflow@83ff640)."""

DRIVER_ROOTS = ids_tagged("stops-every-gpu")
"""Findings that by themselves keep TensorFlow from seeing any GPU."""

LIBRARY_IDS = ids_tagged("library")

CUDA_ERROR_CODES_URL = "https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__TYPES.html"
CUDA_ENV_VARS_URL = (
    "https://docs.nvidia.com/cuda/cuda-programming-guide/05-appendices/environment-variables.html"
)


@dataclass(frozen=True)
class Variant:
    """A different reading of the same line, chosen by the TensorFlow version or by other lines."""

    finding_id: str
    title: str
    fix: str
    source: str
    tf_versions: SpecifierSet | None = None
    """Applies when the TensorFlow version is known and inside this set."""
    defect: str | None = None
    """Applies when the TensorFlow version is known and this defect of the matrix
    (matrices/tensorflow.json, by id) affects it; '{defect_workaround}' and '{defect_source}'
    in the fix and source are filled from that defect."""
    with_signatures: frozenset[str] = frozenset()
    """Applies when every one of these signatures also matched somewhere in the log."""
    with_any_signature: frozenset[str] = frozenset()
    """Applies when one of these signatures (where any are named) also matched: one of several
    lines of the same meaning (cuInit's failures, each its own signature)."""
    unless_signatures: frozenset[str] = frozenset()
    """Does not apply when one of these matched: lines showing this reading wrong."""
    severity: Severity | None = None
    """The signature's own severity when None."""


@dataclass(frozen=True, eq=False)
class Signature:
    """One recognised kind of log line. Compared and hashed by identity: each is unique."""

    name: str
    needles: tuple[str, ...]
    """Cheap prefilter: the pattern is only tried on lines containing one of these substrings."""
    pattern: re.Pattern[str]
    finding_id: str | None
    """None: positive evidence only, no finding."""
    severity: Severity
    title: str
    """str.format template over the pattern's named groups and the derived fields."""
    fix: str
    source: str
    subject: str = ""
    """Template naming what the finding is about (a library, a compute capability): one finding is
    made per (id, subject). Generic lines use the empty subject."""
    explained_by: frozenset[str] = frozenset()
    """Drop this line's finding when another signature produced one of these ids (the root cause)
    for a different subject."""
    demoted_by: frozenset[str] = frozenset()
    """Lower this line's error to a warning when one of these ids was also found: it is real, but
    only worth fixing after the root cause."""
    proves_gpu: bool = False
    """The line shows TensorFlow registered a GPU device."""
    spans_lines: int = 0
    """How many of the following lines the pattern reads with the line: a call pasted with the
    answer Python printed under it (and the warnings printed between)."""
    needs_no_gpu: bool = False
    """The line only means something when no GPU device was registered."""
    at_work: bool = False
    """The line is printed while work runs on a registered GPU (cuDNN loading its
    sub-libraries at the first convolution): a GPU device line does not speak against it."""
    variants: tuple[Variant, ...] = ()

    def __post_init__(self) -> None:
        ids = [self.finding_id, *(v.finding_id for v in self.variants)]
        unknown = [i for i in ids if i is not None and i not in FINDING_IDS]
        if unknown:
            raise ValueError(f"signature {self.name}: unknown finding ids {unknown}")
        if not self.needles:
            raise ValueError(f"signature {self.name}: no needles")
        available = set(self.pattern.groupindex) | {
            derived for derived, base in DERIVED_FROM.items() if base in self.pattern.groupindex
        }
        if any(v.defect for v in self.variants):
            available |= DEFECT_FIELDS
        templates = [
            self.title,
            self.fix,
            self.subject,
            *(text for v in self.variants for text in (v.title, v.fix)),
        ]
        for template in templates:
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
            if not fields <= available:
                raise ValueError(f"signature {self.name}: {fields - available} not in its groups")


DEFECT_FIELDS = frozenset({"defect_workaround", "defect_source"})
"""Fields a variant with a defect_kind may use, filled from the matrix's defect."""

DERIVED_FROM = {
    "lib_version": "lib",
    "lib_version_note": "lib",
    "loader_fix": "lib",
    "unversioned_note": "lib",
    "unversioned_first": "lib",
    "cudnn_loader_fix": "lib",
    "because": "dlerror",
    "ptxas_note": "ptxas",
    "sm_note": "sm",
    "legacy_branch": "branch",
    "status_note": "status",
    "for_kernel": "kernel",
    "driver_supports": "driver_api",
    "halves_fix": "dso",
    "wheel_for": "tag",
    "wheel_fix": "tag",
    "wheel_python_note": "wheel",
    "wheel_pip": "wheel",
    "cuinit_title": "code",
    "cuinit_fix": "code",
    "numpy_built": "built",
    "numpy_have": "have",
    "numpy_upgrade": "built",
    "conda_python": "pyversions",
}
"""Fields computed from a named group: the derived field exists when its base group does."""

_SO_VERSION = re.compile(r"\.so\.(\d+(?:\.\d+)*)$|\.(\d+(?:\.\d+)*)\.dylib$")
"""Linux's libcudart.so.8.0, and macOS's libcudart.8.0.dylib (TensorFlow 1.1 and older)."""
_DLL_VERSION = re.compile(r"_(\d+)\.dll$", re.IGNORECASE)


def library_version(file_name: str) -> str:
    """The version in a CUDA library's file name: libcudnn.so.8 -> 8, cudart64_110.dll -> 11.0."""
    if match := _SO_VERSION.search(file_name):
        return match.group(1) or match.group(2)
    if match := _DLL_VERSION.search(file_name):
        digits = match.group(1)
        # Windows cudart names carry major and minor run together: cudart64_110 is CUDA 11.0,
        # cudart64_80 is CUDA 8.0. Two digits from 10 on are a library's own major
        # (cufft64_10.dll, cudnn64_8.dll is one digit).
        run_together = len(digits) >= 3 or (len(digits) == 2 and digits[0] in "89")
        return f"{digits[:-1]}.{digits[-1]}" if run_together else digits
    return ""


def _is_dll(file_name: str) -> bool:
    return file_name.lower().endswith(".dll")


_LIBRARY_NAME = re.compile(
    r"^(?:lib)?(?P<name>[a-zA-Z]+?)(?:64)?(?:\.so|_\d|\.dll|\.\d[\d.]*dylib)"
)

ONE_NAME_PER_MAJOR = frozenset({"cudart", "cublas", "cublasLt"})
"""From CUDA 11 these keep one name a major: libcudart.so.11.0 and cudart64_110.dll are every
11.x's (CUDA 10.1 and 10.2 already shared libcublas.so.10)."""
OWN_NUMBERING = frozenset({"cufft", "curand", "cusolver", "cusparse"})
"""Libraries numbered on their own, one number for several CUDA releases (libcufft.so.10 is
CUDA 10.1 to 11.8's)."""


def library_name(file_name: str) -> str | None:
    """The library a file is of: libcudart.so.11.0 and cudart64_110.dll -> 'cudart'."""
    found = _LIBRARY_NAME.match(file_name)
    return found.group("name") if found else None


def _version_note(file_name: str, version: str) -> str:
    """' (version 8)'; ' (CUDA 11.x)' for a name every 11.x ships, ' (library version 10)'
    for a library numbered on its own."""
    if not version:
        return ""
    name, major = library_name(file_name), version.split(".")[0]
    if name in ONE_NAME_PER_MAJOR and major.isdigit() and int(major) >= 11:
        return f" (CUDA {major}.x)"
    if name in OWN_NUMBERING and "." not in version:
        return f" (library version {version})"
    return f" (version {version})"


def cudnn_version(number: str) -> str:
    """A cuDNN version as TensorFlow prints it, dotted: '8907' -> 8.9.7, '90300' -> 9.3.0 (the
    CUDNN_VERSION scale changed in cuDNN 9); an already dotted version is returned as it is."""
    if not number.isdigit():
        return number
    value = int(number)
    scale = 10000 if value >= 10000 else 1000
    return f"{value // scale}.{value % scale // 100}.{value % 100}"


NUMPY_OF_C_API = {
    0x6: ("1.6", "1.6"),
    0x7: ("1.7", "1.7"),
    0x9: ("1.8", "1.9"),
    0xA: ("1.10", "1.12"),
    0xB: ("1.13", "1.13"),
    0xC: ("1.14", "1.15"),
    0xD: ("1.16", "1.19"),
    0xE: ("1.20", "1.21"),
    0xF: ("1.22", "1.22"),
    0x10: ("1.23", "1.24"),
    0x11: ("1.25", "1.26"),
    0x12: ("2.0", "2.0"),
    0x13: ("2.1", "2.2"),
    0x14: ("2.3", "2.3"),
    0x15: ("2.4", "2.4"),
    0x16: ("2.5", ""),
}
"""The NumPy releases of each C API (feature) version, first and last ('' while open), from NumPy's
own record (numpy/_core/code_generators/cversions.txt: 'Version 14 (NumPy 1.20) ... Version 14
(NumPy 1.21) No change')."""


def numpy_c_api_note(number: str, *, installed: bool) -> str:
    """': NumPy 1.16 to 1.19' for an installed C API, ': NumPy 1.20 or newer' for the one a
    module was built against; '' for a number NumPy never released."""
    try:
        first, last = NUMPY_OF_C_API[int(number, 16)]
    except (ValueError, KeyError):
        return ""
    if not installed or not last:
        return f": NumPy {first} or newer"
    return f": NumPy {first}" if first == last else f": NumPy {first} to {last}"


_PYTHON_XY = re.compile(r"(?<![\d.<])([23])\.(\d{1,2})(?![\d])")
"""A Python X.Y in a conda spec, not an exclusive upper bound ('<3.8.0a0')."""


def newest_python(versions: str) -> str:
    """The newest Python X.Y in conda's 'python[version=...]' list ('2.7.*|3.7.*|3.6.*' ->
    3.7); '3.X' where it names none."""
    found = [(int(major), int(minor)) for major, minor in _PYTHON_XY.findall(versions)]
    if not found:
        return "3.X"
    major, minor = max(found)
    return f"{major}.{minor}"


def numpy_upgrade(number: str) -> str:
    """The pip command for a NumPy with this C API or newer."""
    try:
        first = NUMPY_OF_C_API[int(number, 16)][0]
    except (ValueError, KeyError):
        return "'pip install -U numpy'"
    return f"'pip install -U \"numpy>={first}\"'"


def driver_api_cuda(number: str) -> str:
    """The CUDA version cuDriverGetVersion returns, dotted: '11070' -> 11.7, '9020' -> 9.2."""
    value = int(number)
    return f"{value // 1000}.{value % 1000 // 10}"


def wheel_python(wheel: str) -> tuple[str, bool]:
    """The CPython version a wheel's interpreter tags name ('3.6' for '...-cp36-cp36m-...'),
    or '' where they name none or several, and whether it is a Windows wheel."""
    try:
        tags = parse_wheel_filename(wheel)[3]
    except InvalidWheelFilename:
        return "", False
    pythons = {t.interpreter for t in tags if t.interpreter.startswith("cp")}
    windows = any(t.platform.startswith("win") for t in tags)
    if len(pythons) != 1:
        return "", windows
    digits = pythons.pop()[2:]
    return (f"{digits[0]}.{digits[1:]}" if len(digits) > 1 else ""), windows


def derived_fields(groups: Mapping[str, str | None]) -> dict[str, str]:
    """The named groups with None as '', cuDNN numbers dotted, plus the derived fields."""
    fields = {name: value or "" for name, value in groups.items()}
    for name, value in fields.items():
        if name.startswith("cudnn_"):
            fields[name] = cudnn_version(value)
    if "lib" in fields:
        version = library_version(fields["lib"])
        fields["lib_version"] = version
        fields["lib_version_note"] = _version_note(fields["lib"], version)
        windows = _is_dll(fields["lib"])
        fields["loader_fix"] = WINDOWS_LOADER_FIX if windows else LINUX_LOADER_FIX
        fields["cudnn_loader_fix"] = WINDOWS_CUDNN_FIX if windows else LINUX_CUDNN_FIX
        fields["unversioned_note"] = (
            f" cuDNN opens the unversioned {fields['lib']}, which NVIDIA's runtime wheels and"
            " packages do not ship (only the .so.<major> file): link that name to the file"
            " beside it, or install the CUDA toolkit's development package that has it."
            if fields["lib"].endswith(".so")
            else ""
        )
        fields["unversioned_first"] = (
            f"{fields['lib']} is the unversioned name, which only development packages and -devel"
            " images have (runtime packages, images and wheels ship the .so.<major> file): where"
            f" 'ls' finds {fields['lib']}.<major>, link the name to it ('ln -s'), install the"
            " development package, or use a TensorFlow that opens the versioned name. If no"
            " such file is there, the library is missing. "
            if fields["lib"].endswith(".so")
            else ""
        )
    if "wheel" in fields:
        python, windows = wheel_python(fields["wheel"])
        fields["wheel_python_note"] = f" (this one is for Python {python})" if python else ""
        # (Windows' launcher picks a Python by version; elsewhere each has its own command)
        runs = f"py -{python}" if windows else f"python{python}"
        fields["wheel_pip"] = (
            f"If the file is the one meant for this machine, install it with Python {python}'s"
            f" own pip ('{runs} -m pip install {fields['wheel']}'; 'pip --version' names the"
            " Python a pip belongs to). Otherwise download"
            if python
            else "Download"
        )
    if "code" in fields:
        if fields["code"].startswith("UNKNOWN ERROR (") and not fields["code"].endswith(")"):
            # a line cut at the console's width just before CUDA's closing parenthesis
            fields["code"] = fields["code"].rstrip() + ")"
        stub = any(code in fields["code"] for code in LIBCUDA_ABSENT_CODES)
        fields["cuinit_title"] = (
            f"TensorFlow could not load the NVIDIA driver's libcuda (cuInit answered"
            f" {fields['code']})"
            if stub
            else f"CUDA could not initialise the driver (cuInit failed with {fields['code']})"
        )
        fields["cuinit_fix"] = LIBCUDA_NOT_LOADED_FIX if stub else CUINIT_DRIVER_FIX
    if "call" in fields:
        fields["call"] = fields["call"] or "cuInit"  # the driver API call that refused
    if "dlerror" in fields:
        fields["because"] = f": {fields['dlerror']}" if fields["dlerror"] else ""
    if "status" in fields:
        fields["status_note"] = f" ({fields['status']})" if fields["status"] else ""
    if "ptxas" in fields:
        fields["ptxas_note"] = f" ({fields['ptxas']})" if fields["ptxas"] else ""
    if "kernel" in fields:
        kernel = fields["kernel"] or fields.get("old_kernel", "")
        fields["for_kernel"] = f" for kernel {kernel}" if kernel else ""
    if "driver_api" in fields:
        api = fields["driver_api"]
        fields["driver_supports"] = driver_api_cuda(api) if api.isdigit() else ""
    if "tag" in fields:
        platform = fields["tag"] == "platform"
        fields["wheel_for"] = UV_NO_PLATFORM_WHEEL if platform else UV_NO_PYTHON_WHEEL
        fields["wheel_fix"] = UV_PLATFORM_FIX if platform else UV_PYTHON_FIX
    if "dso" in fields:
        fields["halves_fix"] = driver_halves_fix(fields["dso"], fields.get("kernel", ""))
    if "built" in fields:
        fields["numpy_built"] = numpy_c_api_note(fields["built"], installed=False)
        fields["numpy_upgrade"] = numpy_upgrade(fields["built"])
    if "pyversions" in fields:
        fields["conda_python"] = newest_python(fields["pyversions"])
    if "have" in fields:
        fields["numpy_have"] = numpy_c_api_note(fields["have"], installed=True)
    if "sm" in fields:
        fields["sm_note"] = f" (sm_{fields['sm']})" if fields["sm"] else ""
    if "branch" in fields:
        named = fields["branch"].removesuffix(".xx")
        fields["legacy_branch"] = (
            f"the {named}.xx legacy branch the module names"
            if named
            else "the legacy branch NVIDIA names (580, 470, 390)"
        )
    return fields


UV_NO_PYTHON_WHEEL = (
    "for this Python and platform: the Python version is not one that release publishes wheels for"
)
UV_PYTHON_FIX = (
    "Create the environment with a Python the release supports ('uv venv --python 3.X', the"
    " versions uv's hint lists), or pick a release built for this Python; 'tfgpu-setup plan"
    " --python X.Y' checks a version first."
)
UV_NO_PLATFORM_WHEEL = (
    "for this platform (operating system or CPU): those releases publish no wheel for it"
)
UV_PLATFORM_FIX = (
    "Pick a release with wheels for this platform (TensorFlow 2.17 and later have none for"
    " Intel Macs, tensorflow-macos is for macOS only), or install where its wheels exist;"
    " 'tfgpu-setup plan' picks the release."
)
_ELSEWHERE = (
    " In a container, do not install a driver or CUDA compat libraries inside the image: the"
    " host's libcuda is mounted by the NVIDIA container toolkit. On WSL2, remove any Linux"
    " NVIDIA driver from the distribution."
)
DRIVER_UPDATED_FIX = (
    "The driver was updated while the old kernel module is still loaded: reboot, or unload and"
    " reload the nvidia modules. If the versions still differ after a reboot, the new module was"
    " never built for this kernel: 'dkms status' shows it, and reinstalling the driver package"
    " finishes it. If no driver was updated, the newer libcuda is a copy first on the loader"
    " path: CUDA's forward-compatibility libraries (cuda/compat, which data-center, some"
    " professional and Jetson GPUs accept, not GeForce) or a driver inside a container image;"
    " take that folder off LD_LIBRARY_PATH (or out of the image)." + _ELSEWHERE
)
STALE_LIBCUDA_FIX = (
    "A libcuda of an older driver comes first on the loader path (left by an earlier driver or a"
    " CUDA installer, CUDA's compat libraries older than an upgraded host driver, a driver inside"
    " a container image, or a folder on LD_LIBRARY_PATH): find"
    " it with 'ldconfig -p | grep libcuda' and 'echo $LD_LIBRARY_PATH', and remove it or put"
    " the loaded driver's own library folder first; a reboot does not change that. Only after a"
    " driver downgrade not yet booted into does a reboot fix it." + _ELSEWHERE
)
HALVES_DIFFER_FIX = (
    "The user-space driver was updated (or a different libcuda is on the loader path) while the"
    " old kernel module is still loaded. Reboot, or reload the nvidia modules." + _ELSEWHERE
)


def driver_halves_fix(library: str, kernel: str) -> str:
    """The fix for a libcuda and a kernel module of two driver versions. A library newer than
    the module is an update not yet booted into; an older one is a stale copy found first on
    the loader path, which a reboot leaves where it is."""
    try:
        library_version, kernel_version = parsed(library), parsed(kernel)
    except ValueError:
        return HALVES_DIFFER_FIX
    if library_version > kernel_version:
        return DRIVER_UPDATED_FIX
    if library_version < kernel_version:
        return STALE_LIBCUDA_FIX
    return HALVES_DIFFER_FIX


CUINIT = r"failed call to cuInit: {1,2}(?:[A-Z_]+: CUDA error: Failed call to cuInit: )?"
"""TF 2.1x wrote 'failed call to cuInit: CODE' (TF 0.x with two spaces, tensorflow#394);
newer XLA-based builds (2.18+) wrap it as
'failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: CODE'. numba's 'Call to
cuInit results in CODE' is not read: its probe runs beside a TensorFlow that may well use the
GPU."""


PROCEDURE_NOT_FOUND = (
    r"(?:The specified procedure could not be found|找不到指定的程序"
    r"|Die angegebene Prozedur wurde nicht gefunden|指定されたプロシージャが見つかりません"
    r"|Не найдена указанная процедура|La procédure spécifiée est introuvable"
    r"|지정된 프로시저를 찾을 수 없습니다|Impossibile trovare la procedura specificata"
    r"|Não foi possível encontrar o procedimento especificado|Belirtilen yordam bulunamadı"
    r"|No se encontró el (?:procedimiento|proceso) especificado)"
)
"""Windows' ERROR_PROC_NOT_FOUND, in English and the languages reports come in."""


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


LOADER_COULD_NOT_OPEN = (
    # (a copy that lost the space before the quote: "dynamic library'libcudart.so.11.0'", or
    # one retyped in a sentence: "get ERROR: could not load dynamic library 'cusolver64_10.dll'",
    # or one a paste set in double quotes at the wrong place: 'library "'cudart64_101.dll'')
    r"(?:[Cc]ould not (?:load dynamic|dlopen) library ?\"?'|Couldn't open CUDA library "
    r"|could not dlopen DSO: )"
)
"""TensorFlow's loader before a library it could not open: TF 2.x's, TF 1.14-2.0's 'dlopen', and
TF 1.x's older wordings (its Status 'could not dlopen DSO: libcublas.so.10.1; dlerror: ...',
quoted in a fatal 'Failed precondition' line: musicdb#23)."""


def dlopen_pattern(names: str) -> re.Pattern[str]:
    """dso_loader's line for a library that failed to load (TF 2.x), the 'Could not dlopen
    library' of TF 1.14 to 2.0, or TF 1.x's older wording."""
    return compiled(
        LOADER_COULD_NOT_OPEN + rf"(?P<lib>(?:lib)?(?:{names})[^'\s]*?)"
        # TF 0.12-1.x on Windows ended the old wording at the DLL's name; a line retyped alone
        # ends at the library's name ("Couldn't open CUDA library libcudnn.so")
        r"(?:(?:'|(?=; dlerror: ))(?:; dlerror: (?P<dlerror>[^;\r\n]*))?|\.? LD_LIBRARY_PATH"
        r"|(?<=\.dll)\s*$"
        r"|\.?(?=[ \t]*$))"
    )


DLOPEN_NEEDLES = ("dynamic library", "dlopen library", "CUDA library", "dlopen DSO")
ROCM_LIB_NAMES = (
    "hsa-runtime64|amdhip64|hip_hcc|mcwamp|rocblas|MIOpen|rocfft|hipfft|rocrand|hiprand|rccl"
    "|roctracer64|rocsolver|hipsolver|rocsparse|hipsparse|amd_comgr"
)
"""ROCm's runtime and math libraries, which tensorflow-rocm loads where CUDA builds load
CUDA's."""
CUDA_LIB_NAMES = "cudart|cublasLt|cublas|cufft|curand|cusolver|cusparse|nvrtc|nvJitLink|nccl"

TF_TRT_FIX = (
    "Install the TensorRT major this TensorFlow links (the libnvinfer.so.N its dso_loader line"
    " names; from 2.12 on the 'tensorrt' pip wheel, with its lib folder on LD_LIBRARY_PATH) or"
    " use NVIDIA's NGC TensorFlow container; or do not convert with TF-TRT."
)
"""TF-TRT called while TensorRT's libraries cannot load (TensorRT is optional otherwise)."""
TF_TRT_SOURCE = "https://github.com/tensorflow/tensorflow/issues/50330"

MEMORY_TAKEN_FIX = (
    "Another process (or TensorFlow itself, which reserves nearly all GPU memory by default)"
    " holds the memory: check nvidia-smi, stop other GPU processes, and enable memory growth"
    " (tf.config.experimental.set_memory_growth(gpu, True) or TF_FORCE_GPU_ALLOW_GROWTH=true)."
)
"""A CUDA library (cuBLAS, cuDNN) that could not start for lack of GPU memory."""


def handle_failed_first(then: str) -> Variant:
    """The reading of a 'no DNN' line where cuDNN's handle failed first: cuDNN's version is
    checked only once its handle exists (cuda_dnn.cc), so the failure is the handle's,
    usually memory already taken."""
    return Variant(
        finding_id="gpu-out-of-memory",
        title=(
            f"cuDNN could not start: its handle failed first (then '{then}'), usually because"
            " the GPU memory is already taken"
        ),
        fix=MEMORY_TAKEN_FIX,
        source=(
            "https://github.com/tensorflow/tensorflow/blob/v2.9.0/tensorflow/stream_executor/"
            "cuda/cuda_dnn.cc"
        ),
        with_signatures=frozenset({"cudnn-handle"}),
    )


GPU_NEWER_THAN_BUILD_FIX = (
    "Use a TensorFlow built for a CUDA that supports this GPU (RTX 20: CUDA 10.0+; A100: 11.0+;"
    " RTX 30: 11.1+; RTX 40: 11.8+); 'tfgpu-setup plan --gpu NAME' picks one."
)
"""A CUDA math library with no kernels for a GPU newer than the build's CUDA."""
HOSTED_GPU_RUNTIME_FIX = (
    "Choose a GPU runtime (Colab: Runtime > Change runtime type > GPU; Kaggle: Settings >"
    " Accelerator; Studio Lab: start a GPU runtime), then restart the notebook."
)
HOSTED_GPU_RUNTIME_SOURCE = "https://research.google.com/colaboratory/faq.html#gpu-availability"
"""Hosted notebooks put the NVIDIA driver on their GPU runtimes only."""

LINUX_LOADER_FIX = (
    "With TensorFlow >= 2.14 on Linux the simplest is the pip wheels: pip install"
    " 'tensorflow[and-cuda]' in the same environment (they are found through TensorFlow's"
    " RUNPATH, no LD_LIBRARY_PATH needed). With a system CUDA, add its lib64 directory to"
    " LD_LIBRARY_PATH; with conda's cudatoolkit, the environment's own lib folder (with the"
    " environment active: 'conda env config vars set"
    " LD_LIBRARY_PATH=$CONDA_PREFIX/lib:$LD_LIBRARY_PATH', then reactivate it)."
)
WINDOWS_LOADER_FIX = (
    "On native Windows (TensorFlow 2.10 and older) put the bin folders of that CUDA and of"
    " cuDNN on PATH and open a new terminal (CUDA's installer adds its own; cuDNN's must be added"
    " or copied into it), or install both into the conda environment (conda install"
    " cudatoolkit=X.Y cudnn=X.Y)."
)
CUDNN_WHEEL_OF_THE_EXTRA = (
    "the nvidia-cudnn-cu1x version that 'tensorflow[and-cuda]' pins (TensorFlow 2.14 and newer;"
    " before 2.14 there is no such extra: install the cuDNN of the build by name and put its lib"
    " folder on LD_LIBRARY_PATH)"
)
"""The cuDNN wheel a fix names before the release is known; the doctor puts the release's own
pin in its place once one release is."""
LINUX_CUDNN_FIX = (
    f"pip: install {CUDNN_WHEEL_OF_THE_EXTRA}; system: the cuDNN package for your CUDA, then"
    " ldconfig."
)
WINDOWS_CUDNN_FIX = (
    "On native Windows put cuDNN's bin folder on PATH (or copy its DLLs into CUDA's bin folder)"
    " and open a new terminal, or conda install cudnn=X.Y into the environment."
)
LIBS_FIX = (
    "Install the CUDA libraries this TensorFlow was built for ({lib} among them) and put them on"
    " the loader path. {loader_fix} `tfgpu-setup plan` picks the matching versions."
)

FOR_THIS_GPU = "Install the NVIDIA driver for this GPU"
"""How a no-driver reading's fix starts; where no GPU is known the doctor rewords it."""
LIBCUDA_ABSENT_CODES = ("303", "SHARED_OBJECT_INIT_FAILED")
"""cuInit's answer when TensorFlow's CUDA stub could not load libcuda (its own 303)."""
LIBCUDA_NOT_LOADED_FIX = (
    FOR_THIS_GPU + " (TensorFlow's CUDA stub found no libcuda.so.1: no driver is installed, or"
    " its library is not on the loader path: if nvidia-smi works, 'ldconfig -p | grep libcuda'"
    " shows whether the loader knows it), reboot, and check with 'nvidia-smi'."
)
CUINIT_DRIVER_FIX = (
    "The driver is installed but CUDA could not start. Run nvidia-smi: if it fails, reinstall or"
    " reload the driver. Common causes: the nvidia_uvm module is not loaded (after suspend/resume:"
    " sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm, or install nvidia-modprobe), the user"
    " cannot open /dev/nvidia* (add it to the group owning them), or a driver update without a"
    " reboot. Reboot if unsure."
)


def cudnn_needs_cublas(
    cuda: int, other_cuda: int, tf_versions: str, install: str, source: str
) -> Signature:
    """cuDNN's own loader asking for the cuBLAS of the CUDA it was built for: beside a
    TensorFlow built for the other CUDA, the cuDNN build is the mismatch."""
    return Signature(
        name=f"cudnn-needs-cublas-{cuda}",
        needles=("Could not load library libcublas",),
        pattern=compiled(
            rf"Could not load library (?P<lib>libcublas(?:Lt)?\.so\.{cuda})\. Error: (?P=lib):"
            r" cannot open shared object file"
        ),
        finding_id="cuda-libs-not-found",
        severity=Severity.ERROR,
        title=f"cuDNN needs the CUDA {cuda} library {{lib}}, which cannot be found",
        fix=LIBS_FIX,
        source=source,
        subject="{lib}",
        demoted_by=DRIVER_ROOTS,
        variants=(
            Variant(
                "cudnn-version-mismatch",
                f"The cuDNN installed is a build for CUDA {cuda} (it loads {{lib}}), but this"
                f" TensorFlow is built for CUDA {other_cuda}",
                f"Install {install}.",
                source,
                tf_versions=SpecifierSet(tf_versions),
            ),
        ),
    )
