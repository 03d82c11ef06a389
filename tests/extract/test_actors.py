"""Actor codes from names, demonyms, capitals and agencies."""

from __future__ import annotations

import pytest

from redline.extract.actors import ActorIndex, resolve_actor
from redline.extract.nlp import load_nlp


@pytest.mark.parametrize(
    "text, expected",
    [
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Pyongyang", "PRK"),
        ("North Korean", "PRK"),
        ("ROK", "KOR"),
        ("S. Korea", "KOR"),
        ("Seoul", "KOR"),
        ("the South Korean government", "KOR"),
        ("presidential office", "KOR"),
        ("President Yoon Suk Yeol", "KOR"),
        ("National Intelligence Service", "KOR-INTEL"),
        ("NIS", "KOR-INTEL"),
        ("the National Intelligence Service (NIS) of South Korea", "KOR-INTEL"),
        ("SPRAVDI", "UKR-GOV"),
        ("White House", "USA-GOV"),
        ("the Pentagon", "USA-MIL"),
        ("Moscow", "RUS"),
        ("Kyiv", "UKR"),
        ("Beijing", "CHN"),
        ("Tokyo", "JPN"),
        ("Washington", "USA"),
        ("U.S.", "USA"),
        ("Russian troops", "RUS-MIL"),
        ("Israeli army", "ISR-MIL"),
        ("Bhutan", "BTN"),            # every pycountry name is known
        ("Kazakhs", "KAZ"),           # plural demonym
        ("Greenland", "GRL"),
        ("a senior fellow researcher", None),
        ("us", None),                 # the pronoun is not the United States
        ("the North", None),          # only in a Korean context
        ("Korea Times", None),
        ("President Bush", "USA"),    # persons of the period and of today
        ("Prime Minister Ariel Sharon", "ISR"),
        ("Arafat", "PSE"),
        ("Kofi Annan", "IGO"),
        ("the Iranian foreign minister", "IRN"),
        ("OPEC", "IGO"),
        ("President Major", None),    # a surname that is also a word is not listed alone
        ("Sharon Stone's new film", "ISR"),
    ],
)
def test_resolve_actor(text: str, expected: str | None) -> None:
    assert resolve_actor(text) == expected


@pytest.mark.parametrize(
    "text, context, expected",
    [
        ("the North", ["KOR"], "PRK"),
        ("the North", ["PRK"], "PRK"),
        ("the North", ["GBR"], None),
    ],
)
def test_contextual_alias(text: str, context: list[str], expected: str | None) -> None:
    assert resolve_actor(text, context) == expected


def test_index_finds_every_mention_once() -> None:
    doc = load_nlp()("Seoul warned Pyongyang and Moscow, and the North replied.")
    codes = ActorIndex(doc).codes
    assert codes == ["KOR", "PRK", "RUS", "PRK"]


@pytest.mark.parametrize("text, expected", [
    # a contextual alias that begins a longer name is not the alias
    ("North Korea fired missiles near the South China Sea.", ["PRK", "CHN"]),
    ("South Korea and the North Atlantic Council met.", ["KOR"]),
    # controls: the alias on its own, and a joined pair of names
    ("North Korea fired missiles at the South on Monday.", ["PRK", "KOR"]),
    ("The US-China talks ended.", ["USA", "CHN"]),
    # a spaced hyphen after a line's first words opens a dateline, which names no actor
    ("SEOUL - North Korea fired missiles.", ["PRK"]),
])
def test_index_reads_names_in_their_context(text: str, expected: list[str]) -> None:
    assert ActorIndex(load_nlp()(text)).codes == expected


def test_index_finds_nothing_in_plain_text() -> None:
    doc = load_nlp()("The weather was mild and the market was quiet.")
    assert ActorIndex(doc).codes == []


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Egyptian police opened fire on demonstrators.", "demonstrators", "EGY"),
        ("The opposition boycotted the vote, Kenyan radio said.", "opposition", "KEN"),
        ("The opposition boycotted the vote.", "opposition", None),
        ("The weather ruined the harvest for farmers in Kenya.", "weather", None),
    ],
)
def test_generic_agents_take_the_nearest_state(text: str, word: str, expected: str | None
                                               ) -> None:
    from redline.extract.arguments import PartyResolver

    doc = load_nlp()(text)
    token = next(t for t in doc if t.lower_ == word)
    assert PartyResolver(doc, ActorIndex(doc)).resolve(token).code == expected


WITHIN_TEXT = ("Seoul warned Pyongyang. The weather was mild. "
               "Moscow and Beijing met, and the United States replied.")


@pytest.mark.parametrize(
    "first, last, expected",
    [
        ("Seoul", "Pyongyang", ["KOR", "PRK"]),
        ("warned", "Pyongyang", ["PRK"]),
        ("The", "mild", []),  # a sentence that names nobody
        ("Moscow", "replied", ["RUS", "CHN", "USA"]),
        ("States", "replied", []),  # a mention cut by the range is not inside it
        ("Seoul", "replied", ["KOR", "PRK", "RUS", "CHN", "USA"]),
    ],
)
def test_mentions_within_a_token_range(first: str, last: str, expected: list[str]) -> None:
    doc = load_nlp()(WITHIN_TEXT)
    index = ActorIndex(doc)
    start = next(t.i for t in doc if t.text == first)
    end = next(t.i for t in doc if t.text == last) + 1
    assert [m.code for m in index.within(start, end)] == expected
    # the same as reading every mention of the document
    assert index.within(start, end) == [m for m in index.mentions
                                        if m.start >= start and m.end <= end]


def test_no_mentions_within_an_empty_or_reversed_range() -> None:
    doc = load_nlp()(WITHIN_TEXT)
    index = ActorIndex(doc)
    assert index.within(0, 0) == [] and index.within(5, 2) == []
