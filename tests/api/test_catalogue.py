"""The dataset description at /.well-known/void is a DCAT-AP 3.0.1 catalogue: validated with
the release's own shapes (``../shared/reference/dcat-ap-3.0.1/``: no violation), its
recommended shapes' results exactly the ones docs/catalogue.md lists, and its addresses from
``public_url``, never from the request's Host header."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, SH

from tests.api.conftest import Server, running_server

SHAPES = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "dcat-ap-3.0.1"
PUBLIC = "https://naps.example.org"
DOCUMENTED = {
    ("https://w3id.org/nap-graph/id/dataset/nap-graph/period", "http://www.w3.org/ns/dcat#endDate"),
    (
        "http://publications.europa.eu/resource/authority/country/NLD",
        "http://www.w3.org/ns/dcat#centroid",
    ),
    (
        "http://publications.europa.eu/resource/authority/country/NLD",
        "http://www.w3.org/ns/dcat#bbox",
    ),
}
"""The recommended shapes' findings docs/catalogue.md lists, each with its reason."""


@pytest.fixture(scope="module")
def described(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Graph]]:
    with running_server(tmp_path_factory.mktemp("catalogue"), public_url=PUBLIC) as server:
        with server.client() as client:
            turtle = client.get(
                "/.well-known/void", headers={"Accept": "text/turtle", "Host": "evil.example"}
            ).text
        yield server, Graph().parse(data=turtle, format="turtle")


def _release_shapes() -> tuple[Graph, list[tuple[URIRef, URIRef]]]:
    """The release's dcat-ap-SHACL.ttl, less the references to property shapes it does not
    define (two of dcat:DataServiceShape's: pySHACL refuses a file with them)."""
    shapes = Graph().parse(SHAPES / "dcat-ap-SHACL.ttl")
    dangling = [
        (s, o)
        for s, o in shapes.subject_objects(SH.property)
        if not any(shapes.predicate_objects(o))
    ]
    for s, o in dangling:
        shapes.remove((s, SH.property, o))
    return shapes, dangling


def test_no_violation_of_the_release_shapes(described: tuple[Server, Graph]) -> None:
    _server, data = described
    shapes, dangling = _release_shapes()
    assert len(dangling) == 2, dangling  # the upstream file's own gap, named in docs/catalogue.md
    conforms, _report, text = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_the_recommended_shapes_find_only_what_the_docs_list(
    described: tuple[Server, Graph],
) -> None:
    _server, data = described
    shapes = Graph().parse(SHAPES / "shapes_recommended.ttl")
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none")
    found = {
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }
    assert found == DOCUMENTED
    guide = (Path(__file__).resolve().parents[2] / "docs" / "catalogue.md").read_text(
        encoding="utf-8"
    )
    for _focus, path in DOCUMENTED:
        assert path.rsplit("#", 1)[1] in guide


def test_a_catalogue_with_the_dataset_its_dumps_and_services(
    described: tuple[Server, Graph],
) -> None:
    _server, data = described
    catalogue = URIRef("https://w3id.org/nap-graph/id/catalogue")
    dataset = URIRef("https://w3id.org/nap-graph/id/dataset/nap-graph")
    assert (catalogue, RDF.type, DCAT.Catalog) in data and (
        catalogue,
        DCAT.dataset,
        dataset,
    ) in data
    distributions = set(data.objects(dataset, DCAT.distribution))
    assert len(distributions) == 4
    for d in distributions:
        download = str(data.value(d, DCAT.downloadURL))
        assert download.startswith(f"{PUBLIC}/dumps/nap-graph.") and data.value(d, DCAT.accessURL)
        media = str(data.value(d, DCAT.mediaType))
        assert media.startswith("http://www.iana.org/assignments/media-types/")
    services = set(data.objects(catalogue, DCAT.service))
    endpoints = {str(data.value(s, DCAT.endpointURL)) for s in services}
    assert endpoints == {f"{PUBLIC}/sparql", f"{PUBLIC}/store"}
    assert all((s, DCAT.servesDataset, dataset) in data for s in services)
    assert "evil.example" not in data.serialize(format="nt")
    titles = {t.language for t in data.objects(dataset, URIRef("http://purl.org/dc/terms/title"))}
    assert titles == {"en", "nl"}
    assert isinstance(data.value(dataset, URIRef("http://rdfs.org/ns/void#triples")), Literal)


def test_the_dumps_list_uses_public_url_too(described: tuple[Server, Graph]) -> None:
    server, _data = described
    with server.client() as client:
        listed = client.get(
            "/dumps", headers={"Accept": "application/json", "Host": "evil.example"}
        )
    assert {d["url"].split("/dumps/")[0] for d in listed.json()["dumps"]} == {PUBLIC}
