"""The browse lists: organisations, outcomes, activities and countries, each with counts
(``queries/browse-*.rq``), a page at a time, labelled in the reader's language."""

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


PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its items, labelled, and how many the whole list has."""

    name: str
    items: list[Item]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def as_dict(self) -> dict[str, object]:
        return {
            "list": self.name,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "items": [i.as_dict() for i in self.items],
        }


def rows(
    store: Queryable, name: str, *, graphs: Sequence[str] | None = None
) -> list[dict[str, ox.Term]]:
    """The whole list, unlabelled, in the query's order (organisations, activities and
    countries by IRI, outcomes by plan and notation): cheap to keep between writes."""
    if name not in LISTS:
        raise KeyError(name)
    result = store.query(queries.load(f"browse-{name}.rq"), default_graphs=graphs)
    return list(result.rows) if isinstance(result, SelectResult) else []


def page_of(
    store: Queryable,
    name: str,
    found: list[dict[str, ox.Term]],
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
) -> Page:
    """One page of ``found`` (from :func:`rows`), labelled in ``lang``."""
    shown = found[(page - 1) * per_page : page * per_page]
    named = [t.value for row in shown for t in row.values() if isinstance(t, ox.NamedNode)]
    labels = labels_for(store, named, graphs, lang)
    items = []
    for row in shown:
        cells = {}
        for column in COLUMNS[name]:
            term = row.get(column)
            if isinstance(term, ox.NamedNode):
                cells[column] = Cell(labels.get(term.value, term.value), term.value)
            elif term is not None:
                cells[column] = Cell(term.value)
        iri = row["item"].value
        items.append(Item(iri, labels.get(iri, iri), cells))
    return Page(name, items, len(found), page, per_page)


def labelled(
    store: Queryable,
    name: str,
    found: list[dict[str, ox.Term]],
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
) -> list[Item]:
    """The whole list labelled in ``lang``: what sorting by name and filtering need."""
    return page_of(
        store, name, found, page=1, per_page=max(1, len(found)), graphs=graphs, lang=lang
    ).items


def arranged(
    items: list[Item],
    *,
    sort: str = "name",
    descending: bool = False,
    contains: str = "",
) -> list[Item]:
    """``items`` whose name holds ``contains`` (any case, any accents), sorted by ``sort``
    (``name`` or a column; counts as numbers, names as folded text). :class:`ValueError`
    for a column the list does not have."""
    from nap_graph.search.analysis import fold

    wanted = fold(contains.strip())
    kept = [i for i in items if wanted in fold(i.label)] if wanted else list(items)
    columns = {c for i in items for c in i.cells}
    if sort != "name" and sort not in columns and items:
        raise ValueError(f"sort: no column {sort!r}; columns: name, {', '.join(sorted(columns))}")

    def key(item: Item) -> tuple[int, float, str]:
        text = item.label if sort == "name" else item.cells.get(sort, Cell("")).text
        if text.isdigit():
            return (0, float(text), "")
        return (1, 0.0, fold(text))

    return sorted(kept, key=lambda i: (key(i), fold(i.label), i.iri), reverse=descending)
