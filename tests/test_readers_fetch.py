"""Fetching a page: a server that trickles its page is given up on, and so is a fetch a signal stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from claimtrack.errors import InputError
from claimtrack.readers.fetch import fetch_url, publisher_host
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


ARTICLE = (
    b"<html><head><title>Convoy crosses</title>"
    b'<link rel="canonical" href="https://news.example/world/convoy-crosses"></head><body><article>'
    b"<h1>Convoy crosses at dawn</h1><p>Officials said the aid convoy crossed the border at dawn on Monday, "
    b"carrying food and medicine for about 40,000 people.</p><p>The agency said more trucks would follow within "
    b"the week if the crossing stayed open.</p></article></body></html>"
)


def answer(handler: BaseHTTPRequestHandler, body: bytes, content_type: str, **headers: str) -> None:
    """Sends ``body`` as the whole answer to the request ``handler`` is serving."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class Compressing(BaseHTTPRequestHandler):
    """Sends its page compressed as the path says (/gzip/..., /deflate/..., /br/...), whatever the request asked."""

    def do_GET(self) -> None:
        import gzip
        import zlib

        encoding = self.path.split("/")[1]
        body = {"gzip": gzip.compress, "deflate": zlib.compress}.get(encoding, lambda page: page)(ARTICLE)
        answer(self, body, "text/html; charset=utf-8", Content_Encoding=encoding)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_readers_fetch_reads_a_page_the_server_compressed_unasked(encoding):
    """Some CDNs gzip a page though the request asks for none: it was refused as "not a text file (looks like
    gzip archive)" (a QA pass)."""
    with http_server(Compressing) as url:
        data, charset, media_type, _ = fetch_url(f"{url}/{encoding}/page.html", max_bytes=1 << 20, timeout=5)
    assert data == ARTICLE and charset == "utf-8" and media_type == "text/html"


def test_readers_fetch_says_which_compression_it_cannot_read():
    with http_server(Compressing) as url, pytest.raises(InputError, match=r"came compressed as br, which claimtrack"):
        fetch_url(f"{url}/br/page.html", max_bytes=1 << 20, timeout=5)


class Canonical(BaseHTTPRequestHandler):
    """Serves a page whose canonical URL is on this server (/own/...) or on another site (/other/...)."""

    def do_GET(self) -> None:
        host = self.headers["Host"]
        canonical = f"http://{host}/world/convoy-crosses" if self.path.startswith("/own/") else "https://elsewhere.example/x"
        answer(
            self, ARTICLE.replace(b"https://news.example/world/convoy-crosses", canonical.encode()), "text/html; charset=utf-8"
        )

    def log_message(self, *args) -> None:
        pass


def test_readers_fetch_stores_a_shared_link_under_the_pages_own_address():
    """A link shared with tracking parameters was stored as the document's URL, and ClaimReview's appearance
    carried "?utm_source=…&fbclid=…"; the same page read from a file had its canonical URL (a QA pass). A
    canonical URL on another site is not taken."""
    from claimtrack.ingest import read_document

    with http_server(Canonical) as url:
        shared = read_document(f"{url}/own/convoy.html?utm_source=twitter&fbclid=IwAR0abc")
        syndicated = read_document(f"{url}/other/convoy.html?utm_source=twitter")
    assert shared.url == f"{url}/world/convoy-crosses"
    assert syndicated.url == f"{url}/other/convoy.html?utm_source=twitter"


READER_MARKDOWN = (
    b"Title: Convoy crosses at dawn\n\nURL Source: https://news.example/world/convoy-crosses\n\n"
    b"Published Time: 2026-03-02T06:10:00Z\n\nMarkdown Content:\n# Convoy crosses at dawn\n\n"
    b"Officials said the aid convoy crossed the border at dawn on Monday.\n"
)


class Reader(BaseHTTPRequestHandler):
    """Serves a reader service's Markdown of a page, as text/markdown (/md/...) or as text/plain (/plain/...)."""

    def do_GET(self) -> None:
        kind = "text/markdown" if self.path.startswith("/md/") else "text/plain"
        answer(self, READER_MARKDOWN, f"{kind}; charset=utf-8")

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("served_as", ["md", "plain"])
def test_readers_fetch_stores_a_reader_services_markdown_under_its_url_source(served_as):
    """A fetched reader's Markdown was stored under the address it was fetched from, not the page's (a QA pass)."""
    from claimtrack.ingest import read_document

    with http_server(Reader) as url:
        document = read_document(f"{url}/{served_as}/https://news.example/world/convoy-crosses")
    assert document.url == "https://news.example/world/convoy-crosses"
    assert document.metadata.published == "2026-03-02"
    assert document.text == "Convoy crosses at dawn\n\nOfficials said the aid convoy crossed the border at dawn on Monday."


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://www.harbourgazette.example/news/dredging", "harbourgazette.example"),
        ("http://harbourgazette.example:8080/dredging", "harbourgazette.example"),
        ("http://127.0.0.1:8000/dredging", None),
        ("http://localhost:4000/dredging", None),
        ("http://preview.localhost/dredging", None),
        ("http://[::1]:8000/dredging", None),
        ("http://192.0.2.7/dredging", None),
        ("ftp://harbourgazette.example/dredging", None),
    ],
)
def test_readers_fetch_publisher_host_is_no_one_on_this_machine(url, publisher):
    assert publisher_host(url) == publisher


class Moved(BaseHTTPRequestHandler):
    """Sends a request for /old/... on to /new/..., and serves the article there."""

    def do_GET(self) -> None:
        if self.path.startswith("/old/"):
            self.send_response(301)
            self.send_header("Location", self.path.replace("/old/", "/new/", 1))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        answer(self, ARTICLE, "text/html; charset=utf-8")

    def log_message(self, *args) -> None:
        pass


def test_readers_fetch_tells_where_a_redirect_ended():
    with http_server(Moved) as url:
        fetched = fetch_url(f"{url}/old/convoy.html", max_bytes=1 << 20, timeout=5)
    assert (fetched.data, fetched.url) == (ARTICLE, f"{url}/new/convoy.html")
