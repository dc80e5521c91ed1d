"""Which known organisation a name in a record means, or which ones it may mean.

A name is *known* when it folds (case, punctuation and diacritics aside) to a label,
alternative label, acronym, Dutch or English name of an organisation in the reference data:
the record is then that organisation's. Otherwise the name is compared with every known
name for a *near match*, which the report gives as a warning naming the known organisation
and its IRI (a coordinator links the two with ``nap-graph link-organisation``):

- another spelling: the names, without words every ministry or directorate shares, are at
  least 85% alike (rapidfuzz's normalised Indel similarity): "Department of Defense" and
  "Ministry of Defence";
- a name that contains a known one ("Oxfam Novib Netherlands" contains "Oxfam Novib"), or is
  contained in one; when the known one is a unit, the warning names the organisation it
  belongs to as well;
- a composite name ("DEIA / Ministry of Justice and Security", "X (Y)", "X - Y") is taken
  part by part: a part that is a known name, acronym or label is a near match;
- American and British spellings compare as one (Defense/Defence,
  Organization/Organisation, :data:`SPELLINGS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from nap_graph import iris
from nap_graph.namespaces import ID
from nap_graph.reference import ReferenceIndex, folded

GENERIC_WORDS = frozenset(
    {
        "ministry",
        "ministerie",
        "department",
        "departement",
        "of",
        "van",
        "the",
        "de",
        "het",
        "and",
        "en",
        "for",
        "voor",
        "directorate",
        "directie",
        "agency",
        "dienst",
        "office",
        "bureau",
        "organisation",
        "organization",
    }
)
"""Words too common in organisation names to count towards a near match."""

SPELLINGS = {
    "defense": "defence",
    "organization": "organisation",
    "organizations": "organisations",
    "center": "centre",
    "program": "programme",
    "programs": "programmes",
    "labor": "labour",
}
"""American spellings and the British ones the reference data uses, compared as one."""

PARTS = re.compile(r"\s*(?:/|\(|\)|\s[-\u2013\u2014]\s|;|\|)\s*")
"""What separates the parts of a composite name: "X / Y", "X (Y)", "X - Y"."""

SIMILARITY = 85.0
MIN_CONTAINED = 4
"""A known name must be at least this long (folded) to count as contained in another."""


@dataclass(frozen=True, slots=True)
class NearMatch:
    """A known organisation a name may mean, and why."""

    iri: str
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """The organisation a name resolves to."""

    iri: str
    known: bool
    near: tuple[NearMatch, ...] = field(default=())


def _spelled(text: str) -> str:
    """Folded text with American spellings as British (:data:`SPELLINGS`)."""
    return " ".join(SPELLINGS.get(w, w) for w in folded(text).split())


def _core(name: str) -> str:
    return " ".join(w for w in _spelled(name).split() if w not in GENERIC_WORDS)


def name_parts(name: str) -> list[str]:
    """The parts of a composite name (``"DEIA / Ministry of Justice"`` -> both), or none
    when it is one name."""
    parts = [p for p in PARTS.split(name) if p.strip()]
    return parts if len(parts) > 1 else []


def _contains(longer: str, shorter: str) -> bool:
    return len(shorter) >= MIN_CONTAINED and f" {shorter} " in f" {longer} "


def near_matches(index: ReferenceIndex, name: str) -> list[NearMatch]:
    """Known organisations ``name`` is close to (best first), none when it is known."""
    seen = _spelled(name)
    core = _core(name)
    parts = {_spelled(p): p for p in name_parts(name)}
    found: dict[str, tuple[float, NearMatch]] = {}
    for iri, labels in index.organisation_labels.items():
        known_name = index.organisation_names.get(iri, labels[0])
        for label in labels:
            other = _spelled(label)
            other_core = _core(label)
            score = fuzz.ratio(core, other_core) if core and other_core else 0.0
            if other in parts:
                score = 95.0
                reason = f"'{parts[other]}', one part of the name, is '{label}'"
            elif other == seen:
                score = 99.0
                reason = f"another spelling of '{label}'"
            elif score >= SIMILARITY:
                reason = f"another spelling of '{label}'"
            elif _contains(seen, other) or _contains(other, seen):
                score = 80.0
                reason = f"contains '{label}'" if _contains(seen, other) else f"part of '{label}'"
            else:
                continue
            parent = index.unit_of.get(iri)
            if parent:
                reason += f", a unit of {index.organisation_names.get(parent, parent)}"
            if score > found.get(iri, (0.0, None))[0]:
                found[iri] = (score, NearMatch(iri=iri, name=known_name, reason=reason))
    return [m for _, m in sorted(found.values(), key=lambda x: (-x[0], x[1].iri))]


def resolve_organisation(index: ReferenceIndex, name: str | None) -> Resolution:
    """The IRI of the organisation ``name`` means: a known one's, or one minted from the
    name (``id/organisation/<slug>``, unique among the known keys) with any near matches."""
    if name:
        found = index.organisations.get(folded(name))
        if found:
            return Resolution(found, True)
        try:
            key = iris.unique_slug(name, index.organisation_keys)
        except ValueError:
            key = None
        if key:
            return Resolution(iris.organisation_iri(key), False, tuple(near_matches(index, name)))
    return Resolution(iris.organisation_iri("unnamed"), False)


def organisation_key(iri: str) -> str:
    """``jenv`` for ``id/organisation/jenv``."""
    return iri.removeprefix(f"{ID}organisation/")
