"""Quotes and attributions: who said (or thinks) what, with char spans into the text.

``extract_quotes(doc)`` finds direct quotations ('"...," said X', 'He added,
"..."', quotes running over several paragraphs), indirect speech ("X said that
...", "according to X, ..."), nominal ones ("X's claim that ...", "allegations
of fraud", "X is critical of ..."), mixed forms and transcript turns
(``MR. KIRBY:``), then resolves each source to a speaker: a named person with their role, an
institution with its actor code, or nothing when the text does not say.
Cue words and role nouns live in ``speech_cues.yaml`` next to this module.

Attributions do not nest: words inside a quotation or inside the content of
another attribution (a transcript turn included) are not read as attributions
of their own.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from redline.extract.actors import resolve_actor
from redline.extract.quotes_direct import QuotationAttacher, quotation_kind, snap
from redline.extract.quotes_indirect import verb_attributions
from redline.extract.quotes_lexicon import SpeechCues, load_cues
from redline.extract.quotes_marks import paragraphs, quotation_spans
from redline.extract.quotes_nominal import nominal_attributions
from redline.extract.quotes_spans import Attribution, Doc, Span, SpanIndex, doc_text
from redline.extract.quotes_speakers import Discourse, Speaker
from redline.extract.quotes_turns import headline_statement, transcript_turns
from redline.records import Quote


def extract_quotes(doc: Doc) -> list[Quote]:
    """The quotes and attributions of ``doc`` (a spaCy Doc), in text order."""
    cues = load_cues()
    attributions, quotations = find_attributions(doc, cues)
    return resolve_speakers(doc, cues, attributions, quotations)


def find_attributions(doc: Doc, cues: SpeechCues) -> tuple[list[Attribution], list[Span]]:
    """Unresolved attributions of ``doc`` and the quotation spans they were built from."""
    text: str = doc_text(doc)
    quotations = quotation_spans(text, cues.quote_marks)
    found = verb_attributions(doc, cues) + nominal_attributions(doc, cues)
    blocks = paragraphs(text)
    quoted = SpanIndex(quotations)
    verbal = [within_paragraph(a, blocks) for a in found
              if a.cue is None or not quoted.contains(a.cue)]
    snapped = outermost([snap(text, a, quotations) for a in verbal if a is not None])
    attacher = QuotationAttacher(doc, cues, blocks)
    labelled = transcript_turns(text)
    headline = headline_statement(text, blocks[0]) if blocks else None
    if headline is not None and _names_someone(doc, headline.source):
        labelled.append(headline)
    found = outermost(attacher.attach(quotations, snapped) + labelled)
    return found, quotations


def within_paragraph(attribution: Attribution, blocks: list[Span]) -> Attribution | None:
    """``attribution`` with its content cut to the paragraph of its cue: a parse that
    runs on past a paragraph break ("X says, ...\n\nY says ...") is not content."""
    anchor = attribution.cue or attribution.content
    number = bisect.bisect_right(blocks, anchor[0], key=lambda b: b[0]) - 1
    block = blocks[number] if number >= 0 and anchor[0] < blocks[number][1] else None
    start, end = attribution.content
    if block is None or (block[0] <= start and end <= block[1]):
        return attribution
    start, end = max(start, block[0]), min(end, block[1])
    if end <= start:
        return None
    return attribution.with_content((start, end), attribution.kind)


def _names_someone(doc: Doc, span: Span | None) -> bool:
    """Whether a headline label is a name ("Pence", "Rush Limbaugh") rather than a
    phrase ("The Latest", "Stealth Over Health"): no article or preposition in it."""
    if span is None:
        return False
    words = {t.lower_ for t in doc if span[0] <= t.idx < span[1]}
    return not words & load_cues().phrase_words


def outermost(attributions: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose cue lies inside the content of a longer one, and repeats."""
    kept: list[Attribution] = []
    parts, contents = SpanIndex(), SpanIndex()
    by_length = sorted(attributions, key=lambda a: a.content[1] - a.content[0], reverse=True)
    for attribution in by_length:
        cue = attribution.cue or attribution.content
        if parts.contains(cue) or attribution.content in contents:
            continue
        kept.append(attribution)
        contents.add(attribution.content)
        for part in attribution.parts:
            parts.add(part)
    return sorted(kept, key=lambda a: a.content[0])


def resolve_speakers(
    doc: Doc, cues: SpeechCues, attributions: list[Attribution], quotations: list[Span]
) -> list[Quote]:
    """Quotes with speakers resolved in reading order (names, pronouns, descriptions)."""
    text: str = doc_text(doc)
    discourse = Discourse(doc, cues, quotations, text)
    events: list[tuple[int, int, object]] = [
        (position, 0, ent) for position, ent in discourse.person_mentions()]
    events += [(_position(a), 1, a) for a in attributions]
    events.sort(key=lambda e: (e[0], e[1]))
    resolved: dict[Span, Speaker] = {}
    quotes: list[Quote] = []
    for position, order, item in events:
        if order == 0:
            discourse.mention(item)
            continue
        assert isinstance(item, Attribution)
        speaker = _speaker(discourse, item, position, resolved)
        quotes.append(_quote(text, item, speaker))
        quotes.extend(_quote(text, part, speaker) for part in _extra_parts(text, item, quotations))
    return sorted(quotes, key=lambda q: q.content_span[0])


def _extra_parts(text: str, attribution: Attribution, quotations: list[Span]) -> (
        list[Attribution]):
    """The extra content parts of ``attribution`` as attributions of their own, with the
    same source and cue (read as one attribution with a content in pieces)."""
    return [replace(attribution, content=part, extra=(),
                    kind=quotation_kind(text, part, quotations))
            for part in attribution.extra]


def _position(attribution: Attribution) -> int:
    if attribution.source is not None:
        return attribution.source[0]
    return (attribution.cue or attribution.content)[0]


def _speaker(
    discourse: Discourse, attribution: Attribution, position: int, resolved: dict[Span, Speaker]
) -> Speaker:
    source = attribution.source
    if source is not None and source in resolved:
        return resolved[source]
    if attribution.label is not None:
        speaker = discourse.resolve_label(attribution.label, position)
    elif attribution.source_head is not None and source is not None:
        speaker = discourse.resolve(attribution.source_head, source)
    else:
        speaker = Speaker(None)
    if source is not None:
        resolved[source] = speaker
    return speaker


def _quote(text: str, attribution: Attribution, speaker: Speaker) -> Quote:
    cue = attribution.cue
    actor = None
    if speaker.name and not speaker.is_person:
        actor = actor_of(speaker.name)
    return Quote(
        speaker=speaker.name,
        speaker_span=attribution.source,
        role=speaker.role,
        cue_span=cue,
        content_span=attribution.content,
        kind=attribution.kind,
        speaker_actor=actor,
        cue=text[cue[0]:cue[1]] if cue is not None else "",
        content=text[attribution.content[0]:attribution.content[1]],
    )


def actor_of(name: str) -> str | None:
    """Actor code of an institution speaker, where the actors dictionary knows it."""
    return resolve_actor(name)
