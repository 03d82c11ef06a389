"""Bad input: one clear line naming the input and the problem; the rest of a batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.ingest import ReadOptions, SourceMeta
from redline.pipeline import Outcome, ingest
from redline.settings import Settings
from redline.store import Store
from redline.store import articles as store_articles
from redline.store.articles import count_articles
from redline.store.models import ArticleRow

SENTENCE = ("The two officials committed to continuing close cooperation in support of Ukraine "
            "and the Ukrainian people.")


def run(store: Store, *targets: Path | str, max_bytes: int = 1_000_000,
        fmt: str = "auto", meta: SourceMeta | None = None) -> list[Outcome]:
    settings = Settings(db=store.url, analyze_on_ingest=False, max_bytes=max_bytes)
    options = ReadOptions(fmt=fmt, meta=meta or SourceMeta())
    return list(ingest(store, [str(t) for t in targets], settings=settings, options=options))


def only_failure(outcomes: list[Outcome]) -> str:
    [outcome] = outcomes
    assert outcome.status == "failed" and outcome.error is not None
    assert "\n" not in outcome.error
    return outcome.error


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>&lol2;</title></channel></rss>
"""


@pytest.mark.parametrize("name, content, expected", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n \t\n", "file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    ("latin1.txt", "Café au lait in Seoul on Friday.".encode("latin-1"),
     "cannot decode as UTF-8: byte 0xe9 at offset 3"),
    ("broken.rss", b"<rss><channel><item><title>x</title></channel></rss>",
     "malformed feed: not well-formed XML"),
    ("notafeed.xml", b"<?xml version='1.0'?><catalog><book/></catalog>",
     "malformed feed: root element is <catalog>"),
    ("laughs.rss", BILLION_LAUGHS, "feed refused"),
    ("furniture.txt", b"Advertisement\n\nShare this article\n\nSign up for our newsletter\n",
     "no article text left after removing page furniture"),
    ("empty.html", b"<html><body><nav>Home</nav></body></html>",
     "no article text"),
])
def test_bad_file_is_named_with_its_problem(store: Store, tmp_path: Path, name: str,
                                            content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = only_failure(run(store, path))
    assert error.startswith(str(path))
    assert expected in error
    assert count_articles(store) == 0


def test_missing_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    assert only_failure(run(store, path)) == f"{path}: no such file or folder"


def test_file_over_the_size_limit_names_the_limit(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 3, encoding="utf-8")
    error = only_failure(run(store, path, max_bytes=100))
    assert "over the limit of 100 bytes" in error and "max_bytes" in error


def test_malformed_jsonl_lines_name_their_line_and_the_rest_goes_on(store: Store,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": SENTENCE, "url": "https://x.example.org/1"}),
        '{"text": "unterminated',
        json.dumps({"url": "https://x.example.org/3"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Another sentence of the record, long enough to be kept here.",
                    "published": "not a date"}),
        json.dumps({"text": "The allies met again on Friday to review their progress.",
                    "url": "https://x.example.org/6"}),
    ]), encoding="utf-8")
    outcomes = run(store, path)
    assert [o.status for o in outcomes] == ["new", "failed", "failed", "failed", "failed", "new"]
    errors = [o.error for o in outcomes if o.error]
    assert errors[0].startswith(f"{path} line 2: malformed JSON")
    assert errors[1] == f'{path} line 3: record has neither a "text" nor an "html" field with content'
    assert errors[2] == f"{path} line 4: expected a JSON object, found list"
    assert errors[3].startswith(f"{path} line 5: published 'not a date' is not a date")
    assert count_articles(store) == 2


def test_batch_goes_on_after_bad_files(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02" * 20)
    (tmp_path / "d-good.md").write_text("The allies met again on Friday to review progress.",
                                        encoding="utf-8")
    (tmp_path / "e-bad.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "e-bad.txt").write_text("A third sentence that is fine by itself, really.",
                                        encoding="utf-8")
    outcomes = run(store, tmp_path, tmp_path / "missing.txt")
    assert [o.status for o in outcomes] == ["new", "failed", "failed", "new", "failed", "failed"]
    assert "sidecar is not valid JSON" in (outcomes[4].error or "")
    assert (outcomes[4].error or "").startswith(str(tmp_path / "e-bad.meta.json"))
    assert count_articles(store) == 2


def test_feed_entry_without_content_fails_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Empty</title><link>https://f.example.org/1</link></item>
<item><title>Full</title><link>https://f.example.org/2</link>
<description>{SENTENCE}</description></item></channel></rss>""", encoding="utf-8")
    outcomes = run(store, path)
    assert [o.status for o in outcomes] == ["failed", "new"]
    assert outcomes[0].error == f"{path} entry 1: entry has no content or summary"


def test_url_flag_refused_for_a_batch(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    error = only_failure(run(store, tmp_path, meta=SourceMeta(url="https://x.example.org/")))
    assert "--url names one article" in error


def test_empty_folder(store: Store, tmp_path: Path) -> None:
    assert "folder holds no text, HTML, feed or JSONL files" in only_failure(run(store, tmp_path))


def test_failed_write_leaves_no_partial_rows(store: Store, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_row(article: object, now: object) -> ArticleRow:
        row = original(article, now)  # type: ignore[arg-type]
        row.text = None  # type: ignore[assignment]  # violates NOT NULL at commit
        return row

    original = store_articles._row
    monkeypatch.setattr(store_articles, "_row", broken_row)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    error = only_failure(run(store, tmp_path / "a.txt"))
    assert error.startswith(str(tmp_path / "a.txt")) and "failed" in error
    assert count_articles(store) == 0


def _fetcher(handler):  # type: ignore[no-untyped-def]
    import httpx
    from tests.public_dns import PUBLIC

    from redline.ingest.fetch import fetch

    settings = Settings(db="sqlite://", analyze_on_ingest=False, max_bytes=1000)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return settings, (lambda url: fetch(url, settings, client=client, guard=PUBLIC))


@pytest.mark.parametrize("status, headers, body, expected", [
    (404, {}, b"missing", "server answered HTTP 404"),
    (200, {"content-length": "5000"}, b"x" * 5000, "document is 5,000 bytes, over the limit "
                                                   "of 1,000 bytes"),
    (200, {}, b"x" * 5000, "over the limit of 1,000 bytes"),
])
def test_fetch_problems_are_named(store: Store, status: int, headers: dict[str, str],
                                  body: bytes, expected: str) -> None:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        if "content-length" in headers:
            return httpx.Response(status, headers=headers, content=body)
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    settings, fetcher = _fetcher(handler)
    url = "https://news.example.org/story"
    [outcome] = list(ingest(store, [url], settings=settings, fetcher=fetcher))
    assert outcome.status == "failed"
    assert (outcome.error or "").startswith(url + ": ")
    assert expected in (outcome.error or "")


def test_fetch_timeout_is_named(store: Store) -> None:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    settings, fetcher = _fetcher(handler)
    [outcome] = list(ingest(store, ["https://slow.example.org/"], settings=settings,
                            fetcher=fetcher))
    assert "no answer within 30 s" in (outcome.error or "")
