"""The dashboard in a real browser: headless Chromium driven by Playwright, against
uvicorn serving a temporary store. Screenshots go to the test's folder and to
test-output/ at the repository root."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_browser import NO_CHROMIUM, Browser, chromium, serve
from web_rows import Seeded

pytestmark = [pytest.mark.browser, NO_CHROMIUM]


@pytest.fixture(scope="module")
def seeded(seeded_once: Seeded) -> Seeded:
    return seeded_once  # the pages only read: one store and one server serve every test


@pytest.fixture(scope="module")
def base_url(seeded_once: Seeded) -> Iterator[str]:
    yield from serve(seeded_once.store)


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


def test_web_walk_from_overview_to_quote(browser: Browser, seeded: Seeded) -> None:
    page = browser.page
    page.goto(browser.base_url + "/")
    card = page.locator("#line-rok-lethal-aid")
    assert "Precursors seen" in card.inner_text()
    assert "Not assessed yet" in page.locator("#line-us-troops-ukraine").inner_text()
    browser.shot("web-overview")

    card.locator("h2 a").click()
    page.wait_for_url("**/lines/rok-lethal-aid")
    evidence = page.locator("table.evidence tbody tr")
    assert evidence.count() == 2
    assert "ten thousand soldiers" in page.locator("table.evidence").inner_text()
    marks = page.locator("svg.timeline a.pt")
    assert marks.count() == 3  # two precursors and one speculated trigger
    assert page.locator("svg.timeline polygon.mark.hollow").count() == 1
    marks.first.hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert "Source:" in tooltip.inner_text()
    browser.shot("web-line")

    page.locator(f"table.evidence a[href*='#ev-{seeded.troops}']").click()
    page.wait_for_url(f"**/articles/{seeded.october}#ev-{seeded.troops}")
    speaker = page.locator(".article-text .tag.speaker", has_text="Park Won-gon")
    assert speaker.is_visible()
    assert "no proof" in page.locator(".article-text .hl.q").first.inner_text()
    assert page.locator(".article-text .hl.spk", has_text="Park Won-gon").count() == 1
    details = page.locator("details.boilerplate")
    assert details.get_attribute("open") is None
    browser.shot("web-article")
    details.locator("summary").click()
    assert details.locator("li", has_text="3 hours ago").is_visible()

    assert browser.dialogs == [], "article text ran as script"
    assert browser.outside == [], "a page asked for something off the server"
    assert browser.errors == []


def test_web_hostile_text_stays_text(browser: Browser, seeded: Seeded) -> None:
    page = browser.page
    page.goto(f"{browser.base_url}/articles/{seeded.october}")
    text = page.locator(".article-text").inner_text()
    assert '<script>alert("pwned")</script>' in text
    assert "onerror=alert(1)" in text
    assert page.locator(".article-text img, .article-text script").count() == 0
    assert page.locator("h1").inner_text().endswith("onerror=alert(1)>")
    page.goto(browser.base_url + "/")
    page.goto(f"{browser.base_url}/search?text=reader")
    assert page.locator("table.results img, table.results script").count() == 0
    assert browser.dialogs == []


def test_web_as_of_picker_swaps_the_body(browser: Browser) -> None:
    from playwright.sync_api import expect

    page = browser.page
    page.goto(f"{browser.base_url}/lines/rok-lethal-aid")
    assert page.locator("table.evidence tbody tr").count() == 2
    page.fill("#as_of", "2024-06-20")
    with page.expect_response(lambda r: "as_of=2024-06-20" in r.url):
        page.click("form.asof button")
    expect(page.locator("table.evidence tbody tr")).to_have_count(1)
    assert "as_of=2024-06-20" in page.url
    assert "end of 2024-06-20" in page.locator("#line-body").inner_text()
    assert page.locator("h1").count() == 1  # the body was swapped, not the page nested
    browser.shot("web-line-as-of")
    page.fill("#as_of", "2024-06-01")
    page.click("form.asof button")
    body = page.locator("#line-body")
    expect(body).to_contain_text("as of end of 2024-06-01 · computed for this date")
    expect(body.locator(".verdict-head .badge")).to_have_text("Not crossed")
    assert page.locator("table.evidence").count() == 0
    assert browser.errors == []


def test_web_search_page(browser: Browser) -> None:
    page = browser.page
    page.goto(f"{browser.base_url}/search")
    page.fill("input[name=actor]", "PRK")
    page.select_option("select[name=label]", "confirmed")
    page.click("form.search button")
    page.wait_for_url("**/search?*")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 2
    assert all("confirmed" in rows.nth(i).inner_text() for i in range(rows.count()))
    browser.shot("web-search")
    page.goto(f"{browser.base_url}/lines/unknown-line")
    assert "no red line 'unknown-line'" in page.locator(".message").inner_text()
    browser.shot("web-not-found")
