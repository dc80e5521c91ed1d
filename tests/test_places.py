"""The country and region reference data is generated from pycountry and country-converter
(scripts/generate_places.py): the shipped files are what the script writes today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS, Namespace

ROOT = Path(__file__).resolve().parents[1]
WPS = Namespace("https://w3id.org/nap-graph/def/wps#")


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
        codes = {(len(n), n.datatype) for n in graph.objects(country, SKOS.notation)}
        assert codes == {(2, WPS.ISO3166Alpha2), (3, WPS.ISO3166Alpha3)}, country


def test_a_query_picks_one_code_per_country_by_its_datatype() -> None:
    """Typed codes: one row per plan's country, no filter on the code's length."""
    from nap_graph.default_data import load_default_store

    store = load_default_store()
    rows = list(
        store.query(
            "PREFIX wps: <https://w3id.org/nap-graph/def/wps#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?plan ?code WHERE { ?plan a wps:NationalActionPlan ; "
            "wps:country/skos:notation ?code FILTER (DATATYPE(?code) = wps:ISO3166Alpha3) }",
            use_default_graph_as_union=True,
        )
    )
    plans = {r["plan"] for r in rows}
    assert len(rows) == len(plans) > 200
    nap4 = URIRef("https://w3id.org/nap-graph/id/plan/nld-nap-4")
    assert [r["code"].value for r in rows if r["plan"].value == str(nap4)] == ["NLD"]


def test_m49_regions_hold_their_countries() -> None:
    graph = Graph().parse(ROOT / "data" / "reference" / "regions.ttl")
    region = URIRef("https://w3id.org/nap-graph/id/region/western-africa")
    members = {str(m).rsplit("/", 1)[-1] for m in graph.objects(region, DCTERMS.hasPart)}
    assert {"SEN", "MLI", "NGA", "GHA"} <= members and "KEN" not in members
    assert str(graph.value(region, SKOS.notation)) == "011"
