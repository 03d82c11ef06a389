"""Who may reach the dashboard: a Host-header allow-list (against DNS rebinding) and,
when set, a token (``--auth-token`` / ``auth_token``) for a dashboard other machines
can reach."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, Iterable

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse

COOKIE = "redline_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
Handler = Callable[[Request], Awaitable[Response]]


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The name in a Host header, without its port (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Access:
    """The checks one dashboard makes on every request."""

    def __init__(self, *, hosts: Iterable[str] = (), token: str = "") -> None:
        self.hosts = {h.strip().lower() for h in hosts if h.strip()} | LOOPBACK_NAMES
        self.token = token

    def host_allowed(self, header: str) -> bool:
        """Loopback names, the names given, and addresses written as such (a rebinding
        page reaches the dashboard only through a name the attacker controls)."""
        name = _host_name(header)
        return name in self.hosts or _is_address(name) or name.endswith(".localhost")

    def token_given(self, request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.query_params.get("token") or request.cookies.get(COOKIE)

    def authorised(self, request: Request) -> bool:
        if not self.token:
            return True
        given = self.token_given(request) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    async def __call__(self, request: Request, call_next: Handler) -> Response:
        if not self.host_allowed(request.headers.get("host", "")):
            return PlainTextResponse(
                "host not allowed: this dashboard answers to localhost, its address, and the "
                "names in the serve_hosts setting", status_code=421)
        if not self.authorised(request):
            return PlainTextResponse(
                "a token is needed: send Authorization: Bearer TOKEN, or open ?token=TOKEN "
                "once", status_code=401, headers={"WWW-Authenticate": "Bearer"})
        response = await call_next(request)
        if self.token and request.query_params.get("token"):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return response
