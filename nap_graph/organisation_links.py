"""Linking a submitted organisation to a known one (or merging two submitted ones).

A record from an organisation nap-graph does not recognise mints a new organisation
(``id/organisation/<slug of its name>``); the report names any known organisation it is close
to. A coordinator who knows they are the same links them::

    nap-graph link-organisation department-of-defense defensie --by "WO=MEN"

and the graph follows, in one update under the store's write lock:

- every statement that names the submitted organisation names the known one instead, in every
  graph (submissions, their provenance, curations); the submitted organisation's own
  description is dropped and its name kept as a ``skos:hiddenLabel`` of the known one;
- its submission histories merge into the known one's: versions keep their IRIs (IRIs are
  forever), the histories are ``dcterms:isReplacedBy`` the known one's, and where both had a
  current version of a plan the later received stays current and supersedes the other;
- the links graph (``graph/links/organisations``) records ``<old> dcterms:isReplacedBy
  <known>`` and the link itself (``id/organisation/<old>/link``, a ``wps:OrganisationLink``
  and ``prov:Activity``: who made it and when);
- records that later name the submitted organisation are read as the known one's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.agents import named_agent
from nap_graph.errors import CurationRefusedError
from nap_graph.iris import LINKS_GRAPH
from nap_graph.namespaces import ID
from nap_graph.reference import reference_index
from nap_graph.store.protocol import GraphStore, Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH

XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What a link changed."""

    old: str
    new: str
    histories: list[str]
    superseded: list[str]


def organisation_links(store: Queryable) -> dict[str, str]:
    """Submitted organisation IRI -> the known organisation it was linked to."""
    result = store.query(
        queries.load("organisation-links.rq"), bindings={"links": ox.NamedNode(LINKS_GRAPH)}
    )
    if not isinstance(result, SelectResult):
        return {}
    return {row["old"].value: row["new"].value for row in result.rows}


def _current(store: Queryable, history: str) -> str | None:
    result = store.query(
        queries.load("current-version.rq"),
        bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH), "history": ox.NamedNode(history)},
        union_default_graph=False,
    )
    rows = result.rows if isinstance(result, SelectResult) else []
    return rows[0]["old"].value if rows else None


def _received(store: Queryable, version: str) -> str:
    result = store.query(
        queries.load("version-received.rq"),
        bindings={"provenance": ox.NamedNode(PROVENANCE_GRAPH), "version": ox.NamedNode(version)},
        union_default_graph=False,
    )
    rows = result.rows if isinstance(result, SelectResult) else []
    return rows[0]["received"].value if rows else ""


def _exists(store: Queryable, organisation: str) -> bool:
    return bool(
        store.query(
            queries.load("resource-exists.rq"), bindings={"resource": ox.NamedNode(organisation)}
        )
    )


def link_organisation(
    store: GraphStore, old: str, new: str, *, by: str, now: datetime | None = None
) -> LinkResult:
    """Link the submitted organisation ``old`` to ``new`` (IRIs); see the module docstring."""
    index = reference_index()
    if old == new:
        raise CurationRefusedError(f"{old} cannot be linked to itself")
    if old in index.organisation_names:
        raise CurationRefusedError(
            f"{old} is in the reference data; link the submitted organisation to it instead"
        )
    stamp = ox.Literal(
        (now or datetime.now(UTC)).isoformat(timespec="seconds"), datatype=XSD_DATETIME
    )
    old_key = old.removeprefix(f"{ID}organisation/")
    new_key = new.removeprefix(f"{ID}organisation/")
    with store.write_lock():
        for iri, what in ((old, "submitted"), (new, "known")):
            if not (_exists(store, iri) or iri in index.organisation_names):
                raise CurationRefusedError(f"no {what} organisation {iri} in the store")
        if old in organisation_links(store):
            raise CurationRefusedError(
                f"{old} is already linked to {organisation_links(store)[old]}"
            )
        operations = [
            queries.update_with_values(
                "link-organisation.ru",
                {
                    "old": ox.NamedNode(old),
                    "new": ox.NamedNode(new),
                    "links": ox.NamedNode(LINKS_GRAPH),
                    "link": ox.NamedNode(iris.organisation_link_iri(old_key)),
                    "now": stamp,
                    "by": named_agent(by),
                    "byName": ox.Literal(by),
                },
            )
        ]
        histories, superseded = [], []
        for plan in index.plan_names:
            plan_iri = iris.plan_iri_for_key(plan)
            old_history = iris.submission_history_iri(plan_iri, old_key)
            new_history = iris.submission_history_iri(plan_iri, new_key)
            old_current = _current(store, old_history)
            if old_current is None:
                continue
            histories.append(old_history)
            operations.append(
                queries.update_with_values(
                    "merge-histories.ru",
                    {
                        "provenance": ox.NamedNode(PROVENANCE_GRAPH),
                        "oldHistory": ox.NamedNode(old_history),
                        "newHistory": ox.NamedNode(new_history),
                    },
                )
            )
            new_current = _current(store, new_history)
            current, loser = old_current, new_current
            if new_current and _received(store, new_current) > _received(store, old_current):
                current, loser = new_current, old_current
            if loser:
                superseded.append(loser)
            operations.append(
                queries.update_with_values(
                    "set-current-version.ru",
                    {
                        "provenance": ox.NamedNode(PROVENANCE_GRAPH),
                        "history": ox.NamedNode(new_history),
                        "version": ox.NamedNode(current),
                        "superseded": ox.NamedNode(loser) if loser else None,
                        "now": stamp,
                    },
                )
            )
        store.update(" ;\n".join(operations))
    return LinkResult(old=old, new=new, histories=histories, superseded=superseded)
