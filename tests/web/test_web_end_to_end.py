"""The real pipeline on the Korea Times article (read from ../shared), then the dashboard
in headless Chromium: overview, the rok-lethal-aid red line, its evidence and chart, the
article with Park Won-gon's quote highlighted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from web_browser import NO_CHROMIUM, Browser, chromium, serve

from redline.settings import Settings
from redline.store import Store
from redline.web.views import status_text

ROOT = Path(__file__).resolve().parents[2]
LINES_FILE = ROOT / "sample" / "redlines.yaml"
PUBLISHED = "2024-10-20"

pytestmark = [pytest.mark.browser, pytest.mark.slow, NO_CHROMIUM]


def _pipeline(store: Store, article: Path) -> str:
    """ingest -> analyze_article -> add the sample red lines -> assess; the article id."""
    import redline.assess as assess_mod
    import redline.assess.lines as lines_mod
    import redline.store.lines as line_store
    from redline.ingest import ReadOptions, meta_from_flags
    from redline.pipeline import analyze_article, ingest

    if not LINES_FILE.exists():
        pytest.skip(f"{LINES_FILE} is not written yet")
    options = ReadOptions(meta=meta_from_flags(published=PUBLISHED, outlet="The Korea Times"))
    settings = Settings(db=store.url, analyze_on_ingest=False)
    [outcome] = list(ingest(store, [str(article)], settings=settings, options=options))
    assert outcome.article_id, outcome.error
    analyze_article(store, outcome.article_id)
    line_store.add_lines(store, lines_mod.load_lines(LINES_FILE))
    day = datetime.fromisoformat(PUBLISHED).date()
    assess_mod.assess(store, as_of=datetime.combine(day, time.max, tzinfo=UTC))  # a look-back
    assess_mod.assess(store)  # the live run, which the dashboard shows
    return str(outcome.article_id)


@pytest.fixture(scope="module")
def korea_times(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    article = ROOT.parent / "shared" / "corpus" / "koreatimes-lethal-weapons-dilemma.txt"
    if not article.exists():
        pytest.skip(f"{article} is not here (it is read from ../shared, never copied)")
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('kt') / 'redline.db'}")
    article_id = _pipeline(store, article)
    from redline.store.lines import latest_verdict

    stored = latest_verdict(store, "rok-lethal-aid")
    assert stored is not None
    for base_url in serve(store):
        yield base_url, article_id, status_text(stored.status)


def test_web_korea_times_end_to_end(korea_times: tuple[str, str, str], tmp_path: Path) -> None:
    base_url, article_id, verdict = korea_times
    with chromium() as launched:
        browser = Browser(launched, base_url, tmp_path)
        page = browser.page
        page.goto(base_url + "/")
        card = page.locator("#line-rok-lethal-aid")
        assert card.count() == 1
        assert card.locator(".verdict .badge").inner_text() == verdict
        browser.shot("web-kt-overview")
        card.locator("h2 a").click()
        page.wait_for_url("**/lines/rok-lethal-aid")
        assert page.locator(".verdict-head .badge").inner_text() == verdict
        assert page.locator("table.evidence tbody tr").count() >= 1
        assert page.locator("svg.timeline a.pt").count() >= 1
        browser.shot("web-kt-line")
        page.locator(f"table a[href^='/articles/{article_id}']").first.click()
        page.wait_for_url(f"**/articles/{article_id}*")
        speaker = page.locator(".article-text .tag.speaker", has_text="Park Won-gon")
        assert speaker.count() >= 1
        assert speaker.first.is_visible()
        quoted = speaker.first.locator(
            "xpath=following-sibling::span[contains(concat(' ', @class, ' '), ' hl ')][1]")
        assert "q" in (quoted.get_attribute("class") or "").split()  # the words are marked
        browser.shot("web-kt-article")
        assert browser.outside == [] and browser.dialogs == [] and browser.errors == []
