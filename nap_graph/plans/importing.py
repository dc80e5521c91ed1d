"""A plan to RDF, checked with the plan and outcome shapes (shapes/integrity*.ttl) against
the pillars and countries it points to, and loaded into its own named graph
``graph/plans/<plan key>`` in one write."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.default_files import default_graph_files
from nap_graph.errors import RefusedError
from nap_graph.integrity import validate_integrity
from nap_graph.namespaces import GRAPH, ID
from nap_graph.plans.model import PlanRecord
from nap_graph.reference import reference_index
from nap_graph.store.protocol import GraphStore
from nap_graph.store.results import SelectResult
from nap_graph.submissions.model import Location, Problem, Severity
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph.terms import DCAT, DCTERMS, RDF, SKOS, WPS, XSD, Object, Subject, Triples, literal
from nap_graph.world.graph import load_context

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


def _stated(value: str) -> ox.Literal:
    """A year, month or day as its own datatype (``xsd:gYear``, ``xsd:gYearMonth``,
    ``xsd:date``)."""
    return literal(value, datatype={4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date))


def made_names(record: PlanRecord) -> dict[str, str]:
    """The names nap-graph gives a plan in English and Dutch where it has no title in that
    language: owner, number and period (``Senegal: National Action Plan 2 (2021-2025)``)."""
    names = load_context().country_names.get(record.country, {})
    period = f" ({record.start[:4]}\N{EN DASH}{(record.end or '')[:4]})"
    number = f" {record.number}" if record.number else ""
    return {
        "en": f"{names.get('en', record.country)}: National Action Plan{number}{period}",
        "nl": f"{names.get('nl', record.country)}: Nationaal Actieplan{number}{period}",
    }


def plan_to_graph(record: PlanRecord, predecessor: str | None = None) -> PlanGraph:
    """The plan, its period, its outcome framework and its areas with their pillar mappings;
    ``predecessor`` the IRI the record's predecessor resolved to."""
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
    add(plan, DCTERMS.title, literal(record.title, lang=lang), "title")
    titles = {lang.split("-")[0]: record.title}
    for other, text in (("en", record.title_en), ("nl", record.title_nl)):
        if text and other not in titles:
            add(plan, SKOS.prefLabel, literal(text, lang=other), f"title_{other}")
            titles[other] = text
    for other, text in made_names(record).items():
        if other not in titles:
            add(plan, SKOS.prefLabel, literal(text, lang=other))
    english = titles.get("en") or made_names(record)["en"]
    add(plan, WPS.country, ox.NamedNode(iris.country_iri(record.country)), "country")
    continent = load_context().continent.get(record.country)
    if continent:
        add(plan, WPS.region, ox.NamedNode(iris.region_iri(continent)))
    if record.number is not None:
        add(plan, WPS.planNumber, literal(record.number), "number")
    period = ox.BlankNode()
    add(plan, DCTERMS.temporal, period, "start")
    add(period, RDF.type, DCTERMS.PeriodOfTime)
    add(period, DCAT.startDate, _stated(record.start), "start")
    if record.end:
        add(period, DCAT.endDate, _stated(record.end), "end")
    if predecessor or record.predecessor:
        target = predecessor or iris.plan_iri_for_key(record.predecessor or "")
        add(plan, WPS.predecessorPlan, ox.NamedNode(target), "predecessor")
    if record.coordinator:
        # a known organisation is the coordinator; a name the reference data does not know
        # stays a name (a contributor), not a new organisation minted from a plan template
        coordinator = resolve_organisation(reference_index(), record.coordinator)
        if coordinator.known:
            add(plan, WPS.coordinator, ox.NamedNode(coordinator.iri), "coordinator")
        else:
            add(plan, DCTERMS.contributor, literal(record.coordinator), "coordinator")
    for source in record.sources:
        add(plan, DCTERMS.source, _source(source), "sources")
    add(plan, WPS.outcomeFramework, scheme)
    add(scheme, RDF.type, WPS.OutcomeFramework)
    add(scheme, SKOS.prefLabel, literal(f"Outcome areas of {english}", lang="en"))
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
        for other, text in (("en", area.title_en), ("nl", area.title_nl)):
            if text and other != lang.split("-")[0]:
                add(node, SKOS.prefLabel, literal(text, lang=other), f"areas[{i}].title_{other}")
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
            pillar = ox.NamedNode(iris.pillar_iri(mapping.pillar))
            add(node, RELATIONS[mapping.kind.value], pillar, f"areas[{i}].mappings")
            add(node, WPS.pillar, pillar, f"areas[{i}].mappings")  # the shortcut
        out.origins[(node.value, "pillar-mapping")] = f"areas[{i}].mappings"
        source = area.source or (record.sources[0] if record.sources else None)
        if source:
            add(node, DCTERMS.source, _source(source), f"areas[{i}].source")
        for prop, name in (
            (DCTERMS.source, "source"),
            (SKOS.prefLabel, "title"),
            (SKOS.notation, "code"),
        ):
            out.origins.setdefault((node.value, prop.value), f"areas[{i}].{name}")
    return out


def _source(text: str) -> ox.NamedNode | ox.Literal:
    """A web address as an IRI (a page to follow), anything else as text."""
    if re.fullmatch(r"https?://\S+", text.strip()):
        return ox.NamedNode(iris.web_page_iri(text))
    return literal(text)


def _checked_with(built: PlanGraph) -> ox.Store:
    """The plan's triples with the pillars and countries it points to, to check."""
    store = ox.Store()
    for item in default_graph_files():
        if item.graph.removeprefix(str(GRAPH)) in CONTEXT_GRAPHS:
            store.bulk_load(path=item.path, format=item.format)
    store.bulk_extend(built.graph.quads())
    return store


def resolve_predecessor(
    record: PlanRecord, known: Collection[str], locations: dict[str, Location]
) -> tuple[str | None, list[Problem]]:
    """The IRI of the plan the record follows up, among the ``known`` plan IRIs (the store's);
    a problem naming the country's plans when it is not one of them."""
    if not record.predecessor:
        return None, []
    given = record.predecessor
    iri = given if given.startswith("http") else iris.plan_iri_for_key(given)
    if iri in known:
        return iri, []
    own = sorted(
        iris.plan_key(k) for k in known if iris.plan_key(k).startswith(f"{record.country.lower()}-")
    )
    hint = f"; plans of {record.country} in the store: {', '.join(own)}" if own else ""
    return None, [
        Problem.error(
            f"predecessor: no plan '{given}' in the store (a plan key such as "
            f"{record.country.lower()}-nap-1, or a plan IRI){hint}",
            locations.get("predecessor") or Location("predecessor"),
            found=given,
        )
    ]


def language_warnings(record: PlanRecord, locations: dict[str, Location]) -> list[Problem]:
    """A warning for a plan titled in neither English nor Dutch (recommended, never required;
    the areas' titles are the recommended shapes' to warn about)."""
    out = []
    base = record.language.split("-")[0]
    if base not in ("en", "nl") and not (record.title_en or record.title_nl):
        name = made_names(record)["en"]
        out.append(
            Problem(
                Severity.warning,
                f"no English or Dutch title (title_en, title_nl); the plan is kept "
                f"with its {record.language} title and named '{name}' in English until one "
                "is added",
                locations.get("title") or Location("title"),
            )
        )
    return out


def check_plan(
    record: PlanRecord,
    locations: dict[str, Location],
    known: Collection[str] | None = None,
) -> tuple[PlanGraph, list[Problem]]:
    """The plan's graph and every problem, located in the sender's file: the shapes', the
    predecessor's (resolved among the ``known`` plan IRIs, the store's; not checked without
    them), and the recommended languages'."""
    predecessor, problems = (
        resolve_predecessor(record, known, locations) if known is not None else (None, [])
    )
    built = plan_to_graph(record, predecessor)
    context = _checked_with(built)
    if predecessor or (known is None and record.predecessor):
        target = predecessor or iris.plan_iri_for_key(record.predecessor or "")
        context.add(ox.Quad(ox.NamedNode(target), RDF.type, WPS.NationalActionPlan))
    report = validate_integrity(context)
    own = {t.subject.value for t in built.graph}
    for finding in report.findings:
        if finding.focus not in own:
            continue  # the pillars, countries and predecessor it was checked with
        if predecessor is None and finding.path == WPS.predecessorPlan.value and problems:
            continue  # said already, in plain words
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
    problems += language_warnings(record, locations)
    return built, problems


def load_plan(store: GraphStore, built: PlanGraph, *, replace: bool = False) -> None:
    """Store the plan in its named graph, under the write lock. A plan the store holds
    already (shipped, from the world table, or imported before) is refused with
    :class:`PlanExistsError`, unless ``replace``: then the graphs that hold only it are
    replaced, and from a graph that holds other plans too (``graph/plans/world``) only the
    plan's own statements are removed."""
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
                "nothing was loaded. Import with replace (--replace) to replace what the "
                "store says about it"
            )
        for graph, others in graphs.items():
            if others:
                store.update(
                    queries.update_with_values(
                        "forget-plan.ru",
                        {"plan": ox.NamedNode(built.plan), "graph": ox.NamedNode(graph)},
                    )
                )
            elif graph != built.named_graph:
                store.delete_graph(graph)
        store.put_graph(built.named_graph, triples)


class PlanExistsError(RefusedError):
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
