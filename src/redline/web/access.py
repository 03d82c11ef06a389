"""Who may reach the dashboard: a Host-header allow-list (against DNS rebinding) and,
when set, a token (``--auth-token`` / ``auth_token``) for a dashboard other machines
can reach."""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable

from fastapi import Request, Response
from fastapi.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "redline_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


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

    def refusal(self, request: Request) -> Response | None:
        """The answer to a request these checks refuse; None for one they let through."""
        if not self.host_allowed(request.headers.get("host", "")):
            return PlainTextResponse(
                "host not allowed: this dashboard answers to localhost, its address, and the "
                "names in the serve_hosts setting", status_code=421)
        if not self.authorised(request):
            return PlainTextResponse(
                "a token is needed: send Authorization: Bearer TOKEN, or open ?token=TOKEN "
                "once", status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return None

    def remembered(self, request: Request) -> list[tuple[bytes, bytes]]:
        """The cookie header that remembers a token given as ``?token=`` (none else)."""
        if not (self.token and request.query_params.get("token")):
            return []
        setter = Response()
        setter.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return [(k, v) for k, v in setter.raw_headers if k == b"set-cookie"]


class AccessChecks:
    """ASGI middleware making ``access``'s checks on every HTTP request (a plain ASGI
    class: it adds no task or stream per request, as ``BaseHTTPMiddleware`` does)."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refused = self.access.refusal(request)
        if refused is not None:
            await refused(scope, receive, send)
            return
        cookie = self.access.remembered(request)
        if not cookie:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *cookie]
            await send(message)

        await self.app(scope, receive, send_with_cookie)
