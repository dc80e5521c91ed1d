"""Curation documents: the activities, targets and observed values of a record the partner
database's export cannot carry, stated beside one stored version of it.

A curation document is JSON (``docs/curation.schema.json``)::

    {"curates": "https://w3id.org/nap-graph/id/submission/nld-nap-4/jenv/9499130b86aac370",
     "curated_by": "WO=MEN Dutch Gender Platform",
     "activities": [{"name": "...", "outcomes": ["3"], ...}]}

Its activities are the submission model's (:class:`~nap_graph.submissions.model.Activity`),
stated by the same code as a JSON record's and checked by the same shapes, together with the
version they curate. A valid curation is stored as the named graph
``graph/curation/<plan>/<org>/<hash>``: the activities, and the curation itself
(``<version>/curation``, a ``wps:Curation`` that ``wps:curates`` the version, attributed to
the curator, with the time). Curating the version again replaces the graph. When the version
is superseded, its curation leaves the current view with it (``nap-graph history`` says it is
out of date).

The shipped curation documents (``data/curated/**/*.curation.json``) are applied by
``nap-graph init`` after the files they curate are loaded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nap_graph import iris, queries
from nap_graph.agents import agent_triples, named_agent
from nap_graph.errors import CurationRefusedError, SubmissionReadError
from nap_graph.namespaces import ID
from nap_graph.reference import reference_from_store, reference_index, using_reference
from nap_graph.store.protocol import GraphStore, Queryable
from nap_graph.store.results import SelectResult
from nap_graph.store.views import PROVENANCE_GRAPH
from nap_graph.submissions import model
from nap_graph.submissions.activities_rdf import Context, add_activity, recorder
from nap_graph.submissions.json_format import parse_document, validation_problems
from nap_graph.submissions.model import Activity, Text, list_field, optional_field
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph.submissions.reading import file_bytes
from nap_graph.submissions.to_rdf import SubmissionGraph
from nap_graph.submissions.validation import check_submission_graph, problems_of
from nap_graph.terms import PROV, RDF, RDFS, WPS, XSD, Triples, literal

SUFFIX = ".curation.json"


class CurationDocument(BaseModel):
    """What a curator adds to one stored version of a record."""

    model_config = ConfigDict(extra="forbid", title="nap-graph curation document")

    curates: str = Field(
        description="The IRI of the submission version curated "
        "(id/submission/<plan>/<org>/<hash>).",
        pattern=r"^https://w3id\.org/nap-graph/id/submission/[a-z0-9-]+/[a-z0-9-]+/[0-9a-f]{16}$",
    )
    curated_by: Text = Field(description="Who curated it: a person or an organisation's name.")
    language: str = Field(default="en", pattern=r"^[a-z]{2}$", description="Of the texts.")
    note: Text | None = optional_field("What was done, for the provenance.")
    activities: list[Activity] = list_field("The activities the record's texts describe.")
    kept: list[str] = list_field(
        "IRIs of activities a coordinator kept although the record no longer selects all of "
        "their outcomes (set by a review: nap-graph review --keep, /review)."
    )


@dataclass(frozen=True, slots=True)
class CurationReport:
    """A curation document checked against the version it curates."""

    document: CurationDocument
    parsed: model.ParsedSubmission
    built: SubmissionGraph
    problems: tuple[model.Problem, ...]

    @property
    def conforms(self) -> bool:
        return not any(p.severity is not model.Severity.warning for p in self.problems)

    @property
    def graph_iri(self) -> str:
        return iris.curation_graph_iri(self.document.curates)


def read_curation(data: bytes, file_name: str) -> tuple[CurationDocument, model.ParsedSubmission]:
    """The document and its activities as a parsed record (locations are JSON pointers);
    :class:`SubmissionReadError` if it is not a curation document."""
    document, locations, problems = parse_document(data, file_name)
    if problems:
        raise SubmissionReadError(file_name, problems)
    try:
        doc = CurationDocument.model_validate(document)
    except ValidationError as exc:
        raise SubmissionReadError(file_name, validation_problems(exc)) from exc
    plan = doc.curates.removeprefix(f"{ID}submission/").split("/")[0]
    record = model.SubmissionRecord(plan=plan, language=doc.language, activities=doc.activities)
    source = model.SourceInfo(
        file_name=Path(file_name).name,
        media_type="application/json",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    return doc, model.ParsedSubmission(record=record, source=source, locations=locations)


@dataclass(frozen=True, slots=True)
class VersionFacts:
    """What a curation is stated against: the version's plan and organisation, the outcome
    codes of its paragraphs and the outcome codes it selects."""

    plan: str
    organisation: str
    paragraphs: frozenset[str]
    selected: frozenset[str]


def version_facts(store: Queryable, version: str) -> VersionFacts | None:
    result = store.query(
        queries.load("version-facts.rq"), bindings={"version": ox.NamedNode(version)}
    )
    if not isinstance(result, SelectResult) or not result.rows:
        return None
    first = result.rows[0]

    def codes(column: str) -> frozenset[str]:
        return frozenset(r[column].value for r in result.rows if r.get(column) is not None)

    return VersionFacts(
        first["plan"].value, first["org"].value, codes("code"), codes("selected") | codes("code")
    )


def unselected(activity: Activity, facts: VersionFacts) -> list[str]:
    """The activity's outcome codes the version does not select (it needs a review)."""
    return [code for code in activity.outcomes if code not in facts.selected]


def curation_graph(
    doc: CurationDocument,
    parsed: model.ParsedSubmission,
    store: Queryable,
    *,
    now: datetime | None = None,
) -> SubmissionGraph:
    """The curation's graph: its activities and the curation itself. The version must be in
    ``store`` (its plan, organisation and paragraphs are read from there)."""
    facts = version_facts(store, doc.curates)
    if facts is None:
        raise SubmissionReadError(
            parsed.source.file_name,
            [
                model.Problem.error(
                    f"curates: no submission version {doc.curates} in the store; curate a "
                    "stored version (nap-graph history lists them)",
                    model.Location("curates", pointer="/curates"),
                    found=doc.curates,
                )
            ],
        )
    plan, org, codes = facts.plan, facts.organisation, set(facts.paragraphs)
    graph = Triples()
    version = ox.NamedNode(doc.curates)
    built = SubmissionGraph(graph=graph, submission=version, organisation=ox.NamedNode(org))
    add = recorder(graph, built.origins)

    index = reference_index()
    context = Context(
        index=index,
        plan=plan,
        organisation=ox.NamedNode(org),
        submission=version,
        contribution_codes=codes,
        language=doc.language,
        add=add,
    )
    for i, activity in enumerate(doc.activities):
        node = add_activity(context, activity, f"activities[{i}]")
        if unselected(activity, facts) and node.value not in doc.kept:
            add(node, WPS.needsReview, literal(True), f"activities[{i}].outcomes")
    built.notes.extend(context.notes)
    curation = ox.NamedNode(iris.curation_iri(doc.curates))
    curator = resolve_organisation(index, doc.curated_by)
    add(curation, RDF.type, WPS.Curation)
    add(curation, WPS.curates, version)
    add(curation, PROV.wasDerivedFrom, version)
    add(
        curation,
        PROV.wasAttributedTo,
        ox.NamedNode(curator.iri) if curator.known else named_agent(doc.curated_by),
        "curated_by",
    )
    if not curator.known:
        for statement in agent_triples(doc.curated_by):
            add(statement.subject, statement.predicate, statement.object, "curated_by")
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    add(curation, PROV.generatedAtTime, literal(stamp, datatype=XSD.dateTime))
    if doc.note:
        add(curation, RDFS.comment, literal(doc.note, lang="en"))
    add(curation, WPS.curationDocument, literal(doc.model_dump_json(exclude_defaults=True)))
    return built


def check_curation(
    doc: CurationDocument,
    parsed: model.ParsedSubmission,
    store: Queryable,
    *,
    lang: str = "en",
    now: datetime | None = None,
) -> CurationReport:
    """The curation checked with the submission and activity shapes, together with the
    version it curates (read from ``store``)."""
    with using_reference(reference_from_store(store)):
        built = curation_graph(doc, parsed, store, now=now)
        version = _version_triples(store, doc.curates)
        findings, _report = check_submission_graph(version | built.graph, lang=lang)
        problems = problems_of(
            parsed, built, [f for f in findings if not _about_version_only(f, built)]
        )
    return CurationReport(doc, parsed, built, tuple(problems))


def _about_version_only(finding: object, built: SubmissionGraph) -> bool:
    """A finding on the stored version itself, not on what the curation adds (the version
    was checked when it was received; curated versions in the default data restate more)."""
    focus = getattr(finding, "focus", "")
    return not any(s.value == focus for s in built.graph.subjects())


def _version_triples(store: Queryable, version: str) -> Triples:
    triples = store.query(
        queries.load("describe-version.rq"), bindings={"version": ox.NamedNode(version)}
    )
    return Triples(t for t in triples if isinstance(t, ox.Triple))  # type: ignore[union-attr]


def store_curation(store: GraphStore, report: CurationReport) -> str:
    """Store a valid curation as its named graph (replacing an earlier curation of the same
    version); the graph's IRI."""
    with store.write_lock():
        superseded = store.query(
            queries.load("version-superseded.rq"),
            bindings={
                "version": ox.NamedNode(report.document.curates),
                "provenance": ox.NamedNode(PROVENANCE_GRAPH),
            },
        )
        if bool(superseded):
            raise CurationRefusedError(
                f"{report.document.curates} is superseded; curate the current version of the "
                "record (nap-graph history lists it)"
            )
        store.put_graph(report.graph_iri, list(report.built.graph))
    return report.graph_iri


def load_document(path: Path) -> tuple[CurationDocument, model.ParsedSubmission]:
    """:func:`read_curation` on a file."""
    return read_curation(file_bytes(path), str(path))


def schema() -> dict[str, object]:
    """The JSON Schema of curation documents (``docs/curation.schema.json``)."""
    return CurationDocument.model_json_schema()


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def stored_document(store: Queryable, version: str) -> CurationDocument | None:
    """The curation document of ``version``'s curation, as stored with it (``None`` when
    the version has no curation)."""
    result = store.query(
        queries.load("curation-document.rq"),
        bindings={
            "graph": ox.NamedNode(iris.curation_graph_iri(version)),
            "version": ox.NamedNode(version),
        },
        union_default_graph=False,
    )
    if not isinstance(result, SelectResult) or not result.rows:
        return None
    return CurationDocument.model_validate_json(result.rows[0]["document"].value)


def carried_over(
    document: CurationDocument, version: str, store: Queryable, *, now: datetime | None = None
) -> SubmissionGraph:
    """``document`` (a curation of an earlier version of the same record) stated against
    ``version``: the same activities, with the same IRIs, re-attached to the new version's
    paragraphs; those whose outcomes it no longer selects are marked ``wps:needsReview``,
    unless a coordinator kept them before (the document's ``kept`` goes with it)."""
    moved = document.model_copy(update={"curates": version})
    return curation_graph(moved, stored_input(moved), store, now=now)


def stored_input(document: CurationDocument) -> model.ParsedSubmission:
    """A stored curation document as :func:`curation_graph` takes it (no input file)."""
    return model.ParsedSubmission(
        record=model.SubmissionRecord(
            plan=document.curates.removeprefix(f"{ID}submission/").split("/")[0],
            language=document.language,
            activities=document.activities,
        ),
        source=model.SourceInfo("curation.json", "application/json", "", 0),
        locations={},
    )
