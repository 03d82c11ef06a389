"""The as-of view computes a past verdict once per state of the store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.conftest import SAMPLE

from redline.assess.lines import load_lines
from redline.records import Analysis, Event
from redline.store import Store
from redline.store import lines as line_store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow
from redline.web import views


def test_a_new_event_recomputes_the_past_verdict(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    line_store.add_lines(store, load_lines(SAMPLE / "redlines.yaml"))
    calls: list[str] = []
    real = views.evaluate

    def counting(store: Store, line_id: str, *, as_of: datetime | None = None):  # type: ignore[no-untyped-def]
        calls.append(line_id)
        return real(store, line_id, as_of=as_of)

    monkeypatch.setattr(views, "evaluate", counting)
    views._evaluated.cache_clear()
    as_of = datetime(2024, 10, 30, tzinfo=UTC)
    first = views.line_detail(store, "rok-lethal-aid", as_of)
    again = views.line_detail(store, "rok-lethal-aid", as_of)
    assert len(calls) == 1 and first.verdict == again.verdict
    assert first.verdict is not None and first.verdict.status == "not_crossed"

    text = "Pyongyang has moved its troops into Russia, the White House said."
    with store.write() as session:
        session.add(ArticleRow(id="a1", text=text, outlet="The White House", language="en",
                               published=datetime(2024, 10, 25, tzinfo=UTC),
                               ingested=datetime.now(UTC), section_headings=[], boilerplate=[]))
    replace_analysis(store, "a1", Analysis(text=text, events=[Event(
        event="MOBILIZE", span=(0, len(text)), factuality=3.0, factuality_label="confirmed",
        actor="PRK", recipient="RUS", objects=("troops",), sentence=text)]))
    moved = views.line_detail(store, "rok-lethal-aid", as_of)
    assert len(calls) == 2
    assert moved.verdict is not None and moved.verdict.status == "precursors_seen"
