"""What replacing a record will do to its curation, said before it is stored.

A valid record that would become the new current version of a curated record carries the
curation over (:mod:`nap_graph.versions`); the activities whose outcomes it no longer selects
will then wait for a coordinator's review. :func:`warn_about_review` adds that as a warning
to the record's report, so the signatory reads it on ``/check``, in ``/my/records``, from
the API and from ``nap-graph validate --store``, before anything is replaced.
"""

from __future__ import annotations

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.i18n import gettext as _
from nap_graph.i18n import language
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.submissions.checking import CheckResult
from nap_graph.submissions.model import Location, Problem, Severity
from nap_graph.terms import SKOS, WPS
from nap_graph.versions import carry_over


def _current(store: Queryable, history: str) -> str | None:
    result = store.query(
        queries.load("current-version.rq"),
        bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH), "history": ox.NamedNode(history)},
        union_default_graph=False,
    )
    return result.rows[0]["old"].value if isinstance(result, SelectResult) and result.rows else None


def activities_to_review(store: Queryable, report: object) -> list[str]:
    """The names of the curated activities that storing ``report``'s record would put up for
    review (empty when the record is new, unchanged, or keeps every curated outcome)."""
    built = report.submission  # type: ignore[attr-defined]
    plan = iris.plan_iri_for_key(report.parsed.record.plan)  # type: ignore[attr-defined]
    org_key = built.organisation.value.removeprefix(iris.id_prefix("organisation"))
    current = _current(store, iris.submission_history_iri(plan, org_key))
    if current is None or current == built.submission.value:
        return []
    moved = carry_over(store, current, built.submission.value, built.graph)
    if moved is None:
        return []
    _graph, triples = moved
    flagged = {t.subject for t in triples if t.predicate == WPS.needsReview}
    names = {
        t.subject: t.object.value
        for t in triples
        if t.subject in flagged and t.predicate == SKOS.prefLabel
    }
    return sorted(names.get(a, a.value) for a in flagged)


def warn_about_review(store: Queryable, result: CheckResult, *, lang: str = "en") -> None:
    """Add a warning to each valid record of ``result`` whose storing would put curated
    activities up for review."""
    for record in result.records:
        report = record.report
        if report is None or not report.conforms:
            continue
        names = activities_to_review(store, report)
        if not names:
            continue
        with language(lang):
            message = _(
                "replacing the current record will put {count} curated activities up for a "
                "coordinator's review, because this version no longer selects their "
                "outcomes: {names}; they stay in view until then"
            ).format(count=len(names), names="; ".join(names))
        record.problems.append(
            Problem(Severity.warning, message, Location("sub_outcomes"), found=None)
        )
