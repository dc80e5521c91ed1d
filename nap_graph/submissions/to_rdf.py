"""From the submission model to RDF in the ontology's terms.

Words are resolved against the reference data (an organisation by any of its labels, see
:mod:`~nap_graph.submissions.organisations`; an investment type or organisation kind by
label or code; countries and regions by name or ISO code). Words that resolve to nothing
still get an IRI by the documented pattern, so that the shapes report them ("'Monetary' is
not an investment type") instead of the parser dropping them. Activities are stated by
:mod:`~nap_graph.submissions.activities_rdf`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from nap_graph import iris
from nap_graph.namespaces import ID, SPDX, WPS
from nap_graph.reference import ReferenceIndex, folded, reference_index
from nap_graph.submissions.activities_rdf import Context, Note, add_activities, focus_of, place
from nap_graph.submissions.mentions import find_mentions
from nap_graph.submissions.model import ParsedSubmission
from nap_graph.submissions.organisations import Resolution, resolve_organisation

IANA = "https://www.iana.org/assignments/media-types/"
FOCUS = {
    "national": iris.concept_iri("geographic-focus", "national"),
    "international": iris.concept_iri("geographic-focus", "international"),
}


@dataclass(slots=True)
class SubmissionGraph:
    """The RDF of one submission, its IRI, and which field each statement came from.

    ``origins`` maps ``(subject, predicate, object)`` and ``(subject, predicate, None)`` to the
    model's field path, so that a SHACL result can be reported at the sender's line or field.
    """

    graph: Graph
    submission: URIRef
    organisation: URIRef
    origins: dict[tuple[str, str, str | None], str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def _concept(table: dict[str, str], word: str, vocabulary: str) -> URIRef:
    found = table.get(folded(word))
    if found:
        return URIRef(found)
    try:
        return URIRef(iris.concept_iri(vocabulary, iris.slugify(word)))
    except ValueError:
        return URIRef(iris.concept_iri(vocabulary, "unknown"))


def organisation_of(index: ReferenceIndex, name: str | None) -> tuple[URIRef, bool]:
    """The IRI of the named organisation and whether it is already known."""
    resolved = resolve_organisation(index, name)
    return URIRef(resolved.iri), resolved.known


def submission_to_graph(
    parsed: ParsedSubmission,
    *,
    received: date | None = None,
    aliases: Mapping[str, str] | None = None,
) -> SubmissionGraph:
    """The submission's graph: submission, contributions (with mentions), activities, source
    document, and the organisation if it is not yet known. ``aliases`` maps organisations a
    coordinator linked to known ones (:mod:`nap_graph.organisation_links`) to those."""
    index = reference_index()
    record, source = parsed.record, parsed.source
    lang = record.language
    g = Graph()
    plan = URIRef(iris.plan_iri_for_key(record.plan))
    aliases = aliases or {}
    resolved = resolve_organisation(index, record.organisation)
    org, known = URIRef(resolved.iri), resolved.known
    if not known and resolved.iri in aliases:
        org, known = URIRef(aliases[resolved.iri]), True
        resolved = Resolution(str(org), True)
    org_key = str(org).removeprefix(f"{ID}organisation/")
    sub = URIRef(iris.submission_iri(str(plan), org_key, source.sha256))
    src = URIRef(iris.source_iri(source.sha256))
    out = SubmissionGraph(graph=g, submission=sub, organisation=org)
    for near in resolved.near[:1]:
        out.notes.append(
            Note(
                "organisation",
                f"'{record.organisation}' is not a known organisation, but may be {near.name} "
                f"<{near.iri}> ({near.reason}); it is recorded as a new organisation until a "
                "coordinator links the two (nap-graph link-organisation)",
                record.organisation,
            )
        )

    def add(s: URIRef, p: URIRef, o: URIRef | Literal, origin: str | None = None) -> None:
        g.add((s, p, o))
        if origin:
            out.origins[(str(s), str(p), str(o))] = origin
            out.origins.setdefault((str(s), str(p), None), origin.split("[")[0])

    add(sub, RDF.type, WPS.Submission)
    add(sub, WPS.submittedBy, org, "organisation")
    add(sub, PROV.wasAttributedTo, org)
    add(sub, WPS.forPlan, plan, "plan")
    add(sub, DCTERMS.dateSubmitted, Literal(received or date.today(), datatype=XSD.date))
    add(sub, WPS.sourceDocument, src)
    add(sub, PROV.wasDerivedFrom, src)
    out.origins[(str(sub), str(WPS.submittedBy), None)] = "organisation"
    out.origins[(str(sub), str(WPS.selectsOutcome), None)] = "strategic_outcomes"
    out.origins[(str(sub), str(WPS.hasContribution), None)] = "contributions"
    out.origins[(str(sub), str(WPS.investmentType), None)] = "investment_types"
    if not known:
        add(org, RDF.type, ORG.Organization)
        if record.organisation:
            add(org, SKOS.prefLabel, Literal(record.organisation, lang=lang), "organisation")
        if record.organisation_kind:
            kind = _concept(index.organisation_kinds, record.organisation_kind, "organisation-kind")
            add(org, WPS.organisationKind, kind, "organisation_kind")
        out.origins[(str(org), str(WPS.organisationKind), None)] = "organisation_kind"
        out.origins[(str(org), str(SKOS.prefLabel), None)] = "organisation"
    if record.website:
        add(org, FOAF.homepage, _homepage(record.website), "website")
    for name, prop in (
        ("organisation_description", WPS.organisationDescription),
        ("activities_description", WPS.activitiesDescription),
        ("focus_description", WPS.focusDescription),
    ):
        value = getattr(record, name)
        if value:
            add(sub, prop, Literal(value, lang=lang), name)
    for name in ("strategic_outcomes", "sub_outcomes"):
        for i, code in enumerate(getattr(record, name)):
            add(sub, WPS.selectsOutcome, URIRef(iris.outcome_iri(str(plan), code)), f"{name}[{i}]")
    for i, word in enumerate(record.investment_types):
        kind = _concept(index.investment_types, word, "investment-type")
        add(sub, WPS.investmentType, kind, f"investment_types[{i}]")
    places: list[URIRef] = []
    for i, word in enumerate(record.countries):
        iri, is_region = place(index, word)
        places.append(iri)
        add(sub, WPS.focusRegion if is_region else WPS.focusCountry, iri, f"countries[{i}]")
    for focus in focus_of(index, record.plan, record.geographic_focus, places):
        add(sub, WPS.geographicFocus, URIRef(FOCUS[focus.value]), "geographic_focus")
    for i, contribution in enumerate(record.contributions):
        node = URIRef(iris.contribution_iri(str(sub), contribution.outcome))
        origin = f"contributions[{i}]"
        add(sub, WPS.hasContribution, node, origin)
        add(node, RDF.type, WPS.Contribution, origin)
        add(
            node,
            WPS.aboutOutcome,
            URIRef(iris.outcome_iri(str(plan), contribution.outcome)),
            origin,
        )
        add(node, WPS.statement, Literal(contribution.text, lang=lang), origin)
        for mention in find_mentions(contribution.text):
            add(node, WPS.mentions, URIRef(mention))
        out.origins[(str(node), str(WPS.statement), None)] = origin
    context = Context(
        index=index,
        plan=str(plan),
        organisation=org,
        submission=sub,
        contribution_codes={c.outcome for c in record.contributions},
        language=lang,
        add=add,
        aliases=aliases,
    )
    add_activities(context, record.activities)
    out.notes.extend(context.notes)
    add(src, RDF.type, WPS.SourceDocument)
    add(src, WPS.fileName, Literal(source.file_name))
    add(src, DCAT.mediaType, URIRef(IANA + source.media_type))
    add(src, DCAT.byteSize, Literal(source.size))
    checksum = URIRef(iris.checksum_iri(source.sha256))
    add(src, SPDX.checksum, checksum)
    add(checksum, RDF.type, SPDX.Checksum)
    add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
    add(checksum, SPDX.checksumValue, Literal(source.sha256, datatype=XSD.hexBinary))
    return out


def _homepage(url: str) -> URIRef | Literal:
    """A website as an IRI (``https://`` added when the scheme is missing); text that is no
    web address stays a literal, which the shapes report."""
    text = url.strip()
    if "://" not in text and "." in text and " " not in text:
        text = f"https://{text}"
    if text.startswith(("http://", "https://")) and " " not in text:
        return URIRef(text)
    return Literal(url)
