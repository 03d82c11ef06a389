"""Sizes: numbers with their unit and qualifier."""

from __future__ import annotations

import pytest

from redline.extract.nlp import load_nlp
from redline.extract.size import parse_number, size_of


def _size_of_noun(text: str, noun: str) -> object:
    doc = load_nlp()(text)
    return size_of(next(t for t in doc if t.text == noun))


@pytest.mark.parametrize(
    "text, noun, value, qualifier",
    [
        ("Pyongyang sent approximately 10,000 soldiers.", "soldiers", 10000, "approximate"),
        ("Over 1,500 soldiers were moved.", "soldiers", 1500, "lower_bound"),
        ("They sent more than 200 tanks.", "tanks", 200, "lower_bound"),
        ("Up to 300 troops arrived.", "troops", 300, "upper_bound"),
        ("The army sent 12 helicopters.", "helicopters", 12, "exact"),
        ("They pledged 1.5 million shells.", "shells", 1_500_000, "exact"),
    ],
)
def test_size_of(text: str, noun: str, value: int, qualifier: str) -> None:
    size = _size_of_noun(text, noun)
    assert size == value
    assert getattr(size, "qualifier", None) == qualifier
    assert getattr(size, "unit", None) == noun


@pytest.mark.parametrize("text, noun", [("The soldiers left.", "soldiers"),
                                        ("Many soldiers left.", "soldiers")])
def test_no_number_no_size(text: str, noun: str) -> None:
    assert _size_of_noun(text, noun) is None


@pytest.mark.parametrize(
    "words, expected",
    [(["10,000"], (10000, False)), (["1.5", "million"], (1_500_000, False)),
     (["thousands"], (2000, True)), (["several"], None)],
)
def test_parse_number(words: list[str], expected: tuple[int, bool] | None) -> None:
    assert parse_number(words) == expected
