"""The files of the default dataset, and the named graph each becomes (``docs/iris.md``)::

    ontology/wps.ttl                     -> graph/ontology/wps
    ontology/alignments.ttl              -> graph/ontology/alignments
    ontology/vocabulary-labels.ttl       -> graph/ontology/vocabulary-labels
    shapes/integrity.ttl                 -> graph/shapes/integrity
    data/reference/pillars.ttl           -> graph/reference/pillars

The records under ``data/submissions/`` (as received, dated by ``receipts.toml``) and the
curation documents under ``data/curated/`` are not RDF files: ``nap-graph init`` stores them
through the same write path as any other record (:mod:`nap_graph.default_data`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.exceptions import ParserError

from nap_graph.errors import DataFileError
from nap_graph.iris import GRAPH, PROVENANCE_GRAPH, graph_iri
from nap_graph.resources import (
    alignments_path,
    data_dir,
    ontology_path,
    resource_root,
    shapes_dir,
    vocabulary_labels_path,
)

DATA_KINDS = ("reference", "plans", "actors", "submission", "curation", "links")
"""The first path segments of the named graphs that hold data (not the ontology or shapes)."""
RDF_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
RECEIPTS = "receipts.toml"


@dataclass(frozen=True, slots=True)
class GraphFile:
    """One RDF file of the default dataset and the named graph it is loaded into."""

    path: Path
    graph: str

    @property
    def format(self) -> ox.RdfFormat:
        return RDF_SUFFIXES[self.path.suffix]


@dataclass(frozen=True, slots=True)
class ShippedRecord:
    """A record kept as received under ``data/submissions/``, with when and from whom."""

    path: Path
    received: date
    sender: str


def graph_iri_for(path: Path) -> str:
    """The named-graph IRI of a shipped file: its path under the resource root, minus
    the leading ``data/`` and the suffix."""
    relative = path.resolve().relative_to(resource_root().resolve())
    parts = list(relative.with_suffix("").parts)
    if parts[0] == "data":
        parts = parts[1:]
    return graph_iri(parts)


def submissions_dir() -> Path:
    return data_dir() / "submissions"


def _rdf_files(folder: Path) -> list[Path]:
    received = submissions_dir().resolve()
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in RDF_SUFFIXES and p.is_file() and received not in p.resolve().parents
    )


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


def default_records() -> list[ShippedRecord]:
    """The shipped records, oldest first, as ``data/submissions/receipts.toml`` dates them;
    :class:`DataFileError` for a record it does not list or an entry without its file."""
    folder = submissions_dir()
    receipts = folder / RECEIPTS
    try:
        entries = tomllib.loads(receipts.read_text(encoding="utf-8")).get("received", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{receipts}: cannot be read: {exc}") from exc
    records = []
    for i, entry in enumerate(entries):
        path = folder / str(entry.get("file", ""))
        if not path.is_file() or not isinstance(entry.get("date"), date):
            raise DataFileError(
                f"{receipts}: received[{i}]: expected an existing 'file' and a 'date' "
                f"(YYYY-MM-DD); found {entry!r}"
            )
        records.append(ShippedRecord(path, entry["date"], str(entry.get("sender", ""))))
    listed = {r.path.resolve() for r in records}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != RECEIPTS and path.resolve() not in listed:
            raise DataFileError(f"{receipts}: no entry for {path.relative_to(folder)}")
    return sorted(records, key=lambda r: (r.received, str(r.path)))


def default_curation_files() -> list[Path]:
    """The shipped curation documents (``data/curated/**/*.curation.json``)."""
    return sorted(p for p in data_dir().rglob("*.curation.json") if p.is_file())


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


def is_data_graph(graph: str) -> bool:
    """Whether a named graph holds data (reference data, plans, actors, records, curations,
    links, provenance), not the ontology, the shapes or the store's generation."""
    return graph == PROVENANCE_GRAPH or graph.removeprefix(str(GRAPH)).split("/")[0] in DATA_KINDS
