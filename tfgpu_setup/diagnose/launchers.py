"""A program started from an IDE or a notebook kernel: it gets the environment the IDE or the
kernel was started with, not the shell's where the user set LD_LIBRARY_PATH or PATH (or
activated the environment). Settled threads of libraries found from a terminal and not from
PyCharm, nteract or VS Code were all that (survey 11j: tensorflow#9530, nteract#2054,
vscode-python#10467)."""

from __future__ import annotations

import re

from ..findings import Finding, with_context

LAUNCHED_BY_AN_IDE = re.compile(
    r"[/\\]PycharmProjects[/\\]|\bpydevd\b|^Process finished with exit code \d"
    r"|[/\\]\.vscode[/\\]extensions[/\\]|\bspyder_kernels\b"
    r"|\bipykernel_launcher\b|[/\\]ipykernel[/\\]",
    re.MULTILINE,
)
"""PyCharm's paths, debugger and end line; VS Code's extensions; Spyder's and Jupyter's kernels
(not IPython's cell names, which IPython in a terminal prints too)."""
WORKS_FROM_A_TERMINAL = re.compile(
    # (not 'doesn't work in the terminal, but in PyCharm it works', the other way round)
    r"(?<!n't )(?<!not )\bworks?(?: fine| well| perfectly| ok)? (?:in|on|from|with)"
    r" (?:the |a |my )?(?:terminal|shell|command[- ]line|console|cmd)\b[^\n]{0,120}?"
    r"\b(?:but|except)\b[^\n]{0,120}?"
    r"\b(?:PyCharm|Jupyter|notebook|VS ?Code|Spyder|Eclipse|RStudio|(?-i:IDE|IDLE))\b",
    re.IGNORECASE,
)
"""The user's own account of it: the import works from a terminal and fails from an IDE or a
kernel (tensorflow#14244: 'it works fine on the terminal but if I import tensorflow on Pycharm,
it doesn't work'). The library is installed; the launcher's environment lacks its folder."""
LIBRARY_FINDINGS = frozenset(
    {"cuda-libs-not-found", "cudnn-not-found", "pip-cuda-libs-not-on-path"}
)
ENVIRONMENT_NOT_PASSED = (
    " If they load from a terminal, the IDE or notebook kernel was started without that"
    " terminal's environment (LD_LIBRARY_PATH, PATH, the activated environment): start it from"
    " that terminal, or set the variables in its run configuration or the kernel's env."
)


def launched_elsewhere(findings: tuple[Finding, ...], launcher_line: str) -> tuple[Finding, ...]:
    """Library findings of a program an IDE or a kernel started say where else to look."""
    if not launcher_line:
        return findings
    return with_context(
        findings,
        LIBRARY_FINDINGS,
        f"started by an IDE or a notebook kernel: {launcher_line}",
        ENVIRONMENT_NOT_PASSED,
    )
