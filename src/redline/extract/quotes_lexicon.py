"""The speech cue lexicon (``speech_cues.yaml``) as a typed, read-once object."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

CUES_FILE = Path(__file__).with_name("speech_cues.yaml")

_WORD_LISTS = (
    "speech_verbs", "belief_verbs", "intention_verbs", "object_verbs", "no_object_verbs",
    "topic_prepositions", "complement_prepositions", "cue_nouns", "cue_adjectives",
    "delivery_verbs",
    "utterance_nouns", "quantity_nouns",
    "role_nouns", "quote_marks", "signature_dashes",
    "relative_persons", "relative_things", "relative_restrictive", "speaker_determiners",
    "hearer_pronouns", "not_controllers", "generic_sources", "content_marks",
    "noun_source_prepositions", "phrase_words", "phrase_prepositions",
)


@dataclass(frozen=True)
class SpeechCues:
    """Cue words, role nouns and the name/pronoun hints used to resolve speakers."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    object_verbs: frozenset[str]
    no_object_verbs: frozenset[str]
    topic_prepositions: frozenset[str]
    complement_prepositions: frozenset[str]
    cue_nouns: frozenset[str]
    cue_adjectives: frozenset[str]
    delivery_verbs: frozenset[str]
    utterance_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    source_prepositions: tuple[tuple[str, ...], ...]
    role_nouns: frozenset[str]
    role_equivalents: dict[str, frozenset[str]]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    neutral_titles: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]
    male_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    quote_marks: frozenset[str]
    signature_dashes: tuple[str, ...]
    relative_persons: frozenset[str]
    relative_things: frozenset[str]
    relative_restrictive: frozenset[str]
    speaker_determiners: frozenset[str]
    hearer_pronouns: frozenset[str]
    not_controllers: frozenset[str]
    generic_sources: frozenset[str]
    content_marks: frozenset[str]
    noun_source_prepositions: frozenset[str]
    phrase_words: frozenset[str]
    phrase_prepositions: frozenset[str]

    @functools.cached_property
    def relatives(self) -> frozenset[str]:
        """Every relative pronoun."""
        return self.relative_persons | self.relative_things | self.relative_restrictive

    @functools.cached_property
    def aside_relatives(self) -> frozenset[str]:
        """Relative pronouns that may open a non-restrictive clause (", who is 70")."""
        return self.relative_persons | self.relative_things

    @functools.cached_property
    def thing_relatives(self) -> frozenset[str]:
        """Relative pronouns that stand for a thing ("a letter that says")."""
        return self.relative_things | self.relative_restrictive

    @functools.cached_property
    def pronouns(self) -> frozenset[str]:
        """Every pronoun the lexicon knows: words that stand in for a named source."""
        return (self.male_pronouns | self.female_pronouns | self.group_pronouns
                | self.personal_pronouns)

    @property
    def clause_verbs(self) -> frozenset[str]:
        """Verbs whose clausal complement is attributed content."""
        return self.speech_verbs | self.belief_verbs

    @functools.cached_property
    def cue_verbs(self) -> frozenset[str]:
        """Every verb that may cue an attribution."""
        return self.clause_verbs | self.intention_verbs | self.object_verbs

    @property
    def titles(self) -> frozenset[str]:
        return self.male_titles | self.female_titles | self.neutral_titles

    def role_matches(self, noun: str, role: str) -> bool:
        """Whether ``role`` (a person's role text) fits the description noun ``noun``."""
        words = {w.strip(",.;").lower() for w in role.split()}
        wanted = {noun} | self.role_equivalents.get(noun, frozenset())
        return bool(words & wanted) or any(w.rstrip("s") in wanted for w in words)


def _words(raw: dict[str, Any], key: str, location: str) -> frozenset[str]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(location, key, "must be a list of words")
    return frozenset(v.lower() for v in value)


def _section(raw: dict[str, Any], key: str, location: str) -> dict[str, Any]:
    value = raw.get(key) or {}
    if not isinstance(value, dict):
        raise ValidationError(location, key, "must be a mapping")
    return value


def parse_cues(raw: object, location: str) -> SpeechCues:
    """Build the lexicon from the parsed YAML ``raw``; ``location`` names it in errors."""
    if not isinstance(raw, dict):
        raise ValidationError(location, "(top)", "must be a mapping of word lists")
    lists = {key: _words(raw, key, location) for key in _WORD_LISTS}
    titles = _section(raw, "titles", location)
    names = _section(raw, "given_names", location)
    pronouns = _section(raw, "pronouns", location)
    equivalents = _section(raw, "role_equivalents", location)
    prepositions = raw.get("source_prepositions") or []
    if not all(isinstance(p, list) and p for p in prepositions):
        raise ValidationError(location, "source_prepositions", "must be a list of word lists")
    return SpeechCues(
        speech_verbs=lists["speech_verbs"],
        belief_verbs=lists["belief_verbs"],
        intention_verbs=lists["intention_verbs"],
        object_verbs=lists["object_verbs"],
        no_object_verbs=lists["no_object_verbs"],
        topic_prepositions=lists["topic_prepositions"],
        complement_prepositions=lists["complement_prepositions"],
        cue_nouns=lists["cue_nouns"],
        cue_adjectives=lists["cue_adjectives"],
        delivery_verbs=lists["delivery_verbs"],
        utterance_nouns=lists["utterance_nouns"],
        quantity_nouns=lists["quantity_nouns"],
        source_prepositions=tuple(tuple(str(w).lower() for w in p) for p in prepositions),
        role_nouns=lists["role_nouns"],
        role_equivalents={
            str(k).lower(): _words(equivalents, k, location) for k in equivalents},
        male_titles=_words(titles, "male", location),
        female_titles=_words(titles, "female", location),
        neutral_titles=_words(titles, "neutral", location),
        male_names=_words(names, "male", location),
        female_names=_words(names, "female", location),
        male_pronouns=_words(pronouns, "male", location),
        female_pronouns=_words(pronouns, "female", location),
        group_pronouns=_words(pronouns, "group", location),
        personal_pronouns=_words(pronouns, "personal", location),
        quote_marks=frozenset(raw.get("quote_marks") or ()),
        signature_dashes=tuple(raw.get("signature_dashes") or ()),
        relative_persons=lists["relative_persons"],
        relative_things=lists["relative_things"],
        relative_restrictive=lists["relative_restrictive"],
        speaker_determiners=lists["speaker_determiners"],
        hearer_pronouns=lists["hearer_pronouns"],
        not_controllers=lists["not_controllers"],
        generic_sources=lists["generic_sources"],
        content_marks=lists["content_marks"],
        noun_source_prepositions=lists["noun_source_prepositions"],
        phrase_words=lists["phrase_words"],
        phrase_prepositions=lists["phrase_prepositions"],
    )


@functools.lru_cache(maxsize=4)
def load_cues(path: Path = CUES_FILE) -> SpeechCues:
    """The lexicon in ``path`` (default: the packaged ``speech_cues.yaml``)."""
    return parse_cues(load_yaml_mapping(path), str(path))
