"""Plans in and out: the template (CSV, JSON), the plan shapes, loading into a graph of its
own; every shipped plan passes the shapes; a broken plan is reported by row and column."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.default_files import default_graph_files, parse_into
from nap_graph.errors import PlanReadError
from nap_graph.integrity import validate_integrity
from nap_graph.plans.importing import check_plan, load_plan
from nap_graph.plans.model import PlanRecord
from nap_graph.plans.reading import read_plan
from nap_graph.store import OxigraphStore
from nap_graph.store.results import SelectResult

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLE = DOCS / "examples" / "plan-irl.csv"
IRL = "https://w3id.org/nap-graph/id/outcome/irl-nap-2019/"


def test_example_plan_is_valid_and_loads_into_its_own_graph() -> None:
    record, locations = read_plan(EXAMPLE.read_bytes(), EXAMPLE.name)
    assert record.key == "irl-nap-2019" and len(record.areas) == 4
    built, problems = check_plan(record, locations)
    assert problems == []
    store = OxigraphStore()
    load_plan(store, built)
    assert store.named_graphs(lambda g: not g.endswith("/generation")) == [
        "https://w3id.org/nap-graph/graph/plans/irl-nap-2019"
    ]
    result = store.query(
        "SELECT ?code ?pillar WHERE { ?a skos:notation ?code ; skos:closeMatch ?pillar }",
        union_default_graph=True,
    )
    assert isinstance(result, SelectResult)
    assert sorted((r["code"], r["pillar"].rsplit("/", 1)[-1]) for r in result.values()) == [
        ("3", "protection"),
        ("3", "relief-and-recovery"),
    ]


def test_imported_plan_agrees_with_the_shipped_one() -> None:
    record, locations = read_plan(EXAMPLE.read_bytes(), EXAMPLE.name)
    built, _ = check_plan(record, locations)
    shipped = parse_into(
        Graph(), next(f.path for f in default_graph_files() if f.graph.endswith("/plans/irl"))
    )
    for code in ("1", "2", "3", "4"):
        area = URIRef(IRL + code)
        for relation in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch):
            assert {
                o.value for o in built.graph.objects(ox.NamedNode(area), ox.NamedNode(relation))
            } == {str(o) for o in shipped.objects(area, relation)}, (code, relation)


def test_json_round_trip() -> None:
    record, _ = read_plan(EXAMPLE.read_bytes(), EXAMPLE.name)
    again, _ = read_plan(record.model_dump_json().encode(), "plan.json")
    assert again == record


def test_broken_plan_names_row_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("participation:exact", "peace:exact"),
        encoding="utf-8",
    )
    record, locations = read_plan(broken.read_bytes(), broken.name)
    _built, problems = check_plan(record, locations)
    assert [(p.location.row, p.location.column, p.severity.value) for p in problems] == [
        (3, "mappings", "violation")
    ]
    assert "must be mapped onto at least one UNSCR 1325 pillar" in problems[0].message


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("prevention:exact", "prevention:maybe"), "row 2, column mappings"),
        (("2019-01-01", "1 January 2019"), "row 2, column start"),
        (("IRL,Ireland", "Ireland,Ireland"), "row 2, column country"),
    ],
)
def test_unreadable_plan_errors_name_row_and_column(
    tmp_path: Path, edit: tuple[str, str], expected: str
) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    result = CliRunner().invoke(app, ["import-plan", str(path), "--dry-run"])
    assert result.exit_code == 2
    assert expected in result.output


def test_inconsistent_plan_columns_are_an_error(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2024-12-31", "2025-12-31")
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PlanReadError) as info:
        read_plan(path.read_bytes(), path.name)
    assert (
        info.value.problems[0].location.row == 4 and info.value.problems[0].location.column == "end"
    )


def test_cli_import_plan_refuses_a_plan_the_store_holds_and_replaces_it_when_asked(
    tmp_path: Path,
) -> None:
    """Before: importing the example loaded a second copy of the shipped Irish plan, and
    compare then printed Ireland's rows many times over."""
    store = str(tmp_path / "s")
    refused = CliRunner().invoke(app, ["import-plan", str(EXAMPLE), "--store", store])
    assert refused.exit_code == 2, refused.output  # fail(): the store refused
    assert "is in the store already" in refused.output and "--replace" in refused.output
    result = CliRunner().invoke(app, ["import-plan", str(EXAMPLE), "--store", store, "--replace"])
    assert result.exit_code == 0, result.output
    assert "loaded <https://w3id.org/nap-graph/id/plan/irl-nap-2019>" in result.output
    compared = CliRunner().invoke(app, ["compare", "--store", store, "--format", "csv"])
    assert compared.exit_code == 0, compared.output
    irish = [line for line in compared.output.splitlines() if "Ireland" in line]
    assert 0 < len(irish) <= 8, irish  # one row per area and pillar, not one per copy


@pytest.mark.parametrize(
    "plan_file",
    [f for f in default_graph_files() if "/plans/" in f.graph],
    ids=lambda f: f.graph.rsplit("/", 1)[-1],
)
def test_every_shipped_plan_passes_the_plan_shapes(plan_file) -> None:
    data = Graph()
    for item in default_graph_files():
        if item.graph.endswith(("/reference/pillars", "/reference/countries")) or item is plan_file:
            parse_into(data, item.path)
    report = validate_integrity(data)
    assert report.findings == (), report.text()


def test_schema_and_template_are_current() -> None:
    assert (
        json.loads((DOCS / "plan.schema.json").read_text(encoding="utf-8"))
        == PlanRecord.model_json_schema()
    )
    from nap_graph.plans.reading import COLUMNS

    assert (DOCS / "plan-template.csv").read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_plan_as_rdf(tmp_path: Path) -> None:
    shipped = next(f.path for f in default_graph_files() if f.graph.endswith("/plans/fin"))
    ok = CliRunner().invoke(
        app, ["import-plan", str(shipped), "--store", str(tmp_path / "s"), "--replace"]
    )
    assert ok.exit_code == 0, ok.output
    assert "into <https://w3id.org/nap-graph/graph/plans/fin-nap-2023>" in ok.output
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        shipped.read_text(encoding="utf-8").replace(
            "skos:closeMatch pillar:prevention", "skos:closeMatch pillar:nowhere"
        ),
        encoding="utf-8",
    )
    bad = CliRunner().invoke(app, ["import-plan", str(broken), "--dry-run"])
    assert (
        bad.exit_code == 1
        and "<https://w3id.org/nap-graph/id/outcome/fin-nap-2023/1>" in bad.output
    )
    none = tmp_path / "none.ttl"
    none.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .")
    assert CliRunner().invoke(app, ["import-plan", str(none)]).exit_code == 2


def test_a_known_coordinator_becomes_wps_coordinator() -> None:
    """The coordinator's name is resolved like a record's organisation: a known one is linked
    (wps:coordinator), an unknown one stays a name (dcterms:contributor)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    known = text.replace("Department of Foreign Affairs", "WO=MEN Dutch Gender Platform")
    record, locations = read_plan(known.encode(), EXAMPLE.name)
    built, _ = check_plan(record, locations)
    plan = ox.NamedNode(built.plan)
    coordinator = ox.NamedNode("https://w3id.org/nap-graph/def/wps#coordinator")
    contributor = ox.NamedNode("http://purl.org/dc/terms/contributor")
    assert [o.value for o in built.graph.objects(plan, coordinator)] == [
        "https://w3id.org/nap-graph/id/organisation/wo-men"
    ]
    assert list(built.graph.objects(plan, contributor)) == []
    record, locations = read_plan(EXAMPLE.read_bytes(), EXAMPLE.name)
    built, _ = check_plan(record, locations)
    assert list(built.graph.objects(plan, coordinator)) == []
    assert [o.value for o in built.graph.objects(plan, contributor)] == [record.coordinator]


def test_the_pillar_shortcut_agrees_with_the_mappings() -> None:
    """Every outcome area's wps:pillar is a pillar one of its SKOS mappings names, and every
    mapped pillar is a wps:pillar: in the shipped data and for an imported plan."""
    from nap_graph.default_data import load_default_store

    store = load_default_store()
    query = (
        "SELECT DISTINCT ?area ?pillar WHERE { ?area %s ?pillar "
        "FILTER (STRSTARTS(STR(?pillar), 'https://w3id.org/nap-graph/id/pillar/')) }"
    )
    mapped = {
        (r["area"].value, r["pillar"].value)
        for r in store.query(
            query
            % "skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch",
            prefixes={"skos": "http://www.w3.org/2004/02/skos/core#"},
            use_default_graph_as_union=True,
        )
    }
    shortcut = {
        (r["area"].value, r["pillar"].value)
        for r in store.query(
            query % "<https://w3id.org/nap-graph/def/wps#pillar>", use_default_graph_as_union=True
        )
    }
    assert mapped == shortcut and len(mapped) > 60
    record, locations = read_plan(EXAMPLE.read_bytes(), EXAMPLE.name)
    built, _ = check_plan(record, locations)
    pairs = {
        (t.subject.value, t.object.value)
        for t in built.graph
        if t.predicate.value == "https://w3id.org/nap-graph/def/wps#pillar"
    }
    assert pairs and all(p.startswith("https://w3id.org/nap-graph/id/pillar/") for _, p in pairs)
