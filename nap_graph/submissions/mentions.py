"""Finding known actors and countries in free text, by their labels.

Deterministic and dictionary-based: every label, alternative label and acronym of the
organisations and countries in the reference data is looked for on word boundaries; acronyms
(``OM``, ``IND``, ``JenV``) only with their exact case, other labels in any case; longer labels
win over shorter ones they overlap ("Public Prosecution Service" before "Service"); a
typographic apostrophe matches a straight one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from nap_graph.reference import Label, reference_index


def _plain(text: str) -> str:
    """Lowercase, single-spaced, straight apostrophes: for the quick test before a regex."""
    return " ".join(text.replace("\u2019", "'").split()).lower()


@cache
def _key(text: str) -> str:
    return _plain(text)


@cache
def _pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    flags = 0 if case_sensitive else re.IGNORECASE
    body = r"\s+".join(re.escape(part) for part in text.split())
    body = body.replace("'", "['\u2019]")  # a typographic apostrophe matches a straight one
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def find_mentions(text: str, labels: Iterable[Label] | None = None) -> list[str]:
    """The IRIs of the known resources ``text`` names, in order of first appearance.

    >>> iris = find_mentions("The Directorate Migration (DMB) talks with the COA.")
    >>> [i.rsplit("/", 1)[-1] for i in iris]
    ['jenv-dmb', 'coa']
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    plain = _plain(text)
    for label in labels if labels is not None else reference_index().mention_labels:
        if _key(label.text) not in plain:
            continue  # cannot match: skip the regex (most labels, for most texts)
        for match in _pattern(label.text, label.case_sensitive).finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, label.iri))
    ordered: list[str] = []
    for _, iri in sorted(found):
        if iri not in ordered:
            ordered.append(iri)
    return ordered
