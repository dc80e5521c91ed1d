"""The competency questions of docs/queries/ answer exactly what the curated data says."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from nap_graph.querying import select

QUERIES = Path(__file__).resolve().parents[1] / "docs" / "queries"
ID = "https://w3id.org/nap-graph/id/"


def run(store: ox.Store, name: str) -> list[dict[str, str]]:
    return select(store, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))


def test_every_query_states_its_question() -> None:
    """The opening comment (every line up to the first that is not a comment) asks a
    question. (Before, the check also looked at the query text, where every ``?var`` made
    it pass.)"""
    for path in QUERIES.glob("*.rq"):
        lines = path.read_text(encoding="utf-8").splitlines()
        comment = []
        for line in lines:
            if not line.startswith("#"):
                break
            comment.append(line.removeprefix("#").strip())
        question = " ".join(comment)
        assert comment and "?" in question, f"{path.name}: {question!r}"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_has_an_exact_answer_test(path: Path) -> None:
    assert f'"{path.stem}"' in Path(__file__).read_text(encoding="utf-8")


def test_sub_outcome_3_2_contributors(store: ox.Store) -> None:
    rows = run(store, "sub-outcome-3-2-contributors")
    got = {
        (
            r["organisation"],
            r["activity"],
            frozenset(filter(None, r["partnerCountries"].split(", "))),
        )
        for r in rows
    }
    assert got == {
        (
            f"{ID}organisation/jenv",
            f"{ID}activity/jenv/international-crimes-annual-report",
            frozenset(),
        ),
        (
            f"{ID}organisation/jenv",
            f"{ID}activity/jenv/mla-treaty",
            frozenset({"Argentina", "Belgium", "Mongolia", "Senegal", "Slovenia"}),
        ),
    }


def test_ministry_units_by_sub_outcome(store: ox.Store) -> None:
    rows = run(store, "ministry-units-by-sub-outcome")
    got = [(r["notation"], r["unitName"], r["activities"]) for r in rows]
    assert got == [
        ("3.1", "", "0"),
        ("3.2", "", "0"),
        ("3.4", "Migration Policy Directorate", "3"),
        ("5.1", "", "0"),
    ]


def test_targets_and_observed_values(store: ox.Store) -> None:
    rows = run(store, "targets-and-observed-values")
    got = {
        (r["kind"], r["value"], r["unit"].rsplit("/", 1)[-1], r["year"], r["organisationName"])
        for r in rows
    }
    assert got == {
        # the record states no year: the end of NAP IV's term as adopted
        ("target", "30", "PERCENT", "2025", "Netherlands Police"),
        ("target", "100", "PERCENT", "2025", "Netherlands Police"),
        ("target", "3", "NUM", "2025", "Netherlands Police"),
        ("observed value", "6", "NUM", "2021", "Netherlands Police"),
    }


def test_outcome_pillar_mapping(store: ox.Store) -> None:
    rows = run(store, "outcome-pillar-mapping")
    got = {r["notation"]: (r["match"], r["pillarName"]) for r in rows}
    assert len(rows) == 21 == len(got)
    pillars = {
        "1": "Participation",
        "2": "Prevention",
        "3": "Protection",
        "4": "Relief and Recovery",
    }
    for code, pillar in pillars.items():
        assert got[code] == ("exact", pillar)
    assert got["5"] == ("broad", "Cross-cutting objective")
    subs = {
        "1": ["1.1", "1.2", "1.3"],
        "2": ["2.1", "2.2"],
        "3": ["3.1", "3.2", "3.3", "3.4"],
        "4": ["4.1", "4.2", "4.3"],
        "5": ["5.1", "5.2", "5.3", "5.4"],
    }
    for parent, children in subs.items():
        for child in children:
            assert got[child] == ("broad", got[parent][1]), child


def test_national_focus_activities(store: ox.Store) -> None:
    rows = run(store, "national-focus-activities")
    got = {r["activity"].rsplit("/", 1)[-1]: r["outcomes"] for r in rows}
    assert got == {
        "nap-coordination": "5",
        "international-crimes-education-afternoon": "3",
        "country-specific-immigration-policy": "3.1",
        "international-crimes-annual-report": "3.2",
        "asylum-gender-sensitivity-dialogue": "3.4",
        "asylum-multi-stakeholder-dialogues": "3.4",
        "external-expertise": "3.4",
    }


def test_activity_partners(store: ox.Store) -> None:
    rows = run(store, "activity-partners")
    got = {(r["partner"].rsplit("/", 1)[-1], r["kind"]) for r in rows}
    assert got == {
        ("coa", "Government body"),
        ("ind", "Government body"),
        ("mla-initiative", "Intergovernmental partnership"),
        ("tnn", "Civil-society organisation"),
    }


def test_submission_provenance(store: ox.Store) -> None:
    rows = run(store, "submission-provenance")
    assert rows == [
        {
            "submission": f"{ID}submission/nld-nap-4/jenv/9499130b86aac370",
            "organisationName": "Ministry of Justice and Security",
            "planName": "Dutch National Action Plan 1325-IV",
            "dateSubmitted": "2026-11-27",
            "fileName": "000_9b141defdd96629b.txt",
            "mediaType": "https://www.iana.org/assignments/media-types/text/plain",
            "sha256": "9499130b86aac3709e9724e226885d207ed0e08c18a4292699af4989f64e8276",
        }
    ]


def test_dutch_plans(store: ox.Store) -> None:
    rows = run(store, "dutch-plans")
    got = [
        (r["number"], r["start"][:4], r["end"][:4], r["extendedTo"][:4], r["predecessorName"])
        for r in rows
    ]
    assert got == [
        ("1", "2008", "2011", "", ""),
        ("2", "2012", "2015", "", "Dutch National Action Plan 1325-I"),
        ("3", "2016", "2019", "2020", "Dutch National Action Plan 1325-II"),
        ("4", "2021", "2025", "2027", "Dutch National Action Plan 1325-III"),
    ]


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_declares_its_prefixes_and_runs_anywhere(store: ox.Store, path: Path) -> None:
    """No prologue added: the file runs as it is in any SPARQL tool (here Oxigraph's own
    parser and rdflib's W3C-tested one), and gives no duplicate rows."""
    from rdflib.plugins.sparql import prepareQuery

    text = path.read_text(encoding="utf-8")
    prepareQuery(text)
    rows = [tuple(map(str, r)) for r in store.query(text, use_default_graph_as_union=True)]
    assert len(rows) == len(set(rows)), f"{path.name}: duplicate rows"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_query_has_a_title_in_english_and_dutch(path: Path) -> None:
    """The query page names its tabs by these, in the reader's language."""
    first, second = path.read_text(encoding="utf-8").splitlines()[:2]
    assert first.startswith("# en: ") and len(first) > 8, first
    assert second.startswith("# nl: ") and len(second) > 8, second
    assert first[6:] != second[6:] or first[6:].startswith("NAP")


def test_every_query_is_listed_in_the_querying_guide() -> None:
    guide = (QUERIES.parent / "querying.md").read_text(encoding="utf-8")
    assert [p.name for p in QUERIES.glob("*.rq") if f"({'queries/' + p.name})" not in guide] == []


def test_compare_pillar_areas(store: ox.Store) -> None:
    rows = run(store, "compare-pillar-areas")
    countries = {r["country"] for r in rows}
    assert countries == {"NLD", "DEU", "IRL", "NOR", "CAN", "GBR", "USA", "FIN"}
    assert {
        (r["country"], r["code"], r["match"])
        for r in rows
        if r["pillarName"] == "Relief and Recovery"
    } == {
        ("NLD", "4", "exact"),
        ("DEU", "3", "related"),
        ("DEU", "4", "close"),
        ("IRL", "3", "close"),
        ("NOR", "2", "related"),
        ("NOR", "4", "close"),
        ("CAN", "3", "close"),
        ("GBR", "3", "close"),
        ("USA", "3", "close"),
        ("FIN", "4", "related"),
    }


def test_compare_cross_cutting(store: ox.Store) -> None:
    rows = run(store, "compare-cross-cutting")
    by_country: dict[str, list[str]] = {}
    for r in rows:
        by_country.setdefault(r["country"], []).append(r["areaName"])
    assert by_country == {
        "CAN": ["Leadership and capabilities", "Inclusion"],
        "DEU": ["Strengthening the WPS agenda", "Institutional integration and capacities"],
        "FIN": ["Implementation and mainstreaming"],
        "IRL": ["Promotion"],
        "NLD": ["WPS Mainstreaming"],
        "NOR": ["Sustaining peace"],
        "USA": ["Integration and institutionalisation", "Partnerships"],
    }


def test_compare_missing_pillars(store: ox.Store) -> None:
    rows = run(store, "compare-missing-pillars")
    assert [(r["country"], r["pillarName"]) for r in rows] == [
        ("NOR", "Prevention"),
        ("USA", "Prevention"),
    ]


def test_compare_counts(store: ox.Store) -> None:
    rows = run(store, "compare-counts")
    counts = {(r["country"], r["pillarName"]): r["areas"] for r in rows}
    assert (
        counts[("NLD", "Protection")] == "1" and counts[("CAN", "Cross-cutting objective")] == "2"
    )
    assert sum(int(v) for (c, _), v in counts.items() if c == "GBR") == 8


def _world_table() -> list[dict[str, str]]:
    import csv

    from nap_graph.world.building import reference_table

    with reference_table().open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_sdg_targets_served(store: ox.Store) -> None:
    rows = run(store, "sdg-targets-served")
    close = {(r["targetCode"], r["code"]) for r in rows if r["match"] == "close"}
    assert close == {("5.5", "1"), ("5.5", "1.1"), ("5.2", "3"), ("5.c", "5.2")}
    protection = next(r for r in rows if (r["targetCode"], r["code"]) == ("5.2", "3"))
    assert int(protection["activities"]) >= 1


def test_world_adoptions_per_region_agree_with_the_table(store: ox.Store) -> None:
    from collections import Counter

    table = _world_table()
    expected = Counter(
        (row["adopted"][:4], region.strip())
        for row in table
        if row["adopted"]
        for region in row["region"].split(";")
    )
    rows = run(store, "world-adoptions-per-region")
    assert {(r["year"], r["region"]): int(r["plans"]) for r in rows} == dict(expected)


def test_world_lapsed_plans_have_no_successor_and_ended_before_2026(store: ox.Store) -> None:

    table = _world_table()
    rows = run(store, "world-lapsed-plans")
    assert rows and all(int(r["ended"]) < 2026 for r in rows)
    for r in rows:
        later = [
            t
            for t in table
            if t["iso3"] == r["code"] and int(t["generation"]) > int(r["generation"])
        ]
        assert later == [], r
    assert "NLD" not in {r["code"] for r in rows}  # NAP IV runs to 2027


def test_activities_by_purpose_code(store: ox.Store) -> None:
    rows = run(store, "activities-by-purpose-code")
    got = {(r["activity"].rsplit("/", 1)[1], r["purposeCode"], r["genderMarker"]) for r in rows}
    assert got == {
        ("police-mission-mandate", "15230", ""),
        ("gender-focal-points", "15230", "2"),
        ("police-gender-training", "15130", "2"),
        ("mla-treaty", "15130", ""),
        ("international-crimes-annual-report", "15130", ""),
    }


def test_world_budget_and_monitoring_agree_with_the_table(store: ox.Store) -> None:
    from collections import Counter

    table = _world_table()
    plans, budget, no_budget, monitored = Counter(), Counter(), Counter(), Counter()
    for row in table:
        for region in (r.strip() for r in row["region"].split(";")):
            plans[region] += 1
            budget[region] += row["budget"] in ("yes", "partial")
            no_budget[region] += row["budget"] == "no"
            monitored[region] += row["monitoring"] in ("yes", "partial")
    rows = {r["region"]: r for r in run(store, "world-budget-and-monitoring")}
    for region, n in plans.items():
        r = rows[region]
        assert (int(r["plans"]), int(r["withBudget"]), int(r["withoutBudget"])) == (
            n,
            budget[region],
            no_budget[region],
        ), region
        assert int(r["withMonitoring"]) == monitored[region], region
