"""What the shipped reference data knows, as lookup tables: outcome frameworks, organisations,
countries and regions, investment types and organisation kinds, with their labels.

Built once per process from the default data (not the curated submissions) and used to turn a
sender's words ("Government", "Civil Society Organization", "Policy", "3.2", "DRC") into IRIs,
to find mentions, and to explain problems in the sender's terms ("known: 3.1, 3.2, 3.3, 3.4").
Names are compared :func:`folded`: case, punctuation and diacritics aside.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.default_data import default_graph_files
from nap_graph.namespaces import GRAPH, ID
from nap_graph.querying import select

REFERENCE_GRAPH_PREFIXES = ("reference/", "plans/", "actors/")
COUNTRY_PREFIX = "http://publications.europa.eu/resource/authority/country/"
REGION_PREFIX = iris.id_prefix("region")


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
    country_names: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    plan_countries: dict[str, str] = field(default_factory=dict)
    focus: dict[str, str] = field(default_factory=dict)
    outcome_titles: dict[str, list[str]] = field(default_factory=dict)
    organisation_labels: dict[str, list[str]] = field(default_factory=dict)
    organisation_kind_of: dict[str, str] = field(default_factory=dict)
    unit_of: dict[str, str] = field(default_factory=dict)
    vocabularies: dict[str, tuple[dict[str, str], dict[str, str]]] = field(default_factory=dict)
    mention_labels: list[Label] = field(default_factory=list)

    def concept(self, vocabulary: str, word: str) -> str | None:
        """The IRI of the concept of ``vocabulary`` (a key of :data:`VOCABULARIES`) that
        ``word`` names (label, alternative label or notation), or ``None``."""
        return self.vocabularies[vocabulary][0].get(folded(word))

    def concept_names(self, vocabulary: str) -> list[str]:
        """The English names of a vocabulary's concepts, sorted."""
        return sorted(set(self.vocabularies[vocabulary][1].values()))

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


_PUNCTUATION = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile("['\u2019\u2018`]")


def folded(text: str) -> str:
    """``text`` with case, punctuation and diacritics aside: the key names are compared by.

    >>> folded("Civil Society Organization") == folded("civil-society organization")
    True
    >>> folded("Coördinatie,  WO=MEN!")
    'coordinatie wo men'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHES.sub("", plain)
    return " ".join(_PUNCTUATION.sub(" ", plain.casefold()).split())


def is_acronym(label: str) -> bool:
    """Acronym-like labels (``OM``, ``JenV``, ``WO=MEN``) are matched case-sensitively."""
    return " " not in label and sum(c.isupper() for c in label) >= 2


WPS_NS = "https://w3id.org/nap-graph/def/wps#"
VOCABULARIES = {
    "target-group": f"{WPS_NS}TargetGroup",
    "mission-type": f"{WPS_NS}MissionType",
    "activity-type": f"{WPS_NS}ActivityType",
    "indicator": f"{WPS_NS}Indicator",
    "legal-instrument": f"{WPS_NS}LegalInstrument",
}
"""The vocabularies an activity's words are looked up in, by the IRI pattern they follow."""

ORGANISATION_CLASSES = (
    "http://www.w3.org/ns/org#FormalOrganization",
    "http://www.w3.org/ns/org#OrganizationalUnit",
    "http://www.w3.org/ns/org#OrganizationalCollaboration",
)


def _labels(store: ox.Store, *classes: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for cls in classes:
        rows += select(store, queries.load("reference-labels.rq"), {"class": ox.NamedNode(cls)})
    return rows


def _lookup(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """(folded label -> IRI, IRI -> English preferred label). A preferred label wins over
    another resource's alternative label that folds the same."""
    table: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: r["kind"] != "pref"):
        table.setdefault(folded(row["label"]), row["s"])
        if row["kind"] == "pref" and (row["lang"] == "en" or row["s"] not in names):
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
    for row in select(store, queries.load("reference-plans.rq")):
        key = row["plan"].removeprefix(f"{ID}plan/")
        index.plan_names[key] = row["label"]
        if row["country"]:
            index.plan_countries[key] = row["country"]
    for row in select(store, queries.load("reference-outcomes.rq")):
        key = row["plan"].removeprefix(f"{ID}plan/")
        index.outcomes.setdefault(key, {})[row["code"]] = OutcomeInfo(
            iri=row["o"],
            code=row["code"],
            strategic=row["strategic"] == "true",
            label=row["label"],
            definition=row["definition"],
            parent=row["parent"],
        )
    for row in select(store, queries.load("reference-outcome-labels.rq")):
        index.outcome_titles.setdefault(row["o"], []).append(row["label"])
    org_rows = _labels(store, *ORGANISATION_CLASSES)
    index.organisations, index.organisation_names = _lookup(org_rows)
    for row in org_rows:
        if row["kind"] != "notation":
            index.organisation_labels.setdefault(row["s"], []).append(row["label"])
    index.organisation_keys = {
        iri.removeprefix(f"{ID}organisation/") for iri in index.organisation_names
    }
    for row in select(store, queries.load("reference-organisations.rq")):
        if row["kind"]:
            index.organisation_kind_of.setdefault(row["s"], row["kind"])
        if row["parent"]:
            index.unit_of.setdefault(row["s"], row["parent"])
    index.organisation_kinds, index.kind_names = _lookup(
        _labels(store, "https://w3id.org/nap-graph/def/wps#OrganisationKind")
    )
    index.investment_types, index.investment_type_names = _lookup(
        _labels(store, "https://w3id.org/nap-graph/def/wps#InvestmentType")
    )
    concepts = _labels(store, "http://www.w3.org/2004/02/skos/core#Concept")
    countries = [r for r in concepts if r["s"].startswith(COUNTRY_PREFIX)]
    regions = [r for r in concepts if r["s"].startswith(REGION_PREFIX)]
    index.countries, index.country_names = _lookup(countries)
    index.regions, index.region_names = _lookup(regions)
    index.focus, _ = _lookup(_labels(store, "https://w3id.org/nap-graph/def/wps#GeographicFocus"))
    for key, cls in VOCABULARIES.items():
        index.vocabularies[key] = _lookup(_labels(store, cls))
    seen: set[tuple[str, str]] = set()
    for row in [*org_rows, *countries, *regions]:
        text = row["label"]
        if row["kind"] == "notation" or len(text) < 2 or (text, row["s"]) in seen:
            continue  # notations ("NL", "BEL", "002") are codes, not words in prose
        seen.add((text, row["s"]))
        index.mention_labels.append(Label(text=text, iri=row["s"], case_sensitive=is_acronym(text)))
    index.mention_labels.sort(key=lambda label: -len(label.text))
    return index
