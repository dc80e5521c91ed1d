"""What the shipped reference data knows, as lookup tables: outcome frameworks, organisations,
countries, investment types and organisation kinds, with their labels.

Built once per process from the default data (not the curated submissions) and used to turn a
sender's words ("Government", "Policy", "3.2") into IRIs, to find mentions, and to explain
problems in the sender's terms ("known: 3.1, 3.2, 3.3, 3.4").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from nap_graph.default_data import default_graph_files
from nap_graph.namespaces import GRAPH, ID
from nap_graph.querying import select

REFERENCE_GRAPH_PREFIXES = ("reference/", "plans/", "actors/")


@dataclass(frozen=True, slots=True)
class OutcomeInfo:
    """One outcome of a plan's framework."""

    iri: str
    code: str
    strategic: bool
    label: str
    definition: str
    parent: str


@dataclass(frozen=True, slots=True)
class Label:
    """A label of a known resource, for lookups and mention finding."""

    text: str
    iri: str
    case_sensitive: bool


@dataclass(slots=True)
class ReferenceIndex:
    """Lookup tables over the reference data."""

    plan_names: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, dict[str, OutcomeInfo]] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    organisation_keys: set[str] = field(default_factory=set)
    organisation_names: dict[str, str] = field(default_factory=dict)
    organisation_kinds: dict[str, str] = field(default_factory=dict)
    kind_names: dict[str, str] = field(default_factory=dict)
    investment_types: dict[str, str] = field(default_factory=dict)
    investment_type_names: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    focus: dict[str, str] = field(default_factory=dict)
    mention_labels: list[Label] = field(default_factory=list)

    def outcome(self, plan_key: str, code: str) -> OutcomeInfo | None:
        return self.outcomes.get(plan_key, {}).get(code)

    def codes(self, plan_key: str, *, strategic: bool, parent: str | None = None) -> list[str]:
        """The outcome codes of a plan, strategic or sub (under ``parent`` if given)."""
        found = [
            o.code
            for o in self.outcomes.get(plan_key, {}).values()
            if o.strategic == strategic and (parent is None or o.parent.endswith(f"/{parent}"))
        ]
        return sorted(found, key=_code_order)


def _code_order(code: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def normalise(text: str) -> str:
    """Case-folded, whitespace-collapsed text for label lookups."""
    return " ".join(text.split()).casefold()


def is_acronym(label: str) -> bool:
    """Acronym-like labels (``OM``, ``JenV``, ``WO=MEN``) are matched case-sensitively."""
    return " " not in label and sum(c.isupper() for c in label) >= 2


_OUTCOMES = """
SELECT ?plan ?o ?code ?label ?definition ?parent ?strategic WHERE {
  ?plan wps:outcomeFramework ?f . ?o skos:inScheme ?f ; skos:notation ?code .
  OPTIONAL { ?o skos:prefLabel ?label FILTER (lang(?label) = "en") }
  OPTIONAL { ?o skos:definition ?definition FILTER (lang(?definition) = "en") }
  OPTIONAL { ?o skos:broader ?parent }
  BIND (EXISTS { ?o a wps:StrategicOutcome } AS ?strategic)
}"""
_PLANS = """
SELECT ?plan ?label WHERE { ?plan a wps:NationalActionPlan ; skos:prefLabel ?l
  OPTIONAL { ?plan skos:altLabel ?alt FILTER (lang(?alt) = "en" && STRSTARTS(?alt, "NAP")) }
  FILTER (lang(?l) = "en") BIND (COALESCE(?alt, ?l) AS ?label) }"""
_LABELS = """
SELECT ?s ?label ?pref ?lang WHERE {
  VALUES ?class { %s }
  ?s a ?class .
  { ?s skos:prefLabel ?label BIND (true AS ?pref) BIND (lang(?label) AS ?lang) }
  UNION { ?s skos:altLabel|skos:hiddenLabel|skos:notation ?label BIND (false AS ?pref) }
}"""
_ORG_CLASSES = "org:FormalOrganization org:OrganizationalUnit org:OrganizationalCollaboration"


def _labels(store: ox.Store, classes: str) -> list[dict[str, str]]:
    return select(store, _LABELS % classes)


def _lookup(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """(normalised label -> IRI, IRI -> English preferred label)."""
    table: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in rows:
        table.setdefault(normalise(row["label"]), row["s"])
        if row["pref"] == "true" and (row["lang"] == "en" or row["s"] not in names):
            names[row["s"]] = row["label"]
    return table, names


def reference_store() -> ox.Store:
    """A store with only the reference graphs (vocabularies, plans, actors) and the ontology."""
    store = ox.Store()
    for item in default_graph_files():
        name = item.graph.removeprefix(str(GRAPH))
        if name.startswith(REFERENCE_GRAPH_PREFIXES) or name == "ontology/wps":
            store.bulk_load(path=item.path, format=item.format, to_graph=ox.NamedNode(item.graph))
    return store


@cache
def reference_index() -> ReferenceIndex:
    """The lookup tables, built once per process."""
    store = reference_store()
    index = ReferenceIndex()
    for row in select(store, _PLANS):
        index.plan_names[row["plan"].removeprefix(f"{ID}plan/")] = row["label"]
    for row in select(store, _OUTCOMES):
        key = row["plan"].removeprefix(f"{ID}plan/")
        index.outcomes.setdefault(key, {})[row["code"]] = OutcomeInfo(
            iri=row["o"],
            code=row["code"],
            strategic=row["strategic"] == "true",
            label=row["label"],
            definition=row["definition"],
            parent=row["parent"],
        )
    org_rows = _labels(store, _ORG_CLASSES)
    index.organisations, index.organisation_names = _lookup(org_rows)
    index.organisation_keys = {
        iri.removeprefix(f"{ID}organisation/") for iri in index.organisation_names
    }
    index.organisation_kinds, index.kind_names = _lookup(_labels(store, "wps:OrganisationKind"))
    index.investment_types, index.investment_type_names = _lookup(
        _labels(store, "wps:InvestmentType")
    )
    country_rows = _labels(store, "skos:Concept")
    countries = [r for r in country_rows if "/authority/country/" in r["s"]]
    index.countries, _ = _lookup(countries)
    index.focus, _ = _lookup(_labels(store, "wps:GeographicFocus"))
    seen: set[tuple[str, str]] = set()
    for row in [*org_rows, *countries]:
        text = row["label"]
        if len(text) < 2 or (text, row["s"]) in seen or text.isdigit():
            continue
        if "/authority/country/" in row["s"] and len(text) <= 3 and text.isupper():
            continue  # ISO codes such as "NL" or "BEL" are notations, not words in prose
        seen.add((text, row["s"]))
        index.mention_labels.append(Label(text=text, iri=row["s"], case_sensitive=is_acronym(text)))
    index.mention_labels.sort(key=lambda label: -len(label.text))
    return index
