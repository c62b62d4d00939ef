"""The one place that starts subprocesses: argument lists, a timeout, decoded output, typed failures."""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

log = logging.getLogger(__name__)

RunError = Literal["not-found", "permission", "timeout", "os-error"]


@dataclass(frozen=True)
class CommandResult:
    argv: tuple[str, ...]
    returncode: int | None
    stdout: str = ""
    stderr: str = ""
    error: RunError | None = None
    """Why the command produced no exit status; None when it ran to completion."""
    detail: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.returncode == 0

    def describe_failure(self) -> str:
        name = os.path.basename(self.argv[0]) if self.argv else "command"
        if self.error == "not-found":
            return f"{name}: not found"
        if self.error == "permission":
            return f"{name}: permission denied"
        if self.error == "timeout":
            return f"{name}: no answer within {self.detail}"
        if self.error == "os-error":
            return f"{name}: {self.detail}"
        first = next((ln.strip() for ln in (self.stderr + "\n" + self.stdout).splitlines()
                      if ln.strip()), "")
        return f"{name}: exit status {self.returncode}" + (f": {first}" if first else "")


def child_environment(
    overrides: Mapping[str, str | None] | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The child's environment: `base` (default os.environ) with overrides; None deletes."""
    env = dict(os.environ if base is None else base)
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(
    argv: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str | None] | None = None,
    base_env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    stdin_text: str | None = None,
) -> CommandResult:
    """Run argv to completion or until timeout; never raises for a missing or hung program."""
    args = tuple(argv)
    log.debug("run: %s", shlex.join(args))
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_environment(env, base_env),
            cwd=cwd,
            start_new_session=True,
        )
    except FileNotFoundError:
        return CommandResult(args, None, error="not-found")
    except PermissionError:
        return CommandResult(args, None, error="permission")
    except OSError as exc:
        return CommandResult(args, None, error="os-error", detail=str(exc))
    try:
        out, err = proc.communicate(stdin_text.encode() if stdin_text is not None else None,
                                    timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return CommandResult(
            args, None, _decode(out), _decode(err), error="timeout", detail=f"{timeout:g} s",
            seconds=time.monotonic() - started,
        )
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return CommandResult(args, proc.returncode, _decode(out), _decode(err),
                         seconds=time.monotonic() - started)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")
