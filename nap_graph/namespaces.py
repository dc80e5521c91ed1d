"""The namespaces nap-graph mints IRIs in and the vocabularies it reuses.

Every IRI pattern is documented in ``docs/iris.md``; this module is the one place in the
code that spells out a namespace. The namespaces as plain strings (:data:`NAMESPACES`,
:data:`PREFIXES`) cost nothing to import; the rdflib ``Namespace`` objects (``WPS.Submission``
is a ``URIRef``) are made when first used, so that the store and the query workers, which
never build rdflib graphs, do not import rdflib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

BASE = "https://w3id.org/nap-graph/"
"""The project's base IRI; everything nap-graph mints starts with it."""

ONTOLOGY_IRI = f"{BASE}def/wps"
"""The ontology's own IRI (``owl:Ontology``)."""

NAMESPACES: dict[str, str] = {
    "WPS": f"{BASE}def/wps#",  # the WPS ontology (hash namespace: one document)
    "SHAPES": f"{BASE}def/shapes#",  # SHACL shapes (graph integrity and submissions)
    "ID": f"{BASE}id/",  # instances: id/<type>/<slug>
    "GRAPH": f"{BASE}graph/",  # named graphs: graph/<path of the source file>
    "COUNTRY": "http://publications.europa.eu/resource/authority/country/",  # as DCAT-AP uses
    "TOOI": "https://identifier.overheid.nl/tooi/id/",  # Dutch government organisations
    "SPDX": "http://spdx.org/rdf/terms#",  # checksums (as DCAT 3 uses them)
    "UNIT": "http://qudt.org/vocab/unit/",  # QUDT units (unit:PERCENT, unit:NUM, unit:DAY)
}
"""The namespaces by the name of their rdflib ``Namespace`` in this module."""

PREFIXES: dict[str, str] = {
    "wps": NAMESPACES["WPS"],
    "id": NAMESPACES["ID"],
    "graph": NAMESPACES["GRAPH"],
    "shape": NAMESPACES["SHAPES"],
    "country": NAMESPACES["COUNTRY"],
    "tooi": NAMESPACES["TOOI"],
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "void": "http://rdfs.org/ns/void#",
    "spdx": NAMESPACES["SPDX"],
    "unit": NAMESPACES["UNIT"],
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}
"""The prefixes used in the data, the docs' example queries and every serialisation."""

if TYPE_CHECKING:
    from rdflib import Namespace

    WPS: Namespace
    SHAPES: Namespace
    ID: Namespace
    GRAPH: Namespace
    COUNTRY: Namespace
    TOOI: Namespace
    SPDX: Namespace
    UNIT: Namespace


def __getattr__(name: str) -> Any:
    if name not in NAMESPACES:
        raise AttributeError(f"module 'nap_graph.namespaces' has no attribute {name!r}")
    from rdflib import Namespace

    value = Namespace(NAMESPACES[name])
    globals()[name] = value
    return value


def sparql_prologue() -> str:
    """The ``PREFIX`` lines for :data:`PREFIXES`, to put in front of a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def prefixed(iri: str) -> str | None:
    """``skos:prefLabel`` for ``http://www.w3.org/2004/02/skos/core#prefLabel``: the IRI as
    a prefixed name with the longest of :data:`PREFIXES` it starts with (``None`` when none
    does, or the rest would not be a plain local name).

    >>> prefixed("http://www.w3.org/ns/org#hasUnit")
    'org:hasUnit'
    """
    best = max(
        (p for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda p: len(PREFIXES[p]),
        default=None,
    )
    if best is None:
        return None
    local = iri[len(PREFIXES[best]) :]
    return f"{best}:{local}" if local and all(c.isalnum() or c in "-_." for c in local) else None
