"""CSV for spreadsheets: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, so that a spreadsheet shows it as text instead of running
it as a formula (OWASP's advice on CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from nap_graph.i18n import N_
from nap_graph.i18n import gettext as _

NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
DECIMAL = re.compile(r"-?\d+\.\d+")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading apostrophe when a spreadsheet would read it as a formula (a
    plain number such as ``-12.5`` is left as it is: it cannot be one)."""
    if NUMBER.fullmatch(cell):
        return cell
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """The rows as CSV with a header line, every cell made spreadsheet-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(str(row.get(c, ""))) for c in columns])
    return out.getvalue()


COLUMN_NAMES = {
    "organisation": N_("organisation"),
    "organisation_iri": N_("organisation IRI"),
    "kind": N_("kind"),
    "outcome": N_("outcome"),
    "outcome_iri": N_("outcome IRI"),
    "investments": N_("investments"),
    "activities": N_("activities"),
    "submission": N_("submission"),
    "contribution": N_("contribution"),
    "activity": N_("activity"),
    "activity_iri": N_("activity IRI"),
    "indicator": N_("indicator"),
    "value": N_("value"),
    "unit": N_("unit"),
    "year": N_("year"),
    "reported": N_("reported"),
    "pillar": N_("pillar"),
    "country": N_("country"),
    "plan": N_("plan"),
    "plan_iri": N_("plan IRI"),
    "code": N_("code"),
    "area": N_("area"),
    "match": N_("match"),
    "title": N_("title"),
    "owner": N_("owner"),
    "regions": N_("regions"),
    "generation": N_("generation"),
    "start": N_("start"),
    "end": N_("end"),
    "adopted": N_("adopted"),
    "lead": N_("lead body"),
    "budget": N_("budget"),
    "monitoring": N_("monitoring"),
    "predecessor": N_("predecessor"),
    "source": N_("source"),
    "has_outcomes": N_("outcome areas"),
    "key": N_("key"),
    "name": N_("name"),
    "iri": N_("IRI"),
    "notation": N_("notation"),
    "records": N_("records"),
    "organisations": N_("organisations"),
    "plans": N_("plans"),
    "outcomes": N_("outcomes"),
}
"""A download's column keys and their names for a reader (English downloads keep the keys,
which scripts rely on; a Dutch one names them in Dutch)."""

SEPARATORS = {"comma": ",", "semicolon": ";"}


def separator_for(lang: str, asked: str | None = None) -> str:
    """``;`` for a Dutch reader (a spreadsheet in a Dutch locale splits on it, and reads a
    comma as the decimal mark), ``,`` otherwise; ``asked`` (``comma`` or ``semicolon``)
    overrides."""
    if asked in SEPARATORS:
        return SEPARATORS[asked]
    return ";" if lang == "nl" else ","


def spreadsheet_csv(
    columns: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    *,
    lang: str = "en",
    separator: str = ",",
) -> bytes:
    """A download for people: UTF-8 with a byte-order mark (so that Excel reads it as UTF-8),
    the header in the reader's language, cells separated by ``separator`` and made
    spreadsheet-safe; with ``;`` a decimal number has a decimal comma (``12,5``), as a
    spreadsheet in a Dutch locale reads it."""
    from nap_graph.i18n import language

    with language(lang):
        header = [
            column if lang == "en" else _(COLUMN_NAMES.get(column, column)) for column in columns
        ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = (_cell(row.get(c, "")) for c in columns)
        if separator == ";":
            cells = (c.replace(".", ",") if DECIMAL.fullmatch(c) else c for c in cells)
        writer.writerow([spreadsheet_safe(c) for c in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
