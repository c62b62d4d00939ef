"""conda's 'ResolvePackageNotFound' ('conda env create'): specs of an environment file that no
channel has for this platform, so nothing was installed.

CUDA's packages (cudatoolkit, cudnn, cuda-*, NVIDIA's channel) exist for Linux and Windows only:
an environment file made for a GPU machine, created on a Mac, stops there (sleap#705: 'there are
no these packages for a laptop without GPU'). Elsewhere the same list says the channels asked do
not hold that package or version. Pure: text and facts in, findings out.
"""

from __future__ import annotations

import re

from ..facts import Facts
from ..findings import Finding, Severity
from .logfacts import CLUE_CHARS

_UNRESOLVED = re.compile(
    # each spec ends its line: a line of many '- ' is one spec, not many ways to split it
    r"ResolvePackageNotFound:[ \t]*\r?\n((?:[ \t]{0,8}- [^\n]{1,120}(?:\n|\Z)){1,30})"
)
_CUDA_SPEC = re.compile(r"^(?:nvidia::)?(?:cudatoolkit|cudnn|cuda-[\w-]+|nccl|cutensor)\b")
_MAC_SUBDIR = re.compile(r"\bosx-(?:64|arm64)\b")
SOURCE = "https://github.com/talmolab/sleap/issues/705"


def conda_packages_unresolved(text: str, facts: Facts) -> list[Finding]:
    found = _UNRESOLVED.search(text[:CLUE_CHARS])
    if found is None:
        return []
    specs = [
        line.strip().removeprefix("- ").strip()
        for line in found.group(1).splitlines()
        if line.strip()
    ]
    cuda = [s for s in specs if _CUDA_SPEC.match(s)]
    named = ", ".join(cuda or specs)
    shown = f"conda: ResolvePackageNotFound: {', '.join(specs)[:200]}"
    on_a_mac = (facts.knows("os") and facts.platform.os == "macos") or bool(
        _MAC_SUBDIR.search(text[:CLUE_CHARS])
    )
    if cuda and on_a_mac:
        return [
            # (nothing was installed: the install's failure, not the Mac's GPU, is the cause)
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                f"conda has no CUDA packages for macOS ({named}): the environment, made for a"
                " machine with an NVIDIA GPU, was not created",
                (shown,),
                "Remove the CUDA packages (cudatoolkit, cudnn, cuda-*, nvidia:: pins) from the"
                " environment file and create it without them: TensorFlow then runs on the CPU"
                " (on Apple silicon, or an Intel Mac with an AMD GPU, add tensorflow-metal).",
                SOURCE,
            )
        ]
    return [
        Finding(
            "tensorflow-not-installed",
            Severity.ERROR,
            f"conda could not create the environment: no channel it searched has {named} for"
            " this platform, so nothing was installed",
            (shown,),
            "Add the channel that has them ('-c conda-forge', or '-c nvidia' for NVIDIA's"
            " packages) or pin a version it has ('conda search -c conda-forge PACKAGE' lists"
            " them); on a machine without an NVIDIA GPU, drop the CUDA packages.",
            SOURCE,
        )
    ]
