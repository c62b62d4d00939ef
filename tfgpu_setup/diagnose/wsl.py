"""What WSL 2's GPU layer failing looks like in a log, read with the facts.

Four lines mean one thing on Linux and another under WSL 2: NVIDIA's container CLI printing
that dxcore did not initialise (on Linux, every debug run says so), its CUDA requirement check
refusing an image although the driver supports that CUDA (older libnvidia-container misread
the WSL 2 driver's CUDA version), CUDA finding no device (a libcuda other than WSL's), and an
NGC image's banner saying it found no driver (it looks where WSL 2 puts none).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ..doc_urls import WSL_GUIDE
from ..facts import Facts
from ..findings import Finding, Severity, with_context
from ..planner.driver_gpus import WSL_CUDA_BRANCH, driver_branch
from ..planner.rules import LINUX_DRIVER_INSIDE_WSL_FIX
from ..versions import parsed
from .logfacts import LogFacts
from .logs import LogMatch
from .sources import quoted
from .visible_devices import visible_devices_set
from .wsl_sessions import distribution_that_ran

REQUIREMENT_CHECK = "container-cli-driver-too-old"


def requirement_misread(facts: Facts, matches: Sequence[LogMatch]) -> tuple[str, Finding] | None:
    """The container CLI refusing an image for a CUDA the known driver supports: the check read
    the driver wrong (nvidia-container-toolkit#148, WSL 2). The reason to give the 'driver too
    old' reading of that line, and the finding that replaces it; None otherwise."""
    driver_cuda = facts.driver.cuda_version if facts.knows("driver") else None
    refusal = next((m for m in matches if m.signature.name == REQUIREMENT_CHECK), None)
    native = facts.knows("os") and facts.platform.os != "wsl2"
    if driver_cuda is None or refusal is None or native:
        return None
    needed = re.search(r"\d+\.\d+", refusal.groups.get("condition", ""))
    if needed is None or parsed(driver_cuda) < parsed(needed.group(0)):
        return None
    reason = (
        f"but the driver supports CUDA {driver_cuda} ({facts.driver.source}), which meets the "
        f"image's cuda>={needed.group(0)}: the check misread it"
    )
    return reason, Finding(
        "container-gpu-not-exposed",
        Severity.ERROR,
        f"The container runtime refused the image for CUDA {needed.group(0)}, which the driver "
        f"supports (CUDA {driver_cuda}): its requirement check misread the driver's CUDA, as "
        "NVIDIA's container toolkit does under WSL 2",
        (refusal.line.strip()[:300], f"driver's CUDA {driver_cuda} ({facts.driver.source})"),
        "Update the NVIDIA Container Toolkit (or Docker Desktop); until then start the container "
        "with -e NVIDIA_DISABLE_REQUIRE=1, which skips the check. Updating the driver does not "
        "help.",
        "https://github.com/NVIDIA/nvidia-docker/issues/1458",
    )


NGC_BANNER = "ngc-driver-not-detected"


NO_GPU_SEEN_OTHERWISE = frozenset(
    {"no-nvidia-gpu", "no-nvidia-driver", "cuda-visible-devices-hides-gpus"}
)
"""Findings of lines that show the container without a GPU in TensorFlow's or CUDA's words
(CUDA's 'no device' reads first as a hidden GPU)."""


def ngc_banner_under_wsl(facts: Facts, matches: Sequence[LogMatch]) -> str | None:
    """Why an NGC image's 'The NVIDIA Driver was not detected' banner, the only line saying the
    container has no GPU, says nothing under WSL 2: the images' start-up check looks for the
    driver where WSL 2 does not put it, and prints the banner with the GPU working
    (nvidia-docker#1548, a 20.03 image: 'gpu works fine inside the container'; NVlabs/
    FoundationPose#47, a CUDA image under Docker Desktop). None where it still counts: not
    WSL 2, or another line shows no GPU."""
    if not (facts.knows("os") and facts.platform.os == "wsl2"):
        return None
    exposed = [m for m in matches if m.signature.finding_id == "container-gpu-not-exposed"]
    if not exposed or any(m.signature.name != NGC_BANNER for m in exposed):
        return None
    if any(m.signature.finding_id in NO_GPU_SEEN_OTHERWISE for m in matches):
        return None
    return (
        "but under WSL 2 NVIDIA's images print this banner with the GPU working: their start-up"
        " check looks for the driver where WSL 2 does not put it"
        f" (os: wsl2, {facts.platform.source})"
    )


WSL_NO_DEVICE_FIX = (
    "Inside WSL, 'ldconfig -p | grep libcuda' must show /usr/lib/wsl/lib/libcuda.so.1 first:"
    " remove any Linux NVIDIA driver or CUDA driver packages installed in WSL ('sudo apt-get"
    ' purge "*nvidia-driver*" "libnvidia-compute-*" cuda-drivers\'; the CUDA toolkit'
    " alone is fine) and any other libcuda on LD_LIBRARY_PATH, then 'wsl --shutdown' in Windows."
    " If it still finds no GPU, reinstall the Windows NVIDIA driver (clean installation) and"
    " update WSL ('wsl --update'). Also check that CUDA_VISIBLE_DEVICES is not set to hide it."
)


def no_device_under_wsl(facts: Facts, matches: Sequence[LogMatch]) -> list[Finding]:
    """CUDA finding no device inside WSL 2, with nothing showing CUDA_VISIBLE_DEVICES set: the
    GPU reaches WSL only through /dev/dxg and the libcuda in /usr/lib/wsl/lib, so a libcuda of a
    Linux driver installed inside WSL loading first, or the Windows side, is the usual cause
    (tensorflow#60429, NVIDIA/cuml#5624, #6218), not a hidden GPU."""
    if not (facts.knows("os") and facts.platform.os == "wsl2") or _ruled_out(facts, matches):
        return []
    line = next((m for m in matches if m.signature.name == "cuinit-no-device"), None)
    if line is None:
        return []
    finding = Finding(
        "wsl-linux-driver-installed",
        Severity.ERROR,
        "CUDA found no GPU inside WSL 2: most often a Linux NVIDIA driver (or another libcuda)"
        " inside WSL loads before the one WSL provides from the Windows driver; otherwise the"
        " Windows side (its build, its driver)",
        (quoted(line.line), f"os: wsl2 ({facts.platform.source})"),
        WSL_NO_DEVICE_FIX,
        WSL_GUIDE,
    )
    return [finding]


_UNVERSIONED_LIBCUDA = re.compile(r"\blibcuda\.so(?![.\w])")
"""The driver library named without its soname's number: cuDNN's and ctypes' requests
(pytorch#85773, WSL#8587), which the loader's cache, holding sonames, does not answer."""
KERNEL_NOTE = "kernel-driver-not-running"
"""TensorFlow's note that /proc/driver/nvidia/version does not exist: WSL 2 has no NVIDIA kernel
module (its driver is Windows'), so there the note is always printed and says nothing."""
OTHER_EXPLANATIONS = frozenset({"container-gpu-not-exposed", "no-nvidia-gpu", "no-nvidia-driver"})
"""Findings of lines that explain CUDA's 'no device' in WSL 2 in another way."""


def _ruled_out(facts: Facts, matches: Sequence[LogMatch]) -> bool:
    """What shows the GPU hidden, absent, not passed in, or WSL's own libcuda the one found."""
    variable_set = visible_devices_set(facts)
    only_wsl_libcuda = (
        facts.knows("libcuda")
        and bool(facts.libcuda)
        and all(path.startswith("/usr/lib/wsl/") for path in facts.libcuda)
    )
    return (
        variable_set
        or only_wsl_libcuda
        or facts.gpus_absent()
        or any("CUDA_VISIBLE_DEVICES" in m.line for m in matches)
        or any(
            m.signature.finding_id in OTHER_EXPLANATIONS and m.signature.name != KERNEL_NOTE
            for m in matches
        )
    )


def wsl_driver_not_reached(
    facts: Facts, libcuda_line: LogMatch | None, no_driver_line: LogMatch
) -> Finding:
    """Inside WSL 2, a line saying the driver is not there: libcuda.so.1 missing where the
    loader says so (libcuda_line); otherwise nvidia-smi or the container CLI failing says
    less: the layer Windows gives WSL 2 is not answering, for one of several reasons on the
    Windows side (WSL#6772: a Windows build's regression)."""
    driver = _wsl_capable_driver(facts)
    if libcuda_line is not None and _UNVERSIONED_LIBCUDA.search(libcuda_line.line):
        title = (
            "A library here asks for the unversioned libcuda.so, which WSL 2 keeps in"
            " /usr/lib/wsl/lib outside the loader's cache (ldconfig lists libcuda.so.1 only):"
            " the loader path, not the Windows driver"
        )
        fix = (
            "export LD_LIBRARY_PATH=/usr/lib/wsl/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} before"
            " the program starts (the activate script of 'tfgpu-setup apply' does this). If 'ls"
            " /usr/lib/wsl/lib' shows no libcuda.so at all, install the current NVIDIA driver on"
            " Windows and run 'wsl --update' and 'wsl --shutdown'."
        )
    elif libcuda_line is not None and driver:
        title = (
            f"WSL2 finds no libcuda.so.1 although the Windows driver {driver} supports CUDA in"
            " WSL 2: the loader does not search /usr/lib/wsl/lib, where WSL puts it (or this"
            " distribution runs under WSL 1)"
        )
        fix = (
            "Run 'ls -l /usr/lib/wsl/lib/libcuda.so.1'. If it is there, put its folder on the"
            " loader path: restore /etc/ld.so.conf.d/ld.wsl.conf and run 'sudo ldconfig', or"
            " export LD_LIBRARY_PATH=/usr/lib/wsl/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}. If"
            " it is not, 'wsl -l -v' in Windows must show VERSION 2; then 'wsl --update' and"
            " 'wsl --shutdown'. Install no Linux NVIDIA driver inside WSL2."
        )
    elif libcuda_line is not None:
        title = (
            "WSL2 finds no libcuda.so.1: the Windows NVIDIA driver with WSL support is missing"
            " or too old"
        )
        fix = (
            "Install the current NVIDIA driver for Windows on the Windows host and update"
            " Windows and WSL ('wsl --update'; GPU support needs Windows 10 21H2 or Windows 11),"
            " then run 'wsl --shutdown' and reopen WSL; do not install a Linux driver inside"
            " WSL2."
        )
    else:
        title = (
            "WSL 2 cannot reach the GPU through Windows: the Windows side of WSL's GPU support"
            " (driver, Windows build, WSL version) is not answering"
        )
        fix = (
            "On Windows: install the current NVIDIA driver, update Windows and WSL ('wsl"
            " --update'; Windows 10 21H2 or Windows 11), then 'wsl --shutdown' and reopen WSL"
            " from a terminal that is not elevated. A GPU in TCC mode is not available to WSL"
            " (WDDM only), and no Linux NVIDIA driver belongs inside WSL2."
        )
    line = (libcuda_line or no_driver_line).line
    evidence = (quoted(line), f"os: wsl2 ({facts.platform.source})")
    return Finding("wsl-libcuda-missing", Severity.ERROR, title, evidence, fix, WSL_GUIDE)


def _wsl_capable_driver(facts: Facts) -> str | None:
    """The known Windows driver's version where it runs CUDA in WSL 2, else None."""
    version = facts.driver.version if facts.knows("driver") else None
    branch = driver_branch(version) if version else None
    return version if branch is not None and branch >= WSL_CUDA_BRANCH else None


def wsl_gpu_layer_missing(facts: Facts, log: LogFacts) -> list[Finding]:
    """Inside WSL 2, the container CLI finding no dxcore: Windows gives this WSL no GPU (a
    Windows build or a Windows driver without WSL 2 GPU support), so /usr/lib/wsl/lib holds no
    libcuda either."""
    if not log.dxcore_failed_line or not (facts.knows("os") and facts.platform.os == "wsl2"):
        return []
    if log.driver or log.gpus_seen:
        # nvidia-smi works in this WSL: the GPU layer is there, and the container CLI missed
        # it (a loader cache without /usr/lib/wsl/lib)
        return []
    in_a_container = (facts.knows("container") and facts.platform.container) or bool(
        log.container_line
    )
    if "/dev/dxg" in log.dxcore_failed_line and in_a_container and not log.gpu_requested_line:
        # /dev/dxg looked for inside a container started without the GPU: Docker passes it in
        # only with --gpus, so its absence there says nothing of Windows
        return []
    return [
        Finding(
            "wsl-libcuda-missing",
            Severity.ERROR,
            "WSL 2 gets no GPU from Windows: "
            + (
                "/dev/dxg, the WSL 2 GPU device, is absent"
                if "/dev/dxg" in log.dxcore_failed_line
                else "NVIDIA's container runtime found no dxcore, the WSL 2 GPU layer"
            ),
            (log.dxcore_failed_line, f"os: wsl2 ({facts.platform.source})"),
            "Update Windows to a build with GPU support in WSL 2 (Windows 11, or Windows 10 "
            "21H2 and later) and install the NVIDIA Windows driver (not a Linux one inside "
            "WSL); then 'ls /usr/lib/wsl/lib' lists libcuda.so.1 and libdxcore.so.",
            "https://github.com/NVIDIA/nvidia-docker/issues/1542",
        )
    ]


WINDOWS_DRIVER_FIX = (
    " On WSL 2 the driver is the Windows one: update the NVIDIA driver on Windows, remove any"
    " Linux NVIDIA driver installed inside WSL (never install one there), then run 'wsl"
    " --shutdown' and reopen it."
)


def driver_on_windows(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """A driver too old, or two driver versions, under WSL 2: the driver is updated on
    Windows, and a Linux driver inside WSL (the usual second version) goes; 'update the
    driver' alone invites one, which breaks it further."""
    if not (facts.knows("os") and facts.platform.os == "wsl2"):
        return findings
    if any(f.id == "wsl-libcuda-missing" for f in findings):
        # the same missing libcuda read by another line: its Linux fix (the driver's user-space
        # part) is what WSL 2 must never get
        findings = tuple(f for f in findings if f.id != "no-nvidia-driver")
    wsl2 = f"os: wsl2 ({facts.platform.source})"
    # (in a container on WSL 2 the second copy is the image's: its own fix, rebuild the image)
    in_a_container = facts.knows("container") and facts.platform.container
    findings = tuple(
        dataclasses.replace(
            f,
            id="wsl-linux-driver-installed",
            evidence=(*f.evidence, wsl2),
            fix=LINUX_DRIVER_INSIDE_WSL_FIX,
            source=WSL_GUIDE,
        )
        if f.id == "driver-library-mismatch" and not in_a_container
        else f
        for f in findings
    )
    return with_context(findings, frozenset({"driver-too-old"}), wsl2, WINDOWS_DRIVER_FIX)


WSL1_SIGNS = frozenset({"wsl1-kernel", "wsl1-default-distribution"})


def wsl_reading_leads(
    findings: tuple[Finding, ...], facts: Facts, log: LogFacts, matches: Sequence[LogMatch]
) -> tuple[Finding, ...]:
    """Where WSL finds no libcuda, the reading that says why leads the merged finding, whatever
    the driver or the loader path: the distribution under WSL 1 (its kernel string, 'wsl -l
    -v'), or WSL 2's GPU layer absent (no /dev/dxg, no dxcore: a Windows without it)."""
    sign = next((m for m in matches if m.signature.name in WSL1_SIGNS), None)
    if sign is not None:
        groups = {k: v or "" for k, v in sign.groups.items()}
        why: Finding | None = Finding(
            sign.signature.finding_id or "wsl-libcuda-missing",
            sign.signature.severity,
            sign.signature.title.format(**groups),
            (),
            sign.signature.fix.format(**groups),
            sign.signature.source,
        )
    else:
        why = next(iter(wsl_gpu_layer_missing(facts, log)), None)
    if why is None:
        return findings
    return tuple(
        dataclasses.replace(f, title=why.title, fix=why.fix, source=why.source)
        if f.id == why.id
        else f
        for f in findings
    )


WSL1_DEFAULT = "wsl1-default-distribution"


def without_wsl1_default_superseded(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[LogMatch, ...]:
    """'wsl -l -v' marking the default distribution as VERSION 1 says nothing of a run in a
    distribution the paste shows as WSL 2 (opened by name, made the default, converted, or
    listed again): 'wsl -l -v' is a snapshot (reviews 95 to 98)."""
    listed = next((m for m in matches if m.signature.name == WSL1_DEFAULT), None)
    if listed is None:
        return matches
    ran = distribution_that_ran(text)
    if ran is not None and ran.version == "2":
        return tuple(m for m in matches if m.signature.name != WSL1_DEFAULT)
    return matches


_CONVERSION_OUTPUT = re.compile(
    r"\bwsl(?:\.exe)?[ \t]+--set-version[ \t]+[\w.-]{1,60}[ \t]+2\b[^\n]{0,40}\n"
    r"(?P<output>(?:(?![ \t]*(?:PS )?[A-Za-z]:\\)[^\n]{0,300}\n){1,8})"
)
_BLOCKERS = (
    (
        re.compile(
            r"Virtual Machine Platform|virtualization|HCS_E_HYPERV_NOT_INSTALLED|0x80370102",
            re.IGNORECASE,
        ),
        "The conversion stopped because the Virtual Machine Platform is off or virtualization"
        " is disabled: enable it ('dism.exe /online /enable-feature"
        " /featurename:VirtualMachinePlatform /all /norestart' as administrator, and"
        " virtualization in the BIOS/UEFI), restart Windows, then run the conversion again. ",
    ),
    (
        re.compile(r"update to its kernel component|wsl2kernel|0x800701bc", re.IGNORECASE),
        "The conversion stopped because WSL 2's kernel is missing: run 'wsl --update' (or"
        " install the kernel package from https://aka.ms/wsl2kernel), then run the conversion"
        " again. ",
    ),
)


def conversion_blocked(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The WSL 1 finding's fix led by what stopped the paste's own conversion to WSL 2 (its
    output names it): running the conversion again alone would fail the same way (review 97)."""
    for output in _CONVERSION_OUTPUT.finditer(text):
        for blocker, remedy in _BLOCKERS:
            if blocker.search(output["output"]):
                return tuple(
                    dataclasses.replace(f, fix=remedy + f.fix)
                    if f.id == "wsl-libcuda-missing" and "WSL 1" in f.title
                    else f
                    for f in findings
                )
    return findings


_LINUX_DRIVER_INSTALLED = re.compile(
    r"^[^\n]{0,200}?\b(?:apt(?:-get)?|dnf|yum)[ \t]+install\b[^\n]{0,200}?\b"
    r"(?P<package>nvidia-(?:driver|utils)-\d{3}\w{0,12}|cuda-drivers(?:-\d{3})?)\b"
    r"|^ii[ \t]+(?P<listed>nvidia-(?:driver|utils)-\d{3}\w{0,12}|libnvidia-compute-\d{3})\b",
    re.MULTILINE,
)
"""A Linux NVIDIA driver's packages installed (the command, or 'dpkg -l' listing them)."""


def linux_driver_in_wsl(facts: Facts, log: LogFacts, text: str) -> list[Finding]:
    """A Linux NVIDIA driver installed inside WSL 2, where the paste shows its packages: its
    libraries shadow the Windows driver's in /usr/lib/wsl/lib (review 99)."""
    wsl2 = (facts.knows("os") and facts.platform.os == "wsl2") or log.os == "wsl2"
    found = next(
        (
            m
            for m in (_LINUX_DRIVER_INSTALLED.finditer(text) if wsl2 else ())
            # (not Ubuntu's hint for a command not found, which names a package to install)
            if "can be installed with" not in text[max(0, m.start() - 200) : m.start()]
        ),
        None,
    )
    if found is None:
        return []
    return [
        Finding(
            "wsl-linux-driver-installed",
            Severity.ERROR,
            "A Linux NVIDIA driver was installed inside WSL 2 ("
            + (found["package"] or found["listed"])
            + "): WSL 2 uses the Windows driver, and the Linux one's libraries get in its way",
            (quoted(found.group(0)),),
            "Remove the Linux NVIDIA packages inside WSL ('dpkg -l | grep -i nvidia' lists them;"
            " 'sudo apt purge' those, keeping cuda-toolkit-*), run 'wsl --shutdown' from Windows"
            " and reopen WSL: WSL 2 uses the Windows driver through /usr/lib/wsl/lib. Then, if"
            " nvidia-smi still fails, install the current NVIDIA driver on Windows.",
            WSL_GUIDE,
        )
    ]
