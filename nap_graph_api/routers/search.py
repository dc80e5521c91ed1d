"""``/search``: full-text search as a page (snippets, highlights, facets) and as JSON."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.i18n import current_language
from nap_graph.search.index import FACETS
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["search"])
PAGE_SIZE = 20
MAX_QUERY = 500
EXAMPLE = {
    "query": "gender training",
    "total": 9,
    "results": [
        {
            "iri": "https://w3id.org/nap-graph/id/activity/jenv/three-day-gender-training",
            "type": "activity",
            "label": "Three-day gender training for all deployed police staff",
            "snippet": "Three-day <mark>gender</mark> <mark>training</mark> for all deployed"
            " police staff",
            "property": "http://www.w3.org/2004/02/skos/core#prefLabel",
            "score": 9.8412,
        }
    ],
    "facets": {
        "kind": [{"value": "activity", "label": "activity", "count": 3}],
        "organisation": [
            {
                "value": "https://w3id.org/nap-graph/id/organisation/jenv",
                "label": "Ministry of Justice and Security",
                "count": 3,
            }
        ],
    },
}


@router.get(
    "/search",
    summary="Full-text search (English and Dutch), as a page or JSON",
    responses={
        200: {
            "description": "Things whose names or texts hold every word of `q`, best first, with"
            " the facets of all matches (`Accept: application/json` or `?format=json`)",
            "content": {"application/json": {"example": EXAMPLE}, "text/html": {}},
        }
    },
)
async def search(
    request: Request,
    view: ViewDep,
    q: Annotated[str, Query(description="Words to find; every word must match.")] = "",
    kind: Annotated[str | None, Query(description="Only things of this kind.")] = None,
    organisation: Annotated[
        str | None, Query(description="Only things of this organisation (IRI).")
    ] = None,
    outcome: Annotated[
        str | None, Query(description="Only things about this outcome (IRI).")
    ] = None,
    plan: Annotated[str | None, Query(description="Only things of this plan (IRI).")] = None,
    country: Annotated[
        str | None, Query(description="Only things about this country (IRI).")
    ] = None,
    organisation_kind: Annotated[
        str | None, Query(alias="organisation-kind", description="Only this kind of organisation.")
    ] = None,
    page: Annotated[int, Query(ge=1, le=1000, description="Page of 20 results.")] = 1,
    format: Annotated[str | None, Query(description="`html` or `json`.")] = None,
) -> Response:
    if len(q) > MAX_QUERY:
        raise ApiError(400, "Bad request", f"q: at most {MAX_QUERY} characters, found {len(q)}")
    as_json = wants_json(request, "search")
    chosen = {
        "kind": kind,
        "organisation": organisation,
        "outcome": outcome,
        "plan": plan,
        "country": country,
        "organisation-kind": organisation_kind,
    }
    filters = {name: value for name, value in chosen.items() if value}
    lang = current_language()
    results = await run_in_threadpool(
        lambda: view.search(
            q, lang=lang, filters=filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
    )
    if as_json:
        return JSONResponse(results.as_dict())

    def href(**changes: str | int | None) -> str:
        params = {"q": q, **filters, "page": page, **changes}
        return "/search?" + urlencode({k: v for k, v in params.items() if v not in (None, "", 1)})

    return templates.TemplateResponse(
        request,
        "search.html",
        {
            "query": q,
            "results": results,
            "filters": filters,
            "facet_names": FACETS,
            "href": href,
            "clear_href": "/search?" + urlencode({"q": q}),
            "page": page,
            "pages": max(1, -(-results.total // PAGE_SIZE)),
        },
    )
