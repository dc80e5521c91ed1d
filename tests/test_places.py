"""The country and region reference data is generated from pycountry and country-converter
(scripts/generate_places.py): the shipped files are what the script writes today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parents[1]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_places", ROOT / "scripts" / "generate_places.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_countries_and_regions_are_generated() -> None:
    generator = _generator()
    assert (ROOT / "data" / "reference" / "countries.ttl").read_text(
        encoding="utf-8"
    ) == generator.countries_ttl()
    assert (ROOT / "data" / "reference" / "regions.ttl").read_text(
        encoding="utf-8"
    ) == generator.regions_ttl()


def test_every_country_has_english_and_dutch_names_and_both_codes() -> None:
    graph = Graph().parse(ROOT / "data" / "reference" / "countries.ttl")
    countries = set(graph.subjects(SKOS.notation, None))
    assert len(countries) == 250  # ISO 3166-1 and Kosovo (XKX, as the plan sources use it)
    for country in countries:
        langs = {label.language for label in graph.objects(country, SKOS.prefLabel)}
        assert langs == {"en", "nl"}, country
        codes = {str(n) for n in graph.objects(country, SKOS.notation)}
        assert {len(c) for c in codes} == {2, 3}, country


def test_m49_regions_hold_their_countries() -> None:
    graph = Graph().parse(ROOT / "data" / "reference" / "regions.ttl")
    region = URIRef("https://w3id.org/nap-graph/id/region/western-africa")
    members = {str(m).rsplit("/", 1)[-1] for m in graph.objects(region, DCTERMS.hasPart)}
    assert {"SEN", "MLI", "NGA", "GHA"} <= members and "KEN" not in members
    assert str(graph.value(region, SKOS.notation)) == "011"
