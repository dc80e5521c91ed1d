"""The JSON-LD context that turns the WPS ontology into plain JSON keys (``submittedBy``,
``selectsOutcome``, ...), published by the API at ``/context.jsonld``."""

from __future__ import annotations

from functools import cache

from rdflib.namespace import OWL, RDF

from nap_graph.namespaces import PREFIXES, WPS
from nap_graph.ontology import ontology_graph


@cache
def context() -> dict[str, object]:
    """``{"@context": {...}}``: the project's prefixes, every WPS class by its local name,
    every WPS property by its local name (object properties typed ``@id``)."""
    graph = ontology_graph()
    terms: dict[str, object] = {"@version": 1.1}
    terms.update({prefix: iri for prefix, iri in PREFIXES.items() if prefix not in {"sh", "id"}})
    for cls in sorted(graph.subjects(RDF.type, OWL.Class)):
        if str(cls).startswith(str(WPS)):
            terms[str(cls).removeprefix(str(WPS))] = f"wps:{str(cls).removeprefix(str(WPS))}"
    for kind, extra in ((OWL.ObjectProperty, {"@type": "@id"}), (OWL.DatatypeProperty, {})):
        for prop in sorted(graph.subjects(RDF.type, kind)):
            if str(prop).startswith(str(WPS)):
                name = str(prop).removeprefix(str(WPS))
                terms[name] = {"@id": f"wps:{name}", **extra}
    terms.update(
        {
            "id": "@id",
            "type": "@type",
            "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
            "altLabel": {"@id": "skos:altLabel", "@container": ["@language", "@set"]},
            "definition": {"@id": "skos:definition", "@container": "@language"},
            "notation": "skos:notation",
            "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
            "hasTopConcept": {"@id": "skos:hasTopConcept", "@type": "@id", "@container": "@set"},
            "topConceptOf": {"@id": "skos:topConceptOf", "@type": "@id"},
            "broader": {"@id": "skos:broader", "@type": "@id"},
            "narrower": {"@reverse": "skos:broader", "@container": "@set"},
            "versionOf": {"@reverse": "dcterms:hasVersion", "@container": "@set"},
            "exactMatch": {"@id": "skos:exactMatch", "@type": "@id"},
            "closeMatch": {"@id": "skos:closeMatch", "@type": "@id"},
            "broadMatch": {"@id": "skos:broadMatch", "@type": "@id"},
            "narrowMatch": {"@id": "skos:narrowMatch", "@type": "@id"},
            "relatedMatch": {"@id": "skos:relatedMatch", "@type": "@id"},
            "temporal": "dcterms:temporal",
            # a year, a month or a day, as stated: each value carries its own type
            "startDate": {"@id": "dcat:startDate"},
            "endDate": {"@id": "dcat:endDate"},
            "source": "dcterms:source",
        }
    )
    return {"@context": terms}
