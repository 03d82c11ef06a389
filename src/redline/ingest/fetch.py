"""The one place where redline uses the network: fetching a URL the user gave (or a feed
named), and posting alerts to the webhook the user named.

Every hop is checked by ``redline.ingest.guard`` (public addresses only, unless opened
by a setting); redirects are followed here, one hop at a time, at most ``max_redirects``;
each fetch or post has a total deadline (``fetch_deadline``) besides the per-read
``fetch_timeout``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from redline.errors import FetchError
from redline.ingest.guard import Deadline, Guard, guarded_client
from redline.settings import Settings

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A downloaded document."""

    url: str  # after redirects
    content: bytes
    content_type: str
    retrieved: datetime
    status: int = 200  # 304: not modified since the validators sent (no content)
    etag: str | None = None
    last_modified: str | None = None


def _timed_out(settings: Settings, deadline: Deadline) -> str:
    if deadline.passed():
        return (f"no complete answer within {settings.fetch_deadline:g} s "
                "(setting fetch_deadline)")
    return f"no answer within {settings.fetch_timeout:g} s (setting fetch_timeout)"


def fetch(url: str, settings: Settings, *, client: httpx.Client | None = None,
          guard: Guard | None = None, headers: dict[str, str] | None = None) -> Fetched:
    """GET ``url`` with the configured timeouts, User-Agent, size limit and host guard,
    following at most ``max_redirects`` redirects, each one checked again.

    ``headers`` adds request headers, e.g. the validators of a conditional GET
    (``If-None-Match``, ``If-Modified-Since``): a 304 answer comes back as a ``Fetched``
    with ``status`` 304 and no content.

    ``client`` (tests) replaces the guarded connection; the URL checks still apply.
    Raises ``FetchError`` naming the URL and what went wrong.
    """
    guard = guard or Guard.from_settings(settings)
    deadline = Deadline(settings.fetch_deadline)
    own = client is None
    http = client or guarded_client(settings, guard, deadline)
    try:
        return _follow(http, url, settings, guard, deadline, headers or {})
    except httpx.TimeoutException as exc:
        raise FetchError(url, _timed_out(settings, deadline)) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"cannot fetch: {exc}") from exc
    finally:
        if own:
            http.close()


def _follow(http: httpx.Client, url: str, settings: Settings, guard: Guard,
            deadline: Deadline, extra: dict[str, str]) -> Fetched:
    current = url
    for _hop in range(settings.max_redirects + 1):
        guard.check_url(current)
        location = _download(http, current, settings, deadline, extra)
        if isinstance(location, Fetched):
            return location
        current = location
    raise FetchError(url, f"more than {settings.max_redirects} redirects "
                          "(setting max_redirects)")


def _download(http: httpx.Client, url: str, settings: Settings, deadline: Deadline,
              extra: dict[str, str]) -> Fetched | str:
    """The document at ``url``, or the next URL when it redirects."""
    headers = {**extra, "User-Agent": settings.user_agent}
    with http.stream("GET", url, headers=headers, follow_redirects=False) as response:
        if response.status_code in _REDIRECTS and response.headers.get("location"):
            return str(response.url.join(response.headers["location"]))
        validators = {"etag": response.headers.get("etag"),
                      "last_modified": response.headers.get("last-modified")}
        if response.status_code == 304 and extra:
            return Fetched(url=str(response.url), content=b"", retrieved=datetime.now(UTC),
                           content_type=response.headers.get("content-type", "").lower(),
                           status=304, **validators)
        if response.status_code >= 300:
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
            if deadline.passed():
                raise FetchError(url, _timed_out(settings, deadline))
            chunks.append(chunk)
        return Fetched(url=str(response.url), content=b"".join(chunks),
                       content_type=response.headers.get("content-type", "").lower(),
                       retrieved=datetime.now(UTC), status=response.status_code, **validators)


def webhook_label(url: str) -> str:
    """How a webhook is named in messages: its host only, since its path or query often
    carries a secret."""
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, TypeError, ValueError):
        host = ""
    return f"webhook at {host or '?'}"


def post_json(url: str, payload: dict[str, Any], settings: Settings, *,
              headers: dict[str, str] | None = None, guard: Guard | None = None,
              client: httpx.Client | None = None) -> int:
    """POST ``payload`` as JSON to ``url`` (a webhook the user named); returns the HTTP
    status. Redirects are not followed: a 3xx is returned as it is.

    Raises ``FetchError`` naming only the host: a webhook's path often carries its secret.
    """
    label = webhook_label(url)
    guard = guard or Guard.from_settings(settings)
    deadline = Deadline(settings.fetch_deadline)
    try:
        guard.check_url(url)
    except FetchError as exc:
        raise type(exc)(label, exc.problem.replace(url, label)) from None
    own = client is None
    http = client or guarded_client(settings, guard, deadline)
    sent = {"User-Agent": settings.user_agent, **(headers or {})}
    try:
        response = http.post(url, json=payload, headers=sent)
        return response.status_code
    except httpx.TimeoutException as exc:
        raise FetchError(label, f"cannot post: {_timed_out(settings, deadline)}") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(label, f"cannot post: {type(exc).__name__}") from exc
    finally:
        if own:
            http.close()
