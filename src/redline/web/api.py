"""The JSON API behind every page; FastAPI documents it at /api/openapi.json."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Depends, Query, Request

from redline.store import Store, browse, verdict_pages
from redline.web import schemas, views

router = APIRouter(prefix="/api", tags=["api"])

AS_OF_HELP = ("YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 time; "
              "leave out for the latest verdict")
HISTORY_OFFSET_HELP = (f"history entries skipped, newest first: the history and look-backs "
                       f"list {verdict_pages.HISTORY_PAGE} entries from there")
_ERRORS: dict[int | str, dict[str, str]] = {
    404: {"description": "No record with that id"},
    422: {"description": "A parameter is malformed; the message says which and what is valid"}}


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def search_query(
    text: Annotated[str | None, Query(description="words in the sentence or quote")] = None,
    actor: Annotated[str | None, Query(description="actor code (PRK) or name (North Korea); "
                                       "for quotes, the speaker")] = None,
    event_type: Annotated[str | None, Query(description="PLOVER event type, e.g. AID")] = None,
    label: Annotated[str | None, Query(description="factuality label, e.g. reported")] = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    kind: Annotated[str, Query(description="all, events or quotes")] = "all",
    limit: Annotated[int, Query(ge=1, le=browse.SEARCH_LIMIT_MAX,
                                description="results per page")] = 100,
    offset: Annotated[int, Query(ge=0, description="results skipped: the page starts "
                                 "after them (events and quotes alike)")] = 0,
) -> browse.SearchQuery:
    """The search filters of a request; blank fields mean "any"."""
    query = browse.SearchQuery(
        text=(text or "").strip() or None, actor=(actor or "").strip() or None,
        event_type=(event_type or "").strip() or None, label=(label or "").strip() or None,
        date_from=views.parse_day("date_from", date_from),
        date_to=views.parse_day("date_to", date_to), kind=cast(browse.SearchKind, kind),
        limit=limit, offset=offset)
    browse.check_search(query)
    return query


SearchDep = Annotated[browse.SearchQuery, Depends(search_query)]


@router.get("/lines", response_model=list[schemas.LineSummary],
            summary="Every red line with its latest verdict")
def api_lines(store: StoreDep) -> list[schemas.LineSummary]:
    return views.overview(store)


@router.get("/lines/{line_id}", response_model=schemas.LineDetail, responses=_ERRORS,
            summary="A red line with its verdict as of a time")
def api_line(store: StoreDep, line_id: str,
             as_of: Annotated[str | None, Query(description=AS_OF_HELP)] = None,
             history_offset: Annotated[int, Query(ge=0, description=HISTORY_OFFSET_HELP)] = 0,
             ) -> schemas.LineDetail:
    return views.line_detail(store, line_id, views.parse_as_of(as_of), history_offset)


@router.get("/lines/{line_id}/history", response_model=list[schemas.HistoryEntry],
            responses=_ERRORS, summary="Stored verdicts of a red line, oldest first")
def api_history(store: StoreDep, line_id: str) -> list[schemas.HistoryEntry]:
    return views.line_history(store, line_id)


@router.get("/articles/{article_id}", response_model=schemas.Article, responses=_ERRORS,
            summary="An article's clean text with its events and quotes")
def api_article(store: StoreDep, article_id: str) -> schemas.Article:
    return views.article(store, article_id)


@router.get("/search", response_model=schemas.SearchResult, responses=_ERRORS,
            summary="Events and quotes by actor, type, factuality label, dates and text")
def api_search(store: StoreDep, query: SearchDep) -> schemas.SearchResult:
    return views.search(store, query)
