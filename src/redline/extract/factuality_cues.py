"""The cue book for event factuality, read from ``factuality_cues.yaml`` next to this module."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.records import FACTUALITY_LABELS

CUES_FILE = Path(__file__).with_name("factuality_cues.yaml")

CueKind = Literal["source", "implicative", "frame"]
PartOfSpeech = Literal["verb", "noun", "adjective"]
Relation = Literal["clause", "object", "prep"]

_KINDS: dict[str, CueKind] = {"sources": "source", "implicatives": "implicative", "frames": "frame"}
_POS_KEYS: dict[str, PartOfSpeech] = {"verbs": "verb", "nouns": "noun", "adjectives": "adjective"}
_RELATIONS: frozenset[str] = frozenset({"clause", "object", "prep"})


@dataclass(frozen=True)
class Grade:
    """A point on the factuality scale set by one cue word; ``time`` "future" for a
    future or intention cue of the commitment book (see ``commitment_book``)."""

    value: float
    label: str
    word: str
    time: str | None = None


@dataclass(frozen=True)
class Cue:
    """A predicate that sets the factuality of what it governs."""

    grade: Grade
    kind: CueKind
    governs: frozenset[str]


@dataclass(frozen=True)
class CueBook:
    modals: Mapping[str, Grade]
    modals_perfect: Mapping[str, Grade]
    hedges: Mapping[str, Grade]
    noun_modifiers: Mapping[str, Grade]
    negations: frozenset[str]
    negating_prepositions: frozenset[str]
    conditional_markers: frozenset[str]
    temporal_markers: frozenset[str]
    question_markers: frozenset[str]
    complement_prepositions: frozenset[str]
    noun_complement_prepositions: frozenset[str]
    presupposing_prepositions: frozenset[str]
    result_verbs: frozenset[str]
    infinitive_fact_words: frozenset[str]
    predicates: Mapping[tuple[PartOfSpeech, str], tuple[Cue, ...]]
    futures: Mapping[str, Grade]
    factives: frozenset[str] = frozenset()
    counterfactives: frozenset[str] = frozenset()
    conditional_ellipses: frozenset[str] = frozenset()
    inverted_conditionals: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    situation_nouns: frozenset[str] = frozenset()
    supposition_nouns: frozenset[str] = frozenset()
    conditional_prepositions: frozenset[str] = frozenset()
    negated_futures: frozenset[str] = frozenset()
    decisions: frozenset[str] = frozenset()
    carry_out_verbs: frozenset[str] = frozenset()
    negative_determiners: frozenset[str] = frozenset()
    comparison_markers: frozenset[str] = frozenset()
    exceptives: frozenset[str] = frozenset()
    negated_implicatives: frozenset[str] = frozenset()
    purpose: Grade = Grade(0.0, "unconfirmed", "to", None)

    def predicate(self, pos: PartOfSpeech, lemma: str, relation: str | None = None) -> Cue | None:
        """The cue ``lemma`` is as ``pos``; for ``relation`` when given ("decision" to / on)."""
        cues = self.predicates.get((pos, lemma.lower()), ())
        return next((cue for cue in cues if relation is None or relation in cue.governs), None)


def grade_of(label: str, word: str = "", value: float | None = None) -> Grade:
    """The grade for ``label`` (its representative value unless ``value`` is given)."""
    return Grade(FACTUALITY_LABELS[label] if value is None else value, label, word)


@functools.lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> CueBook:
    """Read and check the cue book; raises ValidationError naming the file and key."""
    raw = load_yaml_mapping(path)
    where = str(path)
    return CueBook(
        modals=_graded_words(where, "modals", raw),
        modals_perfect=_graded_words(where, "modals_perfect", raw),
        hedges=_graded_words(where, "hedges", raw),
        noun_modifiers=_graded_words(where, "noun_modifiers", raw),
        negations=_word_set(where, "negations", raw),
        negating_prepositions=_word_set(where, "negating_prepositions", raw),
        conditional_markers=_word_set(where, "conditional_markers", raw),
        temporal_markers=_word_set(where, "temporal_markers", raw),
        question_markers=_word_set(where, "question_markers", raw),
        complement_prepositions=_word_set(where, "complement_prepositions", raw),
        noun_complement_prepositions=_word_set(where, "noun_complement_prepositions", raw),
        presupposing_prepositions=_word_set(where, "presupposing_prepositions", raw),
        result_verbs=_word_set(where, "result_verbs", raw),
        infinitive_fact_words=_word_set(where, "infinitive_fact_words", raw),
        predicates=_predicates(where, raw),
        futures=_futures(where, raw),
        factives=_word_set(where, "factives", raw),
        counterfactives=_counterfactives(where, raw),
        conditional_ellipses=_word_set(where, "conditional_ellipses", raw),
        inverted_conditionals=_word_set(where, "inverted_conditionals", raw),
        occurrence_verbs=_word_set(where, "occurrence_verbs", raw),
        situation_nouns=_word_set(where, "situation_nouns", raw),
        supposition_nouns=_word_set(where, "supposition_nouns", raw),
        conditional_prepositions=_word_set(where, "conditional_prepositions", raw),
        negated_futures=_negated_futures(where, raw),
        decisions=_word_set(where, "decisions", raw),
        carry_out_verbs=_word_set(where, "carry_out_verbs", raw),
        negative_determiners=_word_set(where, "negative_determiners", raw),
        comparison_markers=_word_set(where, "comparison_markers", raw),
        exceptives=_word_set(where, "exceptives", raw),
        negated_implicatives=_negated_implicatives(where, raw),
    )


@functools.lru_cache(maxsize=4)
def load_commitment_cues(path: Path = CUES_FILE) -> CueBook:
    """The cue book of ``path`` as read for commitment (see ``commitment_book``)."""
    return commitment_book(load_cues(path))


def commitment_book(book: CueBook) -> CueBook:
    """``book`` with its future and intention cues graded by how certain the text is that
    the event will happen (section ``futures``) instead of as not (yet) happened; every
    modal, modifier and frame of the book that leaves an event unconfirmed gives it the
    time "future"."""
    def graded(kind: str, word: str, grade: Grade) -> Grade:
        future = book.futures.get(f"{kind}:{word}")
        if future is not None:
            return replace(future, word=grade.word)
        return replace(grade, time="future") if grade.label == "unconfirmed" else grade

    predicates = {
        (pos, word): tuple(
            replace(cue, grade=graded(pos, word, cue.grade)) if cue.kind == "frame" else cue
            for cue in cues)
        for (pos, word), cues in book.predicates.items()}
    return replace(
        book,
        modals={w: graded("modal", w, g) for w, g in book.modals.items()},
        noun_modifiers={w: graded("noun_modifier", w, g) for w, g in book.noun_modifiers.items()},
        predicates=predicates,
        purpose=graded("purpose", "to", book.purpose),
    )


def _section(where: str, name: str, raw: Mapping[str, Any]) -> Any:
    if name not in raw:
        raise ValidationError(where, name, "section is missing")
    return raw[name]


def _words(where: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ValidationError(where, key, "expected a list of words")
    return [word.lower() for word in value]


def _word_set(where: str, name: str, raw: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(_words(where, name, _section(where, name, raw)))


def _label(where: str, key: str, label: Any) -> str:
    if label not in FACTUALITY_LABELS:
        valid = ", ".join(FACTUALITY_LABELS)
        raise ValidationError(where, key, f"unknown label {label!r}; valid: {valid}")
    return str(label)


def _groups(where: str, name: str, raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    groups = _section(where, name, raw)
    if not isinstance(groups, list) or not all(isinstance(group, dict) for group in groups):
        raise ValidationError(where, name, "expected a list of groups with a label")
    return groups


def _graded_words(where: str, name: str, raw: Mapping[str, Any]) -> dict[str, Grade]:
    graded: dict[str, Grade] = {}
    for index, group in enumerate(_groups(where, name, raw)):
        key = f"{name}[{index}]"
        label = _label(where, f"{key}.label", group.get("label"))
        for word in _words(where, f"{key}.words", group.get("words")):
            _claim(where, key, word, graded)
            graded[word] = grade_of(label, word)
        _check_overrides(where, key, group, ())
    return graded


def _predicates(
    where: str, raw: Mapping[str, Any]
) -> dict[tuple[PartOfSpeech, str], tuple[Cue, ...]]:
    cues: dict[tuple[PartOfSpeech, str], tuple[Cue, ...]] = {}
    for section, kind in _KINDS.items():
        for index, group in enumerate(_groups(where, section, raw)):
            key = f"{section}[{index}]"
            label = _label(where, f"{key}.label", group.get("label"))
            governs = _governs(where, f"{key}.governs", group.get("governs"))
            values, labels = group.get("values") or {}, group.get("labels") or {}
            group_words: list[str] = []
            for pos_key, pos in _POS_KEYS.items():
                for word in _words(where, f"{key}.{pos_key}", group.get(pos_key, [])):
                    word_label = _label(where, f"{key}.labels", labels.get(word, label))
                    grade = grade_of(word_label, word, _value(where, key, values.get(word)))
                    cues[(pos, word)] = _added(
                        where, f"{key}.{pos_key}", cues.get((pos, word), ()),
                        Cue(grade, kind, governs))
                    group_words.append(word)
            _check_overrides(where, key, group, group_words)
    return cues


def _counterfactives(where: str, raw: Mapping[str, Any]) -> frozenset[str]:
    """The counterfactive verbs, each a denied implicative of the book."""
    words = _word_set(where, "counterfactives", raw)
    denied = {word for group in _groups(where, "implicatives", raw)
              if group.get("label") == "denied"
              for word in _words(where, "implicatives", group.get("verbs", []))}
    for word in sorted(words - denied):
        raise ValidationError(where, "counterfactives", f"{word!r} is no denied implicative "
                              "verb; list it there first")
    return words


def _negated_implicatives(where: str, raw: Mapping[str, Any]) -> frozenset[str]:
    """The verbs whose negation makes what they govern happen, each a denied implicative
    or an unconfirmed frame verb of the book."""
    words = _word_set(where, "negated_implicatives", raw)
    listed = {word for section, label in (("implicatives", "denied"), ("frames", "unconfirmed"))
              for group in _groups(where, section, raw) if group.get("label") == label
              for word in _words(where, section, group.get("verbs", []))}
    for word in sorted(words - listed):
        raise ValidationError(where, "negated_implicatives", f"{word!r} is no denied "
                              "implicative or unconfirmed frame verb; list it there first")
    return words


def _negated_futures(where: str, raw: Mapping[str, Any]) -> frozenset[str]:
    """The sure intentions whose negation denies, each a `futures` verb or noun of
    commitment `confirmed`."""
    words = _word_set(where, "negated_futures", raw)
    sure = {name.partition(":")[2] for name, grade in _futures(where, raw).items()
            if grade.label == "confirmed" and name.partition(":")[0] in ("verb", "noun")}
    for word in sorted(words - sure):
        raise ValidationError(where, "negated_futures", f"{word!r} is no sure future; list "
                              "it under a `futures` group of commitment confirmed first")
    return words


# Kinds of word a `futures` group may list, and the section each must already be in.
_FUTURE_KINDS = {"modals": "modal", "noun_modifiers": "noun_modifier", "verbs": "verb",
                 "nouns": "noun", "adjectives": "adjective", "purpose": "purpose"}


def _futures(where: str, raw: Mapping[str, Any]) -> dict[str, Grade]:
    """"kind:word" -> the commitment grade of a future or intention cue."""
    futures: dict[str, Grade] = {}
    known = _known_cues(where, raw)
    for index, group in enumerate(_groups(where, "futures", raw)):
        key = f"futures[{index}]"
        label = _label(where, f"{key}.commitment", group.get("commitment"))
        stray = sorted(set(group) - {"commitment", *_FUTURE_KINDS})
        if stray:
            raise ValidationError(where, key, f"unknown keys {stray}; valid: commitment, "
                                  + ", ".join(_FUTURE_KINDS))
        for field, kind in _FUTURE_KINDS.items():
            for word in _words(where, f"{key}.{field}", group.get(field, [])):
                name = f"{kind}:{word}"
                if name not in known:
                    raise ValidationError(where, f"{key}.{field}", f"{word!r} is no unconfirmed "
                                          f"cue of its section; list it there first")
                _claim(where, key, name, futures)
                futures[name] = replace(grade_of(label, word), time="future")
    return futures


def _known_cues(where: str, raw: Mapping[str, Any]) -> set[str]:
    """"kind:word" of every cue a `futures` group may regrade: the unconfirmed modals,
    noun modifiers and frames, and the purpose "to"."""
    known = {"purpose:to"}
    for section, kind in (("modals", "modal"), ("noun_modifiers", "noun_modifier")):
        for word, grade in _graded_words(where, section, raw).items():
            if grade.label == "unconfirmed":
                known.add(f"{kind}:{word}")
    for group in _groups(where, "frames", raw):
        if group.get("label") != "unconfirmed":
            continue
        for pos_key, pos in _POS_KEYS.items():
            known.update(f"{pos}:{w}" for w in _words(where, "frames", group.get(pos_key, [])))
    return known


def _governs(where: str, key: str, value: Any) -> frozenset[str]:
    relations = _words(where, key, value)
    unknown = sorted(set(relations) - _RELATIONS)
    if unknown:
        valid = ", ".join(sorted(_RELATIONS))
        raise ValidationError(where, key, f"unknown relation(s) {unknown}; valid: {valid}")
    return frozenset(relations)


def _value(where: str, key: str, value: Any) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or not -3 <= value <= 3:
        raise ValidationError(where, f"{key}.values", f"{value!r} is not a number in -3..3")
    return float(value)


def _added(where: str, key: str, listed: tuple[Cue, ...], cue: Cue) -> tuple[Cue, ...]:
    """``listed`` and ``cue``: a word may be listed twice only for different relations."""
    if any(other.governs & cue.governs for other in listed):
        word = cue.grade.word
        raise ValidationError(where, key, f"{word!r} is listed twice for the same relation")
    return (*listed, cue)


def _claim(where: str, key: str, word: object, seen: Mapping[Any, object]) -> None:
    if word in seen:
        raise ValidationError(where, key, f"{word!r} is listed twice; keep one entry")


def _check_overrides(where: str, key: str, group: Mapping[str, Any], words: Iterable[str]) -> None:
    listed = set(words)
    for field in ("values", "labels"):
        stray = sorted(set(group.get(field) or {}) - listed)
        if stray:
            raise ValidationError(where, f"{key}.{field}", f"{stray} are not words of this group")
