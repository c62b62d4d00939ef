"""Command-line value checks: a malformed flag value is a usage error (exit 2) naming the flag.

Each function is an argparse `type=`: it returns the value unchanged or raises
ArgumentTypeError, which argparse reports as 'argument --driver: ...'. Only the shape is
checked here; whether a well-formed value exists (a TensorFlow release, a GPU name) is the
planner's question and an input error (exit 3).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from .facts import MUSL

_DRIVER = re.compile(r"[0-9]{2,4}(\.[0-9]{1,3}){0,2}", re.ASCII)
"""A driver release (535.104.05, 572.16) or only its branch (535): a branch stands for any of
its releases, so it is judged only where the branch number alone decides."""
_PYTHON = re.compile(r"[0-9]\.[0-9]{1,2}(\.[0-9]{1,3})?", re.ASCII)
_GLIBC = re.compile(r"[0-9]{1,2}\.[0-9]{1,3}", re.ASCII)
_CUDA = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2}(\.[0-9]{1,4})?)?", re.ASCII)
_CUDNN = re.compile(r"[0-9]{1,2}(\.[0-9]{1,3}){0,3}", re.ASCII)
_GPU_INDEX = re.compile(r"[0-9]{1,4}", re.ASCII)
_GPU_UUID = re.compile(r"(GPU|MIG)-[0-9A-Za-z/-]{1,80}", re.ASCII)
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}", re.ASCII)
MAX_SPEC_CHARS = 64


NONE = "none"
"""What a what-if flag says to state that the thing is not there (--driver none)."""


def _shaped(
    pattern: re.Pattern[str],
    example: str,
    absent_allowed: bool = False,
    printed: str | None = None,
) -> Callable[[str], str]:
    """printed: the version as the tool that reports it prints it (a pattern with group 'v'),
    for a value pasted from that tool's output; compiled only when a value needs it, so every
    command's start-up does not pay for it."""

    def check(value: str) -> str:
        if absent_allowed and value.strip().lower() == NONE:
            return NONE
        if pattern.fullmatch(value) is not None:
            return value
        as_printed = re.fullmatch(printed, value.strip(), re.ASCII) if printed else None
        if as_printed is not None and pattern.fullmatch(as_printed.group("v")):
            return as_printed.group("v")
        also = " or 'none'" if absent_allowed else ""
        raise argparse.ArgumentTypeError(f"{value!r} is malformed; expected e.g. {example}{also}")

    return check


_PYTHON_PRINTED = r"(?i:python)\s*(?P<v>[0-9.]{3,8})(?:\s*(?:::|\()[^\n]{0,80})?"
"""'python --version': 'Python 3.8.10', conda's 'Python 3.6.9 :: Anaconda, Inc.', or the
interpreter's banner 'Python 3.7.6 (default, Jan  8 2020, 19:59:22)'."""
_NVCC_PRINTED = (
    r"(?:(?i:cuda compilation tools,\s*)?release\s+|(?i:cuda)\s*|V|v|cuda_)"
    r"(?P<v>[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,4})?)"
    r"(?:\.r[0-9.]{3,6}(?:/\S{0,40})?|,?\s*V[0-9.]{3,12})?"
)
"""nvcc's 'Cuda compilation tools, release 11.2, V11.2.152', 'V11.2.152',
'cuda_11.2.r11.2/compiler.29618528_0', or 'CUDA 11.2'. Not nvidia-smi's 'CUDA Version': that is
the driver's, not a toolkit's."""
_DRIVER_PRINTED = (
    r"(?i:driver(?: version)?:?|nvidia-smi|r)\s*(?P<v>[0-9]{2,4}(?:\.[0-9]{1,3}){0,2})"
)
"""nvidia-smi's header 'Driver Version: 535.104.05' (or 'NVIDIA-SMI 535.104.05'), or a branch
as NVIDIA names it: 'R535'."""
_DRIVER_CUDA_PRINTED = r"(?i:cuda(?: version:?)?)\s*(?P<v>[0-9]{1,2}\.[0-9]{1,2})"
"""nvidia-smi's header: 'CUDA Version: 12.2'."""
_CUDNN_PRINTED = (
    r"(?i:cudnn[ _-]?(?:version:?\s*)?v?|v|cudnn-[0-9.]{3,5}-[a-z0-9_]{1,20}-[a-z0-9_]{1,10}-v)"
    r"(?P<v>[0-9]{1,2}(?:\.[0-9]{1,3}){0,3})(?i:\.zip|\.tgz)?"
)
"""'cuDNN 8.1', 'v8.1.1.33', or NVIDIA's archive name 'cudnn-11.2-windows-x64-v8.1.0.77.zip'."""

_driver_shaped = _shaped(
    _DRIVER,
    "535.104.05 (Linux) or 572.16 (Windows/WSL2) as nvidia-smi prints it, or the branch (535)",
    True,
    _DRIVER_PRINTED,
)


def driver_version(value: str) -> str:
    """A driver's version; nvidia-smi's 'CUDA Version' (12.2: no driver is numbered below 100)
    is refused with where it goes."""
    cuda = re.fullmatch(_DRIVER_CUDA_PRINTED + r"|(?P<bare>[0-9]{1,2}\.[0-9])", value.strip())
    if cuda:
        raise argparse.ArgumentTypeError(
            f"{value!r} is nvidia-smi's 'CUDA Version', not the driver's: give it as"
            f" --cuda-driver {cuda['v'] or cuda['bare']}, and nvidia-smi's 'Driver Version'"
            " (e.g. 535.104.05) as --driver"
        )
    return _driver_shaped(value)


python_version = _shaped(_PYTHON, "3.11 or 3.11.9", printed=_PYTHON_PRINTED)
_LDD_PRINTED = r"(?:ldd\s*\([^)\n]{0,60}\)|(?i:glibc))\s*(?P<v>[0-9.]{3,8})"
"""'ldd --version': 'ldd (Ubuntu GLIBC 2.35-0ubuntu3.1) 2.35', or 'GLIBC 2.17'."""
_glibc_shaped = _shaped(_GLIBC, "2.35 (or musl)", printed=_LDD_PRINTED)


def glibc_version(value: str) -> str:
    """glibc's X.Y, also as ldd prints it; 'musl' (or 'none', or musl's 'ldd' banner 'musl libc
    (x86_64)') for a system without glibc."""
    if re.match(r"\s*(?:musl|none)\b", value, re.IGNORECASE):
        return MUSL
    return _glibc_shaped(value)


cuda_version = _shaped(_CUDA, "12.2", printed=_DRIVER_CUDA_PRINTED)
_toolkit_shaped = _shaped(_CUDA, "12.2", True, _NVCC_PRINTED)


def cuda_toolkit_version(value: str) -> str:
    """A toolkit's version, as nvcc prints it too; nvidia-smi's 'CUDA Version' is refused with
    why: it is the newest CUDA the driver supports (--cuda-driver), not an installed toolkit."""
    driver_cuda = re.fullmatch(_DRIVER_CUDA_PRINTED, value.strip(), re.ASCII)
    if driver_cuda and "version" in value.lower():
        raise argparse.ArgumentTypeError(
            f"{value!r} is nvidia-smi's driver CUDA, not a toolkit: give it as --cuda-driver, and"
            " the toolkit as 'nvcc --version' prints it (release X.Y), or 'none'"
        )
    return _toolkit_shaped(value)


cudnn_version = _shaped(_CUDNN, "8.9.7", True, _CUDNN_PRINTED)

_TF_PRINTED = (
    r"v[0-9][\w.-]{0,60}\s+(?P<v>[0-9][\w.+!-]{0,30})"
    r"|(?P<dist>(?i:tf-nightly(?:-gpu|-cpu)?|tensorflow(?:[-_](?:gpu|cpu|macos|intel|aarch64"
    r"|rocm))?))"
    r"(?:-|\s*(?:==\s*)?)(?P<named>[0-9][\w.+!-]{0,30})"
)
"""tf_env's 'v2.4.0-rc4-71-g582c8d236cb 2.4.0' (git version, version), or a distribution with its
version as pip shows it ('tensorflow-gpu 2.3.0', 'tensorflow==2.15.0') or as its wheel's file
name begins ('tf-nightly-2.21.0.dev20250722')."""

_OS_NAMES = (
    (r"\bwsl\d?\b|subsystem for linux", "wsl2"),
    (r"\bmac(?:os|book\w*|intosh)?\b|\bos ?x\b|darwin", "macos"),
    (r"\bwin(?:dows|\d{1,2})?\b", "windows"),
    (
        r"\b(?:linux|(?:[kxl]|edu)?ubuntu|debian|cent ?os|fedora|rhel|red ?hat|rocky|alma"
        r"|(?:open)?suse|arch|endeavour ?os|garuda|mint|pop!?_?os|manjaro|amazon|gentoo|kali"
        r"|alpine|elementary(?: ?os)?|zorin(?: ?os)?|nix ?os|clear ?linux|void|slackware"
        r"|raspbian|raspberry pi os|oracle linux|scientific linux)(?: ?linux)?(?:\b|(?=\d))",
        "linux",
    ),
)
"""How people name an operating system, most specific first (WSL names Windows and Linux), as
whole words: a 'machine' is no Mac, a 'research' cluster no Arch (a distribution may run into its
release: 'centos7', or into 'Linux': 'AlmaLinux 9')."""


OS_CHOICES = ("linux", "wsl2", "windows", "macos")
_WSL1 = re.compile(r"\bwsl ?1\b|subsystem for linux ?1\b", re.IGNORECASE)
_MUSL_DISTRIBUTIONS = re.compile(r"\balpine\b|\bmusl\b", re.IGNORECASE)


def names_musl(value: str) -> bool:
    """An operating system named as a musl distribution ('Alpine Linux 3.19'): Linux whose C
    library is musl."""
    return _MUSL_DISTRIBUTIONS.search(value) is not None


_RHEL_FAMILY = (
    r"\b(?:rhel|red ?hat(?: enterprise linux)?(?: server)?|rocky(?: linux)?|alma ?(?:linux)?)\W*"
)
_DISTRIBUTION_GLIBC = (
    (r"\bubuntu\W*16\.04", "Ubuntu 16.04", "2.23"),
    (r"\bubuntu\W*18\.04", "Ubuntu 18.04", "2.27"),
    (r"\bubuntu\W*20\.04", "Ubuntu 20.04", "2.31"),
    (r"\bubuntu\W*22\.04", "Ubuntu 22.04", "2.35"),
    (r"\bubuntu\W*24\.04", "Ubuntu 24.04", "2.39"),
    (r"\bdebian\W*(?:gnu/linux\W*)?9\b", "Debian 9", "2.24"),
    (r"\bdebian\W*(?:gnu/linux\W*)?10\b", "Debian 10", "2.28"),
    (r"\bdebian\W*(?:gnu/linux\W*)?11\b", "Debian 11", "2.31"),
    (r"\bdebian\W*(?:gnu/linux\W*)?12\b", "Debian 12", "2.36"),
    (r"\bcent ?os\W*(?:linux\W*)?6(?:\.\d+)?\b", "CentOS 6", "2.12"),
    (r"\bcent ?os\W*(?:linux\W*)?7(?:\.\d+)?\b", "CentOS 7", "2.17"),
    (r"\bcent ?os\W*(?:linux\W*)?8(?:\.\d+)?\b", "CentOS 8", "2.28"),
    (_RHEL_FAMILY + r"7(?:\.\d+)?\b", "RHEL 7", "2.17"),
    (_RHEL_FAMILY + r"8(?:\.\d+)?\b", "RHEL 8", "2.28"),
    (_RHEL_FAMILY + r"9(?:\.\d+)?\b", "RHEL 9", "2.34"),
)
"""The glibc a Linux release ships, as people name the release ('Ubuntu 18.04.6 LTS', 'CentOS
Linux 7', 'Rocky 9'; Rocky and Alma rebuild RHEL): https://docs.linuxgsm.com/requirements/glibc
(CentOS 7 and 8, Debian 9 to 11, Ubuntu 16.04 to 20.04),
https://gist.github.com/richardlau/6a01d7829cc33ddab35269dacc127680 (RHEL 7 to 9, Debian 12,
Ubuntu 22.04 and 24.04), https://gist.github.com/xuyang2/3ab29d04ca47738d59fac5647d9bf0e9
(CentOS 6). A release not listed (an interim Ubuntu, a rolling distribution) says nothing."""


def distribution_glibc(value: str) -> tuple[str, str] | None:
    """The Linux release named and the glibc it ships ('CentOS 7' -> ('CentOS 7', '2.17')), or
    None where the name gives no release of the table."""
    for pattern, release, glibc in _DISTRIBUTION_GLIBC:
        if re.search(pattern, value, re.IGNORECASE):
            return release, glibc
    return None


def os_name(value: str) -> str:
    """linux, wsl2, windows or macos, also as people name them ('Ubuntu 22.04', 'Windows 11',
    'macOS 14'); anything else is left for argparse's choices to refuse."""
    for pattern, name in _OS_NAMES:
        if re.search(pattern, value, re.IGNORECASE):
            return name
    return value


class OsAction(argparse.Action):
    """--os as people name it; a musl distribution ('Alpine') also states --glibc musl, and a
    release of the glibc table ('CentOS 7') its glibc, unless --glibc is given."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        named = str(values)
        if _WSL1.search(named):
            raise argparse.ArgumentError(
                self,
                f"{named!r}: WSL 1 has no GPU support; convert the distribution ('wsl"
                " --set-version <name> 2' in Windows), then give --os wsl2",
            )
        os = os_name(named)
        if os not in OS_CHOICES:
            raise argparse.ArgumentError(
                self, f"invalid choice: {named!r} (choose from {', '.join(OS_CHOICES)})"
            )
        glibc = distribution_glibc(named) if os in ("linux", "wsl2") else None
        musl = names_musl(named)
        earlier = getattr(namespace, self.dest, None)
        if earlier is not None and earlier != os:
            # WSL 2 and the Linux distribution running in it, in either order, are one system
            if {earlier, os} != {"wsl2", "linux"}:
                raise argparse.ArgumentError(
                    self,
                    f"given twice, as {earlier!r} and {named!r}: give one (a Linux distribution"
                    " under WSL 2 goes with --os wsl2)",
                )
            os = "wsl2"
            glibc = glibc or getattr(namespace, OS_GLIBC, None)
            musl = musl or bool(getattr(namespace, OS_NAMES_MUSL, False))
        setattr(namespace, self.dest, os)
        setattr(namespace, OS_NAMES_MUSL, musl)
        setattr(namespace, OS_GLIBC, glibc)


OS_NAMES_MUSL = "os_names_musl"
"""The namespace attribute OsAction sets (and the Overrides field): whether --os named a musl
distribution."""
OS_GLIBC = "os_glibc"
"""The namespace attribute OsAction sets (and the Overrides field): the Linux release --os
named and the glibc it ships, or None."""


class NamedRelease(str):
    """A release stated with the distribution pip shows it under ('tensorflow-cpu 2.15.0'):
    the version, which everything reads, and the distribution, which says which build it is."""

    distribution: str = ""


def tf_spec(value: str) -> str:
    """A release ('2.17', '2.17.1') or a specifier ('>=2.15,<2.18'), also as tf_env or pip
    print a release."""
    as_printed = re.fullmatch(_TF_PRINTED, value.strip(), re.ASCII)
    distribution = ""
    if as_printed is not None:
        value = as_printed.group("v") or as_printed.group("named")
        distribution = (as_printed.group("dist") or "").lower().replace("_", "-")
    if value.isascii() and 0 < len(value) <= MAX_SPEC_CHARS:
        try:
            Version(value)
            if distribution:
                named = NamedRelease(value)
                named.distribution = distribution
                return named
            return value
        except InvalidVersion:
            pass
        try:
            if len(SpecifierSet(value)) > 0:
                return value
        except InvalidSpecifier:
            pass
    raise argparse.ArgumentTypeError(
        f"{value!r} is neither a version nor a specifier; expected e.g. 2.17 or '>=2.15,<2.18'"
    )


def gpu_selection(value: str) -> str:
    """'0,1' or GPU-/MIG- UUIDs, comma-separated, for CUDA_VISIBLE_DEVICES."""
    items = [item.strip() for item in value.split(",")]
    for item in items:
        if not (_GPU_INDEX.fullmatch(item) or _GPU_UUID.fullmatch(item)):
            raise argparse.ArgumentTypeError(
                f"{item!r} is neither a GPU index nor a GPU-/MIG- UUID; expected e.g. 0,1 "
                "or a UUID from 'nvidia-smi -L'"
            )
    return value


def env_pair(value: str) -> str:
    name, sep, _ = value.partition("=")
    if not sep or _ENV_NAME.fullmatch(name) is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not NAME=VALUE; expected e.g. CUDA_VISIBLE_DEVICES=0"
        )
    return value
