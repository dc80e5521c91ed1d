"""What the reference data knows, as lookup tables: outcome frameworks, organisations,
countries and regions, investment types and organisation kinds, with their labels.

Used to turn a sender's words ("Government", "Civil Society Organization", "Policy", "3.2",
"DRC") into IRIs, to find mentions, to check submissions against, and to explain problems in
the sender's terms ("known: 3.1, 3.2, 3.3, 3.4"). Names are compared :func:`folded`: case,
punctuation and diacritics aside.

The reference data is the ontology and the ``reference/``, ``plans/`` and ``actors/`` graphs.
By default it is read from the shipped files, once per process. Where a store is at hand
(ingest, the API) it is read from the store instead, so that a plan imported with
``nap-graph import-plan`` takes submissions: :func:`reference_from_store` builds it, and
:func:`using_reference` makes it the one :func:`reference_index` answers with (a context
variable, so threads and requests do not see each other's).
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, cached_property

import pyoxigraph as ox

from nap_graph import iris, queries
from nap_graph.default_files import default_graph_files
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
    plan_end_years: dict[str, int] = field(default_factory=dict)
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
    "dac-purpose": f"{WPS_NS}PurposeCode",
    "gender-marker": f"{WPS_NS}GenderMarkerScore",
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


def is_reference_graph(graph: str) -> bool:
    """Whether a named graph holds reference data (or the ontology)."""
    name = graph.removeprefix(str(GRAPH))
    return name.startswith(REFERENCE_GRAPH_PREFIXES) or name in {
        "ontology/wps",
        "ontology/alignments",
    }


@dataclass
class ReferenceData:
    """The reference graphs of one source (the shipped files, or a store) and their index."""

    store: ox.Store
    """The reference graphs, each in its named graph."""

    @cached_property
    def index(self) -> ReferenceIndex:
        return build_index(self.store)

    @cached_property
    def quads(self) -> tuple[ox.Quad, ...]:
        """Every reference statement, as default-graph quads."""
        return tuple(ox.Quad(q.subject, q.predicate, q.object) for q in self.store)

    def memo(self, key: str, compute: Callable[[ReferenceData], object]) -> object:
        """``compute(self)`` once for this reference data (what other modules derive from it,
        such as the per-submission validation context)."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    _memo: dict[str, object] = field(default_factory=dict, repr=False)


@cache
def shipped_reference() -> ReferenceData:
    """The reference data of the shipped files, read once per process."""
    return ReferenceData(reference_store())


def reference_from_graphs(
    graphs: Iterable[str], get_graph: Callable[[str], Iterable[ox.Triple]]
) -> ReferenceData:
    """The reference data in a store: its reference graphs (``graphs`` are the store's named
    graphs, ``get_graph`` reads one), and the shipped ones it does not hold (a store that was
    never initialised, or a SPARQL server that holds only submissions, still has the shipped
    vocabularies and plans).

    The same reference graphs give the same :class:`ReferenceData` (its index and what was
    derived from it are kept): the graphs are read every time, their statements digested,
    and the last few results kept by digest, so that a store whose reference data did not
    change since the previous submission costs a read, not a rebuild."""
    held = [g for g in graphs if is_reference_graph(g)]
    read = {graph: get_graph(graph) for graph in held}
    digest = hashlib.blake2b(digest_size=16)
    for graph in sorted(read):
        digest.update(f"{graph}\n".encode())
        for t in read[graph]:
            digest.update(f"{t}\n".encode())
    key = digest.hexdigest()
    found = _BY_DIGEST.get(key)
    if found is not None:
        return found
    store = ox.Store()
    for graph, triples in read.items():
        name = ox.NamedNode(graph)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    shipped = shipped_reference().store
    for name in shipped.named_graphs():
        if name.value not in read:
            store.extend(shipped.quads_for_pattern(None, None, None, name))
    data = ReferenceData(store)
    with _BY_DIGEST_LOCK:
        _BY_DIGEST[key] = data
        while len(_BY_DIGEST) > 4:
            del _BY_DIGEST[next(iter(_BY_DIGEST))]
    return data


_BY_DIGEST: dict[str, ReferenceData] = {}
_BY_DIGEST_LOCK = threading.Lock()


def reference_from_store(store: object) -> ReferenceData:
    """The reference data of a GraphStore (``named_graphs``) or the API's query path
    (``graphs``: the current view)."""
    graphs = (
        store.graphs()  # type: ignore[attr-defined]
        if hasattr(store, "graphs")
        else store.named_graphs(is_reference_graph)  # type: ignore[attr-defined]
    )
    return reference_from_graphs(graphs, store.get_graph)  # type: ignore[attr-defined]


_ACTIVE: ContextVar[ReferenceData | None] = ContextVar("nap_graph_reference", default=None)


@contextmanager
def using_reference(data: ReferenceData | None) -> Iterator[ReferenceData]:
    """Within the block, :func:`reference_index` and :func:`active_reference` answer with
    ``data`` (the shipped data when ``None``)."""
    token = _ACTIVE.set(data)
    try:
        yield data or shipped_reference()
    finally:
        _ACTIVE.reset(token)


def active_reference() -> ReferenceData:
    """The reference data in use: set by :func:`using_reference`, else the shipped files'."""
    return _ACTIVE.get() or shipped_reference()


def reference_store() -> ox.Store:
    """A store with only the shipped reference graphs (vocabularies, plans, actors) and the
    ontology."""
    store = ox.Store()
    for item in default_graph_files():
        if is_reference_graph(item.graph):
            store.bulk_load(path=item.path, format=item.format, to_graph=ox.NamedNode(item.graph))
    return store


def reference_index() -> ReferenceIndex:
    """The lookup tables of the reference data in use (:func:`active_reference`)."""
    return active_reference().index


def build_index(store: ox.Store) -> ReferenceIndex:
    """The lookup tables of the reference graphs in ``store``."""
    index = ReferenceIndex()
    for row in select(store, queries.load("reference-plans.rq")):
        key = row["plan"].removeprefix(f"{ID}plan/")
        known = index.plan_names.get(key, "")
        if len(row["label"]) > len(known):  # "NAP 1325-IV" over "NAP IV", in any store order
            index.plan_names[key] = row["label"]
        if row["country"]:
            index.plan_countries[key] = row["country"]
        if (row["end"] or "")[:4].isdigit():
            index.plan_end_years[key] = int(row["end"][:4])
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
