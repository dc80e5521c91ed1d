"""The benchmark queries rewritten for speed (counted per unit or per plan and outcome first,
then summed) give the same rows as the direct formulation a researcher would write
(docs/benchmarks.md, "The five engine-bound queries"); their speed is the benchmark's."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.query_set import QUERIES
from benchmarks.synthetic import synthetic_dump
from nap_graph.namespaces import sparql_prologue

DIRECT = {
    "top-organisations": """
        SELECT ?organisation (COUNT(?activity) AS ?n)
        WHERE { ?activity wps:carriedOutBy/org:unitOf ?organisation }
        GROUP BY ?organisation ORDER BY DESC(?n) ?organisation LIMIT 10""",
    "contributions-per-pillar-per-country": """
        SELECT ?country ?pillar (COUNT(?contribution) AS ?contributions) WHERE {
          ?submission wps:forPlan ?plan ; wps:hasContribution ?contribution .
          ?plan wps:country ?country .
          ?contribution wps:aboutOutcome ?outcome .
          ?outcome skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:relatedMatch ?pillar .
        } GROUP BY ?country ?pillar ORDER BY ?country ?pillar""",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    dump = Path(tmp_path_factory.mktemp("synthetic")) / "data.nq"
    synthetic_dump(dump, 60_000)
    store = ox.Store()
    store.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("name", sorted(DIRECT))
def test_the_rewritten_query_gives_the_direct_rows(store: ox.Store, name: str) -> None:
    def rows(text: str) -> list[tuple[str, ...]]:
        result = store.query(sparql_prologue() + text, use_default_graph_as_union=True)
        return [tuple(str(term) for term in row) for row in result]

    direct = rows(DIRECT[name])
    assert len(direct) >= 5, "the synthetic data has something to count"
    assert rows(QUERIES[name]) == direct
