"""Full-text search on real SQLite (FTS5) and a real PostgreSQL server (tsvector): the
same sentences, the same queries, the same answers; malformed queries are named."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from redline.errors import InputError
from redline.records import Analysis, Event, Quote
from redline.store import Store, browse
from redline.store import lines as line_store
from redline.store.browse import SearchQuery, search
from redline.store.evidence import replace_analysis
from tests.store.store_cases import add_article, event_row

SENTENCES = [
    "North Korea shipped ten thousand soldiers to Russia.",
    "Russia may send missile technology to North Korea.",
    "The troops were not deployed, officials denied.",
    "Drones struck the port of Odesa overnight.",
    "Sanctions on Iran were extended for a year.",
    "Talks will resume in Geneva next week.",
]
ACTORS = [("PRK", "North Korea"), ("RUS", "the Russian Federation"), ("UKR", None),
          (None, "unidentified drones"), ("USA", "Washington"), ("PRK-GOV", "Kim Jong-un")]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def full_store(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The sentences above in a store of each kind, shared by the module's tests: a test
    that writes more removes what it wrote."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path_factory.mktemp('fts') / 'fts.db'}")
    else:
        store = Store(request.getfixturevalue("pg_url"))
    add_article(store, "fts", datetime(2024, 10, 20, tzinfo=UTC))
    line_store.bulk_insert(store, "events", [
        event_row("fts", sentence=sentence, actor=code, actor_text=name,
                  date_start=date(2024, 10, 1 + n))
        for n, (sentence, (code, name)) in enumerate(zip(SENTENCES, ACTORS, strict=True))])
    yield store
    with store.engine.begin() as connection:
        for table in ("quotes", "events", "sentences", "articles"):
            connection.execute(sa.text(f"DELETE FROM {table}"))
    store.close()


def found(store: Store, **filters: object) -> set[int]:
    results = search(store, SearchQuery(kind="events", **filters))  # type: ignore[arg-type]
    return {SENTENCES.index(e.record.sentence) for e in results.events}


@pytest.mark.parametrize("text, expected", [
    ("soldiers", {0}),
    ("SOLDIERS", {0}),                      # case does not matter
    ("soldier", {0}),                       # nor the word's ending
    ("deploy", {2}),
    ('"ten thousand soldiers"', {0}),       # a phrase: the words in that order
    ('"soldiers thousand ten"', set()),
    ('"port of Odesa"', {3}),               # a phrase with a short word in it
    ("russia korea", {0, 1}),               # every word, in any order
    ("North-Korea", {0, 1}),                # punctuation between words does not matter
    ("missile OR drones", {1, 3}),
    ("missile OR drones russia", {1}),
    ("russia -missile", {0}),               # a word left out
    ('korea -"missile technology"', {0}),
    ("sanction*", {4}),                     # words that start so
    ("sanc*", {4}),
    ('"north kor"*', {0, 1}),
    ("geneva", {5}),
    ("tanks", set()),                       # nothing of the kind
    ("nothing like this", set()),
    ("soldiers -soldiers", set()),
    ("korea", {0, 1}),                      # the sentence only, not the actor's name
])
def test_full_text_finds_words_and_phrases(full_store: Store, text: str,
                                           expected: set[int]) -> None:
    assert found(full_store, text=text) == expected


@pytest.mark.parametrize("text", ["russia", "korea OR drones", "nort*"])
def test_a_common_text_pages_alike(full_store: Store, text: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A text matching more rows than a count is kept for (SQLite looks each row of the
    page up in the index instead of listing the matches) gives the same page and count."""
    rare = search(full_store, SearchQuery(kind="events", text=text, limit=1))
    monkeypatch.setattr(browse, "SEARCH_COUNT_MAX", 1)
    common = search(full_store, SearchQuery(kind="events", text=text, limit=1))
    assert [e.id for e in common.events] == [e.id for e in rare.events]
    assert rare.events_total >= 2 and common.events_total == 2  # counted up to max + 1
    assert common.events_truncated and rare.events_truncated


@pytest.mark.parametrize("actor, expected", [
    ("PRK", {0}),                          # a code: that code only, not its sectors
    ("prk-gov", {5}),
    ("north korea", {0}),                  # a name: the actor's name, as a phrase
    ("North Kor", {0}),                    # whose last word may be cut short
    ("russian", {1}),
    ("jong-un", {5}),
    ("washington", {4}),
    ("korea north", set()),
    ("CHN", set()),
    ("soldiers", set()),                   # a word of the sentence is not a name
])
def test_actor_by_code_or_name(full_store: Store, actor: str, expected: set[int]) -> None:
    assert found(full_store, actor=actor) == expected


def test_text_and_other_filters_combine(full_store: Store) -> None:
    assert found(full_store, text="korea", actor="RUS") == {1}
    assert found(full_store, text="korea", date_from=date(2024, 10, 2)) == {1}
    assert found(full_store, text="korea OR sanctions", date_to=date(2024, 10, 4)) == {0, 1}


@pytest.mark.parametrize("text, words", [
    ('"ten thousand', "quotation mark that is never closed"),
    ("OR soldiers", "OR with nothing before it"),
    ("soldiers OR", "ends with OR"),
    ("soldiers OR -troops", "OR before a left-out word"),
    ("-soldiers", "leaves words out but names none"),
    ("sold*ers", "a * that does not end a word"),
    ("*", "a * that does not end a word"),
    ("%%% ...", "has no word to look for"),
    ("x" * 501, "at most 500"),
])
def test_malformed_queries_are_named(full_store: Store, text: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        search(full_store, SearchQuery(text=text))
    message = str(caught.value)
    assert message.startswith("text: ") and words in message and "\n" not in message
    if "at most" not in message:
        assert '"a phrase", OR between alternatives, -word' in message


def test_quotes_by_words_and_speaker(full_store: Store) -> None:
    words = "There is no proof of any handover so far."
    add_article(full_store, "said", datetime(2024, 10, 21, tzinfo=UTC))
    replace_analysis(full_store, "said", Analysis(text=words, quotes=[
        Quote(speaker="Park Won-gon", speaker_span=None, role="professor", cue_span=None,
              content_span=(0, len(words)), kind="direct", content=words),
        Quote(speaker="A spokesman", speaker_span=None, role=None, cue_span=None,
              content_span=(0, 5), kind="indirect", content="There")]))

    def speakers(**filters: object) -> list[str | None]:
        results = search(full_store, SearchQuery(kind="quotes", **filters))  # type: ignore[arg-type]
        return sorted(q.record.speaker or "" for q in results.quotes)

    assert speakers(text="handover") == ["Park Won-gon"]
    assert speakers(text='"no proof"') == ["Park Won-gon"]
    assert speakers(text="park proof") == ["Park Won-gon"]   # speaker and words together
    assert speakers(text="spokesman") == ["A spokesman"]
    assert speakers(actor="won-gon") == ["Park Won-gon"]
    assert speakers(actor="proof") == []                      # words are not a name
    assert speakers(text="soldiers") == []
    _remove(full_store, "said")


def _remove(store: Store, article_id: str) -> None:
    with store.engine.begin() as connection:
        for table in ("quotes", "events", "articles"):
            column = "id" if table == "articles" else "article_id"
            connection.execute(sa.text(f"DELETE FROM {table} WHERE {column} = :a"),
                               {"a": article_id})


def test_the_index_follows_every_write(full_store: Store) -> None:
    """Re-analysis replaces an article's events, an edit re-reads the sentence, and a
    deleted article takes its events out of the index."""
    add_article(full_store, "again", datetime(2024, 10, 22, tzinfo=UTC))
    first = Event(event="ASSAULT", span=(0, 10), factuality=3.0, factuality_label="confirmed",
                  sentence="Artillery hit Kherson.", actor_text="Russian gunners")
    replace_analysis(full_store, "again", Analysis(text="", events=[first]))
    assert len(search(full_store, SearchQuery(kind="events", text="kherson")).events) == 1
    second = Event(event="ASSAULT", span=(0, 10), factuality=3.0, factuality_label="confirmed",
                   sentence="Rockets hit Zaporizhzhia.")
    replace_analysis(full_store, "again", Analysis(text="", events=[second, second]))
    assert search(full_store, SearchQuery(kind="events", text="kherson")).events == []
    assert search(full_store, SearchQuery(kind="events", actor="gunners")).events == []
    assert len(search(full_store, SearchQuery(kind="events", text="rockets")).events) == 2
    with full_store.engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET sentence = 'Shells hit Sumy.' "
                                   "WHERE article_id = 'again'"))
    assert search(full_store, SearchQuery(kind="events", text="rockets")).events == []
    assert len(search(full_store, SearchQuery(kind="events", text="sumy")).events) == 2
    with full_store.engine.begin() as connection:  # the events go with their article
        connection.execute(sa.text("DELETE FROM articles WHERE id = 'again'"))
    assert search(full_store, SearchQuery(kind="events", text="sumy")).events == []
    assert found(full_store, text="soldiers") == {0}
