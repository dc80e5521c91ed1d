"""Linked data: every IRI the project mints dereferences (docs/iris.md).

- ``/id/<path>`` names a thing: 303 See Other to ``/doc/<path>``, the document about it; 404
  for IRIs nothing is said about.
- ``/doc/<path>``: HTML for browsers (label, types, all properties with links, incoming
  links, the graphs it comes from), Turtle, JSON-LD (compacted with ``/context.jsonld``),
  N-Triples, by Accept or ``?format=``.
- ``/def/wps``: the ontology (Turtle, JSON-LD, an HTML page of classes and properties in
  English and Dutch); ``/def/shapes``: the shapes; ``/graph/<path>``: a named graph.
- ``/context.jsonld``: the JSON-LD context.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from starlette.concurrency import run_in_threadpool

from nap_graph import iris, queries
from nap_graph.framing import framed_plan, plan_triples
from nap_graph.i18n import N_, current_language
from nap_graph.iris import thing_kind
from nap_graph.jsonld_context import context
from nap_graph.linked_data import LINKS, describe
from nap_graph.namespaces import BASE, NAMESPACES, ONTOLOGY_IRI, PREFIXES, WPS
from nap_graph.ontology import ontology_graph, ontology_versions
from nap_graph.profiles import ROWS, profile
from nap_graph.store.query_path import QueryPath
from nap_graph.versions import place_of
from nap_graph_api import negotiation as media
from nap_graph_api.deps import SettingsDep, ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.links import context_url
from nap_graph_api.pages import templates

router = APIRouter(tags=["linked data"])
COUNTRY_CODE = re.compile(r"[A-Z0-9_]{2,12}")
"""The codes of the EU's country vocabulary (NLD, SEN; a few longer ones such as 1A0)."""
DOCUMENT_OFFERS = [media.TURTLE, media.HTML, media.JSON_LD, media.N_TRIPLES, media.RDF_XML]
"""Turtle first (qs 1.0), HTML next (0.999), as W3C's DCAT server does."""


def _serialize(
    triples: list[ox.Triple], chosen: str, context_address: str = "/context.jsonld"
) -> Response:
    if chosen == media.JSON_LD:
        graph = Graph().parse(
            data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt"
        )
        document = json.loads(
            graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
        )
        document["@context"] = context_address
        return JSONResponse(document, media_type=media.JSON_LD)
    rdf_format = media.RDF_FORMATS[chosen]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return Response(
        ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b"", media_type=chosen
    )


def _choose(request: Request) -> str:
    chosen = media.choose(
        DOCUMENT_OFFERS, request.headers.get("accept"), request.query_params.get("format")
    )
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"documents come as {', '.join(DOCUMENT_OFFERS)}")
    return chosen


def _exists(view: QueryPath, iri: str, graphs: list[str] | None) -> bool:
    return bool(
        view.query(
            queries.load("resource-exists.rq"),
            bindings={"resource": ox.NamedNode(iri)},
            default_graphs=graphs,
        )
    )


def _replaced_version(view: QueryPath, iri: str) -> bool:
    """Whether ``iri`` is a version of a record that another version has replaced."""
    if not iri.startswith(iris.id_prefix("submission")) or iri.count("/") != 8:
        return False
    place = place_of(view, iri)
    return place is not None and not place.is_current


def _not_current(view: QueryPath, iri: str) -> ApiError:
    """404 for what was never known; 410 for what is known only from replaced versions of a
    record (or a curated activity a coordinator dropped), saying where to look now."""
    if not _exists(view, iri, None):
        return ApiError(404, "Not found", f"nothing is known about <{iri}>")
    owner = iri.removeprefix(iris.ID).split("/")
    where = (
        f"; the current record of the organisation is at /doc/organisation/{owner[1]}"
        if len(owner) > 2 and owner[0] in {"activity", "target", "observed-value", "submission"}
        else ""
    )
    return ApiError(
        410,
        "Gone",
        f"<{iri}> is no longer current: it belongs to a version of a record that has been "
        f"replaced, or a coordinator removed it{where}",
    )


@router.get("/id/{path:path}", summary="A thing: 303 See Other to the document about it")
async def thing(path: str, request: Request, view: ViewDep) -> Response:
    iri = iris.id_iri(path)
    if not await run_in_threadpool(_exists, view, iri, view.default_graphs()):
        raise await run_in_threadpool(_not_current, view, iri)
    target = f"/doc/{path}" + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(target, status_code=303)


@router.get(
    "/doc/{path:path}",
    summary="The document about a thing (HTML, Turtle, JSON-LD, N-Triples)",
    responses={
        200: {
            "description": "The thing's concise bounded description (its statements and the"
            " blank nodes it owns) in the negotiated format; browsers get a page",
            "content": {
                "text/turtle": {
                    "example": "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    "<https://w3id.org/nap-graph/id/organisation/jenv> skos:prefLabel"
                    ' "Ministry of Justice and Security"@en .\n'
                },
                "text/html": {},
                "application/ld+json": {},
                "application/n-triples": {},
            },
        }
    },
)
async def document(path: str, request: Request, view: ViewDep) -> Response:
    return await _document(request, view, iris.id_iri(path), plan=path.startswith("plan/"))


@router.get(
    "/country/{code}",
    summary="A country (the EU's country IRI): who works there or for it, and on what",
)
async def country(code: str, request: Request, view: ViewDep) -> Response:
    if not COUNTRY_CODE.fullmatch(code):
        raise ApiError(
            404, "Not found", f"no country {code[:20]!r}: expected a code such as NLD or SEN"
        )
    return await _document(request, view, f"{NAMESPACES['COUNTRY']}{code}")


BREADCRUMBS = {
    "organisation": (N_("Organisations"), "/browse/organisations"),
    "unit": (N_("Organisations"), "/browse/organisations"),
    "outcome": (N_("Outcomes"), "/browse/outcomes"),
    "activity": (N_("Activities"), "/browse/activities"),
    "country": (N_("Countries"), "/browse/countries"),
    "plan": (N_("Plans of the world"), "/world"),
    "submission": (N_("Submissions"), "/submissions"),
}
"""The list a resource page sits under in its breadcrumb trail, by the kind of thing."""


async def _document(request: Request, view: QueryPath, iri: str, *, plan: bool = False) -> Response:
    chosen = _choose(request)
    lang = current_language()
    graphs = view.default_graphs()
    replaced = await run_in_threadpool(_replaced_version, view, iri)
    if replaced:  # an earlier version of a record is history: shown whole, saying so
        graphs = None
    # a page shows at most ROWS links pointing here (as its sections show ROWS rows); the
    # RDF documents carry all LINKS (a crawler follows them, docs/api.md)
    links = ROWS if chosen == media.HTML else LINKS
    found = await run_in_threadpool(
        lambda: describe(view, iri, graphs=graphs, lang=lang, links=links)
    )
    if not found.exists:
        raise await run_in_threadpool(_not_current, view, iri)
    if chosen == media.JSON_LD and plan:
        address = context_url(request)
        framed = await run_in_threadpool(
            lambda: framed_plan(plan_triples(view, iri, graphs), iri, address)
        )
        return JSONResponse(framed, media_type=media.JSON_LD)
    if chosen != media.HTML:
        # links both ways: what points at the resource too, so that a crawler that follows
        # RDF links alone reaches what the HTML page links (docs/api.md)
        node = ox.NamedNode(iri)
        incoming = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), node) for s, p in found.incoming]
        return _serialize([*found.triples, *incoming], chosen, context_url(request))
    kind = thing_kind(iri)
    about = await run_in_threadpool(lambda: profile(view, iri, kind, graphs=graphs, lang=lang))
    return templates.TemplateResponse(
        request,
        "resource.html",
        {
            "d": found,
            "replaced": replaced,
            "profile": about,
            "kind_template": f"kinds/{kind}.html" if about is not None else None,
            "breadcrumb": BREADCRUMBS.get(kind or ""),
        },
    )


@dataclass(frozen=True)
class _Term:
    name: str
    label_en: str
    label_nl: str
    definition_en: str
    definition_nl: str


def _terms(graph: Graph, kinds: tuple[object, ...]) -> list[_Term]:
    def text(term: object, prop: object, lang: str) -> str:
        return next(
            (str(o) for o in graph.objects(term, prop) if getattr(o, "language", None) == lang), ""
        )  # type: ignore[arg-type]

    terms = {
        s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(WPS))
    }
    return [
        _Term(
            str(t).removeprefix(str(WPS)),
            text(t, RDFS.label, "en"),
            text(t, RDFS.label, "nl"),
            text(t, SKOS.definition, "en"),
            text(t, SKOS.definition, "nl"),
        )
        for t in sorted(terms)
    ]


@router.get("/def/wps", summary="The WPS ontology")
@router.get("/def/wps/{version}", include_in_schema=False)
async def ontology(request: Request, version: str | None = None) -> Response:
    versions = ontology_versions()
    if version is not None and version not in versions:
        raise ApiError(
            404,
            "Not found",
            f"no version {version!r} of the WPS ontology; versions: {', '.join(versions)} "
            f"({ONTOLOGY_IRI} is always the current one)",
        )
    chosen = _choose(request)
    graph = ontology_graph()
    if chosen == media.HTML:
        sections = [
            (N_("Classes"), _terms(graph, (OWL.Class,))),
            (N_("Properties"), _terms(graph, (OWL.ObjectProperty, OWL.DatatypeProperty))),
        ]
        title = graph.value(None, RDF.type, OWL.Ontology)
        return templates.TemplateResponse(
            request,
            "ontology.html",
            {
                "title": "WPS ontology",
                "iri": ONTOLOGY_IRI,
                "version": str(graph.value(title, OWL.versionInfo)) if title is not None else "",
                "sections": sections,
            },
        )
    triples = [
        q.triple
        for q in ox.parse(
            graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES
        )
    ]
    return _serialize(triples, chosen)


@router.get("/def/shapes", summary="The SHACL shapes")
async def shapes(request: Request, view: ViewDep) -> Response:
    chosen = _choose(request)
    if chosen == media.HTML:
        chosen = media.TURTLE

    def read() -> list[ox.Triple]:
        triples: list[ox.Triple] = []
        for graph in view.triples_per_graph():
            if graph.startswith(f"{BASE}graph/shapes/"):
                triples += view.get_graph(graph)
        return triples

    return _serialize(await run_in_threadpool(read), chosen)


@router.get("/graph/{path:path}", summary="A named graph of the store")
async def named_graph(path: str, request: Request, view: ViewDep) -> Response:
    iri = iris.graph_path_iri(path)
    chosen = _choose(request)
    if chosen == media.HTML:
        chosen = media.TURTLE
    if not await run_in_threadpool(view.has_graph, iri):
        raise ApiError(404, "Not found", f"no graph <{iri}>")
    return _serialize(await run_in_threadpool(view.get_graph, iri), chosen)


@router.get("/context.jsonld", summary="The JSON-LD context of the WPS ontology")
async def jsonld_context(settings: SettingsDep) -> Response:
    return JSONResponse(
        context(), media_type=media.JSON_LD, headers={"Cache-Control": "public, max-age=3600"}
    )
