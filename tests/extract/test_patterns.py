"""The event patterns' loader: condition words must be words, and YAML's bare on, off, yes
and no (read as true or false) are refused by name, in this file and in every data file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from tests.conftest import ROOT

from redline.errors import ValidationError
from redline.extract.patterns import PATTERNS_FILE, load_patterns

#: The plain scalars YAML 1.1 (PyYAML) reads as booleans besides true and false.
_YAML_BOOLEAN_WORDS = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
DATA_FILES = sorted((ROOT / "src" / "redline").rglob("*.yaml"))


@pytest.mark.parametrize(
    "reading, entry",
    [
        ("{particle: off, event: CONCEDE}", "verbs.call.particle"),
        ("{prep: [on, for], event: REQUEST}", "verbs.call.prep"),
        ("{object: [yes], event: AGREE}", "verbs.call.object"),
        ("{subject: [no], event: REJECT}", "verbs.call.subject"),
        ("{prep: [on], prep_object: [off], event: PROTEST}", "verbs.call.prep"),
        ("{object: [strike, 42], event: CONCEDE}", "verbs.call.object"),
        ('{transitive: "yes", event: RETREAT}', "verbs.call.transitive"),
        ("{complement: [guilty, no], event: ACCUSE}", "verbs.call.complement"),
    ],
)
def test_a_condition_word_that_is_not_text_is_refused_by_file_and_entry(
        tmp_path: Path, reading: str, entry: str) -> None:
    path = tmp_path / "event_verbs.yaml"
    path.write_text(f"verbs:\n  call: [{reading}]\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_patterns(path)
    message = str(caught.value)
    assert str(path) in message and entry in message
    assert "text" in message or "true or false" in message


def test_a_bare_boolean_word_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "event_verbs.yaml"
    path.write_text("verbs:\n  call: [{particle: off, event: CONCEDE}]\n", encoding="utf-8")
    with pytest.raises(ValidationError, match='quote it'):
        load_patterns(path)


@pytest.mark.parametrize(
    "text, entry",
    [
        ("reporting: [say, no]\n", "reporting"),
        ("intent:\n  modals: [will, yes]\n", "intent.modals"),
        ("contexts:\n  military: [troops, on]\n", "contexts.military"),
        ("verbs:\n  on: [{event: REQUEST}]\n", "verbs.True"),
    ],
)
def test_word_lists_and_lemmas_must_be_text(tmp_path: Path, text: str, entry: str) -> None:
    path = tmp_path / "event_verbs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_patterns(path)
    assert entry in str(caught.value)


def test_quoted_words_load_as_the_words(tmp_path: Path) -> None:
    path = tmp_path / "event_verbs.yaml"
    path.write_text('verbs:\n  call: [{particle: "off", event: CONCEDE}, '
                    '{prep: ["on", for], event: REQUEST}]\n', encoding="utf-8")
    off, on = load_patterns(path).verbs["call"]
    assert (off.particle, on.preps) == ("off", frozenset({"on", "for"}))


def test_the_packaged_call_readings_hold_their_words() -> None:
    readings = load_patterns(PATTERNS_FILE).verbs["call"]
    assert {r.particle for r in readings} == {"off", None}
    assert any("on" in r.preps for r in readings)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_data_file_holds_a_bare_on_off_yes_or_no(path: Path) -> None:
    """true and false are written as such; a bare on/off/yes/no is a word read as a
    boolean by mistake and must be quoted."""
    bare = [f"{path.name}:{token.start_mark.line + 1} {token.value}"
            for token in yaml.scan(path.read_text(encoding="utf-8"))
            if isinstance(token, yaml.ScalarToken) and token.plain
            and _YAML_BOOLEAN_WORDS.fullmatch(token.value)]
    assert not bare
