"""Download one document over HTTPS, with timeouts and a size limit, or fail with a typed error."""

from __future__ import annotations

import os
import time
from collections.abc import Collection
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

from tfgpu_setup.errors import ExitCode, UserError

DEFAULT_TIMEOUT = (5.0, 20.0)
"""Seconds to connect, and seconds to wait for each read from the socket."""
DEFAULT_TOTAL_TIMEOUT = 120.0
"""Seconds for the whole download: a server trickling bytes cannot hold us forever."""
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Larger than any page we read (the PyPI project document for tensorflow is about 1.6 MB)."""
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(UserError):
    """A download failed: the message names the URL and the reason."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot download {url}: {reason}", ExitCode.NETWORK)
        self.url = url
        self.reason = reason


def fetch(
    url: str,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    accept: Collection[str] = (),
    session: requests.Session | None = None,
    verify: str | os.PathLike[str] | None = None,
) -> bytes:
    """GET `url` and return the body of its 200 response.

    Only https:// is allowed, for the URL and for every redirect (followed here, one hop at a
    time, so that a hop to http:// is refused before anything is sent there). `accept` lists
    the media types allowed in Content-Type (empty: any). `verify` is a CA bundle to trust
    instead of the system's; certificate checks cannot be turned off.
    """
    own_session = session is None
    http = session if session is not None else requests.Session()
    try:
        return _fetch(
            http, url, timeout, total_timeout, max_bytes, accept, True if verify is None else verify
        )
    finally:
        if own_session:
            http.close()


def _fetch(
    http: requests.Session,
    url: str,
    timeout: tuple[float, float],
    total_timeout: float,
    max_bytes: int,
    accept: Collection[str],
    verify: bool | str | os.PathLike[str],
) -> bytes:
    deadline = time.monotonic() + total_timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        _require_https(url, current)
        try:
            with http.get(
                current,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
                verify=os.fspath(verify) if not isinstance(verify, bool) else verify,
                headers={"Accept": ", ".join(accept) or "*/*"},
            ) as response:
                if response.is_redirect:
                    current = urljoin(current, response.headers["location"])
                    continue
                _check_response(url, current, response, accept, max_bytes)
                return _read_limited(url, response, max_bytes, deadline)
        except requests.Timeout as exc:
            raise FetchError(url, f"timed out ({_limits(timeout)}): {exc}") from exc
        except requests.exceptions.SSLError as exc:
            raise FetchError(url, f"TLS error: {exc}") from exc
        except requests.ConnectionError as exc:
            # requests re-raises a read timeout during streaming as ConnectionError.
            if exc.args and isinstance(exc.args[0], urllib3.exceptions.ReadTimeoutError):
                raise FetchError(url, f"timed out ({_limits(timeout)}): {exc}") from exc
            raise FetchError(url, f"network error: {_root_cause(exc)}") from exc
        except requests.RequestException as exc:
            raise FetchError(url, f"request failed: {exc}") from exc
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects (last: {current})")


def _require_https(url: str, current: str) -> None:
    scheme = urlsplit(current).scheme.lower()
    if scheme != "https":
        if current == url:
            raise FetchError(url, "only https:// URLs are allowed")
        raise FetchError(url, f"redirected to a non-HTTPS URL ({current}); refused")


def _check_response(
    url: str,
    current: str,
    response: requests.Response,
    accept: Collection[str],
    max_bytes: int,
) -> None:
    where = "" if current == url else f" (after redirect to {current})"
    if response.status_code != 200:
        raise FetchError(
            url, f"HTTP {response.status_code} {response.reason or ''}".rstrip() + where
        )
    if accept:
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in {a.lower() for a in accept}:
            raise FetchError(
                url,
                f"unexpected Content-Type {media_type or '(none)'!r}{where};"
                f" expected {' or '.join(sorted(accept))}",
            )
    announced = response.headers.get("content-length")
    if announced is not None and announced.strip().isdigit() and int(announced) > max_bytes:
        raise FetchError(
            url, f"response announces {int(announced)} bytes, over the {max_bytes} limit"
        )


def _read_limited(url: str, response: requests.Response, max_bytes: int, deadline: float) -> bytes:
    body = bytearray()
    for chunk in response.iter_content(chunk_size=_CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(url, f"response is larger than the {max_bytes} byte limit")
        if time.monotonic() > deadline:
            raise FetchError(url, "download took longer than the total time limit")
    return bytes(body)


def _root_cause(exc: requests.RequestException) -> str:
    """urllib3's retry wrapper says little; the reason inside it names host and failure."""
    inner = exc.args[0] if exc.args else None
    if isinstance(inner, urllib3.exceptions.MaxRetryError) and inner.reason is not None:
        return str(inner.reason)
    return str(exc)


def _limits(timeout: tuple[float, float]) -> str:
    return f"connect {timeout[0]:g}s, read {timeout[1]:g}s"
