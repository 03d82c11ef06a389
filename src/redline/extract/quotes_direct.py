"""Quotations joined to their attributions.

A content span that touches a quotation grows to hold all of it (direct when
nothing else is left, mixed otherwise). A quotation no verb claimed is
attributed by the cue right after it ('"...," Park said'), the cue right
before it ('He added, "..."', 'X continued:' then a quoted paragraph), a
signature dash ('"..." ― Name'), or it continues the quotation before it in
the same paragraph ('"...," he said. "..."'). Any other quotation (a title,
scare quotes) has no speaker and is left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from redline.extract.quotes_indirect import cue_span, source_of, source_span
from redline.extract.quotes_lexicon import SpeechCues
from redline.extract.quotes_marks import starts_quotation
from redline.extract.quotes_spans import (
    Attribution,
    Doc,
    Span,
    SpanIndex,
    Token,
    doc_text,
    inside,
    overlaps,
    trim,
)
from redline.records import QuoteKind

_CONTINUING_END = frozenset(",?!—–-…")
_WINDOW = 12  # tokens searched for a cue next to a quotation


def snap(text: str, attribution: Attribution, quotations: list[Span]) -> Attribution:
    """``attribution`` with its content (and extra parts) grown over the quotations
    they touch."""
    extra = tuple(_grown(part, quotations) for part in attribution.extra)
    if extra != attribution.extra:
        attribution = replace(attribution, extra=extra)
    start, end = attribution.content
    touched = [q for q in quotations if overlaps(q, (start, end))]
    if not touched:
        return attribution
    start, end = _grown((start, end), touched)
    return attribution.with_content((start, end), quotation_kind(text, (start, end), touched))


def _grown(span: Span, quotations: list[Span]) -> Span:
    touched = [q for q in quotations if overlaps(q, span)]
    return min([span[0]] + [q[0] for q in touched]), max([span[1]] + [q[1] for q in touched])


def quotation_kind(text: str, content: Span, quotations: list[Span]) -> QuoteKind:
    """"direct" for a content made of quotations only, else "mixed"."""
    touched = [q for q in quotations if overlaps(q, content)]
    if not touched:
        return "indirect"
    rest = list(text[content[0]:content[1]])
    for q_start, q_end in touched:
        for index in range(max(q_start, content[0]), min(q_end, content[1])):
            rest[index - content[0]] = " "
    return "mixed" if any(c.isalnum() for c in rest) else "direct"


class QuotationAttacher:
    """Finds the attribution of each quotation no verb complement covers."""

    def __init__(self, doc: Doc, cues: SpeechCues, paragraphs: list[Span]) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.cues = cues
        self.paragraphs = paragraphs
        self._starts = [p[0] for p in paragraphs]
        self._token_ends = [token.idx + len(token.text) for token in doc]

    def attach(
        self, quotations: list[Span], attributions: list[Attribution]
    ) -> list[Attribution]:
        """``attributions`` plus one for each quotation that can be attributed."""
        result = sorted(attributions, key=lambda a: a.content[0])
        used_cues: set[Span | None] = {a.cue for a in result if a.cue is not None}
        taken = SpanIndex(part for a in result for part in a.parts)
        for quotation in quotations:
            if taken.overlaps(quotation):
                continue
            found = (self._after(quotation, used_cues) or self._interrupted(quotation, result)
                     or self._before(quotation, used_cues)
                     or self._signed(quotation) or self._continued(quotation, result))
            if found is not None:
                result.append(found)
                result.sort(key=lambda a: a.content[0])
                for part in found.parts:
                    taken.add(part)
                if found.cue is not None:
                    used_cues.add(found.cue)
        return self._lead_ins(result, used_cues)

    def _lead_ins(self, result: list[Attribution], used: set[Span | None]) -> list[Attribution]:
        """'Limbaugh added:' at the end of a paragraph introduces the next one."""
        for number, (_, end) in enumerate(self.paragraphs[:-1]):
            following = self.paragraphs[number + 1]
            if self.text[end - 1] != ":" or any(overlaps(following, a.content) for a in result):
                continue
            found = self._direct(self._last_verb(end - 1), following, used)
            if found is not None:
                kind = quotation_kind(self.text, following, [following]) if starts_quotation(
                    self.text, following[0], self.cues.quote_marks) else "indirect"
                result.append(found.with_content(following, kind))
                used.add(found.cue)
        return sorted(result, key=lambda a: a.content[0])

    def paragraph_of(self, position: int) -> int:
        return bisect.bisect_right(self._starts, position) - 1

    def _after(self, quotation: Span, used: set[Span | None]) -> Attribution | None:
        """'"...," said X' / '"...," X said'."""
        if not self._continues(quotation):
            return None
        paragraph_end = self.paragraphs[self.paragraph_of(quotation[0])][1]
        verb = self._first_verb(quotation[1], paragraph_end)
        return self._direct(verb, quotation, used)

    def _interrupted(self, quotation: Span, result: list[Attribution]) -> Attribution | None:
        """'"By locking in China," Mr. Obama said, "it now ..."': the first piece of a
        quotation whose cue already carries the piece after it."""
        if not self._continues(quotation):
            return None
        paragraph_end = self.paragraphs[self.paragraph_of(quotation[0])][1]
        verb = self._first_verb(quotation[1], paragraph_end)
        if verb is None:
            return None
        cue = cue_span(verb)
        owner = next((a for a in result if a.cue == cue and a.content[0] >= cue[1]
                      and a.content[0] < paragraph_end), None)
        if owner is None:
            return None
        return replace(owner, content=quotation, kind="direct", continued=True, extra=())

    def _continues(self, quotation: Span) -> bool:
        """Whether the quotation ends on a comma or the like: the sentence goes on."""
        inner = self.text[quotation[0]:quotation[1]].rstrip()
        closing = max((m for m in self.cues.quote_marks if inner.endswith(m)), key=len, default="")
        inner_end = inner[:len(inner) - max(len(closing), 1)].rstrip()
        after = self.text[quotation[1]:quotation[1] + 1]
        return bool(inner_end) and (inner_end[-1] in _CONTINUING_END or after == ",")

    def _before(self, quotation: Span, used: set[Span | None]) -> Attribution | None:
        """'He added, "..."' / 'X said: "..."' / 'X continued:' before a quoted paragraph."""
        lead = self.text[:quotation[0]].rstrip()
        if not lead or lead[-1] not in ",:":
            return None
        same_paragraph = self.paragraph_of(len(lead) - 1) == self.paragraph_of(quotation[0])
        if not same_paragraph and lead[-1] != ":":
            return None
        verb = self._last_verb(len(lead) - 1)
        return self._direct(verb, quotation, used)

    def _direct(self, verb: Token | None, quotation: Span, used: set[Span | None]) -> (
            Attribution | None):
        if verb is None or verb.lemma_.lower() not in self.cues.speech_verbs:
            return None
        cue = cue_span(verb)
        source = source_of(verb)
        if cue in used or source is None or inside((source.idx, source.idx + 1), quotation):
            return None
        return Attribution(
            content=quotation, kind="direct", cue=cue,
            source=source_span(self.text, source), source_head=source)

    def _first_verb(self, start: int, limit: int) -> Token | None:
        first = self._token_at_or_after(start)
        if first is None:
            return None
        for token in self.doc[first.i:first.i + _WINDOW]:
            if token.idx >= limit or token.text in self.cues.quote_marks:
                return None
            if _is_clause_verb(token):
                return token
        return None

    def _last_verb(self, punctuation_at: int) -> Token | None:
        last = self._token_at_or_after(punctuation_at)
        if last is None:
            return None
        low = max(0, last.i - _WINDOW)
        for token in reversed(self.doc[low:last.i]):
            if token.text in self.cues.quote_marks or token.text in ".?!":
                return None
            if _is_clause_verb(token):
                return token
        return None

    def _token_at_or_after(self, position: int) -> Token | None:
        """The first token that ends after ``position``."""
        index = bisect.bisect_right(self._token_ends, position)
        return self.doc[index] if index < len(self._token_ends) else None

    def _signed(self, quotation: Span) -> Attribution | None:
        """'"..." ― Name' at the end of a paragraph."""
        paragraph_end = self.paragraphs[self.paragraph_of(quotation[0])][1]
        tail = self.text[quotation[1]:paragraph_end]
        dashes = "|".join(re.escape(d) for d in self.cues.signature_dashes)
        match = re.match(rf"\s*({dashes})\s*([A-Z][^\n]{{0,80}}?)[\s.]*$", tail)
        if not match or len(match.group(2).split()) > 8:
            return None
        base = quotation[1]
        name = (base + match.start(2), base + match.end(2))
        span = self.doc.char_span(name[0], name[1], alignment_mode="expand")
        return Attribution(
            content=quotation, kind="direct",
            cue=(base + match.start(1), base + match.end(1)),
            source=trim(self.text, name), source_head=span.root if span is not None else None)

    def _continued(self, quotation: Span, result: list[Attribution]) -> Attribution | None:
        """A quotation after an attributed one in the same paragraph, with no cue of its own."""
        earlier = [a for a in result if a.content[1] <= quotation[0]]
        if not earlier:
            return None
        last = earlier[-1]
        if last.kind == "indirect" or last.label is not None:
            return None
        if self.paragraph_of(last.content[0]) != self.paragraph_of(quotation[0]):
            return None
        return replace(last, content=quotation, kind="direct", continued=True)


def _is_clause_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")
