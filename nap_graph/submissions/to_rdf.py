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

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.namespaces import ID
from nap_graph.reference import ReferenceIndex, folded, reference_index
from nap_graph.submissions.activities_rdf import (
    Context,
    Note,
    add_activities,
    focus_of,
    place,
    recorder,
)
from nap_graph.submissions.mentions import find_mentions
from nap_graph.submissions.model import ParsedSubmission
from nap_graph.submissions.organisations import Resolution, resolve_organisation
from nap_graph.terms import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    PROV,
    RDF,
    SKOS,
    SPDX,
    WPS,
    XSD,
    Triples,
    literal,
)

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

    graph: Triples
    submission: ox.NamedNode
    organisation: ox.NamedNode
    origins: dict[tuple[str, str, str | None], str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def _concept(table: dict[str, str], word: str, vocabulary: str) -> ox.NamedNode:
    found = table.get(folded(word))
    if found:
        return ox.NamedNode(found)
    try:
        return ox.NamedNode(iris.concept_iri(vocabulary, iris.slugify(word)))
    except ValueError:
        return ox.NamedNode(iris.concept_iri(vocabulary, "unknown"))


def record_labels(
    index: ReferenceIndex, organisation: str, given: str | None, plan: str
) -> list[ox.Literal]:
    """A version's names in English and Dutch: "Record of <organisation> for <plan>"."""
    name = index.organisation_names.get(organisation) or given or organisation.rsplit("/", 1)[-1]
    plan_name = index.plan_names.get(plan, plan)
    return [
        literal(f"Record of {name} for {plan_name}", lang="en"),
        literal(f"Registratie van {name} bij {plan_name}", lang="nl"),
    ]


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
    g = Triples()
    plan = ox.NamedNode(iris.plan_iri_for_key(record.plan))
    aliases = aliases or {}
    resolved = resolve_organisation(index, record.organisation)
    org, known = ox.NamedNode(resolved.iri), resolved.known
    if not known and resolved.iri in aliases:
        org, known = ox.NamedNode(aliases[resolved.iri]), True
        resolved = Resolution(org.value, True)
    org_key = org.value.removeprefix(f"{ID}organisation/")
    sub = ox.NamedNode(iris.submission_iri(plan.value, org_key, source.sha256))
    src = ox.NamedNode(iris.source_iri(source.sha256))
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

    add = recorder(g, out.origins)

    add(sub, RDF.type, WPS.Submission)
    add(sub, WPS.submittedBy, org, "organisation")
    add(sub, PROV.wasAttributedTo, org)
    add(sub, WPS.forPlan, plan, "plan")
    add(sub, DCTERMS.dateSubmitted, literal(received or date.today()))
    for label in record_labels(index, resolved.iri, record.organisation, record.plan):
        add(sub, SKOS.prefLabel, label)
    add(sub, WPS.sourceDocument, src)
    add(sub, PROV.wasDerivedFrom, src)
    out.origins[(sub.value, WPS.submittedBy.value, None)] = "organisation"
    out.origins[(sub.value, WPS.selectsOutcome.value, None)] = "strategic_outcomes"
    out.origins[(sub.value, WPS.hasContribution.value, None)] = "contributions"
    out.origins[(sub.value, WPS.investmentType.value, None)] = "investment_types"
    if not known:
        add(org, RDF.type, ORG.Organization)
        if record.organisation:
            add(org, SKOS.prefLabel, literal(record.organisation, lang=lang), "organisation")
        if record.organisation_kind:
            kind = _concept(index.organisation_kinds, record.organisation_kind, "organisation-kind")
            add(org, WPS.organisationKind, kind, "organisation_kind")
        out.origins[(org.value, WPS.organisationKind.value, None)] = "organisation_kind"
        out.origins[(org.value, SKOS.prefLabel.value, None)] = "organisation"
    if record.website:
        add(org, FOAF.homepage, _homepage(record.website), "website")
    for name, prop in (
        ("organisation_description", WPS.organisationDescription),
        ("activities_description", WPS.activitiesDescription),
        ("focus_description", WPS.focusDescription),
    ):
        value = getattr(record, name)
        if value:
            add(sub, prop, literal(value, lang=lang), name)
    for name in ("strategic_outcomes", "sub_outcomes"):
        for i, code in enumerate(getattr(record, name)):
            outcome = ox.NamedNode(iris.outcome_iri(plan.value, code))
            add(sub, WPS.selectsOutcome, outcome, f"{name}[{i}]")
    for i, word in enumerate(record.investment_types):
        kind = _concept(index.investment_types, word, "investment-type")
        add(sub, WPS.investmentType, kind, f"investment_types[{i}]")
    places: list[ox.NamedNode] = []
    for i, word in enumerate(record.countries):
        iri, is_region = place(index, word)
        places.append(iri)
        add(sub, WPS.focusRegion if is_region else WPS.focusCountry, iri, f"countries[{i}]")
    for focus in focus_of(index, record.plan, record.geographic_focus, places):
        add(sub, WPS.geographicFocus, ox.NamedNode(FOCUS[focus.value]), "geographic_focus")
    for i, contribution in enumerate(record.contributions):
        node = ox.NamedNode(iris.contribution_iri(sub.value, contribution.outcome))
        origin = f"contributions[{i}]"
        add(sub, WPS.hasContribution, node, origin)
        add(node, RDF.type, WPS.Contribution, origin)
        add(
            node,
            WPS.aboutOutcome,
            ox.NamedNode(iris.outcome_iri(plan.value, contribution.outcome)),
            origin,
        )
        add(node, WPS.statement, literal(contribution.text, lang=lang), origin)
        for mention in find_mentions(contribution.text):
            add(node, WPS.mentions, ox.NamedNode(mention))
        out.origins[(node.value, WPS.statement.value, None)] = origin
    context = Context(
        index=index,
        plan=plan.value,
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
    add(src, WPS.fileName, literal(source.file_name))
    add(src, DCAT.mediaType, ox.NamedNode(IANA + source.media_type))
    add(src, DCAT.byteSize, literal(source.size))
    checksum = ox.NamedNode(iris.checksum_iri(source.sha256))
    add(src, SPDX.checksum, checksum)
    add(checksum, RDF.type, SPDX.Checksum)
    add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
    add(checksum, SPDX.checksumValue, literal(source.sha256, datatype=XSD.hexBinary))
    return out


def _homepage(url: str) -> ox.NamedNode | ox.Literal:
    """A website as an IRI (``https://`` added when the scheme is missing); text that is no
    web address stays a literal, which the shapes report."""
    text = url.strip()
    if "://" not in text and "." in text and " " not in text:
        text = f"https://{text}"
    if text.startswith(("http://", "https://")) and " " not in text:
        try:
            return ox.NamedNode(text)
        except ValueError:  # looks like a web address but is not one: the shapes say so
            pass
    return literal(url)
