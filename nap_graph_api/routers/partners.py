"""``/partners``: the network of organisations, units, partners and partner countries, as an
interactive graph (Cytoscape.js, vendored) with the same data as a table; JSON for machines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from jinja2.utils import htmlsafe_json_dumps
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.i18n import current_language
from nap_graph.partners import network
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["partners"])


@router.get(
    "/partners",
    summary="The network of organisations, their units, partners and partner countries",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "elements": [
                            {
                                "data": {
                                    "id": "https://w3id.org/nap-graph/id/organisation/jenv",
                                    "label": "Ministry of Justice and Security",
                                    "type": "organisation",
                                    "kind": "Government body",
                                }
                            },
                            {
                                "data": {
                                    "id": "e0",
                                    "source": "https://w3id.org/nap-graph/id/organisation/jenv-dmb",
                                    "target": "https://w3id.org/nap-graph/id/organisation/jenv",
                                    "relation": "unit of",
                                }
                            },
                        ]
                    }
                },
                "text/html": {},
            }
        }
    },
)
async def partners(
    request: Request,
    view: ViewDep,
    organisation: Annotated[
        str | None, Query(description="Only the relations of this organisation (key or IRI).")
    ] = None,
) -> Response:
    as_json = wants_json(request, "the network")
    graphs = view.default_graphs()
    lang = current_language()
    focus = None
    if organisation:
        focus = organisation if organisation.startswith("https://") else None
        if focus is None:
            try:
                focus = iris.organisation_iri(organisation)
            except ValueError as exc:
                raise ApiError(400, "Bad request", f"organisation: {exc}") from exc
    if focus is None:  # the whole network: once per store generation and language
        found = await run_in_threadpool(
            view.cached, f"partners-{lang}", lambda: network(view, graphs=graphs, lang=lang)
        )
    else:
        found = await run_in_threadpool(
            lambda: network(view, graphs=graphs, lang=lang, focus=focus)
        )
    if as_json:
        return JSONResponse({"elements": found.elements()})
    return templates.TemplateResponse(
        request,
        "partners.html",
        {
            "n": found,
            "elements_json": htmlsafe_json_dumps(found.elements()),
            "organisation": organisation or "",
        },
    )
