"""A coordinator's review of curated activities that no longer fit their record.

When a new version of a record becomes current, its curation is carried over
(:mod:`nap_graph.versions`); an activity whose outcomes that version no longer selects stays
in view, marked ``wps:needsReview``. A coordinator sees them (:func:`needing_review`: the
``/review`` page, its JSON, ``nap-graph review``) and either keeps the activity for this
version (it contributes to the plan all the same) or drops it from the record's curation.
Both change the stored curation document and state the curation again, so the decision is
carried over with it; the dropped activity's page then says it is no longer current.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.errors import NotFoundError, RefusedError
from nap_graph.i18n import gettext as _
from nap_graph.iris import PROVENANCE_GRAPH
from nap_graph.store.protocol import GraphStore, Queryable
from nap_graph.store.results import SelectResult
from nap_graph.submissions.activities_rdf import first_text
from nap_graph.submissions.curation import (
    CurationDocument,
    curation_graph,
    stored_document,
    stored_input,
    unselected,
    version_facts,
)


@dataclass(slots=True)
class ReviewItem:
    """A curated activity that needs a review, and the outcomes no longer selected."""

    activity: str
    name: str
    organisation: str
    organisation_name: str
    version: str
    outcomes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "activity": self.activity,
            "name": self.name,
            "organisation": self.organisation,
            "organisation_name": self.organisation_name,
            "version": self.version,
            "outcomes_no_longer_selected": self.outcomes,
        }


def needing_review(
    store: Queryable, organisation: str | None = None, *, lang: str = "en"
) -> list[ReviewItem]:
    """Every curated activity of a current record that needs a review (of one organisation
    when ``organisation`` is its IRI), named in ``lang`` where a label has it, else in
    English."""
    result = store.query(
        queries.load("needs-review.rq"),
        bindings={
            "provenance": ox.NamedNode(PROVENANCE_GRAPH),
            "organisation": ox.NamedNode(organisation) if organisation else None,
        },
    )
    items: dict[str, ReviewItem] = {}
    names: dict[str, dict[str, str]] = {}
    for row in result.rows if isinstance(result, SelectResult) else []:
        iri, org = row["activity"].value, row["organisation"].value
        item = items.setdefault(
            iri,
            ReviewItem(
                iri, iri.rsplit("/", 1)[-1], org, org.rsplit("/", 1)[-1], row["version"].value
            ),
        )
        if row["code"].value not in item.outcomes:
            item.outcomes.append(row["code"].value)
        for key, column in ((iri, "name"), (org, "orgName")):
            label = row.get(column)
            if label is not None:
                names.setdefault(key, {}).setdefault(
                    getattr(label, "language", "") or "", label.value
                )
    for item in items.values():
        for_item, for_org = names.get(item.activity, {}), names.get(item.organisation, {})
        item.name = for_item.get(lang) or for_item.get("en") or item.name
        item.organisation_name = for_org.get(lang) or for_org.get("en") or item.organisation_name
    return sorted(items.values(), key=lambda i: (i.organisation_name, i.name))


def activity_iris(document: CurationDocument, organisation_key: str) -> list[str]:
    """The IRI each of the document's activities gets, in order (as stated by
    :func:`~nap_graph.submissions.activities_rdf.add_activity`)."""
    taken: set[str] = set()
    out = []
    for activity in document.activities:
        key = iris.unique_slug(activity.key or first_text(activity.name, document.language), taken)
        taken.add(key)
        out.append(iris.activity_iri(organisation_key, key))
    return out


def decide(
    store: GraphStore, item: ReviewItem, *, keep: bool, now: datetime | None = None
) -> CurationDocument:
    """Keep or drop one activity of the current curation of ``item.version``, under the write
    lock; the curation document as stored now."""
    with store.write_lock():
        document = stored_document(store, item.version)
        facts = version_facts(store, item.version)
        if document is None or facts is None:
            raise NotFoundError(f"no curation of {item.version} in the store")
        org_key = facts.organisation.removeprefix(iris.id_prefix("organisation"))
        positions = activity_iris(document, org_key)
        if item.activity not in positions:
            raise NotFoundError(f"{item.activity} is not in the curation of {item.version}")
        index = positions.index(item.activity)
        if not unselected(document.activities[index], facts) or item.activity in document.kept:
            raise RefusedError(_("{name} needs no review").format(name=item.name))
        if keep:
            changed = document.model_copy(update={"kept": [*document.kept, item.activity]})
        else:
            activities = [a for i, a in enumerate(document.activities) if i != index]
            # keys stay as they were: an activity's IRI never changes when another is dropped
            for i, activity in enumerate(activities):
                old = positions[i if i < index else i + 1]
                activities[i] = activity.model_copy(update={"key": old.rsplit("/", 1)[-1]})
            changed = document.model_copy(update={"activities": activities})
        built = curation_graph(changed, stored_input(changed), store, now=now)
        store.put_graph(iris.curation_graph_iri(item.version), list(built.graph))
    return changed


def find_item(store: Queryable, activity: str) -> ReviewItem:
    """The review item of ``activity``; :class:`NotFoundError` when it needs none."""
    for item in needing_review(store):
        if item.activity == activity:
            return item
    raise NotFoundError(
        _("{activity} is not waiting for a review (the review list names them)").format(
            activity=activity
        )
    )
