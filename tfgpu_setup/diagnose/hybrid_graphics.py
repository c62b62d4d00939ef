"""A laptop with switchable graphics (NVIDIA Optimus): its NVIDIA driver can be installed while
the GPU is switched off or not the one selected, so the kernel module is not loaded and
TensorFlow reports no driver. Reinstalling the driver, the usual fix, does not change that;
selecting the GPU does (Bumblebee#944: TensorFlow found the GPU only under optirun)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..facts import Facts
from ..findings import Finding, with_context

LAPTOP_GPU = re.compile(
    r"\b(?:optirun|primusrun|prime-run|bumblebeed?|prime-select)\b|\bNVIDIA Optimus\b"
    r"|\bGeForce (?:GTX |RTX |GT )?\d{3,4}(?:M|MX)\b|\bGeForce MX ?\d{3}\b|\bLaptop GPU\b"
    r"|\bMax-Q\b|\b(?:GeForce )?(?:GTX|RTX) \d{3,4}(?: Ti)? Mobile\b"
)
"""Optimus' tools, and the names NVIDIA gives its laptop GPUs ('GTX 960M', 'GT 750M', '940MX',
'MX150', 'RTX 3060 Laptop GPU', 'with Max-Q Design', lspci's 'GTX 1050 Mobile')."""
SELECT_THE_GPU = (
    " On a laptop with switchable graphics the driver may be installed while the NVIDIA GPU is"
    " switched off or not selected: select it ('sudo prime-select nvidia' or 'on-demand', then"
    " reboot; with Bumblebee, run the program under 'optirun'), and check that"
    " 'lsmod | grep nvidia' lists the module."
)


BUMBLEBEE = re.compile(r"\b(?:optirun|primusrun|bumblebeed?)\b", re.IGNORECASE)
RAN_UNDER_BUMBLEBEE = re.compile(
    r"^[^\n]{0,120}?[$#>%][ \t]*(?:sudo[ \t]+)?(?:optirun|primusrun)[ \t]+\S", re.MULTILINE
)
"""A command typed under Bumblebee: then it switched the GPU on, and failed some other way."""
BUMBLEBEE_TITLE = (
    "Bumblebee keeps the NVIDIA GPU switched off (its kernel module unloaded) except for"
    " programs run under optirun"
)
BUMBLEBEE_FIX = (
    "Run TensorFlow under Bumblebee: 'optirun python ...' (or 'primusrun'), a notebook server"
    " too ('optirun jupyter notebook'); or replace Bumblebee with PRIME render offload (the"
    " driver's own, 'prime-run' or __NV_PRIME_RENDER_OFFLOAD=1), which keeps the module"
    " loaded. Reinstalling the driver changes nothing."
)
BUMBLEBEE_SOURCE = "https://github.com/Bumblebee-Project/Bumblebee/issues/944"


def laptop_gpu(facts: Facts, log_sign: str) -> str:
    """The stated GPU's name or the log's sign that shows a laptop GPU, or '' on a system known
    (stated, or seen in the log) not to be Linux: Windows' and WSL's own drivers switch the GPU
    themselves."""
    if facts.knows("os") and (facts.platform.os != "linux" or facts.platform.wsl):
        return ""
    names = [g.name for g in facts.gpus] if facts.knows("gpus") else []
    named = next((found.group(0) for n in names if (found := LAPTOP_GPU.search(n))), "")
    return named or log_sign


INTEL_SELECTED = re.compile(
    r"prime-select query[^\n]{0,60}\r?\n(?:[ \t]*\r?\n)?[> \t]*intel[ \t]*\r?$", re.MULTILINE
)
"""'prime-select query' answering 'intel': the NVIDIA GPU is switched off (Ubuntu's
nvidia-prime), so its kernel module is not loaded, whatever driver is installed."""
PRIME_SELECT_SOURCE = "https://github.com/canonical/nvidia-prime"


@dataclass(frozen=True)
class Switcher:
    """A tool that switches a laptop's NVIDIA GPU off, and how its answer says so."""

    answered: re.Pattern[str]
    title: str
    fix: str
    source: str


SWITCHERS = (
    Switcher(
        INTEL_SELECTED,
        "The NVIDIA GPU is switched off: prime-select has the Intel GPU selected",
        "Select the NVIDIA GPU: 'sudo prime-select nvidia' (or 'sudo prime-select on-demand',"
        " which keeps the Intel GPU for the display), then reboot; 'lsmod | grep nvidia' then"
        " lists the module.",
        PRIME_SELECT_SOURCE,
    ),
    Switcher(
        # Pop!_OS: 'system76-power graphics' answers the mode it set
        re.compile(
            r"system76-power graphics[ \t]*\r?\n(?:[ \t]*\r?\n)?[> \t]*integrated[ \t]*\r?$",
            re.MULTILINE,
        ),
        "The NVIDIA GPU is switched off: system76-power has the graphics set to integrated",
        "Switch it on: 'sudo system76-power graphics hybrid' (or 'nvidia'), then reboot;"
        " 'lsmod | grep nvidia' then lists the module.",
        "https://github.com/pop-os/system76-power",
    ),
    Switcher(
        re.compile(
            r"envycontrol (?:--query|-q)[ \t]*\r?\n(?:[ \t]*\r?\n)?[> \t]*integrated[ \t]*\r?$",
            re.MULTILINE,
        ),
        "The NVIDIA GPU is switched off: EnvyControl has the graphics set to integrated",
        "Switch it on: 'sudo envycontrol -s hybrid' (or '-s nvidia'), then reboot; 'lsmod |"
        " grep nvidia' then lists the module.",
        "https://github.com/bayasdev/envycontrol",
    ),
)
"""prime-select (Ubuntu), system76-power (Pop!_OS) and EnvyControl (Fedora, Arch and others)
answering that the integrated GPU alone is on."""


MODULE_CAUSES = frozenset(
    {
        "open-module-needs-gsp",
        "nvrm-gpu-not-supported",
        "nvrm-needs-open-modules",
        "nvrm-bar-unassigned",
        "nouveau-owns-the-gpu",
        "module-key-rejected",
        "nvidia-fallback-to-nouveau",
        "nvrm-init-adapter-failed",
        "nvidia-module-not-loadable",
        "dkms-nvidia-build-failed",
        "nvidia-installer-build-failed",
        "dkms-kernel-headers-missing",
    }
)
"""Lines naming why the NVIDIA module did not load (Secure Boot, nouveau, a failed build):
then the GPU being switched off is not the question."""


def on_a_laptop(
    findings: tuple[Finding, ...], sign: str, log: str = "", causes: frozenset[str] = frozenset()
) -> tuple[Finding, ...]:
    """A driver found not running on a laptop GPU says how to switch that GPU on; where the log
    shows the Intel GPU selected, switching it on is the fix, not a reinstall. causes: the
    names of the log's matched signatures."""
    found = next(
        ((switcher, hit) for switcher in SWITCHERS if (hit := switcher.answered.search(log))),
        None,
    )
    if found is None:
        if not sign or causes & MODULE_CAUSES:
            # (a line that says why the module did not load needs no guess beside it)
            return findings
        if BUMBLEBEE.search(sign) and not RAN_UNDER_BUMBLEBEE.search(log):
            return tuple(
                dataclasses.replace(
                    f,
                    title=BUMBLEBEE_TITLE,
                    evidence=(*f.evidence, f"log: '{sign}'"),
                    fix=BUMBLEBEE_FIX,
                    source=BUMBLEBEE_SOURCE,
                )
                if f.id == "no-nvidia-driver"
                else f
                for f in findings
            )
        return with_context(
            findings, frozenset({"no-nvidia-driver"}), f"a laptop GPU: {sign}", SELECT_THE_GPU
        )
    switcher, selected = found
    shown = " ".join(selected.group(0).split())
    return tuple(
        dataclasses.replace(
            f,
            title=switcher.title,
            evidence=(f"log: '{shown}'", *f.evidence),
            fix=switcher.fix,
            source=switcher.source,
        )
        if f.id == "no-nvidia-driver"
        else f
        for f in findings
    )
