"""``LOAD`` done by nap-graph itself, never by the engine.

The engine would fetch a ``LOAD`` document from the service's own process, on its network,
with no bound on its size, and its RDF/XML parser expands the entities a document declares.
So an update that holds ``LOAD`` anywhere the engine might read it is either exactly a list
of ``LOAD`` operations (``LOAD [SILENT] <iri> [INTO GRAPH <g>]`` separated by ``;``, nothing
else, no comments), which :func:`load_operations` reads and :func:`fetch` carries out here:
each document on the allowlist only (checked before, :mod:`nap_graph.store.query_guard`),
fetched without following redirects, at most ``max_bytes``, an XML document with a
``<!DOCTYPE`` or ``<!ENTITY`` refused, parsed by the engine's parser from the bytes; or it is
refused. The engine never sees ``LOAD``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from nap_graph.errors import QueryError, QueryRefusedError

_IRI = r"<([^<>\"{}|^`\\\x00-\x20]*)>"
_LOAD = re.compile(rf"\s*LOAD(\s+SILENT)?\s+{_IRI}(?:\s+INTO\s+GRAPH\s+{_IRI})?\s*", re.IGNORECASE)
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class LoadOperation:
    document: str
    graph: str | None
    silent: bool


def load_operations(text: str) -> list[LoadOperation] | None:
    """The ``LOAD`` operations of an update made of nothing else; ``None`` when the text
    holds no ``LOAD`` at all; :class:`QueryRefusedError` when it holds ``LOAD`` beside
    anything else (the engine would carry that one out itself)."""
    if "load" not in text.lower():
        return None
    operations = []
    for part in text.split(";"):
        if not part.strip():
            continue
        found = _LOAD.fullmatch(part)
        if found is None:
            raise QueryRefusedError(
                "an update with LOAD must be LOAD operations only (LOAD [SILENT] <document> "
                "[INTO GRAPH <graph>], separated by ;), without comments: send other "
                "operations in another update"
            )
        operations.append(LoadOperation(found[2], found[3], bool(found[1])))
    return operations


def fetch(
    document: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT
) -> tuple[bytes, str]:
    """The document's bytes and media type, fetched here (see the module)."""
    try:
        with httpx.stream(
            "GET",
            document,
            timeout=timeout,
            follow_redirects=False,
            headers={"Accept": "text/turtle, application/n-triples, application/rdf+xml;q=0.8"},
        ) as answer:
            if answer.status_code != 200:
                raise QueryError(f"LOAD <{document}>: the server answered {answer.status_code}")
            body = bytearray()
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise QueryError(f"LOAD <{document}>: over {max_bytes:,} bytes; not loaded")
            media_type = answer.headers.get("content-type", "").split(";")[0].strip()
    except httpx.HTTPError as exc:
        raise QueryError(f"LOAD <{document}>: cannot be fetched ({type(exc).__name__})") from exc
    return bytes(body), media_type


def triples_of(document: str, body: bytes, media_type: str) -> list[ox.Triple]:
    """The triples of a fetched document (:func:`fetch`), entity declarations refused."""
    rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.from_extension(
        document.rsplit(".", 1)[-1]
    )
    if rdf_format is None:
        raise QueryError(f"LOAD <{document}>: not an RDF format ({media_type!r})")
    head = body[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise QueryRefusedError(f"LOAD <{document}>: declares entities (<!DOCTYPE>); not loaded")
    try:
        return [q.triple for q in ox.parse(body, format=rdf_format, base_iri=document)]
    except SyntaxError as exc:
        raise QueryError(f"LOAD <{document}>: not valid {rdf_format}: {exc}") from exc
