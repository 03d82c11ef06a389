"""The attribution found before speaker resolution, and char-span helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from redline.extract.quotes_lexicon import load_cues
from redline.records import QuoteKind

Span = tuple[int, int]
Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
Doc = Any  # spacy.tokens.Doc

_TRIM = " \t\r\n,;:.—–-"


@dataclass(frozen=True)
class Attribution:
    """Content attributed to a source through a cue, as char spans into the text.

    ``source_head`` is the syntactic head of the source phrase (used to resolve
    "he", "the professor"); ``label`` is a transcript speaker label instead.
    ``extra`` holds further parts of the content where the cue interrupts it
    ("Climate change, he says, is ...": "Climate change").
    """

    content: Span
    kind: QuoteKind
    cue: Span | None = None
    source: Span | None = None
    source_head: Token | None = None
    label: str | None = None
    continued: bool = False  # continues the quotation of the attribution before it
    extra: tuple[Span, ...] = field(default=())

    def with_content(self, content: Span, kind: QuoteKind) -> Attribution:
        return replace(self, content=content, kind=kind)

    @property
    def parts(self) -> tuple[Span, ...]:
        """The content and its extra parts."""
        return (self.content, *self.extra)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access."""
    cached = doc.user_data.get("redline.text")
    if cached is None:
        cached = doc.user_data["redline.text"] = doc.text
    return str(cached)


class SpanIndex:
    """Char spans bucketed by position, so "is this inside / does this overlap one of
    them" reads only the spans near the question, not every span of a long text."""

    BUCKET = 2048

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._buckets: dict[int, list[Span]] = {}
        self._spans: set[Span] = set()
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        self._spans.add(span)
        for bucket in range(span[0] // self.BUCKET, max(span[0], span[1] - 1) // self.BUCKET + 1):
            self._buckets.setdefault(bucket, []).append(span)

    def __contains__(self, span: object) -> bool:
        return span in self._spans

    def contains(self, inner: Span) -> bool:
        """Whether some span holds all of ``inner``."""
        return any(inside(inner, span) for span in self._buckets.get(inner[0] // self.BUCKET, ()))

    def overlaps(self, other: Span) -> bool:
        """Whether some span shares a character with ``other``."""
        last = max(other[0], other[1] - 1) // self.BUCKET
        return any(overlaps(other, span) for bucket in range(other[0] // self.BUCKET, last + 1)
                   for span in self._buckets.get(bucket, ()))


def trim(text: str, span: Span, chars: str = _TRIM) -> Span:
    """``span`` without surrounding blanks and clause punctuation."""
    start, end = span
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def token_span(tokens: list[Token]) -> Span:
    """Char span from the first to the last of ``tokens`` (in any order)."""
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def subtree_span(token: Token, without: Token | None = None) -> Span:
    """Char span of ``token``'s subtree, cut short of the subtree of ``without``."""
    tokens = list(token.subtree)
    if without is not None:
        cut = {t.i for t in without.subtree}
        tokens = [t for t in tokens if t.i not in cut]
        tokens = _contiguous_around(tokens, token)
    if not tokens:
        return token.idx, token.idx
    return token_span(tokens)


def _contiguous_around(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive tokens (by index) that contains ``anchor``."""
    indices = sorted(t.i for t in tokens)
    by_index = {t.i: t for t in tokens}
    if anchor.i not in by_index:
        return []
    low = high = anchor.i
    while low - 1 in by_index:
        low -= 1
    while high + 1 in by_index:
        high += 1
    return [by_index[i] for i in indices if low <= i <= high]


def same_sentence(a: Token, b: Token) -> bool:
    """Whether tokens ``a`` and ``b`` are in one sentence (without ``Token.sent``, slow)."""
    low, high = sorted((a.i, b.i))
    doc = a.doc
    return not any(doc[i].is_sent_start for i in range(low + 1, high + 1))


def sentence_start(token: Token) -> int:
    """Index of the first token of ``token``'s sentence."""
    index = token.i
    while index > 0 and not token.doc[index].is_sent_start:
        index -= 1
    return int(index)


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(inner: Span, outer: Span) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def without_aside(doc: Doc, span: Span) -> Span:
    """``span`` without a closing non-restrictive relative clause (", who is 70",
    ", which the court put on hold"): a remark of the writer's, not what is said."""
    region = doc.char_span(span[0], span[1], alignment_mode="expand")
    tokens = list(region) if region is not None else []
    if not tokens:
        return span
    last = tokens[-1]
    while last.is_punct and last.i > tokens[0].i:
        last = doc[last.i - 1]
    for token in tokens:
        first = token.left_edge
        if (token.dep_ == "relcl" and first.lower_ in load_cues().aside_relatives
                and first.i > tokens[0].i and doc[first.i - 1].text == ","
                and token.right_edge.i >= last.i):
            comma = doc[first.i - 1]
            return trim(doc_text(doc), (span[0], comma.idx))
    return span
