"""The dataset described for catalogues (DCAT-AP 3.0.1) and for linked-data clients (VoID):
one ``dcat:Catalog`` holding the dataset, its four dumps as distributions, and the SPARQL
endpoint and Graph Store as ``dcat:DataService``s (served at ``/.well-known/void``).

The description's own IRIs are minted (``id/catalogue``, ``id/dataset/nap-graph``,
``id/distribution/<dump>``, ``id/service/sparql|graph-store``): they do not depend on where
the service runs. Where it runs (access and download URLs, the endpoint) comes from the
``public_url`` setting, never from a request's Host header. Decisions and the DCAT-AP
validation results: docs/catalogue.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.namespaces import BASE
from nap_graph.terms import DCAT, DCTERMS, FOAF, RDF, XSD, Triples, Vocabulary, literal

VOID = Vocabulary("http://rdfs.org/ns/void#")
VCARD = Vocabulary("http://www.w3.org/2006/vcard/ns#")
SD = Vocabulary("http://www.w3.org/ns/sparql-service-description#")
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/IRREG"
IANA = "http://www.iana.org/assignments/media-types/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
CONTACT = "mailto:nap-graph@example.org"
VOCABULARIES = [
    f"{BASE}def/wps#",
    "http://www.w3.org/ns/org#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/dcat#",
    "http://purl.org/dc/terms/",
    "http://spdx.org/rdf/terms#",
    "http://qudt.org/vocab/unit/",
]


@dataclass(frozen=True, slots=True)
class Dump:
    """One full dump: its file name, media type, EU file type and what it holds."""

    name: str
    media_type: str
    file_type: str
    content: str
    content_nl: str


ALL_GRAPHS = ("all named graphs", "alle benoemde grafen")
MERGED = (
    "the current view, merged into one graph",
    "de huidige weergave, samengevoegd tot één graaf",
)
DUMPS = (
    Dump("nap-graph.nq.gz", "application/n-quads", "RDF_N_QUADS", *ALL_GRAPHS),
    Dump("nap-graph.trig.gz", "application/trig", "RDF_TRIG", *ALL_GRAPHS),
    Dump("nap-graph.ttl.gz", "text/turtle", "RDF_TURTLE", *MERGED),
    Dump("nap-graph.jsonld.gz", "application/ld+json", "JSON_LD", *MERGED),
)


def describe(
    root: str,
    triples_per_graph: Mapping[str, int],
    *,
    modified: str | None = None,
) -> Triples:
    """The catalogue, the dataset, its distributions and services, and the VoID statistics,
    with ``root`` (the ``public_url``) as the base of every address people and programs
    follow; ``modified`` the store's last change (``xsd:dateTime``)."""
    root = root.rstrip("/")
    g = Triples()
    catalogue = ox.NamedNode(iris.catalogue_iri())
    dataset = ox.NamedNode(iris.dataset_iri())
    publisher = ox.NamedNode(iris.agent_iri("nap-graph"))
    contact = ox.NamedNode(f"{publisher.value}/contact")
    licence = ox.NamedNode(LICENSE)
    sparql = ox.NamedNode(iris.service_iri("sparql"))
    graph_store = ox.NamedNode(iris.service_iri("graph-store"))
    period = ox.NamedNode(f"{dataset.value}/period")

    def text(subject: ox.NamedNode, prop: ox.NamedNode, en: str, nl: str) -> None:
        g.add(subject, prop, literal(en, lang="en"))
        g.add(subject, prop, literal(nl, lang="nl"))

    g.add(catalogue, RDF.type, DCAT.Catalog)
    text(
        catalogue,
        DCTERMS.title,
        "nap-graph catalogue",
        "nap-graph-catalogus",
    )
    text(
        catalogue,
        DCTERMS.description,
        "The linked data of nap-graph: the National Action Plans on Women, Peace and Security "
        "of the world and the Dutch NAP 1325-IV's signatories' records, and the services that "
        "serve them.",
        "De linked data van nap-graph: de Nationale Actieplannen over Vrouwen, Vrede en "
        "Veiligheid van de wereld en de registraties van de ondertekenaars van het Nederlandse "
        "NAP 1325-IV, en de diensten die ze aanbieden.",
    )
    g.add(catalogue, DCTERMS.publisher, publisher)
    g.add(catalogue, DCTERMS.issued, literal(FIRST_ISSUED, datatype=XSD.date))
    g.add(catalogue, DCTERMS.license, licence)
    g.add(catalogue, FOAF.homepage, ox.NamedNode(f"{root}/"))
    g.add(catalogue, DCAT.dataset, dataset)
    g.add(catalogue, DCAT.service, sparql)
    g.add(catalogue, DCAT.service, graph_store)
    g.add(catalogue, DCTERMS.language, ox.NamedNode(f"{EU_LANGUAGE}ENG"))
    g.add(catalogue, DCTERMS.language, ox.NamedNode(f"{EU_LANGUAGE}NLD"))
    if modified:
        g.add(catalogue, DCTERMS.modified, literal(modified, datatype=XSD.dateTime))

    g.add(publisher, RDF.type, FOAF.Agent)
    g.add(publisher, FOAF.name, literal("nap-graph", lang="en"))
    publisher_type = ox.NamedNode("http://purl.org/adms/publishertype/NonProfitOrganisation")
    g.add(publisher, DCTERMS.type, publisher_type)
    g.add(publisher_type, RDF.type, SKOS_CONCEPT)
    g.add(publisher_type, SKOS_PREF_LABEL, literal("Non-Profit Organisation", lang="en"))
    g.add(contact, RDF.type, VCARD.Organization)
    g.add(contact, VCARD.fn, literal("nap-graph", lang="en"))
    g.add(contact, VCARD.hasEmail, ox.NamedNode(CONTACT))
    g.add(contact, VCARD.hasURL, ox.NamedNode(f"{root}/"))
    g.add(licence, RDF.type, DCTERMS.LicenseDocument)
    g.add(licence, DCTERMS.identifier, literal("CC-BY-4.0"))
    g.add(licence, OWL_SAME_AS, ox.NamedNode(EU_LICENCE))
    attribution = ox.NamedNode("http://purl.org/adms/licencetype/Attribution")
    g.add(licence, DCTERMS.type, attribution)
    g.add(attribution, RDF.type, SKOS_CONCEPT)
    g.add(attribution, SKOS_PREF_LABEL, literal("Attribution", lang="en"))

    g.add(dataset, RDF.type, DCAT.Dataset)
    g.add(dataset, RDF.type, VOID.Dataset)
    text(
        dataset,
        DCTERMS.title,
        "nap-graph: Women, Peace and Security National Action Plans",
        "nap-graph: Nationale Actieplannen Vrouwen, Vrede en Veiligheid",
    )
    text(
        dataset,
        DCTERMS.description,
        "Every National Action Plan on Women, Peace and Security of the world table (244 "
        "plans of 115 countries and 9 regional organisations) with its sources; the outcome "
        "frameworks of eight plans mapped onto the UNSCR 1325 pillars; the Dutch NAP "
        "1325-IV's signatories' records as received, in every version, and their curated "
        "activities, targets and observed values; reference vocabularies (countries, regions, "
        "SDG Goals 5 and 16, OECD DAC purpose codes).",
        "Alle Nationale Actieplannen over Vrouwen, Vrede en Veiligheid uit de wereldtabel (244 "
        "plannen van 115 landen en 9 regionale organisaties) met hun bronnen; de "
        "doelstellingenkaders van acht plannen, afgezet tegen de pijlers van VNVR-resolutie "
        "1325; de registraties van de ondertekenaars van het Nederlandse NAP 1325-IV zoals "
        "ontvangen, in elke versie, met hun gecureerde activiteiten, streefwaarden en "
        "gemeten waarden; referentievocabulaires (landen, regio's, SDG 5 en 16, DAC-doelcodes).",
    )
    for word_en, word_nl in (
        ("women, peace and security", "vrouwen, vrede en veiligheid"),
        ("UNSCR 1325", "VNVR-resolutie 1325"),
        ("national action plan", "nationaal actieplan"),
    ):
        g.add(dataset, DCAT.keyword, literal(word_en, lang="en"))
        g.add(dataset, DCAT.keyword, literal(word_nl, lang="nl"))
    themes = ox.NamedNode(EU_THEME.rstrip("/"))
    g.add(catalogue, DCAT.themeTaxonomy, themes)
    g.add(themes, RDF.type, ox.NamedNode("http://www.w3.org/2004/02/skos/core#ConceptScheme"))
    g.add(themes, DCTERMS.title, literal("Data theme", lang="en"))
    for code, name in THEMES.items():
        theme = ox.NamedNode(EU_THEME + code)
        g.add(dataset, DCAT.theme, theme)
        g.add(theme, SKOS_PREF_LABEL, literal(name, lang="en"))
    g.add(dataset, DCTERMS.publisher, publisher)
    g.add(dataset, DCAT.contactPoint, contact)
    g.add(dataset, DCTERMS.license, licence)
    g.add(dataset, DCTERMS.accrualPeriodicity, ox.NamedNode(EU_FREQUENCY))
    netherlands = ox.NamedNode(iris.country_iri("NLD"))
    g.add(dataset, DCTERMS.spatial, netherlands)
    g.add(catalogue, DCTERMS.spatial, netherlands)
    g.add(netherlands, RDF.type, DCTERMS.Location)
    g.add(dataset, DCTERMS.temporal, period)
    g.add(period, RDF.type, DCTERMS.PeriodOfTime)
    g.add(period, DCAT.startDate, literal("2005", datatype=XSD.gYear))
    g.add(dataset, DCAT.landingPage, ox.NamedNode(f"{root}/"))
    g.add(dataset, VOID.sparqlEndpoint, ox.NamedNode(f"{root}/sparql"))
    g.add(dataset, VOID.uriSpace, literal(iris.id_prefix()))
    g.add(dataset, VOID.rootResource, ox.NamedNode(iris.plan_iri_for_key("nld-nap-4")))
    g.add(
        dataset,
        VOID.triples,
        literal(str(sum(triples_per_graph.values())), datatype=XSD.integer),
    )
    for vocabulary in VOCABULARIES:
        g.add(dataset, VOID.vocabulary, ox.NamedNode(vocabulary))
    if modified:
        g.add(dataset, DCTERMS.modified, literal(modified, datatype=XSD.dateTime))

    for dump in DUMPS:
        url = ox.NamedNode(f"{root}/dumps/{dump.name}")
        node = ox.NamedNode(iris.distribution_iri(dump.name))
        g.add(dataset, DCAT.distribution, node)
        g.add(dataset, VOID.dataDump, url)
        g.add(node, RDF.type, DCAT.Distribution)
        text(node, DCTERMS.title, f"Dump: {dump.content}", f"Dump: {dump.content_nl}")
        text(
            node,
            DCTERMS.description,
            f"The whole dataset as {dump.media_type}, gzip-compressed: {dump.content}.",
            f"De hele dataset als {dump.media_type}, met gzip gecomprimeerd: {dump.content_nl}.",
        )
        g.add(node, DCAT.accessURL, ox.NamedNode(f"{root}/dumps"))
        g.add(node, DCAT.downloadURL, url)
        g.add(node, DCAT.mediaType, ox.NamedNode(IANA + dump.media_type))
        g.add(node, DCTERMS.format, ox.NamedNode(EU_FILE_TYPE + dump.file_type))
        g.add(node, DCAT.compressFormat, ox.NamedNode(IANA + "application/gzip"))
        g.add(node, DCTERMS.license, licence)
        g.add(node, AVAILABILITY, ox.NamedNode(STABLE))
        g.add(ox.NamedNode(STABLE), RDF.type, SKOS_CONCEPT)
        g.add(ox.NamedNode(STABLE), SKOS_PREF_LABEL, literal("stable", lang="en"))
    for node, path, title_en, title_nl, standard, endpoint_doc in (
        (
            sparql,
            "/sparql",
            "SPARQL 1.1 endpoint",
            "SPARQL 1.1-eindpunt",
            "https://www.w3.org/TR/sparql11-protocol/",
            "/sparql",
        ),
        (
            graph_store,
            "/store",
            "SPARQL 1.1 Graph Store",
            "SPARQL 1.1 Graph Store",
            "https://www.w3.org/TR/sparql11-http-rdf-update/",
            "/docs",
        ),
    ):
        g.add(node, RDF.type, DCAT.DataService)
        text(node, DCTERMS.title, title_en, title_nl)
        g.add(node, DCAT.endpointURL, ox.NamedNode(f"{root}{path}"))
        g.add(node, DCAT.endpointDescription, ox.NamedNode(f"{root}/openapi.json"))
        g.add(node, DCAT.servesDataset, dataset)
        g.add(node, DCTERMS.conformsTo, ox.NamedNode(standard))
        g.add(node, DCTERMS.license, licence)
        g.add(node, FOAF.page, ox.NamedNode(f"{root}{endpoint_doc}"))
        g.add(node, DCAT.contactPoint, contact)
        g.add(node, DCTERMS.publisher, publisher)
        g.add(node, DCAT.keyword, literal("SPARQL", lang="en"))
        for code in THEMES:
            g.add(node, DCAT.theme, ox.NamedNode(EU_THEME + code))
    g.add(sparql, RDF.type, SD.Service)
    g.add(sparql, SD.endpoint, ox.NamedNode(f"{root}/sparql"))
    for graph, count in sorted(triples_per_graph.items()):
        subset = ox.NamedNode(f"{dataset.value}/graph/{graph.removeprefix(str(iris.GRAPH))}")
        g.add(dataset, VOID.subset, subset)
        g.add(subset, RDF.type, VOID.Dataset)
        g.add(subset, SD.name, ox.NamedNode(graph))
        g.add(subset, VOID.triples, literal(str(count), datatype=XSD.integer))
    _type_the_values(g)
    return g


RANGES = (
    (DCTERMS.accrualPeriodicity, DCTERMS.Frequency),
    (DCTERMS.language, DCTERMS.LinguisticSystem),
    (DCAT.mediaType, DCTERMS.MediaType),
    (DCAT.compressFormat, DCTERMS.MediaType),
    (DCTERMS.format, DCTERMS.MediaTypeOrExtent),
    (DCTERMS.conformsTo, DCTERMS.Standard),
    (DCAT.theme, ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")),
    (FOAF.homepage, FOAF.Document),
    (FOAF.page, FOAF.Document),
    (DCAT.landingPage, FOAF.Document),
    (DCAT.contactPoint, VCARD.Kind),
)
"""The classes DCAT-AP gives the values of these properties (its range shapes check them):
the EU vocabularies' concepts are stated as what they are."""


def _type_the_values(g: Triples) -> None:
    for prop, cls in RANGES:
        for value in list(g.objects(None, prop)):
            if isinstance(value, ox.NamedNode):
                g.add(value, RDF.type, cls)


FIRST_ISSUED = "2026-11-27"
"""The day the catalogue's first record was received (data/submissions/receipts.toml)."""
SKOS_CONCEPT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
AVAILABILITY = ox.NamedNode("http://data.europa.eu/r5r/availability")
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
THEMES = {"SOCI": "Population and society", "INTR": "International issues"}
"""The EU data themes of the dataset, with their English names."""
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
