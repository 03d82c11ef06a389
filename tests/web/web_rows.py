"""Rows for the dashboard tests: two articles with their events and quotes (one carrying
hostile markup), two red lines and a verdict history, written into a store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from redline.assess.lines import parse_lines
from redline.store import Store
from redline.store.lines import add_lines
from redline.store.models import ArticleRow, EventRow, QuoteRow, VerdictRow

HOSTILE = '<script>alert("pwned")</script> and <img src=x onerror=alert(1)>'
TROOPS = "South Korea's spy agency said on Thursday that Pyongyang has shipped about ten thousand soldiers to Russia."
TRANSFER = "Officials in Seoul said Moscow may hand missile technology to Pyongyang in return, but nothing of the kind has been shown."
PARK = ('"There is no proof of any such handover so far, so the line still holds," '
        "Park Won-gon, who teaches at a university in Seoul, told the paper.")
COMMENT = f"A reader comment read {HOSTILE} before moderators removed it."
OCTOBER_TEXT = "\n\n".join([TROOPS, TRANSFER, PARK, COMMENT])
PACT = "Pyongyang and Moscow signed a mutual defence pact on Wednesday."
JUNE_TEXT = PACT + "\n\nSeoul said a transfer of key technology would be a red line."


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@dataclass
class Seeded:
    store: Store
    october: str  # article id
    june: str
    troops: int  # event ids
    transfer: int
    pact: int
    hostile_event: int
    park_quote: int


def _article(article_id: str, text: str, published: datetime, headline: str,
             boilerplate: list[str]) -> ArticleRow:
    return ArticleRow(id=article_id, url=f"https://news.example/{article_id[:8]}",
                      outlet="Example Times", headline=headline, byline="A. Reporter",
                      published=published, ingested=published, text=text,
                      boilerplate=boilerplate, section_headings=[])


def _event(article: ArticleRow, part: str, **fields: Any) -> EventRow:
    start, end = span(article.text, part)
    return EventRow(article_id=article.id, span_start=start, span_end=end, sentence=part,
                    published=article.published, outlet=article.outlet, **fields)


def _item(row: EventRow, article: ArticleRow, role: str, **extra: Any) -> dict[str, Any]:
    return {"event_id": row.id, "role": role, "indicator": extra.pop("indicator", role),
            "event_type": row.event_type, "actor": row.actor, "actor_text": row.actor_text,
            "recipient": row.recipient, "recipient_text": row.recipient_text,
            "factuality": row.factuality, "factuality_label": row.factuality_label,
            "attributed_to": row.attributed_to, "attributed_text": row.attributed_text,
            "location": row.location, "location_country": row.location_country,
            "location_region": row.location_region, "assertion": row.assertion,
            "reliability": "B", "credibility": 2, "grade": "B2", "article_id": article.id,
            "outlet": article.outlet, "headline": article.headline, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "date": row.date_start.isoformat() if row.date_start else None,
            "sentence": row.sentence, "span": [row.span_start, row.span_end],
            "speculated_by": None, **extra}


def seed(store: Store) -> Seeded:
    oct_pub, jun_pub = datetime(2024, 10, 20, tzinfo=UTC), datetime(2024, 6, 20, tzinfo=UTC)
    october = _article("a" * 64, OCTOBER_TEXT, oct_pub,
                       f"Seoul weighs its options {HOSTILE}", ["3 hours ago", HOSTILE,
                                                               "Read more"])
    june = _article("b" * 64, JUNE_TEXT, jun_pub, "Pyongyang and Moscow sign a pact", [])
    with store.write() as session:
        session.add_all([october, june])
        troops = _event(october, TROOPS, event_type="AID", actor="PRK",
                        actor_text="North Korea", recipient="RUS", recipient_text="Russia",
                        factuality=3.0, factuality_label="confirmed", attributed_to="KOR-INTEL",
                        attributed_text="South Korea's spy agency", assertion="asserted",
                        location="Kursk", location_country="RUS", location_region="RU-KRS",
                        date_start=date(2024, 10, 18),
                        date_end=date(2024, 10, 18), date_granularity="day")
        transfer = _event(october, TRANSFER, event_type="AID", actor="RUS", actor_text="Moscow",
                          recipient="PRK", recipient_text="Pyongyang", factuality=1.0,
                          factuality_label="possible", attributed_to="KOR",
                          attributed_text="Officials in Seoul")
        hostile = _event(october, COMMENT, event_type="DISAPPROVE", actor=None,
                         actor_text=HOSTILE, factuality=2.5, factuality_label="reported")
        pact = _event(june, PACT, event_type="AGREE", actor="PRK", actor_text="North Korea",
                      recipient="RUS", recipient_text="Russia", factuality=3.0,
                      factuality_label="confirmed", date_start=date(2024, 6, 19),
                      date_end=date(2024, 6, 19), date_granularity="day")
        session.add_all([troops, transfer, hostile, pact])
        content = span(OCTOBER_TEXT, "There is no proof of any such handover so far, so the "
                                     "line still holds,")
        speaker = span(OCTOBER_TEXT, "Park Won-gon")
        park = QuoteRow(article_id=october.id, speaker="Park Won-gon", role="teaches at a "
                        "university in Seoul", kind="direct", speaker_start=speaker[0],
                        speaker_end=speaker[1], content_start=content[0],
                        content_end=content[1], cue="told",
                        content=OCTOBER_TEXT[content[0]:content[1]], published=oct_pub)
        hostile_span = span(OCTOBER_TEXT, HOSTILE)
        evil = QuoteRow(article_id=october.id, speaker=HOSTILE, kind="indirect",
                        content_start=hostile_span[0], content_end=hostile_span[1],
                        content=HOSTILE, published=oct_pub)
        session.add_all([park, evil])
    _lines_and_verdicts(store, october, june, troops, transfer, pact, park)
    return Seeded(store, october.id, june.id, troops.id, transfer.id, pact.id, hostile.id,
                  park.id)


LINES_YAML = f"""
redlines:
  - id: rok-lethal-aid
    title: Russia transfers key nuclear or missile technology to North Korea
    declared_by: KOR
    declared: "2024-06"
    source: Presidential office briefing
    trigger:
      description: Russia transfers key nuclear or missile technology to North Korea
      actors: [RUS]
      events: [AID]
      recipients: [PRK]
      objects: [missile technology, nuclear]
      min_factuality: reported
    precursors:
      - indicator: troop-deployment
        description: North Korea sends troops to Russia
        actors: [PRK]
        events: [AID, MOBILIZE]
        recipients: [RUS]
        objects: [troops, soldiers]
      - indicator: defence-partnership
        description: North Korea and Russia agree a defence pact
        actors: [PRK, RUS]
        events: [AGREE, COOPERATE]
        objects: [pact, partnership]
    consequence: Seoul weighs arming Kyiv
    options:
      - Arms for Kyiv
      - Sanctions against Moscow and Pyongyang
    keywords: [missile technology]
  - id: us-troops-ukraine
    title: 'North Korean troops enter Ukraine {HOSTILE}'
    declared_by: USA
    declared: "2024-10"
    source: A press gaggle
    trigger:
      description: North Korean troops cross into Ukraine
      actors: [PRK]
      events: [MOBILIZE]
      locations: [Ukraine]
    consequence: Further support for Ukraine
"""


def _lines_and_verdicts(store: Store, october: ArticleRow, june: ArticleRow, troops: EventRow,
                        transfer: EventRow, pact: EventRow, park: QuoteRow) -> None:
    add_lines(store, parse_lines(LINES_YAML, source="web test lines"))
    pact_item = _item(pact, june, "precursor", indicator="defence-partnership")
    troops_item = _item(troops, october, "precursor", indicator="troop-deployment")
    speculated = _item(transfer, october, "trigger", indicator="trigger",
                       speculated_by="Officials in Seoul")
    assessment = {"quote_id": park.id, "speaker": "Park Won-gon", "role": park.role,
                  "says": "not_crossed", "content": park.content, "article_id": october.id,
                  "headline": october.headline, "published": "2024-10-20T00:00:00+00:00",
                  "span": [park.content_start, park.content_end]}
    computed = datetime(2024, 10, 21, tzinfo=UTC)
    with store.write() as session:
        session.add_all([
            VerdictRow(line_id="rok-lethal-aid", as_of=datetime(2024, 6, 18, tzinfo=UTC),
                       computed=computed, status="not_crossed", evidence=[], speculated=[],
                       assessments=[], changed={"from": None, "to": "not_crossed",
                                                "new_evidence": [], "article_id": None}),
            VerdictRow(line_id="rok-lethal-aid", as_of=datetime(2024, 6, 20, 12, tzinfo=UTC),
                       computed=computed, status="precursors_seen", evidence=[pact_item],
                       speculated=[], assessments=[], moved_by_article=june.id,
                       changed={"from": "not_crossed", "to": "precursors_seen",
                                "new_evidence": [pact.id], "article_id": june.id}),
            VerdictRow(line_id="rok-lethal-aid", as_of=datetime(2024, 10, 20, 12, tzinfo=UTC),
                       computed=computed, status="precursors_seen",
                       evidence=[pact_item, troops_item], speculated=[speculated],
                       assessments=[assessment], moved_by_article=october.id,
                       changed={"from": "precursors_seen", "to": "precursors_seen",
                                "new_evidence": [troops.id], "article_id": october.id}),
        ])
