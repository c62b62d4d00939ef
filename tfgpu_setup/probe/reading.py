"""Host reads for probes: every failure becomes a reason string instead of an exception."""

from __future__ import annotations

from ..host import Host


def describe_os_error(exc: OSError | ValueError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def read_text(host: Host, path: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it could not be read)."""
    try:
        return host.read_text(path), None
    except (OSError, ValueError) as exc:
        return None, describe_os_error(exc)


def read_text_or_none(host: Host, path: str) -> str | None:
    return read_text(host, path)[0]


def exists(host: Host, path: str) -> bool:
    try:
        return host.exists(path)
    except (OSError, ValueError):
        return False


def is_dir(host: Host, path: str) -> bool:
    try:
        return host.is_dir(path)
    except (OSError, ValueError):
        return False


def listdir(host: Host, path: str) -> list[str]:
    try:
        return host.listdir(path)
    except (OSError, ValueError):
        return []


def glob(host: Host, pattern: str) -> list[str]:
    try:
        return host.glob(pattern)
    except (OSError, ValueError):
        return []


def is_linux(host: Host) -> bool:
    return str(host.system().get("sys_platform", "")).startswith("linux")


def realpath(host: Host, path: str) -> str:
    try:
        return host.realpath(path)
    except (OSError, ValueError):
        return path
