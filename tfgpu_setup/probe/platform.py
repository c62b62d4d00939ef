"""Operating system, architecture, distribution, glibc, and whether this is WSL or a container."""

from __future__ import annotations

import plistlib
import shlex
from xml.parsers.expat import ExpatError

from packaging.version import InvalidVersion, Version

from ..doc_urls import WSL_GUIDE as WSL_DOCS
from ..facts import Note, OsName, Platform, normalised_arch
from ..host import Host
from . import reading

SOURCE = "platform"


CONTAINER_CGROUP_MARKERS = ("docker", "kubepods", "containerd", "libpod", "lxc")


def probe_platform(host: Host) -> tuple[Platform, tuple[Note, ...]]:
    system = host.system()
    sys_platform = str(system.get("sys_platform") or "")
    kernel = _text(system.get("release"))
    notes: list[Note] = []
    os_name = _os_name(sys_platform)
    wsl_evidence: tuple[str, ...] = ()
    container_evidence: tuple[str, ...] = ()
    if os_name == "linux":
        wsl_evidence, wsl_version = _wsl(host, kernel)
        if wsl_version == 2:
            os_name = "wsl2"
        elif wsl_version == 1:
            notes.append(
                Note(
                    SOURCE,
                    "this is WSL 1, which has no GPU support; convert the "
                    f"distribution with 'wsl --set-version <name> 2' ({WSL_DOCS})",
                )
            )
        container_evidence = _container(host)
    distro, distro_note = _distro(host, os_name)
    if distro_note:
        notes.append(distro_note)
    glibc = glibc_version(system.get("libc"))
    platform = Platform(
        os=os_name,
        arch=normalised_arch(_text(system.get("machine")) or "", os_name),
        kernel=kernel,
        distro=distro,
        glibc=glibc,
        musl=glibc is None and os_name in ("linux", "wsl2") and _musl(host),
        wsl=bool(wsl_evidence),
        wsl_evidence=wsl_evidence,
        container=bool(container_evidence),
        container_evidence=container_evidence,
    )
    return platform, tuple(notes)


def _os_name(sys_platform: str) -> OsName:
    if sys_platform.startswith("linux"):
        return "linux"
    if sys_platform in ("win32", "cygwin", "msys"):
        return "windows"
    if sys_platform == "darwin":
        return "macos"
    return "other"


def glibc_version(libc: object) -> str | None:
    """X.Y from system()['libc'] == ['glibc', '2.36']; None for musl, macOS, Windows."""
    if not isinstance(libc, list | tuple) or len(libc) != 2 or libc[0] != "glibc":
        return None
    try:
        release = Version(str(libc[1]))
    except InvalidVersion:
        return None
    return f"{release.major}.{release.minor}"


def _musl(host: Host) -> bool:
    """musl's dynamic loader is there and Python found no glibc (platform.libc_ver() names no
    musl): Alpine and its images. A glibc system with the musl package has glibc too."""
    return bool(reading.glob(host, "/lib/ld-musl-*.so.1"))


def _wsl(host: Host, kernel: str | None) -> tuple[tuple[str, ...], int | None]:
    """Evidence of WSL and its version (1, 2, or None when not WSL).

    WSL 2 kernels are '...-microsoft-standard[-WSL2]', WSL 1 reports '...-Microsoft'
    (https://github.com/microsoft/WSL/issues/4555); /dev/dxg and /usr/lib/wsl/lib exist only
    where the GPU is paravirtualised, which is WSL 2.
    """
    evidence: list[str] = []
    wsl2_signs = 0
    proc_version = reading.read_text_or_none(host, "/proc/version") or ""
    for label, text in (("/proc/version", proc_version), ("kernel release", kernel or "")):
        lowered = text.lower()
        if "microsoft" in lowered or "wsl2" in lowered:
            evidence.append(f"{label} mentions {_first_marker(text)}")
            if "wsl2" in lowered or "microsoft-standard" in lowered:
                wsl2_signs += 1
    distro_name = host.env.get("WSL_DISTRO_NAME")
    if distro_name is not None:
        evidence.append(f"WSL_DISTRO_NAME={distro_name}")
    if reading.exists(host, "/dev/dxg"):
        evidence.append("/dev/dxg exists")
        wsl2_signs += 1
    if reading.is_dir(host, "/usr/lib/wsl/lib"):
        evidence.append("/usr/lib/wsl/lib exists")
        wsl2_signs += 1
    if not evidence:
        return (), None
    wsl1 = wsl2_signs == 0 and "Microsoft" in (proc_version + (kernel or ""))
    return tuple(evidence), 1 if wsl1 else 2


def _first_marker(text: str) -> str:
    lowered = text.lower()
    for marker in ("microsoft-standard-wsl2", "microsoft-standard", "wsl2", "microsoft"):
        at = lowered.find(marker)
        if at >= 0:
            return repr(text[at : at + len(marker)])
    return repr(text)


def _container(host: Host) -> tuple[str, ...]:
    evidence: list[str] = []
    for marker_file in ("/.dockerenv", "/run/.containerenv"):
        if reading.exists(host, marker_file):
            evidence.append(f"{marker_file} exists")
    cgroup = reading.read_text_or_none(host, "/proc/1/cgroup") or ""
    found = [marker for marker in CONTAINER_CGROUP_MARKERS if marker in cgroup]
    if found:
        evidence.append(f"/proc/1/cgroup mentions {', '.join(found)}")
    for variable in ("container", "NVIDIA_VISIBLE_DEVICES", "KUBERNETES_SERVICE_HOST"):
        value = host.env.get(variable)
        if value is not None:
            evidence.append(f"{variable}={value}")
    return tuple(evidence)


def _distro(host: Host, os_name: OsName) -> tuple[str | None, Note | None]:
    if os_name in ("linux", "wsl2"):
        return _os_release(host)
    if os_name == "macos":
        return _macos_release(host), None
    return None, None


def _os_release(host: Host) -> tuple[str | None, Note | None]:
    """PRETTY_NAME (else NAME VERSION) from os-release, which uses shell quoting
    (https://www.freedesktop.org/software/systemd/man/latest/os-release.html)."""
    reasons = []
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        text, reason = reading.read_text(host, path)
        if text is None:
            reasons.append(f"{path}: {reason}")
            continue
        fields = parse_os_release(text)
        name = fields.get("PRETTY_NAME") or " ".join(
            part for part in (fields.get("NAME"), fields.get("VERSION")) if part
        )
        return (name or None), None
    return None, Note(SOURCE, "distribution unknown: " + "; ".join(reasons))


def parse_os_release(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        try:
            words = shlex.split(raw)
        except ValueError:
            words = [raw.strip("\"'")]
        fields[key.strip()] = " ".join(words)
    return fields


def _macos_release(host: Host) -> str | None:
    text = reading.read_text_or_none(host, "/System/Library/CoreServices/SystemVersion.plist")
    if text is None:
        return None
    try:
        info = plistlib.loads(text.encode("utf-8"))
    except (plistlib.InvalidFileException, ValueError, ExpatError):
        return None
    name, version = info.get("ProductName"), info.get("ProductVersion")
    return " ".join(str(part) for part in (name, version) if part) or None


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
