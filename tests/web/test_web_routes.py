"""Every page and API route through FastAPI's TestClient, on fixture rows."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from web_rows import Seeded

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from redline.store import Store, verdict_pages
from redline.web import schemas
from redline.web.app import create_app

API_PATHS = {"/api/lines", "/api/lines/{line_id}", "/api/lines/{line_id}/history",
             "/api/articles/{article_id}", "/api/search"}


@pytest.fixture(scope="module")
def seeded(seeded_once: Seeded) -> Seeded:
    return seeded_once


@pytest.fixture(scope="module")
def client(seeded_once: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_once.store)) as test_client:
        yield test_client


def get_json(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_web_overview_cards(client: TestClient, seeded: Seeded) -> None:
    cards = [schemas.LineSummary.model_validate(c) for c in get_json(client, "/api/lines")]
    by_id = {card.line.id: card for card in cards}
    assert set(by_id) == {"rok-lethal-aid", "us-troops-ukraine"}
    rok = by_id["rok-lethal-aid"]
    assert (rok.status, rok.status_text) == ("precursors_seen", "Precursors seen")
    assert rok.last_change is not None and rok.last_change.isoformat().startswith("2024-06-20")
    assert rok.strongest_evidence is not None
    assert rok.strongest_evidence.event_id == seeded.troops  # confirmed, B2, latest
    assert by_id["us-troops-ukraine"].status is None
    page = client.get("/").text
    assert "Precursors seen" in page and "Not assessed yet" in page
    assert "ten thousand soldiers" in page


def test_web_line_latest(client: TestClient, seeded: Seeded) -> None:
    detail = schemas.LineDetail.model_validate(get_json(client, "/api/lines/rok-lethal-aid"))
    assert detail.verdict is not None and detail.verdict.stored
    assert [e.event_id for e in detail.verdict.evidence] == [seeded.pact, seeded.troops]
    assert [e.speculated_by for e in detail.verdict.speculated] == ["Officials in Seoul"]
    assert [a.speaker for a in detail.verdict.assessments] == ["Park Won-gon"]
    assert [h.status for h in detail.history] == ["precursors_seen", "precursors_seen",
                                                  "not_crossed"]
    assert detail.line.options and detail.line.consequence and detail.line.precursors
    page = client.get("/lines/rok-lethal-aid").text
    for words in ("Evidence", "Assessments", "Speculated trigger events", "Verdict history",
                  "Officials in Seoul", "Park Won-gon", "B2", "Consequence", "Options"):
        assert words in page
    assert page.count('class="pt"') == 3


@pytest.mark.parametrize("as_of, status, evidence", [
    ("2024-06-01", "not_crossed", 0),
    ("2024-06-20", "precursors_seen", 1),
    ("2024-10-20T23:00:00+00:00", "precursors_seen", 2),
])
def test_web_line_as_of_is_computed(client: TestClient, as_of: str, status: str,
                                    evidence: int) -> None:
    detail = schemas.LineDetail.model_validate(
        get_json(client, f"/api/lines/rok-lethal-aid?as_of={as_of.replace('+', '%2B')}"))
    assert detail.verdict is not None and not detail.verdict.stored
    assert (detail.verdict.status, len(detail.verdict.evidence)) == (status, evidence)
    assert detail.as_of is not None
    assert all(h.as_of <= detail.as_of for h in detail.history)


def test_web_as_of_swap_returns_the_body_only(client: TestClient) -> None:
    headers = {"HX-Request": "true", "HX-Target": "line-body"}
    fragment = client.get("/lines/rok-lethal-aid?as_of=2024-06-20", headers=headers).text
    assert fragment.lstrip().startswith('<div id="line-body">')
    assert "<html" not in fragment and "end of 2024-06-20" in fragment
    page = client.get("/lines/rok-lethal-aid?as_of=2024-06-20").text
    assert page.startswith("<!doctype html>") and 'value="2024-06-20"' in page


def test_web_line_history_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The red-line page lists its history a page at a time, newest first, with links to
    the older and newer pages; the counts come from the verdict rows."""
    monkeypatch.setattr(verdict_pages, "HISTORY_PAGE", 2)
    first = schemas.LineDetail.model_validate(get_json(client, "/api/lines/rok-lethal-aid"))
    assert [h.status for h in first.history] == ["precursors_seen", "precursors_seen"]
    assert [h.evidence_count for h in first.history] == [2, 1]
    older = schemas.LineDetail.model_validate(
        get_json(client, "/api/lines/rok-lethal-aid?history_offset=2"))
    assert [(h.status, h.evidence_count) for h in older.history] == [("not_crossed", 0)]
    assert older.verdict is not None and older.verdict.status == "precursors_seen"
    page = client.get("/lines/rok-lethal-aid").text
    assert 'href="/lines/rok-lethal-aid?history_offset=2"' in page and "newer verdicts" not in page
    last = client.get("/lines/rok-lethal-aid?history_offset=2").text
    assert 'href="/lines/rok-lethal-aid?history_offset=0"' in last
    assert "older verdicts" not in last
    assert client.get("/api/lines/rok-lethal-aid?history_offset=-1").status_code == 422


def test_web_history(client: TestClient) -> None:
    history = [schemas.HistoryEntry.model_validate(h)
               for h in get_json(client, "/api/lines/rok-lethal-aid/history")]
    assert [h.status for h in history] == ["not_crossed", "precursors_seen", "precursors_seen"]
    assert history[1].changed is not None and history[1].changed.from_ == "not_crossed"
    assert get_json(client, "/api/lines/us-troops-ukraine/history") == []


def test_web_article(client: TestClient, seeded: Seeded) -> None:
    article = schemas.Article.model_validate(get_json(client, f"/api/articles/{seeded.october}"))
    assert len(article.events) == 3 and len(article.quotes) == 2
    assert article.boilerplate[0] == "3 hours ago"
    page = client.get(f"/articles/{seeded.october}").text
    assert f'id="ev-{seeded.troops}"' in page and f'id="q-{seeded.park_quote}"' in page
    assert '<details class="boilerplate">' in page and "3 hours ago" in page
    assert f'<span class="tag speaker" id="q-{seeded.park_quote}">Park Won-gon</span>' in page


def test_web_event_rows_show_the_place(client: TestClient, seeded: Seeded) -> None:
    """The article page, the red-line evidence and search show where an event happened,
    and the API carries its country, region and how its source commits to it."""
    article = schemas.Article.model_validate(get_json(client, f"/api/articles/{seeded.october}"))
    troops = next(e for e in article.events if e.id == seeded.troops)
    assert (troops.location, troops.location_country, troops.location_region,
            troops.assertion) == ("Kursk", "RUS", "RU-KRS", "asserted")
    placed = '<span class="place">Kursk (Kursk Oblast, RUS)</span>'
    for path in (f"/articles/{seeded.october}", "/lines/rok-lethal-aid",
                 "/search?text=soldiers"):
        page = client.get(path).text
        assert page.count(placed) == 1, path
    line = schemas.LineDetail.model_validate(get_json(client, "/api/lines/rok-lethal-aid"))
    assert line.verdict is not None
    located = [e for e in line.verdict.evidence if e.location_region == "RU-KRS"]
    assert [e.event_id for e in located] == [seeded.troops]
    unplaced = client.get(f"/articles/{seeded.june}").text
    assert '<span class="place">' not in unplaced


@pytest.mark.parametrize("query, events, quotes", [
    ("", 4, 2),
    ("actor=PRK", 2, 0),
    ("actor=north korea", 2, 0),
    ("label=possible", 1, 0),
    ("event_type=agree", 1, 0),
    ("kind=quotes&text=proof", 0, 1),
    ("kind=events&text=soldiers", 1, 0),
    ("date_from=2024-06-01&date_to=2024-06-30", 1, 0),
    ("date_from=2024-10-01", 3, 2),
    ("text=nothing+like+this", 0, 0),
    ("text=100%25", 0, 0),
    ("text=%22ten+thousand+soldiers%22", 1, 0),
    ("text=soldier", 1, 0),
    ("text=soldiers+-russia", 0, 0),
    ("text=handover+OR+pact", 1, 1),
    ("actor=pyongyang", 0, 0),
    ("limit=1", 1, 1),
])
def test_web_search(client: TestClient, query: str, events: int, quotes: int) -> None:
    result = schemas.SearchResult.model_validate(get_json(client, f"/api/search?{query}"))
    assert (len(result.events), len(result.quotes)) == (events, quotes)
    assert client.get(f"/search?{query}").status_code == 200


def test_web_search_page_lists_results(client: TestClient) -> None:
    page = client.get("/search?actor=PRK&label=confirmed").text
    assert page.count("<tr>") == 1 + 2  # header + two events
    assert '<option value="confirmed" selected>' in page


@pytest.mark.parametrize("path, status, words", [
    ("/api/lines/no-such-line", 404, "no red line 'no-such-line'"),
    ("/api/lines/no-such-line/history", 404, "no red line"),
    ("/api/articles/0000", 404, "no article '0000'"),
    ("/api/lines/rok-lethal-aid?as_of=yesterday", 422, "YYYY-MM-DD"),
    ("/api/lines/rok-lethal-aid?as_of=2024-02-30", 422, "'2024-02-30'"),
    ("/api/search?label=maybe", 422, "valid labels: confirmed"),
    ("/api/search?date_from=20th", 422, "date_from: '20th' is not a date"),
    ("/api/search?date_from=2024-10-02&date_to=2024-10-01", 422, "after date_to"),
    ("/api/search?kind=people", 422, "all, events, quotes"),
    ("/api/search?limit=0", 422, "limit"),
    ("/api/search?text=%22ten+thousand", 422, "quotation mark that is never closed"),
    ("/api/search?text=soldiers+OR", 422, "ends with OR"),
    ("/api/search?text=-soldiers", 422, "names none to look for"),
    ("/api/search?text=sold*iers", 422, '"a phrase", OR between alternatives'),
])
def test_web_api_errors(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert words in response.json()["detail"]


@pytest.mark.parametrize("path, status, words", [
    ("/lines/no-such-line", 404, "no red line"),
    ("/articles/0000", 404, "no article"),
    ("/no/such/page", 404, "no page at /no/such/page"),
    ("/lines/rok-lethal-aid?as_of=soon", 422, "not a date"),
    ("/search?label=maybe", 422, "not a factuality label"),
    ("/search?text=%22unclosed", 422, "quotation mark that is never closed"),
])
def test_web_error_pages(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text and 'href="/"' in response.text


def test_web_openapi_documents_the_api(client: TestClient) -> None:
    schema = get_json(client, "/api/openapi.json")
    assert set(schema["paths"]) == API_PATHS
    components = schema["components"]["schemas"]
    for name in ("LineSummary", "LineDetail", "Verdict", "EvidenceItem", "Assessment",
                 "HistoryEntry", "Article", "Event", "Quote", "SearchResult"):
        assert name in components
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path
        ok = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok or "$ref" in ok.get("items", {}), path
        assert operations["get"]["summary"]
    as_of = [p for p in schema["paths"]["/api/lines/{line_id}"]["get"]["parameters"]
             if p["name"] == "as_of"]
    assert as_of and "YYYY-MM-DD" in as_of[0]["description"]
    assert "grade" in components["EvidenceItem"]["properties"]
    page = client.get("/api").text
    assert all(path in page for path in API_PATHS)


def test_web_static_assets(client: TestClient) -> None:
    for name, kind in (("htmx.min.js", "javascript"), ("tooltip.js", "javascript"),
                       ("style.css", "text/css")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]
    assert client.get("/static/htmx.min.js").text.startswith("/*! htmx 2.")
    assert client.get("/static/../app.py").status_code == 404


def test_web_empty_store(store: Store) -> None:
    with TestClient(create_app(store)) as empty:
        assert empty.get("/api/lines").json() == []
        assert "No red lines in this store yet" in empty.get("/").text
        result = empty.get("/api/search").json()
        assert (result["events"], result["quotes"]) == ([], [])
        # FastAPI's interactive docs load scripts from a CDN: they are not served.
        assert empty.get("/docs").status_code == 404
        assert empty.get("/redoc").status_code == 404


def test_web_look_backs_are_shown_apart_from_the_live_history(store: Store) -> None:
    from datetime import UTC, datetime
    from pathlib import Path

    from redline.assess import assess
    from redline.assess.lines import load_lines
    from redline.store import lines as line_store

    sample = Path(__file__).resolve().parents[2] / "sample" / "redlines.yaml"
    line_store.add_lines(store, load_lines(sample))
    assess(store, as_of=datetime(2024, 6, 30, tzinfo=UTC))  # a look-back
    assess(store)  # the live run
    with TestClient(create_app(store)) as web:
        detail = web.get("/api/lines/rok-lethal-aid").json()
        assert [h["as_of"][:10] for h in detail["look_backs"]] == ["2024-06-30"]
        assert len(detail["history"]) == 1
        assert not detail["history"][0]["as_of"].startswith("2024-06-30")
        page = web.get("/lines/rok-lethal-aid").text
        look_backs = page[page.index("<h2>Look-backs"):]
        assert 'data-label="As of">2024-06-30</td>' in look_backs
