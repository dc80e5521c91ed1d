"""The WPS ontology as loaded from ``ontology/wps.ttl``, and the versions it can be asked for.

Its IRI is ``https://w3id.org/nap-graph/def/wps``; each release also has a version IRI
``def/wps/<x.y.z>`` (``owl:versionIRI``). Only versions nap-graph holds are served: today the
current one. Older releases are not kept in the repository, so their IRIs answer 404 (with
the versions that exist) rather than the current ontology under an old name.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from nap_graph.default_files import parse_into
from nap_graph.errors import DataFileError, ValidationSetupError
from nap_graph.resources import alignments_path, ontology_path


@cache
def ontology_graph() -> Graph:
    """The WPS ontology, parsed once per process."""
    try:
        return parse_into(Graph(), ontology_path())
    except DataFileError as exc:
        raise ValidationSetupError(f"the ontology cannot be loaded: {exc}") from exc


@cache
def ontology_with_alignments() -> Graph:
    """The ontology and ``ontology/alignments.ttl`` (ORG's class hierarchy, ...): what
    validation reasons with."""
    graph = Graph()
    graph += ontology_graph()
    try:
        return parse_into(graph, alignments_path())
    except DataFileError as exc:
        raise ValidationSetupError(f"the alignments cannot be loaded: {exc}") from exc


def ontology_versions() -> dict[str, str]:
    """Version (``0.1.0``) -> version IRI, for the versions that can be served."""
    graph = ontology_graph()
    out = {}
    for ontology in graph.subjects(RDF.type, OWL.Ontology):
        info = graph.value(ontology, OWL.versionInfo)
        iri = graph.value(ontology, OWL.versionIRI)
        if info is not None and iri is not None:
            out[str(info)] = str(iri)
    return out
