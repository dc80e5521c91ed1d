"""``/compare``: the plans across the UNSCR 1325 pillars, as HTML, CSV or JSON."""

from __future__ import annotations

from dataclasses import asdict
from itertools import groupby

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.compare import compare
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["comparison"])
JSON = "application/json"
PILLARS = ["participation", "prevention", "protection", "relief-and-recovery", "cross-cutting"]


@router.get("/compare", summary="National Action Plans compared across the pillars")
async def compare_plans(request: Request, view: ViewDep, pillar: str | None = None) -> Response:
    if pillar is not None and pillar not in PILLARS:
        raise ApiError(404, "Not found", f"no pillar '{pillar}'; known: {', '.join(PILLARS)}")
    offers = [media.HTML, JSON, media.SPARQL_CSV]
    by_name = {"html": media.HTML, "json": JSON, "csv": media.SPARQL_CSV}
    requested = request.query_params.get("format")
    if requested is not None:
        chosen = by_name.get(requested)
    else:
        chosen = media.choose(offers, request.headers.get("accept"))
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"the comparison comes as {', '.join(offers)}")
    result = await run_in_threadpool(lambda: compare(view, pillar=pillar))
    if chosen == media.SPARQL_CSV:
        return Response(result.csv(), media_type="text/csv")
    if chosen == JSON:
        return JSONResponse(
            {
                "mappings": [asdict(m) for m in result.mappings],
                "missing": result.missing,
                "counts": result.counts,
            }
        )
    groups = [
        (name, list(rows)) for name, rows in groupby(result.mappings, key=lambda m: m.pillar_name)
    ]
    return templates.TemplateResponse(
        request,
        "compare.html",
        {
            "result": result,
            "groups": groups,
            "pillar": pillar,
            "pillars": PILLARS,
            "grid": result.grid(),
            "chart_pillars": result.pillars(),
        },
    )
