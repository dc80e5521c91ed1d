"""The JSON-LD dump, compacted with the served context and expanded again by pyld (JSON-LD
1.1), is the same graph as the Turtle dump: nothing is lost to the context's keys."""

from __future__ import annotations

import gzip
import json

from pyld import jsonld
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from tests.api.conftest import Server


def test_compact_and_expand_give_back_the_turtle_dumps_graph(server: Server) -> None:
    with server.client() as client:
        document = json.loads(gzip.decompress(client.get("/dumps/nap-graph.jsonld.gz").content))
        turtle = gzip.decompress(client.get("/dumps/nap-graph.ttl.gz").content).decode()
        context = client.get("/context.jsonld").json()
    compacted = jsonld.compact(document, context)
    assert "@graph" in compacted and compacted["@context"]
    nquads = jsonld.to_rdf(jsonld.expand(compacted), {"format": "application/n-quads"})
    back = Graph().parse(data=nquads, format="nt")
    expected = Graph().parse(data=turtle, format="turtle")
    _both, extra, missing = graph_diff(to_isomorphic(back), to_isomorphic(expected))
    assert not extra and not missing, (sorted(extra)[:5], sorted(missing)[:5])
    assert len(back) == len(expected) > 10_000
