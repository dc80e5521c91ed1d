"""``/monitoring``: a plan's activities, targets and reported values per outcome, what is
missing, per signatory; printable; CSV and JSON (from :mod:`nap_graph.monitoring`)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.i18n import current_language
from nap_graph.monitoring import monitoring, monitoring_query
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.downloads import csv_download
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates
from nap_graph_api.plan_pages import JSON, chosen_format, plan_of

router = APIRouter(tags=["monitoring"])


@router.get(
    "/monitoring",
    summary="A plan's targets and reported values per outcome, and what is missing",
    responses={
        200: {
            "content": {
                "text/csv": {
                    "example": "outcome,activity,activity_iri,organisation,kind,indicator,value,"
                    "unit,year,reported\n3,Three-day gender training for all deployed police "
                    "staff,...,Netherlands Police,target,...,100,percent,2025,false\n"
                },
                "application/json": {
                    "example": {
                        "plan": "https://w3id.org/nap-graph/id/plan/nld-nap-4",
                        "activities": 14,
                        "targets": 3,
                        "observed": 1,
                        "missing": [
                            {
                                "activity": "https://w3id.org/nap-graph/id/activity/jenv/"
                                "police-gender-training",
                                "target": "https://w3id.org/nap-graph/id/target/jenv/"
                                "deployed-police-staff-gender-trained",
                            }
                        ],
                    }
                },
                "text/html": {},
            }
        }
    },
)
async def monitoring_page(
    request: Request,
    view: ViewDep,
    plan: Annotated[str, Query(description="The plan's key (nld-nap-4) or IRI.")] = "nld-nap-4",
    year: Annotated[str | None, Query(description="Only targets and values of this year.")] = None,
    sort: Annotated[
        str,
        Query(description="Signatories by: name, activities, targets, observed, missing."),
    ] = "name",
    order: Annotated[str, Query(description="asc or desc.")] = "asc",
    format: Annotated[str | None, Query(description="html, json or csv.")] = None,
) -> Response:
    chosen = chosen_format(request, "monitoring")
    if year is not None and year and not (year.isdigit() and len(year) == 4):
        raise ApiError(
            400, "Bad request", f"year: expected a year such as 2025, found {year[:20]!r}"
        )
    plan_iri, known = await plan_of(view, plan)
    graphs = view.default_graphs()
    lang = current_language()
    key = f"monitoring|{plan_iri}|{lang}|{year or ''}"
    found = await run_in_threadpool(  # once per store generation (docs/site.md)
        lambda: view.cached(
            key, lambda: monitoring(view, plan_iri, graphs=graphs, lang=lang, year=year or None)
        )
    )
    try:
        signatories = found.per_signatory(sort, order)
    except ValueError as exc:
        raise ApiError(400, "Bad request", str(exc)) from exc
    if chosen == media.SPARQL_CSV:
        return csv_download(request, found.CSV_COLUMNS, found.csv_rows(), "monitoring")
    if chosen == JSON:
        acts = found.activities.values()
        return JSONResponse(
            {
                "plan": plan_iri,
                "year": found.year,
                "activities": len(found.activities),
                "targets": sum(len(a.targets) for a in acts),
                "observed": sum(len(a.observed) for a in acts),
                "missing": [{"activity": a.iri, "target": t.iri} for a, t in found.missing],
            }
        )
    query = monitoring_query(plan_iri)
    return templates.TemplateResponse(
        request,
        "monitoring.html",
        {
            "m": found,
            "plans": known,
            "plan_key": plan_iri.rsplit("/", 1)[-1],
            "year": year or "",
            "signatories": signatories,
            "sort": sort,
            "order": order,
            "sparql_text": query,
            "query_link": "/sparql#query=" + quote(query, safe=""),
        },
    )
