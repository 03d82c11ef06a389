"""Every editable data file reads through one loader that names the file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from redline.datafiles import PACKAGE, SCHEMA_FILE, load_yaml_mapping, merge, schemas
from redline.errors import ValidationError
from tests.conftest import ROOT

DATA_FILES = sorted(p for p in (ROOT / "src" / "redline").rglob("*.yaml") if p.name != SCHEMA_FILE.name)
SECTIONS = [(path, section) for path in DATA_FILES
            for section in schemas()[path.relative_to(PACKAGE).as_posix()].sections]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_packaged_data_file_has_a_schema_and_meets_it(path: Path) -> None:
    name = path.relative_to(PACKAGE).as_posix()
    assert name in schemas(), f"declare the sections of {name} in src/redline/datafiles.yaml"
    assert load_yaml_mapping(path)


def test_packaged_data_file_names_are_unique() -> None:
    """lexicon_dir overrides a packaged file by its name alone."""
    names = [p.name for p in DATA_FILES]
    assert len(names) == len(set(names))


def _rename_key(text: str, section: str, new: str) -> str:
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(f"{section}:"):
            lines[i] = new + line[len(section):]
            return "".join(lines)
    raise AssertionError(f"no top-level {section}: line")


@pytest.mark.parametrize("path, section", SECTIONS,
                         ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_misspelled_section_is_rejected_with_file_line_and_valid_names(
        path: Path, section: str) -> None:
    schema = schemas()[path.relative_to(PACKAGE).as_posix()]
    typo = section[:-1] if len(section) > 3 else section + "x"
    text = _rename_key(path.read_text(encoding="utf-8"), section, typo)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(f"{typo}:"))
    with pytest.raises(ValidationError) as caught:
        schema.check(yaml.safe_load(text), path, text, partial=False)
    message = str(caught.value)
    assert f"{path}:{line}" in message and typo in message and section in message


def test_a_missing_section_is_rejected() -> None:
    path = PACKAGE / "extract" / "event_verbs.yaml"
    data = load_yaml_mapping(path)
    del data["carriers"]
    with pytest.raises(ValidationError, match="carriers: missing section"):
        schemas()["extract/event_verbs.yaml"].check(data, path, "", partial=False)


def test_a_section_of_the_wrong_kind_is_rejected() -> None:
    path = PACKAGE / "extract" / "speech_cues.yaml"
    data = {**load_yaml_mapping(path), "speech_verbs": "say"}
    with pytest.raises(ValidationError, match="speech_verbs: must be a list, found a str"):
        schemas()["extract/speech_cues.yaml"].check(data, path, "", partial=False)


@pytest.mark.parametrize(
    "base, extra, merged",
    [
        ({"a": [1, 2]}, {"a": [2, 3]}, {"a": [1, 2, 3]}),
        ({"m": {"KOR": ["Seoul"]}}, {"m": {"KOR": ["ROK"], "XYZ": ["Xy"]}},
         {"m": {"KOR": ["Seoul", "ROK"], "XYZ": ["Xy"]}}),
        ({"n": 3, "k": [1]}, {"n": 5}, {"n": 5, "k": [1]}),
        ({"n": 3}, {"n": None}, {"n": 3}),
    ],
)
def test_an_overlay_extends_lists_and_mappings_and_overrides_the_rest(
        base: dict[str, object], extra: dict[str, object], merged: dict[str, object]) -> None:
    assert merge(base, extra) == merged


def _analyze(path: Path, lexicon: Path | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_LEXICON_DIR"}
    if lexicon is not None:
        env["REDLINE_LEXICON_DIR"] = str(lexicon)
    done = subprocess.run([sys.executable, "-c", "from redline.cli import main; main()",
                           "analyze", str(path), "--json"],
                          capture_output=True, text=True, env=env, timeout=300)
    return done.stdout + done.stderr


def test_lexicon_dir_adds_an_actor_alias_without_touching_the_package(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Pyongyangia sent troops to Russia.\n", encoding="utf-8")
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    assert '"actor": "PRK"' not in _analyze(article, None)
    (lexicon / "actors.yaml").write_text("states:\n  PRK: [Pyongyangia]\n", encoding="utf-8")
    assert '"actor": "PRK", "actor_text": "Pyongyangia"' in _analyze(article, lexicon)
    (lexicon / "actors.yaml").write_text("state:\n  PRK: [Pyongyangia]\n", encoding="utf-8")
    out = _analyze(article, lexicon)
    assert "actors.yaml:1: state: unknown section; valid sections:" in out and "states" in out


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("modals:\n  may: 1\n bad indent: [\n", ":3", "not valid YAML"),
        ("- just\n- a list\n", "(top level)", "found a list"),
    ],
)
def test_a_broken_file_is_named_with_its_line(tmp_path: Path, text: str, where: str,
                                              message: str) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=message) as caught:
        load_yaml_mapping(path)
    assert str(path) in str(caught.value) and where in str(caught.value)


def test_an_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    assert load_yaml_mapping(path) == {}


def test_undecodable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("aliases: [Zürich]".encode("latin-1"))
    with pytest.raises(ValidationError, match="UTF-8"):
        load_yaml_mapping(path)


KEYED_FILES = [path for path in DATA_FILES
               if schemas()[path.relative_to(PACKAGE).as_posix()].keys is not None]


@pytest.mark.parametrize("path", KEYED_FILES, ids=lambda p: p.name)
def test_a_misspelled_key_of_a_keyed_file_is_rejected(path: Path) -> None:
    """Files keyed by codes (CAMEO codes) check each key against their pattern."""
    schema = schemas()[path.relative_to(PACKAGE).as_posix()]
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line and line[0] not in "# ")
    key = first.split(":")[0].strip("'\"")
    typo = text.replace(first, first.replace(key, key + "o", 1), 1)
    with pytest.raises(ValidationError) as caught:
        schema.check(yaml.safe_load(typo), path, typo, partial=False)
    assert f"{key}o" in str(caught.value) and "must match" in str(caught.value)
    schema.check(yaml.safe_load(text), path, text, partial=False)  # the file as shipped


def test_keyed_files_are_checked() -> None:
    assert [p.name for p in KEYED_FILES] == ["cameo_plover.yaml"]


def test_jsonl_records_number_lines_and_name_what_is_wrong(tmp_path: Path) -> None:
    from redline.datafiles import jsonl_records
    from redline.errors import InputError

    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert list(jsonl_records(path, "gold file")) == [(1, {"text": "a"}), (3, {"text": "b"})]
    path.write_text('{"text": "a"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2.*not JSON"):
        list(jsonl_records(path, "gold file"))
    with pytest.raises(InputError, match="gold file not found"):
        list(jsonl_records(tmp_path / "missing.jsonl", "gold file"))


@pytest.mark.parametrize("entry", ["in", "in order to", "in  order", " in order", "in 0rder",
                                   3, None, ["in", "order"]])
def test_a_word_pair_that_is_not_two_words_is_rejected(tmp_path: Path, entry: object) -> None:
    """event_aims.yaml purpose_phrases are "preposition noun": an entry of another shape
    would never match, so it is an error naming the file, the entry and what is valid."""
    path = PACKAGE / "extract" / "event_aims.yaml"
    data = {**load_yaml_mapping(path), "purpose_phrases": ["so as", entry]}
    text = path.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1)
                if row.startswith("purpose_phrases:"))
    with pytest.raises(ValidationError) as caught:
        schemas()["extract/event_aims.yaml"].check(data, path, text, partial=False)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: purpose_phrases[1]: {entry!r} is not a word pair")
    assert 'two words with one space between them, such as "in order"' in message


@pytest.mark.parametrize("entry", ["in order", "so as", "with a-view", "o'er land"])
def test_word_pairs_of_two_words_are_valid(entry: str) -> None:
    path = PACKAGE / "extract" / "event_aims.yaml"
    data = {**load_yaml_mapping(path), "purpose_phrases": [entry]}
    schemas()["extract/event_aims.yaml"].check(data, path, "", partial=False)


def test_an_overlay_entry_of_the_wrong_shape_is_named_in_its_own_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from redline.extract.event_aims import AIMS_FILE, load_aims

    (tmp_path / "event_aims.yaml").write_text("purpose_phrases: [in order, so]\n",
                                              encoding="utf-8")
    monkeypatch.setenv("REDLINE_LEXICON_DIR", str(tmp_path))
    load_aims.cache_clear()
    try:
        with pytest.raises(ValidationError, match=r"event_aims.yaml:1: purpose_phrases\[1\]: "
                                                  r"'so' is not a word pair"):
            load_aims(AIMS_FILE)
    finally:
        load_aims.cache_clear()
