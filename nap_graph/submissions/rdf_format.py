"""RDF submissions (Turtle, JSON-LD) in the ontology's terms, read back into the model so that
they are validated, and turned into RDF, exactly like every other format."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from nap_graph.namespaces import ID, WPS
from nap_graph.reference import reference_index
from nap_graph.submissions.model import (
    Location,
    ParsedSubmission,
    Problem,
    Severity,
    SourceInfo,
    SubmissionRecord,
)

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """Triples parsed by Oxigraph (strict, with line and column in its errors) as an rdflib
    graph. rdflib's own Turtle and JSON-LD parsers fail on malformed input with assorted
    exceptions (AssertionError, IndexError, NameError: found by the property-based tests)."""
    graph = Graph()
    for quad in quads:
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))  # type: ignore[arg-type]
    return graph


def _tail(node: object, prefix: str) -> str:
    text = str(node)
    return (
        text.removeprefix(prefix) if prefix and text.startswith(prefix) else text.rsplit("/", 1)[-1]
    )


def _text(graph: Graph, subject: URIRef, prop: URIRef) -> tuple[str | None, str | None]:
    for value in graph.objects(subject, prop):
        if isinstance(value, Literal):
            return str(value), value.language
    return None, None


def parse_rdf(text: str, source: SourceInfo, *, fmt: str) -> ParsedSubmission | list[Problem]:
    """Read one ``wps:Submission`` from Turtle or JSON-LD."""
    try:
        graph = to_rdflib(ox.parse(text, format=RDF_FORMATS[fmt]))
    except (SyntaxError, ValueError, OSError) as exc:
        return [Problem(Severity.error, f"not valid {fmt}: {exc}", Location("document"))]
    subjects = [s for s in graph.subjects(RDF.type, WPS.Submission) if isinstance(s, URIRef)]
    if len(subjects) != 1:
        return [
            Problem(
                Severity.error,
                f"expected exactly one wps:Submission with an IRI, found {len(subjects)}",
                Location("document"),
            )
        ]
    sub = subjects[0]
    index = reference_index()
    document: dict[str, object] = {}
    language = None
    plan = graph.value(sub, WPS.forPlan)
    plan_key = _tail(plan, f"{ID}plan/") if plan is not None else "nld-nap-4"
    document["plan"] = plan_key
    org = graph.value(sub, WPS.submittedBy)
    if org is not None:
        name, language = _text(graph, org, SKOS.prefLabel)  # type: ignore[arg-type]
        document["organisation"] = name or index.organisation_names.get(str(org))
        kind = graph.value(org, WPS.organisationKind)
        if kind is not None:
            document["organisation_kind"] = index.kind_names.get(str(kind), _tail(kind, ""))
    for name, prop in (
        ("organisation_description", WPS.organisationDescription),
        ("activities_description", WPS.activitiesDescription),
        ("focus_description", WPS.focusDescription),
    ):
        value, lang = _text(graph, sub, prop)
        if value is not None:
            document[name] = value
            language = language or lang
    codes = sorted(
        _tail(o, f"{ID}outcome/{plan_key}/") for o in graph.objects(sub, WPS.selectsOutcome)
    )
    document["strategic_outcomes"] = [c for c in codes if "." not in c]
    document["sub_outcomes"] = [c for c in codes if "." in c]
    document["investment_types"] = sorted(
        index.investment_type_names.get(str(t), _tail(t, ""))
        for t in graph.objects(sub, WPS.investmentType)
    )
    document["geographic_focus"] = sorted(
        _tail(f, "") for f in graph.objects(sub, WPS.geographicFocus)
    )
    document["countries"] = sorted(_tail(c, "") for c in graph.objects(sub, WPS.focusCountry))
    contributions = []
    for node in graph.objects(sub, WPS.hasContribution):
        outcome = graph.value(node, WPS.aboutOutcome)
        statement, lang = _text(graph, node, WPS.statement)  # type: ignore[arg-type]
        language = language or lang
        contributions.append(
            {
                "outcome": _tail(outcome, f"{ID}outcome/{plan_key}/") if outcome else "",
                "text": statement or "",
            }
        )
    document["contributions"] = sorted(
        contributions, key=lambda c: [int(p) for p in c["outcome"].split(".") if p.isdigit()]
    )
    if language:
        document["language"] = language
    from pydantic import ValidationError

    from nap_graph.submissions.json_format import validation_problems

    try:
        record = SubmissionRecord.model_validate(document)
    except ValidationError as exc:
        return validation_problems(exc)
    locations = {name: Location(f"<{sub}> {name}") for name in document}
    for name in ("strategic_outcomes", "sub_outcomes", "investment_types", "contributions"):
        for i, _ in enumerate(getattr(record, name)):
            locations[f"{name}[{i}]"] = Location(f"<{sub}> {name}")
    return ParsedSubmission(record=record, source=source, locations=locations)
