"""Framed JSON-LD: a plan (with its period, framework and outcome areas nested) or a
submission (with its contributions nested) as one JSON tree with plain keys, for web
developers who do not want to know RDF. Uses the context of :mod:`nap_graph.jsonld_context`
and pyld's framing (JSON-LD 1.1 Framing)."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from pyld import jsonld

from nap_graph import queries
from nap_graph.jsonld_context import context
from nap_graph.store.protocol import Queryable


def _expanded(triples: list[ox.Triple]) -> list[dict[str, Any]]:
    nquads = ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=ox.RdfFormat.N_QUADS
    )
    return jsonld.from_rdf(
        (nquads or b"").decode("utf-8"), {"format": "application/n-quads", "useNativeTypes": False}
    )  # type: ignore[no-any-return]


def _frame(
    triples: list[ox.Triple], root: str, embedded: dict[str, Any], context_url: str
) -> dict[str, Any]:
    frame = {"@context": context()["@context"], "@id": root, "@embed": "@always", **embedded}
    framed: dict[str, Any] = jsonld.frame(
        _expanded(triples), frame, {"omitGraph": True, "embed": "@always"}
    )
    framed["@context"] = context_url
    return framed


def plan_triples(store: Queryable, plan: str, graphs: list[str] | None = None) -> list[ox.Triple]:
    """The plan, its period, its framework and its outcome areas."""
    result = store.query(
        queries.load("plan-description.rq"),
        bindings={"plan": ox.NamedNode(plan)},
        default_graphs=graphs,
    )
    return result if isinstance(result, list) else []


def submission_triples(
    store: Queryable, submission: str, graphs: list[str] | None = None
) -> list[ox.Triple]:
    """The submission and its contributions."""
    result = store.query(
        queries.load("submission-description.rq"),
        bindings={"submission": ox.NamedNode(submission)},
        default_graphs=graphs,
    )
    return result if isinstance(result, list) else []


def framed_plan(
    triples: list[ox.Triple], plan: str, context_url: str = "/context.jsonld"
) -> dict[str, Any]:
    """``{"id": plan, "prefLabel": {...}, "outcomeFramework": {"hasTopConcept": [...]}, ...}``"""
    return _frame(
        triples, plan, {"outcomeFramework": {"hasTopConcept": {"narrower": {}}}}, context_url
    )


def framed_submission(
    triples: list[ox.Triple], submission: str, context_url: str = "/context.jsonld"
) -> dict[str, Any]:
    """``{"id": submission, "hasContribution": [{"aboutOutcome": ..., "statement": ...}], ...}``"""
    return _frame(triples, submission, {"versionOf": {}}, context_url)


def to_triples(document: dict[str, Any]) -> list[ox.Triple]:
    """A framed document back to triples (its context inlined): for round trips."""
    inline = dict(document)
    inline["@context"] = context()["@context"]
    nquads = jsonld.to_rdf(json.loads(json.dumps(inline)), {"format": "application/n-quads"})
    return [q.triple for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)]
