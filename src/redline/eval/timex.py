"""TempEval-3 time expressions: recognition (strict and relaxed span F1) and value F1 of
``redline.extract.timex.expressions`` on the TimeBank and AQUAINT documents.

Reads ``data/timex/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml`` under the shared gold
folder. Scored the TempEval-3 way: a system expression matches a gold one strictly
when the spans are equal and relaxed when they overlap (one to one, in order);
value F1 counts the relaxed matches whose value is right, against all system and all
gold expressions. Every fifth document by name is the final check (``timex.final.*``);
the other four fifths are the development set the rules were designed on
(``timex.dev.*``). Each text is parsed once, with ``nlp.pipe`` (no entity
recogniser: the resolver does not read entities).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.eval.timex_tml import GoldTimex, TimeMLDocument, corpus, read_tml
from redline.records import TimeExpression

FOLDER = Path("data") / "timex" / "TBAQ-cleaned"
FINAL_EVERY = 5


def split(files: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(development, final check): every fifth file by name is held for the final check."""
    ordered = sorted(files, key=lambda p: p.name)
    final = [p for i, p in enumerate(ordered) if i % FINAL_EVERY == FINAL_EVERY - 1]
    return [p for p in ordered if p not in final], final


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    date_gold_matched: int = 0
    date_value: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, gold: Sequence[GoldTimex], system: Sequence[TimeExpression],
            name: str = "") -> None:
        self.gold += len(gold)
        self.system += len(system)
        taken: set[int] = set()
        for item in gold:
            match = next((i for i, s in enumerate(system) if i not in taken
                          and s.start < item.end and item.start < s.end), None)
            if match is None:
                self.misses.append((name, item.text, f"missed {item.type} {item.value}"))
                continue
            taken.add(match)
            found = system[match]
            self.relaxed += 1
            self.strict += (found.start, found.end) == (item.start, item.end)
            self.type += found.type == item.type
            right = found.value == item.value
            self.value += right
            if item.type == "DATE":
                self.date_gold_matched += 1
                self.date_value += right
            if not right:
                self.misses.append((name, item.text, f"{found.value} for {item.value}"))
        for i, found in enumerate(system):
            if i not in taken:
                self.misses.append((name, found.text, f"spurious {found.type} {found.value}"))

    def scores(self, prefix: str) -> dict[str, float]:
        def f1(hits: int) -> float:
            return 2 * hits / (self.gold + self.system) if self.gold + self.system else 0.0

        return {
            f"{prefix}.strict_f1": f1(self.strict),
            f"{prefix}.relaxed_f1": f1(self.relaxed),
            f"{prefix}.relaxed_precision": self.relaxed / self.system if self.system else 0.0,
            f"{prefix}.relaxed_recall": self.relaxed / self.gold if self.gold else 0.0,
            f"{prefix}.value_f1": f1(self.value),
            f"{prefix}.type_accuracy": self.type / self.relaxed if self.relaxed else 0.0,
            f"{prefix}.date_value_accuracy": (self.date_value / self.date_gold_matched
                                              if self.date_gold_matched else 0.0),
        }


def tally(documents: Iterable[tuple[TimeMLDocument, Any]]) -> Tally:
    """Score parsed documents: pairs of a TimeML document and its spaCy Doc."""
    from redline.extract.timex import expressions

    counts = Tally()
    for document, doc in documents:
        counts.add(document.timexes, expressions(doc, document.creation), document.name)
    return counts


def parsed(paths: Sequence[Path]) -> Iterable[tuple[TimeMLDocument, Any]]:
    from redline.extract.nlp import load_nlp

    documents = [read_tml(path) for path in paths]
    # The resolver reads tags, lemmas and the parse, never the named entities.
    docs = load_nlp().pipe((d.text for d in documents), disable=["ner"])
    return zip(documents, docs, strict=True)


def score(shared: Path) -> dict[str, float]:
    development, final = split(corpus(shared / FOLDER))
    return {**tally(parsed(development)).scores("timex.dev"),
            **tally(parsed(final)).scores("timex.final")}
