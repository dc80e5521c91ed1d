"""The RDF terms nap-graph builds graphs from: pyoxigraph's, from parsing to storing.

Records, curations and plans are stated as :class:`Triples` of ``pyoxigraph`` terms, checked
on an in-memory Oxigraph store (pySHACL reads it directly) and written to the store as they
are; rdflib is used only where a library needs it (pySHACL's shapes and reports, JSON-LD
framing). The vocabularies are :class:`Vocabulary` objects whose attributes are
``NamedNode`` terms::

    >>> SKOS.prefLabel
    <NamedNode value=http://www.w3.org/2004/02/skos/core#prefLabel>
    >>> WPS["Submission"].value
    'https://w3id.org/nap-graph/def/wps#Submission'
    >>> literal(date(2021, 1, 1))
    <Literal value=2021-01-01 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#date>>
    >>> graph = Triples()
    >>> graph.add(WPS.x, RDF.type, WPS.Submission)
    >>> graph.add(WPS.x, RDF.type, WPS.Submission)
    >>> len(graph), graph.value(WPS.x, RDF.type) == WPS.Submission
    (1, True)

Note that ``str()`` of a pyoxigraph term is its N-Triples form (``<http://...>``); the IRI or
the lexical form is ``term.value``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

import pyoxigraph as ox

from nap_graph.namespaces import NAMESPACES, PREFIXES

Subject = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal


class Vocabulary:
    """A namespace whose attributes (and items) are its terms as ``NamedNode`` objects."""

    __slots__ = ("_terms", "base")

    def __init__(self, base: str) -> None:
        self.base = base
        self._terms: dict[str, ox.NamedNode] = {}

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(self.base + name)
        return term

    def __repr__(self) -> str:
        return f"Vocabulary({self.base!r})"


RDF, RDFS, OWL, XSD, SKOS, ORG, PROV, DCTERMS, DCAT, FOAF = (
    Vocabulary(PREFIXES[name])
    for name in ("rdf", "rdfs", "owl", "xsd", "skos", "org", "prov", "dcterms", "dcat", "foaf")
)
WPS, SPDX = Vocabulary(NAMESPACES["WPS"]), Vocabulary(NAMESPACES["SPDX"])


def literal(
    value: str | int | bool | Decimal | date | datetime,
    *,
    lang: str | None = None,
    datatype: ox.NamedNode | None = None,
) -> ox.Literal:
    """A literal: text (with ``lang``), or a typed value (``date`` as ``xsd:date``,
    ``datetime`` as ``xsd:dateTime``, ``bool``, ``int`` as ``xsd:integer``, ``Decimal`` as
    ``xsd:decimal``); ``datatype`` types a lexical form given as text."""
    if isinstance(value, str):
        if lang:
            return ox.Literal(value, language=lang)
        return ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=XSD.decimal)
    return ox.Literal(value)


class Triples:
    """A small graph: an insertion-ordered set of triples with the lookups that readers and
    reports need (a record's graph has hundreds of triples, so lookups scan)."""

    __slots__ = ("_triples",)

    def __init__(self, triples: Iterable[ox.Triple] = ()) -> None:
        self._triples: dict[ox.Triple, None] = dict.fromkeys(triples)

    @classmethod
    def parse(cls, data: str | bytes, fmt: ox.RdfFormat) -> Triples:
        """The default-graph triples of an RDF document (Oxigraph's strict parser)."""
        return cls(q.triple for q in ox.parse(data, format=fmt))

    def add(self, subject: Subject, predicate: ox.NamedNode, obj: Object) -> None:
        self._triples[ox.Triple(subject, predicate, obj)] = None

    def update(self, triples: Iterable[ox.Triple]) -> None:
        self._triples.update(dict.fromkeys(triples))

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        if isinstance(triple, tuple):
            triple = ox.Triple(*triple)
        return triple in self._triples

    def __or__(self, other: Iterable[ox.Triple]) -> Triples:
        joined = Triples(self)
        joined.update(other)
        return joined

    def objects(
        self, subject: Subject | None = None, predicate: ox.NamedNode | None = None
    ) -> Iterator[Object]:
        """The objects of the triples with this subject and predicate (``None``: any)."""
        for t in self._triples:
            if (subject is None or t.subject == subject) and (
                predicate is None or t.predicate == predicate
            ):
                yield t.object

    def subjects(
        self, predicate: ox.NamedNode | None = None, obj: Object | None = None
    ) -> Iterator[Subject]:
        """The subjects of the triples with this predicate and object (``None``: any), each
        once."""
        seen: set[Subject] = set()
        for t in self._triples:
            matches = (predicate is None or t.predicate == predicate) and (
                obj is None or t.object == obj
            )
            if matches and t.subject not in seen:
                seen.add(t.subject)
                yield t.subject

    def value(self, subject: Subject, predicate: ox.NamedNode) -> Object | None:
        """One object of ``subject predicate``, or ``None``."""
        return next(self.objects(subject, predicate), None)

    def quads(self, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
        """The triples as quads in ``graph`` (``None``: the default graph)."""
        target = graph if graph is not None else ox.DefaultGraph()
        return [ox.Quad(t.subject, t.predicate, t.object, target) for t in self._triples]

    def serialize(self, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
        """The triples in an RDF syntax, with the project's prefixes."""
        prefixes = PREFIXES if fmt is ox.RdfFormat.TURTLE else None
        return ox.serialize(self, format=fmt, prefixes=prefixes) or b""
