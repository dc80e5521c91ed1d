"""What a page shows about each kind of thing, read from the model (``queries/profile-*.rq``):
a plan's period, extension, actors and outcome framework; an organisation's structure,
contributions and activities; an outcome's place and contributors; an activity at a glance;
who works in a country; the activities for a target group."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.i18n import DEFAULT
from nap_graph.linked_data import labels_for
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.sparql_text import with_terms

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "plan": (
        ("period", "profile-plan-period.rq"),
        ("actors", "profile-plan-actors.rq"),
        ("framework", "profile-plan-framework.rq"),
    ),
    "organisation": (
        ("structure", "profile-organisation-structure.rq"),
        ("contributions", "profile-organisation-contributions.rq"),
        ("activities", "profile-organisation-activities.rq"),
    ),
    "outcome": (
        ("place", "profile-outcome-place.rq"),
        ("contributors", "profile-outcome-contributors.rq"),
    ),
    "activity": (("glance", "profile-activity.rq"),),
    "country": (
        ("plans", "profile-country-plans.rq"),
        ("country", "profile-country.rq"),
        ("alignments", "profile-country-alignments.rq"),
    ),
    "target-group": (("activities", "profile-target-group.rq"),),
}
"""The sections of each kind's page, each from one query."""
ROWS = 200
"""At most this many rows per section (the queries' ``LIMIT``); a page says when it shows
the first ones only."""
LISTS = {"investments", "outcomes", "partners", "targetGroups", "countries", "targets"}
"""Columns that hold several IRIs (``GROUP_CONCAT``, separated by spaces)."""


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a row: an IRI (with its label) or a literal."""

    text: str
    iri: str | None = None
    term: ox.Literal | None = None


Row = dict[str, list[Value]]


@dataclass(slots=True)
class Node:
    """An outcome in a framework tree."""

    iri: str
    label: str
    notation: str
    children: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Profile:
    """The kind's sections for one thing: rows per section, and the framework tree of a plan."""

    kind: str
    sections: dict[str, list[Row]]
    tree: list[Node] = field(default_factory=list)

    def capped(self, section: str) -> bool:
        """Whether the section shows only the first :data:`ROWS` rows."""
        return len(self.sections.get(section, [])) >= ROWS

    def first(self, section: str, column: str) -> Value | None:
        for row in self.sections.get(section, []):
            if row.get(column):
                return row[column][0]
        return None

    def grouped(self, section: str) -> list[tuple[str, list[Value]]]:
        """A ``?relation ?value`` section as (relation, values), in query order."""
        out: dict[str, list[Value]] = {}
        for row in self.sections.get(section, []):
            for relation in row.get("relation", []):
                out.setdefault(relation.text, []).extend(row.get("value", []))
        return list(out.items())


def _notation_key(notation: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in notation.split("."))


def _tree(rows: list[Row]) -> list[Node]:
    nodes: dict[str, Node] = {}
    parents: dict[str, str] = {}
    for row in rows:
        outcome = row["outcome"][0]
        notation = row["notation"][0].text if row.get("notation") else ""
        nodes.setdefault(outcome.iri or "", Node(outcome.iri or "", outcome.text, notation))
        if row.get("broader"):
            parents[outcome.iri or ""] = row["broader"][0].iri or ""
    roots: list[Node] = []
    for iri, node in nodes.items():
        parent = nodes.get(parents.get(iri, ""))
        (parent.children if parent is not None else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: _notation_key(n.notation))
    return sorted(roots, key=lambda n: _notation_key(n.notation))


def profile(
    store: Queryable,
    iri: str,
    kind: str | None,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
) -> Profile | None:
    """The page sections for a thing of ``kind`` (``None`` when the kind has none)."""
    if kind not in SECTIONS:
        return None
    raw: dict[str, list[dict[str, ox.Term]]] = {}
    for name, query in SECTIONS[kind]:
        text = with_terms(queries.load(query), {"resource": ox.NamedNode(iri)})
        result = store.query(text, default_graphs=graphs)
        raw[name] = list(result.rows) if isinstance(result, SelectResult) else []
    named: list[str] = []
    for rows in raw.values():
        for row in rows:
            for column, term in row.items():
                if isinstance(term, ox.NamedNode):
                    named.append(term.value)
                elif column in LISTS and term.value:
                    named += term.value.split(" ")
    labels = labels_for(store, named, graphs, lang)

    def values(column: str, term: ox.Term) -> list[Value]:
        if isinstance(term, ox.NamedNode):
            return [Value(labels.get(term.value, term.value), term.value)]
        if column in LISTS:
            return [Value(labels.get(i, i), i) for i in term.value.split(" ") if i]
        return [Value(term.value, None, term if isinstance(term, ox.Literal) else None)]

    sections = {
        name: [{c: values(c, t) for c, t in row.items()} for row in rows]
        for name, rows in raw.items()
    }
    found = Profile(kind, sections)
    if kind == "plan":
        found.tree = _tree(sections["framework"])
    return found
