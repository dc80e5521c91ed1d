"""Finding stored submissions: the current ones (filtered, paged) and one version as a
document with its history."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH


@dataclass(frozen=True, slots=True)
class SubmissionSummary:
    submission: str
    organisation: str
    organisation_name: str
    plan: str
    received: str


def list_submissions(
    store: Queryable,
    *,
    organisation: str | None = None,
    plan: str | None = None,
    outcome: str | None = None,
    lang: str = "en",
) -> list[SubmissionSummary]:
    """Current submissions, newest first, organisations named in ``lang`` (English where an
    organisation has no such name); filters are IRIs."""
    bindings: dict[str, ox.NamedNode | ox.Literal] = {
        "provenance": ox.NamedNode(PROVENANCE_GRAPH),
        "lang": ox.Literal(lang),
    }
    for name, value in (("org", organisation), ("plan", plan), ("outcome", outcome)):
        if value:
            bindings[name] = ox.NamedNode(value)
    result = store.query(
        queries.load("submissions.rq"), bindings=bindings, union_default_graph=False
    )
    assert isinstance(result, SelectResult)
    seen: dict[str, SubmissionSummary] = {}
    for row in result.values():
        seen.setdefault(
            row["submission"],
            SubmissionSummary(
                row["submission"], row["org"], row["organisation"], row["plan"], row["received"]
            ),
        )
    return list(seen.values())


def submission_document(store: Queryable, submission: str) -> list[ox.Triple]:
    """The version's triples and its history; empty if no such version is stored."""
    result = store.query(
        queries.load("submission-document.rq"),
        bindings={
            "provenance": ox.NamedNode(PROVENANCE_GRAPH),
            "submission": ox.NamedNode(submission),
        },
        union_default_graph=False,
    )
    return result if isinstance(result, list) else []
