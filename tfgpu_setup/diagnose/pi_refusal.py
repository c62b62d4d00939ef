"""pip finding no TensorFlow on a Raspberry Pi whose machine nobody stated.

Raspberry Pi OS configures pip to look in piwheels as well as PyPI, on its 32-bit and 64-bit
images alike (tensorflow#18202: 'pre-configured in pip.conf'). PyPI has TensorFlow 2 wheels for
aarch64 and none for armv7l or armv6l, and piwheels has none either: 'from versions: none' there
is most often the 32-bit OS, which no Python version mends. Where the machine is stated, the
matrix judges it instead (platform-unsupported on armv7l; the Python on aarch64).
"""

from __future__ import annotations

import re

from ..doc_urls import PYPI_FILES as SOURCE
from ..facts import Facts
from ..findings import Finding, Severity
from .logs import LogMatch, line_start
from .pip_installs import REFUSALS, versions_listed

_PIWHEELS_INDEX = re.compile(
    r"^[ \t>]*Looking in indexes: [^\n]{0,500}\bpiwheels\.org\b[^\n]*", re.MULTILINE
)
TITLE = (
    "pip found no tensorflow wheel on a Raspberry Pi (pip looks in piwheels): most often its"
    " 32-bit OS (armv7l), for which TensorFlow publishes none"
)
FIX = (
    "Run 'uname -m'. armv7l or armv6l is the 32-bit Raspberry Pi OS, for which neither PyPI nor"
    " piwheels has TensorFlow 2: install the 64-bit Raspberry Pi OS (a Pi 3 or newer runs it) or"
    " use TensorFlow Lite for inference ('pip install tflite-runtime'). aarch64 installs PyPI's"
    " aarch64 wheels (CPU only) on a Python the release supports: then add --arch aarch64 and"
    " --python X.Y."
)


def pi_refusal(matches: tuple[LogMatch, ...], text: str, facts: Facts) -> tuple[list[Finding], str]:
    """The finding and piwheels' index line, where pip refused TensorFlow without listing any
    version after looking in piwheels and the machine is not stated; ([], '') otherwise."""
    if facts.knows("arch") or (facts.knows("os") and facts.platform.os != "linux"):
        return [], ""
    refusal = next((m for m in matches if m.signature.name in REFUSALS), None)
    if refusal is None or versions_listed(refusal):
        return [], ""
    # the last index line before the refusal is the one pip printed for it
    looked = list(_PIWHEELS_INDEX.finditer(text, 0, line_start(text, refusal.line_number)))
    if not looked:
        return [], ""
    index_line = looked[-1].group(0).strip()[:200]
    return [
        Finding(
            "platform-unsupported",
            Severity.WARNING,
            TITLE,
            (index_line, refusal.line.strip()[:300]),
            FIX,
            SOURCE,
        )
    ], index_line
