"""IRIs are minted in one place: nap_graph/iris.py. Any other module that builds an IRI under
the base (``f"{ID}..."``, ``f"{GRAPH}..."``, ``f"{BASE}id/..."``) or a country authority IRI
by hand fails this test; reading an IRI (``removeprefix``, ``startswith``) is fine."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINTING = re.compile(
    r"""f["'][^"']*\{(?:ID|GRAPH)\}|f["'][^"']*\{BASE\}(?:id|graph)/|\b(?:ID|GRAPH|COUNTRY)\[|BASE \+ ["'](?:id|graph)/"""
)
READING = re.compile(r"removeprefix|startswith|endswith|\bin\b.*\bfor\b")
ALLOWED = {ROOT / "nap_graph" / "iris.py", ROOT / "nap_graph" / "namespaces.py"}


def test_no_iri_is_minted_outside_iris_py() -> None:
    offenders = []
    for folder in ("nap_graph", "nap_graph_api"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if MINTING.search(line) and not READING.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_check_catches_a_minted_iri() -> None:
    assert MINTING.search('x = f"{ID}organisation/{key}"')
    assert MINTING.search("x = COUNTRY[code]")
    assert not READING.search('x = f"{ID}organisation/{key}"')
