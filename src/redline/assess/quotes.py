"""What quotes say about a red line: not crossed, crossed, or approaching (cues.yaml)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from redline.assess.text import clauses, find, sentences, words
from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.records import RedLine, Says

CUES_FILE = Path(__file__).with_name("cues.yaml")
#: Cue lists tried in this order: "has not been crossed" contains "crossed".
ORDER: tuple[tuple[str, Says], ...] = (
    ("not_crossed", "not_crossed"), ("not_confirmed", "not_crossed"),
    ("not_known", "not_crossed"),
    ("approaching", "approaching"), ("crossed", "crossed"))
#: Cue lists that only count when the clause itself names what the line is about.
NEED_SUBJECT = frozenset({"not_confirmed"})
#: Cue lists that count when the sentence or the one before names the line's subject
#: ("We've seen the reports of troops in combat. We cannot confirm them.").
NEED_NEARBY_SUBJECT = frozenset({"not_known"})

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    red_line: tuple[Phrase, ...]
    lists: dict[str, tuple[Phrase, ...]]
    hedges: frozenset[Phrase]
    event_hedges: tuple[Phrase, ...] = ()


@functools.lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> Cues:
    data = load_yaml_mapping(path)
    valid = ("red_line", "hedges", "event_hedges", *(name for name, _ in ORDER))
    for key in data:
        if key not in valid:
            raise ValidationError(str(path), key, f"unknown list; valid: {', '.join(valid)}")

    def phrases(name: str) -> tuple[Phrase, ...]:
        return tuple(words(str(item)) for item in data.get(name) or [])

    return Cues(red_line=phrases("red_line"),
                lists={name: phrases(name) for name, _ in ORDER},
                hedges=frozenset(phrases("hedges")), event_hedges=phrases("event_hedges"))


def line_keywords(line: RedLine) -> tuple[Phrase, ...]:
    """Words that show a text is about ``line``: its keywords and the trigger's objects."""
    return tuple(words(k) for k in (*line.keywords, *line.trigger.all_objects) if words(k))


def _has(tokens: Sequence[str], phrases: Sequence[Phrase]) -> bool:
    return any(find(tokens, phrase) >= 0 for phrase in phrases)


def _subject(line: RedLine | Sequence[Phrase]) -> Sequence[Phrase]:
    return line_keywords(line) if isinstance(line, RedLine) else line


def is_about(content: str, line: RedLine, *, line_article: bool, trigger_article: bool
             ) -> bool:
    """Whether a quote is about ``line``: it names the line's own ``keywords``; or it names
    what the trigger watches for (its objects) in an article with evidence for the line
    (``line_article``); or it speaks of "the red line" in an article that discusses the
    line's trigger (``trigger_article``)."""
    tokens = words(content)
    if _has(tokens, [words(k) for k in line.keywords if words(k)]):
        return True
    if line_article and _has(tokens, [words(k) for k in line.trigger.all_objects if words(k)]):
        return True
    return trigger_article and _has(tokens, load_cues().red_line)


def classify(content: str, line: RedLine | Sequence[Phrase]) -> Says | None:
    """What ``content`` says about ``line``, or None when it makes no such assessment."""
    cues = load_cues()
    subject = _subject(line)
    before: Sequence[str] = ()
    for sentence in sentences(content):
        tokens = words(sentence)
        if sentence.rstrip(" \"”’'").endswith("?"):
            before = tokens
            continue
        named = _has(tokens, (*subject, *cues.red_line))
        nearby = named or _has(before, (*subject, *cues.red_line))
        for clause in clauses(sentence):
            says = _clause_says(words(clause), cues, subject, named, nearby)
            if says is not None:
                return says
        before = tokens
    return None


def hedged_event(sentence: str, predicate: str) -> str | None:
    """The hedge word in the clause of an event's ``predicate`` that presents it as not (yet)
    having happened ("remains a severe threat"), or None."""
    verb = words(predicate)[:1]
    for clause in clauses(sentence):
        tokens = words(clause)
        if verb and find(tokens, verb) < 0:
            continue
        for hedge in load_cues().event_hedges:
            if find(tokens, hedge) >= 0:
                return " ".join(hedge)
        if verb:
            return None
    return None


def speaks_against(sentence: str, predicate: str = "") -> bool:
    """Whether the sentence of an event that fits the trigger says it has not happened or is
    not known ("we do not yet know whether they will enter combat", "we haven't seen that
    China has provided lethal aid"): an unhedged cue before the event's ``predicate`` (or
    anywhere, without one). The event names the subject, so no keyword is needed."""
    cues = load_cues()
    if sentence.rstrip(" \"”’'").endswith("?"):
        return False
    tokens = words(sentence)
    verb = words(predicate)
    until = find(tokens, verb[:1]) if verb else -1
    for name in ("not_crossed", "not_confirmed", "not_known"):
        for cue in cues.lists[name]:
            at = find(tokens, cue)
            if at >= 0 and (until < 0 or at < until) and not _hedged(tokens[:at], cues.hedges):
                return True
    return False


def _clause_says(tokens: Sequence[str], cues: Cues, subject: Sequence[Phrase],
                 sentence_named: bool, nearby_named: bool) -> Says | None:
    for name, says in ORDER:
        if name in NEED_SUBJECT:
            needs = _has(tokens, subject)
        elif name in NEED_NEARBY_SUBJECT:
            needs = nearby_named
        else:
            needs = sentence_named
        if not needs:
            continue
        for cue in cues.lists[name]:
            at = find(tokens, cue)
            if at >= 0 and not _hedged(tokens[:at], cues.hedges):
                return says
    return None


def _hedged(before: Sequence[str], hedges: frozenset[Phrase]) -> bool:
    return any(find(before, hedge) >= 0 for hedge in hedges)
