"""Fetching article pages over HTTP(S), carefully.

A fetch refuses any host with a private, loopback, link-local or otherwise
non-public address unless the caller allows them (``--allow-private``), so a
brief built from links someone pasted cannot be used to probe an internal
network. The host is resolved once and the connection is made to exactly the
address that was checked (:mod:`storydiff.ingest.transport`), for the first
request and for every redirect, which is followed here hop by hop and checked
again. The whole fetch (every hop, every byte) ends by one deadline, and the
body is read as a stream and abandoned past the size limit.

Failures are :class:`~storydiff.errors.InputError` naming the URL. What the
server said (reason phrase, content type) is kept short in those messages.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from storydiff import __version__
from storydiff.errors import InputError

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"storydiff/{__version__} (+https://pypi.org/project/storydiff/)"
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5
# How much of a server's own words (reason phrase, content type) an error quotes.
_SERVER_TEXT_CHARS = 60
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5",
    # Compressed bodies could inflate past the size limit inside one chunk.
    "Accept-Encoding": "identity",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of a fetched page and what the server said about it."""

    url: str  # the final URL, after redirects
    body: bytes
    content_type: str  # lower case, without parameters, e.g. "text/html"
    charset: str | None


def server_text(text: str) -> str:
    """A server's words, cut short for an error message (the terminal sanitises them)."""
    text = " ".join(text.split())
    return text if len(text) <= _SERVER_TEXT_CHARS else text[: _SERVER_TEXT_CHARS - 1] + "…"


def check_url(url: str) -> None:
    """Raise :class:`InputError` unless ``url`` is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" around an IPv6 address
        raise InputError(url, "not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(
            url, f"unsupported URL scheme {server_text(parts.scheme)!r}: only http and https URLs are fetched "
            "(give a local file by its path)"
        )
    if not parts.hostname:
        raise InputError(url, "URL has no host")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise InputError(url, "URL has an invalid port") from None


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = 5_000_000,
    allow_private: bool = False,
) -> Fetched:
    """Download ``url`` within ``timeout`` seconds in all and ``max_bytes`` bytes.

    Raises :class:`InputError` naming ``url`` with the reason.
    """
    check_url(url)
    import httpx  # only a fetch pays for importing httpx

    from storydiff.ingest.transport import checked_client

    deadline = time.monotonic() + timeout
    try:
        with checked_client(allow_private=allow_private, deadline=deadline, timeout=timeout) as client:
            return _follow(client, url, max_bytes, deadline)
    except InputError as exc:
        raise InputError(url, exc.reason) from None
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except httpx.InvalidURL:
        raise InputError(url, "not a valid URL") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot connect ({server_text(str(exc)) or type(exc).__name__})") from None


def _follow(client: httpx.Client, url: str, max_bytes: int, deadline: float) -> Fetched:
    """Request ``url``, following redirects by hand so each hop is checked again."""
    import httpx

    for _hop in range(MAX_REDIRECTS + 1):
        with client.stream("GET", url, headers=_HEADERS) as response:
            location = response.headers.get("Location")
            if response.status_code in _REDIRECTS and location:
                url = str(response.url.join(location))
                check_url(url)
                continue
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code} {server_text(response.reason_phrase)}".rstrip())
            body = _read_body(response, max_bytes, deadline)
            media_type, _, _params = response.headers.get("Content-Type", "").partition(";")
            return Fetched(str(response.url), body, media_type.strip().lower(), response.charset_encoding)
    raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """The response body, read as a stream: refused past ``max_bytes`` or past the deadline.

    A gzip or deflate body (sent although we asked for none) is inflated here,
    never more than the limit at a time, so a compression bomb costs no more
    memory than the limit; other content codings are refused.
    """
    import httpx

    source = str(response.url)
    limit = f"the limit is {max_bytes / 1e6:.1f} MB, see --max-bytes"
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(source, f"too large ({int(length) / 1e6:.1f} MB; {limit})")
    inflate = _inflater(source, response.headers.get("Content-Encoding", ""))
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        try:
            chunk = inflate.decompress(raw, max_bytes - size + 1) if inflate else raw
        except zlib.error:
            raise InputError(source, "the page's compressed body is corrupt") from None
        size += len(chunk)
        if size > max_bytes:
            raise InputError(source, f"too large (over {max_bytes / 1e6:.1f} MB; {limit})")
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the fetch ran out of time")
        chunks.append(chunk)
    return b"".join(chunks)


def _inflater(source: str, content_encoding: str) -> zlib._Decompress | None:
    """A bounded decompressor for a gzip/deflate body; None for an uncompressed one."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
    if not codings:
        return None
    if codings in (["gzip"], ["x-gzip"], ["deflate"]):
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header, detected
    raise InputError(source, f"unsupported content encoding {server_text(content_encoding)!r}")
