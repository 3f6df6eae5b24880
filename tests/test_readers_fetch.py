"""Fetching a page: a server that trickles its page is given up on, and so is a fetch a signal stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from claimtrack.errors import InputError
from claimtrack.readers.fetch import fetch_url
from conftest import http_server

PAGE = b"<html><body><p>Officials said the convoy crossed at dawn.</p></body></html>"


class Trickle(BaseHTTPRequestHandler):
    """Answers at once, then sends its page a byte every 50 ms (for minutes): no single read ever times out."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE) * 100))
        self.end_headers()
        try:
            for byte in PAGE * 100:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # the client gave up
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def trickling() -> Iterator[str]:
    with http_server(Trickle) as url:
        yield f"{url}/page.html"


def test_readers_fetch_a_page_that_trickles_is_given_up_on_in_time(trickling):
    started = time.monotonic()
    with pytest.raises(InputError, match=r": cannot fetch \(the page did not come within 1 s\)$"):
        fetch_url(trickling, max_bytes=1 << 20, timeout=5, page_seconds=1.0)
    assert time.monotonic() - started < 3


def test_readers_fetch_stops_when_asked(trickling):
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(InputError, match=r": not read, stopped before the page had come$"):
        fetch_url(trickling, max_bytes=1 << 20, timeout=5, stop=stop)
    assert time.monotonic() - started < 3
