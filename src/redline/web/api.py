"""The JSON API behind every page; FastAPI documents it at /api/openapi.json."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from redline.records import SearchQuery
from redline.store import Store, browse, verdict_pages
from redline.web import schemas, views
from redline.web.offload import in_thread

router = APIRouter(prefix="/api", tags=["api"])

AS_OF_HELP = ("YYYY-MM-DD (the end of that day, UTC) or an ISO 8601 time; "
              "leave out for the latest verdict")
HISTORY_OFFSET_HELP = (f"history entries skipped, newest first: the history and look-backs "
                       f"list {verdict_pages.HISTORY_PAGE} entries from there")
_ERRORS: dict[int | str, dict[str, str]] = {
    404: {"description": "No record with that id"},
    422: {"description": "A parameter is malformed; the message says which and what is valid"}}


async def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def _search_parameter(item: dataclasses.Field[Any], hint: object) -> inspect.Parameter:
    """The query parameter of a field of ``records.SearchQuery``: a number as such, any
    other value as text, which ``search_query`` reads and checks (its message says what
    is valid)."""
    raw: object = int if hint is int else str | None if item.default is None else str
    bounds = {bound: item.metadata[bound] for bound in ("ge", "le") if bound in item.metadata}
    query = Query(description=item.metadata.get("help"), **bounds)
    return inspect.Parameter(item.name, inspect.Parameter.KEYWORD_ONLY, default=item.default,
                             annotation=Annotated[raw, query])


_SEARCH_HINTS = typing.get_type_hints(SearchQuery)


async def search_query(**given: object) -> SearchQuery:
    """The search filters of a request, one query parameter per field of
    ``records.SearchQuery``; blank fields mean "any"."""
    values: dict[str, object] = {}
    for item in dataclasses.fields(SearchQuery):
        value = given.get(item.name, item.default)
        if isinstance(value, str):
            value = value.strip() or None
        if date in typing.get_args(_SEARCH_HINTS[item.name]):
            value = views.parse_day(item.name, typing.cast(str | None, value))
        values[item.name] = item.default if value is None else value
    query = SearchQuery(**values)  # type: ignore[arg-type]
    browse.check_search(query)
    return query


search_query.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [_search_parameter(item, _SEARCH_HINTS[item.name])
     for item in dataclasses.fields(SearchQuery)], return_annotation=SearchQuery)


SearchDep = Annotated[SearchQuery, Depends(search_query)]


@router.get("/lines", response_model=list[schemas.LineSummary],
            summary="Every red line with its latest verdict")
async def api_lines(store: StoreDep) -> list[schemas.LineSummary]:
    return await in_thread(views.overview, store)


@router.get("/lines/{line_id}", response_model=schemas.LineDetail, responses=_ERRORS,
            summary="A red line with its verdict as of a time")
async def api_line(store: StoreDep, line_id: str,
             as_of: Annotated[str | None, Query(description=AS_OF_HELP)] = None,
             history_offset: Annotated[int, Query(ge=0, description=HISTORY_OFFSET_HELP)] = 0,
             ) -> schemas.LineDetail:
    return await in_thread(views.line_detail, store, line_id, views.parse_as_of(as_of),
                           history_offset)


@router.get("/lines/{line_id}/history", response_model=list[schemas.HistoryEntry],
            responses=_ERRORS, summary="Stored verdicts of a red line, oldest first")
async def api_history(store: StoreDep, line_id: str) -> list[schemas.HistoryEntry]:
    return await in_thread(views.line_history, store, line_id)


@router.get("/articles/{article_id}", response_model=schemas.Article, responses=_ERRORS,
            summary="An article's clean text with its events and quotes")
async def api_article(store: StoreDep, article_id: str) -> schemas.Article:
    return await in_thread(views.article, store, article_id)


@router.get("/search", response_model=schemas.SearchResult, responses=_ERRORS,
            summary="Events and quotes by actor, type, factuality label, dates and text")
async def api_search(store: StoreDep, query: SearchDep) -> schemas.SearchResult:
    return await in_thread(views.search, store, query)
