"""An httpx client that connects only to checked addresses, within one deadline.

httpx resolves and connects through httpcore's *network backend*. The backend
here replaces that step: it asks :func:`storydiff.ingest.addresses.resolve`
for the host's addresses (looked up once, every one checked) and connects to
exactly those IP addresses. TLS still verifies the certificate against the
host name, because httpcore starts TLS with the URL's host as SNI whatever
address the socket is connected to. Every connection, including those made
for redirects, goes through this backend.

Every stream it hands out also shares one deadline: each read, write and TLS
handshake gets at most the time left until it, so a server that trickles a
byte every few seconds is cut off when the fetch's time is up, not merely when
one read stalls.

Imported only when a URL is fetched, so reading files never loads httpx.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from storydiff.ingest import addresses


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by a shared deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch ran out of time")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class CheckedBackend(httpcore.NetworkBackend):
    """Resolve each host once, refuse non-public addresses, connect to the checked IP."""

    def __init__(self, *, allow_private: bool, deadline: float) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        checked = addresses.resolve(host, port, allow_private=self._allow_private, deadline=self._deadline)
        failure: Exception | None = None
        for address in checked:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the fetch ran out of time")
            try:
                stream = self._inner.connect_tcp(
                    str(address), port, left if timeout is None else min(timeout, left), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc  # try the host's next checked address
                continue
            return _DeadlineStream(stream, self._deadline)
        assert failure is not None  # resolve() never returns an empty list
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def checked_client(*, allow_private: bool, deadline: float, timeout: float) -> httpx.Client:
    """An httpx client whose every connection goes through :class:`CheckedBackend`.

    Redirects are not followed by the client (the caller follows them, hop by
    hop), and proxies from the environment are ignored: a proxy would connect
    on our behalf to addresses we never see.
    """
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx builds its httpcore pool without a way to pass a network backend;
    # replace the pool with one that has ours (same TLS settings as httpx's).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=CheckedBackend(allow_private=allow_private, deadline=deadline),
        max_connections=4,
        http1=True,
        http2=False,
    )
    return httpx.Client(transport=transport, follow_redirects=False, trust_env=False, timeout=timeout)
