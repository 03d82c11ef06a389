"""Time expressions: TimeML recognition and values, and the event dates built on them.

``expressions(doc, reference)`` finds the time expressions of a parsed text
(``timex_spans``), reads which way each points from its governing verb
(``timex_tense``) and gives each a TimeML type and value (``timex_resolve``),
counting deictic ones from the document's creation day and anaphoric ones from the
last absolute date the text named. ``resolve_times(doc, day)`` turns those values
into the ``TimeRef`` an event carries.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from redline.errors import InputError
from redline.extract.quotes_spans import doc_text
from redline.extract.timex_calendar import UNIT_GRANULARITY, Direction, add, fmt, parse
from redline.extract.timex_dateline import text_day
from redline.extract.timex_lexicon import TimexLexicon, load_lexicon
from redline.extract.timex_refs import resolve
from redline.extract.timex_refs import resolved_spans as phrase_spans
from redline.extract.timex_resolve import Context
from redline.extract.timex_resolve import resolve as value_of
from redline.extract.timex_spans import Mention, mentions
from redline.extract.timex_tense import Tense, finite_present, tense_at
from redline.records import TimeExpression, TimeRef

__all__ = ["expressions", "reference_day", "resolve", "resolve_times", "resolved_spans",
           "time_expressions", "to_timeref"]

#: Which way an expression with no direction word of its own points, by tense.
#: A bare present keeps the nearest reading ("sales are up in March"); a weekday under a
#: finite present verb other than one of saying is this day or a coming one ("the board
#: meets Tuesday", ``Context.present``).
DIRECTIONS: dict[Tense | None, Direction] = {
    "past": "past", "future": "future", "present": "nearest", None: "nearest"}
#: Constructions whose value does not move the discourse reference time.
#: Offsets compare with the reference time ("a year earlier") rather than move it.
_NOT_ANCHORS = frozenset({"reference", "indefinite", "then", "set", "every", "times_a", "offset",
                          "adj_offset", "the_year", "the_week", "year_end",
                          "vague_period", "vague_offset", "overnight"})


def reference_day(reference: str | date | datetime) -> date:
    """The document creation day: the calendar day of an ISO string, date or datetime."""
    if isinstance(reference, datetime):
        return reference.date()
    if isinstance(reference, date):
        return reference
    try:
        return datetime.fromisoformat(str(reference).strip()).date()
    except ValueError as exc:
        raise InputError(f"reference {reference!r}", "not an ISO date or time "
                         "(e.g. 1998-02-13 or 1998-02-13T09:00+00:00)") from exc


def expressions(doc: Any, reference: date, lexicon: TimexLexicon | None = None
                ) -> list[TimeExpression]:
    """The TimeML time expressions of spaCy ``doc``, in order, with ``reference`` as the
    document creation day (or the day the text's date line names, ``timex_dateline``)."""
    lexicon = lexicon or load_lexicon()
    text = doc_text(doc)  # doc.text joins the tokens again at each access
    reference = text_day(text, reference, lexicon)
    found: list[TimeExpression] = []
    kinds: list[tuple[str, Direction]] = []  # the mention kind and direction of each
    anchor: tuple[str, date] | None = None
    day_anchor: date | None = None
    moved = True  # the anchor is a time the text moved to, not one describing a thing
    found_mentions = [_verb_last_dropped(m, doc) for m in mentions(text, lexicon)]
    directions = [DIRECTIONS[tense_at(doc, m.start, m.end, lexicon)] for m in found_mentions]
    for i in range(len(found_mentions) - 1):
        if directions[i + 1] == "nearest" and _joins_days(found_mentions[i:i + 2], text):
            directions[i + 1] = directions[i]  # "ran from Monday to Friday": both behind
    for i, mention in enumerate(found_mentions):
        present = mention.kind == "weekday" and finite_present(
            doc, mention.start, mention.end, lexicon)
        context = Context(reference, directions[i], anchor, lexicon, day_anchor, present,
                          moved)
        if _clock_before_day(mention, found_mentions[i + 1:i + 2], text):
            # "struck at 2:46 p.m. on Friday": the day takes the clock's tense where the
            # parse gives it none of its own, and the clock takes the day
            if directions[i + 1] == "nearest":
                directions[i + 1] = directions[i]
            day = _day_of(value_of(found_mentions[i + 1], Context(
                reference, directions[i + 1], anchor, lexicon, day_anchor)))
            context = Context(reference, directions[i], anchor, lexicon, day or day_anchor,
                              moved=moved)
        resolved = value_of(mention, context)
        if resolved is None:
            continue
        kind, value = resolved
        ahead = _ahead_of(mention, text, reference, lexicon) if (
            kind == "DURATION" and directions[i] == "future") else None
        kind, value = ahead or (kind, value)
        found.append(TimeExpression(mention.start, mention.end, kind,  # type: ignore[arg-type]
                                    value, text[mention.start:mention.end]))
        kinds.append((mention.kind, directions[i]))
        point = parse(value) if kind in ("DATE", "TIME") else None
        if kind == "DURATION" and _YEAR_TO_DATE.fullmatch(value) and "the" in mention.parts:
            anchor = ("year", reference.replace(month=1, day=1))  # "for the nine months"
        closes = _closes_period(found, text, anchor, lexicon)
        if point is not None and mention.kind not in _NOT_ANCHORS and not _compares(mention) \
                and not closes and ahead is None:
            anchor = point
            day_anchor = point[1] if point[0] == "day" else day_anchor
            moved = not _background(mention, doc, lexicon)
    return _weekday_ranges(found, kinds, text)


#: What joins the two ends of a range of days ("from Monday to Friday", "Tuesday-Thursday").
_RANGE = re.compile(r"\s*(?:to|through|thru|until|till|-|–|—)\s*", re.I)


#: What joins two days the verb governs together ("on Monday and Friday").
_AND = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*", re.I)


def _joins_days(pair: list[Mention], text: str) -> bool:
    """Two weekdays of a range ("Monday to Friday", "Tuesday-Thursday") or joined by
    "and" or "or": the second points the way the first does."""
    return all(m.kind == "weekday" for m in pair) and any(
        joint.fullmatch(text, pair[0].end, pair[1].start) for joint in (_RANGE, _AND))


def _weekday_ranges(found: list[TimeExpression], kinds: list[tuple[str, Direction]],
                    text: str) -> list[TimeExpression]:
    """"From Monday to Friday": the second weekday of a range follows the first; the
    week is the one the verb points to ("will run from Monday to Friday": next week's
    Friday; "ran from Monday to Friday": last week's Monday)."""
    for i in range(len(found) - 1):
        first, second = found[i], found[i + 1]
        if kinds[i][0] != "weekday" or kinds[i + 1][0] != "weekday" \
                or _RANGE.fullmatch(text, first.end, second.start) is None:
            continue  # the kinds of both, as _joins_days reads the mentions
        start, end = parse(first.value), parse(second.value)
        if start is None or end is None or start[0] != "day" or end[0] != "day" \
                or end[1] > start[1]:
            continue
        if kinds[i][1] == "past":
            found[i] = replace(first, value=(start[1] - timedelta(weeks=1)).isoformat())
        else:
            found[i + 1] = replace(second, value=(end[1] + timedelta(weeks=1)).isoformat())
    return found


#: "For the nine months": a span of the year to date, after which "a year earlier"
#: compares years, not the quarter last named (three of five such comparisons on the
#: design part of TimeBank are annotated with the year).
_YEAR_TO_DATE = re.compile(r"P(?:[4-9]|1[01])M")
_ON = re.compile(r"\s+(?:local\s+time\s+)?on\s+")
_COMMA = re.compile(r"\s*,\s*")


def _verb_last_dropped(mention: Mention, doc: Any) -> Mention:
    """"The talks will last two years": "last" is the verb, the expression "two years"."""
    if mention.kind != "duration" or mention.parts.get("rel", "").lower() != "last" \
            or "the" in mention.parts:
        return mention
    span = doc.char_span(mention.start, mention.start + 4)
    if span is None or span[0].pos_ not in ("VERB", "AUX"):
        return mention
    rest = doc_text(doc)[mention.start + 4:mention.end]
    start = mention.start + 4 + len(rest) - len(rest.lstrip())
    parts = {k: v for k, v in mention.parts.items() if k != "rel"}
    return Mention(start, mention.end, mention.kind, parts)


_CLOCKS = frozenset({"clock", "clock24", "noon", "oclock"})


def _clock_before_day(mention: Mention, following: list[Mention], text: str) -> bool:
    """"At 6 a.m. (local time) on Tuesday", "5 a.m. Eastern, Monday, May 1st": a clock time
    with no day of its own, the day after "on" or the date after a comma."""
    if mention.kind not in _CLOCKS or mention.parts.keys() & _CLOCK_DAYS or not following:
        return False
    after = following[0]
    return _ON.fullmatch(text, mention.end, after.start) is not None or (
        after.kind == "date" and _COMMA.fullmatch(text, mention.end, after.start) is not None)


def _day_of(resolved: tuple[str, str] | None) -> date | None:
    point = parse(resolved[1]) if resolved is not None and resolved[0] == "DATE" else None
    return point[1] if point is not None and point[0] == "day" else None


_CLOCK_DAYS = frozenset({"wd", "named", "cmonth"})


def _closes_period(found: list[TimeExpression], text: str,
                   anchor: tuple[str, date] | None, lexicon: TimexLexicon) -> bool:
    """The expression just found is a day that closes the quarter the text is on ("the
    quarter ended Sept. 30"): the text stays on that quarter, and "a year earlier"
    compares with it."""
    if anchor is None or anchor[0] != "quarter" or not found:
        return False
    start = found[-1].start
    before = " ".join(text[max(0, start - 24):start].lower().split())
    return any(before.endswith(" " + word) or before == word for word in lexicon.period_closers)


#: A clause or phrase after a period that says which one it is ("a quarter that ..."),
#: or a second count that leaves the number open ("in a year or two").
_QUALIFIED = re.compile(r"\s*(?:that|which|when|where|of|in|with|or)\b", re.I)


def _ahead_of(mention: Mention, text: str, reference: date,
              lexicon: TimexLexicon) -> tuple[str, str] | None:
    """"Will be redeemed in five years": under a verb that points ahead, a count of periods
    after "in" is the time that far from the document's, at the unit's granularity
    (1994 from 1989), not a span; "within five years", "for five years" stay spans."""
    if mention.kind != "duration" or mention.parts.keys() & {"the", "rel", "approx", "frac",
                                                             "half"}:
        return None
    before = text[max(0, mention.start - 12):mention.start].lower().split()
    if _QUALIFIED.match(text, mention.end):
        return None  # "in a quarter that produced a loss": a period described, not a time
    amount = lexicon.amount(mention.parts["num"])
    unit = lexicon.unit(mention.parts["unit"])
    if not before or before[-1] not in lexicon.ahead_prepositions or not isinstance(
            amount, int) or unit is None or unit.time or unit.letter == "WE":
        return None
    day = add(reference, amount * unit.times, unit.letter)
    return "DATE", fmt(UNIT_GRANULARITY[unit.letter], day)


#: How a time that only describes a thing hangs on its noun ("the 2021 scandal").
_NOUN_MODIFIERS = frozenset({"compound", "nummod", "amod", "nmod", "poss"})


def _background(mention: Mention, doc: Any, lexicon: TimexLexicon) -> bool:
    """A time the text does not move to: one that describes a thing ("citing the 2021
    scandal", "his 2019 book") or where a span began ("his first arrest since 2019"). It
    is still the reference time of what follows, but the day named before it stays the
    day "that same day" and "the next day" count from."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ in _NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i not in range(span.start, span.end):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in lexicon.past_prepositions


def _compares(mention: Mention) -> bool:
    """"The year-earlier quarter" is a comparison, not the time the text moves on to."""
    return mention.parts.get("rel", "").lower() in ("year-earlier", "year-ago")


def time_expressions(text: str, *, reference: str | date | datetime) -> list[TimeExpression]:
    """The TimeML time expressions of ``text``, ``reference`` being its creation time."""
    from redline.extract.nlp import load_nlp

    day = reference_day(reference)
    return expressions(load_nlp()(text), day)


def to_timeref(value: str, text: str) -> TimeRef | None:
    """The ``TimeRef`` an absolute TimeML value names; None for durations, sets and
    references to the past, present or future as a whole."""


    point = parse(value)
    if point is None:
        return None
    granularity, start = point
    if granularity in ("day", "month", "year"):
        return TimeRef(start, start if granularity == "day" else _last_day(granularity, start),
                       granularity, text)  # type: ignore[arg-type]
    steps = {"week": ("D", 6), "quarter": ("M", 3), "half": ("M", 6), "season": ("M", 3),
             "decade": ("Y", 10), "century": ("Y", 100)}
    unit, amount = steps[granularity]
    end = add(start, amount, unit)
    if unit != "D":
        end = date.fromordinal(end.toordinal() - 1)
    return TimeRef(start, end, "interval", text)


def _last_day(granularity: str, start: date) -> date:


    return date.fromordinal(add(start, 1, "M" if granularity == "month" else "Y").toordinal() - 1)


def resolved_spans(doc: Any, published: date | None) -> list[tuple[Any, TimeRef]]:
    """Every time expression of ``doc`` that names a date, in order, with that date.

    Where the phrase resolver (``timex_refs``) bounds an expression more tightly inside
    the same period ("earlier this month": the days before publication), that interval
    is kept."""
    if published is None:
        return phrase_spans(doc, published)
    resolved: list[tuple[Any, TimeRef]] = []
    previous: TimeRef | None = None
    for found in expressions(doc, published):
        ref = to_timeref(found.value, found.text) if found.type in ("DATE", "TIME") else None
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if ref is None or span is None:
            continue
        phrase = resolve(found.text, published, previous)
        if (phrase is not None and phrase.granularity == "interval"
                and ref.start <= phrase.start and phrase.end <= ref.end):
            ref = phrase
        resolved.append((span, ref))
        if ref.granularity == "day":
            previous = ref
    return resolved


def resolve_times(doc: Any, published: date | None) -> dict[int, TimeRef]:
    """Root token index -> resolved time, for every time expression of ``doc``."""
    return {span.root.i: ref for span, ref in resolved_spans(doc, published)}
