"""Taking the dashboard's address before announcing it: a port in use is an error at once."""

from __future__ import annotations

import socket

from redline.errors import InputError


def bind(host: str, port: int, *, fallback: bool = False) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port, as the system picks);
    with ``fallback`` a free port instead when ``port`` is taken.

    Raises ``InputError`` naming the address when it is taken or not this machine's.
    """
    try:
        return _bind(host, port)
    except InputError:
        if not fallback or port == 0:
            raise
        return _bind(host, 0)


def _bind(host: str, port: int) -> socket.socket:
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise InputError("--host", f"{host!r} is not an address of this machine "
                                   f"({exc.strerror})") from exc
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        hint = free_port(host)
        raise InputError("--port", f"cannot listen on {host}:{port} ({exc.strerror}); "
                                   f"use another port, e.g. --port {hint}, or --port 0 "
                                   "for any free one") from exc
    return sock


def free_port(host: str) -> int:
    """A port free on ``host`` right now (0 when none can be found)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, 0))
            return int(probe.getsockname()[1])
    except OSError:
        return 0


def address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
