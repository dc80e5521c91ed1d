"""What a query or update may make the server do, decided before the engine sees it.

The embedded engine follows ``SERVICE <url>`` (and an update's ``LOAD <url>``) to any host,
so a public endpoint must refuse every call to a host that is not on its allowlist, however
the text is written. A scanner that tries to read SPARQL the way the engine does fails the
moment the two disagree (where a comment ends, what an escape means, which ``#`` starts a
comment). This check is built the other way round, so that any disagreement errs on
refusing:

1. Every place where the letters ``SERVICE`` (or ``LOAD``) occur, in any case, is a
   candidate, *whatever surrounds it*: inside a comment, a string or an IRI as well. The
   only occurrences left out are those that cannot be a keyword to any reading: inside a
   variable name (``?service``) or a prefixed name (``sd:Service``), which the engine reads
   greedily as one token.
2. What follows a candidate (after white space, comments ended by either line end, and
   ``SILENT``) decides: a ``<IRI>``, a prefixed name or a variable is a call target;
   anything else cannot be a ``SERVICE`` clause to the engine either.
3. A target is resolved in every way the text allows: ``\\u`` escapes applied and not;
   relative IRIs against the service's base *and* every ``BASE`` in the text; a prefixed
   name against *every* IRI the text binds its prefix to anywhere (comments included) and
   the built-in prefixes. Every resolution must be on the allowlist, exactly; a variable
   target is refused.

A ``SERVICE`` inside a comment or a string with a target after it is therefore refused
too; the message says so. :func:`has_dataset_clause` finds ``FROM`` / ``FROM NAMED`` with a
real parse where the scan says it may be there (so that a comment never changes an
answer), and :mod:`nap_graph.store.query_bounds` bounds
how large and deep the text is, before the engine's recursive parser can overflow its
stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from nap_graph.errors import QueryRefusedError
from nap_graph.namespaces import PREFIXES
from nap_graph.store.query_bounds import (
    IRI_REFERENCE,
    MAX_NESTING,
    MAX_OPERATORS,
    check_nesting,
    check_operators,
)

_VARNAME_CHAR = re.compile(r"[\w\u00b7\u0300-\u036f\u203f-\u2040]")
_NAME_CHAR = re.compile(r"[\w\u00b7\u0300-\u036f\u203f-\u2040.\-:%]")
_LOCAL_ESCAPES = set("_~.-!$&'()*+,;=/?#@%")
_SKIP = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
_SILENT = re.compile(r"SILENT(?![\w:])", re.IGNORECASE)
_NAMED = re.compile(r"NAMED(?![\w:])", re.IGNORECASE)
_IRI = IRI_REFERENCE
"""As the grammar has it, so an IRI holding a Unicode space is read as the engine reads it
(and judged), not skipped."""
_PREFIXED = re.compile(
    r"([A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:((?:[\w.\-:%\u00b7\u00c0-\uffff]|\\.)*)"
)
_VARIABLE = re.compile(r"[?$][\w\u00b7\u00c0-\uffff]+")
_BASE = re.compile(r"BASE(?:[ \t\r\n]+|#[^\r\n]*)*<([^<>\"{}|^`\s]*)>", re.IGNORECASE)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescaped(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their characters everywhere (what the
    SPARQL grammar allows before parsing; Oxigraph applies it inside IRIs and strings)."""

    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _UNICODE_ESCAPE.sub(one, text)


def _readings(text: str) -> list[str]:
    """The text as written and with its escapes applied (one when there are none)."""
    unescaped = _unescaped(text)
    return [text] if unescaped == text else [text, unescaped]


def _inside_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` continues a variable or prefixed name (read greedily by
    the engine as one token, so it cannot be a keyword)."""
    i = start
    while i > 0 and _VARNAME_CHAR.match(text[i - 1]):
        i -= 1
    if i > 0 and text[i - 1] in "?$":
        return True  # ?service, $xservice (a variable name holds no "." or ":")
    i = start
    while i > 0:
        previous = text[i - 1]
        if _NAME_CHAR.match(previous):
            i -= 1
        elif previous in _LOCAL_ESCAPES and i > 1 and text[i - 2] == "\\":
            i -= 2
        else:
            break
    return ":" in text[i:start]  # sd:Service, x:a.service, x:a\#service


def _keyword_ends(text: str, keyword: str) -> Iterable[int]:
    """Where each candidate occurrence of ``keyword`` ends (see the module's rule 1)."""
    pattern = re.compile(re.escape(keyword), re.IGNORECASE)
    for match in pattern.finditer(text):
        if not _inside_name(text, match.start()):
            yield match.end()


def _target(text: str, end: int, *, optional: re.Pattern[str] | None) -> str | None:
    """The call target written after a keyword ending at ``end``: ``<iri>``, ``p:local``,
    ``?var``, or ``None`` when none follows (rule 2)."""
    position = _SKIP.match(text, end).end()  # type: ignore[union-attr]
    if optional is not None:
        word = optional.match(text, position)
        if word is not None:
            position = _SKIP.match(text, word.end()).end()  # type: ignore[union-attr]
    for pattern in (_IRI, _VARIABLE, _PREFIXED):
        found = pattern.match(text, position)
        if found is not None and found.group():
            return found.group()
    return None


def _bases(text: str, base: str | None) -> list[str | None]:
    """Every base a relative IRI in the text may be resolved against."""
    bases: list[str | None] = [base]
    for match in _BASE.finditer(text):
        declared = match.group(1)
        bases.append(urljoin(base, declared) if base else declared)
    return bases


def _namespaces(text: str, prefix: str, defaults: Mapping[str, str]) -> set[str]:
    """Every IRI that the text binds ``prefix:`` to anywhere, and the built-in one."""
    found = {
        match.group(1)
        for match in re.finditer(
            rf"(?<![\w.\-:]){re.escape(prefix)}:(?:[ \t\r\n]+|#[^\r\n]*)*<([^<>\"{{}}|^`\s]*)>",
            text,
        )
    }
    if prefix in defaults:
        found.add(defaults[prefix])
    return found


def _resolutions(
    target: str, text: str, base: str | None, defaults: Mapping[str, str]
) -> set[str] | None:
    """Every absolute IRI ``target`` may mean (rule 3); ``None`` for a variable, or for a
    target that cannot be resolved at all."""
    if target[0] in "?$":
        return None
    if target.startswith("<"):
        iris = {target[1:-1]}
    else:
        prefix, _, local = target.partition(":")
        local = re.sub(r"\\(.)", r"\1", local)
        namespaces = _namespaces(text, prefix, defaults)
        if not namespaces:
            return None
        iris = {namespace + local for namespace in namespaces}
    resolved: set[str] = set()
    for iri in iris:
        if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
            resolved.add(iri)
            continue
        for candidate_base in _bases(text, base):
            if candidate_base is None:
                return None
            resolved.add(urljoin(candidate_base, iri))
    return resolved


def remote_calls(
    text: str, keyword: str, *, base: str | None = None, prefixes: Mapping[str, str] = {}
) -> list[tuple[str | None, set[str] | None]]:
    """Each candidate ``keyword`` in the text: the target written after it (``None`` when
    none can be read) and every IRI it may resolve to (``None``: a variable, or a target
    that cannot be resolved)."""
    optional = _SILENT
    calls: list[tuple[str | None, set[str] | None]] = []
    for reading in _readings(text):
        for end in _keyword_ends(reading, keyword):
            target = _target(reading, end, optional=optional)
            resolved = _resolutions(target, reading, base, prefixes) if target else None
            calls.append((target, resolved))
    return calls


def check_remote_calls(
    text: str,
    *,
    service_allowlist: Sequence[str],
    load_allowlist: Sequence[str] = (),
    base: str | None = None,
    prefixes: Mapping[str, str] = {},
    update: bool = False,
    strict: bool = False,
) -> None:
    """Refuse (:class:`QueryRefusedError`) a query or update that may call a host that is not
    on its allowlist: ``SERVICE`` for both, ``LOAD`` for updates.

    ``strict`` is for text that runs where the network is reachable (an update, or a query
    in a process that could not be isolated): then a keyword is refused wherever the engine
    might read it, whatever follows it (a target the scanner cannot read, such as an IRI
    holding a Unicode space, is refused, not passed). Where the query runs without a network
    (:mod:`nap_graph.isolation`) this check is the second line only, and only targets it
    can read are judged. With an allowlist a keyword whose target cannot be read is refused
    too."""
    lowered = text.lower()
    checks = [("SERVICE", service_allowlist)] if "service" in lowered else []
    if update and "load" in lowered:
        checks.append(("LOAD", load_allowlist))
    for keyword, allowlist in checks:
        allowed = ", ".join(allowlist) or "none"
        for target, iris in remote_calls(text, keyword, base=base, prefixes=prefixes):
            if target is None:
                if (strict or allowlist) and not _parsed_without(text, keyword, update):
                    raise QueryRefusedError(
                        f"the text holds {keyword} where the engine may read it as a call, "
                        f"and no allowed IRI follows it (allowed: {allowed}); {keyword} is "
                        "refused wherever it could be read, comments and strings included"
                    )
                continue
            if iris is None:
                raise QueryRefusedError(
                    f"{keyword} {target}: the target is a variable or cannot be resolved; "
                    f"{keyword} must name an allowed IRI (allowed: {allowed})"
                )
            refused = sorted(iri for iri in iris if iri not in allowlist)
            if refused:
                raise QueryRefusedError(
                    f"{keyword} {target} would call {refused[0]}, which is not on the "
                    f"allowlist (allowed: {allowed}). The text is read as strictly as "
                    f"possible: a {keyword} with a target after it is refused even inside a "
                    "comment or a string"
                )


def _parsed_without(text: str, keyword: str, update: bool) -> bool:
    """Whether a SPARQL parser whose grammar is tested against the W3C syntax suite
    (rdflib's) reads the text and finds no ``SERVICE`` (or ``LOAD``) in it: the word the
    scanner found, with no target it could read after it, is then in a string, an IRI or a
    name. Text the parser cannot read is never cleared (``False``). A target the scanner can
    read is always judged by the allowlist, whatever the parser says."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    names = {"SERVICE": "ServiceGraphPattern", "LOAD": "Load"}
    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:
        return False

    def holds(node: object) -> bool:
        if isinstance(node, CompValue):
            return node.name == names[keyword] or any(holds(v) for v in node.values())
        if isinstance(node, list | tuple) or hasattr(node, "asList"):
            return any(holds(v) for v in node)  # type: ignore[attr-defined]
        return False

    return not holds(tree)


def has_dataset_clause(text: str) -> bool:
    """Whether the query has ``FROM`` or ``FROM NAMED`` clauses of its own. A fast scan
    answers "no" when the word cannot be a clause anywhere; where it may be one, a SPARQL
    parser whose grammar is tested against the W3C syntax suite (rdflib's) decides, so a
    ``from`` in a comment or a string never changes the answer. Text that parser cannot
    read keeps the scan's answer."""
    if "from" not in text.lower() or not _scanned_dataset_clause(text):
        return False
    if len(text) <= KEPT_TEXT:
        return _parsed_dataset_clause_kept(text)
    return _parsed_dataset_clause(text)


KEPT_TEXT = 64 * 1024
"""Query texts up to this long have the parser's answer kept (the last 256), since parsing
takes 5 ms and clients send the same text again and again."""


@lru_cache(maxsize=256)
def _parsed_dataset_clause_kept(text: str) -> bool:
    return _parsed_dataset_clause(text)


def _parsed_dataset_clause(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:
        return True
    return any("datasetClause" in part for part in tree[1:] if hasattr(part, "keys"))


def _scanned_dataset_clause(text: str) -> bool:
    """``FROM`` followed by something that may be its graph, anywhere in the text
    (comments and strings included: a false "yes" is possible, a false "no" is not)."""
    for reading in _readings(text):
        for end in _keyword_ends(reading, "FROM"):
            target = _target(reading, end, optional=_NAMED)
            if target is not None and target[0] not in "?$":
                return True
    return False


@dataclass(frozen=True)
class QueryPolicy:
    """What the service lets a query or update do: the hosts ``SERVICE`` and ``LOAD`` may
    call (exact IRIs) and how deeply brackets may nest."""

    service_allowlist: Sequence[str] = ()
    load_allowlist: Sequence[str] = ()
    max_nesting: int = MAX_NESTING
    max_operators: int = MAX_OPERATORS

    def check_query(self, text: str, *, base: str | None = None, isolated: bool = False) -> None:
        """Refuse a query that nests too deeply or chains too many operators (400), or may
        call a host not allowed (403); ``isolated``: it will run without a network."""
        check_nesting(text, self.max_nesting)
        check_operators(text, self.max_operators)
        check_remote_calls(
            text,
            service_allowlist=self.service_allowlist,
            base=base,
            prefixes=PREFIXES,
            strict=not isolated,
        )

    def check_update(self, text: str, *, base: str | None = None) -> None:
        """:meth:`check_query` for an update, ``LOAD`` included."""
        check_nesting(text, self.max_nesting)
        check_operators(text, self.max_operators)
        check_remote_calls(
            text,
            service_allowlist=self.service_allowlist,
            load_allowlist=self.load_allowlist,
            base=base,
            prefixes=PREFIXES,
            update=True,
            strict=True,  # updates run in the service's own process, on its network
        )
