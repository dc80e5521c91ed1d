"""``/browse``: the lists of organisations, outcomes, activities and countries, with counts
(a page for browsers, JSON for machines)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.browse import COLUMNS, LISTS, PER_PAGE, Page, arranged, labelled, page_of, rows
from nap_graph.i18n import N_, current_language
from nap_graph.store.query_path import QueryPath
from nap_graph_api.deps import ViewDep
from nap_graph_api.downloads import csv_download
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["browse"])


def _rows(view: QueryPath, name: str) -> list[dict[str, object]]:
    """The whole list, computed once per store generation (every write starts a new one)."""
    graphs = view.default_graphs()
    return view.cached(f"browse-{name}", lambda: rows(view, name, graphs=graphs))  # type: ignore[no-any-return]


TITLES = {
    "organisations": N_("Organisations"),
    "outcomes": N_("Outcomes"),
    "activities": N_("Activities"),
    "countries": N_("Countries"),
}
HEADINGS = {
    "kind": N_("kind"),
    "activities": N_("activities"),
    "records": N_("records"),
    "notation": N_("notation"),
    "plan": N_("plan"),
    "organisations": N_("organisations"),
    "organisation": N_("organisation"),
    "outcomes": N_("outcomes"),
    "plans": N_("plans"),
}


@router.get(
    "/browse",
    summary="What can be browsed, with counts",
    responses={
        200: {
            "description": "How many organisations, outcomes, activities and countries",
            "content": {
                "application/json": {
                    "example": {
                        "organisations": 15,
                        "outcomes": 57,
                        "activities": 14,
                        "countries": 9,
                    }
                },
                "text/html": {},
            },
        }
    },
)
async def browse_index(request: Request, view: ViewDep) -> Response:
    found = {name: len(await run_in_threadpool(_rows, view, name)) for name in LISTS}
    if wants_json(request, "the browse index"):
        return JSONResponse(found)
    return templates.TemplateResponse(
        request, "browse.html", {"counts": found, "titles": TITLES, "lists": LISTS}
    )


@router.get(
    "/browse/{name}",
    summary="One list: organisations, outcomes, activities or countries",
    responses={
        200: {
            "description": "The items, labelled in the request's language, with their counts",
            "content": {
                "application/json": {
                    "example": {
                        "list": "organisations",
                        "total": 15,
                        "page": 1,
                        "per_page": 100,
                        "items": [
                            {
                                "iri": "https://w3id.org/nap-graph/id/organisation/jenv",
                                "label": "Ministry of Justice and Security",
                                "kind": "https://w3id.org/nap-graph/id/organisation-kind/government-body",
                                "kind_label": "Government body",
                                "activities": 0,
                                "records": 1,
                            }
                        ],
                    }
                },
                "text/html": {},
            },
        }
    },
)
async def browse_list(
    name: str,
    request: Request,
    view: ViewDep,
    page: Annotated[int, Query(ge=1, le=100_000, description="Page of 100 items.")] = 1,
    sort: Annotated[str, Query(max_length=40, description="name or a column")] = "",
    order: Annotated[str, Query(pattern="^(asc|desc)$", description="asc or desc")] = "asc",
    q: Annotated[str, Query(max_length=200, description="Only items whose name holds this")] = "",
    format: Annotated[str | None, Query(description="json or csv")] = None,
) -> Response:
    if name not in LISTS:
        raise ApiError(404, "Not found", f"no list {name!r}; lists: {', '.join(LISTS)}")
    csv_wanted = format == "csv"
    as_json = not csv_wanted and wants_json(request, "a list")
    lang = current_language()
    graphs = view.default_graphs()
    found = await run_in_threadpool(_rows, view, name)
    if sort or q or csv_wanted:  # the whole list labelled, then sorted and filtered
        items = await run_in_threadpool(
            view.cached,
            f"browse-{name}-labelled-{lang}",
            lambda: labelled(view, name, found, graphs=graphs, lang=lang),
        )
        try:
            kept = arranged(items, sort=sort or "name", descending=order == "desc", contains=q)
        except ValueError as exc:
            raise ApiError(400, "Bad request", str(exc)) from exc
        if csv_wanted:
            table = [
                {"name": i.label, "iri": i.iri, **{c: cell.text for c, cell in i.cells.items()}}
                for i in kept
            ]
            return csv_download(request, ["name", "iri", *COLUMNS[name]], table, name)
        start = (page - 1) * PER_PAGE
        shown = Page(name, kept[start : start + PER_PAGE], len(kept), page, PER_PAGE)
    else:
        shown = await run_in_threadpool(
            lambda: page_of(
                view, name, found, page=page, per_page=PER_PAGE, graphs=graphs, lang=lang
            )
        )
    if as_json:
        return JSONResponse(shown.as_dict())
    return templates.TemplateResponse(
        request,
        "browse_list.html",
        {
            "name": name,
            "title": TITLES[name],
            "listing": shown,
            "columns": COLUMNS[name],
            "headings": HEADINGS,
            "sort": sort or "name",
            "order": order,
            "q": q,
        },
    )
