"""The browse lists: organisations, outcomes, activities and countries, each with counts
(``queries/browse-*.rq``), labelled in the reader's language and sorted by label (outcomes
by plan and notation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.i18n import DEFAULT
from nap_graph.linked_data import labels_for
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult

LISTS = ("organisations", "outcomes", "activities", "countries")
COLUMNS = {
    "organisations": ("kind", "activities", "records"),
    "outcomes": ("notation", "plan", "organisations", "activities"),
    "activities": ("organisation", "outcomes"),
    "countries": ("organisations", "activities", "plans"),
}
"""The columns of each list after the item itself, as the query names them."""


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    iri: str
    label: str
    cells: dict[str, Cell]

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"iri": self.iri, "label": self.label}
        for name, cell in self.cells.items():
            out[name] = cell.iri or (int(cell.text) if cell.text.isdigit() else cell.text)
            if cell.iri:
                out[f"{name}_label"] = cell.text
        return out


def _key(item: Item, name: str) -> tuple[object, ...]:
    if name == "outcomes":
        plan = item.cells.get("plan")
        notation = item.cells.get("notation", Cell("")).text
        parts = tuple(int(p) if p.isdigit() else 0 for p in notation.split("."))
        return (plan.text if plan else "", parts)
    return (item.label.casefold(),)


def browse(
    store: Queryable, name: str, *, graphs: Sequence[str] | None = None, lang: str = DEFAULT
) -> list[Item]:
    """One list (``name`` in :data:`LISTS`)."""
    if name not in LISTS:
        raise KeyError(name)
    result = store.query(queries.load(f"browse-{name}.rq"), default_graphs=graphs)
    rows = list(result.rows) if isinstance(result, SelectResult) else []
    named = [t.value for row in rows for t in row.values() if isinstance(t, ox.NamedNode)]
    labels = labels_for(store, named, graphs, lang)
    items = []
    for row in rows:
        cells = {}
        for column in COLUMNS[name]:
            term = row.get(column)
            if isinstance(term, ox.NamedNode):
                cells[column] = Cell(labels.get(term.value, term.value), term.value)
            elif term is not None:
                cells[column] = Cell(term.value)
        iri = row["item"].value
        items.append(Item(iri, labels.get(iri, iri), cells))
    return sorted(items, key=lambda i: _key(i, name))


def counts(store: Queryable, *, graphs: Sequence[str] | None = None) -> dict[str, int]:
    """How many items each list has."""
    return {name: len(browse(store, name, graphs=graphs)) for name in LISTS}
