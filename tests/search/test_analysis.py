"""Texts and queries as search terms (nap_graph.search.analysis): stems in English and
Dutch, compounds both ways, queries that can never inject FTS5 syntax, safe snippets."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from nap_graph.search.analysis import (
    fold,
    forms,
    index_terms,
    match_expression,
    snippet,
)


def _matches(text: str, query: str) -> bool:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(terms)")
    db.execute("INSERT INTO t VALUES (?)", (index_terms(text),))
    expression = match_expression(query)
    return expression is not None and bool(
        db.execute("SELECT 1 FROM t WHERE t MATCH ?", (expression,)).fetchall()
    )


def test_words_are_folded_and_stemmed_in_both_languages() -> None:
    assert fold("Één Coördinatie") == "een coordinatie"
    assert "train" in forms("trainings")  # English stem
    assert "politiemedewerker" in forms("politiemedewerkers")  # Dutch stem


def test_compounds_match_both_ways() -> None:
    assert _matches("a three-day gender training for staff", "gendertraining")
    assert _matches("de driedaagse gendertraining", "gender training")
    assert _matches("Three-day gender trainings", "gender training")


def test_every_word_must_match() -> None:
    assert _matches("gender training for police", "police training")
    assert not _matches("gender training for police", "military training")


def test_query_syntax_of_the_user_is_never_fts5_syntax() -> None:
    for query in ['"', "gender OR", "NEAR(a b)", "a*", "-x", "col:value", "(", "AND"]:
        expression = match_expression(query)
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(terms)")
        if expression is not None:
            db.execute("SELECT 1 FROM t WHERE t MATCH ?", (expression,)).fetchall()
    assert match_expression("   ...   ") is None


@given(st.text(max_size=80))
def test_any_query_is_valid_fts5(query: str) -> None:
    expression = match_expression(query)
    if expression is not None:
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(terms)")
        db.execute("SELECT 1 FROM t WHERE t MATCH ?", (expression,)).fetchall()


@given(st.text(max_size=200), st.text(max_size=30))
def test_snippets_escape_everything_but_their_marks(text: str, query: str) -> None:
    shown = snippet(text, query)
    plain = shown.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in plain and ">" not in plain


def test_snippet_marks_the_matching_words() -> None:
    shown = snippet("All staff take a three-day gender training <b>now</b>", "gendertraining")
    assert "<mark>gender training</mark>" in shown
    assert "&lt;b&gt;" in shown
