"""How a request is served: async routes handing their work to one thread of a bounded
pool, middleware as plain ASGI classes, the search page's rows read as flat values."""

from __future__ import annotations

import inspect
import threading
import time
from datetime import UTC, date, datetime
from datetime import time as clock

import anyio
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.middleware.base import BaseHTTPMiddleware
from web_rows import Seeded

from redline.records import SearchQuery, flat
from redline.store import browse
from redline.web import api, offload, pages, views
from redline.web.access import Access
from redline.web.app import SECURITY_HEADERS, create_app, day, when


@pytest.fixture
def client(seeded_once: Seeded) -> TestClient:
    return TestClient(create_app(seeded_once.store), base_url="http://localhost")


def test_every_route_is_async() -> None:
    routes = [r for r in (*api.router.routes, *pages.router.routes) if isinstance(r, APIRoute)]
    assert len(routes) >= 10
    sync = [r.path for r in routes if not inspect.iscoroutinefunction(r.endpoint)]
    assert sync == []


def test_no_middleware_is_a_base_http_middleware(seeded_once: Seeded) -> None:
    app = create_app(seeded_once.store, access=Access(token="t"))
    assert len(app.user_middleware) == 2
    assert not any(issubclass(m.cls, BaseHTTPMiddleware)  # type: ignore[arg-type]
                   for m in app.user_middleware)


def test_work_runs_in_at_most_read_threads_at_once() -> None:
    running, most, lock = 0, 0, threading.Lock()

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return n * 2

    async def main() -> list[int]:
        found: list[int] = []

        async def one(n: int) -> None:
            found.append(await offload.in_thread(work, n))

        async with anyio.create_task_group() as group:
            for n in range(3 * offload.READ_THREADS):
                group.start_soon(one, n)
        return found

    found = anyio.run(main)
    assert sorted(found) == [2 * n for n in range(3 * offload.READ_THREADS)]
    assert most == offload.READ_THREADS


def test_work_raises_in_the_route(client: TestClient) -> None:
    assert client.get("/lines/no-such-line").status_code == 404
    assert client.get("/api/lines/no-such-line").status_code == 404


@pytest.mark.parametrize("path", ["/", "/api/lines", "/nowhere", "/api/nowhere",
                                  "/static/style.css", "/search?text=%22"])
def test_security_headers_on_every_kind_of_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert headers["vary"] == "HX-Request"


def test_a_refused_request_and_the_remembered_token(seeded_once: Seeded) -> None:
    client = TestClient(create_app(seeded_once.store, access=Access(token="tok")),
                        base_url="http://localhost")
    refused = client.get("/api/lines")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    given = client.get("/api/lines?token=tok")
    assert given.status_code == 200
    assert given.headers["set-cookie"].startswith("redline_token=tok;")
    assert list(given.headers)[-1] == "set-cookie"  # after the page's own headers
    assert "set-cookie" not in client.get("/api/lines").headers  # by the cookie, none new


@pytest.mark.parametrize("value", [
    None, date(2024, 10, 20), datetime(2024, 10, 20, 9, 30, tzinfo=UTC),
    datetime(2024, 10, 20, tzinfo=UTC), datetime.combine(date(2024, 10, 20), clock.max),
    datetime(999, 1, 2, 3, 4), datetime(2024, 1, 2, 23, 59, 59, 999998),
])
def test_day_is_the_first_ten_characters_of_when(value: date | datetime | None) -> None:
    assert day(value) == when(value)[:10]


@pytest.mark.parametrize("query", [
    SearchQuery(), SearchQuery(text="soldiers"), SearchQuery(kind="quotes"),
    SearchQuery(actor="PRK"), SearchQuery(text="handover OR pact"),
    SearchQuery(text="nothing like this"), SearchQuery(limit=1, offset=1),
])
def test_the_search_pages_rows_are_the_flat_form_of_the_records(seeded_once: Seeded,
                                                                query: SearchQuery) -> None:
    records = browse.search(seeded_once.store, query)
    rows = views.search_rows(seeded_once.store, query)
    assert [r._asdict() for r in rows.events] == [flat(e) for e in records.events]
    assert [r._asdict() for r in rows.quotes] == [flat(q) for q in records.quotes]
    assert (rows.events_total, rows.quotes_total, rows.events_truncated,
            rows.quotes_truncated) == (records.events_total, records.quotes_total,
                                       records.events_truncated, records.quotes_truncated)
