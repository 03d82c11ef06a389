"""What each page and API route shows, built from the store: one function per page.

The HTML pages and the JSON API call the same functions, so they never disagree.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from redline.assess import RedLine, evaluate
from redline.assess import Verdict as AssessedVerdict
from redline.assess import lines as red_lines
from redline.assess.engine import parse_as_of as parse_time
from redline.datafiles import load_yaml_mapping
from redline.errors import InputError, NotFoundError
from redline.records import SearchQuery, flat
from redline.store import Store, browse, verdict_pages
from redline.store import lines as line_store
from redline.web import schemas

LABELS_FILE = Path(__file__).with_name("labels.yaml")


@cache
def labels() -> dict[str, dict[str, str]]:
    """The words shown for codes (statuses, factuality labels, assessments), from labels.yaml."""
    loaded = load_yaml_mapping(LABELS_FILE)
    return {section: {str(k): str(v) for k, v in words.items()}
            for section, words in loaded.items()}


def status_text(status: str | None) -> str:
    words = labels()["statuses"]
    return words.get(status or "none", (status or "none").replace("_", " ").capitalize())


def parse_as_of(raw: str | None) -> datetime | None:
    """``YYYY-MM-DD`` (the end of that day, UTC) or an ISO 8601 time; blank means latest."""
    if raw is None or not raw.strip():
        return None
    return parse_time(raw)


def parse_day(name: str, raw: str | None) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InputError(name, f"{raw!r} is not a date; use YYYY-MM-DD") from None


def line_model(line: RedLine) -> schemas.Line:
    return schemas.Line(
        id=line.id, title=line.title, declared_by=line.declared_by, declared=line.declared,
        source=line.source, trigger=line.trigger.description or None,
        precursors=[p.description or p.indicator for p in line.precursors],
        consequence=line.consequence or None, options=list(line.options), spec=line.spec,
        updated=line.updated)


def verdict_model(verdict: AssessedVerdict) -> schemas.Verdict:
    """A verdict as shown; ``stored`` is false for one computed on request."""
    found: schemas.Verdict = schemas.Verdict.model_validate({
        **flat(verdict), "status_text": status_text(verdict.status),
        "stored": verdict.id is not None, "changed": verdict.changed or None,
        "published_by": verdict.as_of, "known_by": verdict.known_by or verdict.computed})
    return found


def history_entry(verdict: verdict_pages.VerdictSummary) -> schemas.HistoryEntry:
    entry: schemas.HistoryEntry = schemas.HistoryEntry.model_validate({
        **flat(verdict), "status_text": status_text(verdict.status),
        "changed": verdict.changed or None})
    return entry


def last_status_change(timeline: list[tuple[datetime, str]]) -> datetime | None:
    """When (in an oldest-first (as_of, status) timeline) the status last changed."""
    changed: datetime | None = None
    previous: str | None = None
    for as_of, status in timeline:
        if status != previous:
            changed, previous = as_of, status
    return changed


def overview(store: Store) -> list[schemas.LineSummary]:
    """One summary per red line: its latest verdict, strongest evidence and last change,
    in three queries whatever the number of lines (no verdict's evidence is read), built
    once per state of the lines and verdicts."""
    return list(_overview(store, verdict_pages.state(store)))


@lru_cache(maxsize=8)
def _overview(store: Store, state: tuple[Any, ...]) -> tuple[schemas.LineSummary, ...]:
    latest = verdict_pages.latest_summaries(store)
    changes = verdict_pages.last_status_changes(store)
    cards = []
    for line in red_lines.list_lines(store):
        verdict = latest.get(line.id)
        status = verdict.status if verdict else None
        best = verdict.strongest if verdict else None
        cards.append(schemas.LineSummary(
            line=line_model(line), status=status, status_text=status_text(status),
            verdict_as_of=verdict.as_of if verdict else None,
            last_change=changes.get(line.id),
            likelihood=verdict.likelihood if verdict else None,
            confidence=verdict.confidence if verdict else None,
            strongest_evidence=schemas.EvidenceItem.model_validate(best) if best else None))
    return tuple(cards)


@lru_cache(maxsize=128)
def _evaluated(store: Store, line_id: str, as_of: datetime, line_updated: datetime | None,
               marks: tuple[int, int]) -> AssessedVerdict:
    return evaluate(store, line_id, as_of=as_of)


def evaluated(store: Store, line_id: str, as_of: datetime,
              line_updated: datetime | None) -> AssessedVerdict:
    """The verdict as of a past date, computed once per state of the store.

    Moving the as-of picker back and forth re-renders from memory; any new event or
    quote (a new high-water mark) or an edited line computes it afresh.
    """
    return _evaluated(store, line_id, as_of, line_updated, line_store.high_water_marks(store))


def line_detail(store: Store, line_id: str, as_of: datetime | None,
                history_offset: int = 0) -> schemas.LineDetail:
    """A red line with its verdict: the latest stored one, or for ``as_of`` the one the
    assessment engine computes from what was published by then (not stored); with one
    page of its live history and of its look-backs (newest first, from ``history_offset``),
    read without their evidence."""
    if history_offset < 0:
        raise InputError("history_offset", f"{history_offset} is negative; use 0 or more")
    if as_of is None:  # the latest: built once per state of the lines and verdicts
        return _latest_detail(store, line_id, history_offset, verdict_pages.HISTORY_PAGE,
                              verdict_pages.state(store))
    return _line_detail(store, line_id, as_of, history_offset, verdict_pages.HISTORY_PAGE)


@lru_cache(maxsize=64)
def _latest_detail(store: Store, line_id: str, history_offset: int, page: int,
                   state: tuple[Any, ...]) -> schemas.LineDetail:
    return _line_detail(store, line_id, None, history_offset, page)


def _line_detail(store: Store, line_id: str, as_of: datetime | None,
                 history_offset: int, page: int) -> schemas.LineDetail:
    line = red_lines.get_line(store, line_id)
    verdict: AssessedVerdict | None
    if as_of is not None:
        verdict = evaluated(store, line_id, as_of, line.updated)
    else:
        verdict = line_store.latest_verdict(store, line_id)
    history = verdict_pages.history_page(store, line_id, upto=as_of, offset=history_offset,
                                         limit=page)
    look_backs = verdict_pages.history_page(store, line_id, "look-back", upto=as_of,
                                            offset=history_offset, limit=page)
    return schemas.LineDetail(
        line=line_model(line), as_of=as_of,
        verdict=verdict_model(verdict) if verdict is not None else None,
        history=[history_entry(v) for v in history],
        look_backs=[history_entry(v) for v in look_backs])


def line_history(store: Store, line_id: str) -> list[schemas.HistoryEntry]:
    """Every stored live verdict of a line, oldest first, without their evidence."""
    line_store.stored_line(store, line_id)
    entries: list[schemas.HistoryEntry] = []
    while True:
        page = verdict_pages.history_page(store, line_id, offset=len(entries),
                                          limit=1000, newest_first=False)
        entries.extend(history_entry(v) for v in page)
        if len(page) < 1000:
            return entries


def article(store: Store, article_id: str) -> schemas.Article:
    """An article by its id or by a unique prefix of it (the 12 characters the CLI prints)."""
    if len(article_id) != 64:
        from redline.store.articles import matching_article_ids

        found = matching_article_ids(store, article_id)
        if len(found) > 1:
            shown = ", ".join(i[:12] for i in found)
            raise NotFoundError(f"id prefix {article_id!r} matches several articles ({shown}); "
                                "give more characters")
        if not found:
            raise NotFoundError(f"no article {article_id!r}; give an article id or a unique "
                                "prefix of it, such as the 12 characters `redline articles` "
                                "prints")
        article_id = found[0]
    stored = browse.get_article(store, article_id)
    found_article: schemas.Article = schemas.Article.model_validate({
        **flat(stored), "events": [flat(event) for event in stored.events],
        "quotes": [flat(quote) for quote in stored.quotes]})
    return found_article


def by_sentence(items: list[schemas.EvidenceItem]) -> list[list[schemas.EvidenceItem]]:
    """Evidence items read from the same sentence, together, in first-seen order: one row
    per sentence with every event read from it ("deploying troops" as AID and MOBILIZE)."""
    groups: dict[tuple[Any, ...], list[schemas.EvidenceItem]] = {}
    for item in items:
        key = (item.article_id, item.sentence or tuple(item.span or ()) or item.event_id)
        groups.setdefault(key, []).append(item)
    return list(groups.values())


def new_items(verdict: schemas.Verdict) -> tuple[int, int]:
    """How many evidence and speculated sentences hold an event new in this verdict."""
    new = set(verdict.changed.new_evidence) if verdict.changed else set()

    def count(items: list[schemas.EvidenceItem]) -> int:
        return sum(1 for group in by_sentence(items)
                   if any(item.event_id in new for item in group))

    return count(verdict.evidence), count(verdict.speculated)


def search(store: Store, query: SearchQuery) -> schemas.SearchResult:
    found = browse.search_flat(store, query)
    return schemas.SearchResult(
        query=schemas.SearchFilters.model_validate(flat(found.query)),
        events=[schemas.Event.model_validate(e._asdict()) for e in found.events],
        quotes=[schemas.Quote.model_validate(q._asdict()) for q in found.quotes],
        events_truncated=found.events_truncated, quotes_truncated=found.quotes_truncated,
        events_total=found.events_total, quotes_total=found.quotes_total)


def search_rows(store: Store, query: SearchQuery) -> browse.SearchResults:
    """What the search page shows: the rows of ``search`` as their flat values (named
    tuples with the fields of ``schemas.Event`` and ``schemas.Quote``), no model built."""
    return browse.search_flat(store, query)
