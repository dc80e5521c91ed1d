"""What changed between two versions of a record, as a reader wants to see it: outcomes,
investment types, countries and focus added or removed; descriptions and paragraphs changed
word by word; activities added, removed or renamed (``queries/version-content.rq``)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.i18n import DEFAULT
from nap_graph.linked_data import labels_for
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult

SETS = ("outcome", "investment", "country", "focus")
WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True, slots=True)
class Content:
    """One version's fields: sets of values, texts by key, activities by IRI."""

    sets: dict[str, set[str]]
    texts: dict[str, str]
    activities: dict[str, str]


@dataclass(frozen=True, slots=True)
class TextChange:
    """A text that differs: its key and the pieces of the new text, each kept, inserted or
    deleted."""

    key: str
    pieces: list[tuple[str, str]]  # ("equal" | "insert" | "delete", text)


@dataclass(slots=True)
class VersionDiff:
    old: str
    new: str
    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    texts: list[TextChange] = field(default_factory=list)
    activities_added: list[tuple[str, str]] = field(default_factory=list)
    activities_removed: list[tuple[str, str]] = field(default_factory=list)
    activities_renamed: list[tuple[str, str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return not (
            any(self.added.values())
            or any(self.removed.values())
            or self.texts
            or self.activities_added
            or self.activities_removed
            or self.activities_renamed
        )

    def label(self, value: str) -> str:
        return self.labels.get(value, value)


def content(store: Queryable, version: str) -> Content:
    """What ``version`` says (its version graph)."""
    graph = iris.submission_graph_iri(version)
    result = store.query(
        queries.load("version-content.rq"),
        bindings={"version": ox.NamedNode(version), "graph": ox.NamedNode(graph)},
    )
    sets: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, str] = {}
    activities: dict[str, str] = {}
    for row in result.rows if isinstance(result, SelectResult) else []:
        name, value = row["field"].value, row["value"].value
        key = row["key"].value if "key" in row else ""
        if name in SETS:
            sets[name].add(value)
        elif name == "activity":
            activities[key] = value
        else:
            texts[f"{name}:{key}"] = value
    return Content(dict(sets), texts, activities)


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    before, after = WORDS.findall(old), WORDS.findall(new)
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(
        None, before, after, autojunk=False
    ).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            out.append(("delete", "".join(before[a1:a2])))
        if b2 > b1:
            out.append(("insert", "".join(after[b1:b2])))
    return out


def _key_order(key: str) -> tuple[int, tuple[int, ...], str]:
    kind, _, rest = key.partition(":")
    numbers = tuple(int(p) for p in rest.split(".") if p.isdigit()) if kind == "statement" else ()
    return (0 if kind == "text" else 1, numbers, rest)


def diff(
    store: Queryable,
    old: str,
    new: str,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
) -> VersionDiff:
    """What changed from version ``old`` to version ``new`` of a record."""
    before, after = content(store, old), content(store, new)
    result = VersionDiff(old, new)
    for name in SETS:
        a, b = before.sets.get(name, set()), after.sets.get(name, set())
        result.added[name] = sorted(b - a)
        result.removed[name] = sorted(a - b)
    for key in sorted(set(before.texts) | set(after.texts), key=_key_order):
        a, b = before.texts.get(key, ""), after.texts.get(key, "")
        if a != b:
            result.texts.append(TextChange(key, _pieces(a, b)))
    for iri in sorted(set(after.activities) - set(before.activities)):
        result.activities_added.append((iri, after.activities[iri]))
    for iri in sorted(set(before.activities) - set(after.activities)):
        result.activities_removed.append((iri, before.activities[iri]))
    for iri in sorted(set(before.activities) & set(after.activities)):
        if before.activities[iri] != after.activities[iri]:
            result.activities_renamed.append((iri, before.activities[iri], after.activities[iri]))
    named = [v for values in (*result.added.values(), *result.removed.values()) for v in values]
    named += [t.key.split(":", 1)[1] for t in result.texts if t.key.startswith("text:")]
    result.labels = labels_for(store, [v for v in named if v.startswith("http")], graphs, lang)
    return result
