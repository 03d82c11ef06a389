"""Statements of intent and demands: "vowed to retaliate" threatens, "Hungary said it
will support" states an intention, "X said Y must do Z" is a demand of Y by X."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from redline.extract.arguments import (
    Key,
    Party,
    clause_order,
    complements,
    conditional,
    negated,
    subject_of,
    trigger_text,
)
from redline.extract.event_aims import aim_of, load_aims
from redline.extract.event_records import EventRecords, FixedReading, Trigger
from redline.extract.patterns import Reading
from redline.extract.phrases import np_text
from redline.records import FACTUALITY_LABELS, Event

Token = Any
#: Named entities that can refuse an act where no party code is known for them.
_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


class IntentReader(EventRecords):
    """The offers, threats and demands stated around a document's events."""

    def _followed(self, trigger: Trigger, acting: dict[int, Trigger]) -> Trigger:
        """A promise takes the colour of what is promised: "vowed to retaliate" threatens."""
        token = trigger.token
        if token.lemma_.lower() not in self.patterns.intent.follow_complement:
            return trigger
        for child in token.children:
            action = acting.get(child.i) if child.dep_ == "xcomp" else None
            statement = self.patterns.intent.statement_type(
                action.reading.event if action is not None else None)
            if statement is not None and statement != trigger.reading.event:
                reading = replace(trigger.reading, event=statement,
                                  cameo=self.roles.cameo_of(statement))
                return replace(trigger, reading=reading)
        return trigger

    def _refused(self, trigger: Trigger) -> Trigger:
        """A cooperative act its doer says it will not do is a refusal: "will not end the
        strike until ...", "will not accept refugees" (``intent.refusals``); a negated act
        with no modal of intent ("did not withdraw") stays the act denied."""
        token, intent = trigger.token, self.patterns.intent
        cameo = intent.refusal_cameo(trigger.reading.event)
        if cameo is None or not negated(token) or not any(
                c.dep_ == "aux" and c.lemma_.lower() in intent.modals for c in token.children):
            return trigger
        if not self._may_refuse(token):
            return trigger
        return replace(trigger, reading=replace(trigger.reading, event="REJECT", cameo=cameo))

    def _may_refuse(self, token: Token) -> bool:
        """Whether the subject of ``token`` is one that can refuse: a party, a person, a
        generic agent of actors.yaml ("the court", "protesters"), a pronoun or no subject
        written; a thing does not refuse what it would not do ("sanctions would not help
        the regime", "the talks would not help Ukraine")."""
        subject, passive = self.resolver.subject(token)
        if subject is None or passive:
            return True
        return (self._self_reference(subject) or bool(self._coded(subject))
                or subject.ent_type_ in _PARTY_ENTITIES
                or subject.lemma_.lower() in self.index.lexicon.agents
                or subject.lower_ in self.index.lexicon.agents)

    def _intended(self, trigger: Trigger, built: list[Event]) -> list[Event]:
        """An action stated as an aim, plan, intention or purpose ("Russia aims to seize",
        "Pyongyang's plan to send", "met ... to develop their partnership", "pledged to
        expand cooperation") is intended by whoever holds that aim (``intended_by``); who
        reports it stays its source, and its factuality stays what the reader says."""
        intent = self.patterns.intent
        aim = aim_of(trigger.token, load_aims(intent_verbs=intent.verbs,
                                              intent_adjectives=intent.adjectives))
        holder = aim.holder if aim is not None else None
        if aim is None or holder is None:
            return built
        parties = [p for p in self.resolver.parties(holder) if p.code]
        kind = self.resolver.kind(holder)
        if kind == "speakers" and not parties and self.resolver.spoken(holder):
            # "we" in a quotation: its speaker's, once quotes are read (credit_aims)
            return [replace(event, intended_by=None, intended_text=holder.lower_)
                    for event in built]
        if (kind is not None or aim.named_only) and not parties:
            return built  # "it" for no one named, "the aim of the operation"
        pronoun = kind is not None
        codes = {str(p.code) for p in parties}
        code = codes.pop() if len(codes) == 1 else None
        text = " and ".join(p.text for p in parties) if pronoun else np_text(
            holder, self.index.dateline)
        return [replace(event, intended_by=code, intended_text=text) for event in built]

    def _statement(self, trigger: Trigger, built: list[Event], acting: dict[int, Trigger]
                   ) -> tuple[Key, list[Event]] | None:
        """The offer or threat stating ``trigger``'s action as an intention of its doer."""
        statement = self.patterns.intent.statement_type(trigger.reading.event)
        anchor = self._intent_anchor(trigger.token) if statement is not None else None
        if statement is None or anchor is None or (
                anchor.i in acting and anchor.i != trigger.token.i) or (
                statement == "THREATEN" and self._enacted(anchor, trigger.token)):
            return None
        fact = self.factuality(anchor)
        if anchor.i == trigger.token.i:  # "Finland will give": the text reports the intention
            fact = FixedReading(FACTUALITY_LABELS["reported"], "reported", fact.source)
        source = fact.source
        first, last = (anchor, trigger.token) if anchor.i < trigger.token.i else (
            trigger.token, anchor)
        conditions = self._condition_parties(trigger.token) if statement == "THREATEN" else []
        events = []
        for event in built:
            recipient = conditions[0] if event.recipient is None and conditions else None
            events.append(replace(
                event, event=statement, cameo=self.roles.cameo_of(statement),
                factuality=float(fact.value), factuality_label=str(fact.label),
                attributed_to=self._source_code(source) if source is not None else None,
                attributed_text=str(source.text) if source is not None else None,
                intended_by=None, intended_text=None,  # the statement is done, not aimed at
                trigger=trigger_text(self.doc, first, last),
                trigger_span=(first.idx, last.idx + len(last.text)),
                recipient=recipient.code if recipient is not None else event.recipient,
                recipient_text=recipient.text if recipient is not None else event.recipient_text))
        return clause_order(anchor), list(dict.fromkeys(events))

    def _intent_anchor(self, verb: Token) -> Token | None:
        """The word stating ``verb`` as an intention: "willing" (to withdraw), "offered" (to
        hand over), or the reporting verb of the doer's "will" ("Hungary said it will")."""
        intent = self.patterns.intent
        if verb.pos_ != "VERB" or verb.lemma_.lower() in intent.tentative or negated(verb) or (
                conditional(verb)):
            return None
        head = verb.head
        if verb.dep_ == "xcomp":
            stating = (head.pos_ == "VERB" and head.lemma_.lower() in intent.verbs) or (
                head.lower_ in intent.adjectives and head.pos_ in {"ADJ", "VERB"})
            denied = negated(head) or (head.dep_ == "acomp" and negated(head.head))
            return head if stating and not denied else None
        modals = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
        if verb.dep_ == "ROOT" and modals & intent.main_clause_modals and self._names_actor(verb):
            return verb
        reported = verb.dep_ == "ccomp" and head.lemma_.lower() in self.patterns.reporting
        if modals & intent.modals and reported and self._speaks_for_itself(head, verb):
            return head
        return None

    def _enacted(self, anchor: Token, verb: Token) -> bool:
        """An announced measure with no condition attached is the measure, not a threat."""
        on_condition = any(c.dep_ == "advcl" and conditional(c) for c in verb.children)
        return anchor.lemma_.lower() in self.patterns.intent.enacting and not on_condition

    def _names_actor(self, verb: Token) -> bool:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and self.resolver.resolve(subject).code is not None

    def _speaks_for_itself(self, reporting: Token, verb: Token) -> bool:
        speaker, passive = subject_of(reporting)
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if speaker is None or passive:
            return False
        if doer is None or self._self_reference(doer):
            return True
        said_by, done_by = self.resolver.resolve(speaker).code, self.resolver.resolve(doer).code
        return said_by is not None and said_by.split("-")[0] == (done_by or "").split("-")[0]

    def _demands(self) -> list[tuple[Key, list[Event]]]:
        """"X said Y must do Z": X demands it of Y."""
        found: list[tuple[Key, list[Event]]] = []
        reading = Reading("REQUEST", "100")
        for token in self.doc:
            if token.dep_ != "aux" or token.lower_ not in self.patterns.obligation:
                continue
            clause, reporting = token.head, token.head.head
            if clause.dep_ != "ccomp" or reporting.lemma_.lower() not in self.patterns.reporting:
                continue
            speaker, passive = subject_of(reporting)
            addressee = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if speaker is None or passive or addressee is None or negated(clause):
                continue
            actors = self.resolver.parties(speaker)
            recipients = [p for p in self.resolver.parties(addressee) if p.code]
            if not recipients or not any(p.code for p in actors) or (
                    self._self_reference(addressee)):
                continue
            trigger = Trigger(reporting, reading)
            found.append((clause_order(reporting), [self._event(trigger, actor, recipient, [])
                                              for actor in actors for recipient in recipients]))
        return found

    def _condition_parties(self, verb: Token) -> list[Party]:
        """"... unless Baghdad accepted": a threat aims at whoever must meet its condition."""
        for clause in [verb, *complements(verb, None)]:
            for child in clause.children:
                if child.dep_ == "advcl" and conditional(child):
                    subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    coded = self._coded(subject) if subject is not None else []
                    if coded:
                        return coded
        return []

