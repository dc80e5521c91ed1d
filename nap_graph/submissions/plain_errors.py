"""Pydantic's validation errors in plain words, in the reader's language (docs/i18n.md): "Activity
1, target 1, value: enter a number, for example 20." rather than
"activities[0].targets[0].value: Input should be a valid decimal". The field is named as the
form and the templates name it; the machine path stays in the problem's location."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from nap_graph.i18n import N_
from nap_graph.i18n import gettext as _

FIELD_NAMES = {
    "plan": N_("plan"),
    "language": N_("language"),
    "organisation": N_("organisation"),
    "organisation_kind": N_("kind of organisation"),
    "organisation_description": N_("description of the organisation"),
    "activities_description": N_("description of the activities"),
    "strategic_outcomes": N_("strategic outcomes"),
    "sub_outcomes": N_("sub-outcomes"),
    "investment_types": N_("kinds of investment"),
    "contributions": N_("paragraph"),
    "focus_description": N_("country or region"),
    "geographic_focus": N_("focus"),
    "countries": N_("countries"),
    "website": N_("website"),
    "activities": N_("activity"),
    "key": N_("key"),
    "name": N_("name"),
    "description": N_("description"),
    "outcomes": N_("outcomes"),
    "outcome": N_("outcome"),
    "text": N_("text"),
    "carried_out_by": N_("carried out by"),
    "partners": N_("partners"),
    "partner_description": N_("description of the partners"),
    "partner_countries": N_("partner countries"),
    "audience": N_("audience"),
    "target_groups": N_("target groups"),
    "activity_types": N_("kinds of activity"),
    "mission_types": N_("kinds of mission"),
    "purpose_codes": N_("purpose codes"),
    "gender_marker": N_("gender equality marker"),
    "duration": N_("duration"),
    "frequency": N_("frequency"),
    "resulted_in": N_("resulted in"),
    "reported_in": N_("reported in"),
    "targets": N_("target"),
    "observed_values": N_("observed value"),
    "label": N_("name"),
    "value": N_("value"),
    "unit": N_("unit"),
    "indicator": N_("what is measured"),
    "year": N_("year"),
    "source_text": N_("source text"),
    "draft": N_("draft"),
}
NUMBERS = {
    "decimal_parsing",
    "decimal_type",
    "float_parsing",
    "float_type",
    "int_parsing",
    "int_type",
    "int_from_float",
    "finite_number",
}


def field_name(loc: Sequence[int | str]) -> str:
    """``('activities', 0, 'targets', 0, 'value')`` -> ``Activity 1, target 1, value`` (in the
    reader's language); ``""`` for the document as a whole."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            if parts:
                parts[-1] = f"{parts[-1]} {part + 1}"
            continue
        name = FIELD_NAMES.get(part)
        parts.append(_(name) if name else part)
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _expected(context: Mapping[str, Any]) -> str:
    expected = str(context.get("expected", ""))
    return expected.replace("'", "")


def plain_message(error: Mapping[str, Any]) -> str:
    """What is wrong, in plain words (without the field's name)."""
    kind = str(error.get("type", ""))
    context: Mapping[str, Any] = error.get("ctx") or {}
    loc = tuple(error.get("loc", ()))
    last = loc[-1] if loc else ""
    if kind in NUMBERS:
        if last == "year":
            return _("enter a year, for example 2025")
        return _("enter a number, for example 20")
    if kind in {"decimal_max_digits", "decimal_whole_digits"}:
        return _("enter a number of at most {limit} digits").format(
            limit=context.get("max_digits", context.get("whole_digits", ""))
        )
    if kind == "decimal_max_places":
        return _("enter a number with at most {limit} decimals").format(
            limit=context.get("decimal_places", "")
        )
    if kind == "missing":
        return _("fill this in")
    if kind in {"string_too_long", "too_long"}:
        return _("too long: at most {limit} characters").format(limit=context.get("max_length", ""))
    if kind in {"string_too_short", "too_short"}:
        return _("fill this in")
    if kind in {"greater_than", "greater_than_equal"}:
        return _("enter a number of at least {limit}").format(
            limit=context.get("gt", context.get("ge", ""))
        )
    if kind in {"less_than", "less_than_equal"}:
        return _("enter a number of at most {limit}").format(
            limit=context.get("lt", context.get("le", ""))
        )
    if kind in {"enum", "literal_error"}:
        return _("choose one of: {choices}").format(choices=_expected(context))
    if kind == "string_pattern_mismatch":
        return _("not in the expected form")
    if kind == "extra_forbidden":
        return _("a record has no such field; check its spelling")
    if kind in {"string_type", "str_type"}:
        return _("enter text")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("give a list")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _("give the fields of a record")
    if kind in {"bool_type", "bool_parsing"}:
        return _("enter true or false")
    message = str(error.get("msg", ""))
    return message.removeprefix("Value error, ")


def plain_error(error: Mapping[str, Any]) -> str:
    """The field's name and what is wrong with it: ``Activity 1, target 1, value: enter a
    number, for example 20.``"""
    name = field_name(tuple(error.get("loc", ())))
    message = plain_message(error)
    text = f"{name}: {message}" if name else message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


PATH_PART = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")
RECORD_LEVEL = frozenset({"", "submission", "file", "document", "record"})
MODEL_PATH = re.compile(r"[a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*")


def field_label(path: str) -> str:
    """A problem's field path as the reader's words: ``activities[0].outcomes[1]`` ->
    ``Activity 1, outcomes 2``; ``""`` for the record as a whole (``submission``, ``file``);
    anything that is no model path (the sender's own question, "Sub-outcome 3") as it is."""
    if path in RECORD_LEVEL:
        return ""
    if not MODEL_PATH.fullmatch(path):
        return path
    loc: list[int | str] = []
    for name, index in PATH_PART.findall(path):
        loc.append(int(index) if index else name)
    return field_name(loc)
