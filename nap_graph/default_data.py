"""The default dataset built: the shipped files (:mod:`nap_graph.default_files`) loaded one
named graph each, the shipped records stored as received through the one write path
(:func:`~nap_graph.ingest.ingest_parsed`, dated by ``data/submissions/receipts.toml``), and the
shipped curation documents stored against the versions they curate. Each fact is stated
once: the received version in its version graph, what curation adds in the curation graph.

``nap-graph init`` does this to the configured store (:func:`initialise`); the other
functions build it in memory, for the tests and for checking the shipped files.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from nap_graph.default_files import (
    default_curation_files,
    default_graph_files,
    default_records,
    is_data_graph,
)
from nap_graph.errors import DataFileError, SubmissionReadError
from nap_graph.ingest import Status, ingest_parsed
from nap_graph.iris import curation_graph_iri, submission_graph_iri
from nap_graph.reference import reference_from_store, using_reference
from nap_graph.store.oxigraph_store import OxigraphStore
from nap_graph.store.protocol import GraphStore
from nap_graph.submissions.curation import curation_graph, load_document
from nap_graph.submissions.reading import read_file

SHIPPED_AT = datetime(2026, 12, 2, tzinfo=UTC)
"""The time stamped on the shipped curations (so that ``nap-graph init`` is reproducible)."""


def load_files(store: GraphStore) -> list[str]:
    """Load (or reload) the shipped RDF files, one named graph each, replacing each whole."""
    loaded = []
    for item in default_graph_files():
        store.load_file(item.path, item.format, item.graph, replace=True)
        loaded.append(item.graph)
    return loaded


def store_records(store: GraphStore) -> list[str]:
    """Store the shipped records as received (each the version its file makes; a record
    stored already is left as it is); the versions. :class:`DataFileError` for a record that
    cannot be read or is invalid: the shipped data must be whole."""
    reference = reference_from_store(store)
    versions = []
    for shipped in default_records():
        try:
            with using_reference(reference):
                parsed_all = read_file(shipped.path)
        except SubmissionReadError as exc:
            raise DataFileError(f"{shipped.path}: cannot be read: {exc}") from exc
        for parsed in parsed_all:
            result = ingest_parsed(
                store,
                parsed,
                sender=shipped.sender,
                received=shipped.received,
                now=datetime.combine(shipped.received, time(), UTC),
                file=str(shipped.path),
                reference=reference,
            )
            if result.status not in (Status.stored, Status.unchanged) or not result.submission:
                found = "; ".join(p.message for p in result.problems[:3])
                raise DataFileError(f"{shipped.path}: {result.status.value}: {found}")
            versions.append(result.submission)
    return versions


def store_curations(store: GraphStore) -> list[str]:
    """Store the shipped curation documents against the versions they curate (which must be
    stored); the curation graphs. They are checked by the test suite, not here."""
    filled = []
    with using_reference(reference_from_store(store)):
        for path in default_curation_files():
            doc, parsed = load_document(path)
            built = curation_graph(doc, parsed, store, now=SHIPPED_AT)
            graph = curation_graph_iri(doc.curates)
            store.put_graph(graph, list(built.graph))
            filled.append(graph)
    return filled


def initialise(store: GraphStore) -> list[str]:
    """Load (or reload) the default data: the files, then the shipped records, then their
    curations; the named graphs filled. Idempotent: each file's graph is replaced whole,
    stored records are left as they are, the shipped curations are stated again."""
    loaded = load_files(store)
    versions = store_records(store)
    return loaded + [submission_graph_iri(v) for v in versions] + store_curations(store)


def load_default_store(store: ox.Store | None = None) -> ox.Store:
    """``store`` (a new in-memory Oxigraph store if none) with the default data
    (:func:`initialise`). Raises :class:`DataFileError` naming the file of a syntax error."""
    target = store if store is not None else ox.Store()
    initialise(OxigraphStore.around(target))
    return target


def _graph_of(store: ox.Store, name: ox.NamedNode) -> Graph:
    quads = store.quads_for_pattern(None, None, None, name)
    text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
    return Graph().parse(data=text, format="nt")


def load_default_dataset() -> Dataset:
    """The default dataset as an rdflib :class:`Dataset`, one named graph per store graph."""
    store = load_default_store()
    dataset = Dataset()
    for name in store.named_graphs():
        if isinstance(name, ox.NamedNode):
            dataset.graph(URIRef(name.value)).__iadd__(_graph_of(store, name))
    return dataset


def load_data_graph() -> Graph:
    """The default data (not the ontology or the shapes) in one rdflib graph: what the
    graph-integrity shapes are run against."""
    store = load_default_store()
    graph = Graph()
    for name in store.named_graphs():
        if isinstance(name, ox.NamedNode) and is_data_graph(name.value):
            graph += _graph_of(store, name)
    return graph
