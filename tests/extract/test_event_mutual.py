"""Acts several parties do with one another (event_parties.yaml): "India and Pakistan
agreed to a cease-fire" is India agreeing with Pakistan, so the first party is the actor
and the others its recipients, where nothing else names whom the act is done to; so are
the parties of "between" where no doer is named. Other acts of coordinated doers keep one
actor per party. The PLOVER dev gold marks such parties "SRC/TAR"; its scorer counts them
in either role.

The sentences are invented for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import redline
from redline.eval import plover
from redline.extract.event_parties import load_mutual


def _sides(text: str) -> set[tuple[str | None, str | None]]:
    """(actor state, recipient state) of the main event's records."""
    events = redline.analyze(text, published="2025-06-01").events
    if not events:
        return set()
    main = events[0]
    return {((e.actor or "").split("-")[0] or None, (e.recipient or "").split("-")[0] or None)
            for e in events if e.trigger == main.trigger and e.event == main.event}


@pytest.mark.parametrize("text, expected", [
    # a reciprocal verb
    ("Chile and Peru agreed to end the dispute over fishing rights.", {("CHL", "PER")}),
    ("Kenya and Uganda signed a treaty on the shared border.", {("KEN", "UGA")}),
    ("Bolivian and Paraguayan ministers met in Asuncion on Friday.", {("BOL", "PRY")}),
    # a reciprocal noun carried or reached, or an act made joint
    ("Norway and Sweden failed to reach an agreement on fishing quotas.", {("NOR", "SWE")}),
    ("Ghana and Togo held joint naval exercises last week.", {("GHA", "TGO")}),
    # three parties: the first with each of the others
    ("Chile, Peru and Bolivia signed a trade pact.", {("CHL", "PER"), ("CHL", "BOL")}),
    # nothing to split: one party, or a recipient named by the act itself
    ("Chile agreed to end the dispute.", {("CHL", None)}),
    ("Chile and Peru agreed to impose sanctions on Bolivia.", {("CHL", "BOL"), ("PER", "BOL")}),
    # an act that is not done with one another keeps every doer an actor
    ("Chilean and Peruvian officials condemned the attack.", {("CHL", None), ("PER", None)}),
    ("Chile and Peru sent troops to the border.", {("CHL", None), ("PER", None)}),
    # no event, no party
    ("The weather in Chile and Peru was mild.", set()),
])
def test_parties_of_an_act_done_together(text: str, expected: set[tuple[str, str]]) -> None:
    assert _sides(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb that does the act its object names: the object makes it done together
    ("Chile and Peru will attend the talks in Lima.", {("CHL", "PER")}),
    ("Chile and Peru concluded a treaty on the shared border.", {("CHL", "PER")}),
    ("Chile and Peru agreed on a ceasefire accord.", {("CHL", "PER")}),
    # a verb that judges an act done together (judging_verbs): one actor per party
    ("Chile and Peru welcomed the deal.", {("CHL", None), ("PER", None)}),
    ("Chilean and Peruvian officials praised the talks.", {("CHL", None), ("PER", None)}),
    ("Chile and Peru rejected the treaty.", {("CHL", None), ("PER", None)}),
    ("Chile and Peru condemned the joint exercises.", {("CHL", None), ("PER", None)}),
])
def test_a_judged_act_done_together_is_not_done_together(
        text: str, expected: set[tuple[str, str]]) -> None:
    assert _sides(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Cooperation between Chile and Peru deepened last year.", {("CHL", "PER")}),
    # a named doer keeps the "between" parties as recipients
    ("Brazil mediated talks between Chile and Peru.", {("BRA", "CHL"), ("BRA", "PER")}),
    # a third party's act between two parties, its doer unnamed: no doer made up
    ("Its emir launched a mediation effort between Chile and Peru.",
     {(None, "CHL"), (None, "PER")}),
])
def test_parties_of_between(text: str, expected: set[tuple[str, str]]) -> None:
    assert _sides(text) == expected


def test_the_reciprocal_words_are_data() -> None:
    words = load_mutual()
    assert "agree" in words.words and "joint" in words.modifiers
    assert "condemn" not in words.words
    assert "welcome" in words.judging and "agree" not in words.judging


def _score(tmp_path: Path, record: dict[str, object]) -> float:
    folder = tmp_path / "data" / "plover"
    folder.mkdir(parents=True)
    (folder / "gsr-dev.jsonl").write_text(json.dumps(record))
    return plover.score(tmp_path)["plover.heldout.actor_f1"]


def test_the_dev_scorer_counts_a_mutual_party_in_either_role(tmp_path: Path) -> None:
    record = {"event": "AGREE", "text": "Chile and Peru agreed to end the dispute over "
              "fishing rights.", "source": [{"code": "CHL"}, {"code": "PER"}],
              "textInfo": {"markup": "(SRC/TAR: Chile) and (SRC/TAR: Peru) (EVT: agreed)"}}
    assert _score(tmp_path, record) == 1.0


def test_the_dev_scorer_keeps_the_roles_of_unmarked_sources(tmp_path: Path) -> None:
    record = {"event": "AGREE", "text": "Chile and Peru agreed to end the dispute over "
              "fishing rights.", "source": [{"code": "CHL"}, {"code": "PER"}],
              "textInfo": {"markup": "(SRC: Chile) and (SRC: Peru) (EVT: agreed)"}}
    assert _score(tmp_path, record) == pytest.approx(0.5)
