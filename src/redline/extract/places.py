"""Where an event happens: its place phrase in the parse, resolved through the gazetteer.

The phrase is the object of a place preposition on the trigger ("fighting in eastern
Ukraine", "moved soldiers into eastern Russia"), the destination of a movement ("sent
troops to Russia"), or a place naming the event noun ("the Kursk offensive"). What counts
(prepositions, movement words, place nouns, entity labels) is read from ``places.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.extract.gazetteer import PLACES_FILE, Gazetteer, Place, fold, load_gazetteer
from redline.extract.possessives import strip_possessive

Token = Any  # spacy.tokens.Token

#: Children of a place's head kept in its phrase.
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "prep", "pobj",
                          "npadvmod", "nummod"})


@dataclass(frozen=True)
class PlaceRules:
    prepositions: frozenset[str]
    destinations: frozenset[str]
    ending: frozenset[str]
    movement: frozenset[str]
    entering: frozenset[str]
    targeting: frozenset[str]
    targeting_events: frozenset[str]
    bombardment: frozenset[str]
    mislabelled: frozenset[str]
    target_prepositions: frozenset[str]
    labels: frozenset[str]
    not_labels: frozenset[str]
    place_nouns: frozenset[str]
    never: frozenset[str]


@functools.cache
def place_rules(path: Path = PLACES_FILE) -> PlaceRules:
    """What counts as a place phrase, from the ``place_phrase`` section of ``places.yaml``."""
    section = load_yaml_mapping(path).get("place_phrase") or {}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in section.get(name) or [])

    return PlaceRules(prepositions=words("prepositions"), destinations=words("destinations"),
                      ending=words("destinations") | words("entering_prepositions"),
                      movement=words("movement"), entering=words("entering"),
                      targeting=words("targeting"),
                      targeting_events=frozenset(
                          str(w) for w in section.get("targeting_events") or []),
                      bombardment=words("bombardment"),
                      mislabelled=frozenset(str(w) for w in section.get("mislabelled") or []),
                      target_prepositions=words("target_prepositions"),
                      labels=frozenset(str(w) for w in section.get("labels") or []),
                      not_labels=frozenset(str(w) for w in section.get("not_labels") or []),
                      place_nouns=words("place_nouns"), never=words("never"))


NOWHERE = Place()


def locate(token: Token, noun: Token | None = None, event: str | None = None) -> Place:
    """The place of the event triggered by ``token`` (and its event noun), resolved;
    ``NOWHERE`` when the event names none. ``event`` is its type: an attack's object
    is a place only for the types of ``targeting_events`` ("attacked Kharkiv")."""
    head = place_head(token, noun, event)
    if head is None:
        return NOWHERE
    return resolve_phrase(phrase_text(head), load_gazetteer())


def place_head(token: Token, noun: Token | None = None, event: str | None = None
               ) -> Token | None:
    """The head word of the event's place phrase, or None when it names no place."""
    rules = place_rules()
    anchors = [t for t in (token, noun) if t is not None]
    moving = any(a.lemma_.lower() in rules.movement for a in anchors)
    preps = rules.prepositions | (rules.destinations if moving else frozenset())
    struck = target_place(token, noun, event)
    if struck is not None:
        return struck
    carriers = [*anchors, *(c for a in anchors for c in a.children
                            if c.dep_ in {"dobj", "nsubjpass"})]
    for carrier in carriers:
        for child in carrier.children:
            if child.dep_ not in {"prep", "dative"} or child.lower_ not in preps:
                continue
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_place(pobj, rules):
                    return pobj
    for anchor in anchors:
        if anchor.pos_ not in {"NOUN", "PROPN"}:
            continue
        for child in anchor.children:  # "the Kursk offensive"
            if child.dep_ in {"compound", "nmod"} and child.i < anchor.i and \
                    _names_place(child, rules):
                return child
    return None


def recipient_place(token: Token, noun: Token | None = None, event: str | None = None
                    ) -> Place | None:
    """The place an event is done to, resolved: what it enters or strikes ("attacked
    Kharkiv"), or where a movement ends ("crossed into Kursk", "sent troops to Pokrovsk");
    None for a place it merely happens in ("fighting in Kursk")."""
    rules = place_rules()
    head = target_place(token, noun, event)
    anchors = [t for t in (token, noun) if t is not None]
    if head is None and any(a.lemma_.lower() in rules.movement for a in anchors):
        carriers = [*anchors, *(c for a in anchors for c in a.children
                                if c.dep_ in {"dobj", "nsubjpass"})]
        head = next((p for c in carriers for child in c.children
                     if child.dep_ in {"prep", "dative"} and child.lower_ in rules.ending
                     for p in child.children if p.dep_ == "pobj" and is_place(p, rules)), None)
    return resolve_phrase(phrase_text(head), load_gazetteer()) if head is not None else None


def target_place(token: Token, noun: Token | None = None, event: str | None = None
                 ) -> Token | None:
    """The head of the place an event enters or, for an attack (``event`` among the
    ``targeting_events``), strikes: the place itself ("entered Ukraine", "attacked
    Kharkiv", "missile strikes on Kharkiv") or where what it strikes is ("the strike on a
    hospital in Kharkiv"); None if there is none. "The senator attacked Chicago" strikes
    nothing."""
    rules = place_rules()
    attack = event in rules.targeting_events
    for anchor in (t for t in (token, noun) if t is not None):
        lemma = anchor.lemma_.lower()
        targeting = attack and lemma in rules.targeting
        bombarded = targeting and lemma in rules.bombardment
        for head in _struck_objects(anchor, lemma in rules.entering or targeting, targeting,
                                    rules):
            if _struck(head, rules, bombarded):
                return head
            inner = next((p for c in head.children if c.dep_ == "prep" and targeting
                          and c.lower_ in rules.prepositions for p in c.children
                          if p.dep_ == "pobj" and is_place(p, rules)), None)
            if inner is not None:
                return inner
    return None


def _struck_objects(anchor: Token, entered: bool, struck: bool, rules: PlaceRules
                    ) -> list[Token]:
    """The direct object of what enters or strikes, the "on"/"against" object of a strike."""
    found = [c for c in anchor.children if c.dep_ == "dobj" and entered]
    if struck:
        found += [p for c in anchor.children if c.dep_ == "prep"
                  and c.lower_ in rules.target_prepositions
                  for p in c.children if p.dep_ == "pobj"]
    return found


def _struck(head: Token, rules: PlaceRules, bombarded: bool = False) -> bool:
    """A place in the slot of what is entered or struck. There the syntax says it is a
    place or a party, so a name the small parser labels an organisation ("strikes on
    Kharkiv": ORG) counts when the gazetteer knows it with confidence; so does one it
    labels a person, where what is done can only be done to a place (``bombarded``:
    "shelled Kherson") and the text names no person so."""
    if is_place(head, rules):
        return True
    mislabelled = head.ent_type_ in rules.mislabelled or (
        bombarded and head.ent_type_ == "PERSON" and not _person_elsewhere(head, rules))
    return head.pos_ == "PROPN" and mislabelled and (
        head.lower_ not in rules.never) and head.text[:1].isupper() and (
        load_gazetteer().resolve_confidently(_name_around(head)) is not None)


def _person_elsewhere(head: Token, rules: PlaceRules) -> bool:
    """Whether the text names a person by ``head``'s word: in a longer person's name
    ("Marsha Blackburn") or after a title ("Senator Blackburn")."""
    for ent in head.doc.ents:
        if ent.label_ != "PERSON" or head.lower_ not in {t.lower_ for t in ent}:
            continue
        before = head.doc[ent.start - 1] if ent.start else None
        if len(ent) > 1 or (before is not None and before.lower_ in rules.never):
            return True
    return False


def is_place(head: Token, rules: PlaceRules | None = None) -> bool:
    """A place: a named place ("Kursk", "Russia's Far East"), or a place noun a named
    place qualifies ("the Kursk region", "the city of Pokrovsk"). Not "a statement",
    "response", "2024", "talks", "Russia's war"."""
    rules = rules or place_rules()
    if _names_place(head, rules):
        return True
    if head.lemma_.lower() not in rules.place_nouns:
        return False
    for child in head.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} and _names_place(child, rules):
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                c.dep_ == "pobj" and _names_place(c, rules) for c in child.children):
            return True
    return False


def _names_place(token: Token, rules: PlaceRules) -> bool:
    if token.lower_ in rules.never or not token.text[:1].isupper():
        return False
    if any(c.dep_ == "compound" and c.lower_ in rules.never for c in token.children):
        return False  # "Chancellor Scholz", whatever the parser labels him
    if token.ent_type_ in rules.labels:
        # An acronym the parser takes for a place ("AI") counts only if it is one ("US").
        return not token.text.isupper() or load_gazetteer().resolve(token.text) is not None
    if token.ent_type_ in rules.not_labels:
        return False  # NORP ("Ukrainian"), PERSON, DATE ...
    return token.pos_ == "PROPN" and \
        load_gazetteer().resolve_confidently(_name_around(token)) is not None


def _name_around(token: Token) -> str:
    """The proper name ``token`` is part of ("Khan" -> "Khan Yunis")."""
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    while end + 1 < len(doc) and doc[end].dep_ == "compound" and doc[end + 1].pos_ == "PROPN":
        end += 1
    return str(doc[start : end + 1].text)


def phrase_text(head: Token) -> str:
    """The place phrase headed by ``head``: "eastern Ukraine", "the Kursk region"."""
    kept = [c for c in head.children if c.dep_ in _PHRASE_DEPS and c.dep_ != "det"]
    start = min([head.i, *(c.left_edge.i for c in kept if c.i < head.i)])
    end = max([head.i, *(c.right_edge.i for c in kept if c.i > head.i and (
        c.dep_ != "prep" or c.lower_ == "of"))])
    return " ".join(str(head.doc[start : end + 1].text).split())


def resolve_phrase(phrase: str, gazetteer: Gazetteer) -> Place:
    """Where the phrase is: the whole phrase if the gazetteer knows it, else the names in
    it when they agree on a country (the most specific one wins); else the text alone."""
    whole = gazetteer.resolve(_without_directions(phrase, gazetteer))
    if whole is not None:
        return Place(phrase, whole.country, whole.region)
    found = [p for p in (gazetteer.resolve(n) for n in proper_names(phrase, gazetteer))
             if p is not None]
    countries = {p.country for p in found}
    if len(countries) != 1 or None in countries:
        return Place(phrase)
    regions = {p.region for p in found if p.region}  # "Kharkiv and Sumy": two regions
    return Place(phrase, found[0].country, regions.pop() if len(regions) == 1 else None)


def _without_directions(phrase: str, gazetteer: Gazetteer) -> str:
    """"eastern Ukraine" -> "Ukraine"; a capitalised word is part of the name ("West Bank")."""
    words = phrase.split()
    while words and words[0].islower() and fold(words[0]) in gazetteer.directions | {"the"}:
        words = words[1:]
    return " ".join(words) or phrase


def proper_names(phrase: str, gazetteer: Gazetteer) -> list[str]:
    """Runs of capitalised words, each with a following region word where there is one:
    "Russia's Kursk region" -> ["Russia", "Kursk region", "Kursk"]."""
    names: list[str] = []
    run: list[str] = []

    def close(following: str) -> None:
        if run:
            if following and fold(following) in gazetteer.region_words:
                names.append(" ".join([*run, following]))
            names.append(" ".join(run))
            run.clear()

    for word in phrase.replace("’", "'").split():
        bare = strip_possessive(word)
        if bare[:1].isupper() and bare != "The":
            run.append(bare)
            if bare != word:  # a possessive ends the name: "Russia's"
                close("")
        else:
            close(bare)
    close("")
    return names
