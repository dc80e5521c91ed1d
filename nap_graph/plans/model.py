"""The plan model behind the CSV and JSON templates (JSON Schema in docs/plan.schema.json)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]


class MappingKind(StrEnum):
    """How an outcome area relates to a pillar (SKOS mapping properties)."""

    exact = "exact"
    close = "close"
    broad = "broad"
    related = "related"


class PillarMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pillar: Annotated[str, StringConstraints(pattern=r"^[a-z-]+$")] = Field(
        description="participation, prevention, protection, relief-and-recovery or cross-cutting"
    )
    kind: MappingKind = Field(description="exact, close, broad or related")


class OutcomeArea(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")]
    title: Text
    title_nl: Text | None = Field(default=None, description="Dutch title (recommended).")
    parent: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")] | None = (
        None
    )
    mappings: list[PillarMapping] = Field(default_factory=list)
    source: Text | None = None


class PlanRecord(BaseModel):
    """A National Action Plan and its outcome areas."""

    model_config = ConfigDict(extra="forbid", title="nap-graph plan")

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 3166-1 alpha-3"
    )
    title: Text
    title_nl: Text | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = "en"
    start: date
    end: date | None = None
    number: int | None = Field(default=None, ge=1, description="The plan's ordinal, where known.")
    coordinator: Text | None = Field(default=None, description="Name of the coordinating body.")
    predecessor: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] | None = (
        Field(default=None, description="Key of the plan it follows up, e.g. deu-nap-2017.")
    )
    areas: list[OutcomeArea] = Field(default_factory=list)
    sources: list[Text] = Field(default_factory=list)

    @property
    def key(self) -> str:
        suffix = self.number if self.number is not None else self.start.year
        return f"{self.country.lower()}-nap-{suffix}"
