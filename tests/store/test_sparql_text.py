"""The SPARQL text rewrites as tables of cases; each rewritten text must also parse in
Oxigraph. Before: using-graph-uri corrupted DELETE WHERE, sub-SELECTs and variables named
?where; bindings broke CONSTRUCT WHERE; variables named like keywords misled the scanner."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from nap_graph.store.sparql_text import add_using, bind_values, query_form

G = ["http://g"]


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "DELETE WHERE { ?s ?p ?o }",
            "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }",
        ),
        (
            "DELETE { ?s ?p ?o } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } ?s ?p ?o }",
            "DELETE { ?s ?p ?o } USING <http://g> WHERE { { SELECT ?s WHERE { ?s ?p ?o } } ?s ?p ?o }",
        ),
        (
            "INSERT { ?where <http://p> 1 } WHERE { ?where ?p ?o }",
            "INSERT { ?where <http://p> 1 } USING <http://g> WHERE { ?where ?p ?o }",
        ),
        (
            "DELETE WHERE { ?a ?b ?c } ; DELETE WHERE { ?d ?e ?f }",
            "DELETE { ?a ?b ?c } USING <http://g> WHERE { ?a ?b ?c } ; "
            "DELETE { ?d ?e ?f } USING <http://g> WHERE { ?d ?e ?f }",
        ),
        ("INSERT DATA { <http://a> <http://b> 1 }", "INSERT DATA { <http://a> <http://b> 1 }"),
    ],
)
def test_using_graph_uri(update: str, expected: str) -> None:
    rewritten = add_using(update, G, [])
    assert rewritten == expected
    ox.Store().update(rewritten)


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://h> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://h> WHERE { ?s ?p ?o }",
    ],
)
def test_using_graph_uri_with_a_using_or_with_clause_is_refused(update: str) -> None:
    with pytest.raises(ValueError, match="do not also send using-graph-uri"):
        add_using(update, G, [])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "CONSTRUCT WHERE { ?x ?p ?o }",
            "CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x) { (<http://a>) }  ?x ?p ?o }",
        ),
        (
            "SELECT ?where WHERE { ?where ?p ?x }",
            "SELECT ?where WHERE { VALUES (?x) { (<http://a>) }  ?where ?p ?x }",
        ),
        (
            "CONSTRUCT { ?x <http://p> ?o } WHERE { ?x ?p ?o }",
            "CONSTRUCT { ?x <http://p> ?o } WHERE { VALUES (?x) { (<http://a>) }  ?x ?p ?o }",
        ),
    ],
)
def test_bindings(query: str, expected: str) -> None:
    bound = bind_values(query, {"x": ox.NamedNode("http://a")})
    assert bound == expected
    ox.Store().query(bound)


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX ex: <http://x/> SELECT ?ask WHERE { ?ask ex:construct ?o }", "SELECT"),
        ("# SELECT\r\nASK { ?s ?p ?o }", "ASK"),
        ("BASE <http://b/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ],
)
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


def test_bind_update_values_binds_every_operation_with_a_where_clause() -> None:
    import pyoxigraph as ox

    from nap_graph.store.sparql_text import bind_update_values

    update = (
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?q ?x } } } ;\n"
        'INSERT DATA { <http://x/a> <http://x/b> "WHERE { }" } ;\n'
        "INSERT { ?s <http://x/c> ?v } WHERE { }"
    )
    bound = bind_update_values(update, {"s": ox.NamedNode("http://x/s"), "v": None})
    assert bound.count("VALUES (?s ?v) { (<http://x/s> UNDEF) }") == 2
    assert "SELECT ?s WHERE { ?s ?q ?x }" in bound  # a sub-SELECT's WHERE is left alone
    assert 'INSERT DATA { <http://x/a> <http://x/b> "WHERE { }" }' in bound
    store = ox.Store()
    store.update(bound)  # still one valid update


def test_with_terms_puts_the_term_everywhere_the_variable_is_and_nowhere_else() -> None:
    """Subqueries and UNION branches get the constant (a VALUES row would not reach a
    subquery); strings, IRIs, comments and longer variable names are left alone; the term
    is escaped by pyoxigraph."""
    from nap_graph.store.sparql_text import with_terms

    query = (
        "SELECT ?x { { SELECT ?x { ?x ?p $r } LIMIT 2 } UNION { ?r ?q ?x } "
        'FILTER (?x != "?r") ?rr <http://x/?r> ?x } # ?r'
    )
    term = ox.NamedNode("http://example.org/a")
    done = with_terms(query, {"r": term})
    assert done.count("<http://example.org/a>") == 2
    assert '"?r"' in done and "?rr" in done and "<http://x/?r>" in done and "# ?r" in done
    literal = with_terms("SELECT ?s { ?s ?p ?v }", {"v": ox.Literal('say "hi"\n')})
    assert literal == 'SELECT ?s { ?s ?p "say \\"hi\\"\\n" }'
    result = ox.Store().query(with_terms("SELECT ?s { { SELECT ?s { ?s ?p ?v } } }", {"v": term}))
    assert list(result) == []  # still a query the engine takes
