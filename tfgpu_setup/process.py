"""The one place that starts subprocesses: argument lists, timeouts, decoded output."""

from __future__ import annotations

import logging
import os
import queue
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Literal

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
        first = next(
            (ln.strip() for ln in (self.stderr + "\n" + self.stdout).splitlines() if ln.strip()), ""
        )
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
        out, err = proc.communicate(
            stdin_text.encode() if stdin_text is not None else None, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return CommandResult(
            args,
            None,
            _decode(out),
            _decode(err),
            error="timeout",
            detail=f"{timeout:g} s",
            seconds=time.monotonic() - started,
        )
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return CommandResult(
        args, proc.returncode, _decode(out), _decode(err), seconds=time.monotonic() - started
    )


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def stream(
    argv: Sequence[str],
    *,
    timeout: float,
    on_line: Callable[[str], None],
    env: Mapping[str, str | None] | None = None,
    base_env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    pass_fds: Sequence[int] = (),
) -> CommandResult:
    """Like run, but stdout and stderr merged and fed line by line to on_line as they come.

    on_line runs in the calling thread, so an exception it raises (or Ctrl-C while waiting)
    kills the command's process group and propagates. The merged text is in `stdout`.
    `pass_fds` are inherited by the command (apply passes its lock's, so that the lock stays
    held while a command outlives a killed tfgpu-setup).
    """
    args = tuple(argv)
    log.debug("stream: %s", shlex.join(args))
    started = time.monotonic()
    try:
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=child_environment(env, base_env),
            cwd=cwd,
            start_new_session=True,
            pass_fds=tuple(pass_fds),
        )
    except FileNotFoundError:
        return CommandResult(args, None, error="not-found")
    except PermissionError:
        return CommandResult(args, None, error="permission")
    except OSError as exc:
        return CommandResult(args, None, error="os-error", detail=str(exc))
    assert proc.stdout is not None
    lines: queue.Queue[bytes | None] = queue.Queue()
    reader = threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True)
    reader.start()
    collected: list[str] = []
    deadline = started + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _kill_group(proc)
                proc.wait()
                return CommandResult(
                    args,
                    None,
                    "".join(collected),
                    error="timeout",
                    detail=f"{timeout:g} s",
                    seconds=time.monotonic() - started,
                )
            try:
                raw = lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if raw is None:
                break
            line = _decode(raw)
            collected.append(line)
            on_line(line.rstrip("\r\n"))
        proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return CommandResult(
        args, proc.returncode, "".join(collected), seconds=time.monotonic() - started
    )


def _pump(pipe: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    try:
        for raw in iter(pipe.readline, b""):
            lines.put(raw)
    finally:
        pipe.close()
        lines.put(None)


def passthrough(
    argv: Sequence[str], *, env: Mapping[str, str], timeout: float | None = None
) -> int:
    """Run argv on this terminal (stdin, stdout, stderr inherited) and return its exit status.

    For commands the user runs interactively (`tfgpu-setup run -- python train.py`): the
    timeout defaults to none because a training run may last days. Ctrl-C reaches the child
    through the terminal's process group; we wait for it rather than die first. A child killed
    by a signal gives 128 + the signal's number, as shells report it.
    """
    args = tuple(argv)
    log.debug("passthrough: %s", shlex.join(args))
    proc = subprocess.Popen(args, env=dict(env))  # OSError (not found, ...) goes to the caller
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    finally:
        if in_main_thread:
            signal.signal(signal.SIGINT, previous)
    return 128 - code if code < 0 else code
