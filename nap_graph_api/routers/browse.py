"""``/browse``: the lists of organisations, outcomes, activities and countries, with counts
(a page for browsers, JSON for machines)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.browse import COLUMNS, LISTS, browse, counts
from nap_graph.i18n import N_, current_language
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["browse"])
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
    graphs = view.default_graphs()
    found = await run_in_threadpool(
        lambda: view.cached("browse-counts", lambda: counts(view, graphs=graphs))
    )
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
                    "example": [
                        {
                            "iri": "https://w3id.org/nap-graph/id/organisation/jenv",
                            "label": "Ministry of Justice and Security",
                            "kind": "https://w3id.org/nap-graph/id/organisation-kind/government-body",
                            "kind_label": "Government body",
                            "activities": 0,
                            "records": 1,
                        }
                    ]
                },
                "text/html": {},
            },
        }
    },
)
async def browse_list(name: str, request: Request, view: ViewDep) -> Response:
    if name not in LISTS:
        raise ApiError(404, "Not found", f"no list {name!r}; lists: {', '.join(LISTS)}")
    as_json = wants_json(request, "a list")
    lang = current_language()
    graphs = view.default_graphs()
    items = await run_in_threadpool(lambda: browse(view, name, graphs=graphs, lang=lang))
    if as_json:
        return JSONResponse([i.as_dict() for i in items])
    return templates.TemplateResponse(
        request,
        "browse_list.html",
        {
            "name": name,
            "title": TITLES[name],
            "items": items,
            "columns": COLUMNS[name],
            "headings": HEADINGS,
        },
    )
