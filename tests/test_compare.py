"""Comparing plans across the pillars: the report for Protection lists, for each of the eight
plans, exactly the areas whose subject is protection (from the plans' outcome areas in
shared/reference/DOMAIN.md, mapped as docs/interoperability.md explains)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nap_graph.cli import app
from nap_graph.compare import compare
from nap_graph.default_data import initialise
from nap_graph.store import OxigraphStore

PROTECTION = {
    "NLD": {("3", "Protection", "exact")},
    "DEU": {("3", "Protection and support", "close")},
    "IRL": {("3", "Protection, including relief and recovery", "close")},
    "NOR": {("3", "Operations and missions", "related"), ("4", "Humanitarian efforts", "related")},
    "CAN": {
        ("2", "Security, justice and accountability", "close"),
        ("4", "Sexual and gender-based violence", "close"),
    },
    "GBR": {
        ("2", "Gender-based violence", "close"),
        ("3", "Humanitarian and crisis response", "related"),
        ("4", "Security and justice", "related"),
    },
    "USA": {("2", "Protection", "exact")},
    "FIN": {
        ("3", "Security sector and crisis management", "related"),
        ("4", "Safety and rights of women and girls in crises", "close"),
    },
}


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    target = OxigraphStore()
    initialise(target)
    return target


def test_protection_report_lists_the_right_areas_of_all_eight_plans(store: OxigraphStore) -> None:
    report = compare(store, pillar="protection")
    got: dict[str, set[tuple[str, str, str]]] = {}
    for m in report.mappings:
        got.setdefault(m.country, set()).add((m.code, m.area, m.match))
    assert got == PROTECTION


def test_plans_without_an_area_for_a_pillar(store: OxigraphStore) -> None:
    assert compare(store).missing == [
        ("NOR", "Norway National Action Plan 2019-2022 Women, Peace and Security", "Prevention"),
        (
            "USA",
            "U.S. Strategy and National Action Plan on Women, Peace and Security",
            "Prevention",
        ),
    ]


def test_every_plan_has_areas_for_participation_and_counts_add_up(store: OxigraphStore) -> None:
    report = compare(store)
    participation = {m.country for m in report.mappings if m.pillar_name == "Participation"}
    assert participation == set(PROTECTION)
    counts = {(c, p): n for c, p, n in report.counts}
    assert counts[("gbr-nap-2023", "Protection")] == 3
    assert ("gbr-nap-2023", "Cross-cutting objective") not in counts
    assert counts[("deu-nap-2021", "Cross-cutting objective")] == 2


def test_many_to_many_mappings_are_kept(store: OxigraphStore) -> None:
    irl3 = [m.pillar_name for m in compare(store).mappings if m.country == "IRL" and m.code == "3"]
    assert sorted(irl3) == ["Protection", "Relief and Recovery"]


def test_cli_compare_csv(tmp_path) -> None:
    result = CliRunner().invoke(
        app,
        ["compare", "--pillar", "protection", "--format", "csv", "--store", str(tmp_path / "s")],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "pillar,country,plan,plan_iri,code,area,match"
    assert len(lines) == 1 + sum(len(v) for v in PROTECTION.values())


def test_unknown_pillar_is_empty(store: OxigraphStore) -> None:
    assert compare(store, pillar="nonsense").mappings == []


def test_chosen_plans_only_and_in_the_readers_language(store: OxigraphStore) -> None:
    from nap_graph.world.plans import PlanFilter

    report = compare(store, chosen=PlanFilter.parse(country="can,NLD"), lang="nl")
    assert [p.key for p in report.plans] == ["can-nap-2023", "nld-nap-4"]
    assert {m.country for m in report.mappings} == {"CAN", "NLD"}
    assert "Participatie" in report.pillars()
    by_year = compare(store, chosen=PlanFilter.parse(year="2020"))
    assert {p.key for p in by_year.plans} == {"irl-nap-2019", "nor-nap-2019"}
    by_region = compare(store, chosen=PlanFilter.parse(region="Americas"))
    assert {p.key for p in by_region.plans} == {"can-nap-2023", "usa-nap-2023"}


def test_cli_compare_chosen_plans(tmp_path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "compare",
            "--plan",
            "deu-nap-2021",
            "--plan",
            "fin-nap-2023",
            "--format",
            "json",
            "--store",
            str(tmp_path / "s"),
        ],
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    assert [p["key"] for p in data["plans"]] == ["fin-nap-2023", "deu-nap-2021"]
    assert {m["plan"].rsplit("/", 1)[1] for m in data["mappings"]} == {
        "deu-nap-2021",
        "fin-nap-2023",
    }


def test_a_bad_choice_is_named(tmp_path) -> None:
    result = CliRunner().invoke(
        app, ["compare", "--year", "twenty", "--store", str(tmp_path / "s")]
    )
    assert result.exit_code != 0 and "year: expected a whole number" in result.output
