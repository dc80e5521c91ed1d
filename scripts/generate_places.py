"""Generate ``data/reference/countries.ttl`` and ``data/reference/regions.ttl``.

Countries come from maintained libraries, not typed in: every ISO 3166-1 country from
pycountry (English names, and Dutch names through the iso-codes translations it ships) and
the short and official names of country-converter's table. A short list of other names NAP
texts use ("DRC", "Ivory Coast", "Burma") is added by hand where neither library has them.
Regions are the UN M49 continents and sub-regions (members from country-converter's
``UNregion`` and ``continent`` columns) and the regions NAPs name that M49 lacks (MENA,
Sahel, Great Lakes, Horn of Africa, ...), with their member countries.

Run after upgrading pycountry or country-converter::

    .venv/bin/python scripts/generate_places.py

``tests/test_places.py`` fails when the shipped files differ from what this script writes.
"""

from __future__ import annotations

import csv
import gettext
import sys
from collections.abc import Iterable
from pathlib import Path

import country_converter
import pycountry
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nap_graph import iris  # noqa: E402

COUNTRY = "http://publications.europa.eu/resource/authority/country/"
COUNTRY_SCHEME = "http://publications.europa.eu/resource/authority/country"

OTHER_NAMES: dict[str, tuple[str, ...]] = {
    "COD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "PSE": ("Palestine", "Occupied Palestinian Territories", "Palestinian Territories"),
    "CIV": ("Ivory Coast",),
    "MMR": ("Burma",),
    "TLS": ("East Timor",),
    "SWZ": ("Swaziland",),
    "CPV": ("Cape Verde",),
    "TUR": ("Turkey",),
    "CZE": ("Czech Republic",),
    "MKD": ("Macedonia",),
    "NLD": ("The Netherlands", "Holland"),
    "GBR": ("UK", "Great Britain", "Britain"),
    "USA": ("USA", "US", "United States of America"),
    "RUS": ("Russia",),
    "KOR": ("Republic of Korea",),
    "PRK": ("North Korea", "DPRK"),
    "GMB": ("The Gambia",),
    "VAT": ("Vatican", "Holy See"),
    "FSM": ("Micronesia",),
}
"""Names NAP texts use that neither library lists."""

PREFERRED: dict[str, tuple[str, str]] = {
    "COD": ("Democratic Republic of the Congo", "Democratische Republiek Congo"),
    "COG": ("Republic of the Congo", "Republiek Congo"),
    "PRK": ("North Korea", "Noord-Korea"),
    "KOR": ("South Korea", "Zuid-Korea"),
}
"""English and Dutch names preferred over the libraries' short names, where those are
ambiguous or inverted."""

OTHER_NAMES_NL: dict[str, tuple[str, ...]] = {
    "COD": ("DR Congo", "Democratische Republiek Congo", "Congo-Kinshasa"),
    "PSE": ("Palestina", "Palestijnse Gebieden"),
    "NLD": ("Holland",),
}

M49: dict[str, tuple[str, str, str]] = {
    # key: (M49 code, English name, Dutch name)
    "africa": ("002", "Africa", "Afrika"),
    "americas": ("019", "Americas", "Amerika"),
    "asia": ("142", "Asia", "Azië"),
    "europe": ("150", "Europe", "Europa"),
    "oceania": ("009", "Oceania", "Oceanië"),
    "northern-africa": ("015", "Northern Africa", "Noord-Afrika"),
    "eastern-africa": ("014", "Eastern Africa", "Oost-Afrika"),
    "middle-africa": ("017", "Middle Africa", "Centraal-Afrika"),
    "southern-africa": ("018", "Southern Africa", "Zuidelijk Afrika"),
    "western-africa": ("011", "Western Africa", "West-Afrika"),
    "caribbean": ("029", "Caribbean", "Caraïben"),
    "central-america": ("013", "Central America", "Midden-Amerika"),
    "south-america": ("005", "South America", "Zuid-Amerika"),
    "northern-america": ("021", "Northern America", "Noord-Amerika"),
    "central-asia": ("143", "Central Asia", "Centraal-Azië"),
    "eastern-asia": ("030", "Eastern Asia", "Oost-Azië"),
    "south-eastern-asia": ("035", "South-eastern Asia", "Zuidoost-Azië"),
    "southern-asia": ("034", "Southern Asia", "Zuid-Azië"),
    "western-asia": ("145", "Western Asia", "West-Azië"),
    "eastern-europe": ("151", "Eastern Europe", "Oost-Europa"),
    "northern-europe": ("154", "Northern Europe", "Noord-Europa"),
    "southern-europe": ("039", "Southern Europe", "Zuid-Europa"),
    "western-europe": ("155", "Western Europe", "West-Europa"),
    "australia-and-new-zealand": ("053", "Australia and New Zealand", "Australië en Nieuw-Zeeland"),
    "melanesia": ("054", "Melanesia", "Melanesië"),
    "micronesia": ("057", "Micronesia", "Micronesië"),
    "polynesia": ("061", "Polynesia", "Polynesië"),
}
"""UN M49 continents and sub-regions: code and names (unstats.un.org/unsd/methodology/m49)."""

M49_EXTRA_LABELS: dict[str, tuple[str, ...]] = {
    "south-eastern-asia": ("Southeast Asia", "South-East Asia"),
    "middle-africa": ("Central Africa",),
    "western-asia": ("West Asia",),
}


def _codes(text: str) -> tuple[str, ...]:
    """ISO alpha-3 codes written with spaces between them."""
    return tuple(text.split())


NAP_REGIONS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...], str]] = {
    # key: (English name, Dutch name, other names, members (ISO alpha-3), definition)
    "mena": (
        "Middle East and North Africa",
        "Midden-Oosten en Noord-Afrika",
        ("MENA", "MENA region", "Middle East & North Africa"),
        _codes("DZA BHR EGY IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR TUN ARE YEM"),
        "The Middle East and North Africa, as the World Bank's MENA region lists it.",
    ),
    "middle-east": (
        "Middle East",
        "Midden-Oosten",
        (),
        _codes("BHR EGY IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM"),
        "The states of south-west Asia and Egypt commonly called the Middle East.",
    ),
    "sahel": (
        "Sahel",
        "Sahel",
        ("Sahel region", "the Sahel", "Central Sahel"),
        ("BFA", "MLI", "MRT", "NER", "TCD", "SEN", "NGA", "SDN", "CMR", "GMB"),
        "The semi-arid belt south of the Sahara, from Senegal to Sudan "
        "(UN Integrated Strategy for the Sahel).",
    ),
    "great-lakes": (
        "Great Lakes region",
        "Grote Merengebied",
        ("Great Lakes", "African Great Lakes", "Great Lakes Region of Africa"),
        ("BDI", "COD", "RWA", "UGA", "TZA", "KEN"),
        "The countries around the African Great Lakes.",
    ),
    "horn-of-africa": (
        "Horn of Africa",
        "Hoorn van Afrika",
        (),
        ("DJI", "ERI", "ETH", "SOM", "SDN", "SSD", "KEN"),
        "The north-east African peninsula and its neighbours, as IGAD's member states.",
    ),
    "lake-chad-basin": (
        "Lake Chad Basin",
        "Tsjaadmeerbekken",
        ("Lake Chad region",),
        ("CMR", "NER", "NGA", "TCD"),
        "The countries around Lake Chad.",
    ),
    "western-balkans": (
        "Western Balkans",
        "Westelijke Balkan",
        ("Balkans", "the Balkans"),
        ("ALB", "BIH", "MNE", "MKD", "SRB"),
        "The states of south-east Europe outside the EU "
        "(Kosovo has no ISO code and is not listed).",
    ),
    "south-caucasus": (
        "South Caucasus",
        "Zuidelijke Kaukasus",
        ("Caucasus",),
        ("ARM", "AZE", "GEO"),
        "Armenia, Azerbaijan and Georgia.",
    ),
    "levant": (
        "Levant",
        "Levant",
        (),
        ("ISR", "JOR", "LBN", "PSE", "SYR"),
        "The eastern Mediterranean states.",
    ),
    "sub-saharan-africa": (
        "Sub-Saharan Africa",
        "Afrika ten zuiden van de Sahara",
        ("Sub-Sahara Africa",),
        (),
        "Africa south of the Sahara (UN M49 202): every African country outside Northern Africa.",
    ),
    "latin-america": (
        "Latin America and the Caribbean",
        "Latijns-Amerika en het Caribisch gebied",
        ("Latin America", "LAC"),
        (),
        "UN M49 419: the Americas outside Northern America.",
    ),
}
"""Regions NAPs name, beyond M49's continents and sub-regions."""

M49_OF_NAP_REGION = {"sub-saharan-africa": "202", "latin-america": "419"}


def _lit(text: str, lang: str | None = None) -> str:
    return str(ox.Literal(text, language=lang)) if lang else str(ox.Literal(text))


def _codes(alpha_2: str, alpha_3: str) -> list[str]:
    """A country's two codes as typed notations (SKOS: a notation's datatype names its
    notation system), so that a query picks one without a filter on its length."""
    return [f"{_lit(alpha_2)}^^wps:ISO3166Alpha2", f"{_lit(alpha_3)}^^wps:ISO3166Alpha3"]


def _uninvert(name: str) -> str:
    """``Korea, Republic of`` -> ``Republic of Korea``; ``Congo, The Democratic Republic of
    the`` -> ``The Democratic Republic of the Congo``."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


def _names(*candidates: str | None) -> list[str]:
    out: list[str] = []
    for name in candidates:
        if not name:
            continue
        for variant in (name, _uninvert(name)):
            for form in (variant, variant.removeprefix("the ").removeprefix("The ")):
                if form and not form.startswith("the ") and form not in out:
                    out.append(form)
    return out


def _coco_rows() -> dict[str, dict[str, str]]:
    path = Path(country_converter.__file__).parent / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ISO3"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _block(subject: str, pairs: Iterable[tuple[str, list[str]]]) -> str:
    body = [f"    {p} {' , '.join(objs)}" for p, objs in pairs if objs]
    return subject + "\n" + " ;\n".join(body) + " .\n"


def countries_ttl() -> str:
    """The country concepts, one block per ISO 3166-1 country, sorted by alpha-3 code."""
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    coco = _coco_rows()
    out = [
        "# Every ISO 3166-1 country, as a concept of the EU Publications Office country authority\n"
        "# (as DCAT-AP uses them), with ISO 3166-1 alpha-2 and alpha-3 codes as skos:notation,\n"
        "# typed wps:ISO3166Alpha2 and wps:ISO3166Alpha3.\n"
        "# GENERATED by scripts/generate_places.py from pycountry "
        f"{_version('pycountry')} and country-converter {_version('country_converter')}: "
        "do not edit.\n",
        f"@prefix country: <{COUNTRY}> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix wps: <https://w3id.org/nap-graph/def/wps#> .\n",
    ]
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        row = coco.get(c.alpha_3, {})
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        preferred = PREFERRED.get(c.alpha_3, (None, None))
        english = _names(
            preferred[0],
            row.get("name_short") or common or c.name,
            common,
            c.name,
            official,
            row.get("name_official"),
            *OTHER_NAMES.get(c.alpha_3, ()),
        )
        dutch_name = dutch.gettext(c.name)
        nl_names = _names(
            preferred[1] or (dutch.gettext(common) if common else dutch_name.split(", ")[0]),
            dutch.gettext(common) if common else None,
            dutch.gettext(c.name),
            dutch.gettext(official) if official else None,
            *OTHER_NAMES_NL.get(c.alpha_3, ()),
        )
        nl_names = [n for n in nl_names if n not in {official, c.name} or n in english[:1]]
        pref_en, *alt_en = english
        pref_nl, *alt_nl = nl_names or [pref_en]
        alt = [_lit(n, "en") for n in alt_en] + [_lit(n, "nl") for n in alt_nl if n != pref_nl]
        out.append(
            _block(
                f"country:{c.alpha_3} a skos:Concept , dcterms:Location ;",
                [
                    ("skos:inScheme", [f"<{COUNTRY_SCHEME}>"]),
                    ("skos:notation", _codes(c.alpha_2, c.alpha_3)),
                    ("skos:prefLabel", [_lit(pref_en, "en"), _lit(pref_nl, "nl")]),
                    ("skos:altLabel", alt),
                ],
            )
        )
    out.append(
        _block(
            "country:XKX a skos:Concept , dcterms:Location ;",
            [
                ("skos:inScheme", [f"<{COUNTRY_SCHEME}>"]),
                ("skos:notation", _codes("XK", "XKX")),
                ("skos:prefLabel", [_lit("Kosovo", "en"), _lit("Kosovo", "nl")]),
                ("skos:editorialNote", [_lit(KOSOVO_NOTE, "en")]),
            ],
        )
    )
    return "\n".join(out)


KOSOVO_NOTE = (
    "XK/XKX are user-assigned codes, not ISO 3166-1; the EU and the World Bank use them "
    "for Kosovo, and so do the plan sources."
)


def _version(module: str) -> str:
    from importlib.metadata import version

    return version(module.replace("_", "-"))


def _m49_members(coco: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    by_name = {name: key for key, (_, name, _) in M49.items()}
    members: dict[str, list[str]] = {key: [] for key in M49}
    members.update({key: [] for key in M49_OF_NAP_REGION})
    for c in pycountry.countries:
        row = coco.get(c.alpha_3)
        if not row:
            continue
        sub = by_name.get(row["UNregion"])
        continent = by_name.get(row["continent"]) or (
            "americas" if row["continent"] == "America" else None
        )
        for key in (sub, continent):
            if key:
                members[key].append(c.alpha_3)
        if row["continent"] == "Africa" and row["UNregion"] != "Northern Africa":
            members["sub-saharan-africa"].append(c.alpha_3)
        if row["continent"] == "America" and row["UNregion"] != "Northern America":
            members["latin-america"].append(c.alpha_3)
    return {k: sorted(v) for k, v in members.items()}


def regions_ttl() -> str:
    """The region concepts: M49 continents and sub-regions, and the regions NAPs name."""
    coco = _coco_rows()
    members = _m49_members(coco)
    scheme = iris.scheme_iri("regions")
    out = [
        "# Regions NAP texts name: the UN M49 continents and sub-regions (skos:notation is the "
        "M49\n"
        "# code) and the regions M49 lacks (MENA, Sahel, Great Lakes, Horn of Africa, ...), each\n"
        "# with its member countries (dcterms:hasPart).\n"
        "# GENERATED by scripts/generate_places.py: do not edit; change the script.\n",
        "@prefix wps: <https://w3id.org/nap-graph/def/wps#> .\n"
        f"@prefix country: <{COUNTRY}> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n",
        _block(
            f"<{scheme}> a skos:ConceptScheme ;",
            [
                ("skos:prefLabel", [_lit("Regions", "en"), _lit("Regio's", "nl")]),
                (
                    "skos:definition",
                    [
                        _lit(
                            "Regions of the world that National Action Plans name: UN M49 "
                            "continents and sub-regions, and regions such as the Sahel.",
                            "en",
                        ),
                        _lit(
                            "Regio's van de wereld die Nationale Actieplannen noemen: de "
                            "continenten en subregio's van UN M49 en regio's zoals de Sahel.",
                            "nl",
                        ),
                    ],
                ),
            ],
        ),
    ]
    for key, (code, en, nl) in M49.items():
        out.append(_region(key, en, nl, M49_EXTRA_LABELS.get(key, ()), members[key], code, None))
    for key, (en, nl, others, listed, definition) in NAP_REGIONS.items():
        out.append(
            _region(
                key,
                en,
                nl,
                others,
                sorted(listed) or members[key],
                M49_OF_NAP_REGION.get(key),
                definition,
            )
        )
    return "\n".join(out)


def _region(
    key: str,
    en: str,
    nl: str,
    others: Iterable[str],
    members: list[str],
    m49: str | None,
    definition: str | None,
) -> str:
    return _block(
        f"<{iris.region_iri(key)}> a wps:Region , skos:Concept , dcterms:Location ;",
        [
            ("skos:inScheme", [f"<{iris.scheme_iri('regions')}>"]),
            ("skos:notation", [_lit(m49)] if m49 else []),
            ("skos:prefLabel", [_lit(en, "en"), _lit(nl, "nl")]),
            ("skos:altLabel", [_lit(o, "en") for o in others]),
            ("skos:definition", [_lit(definition, "en")] if definition else []),
            ("dcterms:hasPart", [f"country:{m}" for m in members]),
        ],
    )


def main() -> None:
    reference = ROOT / "data" / "reference"
    (reference / "countries.ttl").write_text(countries_ttl(), encoding="utf-8")
    (reference / "regions.ttl").write_text(regions_ttl(), encoding="utf-8")


if __name__ == "__main__":
    main()
