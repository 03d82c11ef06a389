"""YAML amplification: red-line files and sidecars whose aliases expand past the caps are
refused with one line, before anything is built from them; sidecars have a size cap."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from redline.cli import app
from redline.errors import InputError
from redline.pipeline import ingest
from redline.settings import Settings
from redline.store import Store
from redline.store.articles import count_articles
from redline.yaml_limits import MAX_NODES, expanded_size, safe_load


def _bomb(levels: int = 9, width: int = 9, key: str = "outlet") -> str:
    text = "l0: &l0 [" + ", ".join(['"lol lol lol lol"'] * width) + "]\n"
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * width)
        text += f"l{level}: &l{level} [{refs}]\n"
    return text + f"{key}: *l{levels - 1}\n"


@pytest.mark.parametrize("text, nodes", [
    ("a: 1", 3),
    ("a: &x [1, 2]\nb: *x", 9),  # the aliased list counted where it is used, twice
    ("- one\n- two", 3),
])
def test_expanded_size_counts_aliases_where_used(text: str, nodes: int) -> None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert root is not None
    assert expanded_size(root)[0] == nodes


def test_a_billion_laughs_is_refused_before_it_is_built() -> None:
    with pytest.raises(InputError, match=f"the limit is {MAX_NODES:,} nodes"):
        safe_load(_bomb(), "bomb.yaml")


def test_a_self_referencing_alias_is_refused() -> None:
    with pytest.raises(InputError, match="expands to"):
        safe_load("a: &a [1, *a]", "loop.yaml")


def test_plain_yaml_with_few_aliases_still_loads() -> None:
    assert safe_load("base: &b {x: 1}\nthis: *b\nthat: *b", "ok.yaml") == {
        "base": {"x": 1}, "this": {"x": 1}, "that": {"x": 1}}


def test_a_red_line_file_that_expands_too_far_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(key="redlines"), encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{tmp_path / 'r.db'}", "lines", "add",
                                      str(path)])
    assert result.exit_code == 1
    assert "expands to" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) <= 3  # one message, wrapped at most


def _article(tmp_path: Path, sidecar: str, suffix: str = ".meta.yaml") -> Path:
    (tmp_path / "story.txt").write_text("The envoys met in Geneva on Monday.\n",
                                        encoding="utf-8")
    (tmp_path / f"story{suffix}").write_text(sidecar, encoding="utf-8")
    return tmp_path / "story.txt"


def test_a_sidecar_that_expands_too_far_is_refused(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    path = _article(tmp_path, _bomb())
    [outcome] = ingest(store, [str(path)], settings=Settings(db=store.url), analyze=False)
    assert outcome.status == "failed" and "expands to" in (outcome.error or "")
    assert count_articles(store) == 0


@pytest.mark.parametrize("suffix", [".meta.yaml", ".meta.json"])
def test_a_sidecar_over_max_sidecar_bytes_is_refused(tmp_path: Path, suffix: str) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    body = '{"outlet": "' + "x" * 5000 + '"}'
    path = _article(tmp_path, body, suffix)
    settings = Settings(db=store.url, max_sidecar_bytes=1000)
    [outcome] = ingest(store, [str(path)], settings=settings, analyze=False)
    assert outcome.status == "failed"
    assert "over the limit of 1,000 (setting max_sidecar_bytes)" in (outcome.error or "")
    [fine] = ingest(store, [str(path)], settings=Settings(db=store.url), analyze=False)
    assert fine.status == "new"
