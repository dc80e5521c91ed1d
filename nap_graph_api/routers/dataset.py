"""The dataset as a whole: ``/dumps`` (full dumps, gzip-compressed) and
``/.well-known/void`` (a VoID and DCAT description: size, graphs, endpoint, dumps, license,
vocabularies)."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from nap_graph.dataset_description import DUMPS as DESCRIBED_DUMPS
from nap_graph.dataset_description import describe
from nap_graph.generation import read_state
from nap_graph.namespaces import PREFIXES
from nap_graph.store.protocol import GraphStore
from nap_graph.store.query_path import QueryPath
from nap_graph_api import negotiation as media
from nap_graph_api.deps import SettingsDep, StoreDep, ViewDep
from nap_graph_api.errors import ApiError
from nap_graph_api.links import public_root
from nap_graph_api.page_formats import wants_json
from nap_graph_api.pages import templates

router = APIRouter(tags=["dataset"])
DUMPS = {
    d.name: (media.RDF_FORMATS[d.media_type], d.media_type, d.content) for d in DESCRIBED_DUMPS
}


def _dump(store: GraphStore, graphs: list[str], name: str) -> bytes:
    fmt = DUMPS[name][0]
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):  # the others: merged, as listed
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
    """The root of absolute links (:func:`nap_graph_api.links.public_root`)."""
    del settings  # the request's app holds them
    return public_root(request)


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
    """The DCAT-AP catalogue and VoID description (:mod:`nap_graph.dataset_description`)."""
    _generation, modified = read_state(view.store)
    return list(describe(root, view.triples_per_graph(), modified=modified))


@router.get("/.well-known/void", summary="VoID and DCAT description of the dataset")
async def void_description(request: Request, view: ViewDep, settings: SettingsDep) -> Response:
    offers = [media.TURTLE, media.JSON_LD, media.N_TRIPLES, media.RDF_XML]
    chosen = media.choose(offers, request.headers.get("accept"), request.query_params.get("format"))
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"the description comes as {', '.join(offers)}")
    triples = await run_in_threadpool(_void, view, _root(request, settings))
    rdf_format = media.RDF_FORMATS[chosen]
    prefixes = PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None
    return Response(ox.serialize(triples, format=rdf_format, prefixes=prefixes), media_type=chosen)
