"""Keyword matching that ignores case, hyphens and plural endings."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r"[\w']+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")
_CLAUSE_END = re.compile(r"[,;:()]|\s[-–—]+\s|[–—]")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Lowercase stemmed tokens: ``"Re-entry technologies"`` -> ``("re", "entry", "technology")``"""
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("-", " ")
    return tuple(_stem(token.strip("'")) for token in _TOKEN.findall(text) if token.strip("'"))


@functools.lru_cache(maxsize=65536)
def _joined(tokens: tuple[str, ...]) -> str:
    return f" {' '.join(tokens)} "


def find(tokens: Sequence[str], phrase: Sequence[str]) -> int:
    """Index of the first occurrence of ``phrase`` in ``tokens``; -1 when absent."""
    if not phrase:
        return -1
    text = _joined(tuple(tokens))
    at = text.find(_joined(tuple(phrase)))
    return -1 if at < 0 else text.count(" ", 0, at)


def mentions(text: str, keywords: Iterable[str]) -> bool:
    """Whether ``text`` contains any of ``keywords`` as whole (stemmed) words."""
    tokens = words(text)
    return any(find(tokens, words(keyword)) >= 0 for keyword in keywords)


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def clauses(sentence: str) -> list[str]:
    return [part for part in _CLAUSE_END.split(sentence) if part.strip()]
