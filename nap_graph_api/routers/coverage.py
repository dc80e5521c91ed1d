"""``/coverage``: a plan's signatories against its outcomes and sub-outcomes (a page, CSV,
JSON), from :mod:`nap_graph.coverage`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from nap_graph.coverage import coverage, coverage_query
from nap_graph.i18n import current_language
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep
from nap_graph_api.downloads import csv_download
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates
from nap_graph_api.plan_pages import JSON, chosen_format, plan_of

router = APIRouter(tags=["coverage"])


@router.get(
    "/coverage",
    summary="Who contributes to which outcome of a plan; the outcomes nobody covers",
    responses={
        200: {
            "content": {
                "text/csv": {
                    "example": "organisation,organisation_iri,kind,outcome,outcome_iri,"
                    "investments,activities,submission,contribution\n"
                    "Ministry of Justice and Security,https://w3id.org/nap-graph/id/"
                    "organisation/jenv,Government body,3.2,...,Policy; Programmatic,2,...,...\n"
                },
                "application/json": {
                    "example": {
                        "plan": "https://w3id.org/nap-graph/id/plan/nld-nap-4",
                        "organisations": 1,
                        "uncovered": ["1.1", "1.2", "4"],
                        "contributions": [{"organisation": "Ministry of Justice and Security"}],
                    }
                },
                "text/html": {},
            }
        }
    },
)
async def coverage_page(
    request: Request,
    view: ViewDep,
    plan: Annotated[str, Query(description="The plan's key (nld-nap-4) or IRI.")] = "nld-nap-4",
    kind: Annotated[str | None, Query(description="Only organisations of this kind (IRI).")] = None,
    investment: Annotated[
        str | None, Query(description="Only records with this investment type (IRI).")
    ] = None,
    sort: Annotated[
        str, Query(description="Rows by: name, outcomes (how many), activities, kind.")
    ] = "name",
    order: Annotated[str, Query(description="asc or desc.")] = "asc",
    format: Annotated[str | None, Query(description="html, json or csv.")] = None,
) -> Response:
    chosen = chosen_format(request, "coverage")
    plan_iri, known = await plan_of(view, plan)
    graphs = view.default_graphs()
    lang = current_language()
    key = f"coverage|{plan_iri}|{lang}|{kind or ''}|{investment or ''}"
    found = await run_in_threadpool(  # once per store generation (docs/site.md)
        lambda: view.cached(
            key,
            lambda: coverage(
                view,
                plan_iri,
                graphs=graphs,
                lang=lang,
                kind=kind or None,
                investment=investment or None,
            ),
        )
    )
    try:
        rows = found.sorted_by(sort, order)
    except ValueError as exc:
        raise ApiError(400, "Bad request", str(exc)) from exc
    if chosen == media.SPARQL_CSV:
        return csv_download(request, found.CSV_COLUMNS, found.csv_rows(), "coverage")
    if chosen == JSON:
        return JSONResponse(
            {
                "plan": plan_iri,
                "organisations": len(found.organisations),
                "uncovered": [o.notation for o in found.uncovered],
                "counts": {o.notation: found.count(o.iri) for o in found.outcomes},
                "contributions": found.csv_rows(),
            }
        )
    query = coverage_query(plan_iri)
    return templates.TemplateResponse(
        request,
        "coverage.html",
        {
            "c": found,
            "plans": known,
            "plan_key": plan_iri.rsplit("/", 1)[-1],
            "kind": kind or "",
            "investment": investment or "",
            "sparql_text": query,
            "query_link": "/sparql#query=" + quote(query, safe=""),
            "by_kind": found.by_kind(),
            "rows": rows,
            "sort": sort,
            "order": order,
        },
    )
