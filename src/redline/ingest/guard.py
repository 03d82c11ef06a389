"""Where redline may connect: every host it is pointed at (directly, by a feed, by a
redirect, as a webhook) is resolved and refused unless each address is global.

``allow_private_hosts`` (setting) opens loopback, private and link-local addresses for
intranet use; ``allowed_hosts`` (setting, or ``--allow-host NAME``) opens single names.
The check runs twice: on the URL before each request, and on the address a connection
is actually opened to (so a name that resolves differently the second time gains
nothing). A deadline bounds every read and write on the connection as well.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from redline.errors import FetchError
from redline.settings import Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[str]]
SCHEMES = ("http", "https")
#: Names that always mean this machine or a cloud's metadata service, whatever DNS says.
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "metadata.google.internal",
                "metadata")


class HostRefused(FetchError):
    """A host resolves to an address redline does not connect to."""


def system_resolver(host: str) -> list[str]:
    """The host's addresses, as the operating system resolves them."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host name ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def literal_address(host: str) -> Address | None:
    """The address written in ``host``, in any form a resolver accepts (``0x7f000001``,
    ``2130706433``, ``127.1``, ``[::1]``); None for a name."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(bare))
    except (OSError, ValueError):
        return None


def is_public(address: Address) -> bool:
    """Global unicast only: no loopback, private, shared (100.64/10), link-local,
    multicast, reserved or unspecified address, nor an IPv4 one mapped into IPv6."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour or (
            address.teredo[1] if address.teredo else None)
        if mapped is not None:
            return is_public(mapped)
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Guard:
    """Which hosts may be contacted, and how names are resolved."""

    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()
    resolver: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def from_settings(cls, settings: Settings, resolver: Resolver = system_resolver) -> Guard:
        names = frozenset(name.strip().lower().rstrip(".")
                          for name in settings.allowed_hosts.split(",") if name.strip())
        return cls(allow_private=settings.allow_private_hosts, allowed_hosts=names,
                   resolver=resolver)

    def _opened(self, host: str) -> bool:
        return self.allow_private or host.lower().rstrip(".").strip("[]") in self.allowed_hosts

    def addresses(self, host: str) -> list[str]:
        """The addresses of ``host`` that may be connected to; ``HostRefused`` if any is not
        global (a name with one private address is refused whole)."""
        literal = literal_address(host)
        name = host.lower().rstrip(".")
        opened = self._opened(host)
        if not opened and literal is None and (name in _LOCAL_NAMES
                                               or name.endswith(".localhost")):
            raise HostRefused(host, _refusal(f"{host} names this machine or a metadata "
                                             "service"))
        found = [str(literal)] if literal is not None else self.resolver(host)
        if not found:
            raise FetchError(host, "cannot resolve host name (no addresses)")
        if opened:
            return found
        for text in found:
            address = literal_address(text)
            if address is None or not is_public(address):
                raise HostRefused(host, _refusal(f"{host} resolves to {text}, which is not a "
                                                 "public address"))
        return found

    def check_url(self, url: str) -> httpx.URL:
        """``url`` parsed, its scheme http(s) and its host allowed; raises ``FetchError``."""
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from exc
        if parsed.scheme not in SCHEMES:
            raise FetchError(url, f"scheme {parsed.scheme or '(none)'!r} is not fetched; "
                                  "valid: http, https")
        if not parsed.host:
            raise FetchError(url, "URL has no host")
        try:
            self.addresses(parsed.host)
        except FetchError as exc:
            raise type(exc)(url, exc.problem) from exc
        return parsed


def _refusal(reason: str) -> str:
    return (f"refused: {reason}; set allow_private_hosts (env REDLINE_ALLOW_PRIVATE_HOSTS) "
            "or give --allow-host NAME to fetch from an intranet")


class Deadline:
    """A point in time after which no read or write on a connection may go on."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.left() <= 0

    def bound(self, timeout: float | None) -> float:
        """``timeout`` shortened to what is left; ``ReadTimeout`` when nothing is."""
        left = self.left()
        if left <= 0:
            raise httpcore.ReadTimeout(f"total deadline of {self.seconds:g} s passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname,
                                      self._deadline.bound(timeout))
        return _Stream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Opens connections only to addresses the guard allows, each bound by the deadline."""

    def __init__(self, guard: Guard, deadline: Deadline) -> None:
        self._guard = guard
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._guard.addresses(host):
            try:
                stream = self._inner.connect_tcp(address, port, self._deadline.bound(timeout),
                                                 local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _Stream(stream, self._deadline)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _Transport(httpx.HTTPTransport):
    """httpx's transport with its connections opened through ``_Backend``; no proxy
    from the environment (a proxy would connect where the guard cannot see)."""

    def __init__(self, guard: Guard, deadline: Deadline) -> None:
        super().__init__(trust_env=False)
        ssl_context = self._pool._ssl_context
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, max_connections=4,
                                             network_backend=_Backend(guard, deadline))


def guarded_client(settings: Settings, guard: Guard, deadline: Deadline) -> httpx.Client:
    """A client that follows no redirects, trusts no proxy settings, connects only where
    ``guard`` allows and gives up on any read or write past ``deadline``."""
    return httpx.Client(transport=_Transport(guard, deadline), follow_redirects=False,
                        trust_env=False, timeout=settings.fetch_timeout)
