"""The default dataset: the ontology, the shapes and every RDF file under ``data/``.

Each file becomes one named graph whose IRI follows from its path (``docs/iris.md``)::

    ontology/wps.ttl                     -> graph/ontology/wps
    ontology/alignments.ttl              -> graph/ontology/alignments
    ontology/vocabulary-labels.ttl       -> graph/ontology/vocabulary-labels
    shapes/integrity.ttl                 -> graph/shapes/integrity
    data/reference/pillars.ttl           -> graph/reference/pillars
    data/curated/nld-nap-4/jenv.ttl      -> graph/curated/nld-nap-4/jenv
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.exceptions import ParserError

from nap_graph.errors import DataFileError
from nap_graph.iris import graph_iri
from nap_graph.resources import (
    alignments_path,
    data_dir,
    ontology_path,
    resource_root,
    shapes_dir,
    vocabulary_labels_path,
)

RDF_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True, slots=True)
class GraphFile:
    """One RDF file of the default dataset and the named graph it is loaded into."""

    path: Path
    graph: str

    @property
    def format(self) -> ox.RdfFormat:
        return RDF_SUFFIXES[self.path.suffix]


def graph_iri_for(path: Path) -> str:
    """The named-graph IRI of a shipped file: its path under the resource root, minus
    the leading ``data/`` and the suffix."""
    relative = path.resolve().relative_to(resource_root().resolve())
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "data":
        parts = parts[1:]
    return graph_iri(parts)


def _rdf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())


def default_graph_files() -> list[GraphFile]:
    """The ontology, the shapes and the data files, in load order."""
    paths = [
        ontology_path(),
        alignments_path(),
        vocabulary_labels_path(),
        *_rdf_files(shapes_dir()),
        *_rdf_files(data_dir()),
    ]
    return [GraphFile(path=p, graph=graph_iri_for(p)) for p in paths]


def default_curation_files() -> list[Path]:
    """The shipped curation documents (``data/curated/**/*.curation.json``), applied after
    the RDF files (:mod:`nap_graph.submissions.curation`)."""
    return sorted(p for p in data_dir().rglob("*.curation.json") if p.is_file())


def load_default_store(store: ox.Store | None = None) -> ox.Store:
    """Fill ``store`` (a new in-memory Oxigraph store if none) with the default dataset:
    the RDF files, then the curation documents.

    Raises :class:`DataFileError` naming the file and position of a syntax error.
    """
    target = store if store is not None else ox.Store()
    for item in default_graph_files():
        try:
            target.bulk_load(path=item.path, format=item.format, to_graph=ox.NamedNode(item.graph))
        except SyntaxError as exc:
            raise DataFileError(f"{item.path}: not valid RDF: {exc}") from exc
        except OSError as exc:
            raise DataFileError(f"{item.path}: cannot be read: {exc}") from exc
    from nap_graph.store.oxigraph_store import OxigraphStore
    from nap_graph.submissions.curation import apply_default_curations

    apply_default_curations(OxigraphStore.around(target))
    return target


def _curation_graphs() -> dict[str, Graph]:
    """The graphs the shipped curation documents make, as rdflib graphs."""
    from nap_graph.submissions.curation import default_curation_graphs

    store = load_default_store()
    out: dict[str, Graph] = {}
    for name in default_curation_graphs():
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        text = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
        out[name] = Graph().parse(data=text, format="nt")
    return out


def load_default_dataset() -> Dataset:
    """The default dataset as an rdflib :class:`Dataset` (one named graph per file, and one
    per curation document)."""
    dataset = Dataset()
    for item in default_graph_files():
        graph = dataset.graph(URIRef(item.graph))
        parse_into(graph, item.path)
    for name, made in _curation_graphs().items():
        dataset.graph(URIRef(name)).__iadd__(made)
    return dataset


def load_data_graph() -> Graph:
    """All of ``data/`` (not the ontology or the shapes) in one rdflib graph, the curation
    documents' graphs included: what the graph-integrity shapes are run against."""
    graph = Graph()
    for path in _rdf_files(data_dir()):
        parse_into(graph, path)
    for made in _curation_graphs().values():
        graph += made
    return graph


def parse_into(graph: Graph, path: Path) -> Graph:
    """Parse an RDF file into ``graph``; a syntax error becomes :class:`DataFileError`."""
    fmt = "turtle" if path.suffix == ".ttl" else "nt"
    try:
        graph.parse(path, format=fmt)
    except (SyntaxError, ParserError, ValueError) as exc:  # BadSyntax is a SyntaxError
        raise DataFileError(f"{path}: not valid {fmt}: {exc}") from exc
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read: {exc}") from exc
    return graph
