"""URL reading against a real HTTP server on loopback."""

from __future__ import annotations

import functools
import gzip
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storydiff.errors import InputError
from storydiff.ingest import ReadOptions, addresses, read
from storydiff.ingest.fetch import fetch

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
        self.server.requests.append(self.path)
        if self.path in _SPECIAL:
            _SPECIAL[self.path](self)
            return
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", "http://" + self.path[len("/to/"):])
            self.end_headers()
            return
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


def _trickle(handler):
    """Headers at once, then one byte every 2 s: each read is quick, the download never ends."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    try:
        for _ in range(30):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(2)
    except OSError:
        pass  # the client hung up, as it should


def _windows_1252(handler):
    body = ("The harbour master said the gates were \u201cshut for the night\u201d \u2013 and the ferry "
            "crews agreed.\n").encode("cp1252")
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain; charset=windows-1252")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _long_reason(handler):
    handler.send_response(500, "Broken " + "x" * 500)
    handler.end_headers()


def _loop(handler):
    handler.send_response(302)
    handler.send_header("Location", "/loop")
    handler.end_headers()


def _gzip_body(handler, body):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@functools.cache
def _bomb_body():
    """64 MiB of spaces as one gzip stream (about 64 kB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(64)) + packer.flush()


def _gzip_bomb(handler):
    _gzip_body(handler, _bomb_body())


_SPECIAL = {
    "/trickle": _trickle, "/cp1252": _windows_1252, "/long-reason": _long_reason, "/loop": _loop,
    "/gzipped": lambda handler: _gzip_body(handler, gzip.compress(PAGE)), "/gzip-bomb": _gzip_bomb,
}


def _serve():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def server():
    httpd = _serve()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


# A public address (an example site's). Tests never reach it: the connect guard
# below hands connections to it to a loopback server that plays "the internet".
PUBLIC = "93.184.216.34"


@pytest.fixture
def net(monkeypatch):
    """Two loopback servers, a scripted resolver and a guard recording every connect.

    ``net.internal`` stands for a service on the private network, ``net.public``
    for a public web server (the guard connects ``PUBLIC`` to it). The resolver
    answers each host from a list, one answer per lookup, repeating the last.
    """
    internal, public = _serve(), _serve()
    connected: list[str] = []
    answers: dict[str, list[str]] = {}
    lookups: list[str] = []
    real_connect = socket.create_connection

    routes = {PUBLIC: public.server_address[1]}  # where "the internet" is, on loopback

    def guard(address, *args, **kwargs):
        connected.append(address[0])
        if address[0] in routes:
            address = ("127.0.0.1", routes[address[0]])
        return real_connect(address, *args, **kwargs)

    real_lookup = addresses.lookup

    def lookup(host, port):
        lookups.append(host)
        if host not in answers:
            return real_lookup(host, port)  # literal addresses, never a name in these tests
        return [answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]]

    monkeypatch.setattr(socket, "create_connection", guard)
    monkeypatch.setattr(addresses, "lookup", lookup)

    class Net:
        pass

    state = Net()
    state.internal, state.public, state.connected, state.answers, state.lookups = (
        internal, public, connected, answers, lookups)
    state.internal_port, state.routes = internal.server_address[1], routes
    yield state
    internal.shutdown()
    public.shutdown()


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


def test_other_schemes_and_private_ranges_are_refused(net):
    for url in ("file:///etc/passwd", "ftp://files.example/story.txt"):
        (result,) = read([url])
        assert result.error.startswith("unsupported URL scheme") and "http" in result.error
    with pytest.raises(InputError, match="private"):
        fetch("http://10.0.0.1/")
    with pytest.raises(InputError, match="private"):
        fetch("http://[::1]/")
    assert net.connected == []


def test_dns_rebinding_never_reaches_the_internal_server(net):
    # The attacker's name answers a public address first and loopback after.
    net.answers["rebind.test"] = [PUBLIC, "127.0.0.1"]
    url = f"http://rebind.test:{net.internal_port}/story"
    (first,) = read([url])
    assert first.error is None and "tide gates" in first.article.text  # served by the public server
    assert net.lookups == ["rebind.test"]  # resolved once, and connected to what was checked
    (second,) = read([url])
    assert "private or local address" in second.error
    assert net.connected == [PUBLIC]
    assert net.internal.requests == []


@pytest.mark.parametrize("target", ["inside.test", "127.0.0.1", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]"])
def test_a_redirect_to_a_private_host_is_refused(net, target):
    net.answers["news.test"] = [PUBLIC]
    net.answers["inside.test"] = ["127.0.0.1"]
    (result,) = read([f"http://news.test/to/{target}:{net.internal_port}/secret"])
    assert "private or local address" in result.error
    assert net.public.requests == [f"/to/{target}:{net.internal_port}/secret"]
    assert net.internal.requests == []
    assert net.connected == [PUBLIC]


@pytest.mark.parametrize(
    "address",
    ["::127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "64:ff9b:1::808:808", "2002:7f00:1::1",
     "2001:0:4136:e378:8000:63bf:3fff:fdd2", "fe80::1", "::1", "fc00::1", "169.254.169.254", "100.64.0.1"],
)
def test_ipv6_forms_of_private_addresses_are_refused(net, address):
    with pytest.raises(InputError, match="private or local address"):
        fetch(f"http://{'[' + address + ']' if ':' in address else address}:{net.internal_port}/")
    assert net.connected == [] and net.internal.requests == []


def test_public_forms_of_embedded_addresses_pass():
    for text in ("8.8.8.8", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"):
        assert addresses.is_public(addresses.parse_address(text)), text


def test_a_trickling_server_is_cut_off_at_the_deadline(server):
    started = time.monotonic()
    (result,) = read([f"{server}/trickle"], ReadOptions(allow_private=True, timeout=3))
    elapsed = time.monotonic() - started
    assert "timed out after 3 s" in result.error
    assert 2 <= elapsed <= 4


def test_a_declared_charset_decodes_plain_text(server):
    (result,) = read([f"{server}/cp1252"], ReadOptions(allow_private=True))
    assert result.error is None
    assert "\u201cshut for the night\u201d \u2013 and" in result.article.text


def test_server_words_are_kept_short_and_redirect_loops_end(server):
    long_reason, loop = read([f"{server}/long-reason", f"{server}/loop"], ReadOptions(allow_private=True))
    assert long_reason.error.startswith("HTTP 500 Broken") and len(long_reason.error) < 80
    assert "too many redirects" in loop.error


def _certificate(folder, host):
    """A self-signed certificate for ``host`` made with the openssl command: (cert, key) paths."""
    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = folder / f"{host}.pem", folder / f"{host}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-keyout", str(key),
         "-out", str(cert), "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}"],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(tmp_path):
    """An HTTPS server on loopback for news.test that records the SNI names it is asked for."""
    cert, key = _certificate(tmp_path, "news.test")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.requests, httpd.names = [], []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _socket, name, _context: httpd.names.append(name)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield httpd, cert
    httpd.shutdown()


def test_https_verifies_the_host_name_while_connecting_to_the_checked_address(net, tls_server, monkeypatch):
    httpd, cert = tls_server
    net.routes[PUBLIC] = httpd.server_address[1]
    net.answers["news.test"] = [PUBLIC]
    net.answers["elsewhere.test"] = [PUBLIC]
    (untrusted,) = read(["https://news.test/story"])  # a certificate no authority signed
    assert "certificate" in untrusted.error.lower() and httpd.requests == []
    import httpx

    trusting = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(httpx, "create_ssl_context", lambda **_: trusting)
    trusted, wrong_name = read(["https://news.test/story", "https://elsewhere.test/story"])
    assert trusted.error is None and "tide gates" in trusted.article.text
    assert "certificate" in wrong_name.error.lower() or "hostname" in wrong_name.error.lower()
    assert httpd.requests == ["/story"]
    assert httpd.names == ["news.test", "news.test", "elsewhere.test"]  # SNI is the name, not the address
    assert set(net.connected) == {PUBLIC}


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://[::1", "not a valid URL"), ("http://a\x00b/", "not a valid URL"), ("http://host:99999/", "port"),
     ("http://", "no host"), ("http://x" + "a" * 300 + ".test/", "not a valid host name")],
)
def test_malformed_urls_are_input_errors(net, url, reason):
    (result,) = read([url])
    assert reason in result.error
    assert net.connected == []


def test_a_compressed_body_is_inflated_within_the_size_limit(server):
    page, bomb = read([f"{server}/gzipped", f"{server}/gzip-bomb"], ReadOptions(allow_private=True))
    assert page.error is None and "tide gates" in page.article.text
    assert "too large (over 5.0 MB" in bomb.error
