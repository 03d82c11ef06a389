"""The pieces the pages are drawn from: highlighted segments of an article and the
evidence timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redline.web.chart import item_date, timeline
from redline.web.highlight import segments
from redline.web.schemas import Event, EvidenceItem, Quote, Verdict

TEXT = "Moscow may send missiles. Seoul said it saw no proof, a professor said."


def ev(start: int, end: int, label: str = "reported", value: float = 2.5, id: int = 1) -> Event:
    return Event(id=id, event_type="AID", factuality=value, factuality_label=label,
                 span_start=start, span_end=end)


def qt(start: int, end: int, speaker: str | None = "Park", id: int = 1,
       speaker_span: tuple[int, int] | None = None) -> Quote:
    return Quote(id=id, article_id="a", speaker=speaker, kind="indirect", content_start=start,
                 content_end=end, content=TEXT[start:end],
                 speaker_start=speaker_span[0] if speaker_span else None,
                 speaker_end=speaker_span[1] if speaker_span else None)


@pytest.mark.parametrize("events, quotes, expected", [
    # nothing marked: one plain segment
    ([], [], [(TEXT, None, False, ())]),
    # one event over the first sentence
    ([ev(0, 25, "possible", 1.0)], [],
     [(TEXT[:25], "possible", False, ("AID · possible",)), (TEXT[25:], None, False, ())]),
    # a quote inside an event: three pieces of the event, the middle one quoted
    ([ev(26, 71)], [qt(41, 52)],
     [(TEXT[:26], None, False, ()), (TEXT[26:41], "reported", False, ("AID · reported",)),
      (TEXT[41:52], "reported", True, ("Park",)), (TEXT[52:71], "reported", False, ())]),
    # two events over one span: coloured by the less certain, both labelled
    ([ev(0, 25, "confirmed", 3.0, 1), ev(0, 25, "possible", 1.0, 2)], [],
     [(TEXT[:25], "possible", False, ("AID · confirmed", "AID · possible")),
      (TEXT[25:], None, False, ())]),
    # spans outside the text or empty are ignored
    ([ev(60, 500), ev(5, 5)], [qt(-1, 4)], [(TEXT, None, False, ())]),
    # a quote without a known speaker is still labelled
    ([], [qt(0, 6, speaker=None)],
     [(TEXT[:6], None, True, ("unknown speaker",)), (TEXT[6:], None, False, ())]),
])
def test_web_segments(events: list[Event], quotes: list[Quote],
                      expected: list[tuple[str, str | None, bool, tuple[str, ...]]]) -> None:
    got = [(s.text, s.label, s.quote, tuple(t.text for t in s.tags))
           for s in segments(TEXT, events, quotes)]
    assert got == expected


def test_web_segments_mark_the_speaker() -> None:
    cut = segments(TEXT, [], [qt(26, 52, speaker="Seoul", speaker_span=(26, 31))])
    assert [(s.text, s.speaker, s.quote) for s in cut][1] == ("Seoul", True, True)


spans = st.tuples(st.integers(-5, len(TEXT) + 5), st.integers(-5, len(TEXT) + 5))


@given(st.lists(spans, max_size=6), st.lists(spans, max_size=4))
def test_web_segments_keep_the_text(event_spans: list[tuple[int, int]],
                                    quote_spans: list[tuple[int, int]]) -> None:
    events = [ev(a, b, id=i) for i, (a, b) in enumerate(event_spans)]
    quotes = [qt(a, b, id=i) for i, (a, b) in enumerate(quote_spans)]
    cut = segments(TEXT, events, quotes)
    assert "".join(s.text for s in cut) == TEXT
    assert all(s.text for s in cut)


def item(**fields: Any) -> EvidenceItem:
    base = {"event_id": 1, "role": "precursor", "factuality": 3.0,
            "factuality_label": "confirmed", "published": "2024-10-20T00:00:00+00:00",
            "sentence": "It happened.", "outlet": "Example Times", "article_id": "a" * 64}
    return EvidenceItem.model_validate({**base, **fields})


@pytest.mark.parametrize("fields, expected", [
    ({"date": "2024-10-18"}, date(2024, 10, 18)),
    ({"date": "2024-10"}, date(2024, 10, 1)),
    ({"date": "2024"}, date(2024, 1, 1)),
    ({"date": "2024-10-01/2024-10-17"}, date(2024, 10, 1)),
    ({"date": None}, date(2024, 10, 20)),  # falls back on publication
    ({"date": "sometime", "published": None}, None),
    ({"date": None, "published": None}, None),
])
def test_web_item_date(fields: dict[str, Any], expected: date | None) -> None:
    assert item_date(item(**fields)) == expected


def verdict(evidence: list[EvidenceItem], speculated: list[EvidenceItem]) -> Verdict:
    return Verdict(line_id="x", as_of=datetime(2024, 10, 21, tzinfo=UTC), status="not_crossed",
                   status_text="Not crossed", evidence=evidence, speculated=speculated)


def test_web_timeline_places_marks() -> None:
    early = item(event_id=1, date="2024-06-19")
    late = item(event_id=2, date="2024-10-18", factuality=2.5, factuality_label="reported")
    maybe = item(event_id=3, role="trigger", date="2024-10-18", factuality=1.0,
                 factuality_label="possible", speculated_by="Officials")
    chart = timeline(verdict([early, late], [maybe]))
    assert chart is not None
    first, second, third = chart.points
    assert first.x < second.x and chart.x0 <= first.x and third.x <= chart.x1
    assert first.y < second.y < third.y  # more certain is higher up
    assert (first.shape, third.shape) == ("circle", "diamond")
    assert (first.hollow, third.hollow) == (False, True)
    assert "Speculated by: Officials" in third.title and "It happened." in first.title
    assert chart.as_of_x is not None and chart.as_of_x > second.x
    assert chart.y_ticks[0].text == "confirmed"


def test_web_timeline_empty() -> None:
    assert timeline(None) is None
    assert timeline(verdict([], [])) is None
    assert timeline(verdict([item(date=None, published=None)], [])) is None


def test_web_timeline_separates_marks_on_one_day() -> None:
    chart = timeline(verdict([item(event_id=1), item(event_id=2)], []))
    assert chart is not None
    assert chart.points[0].x != chart.points[1].x
