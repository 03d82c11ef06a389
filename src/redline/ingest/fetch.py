"""The one place where redline uses the network: fetching a URL the user gave, and
posting alerts to the webhook the user named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from redline.errors import FetchError
from redline.settings import Settings


@dataclass(frozen=True)
class Fetched:
    """A downloaded document."""

    url: str  # after redirects
    content: bytes
    content_type: str
    retrieved: datetime


def fetch(url: str, settings: Settings, *, client: httpx.Client | None = None) -> Fetched:
    """GET ``url`` with the configured timeout, User-Agent and size limit.

    Raises ``FetchError`` naming the URL and what went wrong.
    """
    own = client is None
    http = client or httpx.Client(follow_redirects=True, timeout=settings.fetch_timeout)
    try:
        return _download(http, url, settings)
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"no answer within {settings.fetch_timeout:g} s "
                              "(setting fetch_timeout)") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"cannot fetch: {exc}") from exc
    finally:
        if own:
            http.close()


def _download(http: httpx.Client, url: str, settings: Settings) -> Fetched:
    headers = {"User-Agent": settings.user_agent}
    with http.stream("GET", url, headers=headers) as response:
        if response.status_code >= 400:
            raise FetchError(url, f"server answered HTTP {response.status_code}")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > settings.max_bytes:
            raise FetchError(url, f"document is {int(declared):,} bytes, over the limit of "
                                  f"{settings.max_bytes:,} bytes (setting max_bytes)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > settings.max_bytes:
                raise FetchError(url, f"document is over the limit of {settings.max_bytes:,} "
                                      "bytes (setting max_bytes)")
            chunks.append(chunk)
        return Fetched(url=str(response.url), content=b"".join(chunks),
                       content_type=response.headers.get("content-type", "").lower(),
                       retrieved=datetime.now(UTC))


def post_json(url: str, payload: dict[str, Any], settings: Settings) -> int:
    """POST ``payload`` as JSON to ``url`` (a webhook the user named); returns the HTTP status.

    Raises ``FetchError`` naming only the host: a webhook's path often carries its secret.
    """
    host = httpx.URL(url).host or "?"
    headers = {"User-Agent": settings.user_agent}
    try:
        with httpx.Client(timeout=settings.fetch_timeout, headers=headers) as client:
            return client.post(url, json=payload).status_code
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"webhook at {host}", f"cannot post: {type(exc).__name__}") from exc
