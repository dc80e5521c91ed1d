"""Agents known only by a name: who sent a record, reverted a version, linked an organisation
or curated a record when no organisation the store knows stands behind the name. Each is a
``prov:Agent`` with its name (``foaf:name``), so that ``dcterms:creator``,
``prov:wasAttributedTo`` and ``prov:wasAssociatedWith`` always name an agent, never a string
(docs/model.md, "Ontology decisions")."""

from __future__ import annotations

import pyoxigraph as ox

from nap_graph import iris
from nap_graph.terms import FOAF, PROV, RDF


def named_agent(name: str) -> ox.NamedNode:
    """The agent's IRI (:func:`nap_graph.iris.named_agent_iri`)."""
    return ox.NamedNode(iris.named_agent_iri(name))


def agent_triples(name: str) -> list[ox.Triple]:
    """What the store states of the agent named ``name``: its class and its name."""
    agent = named_agent(name)
    return [
        ox.Triple(agent, RDF.type, PROV.Agent),
        ox.Triple(agent, FOAF.name, ox.Literal(name)),
    ]
