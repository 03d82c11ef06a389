"""Nothing is fetched that should not be: private and loopback hosts refused on every hop
(direct URLs, feed links, redirects, webhooks), redirects bounded, a total deadline."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from tests.loopback import Answer, Request, page, redirect, serving
from tests.public_dns import PUBLIC_ADDRESS

from redline.errors import FetchError
from redline.ingest import ReadOptions
from redline.ingest.fetch import fetch, post_json
from redline.ingest.guard import Guard, HostRefused, is_public, literal_address
from redline.pipeline import ingest
from redline.settings import Settings
from redline.store import Store
from redline.store.articles import count_articles

DATA = Path(__file__).parent / "data"
HTML = (DATA / "wire-page.html").read_bytes()
# Names resolved by the tests' own table, never by DNS; private ones are never connected to.
NAMES = {
    "news.example.org": ["93.184.215.14"],
    "intranet.example": ["10.0.0.5"],
    "router.example": ["192.168.1.1"],
    "docker.example": ["172.17.0.2"],
    "cgnat.example": ["100.64.3.4"],
    "ula.example": ["fd00::7"],
    "linklocal.example": ["fe80::1"],
    "mixed.example": ["93.184.215.14", "10.0.0.5"],
    "mapped.example": ["::ffff:127.0.0.1"],
}


def table_resolver(host: str) -> list[str]:
    if host not in NAMES:
        raise AssertionError(f"the test resolved an unexpected name {host!r}")
    return NAMES[host]


def _settings(**changes: object) -> Settings:
    return Settings(db="sqlite://", analyze_on_ingest=False, **changes)  # type: ignore[arg-type]


def _recording_client(seen: list[str]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=HTML, headers={"content-type": "text/html"})

    return httpx.Client(transport=httpx.MockTransport(handler))


@pytest.mark.parametrize("host, public", [
    ("93.184.215.14", True), ("2606:4700::1111", True),
    ("127.0.0.1", False), ("0x7f000001", False), ("2130706433", False), ("127.1", False),
    ("0177.0.0.1", False), ("[::1]", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False),
    ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.0.10", False), ("100.64.0.1", False),
    ("169.254.169.254", False), ("fd00::1", False), ("fe80::1", False), ("224.0.0.1", False),
])
def test_address_forms_are_read_and_only_global_ones_are_public(host: str,
                                                                 public: bool) -> None:
    address = literal_address(host)
    assert address is not None
    assert is_public(address) is public


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:18998/x", "http://0x7f000001:18998/x", "http://localhost/x",
    "http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/x",
    "http://[::1]/x", "http://intranet.example/x", "http://router.example/",
    "http://docker.example/", "http://cgnat.example/", "http://ula.example/",
    "http://linklocal.example/", "http://mixed.example/", "http://mapped.example/",
])
def test_private_hosts_are_refused_without_a_connection(url: str) -> None:
    seen: list[str] = []
    guard = Guard(resolver=table_resolver)
    with pytest.raises(HostRefused, match=r"refused: .*allow_private_hosts"):
        fetch(url, _settings(), client=_recording_client(seen), guard=guard)
    assert seen == []


@pytest.mark.parametrize("url", ["ftp://news.example.org/x", "file:///etc/passwd",
                                 "gopher://news.example.org/"])
def test_other_schemes_are_refused(url: str) -> None:
    seen: list[str] = []
    with pytest.raises(FetchError, match="valid: http, https"):
        fetch(url, _settings(), client=_recording_client(seen), guard=Guard(resolver=table_resolver))
    assert seen == []


def test_opt_ins_open_private_hosts_for_an_intranet() -> None:
    seen: list[str] = []
    client = _recording_client(seen)
    fetch("http://intranet.example/a", _settings(), client=client,
          guard=Guard.from_settings(_settings(allowed_hosts="intranet.example"), table_resolver))
    with pytest.raises(HostRefused):  # one name opened, not the others
        fetch("http://router.example/", _settings(), client=client,
              guard=Guard.from_settings(_settings(allowed_hosts="intranet.example"),
                                        table_resolver))
    fetch("http://router.example/b", _settings(), client=client,
          guard=Guard.from_settings(_settings(allow_private_hosts=True), table_resolver))
    assert seen == ["http://intranet.example/a", "http://router.example/b"]


def test_a_redirect_to_a_private_address_is_refused_and_not_followed() -> None:
    with serving({}) as server:
        server.routes["/go"] = redirect(f"http://0x7f000001:{server.port}/secret")
        server.routes["/secret"] = page(b"internal")
        guard = Guard.from_settings(_settings(allowed_hosts="127.0.0.1"))  # the first hop only
        with pytest.raises(HostRefused, match="0x7f000001"):
            fetch(server.url("/go"), _settings(), guard=guard)
        assert server.paths() == ["/go"]


def test_a_redirect_to_a_metadata_address_through_a_mocked_public_host_is_refused() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(HostRefused, match=r"169\.254\.169\.254"):
        fetch("https://news.example.org/story", _settings(), client=client,
              guard=Guard(resolver=table_resolver))
    assert seen == ["https://news.example.org/story"]


def test_redirects_are_followed_each_checked_and_at_most_max_redirects() -> None:
    with serving({}) as server:
        server.routes["/a"] = redirect("/b", 301)
        server.routes["/b"] = redirect(server.url("/page"), 307)
        server.routes["/page"] = page(HTML)
        for n in range(10):
            server.routes[f"/loop{n}"] = redirect(f"/loop{n + 1}")
        guard = Guard(allow_private=True)
        fetched = fetch(server.url("/a"), _settings(), guard=guard)
        assert fetched.url == server.url("/page") and fetched.content == HTML
        server.requests.clear()
        with pytest.raises(FetchError, match="more than 3 redirects"):
            fetch(server.url("/loop0"), _settings(max_redirects=3), guard=guard)
        assert server.paths() == ["/loop0", "/loop1", "/loop2", "/loop3"]


def test_a_name_that_resolves_privately_at_connect_time_is_refused() -> None:
    """The address is checked again where the connection is opened (DNS rebinding)."""
    answers = iter([[PUBLIC_ADDRESS], ["127.0.0.1"]])
    with serving({"/": page(HTML)}) as server:
        guard = Guard(resolver=lambda host: next(answers))
        with pytest.raises(HostRefused, match=r"127\.0\.0\.1"):
            fetch(f"http://rebind.example:{server.port}/", _settings(), guard=guard)
        assert server.requests == []


@pytest.mark.parametrize("drip_headers", [False, True])
def test_a_slow_drip_server_is_cut_off_at_the_total_deadline(drip_headers: bool) -> None:
    slow = Answer(200, {"Content-Type": "text/html"}, HTML, drip=0.2, drip_headers=drip_headers)
    with serving({"/slow": lambda request: slow}) as server:
        started = time.monotonic()
        with pytest.raises(FetchError, match=r"no complete answer within 1\.5 s "
                                             r"\(setting fetch_deadline\)"):
            fetch(server.url("/slow"), _settings(fetch_deadline=1.5, fetch_timeout=10),
                  guard=Guard(allow_private=True))
        assert time.monotonic() - started < 4


def test_a_server_that_never_answers_is_named_with_the_per_read_timeout() -> None:
    def silent(request: Request) -> Answer:
        time.sleep(3)
        return Answer(200, body=b"late")

    with serving({"/": silent}) as server, \
            pytest.raises(FetchError, match=r"no answer within 0\.5 s \(setting fetch_timeout\)"):
        fetch(server.url("/"), _settings(fetch_timeout=0.5), guard=Guard(allow_private=True))


def test_feed_links_to_private_hosts_are_refused_and_the_rest_stored(tmp_path: Path) -> None:
    feed = tmp_path / "hostile.rss"
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link>"
                    f"<description>Summary {i}.</description></item>"
                    for i, link in enumerate(["http://169.254.169.254/latest/meta-data/",
                                              "http://intranet.example/admin",
                                              "http://localhost:8080/",
                                              "https://news.example.org/story"]))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    seen: list[str] = []
    client = _recording_client(seen)
    settings = _settings()
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    outcomes = list(ingest(store, [str(feed)], settings=settings,
                           options=ReadOptions(follow_links=True),
                           fetcher=lambda url: fetch(url, settings, client=client,
                                                     guard=Guard(resolver=table_resolver))))
    assert [o.status for o in outcomes] == ["failed", "failed", "failed", "new"]
    assert all("refused" in (o.error or "") for o in outcomes[:3])
    assert seen == ["https://news.example.org/story"]
    assert count_articles(store) == 1


def test_a_feed_run_stops_fetching_at_max_feed_bytes(tmp_path: Path) -> None:
    feed = tmp_path / "many.rss"
    items = "".join(f"<item><title>Item {i}</title><link>https://news.example.org/{i}</link>"
                    "<description>Summary.</description></item>" for i in range(4))
    feed.write_text(f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>",
                    encoding="utf-8")
    seen: list[str] = []
    client = _recording_client(seen)
    settings = _settings(max_feed_bytes=len(HTML) + 1)
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    outcomes = list(ingest(store, [str(feed)], settings=settings,
                           options=ReadOptions(follow_links=True),
                           fetcher=lambda url: fetch(url, settings, client=client,
                                                     guard=Guard(resolver=table_resolver))))
    assert len(seen) == 2
    assert [o.status == "failed" for o in outcomes] == [False, False, True, True]
    assert "setting max_feed_bytes" in (outcomes[2].error or "")


def test_a_webhook_on_a_private_host_is_refused_without_a_connection() -> None:
    seen: list[str] = []
    with pytest.raises(HostRefused) as caught:
        post_json("http://169.254.169.254/hook/SECRET-TOKEN?key=SECRET", {"a": 1},
                  _settings(), client=_recording_client(seen))
    assert seen == []
    assert "SECRET" not in str(caught.value)


def test_a_webhook_answer_is_not_followed_and_has_a_deadline() -> None:
    slow = Answer(200, body=b"x" * 50, drip=0.2, drip_headers=True)
    with serving({"/moved": redirect("/elsewhere", 307), "/slow": lambda r: slow}) as server:
        guard = Guard(allow_private=True)
        assert post_json(server.url("/moved"), {"a": 1}, _settings(), guard=guard) == 307
        assert server.paths() == ["/moved"]
        started = time.monotonic()
        with pytest.raises(FetchError, match="fetch_deadline"):
            post_json(server.url("/slow"), {"a": 1}, _settings(fetch_deadline=1.0), guard=guard)
        assert time.monotonic() - started < 3
