"""``/``: the home page (HTML for browsers) and the graph's summary (JSON for machines)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph import __version__
from nap_graph.overview import overview
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.links import local_link
from nap_graph_api.pages import templates

router = APIRouter(tags=["home"])
JSON = "application/json"
FORMATS = {"html": media.HTML, "json": JSON}

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


@router.api_route(
    "/",
    methods=["GET", "HEAD"],
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
    offers = [JSON, media.HTML]
    if format is not None:
        chosen = FORMATS.get(format.lower())
    else:
        chosen = media.choose(offers, request.headers.get("accept"))
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"the home page comes as {', '.join(offers)}")
    summary = await run_in_threadpool(overview, view)
    if chosen == JSON:
        return JSONResponse(summary.as_dict())
    return templates.TemplateResponse(
        request, "home.html", {"summary": summary, "version": __version__, "link": local_link}
    )
