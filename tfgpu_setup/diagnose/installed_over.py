"""pip installing one TensorFlow distribution into an environment that already has another.

pip's check of the installed packages after an install names what is already there ('tensorflow
2.4.1 requires numpy<1.19.0, but you have numpy 1.19.5', or before pip 20.3 'ERROR: tensorflow
2.4.1 has requirement gast==0.3.3, but you'll have gast 0.4.0'): a TensorFlow distribution named
so, while the install was of another one (tensorflow-gpu over tensorflow: tensorflow#49190;
tf-nightly over tensorflow: tensorflow#47422), leaves both in one environment. Pure: data in,
data out.
"""

from __future__ import annotations

import re

from ..distributions import PARTNER_BUILDS
from .installed_twice import PLUG_INS, normal_name
from .machine_seen import line_of
from .signatures.install import TF_DISTRIBUTION

_ALREADY_THERE = re.compile(
    r"^[ \t>`]{0,8}(?:ERROR: )?(?P<dist>" + TF_DISTRIBUTION + r") (?P<version>\d[\w.+-]{0,40})"
    r" (?:has requirement|requires) [^\n]{1,300}?, but you(?:'ll)? have ",
    re.MULTILINE,
)
_INSTALLING = re.compile(
    # the command, pip's download of it, what it installed, or a requirement chain ending in it
    r"\bpip3?(?:\.exe)? install (?:\S{1,100} ){0,8}?(?P<asked>"
    + TF_DISTRIBUTION
    + r")(?:[=<>~!]=?[\w.*]{1,30})?(?=[\s`'\"]|$)"
    r"|^[ \t]*Collecting (?P<collected>" + TF_DISTRIBUTION + r")(?=[\s=<>~!\[]|$)"
    r"|Successfully installed (?:[^\n]{0,2000}? )?(?P<installed>" + TF_DISTRIBUTION + r")-\d"
    r"|->(?P<chain>" + TF_DISTRIBUTION + r")\)",
    re.MULTILINE,
)
_REFUSED = re.compile(r"No matching distribution found for (?P<dist>" + TF_DISTRIBUTION + ")")


def installed_over_another(sample: str) -> tuple[str, ...]:
    """pip's line naming the TensorFlow distribution already installed, and the line installing
    another one; () where no such pair shows."""
    there = _ALREADY_THERE.search(sample)
    if there is None:
        return ()
    present = normal_name(there["dist"])
    if present in PLUG_INS:
        return ()
    if f"Successfully uninstalled {there['dist']}-" in sample[there.end() :]:
        return ()  # removed afterwards
    refused = {normal_name(m["dist"]) for m in _REFUSED.finditer(sample)}
    for m in _INSTALLING.finditer(sample):
        name = normal_name(m["asked"] or m["collected"] or m["installed"] or m["chain"] or "")
        if name in PLUG_INS or name in refused:
            continue
        if name and name != present and not _partners(name, present):
            return line_of(sample, there)[:300], line_of(sample, m)[:300]
    return ()


def _partners(one: str, other: str) -> bool:
    """The installer wheel and the build it pulls in (tensorflow and tensorflow-intel): one."""
    return other in PARTNER_BUILDS.get(one, ()) or one in PARTNER_BUILDS.get(other, ())


_INSTALL_COMMAND = re.compile(
    # a command line of its own (a prompt, sudo, 'python -m' allowed): not prose about one
    r"^[ \t>`$#]{0,8}(?:\([\w.-]{1,60}\) ?)?(?:[^\n$#>]{0,120}[$#>] )?(?:sudo(?: -H)? )?"
    r"(?:python[\d.]{0,4} -m )?pip3?(?:\.exe)? install (?:-[-\w]{1,30} ){0,4}"
    r"(?P<dist>" + TF_DISTRIBUTION + r")(?:[=<>~!]=?[\w.*]{1,30})?[ \t`]*\r?$",
    re.MULTILINE,
)
_UNDONE = re.compile(
    # removed again, or never installed: pip refused it or failed on it
    r"\bpip3?(?:\.exe)? uninstall\b|Successfully uninstalled "
    r"|No matching distribution found|^[ \t>]*ERROR: |error: subprocess-exited-with-error",
    re.MULTILINE,
)


def installed_by_two_commands(sample: str) -> tuple[str, ...]:
    """Two pip commands, each on its own line, installing two different TensorFlow
    distributions into one environment, the first neither refused nor uninstalled
    (keras#6997: 'sudo pip install tensorflow-gpu', then 'sudo pip install tensorflow': the CPU
    build's files win); () where no such pair shows."""
    first: re.Match[str] | None = None
    for m in _INSTALL_COMMAND.finditer(sample):
        if first is None or _UNDONE.search(sample, first.end(), m.start()):
            first = m
            continue
        one, other = normal_name(first["dist"]), normal_name(m["dist"])
        if one != other and not {one, other} & PLUG_INS and not _partners(one, other):
            return line_of(sample, first)[:300], line_of(sample, m)[:300]
        first = m
    return ()
