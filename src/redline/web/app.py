"""The dashboard: a read-only FastAPI app over a store, HTML pages and a JSON API.

``create_app(store)`` builds it; ``redline serve`` runs it with uvicorn. Every
asset is served from this package: the pages work with no internet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redline import __version__
from redline.errors import InputError, NotFoundError, RedlineError, StoreError
from redline.records import CREDIBILITY_WORDS, RELIABILITY_WORDS
from redline.store import Store
from redline.web import api, cells, pages, views
from redline.web.access import Access, AccessChecks
from redline.web.cells import day, when

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL (safe to link), else ``None``."""
    if not value:
        return None
    return value if urlsplit(value).scheme.lower() in ("http", "https") else None


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = when
    env.filters["day"] = day
    env.filters["web_url"] = web_url
    env.filters["by_sentence"] = views.by_sentence
    env.globals["new_items"] = views.new_items
    env.globals["words"] = views.labels()
    env.globals.update(who=cells.who, fact=cells.fact, where=cells.where,
                       event_row=cells.event_row, quote_row=cells.quote_row)
    env.globals["reliability_words"] = RELIABILITY_WORDS
    env.globals["credibility_words"] = CREDIBILITY_WORDS
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)


_STATUS_OF: tuple[tuple[type[RedlineError], int], ...] = (
    (NotFoundError, 404), (InputError, 422), (StoreError, 503))


async def _redline_error(request: Request, exc: Exception) -> Response:
    status = next((code for kind, code in _STATUS_OF if isinstance(exc, kind)), 500)
    return _error(request, status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail) if exc.status_code != 404 else f"no page at {request.url.path}"
    response = _error(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
    return _error(request, 422, "; ".join(parts) or "invalid request")


class SecurityHeaders:
    """ASGI middleware giving every HTTP response ``SECURITY_HEADERS`` and ``Vary:
    HX-Request`` where it has none of its own (a plain ASGI class: it adds no task or
    stream per request, as ``BaseHTTPMiddleware`` does)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Vary", "HX-Request")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: Store, *, access: Access | None = None) -> FastAPI:
    """The dashboard over ``store``: GET-only HTML pages, a JSON API under /api, assets.

    ``access`` (``redline serve`` always gives one) checks the Host header and the token.
    """
    app = FastAPI(
        title="redline", version=__version__,
        description="Declared red lines, the evidence on whether they were crossed, and the "
                    "articles behind it. Read-only.",
        # FastAPI's own docs pages load scripts from a CDN: /api and /api/docs serve
        # interactive docs from this package instead (pages.api_page, static/apidocs.js).
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        RedlineError: _redline_error, StarletteHTTPException: _http_error,
        RequestValidationError: _validation_error}
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)
    app.add_middleware(SecurityHeaders)
    if access is not None:  # outside the headers, as it always was
        app.add_middleware(AccessChecks, access=access)
    return app



def served_app(url: str, hosts: tuple[str, ...], token: str) -> FastAPI:
    """The dashboard over the store at ``url``, as one of ``redline serve --workers N``'s
    processes builds it: with its own store (connections, caches) and access checks."""
    store = Store(url, migrate=False)
    store.require_current()
    return create_app(store, access=Access(hosts=hosts, token=token))
