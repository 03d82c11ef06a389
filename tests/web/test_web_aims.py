"""Whose aim an event is, on the dashboard and in the API: the article's events carry
``intended_by`` and ``intended_text``, the highlighted sentence and the red line's
evidence say "aim of ...", and who reports it stays "according to ..."."""

from __future__ import annotations

import html
import warnings
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from redline.assess import assess
from redline.assess.lines import load_lines
from redline.records import Analysis, Event
from redline.store import Store
from redline.store import lines as line_store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow
from redline.web import schemas
from redline.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

TEXT = "The NIS said Russia aims to hand satellite technology to North Korea."
ARTICLE = "c" * 64  # an id as the store makes them (a hash)
LINES = Path(__file__).resolve().parents[2] / "sample" / "redlines.yaml"


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'aims.db'}")
    published = datetime(2024, 10, 20, tzinfo=UTC)
    with store.write() as session:
        session.add(ArticleRow(id=ARTICLE, text=TEXT, outlet="The Korea Times",
                               headline="Russia's aim", published=published,
                               ingested=published, language="en", section_headings=[],
                               boilerplate=[]))
    aim = Event(event="AID", span=(0, len(TEXT)), factuality=0.0,
                factuality_label="unconfirmed", actor="RUS", actor_text="Russia",
                recipient="PRK", recipient_text="North Korea",
                objects=("satellite technology",), attributed_to="KOR-INTEL",
                attributed_text="the NIS", sentence=TEXT)
    replace_analysis(store, ARTICLE, Analysis(text=TEXT, published=published, events=[
        replace(aim, intended_by="RUS", intended_text="Russia")]))
    line_store.add_lines(store, load_lines(LINES))
    assess(store)
    return store


def test_aims_in_the_api_and_the_pages(tmp_path: Path) -> None:
    with TestClient(create_app(_store(tmp_path))) as client:
        article = schemas.Article.model_validate(client.get(f"/api/articles/{ARTICLE}").json())
        assert [(e.intended_by, e.intended_text, e.attributed_to) for e in article.events] \
            == [("RUS", "Russia", "KOR-INTEL")]
        page = html.unescape(client.get(f"/articles/{ARTICLE}").text)
        assert "aim of Russia · according to the NIS" in page
        line = schemas.LineDetail.model_validate(
            client.get("/api/lines/rok-lethal-aid").json())
        assert line.verdict is not None
        assert [i.intended_by for i in line.verdict.speculated] == ["RUS"]
        body = client.get("/lines/rok-lethal-aid").text
        speculated = body.split('class="speculated', 1)[1]
        assert '<span class="muted">aim of Russia</span>' in speculated
        assert "the NIS" in speculated  # who reports it, where it is speculated
