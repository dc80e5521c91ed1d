"""The plan model behind the CSV and JSON templates (JSON Schema in docs/plan.schema.json)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from nap_graph.i18n import N_

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
StatedDate = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
    ),
]
"""A year, a month or a day (``2024``, ``2024-03``, ``2024-03-28``): as precise as the plan
states it, never made more precise."""
Language = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
]


class MappingKind(StrEnum):
    """How an outcome area relates to a pillar (SKOS mapping properties)."""

    exact = "exact"
    close = "close"
    broad = "broad"
    related = "related"


class PillarMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pillar: Annotated[str, StringConstraints(pattern=r"^[a-z-]+$")] = Field(
        description=N_(
            "participation, prevention, protection, relief-and-recovery or cross-cutting"
        )
    )
    kind: MappingKind = Field(description=N_("exact, close, broad or related"))


class OutcomeArea(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")] = Field(
        description=N_("The area's number in the plan: 1, 2, 2.1 ...")
    )
    title: Text = Field(description=N_("The area's title in the plan's language."))
    title_en: Text | None = Field(default=None, description=N_("English title (recommended)."))
    title_nl: Text | None = Field(default=None, description=N_("Dutch title (recommended)."))
    parent: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")] | None = (
        Field(default=None, description=N_("The code of the area it is part of (a sub-area)."))
    )
    mappings: list[PillarMapping] = Field(
        default_factory=list,
        description=N_("The UNSCR 1325 pillars it maps onto, and how (CSV: protection:close;...)."),
    )
    source: Text | None = Field(default=None, description=N_("Where its wording comes from."))


class PlanRecord(BaseModel):
    """A National Action Plan and its outcome areas."""

    model_config = ConfigDict(extra="forbid", title="nap-graph plan")

    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description=N_("ISO 3166-1 alpha-3")
    )
    title: Text = Field(description=N_("The plan's own title, in its own language (`language`)."))
    title_en: Text | None = Field(default=None, description=N_("English title (recommended)."))
    title_nl: Text | None = Field(default=None, description=N_("Dutch title (recommended)."))
    language: Language = Field(
        default="en",
        description=N_(
            "The language of `title` and the areas' titles (BCP 47: fr, es, pt-BR ...)."
        ),
    )
    start: StatedDate = Field(description=N_("First year (or month or day) of the plan's period."))
    end: StatedDate | None = Field(
        default=None, description=N_("Last year (or month or day); none: open-ended.")
    )
    number: int | None = Field(
        default=None, ge=1, description=N_("The plan's generation: 1, 2, ... (recommended).")
    )
    coordinator: Text | None = Field(default=None, description=N_("Name of the coordinating body."))
    predecessor: (
        Annotated[str, StringConstraints(pattern=r"^([a-z0-9]+(-[a-z0-9]+)*|https?://\S+)$")] | None
    ) = Field(
        default=None,
        description=N_("The plan it follows up: a key (deu-nap-2) or IRI of a plan in the store."),
    )
    areas: list[OutcomeArea] = Field(default_factory=list)
    sources: list[Text] = Field(
        default_factory=list,
        description=N_("Pages or documents the plan's facts come from (recommended)."),
    )

    @property
    def key(self) -> str:
        suffix = self.number if self.number is not None else self.start[:4]
        return f"{self.country.lower()}-nap-{suffix}"
