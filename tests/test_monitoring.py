"""The monitoring overview's per-signatory table in the order a coordinator asks for
(nap_graph.monitoring)."""

from __future__ import annotations

import pytest

from nap_graph.monitoring import Activity, Measure, Monitoring

A, B = (
    "https://w3id.org/nap-graph/id/organisation/a",
    "https://w3id.org/nap-graph/id/organisation/b",
)


def _target(n: int) -> Measure:
    return Measure(f"urn:t{n}", "target", None, "10", None, "2025")


def _overview() -> Monitoring:
    activities = {
        "urn:a1": Activity("urn:a1", A, targets=[_target(1), _target(2)]),
        "urn:b1": Activity("urn:b1", B, targets=[_target(3)], observed=[_target(4)]),
        "urn:b2": Activity("urn:b2", B),
    }
    return Monitoring("urn:plan", [], activities, {A: "Zeta", B: "Alpha"})


def test_signatories_sort_by_name_and_by_each_count() -> None:
    overview = _overview()
    assert list(overview.per_signatory()) == [B, A]
    assert list(overview.per_signatory("name", "desc")) == [A, B]
    assert list(overview.per_signatory("activities", "desc")) == [B, A]
    assert list(overview.per_signatory("targets", "desc")) == [A, B]
    assert list(overview.per_signatory("targets", "asc")) == [B, A]
    assert overview.per_signatory()[A]["targets"] == 2


def test_an_unknown_column_is_refused_naming_the_choices() -> None:
    with pytest.raises(ValueError, match=r"^sort: expected one of name, activities"):
        _overview().per_signatory("colour")
    with pytest.raises(ValueError, match=r"^order: expected asc or desc"):
        _overview().per_signatory("name", "up")
