"""Whether a match of the time grammar (``timex_spans``) is a time: a time word in a name
("60 Minutes", "USA Today"), the modal "May" of a wish, an age, a rate or a fraction
("52 years old", "$2 million a year", "a quarter of the market", "the second half of
the match"), "one day" and "at the time" where they leave a time unnamed, and the
seasons that are verbs and nouns ("the fall in prices")."""

from __future__ import annotations

import re

from redline.extract.timex_lexicon import TimexLexicon

#: A year written in digits that a range, a fiscal year or a name may hold ("2019-2021",
#: "FY2025", "Summer 2024").
WRITTEN_YEAR = r"(?:1[89]|20)\d\d"

#: Prepositions that make "the morning" or "the fall" a time ("in the morning").
TIME_PREPOSITION = re.compile(
    r"\b(?:in|into|during|throughout|by|until|through|over|since|from)\s+$", re.I)
#: The two words after "today's" ("world", "young people", "China is").
_POSSESSED = re.compile(r"['’]s\s+([A-Za-z-]+)(?:([^\S\n]+[A-Za-z-]+)|\W|$)")

#: Where a sentence (or a quotation in it) begins, right before a match.
SENTENCE_START = re.compile(r"(?:^|[.!?:;]|\n)\s*(?:``|''|[\"'“”])?\s*$")
#: Words and clitics ("'ll", "'d") of the text before a time.
_WORDS = re.compile(r"'\w+|\w+")
_NOT_A_TIME_AFTER = re.compile(r"\s+(?:of|when|for|to|and|or)\b|'s\b|\s*-", re.I)


def unnamed_time(text: str, start: int, end: int, lexicon: TimexLexicon) -> str | None:
    """Where "one day" is a time the text leaves unnamed: right after an auxiliary or
    modal of ``indefinite_after`` ("will one day be": "modal"), or opening a sentence
    before its clause ("One day, soldiers came": "opening"); None where it is a span."""
    before = _WORDS.findall(text[max(0, start - 12):start].lower().replace("’", "'"))
    if before and before[-1] in lexicon.indefinite_after:
        return "modal"
    if SENTENCE_START.search(text, max(0, start - 6), start) and (
            lexicon.clause_after.match(text, end)):
        return "opening"
    return None


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
#: How many words after "May" the subject and the verb of a wish may take.
_WISH_WORDS = 4


def optative(parts: dict[str, str], text: str, start: int, end: int,
              lexicon: TimexLexicon) -> bool:
    """A bare month named like a modal ("May") opening a sentence before its subject
    ("May God bless you", "May the talks succeed") is the modal."""
    if parts.keys() != {"month"} or parts["month"].lower() not in lexicon.modals:
        return False
    following = _NEXT_WORD.match(text, end)
    if following is None or SENTENCE_START.search(text, max(0, start - 6), start) is None:
        return False
    word = following.group(1)
    if not (word[0].isupper() or word.lower() in lexicon.clause_openers):
        return False
    # the subject is followed by the bare verb of the wish: "May God bless", "May the
    # talks succeed"; "May CPI data showed" names the month
    words = _WORD.findall(text[end:end + 16 * _WISH_WORDS])[1:_WISH_WORDS]
    return any(w.lower() in lexicon.optative_verbs for w in words)


def time_spoken_of(text: str, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """"At the time he was willing": after a preposition of ``anaphoric_after``, with no
    "of" or "when" naming what the time is the time of."""
    before = text[max(0, start - 8):start].lower().split()
    return bool(before) and before[-1] in lexicon.anaphoric_after and not (
        _NOT_A_TIME_AFTER.match(text, end))


def in_a_name(text: str, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """A time word capitalised inside a sentence names something: a programme ("This
    Week", "60 Minutes", "48 Hours"), a paper ("USA Today"), a film ("High Noon").
    Headlines, whose every word is capitalised, are read as text."""
    if _WRITTEN_YEAR.search(text, start, end):
        return False  # "Fiscal Year 2025", "Summer 2024": the year makes it a time
    words = list(_WORD.finditer(text, start, end))
    names = lexicon.months.keys() | lexicon.weekdays.keys() | lexicon.name_words
    capitalised = [w for w in words if len(w.group()) > 1 and w.group().istitle()
                   and w.group().lower().replace("’", "'") not in names]
    if not capitalised:
        return False
    # the expression's own first word: "Today, ..." or "Now we see" opening a sentence;
    # a unit after a count ("watched 60 Minutes") is capitalised only in a name
    first = capitalised[0].start() == start
    if first and len(capitalised) == 1 and not _AFTER_A_NAME.search(text, max(0, start - 40),
                                                                    start):
        return False  # only the first word, opening a sentence
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    others = _WORD.findall(text, line_start, start) + _WORD.findall(
        text, end, line_end if line_end >= 0 else len(text))
    return len(others) < 3 or sum(w[0].isupper() for w in others) * 4 < len(others) * 3


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_WRITTEN_YEAR = re.compile(rf"(?<!\d){WRITTEN_YEAR}(?!\d)")
#: A capitalised word (or its possessive) and an optional opening quote right before.
_AFTER_A_NAME = re.compile(r"\b[A-Z][\w&-]*(?:'s?|’s?)?[^\S\n]*(?:``|\"|“|'')?[^\S\n]*$")


_LAST_WORD = re.compile(r"(\w+)[^\S\n]+$")


def counted(text: str, start: int, lexicon: TimexLexicon) -> bool:
    """A count right before a plural period ("two hours", "a couple of days", "24 hours")."""
    before = _LAST_WORD.search(text, max(0, start - 16), start)
    if before is None:
        return False  # "On March 5. Hours later": the number is no count of these
    word = before.group(1).lower()
    return word.isdigit() or any(number.split()[-1] == word for number in lexicon.numbers)


def no_night(text: str, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """"Almost overnight": suddenly; "the overnight rate", "an overnight bag": a kind of
    rate or bag (``sudden_before``, ``overnight_kinds``)."""
    before = " ".join(text[max(0, start - 16):start].lower().split())
    following = _NEXT_WORD.match(text, end)
    return any(before.endswith(word) for word in lexicon.sudden_before) or (
        following is not None and following.group(1).lower() in lexicon.overnight_kinds)


def present_of(text: str, end: int, lexicon: TimexLexicon) -> bool:
    """"Today's world", "today's young people", "today's China is": the present as a whole,
    before a noun of ``present_nouns`` (at most one word after "today's") or a capitalised
    name before a punctuation mark or a verb of ``present_name_verbs`` ("today's Senate
    vote" and "today's Wall Street Journal" are the day's)."""
    match = _POSSESSED.match(text, end)
    if match is None:
        return False
    first, second = match.group(1), (match.group(2) or "").strip()
    if first[0].isupper() and not first.isupper():
        return not second or second.lower() in lexicon.present_name_verbs
    return first.lower() in lexicon.present_nouns or second.lower() in lexicon.present_nouns


_AGE = re.compile(r"\s+old\b", re.I)
#: What a rate's "a year" follows: a number, a unit of money or a percentage ("10% a
#: year"), and one noun that is no preposition ("700 seats a week"; "in a year" is a span).
_RATE = re.compile(r"(?:\d(?:[\d,.]*\d)?|\b(?:one|two|three|four|five|six|seven|eight|nine"
                   r"|ten|dozens?|hundreds?|thousands?|millions?|billions?))"
                   r"(?:\s+(?:million|billion|thousand|percent)|\s*%)?"
                   r"(?:\s+(?:of\s+)?(?!(?:in|for|within|over|after|than|by|from|to|about"
                   r"|nearly|almost|just|only)\b)[a-z]+)?\s+$", re.I)
_ORDINAL_NEXT = re.compile(r"\s+(?!(?:or|and|later|earlier|ago|after|before|of|to|in|for)\b)"
                           r"[a-z]", re.I)


def is_duration(parts: dict[str, str], text: str, start: int, end: int) -> bool:
    """Not an age ("52 years old"), a rate ("700 seats a week", "$2 million a year"),
    an ordinal ("a second group") or a fraction ("a quarter of the market")."""
    if _AGE.match(text, end):
        return False
    single = key_of(parts["num"]) in ("a", "an", "one")
    unit = parts["unit"].lower()
    if single and unit == "quarter" and text.startswith(" of", end):
        return False
    if parts.keys() & {"the", "rel", "approx"} or not single:
        return True
    if _RATE.search(text, max(0, start - 40), start):
        return False
    return not (unit == "second" and _ORDINAL_NEXT.match(text, end))


#: The words after "of" that may name the period a half or a quarter is part of.
_OF_WHAT = re.compile(r"\s+of\s+([^.,;:!?()\n]{0,48})", re.I)


def part_of_a_thing(text: str, end: int, lexicon: TimexLexicon) -> bool:
    """"The second half of the match", "the third quarter of the game": a half or a
    quarter of something whose first four words after "of" name no period, month,
    season or year ("the first half of the decade", "of fiscal 1990", "of 2024" are
    times)."""
    match = _OF_WHAT.match(text, end)
    if match is None:
        return False
    words = _WORDS.findall(match.group(1))[:4]
    return not any(word.isdigit() or lexicon.unit(word) is not None
                   or word.lower() in lexicon.months or word.lower() in lexicon.seasons
                   or word.lower() == "fiscal" for word in words)


def key_of(word: str) -> str:
    return " ".join(word.lower().split())


def season_is_time(parts: dict[str, str], text: str, start: int, end: int,
                    lexicon: TimexLexicon) -> bool:
    """"fall", "spring" and "the fall" are mostly verbs and nouns ("the fall in prices");
    a season is a time with a year, a modifier, "last/next/this", after "in the", or with
    "that" after a preposition or opening a clause ("That fall, talks failed")."""
    if parts.keys() & {"year", "mod", "mid"}:
        return True
    before = text[max(0, start - 20):start]
    if parts.get("rel", "").lower() == "the":
        return bool(TIME_PREPOSITION.search(before))
    if parts.get("rel", "").lower() == "that":  # "that fall in prices" is no season
        return bool(TIME_PREPOSITION.search(before) or (
            SENTENCE_START.search(text, max(0, start - 6), start)
            and lexicon.clause_after.match(text, end)))
    return "rel" in parts
