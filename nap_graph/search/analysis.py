"""Texts and queries as search terms: words, their English and Dutch stems (Snowball), and
compounds.

Every word is indexed under its lower-cased, accent-free form and under its English and its
Dutch Snowball stem, whatever the text's language (records mix both, and most texts carry no
language tag). Two adjacent words are also indexed as one ("gender training" as
``gendertrain``), so a query for the Dutch compound "gendertraining" finds the English text;
a query's adjacent words are also tried as one word, so "gender training" finds
"gendertraining". Each query word must match (AND); a word matches any of its forms (OR).
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 12
"""Longer queries keep their first words (the AND of twelve words rarely needs a thirteenth)."""
MAX_JOINED_WORDS = 8
"""Queries up to this long also try adjacent words as compounds."""
_STEMMERS = {
    lang: snowballstemmer.stemmer(name) for lang, name in (("en", "english"), ("nl", "dutch"))
}


@lru_cache(maxsize=262144)
def fold(word: str) -> str:
    """Lower case without accents: ``"Één"`` -> ``"een"``."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def forms(word: str) -> tuple[str, ...]:
    """The forms a (folded) word is indexed and searched under: itself and its stems."""
    found = dict.fromkeys([word, *(s.stemWord(word) for s in _STEMMERS.values())])
    return tuple(f for f in found if f)


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text``, folded, with where they are."""
    return [Token(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def index_terms(text: str) -> str:
    """What the index holds for ``text``: every word's forms, and adjacent words' joined forms."""
    words = [t.word for t in tokens(text)]
    terms: list[str] = []
    for i, word in enumerate(words):
        terms += forms(word)
        if i + 1 < len(words):
            terms += forms(word + words[i + 1])
    return " ".join(terms)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _alternatives(word: str, extra: Mapping[str, Sequence[str]] | None = None) -> str:
    terms = dict.fromkeys([*forms(word), *(extra or {}).get(word, ())])
    return "(" + " OR ".join(_quoted(f) for f in terms) + ")"


def _expression(
    words: list[str], joins: bool, extra: Mapping[str, Sequence[str]] | None = None
) -> str:
    """The query expression for the words in order: each word (or one of ``extra``'s terms
    for it), or two adjacent words as one."""
    if not words:
        return ""
    if len(words) == 1:
        return _alternatives(words[0], extra)
    alone = f"{_alternatives(words[0], extra)} AND {_expression(words[1:], joins, extra)}"
    if not joins:
        return alone
    rest = _expression(words[2:], joins, extra)
    joined = _alternatives(words[0] + words[1]) + (f" AND {rest}" if rest else "")
    return f"(({alone}) OR ({joined}))"


def query_words(query: str) -> list[str]:
    """The folded words of a user's query (at most :data:`MAX_QUERY_WORDS`)."""
    return [t.word for t in tokens(query)][:MAX_QUERY_WORDS]


def match_expression(query: str, extra: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The ranking engine's query text for a user's query (quoted terms, AND, OR: the syntax
    SQLite FTS5 and Tantivy share); ``None`` when it has no words. The user's text never
    reaches the query syntax as written: each word becomes a quoted term. ``extra``
    gives a word more terms it may match (the compounds it ends, :meth:`SearchIndex.search`)."""
    words = query_words(query)
    if not words:
        return None
    return _expression(words, joins=len(words) <= MAX_JOINED_WORDS, extra=extra)


def query_forms(query: str) -> set[str]:
    """Every form a matching word of a text may have (for highlighting)."""
    words = query_words(query)
    found = {f for w in words for f in forms(w)}
    found |= {f for a, b in itertools.pairwise(words) for f in forms(a + b)}
    return found


def _marked(text: str, query: set[str]) -> Iterator[tuple[int, int]]:
    """Where the text's matching words are (a word, or two adjacent words as one)."""
    words = tokens(text)
    for i, token in enumerate(words):
        if query & set(forms(token.word)):
            yield token.start, token.end
        elif i + 1 < len(words) and query & set(forms(token.word + words[i + 1].word)):
            yield token.start, words[i + 1].end


def snippet(text: str, query: str, width: int = 32) -> str:
    """HTML: about ``width`` words of ``text`` around its first match, matches in ``<mark>``,
    everything else escaped."""
    marks = list(_marked(text, query_forms(query)))
    words = list(WORD.finditer(text))
    if not words:
        return html.escape(text[:200])
    first = marks[0][0] if marks else 0
    centre = next((i for i, w in enumerate(words) if w.start() >= first), 0)
    low = max(0, centre - width // 3)
    high = min(len(words), low + width)
    start, end = (words[low].start() if low else 0), words[high - 1].end()
    out: list[str] = ["… " if low else ""]
    position = start
    for mark_start, mark_end in marks:
        if mark_start < start or mark_end > end:
            continue
        out += [html.escape(text[position:mark_start]), "<mark>"]
        out += [html.escape(text[mark_start:mark_end]), "</mark>"]
        position = mark_end
    out.append(html.escape(text[position:end]))
    out.append(" …" if high < len(words) else "")
    return "".join(out)
