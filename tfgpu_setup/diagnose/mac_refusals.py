"""pip's refusals on a Mac, read for what they say of the Mac: an arm64 Python (Apple
silicon) where a pinned release had no 'tensorflow' wheel for it, or a GPU build's name, which
TensorFlow has not published for macOS since 1.1. Pure: data in, data out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from packaging.version import InvalidVersion, Version

from ..doc_urls import METAL as APPLE_PLUGIN_PAGE
from ..doc_urls import PYPI_FILES
from ..facts import Facts
from ..findings import Finding, Severity
from ..matrix.model import Matrix
from ..planner.evaluate import platform_key
from ..versions import parsed, specifier, xy
from .attribution import conda_could_not_find
from .logfacts import LogFacts
from .logs import LogMatch
from .pip_installs import GPU_BUILD_NAMES, REFUSALS, install_seen, refused_package
from .published import has_wheel, package_on, tensorflow_wheel, the_python
from .sources import quoted

_VERSIONS_SEEN = re.compile(r"\(from versions: (?P<listed>[^()\n]{0,8000})\)")
_NOT_APPLE_SILICON = re.compile(
    # an Intel Mac's wheels downloaded (or pip's tags for one), platform.machine() or uname
    # answering x86_64, conda's osx-64, macOS 10 (Apple silicon runs 11 and later), a
    # python.org build from before its universal2 installers (3.8.10, 3.9.1: review 108), an
    # Intel CPU's brand (sysctl machdep.cpu.brand_string: review 110)
    r"macosx_\d{1,2}_\d{1,2}_x86_64\b|^\s*x86_64\s*$|RELEASE_X86_64|platform : osx-64"
    r"|^\s*Intel\(R\) (?:Core\(TM\)|Xeon\(R\))"
    r"|ProductVersion:\s*10\.(?!16\b)|\(v3\.(?:[0-7]\.\d{1,2}|8\.\d|9\.0):[0-9a-f]{6,12},",
    re.MULTILINE,
)
_APPLE_SILICON_SHOWN = re.compile(
    # conda's platform and archspec, uname's kernel build or machine, pip's tags, Homebrew's
    # prefix on Apple silicon (where it is, not a shell's complaint that it is missing: an
    # Intel Mac's profile copied from an Apple-silicon one, review 110)
    r"platform : osx-arm64|__archspec=1=arm64|RELEASE_ARM64_T\d{4}|^\s*arm64\s*$"
    r"|\bcp3\d{1,2}-cp3\d{1,2}-macosx_\d{1,2}_\d{1,2}_arm64\b"
    r"|(?<![\w/])(?<!no such file or directory: )/opt/homebrew/"
    r"(?![^\s:]{0,200}: (?:[Nn]o such file or directory|command not found))",
    re.MULTILINE,
)
APPLE_SILICON_SHIPPED = "2020-11-17"
"""The first Apple silicon Macs (M1) went on sale (apple.com/newsroom, 2020-11-10 announcement)."""
PIP_SEEING_MACOS_11 = "20.3"
"""pip older than this sees no wheel on macOS 11 at all (it reads the system as 10.16)."""
ARM64_PYTHON_FROM = "3.8"
"""The first CPython with an arm64 build for macOS (3.8.10, 3.9.1): an older one on a Mac is an
Intel build."""


def apple_silicon_python(
    facts: Facts,
    matrix: Matrix,
    log: LogFacts,
    matches: Sequence[LogMatch],
    requested: str,
    text: str,
) -> Finding | None:
    """On a Mac whose chip is not known, pip seeing no TensorFlow at all for a Python the
    release's Intel wheels serve: an Intel Mac's 64-bit Python would have seen them, so the one
    that ran pip is an arm64 Python (Apple silicon), where TensorFlow published no 'tensorflow'
    wheel before 2.13, only Apple's tensorflow-macos (LoRA_Easy_Training_Scripts#35). Only for a
    pinned release with no such wheel: an unpinned request is met there from 2.13 on. Not where
    the log shows an Intel Mac, pip not asking PyPI, or a pip too old for macOS 11."""
    python = the_python(facts)
    if facts.platform.os != "macos" or facts.knows("arch") or not requested or python is None:
        return None
    if parsed(python) < parsed(ARM64_PYTHON_FROM):
        return None
    arm = "macos_arm64"
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name in REFUSALS
            and refused_package(m) == "tensorflow"
            and _VERSIONS_SEEN.search(m.line)
        ),
        None,
    )
    if refusal is None or log.pip_index_line or _NOT_APPLE_SILICON.search(text):
        return None
    if log.outdated_pip and parsed(log.outdated_pip) < parsed(PIP_SEEING_MACOS_11):
        return None
    listed = releases_listed(refusal.line)
    seen_from = _only_apple_silicons(matrix, python, listed) if listed else None
    if listed and seen_from is None:
        return None
    if log.python and xy(log.python) != python:
        return None  # the Python that ran pip, as the log shows it, is not the one stated
    pinned = [
        r for r in matrix.tensorflow.releases if parsed(r.version) in specifier(f"=={requested}.*")
    ]
    if any(tensorflow_wheel(r, arm) for r in pinned):
        return None
    series = [
        r
        for r in matrix.tensorflow.releases
        if xy(r.version) == xy(requested) and has_wheel(r, arm) and python in r.python
    ]
    first = min(
        (r for r in matrix.tensorflow.releases if tensorflow_wheel(r, arm)),
        key=lambda r: parsed(r.version),
        default=None,
    )
    later = (
        f"TensorFlow {xy(first.version)} or later, published as 'tensorflow' there" if first else ""
    )
    if series:
        apple = max(series, key=lambda r: parsed(r.version))
        fix = (
            f"Install '{package_on(apple, arm)}=={apple.version}' (the same release built for Apple"
            " silicon; 'tensorflow-metal' adds its GPU)" + (f", or {later}" if later else "")
        )
    else:
        fix = "Install " + (later or "a release published for Apple silicon")
    return Finding(
        "platform-unsupported",
        Severity.ERROR,
        (
            f"pip saw TensorFlow from {seen_from} on only, the releases with a 'tensorflow' wheel"
            " for Apple silicon"
            if seen_from
            else "pip saw no TensorFlow at all"
        )
        + f", yet TensorFlow {requested} has a wheel for Python {python} on Intel Macs: the"
        " Python that ran pip is most likely an arm64 one (Apple silicon), which that release"
        " has no 'tensorflow' wheel for",
        (
            refusal.line.strip(),
            f"Python {python} ({facts.pythons[0].source}), macOS (chip not stated)",
        ),
        fix + ". 'python -c \"import platform; print(platform.machine())\"' prints arm64 for"
        " such a Python.",
        PYPI_FILES,
    )


def apple_silicon_shown(text: str) -> bool:
    """Whether the paste shows an Apple silicon Mac (conda's platform, uname)."""
    return bool(_APPLE_SILICON_SHOWN.search(text))


def apple_silicon_unpinned(
    facts: Facts,
    matrix: Matrix,
    log: LogFacts,
    matches: Sequence[LogMatch],
    text: str,
) -> Finding | None:
    """On a Mac, pip seeing no TensorFlow at all for an unpinned 'tensorflow' and a Python
    that TensorFlow serves: an Intel Mac's 64-bit Python would have seen its wheels, so the
    one that ran pip is an arm64 one (Apple silicon, stated or not), where 'tensorflow' has
    wheels only from the first release built for it, and those are built for macOS 12 or
    later: an older macOS, or a paste from before that release, sees none
    (tensorflow#48636: an M1 on macOS 11.2, Python 3.8 and pip 21). Not where the log shows an
    Intel Mac, pip not asking PyPI, or a pip too old for macOS 11."""
    python = the_python(facts)
    if facts.platform.os != "macos" or python is None:
        return None
    if facts.knows("arch") and facts.platform.arch not in ("arm64", "aarch64"):
        return None
    chip_known = facts.knows("arch") or apple_silicon_shown(text)
    if parsed(python) < parsed(ARM64_PYTHON_FROM):
        return None
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name in REFUSALS
            and refused_package(m) == "tensorflow"
            and not m.groups.get("requested")
        ),
        None,
    )
    if refusal is None or log.pip_index_line or _NOT_APPLE_SILICON.search(text):
        return None
    if any(releases_listed(m.line) for m in matches):
        return None
    if log.outdated_pip and parsed(log.outdated_pip) < parsed(PIP_SEEING_MACOS_11):
        return None
    if log.python and xy(log.python) != python:
        return None
    if not chip_known and not _served_on_intel_before_apple_silicon(matrix, python):
        # (a Python that Intel Macs got wheels for only later, 3.9 in 2021: a paste from
        # before those is as likely, tensorflow#44416)
        return None
    first = min(
        (
            r
            for r in matrix.tensorflow.releases
            if tensorflow_wheel(r, "macos_arm64") and python in r.python
        ),
        key=lambda r: parsed(r.version),
        default=None,
    )
    if first is None:
        return None
    published = f", published {first.published}" if first.published else ""
    chip = (
        "Apple silicon: there"
        if chip_known
        else "a Mac whose Intel wheels serve it: the Python that ran pip is most likely an arm64"
        " one (Apple silicon), and there"
    )
    return Finding(
        "platform-unsupported",
        Severity.ERROR,
        f"pip saw no TensorFlow at all for Python {python} on {chip} 'tensorflow' has wheels"
        f" only from {xy(first.version)}{published}, built for macOS 12 or later: an older"
        " macOS, or a paste from before that release, sees none",
        (refusal.line.strip(), f"Python {python} ({facts.pythons[0].source}), macOS"),
        "Update macOS to 12 or later and install again ('python -m pip install tensorflow';"
        " 'tensorflow-metal' adds the GPU). 'sw_vers' shows the macOS, and 'python -c \"import"
        " platform; print(platform.machine())\"' prints arm64 for such a Python.",
        PYPI_FILES,
    )


def _served_on_intel_before_apple_silicon(matrix: Matrix, python: str) -> bool:
    """Whether Intel Macs had a 'tensorflow' wheel for this Python before the first Apple
    silicon Macs shipped: an Intel Mac's pip then saw one in any paste of that Python."""
    dates = [
        r.published
        for r in matrix.tensorflow.releases
        if r.published and tensorflow_wheel(r, "macos_x86_64") and python in r.python
    ]
    return bool(dates) and min(dates) < APPLE_SILICON_SHIPPED


def releases_listed(line: str) -> list[Version]:
    """The versions pip lists in its refusal ([] for 'none', or an old pip's empty list)."""
    found = _VERSIONS_SEEN.search(line)
    versions = []
    for item in (found.group("listed") if found else "").split(","):
        try:
            versions.append(Version(item.strip()))
        except InvalidVersion:
            continue
    return versions


def _only_apple_silicons(matrix: Matrix, python: str, listed: list[Version]) -> str | None:
    """The X.Y pip's list starts from, where that is the first release with a 'tensorflow'
    wheel for Apple silicon and this Python, while Intel Macs have wheels for it from an
    earlier one: only an arm64 Python sees that list. None otherwise."""

    def first_for(key: str) -> str | None:
        serving = [
            parsed(xy(r.version))
            for r in matrix.tensorflow.releases
            if tensorflow_wheel(r, key) and python in r.python
        ]
        return str(min(serving)) if serving else None

    on_arm, on_intel = first_for("macos_arm64"), first_for("macos_x86_64")
    if on_arm is None or on_intel is None or parsed(on_intel) >= parsed(on_arm):
        return None
    oldest = parsed(xy(str(min(listed))))
    return on_arm if oldest == parsed(on_arm) else None


LAST_MACOS_GPU_BUILD = "1.1"
"""PyPI's macOS GPU builds ended with 1.1: from 1.2 TensorFlow has none for macOS."""


def gpu_build_on_macos(
    facts: Facts,
    matrix: Matrix,
    matches: Sequence[LogMatch],
    package: str,
    refused: LogMatch,
    text: str,
) -> Finding | None:
    """pip refusing a GPU build's name on a Mac: TensorFlow publishes none for macOS after
    1.1, for any Python (ludwig#658), so the Python is not why; 'tensorflow' is the package
    there, and the Mac's GPU is reached through Apple's plug-in, not CUDA. Not where the paste
    goes on to 'tensorflow' (installed, or refused in turn: then that refusal is what stands),
    or where no 'tensorflow' wheel serves the stated Python on this Mac either."""
    if package not in GPU_BUILD_NAMES or not facts.knows("os") or facts.platform.os != "macos":
        return None
    requested = refused.groups.get("requested") or ""
    if requested and parsed(xy(requested)) <= parsed(LAST_MACOS_GPU_BUILD):
        return None
    later = text.split("\n")[refused.line_number :]
    if any(
        install_seen(name, "", later) is not None for name in ("tensorflow", "tensorflow-macos")
    ):
        return None  # past the GPU name already: whatever fails now is not it
    if any(
        m.signature.name in REFUSALS and refused_package(m) in ("tensorflow", "tensorflow-macos")
        for m in matches
    ):
        return None
    python, key = the_python(facts), platform_key(facts)
    if python is not None and not any(
        tensorflow_wheel(r, key) and python in r.python for r in matrix.tensorflow.releases
    ):
        return None  # 'tensorflow' has no wheel for this Python here either
    return Finding(
        "macos-no-cuda",
        Severity.ERROR,
        f"pip found no {package} wheel because TensorFlow publishes no GPU build for macOS"
        f" (none after {LAST_MACOS_GPU_BUILD}): macOS has no CUDA",
        (refused.line.strip(), f"os: macos ({facts.platform.source})"),
        f"Install 'tensorflow' instead of '{package}' (change the requirement where a project"
        " pins it); on Apple silicon add 'tensorflow-metal' for the Mac's GPU.",
        PYPI_FILES,
    )


_CONDA_GPU_BUILD = re.compile(
    r"(?:tensorflow|tf-nightly)-gpu\b|(?:tensorflow|tf-nightly)\b[^\s]{0,40}=[^\s=]{0,20}"
    r"(?:cuda|gpu)|cudatoolkit\b|cudnn\b",
    re.IGNORECASE,
)
"""A spec conda can only meet with CUDA: a GPU build's name, a build string of one
('tensorflow==2.4.1=gpu_py38...', '=cuda112py39...'), or CUDA's own packages."""


def conda_gpu_build_on_macos(facts: Facts, matches: Sequence[LogMatch], text: str) -> list[Finding]:
    """conda finding no CUDA build of TensorFlow on a Mac (its channels' osx-64 or osx-arm64
    folders have none): macOS has no CUDA, so no Python or channel would have one
    (fast-style-transfer#266, tf-pwa#173). Only where conda's list names a TensorFlow."""
    if not (facts.knows("os") and facts.platform.os == "macos"):
        return []
    for refusal in (m for m in matches if m.signature.name == "conda-packages-not-found"):
        specs = conda_could_not_find(text, refusal)
        if not any(s.lower().startswith(("tensorflow", "tf-nightly")) for s in specs):
            continue
        gpu = next((s for s in specs if _CONDA_GPU_BUILD.match(s)), None)
        if gpu is None:
            continue
        return [
            Finding(
                "macos-no-cuda",
                Severity.ERROR,
                f"conda found no {gpu} for this Mac: there is no CUDA build of TensorFlow for"
                " macOS, in any channel",
                (refusal.line.strip(), f"- {gpu}", f"os: macos ({facts.platform.source})"),
                "Ask conda for 'tensorflow' without a GPU build or cudatoolkit (or pip install"
                " 'tensorflow'); on Apple silicon 'tensorflow-metal' adds the Mac's own GPU.",
                "https://www.tensorflow.org/install/pip#macos",
            )
        ]
    return []


NVIDIA_PIN_REFUSED = "and-cuda-pin-refused"
"""pip finding none of the NVIDIA wheels tensorflow[and-cuda] pins."""
_NVIDIA_INDEX = re.compile(r"https?://pypi\.(?:ngc\.)?nvidia\.com\b")


def nvidia_package_on_macos(facts: Facts, matches: Sequence[LogMatch], text: str) -> list[Finding]:
    """pip finding nothing for one of NVIDIA's packages (nvidia-tensorflow, the nvidia-*-cu1x
    libraries) on a Mac: NVIDIA publishes them for Linux (and Windows) only, and macOS has no
    CUDA, so no Python would have them. nvidia-pyindex's own refusal is read apart."""
    if not (facts.knows("os") and facts.platform.os == "macos"):
        return []
    refusal = next(
        (
            m
            for m in matches
            if m.signature.name in REFUSALS | {NVIDIA_PIN_REFUSED}
            and refused_package(m).startswith("nvidia-")
        ),
        None,
    )
    if refusal is None:
        return []
    index = _NVIDIA_INDEX.search(text)
    return [
        Finding(
            "macos-no-cuda",
            Severity.ERROR,
            f"pip found no {refused_package(refusal)} for this Mac: NVIDIA's packages are built"
            " for Linux with CUDA, which macOS does not have",
            (
                refusal.line.strip(),
                *([f"index: {index.group(0)}"] if index else []),
                f"os: macos ({facts.platform.source})",
            ),
            "On a Mac install 'tensorflow' from PyPI without the [and-cuda] extra, which only"
            " Linux has ('tfgpu-setup plan --os macos'); on Apple"
            " silicon Apple's tensorflow-metal plug-in adds the Mac's own GPU. NVIDIA's builds"
            " need Linux with an NVIDIA GPU (or NVIDIA's NGC container there).",
            "https://github.com/NVIDIA/tensorflow#install",
        )
    ]


INTEL_MAC_METAL_PAIR = (
    "On an Intel Mac, Apple's plug-in stops at 1.0.0, which goes with TensorFlow 2.13 (on an"
    " AMD GPU, macOS 12 or later): 'pip install tensorflow==2.13.1 tensorflow-metal==1.0.0'"
    " (Python 3.8 to 3.11), or 'pip uninstall tensorflow-metal' to run on the CPU."
)
_NON_APPLE_GPU = re.compile(r"\b(?:AMD|Radeon|Intel|Iris|NVIDIA|GeForce|Quadro)\b", re.IGNORECASE)


def metal_pair_for_an_intel_mac(
    findings: tuple[Finding, ...], facts: Facts, text: str
) -> tuple[Finding, ...]:
    """A tensorflow-metal plug-in of another release, on a Mac known to be an Intel one (x86_64
    stated, a GPU of another maker than Apple's, or the log's own Intel signs): Apple's later
    pairs have no Intel wheels, so the pair to install is the last one that does
    (tensorflow#50541: an iMac with a Radeon Pro 5700 XT)."""
    intel = (facts.knows("arch") and facts.platform.arch == "x86_64") or bool(
        _NOT_APPLE_SILICON.search(text)
    )
    named = [g.name for g in facts.gpus] if facts.knows("gpus") else []
    intel = intel or any(_NON_APPLE_GPU.search(n) for n in (*named, *facts.other_gpus))
    if not intel:
        return findings
    return tuple(
        Finding(f.id, f.severity, f.title, f.evidence, INTEL_MAC_METAL_PAIR, f.source)
        if f.id == "addon-tensorflow-mismatch" and "tensorflow-metal" in f.fix
        else f
        for f in findings
    )


CONDA_TEXT_CHARS = 4000
"""How far conda's header, its list and its channels are looked for."""
_TENSORFLOW_DEPS_MISSING = re.compile(
    # conda's list of what it could not find, under either of its headers
    r"(?:PackagesNotFoundError|ResolvePackageNotFound)[^\n]{0,200}\n(?:[^\n]{0,300}\n){0,6}?"
    r"[ \t]*-[ \t]*(?:apple::)?tensorflow-deps\b[^\n]{0,80}"
    # libmamba's words (conda's default solver from 23.10)
    r"|nothing provides requested (?:apple::)?tensorflow-deps\b[^\n]{0,80}"
    r"|(?:apple::)?tensorflow-deps does not exist \(perhaps a typo or a missing channel\)"
)
_INTEL_CONDA_CHANNEL = re.compile(r"/osx-64\b|^[ \t]*[Pp]latform ?: osx-64\b", re.MULTILINE)
"""An Intel conda: its channels' osx-64 subdirectories, or the platform libmamba's header (and
'conda info') prints."""
_OTHER_OS_CHANNEL = re.compile(
    r"/((?:linux|win)-(?:64|32|aarch64|ppc64le|arm64|s390x))\b"
    r"|^[ \t]*[Pp]latform ?: ((?:linux|win)-(?:64|32|aarch64|ppc64le|arm64|s390x))\b",
    re.MULTILINE,
)
"""A channel subdirectory of a conda that is not a Mac's."""


def apple_conda_package_missing(facts: Facts, text: str) -> list[Finding]:
    """conda finding no tensorflow-deps, Apple's conda package of TensorFlow's dependencies,
    which its apple channel has for Apple silicon (osx-arm64) only: an osx-64 channel list is
    an Intel conda, under Rosetta on an M1 (mlep#70); without it, most often the apple channel
    was not asked for (t81#116)."""
    missing = _TENSORFLOW_DEPS_MISSING.search(text, 0, CONDA_TEXT_CHARS)
    if missing is None:
        return []
    evidence = (quoted(missing.group(0).splitlines()[-1]),)
    channels = text[missing.end() : missing.end() + CONDA_TEXT_CHARS]
    other_os = _OTHER_OS_CHANNEL.search(channels) or _OTHER_OS_CHANNEL.search(
        text, max(0, missing.start() - CONDA_TEXT_CHARS), missing.start()
    )
    if other_os is not None or (facts.knows("os") and facts.platform.os != "macos"):
        seen = (
            f"conda's platform is {other_os.group(1) or other_os.group(2)}"
            if other_os is not None
            else f"os: {facts.platform.os} ({facts.platform.source})"
        )
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                "tensorflow-deps is Apple's conda package for macOS on Apple silicon only; this"
                " conda is not a Mac's, so no channel or Python has it",
                (*evidence, seen),
                "Leave tensorflow-deps (and tensorflow-macos, tensorflow-metal) out: on Linux"
                " and WSL 2 'pip install \"tensorflow[and-cuda]\"' in the environment; on"
                " native Windows TensorFlow 2.10 is the last GPU build ('tfgpu-setup plan'"
                " picks the release for this machine).",
                APPLE_PLUGIN_PAGE,
            )
        ]
    # (libmamba prints its platform above the refusal)
    intel = _INTEL_CONDA_CHANNEL.search(channels) or _INTEL_CONDA_CHANNEL.search(
        text, max(0, missing.start() - CONDA_TEXT_CHARS), missing.start()
    )
    if intel is not None:
        return [
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                "This conda is an Intel (osx-64) build: Apple publishes tensorflow-deps for"
                " Apple silicon's conda (osx-arm64) only",
                (*evidence, "conda's channels are its osx-64 subdirectories"),
                "On Apple silicon install an arm64 conda (Miniforge for arm64, not an x86_64"
                " Anaconda run under Rosetta; 'conda info' must show platform: osx-arm64), then"
                " 'conda install -c apple tensorflow-deps'. On an Intel Mac there is no"
                " tensorflow-deps: 'pip install tensorflow' (Intel wheels end at 2.16).",
                APPLE_PLUGIN_PAGE,
            )
        ]
    return [
        Finding(
            "tensorflow-not-installed",
            Severity.ERROR,
            "conda found no tensorflow-deps: it is Apple's package, on the apple channel, for"
            " Apple silicon (osx-arm64) only",
            evidence,
            "In an arm64 conda (Miniforge; 'conda info' shows platform: osx-arm64): 'conda"
            " install -c apple tensorflow-deps'. On an Intel Mac leave it out and 'pip install"
            " tensorflow'.",
            APPLE_PLUGIN_PAGE,
        )
    ]
