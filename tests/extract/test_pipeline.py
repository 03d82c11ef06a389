"""The reading layer as spaCy components over the base model of the nlp_model setting."""

from __future__ import annotations

import pytest

import redline
from redline.errors import ConfigError
from redline.extract import analyze_many
from redline.extract.components import PIPES
from redline.extract.nlp import load_nlp, load_pipeline


def test_pipeline_adds_the_components_to_the_base_model() -> None:
    nlp = load_pipeline()
    assert nlp.pipe_names[-len(PIPES):] == list(PIPES)
    assert list(PIPES) == ["redline_actors", "redline_times", "redline_factuality",
                           "redline_events", "redline_quotes"]
    assert not set(PIPES) & set(load_nlp().pipe_names)


@pytest.mark.parametrize("text, spans", [
    ("Seoul warned Pyongyang and Moscow.", [("Seoul", "KOR"), ("Pyongyang", "PRK"),
                                            ("Moscow", "RUS")]),
    ("The weather was mild.", []),
])
def test_actor_spans_carry_their_code(text: str, spans: list[tuple[str, str]]) -> None:
    doc = load_pipeline()(text)
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == spans
    assert all(s.label_ == "ACTOR" for s in doc.spans["actors"])


def test_results_are_doc_extensions() -> None:
    nlp = load_pipeline()
    doc = nlp("Japan imposed sanctions on Russia. \"We act now,\" the minister said.")
    assert [e.event for e in doc._.events] == ["SANCTION"]
    assert doc._.quotes and doc._.quotes[0].content.strip("\"") == "We act now,"
    trigger = doc[1]
    assert trigger.text == "imposed" and trigger._.factuality.label == "confirmed"


def test_component_config_names_its_data_files() -> None:
    nlp = load_pipeline()
    assert nlp.get_pipe_config("redline_events")["patterns_file"].endswith("event_verbs.yaml")
    assert nlp.get_pipe_config("redline_events")["model"].endswith("event_typing.npz")
    assert nlp.get_pipe_config("redline_actors")["actors_file"].endswith("actors.yaml")


def test_analyze_many_matches_analyze_one_by_one() -> None:
    items = [("Norway will lend Kenya two ferries.", "2024-05-02"),
             ("The weather was mild.", None),
             ("Chile expelled the Peruvian ambassador on Friday.", "2024-06-07")]
    batched = list(analyze_many(items, batch_size=2))
    single = [redline.analyze(text, published=published) for text, published in items]
    assert batched == single
    assert [len(a.events) for a in batched] == [2, 0, 1]


def test_unknown_base_model_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_NLP_MODEL", "xx_no_such_pipeline")
    with pytest.raises(ConfigError, match=r"nlp_model.*xx_no_such_pipeline"):
        load_nlp()
