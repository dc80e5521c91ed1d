"""SPARQL text built from terms, never from raw strings: every IRI and literal is written in
its N-Triples form by pyoxigraph (escaped), so no value can change the query's meaning."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from nap_graph.store.results import Term

Binding = Term | Sequence[Term] | None
"""What a variable is bound to: a term, a list of terms (one VALUES row each), or UNDEF."""


def triples_text(triples: Iterable[ox.Triple]) -> str:
    """Triples in N-Triples syntax, one per line (valid inside INSERT DATA / DELETE DATA)."""
    return "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)


def graph_block(graph: str | None, triples: Iterable[ox.Triple]) -> str:
    """``GRAPH <g> { ... }`` (or the bare triples for the default graph)."""
    body = triples_text(triples)
    return body if graph is None else f"GRAPH {ox.NamedNode(graph)} {{\n{body}\n}}"


def insert_data(graphs: Mapping[str | None, Iterable[ox.Triple]]) -> str:
    """One ``INSERT DATA`` operation for triples in several graphs."""
    blocks = "\n".join(graph_block(g, ts) for g, ts in graphs.items())
    return f"INSERT DATA {{\n{blocks}\n}}"


def values_block(bindings: Mapping[str, Binding]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for one row of bindings; a variable bound to a list
    of terms gives one row per term (``VALUES (?x) { (<a>) (<b>) }``; at most one such).

    >>> import pyoxigraph as ox
    >>> values_block({"x": [ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")]})
    'VALUES (?x) { (<http://x/a>) (<http://x/b>) }'
    >>> values_block({"s": ox.Literal("hi"), "o": None})
    'VALUES (?s ?o) { ("hi" UNDEF) }'
    """
    names = " ".join(f"?{ox.Variable(name).value}" for name in bindings)
    lists = [k for k, v in bindings.items() if isinstance(v, list | tuple)]
    if len(lists) > 1:
        raise ValueError(f"at most one variable can be bound to a list; found {lists}")
    rows: list[list[str]] = [[]]
    for value in bindings.values():
        if isinstance(value, list | tuple):
            rows = [[*row, str(term)] for row in rows for term in value]
        else:
            rows = [[*row, "UNDEF" if value is None else str(value)] for row in rows]
    body = " ".join(f"({' '.join(row)})" for row in rows)
    return f"VALUES ({names}) {{ {body} }}"


def replace_graph(graph: str | None, triples: Iterable[ox.Triple]) -> str:
    """``DROP SILENT <g> ; INSERT DATA { ... }``: one update that replaces a graph."""
    target = "DEFAULT" if graph is None else f"GRAPH {ox.NamedNode(graph)}"
    return f"DROP SILENT {target} ;\nINSERT DATA {{ {graph_block(graph, triples)} }}"


def drop_graph(graph: str | None) -> str:
    """``DROP SILENT <g>`` (or the default graph)."""
    return f"DROP SILENT {'DEFAULT' if graph is None else f'GRAPH {ox.NamedNode(graph)}'}"


_TOKEN = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\r\n]*"
    r"|[?$][\w\u00b7\u00c0-\uffff]+"
    r"|(?:[A-Za-z\u00c0-\uffff][\w.\-\u00c0-\uffff]*)?:(?:[\w.\-:%\u00c0-\uffff]|\\.)*)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<brace>[{}])"
)


def _scan(query: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, token) for every keyword (upper-cased) and brace of a query, skipping
    strings, IRIs, comments, variables (``?where``) and prefixed names (``ex:where``), so
    that text inside them is never mistaken for syntax. One
    regular expression does the walk (in C): at each position it tries a string, IRI or
    comment first, then a word, then a brace, and moves on by one character otherwise."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind == "word":
            yield match.start(), match.end(), match.group().upper()
        elif kind == "brace":
            yield match.start(), match.end(), match.group()


def _block_end(query: str, start: int) -> int:
    """The index just past the ``}`` that closes the ``{`` at ``start``."""
    depth = 0
    for position, end, token in _scan(query[start:]):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return start + end
        del position
    raise ValueError("a '{' is never closed")


def _expand_short_form(query: str, keyword: str) -> str:
    """``CONSTRUCT WHERE { P }`` as ``CONSTRUCT { P } WHERE { P }`` (and the same for every
    ``DELETE WHERE``): the long form means the same and takes a VALUES row or USING."""
    while True:
        expanded = _expand_first(query, keyword)
        if expanded == query:
            return query
        query = expanded


def _expand_first(query: str, keyword: str) -> str:
    previous = None
    for start, _end, token in _scan(query):
        if token == "WHERE" and previous is not None and previous[2] == keyword:
            brace = next((b for b, _e, t in _scan(query[start:]) if t == "{"), None)
            if brace is None:
                return query
            open_at = start + brace
            close_at = _block_end(query, open_at)
            block = query[open_at:close_at]
            return query[:start] + block + " WHERE " + block + query[close_at:]
        previous = (start, _end, token)
    return query


def with_terms(query: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with every occurrence of the named variables (``?resource``) replaced by
    its term, written in N-Triples form by pyoxigraph (escaped): a constant the engine plans
    with everywhere, in subqueries and UNION branches too. A VALUES row binds a variable
    outside subqueries only (SPARQL 1.1, 18.2.1: a subquery is evaluated on its own), and
    Oxigraph does not carry it into UNION branches (an organisation page's activities took
    0.8 s at a million triples that way, 8 ms with the constant). For our own queries whose
    variables are never projected; strings, IRIs and comments are left alone.

    >>> with_terms('SELECT ?s { ?s ?p ?r } # ?r', {"r": ox.NamedNode("http://x/a")})
    'SELECT ?s { ?s ?p <http://x/a> } # ?r'
    """
    out, last = [], 0
    for match in _TOKEN.finditer(query):
        text = match.group()
        if text[0] in "?$" and text[1:] in terms:
            out += [query[last : match.start()], str(terms[text[1:]])]
            last = match.end()
    return "".join(out) + query[last:]


def bind_values(query: str, bindings: Mapping[str, Binding]) -> str:
    """The query with a ``VALUES`` row for ``bindings`` at the start of its WHERE clause.

    This binds variables on every server: a trailing VALUES clause is valid SPARQL too, but
    Virtuoso only applies it to projected variables, and pyoxigraph's own substitutions only
    bind projected variables. The bound terms are written in their escaped N-Triples form.
    ``CONSTRUCT WHERE { P }`` is written in its long form first (the short form allows
    triple patterns only).
    """
    if not bindings:
        return query
    query = _expand_short_form(query, "CONSTRUCT")
    in_template = False  # inside CONSTRUCT { ... } before WHERE
    depth = 0
    for start, _end, token in _scan(query):
        if token == "CONSTRUCT":
            in_template = True
        elif token == "WHERE":
            in_template = False
        elif token == "{" and not in_template and depth == 0:
            return f"{query[: start + 1]} {values_block(bindings)} {query[start + 1 :]}"
        elif token in "{}" and in_template:
            depth += 1 if token == "{" else -1
            if depth == 0:
                in_template = False
    raise ValueError("cannot bind values: the query has no WHERE clause")


def add_using(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """The update with ``USING <g>`` / ``USING NAMED <g>`` before the WHERE clause of every
    operation: what the protocol's ``using-graph-uri`` and ``using-named-graph-uri``
    parameters mean (SPARQL 1.1 Protocol, 2.2.3). Only a WHERE outside any braces is an
    operation's (one inside a sub-SELECT is not); ``DELETE WHERE { P }`` is written as
    ``DELETE { P } WHERE { P }`` first. An update with USING or WITH clauses of its own is
    refused, as the protocol requires."""
    if not using and not using_named:
        return update
    clause = " ".join(
        [f"USING {ox.NamedNode(g)}" for g in using]
        + [f"USING NAMED {ox.NamedNode(g)}" for g in using_named]
    )
    update = _expand_short_form(update, "DELETE")
    out: list[str] = []
    last = 0
    depth = 0
    for start, _end, token in _scan(update):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token in ("USING", "WITH"):
            raise ValueError(
                f"the update has {token} clauses: do not also send using-graph-uri or "
                "using-named-graph-uri"
            )
        elif depth == 0 and token == "WHERE":
            out.append(update[last:start])
            out.append(f"{clause} ")
            last = start
    out.append(update[last:])
    return "".join(out)


def bind_update_values(update: str, bindings: Mapping[str, Binding]) -> str:
    """The update with a ``VALUES`` row for ``bindings`` at the start of the WHERE clause of
    every operation that has one (the way :func:`bind_values` binds a query's); operations
    without a WHERE clause (``INSERT DATA``) are left as they are. ``DELETE WHERE { P }`` is
    written in its long form first."""
    if not bindings:
        return update
    block = values_block(bindings)
    update = _expand_short_form(update, "DELETE")
    out: list[str] = []
    last = 0
    depth = 0
    after_where = False
    for start, _end, token in _scan(update):
        if token == "{":
            if depth == 0 and after_where:
                out.append(update[last : start + 1])
                out.append(f" {block} ")
                last = start + 1
                after_where = False
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token == "WHERE":
            after_where = True
    out.append(update[last:])
    return "".join(out)


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


_PROLOGUE_THEN_FORM = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^<>\s]*>|PREFIX\s*[^\s:<>#]*:\s*<[^<>\s]*>)*"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![A-Za-z])",
    re.IGNORECASE,
)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query keyword outside the prologue
    (SELECT when there is none, so that the parser gives the error). A prologue of PREFIX
    and BASE declarations and comments is skipped in one match (a third of the full scan's
    time on the project's 20-prefix prologue); anything else gets the full scan."""
    plain = _PROLOGUE_THEN_FORM.match(sparql)
    if plain is not None:
        return plain.group(1).upper()
    for _start, _end, token in _scan(sparql):
        if token in QUERY_FORMS:
            return token
    return "SELECT"
