"""URL reading against a real HTTP server on loopback."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storydiff.ingest import ReadOptions, read
from storydiff.ingest.fetch import FetchError, check_host

PAGE = b"""<!doctype html><html><head><title>Tide Gates Close Early | Shore Times</title>
<meta property="og:site_name" content="Shore Times">
<meta property="article:published_time" content="2023-09-14T08:00:00Z"></head>
<body><nav>Home | Weather | Sport</nav><article><h1>Tide Gates Close Early</h1>
<p>The harbour authority closed the tide gates two hours early on Thursday as a storm surge moved up the estuary,
its duty manager said.</p>
<p>Boats moored outside the gates were told to move to the inner basin before noon, and the ferry to the
north bank ran a reduced timetable for the rest of the day.</p>
<p>The authority said the gates would reopen once the water level had fallen below the warning mark.</p>
</article><footer>Contact us | Privacy</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
            self.end_headers()
            return
        body = PAGE if self.path != "/big" else b"<html><body>" + b"x" * 50_000 + b"</body></html>"
        if self.path == "/missing":
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_page_is_fetched_and_extracted_when_private_addresses_are_allowed(server):
    (result,) = read([f"{server}/story"], ReadOptions(allow_private=True))
    assert result.error is None
    article = result.article
    assert "tide gates two hours early" in article.text
    assert "Privacy" not in article.text
    assert article.title == "Tide Gates Close Early"
    assert article.outlet == "Shore Times"
    assert article.published == "2023-09-14"
    assert article.url == f"{server}/story"


def test_loopback_is_refused_by_default(server):
    (result,) = read([f"{server}/story"])
    assert result.article is None
    assert "private or local address" in result.error and "--allow-private" in result.error


def test_timeout_is_reported(server):
    (result,) = read([f"{server}/slow"], ReadOptions(allow_private=True, timeout=0.5))
    assert "timed out" in result.error


def test_size_limit_and_http_errors(server):
    big, missing = read([f"{server}/big", f"{server}/missing"], ReadOptions(allow_private=True, max_bytes=10_000))
    assert "too large" in big.error
    assert "HTTP 404" in missing.error


def test_other_schemes_and_private_ranges_are_refused():
    with pytest.raises(FetchError, match="scheme"):
        check_host("file:///etc/passwd", allow_private=False)
    with pytest.raises(FetchError, match="private"):
        check_host("http://10.0.0.1/", allow_private=False)
    with pytest.raises(FetchError, match="private"):
        check_host("http://[::1]/", allow_private=False)
