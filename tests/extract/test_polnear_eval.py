"""The PolNeAR scorer: standoff parsing, span matching, and the score on the dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.errors import InputError
from redline.eval import polnear
from redline.records import Quote

TEXT = '"Taxes will fall," Smith said. "Jobs will grow." Jones said little.'
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123456
STANDOFF = "\n".join([
    "T1\tContent 0 18;31 48\t\"Taxes will fall,\" \"Jobs will grow.\"",
    "T2\tSource 19 24\tSmith",
    "T3\tCue 25 29\tsaid",
    "T4\tAttribution 25 29\tsaid",
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
    "T5\tCue 55 59\tsaid",
    "T6\tContent 60 66\tlittle",
    "T7\tAttribution 55 59\tsaid",
    "E2\tAttribution:T7 Content:T6 Cue:T5 Source:T2",
])


def _quote(content: tuple[int, int], cue: tuple[int, int] | None,
           source: tuple[int, int] | None) -> Quote:
    return Quote(speaker="Smith", speaker_span=source, role=None, cue_span=cue,
                 content_span=content, kind="direct")


def test_standoff_joins_fragments_and_counts_a_shared_source_once() -> None:
    spans = polnear.parse_standoff(TEXT, STANDOFF)
    assert len(spans["source"]) == 1
    assert len(spans["cue"]) == 2
    (quoted, little) = sorted(spans["content"], key=min)
    assert quoted == polnear.chars(TEXT, [(0, 18), (31, 48)])
    assert little == polnear.chars(TEXT, [(60, 66)])


def test_continued_quotation_is_one_predicted_content() -> None:
    quotes = [_quote((0, 18), (25, 29), (19, 24)), _quote((31, 48), (25, 29), (19, 24))]
    predicted = polnear.predicted_spans(TEXT, quotes)
    gold = polnear.parse_standoff(TEXT, STANDOFF)
    assert polnear.matches(gold["content"], predicted["content"], "exact") == 1
    assert polnear.matches(gold["source"], predicted["source"], "exact") == 1


@pytest.mark.parametrize("gold, predicted, mode, expected", [
    ([(0, 10)], [(0, 10)], "exact", 1),
    ([(0, 10)], [(0, 9)], "exact", 0),
    ([(0, 10)], [(9, 20)], "overlap", 1),
    ([(0, 10)], [(10, 20)], "overlap", 0),
    # one predicted span may match one gold span only, the larger overlap first
    ([(0, 10), (12, 20)], [(5, 15)], "overlap", 1),
    ([(0, 10), (12, 20)], [(0, 20)], "overlap", 1),
    ([(0, 10), (12, 20)], [(0, 4), (13, 20)], "overlap", 2),
])
def test_matching(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], mode: str,
                  expected: int) -> None:
    text = "x" * 30
    gold_sets = [polnear.chars(text, [g]) for g in gold]
    predicted_sets = [polnear.chars(text, [p]) for p in predicted]
    assert polnear.matches(gold_sets, predicted_sets, mode) == expected


def test_blanks_do_not_count_for_overlap() -> None:
    text = "ab  cd"
    assert polnear.chars(text, [(2, 4)]) == frozenset()


def test_missing_split_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="PolNeAR"):
        polnear.load_gold(tmp_path)


def test_one_annotator_per_article(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "polnear"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "a_4e07.ann").write_text(STANDOFF, encoding="utf-8")
    (folder / "attributions" / "a_ef2d.ann").write_text("", encoding="utf-8")
    (article,) = polnear.load_gold(tmp_path)
    assert len(article.spans["content"]) == 2


@pytest.mark.slow
def test_dev_split_scores(shared: Path) -> None:
    scores = polnear.score(shared)
    for role in polnear.ROLES:
        for mode in polnear.MODES:
            for metric in ("precision", "recall", "f1"):
                assert 0.0 <= scores[f"polnear.{role}_{mode}_{metric}"] <= 1.0
    # Measured 2026-11: content overlap F1 0.815 (P 0.877, R 0.760), exact F1 0.576;
    # source overlap F1 0.807 (P 0.861, R 0.760).
    assert scores["polnear.content_overlap_f1"] >= 0.81
    assert scores["polnear.content_exact_f1"] >= 0.57
    assert scores["polnear.source_overlap_f1"] >= 0.80
    assert scores["polnear.source_overlap_recall"] >= 0.755
    assert scores["polnear.content_overlap_precision"] >= 0.87
    assert scores["polnear.content_overlap_recall"] >= 0.755
