"""A paste that shows no CUDA toolkit on the machine: where it would be, nothing.

'ls /usr/local' listing no cuda folder, 'ls /usr/local/cuda' answered 'No such file or
directory', Windows' 'NVIDIA GPU Computing Toolkit' folder not found, or the loader's cache
('ldconfig -p | grep cuda') listing the driver's libcuda but no CUDA runtime. A missing
runtime library is then none installed, not another version installed (which a CUDA on the
machine would be). Pure: text in, one line of evidence out.
"""

from __future__ import annotations

import re

_NEXT_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[\w.-]{1,64}@[\w.-]{1,64}[: ][^\n]{0,200}?)?[$#%][ \t]",
    re.MULTILINE,
)
_LS_USR_LOCAL = re.compile(
    r"^[^\n]{0,200}?[$#%][ \t]*ls(?:[ \t]+-\w+)*[ \t]+/usr/local/?[ \t]*$", re.M
)
_STANDARD_ENTRIES = frozenset(
    {"bin", "etc", "games", "include", "lib", "man", "sbin", "share", "src"}
)
"""What /usr/local holds on a fresh Debian or Ubuntu: a listing of it has several of these."""
_NO_CUDA_FOLDER = re.compile(
    r"^ls: cannot access '?/usr/local/cuda[\w.*-]{0,20}/?'?: No such file or directory", re.M
)
_NO_TOOLKIT_FOLDER = re.compile(
    # cmd's 'dir' of the installer's folder, answered within a few lines; PowerShell's words
    r"^[^\n]{0,200}?>[ \t]*dir\b[^\n]{0,40}?NVIDIA GPU Computing Toolkit[^\n]{0,60}\r?\n"
    r"(?:[^\n]{0,200}\r?\n){0,6}?[ \t]*(?:File Not Found|The system cannot find the (?:file|path)"
    r" specified)"
    r"|Cannot find path '[^'\n]{0,100}NVIDIA GPU Computing Toolkit[^'\n]{0,60}' because it does"
    r" not exist",
    re.M | re.IGNORECASE,
)
_LDCONFIG_GREP = re.compile(
    r"^[^\n]{0,200}?[$#%][ \t]*(?:/sbin/)?ldconfig[ \t]+-p[ \t]*\|[ \t]*grep\b"
    r"(?P<asked>[^\n|]{1,80})$",
    re.M,
)
_FINDS_CUDART = re.compile(r"cudart|(?:^|[\s'\"|(])(?:lib)?cuda(?:['\"|)]|\s|$)")
"""A grep whose pattern would list libcudart: one naming it, or 'cuda' alone."""
_LIBCUDA_ROW = re.compile(r"^[ \t]+libcuda\.so(?:\.1)? \(", re.M)
MAX_OUTPUT = 4000


def cuda_shown_absent(text: str) -> str:
    """The line showing no CUDA toolkit where one would be; '' where the paste shows none."""
    if found := _NO_CUDA_FOLDER.search(text) or _NO_TOOLKIT_FOLDER.search(text):
        return " ".join(found.group(0).split())[:300]
    for listed in _LS_USR_LOCAL.finditer(text):
        entries = set(_output(text, listed.end()).split())
        if len(entries & _STANDARD_ENTRIES) >= 4 and not any("cuda" in e for e in entries):
            return f"{listed.group(0).strip()}: {' '.join(sorted(entries))[:200]}"
    for asked in _LDCONFIG_GREP.finditer(text):
        if not _FINDS_CUDART.search(asked["asked"].strip()):
            continue
        rows = _output(text, asked.end())
        if _LIBCUDA_ROW.search(rows) and "libcudart" not in rows:
            return f"{asked.group(0).strip()}: the driver's libcuda, no libcudart"
    return ""


def _output(text: str, after: int) -> str:
    """What a command printed: its lines up to the next prompt (at most MAX_OUTPUT)."""
    start = text.find("\n", after)
    if start < 0:
        return ""
    following = _NEXT_PROMPT.search(text, start + 1, start + 1 + MAX_OUTPUT)
    return text[start + 1 : following.start() if following else start + 1 + MAX_OUTPUT]
