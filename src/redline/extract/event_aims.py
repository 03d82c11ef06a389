"""Whose aim an event is: "Russia aims to seize Kharkiv", "Pyongyang's plan to send
troops", "met in Lima to develop their partnership", "in order to help".

The party found is the one whose aim, plan, intention or purpose the action is
(``Event.intended_by``); who reports the action is left as its source. Nothing here
changes how sure the text is that the action happened.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.extract.arguments import agent_of, load_arguments, negated, subject_of
from redline.extract.possessives import possessor
from redline.records import Event, Quote

Token = Any  # spacy.tokens.Token
AIMS_FILE = Path(__file__).with_name("event_aims.yaml")
#: Dependencies of an action that completes the word stating it as an aim.
_COMPLEMENTS = frozenset({"xcomp", "ccomp"})
#: Determiners that deny a noun ("no plans to", "no intention of").
_NONE = frozenset({"no", "neither"})


@dataclass(frozen=True)
class AimWords:
    """The words of ``event_aims.yaml``, with the intent words of ``event_verbs.yaml``."""

    verbs: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]
    owner_preps: frozenset[str]
    holding_verbs: frozenset[str]
    purpose_phrases: frozenset[str]


@functools.lru_cache(maxsize=4)
def load_aims(path: Path = AIMS_FILE, intent_verbs: frozenset[str] = frozenset(),
              intent_adjectives: frozenset[str] = frozenset()) -> AimWords:
    """The aim words from ``path`` (default: the packaged ``event_aims.yaml``), the verbs
    and adjectives of statements of intent added."""
    data = load_yaml_mapping(path)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    return AimWords(verbs=words("verbs") | intent_verbs, adjectives=intent_adjectives,
                    nouns=words("nouns"), owner_preps=words("owner_prepositions"),
                    holding_verbs=words("holding_verbs"),
                    purpose_phrases=words("purpose_phrases"))


@dataclass(frozen=True)
class Aim:
    """Where an action is stated as an aim: the word stating it and who holds the aim
    (a token to resolve; None where the text does not say)."""

    word: Token
    holder: Token | None
    named_only: bool = False  # the holder counts only where it names an actor


def aim_of(verb: Token, words: AimWords) -> Aim | None:
    """The aim ``verb`` (an action) is stated as, if any: the complement of an aim verb or
    adjective ("seeks to seize", "wants Pyongyang to send", "is willing to withdraw"), the
    clause of an aim noun ("plan to send", "the aim of seizing"), or a clause of purpose
    ("sent troops to help", "in order to help", "so as to help"; "committed troops to aid",
    where the parser makes it a complement of a verb with an object that does not control
    it). A denied aim ("does not want to", "no plans to") is none."""
    if verb.pos_ != "VERB":
        return None
    head = verb.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "pcomp" and head.lower_ == "of" and verb.tag_ == "VBG":
        return _noun_aim(head.head, words)  # "the aim of seizing"
    if not infinitive or head.i == verb.i:
        return None
    if verb.dep_ in _COMPLEMENTS and head.pos_ in {"VERB", "AUX"} and (
            head.lemma_.lower() in words.verbs):
        return None if negated(head) else Aim(head, _verb_holder(head))
    if verb.dep_ == "xcomp" and head.lower_ in words.adjectives and head.pos_ in {
            "ADJ", "VERB"}:
        holder_of = head.head if head.dep_ == "acomp" else head
        denied = negated(head) or (head.dep_ == "acomp" and negated(head.head))
        return None if denied else Aim(head, _verb_holder(holder_of))
    if verb.dep_ == "acl" and head.dep_ == "pobj" and (
            f"{head.head.lower_} {head.lower_}" in words.purpose_phrases) and (
            head.head.head.pos_ in {"VERB", "AUX"}):
        return Aim(head, _verb_holder(head.head.head))  # "sent troops in order to help"
    if verb.dep_ in {"acl", "xcomp"} and head.pos_ == "NOUN":
        return _noun_aim(head, words)  # "Pyongyang's plan to send"
    if verb.dep_ in _COMPLEMENTS and head.lemma_ == "be":
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ == "NOUN":
            return _noun_aim(subject, words)  # "Russia's goal is to seize"
    if verb.dep_ == "advcl" and head.pos_ in {"VERB", "AUX"}:
        return Aim(head, _verb_holder(head))  # "sent troops to help", "in order to help"
    if verb.dep_ == "xcomp" and head.pos_ == "VERB" and any(
            c.dep_ == "dobj" for c in head.children) and (
            head.lemma_.lower() not in load_arguments().object_control):
        return Aim(head, _verb_holder(head))  # "committed troops to aid", "used drones to"
    return None


def _verb_holder(verb: Token) -> Token | None:
    """Who holds the aim stated by ``verb``: its subject, the agent of a passive ("troops
    were sent by Russia to help"), or the subject it takes from the verb it completes
    ("Russia appears to want to")."""
    subject, passive = subject_of(verb)
    if passive:
        return agent_of(verb)
    return subject


def _noun_aim(noun: Token, words: AimWords) -> Aim | None:
    """The aim stated by ``noun`` (when it is an aim noun) and its owner: its possessor
    ("Pyongyang's plan"), its "by"/"of" object ("a bid by Russia"), or the subject of a
    verb holding it ("Russia announced a plan to")."""
    if noun.pos_ != "NOUN" or (noun.lemma_.lower() not in words.nouns
                               and noun.lower_ not in words.nouns):
        return None
    if any(c.dep_ == "det" and c.lower_ in _NONE for c in noun.children):
        return None
    owner = possessor(noun)
    if owner is None:  # "a bid by Russia", but not "the aim of the operation"
        owner = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ in
                      words.owner_preps for o in p.children if o.dep_ == "pobj"
                      and o.pos_ in {"PROPN", "NOUN", "PRON"}), None)
        if owner is not None:
            return Aim(noun, owner, named_only=True)
    if owner is None and noun.dep_ in {"dobj", "attr"} and (
            noun.head.lemma_.lower() in words.holding_verbs) and not negated(noun.head):
        owner = _verb_holder(noun.head)
    elif noun.dep_ in {"dobj", "attr"} and negated(noun.head) and owner is None:
        return None  # "Russia does not have a plan to"
    return Aim(noun, owner)


def credit_aims(events: Sequence[Event], quotes: Sequence[Quote],
                first_person: frozenset[str]) -> list[Event]:
    """An aim held by "we" or "I" inside a quotation is its speaker's: '"We aim to seize
    Kharkiv," Putin said' is Putin's aim. ``quotes``: those whose speaker names someone
    (not "he" unresolved, "we", "a statement"); an aim of "we" that none of them holds
    is no one's the text names ('"We want to send troops," he said' with no one for "he").
    ``first_person``: the pronouns of a speaker."""
    credited = []
    for event in events:
        where = event.trigger_span or event.span
        if event.intended_by is None and (event.intended_text or "").lower() in first_person:
            quote = next((q for q in quotes if q.content_span[0] <= where[0]
                          and where[1] <= q.content_span[1]), None)
            event = replace(event, intended_by=quote.speaker_actor if quote else None,
                            intended_text=quote.speaker if quote else None)
        credited.append(event)
    return credited
