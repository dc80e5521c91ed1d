"""Graph Store HTTP Protocol at ``/store`` (https://www.w3.org/TR/sparql11-http-rdf-update/):
GET, HEAD, PUT, POST, DELETE with ``?graph=`` or ``?default``; direct identification of graphs
whose IRI is under ``/store/``; POST to ``/store`` creates a graph (201 + Location); multipart
POST adds each part. Writes need an admin token."""

from __future__ import annotations

import uuid

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from nap_graph.iris import checked_iri
from nap_graph.store.protocol import GraphName
from nap_graph.store.query_path import QueryPath
from nap_graph.store.rdf_parsing import parse_triples
from nap_graph_api import negotiation as media
from nap_graph_api.deps import ViewDep, WorkspaceDep, authorise
from nap_graph_api.errors import ApiError

router = APIRouter(tags=["Graph Store"])
READABLE = {
    media.TURTLE: ox.RdfFormat.TURTLE,
    media.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    media.RDF_XML: ox.RdfFormat.RDF_XML,
    media.JSON_LD: ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
GRAPH_OFFERS = [media.TURTLE, media.N_TRIPLES, media.RDF_XML, media.JSON_LD]


def _target(request: Request, path: str | None) -> GraphName:
    params = request.query_params
    if path:
        return checked_iri(str(request.url.replace(query="", fragment="")), "graph path")
    if "graph" in params and "default" in params:
        raise ApiError(400, "Bad request", "give either ?graph= or ?default, not both")
    if "graph" in params:
        graph = params["graph"]
        if not graph.strip():
            raise ApiError(400, "Bad request", "?graph= needs an IRI")
        return checked_iri(graph, "?graph=")
    if "default" in params:
        return None
    raise ApiError(400, "Bad request", "name the graph: ?graph=<IRI> or ?default")


def _exists(view: QueryPath, graph: GraphName) -> bool:
    return view.has_graph(graph)


async def _triples(request: Request) -> list[ox.Triple]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        triples: list[ox.Triple] = []
        for value in form.values():
            if hasattr(value, "read"):
                part_type = (value.content_type or "").split(";")[0].strip().lower()
                triples += _parse(await value.read(), part_type)
        return triples
    return _parse(body, content_type)


def _parse(body: bytes, content_type: str) -> list[ox.Triple]:
    fmt = READABLE.get(content_type)
    if fmt is None:
        raise ApiError(
            415,
            "Unsupported media type",
            f"send RDF as one of {', '.join(READABLE)}; got '{content_type}'",
        )
    return parse_triples(body, fmt, "the request body")


async def _get(request: Request, view: ViewDep, path: str | None, head: bool) -> Response:
    graph = _target(request, path)
    if not await run_in_threadpool(_exists, view, graph):
        raise ApiError(404, "Not found", f"no graph <{graph}> in the store")
    chosen = media.choose(
        GRAPH_OFFERS, request.headers.get("accept"), request.query_params.get("format")
    )
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"graphs come as {', '.join(GRAPH_OFFERS)}")
    triples = await run_in_threadpool(view.get_graph, graph)
    body = ox.serialize(triples, format=media.RDF_FORMATS[chosen]) or b""
    return Response(
        b"" if head else body, media_type=chosen, headers={"Content-Length": str(len(body))}
    )


async def _write(
    request: Request, workspace: WorkspaceDep, view: ViewDep, path: str | None, method: str
) -> Response:
    principal = authorise(request, admin=True)
    if method == "POST" and path is None and not request.query_params:
        graph: GraphName = str(request.url.replace(query="")).rstrip("/") + f"/{uuid.uuid4()}"
        triples = await _triples(request)
        await run_in_threadpool(workspace.put_graph, graph, triples, principal)
        return Response(status_code=201, headers={"Location": graph})
    graph = _target(request, path)
    existed = await run_in_threadpool(_exists, view, graph)
    if method == "DELETE":
        if not existed:
            raise ApiError(404, "Not found", f"no graph <{graph}> in the store")
        await run_in_threadpool(workspace.delete_graph, graph, principal)
        return Response(status_code=204)
    triples = await _triples(request)
    write = workspace.put_graph if method == "PUT" else workspace.post_graph
    await run_in_threadpool(write, graph, triples, principal)
    return Response(status_code=204 if existed else 201)


@router.get("/store", summary="Get a graph (?graph= or ?default)")
async def get_graph(request: Request, view: ViewDep) -> Response:
    return await _get(request, view, None, head=False)


@router.head("/store", include_in_schema=False)
async def head_graph(request: Request, view: ViewDep) -> Response:
    return await _get(request, view, None, head=True)


@router.put("/store", summary="Replace a graph")
async def put_graph(request: Request, workspace: WorkspaceDep, view: ViewDep) -> Response:
    return await _write(request, workspace, view, None, "PUT")


@router.post("/store", summary="Add to a graph, or create one (no parameters: 201 + Location)")
async def post_graph(request: Request, workspace: WorkspaceDep, view: ViewDep) -> Response:
    return await _write(request, workspace, view, None, "POST")


@router.delete("/store", summary="Delete a graph")
async def delete_graph(request: Request, workspace: WorkspaceDep, view: ViewDep) -> Response:
    return await _write(request, workspace, view, None, "DELETE")


@router.get("/store/{path:path}", summary="Get a directly identified graph")
async def get_direct(path: str, request: Request, view: ViewDep) -> Response:
    return await _get(request, view, path, head=False)


@router.head("/store/{path:path}", include_in_schema=False)
async def head_direct(path: str, request: Request, view: ViewDep) -> Response:
    return await _get(request, view, path, head=True)


@router.put("/store/{path:path}", summary="Replace a directly identified graph")
async def put_direct(
    path: str, request: Request, workspace: WorkspaceDep, view: ViewDep
) -> Response:
    return await _write(request, workspace, view, path, "PUT")


@router.post("/store/{path:path}", summary="Add to a directly identified graph")
async def post_direct(
    path: str, request: Request, workspace: WorkspaceDep, view: ViewDep
) -> Response:
    return await _write(request, workspace, view, path, "POST")


@router.delete("/store/{path:path}", summary="Delete a directly identified graph")
async def delete_direct(
    path: str, request: Request, workspace: WorkspaceDep, view: ViewDep
) -> Response:
    return await _write(request, workspace, view, path, "DELETE")
