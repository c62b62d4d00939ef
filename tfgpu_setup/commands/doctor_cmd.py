"""tfgpu-setup doctor: the verdict first, then the findings that explain it."""

from __future__ import annotations

import codecs
import getpass
import io
import os
import socket
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from packaging.version import InvalidVersion

from ..diagnose import logs
from ..diagnose.doctor import diagnose
from ..diagnose.report import Redaction, render_report
from ..errors import ExitCode, UserError
from ..facts import Facts
from ..factsource import FactsInput, gather_facts
from ..matrix.load import matrix_in_use
from ..matrix.model import Matrix
from ..planner.judge import installed_release
from ..results import DoctorResult
from ..venvtarget import resolve_venv
from ..verify.outcome import VerifyOutcome
from ..verifying import run_verify
from ..versions import parsed


@dataclass(frozen=True)
class DoctorOptions:
    facts: FactsInput
    venv: str | None = None
    log: str | None = None
    report: str | None = None
    redact: bool = True
    verify: bool = True
    tf: str | None = None
    """The TensorFlow release that produced the log, or that is installed (doctor --tf)."""


BINARY_SNIFF_BYTES = 8192
"""How much of a log is looked at to tell a binary file (NUL bytes) from text."""


def read_log(path: str) -> str:
    """The whole log, streamed: only the lines a signature could match are kept."""
    try:
        if path == "-":
            binary = getattr(sys.stdin, "buffer", None)  # None when stdin was replaced by text
            return logs.read_log(binary if binary is not None else _TextAsBytes(sys.stdin))
        with open(path, "rb") as fh:
            head = fh.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                # PowerShell's '>' writes UTF-16: read it as the text it is.
                text = io.TextIOWrapper(fh, encoding="utf-16", errors="replace")
                return logs.read_log(_TextAsBytes(text))
            if b"\0" in head:
                raise UserError(
                    f"--log {path}: a binary file (NUL bytes in its first "
                    f"{len(head)} bytes), not a log; pass the text TensorFlow printed, e.g. "
                    "'python train.py 2>&1 | tee run.log'",
                    ExitCode.INPUT,
                )
            return logs.read_log(fh)
    except OSError as exc:
        raise UserError(f"--log {path}: cannot read it ({exc.strerror})", ExitCode.INPUT) from None


class _TextAsBytes:
    """A text stream read the way read_log reads bytes, a bounded line at a time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self, limit: int = -1, /) -> bytes:
        return self.stream.readline(limit).encode("utf-8", errors="replace")


LAST_MINOR_BEFORE_2 = {0: 12, 1: 15}
"""The last series of each major before 2.0 (0.12, 1.15): the matrix starts later."""


def check_release(matrix: Matrix, tf: str) -> None:
    """--tf names a release that exists: one of the matrix's (a series or any patch of one), a
    1.x or older the doctor judges by its build, a pre-release or nightly, or a local build
    ('+nv24.03'). Any other one (2.99, 9.9) is refused, as plan refuses it."""
    try:
        version = parsed(tf)
    except InvalidVersion:
        return  # (the flag's own check words a malformed value)
    if version.is_prerelease or version.local is not None:
        return
    if version.major < 2 and version.minor <= LAST_MINOR_BEFORE_2.get(version.major, -1):
        return
    if installed_release(matrix, tf) is not None:
        return
    newest = ", ".join(r.version for r in matrix.tensorflow.releases[:3])
    raise UserError(
        f"--tf {tf!r} matches no TensorFlow release in the matrix (newest: {newest}, ...); if"
        " it is newer than the matrix, run 'tfgpu-setup matrix refresh' first",
        ExitCode.INPUT,
    )


def run(opts: DoctorOptions, environ: Mapping[str, str]) -> DoctorResult:
    matrix = matrix_in_use()
    if opts.tf:
        check_release(matrix, opts.tf)
    log = read_log(opts.log) if opts.log else None
    venv = resolve_venv(opts.venv, environ)
    facts_input = opts.facts
    stated = facts_input.facts_file or any(
        v not in (None, (), {}) for v in facts_input.flags.values()
    )
    if log is not None and not log.strip() and not stated:
        # (with facts stated, those are judged: the empty log only adds nothing)
        raise UserError(
            f"--log {opts.log}: empty, nothing to read; TensorFlow writes its log to stderr, so"
            " capture both: 'python train.py 2>&1 | tee run.log'",
            ExitCode.INPUT,
        )
    given_facts = stated or facts_input.no_probe
    facts: Facts | None = None
    if log is None or given_facts:
        if log is not None and not facts_input.facts_file:
            # A pasted log comes from another machine: never mix in this machine's facts.
            facts_input = FactsInput(no_probe=True, flags=facts_input.flags)
        target = facts_input.target_env or (str(venv) if venv.exists() else None)
        facts = gather_facts(
            FactsInput(
                facts_input.no_probe,
                facts_input.facts_file,
                target,
                facts_input.flags,
                unknown_gpu_names_allowed=True,
            ),
            matrix,
            environ,
        )
    verify: VerifyOutcome | None = None
    if log is None and opts.verify and not facts_input.no_probe and not facts_input.facts_file:
        verify = run_verify(str(venv), environ)
        if verify.status == "no-env":
            verify = None
    diagnosis = diagnose(matrix, facts, str(venv), verify, log, opts.tf)
    if log is not None and diagnosis.facts is not None:
        facts = diagnosis.facts  # what was judged: the log's facts filled in, with their sources
    if opts.report:
        redaction = (
            Redaction(
                str(Path.home()),
                _user(),
                socket.gethostname(),
                tuple(n for n in (environ.get("USER"), environ.get("LOGNAME")) if n),
            )
            if opts.redact
            else None
        )
        text = render_report(diagnosis, facts, verify, redaction)
        Path(opts.report).write_text(text, encoding="utf-8")
    return DoctorResult(diagnosis, verify, facts, opts.report)


def _user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER")
