"""Names resolved against the reference data: organisations (exact, alternative label,
acronym, Dutch name, case, punctuation and diacritics aside; near misses warn with the known
name and IRI), countries by English, Dutch and other names and ISO codes, regions."""

from __future__ import annotations

import json

import pytest

from nap_graph.namespaces import ID
from nap_graph.reference import reference_index
from nap_graph.submissions.activities_rdf import place
from nap_graph.submissions.organisations import near_matches, resolve_organisation
from nap_graph.submissions.reading import read_submissions
from nap_graph.submissions.validation import validate_submission

ORG = f"{ID}organisation/"
COUNTRY = "http://publications.europa.eu/resource/authority/country/"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ministry of Justice and Security", "jenv"),
        ("ministry of justice and security", "jenv"),
        ("Ministry of Security and Justice", "jenv"),  # alternative (former) name
        ("Ministerie van Justitie en Veiligheid", "jenv"),  # Dutch
        ("JenV", "jenv"),  # acronym
        ("Immigratie- en Naturalisatiedienst", "ind"),
        ("IND", "ind"),
        ("Centraal Orgaan opvang asielzoekers", "coa"),
        ("Coördinatie", None),
        ("WO=MEN", "wo-men"),
        ("wo men", "wo-men"),  # punctuation aside
        ("Transgender Netwerk Nederland.", "tnn"),
        ("National Public Prosecutors Office", "om-landelijk-parket"),  # apostrophe aside
        ("Ministère de la Défense", None),
    ],
)
def test_organisation_names(name: str, key: str | None) -> None:
    resolved = resolve_organisation(reference_index(), name)
    if key is None:
        assert not resolved.known
    else:
        assert resolved.known and resolved.iri == ORG + key


def test_diacritics_are_aside() -> None:
    index = reference_index()
    assert resolve_organisation(index, "Ministérie van Justitie en Veiligheid").iri == ORG + "jenv"


@pytest.mark.parametrize(
    ("name", "key", "reason"),
    [
        ("Department of Defense", "defensie", "another spelling"),
        ("Ministry of Defense", "defensie", "another spelling"),
        ("Netherlands Police Academy", "politie", "contains 'Netherlands Police'"),
        (
            "Migration Policy Directorate of the Ministry",
            "jenv-dmb",
            "a unit of Ministry of Justice and Security",
        ),
    ],
)
def test_near_matches_name_the_known_organisation(name: str, key: str, reason: str) -> None:
    resolved = resolve_organisation(reference_index(), name)
    assert not resolved.known
    assert resolved.near and resolved.near[0].iri == ORG + key
    assert reason in resolved.near[0].reason


def test_a_name_far_from_every_known_one_has_no_near_match() -> None:
    assert near_matches(reference_index(), "Stichting Vrouwen voor Vrede") == []


def test_a_near_miss_is_a_warning_in_the_report_with_name_and_iri() -> None:
    record = {
        "organisation": "Department of Defense",
        "organisation_kind": "Government",
        "organisation_description": "A ministry.",
        "strategic_outcomes": ["1"],
        "investment_types": ["Policy"],
        "contributions": [{"outcome": "1", "text": "We train women officers."}],
    }
    (parsed,) = read_submissions(json.dumps(record).encode(), "d.json")
    report = validate_submission(parsed)
    assert report.conforms
    (warning,) = [p for p in report.problems if "may be" in p.message]
    assert "Ministry of Defence" in warning.message and f"<{ORG}defensie>" in warning.message
    assert warning.location and warning.location.pointer == "/organisation"
    assert report.submission.organisation.value == ORG + "department-of-defense"


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Yemen", "YEM"),
        ("Jemen", "YEM"),
        ("YE", "YEM"),
        ("yem", "YEM"),
        ("Afghanistan", "AFG"),
        ("DRC", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("DR Congo", "COD"),
        ("Democratische Republiek Congo", "COD"),
        ("Palestine", "PSE"),
        ("State of Palestine", "PSE"),
        ("Syria", "SYR"),
        ("Syrië", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Ivoorkust", "CIV"),
        ("South Sudan", "SSD"),
        ("Zuid-Soedan", "SSD"),
        ("The Netherlands", "NLD"),
        ("Nederland", "NLD"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
    ],
)
def test_country_names(word: str, code: str) -> None:
    iri, is_region = place(reference_index(), word)
    assert (iri.value, is_region) == (COUNTRY + code, False)


def test_every_iso_country_is_known() -> None:
    index = reference_index()
    assert len(index.country_names) == 250  # ISO 3166-1 and Kosovo (XKX)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Sahel", "sahel"),
        ("the Sahel", "sahel"),
        ("MENA", "mena"),
        ("Middle East and North Africa", "mena"),
        ("Midden-Oosten en Noord-Afrika", "mena"),
        ("Great Lakes", "great-lakes"),
        ("Horn of Africa", "horn-of-africa"),
        ("Hoorn van Afrika", "horn-of-africa"),
        ("Western Africa", "western-africa"),
        ("Sub-Saharan Africa", "sub-saharan-africa"),
    ],
)
def test_region_names(word: str, key: str) -> None:
    iri, is_region = place(reference_index(), word)
    assert (iri.value, is_region) == (f"{ID}region/{key}", True)
