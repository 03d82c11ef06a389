"""Verb and noun patterns for events, read from ``event_verbs.yaml``."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.plover import vocabulary

PATTERNS_FILE = Path(__file__).with_name("event_verbs.yaml")
PLOVER_TYPES = frozenset(vocabulary().types)


@dataclass(frozen=True)
class Reading:
    """One reading of a trigger word; ``event`` None means "not an event" (release a video)."""

    event: str | None
    cameo: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    preps: frozenset[str] = frozenset()
    inverse: bool = False
    subjects: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()  # what one of ``preps`` governs ("on strike")
    transitive: bool = False  # acts on something ("returned the painting to Peru")
    complements: frozenset[str] = frozenset()  # what is said of the object ("found X guilty")
    addressee: bool = False  # acts on a party it says nothing of ("called Lavrov to discuss")
    object_governs: frozenset[str] = frozenset()  # "for" or "to" of the object ("calls to resign")
    to_party: bool = False  # done to a party named ("offered Ukraine air defense systems")

    def applies(self, object_words: set[str], particle: str | None, preps: set[str],
                subject_words: frozenset[str] = frozenset(),
                governed: Mapping[str, set[str]] | None = None, acted_on: bool = True,
                complement: frozenset[str] = frozenset(), addressed: bool = False,
                object_governs: frozenset[str] = frozenset(), to_party: bool = False) -> bool:
        """Whether this reading fits a trigger with these objects, particle, prepositions
        (``governed``: the words each preposition governs), subject and complement
        (``complement_words``); ``acted_on``: the trigger has a direct object or a passive
        subject; ``addressed``: it acts on a party and says nothing of it;
        ``object_governs``: the prepositions and infinitive "to" of its object; ``to_party``:
        it names a party it is done to, a dative or the object of "to"."""
        if (self.objects and not self.objects & object_words) or (
                self.transitive and not acted_on) or (self.addressee and not addressed) or (
                self.to_party and not to_party):
            return False
        if self.object_governs and not self.object_governs & object_governs:
            return False
        if self.complements and not self.complements & complement:
            return False
        if self.subjects and not self.subjects & subject_words:
            return False
        if self.particle and self.particle != particle:
            return False
        if self.preps and not self.preps & preps:
            return False
        return not self.prep_objects or any(
            self.prep_objects & words for prep, words in (governed or {}).items()
            if not self.preps or prep in self.preps)


@dataclass(frozen=True)
class Intent:
    """The words of statements of intent and the type a stated intention takes."""

    adjectives: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    modals: frozenset[str] = frozenset()
    main_clause_modals: frozenset[str] = frozenset()
    tentative: frozenset[str] = frozenset()
    types: dict[str, str] | None = None  # intended action type -> statement type
    follow_complement: frozenset[str] = frozenset()
    enacting: frozenset[str] = frozenset()
    refusals: dict[str, str] | None = None  # refused action type -> CAMEO code of the refusal

    def refusal_cameo(self, action: str | None) -> str | None:
        """The CAMEO code of refusing an action of this type (None: no refusal reading)."""
        return (self.refusals or {}).get(action or "")

    def statement_type(self, action: str | None) -> str | None:
        return (self.types or {}).get(action or "")


@dataclass(frozen=True)
class Roles:
    """How the arguments of some event types are read (``roles`` in ``event_verbs.yaml``)."""

    moved_by_owner: frozenset[str] = frozenset()
    addressed_by_noun: frozenset[str] = frozenset()
    place_not_recipient: frozenset[str] = frozenset()
    left_from: frozenset[str] = frozenset()
    compound_state_done_to: frozenset[str] = frozenset()
    statement_cameo: dict[str, str] | None = None
    passive_place_agents: dict[str, frozenset[str]] | None = None

    def cameo_of(self, statement: str) -> str | None:
        return (self.statement_cameo or {}).get(statement)

    def place_agent_preps(self, event: str | None) -> frozenset[str]:
        return (self.passive_place_agents or {}).get(event or "", frozenset())


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[Reading, ...]]
    nouns: dict[str, tuple[Reading, ...]]
    reporting: frozenset[str]
    carriers: frozenset[str]
    contexts: dict[str, frozenset[str]]  # in priority order
    intent: Intent = Intent()
    obligation: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()
    acts: frozenset[str] = frozenset()  # nouns of an act an event noun before them names
    roles: Roles = Roles()
    relations: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()

    def contexts_of(self, words: Iterable[str]) -> list[str]:
        found = {w.lower() for w in words}
        return [name for name, keys in self.contexts.items() if keys & found]


def _texts(raw: Any, location: str, field: str) -> list[str]:
    """The words of a condition or a word list, each of which must be text: YAML reads a
    bare on, off, yes or no as true or false, which would never match a word."""
    values = raw if isinstance(raw, list) else [raw]
    for value in values:
        if not isinstance(value, str):
            hint = (" (YAML reads a bare on, off, yes or no as true or false: quote it, "
                    "\"on\")" if isinstance(value, bool) else "")
            raise ValidationError(location, field,
                                  f"words must be text, found {value!r}{hint}")
    return values


def _listed(raw: dict[str, Any], key: str) -> Any:
    value = raw.get(key)
    return [] if value is None else value  # a bare "off" is False: refused, not empty


def _condition(raw: Any, key: str, location: str, field: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _texts(_listed(raw, key), location, f"{field}.{key}"))


def _flag(raw: dict[str, Any], key: str, location: str, field: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise ValidationError(location, f"{field}.{key}", f"must be true or false, found {value!r}")
    return value


def _reading(raw: Any, location: str, field: str) -> Reading:
    if not isinstance(raw, dict):
        raise ValidationError(location, field, "each reading must be a mapping")
    particle = raw.get("particle")
    if particle is not None:
        particle = _texts(particle, location, f"{field}.particle")[0].lower()
    event = raw.get("event")
    if event is not None and event not in PLOVER_TYPES:
        raise ValidationError(location, field,
                              f"unknown event {event!r}; valid: {', '.join(sorted(PLOVER_TYPES))}")
    context = raw.get("context") or []
    return Reading(
        event=event, cameo=str(raw["cameo"]) if raw.get("cameo") is not None else None,
        mode=raw.get("mode"),
        context=tuple(context) if isinstance(context, list) else (str(context),),
        objects=_condition(raw, "object", location, field),
        particle=particle,
        preps=_condition(raw, "prep", location, field),
        inverse=bool(raw.get("inverse", False)),
        subjects=_condition(raw, "subject", location, field),
        prep_objects=_condition(raw, "prep_object", location, field),
        transitive=_flag(raw, "transitive", location, field),
        complements=_condition(raw, "complement", location, field),
        addressee=_flag(raw, "addressee", location, field),
        to_party=_flag(raw, "to_party", location, field),
        object_governs=_condition(raw, "object_governs", location, field),
    )


_PREDICATES = frozenset({"ccomp", "xcomp", "acomp", "oprd"})


def complement_words(token: Any) -> frozenset[str]:
    """Lemmas of what a verb says of its object: an adjective or noun complement ("found
    the minister guilty", also parsed as an adjective after the object) or what a
    preposition of the object, or of a verb that has one, governs ("placed the brigade on
    alert", "put him under arrest"); a clausal complement counts by its head."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    words = {c.lemma_.lower() for c in token.children if c.dep_ in _PREDICATES}
    for head in (*objects, *([token] if objects else [])):  # the parse may attach either
        words.update(g.lemma_.lower() for prep in head.children if prep.dep_ == "prep"
                     for g in prep.children if g.dep_ == "pobj")
    words.update(a.lemma_.lower() for o in objects for a in o.rights if a.dep_ == "amod")
    return frozenset(words)


def object_governs(token: Any) -> frozenset[str]:
    """The prepositions of what ``token`` acts on, and "to" where an infinitive completes
    it ("received calls to resign", "calls for his resignation")."""
    words: set[str] = set()
    clauses = [c for c in token.children if c.dep_ in {"advcl", "xcomp"}]
    for head in (c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}):
        words.update(c.lower_ for c in head.children if c.dep_ == "prep")
        completing = [*(c for c in head.children if c.dep_ in {"acl", "relcl"}), *(
            c for c in clauses if c.left_edge.i == head.right_edge.i + 1)]  # parsed on the verb
        words.update("to" for c in completing
                     if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
    return frozenset(words)


def _readings(section: Any, location: str, name: str) -> dict[str, tuple[Reading, ...]]:
    if not isinstance(section, dict):
        raise ValidationError(location, name, "must map lemmas to lists of readings")
    table: dict[str, tuple[Reading, ...]] = {}
    for lemma, readings in section.items():
        _texts(lemma, location, f"{name}.{lemma}")
        if not isinstance(readings, list):
            raise ValidationError(location, f"{name}.{lemma}", "must be a list of readings")
        table[str(lemma).lower()] = tuple(
            _reading(r, location, f"{name}.{lemma}") for r in readings)
    return table


def _words(data: dict[str, Any], key: str, location: str, within: str = "") -> frozenset[str]:
    return frozenset(w.lower() for w in _texts(_listed(data, key), location, within + key))


def _intent(raw: Any, location: str) -> Intent:
    if not isinstance(raw, dict):
        raise ValidationError(location, "intent", "must be a mapping")
    types: dict[str, str] = {}
    for statement, actions in (raw.get("types") or {}).items():
        if statement not in PLOVER_TYPES or not isinstance(actions, list):
            raise ValidationError(location, f"intent.types.{statement}",
                                  f"must map one of {', '.join(sorted(PLOVER_TYPES))} "
                                  "to a list of event types")
        types.update({str(action): str(statement) for action in actions})
    refusals = raw.get("refusals") or {}
    if not isinstance(refusals, dict):
        raise ValidationError(location, "intent.refusals",
                              "must map event types to the CAMEO code of refusing them")
    _event_types(list(refusals), location, "intent.refusals")
    def words(key: str) -> frozenset[str]:
        return _words(raw, key, location, "intent.")

    return Intent(adjectives=words("adjectives"), verbs=words("verbs"), modals=words("modals"),
                  main_clause_modals=words("main_clause_modals"),
                  tentative=words("tentative"), types=types,
                  follow_complement=words("follow_complement"), enacting=words("enacting"),
                  refusals={str(k): str(v) for k, v in refusals.items()})


def _event_types(raw: Any, location: str, field: str) -> frozenset[str]:
    types = frozenset(str(t) for t in raw or ())
    unknown = sorted(types - PLOVER_TYPES)
    if unknown:
        raise ValidationError(location, field, f"unknown event {unknown[0]!r}; valid: "
                              f"{', '.join(sorted(PLOVER_TYPES))}")
    return types


def _roles(raw: Any, location: str) -> Roles:
    if not isinstance(raw, dict):
        raise ValidationError(location, "roles", "must be a mapping")
    cameo = raw.get("statement_cameo") or {}
    places = raw.get("passive_place_agents") or {}
    if not isinstance(cameo, dict) or not isinstance(places, dict):
        raise ValidationError(location, "roles", "statement_cameo and passive_place_agents "
                              "must map event types to a CAMEO code and to prepositions")
    _event_types([*cameo, *places], location, "roles")
    return Roles(
        moved_by_owner=_event_types(raw.get("moved_by_owner"), location, "roles.moved_by_owner"),
        addressed_by_noun=_event_types(raw.get("addressed_by_noun"), location,
                                       "roles.addressed_by_noun"),
        place_not_recipient=_event_types(raw.get("place_not_recipient"), location,
                                         "roles.place_not_recipient"),
        left_from=_event_types(raw.get("left_from"), location, "roles.left_from"),
        compound_state_done_to=_event_types(raw.get("compound_state_done_to"), location,
                                            "roles.compound_state_done_to"),
        statement_cameo={str(k): str(v) for k, v in cameo.items()},
        passive_place_agents={str(k): frozenset(str(w).lower() for w in v or ())
                              for k, v in places.items()})


@functools.lru_cache(maxsize=4)
def load_patterns(path: Path = PATTERNS_FILE) -> EventLexicon:
    """The event patterns from ``path`` (default: the packaged ``event_verbs.yaml``)."""
    location = str(path)
    data = load_yaml_mapping(path)
    contexts = {str(name): _words(data["contexts"], name, location, "contexts.")
                for name in (data.get("contexts") or {})}
    nouns = _readings(data.get("nouns") or {}, location, "nouns")
    relations = _words(data, "relations", location)
    if relations - set(nouns):
        raise ValidationError(location, "relations", "must be nouns listed under nouns; "
                              f"not there: {', '.join(sorted(relations - set(nouns)))}")
    return EventLexicon(
        verbs=_readings(data.get("verbs") or {}, location, "verbs"),
        nouns=nouns,
        reporting=_words(data, "reporting", location),
        carriers=_words(data, "carriers", location),
        contexts=contexts,
        intent=_intent(data.get("intent") or {}, location),
        obligation=_words(data, "obligation", location),
        partitives=_words(data, "partitives", location),
        acts=_words(data, "acts", location),
        roles=_roles(data.get("roles") or {}, location),
        relations=relations,
        documents=_words(data, "documents", location),
    )
