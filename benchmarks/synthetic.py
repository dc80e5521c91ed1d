"""A synthetic WPS graph at any size, in the project's own ontology and shaped like the
curated Ministry record: plans with outcome frameworks mapped onto the pillars,
organisations with units, submissions with contributions (English and Dutch texts), and
activities with partners, target groups, targets and observed values. Deterministic: the
same size and seed give the same triples.

    python -m benchmarks.synthetic --triples 100000 --output synthetic.nq

The graph refers to the shipped reference data (pillars, vocabularies, countries), so load
it together with the default data; ``tests/test_synthetic.py`` checks that 10,000 triples of
it pass the graph-integrity shapes.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/nap-graph/"
WPS = BASE + "def/wps#"
ID = BASE + "id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
COUNTRY_NS = "http://publications.europa.eu/resource/authority/country/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
COUNTRIES = [
    "NLD",
    "DEU",
    "IRL",
    "NOR",
    "CAN",
    "GBR",
    "USA",
    "FIN",
    "BEL",
    "ARG",
    "MNG",
    "SEN",
    "SVN",
]
PILLARS = ["participation", "prevention", "protection", "relief-and-recovery", "cross-cutting"]
KINDS = ["government-body", "civil-society-organisation", "knowledge-institution", "police"]
TARGET_GROUPS = [
    "lgbtqi-asylum-seekers",
    "deployed-police-staff",
    "unaccompanied-minors",
    "women-and-girls-in-conflict",
    "international-crimes-practitioners",
]
ACTIVITY_TYPES = ["training", "dialogue", "publication", "policy", "reporting", "advisory-role"]
INDICATORS = [
    "women-in-peace-missions",
    "active-gender-focal-points",
    "deployed-police-staff-gender-trained",
]
INVESTMENTS = ["policy", "programmatic", "financial"]
TOPICS_EN = [
    "gender training",
    "women's participation in peace talks",
    "protection of survivors",
    "humanitarian response",
    "mediation",
    "asylum policy",
    "prosecution of international crimes",
    "gender-responsive budgeting",
]
TOPICS_NL = [
    "gendertraining",
    "deelname van vrouwen aan vredesgesprekken",
    "bescherming van overlevenden",
    "humanitaire respons",
    "bemiddeling",
    "asielbeleid",
    "vervolging van internationale misdrijven",
    "genderresponsief begroten",
]


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def text(value: str, lang: str) -> ox.Literal:
    return ox.Literal(value, language=lang)


class Generator:
    """Emits quads, one named graph per plan, organisation set and submission."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def plan(self, i: int) -> Iterator[ox.Quad]:
        key = f"syn{i}-nap-1"
        plan, scheme = n(f"{ID}plan/{key}"), n(f"{ID}scheme/{key}-outcomes")
        graph = n(f"{BASE}graph/synthetic/plan-{i}")
        country = COUNTRIES[i % len(COUNTRIES)]
        period = ox.BlankNode(f"period{i}")
        year = 2015 + i % 10
        yield from self._quads(
            graph,
            [
                (plan, RDF_TYPE, n(WPS + "NationalActionPlan")),
                (plan, n(SKOS + "prefLabel"), text(f"Synthetic National Action Plan {i}", "en")),
                (plan, n(SKOS + "prefLabel"), text(f"Synthetisch Nationaal Actieplan {i}", "nl")),
                (plan, n(WPS + "country"), n(f"{COUNTRY_NS}{country}")),
                (plan, n(DCT + "temporal"), period),
                (period, RDF_TYPE, n(DCT + "PeriodOfTime")),
                (
                    period,
                    n(DCAT + "startDate"),
                    ox.Literal(f"{year}-01-01", datatype=n(XSD + "date")),
                ),
                (
                    period,
                    n(DCAT + "endDate"),
                    ox.Literal(f"{year + 4}-12-31", datatype=n(XSD + "date")),
                ),
                (plan, n(WPS + "outcomeFramework"), scheme),
                (scheme, RDF_TYPE, n(WPS + "OutcomeFramework")),
            ],
        )
        for s in range(1, 6):
            outcome = n(f"{ID}outcome/{key}/{s}")
            yield from self._outcome(
                graph,
                outcome,
                scheme,
                str(s),
                PILLARS[s - 1],
                "exactMatch" if s < 5 else "broadMatch",
                top=True,
            )
            for sub in range(1, 4):
                child = n(f"{ID}outcome/{key}/{s}.{sub}")
                yield from self._outcome(
                    graph,
                    child,
                    scheme,
                    f"{s}.{sub}",
                    PILLARS[s - 1],
                    "broadMatch",
                    top=False,
                    parent=outcome,
                )

    def _outcome(
        self,
        graph: ox.NamedNode,
        outcome: ox.NamedNode,
        scheme: ox.NamedNode,
        code: str,
        pillar: str,
        relation: str,
        *,
        top: bool,
        parent: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        topic = self.rng.randrange(len(TOPICS_EN))
        triples = [
            (outcome, RDF_TYPE, n(WPS + ("StrategicOutcome" if top else "SubOutcome"))),
            (outcome, n(SKOS + "inScheme"), scheme),
            (outcome, n(SKOS + "notation"), ox.Literal(code)),
            (outcome, n(SKOS + "prefLabel"), text(f"Outcome {code}: {TOPICS_EN[topic]}", "en")),
            (
                outcome,
                n(SKOS + "prefLabel"),
                text(f"Doelstelling {code}: {TOPICS_NL[topic]}", "nl"),
            ),
            (outcome, n(SKOS + "definition"), text(f"Progress on {TOPICS_EN[topic]}.", "en")),
            (outcome, n(DCT + "source"), ox.Literal("synthetic data")),
            (outcome, n(SKOS + relation), n(f"{ID}pillar/{pillar}")),
        ]
        triples.append(
            (outcome, n(SKOS + "topConceptOf"), scheme)
            if top
            else (outcome, n(SKOS + "broader"), parent)
        )  # type: ignore[arg-type]
        yield from self._quads(graph, triples)

    def organisation(self, i: int) -> Iterator[ox.Quad]:
        graph = n(f"{BASE}graph/synthetic/organisations")
        org = n(f"{ID}organisation/syn-{i}")
        triples = [
            (org, RDF_TYPE, n(ORG + "FormalOrganization")),
            (org, n(SKOS + "prefLabel"), text(f"Synthetic organisation {i}", "en")),
            (org, n(SKOS + "prefLabel"), text(f"Synthetische organisatie {i}", "nl")),
            (org, n(WPS + "organisationKind"), n(f"{ID}organisation-kind/{KINDS[i % len(KINDS)]}")),
        ]
        kind = n(f"{ID}organisation-kind/{KINDS[i % len(KINDS)]}")
        for u in range(2):
            unit = n(f"{ID}organisation/syn-{i}-unit-{u}")
            triples += [
                (unit, RDF_TYPE, n(ORG + "OrganizationalUnit")),
                (unit, n(SKOS + "prefLabel"), text(f"Unit {u} of organisation {i}", "en")),
                (unit, n(SKOS + "prefLabel"), text(f"Onderdeel {u} van organisatie {i}", "nl")),
                (unit, n(WPS + "organisationKind"), kind),
                (unit, n(ORG + "unitOf"), org),
                (org, n(ORG + "hasUnit"), unit),
            ]
        yield from self._quads(graph, triples)

    def submission(self, i: int, plans: int, organisations: int) -> Iterator[ox.Quad]:
        rng = self.rng
        p, o = i % plans, i % organisations
        key = f"syn{p}-nap-1"
        digest = f"{i:016x}"
        sub = n(f"{ID}submission/{key}/syn-{o}/{digest}")
        source = n(f"{ID}source/{digest}")
        graph = n(f"{BASE}graph/submission/{key}/syn-{o}/{digest}")
        org = n(f"{ID}organisation/syn-{o}")
        strategic = sorted(rng.sample(range(1, 6), rng.randint(1, 3)))
        triples = [
            (sub, RDF_TYPE, n(WPS + "Submission")),
            (sub, n(WPS + "submittedBy"), org),
            (sub, n(PROV + "wasAttributedTo"), org),
            (sub, n(WPS + "forPlan"), n(f"{ID}plan/{key}")),
            (
                sub,
                n(DCT + "dateSubmitted"),
                ox.Literal(f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=n(XSD + "date")),
            ),
            (sub, n(WPS + "sourceDocument"), source),
            (sub, n(WPS + "investmentType"), n(f"{ID}investment-type/{INVESTMENTS[i % 3]}")),
            (
                sub,
                n(WPS + "organisationDescription"),
                text(f"Organisation {o} works on {TOPICS_EN[i % 8]}.", "en"),
            ),
            (
                sub,
                n(WPS + "geographicFocus"),
                n(f"{ID}geographic-focus/{'national' if i % 2 else 'international'}"),
            ),
            (source, RDF_TYPE, n(WPS + "SourceDocument")),
            (source, n(WPS + "fileName"), ox.Literal(f"record-{i}.txt")),
            (
                source,
                n(DCAT + "mediaType"),
                n("https://www.iana.org/assignments/media-types/text/plain"),
            ),
            (source, n(SPDX + "checksum"), n(f"{ID}source/{digest}/sha256")),
            (
                n(f"{ID}source/{digest}/sha256"),
                n(SPDX + "checksumValue"),
                ox.Literal(f"{i:064x}", datatype=n(XSD + "hexBinary")),
            ),
        ]
        for s in strategic:
            outcome = n(f"{ID}outcome/{key}/{s}")
            contribution = n(f"{sub.value}/contribution/{s}")
            lang, topics = ("nl", TOPICS_NL) if rng.random() < 0.3 else ("en", TOPICS_EN)
            triples += [
                (sub, n(WPS + "selectsOutcome"), outcome),
                (sub, n(WPS + "hasContribution"), contribution),
                (contribution, RDF_TYPE, n(WPS + "Contribution")),
                (contribution, n(WPS + "aboutOutcome"), outcome),
                (
                    contribution,
                    n(WPS + "statement"),
                    text(
                        f"We work on {topics[rng.randrange(8)]} with partners in {COUNTRIES[rng.randrange(13)]}.",
                        lang,
                    ),
                ),
                (
                    contribution,
                    n(WPS + "mentions"),
                    n(
                        f"http://publications.europa.eu/resource/authority/country/{COUNTRIES[rng.randrange(13)]}"
                    ),
                ),
            ]
            activity = n(f"{ID}activity/syn-{o}/activity-{i}-{s}")
            target = n(f"{ID}target/syn-{o}/target-{i}-{s}")
            observed = n(f"{ID}observed-value/syn-{o}/observed-{i}-{s}")
            indicator = n(f"{ID}indicator/{INDICATORS[rng.randrange(3)]}")
            triples += [
                (activity, RDF_TYPE, n(WPS + "Activity")),
                (
                    activity,
                    n(SKOS + "prefLabel"),
                    text(f"Activity {i}-{s} on {TOPICS_EN[rng.randrange(8)]}", "en"),
                ),
                (
                    activity,
                    n(DCT + "description"),
                    text(f"A {ACTIVITY_TYPES[rng.randrange(6)]} by organisation {o}.", "en"),
                ),
                (
                    activity,
                    n(WPS + "activityType"),
                    n(f"{ID}activity-type/{ACTIVITY_TYPES[rng.randrange(6)]}"),
                ),
                (
                    activity,
                    n(WPS + "carriedOutBy"),
                    n(f"{ID}organisation/syn-{o}-unit-{rng.randrange(2)}"),
                ),
                (
                    activity,
                    n(WPS + "partner"),
                    n(f"{ID}organisation/syn-{rng.randrange(organisations)}"),
                ),
                (
                    activity,
                    n(WPS + "partnerCountry"),
                    n(
                        f"http://publications.europa.eu/resource/authority/country/{COUNTRIES[rng.randrange(13)]}"
                    ),
                ),
                (activity, n(WPS + "contributesTo"), outcome),
                (
                    activity,
                    n(WPS + "targetGroup"),
                    n(f"{ID}target-group/{TARGET_GROUPS[rng.randrange(5)]}"),
                ),
                (activity, n(WPS + "reportedIn"), contribution),
                (activity, n(WPS + "hasTarget"), target),
                (activity, n(WPS + "hasObservedValue"), observed),
                (target, RDF_TYPE, n(WPS + "Target")),
                (target, n(WPS + "measures"), indicator),
                (
                    target,
                    n(WPS + "value"),
                    ox.Literal(str(rng.randrange(1, 100)), datatype=n(XSD + "integer")),
                ),
                (target, n(WPS + "unit"), n("http://qudt.org/vocab/unit/PERCENT")),
                (observed, RDF_TYPE, n(WPS + "ObservedValue")),
                (observed, n(WPS + "measures"), indicator),
                (
                    observed,
                    n(WPS + "value"),
                    ox.Literal(str(rng.randrange(1, 100)), datatype=n(XSD + "integer")),
                ),
                (observed, n(WPS + "unit"), n("http://qudt.org/vocab/unit/NUM")),
                (
                    observed,
                    n(WPS + "year"),
                    ox.Literal(str(2020 + rng.randrange(6)), datatype=n(XSD + "gYear")),
                ),
            ]
        yield from self._quads(graph, triples)

    @staticmethod
    def _quads(graph: ox.NamedNode, triples: list) -> Iterator[ox.Quad]:  # type: ignore[type-arg]
        for s, p, o in triples:
            yield ox.Quad(s, p, o, graph)


def generate(triples: int, *, seed: int = 1325) -> list[ox.Quad]:
    """About ``triples`` quads (stops at the first whole submission past the size)."""
    generator = Generator(seed)
    plans = max(1, triples // 50_000)
    organisations = max(4, triples // 2_000)
    quads: list[ox.Quad] = []
    for i in range(plans):
        quads.extend(generator.plan(i))
    for i in range(organisations):
        quads.extend(generator.organisation(i))
    i = 0
    while len(quads) < triples:
        quads.extend(generator.submission(i, plans, organisations))
        i += 1
    return quads


def synthetic_dump(path: Path, triples: int) -> int:
    """The default data plus the synthetic WPS graph up to ``triples`` quads, written as
    N-Quads to ``path``; returns the number of quads."""
    from nap_graph.default_files import default_graph_files

    quads: list[ox.Quad] = []
    for item in default_graph_files():
        graph = ox.NamedNode(item.graph)
        quads += [
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in ox.parse(path=item.path, format=item.format)
        ]
    quads += generate(max(0, triples - len(quads)))
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    return len(quads)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1325)
    parser.add_argument("--output", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args()
    quads = generate(args.triples, seed=args.seed)
    args.output.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    print(f"{len(quads):,} quads -> {args.output}")


if __name__ == "__main__":
    main()
