"""The store's queries on SQLite; test_store_postgres runs the same checks on PostgreSQL."""

from __future__ import annotations

from redline.store import Store
from tests.store.store_cases import (
    check_codes_match_as_assessment_does,
    check_place_and_assertion_round_trip,
    check_quote_needles_are_literal,
    check_search_orders_by_utc_day,
    check_search_pages_with_counts,
    schema_drift,
)


def test_models_match_the_migrations(store: Store) -> None:
    assert schema_drift(store) == []


def test_codes_match_as_assessment_does(store: Store) -> None:
    check_codes_match_as_assessment_does(store)


def test_quote_needles_are_literal(store: Store) -> None:
    check_quote_needles_are_literal(store)


def test_search_orders_by_utc_day(store: Store) -> None:
    check_search_orders_by_utc_day(store)


def test_place_and_assertion_round_trip(store: Store) -> None:
    check_place_and_assertion_round_trip(store)


def test_search_pages_with_counts(store: Store) -> None:
    check_search_pages_with_counts(store)
