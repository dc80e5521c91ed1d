"""Writing a graph as stable, readable Turtle: subjects in order, one block each, their
blank nodes inline (``[ ... ]``), so that rebuilding from the same input gives the same bytes
and a change to the input shows as a small diff."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from nap_graph.namespaces import PREFIXES
from nap_graph.terms import RDF, Triples

SHOWN_PREFIXES = (
    "wps",
    "skos",
    "dcterms",
    "dcat",
    "org",
    "xsd",
    "plan",
    "organisation",
    "kind",
    "provision",
    "region",
    "country",
)


def _prefixes() -> dict[str, str]:
    from nap_graph.iris import COUNTRY_AUTHORITY, id_prefix

    known = dict(PREFIXES)
    known.update(
        plan=id_prefix("plan"),
        organisation=id_prefix("organisation"),
        kind=id_prefix("organisation-kind"),
        provision=id_prefix("provision"),
        region=id_prefix("region"),
        country=COUNTRY_AUTHORITY,
    )
    return {p: known[p] for p in SHOWN_PREFIXES}


def _term(term: ox.NamedNode | ox.Literal, prefixes: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, base in prefixes.items():
            local = term.value.removeprefix(base)
            plain = local != term.value and local and all(c.isalnum() or c in "-_" for c in local)
            if plain and (local[0].isalpha() or prefix in ("plan", "organisation", "sdg")):
                return f"{prefix}:{local}"
        return str(term)
    if isinstance(term, ox.Literal) and term.datatype.value.startswith(prefixes["xsd"]):
        if term.datatype.value.endswith("#string") or term.language:
            return str(term)
        return f'"{term.value}"^^xsd:{term.datatype.value.removeprefix(prefixes["xsd"])}'
    return str(term)


def stable_turtle(
    graph: Triples, header: str, *, extra_prefixes: dict[str, str] | None = None
) -> str:
    """``graph`` as Turtle after the ``header`` comment lines; blank nodes must be the
    object of exactly one triple (they are written inside it)."""
    prefixes = _prefixes() | (extra_prefixes or {})
    by_subject: dict[ox.NamedNode | ox.BlankNode, dict[ox.NamedNode, list]] = defaultdict(
        lambda: defaultdict(list)
    )
    for t in graph:
        by_subject[t.subject][t.predicate].append(t.object)

    def body(subject: ox.NamedNode | ox.BlankNode, indent: str) -> list[str]:
        lines = []
        predicates = sorted(by_subject[subject], key=lambda p: (p != RDF.type, p.value))
        for p in predicates:
            objects = sorted(by_subject[subject][p], key=lambda o: (str(type(o)), str(o)))
            shown = []
            for o in objects:
                if isinstance(o, ox.BlankNode):
                    inner = "; ".join(body(o, "")).replace("\n", " ")
                    shown.append(f"[ {inner} ]")
                else:
                    shown.append(_term(o, prefixes))
            name = "a" if p == RDF.type else _term(p, prefixes)
            lines.append(f"{indent}{name} {' , '.join(shown)}")
        return lines

    out = [*(f"# {line}".rstrip() for line in header.splitlines())]
    out += [f"@prefix {p}: <{base}> ." for p, base in prefixes.items()]
    named = sorted((s for s in by_subject if isinstance(s, ox.NamedNode)), key=lambda s: s.value)
    for subject in named:
        lines = body(subject, "    ")
        out.append("")
        out.append(f"{_term(subject, prefixes)}\n" + " ;\n".join(lines) + " .")
    return "\n".join(out) + "\n"
