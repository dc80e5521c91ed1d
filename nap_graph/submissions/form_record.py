"""A record written in the website's form, as a JSON record (the JSON submission format,
``docs/submission.schema.json``), and the way back from a problem's JSON pointer to the
form field it concerns.

The form's fields are named after the record's: ``organisation``, ``organisation_kind``,
``plan``, ``strategic_outcomes`` and ``sub_outcomes`` (one value per ticked box),
``investment_types``, ``geographic_focus``, ``countries`` (comma-separated), the
descriptions, ``contribution-<code>`` (the paragraph for an outcome), and per activity
``activity-<n>-<field>`` (``name``, ``description``, ``outcomes``, ``partners``,
``partner_countries``, ``target_groups``, ``purpose_codes`` (OECD DAC), ``gender_marker``,
``countries``, and ``target-`` / ``observed-``
``value``, ``unit``, ``indicator``, ``year``)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from nap_graph.submissions.model import Location, Problem
from nap_graph.submissions.plain_errors import field_name, plain_message

LISTS = re.compile(r"\s*[,;\n]\s*")
ACTIVITY_FIELD = re.compile(r"^activity-(\d+)-(.+)$")
TEXT_LISTS = ("partners", "partner_countries", "target_groups", "purpose_codes", "countries")
MAX_ACTIVITIES = 50
FORM_FIELDS = frozenset(
    {
        "organisation",
        "organisation_kind",
        "organisation_description",
        "activities_description",
        "plan",
        "strategic_outcomes",
        "sub_outcomes",
        "investment_types",
        "geographic_focus",
        "countries",
    }
)
"""The record's top-level fields the form has a field for, by the same name."""
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
YEAR = re.compile(r"^\d{4}$")


@dataclass(slots=True)
class FormRecord:
    """The record the form describes, and which form activity each record activity is."""

    record: dict[str, object]
    activity_numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """What the form itself says is wrong (a value that is no number, a year that is no
    year), by form field (``Location.field``): such a value is left out of the record, so
    that the rest is checked too and every problem is shown at once."""

    def json(self) -> bytes:
        return json.dumps(self.record, ensure_ascii=False, indent=2).encode("utf-8")

    def field_of(self, location: Location | None) -> str:
        """The id of the form field a problem's location is about (``""``: the record as a
        whole): by its JSON pointer, else by a top-level field it names (a shape's finding
        about a field the record leaves out, such as ``investment_types``)."""
        if location is None:
            return ""
        found = self.field_for(location.pointer)
        if found:
            return found
        return location.field if location.field in FORM_FIELDS else ""

    def field_for(self, pointer: str | None) -> str | None:
        """The id of the form field a JSON pointer (``/activities/0/partners/1``) is about."""
        if not pointer:
            return None
        parts = pointer.strip("/").split("/")
        head = parts[0]
        if head == "contributions" and len(parts) > 1 and parts[1].isdigit():
            contributions = self.record.get("contributions") or []
            index = int(parts[1])
            if index < len(contributions):  # type: ignore[arg-type]
                return f"contribution-{contributions[index]['outcome']}"  # type: ignore[index]
            return None
        if head == "activities" and len(parts) > 2 and parts[1].isdigit():
            index = int(parts[1])
            if index >= len(self.activity_numbers):
                return None
            number = self.activity_numbers[index]
            name = {"targets": "target", "observed_values": "observed"}.get(parts[2], parts[2])
            return f"activity-{number}-{name}"
        return head


def _items(value: str) -> list[str]:
    return [v for v in LISTS.split(value.strip()) if v]


def _one(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def _quantity(
    form: Mapping[str, Sequence[str]],
    prefix: str,
    loc: tuple[int | str, ...],
    problems: list[Problem],
) -> dict[str, object] | None:
    """The target or observed value of ``prefix`` (``activity-3-target``), or ``None`` when
    it is empty or the form says it is wrong (then a problem for the field ``prefix``)."""
    value = _one(form, f"{prefix}-value")
    indicator = _one(form, f"{prefix}-indicator")
    year = _one(form, f"{prefix}-year")
    if not value and not indicator:
        return None
    wrong = []
    if value and not NUMBER.match(value):
        wrong.append(("value", "decimal_parsing", value))
    if year and not YEAR.match(year):
        wrong.append(("year", "int_parsing", year))
    for name, kind, found in wrong:
        where = (*loc, name)
        message = f"{field_name(where)}: {plain_message({'type': kind, 'loc': where})}."
        problems.append(Problem.error(message, Location(prefix), found=found[:80]))
    if wrong:
        return None
    found_value: dict[str, object] = {
        "value": value.replace(",", ".") if value else value,
        "unit": _one(form, f"{prefix}-unit") or "number",
        "indicator": indicator,
    }
    if year:
        found_value["year"] = int(year)
    return found_value


def activity_numbers(form: Mapping[str, Sequence[str]]) -> list[int]:
    """The numbers of the activities the form has fields for, in order."""
    numbers = {int(m[1]) for key in form if (m := ACTIVITY_FIELD.match(key))}
    return sorted(numbers)[:MAX_ACTIVITIES]


def record_from_form(form: Mapping[str, Sequence[str]]) -> FormRecord:
    """The JSON record of a filled-in form (empty fields left out; an activity without a
    name is left out whole)."""
    record: dict[str, object] = {"plan": _one(form, "plan") or "nld-nap-4"}
    language = _one(form, "language")
    if language:
        record["language"] = language
    organisation = _one(form, "organisation_new") or _one(form, "organisation")
    if organisation:
        record["organisation"] = organisation
    for name in ("organisation_kind", "organisation_description", "activities_description"):
        if _one(form, name):
            record[name] = _one(form, name)
    for name in ("strategic_outcomes", "sub_outcomes", "investment_types", "geographic_focus"):
        values = [v.strip() for v in form.get(name, []) if v.strip()]
        if values:
            record[name] = values
    countries = _items(_one(form, "countries"))
    if countries:
        record["countries"] = countries
    selected = [*record.get("strategic_outcomes", []), *record.get("sub_outcomes", [])]  # type: ignore[misc]
    contributions = [
        {"outcome": code, "text": _one(form, f"contribution-{code}")}
        for code in selected
        if _one(form, f"contribution-{code}")
    ]
    if contributions:
        record["contributions"] = contributions
    activities, numbers = [], []
    problems: list[Problem] = []
    for number in activity_numbers(form):
        prefix = f"activity-{number}"
        name = _one(form, f"{prefix}-name")
        if not name:
            continue
        activity: dict[str, object] = {"name": name}
        if _one(form, f"{prefix}-description"):
            activity["description"] = _one(form, f"{prefix}-description")
        outcomes = _items(_one(form, f"{prefix}-outcomes").replace(" ", ","))
        if outcomes:
            activity["outcomes"] = outcomes
        for key in TEXT_LISTS:
            values = _items(_one(form, f"{prefix}-{key}"))
            if values:
                activity[key] = values
        if _one(form, f"{prefix}-gender_marker"):
            activity["gender_marker"] = _one(form, f"{prefix}-gender_marker")
        for key, prefix_of in (("targets", "target"), ("observed_values", "observed")):
            loc = ("activities", len(activities), key, 0)
            quantity = _quantity(form, f"{prefix}-{prefix_of}", loc, problems)
            if quantity is not None:
                activity[key] = [quantity]
        activities.append(activity)
        numbers.append(number)
    if activities:
        record["activities"] = activities
    return FormRecord(record, numbers, problems)
