"""NVML's 'Unknown Error' read for the machine it came from: in a container, the device cgroup
that no longer lets it open the GPU (that signature's own reading); on a machine known not to
be one, the driver's own installation is broken. Pure: data in, data out."""

from __future__ import annotations

import dataclasses
import re

from ..facts import Facts
from ..findings import Finding, Severity
from .device_evidence import in_a_container
from .logfacts import LogFacts
from .logs import LogMatch
from .platform_seen import LINUX_SHELL
from .signatures.driver import NVML_UNKNOWN
from .weigh import noted

DRIVER_BROKEN_FIX = (
    "Reinstall the NVIDIA driver as a clean install and reboot: on Windows remove the old one"
    " first (Display Driver Uninstaller, in safe mode) and install the current one from NVIDIA;"
    " on Linux purge the driver packages and install them again. A system update that replaced"
    " part of the driver is the usual cause."
)
_NVML_STARTED = re.compile(r"nvmlDevice\w")
"""A query of a device, which NVML answers only once it has started."""


def _not_in_a_container(facts: Facts, log: LogFacts, text: str) -> str:
    """Why this machine is known not to be a container ('' where it is not known)."""
    if in_a_container(facts, log):
        return ""
    if facts.knows("container"):
        return "this machine is not a container (as stated or probed)"
    native_windows = facts.knows("os") and facts.platform.os == "windows"
    if native_windows and log.os in (None, "windows") and not LINUX_SHELL.search(text):
        return "this is native Windows, not a container"
    return ""


def nvml_unknown_outside_a_container(
    findings: tuple[Finding, ...],
    facts: Facts,
    log: LogFacts,
    matches: tuple[LogMatch, ...],
    text: str,
) -> tuple[Finding, ...]:
    """NVML's unknown error at start-up where no container can be the cause: the driver itself
    does not answer (iperov/DeepFaceLab#191, after a Windows update; a clean reinstall fixed
    it). It is a failure on the machine, whatever TensorFlow ran: 'no GPU on native Windows
    from 2.11' stays a note for a release nobody named."""
    seen = next((m for m in matches if m.signature.name == NVML_UNKNOWN), None)
    if seen is None or _NVML_STARTED.search(text):
        return findings
    if not (why := _not_in_a_container(facts, log, text)):
        return findings
    findings = noted(findings, lambda f: f.id == "windows-native-gpu-unsupported")
    return tuple(
        dataclasses.replace(
            f,
            id="no-nvidia-driver",
            severity=Severity.WARNING,
            title="NVML cannot talk to the NVIDIA driver (Unknown Error): the driver installed is"
            " broken",
            evidence=(*f.evidence, why),
            fix=DRIVER_BROKEN_FIX,
            source="https://github.com/iperov/DeepFaceLab/issues/191",
        )
        if f.id == "container-gpu-not-exposed" and f.title == seen.signature.title
        else f
        for f in findings
    )
