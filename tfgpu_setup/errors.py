"""Exit codes and the one exception type that users see."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Public exit codes: documented in the README and never renumbered."""

    OK = 0
    """Success; for plan/verify/doctor: the GPU is (or will be) used by TensorFlow."""
    FAILURE = 1
    """An unexpected internal error (a bug): the traceback is kept with --traceback."""
    USAGE = 2
    """Bad command line: an unknown flag or a malformed value."""
    INPUT = 3
    """Bad input data: a facts or plan file that cannot be read, an unknown GPU name, ..."""
    CPU_ONLY = 10
    """plan: only a CPU setup is possible here; verify/doctor: TensorFlow runs, but on the CPU
    (doctor: also GPU use not shown, as by a log that cannot tell)."""
    NO_TENSORFLOW = 11
    """plan: no TensorFlow can be installed here as asked."""
    TF_BROKEN = 12
    """verify/doctor: TensorFlow fails to import or crashes in the target environment (doctor:
    also a GPU device created whose work the setup then failed)."""
    NO_TARGET_ENV = 13
    """verify/run/kernel: the target environment does not exist or is not a virtualenv."""
    NOT_CONFIRMED = 20
    """apply: the plan was shown but not confirmed (no terminal and no --yes, or answered no)."""
    APPLY_FAILED = 21
    """apply: a step failed; the previous environment was left as it was."""
    LOCKED = 22
    """apply/rollback: another apply holds the lock on this environment."""
    MATRIX = 30
    """matrix: the matrix is invalid, or a refresh failed (the previous matrix is kept)."""
    NETWORK = 31
    """matrix refresh: a network error, a non-HTTPS URL, or an oversized response."""
    INTERRUPTED = 130
    """Interrupted by Ctrl-C."""


class UserError(Exception):
    """An error the user can fix: one line naming the thing and the fix, and its exit code."""

    def __init__(self, message: str, code: ExitCode = ExitCode.INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class RequestError(UserError):
    """The planner cannot do what one setting of its request asks. It names the setting, not a
    flag: the layer that built the request from flags words it as the user typed it."""

    def __init__(self, setting: str, detail: str, code: ExitCode = ExitCode.INPUT) -> None:
        super().__init__(f"{setting} {detail}", code)
        self.setting = setting
        self.detail = detail
