"""The submission model every input format is read into, and the problems found on the way.

:class:`SubmissionRecord` is what a signatory says, in its own terms (outcome codes,
investment types and organisation kind as words). Its JSON Schema is published as
``docs/submission.schema.json``. :class:`ParsedSubmission` adds where each field came from in
the input (line, JSON pointer, CSV row and column), so that problems can be reported there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

StrategicCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]
SubCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+$")]
OutcomeCode = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)?$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100_000)]


class Focus(StrEnum):
    national = "national"
    international = "international"


class Contribution(BaseModel):
    """What the submission says about one outcome (a "Strategic outcome 3:" or
    "Sub-outcome 3.2:" paragraph)."""

    model_config = ConfigDict(extra="forbid")

    outcome: OutcomeCode = Field(description="The outcome code the paragraph is headed by.")
    text: Text = Field(description="The paragraph, without its heading.")


class SubmissionRecord(BaseModel):
    """A signatory's record for a National Action Plan, as the signatory states it."""

    model_config = ConfigDict(extra="forbid", title="nap-graph submission")

    plan: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        default="nld-nap-4", description="The plan's key, e.g. nld-nap-4 for the Dutch NAP 1325-IV."
    )
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        default="en", description="Language of the texts (ISO 639-1)."
    )
    organisation: Text | None = Field(default=None, description="Name of organization/institution.")
    organisation_kind: Text | None = Field(
        default=None, description="Organization details: Government, Civil society, ..."
    )
    organisation_description: Text | None = Field(
        default=None, description="Description of your organization/institution."
    )
    activities_description: Text | None = Field(
        default=None, description="Description of your main WPS related activities."
    )
    strategic_outcomes: list[StrategicCode] = Field(
        default_factory=list, description="Codes of the selected strategic outcomes: 1, 2, ..."
    )
    sub_outcomes: list[SubCode] = Field(
        default_factory=list, description="Codes of the selected sub-outcomes: 3.1, 3.2, ..."
    )
    investment_types: list[Text] = Field(
        default_factory=list, description="Policy, Programmatic and/or Financial."
    )
    contributions: list[Contribution] = Field(
        default_factory=list, description="The Description/comments paragraphs, one per outcome."
    )
    focus_description: Text | None = Field(default=None, description="Country/Region, as text.")
    geographic_focus: list[Focus] = Field(
        default_factory=list, description="national and/or international."
    )
    countries: list[Text] = Field(
        default_factory=list, description="Countries the work is in or for (names or ISO codes)."
    )


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

    def __post_init__(self) -> None:
        """A found value is shown, not echoed whole: at most ``MAX_FOUND`` characters."""
        if self.found is not None and len(self.found) > MAX_FOUND:
            shown = f"{self.found[: MAX_FOUND - 30]}... ({len(self.found):,} characters)"
            object.__setattr__(self, "found", shown)

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
