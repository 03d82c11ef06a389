"""Factuality judgement corpora in the jiant format (MEANTIME, UW, UDS-IH2, CommitmentBank).

One sentence a line, Penn tokens separated by single spaces, each judged predicate a
token range ``span1`` with its gold ``label`` on -3..+3. ``targets`` yields them with
char spans into the detokenised text, which is what the parser and ``factuality_of`` see.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from redline.errors import InputError

#: Corpus name -> file stem pattern under the shared gold folder (``{split}`` filled in).
CORPORA: dict[str, str] = {
    "meantime": "data/meantime/{split}.jsonl",
    "uw": "data/factuality/UW_{split}.jsonl",
    "uds_ih2": "data/factuality/UDS_IH2_{split}.jsonl",
    "cb": "data/factuality/CB_{split}.jsonl",
}


@dataclass(frozen=True)
class Target:
    text: str
    start: int
    end: int
    gold: float
    word: str
    sentence: int = 0  # the line the target's sentence is on


def corpus_path(shared: Path, corpus: str, split: str) -> Path:
    if corpus not in CORPORA:
        raise InputError(f"corpus {corpus!r}", f"valid: {', '.join(CORPORA)}")
    return shared / CORPORA[corpus].format(split=split)


def targets(path: Path) -> Iterator[Target]:
    """The judged predicates of one split, with char spans into the detokenised text."""
    if not path.is_file():
        raise InputError(str(path), "factuality split not found (expected a jiant .jsonl file)")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield from _targets_of(record, number)
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not a jiant factuality record: {exc}"
                                 ) from exc


def _targets_of(record: dict[str, object], number: int) -> Iterator[Target]:
    text, spans = detokenize(str(record["text"]).split(" "))
    for target in record["targets"]:  # type: ignore[attr-defined]
        first, last = target["span1"]
        start, end = spans[first][0], spans[last - 1][1]
        yield Target(text, start, end, float(target["label"]), text[start:end], number)


def detokenize(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """News text from Penn-style tokens ("`` Yes , '' he said ."), with each token's char span."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    glue_next = False
    for word in words:
        word = _QUOTES.get(word, word)
        opening = word == '"' and _open_quote(parts)
        if parts and not glue_next and not (word in _NO_SPACE_BEFORE and not opening):
            parts.append(" ")
            length += 1
        spans.append((length, length + len(word)))
        parts.append(word)
        length += len(word)
        glue_next = word in _NO_SPACE_AFTER or opening
    return "".join(parts), spans


def _open_quote(parts: list[str]) -> bool:
    return sum(part == '"' for part in parts) % 2 == 0


_QUOTES = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "%", "'s", "n't", "'re", "'ve",
                              "'ll", "'d", "'m", "'", '"'})
_NO_SPACE_AFTER = frozenset({"(", "$", "#"})
