"""Checking a plan as sent (CSV, JSON, Turtle or JSON-LD bytes) against the store it would
go into: the one check ``nap-graph import-plan``, ``POST /plans`` and the import page run
before :meth:`~nap_graph.workspace.Workspace.import_plan` stores it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nap_graph.errors import PlanReadError
from nap_graph.plans.importing import PlanGraph, check_plan, check_plan_graph, plan_from_rdf
from nap_graph.plans.reading import read_plan
from nap_graph.store.protocol import Queryable
from nap_graph.submissions.model import Problem, Severity
from nap_graph.world.plans import world_plans

RDF_SUFFIXES = (".ttl", ".jsonld")


@dataclass(slots=True)
class PlanCheck:
    """What a check found: the plan's graph when it could be read, every problem."""

    name: str
    built: PlanGraph | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.built is not None

    @property
    def storable(self) -> bool:
        return self.built is not None and not any(
            p.severity is not Severity.warning for p in self.problems
        )


def check_plan_bytes(data: bytes, name: str, store: Queryable) -> PlanCheck:
    """Read and check a plan; the predecessor is looked up among ``store``'s plans."""
    try:
        if Path(name).suffix.lower() in RDF_SUFFIXES:
            built = plan_from_rdf(data, name)
            return PlanCheck(name, built, check_plan_graph(built))
        record, locations = read_plan(data, name)
    except PlanReadError as exc:
        return PlanCheck(name, None, list(exc.problems))
    known = {row.plan for row in world_plans(store)}
    built, problems = check_plan(record, locations, known)
    return PlanCheck(name, built, problems)
