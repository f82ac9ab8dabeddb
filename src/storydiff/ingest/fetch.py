"""Fetching article pages over HTTP(S), carefully.

Every fetch has a timeout and a size limit, and refuses hosts that resolve to
private, loopback, link-local or otherwise non-public addresses unless the
caller allows them (``--allow-private``), so that a brief built from links
someone pasted cannot be used to probe an internal network. Redirects are
checked the same way at every hop.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from storydiff import __version__

USER_AGENT = f"storydiff/{__version__} (+https://pypi.org/project/storydiff/)"
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of a fetched page and what the server said about it."""

    url: str  # the final URL, after redirects
    body: bytes
    content_type: str
    charset: str | None


class FetchError(Exception):
    """A URL could not be fetched; the message is the reason, for a person."""


def check_host(url: str, allow_private: bool) -> None:
    """Raise FetchError unless ``url`` is http(s) to a host with only public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r} (use http or https)")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})") from None
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused: {host} resolves to a private or local address ({address}); "
                "pass --allow-private to fetch it anyway"
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to hosts that pass the same address check."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.hops = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        self.hops += 1
        if self.hops > MAX_REDIRECTS:
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")
        check_host(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = 5_000_000,
    allow_private: bool = False,
) -> Fetched:
    """Download ``url`` within ``timeout`` seconds and ``max_bytes`` bytes."""
    check_host(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    request = urllib.request.Request(url, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"too large ({int(length) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"too large (over the {max_bytes / 1e6:.1f} MB limit)")
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            return Fetched(response.geturl(), body, content_type, charset)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise FetchError(f"cannot connect ({reason})") from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"network error ({exc})") from None
