"""What pip's output in a paste shows of an install: its refusals of TensorFlow, and the
installs that came after them. Pure: data in, data out."""

from __future__ import annotations

import re

from .logs import LogMatch

REFUSALS = frozenset({"pip-no-matching-distribution"})
"""pip finding no distribution of a TensorFlow name."""


_VERSIONS_LISTED = re.compile(r"\(from versions: (?!none\))[^)\s]")


def versions_listed(match: LogMatch) -> bool:
    """Whether pip's line lists releases it saw (the index serves some), not '(from versions:
    none)'."""
    return _VERSIONS_LISTED.search(match.line) is not None


_LIST = re.compile(r"\(from versions: (?P<listed>[^)\n]{1,8000})\)")


def listed_versions(line: str) -> tuple[str, ...]:
    """The versions pip's refusal lists ('(from versions: 2.10.0, 2.11.0)'); () where it lists
    none or its line has no list."""
    found = _LIST.search(line)
    if found is None or found["listed"].strip() == "none":
        return ()
    return tuple(v.strip() for v in found["listed"].split(",") if v.strip())


def refused_package(match: LogMatch) -> str:
    """The distribution a refusal names, as pip normalises it ('tensorflow_gpu' is
    'tensorflow-gpu')."""
    return match.groups.get("package", "").lower().replace("_", "-")


NCCL_REFUSAL = "and-cuda-nccl-without-a-wheel"
_LINUX_WHEEL = re.compile(r"manylinux[\w.]{0,40}?_(?:x86_64|aarch64)\.whl")


def without_nccl_refused_beside_linux_wheels(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """pip refusing NVIDIA's NCCL wheel, which is built for Linux only, in a paste where pip
    fetched Linux wheels: the machine is Linux, and the refusal is an index's or a mirror's,
    not the operating system's (review 54)."""
    if not any(m.signature.name == NCCL_REFUSAL for m in matches) or not _LINUX_WHEEL.search(text):
        return matches
    return tuple(m for m in matches if m.signature.name != NCCL_REFUSAL)


EXTERNALLY_MANAGED = "pip-externally-managed"
"""pip's PEP 668 refusal, which names no distribution."""


def without_refusals_installed_later(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """pip's refusal of a distribution that the same paste later shows pip installing (or its
    wheel, of the version asked for, downloaded), unless TensorFlow is then still missing:
    another interpreter or another setting got it (a macOS Python told SYSTEM_VERSION_COMPAT=0,
    tensorflow#50108), so the refusal is not what is wrong now."""
    lines = text.split("\n")  # line_number counts newlines only
    return tuple(
        m
        for m in matches
        if not _undone_later(m, lines) and not _download_killed_then_done(m, lines)
    )


_DOWNLOAD_PROGRESS = re.compile(r"\d(?:\.\d)? ?[kMG]B/s\b|\beta \d|Downloading ")


def _download_killed_then_done(match: LogMatch, lines: list[str]) -> bool:
    """The shell's 'Killed' on pip's download progress, with the install done by a later
    command: that kill was the download's, and it is undone (review 99)."""
    if match.signature.name != "host-oom-killed":
        return False
    if not _DOWNLOAD_PROGRESS.search(match.line):
        return False
    return any(
        line.lstrip().startswith("Successfully installed ") for line in lines[match.line_number :]
    )


PYTHON_WITHOUT_PIP = "python-without-pip"
CANNOT_UNINSTALL = "pip-cannot-uninstall"
INDEX_UNREACHABLE = "pip-index-unreachable"
"""pip's retries on a network that failed it: TensorFlow installed after them says the network
came back (one timeout, then the download)."""


def _undone_later(match: LogMatch, lines: list[str]) -> bool:
    """Whether a later line shows the distribution installed after all. PEP 668's refusal,
    a Python without pip, pip's retries and a package pip could not uninstall name no
    TensorFlow distribution: TensorFlow installed later (in
    a venv, with --break-system-packages, with another Python's pip, once the network answered)
    undoes them."""
    if match.signature.name in (
        EXTERNALLY_MANAGED,
        PYTHON_WITHOUT_PIP,
        INDEX_UNREACHABLE,
        CANNOT_UNINSTALL,
    ):
        names: tuple[str, ...] = ("tensorflow", "tensorflow-gpu", "tf-nightly", "tensorflow-cpu")
        requested = ""
    elif match.signature.name in REFUSALS:
        names = _standing_in_for(match.groups.get("package", ""))
        requested = match.groups.get("requested", "")
    else:
        return False
    return any(installed_later(name, requested, lines[match.line_number :]) for name in names)


GPU_BUILD_NAMES = frozenset(
    {"tensorflow-gpu", "tf-nightly-gpu", "tf-nightly-gpu-2.0-preview", "tf-nightly-gpu-2-0-preview"}
)
"""The GPU builds' own names, which 'tensorflow' and 'tf-nightly' took over (from 2.1 on Linux
and Windows; never on macOS after 1.1)."""


def _standing_in_for(package: str) -> tuple[str, ...]:
    """The distributions whose install undoes a refusal of this one: itself, and for a GPU
    build's name the plain name that carries the same release."""
    if package.lower().replace("_", "-") in GPU_BUILD_NAMES:
        plain = "tf-nightly" if package.lower().startswith("tf") else "tensorflow"
        return (package, plain)
    return (package,)


TENSORFLOW_MISSING = re.compile(r"No module named '?tensorflow'?(?![\w.])")
"""Python's word that TensorFlow is not installed where it looked."""


def installed_later(package: str, requested: str, later: list[str]) -> bool:
    """Whether the later lines show pip installing the package, and TensorFlow not missing
    after that."""
    found = install_seen(package, requested, later)
    if found is None:
        return False
    return not any(TENSORFLOW_MISSING.search(line) for line in later[found:])


def install_seen(package: str, requested: str, later: list[str]) -> int | None:
    """The index of the first line that shows pip installing the package (or finding it
    installed), of the version asked for where one was; None where none does."""
    if not package:
        return None
    name = r"[-_]".join(re.escape(part) for part in re.split(r"[-_]", package))
    # the version asked for, where the refusal pinned one (2.10.0's refusal is not undone by
    # 2.17 installed); a wheel downloaded, not its metadata (pip 23.2 fetches that to resolve)
    version = re.escape(requested) + r"(?![\d])" if requested else r"\d"
    installed = re.compile(
        rf"Successfully installed\b.{{0,2000}}?\s(?i:{name})-{version}"
        rf"|(?:Downloading|Using cached)\s+(?:\S*/)?(?i:{name})-{version}[^\s]*\.whl(?:\s|$)"
        rf"|Requirement already satisfied:\s+(?i:{name})(?:[<>=!~]|\s+in\s)"
    )
    return next((i for i, line in enumerate(later) if installed.search(line)), None)
