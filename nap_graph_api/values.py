"""RDF values as a reader sees them: dates and numbers in the reader's language (Babel's CLDR
data), other literals as written."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from nap_graph.i18n import current_language
from nap_graph.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
CLDR_LOCALES = {"en": "en_GB", "nl": "nl_NL"}
"""English dates as written in Europe ("31 December 2027"), not in the United States."""
NUMBERS = {XSD + n for n in ("integer", "decimal", "double", "float", "int", "long")}
NUMBERS |= {XSD + n for n in ("nonNegativeInteger", "positiveInteger")}


def literal_text(term: ox.Literal) -> str:
    """``"2021-01-01"^^xsd:date`` -> "1 January 2021" (or "1 januari 2021"); a number with
    the reader's separators; anything that does not parse as its datatype, as written."""
    datatype = term.datatype.value
    lang = CLDR_LOCALES.get(current_language(), current_language())
    try:
        if datatype == XSD + "date":
            return format_date(datetime.date.fromisoformat(term.value), "long", locale=lang)
        if datatype == XSD + "dateTime":
            moment = datetime.datetime.fromisoformat(term.value)
            return format_datetime(moment, "medium", locale=lang)
        if datatype in NUMBERS:
            return format_decimal(Decimal(term.value), locale=lang)
    except (ValueError, InvalidOperation):
        return term.value
    return term.value


def is_iri(term: object) -> bool:
    return isinstance(term, ox.NamedNode)


def is_literal(term: object) -> bool:
    return isinstance(term, ox.Literal)


def today() -> str:
    """Today's date in the reader's language ("5 december 2026"), for a printed page."""
    from nap_graph.i18n import current_language

    return format_date(datetime.date.today(), "long", locale=current_language())
