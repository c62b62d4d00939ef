"""What a paste shows of other machines than the one TensorFlow ran on, set apart.

A paste that runs TensorFlow on one host and then, after 'ssh' to another (or 'srun --pty' into
a job's node, or 'exit' back to the login node), runs nvidia-smi or TensorFlow there describes
two machines: the other host's driver, GPU or failure says nothing of the one
TensorFlow ran on (review 103: a login node's TensorFlow without a driver, beside a GPU node's
nvidia-smi listing an A100; a node's working GPU beside another node's failing nvidia-smi). The
shell's prompts name the host of every command ('user@node01:~$'). Where the paste moves between
hosts and only one host ran TensorFlow, the other hosts' commands and output are blanked, line
for line, so that line numbers stay the paste's. Pure: text in, text out.
"""

from __future__ import annotations

import re

from .logs import blanked

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
)
"""A line of TensorFlow's run (its records and its frames' paths, its device list): not pip's
rows, nor a script's source naming it (review 105: 'head train.py'), nor a Python without it
(a laptop's, before 'ssh' to the GPU node: review 104)."""
_MOVED = re.compile(r"(?:^|[$#>%][ \t]*)(?:ssh|srun|salloc|exit|logout)\b", re.MULTILINE)
"""A command that moves the shell to another machine: 'ssh', a job's shell ('srun --pty',
'salloc'), or back out of one."""


def without_other_hosts(text: str) -> str:
    """The text with other hosts' commands blanked, where the paste moves between hosts
    ('ssh', 'srun --pty', 'exit') and only one host's commands show TensorFlow's run."""
    if "@" not in text or not _MOVED.search(text):
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
    ran = {host for host, start, end in segments if _TENSORFLOWS_RUN.search(text, start, end)}
    if len(ran) != 1:
        # (TensorFlow run on several hosts: which one the paste asks about is no prompt's to
        # say - a GPU node's failure before a login node's re-check, a laptop's before the GPU
        # node's run - review 105; the readings of runs and commands weigh them)
        return text
    return blanked(text, [(start, end) for host, start, end in segments if host not in ran])


def _host(prompt: re.Match[str]) -> str:
    return (prompt["host"] or prompt["rhel"]).lower()
