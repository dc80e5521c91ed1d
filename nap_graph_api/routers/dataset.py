"""The dataset as a whole: ``/dumps`` (full dumps, gzip-compressed) and
``/.well-known/void`` (a VoID and DCAT description: size, graphs, endpoint, dumps, license,
vocabularies)."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from nap_graph import iris
from nap_graph.namespaces import BASE
from nap_graph.store.protocol import GraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph_api import negotiation as media
from nap_graph_api.deps import SettingsDep, StoreDep, ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["dataset"])
DUMPS = {
    "nap-graph.nq.gz": (ox.RdfFormat.N_QUADS, media.N_QUADS, "all named graphs"),
    "nap-graph.trig.gz": (ox.RdfFormat.TRIG, media.TRIG, "all named graphs"),
    "nap-graph.ttl.gz": (
        ox.RdfFormat.TURTLE,
        media.TURTLE,
        "the current view, merged into one graph",
    ),
    "nap-graph.jsonld.gz": (
        ox.RdfFormat.JSON_LD,
        media.JSON_LD,
        "the current view, merged into one graph",
    ),
}
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
VOCABULARIES = [
    f"{BASE}def/wps#",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/dcat#",
    "http://purl.org/dc/terms/",
    "http://spdx.org/rdf/terms#",
    "http://qudt.org/vocab/unit/",
]


def _dump(store: GraphStore, graphs: list[str], name: str) -> bytes:
    fmt = DUMPS[name][0]
    if fmt.supports_datasets:
        data: list[ox.Quad] | list[ox.Triple] = [
            q for q in store.dump() if isinstance(q.graph_name, ox.NamedNode)
        ]
    else:
        wanted = set(graphs)
        data = list(
            {
                q.triple
                for q in store.dump()
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in wanted
            }
        )
    return gzip.compress(ox.serialize(data, format=fmt) or b"", compresslevel=6)


def _root(request: Request, settings: SettingsDep) -> str:
    """The root of absolute links: the ``public_url`` setting, else the request's URL."""
    return (settings.public_url or str(request.base_url)).rstrip("/")


@router.get("/dumps", summary="The available dumps")
def dumps(request: Request, settings: SettingsDep) -> dict[str, object]:
    root = _root(request, settings)
    answer = {
        "dumps": [
            {
                "url": f"{root}/dumps/{name}",
                "mediaType": media_type,
                "compression": "gzip",
                "content": content,
            }
            for name, (_fmt, media_type, content) in DUMPS.items()
        ]
    }
    if wants_json(request, "the dumps list"):
        return answer
    return templates.TemplateResponse(  # type: ignore[return-value]
        request, "dumps.html", {"dumps": answer["dumps"]}
    )


@router.get("/dumps/{name}", summary="A full dump, gzip-compressed")
async def dump(name: str, store: StoreDep, view: ViewDep) -> Response:
    if name not in DUMPS:
        raise ApiError(404, "Not found", f"no dump '{name}'; available: {', '.join(DUMPS)}")
    graphs = await run_in_threadpool(view.graphs)
    body = await run_in_threadpool(view.cached, f"dump {name}", lambda: _dump(store, graphs, name))
    return Response(
        body,
        media_type="application/gzip",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Media-Type": DUMPS[name][1],
        },
    )


def _void(view: QueryPath, root: str) -> list[ox.Triple]:
    counts = view.triples_per_graph()
    dataset = ox.NamedNode(f"{root}/.well-known/void#dataset")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    void = lambda name: ox.NamedNode("http://rdfs.org/ns/void#" + name)  # noqa: E731
    dcat = lambda name: ox.NamedNode("http://www.w3.org/ns/dcat#" + name)  # noqa: E731
    dct = lambda name: ox.NamedNode("http://purl.org/dc/terms/" + name)  # noqa: E731
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    triples = [
        ox.Triple(dataset, rdf_type, void("Dataset")),
        ox.Triple(dataset, rdf_type, dcat("Dataset")),
        ox.Triple(
            dataset,
            dct("title"),
            ox.Literal("nap-graph: Women, Peace and Security National Action Plans", language="en"),
        ),
        ox.Triple(dataset, dct("license"), ox.NamedNode(LICENSE)),
        ox.Triple(dataset, void("sparqlEndpoint"), ox.NamedNode(f"{root}/sparql")),
        ox.Triple(dataset, void("uriSpace"), ox.Literal(iris.id_prefix())),
        ox.Triple(
            dataset, void("triples"), ox.Literal(str(sum(counts.values())), datatype=integer)
        ),
        ox.Triple(dataset, void("rootResource"), ox.NamedNode(iris.plan_iri_for_key("nld-nap-4"))),
    ]
    triples += [ox.Triple(dataset, void("vocabulary"), ox.NamedNode(v)) for v in VOCABULARIES]
    for name, (_fmt, media_type, _content) in DUMPS.items():
        url = ox.NamedNode(f"{root}/dumps/{name}")
        distribution = ox.NamedNode(f"{root}/.well-known/void#{name}")
        triples += [
            ox.Triple(dataset, void("dataDump"), url),
            ox.Triple(dataset, dcat("distribution"), distribution),
            ox.Triple(distribution, rdf_type, dcat("Distribution")),
            ox.Triple(distribution, dcat("downloadURL"), url),
            ox.Triple(
                distribution,
                dcat("mediaType"),
                ox.NamedNode(f"https://www.iana.org/assignments/media-types/{media_type}"),
            ),
            ox.Triple(
                distribution,
                dcat("compressFormat"),
                ox.NamedNode("https://www.iana.org/assignments/media-types/application/gzip"),
            ),
        ]
    for graph, count in counts.items():
        subset = ox.NamedNode(f"{root}/.well-known/void#graph-{len(triples)}")
        triples += [
            ox.Triple(dataset, void("subset"), subset),
            ox.Triple(subset, rdf_type, void("Dataset")),
            ox.Triple(
                subset,
                ox.NamedNode("http://www.w3.org/ns/sparql-service-description#name"),
                ox.NamedNode(graph),
            ),
            ox.Triple(subset, void("triples"), ox.Literal(str(count), datatype=integer)),
        ]
    return triples


@router.get("/.well-known/void", summary="VoID and DCAT description of the dataset")
async def void_description(request: Request, view: ViewDep, settings: SettingsDep) -> Response:
    offers = [media.TURTLE, media.JSON_LD, media.N_TRIPLES, media.RDF_XML]
    chosen = media.choose(offers, request.headers.get("accept"), request.query_params.get("format"))
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"the description comes as {', '.join(offers)}")
    triples = await run_in_threadpool(_void, view, _root(request, settings))
    return Response(ox.serialize(triples, format=media.RDF_FORMATS[chosen]), media_type=chosen)
