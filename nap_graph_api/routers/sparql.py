"""SPARQL 1.1 Protocol at ``/sparql`` (https://www.w3.org/TR/sparql11-protocol/).

Query by GET, by POST form-encoded and by POST ``application/sparql-query``; update by POST
form-encoded and ``application/sparql-update`` (admin token). ``default-graph-uri`` /
``named-graph-uri`` set the query's dataset; without them the default graph is the current
view (every graph but superseded submission versions). A GET without a query answers the
service description to machines and a query page to browsers.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from jinja2.utils import htmlsafe_json_dumps
from starlette.concurrency import run_in_threadpool
from yarl import URL

from nap_graph.i18n import current_language
from nap_graph.namespaces import PREFIXES
from nap_graph.resources import example_queries_dir
from nap_graph.store.sparql_text import add_using, query_form
from nap_graph_api import negotiation as media
from nap_graph_api.deps import SettingsDep, ViewDep, WorkspaceDep, authorise, known_caller
from nap_graph_api.disconnect import ClientGoneError, unless_client_gone
from nap_graph_api.errors import ApiError
from nap_graph_api.pages import templates

router = APIRouter(tags=["SPARQL"])
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
SD = "http://www.w3.org/ns/sparql-service-description#"
SHOWN_PREFIXES = ("wps", "skos", "org", "prov", "dcterms", "dcat", "rdfs", "xsd")


def _params(raw: str) -> dict[str, list[str]]:
    """A query string or form body as name -> values: what ``urllib.parse.parse_qs(raw,
    keep_blank_values=True)`` gives (tests/api/test_sparql_direct.py checks the edge
    cases), decoded by yarl's C unquoter, 8x faster on a query with a 20-line prologue."""
    params: dict[str, list[str]] = {}
    for name, value in URL.build(query_string=raw, encoded=True).query.items():
        params.setdefault(name, []).append(value)
    return params


def _url_params(request: Request) -> dict[str, list[str]]:
    """The request's own query string, read as :func:`_params` reads a form body."""
    return _params(request.scope["query_string"].decode("latin-1"))


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise ApiError(
            400, "Bad request", f"the '{name}' parameter is given {len(values)} times; give it once"
        )
    return values[0]


def _format(params: dict[str, list[str]]) -> str | None:
    """The ``format`` (or Fuseki's ``output``) override: clients such as SPARQLWrapper send
    several values (``csv``, ``text/csv``); the first one that names a known format wins."""
    for value in params.get("format", []) + params.get("output", []):
        name = value.strip().lower()
        if name in media.FORMAT_NAMES or name in media.FORMAT_NAMES.values():
            return name
    return None


def _utf8(request: Request, raw: bytes) -> str:
    """The body as text: UTF-8 only (another charset is 415, undecodable bytes 400)."""
    header = request.headers.get("content-type", "").lower()
    charset = header.partition("charset=")[2].split(";")[0].strip(' "') or "utf-8"
    if charset.replace("_", "-") not in ("utf-8", "utf8"):
        raise ApiError(415, "Unsupported media type", f"send the request in UTF-8, not {charset}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "Bad request", f"the request body is not UTF-8 (byte {exc.start})"
        ) from exc


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _base(request: Request) -> str:
    """The base IRI of a request's query or update: the endpoint's own URL."""
    return str(request.url.replace(query="", fragment=""))


async def _run_query(
    text: str,
    params: dict[str, list[str]],
    request: Request,
    view: ViewDep,
) -> Response:
    """Negotiate on the event loop (cheap), then hand the query to the query path, which
    checks it, picks its dataset and evaluates it under the limits; a client that hangs up
    meanwhile has its query stopped."""
    form = query_form(text)
    if form in ("CONSTRUCT", "DESCRIBE"):
        offers = media.GRAPH_TYPES
    elif form == "ASK":
        offers = [media.SPARQL_JSON, media.SPARQL_XML]
    else:
        offers = media.RESULT_TYPES
    chosen = media.choose(offers, request.headers.get("accept"), _format(params))
    if chosen is None:
        raise ApiError(406, "Not acceptable", f"{form} results come as {', '.join(offers)}")
    try:
        answer = await unless_client_gone(
            request,
            view.answer(
                text,
                chosen,
                base_iri=_base(request),
                default_graphs=params.get("default-graph-uri") or None,
                named_graphs=params.get("named-graph-uri") or None,
                client=request.client.host if request.client else None,
                anonymous=not known_caller(request),
            ),
        )
    except ClientGoneError:
        return Response(status_code=499)  # nobody reads it; the work was stopped
    return Response(answer, media_type=chosen)


def _run_update(
    text: str,
    params: dict[str, list[str]],
    request: Request,
    workspace: WorkspaceDep,
    view: ViewDep,
    settings: SettingsDep,
) -> Response:
    principal = authorise(request, admin=True)
    view.policy.check_update(text, base=_base(request))
    try:
        text = add_using(
            text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", [])
        )
    except ValueError as exc:
        raise ApiError(400, "Bad request", str(exc)) from exc
    workspace.update(text, principal, base_iri=_base(request))
    return Response(status_code=204)


@router.get("/sparql", summary="SPARQL query (GET), service description or query page")
async def sparql_get(request: Request, view: ViewDep, settings: SettingsDep) -> Response:
    params = _url_params(request)
    if "update" in params:
        raise ApiError(
            405, "Method not allowed", "SPARQL updates must be sent by POST", {"Allow": "POST"}
        )
    query = _one(params, "query")
    if query is None:
        return await run_in_threadpool(_service_description, request, params)
    return await _run_query(query, params, request, view)


@router.post("/sparql", summary="SPARQL query or update (POST)")
async def sparql_post(
    request: Request, workspace: WorkspaceDep, view: ViewDep, settings: SettingsDep
) -> Response:
    content_type = _content_type(request)
    url_params = _url_params(request)
    body = _utf8(request, await request.body())
    if content_type == FORM:
        params = _params(body)
        for key, values in url_params.items():
            params.setdefault(key, values)
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise ApiError(400, "Bad request", "give either 'query' or 'update', not both")
        if query is not None:
            return await _run_query(query, params, request, view)
        if update is not None:
            return await run_in_threadpool(
                _run_update, update, params, request, workspace, view, settings
            )
        raise ApiError(400, "Bad request", "the form has neither a 'query' nor an 'update' field")
    if content_type == SPARQL_QUERY:
        return await _run_query(body, url_params, request, view)
    if content_type == SPARQL_UPDATE:
        return await run_in_threadpool(
            _run_update, body, url_params, request, workspace, view, settings
        )
    raise ApiError(
        415,
        "Unsupported media type",
        f"send {FORM}, {SPARQL_QUERY} or {SPARQL_UPDATE}; "
        f"got '{content_type or 'no Content-Type'}'",
    )


def _examples(lang: str = "en") -> list[tuple[str, str]]:
    """The competency questions of docs/queries, as (title in ``lang``, query text): each file
    opens with ``# en: <title>`` and ``# nl: <titel>`` (the file's name where a title is
    missing)."""
    found = []
    for path in sorted(example_queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        titles = dict(
            line[2:].split(": ", 1)
            for line in text.splitlines()[:2]
            if line.startswith(("# en: ", "# nl: "))
        )
        found.append((titles.get(lang) or titles.get("en") or path.stem, text))
    return found


def _service_description(request: Request, params: dict[str, list[str]]) -> Response:
    offers = [media.TURTLE, media.JSON_LD, media.HTML, media.N_TRIPLES, media.RDF_XML]
    chosen = media.choose(offers, request.headers.get("accept"), _format(params))
    public = request.app.state.settings.public_url
    endpoint = f"{public.rstrip('/')}/sparql" if public else str(request.url.replace(query=""))
    if chosen == media.HTML:
        endpoint = f"{public.rstrip('/')}/sparql" if public else "/sparql"  # not from Host
        default_query = "".join(
            f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p in SHOWN_PREFIXES
        )
        default_query += "\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n"
        examples = {
            "endpoint": endpoint,
            "default_query": default_query,
            "tabs": [{"name": name, "query": text} for name, text in _examples(current_language())],
        }
        return templates.TemplateResponse(
            request,
            "query.html",
            {
                "endpoint": endpoint,
                "static": "/static",  # relative: never built from the Host header
                "default_query": default_query,
                "examples_json": htmlsafe_json_dumps(examples),
            },
        )
    if chosen is None:
        raise ApiError(
            406, "Not acceptable", f"the service description comes as {', '.join(offers)}"
        )
    service = ox.BlankNode()
    sd = lambda name: ox.NamedNode(SD + name)  # noqa: E731
    triples = [
        ox.Triple(
            service, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sd("Service")
        ),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
    ]
    for fmt in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ):
        triples.append(
            ox.Triple(
                service, sd("resultFormat"), ox.NamedNode(f"http://www.w3.org/ns/formats/{fmt}")
            )
        )
    return Response(ox.serialize(triples, format=media.RDF_FORMATS[chosen]), media_type=chosen)
