"""CUDA_VISIBLE_DEVICES as the log shows it changing: a setting that hid the GPUs and that the
same paste then undoes (unset, set to GPUs, or echoed again with GPUs) is not why what follows
failed, unless TensorFlow then still lists no GPU for no reason of its own; a run after one that
used the GPU, whose own command hid the GPUs, asked for none. Pure: matches and text in, matches
out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding, Severity
from .logs import LogMatch, line_start
from .signatures.model import CUDA_ENV_VARS_URL, DRIVER_ROOTS
from .sources import quoted

VALUE_READINGS = frozenset(
    {
        "cuda-visible-devices-set-empty",
        "cuda-visible-devices-exported-empty",
        "cuda-visible-devices-echoed",
    }
)
"""The signatures that read the variable's value (TensorFlow's own cuInit record is evidence of
what the process saw, whatever the paste set later)."""
_SHELL = (
    r"^[ \t]*(?:\([\w.-]{1,60}\)[ \t]?)?"
    # (zsh's 'me@box ~/proj %' too)
    r"(?:[\w.-]{1,60}@[\w.-]{1,80}(?:[: ][^\n$#%]{0,200})?[$#%][ \t]"
    r"|\[[\w.-]{1,60}@[\w.-]{1,80}[^\]\n]{0,100}\][$#][ \t]|[$%>][ \t]"
    r"|PS [^\n>]{1,200}>[ \t]?|[A-Za-z]:\\[^\n>]{0,200}>)?"
)
_PYTHON = r"^[ \t]*(?:>>> |In \[\d{1,4}\]: |\.\.\.: )?"
"""A line's start as a shell's command (bash's, a conda environment's, RHEL's '[me@node ~]$',
cmd's, PowerShell's) or a Python statement, at a prompt or bare: not a comment ('# export
...'), not a grep hit ('file.py:12:')."""
_GPUS = r"(?=[ \t]*['\"]?(?:\d|GPU-|MIG-))"
_SHOWN_AGAIN = re.compile(
    # (a shell's 'exit' ends what it exported: the next prompt is another shell's)
    _SHELL + r"(?:unset[ \t]+CUDA_VISIBLE_DEVICES\b|exit[ \t]*\r?$"
    # PowerShell's and cmd's ways to remove it (cmd's 'set X=' with nothing after removes X)
    r"|Remove-Item[ \t]+(?:-Path[ \t]+)?Env:\\?CUDA_VISIBLE_DEVICES\b"
    r"|\$env:CUDA_VISIBLE_DEVICES[ \t]*=[ \t]*\$null\b|set[ \t]+CUDA_VISIBLE_DEVICES=[ \t]*\r?$"
    r"|(?:export[ \t]+|set[ \t]+)?CUDA_VISIBLE_DEVICES="
    + _GPUS
    + r"|\$env:CUDA_VISIBLE_DEVICES[ \t]*="
    + _GPUS
    + ")|"
    + _PYTHON
    + r"(?:del[ \t]+os\.environ\[['\"]CUDA_VISIBLE_DEVICES"
    r"|os\.environ\.pop\(['\"]CUDA_VISIBLE_DEVICES"
    r"|(?:%env[ \t]+|os\.environ\[['\"])CUDA_VISIBLE_DEVICES(?:['\"]\])?[ \t]*=" + _GPUS + ")"
    # asked for and answered with GPUs on the next line
    r"|^[ \t]*(?!#)[^\n#]{0,60}CUDA_VISIBLE_DEVICES\b[^\n,]{0,40}\r?\n[ \t>]*"
    r"(?:Out\[\d{1,4}\]:[ \t]*)?['\"]?(?:\d{1,2}(?:,\d{1,2}){0,15}|(?:GPU|MIG)-[\w/-]{1,80})['\"]?"
    r"[ \t]*\r?$",
    re.MULTILINE,
)
_NO_GPU_LISTED = re.compile(
    r"^[ \t]*(?:Out\[\d{1,4}\]:[ \t]*)?\[\][ \t]*\r?$|Num GPUs Available:?[ \t]*0\b"
    r"|is_gpu_available\(\)\)?[ \t]*\r?\n[ \t]*(?:Out\[\d{1,4}\]:[ \t]*)?False\b",
    re.MULTILINE,
)
"""TensorFlow listing no GPU: after the undoing line, the setting may still be in force (set
again in the script, or changed in a notebook after TensorFlow had started)."""
_GPU_LIBRARIES_FAILED = re.compile(r"Cannot dlopen some GPU libraries|Skipping registering GPU")
"""TensorFlow's own word that it saw a GPU and left it out for its libraries: the GPU was
visible, and an empty GPU list is the libraries', not the variable's."""


HIDES_GPUS = "cuda-visible-devices-hides-gpus"
RAY_WITHOUT_GPUS = "ray-trials-without-gpus"
_RAY_GPUS_HELD = re.compile(
    r"(?:Resources requested|Logical resource usage): [\d.]{1,10}/[\d.]{1,10} CPUs,"
    r" (?!0(?:\.0)?/)[\d.]{1,10}/\d{1,4}(?:\.0)? GPUs"
)
"""Ray's status with GPUs in use: the trials were given GPUs after all (a rerun that asked)."""


def without_hiding_undone_later(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less each setting hiding the GPUs that a later command of the paste undoes,
    unless TensorFlow then lists no GPU without saying it saw one; and less Ray's status of
    trials without GPUs where a later status shows GPUs in use."""
    matches = tuple(
        m
        for m in matches
        if m.signature.name != RAY_WITHOUT_GPUS
        or not _RAY_GPUS_HELD.search(text, line_start(text, m.line_number + 1))
    )
    hiding = [m for m in matches if m.signature.name in VALUE_READINGS]
    if not hiding:
        return matches
    undone = set()
    for m in hiding:
        again = _SHOWN_AGAIN.search(text, line_start(text, m.line_number + 1))
        if again is None:
            continue
        still = _NO_GPU_LISTED.search(text, again.end())
        if still is None or _GPU_LIBRARIES_FAILED.search(text, again.end()):
            undone.add(id(m))
    return tuple(m for m in matches if id(m) not in undone)


def visible_devices_set(facts: Facts) -> bool:
    """CUDA_VISIBLE_DEVICES stated (--env) or probed set: the environment as a whole stays
    unknown when some variables are stated, so the variable's value is the evidence."""
    return facts.env.get("CUDA_VISIBLE_DEVICES") is not None


_HID_FOR_ITS_RUN = re.compile(
    _SHELL + r"(?:env[ \t]+)?(?:(?P<export>export|set)[ \t]+)?CUDA_VISIBLE_DEVICES="
    r"(?:-1|(?P<q>['\"])(?:-1)?(?P=q))?(?:(?P<command>[ \t]+[^\s#][^\n]*)|[ \t]*\r?$)"
    r"|^[ \t]*(?:\([\w.-]{1,60}\)[ \t]?)?(?:PS [^\n>]{1,200}>[ \t]?)?"
    r"\$env:CUDA_VISIBLE_DEVICES[ \t]*=[ \t]*"
    r"['\"](?:-1)?['\"][ \t]*\r?$",
    re.MULTILINE,
)
"""A command that hides every GPU from its own run ('CUDA_VISIBLE_DEVICES=-1 python x.py', or
an empty value), or from the commands after it ('export' or 'set' of it, PowerShell's $env:)."""
_HID_BY_A_LAUNCHER = re.compile(
    # a launcher's own option that sets it for the one process it starts: Slurm's
    # '--export=ALL,CUDA_VISIBLE_DEVICES=-1', docker's '-e'/'--env' (review 101)
    _SHELL + r"(?:sudo[ \t]+)?(?:srun|sbatch|salloc|docker[ \t]+run|podman[ \t]+run|mpirun)\b"
    r"[^\n]{0,300}?(?:--export=[^\s]{0,200}?|-e[ \t]+|--env[ \t=])CUDA_VISIBLE_DEVICES="
    r"(?:-1|''|\"\")(?=[\s,])(?P<command>[^\n]*)",
    re.MULTILINE,
)
_NEXT_COMMAND = re.compile(
    r"^[ \t]*(?:\([\w.-]{1,60}\) ?)?(?:[\w.-]{1,64}@[\w.-]{1,64}[: ][^\n]{0,200}?[$#%]|[$%#]"
    r"|\[[\w.-]{1,60}@[\w.-]{1,80}[^\]\n]{0,100}\][$#]"
    r"|PS [A-Za-z]:\\[^\n>]{0,200}>|[A-Za-z]:\\[^\n>]{0,200}>)[ \t]*\S"
    # a command pasted without its prompt (review 98): the interpreter run bare, or run by
    # nohup, time, srun, sudo (review 99)
    r"|^(?:(?:nohup|time|srun|sudo)[ \t]+)?(?:python[\d.]{0,5}|py|ipython|jupyter|bash|sh|\./)"
    r"[\w.]{0,5}[ \t]+\S",
    re.MULTILINE,
)


def hidden_on_purpose(text: str, matches: Sequence[LogMatch]) -> list[tuple[int, int, str]]:
    """The runs whose own command hid every GPU, where the paste shows what that setting left
    alone: (first line, last line, the command). Either after a run that showed a GPU (a
    CPU-only export or evaluation beside the training that used it), or a setting whose reach
    ended (a prefix on one command, 'CUDA_VISIBLE_DEVICES=-1 python eval.py'; an export undone
    or its shell exited) with TensorFlow's lines of a later run below it, which the setting never
    reached (the later run is the one that says why it has no GPU). What
    the hidden run prints about a missing GPU is the setting doing its job. A prefix holds for
    its command; an 'export' until the paste shows the GPUs again. A run that shows a GPU anyway
    is no such run."""
    shown = sorted(m.line_number for m in matches if m.signature.proves_gpu)
    logged = sorted(m.line_number for m in matches)
    runs = []
    hidings = [*_HID_FOR_ITS_RUN.finditer(text), *_HID_BY_A_LAUNCHER.finditer(text)]
    for hid in sorted(hidings, key=lambda m: m.start()):
        first = text.count("\n", 0, hid.start()) + 1
        ends = (_NEXT_COMMAND if hid.group("command") else _SHOWN_AGAIN).search(
            text, line_start(text, first + 1)
        )
        last = text.count("\n", 0, ends.start()) if ends else text.count("\n") + 1
        if any(first < line <= last for line in shown):
            continue
        after_a_gpu = bool(shown) and first > shown[0]
        # (the prefix's own line excluded: the next command must run TensorFlow itself)
        runs_on = ends is not None and any(line > last + 1 for line in logged)
        if after_a_gpu or runs_on:
            runs.append((first, last, " ".join(hid.group(0).split())[:160]))
    # (where the paste shows no setting hiding the GPUs: one it shows is read above, and a run
    # it did not cover that still finds no device is the question: review 97)
    return runs if hidings else _found_no_device_later(text, matches, shown)


_CI_STEP = re.compile(r"^(?:Run|##\[group\]Run) \S", re.MULTILINE)
"""A CI runner's step header (GitHub Actions' 'Run python -m pytest'): a new command."""


def _found_no_device_later(
    text: str, matches: Sequence[LogMatch], shown: list[int]
) -> list[tuple[int, int, str]]:
    """The later runs, after one that used the GPU, whose only word is that CUDA found no
    device: the same machine had one, so the later command was kept off it (a CPU-only test
    step, review 102), whatever setting did it."""
    later = [
        m.line_number
        for m in matches
        if shown and m.signature.name == "cuinit-no-device" and m.line_number > shown[-1]
    ]
    if not later:
        return []
    start = line_start(text, shown[-1] + 1)
    # (each command once, in order: (line, its words))
    commands = sorted(
        (text.count("\n", 0, c.start()) + 1, " ".join(c.group(0).split())[:160])
        for c in (*_NEXT_COMMAND.finditer(text, start), *_CI_STEP.finditer(text, start))
    )
    lines = [line for line, _ in commands]
    runs = []
    for failed in later:
        i = bisect.bisect_left(lines, failed) - 1
        if i >= 0:
            runs.append((commands[i][0], failed, commands[i][1]))
    return runs


def without_runs_hidden_on_purpose(
    matches: tuple[LogMatch, ...], text: str
) -> tuple[tuple[LogMatch, ...], Finding | None]:
    """The matches, less what runs hidden on purpose print about a missing GPU; and a note
    naming those runs (None where there are none)."""
    runs = hidden_on_purpose(text, matches)
    if not runs:
        return matches, None
    kept = tuple(
        m
        for m in matches
        if not (
            (
                m.signature.finding_id in DRIVER_ROOTS
                or m.signature.needs_no_gpu
                or m.signature.finding_id == HIDES_GPUS
            )
            and any(first <= m.line_number <= last for first, last, _ in runs)
        )
    )
    note = Finding(
        HIDES_GPUS,
        Severity.INFO,
        "A command hid the GPUs from its own run only: that run used the CPU, as it asked; the"
        " other runs in the log were not hidden",
        tuple(f"line {first}: {quoted(command)}" for first, _, command in runs),
        "Nothing to do for the runs that used the GPU; drop the CUDA_VISIBLE_DEVICES setting from"
        " that command if it should use the GPU too.",
        CUDA_ENV_VARS_URL,
    )
    return kept, note
