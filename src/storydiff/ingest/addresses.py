"""Which network addresses a fetch may connect to: the one owner of that rule.

Host names become addresses in one place, :func:`resolve`, which looks the
name up once, checks every answer and returns the addresses the connection is
then made to, literally: nothing resolves the name a second time, so a DNS
server that answers a public address first and ``127.0.0.1`` next (DNS
rebinding) gets no second chance.

A page someone pasted must not make storydiff talk to the machine it runs on
or to its network, so only *public* unicast addresses pass. Python's
``ipaddress.is_global`` alone is not enough: it rates IPv6 forms that carry an
IPv4 address inside them (``::127.0.0.1``, NAT64 ``64:ff9b::7f00:1``, 6to4
``2002:7f00:1::1``, Teredo) by the IPv6 prefix, not by the IPv4 address a
gateway would forward them to. Those are judged here by the address inside.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time

from storydiff.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# NAT64 well-known prefix (RFC 6052): the last 32 bits are the IPv4 destination.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Local-use NAT64 (RFC 8215): translated by a local gateway to anything it likes.
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
# Deprecated IPv4-compatible addresses (RFC 4291 2.5.5.1), ::a.b.c.d.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address hands traffic on to (empty for a plain one)."""
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address in _NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    return found


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address that a fetch may connect to."""
    if address.is_multicast or not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address in _NAT64_LOCAL or address in _IPV4_COMPATIBLE:
            return False
        return all(is_public(inner) for inner in embedded_ipv4(address))
    return True


def parse_address(text: str) -> IPAddress:
    """An address from ``getaddrinfo`` text, without an IPv6 zone (``fe80::1%eth0``)."""
    return ipaddress.ip_address(text.split("%", 1)[0])


def lookup(host: str, port: int) -> list[str]:
    """The addresses DNS gives for ``host`` (TCP), as text, in the resolver's order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def resolve(host: str, port: int, *, allow_private: bool, deadline: float) -> list[IPAddress]:
    """Look ``host`` up once and return the addresses a connection may be made to.

    Every answer must be public unless ``allow_private``; one private answer
    refuses the host (a name that mixes both is not trusted). The lookup is
    abandoned at ``deadline`` (a ``time.monotonic()`` value). Raises
    :class:`InputError` naming the host.
    """
    answer: list[list[str] | Exception] = []

    def run() -> None:
        try:
            answer.append(lookup(host, port))
        except (OSError, UnicodeError) as exc:  # UnicodeError: a label IDNA cannot encode
            answer.append(exc)

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if not answer:
        raise InputError(host, f"timed out resolving host {host!r}")
    result = answer[0]
    if isinstance(result, Exception):
        detail = getattr(result, "strerror", None) or "not a valid host name"
        raise InputError(host, f"cannot resolve host {host!r} ({detail})")
    addresses = list(dict.fromkeys(parse_address(text) for text in result))
    if not addresses:
        raise InputError(host, f"cannot resolve host {host!r} (no addresses)")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise InputError(
                    host,
                    f"refused: {host} resolves to a private or local address ({address}); "
                    "pass --allow-private to fetch it anyway",
                )
    return addresses
