"""Every editable data file reads through one loader that names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from tests.conftest import ROOT

DATA_FILES = sorted((ROOT / "src" / "redline").rglob("*.yaml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_packaged_data_file_is_a_mapping(path: Path) -> None:
    assert load_yaml_mapping(path)


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
