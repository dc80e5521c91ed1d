"""What the record form offers to choose from, read from the store: known organisations,
kinds of organisation, investment types, target groups, countries (each with its English
name, which the record carries, and its name in the reader's language), and the plan's
outcomes with their titles (``queries/form-choices.rq``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from nap_graph import queries
from nap_graph.coverage import Outcome, plan_outcomes
from nap_graph.i18n import DEFAULT
from nap_graph.store.protocol import Queryable
from nap_graph.store.results import SelectResult


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    """The English name: what the record says."""
    shown: str
    """The name in the reader's language."""


@dataclass(frozen=True, slots=True)
class FormChoices:
    lists: dict[str, list[Choice]]
    outcomes: list[Outcome]

    def strategic(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.strategic]

    def under(self, parent: Outcome) -> list[Outcome]:
        return [
            o
            for o in self.outcomes
            if not o.strategic and o.notation.split(".")[0] == parent.notation
        ]


def form_choices(
    store: Queryable,
    plan: str,
    *,
    graphs: Sequence[str] | None = None,
    lang: str = DEFAULT,
) -> FormChoices:
    result = store.query(
        queries.load("form-choices.rq"), bindings={"lang": ox.Literal(lang)}, default_graphs=graphs
    )
    lists: dict[str, dict[str, Choice]] = {}
    for row in result.rows if isinstance(result, SelectResult) else []:
        choice = Choice(row["english"].value, row["shown"].value)
        lists.setdefault(row["list"].value, {})[row["item"].value] = choice
    ordered = {
        name: sorted(items.values(), key=lambda c: c.shown.casefold())
        for name, items in lists.items()
    }
    return FormChoices(ordered, plan_outcomes(store, plan, graphs=graphs, lang=lang))
