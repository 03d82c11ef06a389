"""Each ingest path: text, HTML, RSS, Atom, folder, JSONL, sidecars, flags, URLs, times."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from tests.public_dns import PUBLIC

from redline.errors import InputError
from redline.ingest import ReadOptions, SourceMeta, meta_from_flags
from redline.ingest.fetch import fetch
from redline.pipeline import Outcome, ingest
from redline.settings import Settings
from redline.store import Store
from redline.store.articles import StoredArticle, get_article, list_articles

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"
SENTENCE = ("The two officials committed to continuing close cooperation in support of Ukraine "
            "and the Ukrainian people.")
OTHER = ("The three national security advisors reaffirmed their commitment to address common "
         "regional and global challenges.")


def settings_for(store: Store, **changes: object) -> Settings:
    return Settings(db=store.url, analyze_on_ingest=False, **changes)  # type: ignore[arg-type]


def run(store: Store, *targets: str | Path, meta: SourceMeta | None = None,
        fmt: str = "auto", **kwargs: object) -> list[Outcome]:
    options = ReadOptions(fmt=fmt, meta=meta or SourceMeta())
    return list(ingest(store, [str(t) for t in targets], settings=settings_for(store),
                       options=options, **kwargs))  # type: ignore[arg-type]


def stored(store: Store, outcome: Outcome) -> StoredArticle:
    assert outcome.article_id is not None, outcome.error
    return get_article(store, outcome.article_id)


def test_plain_text_with_flags(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"A readout of the meeting\n\nBy Jane Roe\n\n{SENTENCE}\n", encoding="utf-8")
    meta = meta_from_flags(url="https://Example.org/a?utm_source=x#top", outlet="Example",
                           published="2024-10-20", retrieved="2024-10-21T09:00:00+09:00")
    [outcome] = run(store, path, meta=meta)
    article = stored(store, outcome).article
    assert outcome.status == "new"
    assert article.headline == "A readout of the meeting" and article.byline == "Jane Roe"
    assert article.text == SENTENCE
    assert article.url == "https://example.org/a"
    assert article.outlet == "Example"
    assert article.published == datetime(2024, 10, 20, tzinfo=UTC)
    assert article.retrieved == datetime(2024, 10, 21, 0, tzinfo=UTC)


def test_html_page_with_its_metadata(store: Store) -> None:
    [outcome] = run(store, DATA / "wire-page.html")
    article = stored(store, outcome).article
    assert article.headline == "Allies condemn troop deployment"
    assert article.byline == "Jane Roe"
    assert article.outlet == "Example Wire"
    assert article.url == "https://wire.example.org/world/allies-condemn-troop-deployment"
    assert article.published == datetime(2024, 10, 25, 5, 30, tzinfo=UTC)
    assert article.section_headings == ("Trilateral partnership",)
    assert "Advertisement" in article.boilerplate and "Advertisement" not in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert len(article.text.split("\n\n")) == 4


def test_rss_feed_entries_become_articles(store: Store) -> None:
    outcomes = run(store, DATA / "briefings.rss")
    assert [o.status for o in outcomes] == ["new", "new"]
    first, second = (stored(store, o).article for o in outcomes)
    assert first.headline == "Readout of a meeting with the Republic of Korea"
    assert first.url == "https://briefings.example.org/readout-rok"
    assert first.outlet == "Example Briefings" and first.byline == "Press Office"
    assert first.published == datetime(2024, 10, 25, 22, 0, tzinfo=UTC)
    assert first.text.split("\n\n")[1] == SENTENCE
    assert first.boilerplate == ("Advertisement",)
    assert second.published == datetime(2024, 6, 20, 15, 12, tzinfo=UTC)


def test_atom_feed_entry_and_flags_over_feed(store: Store) -> None:
    [outcome] = run(store, DATA / "statements.atom", meta=SourceMeta(outlet="Flag Outlet"))
    article = stored(store, outcome).article
    assert article.headline == "Joint statement of three leaders"
    assert article.url == "https://statements.example.org/2024/11/joint-statement"
    assert article.outlet == "Flag Outlet"
    assert article.published == datetime(2024, 11, 15, 12, 30, tzinfo=UTC)
    assert article.boilerplate == ("Leaders meet in Lima. (AP Photo/Jane Doe)",)
    assert len(article.text.split("\n\n")) == 2


def test_sidecars_json_and_yaml_are_read_as_they_are(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({
        "title": "Sidecar headline A", "published": "2024-10-25", "outlet": "Outlet A",
        "url": "https://a.example.org/x", "licence": "ignored"}), encoding="utf-8")
    (tmp_path / "b.md").write_text(OTHER, encoding="utf-8")
    (tmp_path / "b.meta.yaml").write_text(
        "title: Sidecar headline B\npublished: 2024-11-15T21:30:00+09:00\noutlet: Outlet B\n",
        encoding="utf-8")
    outcomes = run(store, tmp_path)
    articles = {stored(store, o).article.outlet: stored(store, o).article for o in outcomes}
    assert articles["Outlet A"].headline == "Sidecar headline A"
    assert articles["Outlet A"].published == datetime(2024, 10, 25, tzinfo=UTC)
    assert articles["Outlet A"].url == "https://a.example.org/x"
    assert articles["Outlet B"].headline == "Sidecar headline B"
    assert articles["Outlet B"].published == datetime(2024, 11, 15, 12, 30, tzinfo=UTC)


def test_flags_win_over_sidecar(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"outlet": "Sidecar", "published": "2024-10-25"}',
                                          encoding="utf-8")
    [outcome] = run(store, tmp_path / "a.txt", meta=meta_from_flags(published="2024-10-26"))
    article = stored(store, outcome).article
    assert article.outlet == "Sidecar"
    assert article.published == datetime(2024, 10, 26, tzinfo=UTC)


def test_folder_of_mixed_files(store: Store, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.html").write_bytes((DATA / "wire-page.html").read_bytes())
    (tmp_path / "three.rss").write_bytes((DATA / "briefings.rss").read_bytes())
    (tmp_path / "README.md").write_text("# About these files\n\nNot an article at all here.\n")
    (tmp_path / ".hidden.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    outcomes = run(store, tmp_path)
    assert [o.status for o in outcomes] == ["new"] * 4
    assert {Path(o.source).name for o in outcomes} >= {"one.txt", "two.html"}
    assert len(list_articles(store)) == 4


def test_jsonl_records(store: Store, tmp_path: Path) -> None:
    records = [
        {"url": "https://j.example.org/1", "text": SENTENCE, "published": "2024-10-25",
         "outlet": "JSON Outlet", "title": "First record"},
        {"url": "https://j.example.org/2", "html": (DATA / "wire-page.html").read_text(),
         "retrieved": "2024-10-26T00:00:00Z"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    outcomes = run(store, path, meta=SourceMeta(outlet="Flag Outlet"))
    first, second = (stored(store, o).article for o in outcomes)
    assert first.headline == "First record" and first.outlet == "Flag Outlet"
    assert first.published == datetime(2024, 10, 25, tzinfo=UTC)
    assert first.url == "https://j.example.org/1"
    assert second.headline == "Allies condemn troop deployment"
    assert second.url == "https://j.example.org/2"
    assert second.retrieved == datetime(2024, 10, 26, tzinfo=UTC)
    assert outcomes[0].source == f"{path} line 1"


def test_relative_timestamp_resolves_against_retrieval(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"A readout of the meeting\n\n3 hours ago\n\n{SENTENCE}\n", encoding="utf-8")
    retrieved = "2024-10-20T12:00:00+00:00"
    [outcome] = run(store, path, meta=meta_from_flags(retrieved=retrieved))
    article = stored(store, outcome).article
    assert article.published == datetime(2024, 10, 20, 9, 0, tzinfo=UTC)
    assert "3 hours ago" in article.boilerplate


def test_relative_timestamp_without_retrieval_gives_no_date(store: Store, tmp_path: Path
                                                            ) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"A readout\n\n2 days ago\n\n{SENTENCE}\n", encoding="utf-8")
    [outcome] = run(store, path)
    assert stored(store, outcome).article.published is None


def test_explicit_date_wins_over_relative_timestamp(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"A readout\n\n3 hours ago\n\n{SENTENCE}\n", encoding="utf-8")
    meta = meta_from_flags(published="2024-10-18", retrieved="2024-10-20T12:00:00Z")
    [outcome] = run(store, path, meta=meta)
    assert stored(store, outcome).article.published == datetime(2024, 10, 18, tzinfo=UTC)


@pytest.mark.parametrize("given, expected", [
    ("2024-10-20", datetime(2024, 10, 20, tzinfo=UTC)),
    ("2024-10-20T09:30:00+09:00", datetime(2024, 10, 20, 0, 30, tzinfo=UTC)),
    ("2024-10-20T09:30:00", datetime(2024, 10, 20, 9, 30, tzinfo=UTC)),
    ("2024-10-20T09:30:00Z", datetime(2024, 10, 20, 9, 30, tzinfo=UTC)),
    ("October 20, 2024", datetime(2024, 10, 20, tzinfo=UTC)),
])
def test_publication_time_is_utc(given: str, expected: datetime) -> None:
    assert meta_from_flags(published=given).published == expected


def test_unreadable_flag_date_names_the_flag() -> None:
    with pytest.raises(InputError, match=r"--published: .*'soon' is not a date"):
        meta_from_flags(published="soon")


def test_whole_sample_folder(store: Store) -> None:
    outcomes = run(store, SAMPLE)
    assert len(outcomes) == 9 and all(o.status == "new" for o in outcomes)
    for outcome in outcomes:
        sidecar = json.loads(Path(outcome.source).with_suffix(".meta.json").read_text())
        article = stored(store, outcome).article
        assert article.headline == sidecar["title"]
        assert article.outlet == sidecar["outlet"]
        assert article.published is not None
        assert article.published.date().isoformat() == sidecar["published"]
        assert article.published.tzinfo is not None and article.published.utcoffset() == timedelta(0)
        assert article.url == sidecar["url"]
        assert article.subheadline is None and article.byline is None
        assert "\n\n\n" not in article.text and article.text == article.text.strip()


def _mock_fetcher(settings: Settings, pages: dict[str, tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request) -> httpx.Response:
        kind, body = pages[str(request.url)]
        assert request.headers["user-agent"] == settings.user_agent
        return httpx.Response(200, content=body, headers={"content-type": kind})

    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    return lambda url: fetch(url, settings, client=client, guard=PUBLIC)


def test_url_is_fetched_and_read_by_content_type(store: Store) -> None:
    settings = settings_for(store)
    url = "https://wire.example.org/story?utm_medium=social"
    fetcher = _mock_fetcher(settings, {url: ("text/html; charset=utf-8",
                                             (DATA / "wire-page.html").read_bytes())})
    [outcome] = list(ingest(store, [url], settings=settings, fetcher=fetcher))
    article = stored(store, outcome).article
    assert article.url == "https://wire.example.org/story"
    assert article.retrieved is not None
    assert article.headline == "Allies condemn troop deployment"


def test_feed_links_are_followed_when_asked(store: Store) -> None:
    settings = settings_for(store)
    html = (DATA / "wire-page.html").read_bytes()
    fetcher = _mock_fetcher(settings, {
        "https://briefings.example.org/readout-rok?utm_source=rss": ("text/html", html),
        "https://briefings.example.org/air-defense": ("text/html", html.replace(
            b"Advertisement", b"The allies met again on Friday to review progress.")),
    })
    options = ReadOptions(follow_links=True)
    outcomes = list(ingest(store, [str(DATA / "briefings.rss")], settings=settings,
                           options=options, fetcher=fetcher))
    first = stored(store, outcomes[0]).article
    assert first.headline == "Readout of a meeting with the Republic of Korea"  # the feed's
    assert first.url == "https://briefings.example.org/readout-rok"
    assert "Trilateral partnership" in first.section_headings  # the linked page's text
    assert outcomes[1].status == "new"
