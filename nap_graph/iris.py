"""Minting IRIs: the one place that knows the patterns of ``docs/iris.md``.

Every IRI nap-graph mints is ``https://w3id.org/nap-graph/`` + one of the patterns in
:data:`IRI_PATTERNS`. Keys (the ``<org>``, ``<plan>`` and ``<slug>`` parts) are slugs:
lowercase ASCII letters, digits and single hyphens. Curated keys are chosen by hand (an
organisation's own acronym in Dutch usage: ``jenv``, ``om``, ``coa``); keys made from text
people typed go through :func:`slugify` and, where they must not collide with keys already in
use, :func:`unique_slug`. IRIs are never changed once published.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

from nap_graph.namespaces import BASE, NAMESPACES

ID = NAMESPACES["ID"]
GRAPH = NAMESPACES["GRAPH"]

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
NOTATION = r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*"
HEX16 = r"[0-9a-f]{16}"
MAX_SLUG_LENGTH = 60

IRI_PATTERNS: dict[str, str] = {
    "ontology": r"def/wps(?:#[A-Za-z][A-Za-z0-9]*|/\d+\.\d+\.\d+)?",
    "shapes": r"def/shapes(?:#[A-Za-z]+(?:-[a-z0-9]+)*)?",
    "graph": rf"graph/{SLUG}(?:/{SLUG})*",
    "scheme": rf"id/scheme/{SLUG}",
    "pillar": rf"id/pillar/{SLUG}",
    "region": rf"id/region/{SLUG}",
    "concept": rf"id/(?:investment-type|organisation-kind|geographic-focus|target-group|"
    rf"mission-type|activity-type|indicator|provision|dac-purpose|gender-marker)/{SLUG}",
    "unit": rf"id/unit/{SLUG}",
    "plan": rf"id/plan/{SLUG}",
    "outcome": rf"id/outcome/{SLUG}/{NOTATION}",
    "organisation": rf"id/organisation/{SLUG}",
    "organisation-link": rf"id/organisation/{SLUG}/link",
    "legal-instrument": rf"id/legal-instrument/{SLUG}",
    "source": rf"id/source/{HEX16}",
    "checksum": rf"id/source/{HEX16}/sha256",
    "submission": rf"id/submission/{SLUG}/{SLUG}/{HEX16}",
    "contribution": rf"id/submission/{SLUG}/{SLUG}/{HEX16}/contribution/{NOTATION}",
    "submission-history": rf"id/submission/{SLUG}/{SLUG}",
    "ingestion": rf"id/submission/{SLUG}/{SLUG}/{HEX16}/ingestion",
    "curation": rf"id/submission/{SLUG}/{SLUG}/{HEX16}/curation",
    "activity": rf"id/activity/{SLUG}/{SLUG}",
    "target": rf"id/target/{SLUG}/{SLUG}",
    "observed-value": rf"id/observed-value/{SLUG}/{SLUG}",
    "catalogue": r"id/catalogue",
    "dataset": rf"id/dataset/{SLUG}(?:/period|/graph/{SLUG}(?:/{SLUG})*)?",
    "distribution": rf"id/distribution/{SLUG}",
    "service": rf"id/service/{SLUG}",
    "agent": rf"id/agent/{SLUG}(?:/contact)?",
}
"""Pattern of every kind of IRI, relative to the base."""

_COMPILED = {kind: re.compile(re.escape(BASE) + p) for kind, p in IRI_PATTERNS.items()}


def checked_iri(value: str, what: str) -> str:
    """``value`` when it is an absolute IRI (RFC 3987, as Oxigraph reads it), else
    :class:`~nap_graph.errors.BadRequestError` naming ``what`` (a parameter or path)."""
    import pyoxigraph as ox

    from nap_graph.errors import BadRequestError

    try:
        return ox.NamedNode(value).value
    except ValueError as exc:
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise BadRequestError(f"{what}: expected an absolute IRI, found {shown!r} ({exc})") from exc


def kind_of(iri: str) -> str | None:
    """Which pattern of :data:`IRI_PATTERNS` an IRI follows, or ``None``."""
    for kind, pattern in _COMPILED.items():
        if pattern.fullmatch(iri):
            return kind
    return None


def thing_kind(iri: str) -> str | None:
    """The kind of thing an IRI names, as the site shows it: :func:`kind_of`, with concepts
    by their vocabulary (``target-group``, ``indicator``, ...) and the EU's country IRIs as
    ``country``."""
    if iri.startswith(NAMESPACES["COUNTRY"]):
        return "country"
    kind = kind_of(iri)
    if kind == "concept":
        return iri.removeprefix(ID).split("/")[0]
    return kind


def slugify(text: str) -> str:
    """A key from free text: accents dropped, lowercase, runs of anything but letters and
    digits become one hyphen, at most 60 characters cut at a hyphen.

    >>> slugify("Ministerie van Justitie & Veiligheid")
    'ministerie-van-justitie-veiligheid'
    >>> slugify("  Coördinatie -- WO=MEN  ")
    'coordinatie-wo-men'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    if not slug:
        raise ValueError(f"cannot make a key from {text!r}: it has no letters or digits")
    return slug


def unique_slug(text: str, taken: Collection[str]) -> str:
    """:func:`slugify`, then ``-2``, ``-3``, ... until the key is not in ``taken``.

    >>> unique_slug("COA", {"coa", "coa-2"})
    'coa-3'
    """
    base = slugify(text)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _key(value: str) -> str:
    if not re.fullmatch(SLUG, value):
        raise ValueError(f"{value!r} is not a key: expected lowercase letters, digits, hyphens")
    return value


def _notation(value: str) -> str:
    if not re.fullmatch(NOTATION, value):
        raise ValueError(f"{value!r} is not an outcome code such as '3' or '3.2'")
    return value


def _hex16(sha256: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError(f"{sha256!r} is not a SHA-256 digest (64 lowercase hex digits)")
    return sha256[:16]


def plan_iri(country_alpha3: str, number: int) -> str:
    """``id/plan/<country>-nap-<number>``, e.g. ``id/plan/nld-nap-4``."""
    return f"{ID}plan/{_key(country_alpha3.lower())}-nap-{number}"


PLAN_KEYS_BY_YEAR: dict[tuple[str, int], str] = {
    ("CAN", 3): "can-nap-2023",
    ("DEU", 3): "deu-nap-2021",
    ("FIN", 4): "fin-nap-2023",
    ("GBR", 5): "gbr-nap-2023",
    ("IRL", 3): "irl-nap-2019",
    ("NOR", 4): "nor-nap-2019",
    ("USA", 4): "usa-nap-2023",
}
"""The seven foreign plans published before the world table, keyed by their first year; every
other plan is keyed by its generation. Their IRIs stay as published."""


def world_plan_key(owner: str, generation: int, *, regional: bool = False) -> str:
    """The key of a country's plan of a generation (``alb-nap-2``; the seven of
    :data:`PLAN_KEYS_BY_YEAR` keep theirs) or of a regional organisation's (``eu-rap-2``,
    the organisation's key first)."""
    if regional:
        return f"{_key(owner)}-rap-{generation}"
    return PLAN_KEYS_BY_YEAR.get((owner.upper(), generation)) or (
        f"{_key(owner.lower())}-nap-{generation}"
    )


def plan_iri_for_key(key: str) -> str:
    """``id/plan/<key>`` for a plan key such as ``nld-nap-4`` or ``deu-nap-2021``."""
    return f"{ID}plan/{_key(key)}"


def plan_outcomes_scheme_iri(key: str) -> str:
    """``id/scheme/<plan key>-outcomes``: a plan's outcome framework."""
    return scheme_iri(f"{_key(key)}-outcomes")


def plan_graph_iri(key: str) -> str:
    """``graph/plans/<plan key>``: the named graph of an imported or shipped plan."""
    return graph_iri(["plans", key])


def pillar_iri(key: str) -> str:
    """``id/pillar/<key>``: a UNSCR 1325 pillar (``participation``, ``protection``, ...)."""
    return f"{ID}pillar/{_key(key)}"


def legal_instrument_iri(key: str) -> str:
    """``id/legal-instrument/<key>``."""
    return f"{ID}legal-instrument/{_key(key)}"


def unit_iri(key: str) -> str:
    """``id/unit/<key>``: a unit word that is no QUDT unit; the shapes refuse it (units are
    QUDT's), so that the report can name the word instead of dropping it."""
    return f"{ID}unit/{_key(key)}"


def id_iri(path: str) -> str:
    """``id/<path>``: the IRI a ``/id/<path>`` or ``/doc/<path>`` request names (checked by
    :func:`checked_iri`, not by pattern: a request may name anything)."""
    return checked_iri(f"{ID}{path}", "the path after /id/ or /doc/")


def graph_path_iri(path: str) -> str:
    """``graph/<path>``: the named graph a ``/graph/<path>`` request names."""
    return checked_iri(f"{GRAPH}{path}", "the path after /graph/")


def version_iri_for_path(plan: str, organisation: str, version: str) -> str:
    """``id/submission/<plan>/<org>/<version>``: the version a ``/submissions/...`` request
    names."""
    return checked_iri(
        f"{ID}submission/{plan}/{organisation}/{version}", "the path after /submissions/"
    )


def id_prefix(*parts: str) -> str:
    """``id/<part>/.../``: the start every IRI of a kind shares, for reading keys back out
    (``id_prefix("outcome", "nld-nap-4")`` is ``.../id/outcome/nld-nap-4/``).

    >>> id_prefix("outcome", "nld-nap-4")
    'https://w3id.org/nap-graph/id/outcome/nld-nap-4/'
    """
    return f"{ID}" + "".join(f"{_key(p)}/" for p in parts)


COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"
COUNTRY_SCHEME = COUNTRY_AUTHORITY.rstrip("/")
"""The concept scheme of the country authority (``skos:inScheme`` of every country)."""


def country_iri(alpha3: str) -> str:
    """The EU Publications Office country authority IRI of an ISO 3166-1 alpha-3 code
    (``.../country/NLD``); ``.../country/unknown`` for anything else, which the shapes
    refuse (so that the report names the word).

    >>> country_iri("yem")
    'http://publications.europa.eu/resource/authority/country/YEM'
    >>> country_iri("Atlantis")
    'http://publications.europa.eu/resource/authority/country/unknown'
    """
    code = alpha3.strip().upper()
    return COUNTRY_AUTHORITY + (code if re.fullmatch(r"[A-Z]{3}", code) else "unknown")


PROVENANCE_GRAPH = f"{GRAPH}provenance"
"""The named graph of submission histories, versions and ingestions (docs/iris.md)."""
LINKS_GRAPH = f"{GRAPH}links/organisations"
"""The named graph of the links coordinators made between organisations."""


def plan_key(plan: str) -> str:
    """The key of a plan IRI (``nld-nap-4``)."""
    return _key(plan.removeprefix(f"{ID}plan/"))


def outcome_iri(plan: str, notation: str) -> str:
    """``id/outcome/<plan key>/<notation>``, e.g. ``id/outcome/nld-nap-4/3.2``."""
    return f"{ID}outcome/{plan_key(plan)}/{_notation(notation)}"


def organisation_link_iri(key: str) -> str:
    """``id/organisation/<key>/link``: a coordinator's link of that submitted organisation to
    a known one."""
    return f"{organisation_iri(key)}/link"


def scheme_iri(key: str) -> str:
    """``id/scheme/<key>``: a concept scheme of the reference data."""
    return f"{ID}scheme/{_key(key)}"


def region_iri(key: str) -> str:
    """``id/region/<key>``: a region (UN M49 or one NAPs name), e.g. ``id/region/sahel``."""
    return f"{ID}region/{_key(key)}"


CONCEPT_VOCABULARIES = (
    "investment-type",
    "organisation-kind",
    "geographic-focus",
    "target-group",
    "mission-type",
    "activity-type",
    "indicator",
    "provision",
    "dac-purpose",
    "gender-marker",
)


def concept_iri(vocabulary: str, key: str) -> str:
    """``id/<vocabulary>/<key>``, e.g. ``id/target-group/asylum-seekers``."""
    if vocabulary not in CONCEPT_VOCABULARIES:
        raise ValueError(f"{vocabulary!r} is not a vocabulary; known: {CONCEPT_VOCABULARIES}")
    return f"{ID}{vocabulary}/{_key(key)}"


def organisation_iri(key: str) -> str:
    """``id/organisation/<key>``."""
    return f"{ID}organisation/{_key(key)}"


def web_page_iri(address: str) -> str:
    """A web page's address as an IRI: kept as written where it is one, else each character an
    IRI may not hold (RFC 3987: spaces, brackets, U+FFFC ...) percent-encoded as UTF-8.

    >>> web_page_iri("https://example.org/kb/indicateur-1325\ufffc-3")
    'https://example.org/kb/indicateur-1325%EF%BF%BC-3'
    >>> web_page_iri("https://example.org/caf\u00e9-plan")
    'https://example.org/café-plan'
    """
    address = address.strip()

    def allowed(ch: str) -> bool:
        code = ord(ch)
        if code < 0x80:
            return ch not in ' <>"{}|\\^`' and code > 0x20 and code != 0x7F
        return (
            0xA0 <= code <= 0xD7FF
            or 0xF900 <= code <= 0xFDCF
            or 0xFDF0 <= code <= 0xFFEF
            or (0x10000 <= code <= 0xEFFFD and code & 0xFFFE != 0xFFFE)
        )

    return "".join(
        ch if allowed(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in address
    )


def catalogue_iri() -> str:
    """``id/catalogue``: the DCAT catalogue of the service's data (docs/catalogue.md)."""
    return f"{ID}catalogue"


def dataset_iri(key: str = "nap-graph") -> str:
    """``id/dataset/<key>``: a DCAT dataset."""
    return f"{ID}dataset/{_key(key)}"


def distribution_iri(file_name: str) -> str:
    """``id/distribution/<file name as a slug>``: a dump as a DCAT distribution
    (``nap-graph.ttl.gz`` -> ``id/distribution/nap-graph-ttl-gz``)."""
    return f"{ID}distribution/{slugify(file_name)}"


def service_iri(key: str) -> str:
    """``id/service/<key>``: a DCAT data service (``sparql``, ``graph-store``)."""
    return f"{ID}service/{_key(key)}"


def agent_iri(key: str) -> str:
    """``id/agent/<key>``: an agent that publishes (``nap-graph``)."""
    return f"{ID}agent/{_key(key)}"


def named_agent_iri(name: str) -> str:
    """``id/agent/<slug of the name>``: a person or account known only by a name (who sent a
    record, reverted a version, linked an organisation, curated without an organisation the
    store knows). The same name always gives the same agent; a name with no letters or
    digits gets ``name-<16 hex digits of its SHA-256>``.

    >>> named_agent_iri("WO=MEN coördinator")
    'https://w3id.org/nap-graph/id/agent/wo-men-coordinator'
    """
    try:
        key = slugify(name)
    except ValueError:
        key = "name-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return agent_iri(key)


def organisation_key_of(iri: str) -> str:
    """``eu`` for ``id/organisation/eu``."""
    return iri.removeprefix(f"{ID}organisation/")


def source_iri(sha256: str) -> str:
    """``id/source/<first 16 hex digits of the SHA-256 of the file's bytes>``."""
    return f"{ID}source/{_hex16(sha256)}"


def checksum_iri(sha256: str) -> str:
    """``id/source/<hash>/sha256``: the source document's SHA-256 checksum (an IRI rather than
    a blank node, so that every store accepts it in INSERT DATA)."""
    return f"{source_iri(sha256)}/sha256"


def submission_iri(plan: str, organisation_key: str, sha256: str) -> str:
    """``id/submission/<plan key>/<organisation key>/<first 16 hex of the source SHA-256>``:
    the same bytes from the same organisation for the same plan give the same IRI."""
    return f"{ID}submission/{plan_key(plan)}/{_key(organisation_key)}/{_hex16(sha256)}"


def submission_history_iri(plan: str, organisation_key: str) -> str:
    """``id/submission/<plan key>/<organisation key>``: all versions of that record."""
    return f"{ID}submission/{plan_key(plan)}/{_key(organisation_key)}"


def ingestion_iri(submission: str) -> str:
    """``<submission>/ingestion``: the receipt of that version."""
    return f"{submission}/ingestion"


def submission_graph_iri(submission: str) -> str:
    """``graph/submission/<plan key>/<organisation key>/<hash>``: the version's named graph."""
    return str(GRAPH) + "submission/" + submission.removeprefix(f"{ID}submission/")


def curation_iri(submission: str) -> str:
    """``<submission>/curation``: the curation of that version."""
    return f"{submission}/curation"


def curation_graph_iri(submission: str) -> str:
    """``graph/curation/<plan key>/<organisation key>/<hash>``: the curation's named graph."""
    return str(GRAPH) + "curation/" + submission.removeprefix(f"{ID}submission/")


def contribution_iri(submission: str, notation: str) -> str:
    """``<submission>/contribution/<outcome notation>``."""
    return f"{submission}/contribution/{_notation(notation)}"


def activity_iri(organisation_key: str, slug: str) -> str:
    """``id/activity/<reporting organisation key>/<slug>``."""
    return f"{ID}activity/{_key(organisation_key)}/{_key(slug)}"


def target_iri(organisation_key: str, slug: str) -> str:
    """``id/target/<reporting organisation key>/<slug>``."""
    return f"{ID}target/{_key(organisation_key)}/{_key(slug)}"


def observed_value_iri(organisation_key: str, slug: str) -> str:
    """``id/observed-value/<reporting organisation key>/<slug>``."""
    return f"{ID}observed-value/{_key(organisation_key)}/{_key(slug)}"


def graph_iri(path_parts: Collection[str]) -> str:
    """``graph/<path>``: the named graph of a file, from its path parts without suffix."""
    return str(GRAPH) + "/".join(_key(p) for p in path_parts)


def reversion_iri(version: str, stamp: str) -> str:
    """``<version>/reversion/<UTC time, digits only>``: one making of ``version`` current
    again (a version can be reverted to more than once)."""
    return f"{version}/reversion/{''.join(c for c in stamp if c.isdigit())}"
