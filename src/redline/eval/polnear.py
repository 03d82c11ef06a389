"""PolNeAR attribution scores: source, cue and content spans, exact and overlap.

Gold: the dev articles under ``<shared>/data/polnear/`` (``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann``, brat standoff: Source, Cue and Content
text-bound spans joined by Attribution events). Where several annotators read
an article, the first annotation file in name order is the gold.

A span is the set of characters of its fragments (a discontinuous span, such
as a quotation interrupted by "he said", is one span); blanks are ignored.
A span repeated in several attributions (one source with two cues) counts
once, in the gold as in the prediction. Predicted attributions are the
quotes of ``redline.extract.quotes.extract_quotes``; quotes that share speaker
span and cue span (a quotation continued after "he said") are one
attribution whose content is the union of theirs.

Matching is one-to-one between spans of the same role:
- exact: the two spans have the same characters;
- overlap: they share at least one character; pairs are taken greedily,
  most shared characters first.
Precision, recall and F1 are micro-averaged over all articles. Keys are
``polnear.<role>_<exact|overlap>_<precision|recall|f1>`` with role ``source``,
``cue`` or ``content``; higher is better.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.errors import InputError
from redline.records import Quote

ROLES = ("source", "cue", "content")
MODES = ("exact", "overlap")
_BRAT_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
_ANNOTATOR = re.compile(r"_[0-9a-f]+\.ann$")

CharSet = frozenset[int]


@dataclass(frozen=True)
class Annotated:
    """One article: its text and, per role, the distinct spans of its attributions."""

    name: str
    text: str
    spans: dict[str, list[CharSet]]


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def add(self, gold: int, predicted: int, matched: int) -> None:
        self.gold += gold
        self.predicted += predicted
        self.matched += matched

    def metrics(self) -> dict[str, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1}


def dev_folder(shared: Path) -> Path:
    folder = shared / "data" / "polnear"
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise InputError(str(folder), "no PolNeAR dev split here (want text/ and attributions/)")
    return folder


def load_gold(shared: Path) -> list[Annotated]:
    """The annotated dev articles, one annotator each."""
    folder = dev_folder(shared)
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(_ANNOTATOR.sub("", path.name), path)
    articles = []
    for name, ann in sorted(chosen.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            raise InputError(str(text_path), f"missing: {ann.name} annotates it")
        text = text_path.read_text(encoding="utf-8")
        articles.append(Annotated(name, text, parse_standoff(text, ann.read_text("utf-8"))))
    return articles


def parse_standoff(text: str, standoff: str) -> dict[str, list[CharSet]]:
    """Per role, the distinct char sets of the spans that attribution events use."""
    bounds: dict[str, tuple[str, CharSet]] = {}
    used: dict[str, set[CharSet]] = {role: set() for role in ROLES}
    for line in standoff.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            if kind in _BRAT_ROLES:
                fragments = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
                bounds[fields[0]] = (_BRAT_ROLES[kind], chars(text, fragments))
    for line in standoff.splitlines():
        fields = line.split("\t")
        if not (line.startswith("E") and len(fields) >= 2):
            continue
        for argument in fields[1].split()[1:]:
            _, _, ref = argument.partition(":")
            if ref in bounds:
                role, span = bounds[ref]
                used[role].add(span)
    return {role: [s for s in used[role] if s] for role in ROLES}


def chars(text: str, fragments: Iterable[tuple[int, ...]]) -> CharSet:
    """The non-blank char offsets covered by ``fragments`` (``(start, end)`` pairs)."""
    return frozenset(i for start, end in fragments for i in range(start, end)
                     if i < len(text) and not text[i].isspace())


def predicted_spans(text: str, quotes: list[Quote]) -> dict[str, list[CharSet]]:
    """Per role, the distinct char sets of the predicted attributions."""
    content: dict[tuple[object, object], set[int]] = {}
    sources: set[CharSet] = set()
    cues: set[CharSet] = set()
    for quote in quotes:
        key = (quote.speaker_span, quote.cue_span) if quote.cue_span else (id(quote), None)
        content.setdefault(key, set()).update(chars(text, [quote.content_span]))
        if quote.speaker_span:
            sources.add(chars(text, [quote.speaker_span]))
        if quote.cue_span:
            cues.add(chars(text, [quote.cue_span]))
    spans = {"source": list(sources), "cue": list(cues),
             "content": list({frozenset(c) for c in content.values()})}
    return {role: [s for s in found if s] for role, found in spans.items()}


def matches(gold: list[CharSet], predicted: list[CharSet], mode: str) -> int:
    """Number of one-to-one matches between ``gold`` and ``predicted`` under ``mode``."""
    if mode == "exact":
        remaining = list(predicted)
        count = 0
        for span in gold:
            if span in remaining:
                remaining.remove(span)
                count += 1
        return count
    pairs = sorted(
        ((len(g & p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
         if not g.isdisjoint(p)),
        reverse=True)
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in taken_gold and pi not in taken_predicted:
            taken_gold.add(gi)
            taken_predicted.add(pi)
    return len(taken_gold)


def score(shared: Path, nlp: Any = None) -> dict[str, float]:
    """Precision, recall and F1 of the quote extractor on the PolNeAR dev articles."""
    from redline.extract.nlp import load_nlp
    from redline.extract.quotes import extract_quotes

    articles = load_gold(shared)
    nlp = nlp or load_nlp()
    tallies = {(role, mode): Tally() for role in ROLES for mode in MODES}
    docs = nlp.pipe([a.text for a in articles], batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        predicted = predicted_spans(article.text, extract_quotes(doc))
        for role in ROLES:
            for mode in MODES:
                gold, found = article.spans[role], predicted[role]
                tallies[role, mode].add(len(gold), len(found), matches(gold, found, mode))
    result: dict[str, float] = {}
    for (role, mode), tally in tallies.items():
        for metric, value in tally.metrics().items():
            result[f"polnear.{role}_{mode}_{metric}"] = round(value, 4)
    return result
