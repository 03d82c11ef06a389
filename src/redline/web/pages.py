"""The HTML pages: each renders the object its /api twin returns."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from redline.records import SearchQuery
from redline.store import Store, browse, verdict_pages
from redline.web import chart, highlight, schemas, views
from redline.web.api import AS_OF_HELP, HISTORY_OFFSET_HELP, SearchDep, StoreDep
from redline.web.offload import in_thread

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _render(request: Request, template: str, context: dict[str, Any]) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, template, context)
    return response


@router.get("/")
async def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return await in_thread(_overview_page, request, store)


def _overview_page(request: Request, store: Store) -> HTMLResponse:
    return _render(request, "overview.html", {"cards": views.overview(store)})


@router.get("/lines/{line_id}")
async def line_page(request: Request, store: StoreDep, line_id: str,
                    as_of: Annotated[str | None, Query(description=AS_OF_HELP)] = None,
                    history_offset: Annotated[int, Query(ge=0,
                                                         description=HISTORY_OFFSET_HELP)] = 0,
                    ) -> HTMLResponse:
    return await in_thread(_line_page, request, store, line_id, as_of, history_offset)


def _line_page(request: Request, store: Store, line_id: str, as_of: str | None,
               history_offset: int) -> HTMLResponse:
    moment = views.parse_as_of(as_of)
    detail = views.line_detail(store, line_id, moment, history_offset)
    context = {"detail": detail, "line": detail.line, "verdict": detail.verdict,
               "as_of_value": moment.date().isoformat() if moment else "",
               "chart": chart.timeline(detail.verdict, moment),
               "history_pages": _history_links(request, history_offset, detail)}
    # htmx asks for the body only when the as-of date changes; a plain GET gets the page.
    partial = request.headers.get("HX-Request") == "true" and \
        request.headers.get("HX-Target") == "line-body"
    return _render(request, "_line_body.html" if partial else "line.html", context)


@router.get("/articles/{article_id}")
async def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    return await in_thread(_article_page, request, store, article_id)


def _article_page(request: Request, store: Store, article_id: str) -> HTMLResponse:
    article = views.article(store, article_id)
    segments = highlight.segments(article.text, article.events, article.quotes)
    return _render(request, "article.html", {"article": article, "segments": segments})


@router.get("/search")
async def search_page(request: Request, store: StoreDep, query: SearchDep) -> HTMLResponse:
    return await in_thread(_search_page, request, store, query)


def _search_page(request: Request, store: Store, query: SearchQuery) -> HTMLResponse:
    result = views.search_rows(store, query)
    return _render(request, "search.html", {
        "result": result, "form": search_form(query, browse.search_choices(store)),
        "query": query, "pages": _page_links(request, query, result),
        "count_max": browse.SEARCH_COUNT_MAX})


#: What the search form offers for a filter (a key of ``browse.search_choices``), and the
#: filters typed freely with those values as suggestions rather than chosen from a list.
FORM_CHOICES = {"actor": "actors", "event_type": "event_types", "label": "labels"}
FORM_TYPED = frozenset({"actor"})


@dataclass(frozen=True)
class FormField:
    """One filter of the search form: ``widget`` is text, search, date or select."""

    name: str
    label: str
    widget: str
    value: str
    hint: str = ""
    options: tuple[str, ...] = ()
    any: bool = True  # a select offers "any"


def search_form(query: SearchQuery, choices: dict[str, list[str]]) -> list[FormField]:
    """The search form: one field per filter of ``records.SearchQuery`` (the paging
    numbers are the page links'), labelled from labels.yaml."""
    words, hints = views.labels()["search_form"], views.labels()["search_hints"]
    types = typing.get_type_hints(type(query))
    form: list[FormField] = []
    for item in dataclasses.fields(query):
        hint, value = types[item.name], getattr(query, item.name)
        if hint is int:
            continue
        label = words.get(item.name, item.name.replace("_", " ").capitalize())
        shown = FormField(item.name, label, "text", "" if value is None else str(value),
                          hints.get(item.name, ""))
        if date in typing.get_args(hint):
            shown = dataclasses.replace(shown, widget="date")
        elif typing.get_origin(hint) is Literal:  # one of the words it allows
            shown = dataclasses.replace(shown, widget="select", any=False,
                                        options=typing.get_args(hint))
        elif item.name in FORM_CHOICES:
            offered = tuple(choices.get(FORM_CHOICES[item.name], ()))
            shown = dataclasses.replace(shown, options=offered,
                                        widget="text" if item.name in FORM_TYPED else "select")
        elif item.name == "text":
            shown = dataclasses.replace(shown, widget="search")
        form.append(shown)
    return form


def _page_links(request: Request, query: SearchQuery,
                result: browse.SearchResults) -> dict[str, str | None]:
    """Links to the previous and next page of the same search, where there is one."""
    def at(offset: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "offset"}
        return "/search?" + urlencode({**params, "offset": offset})

    more = result.events_truncated or result.quotes_truncated
    return {"previous": at(max(0, query.offset - query.limit)) if query.offset else None,
            "next": at(query.offset + query.limit) if more else None}


def _history_links(request: Request, offset: int, detail: schemas.LineDetail
                   ) -> dict[str, str | None]:
    """Links to the newer and older page of a line's verdict history, where there is one."""
    size = verdict_pages.HISTORY_PAGE

    def at(start: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "history_offset"}
        return f"{request.url.path}?" + urlencode({**params, "history_offset": start})

    full = max(len(detail.history), len(detail.look_backs)) >= size
    return {"newer": at(max(0, offset - size)) if offset else None,
            "older": at(offset + size) if full else None}


EXAMPLES = {"line_id": "rok-lethal-aid", "article_id": "the 12-character id or all 64",
            "as_of": "2024-10-20"}


@router.get("/api")
@router.get("/api/docs")
async def api_page(request: Request) -> HTMLResponse:
    """Interactive docs of the JSON API, built from its OpenAPI schema, served locally."""
    return await in_thread(_api_page, request)


def _api_page(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    routes = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            params = [{"name": p["name"], "where": p.get("in", "query"),
                       "required": bool(p.get("required")),
                       "description": p.get("description") or "",
                       "example": EXAMPLES.get(p["name"], "")}
                      for p in op.get("parameters") or []]
            routes.append({"id": op.get("operationId") or path, "method": method.upper(),
                           "path": path, "summary": op.get("summary") or "",
                           "params": params})
    return _render(request, "api.html", {"routes": routes})
