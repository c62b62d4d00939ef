"""A log written by TensorFlow on native Windows, for a machine stated to run WSL 2: only a
Windows build loads DLLs (cudart64_110.dll, nvcuda.dll), so the script ran with a Windows
Python (an IDE or a terminal outside WSL), not in the WSL environment meant. Pure: data in,
data out."""

from __future__ import annotations

import re

from ..doc_urls import WSL_GUIDE
from ..facts import Facts
from ..findings import Finding, Severity, rank
from .platform_seen import WINDOWS_LOAD
from .weigh import contradicted

_WINDOWS_PYTHON = re.compile(
    # a Windows interpreter started by path (VS Code's '& C:/Users/.../python.exe file.py'), or
    # TensorFlow or Keras in a Windows site-packages
    r"(?<![\w/])[A-Za-z]:[\\/][^\s'\"]{0,200}?[\\/]pythonw?\.exe\b"
    # (the same interpreter as WSL names it, through its /mnt/<drive> mount)
    r"|(?<![\w/])/mnt/[a-z]/[^\s'\"]{0,200}?/pythonw?(?:3(?:\.\d{1,2})?)?\.exe\b"
    r"|(?<![\w/])[A-Za-z]:\\[^\n\"]{0,300}?\\site-packages\\(?:tensorflow|keras)\\"
)


_LINUX_LIBRARY = re.compile(r"\blib\w{1,40}\.so(?:\.\d{1,3})*\b")
"""A Linux library TensorFlow loads or misses: its Linux build ran."""
_INTO_WSL = re.compile(
    r">[ \t]*wsl(?:\.exe)?[ \t]*(?:-d[ \t]+[\w.-]{1,60}[ \t]*)?\r?$", re.MULTILINE
)
"""'wsl' typed at a Windows prompt: what follows runs inside WSL."""


def windows_log_under_wsl(
    findings: tuple[Finding, ...], facts: Facts, text: str
) -> tuple[Finding, ...]:
    """The Windows Python named as the cause first; what the log's libraries say of the release
    stated for WSL 2 (another CUDA asked for) no longer stands as an error."""
    if not (facts.knows("os") and facts.platform.os == "wsl2"):
        return findings
    load = WINDOWS_LOAD.search(text) or _WINDOWS_PYTHON.search(text)
    if load is None:
        return findings
    last_windows = max(
        m.end() for pattern in (WINDOWS_LOAD, _WINDOWS_PYTHON) for m in pattern.finditer(text)
    )
    if _LINUX_LIBRARY.search(text, last_windows) or _INTO_WSL.search(text, last_windows):
        # a run inside WSL after the Windows one: the later run is the state asked about
        return findings
    shown = (
        f"it loads {load.group('dll')}"
        if load.re is WINDOWS_LOAD
        else f"a Windows Python ran it: {load.group(0)[:120]}"
    )
    because = f"but this log is native Windows' TensorFlow ({shown}), not WSL 2's"
    ran_on_windows = Finding(
        "wrong-python-environment",
        Severity.ERROR,
        f"This log was written by TensorFlow on native Windows ({shown}), not inside WSL 2:"
        " the script ran with a Windows Python",
        (load.group(0), f"os: wsl2 ({facts.platform.source})"),
        "Run it inside WSL 2 with the environment set up there ('wsl python script.py', or VS"
        " Code's WSL remote, or a notebook kernel started inside WSL). On native Windows,"
        " TensorFlow 2.10 is the last release with a GPU build (CUDA 11.2, cuDNN 8.1).",
        WSL_GUIDE,
    )
    return rank(
        (ran_on_windows, *contradicted(findings, frozenset({"cuda-version-mismatch"}), because))
    )
