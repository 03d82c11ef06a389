"""Articles are stored once: same normalised text or same canonical URL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from redline.errors import NotFoundError
from redline.ingest import SourceMeta, article_from_text
from redline.ingest.identity import article_id, canonical_url, normalised_text
from redline.records import Article
from redline.store import Store
from redline.store.articles import count_articles, get_article, list_articles, save_article

TEXT = ("The two officials committed to continuing close cooperation in support of Ukraine "
        "and the Ukrainian people.")
OTHER = ("The three national security advisors reaffirmed their commitment to address common "
         "regional and global challenges.")


def article(text: str = TEXT, **meta: object) -> Article:
    return article_from_text(text, SourceMeta(**meta), source="test")  # type: ignore[arg-type]


def test_id_is_sha256_of_normalised_text() -> None:
    import hashlib

    assert article_id(TEXT) == hashlib.sha256(normalised_text(TEXT).encode()).hexdigest()
    assert len(article_id(TEXT)) == 64


@pytest.mark.parametrize("first, second, same", [
    ("Seoul said it would “respond”.", 'Seoul said it would "respond".', True),
    ("Seoul  said\n\nit would respond.", "Seoul said it would respond.", True),
    ("SEOUL said it would respond.", "Seoul said it would respond.", True),
    ("Seoul said it would respond.", "Seoul said it would not respond.", False),
])
def test_normalised_text_identity(first: str, second: str, same: bool) -> None:
    assert (article_id(first) == article_id(second)) is same


@pytest.mark.parametrize("url, expected", [
    ("https://Example.org/a/b?utm_source=rss&id=3#comments", "https://example.org/a/b?id=3"),
    ("https://example.org:443/a", "https://example.org/a"),
    ("http://example.org/a?fbclid=xyz", "http://example.org/a"),
])
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url, source="t") == expected


def test_same_text_twice_is_unchanged(store: Store) -> None:
    first = save_article(store, article())
    second = save_article(store, article(TEXT.replace(" ", "  ")))
    assert (first.status, second.status) == ("new", "unchanged")
    assert second.article_id == first.article_id
    assert count_articles(store) == 1


def test_same_text_with_new_metadata_is_changed_and_filled_in(store: Store) -> None:
    save_article(store, article())
    published = datetime(2024, 10, 20, tzinfo=UTC)
    again = save_article(store, article(published=published, outlet="Example"))
    assert again.status == "changed"
    stored = get_article(store, again.article_id).article
    assert stored.published == published and stored.outlet == "Example"
    # Less metadata later does not erase what is known.
    assert save_article(store, article()).status == "unchanged"
    assert get_article(store, again.article_id).article.outlet == "Example"


def test_same_url_with_new_text_replaces_the_old_version(store: Store) -> None:
    first = save_article(store, article(url="https://example.org/story?utm_source=a"))
    second = save_article(store, article(OTHER, url="https://example.org/story#top"))
    assert second.status == "changed" and second.replaced == first.article_id
    assert count_articles(store) == 1
    assert get_article(store, second.article_id).article.text == OTHER
    with pytest.raises(NotFoundError):
        get_article(store, first.article_id)


def test_prefix_lookup(store: Store) -> None:
    saved = save_article(store, article())
    assert get_article(store, saved.article_id[:6]).article.id == saved.article_id
    with pytest.raises(NotFoundError, match="not an article id"):
        get_article(store, "xyz!")
    with pytest.raises(NotFoundError, match="no article"):
        get_article(store, "f" * 64 if not saved.article_id.startswith("f") else "0" * 64)


def test_ambiguous_prefix_is_refused(store: Store) -> None:
    ids = [save_article(store, article(f"{TEXT} Number {n}.")).article_id for n in range(40)]
    first_chars = [i[0] for i in ids]
    shared = next(c for c in first_chars if first_chars.count(c) > 1)
    with pytest.raises(NotFoundError, match="matches several articles"):
        get_article(store, shared)


def test_list_filters(store: Store) -> None:
    save_article(store, article(outlet="The Korea Times", published=datetime(2024, 10, 20,
                                                                            tzinfo=UTC)))
    save_article(store, article(OTHER, outlet="White House",
                                published=datetime(2024, 6, 20, tzinfo=UTC)))
    save_article(store, replace(article("A third text with 100% certainty_here."),
                                published=None))
    assert [a.article.outlet for a in list_articles(store)] == [
        "The Korea Times", "White House", None]
    assert len(list_articles(store, search="UKRAINIAN people")) == 1
    assert len(list_articles(store, search="100%")) == 1
    assert len(list_articles(store, search="%")) == 1
    assert [a.article.outlet for a in list_articles(store, outlet="korea")] == ["The Korea Times"]
    since = datetime(2024, 10, 1, tzinfo=UTC)
    assert [a.article.outlet for a in list_articles(store, since=since)] == ["The Korea Times"]
    assert len(list_articles(store, limit=1)) == 1
