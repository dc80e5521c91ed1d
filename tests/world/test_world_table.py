"""The world table in the graph, checked against ``naps-world.tsv`` itself (every row, not a
hand-copied subset): every plan exists with the facts its row states and nothing invented;
generation chains have the gaps the table has and no other; counts per region and year in
SPARQL equal the counts over the file; the shipped Turtle is what the table builds."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from nap_graph import iris
from nap_graph.cli import app
from nap_graph.default_data import initialise
from nap_graph.store import OxigraphStore
from nap_graph.store.results import SelectResult
from nap_graph.world.building import reference_table
from nap_graph.world.graph import DESCRIBED_ELSEWHERE, load_context
from nap_graph.world.table import WorldTableError, read_world_table

TABLE = reference_table()
XSD = "http://www.w3.org/2001/XMLSchema#"
WPS = "https://w3id.org/nap-graph/def/wps#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    target = OxigraphStore()
    initialise(target)
    return target


def _key(row: dict[str, str]) -> str:
    if row["iso3"]:
        return iris.world_plan_key(row["iso3"], int(row["generation"]))
    organisation = load_context().regional[
        " ".join(row["country"].casefold().replace("-", " ").split())
    ]
    return iris.world_plan_key(
        iris.organisation_key_of(organisation), int(row["generation"]), regional=True
    )


def _facts(store: OxigraphStore, plan: str) -> dict[str, set[ox.Term]]:
    result = store.query(
        "SELECT ?p ?o WHERE { ?plan ?p ?o }", bindings={"plan": ox.NamedNode(plan)}
    )
    assert isinstance(result, SelectResult)
    facts: dict[str, set[ox.Term]] = {}
    for row in result.rows:
        facts.setdefault(row["p"].value, set()).add(row["o"])
    return facts


def _one(store: OxigraphStore, query: str, **bound: ox.Term) -> list[dict[str, str]]:
    result = store.query(query, bindings=bound)
    assert isinstance(result, SelectResult)
    return result.values()


def test_the_table_is_there_and_read_whole() -> None:
    assert TABLE.is_file(), f"{TABLE}: ../shared/reference beside the checkout"
    assert len(read_world_table(TABLE)) == len(_rows()) == 244


@pytest.mark.parametrize(
    "row", _rows(), ids=lambda r: f"{r['iso3'] or r['country']}-{r['generation']}"
)
def test_every_row_is_a_plan_with_its_stated_facts_and_nothing_invented(
    store: OxigraphStore, row: dict[str, str]
) -> None:
    plan = iris.plan_iri_for_key(_key(row))
    facts = _facts(store, plan)
    assert ox.NamedNode(f"{WPS}NationalActionPlan") in facts.get(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", set()
    ), plan
    assert {o.value for o in facts[f"{WPS}planNumber"]} == {row["generation"]}
    if row["iso3"]:
        assert {o.value for o in facts[f"{WPS}country"]} == {iris.country_iri(row["iso3"])}
    else:
        assert len(facts[f"{WPS}regionalOrganisation"]) == 1
    sources = {o.value for o in facts.get(f"{DCTERMS}source", set()) if isinstance(o, ox.NamedNode)}
    assert iris.web_page_iri(row["source"]) in sources
    adopted = facts.get(f"{DCTERMS}issued", set())
    if row["adopted"]:
        (value,) = adopted
        expected = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(row["adopted"])]
        assert (value.value, value.datatype.value) == (row["adopted"], XSD + expected)
    else:
        assert not adopted  # not stated: no date made up
    for column, prop in (("budget", "dedicatedBudget"), ("monitoring", "monitoringFramework")):
        stated = {o.value.rsplit("/", 1)[1] for o in facts.get(WPS + prop, set())}
        assert stated == ({row[column]} if row[column] else set()), column
    regions = {o.value.rsplit("/", 1)[1] for o in facts[f"{WPS}region"]}
    assert regions == {r.strip().casefold() for r in row["region"].split(";")}
    if row["iso3"] in DESCRIBED_ELSEWHERE:
        return  # title and period from DOMAIN.md (data/plans/nld-nap.ttl), more precise
    titles = {o.value for o in facts.get(f"{DCTERMS}title", set())}
    assert titles == ({row["title"]} if row["title"] else set())
    period = _one(
        store,
        "SELECT ?start ?end ?startType ?endType WHERE { ?plan dcterms:temporal ?p "
        "OPTIONAL { ?p dcat:startDate ?start BIND (DATATYPE(?start) AS ?startType) } "
        "OPTIONAL { ?p dcat:endDate ?end BIND (DATATYPE(?end) AS ?endType) } }",
        plan=ox.NamedNode(plan),
    )
    if not row["start_year"]:
        assert period == []  # no years stated: no period
        return
    assert period == [
        {
            "start": row["start_year"],
            "end": row["end_year"],
            "startType": XSD + "gYear",
            "endType": XSD + "gYear" if row["end_year"] else "",
        }
    ]


def test_generation_chains_have_the_tables_gaps_and_no_other(store: OxigraphStore) -> None:
    rows = _rows()
    generations = {(r["iso3"] or r["country"], int(r["generation"])) for r in rows}
    links = {
        (r["plan"], r["before"])
        for r in _one(store, "SELECT ?plan ?before WHERE { ?plan wps:predecessorPlan ?before }")
    }
    for row in rows:
        owner, generation = row["iso3"] or row["country"], int(row["generation"])
        plan = iris.plan_iri_for_key(_key(row))
        before = [b for p, b in links if p == plan]
        if (owner, generation - 1) in generations:
            earlier = next(
                r
                for r in rows
                if (r["iso3"] or r["country"], int(r["generation"])) == (owner, generation - 1)
            )
            assert before == [iris.plan_iri_for_key(_key(earlier))], plan
        else:
            assert before == [], plan  # a gap the table has stays a gap


def test_counts_per_region_and_year_in_sparql_equal_the_files(store: OxigraphStore) -> None:
    rows = _rows()
    per_region = Counter(r.strip() for row in rows for r in row["region"].split(";"))
    sparql = _one(
        store,
        "SELECT ?name (COUNT(DISTINCT ?plan) AS ?n) WHERE { ?plan wps:region ?r . "
        "?r skos:prefLabel ?name FILTER (lang(?name) = 'en') } GROUP BY ?name",
    )
    assert {r["name"]: int(r["n"]) for r in sparql} == dict(per_region)
    per_year = Counter(row["adopted"][:4] for row in rows if row["adopted"])
    sparql = _one(
        store,
        "SELECT ?year (COUNT(DISTINCT ?plan) AS ?n) WHERE { ?plan dcterms:issued ?d ; "
        "wps:region ?r BIND (SUBSTR(STR(?d), 1, 4) AS ?year) } GROUP BY ?year",
    )
    assert {r["year"]: int(r["n"]) for r in sparql} == dict(per_year)
    countries = _one(
        store,
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?plan wps:country ?c ; wps:region ?r }",
    )
    assert int(countries[0]["n"]) == len({r["iso3"] for r in rows if r["iso3"]}) == 115


def test_regional_organisations_have_their_members(store: OxigraphStore) -> None:
    rows = _one(
        store,
        "SELECT ?org (COUNT(DISTINCT ?m) AS ?n) WHERE { ?plan wps:regionalOrganisation ?org . "
        "?org wps:memberState ?m } GROUP BY ?org",
    )
    members = {r["org"].rsplit("/", 1)[1]: int(r["n"]) for r in rows}
    assert members["eu"] == 27 and members["nato"] == 32 and members["igad"] == 8
    assert len(members) == len({r["country"] for r in _rows() if not r["iso3"]}) == 9


def test_the_shipped_turtle_is_what_the_table_builds() -> None:
    result = CliRunner().invoke(app, ["world", "build", "--check", "--table", str(TABLE)])
    assert result.exit_code == 0, result.output


def test_a_broken_row_is_named_by_line_and_column_and_nothing_is_read(tmp_path: Path) -> None:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    cells = lines[5].split("\t")
    cells[2], cells[6], cells[8] = "second", "2023-13", "maybe"
    lines[5] = "\t".join(cells)
    broken = tmp_path / "naps.tsv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(WorldTableError) as caught:
        read_world_table(broken)
    found = {(line, column) for line, column, _ in caught.value.problems}
    assert found == {(6, "generation"), (6, "adopted"), (6, "budget")}
    assert "line 6, adopted: expected YYYY, YYYY-MM or YYYY-MM-DD" in str(caught.value)
    result = CliRunner().invoke(
        app, ["world", "build", "--table", str(broken), "--out", str(tmp_path / "w.ttl")]
    )
    assert result.exit_code != 0 and not (tmp_path / "w.ttl").exists()
    assert "line 6, generation" in result.output
