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
    # each spec ends its line: a line of many '- ' is one spec, not many ways to split it;
    # libmamba's solver (conda 23.10 on) lists 'nothing provides requested SPEC' instead
    r"(?:ResolvePackageNotFound:|LibMambaUnsatisfiableError: Encountered problems while"
    r" solving:)[ \t]*\r?\n((?:[ \t]{0,8}- [^\n]{1,120}(?:\n|\Z)){1,30})"
)
_NOTHING_PROVIDES = re.compile(r"^nothing provides requested ")
_CUDA_SPEC = re.compile(
    # (tensorflow-gpu is a CUDA build too: conda has none of it for macOS)
    r"^(?:nvidia::)?(?:cudatoolkit|cudnn|cuda-[\w-]+|nccl|cutensor|tensorflow-gpu)\b"
)
_BUILD_STRING = re.compile(r"^[\w.:-]{1,60}={1,2}[^=\s]{1,40}=[^=\s]{1,60}$")
"""'name==version=build' or 'name=version=build': how 'conda env export' pins a build of the
platform it ran on."""
_MAC_SUBDIR = re.compile(r"\bosx-(?:64|arm64)\b")
SOURCE = "https://github.com/talmolab/sleap/issues/705"


def conda_packages_unresolved(text: str, facts: Facts) -> list[Finding]:
    found = _UNRESOLVED.search(text[:CLUE_CHARS])
    if found is None:
        return []
    specs = [
        _NOTHING_PROVIDES.sub("", line.strip().removeprefix("- ").strip()).rstrip("*")
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
    if any(spec.removeprefix("apple::").startswith("tensorflow-deps") for spec in specs):
        return []  # Apple's own package: mac_refusals reads it, with the conda's platform
    if any(_BUILD_STRING.match(spec) for spec in specs):
        return [
            Finding(
                "tensorflow-not-installed",
                Severity.ERROR,
                "conda could not create the environment: its file pins exact builds no channel"
                f" has here ({', '.join(specs[:3])[:160]}), most often a file exported on"
                " another platform, so nothing was installed",
                (shown,),
                "The file was exported where it was made ('conda env export' pins each build):"
                " export it there again with 'conda env export --from-history', or remove the"
                " build strings (and that platform's own packages) from it, then create it.",
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
