"""The world table as RDF: every plan with the facts its source states and nothing else.

Each row becomes a plan (``id/plan/<key>``, :func:`nap_graph.iris.world_plan_key`) with:

- ``wps:country`` (a country's plan) or ``wps:regionalOrganisation`` (a regional
  organisation's, also typed ``wps:RegionalActionPlan``), ``wps:planNumber`` (the generation)
  and ``wps:predecessorPlan`` (the plan of the generation before, where the table has it);
- ``dcterms:title``: the title as stated, tagged with its language (py3langid, among the
  languages plans are written in); ``skos:prefLabel``: the title, and a name made of owner,
  generation and period in English and Dutch where the title is in neither (a name, not a
  title: nothing is invented);
- ``dcterms:temporal``: a period whose ``dcat:startDate``/``dcat:endDate`` are ``xsd:gYear``
  (an open-ended plan has no end; a plan without stated years has no period);
- ``dcterms:issued``: the adoption date as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``;
- ``wps:leadBody``: an organisation: a known one of the same country (or the regional
  organisation itself) where the name matches, else one named as stated
  (``id/organisation/<owner>-<name>``), a government body of that country;
- ``wps:dedicatedBudget`` and ``wps:monitoringFramework``: ``id/provision/yes|partial|no``, absent
  when not stated; ``wps:region``: the UN M49 continent(s); ``dcterms:source``: the page.

The Dutch plans are described by ``data/plans/nld-nap.ttl`` from DOMAIN.md, which is more
precise: for them the table adds only what that file does not state (adoption, lead body,
budget, monitoring, region, source). The seven foreign plans published before keep their
files (outcome areas, Dutch and own-language names); the table gives them the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.resources import data_dir
from nap_graph.terms import DCAT, DCTERMS, ORG, RDF, SKOS, WPS, XSD, Triples, literal
from nap_graph.world.table import WorldPlan

DESCRIBED_ELSEWHERE = frozenset({"NLD"})
"""Countries whose plans' titles and periods come from DOMAIN.md (data/plans/nld-nap.ttl)."""
TITLE_LANGUAGES = ("en", "fr", "es", "pt", "id", "ro", "de", "nl")
"""The languages the table's titles are written in, for language identification."""
REGION_KEYS = {
    "Africa": "africa",
    "Americas": "americas",
    "Asia": "asia",
    "Europe": "europe",
    "Oceania": "oceania",
}


@dataclass(slots=True)
class Context:
    """What the builder looks names up in: countries' names, regional organisations by
    label, known organisations per country by folded label."""

    country_names: dict[str, dict[str, str]] = field(default_factory=dict)
    regional: dict[str, str] = field(default_factory=dict)
    regional_names: dict[str, dict[str, str]] = field(default_factory=dict)
    known: dict[tuple[str, str], str] = field(default_factory=dict)
    continent: dict[str, str] = field(default_factory=dict)


def _folded(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


@cache
def load_context(data: Path | None = None) -> Context:
    """Names from the shipped reference data and actors (``data/``), read once."""
    root = data or data_dir()
    store = ox.Store()
    reference = root / "reference"
    for path in [
        reference / "countries.ttl",
        reference / "regions.ttl",
        *sorted((root / "actors").glob("*.ttl")),
    ]:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    context = Context()
    for row in store.query(
        f"SELECT ?c ?label WHERE {{ ?c skos:inScheme {ox.NamedNode(iris.COUNTRY_SCHEME)} ; "
        "skos:prefLabel ?label }",
        prefixes={"skos": SKOS.base},
    ):
        code = row["c"].value.rsplit("/", 1)[1]
        context.country_names.setdefault(code, {})[row["label"].language] = row["label"].value
    for row in store.query(
        """SELECT ?o ?label ?p WHERE { ?o wps:memberState ?m ; ?p ?label
           VALUES ?p { skos:prefLabel skos:altLabel } }""",
        prefixes={"skos": SKOS.base, "wps": WPS.base},
    ):
        context.regional[_folded(row["label"].value)] = row["o"].value
        names = context.regional_names.setdefault(row["o"].value, {})
        language = row["label"].language
        if row["p"] == SKOS.altLabel or language not in names:  # "NAVO" over the long name
            names[language] = row["label"].value
    for row in store.query(
        """SELECT ?o ?country ?label WHERE { ?o wps:country ?country ;
           skos:prefLabel|skos:altLabel ?label }""",
        prefixes={"skos": SKOS.base, "wps": WPS.base},
    ):
        code = row["country"].value.rsplit("/", 1)[1]
        context.known[(code, _folded(row["label"].value))] = row["o"].value
    continents = {iris.region_iri(key): key for key in REGION_KEYS.values()}
    for row in store.query(
        "SELECT ?region ?country WHERE { ?region dcterms:hasPart ?country }",
        prefixes={"dcterms": DCTERMS.base},
    ):
        if row["region"].value in continents:
            code = row["country"].value.rsplit("/", 1)[1]
            context.continent[code] = continents[row["region"].value]
    return context


@cache
def _identifier():  # noqa: ANN202 (py3langid has no types)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(TITLE_LANGUAGES))
    return identifier


def title_language(title: str) -> str:
    """The language a title is written in: identified on the title without its parenthesised
    parts (a Brazilian title with its Portuguese name in brackets is English); too few words
    to tell (``NAP 1325-IV``) reads as English."""
    bare = re.sub(r"\([^)]*\)", " ", title)
    if len(re.findall(r"[^\W\d_]{3,}", bare)) < 3:
        return "en"
    return str(_identifier().classify(bare)[0])


def lead_body_name(stated: str) -> str | None:
    """The body a ``lead_body`` cell names first (before any bracket, ``;`` or `` with ``);
    a bare "Government" gives way to the body its brackets name. ``None`` where the cell names
    no single body ("several ministries", "(not specified ...)"): names start with a capital.
    """
    name = re.split(r"\s*(?:\(|;| with )", stated, maxsplit=1)[0].strip(" ,.")
    inside = re.search(r"\(([^);]+)", stated)
    if name in GENERIC_GOVERNMENT and inside and inside.group(1)[:1].isupper():
        name = re.split(r"\s*(?:;|,| with )", inside.group(1), maxsplit=1)[0].strip()
    return name if name[:1].isupper() else None


GENERIC_GOVERNMENT = frozenset({"Government", "Federal Government"})


def world_graph(plans: Iterable[WorldPlan], context: Context) -> Triples:
    """The plans of the table, their lead bodies and their links, as triples."""
    rows = list(plans)
    g = Triples()
    keys = {(_owner(p, context), p.generation): _plan_key(p, context) for p in rows}
    for plan in rows:
        owner = _owner(plan, context)
        key = keys[(owner, plan.generation)]
        node = ox.NamedNode(iris.plan_iri_for_key(key))
        g.add(node, RDF.type, WPS.NationalActionPlan)
        if plan.regional:
            g.add(node, RDF.type, WPS.RegionalActionPlan)
            g.add(node, WPS.regionalOrganisation, ox.NamedNode(owner))
        else:
            g.add(node, WPS.country, ox.NamedNode(iris.country_iri(owner)))
        g.add(node, WPS.planNumber, literal(plan.generation))
        before = keys.get((owner, plan.generation - 1))
        if before:
            g.add(node, WPS.predecessorPlan, ox.NamedNode(iris.plan_iri_for_key(before)))
        if plan.iso3 not in DESCRIBED_ELSEWHERE:
            _names(g, node, plan, key, context)
            _period(g, node, plan)
        if plan.adopted:
            g.add(node, DCTERMS.issued, _date(plan.adopted))
        lead = lead_body_name(plan.lead_body) if plan.lead_body else None
        if lead:
            g.add(node, WPS.leadBody, _lead_body(g, plan, lead, owner, context))
        for column, prop in (
            ("budget", WPS.dedicatedBudget),
            ("monitoring", WPS.monitoringFramework),
        ):
            if value := getattr(plan, column):
                g.add(node, prop, ox.NamedNode(iris.concept_iri("provision", value)))
        for region in plan.regions:
            g.add(node, WPS.region, ox.NamedNode(iris.region_iri(REGION_KEYS[region])))
        g.add(node, DCTERMS.source, ox.NamedNode(iris.web_page_iri(plan.source)))
    return g


def _owner(plan: WorldPlan, context: Context) -> str:
    """A country's alpha-3 code, or a regional organisation's IRI."""
    if plan.iso3:
        return plan.iso3
    found = context.regional.get(_folded(plan.owner_name))
    if not found:
        raise ValueError(
            f"line {plan.line}, country: {plan.owner_name!r} is no regional organisation of "
            "data/actors/regional-organisations.ttl (add it there, with its member states)"
        )
    return found


def _plan_key(plan: WorldPlan, context: Context) -> str:
    owner = _owner(plan, context)
    if plan.regional:
        return iris.world_plan_key(iris.organisation_key_of(owner), plan.generation, regional=True)
    return iris.world_plan_key(owner, plan.generation)


def _owner_names(plan: WorldPlan, owner: str, context: Context) -> dict[str, str]:
    if plan.regional:
        return context.regional_names.get(owner, {})
    return context.country_names.get(owner, {})


def _period_text(plan: WorldPlan) -> str:
    if plan.start_year is None:
        return ""
    return f" ({plan.start_year}\N{EN DASH}{plan.end_year or ''})"


def _names(g: Triples, node: ox.NamedNode, plan: WorldPlan, key: str, context: Context) -> None:
    language = title_language(plan.title) if plan.title else None
    if plan.title and language:
        g.add(node, DCTERMS.title, literal(plan.title, lang=language))
        g.add(node, SKOS.prefLabel, literal(plan.title, lang=language))
    owner = _owner(plan, context)
    names = _owner_names(plan, owner, context)
    kind_en, kind_nl = (
        ("Regional Action Plan", "Regionaal Actieplan")
        if plan.regional
        else ("National Action Plan", "Nationaal Actieplan")
    )
    period = _period_text(plan)
    made = {
        "en": f"{names.get('en', plan.owner_name)}: {kind_en} {plan.generation}{period}",
        "nl": f"{names.get('nl', plan.owner_name)}: {kind_nl} {plan.generation}{period}",
    }
    published = key in iris.PLAN_KEYS_BY_YEAR.values()  # their files name them in Dutch
    for lang, name in made.items():
        if lang != language and not (published and lang == "nl"):
            g.add(node, SKOS.prefLabel, literal(name, lang=lang))


def _period(g: Triples, node: ox.NamedNode, plan: WorldPlan) -> None:
    if plan.start_year is None:
        return
    period = ox.BlankNode()
    g.add(node, DCTERMS.temporal, period)
    g.add(period, RDF.type, DCTERMS.PeriodOfTime)
    g.add(period, DCAT.startDate, literal(str(plan.start_year), datatype=XSD.gYear))
    if plan.end_year is not None:
        g.add(period, DCAT.endDate, literal(str(plan.end_year), datatype=XSD.gYear))


def _date(stated: str) -> ox.Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(stated)]
    return literal(stated, datatype=datatype)


def _lead_body(
    g: Triples, plan: WorldPlan, name: str, owner: str, context: Context
) -> ox.NamedNode:
    folded = _folded(name)
    if plan.regional:
        if context.regional.get(folded) == owner:
            return ox.NamedNode(owner)
        prefix = iris.organisation_key_of(owner)
    else:
        known = context.known.get((owner, folded))
        if known:
            return ox.NamedNode(known)
        prefix = owner.lower()
    slug = iris.slugify(name)
    key = slug if slug.startswith(f"{prefix}-") else f"{prefix}-{slug}"
    node = ox.NamedNode(iris.organisation_iri(key[: iris.MAX_SLUG_LENGTH].rstrip("-")))
    g.add(node, RDF.type, ORG.Organization)
    named = next(g.objects(node, SKOS.prefLabel), None)
    if named is None:
        # the name as its source writes it, in both languages (docs/interoperability.md)
        g.add(node, SKOS.prefLabel, literal(name, lang="en"))
        g.add(node, SKOS.prefLabel, literal(name, lang="nl"))
    elif named.value != name:  # another row writes it differently (same key)
        g.add(node, SKOS.altLabel, literal(name, lang="en"))
    if plan.regional:
        g.add(
            node,
            WPS.organisationKind,
            ox.NamedNode(iris.concept_iri("organisation-kind", "international-organisation")),
        )
        g.add(node, ORG.subOrganizationOf, ox.NamedNode(owner))
    else:
        g.add(
            node,
            WPS.organisationKind,
            ox.NamedNode(iris.concept_iri("organisation-kind", "government-body")),
        )
        g.add(node, WPS.country, ox.NamedNode(iris.country_iri(owner)))
    g.add(node, DCTERMS.source, ox.NamedNode(iris.web_page_iri(plan.source)))
    return node
