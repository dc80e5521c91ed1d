"""The submission model every input format is read into, and the problems found on the way.

:class:`SubmissionRecord` is what a signatory says, in its own terms (outcome codes,
investment types and organisation kind as words). Its JSON Schema is published as
``docs/submission.schema.json``. :class:`ParsedSubmission` adds where each field came from in
the input (line, JSON pointer, CSV row and column), so that problems can be reported there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

StrategicCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]
SubCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]
OutcomeCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)?$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100_000)]


T = TypeVar("T")


def _one_as_list(value: object) -> object:
    """Liberal in what it accepts: one value where a list is expected is that list (``"DEIA"``
    for ``["DEIA"]``), and ``null`` is the empty list; a whole number where a code is
    expected is its digits."""
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in items]


Many = Annotated[list[T], BeforeValidator(_one_as_list)]
"""A list field that takes one value as a list of one (docs/submissions.md)."""


def list_field(description: str) -> Any:
    """A list field of a record, empty unless given."""
    return Field(default_factory=list, description=description)


def optional_field(description: str) -> Any:
    """A field of a record that may be left out."""
    return Field(default=None, description=description)


class Focus(StrEnum):
    national = "national"
    international = "international"


class Contribution(BaseModel):
    """What the submission says about one outcome (a "Strategic outcome 3:" or
    "Sub-outcome 3.2:" paragraph)."""

    model_config = ConfigDict(extra="forbid")

    outcome: OutcomeCode = Field(description="The outcome code the paragraph is headed by.")
    text: Text = Field(description="The paragraph, without its heading.")


Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Texts = Text | dict[LanguageCode, Text]
"""A text in the record's language, or texts keyed by language: ``{"en": ..., "nl": ...}``."""
DURATION = re.compile(r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$")


def _duration(value: str) -> str:
    if len(value) < 3 or not DURATION.match(value):
        raise ValueError(
            "expected an ISO 8601 duration such as P3D (three days) or PT4H (four hours), "
            f"found {value!r}"
        )
    return value


Duration = Annotated[
    str,
    AfterValidator(_duration),
    WithJsonSchema({"type": "string", "pattern": DURATION.pattern, "examples": ["P3D"]}),
]


class Quantity(BaseModel):
    """A target (a value aimed for, by a year) or an observed value (a value seen in a year)."""

    model_config = ConfigDict(extra="forbid")

    key: Key | None = Field(
        default=None,
        description="Key of its IRI (id/target/<org>/<key>); default: what is measured, "
        "and the year.",
    )
    label: Texts | None = optional_field("A name for it, e.g. '30% women'.")
    value: Decimal = Field(
        description="The number (at most 30 digits).", examples=[30], max_digits=30
    )
    unit: Text = Field(
        description="'percent' (or '%'), 'number', or a QUDT unit (unit:DAY, "
        "http://qudt.org/vocab/unit/HR).",
        examples=["percent"],
    )
    indicator: Text = Field(
        description="What is measured, as text: a known indicator's name, or a new one.",
        examples=["Participation rate of women in peace missions"],
    )
    year: int | None = Field(
        default=None, ge=1900, le=2200, description="Target: by when. Observed value: when."
    )
    source_text: Text | None = optional_field(
        "The sentence of the record it was read from (drafts)."
    )


class Activity(BaseModel):
    """Something the organisation (or one of its units) does towards the plan's outcomes."""

    model_config = ConfigDict(extra="forbid")

    key: Key | None = optional_field("Key of its IRI (id/activity/<org>/<key>); default: the name.")
    name: Texts = Field(description="What the activity is called.")
    description: Texts | None = optional_field("What it is, in a paragraph.")
    outcomes: Many[OutcomeCode] = list_field("Codes of the outcomes it contributes to: 3, 3.2, ...")
    carried_out_by: Many[Text] = list_field(
        "Who carries it out (names): the organisation (the default) or its units."
    )
    partners: Many[Text] = list_field("Partner organisations, by name (known or new).")
    partner_description: Texts | None = optional_field(
        "Partners described in words, where they are not named."
    )
    partner_countries: Many[Text] = list_field("Countries whose governments it is done with.")
    audience: Many[Text] = list_field("Organisations it is for (names), e.g. a training's.")
    target_groups: Many[Text] = list_field("Who it is for: a known target group, or a new one.")
    activity_types: Many[Text] = list_field("Training, Dialogue, Policy, ... (activity types).")
    mission_types: Many[Text] = list_field("Police, civilian or military mission.")
    purpose_codes: Many[Text] = list_field(
        "OECD DAC purpose codes it is reported under (15180, or the code's name), as in IATI."
    )
    gender_marker: Text | None = optional_field(
        "OECD DAC gender equality marker: 0 not targeted, 1 significant, 2 principal objective."
    )
    geographic_focus: Many[Focus] = list_field("national and/or international.")
    countries: Many[Text] = list_field("Countries or regions it takes place in or for.")
    duration: Duration | None = optional_field("How long one instance lasts (ISO 8601: P3D).")
    frequency: Text | None = optional_field("How often: annual, monthly, quarterly, ...")
    resulted_in: Many[Text] = list_field("Legal instruments it led to (names).")
    reported_in: Many[str] = Field(
        default_factory=list,
        description="Where the record reports it: outcome codes of its paragraphs, or "
        "'record' for the record as a whole. Default: the paragraphs of its outcomes the "
        "record has, else the record.",
    )
    targets: Many[Quantity] = list_field("Values aimed for.")
    observed_values: Many[Quantity] = list_field("Values observed, each with its year.")
    draft: bool = Field(
        default=False, description="True while a drafted activity awaits a person's check."
    )


class SubmissionRecord(BaseModel):
    """A signatory's record for a National Action Plan, as the signatory states it."""

    model_config = ConfigDict(extra="forbid", title="nap-graph submission")

    plan: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        default="nld-nap-4", description="The plan's key, e.g. nld-nap-4 for the Dutch NAP 1325-IV."
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        default="en", description="Language of the texts (ISO 639-1)."
    )
    organisation: Text | None = optional_field("Name of organization/institution.")
    organisation_kind: Text | None = optional_field(
        "Organization details: Government, Civil society, ..."
    )
    organisation_description: Text | None = optional_field(
        "Description of your organization/institution."
    )
    activities_description: Text | None = optional_field(
        "Description of your main WPS related activities."
    )
    strategic_outcomes: Many[StrategicCode] = list_field(
        "Codes of the selected strategic outcomes: 1, 2, ..."
    )
    sub_outcomes: Many[SubCode] = list_field("Codes of the selected sub-outcomes: 3.1, 3.2, ...")
    investment_types: Many[Text] = list_field("Policy, Programmatic and/or Financial.")
    contributions: Many[Contribution] = list_field(
        "The Description/comments paragraphs, one per outcome."
    )
    focus_description: Text | None = optional_field("Country/Region, as text.")
    geographic_focus: Many[Focus] = list_field("national and/or international.")
    countries: Many[Text] = list_field(
        "Countries or regions the work is in or for (names or ISO codes)."
    )
    website: Text | None = optional_field("Website URL of the organisation.")
    activities: Many[Activity] = list_field("What the organisation does towards the outcomes.")


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in the input, in the sender's terms."""

    field: str
    line: int | None = None
    pointer: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        if self.line is not None:
            return f"line {self.line}"
        if self.row is not None:
            return f"row {self.row}" + (f", column {self.column}" if self.column else "")
        if self.pointer is not None:
            return self.pointer or "/"
        return ""


class Severity(StrEnum):
    violation = "violation"
    warning = "warning"
    error = "error"  # the input could not be read at all


MAX_FOUND = 200
"""How much of a found value a problem repeats."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a submission, with where it is and what would be right."""

    severity: Severity
    message: str
    location: Location | None = None
    found: str | None = None
    shape: str | None = None
    focus: str | None = None
    name: str | None = None
    """The checked property's name in the report's language (the shape's ``sh:name``)."""

    def __post_init__(self) -> None:
        """A found value is shown, not echoed whole: at most ``MAX_FOUND`` characters."""
        if self.found is not None and len(self.found) > MAX_FOUND:
            shown = f"{self.found[: MAX_FOUND - 30]}... ({len(self.found):,} characters)"
            object.__setattr__(self, "found", shown)

    @classmethod
    def error(
        cls, message: str, location: Location | None = None, **details: str | None
    ) -> Problem:
        """A problem that makes the input unreadable (``Severity.error``)."""
        return cls(Severity.error, message, location, **details)  # type: ignore[arg-type]

    def as_dict(self, file: str) -> dict[str, str | int | None]:
        loc = self.location
        return {
            "file": file,
            "severity": self.severity.value,
            "field": loc.field if loc else None,
            "line": loc.line if loc else None,
            "pointer": loc.pointer if loc else None,
            "row": loc.row if loc else None,
            "column": loc.column if loc else None,
            "found": self.found,
            "message": self.message,
            "shape": self.shape,
            "focus": self.focus,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The received file: name, media type, bytes."""

    file_name: str
    media_type: str
    sha256: str
    size: int


@dataclass(slots=True)
class ParsedSubmission:
    """A record read from one input, with locations of its fields and warnings so far.

    ``locations`` is keyed by field path: ``organisation``, ``strategic_outcomes[0]``,
    ``contributions[2]``, ...
    """

    record: SubmissionRecord
    source: SourceInfo
    locations: dict[str, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
