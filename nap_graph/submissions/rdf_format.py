"""RDF submissions (Turtle, JSON-LD) in the ontology's terms, read back into the model so that
they are validated, and turned into RDF, exactly like every other format."""

from __future__ import annotations

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.reference import reference_index
from nap_graph.submissions.model import (
    Location,
    ParsedSubmission,
    Problem,
    SourceInfo,
    SubmissionRecord,
)
from nap_graph.terms import DCTERMS, FOAF, RDF, SKOS, WPS, Object, Subject, Triples

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}


def _value(term: Object) -> str:
    return term.value  # type: ignore[attr-defined]


def _tail(node: Object, prefix: str) -> str:
    text = node.value  # type: ignore[attr-defined]
    return (
        text.removeprefix(prefix) if prefix and text.startswith(prefix) else text.rsplit("/", 1)[-1]
    )


def _text(graph: Triples, subject: Subject, prop: ox.NamedNode) -> tuple[str | None, str | None]:
    for value in graph.objects(subject, prop):
        if isinstance(value, ox.Literal):
            return value.value, value.language
    return None, None


def _names(graph: Triples, node: object) -> str | dict[str, str] | None:
    found = {
        v.language or "en": v.value
        for v in graph.objects(node, SKOS.prefLabel)  # type: ignore[arg-type]
        if isinstance(v, ox.Literal)
    }
    if not found:
        return None
    return next(iter(found.values())) if len(found) == 1 else found


def _described(graph: Triples, node: object, prop: ox.NamedNode) -> str | dict[str, str] | None:
    found = {
        v.language or "en": v.value
        for v in graph.objects(node, prop)  # type: ignore[arg-type]
        if isinstance(v, ox.Literal)
    }
    if not found:
        return None
    return next(iter(found.values())) if len(found) == 1 else found


def _name_of(graph: Triples, node: object, names: dict[str, str]) -> str:
    """A concept's or organisation's name: the reference data's, else the graph's label."""
    if node.value in names:
        return names[node.value]
    label = _names(graph, node)
    if isinstance(label, dict):
        return label.get("en") or next(iter(label.values()))
    return label or _tail(node, "")


def _quantity(graph: Triples, node: object) -> dict[str, object]:
    index = reference_index()
    item: dict[str, object] = {"key": _tail(node, "")}
    label = _names(graph, node)
    if label:
        item["label"] = label
    value = graph.value(node, WPS.value)  # type: ignore[arg-type]
    item["value"] = value.value if value is not None else "0"
    unit = graph.value(node, WPS.unit)  # type: ignore[arg-type]
    item["unit"] = unit.value if unit is not None else ""
    indicator = graph.value(node, WPS.measures)  # type: ignore[arg-type]
    item["indicator"] = (
        _name_of(graph, indicator, index.vocabularies["indicator"][1]) if indicator else ""
    )
    year = graph.value(node, WPS.year)  # type: ignore[arg-type]
    if year is not None:
        item["year"] = year.value
    return item


def _activities(graph: Triples, sub: ox.NamedNode, plan_key: str) -> list[dict[str, object]]:
    """The activities reported in the submission or its contributions, as model objects."""
    index = reference_index()
    contributions = {
        node: _tail(graph.value(node, WPS.aboutOutcome), iris.id_prefix("outcome", plan_key))
        for node in graph.objects(sub, WPS.hasContribution)
    }
    nodes = sorted(
        {
            a
            for target in (sub, *contributions)
            for a in graph.subjects(WPS.reportedIn, target)
            if (a, RDF.type, WPS.Activity) in graph
        },
        key=_value,
    )
    orgs = index.organisation_names
    outcomes = iris.id_prefix("outcome", plan_key)
    out = []
    for node in nodes:
        vocab = index.vocabularies
        item: dict[str, object] = {"key": _tail(node, ""), "name": _names(graph, node) or ""}

        def objects(prop: ox.NamedNode, n: object = node) -> list[object]:
            return sorted(graph.objects(n, prop), key=_value)  # type: ignore[arg-type]

        lists = {
            "outcomes": [_tail(o, outcomes) for o in objects(WPS.contributesTo)],
            "carried_out_by": [_name_of(graph, o, orgs) for o in objects(WPS.carriedOutBy)],
            "partners": [_name_of(graph, o, orgs) for o in objects(WPS.partner)],
            "partner_countries": [_tail(o, "") for o in objects(WPS.partnerCountry)],
            "audience": [_name_of(graph, o, orgs) for o in objects(WPS.audience)],
            "target_groups": [
                _name_of(graph, o, vocab["target-group"][1]) for o in objects(WPS.targetGroup)
            ],
            "activity_types": [
                _name_of(graph, o, vocab["activity-type"][1]) for o in objects(WPS.activityType)
            ],
            "mission_types": [
                _name_of(graph, o, vocab["mission-type"][1]) for o in objects(WPS.missionType)
            ],
            "purpose_codes": [_tail(o, "") for o in objects(WPS.purposeCode)],
            "geographic_focus": [_tail(o, "") for o in objects(WPS.geographicFocus)],
            "countries": [_tail(o, "") for o in objects(WPS.focusCountry)]
            + [index.region_names.get(o.value, _tail(o, "")) for o in objects(WPS.focusRegion)],
            "resulted_in": [
                _name_of(graph, o, vocab["legal-instrument"][1]) for o in objects(WPS.resultedIn)
            ],
            "reported_in": [
                "record" if o == sub else contributions.get(o, _tail(o, ""))
                for o in objects(WPS.reportedIn)
            ],
            "targets": [_quantity(graph, o) for o in objects(WPS.hasTarget)],
            "observed_values": [_quantity(graph, o) for o in objects(WPS.hasObservedValue)],
        }
        item.update({k: v for k, v in lists.items() if v})
        for key, prop in (
            ("description", DCTERMS.description),
            ("partner_description", WPS.partnerDescription),
        ):
            value = _described(graph, node, prop)
            if value:
                item[key] = value
        duration = graph.value(node, WPS.duration)
        if duration is not None:
            item["duration"] = duration.value
        frequency = graph.value(node, WPS.frequency)
        if frequency is not None:
            item["frequency"] = _tail(frequency, "")
        marker = graph.value(node, WPS.genderMarker)
        if marker is not None:
            item["gender_marker"] = _tail(marker, "")
        if graph.value(node, WPS.draft) is not None:
            item["draft"] = graph.value(node, WPS.draft).value.lower() == "true"  # type: ignore[union-attr]
        out.append(item)
    return out


def parse_rdf(text: str, source: SourceInfo, *, fmt: str) -> ParsedSubmission | list[Problem]:
    """Read one ``wps:Submission`` from Turtle or JSON-LD."""
    try:
        graph = Triples.parse(text, RDF_FORMATS[fmt])
    except (SyntaxError, ValueError, OSError) as exc:
        return [Problem.error(f"not valid {fmt}: {exc}", Location("document"))]
    subjects = [s for s in graph.subjects(RDF.type, WPS.Submission) if isinstance(s, ox.NamedNode)]
    if len(subjects) != 1:
        return [
            Problem.error(
                f"expected exactly one wps:Submission with an IRI, found {len(subjects)}",
                Location("document"),
            )
        ]
    sub = subjects[0]
    index = reference_index()
    document: dict[str, object] = {}
    language = None
    plan = graph.value(sub, WPS.forPlan)
    plan_key = _tail(plan, iris.id_prefix("plan")) if plan is not None else "nld-nap-4"
    document["plan"] = plan_key
    org = graph.value(sub, WPS.submittedBy)
    if org is not None:
        name, language = _text(graph, org, SKOS.prefLabel)  # type: ignore[arg-type]
        document["organisation"] = name or index.organisation_names.get(org.value)
        kind = graph.value(org, WPS.organisationKind)
        if kind is not None:
            document["organisation_kind"] = index.kind_names.get(kind.value, _tail(kind, ""))
    for name, prop in (
        ("organisation_description", WPS.organisationDescription),
        ("activities_description", WPS.activitiesDescription),
        ("focus_description", WPS.focusDescription),
    ):
        value, lang = _text(graph, sub, prop)
        if value is not None:
            document[name] = value
            language = language or lang
    outcomes = iris.id_prefix("outcome", plan_key)
    codes = sorted(_tail(o, outcomes) for o in graph.objects(sub, WPS.selectsOutcome))
    document["strategic_outcomes"] = [c for c in codes if "." not in c]
    document["sub_outcomes"] = [c for c in codes if "." in c]
    document["investment_types"] = sorted(
        index.investment_type_names.get(t.value, _tail(t, ""))
        for t in graph.objects(sub, WPS.investmentType)
    )
    document["geographic_focus"] = sorted(
        _tail(f, "") for f in graph.objects(sub, WPS.geographicFocus)
    )
    document["countries"] = sorted(
        _tail(c, "") for c in graph.objects(sub, WPS.focusCountry)
    ) + sorted(
        index.region_names.get(r.value, _tail(r, "")) for r in graph.objects(sub, WPS.focusRegion)
    )
    if org is not None:
        homepage = graph.value(org, FOAF.homepage)
        if homepage is not None:
            document["website"] = homepage.value
    activities = _activities(graph, sub, plan_key)
    if activities:
        document["activities"] = activities
    contributions = []
    for node in graph.objects(sub, WPS.hasContribution):
        outcome = graph.value(node, WPS.aboutOutcome)
        statement, lang = _text(graph, node, WPS.statement)  # type: ignore[arg-type]
        language = language or lang
        contributions.append(
            {
                "outcome": _tail(outcome, iris.id_prefix("outcome", plan_key)) if outcome else "",
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
    locations = {name: Location(f"{sub} {name}") for name in document}
    for i, _ in enumerate(record.activities):
        locations[f"activities[{i}]"] = Location(f"{sub} activities[{i}]")
    for name in ("strategic_outcomes", "sub_outcomes", "investment_types", "contributions"):
        for i, _ in enumerate(getattr(record, name)):
            locations[f"{name}[{i}]"] = Location(f"{sub} {name}")
    return ParsedSubmission(record=record, source=source, locations=locations)
