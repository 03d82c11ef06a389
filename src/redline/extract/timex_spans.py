"""Finding time expressions in text: one regular grammar per construction, built from
the words of ``timex.yaml``, longest match first.

Each match is a ``Mention``: its character span, the construction that found it
(``kind``) and the parts it names (month, day, year, unit, count, ...). Spans follow
TimeML: a leading preposition stays out ("on Friday" → "Friday"), determiners,
modifiers and quantifiers stay in ("the past two months", "early next year",
"more than four years").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from redline.extract.timex_checks import (
    TIME_PREPOSITION,
    WRITTEN_YEAR,
    counted,
    in_a_name,
    is_duration,
    key_of,
    no_night,
    optative,
    part_of_a_thing,
    present_of,
    season_is_time,
    time_spoken_of,
    unnamed_time,
)
from redline.extract.timex_joins import (
    address_spans,
    ago_on_a_day,
    compared_spans,
    days_from,
    halves_of_years,
    weekday_sets,
    year_ranges,
)
from redline.extract.timex_lexicon import TimexLexicon, alternation, load_lexicon


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    parts: dict[str, str]


def _names(words: dict[str, int], full: bool) -> str:
    """Capitalised names ("Friday", "FRIDAY") and abbreviations with a full stop ("Fri.",
    "Sept."); month abbreviations may also stand bare before a digit ("Jan 14")."""
    forms: list[str] = []
    longest = {number: max((w for w, n in words.items() if n == number), key=len)
               for number in set(words.values())}
    for word in words:
        title = word.title()
        if word == longest[words[word]] or len(word) > 4:
            forms += [re.escape(title), re.escape(word.upper())]
        else:
            forms.append(re.escape(title) + r"\.")
            if full:
                forms.append(re.escape(title) + r"(?=\s+\d)")
    forms.sort(key=len, reverse=True)
    return "(?-i:" + "|".join(forms) + r")(?!\w)"


_GRAMMARS: dict[int, tuple[TimexLexicon, tuple[tuple[str, re.Pattern[str]], ...]]] = {}


def grammar(lexicon: TimexLexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The constructions, as (kind, compiled pattern) pairs, compiled once per lexicon."""
    cached = _GRAMMARS.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        cached = (lexicon, _compile(lexicon))
        _GRAMMARS[id(lexicon)] = cached
    return cached[1]


def _compile(lexicon: TimexLexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    month = _names(lexicon.months, full=True)
    weekday = _names(lexicon.weekdays, full=False)
    weekdays = "(?-i:" + "|".join(sorted({  # "on Mondays": every Monday
        max((w for w, n in lexicon.weekdays.items() if n == number), key=len).title() + "s"
        for number in set(lexicon.weekdays.values())})) + ")"
    number_words = alternation(k for k, v in lexicon.numbers.items())
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    num = rf"(?:\d{{1,3}}(?:\.\d+)?|(?:{tens})[- ](?:{ones})|{number_words})"
    unit = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
            r"|quarters?|years?|decades?|centur(?:y|ies))")
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|\.\d)"
    year = r"(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d|%|-\d)"
    mod = rf"(?:{alternation(lexicon.modifiers)})"
    rel = rf"(?:{alternation(lexicon.relative)})"
    season = rf"(?:{alternation(lexicon.seasons)})"
    pod_words = (k for k in lexicon.parts_of_day if k not in ("overnight", "tonight"))
    pod = rf"(?:{alternation(pod_words)})"
    ordinal = rf"(?:{alternation(lexicon.ordinals)})"
    # a zone in words before a capitalised word is part of a name ("Eastern Europe"),
    # unless the word is a weekday or a month ("10 a.m. Eastern Monday")
    zone = (rf"(?:{alternation(lexicon.time_zones)}"
            rf"|(?-i:(?:{alternation(lexicon.time_zone_names) or '(?!)'})"
            rf"(?!\s+(?!(?i:{weekday}|{month})\b)[A-Z])))")
    named_day = rf"(?:{alternation(lexicon.days)})"
    emphasis = alternation(lexicon.every_emphasis) or "(?!)"  # "every single day"
    offset = rf"(?:{alternation(lexicon.offsets)})"
    approx = (r"(?:about|around|nearly|almost|roughly|some|more\s+than|less\s+than|at\s+least"
              r"|at\s+most|up\s+to|over|under|only|just|fewer\s+than|as\s+many\s+as)")
    holiday = rf"(?:{alternation(lexicon.holidays)})".replace("'", "['’]")
    counted = alternation(lexicon.counted_modifiers)
    vague = rf"(?:{alternation(lexicon.vague_periods)})"
    decade_word = rf"(?:{alternation(lexicon.decades)})"
    century = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{alternation(lexicon.centuries)})"
    # a weekday before a month and day is the date's ("5 a.m. Eastern, Monday, May 1st")
    clock_day = (rf"(?:\s*,?\s*(?:(?P<wd>{weekday})(?!\s*,?\s*{month}\s*{day})"
                 rf"|(?P<named>{named_day})|(?P<cmonth>{month})\s*(?P<cday>{day})))?")
    short_year = WRITTEN_YEAR
    hour_word = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    spoken = (rf"(?P<century>nineteen|twenty)[- ](?P<decade>(?:{tens}|ten|eleven|twelve"
              rf"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
              rf"(?:[- ](?:{ones}))?)")
    shift = "early|late|earlier|later"
    hyphened = r"(?P<mid>(?:early|mid|late)-)"  # "mid-November", "late-1990"
    of_year = r"\s+(?:of\s+)?(?P<yrel>this|next|last)\s+year(?!'|-)"  # "April next year"
    week_ordinal = rf"(?:{alternation(lexicon.week_ordinals)})"
    two_steps = rf"(?:{alternation(lexicon.two_steps)})"
    fiscal_code = rf"(?-i:{alternation(lexicon.fiscal_codes) or '(?!)'})"
    # "two days before the vote": a span between two events, not a day
    separated = r"(?!(?:(?<=before)|(?<=after))\s+(?:the|a|an|his|her|its|their)\b)"
    patterns = {
        # "the past three summers": a span of seasons
        "seasons": rf"(?P<the>the)\s+(?P<rel>past|last|next|coming|previous|following|first"
                   rf"|final)\s+(?:(?P<approx>{approx})\s+)?(?P<num>{num})\s+"
                   r"(?P<season>summers|winters|springs|autumns|falls)",
        # "prices fell overnight": the night before the day the text is on
        "overnight": r"(?P<overnight>overnight)",
        "date": r"(?:(?P<weekof>the\s+week\s+of)\s+)?"
                r"(?:(?P<rel>last|next|this\s+past|this\s+coming)\s+)?"
                rf"(?:(?P<wd>{weekday})\s*,?\s+(?:the\s+(?=\d))?)?"
                rf"(?:(?P<month>{month})\s*(?P<day>{day})|(?P<day2>{day})\s+(?:of\s+)?(?P<month2>{month}))"
                rf"(?:\s*,?\s*(?P<year>{year})|{of_year})?",
        # "will one day be", "at the time": a time the text leaves unnamed (before the
        # counts, which read "one day" as a span where no cue makes it a time)
        "indefinite": rf"(?P<ind>{alternation(lexicon.indefinite_times) or '(?!)'})",
        "then": rf"(?P<then>{alternation(lexicon.anaphoric_times) or '(?!)'})",
        "spoken_year": rf"(?:(?P<month>{month})\s+)?(?:the\s+year\s+)?{spoken}"
                       r"|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<ones>"
                       rf"{ones}|ten|eleven|twelve))?",
        "weekend": r"(?P<the>the)\s+weekend",
        "iso": r"(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)",
        "numeric": r"(?<![\d/])(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})"
                   r"(?![\d/])",
        "month": rf"(?:(?P<mod>{mod})\s+|{hyphened})?(?:(?P<rel>{rel})\s+)?(?P<month>{month})"
                 rf"(?:\s*,?\s*(?:of\s+)?(?P<year>{year})|{of_year})?",
        # "the following spring", "that summer": counted from the time the text is on
        "season": rf"(?:(?P<mod>{mod})\s+|{hyphened})?"
                  rf"(?:(?P<the>the)\s+(?=(?:{alternation(lexicon.anaphoric_seasons)})\s))?"
                  rf"(?:(?P<rel>{rel}|the|that)\s+)?"
                  rf"(?P<season>{season})(?:\s*,?\s*(?:of\s+)?(?P<year>{year}))?",
        "year": rf"(?:(?P<mod>{mod})\s+|{hyphened}|(?P<side>pre-|post-))?"
                rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?"
                rf"(?P<year>{year})",
        # "2019-20", "1998/99": a stretch of two years running into each other
        "year_span": rf"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+)?(?P<year>{short_year})\s?[-–/]\s?"
                     r"(?P<year2>\d\d(?:\d\d)?)(?![\d%]|-\d)",
        "fiscal_code": rf"(?P<code>{fiscal_code})[- ]?(?P<year>{short_year}|\d\d)(?!\d)"
                       r"(?:\s?[-–/]\s?(?P<year2>\d\d(?:\d\d)?)(?![\d%]))?",
        # "the first week of April", "the last week of May"
        "month_week": rf"(?P<the>the)\s+(?P<ord>{week_ordinal})\s+week\s+of\s+"
                      rf"(?:(?P<month>{month})(?:\s*,?\s*(?P<year>{year})|{of_year})?"
                      r"|(?P<mrel>this|next|last|the)\s+month)",
        # "the week after next", "the year before last"
        "two_steps": rf"(?P<the>the)\s+(?P<unit>week|weekend|month|quarter|year)\s+"
                     rf"(?P<steps>{two_steps})(?!\s+(?:{weekday}|{month}|week|weekend|month"
                     r"|quarter|year)\b)",
        "decade": rf"(?:the\s+)?(?:(?P<mod>{mod})\s+|{hyphened})?"
                  r"(?P<decade>1[0-9]\d0|20\d0|'\d0)'?s",
        "the_period": r"(?P<the>the)\s+(?P<rel>past|last)\s+"
                      r"(?P<unit>week|month|year|decade|century|quarter|day|hour)",
        "the_year": r"(?P<the>the)\s+(?:(?P<full>full|whole|entire|fiscal|calendar)\s+)?"
                    r"(?P<unit>year)(?!-|'|\s+\d|\s+(?:before|after|earlier|later|ago"
                    r"|of\s+the|two|nineteen|twenty)\b)"
                    rf"(?:(?=\s+to\s+(?P<upto>{month})))?",  # "the year to March": a span
        "the_week": r"(?P<the>the)\s+(?P<unit>week)(?!-|\s+(?:of|following|before|after|ahead"
                    r"|that|when|which|in|to|earlier|later|ago)\b)",
        "period": rf"(?:(?P<mod>{mod})\s+)?(?:(?P<the>the)\s+)?"
                  rf"(?P<rel>this\s+past|this\s+coming|{rel})\s+"
                  r"(?:(?P<fiscal>fiscal)\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century)",
        "endof": rf"(?P<mod>{mod})\s+(?:(?P<the>the)|this)\s+"
                 r"(?P<unit>week|month|quarter|year|decade|century)",
        "quarter": rf"(?:the\s+)?(?:comparable\s+)?"
                   rf"(?:(?P<rel>{rel}|latest|most\s+recent|year-earlier|year-ago)\s+)?"
                   rf"(?:(?P<year0>{short_year})\s+)?"
                   rf"(?:(?P<fiscal>fiscal)[- ])?"
                   rf"(?:(?P<ord>{ordinal})(?:(?P<hyphen>-)| )(?:fiscal[- ])?)?"
                   rf"(?P<unit>quarter|half)(?:\s*,?\s*(?:of\s+)?(?:fiscal\s+)?"
                   rf"(?P<year>{short_year})|{of_year})?",
        # "Q3", "Q4 2012", "H1 2013": a quarter or a half named by its code
        "quarter_code": rf"(?-i:(?P<code>Q|H)(?P<n>[1-4]))(?:\s+(?P<year>{year}))?",
        "reported": r"(?P<the>the)\s+(?:comparable\s+)?"
                    r"(?P<rel>latest|most\s+recent|current|comparable|year-earlier|year-ago)"
                    r"\s+period",
        "year_end": rf"(?:year[- ]end|year's\s+end)(?:\s+(?P<year>{year}))?",
        "vague_period": rf"(?:(?P<the>the)\s+)?(?P<rel>{vague})\s+"
                        r"(?P<unit>days|weeks|months|quarters|years|decades)"
                        r"|(?P<the2>the)\s+(?P<unit2>days|weeks|months|years)\s+ahead",
        # "over the years", "in the early years", "for a while": after a preposition
        "vague_stretch": r"(?P<the>the)\s+(?:(?P<mod>early|first|last|final|later|intervening"
                         r"|following)\s+)?(?P<unit>days|weeks|months|years|decades)"
                         r"|(?P<while>a\s+(?:long\s+|little\s+)?while)",
        "decade_word": rf"the\s+(?:(?P<mod>{mod})\s+|{hyphened})?(?P<word>{decade_word})",
        "century": rf"(?:the\s+)?(?:(?P<mod>{mod})\s+|{hyphened})?(?P<ord>{century})[- ]century",
        "named": rf"(?:(?P<mod>{shift})\s+)?(?P<named>{named_day})"
                 rf"(?:\s+(?P<pod>{pod}))?",
        "part_of_day": rf"(?:(?P<mod>{shift})\s+)?(?P<named>this|last|the\s+next|that)\s+"
                       rf"(?P<pod>{pod})",
        "weekday": rf"(?:(?P<mod>{shift})\s+)?(?:(?P<rel>last|next|this|coming|past"
                   rf"|this\s+coming|the\s+previous|the\s+following)\s+)?(?P<wd>{weekday})"
                   rf"(?:\s+(?P<pod>{pod})(?P<plural>s)?)?",
        "clock": r"(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))?\s*"
                 r"(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?!\w)"
                 rf"(?:\s+(?P<zone>{zone})\b)?{clock_day}",
        "noon": rf"(?P<noon>noon|midnight|midday){clock_day}",
        # "seven o'clock", "half past nine", "a quarter past 10 in the morning"
        "oclock": rf"(?:(?P<past>half|a\s+quarter)\s+past\s+)?"
                  rf"(?P<hour>1[0-2]|[1-9]|{hour_word})"
                  rf"(?(past)(?:\s+o['’]clock)?|\s+o['’]clock)(?!\w)"
                  r"(?:\s*(?P<campm>a\.m\.?|p\.m\.?)(?!\w))?"
                  rf"(?:\s+(?:in\s+the\s+(?P<cpod>morning|afternoon|evening)|at\s+(?P<cnight>night)))?"
                  rf"{clock_day}",
        # a 24-hour clock: with a time zone ("14:30 GMT", "1400 GMT") or after "at"
        "clock24": rf"(?:(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s*(?P<zone>{zone})\b)?"
                   rf"|(?P<hour4>[01]\d|2[0-3])(?P<minute4>[0-5]\d)\s*(?P<utc>gmt|utc)\b)"
                   rf"(?!\s*(?:a\.?m|p\.?m)\b){clock_day}",
        "offset": rf"(?:(?P<approx>{approx})\s+)?(?P<num>{num})\s+(?P<unit>{unit})"
                  rf"(?:\s+or\s+so)?\s+(?P<offset>{offset}){separated}",
        # "months ago", "years later": an unknown number of periods away
        "vague_offset": rf"(?:(?P<approx>only|just|mere)\s+)?"
                        r"(?P<unit>moments|seconds|minutes|hours|days|weeks|months|years"
                        rf"|decades)\s+(?P<offset>{offset}){separated}",
        "adj_offset": r"(?P<unit>year|month|week|quarter|day)-(?P<offset>earlier|ago)",
        "anaphoric": r"(?:(?P<the>the|that)\s+)?"
                     r"(?P<rel>next|following|previous|preceding|same|day\s+before|day\s+after)"
                     r"(?:\s+(?P<unit>day|week|month|year|weekend))?",
        "that_day": r"(?P<rel>that|the\s+same)\s+(?P<unit>day|week|month|year)",
        "times_a": r"(?P<times>once|twice|\w+\s+times)\s+(?P<every>a|an|per)\s+"
                   r"(?P<unit>day|week|month|year|hour|quarter)",
        "duration": r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|previous|coming|first|final"
                    rf"|latest|initial|remaining|following|other)\s+)?(?:(?P<approx>{approx})\s+)?"
                    rf"(?P<num>{num})(?P<frac>\s+1/2|\s*½|[- ]and[- ]a[- ]half)?"
                    rf"\s+(?:(?:{counted})\s+)?"
                    rf"(?P<unit>{unit})"
                    r"(?P<half>\s+and\s+a\s+half)?",
        "half_duration": rf"(?:(?P<approx>{approx})\s+)?(?:half\s+(?:an?|one)\s+|an?\s+half[- ])"
                         r"(?P<unit>minute|hour|day|year|decade|century)\b",
        "long": r"(?P<unit>day|week|month|year|decade|century)-long",
        "adj_duration": rf"(?P<num>{num})-(?P<unit>second|minute|hour|day|week|month|year|decade)"
                        r"(?:-long)?(?!-old)",
        "plural": rf"(?P<approx>(?:for|in|within|over|{alternation(lexicon.span_verbs)})\s+)"
                  r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades)"
                  r"(?!\s+(?:of|ago|earlier|later|before|after))",
        "weekdays": rf"(?P<wd>{weekdays})",
        "reference": rf"(?P<ref>{alternation(lexicon.references)})",
        "set": rf"(?P<set>{alternation(lexicon.sets)})",
        # "every Tuesday night", "each morning": a part of day repeated, of one weekday or
        # of every day
        "every": rf"(?P<every>every|each|per)\s+(?:(?:{emphasis})\s+)?(?:(?P<other>other)\s+)?"
                 rf"(?:(?P<num>{num})\s+)?"
                 rf"(?:(?P<daypod>{pod})|(?P<unit>{unit})|(?P<wd>{weekday})(?:\s+(?P<pod>{pod}))?"
                 rf"|(?P<month>{month})|(?P<season>{season}))",
        "holiday": rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>{holiday})"
                   rf"(?:\s*,?\s*(?P<year>{year})|\s+(?P<week>week))?",
        # "next year's first quarter", "1988's second half"
        "year_quarter": rf"(?:(?P<yrel>this|next|last)\s+year|(?P<year>{year}))['’]s\s+"
                        rf"(?:fiscal\s+)?(?P<ord>{ordinal})[- ](?:fiscal[- ])?"
                        r"(?P<unit>quarter|half)",
        # "the July-September quarter": a quarter named by its first and last months
        "month_quarter": rf"(?:the\s+)?(?P<month>{month})\s*[-–]\s*(?P<last>{month})"
                         rf"\s+(?:quarter|period)(?:\s*,?\s*(?:of\s+)?(?P<year>{year}))?",
        # "on the 25th": a day of the month the text is in
        "month_day": r"(?P<the>the)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)",
        # "the quarter a year ago": the reported quarter, a year before
        "quarter_ago": r"(?P<the>the)\s+(?:quarter|period)\s+(?:a|one)\s+year\s+(?:ago|earlier)",
        # "in the morning", "by mid afternoon": a part of the day the text is on
        "day_part": r"(?:(?P<the>the)\s+(?:(?P<mod>early|late|mid)[- ]?)?|(?P<mod2>early|late|mid)"
                    r"[- ]?)(?P<pod>morning|afternoon|evening)",
    }
    return tuple((kind, re.compile(rf"(?<![\w-]){body}(?![\w]|-[a-z])", re.I))
                 for kind, body in patterns.items())


def mentions(text: str, lexicon: TimexLexicon | None = None) -> list[Mention]:
    """The time expressions of ``text``, in order, none overlapping another."""
    lexicon = lexicon or load_lexicon()
    found = sorted(_all_matches(text, lexicon), key=lambda m: (m.start - m.end, m.start))
    taken: list[Mention] = []
    used = bytearray(len(text) + 1)
    for mention in found:
        if any(used[mention.start:mention.end]):
            continue
        used[mention.start:mention.end] = b"\1" * (mention.end - mention.start)
        taken.append(mention)
    inside = address_spans(text) if taken else bytearray()
    taken = [m for m in taken if not inside[m.start]]
    ordered = ago_on_a_day(days_from(sorted(taken, key=lambda m: m.start), text), text)
    ordered = year_ranges(compared_spans(ordered, text), text, lexicon)
    return weekday_sets(halves_of_years(ordered, text, lexicon), text)


def _all_matches(text: str, lexicon: TimexLexicon) -> Iterator[Mention]:
    for kind, pattern in grammar(lexicon):
        for match in pattern.finditer(text):
            parts = {k: v for k, v in match.groupdict().items() if v is not None}
            start, end = match.span()
            if kind == "date" and "day" in parts and (more := _MORE_DAYS.match(text, end)):
                # "April 24 and 25", "March 20-21": the second day of the same month
                yield Mention(more.start(1), more.end(1), kind,
                              {**parts, "day": more.group(1), "tail": "tail"})
            if kind == "plural":  # the preposition is not part of the expression
                start = match.start("unit")
            if kind == "times_a":  # "twice a week": the expression is "a week"
                start = match.start("every")
            if kind in ("offset", "vague_offset") and _SEPARATES.match(parts["offset"]) and (
                    _GOES_ON.match(text, end)):
                continue  # "30 days before closing": a duration between two events
            if kind in ("quarter", "period", "duration") and text.startswith("-to-", end):
                continue  # "quarter-to-quarter", "year-to-year": a comparison
            if kind in ("offset", "vague_offset") and _THAN.match(text, end):
                continue  # "a day later than planned": the difference, a duration
            if kind == "vague_offset" and counted(text, start, lexicon):
                continue  # "two hours later": the count is the expression's
            if kind == "offset" and _SUB_DAY.fullmatch(parts["unit"]):
                continue  # "two hours later": the span, as TimeBank annotates it
            if kind == "overnight" and no_night(text, start, end, lexicon):
                continue  # "famous almost overnight": suddenly; "the overnight rate"
            if kind == "named" and key_of(parts["named"]) == "today" and (
                    present_of(text, end, lexicon)):
                parts["present"] = "present"  # "today's world": the present
            if kind == "duration" and not is_duration(parts, text, start, end):
                continue
            if kind == "quarter" and not parts.keys() - {"unit"} and _FRACTION.match(text, end):
                continue  # "a quarter of the market"
            if kind == "quarter" and part_of_a_thing(text, end, lexicon):
                continue  # "the second half of the match": a part of the game, no time
            if kind == "year" and _PERIOD.match(text, end):
                parts["period"] = "period"
            if kind == "period" and "the" in parts and key_of(parts["rel"]) in _AHEAD and (
                    _SPAN_BEFORE.search(text, max(0, start - 12), start)):
                parts["span"] = "span"  # "over the next decade": a stretch, not the decade
            if kind == "the_period" and _OF.match(text, end):
                parts["of"] = "of"  # "the last year of his term": one of a row
            if kind == "the_year" and _ENDED.match(text, end):
                parts["ended"] = "ended"  # "the year ended March 31": a year's span
            if kind == "clock24" and "zone" not in parts and "utc" not in parts and not (
                    _AT.search(text, max(0, start - 24), start)):
                continue  # "14:30" alone may be a score or a verse; "at 14:30" is a time
            if kind == "month" and optative(parts, text, start, end, lexicon):
                continue  # "May God bless you": the modal, not the month
            if kind == "holiday" and not text[match.start("holiday")].isupper():
                continue
            if kind == "month_day" and not (_ON_DAY.search(text, max(0, start - 8), start)
                                            and not _GOES_ON_NOUN.match(text, end)):
                continue  # "the 25th anniversary"; "on the 25th" is a day
            if kind == "vague_stretch" and not (_STRETCH_PREPOSITION.search(
                    text, max(0, start - 12), start) and not _OF.match(text, end)):
                continue  # "the years of war" names no stretch of its own
            if kind == "day_part" and "the" in parts and not TIME_PREPOSITION.search(
                    text, max(0, start - 12), start):
                continue  # "the morning papers"; "in the morning" is a time
            if kind == "indefinite":
                placed = unnamed_time(text, start, end, lexicon)
                if placed is None:
                    continue  # "had been in the job one day": a span
                parts[placed] = placed
            if kind == "then" and not time_spoken_of(text, start, end, lexicon):
                continue  # "at the time of its founding"
            zone = match.start("zone") if kind in ("clock", "clock24") and parts.get("zone") \
                else end  # "4 p.m. Eastern": the zone's name is no name of the time's
            if in_a_name(text, start, zone, lexicon):
                continue
            if kind == "season" and not season_is_time(parts, text, start, end, lexicon):
                continue
            if kind == "anaphoric" and "unit" not in parts and "day" not in parts["rel"].lower():
                continue
            if kind == "anaphoric" and "the" not in parts and " " in parts["rel"]:
                continue  # "a day after he was hounded": a duration, not the day after
            if kind == "anaphoric" and " " in parts["rel"] and _GOES_ON.match(text, end) and (
                    _APPOSED.search(text, max(0, start - 3), start)):
                parts["appos"] = "appos"  # "Oct. 12, the day before the plunge": Oct. 12
            yield Mention(start, end, kind, parts)


_ON_DAY = re.compile(r"\b(?:on|by|until|till|since|from|before|after)\s+$", re.I)
_GOES_ON_NOUN = re.compile(r"\s+(?!(?:and|or|to|through|at|when|as|but|in|for|the|a|an)\b)"
                           r"[a-z]", re.I)
_STRETCH_PREPOSITION = re.compile(
    r"\b(?:in|over|through|throughout|during|across|for|after|within)\s+$", re.I)
_OF = re.compile(r"\s+of\b", re.I)
#: Prepositions of a stretch before "the next year" ("over", "during"; "in the next
#: decade" may be the decade), and the words that make it one ahead.
_SPAN_BEFORE = re.compile(
    r"\b(?:over|through|throughout|during|across|for|within)\s+$", re.I)
_AHEAD = frozenset({"next", "coming", "upcoming"})
_APPOSED = re.compile(r",\s*$")
_SEPARATES = re.compile(r"(?:before|after)$", re.I)
_AT = re.compile(r"\b(?:at|from|until|by|before|after)\s+(?:(?:about|around|approximately"
                 r"|roughly|exactly|precisely)\s+)?$", re.I)
_GOES_ON = re.compile(r"\s+\w")
_PERIOD = re.compile(r"\s+period\b", re.I)
_ENDED = re.compile(r"\s+(?:ended|ending|ends|to\s+date)\b", re.I)


_THAN = re.compile(r"\s+than\b", re.I)
_SUB_DAY = re.compile(r"(?:second|minute|hour)s?", re.I)
_MORE_DAYS = re.compile(r"\s*(?:-|–|and|or|to|through)\s*([0-3]?\d)(?:st|nd|rd|th)?"
                        r"(?!\d|[:.,]\d|\s*(?:%|percent|[a-z]))", re.I)
_FRACTION = re.compile(r"\s+of\s+(?!(?:19|20)\d\d\b|fiscal\b)", re.I)
