"""``/world``: every plan in the graph on a map, a timeline and a table, filtered and sorted
by the query string, downloadable as CSV, JSON or Turtle, with the SPARQL behind it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph import queries
from nap_graph.errors import BadRequestError
from nap_graph.i18n import current_language
from nap_graph.namespaces import PREFIXES
from nap_graph.terms import Triples
from nap_graph.world.map_shapes import world_shapes
from nap_graph.world.plans import (
    COLUMNS,
    PlanFilter,
    count,
    country_names,
    latest_per_owner,
    plans_rdf,
    world_plans,
)
from nap_graph.world.turtle import stable_turtle
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.downloads import csv_download
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["world"])
OFFERS = [media.HTML, media.SPARQL_CSV, "application/json", media.TURTLE]
FORMATS = {
    "html": media.HTML,
    "csv": media.SPARQL_CSV,
    "json": "application/json",
    "ttl": media.TURTLE,
    "turtle": media.TURTLE,
}
SORTS = ("owner", "title", "generation", "start", "end", "adopted", "lead", "regions")
Many = Annotated[list[str] | None, Query()]


def shown_query() -> str:
    """The page's SPARQL as the query page runs it (``?lang`` given a value)."""
    text = queries.load("world-plans.rq")
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("wps", "skos", "dcterms", "dcat"))
    return prologue + text.replace("WHERE {", 'WHERE {\n  VALUES ?lang { "en" }', 1)


@router.get("/world", summary="Every National Action Plan: map, timeline and table")
async def world(
    request: Request,
    view: ViewDep,
    region: Many = None,
    year: Many = None,
    adopted: Many = None,
    generation: Many = None,
    budget: Many = None,
    monitoring: Many = None,
    lead: str = "",
    sort: str = "owner",
    order: str = "asc",
) -> Response:
    """The plans, filtered (``region``, ``year`` in force, ``adopted`` year, ``generation``,
    ``budget`` and ``monitoring``: yes, partial, no or unknown; ``lead``: words of the lead
    body's name) and sorted (``sort`` a column, ``order`` asc or desc)."""
    if sort not in SORTS or order not in ("asc", "desc"):
        raise ApiError(
            400, "Bad request", f"sort: expected one of {', '.join(SORTS)}; order: asc or desc"
        )
    try:
        chosen = PlanFilter.parse(
            region=region,
            year=year,
            adopted=adopted,
            generation=generation,
            budget=budget,
            monitoring=monitoring,
            lead=lead,
        )
    except BadRequestError as exc:
        raise ApiError(400, "Bad request", str(exc)) from exc
    named = request.query_params.get("format")
    kind = (
        FORMATS.get(named.lower()) if named else media.choose(OFFERS, request.headers.get("accept"))
    )
    if kind is None:
        raise ApiError(406, "Not acceptable", f"the world view comes as {', '.join(OFFERS)}")
    lang = current_language()
    # the plans and the countries' names once per store generation (docs/site.md)
    every = await run_in_threadpool(
        lambda: view.cached(f"world-plans|{lang}", lambda: world_plans(view, lang))
    )
    names = await run_in_threadpool(
        lambda: view.cached(f"country-names|{lang}", lambda: country_names(view, lang))
    )
    rows = list(chosen.apply(every))  # sorted below: never the kept list itself
    rows.sort(
        key=lambda r: (
            getattr(r, sort) is None,
            str(getattr(r, sort) or "").casefold() if sort != "generation" else (r.generation or 0),
            r.owner.casefold(),
            r.generation or 0,
        ),
        reverse=order == "desc",
    )
    if kind == media.SPARQL_CSV:
        return csv_download(request, COLUMNS, (r.as_dict() for r in rows), "plans")
    if kind == "application/json":
        return JSONResponse(
            {"count": len(rows), "plans": [r.as_dict() for r in rows]},
            headers={"Content-Disposition": 'attachment; filename="plans.json"'},
        )
    if kind == media.TURTLE:
        triples = await run_in_threadpool(plans_rdf, view, rows)
        body = stable_turtle(Triples(triples), "National Action Plans from nap-graph's /world")
        return Response(
            body,
            media_type=media.TURTLE,
            headers={"Content-Disposition": 'attachment; filename="plans.ttl"'},
        )
    counts = count(rows)
    latest = latest_per_owner(rows)
    shapes = world_shapes()
    drawn = [(code, shapes.countries[code], latest.get(code)) for code in sorted(shapes.countries)]
    undrawn = sorted(
        (r for code, r in latest.items() if r.country and code not in shapes.countries),
        key=lambda r: r.owner,
    )
    regional = sorted((r for r in latest.values() if r.organisation), key=lambda r: r.owner)
    every_count = count(every)
    colour_keys = {name: key for r in every for name, key in r.region_keys.items()}
    keep = [(k, v) for k, v in request.query_params.multi_items() if k not in ("format",)]
    return templates.TemplateResponse(
        request,
        "world.html",
        {
            "rows": rows,
            "counts": counts,
            "total": every_count,
            "shapes": shapes,
            "drawn": drawn,
            "undrawn": undrawn,
            "regional": regional,
            "chosen": chosen,
            "regions": [name for name, _ in every_count.per_region],
            "generations": [g for g, _ in every_count.per_generation],
            "sort": sort,
            "order": order,
            "params": keep,
            "sparql": shown_query(),
            "lead": lead,
            "names": names,
            "colour_keys": colour_keys,
        },
    )
