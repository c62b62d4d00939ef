"""What a paste shows of other machines than the one TensorFlow ran on, set apart.

A paste that runs TensorFlow on one host and then, after 'ssh' to another, runs nvidia-smi
there describes two machines: the other host's driver, GPU or failure says nothing of the one
TensorFlow ran on (review 103: a login node's TensorFlow without a driver, beside a GPU node's
nvidia-smi listing an A100; a node's working GPU beside another node's failing nvidia-smi). The
shell's prompts name the host of every command ('user@node01:~$'). Where only one host's
commands show TensorFlow at work, the other hosts' commands and output are blanked, line for
line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

import re

_SSH = re.compile(r"(?:[$#>%]|^)[ \t]*ssh[ \t]+[^\n]*\S", re.MULTILINE)
_HOST_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[\w.-]{1,64}@(?P<host>[\w.-]{1,64}):[^\n]{0,200}?[$#]"
    r"|\[[\w.-]{1,64}@(?P<rhel>[\w.-]{1,64})[ \t][^\n\]]{0,200}\][$#])(?:[ \t]|$)",
    re.MULTILINE,
)
"""A bash prompt that names its host: Debian's 'user@host:dir$', Red Hat's '[user@host dir]$'."""
_TENSORFLOWS_RUN = re.compile(
    r"tensorflow|local_xla|local_tsl|stream_executor|cudart_stub|PhysicalDevice\("
    r"|No module named '?tensorflow"
)
"""A line TensorFlow's run wrote (its records, its device list, its import failing)."""


def without_other_hosts(text: str) -> str:
    """The text with other hosts' commands blanked, where the paste 'ssh'es between hosts and
    only one host's commands show TensorFlow's run."""
    if "ssh" not in text or not _SSH.search(text):
        return text
    prompts = list(_HOST_PROMPT.finditer(text))
    if len({_host(p) for p in prompts}) < 2:
        return text
    segments = [
        (_host(p), p.start(), nxt.start() if nxt is not None else len(text))
        for p, nxt in zip(prompts, [*prompts[1:], None], strict=True)
    ]
    ran = {host for host, start, end in segments if _TENSORFLOWS_RUN.search(text, start, end)}
    if len(ran) != 1:
        return text
    for host, start, end in reversed(segments):
        if host not in ran:
            text = text[:start] + re.sub(r"[^\n]+", "", text[start:end]) + text[end:]
    return text


def _host(prompt: re.Match[str]) -> str:
    return (prompt["host"] or prompt["rhel"]).lower()
