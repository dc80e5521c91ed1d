"""A plan to RDF, checked with the plan and outcome shapes (shapes/integrity*.ttl) against
the pillars and countries it points to, and loaded into its own named graph
``graph/plans/<plan key>`` in one write."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.default_files import default_graph_files
from nap_graph.errors import NapGraphError
from nap_graph.integrity import validate_integrity
from nap_graph.namespaces import GRAPH, ID
from nap_graph.plans.model import PlanRecord
from nap_graph.reference import reference_index
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.submissions.model import Location, Problem, Severity
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph.terms import DCAT, DCTERMS, RDF, SKOS, WPS, Object, Subject, Triples, literal

RELATIONS = {
    "exact": SKOS.exactMatch,
    "close": SKOS.closeMatch,
    "broad": SKOS.broadMatch,
    "related": SKOS.relatedMatch,
}
CONTEXT_GRAPHS = ("reference/pillars", "reference/countries")


@dataclass(slots=True)
class PlanGraph:
    graph: Triples
    plan: str
    named_graph: str
    origins: dict[tuple[str, str], str] = field(default_factory=dict)


def plan_to_graph(record: PlanRecord) -> PlanGraph:
    """The plan, its period, its outcome framework and its areas with their pillar mappings."""
    key = record.key
    plan = ox.NamedNode(iris.plan_iri_for_key(key))
    scheme = ox.NamedNode(iris.plan_outcomes_scheme_iri(key))
    out = PlanGraph(Triples(), plan.value, iris.plan_graph_iri(key))
    g, lang = out.graph, record.language

    def add(s: Subject, p: ox.NamedNode, o: Object, origin: str | None = None) -> None:
        g.add(s, p, o)
        if origin:
            out.origins[(s.value, p.value)] = origin

    add(plan, RDF.type, WPS.NationalActionPlan)
    add(plan, SKOS.prefLabel, literal(record.title, lang=lang), "title")
    if record.title_nl:
        add(plan, SKOS.prefLabel, literal(record.title_nl, lang="nl"), "title_nl")
    add(plan, WPS.country, ox.NamedNode(iris.country_iri(record.country)), "country")
    if record.number is not None:
        add(plan, WPS.planNumber, literal(record.number), "number")
    period = ox.BlankNode()
    add(plan, DCTERMS.temporal, period, "start")
    add(period, RDF.type, DCTERMS.PeriodOfTime)
    add(period, DCAT.startDate, literal(record.start), "start")
    if record.end:
        add(period, DCAT.endDate, literal(record.end), "end")
    if record.predecessor:
        add(
            plan,
            WPS.predecessorPlan,
            ox.NamedNode(iris.plan_iri_for_key(record.predecessor)),
            "predecessor",
        )
    if record.coordinator:
        # a known organisation is the coordinator; a name the reference data does not know
        # stays a name (a contributor), not a new organisation minted from a plan template
        coordinator = resolve_organisation(reference_index(), record.coordinator)
        if coordinator.known:
            add(plan, WPS.coordinator, ox.NamedNode(coordinator.iri), "coordinator")
        else:
            add(plan, DCTERMS.contributor, literal(record.coordinator), "coordinator")
    for source in record.sources:
        add(plan, DCTERMS.source, literal(source), "sources")
    add(plan, WPS.outcomeFramework, scheme)
    add(scheme, RDF.type, WPS.OutcomeFramework)
    add(scheme, SKOS.prefLabel, literal(f"Outcome areas of {record.title}", lang=lang))
    for i, area in enumerate(record.areas):
        node = ox.NamedNode(iris.outcome_iri(plan.value, area.code))
        add(
            node,
            RDF.type,
            WPS.SubOutcome if area.parent else WPS.StrategicOutcome,
            f"areas[{i}].code",
        )
        add(node, SKOS.inScheme, scheme, f"areas[{i}].code")
        add(node, SKOS.notation, literal(area.code), f"areas[{i}].code")
        add(node, SKOS.prefLabel, literal(area.title, lang=lang), f"areas[{i}].title")
        if area.title_nl:
            add(node, SKOS.prefLabel, literal(area.title_nl, lang="nl"), f"areas[{i}].title_nl")
        add(
            node,
            SKOS.definition,
            literal(f'Outcome area "{area.title}" of {record.title}.', lang=lang),
        )
        if area.parent:
            add(
                node,
                SKOS.broader,
                ox.NamedNode(iris.outcome_iri(plan.value, area.parent)),
                f"areas[{i}].parent",
            )
        else:
            add(node, SKOS.topConceptOf, scheme)
            g.add(scheme, SKOS.hasTopConcept, node)
        for mapping in area.mappings:
            add(
                node,
                RELATIONS[mapping.kind.value],
                ox.NamedNode(iris.pillar_iri(mapping.pillar)),
                f"areas[{i}].mappings",
            )
        out.origins[(node.value, "pillar-mapping")] = f"areas[{i}].mappings"
        source = area.source or (record.sources[0] if record.sources else None)
        if source:
            add(node, DCTERMS.source, literal(source), f"areas[{i}].source")
        for prop, name in (
            (DCTERMS.source, "source"),
            (SKOS.prefLabel, "title"),
            (SKOS.notation, "code"),
        ):
            out.origins.setdefault((node.value, prop.value), f"areas[{i}].{name}")
    return out


def _checked_with(built: PlanGraph) -> ox.Store:
    """The plan's triples with the pillars and countries it points to, to check."""
    store = ox.Store()
    for item in default_graph_files():
        if item.graph.removeprefix(str(GRAPH)) in CONTEXT_GRAPHS:
            store.bulk_load(path=item.path, format=item.format)
    store.bulk_extend(built.graph.quads())
    return store


def check_plan(
    record: PlanRecord, locations: dict[str, Location]
) -> tuple[PlanGraph, list[Problem]]:
    """The plan's graph and every shape problem, located in the sender's file."""
    built = plan_to_graph(record)
    report = validate_integrity(_checked_with(built))
    problems = []
    for finding in report.findings:
        origin = built.origins.get((finding.focus, finding.path)) or built.origins.get(
            (finding.focus, "pillar-mapping")
        )
        location = locations.get(origin or "") or Location(origin or finding.path or "plan")
        problems.append(
            Problem(
                Severity.violation if finding.severity == "Violation" else Severity.warning,
                finding.message,
                location,
                found=finding.value or None,
                shape=finding.source,
                focus=finding.focus,
            )
        )
    return built, problems


def load_plan(store: GraphStore, built: PlanGraph, *, replace: bool = False) -> None:
    """Store the plan in its named graph, under the write lock. A plan the store holds
    already (shipped, or imported before) is refused with :class:`PlanExistsError`, unless
    ``replace``: then the graphs that hold it are replaced (refused still when such a graph
    holds other plans too, which replacing would remove)."""
    triples = list(built.graph)
    with store.write_lock():
        holders = store.query(
            queries.load("plan-graphs.rq"), bindings={"plan": ox.NamedNode(built.plan)}
        )
        assert isinstance(holders, SelectResult)
        graphs = {row["graph"].value: int(row["plans"].value) for row in holders.rows}
        if graphs and not replace:
            raise PlanExistsError(
                f"<{built.plan}> is in the store already (in {', '.join(sorted(graphs))}); "
                "nothing was loaded. Import with --replace to replace it"
            )
        shared = sorted(g for g, plans in graphs.items() if plans > 1)
        if shared:
            raise PlanExistsError(
                f"<{built.plan}> is in {', '.join(shared)} together with other plans; "
                "replacing it there would remove them, so nothing was loaded"
            )
        for graph in graphs:
            if graph != built.named_graph:
                store.delete_graph(graph)
        store.put_graph(built.named_graph, triples)


class PlanExistsError(NapGraphError):
    """The store holds the plan already; importing it again needs ``replace``."""


def plan_from_rdf(data: bytes, name: str) -> PlanGraph:
    """A plan sent as RDF (Turtle or JSON-LD) in the ontology's terms: exactly one
    ``wps:NationalActionPlan`` with an IRI under ``id/plan/``; problems are reported by
    focus node, since RDF has no rows."""
    from nap_graph.errors import PlanReadError
    from nap_graph.submissions.rdf_format import RDF_FORMATS
    from nap_graph.submissions.reading import decode

    text = decode(data, name)
    fmt = "jsonld" if name.lower().endswith(".jsonld") else "turtle"
    try:
        graph = Triples.parse(text, RDF_FORMATS[fmt])
    except (SyntaxError, ValueError, OSError) as exc:
        raise PlanReadError(
            name, [Problem.error(f"not valid {fmt}: {exc}", Location("document"))]
        ) from exc
    plans = [
        s for s in graph.subjects(RDF.type, WPS.NationalActionPlan) if isinstance(s, ox.NamedNode)
    ]
    if len(plans) != 1 or not plans[0].value.startswith(f"{ID}plan/"):
        found = ", ".join(str(p) for p in plans) or "none"
        raise PlanReadError(
            name,
            [
                Problem.error(
                    "expected one wps:NationalActionPlan with an IRI under "
                    f"{iris.id_prefix('plan')}, "
                    f"found {found}",
                    Location("document"),
                )
            ],
        )
    key = plans[0].value.removeprefix(f"{ID}plan/")
    return PlanGraph(graph, plans[0].value, iris.plan_graph_iri(key))


def check_plan_graph(built: PlanGraph) -> list[Problem]:
    """The shape problems of a plan given as RDF, by focus node and property."""
    report = validate_integrity(_checked_with(built))
    return [
        Problem(
            Severity.violation if f.severity == "Violation" else Severity.warning,
            f.message,
            Location(f"<{f.focus}> {f.path}".strip()),
            found=f.value or None,
            shape=f.source,
            focus=f.focus,
        )
        for f in report.findings
    ]
