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
from nap_graph.reference import reference_index
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph_api.deps import ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["partners"])


def _organisation(given: str) -> str:
    """The organisation a key (``jenv``) or a name, in any language the reference data knows
    it by ("Ministerie van Justitie en Veiligheid"), means; 404 naming near matches else."""
    index = reference_index()
    resolved = resolve_organisation(index, given)
    if resolved.known:
        return resolved.iri
    try:
        key_iri = iris.organisation_iri(given)
    except ValueError:
        key_iri = None
    if key_iri is not None and key_iri in index.organisation_names:
        return key_iri
    near = ", ".join(m.name for m in resolved.near[:3])
    raise ApiError(
        404,
        "Not found",
        f"organisation: no organisation called {given!r}"
        + (f"; did you mean: {near}?" if near else ""),
    )


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
        str | None,
        Query(description="Only the relations of this organisation (its name, key or IRI)."),
    ] = None,
) -> Response:
    as_json = wants_json(request, "the network")
    graphs = view.default_graphs()
    lang = current_language()
    focus = None
    if organisation:
        focus = organisation if organisation.startswith("https://") else None
        if focus is None:
            focus = _organisation(organisation)
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
