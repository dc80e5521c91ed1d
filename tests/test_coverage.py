"""The coverage matrix's rows in the order a coordinator asks for (nap_graph.coverage)."""

from __future__ import annotations

import pytest

from nap_graph.coverage import Cell, Coverage, Outcome

A, B, C = (f"https://w3id.org/nap-graph/id/organisation/{x}" for x in ("a", "b", "c"))
NGO = "https://w3id.org/nap-graph/id/organisation-kind/ngo"
GOV = "https://w3id.org/nap-graph/id/organisation-kind/government"


def _matrix() -> Coverage:
    outcomes = [Outcome(f"urn:o{n}", str(n), f"Outcome {n}", True) for n in (1, 2, 3)]
    cells = {
        (A, "urn:o1"): Cell("urn:s:a", None, (), 1),
        (B, "urn:o1"): Cell("urn:s:b", None, (), 4),
        (B, "urn:o2"): Cell("urn:s:b", None, (), 4),
        (C, "urn:o1"): Cell("urn:s:c", None, (), 0),
        (C, "urn:o2"): Cell("urn:s:c", None, (), 0),
        (C, "urn:o3"): Cell("urn:s:c", None, (), 2),
    }
    labels = {
        A: "Zeta Foundation",
        B: "alpha network",
        C: "Mid Ministry",
        NGO: "NGO",
        GOV: "Ministry",
    }
    kinds = {A: NGO, B: NGO, C: GOV}
    return Coverage("urn:plan", outcomes, [A, B, C], cells, labels, kinds)


def test_rows_sort_by_name_outcomes_activities_and_kind() -> None:
    matrix = _matrix()
    assert matrix.sorted_by() == [B, C, A]  # names without regard to case
    assert matrix.sorted_by("name", "desc") == [A, C, B]
    assert matrix.sorted_by("outcomes", "desc") == [C, B, A]
    assert matrix.sorted_by("activities", "desc") == [B, C, A]  # 8, 2, 1
    assert matrix.sorted_by("activities", "asc") == [A, C, B]
    assert matrix.sorted_by("kind") == [C, B, A]  # Ministry, then the NGOs by name
    assert (matrix.outcomes_of(C), matrix.activities_of(B)) == (3, 8)


@pytest.mark.parametrize(
    "sort,order,field", [("colour", "asc", "sort"), ("name", "sideways", "order")]
)
def test_an_unknown_order_is_refused_naming_what_is_allowed(
    sort: str, order: str, field: str
) -> None:
    with pytest.raises(
        ValueError, match=f"^{field}: expected .*found '{sort if field == 'sort' else order}'"
    ):
        _matrix().sorted_by(sort, order)
