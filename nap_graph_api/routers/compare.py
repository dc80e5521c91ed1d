"""``/compare``: chosen plans across the UNSCR 1325 pillars, as HTML, CSV or JSON."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.compare import compare
from nap_graph.errors import BadRequestError
from nap_graph.i18n import current_language
from nap_graph.world.plans import PlanFilter, world_plans
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.downloads import csv_download
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["comparison"])
JSON = "application/json"
PILLARS = ["participation", "prevention", "protection", "relief-and-recovery", "cross-cutting"]
Many = Annotated[list[str] | None, Query()]


@router.get("/compare", summary="National Action Plans compared across the pillars")
async def compare_plans(
    request: Request,
    view: ViewDep,
    pillar: str | None = None,
    plan: Many = None,
    country: Many = None,
    region: Many = None,
    year: Many = None,
) -> Response:
    """The chosen plans (``plan``: keys or IRIs; ``country``: ISO alpha-3 codes or a regional
    organisation's key; ``region``: UN M49 region names; ``year``: in force that year; each
    may repeat or be comma-separated; none: every plan whose outcome areas the graph holds)
    across the pillars."""
    if pillar is not None and pillar not in PILLARS:
        raise ApiError(404, "Not found", f"no pillar '{pillar}'; known: {', '.join(PILLARS)}")
    try:
        chosen = PlanFilter.parse(plan=plan, country=country, region=region, year=year)
    except BadRequestError as exc:
        raise ApiError(400, "Bad request", str(exc)) from exc
    offers = [media.HTML, JSON, media.SPARQL_CSV]
    by_name = {"html": media.HTML, "json": JSON, "csv": media.SPARQL_CSV}
    requested = request.query_params.get("format")
    if requested is not None:
        chosen_type = by_name.get(requested)
    else:
        chosen_type = media.choose(offers, request.headers.get("accept"))
    if chosen_type is None:
        raise ApiError(406, "Not acceptable", f"the comparison comes as {', '.join(offers)}")
    lang = current_language()

    def answer():  # noqa: ANN202
        rows = world_plans(view, lang)  # read once: the choices and the comparison
        comparison = compare(view, pillar=pillar, chosen=chosen, lang=lang, rows=rows)
        return comparison, [p for p in rows if p.has_outcomes]

    key = f"compare|{pillar}|{lang}|{chosen!r}"  # once per store generation (docs/site.md)
    result, choices = await run_in_threadpool(lambda: view.cached(key, answer))
    if chosen_type == media.SPARQL_CSV:
        return csv_download(request, result.CSV_COLUMNS, result.csv_rows(), "comparison")
    if chosen_type == JSON:
        return JSONResponse(result.as_json())
    groups = [
        (name, list(rows)) for name, rows in groupby(result.mappings, key=lambda m: m.pillar_name)
    ]
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
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
            "choices": choices,
            "chosen": {p.plan for p in result.plans} if chosen else set(),
            "params": keep,
        },
    )
