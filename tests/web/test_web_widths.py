"""The dashboard at a phone's width (390 px) and a desktop's (1400 px) in headless Chromium:
nothing wider than the screen, evidence one row per sentence with every event read from it,
the article ids the CLI prints accepted, the API docs interactive and local, and the chart's
rows matching its legend. Screenshots of each page at both widths go to the test's folder
and to test-output/."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from web_browser import NO_CHROMIUM, Browser, chromium, serve
from web_rows import TROOPS, Seeded, _item, seed

from redline.store import Store
from redline.store.models import ArticleRow, EventRow, VerdictRow

pytestmark = [pytest.mark.browser, NO_CHROMIUM]
WIDTHS = (390, 1400)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """The dashboard rows, plus the troops sentence read a second time (as MOBILIZE) and a
    verdict whose evidence holds both readings."""
    rows = seed(Store(f"sqlite:///{tmp_path_factory.mktemp('widths') / 'web.db'}"))
    with rows.store.write() as session:
        october = session.get(ArticleRow, rows.october)
        first = session.get(EventRow, rows.troops)
        assert october is not None and first is not None
        second = EventRow(article_id=october.id, span_start=first.span_start,
                          span_end=first.span_end, sentence=TROOPS, published=october.published,
                          outlet=october.outlet, event_type="MOBILIZE", actor="PRK",
                          actor_text="Pyongyang", recipient="RUS", recipient_text="Russia",
                          factuality=2.5, factuality_label="reported", objects=["soldiers"])
        session.add(second)
        session.flush()
        evidence = [_item(first, october, "precursor", indicator="troop-deployment"),
                    _item(second, october, "precursor", indicator="troop-deployment")]
        now = datetime(2024, 10, 21, tzinfo=UTC)
        session.add(VerdictRow(line_id="rok-lethal-aid", as_of=now, computed=now,
                               status="precursors_seen", evidence=evidence, speculated=[],
                               assessments=[], changed={"from": "not_crossed",
                                                        "to": "precursors_seen",
                                                        "new_evidence": [first.id, second.id]}))
    return rows


@pytest.fixture(scope="module")
def base_url(seeded: Seeded) -> Iterator[str]:
    yield from serve(seeded.store)


@pytest.fixture(scope="module")
def launched() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def browser(launched: Any, base_url: str, tmp_path: Path) -> Iterator[Browser]:
    page = Browser(launched, base_url, tmp_path)
    try:
        yield page
    finally:
        page.close()


def _at(browser: Browser, width: int, path: str) -> Any:
    page = browser.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(browser.base_url + path)
    return page


def _fits(page: Any, width: int) -> None:
    """Nothing makes the page scroll sideways, and no text is drawn below 9 px."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    spilled = page.evaluate("""(w) => [...document.querySelectorAll('main *')]
        .filter(el => { const r = el.getBoundingClientRect();
                        return r.width > 0 && r.right > w + 1 && !el.closest('.chart-scroll, .table-wrap, pre'); })
        .map(el => el.tagName + '.' + el.className).slice(0, 5)""", width)
    assert spilled == []
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.timeline text')]
        .map(t => t.getBoundingClientRect().height)""")
    assert all(size >= 9 for size in sizes), sizes


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_fits_the_screen(browser: Browser, seeded: Seeded, width: int) -> None:
    for name, path in [("overview", "/"), ("line", "/lines/rok-lethal-aid"),
                       ("line-as-of", "/lines/rok-lethal-aid?as_of=2024-10-20"),
                       ("article", f"/articles/{seeded.october[:12]}"), ("api", "/api")]:
        page = _at(browser, width, path)
        _fits(page, width)
        browser.shot(f"width-{width}-{name}")
    assert browser.errors == [] and browser.outside == []


@pytest.mark.parametrize("width", WIDTHS)
def test_one_evidence_row_per_sentence_with_all_its_readings(browser: Browser,
                                                             width: int) -> None:
    page = _at(browser, width, "/lines/rok-lethal-aid")
    rows = page.locator("table.evidence tbody tr")
    sentences = [rows.nth(i).locator("td.sentence").inner_text() for i in range(rows.count())]
    assert sentences.count(TROOPS) == 1
    troops = rows.nth(sentences.index(TROOPS))
    readings = troops.locator("ul.readings li").all_inner_texts()
    assert len(readings) == 2
    assert any("AID" in r for r in readings) and any("MOBILIZE" in r for r in readings)
    head = page.locator(".verdict-head").inner_text()
    assert "on 1 new evidence sentence" in head  # the two new readings share one sentence
    assert page.locator("h2", has_text="Evidence").locator(".count").inner_text() == \
        str(rows.count())


def test_the_chart_has_a_row_for_each_legend_entry(browser: Browser) -> None:
    page = _at(browser, 1400, "/lines/rok-lethal-aid?as_of=2024-10-20")
    rows = page.locator("svg.timeline text.ylabel").all_text_contents()
    legend = page.locator(".legend .swatch").all_inner_texts()
    assert rows == legend and "conditional" in rows and rows[-1] == "denied"
    ys = [float(y) for y in page.locator("svg.timeline text.ylabel").evaluate_all(
        "els => els.map(e => e.getAttribute('y'))")]
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    assert max(gaps) - min(gaps) < 0.5  # evenly spaced: no empty band above "denied"


@pytest.mark.parametrize("prefix", [12, 64, 7])
def test_article_pages_take_every_id_form_the_cli_prints(browser: Browser, seeded: Seeded,
                                                         prefix: int) -> None:
    for path in (f"/articles/{seeded.october[:prefix]}",
                 f"/api/articles/{seeded.october[:prefix]}"):
        response = browser.page.request.get(browser.base_url + path)
        assert response.status == 200, path
    assert browser.page.request.get(
        browser.base_url + f"/api/articles/{seeded.october[:prefix]}").json()["id"] == \
        seeded.october


@pytest.mark.parametrize("path, status, words", [
    ("/api/articles/ffffffffffff", 404, "no article 'ffffffffffff'"),
    ("/api/articles/not-hex", 404, "unique prefix"),
])
def test_unknown_article_ids_are_404_without_the_database_url(
        browser: Browser, path: str, status: int, words: str) -> None:
    response = browser.page.request.get(browser.base_url + path)
    assert response.status == status
    detail = response.json()["detail"]
    assert words in detail and "sqlite" not in detail


@pytest.mark.parametrize("path", ["/api", "/api/docs"])
def test_the_api_docs_are_interactive_and_local(browser: Browser, path: str) -> None:
    page = _at(browser, 1400, path)
    form = page.locator("form.try[data-path='/api/lines/{line_id}']")
    form.locator("input[name=line_id]").fill("rok-lethal-aid")
    form.locator("input[name=as_of]").fill("2024-10-20")
    form.locator("button").click()
    answer = page.locator("form.try[data-path='/api/lines/{line_id}'] + pre.answer")
    answer.filter(has_text="→ 200").wait_for()
    assert '"line_id": "rok-lethal-aid"' in answer.inner_text()
    assert browser.outside == [] and browser.errors == []
    scripts = page.locator("script[src]").evaluate_all("els => els.map(e => e.src)")
    assert scripts and all(src.startswith(browser.base_url + "/static/") for src in scripts)
