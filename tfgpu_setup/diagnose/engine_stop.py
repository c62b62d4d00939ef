"""A container's exit status 137 after the engine was asked to stop it.

Docker (and Compose) stop a container with SIGTERM, then SIGKILL when it has not ended within
the stop timeout (10 s): the status is 137, the same as the kernel's out-of-memory killer's. A
paste that shows the stop asked for before the status ('Gracefully stopping', Compose's
'Container ... Stopped', 'docker stop') is that timeout, not the host's memory (review 89).
Pure: matches and text in, matches out.
"""

from __future__ import annotations

import re

from .logs import LogMatch, line_start

HOST_OOM_KILLED = "host-oom-killed"
_EXIT_137 = re.compile(r"\bexited with code 137\b|\bExited \(137\)")
_STOP_ASKED = re.compile(
    r"^[^\n]{0,20}Gracefully stopping\b|^[ \t]*(?:\[\+\] )?Stopping \d{1,4}/\d{1,4}\b"
    r"|^[^\n]{0,20}Container \S{1,200}[ \t]+Stopp(?:ing|ed)\b|^[^\n]{0,80}?\bdocker(?:-compose|"
    r" compose)? (?:stop|down|kill)\b",
    re.MULTILINE,
)


def without_kill_after_a_stop(matches: tuple[LogMatch, ...], text: str) -> tuple[LogMatch, ...]:
    """The matches, less an engine's exit status 137 that follows a stop the paste shows."""
    if not any(m.signature.name == HOST_OOM_KILLED for m in matches):
        return matches

    def after_a_stop(match: LogMatch) -> bool:
        return bool(_EXIT_137.search(match.line)) and (
            _STOP_ASKED.search(text, 0, line_start(text, match.line_number)) is not None
        )

    return tuple(
        m for m in matches if not (m.signature.name == HOST_OOM_KILLED and after_a_stop(m))
    )
