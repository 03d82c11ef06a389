"""The TempEval-3 scorer: reading TimeML, the fixed final-check split, strict and relaxed
matching and value F1, on documents written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.errors import InputError
from redline.eval import timex
from redline.eval.timex_tml import GoldTimex, corpus, read_tml
from redline.records import TimeExpression

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-10-16" functionInDocument="CREATION_TIME">2024-10-16</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1">met</EVENT> ministers <TIMEX3 tid="t1" type="DATE" value="2024-10-11">Friday</TIMEX3> &amp; will return <TIMEX3 tid="t2" type="DATE" value="2024-W43">next week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def write(folder: Path, name: str) -> Path:
    path = folder / "TimeBank" / f"{name}.tml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TML.format(name=name), encoding="utf-8")
    return path


def test_read_tml_gives_spans_into_the_clean_text(tmp_path: Path) -> None:
    document = read_tml(write(tmp_path, "doc1"))
    assert str(document.creation) == "2024-10-16"
    assert "&amp;" not in document.text and "<EVENT" not in document.text
    assert [(document.text[t.start:t.end], t.type, t.value) for t in document.timexes] == [
        ("Friday", "DATE", "2024-10-11"), ("next week", "DATE", "2024-W43"),
        ("three days", "DURATION", "P3D")]


def test_every_fifth_document_is_the_final_check(tmp_path: Path) -> None:
    for i in range(10):
        write(tmp_path, f"doc{i:02d}")
    development, final = timex.split(corpus(tmp_path))
    assert [p.name for p in final] == ["doc04.tml", "doc09.tml"]
    assert len(development) == 8 and not set(development) & set(final)


def test_the_system_reproduces_the_invented_gold(tmp_path: Path) -> None:
    scores = timex.tally(timex.parsed([write(tmp_path, "doc1")])).scores("t")
    assert scores["t.strict_f1"] == scores["t.value_f1"] == 1.0


def gold(start: int, end: int, value: str, kind: str = "DATE") -> GoldTimex:
    return GoldTimex(start, end, kind, value, "")


def found(start: int, end: int, value: str, kind: str = "DATE") -> TimeExpression:
    return TimeExpression(start, end, kind, value, "")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "golds, system, strict, relaxed, value",
    [
        ([gold(0, 6, "2024-10-11")], [found(0, 6, "2024-10-11")], 1.0, 1.0, 1.0),
        # overlapping but not equal: relaxed only
        ([gold(0, 9, "2024-W43")], [found(5, 9, "2024-W43")], 0.0, 1.0, 1.0),
        # right span, wrong value
        ([gold(0, 6, "2024-10-11")], [found(0, 6, "2024-10-18")], 1.0, 1.0, 0.0),
        # one missed, one spurious
        ([gold(0, 6, "2024-10-11")], [found(10, 16, "P3D", "DURATION")], 0.0, 0.0, 0.0),
        # nothing to find, nothing found
        ([], [], 0.0, 0.0, 0.0),
    ],
)
def test_tally_counts_the_tempeval_way(golds: list[GoldTimex], system: list[TimeExpression],
                                       strict: float, relaxed: float, value: float) -> None:
    counts = timex.Tally()
    counts.add(golds, system)
    scores = counts.scores("t")
    assert (scores["t.strict_f1"], scores["t.relaxed_f1"], scores["t.value_f1"]) == (
        strict, relaxed, value)


def test_a_missing_folder_or_broken_document_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="TimeML folder not found"):
        corpus(tmp_path / "nope")
    broken = tmp_path / "TimeBank" / "bad.tml"
    broken.parent.mkdir()
    broken.write_text("<TimeML><TEXT>no creation time</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tml: not a TimeML document"):
        read_tml(broken)
