"""The search index's ranking engine: Tantivy, in memory, mirroring the texts SQLite holds.

Why (docs/search.md, "The engine"): SQLite FTS5 scores every matching text before it can rank
them, and counting facets meant joining every match; at a million triples a common word
(45,000 things) took half a second. Tantivy ranks the best few with block-max WAND, counts
matches and facets from columnar fast fields, and answers the same query in a few
milliseconds. SQLite stays the index's source of truth (texts, facets, what changed in
which generation, in transactions beside the store); this engine is a cache of it in each
process, built when first needed and brought up to date from SQLite's change log before
every search, so that several processes serving one store stay consistent.

One Tantivy document is one thing's texts in one named graph: its names (the label
properties, ranked twice as high) and its other texts, already analysed into terms
(:func:`nap_graph.search.analysis.index_terms`), with the thing's kind, facet values and the
languages of its texts as keyword fields. A thing counts once: the few things with texts in
more than one graph are marked (``multi``), and counts are corrected for them exactly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import tantivy

FACET_FIELDS = {
    "organisation": "f_organisation",
    "outcome": "f_outcome",
    "plan": "f_plan",
    "country": "f_country",
    "organisation-kind": "f_organisation_kind",
}
"""The facets of :data:`nap_graph.search.index.FACETS` (``kind`` aside) and their fields."""
NAME_BOOST = 2.0
"""A match in a thing's name counts twice a match in its other texts."""
LANGUAGE_BOOST = 0.5
"""Added to the score of a thing with a text in the reader's language."""
MOST_BUCKETS = 65_000
"""At most this many things with texts in several graphs are corrected for in one count."""


@dataclass(frozen=True, slots=True)
class Row:
    """One text as SQLite holds it, with its terms."""

    thing: str
    graph: str
    kind: str
    is_name: bool
    lang: str
    terms: str


@dataclass(slots=True)
class Found:
    """The things of one page, best first, with their scores; how many things matched;
    per facet, (value, things) most first."""

    things: list[tuple[str, float]]
    total: int
    facets: dict[str, list[tuple[str, int]]]


HEAP = 24_000_000
"""Bytes Tantivy's writer buffers before it writes a segment: 64 MB built a million
triples' index 0.1 s faster but took 40 MB more for as long as the process lives."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in ("names", "texts"):
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("thing", tokenizer_name="raw", stored=True, fast=True)
    builder.add_text_field("graph", tokenizer_name="raw")
    builder.add_text_field("kind", tokenizer_name="raw", fast=True)
    builder.add_text_field("langs", tokenizer_name="raw")
    builder.add_integer_field("multi", indexed=True)
    for field in FACET_FIELDS.values():
        builder.add_text_field(field, tokenizer_name="raw", fast=True)
    return builder.build()


class Ranking:
    """The in-memory engine; not thread-safe on its own (the index holds its lock)."""

    def __init__(self) -> None:
        self.schema = _schema()
        self._index = tantivy.Index(self.schema)
        self._writer = self._index.writer(heap_size=HEAP, num_threads=1)

    def replace(
        self,
        things: Iterable[str],
        rows: Iterable[Row],
        facets: Mapping[str, Mapping[str, Sequence[str]]],
    ) -> None:
        """Drop every document of ``things`` and add theirs from ``rows`` (all of their
        texts, in every graph), with ``facets`` (thing -> facet -> values)."""
        for thing in things:
            self._writer.delete_documents_by_term("thing", thing)
        self.add(rows, facets)

    def add(
        self,
        rows: Iterable[Row],
        facets: Mapping[str, Mapping[str, Sequence[str]]],
        *,
        commit: bool = True,
    ) -> None:
        """Add the documents of ``rows`` (grouped by thing and graph; every row of a thing
        in the same call), then make them searchable unless ``commit`` is false (a build in
        parts calls :meth:`commit` once at the end)."""
        grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
        graphs_of: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            grouped[(row.thing, row.graph)].append(row)
            graphs_of[row.thing].add(row.graph)
        for (thing, graph), texts in grouped.items():
            document = tantivy.Document(
                names=" ".join(t.terms for t in texts if t.is_name),
                texts=" ".join(t.terms for t in texts if not t.is_name),
                thing=thing,
                graph=graph,
                kind=texts[0].kind,
                langs=sorted({t.lang or "-" for t in texts}),
                multi=1 if len(graphs_of[thing]) > 1 else 0,
            )
            for facet, values in facets.get(thing, {}).items():
                for value in values:
                    document.add_text(FACET_FIELDS[facet], value)
            self._writer.add_document(document)
        if commit:
            self.commit()

    def commit(self) -> None:
        """Make every document added so far searchable."""
        self._writer.commit()
        self._index.reload()

    def query(
        self,
        expression: str,
        lang: str,
        filters: Mapping[str, str],
        excluded: Iterable[str],
    ) -> tantivy.Query:
        """The query for an analysed expression (:func:`~nap_graph.search.analysis.
        match_expression`: quoted terms, AND, OR), narrowed by facet values, leaving out
        the texts of ``excluded`` graphs; a thing with a text in ``lang`` ranks higher."""
        matching = self._index.parse_query(
            expression, default_field_names=["names", "texts"], field_boosts={"names": NAME_BOOST}
        )
        occur = tantivy.Occur
        clauses = [(occur.Must, matching)]
        for name, value in filters.items():
            field = "kind" if name == "kind" else FACET_FIELDS[name]
            clauses.append((occur.Must, tantivy.Query.term_query(self.schema, field, value)))
        graphs = sorted(excluded)
        if graphs:
            left_out = tantivy.Query.term_set_query(self.schema, "graph", graphs)
            clauses.append((occur.MustNot, left_out))
        reader = tantivy.Query.term_query(self.schema, "langs", lang)
        clauses.append((occur.Should, tantivy.Query.boost_query(reader, LANGUAGE_BOOST)))
        return tantivy.Query.boolean_query(clauses)

    def find(
        self,
        query: tantivy.Query,
        limit: int,
        offset: int,
        facet_values: int,
        facets_of: Callable[[Sequence[str]], Mapping[str, tuple[str, Mapping[str, Sequence[str]]]]],
    ) -> Found:
        """The page of things ``offset`` to ``offset + limit``, the number of things matched
        and the facet counts (each at most ``facet_values`` values). ``facets_of`` gives the
        kind and facet values of things (for the correction of things found in several
        graphs)."""
        searcher = self._index.searcher()
        repeated = self._repeated(searcher, query)
        extra = sum(n - 1 for n in repeated.values())
        wanted = offset + limit
        result = searcher.search(query, limit=wanted + extra, count=True)
        things: list[tuple[str, float]] = []
        seen: set[str] = set()
        for score, address in result.hits:
            thing = searcher.doc(address)["thing"][0]
            if thing not in seen:
                seen.add(thing)
                things.append((thing, score))
        counts = self._facets(searcher, query, facet_values + len(repeated))
        if repeated:
            described = facets_of(sorted(repeated))
            for thing, n in repeated.items():
                kind, values = described.get(thing, ("", {}))
                counts["kind"][kind] -= n - 1
                for facet, facet_values_of in values.items():
                    for value in facet_values_of:
                        counts[facet][value] -= n - 1
        ranked = {
            name: sorted(((v, n) for v, n in c.items() if n > 0), key=lambda vn: (-vn[1], vn[0]))[
                :facet_values
            ]
            for name, c in counts.items()
        }
        return Found(things[offset:wanted], result.count - extra, ranked)

    def _repeated(self, searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, int]:
        """The things matched in more than one graph, and in how many."""
        occur = tantivy.Occur
        multi = tantivy.Query.term_query(self.schema, "multi", 1)
        both = tantivy.Query.boolean_query([(occur.Must, query), (occur.Must, multi)])
        answer = searcher.aggregate(
            both, {"things": {"terms": {"field": "thing", "size": MOST_BUCKETS}}}
        )
        buckets = answer.get("things", {}).get("buckets", [])
        return {b["key"]: int(b["doc_count"]) for b in buckets if b["doc_count"] > 1}

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query, size: int
    ) -> dict[str, Counter[str]]:
        fields = {"kind": "kind", **FACET_FIELDS}
        answer = searcher.aggregate(
            query,
            {name: {"terms": {"field": field, "size": size}} for name, field in fields.items()},
        )
        return {
            name: Counter(
                {b["key"]: int(b["doc_count"]) for b in answer.get(name, {}).get("buckets", [])}
            )
            for name in fields
        }
