"""Activities, their targets and observed values in the ontology's terms.

Shared by every submission format that carries activities (JSON, CSV, Turtle, JSON-LD) and by
curation documents (:mod:`nap_graph.submissions.curation`). Words are resolved against the
reference data: organisations as in :mod:`nap_graph.submissions.organisations` (an unknown
partner becomes a new organisation, with a note when it is close to a known one), countries
and regions by any of their names or ISO codes, activity and mission types by label (a closed
list: an unknown word is a violation naming the known ones), target groups and indicators by
label (an unknown one is proposed as a new concept, with a note), legal instruments by name,
frequencies as EU Publications Office frequency concepts, units as QUDT units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.namespaces import ID
from nap_graph.reference import ReferenceIndex, folded
from nap_graph.submissions.model import Activity, Focus, Quantity, Texts
from nap_graph.submissions.organisations import resolve_organisation
from nap_graph.terms import DCTERMS, ORG, RDF, SKOS, WPS, XSD, Object, Subject, Triples, literal

QUDT_UNIT = "http://qudt.org/vocab/unit/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
UNITS = {
    **dict.fromkeys(["percent", "per cent", "percentage", "procent", "%", "pct"], "PERCENT"),
    **dict.fromkeys(
        ["number", "count", "aantal", "times", "keer", "people", "persons", "personen", ""],
        "NUM",
    ),
    **dict.fromkeys(["day", "days", "dag", "dagen"], "DAY"),
    **dict.fromkeys(["hour", "hours", "uur", "uren"], "HR"),
    **dict.fromkeys(["week", "weeks", "weken"], "WK"),
    **dict.fromkeys(["month", "months", "maand", "maanden"], "MO"),
    **dict.fromkeys(["year", "years", "jaar", "jaren"], "YR"),
}
"""Unit words -> QUDT unit codes."""

FREQUENCIES = {
    **dict.fromkeys(["annual", "annually", "yearly", "every year", "jaarlijks"], "ANNUAL"),
    **dict.fromkeys(["semiannual", "semi annual", "twice a year", "halfjaarlijks"], "ANNUAL_2"),
    **dict.fromkeys(["biennial", "every two years", "tweejaarlijks"], "BIENNIAL"),
    **dict.fromkeys(["quarterly", "every quarter", "driemaandelijks"], "QUARTERLY"),
    **dict.fromkeys(["monthly", "every month", "maandelijks"], "MONTHLY"),
    **dict.fromkeys(["weekly", "every week", "wekelijks"], "WEEKLY"),
    **dict.fromkeys(["daily", "every day", "dagelijks"], "DAILY"),
    **dict.fromkeys(["continuous", "continuously", "doorlopend"], "CONT"),
    **dict.fromkeys(["irregular", "onregelmatig"], "IRREG"),
}
"""Frequency words -> EU frequency authority codes."""
FREQUENCY_CODES = frozenset(FREQUENCIES.values())

Add = Callable[[Subject, ox.NamedNode, Object, str | None], None]
"""Adds a triple to a record's graph, with the field path it came from."""

Origins = dict[tuple[str, str, str | None], str]
"""``(subject, predicate, object)`` and ``(subject, predicate, None)`` (IRIs and lexical
forms) -> the model's field path of the statement."""


def recorder(graph: Triples, origins: Origins) -> Add:
    """An :data:`Add` that states triples in ``graph`` and their field paths in ``origins``
    (the first field of a subject and predicate, without its index, stands for both)."""

    def add(s: Subject, p: ox.NamedNode, o: Object, origin: str | None = None) -> None:
        graph.add(s, p, o)
        if origin:
            origins[(s.value, p.value, o.value)] = origin
            origins.setdefault((s.value, p.value, None), origin.split("[")[0])

    return add


@dataclass(slots=True)
class Note:
    """Something worth a warning that the graph alone does not show (a new concept, a near
    match of a known organisation), at a field path of the model."""

    path: str
    message: str
    found: str | None = None


@dataclass(slots=True)
class Context:
    """What the activities of one record are stated against."""

    index: ReferenceIndex
    plan: str
    organisation: ox.NamedNode
    submission: ox.NamedNode
    contribution_codes: set[str]
    language: str
    add: Add
    notes: list[Note] = field(default_factory=list)
    new_organisations: dict[str, ox.NamedNode] = field(default_factory=dict)
    taken: dict[str, set[str]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)

    @property
    def org_key(self) -> str:
        return self.organisation.value.removeprefix(f"{ID}organisation/")


def texts(value: Texts | None, language: str) -> list[ox.Literal]:
    """One literal per language of a text or texts."""
    if value is None:
        return []
    if isinstance(value, str):
        return [literal(value, lang=language)]
    return [literal(text, lang=lang) for lang, text in value.items()]


def first_text(value: Texts, language: str = "en") -> str:
    """The text in ``language`` if given, else the first given."""
    if isinstance(value, str):
        return value
    return value.get(language) or next(iter(value.values()))


def place(index: ReferenceIndex, word: str) -> tuple[ox.NamedNode, bool]:
    """(IRI, is a region) of a country or region named ``word`` (a name or an ISO code);
    an unknown word gives ``country/unknown``, which the shapes report."""
    key = folded(word)
    found = index.countries.get(key)
    if found:
        return ox.NamedNode(found), False
    found = index.regions.get(key)
    if found:
        return ox.NamedNode(found), True
    return ox.NamedNode(iris.country_iri(word)), False


def focus_of(
    index: ReferenceIndex, plan: str, stated: Iterable[Focus], places: Iterable[ox.NamedNode]
) -> list[Focus]:
    """The geographic focus: as stated, else from the places (the plan's own country means
    national, any other country or a region international)."""
    stated = list(stated)
    if stated:
        return stated
    own = index.plan_countries.get(plan)
    found: list[Focus] = []
    for iri in places:
        focus = Focus.national if iri.value == own else Focus.international
        if focus not in found:
            found.append(focus)
    return sorted(found, key=lambda f: f.value != "national")


def organisation(ctx: Context, name: str, path: str) -> ox.NamedNode:
    """A partner, unit or audience named in an activity: a known organisation, or a new one
    described in the record's graph (with a note if it is close to a known one)."""
    resolved = resolve_organisation(ctx.index, name)
    iri = ox.NamedNode(resolved.iri)
    if not resolved.known and resolved.iri in ctx.aliases:
        return ox.NamedNode(ctx.aliases[resolved.iri])
    if resolved.known or iri == ctx.organisation:
        return iri
    key = folded(name)
    if key in ctx.new_organisations:
        return ctx.new_organisations[key]
    ctx.new_organisations[key] = iri
    ctx.add(iri, RDF.type, ORG.Organization, path)
    ctx.add(iri, SKOS.prefLabel, literal(name, lang=ctx.language), path)
    for near in resolved.near[:1]:
        ctx.notes.append(
            Note(
                path,
                f"'{name}' is not a known organisation, but may be {near.name} <{near.iri}> "
                f"({near.reason}); it is recorded as a new organisation until a coordinator "
                "links the two (nap-graph link-organisation)",
                name,
            )
        )
    return iri


def _concept(
    ctx: Context, vocabulary: str, word: str, path: str, *, open_list: bool
) -> ox.NamedNode:
    found = ctx.index.concept(vocabulary, word)
    if found:
        return ox.NamedNode(found)
    try:
        key = iris.slugify(word)
    except ValueError:
        key = "unknown"
    iri = ox.NamedNode(iris.concept_iri(vocabulary, key))
    if open_list:
        cls = {"target-group": WPS.TargetGroup, "indicator": WPS.Indicator}[vocabulary]
        ctx.add(iri, RDF.type, cls, path)
        ctx.add(iri, SKOS.prefLabel, literal(word, lang=ctx.language), path)
        if any(n.found == word and "proposed as a new one" in n.message for n in ctx.notes):
            return iri
        ctx.notes.append(
            Note(
                path,
                f"'{word}' is not a known {vocabulary.replace('-', ' ')}; it is proposed as a "
                f"new one <{iri}> (known: {', '.join(ctx.index.concept_names(vocabulary))})",
                word,
            )
        )
    return iri


def unit_iri(word: str) -> ox.NamedNode:
    """A QUDT unit from a word ('percent', '%', 'number'), a code ('unit:DAY') or an IRI."""
    text = word.strip()
    given = QUDT_UNIT + text.removeprefix(QUDT_UNIT).removeprefix("unit:")
    if text.startswith((QUDT_UNIT, "unit:")):
        try:
            return ox.NamedNode(given)
        except ValueError:  # not an IRI: minted from the word below, which the shapes report
            pass
    code = UNITS.get(folded(text) if text != "%" else "%")
    if code:
        return ox.NamedNode(QUDT_UNIT + code)
    return ox.NamedNode(iris.unit_iri(iris.slugify(text) if folded(text) else "unknown"))


def frequency_iri(word: str) -> ox.NamedNode:
    """An EU frequency concept from a word ('annual', 'jaarlijks') or a code ('ANNUAL')."""
    code = word.strip().upper()
    if code in FREQUENCY_CODES:
        return ox.NamedNode(FREQUENCY + code)
    found = FREQUENCIES.get(folded(word))
    return ox.NamedNode(FREQUENCY + (found or "UNKNOWN"))


def number(value: Decimal) -> ox.Literal:
    """An integer when written without a fraction (``6``), else a decimal (``30.0``)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return literal(str(int(value)), datatype=XSD.integer)
    text = format(value.normalize(), "f")
    return literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def _quantity(
    ctx: Context, item: Quantity, kind: str, path: str, activity: ox.NamedNode, prop: ox.NamedNode
) -> None:
    indicator = _concept(ctx, "indicator", item.indicator, f"{path}.indicator", open_list=True)
    base = item.key or indicator.value.rsplit("/", 1)[-1] + (f"-{item.year}" if item.year else "")
    taken = ctx.taken.setdefault(kind, set())
    key = iris.unique_slug(base, taken)
    taken.add(key)
    mint = iris.target_iri if kind == "target" else iris.observed_value_iri
    node = ox.NamedNode(mint(ctx.org_key, key))
    ctx.add(activity, prop, node, path)
    ctx.add(node, RDF.type, WPS.Target if kind == "target" else WPS.ObservedValue, path)
    for label in texts(item.label, ctx.language):
        ctx.add(node, SKOS.prefLabel, label, path)
    ctx.add(node, WPS.measures, indicator, f"{path}.indicator")
    ctx.add(node, WPS.value, number(item.value), f"{path}.value")
    ctx.add(node, WPS.unit, unit_iri(item.unit), f"{path}.unit")
    if item.year is not None:
        ctx.add(node, WPS.year, literal(str(item.year), datatype=XSD.gYear), f"{path}.year")
    elif kind == "target":
        _term_year(ctx, node, f"{path}.year")
    if item.source_text:
        ctx.add(node, WPS.sourceText, literal(item.source_text, lang=ctx.language), path)


def _term_year(ctx: Context, target: ox.NamedNode, path: str) -> None:
    """A target whose record states no year is for the plan's term: its year is the end of
    the term as adopted (NAP IV: 2025, not the extension to 2027), said in a note so that a
    reader can tell it from a stated year (docs/model.md, "Activities, targets ...")."""
    end = ctx.index.plan_end_years.get(iris.plan_key(ctx.plan))
    if end is None:
        return
    ctx.add(target, WPS.year, literal(str(end), datatype=XSD.gYear), path)
    for text, lang in (
        (f"No year stated: the end of the plan's term ({end}).", "en"),
        (f"Geen jaar genoemd: het einde van de looptijd van het plan ({end}).", "nl"),
    ):
        ctx.add(target, SKOS.editorialNote, literal(text, lang=lang), path)


def add_activity(ctx: Context, activity: Activity, path: str) -> ox.NamedNode:
    """State one activity (and its targets and observed values); its IRI."""
    taken = ctx.taken.setdefault("activity", set())
    key = iris.unique_slug(activity.key or first_text(activity.name, ctx.language), taken)
    taken.add(key)
    node = ox.NamedNode(iris.activity_iri(ctx.org_key, key))
    add = ctx.add
    add(node, RDF.type, WPS.Activity, path)
    for label in texts(activity.name, ctx.language):
        add(node, SKOS.prefLabel, label, f"{path}.name")
    for text in texts(activity.description, ctx.language):
        add(node, DCTERMS.description, text, f"{path}.description")
    for i, word in enumerate(activity.activity_types):
        concept = _concept(
            ctx, "activity-type", word, f"{path}.activity_types[{i}]", open_list=False
        )
        add(node, WPS.activityType, concept, f"{path}.activity_types[{i}]")
    doers = activity.carried_out_by or []
    for i, name in enumerate(doers):
        where = f"{path}.carried_out_by[{i}]"
        add(node, WPS.carriedOutBy, organisation(ctx, name, where), where)
    if not doers:
        add(node, WPS.carriedOutBy, ctx.organisation, f"{path}.carried_out_by")
    for i, name in enumerate(activity.partners):
        where = f"{path}.partners[{i}]"
        add(node, WPS.partner, organisation(ctx, name, where), where)
    for text in texts(activity.partner_description, ctx.language):
        add(node, WPS.partnerDescription, text, f"{path}.partner_description")
    for i, code in enumerate(activity.outcomes):
        outcome = ox.NamedNode(iris.outcome_iri(ctx.plan, code))
        add(node, WPS.contributesTo, outcome, f"{path}.outcomes[{i}]")
    for i, name in enumerate(activity.audience):
        where = f"{path}.audience[{i}]"
        add(node, WPS.audience, organisation(ctx, name, where), where)
    for i, word in enumerate(activity.target_groups):
        where = f"{path}.target_groups[{i}]"
        add(
            node, WPS.targetGroup, _concept(ctx, "target-group", word, where, open_list=True), where
        )
    for i, word in enumerate(activity.mission_types):
        where = f"{path}.mission_types[{i}]"
        add(
            node,
            WPS.missionType,
            _concept(ctx, "mission-type", word, where, open_list=False),
            where,
        )
    for i, word in enumerate(activity.purpose_codes):
        where = f"{path}.purpose_codes[{i}]"
        add(
            node, WPS.purposeCode, _concept(ctx, "dac-purpose", word, where, open_list=False), where
        )
    if activity.gender_marker is not None:
        where = f"{path}.gender_marker"
        marker = _concept(ctx, "gender-marker", activity.gender_marker, where, open_list=False)
        add(node, WPS.genderMarker, marker, where)
    places: list[ox.NamedNode] = []
    for i, word in enumerate(activity.countries):
        iri, is_region = place(ctx.index, word)
        places.append(iri)
        add(node, WPS.focusRegion if is_region else WPS.focusCountry, iri, f"{path}.countries[{i}]")
    for focus in focus_of(ctx.index, iris.plan_key(ctx.plan), activity.geographic_focus, places):
        add(
            node,
            WPS.geographicFocus,
            ox.NamedNode(iris.concept_iri("geographic-focus", focus.value)),
            f"{path}.geographic_focus",
        )
    for i, word in enumerate(activity.partner_countries):
        iri, _ = place(ctx.index, word)
        add(node, WPS.partnerCountry, iri, f"{path}.partner_countries[{i}]")
    if activity.duration:
        add(
            node,
            WPS.duration,
            literal(activity.duration, datatype=XSD.duration),
            f"{path}.duration",
        )
    if activity.frequency:
        add(node, WPS.frequency, frequency_iri(activity.frequency), f"{path}.frequency")
    for i, name in enumerate(activity.resulted_in):
        where = f"{path}.resulted_in[{i}]"
        found = ctx.index.concept("legal-instrument", name)
        add(
            node, WPS.resultedIn, ox.NamedNode(found or iris.legal_instrument_iri("unknown")), where
        )
    for where in _reported_in(ctx, activity):
        add(node, WPS.reportedIn, where, f"{path}.reported_in")
    for i, item in enumerate(activity.targets):
        _quantity(ctx, item, "target", f"{path}.targets[{i}]", node, WPS.hasTarget)
    for i, item in enumerate(activity.observed_values):
        _quantity(ctx, item, "observed", f"{path}.observed_values[{i}]", node, WPS.hasObservedValue)
    if activity.draft:
        add(node, WPS.draft, literal(True), path)
    return node


def _reported_in(ctx: Context, activity: Activity) -> list[ox.NamedNode]:
    named = (
        activity.reported_in
        or [c for c in activity.outcomes if c in ctx.contribution_codes]
        or ["record"]
    )
    return [
        ctx.submission
        if code == "record"
        else ox.NamedNode(iris.contribution_iri(ctx.submission.value, code))
        for code in named
    ]


def add_activities(
    ctx: Context, activities: Iterable[Activity], prefix: str = "activities"
) -> None:
    """State every activity of a record or curation document."""
    for i, activity in enumerate(activities):
        add_activity(ctx, activity, f"{prefix}[{i}]")
