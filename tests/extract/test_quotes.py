"""Quote and attribution extraction: a table of sentences, transcripts, and the seed article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from redline.errors import ValidationError
from redline.extract.nlp import load_nlp
from redline.extract.quotes import extract_quotes, within_paragraph
from redline.extract.quotes_lexicon import load_cues, parse_cues
from redline.extract.quotes_marks import paragraphs, quotation_spans
from redline.extract.quotes_spans import Attribution
from redline.records import Quote

SAMPLE = Path(__file__).resolve().parents[2] / "sample" / "us-gov"
# Heads of definite descriptions that name a person ("the professor").
PERSON_NOUNS = ("professor", "expert", "researcher", "analyst")


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def _quotes(nlp: Any, text: str) -> list[Quote]:
    return extract_quotes(nlp(text))


def _norm(text: str) -> str:
    text = re.sub(r"[\"“”‘’']", "", text)
    return " ".join(text.split()).strip(" ,.")


# (text, [(speaker, kind, words the content must contain), ...]); an empty list
# means nothing may be found.
CASES = [
    ('"We will respond firmly," the minister said.',
     [("minister", "direct", "We will respond firmly")]),
    ("Kim Yo-jong said that Seoul would pay a heavy price.",
     [("Kim Yo-jong", "indirect", "Seoul would pay a heavy price")]),
    ("According to the Pentagon, the troops crossed the border on Monday.",
     [("Pentagon", "indirect", "the troops crossed the border on Monday")]),
    ('"The line has been crossed. We will act," said Shin Won-sik.',
     [("Shin Won-sik", "direct", "The line has been crossed. We will act")]),
    ("“We are not there yet,” said Jake Sullivan.",
     [("Jake Sullivan", "direct", "We are not there yet")]),
    ("Lee Jae-myung said the talks had failed, adding that new sanctions were coming.",
     [("Lee Jae-myung", "indirect", "the talks had failed"),
      ("Lee Jae-myung", "indirect", "new sanctions were coming")]),
    ("Anna Park met officials in Seoul on Monday. She said the meeting had been useful.",
     [("Anna Park", "indirect", "the meeting had been useful")]),
    ('The ministry said it would use "every tool at hand" to respond.',
     [("ministry", "mixed", "every tool at hand")]),
    ('"We have been watching.\n\n"And we will keep watching," the spokesman said.',
     [("spokesman", "direct", "We have been watching. And we will keep watching")]),
    ('"We are ready for talks," said Hong Min, a visiting scholar at a think tank. '
     "Hong added that the window was closing.",
     [("Hong Min", "direct", "We are ready for talks"),
      ("Hong Min", "indirect", "the window was closing")]),
    ("Park Won-gon is a professor. Hong Min is a visiting scholar. "
     "The sanctions expert said talks were unlikely.",
     [("Hong Min", "indirect", "talks were unlikely")]),
    ("Park Won-gon is a professor. Hong Min is a visiting scholar. "
     "The professor said talks were unlikely.",
     [("Park Won-gon", "indirect", "talks were unlikely")]),
    ('Jake Sullivan met Shin Won-sik on Thursday. He stressed, "Patience is what we need."',
     [("Jake Sullivan", "direct", "Patience is what we need")]),
    ("The analysts believe that Russia has not transferred the technology.",
     [("analysts", "indirect", "Russia has not transferred the technology")]),
    ("“She speaks for none of us.” ― Marta Quinlan",
     [("Marta Quinlan", "direct", "She speaks for none of us")]),
    ("Q    Should the Ukrainians strike back?\n\nTHE PRESIDENT:  If they cross into Ukraine, yes.\n",
     [("Q", "direct", "Should the Ukrainians strike back"),
      ("THE PRESIDENT", "direct", "If they cross into Ukraine, yes")]),
    # Nouns and adjectives of saying and thinking, with or without a source.
    ("Kim Yo-jong's claim that the talks had failed surprised Seoul.",
     [("Kim Yo-jong", "indirect", "the talks had failed")]),
    ("Allegations of fraud spread quickly.", [(None, "indirect", "fraud")]),
    ("Senator Mike Lee is critical of the deal.", [("Mike Lee", "indirect", "the deal")]),
    # Verbs beyond saying: intentions, things said as objects, object control.
    ("Anna Park hopes to win the seat.", [("Anna Park", "indirect", "to win the seat")]),
    ("Park Won-gon unleashed a flurry of statements attacking the plan.",
     [("Park Won-gon", "indirect", "a flurry of statements attacking the plan")]),
    ("The senator led the journalist to fear a new pact.",
     [("journalist", "indirect", "a new pact")]),
    ("Lee Jae-myung said after the meeting he would not accept the offer.",
     [("Lee Jae-myung", "indirect", "he would not accept the offer")]),
    # "Asked about X, Y said": the asker is unknown.
    ("Asked about the report, Park Won-gon said, \u201cIt is important.\u201d",
     [(None, "indirect", "the report"), ("Park Won-gon", "direct", "It is important")]),
    # A time stamp or a label on the line before is not the subject of the cue.
    ("12:15 p.m.\n\nAnna Park says the talks have failed.",
     [("Anna Park", "indirect", "the talks have failed")]),
    ("Talks in Seoul\n\nUpdate: Lee Jae-myung says the offer is still open.",
     [("Lee Jae-myung", "indirect", "the offer is still open")]),
    # Two apostrophes are a double quotation mark (newswire archives).
    ("''We will not back down,'' said Anna Park.",
     [("Anna Park", "direct", "We will not back down")]),
    # A cue that interrupts its content: both pieces are the speaker's.
    ("The talks, Park Won-gon says, are over for now.",
     [("Park Won-gon", "indirect", "The talks"), ("Park Won-gon", "indirect", "are over")]),
    ('"We tried," Anna Park said, "but they walked away."',
     [("Anna Park", "direct", "We tried"), ("Anna Park", "direct", "but they walked away")]),
    # Parses that hang the complement or the subject elsewhere.
    ("Lee Jae-myung tweeted late on Sunday that the offer was closed.",
     [("Lee Jae-myung", "indirect", "the offer was closed")]),
    ("In a meeting with the board of the Korea Herald Lee Jae-myung said that the offer "
     "was closed.",
     [("Lee Jae-myung", "indirect", "the offer was closed")]),
    ("According to veteran radio host Rush Limbaugh, the move reeks of fear.",
     [("Rush Limbaugh", "indirect", "the move reeks of fear")]),
    # Nothing attributed: titles, scare quotes, "said" as an adjective, plain events,
    # generic "you", a headline label that is a phrase rather than a name.
    ("If you think taxes are high, look at the neighbours.", []),
    ("The Latest: Troops cross the border at dawn.", []),
    ('The so-called "red line" has not been crossed.', []),
    ("The said agreement took effect in June.", []),
    ("Troops crossed the border on Monday.", []),
    ('The navy would deploy "every spare hull" in concert with its partners.', []),
    ('The document, titled "Comprehensive Strategic Partnership", was signed in June.', []),
    ("The spokesman spoke on Sunday.", []),
    ('He stressed, "Patience is what we need."', [(None, "direct", "Patience is what")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_quotes_table(nlp: Any, text: str, expected: list[tuple[str | None, str, str]]) -> None:
    found = _quotes(nlp, text)
    assert len(found) == len(expected), [(q.speaker, q.content) for q in found]
    for quote, (speaker, kind, words) in zip(found, expected, strict=True):
        assert quote.speaker == speaker
        assert quote.kind == kind
        assert _norm(words) in _norm(quote.content)


@pytest.mark.parametrize("text, content", [
    # The object's complement is part of what is said ...
    ("Anna Park described the plan as a trap.", "the plan as a trap"),
    ("Lee Jae-myung criticized the ministry for delaying the vote.",
     "the ministry for delaying the vote"),
    # ... a closing aside of the writer's is not.
    ("Anna Park criticized the tariffs, which took effect in June.", "the tariffs"),
    ("Lee Jae-myung said the offer was closed.", "the offer was closed"),
])
def test_content_bounds(nlp: Any, text: str, content: str) -> None:
    (quote,) = _quotes(nlp, text)
    assert quote.content == content


@pytest.mark.parametrize("text, speaker, role", [
    ('"We are watching," said John Kirby, a spokesman for the National Security Council.',
     "John Kirby", "a spokesman for the National Security Council"),
    ("Lee Soo-jin, senior research fellow at the Institute for Peninsula Policy Studies, "
     "underscored that caution was needed.",
     "Lee Soo-jin", "senior research fellow at the Institute for Peninsula Policy Studies"),
    ('Longtime pollster Pat Caddell said voters were worried.', "Pat Caddell", "Longtime pollster"),
])
def test_role_from_apposition(nlp: Any, text: str, speaker: str, role: str) -> None:
    found = _quotes(nlp, text)
    assert [(q.speaker, q.role) for q in found] == [(speaker, role)]


@pytest.mark.parametrize("text, source", [
    ("12:15 p.m.\n\nAnna Park says the talks have failed.", "Anna Park"),
    ("Talks in Seoul\n\nUpdate: Lee Jae-myung says the offer is still open.", "Lee Jae-myung"),
    ("Anna Park says the talks have failed.", "Anna Park"),
])
def test_source_span_is_on_the_line_of_its_cue(nlp: Any, text: str, source: str) -> None:
    (quote,) = _quotes(nlp, text)
    assert quote.speaker_span is not None
    assert text[quote.speaker_span[0]:quote.speaker_span[1]] == source


@pytest.mark.parametrize("content, cue, expected", [
    ((0, 40), (5, 9), (0, 20)),  # runs past its paragraph: cut at the break
    ((0, 18), (5, 9), (0, 18)),  # within its paragraph: kept
    ((22, 40), (5, 9), None),  # wholly in another paragraph: dropped
])
def test_content_stays_in_the_paragraph_of_its_cue(
        content: tuple[int, int], cue: tuple[int, int], expected: tuple[int, int] | None) -> None:
    text = "Park says the talks.\n\nLee says nothing."
    blocks = paragraphs(text)
    found = within_paragraph(Attribution(content=content, kind="indirect", cue=cue), blocks)
    assert (found.content if found is not None else None) == expected


def test_spans_point_into_the_text(nlp: Any) -> None:
    text = '"We will act," said Shin Won-sik, adding that talks were over.'
    for quote in _quotes(nlp, text):
        assert quote.content == text[quote.content_span[0]:quote.content_span[1]]
        assert quote.cue == text[quote.cue_span[0]:quote.cue_span[1]]  # type: ignore[index]
        start, end = quote.speaker_span  # type: ignore[misc]
        assert text[start:end].startswith("Shin Won-sik")


def test_institution_speaker_is_not_a_person(nlp: Any) -> None:
    text = ("Park Won-gon spoke on Sunday. "
            '"We are tracking the deployment," the defence ministry said.')
    (quote,) = _quotes(nlp, text)
    assert quote.speaker == "defence ministry"
    assert quote.role is None


def test_quotation_marks_curly_straight_and_paragraphs() -> None:
    marks = load_cues().quote_marks
    text = 'He said "one" and “two”.\n\n"Three runs on\n\n"into four," he said. A "scare" word.'
    spans = [text[a:b] for a, b in quotation_spans(text, marks)]
    assert spans == ['"one"', "“two”", '"Three runs on\n\n"into four,"', '"scare"']
    assert len(paragraphs(text)) == 3
    archive = "''It is over,'' he said. It isn't his ''fault''.\n\n''Next one"
    spans = [archive[a:b] for a, b in quotation_spans(archive, marks)]
    assert spans == ["''It is over,''", "''fault''", "''Next one"]


def test_cue_file_errors_name_the_key() -> None:
    with pytest.raises(ValidationError, match="speech_verbs"):
        parse_cues({"speech_verbs": "say"}, "cues.yaml")


def test_white_house_transcript_turns(nlp: Any) -> None:
    path = SAMPLE / "2024-10-29-whitehouse-biden-gaggle-if-they-cross-into-ukraine.txt"
    if not path.exists():
        pytest.skip(f"{path} is not here")
    quotes = _quotes(nlp, path.read_text(encoding="utf-8"))
    turns = [(q.speaker, _norm(q.content)) for q in quotes]
    assert ("THE PRESIDENT", "If they cross into Ukraine, yes") in turns
    assert ("Q", "Should the Ukrainians strike — strike back?") in turns
    assert {q.speaker for q in quotes} == {"Q", "THE PRESIDENT"}


def _seed_text(seed_article: Path, gold: dict[str, Any]) -> str:
    furniture = {line.strip() for line in gold["article"]["boilerplate"]}
    lines = seed_article.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.strip() not in furniture)


def test_seed_article_quotes(nlp: Any, seed_article: Path, seed_gold: Path) -> None:
    gold = yaml.safe_load(seed_gold.read_text(encoding="utf-8"))
    quotes = _quotes(nlp, _seed_text(seed_article, gold))
    for expected in gold["quotes"]:
        fragment = _norm(expected["contains"])
        matching = [q for q in quotes if fragment in _norm(q.content)]
        assert matching, f"no quote holds {expected['contains']!r}"
        quote = matching[0]
        assert quote.speaker is not None
        assert expected["speaker"].lower() in quote.speaker.lower()
        if "role" in expected:
            assert quote.role is not None and expected["role"] in quote.role
        if "actor" in expected and quote.speaker_actor is not None:
            assert quote.speaker_actor == expected["actor"]


def test_seed_article_pronouns_resolve_to_people(nlp: Any, seed_article: Path,
                                                seed_gold: Path) -> None:
    gold = yaml.safe_load(seed_gold.read_text(encoding="utf-8"))
    text = _seed_text(seed_article, gold)
    people = {q["speaker"] for q in gold["quotes"] if q["speaker"][0].isupper()}
    for quote in _quotes(nlp, text):
        assert quote.speaker_span is not None
        source = text[quote.speaker_span[0]:quote.speaker_span[1]]
        words = source.lower().split()
        if words in (["he"], ["she"]) or (words[0] == "the" and words[-1] in PERSON_NOUNS):
            assert quote.speaker in people, (source, quote.speaker)
