"""The search index: the texts of the graph, analysed, in SQLite beside the store, ranked by
Tantivy in memory.

SQLite (docs/search.md) holds what is indexed, in transactions (a failed sync leaves the
index as it was) in one file next to the store: every text with its terms (stemming for
English and Dutch is done before, :mod:`nap_graph.search.analysis`), the facets of every
thing, the vocabulary (for corrections and compounds) and a log of which things changed in
which generation. :class:`~nap_graph.search.ranking.Ranking` (Tantivy) mirrors the texts in
each process and answers the searches: the page of the best things, how many matched, the
facet counts. The index is a cache of the store: :meth:`SearchIndex.sync` brings it up to
date with the store after every write (only the named graphs whose texts changed are
re-indexed), :meth:`SearchIndex.rebuild` makes it again from nothing (``nap-graph
search-index``).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nap_graph import queries
from nap_graph.iris import thing_kind
from nap_graph.namespaces import PREFIXES
from nap_graph.search.analysis import (
    forms,
    index_terms,
    match_expression,
    query_forms,
    query_words,
    snippet,
    tokens,
)
from nap_graph.search.ranking import Ranking, Row
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.settings import StoreSettings
from nap_graph.store.sparql_text import with_terms

SCHEMA_VERSION = "2-ranked"
"""Bumped when what is stored changes (terms, vocabulary and change log for the ranking
engine): an older index is dropped and made again by the next sync."""
MAX_INDEXED_CHARS = 20_000
"""Of each text, at most this much is indexed and shown (cut at a word's end): a record
with a 0.9 MB paragraph made every matching search cost a second or two of CPU."""
LABELS = (
    PREFIXES["skos"] + "prefLabel",
    PREFIXES["rdfs"] + "label",
    PREFIXES["foaf"] + "name",
    PREFIXES["dcterms"] + "title",
)
"""Properties whose texts name a thing: they are shown as its label and rank twice as high;
texts in the reader's language rank half as high again (their snippet is shown first)."""
FACETS = ("kind", "organisation", "outcome", "plan", "country", "organisation-kind")
"""What results can be narrowed by; ``kind`` is the kind of thing, the rest come from the
graph (``queries/search-facets.rq``)."""
BATCH = 400
PART = 20_000
"""Things per part of a whole build of the ranking."""
FEW = 1_000
"""Up to this many things, their facets are read one thing at a time (about 0.6 ms each at
a million triples); more are read with one query over the whole store (5 s at 1M)."""
FACET_VALUES = 20
"""Each facet lists its most frequent values, at most this many (with their counts)."""
KEPT_GENERATIONS = 1000
"""The change log keeps the things changed in the last this many writes; a process whose
ranking is older than that builds it again from the texts."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
  id INTEGER PRIMARY KEY, graph TEXT NOT NULL, iri TEXT NOT NULL, kind TEXT NOT NULL,
  property TEXT NOT NULL, lang TEXT NOT NULL, text TEXT NOT NULL, terms TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_graph ON docs (graph);
CREATE INDEX IF NOT EXISTS docs_iri ON docs (iri);
CREATE TABLE IF NOT EXISTS facets (iri TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (iri, facet, value)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facets_value ON facets (facet, value);
CREATE TABLE IF NOT EXISTS vocabulary (term TEXT PRIMARY KEY, texts INTEGER NOT NULL)
  WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (generation INTEGER NOT NULL, iri TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_generation ON changes (generation);
"""


@dataclass(frozen=True, slots=True)
class Text:
    graph: str
    iri: str
    property: str
    lang: str
    text: str


@dataclass(slots=True)
class Hit:
    """One thing found: its IRI, kind, label, a snippet of the best-matching text, score."""

    iri: str
    kind: str
    label: str
    snippet: str
    property: str
    score: float

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "type": self.kind,
            "label": self.label,
            "snippet": self.snippet,
            "property": self.property,
            "score": round(self.score, 4),
        }


@dataclass(slots=True)
class SearchResults:
    """A page of hits, how many things matched in all, and the facets of all of them."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    """Per facet: (value, its label, how many matching things have it), most first."""
    corrected: str | None = None
    """When the query as typed matched nothing: the words searched instead (a word the
    index does not hold replaced by the nearest one it holds)."""
    compounds: list[str] | None = None
    """When the query as typed matched nothing: the compounds its words were also matched
    as (``gendertraining`` for ``training``)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "corrected": self.corrected,
            "compounds": self.compounds,
            "total": self.total,
            "results": [h.as_dict() for h in self.hits],
            "facets": {
                name: [{"value": v, "label": label, "count": n} for v, label, n in values]
                for name, values in self.facets.items()
            },
        }


def _rows(result: object) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    return list(result.rows) if isinstance(result, SelectResult) else []


def _solutions(
    store: Queryable, query: str, bindings: Mapping[str, object] | None = None
) -> Iterable[Any]:
    """A SELECT's rows, one at a time where the store can give them so (the embedded
    store's :meth:`select`), else all at once."""
    select = getattr(store, "select", None)
    if callable(select):
        return select(query, bindings=bindings)  # type: ignore[no-any-return]
    return _rows(store.query(query, bindings=bindings))  # type: ignore[arg-type]


def read_texts(store: Queryable, graphs: Sequence[str] | None = None) -> list[Text]:
    """The indexed texts of the store (or of some named graphs)."""
    bindings = {"g": [ox.NamedNode(g) for g in graphs]} if graphs is not None else None
    if graphs is not None and not graphs:
        return []
    texts = []
    for row in _solutions(store, queries.load("search-texts.rq"), bindings):
        literal = row["text"]
        lang = getattr(literal, "language", None) or ""
        texts.append(
            Text(row["g"].value, row["s"].value, row["p"].value, lang, _capped(literal.value))
        )
    return texts


def _capped(text: str) -> str:
    """At most :data:`MAX_INDEXED_CHARS` of ``text``, cut after a whole word."""
    if len(text) <= MAX_INDEXED_CHARS:
        return text
    cut = text[:MAX_INDEXED_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def read_facets(store: Queryable, iris: Sequence[str] | None) -> list[tuple[str, str, str]]:
    """(thing, facet, value) for the given things (``None``: every thing): for a few, one
    query each with the thing written in as a constant (31 things of a record at a million
    triples: 18 ms, against 0.8 s with them as VALUES rows, which the engine does not carry
    into the query's UNION branches); for many, one query over the whole store, filtered."""
    query = queries.load("search-facets.rq")
    if iris is None or len(iris) > FEW:
        every = [
            (r["s"].value, r["facet"].value, r["value"].value) for r in _solutions(store, query)
        ]
        if iris is None:
            return every
        wanted = set(iris)
        return [row for row in every if row[0] in wanted]
    found: list[tuple[str, str, str]] = []
    for iri in iris:
        result = store.query(with_terms(query, {"thing": ox.NamedNode(iri)}))
        found += [(iri, r["facet"].value, r["value"].value) for r in _rows(result)]
    return found


def _digest(texts: Iterable[Text]) -> str:
    h = hashlib.sha256()
    for t in sorted(texts, key=lambda t: (t.iri, t.property, t.lang, t.text)):
        h.update(f"{t.iri}\x1f{t.property}\x1f{t.lang}\x1f{t.text}\x1e".encode())
    return h.hexdigest()


class SearchIndex:
    """Full-text search over a store's texts; see the module's documentation. Safe to share
    between threads (one connection, one lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._syncing = threading.Lock()
        """One sync or rebuild at a time, from reading the store to writing the index: two
        writes' syncs overlapping could otherwise store the older texts last."""
        self._ranking: Ranking | None = None
        self._seen: tuple[str, int] = ("", -1)
        """The generation of the index (its epoch, its last write) the ranking mirrors."""
        target = str(path) if path is not None else ":memory:"
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._db.execute(
            "PRAGMA journal_mode = WAL" if path is not None else "PRAGMA journal_mode = MEMORY"
        )
        self._db.execute("PRAGMA synchronous = NORMAL")
        version = self._schema_version()
        if version not in (None, SCHEMA_VERSION):
            self._drop()
        self._db.executescript(SCHEMA)
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        for key, value in (("epoch", uuid.uuid4().hex), ("generation", "0"), ("pruned", "0")):
            self._db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, value))

    @classmethod
    def for_settings(cls, settings: StoreSettings) -> SearchIndex:
        """The index of the configured store: beside an embedded store on disk
        (``<store>.search.sqlite``), in memory for a store in memory or on a SPARQL server
        (made when the service starts)."""
        if settings.memory or settings.endpoint:
            return cls(None)
        path = settings.store_path
        return cls(path.parent / f"{path.name}.search.sqlite")

    def _schema_version(self) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def _drop(self) -> None:
        for table in ("meta", "graphs", "docs", "facets", "fts", "vocabulary", "changes"):
            self._db.execute(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- keeping it current ---------------------------------------------------------------

    def rebuild(self, store: Queryable) -> int:
        """Index the whole store again from nothing; the number of texts indexed."""
        with self._syncing:
            return self._rebuild(store)

    def _rebuild(self, store: Queryable) -> int:
        texts = read_texts(store)
        with self._lock, self._transaction():
            for table in ("graphs", "docs", "facets", "vocabulary", "changes"):
                self._db.execute(f"DELETE FROM {table}")
            self._set_meta(epoch=uuid.uuid4().hex, generation="0", pruned="0")
        count = self._replace(store, texts, graphs=None)
        with self._lock:
            if self.path is not None:
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count

    def _set_meta(self, **values: str) -> None:
        self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(values.items()))

    def _meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta"))

    def sync(self, store: Queryable, graphs: Sequence[str] | None = None) -> list[str]:
        """Bring the index up to date after a write: re-index the named graphs whose texts
        changed (``graphs``: the ones written, when the writer knows; else all are compared
        by digest). The graphs re-indexed."""
        with self._syncing:
            return self._sync(store, graphs)

    def _sync(self, store: Queryable, graphs: Sequence[str] | None) -> list[str]:
        with self._lock:
            known = dict(self._db.execute("SELECT graph, digest FROM graphs").fetchall())
        with ThreadPoolExecutor(max_workers=1) as reader:
            # a first build reads every facet: the engine does (without the GIL) while this
            # thread reads and analyses the texts
            every_facet = reader.submit(read_facets, store, None) if not known else None
            texts = read_texts(store, graphs)
            by_graph: dict[str, list[Text]] = defaultdict(list)
            for t in texts:
                by_graph[t.graph].append(t)
            candidates = set(graphs) if graphs is not None else set(known) | set(by_graph)
            changed = sorted(
                g
                for g in candidates
                if known.get(g) != (_digest(by_graph[g]) if by_graph.get(g) else None)
            )
            if changed:
                texts = [t for g in changed for t in by_graph.get(g, [])]
                held = [g for g in changed if g in known]
                self._replace(store, texts, graphs=held, every_facet=every_facet)
        return changed

    def _replace(
        self,
        store: Queryable,
        texts: list[Text],
        graphs: Sequence[str] | None,
        every_facet: Future[list[tuple[str, str, str]]] | None = None,
    ) -> int:
        """Put ``texts`` in place of what the index holds for ``graphs`` (``None`` or empty:
        nothing is held), with the facets of every thing they describe (from
        ``every_facet``, the whole store's, when it is being read already)."""
        by_graph: dict[str, list[Text]] = defaultdict(list)
        for t in texts:
            by_graph[t.graph].append(t)
        with self._lock:
            before = set()
            if graphs:
                for start in range(0, len(graphs), BATCH):
                    batch = list(graphs[start : start + BATCH])
                    marks = ",".join("?" * len(batch))
                    before |= {
                        r[0]
                        for r in self._db.execute(
                            f"SELECT DISTINCT iri FROM docs WHERE graph IN ({marks})", batch
                        )
                    }
        things = sorted(before | {t.iri for t in texts})
        with ThreadPoolExecutor(max_workers=1) as reader:
            # the engine reads the facets (without the GIL) while the texts are analysed
            facets_read = every_facet or reader.submit(read_facets, store, things)
            terms = [index_terms(t.text) for t in texts]  # before anything is written
            facets = facets_read.result()
        if every_facet is not None:
            wanted = set(things)
            facets = [row for row in facets if row[0] in wanted]
        with self._lock:
            with self._transaction():
                vocabulary: Counter[str] = Counter()
                for graph in graphs or []:
                    for (old,) in self._db.execute(
                        "SELECT terms FROM docs WHERE graph = ?", (graph,)
                    ):
                        vocabulary.subtract(set(old.split()))
                    self._db.execute("DELETE FROM docs WHERE graph = ?", (graph,))
                    self._db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))
                for start in range(0, len(things), BATCH):
                    batch = things[start : start + BATCH]
                    marks = ",".join("?" * len(batch))
                    self._db.execute(f"DELETE FROM facets WHERE iri IN ({marks})", batch)
                self._db.executemany(
                    "INSERT INTO docs (graph, iri, kind, property, lang, text, terms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        (
                            t.graph,
                            t.iri,
                            thing_kind(t.iri) or "other",
                            t.property,
                            t.lang,
                            t.text,
                            ts,
                        )
                        for t, ts in zip(texts, terms, strict=True)
                    ),
                )
                for ts in terms:
                    vocabulary.update(set(ts.split()))
                self._db.executemany(
                    "INSERT INTO vocabulary VALUES (?, ?) "
                    "ON CONFLICT (term) DO UPDATE SET texts = texts + excluded.texts",
                    [(term, n) for term, n in vocabulary.items() if n],
                )
                self._db.execute("DELETE FROM vocabulary WHERE texts <= 0")
                self._db.executemany("INSERT OR IGNORE INTO facets VALUES (?,?,?)", facets)
                self._db.executemany(
                    "INSERT OR REPLACE INTO graphs VALUES (?, ?)",
                    [(g, _digest(ts)) for g, ts in by_graph.items()],
                )
                generation = int(self._meta()["generation"]) + 1
                self._db.executemany(
                    "INSERT INTO changes VALUES (?, ?)", [(generation, t) for t in things]
                )
                pruned = max(0, generation - KEPT_GENERATIONS)
                self._db.execute("DELETE FROM changes WHERE generation <= ?", (pruned,))
                self._set_meta(generation=str(generation), pruned=str(pruned))
            if self._ranking is not None:  # else made when first searched (or warmed)
                self._refresh()
        return len(texts)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- searching --------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        lang: str = "en",
        filters: Mapping[str, str] | None = None,
        exclude_graphs: Iterable[str] = (),
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Things whose texts match every word of ``query`` (in any of its forms), best
        first; ``filters`` narrow by facet (``{"kind": "activity"}``); texts of
        ``exclude_graphs`` (superseded versions) are not searched. When nothing matches, a
        word also matches the compounds it ends ("training" the Dutch "gendertraining":
        :meth:`compounds`; ``SearchResults.compounds`` lists them); when still nothing
        matches and a word is not in the index, the nearest word it holds is searched
        instead (:meth:`corrected`; ``SearchResults.corrected`` says so)."""
        found = self._search(query, lang, filters, exclude_graphs, limit, offset)
        if found.total:
            return found
        known = self._vocabulary()  # read once for both fallbacks
        heads = self.compounds(query, known)
        if heads:
            wider = self._search(query, lang, filters, exclude_graphs, limit, offset, heads)
            if wider.total:  # name the compounds the shown results hold
                texts = (re.sub("<[^>]+>", " ", h.snippet) for h in wider.hits)
                shown = {token.word for text in texts for token in tokens(text)}
                wider.compounds = sorted({t for ts in heads.values() for t in ts} & shown)
                return wider
        corrected = self.corrected(query, known)
        if corrected is None:
            return found
        instead = self._search(corrected, lang, filters, exclude_graphs, limit, offset)
        instead.query, instead.corrected = query, corrected
        return instead if instead.total else found

    def _vocabulary(self) -> dict[str, int]:
        """Every term the index holds and in how many texts (the vocabulary table)."""
        with self._lock:
            return dict(self._db.execute("SELECT term, texts FROM vocabulary"))

    def compounds(self, query: str, known: dict[str, int] | None = None) -> dict[str, list[str]]:
        """For each query word of 5 letters or more, the words of the index that end with it
        after at least 3 letters of their own, the 20 in most texts: Dutch compounds name
        their kind last ("gendertraining" is a training), and a reader who types two words
        ("driedaagse training") may mean one. Empty when no word has such compounds."""
        known = self._vocabulary() if known is None else known
        found: dict[str, list[str]] = {}
        for word in query_words(query):
            if len(word) < 5:
                continue
            ends = [t for t in known if t.endswith(word) and len(t) >= len(word) + 3]
            ends.sort(key=lambda t: (-known[t], t))
            if ends:
                found[word] = ends[:20]
        return found

    def corrected(self, query: str, known: dict[str, int] | None = None) -> str | None:
        """``query`` with each word the index does not hold (in any of its forms) replaced
        by the nearest one it does: at most one edit away for a word of up to 7 letters, two
        for a longer one, none for a word under 4; the more frequent of equally near ones.
        ``None`` when no word changes."""
        words = query_words(query)
        known = self._vocabulary() if known is None else known
        changed, out = False, []
        for word in words:
            if len(word) < 4 or any(f in known for f in forms(word)):
                out.append(word)
                continue
            limit = 1 if len(word) <= 7 else 2
            near = process.extract(
                word, list(known), scorer=Levenshtein.distance, score_cutoff=limit, limit=20
            )
            if not near:
                out.append(word)
                continue
            best = min(near, key=lambda n: (n[1], -known[n[0]], n[0]))[0]
            out.append(best)
            changed = True
        return " ".join(out) if changed else None

    def _search(
        self,
        query: str,
        lang: str,
        filters: Mapping[str, str] | None,
        exclude_graphs: Iterable[str],
        limit: int,
        offset: int,
        extra: Mapping[str, Sequence[str]] | None = None,
    ) -> SearchResults:
        expression = match_expression(query, extra)
        if expression is None:
            return SearchResults(query, 0, [])
        for name in filters or {}:
            if name not in FACETS:
                raise ValueError(f"no facet {name!r}; facets: {', '.join(FACETS)}")
        excluded = frozenset(exclude_graphs)
        with self._lock:
            ranking = self._refresh()
            found = ranking.find(
                ranking.query(expression, lang, filters or {}, excluded),
                limit,
                offset,
                FACET_VALUES,
                self._facets_of,
            )
            wanted = query_forms(query) | {t for ts in (extra or {}).values() for t in ts}
            best = self._best_texts([t for t, _ in found.things], wanted, lang, excluded)
            named = {t for t, _ in found.things} | {
                v for name, values in found.facets.items() if name != "kind" for v, _ in values
            }
            labels = self._labels(sorted(named), lang)
        hits = []
        for iri, score in found.things:
            kind, prop, text = best.get(iri, (thing_kind(iri) or "other", "", ""))
            hits.append(Hit(iri, kind, labels.get(iri, iri), snippet(text, query), prop, score))
        facets = {
            name: [(v, labels.get(v, v) if name != "kind" else v, n) for v, n in found.facets[name]]
            for name in FACETS
            if name == "kind" or found.facets.get(name)
        }
        return SearchResults(query, found.total, hits, facets)

    def warm(self) -> None:
        """Make this process's ranking now (the service does, when it starts, so that the
        first search does not wait for it: about 3 s at a million triples)."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> Ranking:
        """The ranking, brought up to date with what SQLite holds (another process may have
        written): built from every text when first needed, after a rebuild or when it fell
        behind the change log; else the things changed since it last looked, again."""
        meta = self._meta()
        epoch, generation, pruned = meta["epoch"], int(meta["generation"]), int(meta["pruned"])
        seen_epoch, seen = self._seen
        if self._ranking is None or epoch != seen_epoch or seen < pruned:
            ranking = Ranking()
            for rows, facets in self._everything_in_parts():
                ranking.add(rows, facets, commit=False)
            ranking.commit()
            self._ranking = ranking
        elif generation > seen:
            things = [
                r[0]
                for r in self._db.execute(
                    "SELECT DISTINCT iri FROM changes WHERE generation > ?", (seen,)
                )
            ]
            self._ranking.replace(things, self._rows(things), self._facet_values(things))
        self._seen = (epoch, generation)
        return self._ranking

    def _everything_in_parts(self) -> Iterator[tuple[list[Row], dict[str, dict[str, list[str]]]]]:
        """Every text with its thing's facet values, ``PART`` things at a time in IRI order
        (all of a thing's texts in one part), so that a build never holds every text in
        Python at once (at a million triples that was 180 MB at the peak)."""
        sql = "SELECT iri, graph, kind, property, lang, terms FROM docs ORDER BY iri"
        rows: list[Row] = []
        things: list[str] = []
        for iri, graph, kind, prop, lang, terms in self._db.execute(sql):
            if not things or things[-1] != iri:
                if len(things) >= PART:
                    yield rows, self._facet_values(things)
                    rows, things = [], []
                things.append(iri)
            rows.append(Row(iri, graph, kind, prop in LABELS, lang, terms))
        if rows:
            yield rows, self._facet_values(things)

    def _in_batches(self, select: str, iris: Sequence[str] | None) -> Iterable[tuple]:
        """Rows of ``select`` (no WHERE of its own) for the things ``iris``, in batches;
        every row for ``None``."""
        if iris is None:
            yield from self._db.execute(select)
            return
        for start in range(0, len(iris), BATCH):
            batch = list(iris[start : start + BATCH])
            marks = ",".join("?" * len(batch))
            yield from self._db.execute(f"{select} WHERE iri IN ({marks})", batch)

    def _rows(self, iris: Sequence[str] | None) -> list[Row]:
        sql = "SELECT iri, graph, kind, property, lang, terms FROM docs"
        return [
            Row(iri, graph, kind, prop in LABELS, lang, terms)
            for iri, graph, kind, prop, lang, terms in self._in_batches(sql, iris)
        ]

    def _facet_values(self, iris: Sequence[str] | None) -> dict[str, dict[str, list[str]]]:
        values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        sql = "SELECT iri, facet, value FROM facets"
        for iri, facet, value in self._in_batches(sql, iris):
            values[iri][facet].append(value)
        return values

    def _facets_of(self, iris: Sequence[str]) -> dict[str, tuple[str, dict[str, list[str]]]]:
        """Each thing's kind and facet values (the ranking's count correction)."""
        values = self._facet_values(iris)
        kinds = self._in_batches("SELECT DISTINCT iri, kind FROM docs", iris)
        return {iri: (kind, dict(values.get(iri, {}))) for iri, kind in kinds}

    def _best_texts(
        self, iris: Sequence[str], wanted: set[str], lang: str, excluded: frozenset[str]
    ) -> dict[str, tuple[str, str, str]]:
        """For each thing, its text to show (kind, property, text): the one with the most
        of the query's terms, then in the reader's language, then a name."""
        best: dict[str, tuple[tuple[int, bool, bool], tuple[str, str, str]]] = {}
        sql = "SELECT iri, graph, kind, property, lang, text, terms FROM docs"
        for iri, graph, kind, prop, text_lang, text, terms in self._in_batches(sql, iris):
            if graph in excluded:
                continue
            key = (len(wanted & set(terms.split())), text_lang == lang, prop in LABELS)
            if iri not in best or key > best[iri][0]:
                best[iri] = (key, (kind, prop, text))
        return {iri: shown for iri, (_, shown) in best.items()}

    def labels(self, iris: Sequence[str], lang: str) -> dict[str, str]:
        """The names the index knows for ``iris`` in ``lang`` (else English, else any)."""
        with self._lock:
            return self._labels(iris, lang)

    def _labels(self, iris: Sequence[str], lang: str, describe: bool = True) -> dict[str, str]:
        rank = {lang: 0, "en": 1, "": 2}
        found: dict[str, tuple[int, int, str]] = {}
        label_marks = ",".join("?" * len(LABELS))
        for start in range(0, len(iris), BATCH):
            batch = list(iris[start : start + BATCH])
            marks = ",".join("?" * len(batch))
            for iri, prop, text_lang, text in self._db.execute(
                f"SELECT iri, property, lang, text FROM docs WHERE iri IN ({marks}) "
                f"AND property IN ({label_marks})",
                [*batch, *LABELS],
            ):
                key = (rank.get(text_lang, 3), LABELS.index(prop), text)
                if iri not in found or key < found[iri]:
                    found[iri] = key
        labels = {iri: key[2] for iri, key in found.items()}
        unnamed = [iri for iri in iris if iri not in labels]
        if unnamed and describe:
            labels.update(self._described(unnamed, lang))
        return labels

    def _described(self, iris: Sequence[str], lang: str) -> dict[str, str]:
        """Names for things without one (a record's contribution): its organisation's and
        its outcome's, "Ministry of Justice and Security: Protection"."""
        related: dict[str, dict[str, str]] = defaultdict(dict)
        for start in range(0, len(iris), BATCH):
            batch = list(iris[start : start + BATCH])
            marks = ",".join("?" * len(batch))
            for iri, facet, value in self._db.execute(
                f"SELECT iri, facet, MIN(value) FROM facets WHERE iri IN ({marks}) "
                "AND facet IN ('organisation', 'outcome') GROUP BY iri, facet",
                batch,
            ):
                related[iri][facet] = value
        values = sorted({v for r in related.values() for v in r.values()})
        names = self._labels(values, lang, describe=False) if values else {}
        return {
            iri: ": ".join(names.get(r[f], r[f]) for f in ("organisation", "outcome") if f in r)
            for iri, r in related.items()
        }

    def stats(self) -> dict[str, int]:
        """How much the index holds: texts, things, graphs, and its file's size in bytes."""
        with self._lock:
            texts, things = self._db.execute(
                "SELECT COUNT(*), COUNT(DISTINCT iri) FROM docs"
            ).fetchone()
            graphs = self._db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0]
        files = (
            [] if self.path is None else [self.path, self.path.with_name(self.path.name + "-wal")]
        )
        size = sum(f.stat().st_size for f in files if f.exists())
        return {"texts": texts, "things": things, "graphs": graphs, "bytes": size}


class _Transaction:
    """``BEGIN`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises: the index is never
    left half-written."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if kind is not None else "COMMIT")
