"""``/``: the home page (HTML for browsers) and the graph's summary (JSON for machines)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.i18n import current_language
from nap_graph.overview import overview
from nap_graph_api.deps import ViewDep
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["home"])

EXAMPLE = {
    "plans": [
        {
            "iri": "https://w3id.org/nap-graph/id/plan/nld-nap-4",
            "name": "NAP 1325-IV",
            "start": "2021-01-01",
            "end": "2025-12-31",
            "extended_to": "2027-12-31",
            "outcomes": 21,
            "signatories": 5,
        }
    ],
    "organisations": 15,
    "outcomes": 57,
    "activities": 14,
    "latest": [],
}


@router.get(
    "/",
    summary="The home page, or what the graph holds (JSON)",
    responses={
        200: {
            "description": "HTML for browsers; the summary as JSON for `Accept: application/json`"
            " or `?format=json`",
            "content": {"application/json": {"example": EXAMPLE}, "text/html": {}},
        }
    },
)
async def home(request: Request, view: ViewDep, format: str | None = None) -> Response:
    lang = current_language()
    summary = await run_in_threadpool(  # once per store generation (docs/site.md)
        lambda: view.cached(f"overview|{lang}", lambda: overview(view, lang=lang))
    )
    if wants_json(request, "the home page"):
        return JSONResponse(summary.as_dict())
    return templates.TemplateResponse(request, "home.html", {"summary": summary})
