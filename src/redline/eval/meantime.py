"""MEANTIME event factuality (-3..+3): Pearson r and mean absolute error of ``factuality_of``.

MEANTIME grades certainty x polarity and keeps time apart ("will be compensated"
is +3), so it scores the commitment ``factuality_of`` returns, not the value an
event is stored with (where a future has not yet happened: 0).

Reads ``data/meantime/{split}.jsonl`` under the shared gold folder: one sentence a
line, tokenised with single spaces, with target predicates given as token index
ranges (``span1``) and a gold ``label``. ``meantime.mae`` is an error: lower is
better.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from redline.errors import InputError
from redline.extract.factuality import factuality_of


@dataclass(frozen=True)
class Target:
    text: str
    start: int
    end: int
    gold: float
    word: str


def targets(path: Path) -> Iterator[Target]:
    """The scored predicates of a MEANTIME split, with char spans into the spaced text."""
    if not path.is_file():
        raise InputError(str(path), "MEANTIME split not found (expected data/meantime/*.jsonl)")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield from _targets_of(record)
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not a MEANTIME record: {exc}") from exc


def _targets_of(record: dict[str, object]) -> Iterator[Target]:
    text, spans = detokenize(str(record["text"]).split(" "))
    for target in record["targets"]:  # type: ignore[attr-defined]
        first, last = target["span1"]
        start, end = spans[first][0], spans[last - 1][1]
        yield Target(text, start, end, float(target["label"]), text[start:end])


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


def predictions(path: Path) -> list[tuple[Target, float]]:
    return [(t, factuality_of(t.text, t.start, t.end)) for t in targets(path)]


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return 0.0
    return cov / math.sqrt(var_x * var_y)


def score_split(shared: Path, split: str = "dev") -> dict[str, float]:
    """``meantime.pearson_r`` (higher is better), ``meantime.mae`` (lower is better), ``.n``."""
    scored = predictions(shared / "data" / "meantime" / f"{split}.jsonl")
    if not scored:
        raise InputError(f"meantime/{split}.jsonl", "holds no targets")
    gold = [target.gold for target, _ in scored]
    system = [value for _, value in scored]
    mae = sum(abs(g - s) for g, s in zip(gold, system, strict=True)) / len(scored)
    return {
        "meantime.pearson_r": round(pearson(gold, system), 4),
        "meantime.mae": round(mae, 4),
        "meantime.n": float(len(scored)),
    }


def score(shared: Path) -> dict[str, float]:
    """Scores on the dev split; ``meantime.mae`` is an error metric (lower is better)."""
    return score_split(shared, "dev")
