"""What a paste shows of other machines than the one TensorFlow ran on, set apart.

A paste that runs TensorFlow on one host and then, after 'ssh' to another (or 'srun --pty' into
a job's node, or 'exit' back to the login node), runs nvidia-smi or TensorFlow there describes
two machines: the other host's driver, GPU or failure says nothing of the one
TensorFlow ran on (review 103: a login node's TensorFlow without a driver, beside a GPU node's
nvidia-smi listing an A100; a node's working GPU beside another node's failing nvidia-smi). The
shell's prompts name the host of every command ('user@node01:~$'). The host of the paste's last
TensorFlow run is the one asked about: the other hosts' commands and output are blanked, line
for line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

import re

from .older_files import blanked

_CONTAINER_ID = re.compile(r"[0-9a-f]{12}(?:[0-9a-f]{52})?")
"""The hostname Docker gives a container: its id's first 12 hex digits."""
_HOST_PROMPT = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[\w.-]{1,64}@(?P<host>[\w.-]{1,64}):[^\n]{0,200}?[$#]"
    r"|\[[\w.-]{1,64}@(?P<rhel>[\w.-]{1,64})[ \t][^\n\]]{0,200}\][$#])(?:[ \t]|$)",
    re.MULTILINE,
)
"""A bash prompt that names its host: Debian's 'user@host:dir$', Red Hat's '[user@host dir]$'."""
_TENSORFLOWS_RUN = re.compile(
    r"\btensorflow/|local_xla|local_tsl|stream_executor|cudart_stub|PhysicalDevice\("
    r"|No module named '?tensorflow|\bimport tensorflow\b"
)
"""A line of TensorFlow's run (its records and its frames' paths, its device list, its import
typed or failing): not pip's rows or a requirements file naming it."""


def without_other_hosts(text: str) -> str:
    """The text with other hosts' commands blanked than the host of the last command that shows
    TensorFlow's run, where the prompts name more than one host."""
    if "@" not in text:
        return text
    # (a container's prompt, named by its id, is one more shell of the host's story: its
    # lines stay with the host's prompt before it, whose nvidia-smi says what it passed in)
    prompts = [p for p in _HOST_PROMPT.finditer(text) if not _CONTAINER_ID.fullmatch(_host(p))]
    if len({_host(p) for p in prompts}) < 2:
        return text
    segments = [
        (_host(p), p.start(), nxt.start() if nxt is not None else len(text))
        for p, nxt in zip(prompts, [*prompts[1:], None], strict=True)
    ]
    ran = [host for host, start, end in segments if _TENSORFLOWS_RUN.search(text, start, end)]
    if not ran:
        return text
    # (TensorFlow run on several hosts: the paste ends on the last one's run, the state asked
    # about, as a paste moves to the machine that has the GPU: review 104)
    kept = ran[-1]
    return blanked(text, [(start, end) for host, start, end in segments if host != kept])


def _host(prompt: re.Match[str]) -> str:
    return (prompt["host"] or prompt["rhel"]).lower()
