"""The namespaces nap-graph mints IRIs in and the vocabularies it reuses.

Every IRI pattern is documented in ``docs/iris.md``; this module is the one place in the
code that spells out a namespace.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

BASE = "https://w3id.org/nap-graph/"
"""The project's base IRI; everything nap-graph mints starts with it."""

WPS = Namespace(f"{BASE}def/wps#")
"""The WPS ontology (hash namespace: the ontology is one document)."""

ONTOLOGY_IRI = f"{BASE}def/wps"
"""The ontology's own IRI (``owl:Ontology``)."""

SHAPES = Namespace(f"{BASE}def/shapes#")
"""SHACL shapes (graph integrity and, later, submissions)."""

ID = Namespace(f"{BASE}id/")
"""Instances: ``id/<type>/<slug>``."""

GRAPH = Namespace(f"{BASE}graph/")
"""Named graphs: ``graph/<path of the source file under data/ or ontology/>``."""

COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
"""EU Publications Office country authority (as DCAT-AP uses)."""

TOOI = Namespace("https://identifier.overheid.nl/tooi/id/")
"""TOOI: identifiers of Dutch government organisations."""

SPDX = Namespace("http://spdx.org/rdf/terms#")
"""SPDX, for checksums (as DCAT 3 uses them)."""

UNIT = Namespace("http://qudt.org/vocab/unit/")
"""QUDT units (``unit:PERCENT``, ``unit:NUM``, ``unit:DAY``)."""

PREFIXES: dict[str, str] = {
    "wps": str(WPS),
    "id": str(ID),
    "graph": str(GRAPH),
    "shape": str(SHAPES),
    "country": str(COUNTRY),
    "tooi": str(TOOI),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "void": str(VOID),
    "spdx": str(SPDX),
    "unit": str(UNIT),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": "http://www.w3.org/ns/shacl#",
}
"""The prefixes used in the data, the docs' example queries and every serialisation."""


def sparql_prologue() -> str:
    """The ``PREFIX`` lines for :data:`PREFIXES`, to put in front of a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
