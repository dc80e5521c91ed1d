"""A crawler that follows only RDF links reaches every activity of the shipped data from the
plan's document: each RDF document links both ways (what the resource points at, and what
points at it), as the HTML pages do."""

from __future__ import annotations

from collections import deque

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.api.conftest import Server

ID = "https://w3id.org/nap-graph/id/"
WPS = "https://w3id.org/nap-graph/def/wps#"


def _activities(server: Server) -> set[str]:
    with server.client() as client:
        answer = client.get(
            "/sparql",
            params={"query": f"SELECT DISTINCT ?a WHERE {{ ?a a <{WPS}Activity> }}"},
            headers={"Accept": "application/sparql-results+json"},
        ).json()
    return {b["a"]["value"] for b in answer["results"]["bindings"]}


def test_following_rdf_links_from_the_plan_reaches_every_activity(server: Server) -> None:
    wanted = _activities(server)
    assert len(wanted) >= 14
    start = f"{ID}plan/nld-nap-4"
    seen, queue, found = {start}, deque([start]), set()
    fetched = 0
    with server.client() as client:
        while queue and not wanted <= found and fetched < 1500:
            iri = queue.popleft()
            answer = client.get(f"/doc/{iri.removeprefix(ID)}", headers={"Accept": "text/turtle"})
            fetched += 1
            assert answer.status_code == 200, iri
            graph = Graph().parse(data=answer.text, format="turtle")
            found |= {str(s) for s in graph.subjects(RDF.type, URIRef(f"{WPS}Activity"))}
            for node in {*graph.subjects(), *graph.objects()}:
                if isinstance(node, URIRef) and str(node).startswith(ID) and str(node) not in seen:
                    seen.add(str(node))
                    queue.append(str(node))
            found |= {n for n in seen if n in wanted}
    assert wanted <= found, sorted(wanted - found)
