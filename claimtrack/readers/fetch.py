"""Fetching a web page named by an ``http(s)://`` argument.

Standard library only (urllib): one GET with a timeout, a size limit, and
every failure turned into a one-line ``InputError`` ("URL: cannot fetch
(HTTP 404 Not Found)"). The bytes are returned undecoded, with the charset
the server declared, so that a page gets the same decoding and binary checks
as a file.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from .. import __version__
from ..errors import InputError

__all__ = ["Fetched", "fetch_url", "is_url", "publisher_host", "site_host", "url_doc_id"]

# What names a web page on the command line: its scheme. A malformed URL after it ("https://exa mple.com/story",
# "http://[::1") is still one, and is told so, rather than looked for as a file.
_URL_RE = re.compile(r"^https?://", re.IGNORECASE)
_ID_UNSAFE = re.compile(r"[^\w.-]+")
USER_AGENT = f"claimtrack/{__version__} (+claim extraction; one request per page)"


def is_url(path: str) -> bool:
    """Whether a command-line input names a web page rather than a file."""
    return _URL_RE.match(path) is not None


def url_doc_id(url: str) -> str:
    """A document id for a page: its last path segment without suffix, else its host.

    ``https://example.org/world/eu-sanctions.html`` gives ``eu-sanctions``.
    """
    parts = urlsplit(url)
    segment = PurePosixPath(unquote(parts.path)).stem
    return _ID_UNSAFE.sub("-", segment or parts.hostname or "page").strip("-") or "page"


def site_host(url: str) -> str | None:
    """The site a web address is on, as its host without "www." ("https://www.example.org/a" gives "example.org"):
    what trafilatura names a page's publisher by when the page names none. None for an address without a host."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # an unclosed "[" of an IPv6 address
        return None
    return host.removeprefix("www.") if host and url.strip().lower().startswith(("http://", "https://")) else None


def publisher_host(url: str) -> str | None:
    """The site a page that names none is published by: its address's :func:`site_host`, except a host that names
    no one, "localhost" or an IP address ("127.0.0.1", "[::1]", "192.0.2.7"), a page served from a test or a
    machine of one's own. None then, as for an address without a host."""
    host = site_host(url)
    if host is None or host == "localhost" or host.endswith(".localhost"):
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return None


# The whole page must have come within this long: a server that trickles a byte at a time never trips the timeout
# on each read, and held a run (deaf to Ctrl-C) for as long as it trickled.
PAGE_SECONDS = 120.0


class Fetched(NamedTuple):
    """A page as it came: its bytes undecoded, what its Content-Type says of them, and where it came from."""

    data: bytes
    charset: str | None  # as the Content-Type declares it, else None
    media_type: str  # "text/html"
    url: str  # where the redirects, if any, ended: the page's own site when a shortened link was fetched


def fetch_url(
    url: str, *, max_bytes: int, timeout: float, stop: threading.Event | None = None, page_seconds: float = PAGE_SECONDS
) -> Fetched:
    """The body of ``url``, the charset its Content-Type declares (or None), its media type ("text/html"), and the
    address it came from after the redirects urllib follows.

    Raises ``InputError`` when the server cannot be reached, answers with an
    HTTP error, is slower than ``timeout`` seconds to answer or between two
    reads, has not sent the whole page within ``page_seconds``, or sends more
    than ``max_bytes`` bytes; and when ``stop`` is set (a signal's handler
    sets it) before the page has come.
    """
    _check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = _read_body(response, url, max_bytes + 1, page_seconds, stop)
            data = _decoded(data, response.headers.get("Content-Encoding", ""), url, max_bytes + 1)
            charset, media_type, landed = _charset(response.headers), response.headers.get_content_type(), response.url
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch (HTTP {exc.code} {exc.reason})") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise InputError(f"{url}: cannot fetch (no answer within {timeout:g} s)") from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed URL or response
        raise InputError(f"{url}: cannot fetch ({_reason(exc)})") from None
    if len(data) > max_bytes:
        raise InputError(f"{url}: page is larger than the {_size(max_bytes)} limit")
    return Fetched(data, charset, media_type, landed or url)


def _read_body(response, url: str, limit: int, seconds: float, stop: threading.Event | None) -> bytes:
    """At most ``limit`` bytes of the response's body, read as they come (one receive at a time), so that the
    time it has taken and ``stop`` are looked at between them."""
    deadline = time.monotonic() + seconds
    parts: list[bytes] = []
    size = 0
    while size < limit and (part := response.read1(min(_CHUNK, limit - size))):
        parts.append(part)
        size += len(part)
        if stop is not None and stop.is_set():
            raise InputError(f"{url}: not read, stopped before the page had come")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: cannot fetch (the page did not come within {seconds:g} s)")
    return b"".join(parts)


_CHUNK = 1 << 16


def _decoded(data: bytes, encoding: str, url: str, limit: int) -> bytes:
    """The body as the page, its Content-Encoding undone: a server may compress it though asked for none (some
    CDNs send gzip whatever the request says). At most ``limit`` bytes of it."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    import zlib

    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise InputError(f"{url}: cannot fetch (the page came compressed as {encoding}, which claimtrack does not read)")
    window = zlib.MAX_WBITS | 16 if encoding != "deflate" else zlib.MAX_WBITS  # gzip's header, or zlib's
    try:
        return zlib.decompressobj(window).decompress(data, limit)
    except zlib.error:
        if encoding == "deflate":  # some servers send raw deflate, without zlib's header
            try:
                return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, limit)
            except zlib.error:
                pass
        raise InputError(f"{url}: cannot fetch (the page's {encoding} compression is broken)") from None


def _check_url(url: str) -> None:
    """Refuse a URL that names no host, holds a space, or that urllib cannot parse (an unclosed "[" of an IPv6
    address, a port that is not a number): one input's error, not a crash of the batch."""
    try:
        parts = urlsplit(url)
        valid = bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # urlsplit's "Invalid IPv6 URL", a port's "could not be cast to integer value"
        valid = False
    if not valid or any(char.isspace() for char in url):
        raise InputError(f"{url}: not a valid URL")


def _charset(headers: Message) -> str | None:
    charset = headers.get_content_charset()
    return charset or None


def _reason(reason: object) -> str:
    """A short lower-case reason for a network failure."""
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason).lower() or type(reason).__name__


def _size(n: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"
