"""Assessment: a verdict per red line from the stored evidence, appended, never overwritten.

A verdict remembers the highest event and quote ids it saw (``last_event_id``,
``last_quote_id``); the next assessment starts from that verdict and reads only what
was stored or published since, unless the line changed or ``full`` is asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from redline.assess import lines as red_lines
from redline.assess.alert_payload import payload_if_moved
from redline.assess.evidence import (
    assertion_of,
    event_item,
    moving_article,
    regrade,
    sort_items,
    source_of,
    status_of,
)
from redline.assess.likelihood import judge
from redline.assess.matching import dated_before, declared_start, happened, matches
from redline.assess.quotes import (
    classify,
    hedged_event,
    is_about,
    line_keywords,
    load_cues,
    speaks_against,
)
from redline.assess.reliability import Grades, load_grades
from redline.errors import InputError
from redline.records import (
    Kind,
    Pattern,
    RedLine,
    Role,
    StoredEvent,
    StoredQuote,
    Verdict,
    as_utc,
)
from redline.store import Store
from redline.store import lines as line_store
from redline.store.lines import Window

log = logging.getLogger(__name__)
#: Up to this many new events are read once per run and matched in Python.
SHARED_WINDOW = 20_000


def parse_as_of(text: str) -> datetime:
    """``2024-10-20`` (the end of that day, UTC) or an ISO datetime (UTC unless zoned)."""
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day, time.max, tzinfo=UTC)
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        shown = text if len(text) <= 40 else text[:40] + "…"  # never echo a huge input
        raise InputError(f"as-of {shown!r}", "not a date; expected YYYY-MM-DD or an ISO "
                         "datetime such as 2024-10-20T12:00:00+09:00") from exc
    return as_utc(moment)


@dataclass(frozen=True)
class _Run:
    """What every line of one assessment run shares, quotes read once per window included."""

    cutoff: datetime
    current: bool
    known_by: datetime | None
    computed: datetime
    marks: tuple[int, int]
    grades: Grades
    needles: tuple[str, ...]
    #: Quotes read once per window, each with its casefolded content.
    quotes: dict[Window, list[tuple[StoredQuote, str]]] = field(default_factory=dict)
    new_events: dict[Window, list[StoredEvent]] = field(default_factory=dict)
    alive: dict[str, set[int]] = field(default_factory=dict)  # ids of previous items still stored
    late: dict[tuple[str, datetime, int], bool] = field(default_factory=dict)

    @property
    def kind(self) -> Kind:
        return "live" if self.current else "look-back"

    def window(self, store: Store, table: str, base: Verdict | None) -> Window:
        """What a line's verdict reads from ``table``: all of it, or what is new since
        ``base``."""
        max_id = self.marks[0] if table == "events" else self.marks[1]
        if base is None:
            return Window(upto=self.cutoff, undated=self.current, max_id=max_id,
                          known_by=self.known_by)
        after = (base.last_event_id if table == "events" else base.last_quote_id) or 0
        key = (table, base.as_of, after)
        if key not in self.late:
            self.late[key] = base.as_of < self.cutoff and line_store.published_between(
                store, table, base.as_of, self.cutoff, after)
        return Window(upto=self.cutoff, undated=self.current, after_id=after,
                      since=base.as_of, max_id=max_id, late=self.late[key],
                      known_by=self.known_by)

    def check_alive(self, store: Store, bases: Sequence[Verdict]) -> None:
        """Find out at once which events and quotes of the previous verdicts are still stored."""
        events = [i["event_id"] for b in bases for i in [*b.evidence, *b.speculated]]
        quotes = [i["quote_id"] for b in bases for i in b.assessments]
        self.alive["events"] = line_store.existing_ids(store, "events", events)
        self.alive["quotes"] = line_store.existing_ids(store, "quotes", quotes)

    def still_stored(self, store: Store, table: str, ids: list[int]) -> set[int]:
        if table in self.alive:
            return self.alive[table]
        return line_store.existing_ids(store, table, ids) if ids else set()

    def events_for(self, store: Store, pattern: Pattern, window: Window
                   ) -> list[StoredEvent]:
        """Candidate events for ``pattern``: a few new events are read once for all lines
        and matched here; larger windows are searched with the indexes, pattern by pattern."""
        small = window.after_id and not window.late and \
            self.marks[0] - window.after_id <= SHARED_WINDOW
        if not small:
            return line_store.matching_events(store, pattern, window)
        if window not in self.new_events:
            self.new_events[window] = line_store.events_in_window(store, window)
        return [event for event in self.new_events[window]
                if event.record.event in pattern.events]

    def quotes_in(self, store: Store, window: Window) -> list[tuple[StoredQuote, str]]:
        """The quotes within ``window``, each with its content casefolded."""
        if window not in self.quotes:
            found = line_store.quotes_in_window(store, window, self.needles)
            self.quotes[window] = [(quote, quote.record.content.casefold())
                                   for quote in found]
        return self.quotes[window]


def _run(store: Store, as_of: datetime | None, lines: Sequence[RedLine],
         known_by: datetime | None = None) -> _Run:
    computed = datetime.now(UTC)
    cutoff = computed if as_of is None else as_utc(as_of)
    if known_by is not None and as_of is None:
        raise InputError("known-by", "applies to a look-back only; give --as-of as well")
    needles = tuple(sorted({needle for line in lines for needle in _needles(line)}))
    return _Run(cutoff=cutoff, current=as_of is None, computed=computed,
                known_by=as_utc(known_by) if known_by is not None else None,
                marks=line_store.high_water_marks(store), grades=load_grades(),
                needles=needles)


def evaluate(store: Store, line_id: str, *, as_of: datetime | None = None,
             known_by: datetime | None = None) -> Verdict:
    """Compute the verdict for one line from all evidence, without storing it."""
    line = red_lines.get_line(store, line_id)
    run = _run(store, as_of, [line], known_by)
    previous = line_store.latest_verdict(store, line_id, run.cutoff, kind=run.kind)
    return _compute(store, line, run, base=None, previous=previous)


def assess(store: Store, *, as_of: datetime | None = None, line_ids: Sequence[str] | None = None,
           full: bool = False, known_by: datetime | None = None,
           alerts: bool = False) -> list[Verdict]:
    """Compute a verdict per red line (all, or ``line_ids``) as of ``as_of`` (default now),
    using only articles published by then (and, with ``known_by``, stored by then), and
    append them: a live verdict, or a look-back for a past ``as_of``. A verdict is not
    appended when nothing was stored since the previous one of its kind and nothing in it
    changed."""
    if line_ids:
        lines = [red_lines.get_line(store, line_id) for line_id in line_ids]
    else:
        lines = red_lines.list_lines(store)
    run = _run(store, as_of, lines, known_by)
    verdicts: list[Verdict] = []
    fresh: list[Verdict] = []
    previous_of = {line.id: line_store.latest_verdict(store, line.id, run.cutoff, kind=run.kind)
                   for line in lines}
    base_of = {line.id: None if full else _reusable(line, previous_of[line.id], run)
               for line in lines}
    run.check_alive(store, [base for base in base_of.values() if base is not None])
    for line in lines:
        previous, base = previous_of[line.id], base_of[line.id]
        verdict = _compute(store, line, run, base=base, previous=previous)
        if previous is not None and \
                (previous.last_event_id, previous.last_quote_id) == run.marks and \
                _same(previous, verdict):
            verdicts.append(previous)  # nothing stored since and nothing changed
        else:
            fresh.append(verdict)
            verdicts.append(verdict)
    appended = line_store.append_verdicts(
        store, fresh, alerts=payload_if_moved if alerts else None) if fresh else []
    stored = {v.line_id: v for v in appended}
    log.info("assessed %d red lines, %d verdicts changed", len(lines), len(fresh))
    return [stored.get(v.line_id, v) if v.id is None else v for v in verdicts]


def _reusable(line: RedLine, previous: Verdict | None, run: _Run) -> Verdict | None:
    """A previous verdict the new one can build on: same kind (now / past date), made
    after the line was last changed, with its high-water marks."""
    if previous is None or previous.last_event_id is None or previous.last_quote_id is None:
        return None
    if previous.kind != run.kind or previous.as_of > run.cutoff or \
            previous.known_by != run.known_by:
        return None
    if line.updated is not None and previous.computed < line.updated:
        return None
    return previous


def _same(previous: Verdict, verdict: Verdict) -> bool:
    def ids(items: list[dict[str, Any]], key: str) -> set[tuple[Any, ...]]:
        return {(item[key], item.get("indicator"), item.get("says"), item.get("grade"))
                for item in items}

    return previous.status == verdict.status and previous.known_by == verdict.known_by \
        and (previous.likelihood, previous.confidence) == \
        (verdict.likelihood, verdict.confidence) \
        and ids(previous.evidence, "event_id") == ids(verdict.evidence, "event_id") \
        and ids(previous.speculated, "event_id") == ids(verdict.speculated, "event_id") \
        and ids(previous.assessments, "quote_id") == ids(verdict.assessments, "quote_id")


def _compute(store: Store, line: RedLine, run: _Run, *, base: Verdict | None,
             previous: Verdict | None) -> Verdict:
    events_window = run.window(store, "events", base)
    evidence, speculated = _kept_items(store, run, base)
    seen = {(item["event_id"], item["indicator"], item.get("part"))
            for item in [*evidence, *speculated]}
    drawn = declared_start(line.declared)
    for pattern in line.leaf_patterns:
        for event in run.events_for(store, pattern, events_window):
            key = (event.id, pattern.indicator, pattern.part)
            if key in seen or not matches(pattern, event):
                continue
            if assertion_of(event) == "questioned":
                continue  # a question asserts nothing, neither for nor against
            seen.add(key)
            role: Role = "trigger" if pattern.indicator == "trigger" else "precursor"
            if role == "trigger" and dated_before(event.record, drawn):
                continue  # happened before the line was drawn: not a crossing of it
            sentence, trigger = event.record.sentence, event.record.trigger
            against = role == "trigger" and speaks_against(sentence, trigger)
            is_fact = happened(pattern, event, run.grades) and not against
            hedge = hedged_event(sentence, trigger) if is_fact and role == "trigger" else None
            is_fact = is_fact and hedge is None
            item = event_item(event, role=role, indicator=pattern.indicator,
                              speculated=not is_fact, grades=run.grades)
            if pattern.part is not None:
                item["part"] = pattern.part
            if against:
                item["says"] = "not_crossed"  # "we do not yet know whether ..."
            if hedge is not None:
                item["hedged_by"] = hedge  # "remains a severe threat"
            (evidence if is_fact else speculated).append(item)
    evidence, speculated = sort_items(evidence), sort_items(speculated)
    articles = {role: {item["article_id"] for item in [*evidence, *speculated]
                       if role == "any" or item["role"] == role} for role in ("any", "trigger")}
    assessments = _assessments(store, line, run, base, articles)
    regrade(evidence, speculated, run.grades,
            against=[item for item in assessments if item["says"] == "not_crossed"])
    contested = [item for item in evidence if item["role"] == "trigger" and item.get("contested")]
    if contested:  # spoken against by a source as reliable: no longer evidence of crossing
        evidence = [item for item in evidence if item not in contested]
        speculated = sort_items([*speculated, *contested])
        for item in contested:
            item["speculated_by"] = item.get("speculated_by") or \
                str(item.get("attributed_text") or item.get("outlet") or "the article")
    status = status_of(line, evidence, run.grades)
    judgement = judge(status, evidence, speculated, assessments, run.grades)
    before = {item["event_id"] for item in [*previous.evidence, *previous.speculated]} \
        if previous else set()
    moved = None
    if previous is None or previous.status != status:
        moved = moving_article(line, evidence, status, run.grades)
    changed = {
        "from": previous.status if previous else None, "to": status,
        "new_evidence": sorted({item["event_id"] for item in [*evidence, *speculated]} - before),
        "article_id": moved,
    }
    return Verdict(line_id=line.id, as_of=run.cutoff, computed=run.computed, status=status,
                   evidence=evidence, speculated=speculated, assessments=assessments,
                   changed=changed, moved_by_article=moved,
                   last_event_id=run.marks[0], last_quote_id=run.marks[1],
                   likelihood=judgement.likelihood, probability=judgement.probability,
                   confidence=judgement.confidence, kind=run.kind, known_by=run.known_by,
                   reasons=judgement.reasons)


def _kept_items(store: Store, run: _Run, base: Verdict | None
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The previous verdict's items whose events are still stored (re-analysis replaces)."""
    if base is None:
        return [], []
    ids = [item["event_id"] for item in [*base.evidence, *base.speculated]]
    alive = run.still_stored(store, "events", ids)
    return ([dict(item) for item in base.evidence if item["event_id"] in alive],
            [dict(item) for item in base.speculated if item["event_id"] in alive])


def _needles(line: RedLine) -> tuple[str, ...]:
    """Substrings a quote must contain to be worth classifying (an SQL prefilter)."""
    phrases = [*line_keywords(line), *load_cues().red_line]
    needles = set()
    for phrase in phrases:
        word = max(phrase, key=len)
        needles.add(word[:-1] if word.endswith(("y", "e")) and len(word) > 3 else word)
    return tuple(sorted(needles))


def _assessments(store: Store, line: RedLine, run: _Run, base: Verdict | None,
                 articles: dict[str, set[Any]]) -> list[dict[str, Any]]:
    """Quotes about the line that say whether it was crossed (see quotes.is_about)."""
    kept: list[dict[str, Any]] = []
    if base is not None and base.assessments:
        alive = run.still_stored(store, "quotes",
                                 [item["quote_id"] for item in base.assessments])
        kept = [dict(item) for item in base.assessments if item["quote_id"] in alive]
    window = run.window(store, "quotes", base)
    seen = {item["quote_id"] for item in kept}
    needles, subject = _needles(line), line_keywords(line)
    for quote, folded in run.quotes_in(store, window):
        if quote.id in seen or not any(n in folded for n in needles):
            continue
        if (quote.record.speaker or "").strip().rstrip(":") == "Q":
            continue  # a transcript's question asserts nothing
        if not is_about(quote.record.content, line,
                        line_article=quote.article_id in articles["any"],
                        trigger_article=quote.article_id in articles["trigger"]):
            continue
        says = classify(quote.record.content, subject)
        if says is not None:
            kept.append(_assessment_item(quote, says, run.grades))
    return sorted(kept, key=lambda item: (item.get("published") or "", item["quote_id"]))


def _assessment_item(quote: StoredQuote, says: str, grades: Grades) -> dict[str, Any]:
    """A verdict's assessment (the JSON of a ``records.Assessment``) for a stored quote."""
    said = quote.record
    source = source_of({"outlet": quote.outlet, "attributed_to": said.speaker_actor,
                        "attributed_text": said.speaker}, grades)
    return {
        "reliability": source.reliability, "source_key": source.key,
        "outlet": quote.outlet, "url": quote.url,
        "quote_id": quote.id, "speaker": said.speaker, "role": said.role,
        "says": says, "content": said.content, "article_id": quote.article_id,
        "headline": quote.headline,
        "published": quote.published.isoformat() if quote.published else None,
        "span": list(said.content_span),
    }


def verdict_for(store: Store, line_id: str, *, as_of: datetime | None = None,
                known_by: datetime | None = None) -> tuple[Verdict, bool]:
    """The verdict to show: the latest stored one, or for a past ``as_of`` one computed from
    what was published by then. The flag says whether it is stored."""
    if as_of is None:
        stored = line_store.latest_verdict(store, line_id, kind="live")
        if stored is not None:
            return stored, True
    return evaluate(store, line_id, as_of=as_of, known_by=known_by), False
